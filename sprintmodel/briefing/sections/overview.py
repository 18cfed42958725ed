"""Page one (总体判断): what a 主要领导 reads in two minutes.

Four parts, each a subsection: where the year lands (the lead indicator's full year, its
shortfall in 亿元 at current prices and the odds in words, then the other indicators in a line);
where the shortfall comes from (the districts, the key enterprises, and whatever
:data:`SOURCES` holds: a builder for industries or another breakdown is appended there); the
key tasks with their 牵头单位 and 完成时限 (``tasks.csv``); and the completion-type indicators
(城镇新增就业: done against time progress).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing import sentences as say
from sprintmodel.briefing.document import Cell, Column, Section, Table
from sprintmodel.briefing.sections._common import _f, _indicators_of, _Names, _row
from sprintmodel.briefing.sections.industries import industries_source
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.figures import completion_pct
from sprintmodel.words.briefing import CN_NUMERALS, t
from sprintmodel.words.periods import month_span_label, rest_label

if TYPE_CHECKING:
    from sprintmodel.league import LeagueReport
    from sprintmodel.scenario.batch import ScenarioOutcome

Part = tuple[tuple[Sentence | str, ...], tuple[Table, ...]]
"""What a part of page one holds: paragraphs and tables."""


@dataclass(frozen=True)
class OverviewContext:
    """What the builders of page one know: names, the reference scenario, the year to date
    (:func:`sprintmodel.status.ytd_status`), the league (or None), the lead indicator, the
    reference's phrase (基准情景) and the as-of period."""

    names: _Names
    ref: ScenarioOutcome
    status: pd.DataFrame
    league: LeagueReport | None
    lead: str
    ref_phrase: str
    as_of: str

    @property
    def summary(self) -> pd.DataFrame:
        return self.ref.summary if self.ref.summary is not None else pd.DataFrame()


# ============================================================================ 总体判断
def judgement(ctx: OverviewContext) -> Part:
    """The lead indicator's year in one sentence, the growth indicators in a table, and which
    of them are likely, which need a push (words only)."""
    names, ds = ctx.names, ctx.names.dataset
    lang, root, summary = names.lang, ds.root, ctx.summary
    cols = (
        Column("indicator", t("h_indicator", lang)),
        Column("fy_growth", t("h_fy_growth", lang)),
        Column("target_growth", t("h_target_growth", lang)),
        Column("gap_pp", t("h_gap", lang)),
        Column("gap_level", "与目标差额" if lang == "zh" else "Gap in value"),
        Column("odds", "完成目标把握" if lang == "zh" else "Odds of meeting it"),
    )
    rows: list[tuple[Cell, ...]] = []
    paragraphs: list[Sentence | str] = []
    likely: list[str] = []
    close: list[str] = []
    hard: list[str] = []
    for code in _indicators_of(summary, root, ds):
        ind = ds.indicators[code]
        r = _row(summary, root, code)
        if r is None or ind.completion or not math.isfinite(_f(r["target_growth"])):
            continue
        fy, tg = fmt.growth(_f(r["fy_growth"])), fmt.growth(_f(r["target_growth"]))
        gap = fmt.pp(_f(r["gap_pp"]))
        level = fmt.amount(_f(r["gap_level"]), 1)
        p = fmt.prob(_f(r["p_meet_target"]))
        rows.append(
            (
                names.indicator_with_measure(code),
                fy,
                tg,
                gap,
                level,
                say.odds(p, lang),
            )
        )
        if code == ctx.lead:
            paragraphs.append(
                say.overall(
                    lang,
                    scenario=ctx.ref_phrase,
                    unit=names.unit(root),
                    indicator=names.indicator(code),
                    fy=fy,
                    target=tg,
                    gap=gap,
                    level=level,
                    measure=ind.measure,
                    p_meet=p,
                    ceiling=ind.ceiling,
                    table="overview",
                )
            )
        elif p.known:
            r_p = p.rounded
            if r_p == r_p and r_p >= 0.5:
                likely.append(names.indicator(code))
            elif p.text.startswith("<") or (r_p == r_p and r_p < 0.1):
                hard.append(names.indicator(code))
            else:
                close.append(names.indicator(code))
    if lang == "zh" and (likely or close or hard):
        parts = []
        if likely:
            parts.append(f"{'、'.join(likely)}有望完成目标")
        if close:
            parts.append(f"{'、'.join(close)}仍有差距，需加力冲刺")
        if hard:
            parts.append(f"{'、'.join(hard)}完成目标难度很大，需重点攻坚")
        paragraphs.append("其他主要指标中，" + "；".join(parts) + "。")
    elif likely or close or hard:
        parts = []
        if likely:
            parts.append(f"{', '.join(likely)} should meet their targets")
        if close:
            parts.append(f"{', '.join(close)} are short and need a push")
        if hard:
            parts.append(f"{', '.join(hard)} are far from theirs")
        paragraphs.append("Of the other indicators, " + "; ".join(parts) + ".")
    if not rows:
        return (), ()
    table = Table(
        "overview",
        "主要指标总体判断" if lang == "zh" else "Where the year lands",
        cols,
        tuple(rows),
        notes=(
            ("与目标差额为全年预计值减目标值，按现价计算，负数表示低于目标。",)
            if lang == "zh"
            else ("Gap in value: projected minus target level at current prices.",)
        ),
        sheet="总体判断" if lang == "zh" else "Overview",
    )
    return tuple(paragraphs), (table,)


# ============================================================================ 缺口来源
def members_source(ctx: OverviewContext) -> Part | None:
    """The districts short of their own targets in 亿元, and the rest-of-year growth each needs
    to reach the city's average (the league's ``rest_growth_for_average``)."""
    names, ds = ctx.names, ctx.names.dataset
    lang, root, lead, summary = names.lang, ds.root, ctx.lead, ctx.summary
    kids = list(ds.hierarchy.children(root, rollup_only=True))
    if not kids or _row(summary, root, lead) is None:
        return None
    lag = ctx.league.lagging if ctx.league is not None else pd.DataFrame()
    for_avg: dict[str, float] = {}
    if len(lag) and "rest_growth_for_average" in lag:
        sub = lag[(lag.indicator == lead) & lag.below_average.fillna(False).astype(bool)]
        for_avg = dict(zip(sub.unit, sub.rest_growth_for_average.astype(float), strict=True))
    words = names.words
    period = series_period_of(summary, root, lead, ctx.as_of)
    rest, span = rest_label(period, lang), month_span_label(period, lang)
    cols = (
        Column("unit", t("h_unit", lang)),
        Column("ytd_growth", t("h_ytd_growth", lang, span=span)),
        Column("fy_growth", t("h_fy_growth", lang)),
        Column("gap_level", "与自身目标差额" if lang == "zh" else "Gap to own target"),
        Column(
            "rest_for_average",
            f"达到{words['whole']}平均{rest}需增长(%)"
            if lang == "zh"
            else "Rest of year for the average (%)",
        ),
        Column(
            "rest_for_target",
            f"完成目标{rest}需增长(%)" if lang == "zh" else "Rest of year for the target (%)",
        ),
    )
    rows: list[tuple[Cell, ...]] = []
    short: list[tuple[float, str, fmt.Num]] = []
    need: list[tuple[str, fmt.Num]] = []
    for u in kids:
        r = _row(summary, u, lead)
        if r is None:
            continue
        st = _row(ctx.status, u, lead)
        ytd = fmt.growth(_f(st["ytd_growth"]) if st is not None else math.nan)
        level = fmt.amount(_f(r["gap_level"]), 1)
        avg = fmt.growth(for_avg.get(u, math.nan))
        rows.append(
            (
                names.unit(u),
                ytd,
                fmt.growth(_f(r["fy_growth"])),
                level,
                avg,
                fmt.growth(_f(r["q4_growth_required"])),
            )
        )
        if level.known and level.negative:
            short.append((_f(r["gap_level"]), names.unit(u), level))
        if avg.known:
            need.append((names.unit(u), avg))
    if not rows:
        return None
    short.sort()
    need.sort(key=lambda x: -x[1].value)
    sentence = say.shortfall_members(
        lang,
        indicator=names.indicator(lead),
        measure=names.measure(lead),
        short=[(n, lv) for _, n, lv in short[:3]],
        need=need[:3],
        rest=rest,
        whole=words["whole"],
        members=words["members"],
        table="overview_members",
    )
    table = Table(
        "overview_members",
        f"各{words['members']}{names.indicator(lead)}缺口与四季度任务"
        if lang == "zh"
        else f"{names.indicator(lead)}: {words['members']}' gaps and what the rest of the year needs",
        cols,
        tuple(rows),
        notes=(
            (
                f"与自身目标差额按现价计算（{names.measure(lead)}），负数表示低于目标；"
                f"达到{words['whole']}平均所需增速只列累计增速低于平均的{words['members']}。",
            )
            if lang == "zh"
            else ("Gaps at current prices, negative when short.",)
        ),
        sheet="缺口来源" if lang == "zh" else "Gap by member",
    )
    return (sentence,), (table,)


def series_period_of(summary: pd.DataFrame, unit: str, code: str, as_of: str) -> str:
    """The period the series of ``code`` stands at (quarterly GDP at Q3), else the as-of."""
    r = _row(summary, unit, code)
    return str(r["period"]) if r is not None else as_of


def enterprises_source(ctx: OverviewContext) -> Part | None:
    """The key enterprises whose output fell most (the league's drag list), up to three."""
    names, lang = ctx.names, ctx.names.lang
    frame = ctx.league.enterprises if ctx.league is not None else None
    if frame is None or not len(frame) or "role" not in frame:
        return None
    drag = frame[frame.role == "drag"].sort_values("increment").head(5)
    if drag.empty:
        return None
    cols = (
        Column("name", "企业" if lang == "zh" else "Enterprise"),
        Column("unit", t("h_unit", lang)),
        Column("industry", "行业" if lang == "zh" else "Industry"),
        Column("growth", "产值增速(%)" if lang == "zh" else "Output growth (%)"),
        Column("increment", "产值增减(亿元)" if lang == "zh" else "Output change (亿元)"),
    )
    rows: list[tuple[Cell, ...]] = []
    firms: list[tuple[str, fmt.Num]] = []
    for r in drag.itertuples(index=False):
        name = str(r.name or r.enterprise)
        g = fmt.growth(_f(r.growth))
        rows.append(
            (name, names.unit(str(r.unit)), str(r.industry or ""), g, fmt.amount(_f(r.increment)))
        )
        firms.append((name, g))
    sentence = say.shortfall_enterprises(lang, firms=firms[:3], table="overview_enterprises")
    table = Table(
        "overview_enterprises",
        "产值下降的重点企业" if lang == "zh" else "Key enterprises with falling output",
        cols,
        tuple(rows),
        sheet="拖累企业" if lang == "zh" else "Dragging firms",
    )
    return (sentence,), (table,)


SOURCES: list[Callable[[OverviewContext], Part | None]] = [
    members_source,
    industries_source,
    enterprises_source,
]
"""Builders of "where the shortfall comes from", in order; each returns paragraphs and tables
or None. Append (or insert) a builder to add a breakdown: industries once the data carry the
accounts (``insert(1, industries_source)`` puts them after the districts)."""


# ============================================================================ 重点任务
def _deadline(text: str, lang: str) -> str:
    """``2026-11`` → 2026年11月底前; ``2026-11-15`` → 2026年11月15日前."""
    parts = text.strip().split("-")
    if lang != "zh":
        return f"by {text.strip()}"
    if len(parts) == 3:
        return f"{parts[0]}年{int(parts[1])}月{int(parts[2])}日前"
    return f"{parts[0]}年{int(parts[1])}月底前"


def tasks_part(ctx: OverviewContext) -> Part | None:
    """The key tasks of ``tasks.csv`` with 牵头单位 and 完成时限 (none without the file)."""
    names, lang = ctx.names, ctx.names.lang
    tasks = names.dataset.tasks
    if tasks is None or tasks.empty:
        return None
    rows: list[tuple[Cell, ...]] = []
    for i, r in enumerate(tasks.itertuples(index=False), start=1):
        rows.append(
            (
                fmt.rank(i),
                str(r.task),
                str(r.lead_department),
                str(r.partners),
                _deadline(str(r.deadline), lang),
                names.indicator(str(r.indicator)) if r.indicator else "",
            )
        )
    table = Table(
        "tasks",
        "重点任务" if lang == "zh" else "Key tasks",
        (
            Column("rank", t("h_rank", lang)),
            Column("task", "任务" if lang == "zh" else "Task"),
            Column("lead_department", "牵头单位" if lang == "zh" else "Lead"),
            Column("partners", "配合单位" if lang == "zh" else "With"),
            Column("deadline", "完成时限" if lang == "zh" else "Deadline"),
            Column("indicator", "服务指标" if lang == "zh" else "For"),
        ),
        tuple(rows),
        sheet="重点任务" if lang == "zh" else "Tasks",
    )
    n = len(rows)
    lead = (
        f"围绕目标缺口，请各牵头单位按时限抓好以下{n}项重点任务："
        if lang == "zh"
        else f"The {n} key tasks, each with its lead and deadline:"
    )
    return (lead,), (table,)


# ============================================================================ 就业和民生
def completion_part(ctx: OverviewContext) -> Part | None:
    """Completion-type indicators (城镇新增就业): done against the year's amount and time."""
    names, ds = ctx.names, ctx.names.dataset
    lang, root, summary = names.lang, ds.root, ctx.summary
    cols = (
        Column("indicator", t("h_indicator", lang)),
        Column("target_value", t("h_target_value", lang)),
        Column("ytd_value", "累计完成" if lang == "zh" else "Done to date"),
        Column("completion_pct", "完成年度目标(%)" if lang == "zh" else "Share of target done (%)"),
        Column("time_progress_pct", "时序进度(%)" if lang == "zh" else "Share of year gone (%)"),
        Column("ahead_pp", "快于时序进度(百分点)" if lang == "zh" else "Ahead (pp)"),
        Column("fy_value", "全年预计完成" if lang == "zh" else "Projected year"),
        Column(
            "fy_completion_pct", "全年预计为目标的(%)" if lang == "zh" else "Projected share (%)"
        ),
        Column("p_meet_target", t("h_p_meet", lang)),
    )
    rows: list[tuple[Cell, ...]] = []
    sentences: list[Sentence | str] = []
    for code in _indicators_of(summary, root, ds):
        if not ds.indicators[code].completion:
            continue
        st = _row(ctx.status, root, code)
        r = _row(summary, root, code)
        if st is None or r is None or not math.isfinite(_f(st["completion_pct"])):
            continue
        tv = fmt.amount(_f(st["target_value"]))
        ytd = fmt.amount(_f(st["ytd_value"]))
        done = fmt.growth(_f(st["completion_pct"]))
        time = fmt.growth(_f(st["time_progress_pct"]))
        ahead = fmt.pp(_f(st["completion_pct"]) - _f(st["time_progress_pct"]))
        fy_v = fmt.amount(_f(r["fy_value"]))
        fy_done = fmt.growth(completion_pct(_f(r["fy_value"]), _f(st["target_value"])))
        p = fmt.prob(_f(r["p_meet_target"]))
        rows.append(
            (names.indicator_with_measure(code), tv, ytd, done, time, ahead, fy_v, fy_done, p)
        )
        sentences.append(
            say.completion_status(
                lang,
                indicator=names.indicator(code),
                span=month_span_label(str(st["period"]), lang),
                ytd_value=ytd,
                measure=names.measure(code),
                target_value=tv,
                done=done,
                ahead=ahead,
                fy_value=fy_v,
                fy_done=fy_done,
                p_meet=p,
                scenario=ctx.ref_phrase,
                table="completion",
            )
        )
    if not rows:
        return None
    table = Table(
        "completion",
        "任务类指标完成进度" if lang == "zh" else "Targets to complete: progress",
        cols,
        tuple(rows),
        notes=(
            (
                "完成年度目标为累计完成量占全年目标的比重；时序进度为已过月份占全年的比重；"
                "两者之差为正表示快于时序进度。",
            )
            if lang == "zh"
            else ("Share of the year's target done against the share of the year gone.",)
        ),
        sheet="任务类指标" if lang == "zh" else "Completion",
    )
    return tuple(sentences), (table,)


def livelihood_part(ctx: OverviewContext) -> Part | None:
    """为民办实事 in one sentence: tasks, how many are done, how many lag time progress and the
    one furthest behind (the register's own table is section 为民办实事)."""
    from sprintmodel.livelihood import livelihood_progress

    prog = livelihood_progress(ctx.names.dataset, ctx.as_of)
    if prog.empty:
        return None
    n, done = len(prog), int((prog.state == "done").sum())
    behind = prog[prog.behind_schedule.astype(bool)]
    if ctx.names.lang != "zh":
        text = f"Livelihood projects: {n} tasks, {done} done, {len(behind)} behind schedule."
        return (text,), ()
    text = f"为民办实事{n}项，已完成{done}项"
    if behind.empty:
        text += "，其余均不慢于时序进度。"
    else:
        worst = behind.sort_values("points_ahead").iloc[0]
        text += (
            f"，{len(behind)}项慢于时序进度，其中{worst.task}完成{fmt.growth(_f(worst.completion_pct))}%"
            f"，时序进度{fmt.growth(_f(worst.elapsed_pct))}%，需加快推进。"
        )
    return (text,), ()


PEOPLE: list[Callable[[OverviewContext], Part | None]] = [completion_part, livelihood_part]
"""Builders of the 就业和民生 part: completion-type indicators, then the 为民办实事 register."""


# ============================================================================ the section
def overview_section(ctx: OverviewContext) -> Section | None:
    """总体判断: the four parts as subsections (a part with nothing to show is left out)."""
    lang = ctx.names.lang
    zh = lang == "zh"
    parts: list[tuple[str, str, Part | None]] = [
        ("overview_judgement", "全年走势" if zh else "Where the year lands", judgement(ctx)),
    ]
    for key, title, builders in (
        ("overview_sources", "缺口来源" if zh else "Where the gap comes from", SOURCES),
        ("overview_tasks", "重点任务" if zh else "Key tasks", [tasks_part]),
        ("overview_people", "就业和民生" if zh else "Jobs and livelihoods", PEOPLE),
    ):
        got = [p for p in (b(ctx) for b in builders) if p is not None]
        merged: Part = (
            tuple(x for p in got for x in p[0]),
            tuple(x for p in got for x in p[1]),
        )
        parts.append((key, title, merged))
    subs: list[Section] = []
    for key, title, part in parts:
        if part is None or not (part[0] or part[1]):
            continue
        head = f"（{CN_NUMERALS[len(subs)]}）{title}" if zh else title
        subs.append(Section(key, head, part[0], part[1]))
    if not subs:
        return None
    return Section("overview", t("overview", lang), subsections=tuple(subs))
