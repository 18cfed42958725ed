"""Candidate packages of the least-cost search, each re-checked on fresh draws.

The pieces :func:`sprintmodel.optimize.solve.optimize_engines` assembles: the sample programme
solved for rising shares α until a package passes the re-check and then bisected
(:func:`search_min_cost`), each lever alone at the least intensity that reaches the probability
(:func:`single_lever_candidates`), and the binding constraints of the chosen package
(:func:`binding_table`). See :mod:`sprintmodel.optimize.solve` for the method.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sprintmodel.notes import Note
from sprintmodel.optimize.model import (
    Decision,
    Package,
    Target,
    decision_effects,
    decision_spec,
    inverse_effective,
    is_saturating,
    package_from_w,
    package_spec,
    requirement,
)
from sprintmodel.optimize.problem import (
    PackageProblem,
)
from sprintmodel.optimize.saa import (
    ChanceModel,
    SAASolution,
    required_count,
    solve_min_cost,
)
from sprintmodel.scenario.engine import ScenarioEngine
from sprintmodel.scenario.results import ScenarioResult
from sprintmodel.scenario.spec import ScenarioSpec


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
class SearchContext:
    """Everything the search shares (mutable bookkeeping, internal)."""

    problem: PackageProblem
    saa: ScenarioEngine
    check: ScenarioEngine
    targets: tuple[Target, ...]
    check_targets: tuple[Target, ...]
    decisions: list[Decision]
    model: ChanceModel
    timings: dict[str, float]
    notes: list[Note]
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


def solve_timed(ctx: SearchContext, fn: Any, *args: Any, **kwargs: Any) -> SAASolution:
    t0 = time.perf_counter()
    sol: SAASolution = fn(*args, **kwargs)
    ctx.timings["milp_s"] = ctx.timings.get("milp_s", 0.0) + time.perf_counter() - t0
    ctx.timings["milp_solves"] = ctx.timings.get("milp_solves", 0) + 1
    if sol.status == "time_limit":
        ctx.notes.append(
            Note.of("optimize.time_limit", limit=float(ctx.problem.time_limit), gap=float(sol.gap))
        )
    return sol


def round_record(cand: Candidate, sol: SAASolution, passed: bool) -> dict[str, Any]:
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


def search_min_cost(ctx: SearchContext) -> list[Candidate]:
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
        sol = solve_timed(
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
        ctx.rounds.append(round_record(cand, sol, ok))
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


def all_at_cap(ctx: SearchContext) -> np.ndarray:
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


def _single_amount(ctx: SearchContext, k: int, need: np.ndarray) -> tuple[float, float]:
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


def _single_level(ctx: SearchContext, idx: list[int]) -> int | None:
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


def single_lever_candidates(ctx: SearchContext) -> tuple[list[Candidate], list[dict[str, Any]]]:
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


def binding_table(ctx: SearchContext, best: Candidate) -> list[dict[str, Any]]:
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


__all__ = [
    "Candidate",
    "SearchContext",
    "all_at_cap",
    "binding_table",
    "least_threshold",
    "met_matrix",
    "probability",
    "round_record",
    "search_min_cost",
    "single_lever_candidates",
    "solve_timed",
]
