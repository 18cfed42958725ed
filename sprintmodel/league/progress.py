"""Time progress (时序进度) of unit targets and of projects' annual investment plans.

"Time progress" is the planners' rule that after ``k`` of ``n`` periods a plan should be ``k/n``
done: completion rate against the share of the year gone, points ahead or behind, and the amount
still needed per remaining period (:func:`sprintmodel.progress.time_progress`). Because most
indicators are seasonal (the fourth quarter is the largest), the table also gives last year's pace:
the share of last year's full year done by the same period.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.data.model import sort_in_data_order
from sprintmodel.notes import Note
from sprintmodel.periods import Period, as_period
from sprintmodel.progress import time_progress
from sprintmodel.requirement import rest_of_year_requirement
from sprintmodel.status import latest_published, series_period

TARGET_PROGRESS_COLUMNS = [
    "unit",
    "indicator",
    "period",
    "target_growth",
    "target_value",
    "target_level",
    "ytd_level",
    "completion_pct",
    "elapsed_pct",
    "points_ahead",
    "last_year_pace_pct",
    "ahead_of_last_year_pp",
    "still_needed",
    "needed_per_period",
    "periods_left",
    "period_kind",
    "behind_schedule",
    "note",
]

PROJECT_PROGRESS_COLUMNS = [
    "project",
    "name",
    "unit",
    "park",
    "category",
    "status",
    "plan",
    "invested_this_year",
    "invested_basis",
    "completion_pct",
    "elapsed_pct",
    "points_ahead",
    "still_needed",
    "needed_per_month",
    "months_left",
    "behind_schedule",
]


def target_progress(dataset: DataSet, period: str | Period | None = None) -> pd.DataFrame:
    """Time progress of every unit × indicator with an annual target at ``period``.

    Parameters
    ----------
    dataset
        A loaded data folder with ``targets.csv``.
    period
        ``YYYYQn`` or ``YYYY-MM`` (default: the latest period); each series is read at the
        period it has reached (a quarterly series as of October at Q3), or where that is not
        published at its latest period of the same year before it (with a note).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TARGET_PROGRESS_COLUMNS`: ``target_level`` and ``ytd_level`` [measure],
        ``completion_pct`` [%] = 100 × ytd_level / target_level, ``elapsed_pct`` [%] the share of
        the year gone, ``points_ahead`` [pp] (negative: behind schedule),
        ``last_year_pace_pct`` [%] the share of last year's full year done by the same period,
        ``ahead_of_last_year_pp`` [pp] = completion − last year's pace, ``still_needed``
        [measure] and ``needed_per_period`` [measure per month or quarter]; ``note`` a tuple
        of :class:`~sprintmodel.notes.Note` (prices compared, a series read at an earlier
        period), worded by :func:`sprintmodel.words.notes.notes_text`.

    Notes
    -----
    Levels follow :func:`sprintmodel.requirement.rest_of_year_requirement`: a growth target of a
    ``real`` indicator is a volume at last year's prices, :math:`T = Y_{t-1}(1+G)`, compared with
    the year-to-date volume :math:`Y_{t-1,k}(1+g_k)`; a level target (``target_value``) is
    compared with the published value at current prices; ``nominal`` growth targets apply to the
    comparable base. Time progress for seasonal indicators is a convention, not a forecast:
    ``ahead_of_last_year_pp`` says whether the unit runs ahead of last year's seasonal pattern.
    """
    p = as_period(period, dataset.latest_period)
    t = dataset.targets
    empty = pd.DataFrame(columns=TARGET_PROGRESS_COLUMNS)
    if t.empty:
        return empty
    data = dataset.until(p)
    keys = data.series_keys
    rows: list[dict[str, object]] = []
    for code, ind in dataset.indicators.items():
        for freq in ("Q", "M"):
            sp = series_period(p, freq)
            wanted = t[(t.indicator == code) & (t.year == sp.year)]
            units = [
                u
                for u in keys[(keys.indicator == code) & (keys.freq == freq)].unit
                if u in set(wanted.unit)
            ]
            if not units:
                continue
            panel = data.panel(code, freq, units=units, years=[sp.year - 1, sp.year])
            growth = panel.growth()
            for i, unit in enumerate(units):
                tg, tv = dataset.target(unit, code, sp.year)
                # The series' own latest period of the year at or before sp (GDP published to
                # Q1 while the monthly series run to June is read at Q1), with a note.
                k, at = sp.index - 1, sp
                lag_note: tuple[Note, ...] = ()
                seen = np.isfinite(growth[i, 1]) | np.isfinite(panel.ytd_value[i, 1])
                last = int(latest_published(seen, k))
                if 0 <= last < k:
                    k = last
                    at = Period(sp.year, k + 1, freq)
                    lag_note = (
                        Note.of("league.read_at_latest", span_period=str(sp), at_period=str(at)),
                    )
                g = growth[i, 1, k]
                value = panel.ytd_value[i, 1, k]
                last_ytd = panel.ytd_value[i, 0, k]
                last_full = panel.ytd_value[i, 0, -1]
                note: tuple[Note, ...] = ()
                kwargs: dict[str, object] = {
                    "ytd_growth": g,
                    "last_year_ytd": last_ytd,
                    "last_year_full": last_full,
                    "basis": ind.basis,
                }
                if np.isfinite(tg):
                    kwargs["target_growth"] = tg
                    if ind.basis == "nominal" and np.isfinite(value):
                        kwargs["ytd_value"] = value
                    if ind.basis == "real":
                        note = (Note.of("league.last_year_prices"),)
                elif np.isfinite(tv):
                    kwargs["target_value"] = tv
                    kwargs["ytd_value"] = value
                    if ind.basis == "real":
                        note = (Note.of("league.current_prices"),)
                else:
                    continue
                with np.errstate(invalid="ignore", divide="ignore"):
                    req = rest_of_year_requirement(**kwargs)  # type: ignore[arg-type]
                    tp = time_progress(req.ytd_level, req.target_full, at.index, at.steps)
                    pace = 100.0 * float(req.base_ytd) / float(req.base_full)
                if not np.isfinite(float(tp.completion_pct)):
                    note += (Note.of("league.level_unknown"),)
                note += lag_note
                ahead = float(tp.points_ahead)
                rows.append(
                    {
                        "unit": unit,
                        "indicator": code,
                        "period": str(at),
                        "target_growth": tg,
                        "target_value": tv,
                        "target_level": float(req.target_full),
                        "ytd_level": float(req.ytd_level),
                        "completion_pct": float(tp.completion_pct),
                        "elapsed_pct": float(tp.elapsed_pct),
                        "points_ahead": ahead,
                        "last_year_pace_pct": pace,
                        "ahead_of_last_year_pp": float(tp.completion_pct) - pace,
                        "still_needed": float(tp.still_needed),
                        "needed_per_period": float(tp.needed_per_period),
                        "periods_left": at.remaining,
                        "period_kind": "month" if freq == "M" else "quarter",
                        "behind_schedule": bool(ahead < 0) if np.isfinite(ahead) else pd.NA,
                        "note": note,
                    }
                )
    if not rows:
        return empty
    out = pd.DataFrame(rows, columns=TARGET_PROGRESS_COLUMNS)
    out["behind_schedule"] = out["behind_schedule"].astype("boolean")
    return sort_in_data_order(out, dataset.hierarchy, dataset.indicators)


def _month(text: object) -> Period | None:
    s = "" if text is None else str(text).strip()
    if not re.match(r"^\d{4}-(0[1-9]|1[0-2])$", s):
        return None
    return Period.parse(s)


def _months_between(a: Period, b: Period) -> int:
    """Months from ``a`` to ``b`` inclusive (0 if ``b`` is before ``a``)."""
    return max(0, (b.year * 12 + b.month) - (a.year * 12 + a.month) + 1)


def invested_this_year(project: pd.Series | dict, as_of: Period) -> tuple[float, str]:
    """This year's investment of one project up to ``as_of`` [亿元] and how it was obtained.

    The register (``projects.csv``) holds the cumulative ``invested_to_date``. In order:

    1. an optional ``invested_YYYY`` column for ``as_of``'s year (e.g. ``invested_2026``, the
       investment completed from January of that year to ``as_of``) or ``invested_this_year``,
       when filled: used as given (``"given"``);
    2. a project whose ``planned_start`` is in ``as_of``'s year or later: all its investment is
       this year's (``"started this year"``);
    3. otherwise an **assumption**: the cumulative investment was spread evenly over the months
       from ``planned_start`` to ``as_of`` (or ``planned_finish`` if earlier), so this year's
       share is this year's months over all months (``"assumed even since YYYY-MM"``). Real
       projects invest unevenly (slow starts, winter pauses): give ``invested_this_year`` where
       the monthly statistics (固定资产投资统计) provide it.
    """
    get = project.get
    for column in (f"invested_{as_of.year}", "invested_this_year"):
        given = get(column, "")
        try:
            given_f = float(given) if given is not None and str(given).strip() != "" else math.nan
        except ValueError:
            given_f = math.nan
        if np.isfinite(given_f):
            return given_f, "given"
    total = float(get("invested_to_date", 0.0) or 0.0)
    start = _month(get("planned_start"))
    if start is None or start.year >= as_of.year:
        return total, "started this year"
    finish = _month(get("planned_finish"))
    end = Period(as_of.year, as_of.month, "M")
    if finish is not None and finish < end:
        end = finish
    all_months = _months_between(start, end)
    this_year = _months_between(Period(as_of.year, 1, "M"), end)
    if all_months == 0:
        return 0.0, "assumed even since " + str(start)
    return total * this_year / all_months, f"assumed even since {start}"


def project_progress(
    dataset: DataSet,
    *,
    year: int | None = None,
    as_of: str | Period | None = None,
) -> pd.DataFrame:
    """Time progress of every project's annual investment plan (``plan_YYYY`` column).

    Parameters
    ----------
    dataset
        A loaded data folder whose ``projects.csv`` has a ``plan_YYYY`` column (annual planned
        investment [亿元]); optional columns ``invested_YYYY`` or ``invested_this_year``
        (investment completed this year to date [亿元]; see :func:`invested_this_year`) and
        ``park``.
    year
        Plan year (default: the year of ``as_of``).
    as_of
        The register's date (default: the data's latest period, which is what the data
        contract says ``invested_to_date`` refers to). Months elapsed = its month.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PROJECT_PROGRESS_COLUMNS`, one row per project with a plan for the year:
        ``plan`` and ``invested_this_year`` [亿元], ``invested_basis`` (see
        :func:`invested_this_year`), ``completion_pct`` [%], ``elapsed_pct`` [%],
        ``points_ahead`` [pp], ``still_needed`` [亿元], ``needed_per_month`` [亿元/month].
        ``frame.attrs["notes"]`` lists projects skipped and assumptions used. Empty when the
        register has no ``plan_YYYY`` column.
    """
    when = as_period(as_of, dataset.latest_period)
    when_m = Period(when.year, when.month, "M")
    year = when_m.year if year is None else year
    column = f"plan_{year}"
    projects = dataset.projects
    notes: list[Note] = []
    if projects.empty or column not in projects.columns:
        out = pd.DataFrame(columns=PROJECT_PROGRESS_COLUMNS)
        if projects.empty:
            out.attrs["notes"] = notes
            return out
        have = [c for c in projects.columns if str(c).startswith("plan_")]
        notes.append(
            Note.of("league.no_plan_column_has", column=column, have=have)
            if have
            else Note.of("league.no_plan_column", column=column)
        )
        out.attrs["notes"] = notes
        return out
    if year != when_m.year:
        notes.append(Note.of("league.plan_other_year", register_month=str(when_m), year=year))
    plan = pd.to_numeric(projects[column].replace("", np.nan), errors="coerce")
    months_done = when_m.month if year == when_m.year else (12 if year < when_m.year else 0)
    rows: list[dict[str, object]] = []
    skipped = []
    for i, proj in projects.iterrows():
        pl = float(plan.loc[i])
        if not np.isfinite(pl) or pl <= 0:
            skipped.append(str(proj["project"]))
            continue
        done, basis = invested_this_year(proj, when_m)
        tp = time_progress(done, pl, months_done, 12)
        ahead = float(tp.points_ahead)
        rows.append(
            {
                "project": proj["project"],
                "name": proj.get("name", ""),
                "unit": proj["unit"],
                "park": proj.get("park", "") or "",
                "category": proj.get("category", ""),
                "status": proj.get("status", ""),
                "plan": pl,
                "invested_this_year": done,
                "invested_basis": basis,
                "completion_pct": float(tp.completion_pct),
                "elapsed_pct": float(tp.elapsed_pct),
                "points_ahead": ahead,
                "still_needed": float(tp.still_needed),
                "needed_per_month": float(tp.needed_per_period),
                "months_left": 12 - months_done,
                "behind_schedule": bool(ahead < 0),
            }
        )
    if skipped:
        notes.append(Note.of("league.projects_without_plan", n=len(skipped), column=column))
    assumed = sum(1 for r in rows if str(r["invested_basis"]).startswith("assumed"))
    if assumed:
        notes.append(
            Note.of("league.investment_assumed", n=assumed, year=year, column=f"invested_{year}")
        )
    out = pd.DataFrame(rows, columns=PROJECT_PROGRESS_COLUMNS)
    out["behind_schedule"] = out["behind_schedule"].astype("boolean")
    out.attrs["notes"] = notes
    return out


def project_progress_by_unit(projects: pd.DataFrame) -> pd.DataFrame:
    """Sum of :func:`project_progress` per unit: plan, invested, completion and gap.

    ``completion_pct`` is the unit's total invested ÷ its total plan [%]; ``elapsed_pct`` is
    the same for every project, so ``points_ahead`` follows.
    """
    if projects.empty:
        return pd.DataFrame(
            columns=[
                "unit",
                "n_projects",
                "plan",
                "invested_this_year",
                "completion_pct",
                "elapsed_pct",
                "points_ahead",
                "still_needed",
                "needed_per_month",
                "n_behind",
                "behind_schedule",
            ]
        )
    g = projects.groupby("unit", sort=False)
    out = pd.DataFrame(
        {
            "n_projects": g.size(),
            "plan": g.plan.sum(),
            "invested_this_year": g.invested_this_year.sum(),
            "elapsed_pct": g.elapsed_pct.first(),
            "still_needed": g.still_needed.sum(),
            "needed_per_month": g.needed_per_month.sum(),
            "n_behind": g.behind_schedule.sum().astype(int),
        }
    ).reset_index()
    out.insert(4, "completion_pct", 100.0 * out.invested_this_year / out.plan)
    out.insert(6, "points_ahead", out.completion_pct - out.elapsed_pct)
    out["behind_schedule"] = (out.points_ahead < 0).astype("boolean")
    return out
