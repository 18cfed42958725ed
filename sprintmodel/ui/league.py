"""District league: a heatmap of one league with dropdowns for the measure and the league.

:class:`LeaguePanel` shows a :class:`~sprintmodel.league.LeagueTable` as a heatmap
(:func:`sprintmodel.plotting.league_heatmap`): the colour is the gap to the average growth
(比增速), the increment (比增量), the contribution rate (比贡献) or the pulling rate; each cell
shows the same measure (the growth for the gap) and its rank on it; text is white on dark cells. The league is the city's districts and counties, its parks, or a county's towns.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from sprintmodel.plotting import chart_lang, league_heatmap
from sprintmodel.ui._figure import Backend, FigureView

MEASURES = {
    "gap_to_average_pp": {"zh": "比增速:与平均水平差距", "en": "Growth: gap to average"},
    "increment": {"zh": "比增量:增量", "en": "Increment"},
    "contribution_pct": {"zh": "比贡献:贡献率", "en": "Contribution rate"},
    "pulling_pp": {"zh": "拉动百分点", "en": "Pulling (pp)"},
}
"""The measures offered: the colour, and the number and rank written in each cell."""


def leagues(table: Any, lang: str = "zh") -> list[tuple[str, tuple[str, str]]]:
    """The leagues of a table as dropdown options: (label, (parent, peer group))."""
    f = table.frame
    h = table.hierarchy
    out = []
    for (parent, group), _ in f[f.parent.astype(str) != ""].groupby(
        ["parent", "peer_group"], sort=False
    ):
        name = h[parent].label(lang) if h is not None else parent
        if lang == "zh":
            label = f"{name}:{'下辖地区' if group == 'rollup' else '园区'}"
        else:
            label = f"{name}: {'units' if group == 'rollup' else 'parks'}"
        out.append((label, (str(parent), str(group))))
    return out


class LeaguePanel(widgets.VBox):
    """Heatmap of one league of a :class:`~sprintmodel.league.LeagueTable`, with dropdowns.

    Parameters
    ----------
    table
        The league table (year to date, or projected with ``projected_league_table``).
    lang
        ``"zh"`` or ``"en"``.
    figsize, backend
        Figure size [inches] and backend (see :class:`~sprintmodel.ui.LeverPanel`).
    """

    def __init__(
        self,
        table: Any,
        *,
        lang: str = "zh",
        figsize: tuple[float, float] = (9.0, 4.0),
        backend: Backend = "auto",
    ) -> None:
        super().__init__()
        self.table = table
        self.lang = lang
        self.chart_lang = chart_lang(lang)
        self.measure_box = widgets.Dropdown(
            options=[(v[lang if lang in v else "en"], k) for k, v in MEASURES.items()],
            value="gap_to_average_pp",
            description="比较" if lang == "zh" else "Measure",
            style={"description_width": "initial"},
        )
        opts = leagues(table, lang)
        self.league_box = widgets.Dropdown(
            options=opts,
            value=opts[0][1],
            description="范围" if lang == "zh" else "League",
            style={"description_width": "initial"},
        )
        self.view = FigureView(figsize, backend)
        self.last_art: Any = None
        self.output = widgets.interactive_output(
            self.update, {"measure": self.measure_box, "league": self.league_box}
        )
        self.children = [
            widgets.HBox([self.measure_box, self.league_box]),
            self.view.widget,
            self.output,
        ]

    def update(self, measure: str, league: tuple[str, str]) -> Any:
        """Draw the heatmap of ``league`` = (parent, peer group) coloured by ``measure``."""
        parent, group = league
        fig = self.view.figure
        fig.clear()
        ax = fig.add_subplot(1, 1, 1)
        self.last_art = league_heatmap(
            ax, self.table, value=measure, parent=parent, peer_group=group, lang=self.chart_lang
        )
        fig.tight_layout()
        self.view.refresh()
        return self.last_art


__all__ = ["MEASURES", "LeaguePanel", "leagues"]
