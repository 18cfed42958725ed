"""Loading and validating data folders: good folders load, broken ones say precisely why."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sprintmodel.data import DataError, load_folder, validate_folder


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(folder: Path, name: str, line: str) -> None:
    with (folder / name).open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def test_tiny_folder_loads(tiny_folder: Path) -> None:
    data = load_folder(tiny_folder)
    assert data.root == "C"
    assert data.hierarchy.children("C", rollup_only=True) == ("D1", "D2")
    assert not data.units["P1"].rollup
    assert data.frequency("C", "fai") == "M"
    assert data.frequency("D1", "gdp") == "Q"
    assert str(data.latest_period) == "2025-12"
    assert data.target("C", "gdp", 2025) == (6.0, pytest.approx(np.nan, nan_ok=True))


def test_panel_arrays(tiny_folder: Path) -> None:
    data = load_folder(tiny_folder)
    q = data.panel("gdp")
    assert q.units == ("C", "D1", "D2", "P1")
    assert q.ytd_value.shape == (4, 2, 4)
    assert q.ytd_value[1, 0].tolist() == [100, 210, 330, 460]
    # The monthly FAI series reduced to quarter ends.
    f = data.panel("fai", "Q")
    assert f.ytd_value[0, 0, 0] == pytest.approx(20 + 13)
    m = data.panel("fai", "M")
    assert np.isnan(m.ytd_value[0, 0, 0])  # Jan-Feb combined: no January
    # Nominal growth follows from values where not published.
    assert m.growth()[0, 1, 5] == pytest.approx(5.0)


def test_until_cuts_monthly_and_quarterly_series_consistently(tiny_folder: Path) -> None:
    data = load_folder(tiny_folder).until("2025-10")
    obs = data.observations
    assert obs[(obs.unit == "C") & (obs.indicator == "fai")].period.max() == "2025-10"
    assert obs[(obs.indicator == "gdp") & (obs.year == 2025)].period.max() == "2025Q3"


def test_xlsx_reads_like_csv(tiny_folder: Path) -> None:
    frame = pd.read_csv(tiny_folder / "observations.csv", dtype=str, keep_default_na=False)
    frame.to_excel(tiny_folder / "observations.xlsx", index=False)
    (tiny_folder / "observations.csv").unlink()
    data = load_folder(tiny_folder)
    assert len(data.observations) == len(frame)


# Each broken copy: (file, edit, the file named, a phrase of the message, row, column)
BROKEN = [
    (
        "observations.csv",
        ("D1,gdp,2025Q2", "DX,gdp,2025Q2"),
        "observations.csv",
        "unknown unit 'DX'",
        None,
        "unit",
    ),
    (
        "observations.csv",
        ("C,fai,2025-03", "C,invest,2025-03"),
        "observations.csv",
        "unknown indicator 'invest'",
        None,
        "indicator",
    ),
    (
        "observations.csv",
        ("D2,gdp,2025Q1", "D2,gdp,2025Q5"),
        "observations.csv",
        "'2025Q5' is not a period",
        None,
        "period",
    ),
    (
        "observations.csv",
        ("D2,gdp,2025Q1,", "D2,gdp,2025Q1,abc"),
        "observations.csv",
        "is not a number",
        None,
        "ytd_value",
    ),
    (
        "units.csv",
        ("D2,二区,District Two,C", "D2,二区,District Two,D2"),
        "units.csv",
        "cycle",
        4,
        "parent",
    ),
    (
        "units.csv",
        ("D2,二区,District Two,C", "D2,二区,District Two,"),
        "units.csv",
        "exactly one root",
        None,
        "parent",
    ),
    (
        "units.csv",
        ("P1,高新区,High-tech Park,C,park", "P1,高新区,High-tech Park,C,parc"),
        "units.csv",
        "unknown kind 'parc'",
        5,
        "kind",
    ),
    ("targets.csv", ("D1,gdp,2025", "D9,gdp,2025"), "targets.csv", "unknown unit 'D9'", 3, "unit"),
    (
        "indicators.csv",
        ("nominal,yes", "nominal,maybe"),
        "indicators.csv",
        "'maybe' is not yes or no",
        3,
        "additive",
    ),
    (
        "indicators.csv",
        ("real,yes", "comparable,yes"),
        "indicators.csv",
        "neither 'nominal' nor 'real'",
        2,
        "basis",
    ),
    (
        "projects.csv",
        ("2025-03,2026-12", "2025-03,2024-12"),
        "projects.csv",
        "finishes (2024-12) before it starts",
        2,
        "planned_finish",
    ),
    (
        "projects.csv",
        ("D2,infrastructure", "D7,infrastructure"),
        "projects.csv",
        "unknown unit 'D7'",
        3,
        "unit",
    ),
]


@pytest.mark.parametrize(("name", "edit", "file", "phrase", "row", "column"), BROKEN)
def test_broken_copies_fail_with_a_precise_message(
    tiny_folder: Path,
    name: str,
    edit: tuple[str, str],
    file: str,
    phrase: str,
    row: int | None,
    column: str,
) -> None:
    _edit(tiny_folder, name, *edit)
    report, data = validate_folder(tiny_folder)
    assert data is None and not report.ok
    hits = [p for p in report.errors if phrase in p.message]
    assert hits, str(report)
    p = hits[0]
    assert p.file == file and p.column == column and p.fix
    if row is not None:
        assert p.row == row
    else:
        assert p.row is not None and p.row >= 2


def test_duplicate_row_names_both_rows(tiny_folder: Path) -> None:
    _append(tiny_folder, "observations.csv", "D1,gdp,2025Q3,350.0,6.0")
    report, _ = validate_folder(tiny_folder)
    (p,) = [p for p in report.errors if "duplicate" in p.message]
    assert p.row == 54 + 2 and "first at row" in p.message


def test_falling_ytd_of_a_flow_is_an_error(tiny_folder: Path) -> None:
    _edit(tiny_folder, "observations.csv", "C,fai,2025-06,", "C,fai,2025-06,1")
    report, _ = validate_folder(tiny_folder)
    (p,) = [p for p in report.errors if "falls" in p.message]
    assert p.column == "ytd_value" and "2025-06" in p.message


def test_mixed_frequency_series_is_an_error(tiny_folder: Path) -> None:
    _append(tiny_folder, "observations.csv", "C,fai,2023Q4,300,")
    report, _ = validate_folder(tiny_folder)
    assert any("mixes quarterly" in p.message for p in report.errors)


def test_children_that_do_not_add_up_warn_but_load(tiny_folder: Path) -> None:
    _edit(tiny_folder, "observations.csv", "C,gdp,2024Q2,315.00", "C,gdp,2024Q2,330.00")
    report, data = validate_folder(tiny_folder)
    assert data is not None and report.ok
    (w,) = [p for p in report.warnings if "add up" in p.message]
    assert "'C'" in w.message and "2024Q2" in w.message and "-4.5%" in w.message
    # Parks (rollup = no) are not added into the city: no warning without the edit.


def test_park_is_not_added_to_the_city(tiny_folder: Path) -> None:
    report, _ = validate_folder(tiny_folder)
    assert not report.warnings


def test_missing_file_and_missing_column(tiny_folder: Path) -> None:
    (tiny_folder / "indicators.csv").unlink()
    _edit(tiny_folder, "units.csv", "unit,name_zh", "code,name_zh")
    report, _ = validate_folder(tiny_folder)
    files = {p.file for p in report.errors}
    assert "indicators.csv" in files
    (col,) = [p for p in report.errors if "'unit' is missing" in p.message]
    assert "Did you mean" not in col.fix or "code" not in col.fix


def test_gbk_file_and_thousands_separators_are_fixed_and_reported(tiny_folder: Path) -> None:
    units = (tiny_folder / "units.csv").read_text(encoding="utf-8")
    (tiny_folder / "units.csv").write_bytes(units.encode("gbk"))
    _edit(tiny_folder, "observations.csv", "C,gdp,2024Q4,690.00", 'C,gdp,2024Q4,"1,690.00"')
    report, data = validate_folder(tiny_folder)
    assert data is not None
    fixed = " ".join(p.message for p in report.fixed)
    assert "GB18030" in fixed and "thousands separators" in fixed
    assert data.units["D1"].name_zh == "一区"


def test_load_folder_raises_with_the_report(tiny_folder: Path) -> None:
    _edit(tiny_folder, "observations.csv", "D1,gdp,2025Q2", "DX,gdp,2025Q2")
    with pytest.raises(DataError) as info:
        load_folder(tiny_folder)
    assert "observations.csv, row" in str(info.value) and "unknown unit 'DX'" in str(info.value)


def test_not_a_folder(tmp_path: Path) -> None:
    report, data = validate_folder(tmp_path / "nope")
    assert data is None and "does not exist" in report.errors[0].message
