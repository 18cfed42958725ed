"""Where each series stands: year to date against its target, and what the rest must deliver.

This is pure arithmetic on published figures (no model): for every unit × indicator with data at
the ``as_of`` period, the year-to-date growth, the annual target, the growth the rest of the year
must deliver and the amount still needed. The forecast (:mod:`sprintmodel.forecast`) adds where
the year is likely to land.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.data.model import sort_in_data_order
from sprintmodel.errors import InputError
from sprintmodel.periods import Period, as_period
from sprintmodel.progress import time_progress
from sprintmodel.requirement import rest_of_year_requirement

STATUS_COLUMNS = [
    "unit",
    "indicator",
    "period",
    "ytd_value",
    "ytd_growth",
    "target_growth",
    "target_value",
    "rest_growth_required",
    "amount_needed",
    "completion_pct",
    "time_progress_pct",
]
"""Columns of :func:`ytd_status`."""

SHOWN_COLUMNS = [c for c in STATUS_COLUMNS if c != "target_value"]
"""The status's compact view (the terminal table of ``sprintmodel status``)."""


def check_as_of(dataset: DataSet, as_of: str | Period | None) -> Period:
    """``as_of`` parsed (default: the latest period), refused when the data cannot answer it.

    A period after the latest in the data by a year or more (``2030Q1`` for data ending in
    2026Q3), or before the first, would give a table of empty rows; it is a mistake of the
    user, reported with the span of the data.

    Raises
    ------
    sprintmodel.errors.InputError
        Not a period, or outside the data.
    """
    if as_of is None:
        return dataset.latest_period
    p = as_period(as_of)
    obs = dataset.observations
    t = obs.year.to_numpy() * 12 + obs.month.to_numpy()
    first = as_period(str(obs.period.iloc[int(np.argmin(t))]))
    last = dataset.latest_period
    if p.year > last.year or p.year * 12 + p.month < first.year * 12 + first.month:
        raise InputError(
            f"--as-of {p} is outside the data, which run from {first} to {last}. Fix: give a "
            f"period from {first.year} to {last}, e.g. --as-of {last}."
        )
    return p


def series_period(as_of: Period, freq: str) -> Period:
    """The period a series of frequency ``freq`` has reached at ``as_of``.

    A quarterly series as of October stands at Q3; a monthly series as of 2026Q3 at September.
    """
    if freq == "M":
        return Period(as_of.year, as_of.month, "M")
    return (
        Period(as_of.year, as_of.month // 3, "Q")
        if as_of.month >= 3
        else Period(as_of.year - 1, 4, "Q")
    )


def latest_published(known: np.ndarray, k: int) -> np.ndarray:
    """Index of the last period at or before ``k`` where ``known`` is True, -1 where none.

    ``known`` is boolean with periods on its last axis (e.g. units × periods of this year):
    a series not yet published at the period asked for (quarterly GDP at Q1 while monthly
    series run to June) is read at its own latest period of the year.

    Examples
    --------
    >>> latest_published(np.array([[True, True, False], [False, False, False]]), 2)
    array([ 1, -1])
    """
    window = np.asarray(known, dtype=bool)[..., : k + 1]
    last = window.shape[-1] - 1 - np.argmax(window[..., ::-1], axis=-1)
    return np.where(window.any(axis=-1), last, -1)


def ytd_status(dataset: DataSet, as_of: str | Period | None = None) -> pd.DataFrame:
    """Year-to-date status of every unit × indicator at ``as_of`` (default: latest period).

    Parameters
    ----------
    dataset
        A loaded data folder.
    as_of
        Period (``YYYYQn`` or ``YYYY-MM``); only data up to it are used.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`STATUS_COLUMNS`: ``ytd_growth`` [%] as published (or from values for
        nominal indicators), ``target_growth`` [%], ``target_value`` [measure],
        ``rest_growth_required`` [%] the growth the rest of the year needs on the same span
        last year, ``amount_needed`` [measure; last year's prices for real indicators]; both
        are empty for rates and shares (``additive = no``); ``completion_pct`` [%] the year to
        date as a share of the target amount and ``time_progress_pct`` [%] the share of the year
        gone (时序进度), for completion-type indicators only
        (:func:`sprintmodel.progress.time_progress`).

    Notes
    -----
    The requirement follows :func:`sprintmodel.requirement.rest_of_year_requirement`: real
    indicators in volumes at last year's prices, nominal indicators on the comparable base.
    """
    p = check_as_of(dataset, as_of)
    data = dataset.until(p)
    rows: list[dict[str, object]] = []
    for code, indicator in dataset.indicators.items():
        for freq in ("Q", "M"):
            keys = data.series_keys
            units = keys[(keys.indicator == code) & (keys.freq == freq)].unit.tolist()
            if not units:
                continue
            sp = series_period(p, freq)
            panel = data.panel(code, freq, units=units, years=[sp.year - 1, sp.year])
            if panel.years.size < 2:
                continue
            growth = panel.growth()
            # A unit that has not reported the period yet (a district late with October) is
            # read at its own latest period of the year, and its row says which.
            known = np.isfinite(panel.ytd_value[:, 1, :]) | np.isfinite(growth[:, 1, :])
            ku = latest_published(known, sp.index - 1)
            kk = np.maximum(ku, 0)
            at = np.arange(len(units))
            last_ytd = panel.ytd_value[at, 0, kk]
            last_full = panel.ytd_value[:, 0, -1]
            this_value = panel.ytd_value[at, 1, kk]
            this_growth = growth[at, 1, kk]
            targets = [dataset.target(u, code, sp.year) for u in units]
            tg = np.array([t[0] for t in targets])
            tv = np.array([t[1] for t in targets])
            use_growth = ~np.isnan(tg)
            with np.errstate(invalid="ignore", divide="ignore"):
                req_g = rest_of_year_requirement(
                    ytd_growth=this_growth,
                    last_year_ytd=last_ytd,
                    last_year_full=last_full,
                    target_growth=np.where(use_growth, tg, 0.0),
                    ytd_value=this_value if indicator.basis == "nominal" else None,
                    basis=indicator.basis,
                )
                req_v = rest_of_year_requirement(
                    ytd_growth=this_growth,
                    last_year_ytd=last_ytd,
                    last_year_full=last_full,
                    target_value=np.where(np.isnan(tv), 0.0, tv),
                    ytd_value=this_value,
                    basis=indicator.basis,
                )
            required = np.where(use_growth, req_g.required_growth, req_v.required_growth)
            amount = np.where(use_growth, req_g.amount_needed, req_v.amount_needed)
            # A rate or share (additive = no) has no rest of the year to deliver: its full
            # year is the year-end level, so neither a required growth nor an amount applies.
            no_target = (np.isnan(tg) & np.isnan(tv)) | (not indicator.additive)
            required = np.where(no_target | (kk + 1 == sp.steps), np.nan, required)
            amount = np.where(no_target, np.nan, amount)
            # Completion-type targets (城镇新增就业) are read as the share of the year's amount
            # done against the share of the year gone (时序进度); growth-type ones are not.
            with np.errstate(invalid="ignore", divide="ignore"):
                done = time_progress(
                    this_value if indicator.completion else np.nan * tv, tv, kk + 1, sp.steps
                )
            for i, unit in enumerate(units):
                if ku[i] < 0:
                    continue
                rows.append(
                    {
                        "unit": unit,
                        "indicator": code,
                        "period": str(Period(sp.year, int(ku[i]) + 1, freq)),
                        "ytd_value": this_value[i],
                        "ytd_growth": this_growth[i],
                        "target_growth": tg[i],
                        "target_value": tv[i],
                        "rest_growth_required": required[i],
                        "amount_needed": amount[i],
                        "completion_pct": done.completion_pct[i],
                        "time_progress_pct": done.elapsed_pct[i]
                        if indicator.completion
                        else np.nan,
                    }
                )
    frame = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    return sort_in_data_order(frame, dataset.hierarchy, dataset.indicators, ("unit", "indicator"))
