"""Benchmark figures in the docs are the benchmarks' JSON, not typed by hand.

``benchmarks/render_docs.py`` writes each generated block from ``benchmarks/results/*.json``;
this test fails when a document's block differs from what the JSON gives (or its JSON or
markers are missing).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _render_docs():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "render_docs", ROOT / "benchmarks" / "render_docs.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_docs_agree_with_the_benchmark_json() -> None:
    assert _render_docs().run(check=True) == []


def test_a_changed_figure_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rd = _render_docs()
    data = json.loads((ROOT / "benchmarks/results/targets_calibration.json").read_text("utf-8"))
    data["example_hit_rates"]["0.5"] += 0.01
    (tmp_path / "targets_calibration.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(rd, "RESULTS", tmp_path)
    for other in (ROOT / "benchmarks/results").glob("*.json"):
        if not (tmp_path / other.name).exists():
            (tmp_path / other.name).write_text(other.read_text("utf-8"), encoding="utf-8")
    # The hit rate is in the targets doc and in the README's table.
    assert rd.run(check=True) == ["README.md: readme", "docs/targets.md: targets_calibration"]


def test_targets_calibration_meets_the_issue() -> None:
    """The stored benchmark shows the example city's odds within ±0.07 (issue 21)."""
    data = json.loads((ROOT / "benchmarks/results/targets_calibration.json").read_text("utf-8"))
    for p in ("0.7", "0.5", "0.3"):
        assert abs(data["example_hit_rates"][p] - float(p)) <= 0.07


def test_every_mutation_is_caught() -> None:
    data = json.loads((ROOT / "benchmarks/results/mutations.json").read_text("utf-8"))
    assert len(data["mutations"]) >= 8
    assert data["uncaught"] == [] and data["baseline_failures"] == []
