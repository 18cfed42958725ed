"""升规入统 / 限上入库: the level counts from January, growth on the comparable base (同口径)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sprintmodel.scenario.entry import entry_effect


def test_by_hand() -> None:
    # 200 this year on 190 last year (5.263%); entrant 12 on its own 10 (20%).
    r = entry_effect(200.0, 190.0, 12.0, 10.0)
    assert float(r.level) == 212.0
    assert float(r.growth) == pytest.approx(100 * (212 / 200 - 1))  # 6.0
    assert float(r.change_pp) == pytest.approx(6.0 - 100 * (200 / 190 - 1))  # 0.7368
    # A new plant (no base): all of it is growth, 100 × 12 / 190 = 6.3158 pp more.
    new = entry_effect(200.0, 190.0, 12.0, 0.0)
    assert float(new.change_pp) == pytest.approx(100 * 12 / 190)


@given(
    st.floats(10, 1e4),
    st.floats(10, 1e4),
    st.floats(0, 1e3),
    st.floats(1, 1e3),
)
def test_growth_moves_only_through_the_entrants_own_growth(
    level: float, base: float, e: float, b: float
) -> None:
    r = entry_effect(level, base, e, b)
    own, total = 100 * (e / b - 1), 100 * (level / base - 1)
    # g' − g = 100 b/(B+b) (e/b − L/B): same sign as the entrant's growth less the total's.
    assert float(r.change_pp) == pytest.approx(b / (base + b) * (own - total), abs=1e-9)
    if np.isclose(own, total, rtol=0, atol=1e-12):
        assert float(r.change_pp) == pytest.approx(0.0, abs=1e-9)
