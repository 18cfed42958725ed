"""The general Excel writer: headers, frozen rows, number formats, colours, atomic writes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sprintmodel.reporting import excel
from sprintmodel.reporting.excel import Highlight, default_format, sheet_title, write_workbook


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit": ["A", "B", "C"],
            "ytd_growth": [5.12, 3.2, None],
            "increment": [1234.5678, 2.0, 3.0],
            "rank_growth": pd.array([1, 2, None], dtype="Int64"),
            "p_top": [0.9, 0.1, 0.0],
            "below_average": pd.array([False, True, None], dtype="boolean"),
            "champion": ["growth", "", ""],
        }
    )


def test_workbook_is_formatted(tmp_path: Path, frame: pd.DataFrame) -> None:
    path = write_workbook(
        tmp_path / "out.xlsx",
        {"league": frame, "bad/name?": frame.head(1)},
        highlights={
            "league": [
                Highlight("below_average", color="red", columns=("unit", "ytd_growth")),
                Highlight(lambda f: f["champion"] != "", color="green", columns="*"),
            ]
        },
        sheet_names={"league": "比增速"},
        notes=["平均 = 上级增速"],
        freeze_columns=1,
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["比增速", "bad_name_", "说明"]
    ws = book["比增速"]
    assert ws.freeze_panes == "B2"
    assert [c.value for c in ws[1]] == [
        "地区",
        "累计增速(%)",
        "增量",
        "增速位次",
        "进入前列概率",
        "低于平均",
        "单项冠军",
    ]
    a, b, c = ws[2], ws[3], ws[4]
    assert a[1].number_format == "0.0" and a[2].number_format == "#,##0.00"
    assert a[3].number_format == "0" and a[4].number_format == "0%"
    assert c[1].value is None and c[3].value is None  # missing stays empty
    assert (a[5].value, b[5].value, c[5].value) == ("否", "是", None)
    assert b[0].fill.fgColor.rgb.endswith("F8CBAD") and b[1].fill.fgColor.rgb.endswith("F8CBAD")
    assert not b[2].fill.fgColor.rgb.endswith("F8CBAD")
    assert all(cell.fill.fgColor.rgb.endswith("C6EFCE") for cell in a)  # whole row
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"
    assert book["说明"]["A1"].value == "平均 = 上级增速"
    assert ws.column_dimensions["A"].width >= 6


def test_english_headers_and_overrides(tmp_path: Path, frame: pd.DataFrame) -> None:
    path = write_workbook(
        tmp_path / "en.xlsx",
        {"t": frame},
        lang="en",
        headers={"unit": "District"},
        formats={"increment": "0"},
    )
    ws = openpyxl.load_workbook(path)["t"]
    assert ws["A1"].value == "District" and ws["B1"].value == "YTD growth (%)"
    assert ws["C2"].number_format == "0"
    assert ws["F3"].value == "yes"
    assert ws.freeze_panes == "A2"


def test_write_is_atomic(
    tmp_path: Path, frame: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "keep.xlsx"
    write_workbook(path, {"t": frame})
    before = path.read_bytes()

    def broken(self: object, filename: object) -> None:
        Path(str(filename)).write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken)
    with pytest.raises(OSError, match="disk full"):
        write_workbook(path, {"t": frame})
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.xlsx"]


def test_helpers() -> None:
    taken: set[str] = set()
    assert sheet_title("a" * 40, taken) == "a" * 31
    assert sheet_title("a" * 40, taken) == "a" * 27 + " (2)"
    assert default_format("contribution_pct") == "0.0"
    assert default_format("pulling_pp") == "0.0"
    assert default_format("rank_increment") == "0"
    assert default_format("expected_rank") == "0.0"
    assert default_format("p_above_average") == "0%"
    assert default_format("unit", pd.Series(["x"])) is None
    assert Highlight("x", color="green").rgb() == excel.COLORS["green"]
