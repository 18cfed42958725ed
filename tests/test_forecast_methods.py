"""Forecast methods, the combination and the calibration on hand-made panels."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sprintmodel.data import Indicator
from sprintmodel.forecast.block import SeriesBlock, fy_growth_from_rest, rest_from_fy_growth
from sprintmodel.forecast.config import ForecastConfig
from sprintmodel.forecast.copula import (
    fit_copula,
    margin_quantiles,
    normal_scores,
    one_factor_loadings,
)
from sprintmodel.forecast.engine import calibrate, combination_weights, fit_block
from sprintmodel.forecast.intervals import draw_z, growth_interval
from sprintmodel.forecast.methods import (
    METHODS,
    STEP_ALPHAS,
    _smoothed_step_forecasts,
    drift,
    momentum,
    ratio_rule,
    resolve,
    seasonal_share,
    seasonal_step,
    share_step,
)
from sprintmodel.forecast.models import (
    ets_growth,
    ets_growth_statsmodels,
    fminbound_many,
    origin_histories,
)
from sprintmodel.forecast.pooled import pooled_features, pooled_regression
from sprintmodel.forecast.reconcile import reconcile, summing_matrix
from sprintmodel.notes import Note
from sprintmodel.words.notes import notes_text

NOMINAL = Indicator("x", basis="nominal")
REAL = Indicator("v", basis="real")

# Single quarters of one unit, 2021-2024 (2024 known to Q3):
#   2021: 100 100 100 100   (ytd 100 200 300 400)
#   2022: 100 100 100 110   (Q4 +10%, Jan-Sep 0%)
#   2023: 110 110 110 120   (Jan-Sep +10%, Q4 +9.0909%)
#   2024: 121 121 132  ?    (Jan-Sep 374/330 = +13.333%, Q3 +20%)
SINGLES = np.array(
    [
        [100, 100, 100, 100],
        [100, 100, 100, 110],
        [110, 110, 110, 120],
        [121, 121, 132, np.nan],
    ],
    dtype=float,
)


def tiny_block(indicator: Indicator = NOMINAL) -> SeriesBlock:
    ytd = np.cumsum(SINGLES, axis=1)[None]
    growth = np.full_like(ytd, np.nan)
    return SeriesBlock(indicator, "Q", ("A",), np.arange(2021, 2025), ytd, growth)


def fy_growth(block: SeriesBlock, rest: np.ndarray, k: int = 2) -> float:
    g = fy_growth_from_rest(block.share[:, :, k], block.growth[:, :, k], rest)
    return float(g[0, -1])


def test_block_bases_and_shares() -> None:
    b = tiny_block()
    assert b.growth[0, 3, 2] == pytest.approx(100 * (374 / 330 - 1))
    assert b.share[0, 3, 2] == pytest.approx(330 / 450)
    assert b.base_full[0, 3, 2] == pytest.approx(450)
    assert b.single_growth[0, 3, 2] == pytest.approx(20.0)
    assert b.fy_growth[0, 2] == pytest.approx(100 * (450 / 410 - 1))


def test_ratio_rule_is_the_planners_rule() -> None:
    # Full year = 374 × 450 / 330 = 510, i.e. growth = Jan-Sep growth.
    b = tiny_block()
    g = fy_growth(b, ratio_rule(b, 2))
    assert g == pytest.approx(100 * (510 / 450 - 1))
    assert g == pytest.approx(100 * (374 / 330 - 1))


def test_momentum_uses_the_latest_quarter() -> None:
    # Q4 grows like Q3 (+20%): 374 + 120 × 1.2 = 518.
    b = tiny_block()
    assert fy_growth(b, momentum(b, 2)) == pytest.approx(100 * (518 / 450 - 1))


def test_seasonal_share_averages_three_years() -> None:
    # Full/Jan-Sep ratios 400/300, 410/300, 450/330; mean × 374.
    b = tiny_block()
    mean_ratio = (400 / 300 + 410 / 300 + 450 / 330) / 3
    assert fy_growth(b, seasonal_share(b, 2)) == pytest.approx(100 * (374 * mean_ratio / 450 - 1))


def test_drift_adds_the_mean_past_gap() -> None:
    # Gaps (rest - Jan-Sep growth): 2022 10 - 0 = 10; 2023 9.0909 - 10 = -0.9091.
    b = tiny_block()
    gap = (10.0 + (100 * (120 / 110 - 1) - 10.0)) / 2
    r = 100 * (374 / 330 - 1) + gap
    s = 330 / 450
    assert fy_growth(b, drift(b, 2)) == pytest.approx(s * 100 * (374 / 330 - 1) + (1 - s) * r)


def test_methods_do_not_look_ahead() -> None:
    # Changing 2024's unpublished Q4 and 2023's nothing-after-origin must not move 2024's forecast.
    b = tiny_block()
    changed = b.value.copy()
    changed[0, 3, 3] = 999.0
    b2 = SeriesBlock(NOMINAL, "Q", ("A",), b.years, changed, b.published_growth)
    for name, m in METHODS.items():
        if name in ("ets", "arima", "uc", "ets_level"):
            continue
        r1, r2 = m.func(b, 2)[0, -1], m.func(b2, 2)[0, -1]
        assert (np.isnan(r1) and np.isnan(r2)) or r1 == pytest.approx(r2), name


def test_rest_and_full_year_growth_are_inverse() -> None:
    s, g, r = 0.7, 5.0, 8.0
    full = fy_growth_from_rest(np.array(s), np.array(g), np.array(r))
    assert float(full) == pytest.approx(0.7 * 5 + 0.3 * 8)
    assert float(rest_from_fy_growth(np.array(s), np.array(g), full)) == pytest.approx(r)


def test_real_block_uses_volumes_at_last_years_prices() -> None:
    # Last year 100/quarter at current prices; this year +6% real by Q3: volume 318.
    ytd = np.array([[[100, 200, 300, 400], [104, 210, 318, np.nan]]], dtype=float)
    growth = np.array([[[np.nan] * 4, [6.0, 6.0, 6.0, np.nan]]])
    b = SeriesBlock(REAL, "Q", ("A",), np.array([2024, 2025]), ytd, growth)
    assert b.level[0, 1, 2] == pytest.approx(318.0)
    assert b.base_full[0, 1, 2] == pytest.approx(400.0)


def test_nominal_block_uses_the_comparable_base() -> None:
    # Published 303 by Q3 with official +3%: base 294.17, full-year base 400 × 294.17 / 300.
    ytd = np.array([[[100, 200, 300, 400], [101, 202, 303, np.nan]]], dtype=float)
    growth = np.array([[[np.nan] * 4, [np.nan, np.nan, 3.0, np.nan]]])
    b = SeriesBlock(NOMINAL, "Q", ("A",), np.array([2024, 2025]), ytd, growth)
    base_ytd = 303 / 1.03
    assert b.base_full[0, 1, 2] == pytest.approx(400 * base_ytd / 300)
    # The ratio rule's level is the planners' 303 × 400 / 300 whatever the revision.
    g = fy_growth(b, ratio_rule(b, 2))
    assert b.base_full[0, 1, 2] * (1 + g / 100) == pytest.approx(303 * 400 / 300)


def test_resolve_names_and_aliases() -> None:
    assert resolve("naive") == "ratio"
    assert resolve("combination") == "combination"
    from sprintmodel.errors import InputError

    with pytest.raises(InputError, match="unknown forecast method"):
        resolve("crystal_ball")


def test_combination_weights_favour_the_better_method() -> None:
    # Method 0 errs by 2, method 1 by 1, method 2 by 4, every year, in two units.
    err = np.zeros((3, 2, 6))
    err[0], err[1], err[2] = 2.0, 1.0, 4.0
    avail = np.ones_like(err, dtype=bool)
    cfg = ForecastConfig(trim=2, loss="mae", equal_share=0.0)
    w = combination_weights(err, avail, cfg)
    assert w.shape == (2, 6, 3)
    assert np.allclose(w[:, 0], 1 / 3)  # no history: equal weights
    np.testing.assert_allclose(w.sum(axis=-1), 1.0)
    last = w[0, -1]
    assert last[2] == 0.0  # trimmed
    assert last[1] == pytest.approx(2 / 3)  # inverse relative MAE 1/1 vs 1/2
    assert last[0] == pytest.approx(1 / 3)


def test_a_discounted_record_follows_recent_years() -> None:
    # One unit, two methods; past absolute errors (years 0-3): method 0 errs by 1 every year,
    # method 1 by 0, 0, 0, 2. Plain means: 1 vs 0.5, method 1 ranks first. With discount 0.5
    # the years weigh 1/8, 1/4, 1/2, 1 (oldest first): method 1's mean is 2 / 1.875 = 16/15,
    # method 0's 1, so method 0 ranks first; untrimmed inverse-loss weights 16/31 and 15/31.
    err = np.array([[[1.0, 1.0, 1.0, 1.0, np.nan]], [[0.0, 0.0, 0.0, 2.0, np.nan]]])
    avail = np.ones_like(err, dtype=bool)
    plain = combination_weights(err, avail, ForecastConfig(trim=1, discount=1.0))
    recent = combination_weights(err, avail, ForecastConfig(trim=1, discount=0.5))
    assert plain[0, -1].tolist() == [0.0, 1.0]
    assert recent[0, -1].tolist() == [1.0, 0.0]
    w = combination_weights(err, avail, ForecastConfig(trim=0, discount=0.5))
    np.testing.assert_allclose(w[0, -1], [16 / 31, 15 / 31], rtol=1e-12)
    # ... and with discount 1, 1/3 and 2/3 (inverse of 1 and 0.5) where both are kept.
    w1 = combination_weights(err, avail, ForecastConfig(trim=0, discount=1.0))
    np.testing.assert_allclose(w1[0, -1], [1 / 3, 2 / 3], rtol=1e-12)
    with pytest.raises(ValueError, match="discount"):
        ForecastConfig(discount=0.0)


def test_a_silent_member_is_recorded_as_the_member_it_reduces_to() -> None:
    # seasonal_step says nothing (NaN) where its smoothing weight would be 1 or before
    # STEP_MIN_ERRORS errors: there it is momentum, so its record carries momentum's forecast
    # (record "stand_in"), not the ratio rule's (record "ratio"); either way the combination
    # gives it no weight at those origins.
    b = synthetic_block(step_noise=0.0, walk=0.05)
    members = ("ratio", "momentum", "seasonal_step")
    fits = {r: fit_block(b, 2, members, ForecastConfig(record=r)) for r in ("stand_in", "ratio")}
    silent = ~fits["stand_in"].method_available[2]
    assert silent[:, :3].all() and 0 < silent.sum() < silent.size
    g = fits["stand_in"].method_growth
    np.testing.assert_array_equal(g[2][silent], g[1][silent])
    np.testing.assert_allclose(fits["ratio"].method_growth[2][silent], g[0][silent], rtol=1e-12)
    spoke = ~silent
    np.testing.assert_array_equal(g[2][spoke], fits["ratio"].method_growth[2][spoke])
    assert (fits["stand_in"].weights[..., 2][silent] == 0.0).all()
    # Without momentum among the members, and alone, it is still momentum where silent.
    for members in (("ratio", "seasonal_step"), ("seasonal_step",)):
        alone = fit_block(b, 2, members, ForecastConfig(record="stand_in"))
        np.testing.assert_array_equal(alone.method_growth[-1][silent], g[1][silent])
    np.testing.assert_array_equal(alone.growth[silent], g[1][silent])  # its forecast too
    np.testing.assert_array_equal(alone.growth[spoke], g[2][spoke])
    with pytest.raises(ValueError, match="record"):
        ForecastConfig(record="naive")  # type: ignore[arg-type]


def test_calibrate_is_out_of_sample() -> None:
    err = np.array([[1.0, -1.0, 1.0, -1.0, 50.0]])
    proxy = np.ones_like(err)
    sigma, z, n = calibrate(err, proxy, ForecastConfig(pool_years=0.0))
    assert list(n[0]) == [0, 1, 2, 3, 4]
    assert sigma[0, 4] == pytest.approx(1.0)  # the outlier is not in its own scale
    assert z[0, 4] == pytest.approx(50.0)


def test_growth_interval_from_pooled_errors() -> None:
    z = np.linspace(-2, 2, 401)
    lo, hi = growth_interval(np.array([5.0]), np.array([1.0]), z, 0.8)
    assert lo[0] == pytest.approx(5.0 - 1.6, abs=1e-9)
    assert hi[0] == pytest.approx(5.0 + 1.6, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n_units=st.integers(1, 5), n_years=st.integers(3, 12))
def test_joint_draws_keep_the_pooled_margin(seed: int, n_units: int, n_years: int) -> None:
    rng = np.random.default_rng(seed)
    z_units = rng.standard_t(5, size=(n_units, n_years))
    z = draw_z(z_units, z_units, 4000, np.random.default_rng(seed), ForecastConfig(min_pool=3))
    pool = np.sort(z_units.ravel())
    for i in range(n_units):
        q = np.quantile(-z[:, i], [0.1, 0.5, 0.9])
        ref = np.quantile(pool, [0.1, 0.5, 0.9])
        spread = pool[-1] - pool[0]
        np.testing.assert_allclose(q, ref, atol=0.12 * spread)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(2, 8),
    draws=st.integers(1, 30),
)
def test_reconciled_draws_add_up_in_every_draw(seed: int, n: int, draws: int) -> None:
    rng = np.random.default_rng(seed)
    parent = np.array([-1] + [int(rng.integers(0, i)) for i in range(1, n)])
    if n > 2:
        parent[-1] = -1  # a park: adds into nothing
    active = np.ones(n, dtype=bool)
    fy = rng.uniform(50, 150, size=(draws, n))
    point = rng.uniform(50, 150, size=n)
    residual = rng.uniform(-5, 5, size=n)
    out, pt = reconcile(fy, point, parent, residual, active)
    for a in range(n):
        kids = np.flatnonzero(parent == a)
        if kids.size:
            np.testing.assert_allclose(out[:, a], out[:, kids].sum(axis=1) + residual[a])
            assert pt[a] == pytest.approx(pt[kids].sum() + residual[a])
    lone = [u for u in range(n) if parent[u] < 0 and not (parent == u).any()]
    for u in lone:
        np.testing.assert_allclose(out[:, u], fy[:, u])


def test_summing_matrix_skips_inactive_units() -> None:
    parent = np.array([-1, 0, 0, 1])
    s, leaves = summing_matrix(parent, np.array([True, True, True, False]))
    assert list(leaves) == [1, 2]
    assert s[0].tolist() == [1.0, 1.0]
    assert s[3].tolist() == [0.0, 0.0]


def test_fit_block_with_one_year_of_history_falls_back() -> None:
    b = tiny_block()
    short = SeriesBlock(
        NOMINAL, "Q", ("A",), b.years[2:], b.value[:, 2:], b.published_growth[:, 2:]
    )
    members = ("ratio", "momentum", "seasonal_share", "drift", "ets")
    fit = fit_block(short, 2, members)
    avail = dict(zip(members, fit.method_available[:, 0, -1], strict=True))
    assert avail["ratio"] and avail["momentum"]
    assert not avail["seasonal_share"] and not avail["drift"] and not avail["ets"]
    assert np.isfinite(fit.growth[0, -1])
    assert fit.weights[0, -1, 2:].sum() == 0.0  # unavailable methods get no weight
    assert Note.of("forecast.no_backtest") in fit.notes[0, -1]
    assert notes_text(fit.notes[0, -1], "en").startswith("no backtest history")
    assert np.isfinite(fit.sigma[0, -1]) and fit.sigma[0, -1] > 0


# ---------------------------------------------------------------- seasonal step, pooled regression
def synthetic_block(
    step_noise: float, walk: float, n_units: int = 6, n_years: int = 24, seed: int = 1
) -> SeriesBlock:
    """Quarterly nominal panel: trend growth, quarterly noise, a seasonal Q3->Q4 step with a
    random-walk part (sd ``walk``) and a one-off part (sd ``step_noise``), in log points."""
    rng = np.random.default_rng(seed)
    seasonal = np.log([1.0, 1.05, 1.1, 1.3])
    ytd = np.zeros((n_units, n_years, 4))
    for u in range(n_units):
        level, step = np.log(100.0 + 10 * u), 0.0
        for y in range(n_years):
            level += 0.06 + rng.normal(0, 0.01)
            step += rng.normal(0, walk)
            logs = level + seasonal + rng.normal(0, 0.01, 4)
            logs[3] += step + rng.normal(0, step_noise)
            ytd[u, y] = np.cumsum(np.exp(logs))
    growth = np.full_like(ytd, np.nan)
    units = tuple(f"U{u}" for u in range(n_units))
    return SeriesBlock(NOMINAL, "Q", units, np.arange(2000, 2000 + n_years), ytd, growth)


def _mae(block: SeriesBlock, rest: np.ndarray, first: int = 12) -> float:
    g = fy_growth_from_rest(block.share[:, :, 2], block.growth[:, :, 2], rest)
    return float(np.nanmean(np.abs(g - block.fy_growth)[:, first:]))


def test_smoothed_step_by_hand() -> None:
    # Step changes D = 0.1, -0.1 (path 0 -> 0.1 -> 0): alpha 1 is momentum (forecast 0).
    # alpha 0.5 is the local level with q = 0.5^2 / 0.5 = 0.5, started diffuse at the first path
    # value 0 (predicted variance 1 + q = 1.5): gain 1.5 / 2.5 = 0.6, level 0.06 (forecast
    # 0.06 - 0.1 = -0.04); variance 0.6 + 0.5 = 1.1, gain 1.1 / 2.1, level 0.06 × 10/21 = 0.2/7.
    # A fixed gain of 0.5 from the start (the old rule) gives -0.05 and 0.025 instead.
    d = np.array([[0.1, -0.1, np.nan]])
    fc = _smoothed_step_forecasts(d, np.array([1.0, 0.5, 0.05]))
    assert np.isnan(fc[:, 0, 0]).all()
    np.testing.assert_allclose(fc[0, 0, 1:], [0.0, 0.0])
    np.testing.assert_allclose(fc[1, 0, 1:], [-0.04, 0.2 / 7])
    # a small weight averages the first years almost equally (path mean 0.05, then 0.1 / 3)
    np.testing.assert_allclose(fc[2, 0, 1:], [0.05 - 0.1, 0.1 / 3], atol=1e-3)


def test_seasonal_step_smooths_a_noisy_step_and_defers_to_momentum_on_a_walk() -> None:
    # One-off fourth quarters: smoothing the step beats momentum by a wide margin.
    noisy = synthetic_block(step_noise=0.05, walk=0.0)
    step = seasonal_step(noisy, 2)
    assert np.isfinite(step[:, -1]).all()
    assert _mae(noisy, step) < 0.8 * _mae(noisy, momentum(noisy, 2))
    # A random-walk step: momentum is optimal; the pooled weight stays near 1 (or the method
    # defers to momentum), so little is lost.
    walk = synthetic_block(step_noise=0.0, walk=0.05)
    mom = momentum(walk, 2)
    step = seasonal_step(walk, 2)
    assert _mae(walk, np.where(np.isnan(step), mom, step)) < 1.05 * _mae(walk, mom)
    assert STEP_ALPHAS[-1] == 1.0


def test_share_step_averages_an_alternating_fourth_quarter_by_hand() -> None:
    # Q1-Q3 are 100 every year and Q4 alternates 120, 80, 120, ...: the ratio rule (this year's
    # rest-of-year ÷ year-to-date ratio = last year's) misses by 40 every year, while the
    # smoothed log ratio moves toward the middle. The smallest weight on the grid (0.05) has the
    # smallest past error, and after 11 years its smoothed log ratio, started at 0 (the first
    # year's log(1.2 / 1) = 0 on the path of changes), forecasts
    # S_hat - S_last = l - S_last for the 12th year (S_last = 0 after a 120 year, so Q4 = 120 ×
    # exp(l)); l is the Kalman-filtered local level of the path 0, log(80/120), 0, ... (steady
    # gain 0.05, q = 0.05^2 / 0.95, diffuse start) by hand below: nearly the path's mean.
    n_y = 12
    q4 = np.where(np.arange(n_y) % 2 == 0, 120.0, 80.0)
    singles = np.column_stack([np.full(n_y, 100.0)] * 3 + [q4])[None]
    singles[0, -1, 3] = np.nan
    block = SeriesBlock(
        NOMINAL,
        "Q",
        ("A",),
        np.arange(2000, 2000 + n_y),
        np.cumsum(singles, axis=-1),
        np.full(singles.shape, np.nan),
    )
    rest = share_step(block, 2)
    path = np.where(np.arange(1, n_y - 1) % 2 == 1, np.log(80 / 120), 0.0)  # S_1 .. S_10
    alpha = 0.05
    q = alpha**2 / (1 - alpha)
    level, var = 0.0, 1.0 + q
    for s_t in path:
        gain = var / (var + 1.0)
        level += gain * (s_t - level)
        var = var / (var + 1.0) + q
    expected_q4 = 120.0 * np.exp(level)  # the year before the last is a 120 year (S = 0)
    assert 100 * (expected_q4 / 120.0 - 1) == pytest.approx(rest[0, -1], abs=1e-9)
    # 99.85: about the geometric middle (the ratio rule: 120; a fixed gain of 0.05 from the first
    # year, the old rule, only got halfway, 110.856)
    assert expected_q4 == pytest.approx(99.850, abs=0.001)
    assert ratio_rule(block, 2)[0, -1] == pytest.approx(0.0)  # Q1-Q3 flat: rest grows 0%
    # constant ratios: every weight forecasts no change, the smoothest is chosen (not 1), and
    # share_step is the ratio rule
    flat = np.ones((1, n_y, 4)) * 100.0
    flat[0, -1, 3] = np.nan
    block = SeriesBlock(
        NOMINAL, "Q", ("A",), block.years, np.cumsum(flat, -1), np.full(flat.shape, np.nan)
    )
    np.testing.assert_allclose(share_step(block, 2)[0, 10:], ratio_rule(block, 2)[0, 10:])


def test_new_methods_do_not_look_ahead() -> None:
    b = synthetic_block(step_noise=0.03, walk=0.01)
    changed = b.value.copy()
    changed[:, -1, 3] *= 1.5  # the forecast year's unpublished Q4
    b2 = SeriesBlock(NOMINAL, "Q", b.units, b.years, changed, b.published_growth)
    for func in (seasonal_step, share_step, pooled_regression):
        r1, r2 = func(b, 2)[:, -1], func(b2, 2)[:, -1]
        assert np.isfinite(r1).all()
        np.testing.assert_allclose(r1, r2)


def test_pooled_regression_is_weighted_least_squares_without_ridge() -> None:
    # Reference: statsmodels WLS on the same rows (years before the last), weights (1 - s)^2.
    import statsmodels.api as sm

    b = synthetic_block(step_noise=0.03, walk=0.01)
    feats = pooled_features(b, 2)
    q = momentum(b, 2)
    y_all = b.rest_growth_actual(2) - q
    x_all = np.stack([feats["base"], feats["gap"]], axis=-1)
    w_all = (1 - b.share[:, :, 2]) ** 2
    ok = np.isfinite(y_all) & np.isfinite(x_all).all(-1)
    ok[:, -1] = False
    fit = sm.WLS(y_all[ok], x_all[ok], weights=w_all[ok]).fit()
    expected = q[:, -1] + x_all[:, -1] @ fit.params
    got = pooled_regression(b, 2, ("base", "gap"), ridge=0.0)[:, -1]
    np.testing.assert_allclose(got, expected, rtol=1e-9)
    # The ridge pulls the forecast toward momentum.
    shrunk = pooled_regression(b, 2, ("base", "gap"), ridge=100.0)[:, -1]
    assert np.abs(shrunk - q[:, -1]).max() < np.abs(got - q[:, -1]).max()
    with pytest.raises(ValueError, match="unknown feature"):
        pooled_regression(b, 2, ("crystal_ball",))


def test_ties_in_the_combination_are_broken_by_member_order() -> None:
    # Methods 1 and 2 have the same record (up to rounding noise): the first one is kept.
    err = np.ones((3, 1, 5))
    err[0] = 3.0
    err[2] += 1e-15
    avail = np.ones_like(err, dtype=bool)
    w = combination_weights(err, avail, ForecastConfig(trim=1))
    assert w[0, -1].tolist() == [0.0, 1.0, 0.0]


# ---------------------------------------------------------------- Gaussian copula of the draws
def test_normal_scores_rank_each_row() -> None:
    z = np.array([[3.0, 1.0, np.nan, 2.0], [np.nan, 5.0, np.nan, np.nan]])
    sc = normal_scores(z)
    from scipy.special import ndtri

    np.testing.assert_allclose(sc[0], [ndtri(0.75), ndtri(0.25), 0.0, 0.0], atol=1e-12)
    assert (sc[1] == 0).all()  # one value: no ranks


def test_copula_correlation_is_a_shrunk_positive_definite_correlation() -> None:
    rng = np.random.default_rng(0)
    years = np.arange(1990, 2020)
    common = rng.standard_normal(30)
    a = 0.9 * common + 0.44 * rng.standard_normal((5, 30))  # strongly correlated block
    b = rng.standard_normal((3, 25))  # independent block, shorter history
    a[1, :4] = np.nan
    cop = fit_copula([(years, a), (years[5:], b)])
    corr = cop.correlation()
    np.testing.assert_allclose(np.diag(corr), 1.0)
    assert np.linalg.eigvalsh(corr).min() > -1e-10
    assert 0.0 <= cop.shrinkage <= 1.0
    assert corr[:5, :5][np.triu_indices(5, 1)].mean() > 0.6
    assert abs(corr[5:, 5:][np.triu_indices(3, 1)].mean()) < 0.3
    # Draws reproduce the matrix (same seed, same numbers).
    x = np.concatenate(cop.sample(40_000, np.random.default_rng(1)), axis=1)
    np.testing.assert_allclose(np.corrcoef(x.T), corr, atol=0.03)
    y = np.concatenate(cop.sample(40_000, np.random.default_rng(1)), axis=1)
    np.testing.assert_array_equal(x, y)


def test_copula_without_history_draws_independent_normals() -> None:
    cop = fit_copula([(np.arange(3), np.full((4, 3), np.nan))])
    x = cop.sample(20_000, np.random.default_rng(0))[0]
    np.testing.assert_allclose(np.corrcoef(x.T), np.eye(4), atol=0.03)
    np.testing.assert_allclose(x.std(axis=0), 1.0, atol=0.03)


def test_margin_quantiles_are_empirical_inside_and_exponential_outside() -> None:
    rng = np.random.default_rng(2)
    pool = rng.standard_t(4, 300)
    p = np.linspace(0.025, 0.975, 97)
    np.testing.assert_allclose(margin_quantiles(pool, p), np.quantile(pool, p), atol=1e-12)
    far = margin_quantiles(pool, np.array([1e-6, 1 - 1e-6]))
    assert far[0] < pool.min() and far[1] > pool.max()  # beyond the worst past error
    q = margin_quantiles(pool, np.linspace(1e-6, 1 - 1e-6, 10_001))
    assert (np.diff(q) >= 0).all()  # a quantile function
    # Continuous at the splice.
    eps = 1e-9
    lo = margin_quantiles(pool, np.array([0.025 - eps, 0.025 + eps]))
    assert abs(lo[1] - lo[0]) < 1e-5


# ---------------------------------------------------------------- vectorised fits
def test_fminbound_many_is_scipys_fminbound() -> None:
    from scipy.optimize import fminbound

    rng = np.random.default_rng(0)
    centres = rng.uniform(0, 1, 6)
    waves = rng.uniform(5, 20, 6)

    def f(idx: np.ndarray, x: np.ndarray) -> np.ndarray:
        return (x - centres[idx]) ** 2 + 0.05 * np.sin(waves[idx] * x)

    got = fminbound_many(f, 6)
    for i in range(6):
        ref = fminbound(lambda x, i=i: f(np.array([i]), np.array([x]))[0], 0.0, 1.0, xtol=1e-4)
        assert got[i] == pytest.approx(ref, abs=1e-12)


def test_vectorised_ets_matches_statsmodels() -> None:
    block = synthetic_block(step_noise=0.03, walk=0.01, n_units=3, n_years=14)
    fast = ets_growth(block, 2)
    slow = ets_growth_statsmodels(block, 2)
    np.testing.assert_array_equal(np.isnan(fast), np.isnan(slow))
    _, year, _, length = origin_histories(block, 2, block.single_growth)
    long_enough = np.unique(year[length >= 10])  # heuristic start: the same fit
    np.testing.assert_allclose(fast[:, long_enough], slow[:, long_enough], atol=5e-3)


def test_woodbury_reconciliation_is_the_mint_projection() -> None:
    rng = np.random.default_rng(3)
    parent = np.array([-1, 0, 0, 1, 1, 2, 2, 2])
    active = np.ones(8, dtype=bool)
    fy = rng.uniform(50, 150, size=(40, 8)) * rng.uniform(0.2, 3, size=8)
    point = fy.mean(axis=0)
    out, _ = reconcile(fy, point, parent, np.zeros(8), active)
    s, _ = summing_matrix(parent, active)
    w = np.diag(1.0 / np.var(fy, axis=0))
    proj = s @ np.linalg.solve(s.T @ w @ s, s.T @ w)
    np.testing.assert_allclose(out, fy @ proj.T, rtol=1e-10)


def test_one_factor_loadings_recover_a_factor_model() -> None:
    rng = np.random.default_rng(4)
    true = np.array([0.95, 0.8, 0.6, 0.3, 0.0])
    f = rng.standard_normal(4000)
    z = true[:, None] * f + np.sqrt(1 - true**2)[:, None] * rng.standard_normal((5, 4000))
    sc = normal_scores(z)
    u = sc / np.linalg.norm(sc, axis=1, keepdims=True)
    np.testing.assert_allclose(one_factor_loadings(u), true, atol=0.05)
    assert one_factor_loadings(u[:1]).tolist() == [1.0]  # a lone series is its own factor
