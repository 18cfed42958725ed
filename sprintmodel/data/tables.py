"""Reading the tables of a data folder (CSV or XLSX) as text, with reported repairs.

Every cell is read as text so that nothing is silently converted: numbers, periods and codes are
parsed afterwards (:mod:`sprintmodel.data.parse`) with problems reported against the spreadsheet
row (the header is row 1; for a CSV, the record as a spreadsheet shows it).

Unambiguous repairs are made and reported as ``fixed``: a GBK/GB18030 or UTF-16 encoding, a
byte-order mark, tab- or semicolon-separated text, spaces and invisible characters around values,
header names in upper case, with spaces or full-width letters, Excel date cells, and
percent-formatted Excel cells. What cannot be read unambiguously is an error that names the file
and says how to fix it: a workbook or web page saved under a ``.csv`` name, text under an
``.xlsx`` name, binary data, title rows above the header, merged header cells, notes inside the
table, rows longer than the header.
"""

from __future__ import annotations

import csv
import io
import os
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sprintmodel.data.cells import INVISIBLE, column_letter, normalise_header
from sprintmodel.data.cells import sniff_kind as _sniff_kind
from sprintmodel.data.problems import ValidationReport

ENCODINGS = ("utf-8-sig", "gb18030")
"""Encodings tried in turn for CSV text without a UTF-16 byte-order mark."""

_ASCII_SPACE = " \t\x0b\x0c\x1c\x1d\x1e\x1f"
_HEADER_SCAN = 30


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
    separator: str = ","
    """The column separator of a CSV (``;`` files may use decimal commas)."""

    def rows(self) -> pd.Index:
        """Spreadsheet row numbers (header = 1)."""
        return self.frame.index


def find_table(folder: Path, stem: str, report: ValidationReport) -> Path | None:
    """The CSV or XLSX file named ``stem`` in ``folder``, or None if there is none.

    Names differing only in case (``Units.CSV``) are found too, and reported as fixed.
    """
    csv_path, xlsx = folder / f"{stem}.csv", folder / f"{stem}.xlsx"
    if not (_present(csv_path) or _present(xlsx)):
        try:
            found = {p.name.lower(): p for p in folder.iterdir() if _present(p)}
        except OSError:
            found = {}
        for name in (csv_path.name, xlsx.name):
            if name in found:
                report.add(
                    "fixed",
                    found[name].name,
                    f"the file is named '{found[name].name}'; it was read as {name}.",
                    f"rename it to {name} (lower case).",
                )
                return found[name]
        return None
    if _present(csv_path) and _present(xlsx):
        report.add(
            "error",
            csv_path.name,
            f"both {csv_path.name} and {xlsx.name} exist, so it is unclear which to read.",
            f"keep one of them in {folder}.",
        )
        return None
    return csv_path if _present(csv_path) else xlsx


def _present(path: Path) -> bool:
    """The name exists in the folder (a link whose target is missing included)."""
    return path.exists() or path.is_symlink()


def irregular_file(path: Path) -> tuple[str, str] | None:
    """(message, fix) when ``path`` is not a regular file that can be read at once.

    A link to a missing file, a folder, a named pipe (FIFO: reading it waits forever for a
    writer), a device or a socket is refused before any read.
    """
    import stat

    if path.is_symlink() and not path.exists():
        return (
            f"the file is a link to '{os.readlink(path)}', which does not exist.",
            "point the link at the real file, or copy the file into the folder.",
        )
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return (
            f"the file cannot be read ({exc.strerror or exc}).",
            "check that it exists and that you may read it.",
        )
    if stat.S_ISREG(mode):
        return None
    what = (
        "a folder"
        if stat.S_ISDIR(mode)
        else "a named pipe (FIFO); reading it would wait for a writer forever"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
    )
    return f"this is {what}, not a file.", "replace it with the table saved as a file."


# ------------------------------------------------------------------------ file kinds
_WRONG_KIND = {
    "zip": "an Excel workbook (.xlsx) saved under a .csv name",
    "ole": "an old-style Excel workbook (.xls)",
    "html": "a web page (HTML), as some statistics systems export under a spreadsheet name",
}


def _decode(raw: bytes, name: str, report: ValidationReport) -> str | None:
    kind = _sniff_kind(raw)
    if kind in _WRONG_KIND:
        report.add(
            "error",
            name,
            f"the file is {_WRONG_KIND[kind]}, not CSV text.",
            "open it in Excel and save it as .xlsx (named "
            f"{Path(name).stem}.xlsx) or as 'CSV UTF-8'.",
        )
        return None
    if kind == "utf16":
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            report.add(
                "error",
                name,
                "the file starts like UTF-16 text but cannot be read as such.",
                "save it as 'CSV UTF-8' from Excel.",
            )
            return None
        report.add(
            "fixed",
            name,
            "the file is UTF-16 text (Excel's 'Unicode text'); it was read as such.",
            "save it as 'CSV UTF-8' next time.",
        )
        return text.lstrip("\ufeff")
    if b"\x00" in raw:
        half = len(raw) // 4
        utf16 = raw[1::2].count(0) > half or raw[0::2].count(0) > half
        report.add(
            "error",
            name,
            "the file holds NUL bytes: it is "
            + ("UTF-16 text without a byte-order mark" if utf16 else "binary data, not CSV text")
            + ".",
            "export the table again as 'CSV UTF-8'.",
        )
        return None
    for encoding in ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and raw.startswith(b"\xef\xbb\xbf"):
            report.add("fixed", name, "a UTF-8 byte-order mark (BOM) at the start was skipped.")
        elif encoding != ENCODINGS[0]:
            rare = _rare_share(text)
            if rare > RARE_LIMIT:
                return _big5_or_gbk(raw, name, rare, report)
            report.add(
                "fixed",
                name,
                f"the file is not UTF-8; it was read as {encoding.upper()} (GBK, a Chinese "
                "encoding).",
                "save it as 'CSV UTF-8' next time.",
            )
        break
    else:
        report.add(
            "error",
            name,
            "the file is neither UTF-8 nor GB18030/GBK text.",
            "save it as 'CSV UTF-8' from Excel.",
        )
        return None
    return text


RARE_LIMIT = 0.1
"""Share of Chinese characters outside GB2312 (the 6,763 common simplified ones) beyond which
text read as GB18030 is taken as mis-decoded (Big5 bytes read as GBK give about half rare
characters; real GBK names almost none). An assumption, checked on the example city."""


def _share_outside(text: str, common: Callable[[str], bool]) -> float:
    """Share of the distinct Chinese characters of ``text`` for which ``common`` is false."""
    cjk = {c for c in text if "\u3400" <= c <= "\u9fff"}
    return sum(not common(c) for c in cjk) / len(cjk) if cjk else 0.0


def _in_gb2312(c: str) -> bool:
    try:
        c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _in_big5_level1(c: str) -> bool:
    try:
        code = int.from_bytes(c.encode("big5"), "big")
    except UnicodeEncodeError:
        return False
    return 0xA440 <= code <= 0xC67E


def _rare_share(text: str) -> float:
    """Share of the distinct Chinese characters of ``text`` that GB2312 cannot encode."""
    return _share_outside(text, _in_gb2312)


def _big5_rare_share(text: str) -> float:
    """Share of the distinct Chinese characters of ``text`` outside Big5's common level 1."""
    return _share_outside(text, _in_big5_level1)


def _big5_or_gbk(raw: bytes, name: str, rare: float, report: ValidationReport) -> str:
    """Text that reads as GB18030 only with rare characters: Big5 where that reads as more
    common characters, else GB18030 with a note to check the names."""
    try:
        text = raw.decode("big5")
    except UnicodeDecodeError:
        text = None
    if text is None or _big5_rare_share(text) >= rare:  # GBK with traditional names
        report.add(
            "fixed",
            name,
            f"the file is not UTF-8; it was read as GB18030 (GBK, a Chinese encoding), where "
            f"{100 * rare:.0f}% of its Chinese characters are outside the common set (are "
            "the names right?).",
            "save it as 'CSV UTF-8' next time.",
        )
        return raw.decode("gb18030")
    report.add(
        "fixed",
        name,
        f"the file is Big5 (traditional Chinese) text; it was read as such (read as GB18030 "
        f"{100 * rare:.0f}% of its characters were rare, garbled ones).",
        "save it as 'CSV UTF-8' next time.",
    )
    return text


def _sniff_separator(text: str, name: str, report: ValidationReport) -> str:
    first = next((line for line in text[:65536].splitlines() if line.strip()), "")
    if "," in first:
        return ","
    for sep, label in (("\t", "tabs"), (";", "semicolons")):
        if first.count(sep) >= 1:
            report.add(
                "fixed",
                name,
                f"the columns are separated by {label}, not commas; read as such.",
                "save it as 'CSV UTF-8' (comma-separated) next time.",
            )
            return sep
    return ","


def _head_rows(text: str, sep: str) -> list[list[str]]:
    lines = text[:262144].splitlines()[:_HEADER_SCAN]
    try:
        return [[c.strip() for c in row] for row in csv.reader(lines, delimiter=sep)]
    except csv.Error:
        return [line.split(sep) for line in lines]


def _first_long_row(text: str, sep: str, width: int) -> tuple[int, int] | None:
    """(spreadsheet row, field count) of the first record longer than the header."""
    try:
        for i, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=sep)):
            if len(row) > width and any(c.strip() for c in row[width:]):
                return i + 1, len(row)
    except csv.Error:  # a stray carriage return or quote: the caller reports pandas' reason
        return None
    return None


def _read_csv_text(path: Path, report: ValidationReport) -> tuple[pd.DataFrame, str, str] | None:
    """The CSV as a frame of text with positional columns (the header is its first row), the
    decoded text and the separator; None if unreadable."""
    raw = path.read_bytes()
    if not raw.strip(b"\xef\xbb\xbf \t\r\n"):
        report.add("error", path.name, "the file is empty.", "add the header row and the data.")
        return None
    text = _decode(raw, path.name, report)
    if text is None:
        return None
    sep = _sniff_separator(text, path.name, report)
    head = _head_rows(text, sep)
    width = max((len(r) for r in head), default=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            frame = pd.read_csv(
                io.StringIO(text),
                sep=sep,
                header=None,
                names=list(range(width)),
                index_col=False,
                dtype=object,
                na_filter=False,
                keep_default_na=False,
                skip_blank_lines=False,
                quoting=csv.QUOTE_MINIMAL,
            )
        except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError) as exc:
            long = _first_long_row(text, sep, width)
            if long is not None:
                report.add(
                    "error",
                    path.name,
                    f"the row has {long[1]} cells, more than the {width} columns of the header.",
                    "remove the extra cells (a stray comma?), or quote values that contain commas.",
                    row=long[0],
                )
            else:
                detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else ""
                line = re.search(r"line (\d+)", detail)
                row0 = re.search(r"row (\d+)", detail)  # pandas counts rows from 0
                row = int(line.group(1)) if line else int(row0.group(1)) + 1 if row0 else None
                what = (
                    "a quote is not closed"
                    if "EOF inside string" in detail
                    else detail or type(exc).__name__
                )
                report.add(
                    "error",
                    path.name,
                    f"the CSV cannot be parsed: {what}.",
                    'close the quote (") that starts in this row, or remove it; quote whole '
                    "cells only."
                    if "EOF inside string" in detail
                    else "check that every row has as many cells as the header and that quotes "
                    "are closed.",
                    row=row,
                )
            return None
    return frame.fillna(""), text, sep


def _read_xlsx_text(
    path: Path, report: ValidationReport, expected: Sequence[str] = ()
) -> pd.DataFrame | None:
    from sprintmodel.data.xlsx import read_xlsx_text

    return read_xlsx_text(path, report, expected)


# ---------------------------------------------------------------------------- tables
def _strip_column(values: pd.Series, *, ascii_only: bool) -> tuple[pd.Series, int]:
    """Strip white space (and invisible characters); returns the column and the count changed."""
    arr = values.to_numpy(dtype=object)
    codes, uniques = pd.factorize(arr)
    if len(uniques) * 4 < len(arr):  # few distinct values: strip those only
        clean = np.array(
            [u.strip().strip(INVISIBLE).strip() if not ascii_only else u.strip() for u in uniques],
            dtype=object,
        )
        changed = clean != uniques
        if not changed.any():
            return values, 0
        out = clean[codes]
        return pd.Series(out, index=values.index, dtype=object), int(changed[codes].sum())
    stripped = (
        [v.strip() for v in arr]
        if ascii_only
        else [v.strip().strip(INVISIBLE).strip() for v in arr]
    )
    out_arr = np.array(stripped, dtype=object)
    n = int((out_arr != arr).sum())
    return (pd.Series(out_arr, index=values.index, dtype=object), n) if n else (values, 0)


def _may_need_strip(text: str | None) -> tuple[bool, bool]:
    """(may any cell have surrounding space, is the text pure ASCII)."""
    if text is None:
        return True, False
    if text.isascii():
        return any(c in text for c in _ASCII_SPACE), True
    return True, False


def read_table(path: Path, report: ValidationReport, expected: Sequence[str] = ()) -> Table | None:
    """Read ``path`` (CSV or XLSX) as text; problems go to ``report``; None if unreadable.

    Parameters
    ----------
    path
        The file.
    report
        Where problems and repairs are recorded.
    expected
        Column names the table should have; used to recognise title rows above the header.
    """
    text: str | None = None
    separator = ","
    odd = irregular_file(path)
    if odd is not None:
        report.add("error", path.name, *odd)
        return None
    if path.suffix.lower() == ".csv":
        read = _read_csv_text(path, report)
        if read is None:
            return None
        grid, text, separator = read
    else:
        grid = _read_xlsx_text(path, report, expected)
    if grid is None:
        return None
    grid.columns = pd.RangeIndex(grid.shape[1])
    grid.index = pd.RangeIndex(1, 1 + len(grid))  # spreadsheet rows
    if grid.empty:
        report.add("error", path.name, "the file is empty.", "add the header row and the data.")
        return None
    # Title rows above the header, or a header further down.
    header_row = _find_header_row(grid, expected)
    if header_row is None:
        if _report_title_rows(grid, path.name, report, expected):
            return None
        return _finish(grid, path, report, text, separator)
    if header_row > 1:
        first = " / ".join(c for c in grid.loc[1] if str(c).strip())[:60]
        report.add(
            "error",
            path.name,
            f"the header is on row {header_row}, not row 1; above it is "
            + (f"a title ('{first}')" if first else "an empty row")
            + ".",
            (f"delete rows 1–{header_row - 1}" if header_row > 2 else "delete row 1")
            + " so that the column names are in row 1.",
            row=1,
        )
        return None
    return _finish(grid, path, report, text, separator)


def _find_header_row(grid: pd.DataFrame, expected: Sequence[str]) -> int | None:
    """1 if row 1 looks like the header; the row of a later header; None if unsure."""
    want = set(expected)
    scan = grid.head(_HEADER_SCAN)
    if not want:
        return 1
    best, best_hits = None, 0
    for row, values in scan.iterrows():
        hits = len(want.intersection(normalise_header(str(v)) for v in values))
        if hits > best_hits:
            best, best_hits = int(row), hits
    if best is None or best_hits < max(2, len(want) // 2):
        return None if _title_like(grid.loc[1]) else 1
    return best


def _title_like(row: pd.Series) -> bool:
    filled = [c for c in row if str(c).strip()]
    return len(filled) <= 1 and len(row) > 1


def _report_title_rows(
    grid: pd.DataFrame, name: str, report: ValidationReport, expected: Sequence[str]
) -> bool:
    """Report row 1 as a title (one cell filled); True when reported."""
    if not _title_like(grid.loc[1]):
        return False
    title = next((str(c).strip() for c in grid.loc[1] if str(c).strip()), "")
    report.add(
        "error",
        name,
        f"row 1 holds only '{title[:60]}', which looks like a title, not the header "
        "(the column names).",
        "delete the title rows so that the column names ("
        + ", ".join(expected[:6])
        + (", ..." if len(expected) > 6 else "")
        + ") are in row 1.",
        row=1,
    )
    return True


def _finish(
    grid: pd.DataFrame,
    path: Path,
    report: ValidationReport,
    text: str | None,
    separator: str = ",",
) -> Table | None:
    name = path.name
    original = [str(c) for c in grid.loc[1]]
    body = grid.iloc[1:]
    # Header names: NFKC, strip, lower case, spaces → _ (reported when changed).
    cleaned = [normalise_header(c) for c in original]
    changed = [f"'{a}'→'{b}'" for a, b in zip(original, cleaned, strict=True) if a != b and b]
    if changed:
        report.add(
            "fixed",
            name,
            "header names cleaned: "
            + ", ".join(changed[:8])
            + (" ..." if len(changed) > 8 else "")
            + ".",
            "write column names in lower case, as in the data contract.",
            row=1,
        )
    # Columns without a header: dropped when empty, an error when they hold values.
    keep: list[int] = []
    n_errors = len(report.errors)
    for j, c in enumerate(cleaned):
        if c:
            keep.append(j)
            continue
        filled = (body[j].astype(str).str.strip() != "").to_numpy()
        if not filled.any():
            continue
        first_row = int(body.index[filled][0])
        trailing = not any(cleaned[j:])
        if trailing and filled.mean() <= 0.2:
            n_cells = (
                int(
                    (body.loc[first_row].astype(str).str.strip() != "")
                    .to_numpy()
                    .nonzero()[0]
                    .max()
                )
                + 1
            )
            report.add(
                "error",
                name,
                f"the row has {n_cells} cells, more than the {len(keep) or j} columns of the "
                "header.",
                "remove the extra cells (a stray comma?), or quote values that contain commas.",
                row=first_row,
                column=column_letter(j),
            )
        else:
            report.add(
                "error",
                name,
                f"column {column_letter(j)} holds values (first at row {first_row}) but has no "
                "name in the header row (a merged or empty header cell?).",
                "give every column one header cell in row 1; unmerge header cells and delete "
                "extra header rows.",
                row=1,
                column=column_letter(j),
            )
    named = [cleaned[j] for j in keep]
    dupes = sorted({c for c in named if named.count(c) > 1})
    if dupes:
        report.add(
            "error",
            name,
            f"the header repeats column(s) {', '.join(repr(d) for d in dupes)}.",
            "give every column one header cell; merged or repeated headers are not allowed.",
            row=1,
        )
    if len(report.errors) > n_errors:
        return None
    frame = body.loc[:, keep].copy()
    frame.columns = pd.Index(named)
    # Rows that are entirely empty are skipped (their numbers are kept for the others).
    if len(frame):
        filled = frame.to_numpy(dtype=object) != ""
        had_text = filled.any(axis=1)
        if _may_need_strip(text)[0]:  # cells of spaces (or invisible characters) are blank
            for j, column in enumerate(frame.columns):
                codes, uniques = pd.factorize(frame[column].to_numpy(dtype=object))
                blank = np.array([not str(u).strip().strip(INVISIBLE) for u in uniques], bool)
                if blank.any():
                    filled[:, j] &= ~blank[codes]
        any_filled = filled.any(axis=1)
        spaces = np.flatnonzero(had_text & ~any_filled)
        if len(spaces):
            report.add(
                "fixed",
                name,
                f"{len(spaces)} row(s) hold only spaces; read as blank rows"
                + (f" (first at row {int(frame.index[spaces[0]])})." if len(spaces) > 1 else "."),
                "delete the rows.",
                row=int(frame.index[spaces[0]]),
            )
        if not any_filled.all():
            frame = frame.loc[any_filled]
    # Cells: strip surrounding spaces and invisible characters (reported once per column).
    may_strip, ascii_only = _may_need_strip(text)
    if may_strip:
        for column in frame.columns:
            stripped, n = _strip_column(frame[column], ascii_only=ascii_only)
            if n:
                changed = stripped.to_numpy(dtype=object) != frame[column].to_numpy(dtype=object)
                first = int(frame.index[changed][0])
                report.add(
                    "fixed",
                    name,
                    f"spaces or invisible characters around {n} value(s) removed"
                    + (f" (first at row {first})." if n > 1 else "."),
                    row=first,
                    column=column,
                )
                frame[column] = stripped
    if len(frame) and len(frame.columns) >= 3:
        _note_rows(frame, name, report)
        if len(report.errors) > n_errors:
            return None
    return Table(name, frame, separator)


def _note_rows(frame: pd.DataFrame, name: str, report: ValidationReport) -> None:
    """Rows with only their first cell filled (a note, a source line, a sub-title)."""
    rest = frame.iloc[:, 1:].to_numpy(dtype=object)
    first = frame.iloc[:, 0]
    only_first = (first.to_numpy(dtype=object) != "") & (rest == "").all(axis=1)
    if not only_first.any():
        return
    not_code = ~first.astype(str).str.fullmatch(r"[A-Za-z0-9_-]{1,40}").to_numpy(dtype=bool)
    rows = frame.index[only_first & not_code]
    for row in rows[:20]:
        report.add(
            "error",
            name,
            f"the row holds only '{str(frame.at[row, frame.columns[0]])[:40]}' in its first "
            "cell: a note, source line or sub-title inside the table.",
            "delete the row (keep notes in a README or on another sheet).",
            row=int(row),
            column=str(frame.columns[0]),
        )
    if len(rows) > 20:
        report.add(
            "error",
            name,
            f"... and {len(rows) - 20} more rows like that.",
            "delete the rows.",
        )
