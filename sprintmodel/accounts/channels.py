"""How a change in a source indicator reaches an industry's value added (levers → GDP).

Levers and projects move source indicators (vouchers → retail sales, special bonds → investment
and construction output, enterprise task forces → above-scale industry). The bureau's accounts
turn the source's growth into the industry's real growth through an elasticity; this module
gives the resulting linear coefficient, 亿元 of value added per 亿元 of the source indicator, so
that a scenario engine can carry a lever's draws to GDP through the industries instead of a
fixed conversion factor. It is the inverse of
:func:`~sprintmodel.accounts.shortfall.q4_source_growth_required`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from sprintmodel.ytd import FloatArray, _as_float


def value_added_per_source(
    industry_base: ArrayLike,
    source_base: ArrayLike,
    elasticity: ArrayLike,
    *,
    source_price_ratio: ArrayLike = 1.0,
) -> FloatArray:
    """Value added an industry gains per 亿元 more of its source indicator, same span [1].

    Parameters
    ----------
    industry_base
        The industry's value added over last year's span (the rest of the year: Q4) at last
        year's current prices [亿元].
    source_base
        The source indicator over last year's same span [its measure, e.g. 亿元].
    elasticity
        pp of the industry's real value-added growth per pp of the source's real growth
        [pp/pp].
    source_price_ratio
        The source's price level over last year's (``1 + deflator growth / 100``) for nominal
        sources, 1 for volumes [1].

    Returns
    -------
    numpy.ndarray
        :math:`c = \\varepsilon\\, b / (P_x X)`: 亿元 of value added at last year's prices per
        unit of the source at current prices. NaN where the source's base is zero or not
        finite.

    Notes
    -----
    One more unit :math:`\\Delta X` of the source (current prices) raises its real growth over
    the span by :math:`100\\,\\Delta X / (P_x X)` pp, the industry's by :math:`\\varepsilon` times
    that, and the industry's volume by :math:`b` times the industry's change / 100:

    .. math:: \\Delta V = \\varepsilon\\, b\\, \\Delta X / (P_x X) = c\\, \\Delta X.

    Summed over the industries a source feeds, :math:`\\sum_i c_i` is the source's
    contribution to GDP per unit (what the fixed bridges of ``levers.yaml`` assume today), now
    specific to each unit's industry structure.

    Examples
    --------
    Retail sales of 400 亿元 last Q4 (prices up 1%) feed trade whose Q4 value added was 80 亿元,
    elasticity 0.66: 1 亿元 more of sales adds 0.66 × 80 / (1.01 × 400) ≈ 0.131 亿元.

    >>> round(float(value_added_per_source(80.0, 400.0, 0.66, source_price_ratio=1.01)), 4)
    0.1307
    """
    b = _as_float(industry_base)
    x = _as_float(source_base) * _as_float(source_price_ratio)
    ok = np.isfinite(x) & (x != 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = _as_float(elasticity) * b / np.where(ok, x, 1.0)
    return np.where(ok, c, np.nan)
