"""``tasks.csv`` (optional): the sprint's key tasks (重点任务), each with its lead and deadline.

The briefing's first page lists them (三到五项 the leaders assign: task, 牵头单位, 完成时限), in
the file's order; see ``docs/data_contract.md``.

| column | meaning |
| --- | --- |
| task | what is to be done, in words (required, one sentence) |
| lead_department | 牵头单位: the department that leads it (required) |
| deadline | 完成时限: ``YYYY-MM`` (the month it must be done by) or ``YYYY-MM-DD`` (required) |
| indicator | code of the indicator it serves, from ``indicators.csv`` (may be empty) |
| unit | code of the unit it concerns, from ``units.csv`` (may be empty: the whole) |
| partners | 配合单位 (may be empty) |
"""

from __future__ import annotations

import re

import pandas as pd

from sprintmodel.data.model import Hierarchy, Indicator
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.common import check_membership, missing_columns
from sprintmodel.data.tables import Table

__all__ = ["TASK_COLUMNS", "TASK_REQUIRED", "load_tasks"]

TASK_COLUMNS = ["task", "lead_department", "deadline", "indicator", "unit", "partners"]
"""Columns of ``tasks.csv`` (``indicator``, ``unit`` and ``partners`` may be absent)."""
TASK_REQUIRED = ["task", "lead_department", "deadline"]

_DEADLINE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def load_tasks(
    table: Table,
    hierarchy: Hierarchy | None,
    indicators: dict[str, Indicator] | None,
    report: ValidationReport,
) -> pd.DataFrame | None:
    """The task table (columns :data:`TASK_COLUMNS`, text), in the file's order; None after an
    error. Every problem goes to ``report`` with the file, row, column and fix."""
    n_errors = len(report.errors)
    f = table.frame
    fix = "the task table needs task, lead_department and deadline; see docs/data_contract.md."
    if missing_columns(table, TASK_REQUIRED, fix, report):
        return None
    for c in TASK_COLUMNS:
        if c not in f.columns:
            f[c] = ""
    for col, what in (("task", "the task"), ("lead_department", "the lead department")):
        for row in f.index[f[col].str.strip() == ""]:
            report.add("error", table.file, f"{what} is empty.", f"write {what}.", int(row), col)
    for row, text in f.deadline.items():
        m = _DEADLINE.match(str(text).strip())
        if m is None or not 1 <= int(m.group(2)) <= 12:
            report.add(
                "error",
                table.file,
                f"deadline '{text}' is not a month.",
                "write the month it must be done by as YYYY-MM (2026-11) or a day as YYYY-MM-DD.",
                int(row),
                "deadline",
            )
    if hierarchy is not None:
        check_membership(
            table,
            "unit",
            [*hierarchy.units, ""],
            "unit",
            "use a unit code from units.csv, or leave it empty for the whole.",
            report,
            hierarchy,
        )
    if indicators is not None:
        check_membership(
            table,
            "indicator",
            [*indicators, ""],
            "indicator",
            "use an indicator code from indicators.csv, or leave it empty.",
            report,
        )
    if len(report.errors) > n_errors:
        return None
    return f[TASK_COLUMNS].reset_index(drop=True)
