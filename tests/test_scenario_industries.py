"""Levers and projects reach GDP through its industries (issue 16, item 3), worked by hand.

The tiny folder of ``tests/conftest.py`` (city C, districts D1 and D2, park P1; quarterly real
GDP, monthly nominal FAI of the city only) with the hand-worked levers of
``tests/test_hand_worked_levers.py`` and GDP components for the city: construction (CO) and
the rest (OT), construction fed by FAI with a fixed elasticity of 0.5. Every number below comes
from those CSV figures:

- CO's year-to-date value added 2024: 15, 32, 50, 70; 2025 at +5% real and prices +3%:
  ``50 × 1.05 × 1.03`` by Q3, so CO's implicit deflator is 1.03;
- FAI 2024 (monthly, Jan-Feb 20, then 13, 14, ..., 22): September year to date 132,
  December 195, so last year's fourth quarter is 63;
- as of 2025Q3 the rest of the year is Q4: CO's 20 (70 − 50), FAI's 63, and the channel's
  coefficient :math:`c = b / (P X) = 20 / (1.03 × 63)` 亿元 of construction value added (at
  last year's prices) per 亿元 of FAI, times the elasticity 0.5.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.forecast.industries import industry_forecast
from sprintmodel.optimize import tornado
from sprintmodel.scenario import LeverSet, ScenarioEngine, ScenarioSpec
from sprintmodel.scenario._reference import reference_fy
from sprintmodel.scenario._testing import synthetic_baseline
from sprintmodel.scenario.channels import elasticity_draws, rest_of_year
from sprintmodel.words.notes import note_text
from tests.conftest import write_tiny
from tests.test_hand_worked_levers import LEVERS, PARK_SHARE, PJ3, PRICE_D2, change

SCEN = Path(__file__).resolve().parents[1] / "data" / "example_city" / "scenarios"
C_2024 = (150.0, 315.0, 495.0, 690.0)
CO_2024 = (15.0, 32.0, 50.0, 70.0)
COEF = 20.0 / (1.03 * 63.0)
EPS = 0.5


def write_accounts(folder: Path) -> Path:
    """Write the city's GDP components (CO and OT) and the CO ← FAI channel into ``folder``.

    OT is the city's GDP less CO, its growth whatever makes the built growth the city's.
    """
    obs = sm.load_folder(folder).observations
    city = obs[(obs.unit == "C") & (obs.indicator == "gdp")].set_index("period")
    rows = ["unit,indicator,component,period,ytd_value,ytd_growth"]
    for q in range(4):
        last, now = f"2024Q{q + 1}", f"2025Q{q + 1}"
        g = float(city.loc[now, "ytd_growth"])
        co_now = CO_2024[q] * 1.05 * 1.03
        ot_last = C_2024[q] - CO_2024[q]
        ot_g = (g * C_2024[q] - 5.0 * CO_2024[q]) / ot_last
        rows += [
            f"C,gdp,CO,{last},{CO_2024[q]},",
            f"C,gdp,OT,{last},{ot_last},",
            f"C,gdp,CO,{now},{co_now!r},5.0",
            f"C,gdp,OT,{now},{float(city.loc[now, 'ytd_value']) - co_now!r},{ot_g!r}",
        ]
    (folder / "component_observations.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "components.csv").write_text(
        "indicator,component,name_zh,name_en\ngdp,CO,建筑业,Construction\ngdp,OT,其他,Other\n",
        encoding="utf-8",
    )
    (folder / "industry_sources.csv").write_text(
        "component,source_indicator,role,elasticity,elasticity_se,deflator,source\n"
        f"CO,fai,main,{EPS},,,test: fixed\nOT,fai,main,0,,,test: none\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ScenarioEngine:
    folder = write_tiny(tmp_path_factory.mktemp("industries") / "tiny")
    with (folder / "projects.csv").open("a", encoding="utf-8") as f:
        f.write(PJ3)
    ds = sm.load_folder(write_accounts(folder))
    (folder / "levers.yaml").write_text(LEVERS, encoding="utf-8")
    levers = LeverSet.from_yaml(folder / "levers.yaml")
    return ScenarioEngine(ds, synthetic_baseline(ds, "2025Q3", n_draws=10, seed=1), levers, seed=1)


def test_channel_coefficient_from_the_units_own_accounts(engine: ScenarioEngine) -> None:
    ch = engine.channels
    assert ch is not None and ch.industries == ("CO", "OT") and ch.sources == ("fai", "fai")
    assert ch.names["CO"] == "建筑业"
    h = list(engine.dataset.hierarchy)
    # The city's own coefficient; the districts (no components) take their ancestor's.
    assert ch.coef[h.index("C"), 0] == pytest.approx(COEF, rel=1e-9)
    assert ch.coef[h.index("D2"), 0] == pytest.approx(COEF, rel=1e-9)
    assert ch.coef[h.index("C"), 0] == pytest.approx(0.308214, rel=1e-5)
    assert not any("fixed factors" in note_text(n, "en") for n in engine.notes)


def test_lever_reaches_gdp_through_construction(engine: ScenarioEngine) -> None:
    # 10 亿元 of bonds from November: FAI +16 at C (test_hand_worked_levers); construction
    # gains 0.5 × COEF × 16 = 2.465711 亿元 at last year's prices, GDP the same (the fixed
    # bridge fai → gdp of 0.2 would have given 3.2 / PRICE_C = 3.136 and is not used).
    spec = engine.spec("t").with_lever("bonds", 10.0, start="2025-11")
    d = change(engine, spec)
    gain = EPS * COEF * 16.0
    assert d["fai"]["C"] == pytest.approx(16.0, rel=1e-9)
    assert d["gdp"]["C"] == pytest.approx(gain, rel=1e-9)
    assert gain == pytest.approx(2.465711, rel=1e-6)
    assert d["gdp"]["P1"] == pytest.approx(PARK_SHARE * gain, rel=1e-9)
    assert d["gdp"]["D1"] == 0.0 and d["gdp"]["D2"] == 0.0
    table = engine.evaluate(spec).industries_frame().set_index("industry")
    assert set(table.unit) == {"C"}
    # CO grows 100 × 2.465711 / 70 pp more; its weight 70/690 makes it GDP's whole change.
    assert table.loc["CO", "delta_pp"] == pytest.approx(100 * gain / 70.0, rel=1e-9)
    assert table.loc["CO", "share_pct"] == pytest.approx(100 * 70 / 690, rel=1e-9)
    assert table.loc["CO", "contribution_pp"] == pytest.approx(100 * gain / 690, rel=1e-9)
    assert table.loc["OT", "delta_pp"] == 0.0


def test_project_shift_reaches_gdp_through_construction(engine: ScenarioEngine) -> None:
    # PJ2's one-month slip moves FAI by -1.1328125 (test_hand_worked_levers); its district D2
    # has no components, so the city's coefficient applies, landing at D2 and adding into C.
    d = change(engine, engine.spec("t").with_projects({"project": "PJ2", "shift_months": 1}))
    assert d["gdp"]["D2"] == pytest.approx(EPS * COEF * -1.1328125, rel=1e-9)
    assert d["gdp"]["C"] == pytest.approx(d["gdp"]["D2"], rel=1e-9)


def test_other_value_added_and_direct_effects_keep_adding_up(engine: ScenarioEngine) -> None:
    # PJ3's services value added (-0.75 at current prices in D2) is value added of OT; the
    # 'support' lever's own GDP effect has no industry and shows as '(unassigned)'.
    spec = engine.spec("t").with_projects({"project": "PJ3", "production_shift_months": 1})
    spec = spec.with_lever("support", 4.0, start="2025-10")
    res = engine.evaluate(spec)
    table = res.industries_frame().set_index("industry")
    assert table.loc["OT", "delta_value"] / res.engine.plans["gdp"].price[0] == pytest.approx(
        -0.75 / PRICE_D2, rel=1e-9
    )
    assert "(unassigned)" in table.index
    gdp = res.summary_frame().set_index(["unit", "indicator"]).loc[("C", "gdp"), "delta_pp"]
    assert table.contribution_pp.sum() == pytest.approx(gdp, abs=1e-12)


def test_folder_without_components_says_gdp_moves_through_fixed_factors(
    tmp_path: pytest.TempPathFactory,
) -> None:
    ds = sm.load_folder(write_tiny(tmp_path / "plain"))  # type: ignore[operator]
    eng = ScenarioEngine(ds, synthetic_baseline(ds, "2025Q3", n_draws=10, seed=1))
    assert eng.channels is None
    said = [note_text(n, "en") for n in eng.notes]
    assert any("fixed factors" in n and "not through its industries" in n for n in said)
    assert eng.evaluate(eng.spec("t")).industries_frame().empty


def test_elasticity_draws_keep_mean_and_sign() -> None:
    d = elasticity_draws(0.5, 0.25, np.random.default_rng(3), 400_000)
    assert d.mean() == pytest.approx(0.5, abs=0.002)
    assert d.std() == pytest.approx(0.25, abs=0.002)
    assert d.min() > 0
    np.testing.assert_array_equal(elasticity_draws(0.7, float("nan"), None, 3), [0.7] * 3)  # type: ignore[arg-type]


def test_rest_of_year_is_the_quarters_after_as_of() -> None:
    ytd = np.array([[15.0, 32.0, 50.0, 70.0], [10.0, np.nan, 30.0, 40.0]])
    np.testing.assert_array_equal(rest_of_year(ytd, 3), [20.0, 10.0])
    # A missing quarter: the full year stands in; before Q1 and after Q4, the full year.
    np.testing.assert_array_equal(rest_of_year(ytd, 2), [38.0, 40.0])
    np.testing.assert_array_equal(rest_of_year(ytd, 0), [70.0, 40.0])
    np.testing.assert_array_equal(rest_of_year(ytd, 4), [70.0, 40.0])


# ----------------------------------------------------------------------------- example city
SHARES = {"ID": 0.35, "CO": 0.07, "WH": 0.10, "AC": 0.02, "OT": 0.46}
CITY_SOURCES = pd.DataFrame(
    {
        "component": ["ID", "CO", "WH", "AC"],
        "source_indicator": ["iva", "fai", "retail", "retail"],
        "role": ["main", "aux", "aux", "aux"],
        "elasticity": [1.0, 0.5, 0.8, 0.6],
        "elasticity_se": [0.05, 0.1, 0.2, 0.2],
        "source": ["test"] * 4,
    }
)


@pytest.fixture(scope="module")
def city_engine() -> ScenarioEngine:
    """The example city with GDP split into five industries by fixed shares (a test split)."""
    ds = sm.example_city()
    g = ds.observations[ds.observations.indicator == "gdp"]
    rows = [
        (r.unit, "gdp", c, r.period, r.ytd_value * sh, r.ytd_growth, r.year, r.month)
        for r in g.itertuples()
        for c, sh in SHARES.items()
    ]
    cols = ["unit", "indicator", "component", "period", "ytd_value", "ytd_growth", "year", "month"]
    ds = replace(
        ds,
        components=pd.DataFrame(
            {"indicator": "gdp", "component": list(SHARES), "name_zh": "", "name_en": ""}
        ),
        component_observations=pd.DataFrame(rows, columns=cols),
        industry_sources=CITY_SOURCES,
    )
    return ScenarioEngine(ds, synthetic_baseline(ds, "2026Q3", n_draws=40, seed=7), seed=7)


@pytest.mark.parametrize("name", ["full_sprint", "projects_slip", "lagging_district"])
def test_city_matches_the_per_draw_loop_and_adds_up(city_engine: ScenarioEngine, name: str) -> None:
    spec = ScenarioSpec.from_yaml(SCEN / f"{name}.yaml").replace(draws=40, seed=7)
    res = city_engine.evaluate(spec)
    ref = reference_fy(city_engine, spec)
    for code in res.fy:
        np.testing.assert_allclose(res.fy[code], ref[code], rtol=1e-12, atol=1e-9)
    summary = res.summary_frame()
    gdp = summary[summary.indicator == "gdp"].set_index("unit").delta_pp
    table = res.industries_frame()
    built = table.groupby("unit").contribution_pp.sum()
    assert len(built) >= 7
    np.testing.assert_allclose(built, gdp.loc[built.index], atol=0.01)
    # Lever terms and project terms both show: the sprint moves industry and construction.
    if name == "full_sprint":
        city = table[table.unit == "JC"].set_index("industry").delta_value
        assert city["ID"] > 0 and city["CO"] > 0 and city["WH"] > 0


def test_industry_forecast_gives_coherent_gdp_draws() -> None:
    # China as of 2022Q3: each industry forecast from its own history; GDP in every draw is the
    # share-weighted sum of the industries' growth plus the fixed published residual (GDP less
    # the sum of its industries, well under 0.05 pp of growth).
    f = industry_forecast(sm.china_national(), "2022Q3", n_draws=300, rng=0)
    assert f is not None and f.units == ("CN",) and len(f.industries) == 11
    diff = f.gdp_growth - f.built_growth()
    assert np.ptp(diff) < 1e-9 and abs(diff[0, 0]) < 0.05
    # The industries differ: real estate shrank in 2022, IT services grew fastest.
    g = dict(zip(f.industries, f.fy_growth()[0], strict=True))
    assert g["RE"] < 0 < g["IN"] and g["IN"] == max(g.values())
    frame = f.to_frame()
    assert frame[frame.industry != "gdp"].share_pct.sum() == pytest.approx(100.0)


def test_table_baselines_add_up_to_gdps(engine: ScenarioEngine) -> None:
    res = engine.evaluate(engine.spec("t").with_lever("bonds", 10.0, start="2025-11"))
    table = res.industries_frame().set_index("industry")
    d = engine.plans["gdp"].draws
    c = d.index("C")
    mean = 100.0 * (d.fy[:, c].mean() / d.base_full[c] - 1.0)
    weighted = (table.share_pct * table.baseline_growth).sum() / 100.0
    assert weighted == pytest.approx(mean, abs=1e-9)
    scen = (table.share_pct * table.scenario_growth).sum() / 100.0
    gdp = res.summary_frame().set_index(["unit", "indicator"]).loc[("C", "gdp")]
    assert scen == pytest.approx(gdp.fy_growth_mean, abs=1e-6)


def test_tornado_varies_the_elasticities_not_the_unused_bridges(
    city_engine: ScenarioEngine,
) -> None:
    spec = city_engine.spec("t").with_lever("enterprise_support", 2.0)
    frame = tornado(city_engine, spec).to_frame().set_index("assumption")
    assert "elasticity ID ← iva" in frame.index
    assert not any(a.startswith("bridge") and a.endswith("→ gdp") for a in frame.index)
    row = frame.loc["elasticity ID ← iva"]
    # 1.0 ∓ 1.96 × 0.05; a larger elasticity carries more of the task force into GDP.
    assert (row.low, row.high) == ("0.9", "1.1")
    assert row.delta_high_pp > 0 > row.delta_low_pp


def test_evaluate_many_goes_through_the_industries(city_engine: ScenarioEngine) -> None:
    ids = ("consumption_vouchers", "special_bonds", "enterprise_support")
    out = city_engine.evaluate_many(np.array([[0.0, 0.0, 0.0], [3.0, 20.0, 2.0]]), ids)
    one = city_engine.evaluate(
        city_engine.spec("x")
        .with_lever("consumption_vouchers", 3.0)
        .with_lever("special_bonds", 20.0)
        .with_lever("enterprise_support", 2.0)
    )
    s = one.summary_frame().set_index(["unit", "indicator"]).xs("gdp", level="indicator")
    units = list(city_engine.plans["gdp"].units)
    np.testing.assert_allclose(out["gdp"]["p50_growth"][1], s.loc[units, "fy_growth_p50"])
    np.testing.assert_allclose(out["gdp"]["mean_growth"][1], s.loc[units, "fy_growth_mean"])
    labels, draws = city_engine.lever_effect_draws("gdp")
    assert "enterprise_support/ID" in labels and draws.shape[1] == len(labels)


def test_the_optimiser_sees_gdp_through_the_industries(city_engine: ScenarioEngine) -> None:
    from sprintmodel.optimize.model import build_decisions, decision_effects, targets_for
    from sprintmodel.optimize.problem import PackageProblem

    targets = targets_for(city_engine, PackageProblem(indicators="gdp"))
    decisions = build_decisions(city_engine, targets, ["enterprise_support"], [])
    eff, _ = decision_effects(city_engine, targets, decisions)
    k = next(i for i, d in enumerate(decisions) if d.unit == "JC")
    cap = city_engine.levers["enterprise_support"].cap
    # The programme's mean GDP effect at the cap is the industries' (工业 only: the task force
    # moves above-scale industry, which feeds 工业 with elasticity 1.0 in this split).
    res = city_engine.evaluate(city_engine.spec("t").with_lever("enterprise_support", cap))
    table = res.industries_frame()
    city = table[table.unit == "JC"].set_index("industry").contribution_pp
    assert eff[:, 0, k].mean() * cap == pytest.approx(city.sum(), rel=1e-9)
    assert city["ID"] == pytest.approx(city.sum(), rel=1e-12) and city["ID"] > 0


# ------------------------------------------------- one source feeding two industries (vouchers)
OT_PRICE = 477.755 / 468.735
"""OT's implicit deflator as of 2025Q3 in :func:`write_accounts`: the city's 531.83 less CO's
``50 × 1.05 × 1.03 = 54.075`` at current prices, over last year's 445 at OT's growth
``(5.3 × 495 − 5 × 50) / 445 = 5.33371%``: ``445 × 1.0533371 = 468.735``."""


def test_one_source_reaches_every_industry_it_feeds(tmp_path: Path) -> None:
    # The vouchers' case in miniature: FAI feeds construction (0.5) and the rest (0.3; its only
    # source here, so its main one). OT's fourth quarter 2024 is 620 − 445 = 175, so its coefficient is
    # 175 / (OT_PRICE × 63) and the bonds' +16 of FAI adds
    # 16 × (0.5 × 20 / (1.03 × 63) + 0.3 × 175 / (OT_PRICE × 63)) = 2.465711 + 13.081600 亿元.
    folder = write_accounts(write_tiny(tmp_path / "tiny"))
    (folder / "industry_sources.csv").write_text(
        "component,source_indicator,role,elasticity,elasticity_se,deflator,source\n"
        "CO,fai,main,0.5,,,test: fixed\nOT,fai,main,0.3,,,test: fixed\n",
        encoding="utf-8",
    )
    (folder / "levers.yaml").write_text(LEVERS, encoding="utf-8")
    ds = sm.load_folder(folder)
    levers = LeverSet.from_yaml(folder / "levers.yaml")

    def gdp_change(data: sm.DataSet) -> tuple[float, pd.DataFrame]:
        eng = ScenarioEngine(data, synthetic_baseline(data, "2025Q3", n_draws=10, seed=1), levers)
        spec = eng.spec("t").with_lever("bonds", 10.0, start="2025-11")
        return change(eng, spec)["gdp"]["C"], eng.evaluate(spec).industries_frame()

    co = 16 * 0.5 * COEF
    ot = 16 * 0.3 * 175.0 / (OT_PRICE * 63.0)
    assert (co, ot) == (pytest.approx(2.465711, rel=1e-6), pytest.approx(13.081600, rel=1e-6))
    got, table = gdp_change(ds)
    assert got == pytest.approx(co + ot, rel=1e-9)
    # GDP's change is the share-weighted sum of both industries' changes.
    t = table.set_index("industry")
    assert t.loc["OT", "delta_pp"] == pytest.approx(100 * ot / 620.0, rel=1e-9)
    assert t.loc[["CO", "OT"], "contribution_pp"].sum() == pytest.approx(
        100 * (co + ot) / 690.0, rel=1e-9
    )
    # The wrong variant (the source reaches one industry only, as vouchers did) misses OT's part.
    assert ds.industry_sources is not None
    one = ds.industry_sources[ds.industry_sources.component == "CO"]
    wrong, _ = gdp_change(replace(ds, industry_sources=one))
    assert wrong == pytest.approx(co, rel=1e-9) and wrong != pytest.approx(co + ot, rel=1e-3)


def test_vouchers_reach_accommodation_and_catering_as_well_as_trade() -> None:
    # industry_sources.csv: 住宿和餐饮业 (AC) ← retail sales, aux, 0.889 (SE 0.254), the
    # estimate of benchmarks/bench_elasticities.py (AC's national series is retail, deflated).
    # Its coefficient at the city from the CSV figures: AC's 2025 fourth quarter
    # 91.92 − 66.45 = 25.47; retail's 2081.50 − 1490.11 = 591.39; retail is nominal, so AC's
    # implicit deflator 69.67 / (66.45 × 1.035) = 1.013002.
    ds = sm.example_city()
    src = ds.industry_sources
    assert src is not None
    row = src[(src.component == "AC") & (src.source_indicator == "retail")].iloc[0]
    assert (row.role, row.elasticity, row.elasticity_se) == ("aux", 0.889, 0.254)
    eng = ScenarioEngine(ds, synthetic_baseline(ds, "2026Q3", n_draws=400, seed=3), seed=3)
    ch = eng.channels
    assert ch is not None
    k_ac = next(
        k
        for k in range(ch.n_channels)
        if ch.sources[k] == "retail" and ch.industries[ch.industry_of[k]] == "AC"
    )
    k_wh = next(
        k
        for k in range(ch.n_channels)
        if ch.sources[k] == "retail" and ch.industries[ch.industry_of[k]] == "WH"
    )
    price = 69.67 / (66.45 * 1.035)
    assert price == pytest.approx(1.013002, rel=1e-6)
    jc = list(eng.dataset.hierarchy).index("JC")
    assert ch.coef[jc, k_ac] == pytest.approx(25.47 / (price * 591.39), rel=1e-9)
    assert ch.coef[jc, k_ac] == pytest.approx(0.0425154, rel=1e-5)
    res = eng.evaluate(eng.spec("v").with_lever("consumption_vouchers", 3.0, start="2026-10"))
    table = res.industries_frame()
    city = table[table.unit == "JC"].set_index("industry")
    moved = city[city.delta_value != 0]
    assert sorted(moved.index) == ["AC", "WH"]
    # GDP's change is the share-weighted sum over both industries (not 批发和零售业 alone).
    gdp = res.summary_frame().set_index(["unit", "indicator"]).loc[("JC", "gdp"), "delta_pp"]
    assert gdp == pytest.approx(moved.contribution_pp.sum(), rel=1e-9)
    assert moved.contribution_pp["AC"] > 0.2 * moved.contribution_pp["WH"]
    # AC's change over WH's is the channels' ratio ε c (up to the elasticity draws' sampling).
    ratio = (0.889 * ch.coef[jc, k_ac]) / (0.657 * ch.coef[jc, k_wh])
    assert moved.delta_value["AC"] / moved.delta_value["WH"] == pytest.approx(ratio, rel=0.05)
