"""The scenario engine: exact baseline, monotonicity, coherence, seeds, attribution, loop check.

Most tests run on a coherent synthetic baseline of the example city
(:func:`sprintmodel.scenario._testing.synthetic_baseline`, milliseconds); one test builds the
engine on the real forecast. The per-draw Python loop of ``_reference.py`` is the reference
for the vectorised engine.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sprintmodel as sm
from sprintmodel.errors import InputError
from sprintmodel.scenario import LeverSet, ScenarioEngine, ScenarioSpec, compare
from sprintmodel.scenario._reference import reference_fy
from sprintmodel.scenario._testing import synthetic_baseline
from sprintmodel.words.notes import note_text

ROOT = Path(__file__).resolve().parents[1]
SCEN = ROOT / "data" / "example_city" / "scenarios"
DISTRICTS = ["CCQ", "GQQ", "YHQ", "SLQ", "QXS", "AFS"]
N = 200


@pytest.fixture(scope="module")
def city() -> sm.DataSet:
    return sm.example_city()


@pytest.fixture(scope="module")
def levers() -> LeverSet:
    return LeverSet.from_yaml(ROOT / "data" / "example_city" / "levers.yaml")


@pytest.fixture(scope="module")
def engine(city: sm.DataSet, levers: LeverSet) -> ScenarioEngine:
    return ScenarioEngine(
        city, synthetic_baseline(city, "2026Q3", n_draws=N, seed=7), levers, seed=7
    )


@pytest.fixture(scope="module")
def sprint(engine: ScenarioEngine) -> ScenarioSpec:
    spec = ScenarioSpec.from_yaml(SCEN / "full_sprint.yaml")
    return spec.replace(draws=N, seed=7)


def test_no_levers_no_shifts_is_the_baseline_exactly(engine: ScenarioEngine) -> None:
    res = engine.evaluate(engine.spec("nothing"))
    for code, plan in engine.plans.items():
        assert res.fy[code] is plan.draws.fy
    assert (res.summary_frame().delta_pp == 0).all()
    assert res.attribution().empty and res.cost == 0
    # Zero intensities and zero shifts too.
    zero = engine.spec("zero").with_projects({"status": "approved", "shift_months": 0})
    zero = zero.replace(levers={"consumption_vouchers": 0.0, "land_acceleration": 0.0})
    res0 = engine.evaluate(zero)
    for code, plan in engine.plans.items():
        np.testing.assert_array_equal(res0.fy[code], plan.draws.fy)


@pytest.mark.parametrize(
    "name", ["full_sprint", "lagging_district", "projects_slip", "late_vouchers"]
)
def test_matches_the_per_draw_loop(engine: ScenarioEngine, name: str) -> None:
    spec = ScenarioSpec.from_yaml(SCEN / f"{name}.yaml").replace(draws=N, seed=7)
    res = engine.evaluate(spec)
    ref = reference_fy(engine, spec, draws=60)
    for code in res.fy:
        np.testing.assert_allclose(res.fy[code][:60], ref[code], rtol=1e-12, atol=1e-9)


def test_matches_the_per_draw_loop_with_saturating_responses(
    city: sm.DataSet, levers: LeverSet
) -> None:
    """The example city's levers are linear; make every amount lever saturate (scale 2, well
    below the intensities of ``full_sprint``) so the loop's own ``s (1 − e^{−X/s}) / X``
    checks the engine's response factor."""
    sat = {
        k: replace(v, response="saturating", response_scale=2.0) if v.kind == "amount" else v
        for k, v in levers.items()
    }
    lset = replace(levers, levers=sat)
    eng = ScenarioEngine(city, synthetic_baseline(city, "2026Q3", n_draws=40, seed=7), lset, seed=7)
    spec = ScenarioSpec.from_yaml(SCEN / "full_sprint.yaml").replace(draws=40, seed=7)
    res = eng.evaluate(spec)
    ref = reference_fy(eng, spec)
    for code in res.fy:
        np.testing.assert_allclose(res.fy[code], ref[code], rtol=1e-12, atol=1e-9)


def test_districts_sum_to_the_city_in_every_draw(
    engine: ScenarioEngine, sprint: ScenarioSpec
) -> None:
    res = engine.evaluate(sprint)
    for code, plan in engine.plans.items():
        d = plan.draws
        kids = [d.index(u) for u in DISTRICTS if u in d.units]
        city = d.index("JC")
        fy = res.published_levels(code)  # with entrants: their level, not the comparable base
        residual = fy[:, city] - fy[:, kids].sum(axis=1)
        base_residual = d.fy[:, city] - d.fy[:, kids].sum(axis=1)
        np.testing.assert_allclose(residual, base_residual, atol=1e-8)
        # Towns add up to 安丰市 in every draw as well.
        towns = [d.index(u) for u in ("AFS-HT", "AFS-SQ", "AFS-LW") if u in d.units]
        if towns:
            r = fy[:, d.index("AFS")] - fy[:, towns].sum(axis=1)
            r0 = d.fy[:, d.index("AFS")] - d.fy[:, towns].sum(axis=1)
            assert np.ptp(r - r0) < 1e-8


def test_parks_get_their_share_but_never_add_into_the_city(
    engine: ScenarioEngine, sprint: ScenarioSpec
) -> None:
    res = engine.evaluate(sprint)
    d = engine.plans["gdp"].draws
    delta = res.fy["gdp"] - d.fy
    city = delta[:, d.index("JC")]
    districts = delta[:, [d.index(u) for u in DISTRICTS]].sum(axis=1)
    np.testing.assert_allclose(city, districts, atol=1e-9)
    assert (delta[:, d.index("GXQ")] > 0).all() and (delta[:, d.index("JKQ")] > 0).all()
    # The park of a project gets the project's effect: JC-P012 lies in 高新区 (GXQ).
    one = engine.spec("p12").with_projects({"project": "JC-P012", "shift_months": 3})
    fai = engine.plans["fai"].draws
    moved = engine.evaluate(one).fy["fai"] - fai.fy
    np.testing.assert_allclose(moved[:, fai.index("GXQ")], moved[:, fai.index("YHQ")])
    np.testing.assert_allclose(moved[:, fai.index("JKQ")], 0.0)


AMOUNT = [
    "consumption_vouchers",
    "special_bonds",
    "policy_financing",
    "enterprise_support",
    "export_support",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lever=st.sampled_from(AMOUNT),
    a=st.floats(0, 1),
    b=st.floats(0, 1),
    month=st.integers(10, 12),
)
def test_more_intensity_never_lowers(
    engine: ScenarioEngine, levers: LeverSet, lever: str, a: float, b: float, month: int
) -> None:
    lo, hi = sorted((a, b))
    cap = levers[lever].cap
    start = f"2026-{month:02d}"
    r_lo = engine.evaluate(engine.spec("lo").with_lever(lever, lo * cap, start=start))
    r_hi = engine.evaluate(engine.spec("hi").with_lever(lever, hi * cap, start=start))
    for code in [*levers[lever].indicators, "gdp"]:
        assert (r_hi.fy[code] >= r_lo.fy[code] - 1e-9).all()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(project=st.integers(0, 52), a=st.integers(-6, 12), b=st.integers(-6, 12))
def test_a_later_start_never_raises_this_year(
    engine: ScenarioEngine, city: sm.DataSet, project: int, a: int, b: int
) -> None:
    code = city.projects.project.iloc[project]
    early, late = sorted((a, b))
    items = {"status": "land_pending", "shift_months": 0}
    r = {}
    for name, shift in (("early", early), ("late", late)):
        spec = engine.spec(name).with_projects(
            items,
            {"unit": "JC", "category": city.projects.category.iloc[project], "shift_months": shift},
        )
        r[name] = engine.evaluate(spec)
    for ind in ("fai", "iva", "gdp"):
        assert (r["late"].fy[ind] <= r["early"].fy[ind] + 1e-9).all(), (code, ind)


def test_more_land_acceleration_never_lowers(engine: ScenarioEngine) -> None:
    prev = None
    for x in (0.0, 1.0, 2.0, 3.0):
        res = engine.evaluate(engine.spec("land").with_lever("land_acceleration", x))
        if prev is not None:
            for ind in ("fai", "gdp"):
                assert (res.fy[ind] >= prev.fy[ind] - 1e-9).all()
        prev = res


def test_same_seed_same_numbers_other_seed_same_distribution(
    city: sm.DataSet, levers: LeverSet, sprint: ScenarioSpec
) -> None:
    base = synthetic_baseline(city, "2026Q3", n_draws=4000, seed=1)
    e1 = ScenarioEngine(city, base, levers, seed=11)
    e2 = ScenarioEngine(city, base, levers, seed=11)
    e3 = ScenarioEngine(city, base, levers, seed=12)
    spec = sprint.replace(draws=4000, seed=11)
    r1, r2 = e1.evaluate(spec), e2.evaluate(spec)
    r3 = e3.evaluate(spec.replace(seed=12))
    for code in r1.fy:
        np.testing.assert_array_equal(r1.fy[code], r2.fy[code])
    # Effects (scenario − baseline) from another seed: same mean within 5 standard errors.
    for code in ("gdp", "fai", "retail", "iva", "exports"):
        d1 = r1.fy[code] - base[code].fy
        d3 = r3.fy[code] - base[code].fy
        se = np.sqrt(d1.var(axis=0) / len(d1) + d3.var(axis=0) / len(d3)) + 1e-9
        assert (np.abs(d1.mean(axis=0) - d3.mean(axis=0)) < 5 * se).all(), code
        assert not np.array_equal(d1, d3)


def test_attribution_adds_up(engine: ScenarioEngine, sprint: ScenarioSpec) -> None:
    res = engine.evaluate(sprint)
    att = res.attribution().groupby(["unit", "indicator"]).delta_pp.sum()
    summ = res.summary_frame().set_index(["unit", "indicator"])
    joined = summ.join(att.rename("att"), how="left").fillna({"att": 0.0})
    np.testing.assert_allclose(joined.delta_pp, joined.att, atol=1e-10)
    # The mean change equals the change of the mean draws.
    for code, plan in engine.plans.items():
        d = plan.draws
        want = 100 * (res.fy[code].mean(axis=0) - d.fy.mean(axis=0)) / d.base_full
        got = summ.xs(code, level="indicator").loc[list(d.units), "delta_pp"].to_numpy()
        np.testing.assert_allclose(got, want, atol=1e-9)
    w = res.waterfall("JC", "gdp")
    assert w.step.iloc[0] == "baseline" and w.step.iloc[-1] == "scenario"
    assert {"consumption_vouchers", "project_timing", "land_acceleration"} <= set(w.step)


def test_summary_columns_and_values(engine: ScenarioEngine, sprint: ScenarioSpec) -> None:
    res = engine.evaluate(sprint)
    s = res.summary_frame()
    required = [
        "unit",
        "indicator",
        "fy_value_p50",
        "fy_growth_p10",
        "fy_growth_p50",
        "fy_growth_p90",
        "target_growth",
        "gap_pp",
        "p_meet_target",
        "q4_growth_required",
    ]
    assert set(required) <= set(s.columns)
    assert (s.fy_growth_p10 <= s.fy_growth_p50).all() and (s.fy_growth_p50 <= s.fy_growth_p90).all()
    row = s[(s.unit == "JC") & (s.indicator == "gdp")].iloc[0]
    plan = engine.plans["gdp"]
    i = plan.draws.index("JC")
    g = plan.draws.fy_growth(res.fy["gdp"])[:, i]
    assert row.fy_growth_p50 == pytest.approx(np.median(g))
    assert row.p_meet_target == pytest.approx(np.mean(g >= 6.0 - 1e-12))
    # The headline (one figure everywhere): the point forecast moved by the change of the mean.
    point = 100.0 * (plan.draws.point_level[i] / plan.draws.base_full[i] - 1.0)
    mean_change = 100.0 * (np.mean(res.fy["gdp"][:, i]) - np.mean(plan.draws.fy[:, i]))
    assert row.fy_growth == pytest.approx(point + mean_change / plan.draws.base_full[i])
    assert row.gap_pp == pytest.approx(row.fy_growth - 6.0)
    # Q4 growth required: (target − ytd) / last year's Q4 − 1.
    d = plan.draws
    want = 100 * ((d.base_full[i] * 1.06 - d.ytd_level[i]) / (d.base_full[i] - d.base_ytd[i]) - 1)
    assert row.q4_growth_required == pytest.approx(want)
    assert "JC" in repr(res) and "<table" in res._repr_html_()
    assert res.cost == pytest.approx(
        3
        + 20
        + 25
        + 2
        + 1
        + 0.1 * res.cost_table().set_index("lever").at["land_acceleration", "projects"] * 3
    )


def test_compare_and_batch(engine: ScenarioEngine, sprint: ScenarioSpec) -> None:
    base = engine.baseline_result()
    res = engine.evaluate(sprint)
    cmp = base.compare(res)
    assert "diff_fy_growth" in cmp and (cmp.diff_p_meet_target.dropna() >= -1e-12).all()
    wide = compare(base, res)
    assert list(wide.columns) == ["unit", "indicator", "baseline", "full_sprint"]
    # evaluate_many equals evaluate for city-wide intensities started next month.
    ids = ("consumption_vouchers", "special_bonds")
    out = engine.evaluate_many(
        np.array([[1.0, 5.0], [3.0, 20.0]]), ids, indicators=["retail", "fai"]
    )
    one = engine.evaluate(
        engine.spec("x").with_lever("consumption_vouchers", 3.0).with_lever("special_bonds", 20.0)
    )
    s = one.summary_frame().set_index(["unit", "indicator"])
    units = engine.plans["fai"].units
    np.testing.assert_allclose(
        out["fai"]["p50_growth"][1],
        s.xs("fai", level="indicator").loc[list(units), "fy_growth_p50"],
    )
    np.testing.assert_allclose(out["fai"]["cost"], [6.0, 23.0])


def test_draws_saved_compactly(
    tmp_path: Path, engine: ScenarioEngine, sprint: ScenarioSpec
) -> None:
    res = engine.evaluate(sprint)
    path = res.save_draws(tmp_path / "draws.npz")
    with np.load(path) as z:
        assert z["fy__gdp"].dtype == np.float32 and z["fy__gdp"].shape == (
            N,
            len(engine.plans["gdp"].units),
        )
        assert list(z["units__gdp"]) == list(engine.plans["gdp"].units)
        assert "full_sprint" in str(z["meta"])
    draws = res.to_draws()
    assert draws["gdp"].fy is res.fy["gdp"]


def test_project_watch_list(engine: ScenarioEngine) -> None:
    table = engine.project_table()
    assert list(table["rank"]) == list(range(1, len(table) + 1))
    assert table.attrs["rank_by"] == "gdp"
    assert (table.gdp_pp_per_month >= -1e-12).all() and (table.q4_fai >= 0).all()
    top = table.iloc[0]
    assert top.gdp_pp_per_month == table.gdp_pp_per_month.abs().max()
    row = table.set_index("project").loc["JC-P020"]  # land pending, planned start 2026-10
    assert row.latest_start == "2026-11"  # December less its one-month entry lag


def test_engine_refuses_other_draws_or_as_of(engine: ScenarioEngine) -> None:
    with pytest.raises(InputError, match="draws"):
        engine.evaluate(ScenarioSpec("x", "2026Q3", draws=N + 1, seed=7))
    with pytest.raises(InputError, match="as_of"):
        engine.evaluate(ScenarioSpec("x", "2026Q2", draws=N, seed=7))
    res = engine.evaluate(ScenarioSpec("x", "2026Q3", draws=N + 1, seed=7), strict=False)
    assert any("engine's" in note_text(n, "en") for n in res.notes)
    said = next(n for n in res.notes if n.code == "scenario.engine_draws")
    assert (said["draws"], said["seed"], said["asked_draws"], said["asked_seed"]) == (
        N,
        7,
        N + 1,
        7,
    )


@pytest.mark.slow
def test_on_the_real_forecast(city: sm.DataSet, levers: LeverSet) -> None:
    spec = ScenarioSpec.from_yaml(SCEN / "full_sprint.yaml").replace(draws=300)
    engine = ScenarioEngine.from_spec(spec, city, levers)
    base = sm.forecast_year(city, "2026Q3", n_draws=300, rng=spec.seed).draws
    for code in base:
        np.testing.assert_array_equal(engine.baseline_result().fy[code], base[code].fy)
    res = engine.evaluate(spec)
    s = res.summary_frame().set_index(["unit", "indicator"])
    assert s.loc[("JC", "retail"), "delta_pp"] > 0.3
    assert (
        s.loc[("JC", "gdp"), "p_meet_target"]
        >= engine.baseline_result()
        .summary_frame()
        .set_index(["unit", "indicator"])
        .loc[("JC", "gdp"), "p_meet_target"]
    )


def test_results_do_not_depend_on_what_was_evaluated_before(
    city: sm.DataSet, levers: LeverSet, engine: ScenarioEngine, sprint: ScenarioSpec
) -> None:
    """The caches (per project, per spec) never change a number."""
    specs = [
        sprint,
        sprint.with_lever("land_acceleration", 1.0),
        engine.spec("p").with_projects({"project": "JC-P038", "shift_months": -2}),
        sprint.with_projects({"project": "JC-P038", "shift_months": -2}),
        sprint,
    ]
    results = [engine.evaluate(s) for s in specs]
    for spec, res in zip(specs, results, strict=True):
        fresh = ScenarioEngine(city, engine.baseline, levers, seed=engine.seed).evaluate(spec)
        for code in res.fy:
            np.testing.assert_array_equal(res.fy[code], fresh.fy[code])
        assert res.summary_frame().equals(fresh.summary_frame())
