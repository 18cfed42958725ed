"""The command line: exit codes, messages without tracebacks, help that reads like a manual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sprintmodel", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_help_lists_commands() -> None:
    out = run("--help")
    assert out.returncode == 0
    assert "validate" in out.stdout and "data folder" in out.stdout


def test_validate_good_folder(tiny_folder: Path) -> None:
    out = run("validate", str(tiny_folder))
    assert out.returncode == 0, out.stderr
    assert "OK" in out.stdout and "0 error(s)" in out.stdout


def test_validate_broken_folder_exits_1_without_traceback(tiny_folder: Path) -> None:
    obs = tiny_folder / "observations.csv"
    obs.write_text(
        obs.read_text(encoding="utf-8").replace("D2,gdp,2025Q1", "D2,gdp,2025Q7"), encoding="utf-8"
    )
    out = run("validate", str(tiny_folder))
    assert out.returncode == 1
    assert "Traceback" not in out.stderr + out.stdout
    assert "observations.csv, row" in out.stderr and "column 'period'" in out.stderr
    assert "FAILED" in out.stdout


def test_user_error_in_another_command_is_a_message(tiny_folder: Path) -> None:
    (tiny_folder / "units.csv").unlink()
    out = run("status", str(tiny_folder))
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert "units.csv" in out.stderr


def test_bad_option_is_a_usage_error() -> None:
    out = run("validate", "--no-such-option")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_on_tiny(tiny_folder: Path, lang: str, tmp_path: Path) -> None:
    target = tmp_path / "status.csv"
    out = run("status", str(tiny_folder), "--as-of", "2025Q3", "--lang", lang, "--out", str(target))
    assert out.returncode == 0, out.stderr
    assert ("测试市" if lang == "zh" else "Test City") in out.stdout
    assert target.exists() and "rest_growth_required" in target.read_text()


def test_warnings_are_one_line_without_python_source(tmp_path: Path) -> None:
    # The national GDP ends at 2026Q1 while the monthly series run to 2026-06: a warning.
    out = run("targets", "data/china_national", "--out", str(tmp_path / "t"))
    assert out.returncode == 0, out.stderr
    assert "warning: indicator gdp: the data end at 2026Q1" in out.stderr
    assert ".py:" not in out.stderr and "ForecastWarning" not in out.stderr
