"""为民办实事 (pluggable): each task's completion against its time progress, and next year's list.

From :func:`sprintmodel.livelihood.livelihood_progress` at the reference scenario's as-of month
and :func:`sprintmodel.livelihood.livelihood_plan` for the next year; registered in
:mod:`sprintmodel.briefing.extras` as ``livelihood``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing.document import Cell, Column, Extra, ExtraContext, Section, Table
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.data.readers.livelihood import MONEY_KINDS
from sprintmodel.words.headers import COST_KIND, LIVELIHOOD_STATE

if TYPE_CHECKING:
    from sprintmodel.scenario import ScenarioEngine, ScenarioResult


def _compute(engine: ScenarioEngine, result: ScenarioResult) -> dict[str, Any] | None:
    """This year's progress and next year's list (worker side); None without a register."""
    from sprintmodel.livelihood import livelihood_plan, livelihood_progress

    ds = engine.dataset
    if ds.livelihood is None:
        return None
    year = engine.as_of.year
    return {
        "year": year,
        "progress": livelihood_progress(ds, engine.as_of),
        "plan": livelihood_plan(ds, year + 1),
    }


def _money_cols(zh: bool) -> tuple[Column, ...]:
    return tuple(
        Column(k, f"{COST_KIND[k]['zh']}(亿元)" if zh else f"{COST_KIND[k]['en']} (亿元)")
        for k in MONEY_KINDS
    )


def _section(payload: dict[str, Any] | None, ctx: ExtraContext) -> Section | None:
    """为民办实事: completion vs time progress of this year's tasks; next year's list."""
    if payload is None:
        return None
    lang, ds = ctx.lang, ctx.dataset
    zh = lang == "zh"
    prog: pd.DataFrame = payload["progress"]
    plan: pd.DataFrame = payload["plan"]
    if prog.empty and plan.empty:
        return None
    tables: list[Table] = []
    paragraphs: list[Sentence | str] = []
    year = int(payload["year"])
    if len(prog):
        prog = prog.sort_values("points_ahead", kind="stable")
        cols = (
            Column("task", "项目" if zh else "Task"),
            Column("unit", "地区" if zh else "Unit"),
            Column("department", "责任单位" if zh else "Department"),
            Column("money_total", "资金(亿元)" if zh else "Money (亿元)"),
            Column("completion_pct", "完成进度(%)" if zh else "Completion (%)"),
            Column("elapsed_pct", "时序进度(%)" if zh else "Time progress (%)"),
            Column("points_ahead", "快于时序(百分点)" if zh else "Ahead (pp)"),
            Column("state", "进展" if zh else "State"),
        )
        rows: list[tuple[Cell, ...]] = []
        marks: list[tuple[str, ...]] = []
        cells: dict[str, tuple[fmt.Num, fmt.Num, fmt.Num]] = {}
        for r in prog.itertuples(index=False):
            c, e, a = (
                fmt.growth(r.completion_pct),
                fmt.growth(r.elapsed_pct),
                fmt.pp(r.points_ahead),
            )
            cells[r.task] = (c, e, a)
            rows.append(
                (
                    r.task,
                    ds.units[r.unit].label(lang) if r.unit in ds.units else str(r.unit),
                    r.department,
                    fmt.amount(r.money_total),
                    c,
                    e,
                    a,
                    LIVELIHOOD_STATE.get(r.state, {}).get(lang, r.state),
                )
            )
            bad = "bad" if r.state == "behind" else ("good" if r.state == "done" else "")
            marks.append(tuple(bad if k.key in ("points_ahead", "state") else "" for k in cols))
        tables.append(
            Table(
                "livelihood_progress",
                f"{year}年为民办实事进度" if zh else f"Livelihood tasks {year}: progress",
                cols,
                tuple(rows),
                tuple(marks),
                notes=(
                    "时序进度按计划节点（无节点时按计划起止月份）线性推算；完成进度低于时序进度即为滞后。"
                    if zh
                    else "Time progress runs linearly through the planned milestones (or the "
                    "planned start and finish); a task is behind when its completion is below it.",
                ),
                sheet="为民办实事" if zh else "Livelihood",
            )
        )
        behind = prog[prog.state == "behind"]
        words = [t for t in prog.task if any(ch.isdigit() for ch in t)]
        if behind.empty:
            paragraphs.append(
                f"{year}年为民办实事项目进度均不低于时序进度。"
                if zh
                else f"Every livelihood task of {year} is at or ahead of its time progress."
            )
        else:
            worst = behind.iloc[0]
            c, e, a = cells[worst.task]
            names = "、".join(behind.task)
            if zh:
                text = (
                    f"为民办实事项目中{names}滞后于时序进度；其中{worst.task}完成{c.text}%，"
                    f"时序进度{e.text}%，落后{a.magnitude}个百分点，需责任单位加快推进。"
                )
            else:
                text = (
                    f"Behind their time progress: {names}; {worst.task} is {c.text}% done "
                    f"against {e.text}%, {a.magnitude} pp behind."
                )
            paragraphs.append(Sentence(text, (c, e, a), ("livelihood_progress",), tuple(words)))
    if len(plan):
        mcols = _money_cols(zh)
        rows = []
        for r in plan.itertuples(index=False):
            rows.append(
                (
                    r.task,
                    ds.units[r.unit].label(lang) if r.unit in ds.units else str(r.unit),
                    r.department,
                    *(fmt.amount(getattr(r, k)) for k in MONEY_KINDS),
                    fmt.amount(r.money_total),
                    f"{r.start}～{r.finish}",
                )
            )
        totals = [fmt.amount(float(plan[k].sum())) for k in MONEY_KINDS]
        total = fmt.amount(float(plan.money_total.sum()))
        rows.append(("合计" if zh else "Total", "", "", *totals, total, ""))
        n = len(rows[0])
        marks = [("",) * n] * (len(rows) - 1) + [("total",) * n]
        tables.append(
            Table(
                "livelihood_plan",
                f"{year + 1}年为民办实事项目（建议）" if zh else f"Livelihood tasks for {year + 1}",
                (
                    Column("task", "项目" if zh else "Task"),
                    Column("unit", "地区" if zh else "Unit"),
                    Column("department", "责任单位" if zh else "Department"),
                    *mcols,
                    Column("money_total", "合计(亿元)" if zh else "Total (亿元)"),
                    Column("months", "计划起止" if zh else "Planned"),
                ),
                tuple(rows),
                tuple(marks),
                sheet="明年为民办实事" if zh else "Livelihood next year",
            )
        )
        if zh:
            text = (
                f"{year + 1}年为民办实事项目安排资金{total.text}亿元，其中"
                + "、".join(
                    f"{COST_KIND[k]['zh']}{t.text}亿元"
                    for k, t in zip(MONEY_KINDS, totals, strict=True)
                )
                + "。"
            )
        else:
            text = (
                f"The livelihood tasks for {year + 1} need {total.text} 亿元: "
                + ", ".join(
                    f"{COST_KIND[k]['en']} {t.text}"
                    for k, t in zip(MONEY_KINDS, totals, strict=True)
                )
                + "."
            )
        y = str(year + 1)
        paragraphs.append(Sentence(text, (total, *totals), ("livelihood_plan",), (y,)))
    return Section(
        "livelihood", "为民办实事" if zh else "Livelihood tasks", tuple(paragraphs), tuple(tables)
    )


EXTRA = Extra(
    "livelihood",
    available=lambda: True,
    compute=_compute,
    section=_section,
    titles={"zh": "为民办实事", "en": "Livelihood tasks"},
    order=40,
)
