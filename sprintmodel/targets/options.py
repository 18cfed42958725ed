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
    "carry_over",
    "probability_of_meeting",
    "quantile_for_probability",
    "round_growth",
    "statistical_options",
]
