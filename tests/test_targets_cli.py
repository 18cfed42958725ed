"""``sprintmodel targets`` end to end: the output folder, the workbook and user errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_UNITS = ("CCQ", "GQQ", "YHQ", "SLQ", "QXS", "AFS")  # the example city's districts, counties


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sprintmodel", "targets", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("targets") / "draft"
    done = run(
        "--year",
        "2027",
        "--out",
        str(folder),
        "--draws",
        "100",
        "--seed",
        "3",
        "--province-growth",
        "gdp=5.5",
        "--bound",
        "gdp/SLQ=..6.5",
        "--towns",
    )
    return folder, done


def test_files_and_columns(out: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, done = out
    assert done.returncode == 0, done.stderr
    assert "保底" in done.stdout and f"wrote {folder}" in done.stdout
    for name in (
        "targets.xlsx",
        "options.csv",
        "allocation.csv",
        "milestones.csv",
        "investment_plan.csv",
        "run.json",
        ".sprintmodel-output",
    ):
        assert (folder / name).exists(), name
    options = pd.read_csv(folder / "options.csv")
    assert list(options.columns[:5]) == [
        "indicator",
        "option",
        "target_growth",
        "target_value",
        "probability",
    ]
    assert "province" in set(options.option)
    alloc = pd.read_csv(folder / "allocation.csv")
    assert list(alloc.columns[:4]) == ["unit", "indicator", "target_value", "target_growth"]
    slq = alloc[(alloc.unit == "SLQ") & (alloc.indicator == "gdp")].iloc[0]
    assert slq.target_growth <= 6.5 + 1e-9
    assert {"AFS-HT", "AFS-SQ", "AFS-LW"} <= set(alloc[alloc.level == "town"].unit)
    ms = pd.read_csv(folder / "milestones.csv")
    assert list(ms.columns[:5]) == ["unit", "indicator", "period", "ytd_value", "ytd_growth"]
    plan = pd.read_csv(folder / "investment_plan.csv", keep_default_na=False, na_values=[""])
    # The register's 53 projects, then the pipeline's reserve and planned ones.
    assert (plan.plan_source != "pipeline").sum() == 53
    pipe = pd.read_csv(ROOT / "data" / "example_city" / "project_pipeline.csv")
    assert (plan.plan_source == "pipeline").sum() == len(pipe)
    assert set(plan.stage) == {"continuing", "new_start", "reserve", "planned"}
    assert {"funding_source", "land_ready", "eia_ready", "funds_ready", "ready"} <= set(plan)
    cov = pd.read_csv(folder / "investment_coverage.csv", keep_default_na=False, na_values=[""])
    city = cov[cov.unit == "JC"].set_index(["by", "key"])
    total = city.loc[("total", "all")]
    assert total.plan_next_year == pytest.approx(plan.plan_next_year.sum())
    assert total.share_pct == pytest.approx(100 * total.plan_next_year / total.target_level)
    assert total.gap == pytest.approx(total.target_level - total.plan_next_year)
    # Stages and sources each partition the plan.
    for by in ("stage", "funding_source"):
        assert city.loc[by].plan_next_year.sum() == pytest.approx(total.plan_next_year)
    reserve = pipe[pipe.stage == "reserve"].plan_2027.sum()
    assert city.loc[("stage", "reserve")].plan_next_year == pytest.approx(reserve, abs=1e-6)
    assert set(cov.unit) >= {"JC", "CCQ", "GQQ", "YHQ", "SLQ", "QXS", "AFS"}
    meta = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert meta["year"] == 2027 and meta["seed"] == 3 and meta["draws"] == 100


def test_workbook_has_chinese_headers(out: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, _ = out
    book = openpyxl.load_workbook(folder / "targets.xlsx")
    for sheet in ("目标方案", "保底力争奋斗", "指标分解", "时序进度", "双过半", "投资计划", "说明"):
        assert sheet in book.sheetnames, sheet
    head = [c.value for c in book["目标方案"][1]]
    assert {"指标", "方案", "目标增速(%)", "目标值", "实现概率", "档次"} <= set(head)
    values = {c.value for row in book["目标方案"].iter_rows(min_row=2) for c in row}
    assert {"稳妥", "基准", "积极", "保底", "力争", "奋斗"} <= values
    assert "累计增速(%)" in [c.value for c in book["时序进度"][1]]
    assert book["指标分解"].freeze_panes == "B2"


_NOT_WORDS = re.compile(
    r"--[a-z][\w-]*"  # an option of the command line (--province-growth)
    r"|[\w-]+\.(?:csv|xlsx|yaml|json)\b"  # a file name (province_targets.csv)
    r"|\d(?:\.\d+)?e[+-]\d+"  # a number in scientific notation (2.2e-16)
)
"""What a Chinese note may carry in ASCII letters besides a code of the data."""


def english_words(text: str) -> list[str]:
    """The English words (two letters or more) of a Chinese text, flags, files and numbers
    aside: a Chinese note names units and indicators, so none is left."""
    return re.findall(r"[A-Za-z]{2,}", _NOT_WORDS.sub(" ", text))


def test_the_check_finds_an_english_note() -> None:
    # the check itself: the English words of a note are found, its Chinese words pass
    from sprintmodel.notes import Note
    from sprintmodel.words.notes import note_text

    n = Note.of("targets.binding_sum", parent="JC", error=2.2e-16, residual=2.92)
    assert english_words(note_text(n, "en"))[:3] == ["units", "add", "up"]
    assert english_words(note_text(n, "zh", {"JC": "江川市"})) == []
    assert english_words("未给出省级目标（--province-growth 或 province_targets.csv）") == []


def test_chinese_outputs_say_their_notes_in_chinese(
    out: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    """--lang zh (the default): the note column of every CSV and the printout's 注： lines
    carry no English word (codes of units and indicators are named)."""
    folder, done = out
    assert done.returncode == 0, done.stderr
    said: dict[str, list[str]] = {}
    for name in ("options", "allocation", "binding", "milestones", "components"):
        notes = pd.read_csv(folder / f"{name}.csv", keep_default_na=False).note
        said[name] = [n for n in notes if n]
    said["printout"] = [line for line in done.stdout.splitlines() if line.startswith("注：")]
    # what is said (so that the check cannot pass on empty columns)
    assert "今年的增速目标" in said["options"]
    assert any(n.startswith("统计测算增速") for n in said["options"])
    assert "基准方案" in said["allocation"]
    assert any("本级" in n and "江川市" in n for n in said["allocation"])
    assert any(n.startswith("与其他乡镇及本级共同构成") for n in said["allocation"])
    assert any(n.startswith("各单位合计等于江川市的目标") for n in said["binding"])
    assert set(said["components"]) == {"趋势：局部水平模型"}
    assert len(said["printout"]) >= 4
    english = {name: [n for n in notes if english_words(n)] for name, notes in said.items()}
    assert english == {name: [] for name in said}, english


def test_the_workbooks_notes_sheet_says_the_sources_in_chinese(
    out: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    from sprintmodel.targets import TargetConfig
    from sprintmodel.words.target_notes import SOURCES_ZH

    assert set(SOURCES_ZH) == set(TargetConfig().sources)  # every default's source has words
    folder, _ = out
    sheet = openpyxl.load_workbook(folder / "targets.xlsx")["说明"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert "slip_months: 假设：推迟一个季度" in cells
    assert not [c for c in cells if "assumption" in c or "baseline forecast" in c], cells


def main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The command line in this process (exit code, stdout, stderr)."""
    from sprintmodel.cli import main as cli_main

    argv = sys.argv
    sys.argv = ["sprintmodel", "targets", *args]
    try:
        cli_main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.argv = argv
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_english_without_projects(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "en"
    code, _, err = main(
        [
            "--year",
            "2027",
            "--out",
            str(folder),
            "--draws",
            "50",
            "--lang",
            "en",
            "--no-projects",
            "--indicator",
            "gdp",
            "--indicator",
            "fai",
        ],
        capsys,
    )
    assert code == 0, err
    book = openpyxl.load_workbook(folder / "targets.xlsx")
    assert "Options" in book.sheetnames and "Investment plan" not in book.sheetnames
    assert "Target growth (%)" in [c.value for c in book["Options"][1]]
    assert set(pd.read_csv(folder / "options.csv").indicator) == {"gdp", "fai"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--target", "gdp=30", *[f"--bound={u}=..8" for u in EXAMPLE_UNITS]],
            "cannot be allocated within the bounds",
        ),
        (["--province-growth", "gdp"], "INDICATOR=GROWTH"),
        (["--year", "2026"], "--as-of 2025Q3"),
        (["--bound", "XYZ=1..2"], "unknown unit"),
        (["--bound", "SLQ=7..4"], "lower bound is above"),
        (["--lang", "fr"], "--lang must be zh or en"),
    ],
)
def test_user_errors(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Bad input is one ``error:`` line and exit code 1, before any work."""
    base = ["--draws", "50", "--indicator", "gdp", "--no-projects"]
    argv = [*base, *args] if "--year" in args else ["--year", "2027", *base, *args]
    code, _, err = main(argv, capsys)
    assert code == 1
    assert err.startswith("error:") and message in err
    assert "Traceback" not in err


def test_a_foreign_output_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    code, _, err = main(["--year", "2027", "--out", str(mine), "--draws", "50"], capsys)
    assert code == 1 and "not written by sprintmodel" in err
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_one_district_folder_widens_the_bounds_instead_of_failing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The city and one district (~13% of it): the city's exports target lies beyond the
    district's reference + 3 pp (the rest of the city grows faster). The command widens the
    district's bound, says so, and exits 0 (it used to fail with "cannot be allocated")."""
    src = ROOT / "data" / "example_city"
    folder = tmp_path / "one_child"
    folder.mkdir()
    keep = {"JC", "SLQ"}
    units = pd.read_csv(src / "units.csv", dtype=str, keep_default_na=False)
    units[units.unit.isin(keep)].to_csv(folder / "units.csv", index=False)
    (folder / "indicators.csv").write_bytes((src / "indicators.csv").read_bytes())
    for name in ("observations", "targets"):
        t = pd.read_csv(src / f"{name}.csv", dtype=str, keep_default_na=False)
        t[t.unit.isin(keep)].to_csv(folder / f"{name}.csv", index=False)
    out = tmp_path / "out"
    args = [str(folder), "--out", str(out), "--draws", "200", "--no-projects", "--lang", "en"]
    code, stdout, err = main([*args, "--indicator", "exports"], capsys)
    assert code == 0, err
    assert "widened by" in stdout
    alloc = pd.read_csv(out / "allocation.csv")
    alloc["note"] = alloc["note"].fillna("")
    city = alloc[alloc.unit == "JC"].iloc[0]
    slq = alloc[alloc.unit == "SLQ"].iloc[0]
    # One district: it carries the city's target, its residual growing with the city.
    assert slq.target_growth == pytest.approx(city.target_growth)
    assert slq.upper == pytest.approx(slq.target_growth) and slq.binding == "upper"
    assert slq.upper - slq.reference_growth > 3.0
    assert "widened" in slq.note
    residual = city.this_year_value - slq.this_year_value
    total = slq.target_value + residual * (1 + city.target_growth / 100)
    assert total == pytest.approx(city.target_value, rel=1e-9)
