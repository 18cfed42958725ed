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

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from sprintmodel.errors import InputError
from sprintmodel.forecast.block import SeriesBlock, rest_from_fy_growth
from sprintmodel.forecast.models import arima_growth, ets_growth, ets_level, uc_growth
from sprintmodel.forecast.momentum import momentum
from sprintmodel.forecast.pooled import pooled_regression
from sprintmodel.notes import Note
from sprintmodel.ytd import FloatArray

MethodFunc = Callable[[SeriesBlock, int], FloatArray]

SHARE_YEARS = 3
"""Years averaged by :func:`seasonal_share` [years]. An assumption: three years smooth one
year's noise in the seasonal pattern while still following its drift (statistical offices' own
seasonal factors are re-estimated over similar windows)."""

BIAS_YEARS = 5
"""Past years averaged by :func:`drift` [years]; an assumption (a five-year plan's span)."""


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
    fy = _seasonal_share_growth(block, k, years)
    return rest_from_fy_growth(block.share[:, :, k], block.growth[:, :, k], fy)


def _seasonal_share_growth(block: SeriesBlock, k: int, years: int = SHARE_YEARS) -> FloatArray:
    """Full-year growth [%] of :func:`seasonal_share` (units × years)."""
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
        return 100.0 * (level * mean / block.base_full[:, :, k] - 1.0)


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


STEP_ALPHAS = np.round(np.arange(0.05, 1.0001, 0.05), 2)
"""Grid of smoothing weights searched by :func:`seasonal_step` [1]."""

STEP_MIN_ERRORS = 8
"""Fewest past one-step errors (units × years) before :func:`seasonal_step` estimates its
smoothing weight [count]; an assumption (as :data:`~sprintmodel.forecast.models.MIN_OBS`)."""


def _step_changes(block: SeriesBlock, k: int, base: FloatArray) -> FloatArray:
    """The yearly change of the log seasonal step ``D`` (units × years) around a base method.

    ``D_t = log(1 + r_t/100) - log(1 + b_t/100)``, with ``r`` the actual rest-of-year growth
    (NaN for the year being forecast) and ``b`` the base method's rest-of-year growth
    (momentum's window growth for :func:`seasonal_step`, the year-to-date growth for
    :func:`share_step`).
    """
    r = block.rest_growth_actual(k)
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.log1p(r / 100.0) - np.log1p(base / 100.0)
    return np.where(np.isfinite(d), d, np.nan)


def _smoothed_step_forecasts(d: FloatArray, alphas: FloatArray) -> FloatArray:
    """One-step forecasts of ``D`` for every smoothing weight (alphas × units × years).

    The step path ``S`` is the cumulated ``D`` (from 0 the year before its first value) and is
    filtered as a local level observed with noise, ``S_t = μ_t + ε_t``, ``μ_{t+1} = μ_t + η_t``,
    with signal-to-noise ratio ``q = α² / (1 - α)``: ``l_t = l_{t-1} + k_t (S_t - l_{t-1})``, the
    Kalman gain ``k_t = p_t / (p_t + 1)``, ``p_{t+1} = k_t + q``, started diffuse at the first
    path value (``l = S_0``, ``p = 1 + q``). The gain falls from about 1/2 to its steady state
    ``α``, the gain of simple exponential smoothing, so a small ``α`` averages the first years
    nearly equally instead of keeping ``(1 - α)^n`` of the first one (Harvey 1989, s. 2.3; Durbin
    and Koopman 2012, *Time Series Analysis by State Space Methods*, 2nd ed., s. 2.9 and 5.2);
    ``α = 1`` (``q = ∞``) keeps the last value. The forecast of ``D_{t+1}`` is ``l_t - S_t``. A
    year without ``D`` breaks the path: the state restarts.
    """
    n_units, n_years = d.shape
    a = np.asarray(alphas, dtype=float)[:, None]
    with np.errstate(divide="ignore"):
        q = np.where(a < 1.0, a * a / (1.0 - a), np.inf)  # signal-to-noise of the local level
    out = np.full((a.shape[0], n_units, n_years), np.nan)
    path = np.full(n_units, np.nan)  # S_{t-1}
    level = np.full((a.shape[0], n_units), np.nan)
    pvar = np.full((a.shape[0], n_units), np.nan)  # predicted state variance / noise variance
    for y in range(n_years):
        out[:, :, y] = level - path[None, :]
        dy = d[:, y]
        ok = ~np.isnan(dy)
        start = ok & np.isnan(path)
        new_path = np.where(start, dy, path + dy)
        new_level = np.where(start[None, :], 0.0, level)
        p = np.where(start[None, :], 1.0 + q, pvar)
        with np.errstate(invalid="ignore"):
            gain = np.where(np.isinf(q), 1.0, p / (p + 1.0))
        new_level = new_level + gain * (new_path[None, :] - new_level)
        with np.errstate(invalid="ignore"):
            p_next = np.where(np.isinf(q), np.inf, p / (p + 1.0) + q)
        path = np.where(ok, new_path, np.nan)
        level = np.where(ok[None, :], new_level, np.nan)
        pvar = np.where(ok[None, :], p_next, np.nan)
    return out


def seasonal_step(block: SeriesBlock, k: int) -> FloatArray:
    r"""Momentum with the seasonal step smoothed across years [%].

    Notes
    -----
    Momentum assumes that the log step from the latest quarter (or three months) to the rest
    of the year, :math:`S_t`, equals last year's: :math:`r = q`. Here :math:`S_t` is a local level
    observed with noise (an ARIMA(0,1,1) across years), so its forecast is the exponentially
    smoothed path of past steps:

    .. math:: \log(1 + r_t) = \log(1 + q_t) + \hat S_t - S_{t-1}, \qquad
              \hat S_t = \ell_{t-1},\; \ell_t = \ell_{t-1} + k_t (S_t - \ell_{t-1})

    with the local level's Kalman gain :math:`k_t`, which settles at :math:`\alpha`
    (:func:`_smoothed_step_forecasts`)

    with :math:`D_t = S_t - S_{t-1} = \log(1 + r_t) - \log(1 + q_t)` from published years.
    :math:`\alpha = 1` is momentum; small :math:`\alpha` keeps a stable seasonal step (a year
    with a one-off fourth quarter then does not carry into the next year's base). The weight
    :math:`\alpha` is **pooled** over the block's units (a district borrows it from the city and
    the other districts) and chosen at every origin from :data:`STEP_ALPHAS` by the smallest
    absolute full-year error :math:`(1 - s)|\hat D - D|` over the years before it (rolling
    origin; at least :data:`STEP_MIN_ERRORS` errors). Where the past favours
    :math:`\alpha = 1`, or there is too little history, the method says nothing (NaN): its
    forecast would duplicate momentum's.
    """
    return _smoothed_around(block, k, momentum(block, k))


def _smoothed_around(block: SeriesBlock, k: int, q: FloatArray) -> FloatArray:
    """Rest-of-year growth [%]: the base forecast ``q`` with its seasonal step smoothed.

    The step's yearly changes ``D`` (:func:`_step_changes`) are smoothed as
    :func:`_smoothed_step_forecasts` does, with the weight pooled over the block's units and
    chosen at every origin from :data:`STEP_ALPHAS` by the smallest past absolute full-year
    error; NaN where that weight is 1 (the forecast is ``q``) or there is too little history.
    """
    d = _step_changes(block, k, q)
    share = block.share[:, :, k]
    fc = _smoothed_step_forecasts(d, STEP_ALPHAS)  # alphas × units × years
    with np.errstate(invalid="ignore"):
        loss = np.abs((1.0 - share)[None] * (fc - d[None]))
    ok = np.asarray(np.isfinite(loss).all(axis=0))  # units × years, the same for every alpha
    loss = np.where(ok[None], loss, 0.0)
    cum = np.cumsum(loss.sum(axis=1), axis=-1)  # alphas × years: losses up to year y
    cnt = np.cumsum(ok.sum(axis=0))
    n_years = d.shape[1]
    out = np.full(d.shape, np.nan)
    for y in range(1, n_years):
        if cnt[y - 1] < STEP_MIN_ERRORS:
            continue
        j = int(np.argmin(cum[:, y - 1]))  # the first minimum: the smoothest of equals
        if STEP_ALPHAS[j] >= 1.0:
            continue
        out[:, y] = fc[j, :, y]
    with np.errstate(invalid="ignore", over="ignore"):
        rest = 100.0 * np.expm1(np.log1p(q / 100.0) + out)
    return np.where(np.isfinite(rest), rest, np.nan)


def share_step(block: SeriesBlock, k: int) -> FloatArray:
    r"""The ratio rule with the seasonal ratio smoothed across years [%].

    Notes
    -----
    The ratio rule assumes that this year's rest-of-year ÷ year-to-date ratio equals last
    year's: on the log scale a random walk across years, :math:`r = g_k`. Here the log ratio
    :math:`S_t = \log(\text{rest}_t / \text{ytd}_t)` is a local level observed with noise
    (Harvey's 1989 evolving seasonal, an ARIMA(0,1,1) across years), forecast by its
    exponentially smoothed path, exactly as :func:`seasonal_step` smooths momentum's step:

    .. math:: \log(1 + r_t) = \log(1 + g_{t,k}) + \hat S_t - S_{t-1}

    with :math:`D_t = S_t - S_{t-1} = \log(1 + r_t) - \log(1 + g_{t,k})` from published
    years and the weight :math:`\alpha` pooled over the block's units and chosen at every origin
    by the past full-year errors. :math:`\alpha = 1` is the ratio rule (the method then says
    nothing); a small :math:`\alpha` averages many past years' ratios, as
    :func:`seasonal_share` averages three with equal weights.

    References
    ----------
    Harvey, A. C. (1989), *Forecasting, Structural Time Series Models and the Kalman Filter*,
    Cambridge University Press, ch. 2 (the local level and its exponential smoothing).
    """
    return _smoothed_around(block, k, ratio_rule(block, k))


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
    stands_in
        The member whose forecast this method's record carries where the method says nothing
        because it would repeat that member (``seasonal_step`` at :math:`\\alpha = 1` is
        momentum); None: the ratio rule's.
    """

    name: str
    func: MethodFunc
    description: str
    baseline: bool = False
    combine: bool = True
    stands_in: str | None = None


METHODS: dict[str, Method] = {}
"""Registry of forecast methods by name."""

ALIASES: dict[str, str] = {
    "naive": "ratio",
    "ratio_rule": "ratio",
    "ytd_growth": "ratio",
    "share": "seasonal_share",
    "step": "seasonal_step",
    "pooled_regression": "pooled",
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
register(
    Method(
        "seasonal_step",
        seasonal_step,
        "momentum with the seasonal step smoothed (pooled α)",
        stands_in="momentum",
    )
)
register(Method("ets", ets_growth, "statsmodels ETS(A,N,N) on single-period growth"))
register(
    Method(
        "share_step",
        share_step,
        "ratio rule with the seasonal ratio smoothed (pooled α)",
        stands_in="ratio",
    )
)


def _pooled(block: SeriesBlock, k: int) -> FloatArray:
    return pooled_regression(block, k)


_pooled.__doc__ = "Pooled ridge regression of r - q on base-effect features (see ``pooled``)."

register(
    Method(
        "pooled",
        _pooled,
        "momentum + pooled ridge regression on last year's base effect and gap",
        combine=False,
    )
)
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
        "damped seasonal Holt-Winters on log chained quarterly volumes",
    )
)
# ets_level is a member since 2026-12 (issue 17 item 6): a damped seasonal exponential smoothing
# on log quarterly volumes was the strongest single method on strongly seasonal quarterly data
# the project had not seen (the report), and as a member it lowered the combination's
# error on the selection half of data/seasonal_fresh from 0.892 to 0.866 of the ratio rule's,
# the one declared comparison (benchmarks/bench_seasonal.py, in_sample_choices). Monthly blocks:
# it says nothing (NaN) and takes no weight.


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


# ---------------------------------------------------------------------- non-additive indicators
# A rate or share (``additive = no``: an unemployment rate, a high-tech share) is published year
# to date as an average or end-of-period level, and its full year is the year-end row itself, not
# the year to date plus the rest of the year. Its methods therefore predict the full-year growth
# (the ratio of full-year levels) directly, as "full year = latest year to date × a seasonal
# factor": last year's factor (the ratio rule), the mean of the last years' (seasonal share) or
# none (no change).


def level_ratio(block: SeriesBlock, k: int) -> FloatArray:
    """Full-year growth [%] of a non-additive indicator by the ratio rule.

    Notes
    -----
    :math:`\\hat Y = Y_{t,k}\\,Y_{t-1} / Y_{t-1,k}`, the latest year-to-date level times last
    year's full-year ÷ same-period ratio; on the comparable base :math:`\\hat G = g_k`.
    """
    return block.growth[:, :, k].copy()


def no_change(block: SeriesBlock, k: int) -> FloatArray:
    """Full-year growth [%] of a non-additive indicator if the level stays where it is.

    Notes
    -----
    :math:`\\hat Y = Y_{t,k}` (full year = the latest year-to-date level), so
    :math:`\\hat G = 100\\,(Y_{t,k} / Y_{t-1} - 1)` with :math:`Y_{t-1}` last year's full year on
    the comparable base. NaN where levels are not published.
    """
    base = block.base_full[:, :, k]
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 100.0 * (block.level[:, :, k] / base - 1.0)
    return np.where(np.isfinite(out) & (base > 0), out, np.nan)


def level_seasonal_share(block: SeriesBlock, k: int) -> FloatArray:
    """Full-year growth [%] of a non-additive indicator: year to date × mean full/ytd ratio.

    The level form of :func:`seasonal_share` (the same forecast, :data:`SHARE_YEARS` years, at
    least two), without the detour through the rest of the year.
    """
    fy = _seasonal_share_growth(block, k)
    return np.where(np.isfinite(fy), fy, np.nan)


LEVEL_METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        Method("ratio", level_ratio, "full year = ytd × last year's full/ytd ratio", True),
        Method("no_change", no_change, "full year = the latest year-to-date level"),
        Method("seasonal_share", level_seasonal_share, "ytd × mean full/ytd ratio of 3 years"),
    )
}
"""Methods of non-additive indicators (rates, shares): ``func(block, k)`` returns the
**full-year** growth [%] (units × years), not the rest of the year's. The ratio rule first."""


def level_members(methods: Sequence[str | MethodFunc]) -> tuple[tuple[str, ...], Note | None]:
    """Members used for a non-additive block, and a note where the request does not apply.

    A combination (several members) uses every method of :data:`LEVEL_METHODS`; one method
    is kept if it has a level form, else the ratio rule stands in (with a note).
    """
    if len(methods) > 1:
        return tuple(LEVEL_METHODS), None
    name = methods[0] if isinstance(methods[0], str) else getattr(methods[0], "__name__", "custom")
    if name in LEVEL_METHODS:
        return (name,), None
    return ("ratio",), Note.of("forecast.level_ratio", method=name)
