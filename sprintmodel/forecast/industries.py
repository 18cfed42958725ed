"""Full-year forecasts of GDP's industries, and GDP as their share-weighted sum (issue 16, item 3).

For each unit with GDP components, the unit's industries are forecast from their own history
with the forecast engine (:func:`~sprintmodel.forecast.forecast`, any method), as the member
units of the unit (:meth:`DataSet.components_as_units <sprintmodel.data.DataSet.components_as_units>`:
they partition it). The engine's reconciliation (:mod:`~sprintmodel.forecast.reconcile`) makes
the unit's GDP equal to the sum of its industries' volumes plus the fixed published residual in
**every draw**, so GDP's full-year growth is the share-weighted sum of the industries' growth,
draw by draw:

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
from sprintmodel.periods import Period, as_period

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
    """

    as_of: Period
    units: tuple[str, ...]
    industries: tuple[str, ...]
    base: np.ndarray
    gdp_base: np.ndarray
    industry_growth: np.ndarray
    gdp_growth: np.ndarray
    method: str

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
        fy_growth_p90`` [%, %]; and per unit a row ``industry = gdp`` with GDP's."""
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
                        "fy_growth": float(np.mean(g)),
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
                    "fy_growth": float(np.mean(g)),
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
) -> IndustryForecast | None:
    """Forecast every unit's industries and its GDP from them (see the module docstring).

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
    chosen = [u for u in panel.units if units is None or u in units]
    comps = tuple(panel.components)
    n_u, n_i = len(chosen), len(comps)
    base = np.full((n_u, n_i), np.nan)
    gdp_base = np.full(n_u, np.nan)
    growth = np.full((n_draws, n_u, n_i), np.nan)
    gdp = np.full((n_draws, n_u), np.nan)
    for j, unit in enumerate(chosen):
        view = dataset.components_as_units(GDP, unit)
        res = forecast(view, p, method=method, n_draws=n_draws, rng=rng, indicators=[GDP])
        if GDP not in res.draws:
            continue
        d = res.draws[GDP]
        fy_g = d.fy_growth()  # draws × units [%]
        pos = {u: k for k, u in enumerate(d.units)}
        if unit in pos:
            gdp[:, j] = fy_g[:, pos[unit]]
            gdp_base[j] = d.base_full[pos[unit]]
        for i, c in enumerate(comps):
            k = pos.get(c)
            if k is not None and d.level_known[k]:
                growth[:, j, i] = fy_g[:, k]
                base[j, i] = d.base_full[k]
    return IndustryForecast(p, tuple(chosen), comps, base, gdp_base, growth, gdp, method)


__all__ = ["IndustryForecast", "industry_forecast"]
