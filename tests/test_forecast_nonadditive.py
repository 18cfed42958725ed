"""Non-additive indicators (rates, shares): the full year is the year-end level, not a sum.

The tiny folder below has an unemployment rate (``additive = no``) for a city and two districts,
quarterly 2016-2026Q3; the figures of 2023-2026 are set so that the forecasts can be worked out
by hand.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.data import load_folder
from sprintmodel.forecast import ForecastResult, ForecastWarning, backtest, forecast
from sprintmodel.forecast.block import SeriesBlock
from sprintmodel.forecast.engine import fit_block
from sprintmodel.forecast.methods import level_ratio, level_seasonal_share, no_change
from sprintmodel.forecast.result import _indicator_rows
from sprintmodel.notes import Note
from sprintmodel.words.notes import notes_text

UNITS = """unit,name_zh,name_en,parent,kind,rollup
C,测试市,Test City,,city,
D1,一区,District One,C,district,yes
D2,二区,District Two,C,district,yes
"""
INDICATORS = """indicator,name_zh,name_en,measure,basis,additive
unemp,城镇调查失业率,Unemployment rate,%,nominal,no
"""
TARGETS = """unit,indicator,year,target_growth,target_value
C,unemp,2026,,4.2
D1,unemp,2026,3.0,
"""
# Hand-set figures (Q3 and Q4 of 2023-2025, 2026Q1-Q3); other quarters follow a smooth pattern.
FIXED = {
    "C": {
        "2023Q3": 5.0,
        "2023Q4": 5.0,  # Q4/Q3 = 1.0
        "2024Q3": 4.0,
        "2024Q4": 4.4,  # 1.1
        "2025Q3": 5.0,
        "2025Q4": 5.5,  # 1.1
        "2026Q1": 4.2,
        "2026Q2": 4.1,
        "2026Q3": 4.0,
    },
    "D1": {
        "2023Q3": 4.0,
        "2023Q4": 4.0,
        "2024Q3": 4.0,
        "2024Q4": 4.0,
        "2025Q3": 4.0,
        "2025Q4": 4.2,
        "2026Q3": 5.0,
    },
}
LEVEL = {"C": 5.0, "D1": 4.0, "D2": 3.5}


def _observations(growth_only: bool = False) -> str:
    lines = ["unit,indicator,period,ytd_value,ytd_growth"]
    values: dict[tuple[str, str], float] = {}
    for unit, level in LEVEL.items():
        for year in range(2016, 2027):
            for q in range(1, 5):
                if year == 2026 and q == 4:
                    continue
                per = f"{year}Q{q}"
                wobble = 0.2 * math.sin(1.3 * (year - 2016) + 0.9 * q + level)
                v = FIXED.get(unit, {}).get(per, round(level + wobble, 2))
                values[(unit, per)] = v
    for (unit, per), v in values.items():
        last = values.get((unit, f"{int(per[:4]) - 1}{per[4:]}"))
        if growth_only:
            if last is None:
                continue
            lines.append(f"{unit},unemp,{per},,{100.0 * (v / last - 1.0):.6f}")
        else:
            lines.append(f"{unit},unemp,{per},{v},")
    return "\n".join(lines) + "\n"


def _write(folder: Path, growth_only: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "units.csv").write_text(UNITS, encoding="utf-8")
    (folder / "indicators.csv").write_text(INDICATORS, encoding="utf-8")
    (folder / "targets.csv").write_text(TARGETS, encoding="utf-8")
    (folder / "observations.csv").write_text(_observations(growth_only), encoding="utf-8")
    return folder


@pytest.fixture
def rate(tmp_path: Path) -> sm.DataSet:
    return load_folder(_write(tmp_path / "rate"))


def _strict_forecast(*args: Any, **kwargs: Any) -> ForecastResult:
    """The forecast, failing on any RuntimeWarning (numpy's invalid value, divide by zero)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", ForecastWarning)
        return forecast(*args, **kwargs)


def _row(frame: pd.DataFrame, unit: str) -> pd.Series:
    return frame[frame.unit == unit].iloc[0]


def test_ratio_rule_takes_the_level_by_hand(rate: sm.DataSet) -> None:
    f = _strict_forecast(rate, "2026Q3", method="ratio").to_frame()
    c, d1 = _row(f, "C"), _row(f, "D1")
    # C: 4.0 × 5.5 / 5.0 = 4.4, growth 4.4 / 5.5 - 1 = -20%; D1: 5.0 × 4.2 / 4.0 = 5.25, +25%.
    assert c.fy_value == pytest.approx(4.4, rel=1e-12)
    assert c.fy_growth == pytest.approx(-20.0, abs=1e-9)
    assert d1.fy_value == pytest.approx(5.25, rel=1e-12)
    assert d1.fy_growth == pytest.approx(25.0, abs=1e-9)
    # The level target 4.2 is 4.2 / 5.5 - 1 = -23.6364% growth; the gap is in pp and level.
    assert c.gap_pp == pytest.approx(-20.0 - 100.0 * (4.2 / 5.5 - 1.0), abs=1e-9)
    assert c.gap_level == pytest.approx(0.2, abs=1e-12)
    # No rest of the year for a rate; the note says so and how "meet" reads.
    assert np.isnan(c.rest_growth_required) and np.isnan(c.rest_growth)
    assert "rate or share" in c.note and "ceiling" not in c.note  # a floor unless marked
    assert c.method == "ratio"


def test_level_methods_by_hand(rate: sm.DataSet) -> None:
    block = SeriesBlock.from_dataset(rate, "unemp", "Q")
    t, k, c = block.year_index(2026), 2, block.units.index("C")
    assert level_ratio(block, k)[c, t] == pytest.approx(-20.0, abs=1e-9)
    # No change: full year = 4.0 → 4.0 / 5.5 - 1.
    assert no_change(block, k)[c, t] == pytest.approx(100.0 * (4.0 / 5.5 - 1.0), abs=1e-9)
    # Seasonal share: 4.0 × mean(5.0/5.0, 4.4/4.0, 5.5/5.0) = 4.0 × 3.2/3 = 4.2667.
    fy = 4.0 * (1.0 + 1.1 + 1.1) / 3.0
    assert level_seasonal_share(block, k)[c, t] == pytest.approx(100.0 * (fy / 5.5 - 1.0), abs=1e-9)
    # The backtest's actual full-year growth is the ratio of the year-end levels.
    fit = fit_block(block, k, ("ratio", "momentum", "ets"))
    assert fit.methods == ("ratio", "no_change", "seasonal_share")
    y25 = block.year_index(2025)
    assert fit.actual_growth[c, y25] == pytest.approx(100.0 * (5.5 / 4.4 - 1.0), abs=1e-9)
    assert np.isfinite(fit.z[~np.isnan(fit.error)]).all()


def test_combination_is_the_weighted_level_forecasts(rate: sm.DataSet) -> None:
    res = _strict_forecast(rate, "2026Q3")
    f = res.to_frame()
    c = _row(f, "C")
    w = res.weights[(res.weights.unit == "C")].set_index("method").weight
    assert list(w.index) == ["ratio", "no_change", "seasonal_share"]
    assert w.sum() == pytest.approx(1.0)
    assert (w > 0).sum() <= 2  # trimmed to the two best, as for additive series
    members = {
        "ratio": -20.0,
        "no_change": 100.0 * (4.0 / 5.5 - 1.0),
        "seasonal_share": 100.0 * (4.0 * 3.2 / 3.0 / 5.5 - 1.0),
    }
    expected = sum(w[m] * g for m, g in members.items())
    assert c.fy_growth == pytest.approx(expected, abs=1e-9)
    assert c.fy_value == pytest.approx(5.5 * (1.0 + expected / 100.0), rel=1e-12)
    assert 4.0 - 1e-12 <= c.fy_value <= 4.4 + 1e-12


def test_draws_are_finite_and_intervals_hold_the_point(rate: sm.DataSet) -> None:
    res = _strict_forecast(rate, "2026Q3", n_draws=4000, rng=3)
    d = res.draws["unemp"]
    assert np.isfinite(d.fy).all()
    f = res.to_frame()
    for _, r in f.iterrows():
        assert r.fy_value_lo95 <= r.fy_value_lo80 <= r.fy_value <= r.fy_value_hi80
        assert r.fy_value_hi80 <= r.fy_value_hi95
        assert r.fy_growth_lo80 <= r.fy_growth <= r.fy_growth_hi80
        assert r.fy_value_lo80 < r.fy_value_hi80  # calibrated, not degenerate
        assert r.fy_value_lo95 > 0.0 and r.fy_value_hi95 < 20.0  # a rate stays a rate
        assert np.isnan(r.rest_growth_required)
    # P(meet) is the share of draws at or above the target (a level target for C, growth
    # for D1); the direction for a ceiling such as unemployment is the reader's.
    c, d1 = d.index("C"), d.index("D1")
    assert _row(f, "C").p_meet_target == pytest.approx(np.mean(d.fy[:, c] >= 4.2 - 1e-9))
    growth = 100.0 * (d.fy[:, d1] / d.base_full[d1] - 1.0)
    assert _row(f, "D1").p_meet_target == pytest.approx(np.mean(growth >= 3.0 - 1e-9))
    assert np.isnan(_row(f, "D2").p_meet_target)
    # Not reconciled: a rate of the city is not the sum of its districts' rates.
    assert not np.allclose(d.fy[:, c], d.fy[:, d1] + d.fy[:, d.index("D2")])
    assert np.isnan(d.rest_growth()).all()


def test_as_of_the_year_end_is_the_published_level(rate: sm.DataSet) -> None:
    f = _strict_forecast(rate, "2025Q4").to_frame()
    c = _row(f, "C")
    assert c.fy_value == pytest.approx(5.5, rel=1e-12)
    assert c.fy_value_lo80 == pytest.approx(5.5, rel=1e-12)
    assert c.fy_value_hi80 == pytest.approx(5.5, rel=1e-12)
    assert c.method == "published"


def test_a_method_without_a_level_form_falls_back(rate: sm.DataSet) -> None:
    c = _row(_strict_forecast(rate, "2026Q3", method="momentum").to_frame(), "C")
    assert c.method == "ratio (fallback)"
    assert "momentum does not apply" in c.note
    assert c.fy_value == pytest.approx(4.4, rel=1e-12)


def test_growth_only_rate(tmp_path: Path) -> None:
    ds = load_folder(_write(tmp_path / "g", growth_only=True))
    res = _strict_forecast(ds, "2026Q3")
    f = res.to_frame()
    assert np.isfinite(res.draws["unemp"].fy).all()
    assert f.fy_value.isna().all() and f.fy_growth.notna().all()
    assert (f.fy_growth_lo80 <= f.fy_growth).all() and (f.fy_growth <= f.fy_growth_hi80).all()
    assert f.rest_growth_required.isna().all()


def test_backtest_of_a_rate_runs_clean(rate: sm.DataSet) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bt = backtest(rate, years=(2019, 2025))
    t = bt.table.set_index("method")
    assert list(t.index) == ["ratio", "no_change", "seasonal_share", "combination"]
    assert np.isfinite(t.mae_growth_pp).all() and (t.coverage80 > 0).all()


def test_no_probability_from_draws_that_are_not_finite(rate: sm.DataSet) -> None:
    res = _strict_forecast(rate, "2026Q3")
    d = res.draws["unemp"]
    fy = d.fy.copy()
    c = d.index("C")
    fy[::3, c] = np.nan
    fy[1::7, c] = np.inf
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rows = {r["unit"]: r for r in _indicator_rows(rate, d.with_fy(fy), res.as_of)}
    assert np.isnan(float(rows["C"]["p_meet_target"]))  # type: ignore[arg-type]
    assert np.isnan(float(rows["C"]["fy_value_lo80"]))  # type: ignore[arg-type]
    assert rows["C"]["notes"][-1] == Note.of("forecast.draws_not_finite")  # type: ignore[index]
    assert "draws not finite" not in notes_text(rows["D1"]["notes"], "en")  # type: ignore[arg-type]
    before = _row(res.to_frame(), "D1")
    assert rows["D1"]["p_meet_target"] == before.p_meet_target
    assert rows["D1"]["fy_value_lo80"] == before.fy_value_lo80


# Full-year forecasts of the example city's root as of 2026Q3 (2000 draws, seed 0; taken again
# when the copula's normals became quasi-random, issue 18, and when the combination's record
# became discounted with stand-ins, issue 17: GDP 5.4065% -> 5.4067%, and when ets_level joined
# the combination, issue 17 item 6: 5.4067% -> 5.4066%, and share_step: 5.40661%, and the
# local level's diffuse start: 5.40662%): additive
# results must not move otherwise.
CITY_JC = {
    "gdp": (5510.222507607445, 5496.9114578237895, 5535.6763608642505, 5.406616514746232, 0.0535),
    "iva": (1839.4133971858782, 1832.4349481893132, 1848.0192592488168, 6.262642525561191, 0.0285),
    "fai": (2531.6222939678737, 2497.3011471897394, 2560.432460704332, -0.9371211905668808, 0.0),
    "retail": (
        2191.4456781898043,
        2179.4011043673568,
        2206.731141313258,
        5.279738503952158,
        0.4005,
    ),
    "revenue": (
        371.8799078386302,
        362.48047008001856,
        378.7959529124075,
        3.435014709742079,
        0.196,
    ),
    "exports": (
        1346.0944937119018,
        1319.401875855488,
        1383.4691783023648,
        3.983766985203996,
        0.2735,
    ),
    "jobs": (
        10.311626918006246,
        10.186934379953016,
        10.598735899873978,
        -0.7781525384847665,
        0.0615,
    ),
}


def test_example_city_results_are_unchanged() -> None:
    city = sm.example_city()
    assert all(ind.additive for ind in city.indicators.values())
    f = _strict_forecast(city, "2026Q3", n_draws=2000, rng=0).to_frame()
    jc = f[f.unit == "JC"].set_index("indicator")
    for code, (value, lo, hi, growth, p) in CITY_JC.items():
        r = jc.loc[code]
        got = (r.fy_value, r.fy_value_lo80, r.fy_value_hi80, r.fy_growth, r.p_meet_target)
        np.testing.assert_allclose(got, (value, lo, hi, growth, p), rtol=1e-9, err_msg=code)
    assert f.rest_growth_required.notna().any()
    assert not f.note.str.contains("rate or share").any()


def test_status_gives_no_requirement_for_a_rate(rate: sm.DataSet) -> None:
    # C has a level target of 4.2 and D1 a growth target; neither has a "rest of the year".
    from sprintmodel.status import ytd_status

    st = ytd_status(rate, "2026Q3").set_index("unit")
    assert st.loc["C", "ytd_value"] == pytest.approx(4.0)
    assert st.loc["C", "target_value"] == pytest.approx(4.2)
    assert np.isnan(st.loc["C", "rest_growth_required"])
    assert np.isnan(st.loc["C", "amount_needed"])
    assert np.isnan(st.loc["D1", "rest_growth_required"])
