"""Waterfall chart: from the baseline's mean growth, lever by lever and project timing, to the
scenario's.

The input is :meth:`ScenarioResult.waterfall(unit, indicator)
<sprintmodel.scenario.ScenarioResult.waterfall>`: rows ``step, delta_pp, level`` with a
``baseline`` row, one row per component (lever id or ``project_timing``) and a ``scenario``
row. Means are used because they add up (medians do not).

:func:`waterfall` draws it with a **fixed** list of steps (``steps``: components missing from
an attribution are drawn as zero), so that :func:`update_waterfall` can move the bars in place
when a slider changes the scenario (``set_y``/``set_height`` and the texts; no redraw of the
figure).

Examples
--------
>>> from sprintmodel.plotting import waterfall
>>> art = waterfall(ax, result.waterfall("JC", "gdp"), target=5.5)  # doctest: +SKIP
>>> update_waterfall(art, other.waterfall("JC", "gdp")); fig.canvas.draw_idle()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D
from matplotlib.text import Text

from sprintmodel.words.charts import text

TOTAL_COLOR = "#1f4e79"
UP_COLOR = "#2e86c1"
DOWN_COLOR = "#e67e22"


@dataclass(eq=False)
class WaterfallArtists:
    """What :func:`waterfall` drew.

    Attributes
    ----------
    ax
        The Axes.
    steps
        Step names, in bar order (``baseline``, components..., ``scenario``).
    bars
        One rectangle per step.
    texts
        One value label per step.
    connectors
        Thin lines joining the top of one bar to the next.
    target
        Horizontal target line (empty when no target).
    values
        Last drawn ``(levels, deltas)`` per step.
    """

    ax: Axes
    steps: list[str]
    bars: BarContainer
    texts: list[Text]
    connectors: LineCollection
    target: Line2D
    decimals: int = 2
    values: tuple[np.ndarray, np.ndarray] = field(
        default_factory=lambda: (np.zeros(0), np.zeros(0))
    )

    def moving(self) -> list[Any]:
        """The artists :func:`update_waterfall` moves (bars, labels, connectors)."""
        return [*self.bars.patches, *self.texts, self.connectors]


def waterfall_labels(levers: Any = None, lang: str = "zh") -> dict[str, str]:
    """Display names of waterfall steps: baseline, scenario, project timing, entrants and each
    lever."""
    out = {k: text(k, lang) for k in ("baseline", "scenario", "project_timing", "entrants")}
    if levers is not None:
        for lid in levers:
            out[lid] = levers[lid].label(lang)
    return out


def _geometry(attribution: Any, steps: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Bottoms, heights and levels of each step's bar (levels: running mean growth)."""
    rows = {str(r.step): r for r in attribution.itertuples(index=False)}
    base = float(rows["baseline"].level) if "baseline" in rows else 0.0
    bottoms, heights, levels = [], [], []
    level = base
    for s in steps:
        if s == "baseline":
            bottoms.append(0.0)
            heights.append(base)
            levels.append(base)
        elif s == "scenario":
            bottoms.append(0.0)
            heights.append(level)
            levels.append(level)
        else:
            d = float(rows[s].delta_pp) if s in rows and np.isfinite(rows[s].delta_pp) else 0.0
            bottoms.append(level)
            heights.append(d)
            level += d
            levels.append(level)
    return np.array(bottoms), np.array(heights), np.array(levels)


def _limits(levels: np.ndarray, target: float | None) -> tuple[float, float]:
    vals = [*levels.tolist(), *([target] if target is not None else [])]
    lo, hi = min(vals), max(vals)
    pad = max(0.25 * (hi - lo), 0.3)
    return lo - pad, hi + pad


def _text_for(step: str, height: float, level: float, decimals: int) -> str:
    if step in ("baseline", "scenario"):
        return f"{level:.{decimals}f}%"
    if abs(height) < 0.5 * 10.0**-decimals:  # a step that rounds to nothing: no label to crowd
        return ""
    return f"{height:+.{decimals}f}"


def waterfall(
    ax: Axes,
    attribution: Any,
    *,
    steps: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    target: float | None = None,
    lang: str = "zh",
    decimals: int = 2,
    title: str | None = None,
) -> WaterfallArtists:
    """Draw a waterfall from the baseline to the scenario on ``ax``.

    Parameters
    ----------
    ax
        Axes to draw on.
    attribution
        ``ScenarioResult.waterfall(unit, indicator)`` (``step, delta_pp, level``) [%, pp].
    steps
        Fixed order of steps (default: the attribution's); components absent from it are zero.
        ``baseline`` and ``scenario`` are added at the ends when missing.
    labels
        Display names by step (default: :func:`waterfall_labels` without levers; pass
        ``waterfall_labels(levers, lang)`` for lever names).
    target
        Target growth [%]: a dotted line, so the gap is visible.
    lang
        ``"zh"`` or ``"en"``.
    decimals
        Decimals of the value labels.
    title
        Axes title (optional).

    Returns
    -------
    WaterfallArtists
    """
    order = list(steps) if steps is not None else [str(s) for s in attribution.step]
    if not order or order[0] != "baseline":
        order = ["baseline", *[s for s in order if s != "baseline"]]
    if order[-1] != "scenario":
        order = [*[s for s in order if s != "scenario"], "scenario"]
    names = dict(waterfall_labels(None, lang))
    names.update(labels or {})
    bottoms, heights, levels = _geometry(attribution, order)
    x = np.arange(len(order))
    colors = [
        TOTAL_COLOR if s in ("baseline", "scenario") else (UP_COLOR if h >= 0 else DOWN_COLOR)
        for s, h in zip(order, heights, strict=True)
    ]
    bars = ax.bar(x, heights, bottom=bottoms, color=colors, width=0.6)
    segs = [[(i + 0.3, levels[i]), (i + 0.7, levels[i])] for i in range(len(order) - 1)]
    conn = LineCollection(segs, colors="0.4", linewidths=0.8, linestyles="-")
    ax.add_collection(conn)
    texts = []
    for i, s in enumerate(order):
        top = max(bottoms[i], bottoms[i] + heights[i])
        texts.append(
            ax.text(
                i,
                top,
                _text_for(s, heights[i], levels[i], decimals),
                ha="center",
                va="bottom",
                fontsize=9,
            )
        )
    (tline,) = ax.plot(
        [-0.5, len(order) - 0.5] if target is not None else [],
        [target, target] if target is not None else [],
        ":",
        color="#c0392b",
        lw=1.2,
        label=text("target", lang),
    )
    if target is not None:
        ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.set_xticks(x)
    ax.set_xticklabels([names.get(s, s) for s in order], rotation=20, ha="right", fontsize=9)
    ax.set_xlim(-0.6, len(order) - 0.4)
    ax.set_ylim(*_limits(levels, target))
    ax.set_ylabel(text("waterfall_y", lang))
    ax.grid(axis="y", alpha=0.3)
    if title:
        ax.set_title(title)
    return WaterfallArtists(ax, order, bars, texts, conn, tline, decimals, (levels, heights))


def update_waterfall(
    artists: WaterfallArtists, attribution: Any, *, target: float | None = None
) -> bool:
    """Move the bars, connectors and labels of a waterfall in place (same steps).

    The y-axis limits only grow (so that a redraw of the axes is rarely needed). Call
    ``fig.canvas.draw_idle()`` afterwards.

    Returns
    -------
    bool
        True when the axis limits (or the target line) changed, i.e. more than the moving
        artists (:meth:`WaterfallArtists.moving`) must be redrawn.
    """
    bottoms, heights, levels = _geometry(attribution, artists.steps)
    for i, (rect, s) in enumerate(zip(artists.bars.patches, artists.steps, strict=True)):
        rect.set_y(bottoms[i])
        rect.set_height(heights[i])
        if s not in ("baseline", "scenario"):
            rect.set_facecolor(UP_COLOR if heights[i] >= 0 else DOWN_COLOR)
        t = artists.texts[i]
        t.set_position((i, max(bottoms[i], bottoms[i] + heights[i])))
        t.set_text(_text_for(s, heights[i], levels[i], artists.decimals))
    n = len(artists.steps)
    artists.connectors.set_segments(
        [np.array([(i + 0.3, levels[i]), (i + 0.7, levels[i])]) for i in range(n - 1)]
    )
    changed = False
    if target is not None:
        yd_old = np.asarray(artists.target.get_ydata(), dtype=float)
        changed = not (yd_old.size and float(yd_old[0]) == target)
        artists.target.set_data([-0.5, n - 0.5], [target, target])
    yd = np.asarray(artists.target.get_ydata(), dtype=float)
    tgt = float(yd[0]) if yd.size else None
    lo, hi = _limits(levels, tgt)
    cur_lo, cur_hi = artists.ax.get_ylim()
    tops = np.maximum(bottoms, bottoms + heights)
    inside = lo >= cur_lo and hi <= cur_hi and float(tops.max()) < cur_hi
    if not inside:
        artists.ax.set_ylim(min(lo, cur_lo), max(hi, cur_hi))
        changed = True
    artists.values = (levels, heights)
    return changed


__all__ = ["WaterfallArtists", "update_waterfall", "waterfall", "waterfall_labels"]
