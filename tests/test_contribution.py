"""Increment, contribution and pulling rates, by hand and as identities."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from sprintmodel.contribution import contribution_rate, increment, pulling_rate, real_increment


def test_by_hand() -> None:
    # Two districts: 600 -> 636 (+36) and 400 -> 412 (+12). City 1000 -> 1048 (+48, +4.8%).
    inc = increment(np.array([636.0, 412.0]), np.array([600.0, 400.0]))
    np.testing.assert_allclose(contribution_rate(inc, inc.sum()), [75.0, 25.0])
    np.testing.assert_allclose(pulling_rate(inc, 1000.0), [3.6, 1.2])


def test_real_increment_is_at_last_years_prices() -> None:
    assert float(real_increment(2000.0, 5.5)) == pytest.approx(110.0)


def test_zero_whole_increment_gives_nan() -> None:
    assert np.isnan(contribution_rate(5.0, 0.0))


@given(
    arrays(np.float64, st.integers(2, 8), elements=st.floats(10, 1e4)),
    st.data(),
)
def test_parts_add_up(base: np.ndarray, data: st.DataObject) -> None:
    growth = data.draw(arrays(np.float64, base.shape, elements=st.floats(-30, 40)))
    inc = real_increment(base, growth)
    whole_inc = inc.sum()
    whole_growth = 100 * whole_inc / base.sum()
    np.testing.assert_allclose(pulling_rate(inc, base.sum()).sum(), whole_growth, atol=1e-9)
    if abs(whole_inc) > 1e-6 * base.sum():
        np.testing.assert_allclose(contribution_rate(inc, whole_inc).sum(), 100.0, rtol=1e-9)
