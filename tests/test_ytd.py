"""Year-to-date arithmetic, checked by hand and by invariants."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from sprintmodel.ytd import (
    comparable_base,
    growth_rate,
    single_from_ytd,
    single_growth_from_ytd,
    volume_at_last_year_prices,
    ytd_from_single,
    ytd_growth_from_single,
)

NAN = np.nan


def test_single_from_ytd_by_hand() -> None:
    np.testing.assert_allclose(single_from_ytd([100, 210, 330, 460]), [100, 110, 120, 130])


def test_jan_feb_combined_start_keeps_its_value() -> None:
    ytd = [NAN, 50.0, 80.0, 100.0]
    np.testing.assert_allclose(single_from_ytd(ytd), [NAN, 50, 30, 20])
    np.testing.assert_allclose(ytd_from_single([NAN, 50.0, 30.0, 20.0]), ytd)


def test_a_gap_inside_the_year_gives_nan_not_a_wrong_number() -> None:
    out = single_from_ytd([100.0, NAN, 330.0, 460.0])
    assert np.isnan(out[1]) and np.isnan(out[2])
    assert out[3] == 130.0


def test_leading_axes_broadcast() -> None:
    ytd = np.array([[[100.0, 210.0], [10.0, 30.0]]])  # (1, 2, 2)
    np.testing.assert_allclose(single_from_ytd(ytd), [[[100, 110], [10, 20]]])


def test_growth_rate_by_hand_and_non_positive_base() -> None:
    assert float(growth_rate(105, 100)) == pytest.approx(5.0)
    assert np.isnan(growth_rate(5, 0))
    assert np.isnan(growth_rate(5, -2))


def test_single_quarter_growth_by_hand() -> None:
    # Last year 100, 110, 120, 130 a quarter; this year Q1 +5%, H1 +6%, Q1-Q3 +6.5%.
    last = np.array([100.0, 210.0, 330.0])
    g = np.array([5.0, 6.0, 6.5])
    # volumes 105, 222.6, 351.45 -> singles 105, 117.6, 128.85 -> 5%, 6.909..%, 7.375%
    np.testing.assert_allclose(
        single_growth_from_ytd(last, g), [5.0, 117.6 / 110 * 100 - 100, 7.375]
    )


def test_real_volume_at_last_year_prices() -> None:
    assert float(volume_at_last_year_prices(3000.0, 5.5)) == pytest.approx(3165.0)


def test_comparable_base_differs_from_last_years_published_level() -> None:
    # The 2020 FAI case: levels fell 5.9% but official growth was +2.9%.
    this, last_published = 518907.0, 551478.0
    base = comparable_base(this, 2.9)
    assert float(base) == pytest.approx(this / 1.029)
    assert float(growth_rate(this, last_published)) == pytest.approx(-5.906, abs=1e-3)


finite = st.floats(min_value=0.1, max_value=1e6, allow_nan=False)


@given(arrays(np.float64, st.integers(1, 12), elements=finite))
def test_ytd_single_round_trip(single: np.ndarray) -> None:
    np.testing.assert_allclose(
        single_from_ytd(ytd_from_single(single)), single, rtol=1e-9, atol=1e-6
    )


@given(
    arrays(np.float64, 4, elements=st.floats(1.0, 1e5)),
    arrays(np.float64, 4, elements=st.floats(-50.0, 80.0)),
)
def test_single_and_ytd_growth_are_inverse(base_single: np.ndarray, growth: np.ndarray) -> None:
    ytd_g = ytd_growth_from_single(base_single, growth)
    back = single_growth_from_ytd(np.cumsum(base_single), ytd_g)
    np.testing.assert_allclose(back, growth, atol=1e-7)


@given(arrays(np.float64, 4, elements=st.floats(1.0, 1e5)), st.floats(-20.0, 30.0))
def test_equal_single_growth_gives_the_same_ytd_growth(base: np.ndarray, g: float) -> None:
    np.testing.assert_allclose(ytd_growth_from_single(base, np.full(4, g)), g, atol=1e-9)
