"""What changed since the last meeting: the full-year forecast then and now, and why.

Between two origins (``since``, e.g. 2026Q3, and ``as_of``, e.g. 2026-10) the full-year point
forecast of a unit × indicator moves for four reasons, which add up exactly to the change:

- **revisions**: the figures up to ``since`` were revised (only seen when the earlier data
  folder is given; one folder holds one vintage, so this is then zero);
- **surprise of each newly released series**: the new figures (October's retail sales...)
  moved the member methods' forecasts; measured with the combination weights of ``since``
  held fixed, :math:`\\sum_m w^{then}_m (f^{now}_m - f^{then}_m)`;
- **re-estimation**: the combination weights themselves moved (they are fitted per origin on
  earlier years' errors), :math:`\\sum_m (w^{now}_m - w^{then}_m) f^{now}_m`;
- **other**: what reconciliation (children adding up to their parents; the root's industries
  adding up to its GDP, :func:`~sprintmodel.forecast.industries.industry_forecast`) changed on
  top.

The same split as a dynamic factor model's news (Bańbura & Modugno 2014, "Maximum likelihood
estimation of factor models on datasets with arbitrary pattern of missing data", J. Applied
Econometrics 29(1)), for a combination of univariate methods: each method's forecast of a
series moves only with that series' own releases, so the surprise belongs to the series.

:func:`split_change` is the arithmetic (pure); :func:`news` runs the forecasts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.errors import InputError
from sprintmodel.forecast.api import forecast
from sprintmodel.forecast.draws import IndicatorDraws
from sprintmodel.forecast.engine import BlockFit
from sprintmodel.forecast.live_nowcast import GDP, LiveNowcast, live_nowcast
from sprintmodel.forecast.result import ForecastResult
from sprintmodel.periods import Period, as_period

NEWS_COLUMNS = [
    "unit",
    "indicator",
    "year",
    "since",
    "as_of",
    "period_then",
    "period_now",
    "fy_growth_then",
    "fy_growth_now",
    "change_pp",
    "revisions_pp",
    "surprise_pp",
    "reestimation_pp",
    "other_pp",
    "released",
    "industry",
]
"""Columns of ``news.csv``; then one ``surprise_<indicator>_pp`` column per newly released
series. ``change_pp = revisions_pp + surprise_pp + reestimation_pp + other_pp`` and
``surprise_pp`` is the sum of the per-series columns; ``industry`` names the root's GDP
industry of the row (empty for the other rows)."""


def split_change(
    w_then: np.ndarray, f_then: np.ndarray, w_now: np.ndarray, f_now: np.ndarray
) -> tuple[float, float]:
    """Split the change of a weighted combination into new data and new weights [pp].

    Parameters
    ----------
    w_then, f_then
        Weights [1] and member forecasts [%] at the earlier origin (methods,).
    w_now, f_now
        The same at the later origin.

    Returns
    -------
    (surprise, reestimation)
        :math:`\\sum w^{then}(f^{now} - f^{then})` and :math:`\\sum (w^{now} - w^{then}) f^{now}`;
        they add up to :math:`\\sum w^{now} f^{now} - \\sum w^{then} f^{then}` exactly.

    Examples
    --------
    >>> split_change(np.array([0.5, 0.5]), np.array([6.0, 7.0]),
    ...              np.array([0.25, 0.75]), np.array([6.5, 7.0]))
    (0.25, 0.125)
    """
    surprise = float(np.dot(w_then, f_now - f_then))
    reestimation = float(np.dot(w_now - w_then, f_now))
    return surprise, reestimation


def _members(fit: BlockFit, i: int, t: int, names: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Weights and forecasts of unit ``i`` in year ``t`` of ``fit`` on the methods ``names``."""
    w = np.zeros(len(names))
    f = np.zeros(len(names))
    for j, m in enumerate(names):
        if m in fit.methods:
            k = fit.methods.index(m)
            w[j] = fit.weights[i, t, k]
            f[j] = np.nan_to_num(fit.method_growth[k, i, t])
    return w, f


def _fits(result: ForecastResult) -> dict[tuple[str, str], tuple[BlockFit, int, int]]:
    """(unit, indicator) → (fit, unit row, year column) of the forecast year."""
    out = {}
    year = result.as_of.year
    for fit in result.fits:
        block = fit.block
        if year not in block.years:
            continue
        t = block.year_index(year)
        for i, u in enumerate(block.units):
            out[(u, block.indicator.code)] = (fit, i, t)
    return out


def _released(before: DataSet, after: DataSet) -> dict[str, list[str]]:
    """Indicator → periods with rows in ``after`` that ``before`` lacks (new releases), source
    indicators (推算指标) included."""
    key = ["unit", "indicator", "period"]

    def rows(d: DataSet) -> pd.DataFrame:
        src = d.source_observations
        return d.observations[key] if src is None else pd.concat([d.observations[key], src[key]])

    old = rows(before).astype(str).agg("|".join, axis=1)
    new = rows(after).astype(str)
    fresh = new[~new.agg("|".join, axis=1).isin(set(old))]
    return {str(c): sorted(set(g.period)) for c, g in fresh.groupby("indicator", sort=False)}


def _nowcasts(data: DataSet, result: ForecastResult) -> dict[tuple[str, str], LiveNowcast]:
    """(unit, indicator) → the live nowcast of each quarterly series of ``result`` (none at a
    quarter's end): the same numbers :func:`~sprintmodel.forecast.forecast` applied."""
    p = result.as_of
    out: dict[tuple[str, str], LiveNowcast] = {}
    if p.freq != "M" or p.month % 3 == 0 or result.method != "combination":
        return out
    for fit in result.fits:
        block = fit.block
        if block.freq != "Q" or p.year not in block.years or fit.k != p.month // 3 - 1:
            continue
        for unit, now in zip(
            block.units, live_nowcast(data, fit, block.year_index(p.year), p.month), strict=True
        ):
            out[(unit, block.indicator.code)] = now
    return out


def news(
    dataset: DataSet,
    as_of: str | Period,
    since: str | Period,
    *,
    previous: DataSet | None = None,
    n_draws: int = 200,
    rng: int = 0,
) -> pd.DataFrame:
    """The full-year forecast at ``since`` and at ``as_of``, and the change split into its parts.

    Parameters
    ----------
    dataset
        The data as they stand now.
    as_of, since
        The later and the earlier origin (``2026-10`` and ``2026Q3``).
    previous
        The data as they stood at ``since`` (an earlier copy of the folder), to measure
        revisions; None: one vintage, revisions are zero.
    n_draws, rng
        Draws of the two forecasts (the points do not depend on them).

    Returns
    -------
    pandas.DataFrame
        :data:`NEWS_COLUMNS` plus ``surprise_<indicator>_pp`` per newly released series; rows
        in the forecast's order, then the root's GDP industries (``industry`` set, ``unit``
        the root). Growth [%], changes [pp].

    Notes
    -----
    A quarterly series nowcast at ``as_of`` (:mod:`~sprintmodel.forecast.live_nowcast`) adds
    to the surprise of each monthly series its bridge term (``contrib_<series>_pp`` of
    :func:`~sprintmodel.forecast.nowcast.nowcast_rows`) and to the re-estimation the bridge's
    intercept (the bias of the base it corrects, re-estimated each year); ``other`` keeps what
    reconciliation changed on top.
    """
    p_now, p_then = as_period(as_of), as_period(since)
    if p_then.year * 12 + p_then.month >= p_now.year * 12 + p_now.month:
        raise InputError(
            f"--since {p_then} is not before --as-of {p_now}. Fix: give an earlier --since, "
            "e.g. the last quarter."
        )
    if p_then.year != p_now.year:
        raise InputError(
            f"--since {p_then} and --as-of {p_now} are in different years; news compares "
            "forecasts of the same year. Fix: give a --since in the same year."
        )
    released = _released(dataset.until(p_then), dataset.until(p_now))
    series = [c for c in [*dataset.indicators, *dataset.source_indicators] if c in released]
    views = [(dataset, "")]
    if dataset.component_observations is not None and GDP in dataset.indicators:
        views.append((dataset.components_as_units(GDP, dataset.root), GDP))
    rows: list[dict[str, object]] = []
    heads: dict[Period, IndicatorDraws | None] = {}
    for data, comp in views:
        then_data = previous if previous is not None and not comp else data
        r_then = forecast(
            then_data, p_then, n_draws=n_draws, rng=rng, indicators=[GDP] if comp else None
        )
        r_rev = (
            forecast(data, p_then, n_draws=n_draws, rng=rng)
            if previous is not None and not comp
            else r_then
        )
        r_now = forecast(data, p_now, n_draws=n_draws, rng=rng, indicators=[GDP] if comp else None)
        parts = _nowcasts(data.until(p_now), r_now)
        found = _rows(r_then, r_rev, r_now, parts, released, series)
        if not comp:
            heads = {p_then: r_then.draws.get(GDP), p_now: r_now.draws.get(GDP)}
            rows.extend(found)
            continue
        codes = tuple(dataset.component_codes(GDP))
        mine = [r for r in found if r["unit"] in set(codes)]
        for row in mine:
            row["industry"], row["unit"] = row["unit"], dataset.root
        _one_gdp_figure(mine, dataset.root, codes, {p_then: r_then, p_now: r_now}, heads)
        rows.extend(mine)
    return pd.DataFrame(rows, columns=NEWS_COLUMNS + [f"surprise_{s}_pp" for s in series])


def _one_gdp_figure(
    rows: list[dict[str, object]],
    root: str,
    codes: tuple[str, ...],
    views: dict[Period, ForecastResult],
    heads: dict[Period, IndicatorDraws | None],
) -> None:
    """The root's industries' rows take the industries view's figures then and now
    (:func:`~sprintmodel.forecast.industries.unit_industries` on the components view's
    forecasts, coupled to the GDP draws of the rows above: one GDP figure, the same as
    :func:`~sprintmodel.forecast.industries.industry_forecast` with these draws and seed);
    what the coupling changes goes to ``other``."""
    from sprintmodel.forecast.industries import unit_industries

    point: dict[Period, dict[str, float]] = {}
    for p, res in views.items():
        d = res.draws.get(GDP)
        found = None if d is None else unit_industries(d, root, codes, heads.get(p))
        if found is None:
            return
        cols, _, gp, _ = found
        point[p] = {codes[i]: float(gp[1 + n]) for n, i in enumerate(cols)}
    for r in rows:
        g_then = point[as_period(str(r["since"]))].get(str(r["industry"]), np.nan)
        g_now = point[as_period(str(r["as_of"]))].get(str(r["industry"]), np.nan)
        if not (np.isfinite(g_then) and np.isfinite(g_now)):
            continue
        moved = (g_now - g_then) - float(r["change_pp"])  # type: ignore[arg-type]
        r["fy_growth_then"], r["fy_growth_now"] = g_then, g_now
        r["change_pp"] = g_now - g_then
        r["other_pp"] = float(r["other_pp"]) + moved  # type: ignore[arg-type]


def _rows(
    r_then: ForecastResult,
    r_rev: ForecastResult,
    r_now: ForecastResult,
    nowcasts: dict[tuple[str, str], LiveNowcast],
    released: dict[str, list[str]],
    series: list[str],
) -> list[dict[str, object]]:
    """The news rows of one pair of forecasts (see :func:`news`)."""
    p_then, p_now = r_then.as_of, r_now.as_of
    f_then, f_rev, f_now = (
        r.to_frame().set_index(["unit", "indicator"]) for r in (r_then, r_rev, r_now)
    )
    fits_rev, fits_now = _fits(r_rev), _fits(r_now)
    rows = []
    for (unit, code), now in f_now.iterrows():
        if (unit, code) not in f_then.index:
            continue
        g_then = float(f_then.at[(unit, code), "fy_growth"])
        g_rev = float(f_rev.at[(unit, code), "fy_growth"])
        g_now = float(now["fy_growth"])
        surprise = reest = 0.0
        a, b = fits_rev.get((unit, code)), fits_now.get((unit, code))
        if a is not None and b is not None and a[0] is not b[0]:
            names = list(dict.fromkeys(a[0].methods + b[0].methods))
            w0, x0 = _members(*a, names)
            w1, x1 = _members(*b, names)
            surprise, reest = split_change(w0, x0, w1, x1)
        live = nowcasts.get((unit, code))
        by_series = {s: (surprise if s == code else 0.0) for s in series}
        if live is not None:
            for k, v in live.parts.items():
                if k == "intercept":
                    reest += v
                else:
                    by_series[k] = by_series.get(k, 0.0) + v
                    surprise += v
        row: dict[str, object] = {
            "unit": unit,
            "indicator": code,
            "year": p_now.year,
            "since": str(p_then),
            "as_of": str(p_now),
            "period_then": f_then.at[(unit, code), "period"],
            "period_now": now["period"],
            "fy_growth_then": g_then,
            "fy_growth_now": g_now,
            "change_pp": g_now - g_then,
            "revisions_pp": g_rev - g_then,
            "surprise_pp": surprise,
            "reestimation_pp": reest,
            "other_pp": g_now - g_rev - surprise - reest,
            "released": "; ".join(f"{code} {p}" for p in released.get(code, [])),
            "industry": "",
        }
        for s in series:
            row[f"surprise_{s}_pp"] = by_series.get(s, 0.0)
        rows.append(row)
    return rows


__all__ = ["NEWS_COLUMNS", "news", "split_change"]
