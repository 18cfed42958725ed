"""``sprintmodel accounts``: GDP built from its industries, and where the shortfall comes from."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sprintmodel.commands._app import FolderArg, app, check_lang, console, resolve_folder
from sprintmodel.errors import InputError

if TYPE_CHECKING:
    from sprintmodel.accounts.report import AccountsReport
    from sprintmodel.data import DataSet


@app.command()
def accounts(
    folder: FolderArg = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Quarter YYYYQn or month YYYY-MM (the last complete quarter up to it); "
            "default: the latest quarter of the components.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Output folder: gdp.csv, industries.csv, accounts.xlsx, run.json. New, empty, "
            "or written by sprintmodel (replaced as a whole); any other folder is refused.",
        ),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the workbook: zh or en.")] = "zh",
) -> None:
    """GDP built up from its industries (分行业核算): where the shortfall comes from.

    For every unit with GDP components (component_observations.csv): the published and built
    year-to-date growth, the full-year forecast against the target and the shortfall in 亿元
    (negative = short), split by industry so that it adds up, with each industry's share,
    contribution and pulling rate, and the Q4 growth its main source indicator alone would need
    to close the unit's gap. See docs/accounts.md.
    """
    from sprintmodel.accounts.report import accounts_report
    from sprintmodel.data import load_folder
    from sprintmodel.periods import PeriodError, parse_period
    from sprintmodel.reporting.accounts import write_accounts

    started = time.perf_counter()
    check_lang(lang)
    if as_of is not None:
        try:
            parse_period(as_of)
        except PeriodError as exc:
            raise InputError(f"--as-of: {exc}") from None
    if out is not None:
        from sprintmodel.reporting.files import check_output_folder

        check_output_folder(out)
    dataset = load_folder(resolve_folder(folder))
    if dataset.component_panel("gdp") is None:
        raise InputError(
            f"{dataset.folder}: no GDP components (component_observations.csv); the accounts "
            "need each unit's industries, see docs/data_contract.md"
        )
    try:
        report = accounts_report(dataset, as_of)
    except KeyError as exc:
        raise InputError(str(exc).strip("'\"")) from None
    _print(report, dataset, lang)
    if out is not None:
        write_accounts(
            report,
            dataset,
            out,
            lang=lang,
            extra={"data": str(dataset.folder), "seconds": round(time.perf_counter() - started, 2)},
        )
        console.print(f"wrote {out}", markup=False)


def _print(report: AccountsReport, dataset: DataSet, lang: str) -> None:
    """GDP per unit on the terminal, and the first unit's three largest industry shortfalls."""
    from rich.table import Table

    from sprintmodel.reporting.accounts import industry_names
    from sprintmodel.reporting.console import add_columns, number_text, unit_text
    from sprintmodel.words.periods import period_name

    title = (
        f"分行业核算（{period_name(report.period)}）"
        if lang == "zh"
        else f"GDP by industry ({report.period})"
    )
    rich = Table(title=title)
    cols = [
        "unit",
        "ytd_growth_published",
        "ytd_growth_built",
        "fy_growth",
        "target_growth",
        "shortfall_value",
    ]
    add_columns(rich, cols, lang, left=("unit",))
    for r in report.gdp.itertuples(index=False):
        rich.add_row(
            unit_text(dataset, r.unit, lang),
            number_text(r.ytd_growth_published),
            number_text(r.ytd_growth_built, 2),
            number_text(r.fy_growth, 2),
            number_text(r.target_growth),
            number_text(r.shortfall_value, 2),
        )
    console.print(rich)
    ind = report.industries[report.industries.unit == report.gdp.unit.iloc[0]]
    short = ind.dropna(subset=["shortfall_value"]).nsmallest(3, "shortfall_value")
    short = short[short.shortfall_value < 0]
    if len(short):
        names = industry_names(dataset, lang)
        pairs = zip(short.industry, short.shortfall_value, strict=True)
        parts = [f"{names.get(i, i)} {v:.2f}" for i, v in pairs]
        head = "缺口主要来自：" if lang == "zh" else "Largest shortfalls: "
        console.print(head + ("、" if lang == "zh" else ", ").join(parts), markup=False)
