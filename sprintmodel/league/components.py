"""The league of each unit's industries (比增速、比增量、比贡献 by industry, 分行业).

Where a data folder builds GDP from its industries (``component_observations.csv``), each unit's
industries are ranked among themselves the way districts are ranked within the city: year-to-date
growth, increment at last year's prices, contribution rate to the unit's growth (on the sum of
the industries' increments, which partition the unit, so the rates add up to 100: the bureau's
convention, ``docs/accounts.md``), pulling rate, ranks and single-item champions.

Each unit is ranked on its own view of the data: the unit alone, its components as its only
children (:meth:`DataSet.components_as_units <sprintmodel.data.DataSet.components_as_units>`),
so that the industries are never ranked against the unit's districts.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.data.model import Hierarchy
from sprintmodel.league.table import LEAGUE_COLUMNS, Whole, league_table
from sprintmodel.periods import Period

COMPONENT_LEAGUE_COLUMNS = [
    "unit",
    "industry",
    *(
        {"value": "ytd_value", "growth": "ytd_growth"}.get(c, c)
        for c in LEAGUE_COLUMNS
        if c not in ("unit", "parent", "peer_group", "mean_growth")
    ),
]
"""Columns of :func:`component_league`: ``unit`` whose industries are ranked, ``industry`` the
component code, then the league's columns (:mod:`sprintmodel.league.table`) with the unit as the
whole (``average_growth`` is the unit's own growth)."""


def unit_components_view(dataset: DataSet, unit: str, indicator: str = "gdp") -> DataSet:
    """``dataset`` reduced to ``unit`` (as the root) and its components of ``indicator`` as its
    only children, with the observations of ``indicator`` alone.

    Raises KeyError where ``unit`` has no components of ``indicator``.
    """
    view = dataset.components_as_units(indicator, unit)
    codes = set(dataset.component_codes(indicator))
    units = {
        code: (replace(u, parent=None) if code == unit else u)
        for code, u in view.units.items()
        if code == unit or (code in codes and u.parent == unit)
    }
    obs = view.observations
    obs = obs[obs.unit.isin(list(units)) & (obs.indicator == indicator)]
    return replace(view, hierarchy=Hierarchy(units), observations=obs.reset_index(drop=True))


def component_league(
    dataset: DataSet,
    period: str | Period | None = None,
    *,
    indicator: str = "gdp",
    whole: Whole = "members",
) -> pd.DataFrame:
    """Each unit's components of ``indicator`` (GDP's industries) ranked among themselves.

    Parameters
    ----------
    dataset
        A loaded data folder with components of ``indicator``.
    period
        ``YYYYQn`` or ``YYYY-MM`` (default: the latest period of the components).
    indicator
        The indicator built from components.
    whole
        Denominator of contribution rates (:func:`sprintmodel.league.table.league_table`):
        ``members`` (default) the sum of the industries' increments, so the rates add up to 100.

    Returns
    -------
    pandas.DataFrame
        :data:`COMPONENT_LEAGUE_COLUMNS`, one row per unit × industry, units in the data's
        order, industries in ``components.csv``'s order; empty where the folder declares no
        components.
    """
    rows = dataset.component_observations
    frames: list[pd.DataFrame] = []
    if rows is not None and dataset.component_codes(indicator):
        have = set(rows.loc[rows.indicator == indicator, "unit"])
        for unit in dataset.hierarchy:
            if unit not in have:
                continue
            view = unit_components_view(dataset, unit, indicator)
            f = league_table(view, period, indicators=[indicator], whole=whole).frame
            f = f[f.parent == unit].rename(columns={"unit": "industry", "parent": "unit"})
            frames.append(f)
    if not frames:
        return pd.DataFrame(columns=COMPONENT_LEAGUE_COLUMNS)
    return pd.concat(frames, ignore_index=True)[COMPONENT_LEAGUE_COLUMNS]


__all__ = ["COMPONENT_LEAGUE_COLUMNS", "component_league", "unit_components_view"]
