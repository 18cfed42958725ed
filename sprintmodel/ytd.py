"""Year-to-date arithmetic: cumulative ↔ single-period values and growth.

Chinese statistics are published as year-to-date (累计) values and year-to-date growth on the same
period of last year. Every function here works on numpy arrays whose **last axis** runs over the
periods of one year (4 quarters or 12 months); leading axes (draws, units, years) broadcast. NaN
means "not published" and propagates, except that a year may start late: offices often publish
January and February together, so a series whose first value of the year is at month 2 treats
that value as the single-period value of its first span.

All growth rates are in percent [%]; values keep the indicator's measure (e.g. [亿元]). Nothing is
rounded: published growth is rounded to 0.1, so round only for display.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def _as_float(x: ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def _started_before(values: FloatArray) -> NDArray[np.bool_]:
    """True at position k where some value before k (within the year) is not NaN."""
    seen = np.maximum.accumulate(~np.isnan(values), axis=-1)
    before = np.zeros_like(seen)
    before[..., 1:] = seen[..., :-1]
    return before


def single_from_ytd(ytd: ArrayLike) -> FloatArray:
    """Single-period (当季/当月) values from year-to-date values.

    Parameters
    ----------
    ytd
        Year-to-date values, last axis = periods of one year [measure].

    Returns
    -------
    numpy.ndarray
        Same shape. ``single[k] = ytd[k] - ytd[k-1]``; the first published period of the year
        keeps its year-to-date value (so a Jan–Feb combined figure at month 2 is the single
        value of that two-month span). A gap (NaN before k after the year started) gives NaN.

    Examples
    --------
    >>> single_from_ytd([100.0, 210.0, 330.0, 460.0])
    array([100., 110., 120., 130.])
    """
    y = _as_float(ytd)
    prev = np.zeros_like(y)
    prev[..., 1:] = y[..., :-1]
    prev = np.where(_started_before(y), prev, 0.0)
    return y - prev


def ytd_from_single(single: ArrayLike) -> FloatArray:
    """Year-to-date values from single-period values (the inverse of :func:`single_from_ytd`).

    Leading NaNs (a year that starts late) stay NaN and do not poison the sum; a NaN after the
    first value makes every later year-to-date value NaN.

    Examples
    --------
    >>> ytd_from_single([100.0, 110.0, 120.0, 130.0])
    array([100., 210., 330., 460.])
    """
    s = _as_float(single)
    leading = ~_started_before(s) & np.isnan(s)
    out = np.cumsum(np.where(leading, 0.0, s), axis=-1)
    return np.where(leading, np.nan, out)


def growth_rate(value: ArrayLike, base: ArrayLike) -> FloatArray:
    """Growth of ``value`` on ``base`` [%]: ``(value / base - 1) × 100``.

    Zero or negative bases give NaN (growth on a non-positive base is not defined).
    """
    v, b = np.broadcast_arrays(_as_float(value), _as_float(base))
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (v / b - 1.0) * 100.0
    return np.where(b > 0, out, np.nan)


def volume_at_last_year_prices(last_year_value: ArrayLike, real_growth: ArrayLike) -> FloatArray:
    """This year's volume valued at last year's prices [measure].

    Notes
    -----
    For ``real`` indicators (GDP, industrial value added) growth is at comparable prices, so

    .. math:: V_t = Y_{t-1} \\, (1 + g_t / 100)

    where :math:`Y_{t-1}` is last year's value of the same span at current prices and
    :math:`g_t` the published real growth. This is how the NBS computes contributions and
    single-quarter growth from year-to-date data (the data contract, ``basis = real``).
    """
    return _as_float(last_year_value) * (1.0 + _as_float(real_growth) / 100.0)


def single_growth_from_ytd(last_year_ytd: ArrayLike, ytd_growth: ArrayLike) -> FloatArray:
    """Single-period growth [%] from last year's year-to-date values and this year's ytd growth.

    Parameters
    ----------
    last_year_ytd
        Last year's year-to-date values of the same spans [measure] (current prices of last
        year, i.e. the base of this year's growth).
    ytd_growth
        This year's year-to-date growth [%] (real for ``real`` indicators).

    Notes
    -----
    With :math:`V_k = Y_{t-1,k}(1+g_k/100)` the year-to-date volume, the single-period growth is

    .. math:: q_k = \\frac{V_k - V_{k-1}}{Y_{t-1,k} - Y_{t-1,k-1}} - 1.

    Examples
    --------
    Last year 100 per quarter; this year 5% in Q1 and 6% year to date in H1, so Q2 grew 7%:

    >>> single_growth_from_ytd([100.0, 200.0], [5.0, 6.0]).round(6)
    array([5., 7.])
    """
    base = _as_float(last_year_ytd)
    volume = volume_at_last_year_prices(base, ytd_growth)
    return growth_rate(single_from_ytd(volume), single_from_ytd(base))


def ytd_growth_from_single(last_year_single: ArrayLike, single_growth: ArrayLike) -> FloatArray:
    """Year-to-date growth [%] from single-period growth, weighted by last year's single values.

    The inverse of :func:`single_growth_from_ytd`:
    :math:`g_k = \\sum_{j\\le k} Y_{t-1,j}(1+q_j/100) / \\sum_{j\\le k} Y_{t-1,j} - 1`.

    Examples
    --------
    >>> ytd_growth_from_single([100.0, 100.0], [5.0, 7.0]).round(6)
    array([5., 6.])
    """
    base = _as_float(last_year_single)
    volume = volume_at_last_year_prices(base, single_growth)
    return growth_rate(ytd_from_single(volume), ytd_from_single(base))


def comparable_base(this_year_value: ArrayLike, published_growth: ArrayLike) -> FloatArray:
    """Last year's level on a comparable base [measure]: ``value / (1 + growth/100)``.

    Statistics offices revise last year's level (enterprises enter or leave the survey, data
    are verified) and publish growth on the revised base, so published growth need not equal the
    ratio of published levels. The base implied by the published growth is the comparable one;
    use it, not last year's published level, to derive amounts and required growth.

    Examples
    --------
    >>> float(comparable_base(105.0, 5.0))
    100.0
    """
    return _as_float(this_year_value) / (1.0 + _as_float(published_growth) / 100.0)
