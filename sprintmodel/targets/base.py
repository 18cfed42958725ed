"""This year's base of a draft: each unit's projected level and seasonal path.

Every step of :func:`~sprintmodel.targets.draft_targets` (options, allocation, milestones,
investment plan) measures next year's targets on this year's projected full year of a unit ×
indicator, and the milestones and the first-quarter growth follow its seasonal pattern.
:class:`DraftBase` holds both, computed once per unit × indicator.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from sprintmodel.data import DataSet
from sprintmodel.periods import Period
from sprintmodel.targets.config import TargetConfig
from sprintmodel.targets.milestones import milestone_path, seasonal_shares, this_year_path
from sprintmodel.targets.nextyear import NextYearDraws


class Season:
    """Seasonal pattern and this year's year to date of one unit × indicator.

    The pattern is :func:`seasonal_shares` over the last ``n_years`` years, this year included
    (its shares on the projected full year, for the periods published).
    """

    def __init__(
        self,
        data: DataSet,
        code: str,
        unit: str,
        year: int,
        k_now: int,
        n_years: int,
        full_year: float,
    ) -> None:
        try:
            freq = data.frequency(unit, code)
        except KeyError:
            freq = "Q"
        self.freq = freq
        panel = data.panel(code, freq, units=[unit], years=list(range(year - 15, year + 1)))
        rows = panel.ytd_value[0].copy()
        self.ytd = rows[-1].copy()
        current = np.full(panel.steps, np.nan)
        current[: k_now + 1] = self.ytd[: k_now + 1]
        current[-1] = full_year
        rows[-1] = current
        self.shares = seasonal_shares(rows, n_years)
        self.k_now = k_now
        self.steps = panel.steps

    def path(self, full_year: float) -> np.ndarray:
        """This year's year to date by period, filled after the data (:func:`this_year_path`)."""
        return this_year_path(self.ytd, full_year, self.shares, self.k_now)

    def known(self) -> bool:
        """At least two periods of the pattern are known."""
        return bool(np.isfinite(self.shares).sum() >= 2)


class DraftBase:
    """This year's projected levels and seasonal paths of every unit × indicator of a draft.

    Parameters
    ----------
    dataset
        The data folder's data.
    next_year
        Next year's growth draws by indicator (:func:`~sprintmodel.targets.next_year_draws`).
    as_of
        The period of this year's data (the seasonal pattern uses data up to it).
    config
        Settings (``season_years``).
    """

    def __init__(
        self,
        dataset: DataSet,
        next_year: Mapping[str, NextYearDraws],
        as_of: Period,
        config: TargetConfig,
    ) -> None:
        self.dataset = dataset
        self.next_year = next_year
        self.as_of = as_of
        self.config = config
        self._data = dataset.until(as_of)
        self._seasons: dict[tuple[str, str], Season] = {}

    def value(self, code: str, unit: str) -> float:
        """This year's projected full year at current prices [measure] (NaN without levels).

        The forecast's point level times its price ratio, :math:`F = \\hat Y \\cdot p`.
        """
        ny = self.next_year[code]
        i = ny.index(unit)
        d = ny.this_year
        if not ny.has_level[i]:
            return float("nan")
        return float(d.point_level[i] * d.price_ratio()[i])

    def amount_target(self, code: str, unit: str) -> bool:
        """Whether ``unit``'s target of ``code`` is an amount to complete, not a growth rate.

        As this year's target was set: a level without a growth (城镇新增就业 10.7 万人) is an
        amount; a unit without a target this year follows the whole's.
        """
        year = self.as_of.year
        tg, tv = self.dataset.target(unit, code, year)
        if not (np.isfinite(tg) or np.isfinite(tv)):
            tg, tv = self.dataset.target(self.dataset.root, code, year)
        return bool(np.isfinite(tv) and not np.isfinite(tg))

    def season(self, code: str, unit: str) -> Season:
        """The seasonal pattern of ``unit`` × ``code`` (computed once)."""
        key = (code, unit)
        if key not in self._seasons:
            ny = self.next_year[code]
            k_now = ny.this_year.periods[ny.index(unit)].index - 1
            self._seasons[key] = Season(
                self._data,
                code,
                unit,
                self.as_of.year,
                k_now,
                self.config.season_years,
                self.value(code, unit),
            )
        return self._seasons[key]

    def q1_growth(self, code: str, unit: str, growth: float) -> float:
        """Growth [%] of next year's first quarter (March for monthly data) on the target path.

        The annual ``growth`` itself when the seasonal pattern or the level is unknown.
        """
        s = self.season(code, unit)
        f = self.value(code, unit)
        if not s.known() or not np.isfinite(f):
            return float(growth)
        k = 0 if s.freq == "Q" else 2
        _, g = milestone_path(f * (1 + growth / 100.0), s.shares, s.path(f))
        return float(g[k])


__all__ = ["DraftBase", "Season"]
