"""Projects: S-curves, output ramps, statistical entry, schedule shifts and delays.

Reference values are worked by hand from the formulas in ``sprintmodel/scenario/curves.py``
(smoothstep C(t) = 3t² − 2t³); the as-of month is September 2026 throughout.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sprintmodel.scenario.curves import (
    correlated_normals,
    gamma_delays,
    interpolate_table,
    month_number,
    month_text,
    output_ramp,
    remaining_investment,
    s_curve_increments,
    smoothstep,
)
from sprintmodel.scenario.projects import (
    SHIFT_MIN,
    ProjectModel,
    ProjectRegister,
    delay_parameters,
    latest_useful_months,
    project_tables,
)

T0 = month_number("2026-09")
MODEL = ProjectModel()
OLD_RULE = ProjectModel(registration="from_entry")


def register(rows: list[dict[str, object]]) -> ProjectRegister:
    base = {
        "name": "",
        "unit": "D1",
        "category": "infrastructure",
        "status": "approved",
        "invested_to_date": 0.0,
        "planned_entry": "",
        "planned_production": "",
        "output_at_capacity": 0.0,
        "value_added_rate": 0.0,
    }
    frame = pd.DataFrame([base | r for r in rows])
    frame["planned_entry"] = np.where(
        frame.planned_entry == "", frame.planned_start, frame.planned_entry
    )
    return ProjectRegister.from_frame(frame)


def test_months_round_trip() -> None:
    assert month_text(month_number("2026-11")) == "2026-11"
    assert month_number("2027-01") - month_number("2026-12") == 1


def test_smoothstep_hand_values() -> None:
    # C(0.7) = 3(0.49) - 2(0.343) = 0.784; C(0.8) = 0.896; C(0.9) = 0.972
    np.testing.assert_allclose(smoothstep([0.7, 0.8, 0.9, 1.5, -1]), [0.784, 0.896, 0.972, 1, 0])


def test_s_curve_increments_sum_to_one() -> None:
    w = s_curve_increments(np.arange(10, 40), 12, 35)
    assert w.sum() == pytest.approx(1.0)
    assert (w >= 0).all() and w[:2].sum() == 0 and w[-4:].sum() == 0


def test_remaining_investment_hand_example() -> None:
    # Started March, finishes December (n = 10), 5 of 10 亿元 done by September: the
    # remaining 5 follow the curve's last three increments 0.112, 0.076, 0.028 (sum 0.216).
    months = np.arange(month_number("2026-10"), month_number("2026-12") + 1)
    got = remaining_investment(months, month_number("2026-03"), month_number("2026-12"), 5.0, T0)
    np.testing.assert_allclose(got, 5.0 * np.array([0.112, 0.076, 0.028]) / 0.216)
    assert got.sum() == pytest.approx(5.0)


def test_output_ramp_hand_example() -> None:
    np.testing.assert_allclose(output_ramp([9, 10, 11, 12, 20], 10, 4), [0, 0.25, 0.5, 0.75, 1])


@pytest.fixture(scope="module")
def reg() -> ProjectRegister:
    return register(
        [
            # P1: starts Nov 2026, 4 months, enters the statistics in December; industrial,
            # production from December at 24 亿元 a year with a value-added rate of 0.25.
            {
                "project": "P1",
                "category": "industrial",
                "total_investment": 8.0,
                "planned_start": "2026-11",
                "planned_finish": "2027-02",
                "planned_entry": "2026-12",
                "planned_production": "2026-12",
                "output_at_capacity": 24.0,
                "value_added_rate": 0.25,
            },
            # P2: under construction since March, 5 of 10 亿元 done, finishes December.
            {
                "project": "P2",
                "status": "under_construction",
                "total_investment": 10.0,
                "invested_to_date": 5.0,
                "planned_start": "2026-03",
                "planned_finish": "2026-12",
            },
            # P3: below the 5-million-yuan statistical threshold.
            {
                "project": "P3",
                "total_investment": 0.04,
                "planned_start": "2026-10",
                "planned_finish": "2026-11",
            },
            # P4: a services project with output (value added goes to GDP, not industry).
            {
                "project": "P4",
                "category": "services",
                "status": "under_construction",
                "total_investment": 6.0,
                "invested_to_date": 6.0,
                "planned_start": "2025-01",
                "planned_finish": "2026-06",
                "planned_production": "2026-10",
                "output_at_capacity": 12.0,
                "value_added_rate": 0.5,
            },
            # P5: started in August, enters the statistics in November, finishes November.
            {
                "project": "P5",
                "status": "under_construction",
                "total_investment": 3.0,
                "invested_to_date": 1.0,
                "planned_start": "2026-08",
                "planned_finish": "2026-11",
                "planned_entry": "2026-11",
            },
        ]
    )


@pytest.fixture(scope="module")
def table(reg: ProjectRegister) -> np.ndarray:
    return project_tables(reg, T0, MODEL)


def at(table: np.ndarray, project: int, shift: int) -> np.ndarray:
    return table[project, shift - SHIFT_MIN]


def test_not_started_project_by_hand(table: np.ndarray, reg: ProjectRegister) -> None:
    # Plan: increments Nov 0.15625, Dec 0.34375; registered in December it reports the year
    # so far (自年初累计), November included: 8 × 0.5. Value added: December at 1/6 of
    # capacity: 24 × 0.25 / 12 / 6.
    np.testing.assert_allclose(at(table, 0, 0), [4.0, 24 * 0.25 / 12 / 6, 0.0])
    # Only December under the old from-entry rule: 8 × 0.34375.
    old = project_tables(reg, T0, OLD_RULE)
    np.testing.assert_allclose(at(old, 0, 0)[0], 2.75)
    # One month earlier: Oct-Dec (increments 0.15625, 0.34375, 0.34375), entry in November:
    # all three months count; production in November ramps 1/6 then 2/6.
    np.testing.assert_allclose(at(table, 0, -1), [8 * 0.84375, 24 * 0.25 / 12 * 0.5, 0.0])
    # It cannot start before October: -2 months is the same as -1.
    np.testing.assert_allclose(at(table, 0, -2), at(table, 0, -1))
    # One month later: starts December, enters January: nothing this year.
    np.testing.assert_allclose(at(table, 0, 1), [0.0, 0.0, 0.0])


def test_started_project_spends_its_remainder(table: np.ndarray) -> None:
    assert at(table, 1, 0)[0] == pytest.approx(5.0)
    # A three-month slip stretches the remaining schedule: less this year, still positive.
    assert 0 < at(table, 1, 3)[0] < 5.0


def test_threshold_and_categories(table: np.ndarray) -> None:
    assert at(table, 2, 0)[0] == 0.0  # below 0.05 亿元: never counted
    # Services output (Oct 1/6, Nov 2/6, Dec 3/6 of 12 × 0.5 / 12) is other value added.
    np.testing.assert_allclose(at(table, 3, 0), [0.0, 0.0, 0.5 * 1.0])


def test_entry_offset_moves_counting(reg: ProjectRegister) -> None:
    # Old from-entry rule: P5 registered one month earlier (October): October's spending
    # counts too.
    later = project_tables(reg, T0, OLD_RULE, rows=np.array([4]))[0, -SHIFT_MIN, 0]
    earlier = project_tables(reg, T0, OLD_RULE, rows=np.array([4]), entry_offset=np.array([-1]))[
        0, -SHIFT_MIN, 0
    ]
    assert earlier > later > 0
    assert earlier == pytest.approx(2.0)  # all that is left is spent Oct-Nov and counted
    # The statistics' rule: registered in October or November, the year is the same: the
    # 2 left plus the 1 done in August-September (the curve's share 0.5 of 3, capped at the
    # 1 invested).
    for offset in (0, -1):
        got = project_tables(reg, T0, MODEL, rows=np.array([4]), entry_offset=np.array([offset]))[
            0, -SHIFT_MIN, 0
        ]
        assert got == pytest.approx(3.0)


def test_latest_useful_months(reg: ProjectRegister) -> None:
    frame = latest_useful_months(reg, T0, MODEL).set_index("project")
    assert frame.at["P1", "latest_start"] == "2026-11"  # December less the one-month entry lag
    assert frame.at["P1", "latest_production"] == "2026-12"
    # Registered by December it reports the whole year (自年初累计); under the old rule the
    # latest useful entry was its last month of spending.
    assert frame.at["P5", "latest_entry"] == "2026-12"
    old = latest_useful_months(reg, T0, OLD_RULE).set_index("project")
    assert old.at["P5", "latest_entry"] == "2026-11"
    assert frame.at["P2", "latest_start"] == "" and frame.at["P2", "latest_entry"] == ""


def test_interpolation_between_whole_months(table: np.ndarray) -> None:
    half = interpolate_table(table[:1], np.array([[-0.5]]), -SHIFT_MIN)[0, 0]
    np.testing.assert_allclose(half, 0.5 * (at(table, 0, 0) + at(table, 0, -1)))


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(-20, 20),
    duration=st.integers(1, 36),
    done=st.floats(0, 1),
    entry_lag=st.integers(-2, 6),
    prod_lag=st.integers(0, 30),
    total=st.floats(0.01, 100),
)
def test_later_never_adds(
    start: int, duration: int, done: float, entry_lag: int, prod_lag: int, total: float
) -> None:
    """A later schedule never raises this year's investment or value added."""
    s = T0 + start
    row = {
        "project": "X",
        "category": "industrial",
        "status": "under_construction" if start <= 0 else "approved",
        "total_investment": total,
        "invested_to_date": total * done if start <= 0 else 0.0,
        "planned_start": month_text(s),
        "planned_finish": month_text(s + duration - 1),
        "planned_entry": month_text(s + entry_lag),
        "planned_production": month_text(s + prod_lag),
        "output_at_capacity": 10.0,
        "value_added_rate": 0.3,
    }
    t = project_tables(register([row]), T0, MODEL)[0]
    assert (np.diff(t, axis=0) <= 1e-9).all()
    assert (t >= -1e-12).all()


def test_delays_by_status_and_correlation() -> None:
    rng = np.random.default_rng(1)
    n = 20000
    statuses = ["land_pending", "under_construction"]
    reg_ = register(
        [
            {
                "project": f"P{i}",
                "status": s,
                "total_investment": 1.0,
                "planned_start": "2027-01",
                "planned_finish": "2027-06",
            }
            for i, s in enumerate(statuses)
        ]
    )
    mean, sd = delay_parameters(reg_, MODEL)
    latent = correlated_normals(rng.standard_normal(n), rng.standard_normal((n, 2)), 0.3)
    d = gamma_delays(latent, mean, sd)
    assert (d >= 0).all()
    np.testing.assert_allclose(d.mean(axis=0), mean, rtol=0.05)
    np.testing.assert_allclose(d.std(axis=0), sd, rtol=0.08)
    assert d[:, 0].mean() > d[:, 1].mean()  # land pending slips more
    assert 0.15 < np.corrcoef(d.T)[0, 1] < 0.45  # the common factor correlates slips
