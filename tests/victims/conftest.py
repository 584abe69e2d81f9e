"""Fixtures of the victims tests: a small generated world, shared by the modules that link it."""

from __future__ import annotations

import pandas as pd
import pytest

from tollbook.victims.generator import generate


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes more than a minute (Spark start-up)")


@pytest.fixture(scope="session")
def small_world() -> pd.DataFrame:
    """About 550 records of 300 persons on four lists, as text like a CSV would give."""
    return generate(300, seed=11).fillna("").astype(str)
