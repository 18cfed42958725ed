"""One scenario's detail: levers, costs, attribution and its changes from the reference."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing import sentences as say
from sprintmodel.briefing.formatting import Num
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.words.briefing import cost_kind_label, t

if TYPE_CHECKING:
    from sprintmodel.scenario.batch import ScenarioOutcome

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
    _intensity_unit,
    _label,
    _marks,
    _Names,
    _row,
    _worse,
    scenario_phrase,
)


def detail_section(
    names: _Names,
    o: ScenarioOutcome,
    ref: ScenarioOutcome,
    lead: str,
    ref_label: str,
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
        fy = fmt.growth(_f(r["fy_growth"]))
        lo, hi = fmt.growth(_f(r["fy_growth_p10"])), fmt.growth(_f(r["fy_growth_p90"]))
        delta = fmt.pp(_f(r["fy_growth"]) - (_f(b["fy_growth"]) if b is not None else math.nan))
        gap = fmt.pp(_f(r["gap_pp"]) if has_t else math.nan)
        p = fmt.prob(_f(r["p_meet_target"]) if has_t else math.nan)
        rows.append((names.indicator(code), fy, Span(lo, hi), delta, gap, p))
        rmarks.append("bad" if _worse(gap, ds, code) else "")
        if code == lead:
            lead_cells = (fy, lo, hi, gap, p)
    paragraphs: list[Sentence | str] = []
    spec = o.job.spec
    if spec is not None and spec.description:
        paragraphs.append(spec.description)
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
                    _intensity_unit(str(c.intensity_unit), lang),
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
    paragraphs += list(o.notes)
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
        f"{label}（{o.name}）" if lang == "zh" and label != o.name else label,
        tuple(paragraphs),
        tuple(tables),
        tuple(charts),
    )
