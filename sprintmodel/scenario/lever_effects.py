"""Policy levers' effects in the engine: effect draws, bridges, allocation and unit vectors.

:class:`LeverEffects` is built once per engine. For each ``amount`` lever and indicator it
draws the **effect per unit of intensity** (draws,) in current prices, bridges (spillovers
between indicators) included; it keeps where intensity given to each unit lands
(:func:`~sprintmodel.scenario.plan.push_down`) and the realisation draws of the
``project_timing`` levers. :meth:`LeverEffects.vectors` turns a scenario's intensities,
start months and responses into the unit vectors ``V`` of ``E @ V`` (terms × units), and
:meth:`LeverEffects.part` evaluates that product with its attribution, cached by the
scenario's lever settings (moving a project's date does not recompute the levers).

A **term** is a column of ``E`` with its carry matrix (:class:`Terms`): one per lever, except
for GDP through its industries (:mod:`~sprintmodel.scenario.channels`), where each lever ×
channel (industry ← source indicator it moves) is a term, carried by the channel's per-unit
coefficient; the bridges into GDP of ``levers.yaml`` are then not used.

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
from sprintmodel.notes import Note
from sprintmodel.scenario.channels import IndustryChannels
from sprintmodel.scenario.levers import LeverSet
from sprintmodel.scenario.plan import (
    IndicatorPlan,
    landing_index,
    push_down,
    read_only,
    rows_dot,
    stream,
)
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
    industries
        Through the industries (GDP with channels): the mean change of each industry's value
        added, (industries + 1) × units, volumes at last year's prices [亿元]; the last row is
        the change no industry carries (a lever's own effect on GDP). None otherwise.
    """

    total: np.ndarray | None
    components: dict[str, np.ndarray]
    changed: np.ndarray
    industries: np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class Terms:
    """The columns ``E`` and carry matrices of one indicator's ``E @ V`` (built once).

    Attributes
    ----------
    lever
        Term → index of its amount lever (terms,).
    effect
        Effect draws per unit of intensity (draws × terms), current prices: the lever's effect
        on the indicator (bridges included), or through the industries its effect on a source
        indicator × a channel's elasticity draws.
    mean
        Their means (terms,).
    carry
        Term → carry matrix (hierarchy × units): the plan's, or scaled by the channel's
        coefficient at each landing unit.
    industry
        Term → industry index of the channels, -1 where the term carries no industry.
    """

    lever: np.ndarray
    effect: np.ndarray
    mean: np.ndarray
    carry: tuple[np.ndarray, ...]
    industry: np.ndarray


def industry_sums(
    industry: np.ndarray, values: np.ndarray, channels: IndustryChannels
) -> np.ndarray:
    """Rows of ``values`` (terms × units) added by industry: (industries + 1) × units.

    Terms without industry (``-1``) go to the last row.
    """
    n_ind = len(channels.industries)
    out = np.zeros((n_ind + 1, values.shape[1]))
    np.add.at(out, np.where(industry >= 0, industry, n_ind), values)
    return out


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
    channels
        GDP's channels through the industries (:mod:`~sprintmodel.scenario.channels`), or None
        (the bridges of ``levers.yaml`` carry effects into GDP).
    """

    def __init__(
        self,
        dataset: DataSet,
        plans: Mapping[str, IndicatorPlan],
        levers: LeverSet,
        seed: int,
        n_draws: int,
        notes: list[Note],
        channels: IndustryChannels | None = None,
    ) -> None:
        self.levers = levers
        self.plans = plans
        self.dataset = dataset
        self.hierarchy = list(dataset.hierarchy)
        self.hpos = {u: i for i, u in enumerate(self.hierarchy)}
        self.channels = channels
        n = n_draws
        # Through the industries, the bridges into GDP give way to the channels.
        self.bridges = tuple(
            b
            for b in levers.bridges
            if channels is None or b.target_indicator != channels.indicator
        )
        self.bridge_draws = {
            b.name: b.weight.sample(stream(seed, "bridge", b.name), n) for b in levers.bridges
        }
        self.amount: tuple[str, ...] = tuple(k for k, v in levers.items() if v.kind == "amount")
        self.timing: tuple[str, ...] = tuple(
            k for k, v in levers.items() if v.kind == "project_timing"
        )
        self.direct: dict[str, list[np.ndarray]] = {}
        totals: list[dict[str, np.ndarray]] = []
        for lid in self.amount:
            lv = levers[lid]
            direct: dict[str, np.ndarray] = {}
            self.direct[lid] = []
            for k, e in enumerate(lv.effects):
                m = e.per_unit.sample(stream(seed, "lever", lid, k), n)
                self.direct[lid].append(m)
                direct[e.indicator] = direct.get(e.indicator, 0.0) + m
            totals.append(self.apply_bridges(direct) if lv.spillovers else direct)
            missing = [e.indicator for e in lv.effects if e.indicator not in plans]
            if missing:
                notes.append(Note.of("scenario.lever_no_draws", lever=lid, indicators=missing))
        self.terms: dict[str, Terms] = {
            code: self._terms(code, plan, totals) for code, plan in plans.items()
        }
        self.effect = {c: t.effect for c, t in self.terms.items()}
        self.effect_mean = {c: t.mean for c, t in self.terms.items()}
        self.acts = {
            c: np.array(
                [bool(np.any(t.effect[:, t.lever == j] != 0)) for j in range(len(self.amount))],
                dtype=bool,
            )
            for c, t in self.terms.items()
        }
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
                    Note.of("scenario.lever_enterprise_missing", lever=lid, enterprise=firm)
                )
        self.realisation = {
            lid: levers[lid].project_rule.realisation.sample(  # type: ignore[union-attr]
                stream(seed, "realisation", lid), n
            )
            for lid in self.timing
        }
        self._rows: dict[tuple[Any, ...], np.ndarray] = {}
        self._parts: OrderedDict[tuple[Any, ...], LeverPart] = OrderedDict()

    def _terms(self, code: str, plan: IndicatorPlan, totals: list[dict[str, np.ndarray]]) -> Terms:
        """The terms of indicator ``code``: one per lever, or per lever × channel for GDP.

        Without channels (or for another indicator) term ``ℓ`` is lever ``ℓ``'s effect on
        ``code`` (bridges included) carried by the plan's carry matrix. Through the industries,
        a lever's effect on each source indicator ``s`` times the elasticity draws of each
        channel ``k`` fed by ``s`` is a term carried by the channel's coefficient
        (:meth:`IndustryChannels.carry`); a lever's own effect on GDP stays a term without
        industry.
        """
        n = len(self.amount)
        ch = self.channels
        if ch is None or code != ch.indicator:
            eff = np.zeros((plan.draws.n_draws, n))
            for j, total in enumerate(totals):
                if code in total:
                    eff[:, j] = total[code]
            return Terms(
                np.arange(n, dtype=np.intp),
                eff,
                eff.mean(axis=0),
                tuple(plan.carry for _ in range(n)),
                np.full(n, -1, dtype=np.intp),
            )
        landing = np.array(
            [landing_index(self.dataset, plan.draws, u) for u in self.hierarchy], dtype=np.intp
        )
        carries = [ch.carry(k, plan.carry, plan.price, landing) for k in range(ch.n_channels)]
        lever: list[int] = []
        cols: list[np.ndarray] = []
        carry: list[np.ndarray] = []
        industry: list[int] = []
        for j, total in enumerate(totals):
            if code in total:
                lever.append(j)
                cols.append(np.asarray(total[code], dtype=np.float64))
                carry.append(plan.carry)
                industry.append(-1)
            if not self.levers[self.amount[j]].spillovers:
                continue
            for k, src in enumerate(ch.sources):
                if src in total and ch.coef[:, k].any() and ch.elasticity[:, k].any():
                    lever.append(j)
                    cols.append(total[src] * ch.elasticity[:, k])
                    carry.append(carries[k])
                    industry.append(int(ch.industry_of[k]))
        eff = np.stack(cols, axis=1) if cols else np.zeros((plan.draws.n_draws, 0))
        return Terms(
            np.array(lever, dtype=np.intp),
            eff,
            eff.mean(axis=0),
            tuple(carry),
            np.array(industry, dtype=np.intp),
        )

    def apply_bridges(self, effects: Mapping[str, Any]) -> dict[str, Any]:
        """Add spillovers along the bridges, in order (arrays broadcast over trailing axes)."""
        out = dict(effects)
        for b in self.bridges:
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

    def _row(self, code: str, t: int, res: ResolvedScenario) -> np.ndarray:
        """``scale × (x @ carry)`` of one term on one indicator (cached by its setting)."""
        terms = self.terms[code]
        lid = self.amount[int(terms.lever[t])]
        units = res.lever_units[lid]
        total = res.lever_total[lid]
        start = res.lever_start[lid]
        origin = self._data_month(code, res.as_of_month)
        key = (code, t, None if units is None else tuple(units.items()), total, start, origin)
        row = self._rows.get(key)
        if row is None:
            lv = self.levers[lid]
            x = self.intensity_vector(lid, units, total)
            scale = lv.timing.share(start, origin) * lv.response_factor(total)
            row = read_only(scale * (x @ terms.carry[t]))
            if len(self._rows) > 64 * max(len(self.plans), 1):
                self._rows.clear()
            self._rows[key] = row
        return row

    def vectors(self, code: str, res: ResolvedScenario) -> tuple[list[int], np.ndarray]:
        """Columns of :attr:`effect` (terms) and the unit vectors (terms × units) of ``res``.

        Row ``r`` is what one unit of the term's effect draw adds to each unit of indicator
        ``code`` (draws' basis) given the scenario's intensities, start and response. Without
        channels a term is a lever.
        """
        terms = self.terms[code]
        cols: list[int] = []
        rows: list[np.ndarray] = []
        for lid in res.lever_units:
            if self.levers[lid].kind != "amount":
                continue
            j = self.amount.index(lid)
            if res.lever_total[lid] <= 0 or not self.acts[code][j]:
                continue
            for t in np.flatnonzero(terms.lever == j):
                cols.append(int(t))
                rows.append(self._row(code, int(t), res))
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
            terms = self.terms[code]
            total = None
            comp: dict[str, np.ndarray] = {}
            industries = None
            changed = np.zeros(len(plan.units), dtype=bool)
            if cols:
                total = read_only(rows_dot(terms.effect[:, cols], vec))
                means = terms.mean[cols]
                for r, t in enumerate(cols):
                    if means[r] != 0 and vec[r].any():
                        lid = self.amount[int(terms.lever[t])]
                        add = means[r] * vec[r]
                        comp[lid] = add if lid not in comp else comp[lid] + add
                comp = {lid: read_only(v) for lid, v in comp.items()}
                changed |= np.any(vec != 0, axis=0)
                if self.channels is not None and code == self.channels.indicator:
                    industries = read_only(
                        industry_sums(terms.industry[cols], means[:, None] * vec, self.channels)
                    )
            out[code] = self._parts[key] = LeverPart(total, comp, read_only(changed), industries)
        while len(self._parts) > _PART_CACHE * max(len(self.plans), 1):
            self._parts.popitem(last=False)
        return out


__all__ = ["LeverEffects", "LeverPart", "Terms", "industry_sums"]
