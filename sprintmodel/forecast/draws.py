"""Simulated full-year outcomes: the array contract between the forecast and the scenario engine.

A forecast as of a period produces, for every indicator, draws of each unit's **full-year level**
(draws × units). The scenario engine adds lever and project effects to these draws and
propagates them up the hierarchy; the league, targets and briefing modules read them. Levels are
on one basis per indicator:

- ``nominal`` indicators: values in the indicator's measure, with last year's levels on the
  comparable base (this year's published level ÷ (1 + published growth)).
- ``real`` indicators: volumes at last year's prices, so growth is ``fy / base_full - 1``.

Draws of units that add into a parent (``rollup``) are coherent: in every draw a parent's level
equals the sum of its rollup children plus a fixed residual (the published difference between
the parent and the sum of its children, carried through the year).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from sprintmodel.data import Indicator
from sprintmodel.notes import Note
from sprintmodel.periods import Period


def ancestor_matrix(parent: np.ndarray) -> np.ndarray:
    """Matrix ``A`` with ``A[a, u] = 1`` where ``a`` is ``u`` or a rollup ancestor of ``u``.

    Parameters
    ----------
    parent
        Integer array (units,): index of each unit's rollup parent, -1 where the unit does not
        add into any unit of the array (the root, parks, units whose parent is absent).

    Notes
    -----
    An effect ``delta`` (draws × units) applied where it arises reaches every ancestor as
    ``delta @ A.T``: a project in a district raises the district and the city once each, and a
    park (``parent = -1``) is never added into the city.
    """
    n = len(parent)
    a = np.eye(n)
    for u in range(n):
        p = int(parent[u])
        seen = 0
        while p >= 0:
            a[p, u] = 1.0
            p = int(parent[p])
            seen += 1
            if seen > n:
                raise ValueError("the parent array has a cycle")
    return a


@dataclass(frozen=True, eq=False)
class IndicatorDraws:
    """Full-year draws of one indicator for a set of units.

    Attributes
    ----------
    indicator
        The indicator (its ``basis`` says whether levels are volumes).
    units
        Unit codes (second axis of :attr:`fy`).
    periods
        For each unit, the period its series stands at (``2026Q3`` or ``2026-10``).
    parent
        Integer array (units,): index of each unit's rollup parent in :attr:`units`, -1 if none.
    base_full, base_ytd
        Last year's full-year level and its year-to-date level through the unit's period, on
        the comparable base [measure] (units,).
    ytd_level
        This year's year-to-date level [measure; volume at last year's prices for real] (units,).
    ytd_value
        This year's published year-to-date value at current prices [measure] (units,); NaN
        where only growth is published.
    fy
        Draws of the full-year level (draws × units), same basis as ``ytd_level``.
    notes
        Per-unit notes (method used, fallbacks) as tuples of :class:`~sprintmodel.notes.Note`
        (words: :func:`sprintmodel.words.notes.notes_text`); empty where there is nothing to
        say.
    point
        Point forecast of the full-year level (units,), same basis as :attr:`fy`; None where
        the producer gives none (then the mean of the draws stands in).
    has_level
        Boolean (units,): False where only growth is published, so that the levels are an
        index (last year's full year = 100) and must not be added up; None means all True.
    methods
        Per-unit name of the forecast method used (e.g. ``combination``, ``ratio (fallback)``).
    ytd_growth
        This year's year-to-date growth at each unit's period [%] (units,), or None.
    """

    indicator: Indicator
    units: tuple[str, ...]
    periods: tuple[Period, ...]
    parent: np.ndarray
    base_full: np.ndarray
    base_ytd: np.ndarray
    ytd_level: np.ndarray
    ytd_value: np.ndarray
    fy: np.ndarray
    notes: tuple[tuple[Note, ...], ...] = ()
    point: np.ndarray | None = None
    has_level: np.ndarray | None = None
    methods: tuple[str, ...] = ()
    ytd_growth: np.ndarray | None = None

    @property
    def n_draws(self) -> int:
        """Number of draws."""
        return int(self.fy.shape[0])

    def index(self, unit: str) -> int:
        """Position of ``unit``."""
        return self.units.index(unit)

    @cached_property
    def ancestors(self) -> np.ndarray:
        """:func:`ancestor_matrix` of :attr:`parent`."""
        return ancestor_matrix(self.parent)

    @property
    def base_rest(self) -> np.ndarray:
        """Last year's level of the rest of the year (after each unit's period) [measure]."""
        return self.base_full - self.base_ytd

    def fy_growth(self, fy: np.ndarray | None = None) -> np.ndarray:
        """Full-year growth [%] of ``fy`` draws (default: the baseline), ``100 (fy/base - 1)``."""
        level = self.fy if fy is None else fy
        with np.errstate(divide="ignore", invalid="ignore"):
            return 100.0 * (level / self.base_full - 1.0)

    def rest_growth(self, fy: np.ndarray | None = None) -> np.ndarray:
        """Growth of the rest of the year [%] implied by ``fy`` draws, on last year's rest.

        NaN for non-additive indicators (rates, shares): their full year is a level, not the
        year to date plus the rest of the year.
        """
        level = self.fy if fy is None else fy
        if not self.indicator.additive:
            return np.full(np.shape(level), np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            return 100.0 * ((level - self.ytd_level) / self.base_rest - 1.0)

    def with_fy(self, fy: np.ndarray) -> IndicatorDraws:
        """A copy with other full-year draws (e.g. a scenario's).

        The point forecast, if any, moves by the mean change of the draws.
        """
        point = self.point
        if point is not None and fy.shape == self.fy.shape:
            point = point + np.mean(fy - self.fy, axis=0)
        elif point is not None:
            point = None
        return IndicatorDraws(
            self.indicator,
            self.units,
            self.periods,
            self.parent,
            self.base_full,
            self.base_ytd,
            self.ytd_level,
            self.ytd_value,
            fy,
            self.notes,
            point,
            self.has_level,
            self.methods,
            self.ytd_growth,
        )

    @property
    def point_level(self) -> np.ndarray:
        """Point forecast of the full-year level (units,): :attr:`point` or the draws' mean."""
        return self.point if self.point is not None else np.mean(self.fy, axis=0)

    @property
    def level_known(self) -> np.ndarray:
        """Boolean (units,): levels are published values, not an index (see :attr:`has_level`)."""
        if self.has_level is None:
            return np.ones(len(self.units), dtype=bool)
        return np.asarray(self.has_level, dtype=bool)

    def price_ratio(self) -> np.ndarray:
        """Ratio of current-price to volume levels of the year to date (units,) [1].

        ``ytd_value / ytd_level`` for real indicators (NaN where the value is not published),
        1 for nominal ones. Multiplying a full-year volume by it gives a current-price value,
        assuming the rest of the year's prices move like the year to date's.
        """
        if self.indicator.basis != "real":
            return np.where(self.level_known, 1.0, np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.ytd_level > 0, self.ytd_value / self.ytd_level, np.nan)


@dataclass(frozen=True, eq=False)
class Draws(Mapping[str, IndicatorDraws]):
    """Full-year draws of every indicator, as of one period (a mapping indicator → draws)."""

    as_of: Period
    by_indicator: dict[str, IndicatorDraws] = field(default_factory=dict)
    seed: int | None = None

    def __getitem__(self, indicator: str) -> IndicatorDraws:
        return self.by_indicator[indicator]

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_indicator)

    def __len__(self) -> int:
        return len(self.by_indicator)
