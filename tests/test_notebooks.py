"""The planners' notebooks: committed without outputs, and each runs top to bottom.

Each notebook is executed with nbclient in a fresh kernel from the ``notebooks/`` folder (as
JupyterLab and Voila run it), with the repository on ``PYTHONPATH`` so that an uninstalled
checkout works too. Figures use ``%matplotlib widget`` (ipympl works without a browser).
"""

from __future__ import annotations

import html
import os
import re
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
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
CODE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
"""An English column or lever code (``ytd_value``, ``p_meet_target``, ``special_bonds``)."""
RAW = re.compile(r"\bNaN\b|<NA>|\bnan\b|Figure \d")


def shown_texts(nb) -> list[str]:
    """Every text a reader sees: text outputs and the widgets' values, labels and options."""
    out = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            if o.output_type == "stream":
                out.append(o.text)
            elif o.output_type in ("execute_result", "display_data"):
                data = o.get("data", {})
                if WIDGET not in data:
                    out.extend(data[k] for k in ("text/html", "text/plain") if k in data)
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for model in state.values():
        st = model.get("state", {})
        out.extend(st[k] for k in ("value", "description", "tooltip") if isinstance(st.get(k), str))
        out.extend(str(v) for v in st.get("_options_labels", []) or [])
    return out


def reader_text(raw: str) -> str:
    """The text of HTML as read (no styles, tags or file contents offered for download)."""
    raw = re.sub(r"<style.*?</style>", " ", raw, flags=re.S)
    raw = re.sub(r"<pre class='sprintmodel-file'>.*?</pre>", " ", raw, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def reader_problems(nb) -> list[str]:
    """English codes, NaN/<NA>, "Figure N" headers and error boxes among what is shown."""
    problems = []
    for raw in shown_texts(nb):
        text = reader_text(raw)
        problems += [f"code {m!r} in {text[:80]!r}" for m in CODE.findall(text)]
        problems += [f"{m!r} in {text[:80]!r}" for m in RAW.findall(text)]
        if "class='sprintmodel-error'" in raw:
            problems.append(f"error box: {text[:300]!r}")
    return problems


def test_reader_problems_finds_codes_nan_and_error_boxes():
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("stream", text="Figure 1\n"),
        nbformat.v4.new_output(
            "display_data",
            data={"text/html": "<style>.a_b{}</style><td>p_meet_target</td><td>NaN</td>"},
        ),
    ]
    nb.cells = [cell]
    nb.metadata["widgets"] = {
        WIDGET_STATE: {
            "state": {
                "1": {"state": {"value": "<div class='sprintmodel-error'>bad</div>"}},
                "2": {"state": {"value": "<pre class='sprintmodel-file'>as_of: 2026Q3</pre>好"}},
            }
        }
    }
    found = reader_problems(nb)
    assert len(found) == 4, found
    assert any("p_meet_target" in f for f in found) and any("Figure" in f for f in found)


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
    # every cell carries an id (nbformat 4.5; nbformat warns, and will refuse, without one)
    import json

    raw = json.loads(path.read_text(encoding="utf-8"))
    no_id = [i for i, c in enumerate(raw["cells"]) if "id" not in c]
    assert not no_id, f"{path.name}: cells {no_id} have no id; run nbformat's normalize()"


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
    if path.stem in PLANNERS:  # Chinese mode: what a reader sees has no codes, NaN or errors
        problems = reader_problems(nb)
        assert not problems, problems[:10]
    if path.stem in PLANNERS:  # panels and interactive (ipympl) figures are widgets
        shown = [o for c in nb.cells for o in c.get("outputs", []) if WIDGET in o.get("data", {})]
        assert shown, f"{path.name} displayed no widget"
    print(f"{path.stem}: {seconds:.1f} s")


@pytest.mark.slow
def test_a_broken_folder_is_a_message_in_the_notebook_not_a_traceback(tmp_path, monkeypatch):
    """As JupyterLab runs it (a kernel executing every cell): with SPRINTMODEL_DATA on a folder
    with a typo, no cell fails and the page holds the project's message (file, row, fix)."""
    import shutil

    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    broken = tmp_path / "broken_city"
    shutil.copytree(ROOT / "data" / "example_city", broken)
    obs = broken / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("1092.07", "1O92.07")
    obs.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    )
    monkeypatch.setenv("SPRINTMODEL_DATA", str(broken))
    monkeypatch.delenv("MPLBACKEND", raising=False)
    nb = nbformat.read(FOLDER / "02_policy_levers.ipynb", as_version=4)
    nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(FOLDER)}}
    ).execute()
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    boxes = [t for t in shown_texts(nb) if "class='sprintmodel-error'" in t]
    assert len(boxes) == 1
    text = reader_text(boxes[0])
    assert "observations.csv, row 3, column 'ytd_value'" in text and "Fix:" in text
    assert "Traceback" not in text


@pytest.mark.slow
def test_notebook_01_at_october_shows_what_changed_since_last_month(monkeypatch):
    """Issue 17: as of 2026-10 (SPRINTMODEL_AS_OF, as a planner opens it after October's
    release) notebook 01's 与上月相比 section is a table of the forecasts then and now, GDP first,
    in words a reader can read (no codes, NaN or −0.00)."""
    import json

    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    )
    monkeypatch.setenv("SPRINTMODEL_AS_OF", "2026-10")
    monkeypatch.delenv("MPLBACKEND", raising=False)
    nb = nbformat.read(FOLDER / "01_where_the_year_lands.ipynb", as_version=4)
    nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(FOLDER)}}
    ).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    assert not reader_problems(nb)
    # the sections are widgets: their HTML lives in the notebook's widget state
    shown = [c.get("outputs", []) for c in nb.cells], nb.metadata.get("widgets", {})
    text = json.dumps(shown, ensure_ascii=False)
    news = text[text.index("上次预计增速(%)") :]
    assert "本次预计增速(%)" in news and "新数据带来(百分点)" in news
    assert news.index("地区生产总值") < news.index("社会消费品零售总额")
    assert "−0.00" not in news
