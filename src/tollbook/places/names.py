"""Place-name keys that survive transliteration: Tartous/Tartus/Ţarţūs, Baniyas/Banyas/Banias.

Two keys per name. :func:`name_key` removes what never distinguishes places (case,
diacritics, articles such as al-/el-/the, punctuation). :func:`fold_key` also folds the
vowel and doubling variation of English transliterations of Arabic (e->a, o->u, y->i, a
final h after a vowel, doubled letters), so Jableh and Jablah meet. Arabic script is
normalised the usual way (alef forms, taa marbuta, alef maqsura, the article ال).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARTICLES = re.compile(r"^(?:the|al|el|as|ash|ad|ar|at|az|an|ez|es|ed|ul)\s+")
_INNER_ARTICLES = re.compile(r"\s(?:al|el|as|ash|ad|ar|at|az|an|ez|es|ed)\s")
_PUNCT = re.compile(r"[\s\-_'’‘`ʿʾ.,()/]+")
_ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff]")
_TASHKEEL = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_FOLDS = (
    (re.compile(r"ou|oo|o"), "u"),
    (re.compile(r"ee|ie|ey|iy|y"), "i"),
    (re.compile(r"e"), "a"),
    (re.compile(r"dh"), "d"),
    (re.compile(r"th"), "t"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"q"), "k"),
    (re.compile(r"(?<=[aiu])h\b"), ""),
    (re.compile(r"(\w)\1+"), r"\1"),
)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Case-, accent-, article- and punctuation-free form of a place name.

    NFKC first: Arabic presentation forms (U+FB50-U+FEFF, common in text copied out of PDFs)
    become ordinary letters, so a name reaches the Arabic rules whichever way it was encoded.
    Arabic vowel marks go before the script is decided: a stray mark on a Latin name must not
    send it down the Arabic path (which keeps Latin letters as they are).
    """
    name = _TASHKEEL.sub("", unicodedata.normalize("NFKC", name))
    if _ARABIC_LETTERS.search(name):
        return _arabic_key(name)
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    plain = _PUNCT.sub(" ", plain).strip()
    plain = _ARTICLES.sub("", plain)
    return _INNER_ARTICLES.sub(" ", f" {plain} ").strip()


@lru_cache(maxsize=65536)
def fold_key(name: str) -> str:
    """A looser key that also folds transliteration vowels and doubled letters."""
    key = name_key(name)
    if _ARABIC_LETTERS.search(key):
        return key
    for pattern, replacement in _FOLDS:
        key = pattern.sub(replacement, key)
    return key.replace(" ", "")


def _arabic_key(name: str) -> str:
    text = _TASHKEEL.sub("", name)
    text = re.sub("[أإآٱ]", "ا", text).replace("ة", "ه").replace("ى", "ي")
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in re.split(r"[\s\-_]+", text.strip()) if w]
    return " ".join(words)
