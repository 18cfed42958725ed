"""Land parcels: faster clearance moves the projects waiting on a parcel not yet cleared."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

import sprintmodel as sm
from sprintmodel.scenario import ScenarioEngine
from sprintmodel.scenario._testing import synthetic_baseline

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
