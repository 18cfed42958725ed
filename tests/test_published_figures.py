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
    return (
        sm.china_national()
        .components_as_units("gdp")
        .panel("gdp", "Q", units=INDUSTRIES, years=range(1992, 2023))
    )


# Increments of the industries, right and wrong: (ytd values of years y-2, y-1, y; ytd growth).
INCREMENTS = {
    "last year's base (right)": lambda v, g: sm.real_increment(v[:, 1], g),
    "this year's base": lambda v, g: sm.real_increment(v[:, 2], g),
    "two-year-old base": lambda v, g: sm.real_increment(v[:, 0], g),
    "growth rates, levels ignored": lambda v, g: g,
}


def _worst_contribution_error(gdp: sm.Panel, increment: str) -> float:
    published = _reference("gdp_cumyoy_sectors_pull.csv")
    worst = 0.0
    for year in range(2016, 2023):
        y = gdp.year_index(year)
        for q in range(4):
            v = gdp.ytd_value[:, y - 2 : y + 1, q]
            inc = INCREMENTS[increment](v, gdp.ytd_growth[:, y, q])
            rates = sm.contribution_rate(inc, np.nansum(inc))
            ref = published.loc[(year, q + 1), INDUSTRIES].to_numpy(dtype=float)
            worst = max(worst, float(np.nanmax(np.abs(rates - ref))))
    return worst


def test_contribution_rates_of_11_industries_2016_2022(gdp: sm.Panel) -> None:
    """Increment at last year's prices / sum of increments reproduces NBS within 0.3 pp."""
    worst = _worst_contribution_error(gdp, "last year's base (right)")
    assert worst <= 0.3
    assert worst > 0.05  # the published figures are rounded: an exact match would be suspicious


@pytest.mark.parametrize("increment", [k for k in INCREMENTS if "right" not in k])
def test_contribution_check_rejects_wrong_increments(gdp: sm.Panel, increment: str) -> None:
    # Measured worst errors: this year's base 44 pp, two-year-old base 9 pp, growth rates 440 pp.
    assert _worst_contribution_error(gdp, increment) > 0.3


def _equal_weights(last_year_ytd: np.ndarray, ytd_growth: np.ndarray) -> np.ndarray:
    """Wrong: quarter k's growth as k G_k - (k - 1) G_{k-1}, ignoring the quarters' levels."""
    cum = ytd_growth * np.arange(1, ytd_growth.shape[-1] + 1)
    return np.diff(cum, axis=-1, prepend=0.0)


# How single-quarter growth is derived from year-to-date data, right and wrong. Each derivation
# takes the year-to-date values of years y-2, y-1, y (axis -2) and this year's ytd growth.
DERIVATIONS = {
    "last year's base (right)": lambda v, g: sm.single_growth_from_ytd(v[..., 1, :], g),
    "equal weights, levels ignored": lambda v, g: _equal_weights(v[..., 1, :], g),
    "this year's base": lambda v, g: sm.single_growth_from_ytd(v[..., 2, :], g),
    "two-year-old base": lambda v, g: sm.single_growth_from_ytd(v[..., 0, :], g),
}
WRONG = [k for k in DERIVATIONS if "right" not in k]


def _industry_errors(gdp: sm.Panel, years: range, derive: str) -> np.ndarray:
    published = _reference("gdp_yoy.csv")
    errors = []
    for year in years:
        y = gdp.year_index(year)
        derived = DERIVATIONS[derive](gdp.ytd_value[:, y - 2 : y + 1, :], gdp.ytd_growth[:, y, :])
        ref = np.array(
            [published.loc[(year, q + 1), INDUSTRIES].to_numpy(dtype=float) for q in range(4)]
        ).T
        errors.append(np.abs(derived - ref))
    return np.concatenate(errors, axis=None)


def _national_errors(years: range, derive: str) -> np.ndarray:
    published = _reference("gdp_yoy_single_quarter.csv")
    panel = sm.china_national().panel("gdp", "Q", units=["CN"], years=range(2007, 2023))
    out = []
    for year in years:
        y = panel.year_index(year)
        derived = DERIVATIONS[derive](panel.ytd_value[0, y - 2 : y + 1, :], panel.ytd_growth[0, y])
        out.append(derived - np.array([published.loc[(year, q), "YOY"] for q in range(1, 5)]))
    return np.abs(np.array(out))


# 2021 is the discriminating year: its base, 2020, had a collapsed first quarter, so last year's
# quarterly weights differ from this year's, from 2019's and from equal weights. In calm years
# (2016-2019) the wrong derivations are within the published rounding too.
INDUSTRY_2021_MEDIAN = 0.15
"""Median error over 11 industries × 4 quarters of 2021 [pp]: right 0.08; wrong ≥ 0.20."""
NATIONAL_2021_MEAN = 0.49
"""Mean error over 2021's four quarters [pp]: right 0.43 (the published vintage is revised);
wrong ≥ 0.55."""


def test_single_quarter_growth_from_ytd_2016_2020(gdp: sm.Panel) -> None:
    """Single-quarter growth derived from year-to-date data matches NBS's single-quarter growth."""
    err = _industry_errors(gdp, range(2016, 2021), "last year's base (right)")
    assert np.nanmean(err) < 0.15
    assert np.nanmax(err) < 0.5
    err21 = _industry_errors(gdp, range(2021, 2022), "last year's base (right)")
    assert np.nanmedian(err21) <= INDUSTRY_2021_MEDIAN


@pytest.mark.parametrize("derive", WRONG)
def test_industry_check_rejects_wrong_derivations(gdp: sm.Panel, derive: str) -> None:
    err21 = _industry_errors(gdp, range(2021, 2022), derive)
    assert np.nanmedian(err21) > INDUSTRY_2021_MEDIAN


def test_national_single_quarter_gdp_growth() -> None:
    err = _national_errors(range(2010, 2020), "last year's base (right)")
    assert err.max() < 0.4
    assert _national_errors(range(2021, 2022), "last year's base (right)").mean() <= (
        NATIONAL_2021_MEAN
    )
    # e.g. 2019Q4: year-to-date 6.1% (Q1-Q3 6.2%) means Q4 alone grew 6.0%
    panel = sm.china_national().panel("gdp", "Q", units=["CN"], years=[2018, 2019])
    derived = sm.single_growth_from_ytd(panel.ytd_value[0, 0, :], panel.ytd_growth[0, 1, :])
    assert derived[3] == pytest.approx(6.0, abs=0.15)


@pytest.mark.parametrize("derive", WRONG)
def test_national_check_rejects_wrong_derivations(derive: str) -> None:
    assert _national_errors(range(2021, 2022), derive).mean() > NATIONAL_2021_MEAN


def test_rest_of_year_requirement_meets_published_2019() -> None:
    """The Q4 growth required for 2019's published full-year growth is NBS's published Q4.

    Inputs: Jan-Sep 2019 growth, 2018's levels and, as the target, 2019's full-year growth
    (data/china_national, revised vintage: 6.0%); the reference is the published
    single-quarter growth of 2019Q4 in the same vintage, 5.8%
    (tests/reference/gdp_yoy_single_quarter.csv), which the requirement never sees. Tolerance:
    year-to-date growth is published to 0.1 pp, so each of the two growth rates used is off by
    up to 0.05 pp; the fourth quarter is about 28% of the year, so the derived Q4 is off by up to
    (0.05 + 0.72 × 0.05) / 0.28 ≈ 0.31 pp.
    """
    panel = sm.china_national().panel("gdp", "Q", units=["CN"], years=[2018, 2019])
    r = sm.rest_of_year_requirement(
        ytd_growth=panel.ytd_growth[0, 1, 2],
        last_year_ytd=panel.ytd_value[0, 0, 2],
        last_year_full=panel.ytd_value[0, 0, 3],
        target_growth=panel.ytd_growth[0, 1, 3],
        basis="real",
    )
    published_q4 = _reference("gdp_yoy_single_quarter.csv").loc[(2019, 4), "YOY"]
    assert float(r.required_growth) == pytest.approx(published_q4, abs=0.31)


def test_rest_of_year_requirement_identity() -> None:
    """Identity (not a published figure): growing at the required rest-of-year growth
    delivers the target exactly, whatever the inputs."""
    last_ytd, last_full, ytd_growth, target = 300.0, 420.0, 5.0, 6.0
    r = sm.rest_of_year_requirement(
        ytd_growth=ytd_growth,
        last_year_ytd=last_ytd,
        last_year_full=last_full,
        target_growth=target,
        basis="real",
    )
    full = last_ytd * (1 + ytd_growth / 100) + (last_full - last_ytd) * (
        1 + float(r.required_growth) / 100
    )
    assert full / last_full - 1 == pytest.approx(target / 100, rel=1e-12)
    # By hand: (420 × 1.06 - 300 × 1.05) / 120 - 1 = (445.2 - 315) / 120 - 1 = 8.5%.
    assert float(r.required_growth) == pytest.approx(8.5, abs=1e-9)


def test_fai_official_growth_differs_from_levels_in_2020() -> None:
    """Published growth is on a revised base: keep both, use the comparable base."""
    panel = sm.china_national().panel("fai", "M", units=["CN"], years=[2019, 2020])
    dec_levels = sm.growth_rate(panel.ytd_value[0, 1, 11], panel.ytd_value[0, 0, 11])
    assert float(dec_levels) == pytest.approx(-5.9, abs=0.1)
    assert panel.ytd_growth[0, 1, 11] == pytest.approx(2.9)
    base = sm.comparable_base(panel.ytd_value[0, 1, 11], panel.ytd_growth[0, 1, 11])
    assert float(base) < panel.ytd_value[0, 0, 11]


def test_completion_pct_is_the_share_of_the_task() -> None:
    # One home of a task's completion (sprintmodel.figures): 10.32 of 10.70 万人 is 96.45%;
    # no share of a target that is not a positive amount.
    from sprintmodel.figures import completion_pct

    assert completion_pct(10.32, 10.7) == pytest.approx(96.448598, rel=1e-7)
    got = completion_pct(np.array([8.31, 1.0, 1.0, 2.0]), np.array([10.7, 0.0, np.nan, -4.0]))
    np.testing.assert_allclose(got, [77.663551, np.nan, np.nan, np.nan], rtol=1e-7)
