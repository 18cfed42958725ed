"""Policy levers' effects in the engine: effect draws, bridges, allocation and unit vectors.

:class:`LeverEffects` is built once per engine. For each ``amount`` lever and indicator it
draws the **effect per unit of intensity** (draws,) in current prices, bridges (spillovers
between indicators) included; it keeps where intensity given to each unit lands
(:func:`~sprintmodel.scenario.plan.push_down`) and the realisation draws of the
``project_timing`` levers. :meth:`LeverEffects.vectors` turns a scenario's intensities,
start months and responses into the unit vectors ``V`` of ``E @ V`` (levers × units), and
:meth:`LeverEffects.part` evaluates that product with its attribution, cached by the
scenario's lever settings (moving a project's date does not recompute the levers).

The lever-channel constants, S-curves and timing weights themselves are data
(``levers.yaml`` through :mod:`~sprintmodel.scenario.levers`) and pure functions
(:mod:`~sprintmodel.scenario.curves`); caches here live on the engine, so a changed lever set
needs a new engine.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from sprintmodel.data import DataSet
from sprintmodel.scenario.levers import LeverSet
from sprintmodel.scenario.plan import IndicatorPlan, push_down, read_only, rows_dot, stream
from sprintmodel.scenario.spec import ResolvedScenario

_PART_CACHE = 4
"""Lever settings whose evaluated effects are kept per indicator (each holds draws × units
floats: about 1 MB per indicator of the example city at 10,000 draws)."""


@dataclass(frozen=True, eq=False)
class LeverPart:
    """The levers' share of one scenario on one indicator (read-only arrays).

    Attributes
    ----------
    total
        Effect draws (draws × units) on the draws' basis, or None when no lever acts.
    components
        Lever id → mean change of each unit's full-year level (units,).
    changed
        Units the levers change (units,) bool.
    """

    total: np.ndarray | None
    components: dict[str, np.ndarray]
    changed: np.ndarray


class LeverEffects:
    """Effect draws and allocation of every lever (built once; see the module doc).

    Parameters
    ----------
    dataset
        The data set.
    plans
        The engine's indicator plans.
    levers
        The lever set.
    seed
        Seed of the effect, bridge and realisation draws (streams keyed by lever and bridge
        names, so adding a lever does not change another's draws).
    n_draws
        Number of draws.
    notes
        List the engine shows the user; effects on indicators without draws are noted there.
    """

    def __init__(
        self,
        dataset: DataSet,
        plans: Mapping[str, IndicatorPlan],
        levers: LeverSet,
        seed: int,
        n_draws: int,
        notes: list[str],
    ) -> None:
        self.levers = levers
        self.plans = plans
        self.hierarchy = list(dataset.hierarchy)
        self.hpos = {u: i for i, u in enumerate(self.hierarchy)}
        n = n_draws
        self.bridge_draws = {
            b.name: b.weight.sample(stream(seed, "bridge", b.name), n) for b in levers.bridges
        }
        self.amount: tuple[str, ...] = tuple(k for k, v in levers.items() if v.kind == "amount")
        self.timing: tuple[str, ...] = tuple(
            k for k, v in levers.items() if v.kind == "project_timing"
        )
        self.direct: dict[str, list[np.ndarray]] = {}
        self.effect: dict[str, np.ndarray] = {
            code: np.zeros((n, len(self.amount))) for code in plans
        }
        for j, lid in enumerate(self.amount):
            lv = levers[lid]
            direct: dict[str, np.ndarray] = {}
            self.direct[lid] = []
            for k, e in enumerate(lv.effects):
                m = e.per_unit.sample(stream(seed, "lever", lid, k), n)
                self.direct[lid].append(m)
                direct[e.indicator] = direct.get(e.indicator, 0.0) + m
            total = self.apply_bridges(direct) if lv.spillovers else direct
            for code, arr in total.items():
                if code in self.effect:
                    self.effect[code][:, j] = arr
            missing = [e.indicator for e in lv.effects if e.indicator not in plans]
            if missing:
                notes.append(
                    f"lever {lid}: no draws for {', '.join(missing)}; that effect is not shown"
                )
        self.effect_mean = {c: e.mean(axis=0) for c, e in self.effect.items()}
        self.acts = {c: np.any(e != 0, axis=0) for c, e in self.effect.items()}
        self.push: dict[str, np.ndarray] = {}
        self.alloc: dict[str, np.ndarray] = {}
        root = self.hpos[dataset.root]
        reg = dataset.enterprises
        firms = {} if reg is None else dict(zip(reg.enterprise, reg.unit, strict=True))
        for lid in levers:
            self.push[lid] = push_down(dataset, self.hierarchy, dict(plans), levers[lid])
            firm = levers[lid].enterprise
            if firm is None:
                self.alloc[lid] = self.push[lid][root]
            elif firms.get(firm) in self.hpos:
                # An enterprise lever lands wholly on the enterprise's unit (its district).
                self.alloc[lid] = self.push[lid][self.hpos[firms[firm]]]
            else:
                self.alloc[lid] = np.zeros(len(self.hierarchy))
                notes.append(
                    f"lever {lid} is aimed at enterprise {firm}, which is not in this folder's "
                    "enterprises.csv; it has no effect"
                )
        self.realisation = {
            lid: levers[lid].project_rule.realisation.sample(  # type: ignore[union-attr]
                stream(seed, "realisation", lid), n
            )
            for lid in self.timing
        }
        self._rows: dict[tuple[Any, ...], np.ndarray] = {}
        self._parts: OrderedDict[tuple[Any, ...], LeverPart] = OrderedDict()

    def apply_bridges(self, effects: Mapping[str, Any]) -> dict[str, Any]:
        """Add spillovers along the bridges, in order (arrays broadcast over trailing axes)."""
        out = dict(effects)
        for b in self.levers.bridges:
            src = out.get(b.source_indicator)
            if src is None:
                continue
            w = self.bridge_draws[b.name]
            w = w.reshape(w.shape + (1,) * (np.ndim(src) - 1))
            out[b.target_indicator] = out.get(b.target_indicator, 0.0) + w * src
        return out

    def intensity_vector(
        self, lid: str, units: dict[str, float] | None, total: float
    ) -> np.ndarray:
        """Intensity of lever ``lid`` landing on each hierarchy unit (hierarchy,)."""
        if units is None:
            return self.alloc[lid] * total
        x = np.zeros(len(self.hierarchy))
        for u, v in units.items():
            x += v * self.push[lid][self.hpos[u]]
        return x

    def _data_month(self, code: str, as_of_month: int) -> int:
        """Calendar month up to which indicator ``code``'s data stand at ``as_of_month``
        (absolute): a quarterly series as of October stands at September. A lever that started
        before it is taken as happened and counts only from the month after (what landed
        earlier is in the data)."""
        year = as_of_month // 12
        months = [p.month for p in self.plans[code].draws.periods if p.year == year]
        return min(as_of_month % 12 + 1, max(months, default=0))

    def _row(self, code: str, lid: str, res: ResolvedScenario) -> np.ndarray:
        """``scale × (x @ carry)`` of one lever on one indicator (cached by its setting)."""
        units = res.lever_units[lid]
        total = res.lever_total[lid]
        start = res.lever_start[lid]
        origin = self._data_month(code, res.as_of_month)
        key = (code, lid, None if units is None else tuple(units.items()), total, start, origin)
        row = self._rows.get(key)
        if row is None:
            lv = self.levers[lid]
            x = self.intensity_vector(lid, units, total)
            scale = lv.timing.share(start, origin) * lv.response_factor(total)
            row = read_only(scale * (x @ self.plans[code].carry))
            if len(self._rows) > 64 * max(len(self.plans), 1):
                self._rows.clear()
            self._rows[key] = row
        return row

    def vectors(self, code: str, res: ResolvedScenario) -> tuple[list[int], np.ndarray]:
        """Columns of :attr:`effect` and the unit vectors (levers × units) of ``res``.

        Row ``ℓ`` is what one unit of the lever's effect draw adds to each unit of indicator
        ``code`` (draws' basis) given the scenario's intensities, start and response.
        """
        cols: list[int] = []
        rows: list[np.ndarray] = []
        for lid in res.lever_units:
            if self.levers[lid].kind != "amount":
                continue
            j = self.amount.index(lid)
            if res.lever_total[lid] <= 0 or not self.acts[code][j]:
                continue
            cols.append(j)
            rows.append(self._row(code, lid, res))
        mat = np.stack(rows) if rows else np.zeros((0, len(self.plans[code].units)))
        return cols, mat

    def _setting(self, code: str, res: ResolvedScenario) -> tuple[Any, ...]:
        """The settings of the levers of ``res`` acting on ``code`` (what its part depends on)."""
        out = []
        for lid in res.lever_units:
            if self.levers[lid].kind != "amount" or res.lever_total[lid] <= 0:
                continue
            if not self.acts[code][self.amount.index(lid)]:
                continue
            units = res.lever_units[lid]
            out.append(
                (
                    lid,
                    None if units is None else tuple(units.items()),
                    res.lever_total[lid],
                    res.lever_start[lid],
                    res.as_of_month,
                )
            )
        return (code, *out)

    def part(self, res: ResolvedScenario) -> dict[str, LeverPart]:
        """The levers' effect draws, attribution and changed units of ``res``, per indicator.

        ``total = E[:, cols] @ V`` (:meth:`vectors`); the attribution of lever ``ℓ`` is its
        mean effect ``mean(E[:, ℓ]) × V[ℓ]``. Each indicator's part is cached by the settings
        of the levers acting on it, so moving one lever recomputes only the indicators it
        reaches (the same :class:`LeverPart` object is returned for the same settings).
        """
        out: dict[str, LeverPart] = {}
        for code, plan in self.plans.items():
            key = self._setting(code, res)
            hit = self._parts.get(key)
            if hit is not None:
                self._parts.move_to_end(key)
                out[code] = hit
                continue
            cols, vec = self.vectors(code, res)
            total = None
            comp: dict[str, np.ndarray] = {}
            changed = np.zeros(len(plan.units), dtype=bool)
            if cols:
                e = self.effect[code][:, cols]
                total = read_only(rows_dot(e, vec))
                means = self.effect_mean[code][cols]
                for r, j in enumerate(cols):
                    if means[r] != 0 and vec[r].any():
                        comp[self.amount[j]] = read_only(means[r] * vec[r])
                changed |= np.any(vec != 0, axis=0)
            out[code] = self._parts[key] = LeverPart(total, comp, read_only(changed))
        while len(self._parts) > _PART_CACHE * max(len(self.plans), 1):
            self._parts.popitem(last=False)
        return out


__all__ = ["LeverEffects", "LeverPart"]
