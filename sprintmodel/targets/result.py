"""The result of :func:`~sprintmodel.targets.draft_targets`: every table of the draft, immutable."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.notes import Note
from sprintmodel.periods import Period
from sprintmodel.results import Results
from sprintmodel.targets.allocation import Allocation
from sprintmodel.targets.config import TargetConfig
from sprintmodel.targets.nextyear import NextYearDraws
from sprintmodel.words.notes import code_names, note_text, notes_text
from sprintmodel.words.options import BINDING_NAMES, OPTION_NAMES, TIER_NAMES
from sprintmodel.words.periods import period_label
from sprintmodel.words.target_notes import source_words
from sprintmodel.words.wording import wording

OPTION_COLUMNS = [
    "indicator",
    "option",
    "target_growth",
    "target_value",
    "probability",
    "tier",
    "p_design",
    "quantile_growth",
    "q1_growth",
    "this_year_value",
    "this_year_growth",
    "measure_unit",
    "note",
]
"""Columns of :attr:`TargetsResult.options` (``options.csv``): the issue's five first."""

ALLOCATION_COLUMNS = [
    "unit",
    "indicator",
    "target_value",
    "target_growth",
    "parent",
    "level",
    "this_year_value",
    "reference_growth",
    "shift_pp",
    "lower",
    "upper",
    "binding",
    "bound_multiplier",
    "probability",
    "in_sum",
    "note",
]
"""Columns of :attr:`TargetsResult.allocation` (``allocation.csv``): the issue's four first.

``in_sum`` marks the rows whose ``target_value`` adds up to the city's: the city's units and the
city's 本级 (``unit = 本级``, ``level = residual``, the part not allocated to units)."""

MILESTONE_COLUMNS = [
    "unit",
    "indicator",
    "period",
    "ytd_value",
    "ytd_growth",
    "completion_pct",
    "elapsed_pct",
    "this_year_ytd",
    "target_growth",
    "target_value",
    "note",
]
"""Columns of :attr:`TargetsResult.milestones` (``milestones.csv``): the issue's five first."""

DOUBLE_HALF_COLUMNS = [
    "unit",
    "indicator",
    "target_growth",
    "target_value",
    "double_half_rule",
    "h1_share_pct",
    "h1_value_on_path",
    "h1_growth_on_path",
    "double_half_on_path",
    "h1_value_for_double_half",
    "h1_growth_for_double_half",
    "extra_pp",
]
"""Columns of :attr:`TargetsResult.double_half` (``double_half.csv``)."""


TIER_COLUMNS = [
    "indicator",
    "floor_growth",
    "p_floor",
    "strive_growth",
    "p_strive",
    "aspire_growth",
    "p_aspire",
    "q1_growth_strive",
    "province_growth",
    "p_province",
    "this_year_target_growth",
    "p_this_year",
    "floor_value",
    "strive_value",
    "aspire_value",
]
"""Columns of :meth:`TargetsResult.tiers`: one row per indicator (``*_value`` the tier's target
level in the indicator's measure: for a completion-type indicator such as 城镇新增就业, the
amount the tier is set as)."""


@dataclass(frozen=True, eq=False)
class TargetsResult(Results):
    """Next year's draft targets (immutable; tables are copies on access through methods).

    Attributes
    ----------
    dataset
        The data.
    year
        The target year.
    as_of
        The period of this year's data.
    source
        Where this year's full year came from (``baseline forecast`` or ``scenario NAME``).
    option
        The option allocated and given milestones.
    config
        Settings.
    next_year
        Next year's growth draws by indicator (:class:`~sprintmodel.targets.NextYearDraws`).
    options
        The city's options (:data:`OPTION_COLUMNS`): ``target_growth`` [%], ``target_value``
        [measure; real indicators at this year's prices], ``probability`` of meeting it
        [0-1], ``tier`` (``floor``/``strive``/``aspire``), ``p_design`` the probability the
        option was drawn for, ``quantile_growth`` the exact quantile before rounding [%],
        ``q1_growth`` the first quarter's year-to-date growth that keeps time progress [%].
    unit_options
        The same for every unit (a ``unit`` column first).
    allocation
        The chosen city target and the units' targets (:data:`ALLOCATION_COLUMNS`).
    allocations
        The solver's :class:`~sprintmodel.targets.allocation.Allocation` per indicator.
    milestones
        On-track year to date by period (:data:`MILESTONE_COLUMNS`).
    double_half
        The 双过半 check per unit × indicator (:data:`DOUBLE_HALF_COLUMNS`).
    investment_plan, investment_by_unit, investment_by_category, investment_by_park
        The plan next year: the register's projects
        (:data:`~sprintmodel.targets.projects.PLAN_COLUMNS`) and the pipeline's reserve and
        planned projects, with stage, funding source and readiness
        (:data:`~sprintmodel.targets.plan_coverage.PLAN_EXTRA_COLUMNS`), and its sums.
    investment_coverage
        Share of each unit's investment target covered by stage and funding source, and the
        gap (:data:`~sprintmodel.targets.plan_coverage.COVERAGE_COLUMNS`).
    components
        Next year's growth by component per unit × indicator
        (:data:`~sprintmodel.targets.nextyear.COMPONENT_COLUMNS`).
    city_targets
        The city target growth allocated, by indicator [%].
    province_growth
        The province's target growth used [%].
    notes
        What the planner should know (sources, skipped options, coverage of the register).
    seed, n_draws
        Reproducibility.
    """

    dataset: DataSet = field(repr=False)
    year: int
    as_of: Period
    source: str
    option: str
    config: TargetConfig = field(repr=False)
    next_year: dict[str, NextYearDraws] = field(repr=False)
    options: pd.DataFrame = field(repr=False)
    unit_options: pd.DataFrame = field(repr=False)
    allocation: pd.DataFrame = field(repr=False)
    allocations: dict[str, list[Allocation]] = field(repr=False)
    milestones: pd.DataFrame = field(repr=False)
    double_half: pd.DataFrame = field(repr=False)
    investment_plan: pd.DataFrame = field(repr=False)
    investment_by_unit: pd.DataFrame = field(repr=False)
    investment_by_category: pd.DataFrame = field(repr=False)
    investment_by_park: pd.DataFrame = field(repr=False)
    components: pd.DataFrame = field(repr=False)
    city_targets: dict[str, float] = field(default_factory=dict)
    province_growth: dict[str, float] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    seed: int = 0
    n_draws: int = 0
    investment_coverage: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    # ------------------------------------------------------------------ views
    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """The city's options (a copy): one row per indicator × option, ``note`` in ``lang``."""
        return self.worded(self.options, lang)

    def worded(self, frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
        """A copy of one of the draft's tables with its ``note`` column (notes as data: a
        tuple of :class:`~sprintmodel.notes.Note` per row) in ``lang``, naming units and
        indicators in Chinese (English keeps the codes)."""
        out = frame.copy()
        if "note" in out:
            names = self.note_names(lang)
            out["note"] = [
                notes_text(n, lang, names) if isinstance(n, tuple) else "" for n in out["note"]
            ]
        return out

    def probability(self, indicator: str, growth: float, unit: str | None = None) -> float:
        """P(next year's growth ≥ ``growth``) for ``unit`` (default the city) [0-1]."""
        return float(self.next_year[indicator].probability(unit or self.dataset.root, growth))

    def tiers(self) -> pd.DataFrame:
        """The planners' tiers 保底 / 力争 / 奋斗 side by side, one row per indicator.

        Columns :data:`TIER_COLUMNS`: each tier's growth [%], probability [0-1] and target
        level [measure], the first quarter's growth that keeps the strive tier on track [%],
        and the province's and this year's targets with their probabilities where known.
        """
        rows = []
        opts = self.options
        for code in dict.fromkeys(opts.indicator):
            sub = opts[opts.indicator == code].set_index("option")
            row: dict[str, Any] = {"indicator": code}
            for tier, opt in self.config.tiers.items():
                hit = sub.loc[opt] if opt in sub.index else None
                row[f"{tier}_growth"] = float(hit.target_growth) if hit is not None else np.nan
                row[f"p_{tier}"] = float(hit.probability) if hit is not None else np.nan
                row[f"{tier}_value"] = float(hit.target_value) if hit is not None else np.nan
                if tier == "strive":
                    row["q1_growth_strive"] = float(hit.q1_growth) if hit is not None else np.nan
            for opt, name in (
                ("province", "province_growth"),
                ("this_year", "this_year_target_growth"),
            ):
                hit = sub.loc[opt] if opt in sub.index else None
                row[name] = float(hit.target_growth) if hit is not None else np.nan
                row["p_province" if opt == "province" else "p_this_year"] = (
                    float(hit.probability) if hit is not None else np.nan
                )
            rows.append(row)
        return pd.DataFrame(rows, columns=TIER_COLUMNS)

    def _chosen_text(self, code: str, growth: float, lang: str = "en") -> str:
        """``code`` (its name in Chinese) and the city's chosen target: growth [%], or the
        amount of a task."""
        ind = self.dataset.indicators.get(code)
        name = self._said(code, lang)
        if ind is not None and ind.completion:
            a = self.allocation
            hit = a[(a.unit == self.dataset.root) & (a.indicator == code)]
            if len(hit) and np.isfinite(float(hit.target_value.iloc[0])):
                return f"{name} {float(hit.target_value.iloc[0]):g}{ind.measure}"
        return f"{name} {growth:.1f}%"

    def _said(self, code: str, lang: str) -> str:
        """A unit or indicator as the printout says it: its Chinese name, or the code."""
        return self.note_names(lang).get(code, code)

    def tables(self, lang: str = "en") -> dict[str, pd.DataFrame]:
        """Every table by name (copies), in the order of the workbook; the ``note`` columns
        (options, allocation, binding, milestones, components) worded in ``lang``
        (:meth:`worded`)."""
        frames = {
            "options": self.options,
            "tiers": self.tiers(),
            "allocation": self.allocation,
            "binding": self.binding(),
            "milestones": self.milestones,
            "double_half": self.double_half,
            "investment_plan": self.investment_plan,
            "investment_by_unit": self.investment_by_unit,
            "investment_by_category": self.investment_by_category,
            "investment_by_park": self.investment_by_park,
            "investment_coverage": self.investment_coverage,
            "components": self.components,
        }
        return {key: self.worded(frame, lang) for key, frame in frames.items()}

    def binding(self) -> pd.DataFrame:
        """The allocation's binding bounds: unit, indicator, bound, its value and multiplier.

        Also one row per allocation for the adding-up constraint (``bound = "sum"``) with its
        multiplier :math:`\\lambda` [pp] and the relative error of the sum. ``note`` is data
        (a tuple of :class:`~sprintmodel.notes.Note`; :meth:`tables` words it).
        """
        rows = []
        for code, allocs in self.allocations.items():
            for a in allocs:
                rows.append(
                    {
                        "indicator": code,
                        "unit": a.parent,
                        "constraint": "sum",
                        "value": a.parent_growth,
                        "multiplier": a.multiplier,
                        "note": (
                            Note.of(
                                "targets.binding_sum",
                                parent=a.parent,
                                error=float(a.check()),
                                residual=float(a.residual),
                            ),
                        ),
                    }
                )
                for i, u in enumerate(a.units):
                    if a.binding[i]:
                        rows.append(
                            {
                                "indicator": code,
                                "unit": u,
                                "constraint": a.binding[i],
                                "value": a.lower[i] if a.binding[i] == "lower" else a.upper[i],
                                "multiplier": float(a.bound_multipliers[i]),
                                "note": (
                                    Note.of(
                                        "targets.binding_bound",
                                        reference=float(a.reference[i]),
                                        growth=float(a.growth[i]),
                                    ),
                                ),
                            }
                        )
        return pd.DataFrame(
            rows, columns=["indicator", "unit", "constraint", "value", "multiplier", "note"]
        )

    # ------------------------------------------------------------------ printing
    def summary(self, lang: str = "en") -> str:
        """Plain text: the city's tiers, the target allocated and the milestones' checks."""
        zh = lang == "zh"
        sep = "、" if zh else ", "  # between the items of a list
        ds = self.dataset
        root = ds.root
        city_name = ds.units[root].label(lang)
        if zh:
            lines = [
                f"{self.year}年{city_name}目标测算：基于{period_label(self.as_of)}的"
                f"{source_words(self.source)}，"
                f"{self.n_draws}次模拟，随机种子{self.seed}"
            ]
        else:
            lines = [
                f"Targets for {self.year} ({city_name}), from the {self.source} as of "
                f"{self.as_of}; {self.n_draws} draws, seed {self.seed}"
            ]
        t = self.tiers()
        for r in t.itertuples(index=False):
            name = (
                ds.indicators[r.indicator].label(lang)
                if r.indicator in ds.indicators
                else r.indicator
            )
            ind = ds.indicators.get(r.indicator)
            amount = ind is not None and ind.completion
            parts = []
            for tier in self.config.tiers:
                g = getattr(r, f"{tier}_growth")
                pr = getattr(r, f"p_{tier}")
                label = TIER_NAMES.get(tier, {}).get(lang, tier)
                if amount and ind is not None and np.isfinite(getattr(r, f"{tier}_value")):
                    # a task to complete: the amount, in the indicator's measure
                    v = getattr(r, f"{tier}_value")
                    parts.append(f"{label} {v:g}{ind.measure} (P {pr:.0%})")
                    continue
                parts.append(f"{label} {g:.1f}% (P {pr:.0%})" if np.isfinite(g) else f"{label} —")
            extra = ""
            if np.isfinite(r.province_growth):
                word = "全省" if zh else "province"
                extra = f"; {word} {r.province_growth:.1f}% (P {r.p_province:.0%})"
            lines.append(f"  {name:<12} " + ", ".join(parts) + extra)
        if self.city_targets:
            chosen = sep.join(self._chosen_text(k, v, lang) for k, v in self.city_targets.items())
            opt = OPTION_NAMES.get(self.option, {}).get(lang, self.option)
            lines.append(f"分解方案（{opt}）：{chosen}" if zh else f"allocated ({opt}): {chosen}")
        b = self.binding()
        nb = int((b.constraint != "sum").sum()) if len(b) else 0
        if nb:
            items = sep.join(
                f"{self._said(r.indicator, lang)}/{self._said(r.unit, lang)}"
                + (BINDING_NAMES[r.constraint]["zh"] if zh else f" {r.constraint}")
                for r in b[b.constraint != "sum"].itertuples()
            )
            lines.append(f"{nb}个约束起作用：{items}" if zh else f"{nb} binding bound(s): {items}")
        dh = self.double_half
        if len(dh):
            city = dh[dh.unit == root]
            fail = city[~city.double_half_on_path.astype(bool)]
            if len(fail):
                items = sep.join(
                    f"{self._said(r.indicator, lang)} ({'上半年需增长' if zh else 'H1 needs'} "
                    f"{r.h1_growth_for_double_half:.1f}%)"
                    if r.double_half_rule == "growth"
                    # an amount to complete: half the year's amount by June
                    else f"{self._said(r.indicator, lang)} ({'上半年需完成' if zh else 'H1 needs'} "
                    f"{r.h1_value_for_double_half:,.2f})"
                    for r in fail.itertuples()
                )
                head = (
                    f"按季节进度{wording(self.dataset.hierarchy).whole}未实现双过半："
                    if zh
                    else "双过半 not reached on the seasonal path by the city for: "
                )
                lines.append(head + items)
        plan = self.investment_plan
        if len(plan):
            risk = plan[plan.at_risk.astype(bool)]
            total = plan.plan_next_year.sum()
            if zh:
                lines.append(
                    f"投资计划：{len(plan)}个项目，明年计划投资{total:.1f}；推迟"
                    f"{self.config.slip_months}个月影响最大的{len(risk)}个项目共减少"
                    f"{risk.slip_loss.sum():.1f}"
                )
            else:
                lines.append(
                    f"investment plan: {len(plan)} projects, {total:.1f} next year; "
                    f"{len(risk)} at risk from a {self.config.slip_months}-month slip "
                    f"({risk.slip_loss.sum():.1f})"
                )
        lines.extend(("注：" if zh else "note: ") + n for n in self.note_texts(lang))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()

    def note_names(self, lang: str = "en") -> dict[str, str]:
        """Names of the codes the notes carry (units and indicators) in Chinese; English keeps
        the codes, as it always has (empty)."""
        if lang == "en":
            return {}
        return code_names(self.dataset.indicators, self.dataset.units, lang=lang)

    def note_texts(self, lang: str = "en") -> list[str]:
        """The notes (:attr:`notes`, data) in ``lang``, naming units and indicators."""
        names = self.note_names(lang)
        return [note_text(n, lang, names) for n in self.notes]

    def _repr_html_(self) -> str:
        head = (
            f"<p><b>Targets for {self.year}</b> from the {self.source} as of {self.as_of} "
            f"({self.n_draws} draws)</p>"
        )
        shown = self.to_frame()
        shown["option"] = [OPTION_NAMES.get(o, {}).get("en", o) for o in shown.option]
        return head + shown.to_html(index=False, float_format=lambda v: f"{v:.2f}", na_rep="—")


__all__ = [
    "ALLOCATION_COLUMNS",
    "DOUBLE_HALF_COLUMNS",
    "MILESTONE_COLUMNS",
    "OPTION_COLUMNS",
    "TIER_COLUMNS",
    "TargetsResult",
]
