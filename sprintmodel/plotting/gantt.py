"""Gantt chart of major projects: construction bars, statistical entry and production markers.

:func:`gantt` draws one row per project of a frame with columns

- ``project`` (code) and ``name`` or ``label`` (shown on the axis);
- ``start``, ``finish`` (the bar), ``entry`` (入库, ▼) and ``production`` (投产, ★): months as
  ``YYYY-MM`` strings, :class:`~sprintmodel.periods.Period` or absolute month numbers
  (``year × 12 + month − 1``), empty where none;
- optionally ``planned_start`` / ``planned_finish`` / ``planned_entry`` /
  ``planned_production``: the plan, drawn as a light outline behind the bar so that a moved
  schedule shows where it came from (the register's columns carry exactly these names, so a
  raw ``projects.csv`` frame draws as the plan).

A vertical line marks the as-of month and the rest of the year is shaded.
:func:`update_gantt` moves bars and markers in place (for sliders).

Examples
--------
>>> from sprintmodel.plotting import gantt
>>> gantt(ax, city.projects.head(10), as_of="2026Q3")  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MultipleLocator

from sprintmodel.words.charts import text

BAR_COLOR = "#2e86c1"
PLAN_COLOR = "0.55"


def month_index(value: Any) -> float:
    """Absolute month number ``year × 12 + month − 1`` of ``YYYY-MM``, a quarter (its last
    month), a :class:`~sprintmodel.periods.Period` or a number; NaN when empty."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return float("nan")
    if isinstance(value, int | float | np.integer | np.floating):
        return float(value) if float(value) >= 0 else float("nan")
    s = str(value).strip()
    if not s or s.lower() in ("nan", "none", "<na>"):
        return float("nan")
    if "Q" in s.upper():
        y, q = s.upper().split("Q")
        return float(int(y) * 12 + int(q) * 3 - 1)
    y, m = s.split("-")[:2]
    return float(int(y) * 12 + int(m) - 1)


def month_text(m: float, lang: str = "zh") -> str:
    """``2026-10`` (en) or ``2026年10月`` (zh) for an absolute month number."""
    mi = round(float(m))
    y, mo = divmod(mi, 12)
    return f"{y}年{mo + 1}月" if lang == "zh" else f"{y}-{mo + 1:02d}"


@dataclass(eq=False)
class GanttArtists:
    """What :func:`gantt` drew: bars, plan outlines, entry and production markers, rows."""

    ax: Axes
    bars: BarContainer
    plan: BarContainer | None
    entry: Line2D
    production: Line2D
    projects: list[str]

    def moving(self) -> list[Any]:
        """The artists :func:`update_gantt` moves (bars and markers)."""
        return [*self.bars.patches, self.entry, self.production]


def _col(frame: pd.DataFrame, name: str) -> np.ndarray:
    if name not in frame:
        return np.full(len(frame), np.nan)
    return np.array([month_index(v) for v in frame[name]], dtype=float)


def _schedule(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    out = {}
    for key in ("start", "finish", "entry", "production"):
        arr = _col(frame, key)
        if np.all(np.isnan(arr)):
            arr = _col(frame, f"planned_{key}")
        out[key] = arr
    return out


def gantt(
    ax: Axes,
    projects: pd.DataFrame,
    *,
    as_of: Any = None,
    lang: str = "zh",
    window: tuple[Any, Any] | None = None,
    label_column: str | None = None,
    max_label: int = 16,
    title: str | None = None,
) -> GanttArtists:
    """Draw a Gantt chart of ``projects`` on ``ax`` (first row at the top).

    Parameters
    ----------
    ax
        Axes to draw on.
    projects
        One row per project (columns in the module docstring).
    as_of
        The data's period (``2026Q3`` or ``2026-09``): a vertical line, and the months after it
        to December shaded as the rest of the year.
    lang
        ``"zh"`` or ``"en"``.
    window
        ``(first, last)`` months shown (default: a year before ``as_of`` to the end of next
        year, or the span of the bars).
    label_column
        Column naming the rows (default ``name``, else ``label``, else ``project``).
    max_label
        Longest row label [characters]; longer names are cut with "…".
    title
        Axes title (optional).

    Returns
    -------
    GanttArtists
    """
    f = projects.reset_index(drop=True)
    n = len(f)
    sch = _schedule(f)
    y = np.arange(n)
    start, finish = sch["start"], sch["finish"]
    width = np.where(np.isfinite(finish), finish + 1 - start, 1.0)
    plan = None
    if "planned_start" in f and ("start" in f or "finish" in f):
        ps, pf = _col(f, "planned_start"), _col(f, "planned_finish")
        pw = np.where(np.isfinite(pf), pf + 1 - ps, 1.0)
        plan = ax.barh(
            y,
            np.nan_to_num(pw),
            left=np.nan_to_num(ps),
            height=0.7,
            facecolor="none",
            edgecolor=PLAN_COLOR,
            linestyle="--",
            linewidth=0.9,
            label=text("schedule_plan", lang),
        )
    bars = ax.barh(
        y,
        np.nan_to_num(width),
        left=np.nan_to_num(start),
        height=0.45,
        color=BAR_COLOR,
        alpha=0.85,
        label=f"{text('start', lang)}–{text('finish', lang)}",
    )
    (entry,) = ax.plot(sch["entry"] + 0.5, y, "v", color="#6c3483", ms=7, label=text("entry", lang))
    (prod,) = ax.plot(
        sch["production"] + 0.5, y, "*", color="#d35400", ms=10, label=text("production", lang)
    )
    t0 = month_index(as_of) if as_of is not None else float("nan")
    if np.isfinite(t0):
        dec = (int(t0) // 12) * 12 + 11
        ax.axvline(t0 + 1, color="#c0392b", lw=1.2, label=f"{text('as_of', lang)} {as_of}")
        ax.axvspan(t0 + 1, dec + 1, color="#f5b041", alpha=0.15, label=text("rest_of_year", lang))
    if window is not None:
        lo, hi = month_index(window[0]), month_index(window[1]) + 1
    elif np.isfinite(t0):
        lo, hi = t0 - 11, (int(t0) // 12) * 12 + 24
    else:
        lo = float(np.nanmin(start)) - 1 if n else 0.0
        hi = float(np.nanmax(finish)) + 2 if n else 12.0
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(MultipleLocator(6))
    ax.xaxis.set_minor_locator(MultipleLocator(1))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: month_text(v, lang)))
    col = label_column or next((c for c in ("name", "label", "project") if c in f), None)
    labels = [str(v) for v in f[col]] if col else [str(i) for i in y]
    labels = [s if len(s) <= max_label else s[: max_label - 1] + "…" for s in labels]
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_ylim(n - 0.5, -0.5)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), fontsize=7, frameon=False, ncol=6)
    if title:
        ax.set_title(title)
    codes = [str(v) for v in f["project"]] if "project" in f else labels
    return GanttArtists(ax, bars, plan, entry, prod, codes)


def update_gantt(artists: GanttArtists, projects: pd.DataFrame) -> None:
    """Move bars and markers in place to the dates of ``projects`` (same rows, same order).

    Call ``fig.canvas.draw_idle()`` afterwards.
    """
    f = projects.reset_index(drop=True)
    sch = _schedule(f)
    start, finish = sch["start"], sch["finish"]
    width = np.where(np.isfinite(finish), finish + 1 - start, 1.0)
    for rect, x, w in zip(artists.bars.patches, start, width, strict=True):
        rect.set_x(float(np.nan_to_num(x)))
        rect.set_width(float(np.nan_to_num(w)))
    y = np.arange(len(f))
    artists.entry.set_data(sch["entry"] + 0.5, y)
    artists.production.set_data(sch["production"] + 0.5, y)


__all__ = ["GanttArtists", "gantt", "month_index", "month_text", "update_gantt"]
