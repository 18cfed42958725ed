"""One GDP figure (数出一门): the districts and the industries both add up to the city.

Hand-worked projections on a tiny city (2 districts, 2 industries), a property test of the
grouped reconciliation, and the example city's industries view against the headline forecast.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sprintmodel as sm
from sprintmodel.data.model import COMPONENT_KIND
from sprintmodel.forecast import forecast
from sprintmodel.forecast.industries import coherent_levels, industry_forecast
from sprintmodel.forecast.reconcile import constraints, reconcile

# The tiny city: C with districts D1, D2 (partition 0) and industries I1, I2 (partition 1).
PARENT = np.array([-1, 0, 0, 0, 0])
GROUP = np.array([0, 0, 0, 1, 1])
POINT = np.array([100.0, 60.0, 38.0, 50.0, 45.0])
RESIDUAL = np.array([[0.0, 1.0], [0, 0], [0, 0], [0, 0], [0, 0]])  # C = I1 + I2 + 1


def _two_draws(point: np.ndarray) -> np.ndarray:
    """Two draws point ± 1: every unit's variance is 1."""
    return np.stack([point + 1.0, point - 1.0])


def test_two_partitions_by_hand() -> None:
    # C W C' = [[3, 1], [1, 3]] (W = I), gaps (C - D1 - D2, C - I1 - I2 - 1) = (2, 4),
    # multipliers (1/8)[[3, -1], [-1, 3]] (2, 4) = (0.25, 1.25): C moves by -(0.25 + 1.25),
    # the districts by +0.25, the industries by +1.25.
    active = np.ones(5, dtype=bool)
    out, pt = reconcile(_two_draws(POINT), POINT, PARENT, RESIDUAL, active, group=GROUP)
    np.testing.assert_allclose(pt, [98.5, 60.25, 38.25, 51.25, 46.25], rtol=1e-12)
    # each draw: gaps (1, 3) -> multipliers (0, 1) for +1; (3, 5) -> (0.5, 1.5) for -1
    np.testing.assert_allclose(out[0], [100.0, 61.0, 39.0, 52.0, 47.0], rtol=1e-12)
    np.testing.assert_allclose(out[1], [97.0, 59.5, 37.5, 50.5, 45.5], rtol=1e-12)


def test_one_sum_over_both_partitions_is_not_what_we_do() -> None:
    # Treating the four children as one partition (the old view) asks C = D1 + D2 + I1 + I2:
    # gap 100 - 193 = -93 over C W C' = 5, multiplier -18.6: C rises to 118.6 and each child
    # falls by 18.6, so neither the districts nor the industries add up to the city.
    active = np.ones(5, dtype=bool)
    _, mixed = reconcile(_two_draws(POINT), POINT, PARENT, np.zeros(5), active)
    np.testing.assert_allclose(mixed, [118.6, 41.4, 19.4, 31.4, 26.4], rtol=1e-12)


def test_city_held_industries_absorb_by_hand() -> None:
    # C fixed at 100 (zero variance): the districts share the gap 2 equally, the industries 4.
    active = np.ones(5, dtype=bool)
    fixed = np.array([True, False, False, False, False])
    _, pt = reconcile(_two_draws(POINT), POINT, PARENT, RESIDUAL, active, group=GROUP, fixed=fixed)
    np.testing.assert_allclose(pt, [100.0, 61.0, 39.0, 52.0, 47.0], rtol=1e-12)


def test_coherent_levels_by_hand() -> None:
    # The view: GDP, I1, I2 in 3 draws, residual R = 100 - 50 - 49 = 1 (from the points).
    view = np.array([[100.0, 50.0, 49.0], [110.0, 55.0, 54.0], [90.0, 45.0, 44.0]])
    whole = np.array([112.0, 95.0, 101.0])
    out, pt = coherent_levels(view, view[0], whole, 103.0)
    # Coupling by rank: 112 (highest) takes the view's 110 row, 95 the 90 row, 101 the 100 row.
    # I1 and I2 then have the same variance (50/3), so each takes half of each gap:
    # 112 - 1 - 109 = 2, 95 - 1 - 89 = 5, 101 - 1 - 99 = 1.
    np.testing.assert_allclose(
        out, [[112.0, 56.0, 55.0], [95.0, 47.5, 46.5], [101.0, 50.5, 49.5]], rtol=1e-12
    )
    # the point: GDP's point 103, gap 103 - 1 - 99 = 3, half each
    np.testing.assert_allclose(pt, [103.0, 51.5, 50.5], rtol=1e-12)


def test_unequal_variances_split_in_proportion() -> None:
    # I1's draws vary 3 times as much as I2's (variance 9 : 1): it takes 9/10 of each gap.
    view = np.array([[104.0, 53.0, 50.0], [96.0, 47.0, 48.0]])
    point = np.array([100.0, 50.0, 49.0])  # R = 100 - 50 - 49 = 1
    out, _ = coherent_levels(view, point, np.array([110.0, 110.0]))
    # ties in GDP keep their order: draw 0 takes the view's lower row (96), draw 1 the higher;
    # gaps 110 - 1 - 95 = 14 and 110 - 1 - 103 = 6
    np.testing.assert_allclose(out, [[110.0, 59.6, 49.4], [110.0, 58.4, 50.6]], rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_districts=st.integers(1, 5),
    n_industries=st.integers(1, 6),
    draws=st.integers(2, 40),
    hold=st.booleans(),
)
def test_both_partitions_add_up_in_every_draw(
    seed: int, n_districts: int, n_industries: int, draws: int, hold: bool
) -> None:
    rng = np.random.default_rng(seed)
    n = 1 + n_districts + n_industries
    # a town under the first district: a deeper tree beside the city's industries
    parent = np.r_[-1, np.zeros(n - 1, dtype=int), 1]
    group = np.r_[np.zeros(1 + n_districts, dtype=int), np.ones(n_industries, dtype=int), 0]
    n += 1
    fy = rng.uniform(50, 150, size=(draws, n)) * rng.uniform(0.2, 3, size=n)
    point = fy.mean(axis=0)
    residual = rng.uniform(-5, 5, size=(n, 2))
    fixed = np.zeros(n, dtype=bool)
    fixed[0] = hold
    out, pt = reconcile(
        fy, point, parent, residual, np.ones(n, dtype=bool), group=group, fixed=fixed
    )
    for a, g, kids in constraints(parent, np.ones(n, dtype=bool), group):
        np.testing.assert_allclose(
            out[:, a], out[:, kids].sum(axis=1) + residual[a, g], rtol=1e-9, atol=1e-9
        )
        assert pt[a] == pytest.approx(pt[kids].sum() + residual[a, g])
    if hold:
        np.testing.assert_array_equal(out[:, 0], fy[:, 0])


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n_view=st.integers(2, 30), n_out=st.integers(1, 60))
def test_coherent_levels_add_up_in_every_draw(seed: int, n_view: int, n_out: int) -> None:
    rng = np.random.default_rng(seed)
    k = int(rng.integers(1, 6))
    inds = rng.uniform(10, 60, size=(n_view, k))
    r = float(rng.uniform(-3, 3))
    view = np.column_stack([inds.sum(axis=1) + r, inds])
    whole = rng.uniform(0.9, 1.1, size=n_out) * view[:, 0].mean()
    out, pt = coherent_levels(view, view.mean(axis=0), whole)
    np.testing.assert_array_equal(out[:, 0], whole)
    np.testing.assert_allclose(out[:, 1:].sum(axis=1) + r, whole, rtol=1e-10)
    assert pt[1:].sum() + r == pytest.approx(whole.mean(), rel=1e-10)


@pytest.fixture(scope="module")
def city() -> sm.DataSet:
    return sm.example_city()


@pytest.mark.parametrize("as_of", ["2026Q3", "2026-10"])
def test_example_city_has_one_gdp_figure(city: sm.DataSet, as_of: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        head = forecast(city, as_of, n_draws=400, rng=3).draws["gdp"]
        f = industry_forecast(city, as_of, n_draws=400, rng=3)
    assert f is not None
    g = head.fy_growth()
    for j, unit in enumerate(f.units):
        # the industries view's GDP is the headline's, draw by draw
        np.testing.assert_array_equal(f.gdp_growth[:, j], g[:, head.units.index(unit)])
        # and the industries build it in every draw, up to the fixed residual 100 R / B
        gap = f.gdp_growth[:, j] - f.built_growth()[:, j]
        assert np.ptp(gap) < 1e-9 and abs(gap[0]) < 0.05
        # the points too: GDP's published point, built by the industries' points
        k = head.units.index(unit)
        assert f.gdp_point_growth[j] == pytest.approx(
            100.0 * (head.point_level[k] / head.base_full[k] - 1.0), abs=1e-12
        )
        w = np.nan_to_num(f.base[j]) / np.nansum(f.base[j])
        built = float(np.nansum(w * f.point_growth[j]))
        assert f.gdp_point_growth[j] - built == pytest.approx(gap[0], abs=1e-9)
    # the same draws: the districts (rollup children) add up to the city, plus its residual
    c = head.units.index("JC")
    kids = [k for k, u in enumerate(head.units) if head.parent[k] == c]
    assert len(kids) == 6  # 4 districts and 2 county-level cities; parks do not add
    rest = head.fy[:, c] - head.fy[:, kids].sum(axis=1)
    assert np.ptp(rest) < 1e-6 * head.fy[:, c].mean()


def test_the_city_view_reconciles_two_partitions(city: sm.DataSet) -> None:
    view = city.components_as_units("gdp", "JC")
    assert view.units["ID"].kind == COMPONENT_KIND
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        d = forecast(view, "2026Q3", n_draws=300, rng=1, indicators=["gdp"]).draws["gdp"]
    c = d.units.index("JC")
    kids = np.flatnonzero(d.parent == c)
    comp = np.array([view.units[d.units[k]].kind == COMPONENT_KIND for k in kids])
    assert comp.sum() == 11 and (~comp).sum() == 6
    for part in (kids[comp], kids[~comp]):
        rest = d.fy[:, c] - d.fy[:, part].sum(axis=1)
        assert np.ptp(rest) < 1e-6 * d.fy[:, c].mean()
        assert abs(rest[0]) < 0.01 * d.fy[0, c]  # a small published residual, not a district


def test_news_shows_the_industries_views_figures(city: sm.DataSet) -> None:
    from sprintmodel.forecast.news import news

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = news(city, "2026-10", "2026Q3", n_draws=300, rng=2)
        now = industry_forecast(city, "2026-10", units=["JC"], n_draws=300, rng=2)
        then = industry_forecast(city, "2026Q3", units=["JC"], n_draws=300, rng=2)
    assert now is not None and then is not None
    # the city's GDP row is the headline point, and the industries' points build it
    gdp = frame[(frame.unit == "JC") & (frame.indicator == "gdp") & (frame.industry == "")]
    assert float(gdp.fy_growth_now.iloc[0]) == pytest.approx(now.gdp_point_growth[0], abs=1e-12)
    rows = frame[frame.industry != ""].set_index("industry")
    assert len(rows) == 11
    for i, c in enumerate(now.industries):
        assert rows.at[c, "fy_growth_now"] == pytest.approx(now.point_growth[0, i], abs=1e-12)
        assert rows.at[c, "fy_growth_then"] == pytest.approx(then.point_growth[0, i], abs=1e-12)
    w = now.base[0] / np.nansum(now.base[0])
    built = float(np.nansum(w * rows.loc[list(now.industries), "fy_growth_now"].to_numpy()))
    residual_pp = now.gdp_growth[0, 0] - now.built_growth()[0, 0]  # 100 R / B, every draw
    assert abs(residual_pp) < 0.01
    assert built + residual_pp == pytest.approx(float(gdp.fy_growth_now.iloc[0]), abs=1e-9)
    # the parts still add up to the change
    parts = rows[["revisions_pp", "surprise_pp", "reestimation_pp", "other_pp"]].sum(axis=1)
    np.testing.assert_allclose(parts, rows.change_pp, atol=1e-12)
