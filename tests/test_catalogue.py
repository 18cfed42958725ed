"""Every entry of the catalogue of broken inputs (tests/broken/catalogue.py) is a test.

For each case: ``validate_folder`` reports the promised outcome (error / warning / fixed) with a
message naming the file (and row and column where they apply) and, for errors, a fix; warnings
and fixes let the folder load, and unambiguous fixes give exactly the clean data. ``sprintmodel
validate`` on every error case exits 1 without a traceback, names the file and leaves nothing
behind. docs/bad_input.md shows the current messages.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from sprintmodel.commands import app
from sprintmodel.data import DataSet, load_folder, validate_folder
from tests.broken.catalogue import CASES, Case, _doc_table, build, find
from tests.conftest import write_tiny

ROOT = Path(__file__).resolve().parents[1]
IDS = [c.name for c in CASES]


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> DataSet:
    return load_folder(write_tiny(tmp_path_factory.mktemp("clean") / "tiny"))


def test_catalogue_is_large_and_unique() -> None:
    assert len(CASES) >= 30
    assert len(set(IDS)) == len(IDS)
    outcomes = {c.outcome for c in CASES}
    assert outcomes == {"error", "warning", "fixed"}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_case(case: Case, tmp_path: Path, clean: DataSet) -> None:
    folder = build(case, tmp_path / case.name)
    before = _snapshot(folder)
    report, data = validate_folder(folder)
    hit = find(report.problems, case)
    assert hit is not None, f"expected {case.outcome} in {case.file}: {case.phrase!r}\n{report}"
    assert _snapshot(folder) == before, "validation changed the folder"
    for p in report.problems:
        assert p.file and p.message
        if p.severity == "error":
            assert p.fix, f"an error without a fix: {p}"
    if case.outcome == "error":
        assert data is None and not report.ok
        return
    assert data is not None and report.ok, str(report)
    if case.same_as_clean:
        pd.testing.assert_frame_equal(data.observations, clean.observations)
        pd.testing.assert_frame_equal(data.targets, clean.targets)
        pd.testing.assert_frame_equal(data.projects, clean.projects)
        assert data.hierarchy.units == clean.hierarchy.units
        assert data.indicators == clean.indicators
    if case.expect is not None:
        table, unit, indicator, column, value = case.expect
        frame = getattr(data, table)
        row = frame[(frame.unit == unit) & (frame.indicator == indicator)].iloc[0]
        assert row[column] == pytest.approx(value)


def test_nothing_is_changed_silently(tmp_path: Path, clean: DataSet) -> None:
    """A case whose data differ from the clean folder's must say so in its report."""
    for case in CASES:
        if case.outcome == "error" or case.same_as_clean:
            continue
        report, _ = validate_folder(build(case, tmp_path / case.name))
        assert report.warnings or report.fixed, case.name


# ------------------------------------------------------------------------------- CLI
ERRORS = [c for c in CASES if c.outcome == "error"]


@pytest.mark.parametrize("case", ERRORS, ids=[c.name for c in ERRORS])
def test_cli_validate_exits_1_names_the_file_and_writes_nothing(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = build(case, tmp_path / "data" / case.name)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    before = _snapshot(tmp_path)
    result = CliRunner().invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert case.file in result.output and "FAILED" in result.output
    assert _snapshot(tmp_path) == before, "validate left something behind"


@pytest.mark.slow
def test_cli_subprocess_on_a_broken_folder(tmp_path: Path) -> None:
    """The real entry point: exit 1, the file named on stderr, no traceback, nothing written."""
    case = next(c for c in CASES if c.name == "gbk_csv")  # a fix: exit 0
    ok_folder = build(case, tmp_path / "ok")
    case = next(c for c in CASES if c.name == "title_row_xlsx")
    bad_folder = build(case, tmp_path / "bad")
    before = _snapshot(tmp_path)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-m", "sprintmodel", "validate"]
    good = subprocess.run(
        [*run, str(ok_folder)], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    bad = subprocess.run(
        [*run, str(bad_folder)], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert good.returncode == 0 and "FIXED: units.csv" in good.stdout
    assert bad.returncode == 1
    assert "observations.xlsx, row 1" in bad.stderr and "Traceback" not in bad.stderr
    assert _snapshot(tmp_path) == before


# ------------------------------------------------------------------------------- docs
def test_doc_page_shows_the_current_messages() -> None:
    """docs/bad_input.md holds the table generated from the catalogue (regenerate with
    ``python -m tests.broken.catalogue doc --update docs/bad_input.md``)."""
    doc = (ROOT / "docs" / "bad_input.md").read_text(encoding="utf-8")
    start, end = "<!-- catalogue:start -->\n", "<!-- catalogue:end -->"
    assert start in doc and end in doc
    table = doc.split(start, 1)[1].split(end, 1)[0]
    assert table.strip() == _doc_table().strip(), (
        "docs/bad_input.md is out of date: run "
        "`python -m tests.broken.catalogue doc --update docs/bad_input.md`"
    )
