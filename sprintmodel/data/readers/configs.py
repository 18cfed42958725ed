"""``levers.yaml`` and ``accelerations.csv`` (optional): the folder's policy levers and the
costs of bringing projects forward.

Their formats belong to the models that use them (``docs/levers.md``,
:class:`~sprintmodel.scenario.levers.LeverSet`; ``docs/optimize.md``,
:class:`~sprintmodel.optimize.accelerations.AccelerationSet`). Each of those modules registers
its reader here (:func:`register_config`), so the data floor never imports the packages above it
and still reads every file of the folder once, when it is loaded: a problem becomes one line of
the :class:`~sprintmodel.data.problems.ValidationReport` naming the file, the row and column (or
line and key), and the fix; computation then takes the object from the
:class:`~sprintmodel.data.model.DataSet` and never reads the disk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from sprintmodel.data.problems import ValidationReport
from sprintmodel.errors import InputError

__all__ = ["CONFIG_FILES", "ConfigReader", "load_config", "register_config"]

ConfigReader = Callable[[Path, pd.DataFrame], Any]
"""``reader(path, projects) -> object``: parse and check one file (``projects`` is the folder's
project register); raise :class:`~sprintmodel.errors.InputError` naming the file."""

CONFIG_FILES = {"levers": "levers.yaml", "accelerations": "accelerations.csv"}
"""DataSet field → the optional file it is read from."""

_READERS: dict[str, tuple[ConfigReader, str]] = {}

_WHERE = re.compile(
    r"^(?:levers|accelerations) file (?P<file>.+?)(?:, row (?P<row>\d+))?"
    r"(?:, column (?P<column>[a-z_]+))?(?=[:,])[:,] ?(?P<rest>.*)$",
    re.S,
)


def register_config(field: str, reader: ConfigReader, fix: str) -> None:
    """Register the reader of the file :data:`CONFIG_FILES` ``[field]`` and the fix its errors
    carry (called by the module that owns the file's format)."""
    if field not in CONFIG_FILES:
        raise KeyError(f"{field!r} is not one of {', '.join(CONFIG_FILES)}")
    _READERS[field] = (reader, fix)


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


def load_config(
    field: str, path: Path, projects: pd.DataFrame, report: ValidationReport
) -> Any | None:
    """The object read from ``path`` by the registered reader; None (and an error in
    ``report``) when the file cannot be used."""
    if field not in _READERS:  # pragma: no cover - importing sprintmodel registers both
        raise RuntimeError(f"no reader registered for {path.name}; import sprintmodel first")
    reader, fix = _READERS[field]
    try:
        return reader(path, projects)
    except InputError as exc:
        _problem(exc, path, report, fix)
        return None
