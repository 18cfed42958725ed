"""The arithmetic reproduces China's published statistics (NBS), from data/china_national.

Reference values are verbatim copies in ``tests/reference/`` (see its README for provenance).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm

REF = Path(__file__).parent / "reference"
INDUSTRIES = ["AR", "ID", "CO", "WH", "TR", "AC", "FI", "RE", "IN", "LE", "OT"]


def _reference(name: str) -> pd.DataFrame:
    frame = pd.read_csv(REF / name, encoding="utf-8-sig")
    frame.columns = [c.strip() for c in frame.columns]
    key = frame.columns[0]
    dates = pd.to_datetime(frame[key])
    frame.index = pd.MultiIndex.from_arrays(
        [dates.dt.year, dates.dt.month // 3], names=["year", "q"]
    )
    return frame.drop(columns=[key]).apply(pd.to_numeric, errors="coerce")


@pytest.fixture(scope="module")
def gdp() -> sm.Panel:
    return sm.china_national().panel("gdp", "Q", units=INDUSTRIES, years=range(1992, 2023))


def test_contribution_rates_of_11_industries_2016_2022(gdp: sm.Panel) -> None:
    """Increment at last year's prices / sum of increments reproduces NBS within 0.3 pp."""
    published = _reference("gdp_cumyoy_sectors_pull.csv")
    worst = 0.0
    for year in range(2016, 2023):
        y = gdp.year_index(year)
        for q in range(4):
            inc = sm.real_increment(gdp.ytd_value[:, y - 1, q], gdp.ytd_growth[:, y, q])
            rates = sm.contribution_rate(inc, np.nansum(inc))
            ref = published.loc[(year, q + 1), INDUSTRIES].to_numpy(dtype=float)
            worst = max(worst, float(np.nanmax(np.abs(rates - ref))))
    assert worst <= 0.3
    assert worst > 0.05  # the published figures are rounded: an exact match would be suspicious


def test_single_quarter_growth_from_ytd_2016_2020(gdp: sm.Panel) -> None:
    """Single-quarter growth derived from year-to-date data matches NBS's single-quarter growth."""
    published = _reference("gdp_yoy.csv")
    errors = []
    for year in range(2016, 2021):
        y = gdp.year_index(year)
        derived = sm.single_growth_from_ytd(gdp.ytd_value[:, y - 1, :], gdp.ytd_growth[:, y, :])
        ref = np.array(
            [published.loc[(year, q + 1), INDUSTRIES].to_numpy(dtype=float) for q in range(4)]
        ).T
        errors.append(np.abs(derived - ref))
    err = np.concatenate(errors, axis=None)
    assert np.nanmean(err) < 0.15
    assert np.nanmax(err) < 0.5


def test_national_single_quarter_gdp_growth() -> None:
    published = _reference("gdp_yoy_single_quarter.csv")
    panel = sm.china_national().panel("gdp", "Q", units=["CN"], years=range(2009, 2020))
    derived = sm.single_growth_from_ytd(panel.ytd_value[0, :-1, :], panel.ytd_growth[0, 1:, :])
    ref = np.array([[published.loc[(y, q), "YOY"] for q in range(1, 5)] for y in range(2010, 2020)])
    assert np.abs(derived - ref).max() < 0.4
    # e.g. 2019Q4: year-to-date 6.1% (Q1-Q3 6.2%) means Q4 alone grew 6.0%
    assert derived[-1, 3] == pytest.approx(6.0, abs=0.15)


def test_rest_of_year_requirement_on_2019() -> None:
    """Growing at the required Q4 rate delivers the published full-year growth (6.1% in 2019)."""
    panel = sm.china_national().panel("gdp", "Q", units=["CN"], years=[2018, 2019])
    r = sm.rest_of_year_requirement(
        ytd_growth=panel.ytd_growth[0, 1, 2],
        last_year_ytd=panel.ytd_value[0, 0, 2],
        last_year_full=panel.ytd_value[0, 0, 3],
        target_growth=panel.ytd_growth[0, 1, 3],
        basis="real",
    )
    q4 = sm.single_growth_from_ytd(panel.ytd_value[0, 0, :], panel.ytd_growth[0, 1, :])[3]
    assert float(r.required_growth) == pytest.approx(q4, abs=1e-9)


def test_fai_official_growth_differs_from_levels_in_2020() -> None:
    """Published growth is on a revised base: keep both, use the comparable base."""
    panel = sm.china_national().panel("fai", "M", units=["CN"], years=[2019, 2020])
    dec_levels = sm.growth_rate(panel.ytd_value[0, 1, 11], panel.ytd_value[0, 0, 11])
    assert float(dec_levels) == pytest.approx(-5.9, abs=0.1)
    assert panel.ytd_growth[0, 1, 11] == pytest.approx(2.9)
    base = sm.comparable_base(panel.ytd_value[0, 1, 11], panel.ytd_growth[0, 1, 11])
    assert float(base) < panel.ytd_value[0, 0, 11]
