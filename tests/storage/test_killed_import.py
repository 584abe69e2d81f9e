"""A ``kill -9`` in the middle of an import leaves the casebook consistent: whole sources or none."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from tollbook.book import Casebook
from tollbook.storage.tables import audit_events, custody_events, sources

IMPORTER = """
import sys
from tollbook.book import Casebook
book = Casebook.open(sys.argv[1], actor="importer")
print("ready", flush=True)
book.sources.add_many(sys.argv[2:])
"""


def make_inbox(folder: Path, files: int, size: int) -> list[str]:
    folder.mkdir()
    paths = []
    for n in range(files):
        path = folder / f"report-{n:04d}.txt"
        path.write_text(f"Report {n}: {n} people were killed.\n" + "x" * size)
        paths.append(str(path))
    return paths


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.3, 1.0])
def test_kill_mid_import_leaves_whole_sources(casebook_url: str, tmp_path: Path, delay: float) -> None:
    paths = make_inbox(tmp_path / "inbox", files=400, size=200_000)
    Casebook.open(casebook_url).close()  # migrate first: the kill should land in the import
    with subprocess.Popen(
        [sys.executable, "-c", IMPORTER, casebook_url, *paths], stdout=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()

    book = Casebook.open(casebook_url, actor="checker")
    with book.read() as conn:
        stored = conn.execute(sa.select(sa.func.count()).select_from(sources)).scalar_one()
        received = conn.execute(sa.select(sa.func.count()).select_from(custody_events)).scalar_one()
        audited = conn.execute(sa.select(sa.func.count()).select_from(audit_events)).scalar_one()
    assert stored < len(paths), "the import finished before the kill; make the inbox bigger"
    assert stored == received == audited
    assert book.audit.verify().ok
    again = book.sources.add_many(paths)  # the rest can be taken in afterwards, and nothing twice
    assert sum(r.duplicate for r in again) == stored
    assert book.audit.verify().ok
    book.close()
