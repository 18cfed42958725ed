"""Reading the tables of a data folder (CSV or XLSX) as text, with reported repairs.

Every cell is read as text so that nothing is silently converted: numbers, periods and codes are
parsed afterwards with problems reported against the spreadsheet row (the header is row 1).
Unambiguous repairs (a GBK/GB18030 encoding, a byte-order mark, spaces around codes, thousands
separators, full-width digits, upper-case headers) are made and reported as ``fixed``.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sprintmodel.data.problems import ValidationReport

ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class Table:
    """A table read as text.

    Attributes
    ----------
    file
        File name as found in the folder (e.g. ``observations.csv``).
    frame
        All cells as stripped strings ("" for empty); the index is the spreadsheet row number.
    """

    file: str
    frame: pd.DataFrame

    def rows(self) -> pd.Index:
        """Spreadsheet row numbers (header = 1)."""
        return self.frame.index


def find_table(folder: Path, stem: str, report: ValidationReport) -> Path | None:
    """The CSV or XLSX file named ``stem`` in ``folder``, or None if there is none."""
    csv, xlsx = folder / f"{stem}.csv", folder / f"{stem}.xlsx"
    if csv.exists() and xlsx.exists():
        report.add(
            "error",
            csv.name,
            f"both {csv.name} and {xlsx.name} exist, so it is unclear which to read.",
            f"keep one of them in {folder}.",
        )
        return None
    if csv.exists():
        return csv
    if xlsx.exists():
        return xlsx
    return None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if np.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, _dt.datetime | _dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    return str(value)


def _read_csv_text(path: Path, report: ValidationReport) -> pd.DataFrame | None:
    raw = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding != ENCODINGS[0]:
            report.add(
                "fixed",
                path.name,
                f"the file is not UTF-8; it was read as {encoding.upper()} (a Chinese encoding).",
            )
        break
    else:
        report.add(
            "error",
            path.name,
            "the file is neither UTF-8 nor GB18030/GBK text.",
            "save it as 'CSV UTF-8' from Excel.",
        )
        return None
    if "\x00" in text:
        report.add(
            "error",
            path.name,
            "the file holds binary data (NUL bytes), not CSV text.",
            "export the table again as 'CSV UTF-8'.",
        )
        return None
    import io

    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=True,
            skipinitialspace=False,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        m = re.search(r"line (\d+)", detail)
        report.add(
            "error",
            path.name,
            f"the CSV cannot be parsed ({detail}).",
            "check that every row has as many commas as the header and that quotes are closed.",
            row=int(m.group(1)) if m else None,
        )
        return None
    return frame


def _read_xlsx_text(path: Path, report: ValidationReport) -> pd.DataFrame | None:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        report.add(
            "error",
            path.name,
            f"the workbook cannot be opened ({type(exc).__name__}: {exc}).",
            "save it again from Excel as .xlsx, or export the first sheet as CSV UTF-8.",
        )
        return None
    try:
        sheet = book.worksheets[0]
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    if not rows:
        return pd.DataFrame()
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header = rows[0]
    while header and header[-1] == "":
        header = header[:-1]
    body = [r[: len(header)] for r in rows[1:]]
    frame = pd.DataFrame(body, columns=header, dtype=str)
    frame = frame.loc[~(frame == "").all(axis=1)] if len(frame) else frame
    return frame


def read_table(path: Path, report: ValidationReport) -> Table | None:
    """Read ``path`` (CSV or XLSX) as text; problems go to ``report``; None if unreadable."""
    frame = _read_csv_text(path, report) if path.suffix == ".csv" else _read_xlsx_text(path, report)
    if frame is None:
        return None
    if frame.empty and len(frame.columns) == 0:
        report.add("error", path.name, "the file is empty.", "add the header row and the data.")
        return None
    # Header names: strip, lower-case (reported when changed).
    original = [str(c) for c in frame.columns]
    cleaned = [unicodedata.normalize("NFKC", c).strip().lower() for c in original]
    changed = [f"'{a}'→'{b}'" for a, b in zip(original, cleaned, strict=True) if a != b]
    if changed:
        report.add("fixed", path.name, "header names cleaned: " + ", ".join(changed[:8]) + ".")
    dupes = sorted({c for c in cleaned if cleaned.count(c) > 1 and c})
    if dupes:
        report.add(
            "error",
            path.name,
            f"the header repeats column(s) {dupes}.",
            "give every column one header cell; merged or repeated headers are not allowed.",
        )
        return None
    frame.columns = pd.Index(cleaned)
    frame = frame.loc[:, [c for c in frame.columns if c and not c.startswith("unnamed:")]]
    # Cells: strip surrounding spaces (reported once per column).
    for column in frame.columns:
        values = frame[column].astype(str)
        stripped = values.str.strip()
        n = int((values != stripped).sum())
        if n:
            report.add(
                "fixed",
                path.name,
                f"spaces around {n} value(s) removed.",
                column=column,
            )
        frame[column] = stripped
    frame.index = pd.RangeIndex(2, 2 + len(frame))
    return Table(path.name, frame)


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_numbers(table: Table, column: str, report: ValidationReport) -> pd.Series:
    """Parse a text column to floats; empty cells are NaN.

    Unambiguous repairs (full-width digits, thousands separators ``1,234.5``, a trailing ``%``
    on a growth) are made and reported once per column; anything else that is not a number is
    an error naming the row.
    """
    text = table.frame[column]
    values = pd.to_numeric(text.where(text != "", None), errors="coerce").astype(float)
    bad = values.isna() & (text != "")
    if not bad.any():
        return values
    repaired: list[str] = []
    for row in text.index[bad]:
        raw = text.at[row]
        candidate = unicodedata.normalize("NFKC", raw).strip().replace("−", "-")
        note = ""
        if candidate != raw:
            note = "full-width characters"
        if _THOUSANDS.match(candidate):
            candidate = candidate.replace(",", "")
            note = "thousands separators"
        if candidate.endswith("%") and "growth" in column:
            candidate = candidate[:-1].strip()
            note = "a percent sign"
        try:
            number = float(candidate)
        except ValueError:
            number = float("nan")
        if note and np.isfinite(number):
            values.at[row] = number
            repaired.append(note)
        else:
            report.add(
                "error",
                table.file,
                f"'{raw}' is not a number.",
                "write a plain number (e.g. 1234.5) or leave the cell empty if not published.",
                row=int(row),
                column=column,
            )
    if repaired:
        kinds = sorted(set(repaired))
        report.add(
            "fixed",
            table.file,
            f"{len(repaired)} number(s) read after removing {', '.join(kinds)}.",
            column=column,
        )
    infinite = np.isinf(values)
    for row in values.index[infinite]:
        report.add(
            "error",
            table.file,
            f"'{text.at[row]}' is not a finite number.",
            "write a plain number.",
            row=int(row),
            column=column,
        )
        values.at[row] = np.nan
    return values
