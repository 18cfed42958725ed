"""为民办实事: the livelihood register's completion against time progress, and next year's list.

The register ``livelihood.csv`` (:mod:`sprintmodel.data.readers.livelihood`) lists each year's
tasks with the unit and department in charge, the money by kind (财政资金 ``budget``, 债务额度
``debt_quota``, 信贷资金 ``credit``) [亿元], the planned start and finish, optional planned
milestones, and the completion reported at a month. :func:`livelihood_progress` compares each
task's completion with its time progress (时序进度); :func:`livelihood_by_unit` sums it up per
unit for the league; :func:`livelihood_plan` is next year's list with its costs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.data.readers.livelihood import MONEY_KINDS
from sprintmodel.errors import InputError
from sprintmodel.periods import Period, as_period

__all__ = [
    "LIVELIHOOD_PLAN_COLUMNS",
    "LIVELIHOOD_PROGRESS_COLUMNS",
    "livelihood_by_unit",
    "livelihood_plan",
    "livelihood_plan_summary",
    "livelihood_progress",
    "planned_progress",
]

LIVELIHOOD_PROGRESS_COLUMNS = [
    "task",
    "unit",
    "department",
    "category",
    *MONEY_KINDS,
    "money_total",
    "start",
    "finish",
    "period",
    "completion_pct",
    "elapsed_pct",
    "points_ahead",
    "behind_schedule",
    "state",
]
"""Columns of :func:`livelihood_progress`."""
LIVELIHOOD_PLAN_COLUMNS = [
    "year",
    "task",
    "unit",
    "department",
    "category",
    *MONEY_KINDS,
    "money_total",
    "start",
    "finish",
    "milestones",
]
"""Columns of :func:`livelihood_plan` (``livelihood_plan.csv`` of ``sprintmodel targets``)."""


def planned_progress(
    start: int, finish: int, points: tuple[tuple[int, float], ...], at: int
) -> float:
    """Planned completion [%] by the end of month ``at`` (months as ``year × 12 + month``).

    Piecewise linear through (the month before ``start``, 0), the milestones ``points`` and
    (``finish``, 100): with no milestones, the share of the planned months gone (时序进度),
    ``100 (at − start + 1) / (finish − start + 1)``, clipped to 0-100.

    Examples
    --------
    A task from March to December, reported at the end of September: 7 of 10 months, 70%.

    >>> planned_progress(2026 * 12 + 3, 2026 * 12 + 12, (), 2026 * 12 + 9)
    70.0

    With a milestone of 40% by June, September lies half way from June (40) to December (100):

    >>> planned_progress(2026 * 12 + 3, 2026 * 12 + 12, ((2026 * 12 + 6, 40.0),), 2026 * 12 + 9)
    70.0
    """
    xs = [start - 1, *(k for k, _ in points if start - 1 < k < finish), finish]
    ys = [0.0, *(v for k, v in points if start - 1 < k < finish), 100.0]
    return float(np.interp(at, xs, ys))


def _money(frame: pd.DataFrame) -> pd.Series:
    return frame[list(MONEY_KINDS)].sum(axis=1)


def livelihood_progress(dataset: DataSet, as_of: str | Period | None = None) -> pd.DataFrame:
    """Completion against time progress of this year's tasks, as last reported by ``as_of``.

    Parameters
    ----------
    dataset
        A data set with a ``livelihood.csv`` register (an empty table without one).
    as_of
        Month or quarter (default: the data's latest period); the year of the list is its year.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LIVELIHOOD_PROGRESS_COLUMNS`: ``completion_pct`` [%] as reported at
        ``period`` (the latest report up to ``as_of``; NaN and state ``no_report`` without
        one), ``elapsed_pct`` [%] the planned progress at that month (:func:`planned_progress`),
        ``points_ahead`` = completion − elapsed [pp], ``behind_schedule`` (points_ahead < 0,
        the rule that completion must not fall behind time progress), ``state``: ``done``
        (100%), ``behind``, ``on_schedule``, ``not_due`` (planned start after the report) or
        ``no_report``. Money columns [亿元].
    """
    reg = dataset.livelihood
    if reg is None or reg.empty:
        return pd.DataFrame(columns=LIVELIHOOD_PROGRESS_COLUMNS)
    p = dataset.latest_period if as_of is None else as_period(as_of)
    at = p.year * 12 + p.month
    rows = reg[reg.year == p.year]
    if rows.empty:
        return pd.DataFrame(columns=LIVELIHOOD_PROGRESS_COLUMNS)
    reported = rows[(rows.period_key >= 0) & (rows.period_key <= at)]
    latest = reported.sort_values("period_key").drop_duplicates("task", keep="last")
    plan = rows.drop_duplicates("task", keep="first").set_index("task")
    reports = latest.set_index("task")[["period", "progress", "period_key"]]
    out = plan.join(reports.add_suffix("_r"))
    has = out.period_key_r.notna().to_numpy()
    when = np.where(has, out.period_key_r.fillna(at).to_numpy(), at).astype(int)
    elapsed = np.array(
        [
            planned_progress(int(s), int(f), pts, int(w))
            for s, f, pts, w in zip(
                out.start_key, out.finish_key, out.milestone_points, when, strict=True
            )
        ]
    )
    done = out.progress_r.to_numpy(dtype=float)
    ahead = done - elapsed
    state = np.select(
        [~has, done >= 100.0, out.start_key.to_numpy() > when, ahead < 0],
        ["no_report", "done", "not_due", "behind"],
        "on_schedule",
    )
    res = pd.DataFrame(
        {
            "task": out.index.to_numpy(),
            "unit": out.unit.to_numpy(),
            "department": out.department.to_numpy(),
            "category": out.category.to_numpy(),
            **{k: out[k].to_numpy() for k in MONEY_KINDS},
            "money_total": _money(out).to_numpy(),
            "start": out.start.to_numpy(),
            "finish": out.finish.to_numpy(),
            "period": out.period_r.fillna("").to_numpy(),
            "completion_pct": done,
            "elapsed_pct": np.where(has, elapsed, np.nan),
            "points_ahead": np.where(has, ahead, np.nan),
            "behind_schedule": state == "behind",
            "state": state,
        }
    )
    return res[LIVELIHOOD_PROGRESS_COLUMNS].reset_index(drop=True)


def livelihood_by_unit(progress: pd.DataFrame, dataset: DataSet) -> pd.DataFrame:
    """Per unit: tasks, tasks behind, money [亿元], money-weighted completion and time progress.

    ``completion_pct = Σ m_t c_t / Σ m_t`` and ``elapsed_pct = Σ m_t e_t / Σ m_t`` over the
    unit's reported tasks with money ``m_t`` (equal weights where a unit's tasks carry no money);
    ``points_ahead`` their difference [pp], ``behind_schedule`` where it is negative. Units in
    the order of ``units.csv``; a unit's tasks are those it is in charge of (the city's own
    tasks are not its districts' sum).
    """
    cols = ["unit", "tasks", "behind", "money_total", "completion_pct", "elapsed_pct"]
    if progress.empty:
        return pd.DataFrame(columns=[*cols, "points_ahead", "behind_schedule"])
    f = progress[progress.state != "no_report"].copy()
    w = f.money_total.where(f.groupby("unit").money_total.transform("sum") > 0, 1.0)
    f["w"], f["wc"], f["we"] = w, w * f.completion_pct, w * f.elapsed_pct
    g = f.groupby("unit")
    out = pd.DataFrame(
        {
            "tasks": progress.groupby("unit").task.size(),
            "behind": progress.groupby("unit").behind_schedule.sum().astype(int),
            "money_total": progress.groupby("unit").money_total.sum(),
            "completion_pct": g.wc.sum() / g.w.sum(),
            "elapsed_pct": g.we.sum() / g.w.sum(),
        }
    )
    out["points_ahead"] = out.completion_pct - out.elapsed_pct
    out["behind_schedule"] = out.points_ahead < 0
    order = {u: i for i, u in enumerate(dataset.hierarchy)}
    out = out.reset_index().rename(columns={"index": "unit"})
    return out.sort_values("unit", key=lambda s: s.map(order)).reset_index(drop=True)


def livelihood_plan(dataset: DataSet, year: int) -> pd.DataFrame:
    """Next year's list (the register's rows of ``year``) with money by kind and in total.

    Raises
    ------
    InputError
        When the folder has no register (the caller decides whether that matters).
    """
    reg = dataset.livelihood
    if reg is None:
        raise InputError(
            f"no livelihood register in {dataset.folder}: add livelihood.csv (docs/data_contract.md)"
        )
    rows = reg[reg.year == year].drop_duplicates("task", keep="first").copy()
    rows["money_total"] = _money(rows)
    return rows[LIVELIHOOD_PLAN_COLUMNS].reset_index(drop=True)


def livelihood_plan_summary(dataset: DataSet, year: int, lang: str = "zh") -> str:
    """One line: next year's tasks and their money by kind [亿元]."""
    plan = livelihood_plan(dataset, year)
    sums = {k: float(plan[k].sum()) for k in MONEY_KINDS}
    total = sum(sums.values())
    if lang == "zh":
        if plan.empty:
            return f"为民办实事：livelihood.csv 中没有{year}年的项目。"
        parts = "，".join(f"{MONEY_KINDS[k]}{v:.2f}" for k, v in sums.items())
        return f"{year}年为民办实事：{len(plan)}项，资金{total:.2f}亿元（{parts}）。"
    if plan.empty:
        return f"Livelihood tasks: livelihood.csv has no tasks for {year}."
    parts = ", ".join(f"{k} {v:.2f}" for k, v in sums.items())
    return f"Livelihood tasks for {year}: {len(plan)}, {total:.2f} 亿元 ({parts})."
