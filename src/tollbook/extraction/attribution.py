"""Who the text credits with a number: "according to X", "X said", ", X reported", "confirmed by X".

Attributions are found per sentence and tied to claims by position: a passive "by X" right
after the claim wins, then the nearest cue before it ("X said that ...", "according to X, ..."),
then one after it (", X reported"). Names are cleaned to the body itself (the fullest name in
the passage, acronyms expanded and dropped); an anaphor that the passage never names
("the ministry", "a monitoring group") is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tollbook.extraction.lexicon import at_word_start, words

_VERB = (
    r"(?:(?:has|have|had|also|previously|earlier|later|separately|now|so\s+far|already|since|meanwhile)\s+){0,3}"
    r"(?P<verb>said|says|say|reported|reports|report|stated|states|told\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*|told\s+(?:reporters|journalists|the\s+press|a\s+(?:news|press)\s+conference|state\s+(?:media|television|TV))|added|adds"
    r"|announced\s+that|confirmed|confirms|estimated|estimates|estimate|documented|documents|recorded|records"
    r"|counted|counts|spoke\s+of|speaks\s+of|puts|put"
    r"|shows?|showed|tallied|noted|wrote|tweeted|claimed\s+that"
    r"|warned\s+that|revealed|indicated|indicates|registered|verified)\b"
)
SPEECH = re.compile(r"\b(?=[a-z])" + _VERB)  # the look-ahead skips most positions fast
ACCORDING = re.compile(
    r"\b(?:according\s+to|citing|cited\s+by|as\s+reported\s+by|quoting|per\s+(?=the\b|[A-Z]))\s+"
    r"(?P<np>(?:[^,;.:!?\n]|(?<=\b[A-Z])\.){2,140})",
    re.IGNORECASE,
)
# ACCORDING for scanning a sentence, the same matches: it opens with one case-sensitive character
# class (the first letters of its cue words), which the engine skips to; a look-behind on that letter
# then picks the cue, and the rest is ACCORDING's own, case-insensitive. Checked by a property test.
ACCORDING_SCAN = re.compile(
    r"[aAcCqQpP](?<!\w.)(?i:(?:(?<=a)(?:ccording\s+to|s\s+reported\s+by)|(?<=c)(?:iting|ited\s+by)|(?<=q)uoting"
    r"|(?<=p)er\s+(?=the\b|[A-Z]))\s+(?P<np>(?:[^,;.:!?\n]|(?<=\b[A-Z])\.){2,140}))"
)
PASSIVE = re.compile(
    r"\b(?=[a-z])(?:confirmed|recorded|documented|reported|verified|counted|registered|announced|compiled|published|given"
    r"|provided|released|tallied|gathered|collected|issued|cited|estimated)\s+by\s+(?P<np>[^,;.:!?\n]{2,120}"
    r"(?:,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?=\s*:))?)",  # "by the governor, Oleh Kiper: ..."
    re.IGNORECASE,
)
# Opens with one character class (a comma or a closing quote), so the engine skips to those fast.
INVERTED = re.compile(
    r"[,\"”’](?:(?<=,)[\"”’]?|(?<=[\"”’]),?)\s*(?:said|says|reported|added|stated|according\s+to)\s+(?!(?:on|in|at|late|early|earlier|later|yesterday|today"
    r"|last|this|that|it|on|during|after|before|when|while|with|to|the\s+same|his|her|its|their|he|she|they|we)\b)(?P<np>(?:[^,;.!?\n]|(?<=\b[A-Z])\.|(?<=\b(?:Dr|Mr|Ms|St))\.){2,100}(?:,\s*(?:the\s+)?(?:head|director"
    r"|chief|spokes(?:man|woman|person)|an?\s+official)\s+(?:of|for|at|with)\s+[^,;.!?\n]{2,80})?)"
)
_SUBJECT_BOUNDARY = re.compile(r"[,;:(“”\"—–]|\bthat\b|\bwhile\b|\bwhereas\b|\bbut\b|\bHowever\b|\bmeanwhile\b")
# The same boundaries, the last one in a text: greedy ".*" tries them from the right end, so the
# usual case (a comma just before the subject) costs a few steps instead of a scan of the window.
_LAST_SUBJECT_BOUNDARY = re.compile(r"(?s:.*)(?:" + _SUBJECT_BOUNDARY.pattern + ")")
_ROLE_OF = re.compile(
    at_word_start(
        r"\b(?:who\s+(?:directs|heads|leads|runs|chairs|founded)|(?:the\s+)?(?:head|director|chief|chairman|founder"
        r"|spokes(?:man|woman|person)|an?\s+official|officials?)\s+(?:of|for|at|with))\s+(?P<org>.+)$"
    ),
    re.IGNORECASE,
)
_CARRIER = re.compile(
    r"^(?:(?:an?|the)\s+)?(?:(?:recent|new|latest|joint|preliminary|official|updated|daily|weekly|monthly|final"
    r"|separate|earlier|previous|revised|statement|report|tally|count|update|post|figures|data|estimate|bulletin"
    r"|toll|assessment|survey|analysis|census|numbers|statistics|records)\s+)*?"
    r"(?:statement|report|tally|count|update|post|figures|data|estimate|bulletin|toll|assessment|survey|analysis"
    r"|census|numbers|statistics|records)\s+"
    r"(?:(?:from|by|of|issued\s+by|released\s+by|published\s+by|gathered\s+by|compiled\s+by|collected\s+by)\s+)?",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"\s+(?:(?:issued|released|published|posted|given|cited|shared)\b.*|(?:late\s+|early\s+)?on\s+(?:Monday|Tuesday"
    r"|Wednesday|Thursday|Friday|Saturday|Sunday)\b.*|yesterday.*|today.*|this\s+(?:week|month|morning).*"
    r"|last\s+(?:week|month|night).*|in\s+(?:an?\s+)?(?:interview|statement|post|report|update|briefing|press).*"
    r"|on\s+(?:X|Twitter|Telegram|Facebook)\b.*|the\s+same\s+day.*|that\b.*|who\b.*|which\b.*)$",
)
_REPORT_NOUNS = tuple(
    words("report reports statement tally figures data count estimate bulletin toll numbers statistics records")
)
_REPORT_NOUN = re.compile(r"(?:['’]s)?\s+(?:latest\s+|new\s+|own\s+)?(?:" + "|".join(_REPORT_NOUNS) + ")$")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_PARENTHESES_KEEP = re.compile(r"\([^()]{0,40}\)")  # blanked (same length) when looking for a subject
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_CONNECTOR = frozenset(words("of for and the on in to de du des al el la le di da del"))
_NAME_WORD = r"[A-Z][\w'’.-]*\s+(?:(?:of|for|and|the|on|in|de)\s+)*"
# One to nine name words, then the acronym in parentheses. The first word is written out (not
# folded into {1,9}) so the pattern opens with a capital letter, which the engine skips to fast.
ACRONYM_DEF = re.compile(rf"(?P<name>{_NAME_WORD}(?:{_NAME_WORD}){{0,8}})\((?P<acr>[A-Z][A-Za-z.&]{{1,9}})\)")
PRONOUNS = frozenset(words("he she they it we i his her"))
# Subjects that carry a figure without being its source ("Reports say 45 ..., according to SANA").
WEAK_SUBJECTS = frozenset(words("reports media sources estimates figures data witnesses residents"))
_ANAPHOR_HEADS: dict[str, tuple[str, ...]] = {
    "monitor": ("Observatory", "Monitor", "Network", "Watch"),
    "watchdog": ("Observatory", "Monitor", "Network", "Watch"),
    "observatory": ("Observatory",),
    "group": ("Observatory", "Network", "Watch", "Monitor", "Group", "Committee"),
    "organization": ("Observatory", "Organization", "Organisation", "Network", "Watch", "Committee", "Agency"),
    "organisation": ("Observatory", "Organization", "Organisation", "Network", "Watch", "Committee", "Agency"),
    "ministry": ("Ministry", "ministry"),
    "agency": ("Agency", "Office", "Programme", "UNRWA", "OCHA"),
    "office": ("Office",),
    "committee": ("Committee", "Commission"),
    "commission": ("Commission", "Committee"),
    "network": ("Network",),
    "mission": ("Mission",),
    "body": ("Commission", "Committee", "Council", "Organization"),
}


@dataclass(frozen=True, slots=True)
class Attribution:
    """A credited body and where its cue sits in the text."""

    start: int
    end: int
    name: str
    kind: str  # passive | before | after


def acronyms(text: str) -> dict[str, str]:
    """ "Syrian Observatory for Human Rights (SOHR)" gives {"SOHR": "Syrian Observatory for Human Rights"}."""
    found: dict[str, str] = {}
    if "(" not in text:
        return found  # every definition has its acronym in parentheses
    for match in ACRONYM_DEF.finditer(text):
        name = _capital_run(match.group("name").strip())
        letters = "".join(w[0] for w in name.split() if w[0].isupper())
        acronym = match.group("acr").replace(".", "")
        if name and (acronym[0] == letters[:1] or acronym[:2] == letters[:2]):
            found[acronym] = name
    return found


def find_attributions(text: str, start: int, end: int) -> list[Attribution]:
    """Every attribution cue in text[start:end] (one sentence), with its cleaned body name."""
    found: list[Attribution] = []
    lower = text[start:end].lower()
    if " by " in lower:
        for match in _passives(text, start, end):
            found.append(Attribution(match.start(), match.end(), match.group("np"), "passive"))
    if any(cue in lower for cue in ("accord", "citing", "cited", "as reported", "quoting", "per ")):
        for match in ACCORDING_SCAN.finditer(text, start, end):
            found.append(Attribution(match.start(), match.end(), match.group("np"), "according"))
    for match in INVERTED.finditer(text, start, end):
        found.append(Attribution(match.start(), match.end(), match.group("np"), "inverted"))
    for match in SPEECH.finditer(text, start, end):
        if text.startswith(" by ", match.end()):
            continue  # "the strike, first reported by local media, ...": a passive participle, no speaker
        subject = _subject_before(text, start, match.start())
        if subject:
            found.append(Attribution(subject[0], match.end(), subject[1], "speech"))
    return sorted(found, key=lambda a: a.start)


_BY = re.compile(r"[bB][yY](?<=\s..)(?=\s)")  # "by" between spaces, found by its first letter
_WORD_END = re.compile(r"\w+$")


def _passives(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """What ``PASSIVE.finditer(text, start, end)`` gives, found from each "by" instead of trying the
    participle pattern at every position: the participle is the word before the spaces before "by"."""
    last_end = start
    for by in _BY.finditer(text, start, end):
        word_end = by.start()
        while word_end > start and text[word_end - 1].isspace():
            word_end -= 1
        word = _WORD_END.search(text, max(start, word_end - 20), word_end)  # participles are short
        if word is None or word.start() < last_end:
            continue
        match = PASSIVE.match(text, word.start(), end)
        if match:
            last_end = match.end()
            yield match


def _subject_before(text: str, floor: int, verb_start: int) -> tuple[int, str] | None:
    window_start = max(floor, verb_start - 160)
    before = text[window_start:verb_start]
    if "(" in before:
        before = _PARENTHESES_KEEP.sub(lambda m: " " * len(m.group()), before)
    last = _LAST_SUBJECT_BOUNDARY.match(before)  # the boundary nearest the verb, found from the right
    cut = last.end() if last else 0
    subject = _LEADING_CONJUNCTION.sub("", before[cut:].strip())
    if not subject and before.rstrip().endswith(","):
        # ", Salima Ishaq, said": the subject is the comma-enclosed name before the verb
        inner = before.rstrip()[:-1]
        cut = max(inner.rfind(","), -1) + 1
        subject = inner[cut:].strip() if not _SUBJECT_BOUNDARY.search(inner[cut:]) else ""
        subject = subject if subject[:1].isupper() else ""
    subject = _appositive(text, window_start + cut, subject, floor)
    if not subject or " who " in subject or " which " in subject:
        subject = _relative_subject(text, floor, verb_start) or subject
    subject = _tidy_subject(subject)
    words = subject.split()
    if not words or len(words) > 12 or words[-1] in _NOT_SUBJECT_END or words[-1].lower() in ("a", "an", "the"):
        return None  # "31 fatalities were recorded" is a passive, not a body speaking
    if any(map(str.isdigit, subject)) or words[0].lower() == "according":
        return None
    if not _MODAL_OR_NEGATION.isdisjoint(words):
        return None  # "a figure that could not be independently verified": no body speaks
    return max(window_start + cut, verb_start - len(subject) - 1), subject


_INNER_SPEECH = re.compile(r"^.*\b(?:said|says|say|told|reported|stated|added|announced)\s+(?:that\s+)?", re.DOTALL)
_TRAILING_ADVERB = re.compile(r"(?:\s+(?:so\s+far|now|also|still|already|previously|earlier|later|reportedly))+$")
# Words the two patterns above cannot match without: cheap tests that spare most subjects both.
_INNER_SPEECH_WORDS = tuple(words("said say told reported stated added announced"))
_TRAILING_ADVERBS = tuple(words("far now also still already previously earlier later reportedly"))
_DESCRIPTION = re.compile(
    r"\s+(?:(?:charged|tasked|entrusted)\s+with|(?:set\s+up|appointed|named|created|established|formed)\s+(?:by|to|in)"
    r"|mandated\s+to|responsible\s+for|in\s+charge\s+of|investigating\s+the)\b.*$",
    re.DOTALL,
)
_POSSESSED = re.compile(r"^(?:his|her|its|their|our|my)\s+\w+$", re.IGNORECASE)


def _tidy_subject(subject: str) -> str:
    """ "X said it had now" -> "it"; "the committee charged with ..." -> "the committee"; "his office" -> "it"."""
    if any(verb in subject for verb in _INNER_SPEECH_WORDS):
        subject = _INNER_SPEECH.sub("", subject)
    if subject.rstrip().endswith(_TRAILING_ADVERBS):
        subject = _TRAILING_ADVERB.sub("", subject)
    subject = subject.strip()
    if subject[:1].islower() or subject.split()[:1] in (["The"], ["A"], ["An"]):
        subject = _DESCRIPTION.sub("", subject)
    return "it" if _POSSESSED.match(subject) else subject


_LEADING_CONJUNCTION = re.compile(r"^(?:and|but|while|also|then|meanwhile|separately)\s+", re.IGNORECASE)
_NOT_SUBJECT_END = frozenset(
    words(
        "and or of which who it's were was been be being are is have has had a an the recent new latest "
        "its their his her our this that these those"
    )
)
# A verb phrase, not a body, stands before the cue when these come in it ("could not be verified").
_MODAL_OR_NEGATION = frozenset(words("could would should might must cannot can not be been"))
_RELATIVE = re.compile(r"(?P<name>[A-Z][^,;:()]{1,80}),\s+(?:who|which)\s+[^,;:]{3,120}?(?:\s*\([^)]{1,20}\))?,\s*$")


def _relative_subject(text: str, floor: int, end: int) -> str:
    """ "Rami Abdul Rahman, who directs the Syrian Observatory (SOHR), stated": the whole subject."""
    before = text[max(floor, end - 240) : end]
    found = _RELATIVE.search(before) if "who" in before or "which" in before else None
    return found.group().rstrip(" ,") if found else ""


def _appositive(text: str, subject_start: int, subject: str, floor: int) -> str:
    """ ", Sudan's Minister of Social Welfare, Salima Ishaq, said": keep the title with the name."""
    before = text[max(floor, subject_start - 90) : subject_start].rstrip()
    if not before.endswith(",") or not subject[:1].isupper():
        return subject
    segment = _APPOSITION_BREAK.split(before[:-1])[-1].strip()
    if segment[:1].isupper() and len(segment.split()) <= 8 and not any(c.isdigit() for c in segment):
        return f"{segment}, {subject}"
    return subject


_BASED_ON = re.compile(r"\s+(?:based\s+on|drawing\s+on)\s+.*$", re.DOTALL)
_GATHERED_BY = re.compile(
    r"^(?:data|figures|numbers|statistics)\s+(?:gathered|compiled|collected|published|released)\s+by\s+", re.IGNORECASE
)
_CAPITAL = re.compile(r"[A-Z]")
_APPOSITION_BREAK = re.compile(r"[,—–(]")
# _ROLE_OF cannot match a name without one of these (lower-cased): a cheap test before it.
_ROLE_WORDS = tuple(words("who head director chief chairman founder spokes official"))


def clean_name(raw: str, known_acronyms: dict[str, str]) -> str | None:
    """The body itself from an attribution phrase ("a Reuters report yesterday" -> "Reuters")."""
    name = (_PARENTHESES.sub("", raw) if "(" in raw else raw).strip(" ,.“”\"'")
    lower = name.lower()
    role = _ROLE_OF.search(name) if any(word in lower for word in _ROLE_WORDS) else None
    if role:
        name = role.group("org")
    name = _CARRIER.sub("", name, count=1)
    name = _BASED_ON.sub("", name)
    name = _GATHERED_BY.sub("", name)
    name = _TRAILING.sub("", name).strip(" ,.")
    if _CAPITAL.search(name[1:] if name[:1].isupper() else name):
        name = _REPORT_NOUN.sub("", name) if name.rstrip("\n").endswith(_REPORT_NOUNS) else name
    if not name or name.lower() in PRONOUNS:
        return name.lower() or None
    name = _named_part(name)
    return known_acronyms.get(name.replace(".", ""), name) if name else None


def _named_part(name: str) -> str:
    words = name.split()
    has_capital = any(w[:1].isupper() for w in words[1:]) or (words[0][:1].isupper() and not _DETERMINER.match(name))
    if not has_capital:
        return name
    if "," in name:
        return _DETERMINER.sub("", name)
    last = words[-1]
    if last[:1].isupper() or last.isupper():
        return _capital_run(name)
    return _DETERMINER.sub("", name)


def _capital_run(name: str) -> str:
    """The trailing run of capitalised words, connectors allowed inside ("Observatory for Human Rights")."""
    words = name.split()
    run: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() or word[:1].isdigit() or (run and word.lower() in _CONNECTOR):
            run.append(word)
        else:
            break
    while run and run[-1].lower() in _CONNECTOR:
        run.pop()
    if len(run) > 1 and run[-1] in ("The", "A", "An"):
        run.pop()
    return " ".join(reversed(run))


def is_anaphor(name: str) -> bool:
    """A description with no proper name: "the ministry", "a monitoring group", "the organization"."""
    words = name.split()
    return (
        bool(words)
        and words[0].lower() in ("the", "a", "an", "this", "that")
        and not any(w[:1].isupper() for w in words[1:])
    )


def resolve_anaphor(name: str, named: list[str]) -> str:
    """Replace an anaphor by the passage's named body of the same kind, if there is exactly one kind."""
    head = name.split()[-1].lower()
    markers = _ANAPHOR_HEADS.get(head)
    if not markers:
        return name
    for candidate in named:
        if any(marker in candidate for marker in markers):
            return candidate
    bodies = list(dict.fromkeys(named))
    if head in _GENERIC_HEADS and len(bodies) == 1:
        return bodies[0]  # "Amnesty International documented ... The organization said ..."
    return name


_GENERIC_HEADS = frozenset(words("organization organisation group body monitor watchdog"))


_SENTENCE_SUBJECT = re.compile(
    r"\s*(?P<name>(?:The\s+)?[A-Z][\w'’.-]*(?:\s+(?:(?:of|for|and|the|on|in|to)\s+)*[A-Z][\w'’.-]*){0,8})\s+"
    r"(?:has\s+|had\s+|have\s+|also\s+)?[a-z]+(?:ed|s)\b"
)


def sentence_subject(text: str, start: int, end: int) -> str | None:
    """A named body opening a sentence ("The Palestinian Red Crescent Society issued ..."), for "it said"."""
    found = _SENTENCE_SUBJECT.match(text, start, end)
    name = _capital_run(found.group("name")) if found else ""
    return name if name and name.lower() not in PRONOUNS and name not in ("The", "A", "An", "This") else None


_BODY = r"((?:[Tt]he\s+)?[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|(?:of|for|the|and|to)\b))*)"
_RELEASE_NOUN = r"(?i:figures|report|statement|data|update|toll|tally|numbers|count|bulletin|findings|statistics)"
# A sentence that says a body put out figures, with the figures in the next sentence.
ANNOUNCEMENT = re.compile(
    rf"{_BODY}(?:\s+in\s+[A-Z][\w'’-]*)?\s+(?:has\s+|have\s+|on\s+\w+\s+)?(?:issued|published|released|put\s+out|shared|updated|presented)"
    rf"\s+(?:its\s+|their\s+|new\s+|fresh\s+|a\s+|an\s+|the\s+|updated\s+|latest\s+|own\s+|annual\s+){{0,3}}"
    rf"[\w\s-]{{0,30}}?\b{_RELEASE_NOUN}\b"
    rf"|\b{_RELEASE_NOUN}\s+(?:released|published|issued|compiled|gathered|shared)\s+by\s+{_BODY}"
    rf"|\bIn\s+(?:a|its|their)\s+(?:\w+\s+)?(?:statement|report|update|bulletin)(?:\s+on\s+\w+)?,\s+{_BODY}"
)


def announcing_body(text: str, start: int, end: int, known_acronyms: dict[str, str]) -> str | None:
    """The body that sentence text[start:end] says put out figures ("Save the Children published its
    report on Tuesday."): the source of figures stated, uncredited, in the sentence after it."""
    found = ANNOUNCEMENT.search(text, start, end)
    if found is None:
        return None
    raw = next(group for group in found.groups() if group)
    return clean_name(raw, known_acronyms)
