"""为民办实事: completion against time progress, worked by hand on the tiny city (as of 2025-09).

Tasks (livelihood.csv below):

- A, D1, March-December 2025, no milestones, 60% done in September: 7 of 10 planned months gone,
  time progress 70%, 10 points behind;
- B, D2, January-December, milestone 40% by June: September is half way from June (40) to
  December (100), 70%; 75% done, 5 points ahead;
- C, the city, January-June, 100% done: done;
- D, D1, November-December: not started by September (time progress 0), not due;
- E, next year's list (2026).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import sprintmodel as sm
from sprintmodel.commands import app
from sprintmodel.livelihood import (
    livelihood_by_unit,
    livelihood_plan,
    livelihood_plan_summary,
    livelihood_progress,
    planned_progress,
)
from tests.conftest import write_tiny

REGISTER = """year,task,unit,department,category,budget,debt_quota,credit,start,finish,milestones,period,progress
2025,A,D1,d1-housing,住房,1.5,0.5,,2025-03,2025-12,,2025-09,60
2025,B,D2,d2-health,医疗,1.0,,,2025-01,2025-12,2025-06:40,2025-09,75
2025,B,D2,d2-health,医疗,1.0,,,2025-01,2025-12,2025-06:40,2025-06,35
2025,C,C,city-market,安全,0.2,,,2025-01,2025-06,,2025-09,100
2025,D,D1,d1-roads,交通,1.0,,,2025-11,2025-12,,2025-09,0
2026,E,D2,d2-water,供水,1.2,2.5,0.3,2026-01,2026-12,,,
2026,F,C,city-schools,教育,2.0,1.0,,2026-02,2026-12,2026-06:45,,
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> sm.DataSet:
    folder = write_tiny(tmp_path_factory.mktemp("live") / "tiny")
    (folder / "livelihood.csv").write_text(REGISTER, encoding="utf-8")
    return sm.load_folder(folder)


def test_planned_progress_by_hand() -> None:
    m = 2025 * 12
    assert planned_progress(m + 3, m + 12, (), m + 9) == pytest.approx(70.0)
    assert planned_progress(m + 1, m + 12, ((m + 6, 40.0),), m + 9) == pytest.approx(70.0)
    assert planned_progress(m + 1, m + 12, ((m + 6, 40.0),), m + 3) == pytest.approx(20.0)
    assert planned_progress(m + 11, m + 12, (), m + 9) == 0.0
    assert planned_progress(m + 1, m + 6, (), m + 9) == 100.0


def test_completion_against_time_progress(tiny: sm.DataSet) -> None:
    p = livelihood_progress(tiny, "2025-09").set_index("task")
    assert list(p.index) == ["A", "B", "C", "D"]  # next year's E and F are not this year's
    assert p.loc["A", "elapsed_pct"] == pytest.approx(70.0)
    assert p.loc["A", "points_ahead"] == pytest.approx(-10.0)
    assert p.loc["A", "state"] == "behind" and p.loc["A", "behind_schedule"]
    assert p.loc["B", "completion_pct"] == 75.0  # September's report, not June's
    assert p.loc["B", "elapsed_pct"] == pytest.approx(70.0)
    assert p.loc["B", "state"] == "on_schedule"
    assert p.loc["C", "state"] == "done"
    assert p.loc["D", "state"] == "not_due" and p.loc["D", "elapsed_pct"] == 0.0
    assert p.loc["A", "money_total"] == pytest.approx(2.0)
    # As of June, B's June report: 35% against 40%.
    june = livelihood_progress(tiny, "2025-06").set_index("task")
    assert june.loc["B", "completion_pct"] == 35.0
    assert june.loc["B", "points_ahead"] == pytest.approx(-5.0)
    assert june.loc["A", "state"] == "no_report"


def test_by_unit_is_money_weighted(tiny: sm.DataSet) -> None:
    # D1: A (2 亿元, 60% against 70%) and D (1 亿元, 0% against 0%): completion (2×60 + 0)/3 =
    # 40, time progress (2×70 + 0)/3 = 46.667, 6.667 points behind; one task behind.
    by = livelihood_by_unit(livelihood_progress(tiny, "2025-09"), tiny).set_index("unit")
    assert list(by.index) == ["C", "D1", "D2"]
    assert by.loc["D1", "completion_pct"] == pytest.approx(40.0)
    assert by.loc["D1", "elapsed_pct"] == pytest.approx(140 / 3)
    assert by.loc["D1", "points_ahead"] == pytest.approx(40 - 140 / 3)
    assert by.loc["D1", "behind"] == 1 and by.loc["D1", "tasks"] == 2
    assert bool(by.loc["D1", "behind_schedule"]) and not bool(by.loc["D2", "behind_schedule"])


def test_next_years_plan_and_costs(tiny: sm.DataSet) -> None:
    plan = livelihood_plan(tiny, 2026)
    assert list(plan.task) == ["E", "F"]
    assert plan.money_total.tolist() == pytest.approx([4.0, 3.0])
    assert plan.budget.sum() == pytest.approx(3.2)
    line = livelihood_plan_summary(tiny, 2026)
    assert (
        line == "2026年为民办实事：2项，资金7.00亿元（财政资金3.20，债务额度3.50，信贷资金0.30）。"
    )


def test_league_and_status_show_it(tiny: sm.DataSet) -> None:
    from sprintmodel.league.report import league_report

    report = league_report(tiny, "2025-09")
    assert report.livelihood is not None and set(report.livelihood.unit) == {"C", "D1", "D2"}
    result = CliRunner().invoke(app, ["status", str(tiny.folder)])
    assert result.exit_code == 0, result.output
    assert "为民办实事进度" in result.output and "滞后" in result.output


def test_without_a_register(tmp_path: Path) -> None:
    ds = sm.load_folder(write_tiny(tmp_path / "tiny"))
    assert livelihood_progress(ds).empty
    assert isinstance(livelihood_by_unit(livelihood_progress(ds), ds), pd.DataFrame)


@given(
    start=st.integers(0, 24),
    length=st.integers(0, 24),
    marks=st.lists(st.tuples(st.integers(0, 48), st.floats(0, 100)), max_size=4),
    at=st.integers(-5, 60),
)
def test_planned_progress_is_a_monotone_share(
    start: int, length: int, marks: list[tuple[int, float]], at: int
) -> None:
    """0-100, never falling with time, 0 before the start and 100 from the finish."""
    finish = start + length
    keys = sorted({k for k, _ in marks})
    shares = sorted(v for _, v in marks)[: len(keys)]
    points = tuple(zip(keys, shares, strict=True))
    now = planned_progress(start, finish, points, at)
    later = planned_progress(start, finish, points, at + 1)
    assert 0.0 <= now <= later <= 100.0
    assert planned_progress(start, finish, points, finish) == 100.0
    assert planned_progress(start, finish, points, start - 1) == 0.0
