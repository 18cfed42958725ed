"""The live nowcast: quarterly indicators at a monthly origin inside a quarter (issue 17).

As of October (January–October figures out, mid-November) GDP and its industries still stand
at the third quarter, but monthly source indicators (推算指标: wholesale and retail sales,
freight, services revenue...) already cover October. :func:`live_nowcast` gives each unit of a
quarterly block the nowcast of :func:`~sprintmodel.forecast.nowcast.nowcast_rows`, with

- **base**: the combination's Q3 forecast, and as history the rolling-origin rows the forecast
  already computed for its weights (:class:`~sprintmodel.forecast.engine.BlockFit`: the
  combination's forecast and the published outcome of every earlier year);
- **signals**: the root's :data:`~sprintmodel.forecast.nowcast.BRIDGE_SOURCES` (member
  ``bridge``) and the member :data:`SOURCE_MEMBER` registered here: the unit's industries'
  monthly main source indicators (``industry_sources.csv``) combined into one signal,
  :math:`x = \\sum_i c_i s_i` with :math:`s_i` the source's :func:`quarter_signals` [pp] and
  :math:`c_i = w_i \\varepsilon_i` (the industry's share of the unit's GDP last year times its
  elasticity: the 推算 rule, :mod:`sprintmodel.accounts.sources`); an industry (a component
  seen as a unit, :meth:`DataSet.components_as_units`) uses its own main sources with
  :math:`c = \\varepsilon`. One signal keeps the bridge to one coefficient on the city's ten or
  so years; its term splits over the series exactly,
  :math:`\\beta (x_t - \\bar x) = \\sum_i \\beta c_i (s_{t,i} - \\bar s_i)`.

How the draws move (:func:`move_draws`; assumption): the draws of the base are shifted by the
nowcast's change and their spread around the base's point rescaled by the ratio of the
nowcast's and the base's root mean squared errors in the earlier years in which they differed
(:func:`error_ratio`; the years before the bridge's first fit say nothing about it):

.. math:: g'_d = n + r\\,(g_d - b), \\qquad r = \\mathrm{RMSE}_{nowcast} / \\mathrm{RMSE}_{base}

(:math:`r = 1` with fewer than :data:`MIN_RATIO_YEARS` such years). The point, the 80/95% intervals (quantiles
of the draws, :mod:`sprintmodel.figures`) and P(meet) therefore move together; reconciliation
(children adding up to their parents) then runs as at any origin.

The judged weights (:func:`~sprintmodel.forecast.nowcast.judged_weights`) need
:data:`~sprintmodel.forecast.nowcast.MIN_YEARS` earlier years in which a member differed from
the base; until then (the example city's ten years) the :data:`SOURCE_MEMBER` bridge is judged
against the base by the same inverse-MSE rule on at least :data:`MIN_RATIO_YEARS` years
(:func:`_unjudged`, assumption). A unit with too few years even for that keeps the base, with a
note.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.data.model import COMPONENT_KIND
from sprintmodel.forecast.engine import BlockFit
from sprintmodel.forecast.nowcast import (
    DEFAULT_MEMBERS,
    MEMBERS,
    MemberForecast,
    NowcastInput,
    bridge_terms,
    judged_weights,
    monthly_growth,
    nowcast_rows,
    quarter_signals,
    signal_owners,
    signal_sources,
)
from sprintmodel.notes import Note
from sprintmodel.ytd import FloatArray

GDP = "gdp"
SOURCE_MEMBER = "sources"
"""Name of the member bridging on the unit's industries' monthly source indicators."""


def source_weights(
    dataset: DataSet, unit: str, indicator: str
) -> tuple[dict[str, str], dict[str, float]]:
    """Where the signals of ``unit`` × ``indicator`` come from: ({source: owner unit},
    {source: c}).

    GDP of a unit with industries: every industry's monthly ``main`` source of the unit, with
    :math:`c_i` = the industry's share of the unit's GDP in the last full year of
    ``component_observations`` [1] × its elasticity [pp/pp]. An industry seen as a unit
    (kind ``component`` under its unit): its own main sources, :math:`c = \\varepsilon`, taken
    from its unit (a district's industry reads the district's series) where the unit has them
    monthly, else from the root (:func:`~sprintmodel.forecast.nowcast.signal_owners`; noted by
    :func:`borrowed_note`). Other indicators: none.
    """
    table = dataset.industry_sources
    if indicator != GDP or table is None:
        return {}, {}
    main = table[(table.role == "main") & table.elasticity.notna()]
    u = dataset.units.get(unit)
    if u is not None and u.kind == COMPONENT_KIND and u.parent is not None:
        chain, shares = signal_owners(dataset, unit)[1:], {unit: 1.0}
    else:
        chain, shares = (unit,), _industry_shares(dataset, unit)
    owners: dict[str, str] = {}
    out: dict[str, float] = {}
    for comp, code, eps in zip(main.component, main.source_indicator, main.elasticity, strict=True):
        if comp not in shares:
            continue
        owner = next((o for o in chain if _is_monthly(dataset, o, str(code))), None)
        if owner is not None:
            owners[str(code)] = owner
            out[str(code)] = out.get(str(code), 0.0) + shares[comp] * float(eps)
    return owners, out


def borrowed_note(dataset: DataSet, unit: str) -> tuple[Note, ...]:
    """A note naming the monthly series a district's industry (a component seen as a unit)
    reads from the root because its district has none (none otherwise)."""
    u = dataset.units.get(unit)
    if u is None or u.kind != COMPONENT_KIND or u.parent in (None, dataset.root):
        return ()
    chain = signal_owners(dataset, unit)
    borrowed = [
        code
        for code in signal_sources(dataset, unit)
        if next((o for o in chain if _is_monthly(dataset, o, code)), None) == dataset.root
    ]
    if not borrowed:
        return ()
    return (Note.of("forecast.borrowed", sources=borrowed, root=dataset.root, parent=u.parent),)


def _industry_shares(dataset: DataSet, unit: str) -> dict[str, float]:
    """Each industry's share of the unit's GDP in the last full year [1] ({} without)."""
    rows = dataset.component_observations
    if rows is None:
        return {}
    rows = rows[(rows.unit == unit) & (rows.indicator == GDP) & (rows.month == 12)]
    rows = rows[rows.ytd_value.notna()]
    if rows.empty:
        return {}
    last = rows[rows.year == rows.year.max()]
    total = float(last.ytd_value.sum())
    return {str(c): float(v) / total for c, v in zip(last.component, last.ytd_value, strict=True)}


def _is_monthly(dataset: DataSet, unit: str, code: str) -> bool:
    """Whether the folder has ``unit``'s monthly series ``code`` (the nowcast's cached grids)."""
    return monthly_growth(dataset, unit, code, _NO_YEARS) is not None


_NO_YEARS = np.zeros(0, dtype=np.int64)


def _past_mean(x: FloatArray, ok: np.ndarray) -> FloatArray:
    """Mean of the rows of ``x`` over the ``ok`` years before each year (years × k)."""
    cum = np.cumsum(np.where(ok[:, None], x, 0.0), axis=0)
    n = np.cumsum(ok)
    mu = np.full(x.shape, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        mu[1:] = cum[:-1] / n[:-1, None]
    return mu


def composite_bridge(
    base: FloatArray, actual: FloatArray, signals: FloatArray, weights: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """The rolling-origin bridge on one combined signal, split over its series [pp].

    Parameters
    ----------
    base, actual
        The base forecast and the published outcome [%] (years,), NaN where unknown.
    signals
        Each series' signal :math:`s_{t,i}` [pp] (years × series).
    weights
        :math:`c_i` [1] (series,): the combined signal is :math:`x_t = \\sum_i c_i s_{t,i}`.

    Returns
    -------
    intercept, parts
        (years,) and (years × series): :func:`~sprintmodel.forecast.nowcast.bridge_terms` on
        :math:`x`, its term :math:`\\beta (x_t - \\bar x)/sd` split as
        :math:`\\beta c_i (s_{t,i} - \\bar s_i)/sd` (:math:`\\bar s_i` over the same earlier
        years), so that the bridge is ``base + intercept + parts.sum(axis=1)``.
    """
    s = np.asarray(signals, dtype=np.float64)
    c = np.asarray(weights, dtype=np.float64)
    x = s @ c
    intercept, terms = bridge_terms(base, actual, x[:, None])
    ok = np.isfinite(base) & np.isfinite(actual) & np.isfinite(x)
    dev = s - _past_mean(s, ok)
    xdev = dev @ c
    with np.errstate(invalid="ignore", divide="ignore"):
        k = np.nan_to_num(np.where(np.abs(xdev) > 1e-12, terms[:, 0] / xdev, 0.0))
    return intercept, k[:, None] * c[None, :] * np.nan_to_num(dev)


def sources_member(inp: NowcastInput) -> MemberForecast | None:
    """The bridge on the unit's combined source signal (:func:`composite_bridge`, weights of
    :func:`source_weights`); None without sources. Parts: ``intercept`` and one per series."""
    owners, weights = source_weights(inp.dataset, inp.unit, inp.indicator)
    if not weights or inp.month % 3 == 0:
        return None
    codes = sorted(weights)
    cols = []
    for c in codes:
        found = monthly_growth(inp.dataset, owners[c], c, inp.years)
        assert found is not None  # source_weights keeps monthly series only
        cols.append(quarter_signals(found[0], found[1], inp.month))
    s = np.column_stack(cols)
    intercept, split = composite_bridge(
        inp.base, inp.actual, s, np.array([weights[k] for k in codes])
    )
    parts = {"intercept": intercept} | {code: split[:, j] for j, code in enumerate(codes)}
    return MemberForecast(inp.base + intercept + split.sum(axis=1), parts)


MEMBERS.setdefault(SOURCE_MEMBER, sources_member)
LIVE_MEMBERS: tuple[str, ...] = (*DEFAULT_MEMBERS, SOURCE_MEMBER)
"""Members of the live nowcast: the nowcast module's defaults and :data:`SOURCE_MEMBER`."""


@dataclass(frozen=True)
class LiveNowcast:
    """The live nowcast of one unit's full-year growth.

    Attributes
    ----------
    base
        The combination's forecast from the last complete quarter [%].
    growth
        The nowcast [%] (``base`` where it has nothing to say).
    scale
        Ratio of the nowcast's and the base's conformal 80% half-widths [1] (1 where unknown).
    parts
        ``intercept`` and per source series [pp], adding up to ``growth - base``.
    notes
        What was done, for the forecast's notes (:class:`~sprintmodel.notes.Note`).
    """

    base: float
    growth: float
    scale: float
    parts: dict[str, float] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()


def base_rows(fit: BlockFit, t: int) -> pd.DataFrame:
    """The base of :func:`~sprintmodel.forecast.nowcast.nowcast_rows` from a quarterly fit:
    every unit's rolling-origin combination forecast [%] and published outcome [%] of the
    years up to ``t`` (the live year, its outcome NaN)."""
    block = fit.block
    years = block.years[: t + 1]
    rows = pd.DataFrame(
        {
            "unit": np.repeat(np.asarray(block.units, dtype=object), len(years)),
            "indicator": block.indicator.code,
            "year": np.tile(years, len(block.units)),
            "period": "",
            "method": "combination",
            "forecast_growth": fit.growth[:, : t + 1].reshape(-1),
            "actual_growth": fit.actual_growth[:, : t + 1].reshape(-1),
        }
    )
    rows.loc[rows.year == years[-1], "actual_growth"] = np.nan
    return rows


def live_nowcast(data: DataSet, fit: BlockFit, t: int, month: int) -> list[LiveNowcast]:
    """The live nowcast of every unit of a quarterly ``fit`` at origin ``month`` (1-12).

    Parameters
    ----------
    data
        The data up to the origin (``DataSet.until``): only months published by then.
    fit
        The quarterly block's fit at its last complete quarter.
    t
        Index of the live year in ``fit.block.years``.
    month
        Origin month; at a quarter's end every unit keeps its base.
    """
    block = fit.block
    years = block.years[: t + 1]
    rows = nowcast_rows(data, base_rows(fit, t), month, members=LIVE_MEMBERS) if month % 3 else None
    out = []
    for i, unit in enumerate(block.units):
        b = float(fit.growth[i, t])
        mine = None if rows is None else rows[(rows.unit == unit) & (rows.method == "nowcast")]
        if mine is None or mine.empty or not np.isfinite(b):
            out.append(LiveNowcast(b, b, 1.0))
            continue
        mine = mine.sort_values("year")
        live = mine.iloc[-1]
        g = float(live.forecast_growth)
        if abs(g - b) < 1e-12:  # judged weights still on the base: the fitted members' mean
            assert rows is not None
            mine, live, g = _unjudged(rows[rows.unit == unit], mine, live)
        if not np.isfinite(g) or abs(g - b) < 1e-12:
            has_member = rows is not None and bool(
                ((rows.unit == unit) & (rows.method != "nowcast")).any()
            )
            notes = (Note.of("forecast.nowcast_kept"), *borrowed_note(data, unit))
            out.append(LiveNowcast(b, b, 1.0, notes=notes if has_member else ()))
            continue
        scale = error_ratio(
            mine.forecast_growth.to_numpy(float),
            mine.base_growth.to_numpy(float),
            mine.actual_growth.to_numpy(float),
        )
        parts = {"intercept": float(live.intercept_pp)} | {
            c[len("contrib_") : -len("_pp")]: float(live[c])
            for c in mine.columns
            if c.startswith("contrib_") and float(live[c]) != 0.0
        }
        # Two notes: the data behind the nowcast (the same for every unit of the block, said
        # once under a table) and this unit's change.
        nowcast = (
            Note.of(
                "forecast.nowcast",
                data_month=f"{years[-1]}-{month:02d}",
                sources=[k for k in parts if k != "intercept"],
            ),
            Note.of("forecast.nowcast_change", change=g - b, quarter=fit.k + 1),
        )
        out.append(LiveNowcast(b, g, scale, parts, (*nowcast, *borrowed_note(data, unit))))
    return out


_MEMO: OrderedDict[tuple[str, str, int], tuple[weakref.ref[DataSet], list[LiveNowcast]]] = (
    OrderedDict()
)
MEMO_SIZE = 64
"""Live nowcasts kept in memory (assumption: the blocks of a few as-of periods)."""


def live_nowcast_cached(
    dataset: DataSet, key: str, data: DataSet, fit: BlockFit, t: int, month: int
) -> list[LiveNowcast]:
    """:func:`live_nowcast`, computed once per (fitted block, origin, data set).

    A briefing calls ``forecast`` for every scenario and both sides of the news; the nowcast
    depends only on the block (``key``, :func:`~sprintmodel.forecast.cache.block_key`, a hash
    of its data and configuration), the origin and the monthly data of ``dataset`` up to it, so
    it is kept while ``dataset`` lives.
    """
    memo_key = (key, f"{fit.block.years[t]}-{month:02d}", id(dataset))
    hit = _MEMO.get(memo_key)
    if hit is not None and hit[0]() is dataset:
        _MEMO.move_to_end(memo_key)
        return hit[1]
    out = live_nowcast(data, fit, t, month)
    _MEMO[memo_key] = (weakref.ref(dataset), out)
    while len(_MEMO) > MEMO_SIZE:
        _MEMO.popitem(last=False)
    return out


MIN_RATIO_YEARS = 3
"""Earlier years in which the nowcast differed from the base needed to rescale the draws
(assumption); fewer: the spread is kept (ratio 1)."""


def error_ratio(nowcast: FloatArray, base: FloatArray, actual: FloatArray) -> float:
    """Ratio of the nowcast's and the base's root mean squared errors [1] over the earlier
    years (all but the last) in which they differ and the outcome is known; 1 with fewer
    than :data:`MIN_RATIO_YEARS` such years.

    Examples
    --------
    >>> a = np.array([5.0, 5.0, 5.0, np.nan])
    >>> error_ratio(np.array([5.5, 4.5, 5.5, 6.0]), np.array([6.0, 4.0, 6.0, 6.0]), a)
    0.5
    """
    n, b, a = (np.asarray(v, dtype=np.float64)[:-1] for v in (nowcast, base, actual))
    use = np.isfinite(n) & np.isfinite(b) & np.isfinite(a) & (np.abs(n - b) > 1e-12)
    if use.sum() < MIN_RATIO_YEARS:
        return 1.0
    den = float(np.sqrt(np.mean((b[use] - a[use]) ** 2)))
    num = float(np.sqrt(np.mean((n[use] - a[use]) ** 2)))
    return num / den if den > 0 else 1.0


def _unjudged(
    rows: pd.DataFrame, nowcast: pd.DataFrame, live: pd.Series
) -> tuple[pd.DataFrame, pd.Series, float]:
    """Where the judged weights have too few years in which the members differ from the base
    (:func:`~sprintmodel.forecast.nowcast.judged_weights`: fewer than ``MIN_YEARS``; the
    example city has ten years of history and the bridge's first fit needs six of them), the
    :data:`SOURCE_MEMBER` bridge judged against the base by the same rule on at least
    :data:`MIN_RATIO_YEARS` years: :math:`b + w (s - b)` with :math:`w = (1/\\overline{e_s^2})
    / (1/\\overline{e_b^2} + 1/\\overline{e_s^2})` over the earlier years in which they differ
    (Bates & Granger 1969; assumption: three years, the least that says anything), its parts
    scaled by :math:`w`. The nowcast's own rows where the member is not fitted for the live
    year or has fewer years. Returns (rows over the years, live row, live forecast [%])."""
    year = int(live.year)
    member = rows[rows.method == SOURCE_MEMBER].sort_values("year")
    if member.empty or member.year.iloc[-1] != year:
        return nowcast, live, float(live.forecast_growth)
    b = member.base_growth.to_numpy(float)
    f = member.forecast_growth.to_numpy(float)
    a = member.actual_growth.to_numpy(float)
    w = judged_weights(np.vstack([b, f]), a, min_years=MIN_RATIO_YEARS)[1]
    judged = member.copy()
    judged["forecast_growth"] = b + w * (f - b)
    parts = ["intercept_pp", *[c for c in member.columns if c.startswith("contrib_")]]
    judged[parts] = member[parts].to_numpy(float) * w[:, None]
    last = judged.iloc[-1]
    return judged, last, float(last.forecast_growth)


def move_draws(draws: FloatArray, point: float, nowcast: LiveNowcast) -> FloatArray:
    """Shift and rescale one unit's full-year growth draws [%] to the nowcast (module doc):
    :math:`n + r (g_d - b)` with ``b`` the base point ``point``.

    Examples
    --------
    >>> move_draws(np.array([4.0, 5.0, 6.0]), 5.0, LiveNowcast(5.0, 5.5, 0.5))
    array([5. , 5.5, 6. ])
    """
    return np.asarray(nowcast.growth + nowcast.scale * (np.asarray(draws) - point))


__all__ = [
    "LIVE_MEMBERS",
    "SOURCE_MEMBER",
    "LiveNowcast",
    "base_rows",
    "borrowed_note",
    "composite_bridge",
    "error_ratio",
    "live_nowcast",
    "live_nowcast_cached",
    "move_draws",
    "source_weights",
    "sources_member",
]
