"""Nowcasting a quarterly indicator's full year from monthly data: a bridge equation.

At a monthly origin inside the fourth quarter (October: Jan–Oct figures, out in mid-November)
a quarterly series such as GDP still stands at Q3, but monthly source indicators (industrial
production, exports...) already cover part of the fourth quarter. The bridge regresses the
error of the Q3 forecast (the combination's, ``base``) on how the monthly indicators moved
after the third quarter:

.. math:: y_t - b_t = \\alpha + \\beta^\\top x_t + \\varepsilon_t,

fitted by ridge regression on standardised signals over earlier years only (rolling origin),
so that every forecast uses only what was published by its origin. The bridge is then a member
judged like the others: :func:`judged` weights it against the base by the inverse mean squared
error of earlier years, so a unit whose monthly counterparts say nothing (services and
industrial production) keeps the base.

Signals (:func:`quarter_signals`) for an origin month ``m`` of year ``t``:

- a single-month growth series (industrial production 工业增加值当月同比): the mean of the
  months after September up to ``m`` minus the mean of July–September [pp];
- a year-to-date growth series (exports 出口 累计同比): its year-to-date growth at ``m`` minus
  that at September [pp].

References
----------
Baffigi, Golinelli & Parigi (2004), "Bridge models to forecast the euro area GDP",
International Journal of Forecasting 20(3), 447-460. The ridge penalty (5 on standardised
signals) is an assumption, chosen on the national data (see ``docs/forecast.md``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sprintmodel.ytd import FloatArray

RIDGE = 5.0
"""Ridge penalty on the standardised signals [1] (assumption, see the module doc)."""

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


def bridge(
    base: FloatArray,
    actual: FloatArray,
    signals: FloatArray,
    *,
    ridge: float = RIDGE,
    min_years: int = MIN_YEARS,
) -> FloatArray:
    """Rolling-origin bridge forecasts of one series (years,) [%].

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
    numpy.ndarray
        For year ``t``: ``base[t]`` plus the ridge fit of ``actual - base`` on the signals of
        the years before ``t`` with all values known; ``base[t]`` where fewer than
        ``min_years`` such years exist or a signal of ``t`` is missing.
    """
    b = np.asarray(base, dtype=np.float64)
    y = np.asarray(actual, dtype=np.float64)
    x = np.asarray(signals, dtype=np.float64).reshape(len(b), -1)
    out = b.copy()
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
        penalty = np.diag([0.0] + [ridge] * x.shape[1])
        coef = np.linalg.solve(design.T @ design + penalty, design.T @ (y[past] - b[past]))
        out[t] = b[t] + coef[0] + float(((x[t] - mu) / sd) @ coef[1:])
    return out


def judged(forecasts: FloatArray, actual: FloatArray, *, min_years: int = MIN_YEARS) -> FloatArray:
    """Combine member forecasts by the inverse MSE of their earlier years' errors (years,).

    Parameters
    ----------
    forecasts
        Members × years [%]; member 0 is the fallback used alone until ``min_years`` years
        in which the members differ have known errors.
    actual
        Published outcomes [%] (years,).

    Examples
    --------
    Member 1 was right every year, member 0 off by one point: member 1 takes the weight.

    >>> f = np.array([[1.0] * 8, [0.0] * 8]); a = np.zeros(8)
    >>> bool(judged(f, a)[-1] < 0.01)
    True
    """
    f = np.asarray(forecasts, dtype=np.float64)
    a = np.asarray(actual, dtype=np.float64)
    err2 = (f - a[None, :]) ** 2
    # Years in which the members agree (a bridge not yet fitted equals the base) say nothing
    # about which is better: only the years in which they differ count.
    differ = np.ptp(f, axis=0) > 1e-12
    out = f[0].copy()
    for t in range(f.shape[1]):
        known = np.isfinite(err2[:, :t]).all(axis=0) & differ[:t]
        if known.sum() < min_years or not np.isfinite(f[:, t]).all():
            continue
        mse = err2[:, :t][:, known].mean(axis=1)
        w = 1.0 / np.maximum(mse, 1e-6)
        out[t] = float(w @ f[:, t] / w.sum())
    return out


def interval(
    forecast: FloatArray, actual: FloatArray, level: float = 0.8, *, min_years: int = MIN_YEARS
) -> tuple[FloatArray, FloatArray]:
    """Split-conformal intervals from the absolute errors of earlier years (years,) [%].

    The half-width for year ``t`` is the :math:`\\lceil (n+1)\\,\\text{level} \\rceil`-th smallest
    of the ``n`` earlier absolute errors (Vovk, Gammerman & Shafer 2005, *Algorithmic Learning
    in a Random World*, ch. 2); NaN before ``min_years`` errors are known or when the rank
    exceeds ``n``.
    """
    f = np.asarray(forecast, dtype=np.float64)
    e = np.abs(f - np.asarray(actual, dtype=np.float64))
    half = np.full(len(f), np.nan)
    for t in range(len(f)):
        past = e[:t][np.isfinite(e[:t])]
        n = len(past)
        r = int(np.ceil((n + 1) * level))
        if n >= min_years and r <= n:
            half[t] = np.sort(past)[r - 1]
    return f - half, f + half


def nowcast_errors(base: pd.DataFrame, signals: pd.DataFrame, label: str) -> pd.DataFrame:
    """Rolling-origin rows of the bridge and the judged nowcast, per unit × year.

    Parameters
    ----------
    base
        The quarterly forecast's rows (one method, e.g. the combination): ``unit, indicator,
        year, period, forecast_growth, actual_growth``.
    signals
        Signals per year [pp] (index year, one column per monthly series,
        :func:`quarter_signals`); no columns: only the base is returned (as ``nowcast``).
    label
        The origin, written in the ``period`` column (e.g. ``month 10``).

    Returns
    -------
    pandas.DataFrame
        ``unit, indicator, year, period, method, forecast_growth, actual_growth, error_pp,
        lo80, hi80`` with ``method`` ``bridge`` and ``nowcast`` (the bridge and the base
        judged by :func:`judged`); intervals by :func:`interval` on the nowcast's own earlier
        errors.
    """
    frames = []
    for (unit, code), part in base.groupby(["unit", "indicator"], sort=False):
        part = part.sort_values("year")
        years = part.year.to_numpy()
        b = part.forecast_growth.to_numpy(float)
        y = part.actual_growth.to_numpy(float)
        x = signals.reindex(years).to_numpy(float)
        members = {"nowcast": b}
        if x.shape[1]:
            br = bridge(b, y, x)
            members = {"bridge": br, "nowcast": judged(np.vstack([b, br]), y)}
        for name, f in members.items():
            lo, hi = interval(f, y)
            frames.append(
                pd.DataFrame(
                    {
                        "unit": unit,
                        "indicator": code,
                        "year": years,
                        "period": label,
                        "method": name,
                        "forecast_growth": f,
                        "actual_growth": y,
                        "error_pp": f - y,
                        "lo80": lo,
                        "hi80": hi,
                    }
                )
            )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


__all__ = [
    "MIN_YEARS",
    "RIDGE",
    "bridge",
    "interval",
    "judged",
    "nowcast_errors",
    "quarter_signals",
]
