"""``draft_targets`` on the bundled data: options, allocation, milestones, investment plan.

One fixture computes the example city's draft for 2027 (300 draws); the tests assert the
issue's checks on it: district targets add up to the city's, milestones rise and end at the
annual target, a higher target never has a higher probability.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.errors import InputError
from sprintmodel.notes import Note
from sprintmodel.targets import TargetsResult, draft_targets
from sprintmodel.targets.option_table import FLOOR_NOTE

ROOT = Path(__file__).resolve().parents[1]
DRAWS = 300


@pytest.fixture(scope="module")
def city() -> sm.DataSet:
    return sm.example_city()


@pytest.fixture(scope="module")
def draft(city: sm.DataSet) -> TargetsResult:
    return draft_targets(city, 2027, n_draws=DRAWS, rng=0, province_growth={"gdp": 5.5})


def test_issue_columns(draft: TargetsResult) -> None:
    assert list(draft.options.columns[:5]) == [
        "indicator",
        "option",
        "target_growth",
        "target_value",
        "probability",
    ]
    assert list(draft.allocation.columns[:4]) == [
        "unit",
        "indicator",
        "target_value",
        "target_growth",
    ]
    assert list(draft.milestones.columns[:5]) == [
        "unit",
        "indicator",
        "period",
        "ytd_value",
        "ytd_growth",
    ]
    assert {"project", "unit", "category", "plan_next_year", "at_risk"} <= set(
        draft.investment_plan.columns
    )


def test_three_options_or_more_per_indicator_with_tiers(
    draft: TargetsResult, city: sm.DataSet
) -> None:
    opts = draft.options
    assert set(opts.indicator) == set(city.indicators)
    for code, sub in opts.groupby("indicator"):
        assert {"cautious", "baseline", "ambitious", "this_year"} <= set(sub.option), code
        tiers = dict(zip(sub.option, sub.tier, strict=True))
        assert (tiers["cautious"], tiers["baseline"], tiers["ambitious"]) == (
            "floor",
            "strive",
            "aspire",
        )
    gdp = opts[opts.indicator == "gdp"].set_index("option")
    assert gdp.loc["province", "target_growth"] == 5.5
    assert gdp.loc["this_year", "target_growth"] == 6.0  # targets.csv 2026
    # Each statistical option is close to its design probability (rounding to 0.5 pp moves it),
    # unless it was a fall raised to 0.0% (its probability is then P(growth >= 0)).
    stat = opts[opts.p_design.notna()]
    floored = np.array([FLOOR_NOTE in {n.code for n in notes} for notes in stat.note])
    assert np.all(np.abs(stat.probability - stat.p_design)[~floored] < 0.15)
    for r in stat[floored].itertuples():
        assert r.target_growth == 0.0
        assert r.probability == pytest.approx(float(draft.probability(r.indicator, 0.0)))
    t = draft.tiers()
    assert list(t.indicator) == list(dict.fromkeys(opts.indicator))
    assert np.all(t.floor_growth <= t.strive_growth) and np.all(t.strive_growth <= t.aspire_growth)


def test_a_higher_target_never_has_a_higher_probability(draft: TargetsResult) -> None:
    for (_unit, _code), sub in draft.unit_options.groupby(["unit", "indicator"]):
        s = sub.sort_values("target_growth", kind="stable")
        assert np.all(np.diff(s.probability.to_numpy()) <= 1e-12)


def test_district_targets_add_up_to_the_citys(draft: TargetsResult, city: sm.DataSet) -> None:
    alloc = draft.allocation
    for code, allocs in draft.allocations.items():
        a = allocs[0]
        assert a.parent == city.root
        rows = alloc[(alloc.indicator == code) & alloc.in_sum]
        assert set(rows.parent) == {city.root}
        city_row = alloc[(alloc.indicator == code) & (alloc.unit == city.root)].iloc[0]
        # The rows in the sum are the units and the city's 本级 (its residual).
        assert rows.target_value.sum() == pytest.approx(city_row.target_value, rel=1e-12)
        own = rows.set_index("unit").loc["本级"]
        assert own.target_value == pytest.approx(a.residual_target, rel=1e-12)
        assert city_row.target_growth == pytest.approx(draft.city_targets[code])
        # Parks overlap the districts: never part of the sum.
        parks = alloc[(alloc.indicator == code) & alloc.unit.isin(["GXQ", "JKQ"])]
        assert not parks.in_sum.any()
        # Level-weighted growth of the units (and 本级) equals the city's.
        w = rows.this_year_value / rows.this_year_value.sum()
        assert float(np.sum(w * rows.target_growth)) == pytest.approx(
            city_row.target_growth, abs=1e-9
        )
    assert "jobs" in draft.allocations and "gdp" in draft.allocations


def test_milestones_rise_and_end_at_the_annual_target(draft: TargetsResult) -> None:
    ms = draft.milestones
    assert len(ms)
    for (_unit, _code), sub in ms.groupby(["unit", "indicator"]):
        v = sub.ytd_value.to_numpy()
        assert np.all(np.diff(v) >= -1e-9)
        last = sub.iloc[-1]
        assert last.period.startswith("2027") and last.period in ("2027Q4", "2027-12")
        assert last.ytd_value == pytest.approx(last.target_value, rel=1e-9)
        assert last.ytd_growth == pytest.approx(last.target_growth, abs=1e-9)
        assert sub.completion_pct.iloc[-1] == pytest.approx(100.0)
    monthly = ms[(ms.unit == "JC") & (ms.indicator == "fai")]
    assert "2027-02" in set(monthly.period) and "2027-01" not in set(monthly.period)
    # Q1 growth of the options is the first quarter's milestone growth for that target.
    base = draft.options.set_index(["indicator", "option"]).loc[("gdp", "baseline")]
    q1 = ms[(ms.unit == "JC") & (ms.indicator == "gdp") & (ms.period == "2027Q1")].iloc[0]
    assert base.q1_growth == pytest.approx(q1.ytd_growth)


def test_double_half_check(draft: TargetsResult) -> None:
    dh = draft.double_half.set_index(["unit", "indicator"])
    ms = draft.milestones.set_index(["unit", "indicator", "period"])
    row = dh.loc[("JC", "gdp")]
    h1 = ms.loc[("JC", "gdp", "2027Q2")]
    assert row.h1_value_on_path == pytest.approx(h1.ytd_value)
    # GDP's target is a growth rate: 双过半 is first-half growth not below the annual target.
    assert row.double_half_rule == "growth"
    assert bool(row.double_half_on_path) == (row.h1_growth_on_path >= row.target_growth - 1e-9)
    assert row.h1_growth_for_double_half == pytest.approx(row.target_growth)
    # New urban jobs are an amount to complete: half the year's amount by June.
    jobs = dh.loc[("JC", "jobs")]
    assert jobs.double_half_rule == "amount"
    assert jobs.h1_value_for_double_half == pytest.approx(jobs.target_value / 2)
    assert bool(jobs.double_half_on_path) == (jobs.h1_value_on_path >= jobs.target_value / 2)


def test_investment_plan(draft: TargetsResult, city: sm.DataSet) -> None:
    full = draft.investment_plan
    # The register's projects first (ranked by risk), then the pipeline's reserve and planned.
    assert city.pipeline is not None
    assert len(full) == len(city.projects) + len(city.pipeline)
    plan = full[full.plan_source != "pipeline"]
    assert len(plan) == len(city.projects) and list(plan.index) == list(range(len(plan)))
    assert plan.risk_rank.tolist() == sorted(plan.risk_rank)
    assert 0 < int(full.at_risk.sum()) <= draft.config.at_risk_top
    assert np.all(np.diff(plan.slip_loss.to_numpy()) <= 1e-12)
    by_unit = draft.investment_by_unit
    assert by_unit.plan_next_year.sum() == pytest.approx(full.plan_next_year.sum())
    assert draft.investment_by_category.share_pct.sum() == pytest.approx(100.0)
    # A project not yet started spends nothing this year and something next year.
    p5 = plan.set_index("project").loc["JC-P005"]
    assert p5.this_year_investment == 0 and p5.plan_next_year > 0


def test_components_and_printing(draft: TargetsResult) -> None:
    for ny in draft.next_year.values():
        assert ny.growth == pytest.approx(ny.trend + ny.carry + ny.projects)
        assert ny.growth.shape == (DRAWS, len(ny.units))
    comp = draft.components
    jc = comp[(comp.unit == "JC") & (comp.indicator == "gdp")].iloc[0]
    assert jc.next_growth_p10 < jc.next_growth_p50 < jc.next_growth_p90
    assert jc.trend_method == "local level"
    text = repr(draft)
    assert "Targets for 2027" in text and "floor" in text
    assert "<table" in draft._repr_html_()
    assert draft.probability("gdp", -50.0) == 1.0
    assert set(draft.tables()) >= {"options", "allocation", "milestones", "investment_plan"}


def test_same_seed_same_numbers(city: sm.DataSet) -> None:
    a = draft_targets(city, 2027, n_draws=60, rng=5, indicators=["gdp"])
    b = draft_targets(city, 2027, n_draws=60, rng=5, indicators=["gdp"])
    pd.testing.assert_frame_equal(a.options, b.options)
    pd.testing.assert_frame_equal(a.allocation, b.allocation)


def test_bounds_bind_and_are_reported(city: sm.DataSet) -> None:
    res = draft_targets(
        city,
        2027,
        n_draws=100,
        indicators=["gdp"],
        city_targets={"gdp": 6.0},
        bounds={"gdp/YHQ": (None, 7.0), "SLQ": (6.5, None)},
    )
    alloc = res.allocation.set_index("unit")
    assert alloc.loc["YHQ", "target_growth"] == pytest.approx(7.0)
    assert alloc.loc["YHQ", "binding"] == "upper"
    assert alloc.loc["SLQ", "target_growth"] >= 6.5 - 1e-9
    b = res.binding()
    assert {"sum", "upper"} <= set(b.constraint)
    assert res.allocations["gdp"][0].check() == pytest.approx(0.0, abs=1e-9)


def test_user_errors(city: sm.DataSet) -> None:
    with pytest.raises(InputError, match="--as-of 2025Q3"):
        draft_targets(city, 2026, n_draws=50)
    with pytest.raises(InputError, match="unknown option"):
        draft_targets(city, 2027, n_draws=50, indicators=["gdp"], option="heroic")
    every = {u: (None, 8.0) for u in ("CCQ", "GQQ", "YHQ", "SLQ", "QXS", "AFS")}
    with pytest.raises(InputError, match="cannot be allocated within the bounds"):
        draft_targets(
            city, 2027, n_draws=50, indicators=["gdp"], city_targets={"gdp": 30.0}, bounds=every
        )
    with pytest.raises(InputError, match="unknown indicator"):
        draft_targets(city, 2027, n_draws=50, indicators=["gdpp"])


def test_a_target_beyond_the_default_bounds_widens_them(city: sm.DataSet) -> None:
    """A city target above every district's reference + 3 pp: the default bounds widen by the
    least that reaches it, every unit ends on its widened upper bound, the targets still add up
    and a note says so; a bound the user gave stays put."""
    res = draft_targets(
        city,
        2027,
        n_draws=50,
        indicators=["gdp"],
        city_targets={"gdp": 15.0},
        bounds={"gdp/SLQ": (None, 9.0)},
        projects=False,
    )
    a = res.allocations["gdp"][0]
    assert a.widened_side == "upper" and a.widened_pp > 0
    assert "SLQ" not in a.widened_units and len(a.widened_units) == len(a.units) - 1
    share = a.base / a.base.sum()
    # d is the smallest width: with every unit at its upper bound the target is met exactly.
    assert float(np.sum(share * a.upper)) == pytest.approx(15.0, abs=1e-9)
    j = a.units.index("SLQ")
    assert a.growth[j] == pytest.approx(9.0)
    free = [i for i in range(len(a.units)) if i != j]
    assert np.allclose(a.growth[free] - a.reference[free], 3.0 + a.widened_pp)
    assert abs(a.check()) < 1e-9
    (widened,) = [n for n in res.notes if n.code == "targets.bounds_widened"]
    assert widened["indicator"] == "gdp" and widened["side"] == "upper"
    assert widened["widened"] == pytest.approx(a.widened_pp)
    assert widened["units"] == tuple(a.widened_units)
    text = res.note_texts()[res.notes.index(widened)]
    assert f"the upper bounds of {', '.join(a.widened_units)} were widened by" in text
    rows = res.allocation[(res.allocation.indicator == "gdp") & res.allocation.in_sum]
    ccq = rows.set_index("unit").loc["CCQ", "note"]  # data: the row's notes, worded on output
    assert [n.code for n in ccq] == ["targets.allocation_widened"]
    assert res.worded(rows, "en").set_index("unit").loc["CCQ", "note"] == (
        f"upper bound widened by {a.widened_pp:.2f} pp (default ±3 pp around the reference) "
        "to make the target feasible"
    )
    assert res.worded(rows, "zh").set_index("unit").loc["CCQ", "note"] == (
        f"上限放宽{a.widened_pp:.2f}个百分点（默认为参考值±3个百分点），使目标可以分解"
    )
    assert rows.target_value.sum() == pytest.approx(a.parent_target_level, rel=1e-12)


def test_scenario_moves_the_base_and_the_schedules(city: sm.DataSet, draft: TargetsResult) -> None:
    res = draft_targets(
        city,
        2027,
        n_draws=DRAWS,
        scenario=ROOT / "data/example_city/scenarios/projects_slip.yaml",
        indicators=["fai", "gdp"],
    )
    assert res.source == "scenario projects_slip"
    # Slipped projects move investment out of next year's plan.
    assert res.investment_plan.plan_next_year.sum() < draft.investment_plan.plan_next_year.sum()


def test_small_folder_short_history_and_province_file(tiny_folder: Path, tmp_path: Path) -> None:
    (tiny_folder / "province_targets.csv").write_text(
        "indicator,year,target_growth\ngdp,2026,5.0\nfai,2025,4.0\n", encoding="utf-8"
    )
    ds = sm.load_folder(tiny_folder)
    res = draft_targets(ds, 2026, n_draws=100)
    assert res.as_of == sm.Period.parse("2025-12")
    gdp = res.options[res.options.indicator == "gdp"].set_index("option")
    assert gdp.loc["province", "target_growth"] == 5.0
    assert "province" not in set(res.options[res.options.indicator == "fai"].option)
    comp = res.components.set_index(["unit", "indicator"])
    assert comp.loc[("C", "gdp"), "trend_method"] == "mean (short history)"
    alloc = res.allocation
    rows = alloc[(alloc.indicator == "gdp") & alloc.in_sum]
    a = res.allocations["gdp"][0]
    assert rows.target_value.sum() == pytest.approx(a.parent_target_level, rel=1e-12)
    shutil.rmtree(tiny_folder)


def test_national_data_without_register() -> None:
    res = draft_targets(sm.china_national(), 2026, as_of="2025Q3", n_draws=100)
    assert res.investment_plan.empty
    assert Note.of("targets.no_register", file="projects.csv") in res.notes
    # growth only since 2023: the city has no published levels of fai
    assert Note.of("targets.not_allocated", indicator="fai", why="no_levels") in res.notes
    assert "fai: not allocated (the city has no published levels)" in " ".join(res.note_texts())
    assert "固定资产投资：未分解（全市无公布总量），各单位保留其基准方案" in res.note_texts("zh")
    assert isinstance(res.options, pd.DataFrame) and "gdp" in set(res.options.indicator)
