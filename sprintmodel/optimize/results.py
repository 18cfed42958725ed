"""The optimiser's answer: the package, its cost and odds, what binds, and the comparison.

:class:`OptimizationResult` is immutable; its printed form is its summary. ``to_spec()`` turns
the package into a :class:`~sprintmodel.scenario.ScenarioSpec` (``to_yaml()`` its file, which
``sprintmodel run`` accepts), on the re-check's draws and seed, so running it reproduces the
re-checked probabilities.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from sprintmodel.notes import Note
from sprintmodel.optimize.problem import PackageProblem
from sprintmodel.results import Results
from sprintmodel.scenario.results import ScenarioResult
from sprintmodel.scenario.spec import ScenarioSpec
from sprintmodel.words.notes import code_names, note_text
from sprintmodel.words.optimize import (
    constraint_text,
    kind_text,
    origin_text,
    pad,
    summary_words,
    target_text,
)
from sprintmodel.words.summaries import joined
from sprintmodel.words.units import table_unit

if TYPE_CHECKING:
    from sprintmodel.optimize.model import Decision, Package
    from sprintmodel.optimize.sensitivity import Tornado
    from sprintmodel.scenario.engine import ScenarioEngine

PACKAGE_COLUMNS = [
    "kind",
    "item",
    "name_zh",
    "name_en",
    "unit",
    "intensity",
    "intensity_unit",
    "cost",
    "cost_kind",
    "at_limit",
]
"""Columns of :meth:`OptimizationResult.to_frame`: one row per lever used or project
accelerated (``intensity`` in the lever's unit, months for accelerations; ``cost`` [亿元];
``at_limit`` the cap or the feasibility limit binds)."""


@dataclass(frozen=True, eq=False)
class OptimizationResult(Results):
    """The recommended sprint package and how it was found.

    Attributes
    ----------
    problem
        The question (:class:`~sprintmodel.optimize.problem.PackageProblem`).
    package
        Lever intensities by unit and project accelerations.
    spec
        The package as a scenario (re-check draws and seed).
    cost
        Total fiscal cost [亿元, all kinds]: levers (as the engine costs them) plus
        accelerations.
    probability_saa
        Probability of meeting the targets on the sample programme's draws [0-1] (joint, or
        the least over targets).
    probability_checked
        The same re-checked on ``check_draws`` fresh draws (another seed) [0-1].
    feasible
        True when the re-checked probability reaches the target probability within the
        tolerance (one binomial standard error by default).
    alpha
        Share of the sample draws the programme had to meet (after tightening); None when the
        package did not come from the min-cost programme.
    origin
        Which candidate was recommended (sample programme, single lever, most probable, ...).
    targets
        One record per target: growth and probabilities (see :meth:`target_table`).
    binding_records, single_lever_records, rounds
        Records behind :attr:`binding`, :attr:`single_lever` and :meth:`rounds_table`.
    decisions
        The programme's variables.
    seeds
        ``{"saa": s, "check": s + 1}``.
    n_draws, check_draws
        Draws of the sample programme and of the re-check.
    timings
        Seconds per stage (``forecast_s``, ``engines_s``, ``effects_s``, ``milp_s``,
        ``check_s``, ``single_lever_s``, ``optimize_s``) and ``milp_solves``.
    notes
        What a planner may want to know (options dropped, time limits, single-lever wins), as
        :class:`~sprintmodel.notes.Note` codes and parameters; :meth:`note_texts` says them
        in Chinese or English.
    acceleration_source
        Where the project accelerations came from (``accelerations.csv`` or the default rule).
    checked
        The package's :class:`~sprintmodel.scenario.ScenarioResult` on the fresh draws.
    engine
        The re-check's engine (for :meth:`tornado` and further evaluations).
    """

    problem: PackageProblem
    package: Package
    spec: ScenarioSpec
    cost: float
    probability_saa: float
    probability_checked: float
    feasible: bool
    alpha: float | None
    origin: str
    targets: tuple[dict[str, Any], ...]
    binding_records: tuple[dict[str, Any], ...]
    single_lever_records: tuple[dict[str, Any], ...]
    rounds: tuple[dict[str, Any], ...]
    decisions: tuple[Decision, ...]
    seeds: dict[str, int]
    n_draws: int
    check_draws: int
    timings: dict[str, Any]
    notes: tuple[Note, ...] = ()
    acceleration_source: str = ""
    checked: ScenarioResult | None = field(default=None, repr=False)
    engine: ScenarioEngine | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ tables
    @cached_property
    def binding(self) -> pd.DataFrame:
        """Constraints at the package: caps, feasibility limits, budget, probability.

        Columns ``constraint, kind, item, value, limit, unit, binding`` (``kind`` one of
        ``cap``, ``feasibility``, ``budget``, ``probability``; ``binding`` True where the package
        sits on the limit).
        """
        return pd.DataFrame(
            list(self.binding_records),
            columns=["constraint", "kind", "item", "value", "limit", "unit", "binding"],
        )

    @cached_property
    def single_lever(self) -> pd.DataFrame:
        """Each lever alone on the fresh draws: least intensity reaching the probability, cost.

        Columns ``lever, name_zh, name_en, unit, intensity, intensity_unit, cap, cost
        [亿元], cost_kind, probability_checked [0-1], reaches, at_cap``. Without a budget,
        ``intensity`` is the least reaching the target probability (the cap where none does,
        ``reaches`` False); with one, the most the budget buys.
        """
        cols = [
            "lever",
            "name_zh",
            "name_en",
            "unit",
            "intensity",
            "intensity_unit",
            "cap",
            "cost",
            "cost_kind",
            "probability_checked",
            "reaches",
            "at_cap",
        ]
        return pd.DataFrame(list(self.single_lever_records), columns=cols)

    @property
    def cheapest_single_lever(self) -> dict[str, Any] | None:
        """The cheapest single lever reaching the target probability (None if none does)."""
        frame = self.single_lever
        ok = frame[frame.reaches] if len(frame) else frame
        if not len(ok):
            return None
        return dict(ok.sort_values("cost").iloc[0])

    def target_table(self) -> pd.DataFrame:
        """One row per target: target growth [%], the baseline's and the package's headline
        growth [%] (:func:`sprintmodel.figures.headline_growth`), the package's 80% interval,
        gap [pp], and the baseline's (published), the sample's and the re-checked probability
        of meeting it [0-1]."""
        return pd.DataFrame(list(self.targets))

    def rounds_table(self) -> pd.DataFrame:
        """Each sample programme solved: α, draws required, status, cost, probabilities."""
        return pd.DataFrame(list(self.rounds))

    def cost_table(self) -> pd.DataFrame:
        """Cost of each item: the levers (from the engine) and each acceleration [亿元]."""
        rows = []
        if self.checked is not None:
            for r in self.checked.costs:
                rows.append(
                    {
                        "item": r["lever"],
                        "kind": "lever",
                        "intensity": r["intensity"],
                        "intensity_unit": r["intensity_unit"],
                        "cost": r["cost"],
                        "cost_kind": r["cost_kind"],
                    }
                )
        for a in self.package.accelerations:
            rows.append(
                {
                    "item": a.project,
                    "kind": f"acceleration ({a.action})",
                    "intensity": float(a.months),
                    "intensity_unit": "months earlier",
                    "cost": a.cost,
                    "cost_kind": a.cost_kind,
                }
            )
        return pd.DataFrame(
            rows, columns=["item", "kind", "intensity", "intensity_unit", "cost", "cost_kind"]
        )

    def to_frame(self) -> pd.DataFrame:
        """The package, one row per lever (and unit) or acceleration (:data:`PACKAGE_COLUMNS`)."""
        rows = []
        binding = {
            r["constraint"]: r["binding"]
            for r in self.binding_records
            if r["kind"] != "probability"
        }
        costs = {r["lever"]: r for r in (self.checked.costs if self.checked is not None else ())}
        levers = self.engine.levers if self.engine is not None else None
        for lid, units in self.package.levers.items():
            total = sum(units.values())
            lever_cost = float(costs.get(lid, {}).get("cost", np.nan))
            for unit, x in units.items():
                lv = levers[lid] if levers is not None else None
                rows.append(
                    {
                        "kind": "lever",
                        "item": lid,
                        "name_zh": lv.name_zh if lv is not None else lid,
                        "name_en": lv.name_en if lv is not None else lid,
                        "unit": unit,
                        "intensity": x,
                        "intensity_unit": lv.intensity_unit if lv is not None else "",
                        "cost": lever_cost * (x / total) if total > 0 else 0.0,
                        "cost_kind": lv.cost_kind if lv is not None else "",
                        "at_limit": bool(binding.get(f"cap of {lid}", False)),
                    }
                )
        for a in self.package.accelerations:
            rows.append(
                {
                    "kind": f"acceleration ({a.action})",
                    "item": a.project,
                    "name_zh": self._project_name(a.project),
                    "name_en": self._project_name(a.project),
                    "unit": self._project_unit(a.project),
                    "intensity": float(a.months),
                    "intensity_unit": "months earlier",
                    "cost": a.cost,
                    "cost_kind": a.cost_kind,
                    "at_limit": bool(
                        binding.get(f"feasibility limit of {a.project} ({a.action})", False)
                    ),
                }
            )
        return pd.DataFrame(rows, columns=PACKAGE_COLUMNS)

    def _project_name(self, code: str) -> str:
        if self.engine is None:
            return ""
        reg = self.engine.register
        return reg.names[reg.index(code)] if code in reg.codes else ""

    def _project_unit(self, code: str) -> str:
        if self.engine is None:
            return ""
        reg = self.engine.register
        return reg.units[reg.index(code)] if code in reg.codes else ""

    # ------------------------------------------------------------------ scenario
    def to_spec(self) -> ScenarioSpec:
        """The package as a scenario (the re-check's draws and seed; ``sprintmodel run`` reads
        its YAML)."""
        return self.spec

    def to_yaml(self) -> str:
        """The scenario file of the package, with a comment header (cost, probability)."""
        tlist = ", ".join(f"{t['unit']} × {t['indicator']}" for t in self.targets)
        how = "all in the same draw" if self.problem.joint else "each separately"
        head = [
            "# Sprint package found by `sprintmodel optimize` (docs/optimize.md).",
            f"# Targets: {tlist} ({how}), "
            f"P ≥ {self.problem.target_probability:.0%}"
            + (f", budget {self.problem.budget:g} 亿元" if self.problem.budget is not None else ""),
            f"# Cost {self.cost:.4f} 亿元 (project accelerations {self.package.acceleration_cost:.4f},"
            " not counted by `sprintmodel run`, which costs levers only);"
            f" P re-checked {self.probability_checked:.4f} on these {self.check_draws} draws.",
        ]
        if not self.feasible:
            head.append("# The target probability is out of reach: this is the best package found.")
        return "\n".join(head) + "\n" + self.spec.to_yaml()

    def evaluate(self, engine: ScenarioEngine | None = None) -> ScenarioResult:
        """The package evaluated on ``engine``'s draws and seed (default: the re-check's result)."""
        if engine is None:
            if self.checked is None:
                raise ValueError("no engine kept; pass one")
            return self.checked
        return engine.evaluate(self.spec.replace(draws=engine.n_draws, seed=engine.seed))

    def tornado(
        self, *, n_draws: int = 2000, targets: list[tuple[str, str]] | None = None
    ) -> Tornado:
        """Sensitivity of the package's gap to every assumption (:func:`~sprintmodel.optimize.sensitivity.tornado`).

        Parameters
        ----------
        n_draws
            Draws of the tornado's engines: the first ``n_draws`` of the re-check's baseline
            (no new forecast).
        targets
            ``(unit, indicator)`` pairs (default: the problem's targets).
        """
        from sprintmodel.optimize.sensitivity import subsample, tornado
        from sprintmodel.scenario.engine import ScenarioEngine

        if self.engine is None:
            raise ValueError("no engine kept")
        eng = self.engine
        n = min(n_draws, eng.n_draws)
        if n < eng.n_draws:
            eng = ScenarioEngine(
                eng.dataset,
                subsample(eng.baseline, n),
                eng.levers,
                seed=eng.seed,
                method=eng.method,
            )
        pairs = targets or [(t["unit"], t["indicator"]) for t in self.targets]
        return tornado(eng, self.spec, pairs)

    # ------------------------------------------------------------------ reporting
    def names(self, lang: str = "zh") -> dict[str, str]:
        """Display names of the codes the notes, the printout and the tornado name (levers,
        indicators, projects, enterprises, parcels, units and GDP's industries), in Chinese
        (``{}`` in English, whose notes keep the codes)."""
        if lang != "zh" or self.engine is None:
            return {}
        from sprintmodel.scenario.results import note_names

        ds = self.engine.dataset
        industries = {c: ds.component_label(c, "gdp", lang) for c in ds.component_codes("gdp")}
        # levers, indicators, projects, enterprises and parcels as the scenario notes name them
        return note_names(ds, self.engine.levers, lang) | code_names(
            ds.units, industries, lang=lang
        )

    def note_texts(self, lang: str = "en") -> list[str]:
        """The notes in ``lang`` (:func:`sprintmodel.words.notes.note_text`)."""
        names = self.names(lang)
        return [note_text(n, lang, names) for n in self.notes]

    def report(self, lang: str = "en") -> dict[str, Any]:
        """Plain data for ``report.json``: cost, probability, feasible, binding, comparison.

        ``notes``: one ``{"code", "params", "text"}`` per note, ``text`` in ``lang``.
        """

        def clean(v: Any) -> Any:
            if isinstance(v, dict):
                return {str(k): clean(x) for k, x in v.items()}
            if isinstance(v, list | tuple):
                return [clean(x) for x in v]
            if isinstance(v, np.bool_ | bool):
                return bool(v)
            if isinstance(v, np.integer):
                return int(v)
            if isinstance(v, float | np.floating):
                return None if not np.isfinite(v) else float(v)
            return v

        cheapest = self.cheapest_single_lever
        return clean(
            {
                "cost": self.cost,
                "probability": self.probability_checked,
                "feasible": self.feasible,
                "probability_saa": self.probability_saa,
                "target_probability": self.problem.target_probability,
                "mode": self.problem.mode,
                "alpha": self.alpha,
                "origin": self.origin,
                "problem": self.problem.to_dict(),
                "package": {
                    "levers": self.package.levers,
                    "accelerations": [
                        {
                            "project": a.project,
                            "action": a.action,
                            "months": a.months,
                            "cost": a.cost,
                            "cost_kind": a.cost_kind,
                        }
                        for a in self.package.accelerations
                    ],
                    "lever_cost": self.cost - self.package.acceleration_cost,
                    "acceleration_cost": self.package.acceleration_cost,
                },
                "targets": list(self.targets),
                "binding": list(self.binding_records),
                "single_lever": list(self.single_lever_records),
                "cheapest_single_lever": None
                if cheapest is None
                else {"lever": cheapest["lever"], "cost": cheapest["cost"]},
                "rounds": list(self.rounds),
                "seeds": self.seeds,
                "n_draws": self.n_draws,
                "check_draws": self.check_draws,
                "accelerations_source": self.acceleration_source,
                "timings": self.timings,
                "notes": [
                    {**n.to_dict(), "text": text}
                    for n, text in zip(self.notes, self.note_texts(lang), strict=True)
                ],
            }
        )

    def to_json(self) -> str:
        """:meth:`report` as JSON text (notes in English)."""
        return json.dumps(self.report(), ensure_ascii=False, indent=2) + "\n"

    def write(
        self,
        folder: str | Path,
        *,
        tornado: Tornado | None = None,
        extra: Mapping[str, Any] | None = None,
        lang: str = "en",
    ) -> Path:
        """Write ``package.yaml``, ``report.json``, ``package.csv`` (and ``tornado.csv``) into
        an existing folder.

        ``extra`` adds entries to ``report.json`` (the command's data folder, timings...); a
        mapping given for a key whose report value is a mapping (``timings``) is merged into it.
        ``lang``: the language of the notes' text in ``report.json``.
        """
        out = Path(folder)
        report = self.report(lang)
        for key, value in (extra or {}).items():
            if isinstance(value, Mapping) and isinstance(report.get(key), dict):
                report[key] = {**report[key], **value}
            else:
                report[key] = value
        (out / "package.yaml").write_text(self.to_yaml(), encoding="utf-8")
        (out / "report.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        self.to_frame().to_csv(out / "package.csv", index=False, lineterminator="\n")
        if tornado is not None:
            tornado.to_frame().to_csv(out / "tornado.csv", index=False, lineterminator="\n")
        return out

    def summary(self, lang: str = "en") -> str:
        """Plain text: package, cost, probabilities, binding constraints, single levers; in
        Chinese every target, lever and constraint by its name (:meth:`names`)."""
        tx = summary_words(lang)
        names = self.names(lang)
        p = self.problem
        head = tx["head_min"] if p.budget is None else tx["head_max"]
        tlist = joined(
            [target_text(t["unit"], t["indicator"], lang, names) for t in self.targets], lang
        )
        lines = [
            f"{head}: {tx['targets']} {tlist} ({tx['joint'] if p.joint else tx['each']}), "
            f"P ≥ {p.target_probability:.0%}"
            + (f", {tx['budget']} {p.budget:g} 亿元" if p.budget is not None else ""),
        ]
        acc = self.package.acceleration_cost
        lines.append(
            f"  {tx['cost']} {self.cost:.2f} 亿元 ({tx['levers']} {self.cost - acc:.2f}, "
            f"{tx['accel']} {acc:.2f})"
        )
        status = tx["feasible"] if self.feasible else tx["infeasible"]
        lines.append(
            f"  {tx['p_saa']} {self.probability_saa:.1%} ({self.n_draws} {tx['draws']} "
            f"{self.seeds.get('saa')}); {tx['p_check']} {self.probability_checked:.1%} "
            f"({self.check_draws} {tx['draws']} {self.seeds.get('check')}): {status}"
        )
        lines.append(f"{tx['package']} ({origin_text(self.origin, lang)}):")
        lines += self._package_lines(lang, tx, names)
        lines.append(f"{tx['target']}:")
        for t in self.targets:
            lines.append(
                f"  {target_text(t['unit'], t['indicator'], lang, names)}: {tx['t_target']} "
                f"{t['target_growth']:.2f}%, {tx['t_base']} {t['baseline_growth']:.2f}% → "
                f"{t['growth']:.2f}% [{t['growth_p10']:.2f}, {t['growth_p90']:.2f}], "
                f"{tx['t_gap']} {t['gap_pp']:+.2f}{tx['pp']}, P {t['baseline_probability']:.1%} → "
                f"{t['probability_checked']:.1%}"
            )
        lines.append(f"{tx['binding']}:")
        bind = [r for r in self.binding_records if r["binding"]]
        if not bind:
            lines.append("  " + tx["none_binding"])
        for r in bind:
            label = constraint_text(r, lang, names)
            unit = table_unit(r["unit"], lang)
            lines.append(f"  {label}: {r['value']:.4g} / {r['limit']:.4g} {unit}")
        lines.append(f"{tx['single']}:")
        for r in self.single_lever_records:
            what = (
                f"{r['intensity']:.4g} {table_unit(r['intensity_unit'], lang)}, "
                f"{tx['cost']} {r['cost']:.2f}"
                if r["reaches"]
                else f"{tx['unreachable']} (P {r['probability_checked']:.1%} @ "
                f"{r['intensity']:.4g}, {tx['cost']} {r['cost']:.2f})"
            )
            lines.append(f"  {pad(names.get(r['lever'], r['lever']), 22)} {what}")
        for n in self.note_texts(lang):
            lines.append(f"{tx['notes']}: {n}")
        return "\n".join(lines)

    def _package_lines(
        self, lang: str, tx: Mapping[str, str], names: Mapping[str, str]
    ) -> list[str]:
        """One line per lever or acceleration of the package: code, unit, amount, cost and
        name in English; name, unit's name, amount and cost in Chinese."""
        frame = self.to_frame()
        if frame.empty:
            return ["  " + (tx["nothing"] if self.feasible else tx["no_help"])]
        lines = []
        for r in frame.itertuples():
            mark = " *" if r.at_limit else ""
            if r.kind == "lever":
                amount = f"{r.intensity:9.4g} {table_unit(r.intensity_unit, lang)}"
            else:
                m = int(r.intensity)
                amount = f"{kind_text(r.kind, lang)}: {m} {tx['months'] if m != 1 else tx['month']}"
            cost = f"{tx['cost']} {r.cost:.2f}{mark}"
            if lang == "zh":
                unit = names.get(str(r.unit), str(r.unit))
                lines.append(
                    f"  {pad(str(r.name_zh), 36)} {pad(unit, 10)} {amount.strip()}  {cost}"
                )
            else:
                lines.append(f"  {r.item:<22} {r.unit:<5} {amount}  {cost}  {r.name_en}")
        return lines

    def compare(self, *others: OptimizationResult) -> pd.DataFrame:
        """This result beside others (:func:`compare`)."""
        return compare(self, *others)

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        head = html.escape(self.summary().splitlines()[0])
        status = "feasible" if self.feasible else "target probability out of reach"
        info = (
            f"<p>cost <strong>{self.cost:.2f} 亿元</strong>; P re-checked "
            f"<strong>{self.probability_checked:.1%}</strong> ({self.check_draws} fresh draws), "
            f"on the sample {self.probability_saa:.1%}; {status}</p>"
        )
        package = self.to_frame().to_html(index=False, float_format=lambda x: f"{x:.4g}")
        targets = self.target_table().to_html(index=False, float_format=lambda x: f"{x:.3g}")
        single = self.single_lever.to_html(index=False, float_format=lambda x: f"{x:.4g}")
        notes = "".join(f"<p><em>note:</em> {html.escape(n)}</p>" for n in self.note_texts())
        return (
            f"<p><strong>{head}</strong></p>{info}{package}<p>Targets</p>{targets}"
            f"<p>Single levers alone</p>{single}{notes}"
        )


def compare(*results: OptimizationResult) -> pd.DataFrame:
    """Packages side by side: one column per result (e.g. several target probabilities).

    Rows: the question (``target_probability``, ``budget``), ``cost`` [亿元],
    ``probability_saa``, ``probability_checked`` [0-1], ``feasible``, and each lever's intensity
    and each project's acceleration [months] (empty where not used).
    """
    cols: dict[str, dict[str, Any]] = {}
    for i, r in enumerate(results):
        name = f"{i}: P ≥ {r.problem.target_probability:.0%}" + (
            f", budget {r.problem.budget:g}" if r.problem.budget is not None else ""
        )
        col: dict[str, Any] = {
            "target_probability": r.problem.target_probability,
            "budget": r.problem.budget,
            "cost": r.cost,
            "probability_saa": r.probability_saa,
            "probability_checked": r.probability_checked,
            "feasible": r.feasible,
        }
        for lid, x in r.package.intensities().items():
            col[f"lever {lid}"] = x
        for a in r.package.accelerations:
            col[f"project {a.project} ({a.action})"] = a.months
        cols[name] = col
    return pd.DataFrame(cols)


__all__ = ["PACKAGE_COLUMNS", "OptimizationResult", "compare"]
