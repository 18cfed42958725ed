"""The accounts' two tables: GDP per unit and its industries per unit (``gdp.csv``, ``industries.csv``).

Pure: arrays in, DataFrames out, one row per unit (or unit × industry) at one quarter. The
``sprintmodel accounts`` command writes these frames (through
:func:`~sprintmodel.accounts.report.accounts_report`, which adds the source indicators' columns
``source_indicator``, ``q4_growth_required_alone``, ``above_record``).

Shortfall: against the unit's full-year growth target, on the projected full year where
``fy_growth`` is given, else on the year to date (how far January to the quarter end is behind
the target's pace). Current prices use the unit's year-to-date implicit deflator
:math:`P = V_t / (V_{t-1}(1 + G/100))` (for a full year: assumption, the year-to-date price
change holds for the rest of the year).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from sprintmodel.accounts.components import ComponentPanel
from sprintmodel.accounts.shortfall import shortfall_by_industry
from sprintmodel.periods import Period, as_period

GDP_COLUMNS = [
    "unit",
    "period",
    "ytd_growth_published",
    "ytd_growth_built",
    "fy_growth",
    "target_growth",
    "shortfall_value",
    "shortfall_basis",
]
"""Columns of the GDP table; ``shortfall_value`` [亿元 at current prices], negative = short;
``shortfall_basis`` ``fy`` (projected full year) or ``ytd`` (year to date)."""

INDUSTRY_COLUMNS = [
    "unit",
    "industry",
    "period",
    "share_pct",
    "ytd_growth",
    "fy_growth",
    "contribution_pct",
    "pulling_pp",
    "shortfall_value",
]
"""Columns of the industries table: ``share_pct`` the industry's share of last year's value added
of the span [%], ``contribution_pct`` [%] and ``pulling_pp`` [pp] of the year to date,
``shortfall_value`` the industry's part of the unit's shortfall [亿元 at current prices]."""


def accounts_frames(
    components: ComponentPanel,
    whole_value: ArrayLike,
    whole_growth: ArrayLike,
    period: str | Period,
    target_growth: ArrayLike,
    *,
    fy_growth: ArrayLike | None = None,
    fy_whole_growth: ArrayLike | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """GDP per unit and its industries per unit at one quarter.

    Parameters
    ----------
    components
        The units' components (industries).
    whole_value, whole_growth
        The units' own year-to-date GDP [亿元] and growth [%], ``unit × year × quarter``
        aligned with ``components``.
    period
        The quarter (``YYYYQn``).
    target_growth
        The units' full-year growth targets [%], shape ``(units,)`` (NaN where none).
    fy_growth
        Projected full-year real growth of each unit × industry [%] (a forecast's mean); None:
        the shortfall is on the year to date.
    fy_whole_growth
        Projected full-year growth of each unit [%]; default: built from ``fy_growth``.

    Returns
    -------
    (gdp, industries)
        Frames with :data:`GDP_COLUMNS` and :data:`INDUSTRY_COLUMNS`; industries absent from a
        unit are left out. The industries' ``shortfall_value`` add up to the unit's.
    """
    p = as_period(period).to_quarter()
    y, k = components.year_index(p.year), p.index - 1
    value = np.asarray(whole_value, dtype=float)
    growth = np.asarray(whole_growth, dtype=float)
    published = growth[:, y, k]
    acc = components.accounts(p, published)
    target = np.asarray(target_growth, dtype=float)
    whole: np.ndarray | None
    if fy_growth is None:
        base = components.ytd_value[:, :, y - 1, k]
        g = components.ytd_growth[:, :, y, k]
        whole = published
        basis = "ytd"
    else:
        base = components.ytd_value[:, :, y - 1, 3]
        g = np.asarray(fy_growth, dtype=float)
        whole = None if fy_whole_growth is None else np.asarray(fy_whole_growth, dtype=float)
        basis = "fy"
    with np.errstate(divide="ignore", invalid="ignore"):
        price = value[:, y, k] / (value[:, y - 1, k] * (1 + published / 100))
    short = shortfall_by_industry(base, g, target, whole_growth=whole, price_ratio=price, axis=-1)
    fy_whole = short.whole_growth if basis == "fy" else np.full(len(components.units), np.nan)
    gdp = pd.DataFrame(
        {
            "unit": list(components.units),
            "period": str(p),
            "ytd_growth_published": published,
            "ytd_growth_built": acc.built_growth,
            "fy_growth": fy_whole,
            "target_growth": target,
            "shortfall_value": short.total,
            "shortfall_basis": basis,
        },
        columns=GDP_COLUMNS,
    )
    n_u, n_c = len(components.units), len(components.components)
    fy_g = np.full((n_u, n_c), np.nan) if fy_growth is None else g
    industries = pd.DataFrame(
        {
            "unit": np.repeat(components.units, n_c),
            "industry": np.tile(components.components, n_u),
            "period": str(p),
            "share_pct": 100 * acc.weights.ravel(),
            "ytd_growth": components.ytd_growth[:, :, y, k].ravel(),
            "fy_growth": np.broadcast_to(fy_g, (n_u, n_c)).ravel(),
            "contribution_pct": acc.contribution_pct.ravel(),
            "pulling_pp": acc.pulling_pp.ravel(),
            "shortfall_value": short.by_industry.ravel(),
        },
        columns=INDUSTRY_COLUMNS,
    )
    present = (
        np.isfinite(components.ytd_value[:, :, y - 1, k])
        | np.isfinite(components.ytd_growth[:, :, y, k])
    ).ravel()
    return gdp, industries[present].reset_index(drop=True)
