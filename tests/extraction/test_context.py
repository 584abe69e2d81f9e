"""Context around a claim: who is credited, background years, dates, places and perpetrators."""

from __future__ import annotations

import pytest

from tollbook.extraction import RuleExtractor, extract_claims
from tollbook.places import default_gazetteer


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        (
            "The Palestinian Red Crescent Society issued an update on Monday. It said 14 people were killed and "
            "30 wounded.",
            ["Palestinian Red Crescent Society"] * 2,
        ),
        ('"We have counted 512 bodies," said Dr. Ahmed Salem, director of Al-Shifa hospital.', ["Al-Shifa hospital"]),
        (
            "Amnesty International documented at least 32 unlawful killings. The organization said 11 of the victims "
            "were children.",
            ["Amnesty International"] * 2,
        ),
        ("Local officials told the BBC that 27 people had been killed in the village.", ["Local officials"]),
        ("According to figures from Iraq Body Count, 186,901 civilians died violently.", ["Iraq Body Count"]),
        ("More than 70 people have died of hunger, including 28 children, the WHO said.", ["WHO", "WHO"]),
        (
            "According to a recent report from the U.N. Syria Commission of Inquiry, the violence caused over 1,400 "
            "civilian deaths.",
            ["U.N. Syria Commission of Inquiry"],
        ),
    ],
)
def test_attribution(text: str, sources: list[str]) -> None:
    assert [c.source for c in extract_claims(text)] == sources


@pytest.mark.parametrize(
    ("text", "historical"),
    [
        (
            "Cholera has returned to Yemen, where a 2017 outbreak killed nearly 2,300 people, including 700 children. "
            "So far this year 45 deaths have been recorded.",
            [True, True, False],
        ),
        (
            "The floods killed 1,700 people across Pakistan in 2022. This year, 90 people have died since June.",
            [True, False],
        ),
        (
            "In 2019, Cyclone Idai killed more than 1,000 people across three countries, including 600 in Mozambique.",
            [False, False],
        ),
        (
            "Last year, a similar attack on the same market killed 40 people. On Friday, a car bomb there killed at "
            "least 18, police said.",
            [True, False],
        ),
        ("The quake was the deadliest since 1939, when an earthquake killed 33,000 people in Erzincan.", [True]),
        (
            "Since the conflict began, 10,000 civilians have been killed, the UN said. On Tuesday a strike killed "
            "14 more.",
            [False, False],
        ),
        ("Since the war began in October 2023, more than 43,000 Palestinians have been killed in Gaza.", [False]),
    ],
)
def test_background(text: str, historical: list[bool]) -> None:
    assert [c.historical for c in extract_claims(text)] == historical


def test_dates() -> None:
    [claim] = extract_claims("In a statement, the network documented the killing of 803 people between March 6 and 10.")
    assert claim.count == 803
    [claim] = extract_claims("The war has killed an estimated 150,000 people since April 2023, officials say.")
    assert claim.date == "2023-04/.."
    [claim] = extract_claims("Rescuers said 14 people died yesterday.", published="2024-05-02")
    assert claim.date == "2024-05-01"


def test_places_with_and_without_a_gazetteer() -> None:
    text = "Clashes in Jablah and the Baniyas countryside killed 30 people."
    [plain] = extract_claims(text)
    [rich] = RuleExtractor(default_gazetteer()).extract(text)
    assert "Jablah" in plain.place
    assert set(rich.place) >= {"Jablah", "Baniyas countryside"}
    [claim] = extract_claims("Health officials in the Hamas-run territory say 35 people were killed.")
    assert claim.place == ()


def test_perpetrators() -> None:
    [claim] = extract_claims("At least 300 women were killed by RSF fighters in El-Fasher.")
    assert claim.perpetrator == "RSF fighters"
    [claim] = extract_claims("Ukraine says 12 civilians were killed by Russian shelling in Kherson.")
    assert claim.perpetrator == "Russian shelling"
