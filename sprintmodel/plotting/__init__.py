"""Static charts for planners: pure matplotlib functions drawing on a given Axes.

Every chart function takes an :class:`~matplotlib.axes.Axes` and plain data (or a sprintmodel
result), draws, and returns its artists so that widgets can move them in place (the
``update_*`` companions) instead of re-rendering the figure. Nothing in the core imports this
package; it imports only matplotlib, numpy and pandas at module level.

| function | draws | input |
| --- | --- | --- |
| :func:`fan_chart` / :func:`update_fan` | past full-year growth and this year's forecast with 80% and 95% bands, year to date, target | :func:`fan_data` (a :class:`~sprintmodel.forecast.ForecastResult`, unit, indicator) |
| :func:`requirement_bars` | forecast vs needed rest-of-year (Q4) growth per unit | ``ForecastResult.to_frame()`` or ``ScenarioResult.summary_frame()`` |
| :func:`waterfall` / :func:`update_waterfall` | baseline → each lever → project timing → scenario [mean growth, %] | ``ScenarioResult.waterfall(unit, indicator)`` |
| :func:`league_heatmap` | one league (units × indicators) coloured by gap to average, annotated with growth and rank | a :class:`~sprintmodel.league.LeagueTable` |
| :func:`gantt` / :func:`update_gantt` | projects' start–finish bars, statistical entry ▼, production ★, plan outline, as-of line | a project frame (``projects.csv`` columns or moved dates) |
| :func:`target_options` / :func:`update_target_options` | P(meet target) against the target growth, options and tiers 保底/力争/奋斗 marked, the chosen target | :func:`target_options_data` (a :class:`~sprintmodel.targets.TargetsResult`, indicator) |
| :func:`allocation_bars` / :func:`update_allocation` | each unit's allocated target with reference growth and bounds, binding bounds highlighted | an :class:`~sprintmodel.targets.Allocation` |
| :func:`milestone_chart` | share of the target done by each period against time gone, on-track growth, 双过半 | ``TargetsResult.milestones`` (and ``double_half``) |
| :func:`tornado` | gap to target with each assumption at the low and high end of its range | ``Tornado.to_frame()`` (names from :func:`tornado_names`) |
| :func:`lever_comparison` | P(meet target) and cost of each lever alone against the package | :func:`lever_comparison_data` (an :class:`~sprintmodel.optimize.OptimizationResult`) |
| :func:`save_figure` | writes a figure atomically (temporary file, then rename) | a figure and a path |

Labels are Chinese by default (``lang="zh"``) and English on request (``lang="en"``). Call
:func:`chart_lang` (or :func:`use_chinese_font`) first: it configures a CJK font when one is
installed and otherwise warns once how to get one and returns ``"en"``, so charts never show
boxes and never crash.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> import sprintmodel as sm
>>> from sprintmodel import plotting as smp
>>> lang = smp.chart_lang("zh")  # doctest: +SKIP
>>> res = sm.forecast_year(sm.example_city(), "2026Q3")  # doctest: +SKIP
>>> fig, ax = plt.subplots(figsize=(7, 4))  # doctest: +SKIP
>>> smp.fan_chart(ax, **smp.fan_data(res, "JC", "gdp", lang=lang), lang=lang)  # doctest: +SKIP
>>> smp.save_figure(fig, "out/gdp_fan.png")  # doctest: +SKIP
"""

from sprintmodel.plotting.fan import FanArtists, fan_chart, fan_data, update_fan
from sprintmodel.plotting.fonts import (
    MissingChineseFontWarning,
    chart_lang,
    find_chinese_font,
    use_chinese_font,
)
from sprintmodel.plotting.gantt import GanttArtists, gantt, month_index, month_text, update_gantt
from sprintmodel.plotting.league import HeatmapArtists, league_heatmap
from sprintmodel.plotting.requirement import RequirementArtists, requirement_bars
from sprintmodel.plotting.save import save_figure
from sprintmodel.plotting.targets import (
    AllocationArtists,
    MilestoneArtists,
    TargetOptionsArtists,
    allocation_bars,
    milestone_chart,
    target_options,
    target_options_data,
    update_allocation,
    update_target_options,
)
from sprintmodel.plotting.tornado import (
    ComparisonArtists,
    TornadoArtists,
    assumption_label,
    lever_comparison,
    lever_comparison_data,
    tornado,
    tornado_names,
)
from sprintmodel.plotting.waterfall import (
    WaterfallArtists,
    update_waterfall,
    waterfall,
    waterfall_labels,
)

__all__ = [
    "AllocationArtists",
    "ComparisonArtists",
    "FanArtists",
    "GanttArtists",
    "HeatmapArtists",
    "MilestoneArtists",
    "MissingChineseFontWarning",
    "RequirementArtists",
    "TargetOptionsArtists",
    "TornadoArtists",
    "WaterfallArtists",
    "allocation_bars",
    "assumption_label",
    "chart_lang",
    "fan_chart",
    "fan_data",
    "find_chinese_font",
    "gantt",
    "league_heatmap",
    "lever_comparison",
    "lever_comparison_data",
    "milestone_chart",
    "month_index",
    "month_text",
    "requirement_bars",
    "save_figure",
    "target_options",
    "target_options_data",
    "tornado",
    "tornado_names",
    "update_allocation",
    "update_fan",
    "update_gantt",
    "update_target_options",
    "update_waterfall",
    "use_chinese_font",
    "waterfall",
    "waterfall_labels",
]
