"""GDP's components (industries) per unit as dense arrays, and their consistency with GDP.

A data folder will declare GDP's components for every unit (the 11 NBS industries, or a
coarser split) in tidy rows of :data:`COMPONENT_COLUMNS`, quarterly, year to date, as published:
value added at current prices [亿元] and real growth [%]. This module turns such rows (already
read and checked by the folder's reader) into a :class:`ComponentPanel` of arrays
``unit × component × year × quarter`` and checks them against the units' own GDP
(:func:`check_components`): the components' values add up to GDP, and their growth weighted by
last year's value added reproduces GDP's growth, each within a stated tolerance. Nothing here
reads files.

Files of a data folder (read by :mod:`sprintmodel.data.readers.components`, see
``docs/data_contract.md``):

- ``components.csv``: ``indicator, component, name_zh, name_en`` — the split, in display order;
- ``component_observations.csv``: :data:`COMPONENT_COLUMNS`, one row per unit × component ×
  quarter (``YYYYQn``), ``ytd_value`` and ``ytd_growth`` as in ``observations.csv``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sprintmodel.accounts.build import IndustryAccounts, build_accounts, ytd_growth_built
from sprintmodel.periods import Period, as_period
from sprintmodel.ytd import FloatArray

COMPONENT_COLUMNS = ("unit", "indicator", "component", "period", "ytd_value", "ytd_growth")
"""Columns of ``component_observations.csv``."""

LEVEL_TOL_PCT = 0.1
"""Largest difference between the sum of the components' values and the unit's GDP, as a share
of GDP [%] (assumption: published values are rounded, e.g. to 0.1 亿元, so 11 rounded
components differ from the total by well under 0.1%; China's 11 industries are within 0.2 亿元
of GDP's 300,000 亿元 or more from 2023, exactly equal before; a component left out is 1% or
more)."""

GROWTH_TOL_PP = 0.3
"""Largest difference between the growth built from the components and the unit's published GDP
growth [pp] (assumption sized on China's accounts: every quarter 1993–2026 but 2015 is within
0.25 pp, the 11 industries' and GDP's growth each being rounded to 0.1; 2015 cannot be built,
see ``data/china_national/SOURCES.md``)."""


@dataclass(frozen=True, eq=False)
class ComponentPanel:
    """Year-to-date components of one indicator for several units as dense arrays.

    Attributes
    ----------
    indicator
        The indicator the components make up (``gdp``).
    units
        Unit codes, the first axis.
    components
        Component codes, the second axis.
    years
        Calendar years, the third axis.
    ytd_value
        Year-to-date value at current prices [亿元], ``unit × component × year × quarter``;
        NaN where not published (or where a component is absent from a unit).
    ytd_growth
        Year-to-date real growth [%], same shape.
    """

    indicator: str
    units: tuple[str, ...]
    components: tuple[str, ...]
    years: np.ndarray
    ytd_value: FloatArray
    ytd_growth: FloatArray

    def year_index(self, year: int) -> int:
        """Position of ``year`` on the third axis."""
        hits = np.flatnonzero(self.years == year)
        if not len(hits):
            raise KeyError(f"year {year} not in the components ({self.years.min()}–...)")
        return int(hits[0])

    def accounts(
        self, period: str | Period, published_growth: FloatArray | None = None
    ) -> IndustryAccounts:
        """The units' accounts at one quarter (``unit × component`` arrays, components last).

        Parameters
        ----------
        period
            ``YYYYQn`` (or a quarter-end month); the previous year must be in the panel.
        published_growth
            The units' own published growth at that quarter [%], shape ``(units,)``.
        """
        p = as_period(period).to_quarter()
        y = self.year_index(p.year)
        if y == 0:
            raise KeyError(f"no year before {p.year} in the components: nothing to weight by")
        k = p.index - 1
        return build_accounts(
            self.ytd_value[:, :, y - 1, k],
            self.ytd_growth[:, :, y, k],
            published_growth,
            axis=-1,
        )

    def built_growth(self) -> FloatArray:
        """Growth built from the components [%], ``unit × year × quarter`` (NaN the first year)."""
        out = np.full((len(self.units), len(self.years), 4), np.nan)
        out[:, 1:, :] = ytd_growth_built(
            self.ytd_value[:, :, :-1, :], self.ytd_growth[:, :, 1:, :], axis=1
        )
        return out


def component_panel(
    rows: pd.DataFrame,
    indicator: str = "gdp",
    *,
    units: Sequence[str] | None = None,
    components: Sequence[str] | None = None,
    years: Sequence[int] | None = None,
) -> ComponentPanel:
    """Dense arrays from tidy component rows (the columns of :data:`COMPONENT_COLUMNS`).

    Parameters
    ----------
    rows
        One row per unit × indicator × component × quarter, periods ``YYYYQn``; values and
        growth as floats (NaN where not published). Rows of other indicators are ignored.
    indicator
        The indicator the components make up.
    units, components, years
        Axes (default: as they first appear in ``rows``; years the span of the rows).
    """
    r = rows[rows.indicator == indicator]
    unit_codes = list(dict.fromkeys(r.unit)) if units is None else list(units)
    comp_codes = list(dict.fromkeys(r.component)) if components is None else list(components)
    periods = [as_period(str(p)).to_quarter() for p in r.period]
    year = np.array([p.year for p in periods], dtype=int)
    quarter = np.array([p.index - 1 for p in periods], dtype=int)
    if years is None:
        years = list(range(int(year.min()), int(year.max()) + 1)) if len(r) else []
    year_arr = np.asarray(years, dtype=int)
    shape = (len(unit_codes), len(comp_codes), len(year_arr), 4)
    value = np.full(shape, np.nan)
    growth = np.full(shape, np.nan)
    if len(r) and len(year_arr):
        ui = r.unit.map({u: i for i, u in enumerate(unit_codes)}).to_numpy()
        ci = r.component.map({c: i for i, c in enumerate(comp_codes)}).to_numpy()
        yi = year - year_arr[0]
        ok = ~pd.isna(ui) & ~pd.isna(ci) & (yi >= 0) & (yi < len(year_arr))
        at = (ui[ok].astype(int), ci[ok].astype(int), yi[ok], quarter[ok])
        value[at] = r.ytd_value.to_numpy(dtype=float)[ok]
        growth[at] = r.ytd_growth.to_numpy(dtype=float)[ok]
    return ComponentPanel(indicator, tuple(unit_codes), tuple(comp_codes), year_arr, value, growth)


CHECK_COLUMNS = ["unit", "period", "check", "published", "built", "difference", "tolerance"]
"""Columns of :func:`check_components`' table; ``message`` follows."""


def check_components(
    components: ComponentPanel,
    whole_value: FloatArray,
    whole_growth: FloatArray,
    *,
    level_tol_pct: float = LEVEL_TOL_PCT,
    growth_tol_pp: float = GROWTH_TOL_PP,
) -> pd.DataFrame:
    """Where the components do not make up the units' own GDP.

    Parameters
    ----------
    components
        The units' components.
    whole_value, whole_growth
        The units' own year-to-date value [亿元] and growth [%], ``unit × year × quarter``
        aligned with ``components`` (e.g. ``DataSet.panel("gdp", "Q", units=..., years=...)``).
    level_tol_pct
        Tolerance on the sum of values, as a share of the unit's value [%].
    growth_tol_pp
        Tolerance on the built growth [pp].

    Returns
    -------
    pandas.DataFrame
        One row per unit × quarter × check (``levels`` or ``growth``) outside its tolerance,
        columns :data:`CHECK_COLUMNS` and ``message`` (naming the unit, the quarter, both
        figures and what to fix). Quarters where either side is not published are not checked;
        a quarter whose growth cannot be built (a component with value added but no growth, or
        the reverse) is reported.
    """
    value = np.asarray(whole_value, dtype=float)
    growth = np.asarray(whole_growth, dtype=float)
    comp = components.ytd_value
    published_any = np.isfinite(comp).any(axis=1)
    total = np.where(published_any, np.nansum(comp, axis=1), np.nan)
    built = components.built_growth()
    tol = np.abs(value) * level_tol_pct / 100
    with np.errstate(invalid="ignore"):
        bad_level = np.isfinite(value) & np.isfinite(total) & (np.abs(total - value) > tol)
        has_parts = np.asarray(np.isfinite(components.ytd_growth).any(axis=1))
        has_parts[:, 0, :] = False  # no year before the first to weight by
        bad_growth = np.isfinite(growth) & has_parts & ~(np.abs(built - growth) <= growth_tol_pp)
    rows: list[dict[str, object]] = []
    for check, bad, pub, ours in (
        ("levels", bad_level, value, total),
        ("growth", bad_growth, growth, built),
    ):
        for u, y, k in zip(*np.nonzero(bad), strict=True):
            rows.append(
                _problem(
                    components.units[u],
                    f"{int(components.years[y])}Q{k + 1}",
                    check,
                    float(pub[u, y, k]),
                    float(ours[u, y, k]),
                    float(tol[u, y, k]) if check == "levels" else growth_tol_pp,
                    components.indicator,
                )
            )
    frame = pd.DataFrame(rows, columns=[*CHECK_COLUMNS, "message"])
    return frame.sort_values(["unit", "period", "check"], ignore_index=True)


def _problem(
    unit: str, period: str, check: str, published: float, built: float, tol: float, indicator: str
) -> dict[str, object]:
    """One row of :func:`check_components`' table, with its message."""
    if check == "levels":
        message = (
            f"component_observations.csv: {unit} {period}: the components add up to {built:.1f} "
            f"亿元, {indicator} is {published:.1f} (difference {built - published:+.1f}, more "
            f"than {tol:.1f}); add the missing component or correct the values"
        )
    elif np.isfinite(built):
        message = (
            f"component_observations.csv: {unit} {period}: growth built from the components "
            f"(weighted by last year's value added) is {built:.2f}%, published {published:.2f}% "
            f"(difference {built - published:+.2f} pp, more than {tol:g} pp); check the "
            "components' growth and last year's values"
        )
    else:
        message = (
            f"component_observations.csv: {unit} {period}: growth cannot be built from the "
            "components (a component has value added last year but no growth this year, or "
            "the reverse); give both for every component"
        )
    return {
        "unit": unit,
        "period": period,
        "check": check,
        "published": published,
        "built": built,
        "difference": built - published,
        "tolerance": tol,
        "message": message,
    }
