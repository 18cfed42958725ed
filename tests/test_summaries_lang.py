"""Results objects print their summary in the reader's language (sprintmodel.words.summaries).

Chinese names units, indicators and methods and takes its headers from HEADERS; English stays
word for word what it always said (the lines pinned below were printed before ``lang``
existed); and a figure reads the same in both (one figure everywhere).
"""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import sprintmodel as sm
from sprintmodel.data import load_folder
from sprintmodel.forecast import ForecastWarning, forecast
from sprintmodel.forecast.backtest import backtest
from sprintmodel.forecast.result import ForecastResult
from sprintmodel.league.odds import RankOdds
from sprintmodel.league.table import LeagueTable
from sprintmodel.targets import calibrate
from sprintmodel.targets.allocation import solve_allocation

LATIN = re.compile(r"[A-Za-z]{2,}")
"""An English word (or a code: the Chinese printout names what it shows)."""


@pytest.fixture(scope="module")
def city() -> sm.DataSet:
    return sm.example_city()


@pytest.fixture(scope="module")
def fc(city: sm.DataSet) -> ForecastResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sm.forecast_year(city, "2026Q3", n_draws=200, rng=0)


@pytest.fixture(scope="module")
def league(city: sm.DataSet) -> LeagueTable:
    return sm.league_table(city, "2026Q3")


@pytest.fixture(scope="module")
def odds(city: sm.DataSet, fc: ForecastResult, league: LeagueTable) -> RankOdds:
    return sm.rank_odds(fc.draws, city, top=3, current=league)


def _indicator_names(city: sm.DataSet, codes: object) -> list[str]:
    return [city.indicators[c].name_zh for c in dict.fromkeys(codes)]  # type: ignore[call-overload]


def test_the_forecast_in_chinese_names_every_indicator_and_says_no_english(
    city: sm.DataSet, fc: ForecastResult
) -> None:
    text = fc.summary("zh")
    for name in _indicator_names(city, fc.to_frame().indicator):
        assert name in text, name
    assert "江川市" in text and "2026年三季度" in text and "2026年9月" in text
    header = text.splitlines()[1].split()
    assert header == [
        "地区",
        "指标",
        "期间",
        "全年预计增速(%)",
        "80%区间下限(%)",
        "80%区间上限(%)",
        "目标增速(%)",
        "完成目标概率",
    ]
    assert text.startswith("全年预测：截至2026年三季度（组合预测：比例法、动量法、")
    assert not LATIN.findall(text), LATIN.findall(text)[:5]


def test_the_league_in_chinese_names_every_indicator_and_says_no_english(
    city: sm.DataSet, league: LeagueTable
) -> None:
    text = league.summary("zh")
    for name in _indicator_names(city, league.frame.indicator):
        assert name in text, name
    assert text.splitlines()[0] == (
        "区县比拼（累计，2026年前三季度；贡献率分母：统计口径（下级增量合计）；12个地区，7项指标）"
    )
    assert "第一云湖区7.9%" in text and "注：固定资产投资（江川市）" in text
    assert not LATIN.findall(text), LATIN.findall(text)[:5]


def test_english_is_word_for_word_as_before(fc: ForecastResult, league: LeagueTable) -> None:
    """Lines printed by the summaries before they took ``lang`` (main at 349d4b5)."""
    assert fc.summary() == fc.summary("en") == repr(fc)
    assert fc.summary().splitlines()[:3] == [
        "Full-year forecast as of 2026Q3 (combination: ratio, momentum, seasonal_share, drift, "
        "seasonal_step, ets, share_step, ets_level); 68 series, 200 draws",
        "  unit indicator  period fy_growth fy_growth_lo80 fy_growth_hi80 target_growth "
        "p_meet_target",
        "    JC       gdp  2026Q3       5.4            5.2            5.9           6.0            4%",
    ]
    lines = league.summary().splitlines()
    assert lines[:2] == [
        "League table (year to date, 2026Q3; whole = members; 12 units, 7 indicators)",
        "  gdp (2026Q3): average 5.4%, mean 5.4%; first YHQ 7.9%; below average: AFS, CCQ, SLQ; "
        "unallocated 0.2%",
    ]
    assert lines[8] == (
        "  single-item champions (first by growth): YHQ ×6, GXQ ×4, AFS-HT ×1, AFS-SQ ×1, "
        "AFS-LW ×1, GQQ ×1, JKQ ×1"
    )
    assert lines[9].startswith("  note: fai, JC: the whole grows -2.00% (negative, threshold 1%)")


def test_one_figure_in_both_languages(fc: ForecastResult, league: LeagueTable) -> None:
    """The city's GDP: the same figures, in the same order, in English and Chinese, and they
    are the table's figures rounded (5.4066% → 5.4)."""
    row = fc.to_frame().set_index(["unit", "indicator"]).loc[("JC", "gdp")]
    en = next(ln for ln in fc.summary("en").splitlines() if ln.split()[:2] == ["JC", "gdp"])
    zh = next(
        ln for ln in fc.summary("zh").splitlines() if ln.split()[:2] == ["江川市", "地区生产总值"]
    )
    figures = [f"{row.fy_growth:.1f}", f"{row.fy_growth_lo80:.1f}", f"{row.fy_growth_hi80:.1f}"]
    assert en.split()[3:6] == zh.split()[3:6] == figures == ["5.4", "5.2", "5.9"]
    assert en.split()[-1] == zh.split()[-1] == f"{row.p_meet_target:.0%}"
    number = re.compile(r"-?\d+\.\d+%")
    en_gdp = league.summary("en").splitlines()[1]
    zh_gdp = league.summary("zh").splitlines()[1]
    assert number.findall(en_gdp) == number.findall(zh_gdp) == ["5.4%", "5.4%", "7.9%", "0.2%"]


def test_rank_odds_in_chinese(odds: RankOdds) -> None:
    text = odds.summary("zh")
    assert text.splitlines()[0] == "位次概率（200次模拟，前列为前3位）"
    assert "地区生产总值，江川市：最可能居首云湖区（概率1.00）" in text
    assert "地区生产总值，江川市园区：" in text and "注：同组单位中" in text
    assert not LATIN.findall(text), LATIN.findall(text)[:5]
    assert odds.summary().splitlines()[1] == (
        "  gdp, JC: likeliest first YHQ (p = 1.00); P(top 3) CCQ 0.00, GQQ 1.00, YHQ 1.00, "
        "SLQ 0.00, QXS 1.00, AFS 0.00"
    )


def test_backtest_and_calibration_in_chinese(city: sm.DataSet) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bt = backtest(city, years=(2020, 2025), indicators=["gdp"], methods=["ratio", "momentum"])
        cal = calibrate(city, (2023, 2026), indicators=["gdp"], n_draws=50)
    text = bt.summary("zh")
    assert text.splitlines()[0].startswith("滚动起点回测：截至前三季度，2020—2025年")
    assert text.splitlines()[1].split()[:3] == ["指标", "预测方法", "样本数"]
    assert "地区生产总值   比例法" in text and "组合预测" in text
    assert not LATIN.findall(text)
    assert bt.summary().splitlines()[0] == (
        "Rolling-origin backtest as of Q3, 2020-2025 (vintage: as in the folder; no clean "
        "real-time vintage exists)"
    )
    # the year not yet complete is a note: the same fact in both languages
    assert cal.summary().splitlines()[-1] == "note: 2026: not yet complete in the data"
    assert cal.summary("zh").splitlines()[-1] == "注：2026年：数据中尚不完整"
    assert not LATIN.findall(cal.summary("zh"))


def test_allocation_trend_and_next_year_in_chinese(city: sm.DataSet) -> None:
    a = solve_allocation(
        6.0,
        [100, 200, 300],
        [5.0, 6.0, 7.0],
        [3, 4, 5],
        [7, 8, 6.5],
        units=["CCQ", "GQQ", "YHQ"],
        parent="JC",
        indicator="gdp",
    )
    names = {u: city.units[u].name_zh for u in ("JC", "CCQ", "GQQ", "YHQ")}
    names["gdp"] = city.indicators["gdp"].name_zh
    text = a.summary("zh", names)
    assert text.splitlines()[0].startswith("江川市地区生产总值目标6.00%分解至3个地区")
    assert text.splitlines()[3].endswith("6.50%（参考7.00%，范围5.00–6.50）［触及上限］")
    assert not LATIN.findall(text)
    assert a.summary().splitlines()[3] == (
        "  YHQ          6.50%  (reference 7.00%, bounds 5.00–6.50)  [upper]"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ny = sm.draft_targets(city, 2027, rng=0, n_draws=300).next_year["gdp"]
    unit_names = {u: city.units[u].name_zh for u in ny.units}
    text = ny.summary("zh", unit_names)
    assert text.startswith("明年增速分布：地区生产总值，2027年，截至2026年10月，300次模拟")
    assert "今年预计增速(%)" in text and "江川市" in text and not LATIN.findall(text)
    assert ny.summary().startswith("NextYearDraws(gdp, year=2027, as_of=2026-10, 300 draws")
    trend = ny.trend_fit
    assert trend.summary("zh").endswith("方法：局部水平模型）")
    assert trend.summary() == (
        f"TrendFit(9 units, q={trend.ratio:.3g}, gain={trend.gain:.2f}, methods=['local level'])"
    )


def test_a_forecast_warning_is_a_note_said_in_either_language(tiny_folder: Path) -> None:
    obs = tiny_folder / "observations.csv"
    lines = [
        ln
        for ln in obs.read_text(encoding="utf-8").splitlines()
        if not ln.startswith("D2,gdp,2024Q2")
    ]
    obs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(ForecastWarning):
        res = forecast(load_folder(tiny_folder), "2025Q3")
    assert [n.code for n in res.warning_notes] == ["forecast.missing_periods"]
    said = (
        "unit D2, indicator gdp: missing 1 period(s) (2024Q2); the forecast uses the periods "
        "published"
    )
    assert res.warnings == (said,)
    assert res.summary().splitlines()[-2:] == ["1 warning(s):", f"  {said}"]
    assert res.summary("zh").splitlines()[-2:] == [
        "1条提示：",
        "  二区地区生产总值：缺1期数据（2024年二季度），按已公布各期预测",
    ]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "提示：二区地区生产总值：缺1期数据（2024年二季度），按已公布各期预测"),
        ("en", "warning: unit D2, indicator gdp: missing 1 period(s) (2024Q2); the forecast"),
    ],
)
def test_the_forecast_command_says_its_warnings_in_its_language(
    tiny_folder: Path, lang: str, said: str
) -> None:
    obs = tiny_folder / "observations.csv"
    lines = [
        ln
        for ln in obs.read_text(encoding="utf-8").splitlines()
        if not ln.startswith("D2,gdp,2024Q2")
    ]
    obs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["forecast", str(tiny_folder), "--as-of", "2025Q3", "--draws", "200", "--lang", lang]
    out = subprocess.run(
        [sys.executable, "-m", "sprintmodel", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert said in out.stderr.replace("\n", "")
