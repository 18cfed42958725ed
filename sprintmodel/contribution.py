"""Increment, contribution rate and pulling rate of a part to its whole (比增量、比贡献、拉动).

A district's (or an industry's) share in the growth of the city (or of GDP). All functions are
pure and broadcast over numpy arrays.
"""

from __future__ import annotations

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
