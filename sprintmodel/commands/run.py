"""``sprintmodel run``: evaluate a scenario file and write its results to a folder."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sprintmodel.commands._app import (
    AsOfScenarioOpt,
    DataOpt,
    LeversOpt,
    OutFolderOpt,
    app,
    check_lang,
    console,
    resolve_folder,
)
from sprintmodel.reporting.files import atomic_folder, check_output_folder
from sprintmodel.words.notes import note_records

if TYPE_CHECKING:
    import pandas as pd

    from sprintmodel.data import DataSet
    from sprintmodel.scenario import ScenarioSpec
    from sprintmodel.scenario.results import ScenarioResult


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
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the printout and run.json's notes: zh or en.")
    ] = "zh",
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
    check_lang(lang)
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
        "notes": note_records(result.all_notes, lang, result.names(lang)),
        "seconds": round(time.perf_counter() - started, 2),
    }
    with atomic_folder(out) as tmp:
        result.write(tmp, meta=meta)
    _print_run(result, spec, dataset, summary, lang)
    console.print(f"wrote {out}", markup=False)


def _print_run(
    result: ScenarioResult, spec: ScenarioSpec, dataset: DataSet, summary: pd.DataFrame, lang: str
) -> None:
    """The root's full year under the scenario, one line per indicator, and its notes, in
    ``lang`` (:mod:`sprintmodel.words.console`)."""
    from sprintmodel.words.briefing import cost_kind_label, scenario_label
    from sprintmodel.words.console import say
    from sprintmodel.words.optimize import pad
    from sprintmodel.words.periods import period_name
    from sprintmodel.words.summaries import joined

    kinds = result.cost_by_kind()
    cost = joined([f"{cost_kind_label(k, lang)} {v:.2f}" for k, v in kinds.items() if v], lang)
    console.print(
        say(
            "run.head",
            lang,
            name=scenario_label(spec.name, spec.description, lang),
            as_of=period_name(spec.as_of, lang),
            draws=spec.draws,
            seed=spec.seed,
            cost=cost or say("run.no_cost", lang),
        ),
        markup=False,
    )
    for row in summary[summary.unit == dataset.root].itertuples():
        ind = dataset.indicators.get(str(row.indicator))
        # Chinese names padded to one column (a character takes two); English keeps the codes
        name = pad(ind.label(lang), 18) if lang == "zh" and ind is not None else str(row.indicator)
        if ind is not None and ind.completion and row.target_value > 0:
            # completion-type (jobs): the year's amount against the annual task, not growth
            line = say(
                "run.completion",
                lang,
                indicator=name,
                value=row.fy_value,
                target=row.target_value,
                measure=ind.measure,
                done=row.fy_completion_pct,
                p=row.p_meet_target,
            )
        else:
            line = say(
                "run.growth",
                lang,
                indicator=name,
                growth=row.fy_growth,
                lo=row.fy_growth_p10,
                hi=row.fy_growth_p90,
                target=row.target_growth,
                p=row.p_meet_target,
                delta=row.delta_pp,
            )
        console.print(line, markup=False)
    for text in result.note_texts(lang, engine=True):
        console.print(say("note", lang, text=text), markup=False, soft_wrap=True)
