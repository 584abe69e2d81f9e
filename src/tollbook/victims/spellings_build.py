"""Build ``data/spellings.tsv``: attested Latin spellings → the Arabic names they write.

Run once by a developer, never at run time::

    uv run --frozen python -m tollbook.victims.spellings_build ../shared/data data/spellings.tsv

Consonant keys are coarse on purpose: Mohammad and Mahmoud share ``MHMD``, Hassan and
Hussein ``HSN``. The veto (:mod:`tollbook.victims.veto`) must not take such brothers for one
person, so it asks a finer question when both spellings are attested: *can these two be
the same Arabic name?* The table answers it. Its rows are the Latin spellings of
``linkage/arabic_names/arabic_name_variants.csv`` (attested spellings with support, CC0 /
Apache-2.0 sources: see that folder's README) and of the generator vocabulary, each with
the normalised Arabic names it is attested for. Only derived name tokens are kept.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from importlib import resources
from pathlib import Path

from tollbook.victims.names import normalise_name


def main(argv: list[str]) -> int:
    """``spellings_build SHARED_DATA OUT.tsv``: write the table."""
    shared, out = Path(argv[0]), Path(argv[1])
    readings: dict[str, set[str]] = defaultdict(set)
    with (shared / "linkage" / "arabic_names" / "arabic_name_variants.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            _add(readings, row["arabic"], row["variants"].split("|"))
    vocabulary = json.loads(resources.files("tollbook.victims").joinpath("data/vocabulary.json").read_text("utf-8"))
    for group in ("male", "female", "family"):
        for entry in vocabulary[group]:
            _add(readings, entry["arabic"], entry["latin"])
    lines = [f"{latin}\t{'|'.join(sorted(arabic))}" for latin, arabic in sorted(readings.items())]
    header = "# latin\tarabic names it is attested for — built by tollbook.victims.spellings_build\n"
    out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(lines)} spellings")
    return 0


def _add(readings: dict[str, set[str]], arabic: str, latins: list[str]) -> None:
    target = normalise_name(arabic).replace(" ", "")
    for latin in latins:
        spelling = normalise_name(latin).replace(" ", "")
        if target and spelling.isascii() and spelling.isalpha():
            readings[spelling].add(target)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
