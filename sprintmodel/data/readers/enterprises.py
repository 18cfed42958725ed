"""``enterprises.csv`` (optional): the register of key enterprises (重点企业), see ``docs/enterprises.md``.

| column | meaning |
| --- | --- |
| enterprise | code, unique within a period (letters, digits, ``_``, ``-``) |
| name | name as used in briefings (may be empty) |
| unit | code of the unit (district, county, town) the enterprise reports to |
| industry | industry or sector label (free text, may be empty) |
| period | ``YYYYQn`` or ``YYYY-MM``: the year-to-date span |
| ytd_output | year-to-date output (产值) [亿元], current prices |
| ytd_output_last_year | output of the same span last year [亿元] |
"""

from __future__ import annotations

import pandas as pd

from sprintmodel.data.model import Hierarchy
from sprintmodel.data.parse import parse_numbers
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.common import check_units, missing_columns
from sprintmodel.data.tables import Table
from sprintmodel.periods import Period, PeriodError, as_period

__all__ = ["ENTERPRISE_COLUMNS", "ENTERPRISE_REQUIRED", "load_enterprises"]

ENTERPRISE_COLUMNS = [
    "enterprise",
    "name",
    "unit",
    "industry",
    "period",
    "ytd_output",
    "ytd_output_last_year",
]
"""Columns of the register (``name`` and ``industry`` may be absent)."""
ENTERPRISE_REQUIRED = ["enterprise", "unit", "period", "ytd_output", "ytd_output_last_year"]


def load_enterprises(
    table: Table, hierarchy: Hierarchy | None, report: ValidationReport
) -> pd.DataFrame | None:
    """The register with numbers as floats, plus ``year`` and ``month``; None after an error.

    Every problem goes to ``report`` with the file, row, column and fix.
    """
    n_errors = len(report.errors)
    f = table.frame
    fix = (
        f"the register needs {', '.join(ENTERPRISE_COLUMNS)} (name and industry may be empty); "
        "see docs/enterprises.md."
    )
    if missing_columns(table, ENTERPRISE_REQUIRED, fix, report):
        return None
    for c in ("name", "industry"):
        if c not in f.columns:
            f[c] = ""
    for row in f.index[f.enterprise == ""]:
        report.add(
            "error",
            table.file,
            "the enterprise code is empty.",
            "give a code.",
            int(row),
            "enterprise",
        )
    check_units(table, hierarchy, report)
    periods: list[Period | None] = []
    for row, text in f.period.items():
        try:
            periods.append(as_period(text))
        except PeriodError:
            periods.append(None)
            report.add(
                "error",
                table.file,
                f"'{text}' is not a period.",
                "write YYYYQn (2026Q3) or YYYY-MM (2026-09) for the year-to-date span.",
                int(row),
                "period",
            )
    out_now = parse_numbers(table, "ytd_output", report)
    out_last = parse_numbers(table, "ytd_output_last_year", report)
    for column, values in (("ytd_output", out_now), ("ytd_output_last_year", out_last)):
        for row in values.index[values < 0]:
            report.add(
                "error",
                table.file,
                f"{column} {values[row]:g} is negative.",
                "output is a non-negative amount in 亿元.",
                int(row),
                column,
            )
        for row in values.index[values.isna()]:
            report.add(
                "error",
                table.file,
                f"{column} is empty.",
                "give the year-to-date output in 亿元 (0 for an enterprise not yet producing).",
                int(row),
                column,
            )
    key = f.enterprise + "\x1f" + f.period
    for row in f.index[key.duplicated()]:
        report.add(
            "error",
            table.file,
            f"enterprise '{f.at[row, 'enterprise']}' appears twice for period {f.at[row, 'period']}.",
            "keep one row per enterprise and period.",
            int(row),
            "enterprise",
        )
    if len(report.errors) > n_errors:
        return None
    out = pd.DataFrame(
        {
            "enterprise": f.enterprise.to_numpy(),
            "name": f.name.to_numpy(),
            "unit": f.unit.to_numpy(),
            "industry": f.industry.to_numpy(),
            "period": [str(p) for p in periods],
            "ytd_output": out_now.to_numpy(),
            "ytd_output_last_year": out_last.to_numpy(),
            "year": [p.year for p in periods if p is not None],
            "month": [p.month for p in periods if p is not None],
        }
    )
    return out.reset_index(drop=True)
