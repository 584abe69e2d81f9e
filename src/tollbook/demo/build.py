"""Building the demo casebook: the bundled example sources taken through the whole pipeline.

The demo is the main job a new user runs first, so it goes through exactly the public core API
(``Casebook`` and its parts) — the same calls a user's own scripts make — and never writes
tables itself. Each step returns a short line for the log, so a user sees what each stage did.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from tollbook.book import Casebook
from tollbook.errors import InputError
from tollbook.settings import Settings
from tollbook.sources.intake import SourceMeta

DEMO_ACTOR = "demo"
CASEBOOK_NAME = "demo.db"


@dataclass
class DemoBuild:
    """Where the demo was written and what each step reported."""

    out: Path
    casebook: Path
    log: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def demo_sources_dir() -> Path:
    """The bundled example sources (our own sentences; facts from public reporting)."""
    return Path(str(resources.files("tollbook.demo") / "sources"))


def load_manifest() -> list[dict[str, Any]]:
    """The manifest says, per example file, its provenance and how reliable its origin is."""
    path = demo_sources_dir() / "manifest.json"
    return list(json.loads(path.read_text(encoding="utf-8")))


def build_demo(out: Path, *, say: Callable[[str], None] = print) -> DemoBuild:
    """Build a fresh demo casebook in ``out`` (replacing an earlier demo there) and its exports."""
    out = out.resolve()
    _prepare_out(out)
    build = DemoBuild(out=out, casebook=out / CASEBOOK_NAME)
    settings = Settings.from_env(casebook=str(build.casebook), actor=DEMO_ACTOR)
    with Casebook.open(settings=settings) as book:
        for step in STEPS:
            line = step(book, build)
            build.log.append(line)
            say(line)
    return build


def _prepare_out(out: Path) -> None:
    """Refuse to clear a folder that is not an earlier demo, so a typo never deletes real work."""
    if out.exists() and any(out.iterdir()) and not (out / CASEBOOK_NAME).exists():
        raise InputError(
            f"{out} exists and is not a demo folder (no {CASEBOOK_NAME} in it)",
            path=out,
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
        ids[entry["file"]] = book.sources.add(folder / entry["file"], meta).source_id
    for entry in load_manifest():
        if entry.get("reliability") or entry.get("origin"):
            book.sources.rate(
                ids[entry["file"]],
                reliability=entry.get("reliability"),
                origin=entry.get("origin"),
                repeats=ids.get(entry["repeats"]) if entry.get("repeats") else None,
            )
    return f"sources: added {len(ids)} example reports (one confidential testimony)"


STEPS: tuple[Callable[[Casebook, DemoBuild], str], ...] = (add_sources,)
