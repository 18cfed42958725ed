"""The enterprise register: loading, checks with clear messages, and drag/lift by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import sprintmodel as sm
from sprintmodel.errors import InputError
from sprintmodel.league.enterprises import drag_lift, load_enterprises

REGISTER = """enterprise,name,unit,industry,period,ytd_output,ytd_output_last_year
E1,甲公司,D1,汽车,2025Q3,12,10
E2,乙公司,D1,化工,2025Q3,19,20
E3,丙公司,D1,电子,2025Q3,1,0
E4,丁公司,D2,汽车,2025Q3,6,5
E1,甲公司,D1,汽车,2025Q2,7,6
"""


@pytest.fixture
def folder(tiny_folder: Path) -> Path:
    (tiny_folder / "enterprises.csv").write_text(REGISTER, encoding="utf-8")
    return tiny_folder


def test_drag_lift_by_hand(folder: Path) -> None:
    ds = sm.load_folder(folder)
    reg = load_enterprises(ds)
    assert len(reg) == 5
    t = drag_lift(reg, dataset=ds, indicator="gdp").set_index("enterprise")
    assert list(t.index) == ["E1", "E3", "E2", "E4"]  # by unit, largest lift first
    # D1's register: last year 30, increment +2 -> 6.67%.
    assert t.loc["E1", "unit_register_growth"] == pytest.approx(100 * 2 / 30)
    assert t.loc["E1", "pulling_pp"] == pytest.approx(100 * 2 / 30)
    assert t.loc["E2", "pulling_pp"] == pytest.approx(-100 / 30)
    assert t.loc["E1", "contribution_pct"] == pytest.approx(100.0)
    assert t.loc["E2", "contribution_pct"] == pytest.approx(-50.0)
    assert t.loc["E3", "contribution_pct"] == pytest.approx(50.0)
    assert np.isnan(t.loc["E3", "growth"])  # no output last year
    assert t.loc["E2", "growth"] == pytest.approx(-5.0)
    # Without E1: (2 - 2) / (30 - 10) = 0; without E2: (2 + 1) / (30 - 20) = 30%.
    assert t.loc["E1", "unit_growth_without"] == pytest.approx(0.0)
    assert t.loc["E2", "unit_growth_without"] == pytest.approx(30.0)
    assert (t.loc["E1", "rank_lift"], t.loc["E3", "rank_lift"]) == (1, 2)
    assert t.loc["E2", "rank_drag"] == 1 and t.loc["E2", "role"] == "drag"
    # Pulling rates add up to the register's growth.
    d1 = t[t.unit == "D1"]
    assert d1.pulling_pp.sum() == pytest.approx(d1.unit_register_growth.iloc[0])
    # The unit's published GDP growth is shown beside, for context.
    assert t.loc["E1", "unit_indicator_growth"] == pytest.approx(6.0)
    top = drag_lift(reg, "2025Q3", top=1).enterprise.tolist()
    assert top == ["E1", "E2", "E4"]
    earlier = drag_lift(reg, "2025Q2")
    assert earlier.enterprise.tolist() == ["E1"]


def test_register_errors_name_row_column_and_fix(folder: Path) -> None:
    """The register is read when the folder is loaded: validate names file, row, column, fix."""
    path = folder / "enterprises.csv"
    path.write_text(REGISTER.replace("E4,丁公司,D2", "E4,丁公司,D9"), encoding="utf-8")
    report, ds = sm.validate_folder(folder)
    assert ds is None and len(report.errors) == 1
    err = report.errors[0]
    assert (err.file, err.row, err.column) == ("enterprises.csv", 5, "unit")
    assert "unknown unit 'D9'" in err.message and "units.csv" in err.fix
    with pytest.raises(sm.DataError, match=r"enterprises\.csv, row 5, column 'unit'"):
        sm.load_folder(folder)
    path.write_text(REGISTER.replace("2025Q3,6,5", "2025Q3,abc,5"), encoding="utf-8")
    err = sm.validate_folder(folder)[0].errors[0]
    assert (err.row, err.column) == (5, "ytd_output") and "'abc' is not a number" in err.message
    path.write_text(REGISTER.replace(",ytd_output_last_year", ",last"), encoding="utf-8")
    (err,) = sm.validate_folder(folder)[0].errors
    assert (err.file, err.row) == ("enterprises.csv", 1) and "missing column" in err.message
    path.write_text(REGISTER + "E1,甲公司,D1,汽车,2025Q3,1,1\n", encoding="utf-8")
    (err,) = sm.validate_folder(folder)[0].errors
    assert (err.row, err.column) == (7, "enterprise") and "appears twice" in err.message
    # A register file read directly (not through a folder) raises InputError with the same lines.
    with pytest.raises(InputError, match="appears twice"):
        load_enterprises(path)
    path.write_text(REGISTER, encoding="utf-8")
    ds = sm.load_folder(folder)
    assert load_enterprises(ds) is ds.enterprises and len(ds.enterprises) == 5
    with pytest.raises(InputError, match="no rows for 2024Q3"):
        drag_lift(load_enterprises(ds), "2024Q3")
    path.unlink()
    with pytest.raises(InputError, match="no enterprise register"):
        load_enterprises(sm.load_folder(folder))
