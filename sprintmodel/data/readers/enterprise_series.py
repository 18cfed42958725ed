"""Key enterprises month by month and their shared problems (optional files, docs/enterprises.md).

``enterprise_observations.csv``: one row per enterprise × indicator × period.

| column | meaning |
| --- | --- |
| enterprise | code of an enterprise of ``enterprises.csv`` |
| indicator | ``output`` (产值) or ``revenue`` (营业收入) |
| period | ``YYYY-MM`` (or ``YYYYQn``): the year-to-date span |
| ytd_value | year-to-date value [亿元], current prices |
| ytd_growth | year-to-date growth on the same span last year [%] (may be empty when last year's
  row of the same span is in the file) |

``enterprise_problems.csv``: the enterprises' shared problems (企业共性问题清单).

| column | meaning |
| --- | --- |
| problem | the problem in a sentence |
| category | e.g. 订单, 用能, 融资, 用工, 物流 (free text) |
| enterprises | codes of the enterprises concerned, separated by ``;`` or ``、`` |
| department | the department responsible (责任单位) |
| deadline | ``YYYY-MM``: when it is to be solved |
| status | ``open`` (未解决), ``in_progress`` (推进中) or ``solved`` (已解决) |
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sprintmodel.data.parse import parse_choice, parse_numbers
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.common import check_membership, missing_columns
from sprintmodel.data.readers.registers import amounts, code_list, periods, unique_key
from sprintmodel.data.tables import Table
from sprintmodel.words.headers import PROBLEM_STATUS

__all__ = [
    "ENTERPRISE_INDICATORS",
    "OBSERVATION_COLUMNS",
    "PROBLEM_COLUMNS",
    "PROBLEM_STATUSES",
    "load_enterprise_observations",
    "load_enterprise_problems",
]

OBSERVATION_COLUMNS = ["enterprise", "indicator", "period", "ytd_value", "ytd_growth"]
"""Columns of ``enterprise_observations.csv``."""
ENTERPRISE_INDICATORS = {"output": "产值", "revenue": "营业收入"}
"""Indicators an enterprise may report, with their Chinese names."""
PROBLEM_COLUMNS = ["problem", "category", "enterprises", "department", "deadline", "status"]
"""Columns of ``enterprise_problems.csv``."""
PROBLEM_STATUSES = {k: v["zh"] for k, v in PROBLEM_STATUS.items()}
"""Statuses of a problem, with their Chinese words (accepted in the file)."""


def _register_codes(register: pd.DataFrame | None) -> list[str] | None:
    return None if register is None else sorted(set(register.enterprise))


def load_enterprise_observations(
    table: Table, register: pd.DataFrame | None, report: ValidationReport
) -> pd.DataFrame | None:
    """Rows with numbers as floats plus ``year``, ``month`` and ``unit``; None after an error.

    The growth is recomputed from last year's row of the same span where it is empty; a row
    whose growth is empty and has no such row is an error.
    """
    n_errors = len(report.errors)
    fix = f"the file needs {', '.join(OBSERVATION_COLUMNS)}; see docs/enterprises.md."
    if missing_columns(table, OBSERVATION_COLUMNS[:4], fix, report):
        return None
    f = table.frame
    if "ytd_growth" not in f.columns:
        f["ytd_growth"] = ""
    if register is None:
        report.add(
            "error",
            table.file,
            "the enterprises are not in a register.",
            "add enterprises.csv listing each enterprise with its unit (docs/enterprises.md).",
            row=1,
        )
        return None
    check_membership(
        table,
        "enterprise",
        _register_codes(register) or [],
        "enterprise",
        "use an enterprise code of enterprises.csv.",
        report,
    )
    check_membership(
        table,
        "indicator",
        list(ENTERPRISE_INDICATORS),
        "indicator",
        "write output (产值) or revenue (营业收入).",
        report,
    )
    spans = periods(table, "period", report)
    value = amounts(table, "ytd_value", report, fix="give the year-to-date value in 亿元.")
    growth = parse_numbers(table, "ytd_growth", report)
    unique_key(table, ["enterprise", "indicator", "period"], "the enterprise's period", report)
    if len(report.errors) > n_errors:
        return None
    year = np.array([p.year for p in spans if p is not None])
    month = np.array([p.month for p in spans if p is not None])
    out = pd.DataFrame(
        {
            "enterprise": f.enterprise.to_numpy(),
            "indicator": f.indicator.to_numpy(),
            "period": [str(p) for p in spans],
            "year": year,
            "month": month,
            "ytd_value": value.to_numpy(dtype=float),
            "ytd_growth": growth.to_numpy(dtype=float),
        }
    )
    last = out.set_index(["enterprise", "indicator", "year", "month"]).ytd_value
    key = pd.MultiIndex.from_arrays([out.enterprise, out.indicator, out.year - 1, out.month])
    prior = last.reindex(key).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        derived = np.where(prior > 0, 100.0 * (out.ytd_value.to_numpy() / prior - 1.0), np.nan)
    blank = np.isnan(out.ytd_growth.to_numpy())
    out.loc[blank, "ytd_growth"] = derived[blank]
    rows = f.index.to_numpy()
    for i in np.flatnonzero(blank & np.isnan(derived)):
        report.add(
            "error",
            table.file,
            "ytd_growth is empty and last year's row of the same span is not in the file.",
            "give the year-to-date growth in %, or add last year's row.",
            int(rows[i]),
            "ytd_growth",
        )
    if len(report.errors) > n_errors:
        return None
    units = register.drop_duplicates("enterprise", keep="last").set_index("enterprise").unit
    out.insert(1, "unit", out.enterprise.map(units).to_numpy())
    return out.reset_index(drop=True)


def load_enterprise_problems(
    table: Table, register: pd.DataFrame | None, report: ValidationReport
) -> pd.DataFrame | None:
    """The problems list with ``enterprises`` as tuples of codes and ``deadline`` a period."""
    n_errors = len(report.errors)
    fix = f"the file needs {', '.join(PROBLEM_COLUMNS)}; see docs/enterprises.md."
    if missing_columns(table, ["problem", "department", "deadline"], fix, report):
        return None
    f = table.frame
    for c in ("category", "enterprises", "status"):
        if c not in f.columns:
            f[c] = ""
    for row in f.index[f.problem == ""]:
        report.add(
            "error", table.file, "the problem is empty.", "describe it.", int(row), "problem"
        )
    for row in f.index[f.department == ""]:
        report.add(
            "error",
            table.file,
            "no department is responsible.",
            "name the responsible department (责任单位).",
            int(row),
            "department",
        )
    codes = code_list(
        table,
        "enterprises",
        _register_codes(register),
        "enterprise",
        "use enterprise codes of enterprises.csv separated by ';'.",
        report,
    )
    deadline = periods(table, "deadline", report)
    status = parse_choice(
        table,
        "status",
        list(PROBLEM_STATUSES),
        report,
        aliases={zh: code for code, zh in PROBLEM_STATUSES.items()},
        empty="open",
        what="status",
        fix="write open (未解决), in_progress (推进中) or solved (已解决).",
    )
    if len(report.errors) > n_errors:
        return None
    return pd.DataFrame(
        {
            "problem": f.problem.to_numpy(),
            "category": f.category.to_numpy(),
            "enterprises": codes,
            "department": f.department.to_numpy(),
            "deadline": [str(p) for p in deadline],
            "status": status.to_numpy(),
        }
    )
