"""Scenario results: full-year values and growth, targets, attribution, cost, comparison.

A :class:`ScenarioResult` keeps the scenario's full-year draws of every unit × indicator, so
any statistic can be taken later; its printed form is the summary. Statistics are computed on
first use and cached.

Glossary of the columns (see ``docs/scenarios.md``):

- ``fy_growth`` the headline full-year growth [%] (:func:`sprintmodel.figures.headline_growth`:
  the forecast's point plus the scenario's change of the mean, ``delta_pp``), the figure every
  output publishes; ``fy_value`` its level at current prices [measure];
- ``fy_value_pXX`` full-year value at current prices [measure] (volumes of real indicators are
  valued at the year to date's prices);
- ``fy_growth_pXX`` full-year growth [%] (real for real indicators), 10th/50th/90th percentile;
- ``gap_pp`` headline full-year growth minus the target growth [pp]: negative means short of
  target (the sign convention of every sprintmodel table); ``gap_level`` the same in level
  [measure];
- ``p_meet_target`` share of draws at or above the target [0-1];
- ``q4_growth_required`` growth the rest of the year must deliver on the same span last year
  to meet the target [%]; ``q4_growth_p50`` the growth the scenario's median implies;
- ``delta_pp`` change of the mean full-year growth from the baseline [pp], the sum of the
  attribution;
- ``fy_completion_pct`` for a completion-type indicator (城镇新增就业) the headline full year
  ``fy_value`` as a share of the target amount [%] (:func:`sprintmodel.figures.completion_pct`,
  the ``forecast`` command's figure of the same name), NaN for the others.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from sprintmodel.data.model import sort_in_data_order
from sprintmodel.figures import HEADLINE_COLUMNS, completion_pct, headline_growth
from sprintmodel.forecast.draws import Draws
from sprintmodel.notes import Note
from sprintmodel.results import Results, write_csv
from sprintmodel.scenario.channels import UNASSIGNED
from sprintmodel.scenario.spec import ScenarioSpec
from sprintmodel.scenario.stats import QUANTILES, IndicatorStats, indicator_stats
from sprintmodel.words.notes import code_names, note_text

if TYPE_CHECKING:
    from sprintmodel.data.model import DataSet
    from sprintmodel.scenario.engine import ScenarioEngine

SUMMARY_COLUMNS = [
    "unit",
    "indicator",
    "period",
    "fy_value",
    "fy_value_p10",
    "fy_value_p50",
    "fy_value_p90",
    "fy_growth",
    "fy_growth_p10",
    "fy_growth_p50",
    "fy_growth_p90",
    "fy_growth_mean",
    "baseline_growth_p50",
    "delta_pp",
    "target_growth",
    "target_value",
    "gap_pp",
    "gap_level",
    "p_meet_target",
    "q4_growth_required",
    "q4_growth_p50",
    "fy_completion_pct",
]
"""Columns of :meth:`ScenarioResult.summary_frame` (and, with names, of ``summary.csv``)."""

INDUSTRY_COLUMNS = [
    "unit",
    "unit_name",
    "industry",
    "industry_name",
    "share_pct",
    "baseline_growth",
    "scenario_growth",
    "delta_pp",
    "delta_value",
    "contribution_pp",
]
"""Columns of :meth:`ScenarioResult.industries_frame` (``industries.csv``, after ``scenario``)."""


@dataclass(frozen=True, eq=False)
class ScenarioResult(Results):
    """The outcome of one scenario (keeps the draws).

    Attributes
    ----------
    spec
        The scenario evaluated.
    engine
        The engine (baseline, levers, projects) it was evaluated with.
    fy
        Full-year draws per indicator (draws × units), on the baseline's basis (volumes at last
        year's prices for real indicators).
    components
        Attribution: per indicator, per component (lever id or ``project_timing``), the mean
        change of each unit's full-year level (units,).
    costs
        One record per lever set: intensity, cost [亿元] and its kind.
    notes
        What the user may want to know (skipped or clipped shifts, missing indicators), as
        :class:`~sprintmodel.notes.Note` codes and parameters; :meth:`note_texts` says them
        in Chinese or English.
    changed
        Per indicator: the units whose draws differ from the baseline's (units,) bool.
    memo
        Per indicator: where the engine keeps the statistics of these very draws, shared by
        every result with the same draws (filled by :meth:`indicator_stats`).
    industries
        Through GDP's industries: the mean change of each industry's value added,
        (industries + 1) × GDP units, volumes at last year's prices [亿元] (the last row: what
        no industry carries); None where GDP moves through fixed factors
        (:meth:`industries_frame`).
    entrant_base
        Per indicator that counted entrants move (升规入统, 限上入库): their last-year figure
        that joined each unit's base in each draw (draws × units, the draws' basis). ``fy``
        is then on the comparable base (``(F + e) B/(B + b)``, so growth is exact) and the
        published level is ``fy × (B + b)/B`` (:mod:`sprintmodel.scenario.entrants`).
    """

    spec: ScenarioSpec
    engine: ScenarioEngine
    fy: dict[str, np.ndarray]
    components: dict[str, dict[str, np.ndarray]]
    costs: tuple[dict[str, Any], ...] = ()
    notes: tuple[Note, ...] = field(default=())
    changed: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    memo: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    industries: np.ndarray | None = field(default=None, repr=False)
    entrant_base: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    _stats_cache: dict[str, IndicatorStats] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    # ------------------------------------------------------------------ statistics
    @cached_property
    def stats(self) -> dict[str, IndicatorStats]:
        """Quantiles, means and P(meet target) of every indicator (cached).

        Units the scenario does not change keep the baseline's statistics (computed once per
        engine), so moving one slider only re-sorts the draws it moved.
        """
        return {code: self.indicator_stats(code) for code in self.fy}

    def indicator_stats(self, code: str) -> IndicatorStats:
        """The statistics of one indicator (cached; :attr:`stats` holds every indicator's)."""
        hit = self._stats_cache.get(code)
        if hit is not None:
            return hit
        slot = self.memo.get(code)
        if slot is not None and "stats" in slot:
            self._stats_cache[code] = slot["stats"]
            return slot["stats"]
        fy = self.fy[code]
        base = self.engine.baseline_stats
        plan = self.engine.plans[code]
        mask = self.changed.get(code)
        if mask is None:
            mask = np.ones(fy.shape[1], dtype=bool)
        if fy is plan.draws.fy or not mask.any():
            out = base[code]
        else:
            delta = sum(self.components.get(code, {}).values(), np.zeros(fy.shape[1]))
            mean = base[code].mean + delta
            if mask.all():
                out = indicator_stats(plan, fy, mean=mean)
            else:
                part = indicator_stats(plan, fy, plan.target_level[mask], mean[mask], columns=mask)
                b = base[code]
                q, p_meet = b.q.copy(), b.p_meet.copy()
                q[:, mask], p_meet[mask] = part.q, part.p_meet
                out = IndicatorStats(q=q, mean=mean, p_meet=p_meet)
        self._stats_cache[code] = out
        if slot is not None:
            slot["stats"] = out
        return out

    @cached_property
    def cost(self) -> float:
        """Total cost of the levers [亿元], all kinds together (see :meth:`cost_table`)."""
        return float(sum(r["cost"] for r in self.costs))

    def cost_by_kind(self) -> dict[str, float]:
        """Cost of the levers by money kind [亿元] (``budget`` 财政资金, ``debt_quota`` 债务额度,
        ``credit`` 信贷资金, ...), in the order first met; kinds are never added together."""
        out: dict[str, float] = {}
        for r in self.costs:
            kind = str(r["cost_kind"] or "budget")
            out[kind] = out.get(kind, 0.0) + float(r["cost"])
        return out

    def cost_table(self) -> pd.DataFrame:
        """Cost of each lever: intensity, cost [亿元] and kind (budget, debt quota, ...)."""
        cols = [
            "lever",
            "name_zh",
            "name_en",
            "intensity",
            "intensity_unit",
            "projects",
            "cost",
            "cost_kind",
        ]
        return pd.DataFrame(list(self.costs), columns=cols)

    def draws(self, indicator: str) -> np.ndarray:
        """Full-year draws (draws × units) of ``indicator``."""
        return self.fy[indicator]

    def published_levels(self, indicator: str) -> np.ndarray:
        """Full-year levels as published (draws × units, the draws' basis): :attr:`fy`, except
        where entrants joined the base, ``fy (B + b)/B`` (their level included). These add up
        the hierarchy in every draw; the comparable-base draws of :attr:`fy` do not where
        entrants joined (each unit's base grows by its own share)."""
        fy = self.fy[indicator]
        b = self.entrant_base.get(indicator)
        if b is None:
            return fy
        base = self.engine.plans[indicator].draws.base_full
        with np.errstate(invalid="ignore", divide="ignore"):
            scale = np.where(base > 0, (base + b) / base, 1.0)
        return fy * scale

    def to_draws(self) -> Draws:
        """The scenario's draws as a :class:`~sprintmodel.forecast.draws.Draws`."""
        base = self.engine.baseline
        return Draws(
            base.as_of,
            {code: base[code].with_fy(fy) for code, fy in self.fy.items()},
            base.seed,
        )

    def _columns(self, code: str) -> dict[str, Any]:
        """The summary's columns (arrays over the units) of indicator ``code``."""
        st = self.indicator_stats(code)
        plan = self.engine.plans[code]
        d = plan.draws
        known = d.level_known
        price = plan.price
        with np.errstate(invalid="ignore", divide="ignore"):
            growth = 100.0 * (st.q / d.base_full - 1.0)
            mean_g = 100.0 * (st.mean / d.base_full - 1.0)
            value = np.where(known, st.q * price, np.nan)
            target_cur = np.where(known, plan.target_level * price, np.nan)
            base_rest = d.base_full - d.base_ytd
            # A rate or share has no rest of the year: its full year is the year-end level.
            rest_ok = (base_rest > 0) & d.indicator.additive
            req = np.where(
                rest_ok, 100.0 * ((plan.target_level - d.ytd_level) / base_rest - 1.0), np.nan
            )
            q4 = np.where(rest_ok, 100.0 * ((st.q[1] - d.ytd_level) / base_rest - 1.0), np.nan)
            delta = sum(self.components.get(code, {}).values(), np.zeros(len(d.units)))
            delta_pp = 100.0 * delta / d.base_full
            headline = headline_growth(d) + delta_pp  # sprintmodel.figures: point + Δmean
            extra, scale, cols, q_pub = self._published(code)
            value[:, cols] = q_pub * price[cols]
            target_cur = target_cur * scale
            headline_value = np.where(known, (d.point_level + delta + extra) * price, np.nan)
        base_q = self.engine.baseline_stats[code].q
        with np.errstate(invalid="ignore", divide="ignore"):
            base_g = 100.0 * (base_q[1] / d.base_full - 1.0)
        return {
            "unit": d.units,
            "indicator": code,
            "period": [str(p) for p in d.periods],
            "fy_value": headline_value,
            "fy_value_p10": value[0],
            "fy_value_p50": value[1],
            "fy_value_p90": value[2],
            "fy_growth": headline,
            "fy_growth_p10": growth[0],
            "fy_growth_p50": growth[1],
            "fy_growth_p90": growth[2],
            "fy_growth_mean": mean_g,
            "baseline_growth_p50": base_g,
            "delta_pp": delta_pp,
            "target_growth": plan.target_growth,
            "target_value": target_cur,
            "gap_pp": headline - plan.target_growth,
            "gap_level": headline_value - target_cur,
            "p_meet_target": st.p_meet,
            "q4_growth_required": req,
            "q4_growth_p50": q4,
            "fy_completion_pct": completion_pct(headline_value, target_cur)
            if d.indicator.completion
            else np.full(len(d.units), np.nan),
        }

    def _published(self, code: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Where entrants joined the base: per unit the mean published level above the draws,
        ``(B + mean b)/B`` for a growth target's level (1 for a level target), the columns
        concerned and the published level's quantiles there (draws' basis)."""
        d = self.engine.plans[code].draws
        n = len(d.units)
        b = self.entrant_base.get(code)
        if b is None:
            return np.zeros(n), np.ones(n), np.zeros(0, dtype=np.intp), np.zeros((3, 0))
        cols = np.flatnonzero(np.any(b != 0, axis=0))
        fy = self.fy[code][:, cols]
        base = d.base_full[cols]
        published = self.published_levels(code)[:, cols]
        extra, scale = np.zeros(n), np.ones(n)
        extra[cols] = (published - fy).mean(axis=0)
        ds, year = self.engine.dataset, self.engine.as_of.year
        growth_target = np.array([np.isfinite(ds.target(d.units[c], code, year)[0]) for c in cols])
        scale[cols] = np.where(growth_target, (base + b[:, cols].mean(axis=0)) / base, 1.0)
        return extra, scale, cols, np.quantile(published, QUANTILES, axis=0)

    @cached_property
    def _summary(self) -> pd.DataFrame:
        frames = [pd.DataFrame(self._columns(code)) for code in self.fy]
        frame = (
            pd.concat(frames, ignore_index=True)
            if frames
            else pd.DataFrame(columns=SUMMARY_COLUMNS)
        )
        ds = self.engine.dataset
        frame = sort_in_data_order(frame, ds.hierarchy, ds.indicators, ("unit", "indicator"))
        return frame[SUMMARY_COLUMNS]

    def summary_row(self, unit: str, indicator: str) -> dict[str, Any]:
        """One row of :meth:`summary_frame` (the same numbers), computed for that indicator alone.

        For a view showing one unit × indicator (a slider's callback): only that indicator's
        statistics are taken, and no DataFrame is built.

        Raises
        ------
        KeyError
            When the scenario has no such unit × indicator.
        """
        if indicator not in self.fy:
            raise KeyError(f"no result for unit {unit!r}, indicator {indicator!r}")
        units = self.engine.plans[indicator].units
        if unit not in units:
            raise KeyError(f"no result for unit {unit!r}, indicator {indicator!r}")
        i = units.index(unit)
        cols = self._columns(indicator)
        row: dict[str, Any] = {}
        for name in SUMMARY_COLUMNS:
            v = cols[name]
            row[name] = (
                v if isinstance(v, str) else (v[i] if isinstance(v, list | tuple) else float(v[i]))
            )
        return row

    def headline(self, unit: str, indicator: str) -> dict[str, float]:
        """The published figures of one unit × indicator under this scenario (one figure everywhere).

        The full-year growth is the ``forecast`` command's point forecast moved by the
        scenario's change of the mean, ``fy_growth = point + delta_pp`` [%], so that a
        dashboard, ``sprintmodel forecast`` and the waterfall agree; the probability is the
        share of the scenario's draws meeting the target.

        Returns ``fy_growth`` [%], ``target_growth`` [%], ``gap_pp`` [pp] (``fy_growth`` minus
        target, NaN without target), ``p_meet_target`` [0-1], ``delta_pp`` [pp] and
        ``offset_pp`` [pp] (point minus the baseline's mean, which rebases a waterfall drawn
        from means).
        """
        r = self.summary_row(unit, indicator)
        d = self.engine.plans[indicator].draws
        i = d.index(unit)
        base = float(d.base_full[i])
        point = float(headline_growth(d)[i])
        base_mean = 100.0 * (float(np.mean(d.fy[:, i])) / base - 1.0)
        return {
            "fy_growth": float(r["fy_growth"]),
            "target_growth": float(r["target_growth"]),
            "gap_pp": float(r["gap_pp"]),
            "p_meet_target": float(r["p_meet_target"]),
            "delta_pp": float(r["delta_pp"]),
            "offset_pp": point - base_mean,
        }

    def headlines(self) -> pd.DataFrame:
        """The published figures of every unit × indicator (:data:`sprintmodel.figures.
        HEADLINE_COLUMNS`, unrounded): the same columns as ``ForecastResult.headlines``, and
        for the baseline scenario the same numbers."""
        f = self._summary
        return f.rename(
            columns={"fy_growth_p10": "fy_growth_lo80", "fy_growth_p90": "fy_growth_hi80"}
        )[HEADLINE_COLUMNS].reset_index(drop=True)

    def summary_frame(self) -> pd.DataFrame:
        """One row per unit × indicator with :data:`SUMMARY_COLUMNS` (see the module doc)."""
        return self._summary.copy()

    def summary(self) -> str:
        """Plain text: the scenario, its levers and cost, and the headline rows (``repr``)."""
        head = (
            f"ScenarioResult '{self.spec.name}' as of {self.spec.as_of}: "
            f"{self.engine.n_draws} draws, seed {self.engine.seed}, "
            f"levers {dict(self.spec.lever_intensities()) or 'none'}, "
            f"{len(self.spec.projects)} project shift(s), cost {self.cost:.2f} 亿元"
        )
        table = self._headline().to_string(index=False, float_format=lambda x: f"{x:.2f}")
        notes = "".join(f"\nnote: {n}" for n in self.note_texts("en"))
        return f"{head}\n{table}{self._industries_line()}{notes}"

    @property
    def all_notes(self) -> tuple[Note, ...]:
        """The result's notes, then the engine's (each once)."""
        return tuple(dict.fromkeys([*self.notes, *self.engine.notes]))

    def names(self, lang: str = "zh") -> dict[str, str]:
        """Display names of the codes the notes carry (:func:`note_names`)."""
        return note_names(self.engine.dataset, self.engine.levers, lang)

    def note_texts(self, lang: str = "en", *, engine: bool = False) -> list[str]:
        """The notes in ``lang`` (:func:`sprintmodel.words.notes.note_text`); with ``engine``,
        :attr:`all_notes`."""
        names = self.names(lang)
        return [note_text(n, lang, names) for n in (self.all_notes if engine else self.notes)]

    def _industries_line(self) -> str:
        """The root's GDP change by industry in one line (empty without industries)."""
        frame = self.industries_frame()
        root = self.engine.dataset.root
        rows = frame[(frame.unit == root) & (frame.contribution_pp.abs() >= 0.005)]
        if rows.empty:
            return ""
        rows = rows.sort_values("contribution_pp", ascending=False)
        parts = ", ".join(
            f"{r.industry} {r.contribution_pp:+.2f}" for r in rows.itertuples(index=False)
        )
        return f"\ngdp change by industry at {root} [pp of GDP]: {parts}"

    def to_frame(self) -> pd.DataFrame:
        """:meth:`summary_frame` with unit and indicator names, measure and the scenario's name
        (the table of ``summary.csv``)."""
        frame = self.summary_frame()
        ds = self.engine.dataset
        frame.insert(0, "scenario", self.spec.name)
        frame.insert(2, "unit_name", frame.unit.map(lambda u: ds.units[u].label("zh")))
        frame.insert(
            4, "indicator_name", frame.indicator.map(lambda c: ds.indicators[c].label("zh"))
        )
        frame["measure"] = frame.indicator.map(lambda c: ds.indicators[c].measure)
        return frame

    # ------------------------------------------------------------------ attribution
    def attribution(self) -> pd.DataFrame:
        """Change of the mean full-year figure from the baseline, by lever and project timing.

        Returns
        -------
        pandas.DataFrame
            ``unit, indicator, component, kind, delta_value, delta_pp``: ``delta_value`` the
            mean change of the full-year level at current prices [measure], ``delta_pp`` of the
            full-year growth [pp]. Per unit × indicator the components add up exactly to
            ``delta_pp`` of the summary (means are additive; medians are not). For entrants
            (component and kind ``entrants``) ``delta_value`` is the published level they add
            and ``delta_pp`` the change of growth on the comparable base, so both still add up
            to the summary's changes of ``fy_value`` and ``fy_growth``.
        """
        rows = []
        for code, comp in self.components.items():
            plan = self.engine.plans[code]
            d = plan.draws
            for name, delta in comp.items():
                kind = {"project_timing": "projects", "entrants": "entrants"}.get(name, "lever")
                with np.errstate(invalid="ignore", divide="ignore"):
                    pp = 100.0 * delta / d.base_full
                if name == "entrants":
                    delta = delta + self._published(code)[0]
                for i, u in enumerate(d.units):
                    rows.append(
                        {
                            "unit": u,
                            "indicator": code,
                            "component": name,
                            "kind": kind,
                            "delta_value": float(delta[i] * plan.price[i]),
                            "delta_pp": float(pp[i]),
                        }
                    )
        return pd.DataFrame(
            rows, columns=["unit", "indicator", "component", "kind", "delta_value", "delta_pp"]
        )

    def industries_frame(self) -> pd.DataFrame:
        """GDP's change by industry, per unit with components (``industries.csv``).

        Returns
        -------
        pandas.DataFrame
            :data:`INDUSTRY_COLUMNS`, one row per unit × industry (and a row
            ``(unassigned)`` where a lever moves GDP directly): ``share_pct`` last year's
            value added as a share of the unit's industries [%]; ``baseline_growth`` the
            industry's baseline full-year growth [%] (:attr:`ScenarioEngine.industry_baseline
            <sprintmodel.scenario.engine.ScenarioEngine.industry_baseline>`: its own forecast,
            the industries adding up to GDP's baseline mean),
            ``scenario_growth`` it plus ``delta_pp``, the change of the industry's mean
            full-year growth [pp]; ``delta_value`` the change of its value added at current
            prices (GDP's price ratio) [亿元]; ``contribution_pp`` = ``share_pct`` ×
            ``delta_pp`` / 100 [pp], which adds up over a unit's industries to GDP's
            ``delta_pp`` (up to the difference between GDP and the sum of its industries,
            within 0.1%). Empty where GDP moves through fixed factors (see the notes).
        """
        ch = self.engine.channels
        if ch is None or self.industries is None:
            return pd.DataFrame(columns=INDUSTRY_COLUMNS)
        plan = self.engine.plans[ch.indicator]
        ds = self.engine.dataset
        base = ch.base  # units × industries
        total = np.nansum(base, axis=1)
        own = self.engine.industry_baseline
        baselines = ch.baseline_growth if own is None else own
        rows = []
        for j, u in enumerate(plan.units):
            if not np.isfinite(base[j]).any() or total[j] <= 0:
                continue
            baseline = baselines[j]
            for i, code in enumerate([*ch.industries, UNASSIGNED]):
                delta = float(self.industries[i, j])
                b = float(base[j, i]) if i < len(ch.industries) else float("nan")
                if i == len(ch.industries) and delta == 0:
                    continue
                with np.errstate(invalid="ignore", divide="ignore"):
                    pp = 100.0 * delta / b if b > 0 else float("nan")
                g0 = float(baseline[i]) if i < len(ch.industries) else float("nan")
                rows.append(
                    {
                        "unit": u,
                        "unit_name": ds.units[u].label("zh") if u in ds.units else u,
                        "industry": code,
                        "industry_name": ch.names.get(code, code),
                        "share_pct": 100.0 * b / total[j] if b == b else float("nan"),
                        "baseline_growth": g0,
                        "scenario_growth": g0 + pp,
                        "delta_pp": pp,
                        "delta_value": delta * float(plan.price[j]),
                        "contribution_pp": 100.0 * delta / total[j],
                    }
                )
        frame = pd.DataFrame(rows, columns=INDUSTRY_COLUMNS)
        frame.insert(0, "scenario", self.spec.name)
        return frame

    def waterfall(self, unit: str | None = None, indicator: str = "gdp") -> pd.DataFrame:
        """Steps from the baseline's mean growth to the scenario's, for a waterfall chart [%, pp].

        Rows: ``baseline``, one per component with ``delta_pp``, ``scenario``; ``level`` is the
        running mean growth [%].
        """
        unit = unit or self.engine.dataset.root
        plan = self.engine.plans[indicator]
        d = plan.draws
        i = d.index(unit)
        base_mean = float(
            100.0 * (self.engine.baseline_stats[indicator].mean[i] / d.base_full[i] - 1.0)
        )
        rows = [{"step": "baseline", "delta_pp": np.nan, "level": base_mean}]
        level = base_mean
        for name, delta in self.components.get(indicator, {}).items():
            pp = float(100.0 * delta[i] / d.base_full[i])
            level += pp
            rows.append({"step": name, "delta_pp": pp, "level": level})
        rows.append({"step": "scenario", "delta_pp": np.nan, "level": level})
        return pd.DataFrame(rows)

    # ------------------------------------------------------------------ projects
    def project_table(self, **kwargs: Any) -> pd.DataFrame:
        """Project contributions and watch list under this scenario (see the engine's)."""
        return self.engine.project_table(self.spec, **kwargs)

    # ------------------------------------------------------------------ comparison
    def compare(self, other: ScenarioResult, *, column: str = "fy_growth") -> pd.DataFrame:
        """Side by side with another scenario: ``column`` and P(meet target) of both, and the
        differences (other − self)."""
        a = self._summary[["unit", "indicator", column, "p_meet_target"]]
        b = other._summary[["unit", "indicator", column, "p_meet_target"]]
        na, nb = self.spec.name, other.spec.name
        if na == nb:
            nb = nb + "_2"
        m = a.merge(b, on=["unit", "indicator"], suffixes=(f"_{na}", f"_{nb}"))
        m[f"diff_{column}"] = m[f"{column}_{nb}"] - m[f"{column}_{na}"]
        m["diff_p_meet_target"] = m[f"p_meet_target_{nb}"] - m[f"p_meet_target_{na}"]
        m.attrs["cost"] = {na: self.cost, nb: other.cost}
        return m

    # ------------------------------------------------------------------ saving
    def save_draws(self, path: str | Path, *, include_baseline: bool = False) -> Path:
        """Write the draws compactly to ``path`` (``.npz``; see :func:`draws_npz_bytes`)."""
        path = Path(path)
        with path.open("wb") as f:
            write_draws_npz(self, f, include_baseline=include_baseline)
        return path

    def write(
        self,
        folder: str | Path,
        *,
        draws: bool = True,
        meta: Mapping[str, Any] | None = None,
    ) -> Path:
        """Write the scenario's folder: the files ``sprintmodel run`` and the briefing write.

        ``summary.csv`` (:meth:`to_frame`), ``attribution.csv``, ``costs.csv``,
        ``projects.csv`` (the watch list, when there is one), ``industries.csv``
        (:meth:`industries_frame`, through GDP's industries), ``draws.npz`` (with ``draws``),
        ``scenario.yaml`` and, with ``meta``, ``run.json``; see :func:`write_result_folder`.
        """
        projects = self.project_table()
        out = write_result_folder(
            folder,
            spec=self.spec,
            summary=self.to_frame(),
            attribution=self.attribution(),
            costs=self.cost_table(),
            projects=projects,
            industries=self.industries_frame(),
            meta=meta,
        )
        if draws:
            self.save_draws(out / "draws.npz")
        return out

    # ------------------------------------------------------------------ display
    def _headline(self, lang: str = "en") -> pd.DataFrame:
        frame = self._summary
        h = self.engine.dataset.hierarchy
        keep = [u for u in h if h.depth(u) <= 1]
        shown = frame[frame.unit.isin(keep)]
        return shown[
            [
                "unit",
                "indicator",
                "fy_growth",
                "fy_growth_p10",
                "fy_growth_p90",
                "target_growth",
                "gap_pp",
                "p_meet_target",
                "delta_pp",
            ]
        ]

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        head = html.escape(self.__repr__().splitlines()[0])
        table = self._headline().to_html(index=False, float_format=lambda x: f"{x:.2f}")
        notes = "".join(f"<p><em>note:</em> {html.escape(n)}</p>" for n in self.note_texts())
        return f"<p><strong>{head}</strong></p>{table}{notes}"


def note_names(
    dataset: DataSet, levers: Mapping[str, Any] | None, lang: str = "zh"
) -> dict[str, str]:
    """Display names of the codes scenario notes carry, for
    :func:`~sprintmodel.words.notes.note_text`: in Chinese, levers, indicators, projects
    (``projects.csv``'s ``name``), enterprises and parcels (their ``name`` where the data have
    one); in English ``{}`` (the notes keep the codes, as the optimiser's do).
    """
    if lang != "zh":
        return {}
    out = code_names(levers, dataset.indicators, lang=lang)
    for frame, key in (
        (dataset.projects, "project"),
        (dataset.enterprises, "enterprise"),
        (dataset.parcels, "parcel"),
        (dataset.entrants, "entrant"),
    ):
        if frame is None or key not in frame or "name" not in frame:
            continue
        for code, name in zip(frame[key], frame["name"], strict=True):
            if isinstance(name, str) and name.strip():
                out.setdefault(str(code), name.strip())
    for code, unit in dataset.units.items():  # the units entrants join
        if unit.name_zh:
            out.setdefault(code, unit.name_zh)
    return out


def draws_npz_bytes(result: ScenarioResult, *, include_baseline: bool = False) -> bytes:
    """The scenario's draws as the bytes of a compressed ``.npz`` (float32 with labels).

    Keys per indicator ``<code>``: ``fy__<code>`` (draws × units, float32, draws' basis),
    ``units__<code>``, ``base_full__<code>``, ``price__<code>`` (multiply a volume by it for
    current prices), ``target_level__<code>``; ``entrant_base__<code>`` where entrants joined
    the base (``fy`` is then on the comparable base, the published level ``fy (B + b)/B``);
    ``baseline__<code>`` with ``include_baseline``.
    ``meta`` holds the scenario's YAML. The bytes of :func:`write_draws_npz`.
    """
    import io

    buf = io.BytesIO()
    write_draws_npz(result, buf, include_baseline=include_baseline)
    return buf.getvalue()


def write_draws_npz(result: ScenarioResult, file: Any, *, include_baseline: bool = False) -> None:
    """Write the ``.npz`` of :func:`draws_npz_bytes` to ``file`` (a path or binary file).

    The one writer of ``draws.npz``. Arrays are converted to float32 and compressed one at a
    time (as :func:`numpy.savez_compressed` writes them), so a million draws never hold a
    second copy of every indicator's draws in memory. Deflate level 1: on draws it compresses
    as well as numpy's default level and about six times faster (measured: 40 MB of float32
    draws to 29.0 MB in 0.75 s, against 29.4 MB in 4.4 s at level 6).
    """
    import zipfile

    def arrays() -> Any:
        yield "meta", np.array(result.spec.to_yaml())
        for code, fy in result.fy.items():
            plan = result.engine.plans[code]
            yield f"fy__{code}", fy.astype(np.float32)
            yield f"units__{code}", np.array(plan.units)
            yield f"base_full__{code}", plan.draws.base_full
            yield f"price__{code}", plan.price
            yield f"target_level__{code}", plan.target_level
            if code in result.entrant_base:  # fy is on the comparable base: × (B + b)/B
                yield f"entrant_base__{code}", result.entrant_base[code].astype(np.float32)
            if include_baseline:
                yield f"baseline__{code}", plan.draws.fy.astype(np.float32)

    with zipfile.ZipFile(
        file, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=1
    ) as zf:
        for name, arr in arrays():
            with zf.open(name + ".npy", "w", force_zip64=True) as out:
                np.lib.format.write_array(out, np.asanyarray(arr), allow_pickle=False)


def write_result_folder(
    folder: str | Path,
    *,
    spec: ScenarioSpec | None,
    summary: pd.DataFrame | None = None,
    attribution: pd.DataFrame | None = None,
    costs: pd.DataFrame | None = None,
    projects: pd.DataFrame | None = None,
    industries: pd.DataFrame | None = None,
    draws_npz: bytes | None = None,
    meta: Mapping[str, Any] | None = None,
) -> Path:
    """Write one scenario's folder (created if missing): the one writer of its files.

    ``scenario.yaml`` (the spec as run), ``summary.csv``, ``attribution.csv``, ``costs.csv``,
    ``projects.csv`` (only when the watch list has rows), ``industries.csv`` (GDP's change by
    industry, only where GDP moves through its industries), ``draws.npz`` and ``run.json``
    (``meta``) for those given. CSV files use :func:`sprintmodel.results.write_csv`. Used by
    :meth:`ScenarioResult.write` and, with the frames a batch worker returned, by the briefing.
    """
    import json

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if spec is not None:
        (folder / "scenario.yaml").write_text(spec.to_yaml(), encoding="utf-8")
    for name, frame in (("summary", summary), ("attribution", attribution), ("costs", costs)):
        if frame is not None:
            write_csv(frame, folder / f"{name}.csv")
    if projects is not None and len(projects):
        write_csv(projects, folder / "projects.csv")
    if industries is not None and len(industries):
        write_csv(industries, folder / "industries.csv")
    if draws_npz is not None:
        (folder / "draws.npz").write_bytes(draws_npz)
    if meta is not None:
        (folder / "run.json").write_text(
            json.dumps(dict(meta), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return folder


def compare(*results: ScenarioResult, column: str = "fy_growth") -> pd.DataFrame:
    """One column of ``column`` per scenario (by name), one row per unit × indicator."""
    out: pd.DataFrame | None = None
    for r in results:
        part = r._summary[["unit", "indicator", column]].rename(columns={column: r.spec.name})
        out = part if out is None else out.merge(part, on=["unit", "indicator"])
    return out if out is not None else pd.DataFrame()


__all__ = [
    "INDUSTRY_COLUMNS",
    "QUANTILES",
    "SUMMARY_COLUMNS",
    "IndicatorStats",
    "ScenarioResult",
    "compare",
    "indicator_stats",
    "note_names",
]
