"""Lagging units, their required fourth quarter and its percentile in their history; time progress
of targets and projects (all by hand)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.forecast.draws import Draws, IndicatorDraws
from sprintmodel.league.lagging import lagging_units, rest_growth_history, verdict
from sprintmodel.league.peers import percentile_of
from sprintmodel.league.progress import (
    invested_this_year,
    project_progress,
    project_progress_by_unit,
    target_progress,
)
from sprintmodel.notes import Note
from sprintmodel.periods import Period
from sprintmodel.words.notes import note_text

PAST_Q4 = {2021: 3.0, 2022: 6.0, 2023: 9.0, 2024: 12.0, 2025: 15.0}
"""Past fourth-quarter growth [%] of both districts; Q1-Q3 grew 5% every year."""


def write_history_folder(folder: Path) -> Path:
    """City C = D1 + D2 (nominal indicator ``out``), quarterly 2020-2026Q3.

    2025: every quarter 100 in both districts. Earlier years are 2025 deflated by 5% a year for
    Q1-Q3 and by PAST_Q4 for Q4. 2026 Q1-Q3: D1 108 a quarter (+8%), D2 102 (+2%); the city
    grows 5% year to date. Targets 2026: D2 +6%, D1 a level of 420.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "units.csv").write_text(
        "unit,name_zh,name_en,parent,kind,rollup\n"
        "C,市,City,,city,\nD1,甲区,D1,C,district,yes\nD2,乙区,D2,C,district,yes\n",
        encoding="utf-8",
    )
    (folder / "indicators.csv").write_text(
        "indicator,name_zh,name_en,measure,basis,additive\nout,产出,Output,亿元,nominal,yes\n",
        encoding="utf-8",
    )
    (folder / "targets.csv").write_text(
        "unit,indicator,year,target_growth,target_value\nD2,out,2026,6.0,\nD1,out,2026,,420\n",
        encoding="utf-8",
    )
    single = {2025: np.array([100.0, 100, 100, 100])}
    for y in range(2025, 2020, -1):
        g = np.array([5.0, 5.0, 5.0, PAST_Q4[y]])
        single[y - 1] = single[y] / (1 + g / 100)
    rows = ["unit,indicator,period,ytd_value,ytd_growth"]
    for y in sorted(single):
        ytd = np.cumsum(single[y])
        for q in range(4):
            for u in ("D1", "D2"):
                rows.append(f"{u},out,{y}Q{q + 1},{ytd[q]:.10f},")
            rows.append(f"C,out,{y}Q{q + 1},{2 * ytd[q]:.10f},")
    for q in range(3):
        rows.append(f"D1,out,2026Q{q + 1},{108.0 * (q + 1)},")
        rows.append(f"D2,out,2026Q{q + 1},{102.0 * (q + 1)},")
        rows.append(f"C,out,2026Q{q + 1},{210.0 * (q + 1)},")
    (folder / "observations.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def history(tmp_path: Path) -> sm.DataSet:
    return sm.load_folder(write_history_folder(tmp_path / "history"))


def test_percentile_and_verdict_by_hand() -> None:
    past = [3.0, 6.0, 9.0, 12.0, 15.0]
    assert float(percentile_of(14.0, past)) == 80.0
    assert float(percentile_of(9.0, past)) == 50.0  # 2 below, 1 tie
    assert float(percentile_of(1.0, past)) == 0.0
    assert np.isnan(percentile_of(5.0, [np.nan]))
    assert verdict(50.0, 9.0, 15.0) == "usual"
    assert verdict(80.0, 14.0, 15.0) == "demanding"
    assert verdict(95.0, 15.0, 15.0) == "exceptional"
    assert verdict(100.0, 18.0, 15.0) == "unprecedented"


def test_past_fourth_quarters(history: sm.DataSet) -> None:
    h = rest_growth_history(history, "out", ["D1", "D2"], Period(2026, 3, "Q"), "Q")
    np.testing.assert_allclose(h[1], list(PAST_Q4.values()), atol=1e-9)


def test_lagging_unit_by_hand(history: sm.DataSet) -> None:
    lag = lagging_units(history, "2026Q3").set_index("unit")
    assert list(lag.index) == ["D2"]  # D1 is above average and ahead of its level target
    d2 = lag.loc["D2"]
    assert d2.average_growth == pytest.approx(5.0)
    assert bool(d2.below_average) and bool(d2.short_of_target)
    # Last year 300 by Q3 and 100 in Q4; this year 306 by Q3. To end at +5% (420) Q4 needs
    # 114 (+14%); to end at the target +6% (424) it needs 118 (+18%).
    assert d2.rest_growth_for_average == pytest.approx(14.0)
    assert d2.amount_for_average == pytest.approx(114.0)
    assert d2.rest_growth_for_target == pytest.approx(18.0)
    # Past Q4s 3, 6, 9, 12, 15: 14 beats four of five; 18 beats them all.
    assert d2.percentile_for_average == pytest.approx(80.0)
    assert d2.verdict_for_average == "demanding"
    assert d2.percentile_for_target == pytest.approx(100.0)
    assert d2.verdict_for_target == "unprecedented"
    assert d2.history_median == pytest.approx(9.0) and d2.n_history == 5
    everyone = lagging_units(history, "2026Q3", include_all=True)
    assert set(everyone.unit) == {"C", "D1", "D2"}


def test_lagging_with_draws_uses_the_projected_average(history: sm.DataSet) -> None:
    base = np.array([800.0, 400.0, 400.0])
    d1 = np.array([430.0, 436.0, 440.0, 434.0])
    d2 = np.array([410.0, 418.0, 426.0, 422.0])  # growth 2.5 4.5 6.5 5.5
    fy = np.column_stack([d1 + d2, d1, d2])  # city growth 5 6.75 8.25 7
    ind = IndicatorDraws(
        history.indicators["out"],
        ("C", "D1", "D2"),
        (Period(2026, 3, "Q"),) * 3,
        np.array([-1, 0, 0]),
        base,
        base * 0.75,
        np.array([630.0, 324.0, 306.0]),
        np.array([630.0, 324.0, 306.0]),
        fy,
    )
    lag = lagging_units(history, "2026Q3", draws=Draws(Period(2026, 3, "Q"), {"out": ind}))
    d2 = lag.set_index("unit").loc["D2"]
    assert d2.average_growth == pytest.approx(np.mean([5.0, 6.75, 8.25, 7.0]))
    assert d2.fy_growth == pytest.approx(np.mean([2.5, 4.5, 6.5, 5.5]))
    assert d2.p_reach_average == 0.0
    assert d2.p_reach_target == 0.25  # 6.5 ≥ 6 in one draw of four
    # Q4 needed for the projected average 6.75%: (400 × 1.0675 − 306) / 100 − 1.
    assert d2.rest_growth_for_average == pytest.approx(100 * ((427.0 - 306.0) / 100 - 1))


def test_target_progress_by_hand(history: sm.DataSet) -> None:
    tp = target_progress(history, "2026Q3").set_index("unit")
    d1 = tp.loc["D1"]  # a level target of 420, 324 done after 3 of 4 quarters
    assert d1.completion_pct == pytest.approx(100 * 324 / 420)
    assert d1.elapsed_pct == pytest.approx(75.0)
    assert d1.points_ahead == pytest.approx(100 * 324 / 420 - 75)
    assert not bool(d1.behind_schedule)
    assert d1.last_year_pace_pct == pytest.approx(75.0)
    assert d1.needed_per_period == pytest.approx(96.0) and d1.period_kind == "quarter"
    assert bool(tp.loc["D2", "behind_schedule"])  # 306 of 424 = 72.2% < 75%
    d2 = tp.loc["D2"]  # +6% on 400 = 424; 306 done
    assert d2.target_level == pytest.approx(424.0)
    assert d2.still_needed == pytest.approx(118.0)


def test_projects_time_progress_by_hand(tiny_folder: Path) -> None:
    path = tiny_folder / "projects.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    text[0] += ",plan_2025,invested_this_year"
    text[1] += ",8,"  # PJ1 started 2025-03: its 5 invested are all this year's
    text[2] += ",2,"  # PJ2 starts 2025-11: nothing yet
    text.append(
        "PJ3,三号项目,D2,infrastructure,under_construction,50,21,2024-01,2026-12,,,,,12,"
    )  # started 2024-01: 21 over 21 months, 9 of them this year -> 9 (an assumption)
    text.append("PJ4,四号项目,D2,services,under_construction,30,20,2023-05,2026-12,,,,,10,7.5")
    text.append("PJ5,五号项目,D1,services,under_construction,30,20,2023-05,2026-12,,,,,,")
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    ds = sm.load_folder(tiny_folder)
    pp = project_progress(ds, as_of="2025-09")
    p = pp.set_index("project")
    assert list(p.index) == ["PJ1", "PJ2", "PJ3", "PJ4"]  # PJ5 has no 2025 plan
    assert p.loc["PJ1", "invested_this_year"] == 5.0
    assert p.loc["PJ1", "invested_basis"] == "started this year"
    assert p.loc["PJ1", "completion_pct"] == pytest.approx(62.5)
    assert p.loc["PJ1", "points_ahead"] == pytest.approx(-12.5)
    assert p.loc["PJ1", "needed_per_month"] == pytest.approx(1.0)
    assert p.loc["PJ2", "completion_pct"] == 0.0
    assert p.loc["PJ3", "invested_this_year"] == pytest.approx(9.0)
    assert p.loc["PJ3", "invested_basis"].startswith("assumed even since 2024-01")
    assert p.loc["PJ4", "invested_this_year"] == 7.5 and p.loc["PJ4", "invested_basis"] == "given"
    said = [note_text(n, "en") for n in pp.attrs["notes"]]
    assert any("spread evenly" in n for n in said)
    assert Note.of("league.projects_without_plan", n=1, column="plan_2025") in pp.attrs["notes"]
    assert "1 project(s) without a plan_2025 are not shown" in said
    assert "1个项目无plan_2025（年度计划投资），未列出" in [
        note_text(n, "zh") for n in pp.attrs["notes"]
    ]
    by = project_progress_by_unit(pp).set_index("unit")
    assert by.loc["D2", "plan"] == pytest.approx(24.0)
    assert by.loc["D2", "completion_pct"] == pytest.approx(100 * 16.5 / 24)
    # Without a plan column the table is empty and says why.
    none = project_progress(sm.load_folder(tiny_folder), year=2027, as_of="2025-09")
    assert none.empty and "plan_2027" in note_text(none.attrs["notes"][0], "en")


def test_invested_this_year_caps_at_the_finish() -> None:
    project = {"invested_to_date": 12.0, "planned_start": "2024-07", "planned_finish": "2025-06"}
    # 12 months in all (2024-07..2025-06), 6 of them this year.
    assert invested_this_year(project, Period(2025, 9, "M")) == (6.0, "assumed even since 2024-07")
    assert invested_this_year(pd.Series(project), Period(2026, 3, "M"))[0] == 0.0
