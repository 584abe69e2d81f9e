"""Documents named on the command line, read into texts to extract from (no casebook needed).

A path is a text, Markdown or HTML file (its ``doc`` is the path as given), a ``.jsonl``
collection whose lines are ``{"id": ..., "text": ...}`` (``doc`` is each id), or ``-`` for
standard input. Files are decoded by the same readers as ``tollbook add``, so a span read
here points into the same text the casebook would keep.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tollbook.errors import InputError
from tollbook.sources.readers import decode_text, read_bytes

MAX_BYTES = 200_000_000


@dataclass(frozen=True)
class Document:
    """One text to extract from; ``published`` (ISO date) anchors "on Saturday"."""

    doc: str
    text: str
    published: str | None = None


def read_documents(paths: list[str]) -> Iterator[Document]:
    """Every document the paths name, in order; ``-`` is standard input."""
    for given in paths:
        if given == "-":
            yield Document("-", _stdin_text())
        elif given.lower().endswith(".jsonl"):
            yield from _jsonl(given)
        else:
            yield _file(given)


def _stdin_text() -> str:
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    _check_size("-", len(data))
    return decode_text(Path("stdin.txt"), data)


def _read(given: str) -> bytes:
    path = Path(given)
    if not path.is_file():
        raise InputError("no such file", path=given, hint="check the path; use - to read standard input")
    _check_size(given, path.stat().st_size)
    return path.read_bytes()


def _check_size(given: str, size: int) -> None:
    if size > MAX_BYTES:
        raise InputError(f"larger than {MAX_BYTES // 1_000_000} MB", path=given, hint="split it into smaller files")


def _file(given: str) -> Document:
    data = _read(given)
    if not data.strip():
        return Document(given, "")
    text = read_bytes(Path(given), data).text
    return Document(given, text or "")


def _jsonl(given: str) -> Iterator[Document]:
    text = decode_text(Path(given), _read(given))
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        yield _jsonl_document(given, number, line)


def _jsonl_document(given: str, number: int, line: str) -> Document:
    hint = 'each line must be a JSON object like {"id": "a1", "text": "..."}'
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"not valid JSON ({error.msg}, column {error.colno})", path=given, line=number, hint=hint
        ) from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError('the line has no "text" string', path=given, line=number, hint=hint)
    doc = record.get("id", number)
    published = record.get("published")
    return Document(str(doc), record["text"], published if isinstance(published, str) else None)
