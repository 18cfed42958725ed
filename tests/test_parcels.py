"""Land parcels: faster clearance moves the projects waiting on a parcel not yet cleared."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import sprintmodel as sm
from sprintmodel.scenario import LeverSet, ScenarioEngine
from sprintmodel.scenario._testing import synthetic_baseline
from sprintmodel.scenario.curves import month_number
from sprintmodel.words.notes import note_text
from tests.conftest import write_tiny

N = 60


@pytest.fixture(scope="module")
def city() -> sm.DataSet:
    return sm.example_city()


def moved(city: sm.DataSet, months: float) -> dict[str, float]:
    """Months the land lever takes off each project it moves (engine on a synthetic base)."""
    eng = ScenarioEngine(city, synthetic_baseline(city, "2026Q3", n_draws=N, seed=1), seed=1)
    res = eng.resolve(eng.spec("land").with_lever("land_acceleration", months))
    x = eng.project_fx.timing_shift(res)["land_acceleration"]
    reg = eng.project_fx.register
    return {reg.codes[j]: float(x[j]) for j in np.flatnonzero(x)}


def test_the_lever_moves_the_projects_waiting_on_open_parcels(city: sm.DataSet) -> None:
    # parcels.csv: JC-L01..L05 (not cleared) hold the five land-pending projects, JC-L08
    # (expropriating) the approved JC-P043 and the signed JC-P044; JC-L06 and JC-L07 are
    # cleared, so JC-P049 and JC-P025 wait on nothing.
    got = moved(city, 2.0)
    assert got == {
        c: 2.0
        for c in ("JC-P011", "JC-P020", "JC-P028", "JC-P038", "JC-P052", "JC-P043", "JC-P044")
    }


def test_without_parcels_the_statuses_apply(city: sm.DataSet) -> None:
    got = moved(replace(city, parcels=None), 2.0)
    assert set(got) == {"JC-P011", "JC-P020", "JC-P028", "JC-P038", "JC-P052"}


def test_a_cleared_parcel_releases_its_project(city: sm.DataSet) -> None:
    assert city.parcels is not None
    parcels = city.parcels.copy()
    parcels.loc[parcels.parcel == "JC-L08", "status"] = "cleared"
    got = moved(replace(city, parcels=parcels), 1.0)
    assert "JC-P043" not in got and "JC-P044" not in got and len(got) == 5


# ------------------------------------------- a parcel's planned clearance holds its projects
LAND = """
  land:
    name_zh: 征地拆迁提速
    name_en: Land
    description: a land lever on the parcels register
    kind: project_timing
    intensity_unit: months earlier
    cap: {value: 3, source: test}
    cost: {per_unit: 0.1, kind: budget, source: test}
    projects:
      statuses: [land_pending]
      parcels: true
      months_per_unit: 1.0
      realisation: {dist: fixed, value: 1.0, source: test}
"""

PARCELS = "parcel,unit,area_mu,status,planned_date,projects\nL1,D2,10,expropriating,{date},PJ2\n"


def held_engine(folder: Path, date: str | None) -> ScenarioEngine:
    """The hand-worked tiny engine (no delays), with PJ2 on parcel L1 planned ``date``."""
    from tests.test_hand_worked_levers import LEVERS

    write_tiny(folder)
    if date is not None:
        (folder / "parcels.csv").write_text(PARCELS.format(date=date), encoding="utf-8")
    text = LEVERS.replace("\nprojects:\n", LAND + "\nprojects:\n", 1)
    (folder / "levers.yaml").write_text(text, encoding="utf-8")
    ds = sm.load_folder(folder)
    levers = LeverSet.from_yaml(folder / "levers.yaml")
    return ScenarioEngine(ds, synthetic_baseline(ds, "2025Q3", n_draws=10, seed=1), levers, seed=1)


def test_a_project_cannot_start_before_its_parcel_is_cleared(tmp_path: Path) -> None:
    # PJ2 (D2, 10 亿元, planned November 2025 - June 2026, n = 8 months, smoothstep
    # S(t) = t² (3 - 2t)) waits on parcel L1, planned cleared in December 2025. Held one month:
    # December 2025 - July 2026, so this year it spends S(1/8) × 10 = 0.4296875 亿元
    # (December) instead of S(2/8) × 10 = 1.5625 (November and December) as the register plans.
    from tests.test_hand_worked_levers import change

    eng = held_engine(tmp_path / "held", "2025-12")
    reg = eng.register
    j = reg.index("PJ2")
    assert (reg.start[j], reg.finish[j]) == (month_number("2025-12"), month_number("2026-07"))
    said = [note_text(n, "en") for n in eng.notes]
    assert any("PJ2 waits on parcel L1" in n and "2025-11 → 2025-12" in n for n in said)
    held = next(n for n in eng.notes if n.code == "scenario.project_waits_parcel")
    assert held.args == {
        "project": "PJ2",
        "parcel": "L1",
        "cleared_month": "2025-12",
        "months": 1,
        "start_month": "2025-11",
        "new_month": "2025-12",
    }
    q4 = eng.project_table().set_index("project").q4_fai
    assert q4["PJ2"] == pytest.approx(10 * 0.04296875, rel=1e-9)
    # The wrong variant (the parcel's date ignored) plans the register's 1.5625 for PJ2.
    free = held_engine(tmp_path / "free", None).project_table().set_index("project").q4_fai
    assert free["PJ2"] == pytest.approx(10 * 0.15625, rel=1e-9)
    assert q4["PJ2"] != pytest.approx(free["PJ2"], rel=1e-3)
    # A scenario cannot start PJ2 in November: its start is held at the clearance, no change.
    spec = eng.spec("t").with_projects({"project": "PJ2", "start": "2025-11"})
    assert change(eng, spec)["fai"]["C"] == 0.0
    notes = eng.resolve(spec).notes
    assert any("PJ2 waits on its parcel" in note_text(n, "en") for n in notes)
    assert [n.args for n in notes if n.code == "scenario.project_held_by_parcel"] == [
        {"project": "PJ2", "cleared_month": "2025-12", "wanted_month": "2025-11"}
    ]
    # A land lever clears the parcel a month earlier: PJ2 starts in November after all,
    # +10 × (0.15625 - 0.04296875) = +1.1328125 亿元 of FAI at C (the city's only FAI series).
    land = change(eng, eng.spec("t").with_lever("land", 1.0))
    assert land["fai"]["C"] == pytest.approx(1.1328125, rel=1e-9)


def test_a_cleared_or_earlier_parcel_holds_nothing(tmp_path: Path) -> None:
    # Planned cleared in October, before PJ2's November start: the register's plan stands.
    eng = held_engine(tmp_path / "early", "2025-10")
    assert eng.register.start[eng.register.index("PJ2")] == month_number("2025-11")
    assert not any("waits on parcel" in note_text(n, "en") for n in eng.notes)
    # An overdue parcel (planned July, not cleared by September) is cleared in October at the
    # earliest: PJ2, planned for November, still holds nothing.
    eng = held_engine(tmp_path / "late", "2025-07")
    assert eng.register.start[eng.register.index("PJ2")] == month_number("2025-11")
