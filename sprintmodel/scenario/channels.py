"""GDP through its industries in the engine: per-unit channels from source indicators to GDP.

Levers and projects move **source indicators** (推算指标: retail sales, fixed-asset investment,
above-scale industrial value added, ...). The bureau builds each industry's real value added
from its source indicators and adds the industries up (分行业核算), so a source indicator's
change reaches GDP through every industry it feeds:

.. math:: \\Delta V_{u} = \\sum_k \\varepsilon_k\\, c_{u,k}\\, \\Delta X_{u,s(k)}, \\qquad
          c_{u,k} = \\frac{b_{u,i(k)}}{P_{u,k}\\, X_{u,s(k)}}

for the channels ``k`` (industry ``i(k)`` ← source ``s(k)``, one row of the folder's
``industry_sources.csv``), with :math:`b` the industry's value added and :math:`X` the source over
last year's rest of the year (the quarters after GDP's as-of quarter: the fourth quarter as of
Q3), :math:`P` the source's price ratio (its own for a real source, the industry's implicit
deflator for a nominal one) and :math:`\\varepsilon` the elasticity
(:func:`sprintmodel.accounts.value_added_per_source`, with ε drawn per draw). GDP's change is
the sum of its industries' changes [亿元 at last year's prices], so its growth changes by
:math:`100 \\sum_i \\Delta V_i / B` [pp].

:class:`IndustryChannels` is built once per engine (:func:`build_channels`); it replaces the
``levers.yaml`` bridges into GDP. A folder without GDP components or without industry sources
keeps the fixed bridges, and the engine says so in its notes (never silently).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from sprintmodel.accounts.channels import value_added_per_source
from sprintmodel.accounts.components import ComponentPanel
from sprintmodel.data import DataSet
from sprintmodel.notes import Note
from sprintmodel.periods import Period
from sprintmodel.scenario.plan import IndicatorPlan, landing_index, stream

GDP = "gdp"
"""The indicator built from industries."""

OTHER_INDUSTRY = "OT"
"""Industry receiving projects' non-industrial value added (其他服务业) when the folder's split
has it, else the split's last component (assumption: non-industrial projects with output are
mostly services; the example city's have none)."""

UNASSIGNED = "(unassigned)"
"""Label of the industries table's row for GDP changes no industry carries (a lever's direct
effect on GDP)."""


@dataclass(frozen=True, eq=False)
class IndustryChannels:
    """The channels from source indicators to GDP of one engine (read-only arrays).

    Attributes
    ----------
    indicator
        The indicator built from the industries (``gdp``).
    industries
        Component codes (the industries' axis).
    names
        Industry code → Chinese name (code where none is given).
    industry_of
        Channel → index in :attr:`industries` (channels,).
    sources
        Channel → source indicator code (channels,).
    coef
        (hierarchy units × channels): :math:`c` at the unit an effect placed at that unit
        lands in (its nearest ancestor with components and source data where it has none)
        [亿元 of value added at last year's prices per 亿元 of the source at current prices,
        at ε = 1]; 0 where no unit up the tree has both.
    elasticity
        (draws × channels) elasticity draws [pp/pp].
    elasticity_mean, elasticity_se
        Point estimate and standard error of each channel's elasticity [pp/pp].
    base
        (GDP units × industries) last year's full-year value added [亿元], NaN where the unit
        has no components (the weights of the industries table).
    ytd_growth
        (GDP units × industries) this year's year-to-date real growth at GDP's as-of quarter
        [%].
    baseline_growth
        (GDP units × industries) each industry's baseline full-year growth by the quick rule
        of :func:`industry_baseline_growth` [%]; the results' tables use
        :attr:`ScenarioEngine.industry_baseline
        <sprintmodel.scenario.engine.ScenarioEngine.industry_baseline>` (each industry
        forecast from its own history) where it can be formed.
    other
        Index of the industry receiving projects' non-industrial value added.
    source_note
        Channel → where its elasticity comes from.
    """

    indicator: str
    industries: tuple[str, ...]
    names: Mapping[str, str]
    industry_of: np.ndarray
    sources: tuple[str, ...]
    coef: np.ndarray
    elasticity: np.ndarray
    elasticity_mean: np.ndarray
    elasticity_se: np.ndarray
    base: np.ndarray
    ytd_growth: np.ndarray
    baseline_growth: np.ndarray
    other: int
    source_note: tuple[str, ...]

    @property
    def n_channels(self) -> int:
        """Number of channels."""
        return len(self.sources)

    def carry(self, k: int, carry: np.ndarray, price: np.ndarray, landing: np.ndarray) -> Any:
        """A GDP carry matrix (hierarchy × units) scaled by channel ``k``'s coefficient.

        ``carry`` takes one 亿元 at current prices placed at a hierarchy unit to GDP's units in
        volumes (divided by GDP's price at the landing unit ``landing``); the channel's
        coefficient already gives volumes, so the price is put back.
        """
        p = np.where(landing >= 0, price[np.maximum(landing, 0)], 1.0)
        return carry * (self.coef[:, k] * p)[:, None]

    def table(self) -> pd.DataFrame:
        """One row per channel: industry, source, elasticity and its standard error, source."""
        return pd.DataFrame(
            {
                "industry": [self.industries[i] for i in self.industry_of],
                "source_indicator": list(self.sources),
                "elasticity": self.elasticity_mean,
                "elasticity_se": self.elasticity_se,
                "source": list(self.source_note),
            }
        )


def elasticity_draws(mean: float, se: float, rng: np.random.Generator, n: int) -> np.ndarray:
    """Draws of an elasticity with point estimate ``mean`` and standard error ``se`` [pp/pp].

    Lognormal with that mean and standard deviation where both are positive (a source
    indicator that grows more never lowers its industry's value added; the mean is kept), the
    point estimate where no standard error is given, normal otherwise.

    Notes
    -----
    :math:`\\sigma^2 = \\ln(1 + (se/\\varepsilon)^2)`, :math:`\\mu = \\ln \\varepsilon - \\sigma^2/2`
    (the lognormal's mean is :math:`e^{\\mu + \\sigma^2/2} = \\varepsilon`).

    Examples
    --------
    >>> d = elasticity_draws(0.8, 0.2, np.random.default_rng(0), 200_000)
    >>> round(float(d.mean()), 2), round(float(d.std()), 2), bool(d.min() > 0)
    (0.8, 0.2, True)
    """
    if not np.isfinite(se) or se <= 0:
        return np.full(n, float(mean))
    if mean > 0:
        s2 = np.log1p((se / mean) ** 2)
        return np.exp(rng.normal(np.log(mean) - s2 / 2, np.sqrt(s2), n))
    return rng.normal(mean, se, n)


def rest_of_year(values: np.ndarray, quarter: int) -> np.ndarray:
    """Last year's value over the quarters after ``quarter`` [亿元] from year-to-date values.

    ``values`` (..., 4) holds last year's year-to-date values at the quarter ends; ``quarter``
    is GDP's as-of quarter (0 before the first, 4 when the year is complete: then the full
    year). Where the rest cannot be formed (a missing quarter, or not positive) the full year
    stands in.
    """
    full = values[..., 3]
    if quarter <= 0 or quarter >= 4:
        return np.asarray(full, dtype=float)
    rest = full - values[..., quarter - 1]
    return np.where(np.isfinite(rest) & (rest > 0), rest, full)


def industry_baseline_growth(ytd_growth: np.ndarray, plan: IndicatorPlan) -> np.ndarray:
    """Each industry's baseline full-year growth [%], (GDP units × industries).

    The industry's year-to-date growth moved by its unit's expected change of GDP growth from
    the year to date to the full year in the baseline draws:
    :math:`g_i^{fy} = g_i^{ytd} + (\bar G^{fy} - G^{ytd})`, so that the industries' weighted
    baseline matches GDP's mean (up to the change of weights from the year to date to the full
    year). Assumption until each industry is forecast from its own history (issue 16, item 3).
    """
    d = plan.draws
    with np.errstate(invalid="ignore", divide="ignore"):
        fy = 100.0 * (d.fy.mean(axis=0) / d.base_full - 1.0)
        ytd = 100.0 * (d.ytd_level / d.base_ytd - 1.0)
    return np.asarray(ytd_growth + (fy - ytd)[:, None], dtype=float)


def with_sources(dataset: DataSet, sources: pd.DataFrame) -> DataSet:
    """``dataset`` with other industry sources (e.g. one elasticity at an end of its range).

    ``sources`` has the columns of ``DataSet.industry_sources`` (``component``,
    ``source_indicator``, ...).
    """
    return replace(dataset, industry_sources=sources)


def industry_sources(dataset: DataSet) -> pd.DataFrame | None:
    """The folder's industry sources (``DataSet.industry_sources``), or None."""
    frame = dataset.industry_sources
    if frame is None or frame.empty:
        return None
    return frame


def _sources_frame(dataset: DataSet) -> pd.DataFrame | None:
    """The industry sources with the channels' column names (``industry``, ``indicator``)."""
    frame = industry_sources(dataset)
    if frame is None:
        return None
    return frame.rename(columns={"component": "industry", "source_indicator": "indicator"})


def _components(dataset: DataSet) -> ComponentPanel | None:
    """The folder's GDP components as arrays, or None."""
    panel = dataset.component_panel(GDP)
    if panel is None or not len(panel.components):
        return None
    return panel


def _names(dataset: DataSet, codes: list[str]) -> dict[str, str]:
    """Component code → Chinese name (the code where none is given)."""
    return {c: dataset.component_label(c, GDP, "zh") for c in codes}


def fallback_note(bridges: tuple[str, ...]) -> Note:
    """The note saying GDP moves through fixed factors (no components in the folder):
    ``bridges`` the names of the bridges into GDP (possibly none)."""
    return Note.of("scenario.gdp_fixed_factors", bridges=bridges)


def build_channels(
    dataset: DataSet,
    plans: Mapping[str, IndicatorPlan],
    hierarchy: list[str],
    as_of: Period,
    seed: int,
    n_draws: int,
) -> IndustryChannels | None:
    """The channels from source indicators to GDP, or None where the folder has none.

    Parameters
    ----------
    dataset
        The data set; its GDP components (``dataset.components``) and industry sources
        (``dataset.industry_sources``: one row per industry × source indicator with
        ``elasticity``, ``elasticity_se`` and ``source``) define the channels.
    plans
        The engine's indicator plans (GDP's for the landing units and prices; each real
        source's for its price ratio).
    hierarchy
        The data set's units (rows of :attr:`IndustryChannels.coef`).
    as_of
        The engine's as-of period.
    seed, n_draws
        Seed of the elasticity draws (streams keyed by industry and source) and their number.
    """
    panel = _components(dataset)
    sources = _sources_frame(dataset)
    if panel is None or sources is None or GDP not in plans:
        return None
    plan = plans[GDP]
    d = plan.draws
    year = as_of.year
    try:
        y = panel.year_index(year - 1)
    except KeyError:
        return None
    quarter = as_of.month // 3
    comps = list(panel.components)
    upos = {u: i for i, u in enumerate(panel.units)}
    rows = sources[sources.industry.isin(comps)].reset_index(drop=True)
    if rows.empty:
        return None
    n_units = len(d.units)
    n_k = len(rows)
    # Industry values per GDP unit: last year's rest of the year, and full year.
    b_rest = np.full((n_units, len(comps)), np.nan)
    b_full = np.full((n_units, len(comps)), np.nan)
    growth = np.full((n_units, len(comps)), np.nan)
    deflator = np.full((n_units, len(comps)), np.nan)
    for j, u in enumerate(d.units):
        i = upos.get(u)
        if i is None:
            continue
        last = panel.ytd_value[i, :, y, :]
        b_rest[j] = rest_of_year(last, quarter)
        b_full[j] = last[:, 3]
        if quarter > 0 and y + 1 < len(panel.years):
            g = panel.ytd_growth[i, :, y + 1, quarter - 1]
            growth[j] = g
            with np.errstate(invalid="ignore", divide="ignore"):
                deflator[j] = panel.ytd_value[i, :, y + 1, quarter - 1] / (
                    last[:, quarter - 1] * (1 + g / 100)
                )
    coef_u = np.full((n_units, n_k), np.nan)
    ind_of = np.array([comps.index(str(v)) for v in rows.industry], dtype=np.intp)
    codes = tuple(str(v) for v in rows.indicator)
    for k, code in enumerate(codes):
        ind = dataset.indicators.get(code) or dataset.source_indicators.get(code)
        if ind is None:
            continue
        src = dataset.panel(code, "Q", units=list(d.units), years=[year - 1])
        x = rest_of_year(src.ytd_value[:, 0, :], quarter)
        if ind.basis == "real" and code in plans:
            sp = plans[code]
            pos = {u: n for n, u in enumerate(sp.units)}
            price = np.array([sp.price[pos[u]] if u in pos else np.nan for u in d.units])
        else:
            price = deflator[:, ind_of[k]]
        price = np.where(np.isfinite(price) & (price > 0), price, plan.price)
        coef_u[:, k] = value_added_per_source(
            b_rest[:, ind_of[k]], x, 1.0, source_price_ratio=price
        )
    coef = np.zeros((len(hierarchy), n_k))
    dpos = {u: i for i, u in enumerate(d.units)}
    for h, unit in enumerate(hierarchy):
        if landing_index(dataset, d, unit) < 0:
            continue
        for k in range(n_k):
            for a in [unit, *dataset.hierarchy.ancestors(unit)]:
                at = dpos.get(a, -1)
                if at >= 0 and np.isfinite(coef_u[at, k]) and coef_u[at, k] > 0:
                    coef[h, k] = coef_u[at, k]
                    break
    eps = rows["elasticity"].to_numpy(dtype=float) if "elasticity" in rows else np.ones(n_k)
    se = (
        rows["elasticity_se"].to_numpy(dtype=float)
        if "elasticity_se" in rows
        else np.full(n_k, np.nan)
    )
    eps = np.where(np.isfinite(eps), eps, 0.0)
    draws = np.stack(
        [
            elasticity_draws(
                eps[k], se[k], stream(seed, "elasticity", comps[ind_of[k]], codes[k]), n_draws
            )
            for k in range(n_k)
        ],
        axis=1,
    )
    note_col = rows["source"] if "source" in rows else pd.Series([""] * n_k)
    other = comps.index(OTHER_INDUSTRY) if OTHER_INDUSTRY in comps else len(comps) - 1
    return IndustryChannels(
        indicator=GDP,
        industries=tuple(comps),
        names=_names(dataset, comps),
        industry_of=ind_of,
        sources=codes,
        coef=coef,
        elasticity=draws,
        elasticity_mean=eps,
        elasticity_se=se,
        base=b_full,
        ytd_growth=growth,
        baseline_growth=industry_baseline_growth(growth, plan),
        other=other,
        source_note=tuple("" if pd.isna(s) else str(s) for s in note_col),
    )


__all__ = [
    "GDP",
    "OTHER_INDUSTRY",
    "UNASSIGNED",
    "IndustryChannels",
    "build_channels",
    "elasticity_draws",
    "fallback_note",
    "industry_baseline_growth",
    "industry_sources",
    "rest_of_year",
    "with_sources",
]
