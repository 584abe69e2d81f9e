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
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+")
_INITIALS = re.compile(r"(?:[A-Z]\.){0,3}[A-Z]")
_LIST_ITEM = re.compile(r"\s*(?:[#>*•-]|\d{1,3}[.)]\s)")
_CLAUSE_BREAK = re.compile(
    r"[;—()]|\s[-–]\s|,\s+[Aa]nd\b|\b(?:[Ww]hile|[Ww]hereas|[Bb]ut|[Tt]hen|[Mm]eanwhile|[Aa]lthough)\b"
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
        breaks = [m.span() for m in _CLAUSE_BREAK.finditer(text)]
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


def _around(starts: list[int], offset: int, length: int) -> tuple[int, int]:
    index = bisect_right(starts, offset) - 1
    end = starts[index + 1] if index + 1 < len(starts) else length
    return starts[index], end
