"""Increment, contribution rate and pulling rate of a part to its whole (比增量、比贡献、拉动).

A district's (or an industry's) share in the growth of the city (or of GDP). All functions are
pure and broadcast over numpy arrays. :func:`contributions` applies the bureau's rule for the
denominator: the sum of the members' increments where the members partition the whole, the
whole's own increment where they do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from sprintmodel.ytd import FloatArray, _as_float


def increment(value: ArrayLike, base: ArrayLike) -> FloatArray:
    """Increment of a nominal indicator [measure]: ``Y_t - Y_{t-1}``."""
    return _as_float(value) - _as_float(base)


def real_increment(last_year_value: ArrayLike, real_growth: ArrayLike) -> FloatArray:
    """Increment at last year's prices [measure]: ``Y_{t-1} × g / 100``.

    For ``real`` indicators the increment is a volume: last year's value (current prices of
    last year) times this year's real growth. This is the increment the NBS uses for its
    contribution rates.
    """
    return _as_float(last_year_value) * _as_float(real_growth) / 100.0


def contribution_rate(part_increment: ArrayLike, whole_increment: ArrayLike) -> FloatArray:
    """Contribution rate of a part to the whole's growth [%] (贡献率).

    Notes
    -----
    .. math:: c_i = 100 \\, \\Delta_i / \\Delta

    where :math:`\\Delta_i` is the part's increment and :math:`\\Delta` the whole's (both at last
    year's prices for real indicators). Contributions of the parts of an additive whole sum to
    100. A whole whose increment is near zero makes the rates explode; rank by
    :func:`pulling_rate` then. A zero whole increment gives NaN.

    References
    ----------
    NBS, 《中国统计年鉴》, 主要统计指标解释: 贡献率 = 某因素增量 / 总增量 × 100%.
    """
    p, w = np.broadcast_arrays(_as_float(part_increment), _as_float(whole_increment))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = 100.0 * p / w
    return np.where(w != 0, out, np.nan)


def pulling_rate(part_increment: ArrayLike, whole_base: ArrayLike) -> FloatArray:
    """Pulling rate (拉动) of a part on the whole's growth [pp].

    Notes
    -----
    .. math:: \\ell_i = 100 \\, \\Delta_i / Y_{t-1}

    with :math:`Y_{t-1}` the whole's base. Pulling rates of the parts of an additive whole sum
    to the whole's growth; ``pulling = contribution × whole growth / 100``.
    """
    p, w = np.broadcast_arrays(_as_float(part_increment), _as_float(whole_base))
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 100.0 * p / w
    return np.where(w != 0, out, np.nan)


ContributionBasis = Literal["members", "whole"]
"""The denominator of a contribution rate: ``"members"``, the sum of the members' increments
(the members partition the whole: industries of GDP, rollup districts of a city); ``"whole"``,
the whole's own increment (members that do not partition it: parks, 本级)."""


@dataclass(frozen=True, eq=False)
class Contributions:
    """Contribution and pulling rates of the members of one or many wholes (arrays broadcast).

    Attributes
    ----------
    rate_pct
        Contribution rate of each member [%], the members on ``axis``.
    pulling_pp
        Pulling rate (拉动) of each member [pp].
    basis
        Which denominator was used: ``"members"`` or ``"whole"`` (see :data:`ContributionBasis`).
    denominator
        The increment divided by [measure; last year's prices for real indicators], shaped like
        the whole (the members' axis removed).
    axis
        The members' axis of :attr:`rate_pct` and :attr:`pulling_pp`.
    """

    rate_pct: FloatArray
    pulling_pp: FloatArray
    basis: ContributionBasis
    denominator: FloatArray
    axis: int


def contributions(
    member_increment: ArrayLike,
    whole_base: ArrayLike,
    whole_growth: ArrayLike,
    *,
    partition: bool,
    axis: int = -1,
) -> Contributions:
    """Contribution rates (贡献率) and pulling rates (拉动) as the statistics bureau computes them.

    Parameters
    ----------
    member_increment
        Each member's increment [measure] (at last year's prices for real indicators, see
        :func:`real_increment`), the members on ``axis``. NaN members (not published) are left
        out of the sum of increments.
    whole_base
        The whole's base, last year's value of the same span [measure], shaped like the members'
        array without ``axis`` (or broadcastable to it).
    whole_growth
        The whole's own (published) growth [%], same shape as ``whole_base``.
    partition
        True where the members partition the whole (industries of GDP; units whose ``rollup``
        says they make up their parent): the denominator is then the sum of the members'
        increments. False where they do not (parks overlapping districts, a list of selected
        members): the whole's own increment ``whole_base × whole_growth / 100``.
    axis
        The members' axis of ``member_increment``.

    Returns
    -------
    Contributions
        Rates [%], pulling rates [pp], the basis used and the denominator.

    Notes
    -----
    With member increments :math:`\\Delta_i`, the whole's base :math:`B` and growth :math:`G`:

    - members partition the whole (``basis = "members"``):
      :math:`c_i = 100\\,\\Delta_i / \\sum_j \\Delta_j` and :math:`\\ell_i = c_i\\,G / 100`, so the
      rates add up to 100 and the pulling rates to the whole's published growth exactly, and a
      rounded published growth near zero cannot blow the rates up (China 2020Q3: GDP +0.6%,
      published to 0.1; the whole's own increment puts the industries up to 32 pp off the
      published rates, the members' sum within 0.3 pp);
    - otherwise (``basis = "whole"``): :math:`c_i = 100\\,\\Delta_i / (B\\,G/100)` and
      :math:`\\ell_i = 100\\,\\Delta_i / B` (equal to :math:`c_i G / 100` too).

    A zero denominator gives NaN rates; the pulling rate then falls back to
    :math:`100\\,\\Delta_i / B`.

    References
    ----------
    NBS, 《中国统计年鉴》, 主要统计指标解释: 贡献率指三次产业或主要行业增加值增量与生产总值增量之比
    (按不变价格计算); the provincial yearbooks' tables 三次产业对经济增长的贡献及拉动 give
    拉动(百分点) = 贡献率 × 生产总值增长率 (e.g. 《福建统计年鉴2020》表2-7). Reproduction of the
    NBS's quarterly rates: ``tests/test_accounts.py``.

    Examples
    --------
    Two industries of a GDP that grew 0.1% as published (rounded) while the increments add up
    to 1.2 on a base of 1000:

    >>> c = contributions([1.5, -0.3], 1000.0, 0.1, partition=True)
    >>> c.rate_pct.round(6), c.pulling_pp.round(6), c.basis
    (array([125., -25.]), array([ 0.125, -0.025]), 'members')
    >>> contributions([1.5, -0.3], 1000.0, 0.1, partition=False).rate_pct.round(6)
    array([150., -30.])
    """
    inc = np.moveaxis(_as_float(member_increment), axis, -1)
    base = _as_float(whole_base)[..., None]
    growth = _as_float(whole_growth)[..., None]
    if partition and not np.isnan(inc).any():
        den = np.sum(inc, axis=-1, keepdims=True)
    elif partition:
        present = np.isfinite(inc).any(axis=-1, keepdims=True)
        den = np.where(present, np.nansum(inc, axis=-1, keepdims=True), np.nan)
    else:
        den = base * growth / 100.0
    rate = contribution_rate(inc, den)
    direct = pulling_rate(inc, base)
    pull = np.where(np.isfinite(rate) & np.isfinite(growth), rate * growth / 100.0, direct)
    den_b = np.broadcast_to(den, np.broadcast_shapes(den.shape, base.shape, growth.shape))
    return Contributions(
        np.moveaxis(rate, -1, axis),
        np.moveaxis(pull, -1, axis),
        "members" if partition else "whole",
        np.array(den_b[..., 0]),
        axis,
    )
