"""Where a whole's shortfall against its target comes from, and what would close it.

:func:`shortfall_by_industry` splits the whole's shortfall [亿元 at current prices] into its
industries so that the parts add up to the whole exactly; :func:`q4_source_growth_required`
gives the fourth-quarter growth one industry's source indicator (推算指标) would alone need to
close the whole's gap. Arrays broadcast; the industries' axis is a keyword (``-2`` by default, as
in :mod:`sprintmodel.accounts.build`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import ArrayLike

from sprintmodel.accounts.build import INDUSTRY_AXIS, _aligned, _taking_part, _weighted_growth
from sprintmodel.ytd import FloatArray, _as_float


@dataclass(frozen=True, eq=False)
class Shortfall:
    """A whole's shortfall against its target and its split by industry.

    Built by :func:`shortfall_by_industry`. :attr:`total` is computed on the whole (cheap on
    draws × units); :attr:`by_industry` on first use.

    Attributes
    ----------
    base
        Each industry's base, last year's value added over the span [亿元] (0 where the
        industry is absent from the whole), the industries on :attr:`axis`.
    growth
        Each industry's real growth over the span [%] (0 where absent).
    target_growth
        The whole's target [%], shaped like the whole.
    built_growth
        The whole's growth built from the industries [%].
    whole_growth
        The whole's growth the shortfall is measured on [%] (published or projected; the built
        growth where none is given).
    price_ratio
        This year's price level over last year's for the whole [1].
    axis
        The industries' axis.
    """

    base: FloatArray
    growth: FloatArray
    target_growth: FloatArray
    built_growth: FloatArray
    whole_growth: FloatArray
    price_ratio: FloatArray
    axis: int

    @cached_property
    def whole_base(self) -> FloatArray:
        """The whole's base, :math:`B = \\sum_i B_i` [亿元]."""
        return np.sum(self.base, axis=self.axis)

    @cached_property
    def total(self) -> FloatArray:
        """The whole's shortfall :math:`S = P B (G - G^*) / 100` [亿元 at current prices].

        Negative = short. Equal to the sum of :attr:`by_industry` (up to floating point).
        """
        return self.price_ratio * self.whole_base * (self.whole_growth - self.target_growth) / 100

    @cached_property
    def by_industry(self) -> FloatArray:
        """Each industry's part :math:`s_i = P B_i (g_i + d - G^*) / 100` [亿元 at current prices].

        Negative = short (the industry drags the whole below target), the industries on
        :attr:`axis`.
        """
        d = np.expand_dims(self.whole_growth - self.built_growth - self.target_growth, self.axis)
        price = np.expand_dims(self.price_ratio, self.axis)
        return price * self.base * (self.growth + d) / 100.0

    @cached_property
    def discrepancy_value(self) -> FloatArray:
        """The part of :attr:`total` due to the whole's growth differing from the built growth.

        :math:`P B (G - \\hat G) / 100` [亿元 at current prices]; it is spread over the
        industries in proportion to their base (see :func:`shortfall_by_industry`).
        """
        return self.price_ratio * self.whole_base * (self.whole_growth - self.built_growth) / 100


def shortfall_by_industry(
    base_value: ArrayLike,
    growth: ArrayLike,
    target_growth: ArrayLike,
    *,
    whole_growth: ArrayLike | None = None,
    price_ratio: ArrayLike = 1.0,
    axis: int = INDUSTRY_AXIS,
) -> Shortfall:
    """The whole's shortfall against its growth target, split by industry [亿元].

    Parameters
    ----------
    base_value
        Each industry's value added over last year's span at current prices [亿元]: the full
        year for a full-year shortfall, January to the quarter end for a year-to-date one. The
        industries on ``axis``.
    growth
        Each industry's real growth over the span [%] (published year to date, or projected for
        the full year), same shape.
    target_growth
        The whole's growth target [%], shaped like the whole (the industries' axis removed).
    whole_growth
        The whole's own growth [%] (published or projected), shaped like the whole; default (or
        NaN): the growth built from the industries.
    price_ratio
        This year's price level over last year's for the whole, ``1 + deflator growth / 100``
        [1], shaped like the whole; it turns volumes at last year's prices into current prices.
        Default 1: the shortfall at last year's prices.
    axis
        The industries' axis.

    Returns
    -------
    Shortfall

    Notes
    -----
    With last year's value added :math:`B_i` (:math:`B = \\sum_i B_i`, weights
    :math:`w_i = B_i / B`), the industries' growth :math:`g_i`, the built growth
    :math:`\\hat G = \\sum_i w_i g_i`, the whole's growth :math:`G` (published or projected),
    its discrepancy :math:`d = G - \\hat G`, the target :math:`G^*` and the price ratio
    :math:`P`:

    .. math:: s_i = P\\,B_i\\,(g_i + d - G^*) / 100, \\qquad
              \\sum_i s_i = P\\,B\\,(G - G^*) / 100 = S.

    Each industry is measured against the whole's target rate: an industry growing at the
    target contributes nothing to the shortfall, one growing below it is short by its base ×
    the difference. The split adds up to the whole's shortfall exactly because the weights add
    up to 1; the discrepancy between the whole's growth and the built growth (rounding, or a
    whole not yet reconciled with its industries) is spread in proportion to the industries'
    base and reported as :attr:`Shortfall.discrepancy_value`. One price ratio (the whole's
    implicit deflator) values every industry's volume, so the parts add up at current prices
    too; valuing each at its own deflator would break the sum by the cross terms
    :math:`B_i (g_i - G^*)(P_i - P)`.

    The split is linear in the growth rates: over simulated draws (with :math:`B_i`, :math:`P`
    and :math:`G^*` fixed) the mean of :math:`s_i` is :math:`s_i` of the mean growth, so a
    projection's split by industry needs no per-draw array.

    References
    ----------
    The split is the weighted-sum identity of :func:`~sprintmodel.accounts.build.ytd_growth_built`
    (:math:`G - G^* = \\sum_i w_i (g_i - G^*)`); the bureau's accounts (分行业核算) supply
    :math:`B_i` and :math:`g_i`.

    Examples
    --------
    Industry 300 growing 5%, services 100 growing 9%, target 6.5%, prices up 2%: the whole
    grows 6% and is short 0.5% × 400 × 1.02 = 2.04; industry is short 4.59, services ahead 2.55.

    >>> s = shortfall_by_industry([300.0, 100.0], [5.0, 9.0], 6.5, price_ratio=1.02, axis=-1)
    >>> s.by_industry.round(4), float(s.total.round(4))
    (array([-4.59,  2.55]), -2.04)
    """
    b, g = _taking_part(*_aligned(base_value, growth))
    built = _weighted_growth(b, g, axis)
    given = built if whole_growth is None else _as_float(whole_growth)
    whole = np.where(np.isfinite(given), given, built)
    shape = whole.shape
    return Shortfall(
        b,
        g,
        np.array(np.broadcast_to(_as_float(target_growth), shape)),
        built,
        whole,
        np.array(np.broadcast_to(_as_float(price_ratio), shape)),
        axis,
    )


def q4_source_growth_required(
    shortfall_value: ArrayLike,
    q4_base: ArrayLike,
    elasticity: ArrayLike,
    baseline_growth: ArrayLike,
    *,
    price_ratio: ArrayLike = 1.0,
) -> FloatArray:
    """Q4 growth one industry's source indicator alone would need to close the whole's gap [%].

    Parameters
    ----------
    shortfall_value
        The whole's full-year shortfall [亿元 at current prices]; negative = short
        (:attr:`Shortfall.total`).
    q4_base
        The industry's value added in last year's fourth quarter at last year's current prices
        [亿元] (full year minus January–September).
    elasticity
        Percentage points of the industry's real value-added growth per percentage point of the
        source indicator's growth, in the same quarter [pp/pp] (e.g. 工业 on 规模以上工业增加值;
        see :mod:`sprintmodel.accounts.sources`).
    baseline_growth
        The source indicator's fourth-quarter growth on the same quarter of last year in the
        projection the shortfall comes from [%].
    price_ratio
        The whole's price ratio used for ``shortfall_value`` (see :func:`shortfall_by_industry`).

    Returns
    -------
    numpy.ndarray
        The source indicator's required Q4 growth [%]. Where the whole is ahead of target the
        result is below the baseline (how far the source could fall short and the target still
        hold). NaN where the elasticity or the base is zero or not finite (this source cannot
        close the gap).

    Notes
    -----
    Closing the gap needs a fourth-quarter volume gain of :math:`-S/P` at last year's prices from
    the industry alone, i.e. :math:`\\Delta q = -100\\,S / (P\\,b)` more points of its Q4 growth on
    last year's Q4 value added :math:`b`; with :math:`\\Delta q = \\varepsilon\\,\\Delta x`:

    .. math:: x^* = x_0 - \\frac{100\\,S}{P\\,\\varepsilon\\,b}.

    The elasticity is applied at the margin around the baseline (the intercept of the
    value-added-on-indicator relation cancels).

    Examples
    --------
    Short 2.04 亿元 (prices up 2%), the industry's Q4 last year 80, elasticity 0.8, retail sales
    projected +4% in Q4: the industry needs 2.5 pp more, retail sales 3.125 pp more.

    >>> float(q4_source_growth_required(-2.04, 80.0, 0.8, 4.0, price_ratio=1.02))
    7.125
    """
    s = _as_float(shortfall_value)
    b = _as_float(q4_base)
    e = _as_float(elasticity)
    den = _as_float(price_ratio) * e * b
    ok = np.isfinite(den) & (den != 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        need = _as_float(baseline_growth) - 100.0 * s / np.where(ok, den, 1.0)
    return np.where(ok, need, np.nan)


def above_record(required_growth: ArrayLike, history: ArrayLike, *, axis: int = -1) -> np.ndarray:
    """Whether a required growth exceeds the highest growth the series ever had.

    Parameters
    ----------
    required_growth
        Required growth [%], shaped like ``history`` without ``axis``.
    history
        The series' past growth over the same span (e.g. every past fourth quarter) [%], NaN
        where not published.
    axis
        The axis of ``history`` running over the past.

    Returns
    -------
    numpy.ndarray of bool
        True where the requirement is above the record; False where it is not, where it is NaN
        or where there is no history.

    Examples
    --------
    >>> above_record([11.0, 12.0], [[8.0, 10.5, 9.0], [11.0, 13.0, float("nan")]])
    array([ True, False])
    """
    h = _as_float(history)
    req = _as_float(required_growth)
    has = np.isfinite(h).any(axis=axis)
    record = np.nanmax(np.where(np.isfinite(h), h, -np.inf), axis=axis)
    with np.errstate(invalid="ignore"):
        return np.asarray(has & np.isfinite(req) & (req > record))
