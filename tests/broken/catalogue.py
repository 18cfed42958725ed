"""The catalogue of broken and awkward data folders, and what sprintmodel does with each.

Every case is a programmatic edit of the tiny, valid fixture folder (``tests/conftest.py``):
``make(folder)`` breaks a fresh copy in one way. ``outcome`` is what ``validate_folder`` must
report: ``error`` (the folder is refused with a message naming the file, row and column and the
fix), ``warning`` (it loads; the message says what looks wrong) or ``fixed`` (an unambiguous
repair, made and reported). ``tests/test_catalogue.py`` runs every case; ``docs/bad_input.md``
holds the table generated from this module.

Write every case as a folder to try ``sprintmodel validate`` by hand::

    python -m tests.broken.catalogue write /tmp/broken      # one folder per case
    python -m tests.broken.catalogue doc                    # the table of docs/bad_input.md
    python -m tests.broken.catalogue doc --update docs/bad_input.md
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sprintmodel.data import Problem
from tests.conftest import write_tiny

Outcome = Literal["error", "warning", "fixed"]


@dataclass(frozen=True)
class Case:
    """One kind of broken input.

    Attributes
    ----------
    name
        Slug, also the folder name when written out.
    group
        Heading in the documentation table.
    title
        What is wrong, as a planner would say it.
    make
        Breaks a copy of the tiny folder in place.
    outcome
        ``error``, ``warning`` or ``fixed``.
    file
        The file the message must name.
    phrase
        A phrase the message must contain.
    row, column
        The spreadsheet row and column the message must name (None: not checked).
    same_as_clean
        For ``fixed`` cases: the loaded data must equal those of the clean folder.
    expect
        ``(table, unit, indicator, column, value)``: a value the loaded data must hold
        (``table`` is ``targets``; the first row of that unit and indicator is checked).
    """

    name: str
    group: str
    title: str
    make: Callable[[Path], object]
    outcome: Outcome
    file: str
    phrase: str
    row: int | None = None
    column: str | None = None
    same_as_clean: bool = False
    expect: tuple[str, str, str, str, float] | None = None


# ------------------------------------------------------------------------------ helpers
def _text(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def replace(name: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    """An edit replacing ``old`` by ``new`` in file ``name`` (``count`` times; -1: all)."""

    def edit(folder: Path) -> None:
        text = _text(folder, name)
        if old not in text:
            raise AssertionError(f"{old!r} not in {name}")
        (folder / name).write_text(text.replace(old, new, count), encoding="utf-8")

    return edit


def append(name: str, *lines: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        with (folder / name).open("a", encoding="utf-8") as fh:
            for line in lines:
                fh.write(line + "\n")

    return edit


def recode(name: str, encoding: str, *, prefix: bytes = b"") -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / name).write_bytes(prefix + _text(folder, name).encode(encoding))

    return edit


def both(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        for e in edits:
            e(folder)

    return edit


def delete(name: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / name).unlink()

    return edit


def write_bytes(name: str, data: bytes) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / name).write_bytes(data)

    return edit


def to_xlsx(
    name: str,
    *,
    title: str | None = None,
    percent_column: str | None = None,
    date_rows: dict[int, tuple[int, int]] | None = None,
    merged_header: bool = False,
    keep_csv: bool = False,
) -> Callable[[Path], None]:
    """Convert ``name`` (a CSV of the folder) to an .xlsx with optional awkward features.

    ``title``: a title row above the header; ``percent_column``: growth cells stored as shares
    with a percent number format; ``date_rows``: {spreadsheet row: (year, month)} period cells
    stored as Excel dates; ``merged_header``: the two value columns under one merged cell.
    """

    def edit(folder: Path) -> None:
        import csv
        import datetime as dt

        import openpyxl

        rows = list(csv.reader(_text(folder, name).splitlines()))
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        offset = 0
        if title:
            sheet.append([title])
            offset = 1
        header = rows[0]
        if merged_header:
            n = len(header)
            sheet.append([*header[:-2], "ytd", None])
            sheet.merge_cells(start_row=1, start_column=n - 1, end_row=1, end_column=n)
            sheet.append([None] * (n - 2) + ["value", "growth"])
            offset = 1
        else:
            sheet.append(header)
        pcol = header.index(percent_column) if percent_column else -1
        text_columns = ("unit", "indicator", "period", "year", "project", "name", "parent")
        for i, row in enumerate(rows[1:], start=2):
            cells: list[object] = []
            for j, value in enumerate(row):
                if date_rows and i in date_rows and header[j] == "period":
                    y, m = date_rows[i]
                    cells.append(dt.datetime(y, m, 28))
                elif j == pcol and value:
                    cells.append(float(value) / 100)
                elif value and header[j] not in text_columns:
                    try:
                        cells.append(float(value))
                    except ValueError:
                        cells.append(value)
                else:
                    cells.append(value)
            sheet.append(cells)
            r = i + offset
            if pcol >= 0 and sheet.cell(row=r, column=pcol + 1).value is not None:
                sheet.cell(row=r, column=pcol + 1).number_format = "0.0%"
            if date_rows and i in date_rows:
                sheet.cell(row=r, column=header.index("period") + 1).number_format = "yyyy-mm-dd"
        book.save(folder / name.replace(".csv", ".xlsx"))
        if not keep_csv:
            (folder / name).unlink()

    return edit


def xlsx_bytes() -> bytes:
    """A small real workbook."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["unit", "indicator", "period", "ytd_value", "ytd_growth"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)

OBS, U, IND, T, P = "observations.csv", "units.csv", "indicators.csv", "targets.csv", "projects.csv"

# ------------------------------------------------------------------------------- cases
CASES: list[Case] = [
    # ---------------------------------------------------------------- files and encodings
    Case(
        "gbk_csv",
        "Files and encodings",
        "units.csv saved in GBK (Excel's default 'CSV' on Chinese Windows)",
        recode(U, "gbk"),
        "fixed",
        U,
        "read as GB18030",
        same_as_clean=True,
    ),
    Case(
        "gb18030_csv",
        "Files and encodings",
        "indicators.csv saved in GB18030",
        recode(IND, "gb18030"),
        "fixed",
        IND,
        "read as GB18030",
        same_as_clean=True,
    ),
    Case(
        "utf8_bom",
        "Files and encodings",
        "a UTF-8 byte-order mark (Excel's 'CSV UTF-8')",
        recode(U, "utf-8-sig"),
        "fixed",
        U,
        "byte-order mark",
        same_as_clean=True,
    ),
    Case(
        "utf16_tabs",
        "Files and encodings",
        "observations saved as Excel 'Unicode text' (UTF-16, tab-separated)",
        lambda f: (f / OBS).write_bytes(_text(f, OBS).replace(",", "\t").encode("utf-16")),
        "fixed",
        OBS,
        "UTF-16",
        same_as_clean=True,
    ),
    Case(
        "utf16_no_bom",
        "Files and encodings",
        "UTF-16 text without a byte-order mark",
        recode(OBS, "utf-16-le"),
        "error",
        OBS,
        "UTF-16 text without a byte-order mark",
    ),
    Case(
        "not_text",
        "Files and encodings",
        "bytes that are neither UTF-8 nor GBK",
        write_bytes(U, b"unit,name_zh\nC,\xff\xff\xff\n"),
        "error",
        U,
        "neither UTF-8 nor GB18030",
    ),
    Case(
        "binary_as_csv",
        "Files and encodings",
        "a picture (binary file) named observations.csv",
        write_bytes(OBS, PNG),
        "error",
        OBS,
        "binary data",
    ),
    Case(
        "xlsx_named_csv",
        "Files and encodings",
        "an Excel workbook renamed to .csv",
        write_bytes(OBS, xlsx_bytes()),
        "error",
        OBS,
        "Excel workbook (.xlsx) saved under a .csv name",
    ),
    Case(
        "csv_named_xlsx",
        "Files and encodings",
        "CSV text renamed to .xlsx",
        lambda f: (f / OBS).rename(f / "observations.xlsx"),
        "error",
        "observations.xlsx",
        "text (perhaps CSV) saved under an .xlsx name",
    ),
    Case(
        "html_as_xls",
        "Files and encodings",
        "a web page exported by a statistics system under a spreadsheet name",
        both(
            delete(OBS),
            write_bytes("observations.xlsx", b"<html><table><tr><td>unit</td></tr></table></html>"),
        ),
        "error",
        "observations.xlsx",
        "web page (HTML)",
    ),
    Case(
        "empty_file",
        "Files and encodings",
        "an empty observations.csv",
        write_bytes(OBS, b""),
        "error",
        OBS,
        "the file is empty",
    ),
    Case(
        "header_only",
        "Files and encodings",
        "observations.csv with the header and no rows",
        write_bytes(OBS, b"unit,indicator,period,ytd_value,ytd_growth\n"),
        "error",
        OBS,
        "header but no data rows",
        row=2,
    ),
    Case(
        "header_only_optional",
        "Files and encodings",
        "targets.csv with the header and no rows",
        write_bytes(T, b"unit,indicator,year,target_growth,target_value\n"),
        "warning",
        T,
        "treated as absent",
    ),
    Case(
        "csv_and_xlsx",
        "Files and encodings",
        "both units.csv and units.xlsx",
        to_xlsx(U, keep_csv=True),
        "error",
        U,
        "both units.csv and units.xlsx exist",
    ),
    Case(
        "missing_required_file",
        "Files and encodings",
        "indicators.csv missing",
        delete(IND),
        "error",
        IND,
        "required file indicators.csv",
    ),
    Case(
        "file_name_case",
        "Files and encodings",
        "the file is named Units.CSV",
        lambda f: (f / U).rename(f / "Units.CSV"),
        "fixed",
        "Units.CSV",
        "read as units.csv",
        same_as_clean=True,
    ),
    Case(
        "semicolons",
        "Files and encodings",
        "columns separated by semicolons (European Excel)",
        lambda f: (f / OBS).write_text(_text(f, OBS).replace(",", ";"), encoding="utf-8"),
        "fixed",
        OBS,
        "separated by semicolons",
        same_as_clean=True,
    ),
    # ------------------------------------------------------------------------- headers
    Case(
        "header_case_spaces",
        "Headers",
        "header names in upper case and with spaces ('YTD Value')",
        replace(OBS, "unit,indicator,period,ytd_value", "Unit, Indicator,PERIOD,YTD Value"),
        "fixed",
        OBS,
        "header names cleaned",
        row=1,
        same_as_clean=True,
    ),
    Case(
        "column_near_miss",
        "Headers",
        "a misspelt column name ('indicater')",
        replace(OBS, "unit,indicator,", "unit,indicater,"),
        "error",
        OBS,
        "rename the column 'indicater' to 'indicator'",
        row=1,
    ),
    Case(
        "title_row_csv",
        "Headers",
        "a title line above the header",
        lambda f: (f / OBS).write_text(
            "江川市主要经济指标（2025年）\n" + _text(f, OBS), encoding="utf-8"
        ),
        "error",
        OBS,
        "the header is on row 2",
        row=1,
    ),
    Case(
        "title_row_xlsx",
        "Headers",
        "a title row above the header in a workbook",
        to_xlsx(OBS, title="2025年主要经济指标"),
        "error",
        "observations.xlsx",
        "the header is on row 2",
        row=1,
    ),
    Case(
        "merged_header_xlsx",
        "Headers",
        "merged header cells (two header rows)",
        to_xlsx(OBS, merged_header=True),
        "error",
        "observations.xlsx",
        "no name in the header row",
        row=1,
        column="E",
    ),
    Case(
        "repeated_header",
        "Headers",
        "a column name given twice",
        replace(OBS, "ytd_value,ytd_growth", "ytd_value,ytd_value"),
        "error",
        OBS,
        "repeats column(s) 'ytd_value'",
        row=1,
    ),
    # --------------------------------------------------------------------------- cells
    Case(
        "thousands_separators",
        "Cells",
        "thousands separators ('1,234.5')",
        replace(T, "C,fai,2025,5.0,", 'C,fai,2025,,"1,234.5"'),
        "fixed",
        T,
        "thousands separators removed",
        row=4,
        column="target_value",
        expect=("targets", "C", "fai", "target_value", 1234.5),
    ),
    Case(
        "full_width_digits",
        "Cells",
        "full-width digits ('１０８．１２')",
        replace(OBS, "D1,gdp,2025Q1,108.12", "D1,gdp,2025Q1,１０８．１２"),
        "fixed",
        OBS,
        "full-width",
        row=6,
        column="ytd_value",
        same_as_clean=True,
    ),
    Case(
        "spaces_around_codes",
        "Cells",
        "trailing and leading spaces in codes ('D1 ')",
        replace(OBS, "D1,gdp,2024Q1", "D1 , gdp,2024Q1 "),
        "fixed",
        OBS,
        "spaces",
        column="unit",
        same_as_clean=True,
    ),
    Case(
        "ideographic_space",
        "Cells",
        "a full-width (ideographic) space after a code",
        replace(OBS, "D2,gdp,2024Q1", "D2\u3000,gdp,2024Q1"),
        "fixed",
        OBS,
        "spaces",
        column="unit",
        same_as_clean=True,
    ),
    Case(
        "zero_width_space",
        "Cells",
        "an invisible zero-width space in a code",
        replace(OBS, "D2,gdp,2024Q2", "D2\u200b,gdp,2024Q2"),
        "fixed",
        OBS,
        "invisible characters",
        column="unit",
        same_as_clean=True,
    ),
    Case(
        "full_width_code",
        "Cells",
        "a code typed in full-width letters ('Ｄ１')",
        replace(OBS, "D1,gdp,2024Q3", "Ｄ１,gdp,2024Q3"),
        "fixed",
        OBS,
        "full-width letters",
        column="unit",
        same_as_clean=True,
    ),
    Case(
        "placeholders",
        "Cells",
        "'-', '—' and '..' for not published",
        both(
            replace(OBS, "C,fai,2024-02,20.00,", "C,fai,2024-02,20.00,-"),
            replace(OBS, "C,fai,2024-03,33.00,", "C,fai,2024-03,33.00,—"),
            replace(OBS, "C,fai,2024-04,47.00,", "C,fai,2024-04,47.00,.."),
        ),
        "fixed",
        OBS,
        "as not published",
        column="ytd_growth",
        same_as_clean=True,
    ),
    Case(
        "excel_error",
        "Cells",
        "a formula error (#DIV/0!) in a value",
        replace(OBS, "D2,gdp,2025Q2,111.38", "D2,gdp,2025Q2,#DIV/0!"),
        "error",
        OBS,
        "Excel error '#DIV/0!'",
        row=15,
        column="ytd_value",
    ),
    Case(
        "excel_ref_error",
        "Cells",
        "a formula error (#REF!) in a growth",
        replace(OBS, "D2,gdp,2025Q3,175.03,4.0", "D2,gdp,2025Q3,175.03,#REF!"),
        "error",
        OBS,
        "Excel error '#REF!'",
        row=16,
        column="ytd_growth",
    ),
    Case(
        "unit_suffix_same",
        "Cells",
        "a value with its unit ('497.35亿元' in a 亿元 indicator)",
        replace(OBS, "D1,gdp,2025Q4,497.35", "D1,gdp,2025Q4,497.35亿元"),
        "fixed",
        OBS,
        "the unit '亿元' after the number removed",
        row=9,
        column="ytd_value",
        same_as_clean=True,
    ),
    Case(
        "unit_suffix_other",
        "Cells",
        "a value in 万元 in a 亿元 indicator ('4973500万元')",
        replace(OBS, "D1,gdp,2025Q4,497.35", "D1,gdp,2025Q4,4973500万元"),
        "error",
        OBS,
        "written in 万元, but the indicator's measure is 亿元",
        row=9,
        column="ytd_value",
    ),
    Case(
        "percent_sign",
        "Cells",
        "growth with a percent sign ('6.0%')",
        replace(OBS, "D1,gdp,2025Q1,108.12,6.0", "D1,gdp,2025Q1,108.12,6.0%"),
        "fixed",
        OBS,
        "percent sign",
        row=6,
        column="ytd_growth",
        same_as_clean=True,
    ),
    Case(
        "percent_format_xlsx",
        "Cells",
        "growth cells formatted as percentages in a workbook (0.06 shown as 6.0%)",
        to_xlsx(OBS, percent_column="ytd_growth"),
        "fixed",
        "observations.xlsx",
        "formatted as percentages",
        column="ytd_growth",
        same_as_clean=True,
    ),
    Case(
        "accounting_negative",
        "Cells",
        "a negative in brackets ('(4.0)')",
        replace(OBS, "D2,gdp,2025Q4,243.98,4.0", "D2,gdp,2025Q4,243.98,(4.0)"),
        "error",
        OBS,
        "accounting-style negative",
        row=17,
        column="ytd_growth",
    ),
    Case(
        "not_a_number",
        "Cells",
        "text in a number column",
        replace(OBS, "D2,gdp,2025Q1,53.04", "D2,gdp,2025Q1,约53"),
        "error",
        OBS,
        "is not a",
        row=14,
        column="ytd_value",
    ),
    Case(
        "single_growth_impossible",
        "Cells",
        "a single-month growth (optional column single_growth, 当月同比) of -100% or less",
        both(
            replace(
                OBS,
                "unit,indicator,period,ytd_value,ytd_growth",
                "unit,indicator,period,ytd_value,ytd_growth,single_growth",
            ),
            append(OBS, "C,fai,2026-01,,,-120"),
        ),
        "error",
        OBS,
        "impossible for a level",
        row=56,
        column="single_growth",
    ),
    Case(
        "single_growth_text",
        "Cells",
        "text in the optional single_growth column",
        both(
            replace(
                OBS,
                "unit,indicator,period,ytd_value,ytd_growth",
                "unit,indicator,period,ytd_value,ytd_growth,single_growth",
            ),
            append(OBS, "C,fai,2026-01,,,约5"),
        ),
        "error",
        OBS,
        "is not a",
        row=56,
        column="single_growth",
    ),
    Case(
        "infinite",
        "Cells",
        "'inf' as a value",
        replace(OBS, "D2,gdp,2025Q1,53.04", "D2,gdp,2025Q1,inf"),
        "error",
        OBS,
        "not a finite number",
        row=14,
        column="ytd_value",
    ),
    Case(
        "note_row",
        "Cells",
        "a note line at the bottom of the table ('注：...')",
        append(OBS, "注：2025年数据为初步核算数,,,,"),
        "error",
        OBS,
        "a note",
        row=56,
        column="unit",
    ),
    Case(
        "too_many_cells",
        "Cells",
        "a row with a stray extra cell",
        replace(OBS, "D2,gdp,2025Q1,53.04,4.0", "D2,gdp,2025Q1,53.04,4.0,x"),
        "error",
        OBS,
        "more than the 5 columns",
        row=14,
    ),
    Case(
        "unclosed_quote",
        "Cells",
        "an unclosed quote",
        replace(OBS, "D2,gdp,2025Q1,53.04", 'D2,gdp,2025Q1,"53.04'),
        "error",
        OBS,
        "cannot be parsed",
    ),
    # ------------------------------------------------------------------------- periods
    Case(
        "period_q_dash",
        "Periods",
        "'2025-Q3' instead of 2025Q3",
        replace(OBS, "D1,gdp,2025Q3", "D1,gdp,2025-Q3"),
        "fixed",
        OBS,
        "'2025-Q3'→'2025Q3'",
        row=8,
        column="period",
        same_as_clean=True,
    ),
    Case(
        "period_chinese_quarter",
        "Periods",
        "'2025年第三季度' and '2025年1-3季度'",
        both(
            replace(OBS, "D2,gdp,2025Q3", "D2,gdp,2025年第三季度"),
            replace(OBS, "C,gdp,2025Q3", "C,gdp,2025年1-3季度"),
        ),
        "fixed",
        OBS,
        "'2025年第三季度'→'2025Q3'",
        column="period",
        same_as_clean=True,
    ),
    Case(
        "period_chinese_month",
        "Periods",
        "'2025年1-9月' (January to September)",
        replace(OBS, "C,fai,2025-09", "C,fai,2025年1-9月"),
        "fixed",
        OBS,
        "'2025年1-9月'→'2025-09'",
        row=52,
        column="period",
        same_as_clean=True,
    ),
    Case(
        "period_decimal",
        "Periods",
        "'2025.09' (ambiguous: 2025.10 shows as 2025.1)",
        replace(OBS, "C,fai,2025-09", "C,fai,2025.09"),
        "error",
        OBS,
        "ambiguous",
        row=52,
        column="period",
    ),
    Case(
        "period_bad_quarter",
        "Periods",
        "quarter 5 ('2025Q5')",
        replace(OBS, "D2,gdp,2025Q1", "D2,gdp,2025Q5"),
        "error",
        OBS,
        "'2025Q5' is not a period",
        row=14,
        column="period",
    ),
    Case(
        "period_excel_date",
        "Periods",
        "periods stored as Excel dates in a workbook",
        to_xlsx(OBS, date_rows={34: (2024, 2), 35: (2024, 3)}),
        "fixed",
        "observations.xlsx",
        "Excel dates",
        column="period",
        same_as_clean=True,
    ),
    Case(
        "period_empty",
        "Periods",
        "an empty period cell",
        replace(OBS, "D2,gdp,2025Q2,", "D2,gdp,,"),
        "error",
        OBS,
        "the period is empty",
        row=15,
        column="period",
    ),
    Case(
        "mixed_frequency",
        "Periods",
        "quarterly and monthly periods in one series",
        replace(OBS, "C,fai,2025-03", "C,fai,2025Q1"),
        "error",
        OBS,
        "mixes quarterly",
        row=46,
        column="period",
    ),
    Case(
        "missing_quarter",
        "Periods",
        "a quarter missing in a series",
        replace(OBS, "D2,gdp,2025Q2,111.38,4.0\n", ""),
        "warning",
        OBS,
        "1 missing period(s): 2025Q2",
        column="period",
    ),
    # ---------------------------------------------------------------- values and series
    Case(
        "wan_in_yi",
        "Values",
        "one value in 万元 in a 亿元 series",
        replace(OBS, "D1,gdp,2024Q4,460.00", "D1,gdp,2024Q4,4600000"),
        "warning",
        OBS,
        "looks like 万元",
        row=5,
        column="ytd_value",
    ),
    Case(
        "growth_as_share_cell",
        "Values",
        "growth typed as 0.06 instead of 6.0",
        replace(OBS, "D1,gdp,2025Q2,227.05,6.0", "D1,gdp,2025Q2,227.05,0.06"),
        "warning",
        OBS,
        "looks like a share",
        row=7,
        column="ytd_growth",
    ),
    Case(
        "growth_as_share_series",
        "Values",
        "a whole series' growth typed as shares (0.08 for 8%)",
        replace(OBS, ",8.0", ",0.08", -1),
        "warning",
        OBS,
        "written as a share",
        column="ytd_growth",
    ),
    Case(
        "real_value_without_growth",
        "Values",
        "a real indicator's value without its growth (real growth cannot come from values)",
        replace(OBS, "D1,gdp,2025Q2,227.05,6.0", "D1,gdp,2025Q2,227.05,"),
        "warning",
        OBS,
        "is real (growth at comparable prices)",
        row=7,
        column="ytd_growth",
    ),
    Case(
        "growth_below_minus_100",
        "Values",
        "growth of -120%",
        replace(OBS, "D1,gdp,2025Q1,108.12,6.0", "D1,gdp,2025Q1,108.12,-120"),
        "error",
        OBS,
        "-100% or less",
        row=6,
        column="ytd_growth",
    ),
    Case(
        "negative_flow",
        "Values",
        "a negative year-to-date value of a flow",
        replace(OBS, "C,fai,2024-02,20.00", "C,fai,2024-02,-20.00"),
        "error",
        OBS,
        "is negative",
        row=34,
        column="ytd_value",
    ),
    Case(
        "ytd_falls",
        "Values",
        "a year-to-date value falling within a year (a single month typed)",
        replace(OBS, "C,fai,2025-06,81.90", "C,fai,2025-06,16.80"),
        "error",
        OBS,
        "falls",
        row=49,
        column="ytd_value",
    ),
    Case(
        "duplicate_exact",
        "Values",
        "a row given twice with the same values",
        append(OBS, "D1,gdp,2025Q3,356.80,6.0"),
        "fixed",
        OBS,
        "repeat an earlier row exactly",
        row=56,
        same_as_clean=True,
    ),
    Case(
        "duplicate_conflict",
        "Values",
        "a row given twice with different values",
        append(OBS, "D1,gdp,2025Q3,350.00,6.0"),
        "error",
        OBS,
        "first at row 8",
        row=56,
        column="period",
    ),
    Case(
        "empty_values",
        "Values",
        "a row with neither value nor growth",
        append(OBS, "D2,gdp,2023Q4,,"),
        "warning",
        OBS,
        "neither ytd_value nor ytd_growth",
        row=56,
    ),
    # ------------------------------------------------------------------------ units
    Case(
        "unknown_unit_renamed",
        "Units and hierarchy",
        "a district renamed mid-year (old code in the data)",
        both(replace(U, "D2,二区", "D2N,二区"), replace(OBS, "D2,gdp,2025", "D2N,gdp,2025", -1)),
        "error",
        OBS,
        "unknown unit 'D2'. Did you mean 'D2N'?",
        row=10,
        column="unit",
    ),
    Case(
        "unit_name_for_code",
        "Units and hierarchy",
        "the Chinese name used instead of the code",
        replace(OBS, "D1,gdp,2024Q1", "一区,gdp,2024Q1"),
        "error",
        OBS,
        "That is the name of unit 'D1'",
        row=2,
        column="unit",
    ),
    Case(
        "total_row",
        "Units and hierarchy",
        "a total row (合计) in the data",
        append(OBS, "合计,gdp,2025Q4,741.34,5.3"),
        "error",
        OBS,
        "looks like a total row",
        row=56,
        column="unit",
    ),
    Case(
        "code_with_chinese",
        "Units and hierarchy",
        "a unit code with Chinese characters",
        both(replace(U, "P1,高新区", "P园,高新区"), replace(OBS, "P1,", "P园,", -1)),
        "error",
        U,
        "contains '园'",
        row=5,
        column="unit",
    ),
    Case(
        "code_with_space",
        "Units and hierarchy",
        "a unit code with a space inside",
        both(replace(U, "P1,高新区", "P 1,高新区"), replace(OBS, "P1,", "P 1,", -1)),
        "error",
        U,
        "contains space",
        row=5,
        column="unit",
    ),
    Case(
        "duplicate_unit",
        "Units and hierarchy",
        "a unit code given twice",
        append(U, "D2,三区,District Three,C,district,yes"),
        "error",
        U,
        "appears again (first at row 4)",
        row=6,
        column="unit",
    ),
    Case(
        "cycle",
        "Units and hierarchy",
        "parents forming a cycle",
        replace(U, "D2,二区,District Two,C", "D2,二区,District Two,D2"),
        "error",
        U,
        "cycle",
        row=4,
        column="parent",
    ),
    Case(
        "two_roots",
        "Units and hierarchy",
        "two units without a parent",
        replace(U, "D2,二区,District Two,C", "D2,二区,District Two,"),
        "error",
        U,
        "exactly one root",
        row=4,
        column="parent",
    ),
    Case(
        "no_root",
        "Units and hierarchy",
        "no unit without a parent",
        replace(U, "C,测试市,Test City,,", "C,测试市,Test City,D1,"),
        "error",
        U,
        "no unit is the root",
        column="parent",
    ),
    Case(
        "unknown_parent",
        "Units and hierarchy",
        "a parent that is not a unit",
        replace(U, "D2,二区,District Two,C", "D2,二区,District Two,CC"),
        "error",
        U,
        "the parent 'CC' of unit 'D2' is not a unit",
        row=4,
        column="parent",
    ),
    Case(
        "kind_in_chinese",
        "Units and hierarchy",
        "kind written in Chinese ('区')",
        replace(U, "District Two,C,district", "District Two,C,区"),
        "fixed",
        U,
        "'区'→'district'",
        column="kind",
        same_as_clean=True,
    ),
    Case(
        "kind_unknown",
        "Units and hierarchy",
        "an unknown kind ('parc')",
        replace(U, "C,park,no", "C,parc,no"),
        "error",
        U,
        "unknown kind 'parc'. Did you mean 'park'?",
        row=5,
        column="kind",
    ),
    Case(
        "park_rollup_yes",
        "Units and hierarchy",
        "a park marked rollup=yes (counted twice)",
        replace(U, "C,park,no", "C,park,yes"),
        "warning",
        OBS,
        "'P1' seems to be counted twice",
    ),
    Case(
        "children_do_not_sum",
        "Units and hierarchy",
        "districts not adding up to the city",
        replace(OBS, "C,gdp,2024Q2,315.00", "C,gdp,2024Q2,330.00"),
        "warning",
        OBS,
        "add up to",
        column="ytd_value",
    ),
    # ------------------------------------------------------------------------ indicators
    Case(
        "unknown_indicator",
        "Indicators",
        "an indicator code not in indicators.csv",
        replace(OBS, "C,fai,2025-03", "C,invest,2025-03"),
        "error",
        OBS,
        "unknown indicator 'invest'",
        row=46,
        column="indicator",
    ),
    Case(
        "basis_unknown",
        "Indicators",
        "basis 'comparable' instead of real",
        replace(IND, "real,yes", "comparable,yes"),
        "error",
        IND,
        "neither 'nominal' nor 'real'",
        row=2,
        column="basis",
    ),
    Case(
        "additive_empty",
        "Indicators",
        "additive left empty",
        replace(IND, "nominal,yes", "nominal,"),
        "error",
        IND,
        "'additive' is empty",
        row=3,
        column="additive",
    ),
    Case(
        "yes_no_upper",
        "Indicators",
        "'YES' in upper case",
        replace(IND, "nominal,yes", "nominal,YES"),
        "fixed",
        IND,
        "'YES'→'yes'",
        column="additive",
        same_as_clean=True,
    ),
    # ------------------------------------------------------------------------- targets
    Case(
        "target_unknown_unit",
        "Targets",
        "a target for a unit not in units.csv",
        replace(T, "D1,gdp,2025", "D9,gdp,2025"),
        "error",
        T,
        "unknown unit 'D9'",
        row=3,
        column="unit",
    ),
    Case(
        "target_as_share",
        "Targets",
        "a growth target typed as 0.06",
        replace(T, "C,gdp,2025,6.0", "C,gdp,2025,0.06"),
        "warning",
        T,
        "looks like a share",
        row=2,
        column="target_growth",
    ),
    Case(
        "target_year_nian",
        "Targets",
        "the year written '2025年'",
        replace(T, "D1,gdp,2025", "D1,gdp,2025年"),
        "fixed",
        T,
        "written with 年",
        row=3,
        column="year",
        same_as_clean=True,
    ),
    Case(
        "target_empty",
        "Targets",
        "neither target growth nor value",
        replace(T, "C,fai,2025,5.0,", "C,fai,2025,,"),
        "error",
        T,
        "neither target_growth nor",
        row=4,
        column="target_growth",
    ),
    # ------------------------------------------------------------------------ projects
    Case(
        "finish_before_start",
        "Projects",
        "construction finishing before it starts",
        replace(P, "2025-03,2026-12", "2025-03,2024-12"),
        "error",
        P,
        "finishes (2024-12) before it starts",
        row=2,
        column="planned_finish",
    ),
    Case(
        "production_before_start",
        "Projects",
        "production starting before construction",
        replace(P, "2026-12,2025-04,2026-10", "2026-12,2025-04,2024-10"),
        "error",
        P,
        "starts production (2024-10) before construction",
        row=2,
        column="planned_production",
    ),
    Case(
        "status_unknown",
        "Projects",
        "an unknown status",
        replace(P, "land_pending", "suspended"),
        "error",
        P,
        "unknown status 'suspended'",
        row=3,
        column="status",
    ),
    Case(
        "status_in_chinese",
        "Projects",
        "status written in Chinese ('在建')",
        replace(P, "under_construction", "在建"),
        "fixed",
        P,
        "'在建'→'under_construction'",
        column="status",
        same_as_clean=True,
    ),
    Case(
        "value_added_rate_percent",
        "Projects",
        "value_added_rate 25 instead of 0.25",
        replace(P, "30,0.25", "30,25"),
        "error",
        P,
        "looks like a percent",
        row=2,
        column="value_added_rate",
    ),
    Case(
        "value_added_rate_percent_sign",
        "Projects",
        "value_added_rate written '25%'",
        replace(P, "30,0.25", "30,25%"),
        "fixed",
        P,
        "read as a share",
        row=2,
        column="value_added_rate",
        same_as_clean=True,
    ),
    Case(
        "project_month_chinese",
        "Projects",
        "a month written '2025年3月'",
        replace(P, "20,5,2025-03", "20,5,2025年3月"),
        "fixed",
        P,
        "'2025年3月'→'2025-03'",
        row=2,
        column="planned_start",
        same_as_clean=True,
    ),
    Case(
        "project_unknown_unit",
        "Projects",
        "a project in an unknown unit",
        replace(P, "D2,infrastructure", "D7,infrastructure"),
        "error",
        P,
        "unknown unit 'D7'",
        row=3,
        column="unit",
    ),
    Case(
        "negative_investment",
        "Projects",
        "a negative investment",
        replace(P, "under_construction,20,5", "under_construction,20,-5"),
        "error",
        P,
        "is negative",
        row=2,
        column="invested_to_date",
    ),
]


if __name__ != "__main__":  # run as a script, the module proper (below) gets them
    from tests.broken.plan_files import PLAN_CASES
    from tests.broken.registers import ENTRANT_CASES, REGISTERS
    from tests.broken.round2 import ROUND2  # (it uses the helpers above)

    CASES += ROUND2 + REGISTERS + PLAN_CASES + ENTRANT_CASES

START, END = "<!-- catalogue:start -->\n", "<!-- catalogue:end -->"


def build(case: Case, folder: Path) -> Path:
    """Write the tiny folder to ``folder`` and break it as ``case`` says."""
    write_tiny(folder)
    case.make(folder)
    return folder


def _doc_table() -> str:
    """The markdown table of docs/bad_input.md, from running every case."""
    import tempfile

    from sprintmodel.data import validate_folder

    lines: list[str] = []
    group = ""
    with tempfile.TemporaryDirectory() as tmp:
        for n, case in enumerate(CASES, 1):
            if case.group != group:
                group = case.group
                lines += [
                    "",
                    f"### {group}",
                    "",
                    "| # | input | sprintmodel | message |",
                    "| --- | --- | --- | --- |",
                ]
            folder = build(case, Path(tmp) / case.name)
            report, _ = validate_folder(folder)
            hit = find(report.problems, case)
            text = str(hit).replace(str(folder), "FOLDER") if hit else "(loads unchanged)"
            text = text.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {n} | {case.title} (`{case.name}`) | **{case.outcome}** | {text} |")
    return "\n".join(lines).strip() + "\n"


def find(problems: list[Problem], case: Case) -> Problem | None:
    """The problem that shows the case's outcome: severity, file, phrase, row and column."""
    for p in problems:
        if (
            p.severity == case.outcome
            and p.file == case.file
            and case.phrase in p.message + " " + p.fix
            and (case.row is None or p.row == case.row)
            and (case.column is None or p.column == case.column)
        ):
            return p
    return None


def main(argv: list[str]) -> None:
    if argv[:1] == ["write"] and len(argv) == 2:
        out = Path(argv[1])
        for case in CASES:
            build(case, out / case.name)
        print(f"wrote {len(CASES)} folders to {out}")
    elif argv[:1] == ["doc"] and len(argv) == 1:
        print(_doc_table(), end="")
    elif argv[:2] == ["doc", "--update"] and len(argv) == 3:
        path = Path(argv[2])
        text = path.read_text(encoding="utf-8")
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        path.write_text(head + START + _doc_table() + END + tail, encoding="utf-8")
        print(f"updated {path}")
    else:
        print(__doc__)


if __name__ == "__main__":
    from tests.broken.catalogue import main as _main  # the module with every case

    _main(sys.argv[1:])
