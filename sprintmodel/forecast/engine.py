"""Rolling-origin evaluation of one series block: every method, the combination and its errors.

For a block (one indicator, one frequency) and a period index ``k``, :func:`fit_block` computes
**for every year at once** the forecasts each method made as of ``(y, k)``, their errors against
the published outcome, the combination's weights (from errors of years before ``y`` only), the
combination's forecast and error, and the interval scale. The last year of the block is the one
being forecast; earlier years are the backtest. Nothing uses data after its origin, so the
errors of year ``y`` are honest out-of-sample errors (up to data revisions: no clean real-time
vintage exists, see ``docs/forecast.md``).

The result, :class:`BlockFit`, is the fitted state that :mod:`sprintmodel.forecast.cache` keeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from sprintmodel.forecast.block import SeriesBlock, fy_growth_from_rest
from sprintmodel.forecast.config import ForecastConfig
from sprintmodel.forecast.methods import LEVEL_METHODS, METHODS, MethodFunc, level_members
from sprintmodel.notes import Note
from sprintmodel.ytd import FloatArray


@dataclass(frozen=True, eq=False)
class BlockFit:
    """Rolling-origin forecasts, errors, weights and scales of one block at period ``k``.

    Arrays are indexed (units × years) unless stated; year ``y`` holds what was (or would have
    been) forecast as of period ``k`` of year ``y``.

    Attributes
    ----------
    block
        The data.
    k
        Period index within the year (0-based).
    methods
        Names of the member methods (axis 0 of the method arrays).
    method_growth
        Full-year growth forecast of each method [%] (methods × units × years), with the ratio
        rule filled in where a method cannot say.
    method_available
        True where the method itself produced the forecast (methods × units × years).
    actual_growth
        Published full-year growth [%]; NaN for the year being forecast.
    weights
        Combination weights (units × years × methods), from errors of earlier years only.
    growth
        Combination forecast of full-year growth [%].
    error
        Combination error, forecast minus actual [pp].
    sigma
        Interval scale [pp]: out-of-sample RMS error of the combination, shrunk toward the pool.
    z
        Standardised errors ``error / sigma`` (sigma estimated before the year).
    n_past
        Years of past combination errors behind each ``sigma`` (units × years).
    notes
        Per unit × year notes (fallbacks), as an object array of tuples of
        :class:`~sprintmodel.notes.Note`.
    """

    block: SeriesBlock
    k: int
    methods: tuple[str, ...]
    method_growth: FloatArray
    method_available: np.ndarray
    actual_growth: FloatArray
    weights: FloatArray
    growth: FloatArray
    error: FloatArray
    sigma: FloatArray
    z: FloatArray
    n_past: np.ndarray
    notes: np.ndarray = field(repr=False)

    @property
    def share(self) -> FloatArray:
        """Year to date's share of last year's full year at ``k`` (units × years)."""
        return self.block.share[:, :, self.k]

    def method_error(self) -> FloatArray:
        """Errors of each method, forecast minus actual [pp] (methods × units × years)."""
        return self.method_growth - self.actual_growth[None]

    def level(self, growth: FloatArray) -> FloatArray:
        """Full-year level on the contract basis from full-year growth [measure]."""
        return self.block.base_full[:, :, self.k] * (1.0 + growth / 100.0)

    def z_quantiles(self, year_index: int, probs: Sequence[float]) -> FloatArray:
        """Quantiles of the pooled standardised errors of years before ``year_index``.

        Falls back to Student-t quantiles with :attr:`ForecastConfig.fallback_df` degrees of
        freedom where fewer than ``min_pool`` errors exist.
        """
        return pooled_quantiles(self.z[:, :year_index], probs)


def _t_quantiles(probs: Sequence[float], df: float) -> FloatArray:
    from scipy import stats

    return np.asarray(stats.t.ppf(np.asarray(probs), df), dtype=float)


def pool_years(z: FloatArray) -> int:
    """Years (last axis of a units × years array) holding at least one error; for an array of
    another shape, its count of errors (each taken as its own year)."""
    z = np.asarray(z, dtype=float)
    if z.ndim != 2:
        return int(np.sum(~np.isnan(z)))
    return int(np.sum((~np.isnan(z)).any(axis=0)))


def too_few_errors(z: FloatArray, config: ForecastConfig) -> bool:
    """Fewer than ``min_pool`` errors, or errors from fewer than ``min_pool_years`` years, in
    ``z`` (units × years): intervals then use Student-t quantiles."""
    z = np.asarray(z, dtype=float)
    return bool(np.sum(~np.isnan(z)) < config.min_pool or pool_years(z) < config.min_pool_years)


def pooled_quantiles(
    z: FloatArray, probs: Sequence[float], config: ForecastConfig | None = None
) -> FloatArray:
    """Empirical quantiles of the non-NaN values of ``z``, or Student-t ones if too few.

    Parameters
    ----------
    z
        Standardised errors [1], units × years (or any shape, each value then counting as a
        year); Student-t quantiles where fewer than ``min_pool`` values or ``min_pool_years``
        years hold them.
    probs
        Probabilities in (0, 1).
    config
        Settings (``min_pool``, ``fallback_df``); default :class:`ForecastConfig()`.
    """
    cfg = config or ForecastConfig()
    vals = z[~np.isnan(z)]
    if too_few_errors(z, cfg):
        return _t_quantiles(probs, cfg.fallback_df)
    return np.asarray(np.quantile(vals, np.asarray(probs)), dtype=float)


def volatility_proxy(block: SeriesBlock, k: int, config: ForecastConfig) -> FloatArray:
    """A scale of the full-year error that needs no backtest [pp] (units × years).

    Notes
    -----
    :math:`\\sigma^{fb} = (1 - s)\\,\\max(\\mathrm{SD}(q), \\sigma_{min})` with :math:`q` the
    single-period growth rates of the last ``proxy_periods`` periods up to ``k`` [%] (at least
    two), :math:`s` the year to date's share and :math:`\\sigma_{min}` =
    :attr:`ForecastConfig.min_rest_sd`; where fewer than two single periods are known,
    :attr:`ForecastConfig.default_rest_sd`. It is multiplied by a calibration factor pooled
    over the block's backtest (see :func:`fit_block`), so only its relative size across units
    matters. Non-additive indicators (rates, shares): :func:`_level_volatility_proxy`.
    """
    if not block.indicator.additive:
        return _level_volatility_proxy(block, k, config)
    return (1.0 - block.share[:, :, k]) * _rolling_sd(block.single_growth, k, config)


def _rolling_sd(q: FloatArray, k: int, config: ForecastConfig) -> FloatArray:
    """SD of the last ``proxy_periods`` values of ``q`` (units × years × periods) up to period
    ``k`` of each year, floored at ``min_rest_sd``; ``default_rest_sd`` with fewer than two."""
    n_units, n_years, steps = q.shape
    flat = q.reshape(n_units, n_years * steps)
    out = np.full((n_units, n_years), np.nan)
    width = config.proxy_periods
    for y in range(n_years):
        end = y * steps + k + 1
        win = flat[:, max(0, end - width) : end]
        count = np.sum(~np.isnan(win), axis=1)
        mean = np.nansum(win, axis=1) / np.maximum(count, 1)
        dev = np.nansum((win - mean[:, None]) ** 2, axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            sd = np.where(count >= 2, np.sqrt(dev / np.maximum(count - 1, 1)), np.nan)
        out[:, y] = np.where(count >= 2, np.maximum(sd, config.min_rest_sd), config.default_rest_sd)
    return out


def _level_volatility_proxy(block: SeriesBlock, k: int, config: ForecastConfig) -> FloatArray:
    r""":func:`volatility_proxy` of a non-additive indicator (rate, share) [pp] (units × years).

    :math:`\sigma^{fb} = \sqrt{h}\,\max(\mathrm{SD}(c), \sigma_{min})` with :math:`c` the
    period-on-period changes of the year-to-date level [%] (across year ends too) of the last
    ``proxy_periods`` periods up to ``k`` and :math:`h` the periods left in the year: the
    spread of a random walk's level after ``h`` steps, relative to the level.
    """
    n_units, n_years, steps = block.level.shape
    flat = block.level.reshape(n_units, n_years * steps)
    change = np.full_like(flat, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        step = 100.0 * (flat[:, 1:] / flat[:, :-1] - 1.0)
    change[:, 1:] = np.where(np.isfinite(step) & (flat[:, :-1] > 0), step, np.nan)
    sd = _rolling_sd(change.reshape(n_units, n_years, steps), k, config)
    return np.sqrt(float(steps - 1 - k)) * sd


def _past_mean(values: FloatArray) -> tuple[FloatArray, np.ndarray]:
    """Mean over years before each year (axis -1) ignoring NaN, and the count (units × years)."""
    ok = ~np.isnan(values)
    csum = np.cumsum(np.where(ok, values, 0.0), axis=-1)
    ccount = np.cumsum(ok, axis=-1)
    before_sum = np.zeros_like(csum)
    before_cnt = np.zeros_like(ccount)
    before_sum[..., 1:] = csum[..., :-1]
    before_cnt[..., 1:] = ccount[..., :-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(before_cnt > 0, before_sum / np.maximum(before_cnt, 1), np.nan)
    return mean, before_cnt


def _discounted_past_sum(values: FloatArray, discount: float) -> FloatArray:
    """Discounted sum over the years before each year (last axis), NaN counting as 0.

    ``S_y = sum_{t<y} discount^(y-1-t) v_t``; with ``discount = 1`` the plain running sum.
    """
    v = np.where(np.isnan(values), 0.0, values)
    out = np.zeros_like(v)
    for y in range(1, v.shape[-1]):  # years, not units or draws
        out[..., y] = discount * out[..., y - 1] + v[..., y - 1]
    return out


def _relative_record(loss: FloatArray, config: ForecastConfig) -> tuple[FloatArray, FloatArray]:
    r"""Each method's discounted past loss relative to the methods' mean, and its evidence.

    Returns ``(rel, n)``, both methods × units × years: at origin ``y``,

    .. math:: L_{m,u,y} = \frac{\sum_{t<y} \delta^{y-1-t} L_{m,u,t}}{n_{u,y}}, \quad
              n_{u,y} = \sum_{t<y} \delta^{y-1-t}, \quad
              \rho_{m,u,y} = L_{m,u,y} \big/ \tfrac{1}{M}\textstyle\sum_{m'} L_{m',u,y}

    over the years ``t`` with a known outcome, :math:`\delta` = ``discount`` (Stock and Watson's
    2004 discounted mean squared forecast error); NaN where no year is known.
    """
    known = ~np.isnan(loss)
    delta = config.discount
    n = _discounted_past_sum(known.astype(float), delta)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, _discounted_past_sum(loss, delta) / n, np.nan)
    cnt = np.sum(~np.isnan(mean), axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        den = np.where(cnt > 0, np.nansum(mean, axis=0) / np.maximum(cnt, 1), np.nan)
        rel = mean / den[None]
    rel = np.where(np.isfinite(rel), rel, np.nan)
    return rel, n


def combination_weights(
    loss: FloatArray, available: np.ndarray, config: ForecastConfig
) -> FloatArray:
    r"""Combination weights from past losses (units × years × methods).

    Parameters
    ----------
    loss
        Loss of each method at each origin, absolute [pp] or squared [pp²] errors (methods ×
        units × years); NaN where the outcome is unknown.
    available
        Methods × units × years: the method produced a forecast at that origin.
    config
        ``discount`` (of past years), ``pool_years`` (shrinkage toward the pool), ``trim``,
        ``weight_power``, ``equal_share``, ``prior_years``.

    Notes
    -----
    At origin ``y`` each method's discounted mean loss over earlier years (a year ``j`` years
    back weighs :math:`\delta^{j-1}`, :math:`\delta` = ``discount``; Stock and Watson 2004),
    relative to the mean over methods (so that units of different volatility are comparable),
    :math:`\rho_{m,u} = L_{m,u} / \overline{L}_u` (:func:`_relative_record`), is shrunk toward
    the pooled value of the indicator's units (weighted by their discounted years of errors
    :math:`n_u`):

    .. math:: \tilde\rho_{m,u} = \frac{n_u \rho_{m,u} + n_0 \rho_{m,\cdot}}{n_u + n_0}

    with :math:`n_0` = ``pool_years``. The ``trim`` methods with the lowest
    :math:`\tilde\rho` are kept and weighted by :math:`\tilde\rho^{-p}` (``p`` =
    ``weight_power``; with squared errors and ``p = 1`` these are Bates and Granger's
    inverse-MSE weights), mixed with equal weights, :math:`w = (1-\lambda) w + \lambda / M`
    (:math:`\lambda` = ``equal_share``), and renormalised over the methods available at the
    origin. With no past errors at all the weights are equal. A unit with a short or noisy
    history thus borrows the ranking of the methods from the other units of the indicator.

    References
    ----------
    Bates, J. M. and Granger, C. W. J. (1969), "The combination of forecasts", *Operational
    Research Quarterly* 20(4), 451-468. Stock, J. H. and Watson, M. W. (2004), "Combination
    forecasts of output growth in a seven-country data set", *Journal of Forecasting* 23(6),
    405-430. Timmermann, A. (2006), "Forecast combinations", in
    *Handbook of Economic Forecasting* 1, 135-196.
    """
    rel, n_mu = _relative_record(loss, config)  # methods × units × years
    has = ~np.isnan(rel) & (n_mu > 0)
    weight_u = np.where(has, n_mu, 0.0)
    total_m = weight_u.sum(axis=1)  # methods × years
    with np.errstate(invalid="ignore", divide="ignore"):
        pool = np.where(
            total_m > 0, np.nansum(np.where(has, rel, 0.0) * weight_u, 1) / total_m, 1.0
        )
    pool = np.where(np.isfinite(pool), pool, 1.0)  # methods × years
    total = total_m.max(axis=0)  # years
    # Evidence in years (errors of one year are correlated across units): shrink toward 1.
    years_seen = np.max(weight_u, axis=1)  # methods × years
    t0 = config.prior_years
    pool = (years_seen * pool + t0) / (years_seen + t0) if t0 > 0 else pool
    n0 = config.pool_years
    rel_u = np.where(has, rel, pool[:, None, :])
    nn = weight_u
    shrunk = (nn * rel_u + n0 * pool[:, None, :]) / (nn + n0)
    inv = np.maximum(shrunk, 1e-6) ** (-config.weight_power)
    if config.trim > 0:
        # keep the `trim` best methods (by shrunk relative loss) at each unit × origin
        # Rounded, so that methods with the same record (a method that fell back to the ratio
        # rule in every past year has the ratio rule's errors) tie exactly and the member
        # order decides, not rounding noise.
        masked = np.where(available, np.round(shrunk, 10), np.inf)
        order = np.argsort(np.argsort(masked, axis=0, kind="stable"), axis=0, kind="stable")
        inv = np.where(order < config.trim, inv, 0.0)
    no_history = total[None, None, :] <= 0
    inv = np.where(no_history, 1.0, inv)
    inv = np.where(available, inv, 0.0)
    norm = inv.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        w = np.where(norm > 0, inv / norm, 0.0)
    n_avail = available.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        equal = np.where(available, 1.0 / np.maximum(n_avail, 1), 0.0)
    lam = config.equal_share
    w = (1.0 - lam) * w + lam * equal
    return np.moveaxis(w, 0, -1)


def calibrate(
    error: FloatArray, proxy: FloatArray, config: ForecastConfig, complete: bool = False
) -> tuple[FloatArray, FloatArray, np.ndarray]:
    r"""Out-of-sample interval scales and standardised errors (units × years).

    Parameters
    ----------
    error
        Forecast minus actual [pp] (units × years); NaN where unknown.
    proxy
        :func:`volatility_proxy` [pp].
    config
        ``pool_years``, ``min_sigma``.
    complete
        The origin is the year's last period (the outcome is known): scales are 0.

    Returns
    -------
    (sigma, z, n_past)
        ``sigma[u, y]`` [pp] from errors of years before ``y`` only; ``z = error / sigma``;
        ``n_past`` the number of those errors.

    Notes
    -----
    The proxy is calibrated by the pooled factor
    :math:`c_y = (Y_y \hat c_y + Y_0) / (Y_y + Y_0)`, where
    :math:`\hat c_y = \mathrm{mean}_{u, y' < y} (e_{u,y'} / \sigma^{fb}_{u,y'})^2`,
    :math:`Y_y` is the number of past years with errors and :math:`Y_0` =
    ``calibration_prior_years`` (the factor is shrunk toward 1 while few years are known), and combined
    with the unit's own mean squared error,

    .. math:: \sigma^2_{u,y} = \frac{n_u \overline{e^2_u} + n_0 c_y (\sigma^{fb}_{u,y})^2}
              {n_u + n_0},

    so a unit with a short history borrows the pool's calibration (:math:`n_0` =
    ``pool_years``). Standardising each error by the scale known *before* its year makes the
    pooled ``z`` honest (sequential split-conformal calibration).
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio_sq = (error / proxy) ** 2
    pooled_num = np.nansum(ratio_sq, axis=0)
    pooled_cnt = np.sum(~np.isnan(ratio_sq), axis=0)
    cum_num = np.concatenate([[0.0], np.cumsum(pooled_num)[:-1]])
    cum_cnt = np.concatenate([[0], np.cumsum(pooled_cnt)[:-1]])
    cum_years = np.concatenate([[0], np.cumsum(pooled_cnt > 0)[:-1]]).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        observed = np.where(cum_cnt > 0, cum_num / np.maximum(cum_cnt, 1), 1.0)
    y0 = config.calibration_prior_years
    calib = (cum_years * observed + y0) / np.maximum(cum_years + y0, 1e-12)
    prior_var = calib[None, :] * proxy**2
    mse_u, n_u = _past_mean((error**2)[None])
    mse_u, n_u = mse_u[0], n_u[0]
    n0 = config.pool_years
    nn = n_u.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        var = (nn * np.nan_to_num(mse_u) + n0 * prior_var) / (nn + n0)
    sigma = np.sqrt(np.maximum(var, config.min_sigma**2))
    if complete:
        sigma = np.zeros_like(sigma)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(sigma > 0, error / sigma, np.nan)
    return sigma, z, n_u


def _fill_silent(
    block: SeriesBlock,
    k: int,
    names: Sequence[str],
    raw: FloatArray,
    naive: FloatArray,
    config: ForecastConfig,
) -> tuple[FloatArray, np.ndarray]:
    """Members' forecasts with a stand-in where a member says nothing, and where it spoke.

    Where a member is NaN (``available`` False) its row carries the ratio rule's forecast or,
    with :attr:`ForecastConfig.record` ``"stand_in"``, the forecast of the method it reduces
    to there (:attr:`~sprintmodel.forecast.methods.Method.stands_in`: momentum for
    ``seasonal_step``; computed here if it is not a member). The row is the method's record
    (its errors rank it at later origins) and, alone, its forecast; in a combination of
    several members only the available ones get weight.
    """
    available = np.isfinite(raw)
    filled = np.where(available, raw, naive[None])
    if config.record != "stand_in" or not block.indicator.additive or k == block.steps - 1:
        return filled, available
    for i, name in enumerate(names):
        other = METHODS[name].stands_in if name in METHODS else None
        if other is None:
            continue
        if other in names:
            sub = filled[names.index(other)]
        else:
            rest = np.asarray(METHODS[other].func(block, k), dtype=float)
            sub = fy_growth_from_rest(block.share[:, :, k], block.growth[:, :, k], rest)
            sub = np.where(np.isfinite(sub), sub, naive)
        filled[i] = np.where(available[i], raw[i], sub)
    return filled, available


def fit_block(
    block: SeriesBlock,
    k: int,
    methods: Sequence[str | MethodFunc],
    config: ForecastConfig | None = None,
) -> BlockFit:
    """Rolling-origin forecasts of every method and their combination for one block.

    Parameters
    ----------
    block
        History of one indicator at one frequency; its last year is the one forecast.
    k
        Period index within the year (0-based): ``2`` is Q3 for quarterly blocks, September
        ``8`` for monthly ones.
    methods
        Member method names (or callables ``f(block, k) -> rest``). With one member the
        "combination" is that method. A non-additive block (rate, share) uses the level
        methods of :func:`~sprintmodel.forecast.methods.level_members` instead, which predict
        the full-year growth directly (its full year is the year-end level, not a sum).
    config
        Settings of the combination and the intervals.

    Returns
    -------
    BlockFit
    """
    cfg = config or ForecastConfig()
    additive = block.indicator.additive
    level_note: Note | None = None
    if additive:
        names = tuple(
            m if isinstance(m, str) else getattr(m, "__name__", "custom") for m in methods
        )
        funcs = [METHODS[m].func if isinstance(m, str) else m for m in methods]
    else:  # a rate or share: methods forecast the full-year level itself
        names, level_note = level_members(methods)
        funcs = [LEVEL_METHODS[m].func for m in names]
    g_k = block.growth[:, :, k]
    naive = g_k.copy()
    raw: list[FloatArray] = []
    for func in funcs:
        if k == block.steps - 1:
            growth = np.full_like(g_k, np.nan)
        elif additive:
            rest = np.asarray(func(block, k), dtype=float)
            growth = fy_growth_from_rest(block.share[:, :, k], g_k, rest)
        else:
            growth = np.asarray(func(block, k), dtype=float)
        raw.append(np.where(np.isfinite(growth), growth, np.nan))
    method_growth, available = _fill_silent(block, k, names, np.stack(raw), naive, cfg)
    # The ratio rule is available wherever year-to-date growth is: keep at least it.
    none = ~available.any(axis=0) & ~np.isnan(naive)
    if none.any():
        available = available.copy()
        available[0] |= none
    actual = block.fy_growth.copy()
    if k == block.steps - 1:
        method_growth = np.broadcast_to(g_k, method_growth.shape).copy()
    err = method_growth - actual[None]
    loss = np.abs(err) if cfg.loss == "mae" else err**2
    weights = combination_weights(loss, available, cfg)
    growth = np.einsum("uym,muy->uy", weights, np.nan_to_num(method_growth))
    growth = np.where(np.isnan(naive), np.nan, growth)
    error = growth - actual

    proxy = volatility_proxy(block, k, cfg)
    sigma, z, n_u = calibrate(error, proxy, cfg, complete=k == block.steps - 1)
    nn = n_u.astype(float)

    published = ~np.isnan(naive)
    marks: list[tuple[np.ndarray, Note]] = []
    if k == block.steps - 1:
        marks.append((published, Note.of("forecast.year_complete")))
    elif len(names) > 1:
        only_one = (available.sum(axis=0) == 1) & published
        marks.append((only_one, Note.of("forecast.ratio_only")))
    if level_note is not None:
        marks.append((published, level_note))
    no_errors = (nn == 0) & published & (k < block.steps - 1)
    marks.append((no_errors, Note.of("forecast.no_backtest")))
    return BlockFit(
        block=block,
        k=k,
        methods=names,
        method_growth=method_growth,
        method_available=available,
        actual_growth=actual,
        weights=weights,
        growth=growth,
        error=error,
        sigma=sigma,
        z=z,
        n_past=n_u,
        notes=_note_grid(g_k.shape, marks),
    )


def _note_grid(shape: tuple[int, ...], marks: list[tuple[np.ndarray, Note]]) -> np.ndarray:
    """Notes per unit × year (an object array of tuples of :class:`~sprintmodel.notes.Note`):
    each mark's note where its mask holds, in the order of ``marks``."""
    bits = np.zeros(shape, dtype=np.int64)
    for j, (mask, _) in enumerate(marks):
        bits |= np.asarray(mask, dtype=np.int64) << j
    patterns = np.unique(bits)
    table = np.empty(patterns.size, dtype=object)
    for i, b in enumerate(patterns.tolist()):  # a few patterns, not units × years
        table[i] = tuple(note for j, (_, note) in enumerate(marks) if b >> j & 1)
    return table[np.searchsorted(patterns, bits)]
