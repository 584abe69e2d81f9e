"""Building the demo casebook: the bundled example sources taken through the whole pipeline.

The demo is the main job a new user runs first, so it goes through exactly the public core API
(``Casebook`` and its parts) — the same calls a user's own scripts make — and never writes
tables itself. Each step returns a short line for the log, so a user sees what each stage did.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from tollbook.book import Casebook
from tollbook.errors import InputError, TollbookError
from tollbook.estimation.run import EstimateOptions
from tollbook.reports import render
from tollbook.settings import Settings
from tollbook.sources.intake import SourceMeta
from tollbook.victims.generator import generate_lists

DEMO_ACTOR = "demo"
CASEBOOK_NAME = "demo.db"
DEMO_SEED = 2025
DEMO_PEOPLE = 400
DEMO_LISTS = ("arabic", "ngo", "morgue")
UN_STATEMENT = "06-un-2025-03-11.md"
UN_VERIFIED_COUNT = 111


@dataclass
class DemoBuild:
    """Where the demo was written and what each step reported."""

    out: Path
    casebook: Path
    log: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    source_ids: dict[str, int] = field(default_factory=dict)


def demo_sources_dir() -> Path:
    """The bundled example sources (our own sentences; facts from public reporting)."""
    return Path(str(resources.files("tollbook.demo") / "sources"))


def load_manifest() -> list[dict[str, Any]]:
    """The manifest says, per example file, its provenance and how reliable its origin is."""
    path = demo_sources_dir() / "manifest.json"
    return list(json.loads(path.read_text(encoding="utf-8")))


Step = Callable[[Casebook, "DemoBuild"], str]


def build_demo(out: Path, *, say: Callable[[str], None] = print, steps: Sequence[Step] | None = None) -> DemoBuild:
    """Build a fresh demo casebook in ``out`` (replacing an earlier demo there) and its exports.

    ``steps`` defaults to the whole pipeline; a prefix of :data:`STEPS` builds a partial demo.
    """
    out = out.resolve()
    _prepare_out(out)
    build = DemoBuild(out=out, casebook=out / CASEBOOK_NAME)
    settings = Settings.from_env(casebook=str(build.casebook), actor=DEMO_ACTOR)
    with Casebook.open(settings=settings) as book:
        for step in STEPS if steps is None else steps:
            line = step(book, build)
            build.log.append(line)
            say(line)
    return build


def _prepare_out(out: Path) -> None:
    """Refuse to clear a folder that is not an earlier demo, so a typo never deletes real work."""
    if out.exists() and any(out.iterdir()) and not (out / CASEBOOK_NAME).exists():
        raise InputError(
            f"{out} exists and is not a demo folder (no {CASEBOOK_NAME} in it)",
            path=str(out),
            hint="choose an empty or new folder with --out",
        )
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)


def add_sources(book: Casebook, build: DemoBuild) -> str:
    """Add every example source with its provenance, then rate the ones whose origin is known."""
    folder = demo_sources_dir()
    ids: dict[str, int] = {}
    for entry in load_manifest():
        meta = SourceMeta(
            kind=entry.get("kind"),
            title=entry.get("title"),
            publisher=entry.get("publisher"),
            url=entry.get("url"),
            published=entry.get("published"),
            language=entry.get("language", "en"),
            confidential=bool(entry.get("confidential", False)),
        )
        added = book.sources.add(folder / entry["file"], meta)
        if added.source_id is None:  # a bundled example refused means a broken installation
            raise TollbookError(f"the demo source {entry['file']} was refused: {added.error}")
        ids[entry["file"]] = added.source_id
    build.source_ids.update(ids)
    for entry in load_manifest():
        if entry.get("reliability") or entry.get("origin"):
            book.sources.rate(
                ids[entry["file"]],
                reliability=entry.get("reliability"),
                origin=entry.get("origin"),
                repeats=ids.get(entry["repeats"]) if entry.get("repeats") else None,
            )
    return f"sources: added {len(ids)} example reports (one confidential testimony)"


def extract_claims(book: Casebook, build: DemoBuild) -> str:
    """Read every casualty figure out of the sources, each with the words that support it."""
    summaries = book.claims.extract()
    found = sum(summary.found for summary in summaries)
    historical = sum(1 for claim in book.claims.list() if claim.get("historical"))
    return f"claims: {found} read from {len(summaries)} sources ({historical} background, never counted)"


def review_verified_floor(book: Casebook, build: DemoBuild) -> str:
    """A reviewer reads the UN's figure as a floor: it counts only what its office had verified so far.

    The extractor reads "verified the killings of 111 civilians" as exact, as the extraction
    conventions require; the surrounding sentence ("the real number ... considerably higher")
    is a judgement a reviewer makes, and the demo shows how that judgement is recorded.
    """
    un_claims = book.claims.list(source_id=build.source_ids[UN_STATEMENT])
    verified = [claim for claim in un_claims if claim["count"] == UN_VERIFIED_COUNT]
    for claim in verified:
        book.claims.review(
            claim["id"], "corrected", {"qualifier": "at_least"}, note="verified so far; the statement says more died"
        )
    return f"review: {len(verified)} claim corrected by a reviewer (the UN's verified count read as a floor)"


def propose_incidents(book: Casebook, build: DemoBuild) -> str:
    """Group the claims into incidents and reconcile each incident's toll."""
    outcome = book.incidents.propose()
    return f"incidents: {outcome['incidents']} proposed from {outcome['claims']} claims"


def export_toll(book: Casebook, build: DemoBuild) -> str:
    """Write the toll in every format a reader of the demo may want to open."""
    incidents = book.incidents.list()
    for fmt, suffix in (("html", "html"), ("geojson", "geojson"), ("csv", "csv"), ("json", "json"), ("table", "txt")):
        path = build.out / f"toll.{suffix}"
        path.write_text(render(incidents, fmt), encoding="utf-8")
        build.files.append(path)
    return f"toll: written for {len(incidents)} incidents (HTML report with timeline, GeoJSON, CSV, JSON, text)"


def link_victim_lists(book: Casebook, build: DemoBuild) -> str:
    """Import synthetic named-victim lists (no real names) and link them into persons."""
    folder = build.out / "victim-lists"
    folder.mkdir()
    lists = generate_lists(folder, seed=DEMO_SEED, n_people=DEMO_PEOPLE, lists=DEMO_LISTS)
    records = sum(book.victims.import_list(lists[name], name).records for name in DEMO_LISTS)
    run = book.victims.link()
    documented = _distinct_true_people(lists["truth"])
    return (
        f"victims: {records} records on {len(DEMO_LISTS)} synthetic lists linked into {run.persons} persons "
        f"(truth: {documented}); {run.queued} uncertain pairs queued for review"
    )


def _distinct_true_people(truth: Path) -> int:
    """The generator knows who is who, so the demo can show how close linkage came."""
    with truth.open(encoding="utf-8", newline="") as handle:
        return len({row["true_id"] for row in csv.DictReader(handle)})


def estimate_total(book: Casebook, build: DemoBuild) -> str:
    """Estimate how many died that no list recorded, from the linked persons' capture histories."""
    stored = book.estimates.run_linked(EstimateOptions(method="loglinear", selection="bic", seed=DEMO_SEED))
    result = stored.result.to_dict()
    low, high = result["interval"]
    return (
        f"estimate: {result['observed']} documented persons; log-linear (BIC) estimate "
        f"{result['estimate']:.0f}, 95% interval {low:.0f}-{high:.0f} (the synthetic population has {DEMO_PEOPLE})"
    )


STEPS: tuple[Step, ...] = (
    add_sources,
    extract_claims,
    review_verified_floor,
    propose_incidents,
    export_toll,
    link_victim_lists,
    estimate_total,
)
