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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from sprintmodel.data import DataSet
from sprintmodel.errors import InputError
from sprintmodel.optimize.accelerations import (
    Acceleration,
    AccelerationSet,
)
from sprintmodel.optimize.model import (
    Decision,
    Package,
    Target,
    build_decisions,
    chance_model,
    decision_effects,
    decision_spec,
    inverse_effective,
    is_saturating,
    package_from_w,
    package_spec,
    requirement,
    targets_for,
)
from sprintmodel.optimize.problem import (
    DEFAULT_CHECK_DRAWS,
    DEFAULT_INDICATORS,
    DEFAULT_SAA_DRAWS,
    PackageProblem,
)
from sprintmodel.optimize.results import OptimizationResult
from sprintmodel.optimize.saa import (
    ChanceModel,
    SAASolution,
    required_count,
    solve_max_probability,
    solve_min_cost,
)
from sprintmodel.periods import Period
from sprintmodel.scenario.engine import ScenarioEngine
from sprintmodel.scenario.levers import LeverSet, open_data
from sprintmodel.scenario.projects import ProjectRegister
from sprintmodel.scenario.results import ScenarioResult
from sprintmodel.scenario.spec import ScenarioSpec
from sprintmodel.yamlio import closest


@dataclass(frozen=True, eq=False)
class Candidate:
    """A package re-checked on the fresh draws.

    Attributes
    ----------
    origin
        Where it comes from (``sample programme, α = 0.83``, ``single lever: special_bonds``,
        ``most probable``, ``everything at its cap``).
    package, spec, result
        The package, its scenario on the check engine and its evaluation.
    w
        Its decisions in the sample programme's variables.
    cost
        Lever cost (engine) plus acceleration cost [亿元].
    p_check, p_targets
        Re-checked probability (joint, or least over targets) and per target [0-1].
    p_saa
        Probability on the sample programme's draws [0-1].
    alpha
        Share α of the sample programme that produced it (None for other candidates).
    """

    origin: str
    package: Package
    spec: ScenarioSpec
    result: ScenarioResult
    w: np.ndarray
    cost: float
    p_check: float
    p_targets: np.ndarray
    p_saa: float
    alpha: float | None = None
    solution: SAASolution | None = None


def met_matrix(result: ScenarioResult, targets: Sequence[Target]) -> np.ndarray:
    """(draws × targets) True where the scenario's draw meets the target (``fy ≥ target``)."""
    return np.stack(
        [result.fy[t.indicator][:, t.column] >= t.target_level for t in targets], axis=1
    )


def probability(met: np.ndarray, joint: bool) -> float:
    """Joint share of draws meeting every target, or the least per-target share."""
    if joint:
        return float(met.all(axis=1).mean())
    return float(met.mean(axis=0).min())


# ============================================================================ optimiser
@dataclass
class _Context:
    """Everything the search shares (mutable bookkeeping, internal)."""

    problem: PackageProblem
    saa: ScenarioEngine
    check: ScenarioEngine
    targets: tuple[Target, ...]
    check_targets: tuple[Target, ...]
    decisions: list[Decision]
    model: ChanceModel
    timings: dict[str, float]
    notes: list[str]
    rounds: list[dict[str, Any]] = field(default_factory=list)

    def candidate(
        self,
        origin: str,
        w: np.ndarray,
        *,
        alpha: float | None = None,
        solution: SAASolution | None = None,
    ) -> Candidate:
        t0 = time.perf_counter()
        pkg, w_real = package_from_w(self.saa, self.decisions, w)
        spec = package_spec(self.check, pkg)
        res = self.check.evaluate(spec)
        met = met_matrix(res, self.check_targets)
        p_targets = met.mean(axis=0)
        cand = Candidate(
            origin=origin,
            package=pkg,
            spec=spec,
            result=res,
            w=w_real,
            cost=float(res.cost + pkg.acceleration_cost),
            p_check=probability(met, self.problem.joint),
            p_targets=p_targets,
            p_saa=self.model.probability(w_real, joint=self.problem.joint),
            alpha=alpha,
            solution=solution,
        )
        self.timings["check_s"] = self.timings.get("check_s", 0.0) + time.perf_counter() - t0
        return cand

    def passes(self, cand: Candidate) -> bool:
        p = self.problem
        return cand.p_check >= p.target_probability - p.accepted_shortfall - 1e-12


def _solve_timed(ctx: _Context, fn: Any, *args: Any, **kwargs: Any) -> SAASolution:
    t0 = time.perf_counter()
    sol: SAASolution = fn(*args, **kwargs)
    ctx.timings["milp_s"] = ctx.timings.get("milp_s", 0.0) + time.perf_counter() - t0
    ctx.timings["milp_solves"] = ctx.timings.get("milp_solves", 0) + 1
    if sol.status == "time_limit":
        ctx.notes.append(
            f"the sample programme hit its time limit ({ctx.problem.time_limit:g} s); the best "
            f"package found is used (relative gap {sol.gap:.2%})"
        )
    return sol


def _round_record(cand: Candidate, sol: SAASolution, passed: bool) -> dict[str, Any]:
    return {
        "alpha": cand.alpha,
        "required_draws": sol.required,
        "status": sol.status,
        "cost": cand.cost,
        "probability_saa": cand.p_saa,
        "probability_checked": cand.p_check,
        "passes": passed,
        "milp_s": round(sol.seconds, 3),
    }


def search_min_cost(ctx: _Context) -> list[Candidate]:
    """Sample programmes at rising α until the package passes the re-check, then bisection.

    Returns every candidate produced (the caller picks the cheapest that passes).
    """
    p = ctx.problem
    n = ctx.model.n_draws
    out: list[Candidate] = []
    alpha = p.target_probability
    lo_fail: float | None = None
    hi_pass: float | None = None
    for _ in range(p.max_rounds):
        sol = _solve_timed(
            ctx,
            solve_min_cost,
            ctx.model,
            alpha,
            joint=p.joint,
            time_limit=p.time_limit,
            mip_rel_gap=p.mip_rel_gap,
        )
        if not sol.ok:
            ctx.rounds.append(
                {
                    "alpha": alpha,
                    "required_draws": sol.required,
                    "status": sol.status,
                    "cost": None,
                    "probability_saa": None,
                    "probability_checked": None,
                    "passes": False,
                    "milp_s": round(sol.seconds, 3),
                }
            )
            break  # the sample cannot reach α: stop (the caller handles infeasibility)
        cand = ctx.candidate(f"sample programme, α = {alpha:.4f}", sol.w, alpha=alpha, solution=sol)
        ok = ctx.passes(cand)
        ctx.rounds.append(_round_record(cand, sol, ok))
        out.append(cand)
        if ok:
            hi_pass = alpha
        else:
            lo_fail = alpha
        if hi_pass is None:
            step = max(1.0 / n, p.target_probability - cand.p_check)
            new = min(1.0, required_count(alpha + step, n) / n)
            if new <= alpha:
                break
            alpha = new
            continue
        if lo_fail is None:
            break  # passed at α = p: nothing cheaper to look for above p
        k_lo, k_hi = required_count(lo_fail, n), required_count(hi_pass, n)
        if k_hi - k_lo <= 1:
            break
        alpha = ((k_lo + k_hi) // 2) / n
    return out


def _all_at_cap(ctx: _Context) -> np.ndarray:
    """Every lever at its cap (city-wide), the top level of timing levers, the longest option."""
    w = np.zeros(len(ctx.decisions))
    root = ctx.saa.dataset.root
    first_place: dict[str, int] = {}
    top_level: dict[str, int] = {}
    longest: dict[str, tuple[int, int]] = {}  # project -> (months, decision)
    for k, d in enumerate(ctx.decisions):
        if d.kind == "amount":
            if d.unit == root or d.lever not in first_place:
                first_place[d.lever] = k
        elif d.kind == "level":
            if d.lever not in top_level or d.level > ctx.decisions[top_level[d.lever]].level:
                top_level[d.lever] = k
        elif d.kind == "option" and d.option is not None:
            months = longest.get(d.option.project, (0, -1))[0]
            if d.option.months > months:
                longest[d.option.project] = (d.option.months, k)
    for k in first_place.values():
        w[k] = ctx.decisions[k].upper
    for k in (*top_level.values(), *(k for _, k in longest.values())):
        w[k] = 1.0
    return w


def least_threshold(thresholds: np.ndarray, probability_: float, *, joint: bool) -> float:
    """Least ``X`` with ``X ≥ thresholds[s, t]`` for a share ``probability_`` of the draws.

    Parameters
    ----------
    thresholds
        (draws × targets): the least intensity meeting each target in each draw (``inf``
        where none does, 0 where the baseline already meets it).
    probability_
        Share of draws to meet [0-1].
    joint
        All targets in the same draw (the ``⌈pN⌉``-th smallest of ``max_t thresholds``) or
        each separately (the largest over targets of each one's ``⌈pN⌉``-th smallest).
    """
    n_req = required_count(probability_, thresholds.shape[0])
    if n_req == 0:
        return 0.0
    if joint:
        return float(np.sort(thresholds.max(axis=1))[n_req - 1])
    return float(np.sort(thresholds, axis=0)[n_req - 1].max())


def _single_amount(ctx: _Context, k: int, need: np.ndarray) -> tuple[float, float]:
    """Intensity and cost of amount decision ``k`` alone (see :func:`single_lever_candidates`)."""
    p = ctx.problem
    d = ctx.decisions[k]
    lv = ctx.check.levers[d.lever]
    if p.budget is not None:
        x = lv.cap if lv.cost_per_unit == 0 else min(lv.cap, p.budget / lv.cost_per_unit)
        return x, lv.cost_per_unit * x
    probe = d
    if is_saturating(lv):
        probe = next(
            e
            for e in ctx.decisions
            if e.kind == "effective" and e.lever == d.lever and e.unit == d.unit
        )
    eff, _ = decision_effects(ctx.check, ctx.check_targets, [probe])
    a = eff[:, :, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        thr = np.where(need <= 0, 0.0, np.where(a > 0, need / a, np.inf))
    e_need = least_threshold(thr, p.target_probability, joint=p.joint)
    if not math.isfinite(e_need) or e_need > probe.upper * (1 + 1e-12):
        x = lv.cap
    else:
        x = min(lv.cap, inverse_effective(lv, max(0.0, e_need)))
    return x, lv.cost_per_unit * x


def _single_level(ctx: _Context, idx: list[int]) -> int | None:
    """The level decision of a timing lever alone: the lowest reaching ``p`` (else the top),
    or with a budget the top affordable (None: none is)."""
    p = ctx.problem
    order = sorted(idx, key=lambda j: ctx.decisions[j].level)
    if p.budget is not None:
        affordable = [k for k in order if ctx.decisions[k].cost <= p.budget + 1e-9]
        return affordable[-1] if affordable else None
    for k in order:
        res = ctx.check.evaluate(decision_spec(ctx.check, ctx.decisions[k]))
        if probability(met_matrix(res, ctx.check_targets), p.joint) >= p.target_probability:
            return k
    return order[-1]


def single_lever_candidates(ctx: _Context) -> tuple[list[Candidate], list[dict[str, Any]]]:
    """Each lever alone: the least intensity reaching ``p`` on the fresh draws (or, with a
    budget, the most it buys), re-checked with the engine.

    Notes
    -----
    For a linear amount lever the targets are met in draw ``s`` when ``X a[s, t] ≥ need[s, t]``
    for every ``t``, i.e. ``X ≥ max_t need[s, t] / a[s, t]``; the least intensity meeting ``p``
    is the ``⌈p N⌉``-th smallest of these thresholds (:func:`least_threshold`, exact on the
    fresh draws). A saturating lever the same on its effective intensity, inverted; a timing
    lever level by level. A lever given to several placements: the cheapest placement.
    """
    p = ctx.problem
    t0 = time.perf_counter()
    rows: list[dict[str, Any]] = []
    cands: list[Candidate] = []
    singles: dict[str, list[int]] = {}
    for k, d in enumerate(ctx.decisions):
        if d.kind in ("amount", "level"):
            singles.setdefault(d.lever, []).append(k)
    need = requirement(ctx.check, ctx.check_targets)
    for lid, idx in singles.items():
        lv = ctx.check.levers[lid]
        w = np.zeros(len(ctx.decisions))
        unit = ctx.check.dataset.root
        if lv.kind == "amount":
            options = [(*_single_amount(ctx, k, need), k) for k in idx]
            x, _cost, k = min(options, key=lambda o: o[1])
            w[k] = x
            unit = ctx.decisions[k].unit
        else:
            level = _single_level(ctx, idx)
            if level is not None:
                w[level] = 1.0
        cand = ctx.candidate(f"single lever: {lid}", w)
        cands.append(cand)
        intensity = cand.package.intensities().get(lid, 0.0)
        limit = p.target_probability - (p.accepted_shortfall if p.budget is not None else 0.0)
        rows.append(
            {
                "lever": lid,
                "name_zh": lv.name_zh,
                "name_en": lv.name_en,
                "unit": unit,
                "intensity": intensity,
                "intensity_unit": lv.intensity_unit,
                "cap": lv.cap,
                "cost": cand.cost,
                "cost_kind": lv.cost_kind,
                "probability_checked": cand.p_check,
                "reaches": bool(cand.p_check >= limit - 1e-12),
                "at_cap": bool(intensity >= lv.cap * (1 - 1e-9)),
            }
        )
    ctx.timings["single_lever_s"] = time.perf_counter() - t0
    return cands, rows


def binding_table(ctx: _Context, best: Candidate) -> list[dict[str, Any]]:
    """Which constraints bind at the recommended package (one record per constraint)."""
    p = ctx.problem
    out: list[dict[str, Any]] = []
    used = best.package.intensities()
    for lid in dict.fromkeys(d.lever for d in ctx.decisions if d.lever):
        lv = ctx.check.levers[lid]
        x = used.get(lid, 0.0)
        out.append(
            {
                "constraint": f"cap of {lid}",
                "item": lid,
                "kind": "cap",
                "value": x,
                "limit": lv.cap,
                "unit": lv.intensity_unit,
                "binding": bool(x >= lv.cap * (1 - 1e-6)),
            }
        )
    limits: dict[str, int] = {}
    for d in ctx.decisions:
        if d.option is not None:
            limits[d.option.project] = max(limits.get(d.option.project, 0), d.option.months)
    for a in best.package.accelerations:
        out.append(
            {
                "constraint": f"feasibility limit of {a.project} ({a.action})",
                "item": a.project,
                "kind": "feasibility",
                "value": float(a.months),
                "limit": float(limits.get(a.project, a.months)),
                "unit": "months earlier",
                "binding": bool(a.months >= limits.get(a.project, a.months)),
            }
        )
    if p.budget is not None:
        out.append(
            {
                "constraint": "budget",
                "item": "budget",
                "kind": "budget",
                "value": best.cost,
                "limit": p.budget,
                "unit": "亿元",
                "binding": bool(best.cost >= p.budget - 1e-6 * max(1.0, p.budget)),
            }
        )
    sol = best.solution
    if sol is not None and best.alpha is not None:
        n = ctx.model.n_draws
        out.append(
            {
                "constraint": "probability on the sample (SAA)",
                "item": "sample",
                "kind": "probability",
                "value": best.p_saa,
                "limit": best.alpha,
                "unit": "share of draws",
                "binding": bool(round(best.p_saa * n) <= sol.required),
            }
        )
    out.append(
        {
            "constraint": "probability on the fresh draws",
            "item": "fresh",
            "kind": "probability",
            "value": best.p_check,
            "limit": p.target_probability,
            "unit": "share of draws",
            "binding": bool(
                abs(best.p_check - p.target_probability) <= 2 * p.accepted_shortfall + 1e-12
            ),
        }
    )
    return out


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
    engine: ScenarioEngine, accelerations: AccelerationSet, notes: list[str]
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
            notes.append(f"acceleration {o.name} skipped: {exc}")
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

    Returns
    -------
    OptimizationResult
    """
    t_start = time.perf_counter()
    timings = dict(timings or {})
    notes: list[str] = []
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
            notes.append(f"levers that move none of the targets: {', '.join(names)}")
        if n_opt:
            notes.append(
                f"{n_opt} project acceleration options change none of the targets this year "
                "(left out)"
            )
        decisions = [decisions[k] for k in keep]
        model = chance_model(saa_engine, targets, decisions)
    timings["effects_s"] = time.perf_counter() - t0
    ctx = _Context(
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
        sol = _solve_timed(
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
            ctx.rounds.append(_round_record(cand, sol, ctx.passes(cand)))
            candidates.append(cand)
    singles, single_rows = single_lever_candidates(ctx) if decisions else ([], [])
    passing = [c for c in candidates if ctx.passes(c)]
    passing += [
        c for c in singles if problem.budget is None and c.p_check >= problem.target_probability
    ]
    origin_note = ""
    if problem.budget is None:
        if passing:
            best = min(passing, key=lambda c: (c.cost, -c.p_check))
            feasible = True
        else:
            # Infeasible: the best reachable probability (most probable package, or all caps).
            extra: list[Candidate] = []
            sol = _solve_timed(
                ctx,
                solve_max_probability,
                model,
                joint=problem.joint,
                time_limit=problem.time_limit,
                mip_rel_gap=problem.mip_rel_gap,
            )
            if sol.ok:
                extra.append(ctx.candidate("most probable (no budget)", sol.w, solution=sol))
            extra.append(ctx.candidate("everything at its cap", _all_at_cap(ctx)))
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
    if best.origin.startswith("single lever"):
        origin_note = (
            f"the recommended package is a single lever ({best.origin[len('single lever: ') :]}): "
            "no combination from the sample programme re-checked cheaper"
        )
        notes.append(origin_note)
    if not feasible:
        p = problem.target_probability
        notes.append(
            f"the target probability {p:.0%} is out of reach"
            + (
                f" within the budget of {problem.budget:g} 亿元"
                if problem.budget is not None
                else ""
            )
            + f": the best package reaches {best.p_check:.1%} on fresh draws"
        )
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
        targets=tuple(_target_rows(ctx, best)),
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


def _target_rows(ctx: _Context, best: Candidate) -> list[dict[str, Any]]:
    rows = []
    base_met = met_matrix(ctx.check.baseline_result(), ctx.check_targets).mean(axis=0)
    saa_met = ctx.model.met(best.w).mean(axis=0)
    for i, t in enumerate(ctx.check_targets):
        fy = best.result.fy[t.indicator][:, t.column]
        g = t.growth(fy)
        base_g = t.growth(ctx.check.plans[t.indicator].draws.fy[:, t.column])
        rows.append(
            {
                "unit": t.unit,
                "indicator": t.indicator,
                "target_growth": t.target_growth,
                "baseline_growth_p50": float(np.median(base_g)),
                "growth_p50": float(np.median(g)),
                "growth_p10": float(np.quantile(g, 0.1)),
                "growth_p90": float(np.quantile(g, 0.9)),
                "gap_pp": float(np.median(g) - t.target_growth),
                "baseline_probability": float(base_met[i]),
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
def _seed(rng: int | np.random.Generator | None) -> int:
    if rng is None:
        return 0
    if isinstance(rng, np.random.Generator):
        return int(rng.integers(0, 2**62))
    if isinstance(rng, bool) or not isinstance(rng, int | np.integer) or int(rng) < 0:
        raise InputError(f"rng {rng!r} must be a non-negative integer seed or a numpy Generator.")
    return int(rng)


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
    seed = _seed(rng)
    dataset, levers = open_data(dataset, levers)
    period = Period.parse(str(as_of)) if as_of is not None else dataset.latest_period
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
    return optimize_engines(saa, chk, problem, accel, timings=timings)


__all__ = [
    "Candidate",
    "binding_table",
    "least_threshold",
    "met_matrix",
    "optimize",
    "optimize_engines",
    "probability",
    "search_min_cost",
    "single_lever_candidates",
]
