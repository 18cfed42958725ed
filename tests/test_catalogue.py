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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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


# ------------------------------------------------------------ round 2: silent wrong numbers
def _example_copy(tmp_path: Path, drop: str = "") -> Path:
    import shutil

    from sprintmodel.datasets import data_path

    folder = tmp_path / "city"
    shutil.copytree(data_path("example_city"), folder)
    if drop:
        obs = folder / "observations.csv"
        lines = obs.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith(drop)]
        assert len(kept) == len(lines) - 1, drop
        obs.write_text("".join(kept), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def complete_forecast(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    from sprintmodel.forecast import forecast

    ds = load_folder(_example_copy(tmp_path_factory.mktemp("complete")))
    return forecast(ds, "2026Q3", rng=0).to_frame().set_index(["unit", "indicator"])


@pytest.mark.parametrize(
    ("drop", "late", "indicator", "as_of"),
    [
        ("GQQ,gdp,2026Q3,", "GQQ", "gdp", "2026Q3"),  # a district late: was JC +5.4 → +10.8
        ("JC,gdp,2026Q3,", "JC", "gdp", "2026Q3"),  # the city's own row: was −47.5
        ("CCQ,retail,2026-10,", "CCQ", "retail", "2026-10"),  # the same for a monthly series
    ],
    ids=["district", "city", "monthly"],
)
def test_an_unreported_unit_is_a_warning_and_never_a_fall(
    drop: str,
    late: str,
    indicator: str,
    as_of: str,
    tmp_path: Path,
    complete_forecast: pd.DataFrame,
) -> None:
    """The forecast stands at the late unit's last period and reconciles the whole at the last
    period every unit reported: no unit moves more than 1 pp from the complete data's forecast
    (the published months hold nearly all the information), and the notes say so."""
    import warnings

    from sprintmodel.data.plausibility import DataWarning
    from sprintmodel.forecast import forecast

    folder = _example_copy(tmp_path, drop)
    report, _ = validate_folder(folder)
    assert report.ok and any(
        f"'{late}', indicator '{indicator}' has no row" in w.message for w in report.warnings
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ds = load_folder(folder)
    assert any(issubclass(w.category, DataWarning) for w in caught), "every command warns"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = forecast(ds, as_of, rng=0).to_frame().set_index(["unit", "indicator"])
    if as_of != "2026Q3":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            full = load_folder(_example_copy(tmp_path / "full"))
            base = forecast(full, as_of, rng=0).to_frame().set_index(["unit", "indicator"])
    else:
        base = complete_forecast
    moved = (frame.fy_growth - base.fy_growth).xs(indicator, level="indicator").abs()
    assert moved.max() < 1.0, moved.sort_values().tail(3)
    notes = frame.note.xs(indicator, level="indicator").fillna("")
    assert "not published: forecast from" in notes[late]
    assert "reconciled at" in notes["JC"]


def test_a_district_missing_a_whole_month_is_one_warning(tmp_path: Path) -> None:
    """A district that has not reported October misses it in every monthly indicator: the load
    says so once, naming the 11 indicators (one warning per indicator before), and the
    forecast once, naming the three it forecasts from September."""
    import warnings

    from sprintmodel.data.plausibility import DataWarning
    from sprintmodel.forecast import ForecastWarning, forecast

    folder = _example_copy(tmp_path)
    obs = folder / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [ln for ln in lines if not (ln.startswith("SLQ,") and ",2026-10," in ln)]
    assert len(lines) - len(kept) == 11
    obs.write_text("".join(kept), encoding="utf-8")
    report, _ = validate_folder(folder)
    late = [w.message for w in report.warnings if "no row for 2026-10" in w.message]
    assert len(late) == 1, late
    assert late[0].startswith("unit 'SLQ', 11 indicators (accommodation_catering_revenue, ")
    assert "have them" in late[0] and "wholesale_retail_sales)" in late[0]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ds = load_folder(folder)
        forecast(ds, "2026-10", n_draws=100, rng=0)
    data = [w for w in caught if issubclass(w.category, DataWarning)]
    assert len([w for w in data if "no row for" in str(w.message)]) == 1
    fc = [str(w.message) for w in caught if issubclass(w.category, ForecastWarning)]
    assert fc == [
        "unit SLQ, indicators fai, retail, revenue: 2026-10 not published; forecast from 2026-09"
    ]
    # The status table reads the late district at its own last month (its row says 2026-09),
    # exactly as the status at 2026-09 reads it, instead of leaving its row out.
    from sprintmodel.status import ytd_status

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        now = ytd_status(ds, "2026-10").set_index(["unit", "indicator"])
        then = ytd_status(ds, "2026-09").set_index(["unit", "indicator"])
    for ind in ("fai", "retail", "revenue"):
        assert now.at[("SLQ", ind), "period"] == "2026-09"
        assert now.loc[("SLQ", ind)].equals(then.loc[("SLQ", ind)])
    assert now.at[("GQQ", "fai"), "period"] == "2026-10"


def test_a_monthly_unreported_district_is_forecast_from_its_last_month(tmp_path: Path) -> None:
    """The catalogue's monthly case: D1's FAI stops at 2025-11 while D2 has 2025-12. The
    forecast stands at D1's November (its note says so) and gives the growth its months show
    (+5.0% every month), not a fall; the city is reconciled at November."""
    import warnings

    from sprintmodel.forecast import forecast

    case = next(c for c in CASES if c.name == "unreported_district_monthly")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = load_folder(build(case, tmp_path / case.name))
        frame = forecast(data, "2025-12", n_draws=500, rng=0).to_frame()
    fai = frame[frame.indicator == "fai"].set_index("unit")
    assert "2025-12 not published: forecast from 2025-11" in fai.note["D1"]
    assert fai.fy_growth["D1"] == pytest.approx(5.0, abs=0.1)
    assert "reconciled at 2025-11" in fai.note["C"]


def test_unreported_is_judged_against_siblings_only(tmp_path: Path) -> None:
    """The city publishing its quarter before every district is not a district "late": no
    district has a sibling with 2025Q4. The reverse (the city missing what its districts
    have) is the catalogue's ``unreported_city_row``."""
    folder = write_tiny(tmp_path / "tiny")
    obs = folder / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [ln for ln in lines if not (ln[:3] in ("D1,", "D2,", "P1,") and ",2025Q4," in ln)]
    obs.write_text("".join(kept), encoding="utf-8")
    report, data = validate_folder(folder)
    assert data is not None
    assert not [w for w in report.warnings if "has no row for" in w.message], report


# ------------------------------------------------------------------ round 2: commands
SCENARIO = str(ROOT / "data" / "example_city" / "scenarios" / "full_sprint.yaml")
COMMAND_CASES = [
    ("as_of_quarter_5", ["forecast", "--as-of", "2026Q5"], "'2026Q5' is not a period"),
    ("as_of_not_a_period", ["status", "--as-of", "abc"], "'abc' is not a period"),
    ("as_of_after_the_data", ["forecast", "--as-of", "2030Q1"], "outside the data"),
    ("as_of_before_the_data", ["status", "--as-of", "1990Q1"], "outside the data"),
    (
        "unit_in_lower_case",
        ["optimize", "--units", "jc", "--indicators", "retail"],
        "Did you mean 'JC'?",
    ),
    ("out_file_is_a_folder", ["forecast", "--out", "."], "it is a folder. Fix:"),
    ("out_is_the_working_folder", ["run", SCENARIO, "--out", "."], "not written by sprintmodel"),
    ("out_not_writable", ["brief", "--out", "/proc/sprintmodel-out"], "not writable"),
    (
        "brief_data_folder_beside_a_scenario",
        ["brief", str(ROOT / "data" / "example_city"), SCENARIO, "--out", "o"],
        "is a data folder (it holds units.csv and observations.csv), not a scenario",
    ),
    ("draws_beyond_memory", ["forecast", "--draws", "100000000"], "GB of memory"),
    (
        "optimize_check_draws_beyond_memory",
        ["optimize", "--indicators", "retail", "--check-draws", "1000000"],
        "--draws + --check-draws 1,000,400 would need about 13.1 GB of memory",
    ),
    (
        "scenario_draws_beyond_the_cap",
        ["run", SCENARIO, "--draws", "2000000", "--out", "o"],
        "must be at most 1000000",
    ),
]


@pytest.mark.parametrize(
    ("name", "args", "phrase"), COMMAND_CASES, ids=[c[0] for c in COMMAND_CASES]
)
def test_a_user_mistake_exits_1_with_the_fix(
    name: str,
    args: list[str],
    phrase: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Through the real entry point (exit codes as the shell sees them): 1, never 3."""
    from sprintmodel.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["sprintmodel", *args])
    with pytest.raises(SystemExit) as done:
        main()
    err = capsys.readouterr().err
    assert done.value.code == 1, err
    assert phrase in " ".join(err.split()), err
    assert "internal error" not in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_validate_reads_the_scenarios(tmp_path: Path) -> None:
    folder = _example_copy(tmp_path)
    scen = folder / "scenarios" / "late_vouchers.yaml"
    scen.write_text(
        scen.read_text(encoding="utf-8").replace(
            "consumption_vouchers:", "consumption_voucher:", 1
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    assert "scenarios/late_vouchers.yaml" in out and "Did you mean 'consumption_vouchers'?" in out


def test_validate_does_not_hang_on_a_fifo_or_a_stray_cell(tmp_path: Path) -> None:
    import time

    for name in ("fifo", "stray_far_cell_xlsx"):
        case = next(c for c in CASES if c.name == name)
        folder = build(case, tmp_path / name)
        start = time.perf_counter()
        report, _ = validate_folder(folder)
        assert not report.ok and time.perf_counter() - start < 30


# ------------------------------------------------------------- round 2: output folders
def _written(target: Path) -> None:
    from sprintmodel.reporting.files import atomic_folder

    with atomic_folder(target) as tmp:
        (tmp / "summary.csv").write_text("a,b\n1,2\n", encoding="utf-8")
        (tmp / "results").mkdir()
        (tmp / "results" / "draws.npz").write_bytes(b"0" * 100)


def test_a_users_file_in_an_earlier_output_is_never_deleted(tmp_path: Path) -> None:
    from sprintmodel.errors import InputError

    target = tmp_path / "out"
    _written(target)
    (target / "我的笔记.docx").write_bytes(b"notes")
    with pytest.raises(InputError, match=r"我的笔记\.docx"):
        _written(target)
    assert (target / "我的笔记.docx").read_bytes() == b"notes"
    (target / "我的笔记.docx").unlink()
    _written(target)  # only sprintmodel's files: replaced


def test_an_edited_output_file_is_not_replaced(tmp_path: Path) -> None:
    from sprintmodel.errors import InputError

    target = tmp_path / "out"
    _written(target)
    (target / "summary.csv").write_text("a,b\n1,2\nmy notes\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"summary\.csv \(changed since sprintmodel wrote it\)"):
        _written(target)


def test_a_copied_marker_never_licenses_a_wipe(tmp_path: Path) -> None:
    from sprintmodel.errors import InputError
    from sprintmodel.reporting.files import MARKER, check_output_folder

    out = tmp_path / "out"
    _written(out)
    home = tmp_path / "home"
    home.mkdir()
    (home / "报告.docx").write_bytes(b"precious")
    (home / MARKER).write_bytes((out / MARKER).read_bytes())  # copied along with an output
    for call in (check_output_folder, _written):
        with pytest.raises(InputError, match=r"报告\.docx"):
            call(home)
    assert (home / "报告.docx").read_bytes() == b"precious"
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / MARKER).write_text("Written by sprintmodel.\n", encoding="utf-8")
    (legacy / "doc.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match=r"doc\.txt"):
        _written(legacy)


def test_a_killed_runs_build_folder_is_cleaned_next_time(tmp_path: Path) -> None:
    from sprintmodel.reporting.files import OWNER_FILE

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / ".out.abc123.tmp"
    stale.mkdir()
    (stale / OWNER_FILE).write_text(f"{dead.pid}\n", encoding="ascii")
    (stale / "half.csv").write_text("a,", encoding="utf-8")
    running = tmp_path / ".out.def456.tmp"  # a concurrent run still writing: kept
    running.mkdir()
    (running / OWNER_FILE).write_text(f"{os.getppid()}\n", encoding="ascii")
    _written(tmp_path / "out")
    assert not stale.exists() and running.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.def456.tmp", "out"]


# ---------------------------------------------------------- round 2: the property test
def _city_growth(folder: Path) -> pd.Series | None:
    """The city's forecast full-year growth per indicator, or None when validation warns or
    refuses (a printed warning or an error is an honest answer to a broken edit)."""
    import warnings

    from sprintmodel.forecast import forecast

    report, data = validate_folder(folder)
    if data is None or report.warnings:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = forecast(data, n_draws=100, rng=0).to_frame()
    return frame[frame.unit == "C"].set_index("indicator").fy_growth


def _edit(folder: Path, kind: str, row: int, factor: float) -> str:
    path = folder / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    body = lines[1:]
    i = row % len(body)
    unit, ind, period, value, growth = body[i].split(",")
    if kind == "delete":
        body.pop(i)
    elif kind == "value" and value:
        body[i] = f"{unit},{ind},{period},{float(value) * factor:.6g},{growth}"
    elif kind == "growth" and growth:
        body[i] = f"{unit},{ind},{period},{value},{float(growth) * factor:.6g}"
    elif kind == "year":
        body[i] = f"{unit},{ind},{int(period[:4]) + int(factor)}{period[4:]},{value},{growth}"
    path.write_text("\n".join([lines[0], *body]) + "\n", encoding="utf-8")
    return body[i] if i < len(body) else ""


@pytest.mark.slow
@given(
    kind=st.sampled_from(["delete", "value", "growth", "year"]),
    row=st.integers(0, 10_000),
    factor=st.sampled_from([100.0, 10_000.0, 0.0001, 0.01, 1.1]),
)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_random_edits_never_move_the_forecast_silently(
    kind: str, row: int, factor: float, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A random edit of one cell either is reported (error or warning) or moves the city's
    forecast growth by no more than the edit explains: 1.5 pp for deleting a row or changing
    a value or growth by 10% (factor 1.1), which no single published cell of a series of four
    units can move further on this folder."""
    clean = _city_growth(write_tiny(tmp_path_factory.mktemp("clean") / "tiny"))
    assert clean is not None
    folder = write_tiny(tmp_path_factory.mktemp("edit") / "tiny")
    what = _edit(folder, kind, row, factor if kind != "year" else 100)
    moved = _city_growth(folder)
    if moved is None:
        return
    shift = (moved - clean).abs().max()
    assert shift <= 1.5, f"{kind} x{factor} at {what!r}: city forecast moved {shift:.2f} pp"
