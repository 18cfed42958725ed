"""What each lagging unit must do: the rest-of-year growth it needs, set against its own history.

For every unit below the city average (its parent's growth) or short of its own target, the growth
the rest of the year (the fourth quarter after Q3; the remaining months after a month) must deliver
to end the year at the average and at the target, and where that growth stands among the unit's
own past growths of the same span (its past fourth quarters), so a planner sees which demands are
realistic.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.forecast.draws import Draws, IndicatorDraws
from sprintmodel.league.figures import Figures, ytd_figures
from sprintmodel.league.peers import percentile_of
from sprintmodel.league.table import LeagueTable, league_table
from sprintmodel.periods import Period, as_period
from sprintmodel.requirement import rest_of_year_requirement
from sprintmodel.ytd import single_growth_from_ytd

HISTORY_YEARS = 10
"""Past years whose rest-of-year growth forms the comparison (an assumption: Chinese growth rates
fell by half over 2010–2020, so older fourth quarters would make today's demands look easy)."""

VERDICTS = (
    (50.0, "usual"),
    (90.0, "demanding"),
    (100.0, "exceptional"),
)
"""Verdict on a required growth by its percentile among past growths of the same span: ≤ 50
"usual", ≤ 90 "demanding", above that "exceptional" while no higher than the best past value,
and "unprecedented" above every past value."""

LAGGING_COLUMNS = [
    "unit",
    "indicator",
    "period",
    "parent",
    "ytd_growth",
    "average_growth",
    "below_average",
    "target_growth",
    "target_value",
    "short_of_target",
    "rest_growth_for_average",
    "amount_for_average",
    "percentile_for_average",
    "verdict_for_average",
    "rest_growth_for_target",
    "amount_for_target",
    "percentile_for_target",
    "verdict_for_target",
    "history_median",
    "history_max",
    "n_history",
]
DRAW_COLUMNS = ["fy_growth", "projected_rest_growth", "p_reach_average", "p_reach_target"]


def verdict(percentile: float, need: float, history_max: float) -> str:
    """Verdict on a required growth: usual, demanding, exceptional or unprecedented.

    See :data:`VERDICTS`. Empty when the percentile is unknown (no history or no need).
    """
    if not np.isfinite(percentile) or not np.isfinite(need):
        return ""
    if np.isfinite(history_max) and need > history_max:
        return "unprecedented"
    for limit, word in VERDICTS:
        if percentile <= limit:
            return word
    return "exceptional"


def rest_growth_history(
    dataset: DataSet,
    indicator: str,
    units: tuple[str, ...] | list[str],
    period: Period,
    freq: str,
    *,
    years: int | None = HISTORY_YEARS,
) -> np.ndarray:
    """Past growths of the rest of the year after ``period`` [%], (units × years).

    For each past year :math:`y` (up to ``years`` of them, before ``period.year``), with last
    year's values :math:`Y_{y-1,k}, Y_{y-1}` and year-to-date growth :math:`g_{y,k}, g_y`:

    .. math:: q_y = \\frac{Y_{y-1}(1+g_y) - Y_{y-1,k}(1+g_{y,k})}{Y_{y-1} - Y_{y-1,k}} - 1

    (:func:`sprintmodel.ytd.single_growth_from_ytd` over the two spans; the fourth quarter's
    growth when ``period`` is a Q3). NaN where a year lacks data.
    """
    first = period.year - (years if years is not None else 200) - 1
    obs = dataset.observations
    obs = obs[obs.indicator == indicator]
    if obs.empty:
        return np.full((len(units), 0), np.nan)
    first = max(first, int(obs.year.min()))
    span = list(range(first, period.year))
    if len(span) < 2:
        return np.full((len(units), 0), np.nan)
    panel = dataset.panel(indicator, freq, units=list(units), years=span)  # type: ignore[arg-type]
    k = period.index - 1
    value, growth = panel.ytd_value, panel.growth()
    base = np.stack([value[:, :-1, k], value[:, :-1, -1]], axis=-1)
    g = np.stack([growth[:, 1:, k], growth[:, 1:, -1]], axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return single_growth_from_ytd(base, g)[..., 1]


def _mean(x: np.ndarray) -> float:
    """Mean of the finite values (NaN when there are none)."""
    finite = x[np.isfinite(x)]
    return float(finite.mean()) if finite.size else math.nan


def _requirement(fig: Figures, i: int, *, growth: float = math.nan, value: float = math.nan):
    basis = fig.indicator.basis
    kwargs: dict[str, object] = {
        "ytd_growth": fig.growth[i],
        "last_year_ytd": fig.last_ytd[i],
        "last_year_full": fig.last_full[i],
        "basis": basis,
    }
    if np.isfinite(growth):
        kwargs["target_growth"] = growth
        if basis == "nominal" and np.isfinite(fig.value[i]):
            kwargs["ytd_value"] = fig.value[i]
    elif np.isfinite(value):
        if not np.isfinite(fig.value[i]):
            return math.nan, math.nan
        kwargs["target_value"] = value
        kwargs["ytd_value"] = fig.value[i]
    else:
        return math.nan, math.nan
    with np.errstate(invalid="ignore", divide="ignore"):
        req = rest_of_year_requirement(**kwargs)  # type: ignore[arg-type]
    return float(req.required_growth), float(req.amount_needed)


def lagging_units(
    dataset: DataSet,
    period: str | Period | None = None,
    *,
    table: LeagueTable | None = None,
    draws: Draws | Mapping[str, IndicatorDraws] | None = None,
    history_years: int | None = HISTORY_YEARS,
    include_all: bool = False,
) -> pd.DataFrame:
    """What each unit below the average or short of its target must do.

    Parameters
    ----------
    dataset
        A loaded data folder (targets from ``targets.csv``).
    period
        ``YYYYQn`` or ``YYYY-MM`` (default: the latest period).
    table
        The year-to-date league table at ``period`` (computed when not given).
    draws
        Full-year draws of a scenario or forecast (optional). The average to reach is then the
        parent's projected full-year growth (mean of the draws) instead of its year-to-date
        growth, and the columns :data:`DRAW_COLUMNS` are added: the unit's projected full-year
        growth and rest-of-year growth (means) and the probabilities of reaching the average
        and the target.
    history_years
        Past years compared (default :data:`HISTORY_YEARS`; None for all).
    include_all
        Every unit with data, not only the lagging ones.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LAGGING_COLUMNS` (+ :data:`DRAW_COLUMNS`): ``rest_growth_for_*`` [%] the
        growth the rest of the year needs on the same span last year, ``amount_for_*``
        [measure; last year's prices for real indicators], ``percentile_for_*`` [%] its
        percentile among the unit's past rest-of-year growths
        (:func:`~sprintmodel.league.peers.percentile_of`), ``verdict_for_*`` (:func:`verdict`),
        ``history_median`` and ``history_max`` [%] of those past growths.

    Notes
    -----
    "The average" is the parent's growth. Without draws the parent's year-to-date growth stands
    in for its full-year growth (an assumption: the city holds its pace). The requirement is
    :func:`sprintmodel.requirement.rest_of_year_requirement` (real indicators in volumes at last
    year's prices, nominal ones on the comparable base). A unit is short of its target when the
    rest of the year must grow faster than the year to date did. The percentile is
    :math:`100(\\#\\{q_y < r\\} + \\tfrac12\\#\\{q_y = r\\})/n` over the past rest-of-year growths
    :math:`q_y` (:func:`rest_growth_history`).
    """
    p = as_period(period, dataset.latest_period)
    if table is None:
        table = league_table(dataset, p)
    rows: list[dict[str, object]] = []
    f = table.frame
    gcol = table.growth_column
    for code in dict.fromkeys(f.indicator):
        fig = ytd_figures(dataset, code, p)
        idx = {u: i for i, u in enumerate(fig.units)}
        sp = as_period(fig.period)
        hist = rest_growth_history(dataset, code, fig.units, sp, fig.freq, years=history_years)
        d = draws.get(code) if draws is not None else None
        d_idx = {u: i for i, u in enumerate(d.units)} if d is not None else {}
        if d is not None:
            with np.errstate(divide="ignore", invalid="ignore"):
                fy_g = np.asarray(d.fy_growth())
                rest_g = np.asarray(d.rest_growth())
        for r in f[f.indicator == code].itertuples(index=False):
            i = idx.get(r.unit)
            if i is None:
                continue
            avg = float(r.average_growth)
            parent_draw = d_idx.get(r.parent) if d is not None else None
            if d is not None and parent_draw is not None:
                avg = _mean(fy_g[:, parent_draw])
            tg, tv = dataset.target(r.unit, code, sp.year)
            rg_avg, amt_avg = (
                _requirement(fig, i, growth=avg)
                if r.parent and np.isfinite(avg)
                else (math.nan, math.nan)
            )
            rg_tgt, amt_tgt = _requirement(fig, i, growth=tg, value=tv)
            g_now = float(getattr(r, gcol))
            below = r.below_average
            below_b = bool(below) if below is not pd.NA and below is not None else False
            if d is not None and parent_draw is not None and r.unit in d_idx:
                below_b = below_b or _mean(fy_g[:, d_idx[r.unit]]) < avg
            short = bool(np.isfinite(rg_tgt) and np.isfinite(g_now) and rg_tgt - g_now > 1e-6)
            if not include_all and not (below_b or short):
                continue
            h = hist[i] if hist.shape[1] else np.array([])
            finite = h[np.isfinite(h)]
            h_max = float(finite.max()) if finite.size else math.nan
            pct_avg = float(percentile_of(rg_avg, h)) if h.size else math.nan
            pct_tgt = float(percentile_of(rg_tgt, h)) if h.size else math.nan
            row: dict[str, object] = {
                "unit": r.unit,
                "indicator": code,
                "period": fig.period,
                "parent": r.parent,
                "ytd_growth": g_now,
                "average_growth": avg,
                "below_average": below_b if np.isfinite(avg) else pd.NA,
                "target_growth": tg,
                "target_value": tv,
                "short_of_target": short if np.isfinite(rg_tgt) else pd.NA,
                "rest_growth_for_average": rg_avg,
                "amount_for_average": amt_avg,
                "percentile_for_average": pct_avg,
                "verdict_for_average": verdict(pct_avg, rg_avg, h_max),
                "rest_growth_for_target": rg_tgt,
                "amount_for_target": amt_tgt,
                "percentile_for_target": pct_tgt,
                "verdict_for_target": verdict(pct_tgt, rg_tgt, h_max),
                "history_median": float(np.median(finite)) if finite.size else math.nan,
                "history_max": h_max,
                "n_history": int(finite.size),
            }
            if draws is not None:
                row.update(dict.fromkeys(DRAW_COLUMNS, math.nan))
                if d is not None and r.unit in d_idx:
                    j = d_idx[r.unit]
                    gj = fy_g[:, j]
                    row["fy_growth"] = _mean(gj)
                    row["projected_rest_growth"] = _mean(rest_g[:, j])
                    if parent_draw is not None:
                        row["p_reach_average"] = float(np.mean(gj >= fy_g[:, parent_draw]))
                    if np.isfinite(tg):
                        row["p_reach_target"] = float(np.mean(d.indicator.meets(gj, tg)))
                    elif np.isfinite(tv) and d.indicator.basis == "nominal":
                        row["p_reach_target"] = float(np.mean(d.indicator.meets(d.fy[:, j], tv)))
            rows.append(row)
    columns = LAGGING_COLUMNS + (DRAW_COLUMNS if draws is not None else [])
    out = pd.DataFrame(rows, columns=columns)
    for c in ("below_average", "short_of_target"):
        out[c] = out[c].astype("boolean")
    out["n_history"] = out["n_history"].astype("Int64")
    return out
