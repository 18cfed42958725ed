"""Forecast methods built on statsmodels time-series models (registered in ``METHODS``).

Each model is refitted at every rolling origin on the history published by then, so backtest
errors are out of sample. Fits are kept small (a few parameters, at most
:data:`MAX_OBS` periods) so that a city's whole backtest stays within seconds; results are
cached by :mod:`sprintmodel.forecast.cache`.

- ``ets``: exponential smoothing, ETS(A,N,N) (:class:`statsmodels.tsa.holtwinters.
  SimpleExpSmoothing`), of the **single-period growth** on the same period of last year; the
  forecast level is the growth of every remaining period.
- ``arima``: an AR(1) with a constant (:class:`statsmodels.tsa.statespace.sarimax.SARIMAX`) on
  the same growth series; the remaining periods' forecasts are averaged with last year's
  weights.
- ``uc``: a local-level unobserved-components model
  (:class:`statsmodels.tsa.statespace.structural.UnobservedComponents`) on the same series.
- ``ets_level``: Holt-Winters with a damped additive trend and additive seasonality
  (:class:`statsmodels.tsa.holtwinters.ExponentialSmoothing`) on the log of the **chained
  single-period volume index** (quarterly series only); the remaining periods' forecast volumes
  give the rest-of-year growth.

Growth series skip unpublished periods (e.g. January where January and February are published
together). Where fewer than :data:`MIN_OBS` periods exist the method returns NaN (the caller
falls back to the ratio rule and says so).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator

import numpy as np

from sprintmodel.forecast.block import SeriesBlock
from sprintmodel.ytd import FloatArray

MIN_OBS = 8
"""Fewest single periods for a model fit [periods]. An assumption: two years of quarters, the
least from which a smoothing weight or an AR coefficient can be told from noise."""

MAX_OBS = {"Q": 40, "M": 60}
"""Most recent single periods used in a fit [periods]: ten years of quarters, five of months
(an assumption: older data add little to a local model and cost time)."""


def _histories(
    block: SeriesBlock, k: int, series: FloatArray, min_obs: int = MIN_OBS
) -> Iterator[tuple[int, int, FloatArray]]:
    """``(unit, year, history)`` of a per-period series up to every origin ``(year, k)``.

    NaNs are dropped (the history is the published periods in order); the history ends at the
    origin's period, which must itself be published.
    """
    steps = block.steps
    n_units, n_years, _ = series.shape
    flat = series.reshape(n_units, n_years * steps)
    cap = MAX_OBS[block.freq]
    for i in range(n_units):
        row = flat[i]
        ok = ~np.isnan(row)
        for y in range(n_years):
            end = y * steps + k
            if not ok[end]:
                continue
            vals = row[: end + 1][ok[: end + 1]]
            if vals.size < min_obs:
                continue
            yield i, y, vals[-cap:]


def _rest_weights(block: SeriesBlock, k: int) -> FloatArray:
    """Last year's single-period bases of the periods after ``k`` (units × years × rest)."""
    from sprintmodel.ytd import single_from_ytd

    base = single_from_ytd(block.base_ytd)
    return base[:, :, k + 1 :]


def _per_origin(
    block: SeriesBlock, k: int, fit_one: Callable[[FloatArray, int], float]
) -> FloatArray:
    out = np.full((len(block.units), len(block.years)), np.nan)
    horizon = block.steps - 1 - k
    if horizon <= 0:
        return out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i, y, hist in _histories(block, k, block.single_growth):
            try:
                out[i, y] = fit_one(hist, horizon)
            except (ValueError, np.linalg.LinAlgError, FloatingPointError):
                out[i, y] = np.nan
    return np.where(np.isfinite(out), out, np.nan)


def ets_growth(block: SeriesBlock, k: int) -> FloatArray:
    """Rest-of-year growth [%] = the exponentially smoothed single-period growth, ETS(A,N,N).

    Notes
    -----
    :math:`\\ell_t = \\alpha q_t + (1-\\alpha)\\ell_{t-1}` and :math:`r = \\ell_k`, with
    :math:`\\alpha` and :math:`\\ell_0` estimated by statsmodels at every origin.
    """
    from statsmodels.tsa.holtwinters import SimpleExpSmoothing

    def one(hist: FloatArray, horizon: int) -> float:
        # Heuristic start values (statsmodels needs 10 points for them) make the fit 4x faster
        # than estimating the initial level; the smoothing weight is still estimated, by
        # Powell's method: same optimum as L-BFGS-B here, and no BLAS calls, whose threads
        # slow small fits down several-fold on a busy machine.
        init = "heuristic" if hist.size >= 10 else "estimated"
        fit = SimpleExpSmoothing(hist, initialization_method=init).fit(
            use_brute=False, method="Powell"
        )
        return float(fit.level[-1])  # the one-step (and flat) forecast

    return _per_origin(block, k, one)


def arima_growth(block: SeriesBlock, k: int) -> FloatArray:
    """Rest-of-year growth [%] from an AR(1) with constant on single-period growth.

    Notes
    -----
    :math:`q_t - \\mu = \\phi (q_{t-1} - \\mu) + \\varepsilon_t`; the forecasts of the remaining
    periods are averaged (equal weights: last year's single-period weights differ little).
    """
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    def one(hist: FloatArray, horizon: int) -> float:
        fit = SARIMAX(hist, order=(1, 0, 0), trend="c").fit(disp=False)
        return float(np.mean(fit.forecast(horizon)))

    return _per_origin(block, k, one)


def uc_growth(block: SeriesBlock, k: int) -> FloatArray:
    """Rest-of-year growth [%] from a local-level unobserved-components model of growth."""
    from statsmodels.tsa.statespace.structural import UnobservedComponents

    def one(hist: FloatArray, horizon: int) -> float:
        fit = UnobservedComponents(hist, "local level").fit(disp=False)
        return float(np.mean(fit.forecast(horizon)))

    return _per_origin(block, k, one)


def chained_volume(block: SeriesBlock) -> FloatArray:
    """Chained single-period volume index (units × years × periods), first year = 100.

    ``X_{y,j} = X_{y-1,j} (1 + q_{y,j}/100)`` with :math:`q` the single-period growth; the
    chain starts at 100 in every period of the first year with growth (so seasonality enters
    through the growth rates only) and restarts after a gap.
    """
    q = block.single_growth
    n_units, n_years, steps = q.shape
    x = np.full(q.shape, np.nan)
    for y in range(n_years):
        prev = x[:, y - 1] if y else np.full((n_units, steps), np.nan)
        nxt = prev * (1.0 + q[:, y] / 100.0)
        x[:, y] = np.where(np.isnan(prev) & ~np.isnan(q[:, y]), 100.0, nxt)
    return x


def ets_level(block: SeriesBlock, k: int) -> FloatArray:
    """Rest-of-year growth [%] from Holt-Winters on the log chained volume index (quarterly).

    Notes
    -----
    Additive damped trend and additive seasonality (period 4) on :math:`\\log X`; the remaining
    quarters' forecast volumes over last year's, weighted by last year's single-quarter bases.
    Monthly blocks return NaN (use ``ets``).
    """
    out = np.full((len(block.units), len(block.years)), np.nan)
    horizon = block.steps - 1 - k
    if block.freq != "Q" or horizon <= 0:
        return out
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    x = chained_volume(block)
    logx = np.log(x)
    steps = block.steps
    weights = _rest_weights(block, k)
    flat_x = x.reshape(len(block.units), -1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i, y, hist in _histories(block, k, logx, min_obs=3 * steps):
            end = y * steps + k
            if np.isnan(flat_x[i, end - steps + 1 : end + 1]).any():
                continue  # the chain must be unbroken over the last year
            try:
                fit = ExponentialSmoothing(
                    hist,
                    trend="add",
                    damped_trend=True,
                    seasonal="add",
                    seasonal_periods=steps,
                    initialization_method="estimated",
                ).fit()
                fc = np.exp(np.asarray(fit.forecast(horizon)))
            except (ValueError, np.linalg.LinAlgError):
                continue
            last = flat_x[i, end + 1 - steps : end + 1 - steps + horizon]
            w = weights[i, y]
            ratio = fc / last
            if np.isnan(w).any() or np.isnan(ratio).any():
                continue
            out[i, y] = 100.0 * (np.sum(w * ratio) / np.sum(w) - 1.0)
    return np.where(np.isfinite(out), out, np.nan)
