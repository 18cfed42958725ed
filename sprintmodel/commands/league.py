"""``sprintmodel league``: compare units by growth, increment and contribution (比增速、比增量、比贡献)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sprintmodel.commands._app import FolderArg, app, check_lang, console, resolve_folder
from sprintmodel.errors import InputError
from sprintmodel.figures import PUBLISHED_DRAWS, PUBLISHED_SEED
from sprintmodel.words.headers import champion_text
from sprintmodel.words.periods import period_name

if TYPE_CHECKING:
    import pandas as pd

    from sprintmodel.data import DataSet
    from sprintmodel.forecast.draws import Draws
    from sprintmodel.league.report import LeagueReport


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
            f"{scenario}: the scenario is as of {spec.as_of} but --as-of is {period}; "
            f"give --as-of {spec.as_of} or leave it out"
        )
    draws = evaluate_file(dataset, spec).to_draws()
    if not isinstance(draws, Draws):
        raise InputError(
            f"{scenario}: the scenario engine returned a result without full-year draws; "
            "cannot rank the projected full year"
        )
    return draws


def _full_year(
    dataset: DataSet, scenario: Path | None, baseline: bool, period: str | None, draws: int
) -> Draws | None:
    """The projected full year to rank: the scenario's draws, the baseline's, or None."""
    if scenario is not None:
        return scenario_draws(dataset, scenario, period)
    if baseline:
        from sprintmodel.forecast import forecast

        return forecast(dataset, period, n_draws=draws, rng=PUBLISHED_SEED).draws
    return None


def _figures(r: Any, lang: str) -> list[str]:
    """A league row's figures as the terminal shows them (growth, increment, ranks, ...)."""
    import pandas as pd

    from sprintmodel.reporting.console import number_text

    below = r.below_average
    return [
        number_text(r.ytd_growth),
        number_text(r.increment, 2),
        number_text(r.contribution_pct),
        number_text(r.pulling_pp, 2),
        number_text(r.rank_growth),
        number_text(r.rank_increment),
        number_text(r.rank_contribution),
        "▼" if below is not pd.NA and below is not None and bool(below) else "",
        champion_text(r.champion, lang),
    ]


def _print_components(
    frame: pd.DataFrame, dataset: DataSet, lang: str, all_units: bool, period: str
) -> None:
    """The industries' league on the terminal (the city's industries, or every unit's)."""
    from rich.table import Table

    from sprintmodel.league.report import SHOWN_COLUMNS
    from sprintmodel.reporting.console import add_columns, unit_text

    shown = frame if all_units else frame[frame.unit == dataset.root]
    names: dict[str, str] = {}
    decl = dataset.components
    if decl is not None:
        col = "name_zh" if lang == "zh" else "name_en"
        names = {str(c): str(n) for c, n in zip(decl.component, decl[col], strict=True) if n}
    title = (
        f"分行业比增速、比增量、比贡献（{period_name(period)}）"
        if lang == "zh"
        else f"League of industries: growth, increment, contribution ({period})"
    )
    rich = Table(title=title)
    columns = ["unit", "industry", *SHOWN_COLUMNS[2:]]
    add_columns(rich, columns, lang, left=("unit", "industry", "champion"))
    for r in shown.itertuples(index=False):
        industry = names.get(str(r.industry), str(r.industry))
        rich.add_row(unit_text(dataset, r.unit, lang), industry, *_figures(r, lang))
    console.print(rich)


def _print_league(report: LeagueReport, dataset: DataSet, lang: str, all_units: bool) -> None:
    """The league's compact view on the terminal (the city's children, or every unit)."""
    from rich.table import Table

    from sprintmodel.league.report import SHOWN_COLUMNS
    from sprintmodel.reporting.console import add_columns, unit_text

    table = report.table
    frame = table.frame
    root = dataset.root
    title = (
        f"比增速、比增量、比贡献（{period_name(table.period)}）"
        if lang == "zh"
        else f"League: growth, increment, contribution ({table.period})"
    )
    shown = frame if all_units else frame[(frame.parent == root) | (frame.unit == root)]
    with_peers = set(frame.loc[frame.parent != "", "indicator"])
    shown = shown[shown.indicator.isin(with_peers)]
    rich = Table(title=title)
    add_columns(rich, SHOWN_COLUMNS, lang, left=("unit", "indicator", "champion"))
    for r in shown.itertuples(index=False):
        name = unit_text(dataset, r.unit, lang)
        if r.peer_group == "overlap":
            name += " ◇"
        rich.add_row(name, dataset.indicators[r.indicator].label(lang), *_figures(r, lang))
    console.print(rich)
    if (frame.peer_group == "overlap").any():
        console.print(
            "◇ 园区：与所在区重叠，仅在园区间比较，不计入上级合计"
            if lang == "zh"
            else "◇ park: overlaps districts, ranked among parks, never added into its parent",
            markup=False,
        )


def _components(
    dataset: DataSet,
    period: str | None,
    whole: str,
    out: Path | None,
    lang: str,
    all_units: bool,
    projected: bool,
) -> None:
    """``league --components``: each unit's industries ranked among themselves."""
    from sprintmodel.league.components import component_league
    from sprintmodel.reporting.files import write_csv

    if projected:
        raise InputError(
            "--components ranks the published year to date; leave out --scenario and --baseline"
        )
    if out is not None and out.suffix.lower() != ".csv":
        raise InputError(f"--components writes a table: give --out FILE.csv, not {out.name!r}")
    if not dataset.component_codes("gdp"):
        raise InputError(
            f"{dataset.folder}: the folder declares no industries of GDP (components.csv and "
            "component_observations.csv, docs/data_contract.md); --components needs them"
        )
    frame = component_league(dataset, period, whole=whole)  # type: ignore[arg-type]
    shown = str(frame.period.iloc[0]) if len(frame) else str(period or "")
    _print_components(frame, dataset, lang, all_units, shown)
    if out is not None:
        write_csv(frame, out)
        console.print(f"wrote {out}", markup=False)


@app.command()
def league(
    folder: FolderArg = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            "--period",
            help="Period YYYYQn or YYYY-MM (default: the latest in the data); --period is the "
            "same option under its older name.",
        ),
    ] = None,
    scenario: Annotated[
        Path | None,
        typer.Option(
            help="Scenario file (YAML, see docs/scenarios.md): also rank its projected full "
            "year, with the odds of each rank; --as-of defaults to the scenario's as_of.",
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
    ] = PUBLISHED_DRAWS,
    components: Annotated[
        bool,
        typer.Option(
            "--components",
            help="Rank GDP's industries within each unit instead of the units (the city's; "
            "every unit's with --all-units; --out FILE.csv writes every unit's).",
        ),
    ] = False,
) -> None:
    """Compare units by growth, increment and contribution (比增速、比增量、比贡献).

    For every unit and indicator: year-to-date growth, increment (at last year's prices for
    real indicators), contribution rate to the parent's growth, pulling rate, ranks among peers
    (districts and counties together; parks among parks; towns within their county), the city
    average (the parent's own growth) and who is below it, single-item champions, what each
    lagging unit must do in the rest of the year and how that compares with its own past
    fourth quarters, time progress of targets and project plans, and key enterprises.
    """

    from sprintmodel.data import load_folder
    from sprintmodel.league.report import league_report
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
            raise InputError(f"--as-of: {exc}") from None
    if components:
        _components(dataset, period, whole, out, lang, all_units, scenario is not None or baseline)
        return
    full_year = _full_year(dataset, scenario, baseline, period, draws)
    if scenario is not None and period is None and full_year is not None:
        period = str(full_year.as_of)
    report = league_report(dataset, period, draws=full_year, top=top, whole=whole)  # type: ignore[arg-type]
    _print_league(report, dataset, lang, all_units)
    lag = report.lagging
    if len(lag):
        console.print(
            ("后进单位：" if lang == "zh" else "Lagging units: ")
            + f"{len(lag)} "
            + ("项（详见 --out FILE.xlsx）" if lang == "zh" else "(see --out FILE.xlsx)"),
            markup=False,
        )
    for note in report.note_texts(lang):
        console.print(("注：" if lang == "zh" else "note: ") + note, markup=False)
    if out is not None:
        if out.suffix.lower() == ".csv":
            write_csv(report.league_frame(lang), out)
        else:
            from sprintmodel.reporting.league import write_league_workbook

            write_league_workbook(report, dataset, out, lang=lang)
        console.print(f"wrote {out}", markup=False)
