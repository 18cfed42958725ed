"""Next year's targets, the pure parts: probabilities, options, carry-over, milestones, allocation,
trend and project amounts (hand calculations and properties)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize

from sprintmodel.errors import InputError
from sprintmodel.targets import (
    TargetConfig,
    carry_over,
    double_half,
    fit_trend,
    milestone_path,
    parse_bound,
    probability_of_meeting,
    round_growth,
    seasonal_shares,
    solve_allocation,
    statistical_options,
)
from sprintmodel.targets.milestones import this_year_path

FAST = settings(max_examples=60, deadline=None)


# ----------------------------------------------------------------------------- probabilities
def test_probability_hand_calculation() -> None:
    draws = [4.0, 5.0, 6.0, 7.0]
    assert probability_of_meeting(draws, [3.0, 5.0, 6.5, 8.0]).tolist() == [1.0, 0.75, 0.25, 0.0]


@FAST
@given(
    st.lists(st.floats(-30, 30, allow_nan=False), min_size=1, max_size=200),
    st.lists(st.floats(-40, 40, allow_nan=False), min_size=2, max_size=20),
)
def test_a_higher_target_never_has_a_higher_probability(
    draws: list[float], targets: list[float]
) -> None:
    t = np.sort(np.asarray(targets))
    p = probability_of_meeting(draws, t)
    assert np.all(np.diff(p) <= 1e-12)
    assert np.all((p >= 0) & (p <= 1))


@FAST
@given(st.lists(st.floats(-20, 20, allow_nan=False), min_size=5, max_size=300))
def test_options_are_ordered_and_their_probability_is_exact(draws: list[float]) -> None:
    opts = statistical_options(draws, {"cautious": 0.8, "baseline": 0.5, "ambitious": 0.3}, 0.5)
    g = [float(o["target_growth"]) for o in opts]
    p = [float(o["probability"]) for o in opts]
    assert g == sorted(g)
    assert p == sorted(p, reverse=True)
    for o in opts:
        assert float(o["probability"]) == float(probability_of_meeting(draws, o["target_growth"]))
        assert abs(float(o["target_growth"]) * 2 - round(float(o["target_growth"]) * 2)) < 1e-9


def test_round_growth_steps_and_no_negative_zero() -> None:
    assert round_growth([5.24, 5.25, 5.76, -0.25, -0.2], 0.5).tolist() == [5.0, 5.5, 6.0, -0.5, 0.0]
    assert str(float(round_growth(-0.1, 0.5))) == "0.0"
    assert round_growth(5.26, 0).tolist() == 5.26


def test_carry_over_is_half_the_change_in_the_overhang() -> None:
    # A year that ends 2 pp faster than it averaged hands +1 pp to next year (κ = 0.5).
    assert carry_over([5.0, 5.0], [7.0, 3.0]).tolist() == [1.0, -1.0]
    assert carry_over(5.0, 7.0, 1.0) == pytest.approx(2.0)


# ----------------------------------------------------------------------------- milestones
def test_seasonal_shares_median_and_monotone() -> None:
    s = seasonal_shares([[20.0, 45.0, 70.0, 100.0], [22.0, 46.0, 72.0, 100.0], [30, 40, 90, 100]])
    assert s.tolist() == pytest.approx([0.22, 0.45, 0.72, 1.0])
    # A month never published (January with February) stays unknown; no year → all NaN.
    s = seasonal_shares([[np.nan, 10.0, 20.0, 40.0]])
    assert np.isnan(s[0]) and s[1:].tolist() == pytest.approx([0.25, 0.5, 1.0])
    assert np.isnan(seasonal_shares(np.full((2, 4), np.nan))).all()


@FAST
@given(
    st.lists(st.floats(1.0, 50.0), min_size=4, max_size=12),
    st.floats(-10.0, 20.0),
    st.integers(0, 11),
)
def test_milestones_rise_and_end_at_the_target(single: list[float], growth: float, k: int) -> None:
    """On-track values rise through the year and end at the target; the last growth is it."""
    ytd_last = np.cumsum(single)
    steps = len(single)
    shares = seasonal_shares(np.vstack([ytd_last, ytd_last * 1.05]))
    this = ytd_last * 1.04
    full = float(this[-1])
    k = min(k, steps - 2)
    known = this.copy()
    known[k + 1 :] = np.nan
    path = this_year_path(known, full, shares, k)
    target = full * (1 + growth / 100)
    values, g = milestone_path(target, shares, path)
    assert np.all(np.diff(values) >= -1e-9)
    assert values[-1] == pytest.approx(target)
    assert g[-1] == pytest.approx(growth)
    assert np.all(np.diff(path) >= -1e-9)


def test_double_half_definition() -> None:
    # A growth target (6%): 双过半 is first-half growth >= 6%, nothing about half the level.
    # H1 usually 47% of the year, last year's H1 47: on the path 106 x 0.47 = 49.82, +6.0%.
    r = double_half(106.0, 6.0, 0.47, 47.0)
    assert r["double_half_rule"] == "growth" and r["double_half_on_path"]
    assert r["h1_growth_on_path"] == pytest.approx(6.0)
    assert r["h1_value_for_double_half"] == pytest.approx(49.82)  # 47 x 1.06, not 53
    assert r["h1_growth_for_double_half"] == pytest.approx(6.0)
    # 46% by June: 106 x 0.46 = 48.76 is +3.745% on 47, 2.255 pp short of the 6% target.
    r = double_half(106.0, 6.0, 0.46, 47.0)
    assert not r["double_half_on_path"]
    assert r["h1_growth_on_path"] == pytest.approx(100 * (48.76 / 47 - 1))
    assert r["extra_pp"] == pytest.approx(6.0 - 100 * (48.76 / 47 - 1))
    # An amount to complete (106): half of it, 53, by June; 49.82 on the path falls short and
    # needs +12.77% on last year's first half.
    r = double_half(106.0, 6.0, 0.47, 47.0, rule="amount")
    assert r["double_half_rule"] == "amount" and not r["double_half_on_path"]
    assert r["h1_value_for_double_half"] == pytest.approx(53.0)
    assert r["h1_growth_for_double_half"] == pytest.approx(100 * (53 / 47 - 1))
    # 10.6 万人 of new jobs, 54.5% usually done by June: 5.777 on the path >= 5.3, although
    # that is below last year's 5.9 (growth plays no part in an amount's 双过半).
    r = double_half(10.6, 1.0, 0.545, 5.9, rule="amount")
    assert r["double_half_on_path"]
    assert r["h1_value_for_double_half"] == pytest.approx(5.3)
    assert r["h1_growth_for_double_half"] == pytest.approx(100 * (5.3 / 5.9 - 1))
    with pytest.raises(ValueError, match="rule"):
        double_half(106.0, 6.0, 0.47, 47.0, rule="both")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- allocation
def test_allocation_hand_calculation_and_binding() -> None:
    a = solve_allocation(
        6.0, [100.0, 100.0], [4.0, 6.0], [0.0, 0.0], [10.0, 10.0], units=["A", "B"]
    )
    assert a.growth.tolist() == pytest.approx([5.0, 7.0])
    assert a.binding == ("", "")
    # B capped at 6.5%: A takes the rest, B's upper bound binds with a positive multiplier.
    a = solve_allocation(6.0, [100.0, 100.0], [4.0, 6.0], [0.0, 0.0], [10.0, 6.5], units=["A", "B"])
    assert a.growth.tolist() == pytest.approx([5.5, 6.5])
    assert a.binding == ("", "upper")
    assert a.bound_multipliers[1] > 0 and a.bound_multipliers[0] == 0


@FAST
@given(
    st.lists(
        st.tuples(st.floats(1.0, 5000.0), st.floats(-10.0, 15.0), st.floats(0.0, 6.0)),
        min_size=1,
        max_size=9,
    ),
    st.floats(0.0, 1.0),
    st.floats(1.0, 500.0),
    st.booleans(),
)
def test_allocations_add_up(
    units: list[tuple[float, float, float]], where: float, residual: float, uncertainty: bool
) -> None:
    """Units' target levels plus the residual (grown with the parent) add up to the parent's."""
    base = np.array([u[0] for u in units])
    ref = np.array([u[1] for u in units])
    band = np.array([u[2] for u in units])
    lo, hi = ref - band, ref + band
    share = base / base.sum()
    g = float(np.sum(share * lo) + where * np.sum(share * (hi - lo)))
    var = np.linspace(1.0, 4.0, len(units)) if uncertainty else None
    a = solve_allocation(g, base, ref, lo, hi, variance=var, parent_base=base.sum() + residual)
    assert abs(a.check()) < 1e-9
    assert np.all(a.growth >= lo - 1e-9) and np.all(a.growth <= hi + 1e-9)
    total = a.target_level.sum() + a.residual_target
    assert total == pytest.approx(a.parent_target_level, rel=1e-6)


def test_allocation_agrees_with_slsqp() -> None:
    base = np.array([1500.0, 1200.0, 700.0, 750.0, 850.0, 500.0])
    ref = np.array([4.6, 7.5, 9.0, 5.7, 5.5, 4.5])
    lo = np.array([3.0, 5.0, 6.0, 5.0, 3.0, 2.0])
    hi = np.array([6.0, 8.0, 9.5, 6.0, 8.0, 7.0])
    a = solve_allocation(7.0, base, ref, lo, hi)
    share = base / base.sum()
    res = optimize.minimize(
        lambda g: float(np.sum(share * (g - ref) ** 2)),
        ref.copy(),
        method="SLSQP",
        bounds=list(zip(lo, hi, strict=True)),
        constraints=[{"type": "eq", "fun": lambda g: float(np.sum(share * g) - 7.0)}],
        options={"ftol": 1e-12, "maxiter": 500},
    )
    assert res.success
    assert a.growth == pytest.approx(res.x, abs=1e-5)
    assert "upper" in a.binding


def test_infeasible_bounds_are_a_clear_error() -> None:
    with pytest.raises(InputError, match=r"cannot be allocated within the bounds.*feasible range"):
        solve_allocation(9.0, [100.0, 100.0], [4.0, 6.0], [0.0, 0.0], [6.0, 8.0], indicator="gdp")
    with pytest.raises(InputError, match="inverted"):
        solve_allocation(5.0, [100.0, 100.0], [4.0, 6.0], [5.0, 0.0], [4.0, 8.0], units=["A", "B"])


def test_allocation_with_a_residual_by_hand() -> None:
    """Parent 1000, units 300 and 100 (residual 600), potentials 4% and 8%, target 6%.

    Level weights: both units move by the same λ-shift s; 0.75 (4 + s) + 0.25 (8 + s) = 6 gives
    s = 1: targets 5% and 9%, levels 315 and 109; the residual grows with the parent, 636;
    315 + 109 + 636 = 1060 = 1000 × 1.06.
    """
    a = solve_allocation(
        6.0, [300.0, 100.0], [4.0, 8.0], [0.0, 0.0], [10.0, 10.0], parent_base=1000.0
    )
    assert a.growth.tolist() == pytest.approx([5.0, 9.0], abs=1e-12)
    assert a.residual == pytest.approx(600.0)
    assert a.target_level.tolist() == pytest.approx([315.0, 109.0])
    assert a.residual_target == pytest.approx(636.0)
    assert a.parent_target_level == pytest.approx(1060.0)
    assert abs(a.check()) < 1e-12
    assert a.widened_pp == 0.0 and a.widened_side == ""


def test_soft_bounds_widen_to_the_smallest_feasible_width() -> None:
    """Same units with bands ±0.5 pp: at the upper bounds (4.5, 8.5) they reach 0.75·4.5 +
    0.25·8.5 = 5.5 < 6. Soft bounds widen by d = (6 − 5.5)/1 = 0.5 pp → 5% and 9% (both on the
    widened bound); with B's upper bound hard, only A widens: d = 0.5/0.75 = 2/3 pp → A
    4.5 + 2/3 = 5.1667%, B 8.5%; 0.75 · 5.1667 + 0.25 · 8.5 = 6."""
    args = (6.0, [300.0, 100.0], [4.0, 8.0], [3.5, 7.5], [4.5, 8.5])
    a = solve_allocation(*args, parent_base=1000.0, soft_upper=[True, True], units=["A", "B"])
    assert a.growth.tolist() == pytest.approx([5.0, 9.0], abs=1e-9)
    assert a.widened_pp == pytest.approx(0.5) and a.widened_side == "upper"
    assert a.widened_units == ("A", "B")
    assert a.upper.tolist() == pytest.approx([5.0, 9.0])
    assert a.binding == ("upper", "upper")
    assert abs(a.check()) < 1e-12
    a = solve_allocation(*args, parent_base=1000.0, soft_upper=[True, False], units=["A", "B"])
    assert a.growth.tolist() == pytest.approx([4.5 + 2 / 3, 8.5], abs=1e-9)
    assert a.widened_pp == pytest.approx(2 / 3) and a.widened_units == ("A",)
    assert abs(a.check()) < 1e-12
    # Too low a target widens the lower side: reach 0.75·3.5 + 0.25·7.5 = 4.5; target 4 → 0.5 pp.
    a = solve_allocation(4.0, *args[1:], soft_lower=[True, True], soft_upper=[True, True])
    assert a.growth.tolist() == pytest.approx([3.0, 7.0], abs=1e-9)
    assert (a.widened_pp, a.widened_side) == (pytest.approx(0.5), "lower")
    # Feasible targets leave soft bounds alone: identical to hard bounds.
    b = solve_allocation(5.2, *args[1:], soft_lower=[True, True], soft_upper=[True, True])
    c = solve_allocation(5.2, *args[1:])
    assert b.growth.tolist() == c.growth.tolist() and b.widened_pp == 0.0
    # Only hard bounds on the violated side: still an error.
    with pytest.raises(InputError, match=r"feasible range 4\.50% to 5\.50%"):
        solve_allocation(*args, soft_lower=[True, True])


def test_parse_bound() -> None:
    assert parse_bound("4..7") == (4.0, 7.0)
    assert parse_bound("4..") == (4.0, None)
    assert parse_bound("..-1.5") == (None, -1.5)
    for bad in ("4-7", "a..b", "7..4"):
        with pytest.raises(InputError):
            parse_bound(bad)


# ----------------------------------------------------------------------------- trend
def test_trend_pooled_local_level() -> None:
    rng = np.random.default_rng(1)
    years = np.arange(2000, 2025)
    # Three units around a slowly falling level; one unit with a short history.
    level = np.linspace(9.0, 5.0, years.size)
    hist = level[None, :] + rng.normal(0, 0.8, (4, years.size))
    hist[3, :-3] = np.nan
    fit = fit_trend(hist, np.array([5.0, 5.2, 4.8, 5.0]), units=("A", "B", "C", "D"), years=years)
    assert fit.methods[:3] == ("local level",) * 3 and fit.methods[3] == "mean (short history)"
    assert 0 < fit.gain < 1 and np.isfinite(fit.ratio)
    assert np.all(np.abs(fit.mean[:3] - 5.0) < 1.5)
    assert np.all(fit.se > 0) and np.all((fit.last_weight >= 0) & (fit.last_weight <= 1))
    z = fit.sample(4000, np.random.default_rng(2))
    assert z.shape == (4000, 4)
    assert abs(float(np.std(z)) - 1.0) < 0.1


def test_config_validates() -> None:
    with pytest.raises(ValueError):
        TargetConfig(options={"x": 1.2})
    with pytest.raises(ValueError):
        TargetConfig(tiers={"floor": "missing"})
    assert "carry_weight" in repr(TargetConfig())


# ----------------------------------------------------------------------------- projects
def test_project_amounts_hand_calculation() -> None:
    import pandas as pd

    from sprintmodel.scenario import ProjectModel, ProjectRegister
    from sprintmodel.targets.projects import amount_tables

    frame = pd.DataFrame(
        {
            "project": ["A", "B"],
            "unit": ["D1", "D1"],
            "category": ["industrial", "infrastructure"],
            "status": ["under_construction", "approved"],
            "total_investment": [100.0, 36.0],
            "invested_to_date": [40.0, 0.0],
            "planned_start": ["2026-01", "2027-03"],
            "planned_finish": ["2027-06", "2029-02"],
            "planned_entry": ["2026-01", ""],
            "planned_production": ["2027-04", ""],
            "output_at_capacity": [120.0, 0.0],
            "value_added_rate": [0.25, 0.0],
        }
    )
    reg = ProjectRegister.from_frame(frame)
    as_of = 2026 * 12 + 8  # September 2026
    before = np.array([30.0, 0.0])
    t = amount_tables(reg, as_of, ProjectModel(), before, shifts=np.array([0, 3]))
    # A: what is left (60) is spent from October to June: this year's rest + next year = 60.
    assert t[0, 0, 1, 0] - 30.0 + t[0, 0, 2, 0] == pytest.approx(60.0)
    # A's value added next year: 30/yr at capacity, ramp over 6 months from April.
    assert t[0, 0, 2, 1] == pytest.approx(2.5 * (21 / 6 + 3))
    assert t[0, 0, 1, 1] == 0 and t[0, 0, 2, 2] == 0
    # B starts in March 2027: a 3-month slip moves part of next year's spending out.
    assert t[1, 0, 1, 0] == 0 and t[1, 0, 2, 0] > t[1, 1, 2, 0] > 0
    # A ends within next year even when it slips: next year keeps what this year loses.
    assert t[0, 1, 1, 0] + t[0, 1, 2, 0] == pytest.approx(t[0, 0, 1, 0] + t[0, 0, 2, 0])
