"""The ``sprintmodel`` command line: a thin shell over the computational core.

Every command reads a data folder in the form of ``DATA_CONTRACT.md`` (the bundled example city
when none is given), calls the core, and prints or writes the result. Errors a user can cause
are printed as one clear message naming the file, row, column and fix, with a non-zero exit code
and no traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sprintmodel.errors import SprintmodelError

app = typer.Typer(
    name="sprintmodel",
    help=(
        "Economic sprint planning from year-to-date statistics.\n\n"
        "Give a data folder (units.csv, indicators.csv, observations.csv, and optionally "
        "targets.csv and projects.csv; see docs/data_contract.md). Without one, commands use "
        "the bundled synthetic example city.\n\n"
        "Exit codes: 0 success, 1 bad input (the message says what to fix), 2 bad usage."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)

_WIDTH = None if sys.stdout.isatty() else 160
console = Console(highlight=False, width=_WIDTH)
err_console = Console(stderr=True, highlight=False, width=None if sys.stderr.isatty() else 200)

FolderArg = Annotated[
    Path | None,
    typer.Argument(
        help="Data folder (default: the bundled example city).",
        show_default=False,
    ),
]


def resolve_folder(folder: Path | None) -> Path:
    """The folder given, or the bundled example city."""
    if folder is not None:
        return folder
    from sprintmodel.datasets import data_path

    return data_path("example_city")


@app.command()
def validate(
    folder: FolderArg = None,
    tolerance: Annotated[
        float,
        typer.Option(
            help="Relative gap [share] between a parent's value and the sum of its children "
            "beyond which a warning is given.",
        ),
    ] = 0.02,
) -> None:
    """Check a data folder against the data contract and print a report.

    Errors (unknown codes, duplicate rows, bad periods, non-numeric values, falling year-to-date
    values, a broken hierarchy, targets for unknown units...) make the exit code 1; warnings
    (children that do not add up to their parent, missing periods) and automatic fixes (an
    encoding, thousands separators) are printed but do not fail.
    """
    from sprintmodel.data import validate_folder

    path = resolve_folder(folder)
    report, dataset = validate_folder(path, sum_tolerance=tolerance)
    for line in report.lines():
        (err_console if line.startswith("ERROR") else console).print(line, markup=False)
    if dataset is not None:
        console.print(repr(dataset), markup=False)
    console.print(report.summary(), markup=False)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def status(
    folder: FolderArg = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Period YYYYQn or YYYY-MM (default: the latest in the data)."),
    ] = None,
    lang: Annotated[str, typer.Option(help="Language of the table: zh or en.")] = "zh",
    all_units: Annotated[
        bool, typer.Option("--all-units", help="Show every unit, not only the city and level 1.")
    ] = False,
    out: Annotated[Path | None, typer.Option(help="Also write the table to this CSV file.")] = None,
) -> None:
    """Year to date against target: growth so far and what the rest of the year must deliver."""
    from sprintmodel.data import load_folder
    from sprintmodel.reporting.console import status_table
    from sprintmodel.reporting.files import write_csv
    from sprintmodel.status import ytd_status

    dataset = load_folder(resolve_folder(folder))
    frame = ytd_status(dataset, as_of)
    if not all_units:
        keep = [u for u in dataset.hierarchy if dataset.hierarchy.depth(u) <= 1]
        shown = frame[frame.unit.isin(keep)]
    else:
        shown = frame
    console.print(status_table(shown, dataset, lang=lang))
    if out is not None:
        write_csv(frame, out)
        console.print(f"wrote {out}", markup=False)


def main() -> None:
    """Entry point: run the app, turning user errors into a message and exit code 1."""
    try:
        result = app(standalone_mode=False)
    except SprintmodelError as exc:
        err_console.print(f"error: {exc}", markup=False)
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("aborted", markup=False)
        sys.exit(1)
    except Exception as exc:
        # Usage errors of click (which typer may vendor): they know how to show themselves.
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            sys.exit(exc.exit_code)
        raise
    except KeyboardInterrupt:
        err_console.print("interrupted", markup=False)
        sys.exit(130)
    sys.exit(result if isinstance(result, int) else 0)


if __name__ == "__main__":
    main()
