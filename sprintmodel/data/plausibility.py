"""Completeness and plausibility of a loaded folder: checks that stop silent wrong numbers.

Each check looks at the parsed observations (or targets) as a whole, so that it catches what
no single cell shows:

* :func:`check_unreported`: a unit × indicator whose latest period is missing while other units
  of the indicator have it (a district that has not reported yet). The forecast then stands at
  the unit's own last period and reconciles the whole at the last period every unit reported
  (:mod:`sprintmodel.forecast.api`); the warning says so.
* :func:`check_growth_scale`: growth typed ×100 (``540`` for 5.4%).
* :func:`check_far_periods`: a period far beyond the rest of the data (``2126Q3`` for 2026Q3),
  which would silently become the default as-of date.
* :func:`check_targets`: target growth typed ×100 and targets whose growth and value contradict
  each other by more than prices can explain.

Warnings from these checks are also raised as :class:`DataWarning` by
:func:`sprintmodel.data.load_folder`, so that every command prints them, not only ``validate``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sprintmodel.data.model import Indicator
from sprintmodel.data.problems import ValidationReport

GROWTH_X100_LIMIT = 100.0
"""|growth| [%] at or above which a growth is checked for a ×100 slip. An assumption: year-to-
date growth of 100% or more is rare outside small series (a park's investment)."""

FAR_YEARS = 2
"""A period more than this many years [years] after the next latest period of the data is a
typo (2126Q3). An assumption: a folder is updated at least every other year."""

TARGET_GAP_PP = {"nominal": 10.0, "real": 20.0}
"""Gap [pp] between a target's growth and the growth its value implies over last year's
full-year value beyond which the two contradict each other. An assumption: prices move real
and nominal growth apart by well under 20 pp; nominal targets should agree to rounding."""

TARGET_FACTOR = 3.0
"""A target value this many times off the value its growth implies is an error (a 万元/亿元
slip or a typed number such as 9999), not a warning."""


class DataWarning(UserWarning):
    """A plausibility or completeness problem in a data folder that the load worked around."""


def _abs_month(obs: pd.DataFrame) -> np.ndarray:
    return obs.year.to_numpy(dtype=np.int64) * 12 + obs.month.to_numpy(dtype=np.int64)


def _label(month: int, freq: str) -> str:
    y, m = divmod(month, 12)
    if m == 0:
        y, m = y - 1, 12
    return f"{y}Q{m // 3}" if freq == "Q" else f"{y}-{m:02d}"


def check_unreported(obs: pd.DataFrame, file: str, report: ValidationReport) -> list[str]:
    """Warn about unit × indicator series that stop before the indicator's latest period.

    A series counts when it reported within the year before the latest period (so a series
    discontinued years ago is not flagged) and when at least one other unit has the latest
    period. Returns the messages (for :class:`DataWarning`).
    """
    if obs.empty:
        return []
    has = obs.ytd_value.notna().to_numpy() | obs.ytd_growth.notna().to_numpy()
    o = obs.loc[has, ["unit", "indicator", "freq"]].assign(t=_abs_month(obs)[has])
    last = o.groupby(["indicator", "freq", "unit"], sort=False)["t"].max().reset_index()
    latest = last.groupby(["indicator", "freq"])["t"].transform("max")
    n_at = last.assign(at=last.t.eq(latest)).groupby(["indicator", "freq"])["at"].transform("sum")
    late = last[(last.t < latest) & (last.t >= latest - 12) & (n_at >= 1)]
    out: list[str] = []
    for r, top in zip(late.itertuples(), latest[late.index], strict=True):
        want, have = _label(int(top), r.freq), _label(int(r.t), r.freq)
        text = (
            f"unit '{r.unit}', indicator '{r.indicator}' has no row for {want}, while "
            f"{int(n_at[r.Index])} other unit(s) have it (a unit that has not reported yet?). "
            f"Its figures stand at {have}, its last period; forecasts use {have} for it and "
            "reconcile the whole at the last period every unit reported."
        )
        report.add(
            "warning",
            file,
            text,
            f"add the {want} row for '{r.unit}' when it is published.",
            column="period",
        )
        out.append(text)
    return out


def check_growth_scale(
    obs: pd.DataFrame, indicators: dict[str, Indicator], file: str, report: ValidationReport
) -> list[str]:
    """Growth typed ×100 (540 for 5.4): an error where the data show the slip, else a warning.

    Evidence: last year's value of the same period gives a growth near ``g / 100``; or the
    other periods of the series have growth near ``g / 100``. A large growth that the values
    confirm (a park's investment tripling) is left alone.
    """
    g = obs.ytd_growth.to_numpy(dtype=float)
    big = np.isfinite(g) & (np.abs(g) >= GROWTH_X100_LIMIT)
    if not big.any():
        return []
    t = _abs_month(obs)
    sid = obs.unit.astype(str) + "\x1f" + obs.indicator.astype(str)
    key = pd.Index(sid + "\x1f" + pd.Series(t, index=obs.index).astype(str))
    lookup = pd.Series(obs.ytd_value.to_numpy(dtype=float), index=key)
    lookup = lookup[~lookup.index.duplicated()]
    prev_key = sid + "\x1f" + pd.Series(t - 12, index=obs.index).astype(str)
    prev = lookup.reindex(prev_key.to_numpy()).to_numpy()
    val = obs.ytd_value.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        implied = 100 * (val / prev - 1)
    small = pd.Series(np.where(big, np.nan, g), index=obs.index)
    med = small.groupby(sid.to_numpy()).transform("median").to_numpy()
    out: list[str] = []
    for j in np.flatnonzero(big):
        gj, shrunk = g[j], g[j] / 100
        # prices move value growth a few points from real growth; a ×100 slip is 100-fold
        by_value = np.isfinite(implied[j]) and abs(implied[j] - shrunk) <= max(
            5.0, 0.5 * abs(shrunk)
        )
        value_confirms = np.isfinite(implied[j]) and abs(implied[j] - gj) <= 0.3 * abs(gj)
        by_series = np.isfinite(med[j]) and abs(med[j] - shrunk) <= max(2.0, 0.5 * abs(med[j]))
        if value_confirms:
            continue
        row = obs.iloc[j]
        where = f"'{row.unit}', '{row.indicator}' in {row.period}"
        if by_value or by_series:
            why = (
                f"its values grow by {implied[j]:.1f}%"
                if by_value
                else f"the series' other growth is around {med[j]:.1f}%"
            )
            severity = "error"
            text = f"growth {gj:g} of {where} looks typed ×100: {why}."
        else:
            severity = "warning"
            text = f"growth {gj:g}% of {where} is implausibly large" + (
                f" (its values grow by {implied[j]:.1f}%)." if np.isfinite(implied[j]) else "."
            )
        report.add(
            severity,  # type: ignore[arg-type]
            file,
            text,
            f"write growth in percent: {shrunk:g} for {shrunk:g}%, not {gj:g}.",
            int(row.row),
            "ytd_growth",
        )
        if severity == "warning":
            out.append(text)
    return out


def check_far_periods(obs: pd.DataFrame, file: str, report: ValidationReport) -> None:
    """A period years beyond the rest of the data (2126Q3) is an error: it would become the
    default as-of date and leave every series without data."""
    if obs.empty:
        return
    years = np.unique(obs.year.to_numpy(dtype=np.int64))
    if len(years) < 2:
        return
    gaps = np.diff(years)
    jumps = np.flatnonzero(gaps > FAR_YEARS)
    if not len(jumps):
        return
    cut = years[jumps[-1]]
    far = obs[obs.year.to_numpy() > cut]
    if len(far) > 0.2 * len(obs):  # a real later block of data, not a typo
        return
    report.add_rows(
        "error",
        file,
        far.row.to_numpy(),
        lambda r: (
            f"the period {far.loc[far.row == r, 'period'].iloc[0]} lies "
            f"{int(far.loc[far.row == r, 'year'].iloc[0]) - int(cut)} years after the rest of "
            f"the data (which end in {int(cut)}): a typo? It would become the latest period "
            "and leave every other series without data."
        ),
        "correct the year of the period.",
        "period",
    )


def check_targets(
    targets: pd.DataFrame,
    rows: np.ndarray,
    obs: pd.DataFrame,
    indicators: dict[str, Indicator],
    file: str,
    report: ValidationReport,
) -> list[str]:
    """Target growth typed ×100, and growth and value that contradict each other.

    ``rows`` are the spreadsheet rows of ``targets`` (in order). The value a growth implies is
    last year's full-year value (the year-to-date value of the last period of last year)
    times ``1 + growth / 100``.
    """
    if targets.empty:
        return []
    out: list[str] = []
    tg = targets.target_growth.to_numpy(dtype=float)
    tv = targets.target_value.to_numpy(dtype=float)
    for j in np.flatnonzero(np.isfinite(tg) & (tg >= GROWTH_X100_LIMIT)):
        report.add(
            "error",
            file,
            f"target growth {tg[j]:g}% of '{targets.unit.iloc[j]}', "
            f"'{targets.indicator.iloc[j]}' is implausible: typed ×100?",
            f"write the target growth in percent: {tg[j] / 100:g} for {tg[j] / 100:g}%.",
            int(rows[j]),
            "target_growth",
        )
    both = np.flatnonzero(np.isfinite(tg) & np.isfinite(tv) & (tg < GROWTH_X100_LIMIT))
    if not len(both) or obs.empty:
        return out
    year_end = obs[(obs.month == 12) & obs.ytd_value.notna()]
    full = year_end.set_index(["unit", "indicator", "year"]).ytd_value
    full = full[~full.index.duplicated()]
    for j in both:
        unit, code, year = targets.unit.iloc[j], targets.indicator.iloc[j], targets.year.iloc[j]
        ind = indicators.get(code)
        base = full.get((unit, code, int(year) - 1))
        if ind is None or not ind.additive or base is None or not base > 0:
            continue
        implied = 100 * (tv[j] / base - 1)
        expect = base * (1 + tg[j] / 100)
        gap = abs(implied - tg[j])
        if gap <= TARGET_GAP_PP.get(ind.basis, 20.0):
            continue
        factor = tv[j] / expect if expect > 0 else np.inf
        severity = "error" if not 1 / TARGET_FACTOR < factor < TARGET_FACTOR else "warning"
        text = (
            f"the target of '{unit}', '{code}' for {year} says growth {tg[j]:g}% and value "
            f"{tv[j]:,.2f}, but {tv[j]:,.2f} is {implied:+.1f}% on last year's {base:,.2f}; "
            f"{tg[j]:g}% would be {expect:,.2f}."
        )
        report.add(
            severity,  # type: ignore[arg-type]
            file,
            text,
            "correct the value (in the indicator's measure) or the growth, or leave one of "
            "them empty.",
            int(rows[j]),
            "target_value",
        )
        if severity == "warning":
            out.append(text)
    return out


__all__ = [
    "DataWarning",
    "check_far_periods",
    "check_growth_scale",
    "check_targets",
    "check_unreported",
]
