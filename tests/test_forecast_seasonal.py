"""The damped seasonal Holt-Winters member, the ratio rule as yardstick, the seasonal panel."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from sprintmodel.data import Indicator, load_folder
from sprintmodel.forecast import models
from sprintmodel.forecast.block import SeriesBlock
from sprintmodel.forecast.engine import fit_block
from sprintmodel.forecast.methods import combination_members
from sprintmodel.forecast.models import (
    ets_level,
    ets_level_statsmodels,
    holt_winters_fit,
    hw_grid,
)

ROOT = Path(__file__).resolve().parents[1]
PANEL = ROOT / "data" / "seasonal_panel"
NOMINAL = Indicator("x", basis="nominal")


def _beer_log_quarters(n: int = 40) -> np.ndarray:
    """Log single-quarter Australian beer production, 1956Q1 on (the panel's ``beer``)."""
    obs = pd.read_csv(PANEL / "observations.csv")
    ytd = obs[obs.indicator == "beer"].ytd_value.to_numpy().reshape(-1, 4)
    single = np.diff(np.c_[np.zeros(len(ytd)), ytd], axis=1).ravel()
    return np.log(single[:n])


def _statsmodels_hw(y: np.ndarray, **fixed: float) -> object:
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ExponentialSmoothing(
            y,
            trend="add",
            damped_trend=True,
            seasonal="add",
            seasonal_periods=4,
            initialization_method="estimated",
        )
        return model.fit(**fixed)


def test_holt_winters_with_fixed_parameters_equals_statsmodels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With the smoothing parameters fixed, statsmodels estimates only the initial states (by
    # L-BFGS-B); the fast path solves the same least squares in closed form.
    y = _beer_log_quarters()
    a, b, g, p = 0.3, 0.05, 0.1, 0.9
    ref = _statsmodels_hw(
        y, smoothing_level=a, smoothing_trend=b, smoothing_seasonal=g, damping_trend=p
    )
    monkeypatch.setattr(models, "HW_ALPHAS", (a,))
    monkeypatch.setattr(models, "HW_BETAS", (b,))
    monkeypatch.setattr(models, "HW_GAMMAS", (g,))
    monkeypatch.setattr(models, "HW_PHIS", (p,))
    fc, sse = holt_winters_fit(y[None], np.array([y.size]), 4, 3)
    np.testing.assert_allclose(sse[0], ref.sse, rtol=1e-6)  # type: ignore[attr-defined]
    np.testing.assert_allclose(fc[0], ref.forecast(3), rtol=1e-7)  # type: ignore[attr-defined]


def test_holt_winters_grid_fit_is_as_good_as_statsmodels() -> None:
    # Free parameters: statsmodels 0.0399 (its local optimum), the grid 0.0388; the forecast
    # volumes of the next three quarters agree within 0.4%.
    y = _beer_log_quarters()
    ref = _statsmodels_hw(y)
    fc, sse = holt_winters_fit(y[None], np.array([y.size]), 4, 3)
    assert sse[0] <= ref.sse  # type: ignore[attr-defined]
    np.testing.assert_allclose(
        np.exp(fc[0]),
        np.exp(ref.forecast(3)),  # type: ignore[attr-defined]
        rtol=0.005,
    )


def test_holt_winters_series_of_different_lengths_are_fitted_alone() -> None:
    y = _beer_log_quarters(60)
    hist = np.full((2, 48), np.nan)
    hist[0, :48] = y[:48]
    hist[1, :20] = y[40:60]
    fc, sse = holt_winters_fit(hist, np.array([48, 20]), 4, 2)
    alone, sse_alone = holt_winters_fit(y[40:60][None], np.array([20]), 4, 2)
    np.testing.assert_allclose(fc[1], alone[0], rtol=1e-10)
    np.testing.assert_allclose(sse[1], sse_alone[0], rtol=1e-10)
    grid = hw_grid()
    assert np.all(grid[:, 2] <= 1 - grid[:, 0] + 1e-12)  # statsmodels: gamma <= 1 - alpha
    assert np.all((grid[:, 3] >= 0.8) & (grid[:, 3] <= 0.995))  # its damping bounds


def test_ets_level_is_close_to_one_statsmodels_fit_per_origin() -> None:
    # Rest-of-year growth [%] as of Q3 of the wool-yarn series, 1980-1993 (an origin needs three
    # years of quarters): the grid fit and statsmodels' own fit at each origin differ by 0.4 pp
    # on average (at most 1.03 pp) where the outcomes move by 8 pp (mean absolute).
    ds = load_folder(PANEL)
    block = SeriesBlock.from_dataset(ds, "wool_yarn", "Q")
    keep = block.years >= 1976
    cut = SeriesBlock(
        block.indicator,
        "Q",
        block.units,
        block.years[keep],
        block.value[:, keep],
        block.published_growth[:, keep],
    )
    fast = ets_level(cut, 2)[0]
    ref = ets_level_statsmodels(cut, 2)[0]
    both = ~np.isnan(fast) & ~np.isnan(ref)
    np.testing.assert_array_equal(cut.years[both], np.arange(1980, 1994))
    gap = np.abs(fast[both] - ref[both])
    assert gap.max() < 1.1 and gap.mean() < 0.5
    assert fast[cut.years == 1989][0] == pytest.approx(-18.81, abs=0.01)
    assert ref[cut.years == 1989][0] == pytest.approx(-17.78, abs=0.01)


def _block(singles: np.ndarray) -> SeriesBlock:
    ytd = np.cumsum(singles, axis=-1)
    years = np.arange(2000, 2000 + singles.shape[1])
    return SeriesBlock(NOMINAL, "Q", ("A",), years, ytd, np.full(ytd.shape, np.nan))


def test_the_combination_weights_holt_winters_where_its_record_is_best() -> None:
    # Ten units, strong fixed seasonality (Q4 = 2 × Q1) on a local linear trend whose slope
    # wanders: the damped seasonal Holt-Winters member has the smallest past errors (0.246 pp
    # against momentum's 0.298) and takes about half the weight in every unit. On ten flat
    # series (constant 5% growth plus noise) share_step, the ratio rule with its seasonal ratio
    # smoothed, has the best record (0.582, seasonal_share 0.587: with a fixed ratio both
    # average past years) and is kept in 7 units of 10 (seasonal_share in the others).
    # ets_level works on the chained volume index, which takes the fixed seasonal pattern out,
    # so it is not a seasonal-only member: the record, not a seasonality switch, decides.
    n_y = 20
    t = np.arange(n_y)[:, None]
    seasonal, flat = [], []
    for seed in range(10):
        rng = np.random.default_rng(seed)
        slope = 0.015 + np.cumsum(0.004 * rng.standard_normal(4 * n_y))
        season = np.tile(np.log([0.8, 1.0, 1.0, 1.6]), n_y)
        noise = 0.003 * rng.standard_normal(4 * n_y)
        seasonal.append(np.exp(4 + np.cumsum(slope) + season + noise).reshape(n_y, 4))
        flat.append(np.exp(4 + 0.05 * t + 0.02 * rng.standard_normal((n_y, 4))))
    for name, best, kept in (("seasonal", "ets_level", 10), ("flat", "share_step", 7)):
        v = np.array(seasonal if name == "seasonal" else flat)
        v[:, -1, 3] = np.nan
        ytd = np.cumsum(v, axis=-1)
        units = tuple(f"U{i}" for i in range(10))
        block = SeriesBlock(
            NOMINAL, "Q", units, np.arange(2000, 2000 + n_y), ytd, np.full(ytd.shape, np.nan)
        )
        fit = fit_block(block, 2, combination_members())
        past = np.nanmean(np.abs(fit.method_error()[:, :, 5:-1]), axis=(1, 2))
        j = fit.methods.index(best)
        assert int(np.argmin(past)) == j, name
        assert np.sum(fit.weights[:, -1, j] > 0.4) == kept, name
        if name == "seasonal":
            assert past[j] == pytest.approx(0.246, abs=0.001)


def test_seasonal_panel_is_a_valid_folder_with_hundreds_of_unit_years() -> None:
    ds = load_folder(PANEL)
    obs = ds.observations
    assert set(obs.freq) == {"Q"}
    unit_years = obs.groupby(["indicator", "unit"]).year.nunique().sum()
    assert unit_years == 689
    assert len(ds.indicators) == 19
    # a year-to-date value rises within each year (sums of positive quarters)
    q = obs.sort_values(["indicator", "unit", "year", "period"])
    rises = q.groupby(["indicator", "unit", "year"]).ytd_value.apply(
        lambda s: bool(np.all(np.diff(s.to_numpy()) > 0))
    )
    assert rises.all()


def _panel_ratios() -> tuple[pd.Series, int]:
    from sprintmodel.forecast.backtest import backtest

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        e = backtest(load_folder(PANEL), use_cache=False).errors
    mape = e.assign(ape=e.level_error_pct.abs()).groupby("method").ape.mean()
    return mape / mape["ratio"], int((e.method == "ratio").sum())


@pytest.mark.slow
def test_seasonal_panel_figures_of_the_default_combination() -> None:
    # benchmarks/bench_seasonal.py's figures on data/seasonal_panel: MAPE of the full-year level
    # as of Q3, pooled over the panel's 658 evaluated unit-years, combination ÷ ratio rule 0.806
    # (0.807 before the local level's diffuse start, 0.805 before share_step joined the
    # combination, 0.817 before ets_level did, 0.824 before the discounted, stand-in record);
    # momentum alone 0.806, seasonal_step alone (momentum where it is silent) 0.777:
    # the default combination loses to its best member on this panel.
    ratio, n = _panel_ratios()
    assert n == 658
    assert ratio["combination"] == pytest.approx(0.8062, abs=0.001)
    assert ratio["momentum"] == pytest.approx(0.8056, abs=0.001)
    assert ratio["seasonal_step"] == pytest.approx(0.7772, abs=0.001)


def _bench() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks/bench_seasonal.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_the_fresh_halves_are_the_declared_snake_draft() -> None:
    # Declared before any forecast ran on data/seasonal_fresh: datasets by unit-years, dealt
    # A, B, B, A, ...; A (fresh_select) holds 740 unit-years, B (fresh_test) 590.
    obs = load_folder(ROOT / "data" / "seasonal_fresh").observations
    uy = obs.groupby(["indicator", "unit"]).year.nunique().groupby("indicator").sum()
    halves = _bench().fresh_halves({str(k): int(v) for k, v in uy.items()})
    size = uy.groupby(pd.Series(halves)).sum()
    assert size.to_dict() == {"fresh_select": 740, "fresh_test": 590}
    assert halves["au_visitor_nights"] == "fresh_select"  # the largest is dealt first, to A
    assert halves["au_departures"] == halves["au_accommodation_takings"] == "fresh_test"
    assert halves["au_arrivals"] == "fresh_select"
    # a plausible wrong deal (alternating A, B) would put the third largest in A
    assert halves["au_accommodation_takings"] != "fresh_select"


def test_the_hindsight_ceiling_by_hand() -> None:
    # Absolute errors [%] of two indicators, two years each. X: ratio 2, 2; momentum 1, 3;
    # seasonal_step silent in year 1 (it stands in for momentum there: 1) and 1 -> best X is
    # seasonal_step (2). Y: ratio 1, 1; momentum 3, 3; seasonal_step 2, silent (-> 3) -> best Y
    # is the ratio rule (2). Ceiling (2 + 2) / (4 + 2) = 0.6667; dropping the silent year
    # instead of standing it in would give (1 + 2) / 6 = 0.5.
    rows = []
    for ind, errors in {
        "X": {"ratio": (2, 2), "momentum": (1, 3), "seasonal_step": (None, 1)},
        "Y": {"ratio": (1, 1), "momentum": (3, 3), "seasonal_step": (2, None)},
    }.items():
        for method, values in errors.items():
            for year, v in zip((2001, 2002), values, strict=True):
                if v is not None:
                    rows.append((ind, "U", year, method, float(-v)))
    e = pd.DataFrame(rows, columns=["indicator", "unit", "year", "method", "level_error_pct"])
    members = ["ratio", "momentum", "seasonal_step"]
    assert _bench().hindsight_ratio(e, members) == pytest.approx(4 / 6, abs=1e-4)
    assert _bench().hindsight_ratio(e, members, by="unit") == pytest.approx(4 / 6, abs=1e-4)


@pytest.mark.slow
def test_widened_benchmark_figures_of_the_default_combination() -> None:
    # bench_seasonal.py on both folders (1,935 unit-years): the combination 0.828 of the ratio
    # rule's MAPE, better than every member alone (seasonal_step 0.879); on the fresh test half
    # (569 evaluated unit-years; read with ets_level, 0.831, with share_step, 0.827, and with the
    # local level's diffuse start) 0.825, where seasonal_step alone scores 0.803.
    bench = _bench()
    err = bench.panel_errors()
    out: dict[str, object] = {"members": list(combination_members())}
    bench._summary(out, "", err)
    bench._summary(out, "_t", err[err.group == "fresh_test"])
    assert out["unit_years"] == 1935 and out["unit_years_t"] == 569
    assert out["mape_ratio"] == pytest.approx(0.8283, abs=0.001)
    assert out["combination_beats_best_member"] is True
    assert out["mape_ratio_t"] == pytest.approx(0.8249, abs=0.001)
    assert out["method_mape_ratio_t"]["seasonal_step"] == pytest.approx(0.8028, abs=0.001)
    # Ceilings: each indicator's (series') best member chosen with the outcomes known.
    assert out["hindsight_best_member_per_indicator"] == pytest.approx(0.788, abs=0.001)
    assert out["hindsight_best_member_per_series"] == pytest.approx(0.7632, abs=0.001)


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="issue 17 item 6 not met: on the widened benchmark (data/seasonal_panel + "
    "data/seasonal_fresh, 1,935 unit-years) the default combination scores 0.828 x the ratio "
    "rule (target 0.80); on the fresh test half 0.825, where seasonal_step alone scores 0.803",
)
def test_combination_reaches_the_seasonal_target_and_beats_its_members() -> None:
    bench = _bench()
    err = bench.panel_errors()
    for part in (err, err[err.group == "fresh_test"]):
        mape = part.assign(ape=part.level_error_pct.abs()).groupby("method").ape.mean()
        ratio = mape / mape["ratio"]
        assert ratio["combination"] <= 0.80
        assert ratio["combination"] < ratio.drop(["combination"]).min()
