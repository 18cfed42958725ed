"""From the scenario engine to the sample programme: targets, decisions, effects, packages.

The pieces :func:`sprintmodel.optimize.solve.optimize` assembles:

- :class:`Target`: a unit × indicator target in the engine's terms (:func:`targets_for`);
- :class:`Decision`: one variable of the programme (an amount lever at one placement, a
  saturating lever's effective intensity, a timing lever's level, a project acceleration)
  (:func:`build_decisions`);
- :func:`decision_effects` / :func:`chance_model`: each decision's effect on each target in each
  draw, read from the engine by evaluating the decision alone, and the programme's data;
- :class:`Package`: what a planner announces, and its scenario (:func:`package_spec`).

The engine's effects are linear in each decision: an amount lever's effect is its effect draw ×
timing share × intensity × carry (``docs/levers.md``); a saturating lever's is linear in its
effective intensity ``f(X) = s (1 − e^{−X/s})``; a timing lever (whose effect moves projects
through interpolated tables) is taken in whole steps, and each project acceleration is yes/no.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sprintmodel.errors import InputError
from sprintmodel.optimize.accelerations import Acceleration
from sprintmodel.optimize.problem import PackageProblem
from sprintmodel.optimize.saa import ChanceModel
from sprintmodel.scenario.engine import ScenarioEngine
from sprintmodel.scenario.levers import LeverSpec
from sprintmodel.scenario.spec import ScenarioSpec, rollup_units
from sprintmodel.yamlio import closest

SATURATING_CUTS = 16
"""Tangent cuts approximating a saturating lever's concave response from above."""

INTENSITY_STEP = 1e-4
"""Amount-lever intensities in the package are rounded up to this step [intensity unit]."""


# ============================================================================ targets
@dataclass(frozen=True)
class Target:
    """One unit × indicator target the package must meet.

    Attributes
    ----------
    unit, indicator
        Codes.
    column
        Position of the unit in the indicator's draws.
    target_growth
        Target full-year growth [%] (implied by a level target where only that is given).
    target_level
        Target full-year level on the draws' basis [measure; volume for real indicators].
    base_full
        Last year's full-year level on the same basis [measure].
    """

    unit: str
    indicator: str
    column: int
    target_growth: float
    target_level: float
    base_full: float

    @property
    def label(self) -> str:
        """``unit × indicator``."""
        return f"{self.unit} × {self.indicator}"

    def growth(self, fy: np.ndarray) -> np.ndarray:
        """Full-year growth [%] of level draws ``fy`` of this unit."""
        return 100.0 * (fy / self.base_full - 1.0)


def targets_for(engine: ScenarioEngine, problem: PackageProblem) -> tuple[Target, ...]:
    """The targets of ``problem`` in ``engine``'s terms (errors name what is missing).

    Raises
    ------
    InputError
        An unknown indicator or unit, a unit without data for the indicator, no target for
        it in ``targets.csv`` for the year, or a ceiling target (``target_direction =
        at_most``).
    """
    ds = engine.dataset
    units = problem.units or (ds.root,)
    out = []
    for code in problem.indicators:
        if code not in engine.plans and code in ds.indicators:
            stale = any(
                n.code == "scenario.indicator_stale" and n.get("indicator") == code
                for n in engine.notes
            )
            why = (
                f"has no {engine.as_of.year} figures as of {engine.as_of} (a quarterly series "
                "before the first quarter is published)"
                if stale
                else f"has no forecast as of {engine.as_of} (no growth it can be forecast from: "
                "a real indicator needs its published ytd_growth)"
            )
            raise InputError(
                f"indicator '{code}' {why}; choose one of: {', '.join(engine.plans) or '(none)'}."
            )
        if code not in engine.plans:
            raise InputError(
                f"unknown indicator '{code}'.{closest(code, list(engine.plans))} "
                f"The data have: {', '.join(engine.plans)}."
            )
        plan = engine.plans[code]
        if plan.draws.indicator.ceiling:
            raise InputError(
                f"indicator '{code}' has a ceiling target (target_direction = at_most in "
                "indicators.csv): the levers raise indicators, so a package cannot be chosen "
                "to keep it below its target; choose another indicator."
            )
        for u in units:
            if u not in ds.units:
                raise InputError(f"unknown unit '{u}'.{closest(u, list(ds.units))}")
            if u not in plan.units or not plan.draws.level_known[plan.units.index(u)]:
                raise InputError(
                    f"unit '{u}' has no {code} data with levels as of {engine.as_of}; choose "
                    "another unit or indicator."
                )
            j = plan.units.index(u)
            level = float(plan.target_level[j])
            if not math.isfinite(level):
                raise InputError(
                    f"there is no {engine.as_of.year} target for {u} × {code} in targets.csv; "
                    "add one or choose another indicator."
                )
            out.append(
                Target(
                    u,
                    code,
                    j,
                    float(plan.target_growth[j]),
                    level,
                    float(plan.draws.base_full[j]),
                )
            )
    return tuple(out)


# ============================================================================ decisions
@dataclass(frozen=True)
class Decision:
    """One variable of the sample programme.

    Attributes
    ----------
    kind
        ``amount`` (a lever's intensity at one placement), ``effective`` (a saturating lever's
        effective intensity ``f(X)``), ``level`` (a timing lever at one whole level, yes/no) or
        ``option`` (a project acceleration, yes/no).
    name
        Label for tables.
    lever, unit
        The lever and the unit its intensity is given to (the root: city-wide, allocated).
    level
        Intensity of a ``level`` decision [the lever's unit].
    option
        The acceleration of an ``option`` decision.
    cost
        Cost per unit (``amount``) or of the yes/no decision [亿元].
    cost_kind
        Kind of cost.
    upper
        Upper bound (the cap, ``f(cap)`` or 1).
    """

    kind: str
    name: str
    lever: str = ""
    unit: str = ""
    level: float = 0.0
    option: Acceleration | None = None
    cost: float = 0.0
    cost_kind: str = "budget"
    upper: float = 1.0

    @property
    def integer(self) -> bool:
        """Yes/no decisions."""
        return self.kind in ("level", "option")


def effective_intensity(lv: LeverSpec, x: float) -> float:
    """Effective intensity ``f(X) = X · response_factor(X)`` (``X`` for a linear lever)."""
    return float(x * lv.response_factor(x)) if x > 0 else 0.0


def inverse_effective(lv: LeverSpec, e: float) -> float:
    """Intensity ``X`` with ``f(X) = e`` (saturating: ``−s ln(1 − e/s)``)."""
    if lv.response == "linear" or not math.isfinite(lv.response_scale):
        return e
    s = lv.response_scale
    if e >= s:
        return math.inf
    return float(-s * math.log1p(-e / s))


def is_saturating(lv: LeverSpec) -> bool:
    """True for a lever with a saturating response (finite scale)."""
    return lv.response != "linear" and math.isfinite(lv.response_scale)


def placements(engine: ScenarioEngine, targets: Sequence[Target]) -> tuple[str, ...]:
    """Units an amount lever's intensity may be given to: each target unit that adds into the
    city (a park's: its parent), the root meaning city-wide (allocated by the lever's key)."""
    ds = engine.dataset
    ok = rollup_units(ds)
    out: list[str] = []
    for t in targets:
        u = t.unit
        while u not in ok and ds.units[u].parent is not None:
            u = ds.units[u].parent  # type: ignore[assignment]
        if u not in ok:
            u = ds.root
        if u not in out:
            out.append(u)
    return tuple(out)


def build_decisions(
    engine: ScenarioEngine,
    targets: Sequence[Target],
    lever_ids: Sequence[str],
    options: Sequence[Acceleration],
) -> list[Decision]:
    """The programme's variables: levers at each placement, timing levels, project options."""
    out: list[Decision] = []
    where = placements(engine, targets)
    root = engine.dataset.root
    for lid in lever_ids:
        lv = engine.levers[lid]
        if lv.kind == "amount":
            places = where[:1] if is_saturating(lv) else where
            for u in places:
                label = lid if u == root else f"{lid} @ {u}"
                out.append(
                    Decision(
                        "amount",
                        label,
                        lid,
                        u,
                        cost=lv.cost_per_unit,
                        cost_kind=lv.cost_kind,
                        upper=lv.cap,
                    )
                )
                if is_saturating(lv):
                    out.append(
                        Decision(
                            "effective",
                            f"{label} (effective)",
                            lid,
                            u,
                            cost=0.0,
                            cost_kind=lv.cost_kind,
                            upper=effective_intensity(lv, lv.cap),
                        )
                    )
        else:
            levels = [float(k) for k in range(1, math.floor(lv.cap + 1e-9) + 1)]
            if not levels or levels[-1] < lv.cap - 1e-9:
                levels.append(float(lv.cap))
            for k in levels:
                out.append(
                    Decision(
                        "level",
                        f"{lid} = {k:g}",
                        lid,
                        level=k,
                        cost=0.0,  # filled from the engine (cost depends on projects affected)
                        cost_kind=lv.cost_kind,
                        upper=1.0,
                    )
                )
    for o in options:
        out.append(Decision("option", o.name, option=o, cost=o.cost, cost_kind=o.cost_kind))
    return out


def decision_spec(engine: ScenarioEngine, d: Decision) -> ScenarioSpec:
    """A scenario holding decision ``d`` alone at its upper bound (its probe)."""
    spec = engine.spec("probe")
    if d.kind in ("amount", "effective"):
        lv = engine.levers[d.lever]
        if d.unit == engine.dataset.root:
            return spec.with_lever(d.lever, lv.cap)
        return spec.with_lever(d.lever, units={d.unit: lv.cap})
    if d.kind == "level":
        return spec.with_lever(d.lever, d.level)
    assert d.option is not None
    return spec.with_projects(d.option.shift_item())


def decision_effects(
    engine: ScenarioEngine,
    targets: Sequence[Target],
    decisions: Sequence[Decision],
) -> tuple[np.ndarray, np.ndarray]:
    """Effect of one unit of each decision on each target in each draw, and yes/no costs.

    Returns
    -------
    effect
        (draws × targets × decisions) [pp of full-year growth]: for an amount lever per unit of
        intensity, for a saturating lever's effective intensity per unit of ``f(X)``, for a
        yes/no decision the whole decision. An amount decision of a saturating lever has a zero
        column (its effect goes through the effective decision).
    cost
        (decisions,) cost [亿元] per unit (amount) or of the yes/no decision (a timing level's
        from the engine, which counts the projects it affects).

    Notes
    -----
    Each decision is evaluated alone at its upper bound ``u`` and the change from the baseline
    divided by ``u`` (by ``f(cap)`` for the effective intensity); in the engine an amount
    lever's change is ``m_d · share · f(X)/X · X · carry``, linear in ``X`` for a linear
    lever. The change in growth is ``100 · Δlevel / base_full`` [pp].
    """
    n = engine.n_draws
    eff = np.zeros((n, len(targets), len(decisions)))
    cost = np.array([d.cost for d in decisions], dtype=np.float64)
    for k, d in enumerate(decisions):
        if d.kind == "amount" and is_saturating(engine.levers[d.lever]):
            continue
        res = engine.evaluate(decision_spec(engine, d))
        if d.kind == "amount":
            scale = engine.levers[d.lever].cap
        elif d.kind == "effective":
            scale = d.upper
        else:
            scale = 1.0
            if d.kind == "level":
                cost[k] = res.cost
        for i, t in enumerate(targets):
            fy = res.fy[t.indicator][:, t.column]
            base = engine.plans[t.indicator].draws.fy[:, t.column]
            eff[:, i, k] = 100.0 * (fy - base) / t.base_full / scale
    return eff, cost


def requirement(engine: ScenarioEngine, targets: Sequence[Target]) -> np.ndarray:
    """(draws × targets) target growth minus each baseline draw's growth [pp]."""
    out = np.empty((engine.n_draws, len(targets)))
    for i, t in enumerate(targets):
        base = engine.plans[t.indicator].draws.fy[:, t.column]
        out[:, i] = 100.0 * (t.target_level - base) / t.base_full
    return out


def chance_model(
    engine: ScenarioEngine,
    targets: Sequence[Target],
    decisions: Sequence[Decision],
) -> ChanceModel:
    """The sample programme's data: effects, requirements, costs, bounds and side rows.

    Side rows: a lever given to several placements shares its cap (``Σ_h X_h ≤ cap``); at
    most one level of a timing lever and one option per project; for a saturating lever the
    tangent cuts ``e ≤ f(x_j) + f'(x_j) (X − x_j)`` at :data:`SATURATING_CUTS` points, so that
    its effective intensity ``e`` never exceeds ``f(X)`` (``f`` is concave).
    """
    eff, cost = decision_effects(engine, targets, decisions)
    k = len(decisions)
    rows: list[np.ndarray] = []
    ub: list[float] = []
    by_lever: dict[str, list[int]] = {}
    by_project: dict[str, list[int]] = {}
    for i, d in enumerate(decisions):
        if d.kind in ("amount", "level"):
            by_lever.setdefault(d.lever, []).append(i)
        if d.kind == "option" and d.option is not None:
            by_project.setdefault(d.option.project, []).append(i)
    for lid, idx in by_lever.items():
        if len(idx) > 1:
            lv = engine.levers[lid]
            row = np.zeros(k)
            if lv.kind == "amount":
                row[idx] = 1.0
                rows.append(row)
                ub.append(lv.cap)
            else:
                row[idx] = 1.0
                rows.append(row)
                ub.append(1.0)
    for idx in by_project.values():
        if len(idx) > 1:
            row = np.zeros(k)
            row[idx] = 1.0
            rows.append(row)
            ub.append(1.0)
    for i, d in enumerate(decisions):
        if d.kind != "effective":
            continue
        lv = engine.levers[d.lever]
        j_amount = next(
            j
            for j, a in enumerate(decisions)
            if a.kind == "amount" and a.lever == d.lever and a.unit == d.unit
        )
        s = lv.response_scale
        for xj in np.linspace(0.0, lv.cap, SATURATING_CUTS):
            f = s * -math.expm1(-xj / s)
            slope = math.exp(-xj / s)
            row = np.zeros(k)
            row[i] = 1.0
            row[j_amount] = -slope
            rows.append(row)
            ub.append(f - slope * xj)
    return ChanceModel(
        effect=eff,
        need=requirement(engine, targets),
        cost=cost,
        upper=np.array([d.upper for d in decisions]),
        integer=np.array([d.integer for d in decisions]),
        rows=np.array(rows) if rows else np.zeros((0, k)),
        rows_upper=np.array(ub),
        names=tuple(d.name for d in decisions),
    )


# ============================================================================ packages
@dataclass(frozen=True)
class Package:
    """A set of lever intensities and project accelerations (what a planner would announce).

    Attributes
    ----------
    levers
        Per lever, the intensity given to each unit (the root: city-wide) [the lever's unit].
    accelerations
        Project accelerations taken.
    """

    levers: dict[str, dict[str, float]] = field(default_factory=dict)
    accelerations: tuple[Acceleration, ...] = ()

    def intensities(self) -> dict[str, float]:
        """Total intensity of each lever used."""
        return {lid: float(sum(u.values())) for lid, u in self.levers.items()}

    @property
    def acceleration_cost(self) -> float:
        """Cost of the accelerations [亿元]."""
        return float(sum(a.cost for a in self.accelerations))

    def scenario_levers(self, root: str) -> dict[str, Any]:
        """The scenario's ``levers`` mapping (``intensity`` when city-wide, else ``units``)."""
        out: dict[str, Any] = {}
        for lid, units in self.levers.items():
            if set(units) == {root}:
                out[lid] = {"intensity": units[root]}
            else:
                out[lid] = {"units": dict(units)}
        return out

    def is_empty(self) -> bool:
        """No lever and no acceleration."""
        return not self.levers and not self.accelerations


def package_from_w(
    engine: ScenarioEngine, decisions: Sequence[Decision], w: np.ndarray
) -> tuple[Package, np.ndarray]:
    """The package of decisions ``w`` and ``w`` as the package realises it.

    Amount intensities are rounded up to :data:`INTENSITY_STEP` (never above the cap), so the
    package gives at least what the programme chose; effective intensities follow from them.
    """
    w = np.asarray(w, dtype=np.float64).copy()
    levers: dict[str, dict[str, float]] = {}
    accel: list[Acceleration] = []
    for k, d in enumerate(decisions):
        if d.kind == "amount":
            lv = engine.levers[d.lever]
            x = float(w[k])
            if x < INTENSITY_STEP / 2:
                w[k] = 0.0
                continue
            x = min(lv.cap, math.ceil(x / INTENSITY_STEP - 1e-6) * INTENSITY_STEP)
            x = round(x, 6)
            w[k] = x
            levers.setdefault(d.lever, {})[d.unit] = x
        elif d.kind == "level" and w[k] > 0.5:
            w[k] = 1.0
            levers.setdefault(d.lever, {})[engine.dataset.root] = d.level
        elif d.kind == "option" and w[k] > 0.5 and d.option is not None:
            w[k] = 1.0
            accel.append(d.option)
        elif d.integer:
            w[k] = 0.0
    # Rounding up several placements of one lever may pass its cap by a step or so: take the
    # excess back from the largest placement (the programme kept the total within the cap).
    for lid, units in levers.items():
        cap = engine.levers[lid].cap
        excess = sum(units.values()) - cap
        if excess > 0 and len(units) > 1:
            top = max(units, key=lambda u: units[u])
            units[top] = round(max(0.0, units[top] - excess), 6)
            for k, d in enumerate(decisions):
                if d.kind == "amount" and d.lever == lid and d.unit == top:
                    w[k] = units[top]
    for k, d in enumerate(decisions):
        if d.kind == "effective":
            x = levers.get(d.lever, {}).get(d.unit, 0.0)
            w[k] = effective_intensity(engine.levers[d.lever], x)
    return Package(levers, tuple(accel)), w


def package_spec(
    engine: ScenarioEngine,
    package: Package,
    *,
    name: str = "least_cost_package",
    description: str = "",
) -> ScenarioSpec:
    """The package as a scenario on ``engine``'s draws and seed (``sprintmodel run`` reads it)."""
    return engine.spec(
        name,
        description=description,
        levers=package.scenario_levers(engine.dataset.root),
        projects=[a.shift_item() for a in package.accelerations],
    )


__all__ = [
    "INTENSITY_STEP",
    "SATURATING_CUTS",
    "Decision",
    "Package",
    "Target",
    "build_decisions",
    "chance_model",
    "decision_effects",
    "decision_spec",
    "effective_intensity",
    "inverse_effective",
    "is_saturating",
    "package_from_w",
    "package_spec",
    "placements",
    "requirement",
    "targets_for",
]
