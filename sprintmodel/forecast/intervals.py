"""Calibrated intervals and simulation draws from backtest errors.

The full-year growth of unit ``u`` is drawn as

.. math:: G^{(d)}_u = \\hat G_u + \\sigma_u \\, z^{(d)}_u

where :math:`\\hat G_u` is the point forecast [%], :math:`\\sigma_u` the unit's interval scale
[pp] (its out-of-sample RMS error, shrunk toward the pool; see
:func:`sprintmodel.forecast.engine.fit_block`) and :math:`z` follows the **empirical
distribution of the standardised backtest errors pooled over the indicator's units** (a
split-conformal calibration: the 80% interval is the 10%-90% quantiles of past standardised
errors). Where fewer than ``min_pool`` such errors exist a Student-t is used instead.

Draws of different units (and indicators) are made jointly by an empirical copula: each draw
picks one past year, and every unit takes the rank its own error had in that year (jittered
within its bin), mapped through the pooled quantile function. A bad year for the city is then a
bad year for most districts, as in the data, while each unit's margin stays the calibrated
pooled one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from sprintmodel.forecast.config import ForecastConfig
from sprintmodel.forecast.engine import pooled_quantiles
from sprintmodel.ytd import FloatArray

LEVELS = (0.80, 0.95)
"""Interval coverages reported [share]: 80% (the contract's) and 95% (extra columns)."""


def interval_probs(level: float) -> tuple[float, float]:
    """Lower and upper probabilities of a central interval, e.g. (0.1, 0.9) for 0.8."""
    a = (1.0 - level) / 2.0
    return (a, 1.0 - a)


def growth_interval(
    point: FloatArray,
    sigma: FloatArray,
    z_past: FloatArray,
    level: float = 0.8,
    config: ForecastConfig | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Calibrated interval of full-year growth [%] from past standardised errors.

    Parameters
    ----------
    point
        Point forecasts [%].
    sigma
        Interval scales [pp].
    z_past
        Standardised errors (forecast minus actual, over sigma) of earlier origins [1].
    level
        Coverage [share].
    config
        Settings (``min_pool``, ``fallback_df``).

    Notes
    -----
    Errors are forecast minus actual, so the outcome lies in
    :math:`[\\hat G - \\sigma q_{1-\\alpha/2}, \\hat G - \\sigma q_{\\alpha/2}]`.
    """
    lo_p, hi_p = interval_probs(level)
    q = pooled_quantiles(z_past, [lo_p, hi_p], config)
    return point - sigma * q[1], point - sigma * q[0]


def draw_z(
    z_units: FloatArray,
    z_pool: FloatArray,
    pick: np.ndarray,
    n_draws: int,
    rng: np.random.Generator,
    config: ForecastConfig | None = None,
) -> FloatArray:
    """Joint draws of outcome deviations in standardised units (draws × units).

    Parameters
    ----------
    z_units
        Each unit's standardised errors by past year (units × past years); NaN where none.
    z_pool
        The pooled standardised errors (any shape; NaN ignored).
    pick
        For each draw, the past year (column of ``z_units``) whose ranks it reuses, -1 for
        an independent draw (draws,).
    n_draws
        Number of draws.
    rng
        Random generator.
    config
        Settings (``min_pool``, ``fallback_df``).

    Returns
    -------
    numpy.ndarray
        Draws of ``(actual - forecast) / sigma``: the sign is flipped from the errors (forecast
        minus actual) so that they add to the point forecast.
    """
    cfg = config or ForecastConfig()
    n_units = z_units.shape[0]
    pool = z_pool[~np.isnan(z_pool)]
    u = rng.random((n_draws, n_units))
    if pool.size < cfg.min_pool:
        from scipy import stats

        return np.asarray(stats.t.ppf(u, cfg.fallback_df), dtype=float)
    p = u.copy()
    for i in range(n_units):
        own = z_units[i]
        ok = ~np.isnan(own)
        n = int(ok.sum())
        if n < 2:
            continue
        rank = np.full(own.shape, -1.0)
        order = np.argsort(np.argsort(own[ok]))  # 0..n-1
        rank[ok] = order
        valid = (pick >= 0) & (pick < own.size)
        r = np.where(valid, rank[np.clip(pick, 0, own.size - 1)], -1.0)
        use = r >= 0
        p[use, i] = (r[use] + u[use, i]) / n
    z = np.quantile(pool, p.ravel()).reshape(p.shape)
    return -np.asarray(z, dtype=float)


def quantiles(draws: FloatArray, probs: Sequence[float]) -> FloatArray:
    """Quantiles over the draws axis (axis 0): shape (len(probs), units)."""
    return np.asarray(np.quantile(draws, np.asarray(probs), axis=0), dtype=float)
