"""The same model gives the same persons on DuckDB and on local Spark (slow: Spark start-up)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest

from tollbook.victims.dedupe import dedupe
from tollbook.victims.fields import map_columns
from tollbook.victims.generator import generate
from tollbook.victims.linkage import stop_spark


@pytest.fixture
def spark_stopped() -> Iterator[None]:
    pytest.importorskip("pyspark")
    yield
    stop_spark()


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_duckdb_and_spark_find_the_same_persons(spark_stopped: None) -> None:
    frame = generate(60, seed=21).fillna("").astype(str)
    columns = map_columns(list(frame.columns))
    on_duckdb = dedupe(frame, columns, threshold=0.9)
    on_spark = dedupe(frame, columns, threshold=0.9, engine="spark", model=on_duckdb.model)
    assert np.array_equal(on_duckdb.records["person_id"], on_spark.records["person_id"])
    scored = pd.merge(on_duckdb.pairs, on_spark.pairs, on=["unique_id_l", "unique_id_r"])
    assert len(scored) == len(on_duckdb.pairs)
    assert np.allclose(scored["match_weight_x"], scored["match_weight_y"], atol=1e-6)
