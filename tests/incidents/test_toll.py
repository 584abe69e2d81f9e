"""Reconciling one incident's toll: running tallies, rivals, repeats, background, contradictions."""

from __future__ import annotations

from tollbook.incidents import Grade, Reliability, run
from tollbook.records import Category, Outcome, Qualifier

from .documents import BANIYAS, CATALOG, COAST, LATAKIA, TARTUS, Desk


def _entry(result: object, outcome: str, category: str, group: str | None = None, place: str | None = None) -> dict:
    (assessment,) = result.assessments  # type: ignore[attr-defined]
    data = assessment.to_json()
    for entry in data["toll"]:
        pcode = entry["place"]["pcode"] if entry["place"] else None
        if (entry["outcome"], entry["category"], entry["group"], pcode) == (outcome, category, group, place):
            return entry
    raise AssertionError(f"no toll entry {outcome}/{category}/{group}/{place}: {data['toll']}")


def _monitor_updates(desk: Desk, reliability: Reliability = Reliability.HIGH) -> None:
    figures = [("2025-03-07", "340"), ("2025-03-08", "745"), ("2025-03-09", "973"), ("2025-03-11", "1,383")]
    for published, figure in figures:
        text = f"Daily update. The Observatory has documented the killing of {figure} civilians on the coast."
        source = desk.source(
            text,
            publisher="Syrian Observatory for Human Rights",
            published=published,
            title="Coast violence: daily update",
            reliability=reliability,
        )
        desk.claim(
            source,
            f"killing of {figure} civilians",
            int(figure.replace(",", "")),
            places=(COAST,),
            date="2025-03-06/..",
        )


def test_running_tally_of_one_source_keeps_the_latest_and_cites_all() -> None:
    desk = Desk()
    _monitor_updates(desk)
    result = run(desk.records, catalog=CATALOG)
    assert len(result.assessments) == 1
    entry = _entry(result, "killed", "civilians")
    assert (entry["low"], entry["best"], entry["high"]) == (1383, 1383, 1383)
    current = [c for c in entry["claims"] if c["current"]]
    assert [c["count"] for c in current] == [1383]
    superseded = [c for c in entry["claims"] if not c["current"]]
    assert [c["count"] for c in superseded] == [340, 745, 973]
    assert all("superseded by 1,383" in c["note"] for c in superseded)
    assert "1,383" in entry["rules"]["low"]["rule"] and entry["rules"]["low"]["claim_ids"] == [4]
    assert result.assessments[0].grading.grade is Grade.WEAK  # one origin, however many updates


def test_two_independent_sources_disagreeing_give_low_best_high_with_rules() -> None:
    desk = Desk()
    _monitor_updates(desk, Reliability.MEDIUM)
    text = "The Network verified that at least 803 people, among them civilians, were killed in Latakia and Tartus."
    network = desk.source(
        text, publisher="Syrian Network for Human Rights", published="2025-03-11", reliability=Reliability.HIGH
    )
    desk.claim(
        network,
        "at least 803 people",
        803,
        qualifier=Qualifier.AT_LEAST,
        category=Category.CIVILIANS,
        places=(LATAKIA, TARTUS),
    )
    entry = _entry(run(desk.records, catalog=CATALOG), "killed", "civilians")
    assert entry["low"] == 1383 and entry["high"] == 1383 and not entry["high_open"]
    # The most reliable origin says 803, but a trusted origin documents at least 1,383.
    assert entry["best"] == 1383
    assert "raised to the low" in entry["rules"]["best"]["rule"]
    assert {o["origin"] for o in entry["origins"]} == {
        "Syrian Observatory for Human Rights",
        "Syrian Network for Human Rights",
    }


def test_wire_repeating_a_monitor_is_not_a_second_source() -> None:
    desk = Desk()
    text = (
        "A monitoring group, the Syrian Observatory for Human Rights, said 1,068 civilians had been killed. "
        "The violence followed a civil war that had claimed over 600,000 lives."
    )
    wire = desk.source(text, publisher="Reuters", published="2025-03-10", reliability=Reliability.HIGH)
    desk.claim(
        wire, "1,068 civilians had been killed", 1068, places=(COAST,), credited="Syrian Observatory for Human Rights"
    )
    desk.claim(
        wire, "over 600,000 lives", 600000, qualifier=Qualifier.OVER, category=Category.UNSPECIFIED, historical=True
    )
    own = desk.source(
        "SOHR: 1,068 civilians killed in coastal areas.",
        publisher="SOHR",
        published="2025-03-10",
        reliability=Reliability.MEDIUM,
    )
    desk.claim(own, "1,068 civilians killed", 1068, places=(COAST,))
    result = run(desk.records, catalog=CATALOG)
    entry = _entry(result, "killed", "civilians")
    assert len(entry["origins"]) == 1
    assert [c["independent"] for c in entry["claims"]] == [False, True]
    assert "repeats Syrian Observatory" in entry["claims"][0]["note"]
    assert result.assessments[0].grading.grade is Grade.WEAK
    # The background civil-war figure is visible, excluded, and counts nowhere.
    data = result.assessments[0].to_json()
    assert [(x["count"], "historical" in x["reason"]) for x in data["excluded"]] == [(600000, True)]
    assert all(e["high"] != 600000 and e["category"] == "civilians" for e in data["toll"])


def test_subset_contradictions_are_flagged() -> None:
    desk = Desk()
    text = (
        "In Baniyas 300 civilians were killed, among them at least 200 women. "
        "Across Tartus province 250 civilians died at the hands of gunmen, and in Latakia 40 civilians died; "
        "150 civilians were killed overall on the coast."
    )
    source = desk.source(text, publisher="A local network", published="2025-03-09", reliability=Reliability.MEDIUM)
    desk.claim(source, "300 civilians were killed", 300, places=(BANIYAS,))
    desk.claim(source, "at least 200 women", 200, qualifier=Qualifier.AT_LEAST, group="women")
    desk.claim(source, "250 civilians died", 250, places=(TARTUS,))
    desk.claim(source, "40 civilians died", 40, places=(LATAKIA,))
    desk.claim(source, "150 civilians were killed overall", 150, places=(COAST,))
    result = run(desk.records, catalog=CATALOG)
    messages = [c.message for c in result.assessments[0].checks if c.kind == "contradiction"]
    assert any("in Baniyas" in m and "in Tartus" in m for m in messages)  # Baniyas <= Tartus
    assert any("women (civilians) killed at least 200" in m and "150" in m for m in messages)  # women <= civilians
    assert all(m.startswith("A local network contradicts itself") for m in messages)
    assert result.assessments[0].grading.grade is Grade.CONTESTED


def test_figures_of_different_origins_that_do_not_fit_are_a_tension_not_a_contradiction() -> None:
    desk = Desk()
    one = desk.source("The Observatory counted 1,383 civilians killed.", publisher="SOHR", published="2025-03-11")
    desk.claim(one, "1,383 civilians", 1383, places=(COAST,))
    two = desk.source("The Network counted 803 people killed on the coast.", publisher="SNHR", published="2025-03-11")
    desk.claim(two, "803 people", 803, category=Category.MIXED, places=(COAST,))
    checks = run(desk.records, catalog=CATALOG).assessments[0].checks
    assert [(c.kind, c.severity) for c in checks] == [("tension", "warning")]
    assert "civilians killed: at least 1,383, more than the highest figure (803) for mixed killed" in checks[0].message


def test_killed_and_injured_are_compared() -> None:
    desk = Desk()
    text = "Medics said 90 people were killed and 40 were wounded, for 100 casualties in all in Jableh."
    source = desk.source(text, publisher="Medics", published="2025-03-07", reliability=Reliability.MEDIUM)
    desk.claim(source, "90 people were killed", 90, category=Category.UNSPECIFIED)
    desk.claim(source, "40 were wounded", 40, outcome=Outcome.INJURED, category=Category.UNSPECIFIED)
    desk.claim(source, "100 casualties", 100, outcome=Outcome.CASUALTIES, category=Category.UNSPECIFIED)
    kinds = {c.kind for c in run(desk.records, catalog=CATALOG).assessments[0].checks}
    assert "lethality" in kinds
    assert "tension" not in kinds and "contradiction" not in kinds  # 90 <= 100 and 40 <= 100


def test_a_later_part_above_an_older_whole_of_one_origin_is_not_a_contradiction() -> None:
    desk = Desk()
    first = desk.source("The toll rose to 1,018 people.", publisher="SOHR", published="2025-03-09")
    desk.claim(first, "1,018 people", 1018, category=Category.UNSPECIFIED, places=(COAST,))
    later = desk.source("The Observatory counts 1,383 civilians.", publisher="SOHR", published="2025-03-15")
    desk.claim(later, "1,383 civilians", 1383, places=(COAST,))
    checks = run(desk.records, catalog=CATALOG).assessments[0].checks
    assert [(c.kind, c.severity) for c in checks] == [("tension", "warning")]


def test_a_witness_count_is_a_floor_not_a_rival_count() -> None:
    desk = Desk()
    monitor = desk.source(
        "60 civilians died in Baniyas.", publisher="SOHR", published="2025-03-08", reliability=Reliability.HIGH
    )
    desk.claim(monitor, "60 civilians", 60, places=(BANIYAS,))
    witness = desk.source(
        "Seven men from our village were shot.",
        publisher="Interviewer",
        published="2025-03-09",
        kind="testimony",
        reliability=Reliability.MEDIUM,
    )
    desk.claim(witness, "Seven men", 7, places=(BANIYAS,))
    result = run(desk.records, catalog=CATALOG)
    entry = _entry(result, "killed", "civilians")
    assert (entry["low"], entry["best"], entry["high"]) == (60, 60, 60)
    assert result.assessments[0].grading.grade is Grade.FAIR
