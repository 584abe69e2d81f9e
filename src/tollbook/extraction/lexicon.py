"""The words that decide what a number counts: outcomes, victim nouns, categories, groups, cues.

Kept apart from the rules so the vocabulary can grow (or be swapped for another language)
without touching the logic. Every entry is lower case; lookups lower-case the token first.
"""

from __future__ import annotations

import re


def words(text: str) -> list[str]:
    """A word list written as one string (easier to read and extend than a list literal)."""
    return text.split()


def at_word_start(pattern: str) -> str:
    r"""``pattern`` behind a look-ahead for a word start: ``(?=\b\w)(?:pattern)``, the same matches.

    For a pattern whose every alternative opens with ``\b`` and a word character (``\bkilled``,
    ``\b(?:in|during)``), the look-ahead rejects the positions inside words and between them
    in two steps, before the engine enters the alternatives one by one; on case-insensitive
    patterns with many alternatives that makes a search several times faster.
    """
    return r"(?=\b\w)(?:" + pattern + ")"


def longest_first(alternatives: list[str]) -> str:
    """``(?:september|sept|sep|...)`` as a trie: ``(?:s(?:ep(?:t(?:ember)?)?)|...)``, the same matches.

    An alternation of words sorted longest first tries every word at every position; the trie
    tries one branch per first letter and still prefers the longest word (an optional tail is
    greedy). The words are plain lower-case letters; flags such as IGNORECASE apply as usual.
    """
    return "(?:" + "|".join(_trie_branches(sorted(set(alternatives)))) + ")"


def _trie_branches(alternatives: list[str]) -> list[str]:
    groups: dict[str, list[str]] = {}
    for word in alternatives:
        groups.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, tails in groups.items():
        longer = [tail for tail in tails if tail]
        if not longer:
            branches.append(first)
            continue
        inner = _trie_branches(longer)
        if len(inner) == 1 and "" not in tails:
            branches.append(first + inner[0])  # one way on: no group needed ("dec" + "ember")
        else:
            branches.append(first + "(?:" + "|".join(inner) + ")" + ("?" if "" in tails else ""))
    return branches


def word_start_alternation(alternatives: list[str]) -> str:
    r"""A pattern matching ``\b(?:a|b|...)`` exactly, written so the regex engine can skip text fast.

    Python's engine can jump straight to the next possible start only when a pattern opens
    with a plain character: ``\b(?:in|near|at)`` opens with an assertion, so every position
    is tried. Here each alternative is split into its first character (a literal) and the rest,
    grouped by that character in their original order (which keeps which alternative wins),
    and the word boundary is checked after the first character: ``(?<!\w.)``. The
    alternatives are regex fragments whose first character is a plain lower- or upper-case
    letter; the pattern is case-sensitive.
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    branches = [rf"{first}(?<!\w.)(?:{'|'.join(rests)})" for first, rests in groups.items()]
    return "(?:" + "|".join(branches) + ")"


# Head words that state the outcome themselves ("60 deaths", "340 killed", "3,000 injured").
OUTCOME_WORDS: dict[str, str] = {
    **dict.fromkeys(
        words(
            "killed dead deaths death fatalities fatality executed slain murdered massacred perished lives killings "
            "bodies corpses victims beheaded"
        ),
        "killed",
    ),
    **dict.fromkeys(words("injured wounded injuries injury hurt hospitalized hospitalised maimed"), "injured"),
    **dict.fromkeys(["missing", "disappeared"], "missing"),
    **dict.fromkeys(["kidnapped", "abducted", "hostages", "hostage"], "kidnapped"),
    "casualties": "casualties",
    "died": "killed",
}

# Outcome nouns that a victim word may modify ("civilian deaths", "child casualties").
OUTCOME_NOUNS = frozenset(words("deaths death fatalities casualties injuries victims dead bodies lives killings"))

# Nouns naming the people counted. Value: (category, group or None).
VICTIMS: dict[str, tuple[str, str | None]] = {
    **dict.fromkeys(
        words(
            "people persons individuals others victims souls inhabitants nationals citizens adults men man "
            "person individual"
        ),
        ("unspecified", None),
    ),
    **dict.fromkeys(["civilians", "civilian", "noncombatants", "non-combatants"], ("civilians", None)),
    **dict.fromkeys(
        words(
            "residents villagers locals farmers shoppers passengers pedestrians protesters protestors "
            "demonstrators fishermen herders worshipers mourners guests spectators firefighters volunteers "
            "employees staff shepherds"
        ),
        ("civilians", None),
    ),
    **dict.fromkeys(words("children child kids minors infants babies toddlers"), ("civilians", "children")),
    **dict.fromkeys(["women", "woman"], ("civilians", "women")),
    "girls": ("civilians", "girls"),
    "boys": ("civilians", "boys"),
    "students": ("civilians", "students"),
    "pupils": ("civilians", "students"),
    "schoolchildren": ("civilians", "children"),
    "journalists": ("civilians", "journalists"),
    "reporters": ("civilians", "journalists"),
    "medics": ("civilians", "medics"),
    "paramedics": ("civilians", "medics"),
    "doctors": ("civilians", "medics"),
    "nurses": ("civilians", "medics"),
    "patients": ("civilians", "patients"),
    "worshippers": ("civilians", "worshippers"),
    "pilgrims": ("civilians", "pilgrims"),
    "monks": ("civilians", "monks"),
    "priests": ("civilians", "clergy"),
    "teachers": ("civilians", "teachers"),
    "refugees": ("civilians", "refugees"),
    "migrants": ("civilians", "migrants"),
    "tourists": ("civilians", "tourists"),
    "workers": ("civilians", None),
    **dict.fromkeys(
        words(
            "cadets soldiers soldier troops servicemen servicemembers policemen policeman officers officer gendarmes "
            "guards conscripts recruits personnel police troopers marines sailors airmen"
        ),
        ("security_forces", None),
    ),
    **dict.fromkeys(
        words(
            "fighters fighter militants militant insurgents insurgent rebels rebel gunmen gunman jihadists "
            "militiamen militia combatants loyalists attackers assailants terrorists operatives "
            "paramilitaries mercenaries"
        ),
        ("combatants", None),
    ),
    "members": ("unspecified", None),
}

# Two-word victim phrases that override their last word ("aid workers", "security forces").
VICTIM_PHRASES: dict[str, tuple[str, str | None]] = {
    "aid workers": ("civilians", "aid workers"),
    "humanitarian workers": ("civilians", "aid workers"),
    "health workers": ("civilians", "health workers"),
    "medical workers": ("civilians", "health workers"),
    "rescue workers": ("civilians", "rescue workers"),
    "un staff": ("civilians", "aid workers"),
    "security forces": ("security_forces", None),
    "security force": ("security_forces", None),
    "security personnel": ("security_forces", None),
    "general security": ("security_forces", None),
    "media workers": ("civilians", "journalists"),
    "military personnel": ("security_forces", None),
    "government forces": ("security_forces", None),
    "government troops": ("security_forces", None),
    "army soldiers": ("security_forces", None),
    "police officers": ("security_forces", None),
    "service members": ("security_forces", None),
    "border guards": ("security_forces", None),
    "civil defence": ("civilians", "rescue workers"),
    "civil defense": ("civilians", "rescue workers"),
}

# Words inside the noun phrase that colour its category ("security force members", "pro-Assad fighters").
CATEGORY_MODIFIERS: dict[str, str] = {
    **dict.fromkeys(["civilian", "civil", "unarmed", "innocent"], "civilians"),
    **dict.fromkeys(words("security army military police government regime state"), "security_forces"),
    **dict.fromkeys(words("militia rebel insurgent jihadist armed opposition"), "combatants"),
}

# Adjectives and determiners allowed between a number and its head noun.
NP_FILLERS = frozenset(
    words(
        "more other additional further innocent unarmed young elderly local foreign total confirmed "
        "reported registered documented known recorded identified new civilian civil army military police "
        "security government regime state rebel militia armed opposition female male adult minor teenage "
        "unidentified unknown fellow aid humanitarian health medical rescue service people's among of the "
        "whom force"
    )
)

# Group adjectives/nouns (sects, ethnicities, nationalities) mapped to their plural group name.
GROUPS: dict[str, str] = {
    "alawite": "Alawites", "alawites": "Alawites", "alawi": "Alawites", "alawis": "Alawites",
    "christian": "Christians", "christians": "Christians", "druze": "Druze", "kurdish": "Kurds",
    "kurds": "Kurds", "yazidi": "Yazidis", "yazidis": "Yazidis", "sunni": "Sunnis", "sunnis": "Sunnis",
    "shia": "Shias", "shiite": "Shias", "shiites": "Shias", "ismaili": "Ismailis", "rohingya": "Rohingya",
    "palestinian": "Palestinians", "palestinians": "Palestinians", "israeli": "Israelis",
    "israelis": "Israelis", "ukrainian": "Ukrainians", "ukrainians": "Ukrainians", "russian": "Russians",
    "russians": "Russians", "sudanese": "Sudanese", "syrian": "Syrians", "syrians": "Syrians",
    "lebanese": "Lebanese", "afghan": "Afghans", "afghans": "Afghans", "iraqi": "Iraqis", "iraqis": "Iraqis",
    "yemeni": "Yemenis", "yemenis": "Yemenis", "masalit": "Masalit", "bedouin": "Bedouin",
    "turkish": "Turks", "armenian": "Armenians", "tigrayan": "Tigrayans", "tigrayans": "Tigrayans",
    "amhara": "Amhara", "fur": "Fur", "zaghawa": "Zaghawa", "uyghur": "Uyghurs", "hazara": "Hazara",
}  # fmt: skip

# Nationalities as bare nouns keep the category unspecified ("22,185 Palestinians").
NATIONALITY_NOUNS = frozenset(
    words(
        "palestinians israelis ukrainians russians sudanese syrians lebanese afghans iraqis yemenis turks armenians"
        " tigrayans uyghurs"
    )
)
VICTIMS.update(dict.fromkeys(NATIONALITY_NOUNS - VICTIMS.keys(), ("unspecified", None)))  # heads, not modifiers

# Auxiliaries and adverbs that may sit between a head noun and its outcome verb.
AUX = frozenset(
    words(
        "were was have has had been be being are is reportedly also all now so far already since "
        "confirmed reported believed said found later subsequently among them those who of whom in total "
        "total altogether recently still remain remained remains"
    )
)

# Verbs after a head noun that make the number something other than a casualty.
NON_CASUALTY_VERBS = frozenset(
    words(
        "displaced fled evacuated arrested detained rescued trapped affected sheltering homeless stranded "
        "relocated sheltered returned deported released freed treated vaccinated registered employed "
        "charged convicted sentenced questioned interviewed surveyed protested marched gathered attended "
        "remain-displaced saved survived evacuate"
    )
)

# Head nouns that are never people hurt ("40 homes", "7 rockets", "12 years").
NON_CASUALTY_NOUNS = frozenset(
    words(
        "homes houses buildings apartments flats structures schools hospitals mosques churches shops "
        "vehicles cars trucks tanks rockets missiles drones shells bombs mortars rounds weapons rifles "
        "guns aircraft jets planes helicopters years year months month days day hours hour minutes weeks "
        "week km kilometres kilometers miles metres meters percent per cent % dollars euros pounds tonnes "
        "tons litres liters acres hectares villages towns cities districts provinces testimonies "
        "statements documents reports cases suspects arrests detainees prisoners families households "
        "refugees displaced evacuees survivors tents meals trucks beds points degrees magnitude times "
        "feet storeys floors rounds sorties airstrikes strikes attacks raids incidents violations "
        "massacres sites locations areas neighbourhoods neighborhoods camps shelters posts pages votes "
        "seats members-of-parliament mps votes"
    )
)

MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}  # fmt: skip
WEEKDAYS = {d: i for i, d in enumerate(words("monday tuesday wednesday thursday friday saturday sunday"))}

QUALIFIER_CUES: tuple[tuple[str, str], ...] = (
    ("at_least", r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of|not\s+less\s+than"),
    (
        "over",
        r"more\s+than|over|in\s+excess\s+of|upwards\s+of|exceeding|exceeds|exceeded|surpassing|surpassed"
        r"|surpasses|exceed|surpass|topping|topped|tops|passed|passing|crossed|just\s+over|well\s+over|beyond|above",
    ),
    (
        "about",
        r"about|around|approximately|approx\.?|roughly|some|nearly|almost|close\s+to|an\s+estimated"
        r"|estimated\s+that|estimated\s+at|estimated|circa|~|just\s+under|an\s+approximate|a\s+reported",
    ),
    (
        "up_to",
        r"up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than|fewer\s+than|less\s+than|under|a\s+maximum\s+of",
    ),
)
QUALIFIER = re.compile(
    r"(?:^|(?<=[\s(\"“—–-]))(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in QUALIFIER_CUES) + r")\s*$",
    re.IGNORECASE,
)
# The last word of every QUALIFIER_CUES phrase: a text that ends with none of them (most do not)
# cannot end with a qualifier, so the costly pattern is not run.
QUALIFIER_ENDS = tuple(
    words(
        "least than of over exceeding exceeds exceeded surpassing surpassed surpasses exceed surpass topping "
        "topped tops passed passing crossed beyond above about around approximately approx approx. roughly some "
        "nearly almost to estimated that at circa ~ under approximate reported as most"
    )
)


def ends_with_qualifier(tail: str) -> bool:
    """Whether ``tail`` ends with the last word of a qualifier phrase (a cheap test before QUALIFIER)."""
    return tail.rstrip().lower().endswith(QUALIFIER_ENDS)


def ends_with_determiner(tail: str) -> bool:
    """Whether ``tail`` ends with the last word of a NEW_DETERMINER phrase (a cheap test before it)."""
    return tail.rstrip().lower().endswith(("additional", "further", "another", "of", "new"))


NEW_DETERMINER = re.compile(
    r"(?:\b(?:an?\s+(?:additional|further)|another|a\s+total\s+of|a\s+further|a\s+new)\s*)$", re.IGNORECASE
)

# A modal or projection between the cue and the number makes the figure a hedge, not a claim.
HEDGE = re.compile(
    at_word_start(
        r"\b(?:[Cc]ould|may|[Mm]ight|[Ww]ould|will|expected\s+to|likely\s+to|set\s+to|projected\s+to|feared\s+to"
        r"|threatens?\s+to|poised\s+to|predicted\s+to|forecast\s+to|risks?|potentially|suggests?|fears?)\b"
    )
)
# HEDGE cannot match without one of these: substring tests, far cheaper than the pattern.
_HEDGE_STEMS = tuple(
    words(
        "ould may ight will expected likely set projected feared threaten poised predicted forecast risk "
        "potentially suggest fear"
    )
)


_HEDGE_STEM = re.compile("|".join(_HEDGE_STEMS))  # on the few words it is given, faster than ``in`` tests


def hedged(text: str) -> bool:
    """Whether ``text`` (a few words) holds a modal or projection (HEDGE), tested cheaply first."""
    return _HEDGE_STEM.search(text) is not None and HEDGE.search(text) is not None


# The one-word HEDGE cues: a word that HEDGE matches whole is one of these (a set lookup, not a pattern).
HEDGE_WORDS = frozenset(
    words("Could could may Might might Would would will risk risks potentially suggest suggests fear fears")
)
