"""Typed, validated objects of a data folder: units, indicators, observations, targets, projects.

A :class:`DataSet` is immutable once loaded; views such as :meth:`DataSet.until` and
:meth:`DataSet.panel` return new objects. Observations are kept exactly as published (year-to-date
value and year-to-date growth side by side, never one overwritten by the other).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from sprintmodel.periods import STEPS_PER_YEAR, Frequency, Period, as_period

if TYPE_CHECKING:  # the files' formats live with the models that use them
    from sprintmodel.accounts.components import ComponentPanel
    from sprintmodel.optimize.accelerations import AccelerationSet
    from sprintmodel.scenario.levers import LeverSet

Basis = Literal["nominal", "real"]
TargetDirection = Literal["at_least", "at_most"]
INDICATOR_KINDS = ("headline", "source")
"""``kind`` of an indicator: reported by the commands, or an industry's source indicator."""
TargetKind = Literal["growth", "completion"]

COMPLETION_BY_DEFAULT = frozenset({"jobs"})
"""Indicator codes whose target is an amount to complete when ``indicators.csv`` does not say:
城镇新增就业 is assigned as a number of jobs for the year and reported as 完成年度目标的X%
against 时序进度 (practice of the human-resources bureaus' monthly reports; assumption for
other codes, which default to ``growth``)."""
UNIT_KINDS = ("city", "district", "county", "park", "town", "enterprise_group", "other")
COMPONENT_KIND = "component"
"""``kind`` of a component seen as a unit (:meth:`DataSet.components_as_units`): a second
partition of its parent beside the parent's own member units (never read from ``units.csv``)."""
PROJECT_CATEGORIES = (
    "industrial",
    "infrastructure",
    "government",
    "real_estate",
    "services",
    "other",
)
PROJECT_STATUSES = ("signed", "land_pending", "approved", "under_construction", "producing")


@dataclass(frozen=True)
class Unit:
    """A unit of the hierarchy (the city, a district, a park, a town...).

    ``rollup`` is False for units whose values overlap others (a park inside districts): they
    are never added into their parent's total.
    """

    code: str
    name_zh: str = ""
    name_en: str = ""
    parent: str | None = None
    kind: str = "other"
    rollup: bool = True

    def label(self, lang: str = "zh") -> str:
        """The unit's name in ``lang`` (``"zh"`` or ``"en"``), falling back to its code."""
        name = self.name_zh if lang == "zh" else self.name_en
        return name or self.name_en or self.name_zh or self.code


@dataclass(frozen=True)
class Indicator:
    """An indicator (GDP, fixed-asset investment...).

    Attributes
    ----------
    code
        Code, e.g. ``gdp``.
    measure
        Unit of measure for display, e.g. ``亿元``.
    basis
        ``"real"``: growth at comparable prices; ``"nominal"``: growth is the ratio of values.
    additive
        Children's values sum to the parent's.
    flow
        Year-to-date values never fall within a year (an optional ``flow`` column of
        ``indicators.csv``; by default every additive indicator is a flow).
    target_direction
        ``"at_least"`` (default): a target is met at or above it (GDP growth of 6%);
        ``"at_most"``: met at or below it, a ceiling (an unemployment rate held within 5.5%,
        energy use per unit of GDP). An optional ``target_direction`` column of
        ``indicators.csv``. The gap (full year minus target) keeps its sign either way: for a
        ceiling a positive gap is the shortfall.
    kind
        ``"headline"`` (default) or ``"source"``: an industry's source indicator (推算指标),
        an optional ``kind`` column of ``indicators.csv``; see :class:`DataSet`.
    target_kind
        ``"growth"`` (default): the target is a growth rate or a level reached by growth, and
        progress is read as growth (GDP, investment); ``"completion"``: the target is an amount
        to complete in the year (城镇新增就业 10.7万人) and progress is read as the share of it
        done against the share of the year gone (时序进度). An optional ``target_kind`` column
        of ``indicators.csv``; empty means ``completion`` for ``jobs`` and ``growth`` otherwise
        (:data:`COMPLETION_BY_DEFAULT`).
    """

    code: str
    name_zh: str = ""
    name_en: str = ""
    measure: str = ""
    basis: Basis = "nominal"
    additive: bool = True
    flow: bool = True
    target_direction: TargetDirection = "at_least"
    kind: str = "headline"
    target_kind: TargetKind = "growth"

    @property
    def completion(self) -> bool:
        """True where the target is an amount to complete (``target_kind = completion``)."""
        return self.target_kind == "completion"

    @property
    def ceiling(self) -> bool:
        """True where the target is a ceiling (``target_direction = at_most``)."""
        return self.target_direction == "at_most"

    def meets(self, value: ArrayLike, target: ArrayLike, tol: float = 0.0) -> np.ndarray:
        """Where ``value`` meets ``target`` (``>=``, or ``<=`` for a ceiling), within ``tol``.

        NaN values or targets never meet.
        """
        v = np.asarray(value, dtype=float)
        t = np.asarray(target, dtype=float)
        with np.errstate(invalid="ignore"):
            return np.asarray(v <= t + tol if self.ceiling else v >= t - tol)

    def short(self, gap: ArrayLike) -> np.ndarray:
        """Where a gap (full year minus target) [pp or measure] falls short of the target."""
        g = np.asarray(gap, dtype=float)
        with np.errstate(invalid="ignore"):
            return np.asarray(g > 0 if self.ceiling else g < 0)

    def label(self, lang: str = "zh") -> str:
        """The indicator's name in ``lang``, falling back to its code."""
        name = self.name_zh if lang == "zh" else self.name_en
        return name or self.name_en or self.name_zh or self.code


@dataclass(frozen=True)
class Hierarchy:
    """The tree of units: exactly one root, no cycles (checked when the folder is loaded)."""

    units: dict[str, Unit]

    @cached_property
    def root(self) -> str:
        """Code of the root unit (the city)."""
        return next(code for code, u in self.units.items() if u.parent is None)

    @cached_property
    def _children(self) -> dict[str, tuple[str, ...]]:
        kids: dict[str, list[str]] = {code: [] for code in self.units}
        for code, u in self.units.items():
            if u.parent is not None:
                kids[u.parent].append(code)
        return {k: tuple(v) for k, v in kids.items()}

    def children(self, code: str, *, rollup_only: bool = False) -> tuple[str, ...]:
        """Direct children of ``code`` (only those that add into it with ``rollup_only``)."""
        kids = self._children[code]
        return tuple(k for k in kids if self.units[k].rollup) if rollup_only else kids

    def __getitem__(self, code: str) -> Unit:
        return self.units[code]

    def __contains__(self, code: object) -> bool:
        return code in self.units

    def __iter__(self) -> Iterator[str]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def depth(self, code: str) -> int:
        """Levels below the root (the root is 0)."""
        d, u = 0, self.units[code]
        while u.parent is not None:
            d, u = d + 1, self.units[u.parent]
        return d

    def bottom_up(self) -> list[str]:
        """Units ordered deepest first, so each unit comes after all its children."""
        return sorted(self.units, key=self.depth, reverse=True)

    def ancestors(self, code: str) -> list[str]:
        """Parent, grandparent, ..., root of ``code``."""
        out, u = [], self.units[code]
        while u.parent is not None:
            out.append(u.parent)
            u = self.units[u.parent]
        return out


def sort_in_data_order(
    frame: pd.DataFrame,
    units: Iterable[str],
    indicators: Iterable[str],
    by: Sequence[str] = ("indicator", "unit"),
) -> pd.DataFrame:
    """``frame`` sorted stably on the columns ``by``, with a fresh index.

    ``unit`` goes in the order of ``units`` (a :class:`Hierarchy`: the data folder's order),
    ``indicator`` in the order of ``indicators``, any other column by value.
    """
    unit_pos = {u: i for i, u in enumerate(units)}
    indicator_pos = {c: i for i, c in enumerate(indicators)}

    def key(column: pd.Series) -> pd.Series:
        if column.name == "indicator":
            return column.map(indicator_pos)
        if column.name == "unit":
            return column.map(unit_pos)
        return column

    return frame.sort_values(list(by), key=key, kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class Panel:
    """Year-to-date data of one indicator for several units as dense arrays.

    Attributes
    ----------
    indicator
        The indicator.
    freq
        ``"Q"`` or ``"M"``; monthly series are reduced to quarter ends in a quarterly panel.
    units
        Unit codes, the first axis.
    years
        Calendar years, the second axis.
    ytd_value, ytd_growth
        Arrays (units × years × periods) of year-to-date values [measure] and growth [%]; NaN
        where not published.
    """

    indicator: Indicator
    freq: Frequency
    units: tuple[str, ...]
    years: np.ndarray
    ytd_value: np.ndarray
    ytd_growth: np.ndarray

    @property
    def steps(self) -> int:
        """Periods per year (4 or 12)."""
        return STEPS_PER_YEAR[self.freq]

    def growth(self) -> np.ndarray:
        """Year-to-date growth [%]: published where given, else from values.

        For ``nominal`` indicators an unpublished growth follows from the values,
        ``100 × (Y_{t,k} / Y_{t-1,k} - 1)``; for ``real`` indicators it cannot (values are at
        current prices), so it stays NaN.
        """
        published = self.ytd_growth
        if self.indicator.basis == "real":
            return published.copy()
        derived = np.full_like(self.ytd_value, np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = self.ytd_value[:, 1:, :] / self.ytd_value[:, :-1, :]
        derived[:, 1:, :] = np.where(self.ytd_value[:, :-1, :] > 0, 100.0 * (ratio - 1.0), np.nan)
        return np.where(np.isnan(published), derived, published)

    def unit_index(self, code: str) -> int:
        """Position of ``code`` on the first axis."""
        return self.units.index(code)

    def year_index(self, year: int) -> int:
        """Position of ``year`` on the second axis."""
        hits = np.flatnonzero(self.years == year)
        if not len(hits):
            raise KeyError(f"year {year} not in panel ({self.years.min()}–{self.years.max()})")
        return int(hits[0])


@dataclass(frozen=True)
class DataSet:
    """A loaded, validated data folder.

    Attributes
    ----------
    folder
        Where it was read from.
    hierarchy
        The units.
    indicators
        Indicators by code, in file order.
    observations
        One row per unit × indicator × period with columns ``unit, indicator, period, year,
        index, freq, month, ytd_value, ytd_growth, single_growth`` (``index`` is the quarter or
        month number, ``month`` the calendar month the period ends in; ``single_growth`` the
        optional growth of the single month or quarter [%], NaN where not given).
    targets
        Columns ``unit, indicator, year, target_growth, target_value`` (may be empty).
    projects
        The major-project register with the contract's columns, dates as ``Period`` strings
        (may be empty).
    enterprises
        The key-enterprise register of ``enterprises.csv`` (columns of
        :data:`sprintmodel.data.readers.enterprises.ENTERPRISE_COLUMNS` plus ``year, month``),
        None without one.
    enterprise_observations, enterprise_problems
        ``enterprise_observations.csv`` (monthly year-to-date output or revenue per enterprise)
        and ``enterprise_problems.csv`` (企业共性问题清单), see ``docs/enterprises.md``; None
        without them.
    livelihood
        ``livelihood.csv``, the 为民办实事 register (this year's tasks, next year's list), see
        :mod:`sprintmodel.livelihood`; None without one.
    tasks
        ``tasks.csv``: the key tasks (task, lead_department, deadline, indicator, unit,
        partners; text, in the file's order), None without one
        (:mod:`sprintmodel.data.readers.tasks`).
    province_targets
        ``province_targets.csv``: columns ``indicator, year, target_growth`` [%], None without
        one.
    levers
        The folder's ``levers.yaml`` as a :class:`~sprintmodel.scenario.levers.LeverSet`, None
        without one (commands then use the example city's, see
        :func:`~sprintmodel.scenario.levers.open_data`).
    accelerations
        The folder's ``accelerations.csv`` as an
        :class:`~sprintmodel.optimize.accelerations.AccelerationSet`, None without one.
    components
        ``components.csv``: the components (industries) that make up an indicator, columns
        ``indicator, component, name_zh, name_en`` in display order; None without component
        data (declared from ``component_observations.csv`` where that file is absent).
    component_observations
        ``component_observations.csv``: columns ``unit, indicator, component, period`` (``YYYYQn``)
        ``, ytd_value`` [亿元, current prices] ``, ytd_growth`` [%, real] ``, year, month``;
        None without one. As arrays: :meth:`component_panel`.
    source_indicators
        Indicators of ``kind = source`` (an industry's source indicators, 推算指标), kept out of
        ``indicators`` so that the commands' default lists (forecast, targets, league, brief)
        are the headline indicators; ``{}`` without any.
    source_observations
        Their rows (columns of ``observations``); None without any. :meth:`panel` reads them.
    industry_sources
        ``industry_sources.csv`` (columns of
        :data:`~sprintmodel.accounts.sources.SOURCE_COLUMNS`), or the package's mapping for the
        components it knows where the folder has components but no such file; None without
        components.
    entrants
        ``entrants.csv``: candidates to enter the statistics this year (升规入统, 限上入库;
        columns of :data:`sprintmodel.data.readers.entrants.ENTRANT_COLUMNS` plus ``landing``
        and ``fy_factor``), see ``docs/enterprises.md``; None without one.
    pipeline, parcels
        ``project_pipeline.csv`` (reserve and planned projects for next year's plan) and
        ``parcels.csv`` (land parcels and the projects waiting on them), None without them
        (:mod:`sprintmodel.data.readers.investment_plan`).

    Every file is read and checked when the folder is loaded
    (:func:`~sprintmodel.data.load.validate_folder`); computation takes it from here and never
    reads the disk.
    """

    folder: Path
    hierarchy: Hierarchy
    indicators: dict[str, Indicator]
    observations: pd.DataFrame
    targets: pd.DataFrame = field(default_factory=pd.DataFrame)
    projects: pd.DataFrame = field(default_factory=pd.DataFrame)
    enterprises: pd.DataFrame | None = None
    tasks: pd.DataFrame | None = None
    province_targets: pd.DataFrame | None = None
    levers: LeverSet | None = None
    accelerations: AccelerationSet | None = None
    components: pd.DataFrame | None = None
    component_observations: pd.DataFrame | None = None
    industry_sources: pd.DataFrame | None = None
    source_indicators: dict[str, Indicator] = field(default_factory=dict)
    source_observations: pd.DataFrame | None = None
    enterprise_observations: pd.DataFrame | None = None
    enterprise_problems: pd.DataFrame | None = None
    livelihood: pd.DataFrame | None = None
    pipeline: pd.DataFrame | None = None
    parcels: pd.DataFrame | None = None
    entrants: pd.DataFrame | None = None

    # ------------------------------------------------------------------ basics
    @property
    def root(self) -> str:
        """Code of the root unit."""
        return self.hierarchy.root

    @property
    def units(self) -> dict[str, Unit]:
        """Units by code."""
        return self.hierarchy.units

    @cached_property
    def series_keys(self) -> pd.DataFrame:
        """One row per unit × indicator that has observations, with its frequency."""
        keys = self.observations.groupby(["unit", "indicator"], sort=False)["freq"].first()
        return keys.reset_index()

    def frequency(self, unit: str, indicator: str) -> Frequency:
        """``"Q"`` or ``"M"`` for one series."""
        rows = self.series_keys
        hit = rows[(rows.unit == unit) & (rows.indicator == indicator)]
        if hit.empty:
            raise KeyError(f"no observations for unit {unit!r}, indicator {indicator!r}")
        return hit.freq.iloc[0]

    @cached_property
    def latest_period(self) -> Period:
        """The latest period in the data (a month if any monthly series reaches further)."""
        obs = self.observations
        i = int(np.argmax(obs.year.to_numpy() * 12 + obs.month.to_numpy()))
        return as_period(str(obs.period.iloc[i]))

    def until(self, as_of: str | Period) -> DataSet:
        """The data as it stood at ``as_of``: rows whose span ends no later than it.

        A quarterly series "as of October" ends at Q3; a monthly series "as of 2026Q3" ends in
        September.
        """
        p = as_period(as_of)
        obs = self.observations
        keep = obs.year.to_numpy() * 12 + obs.month.to_numpy() <= p.year * 12 + p.month
        cut = {}
        for name in ("component_observations", "source_observations"):
            rows = getattr(self, name)
            if rows is not None:
                ok = rows.year.to_numpy() * 12 + rows.month.to_numpy() <= p.year * 12 + p.month
                cut[name] = rows.loc[ok].reset_index(drop=True)
        return replace(self, observations=obs.loc[keep].reset_index(drop=True), **cut)

    def target(self, unit: str, indicator: str, year: int) -> tuple[float, float]:
        """``(target_growth, target_value)`` for one unit × indicator × year (NaN if none)."""
        t = self.targets
        if t.empty:
            return (np.nan, np.nan)
        hit = t[(t.unit == unit) & (t.indicator == indicator) & (t.year == year)]
        if hit.empty:
            return (np.nan, np.nan)
        return (float(hit.target_growth.iloc[0]), float(hit.target_value.iloc[0]))

    # ------------------------------------------------------------------ arrays
    def panel(
        self,
        indicator: str,
        freq: Frequency = "Q",
        units: Sequence[str] | None = None,
        years: Sequence[int] | None = None,
    ) -> Panel:
        """Dense (units × years × periods) arrays of one indicator.

        Parameters
        ----------
        indicator
            Indicator code (a headline indicator or a source indicator).
        freq
            ``"Q"``: every series, monthly ones reduced to quarter ends. ``"M"``: monthly series
            only.
        units
            Units to include (default: every unit with data on the indicator, in file order).
        years
            Years to include (default: the span of the data).
        """
        obs = self.observations
        ind = self.indicators.get(indicator)
        if ind is None and indicator in self.source_indicators:
            ind = self.source_indicators[indicator]
            obs = self.source_observations if self.source_observations is not None else obs
        if ind is None:
            raise KeyError(indicator)
        obs = obs[obs.indicator == indicator]
        if freq == "Q":
            obs = obs[(obs.freq == "Q") | (obs.month % 3 == 0)]
            index = (obs.month.to_numpy() // 3) - 1
        else:
            obs = obs[obs.freq == "M"]
            index = obs.month.to_numpy() - 1
        if units is None:
            present = set(obs.unit)
            units = [u for u in self.hierarchy if u in present]
        unit_pos = {u: i for i, u in enumerate(units)}
        if years is None:
            years = list(range(int(obs.year.min()), int(obs.year.max()) + 1)) if len(obs) else []
        year_arr = np.asarray(years, dtype=int)
        steps = STEPS_PER_YEAR[freq]
        shape = (len(units), len(year_arr), steps)
        value = np.full(shape, np.nan)
        growth = np.full(shape, np.nan)
        if len(obs) and len(year_arr):
            ui = obs.unit.map(unit_pos).to_numpy()
            yi = obs.year.to_numpy() - year_arr[0]
            ok = ~pd.isna(ui) & (yi >= 0) & (yi < len(year_arr))
            ui = ui[ok].astype(int)
            value[ui, yi[ok], index[ok]] = obs.ytd_value.to_numpy()[ok]
            growth[ui, yi[ok], index[ok]] = obs.ytd_growth.to_numpy()[ok]
        return Panel(ind, freq, tuple(units), year_arr, value, growth)

    # ------------------------------------------------------------------ components
    def component_codes(self, indicator: str = "gdp") -> tuple[str, ...]:
        """Codes of ``indicator``'s components in display order (empty without any)."""
        if self.components is None:
            return ()
        c = self.components
        return tuple(c.component[c.indicator == indicator])

    def component_label(self, code: str, indicator: str = "gdp", lang: str = "zh") -> str:
        """A component's name in ``lang`` (``components.csv``), falling back to the other
        language's, then to its code."""
        c = self.components
        if c is not None:
            row = c[(c.indicator == indicator) & (c.component == code)]
            if len(row):
                r = row.iloc[0]
                return Unit(code, str(r.name_zh or ""), str(r.name_en or "")).label(lang)
        return code

    def component_panel(
        self,
        indicator: str = "gdp",
        units: Sequence[str] | None = None,
        years: Sequence[int] | None = None,
    ) -> ComponentPanel | None:
        """``indicator``'s components as arrays ``unit × component × year × quarter``.

        Parameters
        ----------
        indicator
            The whole (``gdp``).
        units
            Units (default: every unit with component data, in the folder's order).
        years
            Years (default: the span of the component data).

        Returns
        -------
        ComponentPanel or None
            None where the folder has no components of ``indicator``.
        """
        from sprintmodel.accounts.components import component_panel

        rows = self.component_observations
        codes = self.component_codes(indicator)
        if rows is None or not codes:
            return None
        rows = rows[rows.indicator == indicator]
        if units is None:
            present = set(rows.unit)
            units = [u for u in self.hierarchy if u in present]
        return component_panel(rows, indicator, units=units, components=codes, years=years)

    def components_as_units(self, indicator: str = "gdp", unit: str | None = None) -> DataSet:
        """A view in which one unit's components of ``indicator`` are its child units.

        The components of ``unit`` (default: the root) become units (codes and names from
        ``components.csv``, ``parent`` = ``unit``, ``kind`` :data:`COMPONENT_KIND`, ``rollup``
        yes: they partition it, a partition of its own beside its districts) whose
        ``indicator`` observations are the component rows; everything
        else stays as it is, so that the forecast engine, the league and the backtests
        treat the components as they treat districts (e.g. ``benchmarks/bench_forecast.py``'s
        11 industries of ``data/china_national``). ``industry_sources`` stay (which source
        indicators drive each former component, read by the nowcast). Raises KeyError without
        such components.
        """
        unit = self.root if unit is None else unit
        codes = self.component_codes(indicator)
        rows = self.component_observations
        if rows is None or not codes:
            raise KeyError(f"the folder declares no components of {indicator!r}")
        rows = rows[(rows.unit == unit) & (rows.indicator == indicator)]
        if rows.empty:
            raise KeyError(f"unit {unit!r} has no components of {indicator!r}")
        clash = set(codes) & set(self.hierarchy)
        if clash:
            raise KeyError(f"component codes {sorted(clash)} are also unit codes")
        decl = self.components
        assert decl is not None
        decl = decl[decl.indicator == indicator]
        units = dict(self.units)
        for c, zh, en in zip(decl.component, decl.name_zh, decl.name_en, strict=True):
            units[c] = Unit(c, zh, en, unit, COMPONENT_KIND, True)
        obs = self.observations
        comp = pd.DataFrame(
            {
                "unit": rows.component.to_numpy(),
                "indicator": indicator,
                "period": rows.period.to_numpy(),
                "year": rows.year.to_numpy(),
                "index": rows.month.to_numpy() // 3,
                "freq": "Q",
                "month": rows.month.to_numpy(),
                "ytd_value": rows.ytd_value.to_numpy(),
                "ytd_growth": rows.ytd_growth.to_numpy(),
                "single_growth": np.nan,
            }
        )
        comp = comp[~(comp.ytd_value.isna() & comp.ytd_growth.isna())]
        both = pd.concat([obs, comp[obs.columns]], ignore_index=True)
        # the loader's order: unit and indicator codes sorted, then time
        both = both.sort_values(["unit", "indicator", "year", "month"], kind="stable")
        return replace(
            self,
            hierarchy=Hierarchy(units),
            observations=both.reset_index(drop=True),
            components=None,
            component_observations=None,
        )

    def __repr__(self) -> str:
        n_series = len(self.series_keys)
        span = f"{self.observations.period.min()}…{self.latest_period}" if n_series else "none"
        return (
            f"DataSet({str(self.folder)!r}: {len(self.hierarchy)} units, "
            f"{len(self.indicators)} indicators, {n_series} series, "
            f"{len(self.observations)} observations, latest {span}, "
            f"{len(self.targets)} targets, {len(self.projects)} projects"
            + "".join(
                f", {len(frame)} {what}"
                for frame, what in (
                    (self.enterprises, "enterprise rows"),
                    (self.enterprise_observations, "enterprise-month rows"),
                    (self.enterprise_problems, "enterprise problems"),
                    (self.livelihood, "livelihood rows"),
                    (self.entrants, "candidates to enter the statistics"),
                )
                if frame is not None
            )
            + ")"
        )
