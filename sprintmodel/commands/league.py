"""``sprintmodel league``: compare units by growth, increment and contribution (比增速、比增量、比贡献)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sprintmodel.commands._app import FolderArg, app, check_lang, console, resolve_folder
from sprintmodel.errors import InputError
from sprintmodel.reporting.labels import insert_names, translate_values

if TYPE_CHECKING:
    import pandas as pd

    from sprintmodel.data import DataSet
    from sprintmodel.forecast.draws import Draws
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
    "residuals": "Unallocated",
}


def scenario_draws(dataset: DataSet, scenario: Path, period: str | None) -> Draws:
    """Full-year draws of a scenario file (:func:`sprintmodel.scenario.evaluate_file`).

    The scenario's ``as_of`` must agree with ``period`` when both are given.
    """
    from sprintmodel.forecast.draws import Draws
    from sprintmodel.periods import parse_period
    from sprintmodel.scenario import ScenarioSpec, evaluate_file

    spec = ScenarioSpec.from_yaml(scenario)
    if period is not None and parse_period(period) != parse_period(spec.as_of):
        raise InputError(
            f"{scenario}: the scenario is as of {spec.as_of} but --period is {period}; "
            f"give --period {spec.as_of} or leave it out"
        )
    draws = evaluate_file(dataset, spec).to_draws()
    if not isinstance(draws, Draws):
        raise InputError(
            f"{scenario}: the scenario engine returned a result without full-year draws; "
            "cannot rank the projected full year"
        )
    return draws


VALUES_ZH = {
    "peer_group": {"rollup": "纳入汇总", "overlap": "园区"},
    "contribution_ranked_by": {"contribution": "贡献率", "pulling": "拉动"},
    "contribution_basis": {"members": "下级增量合计", "whole": "上级增量"},
    "measure": {"growth": "增速", "increment": "增量", "contribution": "贡献"},
    "value_column": {
        "ytd_growth": "累计增速",
        "fy_growth": "全年增速",
        "increment": "增量",
        "contribution_pct": "贡献率",
        "pulling_pp": "拉动",
    },
    "role": {"lift": "拉升", "drag": "拖累", "flat": "持平"},
    "period_kind": {"month": "月", "quarter": "季"},
    "verdict_for_average": {
        "usual": "常规",
        "demanding": "较难",
        "exceptional": "很难",
        "unprecedented": "历史未有",
    },
    "verdict_for_target": {
        "usual": "常规",
        "demanding": "较难",
        "exceptional": "很难",
        "unprecedented": "历史未有",
    },
}


HARD = ("exceptional", "unprecedented", "很难", "历史未有")


def _translate(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Code-like values (peer groups, verdicts, roles, champions) in Chinese for ``lang="zh"``."""
    out = translate_values(frame, VALUES_ZH, lang)
    if lang == "zh" and "champion" in out.columns:
        out["champion"] = out["champion"].map(
            lambda v: (
                "、".join(_CHAMPION_ZH.get(t, t) for t in v.split(","))
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
        sheets["targets"] = insert_names(report.target_progress, dataset, lang)
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
        notes={heading: glossary + report.all_notes()},
        formats={"pulling_pp": "0.00", "fy_pulling_pp": "0.00"},
        freeze_columns=2,
    )


_CHAMPION_ZH = {"growth": "增速", "increment": "增量", "contribution": "贡献"}


def _champion(text: str, lang: str) -> str:
    if not text:
        return ""
    if lang != "zh":
        return "★ " + text.replace(",", ", ")
    return "★ " + "、".join(_CHAMPION_ZH.get(t, t) for t in text.split(","))


@app.command()
def league(
    folder: FolderArg = None,
    period: Annotated[
        str | None,
        typer.Option(help="Period YYYYQn or YYYY-MM (default: the latest in the data)."),
    ] = None,
    scenario: Annotated[
        Path | None,
        typer.Option(
            help="Scenario file (YAML, see docs/scenarios.md): also rank its projected full "
            "year, with the odds of each rank; --period defaults to the scenario's as_of.",
        ),
    ] = None,
    baseline: Annotated[
        bool,
        typer.Option(
            "--baseline",
            help="Also rank the baseline forecast's projected full year (no levers), with odds.",
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            help="Write the league table to FILE.csv, or the whole briefing to FILE.xlsx."
        ),
    ] = None,
    lang: Annotated[str, typer.Option(help="Language of names and headers: zh or en.")] = "zh",
    top: Annotated[int, typer.Option(help="The 'top' whose odds are given (rank ≤ TOP).")] = 3,
    whole: Annotated[
        str,
        typer.Option(
            help="Denominator of contribution rates: 'members' (the sum of the members' "
            "increments where they make up their parent, the parent's own figures for parks), "
            "'parent' (the parent's own figures) or 'sum' (the sum of its rollup children).",
        ),
    ] = "members",
    all_units: Annotated[
        bool, typer.Option("--all-units", help="Print every league, not only the city's.")
    ] = False,
    draws: Annotated[
        int, typer.Option(help="Draws of the baseline forecast (with --baseline).")
    ] = 1000,
) -> None:
    """Compare units by growth, increment and contribution (比增速、比增量、比贡献).

    For every unit and indicator: year-to-date growth, increment (at last year's prices for
    real indicators), contribution rate to the parent's growth, pulling rate, ranks among peers
    (districts and counties together; parks among parks; towns within their county), the city
    average (the parent's own growth) and who is below it, single-item champions, what each
    lagging unit must do in the rest of the year and how that compares with its own past
    fourth quarters, time progress of targets and project plans, and key enterprises.
    """
    import pandas as pd
    from rich.table import Table

    from sprintmodel.data import load_folder
    from sprintmodel.league.report import league_report
    from sprintmodel.reporting.console import add_columns, number_text, unit_text
    from sprintmodel.reporting.files import write_csv

    check_lang(lang)
    if whole not in ("members", "parent", "sum"):
        raise InputError(f"--whole must be members, parent or sum, not {whole!r}")
    if out is not None and out.suffix.lower() not in (".csv", ".xlsx"):
        raise InputError(f"--out must end in .csv or .xlsx, not {out.name!r}")
    if scenario is not None and baseline:
        raise InputError("give --scenario or --baseline, not both")
    from sprintmodel.reporting.files import check_output_file

    check_output_file(out)
    dataset = load_folder(resolve_folder(folder))
    if period is not None:
        from sprintmodel.periods import PeriodError, parse_period

        try:
            parse_period(period)
        except PeriodError as exc:
            raise InputError(f"--period: {exc}") from None
    full_year = None
    if scenario is not None:
        full_year = scenario_draws(dataset, scenario, period)
        if period is None:
            period = str(full_year.as_of)
    elif baseline:
        from sprintmodel.forecast import forecast

        full_year = forecast(dataset, period, n_draws=draws, rng=0).draws
    report = league_report(dataset, period, draws=full_year, top=top, whole=whole)  # type: ignore[arg-type]
    table = report.table
    frame = table.frame
    root = dataset.root
    title = (
        f"比增速、比增量、比贡献（{table.period}）"
        if lang == "zh"
        else f"League: growth, increment, contribution ({table.period})"
    )
    shown = frame if all_units else frame[(frame.parent == root) | (frame.unit == root)]
    with_peers = set(frame.loc[frame.parent != "", "indicator"])
    shown = shown[shown.indicator.isin(with_peers)]
    rich = Table(title=title)
    cols = [
        "unit",
        "indicator",
        "ytd_growth",
        "increment",
        "contribution_pct",
        "pulling_pp",
        "rank_growth",
        "rank_increment",
        "rank_contribution",
        "below_average",
        "champion",
    ]
    add_columns(rich, cols, lang, left=("unit", "indicator", "champion"))
    for r in shown.itertuples(index=False):
        name = unit_text(dataset, r.unit, lang)
        if r.peer_group == "overlap":
            name += " ◇"
        below = r.below_average
        rich.add_row(
            name,
            dataset.indicators[r.indicator].label(lang),
            number_text(r.ytd_growth),
            number_text(r.increment, 2),
            number_text(r.contribution_pct),
            number_text(r.pulling_pp, 2),
            number_text(r.rank_growth),
            number_text(r.rank_increment),
            number_text(r.rank_contribution),
            "▼" if below is not pd.NA and below is not None and bool(below) else "",
            _champion(r.champion, lang),
        )
    console.print(rich)
    if (frame.peer_group == "overlap").any():
        console.print(
            "◇ 园区：与所在区重叠，仅在园区间比较，不计入上级合计"
            if lang == "zh"
            else "◇ park: overlaps districts, ranked among parks, never added into its parent",
            markup=False,
        )
    lag = report.lagging
    if len(lag):
        console.print(
            ("后进单位：" if lang == "zh" else "Lagging units: ")
            + f"{len(lag)} "
            + ("项（详见 --out FILE.xlsx）" if lang == "zh" else "(see --out FILE.xlsx)"),
            markup=False,
        )
    for note in report.all_notes():
        console.print(f"note: {note}", markup=False)
    if out is not None:
        if out.suffix.lower() == ".csv":
            write_csv(report.league_frame(lang), out)
        else:
            write_league_workbook(report, dataset, out, lang=lang)
        console.print(f"wrote {out}", markup=False)
