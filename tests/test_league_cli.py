"""``sprintmodel league`` end to end: CSV and a formatted Excel briefing."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.commands.league import scenario_draws
from sprintmodel.errors import InputError
from sprintmodel.forecast.draws import Draws, IndicatorDraws
from sprintmodel.notes import Note
from sprintmodel.periods import Period

ROOT = Path(__file__).resolve().parents[1]
ISSUE_COLUMNS = [
    "unit",
    "indicator",
    "ytd_growth",
    "increment",
    "contribution_pct",
    "pulling_pp",
    "rank_growth",
    "rank_increment",
    "rank_contribution",
    "below_average",
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sprintmodel", "league", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_csv(tiny_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "league.csv"
    done = run(str(tiny_folder), "--period", "2025Q3", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "比增速" in done.stdout and "一区" in done.stdout
    frame = pd.read_csv(out)
    assert set(ISSUE_COLUMNS) <= set(frame.columns)
    d2 = frame[(frame.unit == "D2") & (frame.indicator == "gdp")].iloc[0]
    assert bool(d2.below_average) and d2.rank_growth == 2
    # D1 and D2 make up the city: 100 × 6.6 / (19.8 + 6.6) = 25.0 (members' increments)
    assert d2.contribution_pct == pytest.approx(25.0) and d2.contribution_basis == "members"
    own = tmp_path / "own.csv"
    done = run(str(tiny_folder), "--period", "2025Q3", "--whole", "parent", "--out", str(own))
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(own)
    d2 = frame[(frame.unit == "D2") & (frame.indicator == "gdp")].iloc[0]
    # on the city's own increment 495 × 5.3% = 26.235: 25.16
    assert d2.contribution_pct == pytest.approx(100 * 6.6 / (495 * 0.053))
    assert d2.contribution_basis == "whole"


def test_xlsx_is_a_formatted_briefing(tiny_folder: Path, tmp_path: Path) -> None:
    (tiny_folder / "enterprises.csv").write_text(
        "enterprise,name,unit,industry,period,ytd_output,ytd_output_last_year\n"
        "E1,甲,D1,汽车,2025Q3,12,10\nE2,乙,D2,化工,2025Q3,4,5\n",
        encoding="utf-8",
    )
    out = tmp_path / "league.xlsx"
    done = run(str(tiny_folder), "--period", "2025Q3", "--out", str(out))
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(out)
    assert "比增速比增量比贡献" in book.sheetnames and "重点企业拉动" in book.sheetnames
    ws = book["比增速比增量比贡献"]
    assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2")  # header row frozen
    headers = [c.value for c in ws[1]]
    for h in ("地区", "累计增速(%)", "增量", "贡献率(%)", "拉动(百分点)", "增速位次", "低于平均"):
        assert h in headers
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2) if r[2].value == "gdp"}
    growth = headers.index("累计增速(%)")
    assert rows["D2"][growth].fill.fgColor.rgb.endswith("F8CBAD")  # below average: red
    assert rows["D1"][0].fill.fgColor.rgb.endswith("C6EFCE")  # champion: green
    assert rows["D1"][growth].number_format == "0.0"
    assert rows["D2"][headers.index("低于平均")].value == "是"
    assert rows["P1"][headers.index("比较组")].value == "园区"
    assert "说明" in book.sheetnames


def test_user_errors_exit_1_without_traceback(
    tiny_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sprintmodel.cli import main

    for args, words in (
        (["--as-of", "2025Q9"], "--as-of"),
        (["--period", "2025Q9"], "--as-of"),
        (["--scenario", str(tmp_path / "none.yaml")], "does not exist"),
        (["--out", str(tmp_path / "x.pdf")], ".csv or .xlsx"),
        (["--lang", "fr"], "--lang"),
    ):
        monkeypatch.setattr(sys, "argv", ["sprintmodel", "league", str(tiny_folder), *args])
        with pytest.raises(SystemExit) as done:
            main()
        err = capsys.readouterr().err
        assert done.value.code == 1, (args, err)
        assert "Traceback" not in err and words in err


def test_scenario_goes_through_the_engine(
    tiny_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--scenario hands the file to the scenario engine and ranks its draws."""
    ds = sm.load_folder(tiny_folder)
    fy = np.array([[200.0, 140.0, 60.0, 50.0]] * 3)
    ind = IndicatorDraws(
        ds.indicators["gdp"],
        ("C", "D1", "D2", "P1"),
        (Period(2025, 3, "Q"),) * 4,
        np.array([-1, 0, 0, -1]),
        np.array([690.0, 460.0, 230.0, 184.0]) / 3.45,
        np.full(4, np.nan),
        np.full(4, np.nan),
        np.full(4, np.nan),
        fy,
    )
    draws = Draws(Period(2025, 3, "Q"), {"gdp": ind})
    calls = []

    def from_yaml(path: Path) -> object:
        return types.SimpleNamespace(path=path, as_of="2025Q3")

    def evaluate_file(dataset: object, spec: types.SimpleNamespace) -> object:
        calls.append((spec.path, spec.as_of))
        return types.SimpleNamespace(to_draws=lambda: draws)

    fake = types.ModuleType("sprintmodel.scenario")
    fake.ScenarioSpec = types.SimpleNamespace(from_yaml=from_yaml)  # type: ignore[attr-defined]
    fake.evaluate_file = evaluate_file  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sprintmodel.scenario", fake)
    file = tmp_path / "s.yaml"
    file.write_text("name: test\n", encoding="utf-8")
    assert scenario_draws(ds, file, "2025Q3") is draws
    assert calls == [(file, "2025Q3")]
    fake.evaluate_file = lambda *a, **k: types.SimpleNamespace(  # type: ignore[attr-defined]
        to_draws=lambda: object()
    )
    with pytest.raises(InputError, match="without full-year draws"):
        scenario_draws(ds, file, None)
    report = sm.league.league_report(ds, "2025Q3", draws=draws)
    merged = report.league_frame("en").set_index("unit")
    assert {"fy_growth", "fy_rank_growth", "p_top_growth", "p_above_average"} <= set(merged.columns)
    assert merged.loc["D1", "p_first_growth"] == 1.0


def test_example_city(tmp_path: Path) -> None:
    out = tmp_path / "city.xlsx"
    done = run("--out", str(out))
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(out)
    assert "比增速比增量比贡献" in book.sheetnames


@pytest.mark.slow
def test_scenario_through_the_real_engine(tmp_path: Path) -> None:
    """A voucher scenario on the example city: the projected retail league moves up."""
    file = tmp_path / "vouchers.yaml"
    file.write_text(
        "name: vouchers\nas_of: 2026Q3\ndraws: 50\nseed: 1\nlevers:\n  consumption_vouchers: 2.0\n",
        encoding="utf-8",
    )
    city = sm.example_city()
    draws = scenario_draws(city, file, None)
    assert str(draws.as_of) == "2026Q3" and draws["retail"].n_draws == 50
    report = sm.league_report(city, draws=draws)
    merged = report.league_frame("zh").set_index(["unit", "indicator"])
    city_retail = merged.loc[(city.root, "retail")]
    assert city_retail.fy_growth > city_retail.ytd_growth  # vouchers lift retail sales
    assert report.odds is not None and report.projected is not None
    with pytest.raises(InputError, match="as of 2026Q3 but --as-of is 2026Q2"):
        scenario_draws(city, file, "2026Q2")


def test_default_period_uses_each_indicators_latest(tiny_folder: Path, tmp_path: Path) -> None:
    """GDP published to 2025Q2, FAI monthly to 2025-12: without --as-of the league is not
    empty; GDP is compared at 2025Q2 (with a note) and FAI labelled 2025-12."""
    obs = tiny_folder / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    obs.write_text(
        "\n".join(x for x in lines if ",gdp,2025Q3," not in x and ",gdp,2025Q4," not in x) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "league.csv"
    done = run(str(tiny_folder), "--out", str(out), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "compared at 2025Q2" in done.stdout and "no gdp figures" not in done.stdout
    frame = pd.read_csv(out).set_index(["indicator", "unit"])
    assert frame.loc[("gdp", "D1"), "period"] == "2025Q2"
    assert frame.loc[("gdp", "D1"), "rank_growth"] == 1
    assert frame.loc[("fai", "C"), "period"] == "2025-12"


# ------------------------------------------------------------- --components: industries' league
# 川城区 (CCQ) as of 2026Q3, component_observations.csv: last year's Jan-Sep value added and
# this year's growth of its 11 industries; the increment is base × growth / 100 [亿元 at last
# year's prices], the contribution rate 100 × increment / Σ increments (the industries partition
# the district).
CCQ_INDUSTRIES = {
    "AR": (3.18, 2.3),
    "ID": (172.60, 5.0),
    "CO": (43.93, 4.0),
    "WH": (123.44, 3.6),
    "TR": (44.16, 4.5),
    "AC": (21.47, 2.7),
    "FI": (172.12, 8.0),
    "RE": (71.40, 4.2),
    "IN": (123.74, 4.2),
    "LE": (69.11, 5.2),
    "OT": (170.44, 2.7),
}


def test_components_rank_each_units_industries_among_themselves() -> None:
    from sprintmodel.league.components import component_league

    city = sm.example_city()
    frame = component_league(city, "2026Q3")
    assert len(frame) == 9 * 11  # the city, 4 districts, 2 counties, 2 parks
    ccq = frame[frame.unit == "CCQ"].set_index("industry")
    total = sum(b * g / 100 for b, g in CCQ_INDUSTRIES.values())
    assert total == pytest.approx(47.63215, rel=1e-6)
    fi = 172.12 * 0.08
    assert ccq.at["FI", "increment"] == pytest.approx(fi, rel=1e-9)
    assert ccq.at["FI", "contribution_pct"] == pytest.approx(100 * fi / total, rel=1e-9)
    assert ccq.at["FI", "contribution_pct"] == pytest.approx(28.9082, rel=1e-5)
    assert ccq.at["FI", "rank_growth"] == 1 and ccq.at["AR", "rank_increment"] == 11
    assert frame.groupby("unit").contribution_pct.sum().to_numpy() == pytest.approx(100.0)
    # The city's industries are ranked among its 11 industries, never with its districts:
    # the plain components_as_units view (the industries beside the districts and parks as the
    # city's children) would rank 工业 among 17.
    jc = frame[frame.unit == "JC"].set_index("industry")
    assert set(jc.n_peers) == {11} and jc.at["ID", "rank_increment"] == 1
    from sprintmodel.league.table import league_table

    plain = league_table(city.components_as_units("gdp"), "2026Q3", indicators=["gdp"]).frame
    assert int(plain.set_index("unit").at["ID", "n_peers"]) == 17


def test_components_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "industries.csv"
    done = run("data/example_city", "--period", "2026Q3", "--components", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "分行业比增速" in done.stdout and "金融业" in done.stdout
    frame = pd.read_csv(out)
    assert len(frame) == 99 and set(frame.unit) >= {"JC", "CCQ", "GXQ"}
    bad = run("data/example_city", "--components", "--baseline")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "--components" in bad.stderr + bad.stdout


# ------------------------------------------------------------------ notes in the command's language
NEAR_ZERO_EN = (
    "fai, JC: the whole grows -2.00% (negative, threshold 1%): contribution rates are unstable, "
    "so contributions are ranked by pulling rate"
)
NEAR_ZERO_ZH = (
    "固定资产投资（江川市）：整体增速为-2.00%（为负，阈值1%），贡献率不稳定，贡献位次按拉动排序"
)
OVERLAP_EN = "overlaps other units of JC: ranked among parks, not added into JC"


def test_league_notes_are_data_with_their_figures() -> None:
    """The example city at 2026Q3: the city's investment falls 2.00% (its own published
    year-to-date growth), below the 1% threshold, so its leagues rank contributions by pulling
    rate; 22 projects have no plan_2026."""
    report = sm.league_report(sm.example_city(), "2026Q3")
    notes = report.all_notes()
    (fai,) = [n for n in notes if n.get("indicator") == "fai" and n.get("league") == "JC"]
    assert fai.code == "league.whole_negative"
    assert fai["growth"] == pytest.approx(-2.0) and fai["threshold"] == 1.0
    assert Note.of("league.projects_without_plan", n=22, column="plan_2026") in notes
    assert NEAR_ZERO_EN in report.note_texts("en")
    assert NEAR_ZERO_ZH in report.note_texts("zh")
    parks = report.table.frame.set_index(["indicator", "unit"]).loc[("gdp", "GXQ"), "note"]
    assert parks == (Note.of("league.overlap", parent="JC"),)


def test_the_chinese_printout_and_csv_say_the_notes_in_chinese(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.csv", tmp_path / "en.csv"
    done = run("--as-of", "2026Q3", "--out", str(zh))
    assert done.returncode == 0, done.stderr
    assert f"注：{NEAR_ZERO_ZH}" in done.stdout.splitlines()
    assert "注：22个项目无plan_2026（年度计划投资），未列出" in done.stdout.splitlines()
    english = ("note:", "the whole grows", "project(s)", "pulling rate", "overlaps")
    assert not [w for w in english if w in done.stdout]
    park = pd.read_csv(zh).set_index(["indicator", "unit"]).loc[("gdp", "GXQ"), "note"]
    assert park == "与江川市其他单位重叠：仅在园区间比较，不计入江川市"
    done = run("--period", "2026Q3", "--lang", "en", "--out", str(en))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"note: {NEAR_ZERO_EN}" in lines
    assert "note: 22 project(s) without a plan_2026 are not shown" in lines
    park = pd.read_csv(en).set_index(["indicator", "unit"]).loc[("gdp", "GXQ"), "note"]
    assert park == OVERLAP_EN
