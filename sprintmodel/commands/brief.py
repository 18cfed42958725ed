"""``sprintmodel brief``: run many scenarios and write the briefing (Word, HTML, Excel)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:
    from sprintmodel.briefing.api import BriefingRun

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
    _print_outcomes(result, lang)
    console.print(
        f"wrote {out}/briefing.docx, briefing.html, briefing.xlsx, results/, manifest.json in "
        f"{result.seconds.get('total', 0.0):.1f} s",
        markup=False,
    )
    if result.batch.failed:
        raise typer.Exit(1)


def _print_outcomes(result: BriefingRun, lang: str) -> None:
    """Each scenario's lead indicator at the root, the checks to verify, notes, failures and
    the totals, in ``lang`` (:mod:`sprintmodel.words.console`)."""
    from sprintmodel.words.briefing import scenario_label
    from sprintmodel.words.console import say
    from sprintmodel.words.optimize import pad

    batch, model = result.batch, result.model
    lead = model.meta.get("lead", "")
    lead_name = model.meta.get("lead_name", lead) if lang == "zh" else lead
    for o in batch.ok:
        s = o.summary
        row = s[(s.unit == s.unit.iloc[0]) & (s.indicator == lead)] if s is not None else None
        if row is None or not len(row):
            continue
        r = row.iloc[0]
        spec = o.job.spec
        name = scenario_label(o.name, spec.description if spec is not None else "", lang)
        name = pad(name, 22) if lang == "zh" else name  # one column (a character takes two)
        line = say(
            "brief.scenario",
            lang,
            name=name,
            indicator=lead_name,
            growth=r.fy_growth,
            lo=r.fy_growth_p10,
            hi=r.fy_growth_p90,
            p=r.p_meet_target,
            cost=o.cost,
        )
        console.print(line, markup=False)
    for f in model.flags[:SHOWN_CHECKS]:
        err_console.print(say("brief.check", lang, text=f.message.text), markup=False)
    if len(model.flags) > SHOWN_CHECKS:
        err_console.print(say("brief.more_checks", lang, n=len(model.flags) - SHOWN_CHECKS))
    for note in result.notes:
        err_console.print(f"note: {note}", markup=False)
    for o in batch.failed:
        err_console.print(f"error: scenario {o.name} ({o.job.source}): {o.error}", markup=False)
    totals = say(
        "brief.totals",
        lang,
        city=model.meta.get("city", ""),
        n=len(batch.outcomes),
        ok=len(batch.ok),
        failed=len(batch.failed),
        checks=len(model.flags),
        executor=batch.executor,
        workers=batch.workers,
        rate=batch.scenarios_per_second,
    )
    console.print(totals, markup=False)
