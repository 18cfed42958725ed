"""Forecast methods built on statsmodels time-series models (registered in ``METHODS``).

Each model is refitted at every rolling origin on the history published by then, so backtest
errors are out of sample. Fits are kept small (a few parameters, at most
:data:`MAX_OBS` periods) so that a city's whole backtest stays within seconds; results are
cached by :mod:`sprintmodel.forecast.cache`.

- ``ets``: exponential smoothing, ETS(A,N,N) (the model of :class:`statsmodels.tsa.holtwinters.
  SimpleExpSmoothing`), of the **single-period growth** on the same period of last year; the
  forecast level is the growth of every remaining period. Fitted by least squares for every
  unit and origin at once in numpy (:func:`ses_fit`), 100-1000 times faster than one
  statsmodels fit per origin (:func:`ets_growth_statsmodels`, kept as the reference).
- ``arima``: an AR(1) with a constant (:class:`statsmodels.tsa.statespace.sarimax.SARIMAX`) on
  the same growth series; the remaining periods' forecasts are averaged with last year's
  weights.
- ``uc``: a local-level unobserved-components model
  (:class:`statsmodels.tsa.statespace.structural.UnobservedComponents`) on the same series.
- ``ets_level``: Holt-Winters with a damped additive trend and additive seasonality
  (:class:`statsmodels.tsa.holtwinters.ExponentialSmoothing`) on the log of the **chained
  single-period volume index** (quarterly series only); the remaining periods' forecast volumes
  give the rest-of-year growth.

Growth series skip unpublished periods (e.g. January where January and February are published
together). Where fewer than :data:`MIN_OBS` periods exist the method returns NaN (the caller
falls back to the ratio rule and says so).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator

import numpy as np

from sprintmodel.forecast.block import SeriesBlock
from sprintmodel.ytd import FloatArray

MIN_OBS = 8
"""Fewest single periods for a model fit [periods]. An assumption: two years of quarters, the
least from which a smoothing weight or an AR coefficient can be told from noise."""

MAX_OBS = {"Q": 40, "M": 60}
"""Most recent single periods used in a fit [periods]: ten years of quarters, five of months
(an assumption: older data add little to a local model and cost time)."""


def _histories(
    block: SeriesBlock, k: int, series: FloatArray, min_obs: int = MIN_OBS
) -> Iterator[tuple[int, int, FloatArray]]:
    """``(unit, year, history)`` of a per-period series up to every origin ``(year, k)``.

    NaNs are dropped (the history is the published periods in order); the history ends at the
    origin's period, which must itself be published.
    """
    steps = block.steps
    n_units, n_years, _ = series.shape
    flat = series.reshape(n_units, n_years * steps)
    cap = MAX_OBS[block.freq]
    for i in range(n_units):
        row = flat[i]
        ok = ~np.isnan(row)
        for y in range(n_years):
            end = y * steps + k
            if not ok[end]:
                continue
            vals = row[: end + 1][ok[: end + 1]]
            if vals.size < min_obs:
                continue
            yield i, y, vals[-cap:]


def _rest_weights(block: SeriesBlock, k: int) -> FloatArray:
    """Last year's single-period bases of the periods after ``k`` (units × years × rest)."""
    from sprintmodel.ytd import single_from_ytd

    base = single_from_ytd(block.base_ytd)
    return base[:, :, k + 1 :]


def _per_origin(
    block: SeriesBlock, k: int, fit_one: Callable[[FloatArray, int], float]
) -> FloatArray:
    out = np.full((len(block.units), len(block.years)), np.nan)
    horizon = block.steps - 1 - k
    if horizon <= 0:
        return out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i, y, hist in _histories(block, k, block.single_growth):
            try:
                out[i, y] = fit_one(hist, horizon)
            except (ValueError, np.linalg.LinAlgError, FloatingPointError):
                out[i, y] = np.nan
    return np.where(np.isfinite(out), out, np.nan)


def origin_histories(
    block: SeriesBlock, k: int, series: FloatArray, min_obs: int = MIN_OBS
) -> tuple[np.ndarray, np.ndarray, FloatArray, np.ndarray]:
    """Every origin's history of a per-period series at once (vectorised :func:`_histories`).

    Returns
    -------
    (unit, year, hist, length)
        For each origin ``(unit, year)`` whose period ``k`` is published and which has at least
        ``min_obs`` published periods: the last :data:`MAX_OBS` of them in order, left-aligned
        in ``hist`` (origins × MAX_OBS, NaN after ``length``).
    """
    steps = block.steps
    n_units, n_years, _ = series.shape
    flat = series.reshape(n_units, n_years * steps)
    cap = MAX_OBS[block.freq]
    ok = ~np.isnan(flat)
    count = np.cumsum(ok, axis=1)  # published periods up to and including each position
    # Published values of each unit in order (compressed), padded with NaN.
    width = max(int(count[:, -1].max()) if flat.size else 0, 1)
    comp = np.full((n_units, width), np.nan)
    rows, cols = np.nonzero(ok)
    comp[rows, count[rows, cols] - 1] = flat[rows, cols]
    ends = np.arange(n_years) * steps + k
    n_valid = count[:, ends]  # units × years
    use = ok[:, ends] & (n_valid >= min_obs)
    unit, year = np.nonzero(use)
    n_hist = n_valid[unit, year]
    length = np.minimum(n_hist, cap)
    start = n_hist - length
    pos = start[:, None] + np.arange(cap)[None, :]
    inside = np.arange(cap)[None, :] < length[:, None]
    hist = np.where(inside, comp[unit[:, None], np.minimum(pos, width - 1)], np.nan)
    return unit, year, hist, length


ETS_XATOL = 1e-4
"""Absolute tolerance on the smoothing weight in :func:`ses_fit` [1], as statsmodels' Powell
line search (``xtol * 100 / 100``)."""

_LOWER = float(np.sqrt(np.finfo(float).eps))  # statsmodels keeps alpha in [eps^0.5, 1 - eps^0.5]

_HEURISTIC_OBS = 10
# Weights giving the intercept of a straight line through the first ten values (statsmodels'
# heuristic start).
_HEURISTIC_X = np.c_[np.ones(_HEURISTIC_OBS), np.arange(_HEURISTIC_OBS) + 1.0]
_HEURISTIC_W = np.linalg.pinv(_HEURISTIC_X)[0]


def _ses_pass(
    hist: FloatArray, length: np.ndarray, alpha: FloatArray, l0: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Sum of squared one-step errors and the final level of SES for each weight.

    ``alpha`` broadcasts against the origins (e.g. grid × origins); ``l0`` is the initial level
    where known (heuristic start) and NaN where it is estimated (profiled out: the level is
    linear in it, so the least-squares ``l0`` has a closed form for each ``alpha``).
    """
    shape = np.broadcast_shapes(np.shape(alpha), (hist.shape[0],))
    c = np.zeros(shape)  # forecast with l0 = 0
    d = np.ones(shape)  # its derivative in l0: (1 - alpha)^j
    s_rr = np.zeros(shape)
    s_rd = np.zeros(shape)
    s_dd = np.zeros(shape)
    keep = 1.0 - alpha
    for j in range(hist.shape[1]):
        live = j < length
        if not live.any():
            break
        y = np.where(live, hist[:, j], 0.0)
        r = y - c
        s_rr = np.where(live, s_rr + r * r, s_rr)
        s_rd = np.where(live, s_rd + r * d, s_rd)
        s_dd = np.where(live, s_dd + d * d, s_dd)
        c = np.where(live, alpha * y + keep * c, c)
        d = np.where(live, keep * d, d)
    known = ~np.isnan(l0)
    with np.errstate(invalid="ignore", divide="ignore"):
        best = np.where(s_dd > 0, s_rd / s_dd, 0.0)
    start = np.where(known, l0, best)
    sse = s_rr - 2.0 * start * s_rd + start * start * s_dd
    return sse, c + d * start


def fminbound_many(
    func: Callable[[np.ndarray, FloatArray], FloatArray],
    n: int,
    xatol: float = ETS_XATOL,
    maxiter: int = 500,
) -> FloatArray:
    """Brent's bounded scalar minimisation on [0, 1] of ``n`` functions at once.

    ``func(idx, x)`` returns the values of the functions ``idx`` at ``x`` (both (m,)). Step for
    step the algorithm of ``scipy.optimize.fminbound`` (golden-section and parabolic steps,
    the same tolerances), run on every problem in lockstep; each problem stops where scipy's
    would. A local method: where a function has several minima, it finds the one scipy finds.
    """
    sqrt_eps = np.sqrt(2.2e-16)
    gm = 0.5 * (3.0 - np.sqrt(5.0))
    a = np.zeros(n)
    b = np.ones(n)
    xf = a + gm * (b - a)
    fulc = xf.copy()
    nfc = xf.copy()
    rat = np.zeros(n)
    e = np.zeros(n)
    every = np.arange(n)
    fx = np.asarray(func(every, xf), dtype=float)
    ffulc = fx.copy()
    fnfc = fx.copy()
    xm = 0.5 * (a + b)
    tol1 = sqrt_eps * np.abs(xf) + xatol / 3.0
    tol2 = 2.0 * tol1
    active = np.abs(xf - xm) > (tol2 - 0.5 * (b - a))
    num = 1
    with np.errstate(invalid="ignore", divide="ignore"):
        while active.any() and num < maxiter:
            try_para = np.abs(e) > tol1
            r = (xf - nfc) * (fx - ffulc)
            q = (xf - fulc) * (fx - fnfc)
            p = (xf - fulc) * q - (xf - nfc) * r
            q = 2.0 * (q - r)
            p = np.where(q > 0.0, -p, p)
            q = np.abs(q)
            accept = (
                try_para
                & (np.abs(p) < np.abs(0.5 * q * e))
                & (p > q * (a - xf))
                & (p < q * (b - xf))
            )
            rat_para = p / q
            x_para = xf + rat_para
            near = ((x_para - a) < tol2) | ((b - x_para) < tol2)
            si = np.sign(xm - xf) + ((xm - xf) == 0)
            rat_para = np.where(near, tol1 * si, rat_para)
            e_gold = np.where(xf >= xm, a - xf, b - xf)
            golden = ~accept
            new_e = np.where(golden, e_gold, rat)  # a parabolic step keeps the previous step
            new_rat = np.where(golden, gm * e_gold, rat_para)
            si = np.sign(new_rat) + (new_rat == 0)
            x = xf + si * np.maximum(np.abs(new_rat), tol1)
            idx = np.flatnonzero(active)
            fu = fx.copy()
            fu[idx] = func(idx, x[idx])
            num += 1
            better = fu <= fx
            right = x >= xf
            a_new = np.where(better, np.where(right, xf, a), np.where(~right, x, a))
            b_new = np.where(better, np.where(right, b, xf), np.where(~right, b, x))
            c1 = ~better & ((fu <= fnfc) | (nfc == xf))
            c2 = ~better & ~c1 & ((fu <= ffulc) | (fulc == xf) | (fulc == nfc))
            fulc_new = np.where(better | c1, nfc, np.where(c2, x, fulc))
            ffulc_new = np.where(better | c1, fnfc, np.where(c2, fu, ffulc))
            nfc_new = np.where(better, xf, np.where(c1, x, nfc))
            fnfc_new = np.where(better, fx, np.where(c1, fu, fnfc))
            xf_new = np.where(better, x, xf)
            fx_new = np.where(better, fu, fx)
            upd = active
            a, b = np.where(upd, a_new, a), np.where(upd, b_new, b)
            e, rat = np.where(upd, new_e, e), np.where(upd, new_rat, rat)
            fulc, ffulc = np.where(upd, fulc_new, fulc), np.where(upd, ffulc_new, ffulc)
            nfc, fnfc = np.where(upd, nfc_new, nfc), np.where(upd, fnfc_new, fnfc)
            xf, fx = np.where(upd, xf_new, xf), np.where(upd, fx_new, fx)
            xm = 0.5 * (a + b)
            tol1 = sqrt_eps * np.abs(xf) + xatol / 3.0
            tol2 = 2.0 * tol1
            active = active & (np.abs(xf - xm) > (tol2 - 0.5 * (b - a)))
    return xf


def ses_fit(hist: FloatArray, length: np.ndarray) -> tuple[FloatArray, FloatArray]:
    r"""Least-squares simple exponential smoothing of many series at once, as statsmodels.

    Parameters
    ----------
    hist
        Series left-aligned in rows (series × periods), NaN after ``length``.
    length
        Number of values of each series (at least 2).

    Returns
    -------
    (alpha, level)
        The smoothing weight and the level after the last value (the flat forecast).

    Notes
    -----
    The model and the fit of statsmodels' ``SimpleExpSmoothing(...).fit(method="Powell",
    use_brute=False)``: the forecast of :math:`y_j` is :math:`\ell_{j-1}`,
    :math:`\ell_j = \alpha y_j + (1-\alpha)\ell_{j-1}`; the initial level is statsmodels'
    heuristic (the intercept of a straight line through the first ten values) for series of
    ten values or more, else estimated (in closed form for each :math:`\alpha`, where
    statsmodels searches it with :math:`\alpha` by Powell's method); :math:`\alpha` minimises
    the sum of squared one-step errors by Powell's bounded line search on [0, 1], i.e. Brent's
    method (:func:`fminbound_many`). It is a local search: where the sum of squares has two
    minima (often :math:`\alpha \approx 0`, a constant, and :math:`\alpha \approx 0.9`) it
    keeps the one statsmodels keeps. That matters: the global least-squares weight (a constant
    level from the first ten values) forecasts worse in the backtests (industries 0.837 ÷
    naive instead of 0.826).
    """
    hist = np.asarray(hist, dtype=float)
    length = np.asarray(length, dtype=int)
    n = hist.shape[0]
    if n == 0:
        return np.zeros(0), np.zeros(0)
    l0 = np.full(n, np.nan)
    if hist.shape[1] >= _HEURISTIC_OBS:
        first = np.nan_to_num(hist[:, :_HEURISTIC_OBS])
        l0 = np.where(length >= _HEURISTIC_OBS, first @ _HEURISTIC_W, np.nan)

    def to_alpha(x: FloatArray) -> FloatArray:
        return _LOWER + x * (1.0 - 2.0 * _LOWER)

    def sse(idx: np.ndarray, x: FloatArray) -> FloatArray:
        return _ses_pass(hist[idx], length[idx], to_alpha(x), l0[idx])[0]

    alpha = to_alpha(fminbound_many(sse, n))
    _, level = _ses_pass(hist, length, alpha, l0)
    return alpha, level


def ets_growth(block: SeriesBlock, k: int) -> FloatArray:
    r"""Rest-of-year growth [%] = the exponentially smoothed single-period growth, ETS(A,N,N).

    Notes
    -----
    :math:`\ell_t = \alpha q_t + (1-\alpha)\ell_{t-1}` and :math:`r = \ell_k`, with
    :math:`\alpha` and :math:`\ell_0` estimated at every origin by least squares, as
    statsmodels' ``SimpleExpSmoothing`` does, but for all units and origins at once
    (:func:`ses_fit`; :func:`ets_growth_statsmodels` is the one-fit-at-a-time reference).
    """
    out = np.full((len(block.units), len(block.years)), np.nan)
    if block.steps - 1 - k <= 0:
        return out
    unit, year, hist, length = origin_histories(block, k, block.single_growth)
    if unit.size:
        _, level = ses_fit(hist, length)
        out[unit, year] = level
    return np.where(np.isfinite(out), out, np.nan)


def ets_growth_statsmodels(block: SeriesBlock, k: int) -> FloatArray:
    """:func:`ets_growth` fitted by statsmodels, one origin at a time (reference; slow).

    Heuristic start values where the history has ten values or more (statsmodels needs ten),
    else estimated; the smoothing weight by Powell's method.
    """
    from statsmodels.tsa.holtwinters import SimpleExpSmoothing

    def one(hist: FloatArray, horizon: int) -> float:
        init = "heuristic" if hist.size >= 10 else "estimated"
        fit = SimpleExpSmoothing(hist, initialization_method=init).fit(
            use_brute=False, method="Powell"
        )
        return float(fit.level[-1])  # the one-step (and flat) forecast

    return _per_origin(block, k, one)


def arima_growth(block: SeriesBlock, k: int) -> FloatArray:
    """Rest-of-year growth [%] from an AR(1) with constant on single-period growth.

    Notes
    -----
    :math:`q_t - \\mu = \\phi (q_{t-1} - \\mu) + \\varepsilon_t`; the forecasts of the remaining
    periods are averaged (equal weights: last year's single-period weights differ little).
    """
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    def one(hist: FloatArray, horizon: int) -> float:
        fit = SARIMAX(hist, order=(1, 0, 0), trend="c").fit(disp=False)
        return float(np.mean(fit.forecast(horizon)))

    return _per_origin(block, k, one)


def uc_growth(block: SeriesBlock, k: int) -> FloatArray:
    """Rest-of-year growth [%] from a local-level unobserved-components model of growth."""
    from statsmodels.tsa.statespace.structural import UnobservedComponents

    def one(hist: FloatArray, horizon: int) -> float:
        fit = UnobservedComponents(hist, "local level").fit(disp=False)
        return float(np.mean(fit.forecast(horizon)))

    return _per_origin(block, k, one)


def chained_volume(block: SeriesBlock) -> FloatArray:
    """Chained single-period volume index (units × years × periods), first year = 100.

    ``X_{y,j} = X_{y-1,j} (1 + q_{y,j}/100)`` with :math:`q` the single-period growth; the
    chain starts at 100 in every period of the first year with growth (so seasonality enters
    through the growth rates only) and restarts after a gap.
    """
    q = block.single_growth
    n_units, n_years, steps = q.shape
    x = np.full(q.shape, np.nan)
    for y in range(n_years):
        prev = x[:, y - 1] if y else np.full((n_units, steps), np.nan)
        nxt = prev * (1.0 + q[:, y] / 100.0)
        x[:, y] = np.where(np.isnan(prev) & ~np.isnan(q[:, y]), 100.0, nxt)
    return x


HW_ALPHAS = (0.05, 0.15, 0.3, 0.5, 0.7, 0.9)
"""Level smoothing weights searched by :func:`holt_winters_fit` [1] (assumption: a grid over
statsmodels' bounds [0, 1], denser where quarterly macro series' fits fall)."""
HW_BETAS = (0.0, 0.05, 0.15, 0.4)
"""Trend smoothing weights searched [1] (assumption, as :data:`HW_ALPHAS`)."""
HW_GAMMAS = (0.0, 0.1, 0.3, 0.6)
"""Seasonal smoothing weights searched [1], at most ``1 - alpha`` as in statsmodels."""
HW_PHIS = (0.8, 0.9, 0.98)
"""Damping factors searched [1], within statsmodels' bounds [0.8, 0.995]."""


_HW_CHUNK = 32  # origins per batch in holt_winters_fit (grid × chunk × periods stay in cache)


def hw_grid() -> FloatArray:
    """Every (alpha, beta, gamma, phi) of the search grid with gamma <= 1 - alpha (G × 4)."""
    g = np.array(np.meshgrid(HW_ALPHAS, HW_BETAS, HW_GAMMAS, HW_PHIS, indexing="ij"))
    g = g.reshape(4, -1).T
    return g[g[:, 2] <= 1.0 - g[:, 0] + 1e-12]


def _hw_matrices(params: FloatArray, m: int) -> tuple[FloatArray, FloatArray]:
    """Transition ``A`` (G × d × d) and input ``g`` (G × d) of additive damped Holt-Winters.

    The state is ``x = (l, b, s_0, ..., s_{m-1})`` with ``s_0`` the seasonal of the next
    period; on observing ``y`` (statsmodels' recursions, ``holt_win_add_add_dam``):
    ``l' = a (y - s_0) + (1-a)(l + p b)``, ``b' = b_* (l' - l) + (1 - b_*) p b``,
    ``s_new = g (y - l - p b) + (1-g) s_0`` and the seasonals move up one place. The map is
    linear, ``x' = A x + g y``; it is built by applying it to the unit vectors.
    """
    a, bt, gm, ph = (params[:, i][:, None] for i in range(4))
    d = 2 + m

    def step(x: FloatArray, y: FloatArray) -> FloatArray:
        lvl, tr, s0 = x[:, 0:1], x[:, 1:2], x[:, 2:3]
        new_l = a * (y - s0) + (1 - a) * (lvl + ph * tr)
        new_b = bt * (new_l - lvl) + (1 - bt) * ph * tr
        new_s = gm * (y - lvl - ph * tr) + (1 - gm) * s0
        return np.concatenate([new_l, new_b, x[:, 3:], new_s], axis=1)

    n = params.shape[0]
    zero_y = np.zeros((n, 1))
    cols = [step(np.broadcast_to(np.eye(d)[j], (n, d)), zero_y) for j in range(d)]
    big_a = np.stack(cols, axis=2)  # G × d × d: column j is the image of unit vector j
    big_g = step(np.zeros((n, d)), np.ones((n, 1)))
    return big_a, big_g


def holt_winters_fit(
    hist: FloatArray, length: np.ndarray, m: int, horizon: int
) -> tuple[FloatArray, FloatArray]:
    r"""Additive damped-trend, additive-seasonal Holt-Winters for many series at once.

    Parameters
    ----------
    hist
        Series left-aligned in rows (series × periods), NaN after ``length``.
    length
        Number of values of each series (at least ``m + 3``).
    m
        Seasonal period [periods].
    horizon
        Periods to forecast after each series' end.

    Returns
    -------
    (forecast, sse)
        Forecasts (series × horizon) and the in-sample sum of squared one-step errors.

    Notes
    -----
    The model of statsmodels' ``ExponentialSmoothing(trend="add", damped_trend=True,
    seasonal="add", initialization_method="estimated")``, fitted by least squares as statsmodels
    does, but for every series at once: the one-step forecasts are linear in the initial state
    for given smoothing parameters, :math:`\hat y = c(	heta) + R(	heta) x_0`, so the
    least-squares :math:`x_0` has a closed form (a minimum-norm solution: level and seasonals
    are not separately identified, the forecasts are) and :math:`	heta = (lpha, eta,
    \gamma, \phi)` is chosen on the grid :func:`hw_grid` by the smallest sum of squares, where
    statsmodels searches it by L-BFGS-B. With :math:`	heta` fixed the two agree to rounding
    (``tests/test_forecast_seasonal.py``).
    """
    hist = np.asarray(hist, dtype=float)
    length = np.asarray(length, dtype=int)
    n = hist.shape[0]
    out = np.full((n, horizon), np.nan)
    sse_out = np.full(n, np.nan)
    if n == 0:
        return out, sse_out
    params = hw_grid()
    big_a, big_g = _hw_matrices(params, m)
    n_g, d = big_g.shape
    t_max = int(length.max())
    powers = np.empty((t_max + 1, n_g, d, d))
    powers[0] = np.eye(d)
    for t in range(1, t_max + 1):
        powers[t] = big_a @ powers[t - 1]
    ph = params[:, 3]
    w = np.zeros((n_g, d))
    w[:, 0], w[:, 1], w[:, 2] = 1.0, ph, 1.0
    r_all = np.einsum("gd,tgde->tge", w, powers)  # w' A^t: one-step weights on x0
    h_all = np.einsum("tgd,gd->tg", r_all, big_g)  # w' A^t g: impulse responses
    damp = np.cumsum(ph[:, None] ** np.arange(1, horizon + 1)[None, :], axis=1)  # G × h
    wh = np.zeros((n_g, horizon, d))
    wh[:, :, 0] = 1.0
    wh[:, :, 1] = damp
    for h in range(horizon):
        wh[:, h, 2 + h % m] = 1.0
    f_r = np.einsum("ghd,tgde->tghe", wh, powers)  # w_h' A^t
    f_h = np.einsum("tghd,gd->tgh", f_r, big_g)  # w_h' A^t g
    for size in np.unique(length):
        lag = np.arange(size)[:, None] - np.arange(size)[None, :]  # t - s
        toep = np.where(lag[None] >= 1, h_all[np.clip(lag - 1, 0, None)].transpose(2, 0, 1), 0)
        toep_t = np.ascontiguousarray(toep.transpose(0, 2, 1))  # G × s × t
        r_mat = r_all[:size].transpose(1, 0, 2)  # G × L × d
        pinv = np.linalg.pinv(r_mat)  # G × d × L
        basis = np.linalg.svd(r_mat, full_matrices=False)[0]  # orthonormal columns of R
        rank = np.linalg.matrix_rank(r_mat)  # level and seasonals overlap: rank d - 1
        basis = np.where(np.arange(d)[None, None, :] < rank[:, None, None], basis, 0.0)
        back = size - np.arange(size)  # L - s for s = 0..L-1 (A^{L-1-s} g after y_s)
        conv_w = f_h[back - 1].reshape(size, -1)  # L × (G h)
        all_rows = np.flatnonzero(length == size)
        for rows in np.array_split(all_rows, max(1, all_rows.size // _HW_CHUNK)):
            y = hist[rows, :size]  # N × L
            resid = y[None] - y[None] @ toep_t  # G × N × L: errors with x0 = 0
            proj = resid @ basis  # G × N × d
            sse = np.einsum("gnt,gnt->gn", resid, resid) - np.einsum("gnd,gnd->gn", proj, proj)
            best = np.argmin(sse, axis=0)
            pick = np.arange(rows.size)
            r_best = resid[best, pick]  # N × L
            x0 = np.einsum("ndt,nt->nd", pinv[best], r_best)
            conv = (y @ conv_w).reshape(rows.size, n_g, horizon)[pick, best]
            out[rows] = np.einsum("nhd,nd->nh", f_r[size][best], x0) + conv
            sse_out[rows] = sse[best, pick]
    return out, sse_out


def ets_level(block: SeriesBlock, k: int) -> FloatArray:
    r"""Rest-of-year growth [%] from Holt-Winters on the log chained volume index (quarterly).

    Notes
    -----
    Additive damped trend and additive seasonality (period 4) on :math:`\log X`
    (:func:`chained_volume`), fitted by least squares at every origin on its last
    :data:`MAX_OBS` quarters (at least three years), for every unit and origin at once
    (:func:`holt_winters_fit`; :func:`ets_level_statsmodels` is the one-fit-at-a-time
    reference); the remaining quarters' forecast volumes over last year's, weighted by last
    year's single-quarter bases. Monthly blocks return NaN (use ``ets``).
    """
    out = np.full((len(block.units), len(block.years)), np.nan)
    horizon = block.steps - 1 - k
    if block.freq != "Q" or horizon <= 0:
        return out
    x = chained_volume(block)
    with np.errstate(invalid="ignore", divide="ignore"):
        logx = np.log(x)
    unit, year, hist, length = origin_histories(block, k, logx, min_obs=3 * block.steps)
    if unit.size == 0:
        return out
    fc, _ = holt_winters_fit(hist, length, block.steps, horizon)
    return _rest_from_volumes(block, k, x, unit, year, np.exp(fc), out)


def _rest_from_volumes(
    block: SeriesBlock,
    k: int,
    x: FloatArray,
    unit: np.ndarray,
    year: np.ndarray,
    fc: FloatArray,
    out: FloatArray,
) -> FloatArray:
    """Rest-of-year growth [%] from forecast volumes ``fc`` (origins × remaining periods)."""
    steps = block.steps
    horizon = steps - 1 - k
    flat_x = x.reshape(len(block.units), -1)
    weights = _rest_weights(block, k)
    end = year * steps + k
    idx = (end + 1 - steps)[:, None] + np.arange(horizon)[None, :]
    last = flat_x[unit[:, None], idx]
    year_idx = (end - steps + 1)[:, None] + np.arange(steps)[None, :]
    unbroken = ~np.isnan(flat_x[unit[:, None], year_idx]).any(axis=1)  # the chain's last year
    w = weights[unit, year]
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = fc / last
        rest = 100.0 * (np.sum(w * ratio, axis=1) / np.sum(w, axis=1) - 1.0)
    ok = unbroken & ~np.isnan(w).any(axis=1) & ~np.isnan(ratio).any(axis=1)
    out[unit[ok], year[ok]] = rest[ok]
    return np.where(np.isfinite(out), out, np.nan)


def ets_level_statsmodels(block: SeriesBlock, k: int) -> FloatArray:
    """:func:`ets_level` fitted by statsmodels, one origin at a time (reference; slow).

    ``ExponentialSmoothing(trend="add", damped_trend=True, seasonal="add",
    initialization_method="estimated").fit()`` on each origin's history.
    """
    out = np.full((len(block.units), len(block.years)), np.nan)
    horizon = block.steps - 1 - k
    if block.freq != "Q" or horizon <= 0:
        return out
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    x = chained_volume(block)
    with np.errstate(invalid="ignore", divide="ignore"):
        logx = np.log(x)
    units, years, fcs = [], [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i, y, hist in _histories(block, k, logx, min_obs=3 * block.steps):
            try:
                fit = ExponentialSmoothing(
                    hist,
                    trend="add",
                    damped_trend=True,
                    seasonal="add",
                    seasonal_periods=block.steps,
                    initialization_method="estimated",
                ).fit()
                fcs.append(np.exp(np.asarray(fit.forecast(horizon))))
            except (ValueError, np.linalg.LinAlgError):
                continue
            units.append(i)
            years.append(y)
    if not units:
        return out
    return _rest_from_volumes(block, k, x, np.array(units), np.array(years), np.array(fcs), out)
