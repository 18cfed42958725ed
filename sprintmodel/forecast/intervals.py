"""Calibrated intervals and simulation draws from backtest errors.

The full-year growth of unit ``u`` is drawn as

.. math:: G^{(d)}_u = \\hat G_u + \\sigma_u \\, z^{(d)}_u

where :math:`\\hat G_u` is the point forecast [%], :math:`\\sigma_u` the unit's interval scale
[pp] (its out-of-sample RMS error, shrunk toward the pool; see
:func:`sprintmodel.forecast.engine.fit_block`) and :math:`z` follows the **empirical
distribution of the standardised backtest errors pooled over the indicator's units** (a
split-conformal calibration: the 80% interval is the 10%-90% quantiles of past standardised
errors). Where fewer than ``min_pool`` such errors, or errors from fewer than
``min_pool_years`` years, exist a Student-t is used instead.

Draws of different units (and indicators) are made jointly by a Gaussian copula
(:mod:`sprintmodel.forecast.copula`) whose correlations are estimated from the normal scores of
past standardised errors, shrunk toward a block-constant target: a bad year for the city is a
bad year for most districts, as in the data, sums over units have a smooth distribution, and
each unit's margin stays the calibrated pooled one (with exponential tails beyond the 2.5% and
97.5% quantiles).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from sprintmodel.forecast.config import ForecastConfig
from sprintmodel.forecast.copula import fit_copula, margin_quantiles, uniform
from sprintmodel.forecast.engine import pooled_quantiles, too_few_errors
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


def margin_draws(
    x: FloatArray, z_pool: FloatArray, config: ForecastConfig | None = None
) -> FloatArray:
    """Outcome deviations in standardised units from copula normals (draws × units).

    Parameters
    ----------
    x
        Standard-normal copula draws (draws × units), e.g. from
        :meth:`~sprintmodel.forecast.copula.GaussianCopula.sample`.
    z_pool
        The pooled standardised errors, units × years (NaN ignored).
    config
        Settings (``min_pool``, ``min_pool_years``, ``fallback_df``).

    Returns
    -------
    numpy.ndarray
        Draws of ``(actual - forecast) / sigma``: ``-Q(Φ(x))`` with ``Q`` the pooled quantile
        function (:func:`~sprintmodel.forecast.copula.margin_quantiles`), or a Student-t's
        where fewer than ``min_pool`` errors or ``min_pool_years`` years exist. The sign is flipped from the errors
        (forecast minus actual) so that they add to the point forecast.
    """
    cfg = config or ForecastConfig()
    pool = np.asarray(z_pool, dtype=float)
    u = uniform(x)
    if too_few_errors(pool, cfg):
        from scipy import stats

        return -np.asarray(stats.t.ppf(u, cfg.fallback_df), dtype=float)
    return -margin_quantiles(pool[~np.isnan(pool)], u)


def draw_z(
    z_units: FloatArray,
    z_pool: FloatArray,
    n_draws: int,
    rng: np.random.Generator,
    config: ForecastConfig | None = None,
) -> FloatArray:
    """Joint draws of one block's outcome deviations in standardised units (draws × units).

    Parameters
    ----------
    z_units
        Each unit's standardised errors by past year (units × past years); NaN where none.
    z_pool
        The pooled standardised errors (any shape; NaN ignored).
    n_draws
        Number of draws.
    rng
        Random generator.
    config
        Settings (``min_pool``, ``fallback_df``).

    Notes
    -----
    The Gaussian copula of :func:`~sprintmodel.forecast.copula.fit_copula` fitted on this block
    alone, then :func:`margin_draws`. :func:`sprintmodel.forecast.forecast` fits one copula
    over all blocks (units and indicators) instead.
    """
    z_units = np.asarray(z_units, dtype=float)
    cop = fit_copula([(np.arange(z_units.shape[1]), z_units)])
    return margin_draws(cop.sample(n_draws, rng)[0], z_pool, config)


def quantiles(draws: FloatArray, probs: Sequence[float]) -> FloatArray:
    """Quantiles over the draws axis (axis 0): shape (len(probs), units)."""
    return np.asarray(np.quantile(draws, np.asarray(probs), axis=0), dtype=float)
