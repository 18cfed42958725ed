"""``sprintmodel optimize``: end to end (the package runs with ``sprintmodel run``), errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import IDLE_FOR_RETAIL

ROOT = Path(__file__).resolve().parents[1]
FAST = ["--draws", "200", "--check-draws", "2000"]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sprintmodel", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )


@pytest.mark.slow
def test_optimize_writes_a_package_that_run_accepts(tmp_path: Path) -> None:
    out = tmp_path / "package"
    done = cli(
        "optimize",
        "--indicators",
        "retail",
        "--target-probability",
        "0.7",
        "--as-of",
        "2026Q3",  # the example city's monthly series run to 2026-10; the package is Q3's
        "--seed",
        "4",
        "--tornado-draws",
        "300",
        "--lang",
        "en",
        "--out",
        str(out),
        *FAST,
    )
    assert done.returncode == 0, done.stderr
    assert "Least-cost sprint package" in done.stdout and "Tornado" in done.stdout
    assert {p.name for p in out.iterdir()} >= {
        "package.yaml",
        "report.json",
        "tornado.csv",
        "package.csv",
    }
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {"cost", "probability", "feasible", "binding", "single_lever", "seeds"} <= set(report)
    assert report["feasible"] is True and report["seeds"] == {"saa": 4, "check": 5}
    assert report["timings"]["total_s"] > 0
    tornado = pd.read_csv(out / "tornado.csv")
    assert "baseline forecast error" in set(tornado.assumption)
    # The package is a scenario file: `sprintmodel run` accepts it and reproduces the re-check.
    ran = tmp_path / "ran"
    done = cli("run", str(out / "package.yaml"), "--out", str(ran))
    assert done.returncode == 0, done.stderr
    summary = pd.read_csv(ran / "summary.csv")
    row = summary[(summary.unit == "JC") & (summary.indicator == "retail")].iloc[0]
    assert row.p_meet_target == pytest.approx(report["targets"][0]["probability_checked"])
    assert row.p_meet_target >= 0.7 - report["problem"]["tolerance"] - 1e-12
    costs = pd.read_csv(ran / "costs.csv")
    assert costs.cost.sum() == pytest.approx(report["package"]["lever_cost"])
    # A second run replaces the folder it wrote.
    again = cli(
        "optimize",
        "--indicators",
        "retail",
        "--target-probability",
        "0.7",
        "--tornado-draws",
        "0",
        "--out",
        str(out),
        *FAST,
    )
    assert again.returncode == 0, again.stderr
    assert not (out / "tornado.csv").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target-probability", "1.5"], "between 0 and 1"),
        (["--budget", "-1"], "negative"),
        (["--indicators", "gpd"], "Did you mean 'gdp'"),
        (["--units", "XYZ"], "unknown unit"),
        (["--lang", "fr"], "zh or en"),
    ],
)
def test_bad_options_exit_1_without_traceback(args: list[str], message: str) -> None:
    done = cli("optimize", *args, *FAST, "--tornado-draws", "0")
    assert done.returncode == 1
    assert message in done.stderr and "Traceback" not in done.stderr


def test_a_foreign_output_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    done = cli("optimize", "--out", str(tmp_path), *FAST)
    assert done.returncode == 1 and "not replaced" in done.stderr
    assert (tmp_path / "mine.txt").exists()


# ------------------------------------------------------------------------------ words of the notes
ENGLISH_OF_THE_CORE = (
    "levers that move none of the targets",
    "project acceleration options change none of the targets",
    "the recommended package is a single lever",
    "Tornado of",
    "P(meet)",
    "gap +",
    "baseline forecast error",
    "baseline forecast spread",
    "lever consumption_vouchers → retail",
)
"""English phrases the core used to write into the optimiser's notes and tornado."""


@pytest.mark.slow
def test_the_chinese_printout_says_the_notes_in_chinese(tmp_path: Path) -> None:
    import re

    args = ["optimize", "--indicators", "retail", "--target-probability", "0.7"]
    args += ["--as-of", "2026Q3", "--tornado-draws", "300", *FAST]
    zh = cli(*args, "--out", str(tmp_path / "zh"))  # Chinese is the default
    en = cli(*args, "--lang", "en", "--out", str(tmp_path / "en"))
    assert zh.returncode == 0 and en.returncode == 0, zh.stderr + en.stderr
    for phrase in ENGLISH_OF_THE_CORE[:2] + ENGLISH_OF_THE_CORE[3:]:
        assert phrase in en.stdout, phrase  # English keeps its words
    said = [p for p in ENGLISH_OF_THE_CORE if p in zh.stdout]
    assert not said, said
    # no two English words in a row anywhere (codes such as consumption_vouchers are one word)
    assert not re.findall(r"[a-z]{3,} [a-z]{3,}", zh.stdout), zh.stdout
    assert "说明: 以下政策对各目标均无影响（未纳入）：" in zh.stdout
    assert "出口信保与展会拓市场" in zh.stdout  # a lever by its Chinese name
    assert "个项目提前选项对今年各目标均无影响（未纳入）" in zh.stdout
    assert "龙卷风图（敏感性）: 最低成本冲刺方案 (300 次模拟，种子 1)" in zh.stdout
    assert "基线预测误差" in zh.stdout and "发放消费券对社会消费品零售总额的效果" in zh.stdout
    # report.json: the same notes, each with its code, parameters and the printout's text
    for lang, done in (("zh", zh), ("en", en)):
        report = json.loads((tmp_path / lang / "report.json").read_text(encoding="utf-8"))
        notes = {n["code"]: n for n in report["notes"]}
        idle = notes["optimize.levers_idle"]
        assert idle["params"] == {"levers": IDLE_FOR_RETAIL}
        assert notes["optimize.options_idle"]["params"]["n"] > 0
        for n in report["notes"]:
            assert f"{'说明' if lang == 'zh' else 'note'}: {n['text']}" in done.stdout
    # the tornado file keeps its English names whatever the printout's language
    for lang in ("zh", "en"):
        tornado = pd.read_csv(tmp_path / lang / "tornado.csv")
        assert "baseline forecast error" in set(tornado.assumption)


@pytest.mark.slow
def test_an_unreachable_target_is_said_in_the_printouts_language() -> None:
    args = ["optimize", "--indicators", "gdp", "--target-probability", "0.8", "--as-of", "2026Q3"]
    args += ["--seed", "1", "--tornado-draws", "0", *FAST]
    zh = cli(*args)
    assert zh.returncode == 0, zh.stderr
    said = zh.stderr.strip()
    assert said.startswith("说明: 目标概率80%无法达到：最优方案在新抽样上的达标概率为"), said
    assert said in zh.stdout  # the same note closes the summary
    en = cli(*args, "--lang", "en")
    assert en.stderr.strip().startswith("note: the target probability 80% is out of reach: ")
