"""The least-cost sprint package: from the scenario engine to the sample programme and back.

:func:`optimize` answers the planner's reverse question, "what is the cheapest combination of
levers and project accelerations that meets the targets with probability ``p``?" (or, under a
budget, "what gives the best odds?"):

1. **Two engines.** One :class:`~sprintmodel.scenario.ScenarioEngine` with ``n_draws`` draws
   (seed ``s``) for the sample programme, one with ``check_draws`` fresh draws (seed ``s + 1``)
   for the re-check; the package file carries the second's draws and seed, so that
   ``sprintmodel run package.yaml`` reproduces the re-check.
2. **Linear effects.** The engine's effects are linear in each decision: an amount lever's
   effect is its effect draw × intensity (up to the cap; a saturating lever through its
   effective intensity ``f(X) = s (1 − e^{−X/s})``), a timing lever is taken in whole steps
   (levels 1, 2, … up to its cap, at most one), and each project acceleration is a yes/no
   option (at most one per project). Each decision's effect on each target in each draw is
   read from the engine by evaluating the decision alone
   (:func:`decision_effects`); effects of several decisions add up in the engine (exactly for
   amount levers and for different projects).
3. **The sample programme** (:mod:`sprintmodel.optimize.saa`): least cost such that the
   targets are met in ``⌈α N⌉`` of the ``N`` draws, as a MILP with ``scipy.optimize.milp``.
4. **Re-check and tightening.** The package is evaluated on the fresh draws. The sample
   programme is optimistic (it picks the decisions that just meet ``α`` on *its* draws), so
   when the re-checked probability falls short of ``p`` by more than the tolerance, ``α`` is
   raised by the shortfall and the programme solved again; once a package passes, ``α`` is
   bisected between the last failing and the first passing value (on the grid ``1/N``).
5. **Candidates.** The recommended package is the cheapest candidate that passes the
   re-check, among the sample programme's packages and the single-lever packages (each lever
   alone at the least intensity that reaches ``p`` on the fresh draws), so it never costs more
   than the cheapest single lever. When no candidate passes, the target is reported as
   infeasible with the best probability reached (the sample programme's most-probable package
   or everything at its cap, whichever re-checks higher).
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.errors import InputError
from sprintmodel.figures import PUBLISHED_DRAWS, headline_growth
from sprintmodel.notes import Note
from sprintmodel.optimize.accelerations import (
    Acceleration,
    AccelerationSet,
)
from sprintmodel.optimize.model import (
    Decision,
    Target,
    build_decisions,
    chance_model,
    is_saturating,
    targets_for,
)
from sprintmodel.optimize.problem import (
    DEFAULT_CHECK_DRAWS,
    DEFAULT_INDICATORS,
    DEFAULT_SAA_DRAWS,
    PackageProblem,
)
from sprintmodel.optimize.results import OptimizationResult
from sprintmodel.optimize.saa import ChanceModel, solve_max_probability
from sprintmodel.optimize.search import (
    Candidate,
    SearchContext,
    all_at_cap,
    binding_table,
    met_matrix,
    round_record,
    search_min_cost,
    single_lever_candidates,
    solve_timed,
)
from sprintmodel.periods import Period, as_period
from sprintmodel.rng import check_random_state
from sprintmodel.scenario.engine import ScenarioEngine
from sprintmodel.scenario.levers import LeverSet, open_data
from sprintmodel.scenario.projects import ProjectRegister
from sprintmodel.yamlio import closest


def _lever_ids(levers: LeverSet, problem: PackageProblem) -> tuple[str, ...]:
    if problem.levers is None:
        return tuple(levers)
    for lid in problem.levers:
        if lid not in levers:
            raise InputError(
                f"unknown lever '{lid}'.{closest(lid, list(levers))} "
                f"The levers file {levers.source or '(default)'} defines: {', '.join(levers)}."
            )
    return problem.levers


def _usable_options(
    engine: ScenarioEngine, accelerations: AccelerationSet, notes: list[Note]
) -> list[Acceleration]:
    """Options the data allow as of the engine's period (each checked by the engine)."""
    feas = accelerations.feasible(engine.register, engine.as_of_month)
    notes.extend(feas.notes)
    out = []
    spec = engine.spec("probe")
    for o in feas.options():
        try:
            engine.resolve(spec.with_projects(o.shift_item()))
        except InputError as exc:
            notes.append(Note.of("optimize.option_skipped", option=o.name, reason=str(exc)))
            continue
        out.append(o)
    return out


def optimize_engines(
    saa_engine: ScenarioEngine,
    check_engine: ScenarioEngine,
    problem: PackageProblem,
    accelerations: AccelerationSet | None = None,
    *,
    timings: dict[str, float] | None = None,
    published: pd.DataFrame | None = None,
) -> OptimizationResult:
    """:func:`optimize` on engines already built (the sample's and the fresh draws').

    Parameters
    ----------
    saa_engine
        Engine whose draws form the sample programme.
    check_engine
        Engine with fresh draws (another seed) on which packages are re-checked; the package
        scenario carries its draws and seed.
    problem
        The question.
    accelerations
        Projects that may move (default: none).
    published
        The published figures (``ForecastResult.headlines()`` of the forecast with
        :data:`~sprintmodel.figures.PUBLISHED_DRAWS` draws): the report's baseline growth and
        probability come from it, so that they are the figures ``forecast`` and ``brief``
        publish (default: the re-check engine's baseline).

    Returns
    -------
    OptimizationResult
    """
    t_start = time.perf_counter()
    timings = dict(timings or {})
    notes: list[Note] = []
    if saa_engine.as_of != check_engine.as_of:
        raise InputError("the two engines must be built as of the same period")
    targets = targets_for(saa_engine, problem)
    check_targets = targets_for(check_engine, problem)
    lever_ids = _lever_ids(saa_engine.levers, problem)
    options: list[Acceleration] = []
    if problem.projects and accelerations is not None and len(accelerations):
        options = _usable_options(saa_engine, accelerations, notes)
    decisions = build_decisions(saa_engine, targets, lever_ids, options)
    t0 = time.perf_counter()
    decisions, model = _prune(saa_engine, targets, decisions, notes)
    timings["effects_s"] = time.perf_counter() - t0
    ctx = SearchContext(
        problem=problem,
        saa=saa_engine,
        check=check_engine,
        targets=targets,
        check_targets=check_targets,
        decisions=decisions,
        model=model,
        timings=timings,
        notes=notes,
    )
    candidates: list[Candidate] = []
    if problem.budget is None:
        candidates.extend(search_min_cost(ctx))
    else:
        sol = solve_timed(
            ctx,
            solve_max_probability,
            model,
            joint=problem.joint,
            budget=problem.budget,
            time_limit=problem.time_limit,
            mip_rel_gap=problem.mip_rel_gap,
        )
        if sol.ok:
            cand = ctx.candidate("most probable within the budget", sol.w, solution=sol)
            ctx.rounds.append(round_record(cand, sol, ctx.passes(cand)))
            candidates.append(cand)
    singles, single_rows = single_lever_candidates(ctx) if decisions else ([], [])
    best, feasible = _choose(ctx, candidates, singles)
    notes.extend(_verdict_notes(problem, best, feasible))
    binding = binding_table(ctx, best)
    timings["optimize_s"] = time.perf_counter() - t_start
    return OptimizationResult(
        problem=problem,
        package=best.package,
        spec=best.spec.replace(
            name="least_cost_package" if problem.budget is None else "best_package_within_budget",
            description=_description(problem, best, feasible),
        ),
        cost=best.cost,
        probability_saa=best.p_saa,
        probability_checked=best.p_check,
        feasible=feasible,
        alpha=best.alpha,
        origin=best.origin,
        targets=tuple(_target_rows(ctx, best, published)),
        binding_records=tuple(binding),
        single_lever_records=tuple(single_rows),
        rounds=tuple(ctx.rounds),
        decisions=tuple(decisions),
        seeds={"saa": saa_engine.seed, "check": check_engine.seed},
        n_draws=saa_engine.n_draws,
        check_draws=check_engine.n_draws,
        timings={k: (round(v, 4) if isinstance(v, float) else v) for k, v in timings.items()},
        notes=tuple(dict.fromkeys(notes + list(accelerations.notes if accelerations else ()))),
        acceleration_source=accelerations.source if accelerations is not None else "",
        checked=best.result,
        engine=check_engine,
    )


def _prune(
    saa_engine: ScenarioEngine,
    targets: Sequence[Target],
    decisions: list[Decision],
    notes: list[Note],
) -> tuple[list[Decision], ChanceModel]:
    """The decisions that move some target in some draw (others would only cost) and their
    chance model; what was left out is said in ``notes``."""
    model = chance_model(saa_engine, targets, decisions)
    # Decisions that move no target in any draw are left out (they would only cost).
    keep = [
        k
        for k, d in enumerate(decisions)
        if d.kind == "effective"
        or (d.kind == "amount" and is_saturating(saa_engine.levers[d.lever]))
        or np.any(model.effect[:, :, k] != 0)
    ]
    dropped = [d for k, d in enumerate(decisions) if k not in keep]
    if dropped:
        n_opt = sum(d.kind == "option" for d in dropped)
        names = sorted({d.lever for d in dropped if d.lever})
        if names:
            notes.append(Note.of("optimize.levers_idle", levers=names))
        if n_opt:
            notes.append(Note.of("optimize.options_idle", n=n_opt))
        decisions = [decisions[k] for k in keep]
        model = chance_model(saa_engine, targets, decisions)
    return decisions, model


def _choose(
    ctx: SearchContext, candidates: list[Candidate], singles: list[Candidate]
) -> tuple[Candidate, bool]:
    """The recommended candidate and whether it reaches the target probability.

    Without a budget: the cheapest that passes the re-check (singles included); when none
    does, the most probable package or everything at its cap, whichever is better. Under a
    budget: the most probable within it.
    """
    problem, model, decisions = ctx.problem, ctx.model, ctx.decisions
    passing = [c for c in candidates if ctx.passes(c)]
    passing += [
        c for c in singles if problem.budget is None and c.p_check >= problem.target_probability
    ]
    if problem.budget is None:
        if passing:
            best = min(passing, key=lambda c: (c.cost, -c.p_check))
            feasible = True
        else:
            # Infeasible: the best reachable probability (most probable package, or all caps).
            extra: list[Candidate] = []
            sol = solve_timed(
                ctx,
                solve_max_probability,
                model,
                joint=problem.joint,
                time_limit=problem.time_limit,
                mip_rel_gap=problem.mip_rel_gap,
            )
            if sol.ok:
                extra.append(ctx.candidate("most probable (no budget)", sol.w, solution=sol))
            extra.append(ctx.candidate("everything at its cap", all_at_cap(ctx)))
            ok = [c for c in extra if ctx.passes(c)]
            if ok:
                best = min(ok, key=lambda c: (c.cost, -c.p_check))
                feasible = True
            else:
                best = max(extra, key=lambda c: (c.p_check, -c.cost))
                feasible = False
            candidates.extend(extra)
    else:
        pool = candidates + [c for c in singles if c.cost <= problem.budget + 1e-9]
        if not pool:
            pool = [ctx.candidate("nothing", np.zeros(len(decisions)))]
        best = max(pool, key=lambda c: (round(c.p_check, 12), -c.cost))
        feasible = ctx.passes(best)
    return best, feasible


def _verdict_notes(problem: PackageProblem, best: Candidate, feasible: bool) -> list[Note]:
    """Notes on where the recommended package comes from and on an unreachable target
    (``p``, ``best``: the target and the best re-checked probability [0-1]; ``budget`` [亿元])."""
    notes: list[Note] = []
    if best.origin.startswith("single lever"):
        lever = best.origin[len("single lever: ") :]
        notes.append(Note.of("optimize.single_lever", lever=lever))
    if not feasible:
        p = problem.target_probability
        if problem.budget is None:
            notes.append(Note.of("optimize.out_of_reach", p=p, best=best.p_check))
        else:
            notes.append(
                Note.of(
                    "optimize.out_of_reach_budget", p=p, best=best.p_check, budget=problem.budget
                )
            )
    return notes


def _target_rows(
    ctx: SearchContext, best: Candidate, published: pd.DataFrame | None
) -> list[dict[str, Any]]:
    """One row per target: the baseline's published figures and the package's.

    Growth is the headline of :mod:`sprintmodel.figures` (point forecast plus the change of the
    mean); the baseline's probability is the published one where ``published`` is given.
    """
    rows = []
    base_met = met_matrix(ctx.check.baseline_result(), ctx.check_targets).mean(axis=0)
    saa_met = ctx.model.met(best.w).mean(axis=0)
    pub = published.set_index(["unit", "indicator"]) if published is not None else None
    for i, t in enumerate(ctx.check_targets):
        fy = best.result.fy[t.indicator][:, t.column]
        g = t.growth(fy)
        d = ctx.check.plans[t.indicator].draws
        base_g = float(headline_growth(d)[t.column])
        base_p = float(base_met[i])
        if pub is not None and (t.unit, t.indicator) in pub.index:
            base_g = float(pub.at[(t.unit, t.indicator), "fy_growth"])
            base_p = float(pub.at[(t.unit, t.indicator), "p_meet_target"])
        growth = float(best.result.summary_row(t.unit, t.indicator)["fy_growth"])
        rows.append(
            {
                "unit": t.unit,
                "indicator": t.indicator,
                "target_growth": t.target_growth,
                "baseline_growth": base_g,
                "growth": growth,
                "growth_p10": float(np.quantile(g, 0.1)),
                "growth_p90": float(np.quantile(g, 0.9)),
                "gap_pp": growth - t.target_growth,
                "baseline_probability": base_p,
                "probability_saa": float(saa_met[i]),
                "probability_checked": float(best.p_targets[i]),
            }
        )
    return rows


def _description(problem: PackageProblem, best: Candidate, feasible: bool) -> str:
    what = ", ".join(problem.indicators)
    head = (
        f"least-cost sprint package for {what} at P ≥ {problem.target_probability:.0%}"
        if problem.budget is None
        else f"best sprint package for {what} within {problem.budget:g} 亿元"
    )
    acc = best.package.acceleration_cost
    tail = (
        f"; cost {best.cost:.2f} 亿元 (levers {best.cost - acc:.2f}, project accelerations "
        f"{acc:.2f}); P re-checked {best.p_check:.1%}"
    )
    return head + tail + ("" if feasible else " (target probability out of reach)")


# ============================================================================ entry point
def optimize(
    dataset: DataSet,
    as_of: str | Period | None = None,
    *,
    target_probability: float = 0.8,
    budget: float | None = None,
    indicators: Sequence[str] | str = DEFAULT_INDICATORS,
    units: Sequence[str] | str | None = None,
    joint: bool = True,
    n_draws: int = DEFAULT_SAA_DRAWS,
    check_draws: int = DEFAULT_CHECK_DRAWS,
    levers: LeverSet | None = None,
    use_levers: Sequence[str] | None = None,
    accelerations: AccelerationSet | str | Path | None = None,
    projects: bool = True,
    method: str = "combination",
    rng: int | np.random.Generator | None = 0,
    problem: PackageProblem | None = None,
    **options: Any,
) -> OptimizationResult:
    """The least-cost package of levers and project accelerations meeting targets with odds ``p``.

    Parameters
    ----------
    dataset
        The data set (e.g. :func:`sprintmodel.example_city`).
    as_of
        Period of the data to start from (default: the latest).
    target_probability
        Probability of meeting the targets the package must reach [0-1].
    budget
        Fiscal budget [亿元]; with one, the package maximises the probability within it
        (then least cost) instead.
    indicators
        Indicator codes whose targets must be met (default ``("gdp",)``).
    units
        Units whose targets must be met (default: the city).
    joint
        Every target met in the same draw (default) or each separately.
    n_draws, check_draws
        Draws of the sample programme and of the re-check on fresh draws.
    levers
        The lever set (default: the folder's ``levers.yaml``, else the example city's;
        :func:`~sprintmodel.scenario.levers.open_data`).
    use_levers
        Levers the package may use (default: all).
    accelerations
        An :class:`AccelerationSet` or the path of an ``accelerations.csv`` (default: the
        folder's file, read when it was loaded, else :meth:`AccelerationSet.default`).
    projects
        Whether project accelerations may be used.
    method
        Forecast method of the baseline.
    rng
        Seed (or a ``numpy.random.Generator`` to draw one from): the sample's engine uses
        seed ``s``, the re-check's ``s + 1``. The same seed gives the same answer.
    problem
        A :class:`PackageProblem` instead of the keyword arguments above.
    **options
        Further :class:`PackageProblem` fields (``tolerance``, ``max_rounds``, ``time_limit``,
        ``mip_rel_gap``).

    Returns
    -------
    OptimizationResult
        The package, its cost [亿元], the probability on the sample and re-checked on fresh
        draws, feasibility, binding constraints and the single-lever comparison.

    Examples
    --------
    >>> import sprintmodel as sm
    >>> res = sm.optimize(sm.example_city(), indicators=["retail"], target_probability=0.7)  # doctest: +SKIP
    >>> res.summary()  # doctest: +SKIP
    >>> res.to_spec()  # a ScenarioSpec: sprintmodel run accepts res.to_yaml()  # doctest: +SKIP
    """
    from sprintmodel.forecast import forecast

    if problem is None:
        problem = PackageProblem(
            target_probability=target_probability,
            budget=budget,
            indicators=tuple([indicators] if isinstance(indicators, str) else indicators),
            units=tuple([units] if isinstance(units, str) else (units or ())),
            joint=joint,
            n_draws=n_draws,
            check_draws=check_draws,
            levers=tuple(use_levers) if use_levers is not None else None,
            projects=projects,
            **options,
        )
    seed = check_random_state(rng).to_seed()
    dataset, levers = open_data(dataset, levers)
    period = as_period(as_of, dataset.latest_period)
    # Cheap checks before the forecast runs.
    _lever_ids(levers, problem)
    for code in problem.indicators:
        if code not in dataset.indicators:
            raise InputError(
                f"unknown indicator '{code}'.{closest(code, list(dataset.indicators))} "
                f"The data have: {', '.join(dataset.indicators)}."
            )
    for u in problem.units:
        if u not in dataset.units:
            raise InputError(f"unknown unit '{u}'.{closest(u, list(dataset.units))}")
    for code in problem.indicators:
        for u in problem.units or (dataset.root,):
            if not any(math.isfinite(v) for v in dataset.target(u, code, period.year)):
                raise InputError(
                    f"there is no {period.year} target for {u} × {code} in targets.csv; "
                    "add one or choose another indicator."
                )
    register = ProjectRegister.from_frame(dataset.projects)
    if isinstance(accelerations, str | Path):
        accel: AccelerationSet | None = AccelerationSet.from_csv(accelerations, register)
    elif accelerations is None:
        accel = dataset.accelerations
        if accel is None:
            accel = AccelerationSet.default(register, levers=levers)
    else:
        accel = accelerations
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    f_saa = forecast(dataset, period, method=method, n_draws=problem.n_draws, rng=seed)
    f_chk = forecast(dataset, period, method=method, n_draws=problem.check_draws, rng=seed + 1)
    timings["forecast_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    saa = ScenarioEngine(dataset, f_saa.draws, levers, seed=seed, method=method)
    chk = ScenarioEngine(dataset, f_chk.draws, levers, seed=seed + 1, method=method)
    timings["engines_s"] = time.perf_counter() - t0
    # The report's baseline: the published figures (sprintmodel.figures), same seed as the sample.
    pub = f_saa if problem.n_draws == PUBLISHED_DRAWS else None
    if pub is None:
        pub = forecast(dataset, period, method=method, n_draws=PUBLISHED_DRAWS, rng=seed)
    return optimize_engines(saa, chk, problem, accel, timings=timings, published=pub.headlines())


__all__ = ["optimize", "optimize_engines"]
