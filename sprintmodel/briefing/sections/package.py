"""The recommended package: the optimiser's least-cost levers and accelerations (pluggable).

Computed in the worker from the reference scenario's engine (:func:`sprintmodel.optimize.optimize`:
the least-cost mix of levers and project accelerations meeting the city's GDP target with 80%
probability, its defaults, for the reference scenario's data, as-of, levers, method and seed);
registered in :mod:`sprintmodel.briefing.extras` as ``package``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing import sentences as say
from sprintmodel.briefing.document import Cell, Column, Extra, ExtraContext, Section, Table
from sprintmodel.briefing.sections._common import cost_kinds, costs_by_kind, has_api
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.words.briefing import cost_kind_label, t
from sprintmodel.words.units import table_unit

if TYPE_CHECKING:
    from sprintmodel.scenario import ScenarioEngine, ScenarioResult


# ============================================================================ package
def _package_indicators(engine: ScenarioEngine) -> tuple[str, ...]:
    """GDP, or where it has no forecast yet (quarterly data as of February) the first indicator
    with a target for the root that is not a ceiling (the optimiser's default is GDP)."""
    if "gdp" in engine.plans:
        return ("gdp",)
    root = engine.dataset.root
    for code, plan in engine.plans.items():
        if (
            root in plan.units
            and not plan.draws.indicator.ceiling
            and math.isfinite(float(plan.target_level[plan.units.index(root)]))
        ):
            return (code,)
    return ("gdp",)  # the optimiser then says why it cannot


def _package_compute(engine: ScenarioEngine, result: ScenarioResult) -> dict[str, Any]:
    """Run the optimiser on the reference scenario's data and settings (worker side)."""
    from sprintmodel.optimize import optimize

    spec = result.spec
    res = optimize(
        engine.dataset,
        spec.as_of,
        indicators=_package_indicators(engine),
        levers=engine.levers,
        method=spec.method,
        rng=spec.seed,
    )
    return {
        "target_probability": float(res.problem.target_probability),
        "feasible": bool(res.feasible),
        "cost": float(res.cost),
        "probability_checked": float(res.probability_checked),
        "package": res.to_frame(),
        "targets": res.target_table(),
        "notes": list(res.notes),  # Notes: words.notes.note_text renders them
        "yaml": res.to_yaml(),
        "check_draws": int(res.check_draws),
    }


def _item_name(row: Any, lang: str) -> str:
    """A package item's name in ``lang`` (``name_zh``/``name_en`` columns, or ``name`` as
    "中文 / English"), else its code."""
    own = getattr(row, f"name_{lang}", None)
    if own is not None and own == own and str(own):
        return str(own)
    both = getattr(row, "name", None)
    if both is not None and both == both and str(both):
        parts = str(both).split(" / ")
        return parts[0] if lang == "zh" else parts[-1]
    return str(row.item)


def _package_section(payload: dict[str, Any], ctx: ExtraContext) -> Section | None:
    """推荐政策组合: one sentence, the summary and the package's items."""
    lang = ctx.lang
    ds = ctx.dataset
    targets: pd.DataFrame = payload["targets"]
    names = []
    for r in targets.itertuples(index=False):
        u = ds.units[r.unit].label(lang) if r.unit in ds.units else r.unit
        i = ds.indicators[r.indicator].label(lang) if r.indicator in ds.indicators else r.indicator
        names.append(f"{u}{i}" if lang == "zh" else f"{u} {i}")
    target = "、".join(names) if lang == "zh" else ", ".join(names)
    p_target = fmt.prob(payload["target_probability"])
    frame: pd.DataFrame = payload["package"]
    kinds = cost_kinds([frame])
    spent = costs_by_kind(frame, kinds, lang)
    p_checked = fmt.prob(payload["probability_checked"])
    feasible = bool(payload["feasible"])
    yes, no = t("yes", lang), t("no", lang)
    summary = Table(
        "package_summary",
        "推荐政策组合概要" if lang == "zh" else "Recommended package: summary",
        (
            Column("target", "目标" if lang == "zh" else "Target"),
            Column("target_probability", "要求完成概率" if lang == "zh" else "Required chance"),
            *(
                Column(f"cost:{k}", t("h_cost_of", lang, kind=cost_kind_label(k, lang)))
                for k in kinds
            ),
            Column("probability_checked", "复核完成概率" if lang == "zh" else "Re-checked chance"),
            Column("feasible", "达到要求" if lang == "zh" else "Reaches it"),
        ),
        ((target, p_target, *(c for _, c in spent), p_checked, yes if feasible else no),),
        (
            (
                "",
                "",
                *("" for _ in kinds),
                "bad" if not feasible else "good",
                "bad" if not feasible else "good",
            ),
        ),
        notes=(t("cost_kinds_note", lang),) if kinds else (),
        sheet="推荐方案" if lang == "zh" else "Package",
    )
    rows: list[tuple[Cell, ...]] = []
    # 已达上限 says something only where some items are below their limits: when every item is
    # at its limit a sentence says so once and the column is left out.
    at_limit = [bool(x) for x in frame.at_limit] if len(frame) else []
    every = bool(at_limit) and all(at_limit)
    for r in frame.itertuples(index=False):
        kind = str(r.kind)
        lever = kind == "lever"
        if lang == "zh":
            kind_text = "政策" if lever else "项目提前"
        else:
            kind_text = "lever" if lever else kind
        name = _item_name(r, lang)
        unit = ds.units[r.unit].label(lang) if r.unit in ds.units else str(r.unit)
        rows.append(
            (
                kind_text,
                name,
                unit,
                fmt.amount(float(r.intensity)),
                table_unit(str(r.intensity_unit), lang)
                if lever
                else ("个月" if lang == "zh" else "months earlier"),
                fmt.amount(float(r.cost) if r.cost == r.cost else math.nan),
                cost_kind_label(str(r.cost_kind), lang),
                *(() if every else (yes if bool(r.at_limit) else "",)),
            )
        )
    items = Table(
        "package",
        "推荐政策组合明细" if lang == "zh" else "Recommended package: items",
        (
            Column("kind", "类别" if lang == "zh" else "Kind"),
            Column("item", "措施" if lang == "zh" else "Item"),
            Column("unit", t("h_unit", lang)),
            Column("intensity", t("h_intensity", lang)),
            Column("intensity_unit", t("h_intensity_unit", lang)),
            Column("cost", t("h_cost", lang)),
            Column("cost_kind", t("h_cost_kind", lang)),
            *(
                ()
                if every
                else (Column("at_limit", "已达上限" if lang == "zh" else "At its limit"),)
            ),
        ),
        tuple(rows),
        notes=(
            (
                f"由优化模块求解（机会约束规划），并在{payload['check_draws']}次新抽样上复核；"
                "已达上限指政策力度达到参数文件规定的上限，或项目提前达到可行的最长时间。",
            )
            if lang == "zh"
            else (
                f"Solved by the optimiser (chance-constrained programme) and re-checked on "
                f"{payload['check_draws']} fresh draws; `sprintmodel optimize` writes it as a "
                "scenario file.",
            )
        ),
        sheet="推荐方案明细" if lang == "zh" else "Package items",
    )
    sentence = say.package_lead(
        lang,
        target=target,
        feasible=feasible,
        p_target=p_target,
        costs=spent,
        p_checked=p_checked,
        table="package_summary",
    )
    paragraphs: list[Sentence | str] = [sentence]
    if every:
        paragraphs.append(
            "组合中的各项措施均已达上限（政策力度达到参数文件规定的上限，项目提前达到可行的最长时间）。"
            if lang == "zh"
            else "Every item of the package is at its limit (the lever's cap or the most a "
            "project can move)."
        )
    return Section(
        "package",
        "推荐政策组合" if lang == "zh" else "Recommended package",
        tuple(paragraphs),
        (summary, items) if rows else (summary,),
    )


EXTRA = Extra(
    "package",
    available=lambda: has_api("sprintmodel.optimize", "optimize"),
    compute=_package_compute,
    section=_package_section,
    titles={"zh": "推荐政策组合", "en": "Recommended package"},
    order=10,
)
