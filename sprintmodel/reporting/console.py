"""Rich tables for the terminal."""

from __future__ import annotations

import math

import pandas as pd
from rich.table import Table

from sprintmodel.data import DataSet
from sprintmodel.reporting.labels import header


def _fmt(value: object, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def status_table(frame: pd.DataFrame, dataset: DataSet, *, lang: str = "zh") -> Table:
    """A terminal table of :func:`sprintmodel.status.ytd_status` with names in ``lang``."""
    title = "年度目标进度" if lang == "zh" else "Year to date against target"
    table = Table(title=title, show_lines=False)
    columns = [
        "unit",
        "indicator",
        "period",
        "ytd_value",
        "ytd_growth",
        "target_growth",
        "rest_growth_required",
        "amount_needed",
    ]
    for c in columns:
        table.add_column(
            header(c, lang), justify="left" if c in ("unit", "indicator", "period") else "right"
        )
    for row in frame.itertuples(index=False):
        unit = dataset.units[row.unit]
        ind = dataset.indicators[row.indicator]
        name = unit.label(lang)
        if dataset.hierarchy.depth(row.unit) > 0:
            name = "  " + name
        table.add_row(
            name,
            f"{ind.label(lang)} ({ind.measure})" if ind.measure else ind.label(lang),
            row.period,
            _fmt(row.ytd_value, 2),
            _fmt(row.ytd_growth),
            _fmt(row.target_growth),
            _fmt(row.rest_growth_required),
            _fmt(row.amount_needed, 2),
        )
    return table
