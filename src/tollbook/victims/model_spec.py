"""The linkage model as data: which comparisons and blocking rules fit the fields a list has.

Nothing here runs SQL; it writes the Splink settings dictionary (DuckDB dialect) that
:mod:`tollbook.victims.linkage` trains and runs. The model adapts to the data: a comparison
exists only for a field that has values, and a blocking rule is kept only if the number of
pairs it generates fits the budget (else it is narrowed by birth year, place or sex).

Comparisons, most specific level first (the first true level wins):

* names (given, father, family): same spelling (term-frequency adjusted, so a match on a
  rare name counts more than one on "Mohammad") · same cross-script key · Jaro–Winkler ≥ 0.92
  on the spelling · parts swapped · keys Jaro–Winkler ≥ 0.85 (a typo across scripts) ·
  Jaro–Winkler ≥ 0.8 · the key appears among the other record's name tokens · else;
* birth: same written date · one typo in it · within a month · same day and month (a
  typo in the year) · same year and month · same year · ±1 year · a digit of the written
  year other than the last mistyped (1974 / 1984)
  (age-derived birth years) · ±3 years · else;
* death: same day · within 3 days · same month · same year · else;
* place: same key · Jaro–Winkler ≥ 0.88 · else; sex: same · else;
* extra columns: same · near (e-mails: same user part, one edit, user Jaro–Winkler ≥ 0.88;
  codes: one edit; text: Jaro–Winkler ≥ 0.9, ≥ 0.8) · else.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

NAME_PARTS = ("given", "father", "family")
REFINERS = ("dy", "by", "place_k", "sex")
MAX_EXTRAS = 6


SWAPPED = ("given_k", "family_k")


@dataclass(frozen=True)
class Rule:
    """A blocking rule: records pair up when all ``columns`` are equal.

    With ``swap`` the first two columns are the given and family name keys, crossed (one
    list writes "Hasan Ahmad" where another writes "Ahmad Hasan"); further columns are equal.
    """

    columns: tuple[str, ...]
    swap: bool = False

    def sql(self) -> str:
        """The SQL condition Splink evaluates."""
        if self.swap:
            crossed = ["l.given_k = r.family_k", "l.family_k = r.given_k"]
            return " AND ".join(crossed + [f"l.{c} = r.{c}" for c in self.columns[2:]])
        return " AND ".join(f"l.{c} = r.{c}" for c in self.columns)

    def uses(self) -> set[str]:
        """Columns this rule constrains (comparisons on them cannot be trained with it)."""
        return set(self.columns)


def present(features: pd.DataFrame, column: str) -> bool:
    """A feature column exists and has at least one value."""
    return column in features.columns and bool(features[column].notna().any())


def extra_columns(features: pd.DataFrame) -> list[str]:
    """Extra columns worth comparing: some values repeat (an all-unique column cannot help)."""
    chosen = []
    for column in (c for c in features.columns if c.startswith("x_")):
        values = features[column].dropna()
        if len(values) >= 2 and 1 < values.nunique() < len(values) and len(values) > 0.05 * len(features):
            chosen.append(column)
    return chosen[:MAX_EXTRAS]


def comparisons(features: pd.DataFrame) -> list[dict[str, object]]:
    """Splink comparison dictionaries for the fields present in ``features``."""
    out = [_name_comparison(part, features) for part in NAME_PARTS if present(features, f"{part}_n")]
    if present(features, "by"):
        out.append(_birth_comparison())
    if present(features, "dy"):
        out.append(_death_comparison())
    if present(features, "place_n"):
        out.append(_comparison("place", "place_n", [
            ("place_k_l = place_k_r", "same place key"),
            ("jaro_winkler_similarity(place_n_l, place_n_r) >= 0.88", "similar"),
        ]))  # fmt: skip
    if present(features, "sex"):
        out.append(_comparison("sex", "sex", [("sex_l = sex_r", "same sex")]))
    for column in extra_columns(features):
        out.append(_extra_comparison(column, features[column]))
    return out


def _null(column: str) -> dict[str, object]:
    condition = f"{column}_l IS NULL OR {column}_r IS NULL"
    return {"sql_condition": condition, "label_for_charts": "null", "is_null_level": True}


def _level(sql: str, label: str, tf_column: str | None = None) -> dict[str, object]:
    level: dict[str, object] = {"sql_condition": sql, "label_for_charts": label}
    if tf_column:
        level |= {"tf_adjustment_column": tf_column, "tf_adjustment_weight": 1.0}
    return level


def _comparison(name: str, null_column: str, levels: list[tuple[str, str]]) -> dict[str, object]:
    body = [_level(sql, label) for sql, label in levels]
    return {
        "output_column_name": name,
        "comparison_levels": [_null(null_column), *body, {"sql_condition": "ELSE", "label_for_charts": "else"}],
    }


def _name_comparison(part: str, features: pd.DataFrame) -> dict[str, object]:
    n, k = f"{part}_n", f"{part}_k"
    levels = [
        _level(f"{n}_l = {n}_r", "same spelling", tf_column=n),
        _level(f"{k}_l = {k}_r", "same cross-script key"),
        _level(f"jaro_winkler_similarity({n}_l, {n}_r) >= 0.92", "jaro-winkler >= 0.92"),
    ]
    other = {"given": "family", "family": "given"}.get(part)
    if other and present(features, f"{other}_k"):
        levels.append(_level(f"{k}_l = {other}_k_r AND {other}_k_l = {k}_r", "swapped with " + other))
    levels.append(_level(f"jaro_winkler_similarity({k}_l, {k}_r) >= 0.85", "similar keys (typo across scripts)"))
    levels.append(_level(f"jaro_winkler_similarity({n}_l, {n}_r) >= 0.8", "jaro-winkler >= 0.8"))
    others = [f"{p}_k_r" for p in NAME_PARTS if p != part and present(features, f"{p}_k")]
    if others:
        among = " OR ".join(f"{k}_l = {o}" for o in others)
        levels.append(_level(among, "among the other name parts"))
    return {
        "output_column_name": part + "_name",
        "comparison_levels": [_null(n), *levels, {"sql_condition": "ELSE", "label_for_charts": "else"}],
    }


def _birth_comparison() -> dict[str, object]:
    """Dates of birth as clerks get them wrong: a typo, a month or a year off, digits of the year."""
    return _comparison("birth", "by", [
        ("bdate_l = bdate_r", "same date"),
        ("levenshtein(bdate_l, bdate_r) <= 1", "one typo in the date"),
        ("abs(bday_l - bday_r) <= 31", "within a month"),
        ("substr(bdate_l, 5, 4) = substr(bdate_r, 5, 4)", "same day and month, other year"),
        ("by_l = by_r AND bm_l = bm_r", "same year and month"),
        ("by_l = by_r", "same year"),
        ("abs(by_l - by_r) <= 1", "within 1 year"),
        ("levenshtein(substr(bdate_l, 1, 4), substr(bdate_r, 1, 4)) <= 1 AND abs(by_l - by_r) >= 10",
         "a digit of the year mistyped"),
        ("abs(by_l - by_r) <= 3", "within 3 years"),
    ])  # fmt: skip


def _death_comparison() -> dict[str, object]:
    return _comparison("death", "dy", [
        ("dday_l = dday_r", "same day"),
        ("abs(dday_l - dday_r) <= 3", "within 3 days"),
        ("dy_l = dy_r AND dm_l = dm_r", "same month"),
        ("dy_l = dy_r", "same year"),
    ])  # fmt: skip


def _extra_comparison(column: str, values: pd.Series) -> dict[str, object]:
    """Codes (mostly digits) allow one edit; text is compared by Jaro–Winkler.

    An e-mail is compared by its user part: two addresses at one domain ("h.k@sharp.com",
    "f.j@sharp.com") are close as whole strings but belong to different people.
    """
    text = values.dropna().astype(str)
    if text.str.contains("@", regex=False).mean() > 0.5:
        user_l, user_r = f"split_part({column}_l, '@', 1)", f"split_part({column}_r, '@', 1)"
        near = [
            (f"{user_l} = {user_r} AND length({user_l}) >= 3", "same user"),
            (f"levenshtein({column}_l, {column}_r) <= 1", "one edit"),
            (f"jaro_winkler_similarity({user_l}, {user_r}) >= 0.88", "user jaro-winkler >= 0.88"),
        ]
    elif text.str.fullmatch(r"[0-9 ]+").mean() > 0.8:
        near = [(f"levenshtein({column}_l, {column}_r) <= 1", "one edit")]
    else:
        near = [(f"jaro_winkler_similarity({column}_l, {column}_r) >= {cut}", f"jaro-winkler >= {cut}")
                for cut in (0.9, 0.8)]  # fmt: skip
    return _comparison(column, column, [(f"{column}_l = {column}_r", "same"), *near])


def candidate_rules(features: pd.DataFrame) -> list[Rule]:
    """Blocking rules worth trying for the fields present, most informative first."""
    has = {c for c in ("given_k", "father_k", "family_k", "by", "bm", "bdate", "place_k", "sex", "dday", "given_p",
                       "family_p", "dy")
           if present(features, c)}  # fmt: skip
    wanted = [
        ("given_k", "family_k"), ("family_k", "by"), ("given_k", "by"), ("given_k", "father_k"),
        ("father_k", "family_k"), ("family_k", "place_k"), ("given_k", "place_k"), ("bdate",),
        ("given_k", "dday"), ("family_k", "dday"), ("by", "bm", "place_k"), ("given_p", "family_p", "by"),
        ("given_p", "family_p"), ("given_p", "by", "bm"), ("family_p", "by", "bm"), ("given_k", "bm"),
    ]  # fmt: skip
    rules = [Rule(cols) for cols in wanted if set(cols) <= has]
    if set(SWAPPED) <= has:
        rules.append(Rule(SWAPPED, swap=True))
    rules += [Rule((c,)) for c in extra_columns(features)]
    if not rules:  # sparse data (a single name column, say): one field alone, narrowed by the budget
        rules = [Rule((c,)) for c in ("given_k", "family_k", "father_k", "by", "place_k", "dday") if c in has]
    return rules


def pair_count(features: pd.DataFrame, columns: tuple[str, ...]) -> int:
    """Pairs a rule generates: Σ n(n−1)/2 over groups of equal, non-null values."""
    sizes = features.groupby(list(columns), dropna=True, observed=True).size()
    return int((sizes * (sizes - 1) // 2).sum())


def swapped_pair_count(features: pd.DataFrame, columns: tuple[str, ...]) -> int:
    """Pairs the crossed-names rule generates: records (g, f, …) meet records (f, g, …).

    Where family names are also given names (Ahmad, Hasan) this join is far larger than
    any plain rule's: about 126 million pairs on a million generated records.
    """
    sizes = features.groupby(list(columns), dropna=True, observed=True).size().rename("n").reset_index()
    crossed = sizes.rename(columns={"given_k": "family_k", "family_k": "given_k", "n": "m"})
    met = sizes.merge(crossed, on=list(columns))
    return int((met["n"] * met["m"]).sum() // 2)


def rule_pair_count(features: pd.DataFrame, rule: Rule) -> int:
    """Pairs ``rule`` generates (an upper bound for the crossed-names rule)."""
    return swapped_pair_count(features, rule.columns) if rule.swap else pair_count(features, rule.columns)


def wide_rules(features: pd.DataFrame) -> list[Rule]:
    """Broad rules for records whose names and dates are both damaged (one name missing, the
    other mistyped; the year of birth mistyped): one name alone, day and month of birth,
    place with year or month, an e-mail's user part. Kept only where they stay cheap
    (:func:`blocking_rules`), so small and medium lists gain recall and a million records
    pay nothing.
    """
    wanted = [("family_k",), ("given_k",), ("bmd",), ("by", "place_k"), ("bm", "place_k")]
    wanted += [(c,) for c in features.columns if c.startswith("ux_")]
    return [Rule(cols) for cols in wanted if all(present(features, c) for c in cols)]


def blocking_rules(features: pd.DataFrame, budget: int, total: int | None = None) -> list[Rule]:
    """Rules that fit ``budget`` pairs each, narrowing those that do not, and ``total`` pairs
    together (default: max(40,000,000, 4 × ``budget``)), so that data with many usable
    columns cannot multiply the scoring time; then the wide rules that fit max(50,000, 2 × records) pairs
    unnarrowed (about two more pairs per record)."""
    chosen: list[Rule] = []
    left = max(40_000_000, 4 * budget) if total is None else total
    for rule in candidate_rules(features):
        fitted = _fit(rule, features, min(budget, left))
        if fitted is not None and fitted[0] not in chosen:
            chosen.append(fitted[0])
            left -= fitted[1]
    wide_budget = max(50_000, 2 * len(features))
    for rule in wide_rules(features):
        if rule not in chosen and pair_count(features, rule.columns) <= wide_budget:
            chosen.append(rule)
    return chosen


def _fit(rule: Rule, features: pd.DataFrame, budget: int) -> tuple[Rule, int] | None:
    """The rule, or the rule narrowed by refiners until it fits the budget, with its pair count.

    Refiners are tried best-filled first: a refiner that is empty on many records (birth
    year on lists that give no age) would silently drop every pair those records are in.
    """
    columns = rule.columns
    for refiner in ("", *_by_coverage(features)):
        if refiner in columns:
            continue
        candidate = Rule(columns + ((refiner,) if refiner else ()), rule.swap)
        if (pairs := rule_pair_count(features, candidate)) <= budget:
            return candidate, pairs
        if refiner:
            columns = candidate.columns
    return None


def _by_coverage(features: pd.DataFrame) -> list[str]:
    """:data:`REFINERS` present in ``features``, the best-filled first."""
    present_refiners = [r for r in REFINERS if present(features, r)]
    return sorted(present_refiners, key=lambda r: -float(features[r].notna().mean()))


def em_rules(features: pd.DataFrame, rules: list[Rule]) -> list[Rule]:
    """EM training rules in order: one on the names (trains dates, places, sex, extras), then
    ones that leave the names free (trains the names) — the first that the data supports.

    EM cannot estimate a comparison on the fields its rule blocks on; the name-free rule
    should pair records *across* lists and spellings, hence dates of death and birth first.
    The name rule is the plain one first, not a prediction rule narrowed to fit the budget
    (EM samples its pairs): narrowed by year of death, it would leave the death
    comparison to be learned from a biased few pairs. The narrowed one follows, for the
    case where the plain session fails.
    """
    budget = 50 * max(2_000_000, 20 * len(features))
    plain = [Rule(c) for c in (("given_k", "family_k"), ("given_k",), ("family_k",))
             if all(present(features, k) for k in c) and pair_count(features, c) <= budget]  # fmt: skip
    narrowed = next((r for r in rules if not r.swap and {"given_k", "family_k"} & set(r.columns)), None)
    name_rules = list(dict.fromkeys([*plain[:1], *([narrowed] if narrowed else [])]))
    name_free = [("dday", "by"), ("dy", "dm", "by", "place_k"), ("bdate",), ("by", "bm", "place_k"), ("by", "place_k"),
                 ("by", "sex")] + [(c,) for c in extra_columns(features)]  # fmt: skip
    out = name_rules
    for columns in name_free:
        if all(present(features, c) for c in columns) and pair_count(features, columns) <= budget:
            out.append(Rule(columns))
    return out + [r for r in rules if not r.swap and r not in out]


def deterministic_rules(rules: list[Rule]) -> list[str]:
    """Strict rules (two or more agreeing fields) used to estimate the prior match probability."""
    strict = [r.sql() for r in rules if not r.swap and len(r.columns) >= 2]
    return strict[:3] or [r.sql() for r in rules[:1]]


def settings(features: pd.DataFrame, rules: list[Rule]) -> dict[str, object]:
    """The full Splink settings dictionary (untrained)."""
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "comparisons": comparisons(features),
        "blocking_rules_to_generate_predictions": [r.sql() for r in rules],
        "retain_intermediate_calculation_columns": False,
        "retain_matching_columns": False,
        "additional_columns_to_retain": [],
        "sql_dialect": "duckdb",
    }


M_FLOOR = 0.002


def regularise(model: dict[str, object]) -> dict[str, object]:
    """Bound the trained model's certainty: no single disagreement may exclude a match outright.

    EM on lists full of relatives drives some m-probabilities towards zero (a sex or place
    disagreement worth −100 bits), which a single clerical error would then turn into a
    missed link. Every m below :data:`M_FLOOR` is raised to it (at most about −9 bits per
    comparison), and an untrained *else* level gets the floor rather than no weight.
    """
    for comparison in model["comparisons"]:  # type: ignore[attr-defined]
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m = level.get("m_probability")
            if (m is None and level.get("sql_condition") == "ELSE") or (m is not None and m < M_FLOOR):
                level["m_probability"] = M_FLOOR
    return model
