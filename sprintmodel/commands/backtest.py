"""``sprintmodel backtest``: rolling-origin accuracy of every forecast method."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from sprintmodel.commands._app import FolderArg, app, check_lang, console, resolve_folder
from sprintmodel.errors import InputError


def parse_years(text: str | None) -> tuple[int, int] | None:
    """``"2010-2025"`` → ``(2010, 2025)``; ``"2020"`` → ``(2020, 2020)``; None stays None."""
    if text is None:
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–:]\s*(\d{4}))?\s*", text)
    if not m:
        raise InputError(f"--years must look like 2010-2025 or 2020, not {text!r}")
    first = int(m.group(1))
    last = int(m.group(2)) if m.group(2) else first
    if first > last:
        raise InputError(f"--years {text}: the first year is after the last")
    return first, last


def parse_month(text: str | None) -> int | str | None:
    """``"10"`` → 10; ``"all"`` → ``"all"``; None stays None."""
    if text is None:
        return None
    if text.strip().lower() == "all":
        return "all"
    if not text.strip().isdigit() or not 1 <= int(text) <= 12:
        raise InputError(f"--month must be 1-12 or 'all', not {text!r}")
    return int(text)


@app.command()
def backtest(
    folder: FolderArg = None,
    years: Annotated[
        str | None,
        typer.Option(help="Years evaluated, e.g. 2010-2025 (default: every year with data)."),
    ] = None,
    as_of_quarter: Annotated[
        int, typer.Option("--as-of-quarter", help="Quarter of the forecast origin (1-4).")
    ] = 3,
    month: Annotated[
        str | None,
        typer.Option(
            help="Origin month (1-12) instead of the quarter end, or 'all' for every origin of "
            "the sprint (9 = Q3, 10 = October, 11 = November) in one table."
        ),
    ] = None,
    indicator: Annotated[
        list[str] | None, typer.Option(help="Only this indicator (repeatable).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write the accuracy table to this CSV file.")
    ] = None,
    errors_out: Annotated[
        Path | None,
        typer.Option("--errors-out", help="Write every unit × year × method error to this CSV."),
    ] = None,
    nowcast_member: Annotated[
        list[str] | None,
        typer.Option(
            "--nowcast-member",
            help="Members of the nowcast inside a quarter (repeatable; default: bridge). "
            "'--nowcast-member bridge --nowcast-member dfm' adds the dynamic factor model.",
        ),
    ] = None,
    lang: Annotated[str, typer.Option(help="Language of the table: zh or en.")] = "zh",
) -> None:
    """Accuracy of every forecast method and the combination, with the ratio rule as yardstick.

    For each year, each method forecasts the full year from the data published up to the
    as-of quarter (or month) of that year only. The table gives, per indicator and overall: the
    MAE of full-year growth [pp], the MAPE of the full-year level [%], each relative to the
    ratio rule, and how often the 80% and 95% intervals covered the outcome. No clean
    real-time vintage exists: outcomes are the folder's (possibly revised) figures.

    With --month inside a quarter (10: Jan–Oct published, mid-November) quarterly indicators
    also get the bridge and nowcast rows (docs/forecast.md). --month all shows every origin
    from Q3 to November (an `origin` column in the table and in --errors-out). Components of
    GDP (industries) are backtested too; --errors-out marks their rows in an `industry` column.
    """
    import warnings

    from sprintmodel.data import load_folder
    from sprintmodel.forecast.backtest import backtest as run_backtest
    from sprintmodel.forecast.backtest import backtest_origins
    from sprintmodel.reporting.files import write_csv

    check_lang(lang)

    origin_month = parse_month(month)
    dataset = load_folder(resolve_folder(folder))
    # GDP's components (industries) are backtested as the root's members and marked in an
    # `industry` column of --errors-out (unit = the root).
    parts: tuple[str, ...] = ()
    for code in indicator or list(dataset.indicators):
        if not parts and dataset.component_codes(code):
            parts = dataset.component_codes(code)
            dataset = dataset.components_as_units(code)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if isinstance(origin_month, str):  # "all"
            result = backtest_origins(
                dataset,
                parse_years(years),
                indicators=indicator or None,
                nowcast_members=nowcast_member or None,
            )
        else:
            result = run_backtest(
                dataset,
                parse_years(years),
                as_of_quarter=as_of_quarter,
                month=origin_month,
                indicators=indicator or None,
                nowcast_members=nowcast_member or None,
            )
    console.print(result.summary(lang), markup=False, soft_wrap=True)
    if out is not None:
        write_csv(result.table, out)
        console.print(f"wrote {out}", markup=False)
    if errors_out is not None:
        errors = result.errors
        if parts:
            is_part = errors.unit.isin(parts)
            errors = errors.assign(
                industry=errors.unit.where(is_part, ""),
                unit=errors.unit.where(~is_part, dataset.root),
            )
        write_csv(errors, errors_out)
        console.print(f"wrote {errors_out}", markup=False)
