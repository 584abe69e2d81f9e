"""Person names in either script → normal tokens and cross-script keys.

Two layers, each idempotent:

* :func:`normalise_name` gives the *normal form*: tokens in the record's own script with
  orthography folded (Arabic: :mod:`tollbook.victims.arabic`; Latin: lower case, no accents
  or apostrophes), the article (al- / el- / ال) dropped, "bin"/"ibn"/"بن" connectors
  dropped, and compounds glued into one token: "Abd al-Rahman", "Abdul Rahman",
  "Abdulrahman" and "عبد الرحمن" all become one token (``abdrahman`` / ``عبدرحمن``);
  "Nour al-Din" → ``nourdin``; "Abu Ahmad" → ``abuahmad``.
* :func:`token_key` maps one normal token to a *consonant skeleton* shared by both scripts:
  Mohammad, Mohamed, Muhammad and محمد all give ``MHMD``. Latin spellings whose rule-based
  skeleton differs from the Arabic one (Osman → عثمان) are fixed by a learned table,
  ``data/translit.tsv`` (see :mod:`tollbook.victims.translit_learn`).

Keys are deliberately coarse (vowels are dropped): the linkage model weighs a key match
below an exact or near-exact spelling match, so coarse keys raise recall without deciding
a link on their own.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tollbook.victims.arabic import arabic_skeleton, is_arabic, normalise_arabic

ARTICLES = frozenset({"al", "el", "ul", "il", "ال"})
CONNECTORS = frozenset({"bin", "ibn", "ben", "bint", "binti", "bn", "بن", "ابن", "بنت"})
ABU = frozenset({"abu", "abou", "abo", "ابو"})
ABD = frozenset({"abd", "abdul", "abdel", "abdal", "abdil", "abdoul", "abdou", "abdu", "abdol", "عبد"})
DIN = frozenset({"din", "deen", "dine", "eddin", "eddine", "uddin", "aldin", "addin", "دين"})

_APOSTROPHES = str.maketrans(dict.fromkeys("'`’‘ʿʾʼ´", ""))
_SEPARATORS = re.compile(r"[\s\-_.,;/|()\"]+")
_GLUED_ABD = re.compile(r"^abd(?:oul|oul|ul|el|al|il|ol|ou|u|e|a|o)?([a-z]{3,})$")
_GLUED_DIN = re.compile(r"^([a-z]{2,}?)(?:[aeiou][ld]|[aeiou]d)?(?:din|deen|dine)$")
_GLUED_ABD_AR = re.compile(r"^عبد(?:ال)?(.{2,})$")
_GLUED_DIN_AR = re.compile(r"^(.{2,}?)(?:ال)?دين$")


@dataclass(frozen=True)
class NameParts:
    """A name split into the parts lists record: given, father's and family name."""

    given: str = ""
    father: str = ""
    family: str = ""


def fold_latin(text: str) -> str:
    """Lower case, no accents or apostrophes, ASCII letters, digits and spaces only."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_text = ascii_text.lower().replace("ß", "ss").replace("ı", "i")
    return " ".join(re.sub(r"[^a-z0-9\u0600-\u06ff]+", " ", ascii_text).split())


def raw_tokens(text: str) -> list[str]:
    """Words of a name in its own script, orthography folded, before particles are handled."""
    text = normalise_arabic(text) if is_arabic(text) else text
    folded = fold_latin(_SEPARATORS.sub(" ", text)) if not is_arabic(text) else text
    words = _SEPARATORS.sub(" ", folded).split()
    return [part for word in words for part in _split_article(word)]


def _split_article(word: str) -> list[str]:
    """Arabic ال glued to a word is the article; keep it as its own token for later dropping."""
    if word.startswith("ال") and len(word) >= 4 and word not in {"الله"}:
        return ["ال", word[2:]]
    return [word]


@cache
def normalise_name(text: str) -> str:
    """Normal form of a whole name: normal tokens joined by single spaces (idempotent)."""
    return " ".join(name_tokens(text))


@cache
def name_tokens(text: str) -> tuple[str, ...]:
    """Normal tokens of a name: articles and connectors dropped, compounds glued."""
    words = raw_tokens(text)
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        nxt = _next_content(words, i + 1)
        if word in ARTICLES or (word in CONNECTORS and len(words) > 1):
            i += 1
            continue
        if (word in ABD or word in ABU) and nxt is not None:
            prefix = "عبد" if word == "عبد" else "ابو" if word == "ابو" else "abd" if word in ABD else "abu"
            out.append(prefix + _strip_article(words[nxt]))
            i = nxt + 1
            continue
        if word in DIN and out:
            out[-1] = out[-1] + ("دين" if word == "دين" else "din")
            i += 1
            continue
        out.append(_glue_token(word))
        i += 1
    return tuple(t for t in out if t)


def _next_content(words: list[str], start: int) -> int | None:
    """Index of the next word that is not an article, or None."""
    for j in range(start, len(words)):
        if words[j] not in ARTICLES:
            return j
    return None


def _strip_article(word: str) -> str:
    """Drop a glued article and a doubled sun letter: "rrahman" → "rahman", "الله" → "له"."""
    if word.startswith("ال") and len(word) >= 4:
        word = word[2:]
    if len(word) > 2 and word[0] == word[1] and word[0].isascii():
        word = word[1:]
    return word


def _glue_token(word: str) -> str:
    """Canonical form of one glued compound token (abdulrahman → abdrahman, nureddin → nurdin)."""
    if match := _GLUED_ABD.match(word):
        return "abd" + _strip_article(match.group(1))
    if match := _GLUED_ABD_AR.match(word):
        return "عبد" + _strip_article(match.group(1))
    if (match := _GLUED_DIN.match(word)) and not word.startswith("abd"):
        return match.group(1) + "din"
    if match := _GLUED_DIN_AR.match(word):
        return match.group(1) + "دين"
    if word.isascii() and word[:2] in {"al", "el"} and word[2:] in _known_latin():
        return word[2:]
    return word


@cache
def token_key(token: str) -> str:
    """Cross-script consonant skeleton of one normal token (Mohammed, محمد → MHMD)."""
    if not token:
        return ""
    if is_arabic(token):
        return arabic_skeleton(token)
    learned = _learned_keys().get(token)
    return learned if learned is not None else latin_skeleton(token)


def name_key(text: str) -> str:
    """Space-joined keys of all tokens of a name, in order."""
    return " ".join(token_key(t) for t in name_tokens(text))


_LATIN_DIGRAPHS = (
    ("sch", "C"), ("sh", "C"), ("ch", "C"), ("kh", "X"), ("gh", "G"), ("th", "T"),
    ("dh", "D"), ("ph", "F"), ("ck", "K"), ("ou", "u"),
)  # fmt: skip
_LATIN_CLASS = {
    "b": "B", "p": "B", "t": "T", "j": "J", "g": "J", "h": "H", "d": "D", "r": "R",
    "z": "Z", "s": "S", "f": "F", "v": "F", "k": "K", "q": "K", "c": "K", "l": "L",
    "m": "M", "n": "N", "x": "KS",
}  # fmt: skip
_VOWELS = frozenset("aeiouyw")


def latin_skeleton(token: str) -> str:
    """Rule-based consonant skeleton of a folded Latin token (vowels dropped, first kept)."""
    word = token
    if len(word) > 2 and word.endswith("h") and word[-2] in "aeiou":
        word = word[:-1]
    first = ""
    if word and word[0] in _VOWELS:
        first = {"y": "Y", "w": "W"}.get(word[0], "A")
        word = word[2:] if word[:2] == "ou" else word[1:]
    for digraph, cls in _LATIN_DIGRAPHS:
        word = word.replace(digraph, cls)
    body = "".join(_LATIN_CLASS.get(ch, ch if ch.isupper() else "") for ch in word)
    return re.sub(r"(.)\1+", r"\1", first + body)


def split_full_name(text: str) -> NameParts:
    """Guess given / father / family from a full name: "Family, Given" or "Given [Father] Family".

    Three or more tokens are read Arabic-style (given, father, family); the middle tokens
    beyond the father's name are kept in ``father`` as the lineage chain.
    """
    parts = re.split(r"[,،]", text, maxsplit=1)
    if len(parts) == 2:
        given_tokens = name_tokens(parts[1])
        family = " ".join(name_tokens(parts[0]))
        return NameParts(given_tokens[0] if given_tokens else "", " ".join(given_tokens[1:]), family)
    tokens = list(name_tokens(text))
    if not tokens:
        return NameParts()
    if len(tokens) == 1:
        return NameParts(given=tokens[0])
    return NameParts(tokens[0], " ".join(tokens[1:-1]), tokens[-1])


@cache
def _learned_keys() -> dict[str, str]:
    """Latin spelling → key learned from attested Arabic–Latin pairs (committed data file)."""
    table: dict[str, str] = {}
    text = resources.files("tollbook.victims").joinpath("data/translit.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            latin, key = line.split("\t")[:2]
            table[latin] = key
    return table


@cache
def _known_latin() -> frozenset[str]:
    """Latin tokens known to be Arabic names (so a glued "al" before them is the article)."""
    return frozenset(_learned_keys())


@cache
def _nickname_keys() -> dict[str, frozenset[str]]:
    """Key of a common hypocoristic (Hamoudeh, حمودة) → keys of the names it may stand for (محمد)."""
    text = resources.files("tollbook.victims").joinpath("data/vocabulary.json").read_text(encoding="utf-8")
    table: dict[str, set[str]] = {}
    for entry in json.loads(text)["nicknames"]:
        full = name_key(entry["of"].replace("_", " ")).replace(" ", "")
        for spelling in (entry["arabic"], entry["latin"]):
            table.setdefault(name_key(spelling).replace(" ", ""), set()).add(full)
    return {key: frozenset(names) for key, names in table.items()}


@cache
def formal_keys(key: str) -> frozenset[str]:
    """``key`` and, when it is a known nickname's key, the keys of the names it stands for."""
    return frozenset({key}) | _nickname_keys().get(key, frozenset())


@cache
def _spellings() -> dict[str, frozenset[str]]:
    """Attested Latin spelling → the normal Arabic names it writes (``data/spellings.tsv``)."""
    text = resources.files("tollbook.victims").joinpath("data/spellings.tsv").read_text(encoding="utf-8")
    table: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            latin, arabic = line.split("\t")[:2]
            table[latin] = frozenset(arabic.split("|"))
    return table


def arabic_readings(token: str) -> frozenset[str] | None:
    """The Arabic names a normal token can be: itself if Arabic, the attested ones if Latin, else None."""
    if not token:
        return None
    if is_arabic(token):
        return frozenset({token.replace(" ", "")})
    return _spellings().get(token.replace(" ", ""))
