"""``livelihood.csv`` (optional): the 为民办实事 register, this year's tasks and next year's list.

| column | meaning |
| --- | --- |
| year | the year of the list (this year's tasks; next year's list for ``targets``) |
| task | the task, unique within a year (and period) |
| unit | code of the unit in charge (a district, county, or the city) |
| department | the department responsible (牵头单位) |
| category | e.g. 教育, 医疗, 养老, 住房, 交通 (free text, may be empty) |
| budget, debt_quota, credit | money by kind [亿元]: 财政资金, 债务额度 (special-bond quota), 信贷资金; empty = 0 |
| start, finish | planned months ``YYYY-MM`` |
| milestones | planned completion [%] by the end of months, ``2026-06:40;2026-09:75`` (may be empty) |
| period | ``YYYY-MM`` the progress was reported at (empty for next year's list) |
| progress | completion [%] at ``period`` (0-100; empty for next year's list) |

See docs/data_contract.md and :mod:`sprintmodel.livelihood` (completion vs time progress).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from sprintmodel.data.model import Hierarchy
from sprintmodel.data.parse import parse_numbers
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.common import check_units, missing_columns
from sprintmodel.data.readers.registers import amounts, periods, unique_key
from sprintmodel.data.tables import Table
from sprintmodel.periods import PeriodError, as_period

__all__ = ["LIVELIHOOD_COLUMNS", "MONEY_KINDS", "load_livelihood", "parse_milestones"]

MONEY_KINDS = {"budget": "财政资金", "debt_quota": "债务额度", "credit": "信贷资金"}
"""Money columns [亿元] and their Chinese names (the cost kinds of ``levers.yaml``)."""
LIVELIHOOD_COLUMNS = [
    "year",
    "task",
    "unit",
    "department",
    "category",
    *MONEY_KINDS,
    "start",
    "finish",
    "milestones",
    "period",
    "progress",
]
"""Columns of ``livelihood.csv``."""
_REQUIRED = ["year", "task", "unit", "department", "start", "finish"]
_MILESTONE = re.compile(r"^\s*(\S+?)\s*[:：]\s*([0-9.]+)\s*%?\s*$")


def parse_milestones(text: str) -> tuple[tuple[int, float], ...]:
    """``"2026-06:40;2026-09:75"`` → ``((2026*12+6, 40.0), (2026*12+9, 75.0))`` (month keys).

    Raises
    ------
    ValueError
        With what is wrong, for the reader's message.
    """
    out: list[tuple[int, float]] = []
    for part in re.split(r"[;；]", text):
        if not part.strip():
            continue
        m = _MILESTONE.match(part)
        if m is None:
            raise ValueError(f"'{part.strip()}' is not MONTH:PERCENT")
        try:
            p = as_period(m.group(1))
        except PeriodError as exc:
            raise ValueError(f"'{m.group(1)}' is not a month") from exc
        out.append((p.year * 12 + p.month, float(m.group(2))))
    keys = [k for k, _ in out]
    shares = [v for _, v in out]
    if keys != sorted(set(keys)) or shares != sorted(shares) or any(v > 100 for v in shares):
        raise ValueError("months must increase and percents rise from 0 to 100")
    return tuple(out)


def load_livelihood(
    table: Table, hierarchy: Hierarchy | None, report: ValidationReport
) -> pd.DataFrame | None:
    """The register with amounts as floats, months as periods and milestones parsed.

    Adds ``start_key``, ``finish_key`` and ``period_key`` (``year × 12 + month``; -1 where
    ``period`` is empty) and ``milestone_points`` (tuples of (month key, percent)).
    """
    n_errors = len(report.errors)
    fix = f"the register needs {', '.join(LIVELIHOOD_COLUMNS)}; see docs/data_contract.md."
    if missing_columns(table, _REQUIRED, fix, report):
        return None
    f = table.frame
    for c in ("category", "milestones", "period", "progress"):
        if c not in f.columns:
            f[c] = ""
    for row in f.index[f.task == ""]:
        report.add("error", table.file, "the task is empty.", "name the task.", int(row), "task")
    check_units(table, hierarchy, report)
    year = parse_numbers(table, "year", report)
    for row in year.index[year.isna() | (year % 1 != 0)]:
        report.add(
            "error",
            table.file,
            f"year '{f.at[row, 'year']}' is not a year.",
            "write the year of the list, e.g. 2026.",
            int(row),
            "year",
        )
    money = {k: amounts(table, k, report, empty=0.0) for k in MONEY_KINDS}
    start = periods(table, "start", report)
    finish = periods(table, "finish", report)
    period = periods(table, "period", report, empty_ok=True)
    progress = parse_numbers(table, "progress", report, kind="percent")
    rows = f.index.to_numpy()
    points: list[tuple[tuple[int, float], ...]] = []
    for i, row in enumerate(rows):
        s, e = start[i], finish[i]
        if s is not None and e is not None and e.year * 12 + e.month < s.year * 12 + s.month:
            report.add(
                "error",
                table.file,
                f"finish {e} is before start {s}.",
                "give the planned start and finish months in order.",
                int(row),
                "finish",
            )
        try:
            pts = parse_milestones(f.at[row, "milestones"])
        except ValueError as exc:
            pts = ()
            report.add(
                "error",
                table.file,
                f"milestones: {exc}.",
                "write MONTH:PERCENT pairs separated by ';', e.g. 2026-06:40;2026-09:75.",
                int(row),
                "milestones",
            )
        points.append(pts)
        has_p, has_g = period[i] is not None, not np.isnan(progress.iloc[i])
        if has_p != has_g:
            missing = "progress" if has_p else "period"
            report.add(
                "error",
                table.file,
                f"{missing} is empty while {'period' if has_p else 'progress'} is given.",
                "give both the month of the report and the completion [%], or neither.",
                int(row),
                missing,
            )
        if has_g and not 0 <= progress.iloc[i] <= 100:
            report.add(
                "error",
                table.file,
                f"progress {progress.iloc[i]:g} is outside 0-100.",
                "give the completion in percent (60 for 60%).",
                int(row),
                "progress",
            )
    unique_key(table, ["year", "task", "period"], "the task", report)
    if len(report.errors) > n_errors:
        return None

    def key(ps: list) -> list[int]:
        return [-1 if p is None else p.year * 12 + p.month for p in ps]

    out = pd.DataFrame(
        {
            "year": year.astype(int).to_numpy(),
            "task": f.task.to_numpy(),
            "unit": f.unit.to_numpy(),
            "department": f.department.to_numpy(),
            "category": f.category.to_numpy(),
            **{k: v.to_numpy(dtype=float) for k, v in money.items()},
            "start": [str(p) for p in start],
            "finish": [str(p) for p in finish],
            "milestones": f.milestones.to_numpy(),
            "period": ["" if p is None else str(p) for p in period],
            "progress": progress.to_numpy(dtype=float),
            "start_key": key(start),
            "finish_key": key(finish),
            "period_key": key(period),
            "milestone_points": points,
        }
    )
    return out
