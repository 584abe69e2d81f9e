"""Deciding whether one number in a sentence is a casualty count, and of what.

A number becomes a :class:`Mention` when its noun phrase or verb says what happened to the
people counted: to the right ("340 killed", "13 security force members were killed"), to
the left ("killing 20", "the deaths of 1,068 civilians", "the death toll ... climbed to 340")
or, for subsets and ellipses, by a link to the count just before it ("31 fatalities,
including nine children"; "840 fatalities in April and 586 in May"). Every look is bounded
to a small window so a text full of numbers stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tollbook.extraction import lexicon as lx
from tollbook.extraction.lexicon import at_word_start, longest_first, words
from tollbook.extraction.nounphrase import NounPhrase, read_noun_phrase
from tollbook.extraction.numbers import NUMBER, RANGE_END, parse_count

WINDOW = 180
_MONTH_NAMES = lx.longest_first(list(lx.MONTHS))
_DATE_LEFT = re.compile(
    rf"\b(?:{_MONTH_NAMES})\.?\s*(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:and|-|–|to|through|until)\s*)?$", re.IGNORECASE
)
_DATE_RIGHT = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTH_NAMES})\b\.?", re.IGNORECASE)
_FORM_REJECT_RIGHT = re.compile(
    r"^(?:\s*(?:%|percent\b|per\s*cent\b|am\b|pm\b|a\.m\.|p\.m\.|gmt\b|utc\b|bn\b|mn\b)|[:/]\d|[A-Za-z]|-[A-Za-z]|\.\d)",
    re.IGNORECASE,
)
# Every _DATE_LEFT match ends (before spaces) with a month name or a word joining two days.
_DATE_LEFT_ENDS = (*lx.MONTHS, *(f"{name}." for name in lx.MONTHS), "and", "-", "–", "to", "through", "until")
_FORM_REJECT_LEFT = re.compile(r"(?:[$€£¥#]|\bUS\$|\bUSD|\bSYP|\bEUR|\bNo\.)\s*$", re.IGNORECASE)
# A number right after one of these words is an age, an identifier, money or people not hurt.
_REJECT_WORD_BEFORE = frozenset(
    words(
        "aged age ages number page article resolution law decree route highway flight unit brigade "
        "division battalion sector block room channel level grade category phase stage magnitude chapter "
        "paragraph section code model version platform gate apartment building floor item saved save "
        "saving rescued rescuing displaced displacing arrested detained evacuated evacuating housing "
        "hosting sheltering employing feeding treating"
    )
)
_YEAR = re.compile(r"(?:1[89]|20|21)\d\d")
_TIME_BEFORE = re.compile(
    r"\b(?:in|since|during|until|by|of|from|before|after|early|late|mid|January|February|March|April|May|June|July"
    r"|August|September|October|November|December)\s*$",
    re.IGNORECASE,
)
_RANGE_RIGHT = re.compile(r"^\s*(?:-|–|—|to)\s*")
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)
_AND_NEXT = re.compile(r"^\s*and\s+")
_TO_NEXT = re.compile(r"^\s*(?:to\s+|[-–]\s*)")
_RANGE_OPENER = re.compile(r"\b(?:between|from)\s*$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s*$", re.IGNORECASE)
_CHANGE = re.compile(
    at_word_start(
        r"\b(?:rose|risen|rising|climbed|climbing|increased|increasing|jumped|grew|soared|went\s+up|up|revised|raised)"
        r"[^.;]{0,60}\bfrom\s*$"
    ),
    re.IGNORECASE,
)
_LEFT_VERB = re.compile(
    r"\b(?P<verb>killing|killed|kills|kill|massacred|massacring|executed|executing|slaying|slew|murdered|murdering"
    r"|wounding|wounded|wounds|injuring|injured|injures|maiming|kidnapped|kidnapping|abducted|abducting"
    r"|(?:shot|shooting|shoots|gunned|gunning|struck|striking)\s+(?:dead|down)|shot\s+and\s+killed"
    r"|(?:killing|killed|kills)\s+(?:himself|herself|themselves)\s+(?:and|along\s+with)"
    r"|(?:took|taking|claimed|claiming|cost|costing|ended|ending)\s+the\s+lives\s+of"
    r"|(?:left|leaving)\s+(?:dead|injured|wounded)|(?:recovered|found|retrieved|exhumed|uncovered)\s+the\s+bodies\s+of)"
    r"(?:\s+(?:an?\s+(?:additional|further)|another|a\s+total\s+of|a\s+further|a\s+reported|an\s+estimated"
    r"|all(?:\s+of\s+the)?))?\s*$",
    re.IGNORECASE,
)
# Every _LEFT_VERB alternative contains one of these: a cheap test before the costly search.
_LEFT_VERB_STEMS = (
    "kill",
    "massac",
    "execut",
    "slay",
    "slew",
    "murder",
    "wound",
    "injur",
    "maim",
    "kidnap",
    "abduct",
    "shot",
    "shoot",
    "gunn",
    "struck",
    "strik",
    "lives",
    "left",
    "leaving",
    "bodies",
)
_LEFT_NOUN = re.compile(
    r"\b(?P<noun>deaths?|killings?|murders?|executions?|bodies|remains|abductions?|kidnappings?|disappearances?"
    r"|injuries|massacre|slaughter)\s+of\s+(?:an?\s+(?:additional|further)|another)?\s*$",
    re.IGNORECASE,
)
_TOLL_KIND = re.compile(
    at_word_start(
        r"\b(?P<kind>death\s+toll|casualty\s+toll|injury\s+toll|toll|body\s+count|casualty\s+(?:count|figure)|tally"
        r"|number\s+of\s+(?:[\w-]+\s+){0,3}?(?:deaths|dead|fatalities|killed|victims|casualties|injured"
        r"|wounded|injuries|missing|bodies)|fatalities|deaths|dead)\b"
    ),
    re.IGNORECASE,
)
# The word that links a toll to its number ("the death toll rose to 340", "the toll: 340").
_TOLL_LINK = re.compile(
    r"(?:\bto|\bat|\bof|\breached|\breaching|\bhit|\bhitting|\bpassed|\btopped|\bis|\bwas|\bstands|\bstood|\bnow"
    r"|\breach|\bfrom|\bare|\bwere|:|—|–|\bas|\bput|\bputs|\bestimated|\btotals?|\btotalled|\btotaled)\s*$",
    re.IGNORECASE,
)
TOLL_GAP = 140
_SENTENCE_MARK = re.compile(r"[;!?]|\.(?!\d)")  # "a magnitude 6.8 earthquake" does not end the sentence
_END = re.compile(r"\s*$")
_VERBAL_QUALIFIER = re.compile(r"(?:exceed|surpass|top|pass|cross)(?:ed|es|s|ing)?\b", re.IGNORECASE)
_TOLL_WORDS = ("toll", "count", "tally", "number", "fatalit", "death", "dead", "figure")
# The last word of every _TOLL_LINK alternative: a cheap test before the pattern.
_TOLL_LINK_ENDS = (
    *words("to at of reached reaching hit hitting passed topped is was stands stood now reach from are were as put"),
    *words("puts estimated total totals totalled totaled : — –"),
)
_CONTINUATION = re.compile(
    r"(?:[^.;,()—–\d]{0,60},)?[\s,]*(?:\(|—|–|-)?\s*(?:most(?:ly)?|mainly|largely|primarily|predominantly|chiefly|overwhelmingly"
    r"|the\s+(?:vast\s+)?majority|most\s+of\s+(?:them|whom)|the\s+majority\s+of\s+(?:them|whom))"
    r"\s+(?:of\s+(?:them|whom)\s+)?(?:were\s+|being\s+|are\s+)?(?P<word>[\w-]+)",
    re.IGNORECASE,
)
# _CONTINUATION cannot match without one of these (lower-cased): a cheap test before it.
_MOSTLY = tuple(words("most mainly largely primarily predominantly chiefly overwhelmingly majority"))
_BOTH = re.compile(r"[\s,]*(?:\(|—|–)?\s*(?:both\s+)?([A-Za-z]+)\s+and\s+([A-Za-z]+)")
_AGE = re.compile(r"\b(?:aged|ages?)\b", re.IGNORECASE)
_LINK_GAP = re.compile(
    r"including|incl\.|among|of\s+whom|of\s+them|—|–|\(|:|\band\b|,|\bplus\b|\bthen\b|\bwhile\b|\bwith\b", re.IGNORECASE
)
_OTHER_VERB = re.compile(
    at_word_start(
        r"\b(?:took|taken|held|seized|captured|capturing|arrested|arresting|freed|rescued|rescuing|displaced|displacing"
        r"|evacuated|evacuating|detained|detaining|fled|saved|saving|destroyed|damaged|treated|sheltered|released"
        r"|deported|expelled|surrendered|defected|uprooted|uprooting|affected|stranded|trapped|relocated|resettled"
        r"|hosted|housed|fed|vaccinated|visited|attended|watched|joined|signed|served|employed|assisted|helped)\b"
    ),
    re.IGNORECASE,
)
_COORDINATION_GAP = re.compile(r"^[^.;()—–]{0,40}$")
BREAKS_COORDINATION = re.compile(r"\b(?:then|while|whereas|but|including|among)\b|[;()—–:]", re.IGNORECASE)
ELLIPSIS_NEXT = frozenset(words("in on at during across , . ) ; and last this from between over throughout"))
SUBSET_CUES = re.compile(r"including|incl\.|among\s+(?:them|whom|those|the)|of\s+(?:whom|them)|[—–(:]", re.IGNORECASE)
THEME = re.compile(
    r"\bcivilian\s+(?:victims|casualties|death\s+toll|toll|losses)|\b(?:victims|casualties|deaths|toll)\s+among\s+civilians",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Mention:
    """A number read as a casualty count, before attribution and context are added."""

    start: int
    end: int
    count: int
    count_max: int | None = None
    qualifier: str = "exact"
    span_start: int = 0
    span_end: int = 0
    own_qualifier: bool = False
    new_determiner: bool = False
    outcome: str | None = None
    category: str | None = None
    group: str | None = None
    named_people: bool = False
    has_head: bool = False
    via: str = "right"
    left_start: int = 0
    note: list[str] = field(default_factory=list)


def read_number(text: str, match: re.Match[str], bounds: tuple[int, int], previous: Mention | None) -> Mention | None:
    """The casualty mention a NUMBER match starts, or None when it counts something else."""
    start, end = match.span()
    count = parse_count(match.group())
    if count is None:
        return None
    s_start, s_end = bounds
    left = text[max(s_start, start - WINDOW) : start]
    right = text[end : min(s_end, end + WINDOW)]
    if _rejected_by_form(match.group(), left, right):
        return None
    mention = Mention(start, end, count, span_start=start, span_end=end, left_start=max(s_start, start - WINDOW))
    left = _read_qualifier(mention, left)
    right_offset = _read_range(mention, text, left, right, s_end)
    phrase = read_noun_phrase(text, right_offset, min(s_end, right_offset + WINDOW))
    if phrase.rejected or phrase.hedged:
        return None
    if _YEAR.fullmatch(match.group()) and not (phrase.head or (phrase.outcome and not _TIME_BEFORE.search(left))):
        return None  # "in 2010 killed 1,700": a year before the verb, not a count of the dead
    if phrase.of_the and count < 2:
        return None  # "One of the victims was a girl" describes a person, it does not count people
    if _counts_things_of(text, end, s_end) or _RELEASED.match(text, phrase.end, s_end):
        return None
    _apply_phrase(mention, phrase)
    if mention.outcome is None and phrase.head:
        mention.outcome = _shared_verb(text, phrase.end, s_end) or _among_the_dead(text, phrase.end, s_end)
    if (
        mention.outcome is None
        and not _read_left(mention, left, text, s_start)
        and not _read_losses(mention, left)
        and not _read_link(mention, text, previous, phrase)
    ):
        return None
    if _hedged_left(left):
        return None
    _read_continuation(mention, text, s_end)
    return mention


_AND_NUMBER = re.compile(
    r"(?P<skipped>(?:\s+(?!(?:and|were|was|are|is|have|has|had)\b)[A-Za-z][\w'-]*){0,5}?)\s*,?\s*(?:and|as\s+well\s+as)\s+"
)  # "16 members of the General Security service and 28 gunmen ... died": a few words may come between


def _shared_verb(text: str, phrase_end: int, s_end: int) -> str | None:
    """ "23 soldiers and 11 militants were killed": the first conjunct takes the verb after the second."""
    joint = _AND_NUMBER.match(text, phrase_end, s_end)
    second = NUMBER.match(text, joint.end(), s_end) if joint else None
    if second is None:
        return None
    other = read_noun_phrase(text, second.end(), min(s_end, second.end() + WINDOW))
    return other.outcome if other.head and not (other.rejected or other.hedged) else None


_AMONG = re.compile(
    r"[^.;:!?]{0,100}?\bamong\s+(?:the|those)\s+(?P<word>dead|killed|victims|fatalities|casualties|wounded|injured)\b"
)


# "33 hostages are to be freed": people set free are counted, not people taken.
_RELEASED = re.compile(
    r"\s+(?:(?:are|were|is|was|will|would|have|has|had|be|been|being|to|set|due|expected|all)\s+){1,4}"
    r"(?:freed|released|exchanged|swapped|returned|handed\s+over)\b",
    re.IGNORECASE,
)
_OF_NUMBER = re.compile(r"\s+of\s+(?:the\s+)?")


def _counts_things_of(text: str, end: int, s_end: int) -> bool:
    """ "shot down 55 of 72 drones": a part of a number of things, not of people."""
    of = _OF_NUMBER.match(text, end, s_end)
    whole = NUMBER.match(text, of.end(), s_end) if of else None
    if whole is None:
        return False
    other = read_noun_phrase(text, whole.end(), min(s_end, whole.end() + WINDOW))
    return other.rejected or not (other.head or other.outcome)


def _among_the_dead(text: str, phrase_end: int, s_end: int) -> str | None:
    """ "125 members of the security forces and 148 fighters among the dead": the outcome comes last."""
    found = _AMONG.match(text, phrase_end, s_end)
    return lx.OUTCOME_WORDS.get(found.group("word")) if found else None


def _rejected_by_form(number: str, left: str, right: str) -> bool:
    near = left[-40:]  # patterns anchored at the end: a short tail keeps the search cheap
    if _FORM_REJECT_RIGHT.match(right) or _money_or_number_sign(near[-8:]):
        return True
    words = near.rsplit(None, 1)  # the last word is all that is needed
    if words and words[-1].lstrip("(\"'“‘").lower() in _REJECT_WORD_BEFORE and not near[-1:].isalnum():
        return True
    if _date_on_left(near[-26:]) or _DATE_RIGHT.match(right.lstrip()):
        return True
    return number[0].isdigit() and "." in number and not number.rstrip().endswith(("million", "thousand", "billion"))


def _money_or_number_sign(tail: str) -> bool:
    """ "$5", "USD 40", "No. 7": the pattern runs only when a sign or code is there at all."""
    lower = tail.lower()
    cued = not _SIGNS.isdisjoint(tail) or "usd" in lower or "syp" in lower or "eur" in lower or "no." in lower
    return cued and _FORM_REJECT_LEFT.search(tail) is not None


_SIGNS = frozenset("$€£¥#")


def _date_on_left(near: str) -> bool:
    """ "March 7", "on March 6 and 8": the number is a day of the month (the pattern runs only when
    the text ends with a month name or a range word, which most numbers lack)."""
    return near.rstrip().lower().endswith(_DATE_LEFT_ENDS) and _DATE_LEFT.search(near) is not None


def _read_qualifier(mention: Mention, left: str) -> str:
    """Set the qualifier from the words just before the number; return the left text before it."""
    found = lx.QUALIFIER.search(left, max(0, len(left) - 28)) if lx.ends_with_qualifier(left[-28:]) else None
    if found:
        mention.qualifier = next(name for name, value in found.groupdict().items() if value)
        mention.own_qualifier = True
        mention.span_start = mention.start - (len(left) - found.start())
        left = left[: found.start()]
    if lx.ends_with_determiner(left[-30:]) and lx.NEW_DETERMINER.search(left, max(0, len(left) - 30)):
        mention.new_determiner = True
    return left


def _read_range(mention: Mention, text: str, left: str, right: str, s_end: int) -> int:
    """Join "between X and Y", "from X to Y", "X-Y" into one ranged mention; return where the rest starts."""
    link = _RANGE_RIGHT.match(right)
    tail = max(0, len(left) - 16)
    ending = left[-16:].rstrip().lower()  # "between" and "from" must end it: cheap tests first
    after_from = ending.endswith("from") and _FROM.search(left, tail) is not None
    if ending.endswith("between") and _BETWEEN.search(left, tail):
        link = _AND_NEXT.match(right)
    elif after_from and _CHANGE.search(left, max(0, len(left) - 120)):
        return mention.end
    elif after_from:
        link = _TO_NEXT.match(right)
    if not link:
        return mention.end
    second = RANGE_END.match(text, mention.end + link.end(), s_end)
    upper = parse_count(second.group()) if second else None
    if second is None or upper is None or upper <= mention.count:
        return mention.end
    mention.count_max, mention.qualifier, mention.own_qualifier = upper, "range", True
    mention.end = mention.span_end = second.end()
    mention.span_start = min(mention.span_start, _range_start(left, mention.span_start))
    return second.end()


def _range_start(left: str, span_start: int) -> int:
    found = _RANGE_OPENER.search(left)
    return span_start - (len(left) - found.start()) if found else span_start


def _apply_phrase(mention: Mention, phrase: NounPhrase) -> None:
    mention.outcome = phrase.outcome
    mention.category = phrase.category
    mention.group = phrase.group
    mention.named_people = phrase.people
    mention.has_head = phrase.head
    if phrase.outcome or phrase.head:
        mention.span_end = max(mention.span_end, phrase.end)


def _read_left(mention: Mention, left: str, text: str, s_start: int) -> bool:
    """Outcome stated before the number: "killing 20", "the deaths of 1,068", "the toll rose to 340"."""
    tail = left[-60:].lower()
    verb = _LEFT_VERB.search(left, max(0, len(left) - 60)) if any(s in tail for s in _LEFT_VERB_STEMS) else None
    if verb:
        word = verb.group("verb").lower()
        mention.outcome = _verb_outcome(word)
        if word.startswith("kill") and _DISEASE_AGENT.search(left, max(0, verb.start() - 60), verb.start()):
            mention.outcome = "died"  # "a cholera outbreak has killed 2,200": deaths from disease, not killings
        mention.via = "left"
        return True
    noun = _LEFT_NOUN.search(left, max(0, len(left) - 40)) if "of" in left[-30:] else None
    if noun:
        word = noun.group("noun").lower()
        mention.outcome = (
            "injured"
            if word == "injuries"
            else "missing"
            if word.startswith("disappear")
            else ("kidnapped" if word.startswith(("abduct", "kidnap")) else "killed")
        )
        mention.via = "left"
        return True
    return _read_toll(mention, left, text, s_start)


# A disease or hunger as the subject of "killed": all-cause deaths ("died"), as "died of cholera" is
# (the conventions keep "killed" for violence; earthquakes and storms stay "killed" as in the dev set).
# The disease words are a trie (one branch per first letter), so the list can grow without slowing
# the search that runs before every "killed".
_DISEASE_AGENT = re.compile(
    at_word_start(
        r"\b"
        + longest_first(
            words(
                "cholera measles malaria dengue ebola covid disease diseases illness illnesses infection infections"
                " hunger starvation malnutrition famine dehydration epidemic outbreak pandemic hypothermia mpox"
                " typhoid diphtheria meningitis tuberculosis pneumonia polio hepatitis"
            )
        )
        + r"(?:-19)?\s+(?:(?:has|have|had|already|so\s+far|now|reportedly)\s+)*$"
    ),
    re.IGNORECASE,
)
_LOSS_VERBS = ("lost", "lose", "loses", "losing")
_LOSS = re.compile(r"\b(?:lost|lose|loses|losing)\s*$", re.IGNORECASE)


def _read_losses(mention: Mention, left: str) -> bool:
    """ "Russia lost 1,250 troops": the soldiers or fighters an armed force lost are its dead."""
    if not mention.has_head or mention.category not in ("security_forces", "combatants"):
        return False
    if not left.rstrip().lower().endswith(_LOSS_VERBS) or not _LOSS.search(left, max(0, len(left) - 12)):
        return False  # "closes 4 posts" ends with "loses" but has no loss verb
    mention.outcome, mention.via = "killed", "left"
    return True


def _verb_outcome(word: str) -> str:
    if word.startswith(("wound", "injur", "maim")) or word.endswith(("injured", "wounded")):
        return "injured"
    if word.startswith(("kidnap", "abduct")):
        return "kidnapped"
    return "killed"


def _read_toll(mention: Mention, left: str, text: str, s_start: int) -> bool:
    lower = left.lower()
    if not any(word in lower for word in _TOLL_WORDS):
        return False
    toll = _find_toll(left, verbal=lambda: mention.own_qualifier and _VERBAL_QUALIFIER.search(text, mention.span_start))
    if toll is None:
        return False
    toll_start, kind, gap = toll
    if lx.hedged(gap) or NUMBER_IN_GAP.search(gap):
        return False
    kind = kind.lower()
    mention.outcome = (
        "casualties"
        if "casualt" in kind
        else "injured"
        if ("injur" in kind or "wounded" in kind)
        else "missing"
        if "missing" in kind
        else "killed"
    )
    mention.via = "toll"
    offset = mention.left_start  # where ``left`` starts in the text (it may have been cut on the right)
    described = text[max(s_start, offset + toll_start - 30) : mention.start]
    _describe_victims(mention, described)
    mention.span_start = min(mention.span_start, offset + toll_start)
    return True


def _find_toll(left: str, verbal: Callable[[], object] | None = None) -> tuple[int, str, str] | None:
    """(start, toll words, gap) of the toll that a link word ties to the number after ``left``.

    ``verbal``: whether the qualifier was a verb ("the number of dead exceeded 2,000"), which links
    by itself; asked only when no link word is found, as the answer costs a search.
    """
    tail = left[-16:]
    linked = tail.rstrip().lower().endswith(_TOLL_LINK_ENDS)
    link = (_TOLL_LINK.search(left, max(0, len(left) - 16)) if linked else None) or (
        _END.search(left) if verbal is not None and verbal() else None
    )
    if link is None:
        return None
    nearest = None  # the toll closest to its link: "among the dead, bringing the death toll to 1,018"
    for kind in _TOLL_KIND.finditer(left, max(0, link.start() - TOLL_GAP - 40), link.start()):
        gap = left[kind.end() : link.start()]
        if len(gap) <= TOLL_GAP and not _SENTENCE_MARK.search(gap):
            nearest = kind.start(), kind.group("kind"), gap
    return nearest


NUMBER_IN_GAP = re.compile(r"\b\d[\d,]*\s+(?:people|civilians|killed|dead|deaths|injured|wounded)\b", re.IGNORECASE)
_DESCRIBE_WORDS = re.compile(r"[A-Za-z][\w-]*")


def _describe_victims(mention: Mention, described: str) -> None:
    for word in _DESCRIBE_WORDS.findall(described):
        lower = word.lower()
        if lower in lx.GROUPS:
            mention.group = mention.group or lx.GROUPS[lower]  # the first group named is the victims
        if lower in lx.VICTIMS and lx.VICTIMS[lower][0] != "unspecified":
            mention.category, group = lx.VICTIMS[lower]
            mention.group = group or mention.group
        elif lower in ("civilian", "civilians"):
            mention.category = "civilians"


def _read_link(mention: Mention, text: str, previous: Mention | None, phrase: NounPhrase) -> bool:
    """A subset ("including nine children") or ellipsis ("586 in May") of the count just before."""
    if previous is None or previous.outcome is None:
        return False
    inside = mention.span_start < previous.span_end  # "Nine people, including 2 children, were killed"
    gap = text[previous.end if inside else previous.span_end : mention.span_start]
    if inside and not SUBSET_CUES.search(gap):
        return False
    if len(gap) > 90 or not _LINK_GAP.search(gap) or any(p in gap for p in ".;!?\n"):
        return False
    if _AGE.search(gap):
        return False  # "2 men killed ..., aged 19 and 23": the link is to a number that counts nobody
    if _OTHER_VERB.search(gap):
        return False  # "killed 23 soldiers and captured 40 others": a new verb, a new kind of count
    if phrase.head:
        mention.outcome, mention.via = previous.outcome, "subset"
        return True
    if phrase.next_word is None or phrase.next_word in ELLIPSIS_NEXT:
        mention.outcome, mention.category, mention.group = previous.outcome, previous.category, previous.group
        mention.via = "ellipsis"
        return True
    return False


def _hedged_left(left: str) -> bool:
    tail = " ".join(left.rsplit(None, 4)[-4:])  # the last four words, split from the right
    return lx.hedged(tail)


def _read_continuation(mention: Mention, text: str, s_end: int) -> None:
    """ ", mostly civilians" makes the count mixed; ", most of whom were Alawites" names the group."""
    reach = min(s_end, mention.span_end + 80)
    window = text[mention.span_end : reach]
    both = _BOTH.match(text, mention.span_end, reach) if "and" in window else None
    kinds = {lx.VICTIMS[w.lower()][0] for w in both.group(1, 2) if w.lower() in lx.VICTIMS} if both else set()
    if len(kinds - {"unspecified"}) == 2:
        mention.category = "mixed"  # ", both civilians and soldiers"
        return
    lower = window.lower()
    found = _CONTINUATION.match(text, mention.span_end, reach) if any(w in lower for w in _MOSTLY) else None
    if not found:
        return
    word = found.group("word").lower()
    if word in lx.GROUPS:
        mention.group = lx.GROUPS[word]
        mention.note.append(f"mostly {lx.GROUPS[word]}")
    victim = lx.VICTIMS.get(word)
    if victim and victim[0] != "unspecified":
        mention.category = "mixed"
        mention.group = victim[1] or mention.group
