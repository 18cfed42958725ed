"""``indicators.csv``: codes, names, measure, basis, additivity, flow, target direction and kind."""

from __future__ import annotations

import pandas as pd

from sprintmodel.data.aliases import BASIS_ALIASES, DIRECTION_ALIASES, TARGET_KIND_ALIASES
from sprintmodel.data.model import COMPLETION_BY_DEFAULT, Indicator
from sprintmodel.data.parse import check_code_syntax, normalise_codes, parse_choice
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.common import check_unique, yes_no
from sprintmodel.data.tables import Table

__all__ = ["load_indicators"]


def load_indicators(table: Table, report: ValidationReport) -> dict[str, Indicator] | None:
    f = table.frame
    n_errors = len(report.errors)
    normalise_codes(table, "indicator", report)
    check_code_syntax(table, "indicator", report)
    check_unique(table, "indicator", report)
    basis = parse_choice(
        table,
        "basis",
        ["nominal", "real"],
        report,
        aliases=BASIS_ALIASES,
        message="basis '{value}' is neither 'nominal' nor 'real'.",
        fix="write 'real' where growth is at comparable prices (GDP, industrial value added), "
        "'nominal' where growth is the ratio of values.",
    )
    additive = yes_no(table, "additive", None, report)
    direction = (
        parse_choice(
            table,
            "target_direction",
            ["at_least", "at_most"],
            report,
            aliases=DIRECTION_ALIASES,
            empty="at_least",
            message="target_direction '{value}' is neither 'at_least' nor 'at_most'.",
            fix="write 'at_most' where the target is a ceiling (an unemployment rate held "
            "within 5.5%), 'at_least' (or leave empty) where it is a floor.",
        )
        if "target_direction" in f.columns
        else pd.Series("at_least", index=f.index)
    )
    kind = (
        parse_choice(
            table,
            "target_kind",
            ["growth", "completion"],
            report,
            aliases=TARGET_KIND_ALIASES,
            empty="",
            message="target_kind '{value}' is neither 'growth' nor 'completion'.",
            fix="write 'completion' where the target is an amount to complete in the year "
            "(城镇新增就业), 'growth' where it is a growth rate, or leave it empty.",
        )
        if "target_kind" in f.columns
        else pd.Series("", index=f.index)
    )
    flow = yes_no(table, "flow", "", report) if "flow" in f.columns else additive
    if "flow" in f.columns:
        flow = flow.where(f["flow"] != "", additive)
    if len(report.errors) > n_errors:
        return None
    return {
        code: Indicator(
            code=code,
            name_zh=f.at[row, "name_zh"],
            name_en=f.at[row, "name_en"],
            measure=f.at[row, "measure"],
            basis=basis.at[row],
            additive=bool(additive.at[row]),
            flow=bool(flow.at[row]) and bool(additive.at[row]),
            target_direction=direction.at[row],
            target_kind=kind.at[row]
            or ("completion" if code in COMPLETION_BY_DEFAULT else "growth"),
        )
        for row, code in zip(f.index, f["indicator"], strict=True)
    }
