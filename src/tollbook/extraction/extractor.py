"""Text in, casualty claims out: the :class:`Extractor` interface and the rule-based extractor.

:class:`RuleExtractor` reads every number once (:mod:`tollbook.extraction.counting` decides
whether it is a casualty count), then fills in what the passage around it says: qualifiers
shared across a coordination, category themes, who is credited, whether it is background,
places, dates and perpetrators. Repeats of the same figure in one passage are kept once.
A statistical extractor can replace it by implementing :class:`Extractor`.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from tollbook.errors import InputError
from tollbook.extraction import attribution as attr
from tollbook.extraction.background import background_cue, dated_year, war_phrase_before
from tollbook.extraction.counting import BREAKS_COORDINATION, THEME, Mention, read_number
from tollbook.extraction.dates import DateMention, find_dates, parse_published
from tollbook.extraction.numbers import NUMBER_SCAN
from tollbook.extraction.perpetrators import perpetrator
from tollbook.extraction.placenames import PlaceIndex, places_in
from tollbook.extraction.segments import Segments
from tollbook.records import Category, Claim, Outcome, Qualifier, Span

_NOT_NAMED = attr.PRONOUNS | attr.WEAK_SUBJECTS  # subjects that name no body
# Enum members by value: a dictionary lookup, several times cheaper than calling the enum per claim.
_QUALIFIERS = {member.value: member for member in Qualifier}
_OUTCOMES = {member.value: member for member in Outcome}
_CATEGORIES = {member.value: member for member in Category}
_JOINER = re.compile(r"\band\b|,|\bplus\b|\bas well as\b")
_WORD = re.compile(r"[A-Za-z]+")

MAX_TEXT = 50_000_000
_WORDY = re.compile(r"[A-Za-z]{3}")
REACH = 600  # how far (in characters) a sentence may reach around a number


class Extractor(ABC):
    """Anything that turns one text into casualty claims with spans into that text."""

    name: str = "extractor"
    version: str = "0"

    @abstractmethod
    def extract(self, text: str, *, published: str | None = None) -> list[Claim]:
        """Claims in ``text``; ``published`` (ISO date) anchors relative dates like "on Saturday"."""

    @property
    def label(self) -> str:
        """Name and version, stored with every claim so a re-run with new rules is visible."""
        return f"{self.name}/{self.version}"


@dataclass
class _Passage:
    text: str
    segments: Segments
    published: str | None
    mentions: list[Mention] = field(default_factory=list)
    sentence_of: dict[int, int] = field(default_factory=dict)
    # Claims in one sentence look at the same windows: each window is read once.
    places_cache: dict[tuple[int, int], list[tuple[int, str]]] = field(default_factory=dict)
    all_dates: list[DateMention] | None = None
    published_date: date | None = None
    acronyms: dict[str, str] = field(default_factory=dict)
    clauses: dict[int, tuple[int, int]] = field(default_factory=dict)

    def clause_of(self, mention: Mention) -> tuple[int, int]:
        """The clause around a mention's span; background, places and dates all ask, so it is found once."""
        key = id(mention)
        if key not in self.clauses:
            self.clauses[key] = self.segments.clause(mention.span_start, mention.span_end)
        return self.clauses[key]

    def places_in(self, start: int, end: int, gazetteer: PlaceIndex | None) -> list[tuple[int, str]]:
        """Places inside text[start:end]; each sentence is read for places once."""
        s_start, s_end = self.segments.sentence(start)
        key = (s_start, s_end)
        if key not in self.places_cache:
            self.places_cache[key] = places_in(self.text, s_start, min(s_end, s_start + 4000), gazetteer)
        return [(offset, name) for offset, name in self.places_cache[key] if start <= offset < end]

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        """Dates inside text[start:end]; the sentences holding claims (the only ones asked about) are read once."""
        if self.all_dates is None:
            sentences = [self.segments.sentence_by_index(index) for index in sorted(set(self.sentence_of.values()))]
            self.all_dates = find_dates(self.text, 0, len(self.text), self.published_date, None, within=sentences)
        return [d for d in self.all_dates if start <= d.start and d.end <= end]


class RuleExtractor(Extractor):
    """Hand-written rules following the annotation conventions in docs/claims.md."""

    name = "rules"
    version = "4"

    def __init__(self, gazetteer: PlaceIndex | None = None) -> None:
        """``gazetteer`` finds place names (e.g. ``tollbook.places.default_gazetteer()``); without one,
        places come only from a list of countries and conflict areas and from "in/near X" patterns."""
        self.gazetteer = gazetteer

    def extract(self, text: str, *, published: str | None = None) -> list[Claim]:
        _check(text)
        if not text.strip():
            return []
        passage = _Passage(text, Segments.of(text), published)
        passage.published_date = parse_published(published)
        self._read_mentions(passage)
        if not passage.mentions:
            return []
        return self._claims(passage)

    def _read_mentions(self, passage: _Passage) -> None:
        text, segments = passage.text, passage.segments
        consumed = 0
        first_in_sentence: dict[int, int] = {}
        for match in NUMBER_SCAN.finditer(text):
            if match.start() < consumed or not _WORDY.search(text, max(0, match.start() - 40), match.end() + 40):
                continue  # a number with no words around it (a table, a list of figures) counts nothing said
            sentence = segments.sentence_index(match.start())
            start, end = segments.sentence_by_index(sentence)
            bounds = (max(start, match.start() - REACH), min(end, match.end() + REACH))
            previous = passage.mentions[-1] if passage.mentions else None
            if previous is not None and passage.sentence_of[id(previous)] != sentence:
                previous = None
            mention = read_number(text, match, bounds, previous)
            if mention is None:
                continue
            consumed = mention.end
            first_in_sentence.setdefault(sentence, mention.span_start)
            _coordinate(text, mention, previous)
            if mention.category is None and mention.via not in ("ellipsis",):
                theme_text = text[max(bounds[0], start) : first_in_sentence[sentence]]
                if "civilian" in theme_text.lower() and THEME.search(theme_text):
                    mention.category = "civilians"
            passage.mentions.append(mention)
            passage.sentence_of[id(mention)] = sentence

    def _claims(self, passage: _Passage) -> list[Claim]:
        text = passage.text
        known = passage.acronyms = attr.acronyms(text)
        by_sentence = self._attributions(passage, known)
        named = [n for items in by_sentence.values() for _, n in items if n and not attr.is_anaphor(n)]
        named += [n for n in known.values() if n not in named]
        historical = self._historical(passage)
        claims: list[Claim] = []
        last_source: dict[int, str | None] = {}
        seen: set[tuple[object, ...]] = set()
        for mention in passage.mentions:
            sentence = passage.sentence_of[id(mention)]
            source = self._source(passage, mention, sentence, by_sentence, last_source, historical[id(mention)])
            if source and attr.is_anaphor(source):
                source = attr.resolve_anaphor(source, named)
            key = _repeat_key(mention, historical[id(mention)])
            if key not in seen:  # a repeat is dropped before its places, date and agent are read
                seen.add(key)
                claims.append(self._claim(passage, mention, sentence, source, historical[id(mention)]))
        return claims

    def _attributions(self, passage: _Passage, known: dict[str, str]) -> dict[int, list[tuple[attr.Attribution, str]]]:
        found: dict[int, list[tuple[attr.Attribution, str]]] = {}
        for sentence in sorted(set(passage.sentence_of.values())):
            start, end = passage.segments.sentence_by_index(sentence)
            items = []
            for cue in attr.find_attributions(passage.text, start, min(end, start + 4000)):
                name = attr.clean_name(cue.name, known)
                if name:
                    items.append((cue, name))
            found[sentence] = items
        return found

    def _source(
        self,
        passage: _Passage,
        mention: Mention,
        sentence: int,
        by_sentence: dict[int, list[tuple[attr.Attribution, str]]],
        last_source: dict[int, str | None],
        historical: bool,
    ) -> str | None:
        items = by_sentence.get(sentence, [])
        named = [(cue, name) for cue, name in items if name.lower() not in _NOT_NAMED]
        chosen = _choose_attribution(passage.text, mention, named or items)  # '"We counted 512," said Dr. X
        if chosen and chosen.lower() in attr.PRONOUNS:
            chosen = next((s for s in reversed(list(last_source.values())) if s), None) or self._previous_subject(
                passage, sentence
            )
        paragraph = passage.segments.paragraph_index(mention.start)
        if chosen is None and not historical:
            chosen = last_source.get(paragraph) or self._announced_before(passage, sentence, paragraph)
        if chosen and not historical:
            last_source[paragraph] = chosen
        return chosen

    @staticmethod
    def _announced_before(passage: _Passage, sentence: int, paragraph: int) -> str | None:
        """ "The ministry issued new figures on Monday. At least 34 people were killed ...": the body
        announced in the sentence just before, in the same paragraph."""
        if sentence == 0:
            return None
        start, end = passage.segments.sentence_by_index(sentence - 1)
        if passage.segments.paragraph_index(start) != paragraph:
            return None
        return attr.announcing_body(passage.text, start, min(end, start + 2000), passage.acronyms)

    @staticmethod
    def _previous_subject(passage: _Passage, sentence: int) -> str | None:
        """ "The Red Crescent issued an update. It said ...": the body that opened the sentence before."""
        if sentence == 0:
            return None
        start, end = passage.segments.sentence_by_index(sentence - 1)
        return attr.sentence_subject(passage.text, start, end)

    def _historical(self, passage: _Passage) -> dict[int, bool]:
        cues: dict[int, str | None] = {}
        years: dict[int, int | None] = {}
        mentions = passage.mentions
        for index, mention in enumerate(mentions):
            start, _ = passage.segments.sentence(mention.start)
            low, high = passage.clause_of(mention)
            # A cue beyond a neighbouring figure belongs to that figure ("... ended last year").
            if index and mentions[index - 1].span_end <= mention.span_start:
                low = max(low, mentions[index - 1].span_end)
            if index + 1 < len(mentions) and mentions[index + 1].span_start >= mention.span_end:
                high = min(high, mentions[index + 1].span_start)
                war = war_phrase_before(passage.text, mention.span_end, high)
                high = war if war is not None and high == mentions[index + 1].span_start else high
            left = passage.text[max(start, mention.start - REACH) : mention.span_start]
            cues[id(mention)] = background_cue(left, passage.text[low:high])
            years[id(mention)] = dated_year(passage.text[low:high])
        _share_years(passage, years)
        others = sum(1 for cue in cues.values() if cue is None)
        found = {key: cue == "strong" or (cue == "war" and others > 0) for key, cue in cues.items()}
        self._dated_background(passage, years, found)
        for previous, mention in pairwise(mentions):
            if (
                mention.via in ("subset", "ellipsis")
                and passage.sentence_of[id(previous)] == passage.sentence_of[id(mention)]
            ):
                found[id(mention)] = found[id(previous)]  # "... killed 2,300 people, including 700 children"
        return found

    @staticmethod
    def _dated_background(passage: _Passage, years: dict[int, int | None], found: dict[int, bool]) -> None:
        """A figure pinned to a past year is background when another sentence reports a later or undated one."""
        published = passage.published_date
        for mention in passage.mentions:
            year = years[id(mention)]
            if year is None or found[id(mention)] or (published is not None and year >= published.year):
                continue
            sentence = passage.sentence_of[id(mention)]
            for other in passage.mentions:
                other_year = years[id(other)]
                elsewhere = passage.sentence_of[id(other)] != sentence and other.via not in ("subset", "ellipsis")
                if elsewhere and not found[id(other)] and (other_year is None or other_year > year):
                    found[id(mention)] = True
                    break

    def _claim(self, passage: _Passage, mention: Mention, sentence: int, source: str | None, historical: bool) -> Claim:
        text = passage.text
        s_start, s_end = passage.segments.sentence_by_index(sentence)
        span = Span(mention.span_start, mention.span_end, text[mention.span_start : mention.span_end])
        return Claim(
            count=mention.count,
            count_max=mention.count_max,
            qualifier=_QUALIFIERS[mention.qualifier],
            outcome=_OUTCOMES[mention.outcome or "killed"],
            category=_CATEGORIES[mention.category or "unspecified"],
            span=span,
            group=mention.group,
            historical=historical,
            place=tuple(self._places(passage, mention, sentence)),
            date=_date(passage, mention, s_start, s_end),
            source=source,
            perpetrator=perpetrator(text, mention.span_start, mention.span_end, s_start, s_end),
        )

    def _places(self, passage: _Passage, mention: Mention, sentence: int) -> list[str]:
        segments = passage.segments
        clause = passage.clause_of(mention)
        found = passage.places_in(clause[0], min(clause[1], clause[0] + 2000), self.gazetteer)
        if found:
            return [name for _, name in found]
        paragraph = segments.paragraph_index(mention.start)
        for index in range(sentence, max(-1, sentence - 4), -1):
            start, end = segments.sentence_by_index(index)
            if segments.paragraph_index(start) != paragraph:
                break
            found = passage.places_in(start, min(end, start + 2000), self.gazetteer)
            if found:
                return [name for _, name in found]
        return []


def _check(text: object) -> None:
    if not isinstance(text, str):
        raise InputError(
            f"extraction needs text (str), got {type(text).__name__}",
            hint="decode bytes first, e.g. with tollbook's source readers",
        )
    if len(text) > MAX_TEXT:
        raise InputError(
            f"text of {len(text):,} characters is larger than the {MAX_TEXT:,} limit",
            hint="split the document into parts",
        )
    if "\x00" in text[:100_000]:
        raise InputError(
            "text contains NUL bytes: this looks like a binary file, not text",
            hint="extract the text first (HTML, PDF and DOCX readers exist in `tollbook add`)",
        )


def _coordinate(text: str, mention: Mention, previous: Mention | None) -> None:
    """A qualifier in front of a coordination covers each conjunct; bare conjuncts share the victims."""
    if previous is None or previous.via == "subset" or mention.via == "toll":
        return  # "killed 40 people, including six children, and injured 75": 75 is not about the children;
        # "..., bringing the death toll to 1,018": a total, not a conjunct
    gap = text[previous.span_end : mention.span_start]
    others = mention.named_people and "other" in text[mention.span_start : mention.span_end].lower()
    if mention.category is None and others:
        mention.category = previous.category  # "18 civilians ... while 16 others": the same kind of people
    if len(gap) > 40 or BREAKS_COORDINATION.search(gap) or not _JOINER.search(gap):
        _share_victims_of_verb(gap, mention, previous)
        return
    close = len(_WORD.findall(gap)) <= 3  # "57 bodies and 65 injured", not a new clause
    if (
        close
        and not mention.own_qualifier
        and not mention.new_determiner
        and previous.qualifier in ("at_least", "over", "about", "up_to")
    ):
        mention.qualifier = previous.qualifier
        mention.note.append("qualifier shared with the preceding conjunct")
    if mention.category is None and not mention.named_people and not mention.has_head:
        mention.category, mention.group = previous.category, mention.group or previous.group


_AND_VERB = re.compile(r"\band\s+[a-z]+(?:ed|ing)\s*$")


def _share_victims_of_verb(gap: str, mention: Mention, previous: Mention) -> None:
    """ "abducted 52 passengers from a bus on Sunday and killed three": a bare count that a second verb
    of the same clause takes has the same kind of victims, however long the first verb's phrase."""
    if (
        mention.category is None
        and not mention.has_head
        and mention.via == "left"
        and len(gap) <= 100
        and gap.endswith(" ")
        and not BREAKS_COORDINATION.search(gap)
        and _AND_VERB.search(gap)
    ):
        mention.category, mention.group = previous.category, mention.group or previous.group


def _share_years(passage: _Passage, years: dict[int, int | None]) -> None:
    """ "left 6,300 people dead and 1,061 missing in 2013": a year after a coordination dates each conjunct."""
    for previous, mention in pairwise(passage.mentions):
        if passage.sentence_of[id(previous)] != passage.sentence_of[id(mention)]:
            continue
        gap = passage.text[previous.span_end : mention.span_start]
        if len(gap) > 40 or BREAKS_COORDINATION.search(gap) or not _JOINER.search(gap):
            continue
        year = years[id(previous)] or years[id(mention)]
        years[id(previous)] = years[id(mention)] = year


def _choose_attribution(text: str, mention: Mention, items: list[tuple[attr.Attribution, str]]) -> str | None:
    """Passive "by X" right after the claim (or "reported by X:" before it), else the nearest cue before
    it, else the nearest after; a speaker "quoting" or "citing" a body passes the figure on from it."""
    for cue, name in items:
        if cue.kind == "passive" and (
            0 <= cue.start - mention.span_end <= 80 or (cue.end <= mention.span_start and _opens_colon(text, cue))
        ):
            return name
    before = [(cue, name) for cue, name in items if cue.end <= mention.span_start and cue.kind != "passive"]
    if before:
        return before[-1][1]
    after = [(cue, name) for cue, name in items if cue.start >= mention.span_end and cue.kind != "passive"]
    if after:
        return _relayed(text, after[0], after[1:])
    inside = [name for cue, name in items if cue.kind != "passive"]
    return inside[0] if inside else None


def _opens_colon(text: str, cue: attr.Attribution) -> bool:
    """ "Casualties were reported by the governor, Oleh Kiper: eight people were killed": a passive
    attribution that a colon hands on to the figures after it."""
    return text[cue.end : cue.end + 3].lstrip().startswith(":")


def _relayed(text: str, chosen: tuple[attr.Attribution, str], following: list[tuple[attr.Attribution, str]]) -> str:
    """ "..., a senator said, quoting the Department of Public Safety": the named body quoted gave the
    figure (as a monitor is the source of a figure a broadcaster reports). Unnamed ones ("the UN said,
    citing local sources") leave the figure with the named speaker."""
    cue, name = chosen
    if following:
        nxt, nxt_name = following[0]
        if (
            nxt.kind == "according"
            and any(word[:1].isupper() for word in nxt_name.split())
            and not text[cue.end : nxt.start].strip(" ,")
            and text[nxt.start : nxt.start + 7].lower() in ("quoting", "citing ")
        ):
            return nxt_name
    return name


def _date(passage: _Passage, mention: Mention, s_start: int, s_end: int) -> str | None:
    start, end = passage.clause_of(mention)
    for low, high in ((start, end), (s_start, min(s_end, s_start + 2000))):
        found = passage.dates_in(low, high)
        if found:
            nearest = min(found, key=lambda d: min(abs(d.start - mention.span_end), abs(mention.span_start - d.end)))
            return nearest.iso
    return None


def _repeat_key(mention: Mention, historical: bool) -> tuple[object, ...]:
    """The same figure stated twice in one passage is one claim (the first statement keeps it):
    the same count, range, outcome, qualifier, group and background flag."""
    outcome = mention.outcome or "killed"
    return (mention.count, mention.count_max, outcome, mention.qualifier, historical, mention.group)


_DEFAULT: RuleExtractor | None = None


def extract_claims(text: str, *, published: str | None = None) -> list[Claim]:
    """Every casualty claim in ``text`` (rule-based extractor, no gazetteer: see :class:`RuleExtractor`)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = RuleExtractor()
    return _DEFAULT.extract(text, published=published)
