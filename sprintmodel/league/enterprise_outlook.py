"""Key enterprises as units of the sprint: their full-year outlook, levers and shared problems.

:func:`enterprise_forecast` projects each enterprise's full year from its monthly year-to-date
series (``enterprise_observations.csv``) by a documented simple rule; :func:`enterprise_outlook`
joins it with the drag/lift of the register (:func:`~sprintmodel.league.enterprises.drag_lift`),
the levers aimed at the enterprise (``enterprise:`` in ``levers.yaml``) and its open problems;
:func:`open_problems` is the 企业共性问题清单 still to solve at a month. See docs/enterprises.md.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.league.enterprises import drag_lift
from sprintmodel.periods import Period, as_period

__all__ = [
    "ENTERPRISE_FORECAST_COLUMNS",
    "enterprise_forecast",
    "enterprise_outlook",
    "open_problems",
]

ENTERPRISE_FORECAST_COLUMNS = [
    "enterprise",
    "unit",
    "indicator",
    "period",
    "ytd_value",
    "ytd_growth",
    "recent_growth",
    "last_year_full",
    "forecast_full",
    "forecast_growth",
    "forecast_increment",
]
"""Columns of :func:`enterprise_forecast`."""

RECENT_MONTHS = 3
"""Months whose growth carries on to the rest of the year (assumption: the latest quarter's
pace, as planners read momentum; the year-to-date growth where fewer months are known)."""


def enterprise_forecast(
    observations: pd.DataFrame, as_of: str | Period, indicator: str = "output"
) -> pd.DataFrame:
    """Each enterprise's full year of ``indicator`` from its year-to-date series at ``as_of``.

    Parameters
    ----------
    observations
        ``dataset.enterprise_observations``.
    as_of
        The month (a quarter reads its last month); each enterprise's latest month of that
        year up to it is used.
    indicator
        ``output`` (产值) or ``revenue``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ENTERPRISE_FORECAST_COLUMNS`: ``recent_growth`` [%], ``forecast_full``
        and ``forecast_increment`` [亿元], ``forecast_growth`` [%]; the forecast is empty for an
        enterprise without last year's December in the file.

    Notes
    -----
    With year-to-date value :math:`Y_m` and growth :math:`g_m` at month :math:`m`, last year's
    same span is :math:`L_m = Y_m / (1 + g_m/100)` and last year's full year :math:`L_{12}`
    (its December row). The rest of the year grows as the last :data:`RECENT_MONTHS` months did,

    .. math:: r = \\frac{Y_m - Y_{m-3}}{L_m - L_{m-3}} - 1, \\qquad
              F = Y_m + (L_{12} - L_m)(1 + r),

    and the full-year growth is :math:`100 (F / L_{12} - 1)`. For :math:`m \\le 3`,
    :math:`r = g_m / 100`. A documented simple rule (not the statistical forecast of the
    unit series): enterprise series are short and one plant's overhaul or new line moves them
    more than any seasonal model would know.
    """
    p = as_period(as_of)
    obs = observations[observations.indicator == indicator]
    this = obs[(obs.year == p.year) & (obs.month <= p.month)]
    if this.empty:
        return pd.DataFrame(columns=ENTERPRISE_FORECAST_COLUMNS)
    now = (
        this.sort_values("month").drop_duplicates("enterprise", keep="last").set_index("enterprise")
    )
    idx = obs.set_index(["enterprise", "year", "month"])
    m = now.month.to_numpy()
    y_m = now.ytd_value.to_numpy()
    l_m = y_m / (1.0 + now.ytd_growth.to_numpy() / 100.0)
    back = pd.MultiIndex.from_arrays([now.index, now.year, m - RECENT_MONTHS])
    prev = idx.reindex(back)
    y_b = prev.ytd_value.to_numpy()
    l_b = y_b / (1.0 + prev.ytd_growth.to_numpy() / 100.0)
    full = idx.ytd_value.reindex(pd.MultiIndex.from_arrays([now.index, now.year - 1, m * 0 + 12]))
    l_12 = full.to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        recent = np.where(
            (m > RECENT_MONTHS) & np.isfinite(y_b) & (l_m - l_b > 0),
            (y_m - y_b) / (l_m - l_b) - 1.0,
            now.ytd_growth.to_numpy() / 100.0,
        )
        forecast = y_m + (l_12 - l_m) * (1.0 + recent)
        growth = 100.0 * (forecast / l_12 - 1.0)
    out = pd.DataFrame(
        {
            "enterprise": now.index.to_numpy(),
            "unit": now.unit.to_numpy(),
            "indicator": indicator,
            "period": now.period.to_numpy(),
            "ytd_value": y_m,
            "ytd_growth": now.ytd_growth.to_numpy(),
            "recent_growth": 100.0 * recent,
            "last_year_full": l_12,
            "forecast_full": forecast,
            "forecast_growth": growth,
            "forecast_increment": forecast - l_12,
        }
    )
    return out[ENTERPRISE_FORECAST_COLUMNS].reset_index(drop=True)


def open_problems(dataset: DataSet, as_of: str | Period | None = None) -> pd.DataFrame:
    """The shared problems not yet solved, with ``overdue`` (deadline before ``as_of``'s month).

    Columns of ``enterprise_problems.csv`` plus ``names`` (the enterprises' names) and
    ``overdue``; sorted by deadline. Empty without the file.
    """
    cols = ["problem", "category", "enterprises", "names", "department", "deadline", "status"]
    probs = dataset.enterprise_problems
    if probs is None or probs.empty:
        return pd.DataFrame(columns=[*cols, "overdue"])
    p = dataset.latest_period if as_of is None else as_period(as_of)
    reg = dataset.enterprises
    names = {} if reg is None else dict(zip(reg.enterprise, reg.name, strict=True))
    out = probs[probs.status != "solved"].copy()
    out["names"] = ["、".join(names.get(c) or c for c in codes) for codes in out.enterprises]
    key = [as_period(d).year * 12 + as_period(d).month for d in out.deadline]
    out["overdue"] = np.array(key, dtype=int) < p.year * 12 + p.month
    out["_k"] = key
    return out.sort_values("_k", kind="stable")[[*cols, "overdue"]].reset_index(drop=True)


def enterprise_outlook(
    dataset: DataSet, as_of: str | Period | None = None, *, top: int | None = 3
) -> pd.DataFrame:
    """The register's largest drags and lifts per unit with their full-year outlook.

    The columns of :func:`~sprintmodel.league.enterprises.drag_lift` (at the register's period
    nearest ``as_of``) plus ``industry_pulling_pp`` [pp] (the increment over the register's
    output last year of the same industry, city-wide: its drag or lift on its industry),
    ``forecast_growth`` [%], ``forecast_increment`` [亿元] and
    ``forecast_pulling_pp`` [pp] (the full-year increment over the unit's register output last
    year, from :func:`enterprise_forecast` where the monthly series exist), ``levers`` (ids
    of the levers aimed at the enterprise) and ``open_problems`` (count). Empty without a
    register.
    """
    reg = dataset.enterprises
    if reg is None or reg.empty:
        return pd.DataFrame()
    p = dataset.latest_period if as_of is None else as_period(as_of)
    key = reg.year * 12 + reg.month
    at = key[key <= p.year * 12 + p.month]
    period = reg.period[at.idxmax()] if len(at) else None
    table = drag_lift(reg, period, dataset=dataset, top=top)
    same = reg[reg.period == period] if period is not None else reg.iloc[:0]
    industry_base = same.groupby("industry").ytd_output_last_year.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        table["industry_pulling_pp"] = (
            100.0 * table.increment / table.industry.map(industry_base).astype(float)
        )
    table["forecast_growth"] = np.nan
    table["forecast_increment"] = np.nan
    table["forecast_pulling_pp"] = np.nan
    if dataset.enterprise_observations is not None:
        fc = enterprise_forecast(dataset.enterprise_observations, p).set_index("enterprise")
        table["forecast_growth"] = table.enterprise.map(fc.forecast_growth).astype(float)
        table["forecast_increment"] = table.enterprise.map(fc.forecast_increment).astype(float)
        all_fc = fc.reindex(reg.enterprise.unique())
        base = all_fc.groupby(all_fc.unit).last_year_full.sum(min_count=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            table["forecast_pulling_pp"] = (
                100.0 * table.forecast_increment / table.unit.map(base).astype(float)
            )
    levers = dataset.levers
    aimed: dict[str, list[str]] = {}
    if levers is not None:
        for lid, lv in levers.items():
            if lv.enterprise:
                aimed.setdefault(lv.enterprise, []).append(lid)
    table["levers"] = table.enterprise.map(lambda e: ";".join(aimed.get(e, [])))
    probs = open_problems(dataset, p)
    counts: dict[str, int] = {}
    for codes in probs.enterprises:
        for c in codes:
            counts[c] = counts.get(c, 0) + 1
    table["open_problems"] = table.enterprise.map(lambda e: counts.get(e, 0)).astype(int)
    return table
