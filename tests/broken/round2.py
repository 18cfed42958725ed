"""The catalogue's second round: silent wrong numbers, readers that must not guess, odd files.

Imported by :mod:`tests.broken.catalogue`, which appends :data:`ROUND2` to its ``CASES``. The
cases of commands and output folders (exit codes, lost files, hangs) are in
``tests/test_catalogue.py`` (``COMMAND_CASES`` and the output-folder tests).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.broken.catalogue import (
    IND,
    OBS,
    Case,
    T,
    U,
    _text,
    both,
    delete,
    replace,
    to_xlsx,
)

XOBS = "observations.xlsx"
D1_GDP_ROWS = {2 + q: (2024 + q // 4, 3 * (q % 4 + 1)) for q in range(8)}
"""Spreadsheet rows of D1's GDP in the tiny folder, with the month each quarter ends in."""


def xlsx_edit(name: str, edit: Callable[[Any, Any], None]) -> Callable[[Path], None]:
    """Open workbook ``name`` of the folder with openpyxl, ``edit(book, sheet)``, save."""

    def run(folder: Path) -> None:
        import openpyxl

        book = openpyxl.load_workbook(folder / name)
        edit(book, book.worksheets[0])
        book.save(folder / name)

    return run


def _formula(book: Any, sheet: Any) -> None:
    sheet["D3"] = "=D2+100"  # openpyxl saves no cached value, as programs writing xlsx do


def _merge_units(book: Any, sheet: Any) -> None:
    for r in range(3, 10):
        sheet.cell(row=r, column=1).value = None
    sheet.merge_cells("A2:A9")


def _stray_cell(book: Any, sheet: Any) -> None:
    sheet["XFD1048576"] = "x"


def _cover_sheet(book: Any, sheet: Any) -> None:
    cover = book.create_sheet("说明", 0)
    cover["A1"] = "江川市主要经济指标"
    cover["A2"] = "数据来源：统计局"
    sheet.title = "data"


def _traditional_big5(folder: Path) -> None:
    text = _text(folder, U)
    for simple, trad in (
        ("测试市", "測試市"),
        ("一区", "一區"),
        ("二区", "二區"),
        ("高新区", "高新區"),
    ):
        text = text.replace(simple, trad)
    (folder / U).write_bytes(text.encode("big5"))


def _dangling(name: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / name).unlink()
        os.symlink(folder / "moved" / name, folder / name)

    return edit


def _fifo(name: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / name).unlink()
        os.mkfifo(folder / name)

    return edit


def _all_decimal_commas(folder: Path) -> None:
    text = _text(folder, OBS).replace(",", ";").replace(".", ",")
    (folder / OBS).write_text(text, encoding="utf-8")


def _scale_series(unit: str, indicator: str, factor: float) -> Callable[[Path], None]:
    """Multiply every value of one unit × indicator (a whole series in another unit)."""

    def edit(folder: Path) -> None:
        lines = _text(folder, OBS).splitlines(keepends=True)
        out = []
        for line in lines:
            cells = line.rstrip("\n").split(",")
            if cells[:2] == [unit, indicator] and cells[3]:
                cells[3] = f"{float(cells[3]) * factor:.2f}"
                line = ",".join(cells) + "\n"
            out.append(line)
        (folder / OBS).write_text("".join(out), encoding="utf-8")

    return edit


def _district_fai(folder: Path) -> None:
    """Monthly FAI for the districts (D1 60%, D2 40% of the city), D1 without 2025-12."""
    lines = _text(folder, OBS).splitlines(keepends=True)
    extra = []
    for line in lines:
        cells = line.rstrip("\n").split(",")
        if cells[:2] != ["C", "fai"]:
            continue
        for unit, share in (("D1", 0.6), ("D2", 0.4)):
            if unit == "D1" and cells[2] == "2025-12":
                continue
            extra.append(f"{unit},fai,{cells[2]},{float(cells[3]) * share:.2f},{cells[4]}\n")
    (folder / OBS).write_text("".join(lines + extra), encoding="utf-8")


ROUND2: list[Case] = [
    # -------------------------------------------------------------- silent wrong numbers
    Case(
        "unreported_district",
        "Completeness and plausibility",
        "a district that has not reported the latest quarter yet",
        replace(OBS, "D1,gdp,2025Q4,497.35,6.0\n", ""),
        "warning",
        OBS,
        "'D1', indicator 'gdp' has no row for 2025Q4",
        column="period",
    ),
    Case(
        "unreported_city_row",
        "Completeness and plausibility",
        "the city's own latest row deleted",
        lambda f: (f / OBS).write_text(
            "".join(
                line
                for line in _text(f, OBS).splitlines(keepends=True)
                if not line.startswith("C,gdp,2025Q4,")
            ),
            encoding="utf-8",
        ),
        "warning",
        OBS,
        "'C', indicator 'gdp' has no row for 2025Q4",
        column="period",
    ),
    Case(
        "unreported_district_monthly",
        "Completeness and plausibility",
        "a district that has not reported the latest month of a monthly series (FAI) yet",
        _district_fai,
        "warning",
        OBS,
        "'D1', indicator 'fai' has no row for 2025-12, while 1 of its sibling unit(s) under 'C'",
        column="period",
    ),
    Case(
        "growth_beyond_real_range",
        "Completeness and plausibility",
        "a real growth of 75% (beyond ±60%)",
        replace(OBS, "D1,gdp,2025Q2,227.05,6.0", "D1,gdp,2025Q2,227.05,75"),
        "warning",
        OBS,
        "beyond the plausible range of ±60% for real growth",
        row=7,
        column="ytd_growth",
    ),
    Case(
        "growth_beyond_nominal_range",
        "Completeness and plausibility",
        "a nominal growth of 350% that the values confirm (beyond ±300%)",
        replace(OBS, "C,fai,2025-12,204.75,5.0", "C,fai,2025-12,877.50,350"),
        "warning",
        OBS,
        "beyond the plausible range of ±300% for nominal growth",
        row=55,
        column="ytd_growth",
    ),
    Case(
        "series_in_wan_among_siblings",
        "Completeness and plausibility",
        "a district's whole series in 万元 (10⁴ times its siblings, more than its parent)",
        _scale_series("D2", "gdp", 10_000),
        "error",
        OBS,
        "times the median of the units under 'C'",
        column="ytd_value",
    ),
    Case(
        "park_series_in_wan_among_siblings",
        "Completeness and plausibility",
        "a park's whole series in 万元 (10⁴ times its siblings; it does not add into the city)",
        _scale_series("P1", "gdp", 10_000),
        "warning",
        OBS,
        "times the median of the units under 'C'",
        column="ytd_value",
    ),
    Case(
        "growth_x100_cell",
        "Completeness and plausibility",
        "one growth typed ×100 ('600' for 6.0)",
        replace(OBS, "D1,gdp,2025Q2,227.05,6.0", "D1,gdp,2025Q2,227.05,600"),
        "error",
        OBS,
        "looks typed ×100",
        row=7,
        column="ytd_growth",
    ),
    Case(
        "growth_x100_series",
        "Completeness and plausibility",
        "a whole series' growth typed ×100 ('400' for 4.0)",
        replace(OBS, ",4.0\n", ",400\n", -1),
        "error",
        OBS,
        "its values grow by",
        column="ytd_growth",
    ),
    Case(
        "target_growth_x100",
        "Completeness and plausibility",
        "a target growth typed ×100 ('600')",
        replace(T, "C,gdp,2025,6.0", "C,gdp,2025,600"),
        "error",
        T,
        "typed ×100",
        row=2,
        column="target_growth",
    ),
    Case(
        "target_value_contradicts_growth",
        "Completeness and plausibility",
        "a target's growth and value contradicting each other (5.0% and 9999)",
        replace(T, "C,fai,2025,5.0,", "C,fai,2025,5.0,9999"),
        "error",
        T,
        "says growth 5% and value 9,999.00",
        row=4,
        column="target_value",
    ),
    Case(
        "target_value_strays_from_growth",
        "Completeness and plausibility",
        "a target's value 13 pp away from its growth (5.0% and 230)",
        replace(T, "C,fai,2025,5.0,", "C,fai,2025,5.0,230"),
        "warning",
        T,
        "230.00 is +17.9%",
        row=4,
        column="target_value",
    ),
    Case(
        "wan_in_yi_latest_year",
        "Completeness and plausibility",
        "a value in 万元 in a 亿元 series, in the year the forecast starts from",
        replace(OBS, "D1,gdp,2025Q3,356.80", "D1,gdp,2025Q3,3568000"),
        "error",
        OBS,
        "which the forecast starts from",
        row=8,
        column="ytd_value",
    ),
    Case(
        "far_future_period",
        "Completeness and plausibility",
        "a year typed wrong ('2125Q4' for 2025Q4)",
        replace(OBS, "D1,gdp,2025Q4", "D1,gdp,2125Q4"),
        "error",
        OBS,
        "lies 100 years after the rest of the data",
        row=9,
        column="period",
    ),
    # ------------------------------------------------------------------------ readers
    Case(
        "decimal_commas",
        "Readers that never guess",
        "a semicolon CSV with decimal commas ('108,12')",
        _all_decimal_commas,
        "fixed",
        OBS,
        "decimal commas read as decimal points",
        column="ytd_value",
        same_as_clean=True,
    ),
    Case(
        "comma_ambiguous",
        "Readers that never guess",
        "a semicolon CSV whose only comma number could be either ('204,750')",
        lambda f: (f / T).write_text(
            "unit;indicator;year;target_growth;target_value\nC;gdp;2025;6;\nD1;gdp;2025;7;\n"
            "C;fai;2025;;204,750\n",
            encoding="utf-8",
        ),
        "error",
        T,
        "could be 204.750 (a decimal comma",
        row=4,
        column="target_value",
    ),
    Case(
        "big5",
        "Readers that never guess",
        "units.csv in Big5 (traditional Chinese, as from Taiwan or Hong Kong)",
        _traditional_big5,
        "fixed",
        U,
        "Big5 (traditional Chinese)",
    ),
    Case(
        "placeholders_chinese",
        "Readers that never guess",
        "'暂无', 'n.a' and '*' for not published",
        both(
            replace(OBS, "C,fai,2024-02,20.00,", "C,fai,2024-02,20.00,暂无"),
            replace(OBS, "C,fai,2024-03,33.00,", "C,fai,2024-03,33.00,n.a"),
            replace(OBS, "C,fai,2024-04,47.00,", "C,fai,2024-04,47.00,*"),
        ),
        "fixed",
        OBS,
        "read as not published",
        column="ytd_growth",
        same_as_clean=True,
    ),
    Case(
        "row_of_spaces",
        "Readers that never guess",
        "a row of spaces inside the table",
        replace(OBS, "D1,gdp,2024Q2", "   ,  , ,  ,\nD1,gdp,2024Q2"),
        "fixed",
        OBS,
        "hold only spaces",
        row=3,
        same_as_clean=True,
    ),
    Case(
        "cover_sheet_xlsx",
        "Readers that never guess",
        "a cover sheet before the data sheet in a workbook",
        both(to_xlsx(OBS), xlsx_edit(XOBS, _cover_sheet)),
        "fixed",
        XOBS,
        "read from sheet 'data'",
        same_as_clean=True,
    ),
    Case(
        "formula_without_value_xlsx",
        "Readers that never guess",
        "a formula cell never calculated (a workbook written by a program)",
        both(to_xlsx(OBS), xlsx_edit(XOBS, _formula)),
        "error",
        XOBS,
        "have no saved value",
        row=3,
        column="D",
    ),
    Case(
        "merged_cells_xlsx",
        "Readers that never guess",
        "a unit's rows under one merged cell",
        both(to_xlsx(OBS), xlsx_edit(XOBS, _merge_units)),
        "error",
        XOBS,
        "cells A2:A9 are merged",
        row=2,
        column="A",
    ),
    Case(
        "stray_far_cell_xlsx",
        "Readers that never guess",
        "a stray cell at XFD1048576 (the sheet's used range a million rows deep)",
        both(to_xlsx(U), xlsx_edit("units.xlsx", _stray_cell)),
        "error",
        "units.xlsx",
        "cell XFD1048576 holds 'x', far outside the table",
        row=1048576,
    ),
    Case(
        "quarter_end_dates_xlsx",
        "Readers that never guess",
        "a quarterly series' periods stored as quarter-end Excel dates",
        to_xlsx(OBS, date_rows=D1_GDP_ROWS),
        "fixed",
        XOBS,
        "quarter-end date(s) in quarterly series were read as quarters",
        column="period",
        same_as_clean=True,
    ),
    Case(
        "dangling_link",
        "Odd files",
        "targets.csv a link to a file that was moved",
        _dangling(T),
        "error",
        T,
        "which does not exist",
    ),
    Case(
        "fifo",
        "Odd files",
        "a named pipe (FIFO) called targets.csv",
        _fifo(T),
        "error",
        T,
        "named pipe (FIFO)",
    ),
    Case(
        "folder_named_like_a_table",
        "Odd files",
        "a folder called indicators.csv",
        both(delete(IND), lambda f: (f / IND).mkdir()),
        "error",
        IND,
        "this is a folder, not a file",
    ),
]
