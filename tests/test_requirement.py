"""The growth and amount the rest of the year must deliver, by hand."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sprintmodel.requirement import (
    amount_still_needed,
    remaining_growth_required,
    rest_of_year_requirement,
    target_level,
)


def test_q4_growth_for_a_growth_target_real_indicator() -> None:
    # GDP last year 4000, of which 2900 by Q3 (Q4 = 1100). Jan-Sep real growth 5.4%, target 6%.
    # Volume by Q3: 2900*1.054 = 3056.6; target volume 4240; Q4 must bring 1183.4 = +7.5818...%
    r = rest_of_year_requirement(
        ytd_growth=5.4, last_year_ytd=2900.0, last_year_full=4000.0, target_growth=6.0, basis="real"
    )
    assert float(r.amount_needed) == pytest.approx(1183.4)
    assert float(r.required_growth) == pytest.approx(1183.4 / 1100 * 100 - 100)
    assert float(r.required_growth) == pytest.approx(7.58182, abs=1e-5)


def test_nominal_indicator_uses_the_comparable_base() -> None:
    # Published: last year Jan-Sep 300, full 400; this year Jan-Sep 303 with official growth 3%
    # (base revised down to 303/1.03 = 294.17). Full-year base scaled by the same revision.
    r = rest_of_year_requirement(
        ytd_growth=3.0,
        last_year_ytd=300.0,
        last_year_full=400.0,
        target_growth=5.0,
        ytd_value=303.0,
        basis="nominal",
    )
    base_ytd = 303.0 / 1.03
    base_full = 400.0 * base_ytd / 300.0
    assert float(r.base_full) == pytest.approx(base_full)
    assert float(r.required_growth) == pytest.approx(
        (base_full * 1.05 - 303.0) / (base_full - base_ytd) * 100 - 100
    )


def test_level_target() -> None:
    # FAI plan 1200; 880 done by Q3 (last year 850 by Q3, 1150 in all): Q4 needs 320 = +6.67%.
    r = rest_of_year_requirement(
        ytd_growth=880 / 850 * 100 - 100,
        last_year_ytd=850.0,
        last_year_full=1150.0,
        target_value=1200.0,
        ytd_value=880.0,
    )
    assert float(r.amount_needed) == pytest.approx(320.0)
    assert float(r.required_growth) == pytest.approx(320 / 300 * 100 - 100)


def test_pieces() -> None:
    assert float(target_level(400.0, 6.5)) == pytest.approx(426.0)
    assert float(amount_still_needed(426.0, 318.0)) == pytest.approx(108.0)
    assert float(remaining_growth_required(426.0, 318.0, 400.0, 300.0)) == pytest.approx(8.0)


def test_needs_a_target() -> None:
    with pytest.raises(ValueError, match="target"):
        rest_of_year_requirement(ytd_growth=1, last_year_ytd=1, last_year_full=2)


@given(st.floats(-5, 15), st.floats(0.3, 0.9), st.floats(-5, 15))
def test_growing_at_the_required_rate_meets_the_target(
    g: float, share: float, target: float
) -> None:
    last_full = 1000.0
    last_ytd = share * last_full
    r = rest_of_year_requirement(
        ytd_growth=g,
        last_year_ytd=last_ytd,
        last_year_full=last_full,
        target_growth=target,
        basis="real",
    )
    full = last_ytd * (1 + g / 100) + (last_full - last_ytd) * (1 + float(r.required_growth) / 100)
    assert full / last_full * 100 - 100 == pytest.approx(target, abs=1e-9)


def test_arrays_broadcast() -> None:
    r = rest_of_year_requirement(
        ytd_growth=np.array([5.0, 6.0]),
        last_year_ytd=300.0,
        last_year_full=400.0,
        target_growth=6.0,
        basis="real",
    )
    assert r.required_growth.shape == (2,)
    assert r.required_growth[0] > r.required_growth[1]
