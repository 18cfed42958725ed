"""``projects.csv`` (optional): the major-project register."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sprintmodel.data.aliases import CATEGORY_ALIASES, STATUS_ALIASES
from sprintmodel.data.model import PROJECT_CATEGORIES, PROJECT_STATUSES, Hierarchy
from sprintmodel.data.parse import (
    check_code_syntax,
    normalise_codes,
    parse_choice,
    parse_numbers,
    parse_periods,
)
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.common import REQUIRED_COLUMNS, check_unique, unknown_code_message
from sprintmodel.data.readers.investment_plan import read_plan_columns
from sprintmodel.data.tables import Table

__all__ = ["load_projects"]


_MONTH_COLUMNS = ("planned_start", "planned_finish", "planned_entry", "planned_production")


def load_projects(
    table: Table, hierarchy: Hierarchy | None, report: ValidationReport
) -> pd.DataFrame:
    f = table.frame
    normalise_codes(table, "project", report)
    normalise_codes(table, "unit", report)
    check_code_syntax(table, "project", report)
    check_unique(table, "project", report)
    if hierarchy is not None:
        for row in f.index[~f["unit"].isin(list(hierarchy.units))]:
            report.add(
                "error",
                table.file,
                f"project '{f.at[row, 'project']}' belongs to the "
                + unknown_code_message(
                    str(f.at[row, "unit"]), "unit", hierarchy, list(hierarchy.units)
                ),
                "use a unit code from units.csv.",
                int(row),
                "unit",
            )
    f["category"] = parse_choice(
        table, "category", PROJECT_CATEGORIES, report, aliases=CATEGORY_ALIASES, what="category"
    )
    f["status"] = parse_choice(
        table, "status", PROJECT_STATUSES, report, aliases=STATUS_ALIASES, what="status"
    )
    numbers = {
        c: parse_numbers(table, c, report, kind="level", measure="亿元")
        for c in ("total_investment", "invested_to_date", "output_at_capacity")
    }
    numbers["value_added_rate"] = parse_numbers(table, "value_added_rate", report, kind="share")
    for row in f.index[numbers["total_investment"].isna()]:
        report.add(
            "error",
            table.file,
            "total_investment is empty.",
            "give the planned total in 亿元.",
            int(row),
            "total_investment",
        )
    for c in ("total_investment", "invested_to_date", "output_at_capacity"):
        for row in f.index[numbers[c] < 0]:
            report.add(
                "error",
                table.file,
                f"{c} {numbers[c][row]:g} is negative.",
                "write the amount in 亿元 as a positive number.",
                int(row),
                c,
            )
    over = numbers["invested_to_date"] > numbers["total_investment"] * 1.0001
    for row in f.index[over]:
        report.add(
            "warning",
            table.file,
            f"project '{f.at[row, 'project']}' has invested {numbers['invested_to_date'][row]:g}, "
            f"more than its total {numbers['total_investment'][row]:g}.",
            "check both figures (亿元); the total is taken as the larger.",
            int(row),
            "invested_to_date",
        )
    rate = numbers["value_added_rate"]
    for row in f.index[(rate < 0) | (rate > 1)]:
        percent = 1 < rate[row] <= 100
        report.add(
            "error",
            table.file,
            f"value_added_rate {rate[row]:g} is outside 0–1"
            + (" (it looks like a percent)." if percent else "."),
            f"write value added ÷ output as a share, e.g. {rate[row] / 100:g} (not {rate[row]:g})."
            if percent
            else "write value added ÷ output as a share, e.g. 0.25.",
            int(row),
            "value_added_rate",
        )
    months: dict[str, pd.Series] = {}
    for column in _MONTH_COLUMNS:
        parsed = parse_periods(table, column, report, months_only=True)
        months[column] = parsed["period"]
        if column in ("planned_start", "planned_finish"):
            for row in f.index[f[column] == ""]:
                report.add(
                    "error",
                    table.file,
                    f"{column} is empty.",
                    "write months as YYYY-MM, e.g. 2026-11.",
                    int(row),
                    column,
                )
    start, finish = months["planned_start"], months["planned_finish"]
    prod, entry = months["planned_production"], months["planned_entry"]
    for row in f.index[(start != "") & (finish != "") & (finish < start)]:
        report.add(
            "error",
            table.file,
            f"project '{f.at[row, 'project']}' finishes ({finish[row]}) before it starts "
            f"({start[row]}).",
            "check planned_start and planned_finish.",
            int(row),
            "planned_finish",
        )
    for row in f.index[(start != "") & (prod != "") & (prod < start)]:
        report.add(
            "error",
            table.file,
            f"project '{f.at[row, 'project']}' starts production ({prod[row]}) before "
            f"construction ({start[row]}).",
            "production cannot start before construction; check planned_production.",
            int(row),
            "planned_production",
        )
    for row in f.index[(prod != "") & numbers["output_at_capacity"].isna()]:
        report.add(
            "warning",
            table.file,
            f"project '{f.at[row, 'project']}' has a production date but no output_at_capacity; "
            "its output is taken as zero.",
            row=int(row),
            column="output_at_capacity",
        )
    out = pd.DataFrame(
        {
            "project": f["project"].to_numpy(),
            "name": f["name"].to_numpy(),
            "unit": f["unit"].to_numpy(),
            "category": f["category"].to_numpy(),
            "status": f["status"].to_numpy(),
            "total_investment": numbers["total_investment"].to_numpy(),
            "invested_to_date": numbers["invested_to_date"].fillna(0.0).to_numpy(),
            "planned_start": start.to_numpy(),
            "planned_finish": finish.to_numpy(),
            "planned_entry": np.where(entry == "", start, entry),
            "planned_production": prod.to_numpy(),
            "output_at_capacity": numbers["output_at_capacity"].fillna(0.0).to_numpy(),
            "value_added_rate": rate.fillna(0.0).to_numpy(),
        }
    )
    extra = [c for c in f.columns if c not in REQUIRED_COLUMNS["projects"]]
    for c in extra:
        out[c] = f[c].to_numpy()
    read_plan_columns(table, out, report)
    return out
