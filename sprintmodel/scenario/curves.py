"""Pure functions of the scenario engine: S-curves, output ramps, timing profiles and delays.

Everything here is a plain function of numpy arrays that broadcasts over leading axes (projects,
shifts, draws). Months are **absolute month numbers** ``year × 12 + (month − 1)`` so that
arithmetic crosses years; :func:`month_number` and :func:`month_text` convert.

Amounts are in 亿元 per month unless stated; shares are in [0-1].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special, stats

FloatArray = NDArray[np.float64]


# ----------------------------------------------------------------------------- months
def month_number(text: str) -> int:
    """Absolute month number of ``"YYYY-MM"``: ``year × 12 + month − 1``.

    Examples
    --------
    >>> month_number("2026-11") - month_number("2026-09")
    2
    """
    year, month = str(text).split("-")
    return int(year) * 12 + int(month) - 1


def month_text(number: int) -> str:
    """``"YYYY-MM"`` of an absolute month number (inverse of :func:`month_number`)."""
    n = int(number)
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


# ----------------------------------------------------------------------------- S-curves
def smoothstep(tau: ArrayLike) -> FloatArray:
    """Cumulative share of a project's investment done at elapsed share ``tau`` of its duration.

    Notes
    -----
    .. math:: C(\\tau) = 3\\tau^2 - 2\\tau^3, \\quad \\tau \\in [0, 1]

    the cumulative distribution of a Beta(2, 2) law: spending starts slowly, peaks at mid-term
    and tails off, the classic S-curve of construction cash flow. A parameter-free choice (an
    assumption); the cumulative value-versus-time curves of building projects are S-shaped
    (Kenley & Wilson 1986, Construction Management and Economics 4(3)), with the mid-point
    near half the duration for typical public works.

    Examples
    --------
    >>> smoothstep([0.0, 0.25, 0.5, 1.0])
    array([0.     , 0.15625, 0.5    , 1.     ])
    """
    t = np.clip(np.asarray(tau, dtype=np.float64), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def linear_curve(tau: ArrayLike) -> FloatArray:
    """Cumulative share for even spending: ``clip(tau, 0, 1)``."""
    return np.clip(np.asarray(tau, dtype=np.float64), 0.0, 1.0)


S_CURVES: dict[str, Callable[[ArrayLike], FloatArray]] = {
    "smoothstep": smoothstep,
    "linear": linear_curve,
}
"""Registry of cumulative investment curves by name."""


def s_curve_increments(
    month: ArrayLike,
    start: ArrayLike,
    finish: ArrayLike,
    curve: Callable[[ArrayLike], FloatArray] = smoothstep,
) -> FloatArray:
    """Share of a project's total investment spent in ``month`` [0-1] (planned S-curve).

    Parameters
    ----------
    month, start, finish
        Absolute month numbers; ``start`` and ``finish`` are inclusive, so the duration is
        ``n = finish − start + 1`` months.
    curve
        Cumulative curve (default :func:`smoothstep`).

    Notes
    -----
    .. math:: w_m = C\\left(\\frac{m - S + 1}{n}\\right) - C\\left(\\frac{m - S}{n}\\right)

    Examples
    --------
    A four-month project spends 15.625%, 34.375%, 34.375% and 15.625%:

    >>> s_curve_increments(np.arange(4), 0, 3)
    array([0.15625, 0.34375, 0.34375, 0.15625])
    """
    m = np.asarray(month, dtype=np.float64)
    s = np.asarray(start, dtype=np.float64)
    n = np.maximum(np.asarray(finish, dtype=np.float64) - s + 1.0, 1.0)
    return curve((m - s + 1.0) / n) - curve((m - s) / n)


def remaining_investment(
    months: ArrayLike,
    start: ArrayLike,
    finish: ArrayLike,
    remaining: ArrayLike,
    as_of: ArrayLike,
    curve: Callable[[ArrayLike], FloatArray] = smoothstep,
) -> FloatArray:
    """Monthly investment after ``as_of`` [亿元], consistent with what is already invested.

    Parameters
    ----------
    months
        Absolute month numbers to evaluate (last axis of the result).
    start, finish
        Construction start and finish (absolute months, inclusive); ``finish > as_of``.
    remaining
        Investment still to be done after ``as_of`` [亿元]: total − invested to date.
    as_of
        Last month of the data (absolute month number).

    Notes
    -----
    The remaining amount follows the rest of the planned S-curve, rescaled so that it sums to
    what is left:

    .. math:: I_m = R \\, \\frac{w_m}{1 - C\\big((t_0 - S + 1)/n\\big)}, \\qquad m > t_0

    so a project behind schedule spends its backlog over its remaining months in proportion to
    the curve. Months outside ``(as_of, finish]`` get zero.

    Examples
    --------
    A 4-month project (months 0–3) with 5 亿元 left after month 1 spends it in the curve's
    last two months, 34.375 : 15.625:

    >>> remaining_investment(np.arange(4), 0, 3, 5.0, 1)
    array([0.    , 0.    , 3.4375, 1.5625])
    """
    m = np.asarray(months, dtype=np.float64)
    s = np.asarray(start, dtype=np.float64)[..., None]
    f = np.asarray(finish, dtype=np.float64)[..., None]
    t0 = np.asarray(as_of, dtype=np.float64)[..., None]
    r = np.asarray(remaining, dtype=np.float64)[..., None]
    n = np.maximum(f - s + 1.0, 1.0)
    done = curve((t0 - s + 1.0) / n)
    left = 1.0 - done
    w = s_curve_increments(m, s, f, curve)
    w = np.where(m > t0, w, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(left > 1e-12, r * w / left, 0.0)
    return out


def output_ramp(months: ArrayLike, production: ArrayLike, ramp_months: float) -> FloatArray:
    """Share of capacity reached in each month after production starts [0-1].

    Notes
    -----
    Linear to full capacity over ``N = ramp_months`` months (an assumption; new plants
    typically need one to three quarters to reach design output):

    .. math:: \\rho_m = \\min\\left(1, \\max\\left(0, \\frac{m - P + 1}{N}\\right)\\right)

    Examples
    --------
    Production starting in month 10 with a 6-month ramp:

    >>> output_ramp([9, 10, 11, 16], 10, 6).round(4)
    array([0.    , 0.1667, 0.3333, 1.    ])
    """
    m = np.asarray(months, dtype=np.float64)
    p = np.asarray(production, dtype=np.float64)
    n = max(float(ramp_months), 1.0)
    return np.clip((m - p + 1.0) / n, 0.0, 1.0)


# ----------------------------------------------------------------------------- timing
def _weights(values: Sequence[float]) -> FloatArray:
    return np.asarray(values, dtype=np.float64)


def even_profile(months: int) -> FloatArray:
    """Equal shares over ``months`` months."""
    return np.full(int(months), 1.0 / int(months))


def front_loaded_profile(months: int) -> FloatArray:
    """Linearly declining shares ``N, N-1, …, 1`` (normalised) over ``N`` months.

    Examples
    --------
    >>> front_loaded_profile(3).round(4)
    array([0.5   , 0.3333, 0.1667])
    """
    n = int(months)
    w = np.arange(n, 0, -1, dtype=np.float64)
    return w / w.sum()


def s_curve_profile(months: int) -> FloatArray:
    """Shares following the :func:`smoothstep` S-curve over ``months`` months."""
    return s_curve_increments(np.arange(int(months)), 0, int(months) - 1)


TIMING_SHAPES: dict[str, Callable[[int], FloatArray]] = {
    "even": even_profile,
    "front_loaded": front_loaded_profile,
    "s_curve": s_curve_profile,
}
"""Registry of timing-profile shapes by name (``weights`` gives them explicitly)."""


def timing_profile(
    shape: str, months: int = 1, lag_months: int = 0, weights: Sequence[float] = ()
) -> FloatArray:
    """Share of a lever's effect landing in each month after it starts [0-1], summing to 1.

    Parameters
    ----------
    shape
        A name of :data:`TIMING_SHAPES` or ``"weights"`` (then ``weights`` is used as given).
    months
        Number of months over which the effect lands (ignored for ``weights``).
    lag_months
        Months with no effect before the profile begins.

    Examples
    --------
    >>> timing_profile("even", 2, lag_months=1)
    array([0. , 0.5, 0.5])
    """
    w = _weights(weights) if shape == "weights" else TIMING_SHAPES[shape](months)
    return np.concatenate([np.zeros(int(lag_months)), w])


def share_this_year(profile: ArrayLike, start_month: ArrayLike, last_month: int = 12) -> FloatArray:
    """Share of the effect landing from ``start_month`` to ``last_month`` (calendar months).

    Notes
    -----
    :math:`s = \\sum_{k=0}^{12 - m_0} w_k` for a start in calendar month :math:`m_0`.

    Examples
    --------
    Vouchers spent 70% in the month of issue and 30% the month after, issued in November and
    in December:

    >>> share_this_year([0.7, 0.3], [11, 12]).round(6)
    array([1. , 0.7])
    """
    w = np.asarray(profile, dtype=np.float64)
    cum = np.concatenate([[0.0], np.cumsum(w)])
    months_left = np.clip(last_month - np.asarray(start_month) + 1, 0, len(w))
    return np.asarray(cum[months_left], dtype=np.float64)


# ----------------------------------------------------------------------------- delays
def correlated_normals(common: ArrayLike, own: ArrayLike, rho: float) -> FloatArray:
    """Standard normals with pairwise correlation ``rho`` through one common factor.

    Notes
    -----
    :math:`x_{dp} = \\sqrt{\\rho}\\, z_d + \\sqrt{1 - \\rho}\\, \\varepsilon_{dp}`, with
    ``common`` (draws,) the common factor :math:`z` and ``own`` (draws × projects) the
    project-specific :math:`\\varepsilon`; any two projects' latent delays then correlate
    with coefficient :math:`\\rho`.
    """
    z = np.asarray(common, dtype=np.float64)[:, None]
    e = np.asarray(own, dtype=np.float64)
    return np.sqrt(rho) * z + np.sqrt(1.0 - rho) * e


def gamma_delays(latent: ArrayLike, mean: ArrayLike, sd: ArrayLike) -> FloatArray:
    """Delays [months] from standard-normal ``latent`` draws, gamma-distributed per project.

    Parameters
    ----------
    latent
        Standard normal draws (draws × projects), e.g. from :func:`correlated_normals`.
    mean, sd
        Mean and standard deviation of each project's delay [months] (projects,); a zero mean
        gives no delay.

    Notes
    -----
    A Gaussian copula: :math:`D = F^{-1}_{\\Gamma(k, \\theta)}(\\Phi(x))` with shape
    :math:`k = (\\mu/\\sigma)^2` and scale :math:`\\theta = \\sigma^2/\\mu`, so each delay has
    the given mean and spread, is never negative and is right-skewed (slips are more likely
    than early finishes, and long slips happen).
    """
    x = np.asarray(latent, dtype=np.float64)
    mu = np.broadcast_to(np.asarray(mean, dtype=np.float64), x.shape[-1:])
    sigma = np.broadcast_to(np.asarray(sd, dtype=np.float64), x.shape[-1:])
    out = np.zeros_like(x)
    u = special.ndtr(x)
    for j in np.flatnonzero(mu > 0):
        if sigma[j] <= 0:
            out[:, j] = mu[j]
            continue
        shape = (mu[j] / sigma[j]) ** 2
        scale = sigma[j] ** 2 / mu[j]
        out[:, j] = stats.gamma.ppf(u[:, j], shape, scale=scale)
    return out


def interpolate_table(table: ArrayLike, shift: ArrayLike, offset: int) -> FloatArray:
    """Linear interpolation of per-project tables at real-valued shifts.

    Parameters
    ----------
    table
        Values at whole-month shifts (projects × shifts × outputs); column ``j`` holds the
        shift ``j − offset``.
    shift
        Shifts [months] (draws × projects), real-valued; clipped to the table's range.
    offset
        Index of the zero shift.

    Returns
    -------
    numpy.ndarray
        (draws × projects × outputs).
    """
    t = np.asarray(table, dtype=np.float64)
    k = np.clip(np.asarray(shift, dtype=np.float64) + offset, 0.0, t.shape[1] - 1.0)
    i0 = np.minimum(np.floor(k).astype(np.intp), t.shape[1] - 2)
    frac = (k - i0)[..., None]
    p = np.arange(t.shape[0])[None, :]
    lo = t[p, i0]
    hi = t[p, i0 + 1]
    return np.asarray(lo + frac * (hi - lo), dtype=np.float64)
