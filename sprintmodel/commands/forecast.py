"""``sprintmodel forecast``: where the year lands, with calibrated intervals."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import typer

from sprintmodel.commands._app import FolderArg, app, console, err_console, resolve_folder


def _fmt(value: object, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


@app.command()
def forecast(
    folder: FolderArg = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Period YYYYQn or YYYY-MM (default: the latest in the data)."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write every unit × indicator to this CSV file.")
    ] = None,
    method: Annotated[
        str,
        typer.Option(help="combination (default) or one method: ratio, momentum, ets, ..."),
    ] = "combination",
    draws: Annotated[int, typer.Option("--draws", help="Simulation draws.")] = 2000,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same numbers).")] = 0,
    lang: Annotated[str, typer.Option(help="Language of the table: zh or en.")] = "zh",
    all_units: Annotated[
        bool, typer.Option("--all-units", help="Show every unit, not only the city and level 1.")
    ] = False,
) -> None:
    """Full-year value and growth of every unit × indicator with 80% intervals.

    Uses only data up to --as-of. The CSV (--out) has the contract's columns plus 95%
    intervals, the target, the gap to it, the growth the rest of the year must deliver, the
    probability of meeting the target, the method and notes.
    """
    import warnings

    from rich.table import Table

    from sprintmodel.data import load_folder
    from sprintmodel.forecast import forecast as run_forecast
    from sprintmodel.reporting.files import write_csv
    from sprintmodel.reporting.labels import header

    dataset = load_folder(resolve_folder(folder))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_forecast(dataset, as_of, method=method, n_draws=draws, rng=seed)
    frame = result.to_frame()
    for line in result.warnings:
        err_console.print(f"warning: {line}", markup=False)
    if not all_units:
        keep = [u for u in dataset.hierarchy if dataset.hierarchy.depth(u) <= 1]
        shown = frame[frame.unit.isin(keep)]
    else:
        shown = frame
    title = (
        f"全年预计（截至 {result.as_of}）"
        if lang == "zh"
        else f"Full-year forecast as of {result.as_of}"
    )
    table = Table(title=title)
    interval = "80%区间" if lang == "zh" else "80% interval"
    cols = [
        ("unit", "left"),
        ("indicator", "left"),
        ("period", "left"),
        ("fy_value", "right"),
        ("fy_growth", "right"),
        (interval, "right"),
        ("target_growth", "right"),
        ("gap_pp", "right"),
        ("rest_growth_required", "right"),
        ("p_meet_target", "right"),
        ("note", "left"),
    ]
    for name, justify in cols:
        table.add_column(header(name, lang), justify=justify)  # type: ignore[arg-type]
    for row in shown.itertuples(index=False):
        unit = dataset.units[row.unit]
        ind = dataset.indicators[row.indicator]
        name = unit.label(lang)
        if dataset.hierarchy.depth(row.unit) > 0:
            name = "  " + name
        p = row.p_meet_target
        table.add_row(
            name,
            ind.label(lang),
            str(row.period) if isinstance(row.period, str) else "—",
            _fmt(row.fy_value, 2),
            _fmt(row.fy_growth),
            f"{_fmt(row.fy_growth_lo80)} ~ {_fmt(row.fy_growth_hi80)}",
            _fmt(row.target_growth),
            _fmt(row.gap_pp),
            _fmt(row.rest_growth_required),
            "—" if isinstance(p, float) and math.isnan(p) else f"{p:.0%}",
            str(row.note) if isinstance(row.note, str) else "",
        )
    console.print(table)
    if out is not None:
        write_csv(frame, out)
        console.print(f"wrote {out}", markup=False)
