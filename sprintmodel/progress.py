"""Time progress (时序进度): completion against the share of the year gone."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from sprintmodel.ytd import FloatArray, _as_float


@dataclass(frozen=True)
class TimeProgress:
    """Time progress of one or many plans (arrays broadcast).

    Attributes
    ----------
    completion_pct
        Year-to-date value as a share of the annual plan [%].
    elapsed_pct
        Share of the year gone [%] (e.g. 75 after Q3, 83.3 after October).
    points_ahead
        ``completion_pct - elapsed_pct`` [pp]; negative is behind schedule.
    still_needed
        Plan minus year to date [measure].
    needed_per_period
        ``still_needed`` spread evenly over the remaining periods [measure per period]; NaN
        when no period is left.
    """

    completion_pct: FloatArray
    elapsed_pct: FloatArray
    points_ahead: FloatArray
    still_needed: FloatArray
    needed_per_period: FloatArray


def time_progress(
    ytd_value: ArrayLike, annual_plan: ArrayLike, periods_done: ArrayLike, steps: int
) -> TimeProgress:
    """Completion rate, points ahead or behind and amount still needed per remaining period.

    Parameters
    ----------
    ytd_value
        Year-to-date value [measure].
    annual_plan
        Annual target or plan [measure].
    periods_done
        Periods elapsed (e.g. 3 after Q3, 10 after October).
    steps
        Periods in a year (4 or 12).

    Notes
    -----
    The planners' rule is "time progress": after k of n periods the plan should be k/n done.
    ``completion = 100 Y_k / P``, ``elapsed = 100 k / n``, ``ahead = completion - elapsed``,
    ``per period = (P - Y_k) / (n - k)``.

    Examples
    --------
    An investment plan of 120 with 100 done by October: 83.3% complete, on schedule, 10 a month.

    >>> tp = time_progress(100.0, 120.0, 10, 12)
    >>> round(float(tp.points_ahead), 6), float(tp.needed_per_period)
    (0.0, 10.0)
    """
    y = _as_float(ytd_value)
    plan = _as_float(annual_plan)
    k = _as_float(periods_done)
    completion = 100.0 * y / plan
    elapsed = 100.0 * k / steps
    needed = plan - y
    remaining = steps - k
    with np.errstate(divide="ignore", invalid="ignore"):
        per = needed / remaining
    per = np.where(remaining > 0, per, np.nan)
    return TimeProgress(
        completion,
        np.broadcast_to(elapsed, completion.shape).copy(),
        completion - elapsed,
        needed,
        per,
    )
