"""District league tables: compare units by growth, increment and contribution.

比增速、比增量、比贡献: league tables of actual year-to-date figures and of a scenario's projected
full year (:mod:`~sprintmodel.league.table`), the odds of ranks under draws
(:mod:`~sprintmodel.league.odds`), what each lagging unit must do
(:mod:`~sprintmodel.league.lagging`), key enterprises that drag or lift their district
(:mod:`~sprintmodel.league.enterprises`) and their outlook, levers and shared problems
(:mod:`~sprintmodel.league.enterprise_outlook`), time progress (时序进度) of targets and project plans
(:mod:`~sprintmodel.league.progress`), and everything at once (:func:`league_report`).
Everything here is pure computation on a :class:`~sprintmodel.data.DataSet` and arrays; nothing
imports plotting or widget libraries. See ``docs/league.md``.
"""

from sprintmodel.league.enterprise_outlook import (
    enterprise_forecast,
    enterprise_outlook,
    open_problems,
)
from sprintmodel.league.enterprises import (
    ENTERPRISE_COLUMNS,
    drag_lift,
    find_enterprises,
    load_enterprises,
)
from sprintmodel.league.figures import Figures, fy_figures, span_for, ytd_figures
from sprintmodel.league.lagging import HISTORY_YEARS, lagging_units, rest_growth_history, verdict
from sprintmodel.league.odds import RankOdds, rank_odds
from sprintmodel.league.peers import League, leagues, percentile_of, rank_desc
from sprintmodel.league.progress import (
    invested_this_year,
    project_progress,
    project_progress_by_unit,
    target_progress,
)
from sprintmodel.league.report import LeagueReport, league_report
from sprintmodel.league.table import (
    LEAGUE_COLUMNS,
    NEAR_ZERO_PP,
    LeagueTable,
    compare,
    league_table,
    projected_league_table,
)

__all__ = [
    "ENTERPRISE_COLUMNS",
    "HISTORY_YEARS",
    "LEAGUE_COLUMNS",
    "NEAR_ZERO_PP",
    "Figures",
    "League",
    "LeagueReport",
    "LeagueTable",
    "RankOdds",
    "compare",
    "drag_lift",
    "enterprise_forecast",
    "enterprise_outlook",
    "find_enterprises",
    "fy_figures",
    "invested_this_year",
    "lagging_units",
    "league_report",
    "league_table",
    "leagues",
    "load_enterprises",
    "open_problems",
    "percentile_of",
    "project_progress",
    "project_progress_by_unit",
    "projected_league_table",
    "rank_desc",
    "rank_odds",
    "rest_growth_history",
    "span_for",
    "target_progress",
    "verdict",
    "ytd_figures",
]
