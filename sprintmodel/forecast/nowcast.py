"""Nowcasting a quarterly indicator's full year from monthly data: bridge equations, judged.

At a monthly origin inside the fourth quarter (October: Jan–Oct figures, out in mid-November)
a quarterly series such as GDP still stands at Q3, but monthly source indicators (industrial
production, exports, investment...) already cover part of the fourth quarter. The bridge
regresses the error of the Q3 forecast (the combination's, ``base``) on how the monthly
indicators moved after the third quarter:

.. math:: y_t - b_t = \\alpha + \\beta^\\top x_t + \\varepsilon_t,

fitted by ridge regression on standardised signals over earlier years only (rolling origin),
so that every forecast uses only what was published by its origin. The penalty covers the
intercept too: the prior is that the base is unbiased and the signals carry no news, so a
bridge moves the base only as far as the earlier years support it (with the signals centred
on the fitting years, :math:`\\hat\\alpha = \\sum (y - b) / (n + \\lambda)`). The bridge is then a member
judged like the others: :func:`judged_weights` weights the members against the base by the
inverse mean squared error of earlier years, so a unit whose monthly counterparts say nothing
keeps the base. Members are registered in :data:`MEMBERS` (functions of a
:class:`NowcastInput` returning a :class:`MemberForecast`); :func:`nowcast_rows` is the entry
point of the backtest, the live forecast and the news (``forecast_growth = base_growth +
intercept_pp + sum of contrib_*_pp``).

Signals (:func:`quarter_signals`) for an origin month ``m`` of year ``t``:

- a single-month growth series (``single_growth``, e.g. industrial production 工业增加值当月同比):
  the mean of the months after September up to ``m`` minus the mean of July–September [pp];
- a year-to-date series (exports, investment: 累计同比, or growth from year-to-date values; a
  balance's growth): its growth at ``m`` minus that at September [pp].

Which series bridge a unit: :func:`signal_sources` (its own ``industry_sources.csv`` rows, then
the root's :data:`BRIDGE_SOURCES`).

References
----------
Baffigi, Golinelli & Parigi (2004), "Bridge models to forecast the euro area GDP",
International Journal of Forecasting 20(3), 447-460. Hoerl & Kennard (1970), "Ridge
regression: biased estimation for nonorthogonal problems", Technometrics 12(1), 55-67. The
ridge penalty (5 on standardised signals, on the intercept too) is an assumption, chosen on
the national data (see ``docs/forecast.md`` and ``benchmarks/results/nowcast.json``).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from sprintmodel.data.model import COMPONENT_KIND
from sprintmodel.ytd import FloatArray

if TYPE_CHECKING:
    from sprintmodel.data import DataSet

IntArray = npt.NDArray[np.int_]

RIDGE = 5.0
"""Ridge penalty on the intercept and the standardised signals [1] (assumption, see the module
doc)."""

MIN_YEARS = 6
"""Earlier years needed before the bridge is fitted; before that it returns the base."""


def quarter_signals(series: FloatArray, kind: str, month: int) -> FloatArray:
    """The signal of a monthly series at origin ``month`` (years,) [pp]: how it moved in the
    months after the last complete quarter.

    Parameters
    ----------
    series
        Growth [%] (years × 12, NaN where not published): single-month year-on-year growth
        (``kind="single"``) or year-to-date growth (``kind="ytd"``).
    month
        Origin month (e.g. 10 or 11); at a quarter's end there is no such month: zeros.

    Notes
    -----
    With ``q`` the last quarter-end month before ``month``: single-month series give the mean
    of months ``q+1..month`` minus the mean of ``q-2..q``; year-to-date series their growth at
    ``month`` minus that at ``q``.

    Examples
    --------
    >>> ip = np.array([[np.nan] * 6 + [5.0, 6.0, 7.0, 4.0, 5.0, np.nan]])
    >>> quarter_signals(ip, "single", 10), quarter_signals(ip, "single", 11)
    (array([-2.]), array([-1.5]))
    """
    s = np.asarray(series, dtype=np.float64)
    q = 3 * (month // 3)
    if month == q or q < 3:
        return np.zeros(s.shape[0])
    if kind == "single":
        return np.asarray(s[:, q:month].mean(axis=1) - s[:, q - 3 : q].mean(axis=1))
    if kind == "ytd":
        return np.asarray(s[:, month - 1] - s[:, q - 1])
    raise ValueError(f"kind must be 'single' or 'ytd', not {kind!r}")


def bridge_terms(
    base: FloatArray,
    actual: FloatArray,
    signals: FloatArray,
    *,
    ridge: float = RIDGE,
    min_years: int = MIN_YEARS,
) -> tuple[FloatArray, FloatArray]:
    """The rolling-origin bridge's intercept and per-signal terms (years,), (years × k) [pp].

    Parameters
    ----------
    base
        The forecast without the monthly signals (the Q3 combination) [%] (years,).
    actual
        Published full-year growth [%] (years,), NaN where not yet known.
    signals
        Signals [pp] (years × k), :func:`quarter_signals`.

    Returns
    -------
    intercept, terms
        For year ``t``, with the ridge fit (penalty ``ridge`` on every coefficient, the
        intercept included) of ``actual - base`` on the standardised signals of the years
        before ``t`` with all values known (mean ``mu``, standard deviation
        ``sd`` of those years' signals, coefficients ``a, b``): ``intercept[t] = a`` and
        ``terms[t, j] = b_j (x_{t,j} - mu_j) / sd_j``, so that the bridge forecast is
        ``base[t] + intercept[t] + terms[t].sum()``. Zeros where fewer than ``min_years``
        such years exist or a signal of ``t`` is missing (the bridge is then the base).
    """
    b = np.asarray(base, dtype=np.float64)
    y = np.asarray(actual, dtype=np.float64)
    x = np.asarray(signals, dtype=np.float64).reshape(len(b), -1)
    intercept = np.zeros(len(b))
    terms = np.zeros(x.shape)
    ok = np.isfinite(b) & np.isfinite(y) & np.isfinite(x).all(axis=1)
    for t in range(len(b)):
        past = ok.copy()
        past[t:] = False
        if past.sum() < min_years or not np.isfinite(x[t]).all() or not np.isfinite(b[t]):
            continue
        xp = x[past]
        mu, sd = xp.mean(axis=0), xp.std(axis=0)
        sd = np.where(sd > 0, sd, 1.0)
        design = np.column_stack([np.ones(len(xp)), (xp - mu) / sd])
        penalty = ridge * np.eye(design.shape[1])
        coef = np.linalg.solve(design.T @ design + penalty, design.T @ (y[past] - b[past]))
        intercept[t] = coef[0]
        terms[t] = (x[t] - mu) / sd * coef[1:]
    return intercept, terms


def judged_weights(
    forecasts: FloatArray, actual: FloatArray, *, min_years: int = MIN_YEARS
) -> FloatArray:
    """Weights of member forecasts by the inverse MSE of earlier years' errors (members × years).

    Parameters
    ----------
    forecasts
        Members × years [%]; member 0 is the fallback (weight 1) until ``min_years`` years
        in which the members differ have known errors.
    actual
        Published outcomes [%] (years,).

    Notes
    -----
    For year ``t`` with ``K`` the earlier years in which the members differ and every error is
    known: :math:`w_i \\propto 1 / \\max(\\overline{e_i^2}, 10^{-6})` over ``K``, weights summing
    to 1 (Bates & Granger 1969, "The combination of forecasts", *Operational Research
    Quarterly* 20(4), with the weights of Stock & Watson 2004, *Journal of Forecasting*
    23(6), eq. 3 at kappa = 1).
    """
    f = np.asarray(forecasts, dtype=np.float64)
    a = np.asarray(actual, dtype=np.float64)
    err2 = (f - a[None, :]) ** 2
    # Years in which the members agree (a bridge not yet fitted equals the base) say nothing
    # about which is better: only the years in which they differ count.
    differ = np.ptp(f, axis=0) > 1e-12
    w = np.zeros(f.shape)
    w[0] = 1.0
    for t in range(f.shape[1]):
        known = np.isfinite(err2[:, :t]).all(axis=0) & differ[:t]
        if known.sum() < min_years or not np.isfinite(f[:, t]).all():
            continue
        mse = err2[:, :t][:, known].mean(axis=1)
        inv = 1.0 / np.maximum(mse, 1e-6)
        w[:, t] = inv / inv.sum()
    return w


def judged(forecasts: FloatArray, actual: FloatArray, *, min_years: int = MIN_YEARS) -> FloatArray:
    """Combine member forecasts by the inverse MSE of their earlier years' errors (years,)
    (:func:`judged_weights`).

    Examples
    --------
    Member 1 was right every year, member 0 off by one point: member 1 takes the weight.

    >>> f = np.array([[1.0] * 8, [0.0] * 8]); a = np.zeros(8)
    >>> bool(judged(f, a)[-1] < 0.01)
    True
    """
    f = np.asarray(forecasts, dtype=np.float64)
    w = judged_weights(f, actual, min_years=min_years)
    with np.errstate(invalid="ignore"):
        return np.asarray(np.where(w > 0, w * f, 0.0).sum(axis=0))


def interval(
    forecast: FloatArray, actual: FloatArray, level: float = 0.8, *, min_years: int = MIN_YEARS
) -> tuple[FloatArray, FloatArray]:
    """Conformal intervals from the absolute errors of earlier years (years,) [%].

    The half-width for year ``t`` is the :math:`h = (n+1)\\,\\text{level}`-th smallest of the
    ``n`` earlier absolute errors, interpolated linearly between the neighbouring order
    statistics where ``h`` is not whole (Hyndman & Fan 1996, "Sample quantiles in statistical
    packages", *The American Statistician* 50(4), definition 6); NaN before ``min_years``
    errors are known or when ``h > n``.

    Notes
    -----
    Under exchangeable errors the ``k``-th smallest of ``n`` covers a new error with probability
    ``k / (n + 1)`` (Vovk, Gammerman & Shafer 2005, *Algorithmic Learning in a Random World*,
    ch. 2), so the interpolated rank aims at ``level`` itself. Split-conformal's usual rank
    :math:`\\lceil h \\rceil` guarantees *at least* ``level`` and, with the 6–17 earlier years
    of a national series, aims at 0.80–0.89 for 80% (0.889 with 8 years, 0.84 on average over
    6–17): conservative, where the backtest asks for calibrated intervals.

    Examples
    --------
    Eight earlier errors 1..8: ``h = 9 × 0.8 = 7.2``, half-width ``7 + 0.2 × (8 − 7) = 7.2``.

    >>> lo, hi = interval(np.array([1, -2, 3, -4, 5, -6, 7, -8, 0.0]), np.zeros(9))
    >>> round(float(hi[-1]), 6)
    7.2
    """
    f = np.asarray(forecast, dtype=np.float64)
    e = np.abs(f - np.asarray(actual, dtype=np.float64))
    half = np.full(len(f), np.nan)
    for t in range(len(f)):
        past = np.sort(e[:t][np.isfinite(e[:t])])
        n = len(past)
        h = (n + 1) * level
        if n >= min_years and h <= n:
            k = int(np.floor(h))
            half[t] = past[k - 1] + (h - k) * (past[min(k, n - 1)] - past[k - 1])
    return f - half, f + half


BRIDGE_SOURCES = ("iva", "exports", "fai")
"""Monthly indicators of the root that bridge every quarterly series at a monthly origin, where
the folder has them monthly: industrial production (规模以上工业增加值), exports and
fixed-asset investment: production, external demand and investment, the monthly national
accounts' coverage (assumption; ``fai`` was added after seeing the 2005–2022 backtest, recorded
in ``benchmarks/results/nowcast.json`` ``in_sample_choices``)."""


@dataclass(frozen=True)
class NowcastInput:
    """What a nowcast member sees for one unit × indicator (rolling origin over ``years``).

    Attributes
    ----------
    dataset
        The data (all of it: a member uses, for year ``t``, only months up to ``month`` of
        ``t`` and the full years before ``t``).
    unit, indicator
        The series being nowcast.
    month
        Origin month (e.g. 10: January–October published).
    years
        Years of the rows (ascending).
    base
        The quarterly combination's forecast [%] (years,).
    actual
        Published full-year growth [%] (years,), NaN where not yet known (the live year).
    signals
        Signals of the monthly source series [pp] (index ``years``, one column per series,
        :func:`quarter_signals`; no columns where the unit has none).
    """

    dataset: DataSet
    unit: str
    indicator: str
    month: int
    years: IntArray
    base: FloatArray
    actual: FloatArray
    signals: pd.DataFrame


@dataclass(frozen=True)
class MemberForecast:
    """A nowcast member's forecasts and their parts.

    Attributes
    ----------
    forecast
        Full-year growth [%] (years,).
    parts
        Name → [pp] (years,), adding up to ``forecast - base``: ``"intercept"`` and one entry
        per signal (a series code) or per member (e.g. ``"dfm"``).
    """

    forecast: FloatArray
    parts: dict[str, FloatArray]


NowcastMember = Callable[[NowcastInput], "MemberForecast | None"]
"""A member: rolling-origin forecasts of one unit × indicator, or None where it has nothing to
say (no signals)."""


def bridge_member(inp: NowcastInput) -> MemberForecast | None:
    """The bridge (:func:`bridge_terms`) on the input's signals; None without signals."""
    if inp.signals.shape[1] == 0:
        return None
    intercept, terms = bridge_terms(inp.base, inp.actual, inp.signals.to_numpy(float))
    parts = {"intercept": intercept} | {c: terms[:, j] for j, c in enumerate(inp.signals)}
    return MemberForecast(inp.base + intercept + terms.sum(axis=1), parts)


def dfm_member(inp: NowcastInput) -> MemberForecast | None:
    """The dynamic factor model (:func:`sprintmodel.forecast.dfm.member_forecast`); its one
    part ``dfm`` is forecast − base."""
    from sprintmodel.forecast.dfm import member_forecast

    years = [int(y) for y in inp.years]
    f = member_forecast(inp.dataset, inp.indicator, inp.unit, years, inp.month, inp.base)
    return None if f is None else MemberForecast(f, {"dfm": f - inp.base})


MEMBERS: dict[str, NowcastMember] = {"bridge": bridge_member, "dfm": dfm_member}
"""Nowcast members by name (each judged against the base by :func:`judged_weights`). Another
member (e.g. a dynamic factor model) is added here and named in :data:`DEFAULT_MEMBERS`."""

DEFAULT_MEMBERS: tuple[str, ...] = ("bridge",)
"""Members of :func:`nowcast_rows` by default. ``dfm`` is judged only when named: on the
national data it lowers the judged nowcast's accuracy at October and November
(``benchmarks/results/dfm.json``)."""


def monthly_growth(
    dataset: DataSet, unit: str, code: str, years: IntArray
) -> tuple[FloatArray, str] | None:
    """A monthly series' growth [%] (years × 12) and its kind for :func:`quarter_signals`.

    ``("single", …)`` where the folder gives the single month's growth (``single_growth``,
    当月同比), else ``("ytd", …)``: year-to-date growth as published, else from the
    year-to-date values of consecutive years (growth is the ratio of values: nominal
    indicators and volumes). None without the series. The grids are built once per
    observations frame (:func:`_monthly_grids`).
    """
    if code in dataset.indicators:
        obs = dataset.observations
    elif code in dataset.source_indicators and dataset.source_observations is not None:
        obs = dataset.source_observations
    else:
        return None
    found = _monthly_grids(obs).get((unit, code))
    if found is None:
        return None
    first, grid, kind = found
    rows = np.asarray(years, dtype=np.int64) - first
    inside = (rows >= 0) & (rows < grid.shape[0])
    out = np.full((len(rows), 12), np.nan)
    out[inside] = grid[rows[inside]]
    return out, kind


Grid = tuple[int, FloatArray, str]
"""First year, growth [%] (years × 12, consecutive years from the first) and its kind."""


_GRID_CACHE: dict[int, tuple[weakref.ref[pd.DataFrame], dict[tuple[str, str], Grid]]] = {}


def _year_grid(o: pd.DataFrame, column: str) -> FloatArray:
    """``column`` of one monthly series as (years × 12), consecutive years from the year
    before the series' first (that row NaN: it lets growth follow from values)."""
    first = int(o.year.min())
    g = np.full((int(o.year.max()) - first + 2, 12), np.nan)
    g[o.year.to_numpy(np.int64) - first + 1, o.month.to_numpy(np.int64) - 1] = o[column].to_numpy(
        float
    )
    return g


def _monthly_grids(obs: pd.DataFrame) -> dict[tuple[str, str], Grid]:
    """Every monthly (unit, indicator) series of ``obs`` as a growth grid (:data:`Grid`),
    computed once per frame (cached by identity while the frame lives)."""
    hit = _GRID_CACHE.get(id(obs))
    if hit is not None and hit[0]() is obs:
        return hit[1]
    grids: dict[tuple[str, str], Grid] = {}
    monthly = obs[obs.freq == "M"]
    has_single = "single_growth" in monthly.columns
    for (unit, code), o in monthly.groupby(["unit", "indicator"], sort=False):
        first = int(o.year.min())
        if has_single and o.single_growth.notna().any():
            grids[(str(unit), str(code))] = (first, _year_grid(o, "single_growth")[1:], "single")
            continue
        value = _year_grid(o, "ytd_value")
        with np.errstate(invalid="ignore", divide="ignore"):
            derived = 100.0 * (value[1:] / value[:-1] - 1.0)
        growth = _year_grid(o, "ytd_growth")[1:]
        grids[(str(unit), str(code))] = (first, np.where(np.isnan(growth), derived, growth), "ytd")
    _GRID_CACHE[id(obs)] = (weakref.ref(obs), grids)
    weakref.finalize(obs, _GRID_CACHE.pop, id(obs), None)
    return grids


def signal_sources(dataset: DataSet, unit: str) -> tuple[str, ...]:
    """Codes of the monthly series that bridge ``unit``: its own source indicators
    (``industry_sources.csv`` rows whose component is ``unit``, main first) followed by the
    root's :data:`BRIDGE_SOURCES`."""
    own: list[str] = []
    table = dataset.industry_sources
    if table is not None and len(table):
        rows = table[table.component == unit].sort_values("role", key=lambda r: r != "main")
        own = [str(c) for c in rows.source_indicator]
    return tuple(dict.fromkeys([*own, *BRIDGE_SOURCES]))


def signal_owners(dataset: DataSet, unit: str) -> tuple[str, ...]:
    """Units whose monthly series stand for ``unit``'s, first found first: the unit, then
    (for a component seen as a unit, :meth:`DataSet.components_as_units`) its parent, a
    district's industry taking the district's series, then the root."""
    u = dataset.units.get(unit)
    parent = u.parent if u is not None and u.kind == COMPONENT_KIND and u.parent else unit
    return tuple(dict.fromkeys([unit, parent, dataset.root]))


def signal_frame(dataset: DataSet, unit: str, month: int, years: IntArray) -> pd.DataFrame:
    """Signals [pp] of the monthly series that bridge ``unit`` at ``month`` (index ``years``,
    one column per series of :func:`signal_sources` the folder has monthly: the first of
    :func:`signal_owners` that has it; :func:`quarter_signals`)."""
    cols = {}
    for code in signal_sources(dataset, unit):
        for owner in signal_owners(dataset, unit):
            found = monthly_growth(dataset, owner, code, years)
            if found is not None:
                cols[code] = quarter_signals(found[0], found[1], month)
                break
    return pd.DataFrame(cols, index=pd.Index(years, name="year"))


def nowcast_rows(
    dataset: DataSet,
    base_rows: pd.DataFrame,
    month: int,
    *,
    members: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Rolling-origin nowcast rows of quarterly series at a monthly origin.

    Parameters
    ----------
    dataset
        The data folder (monthly source series; each year ``t`` uses only months up to
        ``month`` of ``t``).
    base_rows
        The quarterly forecast's rolling-origin rows: ``unit, indicator, year, period, method,
        forecast_growth, actual_growth`` (method ``combination`` is used where present, else
        the one method the rows hold). May include the live year (``actual_growth`` NaN): its
        nowcast uses only earlier years' fits and errors.
    month
        Origin month (1-12); inside a quarter (10, 11) the members add the months after the
        quarter's end.
    members
        Member names of :data:`MEMBERS` (default :data:`DEFAULT_MEMBERS`).

    Returns
    -------
    pandas.DataFrame
        One row per unit × indicator × year × method, ``method`` each member that has
        something to say and ``nowcast`` (the base and the members judged by
        :func:`judged_weights`), with columns ``unit, indicator, year, period`` (the origin,
        ``YYYY-MM``) ``, method, forecast_growth, actual_growth, error_pp, level_error_pct``
        (NaN) ``, lo80, hi80, lo95, hi95`` (:func:`interval` on the method's own earlier
        errors) ``, base_growth, intercept_pp`` and one ``contrib_<name>_pp`` per signal or
        member, such that, exactly (floating point),

        ``forecast_growth = base_growth + intercept_pp + sum of contrib_*_pp``

        (a member's row: its own parts; the nowcast: the judged weights × the members' parts,
        ``w_i × part``; 0 where a part does not apply).
    """
    chosen = DEFAULT_MEMBERS if members is None else tuple(members)
    for name in chosen:
        if name not in MEMBERS:
            raise ValueError(f"unknown nowcast member {name!r}; known: {sorted(MEMBERS)}")
    base = base_rows
    if "method" in base.columns and base.method.nunique() > 1:
        base = base[base.method == "combination"]
        if base.empty:
            raise ValueError("base_rows hold several methods but no 'combination'")
    frames = []
    for (unit, code), part in base.groupby(["unit", "indicator"], sort=False):
        part = part.sort_values("year")
        years = part.year.to_numpy(int)
        inp = NowcastInput(
            dataset,
            str(unit),
            str(code),
            month,
            years,
            part.forecast_growth.to_numpy(float),
            part.actual_growth.to_numpy(float),
            signal_frame(dataset, str(unit), month, years)
            if month % 3
            else pd.DataFrame(index=pd.Index(years, name="year")),
        )
        frames.extend(_series_rows(inp, chosen))
    if not frames:
        return pd.DataFrame(columns=[*NOWCAST_COLUMNS])
    out = pd.concat(frames, ignore_index=True)
    contrib = sorted(c for c in out.columns if c.startswith("contrib_"))
    out[contrib] = out[contrib].fillna(0.0)
    return out[[*NOWCAST_COLUMNS, *contrib]]


NOWCAST_COLUMNS = (
    "unit",
    "indicator",
    "year",
    "period",
    "method",
    "forecast_growth",
    "actual_growth",
    "error_pp",
    "level_error_pct",
    "lo80",
    "hi80",
    "lo95",
    "hi95",
    "base_growth",
    "intercept_pp",
)
"""Columns of :func:`nowcast_rows` before its ``contrib_<name>_pp`` columns."""


def _series_rows(inp: NowcastInput, chosen: Sequence[str]) -> list[pd.DataFrame]:
    """The member and nowcast rows of one unit × indicator."""
    results = {name: MEMBERS[name](inp) for name in chosen}
    fitted = {k: v for k, v in results.items() if v is not None}
    rows: dict[str, tuple[FloatArray, dict[str, FloatArray]]] = {
        k: (v.forecast, v.parts) for k, v in fitted.items()
    }
    if fitted:
        w = judged_weights(
            np.vstack([inp.base, *[v.forecast for v in fitted.values()]]), inp.actual
        )
        parts: dict[str, FloatArray] = {}
        for i, v in enumerate(fitted.values(), start=1):
            for k, x in v.parts.items():
                parts[k] = parts.get(k, 0.0) + w[i] * x
        nowcast = inp.base + sum(parts.values(), np.zeros(len(inp.years)))
        rows["nowcast"] = (nowcast, parts)
    else:
        rows["nowcast"] = (inp.base.copy(), {})
    frames = []
    for name, (f, parts) in rows.items():
        lo80, hi80 = interval(f, inp.actual, 0.80)
        lo95, hi95 = interval(f, inp.actual, 0.95)
        frame = pd.DataFrame(
            {
                "unit": inp.unit,
                "indicator": inp.indicator,
                "year": inp.years,
                "period": [f"{y}-{inp.month:02d}" for y in inp.years],
                "method": name,
                "forecast_growth": f,
                "actual_growth": inp.actual,
                "error_pp": f - inp.actual,
                "level_error_pct": np.nan,
                "lo80": lo80,
                "hi80": hi80,
                "lo95": lo95,
                "hi95": hi95,
                "base_growth": inp.base,
                "intercept_pp": parts.get("intercept", np.zeros(len(inp.years))),
            }
        )
        for k, x in parts.items():
            if k != "intercept":
                frame[f"contrib_{k}_pp"] = x
        frames.append(frame)
    return frames


__all__ = [
    "BRIDGE_SOURCES",
    "DEFAULT_MEMBERS",
    "MEMBERS",
    "MIN_YEARS",
    "NOWCAST_COLUMNS",
    "RIDGE",
    "MemberForecast",
    "NowcastInput",
    "NowcastMember",
    "bridge_member",
    "bridge_terms",
    "dfm_member",
    "interval",
    "judged",
    "judged_weights",
    "monthly_growth",
    "nowcast_rows",
    "quarter_signals",
    "signal_frame",
    "signal_owners",
]
