"""``notebooks/06_briefing.ipynb``: parameterised, committed without outputs, run by papermill."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "06_briefing.ipynb"


def test_parameters_cell_is_tagged_and_outputs_are_stripped() -> None:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    source = "".join(tagged[0]["source"])
    for name in ("scenario", "data", "lang", "out", "draws"):
        assert f"{name} = " in source
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs") and cell.get("execution_count") is None
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.slow
def test_papermill_runs_it_for_one_scenario(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    papermill = pytest.importorskip("papermill")
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    )
    out = tmp_path / "full_sprint"
    executed = tmp_path / "full_sprint.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(executed),
        parameters={
            "scenario": str(ROOT / "data" / "example_city" / "scenarios" / "full_sprint.yaml"),
            "out": str(out),
            "draws": 300,
        },
        kernel_name="python3",
        cwd=str(tmp_path),
        progress_bar=False,
    )
    for name in ("briefing.docx", "briefing.html", "briefing.xlsx", "manifest.json"):
        assert (out / name).is_file(), name
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in manifest["scenarios"]] == ["full_sprint"]
    assert manifest["scenarios"][0]["draws"] == 300
    nb = json.loads(executed.read_text(encoding="utf-8"))
    html = "".join(
        "".join(o.get("data", {}).get("text/html", []))
        for c in nb["cells"]
        for o in c.get("outputs", [])
    )
    assert "主要指标全年预判" in html and "全力冲刺" in html
    assert "data:image/png;base64," in html
