"""One figure everywhere (数出一门): how every published quantity is estimated, from which
draws, and how it is rounded.

Every output that shows a full-year growth, a probability of meeting the target or an interval
(``forecast``, ``run``, ``brief``, ``optimize``, ``targets``, ``league``, the notebooks) takes
it from the functions below, applied to the draws of one forecast made with
:data:`PUBLISHED_DRAWS` draws and seed :data:`PUBLISHED_SEED` (see ``docs/glossary.md``,
"One figure everywhere"):

- **headline full-year growth** [%]: the forecast's point (the combination's point forecast,
  reconciled), moved by a scenario's change of the mean (:func:`headline_growth`); the
  baseline scenario's headline is the forecast's point exactly;
- **P(meet)** [0-1]: the share of the draws meeting the target (:func:`share_meeting`);
- **intervals** [%]: quantiles 10/90 (80%) and 2.5/97.5 (95%) of the draws
  (:data:`INTERVAL_PROBS`, numpy's default "linear" quantile);
- **completion** [%] of a task (城镇新增就业): its amount over the target's
  (:func:`completion_pct`), the projected full year's being ``fy_completion_pct``;
- **rounding**: growth and gaps to :data:`GROWTH_DECIMALS` places, probabilities to
  :data:`PROBABILITY_DECIMALS` places (a whole percent), half away from zero
  (:func:`round_figure`).

The draws are quasi-random (scrambled Sobol' normals in the forecast's copula,
:func:`~sprintmodel.rng.quasi_normals`), so P(meet) at the default draws moves by well under
one percentage point from seed to seed (``tests/test_one_figure.py``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from sprintmodel.rng import DEFAULT_SEED

if TYPE_CHECKING:
    from sprintmodel.forecast.draws import IndicatorDraws

PUBLISHED_DRAWS = 8192
"""Draws behind every published figure [count]: 2¹³, a power of two so that the scrambled
Sobol' points keep their balance (assumption: the least power of two for which P(meet) of the
example city's targets varies by at most 0.005 over seeds 1-5, measured by
``tests/test_one_figure.py``)."""

PUBLISHED_SEED = DEFAULT_SEED
"""Seed of the published figures (:data:`sprintmodel.rng.DEFAULT_SEED`, 0; assumption: a
fixed, recorded seed)."""

GROWTH_DECIMALS = 1
"""Places of a published growth rate [%] or gap [pp] (statistical bulletins publish growth to
0.1; assumption for gaps)."""

PROBABILITY_DECIMALS = 2
"""Places of a published probability as a share [0-1], i.e. a whole percent (assumption: a
simulation's odds are not known more finely)."""

INTERVAL_PROBS = (0.1, 0.9, 0.025, 0.975)
"""Quantiles of the published intervals: 80% (10th-90th) and 95% (2.5th-97.5th)."""


def headline_growth(draws: IndicatorDraws, fy: np.ndarray | None = None) -> np.ndarray:
    """The headline full-year growth of every unit [%]: the point forecast plus the change of
    the mean that ``fy`` makes to the baseline draws.

    Formula: :math:`g = 100 (\\hat Y / B - 1) + 100 (\\bar y - \\bar y_0) / B` with
    :math:`\\hat Y` the point forecast (:attr:`IndicatorDraws.point_level`), :math:`B` last
    year's full year (:attr:`IndicatorDraws.base_full`), :math:`\\bar y` and
    :math:`\\bar y_0` the means of ``fy`` and of the baseline draws. Means are additive, so the
    change is the attribution's ``delta_pp`` summed; for ``fy`` None (or the baseline's draws)
    the headline is the point forecast itself.

    Parameters
    ----------
    draws
        The baseline's draws of one indicator.
    fy
        A scenario's full-year draws (draws × units) on the same basis, or None.
    """
    base = draws.base_full
    with np.errstate(divide="ignore", invalid="ignore"):
        point = 100.0 * (draws.point_level / base - 1.0)
        if fy is None or fy is draws.fy:
            return np.asarray(point, dtype=np.float64)
        delta = 100.0 * (np.mean(fy, axis=0) - np.mean(draws.fy, axis=0)) / base
    return np.asarray(point + delta, dtype=np.float64)


def completion_pct(value: ArrayLike, target: ArrayLike) -> Any:
    """A task's amount as a share of its target [%]: ``100 value / target``.

    The one home of the completion figure of a completion-type indicator (城镇新增就业: done to
    date, or the projected full year ``fy_completion_pct``), used by ``forecast``, the
    scenario summary (``run``) and the briefing. NaN where the target is not a positive
    amount. Scalars give a float, arrays an array.

    Examples
    --------
    >>> completion_pct(10.32, 10.7), completion_pct(1.0, 0.0)
    (96.44859813084113, nan)
    """
    v = np.asarray(value, dtype=np.float64)
    t = np.asarray(target, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(np.isfinite(t) & (t > 0), 100.0 * v / t, np.nan)
    return float(out) if out.ndim == 0 else out


def share_meeting(sorted_rows: np.ndarray, target: np.ndarray, ceiling: bool) -> np.ndarray:
    """P(meet): the share of each unit's draws meeting its target [0-1] (NaN without target).

    Parameters
    ----------
    sorted_rows
        Each unit's full-year draws sorted ascending (units × draws), NaN last; NaN never
        meets.
    target
        Target level of each unit (units,) on the draws' basis; NaN: no target.
    ceiling
        True for an upper limit (meet = at or below it), else meet = at or above it.

    Examples
    --------
    >>> s = np.array([[1.0, 2.0, 3.0, 4.0]])
    >>> float(share_meeting(s, np.array([2.0]), False)[0]), float(share_meeting(s, np.array([2.0]), True)[0])
    (0.75, 0.5)
    """
    n_units, n = sorted_rows.shape
    out = np.full(n_units, np.nan)
    for u in np.flatnonzero(np.isfinite(target)):
        row = sorted_rows[u]
        if ceiling:
            hits = int(np.searchsorted(row, target[u], side="right"))
        else:
            valid = int(np.searchsorted(row, np.inf, side="right")) if np.isnan(row[-1]) else n
            hits = valid - int(np.searchsorted(row, target[u], side="left"))
        out[u] = hits / n if n else np.nan
    return out


def p_meet(fy: np.ndarray, target: np.ndarray, ceiling: bool) -> np.ndarray:
    """:func:`share_meeting` of unsorted draws ``fy`` (draws × units) [0-1]."""
    return share_meeting(np.sort(np.asarray(fy, dtype=np.float64).T, axis=1), target, ceiling)


def round_figure(value: float, decimals: int) -> float:
    """``value`` rounded half away from zero to ``decimals`` places (NaN stays NaN).

    The one rounding of published figures: :data:`GROWTH_DECIMALS` for growth and gaps,
    :data:`PROBABILITY_DECIMALS` for probabilities; the decimal text of the float is rounded,
    so 5.65 gives 5.7 and 0.125 gives 0.13.

    Examples
    --------
    >>> round_figure(5.65, 1), round_figure(-0.25, 1), round_figure(0.125, 2)
    (5.7, -0.3, 0.13)
    """
    v = float(value)
    if not np.isfinite(v):
        return v
    quantum = Decimal(1).scaleb(-decimals)
    try:
        return float(Decimal(repr(v)).quantize(quantum, rounding=ROUND_HALF_UP))
    except InvalidOperation:  # pragma: no cover - huge values
        return float(Decimal(v).quantize(quantum, rounding=ROUND_HALF_UP))


def round_growth(value: float) -> float:
    """A growth rate [%] or gap [pp] as published (:data:`GROWTH_DECIMALS` places)."""
    return round_figure(value, GROWTH_DECIMALS)


def round_probability(value: float) -> float:
    """A probability [0-1] as published (:data:`PROBABILITY_DECIMALS` places)."""
    return round_figure(value, PROBABILITY_DECIMALS)


HEADLINE_COLUMNS = [
    "unit",
    "indicator",
    "fy_growth",
    "fy_growth_lo80",
    "fy_growth_hi80",
    "target_growth",
    "gap_pp",
    "p_meet_target",
]
"""Columns of the headline tables (``ForecastResult.headlines``, ``ScenarioResult.headlines``):
the published figures of every unit × indicator, unrounded."""


__all__ = [
    "GROWTH_DECIMALS",
    "HEADLINE_COLUMNS",
    "INTERVAL_PROBS",
    "PROBABILITY_DECIMALS",
    "PUBLISHED_DRAWS",
    "PUBLISHED_SEED",
    "completion_pct",
    "headline_growth",
    "p_meet",
    "round_figure",
    "round_growth",
    "round_probability",
    "share_meeting",
]
