"""A plain per-draw Python implementation of the scenario model, for tests and the benchmark.

It shares no code with the engine beyond data loading. Its inputs are the data set, the levers
file's parameters (:class:`LeverSet`, plain data), the scenario spec, the baseline forecast's
draws (:class:`IndicatorDraws`, plain arrays) and the engine's random numbers handed over as
plain arrays (:func:`random_inputs`: each lever effect's draws per unit of intensity, each
bridge's weight, each timing lever's realisation, each project's delay). From these it works
out, draw by draw with loops and scalar arithmetic, what the engine vectorises: the spec's
intensities, start months and project shifts (the engine's ``resolve`` is not called, the spec
is assumed valid), timing shares from each lever's profile parameters, the saturating
response, the bridges, allocation shares, price conversion (year-to-date value ÷ volume),
each project's monthly S-curve and output ramp, statistical entry, interpolation between
whole-month shifts, the walk up the hierarchy, and the candidates entering the statistics
(their full year from the observations, their level and base joining the comparable base). Agreement with
:meth:`ScenarioEngine.evaluate` checks the vectorised engine; its speed is the benchmark's
``loop`` reference. Not for use in applications.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from sprintmodel.scenario.spec import ScenarioSpec

if TYPE_CHECKING:
    from sprintmodel.data import DataSet
    from sprintmodel.scenario.engine import ScenarioEngine
    from sprintmodel.scenario.levers import LeverSpec, TimingProfile
    from sprintmodel.scenario.projects import ProjectModel, ProjectRegister

SHIFT_MIN, SHIFT_MAX = -24, 48
"""Range of whole-month shifts between which a project's contribution is interpolated
(the engine's tables span the same range; a parameter, not shared code)."""


@dataclass(frozen=True)
class RandomInputs:
    """The engine's random numbers as plain arrays (draws first)."""

    effect: dict[str, list[np.ndarray]]
    """Per amount lever, per listed effect: draws per unit of intensity [current prices]."""
    bridge: dict[str, np.ndarray]
    """Per bridge name: weight draws."""
    realisation: dict[str, np.ndarray]
    """Per project-timing lever: share of the acceleration realised."""
    delays: np.ndarray
    """Draws × projects: each project's delay [months]."""
    elasticity: np.ndarray | None = None
    """Draws × channels: the elasticity of each industry × source channel (GDP through its
    industries), None without channels."""
    enters: np.ndarray | None = None
    """Draws × candidates of ``entrants.csv``: 1 where the candidate enters in the draw."""


def random_inputs(engine: ScenarioEngine) -> RandomInputs:
    """Copy the engine's random draws into plain arrays (nothing else is taken from it)."""
    fx = engine.lever_fx
    return RandomInputs(
        effect={k: [np.array(a, dtype=np.float64) for a in v] for k, v in fx.direct.items()},
        bridge={k: np.array(v, dtype=np.float64) for k, v in fx.bridge_draws.items()},
        realisation={k: np.array(v, dtype=np.float64) for k, v in fx.realisation.items()},
        delays=np.array(engine.delays, dtype=np.float64),
        elasticity=None
        if engine.channels is None
        else np.array(engine.channels.elasticity, dtype=np.float64),
        enters=np.array(engine.entrant_fx.enters, dtype=np.float64),
    )


def _ytd(ds: DataSet, unit: str, code: str, year: int, month: int) -> float:
    """Year-to-date value of ``unit`` × ``code`` at ``year``-``month`` (NaN if not published)."""
    obs = ds.observations if code in ds.indicators else ds.source_observations
    if obs is None:
        return math.nan
    hit = obs[(obs.unit == unit) & (obs.indicator == code) & (obs.year == year)]
    hit = hit[hit.month == month]
    return float(hit.ytd_value.iloc[0]) if len(hit) else math.nan


def _channel_coefficients(
    ds: DataSet, year: int, quarter: int, gdp_price: dict[str, float], price: dict[str, Any]
) -> tuple[list[tuple[str, str]], dict[str, list[float]]]:
    """Channels (industry, source) and per unit the value added per 亿元 of the source.

    Last year's rest of the year (after ``quarter``; the full year where it cannot be formed),
    each unit's own components: ``b / (P X)`` with ``P`` the source's price ratio (real) or
    the industry's implicit deflator (nominal), else GDP's.
    """
    comp = ds.component_panel("gdp")
    table = ds.industry_sources
    assert comp is not None and table is not None
    rows = table.rename(columns={"component": "industry", "source_indicator": "indicator"})
    inds = list(comp.components)
    years = [int(y) for y in comp.years]
    channels = [
        (str(r.industry), str(r.indicator)) for r in rows.itertuples() if r.industry in inds
    ]
    out: dict[str, list[float]] = {}

    def rest(full: float, upto: float) -> float:
        if quarter <= 0 or quarter >= 4:
            return full
        r = full - upto
        return r if math.isfinite(r) and r > 0 else full

    for ui, u in enumerate(comp.units):
        coefs = []
        for ind, src in channels:
            i = inds.index(ind)
            last = years.index(year - 1)
            v = [float(comp.ytd_value[ui, i, last, q]) for q in range(4)]
            b = rest(v[3], v[quarter - 1] if quarter > 0 else 0.0)
            x = rest(_ytd(ds, u, src, year - 1, 12), _ytd(ds, u, src, year - 1, 3 * quarter))
            pr = math.nan
            spec_ = ds.indicators.get(src) or ds.source_indicators.get(src)
            if spec_ is not None and spec_.basis == "real" and src in price:
                pr = price[src].get(u, math.nan)
            elif quarter > 0 and year in years:
                g = float(comp.ytd_growth[ui, i, years.index(year), quarter - 1])
                now = float(comp.ytd_value[ui, i, years.index(year), quarter - 1])
                pr = now / (v[quarter - 1] * (1 + g / 100))
            if not (math.isfinite(pr) and pr > 0):
                pr = gdp_price.get(u, 1.0)
            c = b / (pr * x) if math.isfinite(x) and x != 0 else math.nan
            coefs.append(c)
        out[u] = coefs
    return channels, out


def _month(text: str) -> int:
    year, month = str(text).split("-")
    return int(year) * 12 + int(month) - 1


def _smooth(t: float) -> float:
    t = min(max(t, 0.0), 1.0)
    return t * t * (3.0 - 2.0 * t)


def _profile(tp: TimingProfile) -> list[float]:
    """Share of the effect in month 0, 1, ... after the start, from the profile's parameters."""
    n = int(tp.months)
    if tp.shape == "weights":
        w = [float(x) for x in tp.given]
    elif tp.shape == "even":
        w = [1.0 / n] * n
    elif tp.shape == "front_loaded":
        w = [float(n - k) / (n * (n + 1) / 2) for k in range(n)]
    elif tp.shape == "s_curve":
        # Increments of the smoothstep S-curve over months 0..n-1 (start 0, finish n-1).
        w = [_smooth((k + 1) / n) - _smooth(k / n) for k in range(n)]
    else:
        raise ValueError(f"unknown timing shape {tp.shape!r}")
    return [0.0] * int(tp.lag_months) + w


def _response(lv: LeverSpec, total: float) -> float:
    """Effect relative to linear: 1, or ``s (1 − exp(−X/s)) / X`` when saturating."""
    s = lv.response_scale
    if lv.response == "linear" or total <= 0 or not math.isfinite(s):
        return 1.0
    return s * (1.0 - math.exp(-total / s)) / total


def _curve(tau: float, kind: str) -> float:
    t = min(max(tau, 0.0), 1.0)
    return t if kind == "linear" else t * t * (3.0 - 2.0 * t)


def _contribution(
    reg: ProjectRegister, m: ProjectModel, t0: int, j: int, k: int, b: int, c: int
) -> tuple[float, float, float]:
    """Counted investment, industrial and other value added of project ``j`` in the rest of
    the year for a whole-month shift ``k`` and entry/production offsets ``b``, ``c``."""
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
    ytd_rule = m.registration == "year_to_date"
    if ytd_rule and t0 < count_from <= last:
        fai += _pending_ytd(reg, m, t0, j)
    if reg.total[j] >= m.entry_threshold and left > 1e-12:
        for month in range(t0 + 1, last + 1):
            if (count_from > last) if ytd_rule else (month < count_from):
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


def _pending_ytd(reg: ProjectRegister, m: ProjectModel, t0: int, j: int) -> float:
    """What project ``j`` completed this year up to ``t0`` without being registered [亿元]."""
    s, e = int(reg.start[j]), int(reg.entry[j])
    if not (0 <= s <= t0 < e) or reg.total[j] < m.entry_threshold:
        return 0.0
    given = None if reg.ytd_before_entry is None else float(reg.ytd_before_entry[j])
    if given is not None and math.isfinite(given):
        return max(given, 0.0)
    n = max(int(reg.finish[j]) - s + 1, 1)
    share = 0.0
    for month in range((t0 // 12) * 12, t0 + 1):
        share += _curve((month - s + 1) / n, m.s_curve) - _curve((month - s) / n, m.s_curve)
    return max(min(float(reg.total[j]) * share, float(reg.invested[j])), 0.0)


def _interp(
    reg: ProjectRegister, m: ProjectModel, t0: int, j: int, shift: float, b: int, c: int
) -> tuple[float, ...]:
    x = min(max(shift, float(SHIFT_MIN)), float(SHIFT_MAX))
    k0 = min(math.floor(x), SHIFT_MAX - 1)
    frac = x - k0
    lo = _contribution(reg, m, t0, j, k0, b, c)
    if frac == 0.0:
        return lo
    hi = _contribution(reg, m, t0, j, k0 + 1, b, c)
    return tuple(a + frac * (h - a) for a, h in zip(lo, hi, strict=True))


def _project_moves(
    spec: ScenarioSpec, ds: DataSet, reg: ProjectRegister, t0: int
) -> list[tuple[int, int, int]]:
    """Per project: (schedule shift, entry offset, production offset) [months] of a valid spec.

    Later items override earlier ones; an absolute date of a started project, a date moved
    into the past and a shift of a date already passed are clamped as docs/scenarios.md says.
    """
    n = len(reg)
    plan: list[dict[str, tuple[str, int]]] = [{} for _ in range(n)]
    for item in spec.projects:
        below = None
        if item.unit is not None:
            below = {item.unit} | {u for u in ds.units if item.unit in ds.hierarchy.ancestors(u)}
        for j in range(n):
            if item.project is not None and reg.codes[j] != item.project:
                continue
            if below is not None and not (reg.units[j] in below or reg.parks[j] == item.unit):
                continue
            if item.status is not None and reg.statuses[j] != item.status:
                continue
            if item.category is not None and reg.categories[j] != item.category:
                continue
            p = plan[j]
            if item.shift_months is not None:
                p["shift"] = ("rel", item.shift_months)
            if item.start is not None:
                p["shift"] = ("abs", _month(item.start))
            if item.entry_shift_months is not None:
                p["entry"] = ("rel", item.entry_shift_months)
            if item.entry is not None:
                p["entry"] = ("abs", _month(item.entry))
            if item.production_shift_months is not None:
                p["production"] = ("rel", item.production_shift_months)
            if item.production is not None:
                p["production"] = ("abs", _month(item.production))

    def offset(what: tuple[str, int] | None, planned: int, a: int) -> int:
        if what is None or planned <= t0:
            return 0
        target = what[1] if what[0] == "abs" else planned + a + what[1]
        return max(target, t0 + 1) - planned - a

    out = []
    for j in range(n):
        s, p = int(reg.start[j]), plan[j]
        a = 0
        if "shift" in p:
            kind, val = p["shift"]
            started = s <= t0
            a = (0 if started else val - s) if kind == "abs" else val
            if not started and s + a <= t0:
                a = t0 + 1 - s
            if reg.cleared is not None and not started and s + a < reg.cleared[j]:
                a = int(reg.cleared[j]) - s  # no start before the parcel is cleared
        b = offset(p.get("entry"), int(reg.entry[j]), a)
        c = offset(p.get("production"), int(reg.production[j]), a) if reg.has_production[j] else 0
        out.append((a, b, c))
    return out


def _prices(bd: Any, root_index: int) -> list[float]:
    """Current-price ÷ volume ratio of the year to date per unit (1 for nominal indicators);
    the root's ratio (or 1) where a unit's is unknown."""
    raw = []
    for i in range(len(bd.units)):
        if bd.indicator.basis != "real":
            r = 1.0 if bd.level_known[i] else math.nan
        else:
            lv_, val = float(bd.ytd_level[i]), float(bd.ytd_value[i])
            r = val / lv_ if lv_ > 0 else math.nan
        raw.append(r)
    ri = root_index
    fb = raw[ri] if ri >= 0 and math.isfinite(raw[ri]) and raw[ri] > 0 else 1.0
    return [r if math.isfinite(r) and r > 0 else fb for r in raw]


def _project_months(lv: LeverSpec, units: Any, total: float, reg: Any, ds: Any) -> list[float]:
    """Months a timing lever takes off each project it applies to (0 where it does not)."""
    rule = lv.project_rule
    assert rule is not None
    given = dict(units) if units else None
    months = [0.0] * len(reg)
    waiting: set[str] | None = None
    if rule.parcels and ds.parcels is not None and len(ds.parcels):
        waiting = set()
        for status, codes in zip(ds.parcels["status"], ds.parcels["projects"], strict=True):
            if status != "cleared":
                waiting.update(c for c in str(codes).split(";") if c)
    for j in range(len(reg)):
        if waiting is not None:
            if reg.codes[j] not in waiting:
                continue
        elif reg.statuses[j] not in rule.statuses:
            continue
        if rule.categories and reg.categories[j] not in rule.categories:
            continue
        if given is None:
            months[j] = total
        elif reg.units[j] in ds.units:
            for u in [reg.units[j], *ds.hierarchy.ancestors(reg.units[j])]:
                if u in given:
                    months[j] = given[u]
                    break
    return [v * rule.months_per_unit for v in months]


def _spec_levers(
    spec: ScenarioSpec,
    levers: Any,
    ds: Any,
    base: dict[str, Any],
    pos: dict[str, dict[str, int]],
    reg: Any,
    t0: int,
) -> tuple[list[tuple[LeverSpec, dict[str, float], float]], dict[str, list[float]]]:
    """The spec's amount levers (where their intensity lands, share landing by December ×
    response) and timing levers (months gained per project), in plain loops."""
    h = ds.hierarchy

    # Where intensity given to a unit lands: passed on to rollup children by their share of
    # the allocation indicator, recursively (plain loops).
    def land(lv: LeverSpec, unit: str, amount: float, acc: dict[str, float]) -> None:
        code = lv.allocation_indicator
        if code not in base:
            code = "gdp" if "gdp" in base else next(iter(base))
        d = base[code]
        w = {}
        for k in h.children(unit, rollup_only=True):
            i = pos[code].get(k)
            if i is not None and d.level_known[i] and d.base_full[i] > 0:
                w[k] = float(d.base_full[i])
        tot = sum(w.values())
        if tot <= 0:
            acc[unit] = acc.get(unit, 0.0) + amount
            return
        for k, v in w.items():
            land(lv, k, amount * v / tot, acc)

    # The spec's levers: total intensity, where it goes, share landing by December.
    amount: list[tuple[LeverSpec, dict[str, float], float]] = []
    timing: dict[str, list[float]] = {}
    for s in spec.levers:
        lv = levers[s.lever]
        total = float(sum(x for _, x in s.units)) if s.units else float(s.intensity or 0.0)
        if total <= 0:
            continue
        if lv.kind == "amount":
            start = t0 + 1 if s.start is None else _month(s.start)
            months_left = 12 - (start % 12 + 1) + 1
            share = sum(_profile(lv.timing)[: max(months_left, 0)])
            spots: dict[str, float] = {}
            for u, x in s.units or ((ds.root, total),):
                land(lv, u, x, spots)
            amount.append((lv, spots, share * _response(lv, total)))
            continue
        months = _project_months(lv, s.units, total, reg, ds)
        if any(months):
            timing[s.lever] = months

    return amount, timing


def reference_fy(
    engine: ScenarioEngine, spec: ScenarioSpec, draws: int | None = None
) -> dict[str, np.ndarray]:
    """Full-year draws of ``spec`` computed draw by draw (first ``draws`` draws).

    From the engine only its inputs are taken: the data set, levers, project register (as
    loaded), the baseline draws, and its random numbers as plain arrays (:func:`random_inputs`).
    """
    ds, levers, reg = engine.dataset, engine.levers, engine.register
    rnd = random_inputs(engine)
    base = {code: engine.baseline[code] for code in engine.plans}
    n = len(rnd.delays) if draws is None else min(draws, len(rnd.delays))
    h = ds.hierarchy
    m = levers.project_model
    p = spec.as_of
    t0 = p.year * 12 + p.month - 1
    codes = m.indicators
    out = {code: np.array(b.fy[:n], dtype=np.float64) for code, b in base.items()}
    pos = {code: {u: i for i, u in enumerate(b.units)} for code, b in base.items()}

    price = {code: _prices(bd, pos[code].get(ds.root, -1)) for code, bd in base.items()}
    through = rnd.elasticity is not None and "gdp" in base
    channels: list[tuple[str, str]] = []
    coef: dict[str, list[float]] = {}
    if through:
        by_unit = {c: dict(zip(base[c].units, price[c], strict=True)) for c in base}
        channels, coef = _channel_coefficients(ds, p.year, p.month // 3, by_unit["gdp"], by_unit)

    def coefficient(unit: str, k: int) -> float:
        """The channel's coefficient where an effect at ``unit`` lands (nearest ancestor)."""
        for u in [unit, *h.ancestors(unit)]:
            c = coef.get(u, [math.nan] * len(channels))[k]
            if math.isfinite(c) and c > 0:
                return c
        return 0.0

    def add_volume(delta: list[float], code: str, i: int, volume: float) -> None:
        d = base[code]
        while i >= 0:
            delta[i] += volume
            i = int(d.parent[i]) if d.indicator.additive else -1

    def place(code: str, unit: str) -> int:
        known = base[code].level_known
        for u in [unit, *h.ancestors(unit)]:
            i = pos[code].get(u)
            if i is not None and known[i]:
                return i
        return -1

    def add(delta: list[float], code: str, i: int, nominal: float) -> None:
        add_volume(delta, code, i, nominal / price[code][i])

    def parks(code: str, delta: list[float]) -> None:
        d = base[code]
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
            if through and br.target_indicator == "gdp":
                continue  # the industries carry effects into GDP
            if br.source_indicator in out_:
                w = float(rnd.bridge[br.name][d])
                out_[br.target_indicator] = (
                    out_.get(br.target_indicator, 0.0) + w * out_[br.source_indicator]
                )
        return out_

    amount, timing = _spec_levers(spec, levers, ds, base, pos, reg, t0)

    moves = _project_moves(spec, ds, reg, t0) if spec.projects else [(0, 0, 0)] * len(reg)
    moved = [j for j in range(len(reg)) if any(moves[j]) or any(v[j] for v in timing.values())]
    for d in range(n):
        lever_delta = {code: [0.0] * len(b.units) for code, b in base.items()}
        project_delta = {code: [0.0] * len(b.units) for code, b in base.items()}
        for lv, spots, scale in amount:
            direct: dict[str, float] = {}
            for e_i, e in enumerate(lv.effects):
                direct[e.indicator] = direct.get(e.indicator, 0.0) + float(
                    rnd.effect[lv.id][e_i][d]
                )
            eff = bridges(d, direct) if lv.spillovers else direct
            for code, per_unit in eff.items():
                if code not in base:
                    continue
                for u, xu in spots.items():
                    i = place(code, u)
                    if i >= 0:
                        add(lever_delta[code], code, i, per_unit * xu * scale)
            if through and lv.spillovers:
                for k, (_, src) in enumerate(channels):
                    if src not in eff:
                        continue
                    e_k = float(rnd.elasticity[d, k])  # type: ignore[index]
                    for u, xu in spots.items():
                        i = place("gdp", u)
                        if i >= 0:
                            vol = e_k * eff[src] * xu * scale * coefficient(u, k)
                            add_volume(lever_delta["gdp"], "gdp", i, vol)
        for j in moved:
            base_k = float(rnd.delays[d, j])
            planned = _interp(reg, m, t0, j, base_k, 0, 0)
            a, b, c = moves[j]
            faster = 0.0
            for lid, per_project in timing.items():
                faster += float(rnd.realisation[lid][d]) * per_project[j]
            now = _interp(reg, m, t0, j, base_k + a - faster, b, c)
            diff = [now[q] - planned[q] for q in range(3)]
            nominal = {codes["investment"]: diff[0], codes["industry"]: diff[1]}
            nominal[codes["gdp"]] = nominal.get(codes["gdp"], 0.0) + diff[2]
            eff = bridges(d, nominal)
            for code, amount_ in eff.items():
                if code not in base or reg.units[j] not in ds.units:
                    continue
                i = place(code, reg.units[j])
                if i < 0:
                    continue
                add(project_delta[code], code, i, amount_)
                park = reg.parks[j]
                pi = pos[code].get(park) if park else None
                if pi is not None and base[code].level_known[pi]:
                    project_delta[code][pi] += amount_ / price[code][i]
            i = place("gdp", reg.units[j]) if through and reg.units[j] in ds.units else -1
            for k, (_, src) in enumerate(channels if i >= 0 else []):
                if src not in eff:
                    continue
                vol = float(rnd.elasticity[d, k]) * eff[src] * coefficient(reg.units[j], k)  # type: ignore[index]
                add_volume(project_delta["gdp"], "gdp", i, vol)
                park = reg.parks[j]
                pi = pos["gdp"].get(park) if park else None
                if pi is not None and base["gdp"].level_known[pi]:
                    project_delta["gdp"][pi] += vol
        for code in base:
            parks(code, lever_delta[code])
            out[code][d] += np.array(lever_delta[code]) + np.array(project_delta[code])
    if spec.entrants and ds.entrants is not None:
        _entrants(spec, ds, base, price, place, rnd, t0, out, n)
    return out


def _entrants(
    spec: ScenarioSpec,
    ds: DataSet,
    base: dict[str, Any],
    price: dict[str, list[float]],
    place: Any,
    rnd: RandomInputs,
    t0: int,
    out: dict[str, np.ndarray],
    n: int,
) -> None:
    """Candidates counted this year: per draw, ``(F + Σe)·B/(B + Σb)`` at their unit and up."""
    frame = ds.entrants
    assert frame is not None and rnd.enters is not None
    month: dict[int, int] = {}
    for item in spec.entrants:
        for j, r in enumerate(frame.itertuples(index=False)):
            chain = [r.unit, *ds.hierarchy.ancestors(r.unit)]
            if (
                (item.entrant is None or item.entrant == r.entrant)
                and (item.unit is None or item.unit in chain)
                and (item.indicator is None or item.indicator == r.indicator)
            ):
                month[j] = _month(item.entry or r.entry_month)
    last = (t0 // 12) * 12 + 11
    for code in base:
        d = base[code]
        e = np.zeros((n, len(d.units)))
        b = np.zeros((n, len(d.units)))
        for j, r in enumerate(frame.itertuples(index=False)):
            if r.indicator != code or not t0 < month.get(j, -1) <= last:
                continue
            i = place(code, r.unit)
            if i < 0:
                continue
            year, mon = int(str(r.period)[:4]) - 1, int(str(r.period)[5:7])
            if "Q" in str(r.period):
                mon = 3 * int(str(r.period)[5])
            k = _ytd(ds, d.units[i], code, year, 12) / _ytd(ds, d.units[i], code, year, mon)
            for dd in range(n):
                go = float(rnd.enters[dd, j])
                q = i
                while q >= 0:
                    e[dd, q] += go * r.ytd_value * k / price[code][i]
                    b[dd, q] += go * r.ytd_value_last_year * k
                    q = int(d.parent[q]) if d.indicator.additive else -1
        for dd in range(n):
            for q in range(len(d.units)):
                if e[dd, q] or b[dd, q]:
                    bf = float(d.base_full[q])
                    out[code][dd, q] = (out[code][dd, q] + e[dd, q]) * bf / (bf + b[dd, q])
