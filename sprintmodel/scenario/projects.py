"""Major projects: monthly investment paths, statistical entry, output ramps and delays.

From the register (``projects.csv`` of the data contract) this module derives, for each project
and for any shift of its schedule, what it adds to the **rest of this year**:

- counted fixed-asset investment [亿元]: its remaining investment spread over the rest of its
  S-curve (:func:`~sprintmodel.scenario.curves.remaining_investment`), counted only from the
  month it is registered in the statistical database (入库, projects of 5 million yuan or
  more) and has started;
- value added [亿元, current prices]: from production start its output ramps linearly to
  capacity (:func:`~sprintmodel.scenario.curves.output_ramp`), times its value-added rate;
  industrial projects add to industrial value added and GDP, others to GDP only.

A *shift* moves every milestone that has not yet passed (start, entry, finish, production); a
project already under construction keeps its start and stretches or compresses its remaining
schedule. Delays are drawn per status (land pending slips more than under construction) with a
common factor, so slips are correlated; see :class:`ProjectModel`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from sprintmodel.data.model import PROJECT_STATUSES
from sprintmodel.scenario._config import Where, check_keys, choice, mapping, number, text
from sprintmodel.scenario.curves import (
    S_CURVES,
    month_number,
    output_ramp,
    remaining_investment,
)

OUTPUTS = ("fai", "va_industrial", "va_other")
"""What each project table holds along its last axis: counted investment, value added of
industrial projects, value added of other projects [亿元, current prices]."""

SHIFT_MIN, SHIFT_MAX = -24, 48
"""Range of whole-schedule shifts [months] tabulated; shifts beyond are clipped (a slip of four
years adds nothing to this year anyway)."""

_DEFAULT_DELAYS: dict[str, tuple[float, float]] = {
    "signed": (3.0, 3.0),
    "land_pending": (4.0, 3.5),
    "approved": (2.0, 2.0),
    "under_construction": (1.0, 1.0),
    "producing": (0.5, 0.5),
}
REGISTRATION_RULES = ("year_to_date", "from_entry")
"""How a project registered (入库) during a year counts the investment it completed earlier that
year: ``year_to_date`` (the statistics' rule: its first report gives the year-to-date figure, so
everything completed since January, or since its start, counts in the year it registers) or
``from_entry`` (only what it spends from the registration month on; the model's rule before
issue 20, kept for comparison)."""

REGISTRATION_SOURCE = (
    "NBS 《固定资产投资统计报表制度》 (表 206-1 固定资产投资项目情况, monthly, 联网直报): projects "
    "of 5 million yuan or more are counted '先入库，后有数' and report 本年完成投资 as the total "
    "'自年初累计' (from January 1 to the end of the report month), so a project registered in a "
    "month reports in that month all it completed since January of that year; what it completed "
    "in earlier years is not counted in any year's figure"
)

_DEFAULT_DELAY_SOURCE = (
    "assumption: mean slips of 0.5-4 months growing with the work still ahead (land "
    "pending slips most: expropriation, resettlement and land-use approval come first), "
    "gamma distributed; no published distribution of Chinese project delays was found"
)


@dataclass(frozen=True)
class ProjectModel:
    """Parameters of the project model (plain data, from the ``projects`` block of levers.yaml).

    Attributes
    ----------
    s_curve
        Name in :data:`~sprintmodel.scenario.curves.S_CURVES` (default ``smoothstep``).
    ramp_months
        Months from production start to full capacity [months] (assumption: 6).
    registration
        Rule of :data:`REGISTRATION_RULES` for the investment a project completed this year
        before it registers (入库): ``year_to_date`` (default, the statistics' rule,
        :data:`REGISTRATION_SOURCE`) counts it in the registration year.
    entry_threshold
        Smallest planned total investment counted by the statistics [亿元]: 0.05 (500万元),
        the threshold of the fixed-asset investment statistics on projects.
    overdue_months
        Months over which a project past its planned finish spends what is left [months]
        (assumption: 3).
    delay_mean, delay_sd
        Mean and standard deviation of the delay of each status [months].
    common_factor
        Correlation of any two projects' latent delays [0-1] (assumption: 0.3; common causes
        are financing, approvals, weather and the general pace of the year).
    indicators
        Codes of the indicators projects feed: ``investment`` (fixed-asset investment),
        ``industry`` (industrial value added) and ``gdp``.
    sources
        Source of each number by field name.
    """

    s_curve: str = "smoothstep"
    ramp_months: float = 6.0
    registration: str = "year_to_date"
    entry_threshold: float = 0.05
    overdue_months: int = 3
    delay_mean: Mapping[str, float] = field(
        default_factory=lambda: {k: v[0] for k, v in _DEFAULT_DELAYS.items()}
    )
    delay_sd: Mapping[str, float] = field(
        default_factory=lambda: {k: v[1] for k, v in _DEFAULT_DELAYS.items()}
    )
    common_factor: float = 0.3
    indicators: Mapping[str, str] = field(
        default_factory=lambda: {"investment": "fai", "industry": "iva", "gdp": "gdp"}
    )
    sources: Mapping[str, str] = field(
        default_factory=lambda: {
            "s_curve": "assumption: Beta(2,2) S-curve (Kenley & Wilson 1986)",
            "ramp_months": "assumption: new plants reach design output in one to three quarters",
            "registration": REGISTRATION_SOURCE,
            "entry_threshold": "NBS fixed-asset investment statistics cover projects of 5 million "
            "yuan (0.05 亿元) or more",
            "overdue_months": "assumption",
            "delays": _DEFAULT_DELAY_SOURCE,
            "common_factor": "assumption",
        }
    )

    @classmethod
    def from_dict(cls, value: Any, where: Where) -> ProjectModel:
        """Read the ``projects`` block of levers.yaml (every key optional, sources required)."""
        if value is None:
            return cls()
        data = mapping(value, where, "the project model {ramp_months: ..., delays: ...}")
        check_keys(
            data,
            where,
            (
                "s_curve",
                "ramp_months",
                "registration",
                "entry_threshold",
                "overdue_months",
                "delays",
                "indicators",
            ),
        )
        base = cls()
        sources = dict(base.sources)
        kwargs: dict[str, Any] = {}
        if "s_curve" in data:
            sc = mapping(data["s_curve"], where / "s_curve", "{shape: smoothstep, source: ...}")
            check_keys(sc, where / "s_curve", ("shape", "source"), required=("shape", "source"))
            kwargs["s_curve"] = choice(sc["shape"], where / "s_curve" / "shape", S_CURVES, "curve")
            sources["s_curve"] = text(sc["source"], where / "s_curve" / "source", allow_empty=False)
        if "registration" in data:
            w = where / "registration"
            rg = mapping(data["registration"], w, "{rule: year_to_date, source: '...'}")
            check_keys(rg, w, ("rule", "source"), required=("rule", "source"))
            kwargs["registration"] = choice(rg["rule"], w / "rule", REGISTRATION_RULES, "rule")
            sources["registration"] = text(rg["source"], w / "source", allow_empty=False)
        for key, low, high in (
            ("ramp_months", 1.0, 60.0),
            ("entry_threshold", 0.0, 1e6),
            ("overdue_months", 1.0, 24.0),
        ):
            if key in data:
                w = where / key
                d = mapping(data[key], w, "{value: <number>, source: '...'}")
                check_keys(d, w, ("value", "source"), required=("value", "source"))
                x = number(d["value"], w / "value", low=low, high=high)
                kwargs[key] = round(x) if key == "overdue_months" else x
                sources[key] = text(d["source"], w / "source", allow_empty=False)
        if "delays" in data:
            w = where / "delays"
            d = mapping(data["delays"], w, "{common_factor: {...}, by_status: {...}, source: ...}")
            check_keys(d, w, ("common_factor", "by_status", "source"), required=("source",))
            sources["delays"] = text(d["source"], w / "source", allow_empty=False)
            if "common_factor" in d:
                cf = mapping(d["common_factor"], w / "common_factor", "{value: ..., source: ...}")
                check_keys(
                    cf, w / "common_factor", ("value", "source"), required=("value", "source")
                )
                kwargs["common_factor"] = number(
                    cf["value"], w / "common_factor" / "value", low=0.0, high=0.99
                )
                sources["common_factor"] = text(
                    cf["source"], w / "common_factor" / "source", allow_empty=False
                )
            means = dict(base.delay_mean)
            sds = dict(base.delay_sd)
            by = mapping(d.get("by_status"), w / "by_status", "status → {mean: ..., sd: ...}")
            for status, spec in by.items():
                ws = w / "by_status" / status
                choice(status, ws, PROJECT_STATUSES, "status")
                sd_ = mapping(spec, ws, "{mean: <months>, sd: <months>}")
                check_keys(sd_, ws, ("mean", "sd"), required=("mean", "sd"))
                means[status] = number(sd_["mean"], ws / "mean", low=0.0, high=36.0)
                sds[status] = number(sd_["sd"], ws / "sd", low=0.0, high=36.0)
            kwargs["delay_mean"] = means
            kwargs["delay_sd"] = sds
        if "indicators" in data:
            w = where / "indicators"
            ind = mapping(data["indicators"], w, "{investment: fai, industry: iva, gdp: gdp}")
            check_keys(ind, w, ("investment", "industry", "gdp"))
            codes = dict(base.indicators)
            codes.update({k: text(v, w / k, allow_empty=False) for k, v in ind.items()})
            kwargs["indicators"] = codes
        kwargs["sources"] = sources
        return cls(**kwargs)


@dataclass(frozen=True, eq=False)
class ProjectRegister:
    """The project register as arrays (months as absolute month numbers, -1 where none).

    Attributes
    ----------
    codes, names, units, parks, categories, statuses
        Per project; ``parks`` is the park code ('' where none).
    total, invested
        Planned total and invested to date [亿元].
    start, finish, entry, production
        Planned months (absolute numbers); ``production`` is -1 for non-producing projects.
    capacity
        Annual output value at capacity [亿元].
    va_rate
        Value added ÷ output [0-1].
    ytd_before_entry
        Investment completed this year up to the data's last month by a project not yet
        registered (入库), not in the statistics yet [亿元]; NaN where the register's optional
        ``ytd_before_entry`` column gives none (:func:`unregistered_ytd` then estimates it).
    cleared
        Month the parcel the project waits on is cleared at the earliest (absolute number, -1
        where it waits on none); None where the register was not checked against
        ``parcels.csv`` (:func:`sprintmodel.scenario.parcels.hold_for_parcels`).
    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    units: tuple[str, ...]
    parks: tuple[str, ...]
    categories: tuple[str, ...]
    statuses: tuple[str, ...]
    total: np.ndarray
    invested: np.ndarray
    start: np.ndarray
    finish: np.ndarray
    entry: np.ndarray
    production: np.ndarray
    capacity: np.ndarray
    va_rate: np.ndarray
    ytd_before_entry: np.ndarray | None = None
    cleared: np.ndarray | None = None

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> ProjectRegister:
        """From ``DataSet.projects`` (columns of the data contract; optional ``park``)."""
        f = frame.reset_index(drop=True)
        n = len(f)

        def months(col: str) -> np.ndarray:
            if col not in f:
                return np.full(n, -1, dtype=np.int64)
            return np.array(
                [month_number(v) if isinstance(v, str) and v else -1 for v in f[col]],
                dtype=np.int64,
            )

        def nums(col: str) -> np.ndarray:
            if col not in f:
                return np.zeros(n)
            return pd.to_numeric(f[col], errors="coerce").fillna(0.0).to_numpy(dtype=np.float64)

        parks = (
            tuple("" if pd.isna(v) else str(v).strip() for v in f["park"])
            if "park" in f
            else ("",) * n
        )
        start = months("planned_start")
        entry = months("planned_entry")
        entry = np.where(entry < 0, start, entry)
        total = nums("total_investment")
        invested = nums("invested_to_date")
        ytd = (
            pd.to_numeric(f["ytd_before_entry"], errors="coerce").to_numpy(dtype=np.float64)
            if "ytd_before_entry" in f
            else np.full(n, np.nan)
        )
        return cls(
            codes=tuple(str(v) for v in f.get("project", [])),
            names=tuple(str(v) for v in f.get("name", [""] * n)),
            units=tuple(str(v) for v in f.get("unit", [""] * n)),
            parks=parks,
            categories=tuple(str(v) for v in f.get("category", ["other"] * n)),
            statuses=tuple(str(v) for v in f.get("status", ["approved"] * n)),
            total=np.maximum(total, invested),
            invested=invested,
            start=start,
            finish=months("planned_finish"),
            entry=entry,
            production=months("planned_production"),
            capacity=nums("output_at_capacity"),
            va_rate=nums("value_added_rate"),
            ytd_before_entry=ytd,
        )

    def __len__(self) -> int:
        return len(self.codes)

    def index(self, code: str) -> int:
        """Position of project ``code``."""
        return self.codes.index(code)

    @property
    def has_production(self) -> np.ndarray:
        """Boolean: the project has a production date and output."""
        return (self.production >= 0) & (self.capacity > 0) & (self.va_rate > 0)

    @property
    def industrial(self) -> np.ndarray:
        """Boolean: category ``industrial`` (its value added is industrial value added)."""
        return np.array([c == "industrial" for c in self.categories], dtype=bool)


class Schedule(NamedTuple):
    """Milestones of projects after a schedule shift (projects × shifts) [absolute months]."""

    start: np.ndarray
    """Construction start."""
    finish: np.ndarray
    """Construction finish."""
    count_from: np.ndarray
    """First month whose investment the statistics count: the later of entry and start."""
    production: np.ndarray
    """Production start (meaningless where the project has no production)."""


def shifted_schedule(
    register: ProjectRegister,
    as_of: int,
    model: ProjectModel,
    shift: np.ndarray,
    *,
    rows: np.ndarray | None = None,
    entry_offset: np.ndarray | None = None,
    production_offset: np.ndarray | None = None,
) -> Schedule:
    """Each project's milestones after moving its schedule by ``shift`` months.

    Parameters
    ----------
    register
        The projects.
    as_of
        Last month of the data (absolute month number).
    model
        The project model (``overdue_months``).
    shift
        Whole-schedule shift [months], broadcastable against (projects × 1): one row of shifts
        for every project, or a shift per project and column.
    rows
        Projects to move (default: all).
    entry_offset, production_offset
        Extra months added to the entry and production dates of each project of ``rows``, on
        top of the shift (default 0).

    Returns
    -------
    Schedule
        (projects × shifts) start, finish, first counted month and production.

    Notes
    -----
    With :math:`k` the shift and :math:`t_0` the as-of month: a project not yet started moves as
    a whole by :math:`k' = \\max(k, t_0 + 1 - S)` (it cannot start in the past); one already
    started keeps its start, and its finish moves to :math:`\\max(F + k', S', t_0 + 1)`, a
    start already past its planned finish spending what is left over ``overdue_months`` after
    :math:`t_0`; entry and production dates still ahead move by :math:`k'` plus their own
    offsets, never before :math:`t_0 + 1`. Investment counts from :math:`\\max(E', S')`.
    """
    idx = np.arange(len(register)) if rows is None else np.asarray(rows, dtype=np.intp)
    n = len(idx)
    b = np.zeros(n, dtype=np.int64) if entry_offset is None else np.asarray(entry_offset)
    c = np.zeros(n, dtype=np.int64) if production_offset is None else np.asarray(production_offset)
    t0 = float(as_of)
    s = register.start[idx].astype(np.float64)[:, None]
    f = register.finish[idx].astype(np.float64)[:, None]
    e = register.entry[idx].astype(np.float64)[:, None]
    p = register.production[idx].astype(np.float64)[:, None]
    k = np.asarray(shift, dtype=np.float64)
    started = s <= t0
    k_eff = np.where(started, k, np.maximum(k, t0 + 1.0 - s))
    s_new = np.where(started, s, s + k_eff)
    f_plan = np.where(started & (f <= t0), t0 + model.overdue_months, f)
    f_new = np.maximum(f_plan + k_eff, np.maximum(s_new, t0 + 1.0))
    entered = e <= t0
    e_new = np.where(entered, e, np.maximum(e + k_eff + b[:, None], t0 + 1.0))
    produced = p <= t0
    p_new = np.where(produced, p, np.maximum(p + k_eff + c[:, None], t0 + 1.0))
    return Schedule(s_new, f_new, np.maximum(e_new, s_new), p_new)


def counted_investment(
    register: ProjectRegister,
    months: np.ndarray,
    as_of: int,
    model: ProjectModel,
    schedule: Schedule,
    *,
    rows: np.ndarray | None = None,
) -> np.ndarray:
    """Monthly investment the statistics count, on a shifted schedule [亿元].

    Parameters
    ----------
    register
        The projects.
    months
        Absolute month numbers (last axis of the result); months up to ``as_of`` get zero.
    as_of
        Last month of the data (absolute month number).
    model
        The project model (``s_curve``, ``entry_threshold``).
    schedule
        :func:`shifted_schedule` of the projects of ``rows``.
    rows
        Projects of ``schedule`` (default: all).

    Returns
    -------
    numpy.ndarray
        (projects × shifts × months): what is left of each project's investment spread over
        the rest of its S-curve (:func:`~sprintmodel.scenario.curves.remaining_investment`),
        from ``schedule.count_from`` on, and zero for projects below ``entry_threshold``.
    """
    idx = np.arange(len(register)) if rows is None else np.asarray(rows, dtype=np.intp)
    remaining = np.maximum(register.total[idx] - register.invested[idx], 0.0)[:, None]
    curve = S_CURVES[model.s_curve]
    inv = remaining_investment(
        months,
        schedule.start,
        schedule.finish,
        remaining * np.ones_like(schedule.start),
        float(as_of),
        curve,
    )
    count_from = schedule.count_from[..., None]
    if model.registration == "year_to_date":
        # 自年初累计: a month counts once the project registers in that month's year or before.
        counted = inv * (np.floor(months / 12.0) >= np.floor(count_from / 12.0))
    else:
        counted = inv * (months >= count_from)
    counts = register.total[idx] >= model.entry_threshold
    return np.where(counts[:, None, None], counted, 0.0)


def unregistered_ytd(register: ProjectRegister, as_of: int, model: ProjectModel) -> np.ndarray:
    """Investment completed this year up to ``as_of`` that the statistics do not hold yet [亿元].

    Projects started by ``as_of`` but registered (入库) after it, with a planned total at or
    above ``entry_threshold``: the register's ``ytd_before_entry`` where given, otherwise the
    planned S-curve's share of the total over January (or the start) to ``as_of``, at most the
    invested-to-date amount (an assumption: the project kept to its curve). Zero for every
    other project.
    """
    from sprintmodel.scenario.curves import s_curve_increments

    year_start = (as_of // 12) * 12
    months = np.arange(year_start, as_of + 1, dtype=np.float64)
    s = register.start.astype(np.float64)[:, None]
    f = np.maximum(register.finish, register.start).astype(np.float64)[:, None]
    w = s_curve_increments(months[None, :], s, f, S_CURVES[model.s_curve])
    estimate = np.minimum(register.total * w.sum(axis=1), register.invested)
    given = register.ytd_before_entry
    if given is None:
        given = np.full(len(register), np.nan)
    out = np.where(np.isfinite(given), given, estimate)
    pending = (
        (register.start >= 0)
        & (register.start <= as_of)
        & (register.entry > as_of)
        & (register.total >= model.entry_threshold)
    )
    return np.where(pending, np.maximum(out, 0.0), 0.0)


def registration_catch_up(
    register: ProjectRegister,
    as_of: int,
    model: ProjectModel,
    schedule: Schedule,
    *,
    rows: np.ndarray | None = None,
) -> np.ndarray:
    """This year's earlier investment a registration adds to this year's figure [亿元].

    Parameters
    ----------
    register, as_of, model
        As in :func:`counted_investment`.
    schedule
        :func:`shifted_schedule` of the projects of ``rows`` (projects × shifts).
    rows
        Projects of ``schedule`` (default: all).

    Returns
    -------
    numpy.ndarray
        (projects × shifts): :func:`unregistered_ytd` where the project's first counted month
        :math:`\\max(E', S')` falls after ``as_of`` and by December of the as-of year, zero
        elsewhere and under the ``from_entry`` rule.

    Notes
    -----
    The statistics' rule (:data:`REGISTRATION_SOURCE`): a project registered in month
    :math:`E'` of year :math:`Y` reports its investment since January of :math:`Y`, so
    :math:`\\text{FAI}_Y \\mathrel{+}= Y_{pre}\\,[t_0 < E' \\le L]` with :math:`Y_{pre}` the
    investment completed January … :math:`t_0` and :math:`L` December of :math:`Y`. Registered
    in a later year, that investment never counts.
    """
    idx = np.arange(len(register)) if rows is None else np.asarray(rows, dtype=np.intp)
    cf = schedule.count_from
    if model.registration != "year_to_date" or idx.size == 0:
        return np.zeros(np.shape(cf))
    pre = unregistered_ytd(register, as_of, model)[idx][:, None]
    last = (as_of // 12) * 12 + 11
    return np.where((cf > as_of) & (cf <= last), pre, 0.0)


def project_tables(
    register: ProjectRegister,
    as_of: int,
    model: ProjectModel,
    *,
    rows: np.ndarray | None = None,
    entry_offset: np.ndarray | None = None,
    production_offset: np.ndarray | None = None,
    shifts: np.ndarray | None = None,
) -> np.ndarray:
    """What each project adds to the rest of the year, for every whole-month schedule shift.

    Parameters
    ----------
    register
        The projects.
    as_of
        Last month of the data (absolute month number); the rest of the year is the months
        after it up to December of the same year.
    model
        The project model.
    rows
        Projects to tabulate (default: all).
    entry_offset, production_offset
        Extra months added to the entry and production dates of each tabulated project, on
        top of the schedule shift (default 0).
    shifts
        Whole-schedule shifts [months] (default ``SHIFT_MIN..SHIFT_MAX``).

    Returns
    -------
    numpy.ndarray
        (projects × shifts × 3): counted investment, industrial value added, other value added
        in the rest of the year [亿元, current prices] (:data:`OUTPUTS`).

    Notes
    -----
    With :math:`k` the shift, :math:`t_0` the as-of month and :math:`L` December:

    - a project not yet started moves as a whole by :math:`k' = \\max(k, t_0 + 1 - S)` (it
      cannot start in the past); one already started keeps its start, and its finish moves to
      :math:`\\max(F + k, t_0 + 1)`; a start already past its planned finish spends what is left
      over ``overdue_months`` after :math:`t_0`;
    - entry and production dates still ahead move by :math:`k'` plus their own offsets, never
      before :math:`t_0 + 1`;
    - investment :math:`I_m` (:func:`~sprintmodel.scenario.curves.remaining_investment`) counts
      if the planned total reaches ``entry_threshold`` and the project registers by December:
      under the statistics' ``year_to_date`` rule
      :math:`\\text{FAI} = [\\max(E', S') \\le L] (Y_{pre} [\\max(E', S') > t_0] +
      \\sum_{m=t_0+1}^{L} I_m)` with :math:`Y_{pre}` this year's investment not yet registered
      (:func:`registration_catch_up`); under ``from_entry``
      :math:`\\sum_{m=t_0+1}^{L} I_m [m \\ge \\max(E', S')]`;
    - value added :math:`\\text{VA} = r \\, \\frac{Q}{12} \\sum_{m=t_0+1}^{L}
      \\rho_m(P')` with the ramp :math:`\\rho` of
      :func:`~sprintmodel.scenario.curves.output_ramp`.
    """
    idx = np.arange(len(register)) if rows is None else np.asarray(rows, dtype=np.intp)
    ks = np.arange(SHIFT_MIN, SHIFT_MAX + 1) if shifts is None else np.asarray(shifts)
    n = len(idx)
    last = (as_of // 12) * 12 + 11
    months = np.arange(as_of + 1, last + 1, dtype=np.float64)
    out = np.zeros((n, len(ks), len(OUTPUTS)))
    if n == 0 or months.size == 0:
        return out
    schedule = shifted_schedule(
        register,
        as_of,
        model,
        ks.astype(np.float64)[None, :],
        rows=idx,
        entry_offset=entry_offset,
        production_offset=production_offset,
    )
    counted = counted_investment(register, months, as_of, model, schedule, rows=idx)
    out[..., 0] = counted.sum(axis=-1) + registration_catch_up(
        register, as_of, model, schedule, rows=idx
    )
    has_p = register.has_production[idx][:, None]
    ramp = output_ramp(months, schedule.production[..., None], model.ramp_months)
    monthly = (register.capacity[idx] * register.va_rate[idx] / 12.0)[:, None]
    va = np.where(has_p, monthly * ramp.sum(axis=-1), 0.0)
    ind = register.industrial[idx][:, None]
    out[..., 1] = np.where(ind, va, 0.0)
    out[..., 2] = np.where(ind, 0.0, va)
    return out


def delay_parameters(
    register: ProjectRegister, model: ProjectModel
) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard deviation of each project's delay [months] from its status."""
    mean = np.array([model.delay_mean.get(s, 0.0) for s in register.statuses], dtype=np.float64)
    sd = np.array([model.delay_sd.get(s, 0.0) for s in register.statuses], dtype=np.float64)
    return mean, sd


def latest_useful_months(
    register: ProjectRegister, as_of: int, model: ProjectModel
) -> pd.DataFrame:
    """For each project, the latest dates that still add to this year's figures.

    Returns
    -------
    pandas.DataFrame
        ``project``, ``latest_start`` (projects not yet started: the latest start month, the
        planned entry lag kept, for which some investment is still counted this year),
        ``latest_entry`` (started but not yet registered: December under the statistics'
        ``year_to_date`` rule if it invested anything this year, else the last month with
        investment this year), ``latest_production`` (production ahead: December if it has output); empty
        strings where not applicable or where no date works.
    """
    from sprintmodel.scenario.curves import month_text

    last = (as_of // 12) * 12 + 11
    rows = []
    months = np.arange(as_of + 1, last + 1)
    curve = S_CURVES[model.s_curve]
    pre = unregistered_ytd(register, as_of, model)
    for i, code in enumerate(register.codes):
        s, e, p = int(register.start[i]), int(register.entry[i]), int(register.production[i])
        start_txt = entry_txt = prod_txt = ""
        counts = register.total[i] >= model.entry_threshold
        remaining = max(register.total[i] - register.invested[i], 0.0)
        if s > as_of and counts and remaining > 0:
            # The first month of an S-curve always has some investment, so the latest start
            # is December less the planned lag between start and entry.
            latest = last - max(0, e - s)
            if latest > as_of:
                start_txt = month_text(latest)
        elif s <= as_of and e > as_of and counts:
            f = int(register.finish[i])
            f_plan = as_of + model.overdue_months if f <= as_of else f
            inv = remaining_investment(months, s, f_plan, remaining, as_of, curve)
            pos = np.flatnonzero(np.asarray(inv) > 1e-12)
            if model.registration == "year_to_date" and (pos.size or pre[i] > 0):
                # 自年初累计: registered by December, all of this year's investment counts.
                entry_txt = month_text(last)
            elif pos.size:
                entry_txt = month_text(int(months[pos[-1]]))
        if register.has_production[i] and p > as_of:
            prod_txt = month_text(last)
        rows.append(
            {
                "project": code,
                "latest_start": start_txt,
                "latest_entry": entry_txt,
                "latest_production": prod_txt,
            }
        )
    return pd.DataFrame(rows)
