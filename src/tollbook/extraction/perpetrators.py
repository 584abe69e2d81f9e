"""Who the text says did the killing: "killed by RSF fighters", "in Israeli strikes", "gunmen killed 12"."""

from __future__ import annotations

import re

_STOP = (
    r"(?=\s+(?:in|on|at|during|near|since|after|across|according|while|and\s+(?:left|wounded|injured))\b|[,.;:()—–]|$)"
)
BY = re.compile(
    rf"^(?P<pre>[^.;]{{0,40}}?)\b(?:by|at\s+the\s+hands\s+of)\s+(?P<who>(?:the\s+|an?\s+)?[\w'’-]+(?:\s+[\w'’-]+){{0,7}}?){_STOP}"
)
IN_ATTACK = re.compile(
    r"^[^.;]{0,60}?\bin\s+(?P<who>(?:an?\s+|the\s+)?(?:[A-Z][\w'’-]*\s+){1,3}(?:air\s*strikes?|airstrikes?|strikes?"
    r"|attacks?|shelling|bombardment|bombing|raids?|drone\s+strikes?|missile\s+strikes?|assault|offensive))\b"
)
SUBJECT = re.compile(
    r"(?P<who>(?:[A-Z][\w'’-]*\s+){0,3}(?:[Aa]ir\s*strikes?|[Aa]irstrikes?|[Ss]trikes?|[Ss]helling|[Ff]orces|[Ff]ighters"
    r"|[Mm]ilitants|[Gg]unmen|[Tt]roops|[Ss]oldiers|[Mm]ilitias?|[Aa]rmy|[Pp]olice|[Jj]ets|[Dd]rones?|[Rr]ebels|[Ii]nsurgents"
    r"|[Aa]ttackers|[Aa]ssailants|[Jj]ihadists|[Bb]ombers?))\s+(?:have\s+|has\s+|had\s+|reportedly\s+)*"
    r"(?:killed|shot\s+dead|executed|massacred)\s*$"
)
_ATTRIBUTED = re.compile(
    r"(?:confirmed|recorded|documented|reported|verified|counted|registered|announced|compiled|published|given"
    r"|provided|released|tallied|gathered|collected|issued|cited|estimated|led|accompanied|followed|caused)\s+$"
)
_NOT_AGENTS = re.compile(
    r"^(?:the\s+)?(?:earthquake|quake|floods?|flooding|storm|cyclone|fire|landslide|heat|cold|war|conflict|violence"
    r"|clashes|fighting|disease|hunger|authorities|ministry|health\s+ministry|hospital|hospitals)\b",
    re.IGNORECASE,
)


_SUBJECT_VERB_ENDS = ("killed", "dead", "executed", "massacred")


def perpetrator(text: str, span_start: int, span_end: int, sentence_start: int, sentence_end: int) -> str | None:
    """The agent named around one claim, or None."""
    after = text[span_end : min(sentence_end, span_end + 160)]
    head = after[:72]
    for pattern, cued in ((BY, "by " in head or "hands of" in head), (IN_ATTACK, "in " in head)):
        found = pattern.match(after) if cued else None  # cheap test before the pattern
        if found and "pre" in found.groupdict() and _ATTRIBUTED.search(found.group("pre")):
            continue
        if found and not _NOT_AGENTS.match(found.group("who")):
            return found.group("who").strip()
    before = text[max(sentence_start, span_start - 100) : span_start]
    found = SUBJECT.search(before) if before.rstrip().endswith(_SUBJECT_VERB_ENDS) else None
    return found.group("who").strip() if found else None
