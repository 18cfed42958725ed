"""Major projects next year: planned investment by project, district and category, and risk.

From the register (``projects.csv``) and the scenario package's project model
(:class:`~sprintmodel.scenario.ProjectModel`: S-curve, entry threshold, output ramp, delays by
status), this module computes, for each project, what it adds in **this year** (January to
December of the as-of year) and in **next year**:

- counted fixed-asset investment [亿元]: what was invested this year up to the as-of month, then
  the remaining investment spread over the rest of the planned S-curve
  (:func:`~sprintmodel.scenario.curves.remaining_investment`), counted from statistical entry
  (入库) and only for projects at or above the entry threshold;
- value added [亿元, current prices]: from production start the output ramps to capacity
  (:func:`~sprintmodel.scenario.curves.output_ramp`) times the value-added rate; industrial
  projects feed industrial value added and GDP, others GDP only.

Schedules move, and investment is counted, by the scenario engine's own functions
(:func:`~sprintmodel.scenario.projects.shifted_schedule`,
:func:`~sprintmodel.scenario.projects.counted_investment`): a shift moves every date still ahead;
a project under construction keeps its start and stretches its remaining schedule. Tables over
whole-month shifts are interpolated at the delay draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.scenario.curves import (
    correlated_normals,
    gamma_delays,
    interpolate_table,
    output_ramp,
    s_curve_increments,
)
from sprintmodel.scenario.projects import (
    SHIFT_MAX,
    SHIFT_MIN,
    ProjectModel,
    ProjectRegister,
    counted_investment,
    delay_parameters,
    registration_catch_up,
    shifted_schedule,
)
from sprintmodel.scenario.ramps import first_year_factor

OUTPUTS = ("fai", "va_industrial", "va_other")
"""Last axis of the amount tables: counted investment, industrial and other value added."""

YEARS = ("last_year", "this_year", "next_year")
"""Second-to-last axis of the amount tables (last year holds value added only)."""


def invested_before(register: ProjectRegister, frame: pd.DataFrame, as_of: int) -> np.ndarray:
    """Investment counted this year up to the as-of month, per project [亿元].

    The register's ``invested_YYYY`` column for the as-of year where it is given; otherwise the
    planned S-curve's share of the total over January to the as-of month (counted from entry),
    at most the invested-to-date amount (an assumption: the project kept to its curve). Zero
    for projects not registered (入库) by the as-of month: what they completed is added when
    they register (:func:`~sprintmodel.scenario.projects.registration_catch_up`).
    """
    year = as_of // 12
    col = f"invested_{year}"
    jan = year * 12
    months = np.arange(jan, as_of + 1, dtype=np.float64)
    w = s_curve_increments(months[None, :], register.start[:, None], register.finish[:, None])
    count_from = np.maximum(register.entry, register.start)[:, None]
    started = (register.start >= 0)[:, None]
    planned = register.total * np.where(started & (months[None, :] >= count_from), w, 0.0).sum(1)
    out = np.minimum(planned, register.invested)
    if col in frame:
        given = pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=np.float64)
        out = np.where(np.isfinite(given), given, out)
    # Not registered yet: nothing is in the statistics; registration_catch_up adds it.
    out = np.where(register.entry > as_of, 0.0, out)
    return np.asarray(np.maximum(out, 0.0), dtype=np.float64)


def amount_tables(
    register: ProjectRegister,
    as_of: int,
    model: ProjectModel,
    before: np.ndarray,
    *,
    shift: np.ndarray | None = None,
    entry_offset: np.ndarray | None = None,
    production_offset: np.ndarray | None = None,
    shifts: np.ndarray | None = None,
    first_year_load: float = 1.0,
) -> np.ndarray:
    """Each project's amounts last year, this year and next year for every extra shift.

    Parameters
    ----------
    register
        The projects.
    as_of
        Last month of the data (absolute month number, ``year × 12 + month − 1``).
    model
        The project model.
    before
        Investment counted this year up to ``as_of`` [亿元] (:func:`invested_before`).
    shift, entry_offset, production_offset
        A scenario's schedule shift and extra entry and production offsets [months] per
        project (default 0).
    shifts
        Extra whole-schedule shifts tabulated [months] (default ``SHIFT_MIN..SHIFT_MAX``).
    first_year_load
        Share of design output reached in the first twelve months of production, on top of
        the ramp (达产达效 discount, ``λ``) [0-1]; 1 (default) means none
        (:attr:`~sprintmodel.targets.config.TargetConfig.first_year_load`).

    Returns
    -------
    numpy.ndarray
        (projects × shifts × 3 × 3): last year, this year and next year (:data:`YEARS`) ×
        counted investment, industrial and other value added (:data:`OUTPUTS`) [亿元, current
        prices]. Last year's investment is not computed (zero): only its value added is used.

    Notes
    -----
    With :math:`t_0` the as-of month and :math:`k` the total shift, a project not yet started
    moves by :math:`k' = \\max(k, t_0 + 1 - S)`; one already started keeps its start and its
    finish moves to :math:`\\max(F + k', t_0 + 1)` (a project past its planned finish spends what
    is left over ``overdue_months``). Monthly investment after :math:`t_0` is
    :math:`I_m = R\\,w_m / (1 - C_{t_0})` (the rest of the S-curve scaled to the remaining
    amount :math:`R`), counted from :math:`\\max(E', S')` (from January of its year under the
    statistics' ``year_to_date`` rule, with this year's earlier investment added on
    registration: :func:`~sprintmodel.scenario.projects.registration_catch_up`). Value added is
    :math:`r\\,\\frac{Q}{12}\\,\\rho_m(P')\\,\\lambda_m` in every month of both years (the
    ramp :math:`\\rho`; :math:`\\lambda_m` the first-year load ``first_year_load`` in the
    twelve months from :math:`P'`, 1 after). This year's investment adds ``before`` (not moved
    by any shift); last
    year's value added follows the planned production dates (they are past).
    """
    n = len(register)
    ks = np.arange(SHIFT_MIN, SHIFT_MAX + 1) if shifts is None else np.asarray(shifts)
    out = np.zeros((n, len(ks), 3, 3))
    if n == 0:
        return out
    base_k = np.zeros(n) if shift is None else np.asarray(shift, dtype=np.float64)
    year = as_of // 12
    months = np.arange((year - 1) * 12, year * 12 + 24, dtype=np.float64)
    which = (months // 12 - (year - 1)).astype(int)  # 0 last year, 1 this year, 2 next year
    schedule = shifted_schedule(
        register,
        as_of,
        model,
        base_k[:, None] + ks.astype(np.float64)[None, :],
        entry_offset=entry_offset,
        production_offset=production_offset,
    )
    counted = counted_investment(register, months, as_of, model, schedule)
    fai_next = counted[..., which == 2].sum(-1)
    fai_this = (
        counted[..., which == 1].sum(-1)
        + before[:, None]
        + registration_catch_up(register, as_of, model, schedule)
    )
    has_p = register.has_production[:, None]
    ramp = output_ramp(months, schedule.production[..., None], model.ramp_months)
    if first_year_load != 1.0:
        ramp = ramp * first_year_factor(months - schedule.production[..., None], first_year_load)
    monthly = (register.capacity * register.va_rate / 12.0)[:, None, None]
    va = np.where(has_p[..., None], monthly * ramp, 0.0)
    ind = register.industrial[:, None]
    out[:, :, 1, 0] = fai_this
    out[:, :, 2, 0] = fai_next
    for y in range(3):
        va_y = va[..., which == y].sum(-1)
        out[:, :, y, 1] = np.where(ind, va_y, 0.0)
        out[:, :, y, 2] = np.where(ind, 0.0, va_y)
    return out


def delay_draws(
    register: ProjectRegister, model: ProjectModel, n_draws: int, rng: np.random.Generator
) -> np.ndarray:
    """Delay draws [months] (draws × projects) from the model's delays by status.

    Gamma-distributed slips with a common factor (:func:`~sprintmodel.scenario.curves.gamma_delays`
    of :func:`~sprintmodel.scenario.curves.correlated_normals`), as in the scenario engine.
    """
    if len(register) == 0:
        return np.zeros((n_draws, 0))
    common = rng.standard_normal(n_draws)
    own = rng.standard_normal((n_draws, len(register)))
    mean, sd = delay_parameters(register, model)
    return gamma_delays(correlated_normals(common, own, model.common_factor), mean, sd)


def carry_matrix(dataset: DataSet, register: ProjectRegister, units: tuple[str, ...]) -> np.ndarray:
    """(projects × units): 1 where a project's amounts count in a unit.

    A project counts in its registered unit and every rollup ancestor present in ``units``, and
    in its park (``park`` column) when the park is in ``units``. Parks are never added into the
    city; projects of unknown units count nowhere.
    """
    pos = {u: i for i, u in enumerate(units)}
    g = np.zeros((len(register), len(units)))
    h = dataset.hierarchy
    for j, code in enumerate(register.units):
        if code not in h:
            continue
        chain = [code]
        u = h[code]
        while u.parent is not None and u.rollup:
            chain.append(u.parent)
            u = h[u.parent]
        for c in chain:
            if c in pos:
                g[j, pos[c]] = 1.0
        park = register.parks[j]
        if park and park in pos and park not in chain:
            g[j, pos[park]] = 1.0
    return g


@dataclass(frozen=True, eq=False)
class ProjectAmounts:
    """The register's amounts last year, this year and next year, under the delay draws.

    Attributes
    ----------
    register
        The projects.
    draws
        (draws × projects × 3 × 3) amounts [亿元] (:data:`YEARS` × :data:`OUTPUTS`) on the
        scenario's schedule with each draw's delays.
    planned
        (projects × 3 × 3) amounts on the scenario's schedule without delay (the plan).
    reference
        (projects × 3 × 3) amounts on the register's own schedule without delay (no scenario).
    slipped
        (projects × 3 × 3) amounts of :attr:`planned` with every project ``slip_months`` later.
    before
        Investment counted this year up to the as-of month [亿元] (projects,).
    slip_months
        The slip of :attr:`slipped` [months].
    indicators
        The project model's indicator codes (``investment``, ``industry``, ``gdp``).
    """

    register: ProjectRegister
    draws: np.ndarray
    planned: np.ndarray
    reference: np.ndarray
    slipped: np.ndarray
    before: np.ndarray
    slip_months: int
    indicators: dict[str, str]

    def outputs_for(self, indicator: str) -> list[int]:
        """Columns of :data:`OUTPUTS` feeding ``indicator`` (empty if none)."""
        if indicator == self.indicators.get("investment"):
            return [0]
        if indicator == self.indicators.get("industry"):
            return [1]
        if indicator == self.indicators.get("gdp"):
            return [1, 2]
        return []


def project_amounts(
    dataset: DataSet,
    as_of: int,
    model: ProjectModel,
    n_draws: int,
    rng: np.random.Generator,
    *,
    shift: np.ndarray | None = None,
    entry_offset: np.ndarray | None = None,
    production_offset: np.ndarray | None = None,
    slip_months: int = 3,
    first_year_load: float = 1.0,
) -> ProjectAmounts:
    """Amounts of every project in the three years, planned, slipped and under delays.

    Parameters
    ----------
    dataset
        Data with the register (``projects.csv``).
    as_of
        Last month of the data (absolute month number).
    model
        The project model (``levers_of(dataset).project_model``).
    n_draws
        Number of delay draws.
    rng
        Generator of the delay draws.
    shift, entry_offset, production_offset
        A scenario's resolved shifts per project [months].
    slip_months
        Extra slip of :attr:`ProjectAmounts.slipped` [months].
    first_year_load
        Share of design output in the first year of production (:func:`amount_tables`).
    """
    register = ProjectRegister.from_frame(dataset.projects)
    frame = dataset.projects.reset_index(drop=True)
    before = invested_before(register, frame, as_of) if len(register) else np.zeros(0)
    table = amount_tables(
        register,
        as_of,
        model,
        before,
        shift=shift,
        entry_offset=entry_offset,
        production_offset=production_offset,
        first_year_load=first_year_load,
    )
    p = len(register)
    zero = -SHIFT_MIN
    delays = delay_draws(register, model, n_draws, rng)
    if p:
        flat = table.reshape(p, table.shape[1], 9)
        drawn = interpolate_table(flat, delays, zero).reshape(n_draws, p, 3, 3)
        reference = amount_tables(
            register, as_of, model, before, shifts=np.array([0]), first_year_load=first_year_load
        )[:, 0]
    else:
        drawn = np.zeros((n_draws, 0, 3, 3))
        reference = np.zeros((0, 3, 3))
    return ProjectAmounts(
        register=register,
        draws=drawn,
        planned=table[:, zero],
        reference=reference,
        slipped=table[:, zero + slip_months],
        before=before,
        slip_months=slip_months,
        indicators=dict(model.indicators),
    )


PLAN_COLUMNS = [
    "project",
    "name",
    "unit",
    "park",
    "category",
    "status",
    "total_investment",
    "invested_to_date",
    "remaining",
    "planned_start",
    "planned_finish",
    "planned_production",
    "this_year_investment",
    "plan_next_year",
    "plan_source",
    "expected_next_year",
    "va_next_year",
    "slip_loss",
    "slip_loss_pct",
    "fai_pp_at_risk",
    "gdp_pp_at_risk",
    "risk_rank",
    "at_risk",
]
"""Columns of the investment plan (one row per project); see :func:`investment_plan`."""


def investment_plan(
    dataset: DataSet,
    amounts: ProjectAmounts,
    year: int,
    *,
    fai_base: float = float("nan"),
    gdp_base: float = float("nan"),
    top: int = 10,
) -> pd.DataFrame:
    """Next year's planned investment per project, with the timing risk of each.

    Parameters
    ----------
    dataset
        The data (register columns).
    amounts
        :func:`project_amounts`.
    year
        The plan year (next year).
    fai_base, gdp_base
        The city's projected full-year investment and GDP this year [亿元, current prices]; the
        bases of the points at risk.
    top
        Projects flagged ``at_risk``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PLAN_COLUMNS`: ``this_year_investment`` (this year in all, projected)
        and ``plan_next_year`` [亿元] on the planned schedule (the register's ``plan_YYYY``
        where it has one: ``plan_source`` says which); ``expected_next_year`` the mean under the
        delay model; ``va_next_year`` value added next year [亿元]; ``slip_loss`` the investment
        next year lost if the project slips ``slip_months`` more [亿元] (negative: a slip moves
        money *into* next year) and ``slip_loss_pct`` its share of the plan [%];
        ``fai_pp_at_risk`` and ``gdp_pp_at_risk`` those losses (value added for GDP) in points
        of the city's growth next year [pp]; ``risk_rank`` 1 = most investment growth at risk;
        ``at_risk`` the ``top`` first with a positive loss.
    """
    reg = amounts.register
    frame = dataset.projects.reset_index(drop=True)
    if len(reg) == 0:
        return pd.DataFrame(columns=PLAN_COLUMNS)
    planned = amounts.planned
    slipped = amounts.slipped
    plan = planned[:, 2, 0].copy()
    source = np.array(["s_curve"] * len(reg), dtype=object)
    col = f"plan_{year}"
    if col in frame:
        given = pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=np.float64)
        plan = np.where(np.isfinite(given), given, plan)
        source = np.where(np.isfinite(given), "register", source)
    loss = planned[:, 2, 0] - slipped[:, 2, 0]
    va_loss = (planned[:, 2, 1] + planned[:, 2, 2]) - (slipped[:, 2, 1] + slipped[:, 2, 2])
    with np.errstate(divide="ignore", invalid="ignore"):
        loss_pct = np.where(planned[:, 2, 0] > 0, 100.0 * loss / planned[:, 2, 0], np.nan)
        fai_pp = 100.0 * loss / fai_base if fai_base > 0 else np.full(len(reg), np.nan)
        gdp_pp = 100.0 * va_loss / gdp_base if gdp_base > 0 else np.full(len(reg), np.nan)

    def col_or_blank(name: str) -> list[Any]:
        return list(frame[name]) if name in frame else [""] * len(reg)

    out = pd.DataFrame(
        {
            "project": reg.codes,
            "name": reg.names,
            "unit": reg.units,
            "park": reg.parks,
            "category": reg.categories,
            "status": reg.statuses,
            "total_investment": reg.total,
            "invested_to_date": reg.invested,
            "remaining": np.maximum(reg.total - reg.invested, 0.0),
            "planned_start": col_or_blank("planned_start"),
            "planned_finish": col_or_blank("planned_finish"),
            "planned_production": col_or_blank("planned_production"),
            "this_year_investment": planned[:, 1, 0],
            "plan_next_year": plan,
            "plan_source": source,
            "expected_next_year": amounts.draws[:, :, 2, 0].mean(axis=0),
            "va_next_year": planned[:, 2, 1] + planned[:, 2, 2],
            "slip_loss": loss,
            "slip_loss_pct": loss_pct,
            "fai_pp_at_risk": fai_pp,
            "gdp_pp_at_risk": gdp_pp,
        }
    )
    for c in ("planned_start", "planned_finish", "planned_production"):
        out[c] = out[c].fillna("").astype(str)
    order = np.argsort(-loss, kind="stable")
    rank = np.empty(len(reg), dtype=int)
    rank[order] = np.arange(1, len(reg) + 1)
    out["risk_rank"] = rank
    out["at_risk"] = (rank <= top) & (loss > 1e-9)
    return out.sort_values("risk_rank", kind="stable").reset_index(drop=True)


def plan_by(plan: pd.DataFrame, key: str) -> pd.DataFrame:
    """The plan summed by ``key`` (``unit``, ``park`` or ``category``).

    Columns: ``key``, ``n_projects``, ``this_year_investment``, ``plan_next_year``,
    ``expected_next_year``, ``share_pct`` (of the register's plan next year) [%], ``slip_loss``,
    ``fai_pp_at_risk``, ``n_at_risk``.
    """
    cols = [
        key,
        "n_projects",
        "this_year_investment",
        "plan_next_year",
        "expected_next_year",
        "share_pct",
        "slip_loss",
        "fai_pp_at_risk",
        "n_at_risk",
    ]
    if plan.empty:
        return pd.DataFrame(columns=cols)
    data = plan[plan[key].astype(str) != ""] if key == "park" else plan
    g = data.groupby(key, sort=False)
    out = pd.DataFrame(
        {
            "n_projects": g.size(),
            "this_year_investment": g["this_year_investment"].sum(),
            "plan_next_year": g["plan_next_year"].sum(),
            "expected_next_year": g["expected_next_year"].sum(),
            "slip_loss": g["slip_loss"].sum(),
            "fai_pp_at_risk": g["fai_pp_at_risk"].sum(min_count=1),
            "n_at_risk": g["at_risk"].sum().astype(int),
        }
    ).reset_index()
    total = float(plan["plan_next_year"].sum())
    out["share_pct"] = 100.0 * out["plan_next_year"] / total if total > 0 else np.nan
    return out[cols].sort_values("plan_next_year", ascending=False).reset_index(drop=True)


__all__ = [
    "OUTPUTS",
    "PLAN_COLUMNS",
    "YEARS",
    "ProjectAmounts",
    "amount_tables",
    "carry_matrix",
    "delay_draws",
    "invested_before",
    "investment_plan",
    "plan_by",
    "project_amounts",
]
