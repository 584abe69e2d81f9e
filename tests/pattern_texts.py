"""Shared by the fast-pattern tests: texts built from pieces, and the matches a pattern finds in them.

A rewritten pattern must find exactly what its plain form finds; texts glued from the words
and characters the patterns care about make the two meet at every kind of boundary.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st


def texts(pieces: list[str]) -> st.SearchStrategy[str]:
    """Texts joined from ``pieces`` with or without separators, so pieces meet at every kind of boundary."""
    glue = st.sampled_from(["", " ", " ", "-", ",", "\n"])
    return st.lists(st.tuples(st.sampled_from(pieces), glue), max_size=14).map(
        lambda parts: "".join(piece + sep for piece, sep in parts)
    )


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str]]:
    """Every match of ``pattern`` in ``text``: where it is and what it holds."""
    return [(match.span(), match.group()) for match in pattern.finditer(text)]
