"""The scenario engine: baseline draws + lever effects + project timing, for every unit.

:class:`ScenarioEngine` is built once from a data set, the baseline forecast draws and the
levers. It precomputes everything that does not depend on the scenario:

- for each ``amount`` lever and indicator, the **effect draws per unit of intensity**
  (draws,) in current prices, bridges included (:meth:`ScenarioEngine.lever_effect_draws`),
  and for each unit where an effect can land, the vector that carries it to every unit of the
  indicator (itself, its rollup ancestors, and parks by their share), converted to volumes for
  real indicators;
- for each project, the **delay draws** (draws,), its contribution tables over whole-month
  shifts (:func:`~sprintmodel.scenario.projects.project_tables`) and its planned contribution
  under those delays.

Evaluating a scenario is then scaled sums: ``fy = baseline + E @ V + Σ_p δ_p G_p`` where
``E`` holds lever effect draws, ``V`` the per-unit vectors scaled by intensity, timing share
and response, and ``δ_p`` the change of project ``p``'s contribution against its planned
schedule **under the same delay draws** (so a scenario without shifts reproduces the baseline
exactly). Districts' effects add into the city through the ancestor matrix in every draw;
parks get their share separately and never add into the city.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sprintmodel.data import DataSet
from sprintmodel.errors import InputError
from sprintmodel.forecast.draws import Draws, IndicatorDraws
from sprintmodel.periods import Period
from sprintmodel.scenario.curves import correlated_normals, gamma_delays, interpolate_table
from sprintmodel.scenario.levers import LeverSet, LeverSpec, levers_of
from sprintmodel.scenario.projects import (
    SHIFT_MIN,
    ProjectRegister,
    delay_parameters,
    project_tables,
)
from sprintmodel.scenario.results import ScenarioResult
from sprintmodel.scenario.spec import (
    ResolvedScenario,
    ScenarioSpec,
    as_of_month,
    resolve,
    rollup_units,
)

PROJECT_COMPONENT = "project_timing"
"""Name of the attribution component for the scenario's project shifts."""

_CACHE_SIZE = 96
"""Entries of the per-project and per-spec caches (a project's entry holds 2 × 3 × draws
floats: 0.5 MB at 10,000 draws)."""

_CHUNK = 2048
_NO_LAND = np.zeros((3, 0))


def rows_dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` for a tall ``a`` (draws × k) and a small ``b`` (k × units), in row chunks.

    The inner dimension is small (levers, moved projects). One large call lets a
    multithreaded BLAS split it across threads, which on a busy two-core machine costs more
    in synchronisation than it saves (measured 8 ms against 0.1 ms for 10,000 × 20 × 9);
    chunks of 2,048 rows stay single-threaded.
    """
    out = np.empty((a.shape[0], b.shape[1]))
    for i in range(0, a.shape[0], _CHUNK):
        np.matmul(a[i : i + _CHUNK], b, out=out[i : i + _CHUNK])
    return out


def _stream(seed: int, *parts: str | int) -> np.random.Generator:
    """An independent generator keyed by ``seed`` and names (stable when other names change)."""
    key = [int(seed) & 0xFFFFFFFF, (int(seed) >> 32) & 0xFFFFFFFF]
    for p in parts:
        key.append(zlib.crc32(p.encode("utf-8")) if isinstance(p, str) else int(p))
    return np.random.default_rng(key)


@dataclass(frozen=True, eq=False)
class IndicatorPlan:
    """What the engine knows about one indicator (built once).

    Attributes
    ----------
    code
        Indicator code.
    draws
        The baseline draws.
    price
        Current-price ÷ volume ratio of each unit's year to date (1 for nominal indicators).
    carry
        (hierarchy units × units): row ``h`` carries one unit of effect [current prices]
        placed at hierarchy unit ``h`` to every unit of the indicator, in the draws' basis
        (volumes for real indicators), parks included by their share.
    carry_projects
        Same without the parks' share rows (a project reaches a park only when the register
        says it lies in it).
    target_level
        Full-year target on the draws' basis (units,), NaN where none.
    target_growth, target_value
        As given in ``targets.csv`` (growth implied by a level target where only that is given).
    """

    code: str
    draws: IndicatorDraws
    price: np.ndarray
    carry: np.ndarray
    carry_projects: np.ndarray
    target_level: np.ndarray
    target_growth: np.ndarray
    target_value: np.ndarray

    @property
    def units(self) -> tuple[str, ...]:
        """Units of the draws."""
        return self.draws.units


class ScenarioEngine:
    """Evaluate scenarios fast against one baseline (build once, evaluate many times).

    Parameters
    ----------
    dataset
        The data set the baseline was forecast from.
    baseline
        Baseline full-year draws (:class:`~sprintmodel.forecast.draws.Draws`).
    levers
        The levers (default: the data set's, else the example city's: :func:`levers_of`).
    seed
        Seed of the lever-effect, bridge and delay draws (default: the baseline's seed, or 0).
    method
        Name of the forecast method behind the baseline (recorded on results).

    Examples
    --------
    >>> import sprintmodel as sm
    >>> engine = sm.ScenarioEngine.build(sm.example_city(), "2026Q3", n_draws=500)  # doctest: +SKIP
    >>> res = engine.evaluate(engine.spec().with_lever("consumption_vouchers", 2.0))  # doctest: +SKIP
    >>> res.summary()  # doctest: +SKIP
    """

    def __init__(
        self,
        dataset: DataSet,
        baseline: Draws,
        levers: LeverSet | None = None,
        *,
        seed: int | None = None,
        method: str = "combination",
    ) -> None:
        self.dataset = dataset
        self.notes: list[str] = []
        baseline = self._this_year_only(baseline)
        self.baseline = baseline
        self.levers = levers if levers is not None else levers_of(dataset)
        self.seed = int(seed if seed is not None else (baseline.seed or 0))
        self.method = method
        self.as_of: Period = baseline.as_of
        self.as_of_month = as_of_month(baseline.as_of)
        first = next(iter(baseline.values()), None)
        self.n_draws = first.n_draws if first is not None else 0
        self._hier = list(dataset.hierarchy)
        self._hpos = {u: i for i, u in enumerate(self._hier)}
        self._rollup = rollup_units(dataset)
        self.plans: dict[str, IndicatorPlan] = {
            code: self._plan(code, d) for code, d in baseline.items()
        }
        self._bridge_draws = {
            b.name: b.weight.sample(_stream(self.seed, "bridge", b.name), self.n_draws)
            for b in self.levers.bridges
        }
        self._tables: dict[tuple[int, int, int], np.ndarray] = {}
        self._build_levers()
        self._build_projects()
        self._resolved: OrderedDict[ScenarioSpec, ResolvedScenario] = OrderedDict()
        self._project_cache: OrderedDict[tuple[Any, ...], tuple[np.ndarray, np.ndarray]] = (
            OrderedDict()
        )

    def _this_year_only(self, baseline: Draws) -> Draws:
        """The baseline without indicators whose series all stand in an earlier year.

        As of January or February a quarterly series stands at last year's Q4: its year is
        finished, so no lever of this year can move it and this year's target does not apply
        to it. It is left out, with a note.
        """
        year = baseline.as_of.year
        stale = [
            code
            for code, d in baseline.items()
            if d.periods and max(p.year for p in d.periods) < year
        ]
        if not stale:
            return baseline
        for code in stale:
            at = max(baseline[code].periods, key=lambda p: (p.year, p.month))
            self.notes.append(
                f"{code}: no {year} figures at {baseline.as_of} (the series stands at {at}); "
                "left out of the scenario"
            )
        kept = {c: d for c, d in baseline.items() if c not in stale}
        return Draws(baseline.as_of, kept, baseline.seed)

    # ================================================================== construction
    @classmethod
    def build(
        cls,
        dataset: DataSet,
        as_of: str | Period | None = None,
        *,
        levers: LeverSet | None = None,
        n_draws: int = 2000,
        seed: int = 0,
        method: str = "combination",
    ) -> ScenarioEngine:
        """Forecast the baseline (:func:`sprintmodel.forecast.forecast`) and build the engine."""
        from sprintmodel.forecast import forecast

        result = forecast(dataset, as_of, method=method, n_draws=n_draws, rng=seed)
        return cls(dataset, result.draws, levers, seed=seed, method=method)

    @classmethod
    def from_spec(
        cls, spec: ScenarioSpec, dataset: DataSet, levers: LeverSet | None = None
    ) -> ScenarioEngine:
        """Check ``spec`` against the data and levers, then build the engine it needs."""
        lv = levers if levers is not None else levers_of(dataset)
        resolve(spec, dataset, lv)  # bad input fails before any work is done
        return cls.build(
            dataset, spec.as_of, levers=lv, n_draws=spec.draws, seed=spec.seed, method=spec.method
        )

    def spec(self, name: str = "scenario", **kwargs: Any) -> ScenarioSpec:
        """A scenario spec matching this engine (as-of, draws, seed, method) to start from."""
        kw: dict[str, Any] = {
            "name": name,
            "as_of": str(self.as_of),
            "draws": self.n_draws,
            "seed": self.seed,
            "method": self.method,
        }
        levers = kwargs.pop("levers", None)
        projects = kwargs.pop("projects", None)
        kw.update(kwargs)
        spec = ScenarioSpec(**kw)
        if levers:
            spec = spec.replace(levers=levers)
        if projects:
            spec = spec.replace(projects=projects)
        return spec

    def _place(self, code: str, d: IndicatorDraws, unit: str) -> int:
        """Index in ``d`` where an effect at hierarchy ``unit`` lands (itself or an ancestor)."""
        known = d.level_known
        pos = {u: i for i, u in enumerate(d.units)}
        for u in [unit, *self.dataset.hierarchy.ancestors(unit)]:
            i = pos.get(u)
            if i is not None and known[i]:
                return i
        return -1

    def _plan(self, code: str, d: IndicatorDraws) -> IndicatorPlan:
        n_units = len(d.units)
        known = d.level_known
        price = np.asarray(d.price_ratio(), dtype=np.float64)
        fallback = 1.0
        root_i = d.units.index(self.dataset.root) if self.dataset.root in d.units else -1
        if root_i >= 0 and np.isfinite(price[root_i]) and price[root_i] > 0:
            fallback = float(price[root_i])
        price = np.where(np.isfinite(price) & (price > 0), price, fallback)
        # Effects add up the hierarchy only for additive indicators (not rates or shares).
        anc = d.ancestors if d.indicator.additive else np.eye(n_units)
        park_rows = anc.copy()
        pos = {u: i for i, u in enumerate(d.units)}
        for j, u in enumerate(d.units):
            unit = self.dataset.units[u]
            if unit.rollup or unit.parent is None or not known[j]:
                continue
            hp = pos.get(unit.parent)
            if hp is None or not known[hp] or d.base_full[hp] <= 0:
                continue
            share = d.base_full[j] / d.base_full[hp]
            park_rows[j, :] = share * anc[hp, :]
        carry = np.zeros((len(self._hier), n_units))
        carry_p = np.zeros((len(self._hier), n_units))
        for h, unit_code in enumerate(self._hier):
            i = self._place(code, d, unit_code)
            if i < 0:
                continue
            carry[h] = park_rows[:, i] / price[i]
            carry_p[h] = anc[:, i] / price[i]
        carry[:, ~known] = 0.0
        carry_p[:, ~known] = 0.0
        year = self.as_of.year
        tg = np.full(n_units, np.nan)
        tv = np.full(n_units, np.nan)
        for j, u in enumerate(d.units):
            tg[j], tv[j] = self.dataset.target(u, code, year)
        with np.errstate(invalid="ignore", divide="ignore"):
            level_from_growth = d.base_full * (1.0 + tg / 100.0)
            level_from_value = tv / price if d.indicator.basis == "real" else tv
            level = np.where(np.isfinite(tg), level_from_growth, level_from_value)
            level = np.where(known | np.isfinite(tg), level, np.nan)
            implied = np.where(np.isfinite(tg), tg, 100.0 * (level / d.base_full - 1.0))
        return IndicatorPlan(code, d, price, carry, carry_p, level, implied, tv)

    def _build_levers(self) -> None:
        """Effect draws per unit of intensity for every amount lever × indicator."""
        n = self.n_draws
        self.amount_levers: tuple[str, ...] = tuple(
            k for k, v in self.levers.items() if v.kind == "amount"
        )
        self.timing_levers: tuple[str, ...] = tuple(
            k for k, v in self.levers.items() if v.kind == "project_timing"
        )
        self._direct: dict[str, list[np.ndarray]] = {}
        self._effect: dict[str, np.ndarray] = {
            code: np.zeros((n, len(self.amount_levers))) for code in self.plans
        }
        for j, lid in enumerate(self.amount_levers):
            lv = self.levers[lid]
            direct: dict[str, np.ndarray] = {}
            self._direct[lid] = []
            for k, e in enumerate(lv.effects):
                m = e.per_unit.sample(_stream(self.seed, "lever", lid, k), n)
                self._direct[lid].append(m)
                direct[e.indicator] = direct.get(e.indicator, 0.0) + m
            total = self._apply_bridges(direct) if lv.spillovers else direct
            for code, arr in total.items():
                if code in self._effect:
                    self._effect[code][:, j] = arr
            missing = [e.indicator for e in lv.effects if e.indicator not in self.plans]
            if missing:
                self.notes.append(
                    f"lever {lid}: no draws for {', '.join(missing)}; that effect is not shown"
                )
        self._effect_mean = {c: e.mean(axis=0) for c, e in self._effect.items()}
        self._acts = {c: np.any(e != 0, axis=0) for c, e in self._effect.items()}
        self._push: dict[str, np.ndarray] = {}
        self._alloc: dict[str, np.ndarray] = {}
        root = self._hpos[self.dataset.root]
        for lid in self.levers:
            self._push[lid] = self._push_down(self.levers[lid])
            self._alloc[lid] = self._push[lid][root]
        self._realisation = {
            lid: self.levers[lid].project_rule.realisation.sample(  # type: ignore[union-attr]
                _stream(self.seed, "realisation", lid), n
            )
            for lid in self.timing_levers
        }

    def _apply_bridges(self, effects: Mapping[str, Any]) -> dict[str, Any]:
        """Add spillovers along the bridges, in order (arrays broadcast over trailing axes)."""
        out = dict(effects)
        for b in self.levers.bridges:
            src = out.get(b.source_indicator)
            if src is None:
                continue
            w = self._bridge_draws[b.name]
            w = w.reshape(w.shape + (1,) * (np.ndim(src) - 1))
            out[b.target_indicator] = out.get(b.target_indicator, 0.0) + w * src
        return out

    def _push_down(self, lever: LeverSpec) -> np.ndarray:
        """Matrix (hierarchy × hierarchy): where intensity given to a unit finally lands.

        Intensity given to a unit passes on to its rollup children in proportion to their
        last-year level of the lever's allocation indicator, down to units without such
        children (a city-wide intensity thus reaches districts, and a county's reaches its
        towns). Every parent then changes exactly by the sum of its children's changes, so the
        residual between a parent and its children stays fixed in every draw.
        """
        h = self.dataset.hierarchy
        code = lever.allocation_indicator
        plan = self.plans.get(code) if code else None
        if plan is None:
            plan = self.plans.get("gdp") or next(iter(self.plans.values()), None)
        n = len(self._hier)
        push = np.eye(n)
        if plan is None:
            return push
        d = plan.draws
        known = d.level_known
        pos = {u: i for i, u in enumerate(d.units)}
        # Deepest first: each unit's row already points at its final landing places.
        for u in sorted(self._hier, key=h.depth, reverse=True):
            weights = {}
            for k in h.children(u, rollup_only=True):
                i = pos.get(k)
                if i is not None and known[i] and d.base_full[i] > 0:
                    weights[k] = float(d.base_full[i])
            total = sum(weights.values())
            if total <= 0:
                continue
            row = np.zeros(n)
            for k, w in weights.items():
                row += (w / total) * push[self._hpos[k]]
            push[self._hpos[u]] = row
        return push

    def _build_projects(self) -> None:
        reg = ProjectRegister.from_frame(self.dataset.projects)
        self.register = reg
        model = self.levers.project_model
        n, p = self.n_draws, len(reg)
        self._pcodes = model.indicators
        if p == 0:
            self.delays = np.zeros((n, 0))
            self._base_contrib = np.zeros((n, 0, 3))
            self._coef = self._bridge_coefficients()
            return
        common = _stream(self.seed, "delay-common").standard_normal(n)
        own = np.stack(
            [_stream(self.seed, "delay", code).standard_normal(n) for code in reg.codes], axis=1
        )
        mean, sd = delay_parameters(reg, model)
        self.delays = gamma_delays(correlated_normals(common, own, model.common_factor), mean, sd)
        base = project_tables(reg, self.as_of_month, model)
        for j in range(p):
            self._tables[(j, 0, 0)] = base[j]
        self._base_contrib = interpolate_table(base, self.delays, -SHIFT_MIN)
        self._coef = self._bridge_coefficients()
        # Carry vectors of each project's effects to each indicator's units.
        self._project_carry: dict[str, np.ndarray] = {}
        for code, plan in self.plans.items():
            g = np.zeros((p, len(plan.units)))
            pos = {u: i for i, u in enumerate(plan.units)}
            known = plan.draws.level_known
            for j in range(p):
                h = self._hpos.get(reg.units[j])
                if h is None:
                    continue
                g[j] = plan.carry_projects[h]
                park = reg.parks[j]
                if park and park in pos and known[pos[park]]:
                    here = self._place(code, plan.draws, reg.units[j])
                    price = plan.price[here] if here >= 0 else plan.price[pos[park]]
                    g[j, pos[park]] += 1.0 / price
            self._project_carry[code] = g
        unknown = sorted({u for u in reg.units if u not in self._hpos})
        if unknown:
            self.notes.append(f"projects in unknown units {unknown} are ignored")

    # ================================================================== checking
    def resolve(self, spec: ScenarioSpec, *, strict: bool = True) -> ResolvedScenario:
        """Check ``spec`` against the data, levers and this engine (cached per spec)."""
        hit = self._resolved.get(spec)
        if hit is not None:
            self._resolved.move_to_end(spec)
            return hit
        where = spec.where()
        if spec.as_of != self.as_of:
            raise (where / "as_of").error(
                f"the engine was built as of {self.as_of}, the scenario is as of {spec.as_of}; "
                "build an engine for it with ScenarioEngine.from_spec."
            )
        if strict and (spec.draws != self.n_draws or spec.seed != self.seed):
            raise (where / ("draws" if spec.draws != self.n_draws else "seed")).error(
                f"the engine has {self.n_draws} draws with seed {self.seed}, the scenario asks "
                f"for {spec.draws} with seed {spec.seed}; build an engine for it with "
                "ScenarioEngine.from_spec, or evaluate with strict=False to use the engine's."
            )
        res = resolve(
            spec, self.dataset, self.levers, register=self.register, units_ok=self._rollup
        )
        self._resolved[spec] = res
        if len(self._resolved) > _CACHE_SIZE:
            self._resolved.popitem(last=False)
        return res

    # ================================================================== evaluation
    def lever_vectors(self, code: str, res: ResolvedScenario) -> tuple[list[int], np.ndarray]:
        """Columns of :meth:`lever_effect_draws` and the unit vectors (levers × units) of ``res``.

        Row ``ℓ`` is what one unit of the lever's effect draw adds to each unit of indicator
        ``code`` (draws' basis) given the scenario's intensities, start and response.
        """
        plan = self.plans[code]
        cols: list[int] = []
        rows: list[np.ndarray] = []
        for lid, units in res.lever_units.items():
            lv = self.levers[lid]
            if lv.kind != "amount":
                continue
            j = self.amount_levers.index(lid)
            total = res.lever_total[lid]
            if total <= 0 or not self._acts[code][j]:
                continue
            x = self._intensity_vector(lid, units, total)
            scale = lv.timing.share(res.lever_start[lid]) * lv.response_factor(total)
            cols.append(j)
            rows.append(scale * (x @ plan.carry))
        mat = np.stack(rows) if rows else np.zeros((0, len(plan.units)))
        return cols, mat

    def _intensity_vector(
        self, lid: str, units: dict[str, float] | None, total: float
    ) -> np.ndarray:
        if units is None:
            return self._alloc[lid] * total
        x = np.zeros(len(self._hier))
        for u, v in units.items():
            x += v * self._push[lid][self._hpos[u]]
        return x

    def lever_effect_draws(self, indicator: str) -> tuple[tuple[str, ...], np.ndarray]:
        """Effect draws per unit of intensity (draws × amount levers) on ``indicator``.

        Current prices, bridges included, before timing, allocation and price conversion: for
        the optimisation, the effect of intensities ``x`` placed at hierarchy unit ``h`` is
        ``E @ (x × share × carry[h])`` (see :meth:`lever_vectors`).
        """
        return self.amount_levers, self._effect[indicator]

    def _timing_shift(self, res: ResolvedScenario) -> dict[str, np.ndarray]:
        """Per timing lever: the targeted acceleration of each project [months] (projects,)."""
        reg = self.register
        out: dict[str, np.ndarray] = {}
        for lid in self.timing_levers:
            if lid not in res.lever_units or res.lever_total[lid] <= 0:
                continue
            lv = self.levers[lid]
            rule = lv.project_rule
            assert rule is not None
            x = np.zeros(len(reg))
            units = res.lever_units[lid]
            for j in range(len(reg)):
                if reg.statuses[j] not in rule.statuses:
                    continue
                if rule.categories and reg.categories[j] not in rule.categories:
                    continue
                if units is None:
                    x[j] = res.lever_total[lid]
                else:
                    chain = (
                        [reg.units[j], *self.dataset.hierarchy.ancestors(reg.units[j])]
                        if reg.units[j] in self._hpos
                        else []
                    )
                    for u in chain:
                        if u in units:
                            x[j] = units[u]
                            break
            if x.any():
                out[lid] = x * rule.months_per_unit
        return out

    def _table(self, j: int, b: int, c: int) -> np.ndarray:
        key = (j, b, c)
        t = self._tables.get(key)
        if t is None:
            t = project_tables(
                self.register,
                self.as_of_month,
                self.levers.project_model,
                rows=np.array([j]),
                entry_offset=np.array([b]),
                production_offset=np.array([c]),
            )[0]
            self._tables[key] = t
        return t

    def _project_deltas(
        self, res: ResolvedScenario, timing: dict[str, np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Projects moved, and their contribution changes (moved × 3 × draws) [亿元].

        Returns the indices, the change from the scenario's shifts against the plan, and the
        further change from timing levers on top of the shifts (same delay draws). Each
        project's changes are cached by its state (shift, offsets, timing-lever acceleration),
        so moving one slider recomputes one project.
        """
        moved = set(res.moved.tolist())
        for x in timing.values():
            moved |= set(np.flatnonzero(x).tolist())
        idx = np.array(sorted(moved), dtype=np.intp)
        n = self.n_draws
        if idx.size == 0:
            empty = np.zeros((0, 3, n))
            return idx, empty, empty
        found: list[tuple[np.ndarray, np.ndarray] | None] = []
        todo = []
        keys = []
        for col, j in enumerate(idx):
            tl = tuple((lid, float(x[j])) for lid, x in timing.items() if x[j] != 0)
            key = (
                int(j),
                int(res.shift[j]),
                int(res.entry_offset[j]),
                int(res.production_offset[j]),
                tl,
            )
            keys.append(key)
            hit = self._project_cache.get(key)
            if hit is not None:
                self._project_cache.move_to_end(key)
            else:
                todo.append(col)
            found.append(hit)
        if todo:
            cols = np.array(todo)
            js = idx[cols]
            tables = np.stack(
                [
                    self._table(int(j), int(res.entry_offset[j]), int(res.production_offset[j]))
                    for j in js
                ]
            )
            k = self.delays[:, js] + res.shift[js][None, :].astype(np.float64)
            new = interpolate_table(tables, k, -SHIFT_MIN)
            shift_part = np.ascontiguousarray((new - self._base_contrib[:, js]).transpose(1, 2, 0))
            land_part = shift_part
            if timing:
                land_part = np.zeros_like(shift_part)
                acc = np.zeros((n, js.size))
                for lid, x in timing.items():
                    acc += self._realisation[lid][:, None] * x[js][None, :]
                if acc.any():
                    moved_k = interpolate_table(tables, k - acc, -SHIFT_MIN)
                    land_part = np.ascontiguousarray((moved_k - new).transpose(1, 2, 0))
            for r, col in enumerate(todo):
                pair = (shift_part[r], land_part[r] if timing else _NO_LAND)
                found[col] = pair
                self._project_cache[keys[col]] = pair
            while len(self._project_cache) > _CACHE_SIZE:
                self._project_cache.popitem(last=False)
        shifts = np.stack([f[0] for f in found if f is not None])
        if timing:
            zero = np.zeros((3, n))
            lands = np.stack([f[1] if f[1].shape[1] else zero for f in found if f is not None])
        else:
            lands = np.zeros((0, 3, n))
        return idx, shifts, lands

    def _bridge_coefficients(self) -> dict[str, dict[str, np.ndarray]]:
        """Per-draw coefficients (draws,) carrying each project output to each indicator.

        ``coef[src][tgt]``: one 亿元 of ``src`` (investment, industrial value added, or GDP for
        other value added) adds ``coef`` 亿元 to ``tgt`` along the bridges, in their order.
        """
        n = self.n_draws
        out: dict[str, dict[str, np.ndarray]] = {}
        for src in (self._pcodes["investment"], self._pcodes["industry"], self._pcodes["gdp"]):
            coef = {src: np.ones(n)}
            for b in self.levers.bridges:
                if b.source_indicator in coef:
                    add = self._bridge_draws[b.name] * coef[b.source_indicator]
                    coef[b.target_indicator] = coef.get(b.target_indicator, 0.0) + add
            out[src] = coef
        return out

    def _project_effects(self, idx: np.ndarray, delta: np.ndarray) -> dict[str, np.ndarray]:
        """Effects (draws × units) on each indicator of project changes (moved × 3 × draws)."""
        sources = (self._pcodes["investment"], self._pcodes["industry"], self._pcodes["gdp"])
        out: dict[str, np.ndarray] = {}
        for code in self.plans:
            g = self._project_carry[code][idx]  # moved × units
            acc = None
            for o, src in enumerate(sources):
                c = self._coef[src].get(code)
                if c is None:
                    continue
                term = rows_dot(delta[:, o, :].T, g)
                term *= c[:, None]
                acc = term if acc is None else acc + term
            if acc is not None:
                out[code] = acc
        return out

    def evaluate(self, spec: ScenarioSpec, *, strict: bool = True) -> ScenarioResult:
        """Evaluate a scenario: full-year draws of every unit × indicator and attribution.

        Parameters
        ----------
        spec
            The scenario; its as-of must be the engine's, and (with ``strict``) its draws and
            seed too.
        strict
            With False, a scenario asking for other draws or seed uses the engine's (noted on
            the result).

        Returns
        -------
        ScenarioResult
        """
        res = self.resolve(spec, strict=strict)
        fy: dict[str, np.ndarray] = {}
        parts: dict[str, dict[str, np.ndarray]] = {}
        changed: dict[str, np.ndarray] = {}
        timing = self._timing_shift(res)
        idx, d_shift, d_land = self._project_deltas(res, timing)
        proj_shift = self._project_effects(idx, d_shift) if idx.size and res.moved.size else {}
        proj_land = self._project_effects(idx, d_land) if idx.size and timing else {}
        for code, plan in self.plans.items():
            base = plan.draws.fy
            cols, vec = self.lever_vectors(code, res)
            total = None
            comp: dict[str, np.ndarray] = {}
            if cols:
                e = self._effect[code][:, cols]
                total = rows_dot(e, vec)
                means = self._effect_mean[code][cols]
                for r, j in enumerate(cols):
                    if means[r] != 0 and vec[r].any():
                        comp[self.amount_levers[j]] = means[r] * vec[r]
            if code in proj_shift:
                total = proj_shift[code] if total is None else total + proj_shift[code]
                comp[PROJECT_COMPONENT] = proj_shift[code].mean(axis=0)
            if code in proj_land:
                eff = proj_land[code]
                total = eff if total is None else total + eff
                mean = eff.mean(axis=0)
                weights = {lid: float(x.sum()) for lid, x in timing.items()}
                wsum = sum(weights.values()) or 1.0
                for lid, w in weights.items():
                    comp[lid] = mean * (w / wsum)
            fy[code] = base if total is None else base + total
            parts[code] = comp
            mask = np.zeros(len(plan.units), dtype=bool)
            if cols:
                mask |= np.any(vec != 0, axis=0)
            if idx.size and (code in proj_shift or code in proj_land):
                mask |= np.any(self._project_carry[code][idx] != 0, axis=0)
            changed[code] = mask
        notes = list(res.notes)
        if not strict and (spec.draws != self.n_draws or spec.seed != self.seed):
            notes.append(
                f"evaluated with the engine's {self.n_draws} draws and seed {self.seed} "
                f"(the scenario asks for {spec.draws}, seed {spec.seed})"
            )
        return ScenarioResult(
            spec=spec,
            engine=self,
            fy=fy,
            components=parts,
            costs=self._costs(res, timing),
            notes=tuple(notes),
            changed=changed,
        )

    def _costs(
        self, res: ResolvedScenario, timing: dict[str, np.ndarray]
    ) -> tuple[dict[str, Any], ...]:
        rows = []
        for lid, total in res.lever_total.items():
            lv = self.levers[lid]
            if lv.kind == "project_timing":
                x = timing.get(lid)
                mpu = lv.project_rule.months_per_unit if lv.project_rule else 1.0
                n_proj = int(np.count_nonzero(x)) if x is not None else 0
                cost = lv.cost_per_unit * (float(x.sum()) / mpu if x is not None else 0.0)
            else:
                n_proj = 0
                cost = lv.cost(total)
            rows.append(
                {
                    "lever": lid,
                    "name_zh": lv.name_zh,
                    "name_en": lv.name_en,
                    "intensity": total,
                    "intensity_unit": lv.intensity_unit,
                    "projects": n_proj,
                    "cost": cost,
                    "cost_kind": lv.cost_kind,
                }
            )
        return tuple(rows)

    def baseline_result(self) -> ScenarioResult:
        """The baseline as a result (no levers, no shifts)."""
        return self.evaluate(self.spec("baseline"))

    def evaluate_many(
        self,
        intensities: np.ndarray,
        levers: Sequence[str] | None = None,
        *,
        indicators: Sequence[str] | None = None,
    ) -> dict[str, dict[str, np.ndarray]]:
        """Evaluate many city-wide lever mixes at once (for the optimisation).

        Parameters
        ----------
        intensities
            (scenarios × levers) city-wide intensities of ``levers`` (default: every amount
            lever, in :attr:`amount_levers` order), started the month after ``as_of``, without
            project shifts. Caps are not checked here.
        indicators
            Indicators to evaluate (default: all).

        Returns
        -------
        dict
            Per indicator: ``p_meet`` (scenarios × units) share of draws at or above target,
            ``mean_growth`` and ``p50_growth`` (scenarios × units) [%], and ``cost``
            (scenarios,) [亿元, all kinds].
        """
        ids = tuple(levers) if levers is not None else self.amount_levers
        x = np.atleast_2d(np.asarray(intensities, dtype=np.float64))
        if x.shape[1] != len(ids):
            raise InputError(f"intensities have {x.shape[1]} columns for {len(ids)} levers")
        for lid in ids:
            if lid not in self.amount_levers:
                raise InputError(f"'{lid}' is not an amount lever of this engine")
        cols = [self.amount_levers.index(lid) for lid in ids]
        start = self.as_of_month % 12 + 2
        share = np.array(
            [self.levers[lid].timing.share(min(start, 12)) if start <= 12 else 0.0 for lid in ids]
        )
        cost = x @ np.array([self.levers[lid].cost_per_unit for lid in ids])
        out: dict[str, dict[str, np.ndarray]] = {}
        from sprintmodel.scenario.results import _baseline_stats

        base_stats = _baseline_stats(self)
        for code in indicators or list(self.plans):
            plan = self.plans[code]
            unit_vec = np.stack([self._alloc[lid] @ plan.carry for lid in ids])  # levers × units
            acts = self._acts[code][cols]
            unit_vec[~acts] = 0.0
            e = self._effect[code][:, cols]
            e_mean = self._effect_mean[code][cols]
            base = plan.draws.fy
            d = plan.draws
            s = x.shape[0]
            target = plan.target_level
            has_t = np.isfinite(target)
            bs = base_stats[code]
            with np.errstate(invalid="ignore", divide="ignore"):
                base_p50 = 100.0 * (bs.q[1] / d.base_full - 1.0)
                base_mean = 100.0 * (bs.mean / d.base_full - 1.0)
            p_meet = np.tile(bs.p_meet, (s, 1))
            p50 = np.tile(base_p50, (s, 1))
            mean = np.tile(base_mean, (s, 1))
            changed = np.any(unit_vec != 0, axis=0)
            if changed.any():
                sub = unit_vec[:, changed]
                t_sub = target[changed]
                ht = has_t[changed]
                b_sub = base[:, changed]
                bf = d.base_full[changed]
                for i in range(s):
                    resp = np.array(
                        [self.levers[lid].response_factor(x[i, k]) for k, lid in enumerate(ids)]
                    )
                    scale = x[i] * share * resp
                    fy = b_sub + rows_dot(e, scale[:, None] * sub)
                    with np.errstate(invalid="ignore", divide="ignore"):
                        p50[i, changed] = 100.0 * (np.quantile(fy, 0.5, axis=0) / bf - 1.0)
                        m = bs.mean[changed] + (scale * e_mean) @ sub
                        mean[i, changed] = 100.0 * (m / bf - 1.0)
                    pm = np.full(sub.shape[1], np.nan)
                    pm[ht] = d.indicator.meets(fy[:, ht], t_sub[ht]).mean(axis=0)
                    p_meet[i, changed] = pm
            out[code] = {"p_meet": p_meet, "p50_growth": p50, "mean_growth": mean, "cost": cost}
        return out

    def __repr__(self) -> str:
        return (
            f"ScenarioEngine(as_of={self.as_of}, draws={self.n_draws}, seed={self.seed}, "
            f"indicators={list(self.plans)}, levers={list(self.levers)}, "
            f"projects={len(self.register)})"
        )

    # ================================================================== projects
    def project_table(
        self,
        spec: ScenarioSpec | None = None,
        *,
        unit: str | None = None,
        indicator: str | None = None,
        slip_months: int = 1,
    ) -> Any:
        """Each project's contribution this year and how much its timing moves the gap.

        Parameters
        ----------
        spec
            Scenario whose shifts define the schedule (default: the plan).
        unit
            Unit whose gap is measured (default: the root, the city).
        indicator
            Indicator that ranks the watch list (default: GDP if present, else investment).
        slip_months
            Slip [months] by which sensitivity is measured.

        Returns
        -------
        pandas.DataFrame
            One row per project: ``project, name, unit, status, category, planned_start,
            planned_entry, planned_production, latest_start, latest_entry, latest_production``;
            ``q4_fai`` and ``q4_va`` the expected counted investment and value added in the rest
            of the year under the scenario [亿元]; for every indicator fed by projects
            ``<indicator>_pp_per_month``, the fall in the unit's full-year growth from a
            ``slip_months`` slip divided by the slip [pp per month] (the change in the gap to
            target); ``rank`` by the ranking indicator, 1 = moves the gap most (the watch list).
        """
        import pandas as pd

        from sprintmodel.scenario.projects import latest_useful_months

        reg = self.register
        if len(reg) == 0:
            return pd.DataFrame()
        res = self.resolve(spec, strict=False) if spec is not None else None
        p = len(reg)
        shift = res.shift if res is not None else np.zeros(p, dtype=np.int64)
        b = res.entry_offset if res is not None else np.zeros(p, dtype=np.int64)
        c = res.production_offset if res is not None else np.zeros(p, dtype=np.int64)
        tables = np.stack([self._table(j, int(b[j]), int(c[j])) for j in range(p)])
        k = self.delays + shift[None, :].astype(np.float64)
        now = interpolate_table(tables, k, -SHIFT_MIN)
        later = interpolate_table(tables, k + slip_months, -SHIFT_MIN)
        unit = unit or self.dataset.root
        rows = latest_useful_months(reg, self.as_of_month, self.levers.project_model)
        frame = pd.DataFrame(
            {
                "project": reg.codes,
                "name": reg.names,
                "unit": reg.units,
                "status": reg.statuses,
                "category": reg.categories,
                "planned_start": self.dataset.projects["planned_start"].to_numpy(),
                "planned_entry": self.dataset.projects["planned_entry"].to_numpy(),
                "planned_production": self.dataset.projects["planned_production"].to_numpy(),
            }
        )
        frame = frame.merge(rows, on="project", how="left")
        frame["q4_fai"] = now[..., 0].mean(axis=0)
        frame["q4_va"] = (now[..., 1] + now[..., 2]).mean(axis=0)
        rank_by = indicator
        for code in (self._pcodes["investment"], self._pcodes["industry"], self._pcodes["gdp"]):
            if code not in self.plans:
                continue
            plan = self.plans[code]
            if unit not in plan.units:
                continue
            ui = plan.units.index(unit)
            carry = self._project_carry[code][:, ui]  # projects,
            per_proj: dict[str, Any] = {}
            for name, arr in (("now", now), ("later", later)):
                nominal = {
                    self._pcodes["investment"]: arr[..., 0],
                    self._pcodes["industry"]: arr[..., 1],
                }
                g = self._pcodes["gdp"]
                nominal[g] = nominal.get(g, 0.0) + arr[..., 2]
                per_proj[name] = self._apply_bridges(nominal).get(code)
            if per_proj["now"] is None or np.ndim(per_proj["now"]) != 2:
                continue
            diff = (per_proj["now"] - per_proj["later"]).mean(axis=0) * carry
            frame[f"{code}_pp_per_month"] = 100.0 * diff / plan.draws.base_full[ui] / slip_months
            if rank_by is None and code == self._pcodes["gdp"]:
                rank_by = code
        if rank_by is None:
            rank_by = self._pcodes["investment"]
        col = f"{rank_by}_pp_per_month"
        if col in frame:
            frame["rank"] = frame[col].abs().rank(ascending=False, method="first").astype(int)
            frame = frame.sort_values("rank").reset_index(drop=True)
        frame.attrs["rank_by"] = rank_by
        frame.attrs["unit"] = unit
        return frame


def evaluate_file(
    dataset: DataSet, scenario: str | Path | ScenarioSpec, *, levers: LeverSet | None = None
) -> ScenarioResult:
    """Read a scenario file (or take a spec), check it against the data and evaluate it.

    Parameters
    ----------
    dataset
        The data folder the scenario applies to.
    scenario
        A scenario YAML file (see ``docs/scenarios.md``) or a :class:`ScenarioSpec`.
    levers
        The lever set (default: the folder's ``levers.yaml``, read when it was loaded, else the
        example city's: :func:`~sprintmodel.scenario.levers.levers_of`).

    Returns
    -------
    ScenarioResult
        The scenario evaluated on an engine built for its as-of period, draws and seed.
    """
    spec = scenario if isinstance(scenario, ScenarioSpec) else ScenarioSpec.from_yaml(scenario)
    lever_set = levers if levers is not None else levers_of(dataset)
    return ScenarioEngine.from_spec(spec, dataset, lever_set).evaluate(spec)


__all__ = [
    "PROJECT_COMPONENT",
    "IndicatorPlan",
    "ScenarioEngine",
    "ScenarioResult",
    "evaluate_file",
]
