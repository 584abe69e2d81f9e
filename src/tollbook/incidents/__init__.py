"""Incidents: group claims into events and reconcile each event's toll, showing the work.

Pure functions over :class:`ClaimRecord` values (no database): the casebook part
(``tollbook.book.incidents``) reads claims into records, calls :func:`run` and stores the result.

    records --propose--> clusters --replay decisions--> incidents --assess--> toll, checks, grade
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tollbook.incidents.assessment import Assessment, assess
from tollbook.incidents.dates import DateRange, Precision
from tollbook.incidents.decisions import (
    Decision,
    DecisionKind,
    Replay,
    replay,
    split_key,
)
from tollbook.incidents.duplicates import Suggestion, suggest
from tollbook.incidents.evidence import ClaimRecord, Reliability, SourceInfo
from tollbook.incidents.grading import Grade
from tollbook.incidents.grouping import DEFAULT_RULES, GroupingRules, Proposal, propose
from tollbook.incidents.incident import Excluded, Incident
from tollbook.incidents.origins import origin_key
from tollbook.records import Place

__all__ = [
    "Assessment",
    "ClaimRecord",
    "DateRange",
    "Decision",
    "DecisionKind",
    "Excluded",
    "Grade",
    "GroupingRules",
    "Incident",
    "Precision",
    "Proposal",
    "Reliability",
    "Replay",
    "Result",
    "SourceInfo",
    "Suggestion",
    "assess",
    "origin_key",
    "propose",
    "replay",
    "run",
    "split_key",
    "suggest",
]


@dataclass(frozen=True)
class Result:
    """A whole run: the raw proposal, the incidents after decisions, their assessments, hints."""

    proposal: Proposal
    replay: Replay
    assessments: tuple[Assessment, ...]
    duplicates: tuple[Suggestion, ...]


def run(
    records: Iterable[ClaimRecord],
    decisions: Sequence[Decision] = (),
    *,
    previous: Mapping[str, frozenset[int]] | None = None,
    rules: GroupingRules = DEFAULT_RULES,
    catalog: Mapping[str, Place] | None = None,
) -> Result:
    """Propose, replay decisions, assess every incident and suggest duplicates."""
    proposal = propose(records, rules, previous)
    replayed = replay(proposal, decisions)
    assessments = tuple(assess(incident, catalog) for incident in replayed.incidents)
    return Result(proposal, replayed, assessments, suggest(replayed.incidents))
