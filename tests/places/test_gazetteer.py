"""The packaged Syria gazetteer and the CSV gazetteer interface: spellings, hierarchy, p-codes, coordinates."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tollbook.errors import DataFormatError, NotFoundError
from tollbook.places import InMemoryGazetteer, default_gazetteer, fold_key, name_key
from tollbook.places.gazetteer import COLUMNS


@pytest.mark.parametrize(
    ("spellings", "pcode"),
    [
        (["Tartus", "Tartous", "Ţarţūs", "طرطوس", "Tartus province"], "SY10"),
        (["Baniyas", "Banyas", "Banias"], "SY1002"),
        (["Jableh", "Jablah", "Jebleh"], "SY0602"),
        (["Latakia", "Lattakia"], "SY06"),
        (["Homs"], "SY04"),
    ],
)
def test_transliterations_meet(spellings: list[str], pcode: str) -> None:
    gazetteer = default_gazetteer()
    for spelling in spellings:
        place = gazetteer.resolve(spelling)
        assert place is not None, spelling
        assert place.pcode == pcode or pcode in place.ancestors, (spelling, place.pcode)


def test_hierarchy_and_coordinates() -> None:
    gazetteer = default_gazetteer()
    baniyas = gazetteer.get("SY1002")
    assert [p.pcode for p in gazetteer.ancestors(baniyas)][:2] == ["SY10", "SY-R-COAST"]
    assert gazetteer.contains("SY-R-COAST", baniyas) and not gazetteer.contains("SY04", baniyas)
    assert baniyas.name_ar and baniyas.lat is not None and 34 < baniyas.lat < 36 and 35 < (baniyas.lon or 0) < 37
    assert gazetteer.resolve("Jableh countryside").level == 2
    assert gazetteer.resolve("the Syrian coast").pcode == "SY-R-COAST"
    assert gazetteer.resolve("Atlantis") is None
    with pytest.raises(NotFoundError):
        gazetteer.get("XX99")


def test_find_in_text_and_search() -> None:
    gazetteer = default_gazetteer()
    text = "Clashes in Baniyas and the Jablah countryside; residents fled to Tartous."
    found = [(text[start:end], place.pcode[:6]) for start, end, place in gazetteer.find_in_text(text)]
    assert ("Baniyas", "SY1002") in found and ("Tartous", "SY10") in found and ("Jablah countryside", "SY0602") in found
    assert gazetteer.search("Tartus")[0].pcode == "SY10"


def test_another_country_is_a_file_away(tmp_path: Path) -> None:
    path = tmp_path / "lb.csv"
    rows = [
        ",".join(COLUMNS),
        "LB,0,Lebanon,لبنان,,,33.9,35.9,",
        "LB11,1,Beirut,بيروت,LB,LB,33.89,35.5,Beyrouth|Bayrut",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    gazetteer = InMemoryGazetteer.from_csv(path)
    assert gazetteer.resolve("Beyrouth").pcode == "LB11" and gazetteer.name == "lb"
    assert [p.pcode for p in gazetteer.ancestors("LB11")] == ["LB"]


def test_bad_gazetteer_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(",".join(COLUMNS) + "\nLB,zero,Lebanon,,,,,,\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"bad\.csv:2"):
        InMemoryGazetteer.from_csv(path)
    missing = tmp_path / "short.csv"
    missing.write_text("pcode,name_en\nLB,Lebanon\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="lacks columns"):
        InMemoryGazetteer.from_csv(missing)


@given(st.text(max_size=40))
@example("\ufda0")  # an Arabic ligature (presentation form) whose letters only NFKC reveals
@example("A\u064b")  # a Latin letter under an Arabic vowel mark
def test_keys_never_crash_and_are_idempotent(name: str) -> None:
    assert name_key(name_key(name)) == name_key(name)
    assert isinstance(fold_key(name), str)


def test_attribution_travels_with_the_data() -> None:
    readme = Path(__file__).resolve().parents[2] / "src" / "tollbook" / "places" / "data" / "README.md"
    text = readme.read_text(encoding="utf-8")
    assert "CC BY 4.0" in text and "OpenSyria" in text and "GeoNames" in text


def test_arabic_presentation_forms_key_like_ordinary_letters() -> None:
    assert name_key("\ufee3\ufeb4\ufe98") == name_key("مست")  # isolated/initial/medial forms
    assert name_key("\ufda0") == name_key("تجى") == "تجي"
