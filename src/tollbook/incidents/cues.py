"""Event cues: the words that say what kind of event a report is about ("massacre", "ambush").

Cues tie together reports that name no place, and name the proposed incident. They are
deliberately few and plain: a cue only helps when time already agrees.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# Word stems -> the event word used in titles. Ordered from most to least specific.
EVENT_WORDS: dict[str, str] = {
    "massacre": "Massacre",
    "execution": "Executions",
    "executed": "Executions",
    "ambush": "Ambush",
    "airstrike": "Airstrike",
    "air strike": "Airstrike",
    "bombing": "Bombing",
    "explosion": "Explosion",
    "shelling": "Shelling",
    "earthquake": "Earthquake",
    "flood": "Flood",
    "clashes": "Clashes",
    "offensive": "Offensive",
    "raid": "Raid",
    "attack": "Attack",
    "killings": "Killings",
    "violence": "Violence",
}
_TOKEN = re.compile(r"[a-z][a-z\-]{2,}")
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "were",
        "was",
        "has",
        "have",
        "had",
        "are",
        "its",
        "into",
        "over",
        "after",
        "amid",
        "amidst",
        "about",
        "than",
        "more",
        "least",
        "their",
        "they",
        "them",
        "said",
        "says",
        "say",
        "report",
        "reports",
        "reported",
        "update",
        "statement",
        "news",
        "people",
        "killed",
        "dead",
        "deaths",
        "death",
        "toll",
        "lives",
        "civilians",
        "according",
    ]
)


def tokens(text: str | None) -> frozenset[str]:
    """Content words of a title or span, lower-cased, without stop words."""
    if not text:
        return frozenset()
    return frozenset(t for t in _TOKEN.findall(text.lower()) if t not in _STOP)


def similarity(left: frozenset[str], right: frozenset[str]) -> float:
    """Jaccard overlap of two token sets (0 when either is empty)."""
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def event_words(texts: Iterable[str | None]) -> list[str]:
    """Event words found in the texts, most frequent first (ties alphabetical)."""
    counts: Counter[str] = Counter()
    for text in texts:
        lowered = (text or "").lower()
        counts.update({label for stem, label in EVENT_WORDS.items() if stem in lowered})
    return [word for word, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
