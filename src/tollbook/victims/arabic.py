"""Arabic-script orthography: one normal form, and a consonant skeleton that meets Latin spellings.

Victim lists written in Arabic script spell the same name several ways: hamza on or under
the alef (أحمد / احمد), taa marbuta or haa at the end (فاطمة / فاطمه), alef maqsura or yaa
(مصطفى / مصطفي), with or without diacritics and tatweel. :func:`normalise_arabic` removes
those differences. :func:`arabic_skeleton` then reduces a token to the consonant classes a
Latin romanisation would also keep (see :mod:`tollbook.victims.names`), so an Arabic-script
record and a Latin one can be compared in one key space.
"""

from __future__ import annotations

import re
import warnings

with warnings.catch_warnings():  # pyarabic 0.6 has invalid escapes (SyntaxWarning when compiled)
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    import pyarabic.araby as araby

ARABIC_LETTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")

# Orthographic variants folded to one letter: hamza seats, taa marbuta, alef maqsura, Persian forms.
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ة": "ه",
        "ی": "ي",
        "ک": "ك",
        "گ": "ك",
        "پ": "ب",
        "چ": "ج",
        "ڤ": "ف",
        "ـ": "",
        "،": " ",
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
    }
)

# Consonant classes shared with the Latin skeleton; vowel letters and ع / ء map to "".
_CLASS = {
    "ب": "B", "ت": "T", "ث": "T", "ج": "J", "ح": "H", "خ": "X", "د": "D", "ذ": "D",
    "ر": "R", "ز": "Z", "س": "S", "ش": "C", "ص": "S", "ض": "D", "ط": "T", "ظ": "Z",
    "غ": "G", "ف": "F", "ق": "K", "ك": "K", "ل": "L", "م": "M", "ن": "N", "ه": "H",
    "ا": "", "و": "", "ي": "", "ع": "", "ء": "",
}  # fmt: skip
_INITIAL = {"ا": "A", "ع": "A", "ء": "A", "و": "W", "ي": "Y"}


def is_arabic(text: str) -> bool:
    """True when the text contains Arabic-script letters (the record is in Arabic script)."""
    return bool(ARABIC_LETTERS.search(text))


def normalise_arabic(text: str) -> str:
    """One spelling per Arabic word: no diacritics or tatweel, one alef, haa for taa marbuta.

    Idempotent; non-Arabic characters pass through unchanged.
    """
    text = araby.strip_tashkeel(araby.strip_tatweel(text))
    text = text.replace("\u0670", "").replace("\u200c", "").replace("\u200f", "")
    return " ".join(text.translate(_FOLD).split())


def arabic_skeleton(token: str) -> str:
    """Consonant-class key of one normalised Arabic token, e.g. محمد → MHMD, يوسف → YSF.

    A final haa (the folded taa marbuta, or the silent haa of الله) is dropped because
    romanisations drop it or write a vowel; repeated classes collapse like Latin doubles.
    """
    if not token:
        return ""
    letters = token
    if len(letters) > 1 and letters.endswith("ه"):
        letters = letters[:-1]
    first = _INITIAL.get(letters[0], _CLASS.get(letters[0], ""))
    out = [first] + [_CLASS.get(ch, "") for ch in letters[1:]]
    return _collapse("".join(out))


def _collapse(key: str) -> str:
    """Repeated consonant classes count once (shadda, Latin doubles)."""
    return re.sub(r"(.)\1+", r"\1", key)
