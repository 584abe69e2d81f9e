"""Grouping claims into incidents and keeping people's decisions across re-runs."""

from __future__ import annotations

import random
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tollbook.incidents import Decision, DecisionKind, Reliability, run, split_key
from tollbook.records import Category, Qualifier

from .documents import ALEPPO, BANIYAS, CATALOG, COAST, JABLEH, LATAKIA, TARTUS, Desk


def test_two_events_in_one_town_years_apart_do_not_merge() -> None:
    desk = Desk()
    old = desk.source(
        "Residents said at least 145 civilians were killed in Baniyas in the 2013 massacre.",
        publisher="Human Rights Watch",
        published="2013-05-04",
    )
    desk.claim(old, "at least 145 civilians", 145, qualifier=Qualifier.AT_LEAST, places=(BANIYAS,), date="2013-05-02")
    new = desk.source(
        "Gunmen killed 60 civilians in Baniyas on Saturday, residents said.", publisher="A wire", published="2025-03-09"
    )
    desk.claim(new, "60 civilians", 60, places=(BANIYAS,), date="2025-03-08")
    # A long-running tally (not background) overlaps both events; it must not chain them.
    ongoing = desk.source(
        "Since 2011 the monitor has counted 4,000 civilians killed in Tartus province.",
        publisher="A monitor",
        published="2025-03-10",
    )
    desk.claim(ongoing, "4,000 civilians killed", 4000, places=(TARTUS,), date="2011/..")
    result = run(desk.records, catalog=CATALOG)
    groups = sorted(sorted(a.incident.claim_ids) for a in result.assessments)
    assert groups == [[1], [2], [3]]


def test_multi_day_multi_place_event_is_one_incident() -> None:
    desk = Desk()
    days = [
        ("2025-03-06", "Jableh", JABLEH, 35),
        ("2025-03-07", "Baniyas", BANIYAS, 60),
        ("2025-03-08", "Latakia", LATAKIA, 120),
    ]
    for day, name, place, n in days:
        source = desk.source(
            f"On {day} fighters killed {n} civilians in {name}, witnesses said.",
            publisher=f"Local outlet {name}",
            published=day,
        )
        desk.claim(source, f"{n} civilians", n, places=(place,), date=day)
    summary = desk.source(
        "Over five days of violence on the Syrian coast 1,383 civilians were killed.",
        publisher="SOHR",
        published="2025-03-11",
        reliability=Reliability.HIGH,
    )
    desk.claim(summary, "1,383 civilians", 1383, places=(COAST,), date="2025-03-06/2025-03-10")
    result = run(desk.records, catalog=CATALOG)
    assert len(result.assessments) == 1
    data = result.assessments[0].to_json()
    assert (data["start"], data["end"]) == ("2025-03-06", "2025-03-10")
    assert {p["pcode"] for p in data["places"]} == {"SYCOAST", "SY06", "SY0602", "SY1002"}
    scopes = {(e["place"] or {}).get("pcode") for e in data["toll"]}
    assert scopes == {None, "SY06", "SY0602", "SY1002"}  # the coast-wide claim speaks for the whole incident
    assert len(data["sources"]) == 4 and all({"id", "title"} <= s.keys() for s in data["sources"])


def _two_events(desk: Desk) -> None:
    coast = desk.source(
        "Monitors said 745 civilians were killed on the coast. Separately, 12 people died in Aleppo.",
        publisher="SOHR",
        published="2025-03-08",
        reliability=Reliability.HIGH,
    )
    desk.claim(coast, "745 civilians", 745, places=(COAST,))
    desk.claim(coast, "12 people died", 12, category=Category.UNSPECIFIED, places=(ALEPPO,))
    aleppo = desk.source("A car bomb killed 12 people in Aleppo on Friday.", publisher="A wire", published="2025-03-08")
    desk.claim(aleppo, "12 people", 12, category=Category.UNSPECIFIED, places=(ALEPPO,))


def test_manual_merge_and_split_survive_a_rerun_with_new_sources() -> None:
    desk = Desk()
    _two_events(desk)
    first = run(desk.records, catalog=CATALOG)
    assert len(first.assessments) == 2
    by_place = {a.incident.places[0].pcode: a.incident for a in first.assessments}
    coast_key, aleppo_key = by_place["SYCOAST"].key, by_place["SY02"].key
    aleppo_claims = tuple(sorted(by_place["SY02"].claim_ids))
    decisions = [
        Decision(DecisionKind.MERGE, coast_key, other=aleppo_key),
        Decision(DecisionKind.RENAME, coast_key, title="March 2025 violence"),
        Decision(
            DecisionKind.SPLIT,
            coast_key,
            other=split_key(coast_key, aleppo_claims),
            claim_ids=aleppo_claims,
            title="Aleppo car bomb",
        ),
    ]
    previous = dict(first.proposal.clusters)
    later = desk.source(
        "The toll on the coast rose to 973 civilians, the Observatory said.",
        publisher="SOHR",
        published="2025-03-09",
        reliability=Reliability.HIGH,
    )
    desk.claim(later, "973 civilians", 973, places=(COAST,))
    second = run(desk.records, decisions, previous=previous, catalog=CATALOG)
    titles = {a.incident.title: a.incident for a in second.assessments}
    assert set(titles) == {"March 2025 violence", "Aleppo car bomb"}
    assert titles["March 2025 violence"].key == coast_key  # the key survived a new source joining
    assert titles["March 2025 violence"].claim_ids == {1, 4}
    assert titles["Aleppo car bomb"].origin == "manual" and titles["Aleppo car bomb"].claim_ids == {2, 3}
    assert not second.replay.stale


def test_attach_and_detach_survive_a_rerun() -> None:
    desk = Desk()
    _two_events(desk)
    first = run(desk.records, catalog=CATALOG)
    coast = next(a.incident for a in first.assessments if a.incident.places[0].pcode == "SYCOAST")
    aleppo = next(a.incident for a in first.assessments if a.incident.places[0].pcode == "SY02")
    decisions = [
        Decision(DecisionKind.DETACH, aleppo.key, claim_ids=(3,)),
        Decision(DecisionKind.ATTACH, coast.key, claim_ids=(2,)),
    ]
    again = run(desk.records, decisions, previous=dict(first.proposal.clusters), catalog=CATALOG)
    members = {a.incident.key: a.incident.claim_ids for a in again.assessments}
    assert members == {coast.key: {1, 2}}
    assert again.replay.detached == {3}
    stale = run(desk.records, [Decision(DecisionKind.RENAME, "inc-gone", title="x")], catalog=CATALOG)
    assert stale.replay.stale[0][1] == "incident inc-gone no longer exists"


def test_likely_duplicates_are_suggested() -> None:
    desk = Desk()
    a = desk.source(
        "The ambush near Jableh killed 16 security personnel.", publisher="Ministry", published="2025-03-06"
    )
    desk.claim(a, "16 security personnel", 16, category=Category.SECURITY_FORCES, places=(JABLEH,))
    b = desk.source(
        "Sixteen members of the security forces died in an ambush, officials said.",
        publisher="A wire",
        published="2025-03-07",
    )
    desk.claim(
        b,
        "Sixteen members of the security forces",
        16,
        category=Category.SECURITY_FORCES,
        places=(BANIYAS,),
        date="2025-03-06",
    )
    result = run(desk.records, catalog=CATALOG)
    keys = {x.incident.key for x in result.assessments}
    assert len(keys) == 1 or any({s.first, s.second} == keys for s in result.duplicates)


def _coast_desk() -> Desk:
    desk = Desk()
    for published, figure in [("2025-03-07", 340), ("2025-03-08", 745), ("2025-03-11", 1383)]:
        s = desk.source(
            f"Monitor update: {figure} civilians killed on the coast.",
            publisher="SOHR",
            published=published,
            reliability=Reliability.HIGH,
        )
        desk.claim(s, f"{figure} civilians", figure, places=(COAST,))
    wire = desk.source(
        "Clashes claimed over 1,500 lives, after a war that killed over 600,000 people.",
        publisher="AFP",
        published="2025-03-10",
        reliability=Reliability.MEDIUM,
    )
    desk.claim(
        wire,
        "over 1,500 lives",
        1500,
        qualifier=Qualifier.OVER,
        category=Category.UNSPECIFIED,
        places=(LATAKIA, TARTUS),
    )
    desk.claim(
        wire, "over 600,000 people", 600000, qualifier=Qualifier.OVER, category=Category.UNSPECIFIED, historical=True
    )
    network = desk.source(
        "The Network documented 803 killings, including 39 children in Baniyas.",
        publisher="SNHR",
        published="2025-03-12",
        reliability=Reliability.HIGH,
    )
    desk.claim(network, "803 killings", 803, category=Category.MIXED, places=(COAST,))
    desk.claim(network, "39 children", 39, group="children", places=(BANIYAS,))
    ministry = desk.source(
        "The ministry said 231 members of the security forces were killed.",
        publisher="Ministry of Defense",
        published="2025-03-10",
    )
    desk.claim(ministry, "231 members", 231, category=Category.SECURITY_FORCES, places=(COAST,))
    return desk


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_toll_is_identical_whatever_order_sources_were_added(rng: random.Random) -> None:
    reference = _coast_desk()
    expected = run(reference.records, catalog=CATALOG)
    shuffled = list(reference.records)
    rng.shuffle(shuffled)
    assert [a.to_json() for a in run(shuffled, catalog=CATALOG).assessments] == [
        a.to_json() for a in expected.assessments
    ]
    # Re-number claims and sources as if the casebook had taken them in another order.
    order = list(range(len(reference.sources)))
    rng.shuffle(order)
    renumber = {reference.sources[old].id: new + 1 for new, old in enumerate(order)}
    claim_order = sorted(shuffled, key=lambda r: renumber[r.source.id])
    renumbered = [
        type(r)(n + 1, r.claim, replace(r.source, id=renumber[r.source.id]), r.places)
        for n, r in enumerate(claim_order)
    ]
    again = run(renumbered, catalog=CATALOG)
    assert _without_ids(again) == _without_ids(expected)


def _without_ids(result: object) -> list[object]:
    rows = []
    for a in result.assessments:  # type: ignore[attr-defined]
        for t in a.tolls:
            rows.append(
                (
                    a.incident.title,
                    a.grading,
                    t.scope,
                    t.low.value,
                    t.best.value,
                    t.high.value,
                    t.high.open,
                    t.low.rule,
                    t.best.rule,
                    t.high.rule,
                    tuple((f.record.fingerprint, f.current, f.note) for f in t.figures),
                )
            )
    return sorted(rows, key=repr)


def test_a_claim_without_a_place_is_grouped_by_where_its_report_is_set() -> None:
    desk = Desk()
    local = desk.source("Gunmen killed 60 civilians in Baniyas.", publisher="A wire", published="2025-03-08")
    desk.claim(local, "60 civilians", 60, places=(BANIYAS,))
    far = desk.source("A car bomb killed 12 people in Aleppo.", publisher="B wire", published="2025-03-08")
    desk.claim(far, "12 people", 12, category=Category.UNSPECIFIED, places=(ALEPPO,))
    vague = desk.source("In Tartus, the toll rose to 90 civilians.", publisher="Monitor", published="2025-03-09")
    record = desk.claim(vague, "90 civilians", 90)
    desk.records[-1] = replace(record, context=(TARTUS,))
    result = run(desk.records, catalog=CATALOG)
    groups = sorted(sorted(a.incident.claim_ids) for a in result.assessments)
    assert groups == [[1, 3], [2]]
    coast = next(a for a in result.assessments if 3 in a.incident.claim_ids)
    scopes = {(e["place"] or {}).get("pcode") for e in coast.to_json()["toll"]}
    assert scopes == {None}  # the context places group the claim; it still speaks for the whole incident


def test_one_bodys_tally_since_a_day_joins_its_figure_for_that_day() -> None:
    desk = Desk()
    first = desk.source("Daily update: 1,018 dead since Thursday.", publisher="SOHR", published="2025-03-09")
    desk.claim(first, "1,018 dead", 1018, category=Category.UNSPECIFIED, date="2025-03-06")
    later = desk.source("Weekly summary: 1,383 civilians.", publisher="SOHR", published="2025-03-15")
    desk.claim(later, "1,383 civilians", 1383, date="2025-03-06/..")
    other = desk.source("Another body counts 40 civilians.", publisher="Another body", published="2025-03-15")
    desk.claim(other, "40 civilians", 40, date="2025-03-06/..")
    groups = sorted(sorted(a.incident.claim_ids) for a in run(desk.records, catalog=CATALOG).assessments)
    assert groups == [[1, 2], [3]]


def test_a_late_reports_undated_total_joins_the_event_its_dated_figures_describe() -> None:
    desk = Desk()
    early = desk.source(
        "The Observatory counts 745 civilians killed on the coast.",
        publisher="SOHR",
        published="2025-03-09",
        reliability=Reliability.HIGH,
    )
    desk.claim(early, "745 civilians", 745, places=(COAST,), date="2025-03-06/..")
    late = desk.source(
        "The committee documented 1,426 deaths; 238 members of the security forces died in attacks from 6 March.",
        publisher="Committee",
        published="2025-07-22",
        reliability=Reliability.HIGH,
    )
    desk.claim(late, "1,426 deaths", 1426, category=Category.UNSPECIFIED, places=(COAST,))
    desk.claim(late, "238 members", 238, category=Category.SECURITY_FORCES, places=(COAST,), date="2025-03-06/..")
    (only,) = run(desk.records, catalog=CATALOG).assessments
    assert only.incident.claim_ids == {1, 2, 3}
    assert (only.to_json()["start"], only.to_json()["end"]) == ("2025-03-06", "2025-03-06")
