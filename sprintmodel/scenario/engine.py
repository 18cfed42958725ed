"""The scenario engine: baseline draws + lever effects + project timing, for every unit.

:class:`ScenarioEngine` is built once from a data set, the baseline forecast draws and the
levers. It precomputes everything that does not depend on the scenario (each part in its own
module: :mod:`~sprintmodel.scenario.plan` per indicator,
:mod:`~sprintmodel.scenario.lever_effects` for levers,
:mod:`~sprintmodel.scenario.project_effects` for projects,
:mod:`~sprintmodel.scenario.stats` for the baseline's statistics):

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

Evaluations are cached by part: the levers' product ``E @ V`` by the scenario's lever
settings and the projects' sum by their states, so moving one slider recomputes one part
(``docs/scenarios.md``, "Where the time goes").
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from sprintmodel.accounts.report import industry_fy_growth
from sprintmodel.data import DataSet
from sprintmodel.errors import InputError
from sprintmodel.figures import PUBLISHED_DRAWS, PUBLISHED_SEED
from sprintmodel.forecast.draws import Draws
from sprintmodel.notes import Note
from sprintmodel.periods import Period
from sprintmodel.scenario.channels import GDP, build_channels, fallback_note
from sprintmodel.scenario.entrants import ENTRANT_COMPONENT, EntrantEffects
from sprintmodel.scenario.lever_effects import LeverEffects, LeverPart
from sprintmodel.scenario.levers import LeverSet, levers_of
from sprintmodel.scenario.plan import IndicatorPlan, indicator_plan, read_only, rows_dot
from sprintmodel.scenario.project_effects import CACHE_SIZE, ProjectEffects
from sprintmodel.scenario.results import ScenarioResult
from sprintmodel.scenario.spec import (
    ResolvedScenario,
    ScenarioSpec,
    as_of_month,
    resolve,
    rollup_units,
)
from sprintmodel.scenario.stats import IndicatorStats, baseline_stats

PROJECT_COMPONENT = "project_timing"
"""Name of the attribution component for the scenario's project shifts."""

_CACHE_SIZE = CACHE_SIZE
"""Entries of the per-spec cache of resolved scenarios."""


def _full_year(base: np.ndarray, *parts: np.ndarray | None) -> np.ndarray:
    """``base + ((p₁ + p₂) + p₃)`` over the parts present, summed in this order.

    The parts are cached (read-only) and never written; the sum is built in one new array
    (IEEE addition is commutative, so ``base + t`` computed into ``t`` is the same number).
    """
    total: np.ndarray | None = None
    fresh = False
    for p in parts:
        if p is None:
            continue
        if total is None:
            total = p
        elif fresh:
            np.add(total, p, out=total)
        else:
            total = total + p
            fresh = True
    if total is None:
        return base
    return np.add(base, total, out=total) if fresh else base + total


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
        self.notes: list[Note] = []
        baseline = self._this_year_only(baseline)
        self.baseline = baseline
        self.levers = levers if levers is not None else levers_of(dataset)
        self.seed = int(seed if seed is not None else (baseline.seed or 0))
        self.method = method
        self.as_of: Period = baseline.as_of
        self.as_of_month = as_of_month(baseline.as_of)
        first = next(iter(baseline.values()), None)
        self.n_draws = first.n_draws if first is not None else 0
        self._rollup = rollup_units(dataset)
        hierarchy = list(dataset.hierarchy)
        self.plans: dict[str, IndicatorPlan] = {
            code: indicator_plan(dataset, hierarchy, code, d, self.as_of.year)
            for code, d in baseline.items()
        }
        self.channels = build_channels(
            dataset, self.plans, hierarchy, self.as_of, self.seed, self.n_draws
        )
        gdp_bridges = tuple(b.name for b in self.levers.bridges if b.target_indicator == GDP)
        if self.channels is None and GDP in self.plans:
            self.notes.append(fallback_note(gdp_bridges))
        self.lever_fx = LeverEffects(
            dataset,
            self.plans,
            self.levers,
            self.seed,
            self.n_draws,
            self.notes,
            self.channels,
        )
        self.project_fx = ProjectEffects(
            dataset,
            self.plans,
            self.lever_fx,
            self.seed,
            self.n_draws,
            self.as_of_month,
            self.notes,
        )
        self.amount_levers: tuple[str, ...] = self.lever_fx.amount
        self.timing_levers: tuple[str, ...] = self.lever_fx.timing
        self.register = self.project_fx.register
        self.entrant_fx = EntrantEffects(
            dataset, self.plans, hierarchy, self.seed, self.n_draws, self.as_of.year, self.notes
        )
        self.delays: np.ndarray = self.project_fx.delays
        self._resolved: OrderedDict[ScenarioSpec, ResolvedScenario] = OrderedDict()
        self._sums: OrderedDict[tuple[Any, ...], tuple[Any, ...]] = OrderedDict()

    @cached_property
    def industry_baseline(self) -> np.ndarray | None:
        """Each industry's baseline full-year growth [%], (GDP units × industries); None
        without channels.

        Each unit's industries are forecast from their own history
        (:func:`~sprintmodel.forecast.industries.industry_forecast`, the engine's method and
        seed, at most 2,000 draws: only the means are used) and shifted together so that their
        share-weighted sum is the unit's baseline mean GDP growth
        (:func:`~sprintmodel.accounts.report.industry_fy_growth`, the accounts' rule: one GDP
        figure). Units without
        an industry forecast keep the quick rule of
        :func:`~sprintmodel.scenario.channels.industry_baseline_growth`. Computed on first use
        (a forecast per unit with components).
        """
        ch = self.channels
        if ch is None:
            return None
        from sprintmodel.forecast.industries import industry_forecast

        plan = self.plans[ch.indicator]
        out = np.array(ch.baseline_growth, dtype=float)
        fc = industry_forecast(
            self.dataset,
            self.as_of,
            units=plan.units,
            method=self.method,
            n_draws=min(self.n_draws, 2000),
            rng=self.seed,
            gdp=plan.draws if plan.draws.fy.shape[0] <= 2000 else None,  # the baseline's draws
        )
        if fc is None:
            return read_only(out)
        d = plan.draws
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = 100.0 * (d.fy.mean(axis=0) / d.base_full - 1.0)
        own = fc.fy_growth()
        cols = [fc.industries.index(c) if c in fc.industries else -1 for c in ch.industries]
        for j, u in enumerate(fc.units):
            if u not in plan.units:
                continue
            k = plan.units.index(u)
            g = np.array([own[j, c] if c >= 0 else np.nan for c in cols])
            if not np.isfinite(g[np.isfinite(ch.base[k])]).all():
                continue
            out[k] = industry_fy_growth(g[None, :], ch.base[k][None, :], mean[k : k + 1])[0]
        return read_only(out)

    @cached_property
    def baseline_stats(self) -> Mapping[str, IndicatorStats]:
        """Quantiles, mean and P(meet target) of every indicator's baseline (computed once)."""
        return baseline_stats(self.plans)

    def _table(self, j: int, b: int, c: int) -> np.ndarray:
        """Contribution table of project ``j`` (see :meth:`ProjectEffects.table`)."""
        return self.project_fx.table(j, b, c)

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
                Note.of(
                    "scenario.indicator_stale",
                    indicator=code,
                    year=year,
                    as_of_period=str(baseline.as_of),
                    at_period=str(at),
                )
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
        n_draws: int = PUBLISHED_DRAWS,
        seed: int = PUBLISHED_SEED,
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
            spec,
            self.dataset,
            self.levers,
            register=self.register,
            units_ok=self._rollup,
            entrants=self.entrant_fx.register,
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
        return self.lever_fx.vectors(code, res)

    def lever_effect_draws(self, indicator: str) -> tuple[tuple[str, ...], np.ndarray]:
        """Effect draws per unit of intensity (draws × terms) on ``indicator``, and their labels.

        Current prices, bridges included, before timing, allocation and price conversion: the
        effect of intensities ``x`` placed at hierarchy unit ``h`` is
        ``E @ (x × share × carry_t[h])`` (see :meth:`lever_vectors`). A term is a lever
        (labelled by its id), except for GDP through its industries, where each lever ×
        channel is one (``lever/industry/source``, carried by the channel's coefficient).
        """
        terms = self.lever_fx.terms[indicator]
        ch = self.channels
        labels = tuple(
            self.amount_levers[j]
            if i < 0 or ch is None
            else f"{self.amount_levers[j]}/{ch.industries[i]}"
            for j, i in zip(terms.lever, terms.industry, strict=True)
        )
        return labels, terms.effect

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
        memo: dict[str, dict[str, Any]] = {}
        timing = self.project_fx.timing_shift(res)
        levers = self.lever_fx.part(res)
        projects = self.project_fx.part(res, timing)
        weights = {lid: float(x.sum()) for lid, x in timing.items()}
        wsum = sum(weights.values()) or 1.0
        for code, plan in self.plans.items():
            lp = levers[code]
            comp = dict(lp.components)
            shift = projects.shift.get(code)
            if shift is not None:
                comp[PROJECT_COMPONENT] = projects.shift_mean[code]
            land = projects.land.get(code)
            if land is not None:
                mean = projects.land_mean[code]
                for lid, w in weights.items():
                    comp[lid] = mean * (w / wsum)
            wkey = tuple(weights.items()) if land is not None else ()
            fy[code], memo[code] = self._sum(code, plan.draws.fy, lp, shift, land, wkey)
            parts[code] = comp
            reach = projects.changed.get(code)
            changed[code] = lp.changed if reach is None else lp.changed | reach
        entrant_base = self._entrants(res, fy, parts, changed, memo)
        industries = self._industries(levers, projects)
        notes = list(res.notes) + self.entrant_fx.notes(res.entrant_entry)
        if not strict and (spec.draws != self.n_draws or spec.seed != self.seed):
            notes.append(
                Note.of(
                    "scenario.engine_draws",
                    draws=self.n_draws,
                    seed=self.seed,
                    asked_draws=spec.draws,
                    asked_seed=spec.seed,
                )
            )
        return ScenarioResult(
            spec=spec,
            engine=self,
            fy=fy,
            components=parts,
            costs=self._costs(res, timing),
            notes=tuple(notes),
            changed=changed,
            memo=memo,
            industries=industries,
            entrant_base=entrant_base,
        )

    def _entrants(
        self,
        res: ResolvedScenario,
        fy: dict[str, np.ndarray],
        parts: dict[str, dict[str, np.ndarray]],
        changed: dict[str, np.ndarray],
        memo: dict[str, dict[str, Any]],
    ) -> dict[str, np.ndarray]:
        """Apply the counted entrants to ``fy`` in place (comparable-base draws, the
        ``entrants`` component, moved units, a fresh memo); returns their base draws per
        indicator (:mod:`~sprintmodel.scenario.entrants`)."""
        out: dict[str, np.ndarray] = {}
        if not (res.entrant_entry >= 0).any():
            return out
        for code in self.entrant_fx.indicators(res.entrant_entry):
            if code not in fy:
                continue
            hit = self.entrant_fx.apply(code, fy[code], res.entrant_entry)
            if hit is None:
                continue
            fy[code], out[code], change, memo[code] = hit
            parts[code][ENTRANT_COMPONENT] = change
            changed[code] = changed[code] | (change != 0)
        return out

    def _industries(self, levers: dict[str, LeverPart], projects: Any) -> np.ndarray | None:
        """Mean change of each industry's value added ((industries + 1) × GDP units) [亿元].

        Volumes at last year's prices; the last row is the change no industry carries. None
        without channels. The rows add up to the attribution's GDP total in every unit.
        """
        ch = self.channels
        if ch is None or ch.indicator not in self.plans:
            return None
        out = np.zeros((len(ch.industries) + 1, len(self.plans[ch.indicator].units)))
        for part in (levers[ch.indicator].industries, projects.industries):
            if part is not None:
                out += part
        return read_only(out)

    def _sum(
        self,
        code: str,
        base: np.ndarray,
        levers: LeverPart,
        shift: np.ndarray | None,
        land: np.ndarray | None,
        weights: tuple[Any, ...],
    ) -> tuple[np.ndarray, dict[str, Any]]:
        """Full-year draws of ``code`` from its parts, and the memo its statistics are kept in.

        The same part objects (cached by their settings) give the same draws: the sum and the
        memo are reused, so an indicator a move does not reach is neither summed nor sorted
        again (:meth:`ScenarioResult.indicator_stats` fills the memo).
        """
        key = (code, id(levers), id(shift), id(land), weights)
        hit = self._sums.get(key)
        if hit is not None and hit[0] is levers and hit[1] is shift and hit[2] is land:
            self._sums.move_to_end(key)
            return hit[3], hit[4]
        fy = _full_year(base, levers.total, shift, land)
        if fy is not base:
            read_only(fy)
        memo: dict[str, Any] = {}
        self._sums[key] = (levers, shift, land, fy, memo)
        while len(self._sums) > 4 * max(len(self.plans), 1):
            self._sums.popitem(last=False)
        return fy, memo

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
        base_stats = self.baseline_stats
        for code in indicators or list(self.plans):
            plan = self.plans[code]
            terms = self.lever_fx.terms[code]
            # Terms of the levers asked for, and for each its lever's column in ``x``.
            tcols = [int(t) for t in range(len(terms.lever)) if int(terms.lever[t]) in cols]
            which = np.array([cols.index(int(terms.lever[t])) for t in tcols], dtype=np.intp)
            unit_vec = (
                np.stack(
                    [
                        self.lever_fx.alloc[ids[which[r]]] @ terms.carry[t]
                        for r, t in enumerate(tcols)
                    ]
                )
                if tcols
                else np.zeros((0, len(plan.units)))
            )  # terms × units
            e = terms.effect[:, tcols]
            e_mean = terms.mean[tcols]
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
                    scale = (x[i] * share * resp)[which]
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

        See :meth:`ProjectEffects.watch_list
        <sprintmodel.scenario.project_effects.ProjectEffects.watch_list>`; ``spec`` (default:
        the plan) is resolved against this engine first.
        """
        res = self.resolve(spec, strict=False) if spec is not None else None
        return self.project_fx.watch_list(
            res, unit=unit, indicator=indicator, slip_months=slip_months
        )


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
