"""Pooled regression across units: districts borrow strength for the rest of the year.

:func:`pooled_regression` predicts how far the rest of the year's growth departs from momentum,
``r - q``, from features known at the origin, with one set of coefficients for all the units
of the block (the city and its districts, or a country's industries), estimated on the years
before the origin only (expanding window). It is registered as ``pooled`` but not in the
default combination: in the rolling-origin backtests of ``docs/forecast.md`` it matches
momentum on the national industries (MAE ratio 0.808 against 0.807), is mixed against it on the
example city's indicators, and adding it to the default members made the geometric mean of the
accuracy ratios over all evaluation blocks worse (0.775 to 0.781).

Features (:data:`FEATURES`), all [pp] and all known at origin ``(y, k)``:

- ``mom``: momentum minus year-to-date growth, ``q_k - g_k``;
- ``acc``: the latest window's growth minus the one before, ``q_k - q_{k-w}``;
- ``base``: last year's momentum minus last year's rest of year, ``q_{t-1} - r_{t-1}`` (a base
  effect: a weak fourth quarter last year makes this year's easy);
- ``gap``: last year's rest of year minus its year to date, ``r_{t-1} - g_{t-1}``;
- ``rev``: mean full-year growth of the last five years minus momentum (mean reversion);
- ``cs``: mean momentum-minus-ytd of the *other* units in the same year (a common shock).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from sprintmodel.forecast.block import SeriesBlock
from sprintmodel.forecast.momentum import MOMENTUM_PERIODS, momentum
from sprintmodel.ytd import FloatArray

FEATURES = ("mom", "acc", "base", "gap", "rev", "cs")
"""Names of the features :func:`pooled_regression` can use."""

DEFAULT_FEATURES = ("base", "gap")
"""Features of the registered ``pooled`` method: the two with the clearest pooled signal on
the national industries (t > 3 in a full-sample weighted regression); an assumption."""

RIDGE = 1.0
"""Ridge penalty on the standardised coefficients, per unit of total weight [1]. An assumption:
with 1, a feature's coefficient is roughly halved when its signal is as large as its noise,
so the method stays close to momentum until the pooled evidence is clear."""

MIN_YEARS = 5
"""Fewest past years with outcomes before the regression is fitted [years]; an assumption."""

MIN_ROWS = 10
"""Fewest past unit-years with outcomes and features [count]; an assumption."""

TREND_YEARS = 5
"""Years in the trend of the ``rev`` feature [years]; an assumption (a five-year plan)."""


def _lag(a: FloatArray) -> FloatArray:
    out = np.full_like(a, np.nan)
    out[:, 1:] = a[:, :-1]
    return out


def _past_mean(a: FloatArray, years: int) -> FloatArray:
    """Mean of the ``years`` values before each year (at least two), NaN otherwise."""
    out = np.full_like(a, np.nan)
    for y in range(a.shape[1]):
        w = a[:, max(0, y - years) : y]
        count = np.sum(~np.isnan(w), axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.nansum(w, axis=1) / np.maximum(count, 1)
        out[:, y] = np.where(count >= 2, mean, np.nan)
    return out


def pooled_features(block: SeriesBlock, k: int) -> dict[str, FloatArray]:
    """Every feature of :data:`FEATURES` [pp] (units × years), as known at origin ``(y, k)``."""
    width = MOMENTUM_PERIODS[block.freq]
    g = block.growth[:, :, k]
    q = momentum(block, k)
    q_prev = block.window_growth(k - width, width) if k >= width else np.full_like(g, np.nan)
    r = block.rest_growth_actual(k)
    mom = q - g
    n_units = mom.shape[0]
    with np.errstate(invalid="ignore", divide="ignore"):
        count = np.sum(~np.isnan(mom), axis=0)[None, :] - (~np.isnan(mom))
        total = np.nansum(mom, axis=0)[None, :] - np.nan_to_num(mom)
        cs = np.where(count > 0, total / np.maximum(count, 1), np.nan)
    if n_units == 1:
        cs = np.full_like(mom, np.nan)
    return {
        "mom": mom,
        "acc": q - q_prev,
        "base": _lag(q) - _lag(r),
        "gap": _lag(r) - _lag(g),
        "rev": _past_mean(block.fy_growth, TREND_YEARS) - q,
        "cs": cs,
    }


def pooled_regression(
    block: SeriesBlock,
    k: int,
    features: Sequence[str] = DEFAULT_FEATURES,
    ridge: float = RIDGE,
    intercept: bool = False,
) -> FloatArray:
    r"""Rest-of-year growth [%] = momentum + a pooled regression on origin features.

    Parameters
    ----------
    block
        History of one indicator for several units.
    k
        Period index of the origin (0-based).
    features
        Names from :data:`FEATURES`.
    ridge
        Penalty on the standardised coefficients (see :data:`RIDGE`).
    intercept
        Fit an unpenalised constant (a common fourth-quarter drift); default no.

    Notes
    -----
    At origin year :math:`t` the coefficients solve the weighted ridge problem over every unit
    :math:`u` and year :math:`t' < t` with outcomes:

    .. math:: \min_\beta \sum_{u,t'} w_{u,t'} (r_{u,t'} - q_{u,t'} - x_{u,t'}\beta)^2
              + \lambda W \sum_j \sigma_j^2 \beta_j^2,
              \qquad w = (1 - s)^2

    with :math:`s` the year to date's share (so the fit minimises squared errors of the
    *full-year* growth), :math:`W = \sum w` and :math:`\sigma_j` the weighted RMS of feature
    :math:`j`; :math:`\lambda` = ``ridge`` shrinks toward momentum. The forecast is
    :math:`r = q + x\hat\beta`. NaN before :data:`MIN_YEARS` past years (and
    :data:`MIN_ROWS` rows) exist.
    """
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        raise ValueError(f"unknown feature(s) {unknown}; choose from {FEATURES}")
    q = momentum(block, k)
    feats = pooled_features(block, k)
    x = np.stack([feats[f] for f in features], axis=-1)  # units × years × features
    target = block.rest_growth_actual(k) - q
    weight = (1.0 - block.share[:, :, k]) ** 2
    usable = np.isfinite(target) & np.isfinite(x).all(axis=-1) & np.isfinite(weight)
    n_units, n_years = q.shape
    out = np.full((n_units, n_years), np.nan)
    for y in range(1, n_years):
        ok = usable[:, :y]
        if ok.sum() < MIN_ROWS or int(ok.any(axis=0).sum()) < MIN_YEARS:
            continue
        xt, yt, wt = x[:, :y][ok], target[:, :y][ok], weight[:, :y][ok]
        design = np.column_stack([np.ones(len(xt)), xt]) if intercept else xt
        scale = np.sum(wt[:, None] * design**2, axis=0) / wt.sum()
        penalty = ridge * wt.sum() * np.diag(scale)
        if intercept:
            penalty[0, 0] = 0.0
        gram = design.T @ (design * wt[:, None]) + penalty
        try:
            beta = np.linalg.solve(gram, design.T @ (yt * wt))
        except np.linalg.LinAlgError:
            continue
        xn = x[:, y]
        dn = np.column_stack([np.ones(n_units), xn]) if intercept else xn
        out[:, y] = q[:, y] + dn @ beta
    return np.where(np.isfinite(out), out, np.nan)


def pooled_method(
    features: Sequence[str] = DEFAULT_FEATURES, ridge: float = RIDGE, intercept: bool = False
) -> Callable[[SeriesBlock, int], FloatArray]:
    """A ``method(block, k)`` running :func:`pooled_regression` with other settings."""

    def method(block: SeriesBlock, k: int) -> FloatArray:
        return pooled_regression(block, k, features, ridge, intercept)

    method.__name__ = "pooled_" + "_".join(features)
    return method
