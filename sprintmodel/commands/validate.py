"""``sprintmodel validate``: check a data folder against the data contract."""

from __future__ import annotations

from typing import Annotated

import typer

from sprintmodel.commands._app import FolderArg, app, console, err_console, resolve_folder


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
    from sprintmodel.scenario.folder import check_scenario_files

    path = resolve_folder(folder)
    report, dataset = validate_folder(path, sum_tolerance=tolerance)
    if dataset is not None:
        check_scenario_files(path, dataset, report)
    for line in report.lines():
        (err_console if line.startswith("ERROR") else console).print(line, markup=False)
    if dataset is not None and report.ok:
        console.print(repr(dataset), markup=False)
    console.print(report.summary(), markup=False)
    if not report.ok:
        raise typer.Exit(1)
