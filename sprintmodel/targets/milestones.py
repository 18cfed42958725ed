"""Time-progress milestones (时序进度) of an annual target, and the 双过半 check.

A target for next year is a full-year level :math:`T` (this year's full year × (1 + growth)).
To be on track, each unit's year to date should reach its usual share of the year by each
period: with :math:`\\bar s_k` the median over recent years of "year to date through period k ÷
full year" (the seasonal pattern),

.. math:: M_k = \\bar s_k \\, T, \\qquad g_k = 100 \\left(\\frac{M_k}{Y_k} - 1\\right)

where :math:`Y_k` is this year's year-to-date value through ``k`` (published, or, for periods
after the data, interpolated between the latest published period and the projected full year
along the seasonal pattern). Because :math:`\\bar s` rises to 1, the milestones rise through
the year and end at the target; the last one's growth is the target growth.

双过半 ("both halves above half") is checked at mid-year as practice uses it, one rule per kind
of target:

- an **amount** to complete (a target set as a level, e.g. new urban jobs 10.7 万人): the first
  half completes at least half of the year's amount (时间过半、任务过半), :math:`M_{H1} \\ge T/2`;
- a **growth** target: the first half's growth is not below the annual target,
  :math:`g_{H1} \\ge G`.

The smallest first-half value meeting it is :math:`T/2` (amount) or :math:`Y_{H1}(1 + G/100)`
(growth).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from sprintmodel.ytd import FloatArray, _as_float

DoubleHalfRule = Literal["amount", "growth"]
"""Kind of target for the 双过半 check: an amount to complete, or a growth rate."""


def seasonal_shares(ytd_values: ArrayLike, n_years: int = 5) -> FloatArray:
    """Median share of the full year reached by each period [0-1] (steps,).

    Parameters
    ----------
    ytd_values
        Year-to-date values of past complete years (years × steps) [measure], oldest first.
    n_years
        Most recent complete years used [years].

    Returns
    -------
    numpy.ndarray
        :math:`\\bar s_k = \\mathrm{median}_y (Y_{y,k} / Y_{y,\\mathrm{last}})`, made
        non-decreasing and capped at 1, with the last period exactly 1; NaN where no year
        has the period (e.g. January of series published with February), all NaN when no
        complete year with a positive full year is known.

    Examples
    --------
    >>> seasonal_shares([[20.0, 45.0, 70.0, 100.0], [22.0, 46.0, 72.0, 100.0]])
    array([0.21 , 0.455, 0.71 , 1.   ])
    """
    v = _as_float(ytd_values)
    if v.ndim != 2 or v.shape[0] == 0:
        return np.full(v.shape[-1] if v.ndim else 0, np.nan)
    full = v[:, -1]
    ok = np.isfinite(full) & (full > 0)
    rows = v[ok][-n_years:]
    steps = v.shape[1]
    if rows.shape[0] == 0:
        return np.full(steps, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = rows / rows[:, -1:]
    med = np.full(steps, np.nan)
    for k in range(steps):
        col = share[:, k]
        col = col[np.isfinite(col)]
        if col.size:
            med[k] = float(np.median(col))
    med[-1] = 1.0
    # Flows never fall within a year: keep the pattern non-decreasing and within [0, 1].
    known = np.isfinite(med)
    run = np.maximum.accumulate(np.where(known, np.clip(med, 0.0, 1.0), -np.inf))
    return np.where(known, run, np.nan)


def this_year_path(ytd: ArrayLike, full_year: float, shares: ArrayLike, k_now: int) -> FloatArray:
    """This year's year to date by period [measure], filled after the data along the pattern.

    Parameters
    ----------
    ytd
        This year's published year-to-date values (steps,), NaN where not published.
    full_year
        This year's projected full-year value [measure].
    shares
        The seasonal pattern :func:`seasonal_shares`.
    k_now
        Index (0-based) of the latest published period.

    Notes
    -----
    After the latest period :math:`a`, :math:`Y_k = Y_a + (F - Y_a)\\,(\\bar s_k - \\bar s_a)/(1 -
    \\bar s_a)`; the last period is the projected full year :math:`F`.
    """
    y = _as_float(ytd).copy()
    s = _as_float(shares)
    steps = y.size
    a = k_now
    ya = y[a] if 0 <= a < steps else np.nan
    sa = s[a] if 0 <= a < steps else np.nan
    for k in range(max(a + 1, 0), steps):
        if np.isfinite(ya) and np.isfinite(sa) and sa < 1.0 and np.isfinite(s[k]):
            y[k] = ya + (full_year - ya) * (s[k] - sa) / (1.0 - sa)
        else:
            y[k] = full_year * s[k] if np.isfinite(s[k]) else np.nan
    y[-1] = full_year
    return y


def milestone_path(
    target_level: float, shares: ArrayLike, base_path: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """On-track year-to-date values and growth by period.

    Parameters
    ----------
    target_level
        Annual target level :math:`T` [measure].
    shares
        Seasonal pattern :math:`\\bar s_k` (steps,).
    base_path
        This year's year to date by period :math:`Y_k` (:func:`this_year_path`).

    Returns
    -------
    (values, growth)
        :math:`M_k = \\bar s_k T` [measure] and :math:`100 (M_k / Y_k - 1)` [%].

    Examples
    --------
    Last year 20/45/70/100, a target of 106: on track is 21.2 by Q1 (+6%).

    >>> v, g = milestone_path(106.0, [0.2, 0.45, 0.7, 1.0], [20.0, 45.0, 70.0, 100.0])
    >>> v.round(2).tolist(), g.round(2).tolist()
    ([21.2, 47.7, 74.2, 106.0], [6.0, 6.0, 6.0, 6.0])
    """
    s = _as_float(shares)
    base = _as_float(base_path)
    values = target_level * s
    with np.errstate(invalid="ignore", divide="ignore"):
        growth = np.where(base > 0, 100.0 * (values / base - 1.0), np.nan)
    return values, growth


def double_half(
    target_level: float,
    target_growth: float,
    h1_share: float,
    h1_base: float,
    rule: DoubleHalfRule = "growth",
) -> dict[str, float | bool | str]:
    """The 双过半 check at mid-year on the seasonal path.

    Parameters
    ----------
    target_level, target_growth
        Annual target :math:`T` [measure] and :math:`G` [%].
    h1_share
        Seasonal share of the year reached by the end of June :math:`\\bar s_{H1}` [0-1].
    h1_base
        This year's first-half year to date :math:`Y_{H1}` [measure].
    rule
        ``"amount"``: the target is an amount to complete, 双过半 is :math:`M_{H1} \\ge T/2`;
        ``"growth"``: a growth target, 双过半 is :math:`g_{H1} \\ge G` (see the module).

    Returns
    -------
    dict
        ``double_half_rule``, ``h1_share_pct`` [%], ``h1_value_on_path`` :math:`T \\bar s_{H1}`,
        ``h1_growth_on_path`` [%], ``double_half_on_path`` (the rule holds on the seasonal
        path), ``h1_value_for_double_half`` (:math:`T/2`, or :math:`Y_{H1}(1+G/100)`),
        ``h1_growth_for_double_half`` [%] (the first half's growth that value means: :math:`G`
        itself for a growth target) and ``extra_pp`` (growth needed above the path [pp]).
        Without this year's first half (``h1_base`` NaN) the growth rule cannot be judged:
        ``double_half_on_path`` is False and the value needed NaN.

    Examples
    --------
    A growth target of 6% with a first half usually 47% of the year: on the path the first
    half grows 6%, which is the rule; half of the annual level (53) is not asked for.

    >>> r = double_half(106.0, 6.0, 0.47, 47.0)
    >>> bool(r["double_half_on_path"]), round(r["h1_growth_for_double_half"], 2)
    (True, 6.0)

    An amount of 106 to complete: the first half must reach 53, 12.77% above last year's 47.

    >>> r = double_half(106.0, 6.0, 0.47, 47.0, rule="amount")
    >>> bool(r["double_half_on_path"]), round(r["h1_growth_for_double_half"], 2)
    (False, 12.77)
    """
    if rule not in ("amount", "growth"):
        raise ValueError(f"rule must be 'amount' or 'growth', not {rule!r}")
    on_path = target_level * h1_share
    ok_base = bool(np.isfinite(h1_base) and h1_base > 0)
    g_path = 100.0 * (on_path / h1_base - 1.0) if ok_base else float("nan")
    if rule == "amount":
        need = 0.5 * target_level
        g_need = 100.0 * (need / h1_base - 1.0) if ok_base else float("nan")
        holds = bool(on_path >= need - 1e-9)
    else:
        need = h1_base * (1.0 + target_growth / 100.0) if ok_base else float("nan")
        g_need = float(target_growth)
        holds = bool(ok_base and g_path >= target_growth - 1e-9)
    return {
        "double_half_rule": rule,
        "h1_share_pct": 100.0 * h1_share,
        "h1_value_on_path": on_path,
        "h1_growth_on_path": g_path,
        "double_half_on_path": holds,
        "h1_value_for_double_half": need,
        "h1_growth_for_double_half": g_need,
        "extra_pp": g_need - g_path if ok_base else float("nan"),
    }


__all__ = [
    "DoubleHalfRule",
    "double_half",
    "milestone_path",
    "seasonal_shares",
    "this_year_path",
]
