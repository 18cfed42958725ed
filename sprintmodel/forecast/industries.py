"""Full-year forecasts of GDP's industries, coherent with GDP in every draw (issue 16, item 3).

One figure for GDP (数出一门): a unit's GDP draws are those every other command shows (the
forecast command's, reconciled with the districts), and its industries add up to them.

For each unit with GDP components, the unit's industries are forecast from their own history
with the forecast engine (:func:`~sprintmodel.forecast.forecast`, any method), as the member
units of the unit (:meth:`DataSet.components_as_units <sprintmodel.data.DataSet.components_as_units>`:
a partition of their own, beside the unit's districts; the engine's grouped reconciliation,
:mod:`~sprintmodel.forecast.reconcile`, makes each partition add up to the unit). The
industries' draws are then coupled to the unit's GDP draws and reconciled to them with GDP
held (:func:`coherent_levels`), so that in **every draw** the unit's GDP is its districts' sum
(plus the published residual) and its industries' share-weighted sum:

.. math:: G_d = \\sum_i w_i\\, g_{i,d} + 100\\,R / B, \\qquad w_i = b_i / B

with :math:`b_i` last year's full-year value added of industry ``i``, :math:`B` the unit's GDP
last year and :math:`R` the residual (GDP less the sum of its industries, 0 where they add up).
Intervals of GDP and of its industries therefore come from the same draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.forecast.draws import IndicatorDraws
from sprintmodel.forecast.reconcile import reconcile
from sprintmodel.periods import Period, as_period
from sprintmodel.ytd import FloatArray

GDP = "gdp"


@dataclass(frozen=True, eq=False)
class IndustryForecast:
    """Full-year draws of each unit's industries and of its GDP built from them.

    Attributes
    ----------
    as_of
        The forecast's period.
    units
        Units with components (first axis of the arrays).
    industries
        Component codes.
    base
        (units × industries) last year's full-year value added [亿元] (NaN where absent).
    gdp_base
        (units,) last year's full-year GDP [亿元].
    industry_growth
        (draws × units × industries) full-year real growth draws [%] (NaN where absent).
    gdp_growth
        (draws × units) GDP's full-year real growth draws [%], from the same draws.
    method
        The forecast method.
    point_growth
        (units × industries) the industries' point forecasts [%], adding up (share-weighted,
        plus ``100 R / B``) to GDP's published point (:attr:`gdp_point_growth`).
    gdp_point_growth
        (units,) GDP's point forecast [%], the headline figure
        (:func:`~sprintmodel.figures.headline_growth` of the GDP draws given).
    """

    as_of: Period
    units: tuple[str, ...]
    industries: tuple[str, ...]
    base: np.ndarray
    gdp_base: np.ndarray
    industry_growth: np.ndarray
    gdp_growth: np.ndarray
    method: str
    point_growth: np.ndarray
    gdp_point_growth: np.ndarray

    def fy_growth(self) -> np.ndarray:
        """(units × industries) mean full-year growth of each industry [%]."""
        with np.errstate(invalid="ignore"):
            return np.asarray(np.nanmean(self.industry_growth, axis=0))

    def built_growth(self) -> np.ndarray:
        """(draws × units) the industries' share-weighted growth :math:`\\sum_i w_i g_i` [%]."""
        b = np.where(np.isfinite(self.base), self.base, 0.0)
        g = np.where(np.isfinite(self.industry_growth), self.industry_growth, 0.0)
        return np.asarray((g * b).sum(axis=-1) / b.sum(axis=-1))

    def to_frame(self) -> pd.DataFrame:
        """One row per unit × industry: ``unit, industry, share_pct, fy_growth, fy_growth_p10,
        fy_growth_p90`` [%, %] (``fy_growth`` the point, :attr:`point_growth`; the quantiles
        of the draws); and per unit a row ``industry = gdp`` with GDP's."""
        rows = []
        for j, u in enumerate(self.units):
            total = np.nansum(self.base[j])
            for i, c in enumerate(self.industries):
                g = self.industry_growth[:, j, i]
                if not np.isfinite(g).any():
                    continue
                rows.append(
                    {
                        "unit": u,
                        "industry": c,
                        "share_pct": 100.0 * self.base[j, i] / total,
                        "fy_growth": float(self.point_growth[j, i]),
                        "fy_growth_p10": float(np.quantile(g, 0.1)),
                        "fy_growth_p90": float(np.quantile(g, 0.9)),
                    }
                )
            g = self.gdp_growth[:, j]
            rows.append(
                {
                    "unit": u,
                    "industry": GDP,
                    "share_pct": 100.0,
                    "fy_growth": float(self.gdp_point_growth[j]),
                    "fy_growth_p10": float(np.quantile(g, 0.1)),
                    "fy_growth_p90": float(np.quantile(g, 0.9)),
                }
            )
        return pd.DataFrame(rows)


def industry_forecast(
    dataset: DataSet,
    as_of: str | Period,
    *,
    units: Sequence[str] | None = None,
    method: str = "combination",
    n_draws: int = 2000,
    rng: int = 0,
    gdp: IndicatorDraws | None = None,
) -> IndustryForecast | None:
    """Forecast every unit's industries, coherent with the units' GDP (see the module docstring).

    Parameters
    ----------
    dataset
        A folder with GDP components (``component_observations.csv``).
    as_of
        The forecast's period.
    units
        Units to forecast (default: every unit with components).
    method, n_draws, rng
        As in :func:`~sprintmodel.forecast.forecast` (one seed for every unit: a unit's draws
        do not depend on which other units are forecast).
    gdp
        The units' GDP draws the industries must add up to (e.g. a scenario's baseline);
        default: ``forecast(dataset, as_of, method=method, n_draws=n_draws, rng=rng)``'s,
        the figure the forecast command publishes with those draws and seed.

    Returns
    -------
    IndustryForecast or None
        None where the folder has no GDP components.
    """
    from sprintmodel.forecast import forecast

    panel = dataset.component_panel(GDP)
    if panel is None or GDP not in dataset.indicators:
        return None
    p = as_period(as_of)
    if gdp is None:
        gdp = forecast(dataset, p, method=method, n_draws=n_draws, rng=rng).draws.get(GDP)
    chosen = [u for u in panel.units if units is None or u in units]
    comps = tuple(panel.components)
    n_u, n_i = len(chosen), len(comps)
    n_out = n_draws if gdp is None else gdp.fy.shape[0]
    base = np.full((n_u, n_i), np.nan)
    gdp_base = np.full(n_u, np.nan)
    growth = np.full((n_out, n_u, n_i), np.nan)
    gdp_g = np.full((n_out, n_u), np.nan)
    point_g = np.full((n_u, n_i), np.nan)
    gdp_pt = np.full(n_u, np.nan)
    for j, unit in enumerate(chosen):
        view = dataset.components_as_units(GDP, unit)
        res = forecast(view, p, method=method, n_draws=n_draws, rng=rng, indicators=[GDP])
        found = None if GDP not in res.draws else unit_industries(res.draws[GDP], unit, comps, gdp)
        if found is None:
            continue
        cols, g, gp, b = found
        gdp_g[:, j], gdp_base[j], gdp_pt[j] = g[:n_out, 0], b[0], gp[0]
        growth[:, j, cols] = g[:n_out, 1:]
        base[j, cols] = b[1:]
        point_g[j, cols] = gp[1:]
    return IndustryForecast(
        p, tuple(chosen), comps, base, gdp_base, growth, gdp_g, method, point_g, gdp_pt
    )


def unit_industries(
    view: IndicatorDraws, unit: str, comps: Sequence[str], gdp: IndicatorDraws | None
) -> tuple[list[int], FloatArray, FloatArray, FloatArray] | None:
    """One unit's industries from its components view's GDP draws, coherent with ``gdp``.

    Parameters
    ----------
    view
        GDP draws of ``DataSet.components_as_units("gdp", unit)``'s forecast.
    unit
        The unit.
    comps
        The component codes, in the order of the result's columns.
    gdp
        The units' GDP draws to add up to (:func:`coherent_levels`); None: the view's own.

    Returns
    -------
    (cols, growth, point, base) or None
        ``cols`` the positions in ``comps`` of the industries with levels; ``growth`` (draws ×
        (1 + len(cols))) full-year growth draws [%] of the unit (column 0) and those industries;
        ``point`` their point forecasts [%]; ``base`` last year's full-year levels [亿元].
        None where the view lacks the unit.
    """
    pos = {u: k for k, u in enumerate(view.units)}
    if unit not in pos:
        return None
    cols = [i for i, c in enumerate(comps) if c in pos and view.level_known[pos[c]]]
    k = [pos[unit], *(pos[comps[i]] for i in cols)]
    h = None if gdp is None or unit not in gdp.units else gdp.index(unit)
    if gdp is None or h is None or not np.isfinite(gdp.fy[:, h]).all():
        n_out = view.fy.shape[0] if gdp is None else gdp.fy.shape[0]
        levels, pt = _resample(view.fy[:, k], n_out), view.point_level[k]
    else:
        levels, pt = coherent_levels(
            view.fy[:, k], view.point_level[k], gdp.fy[:, h], float(gdp.point_level[h])
        )
    b = view.base_full[k]
    return cols, 100.0 * (levels / b - 1.0), 100.0 * (pt / b - 1.0), b


def coherent_levels(
    view: FloatArray, view_point: FloatArray, whole: FloatArray, whole_point: float | None = None
) -> tuple[FloatArray, FloatArray]:
    r"""A unit's industries' full-year draws made to add up to the unit's own GDP draws.

    Parameters
    ----------
    view
        (draws_v × (1 + industries)) full-year levels [亿元] of the unit (column 0) and its
        industries from the components view's forecast, reconciled there so that
        ``view[:, 0] = sum(view[:, 1:]) + R`` with a fixed residual ``R``.
    view_point
        (1 + industries,) the view's point forecasts [亿元] (they give ``R``).
    whole
        (draws,) the unit's GDP levels [亿元] as every other figure shows them.
    whole_point
        The unit's GDP point forecast [亿元] (default: the mean of ``whole``).

    Returns
    -------
    (levels, point)
        (draws × (1 + industries)) levels [亿元]: column 0 is ``whole``, and in every draw the
        industries add up to it plus ``R``; and the points (1 + industries,) [亿元], the
        industries' adding up to ``whole_point`` plus ``R`` by the same projection.

    Notes
    -----
    1. **Coupling.** The view's draws are re-ordered so that the unit's GDP in the view has the
       ranks of ``whole`` (draw ``d`` takes the view's draw at the same quantile, a Schaake
       shuffle: Clark et al. 2004; Ben Taieb, Taylor and Hyndman 2021 couple the sample paths
       of a hierarchy the same way before reconciling): each draw keeps the industries'
       joint configuration at that level of GDP.
    2. **Projection.** With the unit's GDP held (zero variance), the industries absorb what is
       left, :math:`x_i = \hat x_i + v_i / \sum_k v_k \cdot (G - R - \sum_k \hat x_k)`,
       :math:`v_i` the variance of industry ``i``'s draws
       (:func:`~sprintmodel.forecast.reconcile.reconcile` with ``fixed``: MinT with a diagonal
       covariance, Wickramasuriya et al. 2019, the GDP row known).
    """
    n_out, n_v = whole.shape[0], view.shape[0]
    perm = np.empty(n_out, dtype=np.int64)
    perm[np.argsort(whole, kind="stable")] = np.argsort(view[:, 0], kind="stable")[
        (np.arange(n_out) * n_v) // n_out
    ]
    x = view[perm].copy()
    x[:, 0] = whole
    n = view.shape[1]
    parent = np.r_[-1, np.zeros(n - 1, dtype=int)]
    residual = np.zeros(n)
    residual[0] = view_point[0] - view_point[1:].sum()
    fixed = np.zeros(n, dtype=bool)
    fixed[0] = True
    top = float(whole.mean()) if whole_point is None else whole_point
    point = np.r_[top, view_point[1:]]
    return reconcile(x, point, parent, residual, np.ones(n, dtype=bool), fixed=fixed)


def _resample(levels: FloatArray, n_out: int) -> FloatArray:
    """``levels``' rows repeated or cut to ``n_out`` draws (in order)."""
    return levels[np.arange(n_out) % levels.shape[0]]


__all__ = ["IndustryForecast", "coherent_levels", "industry_forecast", "unit_industries"]
