"""The typer application shared by every command module.

Every command reads a data folder in the form of ``DATA_CONTRACT.md`` (the bundled example city
when none is given), calls the core, and prints or writes the result. Errors a user can cause
are printed as one clear message naming the file, row, column and fix, with a non-zero exit code
and no traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from sprintmodel.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from sprintmodel.data import DataSet

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

# Options several commands share, word for word.
DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help="Data folder (default: the bundled example city)."),
]
OutFolderOpt = Annotated[
    Path,
    typer.Option(
        "--out",
        help="Output folder: new, empty, or one written by sprintmodel (then replaced as a "
        "whole, never half-written; any other folder is refused).",
    ),
]
LeversOpt = Annotated[
    Path | None,
    typer.Option(
        "--levers",
        help="Levers file (default: levers.yaml of the data folder, else the example city's).",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Period YYYYQn or YYYY-MM (default: the latest quarter in the data; a month "
        "such as 2026-10 once October's figures are out).",
    ),
]
AsOfScenarioOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Run the scenario(s) at this origin, YYYYQn or YYYY-MM (default: each scenario's "
        "own as_of). Lever starts and project dates passed since it was written are taken as "
        "happened, with a note.",
    ),
]
AllUnitsOpt = Annotated[
    bool, typer.Option("--all-units", help="Show every unit, not only the city and level 1.")
]


def resolve_folder(folder: Path | None) -> Path:
    """The folder given, or the bundled example city."""
    if folder is not None:
        return folder
    from sprintmodel.datasets import data_path

    return data_path("example_city")


def check_lang(lang: str) -> None:
    """Refuse a ``--lang`` other than ``zh`` or ``en``."""
    if lang not in ("zh", "en"):
        raise InputError(f"--lang must be zh or en, not {lang!r}")


def top_units(frame: pd.DataFrame, dataset: DataSet, all_units: bool) -> pd.DataFrame:
    """The rows of the city and its first level (every row with ``all_units``)."""
    if all_units:
        return frame
    keep = [u for u in dataset.hierarchy if dataset.hierarchy.depth(u) <= 1]
    return frame[frame.unit.isin(keep)]
