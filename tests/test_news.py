"""What changed since the last meeting: news.csv adds up, and the briefing shows it."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import sprintmodel as sm
from sprintmodel.briefing.document import ExtraContext
from sprintmodel.briefing.sections.since_last import _section, last_meeting
from sprintmodel.cli import app
from sprintmodel.errors import InputError
from sprintmodel.forecast.news import NEWS_COLUMNS, news, split_change
from sprintmodel.periods import Period


@pytest.fixture(scope="module")
def city() -> sm.DataSet:
    return sm.example_city()


@pytest.fixture(scope="module")
def table(city: sm.DataSet) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return news(city, "2026-10", "2026Q3")


def test_split_change_by_hand() -> None:
    # Weights 0.5/0.5 → 0.25/0.75; forecasts 6, 7 → 6.5, 7. New data: 0.5 × 0.5 = 0.25 pp;
    # new weights: -0.25 × 6.5 + 0.25 × 7 = 0.125 pp; total 6.875 - 6.5 = 0.375 pp.
    s, r = split_change(
        np.array([0.5, 0.5]), np.array([6.0, 7.0]), np.array([0.25, 0.75]), np.array([6.5, 7.0])
    )
    assert (s, r) == pytest.approx((0.25, 0.125))
    # Unchanged weights: everything is the data's.
    s, r = split_change(
        np.array([0.2, 0.8]), np.array([1.0, 2.0]), np.array([0.2, 0.8]), np.array([3.0, 2.0])
    )
    assert (s, r) == pytest.approx((0.4, 0.0))


def test_news_adds_up_within_a_hundredth(table: pd.DataFrame) -> None:
    assert list(table.columns[: len(NEWS_COLUMNS)]) == NEWS_COLUMNS
    parts = table.revisions_pp + table.surprise_pp + table.reestimation_pp + table.other_pp
    assert float((parts - table.change_pp).abs().max()) <= 0.01
    per_series = table[
        [c for c in table.columns if c.startswith("surprise_") and c != "surprise_pp"]
    ]
    assert list(per_series.columns) == [
        "surprise_fai_pp",
        "surprise_retail_pp",
        "surprise_revenue_pp",
        "surprise_wholesale_retail_sales_pp",
        "surprise_accommodation_catering_revenue_pp",
        "surprise_freight_turnover_pp",
        "surprise_deposits_loans_pp",
        "surprise_housing_sales_area_pp",
        "surprise_services_revenue_in_pp",
        "surprise_services_revenue_le_pp",
        "surprise_services_revenue_ot_pp",
    ]
    assert np.allclose(per_series.sum(axis=1), table.surprise_pp)
    assert (table.revisions_pp == 0).all()  # one vintage


def test_news_then_and_now_are_the_two_forecasts(city: sm.DataSet, table: pd.DataFrame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        then = (
            sm.forecast_year(city, "2026Q3", n_draws=200)
            .to_frame()
            .set_index(["unit", "indicator"])
        )
        now = (
            sm.forecast_year(city, "2026-10", n_draws=200)
            .to_frame()
            .set_index(["unit", "indicator"])
        )
    t = table[table.industry.fillna("") == ""].set_index(["unit", "indicator"])
    assert t.fy_growth_then.to_numpy() == pytest.approx(then.loc[t.index].fy_growth.to_numpy())
    assert t.fy_growth_now.to_numpy() == pytest.approx(now.loc[t.index].fy_growth.to_numpy())
    # October's retail figures moved the city's retail forecast; GDP (quarterly, none of its
    # own released) moved with the nowcast from October's source indicators.
    jc = t.loc["JC"]
    assert jc.at["retail", "released"] == "retail 2026-10"
    assert abs(jc.at["retail", "change_pp"]) > 0.05 and abs(jc.at["retail", "surprise_pp"]) > 0.05
    assert jc.at["gdp", "released"] == ""
    assert abs(jc.at["gdp", "change_pp"]) > 0.01


def test_news_refuses_a_since_after_as_of(city: sm.DataSet) -> None:
    with pytest.raises(InputError, match="not before --as-of"):
        news(city, "2026Q3", "2026-10")


def test_forecast_since_writes_news_csv(tmp_path: Path) -> None:
    out = tmp_path / "news"
    r = CliRunner().invoke(
        app,
        [
            "forecast",
            "--as-of",
            "2026-10",
            "--since",
            "2026Q3",
            "--draws",
            "200",
            "--out",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    frame = pd.read_csv(out / "news.csv")
    parts = frame[["revisions_pp", "surprise_pp", "reestimation_pp", "other_pp"]].sum(axis=1)
    assert float((parts - frame.change_pp).abs().max()) <= 0.01
    assert (out / "forecast.csv").exists()
    # the city's industries are printed with their names (they all read 地区生产总值 before)
    lines = [x for x in r.output.splitlines() if x.startswith("地区生产总值")]
    assert "地区生产总值 · 金融业：" in r.output
    assert len({x.split("：")[0] for x in lines}) == len(lines) > 1
    # in Chinese, with the news words of the one word list (they were English before)
    assert "（新数据带来" in lines[0] and "模型重估" in lines[0] and "汇总衔接及其他" in lines[0]
    assert "surprise" not in r.output and "re-estimation" not in r.output
    assert "-0.00" not in r.output


def test_news_line_adds_the_parts_in_either_language() -> None:
    from types import SimpleNamespace

    from sprintmodel.commands.forecast import news_line

    row = SimpleNamespace(
        fy_growth_then=5.4066,
        fy_growth_now=5.4434,
        change_pp=0.0368,
        surprise_pp=-0.004,
        reestimation_pp=0.0308,
        revisions_pp=0.0,
        other_pp=0.01,
    )
    assert news_line("地区生产总值", row, "zh") == (
        "地区生产总值：5.41% → 5.44%，变化+0.04个百分点"
        "（新数据带来+0.00，模型重估+0.03，数据修订+0.00，汇总衔接及其他+0.01）"
    )
    assert news_line("GDP", row, "en") == (
        "GDP: 5.41% → 5.44%, change +0.04 pp (New figures +0.00, Re-estimation +0.03, "
        "Revisions +0.00, Reconciliation and other +0.01)"
    )


def test_component_label_falls_back_to_the_other_language_then_the_code(city: sm.DataSet) -> None:
    assert city.component_label("FI") == "金融业"
    assert (
        city.component_label("FI", lang="en")
        == city.components.set_index("component").at["FI", "name_en"]
    )
    assert city.component_label("XX") == "XX"


def test_last_meeting_and_the_briefing_section(city: sm.DataSet, table: pd.DataFrame) -> None:
    assert last_meeting(Period.parse("2026-10")) == Period.parse("2026Q3")
    assert last_meeting(Period.parse("2026-11")) == Period.parse("2026-10")
    assert last_meeting(Period.parse("2026Q3")) is None
    assert last_meeting(Period.parse("2026-09")) is None
    ctx = ExtraContext(city, "zh", "2026-10", "baseline")
    sec = _section({"since": "2026Q3", "as_of": "2026-10", "news": table}, ctx)
    assert sec is not None and sec.title == "与上月相比"
    rows = {r[0]: r for r in sec.tables[0].rows}
    retail = rows[city.indicators["retail"].label("zh")]
    jc = table[(table.unit == "JC") & (table.indicator == "retail")].iloc[0]
    assert retail[1].text == sm.briefing.formatting.format_number(jc.fy_growth_then, 1)
    assert retail[-1] == "2026-10"
    # the change and its parts in hundredths, as the sentences quote them (one decimal showed
    # fixed-asset investment as -1.0 -> -1.1 with a change of 0.0)
    fmt = sm.briefing.formatting
    assert retail[3].text == fmt.format_number(jc.change_pp, 2)
    assert retail[4].text == fmt.format_number(jc.surprise_pp, 2)
    assert len(retail[3].text.split(".")[-1]) == 2
    assert "两位小数" in sec.tables[0].notes[0]
    assert _section(None, ctx) is None


@pytest.mark.parametrize(
    ("then", "now", "zh", "en"),
    [
        (5.406, 5.433, "全年预计仍为5.4%（+0.03个百分点）", "still 5.4% (+0.03 pp"),
        (5.26, 5.46, "全年预计由5.3%调整为5.5%（+0.20个百分点）", "5.3% → 5.5% (+0.20 pp"),
    ],
)
def test_gdp_sentence_says_still_when_the_printed_figure_did_not_move(
    city: sm.DataSet, then: float, now: float, zh: str, en: str
) -> None:
    # A move smaller than the printed decimal reads "仍为", never "由5.4%调整为5.4%".
    from sprintmodel.briefing.sections.since_last import _gdp_reasons

    row = {
        "unit": city.root,
        "indicator": "gdp",
        "as_of": "2026-10",
        "fy_growth_then": then,
        "fy_growth_now": now,
        "change_pp": now - then,
        "revisions_pp": 0.0,
        "surprise_pp": now - then,
        "reestimation_pp": 0.0,
        "other_pp": 0.0,
        "surprise_retail_pp": now - then,
    }
    root = pd.DataFrame([row])
    assert zh in _gdp_reasons(root, city, "zh")
    assert en in _gdp_reasons(root, city, "en")
