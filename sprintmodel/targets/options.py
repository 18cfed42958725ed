"""Target options and their odds from draws of next year's growth.

The probability of meeting a growth target is the share of draws at or above it,

.. math:: P(G \\ge g) = \\frac{1}{n} \\#\\{d : G_d \\ge g\\},

a non-increasing function of ``g`` by construction (a higher target never has a higher
probability). A statistical option with a design probability ``p`` is the ``1 - p`` quantile of
the draws rounded to the planners' step; its reported probability is recomputed for the rounded
target, so what is printed is always exact for what is proposed.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike

from sprintmodel.ytd import FloatArray, _as_float

_EPS = 1e-9


def round_growth(growth: ArrayLike, step: float = 0.5) -> FloatArray:
    """Round growth [%] to the nearest ``step`` [pp] (halves away from zero); 0 keeps it.

    Examples
    --------
    >>> round_growth([5.24, 5.25, 5.76, -0.25], 0.5)
    array([ 5. ,  5.5,  6. , -0.5])
    """
    g = _as_float(growth)
    if step <= 0:
        return g.copy()
    x = g / step
    return np.sign(x) * np.floor(np.abs(x) + 0.5 + 1e-9) * step + 0.0  # no negative zero


def probability_of_meeting(
    draws: ArrayLike, targets: ArrayLike, *, ceiling: bool = False
) -> FloatArray:
    """Share of ``draws`` at or above each target [0-1] (NaN draws are ignored).

    Parameters
    ----------
    draws
        Draws of next year's growth [%] (n,).
    targets
        Target growth [%], any shape.
    ceiling
        The target is a ceiling (``target_direction = at_most``): the share at or below it.

    Notes
    -----
    Computed on the sorted draws with a binary search, so it is non-increasing in the target
    for any draws. A tolerance of 1e-9 pp treats a draw equal to the target as meeting it.

    Examples
    --------
    >>> probability_of_meeting([4.0, 5.0, 6.0, 7.0], [5.0, 6.5])
    array([0.75, 0.25])
    """
    d = _as_float(draws).ravel()
    d = np.sort(d[np.isfinite(d)])
    t = _as_float(targets)
    if d.size == 0:
        return np.full(t.shape, np.nan)
    if ceiling:
        return np.asarray(np.searchsorted(d, t + _EPS, side="right") / d.size, dtype=np.float64)
    below = np.searchsorted(d, t - _EPS, side="left")
    return np.asarray((d.size - below) / d.size, dtype=np.float64)


def quantile_for_probability(draws: ArrayLike, p: float, *, ceiling: bool = False) -> float:
    """The growth met with probability ``p``: the ``1 - p`` quantile of the draws [%] (the
    ``p`` quantile for a ceiling)."""
    d = _as_float(draws).ravel()
    d = d[np.isfinite(d)]
    if d.size == 0:
        return float("nan")
    return float(np.quantile(d, p if ceiling else 1.0 - p))


def statistical_options(
    draws: ArrayLike,
    probabilities: Mapping[str, float],
    step: float = 0.5,
    *,
    ceiling: bool = False,
) -> list[dict[str, float | str]]:
    """One option per design probability: its exact quantile, rounded target and probability.

    For a ceiling (``ceiling=True``) an option is met at or below it.

    Returns
    -------
    list of dict
        ``option``, ``p_design``, ``quantile_growth`` (exact, [%]), ``target_growth``
        (rounded, [%]) and ``probability`` (of the rounded target, [0-1]), in the order of
        ``probabilities``.
    """
    out: list[dict[str, float | str]] = []
    for name, p in probabilities.items():
        q = quantile_for_probability(draws, float(p), ceiling=ceiling)
        g = float(round_growth(q, step)) if np.isfinite(q) else float("nan")
        prob = (
            float(probability_of_meeting(draws, g, ceiling=ceiling))
            if np.isfinite(g)
            else float("nan")
        )
        out.append(
            {
                "option": name,
                "p_design": float(p),
                "quantile_growth": q,
                "target_growth": g,
                "probability": prob,
            }
        )
    return out


AMOUNT_FIGURES = 3
"""Significant figures of a target set as an amount to complete (城镇新增就业 10.7万人, 12,000人
→ 12,000): assumption, the precision such tasks are announced with in government work reports
(e.g. 城镇新增就业1200万人以上, a city's 10.5万人)."""


def amount_step(value: float, figures: int = AMOUNT_FIGURES) -> float:
    """Rounding step of an amount target: ``figures`` significant figures of ``value``.

    Examples
    --------
    >>> amount_step(10.32), amount_step(12345.0), amount_step(0.8)
    (0.1, 100.0, 0.001)
    """
    if not np.isfinite(value) or value == 0:
        return 0.0
    return float(10.0 ** (np.floor(np.log10(abs(value))) - (figures - 1)))


def amount_options(
    growth_draws: ArrayLike,
    this_year: float,
    probabilities: Mapping[str, float],
    *,
    figures: int = AMOUNT_FIGURES,
) -> list[dict[str, float | str]]:
    """Options of a completion-type indicator (城镇新增就业) as amounts in its measure.

    The amount next year ``A_d = F (1 + G_d / 100)`` per draw, with ``F`` this year's projected
    full year; each option is the ``1 - p`` quantile of ``A`` rounded to ``figures``
    significant figures (:func:`amount_step`), its probability recomputed for the rounded amount.
    No option is raised to this year's amount: a task smaller than this year's is an ordinary
    target for a flow such as new jobs.

    Returns
    -------
    list of dict
        ``option``, ``p_design``, ``target_value`` (the rounded amount [measure]),
        ``quantile_growth`` and ``target_growth`` (the growth they mean against ``F`` [%]) and
        ``probability`` [0-1], in the order of ``probabilities``.

    Examples
    --------
    Ten draws of growth from -4% to 5% on 10.32 万人: the 50% option is 10.4 万人 (the median
    amount 10.3716 rounded), met by 5 draws of 10.

    >>> o = amount_options(np.arange(-4.0, 6.0), 10.32, {"baseline": 0.5})[0]
    >>> o["target_value"], round(o["target_growth"], 4), o["probability"]
    (10.4, 0.7752, 0.5)
    """
    amounts = this_year * (1.0 + _as_float(growth_draws) / 100.0)
    step = amount_step(this_year, figures)
    out: list[dict[str, float | str]] = []
    for o in statistical_options(amounts, probabilities, step):
        a, q = float(o["target_growth"]), float(o["quantile_growth"])
        out.append(
            {
                "option": o["option"],
                "p_design": o["p_design"],
                "target_value": a,
                "quantile_growth": 100.0 * (q / this_year - 1.0),
                "target_growth": 100.0 * (a / this_year - 1.0),
                "probability": o["probability"],
            }
        )
    return out


def carry_over(fy_growth: ArrayLike, q4_growth: ArrayLike, weight: float = 0.5) -> FloatArray:
    """Effect of this year's within-year path on next year's growth (翘尾) [pp].

    Parameters
    ----------
    fy_growth
        This year's full-year growth :math:`G_t` [%].
    q4_growth
        Growth of this year's last quarter (the rest of the year after the as-of period) on the
        same span last year :math:`q_t` [%].
    weight
        Share :math:`\\kappa` of the change in carry-over that passes to next year [1].

    Notes
    -----
    With :math:`\\ell` log levels, the carry-over into next year (the growth next year would
    show if it stayed at this year's fourth-quarter level) is :math:`c_t = \\ell_{t,4} - \\bar
    \\ell_t`. Its change from last year needs no seasonal adjustment, since seasonal factors
    cancel in growth on the same period of last year:

    .. math:: c_t - c_{t-1} = (\\ell_{t,4} - \\ell_{t-1,4}) - (\\bar\\ell_t - \\bar\\ell_{t-1})
              \\approx q_t - G_t.

    A year that ends faster than it averaged (:math:`q_t > G_t`) hands next year a higher
    starting point than the year before did. The trend model of annual growth carries the usual
    carry-over; the change adds :math:`\\kappa (q_t - G_t)`.

    Examples
    --------
    >>> carry_over([5.0, 5.0], [7.0, 3.0], 0.5)
    array([ 1., -1.])
    """
    return weight * (_as_float(q4_growth) - _as_float(fy_growth))


__all__ = [
    "AMOUNT_FIGURES",
    "amount_options",
    "amount_step",
    "carry_over",
    "probability_of_meeting",
    "quantile_for_probability",
    "round_growth",
    "statistical_options",
]
