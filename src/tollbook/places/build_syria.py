"""Build the packaged Syria gazetteer (``data/syria.csv``) from the shared CC BY sources.

Run: ``uv run --frozen python -m tollbook.places.build_syria [SHARED_GAZETTEER_DIR]``
(default ``../shared/data/gazetteer``). Inputs, all CC BY 4.0:

* ``syria_admin1_3.csv`` — OpenSyria admin 1–3 with OCHA p-codes (OCHA/HDX COD-AB, geoBoundaries,
  GeoNames, Wikidata): kept as they are, with English/Arabic names and aliases.
* ``geonames_sy_cities500.csv`` — GeoNames populated places. Each town is placed in the admin-3
  unit with the nearest centroid *inside the governorate its GeoNames admin1code stands for*
  (that mapping is learned from the data: the governorate most of the code's towns fall nearest
  to), and gets the synthetic p-code ``<admin3 pcode>-G<geonameid>``.
* ``HAND_ADDED`` below — regions and villages from public reporting that neither source has,
  with p-codes ``SY-R-<NAME>`` (regions; ``members`` lists the governorates they cover) and
  ``<parent pcode>-H<nn>`` (villages placed only as precisely as reporting allows).

The output is deterministic (sorted by p-code) so a rebuild shows as a clean diff.
"""

from __future__ import annotations

import csv
import math
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).parent / "data" / "syria.csv"
COLUMNS = (
    "pcode",
    "level",
    "kind",
    "name_en",
    "name_ar",
    "parent_pcode",
    "ancestors",
    "lat",
    "lon",
    "aliases",
    "members",
    "source",
)
COUNTRY = {"pcode": "SY", "level": "0", "kind": "country", "name_en": "Syria", "name_ar": "سوريا",
           "parent_pcode": "", "ancestors": "", "lat": "35.0", "lon": "38.5",
           "aliases": "Syrian Arab Republic|Syrie|سورية|الجمهورية العربية السورية", "members": "",
           "source": "hand-added"}  # fmt: skip

# Regions and villages named in public reporting on the March 2025 coastal violence.
HAND_ADDED: tuple[dict[str, str], ...] = (
    {"pcode": "SY-R-COAST", "level": "1", "kind": "region", "name_en": "Syrian coast", "name_ar": "الساحل السوري",
     "parent_pcode": "SY", "members": "SY06|SY10", "lat": "35.2", "lon": "35.95",
     "aliases": "the coast|Syria's coast|Syrian coastal region|Syrian coastal regions|Syria's coastal regions"
                "|Syria's coastal region|coastal region|coastal regions|coastal areas|the coastal areas"
                "|western coastal regions|the Syrian coastline|Syrian coastline|الساحل"},
    {"pcode": "SY0602-H01", "level": "4", "kind": "village", "name_en": "Al-Sanobar", "name_ar": "الصنوبر",
     "parent_pcode": "SY0602", "aliases": "Al-Sanawbar|Sanobar|Sanawbar|Snobar|Al-Snobar"},
    {"pcode": "SY0600-H01", "level": "4", "kind": "village", "name_en": "Al-Mukhtariya", "name_ar": "المختارية",
     "parent_pcode": "SY0600", "aliases": "Mukhtariya|Al-Mukhtariyah|Mukhtariyah"},
    {"pcode": "SY1002-H01", "level": "4", "kind": "neighbourhood", "name_en": "Al-Qusour", "name_ar": "القصور",
     "parent_pcode": "SY1002", "aliases": "Qusour|Al-Qusur|Qusur"},
)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else Path(__file__).resolve().parents[4] / ".." / "shared" / "data" / "gazetteer"
    admin = _read_admin(source / "syria_admin1_3.csv")
    towns = _read_towns(source / "geonames_sy_cities500.csv", admin)
    rows = [COUNTRY, *admin.values(), *towns, *_hand_added(admin)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in sorted(rows, key=lambda r: r["pcode"]):
            writer.writerow({c: row.get(c, "") for c in COLUMNS})
    print(f"wrote {len(rows)} places to {OUT}")
    return 0


def _read_admin(path: Path) -> dict[str, dict[str, str]]:
    by_id: dict[str, str] = {}
    raw = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in raw:
        by_id[row["id"]] = row["ocha_pcode"]
    admin: dict[str, dict[str, str]] = {}
    for row in raw:
        parent = by_id.get(row["parent_id"], "SY")
        aliases = [a for a in (row["aliases_en"].split("|") + row["aliases_ar"].split("|")) if a]
        admin[row["ocha_pcode"]] = {
            "pcode": row["ocha_pcode"], "level": row["admin_level"], "kind": "admin", "name_en": row["name_en"],
            "name_ar": row["name_ar"], "parent_pcode": parent, "lat": row["lat"], "lon": row["lon"],
            "aliases": "|".join(dict.fromkeys(aliases)), "source": "OpenSyria/OCHA COD-AB",
        }  # fmt: skip
    for row in admin.values():
        row["ancestors"] = "|".join(_ancestors(row["pcode"], admin))
    return admin


def _ancestors(pcode: str, admin: dict[str, dict[str, str]]) -> list[str]:
    chain: list[str] = []
    parent = admin[pcode]["parent_pcode"] if pcode in admin else ""
    while parent and parent != "SY":
        chain.append(parent)
        if parent in ("SY06", "SY10"):
            chain.append("SY-R-COAST")
        parent = admin[parent]["parent_pcode"]
    if pcode in ("SY06", "SY10"):
        chain.append("SY-R-COAST")
    return [*chain, "SY"]


def _read_towns(path: Path, admin: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    subdistricts = [r for r in admin.values() if r["level"] == "3" and r["lat"] and r["lon"]]
    raw = list(csv.DictReader(path.open(encoding="utf-8")))
    governorate_of_code = _learn_admin1(raw, subdistricts)
    towns = []
    for row in raw:
        lat, lon = float(row["latitude"]), float(row["longitude"])
        governorate = governorate_of_code.get(row["admin1code"])
        candidates = [s for s in subdistricts if s["pcode"][:4] == governorate] or subdistricts
        parent = min(candidates, key=lambda s: _distance(lat, lon, s))
        aliases = [a for a in row["alternatenames"].split("|") if _useful_alias(a)]
        arabic = next((a for a in aliases if "\u0600" <= a[0] <= "\u06ff"), "")
        towns.append({
            "pcode": f"{parent['pcode']}-G{row['geonameid']}", "level": "4", "kind": "town", "name_en": row["name"],
            "name_ar": arabic, "parent_pcode": parent["pcode"],
            "ancestors": "|".join([parent["pcode"], *_ancestors(parent["pcode"], admin)]),
            "lat": row["latitude"], "lon": row["longitude"], "aliases": "|".join(dict.fromkeys(aliases)),
            "source": "GeoNames",
        })  # fmt: skip
    return towns


def _learn_admin1(raw: list[dict[str, str]], subdistricts: list[dict[str, str]]) -> dict[str, str]:
    votes: dict[str, Counter[str]] = {}
    for row in raw:
        lat, lon = float(row["latitude"]), float(row["longitude"])
        nearest = min(subdistricts, key=lambda s: _distance(lat, lon, s))
        votes.setdefault(row["admin1code"], Counter())[nearest["pcode"][:4]] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def _distance(lat: float, lon: float, place: dict[str, str]) -> float:
    return math.hypot(lat - float(place["lat"]), (lon - float(place["lon"])) * math.cos(math.radians(lat)))


def _useful_alias(alias: str) -> bool:
    """Latin names written as names (capitalised) and Arabic script; other scripts are dropped."""
    if len(alias) < 3:
        return False
    first = alias[0]
    return (first.isupper() and first.isascii()) or first in "ĀĪŪŢŞḨḤẒ" or "\u0600" <= first <= "\u06ff"


def _hand_added(admin: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    rows = []
    for entry in HAND_ADDED:
        row = {**entry, "source": "hand-added"}
        parent = entry["parent_pcode"]
        if entry["kind"] == "region":
            row["ancestors"] = "SY"
        else:
            row["ancestors"] = "|".join([parent, *_ancestors(parent, admin)])
            row.setdefault("lat", "")
        rows.append(row)
    return rows


if __name__ == "__main__":
    sys.exit(main())
