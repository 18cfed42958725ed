"""``sprintmodel status``: year to date against target."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sprintmodel.commands._app import (
    AllUnitsOpt,
    AsOfOpt,
    FolderArg,
    app,
    console,
    resolve_folder,
    top_units,
)


@app.command()
def status(
    folder: FolderArg = None,
    as_of: AsOfOpt = None,
    lang: Annotated[str, typer.Option(help="Language of the table: zh or en.")] = "zh",
    all_units: AllUnitsOpt = False,
    out: Annotated[Path | None, typer.Option(help="Also write the table to this CSV file.")] = None,
) -> None:
    """Year to date against target: growth so far and what the rest of the year must deliver.

    With a livelihood register (livelihood.csv), also each 为民办实事 task's completion against
    its time progress.
    """
    from sprintmodel.data import load_folder
    from sprintmodel.livelihood import livelihood_progress
    from sprintmodel.reporting.console import livelihood_table, status_table
    from sprintmodel.reporting.files import check_output_file, write_csv
    from sprintmodel.status import ytd_status

    check_output_file(out)
    dataset = load_folder(resolve_folder(folder))
    frame = ytd_status(dataset, as_of)
    console.print(status_table(top_units(frame, dataset, all_units), dataset, lang=lang))
    tasks = livelihood_progress(dataset, as_of)
    if len(tasks):
        console.print(livelihood_table(tasks, dataset, lang=lang))
    if out is not None:
        write_csv(frame, out)
        console.print(f"wrote {out}", markup=False)
