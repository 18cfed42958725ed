"""``sprintmodel run``: evaluate a scenario file and write its results to a folder."""

from __future__ import annotations

import time
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
    resolve_folder,
)
from sprintmodel.reporting.files import atomic_folder, check_output_folder
from sprintmodel.words.notes import note_records


@app.command()
def run(
    scenario: Annotated[Path, typer.Argument(help="Scenario file (YAML; see docs/scenarios.md).")],
    out: OutFolderOpt,
    data: DataOpt = None,
    levers: LeversOpt = None,
    as_of: AsOfScenarioOpt = None,
    draws: Annotated[
        int | None, typer.Option("--draws", help="Override the scenario's number of draws.")
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Override the scenario's seed.")
    ] = None,
) -> None:
    """Evaluate a scenario: levers and project timing on top of the baseline forecast.

    Writes to OUT: summary.csv (one row per unit × indicator: full-year value and growth
    percentiles, target, gap, probability of meeting it, Q4 growth required), attribution.csv
    (change from the baseline by lever and project timing), costs.csv, projects.csv (the watch
    list), draws.npz (full-year draws, float32, with labels), scenario.yaml (the scenario as
    run) and run.json. Bad input (unknown lever or project, intensity above cap, production
    moved before start...) is reported with the scenario file and key before any work is done.
    """
    from sprintmodel.scenario import ScenarioSpec
    from sprintmodel.scenario.blocks import evaluate_blocks
    from sprintmodel.scenario.levers import open_data

    started = time.perf_counter()
    check_output_folder(out)
    spec = ScenarioSpec.from_yaml(scenario).at(as_of)
    if draws is not None or seed is not None:
        spec = spec.replace(
            draws=draws if draws is not None else spec.draws,
            seed=seed if seed is not None else spec.seed,
        )
    folder = resolve_folder(data)
    dataset, lever_set = open_data(folder, levers)
    # every check before the forecast runs; draws beyond one block's memory run in blocks
    result = evaluate_blocks(
        dataset, spec, lever_set, where=f"{scenario}: draws" if draws is None else "--draws"
    )
    summary = result.summary_frame()
    meta = {
        "scenario": spec.name,
        "scenario_file": str(scenario),
        "data": str(folder),
        "levers": lever_set.source,
        "as_of": str(spec.as_of),
        "draws": spec.draws,
        "seed": spec.seed,
        "method": spec.method,
        "cost": result.cost,
        "cost_by_kind": result.cost_by_kind(),
        "notes": note_records(result.all_notes, "en"),
        "seconds": round(time.perf_counter() - started, 2),
    }
    with atomic_folder(out) as tmp:
        result.write(tmp, meta=meta)
    root = dataset.root
    city = summary[summary.unit == root]
    kinds = result.cost_by_kind()
    cost = ", ".join(f"{k} {v:.2f}" for k, v in kinds.items() if v) or "none"
    console.print(
        f"scenario '{spec.name}' as of {spec.as_of}: {spec.draws} draws, seed {spec.seed}, "
        f"lever cost by kind [亿元]: {cost}",
        markup=False,
    )
    for row in city.itertuples():
        ind = dataset.indicators.get(str(row.indicator))
        if ind is not None and ind.completion and row.target_value > 0:
            # completion-type (jobs): the year's amount against the annual task, not growth
            console.print(
                f"  {row.indicator:<8} done   {row.fy_value:6.2f} of {row.target_value:.2f} "
                f"{ind.measure} ({row.fy_completion_pct:.1f}% of the task)  "
                f"P(meet) {row.p_meet_target:.2f}",
                markup=False,
            )
            continue
        console.print(
            f"  {row.indicator:<8} growth {row.fy_growth:6.2f}% "
            f"[{row.fy_growth_p10:.2f}, {row.fy_growth_p90:.2f}]  target {row.target_growth:5.2f}%  "
            f"P(meet) {row.p_meet_target:.2f}  Δ {row.delta_pp:+.2f} pp",
            markup=False,
        )
    for text in result.note_texts("en", engine=True):
        console.print(f"note: {text}", markup=False)
    console.print(f"wrote {out}", markup=False)
