"""Widgets (sprintmodel.ui): controls match the core's signature and call it correctly.

The numbers are tested in the core; here a small engine (synthetic baseline, a few hundred
draws) stands behind the panels, ``engine.evaluate`` is wrapped to record what it is asked,
and slider changes are simulated by setting ``slider.value``.
"""

from __future__ import annotations

import contextlib
import inspect
import io

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets
import numpy as np
import pytest

import sprintmodel as sm
from sprintmodel import ui
from sprintmodel.errors import InputError
from sprintmodel.scenario._testing import synthetic_baseline
from sprintmodel.ui import levers as ui_levers
from sprintmodel.ui import projects as ui_projects
from sprintmodel.ui import targets as ui_targets


@pytest.fixture(autouse=True)
def _quiet():
    # ipywidgets' Output clears itself with escape codes on stdout outside a kernel.
    with contextlib.redirect_stdout(io.StringIO()):
        yield


@pytest.fixture(scope="module")
def city():
    return sm.example_city()


@pytest.fixture(scope="module")
def engine(city):
    base = synthetic_baseline(city, "2026Q3", n_draws=300, seed=5)
    return sm.ScenarioEngine(city, base, sm.levers_for_folder(city.folder), seed=5)


@pytest.fixture()
def calls(engine, monkeypatch):
    """Record every spec passed to ``engine.evaluate`` (still evaluating it)."""
    seen = []
    real = type(engine).evaluate

    def spy(self, spec, **kw):
        seen.append(spec)
        return real(self, spec, **kw)

    monkeypatch.setattr(type(engine), "evaluate", spy)
    return seen


# ---------------------------------------------------------------------- levers
def test_one_slider_per_lever_matching_the_lever_set(engine):
    panel = ui.LeverPanel(engine, backend="image")
    assert list(panel.sliders) == list(engine.levers)
    for lid, s in panel.sliders.items():
        lv = engine.levers[lid]
        assert isinstance(s, widgets.FloatSlider)
        assert s.min == 0.0 and s.max == pytest.approx(lv.cap)
        assert s.step == pytest.approx(ui_levers.slider_step(lv))
        if lv.intensity_unit.startswith("month"):  # whole months, not 0.1-month steps
            assert s.step == 1.0 and s.readout_format == ".0f"
        else:  # money: the same two decimals on every readout
            assert 15 <= lv.cap / s.step <= 60 and s.readout_format == ".2f"
        assert s.continuous_update is False
        assert s.description.startswith(lv.name_zh)
        assert ui_levers.short_unit(lv.intensity_unit, "zh") in s.description
        assert s.value == 0.0


def test_controls_match_the_core_signature(engine):
    """Each slider is a keyword of ``update`` and a lever id ``ScenarioSpec.with_lever`` takes."""
    panel = ui.LeverPanel(engine, backend="image")
    sig = inspect.signature(panel.update)
    assert any(p.kind is p.VAR_KEYWORD for p in sig.parameters.values())
    wl = inspect.signature(sm.ScenarioSpec.with_lever)
    assert list(wl.parameters)[1:3] == ["lever", "intensity"]
    spec = engine.spec()
    for lid, s in panel.sliders.items():
        spec.with_lever(lid, s.max)  # every slider's id and range is valid for the core
        sm.scenario.resolve(spec.with_lever(lid, s.max), engine.dataset, engine.levers)


def test_english_descriptions(engine):
    panel = ui.LeverPanel(engine, lang="en", backend="image")
    s = panel.sliders["consumption_vouchers"]
    assert s.description == "Consumption vouchers (亿元, cap 3)"
    assert s.tooltip.startswith("Consumption vouchers: intensity in 亿元")
    assert "gap" in panel.gap.value and "P(meet target)" in panel.gap.value


def test_moving_a_slider_evaluates_spec_with_lever(engine, calls):
    panel = ui.LeverPanel(engine, backend="image")
    calls.clear()
    before = panel.gap.value
    panel.sliders["enterprise_support"].value = 1.5
    expected = engine.spec("levers").with_lever("enterprise_support", 1.5)
    assert calls == [expected]
    assert panel.last_spec == expected
    assert panel.last_result.spec == expected
    assert panel.gap.value != before
    numbers = ui_levers.headline(panel.last_result, "JC", "gdp")
    assert f"{numbers['gap_pp']:+.2f}" in panel.gap.value
    assert f"{numbers['p_meet_target']:.0%}" in panel.gap.value
    assert "1.50 亿元" in panel.gap.value  # cost
    # a second slider keeps the first
    panel.sliders["special_bonds"].value = 10.0
    assert calls[-1] == expected.with_lever("special_bonds", 10.0)
    # back to zero removes the lever from the spec
    panel.sliders["enterprise_support"].value = 0.0
    assert calls[-1] == engine.spec("levers").with_lever("special_bonds", 10.0)
    assert len(panel.timings) == 4 and panel.last_seconds > 0


def test_waterfall_bars_are_the_results_attribution(engine):
    panel = ui.LeverPanel(engine, backend="image")
    rects = list(panel._art.bars.patches)
    panel.sliders["consumption_vouchers"].value = 2.0
    assert list(panel._art.bars.patches) == rects  # moved in place, not redrawn
    wf = panel.last_result.waterfall("JC", "gdp").set_index("step")
    i = panel._art.steps.index("consumption_vouchers")
    assert rects[i].get_height() == pytest.approx(wf.delta_pp["consumption_vouchers"])
    assert rects[-1].get_height() == pytest.approx(wf.level["scenario"])
    assert panel.view.widget.value[:4] == b"\x89PNG"


def test_start_spec_sets_sliders_and_keeps_start_months(engine, calls):
    spec = engine.spec("s").with_lever("consumption_vouchers", 2.0, start="2026-12")
    panel = ui.LeverPanel(engine, spec, backend="image")
    assert panel.sliders["consumption_vouchers"].value == 2.0
    panel.sliders["consumption_vouchers"].value = 1.0
    (setting,) = [s for s in calls[-1].levers if s.lever == "consumption_vouchers"]
    assert setting.intensity == 1.0 and setting.start == "2026-12"


def test_a_scenario_file_with_other_draws_is_evaluated_with_the_engines(engine, calls):
    spec = sm.ScenarioSpec.from_yaml(engine.dataset.folder / "scenarios" / "full_sprint.yaml")
    assert spec.draws != engine.n_draws
    panel = ui.LeverPanel(engine, spec, backend="image")
    assert panel.error is None and panel.last_result is not None
    assert panel.sliders["special_bonds"].value == 20.0
    assert calls[-1].projects == spec.projects and calls[-1].draws == engine.n_draws
    assert "project_timing" in panel._art.steps


def test_unit_and_indicator_dropdowns(engine):
    panel = ui.LeverPanel(engine, backend="image")
    panel.sliders["enterprise_support"].value = 1.0
    panel.unit_box.value = "SLQ"
    assert "石岭区" in panel.gap.value
    panel.indicator_box.value = "iva"
    assert "规模以上工业增加值" in panel.gap.value
    n = ui_levers.headline(panel.last_result, "SLQ", "iva")
    assert f"{n['fy_growth']:.2f}%" in panel.gap.value


def test_an_error_is_shown_not_raised(engine):
    panel = ui.LeverPanel(engine, backend="image")
    last = panel.last_result
    assert panel.update(consumption_vouchers=99.0) is None
    assert "cap" in panel.gap.value and panel.error
    assert panel.last_result is last
    with pytest.raises(InputError):
        ui.lever_scenario(engine, engine.spec(), {"consumption_vouchers": 99.0})


def test_nice_step():
    assert ui_levers.nice_step(3.0) == 0.1
    assert ui_levers.nice_step(20.0) == 1.0
    assert ui_levers.nice_step(25.0) == 1.0
    assert ui_levers.nice_step(1.0) == 0.05
    assert ui_levers.nice_step(0.0) == 0.1


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_ipympl_canvas_blits_the_moving_artists(engine):
    pytest.importorskip("ipympl")
    old = matplotlib.get_backend()
    matplotlib.use("module://ipympl.backend_nbagg")
    try:
        panel = ui.LeverPanel(engine, backend="auto")
        assert panel.view.kind == "ipympl"
        assert isinstance(panel.view.widget, widgets.DOMWidget)
        assert all(a.get_animated() for a in panel._art.moving())
        panel.view.figure.canvas.draw()  # what the browser's first request does
        assert panel.view._background is not None
        panel.sliders["enterprise_support"].value = 1.0
        assert panel.last_result is not None
    finally:
        matplotlib.use(old)


# ---------------------------------------------------------------------- projects
def test_project_items_from_slider_values():
    items = ui_projects.project_items(
        {"P1__shift": -2, "P1__production": -2, "P2__shift": 0, "P2__production": 3, "P3__shift": 1}
    )
    assert items == [
        {"project": "P1", "shift_months": -2},
        {"project": "P2", "production_shift_months": 3},
        {"project": "P3", "shift_months": 1},
    ]
    # production counted from its planned date: the schedule's shift is taken off
    assert ui_projects.project_items({"P1__shift": 2, "P1__production": 0}) == [
        {"project": "P1", "shift_months": 2, "production_shift_months": -2}
    ]


def test_project_panel_sliders_and_calls(engine, calls):
    panel = ui.ProjectPanel(engine, top=4, backend="image")
    table = engine.project_table(engine.spec("projects"))
    assert panel.projects == list(table.project.head(4))
    assert {k.rpartition("__")[0] for k in panel.sliders} == set(panel.projects)
    for s in panel.sliders.values():
        assert isinstance(s, widgets.IntSlider) and s.continuous_update is False
        assert s.min <= 0 <= s.max
    code = panel.projects[0]
    s = panel.sliders[f"{code}__shift"]
    calls.clear()
    s.value = s.max
    item = {"project": code, "shift_months": s.max}
    if f"{code}__production" in panel.sliders:  # production stays at its planned month
        item["production_shift_months"] = -s.max
    expected = engine.spec("projects").with_projects(item)
    assert calls == [expected]
    assert panel.last_spec == expected
    q4 = panel.last_q4.set_index("project")
    assert f"{q4.q4_fai.sum():.2f}" in panel.summary.value
    sched = ui_projects.moved_schedule(engine, expected, panel.projects)
    i = panel.projects.index(code)
    assert panel._art.bars.patches[i].get_x() == pytest.approx(sched.start[i])


def test_slider_limits_are_what_the_core_accepts(engine):
    spec = engine.spec("projects")
    code = engine.project_table(spec).project.iloc[0]
    lo, _hi = ui_projects.shift_limits(engine, spec, code, "production", -12, 12)
    engine.resolve(spec.with_projects({"project": code, "production_shift_months": lo}))
    if lo > -12:
        with pytest.raises(InputError):
            engine.resolve(spec.with_projects({"project": code, "production_shift_months": lo - 1}))


def test_watch_list_q4_matches_the_engine_table(engine):
    spec = engine.spec("p").with_projects(
        {"project": "JC-P012", "shift_months": 2}, {"project": "JC-P005", "shift_months": -2}
    )
    table = engine.project_table(spec).set_index("project")
    codes = ["JC-P012", "JC-P005", "JC-P001"]
    q4 = ui_projects.watch_list_q4(engine, spec, codes).set_index("project")
    for c in codes:
        assert q4.q4_fai[c] == pytest.approx(table.q4_fai[c])
        assert q4.q4_va[c] == pytest.approx(table.q4_va[c])


def test_moved_schedule_follows_the_rules(engine):
    spec = engine.spec("p").with_projects({"project": "JC-P005", "shift_months": -2})
    sched = ui_projects.moved_schedule(engine, spec).set_index("project")
    reg = engine.register
    j = reg.index("JC-P005")
    if reg.start[j] > engine.as_of_month:  # not started: moves as a whole
        assert sched.start["JC-P005"] == reg.start[j] - 2
        assert sched.finish["JC-P005"] == reg.finish[j] - 2
    plan = ui_projects.moved_schedule(engine).set_index("project")
    assert plan.start["JC-P012"] == reg.start[reg.index("JC-P012")]


# ---------------------------------------------------------------------- forecast, league
@pytest.fixture(scope="module")
def fresult(city):
    return sm.forecast_year(city, "2026Q3", n_draws=200, rng=0)


def test_forecast_panel_shows_the_row(fresult):
    panel = ui.ForecastPanel(fresult, backend="image")
    codes = [v for _, v in panel.unit_box.options]
    assert codes[0] == "JC" and "SLQ" in codes
    row = ui.forecast.forecast_row(fresult, "JC", "gdp")
    assert f"{row['fy_growth']:.2f}%" in panel.line.value
    sig = inspect.signature(panel.update)
    assert list(sig.parameters) == ["unit", "indicator"]
    panel.unit_box.value = "SLQ"
    row = ui.forecast.forecast_row(fresult, "SLQ", "gdp")
    assert panel.last_row["unit"] == "SLQ"
    assert f"{row['rest_growth_required']:.2f}%" in panel.line.value


def test_league_panel(city):
    table = sm.league_table(city, "2026Q3")
    panel = ui.LeaguePanel(table, backend="image")
    assert ("JC", "rollup") in [v for _, v in panel.league_box.options]
    panel.measure_box.value = "contribution_pct"
    art = panel.last_art
    lg = table.league("gdp")
    j = art.indicators.index("gdp")
    for u, c in zip(lg.unit, lg.contribution_pct, strict=True):
        assert art.values[art.units.index(u), j] == pytest.approx(c)
    panel.league_box.value = ("JC", "overlap")
    assert set(panel.last_art.units) == {"GXQ", "JKQ"}


def test_build_engine_defaults(city):
    assert ui.default_as_of(city) == "2026Q3"
    assert np.isfinite(1.0)


# ---------------------------------------------------------------------- next year's targets
@pytest.fixture(scope="module")
def draft(city):
    return sm.draft_targets(
        city,
        2027,
        bounds={"gdp/YHQ": (None, 8.0), "gdp/AFS": (5.5, None)},
        projects=False,
        n_draws=200,
        rng=2,
    )


@pytest.fixture()
def solves(monkeypatch):
    """Record every call of ``solve_allocation`` made by the targets panel (still solving)."""
    seen = []
    real = ui_targets.solve_allocation

    def spy(*args, **kwargs):
        out = real(*args, **kwargs)
        seen.append((args, kwargs, out))
        return out

    monkeypatch.setattr(ui_targets, "solve_allocation", spy)
    return seen


def test_target_panel_controls_match_solve_allocation(draft):
    """The slider is ``parent_growth`` of the core's solver; its whole range is feasible."""
    from sprintmodel.targets import solve_allocation

    panel = ui.TargetPanel(draft, backend="image")
    core = list(inspect.signature(solve_allocation).parameters)
    assert core[0] == "parent_growth"
    assert list(inspect.signature(panel.update).parameters) == ["parent_growth"]
    assert [v for _, v in panel.indicator_box.options] == ui_targets.allocated_indicators(draft)
    assert panel.indicator_box.value == "gdp"
    s = panel.target_slider
    assert isinstance(s, widgets.FloatSlider) and s.continuous_update is False
    assert s.step == ui_targets.STEP
    assert s.value == pytest.approx(draft.city_targets["gdp"])
    lo, hi = ui_targets.feasible_range(ui_targets.city_allocation(draft, "gdp"))
    assert lo - 1e-9 <= s.min < s.value < s.max <= hi + 1e-9
    for g in (s.min, s.max):  # both ends are targets the bounds can add up to
        ui_targets.reallocate(draft, "gdp", g)
    with pytest.raises(InputError, match="cannot be allocated"):
        ui_targets.reallocate(draft, "gdp", hi + 0.5)


def test_reallocate_reproduces_the_draft(draft):
    a = ui_targets.city_allocation(draft, "gdp")
    b = ui.reallocate(draft, "gdp", draft.city_targets["gdp"])
    assert b.units == a.units and b.binding == a.binding
    np.testing.assert_allclose(b.growth, a.growth, atol=1e-9)
    assert b.multiplier == pytest.approx(a.multiplier)


def test_moving_the_city_target_solves_the_allocation_again(draft, solves):
    panel = ui.TargetPanel(draft, backend="image")
    a = ui_targets.city_allocation(draft, "gdp")
    solves.clear()
    before = panel.line.value
    panel.target_slider.value = 7.0
    assert len(solves) == 1
    args, kwargs, out = solves[0]
    assert args[0] == pytest.approx(7.0)  # parent_growth
    for got, want in zip(args[1:5], (a.base, a.reference, a.lower, a.upper), strict=True):
        np.testing.assert_array_equal(got, want)
    assert kwargs["units"] == a.units and kwargs["indicator"] == "gdp"
    assert kwargs["parent"] == a.parent and kwargs["parent_base"] == a.parent_base
    assert kwargs["variance"] is None  # "level" weights, as in the draft
    assert panel.last_allocation is out
    assert panel.last_probability == pytest.approx(draft.probability("gdp", 7.0))
    assert panel.line.value != before and f"{panel.last_probability:.0%}" in panel.line.value
    assert "云湖区 上限 8.0%" in panel.line.value
    table = panel.last_table.set_index("unit")
    assert table.target_growth.to_numpy() == pytest.approx(out.growth)
    assert table.probability["SLQ"] == pytest.approx(
        draft.probability("gdp", float(table.target_growth["SLQ"]), "SLQ")
    )
    # the bars move in place
    rects = list(panel._art[1].bars.patches)
    panel.target_slider.value = 6.0
    assert list(panel._art[1].bars.patches) == rects
    assert [r.get_width() for r in rects] == pytest.approx(list(panel.last_allocation.growth))
    assert panel.view.widget.value[:4] == b"\x89PNG"
    assert len(panel.timings) == 3 and panel.last_seconds > 0


def test_indicator_dropdown_resets_the_slider_and_solves_once(draft, solves):
    panel = ui.TargetPanel(draft, lang="en", backend="image")
    solves.clear()
    panel.indicator_box.value = "retail"
    assert len(solves) == 1
    args, kwargs, _ = solves[0]
    assert kwargs["indicator"] == "retail"
    assert args[0] == pytest.approx(draft.city_targets["retail"])
    assert panel.target_slider.value == pytest.approx(draft.city_targets["retail"])
    assert (panel.target_slider.min, panel.target_slider.max) == ui_targets.target_range(
        draft, "retail"
    )
    assert "city target" in panel.line.value and "P(meet)" in panel.line.value


def test_target_panel_shows_errors_and_answers_fast(draft):
    import time

    panel = ui.TargetPanel(draft, backend="image")
    last = panel.last_allocation
    assert panel.update(99.0) is None
    assert "cannot be allocated" in panel.line.value and panel.error
    assert panel.last_allocation is last
    t0 = time.perf_counter()
    for g in np.linspace(5.0, 7.5, 26):  # inside the default bounds' reach (about 8%)
        ui_targets.reallocate(draft, "gdp", float(g))
    assert (time.perf_counter() - t0) / 26 < 0.05  # about a millisecond each


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_target_panel_blits_on_an_ipympl_canvas(draft):
    pytest.importorskip("ipympl")
    old = matplotlib.get_backend()
    matplotlib.use("module://ipympl.backend_nbagg")
    try:
        panel = ui.TargetPanel(draft, backend="auto")
        assert panel.view.kind == "ipympl"
        opt, al = panel._art
        assert all(a.get_animated() for a in [*opt.moving(), *al.moving()])
        panel.view.figure.canvas.draw()  # what the browser's first request does
        assert panel.view._background is not None
        panel.target_slider.value = 7.0
        assert list(opt.chosen.get_xdata()) == [7.0]
        assert panel.last_allocation.parent_growth == 7.0
    finally:
        matplotlib.use(old)


def test_headline_is_the_forecast_point_moved_by_the_scenario(engine):
    """One figure: with no levers the line shows `forecast`'s point, not the simulation
    median; a lever moves it by delta_pp."""
    import sprintmodel as sm

    engine = ui.build_engine(n_draws=500, seed=0)
    fc = sm.forecast_year(engine.dataset, "2026Q3", n_draws=500, rng=0)
    f = fc.to_frame()
    point = float(f[(f.unit == "JC") & (f.indicator == "gdp")].fy_growth.iloc[0])
    base = engine.evaluate(engine.spec("levers"))
    n0 = ui_levers.headline(base, "JC", "gdp")
    assert n0["fy_growth"] == pytest.approx(point, abs=1e-9)
    moved = engine.evaluate(engine.spec("levers").with_lever("enterprise_support", 1.0))
    n1 = ui_levers.headline(moved, "JC", "gdp")
    assert n1["fy_growth"] - n0["fy_growth"] == pytest.approx(n1["delta_pp"], abs=1e-12)
    assert n1["gap_pp"] == pytest.approx(n1["fy_growth"] - n1["target_growth"])


def test_reset_and_save_give_back_the_baseline_and_a_runnable_scenario(engine):
    import sprintmodel as sm

    panel = ui.LeverPanel(engine, backend="image")
    before = panel.gap.value
    panel.sliders["enterprise_support"].value = 1.0
    text = panel.actions.offer_yaml()
    spec = sm.ScenarioSpec.from_yaml_text(text)
    assert dict((s.lever, s.total) for s in spec.levers) == {"enterprise_support": 1.0}
    assert spec.as_of == "2026Q3" and spec.draws == engine.n_draws
    assert panel.actions.offer_xlsx()[:2] == b"PK"  # a zip: an xlsx file
    assert panel.actions.offer_png()[:4] == b"\x89PNG"
    panel.reset()
    assert panel.sliders["enterprise_support"].value == 0.0
    assert panel.gap.value == before


def test_a_lever_that_changes_nothing_says_so(engine):
    panel = ui.LeverPanel(engine, backend="image")
    panel.indicator_box.value = "exports" if "exports" in engine.plans else panel.indicator
    panel.sliders["land_acceleration"].value = 1.0
    n = ui_levers.headline(panel.last_result, panel.unit, panel.indicator)
    if n["delta_pp"] == 0:
        assert "没有作用" in panel.warnings.value
    else:
        assert panel.warnings.value == ""


def test_project_moves_that_make_no_sense_or_change_nothing_say_so(engine):
    """JC-P002 (example city): works 6 months later while production keeps its planned month
    puts production before completion; production 6 months later falls after December, so
    this year's investment and value added do not change."""
    panel = ui.ProjectPanel(engine, backend="image")
    assert "JC-P002__production" in panel.sliders
    assert panel.warnings.value == ""
    panel.sliders["JC-P002__shift"].value = 6
    assert "早于竣工" in panel.warnings.value and "不改变" not in panel.warnings.value
    panel.reset()
    assert panel.warnings.value == "" and all(v == 0 for v in panel.values().values())
    panel.sliders["JC-P002__production"].value = 6
    q4 = panel.last_q4.set_index("project").loc["JC-P002"]
    plan = panel.plan_q4.set_index("project").loc["JC-P002"]
    assert q4.q4_va == pytest.approx(plan.q4_va) and q4.q4_fai == pytest.approx(plan.q4_fai)
    assert "不改变今年的投资和增加值" in panel.warnings.value
