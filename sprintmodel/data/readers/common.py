"""What every reader of a data-folder table shares: columns, codes, yes/no, membership."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sprintmodel.data.aliases import TOTAL_WORDS, YES_NO_ALIASES
from sprintmodel.data.model import Hierarchy
from sprintmodel.data.parse import closest, parse_choice
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.tables import Table

__all__ = [
    "MAY_BE_ABSENT",
    "REQUIRED_COLUMNS",
    "REQUIRED_FILES",
    "check_columns",
    "check_membership",
    "check_unique",
    "missing_columns",
    "unknown_code_message",
    "yes_no",
]

REQUIRED_COLUMNS = {
    "units": ["unit", "name_zh", "name_en", "parent", "kind", "rollup"],
    "indicators": ["indicator", "name_zh", "name_en", "measure", "basis", "additive"],
    "observations": ["unit", "indicator", "period", "ytd_value", "ytd_growth"],
    "targets": ["unit", "indicator", "year", "target_growth", "target_value"],
    "projects": [
        "project",
        "name",
        "unit",
        "category",
        "status",
        "total_investment",
        "invested_to_date",
        "planned_start",
        "planned_finish",
        "planned_entry",
        "planned_production",
        "output_at_capacity",
        "value_added_rate",
    ],
}
# Columns that may be missing altogether (they default to empty).
MAY_BE_ABSENT = {
    "units": {"name_zh", "name_en", "rollup"},
    "indicators": {"name_zh", "name_en", "measure"},
    "observations": set(),
    "targets": set(),
    "projects": {"planned_entry", "output_at_capacity", "value_added_rate", "planned_production"},
}
REQUIRED_FILES = ("units", "indicators", "observations")


def check_columns(table: Table, stem: str, report: ValidationReport) -> bool:
    cols = list(table.frame.columns)
    required = REQUIRED_COLUMNS[stem]
    missing = [c for c in required if c not in cols and c not in MAY_BE_ABSENT[stem]]
    extra = [x for x in cols if x not in required]
    for c in missing:
        hint = closest(c, extra, cutoff=0.6)
        fix = (
            f"rename the column '{hint.split(chr(39))[1]}' to '{c}'."
            if hint
            else f"add a column named '{c}'."
        )
        report.add(
            "error",
            table.file,
            f"the required column '{c}' is missing (columns found: {', '.join(cols)}).",
            fix,
            row=1,
        )
    for c in required:
        if c not in cols and c in MAY_BE_ABSENT[stem]:
            table.frame[c] = ""
    return not missing


def yes_no(table: Table, column: str, default: str | None, report: ValidationReport) -> pd.Series:
    words = parse_choice(
        table,
        column,
        ["yes", "no"],
        report,
        aliases=YES_NO_ALIASES,
        empty=default,
        what="yes/no value",
        message="'{value}' is not yes or no.",
        fix=f"write 'yes' or 'no' in '{column}'"
        + (f" (empty means {default})." if default else "."),
    )
    return words == "yes"


def check_unique(table: Table, column: str, report: ValidationReport) -> None:
    codes = table.frame[column]
    dup = codes.duplicated(keep="first").to_numpy() & (codes.to_numpy(dtype=object) != "")
    if not dup.any():
        return
    first = pd.Series(codes.index, index=codes.to_numpy()).groupby(level=0).first()
    report.add_rows(
        "error",
        table.file,
        codes.index[dup],
        lambda r: (
            f"the code '{codes.at[r]}' appears again (first at row {int(first[codes.at[r]])})."
        ),
        "give every row a unique code, or delete the duplicate row.",
        column,
    )


def unknown_code_message(
    value: str, what: str, hierarchy: Hierarchy | None, choices: list[str]
) -> str:
    """``unknown unit 'x'.`` with the closest code, or the code whose name it is."""
    text = f"unknown {what} '{value}'."
    if value == "":
        return f"the {what} is empty."
    if value.strip().lower() in TOTAL_WORDS:
        return text + " It looks like a total row; totals come from the root unit's own rows."
    if hierarchy is not None and what == "unit":
        by_name = {u.name_zh: c for c, u in hierarchy.units.items() if u.name_zh}
        by_name.update({u.name_en.lower(): c for c, u in hierarchy.units.items() if u.name_en})
        hit = by_name.get(value) or by_name.get(value.lower())
        if hit:
            return text + f" That is the name of unit '{hit}'; write its code."
        names = list(by_name)
        near = closest(value, names, cutoff=0.6)
        if near:
            name = near.split("'")[1]
            return text + f" Did you mean '{by_name[name]}' ({name})? (renamed?)"
    return text + closest(value, choices)


def check_membership(
    table: Table,
    column: str,
    known: list[str],
    what: str,
    fix: str,
    report: ValidationReport,
    hierarchy: Hierarchy | None = None,
) -> np.ndarray:
    """Rows whose code is not in ``known`` are errors; returns the mask of bad rows."""
    values = table.frame[column]
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    bad_u = ~pd.Index(uniques).isin(known)
    bad = bad_u[codes] if len(codes) else np.zeros(0, dtype=bool)
    if bad.any():
        messages = {
            str(u): unknown_code_message(str(u), what, hierarchy, known)
            for u in np.asarray(uniques)[bad_u]
        }
        report.add_rows(
            "error",
            table.file,
            values.index[bad],
            lambda r: messages[str(values.at[r])],
            fix,
            column,
        )
    return bad


def check_units(
    table: Table,
    hierarchy: Hierarchy | None,
    report: ValidationReport,
    fix: str = "use a unit code from units.csv.",
) -> np.ndarray | None:
    """The ``unit`` column against units.csv (:func:`check_membership` with its "did you
    mean"); nothing to check without a hierarchy (None)."""
    if hierarchy is None:
        return None
    return check_membership(table, "unit", list(hierarchy.units), "unit", fix, report, hierarchy)


def missing_columns(table: Table, required: list[str], fix: str, report: ValidationReport) -> bool:
    """Report the required columns an optional file lacks (one error on row 1); True if any."""
    missing = [c for c in required if c not in table.frame.columns]
    if missing:
        report.add("error", table.file, f"missing column(s) {', '.join(missing)}.", fix, row=1)
    return bool(missing)
