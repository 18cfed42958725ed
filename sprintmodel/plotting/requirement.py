"""What the rest of the year must deliver: forecast against needed rest-of-year growth.

:func:`requirement_bars` takes a forecast table (:meth:`ForecastResult.to_frame()
<sprintmodel.forecast.ForecastResult.to_frame>`: ``rest_growth`` and
``rest_growth_required``) or a scenario summary (``q4_growth_p50`` and
``q4_growth_required``) and draws, per unit, a bar of the growth the forecast implies for the
rest of the year (Q4 after Q3) and a marker of the growth needed to meet the target [%]. A bar
short of its marker is a unit that must do better than forecast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D

from sprintmodel.words.charts import text


@dataclass(eq=False)
class RequirementArtists:
    """Bars of forecast rest-of-year growth, markers of the needed growth, unit codes."""

    ax: Axes
    bars: BarContainer
    needed: Line2D
    units: list[str]


def _columns(frame: pd.DataFrame) -> tuple[str, str]:
    if "rest_growth_required" in frame:
        return "rest_growth", "rest_growth_required"
    return "q4_growth_p50", "q4_growth_required"


def requirement_bars(
    ax: Axes,
    frame: pd.DataFrame,
    indicator: str,
    *,
    units: Sequence[str] | None = None,
    names: Mapping[str, str] | None = None,
    lang: str = "zh",
    title: str | None = None,
) -> RequirementArtists:
    """Draw forecast vs needed rest-of-year growth [%] of ``indicator`` for ``units``.

    Parameters
    ----------
    ax
        Axes to draw on.
    frame
        A forecast table or scenario summary (see the module docstring).
    indicator
        Indicator code.
    units
        Units in order (default: every unit of the indicator in the frame).
    names
        Display names by unit code.
    lang
        ``"zh"`` or ``"en"``.
    title
        Axes title (optional).
    """
    got, need = _columns(frame)
    f = frame[frame.indicator == indicator].set_index("unit")
    units = list(units) if units is not None else list(f.index)
    g = np.array([float(f.at[u, got]) if u in f.index else np.nan for u in units])
    r = np.array([float(f.at[u, need]) if u in f.index else np.nan for u in units])
    y = np.arange(len(units))
    colors = ["#2e86c1" if not (gi < ri) else "#e67e22" for gi, ri in zip(g, r, strict=True)]
    bars = ax.barh(y, np.nan_to_num(g), color=colors, height=0.55, label=text("rest_growth", lang))
    (needed,) = ax.plot(
        r, y, "|", color="#c0392b", ms=16, mew=2.5, label=text("rest_growth_required", lang)
    )
    for yi, gi in zip(y, g, strict=True):
        if np.isfinite(gi):
            ax.text(float(gi), float(yi), f" {gi:.1f}", va="center", fontsize=8)
    ax.set_yticks(y)
    ax.set_yticklabels([(names or {}).get(u, u) for u in units], fontsize=9)
    ax.set_ylim(len(units) - 0.5, -0.5)
    ax.axvline(0, color="0.3", lw=0.8)
    ax.set_xlabel(text("growth_pct", lang))
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8, frameon=False)
    ax.set_title(title or text("q4_title", lang))
    return RequirementArtists(ax, bars, needed, units)


__all__ = ["RequirementArtists", "requirement_bars"]
