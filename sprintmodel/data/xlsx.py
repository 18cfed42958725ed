"""Reading a table from an Excel workbook (.xlsx) as text, bounded and without guessing.

Used by :func:`sprintmodel.data.tables.read_table`. Beyond reading cells as text:

* the sheet holding the table is found by its header (a cover or notes sheet first is skipped,
  and reported);
* the size is bounded before anything is loaded: a stray cell far outside the table (Excel's
  "used range" reaching XFD1048576) is named instead of read as a million empty rows;
* formula cells without a cached value (a workbook written by a program, never opened and
  saved in Excel) are refused: their value is unknown, not empty;
* merged cells inside the table are explained (only their first cell holds the value);
* Excel dates in the period column are read by the frequency of their series: a quarter-end
  date in a quarterly series is the quarter, not the month.
"""

from __future__ import annotations

import datetime as _dt
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from sprintmodel.data.cells import cell_text, column_letter, normalise_header, sniff_kind
from sprintmodel.data.problems import ValidationReport

MAX_COLUMNS = 1000
"""Columns [count] a table may span. An assumption: sprintmodel's tables have under 30."""

MAX_EMPTY_GAP = 10_000
"""Empty rows [count] after which a filled row is a stray cell, not more of the table."""

MAX_SHEET_XML = 2_000_000_000
"""Uncompressed size [bytes] of a sheet beyond which it is refused (about 20 million cells)."""

_SCAN_SHEETS = 20
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_VALUE = re.compile(rb"<v>[^<]+</v>")
_MERGE = re.compile(rb'<mergeCell\b[^>]*\bref="([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)"')


def _letter_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _sheet_xml(sheet: Any) -> bytes | None:
    """The sheet's XML, or None if it is too large to scan."""
    book = sheet.parent
    info = book._archive.getinfo(sheet._worksheet_path)
    if info.file_size > MAX_SHEET_XML:
        return None
    with book._archive.open(sheet._worksheet_path) as fh:
        data: bytes = fh.read()
    return data


def _pick_sheet(sheets: list[Any], expected: Sequence[str]) -> tuple[int, int]:
    """(index of the sheet whose first rows hold most expected column names, its hits)."""

    want = set(expected)
    best, best_hits = 0, -1
    for n, sheet in enumerate(sheets[:_SCAN_SHEETS]):
        sheet.reset_dimensions()
        hits = 0
        for values in sheet.iter_rows(max_row=30, max_col=60, values_only=True):
            names = {normalise_header(str(v)) for v in values if v is not None}
            hits = max(hits, len(want & names))
        if hits > best_hits:
            best, best_hits = n, hits
    return best, best_hits


def _read_rows(
    sheet: Any, name: str, report: ValidationReport
) -> tuple[list[list[Any]], list[list[str]]] | None:
    """Values and number formats of the sheet's rows, trailing empty rows dropped; None on a
    stray cell or a sheet too wide."""
    values: list[list[Any]] = []
    formats: list[list[str]] = []
    pending = 0
    sheet.reset_dimensions()  # the stored "used range" may reach XFD1048576: ignore it

    for r, cells in enumerate(sheet.iter_rows(), start=1):
        row = [getattr(c, "value", None) for c in cells]
        while row and (row[-1] is None or row[-1] == ""):
            row.pop()
        if not row:
            pending += 1
            continue
        if len(row) > MAX_COLUMNS or (values and pending > MAX_EMPTY_GAP):
            cell = f"{column_letter(len(row) - 1)}{r}"
            report.add(
                "error",
                name,
                f"cell {cell} holds '{str(row[-1])[:30]}', far outside the table (which ends "
                f"at column {column_letter(max((len(v) for v in values), default=1) - 1)}, "
                f"row {len(values)}); the sheet would be read as "
                f"{r:,} rows × {len(row):,} columns.",
                f"delete cell {cell} (Ctrl+End in Excel jumps to it), or everything outside the "
                "table, and save.",
                row=r,
                column=column_letter(len(row) - 1),
            )
            return None
        values.extend([[] for _ in range(pending)])
        formats.extend([[] for _ in range(pending)])
        pending = 0
        values.append(row)
        formats.append(
            [
                str(getattr(c, "number_format", "") or "") if isinstance(v, int | float) else ""
                for c, v in zip(cells, row, strict=False)
            ]
        )
    return values, formats


def _scan_problems(xml: bytes, name: str, report: ValidationReport) -> bool:
    """Formula cells without a cached value, and merged cells below the header; True if any
    error was reported."""

    n_errors = len(report.errors)
    if b"<f" in xml:
        missing = []
        for m in _CELL.finditer(xml):
            body = m.group(2) or b""
            if b"<f" in body and not _VALUE.search(body):
                ref = _REF.search(m.group(1))
                if ref:
                    missing.append((ref.group(1).decode(), int(ref.group(2))))
        if missing:
            col, row = missing[0]
            report.add(
                "error",
                name,
                f"{len(missing)} formula cell(s) (first {col}{row}) have no saved value: the "
                "workbook was written by a program and never calculated, so their values are "
                "unknown (not empty).",
                "open the workbook in Excel (or WPS) and save it, so that the formulas are "
                "calculated; or paste the values as values.",
                row=row,
                column=col,
            )
    for m in _MERGE.finditer(xml):
        c1, r1, c2, r2 = m.group(1).decode(), int(m.group(2)), m.group(3).decode(), int(m.group(4))
        if r2 < 2:
            continue  # header merges are reported by the header checks
        report.add(
            "error",
            name,
            f"cells {c1}{r1}:{c2}{r2} are merged: only {c1}{r1} holds the value, the other "
            f"{(r2 - r1 + 1) * (_letter_index(c2) - _letter_index(c1) + 1) - 1} cell(s) read "
            "as empty.",
            "unmerge the cells and write the value into every row (Excel: Merge & Center off, "
            "then fill down).",
            row=r1,
            column=column_letter(_letter_index(c1)),
        )
    return len(report.errors) > n_errors


def read_xlsx_text(
    path: Path, report: ValidationReport, expected: Sequence[str] = ()
) -> pd.DataFrame | None:
    """The table of the workbook ``path`` as a frame of text cells (header in its first row).

    Parameters
    ----------
    path
        The workbook.
    report
        Where problems and repairs go.
    expected
        The table's column names: the sheet holding them is read (default: the first).
    """
    import zipfile

    import openpyxl

    raw_head = path.read_bytes()[:4096] if path.stat().st_size else b""
    if not raw_head.strip():
        report.add("error", path.name, "the file is empty.", "add the header row and the data.")
        return None
    kind = sniff_kind(raw_head)
    if kind != "zip":
        what = {
            "ole": "an old-style Excel workbook (.xls), not .xlsx",
            "html": "a web page (HTML) saved under an .xlsx name",
        }.get(kind, "text (perhaps CSV) saved under an .xlsx name, not an Excel workbook")
        report.add(
            "error",
            path.name,
            f"the file is {what}.",
            f"open it in Excel and save it as .xlsx, or rename it to {path.stem}.csv if it is "
            "CSV text.",
        )
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, Exception) as exc:
        report.add(
            "error",
            path.name,
            f"the workbook cannot be opened ({type(exc).__name__}: {str(exc)[:120]}).",
            "save it again from Excel as .xlsx, or export the first sheet as 'CSV UTF-8'.",
        )
        return None
    try:
        sheets = book.worksheets
        if not sheets:
            report.add(
                "error", path.name, "the workbook has no sheet.", "put the table on sheet 1."
            )
            return None
        pick, hits = _pick_sheet(sheets, expected) if expected else (0, 0)
        if pick != 0 and hits >= min(2, len(expected)):
            report.add(
                "fixed",
                path.name,
                f"the table was read from sheet '{sheets[pick].title}': sheet 1 "
                f"('{sheets[0].title}') does not hold its header.",
                "put the table on the first sheet, or keep only the table's sheet.",
            )
        else:
            pick = 0
        sheet = sheets[pick]
        xml = _sheet_xml(sheet)
        if xml is None:
            report.add(
                "error",
                path.name,
                f"sheet '{sheet.title}' is larger than {MAX_SHEET_XML / 1e9:g} GB uncompressed.",
                "split the table, or save it as CSV.",
            )
            return None
        if _scan_problems(xml, path.name, report):
            return None
        del xml
        read = _read_rows(sheet, path.name, report)
        if read is None:
            return None
        values, formats = read
        if not values:
            others = [s.title for n, s in enumerate(sheets) if n != pick][:1]
            report.add(
                "error",
                path.name,
                f"sheet '{sheet.title}' is empty"
                + (f"; the data seem to be on sheet '{others[0]}'." if others else "."),
                "move the table to the first sheet of the workbook.",
            )
            return None
    except Exception as exc:  # a corrupt sheet inside a valid zip
        report.add(
            "error",
            path.name,
            f"the workbook cannot be read ({type(exc).__name__}: {str(exc)[:120]}).",
            "save it again from Excel as .xlsx, or export the first sheet as 'CSV UTF-8'.",
        )
        return None
    finally:
        book.close()
    return _to_text(values, formats, path.name, report, column_letter)


def _to_text(
    values: list[list[Any]],
    formats: list[list[str]],
    name: str,
    report: ValidationReport,
    column_letter: Any,
) -> pd.DataFrame:
    """Cells as text: percent formats as shown, dates as periods of their series' frequency."""

    width = max(len(r) for r in values)
    header = [normalise_header(str(v)) if v is not None else "" for v in values[0]]
    header += [""] * (width - len(header))
    dates: dict[int, list[tuple[int, int]]] = {}
    percents: dict[int, int] = {}
    rows: list[list[str]] = []
    for r, (vals, fmts) in enumerate(zip(values, formats, strict=True)):
        row: list[str] = []
        for j, value in enumerate(vals):
            if isinstance(value, _dt.datetime | _dt.date):
                dates.setdefault(j, []).append((r, j))
            elif isinstance(value, int | float) and not isinstance(value, bool) and "%" in fmts[j]:
                percents[j] = percents.get(j, 0) + 1
                row.append(cell_text(float(f"{value * 100:.12g}")) + "%")
                continue
            row.append(cell_text(value))
        rows.append(row + [""] * (width - len(row)))
    frame = pd.DataFrame(rows, dtype=object)
    for j, cells in dates.items():
        label = header[j] or column_letter(j)
        as_quarters = _date_quarters(frame, header, j, cells, values) if label == "period" else []
        n_q = len(as_quarters)
        report.add(
            "fixed",
            name,
            f"{len(cells)} cell(s) hold Excel dates; "
            + (
                f"{n_q} quarter-end date(s) in quarterly series were read as quarters "
                "(YYYYQn), the others as their month (YYYY-MM)."
                if n_q
                else "each was read as its month, YYYY-MM."
            ),
            "format the cells as text (2026Q3 or 2026-09) to be sure of the period.",
            column=label,
        )
    for j, n in percents.items():
        report.add(
            "fixed",
            name,
            f"{n} cell(s) are formatted as percentages; each was read as shown (0.052 shown "
            "as 5.2% is read as 5.2%).",
            column=header[j] or column_letter(j),
        )
    return frame


def _date_quarters(
    frame: pd.DataFrame,
    header: list[str],
    j: int,
    cells: list[tuple[int, int]],
    values: list[list[Any]],
) -> list[int]:
    """Rewrite, in place, quarter-end dates of quarterly series as ``YYYYQn``; their rows.

    A series (unit × indicator) is quarterly when its text periods are quarters, or, with
    dates only, when every date falls at a quarter end; without unit and indicator columns
    the whole column is one series.
    """
    keys = [header.index(c) for c in ("unit", "indicator") if c in header]
    series = (
        frame.iloc[:, keys].astype(str).agg("\x1f".join, axis=1)
        if keys
        else pd.Series("", index=frame.index)
    )
    is_date = pd.Series(False, index=frame.index)
    is_date.iloc[[r for r, _ in cells]] = True
    text = frame.iloc[:, j].astype(str)
    body = frame.index > 0
    quarter_text = text.str.contains(r"Q|季", regex=True) & ~is_date & body
    month_text = text.str.fullmatch(r"\d{4}-\d{2}|.*月.*") & ~is_date & body
    months = pd.Series(0, index=frame.index)
    for r, _ in cells:
        months.iloc[r] = values[r][j].month
    quarter_end = months.isin([3, 6, 9, 12])
    by = pd.DataFrame(
        {"s": series, "qt": quarter_text, "mt": month_text, "d": is_date, "qe": quarter_end}
    ).groupby("s")
    quarterly = by["qt"].any() | (~by["mt"].any() & (by["qe"].sum() == by["d"].sum()))
    quarterly &= ~by["mt"].any()
    hit = [r for r, _ in cells if quarterly.get(series.iloc[r], False) and quarter_end.iloc[r]]
    for r in hit:
        d = values[r][j]
        frame.iat[r, j] = f"{d.year:04d}Q{d.month // 3}"
    return hit


__all__ = ["MAX_COLUMNS", "MAX_EMPTY_GAP", "read_xlsx_text"]
