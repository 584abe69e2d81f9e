"""Name normalisation: known spellings meet, and the normalisers are idempotent (hypothesis)."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tollbook.victims.arabic import normalise_arabic
from tollbook.victims.names import name_key, name_tokens, normalise_name, split_full_name, token_key

VOCABULARY = json.loads(resources.files("tollbook.victims").joinpath("data/vocabulary.json").read_text("utf-8"))
NAMES = [e for group in ("male", "female", "family") for e in VOCABULARY[group]]

ARABIC = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويأإآةىءئؤـًٌٍَُِّْ ", max_size=20)
LATIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyzAEIOU-' ", max_size=20)


@pytest.mark.parametrize(
    "variants",
    [
        ["Mohammad", "Mohamed", "Muhammad", "Mohammed", "محمد", "مُحَمَّد"],
        ["Abd al-Rahman", "Abdul Rahman", "Abdulrahman", "Abdurrahman", "عبد الرحمن", "عبدالرحمن"],
        ["Nour al-Din", "Nureddin", "نور الدين"],
        ["Youssef", "Yousef", "Yusuf", "يوسف"],
        ["Fatima", "Fatimah", "فاطمة", "فاطمه"],
        ["Ibrahim", "إبراهيم", "ابراهيم"],
        ["Osman", "Othman", "عثمان"],
    ],
)
def test_spelling_variants_share_one_key(variants: list[str]) -> None:
    assert len({name_key(v) for v in variants}) == 1


def test_article_connectors_and_order() -> None:
    assert name_tokens("Ahmad bin Khalid al-Ali") == ("ahmad", "khalid", "ali")
    assert name_key("أحمد بن خالد العلي") == name_key("Ahmad bin Khalid al-Ali")
    parts = split_full_name("Al-Ali, Ahmad Khalid")
    assert (parts.given, parts.father, parts.family) == ("ahmad", "khalid", "ali")


def test_arabic_orthography_folds() -> None:
    assert normalise_arabic("أحمـــد") == normalise_arabic("احمد")
    assert normalise_arabic("مصطفى") == normalise_arabic("مصطفي")


@pytest.mark.parametrize("entry", NAMES, ids=lambda e: e["latin"][0])
def test_vocabulary_spellings_meet_their_arabic_form(entry: dict[str, object]) -> None:
    target = name_key(str(entry["arabic"])).replace(" ", "")  # "خير بك" is two words, "Kheirbek" one
    assert all(name_key(str(latin)).replace(" ", "") == target for latin in entry["latin"])  # type: ignore[attr-defined]


@given(st.one_of(ARABIC, LATIN))
def test_normalise_name_is_idempotent(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once


@given(ARABIC)
def test_normalise_arabic_is_idempotent(text: str) -> None:
    once = normalise_arabic(text)
    assert normalise_arabic(once) == once


@given(st.one_of(ARABIC, LATIN))
def test_keys_are_stable_under_normalisation(text: str) -> None:
    assert name_key(normalise_name(text)) == name_key(text)


@given(st.sampled_from(NAMES), st.data())
def test_script_variants_of_one_name_share_a_key(entry: dict[str, object], data: st.DataObject) -> None:
    spelling = data.draw(st.sampled_from([entry["arabic"], *entry["latin"]]))  # type: ignore[list-item]
    decorated = data.draw(st.sampled_from(["{}", "{} ", " {}", "{}".upper()]))
    assert name_key(decorated.format(spelling)).replace(" ", "") == name_key(str(entry["arabic"])).replace(" ", "")


def test_token_key_of_empty_is_empty() -> None:
    assert token_key("") == ""
