"""Place strings as a passage writes them, found around a claim.

Three finders, merged in text order: the gazetteer's names (Syria by default), a short list of
countries and conflict areas elsewhere, and capitalised names after "in/near/at/outside ..."
or "the city/village/province of ...". The strings are kept as written; resolving them to
p-codes is the casebook's job, so a name the gazetteer lacks is still recorded.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from tollbook.extraction.lexicon import GROUPS, MONTHS, WEEKDAYS, word_start_alternation, words


class PlaceIndex(Protocol):
    """What extraction needs from a gazetteer (``tollbook.places.Gazetteer`` is one): names found in a text.

    Extraction and places are sibling layers, so extraction names only this shape and the
    caller (the casebook, the CLI) hands in the gazetteer.
    """

    def find_in_text(self, text: str) -> list[tuple[int, int, Any]]:
        """(start, end, place) for every place name mentioned in ``text``."""
        ...


WORLD = (
    "Afghanistan|Algeria|Armenia|Azerbaijan|Bangladesh|Burkina Faso|Burundi|Cameroon|Central African Republic|Chad"
    "|Colombia|Congo|Democratic Republic of the Congo|DRC|Egypt|Eritrea|Ethiopia|Gaza|Gaza Strip|Gaza City|Haiti"
    "|India|Indonesia|Iran|Iraq|Israel|Jordan|Kenya|Lebanon|Libya|Mali|Mexico|Morocco|Mozambique|Myanmar|Nepal|Niger"
    "|Nigeria|Pakistan|Palestine|Philippines|Russia|Rwanda|Saudi Arabia|Somalia|South Sudan|Sri Lanka|Sudan|Syria"
    "|Tunisia|Turkey|Turkiye|Türkiye|Uganda|Ukraine|Yemen|West Bank|Darfur|North Darfur|South Darfur|West Darfur"
    "|El-Fasher|El Fasher|Al-Fashir|Khartoum|Omdurman|Kordofan|Geneina|Tawila|Zamzam|Rafah|Khan Younis|Khan Yunis"
    "|Jabalia|Deir al-Balah|Nuseirat|Jenin|Nablus|Hebron|Tulkarm|Kyiv|Kharkiv|Odesa|Odessa|Donetsk|Luhansk|Mariupol"
    "|Bakhmut|Zaporizhzhia|Kherson|Dnipro|Lviv|Sumy|Mandalay|Yangon|Sagaing|Rakhine|Naypyidaw|Kahramanmaras"
    "|Kahramanmaraş|Hatay|Antakya|Gaziantep|Adiyaman|Malatya|Beirut|Tyre|Sidon|Baalbek|Baghdad|Mosul|Sanaa|Aden"
    "|Hodeidah|Marib|Tigray|Amhara|Kabul|Herat|Port-au-Prince|Mogadishu|Goma|Kinshasa|Tripoli|Derna|Benghazi"
    "|Marrakesh|Nepal|Kathmandu|Gujarat|Manipur|Kashmir|Balochistan|Khyber Pakhtunkhwa|Idlib|Aleppo|Damascus"
)
_WORLD = re.compile(word_start_alternation(WORLD.split("|")) + r"\b")  # \b(?:Afghanistan|...)\b, fast
_NAME = r"[A-Z][\w'’-]*(?:[\s-]+(?:(?:al|el|ad|as|ash|ar|az|an|ez|es|ed|de)[\s-]+)?[A-Z][\w'’-]*){0,3}"
_PREPOSITION = re.compile(
    word_start_alternation(words("in near at outside across throughout around along inside from on"))
    + rf"\s+(?:the\s+)?"
    rf"(?:(?:city|town|village|province|governorate|region|district|camp|neighbou?rhood|area|state|county"
    rf"|municipality|countryside|outskirts|suburbs?)\s+of\s+(?:the\s+)?)?(?P<name>{_NAME})"
)
_OF_PLACE = re.compile(
    rf"\b(?:city|town|village|province|governorate|region|district|camp|neighbou?rhood|state|county|outskirts"
    rf"|countryside|residents|inhabitants|people|east|west|north|south)\s+of\s+(?:the\s+)?(?P<name>{_NAME})"
)
_AFFILIATION = re.compile(r"-(?:run|held|controlled|backed|led|aligned|allied|affiliated)$")
_ARTICLE = re.compile(r"^(?:the|al|el)\s+")
_NON_WORDS = re.compile(r"[\W_]+")
_DEMONYM_END = re.compile(r"(?:ian|ese|i|ish|an)$")
_LOWER_NEXT = re.compile(r"\s+[a-z]")
# _OF_PLACE needs "of" before a capitalised name: a literal search rules most sentences out at once.
_OF_CAPITAL = re.compile(r"of\s+(?:the\s+)?[A-Z]")
_NOT_NAMES = frozenset(
    [*MONTHS, *WEEKDAYS, *GROUPS, "x", "twitter", "telegram", "facebook", "the", "a", "an", "he", "she", "they",
     "it", "we", "i", "this", "that", "these", "his", "her", "their", "its", "our", "thursday's", "friday's",
     "christmas", "ramadan", "eid", "easter", "un", "u.n", "who", "reuters", "afp", "ap"]
)  # fmt: skip
_ORG_WORDS = re.compile(
    r"\b(?:Ministry|Observatory|Organization|Organisation|Commission|Committee|Council|Agency|Office|Forces|Army"
    r"|Network|Watch|Group|News|TV|Agency|Media|Health|Rights|Minister|President|Inquiry|Welfare|Interior|Defense"
    r"|Defence|Affairs|Relief|Crescent|Cross|Fund|Programme|Program)\b"
)


def places_in(text: str, start: int, end: int, gazetteer: PlaceIndex | None) -> list[tuple[int, str]]:
    """(offset, place string as written) in text[start:end], in text order, without repeats."""
    window = text[start:end]
    found: dict[tuple[int, int], str] = {}
    for first, last, _ in gazetteer.find_in_text(window) if gazetteer is not None else ():
        found[(first, last)] = window[first:last]
    for match in _WORLD.finditer(window):
        found.setdefault(match.span(), match.group())
    for pattern in (_PREPOSITION, _OF_PLACE) if _OF_CAPITAL.search(window) else (_PREPOSITION,):
        for match in pattern.finditer(window):
            name = _trim(match.group("name"))
            if name and _plausible(name, window, match.end("name")):
                found.setdefault((match.start("name"), match.start("name") + len(name)), name)
    kept = [(start + first, name) for (first, _), name in _without_overlaps(found)]
    return [(offset, name) for offset, name in kept if not _dateline(text, offset, name)]


def _dateline(text: str, offset: int, name: str) -> bool:
    """ "DAMASCUS, March 7 —": where the report was filed, not where anything happened."""
    return name.isupper() and len(name) > 4 and (offset == 0 or text[offset - 1] == "\n")


def _trim(name: str) -> str:
    words = name.split()
    while words and (words[-1] in ("The", "A", "An") or words[-1].lower() in _NOT_NAMES):
        words.pop()
    return " ".join(words).rstrip("'’")


def _plausible(name: str, window: str, end: int) -> bool:
    if name.lower() in _NOT_NAMES or len(name) < 3 or _ORG_WORDS.search(name) or _AFFILIATION.search(name):
        return False
    following = window[end : end + 12]
    demonym = _DEMONYM_END.search(name) and _LOWER_NEXT.match(following)
    return not demonym


def _without_overlaps(found: dict[tuple[int, int], str]) -> list[tuple[tuple[int, int], str]]:
    kept: list[tuple[tuple[int, int], str]] = []
    seen: set[str] = set()
    for span, name in sorted(found.items(), key=lambda item: (item[0][0], -item[0][1])):
        if kept and span[0] < kept[-1][0][1]:
            continue
        key = _ARTICLE.sub("", _NON_WORDS.sub(" ", name.casefold())).strip()
        if key in seen:
            continue
        seen.add(key)
        kept.append((span, name))
    return kept
