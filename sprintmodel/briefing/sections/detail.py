"""One scenario's detail: levers, costs, attribution and its changes from the reference."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing import sentences as say
from sprintmodel.briefing.formatting import Num
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.scenario.results import note_names
from sprintmodel.words.briefing import cost_kind_label, status_label, t
from sprintmodel.words.notes import note_text
from sprintmodel.words.units import table_unit

if TYPE_CHECKING:
    from sprintmodel.scenario.batch import ScenarioOutcome
    from sprintmodel.scenario.levers import LeverSet
    from sprintmodel.scenario.spec import ProjectShift, ScenarioSpec

from sprintmodel.briefing.document import (
    Cell,
    ChartSpec,
    Column,
    Section,
    Span,
    Table,
)
from sprintmodel.briefing.sections._common import (
    _f,
    _indicators_of,
    _label,
    _marks,
    _Names,
    _row,
    _worse,
    completion_header,
    completion_row,
    scenario_phrase,
    shown_figures,
)


def _month(text: str | None, default: int) -> int:
    """The month (1-12) of ``YYYY-MM``, else ``default``."""
    if not text:
        return default
    try:
        return int(str(text).split("-")[1])
    except (IndexError, ValueError):
        return default


def _project_phrase(names: _Names, shift: ProjectShift) -> str:
    """One item of a scenario's ``projects`` in words (zh): 云湖储能电池生产基地二期提前4个月."""
    ds = names.dataset
    reg = ds.projects
    if shift.project is not None:
        hit = reg[reg.project == shift.project] if "project" in reg else reg.iloc[0:0]
        who = str(hit.iloc[0]["name"]) if len(hit) else "所选项目"
    else:
        bits = []
        if shift.unit is not None:
            bits.append(names.unit(shift.unit))
        if shift.status is not None:
            bits.append(status_label(shift.status, "zh"))
        who = "".join(bits) + "项目"
    acts = []
    for months, what in (
        (shift.shift_months, ""),
        (shift.entry_shift_months, "入库"),
        (shift.production_shift_months, "投产"),
    ):
        if months:
            acts.append(f"{what}{'提前' if months < 0 else '推迟'}{abs(months)}个月")
    for date, what in ((shift.start, "开工"), (shift.entry, "入库"), (shift.production, "投产")):
        if date:
            acts.append(f"{_month(date, 0)}月{what}")
    return who + "、".join(acts)


def describe_scenario(
    names: _Names, spec: ScenarioSpec, label: str, levers: LeverSet | None
) -> str:
    """A scenario described from what it sets, so the text cannot contradict it: each lever's
    intensity against its cap and its start month, and the project dates it moves.

    ``全力冲刺：发放消费券3.00亿元（用足上限），11月起；专项债券资金加快使用20.00亿元（上限的80%），
    10月起；……；云湖新能源汽车整车基地二期10月入库。`` The scenario file's own ``description``
    gives only the label (its head); the rest is generated here.
    """
    zh = names.lang == "zh"
    first = spec.as_of.month % 12 + 1
    parts: list[str] = []
    for s in spec.levers:
        lv = levers.get(s.lever) if levers is not None else None
        name = (lv.name_zh if zh else lv.name_en) if lv is not None else s.lever
        unit = table_unit(lv.intensity_unit, names.lang) if lv is not None else ""
        # Months are whole (提前3个月), money two decimals (3.00亿元) as in the tables.
        whole = unit == "个月" and float(s.total).is_integer()
        total = fmt.amount(s.total, 0 if whole else fmt.AMOUNT_DECIMALS)
        text = f"{name}{total.text}{unit}" if zh else f"{name} {total.text} ({unit})"
        if lv is not None and lv.cap > 0:
            share = s.total / lv.cap
            if share >= 1 - 1e-9:
                text += "（用足上限）" if zh else " (at its cap)"
            else:
                pct = fmt.format_number(100 * share, 0)
                text += f"（上限的{pct}%）" if zh else f" ({pct}% of its cap)"
        if s.units:
            where = "、".join(names.unit(u) for u, _ in s.units)
            text += f"，投向{where}" if zh else f", in {where}"
        if lv is None or lv.kind != "project_timing":
            m = _month(s.start, first)
            text += f"，{m}月起" if zh else f", from month {m}"
        parts.append(text)
    if zh:
        parts += [_project_phrase(names, p) for p in spec.projects]
    elif spec.projects:
        parts.append(f"{len(spec.projects)} project date change(s)")
    if not parts:
        body = (
            "仅按统计预测，不加政策措施，项目按原计划推进"
            if zh
            else "the statistical forecast only: no levers, projects on their plans"
        )
    else:
        body = "；".join(parts) if zh else "; ".join(parts)
    return f"{label}：{body}。" if zh else f"{label}: {body}."


def detail_section(
    names: _Names,
    o: ScenarioOutcome,
    ref: ScenarioOutcome,
    lead: str,
    ref_label: str,
    levers: LeverSet | None = None,
) -> Section:
    ds, lang = names.dataset, names.lang
    root = ds.root
    s = o.summary if o.summary is not None else pd.DataFrame()
    ref_sum = ref.summary if ref.summary is not None else pd.DataFrame()
    label = _label(o, lang)
    key = f"detail:{o.job.folder or o.name}"
    cols = (
        Column("indicator", t("h_indicator", lang)),
        Column("fy_growth", t("h_fy_growth", lang)),
        Column("fy_growth_range", t("h_range", lang)),
        Column("delta", t("h_delta", lang, reference=ref_label)),
        Column("gap_pp", t("h_gap", lang)),
        Column("p_meet_target", t("h_p_meet", lang)),
    )
    rows: list[tuple[Cell, ...]] = []
    rmarks: list[str] = []
    lead_cells: tuple[Num, Num, Num, Num, Num] | None = None
    for code in _indicators_of(s, root, ds):
        r, b = _row(s, root, code), _row(ref_sum, root, code)
        if r is None:
            continue
        has_t = math.isfinite(_f(r["target_growth"]))
        p50, p10, p90, gap_v = shown_figures(ds, code, r)
        fy = fmt.growth(p50)
        lo, hi = fmt.growth(p10), fmt.growth(p90)
        delta = fmt.pp(p50 - shown_figures(ds, code, b)[0])
        gap = fmt.pp(gap_v if has_t or completion_row(ds, code, r) else math.nan)
        p = fmt.prob(_f(r["p_meet_target"]) if has_t else math.nan)
        label_cell = (
            completion_header(names, code) if completion_row(ds, code, r) else names.indicator(code)
        )
        rows.append((label_cell, fy, Span(lo, hi), delta, gap, p))
        rmarks.append("bad" if _worse(gap, ds, code) else "")
        if code == lead:
            lead_cells = (fy, lo, hi, gap, p)
    paragraphs: list[Sentence | str] = []
    spec = o.job.spec
    if spec is not None:
        paragraphs.append(describe_scenario(names, spec, label, levers))
    if lead_cells is not None:
        fy, lo, hi, gap, p = lead_cells
        paragraphs.append(
            say.scenario_detail(
                lang,
                scenario=scenario_phrase(label, lang),
                indicator=names.indicator(lead),
                fy=fy,
                lo=lo,
                hi=hi,
                gap=gap,
                p_meet=p,
                table=key,
            )
        )
    tables = [
        Table(
            key,
            t("t_detail", lang, scenario=label),
            cols,
            tuple(rows),
            _marks(rows, rmarks, cols, ("gap_pp", "p_meet_target")),
        )
    ]
    costs = o.costs
    if costs is not None and len(costs):
        crows: list[tuple[Cell, ...]] = []
        for c in costs.itertuples(index=False):
            crows.append(
                (
                    str(c.name_zh if lang == "zh" else c.name_en) or str(c.lever),
                    fmt.amount(_f(c.intensity)),
                    table_unit(str(c.intensity_unit), lang),
                    fmt.amount(_f(c.cost)),
                    cost_kind_label(str(c.cost_kind), lang),
                )
            )
        tables.append(
            Table(
                f"costs:{o.job.folder or o.name}",
                t("t_costs", lang, scenario=label),
                (
                    Column("lever", t("h_lever", lang)),
                    Column("intensity", t("h_intensity", lang)),
                    Column("intensity_unit", t("h_intensity_unit", lang)),
                    Column("cost", t("h_cost", lang)),
                    Column("cost_kind", t("h_cost_kind", lang)),
                ),
                tuple(crows),
            )
        )
    said = note_names(ds, levers, lang)
    paragraphs += [note_text(n, lang, said) for n in o.notes]
    charts: list[ChartSpec] = []
    wf = o.waterfalls.get(lead)
    if wf is not None and len(wf) > 2:
        labels: dict[str, str] = {}
        if costs is not None:
            for c in costs.itertuples(index=False):
                labels[str(c.lever)] = str(c.name_zh if lang == "zh" else c.name_en)
        r = _row(s, root, lead)
        tg = _f(r["target_growth"]) if r is not None else math.nan
        charts.append(
            ChartSpec(
                f"waterfall_{o.job.folder or o.name}",
                "waterfall",
                t("c_waterfall", lang, scenario=label, indicator=names.indicator(lead)),
                {
                    "attribution": wf,
                    "labels": labels,
                    "target": tg if math.isfinite(tg) else None,
                },
            )
        )
    return Section(
        key,
        label,
        tuple(paragraphs),
        tuple(tables),
        tuple(charts),
    )
