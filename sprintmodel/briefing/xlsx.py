"""The workbook (``briefing.xlsx``): every table of the briefing, formatted, and the full data.

Written with :func:`sprintmodel.reporting.excel.write_workbook` (headers frozen and repeated on
printed pages, fitted widths, coloured cells). Two kinds of sheets:

- the briefing's tables (those with a :attr:`Table.sheet` title): the figures as shown (a cell
  holds the rounded number with the matching number format, so it reads exactly like the Word
  table and still sums in Excel), ranges and words as text, cells coloured by their marks;
- the data behind them at full precision: every scenario's summary, attribution and costs, and
  the project watch list (:attr:`BriefingModel.data_tables`);

then a notes sheet (说明).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from sprintmodel.briefing.document import BriefingModel, Table, cell_text
from sprintmodel.briefing.formatting import Num
from sprintmodel.reporting.excel import Highlight, write_workbook

MARK_COLORS = {"bad": "red", "good": "green", "total": "grey"}


def _mask(marks: Sequence[bool]) -> Callable[[pd.DataFrame], pd.Series]:
    values = list(marks)

    def when(frame: pd.DataFrame) -> pd.Series:
        return pd.Series(values, index=frame.index)

    return when


def table_sheet(
    table: Table,
) -> tuple[pd.DataFrame, dict[str, str], dict[str, str], list[Highlight]]:
    """A briefing table as (frame, headers, number formats, highlights) for the workbook.

    Columns whose figures are shown with different decimals (the checks' values mix growth
    rates and amounts) are written as text, so every cell reads as in the document.
    """
    frame = table.to_frame("excel")
    headers = {c.key: c.header for c in table.columns}
    formats: dict[str, str] = {}
    for j, col in enumerate(table.columns):
        kinds = {c.excel_format for row in table.rows if isinstance(c := row[j], Num)}
        if len(kinds) == 1:
            formats[col.key] = kinds.pop()
        elif len(kinds) > 1:
            frame[col.key] = [cell_text(row[j]) for row in table.rows]
    highlights: list[Highlight] = []
    if table.marks:
        for j, col in enumerate(table.columns):
            for mark, color in MARK_COLORS.items():
                m = [table.marks[i][j] == mark for i in range(len(table.rows))]
                if any(m):
                    highlights.append(Highlight(_mask(m), color=color, columns=(col.key,)))
    return frame, headers, formats, highlights


def write_xlsx(
    model: BriefingModel,
    path: str | Path,
    *,
    notes: Sequence[str] = (),
) -> Path:
    """Write the workbook (atomically).

    Parameters
    ----------
    model
        The briefing.
    path
        The ``.xlsx`` file.
    notes
        Extra lines for the notes sheet (e.g. charts left out).
    """
    zh = model.lang == "zh"
    sheets: dict[str, pd.DataFrame] = {}
    headers: dict[str, dict[str, str]] = {}
    formats: dict[str, dict[str, str]] = {}
    highlights: dict[str, list[Highlight]] = {}
    for tb in model.tables():
        if not tb.sheet or not tb.rows:
            continue
        frame, h, f, hl = table_sheet(tb)
        key = tb.sheet
        sheets[key] = frame
        headers[key] = h  # per sheet: a column key's header depends on its table
        formats[key] = f
        highlights[key] = hl
    for name, frame in model.data_tables.items():
        sheets[name] = frame.replace([np.inf, -np.inf], np.nan)
    lines: dict[str, list[str]] = {}
    ns = next((s for s in model.sections if s.key == "notes"), None)
    if ns is not None:
        lines[ns.title] = [str(p) for p in ns.paragraphs]
    tech = list(model.meta.get("technical_notes", ())) + list(notes)
    if tech:
        lines["技术说明" if zh else "Technical notes"] = tech
    return write_workbook(
        path,
        sheets,
        lang=model.lang,
        sheet_headers=headers,
        sheet_formats=formats,
        highlights=highlights,
        notes=lines or None,
        freeze_columns=1,
    )


__all__ = ["table_sheet", "write_xlsx"]
