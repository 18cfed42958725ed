"""``sprintmodel targets``: draft next year's targets, allocation, milestones and investment plan."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from sprintmodel.commands._app import FolderArg, app, check_lang, console, resolve_folder
from sprintmodel.errors import InputError


def _pairs(values: list[str] | None, option: str) -> dict[str, float]:
    """``["gdp=5.0", "fai=6"]`` → ``{"gdp": 5.0, "fai": 6.0}`` (InputError on bad text)."""
    out: dict[str, float] = {}
    for text in values or []:
        key, sep, value = str(text).partition("=")
        key = key.strip()
        try:
            number = float(value.strip().rstrip("%"))
        except ValueError:
            number = float("nan")
        if not sep or not key or number != number:
            raise InputError(
                f"{option} {text!r}: write INDICATOR=GROWTH in percent, e.g. {option} gdp=5.0"
            )
        out[key] = number
    return out


def _bounds(values: list[str] | None) -> dict[str, tuple[float | None, float | None]]:
    """``["SLQ=4..7", "gdp/YHQ=6.."]`` → bounds per unit or indicator/unit [%]."""
    from sprintmodel.targets import parse_bound

    out: dict[str, tuple[float | None, float | None]] = {}
    for text in values or []:
        key, sep, value = str(text).partition("=")
        if not sep or not key.strip():
            raise InputError(
                f"--bound {text!r}: write UNIT=LOW..HIGH or INDICATOR/UNIT=LOW..HIGH in percent, "
                "e.g. --bound SLQ=4..7"
            )
        out[key.strip()] = parse_bound(value)
    return out


@app.command()
def targets(
    folder: FolderArg = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year", help="The target year (default: the year after the data's latest period)."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Output folder: targets.xlsx (one sheet per part) and options.csv, "
            "allocation.csv, milestones.csv, investment_plan.csv and more. New, empty, or written "
            "by sprintmodel (replaced as a whole); any other folder is refused.",
        ),
    ] = None,
    scenario: Annotated[
        Path | None,
        typer.Option(
            "--scenario",
            help="Scenario file (YAML, docs/scenarios.md): this year's full year and the project "
            "schedules come from it (default: the baseline forecast).",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Period of this year's data, in YEAR-1 (default: the latest)."
        ),
    ] = None,
    province_growth: Annotated[
        list[str] | None,
        typer.Option(
            "--province-growth",
            help="The province's target growth, INDICATOR=PERCENT (repeatable), for the option "
            "'at least the province's' (default: province_targets.csv of the folder, if any).",
        ),
    ] = None,
    option: Annotated[
        str,
        typer.Option(
            "--option",
            help="Option allocated to districts and given milestones: cautious, baseline, "
            "ambitious, province or this_year.",
        ),
    ] = "baseline",
    target: Annotated[
        list[str] | None,
        typer.Option(
            "--target",
            help="The city's target growth to allocate, INDICATOR=PERCENT (repeatable; overrides "
            "--option for that indicator).",
        ),
    ] = None,
    bound: Annotated[
        list[str] | None,
        typer.Option(
            "--bound",
            help="Allocation bounds on a unit's target growth, UNIT=LOW..HIGH or "
            "INDICATOR/UNIT=LOW..HIGH in percent (repeatable; default: ±3 pp around the unit's "
            "reference growth).",
        ),
    ] = None,
    towns: Annotated[
        bool, typer.Option("--towns", help="Also allocate each county's target to its towns.")
    ] = False,
    indicator: Annotated[
        list[str] | None,
        typer.Option("--indicator", help="Indicator code to draft (repeatable; default: all)."),
    ] = None,
    no_projects: Annotated[
        bool, typer.Option("--no-projects", help="Leave the project register out.")
    ] = False,
    lang: Annotated[str, typer.Option("--lang", help="Language of the workbook: zh or en.")] = "zh",
    draws: Annotated[
        int | None, typer.Option("--draws", help="Simulation draws (default 2000).")
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Random seed (default 0).")] = None,
) -> None:
    """Draft next year's targets: options with their odds, allocation, milestones, investment plan.

    For each indicator of the city: cautious, baseline and ambitious targets (met with
    probability about 80%, 50% and 30%; the tiers 保底, 力争, 奋斗), "at least the province's"
    when known, and this year's target again, each with its probability and the first quarter's
    growth it implies; the chosen option allocated to districts so that targets add up; the
    year-to-date value and growth each unit should reach by each quarter (month) and the 双过半
    check; the register's investment plan next year with the projects most at risk. See
    docs/targets.md.
    """
    from sprintmodel.data import load_folder
    from sprintmodel.reporting.targets import write_targets
    from sprintmodel.targets import draft_targets

    started = time.perf_counter()
    check_lang(lang)
    if draws is not None and draws < 10:
        raise InputError(f"--draws must be at least 10, not {draws}")
    province = _pairs(province_growth, "--province-growth") if province_growth else None
    city = _pairs(target, "--target")
    bounds = _bounds(bound)
    if out is not None:
        from sprintmodel.reporting.files import check_output_folder

        check_output_folder(out)
    if scenario is not None and not scenario.exists():
        raise InputError(f"the scenario file {scenario} does not exist")
    dataset = load_folder(resolve_folder(folder))
    unknown = [k.split("/")[-1] for k in bounds if k.split("/")[-1] not in dataset.units]
    if unknown:
        raise InputError(
            f"--bound: unknown unit(s) {', '.join(unknown)}; the data have "
            f"{', '.join(dataset.units)}"
        )
    result = draft_targets(
        dataset,
        year,
        as_of=as_of,
        scenario=scenario,
        province_growth=province,
        option=option,
        city_targets=city or None,
        bounds=bounds or None,
        towns=towns,
        projects=not no_projects,
        indicators=indicator or None,
        n_draws=draws,
        rng=seed,
    )
    console.print(result.summary(lang="zh" if lang == "zh" else "en"), markup=False)
    if dataset.livelihood is not None:
        from sprintmodel.livelihood import livelihood_plan_summary

        console.print(livelihood_plan_summary(dataset, result.year, lang), markup=False)
    if out is not None:
        write_targets(
            result,
            out,
            lang=lang,
            extra={
                "data": str(dataset.folder),
                "scenario_file": str(scenario) if scenario else None,
                "seconds": round(time.perf_counter() - started, 2),
            },
        )
        console.print(f"wrote {out}", markup=False)
