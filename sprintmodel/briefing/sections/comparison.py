"""The comparison of scenarios with the reference."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

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
    Table,
)
from sprintmodel.briefing.sections._common import (
    _f,
    _indicators_of,
    _label,
    _Names,
    _row,
    _worse,
    completion_header,
    completion_row,
    cost_kinds,
    costs_by_kind,
    scenario_phrase,
    shown_figures,
)


def comparison_section(
    names: _Names,
    ok: Sequence[ScenarioOutcome],
    ref: ScenarioOutcome,
    lead: str,
    ref_label: str,
    ref_phrase: str,
    *,
    row_limit: int,
    sentence_limit: int,
) -> Section:
    ds, lang = names.dataset, names.lang
    root = ds.root
    ref_sum = ref.summary if ref.summary is not None else pd.DataFrame()
    inds = _indicators_of(ref_sum, root, ds)
    shown = list(ok[:row_limit])
    if ref not in shown:
        shown = [ref, *shown[: row_limit - 1]]
    head = Column("scenario", t("h_scenario", lang))
    kinds = cost_kinds([o.costs for o in shown])
    cost_cols = [
        Column(f"cost:{k}", t("h_cost_of", lang, kind=cost_kind_label(k, lang))) for k in kinds
    ]
    spent: dict[str, list[tuple[str, Num]]] = {}
    g_rows, d_rows, p_rows = [], [], []
    d_marks: list[tuple[str, ...]] = []
    per: dict[str, dict[str, tuple[Num, Num, Num]]] = {}
    for o in shown:
        s = o.summary if o.summary is not None else pd.DataFrame()
        label = _label(o, lang)
        spent[o.name] = costs_by_kind(o.costs, kinds, lang)
        g_cells: list[Cell] = [label, *(c for _, c in spent[o.name])]
        d_cells: list[Cell] = [label]
        p_cells: list[Cell] = [label]
        dm: list[str] = [""]
        per[o.name] = {}
        for code in inds:
            r, b = _row(s, root, code), _row(ref_sum, root, code)
            gv = shown_figures(ds, code, r)[0]
            bv = shown_figures(ds, code, b)[0]
            has_t = r is not None and math.isfinite(_f(r["target_growth"]))
            g, d = fmt.growth(gv), fmt.pp(gv - bv)
            p = fmt.prob(_f(r["p_meet_target"]) if has_t and r is not None else math.nan)
            g_cells.append(g)
            d_cells.append(d)
            p_cells.append(p)
            dm.append("bad" if _worse(d, ds, code) else ("good" if d.known and not d.zero else ""))
            per[o.name][code] = (g, d, p)
        g_rows.append(tuple(g_cells))
        d_rows.append(tuple(d_cells))
        p_rows.append(tuple(p_cells))
        d_marks.append(tuple(dm))
    ref_rows = {c: _row(ref_sum, root, c) for c in inds}
    heads = {
        c: completion_header(names, c) if completion_row(ds, c, ref_rows[c]) else names.indicator(c)
        for c in inds
    }
    ind_cols = [Column(f"growth:{c}", heads[c]) for c in inds]
    more = len(ok) - len(shown)
    notes = (t("more_rows", lang, n=more),) if more > 0 else ()
    g_notes = (*notes, t("cost_kinds_note", lang)) if kinds else notes
    tg = Table(
        "cmp_growth",
        t("t_cmp_growth", lang),
        (head, *cost_cols, *ind_cols),
        tuple(g_rows),
        notes=g_notes,
        sheet="情景比较-增速" if lang == "zh" else "Compare growth",
    )
    td = Table(
        "cmp_delta",
        t("t_cmp_delta", lang, reference=ref_label),
        (head, *[Column(f"delta:{c}", heads[c]) for c in inds]),
        tuple(d_rows),
        tuple(d_marks),
        notes=notes,
        sheet="情景比较-增减" if lang == "zh" else "Compare change",
    )
    tp = Table(
        "cmp_p",
        t("t_cmp_p", lang),
        (head, *[Column(f"p:{c}", names.indicator(c)) for c in inds]),
        tuple(p_rows),
        notes=notes,
        sheet="情景比较-概率" if lang == "zh" else "Compare chance",
    )
    sentences: list[Sentence | str] = []
    for o in shown[:sentence_limit]:
        if o is ref or lead not in per[o.name]:
            continue
        g, d, p = per[o.name][lead]
        sentences.append(
            say.comparison(
                lang,
                scenario=scenario_phrase(_label(o, lang), lang),
                reference=ref_phrase,
                indicator=names.indicator(lead),
                fy=g,
                delta=d,
                p_meet=p,
                costs=spent[o.name],
                tables=("cmp_growth", "cmp_delta", "cmp_p"),
            )
        )
    charts: list[ChartSpec] = []
    if lead in inds:
        rows: list[tuple[ScenarioOutcome, Any]] = []
        for o in shown:
            r = _row(o.summary, root, lead) if o.summary is not None else None
            if r is not None:
                rows.append((o, r))
        tgt = _f(rows[0][1]["target_growth"]) if rows else math.nan
        charts.append(
            ChartSpec(
                "comparison",
                "comparison",
                t("c_comparison", lang, indicator=names.indicator(lead)),
                {
                    "labels": [_label(o, lang) for o, _ in rows],
                    "names": [o.name for o, _ in rows],
                    "p10": [_f(r["fy_growth_p10"]) for _, r in rows],
                    "p50": [_f(r["fy_growth_p50"]) for _, r in rows],
                    "p90": [_f(r["fy_growth_p90"]) for _, r in rows],
                    "target": tgt if math.isfinite(tgt) else None,
                    "reference": _label(ref, lang),
                },
            )
        )
    return Section(
        "comparison", t("comparison", lang), tuple(sentences), (tg, td, tp), tuple(charts)
    )
