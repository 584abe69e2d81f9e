"""Build ``data/vocabulary.json``, the name and place vocabulary of the synthetic list generator.

Run once by a developer, never at run time::

    uv run --frozen python -m tollbook.victims.vocabulary_build ../shared/data data/vocabulary.json

What goes in, and why it is safe to commit:

* Given names and family names: common Syrian name *vocabulary* written here by hand
  (Arabic script and one usual romanisation). No victim's name, and no combination of
  names, comes from any list. Extra Latin spellings for each Arabic token are taken from
  the attested-variants table in ``linkage/arabic_names/arabic_name_variants.csv``
  (derived counts only, at most five spellings per token).
* Places: populated places of the coastal governorates (Latakia, Tartus) from the GeoNames
  ``cities500`` extract in ``gazetteer/`` (CC BY 4.0, credit GeoNames), with their Arabic
  names, plus the Latin aliases of the matching OCHA sub-districts (OpenSyria, CC BY 4.0).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from tollbook.victims.names import fold_latin

MALE_TEXT = """محمد:mohammad أحمد:ahmad محمود:mahmoud علي:ali حسن:hassan حسين:hussein خالد:khaled
عمر:omar يوسف:youssef إبراهيم:ibrahim عبد_الرحمن:abdulrahman عبد_الله:abdullah مصطفى:mustafa
سامر:samer باسل:basel ماهر:maher وائل:wael رامي:rami فادي:fadi سليمان:suleiman عيسى:issa
جورج:george إلياس:elias نزار:nizar غسان:ghassan عماد:imad بلال:bilal طارق:tarek زياد:ziad
نضال:nidal هيثم:haitham حيدر:haidar جعفر:jaafar سلمان:salman منذر:munther مازن:mazen
أيمن:ayman رياض:riad سمير:samir كمال:kamal جمال:jamal نبيل:nabil فراس:firas لؤي:louai
معن:maan أسامة:osama أنس:anas عدنان:adnan منير:mounir بشار:bashar حسام:hussam علاء:alaa
نور_الدين:nour_al-din صلاح_الدين:salah_al-din عبد_الكريم:abdulkarim عبد_العزيز:abdulaziz
قاسم:qasem ياسر:yasser شادي:shadi رضوان:radwan مهند:mohannad هاني:hani جهاد:jihad عثمان:othman
إسماعيل:ismail موسى:mousa داود:dawood يونس:younes رائد:raed كريم:karim ثائر:thaer حازم:hazem"""
FEMALE_TEXT = """فاطمة:fatima مريم:maryam زينب:zainab عائشة:aisha خديجة:khadija هدى:huda نور:nour
رنا:rana سلمى:salma ليلى:layla سارة:sara رهف:rahaf آمنة:amina سعاد:suad هيفاء:haifa
رغد:raghad ديما:dima لينا:lina منى:mona نادية:nadia سميرة:samira وفاء:wafaa سناء:sanaa
ريم:reem أمل:amal هالة:hala بشرى:bushra سوسن:sawsan رشا:rasha غادة:ghada جميلة:jamila
حنان:hanan إيمان:iman رولا:rola ماريا:maria نوال:nawal سهام:siham عبير:abeer"""
FAMILY_TEXT = """الأحمد:al-ahmad العلي:al-ali الحسن:al-hassan الخطيب:al-khatib إبراهيم:ibrahim
ديب:deeb سليمان:suleiman عيسى:issa يوسف:youssef حيدر:haidar عباس:abbas ميهوب:mayhoub
شاهين:shahin صالح:saleh درويش:darwish حداد:haddad نجار:najjar عثمان:othman محمود:mahmoud
الشيخ:al-sheikh الحلبي:al-halabi الحمصي:al-homsi العمر:al-omar الجاسم:al-jassem
زيدان:zeidan خليل:khalil منصور:mansour حمدان:hamdan سلوم:salloum شعبان:shaaban
رستم:rustom غانم:ghanem ناصر:nasser علوش:alloush جبور:jabbour مخلوف:makhlouf إسبر:isber
بدور:baddour خضور:khaddour ونوس:wannous الضاهر:al-daher صقر:saqr عمران:omran
طه:taha بركات:barakat حمود:hammoud عطية:attia نعمة:neameh قاسم:qassem سلامة:salameh
بلال:bilal حبيب:habib جديد:jadid الأسعد:al-asaad مرعي:marei الخليل:al-khalil عبود:abboud
مرهج:merhej حسون:hassoun محفوض:mahfoud زهرة:zahra العبدالله:al-abdullah كنعان:kanaan
شدود:shaddoud حاتم:hatem نصور:nassour إسماعيل:ismail الحاج:al-hajj عيد:eid سعود:saoud
شريقي:shreiqi بلول:ballul داود:dawood سعيد:saeed فياض:fayyad رمضان:ramadan عاصي:assi
القاسم:al-qassem الزعبي:al-zoubi المصري:al-masri السيد:al-sayed الحسين:al-hussein
هلال:hilal دلا:dalla عيون:ayoun جنود:jannoud ضاهر:daher طراف:tarraf ياسين:yassin
معلا:mualla شحادة:shehadeh غزال:ghazal الصالح:al-saleh حمادة:hamadeh زين:zein
نعيسة:naisseh رجب:rajab سعدة:saadeh خير_بك:kheirbek مرشد:murshed سويدان:suwaidan"""
NICKNAMES_TEXT = """محمد:حمودة:hamoudeh أحمد:حمادة:hamada عبد_الرحمن:عبدو:abdo محمود:حمود:hammoud
إبراهيم:برهوم:barhoum يوسف:جوزيف:joseph علي:علوش:alloush مصطفى:مصطفي:mustafa
خالد:خلودي:khaloudi حسين:حسون:hassoun"""

COASTAL_ADMIN1 = {"02", "14"}


def main(argv: list[str]) -> int:
    """``vocabulary_build SHARED_DATA OUT.json``: write the generator vocabulary."""
    shared, out = Path(argv[0]), Path(argv[1])
    variants = _variants(shared / "linkage" / "arabic_names" / "arabic_name_variants.csv")
    vocabulary: dict[str, list[dict[str, object]]] = {
        "male": [_entry(item, variants) for item in MALE_TEXT.split()],
        "female": [_entry(item, variants) for item in FEMALE_TEXT.split()],
        "family": [_entry(item, variants) for item in FAMILY_TEXT.split()],
        "nicknames": [dict(zip(("of", "arabic", "latin"), n.split(":"), strict=True)) for n in NICKNAMES_TEXT.split()],
        "places": _places(shared / "gazetteer"),
    }
    out.write_text(json.dumps(vocabulary, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {out}: {sum(len(v) for v in vocabulary.values())} entries")
    return 0


def _variants(path: Path) -> dict[str, list[str]]:
    """Arabic token → its attested Latin spellings, most frequent first."""
    with path.open(encoding="utf-8") as handle:
        return {row["arabic"]: row["variants"].split("|") for row in csv.DictReader(handle)}


def _entry(item: str, variants: dict[str, list[str]]) -> dict[str, object]:
    """One name: Arabic, the hand romanisation first, then up to four attested spellings."""
    arabic, latin = item.split(":")
    arabic, latin = arabic.replace("_", " "), latin.replace("_", " ")
    bare = arabic[2:] if arabic.startswith("ال") and len(arabic) > 4 else arabic
    attested = [fold_latin(v) for v in variants.get(bare.replace(" ", ""), variants.get(bare, []))]
    spellings = list(dict.fromkeys([latin, *[v for v in attested if v and " " not in v][:4]]))
    return {"arabic": arabic, "latin": spellings}


def _places(gazetteer: Path) -> list[dict[str, object]]:
    """Coastal towns and villages with an Arabic name and their Latin spellings."""
    aliases = _subdistrict_aliases(gazetteer / "syria_admin1_3.csv")
    places = []
    with (gazetteer / "geonames_sy_cities500.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["admin1code"] not in COASTAL_ADMIN1:
                continue
            arabic = [a for a in row["alternatenames"].split("|") if re.search("[\u0600-\u06ff]", a)]
            if not arabic:
                continue
            pure = [a for a in arabic if re.fullmatch("[\u0621-\u064a ]+", a)]
            name = next((a for a in pure if a in aliases), (pure or arabic)[-1])
            latin = [fold_latin(row["name"]).title(), *aliases.get(name, [])]
            places.append({"arabic": name, "latin": list(dict.fromkeys(latin))[:4], "governorate": row["admin1code"]})
    return places


def _subdistrict_aliases(path: Path) -> dict[str, list[str]]:
    """Arabic sub-district name → plain Latin aliases (no "Subdistrict"/"Nahiyat" forms)."""
    aliases: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            plain = [row["name_en"], *row["aliases_en"].split("|")]
            keep = [a for a in plain if a and not re.search("istrict|ahiyat|ḩiyat|nahyt|markaz", a, re.I)]
            aliases[row["name_ar"].replace("مركز ", "")] = [fold_latin(a).title() for a in keep]
    return aliases


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
