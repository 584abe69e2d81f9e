"""Preparing a file as evidence: size check, hash, text — before any database write.

Everything that can fail on the file itself fails here, so the casebook transaction that
follows only stores a fully checked source: nothing is half-written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tollbook.errors import SourceFileError
from tollbook.sources.readers import LIST_SUFFIXES, read_bytes

KINDS = ("article", "report", "list", "testimony")


@dataclass(frozen=True)
class SourceMeta:
    """What a person knows about a source beyond its bytes (provenance)."""

    kind: str | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    confidential: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PreparedSource:
    path: Path
    content: bytes
    sha256: str
    media_type: str
    text: str | None
    reader: str
    kind: str

    @property
    def text_sha256(self) -> str | None:
        return hashlib.sha256(self.text.encode()).hexdigest() if self.text is not None else None


def prepare(path: Path, meta: SourceMeta, *, max_bytes: int, encoding: str | None = None) -> PreparedSource:
    """Read and check one file; raises SourceFileError naming the file and the fix."""
    content = _read_checked(path, max_bytes)
    result = read_bytes(path, content, encoding=encoding)
    kind = _choose_kind(path, meta.kind)
    return PreparedSource(
        path, content, hashlib.sha256(content).hexdigest(), result.media_type, result.text, result.reader, kind
    )


def _read_checked(path: Path, max_bytes: int) -> bytes:
    if not path.exists():
        raise SourceFileError("no such file", path=str(path), hint="check the path")
    if not path.is_file():
        raise SourceFileError("is not a regular file", path=str(path), hint="give a file, not a folder")
    size = path.stat().st_size
    if size == 0:
        raise SourceFileError("is empty", path=str(path), hint="check the download or export finished")
    if size > max_bytes:
        raise SourceFileError(
            f"is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit",
            path=str(path),
            hint="split it, or raise the limit with TOLLBOOK_MAX_SOURCE_MB if it really is one document",
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise SourceFileError(
            f"cannot be read: {error.strerror}", path=str(path), hint="check its permissions"
        ) from error


def _choose_kind(path: Path, kind: str | None) -> str:
    if kind is None:
        return "list" if path.suffix.lower() in LIST_SUFFIXES else "article"
    if kind not in KINDS:
        raise SourceFileError(f"unknown kind {kind!r}", path=str(path), hint=f"choose one of {', '.join(KINDS)}")
    return kind
