"""Telling background figures from figures about the event a passage reports.

A number is background (``historical``) when the text ties it to a different or broader,
earlier event: a past-perfect war toll ("a civil war that had claimed over 600,000 lives"),
Syria's civil war in a passage about something else, an anchor date ("since July 31, the day
more than 30 persons lost their lives"), or a comparison with an earlier event ("the deadliest
since 2011", "a similar attack last year killed 40"). Running tolls of the ongoing event
("since Oct. 7") are not background.
"""

from __future__ import annotations

import re

from tollbook.extraction.lexicon import at_word_start

_WAR = r"(?:civil\s+war|war|conflict|uprising|revolution|insurgency|crisis|fighting)"
PAST_PERFECT_WAR = re.compile(
    rf"\b{_WAR}\b[^.;]{{0,80}}?\b(?:that|which|having)?\s*had\s+(?:already\s+)?(?:claimed|killed|left|cost|taken)\b",
    re.IGNORECASE,
)
# A war said to have ended in a named year: an earlier event ("fighting that ended on Sunday" is not).
ENDED_WAR = re.compile(
    r"\b(?:civil\s+war|war|conflict|uprising|revolution|insurgency)\b[^.;]{0,60}?\b(?:which|that)\s+(?:had\s+)?"
    r"ended\s+(?:in|with)\b[^.;]{0,40}?\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
CIVIL_WAR = re.compile(
    r"\bcivil\s+war\b|\bsince\s+(?:the\s+(?:start|beginning|outbreak)\s+of\s+the\s+\w+\s+in\s+)?2011\b"
    r"|\b1[34]-year\s+(?:war|conflict)\b",
    re.IGNORECASE,
)
WAR_SUBJECT = re.compile(
    at_word_start(
        rf"(?=[a-zA-Z])\b{_WAR}\b[^.;]{{0,80}}?\b(?:has|have|had)?\s*(?:claimed|killed|left|cost|taken)\b"
        rf"|\b(?:killed|died|deaths?|dead)\b[^.;]{{0,30}}\b(?:in|during|since|of)\s+the\s+(?:\w+\s+)?{_WAR}\b"
    ),
    re.IGNORECASE,
)
_EARLIER_WORDS = (
    "deadliest",
    "worst",
    "bloodiest",
    "largest",
    "biggest",
    "year",
    "ago",
    "previous",
    "similar",
    "19",
    "20",
    "decade",
)
_WAR_WORDS = (
    "war",
    "conflict",
    "uprising",
    "revolution",
    "insurgency",
    "crisis",
    "fighting",
    "2011",
    "the day",
    "long",
)
_WAR_WORDS_AND_TIMES = (*_WAR_WORDS, "year", "ago", "previous", "anniversar", "commemorat", "memorial")
# A figure told while remembering an event ("marked the 90th anniversary of the famine in which ...",
# "the memorial lists all 2,977 victims"): the dead of that earlier event, not news.
COMMEMORATION = re.compile(r"\b(?:anniversary|anniversaries|commemorat\w*|memorial)\b(?!\s+services?\b)", re.IGNORECASE)
THE_DAY = re.compile(r"\bsince\b[^.;]{0,50}\bthe\s+day\b", re.IGNORECASE)
EARLIER_EVENT = re.compile(
    r"\bin\s+a\s+similar\b|\bin\s+(?:19|20)\d\d,\s+when\b",
    re.IGNORECASE,
)
# "the deadliest since 1939, when an earthquake killed 33,000": background only for a figure after the
# comparison ("128 killed, making it the deadliest period since 1992" is the news itself).
DEADLIEST_SINCE = re.compile(
    at_word_start(r"\b(?:deadliest|worst|bloodiest|largest|biggest)\b[^.;]{0,40}\bsince\b"), re.IGNORECASE
)
# A figure from an earlier time: background beside a current figure, the news itself when alone
# ("gang violence killed nearly 5,000 people last year").
EARLIER_TIME = re.compile(
    r"\blast\s+year\b|\ba\s+year\s+ago\b|\b(?:years|decades)\s+ago\b|\bprevious(?:ly)?\b", re.IGNORECASE
)
# An event named by its year, or a years-long war: background only beside a figure for something narrower.
NAMED_PAST_EVENT = re.compile(
    r"\bthe\s+(?:19|20)\d\d\s+(?:war|earthquake|quake|attack|massacre|conflict|floods?|tsunami|uprising|bombing"
    r"|genocide|cyclone|hurricane|storm|outbreak|epidemic|famine)\b|\b(?:decade|\w+-year)-long\b",
    re.IGNORECASE,
)


def background_cue(left: str, clause: str) -> str | None:
    """The kind of background cue around a number, or None.

    ``left`` is the sentence text before the number, ``clause`` the clause holding it.
    Returns ``"strong"`` (background whatever else the passage says) or ``"war"`` (a war-wide
    toll: background only when the passage also reports a narrower event).

    Each pattern runs only when a word it cannot match without is present (a substring test
    on lower-cased text is far cheaper than a case-insensitive pattern), so most figures,
    which carry no background cue at all, cost a few substring tests.
    """
    tail = left[-160:]
    lower = clause.lower()
    earlier = _earlier_event(clause, lower, tail)
    if not earlier and not any(word in lower or word in tail for word in _WAR_WORDS_AND_TIMES):
        return None  # every other cue needs one of these words: skip the costly patterns
    tail_lower = tail.lower()
    if earlier or _war_before(tail, tail_lower) or _commemorated(tail, tail_lower):
        return "strong"
    war_subject = WAR_SUBJECT.search(clause) if _has_any(lower, _WAR_NAMES) else None
    if war_subject and _has_any(lower, ("civil", "2011", "-year")) and CIVIL_WAR.search(clause):
        return "strong"
    if war_subject and _OVER_TIME.search(clause):
        return "war"
    return "war" if _named_or_earlier(clause, lower) else None


# Words without which the patterns above cannot match (tested on lower-cased text with ``in``,
# which is many times faster than a pattern of alternatives).
_WAR_NAMES = ("war", "conflict", "uprising", "revolution", "insurgency", "crisis", "fighting")


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether any of ``words`` occurs in ``text`` (substring test)."""
    return any(word in text for word in words)


_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
_OVER_TIME = re.compile(r"\b(?:since|over\s+the\s+past|in\s+the\s+past)\b")


def _earlier_event(clause: str, lower: str, tail: str) -> bool:
    """ "in a similar attack", "in 2014, when", or a "deadliest since" comparison just before the figure."""
    if _has_any(lower, _EARLIER_WORDS) and EARLIER_EVENT.search(clause):
        return True
    segment = tail.rsplit(";", 1)[-1]
    return "since" in segment.lower() and DEADLIEST_SINCE.search(segment) is not None


def _commemorated(tail: str, tail_lower: str) -> bool:
    """An anniversary, a commemoration or a memorial named before the figure, in its sentence."""
    if not _has_any(tail_lower, ("anniversar", "commemorat", "memorial")):
        return False
    return COMMEMORATION.search(tail) is not None


def _war_before(tail: str, tail_lower: str) -> bool:
    """A past-perfect war toll ("a war that had claimed"), a war said to have ended in a named year ("the
    war in Tigray, which ended in a truce in 2022, killed ..."), or "since ... the day" before the figure."""
    if "had" in tail_lower and PAST_PERFECT_WAR.search(tail):
        return True
    if "ended" in tail_lower and ENDED_WAR.search(tail):
        return True
    return "since" in tail_lower and THE_DAY.search(tail) is not None


def _named_or_earlier(clause: str, lower: str) -> bool:
    """ "the 2023 earthquake", "the decade-long war", "last year", "previously"."""
    if ("-long" in lower or _YEAR_DIGITS.search(clause)) and NAMED_PAST_EVENT.search(clause):
        return True
    return _has_any(lower, ("year", "ago", "previous")) and EARLIER_TIME.search(clause) is not None


_WAR_TOLL_VERB = re.compile(
    rf"\b(?:an?\s+|the\s+)?(?:\w+\s+)?{_WAR}\b[^.;]{{0,80}}?\b(?:has|have|had)?\s*"
    r"(?:claimed|killed|left|cost|taken)\s*$",
    re.IGNORECASE,
)


def war_phrase_before(text: str, start: int, end: int) -> int | None:
    """Where a war's own toll phrase ("a civil war that had claimed") ending at ``end`` starts, if any."""
    low = max(start, end - 140)
    if not text[low:end].rstrip().lower().endswith(_WAR_TOLL_VERBS):
        return None  # the phrase must end with one of these verbs: skip the costly pattern
    found = _WAR_TOLL_VERB.search(text, low, end)
    return found.start() if found else None


_WAR_TOLL_VERBS = ("claimed", "killed", "left", "cost", "taken")
_DATED = re.compile(
    r"\b(?:in|during|of|an?|the|that|its)\s+(?P<year>(?:19|20)\d\d)\b(?!\s*(?:and|to|-|–)\s*\d)",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)


def dated_year(clause: str) -> int | None:
    """The past year a clause pins its figure to ("in 2022", "a 2017 outbreak"); "since 2011" is not one."""
    if not _YEAR_DIGITS.search(clause):
        return None  # most clauses name no year: skip the costly pattern
    for found in _DATED.finditer(clause):
        if not _SINCE.search(clause, max(0, found.start() - 40), found.start()):
            return int(found.group("year"))
    return None
