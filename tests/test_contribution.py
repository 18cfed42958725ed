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


def test_contributions_partition_rule_by_hand() -> None:
    # Districts +36 and +12 of a city published at +4.0% on a base of 1000 (its own increment
    # 40, the members' 48: the city was revised, or rounded).
    from sprintmodel.contribution import contributions

    members = contributions([36.0, 12.0], 1000.0, 4.0, partition=True)
    assert members.basis == "members"
    np.testing.assert_allclose(members.rate_pct, [75.0, 25.0])
    np.testing.assert_allclose(members.pulling_pp, [3.0, 1.0])  # 75% and 25% of 4.0
    assert float(members.denominator) == pytest.approx(48.0)
    whole = contributions([36.0, 12.0], 1000.0, 4.0, partition=False)
    assert whole.basis == "whole"
    np.testing.assert_allclose(whole.rate_pct, [90.0, 30.0])  # today's rule: 36 / 40, 12 / 40
    np.testing.assert_allclose(whole.pulling_pp, [3.6, 1.2])
    np.testing.assert_allclose(whole.rate_pct, contribution_rate([36.0, 12.0], 40.0))
    np.testing.assert_allclose(whole.pulling_pp, pulling_rate([36.0, 12.0], 1000.0))


def test_contributions_along_an_axis_and_missing_members() -> None:
    from sprintmodel.contribution import contributions

    inc = np.array([[36.0, 10.0], [12.0, np.nan]])  # members × wholes
    c = contributions(inc, [1000.0, 500.0], [4.8, 2.0], partition=True, axis=0)
    np.testing.assert_allclose(c.rate_pct[:, 0], [75.0, 25.0])
    # a member not published is left out of the sum (and has no rate)
    np.testing.assert_allclose(c.rate_pct[:, 1], [100.0, np.nan])
    np.testing.assert_allclose(c.denominator, [48.0, 10.0])
    # a zero sum gives NaN rates and falls back to pulling on the base
    z = contributions([5.0, -5.0], 1000.0, 0.0, partition=True)
    assert np.isnan(z.rate_pct).all()
    np.testing.assert_allclose(z.pulling_pp, [0.5, -0.5])


@given(
    arrays(np.float64, st.integers(2, 8), elements=st.floats(10, 1e4)),
    st.data(),
)
def test_partition_rates_add_up_whatever_the_published_growth(
    base: np.ndarray, data: st.DataObject
) -> None:
    from sprintmodel.contribution import contributions

    growth = data.draw(arrays(np.float64, base.shape, elements=st.floats(-30, 40)))
    published = data.draw(st.floats(-30, 40))
    inc = real_increment(base, growth)
    c = contributions(inc, base.sum(), published, partition=True)
    if abs(inc.sum()) > 1e-6 * base.sum():
        np.testing.assert_allclose(c.rate_pct.sum(), 100.0, rtol=1e-9)
        np.testing.assert_allclose(c.pulling_pp.sum(), published, atol=1e-9)
