"""Evidence intake: originals kept byte for byte, duplicates change nothing, bad files refused cleanly."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from tollbook.book import Casebook
from tollbook.errors import SourceFileError
from tollbook.settings import Settings
from tollbook.sources.intake import SourceMeta
from tollbook.storage.tables import audit_events, sources


def write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def table_counts(book: Casebook) -> tuple[int, int]:
    with book.read() as conn:
        n_sources = conn.execute(sa.select(sa.func.count()).select_from(sources)).scalar_one()
        n_events = conn.execute(sa.select(sa.func.count()).select_from(audit_events)).scalar_one()
    return n_sources, n_events


def test_original_bytes_kept_unchanged_with_provenance_and_custody(book: Casebook, tmp_path: Path) -> None:
    raw = "Le bilan s'élève à 12 morts.\r\nSecond line.\n".encode()
    path = write(tmp_path, "report.txt", raw)
    meta = SourceMeta(
        kind="report",
        title="Daily update",
        publisher="Monitor",
        url="https://example.org/1",
        published="2025-03-08",
        language="fr",
    )
    result = book.sources.add(path, meta)
    assert result.sha256 == hashlib.sha256(raw).hexdigest()
    assert book.sources.original(result.source_id) == raw
    record = book.sources.get(result.source_id)
    assert (record["kind"], record["publisher"], record["published"]) == ("report", "Monitor", "2025-03-08")
    assert record["text"] == "Le bilan s'élève à 12 morts.\nSecond line.\n"
    [custody] = record["custody"]
    assert (custody["action"], custody["actor"], custody["sha256"]) == ("received", "tester", result.sha256)


def test_same_bytes_again_is_a_duplicate_and_changes_nothing(book: Casebook, tmp_path: Path) -> None:
    first = book.sources.add(write(tmp_path, "a.txt", "Three people were killed."))
    before = table_counts(book)
    again = book.sources.add(write(tmp_path, "copy-of-a.txt", "Three people were killed."))
    assert again.duplicate and again.source_id == first.source_id
    assert table_counts(book) == before


def test_folder_stands_for_its_files(book: Casebook, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    write(folder, "one.txt", "One person was killed.")
    write(folder, "two.md", "# Update\nTwo people were injured.")
    write(folder, ".hidden.txt", "ignored")
    results = book.sources.add_many([folder])
    assert [Path(r.path).name for r in results] == ["one.txt", "two.md"]


def test_html_scripts_are_not_text(book: Casebook, tmp_path: Path) -> None:
    html = (
        "<html><head><script>var toll = 999999; alert('x')</script><style>p{}</style></head>"
        "<body><article><h1>Coast update</h1><p>At least 40 civilians were killed in Baniyas on Friday, "
        "the monitor said in its evening update to reporters.</p></article></body></html>"
    )
    result = book.sources.add(write(tmp_path, "page.html", html))
    text = book.sources.get(result.source_id)["text"]
    assert "40 civilians" in text
    assert "999999" not in text and "alert" not in text


def test_pdf_and_docx_text_is_extracted(book: Casebook, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("The committee documented 1,426 deaths.")
    buffer = io.BytesIO()
    document.save(buffer)
    result = book.sources.add(write(tmp_path, "committee.docx", buffer.getvalue()))
    assert "1,426 deaths" in book.sources.get(result.source_id)["text"]
    pdf = write(tmp_path, "scan.pdf", _pdf_with_text("Eleven people were killed"))
    pdf_result = book.sources.add(pdf)
    assert "Eleven people were killed" in book.sources.get(pdf_result.source_id)["text"]


def _pdf_with_text(text: str) -> bytes:
    """A one-page PDF with a text layer, built by hand so the test needs no PDF writer."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_lists_are_stored_as_sources(book: Casebook, tmp_path: Path) -> None:
    result = book.sources.add(write(tmp_path, "victims.csv", "name,age\nA B,30\n"))
    record = book.sources.get(result.source_id)
    assert record["kind"] == "list" and record["media_type"] == "text/csv"


BAD_INPUTS = {
    "empty file": ("empty.txt", b"", "is empty"),
    "white space only": ("blank.txt", b"  \n\t\n", "only white space"),
    "binary junk named .txt": ("junk.txt", bytes(range(256)) * 40, "not valid UTF-8"),
    "NUL bytes in UTF-8": ("nul.txt", b"abc\x00\x00\x00def" * 100, "binary"),
    "Latin-1 text": (
        "latin1.txt",
        "Quatre morts à Lattaquié, déclare le ministère.".encode("latin-1"),
        "not valid UTF-8",
    ),
    "mixed encodings": ("mixed.txt", "Tartous — ".encode() + "Baniyas é".encode("latin-1"), "not valid UTF-8"),
    "PDF that is not": ("fake.pdf", b"hello, I am not a PDF", "not a PDF"),
    "DOCX that is not": ("fake.docx", b"PK\x03\x04 broken zip", "DOCX cannot be read"),
    "XLSX that is not": ("fake.xlsx", b"not a workbook", "XLSX cannot be opened"),
    "HTML with only scripts": ("script.html", b"<html><script>var a=1;</script></html>", "no readable text"),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_is_refused_clearly_and_nothing_is_written(book: Casebook, tmp_path: Path, case: str) -> None:
    name, content, expected = BAD_INPUTS[case]
    path = write(tmp_path, name, content)
    before = table_counts(book)
    with pytest.raises(SourceFileError) as caught:
        book.sources.add(path)
    assert expected in caught.value.message and name in caught.value.message
    assert caught.value.hint
    assert table_counts(book) == before


def test_named_encoding_reads_a_non_utf8_file(book: Casebook, tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.txt", "Quatre morts à Lattaquié.".encode("latin-1"))
    result = book.sources.add(path, encoding="latin-1")
    assert book.sources.get(result.source_id)["text"] == "Quatre morts à Lattaquié."


def test_unreadable_and_missing_paths(book: Casebook, tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match="no such file"):
        book.sources.add(tmp_path / "nope.txt")
    with pytest.raises(SourceFileError, match="not a regular file"):
        book.sources.add(Path("/dev/null"))


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024)
    book = Casebook.open(tmp_path / "c.db", actor="tester", settings=Settings(max_source_mb=100))
    with pytest.raises(SourceFileError, match="over the 100 MB limit"):
        book.sources.add(big)
    assert table_counts(book) == (0, 0)
    book.close()


def test_add_many_reports_each_bad_file_and_keeps_the_good(book: Casebook, tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", "Five civilians were killed.")
    bad = write(tmp_path, "bad.txt", b"")
    results = book.sources.add_many([bad, good])
    assert results[0].error is not None and results[1].source_id is not None


def test_unreadable_file_permission(book: Casebook, tmp_path: Path) -> None:
    import os

    path = write(tmp_path, "locked.txt", "Four people were killed.")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything; nothing to test then
        pytest.skip("running as root: permissions do not stop reads")
    with pytest.raises(SourceFileError, match="cannot be read"):
        book.sources.add(path)


def test_zip_named_docx_without_document_is_refused(book: Casebook, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    with pytest.raises(SourceFileError, match="DOCX cannot be read"):
        book.sources.add(write(tmp_path, "x.docx", buffer.getvalue()))
