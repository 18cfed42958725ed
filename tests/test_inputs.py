"""One place that normalises inputs: check_random_state, as_period, open_data; ScenarioSpec keeps
its Period."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

import sprintmodel as sm
from sprintmodel import periods, rng
from sprintmodel.errors import InputError
from sprintmodel.periods import Period, PeriodError, as_period
from sprintmodel.rng import check_random_state
from sprintmodel.scenario import levers


@pytest.mark.parametrize("module", [rng, periods, levers])
def test_doctests(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.failed == 0 and result.attempted > 0


def test_check_random_state_rules() -> None:
    assert check_random_state(None).seed == 0
    assert check_random_state(np.int64(3)).seed == 3
    a = check_random_state(11).generator.standard_normal(3)
    np.testing.assert_array_equal(a, np.random.default_rng(11).standard_normal(3))
    g = np.random.default_rng(2)
    expected = int(np.random.default_rng(2).integers(0, 2**31 - 1))
    assert check_random_state(g).to_seed() == expected  # drawn from the given generator
    for bad in (-1, True, 1.5, "7"):
        with pytest.raises(InputError, match="non-negative integer seed"):
            check_random_state(bad)  # type: ignore[arg-type]


def test_entry_points_share_the_seed_rule() -> None:
    city = sm.example_city()
    with pytest.raises(InputError, match="non-negative integer seed"):
        sm.forecast_year(city, "2026Q3", n_draws=20, rng=-3)
    with pytest.raises(InputError, match="non-negative integer seed"):
        sm.optimize_package(city, rng=-3)
    a = sm.forecast_year(city, "2026Q3", n_draws=50, rng=4).to_frame()
    b = sm.forecast_year(city, "2026Q3", n_draws=50, rng=None).to_frame()
    c = sm.forecast_year(city, "2026Q3", n_draws=50, rng=0).to_frame()
    assert not a.equals(b) and b.equals(c)  # None is seed 0


def test_as_period() -> None:
    latest = Period.parse("2026Q3")
    assert as_period(None, latest) is latest
    assert as_period("2026-09") == Period(2026, 9, "M")
    assert as_period(latest) is latest
    with pytest.raises(PeriodError, match="no period given"):
        as_period(None)
    with pytest.raises(PeriodError, match="'2026Q5' is not a period"):
        as_period("2026Q5")


def test_scenario_spec_keeps_its_period() -> None:
    spec = sm.ScenarioSpec(name="t", as_of="2026-09")
    assert spec.as_of == Period(2026, 9, "M")
    assert spec.to_dict()["as_of"] == "2026-09"
    assert sm.ScenarioSpec.from_yaml_text(spec.to_yaml()) == spec


def test_open_data_precedence(tmp_path: object) -> None:
    city = sm.example_city()
    ds, lv = levers.open_data(city)
    assert ds is city and lv is city.levers
    own = sm.default_levers()
    assert levers.open_data(city, own)[1] is own
    nat, lv = levers.open_data(sm.china_national())
    assert nat.levers is None and lv is sm.default_levers()
