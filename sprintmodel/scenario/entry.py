"""Units entering the statistics during the year: 入库纳统, 升规入统, 限上入库.

Two rules of the Chinese statistics decide what an entrant adds:

- **Level: year to date.** A unit registered in a month reports its figure since January of
  that year (自年初累计): a project its investment (NBS 《固定资产投资统计报表制度》, 本年完成投资
  "自年初至报告期末"; :data:`~sprintmodel.scenario.projects.REGISTRATION_SOURCE`), an
  enterprise newly above the size threshold (规模以上工业: main-business revenue of 20 million
  yuan or more; 限额以上批零住餐) its output or sales since January.
- **Growth: the comparable base (同口径).** Growth is computed against last year's figure of
  *the same set of units*: "为保证本年数据与上年可比，计算…同比增长速度所采用的同期数与本期的企业统计范围
  相一致" (NBS monthly release on industrial production, 附注 统计范围; the same note accompanies
  retail sales and investment). The entrant's own last-year value joins the base, so its
  entry raises growth only through its own growth; a unit new in the world (a plant that
  started production, a project that started construction this year) has a base of zero and
  its whole figure is growth.

:func:`entry_effect` applies both rules; the scenario engine's project model applies them to
registrations of projects (:func:`~sprintmodel.scenario.projects.registration_catch_up`: a new
project has no base, so its year-to-date investment is all growth).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike


class EntryEffect(NamedTuple):
    """What entrants do to a total's level and growth (arrays broadcast from the inputs)."""

    level: np.ndarray
    """Year-to-date level with the entrants [亿元]."""
    growth: np.ndarray
    """Year-to-date growth on the comparable base [%]."""
    change_pp: np.ndarray
    """Change of growth from the entrants [pp]."""


def entry_effect(
    level: ArrayLike, base: ArrayLike, entrant: ArrayLike, entrant_base: ArrayLike
) -> EntryEffect:
    """Level and comparable-base growth of a total after units enter the statistics.

    Parameters
    ----------
    level, base
        The total's year-to-date value this year and last year's value of the same period for
        the same units [亿元].
    entrant
        The entrants' year-to-date value this year, counted from January (自年初累计) [亿元].
    entrant_base
        The entrants' own value in the same period last year [亿元]: their output or sales
        while below the threshold (升规入统, 限上入库); 0 for units new this year (a plant newly
        in production, a project newly started).

    Returns
    -------
    EntryEffect
        :math:`L' = L + e`, :math:`g' = 100\\,((L + e)/(B + b) - 1)` and
        :math:`g' - g` with :math:`g = 100\\,(L/B - 1)`.

    Notes
    -----
    The change of growth is :math:`g' - g = 100\\,\\frac{b}{B + b}\\,(\\frac{e}{b} -
    \\frac{L}{B})`: the entrant's weight in the new base times the gap between its own growth
    and the total's; with :math:`b = 0` it is :math:`100\\,e/B`.

    Examples
    --------
    A district's 规上 output 200 (last year 190, growth 5.26%); an enterprise above the threshold
    from October with 12 since January (10 last year, its own growth 20%) lifts the level by
    12 but growth only to 6.00% (+0.74 pp); a new plant with 12 and no base lifts it to
    11.58%:

    >>> r = entry_effect(200.0, 190.0, 12.0, 10.0)
    >>> float(r.level), round(float(r.growth), 2), round(float(r.change_pp), 2)
    (212.0, 6.0, 0.74)
    >>> round(float(entry_effect(200.0, 190.0, 12.0, 0.0).growth), 2)
    11.58
    """
    level_ = np.asarray(level, dtype=np.float64)
    base_ = np.asarray(base, dtype=np.float64)
    e = np.asarray(entrant, dtype=np.float64)
    b = np.asarray(entrant_base, dtype=np.float64)
    new_level = level_ + e
    growth = 100.0 * (new_level / (base_ + b) - 1.0)
    before = 100.0 * (level_ / base_ - 1.0)
    return EntryEffect(new_level, growth, growth - before)


__all__ = ["EntryEffect", "entry_effect"]
