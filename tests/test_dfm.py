"""The dynamic factor model member (sprintmodel.forecast.dfm): simulated one-factor panels,
statsmodels' own results, and the transformations by hand."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from sprintmodel.forecast import dfm

MONTHS = pd.period_range("2001-01", "2016-12", freq="M")
QUARTERS = pd.period_range("2001Q1", "2016Q4", freq="Q")


def simulated_factor(seed: int = 3) -> np.ndarray:
    """A smooth monthly factor: its monthly change is AR(1) with coefficient 0.8."""
    rng = np.random.default_rng(seed)
    step = np.zeros(len(MONTHS))
    for t in range(1, len(MONTHS)):
        step[t] = 0.8 * step[t - 1] + rng.normal()
    factor = np.cumsum(step)
    return factor - factor.mean()


def one_factor_panel(seed: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Four monthly year-on-year growth series [%] loading on one smooth factor, and a
    quarterly series equal to 6 + 0.5 × the factor's mean over the quarter's months."""
    rng = np.random.default_rng(seed + 1)
    factor = simulated_factor(seed)
    loadings = np.array([1.0, 0.8, 1.2, 0.5])
    monthly = 8.0 + factor[:, None] * loadings + 0.1 * rng.normal(size=(len(MONTHS), 4))
    quarter_mean = factor.reshape(-1, 3).mean(axis=1)
    quarterly = 6.0 + 0.5 * quarter_mean + 0.02 * rng.normal(size=len(QUARTERS))
    return (
        pd.DataFrame(monthly, index=MONTHS, columns=["a", "b", "c", "d"]),
        pd.DataFrame({"U": quarterly}, index=QUARTERS),
    )


def equal_quarters(quarterly: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Year-to-date values (100 a quarter) and the year-to-date growth [%] that the single-
    quarter growth implies: with equal quarters, the mean of the quarters so far."""
    values = pd.DataFrame(
        {"U": np.tile([100.0, 200.0, 300.0, 400.0], len(QUARTERS) // 4)}, index=QUARTERS
    )
    g = quarterly["U"].to_numpy().reshape(-1, 4)
    ytd = np.cumsum(g, axis=1) / np.arange(1, 5)
    return values, pd.DataFrame({"U": ytd.ravel()}, index=QUARTERS)


def nowcast_errors(
    monthly: pd.DataFrame, quarterly: pd.DataFrame, months: tuple[int, ...] = (11,)
) -> dict[int, np.ndarray]:
    """Absolute errors [pp] of the full-year nowcast of U in 2013-2016 at each origin month
    (origins of one quarter share the yearly fits, as in dataset_nowcast)."""
    values, ytd = equal_quarters(quarterly)
    years = [2013, 2014, 2015, 2016]
    truth = ytd["U"][ytd.index.quarter == 4].to_numpy()[-4:]
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fits = dfm.rolling_fits(monthly, quarterly, years, months[0] // 3)
        for month in months:
            got = dfm.rolling_nowcast(monthly, quarterly, values, ytd, years, month, fits)["U"]
            out[month] = np.abs(got.to_numpy() - truth)
    return out


@pytest.fixture(scope="module")
def right() -> dict[int, np.ndarray]:
    """The simulated panel's errors at September and November."""
    monthly, quarterly = one_factor_panel()
    return nowcast_errors(monthly, quarterly, (9, 11))


def test_simulated_factor_is_recovered_and_wrong_variants_fail(
    right: dict[int, np.ndarray],
) -> None:
    """At November (two of Q4's months out) the DFM recovers the full year within 0.05 pp
    (mean over 2013-2016) on a one-factor panel; the monthly panel read one month late (a
    lagged month) or a quarterly series that is the quarter's last month instead of its mean
    (a wrong aggregation) miss by far more."""
    monthly, _ = one_factor_panel()
    nov = right[11]
    # December's change of the factor is unknown at November: about 0.04 pp of full year
    assert nov.mean() < 0.05 and nov.max() < 0.08
    lagged = nowcast_errors(monthly.shift(1), one_factor_panel()[1])[11]
    assert lagged.mean() > 3 * nov.mean()
    # the same model on a quarterly series that is NOT the 3-month mean (the quarter's last
    # month): the Mariano-Murasawa weights no longer hold and the nowcast degrades
    last_month = pd.DataFrame({"U": 6.0 + 0.5 * simulated_factor()[2::3]}, index=QUARTERS)
    wrong = nowcast_errors(monthly, last_month)[11]
    assert wrong.mean() > 3 * nov.mean()


def test_more_months_help(right: dict[int, np.ndarray]) -> None:
    """On the simulated panel the error falls from September to November."""
    assert right[11].mean() < 0.5 * right[9].mean()


def test_forecast_equals_statsmodels_own() -> None:
    """predict_quarters gives statsmodels' own DynamicFactorMQ forecast of the quarterly
    series at the quarter's last month, from the same data and the same EM fit."""
    from statsmodels.tsa.statespace.dynamic_factor_mq import DynamicFactorMQ

    monthly, quarterly = one_factor_panel()
    dm = monthly.diff().loc["2001-02":"2015-10"]
    dq = quarterly.diff().loc["2001Q1":"2015Q3"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = dfm.fit_dfm(dm, dq)
        assert fit is not None
        got = dfm.predict_quarters(fit, dm, dq, 2015)
        own = DynamicFactorMQ(
            dm, endog_quarterly=dq, factors=1, factor_orders=1, idiosyncratic_ar1=False
        )
        res = own.fit(
            start_params=dfm.start_params(own.param_names, None),
            maxiter=dfm.EM_ITER_COLD,
            disp=False,
        )
        want = res.forecast(2).loc[pd.Period("2015-12", freq="M"), "U"]
    np.testing.assert_allclose(fit.params, res.params, rtol=1e-10)
    assert list(got.index) == [4]
    assert got.loc[4, "U"] == pytest.approx(want, rel=1e-10)


def test_mariano_murasawa_weights_are_the_change_of_a_three_month_mean() -> None:
    """The identity behind the differenced design: the quarter-on-quarter change of a
    three-month mean is (1, 2, 3, 2, 1) / 3 on the monthly changes."""
    x = np.array([3.0, 5.0, 4.0, 7.0, 6.0, 9.0])
    dy = x[3:].mean() - x[:3].mean()
    dx = np.diff(x)
    assert dy == pytest.approx(np.array([1, 2, 3, 2, 1]) @ dx[::-1] / 3)


def test_full_year_growth_by_hand() -> None:
    """Last year's quarters 90, 100, 110, 120 (ytd 90, 190, 300, 420); 6% to Q3, Q4 grows 8%:
    (300 × 1.06 + 120 × 1.08) / 420 − 1 = 6.5714...%."""
    got = dfm.full_year_growth(
        np.array([90.0, 190.0, 300.0, 420.0]), np.array([5.0, 5.5, 6.0, np.nan]), 3, np.array([8.0])
    )
    assert got == pytest.approx(100 * ((318.0 + 129.6) / 420.0 - 1))


def test_panels_of_the_national_folder() -> None:
    """The monthly panel takes published single-month growth (iva), single months from
    year-to-date values (exports) and a stock's year-on-year growth (loans); the quarterly
    panel single-quarter real growth of GDP."""
    import sprintmodel as sm

    ds = sm.china_national()
    panel = dfm.monthly_panel(ds)
    assert {"iva", "exports", "fai", "loans"} <= set(panel.columns)
    assert not {"revenue", "tax", "fiscal_exp"} & set(panel.columns)
    # an industry's auxiliary sources serve its bridge, not the common factor's panel
    assert dfm.auxiliary_only(ds) == ("deposits", "electricity")
    assert not {"deposits", "electricity"} & set(panel.columns)
    assert "electricity" in dfm.monthly_panel(ds, exclude=dfm.EXCLUDED).columns
    obs = ds.source_observations
    assert obs is not None
    iva = obs[(obs.indicator == "iva") & (obs.period == "2015-03")].single_growth.iloc[0]
    assert panel.loc[pd.Period("2015-03", freq="M"), "iva"] == pytest.approx(iva)
    o = ds.observations
    ex = o[o.indicator == "exports"].set_index("period").ytd_value
    want = 100 * ((ex["2015-06"] - ex["2015-05"]) / (ex["2014-06"] - ex["2014-05"]) - 1)
    assert panel.loc[pd.Period("2015-06", freq="M"), "exports"] == pytest.approx(want)
    loans = obs[(obs.indicator == "loans") & (obs.period == "2015-01")].ytd_growth.iloc[0]
    assert panel.loc[pd.Period("2015-01", freq="M"), "loans"] == pytest.approx(loans)
    growth = dfm.quarterly_panel(ds, "gdp")[0]
    g = o[(o.indicator == "gdp") & (o.unit == "CN")].set_index("period")
    v14 = g.ytd_value
    want_q2 = 100 * (
        (
            v14["2014Q2"] * (1 + g.ytd_growth["2015Q2"] / 100)
            - v14["2014Q1"] * (1 + g.ytd_growth["2015Q1"] / 100)
        )
        / (v14["2014Q2"] - v14["2014Q1"])
        - 1
    )
    assert growth.loc[pd.Period("2015Q2", freq="Q"), "CN"] == pytest.approx(want_q2)


def test_member_in_nowcast_rows_adds_up() -> None:
    """Named in nowcast_rows, ``dfm`` gives rows whose ``contrib_dfm_pp`` is DFM − base, the
    nowcast still adds up (base + intercept + contributions), and the DFM's CN figures are
    those of dataset_nowcast, within 0.15 pp of the published 2014-2016 growth."""
    import sprintmodel as sm
    from sprintmodel.forecast.nowcast import nowcast_rows

    ds = sm.china_national()
    actual = {2014: 7.43, 2015: 7.04, 2016: 6.85}
    q3 = {2014: 7.5, 2015: 7.1, 2016: 6.8}
    base = pd.DataFrame(
        {
            "unit": "CN",
            "indicator": "gdp",
            "year": list(actual),
            "period": [f"{y}Q3" for y in actual],
            "method": "combination",
            "forecast_growth": [q3[y] for y in actual],
            "actual_growth": list(actual.values()),
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rows = nowcast_rows(ds, base, 10, members=("bridge", "dfm"))
        table = dfm.dataset_nowcast(ds, "gdp", list(actual), 10)
    d = rows[rows.method == "dfm"].set_index("year")
    np.testing.assert_allclose(d.forecast_growth, table.loc[list(actual), "CN"], rtol=1e-12)
    np.testing.assert_allclose(d.contrib_dfm_pp, d.forecast_growth - d.base_growth, atol=1e-12)
    # a fitted model, not the base it falls back to: 7.44, 7.08, 6.74 against 7.43, 7.04, 6.85
    assert (d.forecast_growth - d.base_growth).abs().min() > 0.01
    assert (d.forecast_growth - d.actual_growth).abs().max() < 0.15
    contrib = [c for c in rows.columns if c.startswith("contrib_")]
    total = rows.base_growth + rows.intercept_pp + rows[contrib].sum(axis=1)
    np.testing.assert_allclose(rows.forecast_growth, total, atol=1e-9)
