"""Sensitivity of a package's gap to every assumption: a tornado table.

For each assumption the scenario engine is rebuilt with the assumption at the low and at the
high end of its range, everything else unchanged and **the same random numbers** (the engine's
named streams: fixing one lever's multiplier leaves every other draw as it was), and the
package re-evaluated. The tornado reports how far the gap to target (median full-year growth
− target growth [pp]) and the probability of meeting the target move.

Ranges (every one from ``levers.yaml`` or stated here as an assumption):

============================  ===========================================  ==========================
assumption                    low / high                                   source
============================  ===========================================  ==========================
lever effect per unit         the distribution's ``low`` / ``high``        levers.yaml
timing lever realisation      the distribution's ``low`` / ``high``        levers.yaml
bridge weight                 the distribution's ``low`` / ``high``        levers.yaml
industry elasticity           estimate ∓ 1.96 standard errors (≥ 0)        industry_sources.csv
project delays by status      mean and sd × 0.5 / × 1.5                    :data:`DELAY_FACTORS`
delay common factor           × 0.5 / × 1.5 (at most 0.95)                 :data:`DELAY_FACTORS`
baseline forecast error       the baseline at its own 10th / 90th pct      the forecast's draws
baseline forecast spread      deviations from the median × 0.5 / × 1.5    :data:`SPREAD_FACTORS`
============================  ===========================================  ==========================

Fixed numbers (a ``fixed`` distribution, e.g. the accounting identity iva → GDP) have no
range and no row. Where GDP moves through its industries (:mod:`sprintmodel.scenario.channels`)
the bridges into GDP are not used and have no row; each channel with a standard error whose
source indicator a lever, bridge or project moves has one (its 95% interval). The baseline level rows shift every draw of a unit by the same amount, so
the gap moves by exactly the baseline's own 10th−50th (90th−50th) percentile difference;
the spread rows leave the baseline's median unchanged, so they move the gap only a little
(through the package's effects, which differ from draw to draw) and mainly the probability.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from sprintmodel.forecast.draws import Draws
from sprintmodel.notes import Note
from sprintmodel.results import Results
from sprintmodel.scenario.channels import industry_sources, with_sources
from sprintmodel.scenario.distributions import Dist
from sprintmodel.scenario.engine import ScenarioEngine
from sprintmodel.scenario.levers import LeverSet
from sprintmodel.scenario.spec import ScenarioSpec
from sprintmodel.words.notes import note_text
from sprintmodel.words.optimize import package_name, pad, target_text, tornado_words

DELAY_FACTORS = (0.5, 1.5)
"""Range of project delay means (and standard deviations) and of the delay common factor, as
factors of the levers file's values. Assumption: no published distribution of Chinese project
delays was found (levers.yaml), so half to one and a half times the assumed value."""

SPREAD_FACTORS = (0.5, 1.5)
"""Range of the baseline forecast's spread around its median (factor on every draw's
deviation). Assumption: the forecast's intervals are calibrated in backtests to within about
this much (docs/forecast.md)."""

BASELINE_QUANTILES = (0.1, 0.9)
"""The baseline forecast error's range: the baseline landing at its own 10th or 90th
percentile (its 80% interval)."""

TORNADO_COLUMNS = [
    "unit",
    "indicator",
    "assumption",
    "kind",
    "low",
    "high",
    "gap_central_pp",
    "gap_low_pp",
    "gap_high_pp",
    "delta_low_pp",
    "delta_high_pp",
    "swing_pp",
    "p_central",
    "p_low",
    "p_high",
]
"""Columns of :meth:`Tornado.to_frame` and ``tornado.csv``."""


@dataclass(frozen=True)
class Variant:
    """One end of one assumption's range: the lever set and baseline to rebuild the engine with.

    Attributes
    ----------
    about
        The assumption as a note (``tornado.lever`` with ``lever`` and ``indicator``...;
        :attr:`assumption` is its English name).
    kind
        ``lever``, ``realisation``, ``bridge``, ``elasticity``, ``delay``, ``common_factor``,
        ``baseline`` or ``spread``.
    end
        ``low`` or ``high``.
    label
        The setting, e.g. ``3`` or ``× 0.5``.
    levers
        The lever set at this end (None: unchanged).
    shift_quantile, spread
        Baseline changes: move each unit's draws so that the median lands at this quantile, or
        scale deviations from the median by this factor (None: unchanged).
    sources
        The industry sources at this end (one elasticity fixed; None: unchanged).
    """

    about: Note
    kind: str
    end: str
    label: str
    levers: LeverSet | None = None
    shift_quantile: float | None = None
    spread: float | None = None
    sources: pd.DataFrame | None = None

    @property
    def assumption(self) -> str:
        """The assumption's English name (``lever consumption_vouchers → retail``), as
        ``tornado.csv`` has it."""
        return note_text(self.about, "en")


def _with_lever(levers: LeverSet, lid: str, **changes: Any) -> LeverSet:
    new = dict(levers.levers)
    new[lid] = dataclasses.replace(levers.levers[lid], **changes)
    return LeverSet(new, levers.bridges, levers.project_model, levers.source)


def variants(
    levers: LeverSet,
    statuses: Sequence[str] = (),
    sources: pd.DataFrame | None = None,
    through: str | None = None,
) -> Iterator[Variant]:
    """Every assumption's two ends (see the module docstring).

    Parameters
    ----------
    levers
        The lever set (effects, bridges, project model).
    statuses
        Project statuses present in the register (delay rows only for these).
    sources
        The industry sources whose elasticities carry effects into GDP (None: no channels).
    through
        The indicator built from industries (its bridges are not used), None without.
    """
    for lid, lv in levers.items():
        for i, e in enumerate(lv.effects):
            d = e.per_unit
            if d.kind == "fixed":
                continue
            name = Note.of("tornado.lever", lever=lid, indicator=e.indicator)
            for end, value in (("low", d.low), ("high", d.high)):
                effects = list(lv.effects)
                effects[i] = dataclasses.replace(e, per_unit=Dist.fixed(value, d.source))
                yield Variant(
                    name,
                    "lever",
                    end,
                    f"{value:g}",
                    _with_lever(levers, lid, effects=tuple(effects)),
                )
        rule = lv.project_rule
        if rule is not None and rule.realisation.kind != "fixed":
            d = rule.realisation
            for end, value in (("low", d.low), ("high", d.high)):
                new_rule = dataclasses.replace(rule, realisation=Dist.fixed(value, d.source))
                yield Variant(
                    Note.of("tornado.realisation", lever=lid),
                    "realisation",
                    end,
                    f"{value:g}",
                    _with_lever(levers, lid, project_rule=new_rule),
                )
    for j, b in enumerate(levers.bridges):
        d = b.weight
        if d.kind == "fixed" or b.target_indicator == through:
            continue
        for end, value in (("low", d.low), ("high", d.high)):
            bridges = list(levers.bridges)
            bridges[j] = dataclasses.replace(b, weight=Dist.fixed(value, d.source))
            yield Variant(
                Note.of("tornado.bridge", source=b.source_indicator, target=b.target_indicator),
                "bridge",
                end,
                f"{value:g}",
                LeverSet(levers.levers, tuple(bridges), levers.project_model, levers.source),
            )
    yield from _elasticity_variants(sources)
    model = levers.project_model
    for status in statuses:
        if status not in model.delay_mean:
            continue
        for end, f in zip(("low", "high"), DELAY_FACTORS, strict=True):
            mean = dict(model.delay_mean)
            sd = dict(model.delay_sd)
            mean[status] = mean[status] * f
            sd[status] = sd.get(status, 0.0) * f
            new_model = dataclasses.replace(model, delay_mean=mean, delay_sd=sd)
            yield Variant(
                Note.of("tornado.delay", status=status, mean=float(model.delay_mean[status])),
                "delay",
                end,
                f"× {f:g}",
                LeverSet(levers.levers, levers.bridges, new_model, levers.source),
            )
    if statuses:
        for end, f in zip(("low", "high"), DELAY_FACTORS, strict=True):
            cf = min(0.95, model.common_factor * f)
            new_model = dataclasses.replace(model, common_factor=cf)
            yield Variant(
                Note.of("tornado.common_factor", value=float(model.common_factor)),
                "common_factor",
                end,
                f"{cf:g}",
                LeverSet(levers.levers, levers.bridges, new_model, levers.source),
            )
    for end, q in zip(("low", "high"), BASELINE_QUANTILES, strict=True):
        yield Variant(
            Note.of("tornado.baseline"), "baseline", end, f"p{round(q * 100)}", shift_quantile=q
        )
    for end, f in zip(("low", "high"), SPREAD_FACTORS, strict=True):
        yield Variant(Note.of("tornado.spread"), "spread", end, f"× {f:g}", spread=f)


ELASTICITY_Z = 1.96
"""Half-width of an elasticity's range in standard errors (its 95% interval)."""


def _elasticity_variants(sources: pd.DataFrame | None) -> Iterator[Variant]:
    """Each channel's elasticity at the ends of its 95% interval (at least 0)."""
    if sources is None or "elasticity_se" not in sources:
        return
    for k, row in enumerate(sources.itertuples(index=False)):
        eps, se = float(row.elasticity), float(row.elasticity_se)
        if not (np.isfinite(eps) and np.isfinite(se) and se > 0):
            continue
        for end, value in (
            ("low", max(eps - ELASTICITY_Z * se, 0.0)),
            ("high", eps + ELASTICITY_Z * se),
        ):
            frame = sources.copy()
            frame.loc[frame.index[k], "elasticity"] = value
            frame.loc[frame.index[k], "elasticity_se"] = np.nan
            yield Variant(
                Note.of(
                    "tornado.elasticity",
                    component=str(row.component),
                    source=str(row.source_indicator),
                ),
                "elasticity",
                end,
                f"{value:.2g}",
                sources=frame,
            )


def changed_baseline(draws: Draws, variant: Variant) -> Draws:
    """The baseline draws moved to a quantile or with their spread scaled (per unit)."""
    if variant.shift_quantile is None and variant.spread is None:
        return draws
    out = {}
    for code, d in draws.items():
        med = np.median(d.fy, axis=0)
        if variant.shift_quantile is not None:
            fy = d.fy + (np.quantile(d.fy, variant.shift_quantile, axis=0) - med)
        else:
            fy = med + float(variant.spread) * (d.fy - med)  # type: ignore[arg-type]
        out[code] = d.with_fy(fy)
    return Draws(draws.as_of, out, draws.seed)


def subsample(draws: Draws, n: int) -> Draws:
    """The first ``n`` draws of every indicator (a smaller sample of the same distribution)."""
    return Draws(draws.as_of, {c: d.with_fy(d.fy[:n]) for c, d in draws.items()}, draws.seed)


@dataclass(frozen=True, eq=False)
class Tornado(Results):
    """How much each assumption moves a scenario's gap to target (and its odds).

    Attributes
    ----------
    spec
        The scenario (usually the recommended package).
    rows
        One record per assumption × target (columns :data:`TORNADO_COLUMNS`; ``assumption``
        a :class:`~sprintmodel.notes.Note`, named in words by :meth:`to_frame`).
    n_draws, seed
        Draws and seed of the engines evaluated (common random numbers across ends).
    """

    spec: ScenarioSpec
    rows: tuple[dict[str, Any], ...]
    n_draws: int
    seed: int

    def to_frame(self, lang: str = "en", names: Mapping[str, str] | None = None) -> pd.DataFrame:
        """The tornado table, largest swing first within each target (:data:`TORNADO_COLUMNS`).

        ``assumption`` the assumption's name in ``lang`` (English by default, as
        ``tornado.csv`` has it; ``names`` shows codes by their names,
        :func:`sprintmodel.words.notes.note_text`); ``gap_*_pp`` median full-year growth −
        target growth [pp] (negative: short of target); ``delta_*_pp`` change from the central
        gap [pp]; ``swing_pp`` ``|gap_high − gap_low|`` [pp]; ``p_*`` probability of meeting
        the target [0-1].
        """
        frame = pd.DataFrame(list(self.rows), columns=TORNADO_COLUMNS)
        if frame.empty:
            return frame
        frame["assumption"] = [note_text(n, lang, names) for n in frame.assumption]
        order = {
            k: i for i, k in enumerate(dict.fromkeys(zip(frame.unit, frame.indicator, strict=True)))
        }
        frame["_t"] = [order[k] for k in zip(frame.unit, frame.indicator, strict=True)]
        frame["_p"] = (frame.p_high - frame.p_low).abs()
        frame = frame.sort_values(["_t", "swing_pp", "_p"], ascending=[True, False, False])
        return frame.drop(columns=["_t", "_p"]).reset_index(drop=True)

    def summary(
        self, top: int = 12, lang: str = "en", names: Mapping[str, str] | None = None
    ) -> str:
        """Plain-text tornado of each target: the ``top`` largest swings (assumptions that move
        neither the gap nor the probability by 0.005 are left out; :meth:`to_frame` has all),
        in ``lang`` (``names``: display names of codes, see :meth:`to_frame`)."""
        frame = self.to_frame(lang, names)
        tx = tornado_words(lang)
        name = package_name(self.spec.name, lang)
        lines = [tx["head"].format(name=name, n=self.n_draws, seed=self.seed)]
        for (unit, ind), part in frame.groupby(["unit", "indicator"], sort=False):
            c = part.iloc[0]
            lines.append(
                tx["target"].format(
                    target=target_text(unit, ind, lang, names), gap=c.gap_central_pp, p=c.p_central
                )
            )
            width = max(part.swing_pp.max(), 1e-9)
            moving = part[(part.swing_pp >= 0.005) | ((part.p_high - part.p_low).abs() >= 0.005)]
            for r in moving.head(top).itertuples():
                bar = "#" * max(0, round(20 * r.swing_pp / width))
                lines.append(
                    f"  {pad(str(r.assumption), 52)} {r.low:>7} → {r.delta_low_pp:+6.2f}  "
                    f"{r.high:>7} → {r.delta_high_pp:+6.2f}{tx['pp']}  "
                    f"P {r.p_low:.0%}–{r.p_high:.0%}  {bar}"
                )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"


def tornado(
    engine: ScenarioEngine,
    spec: ScenarioSpec,
    targets: Sequence[tuple[str, str]] | None = None,
) -> Tornado:
    """Tornado of ``spec``'s gap over every assumption (see the module docstring).

    Parameters
    ----------
    engine
        Engine whose baseline, levers, draws and seed are the central case. Each variant builds
        a new engine from its baseline draws (no new forecast): about 0.1 s each at 2,000 draws.
    spec
        The scenario (evaluated with the engine's draws and seed).
    targets
        ``(unit, indicator)`` pairs (default: the city's GDP, or every indicator the scenario
        changes at the city).

    Returns
    -------
    Tornado

    Notes
    -----
    For each end the gap is ``median_s g_s − target`` with ``g_s`` the scenario's full-year
    growth in draw ``s`` [%]; ``delta = gap_end − gap_central`` [pp].
    """
    spec = spec.replace(draws=engine.n_draws, seed=engine.seed)
    root = engine.dataset.root
    if targets is None:
        targets = [(root, "gdp")] if "gdp" in engine.plans else [(root, next(iter(engine.plans)))]
    cols = []
    for unit, ind in targets:
        plan = engine.plans[ind]
        j = plan.units.index(unit)
        cols.append((unit, ind, j, float(plan.target_growth[j]), float(plan.target_level[j])))

    def stats(eng: ScenarioEngine) -> list[tuple[float, float]]:
        res = eng.evaluate(spec)
        out = []
        for _unit, ind, j, tg, tl in cols:
            d = eng.plans[ind].draws
            fy = res.fy[ind][:, j]
            g = 100.0 * (fy / d.base_full[j] - 1.0)
            out.append((float(np.median(g) - tg), float(np.mean(d.indicator.meets(fy, tl)))))
        return out

    central = stats(engine)
    statuses = sorted(set(engine.register.statuses)) if len(engine.register) else []
    ends: dict[tuple[Note, str], dict[str, Any]] = {}
    ch = engine.channels
    sources = industry_sources(engine.dataset) if ch is not None else None
    if sources is not None:
        # Only channels something can move: sources of lever effects, bridges and projects.
        lv_ = engine.levers
        moved = {e.indicator for v in lv_.values() for e in v.effects}
        moved |= {b.target_indicator for b in lv_.bridges}
        moved |= set(lv_.project_model.indicators.values())
        sources = sources[sources.source_indicator.isin(moved)]
    for v in variants(engine.levers, statuses, sources, ch.indicator if ch else None):
        base = changed_baseline(engine.baseline, v)
        lv = v.levers if v.levers is not None else engine.levers
        ds = engine.dataset if v.sources is None else with_sources(engine.dataset, v.sources)
        eng = ScenarioEngine(ds, base, lv, seed=engine.seed, method=engine.method)
        ends.setdefault((v.about, v.kind), {})[v.end] = (v.label, stats(eng))
    rows = []
    for (name, kind), e in ends.items():
        lo_label, lo = e["low"]
        hi_label, hi = e["high"]
        for i, (unit, ind, *_rest) in enumerate(cols):
            g0, p0 = central[i]
            rows.append(
                {
                    "unit": unit,
                    "indicator": ind,
                    "assumption": name,
                    "kind": kind,
                    "low": lo_label,
                    "high": hi_label,
                    "gap_central_pp": g0,
                    "gap_low_pp": lo[i][0],
                    "gap_high_pp": hi[i][0],
                    "delta_low_pp": lo[i][0] - g0,
                    "delta_high_pp": hi[i][0] - g0,
                    "swing_pp": abs(hi[i][0] - lo[i][0]),
                    "p_central": p0,
                    "p_low": lo[i][1],
                    "p_high": hi[i][1],
                }
            )
    return Tornado(spec=spec, rows=tuple(rows), n_draws=engine.n_draws, seed=engine.seed)


__all__ = [
    "BASELINE_QUANTILES",
    "DELAY_FACTORS",
    "ELASTICITY_Z",
    "SPREAD_FACTORS",
    "TORNADO_COLUMNS",
    "Tornado",
    "Variant",
    "changed_baseline",
    "subsample",
    "tornado",
    "variants",
]
