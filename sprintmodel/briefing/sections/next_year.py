"""Next year's targets (pluggable): the options by tier and the chosen one by district.

:func:`sprintmodel.targets.draft_targets` from the reference scenario's full-year draws
(保底/力争/奋斗 with their probabilities) and the 力争 option allocated to the districts;
registered in :mod:`sprintmodel.briefing.extras` as ``targets``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing import sentences as say
from sprintmodel.briefing.document import Cell, Column, Extra, ExtraContext, Section, Table
from sprintmodel.briefing.sections._common import has_api
from sprintmodel.words.briefing import t
from sprintmodel.words.options import TIER_NAMES, tier_name

if TYPE_CHECKING:
    from sprintmodel.scenario import ScenarioEngine, ScenarioResult


# ============================================================================ targets


OPTION_NOTE = {
    "zh": "完成概率为按今年预计（参照情景）推算的明年完成该目标的可能性；保底、力争、奋斗分别约为"
    "八成、五成、三成把握。",
    "en": "Chance: the probability of meeting the option next year, from this year's projection "
    "(the reference scenario); floor, strive and aspire are drawn for about 80%, 50% and 30%.",
}


def _targets_compute(engine: ScenarioEngine, result: ScenarioResult) -> dict[str, Any]:
    """Draft next year's targets from the reference scenario (worker side)."""
    from sprintmodel.targets import draft_targets

    res = draft_targets(engine.dataset, scenario=result, rng=result.spec.seed)
    return {
        "year": int(res.year),
        "option": str(res.option),
        "options": res.options.copy(),
        "allocation": res.allocation.copy(),
        "notes": list(res.notes),  # Notes: TargetsResult.note_texts words them
    }


def _tier_columns(lang: str, this_year: tuple[str, str], kind: str, suffix: str) -> list[Column]:
    """The options tables' columns: indicator, this year's figure, each tier and its chance."""
    cols = [Column("indicator", t("h_indicator", lang)), Column(*this_year)]
    for key in TIER_NAMES:
        cols += [
            Column(f"{key}_{kind}", f"{tier_name(key, lang)}{suffix}"),
            Column(f"p_{key}", "完成概率" if lang == "zh" else "Chance"),
        ]
    return cols


def _task_table(options: pd.DataFrame, tasks: list[str], year: int, ctx: ExtraContext) -> Table:
    """Options of the completion-type indicators (城镇新增就业) as amounts in their measure.

    A task is set as an amount to complete (``targets.options.amount_options``), so its tiers
    are shown in its measure, with as many decimals as the options are rounded to.
    """
    from sprintmodel.targets.options import amount_step

    lang, ds = ctx.lang, ctx.dataset
    head = "今年预计完成" if lang == "zh" else "This year (projected)"
    cols = _tier_columns(lang, ("this_year_value", head), "value", "")
    rows: list[tuple[Cell, ...]] = []
    for code in tasks:
        ind = ds.indicators[code]
        part = options[options.indicator == code]
        f = float(part.this_year_value.iloc[0])
        step = amount_step(f)
        places = max(0, -math.floor(math.log10(step))) if step > 0 else 2
        label = (
            f"{ind.label(lang)}（{ind.measure}）"
            if lang == "zh"
            else f"{ind.label(lang)} ({ind.measure})"
        )
        cells: list[Cell] = [label, fmt.amount(f, 2)]
        for key in TIER_NAMES:
            hit = part[part.tier == key]
            cells += [
                fmt.amount(float(hit.target_value.iloc[0]) if len(hit) else math.nan, places),
                fmt.prob(float(hit.probability.iloc[0]) if len(hit) else math.nan),
            ]
        rows.append(tuple(cells))
    return Table(
        "targets_tasks",
        f"{year}年任务类指标目标建议（按完成量）"
        if lang == "zh"
        else f"Task options for {year} (amounts)",
        tuple(cols),
        tuple(rows),
        notes=(TASK_NOTE[lang],),
        sheet="明年任务目标" if lang == "zh" else "Next year tasks",
    )


TASK_NOTE = {
    "zh": "城镇新增就业等任务类指标按全年完成量下达，目标建议以完成量表示（取三位有效数字），"
    "不按增速分档。",
    "en": "Tasks such as new urban jobs are set as an amount to complete, so their options are "
    "amounts (three significant figures), not growth tiers.",
}


def _targets_section(payload: dict[str, Any], ctx: ExtraContext) -> Section | None:
    """明年目标建议: the city's options by tier, and the chosen option by district."""
    lang = ctx.lang
    ds = ctx.dataset
    year = int(payload["year"])
    options: pd.DataFrame = payload["options"]
    if options.empty:
        return None
    names = {c: i.label(lang) for c, i in ds.indicators.items()}
    tier_names = {k: tier_name(k, lang) for k in TIER_NAMES}
    head = "今年预计增速(%)" if lang == "zh" else "This year (%)"
    cols = _tier_columns(lang, ("this_year_growth", head), "growth", "(%)")
    rows: list[tuple[Cell, ...]] = []
    lead_tiers: list[tuple[str, fmt.Num, fmt.Num]] = []
    lead = "gdp" if "gdp" in set(options.indicator) else str(options.indicator.iloc[0])
    tasks = [
        c
        for c in dict.fromkeys(options.indicator)
        if c in ds.indicators and ds.indicators[c].completion
    ]
    for code in dict.fromkeys(options.indicator):
        if code in tasks:
            continue
        part = options[options.indicator == code]
        this_year = fmt.growth(float(part.this_year_growth.iloc[0]))
        cells: list[Cell] = [names.get(code, code), this_year]
        for key in TIER_NAMES:
            hit = part[part.tier == key]
            g = fmt.growth(float(hit.target_growth.iloc[0]) if len(hit) else math.nan)
            p = fmt.prob(float(hit.probability.iloc[0]) if len(hit) else math.nan)
            cells += [g, p]
            if code == lead and g.known:
                lead_tiers.append((tier_names[key], g, p))
        rows.append(tuple(cells))
    opt_table = Table(
        "targets_options",
        f"{year}年主要指标目标建议" if lang == "zh" else f"Target options for {year}",
        tuple(cols),
        tuple(rows),
        notes=(OPTION_NOTE[lang],),
        sheet="明年目标" if lang == "zh" else "Next year",
    )
    tables = [opt_table]
    if tasks:
        tables.append(_task_table(options, tasks, year, ctx))
    alloc: pd.DataFrame = payload["allocation"]
    sub = alloc[(alloc.indicator == lead) & (alloc.level != "park")] if len(alloc) else alloc
    if len(sub):
        arows: list[tuple[Cell, ...]] = []
        for r in sub.itertuples(index=False):
            arows.append(
                (
                    ds.units[r.unit].label(lang) if r.unit in ds.units else str(r.unit),
                    fmt.growth(float(r.target_growth)),
                    fmt.amount(float(r.target_value)),
                    fmt.prob(float(r.probability)),
                )
            )
        tables.append(
            Table(
                "targets_allocation",
                (
                    f"{names.get(lead, lead)}{tier_names['strive']}目标分解"
                    if lang == "zh"
                    else f"{names.get(lead, lead)}: the {tier_names['strive']} option by district"
                ),
                (
                    Column("unit", t("h_unit", lang)),
                    Column("target_growth", "目标增速(%)" if lang == "zh" else "Target growth (%)"),
                    Column(
                        "target_value",
                        f"目标值({ds.indicators[lead].measure})"
                        if lang == "zh" and lead in ds.indicators
                        else "Target level",
                    ),
                    Column("p_meet", t("h_p_meet", lang)),
                ),
                tuple(arows),
                sheet="明年目标分解" if lang == "zh" else "Next year by district",
            )
        )
    paragraphs: list[Any] = []
    if lead_tiers:
        paragraphs.append(
            say.targets_lead(
                lang,
                year=year,
                indicator=names.get(lead, lead),
                tiers=lead_tiers,
                table="targets_options",
            )
        )
    return Section(
        "targets",
        f"{year}年目标建议" if lang == "zh" else f"Targets for {year}",
        tuple(paragraphs),
        tuple(tables),
    )


EXTRA = Extra(
    "targets",
    available=lambda: has_api("sprintmodel.targets", "draft_targets"),
    compute=_targets_compute,
    section=_targets_section,
    titles={"zh": "明年目标建议", "en": "Next year's targets"},
    order=20,
)
