"""A plain per-draw Python implementation of the scenario model, for tests and the benchmark.

It takes the engine's random inputs (lever effect draws, bridge weights, project delays,
realisation of timing levers) and recomputes everything else draw by draw with loops and
scalar arithmetic: allocation shares, timing shares, bridges, each project's monthly S-curve
and output ramp, statistical entry, interpolation between whole-month shifts, and the walk up
the hierarchy. Agreement with :meth:`ScenarioEngine.evaluate` checks the vectorised engine;
its speed is the benchmark's ``loop`` reference. Not for use in applications.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from sprintmodel.scenario.spec import ScenarioSpec

if TYPE_CHECKING:
    from sprintmodel.scenario.engine import ScenarioEngine


def _curve(tau: float, kind: str) -> float:
    t = min(max(tau, 0.0), 1.0)
    return t if kind == "linear" else t * t * (3.0 - 2.0 * t)


def _contribution(
    engine: ScenarioEngine, j: int, k: int, b: int, c: int
) -> tuple[float, float, float]:
    """Counted investment, industrial and other value added of project ``j`` in the rest of
    the year for a whole-month shift ``k`` and entry/production offsets ``b``, ``c``."""
    reg = engine.register
    m = engine.levers.project_model
    t0 = engine.as_of_month
    last = (t0 // 12) * 12 + 11
    s, f, e, p = int(reg.start[j]), int(reg.finish[j]), int(reg.entry[j]), int(reg.production[j])
    started = s <= t0
    k_eff = k if started else max(k, t0 + 1 - s)
    s_new = s if started else s + k_eff
    f_plan = t0 + m.overdue_months if (started and f <= t0) else f
    f_new = max(f_plan + k_eff, s_new, t0 + 1)
    e_new = e if e <= t0 else max(e + k_eff + b, t0 + 1)
    count_from = max(e_new, s_new)
    n = max(f_new - s_new + 1, 1)
    remaining = max(float(reg.total[j]) - float(reg.invested[j]), 0.0)
    left = 1.0 - _curve((t0 - s_new + 1) / n, m.s_curve)
    fai = 0.0
    if reg.total[j] >= m.entry_threshold and left > 1e-12:
        for month in range(t0 + 1, last + 1):
            if month < count_from:
                continue
            w = _curve((month - s_new + 1) / n, m.s_curve) - _curve((month - s_new) / n, m.s_curve)
            fai += remaining * w / left
    va = 0.0
    if p >= 0 and reg.capacity[j] > 0 and reg.va_rate[j] > 0:
        p_new = p if p <= t0 else max(p + k_eff + c, t0 + 1)
        ramp_n = max(m.ramp_months, 1.0)
        for month in range(t0 + 1, last + 1):
            ramp = min(1.0, max(0.0, (month - p_new + 1) / ramp_n))
            va += float(reg.capacity[j]) * float(reg.va_rate[j]) / 12.0 * ramp
    if reg.categories[j] == "industrial":
        return fai, va, 0.0
    return fai, 0.0, va


def _interp(engine: ScenarioEngine, j: int, shift: float, b: int, c: int) -> tuple[float, ...]:
    from sprintmodel.scenario.projects import SHIFT_MAX, SHIFT_MIN

    x = min(max(shift, float(SHIFT_MIN)), float(SHIFT_MAX))
    k0 = min(math.floor(x), SHIFT_MAX - 1)
    frac = x - k0
    lo = _contribution(engine, j, k0, b, c)
    if frac == 0.0:
        return lo
    hi = _contribution(engine, j, k0 + 1, b, c)
    return tuple(a + frac * (h - a) for a, h in zip(lo, hi, strict=True))


def reference_fy(
    engine: ScenarioEngine, spec: ScenarioSpec, draws: int | None = None
) -> dict[str, np.ndarray]:
    """Full-year draws of ``spec`` computed draw by draw (first ``draws`` draws)."""
    res = engine.resolve(spec, strict=False)
    n = engine.n_draws if draws is None else min(draws, engine.n_draws)
    ds = engine.dataset
    h = ds.hierarchy
    levers = engine.levers
    reg = engine.register
    codes = engine.levers.project_model.indicators
    plans = engine.plans
    out = {code: plan.draws.fy[:n].copy() for code, plan in plans.items()}
    pos = {code: {u: i for i, u in enumerate(plan.units)} for code, plan in plans.items()}

    def place(code: str, unit: str) -> int:
        known = plans[code].draws.level_known
        for u in [unit, *h.ancestors(unit)]:
            i = pos[code].get(u)
            if i is not None and known[i]:
                return i
        return -1

    def add(delta: list[float], code: str, i: int, nominal: float) -> None:
        d = plans[code].draws
        volume = nominal / plans[code].price[i]
        while i >= 0:
            delta[i] += volume
            i = int(d.parent[i]) if d.indicator.additive else -1

    def parks(code: str, delta: list[float]) -> None:
        d = plans[code].draws
        known = d.level_known
        for j, u in enumerate(d.units):
            unit = ds.units[u]
            if unit.rollup or unit.parent is None or not known[j]:
                continue
            hp = pos[code].get(unit.parent)
            if hp is None or not known[hp] or d.base_full[hp] <= 0:
                continue
            delta[j] = d.base_full[j] / d.base_full[hp] * delta[hp]

    def bridges(d: int, eff: dict[str, float]) -> dict[str, float]:
        out_ = dict(eff)
        for br in levers.bridges:
            if br.source_indicator in out_:
                w = float(engine.lever_fx.bridge_draws[br.name][d])
                out_[br.target_indicator] = (
                    out_.get(br.target_indicator, 0.0) + w * out_[br.source_indicator]
                )
        return out_

    # Where intensity given to a unit lands: passed on to rollup children by their share of
    # the allocation indicator, recursively (plain loops).
    def land(lid: str, unit: str, amount: float, acc: dict[str, float]) -> None:
        lv = levers[lid]
        code = lv.allocation_indicator
        plan = plans.get(code) if code else None
        if plan is None:
            plan = plans.get("gdp") or next(iter(plans.values()))
        w = {}
        for k in h.children(unit, rollup_only=True):
            i = pos[plan.code].get(k)
            if i is not None and plan.draws.level_known[i] and plan.draws.base_full[i] > 0:
                w[k] = float(plan.draws.base_full[i])
        tot = sum(w.values())
        if tot <= 0:
            acc[unit] = acc.get(unit, 0.0) + amount
            return
        for k, v in w.items():
            land(lid, k, amount * v / tot, acc)

    landing: dict[str, dict[str, float]] = {}
    for lid, units in res.lever_units.items():
        spots: dict[str, float] = {}
        given = {ds.root: res.lever_total[lid]} if units is None else units
        for u, amount in given.items():
            land(lid, u, amount, spots)
        landing[lid] = spots

    timing = engine.project_fx.timing_shift(res)
    moved = sorted(
        set(res.moved.tolist()) | {int(j) for x in timing.values() for j in np.flatnonzero(x)}
    )
    for d in range(n):
        lever_delta = {code: [0.0] * len(plan.units) for code, plan in plans.items()}
        project_delta = {code: [0.0] * len(plan.units) for code, plan in plans.items()}
        for lid in res.lever_units:
            lv = levers[lid]
            total = res.lever_total[lid]
            if lv.kind != "amount" or total <= 0:
                continue
            weights = lv.timing.weights
            months_left = 12 - res.lever_start[lid] + 1
            share = sum(float(x) for x in weights[: max(months_left, 0)])
            scale = share * lv.response_factor(total)
            direct: dict[str, float] = {}
            for e_i, e in enumerate(lv.effects):
                direct[e.indicator] = direct.get(e.indicator, 0.0) + float(
                    engine.lever_fx.direct[lid][e_i][d]
                )
            eff = bridges(d, direct) if lv.spillovers else direct
            for code, per_unit in eff.items():
                if code not in plans:
                    continue
                for u, xu in landing[lid].items():
                    i = place(code, u)
                    if i >= 0:
                        add(lever_delta[code], code, i, per_unit * xu * scale)
        for j in moved:
            base_k = float(engine.delays[d, j])
            planned = _interp(engine, j, base_k, 0, 0)
            a, b, c = int(res.shift[j]), int(res.entry_offset[j]), int(res.production_offset[j])
            faster = 0.0
            for lid, months in timing.items():
                faster += float(engine.lever_fx.realisation[lid][d]) * float(months[j])
            now = _interp(engine, j, base_k + a - faster, b, c)
            diff = [now[q] - planned[q] for q in range(3)]
            nominal = {codes["investment"]: diff[0], codes["industry"]: diff[1]}
            nominal[codes["gdp"]] = nominal.get(codes["gdp"], 0.0) + diff[2]
            eff = bridges(d, nominal)
            for code, amount in eff.items():
                if code not in plans or reg.units[j] not in ds.units:
                    continue
                i = place(code, reg.units[j])
                if i < 0:
                    continue
                add(project_delta[code], code, i, amount)
                park = reg.parks[j]
                pi = pos[code].get(park) if park else None
                if pi is not None and plans[code].draws.level_known[pi]:
                    project_delta[code][pi] += amount / plans[code].price[i]
        for code in plans:
            parks(code, lever_delta[code])
            out[code][d] += np.array(lever_delta[code]) + np.array(project_delta[code])
    return out
