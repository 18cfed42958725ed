"""``province_targets.csv`` (optional): the province's targets, read by ``draft_targets``.

Columns ``indicator, year, target_growth`` [%]: the growth the province asks of the city per
indicator and year (the option 不低于全省 of ``sprintmodel.targets``). Rows whose
``target_growth`` is empty are kept as not published (NaN).
"""

from __future__ import annotations

import pandas as pd

from sprintmodel.data.model import Indicator
from sprintmodel.data.parse import closest, parse_numbers
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.common import missing_columns
from sprintmodel.data.tables import Table

__all__ = ["PROVINCE_COLUMNS", "PROVINCE_FILE", "load_province_targets"]

PROVINCE_FILE = "province_targets"
"""Stem of the optional file (``province_targets.csv`` or ``.xlsx``)."""
PROVINCE_COLUMNS = ["indicator", "year", "target_growth"]


def load_province_targets(
    table: Table, indicators: dict[str, Indicator] | None, report: ValidationReport
) -> pd.DataFrame | None:
    """Columns ``indicator, year`` (int) ``, target_growth`` [%]; None after an error.

    Every problem goes to ``report`` with the file, row, column and fix.
    """
    n_errors = len(report.errors)
    f = table.frame
    fix = "the file needs indicator, year, target_growth (percent)."
    if missing_columns(table, PROVINCE_COLUMNS, fix, report):
        return None
    if indicators is not None:
        for row in f.index[~f["indicator"].isin(list(indicators))]:
            report.add(
                "error",
                table.file,
                f"a province target for the unknown indicator '{f.at[row, 'indicator']}'."
                + closest(f.at[row, "indicator"], list(indicators)),
                "use an indicator code from indicators.csv.",
                int(row),
                "indicator",
            )
    year = pd.to_numeric(f["year"].str.replace(r"\s*年$", "", regex=True), errors="coerce")
    for row in f.index[year.isna() | (year % 1 != 0) | (year < 1900) | (year > 2200)]:
        report.add(
            "error",
            table.file,
            f"'{f.at[row, 'year']}' is not a year.",
            "write the target year as four digits, e.g. 2027.",
            int(row),
            "year",
        )
    growth = parse_numbers(table, "target_growth", report, kind="percent")
    if len(report.errors) > n_errors:
        return None
    return pd.DataFrame(
        {
            "indicator": f["indicator"].to_numpy(),
            "year": year.astype(int).to_numpy(),
            "target_growth": growth.to_numpy(),
        }
    )
