"""Sentences written for these tests (not from the dev set): phrasing, attribution, subsets, ranges, negatives."""

from __future__ import annotations

import pytest

from tollbook.extraction import extract_claims

# (text, [(count, count_max, qualifier, outcome, category), ...])
CLAIMS = [
    (
        "Flooding has left 5,300 people dead and 10,000 missing, according to the Red Crescent.",
        [(5300, None, "exact", "killed", "unspecified"), (10000, None, "exact", "missing", "unspecified")],
    ),
    (
        "An earthquake struck on Monday, killing more than 2,300 people, officials said.",
        [(2300, None, "over", "killed", "unspecified")],
    ),
    (
        "The UN estimates between 10,000 and 15,000 people were killed in the city.",
        [(10000, 15000, "range", "killed", "unspecified")],
    ),
    ("From 40 to 60 villagers were killed in the raid.", [(40, 60, "range", "killed", "civilians")]),
    (
        "Police said 14 people were wounded when a car bomb exploded near a market.",
        [(14, None, "exact", "injured", "unspecified")],
    ),
    (
        "A bus crash killed 24 passengers, including six children, local authorities said.",
        [(24, None, "exact", "killed", "civilians"), (6, None, "exact", "killed", "civilians")],
    ),
    (
        "Seven police officers were killed and nine others wounded in the attack.",
        [(7, None, "exact", "killed", "security_forces"), (9, None, "exact", "injured", "security_forces")],
    ),
    (
        "Twenty-three soldiers and 11 militants were killed in clashes.",
        [(23, None, "exact", "killed", "security_forces"), (11, None, "exact", "killed", "combatants")],
    ),
    (
        "At least 57 bodies and 65 injured were brought to the hospital.",
        [(57, None, "at_least", "killed", "unspecified"), (65, None, "at_least", "injured", "unspecified")],
    ),
    ("Rescuers pulled an additional 28 bodies from the rubble.", [(28, None, "exact", "killed", "unspecified")]),
    (
        "The attack left 15 dead and 42 injured, officials said.",
        [(15, None, "exact", "killed", "unspecified"), (42, None, "exact", "injured", "unspecified")],
    ),
    ("Gunmen abducted 287 students from a school, police said.", [(287, None, "exact", "kidnapped", "civilians")]),
    (
        "Overall casualties reached 4,500 killed or wounded, the monitor said.",
        [(4500, None, "exact", "casualties", "unspecified")],
    ),
    (
        "The fighting has killed up to 150,000 people, according to the envoy.",
        [(150000, None, "up_to", "killed", "unspecified")],
    ),
    ("Roughly 400 people were wounded in the blasts.", [(400, None, "about", "injured", "unspecified")]),
    (
        "Some 60 fighters from the Islamic State group were killed in the air strikes.",
        [(60, None, "about", "killed", "combatants")],
    ),
    ("The assault killed 52 people, mostly civilians, activists said.", [(52, None, "exact", "killed", "mixed")]),
    (
        "Nearly half a million people have been killed, the group said.",
        [(500000, None, "about", "killed", "unspecified")],
    ),
    (
        "About 1,500 people have died of cholera since January, the ministry said.",
        [(1500, None, "about", "died", "unspecified")],
    ),
    ("Security forces shot dead at least 27 protesters.", [(27, None, "at_least", "killed", "civilians")]),
    ("A suicide bomber killed himself and 20 others at a checkpoint.", [(20, None, "exact", "killed", "unspecified")]),
    (
        "At least 120 people are missing after the landslide, and 34 bodies have been recovered.",
        [(120, None, "at_least", "missing", "unspecified"), (34, None, "exact", "killed", "unspecified")],
    ),
    (
        "The death toll from the earthquake has risen to 2,946, with 5,674 people injured.",
        [(2946, None, "exact", "killed", "unspecified"), (5674, None, "exact", "injured", "unspecified")],
    ),
    ("Twelve aid workers were killed in the strike.", [(12, None, "exact", "killed", "civilians")]),
    (
        "More than 3,000 soldiers have lost their lives since the offensive began.",
        [(3000, None, "over", "killed", "security_forces")],
    ),
    (
        "Officials said nine people died and 30 were hurt when a building collapsed.",
        [(9, None, "exact", "killed", "unspecified"), (30, None, "exact", "injured", "unspecified")],
    ),
    ("Over 1,400 civilian deaths were recorded.", [(1400, None, "over", "killed", "civilians")]),
    (
        "At least 13 security force members were killed in the fighting.",
        [(13, None, "at_least", "killed", "security_forces")],
    ),
    ("Some 89 people remain unaccounted for.", [(89, None, "about", "missing", "unspecified")]),
]

CLAIMS += [
    ("Estimates range from 5,000-7,000 dead.", [(5000, 7000, "range", "killed", "unspecified")]),
    ("The number of dead exceeded 2,000 on Wednesday.", [(2000, None, "over", "killed", "unspecified")]),
    ("The UN said the number of people killed had surpassed 1,000.", [(1000, None, "over", "killed", "unspecified")]),
    (
        "Nine people, including a child, have been confirmed dead after the storm.",
        [(9, None, "exact", "killed", "unspecified")],
    ),
    (
        "Nine people, including 2 children, were killed.",
        [(9, None, "exact", "killed", "unspecified"), (2, None, "exact", "killed", "civilians")],
    ),
    (
        "The fire killed 7 firefighters and injured 3 police officers.",
        [(7, None, "exact", "killed", "civilians"), (3, None, "exact", "injured", "security_forces")],
    ),
    ("A dozen people were killed in the raid.", [(12, None, "exact", "killed", "unspecified")]),
    ("Upwards of 2,000 people are believed dead.", [(2000, None, "over", "killed", "unspecified")]),
    (
        "Amnesty International documented at least 32 unlawful killings.",
        [(32, None, "at_least", "killed", "unspecified")],
    ),
    (
        "The toll stands at 2,400 killed, 3,100 wounded and 700 missing.",
        [
            (2400, None, "exact", "killed", "unspecified"),
            (3100, None, "exact", "injured", "unspecified"),
            (700, None, "exact", "missing", "unspecified"),
        ],
    ),
    (
        "Militants stormed the village, killing 32 and abducting 20 women.",
        [(32, None, "exact", "killed", "unspecified"), (20, None, "exact", "kidnapped", "civilians")],
    ),
    (
        "It also counts 125 members of the government's security forces and 148 fighters loyal to the former "
        "government among the dead.",
        [(125, None, "exact", "killed", "security_forces"), (148, None, "exact", "killed", "combatants")],
    ),
    (
        "The national committee said 238 members of the army and security forces were killed.",
        [(238, None, "exact", "killed", "security_forces")],
    ),
    (
        "The attack\nkilled more than 70 people in the town, a hard-wrapped line said, and wounded\n120 more.",
        [(70, None, "over", "killed", "unspecified"), (120, None, "exact", "injured", "unspecified")],
    ),
]

CLAIMS += [
    ("At least 5 people sustained injuries in the blast.", [(5, None, "at_least", "injured", "unspecified")]),
    ("Three soldiers suffered serious injuries.", [(3, None, "exact", "injured", "security_forces")]),
    (
        "Officials say 1,200 people were killed in the attack and about 250 taken hostage.",
        [(1200, None, "exact", "killed", "unspecified"), (250, None, "about", "kidnapped", "unspecified")],
    ),
    (
        "A missile strike killed 40 people, including six children, and injured 75, officials said.",
        [
            (40, None, "exact", "killed", "unspecified"),
            (6, None, "exact", "killed", "civilians"),
            (75, None, "exact", "injured", "unspecified"),
        ],
    ),
    ("Around 300 Rohingya refugees are missing after two boats sank.", [(300, None, "about", "missing", "civilians")]),
]

CLAIMS += [
    ("The clashes killed 86 civilians and military personnel.", [(86, None, "exact", "killed", "mixed")]),
    ("More than 200 people, mostly civilians, were killed.", [(200, None, "over", "killed", "mixed")]),
    ("The bombing killed 30 people, both civilians and soldiers.", [(30, None, "exact", "killed", "mixed")]),
    (
        "At least 1,000 people have been killed, the majority of them civilians.",
        [(1000, None, "at_least", "killed", "mixed")],
    ),
]

NEGATIVES = [
    "The government has pledged $2.5 billion to rebuild 40,000 homes destroyed in the 2023 earthquake.",
    "More than 300,000 people have fled their homes since fighting began in April, the UN said.",
    "Police arrested 45 suspects and seized 12 weapons, including three rifles, in raids across 7 districts.",
    "The 34-year-old victim was taken to hospital at 3:45 pm on 12 May; the suspect, 27, was charged.",
    "The quake, measuring 6.8 on the Richter scale, struck at a depth of 18 km.",
    "Over 2,000 aid trucks have entered the enclave this week, carrying 15,000 tonnes of food.",
    "About 70 percent of the hospitals in the region are out of service.",
    "The company reported 1,200 job losses and a 15% drop in revenue in 2024.",
    "Hundreds of people were killed and dozens went missing, witnesses said.",
    "The death toll could exceed 1,000, officials warned.",
    "The storm displaced 20,000 families and damaged 5,000 homes.",
    "Voters elected 150 members of parliament; turnout was 65 percent.",
    "Eleven people were rescued from the rubble after 48 hours.",
    "Between 5,000 and 7,000 people may have died in the floods.",
    "Tens of thousands were killed in the war.",
    "The committee collected 250 testimonies from 14 villages.",
    "Around 1.2 million refugees live in 30 camps.",
    "The strike, which killed dozens, destroyed 40 buildings and damaged 12 schools.",
    "The victims were aged between 18 and 45, police said, adding that 150 officers were deployed.",
    "Only 10 of the 12 hospitals in the north are functioning, and 3 ambulances were hit.",
    "The convoy stopped 3 km from the border at 5 a.m. after a 24-hour delay.",
    "The army deployed 5,000 troops and 200 tanks to the region on 7 October.",
    "UN Security Council Resolution 2334 was adopted by 14 votes, with 1 abstention.",
    "Her 3 children survived the attack.",
    "Some 45 trucks carrying aid were looted and 7 drivers were detained.",
    "The Senate killed the bill by 52 votes to 48 on Tuesday.",
    "About 600 of the 1,000 residents have returned, officials said.",
    "The minister said 250 schools and 18 hospitals had been damaged and 1,200 families displaced.",
    "One of the victims was a 15-year-old girl.",
    "Rebels killed 23 soldiers and captured 40 others in an ambush.",
]


def _shape(text: str) -> list[tuple[object, ...]]:
    return [(c.count, c.count_max, c.qualifier.value, c.outcome.value, c.category.value) for c in extract_claims(text)]


@pytest.mark.parametrize(("text", "expected"), CLAIMS, ids=[t[:40] for t, _ in CLAIMS])
def test_claims(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _shape(text) == expected


@pytest.mark.parametrize("text", NEGATIVES[:-1], ids=[t[:40] for t in NEGATIVES[:-1]])
def test_no_claims_in_texts_without_casualty_figures(text: str) -> None:
    assert extract_claims(text) == []


def test_ages_are_not_linked_to_a_count() -> None:
    assert _shape("The 2 men killed were brothers, aged 19 and 23.") == [(2, None, "exact", "killed", "unspecified")]


def test_captured_is_not_killed() -> None:
    assert _shape(NEGATIVES[-1]) == [(23, None, "exact", "killed", "security_forces")]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("At least 50 people died in a stampede, the interior ministry told reporters.", "the interior ministry"),
        (
            "A total of 1,142 people have been killed, the UN Office for the Coordination of Humanitarian Affairs "
            "(OCHA) reported.",
            "UN Office for the Coordination of Humanitarian Affairs",
        ),
        ("According to Human Rights Watch, security forces killed 27 protesters.", "Human Rights Watch"),
        (
            "Two journalists were among 17 people killed, the Committee to Protect Journalists said.",
            "Committee to Protect Journalists",
        ),
        (
            "At least 300 women were killed in the city, Sudan's Minister of Social Welfare, Salima Ishaq, said in an "
            "interview with a news agency.",
            "Sudan's Minister of Social Welfare, Salima Ishaq",
        ),
        (
            "The toll has climbed to 340, Rami Abdul Rahman, who directs the Syrian Observatory for Human Rights "
            "(SOHR), stated on Saturday.",
            "Syrian Observatory for Human Rights",
        ),
        (
            "At least 460 deaths have been confirmed by the World Health Organization (WHO).",
            "World Health Organization",
        ),
        ("Roughly 400 people were wounded in the blasts.", None),
        ("Reports say 45 people have been killed, according to the state news agency SANA.", "SANA"),
        ("An estimated 10,000 to 15,000 people were killed in El Geneina.", None),
    ],
)
def test_sources(text: str, source: str | None) -> None:
    [claim] = extract_claims(text)
    assert claim.source == source


def test_background_war_toll_is_historical() -> None:
    text = (
        "The Syrian civil war, which began in 2011, has killed more than 500,000 people. "
        "On Monday, an airstrike in Idlib killed 11 civilians, rescuers said."
    )
    assert [(c.count, c.historical) for c in extract_claims(text)] == [(500000, True), (11, False)]


def test_past_perfect_war_is_background_in_the_seed_example() -> None:
    text = (
        "Clashes on the coast have cost over 1,500 lives. A monitoring group documented the deaths of 1,068 "
        "civilians, in a country where a civil war that had claimed over 600,000 lives ended last year."
    )
    found = {c.count: c for c in extract_claims(text)}
    assert found[600000].historical and not found[1068].historical and not found[1500].historical
    assert found[1068].category.value == "civilians" and found[1068].source == "A monitoring group"


def test_subset_group_and_place() -> None:
    text = "In the village of Al-Tuwaimah 31 fatalities were recorded, including nine children."
    claims = extract_claims(text)
    assert [(c.count, c.group) for c in claims] == [(31, None), (9, "children")]
    assert claims[0].place == ("Al-Tuwaimah",)


def test_dates_follow_the_page_date() -> None:
    [claim] = extract_claims("On Saturday, 12 people were killed in Jableh.", published="2025-03-10")
    assert claim.date == "2025-03-08" and claim.place == ("Jableh",)


# An armed force's losses are its dead; deaths from disease or hunger are all-cause deaths ("died"),
# as "died of cholera" is, while earthquakes, storms and attacks still kill.
LOSSES_AND_DISEASE = [
    (
        "The general staff said Russia lost 1,250 troops in the past day.",
        [(1250, None, "exact", "killed", "security_forces")],
    ),
    ("The army has lost more than 300 soldiers since May.", [(300, None, "over", "killed", "security_forces")]),
    ("The rebels lost 25 fighters in the assault, a spokesman said.", [(25, None, "exact", "killed", "combatants")]),
    (
        "A cholera outbreak has killed 2,200 people in Yemen since April.",
        [(2200, None, "exact", "died", "unspecified")],
    ),
    ("Famine has already killed 300 children in the camp.", [(300, None, "exact", "died", "civilians")]),
    ("Measles killed 5,000 children last year, the agency said.", [(5000, None, "exact", "died", "civilians")]),
    ("The earthquake killed 2,000 people.", [(2000, None, "exact", "killed", "unspecified")]),
    ("Gunmen killed 12 villagers in the raid.", [(12, None, "exact", "killed", "civilians")]),
]
NOT_LOSSES = [
    "The team lost 3 games in a row.",
    "Farmers lost 200 homes and 40 tractors in the floods.",
    "The ministry closes 4 posts near the border.",
    "The firm lost 12 contracts and 30 staff resigned.",
    "The party lost 25 seats in the election.",
]


@pytest.mark.parametrize(("text", "expected"), LOSSES_AND_DISEASE, ids=[t[:40] for t, _ in LOSSES_AND_DISEASE])
def test_losses_and_disease_deaths(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _shape(text) == expected


@pytest.mark.parametrize("text", NOT_LOSSES, ids=[t[:40] for t in NOT_LOSSES])
def test_lost_things_are_not_claims(text: str) -> None:
    assert extract_claims(text) == []


def test_a_verb_phrase_is_not_a_source() -> None:
    """ "a figure that could not be independently verified": nobody is credited with the figure."""
    text = "The fighting killed 40 soldiers on Monday, a figure that could not be independently verified."
    [claim] = extract_claims(text)
    assert claim.source is None
