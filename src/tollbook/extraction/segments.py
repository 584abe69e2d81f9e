"""Sentence, paragraph and clause boundaries, computed once per text with C-speed regexes.

Rules look only inside the sentence (or clause) around a number, so the boundaries are
stored as sorted offset lists and found with :func:`bisect`, keeping extraction linear in
the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

# A sentence ends at . ! ? (plus closing quotes) followed by space and a capital/digit/quote,
# or at a line break. Abbreviations such as "U.N." or "Oct." are not ends (checked below).
# Written to open with one character class (the engine skips to those fast): a stop, or a line break.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|(?<=\n)\n*)")
_INITIALS = re.compile(r"(?:[A-Z]\.){0,3}[A-Z]")
_LIST_ITEM = re.compile(r"\s*(?:[#>*•-]|\d{1,3}[.)]\s)")
# A clause ends at ; — ( ), at " - ", at ", and", or before while, whereas, but, then, meanwhile
# and although. Read by three cheap scans (see _clause_breaks) instead of one slow pattern.
_CLAUSE_BREAK = re.compile(
    r"[;—()]|\s[-–]\s|,\s+[Aa]nd\b|\b(?:[Ww]hile|[Ww]hereas|[Bb]ut|[Tt]hen|[Mm]eanwhile|[Aa]lthough)\b"
)
_PUNCTUATION_BREAK = re.compile(r"[;—(),](?:(?<=[;—()])|(?<=,)\s+[Aa]nd\b)")
_DASH_BREAK = re.compile(r"[-–](?<=\s.)\s")  # " - ": the dash is found first, then the space before it
_BREAK_WORDS = tuple(
    w for word in ("while", "whereas", "but", "then", "meanwhile", "although") for w in (word, word.title())
)


@dataclass(frozen=True)
class Segments:
    """Offsets where sentences and paragraphs start, for one text."""

    text: str
    sentence_starts: list[int]
    paragraph_starts: list[int]
    break_starts: list[int]
    break_ends: list[int]

    @classmethod
    def of(cls, text: str) -> Segments:
        sentences, paragraphs = [0], [0]
        for match in _SENTENCE_END.finditer(text):
            if match.group().startswith("\n"):
                if not _hard_break(text, match.start(), match.end()):
                    continue  # a hard-wrapped line: the sentence goes on
                paragraphs.append(match.end())
            elif text[match.start()] == "." and _abbreviation(text, match.start()):
                continue
            elif "\n" in match.group():
                paragraphs.append(match.end())
            sentences.append(match.end())
        breaks = _clause_breaks(text)
        return cls(text, sentences, paragraphs, [b[0] for b in breaks], [b[1] for b in breaks])

    def sentence(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``offset``."""
        return _around(self.sentence_starts, offset, len(self.text))

    def sentence_index(self, offset: int) -> int:
        return bisect_right(self.sentence_starts, offset) - 1

    def paragraph_index(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def sentence_by_index(self, index: int) -> tuple[int, int]:
        start = self.sentence_starts[index]
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around [start, end): the sentence cut at ';', 'while', dashes and the like."""
        s_start, s_end = self.sentence(start)
        before = bisect_right(self.break_ends, start) - 1
        after = bisect_left(self.break_starts, end)
        left = max(s_start, self.break_ends[before]) if before >= 0 else s_start
        right = min(s_end, self.break_starts[after]) if after < len(self.break_starts) else s_end
        return left, right


_ABBREVIATIONS = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "St",
        "Gen",
        "Col",
        "Lt",
        "Sgt",
        "Capt",
        "Maj",
        "Gov",
        "Sen",
        "Rep",
        "Prof",
        "No",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "approx",
        "est",
        "vs",
        "etc",
        "Inc",
        "Co",
        "Corp",
        "Ltd",
        "Jr",
        "Sr",
    ]
)


def _abbreviation(text: str, dot: int) -> bool:
    """The word before this full stop is an abbreviation ("Dr.", "Oct.") or initials ("U.N.", "J.")."""
    before = text[max(0, dot - 9) : dot].rsplit(None, 1)
    word = before[-1] if before else ""
    word = word.lstrip("(\"“‘'")
    return word in _ABBREVIATIONS or bool(_INITIALS.fullmatch(word))


def _hard_break(text: str, start: int, end: int) -> bool:
    """A line break that ends a sentence: a blank line, after a heading or short line, or before a list item.

    Text wrapped at a fixed width breaks lines inside sentences ("claimed over\n600,000 lives");
    such soft breaks are read as spaces.
    """
    if text.count("\n", start, end) > 1 or end >= len(text):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start:start].rstrip()
    if len(line) < 50 or line[-1:] in '.!?:;"”’)' or line.lstrip().startswith("#"):
        return True
    return bool(_LIST_ITEM.match(text, end)) or text[end : end + 1].isspace()


def _clause_breaks(text: str) -> list[tuple[int, int]]:
    """The spans ``_CLAUSE_BREAK.finditer(text)`` gives, found about three times faster.

    One pattern tried at every position is slow; the breaks are instead found by what they
    start with (punctuation, a dash, a word found with ``str.find``). The kinds never overlap
    one another (their characters differ), so merging them in text order gives the same list;
    the one kind that can overlap itself (" - - ") is thinned the way the pattern would.
    """
    spans = [match.span() for match in _PUNCTUATION_BREAK.finditer(text)]
    last_end = -1
    for match in _DASH_BREAK.finditer(text):
        if match.start() - 1 >= last_end:
            spans.append((match.start() - 1, match.end()))
            last_end = match.end()
    spans.extend(_break_words(text))
    spans.sort()
    return spans


def _break_words(text: str) -> list[tuple[int, int]]:
    """The spans of "while", "But", ... standing alone: each word is sought once in the lower-cased
    text (both spellings at once), then checked against the text (only the first letter may be a capital)."""
    lower = text.lower()
    if len(lower) != len(text):  # a few letters change length when lower-cased: look up each spelling
        return [span for word in _BREAK_WORDS for span in _whole_words(text, text, word)]
    spans: list[tuple[int, int]] = []
    for word in _BREAK_WORDS[::2]:
        spans.extend(at for at in _whole_words(lower, text, word) if text[at[0] + 1 : at[1]] == word[1:])
    return spans


def _whole_words(haystack: str, text: str, word: str) -> list[tuple[int, int]]:
    """Spans where ``word`` occurs in ``haystack`` standing alone in ``text`` (as ``\\bword\\b`` would match)."""
    found = []
    at = haystack.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _is_word_char(text[at - 1])) and (end == len(text) or not _is_word_char(text[end])):
            found.append((at, end))
        at = haystack.find(word, end)
    return found


def _is_word_char(char: str) -> bool:
    """What the regex ``\\w`` matches in a str pattern: a letter, digit or underscore (any script)."""
    return char.isalnum() or char == "_"


def _around(starts: list[int], offset: int, length: int) -> tuple[int, int]:
    index = bisect_right(starts, offset) - 1
    end = starts[index + 1] if index + 1 < len(starts) else length
    return starts[index], end
