"""Learn ``data/translit.tsv``: Latin spellings whose rule-based key misses their Arabic key.

Run once by a developer, never at run time::

    uv run --frozen python -m tollbook.victims.translit_learn ../shared/data data/translit.tsv

Method. For every Arabic token of ``linkage/arabic_names/arabic_name_variants.csv`` (attested
spellings with support, already filtered for closeness by the data's builder), the Arabic
consonant skeleton is the target key. Each Latin spelling whose rule-based skeleton differs
votes, with its count, for that target; a spelling is kept when its winning target has at
least two thirds of its votes and a count of at least 3. The table therefore holds only
*corrections* (osman → ATMN), plus the vocabulary of :mod:`tollbook.victims.vocabulary_build`
so the generator's spellings and the linker agree.

Validation, written as comments at the top of the file: on the 80k raw pairs of
``arabic_latin_name_pairs.csv.gz``, the share of pairs (count-weighted) whose Arabic and
Latin keys agree, with the rules alone and with the table; and the same on a hold-out half
of the Arabic tokens (the table learned from the other half) so the gain is not in-sample.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
import zlib
from collections import defaultdict
from pathlib import Path

from tollbook.victims.names import fold_latin, latin_skeleton, name_tokens, token_key

MIN_COUNT = 3
MIN_SHARE = 2 / 3


def main(argv: list[str]) -> int:
    """``translit_learn SHARED_DATA OUT.tsv [VOCABULARY.json]``."""
    shared, out = Path(argv[0]), Path(argv[1])
    vocabulary = Path(argv[2]) if len(argv) > 2 else out.with_name("vocabulary.json")
    names = shared / "linkage" / "arabic_names"
    variants = _read_variants(names / "arabic_name_variants.csv")
    pairs = _read_pairs(names / "arabic_latin_name_pairs.csv.gz")
    table = learn(variants)
    table.update(_vocabulary_keys(vocabulary))
    table = {latin: key for latin, key in table.items() if latin_skeleton(latin) != key}
    train = [v for v in variants if _half(v[0]) == 0]
    held_out = [p for p in pairs if _half(p[0]) == 1]
    lines = [
        "# latin\tkey — learned by tollbook.victims.translit_learn from arabic_name_variants.csv",
        f"# agreement on all raw pairs: rules {_agreement(pairs, {}):.3f}, rules+table {_agreement(pairs, table):.3f}",
        f"# hold-out half: rules {_agreement(held_out, {}):.3f}, rules+table(other half) "
        f"{_agreement(held_out, learn(train)):.3f}",
        *[f"{latin}\t{key}" for latin, key in sorted(table.items())],
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:3]), f"\n{len(table)} entries → {out}")
    return 0


def learn(variants: list[tuple[str, str, int]]) -> dict[str, str]:
    """Latin token → Arabic key, for spellings the rules get wrong and the data agrees on."""
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for arabic, latin, count in variants:
        target = _arabic_key(arabic)
        tokens = name_tokens(latin)
        if target and len(tokens) == 1:
            votes[tokens[0]][target] += count
    table = {}
    for latin, by_key in votes.items():
        key, count = max(by_key.items(), key=lambda kv: kv[1])
        if count >= MIN_COUNT and count >= MIN_SHARE * sum(by_key.values()) and latin_skeleton(latin) != key:
            table[latin] = key
    return table


def _arabic_key(arabic: str) -> str:
    tokens = name_tokens(arabic)
    return token_key(tokens[0]) if len(tokens) == 1 else ""


def _agreement(pairs: list[tuple[str, str, int]], table: dict[str, str]) -> float:
    """Count-weighted share of pairs whose Arabic key equals the Latin key."""
    agree = total = 0
    for arabic, latin, count in pairs:
        tokens = name_tokens(latin)
        target = _arabic_key(arabic)
        if not target or len(tokens) != 1:
            continue
        key = table.get(tokens[0], latin_skeleton(tokens[0]))
        total += count
        agree += count * (key == target)
    return agree / total if total else 0.0


def _vocabulary_keys(path: Path) -> dict[str, str]:
    """Every Latin spelling of the generator vocabulary → the key of its Arabic form."""
    vocabulary = json.loads(path.read_text(encoding="utf-8"))
    table = {}
    for group in ("male", "female", "family"):
        for entry in vocabulary[group]:
            target = " ".join(token_key(t) for t in name_tokens(entry["arabic"]))
            for latin in entry["latin"]:
                tokens = name_tokens(latin)
                if len(tokens) == 1 and " " not in target:
                    table[tokens[0]] = target
    return table


def _read_variants(path: Path) -> list[tuple[str, str, int]]:
    with path.open(encoding="utf-8") as handle:
        rows = []
        for row in csv.DictReader(handle):
            for latin, count in zip(row["variants"].split("|"), row["variant_counts"].split("|"), strict=True):
                rows.append((row["arabic"], fold_latin(latin), int(count)))
        return rows


def _read_pairs(path: Path) -> list[tuple[str, str, int]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [(r["arabic"], fold_latin(r["latin"]), int(r["count"])) for r in csv.DictReader(handle)]


def _half(arabic: str) -> int:
    """Stable split of Arabic tokens into two halves for the hold-out check."""
    return zlib.crc32(arabic.encode("utf-8")) % 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
