"""The live nowcast at a monthly origin (issue 17): hand-worked bridge, the forecast moves by
what the bridge says, news adds up, and only data published by the origin count."""

from __future__ import annotations

import re
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.forecast import forecast
from sprintmodel.forecast.live_nowcast import (
    LIVE_MEMBERS,
    composite_bridge,
    error_ratio,
    live_nowcast,
    move_draws,
)
from sprintmodel.forecast.news import news
from sprintmodel.forecast.nowcast import nowcast_rows
from sprintmodel.notes import Note
from sprintmodel.periods import as_period
from sprintmodel.words.notes import code_names, note_text

PARK = "GXQ"  # a park: not reconciled with other units, so its point is the nowcast itself


@pytest.fixture(scope="module")
def city() -> sm.DataSet:
    return sm.example_city()


def _gdp(ds: sm.DataSet, as_of: str) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = forecast(ds, as_of, indicators=["gdp"], n_draws=400)
    return r.to_frame().set_index("unit")


def test_composite_bridge_by_hand() -> None:
    # Six past years, base 0, outcome 2 s with s = -1, 1, ... (mean 0, sd 1): the ridge normal
    # equations are diag(6, 6 + 5) coef = (0, 12), coef = (0, 12/11). Two series, weights
    # 0.5 each and equal signals, so x = s; the live year's s = 2 gives 12/11 × 2 = 24/11,
    # split 12/11 to each series.
    s = np.array([-1.0, 1.0, -1.0, 1.0, -1.0, 1.0, 2.0])
    base = np.zeros(7)
    actual = np.append(2.0 * s[:6], np.nan)
    intercept, parts = composite_bridge(base, actual, np.column_stack([s, s]), np.array([0.5, 0.5]))
    assert intercept[-1] == pytest.approx(0.0, abs=1e-12)
    assert parts[-1] == pytest.approx([12 / 11, 12 / 11])
    assert (parts[:6] == 0).all()  # fewer than six earlier years: no bridge


def test_error_ratio_and_moved_draws_by_hand() -> None:
    a = np.array([5.0, 5.0, 5.0, np.nan])
    # nowcast errors 0.5 (three years), base errors 1: ratio 0.5
    assert error_ratio(np.array([5.5, 4.5, 5.5, 6.0]), np.array([6.0, 4.0, 6.0, 6.0]), a) == 0.5
    # two differing years only: spread kept
    assert error_ratio(np.array([5.5, 4.5, 6.0, 6.0]), np.array([6.0, 4.0, 6.0, 6.0]), a) == 1.0
    from sprintmodel.forecast.live_nowcast import LiveNowcast

    moved = move_draws(np.array([4.0, 5.0, 7.0]), 5.0, LiveNowcast(5.0, 5.3, 2.0))
    assert moved == pytest.approx([3.3, 5.3, 9.3])


def test_october_moves_gdp_by_what_the_bridge_says(city: sm.DataSet) -> None:
    q3, oct_ = _gdp(city, "2026Q3"), _gdp(city, "2026-10")
    # the bridge straight from nowcast_rows on the forecast's own rolling-origin rows
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = forecast(city, "2026-10", indicators=["gdp"], n_draws=400)
    fit = next(f for f in r.fits if f.block.freq == "Q")
    i = fit.block.units.index(PARK)
    years = fit.block.years
    base = pd.DataFrame(
        {
            "unit": PARK,
            "indicator": "gdp",
            "year": years,
            "period": "",
            "method": "combination",
            "forecast_growth": fit.growth[i],
            "actual_growth": np.where(years == 2026, np.nan, fit.actual_growth[i]),
        }
    )
    rows = nowcast_rows(city.until("2026-10"), base, 10, members=LIVE_MEMBERS)
    # the nowcast module's judged weights need six years: on the city's ten they stay on the base
    judged = rows[(rows.method == "nowcast") & (rows.year == 2026)].iloc[0]
    assert judged.forecast_growth == pytest.approx(judged.base_growth, abs=1e-12)
    # so the sources bridge is judged against the base on its earlier years (inverse MSE)
    src = rows[rows.method == "sources"].set_index("year")
    live = src.loc[2026]
    past = src[(src.index < 2026) & ((src.forecast_growth - src.base_growth).abs() > 1e-12)]
    assert list(past.index) == [2021, 2022, 2023, 2024, 2025]
    mse_b = float(((past.base_growth - past.actual_growth) ** 2).mean())
    mse_s = float(((past.forecast_growth - past.actual_growth) ** 2).mean())
    w = (1 / mse_s) / (1 / mse_b + 1 / mse_s)
    said = w * float(live.forecast_growth - live.base_growth)
    assert 0.0 < w < 1.0 and abs(said) > 0.05  # October's sources say something on Q4
    assert live.base_growth == pytest.approx(q3.at[PARK, "fy_growth"], abs=1e-9)
    assert oct_.at[PARK, "fy_growth"] - q3.at[PARK, "fy_growth"] == pytest.approx(said, abs=1e-9)
    assert "nowcast from 2026-10" in oct_.at[PARK, "note"]
    # intervals moved with the point: it stays inside them
    assert (
        oct_.at[PARK, "fy_growth_lo80"]
        < oct_.at[PARK, "fy_growth"]
        < oct_.at[PARK, "fy_growth_hi80"]
    )
    # the quarter's end: no nowcast, the Q3 figures
    assert "nowcast" not in str(q3.at[PARK, "note"])


def _shifted(ds: sm.DataSet, period: str, by: float) -> sm.DataSet:
    """The folder with every source indicator's year-to-date growth at ``period`` moved by
    ``by`` [pp] (November rows added as copies of October's when missing)."""
    src = ds.source_observations
    assert src is not None
    if period not in set(src.period):
        extra = src[src.period == "2026-10"].copy()
        extra["period"], extra["month"] = period, 11
        if "index" in extra.columns:
            extra["index"] = 11
        src = pd.concat([src, extra], ignore_index=True)
    src = src.copy()
    hit = src.period == period
    src.loc[hit, "ytd_growth"] = src.loc[hit, "ytd_growth"] + by
    return replace(ds, source_observations=src)


def test_only_data_published_by_the_origin_count(city: sm.DataSet) -> None:
    base = _gdp(city, "2026-10").at[PARK, "fy_growth"]
    # November's figures (not out at the October origin) must not move October's nowcast
    november = _gdp(_shifted(city, "2026-11", 5.0), "2026-10").at[PARK, "fy_growth"]
    assert november == pytest.approx(base, abs=1e-12)
    # October's do: a stronger October moves the park's GDP (its bridge term has a sign)
    october = _gdp(_shifted(city, "2026-10", 5.0), "2026-10").at[PARK, "fy_growth"]
    assert abs(october - base) > 0.05


def test_live_nowcast_keeps_the_base_at_a_quarter_end(city: sm.DataSet) -> None:
    data = city.until(as_period("2026-10"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = forecast(city, "2026-10", indicators=["exports"], n_draws=100)
    fit = next(f for f in r.fits if f.block.freq == "Q")
    nows = live_nowcast(data, fit, fit.block.year_index(2026), 9)  # a quarter's end
    assert all(n.growth == n.base and n.notes == () for n in nows)


def test_news_gdp_split_adds_up_to_the_bridge(city: sm.DataSet) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = news(city, "2026-10", "2026Q3")
    parts = t.revisions_pp + t.surprise_pp + t.reestimation_pp + t.other_pp
    assert float((parts - t.change_pp).abs().max()) <= 0.01
    park = t[(t.unit == PARK) & (t.indicator == "gdp")].iloc[0]
    per = [c for c in t.columns if c.startswith("surprise_") and c != "surprise_pp"]
    # the park is not reconciled: its change is the bridge's, series terms plus intercept
    assert abs(park.other_pp) < 1e-9
    assert park[per].sum() == pytest.approx(park.surprise_pp, abs=1e-12)
    assert abs(park.surprise_wholesale_retail_sales_pp) > 0.0
    # the city's industries are there, each adding up
    ind = t[t.industry.fillna("") != ""]
    assert set(ind.industry) == set(city.component_codes("gdp"))
    wh = ind[ind.industry == "WH"].iloc[0]
    assert abs(wh.surprise_wholesale_retail_sales_pp) > 0.02
    assert wh.surprise_services_revenue_in_pp == 0.0  # not WH's source


def test_industries_still_add_up_to_gdp_at_october(city: sm.DataSet) -> None:
    from sprintmodel.forecast.industries import industry_forecast

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        q3 = industry_forecast(city, "2026Q3", units=["CCQ"], n_draws=200)
        oct_ = industry_forecast(city, "2026-10", units=["CCQ"], n_draws=200)
    assert q3 is not None and oct_ is not None
    # GDP's growth is its industries' share-weighted growth plus the fixed residual in every
    # draw (as at Q3: 0.0099 pp for 川城区), after the nowcast moved the industries
    diff = oct_.gdp_growth - oct_.built_growth()
    assert np.ptp(diff) < 1e-9 and diff[0, 0] == pytest.approx(0.0099036, abs=1e-6)
    wh = oct_.industries.index("WH")
    assert abs(oct_.fy_growth()[0, wh] - q3.fy_growth()[0, wh]) > 1e-3


def _own_retail(ds: sm.DataSet, drop_loans_of: str | None = None) -> sm.DataSet:
    """The city with hand-made 2025 single-month wholesale and retail sales: 川城区 (CCQ)
    4, 5, 6, 9 % in July-October, the city 3 % every month; without one unit's loans."""
    src = ds.source_observations
    assert src is not None
    key = src.indicator == "wholesale_retail_sales"
    mine = src[key & src.unit.isin(["CCQ", "JC"]) & (src.year == 2025)].copy()
    mine[["ytd_value", "ytd_growth"]] = np.nan
    own = {7: 4.0, 8: 5.0, 9: 6.0, 10: 9.0}
    mine["single_growth"] = [
        own.get(int(m), 5.0) if u == "CCQ" else 3.0
        for u, m in zip(mine.unit, mine.month, strict=True)
    ]
    rest = src[~(key & src.unit.isin(["CCQ", "JC"]))]
    if drop_loans_of is not None:
        rest = rest[~((rest.unit == drop_loans_of) & (rest.indicator == "deposits_loans"))]
    return replace(ds, source_observations=pd.concat([rest, mine], ignore_index=True))


def test_a_districts_industries_read_the_districts_own_series(city: sm.DataSet) -> None:
    from sprintmodel.forecast.live_nowcast import borrowed_note, source_weights
    from sprintmodel.forecast.nowcast import signal_frame, signal_owners

    ds = _own_retail(city, drop_loans_of="CCQ")
    view = ds.components_as_units("gdp", "CCQ")
    assert signal_owners(view, "WH") == ("WH", "CCQ", "JC")
    # October against the third quarter's mean: CCQ 9 - (4 + 5 + 6) / 3 = 4, the city's 0
    sig = signal_frame(view, "WH", 10, np.array([2025]))
    assert sig.loc[2025, "wholesale_retail_sales"] == pytest.approx(4.0)
    city_sig = signal_frame(ds.components_as_units("gdp", "JC"), "WH", 10, np.array([2025]))
    assert city_sig.loc[2025, "wholesale_retail_sales"] == pytest.approx(0.0)
    # the sources member: WH from CCQ (elasticity 0.657); FI's loans from the city, noted
    owners, weights = source_weights(view, "WH", "gdp")
    assert owners == {"wholesale_retail_sales": "CCQ"}
    assert weights == {"wholesale_retail_sales": pytest.approx(0.657)}
    owners_fi, _ = source_weights(view, "FI", "gdp")
    assert owners_fi == {"deposits_loans": "JC"}
    (note,) = borrowed_note(view, "FI")
    assert note == Note.of("forecast.borrowed", sources=["deposits_loans"], root="JC", parent="CCQ")
    assert note_text(note, "en") == "deposits_loans: JC's monthly series (CCQ has none)"
    names = code_names(view.source_indicators, view.units)
    assert note_text(note, "zh", names).endswith("：采用江川市的月度数据（川城区无此数据）")
    assert borrowed_note(view, "WH") == ()
    # the city's own industries borrow from nobody
    assert borrowed_note(ds.components_as_units("gdp", "JC"), "FI") == ()


def test_a_districts_industry_nowcast_follows_its_own_series(city: sm.DataSet) -> None:
    # Raise CCQ's own October 2026 wholesale and retail sales: CCQ's WH moves, the city's does not.
    src = city.source_observations
    assert src is not None
    up = src.copy()
    row = (up.unit == "CCQ") & (up.indicator == "wholesale_retail_sales") & (up.period == "2026-10")
    assert row.sum() == 1
    up.loc[row, "ytd_growth"] += 3.0
    raised = replace(city, source_observations=up)

    def wh(ds: sm.DataSet, unit: str) -> float:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = forecast(ds.components_as_units("gdp", unit), "2026-10", indicators=["gdp"])
        return float(r.to_frame().set_index("unit").loc["WH", "fy_growth"])

    assert wh(raised, "CCQ") > wh(city, "CCQ") + 0.01
    assert wh(raised, "JC") == pytest.approx(wh(city, "JC"), abs=1e-12)


def test_the_october_notes_are_data_and_read_in_either_language(city: sm.DataSet) -> None:
    # The park's GDP at October: one nowcast note carrying the month, the monthly series that
    # moved it, its change [pp] and the quarter it starts from; its words in Chinese name the
    # series by their Chinese names (English codes were printed in the Chinese table before).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = forecast(city, "2026-10", indicators=["gdp"], n_draws=200, rng=0)
    row = r.to_frame().reset_index(drop=True)
    i = int(row.index[row.unit == PARK][0])
    # Two notes: the data (shared by the block's units, said once under the table) and the
    # unit's own change.
    note, change = r.notes().iloc[i]
    assert note.code == "forecast.nowcast" and note["data_month"] == "2026-10"
    assert change.code == "forecast.nowcast_change" and change["quarter"] == 3
    sources = note["sources"]
    assert "wholesale_retail_sales" in sources and "intercept" not in sources
    en, zh = r.to_frame().note.iloc[i], r.to_frame("zh").note.iloc[i]
    assert en.startswith("nowcast from 2026-10 monthly data (") and en.endswith(
        "on the Q3 forecast (before reconciliation)"
    )
    assert f"{change['change']:+.2f} pp" in en
    assert zh.startswith("据截至2026年10月的月度数据（") and "限额以上批发和零售业销售额" in zh
    assert zh.endswith(f"较第3季度末的预测{change['change']:+.2f}个百分点（汇总衔接前）")
    assert not any(c.isascii() and c.isalpha() for c in zh)


def test_the_chinese_forecast_table_has_no_english_notes(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sprintmodel.cli import app

    out = tmp_path / "fc.csv"
    r = CliRunner().invoke(
        app, ["forecast", "--as-of", "2026-10", "--draws", "200", "--out", str(out)]
    )
    assert r.exit_code == 0, r.output
    notes = pd.read_csv(out).note.dropna()
    assert notes.str.startswith("据截至2026年10月的月度数据").any()
    assert not notes.str.contains("nowcast|monthly|forecast", regex=True).any()
    out_en = tmp_path / "fc_en.csv"
    args = ["forecast", "--as-of", "2026-10", "--draws", "200", "--lang", "en", "--out"]
    en = CliRunner().invoke(app, [*args, str(out_en)])
    assert en.exit_code == 0, en.output
    assert pd.read_csv(out_en).note.dropna().str.startswith("nowcast from 2026-10").any()


def test_the_forecast_table_says_each_note_once_below_it() -> None:
    # October: every district's GDP is nowcast from the same monthly series. The table used to
    # fold that sentence into each row's note cell (391 lines for the example city); now each
    # row carries marks and each note is said once below the table, the shared data once and
    # each unit's change on its own line.
    from typer.testing import CliRunner

    from sprintmodel.cli import app

    r = CliRunner().invoke(app, ["forecast", "--as-of", "2026-10", "--draws", "200"])
    assert r.exit_code == 0, r.output
    out = r.output
    assert out.count("据截至2026年10月的月度数据") == 1
    table, notes = out.split("\n注：\n")
    gdp_rows = [line for line in table.splitlines() if "地区生产总值" in line]
    assert len(gdp_rows) == 9 and all("[1][" in line for line in gdp_rows)
    lines = notes.splitlines()
    assert lines[0].startswith("[1] 据截至2026年10月的月度数据（") and lines[0].endswith("临近预测")
    assert lines[1].startswith("[2] 较第3季度末的预测") and lines[1].endswith(
        "个百分点（汇总衔接前）"
    )
    marks = {m for line in table.splitlines() for m in re.findall(r"\[(\d+)\]", line)}
    assert marks == {str(i + 1) for i in range(len(lines))}  # every note marked, none unused
