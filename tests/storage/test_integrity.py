"""``verify``: tampering with originals or with the audit chain is found and named."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from tollbook.book import Casebook
from tollbook.storage.tables import audit_events, audit_head, blobs, sources


def add_three(book: Casebook, tmp_path: Path) -> list[int]:
    ids = []
    for n, text in enumerate(["One killed.", "Two killed.", "Three killed."]):
        path = tmp_path / f"s{n}.txt"
        path.write_text(text)
        result = book.sources.add(path)
        assert result.source_id is not None
        ids.append(result.source_id)
    return ids


def tamper(book: Casebook, statement: sa.Executable) -> None:
    with book.engine.begin() as conn:
        conn.execute(statement)


def test_clean_casebook_verifies(book: Casebook, tmp_path: Path) -> None:
    add_three(book, tmp_path)
    report = book.audit.verify()
    assert report.ok and report.originals == 3 and report.audit_events == 3


def test_one_changed_byte_of_an_original_is_named(book: Casebook, tmp_path: Path) -> None:
    ids = add_three(book, tmp_path)
    sha = book.sources.get(ids[1])["sha256"]
    original = book.sources.original(ids[1])
    altered = bytes([original[0] ^ 1]) + original[1:]
    tamper(book, blobs.update().where(blobs.c.sha256 == sha).values(content=altered))
    report = book.audit.verify()
    assert not report.ok
    assert any(sha[:12] in f and "altered" in f for f in report.findings)


def test_edited_extracted_text_is_named(book: Casebook, tmp_path: Path) -> None:
    ids = add_three(book, tmp_path)
    tamper(book, sources.update().where(sources.c.id == ids[0]).values(text="Ten killed."))
    assert any(f"source {ids[0]}" in f and "text" in f for f in book.audit.verify().findings)


def test_edited_audit_row_is_named(book: Casebook, tmp_path: Path) -> None:
    add_three(book, tmp_path)
    tamper(book, audit_events.update().where(audit_events.c.seq == 2).values(actor="mallory"))
    findings = book.audit.verify().findings
    assert any(f.startswith("audit event 2:") and "edited" in f for f in findings)


def test_deleted_audit_row_in_the_middle_is_named(book: Casebook, tmp_path: Path) -> None:
    add_three(book, tmp_path)
    tamper(book, audit_events.delete().where(audit_events.c.seq == 2))
    findings = book.audit.verify().findings
    assert any("audit event 3" in f and "2..2 are missing" in f for f in findings)


def test_deleted_newest_audit_row_is_named(book: Casebook, tmp_path: Path) -> None:
    add_three(book, tmp_path)
    tamper(book, audit_events.delete().where(audit_events.c.seq == 3))
    assert any("newest events after 2 were deleted" in f for f in book.audit.verify().findings)


def test_reordered_audit_rows_are_named(book: Casebook, tmp_path: Path) -> None:
    add_three(book, tmp_path)
    for old, new in ((1, -1), (2, 1), (-1, 2)):
        tamper(book, audit_events.update().where(audit_events.c.seq == old).values(seq=new))
    findings = book.audit.verify().findings
    assert any(f.startswith("audit event 1:") for f in findings)
    assert any(f.startswith("audit event 2:") for f in findings)


def test_deleted_head_is_named(book: Casebook, tmp_path: Path) -> None:
    add_three(book, tmp_path)
    tamper(book, audit_head.delete())
    assert any("head record is missing" in f for f in book.audit.verify().findings)


def test_audit_chain_continues_across_reopen(casebook_url: str, tmp_path: Path) -> None:
    first = Casebook.open(casebook_url, actor="a")
    add_three(first, tmp_path)
    first.close()
    again = Casebook.open(casebook_url, actor="b")
    extra = tmp_path / "more.txt"
    extra.write_text("Four killed.")
    again.sources.add(extra)
    events = again.audit.events(limit=None)
    assert [e["seq"] for e in events] == [4, 3, 2, 1]
    assert events[0]["actor"] == "b" and events[0]["prev_hash"] == events[1]["hash"]
    assert again.audit.verify().ok
    again.close()
