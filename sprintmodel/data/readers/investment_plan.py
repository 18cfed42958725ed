"""Next year's investment plan and land: ``projects.csv``'s plan columns, ``project_pipeline.csv``
and ``parcels.csv`` (all optional; ``docs/data_contract.md``).

- ``projects.csv`` may carry ``ytd_before_entry`` (investment completed this year by a project
  not yet registered, 入库, [亿元]), ``funding_source`` (the main source of its investment) and
  the readiness flags ``land_ready``, ``eia_ready``, ``funds_ready`` (用地, 环评, 资金; yes/no);
- ``project_pipeline.csv``: reserve (储备) and planned (谋划) projects, not in the register, with
  their planned investment next year (``plan_YYYY``), funding source and readiness;
- ``parcels.csv``: land parcels (parcel, unit, area, status, planned delivery month, the
  projects waiting on them), so that faster land clearance moves the projects it unblocks.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from sprintmodel.data.model import PROJECT_CATEGORIES, Hierarchy
from sprintmodel.data.parse import (
    check_code_syntax,
    closest,
    normalise_codes,
    parse_choice,
    parse_numbers,
    parse_periods,
)
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.common import (
    check_unique,
    check_units,
    missing_columns,
    yes_no,
)
from sprintmodel.data.tables import Table

__all__ = [
    "FUNDING_SOURCES",
    "PARCEL_COLUMNS",
    "PARCEL_STATUSES",
    "PIPELINE_COLUMNS",
    "PIPELINE_STAGES",
    "READINESS_COLUMNS",
    "load_parcels",
    "load_pipeline",
    "read_plan_columns",
]

FUNDING_SOURCES = (
    "special_bonds",
    "ultra_long_bonds",
    "central_budget",
    "policy_finance",
    "bank_loan",
    "self_raised",
    "other",
)
"""Main funding source of a project's investment: 专项债 (local government special bonds),
超长期特别国债 (ultra-long special treasury bonds), 中央预算内投资 (central budget investment),
政策性开发性金融工具 (policy-based development finance instruments), 银行贷款, 自筹, other."""

FUNDING_ALIASES = {
    "专项债": "special_bonds",
    "专项债券": "special_bonds",
    "地方政府专项债券": "special_bonds",
    "超长期特别国债": "ultra_long_bonds",
    "特别国债": "ultra_long_bonds",
    "中央预算内投资": "central_budget",
    "中央预算内": "central_budget",
    "政策性开发性金融工具": "policy_finance",
    "政策性金融工具": "policy_finance",
    "银行贷款": "bank_loan",
    "贷款": "bank_loan",
    "自筹": "self_raised",
    "自筹资金": "self_raised",
    "其他": "other",
}

READINESS_COLUMNS = ("land_ready", "eia_ready", "funds_ready")
"""Readiness flags (用地, 环评, 资金): yes where the project has its land, its environmental
impact assessment approval, its funding arranged."""

PIPELINE_STAGES = ("reserve", "planned")
"""Stages of ``project_pipeline.csv``: reserve (储备: prepared, not yet approved to start) and
planned (谋划: an idea being worked up)."""

PIPELINE_COLUMNS = [
    "project",
    "name",
    "unit",
    "park",
    "category",
    "stage",
    "total_investment",
    "planned_start",
    "funding_source",
    *READINESS_COLUMNS,
]
"""Columns of ``project_pipeline.csv`` besides one or more ``plan_YYYY`` (name, park, category,
total_investment, planned_start, funding_source and the readiness flags may be absent)."""

PARCEL_STATUSES = ("not_started", "approval_pending", "expropriating", "cleared")
"""Parcel statuses: 未启动, 报批中 (land-use approval), 征收中 (expropriation, resettlement),
已净地 (cleared, ready to deliver)."""

PARCEL_COLUMNS = ["parcel", "unit", "area_mu", "status", "planned_date", "projects"]
"""Columns of ``parcels.csv`` (``area_mu`` in 亩 may be empty)."""

_STAGE_ALIASES = {
    "储备": "reserve",
    "储备项目": "reserve",
    "谋划": "planned",
    "谋划项目": "planned",
}
_PARCEL_ALIASES = {
    "未启动": "not_started",
    "报批中": "approval_pending",
    "征收中": "expropriating",
    "拆迁中": "expropriating",
    "已净地": "cleared",
    "净地": "cleared",
}
_PLAN_COLUMN = re.compile(r"^plan_(\d{4})$")


def _funding(table: Table, report: ValidationReport) -> pd.Series:
    return parse_choice(
        table,
        "funding_source",
        FUNDING_SOURCES,
        report,
        aliases=FUNDING_ALIASES,
        empty="",
        what="funding source",
        fix="write one of "
        + ", ".join(FUNDING_SOURCES)
        + " (or its Chinese name), or leave empty.",
    )


def _readiness(table: Table, out: pd.DataFrame, report: ValidationReport) -> None:
    for c in READINESS_COLUMNS:
        if c in table.frame.columns:
            flags = yes_no(table, c, "no", report)
            out[c] = np.where(flags, "yes", "no")


def read_plan_columns(table: Table, out: pd.DataFrame, report: ValidationReport) -> None:
    """Parse the register's optional plan columns into ``out`` (the loaded register), in place.

    ``ytd_before_entry`` as a float (NaN where empty; negative is an error), ``funding_source``
    as a code of :data:`FUNDING_SOURCES` ('' where empty), readiness flags as ``yes``/``no``.
    """
    f = table.frame
    if "ytd_before_entry" in f.columns:
        ytd = parse_numbers(table, "ytd_before_entry", report, kind="level", measure="亿元")
        for row in f.index[ytd < 0]:
            report.add(
                "error",
                table.file,
                f"ytd_before_entry {ytd[row]:g} is negative.",
                "give the investment completed this year before registration in 亿元, 0 or more.",
                int(row),
                "ytd_before_entry",
            )
        out["ytd_before_entry"] = ytd.to_numpy()
    if "funding_source" in f.columns:
        out["funding_source"] = _funding(table, report).to_numpy()
    _readiness(table, out, report)


def _plan_columns(table: Table, report: ValidationReport) -> list[str]:
    cols = [c for c in table.frame.columns if _PLAN_COLUMN.match(str(c))]
    if not cols:
        report.add(
            "error",
            table.file,
            "no plan_YYYY column (planned investment of the year, 亿元).",
            "add a column such as plan_2027 with each project's planned investment next year.",
            row=1,
        )
    return cols


def load_pipeline(
    table: Table, hierarchy: Hierarchy | None, register: pd.DataFrame, report: ValidationReport
) -> pd.DataFrame | None:
    """``project_pipeline.csv`` as a table; None after an error in it.

    Columns :data:`PIPELINE_COLUMNS` (absent optional ones filled: '' text, NaN numbers, ``no``
    readiness) and every ``plan_YYYY`` as floats [亿元]. Codes must differ from the register's.
    """
    n_errors = len(report.errors)
    f = table.frame
    fix = (
        "the pipeline needs project, unit, stage and one or more plan_YYYY columns; see "
        "docs/data_contract.md."
    )
    if missing_columns(table, ["project", "unit", "stage"], fix, report):
        return None
    plans = _plan_columns(table, report)
    normalise_codes(table, "project", report)
    check_code_syntax(table, "project", report)
    check_unique(table, "project", report)
    known = set(register["project"]) if "project" in register else set()
    for row in f.index[f["project"].isin(known)]:
        report.add(
            "error",
            table.file,
            f"project '{f.at[row, 'project']}' is already in the register (projects.csv).",
            "list in the pipeline only reserve and planned projects not in the register, or "
            "give it another code.",
            int(row),
            "project",
        )
    check_units(table, hierarchy, report)
    out = pd.DataFrame({"project": f["project"].to_numpy(), "unit": f["unit"].to_numpy()})
    out["stage"] = parse_choice(
        table,
        "stage",
        PIPELINE_STAGES,
        report,
        aliases=_STAGE_ALIASES,
        what="stage",
        fix="write reserve (储备) or planned (谋划); projects already approved belong in "
        "projects.csv.",
    ).to_numpy()
    for c in ("name", "park"):
        out[c] = f[c].to_numpy() if c in f.columns else ""
    out["category"] = (
        parse_choice(
            table, "category", PROJECT_CATEGORIES, report, empty="other", what="category"
        ).to_numpy()
        if "category" in f.columns
        else "other"
    )
    out["total_investment"] = (
        parse_numbers(table, "total_investment", report, kind="level", measure="亿元").to_numpy()
        if "total_investment" in f.columns
        else np.nan
    )
    out["planned_start"] = (
        parse_periods(table, "planned_start", report, months_only=True)["period"].to_numpy()
        if "planned_start" in f.columns
        else ""
    )
    out["funding_source"] = _funding(table, report).to_numpy() if "funding_source" in f else ""
    for c in READINESS_COLUMNS:
        out[c] = "no"
    _readiness(table, out, report)
    for c in plans:
        v = parse_numbers(table, c, report, kind="level", measure="亿元")
        for row in f.index[v < 0]:
            report.add(
                "error",
                table.file,
                f"{c} {v[row]:g} is negative.",
                "give the planned investment of the year in 亿元, 0 or more.",
                int(row),
                c,
            )
        total = pd.Series(out["total_investment"].to_numpy(dtype=float), index=f.index)
        for row in f.index[v > total * 1.0001]:
            report.add(
                "error",
                table.file,
                f"{c} {v[row]:g} is more than the project's total_investment {total[row]:g}.",
                "check both figures (亿元): one year's plan cannot exceed the total.",
                int(row),
                c,
            )
        out[c] = v.to_numpy()
    return out if len(report.errors) == n_errors else None


def load_parcels(
    table: Table, hierarchy: Hierarchy | None, register: pd.DataFrame, report: ValidationReport
) -> pd.DataFrame | None:
    """``parcels.csv`` as a table; None after an error in it.

    Columns :data:`PARCEL_COLUMNS`: ``area_mu`` a float [亩] (NaN where empty), ``status`` a
    code of :data:`PARCEL_STATUSES`, ``planned_date`` ``YYYY-MM``, ``projects`` the codes
    waiting on the parcel joined by ``;`` (each must be in the register).
    """
    n_errors = len(report.errors)
    f = table.frame
    fix = "the parcels register needs " + ", ".join(PARCEL_COLUMNS) + "; see docs/data_contract.md."
    if missing_columns(table, [c for c in PARCEL_COLUMNS if c != "area_mu"], fix, report):
        return None
    normalise_codes(table, "parcel", report)
    check_code_syntax(table, "parcel", report)
    check_unique(table, "parcel", report)
    check_units(table, hierarchy, report)
    status = parse_choice(
        table,
        "status",
        PARCEL_STATUSES,
        report,
        aliases=_PARCEL_ALIASES,
        what="parcel status",
        fix="write one of " + ", ".join(PARCEL_STATUSES) + " (未启动, 报批中, 征收中, 已净地).",
    )
    dates = parse_periods(table, "planned_date", report, months_only=True)["period"]
    for row in f.index[f["planned_date"] == ""]:
        report.add(
            "error",
            table.file,
            "planned_date is empty.",
            "write the month the parcel is (or was) delivered cleared as YYYY-MM, e.g. 2027-03.",
            int(row),
            "planned_date",
        )
    area = (
        parse_numbers(table, "area_mu", report, kind="level", measure="亩")
        if "area_mu" in f.columns
        else pd.Series(np.nan, index=f.index)
    )
    for row in f.index[area < 0]:
        report.add(
            "error",
            table.file,
            f"area_mu {area[row]:g} is negative.",
            "give the area in 亩 (mu), a positive number.",
            int(row),
            "area_mu",
        )
    known = list(register["project"]) if "project" in register else []
    lists: list[str] = []
    for row, text in f["projects"].items():
        codes = [c.strip() for c in re.split(r"[;；,，、\s]+", str(text)) if c.strip()]
        for c in codes:
            if c not in known:
                report.add(
                    "error",
                    table.file,
                    f"project '{c}' is not in the register (projects.csv).{closest(c, known)}",
                    "list the codes of projects.csv waiting on the parcel, separated by ';'.",
                    int(row),
                    "projects",
                )
        lists.append(";".join(codes))
    out = pd.DataFrame(
        {
            "parcel": f["parcel"].to_numpy(),
            "unit": f["unit"].to_numpy(),
            "area_mu": area.to_numpy(),
            "status": status.to_numpy(),
            "planned_date": dates.to_numpy(),
            "projects": lists,
        }
    )
    return out if len(report.errors) == n_errors else None
