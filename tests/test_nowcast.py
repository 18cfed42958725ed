"""The bridge nowcast: signals, rolling-origin fit, judging and intervals (hand-worked)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.forecast.backtest import backtest
from sprintmodel.forecast.nowcast import (
    bridge_terms,
    interval,
    judged,
    judged_weights,
    nowcast_rows,
    quarter_signals,
)


def test_signals_by_hand() -> None:
    ytd = np.full((1, 12), np.nan)
    ytd[0, 8], ytd[0, 9], ytd[0, 10] = 6.0, 6.4, 6.1
    assert quarter_signals(ytd, "ytd", 10) == pytest.approx([0.4])
    assert quarter_signals(ytd, "ytd", 11) == pytest.approx([0.1])
    assert quarter_signals(ytd, "ytd", 9) == pytest.approx([0.0])  # a quarter's end: nothing new
    single = np.array([[0, 0, 1.0, 2.0, 3.0, 4.0, 0, 0, 0, 0, 0, 0]])
    assert quarter_signals(single, "single", 5) == pytest.approx([(2 + 3) / 2 - (0 + 0 + 1) / 3])


def test_bridge_recovers_an_exact_linear_relation() -> None:
    # actual - base = 0.5 + 2 x exactly: once six earlier years are known (and the ridge
    # penalty is set to 0) every forecast is exact; before that the bridge is the base.
    rng = np.random.default_rng(1)
    x = rng.normal(size=(12, 1))
    base = rng.normal(6.0, 1.0, 12)
    actual = base + 0.5 + 2.0 * x[:, 0]
    intercept, terms = bridge_terms(base, actual, x, ridge=0.0)
    f = base + intercept + terms.sum(axis=1)
    assert f[:6] == pytest.approx(base[:6])
    assert f[6:] == pytest.approx(actual[6:])


def test_judged_weights_by_inverse_mse() -> None:
    actual = np.zeros(7)
    f = np.vstack([np.full(7, 1.0), np.full(7, 2.0)])  # errors 1 and 2: weights 1 : 1/4
    out = judged(f, actual)
    assert out[:6] == pytest.approx(1.0)  # six years needed first: member 0 alone
    assert out[6] == pytest.approx((1.0 * 1 + 2.0 * 0.25) / 1.25)


def test_conformal_interval_by_hand() -> None:
    actual = np.zeros(9)
    f = np.array([1, -2, 3, -4, 5, -6, 7, -8, 0.0])  # |errors| 1..8 before the last year
    lo, hi = interval(f, actual, 0.8)
    # n = 8 earlier errors: rank 9 x 0.8 = 7.2, between the 7th and 8th smallest -> 7.2
    # (split-conformal's ceil(7.2) = 8 would aim at 8/9 = 0.89, not 0.80)
    assert (lo[-1], hi[-1]) == (pytest.approx(-7.2), pytest.approx(7.2))
    # a whole rank takes that order statistic: 9 earlier errors 1..9, 10 x 0.8 = 8 -> 8
    _lo9, hi9 = interval(np.array([1, -2, 3, -4, 5, -6, 7, -8, 9, 0.0]), np.zeros(10), 0.8)
    assert hi9[-1] == pytest.approx(8.0)
    assert np.isnan(lo[:6]).all()


def test_conformal_interval_is_calibrated_on_exchangeable_errors() -> None:
    """3000 series of 18 iid normal errors (the backtest's length): the interpolated rank
    covers 80% of the later errors (36 000 intervals, 0.802 with seed 0), where
    split-conformal's ceil rank would cover about 84% (the mean of ceil((n+1)0.8)/(n+1) over
    n = 6..17)."""
    rng = np.random.default_rng(0)
    inside = []
    for _ in range(3000):
        e = rng.standard_normal(18)
        lo, hi = interval(e, np.zeros(18), 0.8)
        ok = np.isfinite(lo)
        inside.append(((lo <= 0) & (hi >= 0))[ok])
    cover = np.concatenate(inside)
    assert len(cover) == 3000 * 12
    assert cover.mean() == pytest.approx(0.80, abs=0.01)
    ceil_aim = np.mean([np.ceil((n + 1) * 0.8) / (n + 1) for n in range(6, 18)])
    assert ceil_aim == pytest.approx(0.837, abs=1e-3)


def test_nowcast_rows_without_signals_are_the_base() -> None:
    base = pd.DataFrame(
        {
            "unit": "A",
            "indicator": "gdp",
            "year": np.arange(2010, 2020),
            "period": "Q3",
            "method": "combination",
            "forecast_growth": np.linspace(5, 6, 10),
            "actual_growth": np.linspace(5.1, 6.1, 10),
        }
    )
    # at a quarter's end (September) no month is newer than the quarter: no signals
    rows = nowcast_rows(sm.china_national(), base, 9)
    assert set(rows.method) == {"nowcast"}
    assert rows.error_pp.to_numpy() == pytest.approx(np.full(10, -0.1))
    assert (rows.intercept_pp == 0).all()


def test_nowcast_rows_parts_add_up_and_the_live_year_is_forecast() -> None:
    """The seam's identity: forecast = base + intercept_pp + sum(contrib_*_pp), for the
    members and the judged nowcast, including the live year (actual NaN)."""
    ds = sm.china_national()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        err = backtest(ds, indicators=["gdp"], units=["CN"], years=(1996, 2022)).errors
    base = err[err.method == "combination"].copy()
    base.loc[base.year == 2022, "actual_growth"] = np.nan  # 2022 plays the live year
    rows = nowcast_rows(ds, base, 10)
    contrib = [c for c in rows.columns if c.startswith("contrib_")]
    assert contrib == ["contrib_exports_pp", "contrib_fai_pp", "contrib_iva_pp"]
    total = rows.base_growth + rows.intercept_pp + rows[contrib].sum(axis=1)
    assert rows.forecast_growth.to_numpy() == pytest.approx(total.to_numpy(), abs=1e-12)
    live = rows[(rows.year == 2022) & (rows.method == "nowcast")].iloc[0]
    assert np.isnan(live.actual_growth) and np.isfinite(live.forecast_growth)
    assert live.lo80 < live.forecast_growth < live.hi80 and live.lo95 < live.lo80
    assert live.period == "2022-10"
    # the bridge's own row holds its parts at weight 1; the nowcast's are weight x parts
    br = rows[(rows.year == 2022) & (rows.method == "bridge")].iloc[0]
    w = (live.forecast_growth - live.base_growth) / (br.forecast_growth - br.base_growth)
    for c in contrib:
        assert live[c] == pytest.approx(w * br[c])
    assert 0.0 < w < 1.0


def test_bridge_terms_by_hand() -> None:
    # Six earlier years, one signal x = 0..5, y - b = x exactly (ridge 0): a = mean = 2.5,
    # slope on the standardised signal = sd(x) = 1.7078; year 6 with x = 6: term
    # (6 - 2.5) / 1.7078 * 1.7078 = 3.5, intercept 2.5 -> bridge = base + 6.
    x = np.arange(7.0)[:, None]
    base = np.zeros(7)
    actual = x[:, 0].copy()
    a, t = bridge_terms(base, actual, x, ridge=0.0)
    assert a[6] == pytest.approx(2.5) and t[6, 0] == pytest.approx(3.5)
    assert (a[:6] == 0).all() and (t[:6] == 0).all()
    # with the ridge penalty 5 on 6 years (the signal centred, so the columns are orthogonal):
    # slope sd * 6 / (6 + 5) -> term 3.5 * 6 / 11; the intercept is penalised too:
    # sum(y - b) / (6 + 5) = 15 / 11 (the mean 2.5 shrunk by 6 / 11 toward "the base is right")
    a5, t5 = bridge_terms(base, actual, x, ridge=5.0)
    assert a5[6] == pytest.approx(15 / 11) and t5[6, 0] == pytest.approx(3.5 * 6 / 11)


def test_judged_weights_sum_to_one() -> None:
    f = np.vstack([np.full(8, 1.0), np.full(8, 2.0)])
    w = judged_weights(f, np.zeros(8))
    assert w[:, :6].tolist() == [[1.0] * 6, [0.0] * 6]
    assert w[:, 7] == pytest.approx([0.8, 0.2])


def test_backtest_by_month_adds_bridge_rows_for_quarterly_gdp() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = backtest(sm.china_national(), indicators=["gdp"], month=10, units=["CN"])
    err = res.errors
    assert {"bridge", "nowcast", "combination"} <= set(err.method)
    cn = err[(err.unit == "CN") & (err.method == "nowcast")]
    assert len(cn) >= 20 and cn.error_pp.notna().all()
    # Before six years of bridge errors are known the nowcast is the Q3 combination.
    comb = err[(err.unit == "CN") & (err.method == "combination")].set_index("year")
    first = cn.set_index("year").iloc[:6]
    assert first.forecast_growth.to_numpy() == pytest.approx(
        comb.loc[first.index].forecast_growth.to_numpy()
    )


def test_backtest_nowcast_members_are_chosen_and_checked() -> None:
    """Naming the default member gives the default rows; an unknown member is refused with
    the list of members (the DFM is judged the same way when named: tests/test_dfm.py)."""
    from sprintmodel.errors import InputError

    cn = sm.china_national()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        default = backtest(cn, indicators=["gdp"], month=10, units=["CN"]).errors
        named = backtest(
            cn, indicators=["gdp"], month=10, units=["CN"], nowcast_members=("bridge",)
        ).errors
    pd.testing.assert_frame_equal(default, named)
    with pytest.raises(InputError, match=r"unknown nowcast member 'kalman'.*bridge, dfm"):
        backtest(cn, indicators=["gdp"], month=10, nowcast_members=("bridge", "kalman"))


def test_backtest_command_by_month_marks_industries(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from sprintmodel.cli import app
    from sprintmodel.datasets import data_path

    out = tmp_path / "errors.csv"
    r = CliRunner().invoke(
        app,
        [
            "backtest",
            str(data_path("china_national")),
            "--month",
            "10",
            "--indicator",
            "gdp",
            "--years",
            "2015-2022",
            "--errors-out",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    e = pd.read_csv(out, keep_default_na=False)
    assert {"unit", "indicator", "year", "method", "forecast_growth", "actual_growth"} <= set(e)
    assert set(e.unit) == {"CN"}
    assert {"ID", "FI", ""} <= set(e.industry)  # CN's own rows have no industry
    assert {"bridge", "nowcast"} <= set(e.method)


def test_single_growth_is_read_and_makes_single_month_signals() -> None:
    from sprintmodel.forecast.nowcast import monthly_growth, signal_frame, signal_sources

    ds = sm.china_national().components_as_units("gdp")
    src = ds.source_observations
    assert src is not None
    iva = src[src.indicator == "iva"].set_index("period")
    # 工业增加值:当月同比 as published (M0000545): October 2005 16.1, July-September 16.1, 16.0,
    # 16.5; rows carry single_growth only
    assert iva.loc["2005-10", "single_growth"] == 16.1
    assert np.isnan(iva.loc["2005-10", "ytd_value"]) and np.isnan(iva.loc["2005-10", "ytd_growth"])
    grid, kind = monthly_growth(ds, "CN", "iva", np.array([2005]))  # type: ignore[misc]
    assert kind == "single" and grid[0, 6:10].tolist() == [16.1, 16.0, 16.5, 16.1]
    # the ID bridge: its own source first, then the root's; October minus the Q3 mean
    assert signal_sources(ds, "ID") == ("iva", "exports", "fai")
    # main source first, then the auxiliary ones (industry_sources.csv), then the root's
    assert signal_sources(ds, "FI") == ("loans", "deposits", "iva", "exports", "fai")
    assert signal_sources(ds, "TR") == ("iva", "electricity", "exports", "fai")
    assert signal_sources(ds, "AR") == ("iva", "exports", "fai")
    sig = signal_frame(ds, "ID", 10, np.array([2005]))
    assert sig.loc[2005, "iva"] == pytest.approx(16.1 - (16.1 + 16.0 + 16.5) / 3)
    # loans: the balance's growth (ytd_growth of a flow=no indicator): its change since September
    loans = src[src.indicator == "loans"].set_index("period").ytd_growth
    sig_fi = signal_frame(ds, "FI", 11, np.array([2005]))
    assert sig_fi.loc[2005, "loans"] == pytest.approx(loans["2005-11"] - loans["2005-09"])
    # deposits (金融机构各项存款余额同比, M0009941): 19.1 in September and November 2005 -> 0
    assert sig_fi.loc[2005, "deposits"] == pytest.approx(0.0)
    # electricity: year-to-date output (亿千瓦时), growth from the values of consecutive years:
    # Jan-Oct 2005 19750.86 / 17430.92, Jan-Sep 17739.83 / 15574.78 (S0027014 as published)
    sig_tr = signal_frame(ds, "TR", 10, np.array([2005]))
    want = 100 * (19750.86 / 17430.92 - 17739.83 / 15574.78)
    assert sig_tr.loc[2005, "electricity"] == pytest.approx(want)  # -0.5917 pp


def test_cli_errors_give_the_bench_figures_and_meet_the_targets(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`sprintmodel backtest data/china_national --month all --indicator gdp --errors-out`
    gives, year by year, exactly the figures of benchmarks/results/nowcast.json (written by
    benchmarks/bench_nowcast.py through the same library path), and those meet the issue's
    targets."""
    import json
    from pathlib import Path

    from typer.testing import CliRunner

    from sprintmodel.cli import app
    from sprintmodel.datasets import data_path

    out = tmp_path / "errors.csv"
    args = ["backtest", str(data_path("china_national")), "--month", "all"]
    args += ["--indicator", "gdp", "--years", "2005-2022", "--errors-out", str(out), "--lang", "en"]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    assert "month 10" in r.output and "nowcast" in r.output
    e = pd.read_csv(out, keep_default_na=False, na_values=[""])
    e["key"] = e.industry.fillna(e.unit)
    q3 = e[(e.origin == "month 9") & (e.method == "ratio")].set_index(["key", "year"])
    got = {}
    for name, origin in (("q3", "month 9"), ("oct", "month 10"), ("nov", "month 11")):
        rows = e[(e.origin == origin)]
        rows = rows[rows.method == ("combination" if name == "q3" else "nowcast")]
        rows = rows.assign(
            naive=q3.forecast_growth.reindex(rows.set_index(["key", "year"]).index).to_numpy()
        )
        ae = rows.error_pp.abs()
        ne = (rows.naive - rows.actual_growth).abs()
        gdp = rows.industry.isna()
        got[f"gdp_ratio_{name}"] = round(ae[gdp].mean() / ne[gdp].mean(), 4)
        got[f"industries_ratio_{name}"] = round(ae[~gdp].mean() / ne[~gdp].mean(), 4)
        inside = (rows.actual_growth >= rows.lo80) & (rows.actual_growth <= rows.hi80)
        got[f"coverage80_{name}"] = round(inside[rows.lo80.notna()].mean(), 4)
        assert gdp.sum() == 18 and (~gdp).sum() == 178
    root = Path(__file__).resolve().parents[1]
    bench = json.loads((root / "benchmarks/results/nowcast.json").read_text(encoding="utf-8"))
    assert got == {k: bench[k] for k in got}
    # the issue's "Done when" targets on 2005-2022
    assert got["gdp_ratio_oct"] <= 0.45 and got["gdp_ratio_nov"] <= 0.40
    for name in ("q3", "oct", "nov"):
        assert 0.72 <= got[f"coverage80_{name}"] <= 0.88
    assert got["gdp_ratio_q3"] > got["gdp_ratio_oct"] > got["gdp_ratio_nov"]
    assert got["industries_ratio_q3"] > got["industries_ratio_oct"] > got["industries_ratio_nov"]
    # the industries at October: target 0.75, met (0.7271 since ets_level joined the Q3
    # combination, 0.7224 before; 0.7485 with the bridge's new sources on the old Q3
    # combination, 0.7317 with the new Q3 combination's discounted, stand-in record and the old
    # sources; see in_sample_choices); this pins today's figure
    assert got["industries_ratio_oct"] <= 0.75
    assert got["industries_ratio_oct"] == pytest.approx(0.7271, abs=1e-4)


def test_month_option_parses_all_and_refuses_others() -> None:
    from sprintmodel.commands.backtest import parse_month
    from sprintmodel.errors import InputError

    assert parse_month("all") == "all" and parse_month(" ALL ") == "all"
    assert parse_month("10") == 10 and parse_month(None) is None
    for bad in ("13", "0", "oct"):
        with pytest.raises(InputError, match="1-12 or 'all'"):
            parse_month(bad)


def test_issue_target_industries_at_october() -> None:
    """The benchmark's record meets the issue's industries target at October (0.75)."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    bench = json.loads((root / "benchmarks/results/nowcast.json").read_text(encoding="utf-8"))
    assert bench["industries_ratio_oct"] <= 0.75
