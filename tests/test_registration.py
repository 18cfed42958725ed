"""入库纳统: a project registered during the year adds what it completed earlier that year.

The statistics' rule (NBS 《固定资产投资统计报表制度》, 表 206-1: 本年完成投资 is reported 自年初累计,
"先入库，后有数"): a project registered in month E of year Y reports in E all it completed since
January of Y. Figures are worked by hand from smoothstep C(t) = 3t² − 2t³; the as-of month is
September 2026 throughout.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.scenario import ScenarioEngine
from sprintmodel.scenario._testing import synthetic_baseline
from sprintmodel.scenario.curves import month_number
from sprintmodel.scenario.projects import (
    SHIFT_MIN,
    ProjectModel,
    ProjectRegister,
    latest_useful_months,
    project_tables,
    unregistered_ytd,
)

T0 = month_number("2026-09")
ZERO = -SHIFT_MIN


def one_project(**extra: object) -> ProjectRegister:
    row = {
        "project": "R1",
        "name": "",
        "unit": "D1",
        "category": "infrastructure",
        "status": "under_construction",
        "total_investment": 12.0,
        "invested_to_date": 6.0,
        "planned_start": "2026-01",
        "planned_finish": "2026-12",
        "planned_entry": "2027-01",
    }
    return ProjectRegister.from_frame(pd.DataFrame([row | extra]))


def test_registering_in_november_counts_the_year_so_far() -> None:
    # Started January, finishes December, 6 of 12 亿元 done by September, registration planned
    # for January 2027: nothing counts this year. Registered in November (entry two months
    # earlier) it reports the 6 done January-September plus all it spends October-December
    # (the other 6: it finishes in December): 12.
    reg = one_project(ytd_before_entry=6.0)
    model = ProjectModel()
    plan = project_tables(reg, T0, model)[0, ZERO]
    nov = project_tables(reg, T0, model, entry_offset=np.array([-2]))[0, ZERO]
    np.testing.assert_allclose(plan, [0.0, 0.0, 0.0])
    np.testing.assert_allclose(nov, [12.0, 0.0, 0.0])
    # The old rule counted only November and December: increments of the 12-month curve
    # C(11/12) − C(10/12) = 0.054398 and 1 − C(11/12) = 0.019676 over the remaining share
    # 1 − C(9/12) = 0.15625, times 6: 2.844444.
    old = replace(model, registration="from_entry")
    got = project_tables(reg, T0, old, entry_offset=np.array([-2]))[0, ZERO, 0]
    assert got == pytest.approx(6.0 * (0.054398 + 0.019676) / 0.15625, abs=1e-5)
    assert got == pytest.approx(2.844444, abs=1e-6)


def test_registration_after_december_adds_nothing_this_year() -> None:
    reg = one_project(ytd_before_entry=6.0)
    # Three months later than planned (April 2027): still nothing this year.
    assert project_tables(reg, T0, ProjectModel(), entry_offset=np.array([3]))[0, ZERO, 0] == 0


def test_unregistered_ytd_given_or_from_the_curve() -> None:
    model = ProjectModel()
    assert unregistered_ytd(one_project(ytd_before_entry=4.5), T0, model)[0] == 4.5
    # Not given: the planned curve's share January-September, C(9/12) = 0.84375, of 12 is
    # 10.125, capped at the 6 invested to date.
    assert unregistered_ytd(one_project(), T0, model)[0] == pytest.approx(6.0)
    capped = one_project(invested_to_date=20.0, total_investment=20.0)
    assert unregistered_ytd(capped, T0, model)[0] == pytest.approx(20.0 * 0.84375)
    # Registered already (entry before the as-of month): nothing pending.
    done = one_project(planned_entry="2026-02", ytd_before_entry=6.0)
    assert unregistered_ytd(done, T0, model)[0] == 0.0


def test_latest_entry_is_december_under_the_rule() -> None:
    reg = one_project(ytd_before_entry=6.0)
    assert latest_useful_months(reg, T0, ProjectModel()).latest_entry[0] == "2026-12"


@pytest.fixture(scope="module")
def still_engine() -> ScenarioEngine:
    """The example city's engine with no project delays (every draw on the planned dates)."""
    city = sm.example_city()
    levers = city.levers
    assert levers is not None
    pm = levers.project_model
    zero = {k: 0.0 for k in pm.delay_mean}
    levers = replace(levers, project_model=replace(pm, delay_mean=zero, delay_sd=zero))
    base = synthetic_baseline(city, "2026Q3", n_draws=50, seed=3)
    return ScenarioEngine(city, base, levers, seed=3)


def test_scenario_registering_jc_p036_in_november(still_engine: ScenarioEngine) -> None:
    # JC-P036 (地铁1号线川城段附属工程, 川城区): total 51.89, invested 10.01 since its start in
    # January 2026, finish September 2029 (45 months), registration planned for January 2027.
    # Registered in November 2026 it adds the 10.01 of January-September (ytd_before_entry)
    # and its October-December spending: the remaining 41.88 follows the rest of the curve,
    # (C(12/45) − C(9/45)) / (1 − C(9/45)) = (0.175407 − 0.104) / 0.896 = 0.079695 of it,
    # 3.3376. Full-year FAI of 川城区 and of the city rises by 13.3476 亿元 in every draw.
    eng = still_engine
    spec = eng.spec("register").with_projects({"project": "JC-P036", "entry": "2026-11"})
    res = eng.evaluate(spec)
    plan = eng.plans["fai"]
    delta = res.fy["fai"] - plan.draws.fy
    expected = 10.01 + 41.88 * (0.175407 - 0.104) / 0.896
    assert expected == pytest.approx(13.3476, abs=1e-4)
    for unit in ("CCQ", "JC"):
        np.testing.assert_allclose(delta[:, plan.units.index(unit)], expected, rtol=1e-5)
    assert np.abs(delta[:, plan.units.index("GQQ")]).max() == 0.0


def test_watch_list_flags_registrations(still_engine: ScenarioEngine) -> None:
    table = still_engine.project_table().set_index("project")
    flagged = set(table.index[table.can_register])
    assert flagged == {"JC-P036", "JC-P050"}
    # Registered next month (October) JC-P036 adds what November adds: the whole year.
    assert table.at["JC-P036", "register_gain_fai"] == pytest.approx(13.3476, abs=1e-3)
    # JC-P030 registers in October as planned: nothing more to gain.
    assert table.at["JC-P030", "register_gain_fai"] == 0.0
