"""``sprintmodel brief``: run many scenarios and write the briefing (Word, HTML, Excel)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sprintmodel.commands._app import (
    AsOfScenarioOpt,
    DataOpt,
    LeversOpt,
    OutFolderOpt,
    app,
    console,
    err_console,
)

SHOWN_CHECKS = 10
"""Plausibility checks printed on the terminal (all of them are in the briefing)."""


@app.command()
def brief(
    out: OutFolderOpt,
    scenarios: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Scenario files (YAML) or folders of them (default: the data folder's "
            "scenarios/; without one, the baseline at the latest period). A data folder "
            "named here alone is read as --data FOLDER, with a note.",
            show_default=False,
        ),
    ] = None,
    data: DataOpt = None,
    as_of: AsOfScenarioOpt = None,
    lang: Annotated[str, typer.Option("--lang", help="Language: zh or en.")] = "zh",
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            help="Processes: local default 1 (this process), dask default 2 (a new LocalCluster).",
        ),
    ] = None,
    executor: Annotated[
        str | None,
        typer.Option(
            "--executor",
            help="local (default) or dask (a LocalCluster, or the cluster at --scheduler).",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Address of a running Dask scheduler (tcp://HOST:8786)."),
    ] = None,
    draws: Annotated[
        int | None, typer.Option("--draws", help="Override every scenario's number of draws.")
    ] = None,
    levers: LeversOpt = None,
    charts: Annotated[
        bool, typer.Option("--charts/--no-charts", help="Draw the charts (on by default).")
    ] = True,
    extras: Annotated[
        bool,
        typer.Option(
            "--extras/--no-extras",
            help="Compute the pluggable sections when their modules exist: the recommended "
            "package (optimisation) and next year's targets (on by default; a few seconds).",
        ),
    ] = True,
    save_draws: Annotated[
        bool,
        typer.Option("--save-draws", help="Also write each scenario's draws (draws.npz)."),
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)."),
    ] = None,
) -> None:
    """Run every scenario and write OUT/briefing.docx, briefing.html, briefing.xlsx.

    The briefing: a headline table per indicator (target, year to date, projected full year
    with its range, gap, probability, rest-of-year growth required) with sentences written
    from the same figures, a comparison of scenarios, the district league, the projects that
    put the year at risk, each scenario's detail and the charts; Chinese by default. OUT also
    holds results/<scenario>/ (summary.csv, attribution.csv, costs.csv, projects.csv,
    scenario.yaml, run.json) and manifest.json (version, data and scenario hashes, seeds,
    times, status, errors). Plausibility checks (a required growth above the unit's record,
    an investment jump the project register cannot carry, districts that do not add up) are
    printed and listed at the end of the briefing.

    A scenario that fails is reported in the briefing and manifest.json; the others still run
    and everything is written, then the command exits with code 1. Everything is written into
    a temporary folder and moved into place when complete. See docs/briefing.md.
    """
    from sprintmodel.briefing import brief as run_brief
    from sprintmodel.errors import InputError

    if executor is not None and executor not in ("local", "dask"):
        raise InputError(f"unknown --executor {executor!r}. Fix: use local or dask.")
    if scheduler and executor == "local":
        raise InputError(
            "--scheduler needs --executor dask (it names a Dask scheduler). Fix: drop "
            "--executor local, or drop --scheduler."
        )
    chosen = "dask" if scheduler else (executor or "local")
    result = run_brief(
        list(scenarios or []),
        data=data,
        out=out,
        lang=lang,
        executor=chosen,  # type: ignore[arg-type]
        workers=workers,
        scheduler=scheduler,
        draws=draws,
        levers=levers,
        charts=charts,
        save_draws=save_draws,
        extras=None if extras else (),
        progress=progress,
        as_of=as_of,
    )
    batch = result.batch
    model = result.model
    root = model.meta.get("city", "")
    lead = model.meta.get("lead", "")
    for o in batch.outcomes:
        if not o.ok:
            continue
        s = o.summary
        row = s[(s.unit == s.unit.iloc[0]) & (s.indicator == lead)] if s is not None else None
        if row is not None and len(row):
            r = row.iloc[0]
            console.print(
                f"  {o.name:<24} {lead} {r.fy_growth:6.2f}% "
                f"[{r.fy_growth_p10:.2f}, {r.fy_growth_p90:.2f}]  P(meet) {r.p_meet_target:.2f}"
                f"  cost {o.cost:.2f} 亿元",
                markup=False,
            )
    for f in model.flags[:SHOWN_CHECKS]:
        err_console.print(f"check: {f.message.text}", markup=False)
    if len(model.flags) > SHOWN_CHECKS:
        err_console.print(
            f"check: ... {len(model.flags) - SHOWN_CHECKS} more, listed at the end of the briefing",
            markup=False,
        )
    for note in result.notes:
        err_console.print(f"note: {note}", markup=False)
    for o in batch.failed:
        err_console.print(f"error: scenario {o.name} ({o.job.source}): {o.error}", markup=False)
    rate = batch.scenarios_per_second
    console.print(
        f"{root}: {len(batch.outcomes)} scenario(s), {len(batch.ok)} ran, {len(batch.failed)} "
        f"failed, {len(model.flags)} check(s) to verify; {batch.executor} executor, "
        f"{batch.workers} worker(s), {rate:.1f} scenarios/s",
        markup=False,
    )
    console.print(
        f"wrote {out}/briefing.docx, briefing.html, briefing.xlsx, results/, manifest.json in "
        f"{result.seconds.get('total', 0.0):.1f} s",
        markup=False,
    )
    if batch.failed:
        raise typer.Exit(1)
