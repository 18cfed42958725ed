"""``sprintmodel status``: year to date against target."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sprintmodel.commands._app import FolderArg, app, console, resolve_folder


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
