"""The foundation commands as a user runs them: add, sources, show, verify, audit, users."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from tollbook.book import Casebook
from tollbook.cli.main import app
from tollbook.storage.tables import blobs

runner = CliRunner()


def tollbook(casebook: str, *args: str, actor: str = "tester") -> tuple[int, str]:
    result = runner.invoke(app, ["--casebook", casebook, "--as", actor, *args])
    return result.exit_code, result.output


def test_add_list_show_verify(casebook_url: str, tmp_path: Path) -> None:
    report = tmp_path / "update.md"
    report.write_text("# Update\nAt least 340 civilians were killed.\n")
    code, out = tollbook(
        casebook_url, "add", str(report), "--kind", "report", "--publisher", "Monitor", "--published", "2025-03-08"
    )
    assert code == 0 and "added source 1" in out
    code, out = tollbook(casebook_url, "add", str(report))
    assert code == 0 and "duplicate" in out and "nothing changed" in out
    code, out = tollbook(casebook_url, "sources", "--format", "json")
    [row] = json.loads(out)
    assert (row["kind"], row["publisher"], row["published"]) == ("report", "Monitor", "2025-03-08")
    code, out = tollbook(casebook_url, "show", "1")
    assert code == 0 and "received" in out and "At least 340 civilians" in out
    code, out = tollbook(casebook_url, "verify")
    assert code == 0 and "ok: 1 originals and 1 audit events verified" in out


def test_verify_fails_naming_the_altered_original(casebook_url: str, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Seven people were killed.")
    tollbook(casebook_url, "add", str(report))
    book = Casebook.open(casebook_url)
    with book.engine.begin() as conn:
        conn.execute(blobs.update().values(content=b"Eight people were killed."))
    book.close()
    code, out = tollbook(casebook_url, "verify")
    assert code == 5 and "FAIL" in out and "altered" in out


def test_bad_file_gives_one_line_error_and_nonzero_exit(casebook_url: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out = tollbook(casebook_url, "add", str(empty))
    assert code == 2 and "empty.txt: is empty" in out


def test_bad_published_date_is_refused(casebook_url: str, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Seven people were killed.")
    code, out = tollbook(casebook_url, "add", str(report), "--published", "10/03/2025")
    assert code == 2 and "ISO 8601" in out


def test_roles_are_checked_once_users_exist(casebook_url: str, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Seven people were killed.")
    assert tollbook(casebook_url, "users", "add", "ana", "--role", "admin")[0] == 0
    assert tollbook(casebook_url, "users", "add", "sam", "--role", "viewer", actor="ana")[0] == 0
    code, out = tollbook(casebook_url, "add", str(report), actor="sam")
    assert code == 4 and "sam (viewer) may not source.add" in out
    assert tollbook(casebook_url, "users", "set-role", "sam", "researcher", actor="ana")[0] == 0
    assert tollbook(casebook_url, "add", str(report), actor="sam")[0] == 0
    code, out = tollbook(casebook_url, "rate", "1", "--reliability", "high", actor="sam")
    assert code == 4 and "reviewer" in out
    code, out = tollbook(casebook_url, "audit", "--format", "json")
    actions = [e["action"] for e in json.loads(out)]
    assert actions[:2] == ["source.add", "user.set-role"]


def test_rate_and_original_export_are_in_custody(casebook_url: str, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Seven people were killed.")
    tollbook(casebook_url, "add", str(report))
    tollbook(casebook_url, "add", str(tmp_path / "r.txt"))
    code, _ = tollbook(casebook_url, "rate", "1", "--reliability", "medium", "--origin", "Monitor")
    assert code == 0
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _ = tollbook(casebook_url, "original", "1", "--out", str(out_dir))
    assert code == 0 and (out_dir / "r.txt").read_bytes() == report.read_bytes()
    book = Casebook.open(casebook_url)
    record = book.sources.get(1)
    assert [c["action"] for c in record["custody"]] == ["received", "exported"]
    assert record["assessment"]["reliability"] == "medium"
    with book.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(blobs)).scalar_one() == 1
    book.close()
