"""Statistics of full-year draws: quantiles, mean and the probability of meeting the target.

What a scenario view shows of each unit × indicator's draws (draws × units): the 10th, 50th
and 90th percentiles of the full-year level, its mean and the share of draws meeting the
target. The engine computes the baseline's once (:func:`baseline_stats`); a scenario
recomputes only the units it moves (:class:`~sprintmodel.scenario.results.ScenarioResult`).

The quantiles are :func:`numpy.quantile`'s default ("linear", Hyndman and Fan's method 7),
bit for bit, but computed from a sort of each unit's draws: numpy's vectorised sort (SIMD
where the processor has it) is several times faster than the multi-point partition
:func:`numpy.quantile` uses, and the interpolation below repeats numpy's own arithmetic
(``numpy.lib._function_base_impl._lerp``). :func:`quantiles` checks once per process that
both agree and falls back to :func:`numpy.quantile` if a numpy version ever differs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from sprintmodel.figures import share_meeting

if TYPE_CHECKING:
    from sprintmodel.scenario.plan import IndicatorPlan

QUANTILES = (0.1, 0.5, 0.9)
"""Quantiles a scenario reports (10th, 50th, 90th percentile)."""


@dataclass(frozen=True)
class IndicatorStats:
    """Statistics of one indicator's full-year draws (arrays over its units).

    Attributes
    ----------
    q
        Quantiles 10/50/90 of the full-year level (3 × units), draws' basis.
    mean
        Mean level (units,).
    p_meet
        Share of draws at or above target (units,), NaN without target.
    """

    q: np.ndarray
    mean: np.ndarray
    p_meet: np.ndarray


def _lerp_sorted(s: np.ndarray, qs: Sequence[float]) -> np.ndarray:
    """Quantiles ``qs`` of each row of ``s`` (units × draws), each row sorted (NaN last).

    Formula: with ``n`` draws and ``v = (n - 1) q``, ``i = ⌊v⌋`` and ``γ = v - i``, the
    quantile is ``a + (b - a) γ`` (``b - (b - a)(1 - γ)`` when ``γ ≥ 0.5``) between the
    sorted draws ``a = x₍ᵢ₎`` and ``b = x₍ᵢ₊₁₎``; a row with a NaN gives NaN.
    Reference: Hyndman and Fan (1996), "Sample quantiles in statistical packages",
    The American Statistician 50(4), method 7.
    """
    n = s.shape[1]
    q = np.asarray(qs, dtype=np.float64)
    v = (n - 1) * q
    prev = np.floor(v)
    nxt = prev + 1
    above = v >= n - 1  # the last draw (numpy's index -1, also for gamma)
    prev[above] = -1
    nxt[above] = -1
    i, j = prev.astype(np.intp), nxt.astype(np.intp)
    gamma = (v - i)[:, None]
    a = s[:, i].T  # quantiles × units
    b = s[:, j].T
    diff = b - a
    out = np.add(a, diff * gamma)
    np.subtract(b, diff * (1 - gamma), out=out, where=gamma >= 0.5)
    nan = np.isnan(s[:, -1])
    if nan.any():
        out[:, nan] = np.nan
    return out


def _sorted_quantiles(x: np.ndarray, qs: Sequence[float]) -> np.ndarray:
    """``np.quantile(x, qs, axis=0)`` (linear method) from a sort of each column."""
    return _lerp_sorted(np.sort(x.T, axis=1), qs)


@cache
def _sorting_agrees() -> bool:
    """Whether :func:`_sorted_quantiles` matches this numpy's :func:`numpy.quantile` exactly."""
    rng = np.random.default_rng(20261015)
    for n in (1, 2, 3, 10, 101, 1000, 1001):
        x = rng.standard_normal((n, 3)) * 1e3
        x[0, 2] = np.nan
        for qs in (QUANTILES, (0.0, 0.25, 0.75, 1.0), (0.05, 0.5, 0.95)):
            if not np.array_equal(
                _sorted_quantiles(x, qs), np.quantile(x, qs, axis=0), equal_nan=True
            ):
                return False
    return True


def quantiles(x: np.ndarray, qs: Sequence[float] = QUANTILES) -> np.ndarray:
    """Quantiles of each column of ``x`` (draws × units): ``np.quantile(x, qs, axis=0)``.

    Returns
    -------
    numpy.ndarray
        (len(qs) × units), identical to :func:`numpy.quantile` (linear method); computed
        from a sort, which is faster (see the module doc).
    """
    if x.ndim != 2 or x.shape[0] == 0 or not _sorting_agrees():
        return np.quantile(x, qs, axis=0)
    return _sorted_quantiles(x, qs)


def indicator_stats(
    plan: IndicatorPlan,
    fy: np.ndarray,
    target: np.ndarray | None = None,
    mean: np.ndarray | None = None,
    *,
    columns: np.ndarray | None = None,
) -> IndicatorStats:
    """Quantiles, mean and probability of meeting the target of ``fy`` (draws × units).

    ``target`` defaults to the plan's target levels (pass a subset with a subset of units);
    ``mean`` may be given when known (the baseline's mean plus the attribution's).
    ``columns`` (bool, units of ``fy``) takes the statistics of those columns only, as if
    ``fy[:, columns]`` were given (one copy fewer).

    The probability is the share of draws meeting the target
    (:func:`sprintmodel.figures.share_meeting`: at or above it, at or below a ceiling; NaN
    never meets), counted on the sorted draws the quantiles use.
    """
    if columns is not None:
        s = fy.T[columns]  # a copy: units × draws
        s.sort(axis=1)
    else:
        s = np.sort(fy.T, axis=1)
    n = s.shape[1]
    if n and _sorting_agrees():
        q = _lerp_sorted(s, QUANTILES)
    else:
        q = np.quantile(fy if columns is None else fy[:, columns], QUANTILES, axis=0)
    target = plan.target_level if target is None else target
    p_meet = share_meeting(s, target, plan.draws.indicator.ceiling)
    if mean is None:
        mean = (fy if columns is None else fy[:, columns]).mean(axis=0)
    return IndicatorStats(q=q, mean=mean, p_meet=p_meet)


def baseline_stats(plans: Mapping[str, IndicatorPlan]) -> dict[str, IndicatorStats]:
    """Statistics of every indicator's baseline draws."""
    return {code: indicator_stats(plan, plan.draws.fy) for code, plan in plans.items()}


__all__ = ["QUANTILES", "IndicatorStats", "baseline_stats", "indicator_stats", "quantiles"]
