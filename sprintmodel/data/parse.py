"""Parsing text cells into numbers, periods, codes and choices, with reported repairs.

Each parser works column-wise: the common case (clean cells) is handled vectorised, and only
cells that need care go through Python, so a column of a million clean numbers parses in a
fraction of a second. Columns of codes and periods hold few distinct values, so they are parsed
once per distinct value and mapped back.

What a parser repairs is unambiguous and reported as ``fixed``, once per column with a count and
the first row; everything else is an error naming the row and the column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Literal

import numpy as np
import pandas as pd

from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.tables import Table
from sprintmodel.yamlio import closest as _closest

NumberKind = Literal["level", "percent", "share"]
"""``level``: a value in the indicator's measure; ``percent``: a growth in percent (``5.2%``
is read as 5.2); ``share``: a share 0–1 (``25%`` is read as 0.25)."""

PLACEHOLDERS = frozenset(
    {
        "-",
        "--",
        "---",
        "—",
        "——",
        "–",
        "..",
        "...",
        "…",
        "……",
        "/",
        "na",
        "n/a",
        "n.a.",
        "nan",
        "null",
        "none",
        "无",
        "空",
        "暂无",
        "暂缺",
        "无数据",
        "未公布",
        "n.a",
        "*",
        "**",
        "×",
    }
)
"""Cell texts (compared in lower case after NFKC) that statistics publications and exports use
for "not published"; read as empty and reported."""

EXCEL_ERRORS = (
    "#DIV/0!",
    "#REF!",
    "#N/A",
    "#VALUE!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#GETTING_DATA",
    "#BUSY!",
    "#UNKNOWN!",
    "#BLOCKED!",
    "#CONNECT!",
)

MONEY_SCALE = {
    "元": 1.0,
    "千元": 1e3,
    "万元": 1e4,
    "百万元": 1e6,
    "亿元": 1e8,
    "万": 1e4,
    "亿": 1e8,
}
"""Chinese money units and their size [元]; ``万``/``亿`` alone are taken as 万元/亿元."""

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_WITH_UNIT = re.compile(
    r"^(?P<num>[+-]?(?:\d[\d,]*)?\.?\d+(?:[eE][+-]?\d+)?)\s*(?P<unit>[^\d\s.,+-]\D*)$"
)
_PARENS = re.compile(r"^\(\s*\d[\d,]*\.?\d*\s*\)$")


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """`` Did you mean 'x'?`` for the closest of ``choices``, or ``""`` (case ignored; see
    :func:`sprintmodel.yamlio.closest`)."""
    return _closest(word, choices, cutoff)


def first_at(n: int, row: int) -> str:
    """`` (first at row R)`` when several cells are concerned, else ``""``."""
    return f" (first at row {row})" if n > 1 else ""


def _fixed_line(
    report: ValidationReport, file: str, column: str, notes: dict[str, list[int]]
) -> None:
    for note, rows in notes.items():
        report.add(
            "fixed",
            file,
            f"{len(rows)} cell(s) repaired: {note}{first_at(len(rows), rows[0])}.",
            row=rows[0],
            column=column,
        )


def _default_kind(column: str) -> NumberKind:
    if "growth" in column:
        return "percent"
    if column.endswith("_rate") or column.endswith("_share"):
        return "share"
    return "level"


def parse_numbers(
    table: Table,
    column: str,
    report: ValidationReport,
    *,
    kind: NumberKind | None = None,
    measure: str | pd.Series | None = None,
) -> pd.Series:
    """Parse a text column to floats; empty cells are NaN.

    Parameters
    ----------
    table, column
        The column.
    report
        Where problems go.
    kind
        How to read a ``%`` sign (default: ``percent`` for columns named ``*growth*``,
        ``share`` for ``*_rate``, else ``level``, where ``%`` is an error).
    measure
        The unit the values are in (one text, or one per row): a value written with that unit
        (``123.4亿元``) is read and reported; with another money unit (``万元``) it is an error.

    Notes
    -----
    Repairs (reported once per column): full-width digits and signs, thousands separators
    ``1,234.5``, a ``%`` sign as ``kind`` says, the unit of measure after the number, and the
    placeholders of :data:`PLACEHOLDERS` (read as not published). Errors: an Excel error value
    (``#DIV/0!``), a non-finite number, anything else that is not a number.
    """
    kind = kind or _default_kind(column)
    text = table.frame[column]
    raw = text.to_numpy(dtype=object)
    values = pd.to_numeric(pd.Series(raw, index=text.index), errors="coerce").astype(float)
    empty = raw == ""
    bad = np.isnan(values.to_numpy()) & ~empty
    arr = values.to_numpy(copy=True)
    if bad.any():
        notes: dict[str, list[int]] = {}
        placeholders: dict[str, list[int]] = {}
        errors: dict[int, tuple[str, str]] = {}
        rows = text.index.to_numpy()
        todo = np.flatnonzero(bad)
        if table.separator == ";":
            todo = _decimal_commas(table, raw, todo, arr, rows, notes, errors)
        if len(todo) > 1000:  # many cells: the common repairs vectorised first
            todo = _bulk_repairs(raw, todo, arr, rows, kind, notes)
        for pos in todo:
            row = int(rows[pos])
            unit = (
                measure if isinstance(measure, str) or measure is None else str(measure.iloc[pos])
            )
            number, note, error = _repair_number(str(raw[pos]), kind, unit)
            if error:
                errors[row] = error
            elif note.startswith("placeholder"):
                arr[pos] = number
                placeholders.setdefault(str(raw[pos]), []).append(row)
            else:
                arr[pos] = number
                notes.setdefault(note, []).append(row)
        if placeholders:
            shown = ", ".join(f"'{p}'" for p in placeholders)
            rows_p = sorted(r for rs in placeholders.values() for r in rs)
            notes[f"placeholders ({shown}) read as not published (empty)"] = rows_p
        _fixed_line(report, table.file, column, notes)
        if errors:
            keys = list(errors)
            report.add_rows(
                "error",
                table.file,
                keys,
                lambda r: errors[r][0],
                errors[keys[0]][1],
                column,
            )
    infinite = np.isinf(arr)
    if infinite.any():
        report.add_rows(
            "error",
            table.file,
            text.index[infinite],
            lambda r: f"'{text.at[r]}' is not a finite number.",
            "write a plain number.",
            column,
        )
        arr[infinite] = np.nan
    return pd.Series(arr, index=text.index)


_COMMA_NUMBER = re.compile(r"^[+-]?\d[\d.]*,\d+%?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?(\d+,(\d{1,2}|\d{4,})|\d{1,3}(\.\d{3})+,\d+)%?$")
_DECIMAL_POINT = re.compile(r"^[+-]?\d+\.\d+$")
_THOUSANDS_ONLY = re.compile(r"^[+-]?(\d{1,3}(,\d{3}){2,}|\d{1,3}(,\d{3})+\.\d+)%?$")


def comma_mode(table: Table) -> str | None:
    """How a semicolon-separated file uses commas in numbers, from the whole file's evidence.

    ``"decimal"`` when some number shows a decimal comma (``35,5``, ``1.234,5``) and none a
    thousands separator; ``"thousands"`` in the opposite case (``1,234,567``, ``1,234.5``);
    (or decimal points, ``35.5``); ``"ambiguous"`` when the file shows neither (only
    ``25,880``) or both; None without commas in numbers.
    """
    cells = pd.unique(table.frame.to_numpy(dtype=object).ravel())
    with_comma = [c for c in cells if "," in c and _COMMA_NUMBER.match(c.replace(" ", ""))]
    if not with_comma:
        return None
    decimal = any(_DECIMAL_COMMA.match(c) for c in with_comma)
    thousands = any(_THOUSANDS_ONLY.match(c) for c in with_comma) or (
        not decimal and any(_DECIMAL_POINT.match(c) for c in cells)
    )
    if decimal != thousands:
        return "decimal" if decimal else "thousands"
    return "ambiguous"


def _decimal_commas(
    table: Table,
    raw: np.ndarray,
    todo: np.ndarray,
    arr: np.ndarray,
    rows: np.ndarray,
    notes: dict[str, list[int]],
    errors: dict[int, tuple[str, str]],
) -> np.ndarray:
    """Numbers with commas in a semicolon-separated file: read as the file's evidence says."""
    mode = comma_mode(table)
    if mode in (None, "thousands"):
        return todo
    left = []
    for pos in todo:
        cell = str(raw[pos]).replace(" ", "")
        if not _COMMA_NUMBER.match(cell):
            left.append(pos)
            continue
        if mode == "ambiguous":
            errors[int(rows[pos])] = (
                f"'{raw[pos]}' could be {cell.replace(',', '.')} (a decimal comma, as in files "
                f"separated by semicolons) or {cell.replace(',', '')} (a thousands separator); "
                "the file does not show which.",
                "write numbers with a decimal point and without thousands separators (e.g. "
                "25.88 or 25880).",
            )
            continue
        plain = cell.replace(".", "").replace(",", ".")
        if plain.endswith("%"):
            left.append(pos)  # reported as not a number: write it without the % sign
            continue
        arr[pos] = float(plain)
        notes.setdefault(
            "decimal commas read as decimal points (the file is separated by semicolons "
            "and numbers such as '35,5' show the comma is the decimal mark)",
            [],
        ).append(int(rows[pos]))
    return np.array(left, dtype=np.int64)


def _bulk_repairs(
    raw: np.ndarray,
    todo: np.ndarray,
    arr: np.ndarray,
    rows: np.ndarray,
    kind: NumberKind,
    notes: dict[str, list[int]],
) -> np.ndarray:
    """Thousands separators (and a ``%`` on growth) over many cells at once; the rest left."""
    cells = pd.Series(raw[todo], dtype=object).astype(str)
    thousands = cells.str.fullmatch(_THOUSANDS).to_numpy(dtype=bool)
    if thousands.any():
        arr[todo[thousands]] = pd.to_numeric(cells[thousands].str.replace(",", "", regex=False))
        notes["thousands separators removed"] = [int(r) for r in rows[todo[thousands]]]
    left = ~thousands
    if kind == "percent":
        stripped = cells.str.removesuffix("%")
        plain = pd.to_numeric(stripped.where(cells.str.endswith("%"), "x"), errors="coerce")
        ok = plain.notna().to_numpy() & left & np.isfinite(plain.to_numpy(dtype=float))
        if ok.any():
            arr[todo[ok]] = plain.to_numpy(dtype=float)[ok]
            notes["the percent sign removed"] = [int(r) for r in rows[todo[ok]]]
            left &= ~ok
    return todo[left]


def _repair_number(
    raw: str, kind: NumberKind, measure: str | None
) -> tuple[float, str, tuple[str, str] | None]:
    """(number, what was repaired, None) or (nan, "", (message, fix))."""
    nan = float("nan")
    plain = "write a plain number (e.g. 1234.5), or leave the cell empty if not published."
    upper = raw.strip().upper()
    if upper in EXCEL_ERRORS or (upper.startswith("#") and upper.endswith(("!", "?", "A"))):
        return (
            nan,
            "",
            (
                f"the cell holds the Excel error '{raw}' (a broken formula), not a number.",
                "correct the formula in the source sheet or type the value; leave the cell "
                "empty if it is not published.",
            ),
        )
    s = unicodedata.normalize("NFKC", raw).strip().replace("−", "-").replace("–", "-")
    if s.lower() in PLACEHOLDERS:
        return nan, "placeholder", None
    notes = ["full-width or typographic characters made plain"] if s != raw.strip() else []
    if _PARENS.match(s):
        return (
            nan,
            "",
            (
                f"'{raw}' is not a number (an accounting-style negative in brackets?).",
                "write negative numbers with a minus sign, e.g. -12.3.",
            ),
        )
    unit = ""
    m = _WITH_UNIT.match(s)
    if m:
        s, unit = m.group("num"), m.group("unit").strip()
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
        notes.append("thousands separators removed")
    try:
        number = float(s)
    except ValueError:
        return nan, "", (f"'{raw}' is not a number.", plain)
    if unit:
        if unit == "%":
            if kind == "percent":
                notes.append("the percent sign removed")
            elif kind == "share":
                number /= 100.0
                notes.append("a percentage read as a share (25% → 0.25)")
            else:
                return (
                    nan,
                    "",
                    (f"'{raw}' is a percentage, but this column holds levels.", plain),
                )
        elif measure and unit in (measure, measure.rstrip("元")):
            notes.append(f"the unit '{unit}' after the number removed")
        elif measure and unit in MONEY_SCALE and measure in MONEY_SCALE:
            ratio = MONEY_SCALE[unit] / MONEY_SCALE[measure]
            how = f"multiply by {ratio:,.0f}" if ratio > 1 else f"divide by {1 / ratio:,.0f}"
            return (
                nan,
                "",
                (
                    f"'{raw}' is written in {unit}, but the indicator's measure is {measure}.",
                    f"convert it to {measure} ({how}) and write the number only.",
                ),
            )
        else:
            what = f" (the measure is {measure})" if measure else ""
            return nan, "", (f"'{raw}' is not a plain number{what}.", plain)
    if not np.isfinite(number):
        return nan, "", (f"'{raw}' is not a finite number.", "write a plain number.")
    return number, ", ".join(notes) or "cleaned", None


# --------------------------------------------------------------------------- periods
_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_CANONICAL = re.compile(r"^(?P<y>\d{4})(?:Q(?P<q>[1-4])|-(?P<m>0[1-9]|1[0-2]))$")
_REPAIRS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})\s*[-_/. ]?\s*[Qq]\s*([1-4])$"), "Q"),  # 2026-Q3, 2026 q3
    (re.compile(r"^[Qq]([1-4])\s*[-_/. ]?\s*(\d{4})$"), "Qr"),  # Q3 2026
    (re.compile(r"^(\d{4})\s*年\s*第?\s*([1-4一二三四])\s*季度?$"), "Q"),  # 2026年第三季度
    (re.compile(r"^(\d{4})\s*年\s*第?\s*[1一]\s*[-~—至到]\s*第?\s*([1-4一二三四])\s*季度?$"), "Q"),
    (re.compile(r"^(\d{4})\s*年\s*前\s*([1-4一二三四])\s*(?:个)?\s*季度$"), "Q"),  # 前三季度
    (re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月份?$"), "M"),  # 2026年9月
    (re.compile(r"^(\d{4})\s*年\s*1\s*[-~—至到]\s*(\d{1,2})\s*月份?$"), "M"),  # 2026年1-9月
    (re.compile(r"^(\d{4})-(\d)$"), "M"),  # 2026-9
]


def _repair_period(text: str) -> str | None:
    """The canonical period for an unambiguous other spelling, or None."""
    s = unicodedata.normalize("NFKC", text).strip()
    if _CANONICAL.match(s):
        return s
    for pattern, kind in _REPAIRS:
        m = pattern.match(s)
        if not m:
            continue
        if kind == "Qr":
            return f"{m.group(2)}Q{m.group(1)}"
        if kind == "Q":
            return f"{m.group(1)}Q{_CN_DIGIT[m.group(2)]}"
        month = int(m.group(2))
        return f"{m.group(1)}-{month:02d}" if 1 <= month <= 12 else None
    return None


def _period_hint(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).strip()
    if re.fullmatch(r"\d{4}\.\d{1,2}", s):
        return (
            " A number like 2026.09 is ambiguous (a spreadsheet shows October as 2026.1); "
            "write it as 2026-09."
        )
    if re.fullmatch(r"\d{4}[/.]\d{1,2}([/.]\d{1,2})?|\d{4}-\d{2}-\d{2}", s):
        return " Dates are not periods; write the month as 2026-09 or the quarter as 2026Q3."
    if re.fullmatch(r"\d{6}", s):
        return " Six digits could be a month (202609) or something else; write 2026-09."
    if re.fullmatch(r"\d{4}", s):
        return " A year alone is not a period; write the year's last period (2026Q4 or 2026-12)."
    if re.fullmatch(r"\d{4}Q[05-9]|\d{4}-(00|1[3-9]|[2-9]\d)", s):
        return " The quarter must be 1–4 and the month 01–12."
    return ""


def parse_periods(
    table: Table, column: str, report: ValidationReport, *, months_only: bool = False
) -> pd.DataFrame:
    """Parse a column of periods, distinct value by distinct value.

    Returns a frame aligned with the table with ``period`` (canonical text, "" where invalid or
    empty), ``year``, ``index`` (quarter or month number), ``is_month`` and ``valid``.
    Unambiguous other spellings (``2026-Q3``, ``2026年第三季度``, ``2026年1-9月``, ``2026-9``)
    are repaired and reported; anything else is an error (empty cells are left to the caller).
    """
    text = table.frame[column]
    raw = text.to_numpy(dtype=object)
    codes, uniques = pd.factorize(raw)
    n_u = len(uniques)
    canon = np.full(n_u, "", dtype=object)
    u_year = np.zeros(n_u, dtype=np.int64)
    u_index = np.zeros(n_u, dtype=np.int64)
    u_month = np.zeros(n_u, dtype=bool)
    u_valid = np.zeros(n_u, dtype=bool)
    u_invalid = np.zeros(n_u, dtype=bool)
    repaired: dict[str, str] = {}
    for k, u in enumerate(uniques):
        s = str(u)
        if not s:
            continue
        c = _repair_period(s)
        if c is not None and months_only and "Q" in c:
            c = None
        if c is None:
            u_invalid[k] = True
            continue
        if c != s:
            repaired[s] = c
        m = _CANONICAL.match(c)
        assert m is not None
        canon[k] = c
        u_year[k] = int(m.group("y"))
        u_month[k] = m.group("m") is not None
        u_index[k] = int(m.group("m") or m.group("q"))
        u_valid[k] = True
    if repaired:
        mask = np.isin(raw, list(repaired))
        shown = ", ".join(f"'{a}'→'{b}'" for a, b in list(repaired.items())[:4])
        first = int(text.index[mask][0])
        report.add(
            "fixed",
            table.file,
            f"{int(mask.sum())} period(s) written in another form read as {shown}"
            + (" ..." if len(repaired) > 4 else "")
            + f"{first_at(int(mask.sum()), first)}.",
            "write quarters as YYYYQn and months as YYYY-MM.",
            row=first,
            column=column,
        )
    invalid = u_invalid[codes] if len(codes) else np.zeros(0, dtype=bool)
    if invalid.any():
        form = (
            "write months as YYYY-MM, e.g. 2026-11."
            if months_only
            else "write quarters as YYYYQn (2026Q3) and months as YYYY-MM (2026-09); each row "
            "holds the year-to-date figure up to that period."
        )
        report.add_rows(
            "error",
            table.file,
            text.index[invalid],
            lambda r: (
                f"'{text.at[r]}' is not a "
                + ("month" if months_only else "period")
                + "."
                + _period_hint(str(text.at[r]))
            ),
            form,
            column,
        )
    if not len(codes):
        codes = np.zeros(0, dtype=np.int64)
    return pd.DataFrame(
        {
            "period": canon[codes],
            "year": u_year[codes],
            "index": u_index[codes],
            "is_month": u_month[codes],
            "valid": u_valid[codes],
        },
        index=text.index,
    )


# --------------------------------------------------------------------- codes, choices
CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")


def normalise_codes(table: Table, column: str, report: ValidationReport) -> pd.Series:
    """Codes with full-width letters and digits made plain (NFKC), reported; in place."""
    text = table.frame[column]
    codes, uniques = pd.factorize(text.to_numpy(dtype=object))
    clean = np.array([unicodedata.normalize("NFKC", str(u)) for u in uniques], dtype=object)
    changed = clean != uniques
    if changed.any():
        rows_changed = changed[codes]
        first = int(text.index[rows_changed][0])
        report.add(
            "fixed",
            table.file,
            f"{int(rows_changed.sum())} code(s) with full-width letters or digits made plain: "
            f"'{uniques[changed][0]}'→'{clean[changed][0]}'"
            f"{first_at(int(rows_changed.sum()), first)}.",
            row=first,
            column=column,
        )
        table.frame[column] = pd.Series(clean[codes], index=text.index, dtype=object)
    return table.frame[column]


def check_code_syntax(table: Table, column: str, report: ValidationReport) -> None:
    """Codes must be non-empty and use letters, digits, ``_`` and ``-`` only."""
    codes = table.frame[column]
    arr = codes.to_numpy(dtype=object)
    empty = arr == ""
    if empty.any():
        report.add_rows(
            "error",
            table.file,
            codes.index[empty],
            "the code is empty.",
            f"fill in '{column}'.",
            column,
        )
    bad = ~empty & ~codes.astype(str).str.fullmatch(CODE_PATTERN).to_numpy(dtype=bool)
    if bad.any():

        def message(r: int) -> str:
            value = str(codes.at[r])
            odd = sorted({ch for ch in value if not re.match(r"[A-Za-z0-9_-]", ch)})
            shown = ", ".join("space" if ch == " " else f"'{ch}'" for ch in odd[:5])
            return f"'{value}' is not a valid code: it contains {shown}."

        report.add_rows(
            "error",
            table.file,
            codes.index[bad],
            message,
            "use only letters, digits, '_' and '-' in codes (keep the Chinese name in name_zh).",
            column,
        )


def parse_choice(
    table: Table,
    column: str,
    allowed: Iterable[str],
    report: ValidationReport,
    *,
    aliases: Mapping[str, str] | None = None,
    empty: str | None = None,
    what: str = "",
    message: str = "",
    fix: str = "",
) -> pd.Series:
    """Read a column of words from a fixed list; returns the canonical words.

    Case differences and ``aliases`` (e.g. Chinese words) are accepted and reported as fixed;
    ``empty`` is the value of an empty cell (None: an empty cell is an error); anything else is
    an error suggesting the closest allowed word. ``message`` (with ``{value}``) and ``fix``
    replace the default texts of that error.
    """
    allowed = list(allowed)
    aliases = dict(aliases or {})
    text = table.frame[column]
    codes, uniques = pd.factorize(text.to_numpy(dtype=object))
    out_u = np.empty(len(uniques), dtype=object)
    changed: dict[str, str] = {}
    bad_u = np.zeros(len(uniques), dtype=bool)
    for i, u in enumerate(uniques):
        s = str(u)
        key = unicodedata.normalize("NFKC", s).strip().lower()
        if s == "" and empty is not None:
            out_u[i] = empty
        elif s in allowed:
            out_u[i] = s
        elif key in allowed:
            out_u[i] = key
            changed[s] = key
        elif key in aliases or s in aliases:
            out_u[i] = aliases.get(key, aliases.get(s))
            changed[s] = str(out_u[i])
        else:
            out_u[i] = s
            bad_u[i] = True
    out = pd.Series(out_u[codes] if len(codes) else [], index=text.index, dtype=object)
    if changed:
        mask = np.isin(text.to_numpy(dtype=object), list(changed))
        first = int(text.index[mask][0])
        shown = ", ".join(f"'{a}'→'{b}'" for a, b in list(changed.items())[:4])
        report.add(
            "fixed",
            table.file,
            f"{int(mask.sum())} value(s) read as {shown}"
            + (" ..." if len(changed) > 4 else "")
            + f"{first_at(int(mask.sum()), first)}.",
            f"write one of {', '.join(allowed)} (lower case).",
            row=first,
            column=column,
        )
    bad = bad_u[codes] if len(codes) else np.zeros(0, dtype=bool)
    if bad.any():
        label = what or column
        report.add_rows(
            "error",
            table.file,
            text.index[bad],
            lambda r: (
                f"'{column}' is empty."
                if text.at[r] == ""
                else (
                    message.format(value=text.at[r])
                    if message
                    else f"unknown {label} '{text.at[r]}'."
                )
                + closest(str(text.at[r]).lower(), [*allowed, *aliases])
            ),
            fix or f"use one of {', '.join(allowed)}.",
            column,
        )
    return out
