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

from pathlib import Path
from typing import Any

from sprintmodel.ui._figure import FigureView
from sprintmodel.ui.forecast import ForecastPanel
from sprintmodel.ui.league import LeaguePanel
from sprintmodel.ui.levers import LeverPanel, lever_scenario
from sprintmodel.ui.page import Context, Page, error_html, warning_html
from sprintmodel.ui.projects import ProjectPanel, project_scenario
from sprintmodel.ui.tables import Table, reader_frame, table
from sprintmodel.ui.targets import TargetPanel, reallocate


def load_data(data: Any = None) -> Any:
    """A :class:`~sprintmodel.data.DataSet`: the example city (None), a folder, or as given."""
    import sprintmodel as sm

    if data is None:
        return sm.example_city()
    if isinstance(data, str | Path):
        return sm.load_folder(data)
    return data


def default_as_of(dataset: Any) -> str:
    """The latest period of the data, as a quarter when it ends one (``2026-09`` → ``2026Q3``)."""
    p = dataset.latest_period
    if p.freq == "M" and p.month % 3 == 0:
        return f"{p.year}Q{p.month // 3}"
    return str(p)


def build_engine(
    data: Any = None,
    as_of: str | None = None,
    *,
    n_draws: int = 10_000,
    seed: int = 0,
    levers: Any = None,
) -> Any:
    """Forecast the baseline and build a :class:`~sprintmodel.scenario.ScenarioEngine`.

    Parameters
    ----------
    data
        A data set, a data folder, or None for the bundled example city.
    as_of
        Period (default: the latest in the data, see :func:`default_as_of`).
    n_draws, seed
        Simulation draws and seed.
    levers
        A :class:`~sprintmodel.scenario.LeverSet` (default: the folder's ``levers.yaml``).
    """
    import sprintmodel as sm

    ds = load_data(data)
    lv = levers if levers is not None else sm.levers_for_folder(ds.folder)
    return sm.ScenarioEngine.build(
        ds, as_of or default_as_of(ds), levers=lv, n_draws=n_draws, seed=seed
    )


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
