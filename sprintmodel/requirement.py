"""What the rest of the year must deliver: the Q4 (or remaining-months) growth and amount.

The question every October meeting asks: given the year to date, how fast must the remaining
quarter (or months) grow for the year to meet its target? All functions are pure and broadcast
over numpy arrays. Growth in [%], amounts in the indicator's measure (e.g. [亿元]); for ``real``
indicators amounts are volumes at last year's prices.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from sprintmodel.ytd import FloatArray, _as_float, comparable_base, growth_rate


def target_level(last_year_full: ArrayLike, target_growth: ArrayLike) -> FloatArray:
    """Full-year level implied by a growth target [measure]: ``Y_{t-1} × (1 + G/100)``."""
    return _as_float(last_year_full) * (1.0 + _as_float(target_growth) / 100.0)


def amount_still_needed(target_full: ArrayLike, ytd_value: ArrayLike) -> FloatArray:
    """Amount the rest of the year must add to reach the target [measure]: ``T - Y_{t,k}``."""
    return _as_float(target_full) - _as_float(ytd_value)


def remaining_growth_required(
    target_full: ArrayLike,
    ytd_value: ArrayLike,
    last_year_full: ArrayLike,
    last_year_ytd: ArrayLike,
) -> FloatArray:
    """Growth the rest of the year must deliver on the same span last year [%].

    Parameters
    ----------
    target_full
        Full-year target level [measure] (a volume at last year's prices for real indicators).
    ytd_value
        This year's year-to-date value (volume) through period k [measure].
    last_year_full, last_year_ytd
        Last year's full-year value and its year-to-date value through period k [measure].

    Notes
    -----
    .. math:: r = \\frac{T - Y_{t,k}}{Y_{t-1} - Y_{t-1,k}} - 1

    Examples
    --------
    Last year 400 in all, 300 by Q3 (so 100 in Q4). This year 318 by Q3 (+6%) and a target of
    +6.5% (426): Q4 must bring 108, i.e. grow 8%.

    >>> float(remaining_growth_required(426.0, 318.0, 400.0, 300.0))
    8.0
    """
    return growth_rate(
        amount_still_needed(target_full, ytd_value),
        _as_float(last_year_full) - _as_float(last_year_ytd),
    )


@dataclass(frozen=True)
class Requirement:
    """What the rest of the year must deliver for one or many series (arrays broadcast).

    Attributes
    ----------
    required_growth
        Growth of the remaining span on the same span last year [%].
    amount_needed
        Amount the remaining span must bring [measure; last year's prices for real indicators].
    target_full
        Full-year target level on the basis used [measure].
    ytd_level
        This year's year-to-date level on the same basis [measure].
    base_full, base_ytd
        Last year's full-year and year-to-date levels on the comparable base [measure].
    """

    required_growth: FloatArray
    amount_needed: FloatArray
    target_full: FloatArray
    ytd_level: FloatArray
    base_full: FloatArray
    base_ytd: FloatArray


def rest_of_year_requirement(
    *,
    ytd_growth: ArrayLike,
    last_year_ytd: ArrayLike,
    last_year_full: ArrayLike,
    target_growth: ArrayLike | None = None,
    target_value: ArrayLike | None = None,
    ytd_value: ArrayLike | None = None,
    basis: str = "nominal",
) -> Requirement:
    """Required remaining growth and amount for a growth or a level target.

    Parameters
    ----------
    ytd_growth
        Published year-to-date growth through period k [%] (real for ``basis="real"``).
    last_year_ytd, last_year_full
        Last year's published year-to-date (through k) and full-year values [measure].
    target_growth
        Annual growth target [%]. Used when given.
    target_value
        Annual level target [measure, current prices]; used when ``target_growth`` is None.
    ytd_value
        This year's published year-to-date value [measure]; needed for level targets and for the
        comparable base of nominal indicators. Without it, last year's published values are the
        base.
    basis
        ``"nominal"`` or ``"real"`` (see the data contract).

    Notes
    -----
    *Real indicators* work in volumes at last year's prices: :math:`V_k = Y_{t-1,k}(1+g_k)` and
    :math:`T = Y_{t-1}(1+G)`; a level target (current prices) is compared with this year's
    nominal year-to-date value instead, which assumes the remaining span's prices move with the
    year to date.

    *Nominal indicators* use the comparable base: last year's year-to-date base is
    :math:`B_k = Y_{t,k}/(1+g_k)`, and last year's full year is scaled by the same revision,
    :math:`B = Y_{t-1} \\, B_k / Y_{t-1,k}` (an assumption: the office's revision of last year
    applies evenly across the year). The growth target applies to :math:`B`.
    """
    g = _as_float(ytd_growth)
    last_ytd = _as_float(last_year_ytd)
    last_full = _as_float(last_year_full)
    if target_growth is None and target_value is None:
        raise ValueError("give target_growth or target_value")
    level_target = _as_float(np.nan if target_value is None else target_value)
    if basis == "real":
        if target_growth is not None:
            base_ytd = last_ytd
            base_full = last_full
            level = base_ytd * (1.0 + g / 100.0)
            target = target_level(base_full, target_growth)
        else:
            if ytd_value is None:
                raise ValueError("a level target of a real indicator needs this year's ytd_value")
            level = _as_float(ytd_value)
            base_ytd = comparable_base(level, g)
            base_full = last_full * base_ytd / last_ytd
            target = level_target
    elif basis == "nominal":
        if ytd_value is None:
            base_ytd = last_ytd
            level = last_ytd * (1.0 + g / 100.0)
        else:
            level = _as_float(ytd_value)
            base_ytd = np.where(np.isnan(g), last_ytd, comparable_base(level, g))
        with np.errstate(divide="ignore", invalid="ignore"):
            base_full = last_full * base_ytd / last_ytd
        target = (
            target_level(base_full, target_growth) if target_growth is not None else level_target
        )
    else:
        raise ValueError(f"basis must be 'nominal' or 'real', not {basis!r}")
    needed = amount_still_needed(target, level)
    return Requirement(
        required_growth=growth_rate(needed, base_full - base_ytd),
        amount_needed=needed,
        target_full=target,
        ytd_level=level,
        base_full=base_full,
        base_ytd=base_ytd,
    )
