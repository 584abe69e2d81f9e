"""Property tests: text intake never loses or alters characters, and refuses what it cannot read."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tollbook.errors import SourceFileError
from tollbook.sources.readers import decode_text

PATH = Path("sample.txt")
# Printable text in any script (Arabic, Latin, ...), with tabs and newlines; no control characters.
readable = st.text(st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n\t"), min_size=1)


@given(readable)
def test_utf8_text_round_trips(text: str) -> None:
    assert decode_text(PATH, text.encode()) == text


@given(readable)
def test_crlf_and_cr_become_newlines_and_nothing_else_changes(text: str) -> None:
    windows = text.replace("\n", "\r\n")
    assert decode_text(PATH, windows.encode()) == text


@given(readable)
def test_bom_is_dropped_not_kept_as_text(text: str) -> None:
    assert decode_text(PATH, b"\xef\xbb\xbf" + text.encode()) == text
    assert decode_text(PATH, text.encode("utf-16")) == text


@given(st.binary(min_size=1))
def test_arbitrary_bytes_decode_or_fail_clearly(data: bytes) -> None:
    try:
        text = decode_text(PATH, data)
    except SourceFileError as error:
        assert "sample.txt" in error.message
        assert error.hint
    else:
        assert isinstance(text, str)


def test_named_encoding_that_does_not_exist() -> None:
    with pytest.raises(SourceFileError, match="--encoding"):
        decode_text(PATH, b"abc", encoding="no-such-codec")
