"""Place names of the lists → one place key in either script (Jableh, Jablah, جبلة → the same key).

Known places are those of the committed vocabulary (coastal towns and villages with their
Arabic name and Latin spellings, see :mod:`tollbook.victims.vocabulary_build`); any other
place falls back to its cross-script name key, which still meets most romanisations.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from tollbook.victims.names import name_key, normalise_name


@cache
def _known() -> dict[str, str]:
    text = resources.files("tollbook.victims").joinpath("data/vocabulary.json").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for index, place in enumerate(json.loads(text)["places"]):
        for spelling in (place["arabic"], *place["latin"]):
            table.setdefault(normalise_name(spelling), f"PLACE{index}")
    return table


def place_key(text: str) -> str:
    """Key of a place as written: the vocabulary's place id, else its name key."""
    return _known().get(normalise_name(text)) or name_key(text)
