"""Scenario statistics and the engine's caches: the fast paths give numpy's numbers exactly.

- :func:`sprintmodel.scenario.stats.quantiles` (from a sort) against :func:`numpy.quantile`,
  bit for bit, with ties, infinities and NaN;
- P(meet target) counted on the sorted draws against
  :meth:`~sprintmodel.data.model.Indicator.meets` averaged over draws, for floors and ceilings;
- :meth:`ScenarioResult.summary_row` against the row of :meth:`ScenarioResult.summary`;
- the engine's part caches: a scenario evaluated after others gives the same draws as on a
  fresh engine, and the cached arrays cannot be written;
- no module-level import from ``results`` or ``stats`` back into ``engine``.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import sprintmodel as sm
from sprintmodel.scenario import LeverSet, ScenarioEngine, ScenarioSpec
from sprintmodel.scenario._testing import synthetic_baseline
from sprintmodel.scenario.stats import QUANTILES, indicator_stats, quantiles

ROOT = Path(__file__).resolve().parents[1]
SCEN = ROOT / "data" / "example_city" / "scenarios"
N = 300

values = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False, width=64),
    st.sampled_from([0.0, 1.0, -1.0, np.inf, -np.inf, np.nan]),
)


@settings(max_examples=300, deadline=None)
@given(
    x=hnp.arrays(
        np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=40), elements=values
    ),
    qs=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=5),
)
def test_quantiles_are_numpys_bit_for_bit(x: np.ndarray, qs: list[float]) -> None:
    with np.errstate(invalid="ignore"):
        expected = np.quantile(x, qs, axis=0)
        got = quantiles(x, qs)
    assert got.shape == expected.shape
    assert np.array_equal(got, expected, equal_nan=True)


def test_quantiles_of_a_hand_worked_column() -> None:
    # n = 5, q = 0.1: v = 0.4 between the sorted 1 and 2 -> 1.4; q = 0.5 -> 3; q = 0.9: v = 3.6
    # between 4 and 10, gamma >= 0.5 so 10 - 6 * 0.4 = 7.6.
    x = np.array([[3.0], [10.0], [1.0], [4.0], [2.0]])
    assert quantiles(x, QUANTILES)[:, 0] == pytest.approx([1.4, 3.0, 7.6], abs=1e-12)


@dataclasses.dataclass
class _Indicator:
    ceiling: bool

    def meets(self, value: np.ndarray, target: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return np.asarray(value <= target if self.ceiling else value >= target)


@dataclasses.dataclass
class _Draws:
    indicator: _Indicator


@dataclasses.dataclass
class _Plan:
    draws: _Draws
    target_level: np.ndarray


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    x=hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 60), st.integers(1, 6)),
        elements=st.sampled_from([0.0, 1.0, 2.0, 2.5, 3.0, np.inf, -np.inf, np.nan]),
    ),
    ceiling=st.booleans(),
    data=st.data(),
)
def test_p_meet_counts_what_meets_says(x: np.ndarray, ceiling: bool, data: st.DataObject) -> None:
    units = x.shape[1]
    target = np.array(
        data.draw(
            st.lists(st.sampled_from([np.nan, 0.0, 2.0, 2.5, 9.0]), min_size=units, max_size=units)
        )
    )
    plan = _Plan(_Draws(_Indicator(ceiling)), target)
    with np.errstate(invalid="ignore"):  # inf - inf between two draws, as numpy's own
        got = indicator_stats(plan, x, mean=np.zeros(units))  # type: ignore[arg-type]
    has = np.isfinite(target)
    expected = np.full(units, np.nan)
    expected[has] = plan.draws.indicator.meets(x[:, has], target[has]).mean(axis=0)
    assert np.array_equal(got.p_meet, expected, equal_nan=True)
    # A subset of columns gives the statistics of that subset.
    cols = np.arange(units) % 2 == 0
    with np.errstate(invalid="ignore"):
        part = indicator_stats(plan, x, target[cols], np.zeros(cols.sum()), columns=cols)  # type: ignore[arg-type]
        whole = indicator_stats(plan, x[:, cols], target[cols], np.zeros(cols.sum()))  # type: ignore[arg-type]
    assert np.array_equal(part.q, whole.q, equal_nan=True)
    assert np.array_equal(part.p_meet, whole.p_meet, equal_nan=True)


@pytest.fixture(scope="module")
def city() -> sm.DataSet:
    return sm.example_city()


@pytest.fixture(scope="module")
def levers() -> LeverSet:
    return LeverSet.from_yaml(ROOT / "data" / "example_city" / "levers.yaml")


def _engine(city: sm.DataSet, levers: LeverSet) -> ScenarioEngine:
    return ScenarioEngine(
        city, synthetic_baseline(city, "2026Q3", n_draws=N, seed=3), levers, seed=3
    )


@pytest.fixture(scope="module")
def sprint() -> ScenarioSpec:
    return ScenarioSpec.from_yaml(SCEN / "full_sprint.yaml").replace(draws=N, seed=3)


def test_summary_row_is_the_summarys_row(
    city: sm.DataSet, levers: LeverSet, sprint: ScenarioSpec
) -> None:
    res = _engine(city, levers).evaluate(sprint)
    frame = res.summary_frame()
    for r in frame.itertuples(index=False):
        row = res.summary_row(r.unit, r.indicator)
        for col, v in row.items():
            want = getattr(r, col)
            if isinstance(want, str):
                assert v == want
            else:
                assert v == want or (np.isnan(v) and np.isnan(want)), (r.unit, r.indicator, col)
    with pytest.raises(KeyError):
        res.summary_row("NOWHERE", "gdp")


def test_cached_parts_give_the_fresh_engines_numbers(
    city: sm.DataSet, levers: LeverSet, sprint: ScenarioSpec
) -> None:
    warm = _engine(city, levers)
    moves = [
        sprint,
        sprint.with_lever("consumption_vouchers", 1.0),
        sprint.with_projects({"project": "JC-P010", "shift_months": 2}),
        sprint.with_lever("land_acceleration", 1.0),
        sprint.with_lever("consumption_vouchers", 1.0).with_projects(
            {"status": "approved", "shift_months": 1}
        ),
    ]
    for spec in moves + moves[::-1]:
        got = warm.evaluate(spec)
        fresh = _engine(city, levers).evaluate(spec)
        for code in fresh.fy:
            assert np.array_equal(got.fy[code], fresh.fy[code], equal_nan=True)
            assert list(got.components[code]) == list(fresh.components[code])
            for name, delta in fresh.components[code].items():
                assert np.array_equal(got.components[code][name], delta)
            assert np.array_equal(got.changed[code], fresh.changed[code])
        assert got.summary_frame().equals(fresh.summary_frame())
    # Cached arrays are shared between results: nobody may write them.
    res = warm.evaluate(moves[1])
    shared = next(a for comp in res.components.values() for a in comp.values())
    with pytest.raises(ValueError):
        shared[0] = 1.0


def _module_imports(path: Path) -> set[str]:
    """Modules imported at module level (``if TYPE_CHECKING:`` blocks left out)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_results_and_stats_do_not_import_the_engine() -> None:
    pkg = ROOT / "sprintmodel" / "scenario"
    for name in ("results.py", "stats.py", "plan.py", "lever_effects.py", "project_effects.py"):
        assert "sprintmodel.scenario.engine" not in _module_imports(pkg / name), name
    source = (pkg / "results.py").read_text(encoding="utf-8")
    assert "engine._" not in source  # no private state patched onto the engine
