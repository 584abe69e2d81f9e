"""Reading the words after a number: modifiers, the head noun, then the outcome verb.

"13 security force members were killed" gives category security_forces and outcome killed;
"60 civilian deaths" gives civilians and killed; "9 people, including a child, have been
confirmed dead" skips the aside. At most 16 tokens are read, so each look is bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from tollbook.extraction import lexicon as lx
from tollbook.extraction.lexicon import words

TOKEN = re.compile(r"[A-Za-z][\w'’.-]*\w|[A-Za-z]|\d[\d,.]*|[^\s\w]")
_DIED_CAUSE = re.compile(
    r"\s*(?:of|from|due\s+to|because\s+of|after|in)\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+)?(?:hunger|starvation|malnutrition"
    r"|disease|diseases|illness|illnesses|cholera|dehydration|natural\s+causes|cold|exposure|heat|famine|lack|thirst"
    r"|measles|infection|infections|chronic|hypothermia|frostbite|heatstroke|mpox|typhoid|diphtheria|meningitis"
    r"|tuberculosis|pneumonia|polio|hepatitis|malaria|dengue|ebola)",
    re.IGNORECASE,
)
# "the famine of 1932-33 in which about 3.9 million people died": the deaths of a famine or an epidemic,
# named before the figure, are all-cause deaths as "died of hunger" is.
_EPISODE_IN_WHICH = re.compile(
    r"\b(?:famine|epidemic|outbreak|pandemic|drought|starvation|hunger|cholera|plague|influenza)\b[^.;]{0,60}"
    r"\b(?:in|during)\s+which\b",
    re.IGNORECASE,
)
OUTCOME_VERBS: dict[str, str] = {
    **dict.fromkeys(
        words(
            "killed dead died executed slain murdered massacred perished shot beheaded lynched drowned suffocated"
            " electrocuted asphyxiated"
        ),
        "killed",
    ),
    **dict.fromkeys(words("injured wounded hurt hospitalized hospitalised maimed"), "injured"),
    **dict.fromkeys(["missing", "disappeared"], "missing"),
    **dict.fromkeys(["kidnapped", "abducted", "seized"], "kidnapped"),
}


@dataclass(slots=True)
class NounPhrase:
    """What the words after a number say: who was counted and what happened to them."""

    category: str | None = None
    group: str | None = None
    outcome: str | None = None
    head: bool = False
    people: bool = False
    rejected: bool = False
    hedged: bool = False
    end: int = 0
    next_word: str | None = None
    of_the: bool = False  # "11 of the victims": a part of a count given elsewhere


def read_tokens(text: str, start: int, end: int) -> tuple[list[re.Match[str]], list[str]]:
    """Up to 16 tokens after ``start`` and their text, stopping at the end of the sentence."""
    tokens = list(islice(TOKEN.finditer(text, start, min(end, start + 160)), 16))
    raw = [token.group() for token in tokens]
    stops = [raw.index(stop) for stop in _STOPS if stop in raw]  # list searches run in C
    if stops:
        cut = min(stops) + 1
        return tokens[:cut], raw[:cut]
    return tokens, raw


_STOPS = (".", ";", "!", "?")


def read_noun_phrase(text: str, start: int, end: int) -> NounPhrase:
    """Walk the words after the number: modifiers, a head noun, then an outcome verb."""
    tokens, raw = read_tokens(text, start, end)
    # Tokens hold no spaces, so one join, lower and split lower-cases them all at C speed.
    words = " ".join(raw).lower().split(" ") if raw else []
    phrase = NounPhrase(end=start)
    index = _read_head(words, tokens, phrase)
    if phrase.rejected or (phrase.outcome and not phrase.head):
        return phrase
    _read_verb(words, tokens, index, phrase)
    return phrase


def _read_head(words: list[str], tokens: list[re.Match[str]], phrase: NounPhrase) -> int:
    index = 0
    if words[:2] in (["of", "them"], ["of", "whom"], ["of", "those"]):
        index = 2
    elif words[:2] == ["of", "the"] and len(words) > 2 and words[2] in lx.OUTCOME_WORDS:
        phrase.outcome, phrase.head, phrase.of_the = lx.OUTCOME_WORDS[words[2]], True, True  # "11 of the victims"
        phrase.end = tokens[2].end()
        if words[3:4] in (["were"], ["was"], ["are"]) and len(words) > 4 and words[4] in lx.VICTIMS:
            _set_victim(phrase, *lx.VICTIMS[words[4]])  # "eight of the victims were children"
        return 3
    elif words[:1] == ["of"] and words[1:2] in _POSSESSORS and len(words) > 2 and words[2] in lx.VICTIMS:
        _set_victim(phrase, *lx.VICTIMS[words[2]])  # "two of its soldiers": the part has the whole's kind
        phrase.of_the, phrase.end = True, tokens[2].end()
        return 3
    fillers = 0
    while index < len(words) and fillers < 6:
        word = words[index]
        pair = f"{word} {words[index + 1]}" if index + 1 < len(words) else ""
        if pair in lx.VICTIM_PHRASES:
            _set_victim(phrase, *lx.VICTIM_PHRASES[pair])
            index += 2
            if index < len(words) and words[index] in lx.VICTIMS:  # "security force members"
                index += 1
            phrase.end = tokens[index - 1].end()
            return _read_of_phrase(words, tokens, index, phrase)
        if (word in lx.OUTCOME_WORDS and word != "died") or word in ("killed", "wounded", "injured"):
            phrase.outcome = lx.OUTCOME_WORDS[word]
            phrase.end = tokens[index].end()
            if word in ("killed", "wounded", "injured", "dead"):
                return _read_combined(words, tokens, index + 1, phrase)
            return index + 1
        if word in lx.VICTIMS and index + 1 < len(words) and words[index + 1] in lx.OUTCOME_NOUNS:
            category, group = lx.VICTIMS[word]  # "civilian deaths", "children casualties": a modifier here
            phrase.category = category if category != "unspecified" else phrase.category
            phrase.group = group or phrase.group
            index, fillers = index + 1, fillers + 1
            continue
        if word in lx.VICTIMS:
            _set_victim(phrase, *lx.VICTIMS[word])
            phrase.people = word in ("people", "persons", "individuals", "others", "person", "individual")
            phrase.end = tokens[index].end()
            if word in lx.NATIONALITY_NOUNS:
                phrase.group = lx.GROUPS[word]
            return _read_of_phrase(words, tokens, index + 1, phrase)
        if word in lx.NON_CASUALTY_NOUNS or word in lx.NON_CASUALTY_VERBS:
            phrase.rejected = True
            return index
        if not _read_modifier(word, tokens[index].group(), phrase) and not _before_head(words, index):
            phrase.next_word = word
            return index
        index += 1
        fillers += 1
    return index


_POSSESSORS = (["the"], ["its"], ["their"], ["his"], ["her"], ["our"])


def _read_modifier(word: str, raw: str, phrase: NounPhrase) -> bool:
    if word in lx.GROUPS:
        phrase.group = lx.GROUPS[word]
        return True
    if word in lx.CATEGORY_MODIFIERS:
        phrase.category = phrase.category or lx.CATEGORY_MODIFIERS[word]
        return True
    if word in lx.NP_FILLERS and word not in ("of", "the", "among", "whom"):
        return True
    if word.startswith("pro-"):
        phrase.category = "combatants"
        return True
    return raw[:1].isupper() and len(raw) > 1 and raw.lower() not in lx.MONTHS and raw.lower() not in lx.WEEKDAYS


def _before_head(words: list[str], index: int) -> bool:
    """An unknown adjective right before a victim or outcome noun ("32 unlawful killings", "9 Rohingya refugees")."""
    following = words[index + 1] if index + 1 < len(words) else ""
    return words[index].isalpha() and (following in lx.OUTCOME_NOUNS or following in lx.VICTIMS)


def _set_victim(phrase: NounPhrase, category: str, group: str | None) -> None:
    """A head noun's own category wins over "unspecified"; modifiers fill in when it has none."""
    phrase.head = True
    if category != "unspecified":
        phrase.category = category
    phrase.group = group or phrase.group


def _read_of_phrase(words: list[str], tokens: list[re.Match[str]], index: int, phrase: NounPhrase) -> int:
    """ "members of the security forces", "civilians and soldiers": refine the head's category."""
    if index < len(words) and words[index] == "of" and not phrase.category:
        look = index + 1 + (index + 1 < len(words) and words[index + 1] == "the")
        if look < len(words) and words[look].endswith(("'s", "’s")):
            look += 1  # "members of the government's security forces"
        pair = " ".join(words[look : look + 2])
        if pair in lx.VICTIM_PHRASES:
            phrase.category = lx.VICTIM_PHRASES[pair][0]
            tail = look + 2 + (words[look + 2 : look + 3] in (["service"], ["services"], ["apparatus"], ["units"]))
            phrase.end = tokens[tail - 1].end()
            return tail
        if look < len(words) and words[look] in lx.VICTIMS and lx.VICTIMS[words[look]][0] != "unspecified":
            phrase.category = lx.VICTIMS[words[look]][0]
            phrase.end = tokens[look].end()
            return look + 1
        if look < len(words) and words[look] in lx.CATEGORY_MODIFIERS:  # "members of the army"
            phrase.category = lx.CATEGORY_MODIFIERS[words[look]]
        elif "family" in words[look : look + 3] or "families" in words[look : look + 3]:
            phrase.category = "civilians"  # "nine members of one family"
    if index + 1 < len(words) and words[index] == "and":
        other = lx.VICTIM_PHRASES.get(" ".join(words[index + 1 : index + 3])) or lx.VICTIMS.get(words[index + 1])
        if other and other[0] != "unspecified" and phrase.category and other[0] != phrase.category:
            phrase.category = "mixed"
            phrase.group = None
            phrase.end = tokens[index + 1].end()
            return index + 2 + (" ".join(words[index + 1 : index + 3]) in lx.VICTIM_PHRASES)
        if other and (other[0] == phrase.category or other[0] == "unspecified") and _joins_verb(words, index):
            return index + 2 + (" ".join(words[index + 1 : index + 3]) in lx.VICTIM_PHRASES)  # "journalists and
            # media workers have been killed": one count of both, read on to the verb
    return index


def _joins_verb(words: list[str], index: int) -> bool:
    """Whether "and <victims>" at ``index`` is followed by the verb of the count (not by a new number)."""
    after = index + 2 + (" ".join(words[index + 1 : index + 3]) in lx.VICTIM_PHRASES)
    following = words[after] if after < len(words) else ""
    return following in lx.AUX or following in OUTCOME_VERBS


def _read_combined(words: list[str], tokens: list[re.Match[str]], index: int, phrase: NounPhrase) -> int:
    """ "killed or wounded", "dead and injured" with one number is a combined casualty figure."""
    if index + 1 < len(words) and words[index] in ("or", "and", "/"):
        other = OUTCOME_VERBS.get(words[index + 1]) or lx.OUTCOME_WORDS.get(words[index + 1])
        if other and other != phrase.outcome and {other, phrase.outcome} <= {"killed", "injured", "missing"}:
            phrase.outcome = "casualties"
            phrase.end = tokens[index + 1].end()
            return index + 2
    return index


def _read_verb(words: list[str], tokens: list[re.Match[str]], index: int, phrase: NounPhrase) -> None:
    steps = 0
    skipped = 0
    while index < len(words) and steps < 7:
        word = words[index]
        if tokens[index].group() in lx.HEDGE_WORDS or word in ("could", "might", "would"):
            phrase.hedged = True
            return
        if word in OUTCOME_VERBS or word in _OUTCOME_PHRASE_STARTS:
            _read_outcome_verb(words, tokens, index, phrase)
            return
        if word in lx.NON_CASUALTY_VERBS:
            phrase.rejected = True
            return
        if word in (",", "(", "—", "–") and index + 1 < len(words) and words[index + 1] in _ASIDE_OPENERS:
            closing = _aside_end(words, index)  # "Nine people, including a child, have been confirmed dead"
            if closing is None:
                return
            _read_aside(words[index + 1 : closing], phrase)
            index = closing + 1
            continue
        if word in _PREPOSITIONS and not skipped:
            skipped = _skip_prepositional(words, index)  # "60 fighters from the Islamic State group were killed"
            steps -= skipped - index
            index = skipped
            continue
        if word == "to" and words[index + 1 : index + 2] == ["be"]:
            index += 1  # "33 hostages are to be freed": read on to the verb
        elif word not in lx.AUX and word not in ("the", "among", "reported", "confirmed", "recorded", "documented"):
            return
        index += 1
        steps += 1


_INJURIES = frozenset(words("injuries wounds burns"))
_MOSTLY = frozenset(words("most mostly mainly largely predominantly both"))
_OUTCOME_PHRASE_STARTS = frozenset(words("lost their admitted taken held unaccounted casualties sustained suffered"))
_PREPOSITIONS = frozenset(words("from of in at with belonging loyal affiliated linked allied"))
_ASIDE_OPENERS = frozenset(words("including among most mostly mainly many some all both largely predominantly"))


_EXECUTION_VERBS = frozenset(words("shot executed killed murdered slain beheaded"))


def _then_killed(words: list[str], index: int) -> int | None:
    """Index of the killing verb in "taken (from their homes / away) and shot", if the clause says so."""
    for stop in range(index + 1, min(len(words) - 1, index + 8)):
        if words[stop] in (",", ".", ";"):
            return None
        if words[stop] == "and" and words[stop + 1] in _EXECUTION_VERBS:
            return stop + 1
    return None


def _read_aside(aside: list[str], phrase: NounPhrase) -> None:
    """ ", mostly civilians," or ", both civilians and soldiers," makes the count mixed."""
    kinds = {lx.VICTIMS[w][0] for w in aside if w in lx.VICTIMS and lx.VICTIMS[w][0] != "unspecified"}
    if kinds and (aside[0] in _MOSTLY or len(kinds) > 1):
        phrase.category = "mixed"
        phrase.group = next((lx.GROUPS[w] for w in aside if w in lx.GROUPS), phrase.group)


def _aside_end(words: list[str], index: int) -> int | None:
    """Where an aside opened at ``index`` closes (",", ")" or a dash), if it closes soon."""
    for stop in range(index + 2, min(len(words), index + 10)):
        if words[stop] in (",", ")", "—", "–"):
            return stop
        if words[stop] in (".", ";"):
            return None
    return None


def _skip_prepositional(words: list[str], index: int) -> int:
    """Index after a short prepositional phrase that ends right before an auxiliary or outcome verb."""
    for stop in range(index + 1, min(len(words), index + 7)):
        if words[stop] in lx.AUX or words[stop] in OUTCOME_VERBS:
            return stop
        if words[stop] in (",", ".", ";", "or", "who", "which", "that") or words[stop][:1].isdigit():
            break
    return len(words)


def _died_in_episode(first: re.Match[str]) -> bool:
    """Whether the figure before ``first`` sits in a relative clause on a famine or an epidemic."""
    before = first.string[max(0, first.start() - 160) : first.start()]
    return "which" in before and _EPISODE_IN_WHICH.search(before) is not None


def _read_outcome_verb(words: list[str], tokens: list[re.Match[str]], index: int, phrase: NounPhrase) -> None:
    word = words[index]
    following = words[index + 1 : index + 3]
    outcome: str | None = OUTCOME_VERBS.get(word)
    width = 1
    if word == "lost" and following[:2] in (["their", "lives"], ["his", "life"], ["her", "life"]):
        outcome, width = "killed", 3
    elif word == "their" and following[:1] == ["lives"]:
        outcome, width = "killed", 2
    elif (
        word in ("admitted", "taken")
        and following[:1] == ["to"]
        and words[index + 2 : index + 3] in (["hospital"], ["hospitals"])
    ):
        outcome, width = "injured", 3
    elif word in ("taken", "held") and following[:1] in (["hostage"], ["captive"], ["hostages"]):
        outcome, width = "kidnapped", 2
    elif word == "taken" and (killing := _then_killed(words, index)) is not None:
        outcome, width = "killed", killing - index + 1  # "taken from their homes and shot": executed
    elif word in ("sustained", "suffered") and _INJURIES.intersection(following):
        outcome = "injured"  # "sustained (serious) injuries"
        width = 2 if following[0] in _INJURIES else 3
    elif word == "unaccounted" and following[:1] == ["for"]:
        outcome, width = "missing", 2
    elif word == "casualties":
        outcome = "casualties"
    elif word == "shot" and following[:1] != ["dead"]:
        outcome = "injured"
    elif word == "shot":
        width = 2
    if outcome is None:
        return
    phrase.outcome = outcome
    phrase.end = tokens[index + width - 1].end()
    if word == "died" and (
        _DIED_CAUSE.match(tokens[0].string, phrase.end, phrase.end + 60) or _died_in_episode(tokens[0])
    ):
        phrase.outcome = "died"
    _read_combined(words, tokens, index + width, phrase)
