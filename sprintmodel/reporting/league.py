"""The league workbook (``sprintmodel league --out FILE.xlsx``): one formatted sheet per table.

A writer over :class:`~sprintmodel.league.report.LeagueReport`: the league, champions, lagging
units, projected ranks and their odds, target and project progress, key enterprises and
unallocated increments, with the rows that need attention coloured and a notes sheet.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sprintmodel.words.headers import (
    CHAMPION_ZH,
    LEAGUE_VALUES_ZH,
    insert_names,
    translate_values,
)
from sprintmodel.words.notes import notes_text

if TYPE_CHECKING:
    import pandas as pd

    from sprintmodel.data import DataSet
    from sprintmodel.league.report import LeagueReport

SHEETS_ZH = {
    "league": "比增速比增量比贡献",
    "champions": "单项冠军",
    "lagging": "后进单位需完成",
    "projected": "全年预计排名",
    "odds": "位次概率",
    "targets": "目标时序进度",
    "projects": "项目时序进度",
    "projects_by_unit": "项目进度汇总",
    "enterprises": "重点企业拉动",
    "livelihood": "为民办实事进度",
    "residuals": "未分配增量",
}
SHEETS_EN = {
    "league": "League",
    "champions": "Champions",
    "lagging": "Lagging units",
    "projected": "Projected full year",
    "odds": "Rank odds",
    "targets": "Target progress",
    "projects": "Project progress",
    "projects_by_unit": "Projects by unit",
    "enterprises": "Key enterprises",
    "livelihood": "Livelihood tasks",
    "residuals": "Unallocated",
}


HARD = ("exceptional", "unprecedented", "很难", "历史未有")


def _translate(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Code-like values (peer groups, verdicts, roles, champions) in Chinese for ``lang="zh"``."""
    out = translate_values(frame, LEAGUE_VALUES_ZH, lang)
    if lang == "zh" and "champion" in out.columns:
        out["champion"] = out["champion"].map(
            lambda v: (
                "、".join(CHAMPION_ZH.get(t, t) for t in v.split(","))
                if isinstance(v, str) and v
                else v
            )
        )
    return out


def write_league_workbook(
    report: LeagueReport, dataset: DataSet, out: Path, *, lang: str = "zh"
) -> Path:
    """The league briefing as a formatted Excel workbook (one sheet per table)."""
    from sprintmodel.reporting.excel import Highlight, write_workbook

    below = Highlight(
        "below_average",
        color="red",
        columns=("unit", "unit_name", "ytd_growth", "gap_to_average_pp", "below_average"),
        font_color="9C0006",
    )
    champion = Highlight(
        lambda f: f["champion"].astype(str) != "",
        color="green",
        columns=("unit", "unit_name", "champion"),
    )
    behind = Highlight(
        "behind_schedule",
        color="red",
        columns=("unit", "unit_name", "name", "completion_pct", "points_ahead", "behind_schedule"),
        font_color="9C0006",
    )
    sheets: dict[str, pd.DataFrame] = {"league": report.league_frame(lang)}
    highlights: dict[str, list[Highlight]] = {"league": [below, champion]}
    sheets["champions"] = insert_names(report.table.champions(), dataset, lang)
    if len(report.lagging):
        sheets["lagging"] = insert_names(report.lagging, dataset, lang)
        highlights["lagging"] = [
            Highlight(
                lambda f: f["verdict_for_average"].isin(HARD) | f["verdict_for_target"].isin(HARD),
                color="yellow",
                columns=("unit", "unit_name", "verdict_for_average", "verdict_for_target"),
            )
        ]
    if report.projected is not None:
        proj = report.projected.to_frame(lang)
        sheets["projected"] = proj
        highlights["projected"] = [
            Highlight(
                "below_average",
                color="red",
                columns=("unit", "unit_name", "fy_growth", "below_average"),
                font_color="9C0006",
            ),
            Highlight(
                lambda f: f["champion"].astype(str) != "",
                color="green",
                columns=("unit", "unit_name", "champion"),
            ),
        ]
    if report.odds is not None:
        sheets["odds"] = insert_names(report.odds.wide(), dataset, lang)
    if len(report.target_progress):
        progress = report.target_progress.copy()
        said = report.table.note_names(lang) if lang == "zh" else {}
        progress["note"] = [notes_text(n, lang, said) for n in progress["note"]]
        sheets["targets"] = insert_names(progress, dataset, lang)
        highlights["targets"] = [behind]
    if len(report.project_progress):
        sheets["projects"] = insert_names(report.project_progress, dataset, lang)
        highlights["projects"] = [behind]
        sheets["projects_by_unit"] = insert_names(report.project_progress_by_unit(), dataset, lang)
        highlights["projects_by_unit"] = [behind]
    if report.enterprises is not None and len(report.enterprises):
        sheets["enterprises"] = insert_names(report.enterprises, dataset, lang)
        highlights["enterprises"] = [
            Highlight(
                lambda f: f["role"].isin(["drag", "拖累"]),
                color="red",
                columns=("enterprise", "name", "pulling_pp", "role"),
            ),
            Highlight(
                lambda f: f["role"].isin(["lift", "拉升"]),
                color="green",
                columns=("enterprise", "name", "pulling_pp", "role"),
            ),
        ]
    if report.livelihood is not None and len(report.livelihood):
        sheets["livelihood"] = insert_names(report.livelihood, dataset, lang)
        highlights["livelihood"] = [behind]
    if len(report.table.residuals):
        sheets["residuals"] = report.table.residuals
    names = SHEETS_ZH if lang == "zh" else SHEETS_EN
    heading = "说明" if lang == "zh" else "Notes"
    glossary = [
        "平均水平 = 上级单位自身增速（非下级简单平均，后者见“简单平均增速”）。"
        if lang == "zh"
        else "Average = the parent's own growth (not the mean of its children; see mean growth).",
        "实物量指标（GDP、工业增加值）的增量按上年价格计算：上年同期现价 × 本年累计实际增速。"
        if lang == "zh"
        else "Increments of real indicators are at last year's prices: last year's value × real growth.",
        "园区（不纳入汇总的单位）单独比较，不计入上级合计。"
        if lang == "zh"
        else "Parks (rollup = no) are ranked among parks and never added into their parent.",
    ]
    # Colour rules read the English codes, so translate after computing masks: translate
    # only columns no rule reads (verdicts and roles are read: keep their rules on codes).
    sheets = {k: _translate(v, lang) for k, v in sheets.items()}
    return write_workbook(
        out,
        sheets,
        lang=lang,
        highlights=highlights,
        sheet_names={k: names.get(k, k) for k in sheets},
        notes={heading: glossary + report.note_texts(lang)},
        formats={"pulling_pp": "0.00", "fy_pulling_pp": "0.00"},
        freeze_columns=2,
    )


__all__ = ["write_league_workbook"]
