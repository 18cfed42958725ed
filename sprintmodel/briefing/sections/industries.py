"""Page one's "where the shortfall comes from" by industry (分行业): GDP's shortfall split over
its industries, from :func:`sprintmodel.accounts.report.accounts_report` (the same tables as
``sprintmodel accounts``), with the full-year growth of the reference scenario so that the
shortfall is the one page one states.

Listed in :data:`sprintmodel.briefing.sections.overview.SOURCES` after the districts; a
folder without GDP components gets nothing here.
"""

from __future__ import annotations

import math
import warnings
from typing import TYPE_CHECKING

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing.document import Cell, Column, Table
from sprintmodel.briefing.sections._common import _f
from sprintmodel.briefing.sentences import Sentence, shortfall_industries

if TYPE_CHECKING:
    from sprintmodel.briefing.sections.overview import OverviewContext, Part

TABLE = "overview_industries"


def industries_source(ctx: OverviewContext) -> Part | None:
    """The city's GDP shortfall by industry: the industries furthest below the target rate in
    亿元, and what the largest one's main source indicator would need in Q4 to close the gap
    alone (and whether that is above its record)."""
    from sprintmodel.accounts.report import accounts_report

    names, ds, lang = ctx.names, ctx.names.dataset, ctx.names.lang
    if ctx.lead != "gdp" or ds.component_panel("gdp") is None:
        return None
    fy = {
        str(r.unit): float(r.fy_growth)
        for r in ctx.summary.itertuples()
        if r.indicator == "gdp" and math.isfinite(float(r.fy_growth))
    }
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rep = accounts_report(ds, ctx.as_of, fy_growth=fy)
    except KeyError:
        return None
    city = rep.industries[rep.industries.unit == ds.root]
    if city.empty:
        return None
    label = _labels(ctx)
    zh = lang == "zh"
    cols = (
        Column("industry", "行业" if zh else "Industry"),
        Column("share", "占比(%)" if zh else "Share (%)"),
        Column("ytd", "累计增速(%)" if zh else "Year to date (%)"),
        Column("fy", "全年预计增速(%)" if zh else "Full year (%)"),
        Column("contribution", "贡献率(%)" if zh else "Contribution (%)"),
        Column("shortfall", "按目标增速衡量差额(亿元)" if zh else "Against the target rate (亿元)"),
        Column("source", "主要推算指标" if zh else "Main source indicator"),
        Column("required", "单独补缺口四季度需增长(%)" if zh else "Q4 growth to close alone (%)"),
    )
    rows: list[tuple[Cell, ...]] = []
    short: list[tuple[float, str, fmt.Num, str, fmt.Num, bool]] = []
    for r in city.sort_values("shortfall_value").itertuples():
        name = label.get(str(r.industry), str(r.industry))
        src = str(r.source_indicator) if isinstance(r.source_indicator, str) else ""
        src_name = names.indicator(src) if src in ds.indicators else _source_name(ctx, src)
        gap = fmt.amount(_f(r.shortfall_value), 1)
        req = fmt.growth(_f(r.q4_growth_required_alone))
        rows.append(
            (
                name,
                fmt.growth(_f(r.share_pct)),
                fmt.growth(_f(r.ytd_growth)),
                fmt.growth(_f(r.fy_growth)),
                fmt.growth(_f(r.contribution_pct)),
                gap,
                src_name,
                req,
            )
        )
        if gap.known and gap.negative:
            short.append((_f(r.shortfall_value), name, gap, src_name, req, bool(r.above_record)))
    sentence: Sentence = shortfall_industries(
        lang,
        short=[(n, g) for _, n, g, *_ in short[:3]],
        lead_source=(short[0][3], short[0][4], short[0][5]) if short else None,
        table=TABLE,
    )
    table = Table(
        TABLE,
        "全市地区生产总值分行业缺口" if zh else "GDP's shortfall by industry",
        cols,
        tuple(rows),
        notes=(
            (
                "差额为各行业按全市目标增速衡量的增加值差距（现价，亿元），合计等于全市缺口；"
                "单独补缺口所需增速指仅靠该行业主要推算指标四季度增长弥补全市缺口所需的增速。",
            )
            if zh
            else ("Each industry against the city's target rate; the parts add up to the gap.",)
        ),
        sheet="分行业缺口" if zh else "Gap by industry",
    )
    return (sentence,), (table,)


def _labels(ctx: OverviewContext) -> dict[str, str]:
    comps = ctx.names.dataset.components
    if comps is None:
        return {}
    col = "name_zh" if ctx.names.lang == "zh" else "name_en"
    return {
        str(c): str(n) if isinstance(n, str) and n else str(c)
        for c, n in zip(comps.component, comps[col], strict=True)
    }


def _source_name(ctx: OverviewContext, code: str) -> str:
    ind = ctx.names.dataset.source_indicators.get(code)
    if ind is None:
        return code
    return (ind.name_zh if ctx.names.lang == "zh" else ind.name_en) or code
