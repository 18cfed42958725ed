"""``sprintmodel brief``: the README's main command end to end, failures, safe output folders."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAIN_COMMAND_LIMIT_S = 120.0
"""The issue's limit for the README's main command on this machine [s]."""


def brief(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``sprintmodel brief ARGS`` in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "sprintmodel", "brief", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


def brief_here(
    *args: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> subprocess.CompletedProcess[str]:
    """``sprintmodel brief ARGS`` in this process (the same entry point, without the start-up
    cost of a new interpreter)."""
    from sprintmodel.cli import main

    monkeypatch.setattr(sys, "argv", ["sprintmodel", "brief", *args])
    with pytest.raises(SystemExit) as done:
        main()
    out = capsys.readouterr()
    code = done.value.code
    return subprocess.CompletedProcess(args, code if isinstance(code, int) else 1, out.out, out.err)


@pytest.fixture(scope="module")
def main_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float, str]:
    """The README's main command (``sprintmodel brief --out briefing``), cold, in a fresh process."""
    work = tmp_path_factory.mktemp("main")
    t0 = time.perf_counter()
    done = brief("--out", str(work / "briefing"))
    seconds = time.perf_counter() - t0
    assert done.returncode == 0, done.stderr
    return work / "briefing", seconds, done.stdout


def test_main_command_writes_the_three_files_in_time(main_run: tuple[Path, float, str]) -> None:
    out, seconds, stdout = main_run
    for name in ("briefing.docx", "briefing.html", "briefing.xlsx", "manifest.json"):
        assert (out / name).is_file(), name
    assert seconds <= MAIN_COMMAND_LIMIT_S, f"the main command took {seconds:.1f} s"
    # The terminal speaks the briefing's language (zh by default), from words.console.
    assert "江川市：5个情景，5个完成，0个失败" in stdout
    assert re.search(r"  全力冲刺 +地区生产总值 +\d\.\d\d% \[", stdout) and "P(meet)" not in stdout
    assert sorted(p.name for p in (out / "results").iterdir()) == [
        "baseline",
        "full_sprint",
        "lagging_district",
        "late_vouchers",
        "projects_slip",
    ]
    for sub in (out / "results").iterdir():
        for f in ("summary.csv", "attribution.csv", "costs.csv", "projects.csv", "run.json"):
            assert (sub / f).is_file(), sub / f
    assert len(list((out / "charts").glob("*.png"))) >= 6


def test_docx_holds_the_chinese_headline_table(main_run: tuple[Path, float, str]) -> None:
    import docx

    out, _, _ = main_run
    doc = docx.Document(str(out / "briefing.docx"))
    assert "江川市2026年经济运行冲刺简报" in doc.paragraphs[0].text
    headline = next(
        t
        for t in doc.tables
        if t.rows[0].cells[0].text == "指标"
        and "四季度需增长(%)" in [c.text for c in t.rows[0].cells]
    )
    header = [c.text for c in headline.rows[0].cells]
    assert header == [
        "指标",
        "1—9月累计值",
        "1—9月增速(%)",
        "全年目标增速(%)",
        "全年目标值",
        "全年预计增速(%)",
        "预计区间(%)",
        "与目标差距(百分点)",
        "完成目标概率",
        "四季度需增长(%)",
    ]
    first = [c.text for c in headline.rows[1].cells]
    assert first[0] == "地区生产总值（亿元）" and first[1] == "3967.17" and first[2] == "5.4"
    assert re.fullmatch(r"-?\d+\.\d～-?\d+\.\d", first[6]) and first[8].endswith("%")
    # The sentence quoting that row is in the document.
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"四季度需增长{first[9]}%方能完成全年增长{first[3]}%的目标" in text
    assert f"全年预计增长{first[5]}%" in text
    # Runs name an East-Asian font, so Word shows Chinese properly.
    xml = doc.element.xml
    assert 'w:eastAsia="宋体"' in xml and 'w:eastAsia="黑体"' in xml
    assert len(doc.inline_shapes) >= 6


def test_xlsx_opens_with_every_table(main_run: tuple[Path, float, str]) -> None:
    import openpyxl

    out, _, _ = main_run
    book = openpyxl.load_workbook(out / "briefing.xlsx")
    for sheet in ("主要指标", "情景比较-增速", "区县增速", "重点项目", "情景汇总", "说明"):
        assert sheet in book.sheetnames, book.sheetnames
    ws = book["主要指标"]
    assert ws["A1"].value == "指标" and ws["A2"].value == "地区生产总值（亿元）"
    assert ws.freeze_panes == "B2"
    assert ws["F2"].number_format == "0.0" and isinstance(ws["F2"].value, float)
    rows = sum(
        len(f.read_text(encoding="utf-8").splitlines()) - 1
        for f in (out / "results").glob("*/summary.csv")
    )
    assert book["情景汇总"].max_row == 1 + rows  # every scenario's summary, stacked


def test_html_is_self_contained(main_run: tuple[Path, float, str]) -> None:
    out, _, _ = main_run
    page = (out / "briefing.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert page.count("data:image/png;base64,") >= 6
    assert not re.search(r"""(src|href)=["']https?://""", page)
    assert "主要指标全年预判" in page and "发布前核查" in page


def test_manifest_records_versions_hashes_and_seeds(main_run: tuple[Path, float, str]) -> None:
    from sprintmodel import __version__
    from sprintmodel.scenario.jobs import folder_sha256

    out, _, _ = main_run
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["sprintmodel_version"] == __version__
    assert m["data"]["sha256"] == folder_sha256(ROOT / "data" / "example_city")
    assert m["n_ok"] == 5 and m["n_failed"] == 0 and m["reference"] == "baseline"
    for s in m["scenarios"]:
        assert s["status"] == "ok" and s["seed"] == 0 and s["draws"] == 8192
        assert len(s["spec_sha256"]) == 64 and len(s["file_sha256"]) == 64
    assert m["outputs"][:3] == ["briefing.docx", "briefing.html", "briefing.xlsx"]


def test_same_inputs_give_byte_identical_summaries(main_run: tuple[Path, float, str]) -> None:
    """Run again into the same folder (the demo run twice): replaced whole, same bytes."""
    from sprintmodel.briefing import brief as run_brief

    out, _, _ = main_run
    before = {p.parent.name: p.read_bytes() for p in (out / "results").glob("*/summary.csv")}
    run = run_brief(out=out, charts=False, extras=(), progress=False)
    assert run.ok
    after = {p.parent.name: p.read_bytes() for p in (out / "results").glob("*/summary.csv")}
    assert before == after and len(after) == 5
    assert not (out / "charts").exists()  # the folder was replaced as a whole
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".briefing.")]


@pytest.fixture
def scenarios(tiny_folder: Path) -> Path:
    sc = tiny_folder / "scenarios"
    sc.mkdir()
    (sc / "base.yaml").write_text(
        "name: base\ndescription: 基准情景\nas_of: 2025Q3\ndraws: 200\nseed: 1\n",
        encoding="utf-8",
    )
    (sc / "bonds.yaml").write_text(
        "name: 专项债\nas_of: 2025Q3\ndraws: 200\nseed: 1\nlevers:\n  special_bonds: 5\n",
        encoding="utf-8",
    )
    (sc / "typo.yaml").write_text(
        "name: typo\nas_of: 2025Q3\ndraws: 200\nseed: 1\nlevers:\n  special_bond: 5\n",
        encoding="utf-8",
    )
    return sc


def test_a_bad_scenario_is_reported_and_the_rest_written(
    tmp_path: Path,
    tiny_folder: Path,
    scenarios: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "b"
    done = brief_here(
        str(scenarios),
        "--data",
        str(tiny_folder),
        "--out",
        str(out),
        "--no-charts",
        "--no-extras",
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "error: scenario typo" in done.stderr and "special_bond" in done.stderr
    assert "Traceback" not in done.stderr
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["n_failed"] == 1 and m["n_ok"] == 2
    typo = next(s for s in m["scenarios"] if s["name"] == "typo")
    assert typo["status"] == "failed" and "special_bond" in typo["error"]
    assert (out / "results" / "typo" / "error.txt").is_file()
    assert (out / "results" / "专项债" / "summary.csv").is_file()
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out / "briefing.docx")).paragraphs)
    assert "未能运行的情景" in text and "1个情景未能运行" in text


def test_english_and_the_default_baseline(
    tmp_path: Path,
    tiny_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A data folder without scenarios/ gets the baseline at its latest period."""
    out = tmp_path / "en"
    done = brief_here(
        "--data",
        str(tiny_folder),
        "--out",
        str(out),
        "--lang",
        "en",
        "--draws",
        "100",
        "--no-extras",
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert done.returncode == 0, done.stderr
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in m["scenarios"]] == ["baseline"] and m["lang"] == "en"
    page = (out / "briefing.html").read_text(encoding="utf-8")
    assert "Where the year lands" in page


def test_a_data_folder_named_as_the_scenarios_is_read_as_data_and_said(
    tmp_path: Path,
    tiny_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``sprintmodel brief FOLDER`` (as every other command takes its data folder) runs that
    folder's briefing, as ``--data FOLDER`` would, with a note; the data are not the example
    city's."""
    out = tmp_path / "b"
    args = ("--out", str(out), "--draws", "100", "--no-extras", "--no-charts")
    done = brief_here(str(tiny_folder), *args, monkeypatch=monkeypatch, capsys=capsys)
    assert done.returncode == 0, done.stderr
    assert f"note: {tiny_folder} is a data folder: read as --data {tiny_folder}" in done.stderr
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in m["scenarios"]] == ["baseline"]
    assert Path(m["data"]["folder"]).resolve() == tiny_folder.resolve()


def test_refuses_a_folder_it_did_not_write(
    tmp_path: Path,
    tiny_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    done = brief_here(
        "--data", str(tiny_folder), "--out", str(mine), monkeypatch=monkeypatch, capsys=capsys
    )
    assert done.returncode == 1 and "not written by sprintmodel" in done.stderr
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--executor", "spark"], "unknown --executor"),
        (["--executor", "local", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs"),
        (["--lang", "fr"], "unknown language"),
        (["no_such_file.yaml"], "does not exist"),
    ],
)
def test_usage_errors_are_one_message(
    tmp_path: Path,
    tiny_folder: Path,
    args: list[str],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    done = brief_here(
        *args,
        "--data",
        str(tiny_folder),
        "--out",
        str(tmp_path / "x"),
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert done.returncode == 1 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "x").exists()


def test_out_is_required(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    done = brief_here(monkeypatch=monkeypatch, capsys=capsys)
    assert done.returncode == 2 and "--out" in (done.stderr + done.stdout)


def test_the_readme_main_command_is_the_demo() -> None:
    dev = (ROOT / "dev.py").read_text(encoding="utf-8")
    assert 'DEMO_ARGS = ["brief", "--out", "briefing"]' in dev
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "sprintmodel brief --out briefing" in readme


def test_copying_a_written_folder_keeps_it_replaceable(
    main_run: tuple[Path, float, str], tmp_path: Path
) -> None:
    out, _, _ = main_run
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    assert (copy / ".sprintmodel-output").is_file()
