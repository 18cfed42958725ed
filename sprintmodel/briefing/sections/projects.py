"""The projects that put the year at risk (the reference scenario's watch list)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing import sentences as say
from sprintmodel.briefing.formatting import Num
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.words.briefing import status_label, t
from sprintmodel.words.periods import rest_label

if TYPE_CHECKING:
    from sprintmodel.league import LeagueReport
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
    _marks,
    _Names,
    _row,
    _true,
)


def projects_section(
    names: _Names,
    ref: ScenarioOutcome,
    league: LeagueReport | None,
    ref_label: str,
    as_of: str,
    *,
    top: int,
) -> Section | None:
    ds, lang = names.dataset, names.lang
    watch = ref.projects
    if watch is None or watch.empty:
        return None
    rank_by = str(watch.attrs.get("rank_by") or "")
    col = f"{rank_by}_pp_per_month"
    if col not in watch:
        cands = [c for c in watch.columns if c.endswith("_pp_per_month")]
        if not cands:
            return None
        col = cands[0]
        rank_by = col[: -len("_pp_per_month")]
    head = watch.sort_values("rank").head(top) if "rank" in watch else watch.head(top)
    progress = league.project_progress if league is not None else pd.DataFrame()
    prog = {r.project: r for r in progress.itertuples(index=False)} if len(progress) else {}
    # A point of the city's growth in value: last year's full year at this year's prices
    # (the projected full year over its growth) [measure per pp], so that a month of delay reads
    # in 亿元 rather than in thousandths of a point.
    lead_row = _row(ref.summary, ds.root, rank_by) if ref.summary is not None else None
    per_pp = (
        _f(lead_row["fy_value_p50"]) / (100.0 + _f(lead_row["fy_growth_p50"]))
        if lead_row is not None
        else math.nan
    )
    measure = names.measure(rank_by) or "亿元"
    rest = rest_label(as_of, lang) or ("剩余期间" if lang == "zh" else "the rest of the year")
    if lang == "en":
        rest = rest[:1].upper() + rest[1:]
    cols = (
        Column("rank", t("h_rank", lang)),
        Column("name", t("h_project", lang)),
        Column("unit", t("h_unit", lang)),
        Column("status", t("h_status", lang)),
        Column("planned_entry", t("h_entry", lang)),
        Column("planned_production", t("h_production", lang)),
        Column("q4_fai", t("h_q4_fai", lang, rest=rest)),
        Column(
            "value_per_month",
            t("h_value_per_month", lang, indicator=names.indicator(rank_by), measure=measure),
        ),
        Column("completion_pct", t("h_completion", lang)),
        Column("behind_schedule", t("h_behind", lang)),
    )
    rows: list[tuple[Cell, ...]] = []
    rmarks: list[str] = []
    behind_names: list[str] = []
    for r in head.itertuples(index=False):
        pr = prog.get(r.project)
        behind = None if pr is None or pd.isna(pr.behind_schedule) else _true(pr.behind_schedule)
        comp = fmt.growth(_f(pr.completion_pct) if pr is not None else math.nan)
        rows.append(
            (
                fmt.rank(_f(getattr(r, "rank", math.nan))),
                str(r.name),
                names.unit(str(r.unit)),
                status_label(str(r.status), lang),
                str(r.planned_entry or ""),
                str(r.planned_production or ""),
                fmt.amount(_f(r.q4_fai)),
                fmt.amount(_f(getattr(r, col)) * per_pp),
                comp,
                "" if behind is None else t("yes" if behind else "no", lang),
            )
        )
        rmarks.append("bad" if behind else "")
        if behind:
            behind_names.append(str(r.name))
    table = Table(
        "watch",
        t("t_watch", lang, scenario=ref_label),
        cols,
        tuple(rows),
        _marks(rows, rmarks, cols, ("behind_schedule", "completion_pct")),
        (
            (
                f"按每推迟一个月对{names.words['whole']}全年的影响排序（按现价计算）；"
                "红色：本年投资滞后于年度计划时序进度。",
            )
            if lang == "zh"
            else (
                "Ranked by the growth lost per month of delay; red: behind the annual plan's "
                "schedule.",
            )
        ),
        sheet="重点项目" if lang == "zh" else "Projects",
    )
    sentences: list[Sentence | str] = []
    if rows:
        first = head.iloc[0]
        per = rows[0][7]
        assert isinstance(per, Num)
        sentences.append(
            say.project_watch(
                lang,
                project=str(first["name"]),
                unit=names.unit(str(first["unit"])),
                city=names.unit(ds.root),
                indicator=names.indicator(rank_by),
                per_month=per,
                measure=measure,
                behind=behind_names[:3],
                more=len(behind_names) > 3,
                table="watch",
            )
        )
    charts: list[ChartSpec] = []
    if not ds.projects.empty and "project" in ds.projects:
        reg = ds.projects.set_index("project")
        codes = [c for c in head.project if c in reg.index]
        if codes:
            frame = reg.loc[codes].reset_index()
            frame["label"] = frame["name"].astype(str)
            charts.append(
                ChartSpec("gantt", "gantt", t("c_gantt", lang), {"projects": frame, "as_of": as_of})
            )
    return Section("projects", t("projects", lang), tuple(sentences), (table,), tuple(charts))
