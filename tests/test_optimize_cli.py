"""``sprintmodel optimize``: end to end (the package runs with ``sprintmodel run``), errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
FAST = ["--draws", "200", "--check-draws", "2000"]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sprintmodel", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )


@pytest.mark.slow
def test_optimize_writes_a_package_that_run_accepts(tmp_path: Path) -> None:
    out = tmp_path / "package"
    done = cli(
        "optimize",
        "--indicators",
        "retail",
        "--target-probability",
        "0.7",
        "--as-of",
        "2026Q3",  # the example city's monthly series run to 2026-10; the package is Q3's
        "--seed",
        "4",
        "--tornado-draws",
        "300",
        "--lang",
        "en",
        "--out",
        str(out),
        *FAST,
    )
    assert done.returncode == 0, done.stderr
    assert "Least-cost sprint package" in done.stdout and "Tornado" in done.stdout
    assert {p.name for p in out.iterdir()} >= {
        "package.yaml",
        "report.json",
        "tornado.csv",
        "package.csv",
    }
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {"cost", "probability", "feasible", "binding", "single_lever", "seeds"} <= set(report)
    assert report["feasible"] is True and report["seeds"] == {"saa": 4, "check": 5}
    assert report["timings"]["total_s"] > 0
    tornado = pd.read_csv(out / "tornado.csv")
    assert "baseline forecast error" in set(tornado.assumption)
    # The package is a scenario file: `sprintmodel run` accepts it and reproduces the re-check.
    ran = tmp_path / "ran"
    done = cli("run", str(out / "package.yaml"), "--out", str(ran))
    assert done.returncode == 0, done.stderr
    summary = pd.read_csv(ran / "summary.csv")
    row = summary[(summary.unit == "JC") & (summary.indicator == "retail")].iloc[0]
    assert row.p_meet_target == pytest.approx(report["targets"][0]["probability_checked"])
    assert row.p_meet_target >= 0.7 - report["problem"]["tolerance"] - 1e-12
    costs = pd.read_csv(ran / "costs.csv")
    assert costs.cost.sum() == pytest.approx(report["package"]["lever_cost"])
    # A second run replaces the folder it wrote.
    again = cli(
        "optimize",
        "--indicators",
        "retail",
        "--target-probability",
        "0.7",
        "--tornado-draws",
        "0",
        "--out",
        str(out),
        *FAST,
    )
    assert again.returncode == 0, again.stderr
    assert not (out / "tornado.csv").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target-probability", "1.5"], "between 0 and 1"),
        (["--budget", "-1"], "negative"),
        (["--indicators", "gpd"], "Did you mean 'gdp'"),
        (["--units", "XYZ"], "unknown unit"),
        (["--lang", "fr"], "zh or en"),
    ],
)
def test_bad_options_exit_1_without_traceback(args: list[str], message: str) -> None:
    done = cli("optimize", *args, *FAST, "--tornado-draws", "0")
    assert done.returncode == 1
    assert message in done.stderr and "Traceback" not in done.stderr


def test_a_foreign_output_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    done = cli("optimize", "--out", str(tmp_path), *FAST)
    assert done.returncode == 1 and "not replaced" in done.stderr
    assert (tmp_path / "mine.txt").exists()
