"""The typer application shared by every command module.

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
