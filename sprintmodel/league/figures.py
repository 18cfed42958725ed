"""The figures a league compares: growth, base and increment of every unit at one span.

:class:`Figures` holds, for one indicator, one value per unit: the level, the growth on the same
span of last year, last year's level of that span (the *base*) and the increment. They come either
from published year-to-date data (:func:`ytd_figures`) or from a scenario's full-year draws
(:func:`fy_figures`), so that the league arithmetic (:mod:`sprintmodel.league.table`) is the same
for both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sprintmodel.data import DataSet, Indicator
from sprintmodel.forecast.draws import IndicatorDraws
from sprintmodel.notes import Note
from sprintmodel.periods import Frequency, Period, as_period
from sprintmodel.status import latest_published, series_period
from sprintmodel.ytd import comparable_base


@dataclass(frozen=True, eq=False)
class Figures:
    """One indicator's figures for a set of units at one span (arrays of shape (units,)).

    Attributes
    ----------
    indicator
        The indicator.
    units
        Unit codes.
    period
        The span compared: ``2026Q3`` or ``2026-10`` for year to date, ``2026`` for a full year.
    freq
        ``"Q"`` or ``"M"``: the frequency the span was read at.
    value
        Level [measure]: the published year-to-date value (current prices), or the full-year
        level of a projection (a volume at last year's prices for ``real`` indicators).
    growth
        Growth on the same span of last year [%] (real for ``real`` indicators).
    base
        Last year's level of the same span [measure]: for ``real`` indicators last year's
        published value (current prices of last year); for ``nominal`` ones the comparable base
        ``value / (1 + growth/100)`` where both are published, else last year's published value.
    increment
        ``base × growth / 100`` [measure]: for ``real`` indicators the increment at last year's
        prices.
    last_ytd, last_full
        Last year's published value of the span and of the full year [measure] (NaN for
        projections, where ``base`` is the full year).
    notes
        Per-unit notes as data (:class:`~sprintmodel.notes.Note`; an empty tuple where there is
        nothing to say), worded by :mod:`sprintmodel.words.notes`.
    span_note
        A note for the whole indicator when the span compared is not the one asked for (the
        indicator is not published at it: compared at its latest period before it), else None.
    """

    indicator: Indicator
    units: tuple[str, ...]
    period: str
    freq: Frequency
    value: np.ndarray
    growth: np.ndarray
    base: np.ndarray
    increment: np.ndarray
    last_ytd: np.ndarray
    last_full: np.ndarray
    notes: tuple[tuple[Note, ...], ...] = ()
    span_note: Note | None = None


def span_for(
    dataset: DataSet, indicator: str, period: Period
) -> tuple[Frequency, Period, Note | None]:
    """The frequency and span at which one indicator's units are compared at ``period``.

    An indicator whose units all publish monthly is compared at the month (a quarter asked for
    is read at its last month: ``2026Q2`` → ``2026-06``). Otherwise quarters and quarter-end
    months compare every unit at the quarter, monthly series being read at the quarter's last
    month; a month that is not a quarter end compares at the last complete quarter (peers must
    be compared over the same span), with a note.
    """
    keys = dataset.series_keys
    freqs = set(keys.loc[keys.indicator == indicator, "freq"])
    if freqs and freqs <= {"M"}:
        return "M", series_period(period, "M"), None
    if period.freq == "M" and not period.is_quarter_end():
        sp = series_period(period, "Q")
        note = Note.of(
            "league.quarterly_span",
            indicator=indicator,
            compared_period=str(sp),
            asked_period=str(period),
        )
        return "Q", sp, note
    return "Q", series_period(period, "Q"), None


def ytd_figures(
    dataset: DataSet,
    indicator: str,
    period: str | Period,
    units: list[str] | None = None,
    *,
    explicit: bool = True,
) -> Figures:
    """Year-to-date figures of one indicator at ``period`` (only data up to it are used).

    Parameters
    ----------
    dataset
        A loaded data folder.
    indicator
        Indicator code.
    period
        ``YYYYQn`` or ``YYYY-MM``; see :func:`span_for` for the span actually compared.
    units
        Units to include (default: every unit with data on the indicator).
    explicit
        Whether ``period`` was asked for (True) or is the data's latest period (False); only the
        wording of :attr:`Figures.span_note` differs.

    Notes
    -----
    When no unit has the indicator's figures at the span (its series end earlier: quarterly GDP
    at 2026Q1 while monthly series run to 2026-06), every unit is compared at the indicator's
    latest period of the same year before it, and :attr:`Figures.span_note` says so. Units
    published at the span but not others are compared at the span (the others unranked), so
    that peers are always compared over one span.

    Growth is the published year-to-date growth, or for ``nominal`` indicators the ratio of
    values where none is published (:meth:`sprintmodel.data.Panel.growth`). The increment is

    .. math:: \\Delta = B \\, g / 100

    with base :math:`B` = last year's value of the span for ``real`` indicators (so
    :math:`\\Delta` is at last year's prices, as the NBS computes contributions) and the
    comparable base :math:`B = Y_t / (1 + g/100)` for ``nominal`` ones (last year's value
    revised as the office did; equal to the plain difference when growth follows from values).
    """
    p = as_period(period)
    freq, sp, span_note = span_for(dataset, indicator, p)
    data = dataset.until(p)
    panel = data.panel(indicator, freq, units=units, years=[sp.year - 1, sp.year])
    k = (sp.index - 1) if freq == "M" else (sp.month // 3 - 1)
    all_growth = panel.growth()
    fallback: Note | None = None
    if panel.years.size == 2 and not np.isfinite(all_growth[:, 1, k]).any():
        last = int(latest_published(np.isfinite(all_growth[:, 1, :]).any(axis=0), k))
        if last >= 0:
            k = last
            at = Period(sp.year, k + 1, freq)
            if not explicit:
                fallback = Note.of(
                    "league.published_up_to",
                    indicator=indicator,
                    at_period=str(at),
                    latest_period=str(p),
                )
            elif str(sp) == str(p):
                fallback = Note.of(
                    "league.not_at_period",
                    indicator=indicator,
                    span_period=str(sp),
                    at_period=str(at),
                )
            else:
                fallback = Note.of(
                    "league.not_at_asked_period",
                    indicator=indicator,
                    span_period=str(sp),
                    asked_period=str(p),
                    at_period=str(at),
                )
            sp = at
    growth = all_growth[:, 1, k]
    value = panel.ytd_value[:, 1, k]
    last_ytd = panel.ytd_value[:, 0, k]
    last_full = panel.ytd_value[:, 0, -1]
    ind = dataset.indicators[indicator]
    if ind.basis == "real":
        base = last_ytd.copy()
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            comparable = comparable_base(value, growth)
        base = np.where(np.isfinite(comparable), comparable, last_ytd)
    increment = base * growth / 100.0
    shared = tuple(n for n in (span_note, fallback) if n is not None)
    no_base = (Note.of("league.no_base"),)
    notes = tuple(
        shared + (no_base if np.isfinite(growth[i]) and not np.isfinite(base[i]) else ())
        for i in range(len(panel.units))
    )
    return Figures(
        ind,
        tuple(panel.units),
        str(sp),
        freq,
        value,
        growth,
        base,
        increment,
        last_ytd,
        last_full,
        notes,
        fallback,
    )


def fy_figures(draws: IndicatorDraws, *, statistic: str = "mean") -> Figures:
    """Projected full-year figures from a scenario's (or forecast's) full-year draws.

    Parameters
    ----------
    draws
        Full-year level draws of one indicator (draws × units); see
        :class:`sprintmodel.forecast.draws.IndicatorDraws`.
    statistic
        ``"mean"`` (default) or ``"median"`` of the draws as the point projection. The mean keeps
        the hierarchy additive (the mean of a sum is the sum of the means); the median does not.

    Notes
    -----
    Full-year growth :math:`100 (\\bar F / B - 1)` and increment :math:`\\bar F - B` with
    :math:`B` = last year's full-year level on the draws' basis (a volume at last year's prices
    for ``real`` indicators, so the increment is at last year's prices).
    """
    if statistic == "mean":
        level = np.nanmean(draws.fy, axis=0)
    elif statistic == "median":
        level = np.nanmedian(draws.fy, axis=0)
    else:
        raise ValueError(f"statistic must be 'mean' or 'median', not {statistic!r}")
    base = np.asarray(draws.base_full, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = 100.0 * (level / base - 1.0)
    years = {p.year for p in draws.periods}
    label = str(min(years)) if years else ""
    notes = (
        tuple(tuple(n) for n in draws.notes)
        if len(draws.notes) == len(draws.units)
        else ((),) * len(draws.units)
    )
    nan = np.full(len(draws.units), np.nan)
    freq: Frequency = draws.periods[0].freq if draws.periods else "Q"
    return Figures(
        draws.indicator,
        tuple(draws.units),
        label,
        freq,
        level,
        growth,
        base,
        level - base,
        nan,
        nan.copy(),
        notes,
    )
