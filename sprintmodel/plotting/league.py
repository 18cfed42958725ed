"""League heatmap: units × indicators, coloured by how far each unit is from the average.

The input is a :class:`~sprintmodel.league.LeagueTable` (or its ``frame``/``to_frame()``):
one row per unit × indicator. :func:`league_heatmap` shows one league (the rollup children of
``parent``, default the city: its districts and county-level cities; ``peer_group="overlap"``
for its parks), one column per indicator, coloured by ``value`` (default the gap to the
average growth [pp]: red below the average, green above, as in the Excel briefing) and
annotated with the growth and the rank.

Examples
--------
>>> from sprintmodel.plotting import league_heatmap
>>> league_heatmap(ax, sm.league_table(city, "2026Q3"))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import TwoSlopeNorm
from matplotlib.image import AxesImage
from matplotlib.text import Text

from sprintmodel.words.charts import text


@dataclass(eq=False)
class HeatmapArtists:
    """What :func:`league_heatmap` drew: the image, the cell texts, row and column codes."""

    ax: Axes
    image: AxesImage
    texts: list[Text]
    units: list[str]
    indicators: list[str]
    values: np.ndarray


def _frame(table: Any, lang: str) -> tuple[pd.DataFrame, str | None, str]:
    if hasattr(table, "to_frame") and hasattr(table, "hierarchy"):
        root = table.hierarchy.root if table.hierarchy is not None else None
        return table.to_frame(lang), root, table.growth_column
    frame = pd.DataFrame(table)
    gcol = "fy_growth" if "fy_growth" in frame else "ytd_growth"
    return frame, None, gcol


_RANK = {
    "gap_to_average_pp": "rank_growth",
    "ytd_growth": "rank_growth",
    "increment": "rank_increment",
    "contribution_pct": "rank_contribution",
    "pulling_pp": "rank_contribution",
}
"""The rank column that goes with each colour measure."""


def league_heatmap(
    ax: Axes,
    table: Any,
    *,
    value: str = "gap_to_average_pp",
    annotate: str | None = None,
    parent: str | None = None,
    peer_group: str = "rollup",
    indicators: Sequence[str] | None = None,
    lang: str = "zh",
    cmap: str = "RdYlGn",
    colorbar: bool = True,
    title: str | None = None,
) -> HeatmapArtists:
    """Draw one league as a heatmap (units × indicators) on ``ax``.

    Parameters
    ----------
    ax
        Axes to draw on.
    table
        A :class:`~sprintmodel.league.LeagueTable` or a frame with its columns.
    value
        Column giving the colour (default ``gap_to_average_pp`` [pp]; also
        ``contribution_pct``, ``pulling_pp``, a growth column...). Gaps and pulling rates are
        centred on zero.
    annotate
        Column written in each cell (default: the growth [%]); the growth rank follows in
        brackets when the table has ``rank_growth``.
    parent
        Parent whose league is shown (default: the root, the city).
    peer_group
        ``"rollup"`` (districts and counties) or ``"overlap"`` (parks).
    indicators
        Columns, in order (default: every indicator of the league, in table order).
    lang
        ``"zh"`` or ``"en"``: unit and indicator names.
    cmap
        Colormap (red = low, green = high by default).
    colorbar
        Add a colour bar labelled with ``value``.
    title
        Axes title (optional).

    Returns
    -------
    HeatmapArtists
    """
    frame, root, gcol = _frame(table, lang)
    parent = parent or root
    if parent is None:
        parent = str(frame.loc[frame.parent.astype(str) != "", "parent"].iloc[0])
    f = frame[(frame.parent == parent) & (frame.peer_group == peer_group)]
    if indicators is None:
        indicators = list(dict.fromkeys(f.indicator))
    units = list(dict.fromkeys(f.unit))
    centred = value in ("gap_to_average_pp", "pulling_pp") or value.startswith("gap")
    # The cell shows what the colour measures (the growth for a gap to the average growth),
    # with the rank on the same measure.
    annotate = annotate or (gcol if value.startswith("gap") else value)
    rank_col = _RANK.get(value, "rank_growth")
    idx = {(r.unit, r.indicator): r for r in f.itertuples(index=False)}
    vals = np.full((len(units), len(indicators)), np.nan)
    for i, u in enumerate(units):
        for j, c in enumerate(indicators):
            r = idx.get((u, c))
            if r is not None:
                v = getattr(r, value)
                vals[i, j] = np.nan if pd.isna(v) else float(v)
    finite = vals[np.isfinite(vals)]
    if finite.size and centred:
        m = max(float(np.abs(finite).max()), 1e-9)
        norm: Any = TwoSlopeNorm(vcenter=0.0, vmin=-m, vmax=m)
    else:
        norm = None
    image = ax.imshow(np.ma.masked_invalid(vals), cmap=cmap, norm=norm, aspect="auto")
    texts = []
    for i, u in enumerate(units):
        for j, c in enumerate(indicators):
            r = idx.get((u, c))
            if r is None:
                continue
            a = getattr(r, annotate, np.nan)
            s = "—" if pd.isna(a) else f"{float(a):.1f}"
            rank = getattr(r, rank_col, None)
            if rank is not None and not pd.isna(rank):
                s += f"\n({int(rank)})"
            colour = "black"
            if np.isfinite(vals[i, j]):  # white on dark cells
                red, green, blue, _ = image.cmap(image.norm(vals[i, j]))
                colour = "white" if 0.299 * red + 0.587 * green + 0.114 * blue < 0.5 else "black"
            texts.append(ax.text(j, i, s, ha="center", va="center", fontsize=8, color=colour))
    names_u = {r.unit: (getattr(r, "unit_name", None) or r.unit) for r in f.itertuples(index=False)}
    names_i = {
        r.indicator: (getattr(r, "indicator_name", None) or r.indicator)
        for r in f.itertuples(index=False)
    }
    ax.set_xticks(np.arange(len(indicators)))
    ax.set_xticklabels([names_i.get(c, c) for c in indicators], rotation=30, ha="right", fontsize=8)
    ax.set_yticks(np.arange(len(units)))
    ax.set_yticklabels([names_u.get(u, u) for u in units], fontsize=9)
    if colorbar:
        cb = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
        cb.set_label(text(value, lang), fontsize=8)
    if title:
        ax.set_title(title)
    return HeatmapArtists(ax, image, texts, units, list(indicators), vals)


__all__ = ["HeatmapArtists", "league_heatmap"]
