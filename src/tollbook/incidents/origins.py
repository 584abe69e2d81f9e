"""Who a figure really comes from: "SOHR" and "the Syrian Observatory for Human Rights" are one body.

Independence is decided on these keys: a wire story crediting the Observatory adds a
citation of the Observatory, not a second witness. A full name and its acronym meet on
the acronym of the name's significant words; short names stay as their words.
"""

from __future__ import annotations

import re
import unicodedata

_STOP = frozenset({"the", "of", "for", "and", "in", "on", "a", "an", "to", "s"})
_WORD = re.compile(r"[a-z0-9]+")
_REMARK = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def same_body(left: str, right: str) -> bool:
    """Whether two names plausibly denote one body: same key, or one's words all within the other's.

    "The national committee" and "National Fact-Finding Committee"; "UN High Commissioner for
    Human Rights, Volker Türk" and "UN High Commissioner for Human Rights".
    """
    a, b = _words(left), _words(right)
    return bool(a and b) and (origin_key(left) == origin_key(right) or a <= b or b <= a)


def _words(name: str) -> frozenset[str]:
    folded = unicodedata.normalize("NFKD", _REMARK.sub(" ", name)).encode("ascii", "ignore").decode()
    return frozenset(w for w in _WORD.findall(folded.lower()) if w not in _STOP)


def origin_key(name: str) -> str:
    """A normalised key: an acronym for multi-word names, the lower-case letters for acronyms.

    >>> origin_key("Syrian Observatory for Human Rights") == origin_key("SOHR")
    True
    >>> origin_key("Syrian Observatory for Human Rights (demo paraphrase)")
    'sohr'
    """
    bare = _REMARK.sub(" ", name)  # "(demo paraphrase)", "(via AFP)": remarks, not part of the name
    folded = unicodedata.normalize("NFKD", bare).encode("ascii", "ignore").decode().strip()
    words = [w for w in _WORD.findall(folded.lower()) if w not in _STOP]
    if not words:
        return ""
    if len(words) == 1:
        token = words[0]
        raw = re.sub(r"[^A-Za-z]", "", folded)
        return token if not (raw.isupper() and 2 <= len(raw) <= 8) else raw.lower()
    acronym = "".join(w[0] for w in words)
    return acronym if len(acronym) >= 3 else " ".join(words)
