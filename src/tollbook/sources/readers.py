"""One reader per file format, turning an original's bytes into the text claims point into.

Each reader is chosen by file extension (confirmed by the bytes where a format has a
signature) and wraps one well-kept library: trafilatura for HTML, pypdf for PDF,
python-docx for DOCX, openpyxl to check XLSX. Readers never guess silently: text that is
not valid UTF-8 is refused with the encoding that would read it, so a wrong guess can never
shift every span of every claim read from it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tollbook.errors import SourceFileError

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ReadResult:
    media_type: str
    text: str | None  # None for tables, which the victims stage parses itself
    reader: str


def read_bytes(path: Path, data: bytes, *, encoding: str | None = None) -> ReadResult:
    """Dispatch on the file's extension; unknown extensions are read as plain text."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix, _read_plain)
    return reader(path, data, encoding)


def decode_text(path: Path, data: bytes, encoding: str | None = None) -> str:
    """UTF-8 (or UTF-16/UTF-8 with a BOM), or the encoding the user names; otherwise an error."""
    if encoding:
        try:
            return _normalise_newlines(data.decode(encoding))
        except (LookupError, UnicodeDecodeError) as error:
            raise SourceFileError(
                f"cannot decode as {encoding}: {error}", path=str(path), hint="check the --encoding name"
            ) from error
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _normalise_newlines(data.decode("utf-16"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceFileError(
            f"not valid UTF-8 (first bad byte at offset {error.start}){_encoding_guess(data)}",
            path=str(path),
            hint="convert it to UTF-8 (iconv -f ENCODING -t UTF-8) or pass --encoding ENCODING",
        ) from error
    _refuse_binary(path, text)
    return _normalise_newlines(text)


def _encoding_guess(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.2:
        return "; it looks binary or mixes several encodings"
    return f"; it looks like {best.encoding}"


def _refuse_binary(path: Path, text: str) -> None:
    sample = text[:100_000]
    if "\x00" in sample or len(CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise SourceFileError(
            "looks like binary data, not text",
            path=str(path),
            hint="add the original document (PDF, DOCX, HTML) rather than a renamed binary",
        )


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_plain(path: Path, data: bytes, encoding: str | None) -> ReadResult:
    text = decode_text(path, data, encoding)
    if not text.strip():
        raise SourceFileError("contains only white space", path=str(path), hint="check you chose the right file")
    media = "text/markdown" if path.suffix.lower() in {".md", ".markdown"} else "text/plain"
    return ReadResult(media, text, "text")


def _read_html(path: Path, data: bytes, encoding: str | None) -> ReadResult:
    import trafilatura

    html = decode_text(path, data, encoding)
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    reader = f"trafilatura {trafilatura.__version__}"
    if not text or not text.strip():
        text, reader = _html_body_text(html), "lxml body text"
    if not text.strip():
        raise SourceFileError(
            "HTML page has no readable text (only scripts or markup)",
            path=str(path),
            hint="save the article page itself, or its text as .txt",
        )
    return ReadResult("text/html", _normalise_newlines(text), reader)


def _html_body_text(html: str) -> str:
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html or "<html/>")
    for node in tree.xpath("//script|//style|//noscript|//template"):
        node.drop_tree()
    lines = (line.strip() for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _read_pdf(path: Path, data: bytes, _encoding: str | None) -> ReadResult:
    import pypdf

    if not data.startswith(b"%PDF"):
        raise SourceFileError("is named .pdf but is not a PDF file", path=str(path), hint="check the file")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise SourceFileError("PDF is encrypted", path=str(path), hint="add an unlocked copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except pypdf.errors.PyPdfError as error:
        raise SourceFileError(
            f"PDF cannot be read: {error}", path=str(path), hint="re-save or re-download it"
        ) from error
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise SourceFileError(
            "PDF has no text layer (a scan?)",
            path=str(path),
            hint="run OCR on it first (e.g. ocrmypdf) and add the result",
        )
    return ReadResult("application/pdf", text, f"pypdf {pypdf.__version__}")


def _read_docx(path: Path, data: bytes, _encoding: str | None) -> ReadResult:
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise SourceFileError(
            f"DOCX cannot be read: {error}", path=str(path), hint="re-save it from a word processor"
        ) from error
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    text = "\n".join(p for p in parts if p.strip())
    if not text:
        raise SourceFileError("DOCX contains no text", path=str(path), hint="check you chose the right file")
    return ReadResult("application/vnd.openxmlformats-officedocument.wordprocessingml.document", text, "python-docx")


def _read_csv(path: Path, data: bytes, encoding: str | None) -> ReadResult:
    text = decode_text(path, data, encoding)
    if not text.strip():
        raise SourceFileError("CSV file has no rows", path=str(path), hint="check you chose the right file")
    return ReadResult("text/csv", text, "text")


def _read_xlsx(path: Path, data: bytes, _encoding: str | None) -> ReadResult:
    import zipfile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise SourceFileError(
            f"XLSX cannot be opened: {error}", path=str(path), hint="re-save it as .xlsx or .csv"
        ) from error
    return ReadResult("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", None, "openpyxl")


READERS: dict[str, Callable[[Path, bytes, str | None], ReadResult]] = {
    ".txt": _read_plain,
    ".text": _read_plain,
    ".md": _read_plain,
    ".markdown": _read_plain,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
    ".csv": _read_csv,
    ".tsv": _read_csv,
    ".xlsx": _read_xlsx,
}

LIST_SUFFIXES = frozenset({".csv", ".tsv", ".xlsx"})
