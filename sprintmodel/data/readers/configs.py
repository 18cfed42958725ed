"""``levers.yaml`` and ``accelerations.csv`` (optional): the folder's policy levers and the
costs of bringing projects forward.

Their formats belong to the models that use them (``docs/levers.md``,
:class:`~sprintmodel.scenario.levers.LeverSet`; ``docs/optimize.md``,
:class:`~sprintmodel.optimize.accelerations.AccelerationSet`), so those classes are imported when
the file is present (inside the function: the data floor does not import the scenario and
optimisation packages at module level). Here they are read once, when the folder is loaded, and
a problem becomes one line of the :class:`~sprintmodel.data.problems.ValidationReport` naming the
file, the line or row and key or column, and the fix; computation then takes them from the
:class:`~sprintmodel.data.model.DataSet` and never reads the disk.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from sprintmodel.data.problems import ValidationReport
from sprintmodel.errors import InputError

if TYPE_CHECKING:
    from sprintmodel.optimize.accelerations import AccelerationSet
    from sprintmodel.scenario.levers import LeverSet

__all__ = ["ACCELERATION_FILE", "LEVER_FILE", "load_accelerations", "load_levers"]

LEVER_FILE = "levers.yaml"
ACCELERATION_FILE = "accelerations.csv"


_WHERE = re.compile(
    r"^(?:levers|accelerations) file (?P<file>.+?)(?:, row (?P<row>\d+))?"
    r"(?:, column (?P<column>[a-z_]+))?(?=[:,])[:,] ?(?P<rest>.*)$",
    re.S,
)


def _problem(exc: InputError, path: Path, report: ValidationReport, fix: str) -> None:
    """Add ``exc`` (``"<kind> file <path>[, row r][, column c]: message"``) to ``report`` as
    one problem of ``path.name`` with its row and column."""
    text = str(exc)
    hit = _WHERE.match(text)
    row = column = None
    if hit and hit["file"] == str(path):
        text = hit["rest"]
        row = int(hit["row"]) if hit["row"] else None
        column = hit["column"]
    report.add("error", path.name, text, fix, row, column)


def load_levers(path: Path, report: ValidationReport) -> LeverSet | None:
    """The folder's ``levers.yaml`` checked in full; None (and an error) when it cannot be used."""
    from sprintmodel.scenario.levers import LeverSet

    try:
        return LeverSet.from_yaml(path)
    except InputError as exc:
        _problem(exc, path, report, "correct levers.yaml as docs/levers.md describes.")
        return None


def load_accelerations(
    path: Path, projects: pd.DataFrame, report: ValidationReport
) -> AccelerationSet | None:
    """The folder's ``accelerations.csv`` checked against the project register; None (and an
    error) when it cannot be used."""
    from sprintmodel.optimize.accelerations import AccelerationSet
    from sprintmodel.scenario.projects import ProjectRegister

    try:
        return AccelerationSet.from_csv(path, ProjectRegister.from_frame(projects))
    except InputError as exc:
        _problem(exc, path, report, "correct accelerations.csv as docs/optimize.md describes.")
        return None
