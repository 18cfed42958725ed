"""Rank odds and projected league tables on hand-built draws (every number by hand)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sprintmodel.data import Hierarchy, Indicator, Unit
from sprintmodel.forecast.draws import Draws, IndicatorDraws
from sprintmodel.league import LeagueTable, projected_league_table
from sprintmodel.league.odds import rank_odds
from sprintmodel.periods import Period

UNITS = ("C", "D1", "D2", "D3", "P1")
HIER = Hierarchy(
    {
        "C": Unit("C", kind="city"),
        "D1": Unit("D1", parent="C", kind="district"),
        "D2": Unit("D2", parent="C", kind="district"),
        "D3": Unit("D3", parent="C", kind="county"),
        "P1": Unit("P1", parent="C", kind="park", rollup=False),
    }
)


@pytest.fixture
def draws() -> Draws:
    d1 = [110.0, 110.0, 101.0, 101.0]  # growth 10 10 1 1
    d2 = [105.0, 108.0, 103.0, 100.0]  # 5 8 3 0
    d3 = [102.0, 99.0, 110.0, 104.0]  # 2 -1 10 4
    p1 = [55.0, 50.0, 45.0, 60.0]  # park: 10 0 -10 20, never added into C
    city = np.add(np.add(d1, d2), d3)  # 317 317 314 305: 5.67 5.67 4.67 1.67
    fy = np.column_stack([city, d1, d2, d3, p1])
    base = np.array([300.0, 100.0, 100.0, 100.0, 50.0])
    ind = IndicatorDraws(
        Indicator("gdp", basis="real"),
        UNITS,
        (Period(2026, 3, "Q"),) * 5,
        np.array([-1, 0, 0, 0, -1]),
        base,
        base * 0.75,
        base * 0.78,
        base * 0.8,
        fy,
    )
    return Draws(Period(2026, 3, "Q"), {"gdp": ind}, seed=1)


def test_rank_odds_by_hand(draws: Draws) -> None:
    odds = rank_odds(draws, HIER, top=2)
    g = odds.frame[odds.frame.measure == "growth"].set_index("unit")
    # Growth ranks per draw: D1 1 1 3 2, D2 2 2 2 3, D3 3 3 1 1.
    assert g.loc["D1", "p_first"] == 0.5 and g.loc["D3", "p_first"] == 0.5
    assert g.loc["D2", "p_first"] == 0.0
    assert g.loc["D1", "p_top"] == 0.75 and g.loc["D2", "p_top"] == 0.75
    assert g.loc["D3", "p_top"] == 0.5
    assert g.loc["D1", "expected_rank"] == pytest.approx(7 / 4)
    # Above the city's growth in the same draw.
    assert g.loc["D1", "p_above_average"] == 0.5
    assert g.loc["D2", "p_above_average"] == 0.25
    assert g.loc["D3", "p_above_average"] == 0.5
    assert g.loc["P1", "p_above_average"] == 0.5
    # The park is alone in its league; the city is in none.
    assert g.loc["P1", "n_peers"] == 1 and g.loc["P1", "p_first"] == 1.0
    assert "C" not in g.index
    assert odds.probability("D1", "gdp", 1) == 0.5
    assert odds.probability("D2", "gdp", 2) == 0.75
    ranks = odds.ranks[("gdp", "growth")]
    np.testing.assert_array_equal(ranks[:, 1], [1, 1, 3, 2])
    assert np.isnan(ranks[:, 0]).all()


def test_keep_rank_needs_the_current_table(draws: Draws) -> None:
    current = LeagueTable(
        pd.DataFrame(
            {
                "unit": ["D1", "D2", "D3"],
                "indicator": "gdp",
                "rank_growth": [2, 1, 3],
                "rank_increment": [2, 1, 3],
                "below_average": pd.array([False, False, True], dtype="boolean"),
            }
        ),
        pd.DataFrame(),
        "ytd",
        "2026Q3",
    )
    odds = rank_odds(draws, HIER, top=1, current=current)
    g = odds.frame[odds.frame.measure == "growth"].set_index("unit")
    assert g.loc["D2", "rank_now"] == 1
    assert g.loc["D2", "p_keep_rank"] == 0.0  # D2 is never first in the draws
    assert g.loc["D1", "p_keep_rank"] == 0.75  # rank ≤ 2 in draws 1, 2, 4
    assert bool(g.loc["D3", "below_average_now"])
    wide = odds.wide().set_index("unit")
    assert wide.loc["D1", "p_keep_rank_growth"] == 0.75
    assert "likeliest first" in repr(odds)


def test_projected_table_from_the_mean_draw(draws: Draws) -> None:
    t = projected_league_table(draws, HIER)
    f = t.frame.set_index("unit")
    assert t.kind == "fy" and t.period == "2026"
    # Means: D1 105.5, D2 104, D3 103.75, C 313.25 (= the sum), P1 52.5.
    assert f.loc["C", "fy_growth"] == pytest.approx(100 * 13.25 / 300)
    assert f.loc["D1", "contribution_pct"] == pytest.approx(100 * 5.5 / 13.25)
    assert f.loc[["D1", "D2", "D3"], "contribution_pct"].sum() == pytest.approx(100.0)
    assert f.loc[["D1", "D2", "D3"], "pulling_pp"].sum() == pytest.approx(f.loc["C", "fy_growth"])
    assert f.loc["D1", "rank_growth"] == 1 and f.loc["D3", "rank_growth"] == 3
    assert bool(f.loc["D3", "below_average"])
    assert f.loc["P1", "peer_group"] == "overlap"
    assert t.residuals.unallocated.iloc[0] == pytest.approx(0.0)


def test_projected_table_divides_by_the_members_where_they_partition(draws: Draws) -> None:
    """A city projected 3 above the sum of its districts (本级-like remainder): the districts'
    rates divide by their own increments (5.5 + 4 + 3.75 = 13.25), the park's by the city's
    (316.25 − 300 = 16.25); whole="parent" divides everyone by the city's."""
    ind = draws["gdp"]
    fy = ind.fy.copy()
    fy[:, 0] += 3.0  # city means 316.25: increment 16.25, growth 5.4167%
    d = Draws(draws.as_of, {"gdp": ind.with_fy(fy)}, seed=1)
    f = projected_league_table(d, HIER).frame.set_index("unit")
    assert f.loc["D1", "contribution_pct"] == pytest.approx(100 * 5.5 / 13.25)  # 41.51
    assert f.loc[["D1", "D2", "D3"], "contribution_pct"].sum() == pytest.approx(100.0)
    # pulling = contribution × the city's own growth: they add up to 5.4167 pp
    assert f.loc[["D1", "D2", "D3"], "pulling_pp"].sum() == pytest.approx(100 * 16.25 / 300)
    assert f.loc["P1", "contribution_pct"] == pytest.approx(100 * 2.5 / 16.25)  # 15.38
    assert (f.loc["D1", "contribution_basis"], f.loc["P1", "contribution_basis"]) == (
        "members",
        "whole",
    )
    g = projected_league_table(d, HIER, whole="parent").frame.set_index("unit")
    assert g.loc["D1", "contribution_pct"] == pytest.approx(100 * 5.5 / 16.25)  # 33.85
    assert g.loc["D1", "contribution_basis"] == "whole"
