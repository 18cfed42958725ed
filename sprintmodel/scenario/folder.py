"""Checking the scenarios of a data folder (``scenarios/*.yaml``) the way the commands read them.

``sprintmodel validate`` calls :func:`check_scenario_files` after the tables load, so a folder
whose scenario names an unknown lever, a project that does not exist or too many draws fails
``validate``, not later in ``brief`` or ``run``.
"""

from __future__ import annotations

from pathlib import Path

from sprintmodel.data import DataSet, ValidationReport
from sprintmodel.data.tables import irregular_file
from sprintmodel.errors import SprintmodelError
from sprintmodel.limits import check_draws

SCENARIO_SUFFIXES = (".yaml", ".yml")


def _split_fix(text: str) -> tuple[str, str]:
    message, _, fix = text.partition(" Fix: ")
    return message, fix or "correct the scenario file (see docs/scenarios.md), or move it out."


def check_scenario_files(folder: str | Path, dataset: DataSet, report: ValidationReport) -> int:
    """Read and resolve every scenario of ``folder/scenarios``; problems go to ``report``.

    Each file is read (:meth:`ScenarioSpec.from_yaml`), checked against the data and the
    folder's levers (:func:`~sprintmodel.scenario.spec.resolve`) and its draws against the
    memory budget (:func:`sprintmodel.limits.check_draws`). Returns the number of files read.
    """
    from sprintmodel.scenario.levers import levers_for_folder
    from sprintmodel.scenario.spec import ScenarioSpec, resolve

    root = Path(folder) / "scenarios"
    if not root.is_dir():
        return 0
    files = sorted(p for p in root.iterdir() if p.suffix.lower() in SCENARIO_SUFFIXES)
    try:
        levers = levers_for_folder(folder)
    except SprintmodelError:
        levers = None  # levers.yaml is reported where it is read
    for path in files:
        name = f"scenarios/{path.name}"
        odd = irregular_file(path)
        if odd is not None:
            report.add("error", name, *odd)
            continue
        try:
            spec = ScenarioSpec.from_yaml(path)
            if levers is not None:
                resolve(spec, dataset, levers)
            check_draws(spec.draws, len(dataset.series_keys), "scenario", "draws")
        except SprintmodelError as exc:
            report.add("error", name, *_split_fix(str(exc)))
    return len(files)


__all__ = ["check_scenario_files"]
