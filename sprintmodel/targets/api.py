"""Next year's targets from this year's sprint: options with odds, allocation, milestones, plan.

:func:`draft_targets` is the orchestrator: this year's full-year draws (the baseline forecast or
a scenario's) → next year's growth draws of every unit (:mod:`~sprintmodel.targets.nextyear`) →
this year's levels and seasonal paths (:mod:`~sprintmodel.targets.base`) → target options with
their probabilities and tiers (:mod:`~sprintmodel.targets.option_table`) → the city's chosen
target allocated to districts (:mod:`~sprintmodel.targets.allocation_table`) → time-progress
milestones and the 双过半 check (:mod:`~sprintmodel.targets.milestone_table`) → the register's
investment plan and the projects most at risk (:mod:`~sprintmodel.targets.projects`).
Everything lands in one immutable :class:`~sprintmodel.targets.result.TargetsResult`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.data.model import sort_in_data_order
from sprintmodel.data.readers.province_targets import PROVINCE_FILE
from sprintmodel.errors import InputError
from sprintmodel.figures import PUBLISHED_DRAWS, PUBLISHED_SEED
from sprintmodel.forecast.draws import Draws
from sprintmodel.notes import Note
from sprintmodel.periods import Period, parse_period
from sprintmodel.rng import check_random_state
from sprintmodel.targets.allocation_table import allocate_targets
from sprintmodel.targets.base import DraftBase
from sprintmodel.targets.config import TargetConfig
from sprintmodel.targets.milestone_table import milestone_tables
from sprintmodel.targets.nextyear import next_year_draws
from sprintmodel.targets.option_table import (
    choose_city_targets,
    city_row_notes,
    floor_notes,
    option_table,
)
from sprintmodel.targets.plan_coverage import coverage_note, plan_coverage, with_stages
from sprintmodel.targets.projects import (
    ProjectAmounts,
    investment_plan,
    plan_by,
    project_amounts,
)
from sprintmodel.targets.result import TargetsResult

DEFAULT_DRAWS = PUBLISHED_DRAWS
"""Simulation draws [count] (:data:`sprintmodel.figures.PUBLISHED_DRAWS`, as the forecast's
default)."""


def _seed(rng: int | np.random.Generator | None) -> tuple[int, np.random.Generator | None]:
    """The seed (drawn from a given generator) and the generator when one was given."""
    state = check_random_state(rng)
    return state.to_seed(), state.generator if state.given else None


def read_province_targets(dataset: DataSet, year: int) -> dict[str, float]:
    """The province's target growth [%] by indicator for ``year``.

    From the folder's optional ``province_targets.csv`` (or ``.xlsx``), read and checked when
    the folder was loaded (:attr:`~sprintmodel.data.DataSet.province_targets`); an empty mapping
    without one. Rows without a growth are left out.
    """
    frame = dataset.province_targets
    if frame is None:
        return {}
    rows = frame[(frame.year == year) & np.isfinite(frame.target_growth.to_numpy())]
    return dict(zip(rows.indicator, rows.target_growth.astype(float), strict=True))


def _scenario_draws(
    dataset: DataSet, scenario: Any, n_draws: int | None, seed: int | None
) -> tuple[Draws, Any, str, Any]:
    """Draws, resolved shifts, a label and the project model of a scenario (path, spec, result)."""
    from sprintmodel.scenario import ScenarioResult, ScenarioSpec, evaluate_file

    if isinstance(scenario, str | Path):
        scenario = ScenarioSpec.from_yaml(scenario)
    if isinstance(scenario, ScenarioSpec):
        spec = scenario
        if n_draws is not None or seed is not None:
            spec = spec.replace(
                draws=n_draws if n_draws is not None else spec.draws,
                seed=seed if seed is not None else spec.seed,
            )
        scenario = evaluate_file(dataset, spec)
    if not isinstance(scenario, ScenarioResult):
        raise InputError(
            "scenario must be a scenario file, a ScenarioSpec or a ScenarioResult, not "
            f"{type(scenario).__name__}"
        )
    resolved = scenario.engine.resolve(scenario.spec, strict=False)
    model = scenario.engine.levers.project_model
    return scenario.to_draws(), resolved, f"scenario {scenario.spec.name}", model


def _resolve_as_of(dataset: DataSet, year: int | None, as_of: str | Period | None) -> Period:
    if as_of is not None:
        p = parse_period(as_of)
        latest = dataset.latest_period
        if p.year * 12 + p.month > latest.year * 12 + latest.month:
            raise InputError(f"--as-of {p} is after the data's latest period {latest}")
    else:
        p = dataset.latest_period
        if year is not None and p.year >= year:
            raise InputError(
                f"targets for {year} are drafted from {year - 1}'s data, but the data run to "
                f"{p}. Fix: give --as-of {year - 1}Q3 (to draft as in October {year - 1}) or "
                f"--year {p.year + 1}"
            )
    if year is not None and p.year != year - 1:
        raise InputError(
            f"targets for {year} are drafted from {year - 1}'s data, but the as-of period is "
            f"{p}. Fix: --as-of {year - 1}Q3 or --year {p.year + 1}"
        )
    return p


def draft_targets(
    dataset: DataSet,
    year: int | None = None,
    *,
    as_of: str | Period | None = None,
    scenario: Any = None,
    draws: Draws | None = None,
    province_growth: Mapping[str, float] | None = None,
    option: str = "baseline",
    city_targets: Mapping[str, float] | None = None,
    bounds: Mapping[str, tuple[float | None, float | None]] | None = None,
    towns: bool = False,
    projects: bool = True,
    indicators: Sequence[str] | None = None,
    n_draws: int | None = None,
    rng: int | np.random.Generator | None = None,
    config: TargetConfig | None = None,
) -> TargetsResult:
    """Draft next year's targets: options with odds, allocation, milestones, investment plan.

    Parameters
    ----------
    dataset
        A loaded data folder.
    year
        The target year (default: the as-of period's year + 1).
    as_of
        Period of this year's data (default: the latest period; it must lie in ``year - 1``).
        With a scenario, the scenario's ``as_of`` is used.
    scenario
        A scenario file, :class:`~sprintmodel.scenario.ScenarioSpec` or
        :class:`~sprintmodel.scenario.ScenarioResult`: this year's full year and the project
        schedules come from it (default: the baseline forecast).
    draws
        This year's full-year draws to use instead (e.g. ``forecast(...).draws``).
    province_growth
        The province's target growth by indicator [%] (the "at least the province's" option);
        default: the folder's ``province_targets.csv`` if any.
    option
        The option whose city target is allocated and given milestones (``baseline`` by
        default; any option name of the result).
    city_targets
        Explicit city target growth by indicator [%], overriding ``option``.
    bounds
        Allocation bounds on units' target growth [%]: ``{"SLQ": (4.0, 7.0)}`` for every
        indicator, ``{"gdp/SLQ": (4.5, None)}`` for one; None keeps the default side
        (reference ± ``config.band_pp``).
    towns
        Also allocate each county's target among its towns.
    projects
        Use the project register (delays, production starts, investment plan).
    indicators
        Indicator codes (default: all).
    n_draws
        Simulation draws [count] (default :data:`DEFAULT_DRAWS`, or the scenario's).
    rng
        Seed or ``numpy.random.Generator`` (default seed 0). With a seed (or None) the draft
        uses **common random numbers**: this year's forecast and next year's simulation run on
        the published seed's streams (:data:`sprintmodel.figures.PUBLISHED_SEED`) whatever the
        seed, so that the rounded tiers never move with it (one figure everywhere; the seed is
        recorded and, with a scenario file, seeds the scenario). A generator drives every
        stream itself.
    config
        Settings (:class:`~sprintmodel.targets.config.TargetConfig`).

    Returns
    -------
    TargetsResult

    Raises
    ------
    InputError
        An as-of period outside ``year - 1``, an unknown indicator or option, bounds that cannot
        add up to the city's target, a bad scenario.

    Examples
    --------
    >>> import sprintmodel as sm
    >>> res = sm.draft_targets(sm.example_city(), 2027, n_draws=200)  # doctest: +SKIP
    >>> res.options  # doctest: +SKIP
    """
    cfg = config or TargetConfig()
    seed, gen = _seed(rng)
    if n_draws is not None and n_draws < 10:
        raise InputError(f"n_draws must be at least 10, not {n_draws}")
    # Common random numbers: with a seed (not a generator), the simulation behind the tiers uses
    # the published seed's streams whatever the seed, so that a rounded tier never moves with it.
    this, p, source, resolved, model = _this_year_draws(
        dataset,
        year,
        as_of,
        scenario,
        draws,
        n_draws,
        scenario_seed=seed if rng is not None else None,
        forecast_rng=gen if gen is not None else PUBLISHED_SEED,
    )
    year = p.year + 1
    codes = _indicator_codes(this, indicators)
    n = next(iter(this.values())).n_draws if len(this) else 0
    streams, notes = _streams(gen, seed, source, p, n)
    amounts = None
    if projects and len(dataset.projects):
        amounts = _project_amounts(dataset, p, model, resolved, n, streams[1], cfg)
    nxt = next_year_draws(
        dataset, this, config=cfg, rng=streams[0], amounts=amounts, indicators=codes
    )
    province, province_notes = _province_growth(dataset, year, province_growth)
    notes += province_notes
    base = DraftBase(dataset, nxt, p, cfg)
    unit_options = option_table(base, codes, province)
    notes += floor_notes(unit_options, dataset.root)
    chosen, choice_notes = choose_city_targets(unit_options, base, codes, option, city_targets)
    alloc = allocate_targets(
        base,
        chosen,
        unit_options,
        note=city_row_notes(chosen, option, city_targets),
        bounds=bounds,
        towns=towns,
    )
    milestones, double = milestone_tables(base, alloc.targets, year)
    plan, plan_notes, coverage = _investment_plan(base, amounts, alloc.targets, year, projects)
    components = pd.concat([ny.components() for ny in nxt.values()], ignore_index=True)
    return TargetsResult(
        dataset=dataset,
        year=year,
        as_of=p,
        source=source,
        option=option,
        config=cfg,
        next_year=nxt,
        options=_city_options(unit_options, dataset.root),
        unit_options=_sort(unit_options, dataset),
        allocation=_sort(alloc.frame(), dataset),
        allocations=alloc.allocations,
        milestones=_sort(milestones, dataset),
        double_half=_sort(double, dataset),
        investment_plan=plan,
        **_plan_views(plan),
        investment_coverage=coverage,
        components=_sort(components, dataset),
        city_targets=chosen,
        province_growth=province,
        notes=tuple([*notes, *choice_notes, *alloc.notes, *plan_notes]),
        seed=seed,
        n_draws=n,
    )


def _city_options(unit_options: pd.DataFrame, root: str) -> pd.DataFrame:
    """The city's rows of the option table, without the unit column."""
    rows = unit_options[unit_options.unit == root]
    return rows.drop(columns="unit").reset_index(drop=True)


def _plan_views(plan: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The investment plan summed by unit, category and park (empty without a plan)."""
    return {
        f"investment_by_{key}": plan_by(plan, key) if len(plan) else pd.DataFrame()
        for key in ("unit", "category", "park")
    }


def _streams(
    gen: np.random.Generator | None, seed: int, source: str, p: Period, n: int
) -> tuple[list[np.random.Generator], list[Note]]:
    """The two streams of the draft (next year's draws, project amounts) and the opening
    notes. Common random numbers: without a generator the published seed's streams are used
    whatever the seed given, so that a rounded tier never moves with it."""
    if source.startswith("scenario "):
        name = source.removeprefix("scenario ")
        notes = [Note.of("targets.source_scenario", scenario=name, as_of_period=str(p), n=n)]
    else:
        notes = [Note.of("targets.source", source=source, as_of_period=str(p), n=n)]
    if gen is not None:
        return gen.spawn(2), notes
    notes.append(Note.of("targets.crn", published=PUBLISHED_SEED, seed=seed))
    return np.random.default_rng([PUBLISHED_SEED, 2027_06]).spawn(2), notes


def _this_year_draws(
    dataset: DataSet,
    year: int | None,
    as_of: str | Period | None,
    scenario: Any,
    draws: Draws | None,
    n_draws: int | None,
    *,
    scenario_seed: int | None,
    forecast_rng: int | np.random.Generator,
) -> tuple[Draws, Period, str, Any, Any]:
    """This year's full-year draws, their as-of period, source, a scenario's shifts and model.

    From the scenario if given (run with ``scenario_seed``, None: the scenario's own), else the
    draws given, else the baseline forecast (with ``forecast_rng``).
    """
    if scenario is not None:
        this, resolved, source, model = _scenario_draws(dataset, scenario, n_draws, scenario_seed)
        return this, _resolve_as_of(dataset, year, this.as_of), source, resolved, model
    if draws is not None:
        return draws, _resolve_as_of(dataset, year, draws.as_of), "draws given", None, None
    from sprintmodel.forecast import forecast

    p = _resolve_as_of(dataset, year, as_of)
    this = forecast(dataset, p, n_draws=n_draws or DEFAULT_DRAWS, rng=forecast_rng).draws
    return this, p, "baseline forecast", None, None


def _indicator_codes(this: Draws, indicators: Sequence[str] | None) -> list[str]:
    """The indicators asked for (default: all of ``this``), each checked to be known."""
    codes = list(indicators) if indicators is not None else list(this)
    for c in codes:
        if c not in this:
            raise InputError(f"unknown indicator {c!r}; the data have {', '.join(this)}")
    return codes


def _project_amounts(
    dataset: DataSet,
    p: Period,
    model: Any,
    resolved: Any,
    n: int,
    rng: np.random.Generator,
    cfg: TargetConfig,
) -> ProjectAmounts:
    """The register's amounts under delay draws (and a scenario's shifts)."""
    if model is None:
        from sprintmodel.scenario.levers import levers_of

        model = levers_of(dataset).project_model
    return project_amounts(
        dataset,
        p.year * 12 + p.month - 1,
        model,
        n,
        rng,
        shift=None if resolved is None else resolved.shift,
        entry_offset=None if resolved is None else resolved.entry_offset,
        production_offset=None if resolved is None else resolved.production_offset,
        slip_months=cfg.slip_months,
        first_year_load=cfg.first_year_load,
    )


def _province_growth(
    dataset: DataSet, year: int, given: Mapping[str, float] | None
) -> tuple[dict[str, float], list[Note]]:
    """The province's target growth by indicator [%]: ``given``, else the folder's file."""
    notes: list[Note] = []
    province = dict(given) if given is not None else None
    if province is None:
        province = read_province_targets(dataset, year)
        if province:
            shown = [f"{c} {g:g}%" for c, g in province.items()]
            notes.append(
                Note.of("targets.province_file", file=f"{PROVINCE_FILE}.csv", province=shown)
            )
    for c in province:
        if c not in dataset.indicators:
            raise InputError(
                f"province growth for unknown indicator {c!r}; the data have "
                f"{', '.join(dataset.indicators)}"
            )
    if not province:
        notes.append(
            Note.of("targets.no_province", option="--province-growth", file=f"{PROVINCE_FILE}.csv")
        )
    return province, notes


def _investment_plan(
    base: DraftBase,
    amounts: ProjectAmounts | None,
    targets: Mapping[tuple[str, str], tuple[float, float]],
    year: int,
    projects: bool,
) -> tuple[pd.DataFrame, list[Note], pd.DataFrame]:
    """The investment plan for ``year`` (register and pipeline, with stages and funding
    sources), notes on how much of the city's target it covers, and the coverage table
    (:func:`~sprintmodel.targets.plan_coverage.plan_coverage`).

    Empty, with a note when ``projects`` was asked for, without a register (``amounts`` None).
    """
    if amounts is None:
        return (
            pd.DataFrame(),
            ([Note.of("targets.no_register", file="projects.csv")] if projects else []),
            pd.DataFrame(),
        )
    root = base.dataset.root
    codes = amounts.indicators

    def city_base(key: str) -> float:
        c = codes.get(key, "")
        return (
            base.value(c, root)
            if c in base.next_year and root in base.next_year[c].units
            else float("nan")
        )

    plan = investment_plan(
        base.dataset,
        amounts,
        year,
        fai_base=city_base("investment"),
        gdp_base=city_base("gdp"),
        top=base.config.at_risk_top,
    )
    inv = codes.get("investment", "")
    t_level = targets.get((inv, root), (np.nan, np.nan))[1]
    total = float(plan.plan_next_year.sum())
    plan = with_stages(plan, base.dataset, year)
    coverage = plan_coverage(plan, base.dataset, targets, inv)
    if not (np.isfinite(t_level) and t_level > 0):
        return plan, [], coverage
    return (
        plan,
        [
            Note.of(
                "targets.register_share",
                total=total,
                share=100 * total / t_level,
                indicator=inv,
                target=t_level,
            ),
            *coverage_note(coverage, root),
        ],
        coverage,
    )


def _sort(frame: pd.DataFrame, dataset: DataSet) -> pd.DataFrame:
    """``frame`` in the data folder's order of units and indicators."""
    if frame.empty:
        return frame
    return sort_in_data_order(frame, dataset.hierarchy, dataset.indicators)


__all__ = ["DEFAULT_DRAWS", "PROVINCE_FILE", "draft_targets", "read_province_targets"]
