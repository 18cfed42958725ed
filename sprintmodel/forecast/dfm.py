"""Nowcasting a quarterly indicator with a mixed-frequency dynamic factor model.

A member of the nowcast (:mod:`sprintmodel.forecast.nowcast`) beside the bridge: statsmodels'
:class:`~statsmodels.tsa.statespace.dynamic_factor_mq.DynamicFactorMQ` (Bańbura & Modugno 2014)
on the root's monthly series and the quarterly series of every unit of the indicator, fitted
by EM on data published by the origin only, gives the single-quarter growth of the quarters
not yet published; with the published year-to-date growth it gives the full year.

Transformations (each series is standardised by the model):

- monthly series ``x``: single-month year-on-year growth [%] (published ``single_growth``;
  else from year-to-date values, on the comparable base where year-to-date growth is
  published; a stock such as a loan balance: its year-on-year growth), first-differenced:
  :math:`\\Delta x_m = x_m - x_{m-1}` [pp];
- quarterly series ``y``: single-quarter year-on-year growth [%] (real for ``real``
  indicators, :func:`sprintmodel.ytd.single_growth_from_ytd`), first-differenced:
  :math:`\\Delta y_q = y_q - y_{q-1}` [pp].

Why differences: a quarter's year-on-year growth of a flow is close to the mean of its three
months' year-on-year growth, :math:`y_q = (x_m + x_{m-1} + x_{m-2}) / 3`, so its change from
the previous quarter is exactly the Mariano & Murasawa (2003) weighting that DynamicFactorMQ
builds in for quarterly variables:

.. math:: \\Delta y_q = \\tfrac13 (\\Delta x_m + 2\\Delta x_{m-1} + 3\\Delta x_{m-2}
          + 2\\Delta x_{m-3} + \\Delta x_{m-4}).

Levels of year-on-year growth would need the flat three-month mean, which DynamicFactorMQ does
not offer; they also trend down in China (14% in 2007, 6% in 2019) where their changes do not.

Choices (assumptions, compared on ``data/china_national`` 2005–2022: ``benchmarks/bench_dfm.py``
lists what was tried and the figures): one factor with AR(1) dynamics; no AR(1) idiosyncratic terms (white-noise
idiosyncratic errors: faster, and better at October and November there); fiscal series left
out (:data:`EXCLUDED`: budget timing, not activity), and so are the source indicators that are
only an industry's auxiliary source (``industry_sources.csv`` role ``aux``:
:func:`auxiliary_only`); the parameters of year ``t`` are fitted once
on the data up to the last quarter end at or before the origin (September for the origins
September–November), warm-started from year ``t-1``'s, and reused at every origin of that
quarter, whose extra months only enter through the Kalman filter (the usual nowcasting
practice, Bańbura & Modugno 2014, section 4). Intervals are not the model's own (they ignore
parameter uncertainty): the nowcast's conformal intervals on earlier years' errors apply
(:func:`sprintmodel.forecast.nowcast.interval`).

References
----------
Bańbura, M. & Modugno, M. (2014), "Maximum likelihood estimation of factor models on datasets
with arbitrary pattern of missing data", *Journal of Applied Econometrics* 29(1), 133-160.
Mariano, R. & Murasawa, Y. (2003), "A new coincident index of business cycles based on monthly
and quarterly series", *Journal of Applied Econometrics* 18(4), 427-443.
statsmodels, ``DynamicFactorMQ`` (https://www.statsmodels.org/stable/generated/
statsmodels.tsa.statespace.dynamic_factor_mq.DynamicFactorMQ.html) and its example notebook
"Large dynamic factor models, forecasting, and nowcasting".
"""

from __future__ import annotations

import hashlib
import warnings
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from sprintmodel.ytd import FloatArray, growth_rate, single_from_ytd, single_growth_from_ytd

if TYPE_CHECKING:
    from sprintmodel.data import DataSet

EXCLUDED = ("revenue", "tax", "fiscal_exp")
"""Monthly series left out of the panel: fiscal flows follow the budget calendar more than
activity (assumption; in a prototype on the national data they made the GDP nowcast no better,
``benchmarks/bench_dfm.py``)."""

EM_ITER_COLD = 30
"""EM iterations of a fit without a warm start (assumption, for cost: 30 more raised the
log-likelihood of one national fit by 0.25%)."""

EM_ITER_WARM = 10
"""EM iterations of a fit warm-started from the previous year's parameters (assumption)."""

MIN_QUARTERS = 20
"""Quarterly observations (of the differenced series) a unit needs in the fitting sample to
enter the model, and the target before any fit (assumption: five years)."""

WINDOW_YEARS = 15
"""Years of data before the origin each fit uses (a rolling window; assumption: bounds the
cost of a fit and lets the parameters follow the economy's changes)."""

MIN_MONTHS = 36
"""Monthly observations a series needs in the fitting sample to enter the panel (assumption)."""


def _monthly_series(obs: pd.DataFrame, flow: bool) -> pd.Series | None:
    """Single-month year-on-year growth [%] of one monthly series (PeriodIndex, monthly)."""
    if obs.empty:
        return None
    years = np.arange(int(obs.year.min()) - 1, int(obs.year.max()) + 1)

    def grid(col: str) -> FloatArray:
        if col not in obs.columns:
            return np.full((len(years), 12), np.nan)
        wide = obs.pivot_table(index="year", columns="month", values=col, dropna=False)
        return wide.reindex(index=years, columns=range(1, 13)).to_numpy(float)

    single = grid("single_growth")
    value, growth = grid("ytd_value"), grid("ytd_growth")
    if flow:
        last = np.vstack([np.full((1, 12), np.nan), value[:-1]])
        comparable = single_growth_from_ytd(last, growth)
        sv = single_from_ytd(value)
        from_levels = growth_rate(sv, np.vstack([np.full((1, 12), np.nan), sv[:-1]]))
        derived = np.where(np.isfinite(comparable), comparable, from_levels)
    else:
        derived = growth
    out = np.where(np.isfinite(single), single, derived)[1:]
    index = pd.period_range(f"{years[1]}-01", periods=out.size, freq="M")
    return pd.Series(out.ravel(), index=index)


def auxiliary_only(dataset: DataSet) -> tuple[str, ...]:
    """Source indicators that are only some industry's auxiliary source (every row of theirs
    in ``industry_sources.csv`` has role ``aux``; e.g. ``deposits`` and ``electricity`` of
    ``data/china_national``).

    They serve one industry's bridge (:func:`sprintmodel.forecast.nowcast.signal_sources`),
    not the panel of the economy's common factor: with them the model alone was less accurate
    on the national data (GDP ratio at October/November 0.483/0.432 without, 0.493/0.504
    with; ``benchmarks/bench_dfm.py`` ``in_sample_choices``).
    """
    table = dataset.industry_sources
    if table is None or not len(table):
        return ()
    roles = table.groupby("source_indicator").role.agg(set)
    return tuple(
        str(c) for c, r in roles.items() if r == {"aux"} and c in dataset.source_indicators
    )


def monthly_panel(dataset: DataSet, exclude: Sequence[str] | None = None) -> pd.DataFrame:
    """The root's monthly series as single-month year-on-year growth [%] (months × series).

    Parameters
    ----------
    dataset
        A loaded folder: its monthly indicators and source indicators (e.g. ``iva``
        工业增加值当月同比) of the root unit.
    exclude
        Codes left out (default :data:`EXCLUDED` and :func:`auxiliary_only`).

    Returns
    -------
    pandas.DataFrame
        Monthly PeriodIndex, one column per series code, NaN where not published.
    """
    if exclude is None:
        exclude = (*EXCLUDED, *auxiliary_only(dataset))
    cols: dict[str, pd.Series] = {}
    sources = [(dataset.indicators, dataset.observations)]
    if dataset.source_observations is not None:
        sources.append((dataset.source_indicators, dataset.source_observations))
    for indicators, obs in sources:
        root = obs[(obs.unit == dataset.root) & (obs.freq == "M")]
        for code, part in root.groupby("indicator", sort=True):
            if code in exclude or code not in indicators:
                continue
            s = _monthly_series(part, bool(indicators[str(code)].flow))
            if s is not None and s.notna().any():
                cols[str(code)] = s
    return pd.DataFrame(cols).sort_index()


def quarterly_panel(
    dataset: DataSet, indicator: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Single-quarter year-on-year growth [%] of every unit's quarterly ``indicator``, and the
    published year-to-date values [measure] and growth [%] behind it.

    Returns
    -------
    growth
        Quarterly PeriodIndex × units [%] (:func:`sprintmodel.ytd.single_growth_from_ytd`).
    ytd_value, ytd_growth
        The same layout: published year-to-date values [measure] and growth [%].
    """
    obs = dataset.observations
    q = obs[(obs.indicator == indicator) & (obs.freq == "Q")]
    growth, values, ytd = {}, {}, {}
    for unit, part in q.groupby("unit", sort=False):
        years = np.arange(int(part.year.min()) - 1, int(part.year.max()) + 1)
        v = part.pivot_table(index="year", columns="index", values="ytd_value", dropna=False)
        g = part.pivot_table(index="year", columns="index", values="ytd_growth", dropna=False)
        v = v.reindex(index=years, columns=range(1, 5)).to_numpy(float)
        g = g.reindex(index=years, columns=range(1, 5)).to_numpy(float)
        single = single_growth_from_ytd(v[:-1], g[1:])
        index = pd.period_range(f"{years[1]}Q1", periods=single.size, freq="Q")
        growth[str(unit)] = pd.Series(single.ravel(), index=index)
        values[str(unit)] = pd.Series(v[1:].ravel(), index=index)
        ytd[str(unit)] = pd.Series(g[1:].ravel(), index=index)
    frames = (pd.DataFrame(growth), pd.DataFrame(values), pd.DataFrame(ytd))
    return frames[0].sort_index(), frames[1].sort_index(), frames[2].sort_index()


@dataclass(frozen=True)
class DfmFit:
    """Parameters of one DynamicFactorMQ fit (on standardised data).

    Attributes
    ----------
    params
        The model's parameters, in the order of ``names`` (statsmodels' ``param_names``).
    names
        Parameter names (e.g. ``loading.0->CN``, ``L1.0->0``, ``sigma2.CN``).
    mean, std
        The standardisation of the monthly and quarterly columns [pp].
    monthly, quarterly
        Column names of the monthly and quarterly panels the fit used.
    start
        First month of the fitting sample.
    """

    params: FloatArray
    names: tuple[str, ...]
    mean: pd.Series
    std: pd.Series
    monthly: tuple[str, ...]
    quarterly: tuple[str, ...]
    start: pd.Period


def _model(
    dm: pd.DataFrame, dq: pd.DataFrame, standardize: bool | tuple[pd.Series, pd.Series] = True
) -> Any:
    from statsmodels.tsa.statespace.dynamic_factor_mq import DynamicFactorMQ

    return DynamicFactorMQ(
        dm,
        endog_quarterly=dq,
        factors=1,
        factor_orders=1,
        idiosyncratic_ar1=False,
        standardize=standardize,
    )


START_VALUE = 0.5
"""Start of every loading, the factor's AR(1) coefficient and every idiosyncratic variance
(standardised data) where no earlier fit has it; the factor innovation's scale starts at 1
(assumption: on one national fit, 30 EM iterations from there reached a higher log-likelihood
than from statsmodels' own start, -2277.8 against -2279.6, in two thirds of the time)."""


def start_params(names: Sequence[str], previous: DfmFit | None) -> FloatArray:
    """EM start: the previous fit's value of each parameter of the same name, else
    :data:`START_VALUE` (1 for the factor innovation's Cholesky factor)."""
    known = dict(zip(previous.names, previous.params, strict=True)) if previous else {}
    return np.array(
        [known.get(n, 1.0 if ".cov.chol" in n else START_VALUE) for n in names], dtype=float
    )


def fit_dfm(dm: pd.DataFrame, dq: pd.DataFrame, start: DfmFit | None = None) -> DfmFit | None:
    """Fit DynamicFactorMQ by EM on differenced panels (one factor, AR(1), white-noise
    idiosyncratic errors).

    Parameters
    ----------
    dm
        Monthly panel, differenced [pp] (monthly PeriodIndex, ending at the last month used).
    dq
        Quarterly panel, differenced [pp] (quarterly PeriodIndex, from ``dm``'s first quarter).
    start
        A previous fit: EM starts from its parameters (:func:`start_params`) and runs
        :data:`EM_ITER_WARM` iterations, else :data:`EM_ITER_COLD`.

    Returns
    -------
    DfmFit or None
        None where EM fails (a non-positive-definite step).
    """
    mod = _model(dm, dq)
    names = tuple(mod.param_names)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            res = mod.fit(
                start_params=start_params(names, start),
                maxiter=EM_ITER_WARM if start is not None else EM_ITER_COLD,
                disp=False,
            )
        except (np.linalg.LinAlgError, ValueError):
            return None
    cols = [*dm.columns, *dq.columns]
    return DfmFit(
        np.asarray(res.params, float),
        names,
        pd.Series(np.asarray(mod._endog_mean, float), index=cols),
        pd.Series(np.asarray(mod._endog_std, float), index=cols),
        tuple(dm.columns),
        tuple(dq.columns),
        dm.index[0],
    )


def predict_quarters(fit: DfmFit, dm: pd.DataFrame, dq: pd.DataFrame, year: int) -> pd.DataFrame:
    """The fitted model's forecasts of the quarterly columns' differences [pp] for the quarters
    of ``year`` after the data (Kalman filter with the fit's parameters; the panels may run
    further than the fit's sample).

    Returns
    -------
    pandas.DataFrame
        Index the quarters 1-4 of ``year`` not yet in ``dq``, columns the quarterly units.
    """
    mod = _model(dm[list(fit.monthly)], dq[list(fit.quarterly)], (fit.mean, fit.std))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mod.filter(fit.params)
        steps = 12 - dm.index[-1].month if dm.index[-1].year == year else 0
        fc = res.forecast(steps) if steps else None
    last_q = dq.index[-1]
    quarters = [q for q in range(1, 5) if pd.Period(f"{year}Q{q}", freq="Q") > last_q]
    out = pd.DataFrame(np.nan, index=quarters, columns=list(fit.quarterly))
    if fc is None:
        return out
    for q in quarters:
        stamp = pd.Period(f"{year}-{3 * q:02d}", freq="M")
        if stamp in fc.index:
            out.loc[q] = fc.loc[stamp, list(fit.quarterly)].to_numpy(float)
    return out


def full_year_growth(
    last_year_ytd: FloatArray, ytd_growth: FloatArray, known: int, later: FloatArray
) -> float:
    """Full-year growth [%] from the published year-to-date growth at quarter ``known`` and the
    single-quarter growth of the later quarters.

    .. math:: g = \\frac{Y_{t-1,k}(1+G_k/100) + \\sum_{j>k} (Y_{t-1,j} - Y_{t-1,j-1})
              (1+q_j/100)}{Y_{t-1,4}} - 1

    with :math:`Y_{t-1,j}` last year's year-to-date values (the base of this year's growth,
    :func:`sprintmodel.ytd.volume_at_last_year_prices`).

    Examples
    --------
    Last year 100 a quarter; 5% to Q3; Q4 grows 9%: the year grows 6%.

    >>> full_year_growth(np.array([100.0, 200, 300, 400]), np.array([5.0, 5, 5, np.nan]), 3,
    ...                  np.array([9.0]))
    6.0
    """
    y = np.asarray(last_year_ytd, dtype=float)
    single = np.diff(np.concatenate([[0.0], y]))
    volume = y[known - 1] * (1 + ytd_growth[known - 1] / 100.0) if known else 0.0
    volume += float(single[known:] @ (1 + np.asarray(later, float) / 100.0))
    return float(100.0 * (volume / y[3] - 1.0))


def rolling_fits(
    monthly: pd.DataFrame, quarterly: pd.DataFrame, years: Sequence[int], known: int
) -> dict[int, DfmFit]:
    """One fit per year on the data up to quarter ``known`` of that year (year → fit).

    Parameters
    ----------
    monthly, quarterly
        Single-month and single-quarter year-on-year growth [%] (:func:`monthly_panel`,
        :func:`quarterly_panel`); differenced here.
    years
        Years (ascending); each fit starts from the previous year's (:func:`start_params`).
    known
        Quarters of the year published at the origin (3 for the origins September–November).

    Notes
    -----
    The sample of year ``t`` is the last :data:`WINDOW_YEARS` years up to quarter ``known`` of
    ``t``, with the quarterly units of at least :data:`MIN_QUARTERS` and the monthly series of
    at least :data:`MIN_MONTHS` observations in it; a year without them gets no fit.
    """
    dm_all, dq_all = monthly.diff(), quarterly.diff()
    fits: dict[int, DfmFit] = {}
    prev: DfmFit | None = None
    for year in years:
        end_q = pd.Period(f"{year}Q{known}", freq="Q") if known else pd.Period(f"{year - 1}Q4")
        dq = dq_all.loc[end_q - 4 * WINDOW_YEARS + 1 : end_q]
        dq = dq.loc[:, dq.count() >= MIN_QUARTERS]
        first = dq.first_valid_index()
        if dq.shape[1] == 0 or first is None:
            continue
        span = pd.period_range(first.asfreq("M", how="start"), end_q.asfreq("M", how="end"))
        dm = dm_all.reindex(span)
        dm = dm.loc[:, dm.count() >= MIN_MONTHS]
        if dm.shape[1] == 0:
            continue
        fit = fit_dfm(dm, dq.loc[first:], prev)
        if fit is not None:
            fits[year] = prev = fit
    return fits


def rolling_nowcast(
    monthly: pd.DataFrame,
    quarterly: pd.DataFrame,
    ytd_value: pd.DataFrame,
    ytd_growth: pd.DataFrame,
    years: Sequence[int],
    month: int,
    fits: dict[int, DfmFit] | None = None,
) -> pd.DataFrame:
    """Rolling-origin full-year growth nowcasts [%] (years × units).

    Parameters
    ----------
    monthly
        Single-month year-on-year growth [%] (:func:`monthly_panel`).
    quarterly
        Single-quarter year-on-year growth [%] (:func:`quarterly_panel`).
    ytd_value, ytd_growth
        Year-to-date values [measure] and growth [%] of the quarterly units (the layout of
        ``quarterly``).
    years
        Years to nowcast (ascending).
    month
        Origin month: year ``t`` uses the months up to ``month`` of ``t`` and the quarters up
        to ``month // 3``.
    fits
        :func:`rolling_fits` for ``known = month // 3`` (computed when not given): the
        parameters come from the data up to the last quarter end, the later months enter
        through the Kalman filter.

    Returns
    -------
    pandas.DataFrame
        Index ``years``, columns the units; NaN where the model has no fit (too little data)
        or the year's published figures are missing.
    """
    known = month // 3
    fits = rolling_fits(monthly, quarterly, years, known) if fits is None else fits
    dm_all, dq_all = monthly.diff(), quarterly.diff()
    out = pd.DataFrame(np.nan, index=pd.Index(list(years), name="year"), columns=quarterly.columns)
    for year, fit in fits.items():
        if year not in out.index:
            continue
        end_q = pd.Period(f"{year}Q{known}", freq="Q") if known else pd.Period(f"{year - 1}Q4")
        origin = pd.Period(f"{year}-{month:02d}", freq="M")
        dm = dm_all.reindex(pd.period_range(fit.start, origin, freq="M"))
        dq = dq_all.loc[fit.start.asfreq("Q") : end_q]
        diffs = predict_quarters(fit, dm, dq, year)
        for unit in fit.quarterly:
            base_q = quarterly[unit].get(end_q, np.nan) if known else np.nan
            later = base_q + np.cumsum(diffs[unit].to_numpy(float))
            last = ytd_value[unit].reindex(pd.period_range(f"{year - 1}Q1", periods=4, freq="Q"))
            this = ytd_growth[unit].reindex(pd.period_range(f"{year}Q1", periods=4, freq="Q"))
            out.loc[year, unit] = full_year_growth(
                last.to_numpy(float), this.to_numpy(float), known, later
            )
    return out


_CACHE: OrderedDict[str, dict[int, DfmFit]] = OrderedDict()
_NOWCASTS: OrderedDict[str, pd.DataFrame] = OrderedDict()
_CACHE_SIZE = 16


def dataset_nowcast(
    dataset: DataSet, indicator: str, years: Sequence[int], month: int
) -> pd.DataFrame:
    """:func:`rolling_nowcast` of every unit of ``indicator`` in ``dataset`` (years × units) [%].

    The fits (:func:`rolling_fits`) are kept in memory keyed by a SHA-256 hash of the panels,
    the years and the quarters known, so the members of every unit and the origins of one
    quarter (October, November) share them.
    """
    monthly = monthly_panel(dataset)
    growth, values, ytd_growth = quarterly_panel(dataset, indicator)
    known = month // 3
    h = hashlib.sha256()
    for frame in (monthly, growth):
        h.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
        h.update(",".join(map(str, frame.columns)).encode())
    h.update(f"{tuple(years)}|{known}".encode())
    key = h.hexdigest()
    h.update(pd.util.hash_pandas_object(values, index=True).to_numpy().tobytes())
    h.update(pd.util.hash_pandas_object(ytd_growth, index=True).to_numpy().tobytes())
    out_key = f"{key}|{month}|{h.hexdigest()}"
    if out_key not in _NOWCASTS:
        if key not in _CACHE:
            _CACHE[key] = rolling_fits(monthly, growth, [int(y) for y in years], known)
        fits = _CACHE[key]
        _NOWCASTS[out_key] = rolling_nowcast(
            monthly, growth, values, ytd_growth, years, month, fits
        )
    for cache in (_CACHE, _NOWCASTS):
        cache.move_to_end(key if cache is _CACHE else out_key)
        while len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)
    return _NOWCASTS[out_key]


def member_forecast(
    dataset: DataSet,
    indicator: str,
    unit: str,
    years: Sequence[int],
    month: int,
    base: FloatArray,
) -> FloatArray | None:
    """The nowcast member ``dfm``'s forecasts of one unit [%] (years,): the rolling-origin DFM
    nowcast (:func:`dataset_nowcast`), ``base`` where the model has no fit; None where the
    unit is not in the model (or no monthly series exist). Wrapped as a member by
    :data:`sprintmodel.forecast.nowcast.MEMBERS` (its one part, ``dfm``, is forecast − base).
    """
    table = dataset_nowcast(dataset, indicator, [int(y) for y in years], month)
    if unit not in table.columns or table[unit].isna().all():
        return None
    f = table[unit].reindex(list(years)).to_numpy(float)
    return np.asarray(np.where(np.isfinite(f), f, base), dtype=float)


__all__ = [
    "EM_ITER_COLD",
    "EM_ITER_WARM",
    "EXCLUDED",
    "MIN_MONTHS",
    "MIN_QUARTERS",
    "START_VALUE",
    "WINDOW_YEARS",
    "DfmFit",
    "auxiliary_only",
    "dataset_nowcast",
    "fit_dfm",
    "full_year_growth",
    "member_forecast",
    "monthly_panel",
    "predict_quarters",
    "quarterly_panel",
    "rolling_fits",
    "rolling_nowcast",
    "start_params",
]
