"""A data folder's accounts at one quarter: GDP built from its industries, per unit and industry.

:func:`accounts_report` is what ``sprintmodel accounts`` writes (``gdp.csv``,
``industries.csv``, ``accounts.xlsx``): for every unit with GDP components, the published and
built year-to-date growth, the projected full year against the target and the shortfall
[亿元 at current prices], split by industry so that it adds up, and for each industry's main
source indicator (推算指标) the fourth-quarter growth that alone would close the unit's gap.

Rules where the issue leaves a choice (each stated in :attr:`AccountsReport.notes`):

- GDP's full-year growth is the project's forecast, the same point ``sprintmodel forecast``
  publishes (combination, ``sprintmodel.figures.PUBLISHED_DRAWS`` draws and seed), unless given.
- Each industry's full-year growth: its own forecast from its history
  (:func:`~sprintmodel.forecast.industries.industry_forecast`, its point, reconciled to GDP's; its
  year-to-date growth where it has none), all moved by one common amount so that, weighted by
  last year's full-year value added, the industries build GDP's forecast exactly
  (:func:`industry_fy_growth`, the one home of the rule; the scenario engine's industries table
  uses it too).
- A source indicator's baseline fourth-quarter growth is its year-to-date growth at the quarter
  (assumption: the rest of the year as the year so far); its record is the highest
  fourth-quarter (single-quarter) growth in the data before this year.

Pure: takes a :class:`~sprintmodel.data.model.DataSet`, never reads files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sprintmodel.accounts.components import ComponentPanel
from sprintmodel.accounts.shortfall import above_record, q4_source_growth_required
from sprintmodel.accounts.tables import GDP_COLUMNS, INDUSTRY_COLUMNS, accounts_frames
from sprintmodel.periods import Period, as_period
from sprintmodel.ytd import FloatArray, single_growth_from_ytd

if TYPE_CHECKING:
    from sprintmodel.data.model import DataSet
    from sprintmodel.forecast.draws import IndicatorDraws
    from sprintmodel.forecast.result import ForecastResult

SOURCE_COLUMNS_OUT = ["source_indicator", "q4_growth_required_alone", "above_record"]
"""Columns the report adds to :data:`~sprintmodel.accounts.tables.INDUSTRY_COLUMNS`."""


@dataclass(frozen=True)
class AccountsReport:
    """The accounts of a folder at one quarter.

    Attributes
    ----------
    period
        The quarter (``YYYYQn``).
    gdp
        One row per unit: :data:`~sprintmodel.accounts.tables.GDP_COLUMNS`.
    industries
        One row per unit × industry: ``INDUSTRY_COLUMNS`` + :data:`SOURCE_COLUMNS_OUT`.
    notes
        The rules used, in English.
    """

    period: Period
    gdp: pd.DataFrame
    industries: pd.DataFrame
    notes: tuple[str, ...]


def industry_fy_growth(
    ytd_growth: FloatArray, fy_base: FloatArray, whole_fy_growth: FloatArray
) -> FloatArray:
    """Each industry's projected full-year real growth [%], ``unit × industry``.

    Parameters
    ----------
    ytd_growth
        The industries' own growth [%], ``unit × industry``: their own full-year forecasts
        (:func:`industry_own_growth`), or their year-to-date growth at the quarter.
    fy_base
        Last year's full-year value added [亿元], ``unit × industry`` (the full year's weights).
    whole_fy_growth
        The units' projected full-year GDP growth [%], ``(units,)``.

    Notes
    -----
    Rule: every industry's own growth moves by the same :math:`\\delta` so that the
    industries build the whole's projection exactly (one GDP figure; the discrepancy spread in
    proportion to the industries' base, as the shortfall split spreads it), :math:`\\sum_i w_i (g_i + \\delta) = G`, with
    :math:`w_i = B_i / \\sum_j B_j` last year's full-year shares:
    :math:`\\delta = G - \\sum_i w_i g_i`. Industries absent from a unit weigh nothing.
    """
    g = np.asarray(ytd_growth, dtype=float)
    base = np.asarray(fy_base, dtype=float)
    present = np.isfinite(base) & np.isfinite(g)
    b = np.where(present, base, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        w = b / b.sum(axis=-1, keepdims=True)
    built = np.where(present, w * np.where(present, g, 0.0), 0.0).sum(axis=-1)
    delta = np.asarray(whole_fy_growth, dtype=float) - built
    return np.where(present, g + delta[..., None], np.nan)


def industry_own_growth(
    dataset: DataSet,
    period: Period,
    comps: ComponentPanel,
    origin: Period | None = None,
    gdp: IndicatorDraws | None = None,
) -> tuple[FloatArray, bool]:
    """Each industry's own full-year growth forecast [%], ``unit × industry`` of ``comps``.

    The point of :func:`~sprintmodel.forecast.industries.industry_forecast` at ``origin``
    (default ``period``, the components' last quarter; a month inside the next quarter adds the
    live nowcast, as ``sprintmodel forecast`` does), with the forecast command's method, draws
    and seed: the industries reconciled to the published GDP point, so that they build it up to
    the residual ``100 R / B``; the industries' year-to-date growth at ``period`` where a unit's
    industries cannot be forecast. ``gdp``: the published forecast's GDP draws when the caller
    has them (:func:`published_forecast`; else computed again). Returns the array and whether
    any forecast was used.
    """
    import warnings

    from sprintmodel.figures import PUBLISHED_DRAWS, PUBLISHED_SEED
    from sprintmodel.forecast.industries import industry_forecast

    y, k = comps.year_index(period.year), period.index - 1
    out = np.array(comps.ytd_growth[:, :, y, k], dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fc = industry_forecast(
            dataset,
            origin or period,
            units=comps.units,
            n_draws=PUBLISHED_DRAWS,
            rng=PUBLISHED_SEED,
            gdp=gdp,
        )
    if fc is None:
        return out, False
    own = fc.point_growth
    cols = [fc.industries.index(c) if c in fc.industries else -1 for c in comps.components]
    used = False
    for j, u in enumerate(fc.units):
        i = comps.units.index(u)
        g = np.array([own[j, c] if c >= 0 else np.nan for c in cols])
        ok = np.isfinite(g)
        if ok.any():
            out[i, ok] = g[ok]
            used = True
    return out, used


def published_forecast(dataset: DataSet, period: Period) -> ForecastResult:
    """The forecast ``sprintmodel forecast`` publishes at ``period`` (its draws and seed)."""
    import warnings

    from sprintmodel.figures import PUBLISHED_DRAWS, PUBLISHED_SEED
    from sprintmodel.forecast import forecast

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return forecast(dataset, period, n_draws=PUBLISHED_DRAWS, rng=PUBLISHED_SEED)


def gdp_forecast(result: ForecastResult, units: tuple[str, ...]) -> FloatArray:
    """The units' full-year GDP growth as ``sprintmodel forecast`` publishes it [%], from its
    result (:func:`published_forecast`)."""
    frame = result.to_frame()
    gdp = frame[frame.indicator == "gdp"].set_index("unit").fy_growth
    return np.array([float(gdp.get(u, np.nan)) for u in units])


def _q4_single(dataset: DataSet, code: str, units: tuple[str, ...], years: list[int]) -> FloatArray:
    """Single fourth-quarter growth of an indicator [%], ``unit × year`` (NaN where unknown).

    For a stock (``flow`` no) the year-on-year growth of the December balance."""
    panel = dataset.panel(code, "Q", units=units, years=years)
    growth = panel.growth()
    if not panel.indicator.flow:
        return growth[:, :, 3]
    out = np.full(growth.shape[:2], np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        out[:, 1:] = single_growth_from_ytd(panel.ytd_value[:, :-1, :], growth[:, 1:, :])[..., 3]
    return out


def _sources_columns(
    dataset: DataSet,
    comps: ComponentPanel,
    period: Period,
    shortfall: FloatArray,
    price: FloatArray,
) -> pd.DataFrame:
    """``source_indicator, q4_growth_required_alone, above_record`` per unit × industry."""
    n_u, n_c = len(comps.units), len(comps.components)
    code = np.full((n_u, n_c), "", dtype=object)
    required = np.full((n_u, n_c), np.nan)
    record = np.full((n_u, n_c), None, dtype=object)
    sources = dataset.industry_sources
    if sources is None:
        sources = pd.DataFrame(columns=["component", "role", "source_indicator", "elasticity"])
    y = comps.year_index(period.year)
    q4_base = comps.ytd_value[:, :, y - 1, 3] - comps.ytd_value[:, :, y - 1, 2]
    known = {**dataset.indicators, **dataset.source_indicators}
    years = [int(v) for v in comps.years[: y + 1]]
    k = period.index - 1
    for j, comp in enumerate(comps.components):
        rows = sources[(sources.component == comp) & (sources.role == "main")]
        if not len(rows):
            continue
        src = rows.iloc[0]
        code[:, j] = src.source_indicator
        if src.source_indicator not in known:
            continue
        panel = dataset.panel(src.source_indicator, "Q", units=comps.units, years=years)
        baseline = panel.growth()[:, y, k]
        required[:, j] = q4_source_growth_required(
            shortfall, q4_base[:, j], float(src.elasticity), baseline, price_ratio=price
        )
        history = _q4_single(dataset, src.source_indicator, comps.units, years)[:, :y]
        above = above_record(required[:, j], history)
        has = np.isfinite(required[:, j]) & np.isfinite(history).any(axis=1)
        record[:, j] = [bool(a) if h else None for a, h in zip(above, has, strict=True)]
    return pd.DataFrame(
        {
            "unit": np.repeat(comps.units, n_c),
            "industry": np.tile(comps.components, n_u),
            "source_indicator": code.ravel(),
            "q4_growth_required_alone": required.ravel(),
            "above_record": record.ravel(),
        }
    )


def accounts_report(
    dataset: DataSet,
    as_of: str | Period | None = None,
    *,
    indicator: str = "gdp",
    fy_growth: Mapping[str, float] | None = None,
    project: bool = True,
) -> AccountsReport:
    """The accounts of every unit with components of ``indicator`` at one quarter.

    Parameters
    ----------
    dataset
        A loaded folder with ``component_observations.csv``.
    as_of
        Quarter ``YYYYQn`` or month (the last complete quarter up to it); default the latest
        quarter of the components.
    indicator
        The whole (``gdp``).
    fy_growth
        The units' full-year growth [%] (default: the project's forecast, :func:`gdp_forecast`).
    project
        False: no full-year projection (``fy_growth`` empty, shortfall on the year to date, no
        source requirement); fast, for the national accounts' history.

    Raises
    ------
    KeyError
        Where the folder has no components of ``indicator`` or none up to ``as_of``.
    """
    data = dataset if as_of is None else dataset.until(as_of)
    comps = data.component_panel(indicator)
    if comps is None or not np.isfinite(comps.ytd_value).any():
        raise KeyError(f"the data have no components of {indicator!r} up to {as_of}")
    last = np.flatnonzero(np.isfinite(comps.ytd_value).any(axis=(0, 1)).ravel())[-1]
    period = as_period(f"{int(comps.years[last // 4])}Q{last % 4 + 1}")
    # The forecasts' origin: the month asked for (October: the live nowcast of the fourth
    # quarter), so that the accounts publish the figures of `sprintmodel forecast --as-of`.
    asked = period if as_of is None else as_period(as_of)
    origin = asked if (asked.year, asked.month) > (period.year, period.month) else period
    y, k = comps.year_index(period.year), period.index - 1
    whole = data.panel(indicator, "Q", units=comps.units, years=[int(v) for v in comps.years])
    targets = np.array([data.target(u, indicator, period.year)[0] for u in comps.units])
    notes = [f"{indicator} built from {len(comps.components)} components per unit at {period}"]
    if origin != period:
        notes.append(
            f"full-year forecasts as of {origin}: the months published since {period} enter "
            "through the live nowcast (as `sprintmodel forecast --as-of` gives them)"
        )
    fy_whole = None
    fy_ind = None
    if project:
        result = published_forecast(data, origin)  # once: GDP's figure and its draws
        if fy_growth is None:
            fy_whole = gdp_forecast(result, comps.units)
            notes.append("full-year GDP growth: the forecast as `sprintmodel forecast` gives it")
        else:
            fy_whole = np.array([float(fy_growth.get(u, np.nan)) for u in comps.units])
            notes.append("full-year GDP growth: as given")
        own, used = industry_own_growth(data, period, comps, origin, result.draws.get("gdp"))
        fy_ind = industry_fy_growth(own, comps.ytd_value[:, :, y - 1, 3], fy_whole)
        notes.append(
            "industries' full-year growth: each industry's own forecast from its history"
            if used
            else "industries' full-year growth: year-to-date growth (no industry forecast)"
        )
        notes[-1] += (
            ", moved by one amount per unit so that they build the unit's full-year GDP growth"
        )
    gdp, industries = accounts_frames(
        comps,
        whole.ytd_value,
        whole.growth(),
        period,
        targets,
        fy_growth=fy_ind,
        fy_whole_growth=fy_whole,
    )
    if project:
        value = whole.ytd_value
        published = whole.growth()[:, y, k]
        with np.errstate(divide="ignore", invalid="ignore"):
            price = value[:, y, k] / (value[:, y - 1, k] * (1 + published / 100))
        src = _sources_columns(data, comps, period, gdp.shortfall_value.to_numpy(), price)
        notes.append(
            "q4_growth_required_alone: the main source indicator's Q4 growth that alone closes "
            "the unit's full-year gap, around a baseline of its year-to-date growth "
            "(assumption); above_record: above its highest Q4 growth in the data"
        )
        industries = industries.merge(src, on=["unit", "industry"], how="left")
    else:
        industries = industries.assign(
            source_indicator="", q4_growth_required_alone=np.nan, above_record=None
        )
    columns = [*INDUSTRY_COLUMNS, *SOURCE_COLUMNS_OUT]
    return AccountsReport(period, gdp[GDP_COLUMNS], industries[columns], tuple(notes))
