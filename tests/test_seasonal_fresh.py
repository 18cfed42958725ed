"""The fresh seasonal hold-out ``data/seasonal_fresh`` (issue 17, item 6): data only.

These tests check the folder and its build, never a forecast: the hold-out stays unseen until
the benchmark is run on it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest

from sprintmodel.data import load_folder

ROOT = Path(__file__).resolve().parents[1]
FRESH = ROOT / "data" / "seasonal_fresh"
FILES = ("units.csv", "indicators.csv", "observations.csv", "README.md", "SOURCES.md")


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_seasonal_fresh", ROOT / "scripts" / "build_seasonal_fresh.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def obs() -> pd.DataFrame:
    return load_folder(FRESH).observations


def _ytd(obs: pd.DataFrame, unit: str, indicator: str, period: str) -> float:
    row = obs[(obs.unit == unit) & (obs.indicator == indicator) & (obs.period == period)]
    assert len(row) == 1
    return float(row.ytd_value.iloc[0])


def test_fresh_folder_is_quarterly_with_1330_unit_years(obs: pd.DataFrame) -> None:
    ds = load_folder(FRESH)
    assert set(obs.freq) == {"Q"}
    assert len(ds.indicators) == 20
    assert obs.groupby(["indicator", "unit"]).ngroups == 53
    assert obs.groupby(["indicator", "unit"]).year.nunique().sum() == 1330
    # whole years only: every unit × indicator × year has its four quarters
    assert (obs.groupby(["indicator", "unit", "year"]).size() == 4).all()
    # year-to-date values rise within each year (sums of positive quarters)
    q = obs.sort_values(["indicator", "unit", "year", "period"])
    rises = q.groupby(["indicator", "unit", "year"]).ytd_value.apply(
        lambda s: bool(np.all(np.diff(s.to_numpy()) > 0))
    )
    assert rises.all()
    assert set(obs.ytd_growth.dropna()) == set()


def test_fresh_values_against_the_published_r_series(obs: pd.DataFrame) -> None:
    # R datasets::UKgas, 1960: 160.1 129.7 84.8 120.1 (million therms)
    assert _ytd(obs, "UK", "uk_gas", "1960Q1") == pytest.approx(160.1)
    assert _ytd(obs, "UK", "uk_gas", "1960Q4") == pytest.approx(160.1 + 129.7 + 84.8 + 120.1)
    # R datasets::JohnsonJohnson, 1960: 0.71 0.63 0.85 0.44; 1980: 16.20 14.67 16.02 11.61
    assert _ytd(obs, "JNJ", "jnj_eps", "1960Q4") == pytest.approx(2.63)
    assert _ytd(obs, "JNJ", "jnj_eps", "1980Q2") == pytest.approx(16.20 + 14.67)
    # monthly series summed to quarters: R datasets::UKDriverDeaths Jan-Mar 1969 = 1687, 1508,
    # 1507; fpp3::canadian_gas Jan-Mar 1960 = 1.4306, 1.3059, 1.4022
    assert _ytd(obs, "GB", "uk_driver_casualties", "1969Q1") == pytest.approx(4702)
    assert _ytd(obs, "CA", "ca_gas", "1960Q1") == pytest.approx(4.1387)


def test_fresh_partial_years_are_dropped_and_columns_are_units(obs: pd.DataFrame) -> None:
    years = obs.groupby(["indicator", "unit"]).year.agg(["min", "max"])
    # fpp2::auscafe runs April 1982 - September 2017: 1982 and 2017 are partial
    assert tuple(years.loc[("au_eating_out", "AU")]) == (1983, 2016)
    # fpp2::arrivals runs 1981Q1 - 2012Q3; fpp3::aus_accommodation 1998Q1 - 2016Q2
    assert tuple(years.loc[("au_arrivals", "arr_NZ")]) == (1981, 2011)
    assert tuple(years.loc[("au_accommodation_takings", "TAS")]) == (1998, 2015)
    units = obs.groupby("indicator").unit.nunique()
    assert units["au_visitor_nights"] == 20
    assert units["au_departures"] == 5
    assert units["au_accommodation_takings"] == 8
    assert units["au_arrivals"] == 4


def test_rule_check_names_gaps_non_positive_values_and_short_series() -> None:
    rows = [("ok", "A", y, m, 1.0) for y in range(2000, 2008) for m in (3, 6, 9, 12)]
    rows += [("short", "A", y, m, 1.0) for y in range(2000, 2007) for m in (3, 6, 9, 12)]
    rows += [("gap", "A", y, m, 1.0) for y in range(2000, 2010) for m in range(1, 13)]
    rows.remove(("gap", "A", 2004, 5, 1.0))
    rows += [
        ("neg", "B", y, m, 1.0 - (y == 2003)) for y in range(2000, 2010) for m in (3, 6, 9, 12)
    ]
    raw = pd.DataFrame(rows, columns=["series", "unit", "year", "month", "value"])
    assert _script().rule_failures(raw) == {
        "gap/A": "a period is missing",
        "neg/B": "a value is not positive",
        "short/A": "7 whole years (fewer than 8)",
    }


def test_fresh_folder_rebuilds_byte_for_byte_from_the_committed_csv(tmp_path: Path) -> None:
    summary = _script().build(tmp_path / "fresh")
    assert summary["unit_years"] == 1330
    assert summary["left_out"] == {}
    for name in FILES:
        assert (tmp_path / "fresh" / name).read_bytes() == (FRESH / name).read_bytes(), name
