"""Forecast methods: each predicts the rest-of-year growth from history, by name.

Every method is a pure function ``method(block, k) -> rest`` mapping a
:class:`~sprintmodel.forecast.block.SeriesBlock` and a period index ``k`` (0-based: 2 is Q3 or
March) to the rest-of-year growth ``rest[u, y]`` [%] forecast **as of period k of year y**, for
every unit and every year at once (rolling origins). A forecast for origin ``(y, k)`` uses only
data published up to ``(y, k)``: the rows of years before ``y`` and periods ``0..k`` of year
``y``. NaN means "the method cannot say" (too little history); the caller then falls back.

The full-year growth follows from the rest-of-year growth ``r`` as
:func:`~sprintmodel.forecast.block.fy_growth_from_rest`, ``G = s g_k + (1 - s) r``.

Methods are looked up by name in :data:`METHODS` (aliases in :data:`ALIASES`); a callable with
the same signature may be passed wherever a name is accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sprintmodel.errors import InputError
from sprintmodel.forecast.block import SeriesBlock, rest_from_fy_growth
from sprintmodel.forecast.models import arima_growth, ets_growth, ets_level, uc_growth
from sprintmodel.ytd import FloatArray

MethodFunc = Callable[[SeriesBlock, int], FloatArray]

SHARE_YEARS = 3
"""Years averaged by :func:`seasonal_share` [years]. An assumption: three years smooth one
year's noise in the seasonal pattern while still following its drift (statistical offices' own
seasonal factors are re-estimated over similar windows)."""

BIAS_YEARS = 5
"""Past years averaged by :func:`drift` [years]; an assumption (a five-year plan's span)."""

MOMENTUM_PERIODS = {"Q": 1, "M": 3}
"""Periods in the "latest single quarter" of :func:`momentum`: one quarter, or three months."""


def _nanmean_rows(a: FloatArray, n_rows: int) -> FloatArray:
    """Row means ignoring NaN (NaN for rows without values), without warnings."""
    if a.shape[1] == 0:
        return np.full(n_rows, np.nan)
    count = np.sum(~np.isnan(a), axis=1)
    total = np.nansum(a, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def ratio_rule(block: SeriesBlock, k: int) -> FloatArray:
    """The planners' ratio rule: the rest of the year grows like the year to date [%].

    Notes
    -----
    "Full year = year to date × last year's full year ÷ last year's year to date" gives

    .. math:: \\hat Y = Y_{t,k}\\,\\frac{Y_{t-1}}{Y_{t-1,k}} \\;\\Rightarrow\\; r = g_k,

    and on the comparable base (:attr:`SeriesBlock.base_full`) it is the same forecast as
    "full-year growth = year-to-date growth": :math:`\\hat G = g_k`. It is therefore one method
    under two names (``ratio`` and ``naive``), the yardstick of every backtest.
    """
    return block.growth[:, :, k].copy()


def momentum(block: SeriesBlock, k: int) -> FloatArray:
    """The rest of the year grows like the latest single quarter [%].

    Notes
    -----
    :math:`r = q_k`, the growth of the latest quarter (three months for monthly series) on the
    same span of last year, from year-to-date volumes
    (:meth:`SeriesBlock.window_growth`). In the first quarter it is the year-to-date growth.
    """
    return block.window_growth(k, MOMENTUM_PERIODS[block.freq])


def seasonal_share(block: SeriesBlock, k: int, years: int = SHARE_YEARS) -> FloatArray:
    """Full year = year to date × the average full-year ÷ year-to-date ratio of past years.

    Notes
    -----
    .. math:: \\hat Y_t = Y_{t,k} \\; \\frac{1}{n} \\sum_{j=1}^{n} \\frac{Y_{t-j}}{Y_{t-j,k}}

    over the last ``n`` = :data:`SHARE_YEARS` years with both values published (ratios of
    published current-price values; for ``real`` indicators this carries past years' within-year
    price movements, a small approximation). With ``n = 1`` it is the ratio rule. Needs at least
    two past years; NaN otherwise.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = block.value[:, :, -1] / block.value[:, :, k]
    ratio = np.where(np.isfinite(ratio) & (ratio > 0), ratio, np.nan)
    n_units, n_years = ratio.shape
    mean = np.full((n_units, n_years), np.nan)
    for y in range(n_years):
        past = ratio[:, max(0, y - years) : y]
        count = np.sum(~np.isnan(past), axis=1)
        m = _nanmean_rows(past, n_units)
        mean[:, y] = np.where(count >= 2, m, np.nan)
    level = block.level[:, :, k]
    with np.errstate(divide="ignore", invalid="ignore"):
        fy = 100.0 * (level * mean / block.base_full[:, :, k] - 1.0)
    return rest_from_fy_growth(block.share[:, :, k], block.growth[:, :, k], fy)


def drift(block: SeriesBlock, k: int, years: int = BIAS_YEARS) -> FloatArray:
    """Year-to-date growth plus the average past gap between the rest of the year and it [%].

    Notes
    -----
    .. math:: r = g_k + \\frac{1}{n}\\sum_{j=1}^{n} (r_{t-j} - g_{t-j,k})

    over the last ``n`` = :data:`BIAS_YEARS` years with data (at least two). It corrects a
    persistent difference between the fourth quarter and the first three (a calendar or
    reporting effect) that the ratio rule leaves in.
    """
    gap = block.rest_growth_actual(k) - block.growth[:, :, k]
    n_units, n_years = gap.shape
    out = np.full((n_units, n_years), np.nan)
    for y in range(n_years):
        past = gap[:, max(0, y - years) : y]
        count = np.sum(~np.isnan(past), axis=1)
        m = _nanmean_rows(past, n_units)
        out[:, y] = np.where(count >= 2, m, np.nan)
    return block.growth[:, :, k] + out


@dataclass(frozen=True)
class Method:
    """A registered forecast method.

    Attributes
    ----------
    name
        Registry name.
    func
        ``func(block, k) -> rest`` (units × years) [%].
    description
        One line for tables and help.
    baseline
        A planners' rule kept as a yardstick.
    combine
        Included in the default combination.
    """

    name: str
    func: MethodFunc
    description: str
    baseline: bool = False
    combine: bool = True


METHODS: dict[str, Method] = {}
"""Registry of forecast methods by name."""

ALIASES: dict[str, str] = {
    "naive": "ratio",
    "ratio_rule": "ratio",
    "ytd_growth": "ratio",
    "share": "seasonal_share",
    "combo": "combination",
}
"""Other names accepted for registered methods."""


def register(method: Method) -> Method:
    """Add ``method`` to :data:`METHODS` (replacing one of the same name) and return it."""
    METHODS[method.name] = method
    return method


register(
    Method(
        "ratio",
        ratio_rule,
        "ratio rule = full-year growth equals year-to-date growth (planners' rule)",
        baseline=True,
    )
)
register(Method("momentum", momentum, "rest of year grows like the latest quarter"))
register(
    Method("seasonal_share", seasonal_share, f"year to date × {SHARE_YEARS}-year full/ytd ratio")
)
register(Method("drift", drift, f"ratio rule + {BIAS_YEARS}-year mean Q4-vs-ytd gap"))
register(Method("ets", ets_growth, "statsmodels ETS(A,N,N) on single-period growth"))
register(
    Method(
        "arima", arima_growth, "statsmodels SARIMAX AR(1) on single-period growth", combine=False
    )
)
register(
    Method("uc", uc_growth, "statsmodels local-level model on single-period growth", combine=False)
)
register(
    Method(
        "ets_level",
        ets_level,
        "statsmodels Holt-Winters on log chained quarterly volumes",
        combine=False,
    )
)


def resolve(name: str) -> str:
    """Canonical registry name of ``name`` (aliases resolved); InputError if unknown."""
    key = ALIASES.get(name, name)
    if key == "combination" or key in METHODS:
        return key
    known = ", ".join(["combination", *METHODS, *ALIASES])
    raise InputError(f"unknown forecast method {name!r}; choose one of: {known}")


def combination_members() -> tuple[str, ...]:
    """Names of the registered methods that enter the combination by default."""
    return tuple(name for name, m in METHODS.items() if m.combine)
