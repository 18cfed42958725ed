"""Running many scenarios: failures captured, one engine per key, local and Dask identical."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sprintmodel.errors import InputError
from sprintmodel.results import FLOAT_FORMAT
from sprintmodel.scenario import ScenarioSpec
from sprintmodel.scenario.batch import RunOptions, chunk_jobs, clear_engines, run_scenarios
from sprintmodel.scenario.jobs import (
    ScenarioJob,
    data_bundle,
    folder_sha256,
    prepare_jobs,
    scenario_files,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example_city"


@pytest.fixture
def tiny_scenarios(tiny_folder: Path) -> Path:
    sc = tiny_folder / "scenarios"
    sc.mkdir()
    (sc / "a_base.yaml").write_text(
        "name: base\nas_of: 2025Q3\ndraws: 200\nseed: 1\n", encoding="utf-8"
    )
    (sc / "b_bonds.yaml").write_text(
        "name: bonds\nas_of: 2025Q3\ndraws: 200\nseed: 1\nlevers:\n  special_bonds: 5\n",
        encoding="utf-8",
    )
    (sc / "c_typo.yaml").write_text(
        "name: typo\nas_of: 2025Q3\nlevers:\n  special_bond: 5\n", encoding="utf-8"
    )
    (sc / "d_broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    (sc / "notes.txt").write_text("not a scenario", encoding="utf-8")
    return sc


def test_scenario_files_expand_folders_and_refuse_missing(tiny_scenarios: Path) -> None:
    files = scenario_files([tiny_scenarios])
    assert [f.name for f in files] == [
        "a_base.yaml",
        "b_bonds.yaml",
        "c_typo.yaml",
        "d_broken.yaml",
    ]
    with pytest.raises(InputError, match="does not exist"):
        scenario_files([tiny_scenarios / "nope.yaml"])
    empty = tiny_scenarios.parent / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no scenario files"):
        scenario_files([empty])


def test_bad_scenarios_fail_alone(tiny_folder: Path, tiny_scenarios: Path) -> None:
    bundle = data_bundle(tiny_folder)
    jobs = prepare_jobs(scenario_files([tiny_scenarios]), bundle.dataset, bundle.levers)
    assert [j.reference for j in jobs] == [True, False, False, False]
    assert "special_bond" in (jobs[2].error or "") and "Did you mean" in (jobs[2].error or "")
    assert "not valid YAML" in (jobs[3].error or "") and jobs[3].name == "d_broken"
    batch = run_scenarios(jobs, bundle, progress=False)
    assert [o.status for o in batch.outcomes] == ["ok", "ok", "failed", "failed"]
    assert batch.outcomes[1].summary is not None and batch.outcomes[1].cost == pytest.approx(5.0)
    assert batch.reference is batch.outcomes[0] and batch.outcomes[0].league is not None


def test_an_error_while_running_is_captured(tiny_folder: Path) -> None:
    bundle = data_bundle(tiny_folder)
    ok = ScenarioSpec(name="ok", as_of="2025Q3", draws=100, seed=1)
    jobs = prepare_jobs([ok, ok.replace(name="later")], bundle.dataset, bundle.levers)
    # A job the engine refuses at evaluation (a period after the data) is reported, not raised.
    bad = ScenarioJob(2, "future", "<python>", ok.replace(name="future", as_of="2031Q3"))
    batch = run_scenarios([*jobs, bad], bundle, progress=False)
    assert [o.status for o in batch.outcomes] == ["ok", "ok", "failed"]
    assert batch.outcomes[2].error


def test_chunks_share_an_engine_key() -> None:
    a = ScenarioSpec(name="a", as_of="2026Q3", draws=100, seed=1)
    b = a.replace(seed=2)
    jobs = [ScenarioJob(i, f"s{i}", "<python>", a if i % 2 else b) for i in range(20)]
    jobs[0] = ScenarioJob(0, "ref", "<python>", b, reference=True)
    jobs.append(ScenarioJob(20, "bad", "x.yaml", None, "broken"))
    chunks = chunk_jobs(jobs, workers=2)
    assert chunks[0] == [jobs[0]]  # the reference alone, first
    for chunk in chunks:
        assert len({j.engine_key for j in chunk}) == 1
    assert sorted(j.index for c in chunks for j in c) == list(range(21))


def test_folder_hash_follows_names_and_bytes(tmp_path: Path, tiny_folder: Path) -> None:
    h0 = folder_sha256(tiny_folder)
    assert h0 == folder_sha256(tiny_folder)
    (tiny_folder / ".hidden").write_text("ignored", encoding="utf-8")
    assert folder_sha256(tiny_folder) == h0
    (tiny_folder / "targets.csv").rename(tiny_folder / "targets_old.csv")
    assert folder_sha256(tiny_folder) != h0


def test_unknown_executor_and_workers(tiny_folder: Path) -> None:
    bundle = data_bundle(tiny_folder)
    with pytest.raises(InputError, match="executor"):
        run_scenarios([], bundle, executor="spark")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="workers"):
        run_scenarios([], bundle, workers=0)


def _generated(n: int, draws: int) -> list[ScenarioSpec]:
    """``n`` scenarios: each lever at one of seven intensities, some with project shifts."""
    caps = {
        "consumption_vouchers": 3.0,
        "special_bonds": 20.0,
        "policy_financing": 25.0,
        "enterprise_support": 2.0,
        "export_support": 1.0,
    }
    base = ScenarioSpec(name="gen", as_of="2026Q3", draws=draws, seed=20261015)
    out = []
    for i in range(n):
        lever = list(caps)[i % len(caps)]
        s = base.replace(name=f"gen_{i:03d}").with_lever(lever, caps[lever] * ((i % 7) + 1) / 8)
        if i % 3 == 0:
            s = s.with_projects({"status": "land_pending", "shift_months": (i % 5) - 2})
        if i % 4 == 0:
            s = s.with_lever("consumption_vouchers", 1.0, start="2026-12")
        out.append(s)
    return out


@pytest.mark.slow
def test_200_scenarios_local_and_dask_identical() -> None:
    pytest.importorskip("distributed")
    bundle = data_bundle(EXAMPLE)
    jobs = prepare_jobs(_generated(200, 1000), bundle.dataset, bundle.levers)
    assert not [j.error for j in jobs if j.error]
    clear_engines()
    local = run_scenarios(jobs, bundle, progress=False)
    dask = run_scenarios(jobs, bundle, executor="dask", workers=2, progress=False)
    assert len(local.ok) == len(dask.ok) == 200
    assert dask.workers == 2
    for a, b in zip(local.outcomes, dask.outcomes, strict=True):
        assert a.name == b.name
        pd.testing.assert_frame_equal(a.summary, b.summary, check_exact=True)
        assert a.summary.to_csv(float_format=FLOAT_FORMAT) == b.summary.to_csv(
            float_format=FLOAT_FORMAT
        )
    # Distinct scenarios give distinct numbers (the comparison is not vacuous).
    city = local.summaries().query("unit == 'JC' and indicator == 'gdp'").fy_growth_mean
    assert city.nunique() > 20


@pytest.mark.slow
def test_local_process_pool_matches_in_process(tiny_folder: Path) -> None:
    bundle = data_bundle(tiny_folder)
    base = ScenarioSpec(name="s", as_of="2025Q3", draws=150, seed=3)
    specs = [base.replace(name=f"s{i}").with_lever("special_bonds", 1.0 + i) for i in range(4)]
    jobs = prepare_jobs(specs, bundle.dataset, bundle.levers)
    one = run_scenarios(jobs, bundle, progress=False, options=RunOptions(league=False))
    two = run_scenarios(jobs, bundle, workers=2, progress=False, options=RunOptions(league=False))
    assert two.workers == 2
    for a, b in zip(one.outcomes, two.outcomes, strict=True):
        pd.testing.assert_frame_equal(a.summary, b.summary, check_exact=True)
