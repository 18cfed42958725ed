"""The headline: the reference scenario's figures per indicator, with its sentences and charts."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing import sentences as say
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.periods import parse_period
from sprintmodel.words.briefing import t
from sprintmodel.words.periods import month_span_label, rest_label, span_label

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
    _marks,
    _Names,
    _other_span,
    _row,
    _worse,
)


def _headline_notes(lang: str, marked_spans: bool) -> tuple[str, ...]:
    """The headline table's notes: how to read the range and gap (and the marked spans)."""
    notes: tuple[str, ...] = (
        (
            "预计区间为模拟结果的第10至第90百分位数（十次中有八次落在其中）；与目标差距为全年预计增速减"
            "目标增速，负数表示低于目标。",
        )
        if lang == "zh"
        else (
            "The range is the 10th to 90th percentile of the simulated full year (eight times in "
            "ten the year lands inside it); the gap is projected minus target growth, negative "
            "when short.",
        )
    )
    if marked_spans:
        notes += (
            (
                "注明期间的指标（季度数据）按其最新发布期间列示：累计值和增速为该期间数据，"
                "需增长为该期间之后的剩余期间。",
            )
            if lang == "zh"
            else (
                "Indicators marked with a period (quarterly data) stand at that period: their "
                "year-to-date figures are for it and the required growth is for the rest of the "
                "year after it.",
            )
        )
    return notes


def _headline_charts(
    names: _Names,
    ref: ScenarioOutcome,
    summary: pd.DataFrame,
    lead: str,
    as_of: str,
    status: pd.DataFrame,
) -> list[ChartSpec]:
    """The lead indicator's fan chart and the members' required growth (when any is known)."""
    ds, lang = names.dataset, names.lang
    root = ds.root
    charts: list[ChartSpec] = []
    lead_row = _row(summary, root, lead)
    if lead_row is not None:
        charts.append(fan_chart_spec(names, ref, lead, as_of, status))
        kids = [root, *ds.hierarchy.children(root, rollup_only=True)]
        sub = summary[(summary.indicator == lead) & summary.unit.isin(kids)]
        if sub.q4_growth_required.notna().any():
            charts.append(
                ChartSpec(
                    "requirement",
                    "requirement",
                    t(
                        "c_requirement",
                        lang,
                        indicator=names.indicator(lead),
                        rest=rest_label(str(lead_row["period"]), lang),
                    ),
                    {
                        "frame": sub[
                            ["unit", "indicator", "q4_growth_p50", "q4_growth_required"]
                        ].reset_index(drop=True),
                        "indicator": lead,
                        "units": [u for u in kids if u in set(sub.unit)],
                        "names": {u: names.unit(u) for u in kids},
                    },
                )
            )
    return charts


def headline_section(
    names: _Names,
    ref: ScenarioOutcome,
    status: pd.DataFrame,
    lead: str,
    ref_phrase: str,
    ref_label: str,
    as_of: str,
) -> Section:
    ds, lang = names.dataset, names.lang
    root = ds.root
    summary = ref.summary if ref.summary is not None else pd.DataFrame()
    year = parse_period(as_of).year
    span_h = month_span_label(as_of, lang)
    rest_h = rest_label(as_of, lang) or ("剩余期间" if lang == "zh" else "the rest of the year")
    if lang == "en":
        rest_h = rest_h[:1].upper() + rest_h[1:]
    cols = (
        Column("indicator", t("h_indicator", lang)),
        Column("ytd_value", t("h_ytd_value", lang, span=span_h)),
        Column("ytd_growth", t("h_ytd_growth", lang, span=span_h)),
        Column("target_growth", t("h_target_growth", lang)),
        Column("target_value", t("h_target_value", lang)),
        Column("fy_growth_p50", t("h_fy_growth", lang)),
        Column("fy_growth_range", t("h_range", lang)),
        Column("gap_pp", t("h_gap", lang)),
        Column("p_meet_target", t("h_p_meet", lang)),
        Column("q4_growth_required", t("h_required", lang, rest=rest_h)),
    )
    rows: list[tuple[Cell, ...]] = []
    row_marks: list[str] = []
    sentences: list[Sentence] = []
    marked_spans = False
    status_at: dict[str, pd.DataFrame] = {}
    completion: list[str] = []
    for code in _indicators_of(summary, root, ds):
        r = _row(summary, root, code)
        st = _row(status, root, code)
        if r is None:
            continue
        if ds.indicators[code].completion and math.isfinite(_f(r["target_value"])):
            # An amount to complete (城镇新增就业) reads as done against time progress, on page
            # one (:mod:`.overview`), not as growth.
            completion.append(names.indicator(code))
            continue
        if st is None and str(r["period"]) != as_of:
            # The series stands at an earlier period than the as-of (quarterly GDP as of June
            # with only Q1 published): its year to date is that period's (one status per period).
            from sprintmodel.status import ytd_status

            per = str(r["period"])
            if per not in status_at:
                status_at[per] = ytd_status(ds, per)
            st = _row(status_at[per], root, code)
        tg_raw, tv_raw = ds.target(root, code, year)
        ytd_v = fmt.amount(_f(st["ytd_value"]) if st is not None else math.nan)
        ytd_g = fmt.growth(_f(st["ytd_growth"]) if st is not None else math.nan)
        tg = fmt.growth(tg_raw)
        tv = fmt.amount(tv_raw)
        fy = fmt.growth(_f(r["fy_growth_p50"]))
        lo, hi = fmt.growth(_f(r["fy_growth_p10"])), fmt.growth(_f(r["fy_growth_p90"]))
        has_target = math.isfinite(_f(r["target_growth"]))
        gap = fmt.pp(_f(r["gap_pp"]) if has_target else math.nan)
        p = fmt.prob(_f(r["p_meet_target"]) if has_target else math.nan)
        req = fmt.growth(_f(r["q4_growth_required"]) if has_target else math.nan)
        own = _other_span(str(r["period"]), as_of, lang)
        if own:
            marked_spans = True
        name_cell = names.indicator_with_measure(code)
        if own:
            name_cell = (
                f"{name_cell[:-1]}，{own}）"
                if lang == "zh" and name_cell.endswith("）")
                else (f"{name_cell}（{own}）" if lang == "zh" else f"{name_cell}, {own}")
            )
        rows.append(
            (
                name_cell,
                ytd_v,
                ytd_g,
                tg,
                tv,
                fy,
                Span(lo, hi),
                gap,
                p,
                req,
            )
        )
        row_marks.append("bad" if _worse(gap, ds, code) else ("good" if gap.known else ""))
        sentences.append(
            say.headline(
                lang,
                indicator=names.indicator(code),
                span=span_label(str(r["period"]), lang),
                rest=rest_label(str(r["period"]), lang),
                ytd_value=ytd_v,
                measure=names.measure(code),
                ytd_growth=ytd_g,
                target_growth=tg if tg.known else None,
                target_value=tv if tv.known else None,
                required=req,
                scenario=ref_phrase,
                fy=fy,
                lo=lo,
                hi=hi,
                gap=gap,
                p_meet=p,
                table="headline",
                ceiling=ds.indicators[code].ceiling,
            )
        )
    notes = _headline_notes(lang, marked_spans)
    if completion:
        notes += (
            (f"{'、'.join(completion)}为任务类指标，按完成年度目标与时序进度比较，见“总体判断”。",)
            if lang == "zh"
            else (
                f"{', '.join(completion)}: targets to complete, shown against time progress in the overview.",
            )
        )
    table = Table(
        "headline",
        t("t_headline", lang, scenario=ref_label),
        cols,
        tuple(rows),
        _marks(rows, row_marks, cols, ("gap_pp", "p_meet_target")),
        notes,
        sheet="主要指标" if lang == "zh" else "Headline",
    )
    charts = _headline_charts(names, ref, summary, lead, as_of, status)
    return Section("headline", t("headline", lang), tuple(sentences), (table,), tuple(charts))


def fan_chart_spec(
    names: _Names, ref: ScenarioOutcome, lead: str, as_of: str, status: pd.DataFrame
) -> ChartSpec:
    ds, lang = names.dataset, names.lang
    root = ds.root
    r = _row(ref.summary, root, lead)
    assert r is not None
    year = parse_period(as_of).year
    past = list(range(year - 8, year))
    try:
        panel = ds.until(as_of).panel(lead, "Q", units=[root], years=past)
        history = [float(x) for x in panel.growth()[0, :, -1]]
    except (KeyError, ValueError, IndexError):
        history = [math.nan] * len(past)
    band = None
    if ref.bands is not None:
        band = _row(ref.bands, root, lead)
    lo95 = _f(band["fy_growth_p025"]) if band is not None else _f(r["fy_growth_p10"])
    hi95 = _f(band["fy_growth_p975"]) if band is not None else _f(r["fy_growth_p90"])
    st = _row(status, root, lead)
    tg = _f(r["target_growth"])
    return ChartSpec(
        "fan",
        "fan",
        t("c_fan", lang, unit=names.unit(root), indicator=names.indicator(lead)),
        {
            "years": past,
            "history": history,
            "forecast": {
                "year": year,
                "point": _f(r["fy_growth_p50"]),
                "lo80": _f(r["fy_growth_p10"]),
                "hi80": _f(r["fy_growth_p90"]),
                "lo95": lo95,
                "hi95": hi95,
            },
            "ytd": _f(st["ytd_growth"]) if st is not None else None,
            "target": tg if math.isfinite(tg) else None,
        },
    )
