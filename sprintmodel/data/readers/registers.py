"""What the sprint's optional registers share: periods, non-negative amounts, code lists.

Used by the readers of ``enterprise_observations.csv``, ``enterprise_problems.csv``
(:mod:`~sprintmodel.data.readers.enterprise_series`) and ``livelihood.csv``
(:mod:`~sprintmodel.data.readers.livelihood`). Every problem names the file, row, column and fix.
"""

from __future__ import annotations

import re

import pandas as pd

from sprintmodel.data.parse import closest, parse_numbers
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.tables import Table
from sprintmodel.periods import Period, PeriodError, as_period

__all__ = ["amounts", "code_list", "periods", "unique_key"]

LIST_SEPARATORS = re.compile(r"[;；、,，\s]+")
"""Separators of a list of codes in one cell (``JC-E020;JC-E021`` or ``JC-E020、JC-E021``)."""


def periods(
    table: Table, column: str, report: ValidationReport, *, empty_ok: bool = False
) -> list[Period | None]:
    """Column ``column`` parsed as periods (``YYYY-MM`` or ``YYYYQn``); None where empty/bad."""
    out: list[Period | None] = []
    for row, text in table.frame[column].items():
        if text == "" and empty_ok:
            out.append(None)
            continue
        try:
            out.append(as_period(text))
        except PeriodError:
            out.append(None)
            report.add(
                "error",
                table.file,
                f"'{text}' is not a month." if text else f"{column} is empty.",
                "write YYYY-MM (2026-09) or YYYYQn (2026Q3).",
                int(row),
                column,
            )
    return out


def amounts(
    table: Table,
    column: str,
    report: ValidationReport,
    *,
    empty: float | None = None,
    fix: str = "give an amount in 亿元 (0 if none).",
) -> pd.Series:
    """Non-negative numbers of ``column``; an empty cell is ``empty`` (None: an error).

    A missing column counts as all empty.
    """
    if column not in table.frame.columns:
        return pd.Series(empty if empty is not None else float("nan"), index=table.frame.index)
    values = parse_numbers(table, column, report)
    for row in values.index[values < 0]:
        report.add(
            "error",
            table.file,
            f"{column} {values[row]:g} is negative.",
            "amounts are non-negative.",
            int(row),
            column,
        )
    blank = values.isna() & (table.frame[column] == "")
    if empty is None:
        for row in values.index[blank]:
            report.add("error", table.file, f"{column} is empty.", fix, int(row), column)
    else:
        values = values.where(~blank, empty)
    return values


def code_list(
    table: Table,
    column: str,
    known: list[str] | None,
    what: str,
    fix: str,
    report: ValidationReport,
) -> list[tuple[str, ...]]:
    """Each cell of ``column`` split into codes; codes not in ``known`` are errors."""
    out: list[tuple[str, ...]] = []
    for row, text in table.frame[column].items():
        codes = tuple(c for c in LIST_SEPARATORS.split(text) if c)
        out.append(codes)
        if known is None:
            continue
        for c in codes:
            if c not in known:
                hint = closest(c, known)
                report.add(
                    "error",
                    table.file,
                    f"unknown {what} '{c}'.{hint}",
                    fix,
                    int(row),
                    column,
                )
    return out


def unique_key(table: Table, columns: list[str], what: str, report: ValidationReport) -> None:
    """Rows repeating the values of ``columns`` are errors (the first is kept)."""
    f = table.frame
    key = f[columns[0]].astype(str)
    for c in columns[1:]:
        key = key + "\x1f" + f[c].astype(str)
    for row in f.index[key.duplicated()]:
        shown = ", ".join(f"{c} {f.at[row, c]!r}" for c in columns)
        report.add(
            "error",
            table.file,
            f"{what} appears twice ({shown}).",
            f"keep one row per {' × '.join(columns)}.",
            int(row),
            columns[0],
        )
