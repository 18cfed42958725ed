"""Key enterprises as units of the sprint: levers aimed at an enterprise, the monthly series and
its forecast, the shared problems list and the 达产达效 ramp; figures worked out by hand.

The lever test uses the suite's tiny city (``conftest.TINY``; see
``tests/test_hand_worked_levers.py`` for the price ratios) plus a one-enterprise register: a
lever aimed at enterprise E1 of D2 lands wholly in D2 (and its city), where a city-wide lever of
the same size would be split D1 : D2 = 460 : 230.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.data import validate_folder
from sprintmodel.league.enterprise_outlook import (
    enterprise_forecast,
    enterprise_outlook,
    open_problems,
)
from sprintmodel.scenario import LeverSet, ScenarioEngine
from sprintmodel.scenario._testing import synthetic_baseline
from sprintmodel.scenario.curves import output_ramp
from sprintmodel.scenario.ramps import DACHAN_DISCOUNT, first_year_factor
from tests.conftest import write_tiny

LEVERS = """
version: 1
bridges: {}
levers:
  e1_orders:
    name_zh: 一号钢厂满产
    name_en: E1 at full capacity
    description: a lever aimed at one enterprise
    enterprise: E1
    intensity_unit: 亿元
    cap: {value: 100, source: test}
    cost: {per_unit: 1.0, kind: budget, source: test}
    timing: {shape: even, months: 4, source: test}
    allocate_by: gdp
    effects:
      - indicator: gdp
        per_unit: {dist: fixed, value: 1.5, source: test}
  citywide:
    name_zh: 全市
    name_en: City-wide
    description: the same lever, city-wide
    intensity_unit: 亿元
    cap: {value: 100, source: test}
    cost: {per_unit: 1.0, kind: budget, source: test}
    timing: {shape: even, months: 4, source: test}
    allocate_by: gdp
    effects:
      - indicator: gdp
        per_unit: {dist: fixed, value: 1.5, source: test}
"""
REGISTER = (
    "enterprise,name,unit,industry,period,ytd_output,ytd_output_last_year\n"
    "E1,一号钢厂,D2,钢铁,2025-09,30,40\n"
)
PRICE_D1 = 356.80 / (330 * 1.06)
PRICE_D2 = 175.03 / (165 * 1.04)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ScenarioEngine:
    folder = write_tiny(tmp_path_factory.mktemp("ent") / "tiny")
    (folder / "enterprises.csv").write_text(REGISTER, encoding="utf-8")
    (folder / "levers.yaml").write_text(LEVERS, encoding="utf-8")
    ds = sm.load_folder(folder)
    levers = LeverSet.from_yaml(folder / "levers.yaml")
    return ScenarioEngine(ds, synthetic_baseline(ds, "2025Q3", n_draws=10, seed=1), levers, seed=1)


def _change(engine: ScenarioEngine, lever: str) -> dict[str, float]:
    base = engine.baseline_result().to_draws()["gdp"]
    res = engine.evaluate(engine.spec("t").with_lever(lever, 2.0, start="2025-10"))
    diff = res.to_draws()["gdp"].fy - base.fy
    return dict(zip(base.units, diff[0].tolist(), strict=True))


def test_enterprise_lever_lands_in_its_district(engine: ScenarioEngine) -> None:
    # 2 亿元 from October, even over 4 months: October-December count, 0.75; 1.5 per unit:
    # 1.5 × 0.75 × 2 = 2.25 亿元 at current prices, all in E1's district D2, a volume
    # 2.25 / PRICE_D2 = 2.205907 there and in the city; nothing in D1.
    d = _change(engine, "e1_orders")
    assert d["D2"] == pytest.approx(2.25 / PRICE_D2, rel=1e-6)
    assert d["D2"] == pytest.approx(2.205907, rel=1e-6)
    assert d["C"] == pytest.approx(d["D2"], rel=1e-9)
    assert d["D1"] == 0.0
    # The same lever city-wide is split by last year's GDP, D1 460 : D2 230.
    w = _change(engine, "citywide")
    assert w["D2"] == pytest.approx(2.25 / 3 / PRICE_D2, rel=1e-6)
    assert w["D1"] == pytest.approx(2.25 * 2 / 3 / PRICE_D1, rel=1e-6)


def test_example_steel_lever_moves_shiling_industry() -> None:
    # 石岭特钢's lever at its cap (1 亿元) from October, front-loaded over 3 months (weights
    # 3/6, 2/6, 1/6, all by December), mean effect 1.2 亿元 of value added (triangular 0.6 /
    # 1.2 / 2.0 has mean 1.2667; the attribution uses the draws' mean) at current prices in
    # SLQ, a volume at SLQ's price ratio of industrial value added; nothing in other districts.
    ds = sm.load_folder(sm.datasets.data_path("example_city"))
    obs = ds.observations.set_index(["unit", "indicator", "period"])
    now = obs.loc[("SLQ", "iva", "2026Q3")]
    last = obs.loc[("SLQ", "iva", "2025Q3")]
    price = now.ytd_value / (last.ytd_value * (1 + now.ytd_growth / 100))
    eng = ScenarioEngine(ds, synthetic_baseline(ds, "2026Q3", n_draws=400, seed=3), seed=3)
    res = eng.evaluate(
        eng.spec("t").with_lever("shiling_steel_full_capacity", 1.0, start="2026-10")
    )
    base = eng.baseline_result().to_draws()["iva"]
    diff = res.to_draws()["iva"].fy - base.fy
    by_unit = dict(zip(base.units, diff.mean(axis=0).tolist(), strict=True))
    mean_effect = (0.6 + 1.2 + 2.0) / 3
    assert by_unit["SLQ"] == pytest.approx(mean_effect / price, rel=0.05)
    assert by_unit["JC"] == pytest.approx(by_unit["SLQ"], rel=1e-9)
    assert by_unit["GQQ"] == 0.0 and by_unit["CCQ"] == 0.0


def test_lever_aimed_at_an_unknown_enterprise_is_refused(tmp_path: Path) -> None:
    folder = write_tiny(tmp_path / "tiny")
    (folder / "enterprises.csv").write_text(REGISTER, encoding="utf-8")
    (folder / "levers.yaml").write_text(LEVERS.replace("enterprise: E1", "enterprise: E9"))
    report, data = validate_folder(folder)
    assert data is None
    [p] = [p for p in report.errors if p.file == "levers.yaml"]
    assert "levers.e1_orders.enterprise: unknown enterprise 'E9'" in p.message and p.fix


# ------------------------------------------------------------------ forecast of the series
def _series(rows: list[tuple[str, int, int, float, float]]) -> pd.DataFrame:
    f = pd.DataFrame(rows, columns=["enterprise", "year", "month", "ytd_value", "ytd_growth"])
    f["indicator"] = "output"
    f["unit"] = "D1"
    f["period"] = [f"{y}-{m:02d}" for y, m in zip(f.year, f.month, strict=True)]
    return f


def test_forecast_rule_by_hand() -> None:
    # Last year: 60 by June, 90 by September, 130 in the year. This year: 54 by June (-10%),
    # 78 by September (78 / 90 - 1 = -13.33%). The last three months grew (78 - 54) / (90 -
    # 60) - 1 = -20%; the rest of the year (130 - 90 = 40) at -20% is 32: full year 110,
    # growth 110 / 130 - 1 = -15.38%, increment -20.
    f = _series(
        [
            ("E1", 2025, 6, 60.0, 5.0),
            ("E1", 2025, 9, 90.0, 5.0),
            ("E1", 2025, 12, 130.0, 5.0),
            ("E1", 2026, 6, 54.0, -10.0),
            ("E1", 2026, 9, 78.0, 100 * (78 / 90 - 1)),
        ]
    )
    [row] = enterprise_forecast(f, "2026-09").itertuples(index=False)
    assert row.recent_growth == pytest.approx(-20.0)
    assert row.forecast_full == pytest.approx(110.0)
    assert row.forecast_growth == pytest.approx(100 * (110 / 130 - 1))
    assert row.forecast_increment == pytest.approx(-20.0)


def test_forecast_without_last_december_is_empty() -> None:
    f = _series([("E1", 2025, 9, 90.0, 5.0), ("E1", 2026, 9, 99.0, 10.0)])
    [row] = enterprise_forecast(f, "2026-09").itertuples(index=False)
    assert np.isnan(row.forecast_full)


# ------------------------------------------------------------------ the example city
@pytest.fixture(scope="module")
def city() -> sm.DataSet:
    return sm.load_folder(sm.datasets.data_path("example_city"))


def test_example_series_match_the_register(city: sm.DataSet) -> None:
    """September's year-to-date output of every enterprise equals enterprises.csv's."""
    obs = city.enterprise_observations
    reg = city.enterprises.set_index("enterprise")
    now = obs[obs.period == "2026-09"].set_index("enterprise").ytd_value
    last = obs[obs.period == "2025-09"].set_index("enterprise").ytd_value
    pd.testing.assert_series_equal(now.sort_index(), reg.ytd_output.sort_index(), check_names=False)
    pd.testing.assert_series_equal(
        last.sort_index(), reg.ytd_output_last_year.sort_index(), check_names=False
    )


def test_shiling_drags_reach_the_outlook(city: sm.DataSet) -> None:
    # 石岭区's register: last year 397.25 亿元 (Jan-Sep); 石岭特钢 -24.26 and 江川石化 -23.26:
    # -6.11 and -5.86 pp of the register's growth, -11.96 pp together.
    out = enterprise_outlook(city, "2026-09")
    slq = out[(out.unit == "SLQ") & (out.role == "drag")].set_index("enterprise")
    assert slq.loc["JC-E020", "pulling_pp"] == pytest.approx(100 * -24.26 / 397.25, abs=1e-6)
    assert slq.loc["JC-E021", "pulling_pp"] == pytest.approx(100 * -23.26 / 397.25, abs=1e-6)
    assert slq.loc["JC-E020", "levers"] == "shiling_steel_full_capacity"
    assert slq.loc["JC-E021", "open_problems"] == 3
    assert slq.loc["JC-E020", "forecast_growth"] < slq.loc["JC-E020", "growth"] < 0
    # Its industry city-wide: 石岭特钢 is the register's only ferrous-metal enterprise, so its
    # pull on the industry is its own growth, -24.26 / 105.19.
    assert slq.loc["JC-E020", "industry_pulling_pp"] == pytest.approx(100 * -24.26 / 105.19)


def test_example_registers_are_reproducible() -> None:
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "scripts" / "generate_example_registers.py"
    run = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_open_problems(city: sm.DataSet) -> None:
    probs = open_problems(city, "2026-11")
    assert "solved" not in set(probs.status)
    assert len(probs) == 8
    # Deadlines in October are overdue at November; the list runs by deadline.
    assert probs.overdue.tolist() == [True] * 3 + [False] * 5
    assert probs.names.iloc[0] == "江川石化有限公司"


# ------------------------------------------------------------------ 达产达效
def test_ramp_and_discount() -> None:
    # One ramp convention (curves.output_ramp, (m - P + 1) / N) and one discount (ramps).
    # 120 亿元 a year of design output (10 a month) producing from July (month 7) with a
    # 4-month ramp: July..December reach 1/4, 2/4, 3/4, 1, 1, 1 of capacity, 4.5 months of
    # output, at the commissioning year's load 0.7: 10 × 4.5 × 0.7 = 31.5 亿元.
    assert DACHAN_DISCOUNT == 0.7
    months = np.arange(1, 13)
    ramp = output_ramp(months, 7, 4)
    np.testing.assert_allclose(ramp[6:], [0.25, 0.5, 0.75, 1, 1, 1])
    assert ramp[:6].sum() == 0.0
    load = first_year_factor(months - 7)
    assert float((10.0 * ramp * load).sum()) == pytest.approx(31.5)
    # The wrong variant (a second ramp convention, m / N from the start month) gives
    # 0, 1/4, 2/4, 3/4, 1, 1: 3.5 months, 24.5 亿元.
    wrong = np.clip((months - 7) / 4, 0.0, 1.0)
    assert float((10.0 * wrong * load).sum()) == pytest.approx(24.5)
    # The first year's load lasts twelve months from the start; before it, and after, 1.
    np.testing.assert_allclose(first_year_factor(np.array([-1, 0, 11, 12])), [1, 0.7, 0.7, 1])


def test_example_folder_copy_without_registers_loads(tmp_path: Path) -> None:
    folder = tmp_path / "city"
    shutil.copytree(sm.datasets.data_path("example_city"), folder)
    for name in ("enterprise_observations.csv", "enterprise_problems.csv", "livelihood.csv"):
        (folder / name).unlink()
    ds = sm.load_folder(folder)
    assert ds.enterprise_observations is None and ds.livelihood is None


def test_growth_is_derived_from_last_years_row(tmp_path: Path) -> None:
    folder = write_tiny(tmp_path / "tiny")
    (folder / "enterprises.csv").write_text(REGISTER, encoding="utf-8")
    (folder / "enterprise_observations.csv").write_text(
        "enterprise,indicator,period,ytd_value,ytd_growth\n"
        "E1,output,2024-09,40,3.0\n"
        "E1,output,2025-09,30,\n",
        encoding="utf-8",
    )
    obs = sm.load_folder(folder).enterprise_observations
    assert obs[obs.period == "2025-09"].ytd_growth.iloc[0] == pytest.approx(-25.0)
    assert obs.unit.tolist() == ["D2", "D2"]
