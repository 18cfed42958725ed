"""Major projects' timing in the engine: delays, contribution tables and their effects.

:class:`ProjectEffects` is built once per engine: the register, each project's **delay
draws** (draws,) (a common and an own factor, gamma margins), its contribution tables over
whole-month shifts (:func:`~sprintmodel.scenario.projects.project_tables`), its planned
contribution under those delays, the per-draw bridge coefficients carrying project output to
every indicator, and the vectors carrying a project's effect to each indicator's units.

A scenario's project part is ``Σ_p δ_p G_p``: ``δ_p`` the change of project ``p``'s
contribution (counted investment, industrial and other value added) against its planned
schedule **under the same delay draws**, ``G_p`` its carry vector; timing levers
(acceleration of approvals, land, ...) add a further change on top of the shifts. Each
project's change is cached by its state, and the whole part by the scenario's project states
(moving a lever does not recompute the projects). :meth:`ProjectEffects.watch_list` ranks the
projects by how much a slip moves the gap.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from sprintmodel.data import DataSet
from sprintmodel.notes import Note
from sprintmodel.scenario.curves import correlated_normals, gamma_delays, interpolate_table
from sprintmodel.scenario.lever_effects import LeverEffects
from sprintmodel.scenario.parcels import hold_for_parcels, waiting_on_land
from sprintmodel.scenario.plan import (
    IndicatorPlan,
    landing_index,
    read_only,
    rows_dot,
    stream,
)
from sprintmodel.scenario.projects import (
    SHIFT_MIN,
    ProjectRegister,
    delay_parameters,
    project_tables,
)
from sprintmodel.scenario.spec import ResolvedScenario

CACHE_SIZE = 96
"""Entries of the per-project cache (an entry holds 2 × 3 × draws floats: 0.5 MB at 10,000
draws)."""

_PART_CACHE = 4
"""Project states whose evaluated effects are kept (draws × units floats per indicator)."""

_NO_LAND = np.zeros((3, 0))


@dataclass(frozen=True, eq=False)
class ProjectPart:
    """The projects' share of one scenario (read-only arrays).

    Attributes
    ----------
    idx
        Indices of the projects moved (by shifts or timing levers).
    shift, land
        Per indicator: effect draws (draws × units) of the shifts against the plan, and of
        the timing levers on top of them (indicators without effect absent).
    shift_mean, land_mean
        Their means over draws (units,).
    changed
        Per indicator: units the moved projects reach (units,) bool.
    industries
        Through the industries: the mean change of each industry's value added from the
        shifts and timing levers together, (industries + 1) × GDP units, volumes at last
        year's prices [亿元] (see :class:`~sprintmodel.scenario.lever_effects.LeverPart`);
        None otherwise.
    """

    idx: np.ndarray
    shift: dict[str, np.ndarray]
    land: dict[str, np.ndarray]
    shift_mean: dict[str, np.ndarray]
    land_mean: dict[str, np.ndarray]
    changed: dict[str, np.ndarray]
    industries: np.ndarray | None = None


class ProjectEffects:
    """Delay draws, contribution tables and effects of every project (see the module doc).

    Parameters
    ----------
    dataset
        The data set (its ``projects`` table is the register).
    plans
        The engine's indicator plans.
    fx
        The levers' effects (bridges, timing levers' realisation draws).
    seed
        Seed of the delay draws (streams keyed by project code).
    n_draws
        Number of draws.
    as_of_month
        Absolute month number of the last month of data.
    notes
        List the engine shows the user; projects in unknown units are noted there.
    """

    def __init__(
        self,
        dataset: DataSet,
        plans: Mapping[str, IndicatorPlan],
        fx: LeverEffects,
        seed: int,
        n_draws: int,
        as_of_month: int,
        notes: list[Note],
    ) -> None:
        self.dataset = dataset
        self.plans = plans
        self.fx = fx
        self.levers = fx.levers
        self.n_draws = n_draws
        self.as_of_month = as_of_month
        self.hpos = fx.hpos
        self._tables: dict[tuple[int, int, int], np.ndarray] = {}
        self._cache: OrderedDict[tuple[Any, ...], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._parts: OrderedDict[tuple[Any, ...], ProjectPart] = OrderedDict()
        self.carry: dict[str, np.ndarray] = {}
        self.channel_carry: list[np.ndarray] = []
        # The plan the engine works from: each project held until its parcel is cleared.
        reg = hold_for_parcels(
            ProjectRegister.from_frame(dataset.projects), dataset.parcels, as_of_month, notes
        )
        self.register = reg
        self.waiting = waiting_on_land(dataset, reg)
        model = self.levers.project_model
        n, p = self.n_draws, len(reg)
        self.pcodes = model.indicators
        if p == 0:
            self.delays = np.zeros((n, 0))
            self.base_contrib = np.zeros((n, 0, 3))
            self.coef = self._bridge_coefficients()
            return
        common = stream(seed, "delay-common").standard_normal(n)
        own = np.stack(
            [stream(seed, "delay", code).standard_normal(n) for code in reg.codes], axis=1
        )
        mean, sd = delay_parameters(reg, model)
        self.delays = gamma_delays(correlated_normals(common, own, model.common_factor), mean, sd)
        base = project_tables(reg, self.as_of_month, model)
        for j in range(p):
            self._tables[(j, 0, 0)] = base[j]
        self.base_contrib = interpolate_table(base, self.delays, -SHIFT_MIN)
        self.coef = self._bridge_coefficients()
        # Carry vectors of each project's effects to each indicator's units.
        for code, plan in self.plans.items():
            g = np.zeros((p, len(plan.units)))
            pos = {u: i for i, u in enumerate(plan.units)}
            known = plan.draws.level_known
            for j in range(p):
                h = self.hpos.get(reg.units[j])
                if h is None:
                    continue
                g[j] = plan.carry_projects[h]
                park = reg.parks[j]
                if park and park in pos and known[pos[park]]:
                    here = landing_index(self.dataset, plan.draws, reg.units[j])
                    price = plan.price[here] if here >= 0 else plan.price[pos[park]]
                    g[j, pos[park]] += 1.0 / price
            self.carry[code] = g
        ch = fx.channels
        if ch is not None and ch.indicator in self.carry:
            # Per channel: the GDP carry scaled by the coefficient where each project lands.
            plan = self.plans[ch.indicator]
            hrow = np.array([self.hpos.get(u, -1) for u in reg.units], dtype=np.intp)
            land = np.array(
                [
                    landing_index(self.dataset, plan.draws, u) if u in self.hpos else -1
                    for u in reg.units
                ],
                dtype=np.intp,
            )
            price = np.where(land >= 0, plan.price[np.maximum(land, 0)], 1.0)
            for k in range(ch.n_channels):
                c = np.where(hrow >= 0, ch.coef[np.maximum(hrow, 0), k], 0.0) * price
                self.channel_carry.append(self.carry[ch.indicator] * c[:, None])
        unknown = sorted({u for u in reg.units if u not in self.hpos})
        if unknown:
            notes.append(Note.of("scenario.projects_unknown_units", units=unknown))

    def timing_shift(self, res: ResolvedScenario) -> dict[str, np.ndarray]:
        """Per timing lever: the targeted acceleration of each project [months] (projects,)."""
        reg = self.register
        out: dict[str, np.ndarray] = {}
        for lid in self.fx.timing:
            if lid not in res.lever_units or res.lever_total[lid] <= 0:
                continue
            lv = self.levers[lid]
            rule = lv.project_rule
            assert rule is not None
            x = np.zeros(len(reg))
            units = res.lever_units[lid]
            for j in range(len(reg)):
                if rule.parcels and self.waiting is not None:
                    if not self.waiting[j]:
                        continue
                elif reg.statuses[j] not in rule.statuses:
                    continue
                if rule.categories and reg.categories[j] not in rule.categories:
                    continue
                if units is None:
                    x[j] = res.lever_total[lid]
                else:
                    chain = (
                        [reg.units[j], *self.dataset.hierarchy.ancestors(reg.units[j])]
                        if reg.units[j] in self.hpos
                        else []
                    )
                    for u in chain:
                        if u in units:
                            x[j] = units[u]
                            break
            if x.any():
                out[lid] = x * rule.months_per_unit
        return out

    def table(self, j: int, b: int, c: int) -> np.ndarray:
        """Contribution table of project ``j`` with entry and production offsets ``b``, ``c``
        [months] (cached; see :func:`~sprintmodel.scenario.projects.project_tables`)."""
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

    def _keys(
        self, res: ResolvedScenario, timing: dict[str, np.ndarray]
    ) -> tuple[np.ndarray, list[tuple[Any, ...]]]:
        """Projects moved (by shifts or timing levers) and the state of each."""
        moved = set(res.moved.tolist())
        for x in timing.values():
            moved |= set(np.flatnonzero(x).tolist())
        idx = np.array(sorted(moved), dtype=np.intp)
        keys = [
            (
                int(j),
                int(res.shift[j]),
                int(res.entry_offset[j]),
                int(res.production_offset[j]),
                tuple((lid, float(x[j])) for lid, x in timing.items() if x[j] != 0),
            )
            for j in idx
        ]
        return idx, keys

    def deltas(
        self, res: ResolvedScenario, timing: dict[str, np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Projects moved, and their contribution changes (moved × 3 × draws) [亿元].

        Returns the indices, the change from the scenario's shifts against the plan, and the
        further change from timing levers on top of the shifts (same delay draws). Each
        project's changes are cached by its state (shift, offsets, timing-lever acceleration),
        so moving one slider recomputes one project.
        """
        idx, keys = self._keys(res, timing)
        n = self.n_draws
        if idx.size == 0:
            empty = np.zeros((0, 3, n))
            return idx, empty, empty
        found: list[tuple[np.ndarray, np.ndarray] | None] = []
        todo = []
        for col, key in enumerate(keys):
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
            else:
                todo.append(col)
            found.append(hit)
        if todo:
            cols = np.array(todo)
            js = idx[cols]
            tables = np.stack(
                [
                    self.table(int(j), int(res.entry_offset[j]), int(res.production_offset[j]))
                    for j in js
                ]
            )
            k = self.delays[:, js] + res.shift[js][None, :].astype(np.float64)
            new = interpolate_table(tables, k, -SHIFT_MIN)
            shift_part = np.ascontiguousarray((new - self.base_contrib[:, js]).transpose(1, 2, 0))
            land_part = shift_part
            if timing:
                land_part = np.zeros_like(shift_part)
                acc = np.zeros((n, js.size))
                for lid, x in timing.items():
                    acc += self.fx.realisation[lid][:, None] * x[js][None, :]
                if acc.any():
                    moved_k = interpolate_table(tables, k - acc, -SHIFT_MIN)
                    land_part = np.ascontiguousarray((moved_k - new).transpose(1, 2, 0))
            for r, col in enumerate(todo):
                pair = (shift_part[r], land_part[r] if timing else _NO_LAND)
                found[col] = pair
                self._cache[keys[col]] = pair
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
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
        for src in (self.pcodes["investment"], self.pcodes["industry"], self.pcodes["gdp"]):
            coef = {src: np.ones(n)}
            for b in self.fx.bridges:
                if b.source_indicator in coef:
                    add = self.fx.bridge_draws[b.name] * coef[b.source_indicator]
                    coef[b.target_indicator] = coef.get(b.target_indicator, 0.0) + add
            out[src] = coef
        return out

    def _terms(self, code: str) -> list[tuple[int, np.ndarray, np.ndarray, int]]:
        """The terms carrying project outputs to ``code``: (output, draws, carry, industry).

        Output ``o`` (investment, industrial value added, other value added) reaches ``code``
        with per-draw coefficient ``draws`` (bridges) through ``carry`` (projects × units).
        Through the industries, each output reaches GDP through every channel fed by the
        indicator it adds to (``coef`` × the channel's elasticity draws, carried by the
        channel's coefficient); other value added is value added of
        :attr:`IndustryChannels.other <sprintmodel.scenario.channels.IndustryChannels.other>`.
        Industry -1 where the term carries no industry.
        """
        sources = (self.pcodes["investment"], self.pcodes["industry"], self.pcodes["gdp"])
        ch = self.fx.channels
        out: list[tuple[int, np.ndarray, np.ndarray, int]] = []
        if ch is None or code != ch.indicator:
            for o, src in enumerate(sources):
                c = self.coef[src].get(code)
                if c is not None:
                    out.append((o, c, self.carry[code], -1))
            return out
        for o, src in enumerate(sources):
            if src == code:
                out.append((o, self.coef[src][code], self.carry[code], ch.other))
                continue
            for k, s in enumerate(ch.sources):
                c = self.coef[src].get(s)
                if c is not None and self.channel_carry[k].any() and ch.elasticity[:, k].any():
                    out.append(
                        (o, c * ch.elasticity[:, k], self.channel_carry[k], int(ch.industry_of[k]))
                    )
        return out

    def effects(
        self, idx: np.ndarray, delta: np.ndarray
    ) -> tuple[dict[str, np.ndarray], np.ndarray | None]:
        """Effects (draws × units) on each indicator of project changes (moved × 3 × draws).

        Also, through the industries, the mean change of each industry's value added
        ((industries + 1) × GDP units), else None.
        """
        out: dict[str, np.ndarray] = {}
        ch = self.fx.channels
        industries = None
        for code in self.plans:
            acc = None
            by_ind = ch is not None and code == ch.indicator
            if ch is not None and by_ind:
                industries = np.zeros((len(ch.industries) + 1, len(self.plans[code].units)))
            for o, c, carry, ind in self._terms(code):
                term = rows_dot(delta[:, o, :].T, carry[idx])
                term *= c[:, None]
                if by_ind and industries is not None:
                    industries[ind if ind >= 0 else -1] += term.mean(axis=0)
                acc = term if acc is None else np.add(acc, term, out=acc)
            if acc is not None:
                out[code] = acc
        return out, industries

    def part(self, res: ResolvedScenario, timing: dict[str, np.ndarray]) -> ProjectPart:
        """The projects' effect draws, their means and the units they reach, per indicator.

        ``timing`` is :meth:`timing_shift` of ``res``. Cached by the moved projects' states.
        """
        idx, keys = self._keys(res, timing)
        key = (tuple(keys), bool(res.moved.size), bool(timing))
        hit = self._parts.get(key)
        if hit is not None:
            self._parts.move_to_end(key)
            return hit
        idx, d_shift, d_land = self.deltas(res, timing)
        shift, ind_s = self.effects(idx, d_shift) if idx.size and res.moved.size else ({}, None)
        land, ind_l = self.effects(idx, d_land) if idx.size and timing else ({}, None)
        industries = ind_s if ind_l is None else ind_l if ind_s is None else ind_s + ind_l
        changed = {
            code: read_only(np.any(self.carry[code][idx] != 0, axis=0))
            for code in self.plans
            if idx.size and (code in shift or code in land)
        }
        out = ProjectPart(
            idx=idx,
            shift={c: read_only(a) for c, a in shift.items()},
            land={c: read_only(a) for c, a in land.items()},
            shift_mean={c: read_only(a.mean(axis=0)) for c, a in shift.items()},
            land_mean={c: read_only(a.mean(axis=0)) for c, a in land.items()},
            changed=changed,
            industries=None if industries is None else read_only(industries),
        )
        self._parts[key] = out
        while len(self._parts) > _PART_CACHE:
            self._parts.popitem(last=False)
        return out

    def _registration_gain(
        self, shift: np.ndarray, b: np.ndarray, c: np.ndarray, now: np.ndarray
    ) -> np.ndarray:
        """Expected counted investment this year added by registering (入库) next month [亿元].

        For each project not registered by the as-of month: its contribution with the entry
        moved to the month after ``as_of`` (the usual delay draws still apply) less ``now``
        (draws × projects × 3, the contribution under ``shift``, ``b``, ``c``). Under the
        statistics' ``year_to_date`` rule this is the whole of this year's investment of a
        project whose planned registration falls next year.
        """
        reg = self.register
        gain = np.zeros(len(reg))
        first = self.as_of_month + 1
        for j in range(len(reg)):
            e = int(reg.entry[j]) + int(shift[j]) + int(b[j])
            if int(reg.entry[j]) <= self.as_of_month or e <= first:
                continue
            t = self.table(j, int(b[j]) - (e - first), int(c[j]))
            k = self.delays[:, j] + float(shift[j])
            moved = interpolate_table(t[None], k[:, None], -SHIFT_MIN)[:, 0, 0]
            gain[j] = float((moved - now[:, j, 0]).mean())
        return np.maximum(gain, 0.0)

    def watch_list(
        self,
        res: ResolvedScenario | None = None,
        *,
        unit: str | None = None,
        indicator: str | None = None,
        slip_months: int = 1,
    ) -> Any:
        """Each project's contribution this year and how much its timing moves the gap.

        Parameters
        ----------
        res
            Resolved scenario whose shifts define the schedule (default: the plan).
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
            of the year under the scenario [亿元]; ``register_gain_fai`` the expected counted
            investment this year added by registering (入库) next month instead of as planned
            (this year's earlier investment included, the statistics' rule) [亿元] and
            ``can_register`` whether that adds anything (the 应统尽统 candidates); for every indicator fed by projects
            ``<indicator>_pp_per_month``, the fall in the unit's full-year growth from a
            ``slip_months`` slip divided by the slip [pp per month] (the change in the gap to
            target); ``rank`` by the ranking indicator, 1 = moves the gap most (the watch list).
        """
        import pandas as pd

        from sprintmodel.scenario.projects import latest_useful_months

        reg = self.register
        if len(reg) == 0:
            return pd.DataFrame()
        p = len(reg)
        shift = res.shift if res is not None else np.zeros(p, dtype=np.int64)
        b = res.entry_offset if res is not None else np.zeros(p, dtype=np.int64)
        c = res.production_offset if res is not None else np.zeros(p, dtype=np.int64)
        tables = np.stack([self.table(j, int(b[j]), int(c[j])) for j in range(p)])
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
        frame["register_gain_fai"] = self._registration_gain(shift, b, c, now)
        frame["can_register"] = frame["register_gain_fai"] > 0.005
        rank_by = indicator
        for code in (self.pcodes["investment"], self.pcodes["industry"], self.pcodes["gdp"]):
            if code not in self.plans:
                continue
            plan = self.plans[code]
            if unit not in plan.units:
                continue
            ui = plan.units.index(unit)
            terms = self._terms(code)
            if not terms:
                continue
            diff = np.zeros(p)
            for o, coef, carry, _ in terms:
                moved = (now[..., o] - later[..., o]) * coef[:, None]  # draws × projects
                diff += moved.mean(axis=0) * carry[:, ui]
            frame[f"{code}_pp_per_month"] = 100.0 * diff / plan.draws.base_full[ui] / slip_months
            if rank_by is None and code == self.pcodes["gdp"]:
                rank_by = code
        if rank_by is None:
            rank_by = self.pcodes["investment"]
        col = f"{rank_by}_pp_per_month"
        if col in frame:
            frame["rank"] = frame[col].abs().rank(ascending=False, method="first").astype(int)
            frame = frame.sort_values("rank").reset_index(drop=True)
        frame.attrs["rank_by"] = rank_by
        frame.attrs["unit"] = unit
        return frame


__all__ = ["CACHE_SIZE", "ProjectEffects", "ProjectPart", "waiting_on_land"]
