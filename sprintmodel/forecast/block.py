"""One indicator's history as dense arrays, with the bases every forecast method needs.

A :class:`SeriesBlock` holds, for one indicator and one frequency, the published year-to-date
values and growth of several units (units × years × periods) and derives from them, for every
year ``y`` and period ``k`` at once, the quantities of the data contract:

- ``base_ytd[u, y, k]``, ``base_full[u, y, k]``: last year's year-to-date (through ``k``) and
  full-year levels on the comparable base [measure];
- ``level[u, y, k]``: this year's year-to-date level on the same basis (a volume at last year's
  prices for ``real`` indicators) [measure];
- ``share[u, y, k]``: ``base_ytd / base_full``, the weight of the year to date in the full year.

Forecast methods predict the **rest-of-year growth** ``r`` [%] (growth of the periods after
``k`` on the same periods of last year); the full-year growth then follows as

.. math:: G = s\\,g_k + (1 - s)\\,r, \\qquad s = B_k / B

with :math:`g_k` the year-to-date growth and :math:`B_k, B` the bases. Everything here is pure
numpy; nothing is fitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from sprintmodel.data import DataSet, Indicator
from sprintmodel.periods import STEPS_PER_YEAR, Frequency
from sprintmodel.ytd import FloatArray, single_from_ytd


def _shift_year(a: FloatArray) -> FloatArray:
    """``a`` moved one year later along axis 1 (year ``y`` holds year ``y-1``); NaN first."""
    out = np.full_like(a, np.nan)
    out[:, 1:] = a[:, :-1]
    return out


def _ffill_years(a: FloatArray) -> FloatArray:
    """Carry the last non-NaN value forward along axis 1 (years)."""
    out = a.copy()
    for y in range(1, out.shape[1]):
        prev = out[:, y - 1]
        out[:, y] = np.where(np.isnan(out[:, y]), prev, out[:, y])
    return out


@dataclass(frozen=True, eq=False)
class SeriesBlock:
    """Year-to-date history of one indicator at one frequency for several units.

    Attributes
    ----------
    indicator
        The indicator (``basis`` decides how levels are formed).
    freq
        ``"Q"`` or ``"M"``.
    units
        Unit codes (axis 0).
    years
        Calendar years (axis 1), consecutive.
    value
        Published year-to-date values [measure] (units × years × periods); NaN where not
        published.
    published_growth
        Published year-to-date growth [%]; NaN where not published.
    """

    indicator: Indicator
    freq: Frequency
    units: tuple[str, ...]
    years: np.ndarray
    value: np.ndarray
    published_growth: np.ndarray

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_dataset(
        cls,
        dataset: DataSet,
        indicator: str,
        freq: Frequency,
        units: list[str] | tuple[str, ...] | None = None,
        last_year: int | None = None,
    ) -> SeriesBlock:
        """The block of ``indicator`` at ``freq`` (units with that frequency only).

        Parameters
        ----------
        dataset
            Loaded data (already cut at the forecast's period with :meth:`DataSet.until`).
        indicator
            Indicator code.
        freq
            ``"Q"`` (quarterly series) or ``"M"`` (monthly series).
        units
            Units to include (default: every unit whose series of ``indicator`` has frequency
            ``freq``, in file order).
        last_year
            Extend the year axis to this year (default: the last year in the data).
        """
        keys = dataset.series_keys
        if units is None:
            present = set(keys[(keys.indicator == indicator) & (keys.freq == freq)].unit)
            units = [u for u in dataset.hierarchy if u in present]
        obs = dataset.observations
        obs = obs[(obs.indicator == indicator) & obs.unit.isin(list(units))]
        if len(obs):
            first = int(obs.year.min())
            last = int(obs.year.max()) if last_year is None else max(int(obs.year.max()), last_year)
            years: list[int] = list(range(first, last + 1))
        else:
            years = [] if last_year is None else [last_year]
        panel = dataset.panel(indicator, freq, units=list(units), years=years)
        return cls(
            panel.indicator,
            freq,
            tuple(units),
            panel.years,
            panel.ytd_value,
            panel.ytd_growth,
        )

    def subset(self, rows: np.ndarray | list[int]) -> SeriesBlock:
        """The block restricted to the units at positions ``rows``."""
        idx = np.asarray(rows, dtype=int)
        return SeriesBlock(
            self.indicator,
            self.freq,
            tuple(self.units[i] for i in idx),
            self.years,
            self.value[idx],
            self.published_growth[idx],
        )

    # ------------------------------------------------------------------ shapes
    @property
    def steps(self) -> int:
        """Periods per year (4 or 12)."""
        return STEPS_PER_YEAR[self.freq]

    @property
    def is_real(self) -> bool:
        """True for ``real`` indicators (levels are volumes at last year's prices)."""
        return self.indicator.basis == "real"

    def year_index(self, year: int) -> int:
        """Position of ``year`` on axis 1 (KeyError if absent)."""
        hits = np.flatnonzero(self.years == year)
        if not len(hits):
            raise KeyError(year)
        return int(hits[0])

    # ------------------------------------------------------------------ derived arrays
    @cached_property
    def last_value(self) -> FloatArray:
        """Last year's published year-to-date values of the same periods [measure]."""
        return _shift_year(self.value)

    @cached_property
    def growth(self) -> FloatArray:
        """Year-to-date growth [%]: published where given, else (nominal) from values."""
        if self.is_real:
            return self.published_growth.copy()
        with np.errstate(divide="ignore", invalid="ignore"):
            derived = 100.0 * (self.value / self.last_value - 1.0)
        derived = np.where(self.last_value > 0, derived, np.nan)
        return np.where(np.isnan(self.published_growth), derived, self.published_growth)

    @cached_property
    def base_ytd(self) -> FloatArray:
        """Last year's year-to-date level on the comparable base [measure].

        Real: last year's published value. Nominal: this year's value ÷ (1 + growth) where
        both are published, else last year's published value.
        """
        if self.is_real:
            return self.last_value
        with np.errstate(divide="ignore", invalid="ignore"):
            comparable = self.value / (1.0 + self.published_growth / 100.0)
        return np.where(np.isnan(comparable), self.last_value, comparable)

    @cached_property
    def base_full(self) -> FloatArray:
        """Last year's full-year level on the comparable base of period ``k`` [measure].

        Real: last year's published full year. Nominal: last year's full year scaled by the
        revision of the year-to-date base, ``Y_{t-1} B_k / Y_{t-1,k}`` (an assumption: the
        office's revision of last year applies evenly across the year, as in
        :func:`sprintmodel.requirement.rest_of_year_requirement`).
        """
        last_full = self.last_value[:, :, -1:]
        if self.is_real:
            return np.broadcast_to(last_full, self.value.shape).copy()
        with np.errstate(divide="ignore", invalid="ignore"):
            return last_full * self.base_ytd / self.last_value

    @cached_property
    def level(self) -> FloatArray:
        """This year's year-to-date level on the contract's basis [measure].

        Real: volume at last year's prices ``Y_{t-1,k}(1 + g_k/100)``. Nominal: the published
        value, else last year's value × (1 + growth).
        """
        implied = self.base_ytd * (1.0 + self.growth / 100.0)
        if self.is_real:
            return implied
        return np.where(np.isnan(self.value), implied, self.value)

    @cached_property
    def has_level(self) -> np.ndarray:
        """Boolean (units × years × periods): levels and bases are known at ``(y, k)``."""
        return ~np.isnan(self.level) & ~np.isnan(self.base_full) & (self.base_full > 0)

    @cached_property
    def share(self) -> FloatArray:
        """Weight of the year to date in the full year, ``B_k / B`` [0-1].

        Where last year's levels are missing (growth-only series, a new unit) the latest
        earlier share of the same period is carried forward, else the share of time elapsed
        ``(k+1)/steps`` (an assumption: flat seasonality).
        """
        with np.errstate(divide="ignore", invalid="ignore"):
            last_share = self.last_value / self.last_value[:, :, -1:]
        own = np.where(self.has_level, self.base_ytd / self.base_full, np.nan)
        own = np.where(np.isnan(own), last_share, own)
        # Shares of earlier years: this year's own published within-year share (known at the
        # end of each past year) carried forward.
        with np.errstate(divide="ignore", invalid="ignore"):
            year_share = self.value / self.value[:, :, -1:]
        carried = _shift_year(_ffill_years(year_share))
        out = np.where(np.isnan(own), carried, own)
        elapsed = (np.arange(self.steps) + 1.0) / self.steps
        out = np.where(np.isnan(out) | (out <= 0) | (out > 1), elapsed[None, None, :], out)
        return out

    @cached_property
    def volume(self) -> FloatArray:
        """Year-to-date volume on last year's comparable base, ``B_k (1 + g_k/100)`` [measure]."""
        return self.base_ytd * (1.0 + self.growth / 100.0)

    @cached_property
    def single_growth(self) -> FloatArray:
        """Single-period (当季/当月) growth on the same period of last year [%].

        ``(V_k - V_{k-1}) / (B_k - B_{k-1}) - 1`` with ``V`` the volumes and ``B`` the bases
        (:func:`sprintmodel.ytd.single_growth_from_ytd`); the first published period of a year
        is its own single period.
        """
        vol = single_from_ytd(self.volume)
        base = single_from_ytd(self.base_ytd)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = 100.0 * (vol / base - 1.0)
        return np.where(base > 0, out, np.nan)

    def window_growth(self, k: int, width: int) -> FloatArray:
        """Growth [%] of the ``width`` periods ending at ``k`` (units × years).

        ``(V_k - V_{k-w}) / (B_k - B_{k-w}) - 1``; where fewer than ``width`` periods have
        passed (or the earlier period is unpublished) it is the year-to-date growth.
        """
        j = k - width
        if j < 0 or np.all(np.isnan(self.volume[:, :, j])):
            return self.growth[:, :, k].copy()
        dv = self.volume[:, :, k] - self.volume[:, :, j]
        db = self.base_ytd[:, :, k] - self.base_ytd[:, :, j]
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(db > 0, 100.0 * (dv / db - 1.0), np.nan)
        return np.where(np.isnan(out), self.growth[:, :, k], out)

    # ------------------------------------------------------------------ outcomes
    @cached_property
    def fy_growth(self) -> FloatArray:
        """Actual full-year growth [%] (units × years): the year-end row's growth."""
        return self.growth[:, :, -1]

    def fy_level(self, k: int) -> FloatArray:
        """Actual full-year level on the basis of period ``k``'s bases [measure] (units × years).

        Nominal: the published year-end value. Real: the volume ``B (1 + G/100)``.
        """
        if self.is_real:
            return self.base_full[:, :, k] * (1.0 + self.fy_growth / 100.0)
        return self.value[:, :, -1]

    def rest_growth_actual(self, k: int) -> FloatArray:
        """Actual rest-of-year growth [%] after period ``k`` (units × years), from growth.

        ``r = (G - s g_k) / (1 - s)``; NaN at the year's last period.
        """
        s = self.share[:, :, k]
        with np.errstate(divide="ignore", invalid="ignore"):
            return (self.fy_growth - s * self.growth[:, :, k]) / (1.0 - s)


def fy_growth_from_rest(share: FloatArray, ytd_growth: FloatArray, rest: FloatArray) -> FloatArray:
    """Full-year growth [%] from the year to date and the rest of the year.

    Notes
    -----
    .. math:: G = s\\,g_k + (1 - s)\\,r

    with :math:`s = B_k/B` the year to date's share of last year's full year, :math:`g_k` the
    year-to-date growth [%] and :math:`r` the rest-of-year growth [%].
    """
    return share * ytd_growth + (1.0 - share) * rest


def rest_from_fy_growth(share: FloatArray, ytd_growth: FloatArray, fy: FloatArray) -> FloatArray:
    """Rest-of-year growth [%] implied by a full-year growth (inverse of the above)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return (fy - share * ytd_growth) / (1.0 - share)
