"""``sprintmodel run``: end to end, safe output folders, bad input before any work."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = [
    "unit",
    "indicator",
    "fy_value_p50",
    "fy_growth_p10",
    "fy_growth_p50",
    "fy_growth_p90",
    "target_growth",
    "gap_pp",
    "p_meet_target",
    "q4_growth_required",
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sprintmodel", "run", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )


@pytest.fixture
def tiny_scenario(tiny_folder: Path) -> Path:
    path = tiny_folder / "sprint.yaml"
    path.write_text(
        "name: tiny_sprint\nas_of: 2025Q3\ndraws: 200\nseed: 1\n"
        "levers:\n  special_bonds: {intensity: 5}\n"
        "projects:\n  - {project: PJ2, shift_months: -1}\n",
        encoding="utf-8",
    )
    return path


def test_run_writes_the_results(tmp_path: Path, tiny_folder: Path, tiny_scenario: Path) -> None:
    out = tmp_path / "result"
    done = run(str(tiny_scenario), "--data", str(tiny_folder), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "tiny_sprint" in done.stdout and f"wrote {out}" in done.stdout
    summary = pd.read_csv(out / "summary.csv")
    assert set(REQUIRED) <= set(summary.columns)
    assert len(summary) == len(summary[["unit", "indicator"]].drop_duplicates())
    assert {"C", "D1", "D2", "P1"} <= set(summary.unit)
    city_fai = summary[(summary.unit == "C") & (summary.indicator == "fai")].iloc[0]
    assert city_fai.delta_pp > 0 and 0 <= city_fai.p_meet_target <= 1
    with np.load(out / "draws.npz") as z:
        assert z["fy__fai"].dtype == np.float32 and z["fy__fai"].shape[0] == 200
    meta = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert meta["draws"] == 200 and meta["cost"] == pytest.approx(5.0)
    for name in ("attribution.csv", "costs.csv", "projects.csv", "scenario.yaml"):
        assert (out / name).exists()
    # Running again replaces the earlier output as a whole, with the new numbers.
    again = run(str(tiny_scenario), "--data", str(tiny_folder), "--out", str(out), "--draws", "100")
    assert again.returncode == 0, again.stderr
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["draws"] == 100
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".result.")]


def test_run_refuses_a_folder_it_did_not_write(
    tmp_path: Path, tiny_folder: Path, tiny_scenario: Path
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    done = run(str(tiny_scenario), "--data", str(tiny_folder), "--out", str(mine))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "not written by sprintmodel" in done.stderr
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("levers:\n  consumption_voucher: {intensity: 1}\n", "levers.consumption_voucher"),
        ("levers:\n  special_bonds: {intensity: 500}\n", "levers.special_bonds.intensity"),
        ("projects:\n  - {project: JC-P999, shift_months: 1}\n", "projects[0].project"),
    ],
)
def test_bad_scenario_fails_before_any_work(tmp_path: Path, body: str, key: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("name: bad\nas_of: 2026Q3\n" + body, encoding="utf-8")
    out = tmp_path / "out"
    done = run(str(path), "--out", str(out))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert str(path) in done.stderr and f"key {key}" in done.stderr
    assert not out.exists()


@pytest.mark.slow
def test_example_city_full_sprint_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "full_sprint"
    scenario = ROOT / "data" / "example_city" / "scenarios" / "full_sprint.yaml"
    done = run(str(scenario), "--out", str(out), "--draws", "300")
    assert done.returncode == 0, done.stderr
    summary = pd.read_csv(out / "summary.csv")
    assert set(REQUIRED) <= set(summary.columns)
    city = summary.set_index(["unit", "indicator"])
    assert city.loc[("JC", "retail"), "delta_pp"] > 0.3
    watch = pd.read_csv(out / "projects.csv")
    assert list(watch["rank"][:3]) == [1, 2, 3]
