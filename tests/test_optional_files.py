"""Optional files are read and checked when the folder is loaded (issue 14 / 15): a bad
``levers.yaml``, ``accelerations.csv`` or ``province_targets.csv`` is reported by ``validate``
with file, row or key, column and fix, and computation takes them from the DataSet."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import sprintmodel as sm
from sprintmodel.data import validate_folder
from sprintmodel.datasets import data_path
from sprintmodel.targets import read_province_targets

EXAMPLE = data_path("example_city")


def _only_error(folder: Path) -> sm.data.Problem:
    report, ds = validate_folder(folder)
    assert ds is None
    (err,) = report.errors
    return err


def test_example_city_carries_its_optional_files() -> None:
    ds = sm.example_city()
    assert ds.enterprises is not None and len(ds.enterprises) > 0
    assert ds.levers is not None and set(ds.levers) == set(sm.default_levers())
    assert ds.accelerations is not None
    assert ds.province_targets is None  # the example city has no province file
    # until() keeps them
    assert ds.until("2026Q2").levers is ds.levers


def test_bad_levers_yaml_is_a_validate_error(copy_folder: Callable[[Path], Path]) -> None:
    folder = copy_folder(EXAMPLE)
    text = (folder / "levers.yaml").read_text(encoding="utf-8")
    (folder / "levers.yaml").write_text(text.replace("levers:", "leverz:", 1), encoding="utf-8")
    err = _only_error(folder)
    assert err.file == "levers.yaml"
    assert "key" in err.message and "docs/levers.md" in err.fix
    assert str(folder) not in err.message  # the file is named once, by the problem


def test_bad_accelerations_row_and_column(copy_folder: Callable[[Path], Path]) -> None:
    folder = copy_folder(EXAMPLE)
    path = folder / "accelerations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("JC-P023", "JC-P999", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = _only_error(folder)
    assert (err.file, err.row, err.column) == ("accelerations.csv", 3, "project")
    assert "'JC-P999' is not in the register" in err.message
    assert "docs/optimize.md" in err.fix


def test_province_targets_checked_and_taken_from_the_dataset(tiny_folder: Path) -> None:
    path = tiny_folder / "province_targets.csv"
    path.write_text("indicator,year,target_growth\ngdp,2026,5.0\ngdp,20x6,4.0\n", encoding="utf-8")
    err = _only_error(tiny_folder)
    assert (err.file, err.row, err.column) == ("province_targets.csv", 3, "year")
    assert "'20x6' is not a year" in err.message and "2027" in err.fix
    path.write_text("indicator,year,target_growth\ngpd,2026,5.0\n", encoding="utf-8")
    err = _only_error(tiny_folder)
    assert (err.row, err.column) == (2, "indicator") and "'gdp'" in err.message
    path.write_text("indicator,year,target_growth\ngdp,2026,5.0\nfai,2025,4.0\n", encoding="utf-8")
    ds = sm.load_folder(tiny_folder)
    path.unlink()  # computation never reads the disk again
    assert read_province_targets(ds, 2026) == {"gdp": 5.0}
    assert read_province_targets(ds, 2024) == {}


def test_validate_command_reports_a_bad_register(tiny_folder: Path) -> None:
    # The example city's register names units the tiny folder does not have.
    shutil.copy(EXAMPLE / "enterprises.csv", tiny_folder / "enterprises.csv")
    out = subprocess.run(
        [sys.executable, "-m", "sprintmodel", "validate", str(tiny_folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "enterprises.csv, row 2, column 'unit'" in out.stderr
    assert "use a unit code from units.csv" in out.stderr
