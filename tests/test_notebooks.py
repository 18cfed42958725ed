"""The planners' notebooks: committed without outputs, and each runs top to bottom.

Each notebook is executed with nbclient in a fresh kernel from the ``notebooks/`` folder (as
JupyterLab and Voila run it), with the repository on ``PYTHONPATH`` so that an uninstalled
checkout works too. Figures use ``%matplotlib widget`` (ipympl works without a browser).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))
PLANNERS = [
    "01_where_the_year_lands",
    "02_policy_levers",
    "03_project_timing",
    "04_district_league",
    "05_next_year_targets",
    "07_sprint_package",
]
"""The planners' notebooks (``06_briefing`` is the briefing module's papermill notebook)."""
WIDGET = "application/vnd.jupyter.widget-view+json"


def test_the_planners_notebooks_exist():
    names = {p.stem for p in NOTEBOOKS}
    assert set(PLANNERS) <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_outputs_committed(path):
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(path, as_version=4)
    dirty = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)
    ]
    assert not dirty, (
        f"{path.name}: cells {dirty} have outputs; strip them "
        "(jupyter nbconvert --clear-output --inplace notebooks/*.ipynb)"
    )
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    )
    monkeypatch.delenv("MPLBACKEND", raising=False)
    nb = nbformat.read(path, as_version=4)
    t0 = time.monotonic()
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(FOLDER)}}
    )
    client.execute()
    seconds = time.monotonic() - t0
    errors = [
        f"{o.get('ename')}: {o.get('evalue')}"
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.output_type == "error"
    ]
    assert not errors
    if path.stem in PLANNERS:  # panels and interactive (ipympl) figures are widgets
        shown = [o for c in nb.cells for o in c.get("outputs", []) if WIDGET in o.get("data", {})]
        assert shown, f"{path.name} displayed no widget"
    print(f"{path.stem}: {seconds:.1f} s")
