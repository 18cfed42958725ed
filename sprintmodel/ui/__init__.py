"""Widgets for planners' notebooks and Voila dashboards (thin shells over the pure core).

Each panel is an :class:`ipywidgets.VBox`: display it by leaving it last in a cell. Every panel
follows the same pattern: a pure function does the work (the core's, e.g.
:func:`~sprintmodel.ui.levers.lever_scenario` = ``engine.evaluate(spec.with_lever(...))``),
:func:`ipywidgets.interactive_output` connects the controls to it, sliders use
``continuous_update=False`` (the work runs once, on release), the chart's artists are moved in
place (``%matplotlib widget``/ipympl canvas, or a PNG image without ipympl), and the last
arguments and result stay on the panel (``last_spec``, ``last_result``).

| panel | shows | built from |
| --- | --- | --- |
| :class:`ForecastPanel` | fan chart, forecast vs target, what Q4 must deliver | a :class:`~sprintmodel.forecast.ForecastResult` |
| :class:`LeverPanel` | one slider per lever; gap, probability and cost; waterfall | a :class:`~sprintmodel.scenario.ScenarioEngine` |
| :class:`ProjectPanel` | Gantt of the watch list; start and production sliders; Q4 investment and output | a :class:`~sprintmodel.scenario.ScenarioEngine` |
| :class:`LeaguePanel` | league heatmap (growth gap, contribution, pulling) | a :class:`~sprintmodel.league.LeagueTable` |
| :class:`TargetPanel` | next year's city target: its odds among the options and tiers, the district allocation re-solved (binding bounds) | a :class:`~sprintmodel.targets.TargetsResult` |

:func:`build_engine` builds the scenario engine for a data folder in one call (the baseline
forecast runs once; sliders then take milliseconds).

Examples
--------
In a notebook::

    %matplotlib widget
    from sprintmodel import ui
    engine = ui.build_engine()          # the bundled example city, 10,000 draws
    ui.LeverPanel(engine)
"""

from __future__ import annotations

from sprintmodel.ui._figure import FigureView
from sprintmodel.ui.forecast import ForecastPanel
from sprintmodel.ui.league import LeaguePanel
from sprintmodel.ui.levers import LeverPanel, lever_scenario
from sprintmodel.ui.page import Context, Page, error_html, warning_html
from sprintmodel.ui.projects import ProjectPanel, project_scenario
from sprintmodel.ui.session import build_engine, default_as_of, load_data
from sprintmodel.ui.tables import Table, reader_frame, table
from sprintmodel.ui.targets import TargetPanel, reallocate

__all__ = [
    "Context",
    "FigureView",
    "ForecastPanel",
    "LeaguePanel",
    "LeverPanel",
    "Page",
    "ProjectPanel",
    "Table",
    "TargetPanel",
    "build_engine",
    "default_as_of",
    "error_html",
    "lever_scenario",
    "load_data",
    "project_scenario",
    "reader_frame",
    "reallocate",
    "table",
    "warning_html",
]
