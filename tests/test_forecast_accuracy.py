"""Accuracy on real data: published checks reproduced, and the issue's targets.

Reference values are the checks of ``data/china_national/SOURCES.md`` (hand calculations on the
published NBS series): the naive rule "full-year growth = Jan–Sep growth" has MAE 0.74 pp over
the 11 industries 1992–2022 (295 industry-years), 0.31 pp for national GDP 1992–2025 and 0.77 pp
for FAI growth 2010–2025 (2025 missed by 3.3 pp; recomputed by hand in the test from the
published September and December figures); the ratio rule has MAPE 1.1% for retail sales
2000–2022 and 2.6% for budget revenue. The backtest of :mod:`sprintmodel.forecast.backtest`
must reproduce them (same pipeline as every method), then the combination must beat them.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from sprintmodel.datasets import china_national
from sprintmodel.forecast.backtest import backtest


@pytest.fixture(scope="module")
def nation():  # type: ignore[no-untyped-def]
    return china_national().components_as_units("gdp")


def _ratio_only(nation, **kwargs):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return backtest(nation, methods=["ratio"], **kwargs).errors


def test_naive_rule_reproduces_the_published_industry_mae(nation) -> None:  # type: ignore[no-untyped-def]
    industries = [u for u in nation.hierarchy if u != nation.root]
    e = _ratio_only(nation, years=(1992, 2022), indicators=["gdp"], units=industries)
    assert len(e) == 295
    assert e.error_pp.abs().mean() == pytest.approx(0.74, abs=0.005)


def test_naive_rule_national_gdp_and_fai(nation) -> None:  # type: ignore[no-untyped-def]
    gdp = _ratio_only(nation, years=(1992, 2025), indicators=["gdp"], units=["CN"])
    # 0.302 on this folder's vintage (2021-2022 from the January-2023 file); SOURCES.md's 0.31
    # mixes in the revised NBS rows of 2021-2022.
    assert gdp.error_pp.abs().mean() == pytest.approx(0.31, abs=0.01)
    fai = _ratio_only(nation, years=(2010, 2025), indicators=["fai"], month=9)
    # By hand, from the official year-to-date growth as published (SOURCES.md's
    # fai_ytd_growth_2010_2026.csv): December minus September, 2010-2025 [pp].
    dec_minus_sep = {
        2010: 0.0, 2011: -1.1, 2012: 0.1, 2013: -0.6, 2014: -0.4, 2015: -0.3, 2016: -0.1,
        2017: -0.3, 2018: 0.5, 2019: 0.0, 2020: 2.1, 2021: -2.4, 2022: -0.8, 2023: -0.1,
        2024: -0.2, 2025: -3.3,
    }  # fmt: skip
    by_hand = sum(abs(v) for v in dec_minus_sep.values()) / len(dec_minus_sep)  # 0.76875
    assert len(fai) == len(dec_minus_sep)
    assert fai.error_pp.abs().mean() == pytest.approx(by_hand, abs=1e-6)
    # error = forecast - outcome: September's 3.3 pp above December's in 2025.
    assert fai[fai.year == 2025].error_pp.iloc[0] == pytest.approx(3.3, abs=1e-6)


def test_ratio_rule_monthly_mapes(nation) -> None:  # type: ignore[no-untyped-def]
    e = _ratio_only(nation, indicators=["retail", "revenue", "fai"], month=9)
    mape = (
        e.dropna(subset=["level_error_pct"])
        .groupby("indicator")
        .level_error_pct.apply(lambda s: s.abs().mean())
    )
    assert mape["retail"] == pytest.approx(1.1, abs=0.05)  # 2001-2022 (2000 has no base)
    assert mape["revenue"] == pytest.approx(2.6, abs=0.05)  # 2005-2022
    # FAI levels: 3.5% over 1993-2022 (SOURCES.md's 3.0% matches 1996-2022: 2.98%).
    assert mape["fai"] == pytest.approx(3.51, abs=0.05)
    fai = e[(e.indicator == "fai") & (e.year >= 1996)].level_error_pct.abs().mean()
    assert fai == pytest.approx(3.0, abs=0.05)


@pytest.fixture(scope="module")
def industries_backtest(nation) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    industries = [u for u in nation.hierarchy if u != nation.root]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return backtest(nation, indicators=["gdp"], units=industries).errors


def _mae_ratio(e: pd.DataFrame) -> float:
    combo = e[e.method == "combination"].error_pp.abs().mean()
    return float(combo / e[e.method == "ratio"].error_pp.abs().mean())


@pytest.mark.slow
def test_combination_beats_the_naive_rule_on_industries(industries_backtest) -> None:  # type: ignore[no-untyped-def]
    # Achieved 0.817 (1992-2025; 0.805 before ets_level joined the combination, 0.826 before
    # the discounted, stand-in record); momentum alone 0.807. Guard against regressions.
    assert _mae_ratio(industries_backtest) <= 0.85


@pytest.mark.slow
@pytest.mark.xfail(
    reason="issue target 0.80 not reached (0.817 with ets_level a member, 0.805 before, 0.826 "
    "before the discounted, stand-in record): momentum alone is 0.807, a pooled "
    "regression across the industries 0.807-0.81, the best equal-weight mix of 2-3 of 11 "
    "methods chosen in hindsight 0.803; robust rules (median or trimmed mean of the members "
    "0.88, median-error ranking 0.83, discounted ranking 0.82-0.83) do not help either; "
    "year-block bootstrap SE of the ratio 0.048 (see docs/forecast.md)",
    strict=True,
)
def test_issue_target_industries_mae_ratio(industries_backtest) -> None:  # type: ignore[no-untyped-def]
    assert _mae_ratio(industries_backtest) <= 0.80


@pytest.mark.slow
def test_interval_coverage_on_industries(industries_backtest) -> None:  # type: ignore[no-untyped-def]
    c = industries_backtest[industries_backtest.method == "combination"]
    cov80 = ((c.actual_growth >= c.lo80) & (c.actual_growth <= c.hi80)).mean()
    cov95 = ((c.actual_growth >= c.lo95) & (c.actual_growth <= c.hi95)).mean()
    assert 0.72 <= cov80 <= 0.88
    assert 0.88 <= cov95 <= 0.99


@pytest.mark.slow
def test_combination_beats_the_ratio_rule_on_monthly_levels(nation) -> None:  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        e = backtest(nation, indicators=["fai", "retail", "revenue"], month=9).errors
    ratio = e[e.method == "ratio"].level_error_pct.abs().mean()
    combo = e[e.method == "combination"].level_error_pct.abs().mean()
    assert combo <= 0.85 * ratio
