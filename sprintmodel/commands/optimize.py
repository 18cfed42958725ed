"""``sprintmodel optimize``: the least-cost sprint package meeting targets with given odds."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import typer

from sprintmodel.commands._app import (
    AsOfOpt,
    FolderArg,
    LeversOpt,
    app,
    console,
    err_console,
    resolve_folder,
)
from sprintmodel.errors import InputError
from sprintmodel.reporting.files import atomic_folder, check_output_folder
from sprintmodel.words.optimize import summary_words


def _say_out_of_reach(result: Any, lang: str) -> None:
    """The verdict on stderr, in the printout's words (the same note closes the summary)."""
    said = [
        text
        for n, text in zip(result.notes, result.note_texts(lang), strict=True)
        if n.code.startswith("optimize.out_of_reach")
    ]
    word = summary_words(lang)["notes"]
    err_console.print("\n".join(f"{word}: {text}" for text in said), markup=False)


def _write(
    out: Path,
    result: Any,
    torn: Any,
    data_folder: Path,
    levers_source: Any,
    timings: dict[str, float],
    tornado_draws: int,
    lang: str,
) -> None:
    """Write the optimiser's folder (package.yaml, report.json, package.csv, tornado.csv)."""
    extra: dict[str, Any] = {"data": str(data_folder), "levers": levers_source}
    extra |= {"timings": {k: round(v, 3) for k, v in timings.items()}}
    extra["tornado_draws"] = tornado_draws
    with atomic_folder(out) as tmp:
        result.write(tmp, tornado=torn, extra=extra, lang=lang)
    console.print(f"wrote {out}", markup=False)


@app.command()
def optimize(
    folder: FolderArg = None,
    target_probability: Annotated[
        float,
        typer.Option(
            "--target-probability",
            help="Probability of meeting the targets the package must reach, 0-1 (e.g. 0.8).",
        ),
    ] = 0.8,
    budget: Annotated[
        float | None,
        typer.Option(
            "--budget",
            help="Fiscal budget [亿元]: maximise the probability within it instead of "
            "minimising cost.",
        ),
    ] = None,
    indicators: Annotated[
        str,
        typer.Option("--indicators", help="Indicators whose targets must be met, e.g. gdp,fai."),
    ] = "gdp",
    units: Annotated[
        str | None,
        typer.Option(
            "--units", help="Units whose targets must be met, e.g. JC,SLQ (default: the city)."
        ),
    ] = None,
    each: Annotated[
        bool,
        typer.Option(
            "--each",
            help="Meet each target with the probability separately (default: all targets in the "
            "same draw).",
        ),
    ] = False,
    as_of: AsOfOpt = None,
    draws: Annotated[
        int, typer.Option("--draws", help="Draws of the sample programme (SAA).")
    ] = 400,
    check_draws: Annotated[
        int, typer.Option("--check-draws", help="Fresh draws on which the package is re-checked.")
    ] = 10_000,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed S: the sample uses S, the re-check S + 1.")
    ] = 0,
    levers: LeversOpt = None,
    accelerations: Annotated[
        Path | None,
        typer.Option(
            "--accelerations",
            help="Project accelerations file (default: accelerations.csv of the data folder, "
            "else the default rule of docs/optimize.md).",
        ),
    ] = None,
    no_projects: Annotated[
        bool, typer.Option("--no-projects", help="Levers only: accelerate no project.")
    ] = False,
    tornado_draws: Annotated[
        int,
        typer.Option(
            "--tornado-draws",
            help="Draws of the sensitivity (tornado) engines; 0 skips the tornado.",
        ),
    ] = 2000,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Output folder: new, empty, or one written by sprintmodel (replaced as a whole).",
        ),
    ] = None,
    lang: Annotated[str, typer.Option(help="Language of the printout: zh or en.")] = "zh",
) -> None:
    """Least-cost package of levers and project accelerations meeting targets with odds P.

    Chooses lever intensities (within their caps) and project accelerations (yes/no, each
    with its cost and feasibility limit) so that the targets are met with probability at
    least --target-probability at least fiscal cost, or, with --budget, with the highest
    probability within the budget. The package is found on --draws simulated draws (a mixed
    integer linear programme) and re-checked on --check-draws fresh draws. Prints the package, its
    cost, the probabilities, the binding constraints, each lever alone and the tornado of the
    gap. --out writes package.yaml (a scenario: sprintmodel run package.yaml --out DIR),
    report.json, package.csv and tornado.csv. See docs/optimize.md.
    """
    import warnings

    from sprintmodel.limits import check_draws as check_memory
    from sprintmodel.optimize import AccelerationSet, PackageProblem
    from sprintmodel.optimize import optimize as run_optimize
    from sprintmodel.scenario.levers import open_data

    started = time.perf_counter()
    if lang not in ("zh", "en"):
        raise InputError(f"--lang {lang!r}: use zh or en.")
    if out is not None:
        check_output_folder(out)
    if tornado_draws < 0:
        raise InputError(f"--tornado-draws {tornado_draws}: give 0 (no tornado) or more.")
    problem = PackageProblem(
        target_probability=target_probability,
        budget=budget,
        indicators=tuple(indicators.split(",")),
        units=tuple(units.split(",")) if units else (),
        joint=not each,
        n_draws=draws,
        check_draws=check_draws,
        projects=not no_projects,
    )
    if seed < 0:
        raise InputError(f"--seed {seed}: give a whole number 0 or more.")
    data_folder = resolve_folder(folder)
    dataset, lever_set = open_data(data_folder, levers)
    # two engines hold every draw at once: the programme's and the re-check's
    check_memory(
        draws + check_draws,
        len(dataset.series_keys),
        "scenario",
        "--draws + --check-draws",
        blocks=False,
    )
    accel: AccelerationSet | Path | None = accelerations
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_optimize(
            dataset,
            as_of,
            problem=problem,
            levers=lever_set,
            accelerations=accel,
            rng=seed,
        )
        torn = None
        t0 = time.perf_counter()
        if tornado_draws > 0:
            torn = result.tornado(n_draws=tornado_draws)
        tornado_s = time.perf_counter() - t0
    # soft_wrap: a long note (a list of levers) stays one line rather than breaking mid-word
    console.print(result.summary(lang), markup=False, soft_wrap=True)
    if torn is not None:
        tornado_text = torn.summary(top=10, lang=lang, names=result.names(lang))
        console.print(tornado_text, markup=False, soft_wrap=True)
    if out is not None:
        timings = {"tornado_s": tornado_s, "total_s": time.perf_counter() - started}
        _write(out, result, torn, data_folder, lever_set.source, timings, tornado_draws, lang)
    if not result.feasible:
        _say_out_of_reach(result, lang)
