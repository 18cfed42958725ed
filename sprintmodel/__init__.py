"""sprintmodel: economic sprint planning from year-to-date statistics.

Forecast where the year will land from three quarters of data, simulate policy levers and
major-project timing, rank districts, draft next year's targets and render briefings. The core
(arithmetic, forecasting, simulation, optimisation) is plain functions and immutable objects over
numpy arrays; the command line, widgets, notebooks and report writers are thin layers on top.
"""

from sprintmodel._version import __version__
from sprintmodel.contribution import contribution_rate, increment, pulling_rate, real_increment
from sprintmodel.data import (
    DataError,
    DataSet,
    Indicator,
    Panel,
    Unit,
    ValidationReport,
    load_folder,
    validate_folder,
)
from sprintmodel.datasets import china_national, example_city
from sprintmodel.errors import InputError, SprintmodelError
from sprintmodel.forecast import ForecastResult
from sprintmodel.forecast import forecast as forecast_year
from sprintmodel.periods import Period
from sprintmodel.progress import TimeProgress, time_progress
from sprintmodel.requirement import (
    Requirement,
    amount_still_needed,
    remaining_growth_required,
    rest_of_year_requirement,
    target_level,
)
from sprintmodel.status import ytd_status
from sprintmodel.ytd import (
    comparable_base,
    growth_rate,
    single_from_ytd,
    single_growth_from_ytd,
    volume_at_last_year_prices,
    ytd_from_single,
    ytd_growth_from_single,
)

__all__ = [
    "DataError",
    "DataSet",
    "ForecastResult",
    "Indicator",
    "InputError",
    "Panel",
    "Period",
    "Requirement",
    "SprintmodelError",
    "TimeProgress",
    "Unit",
    "ValidationReport",
    "__version__",
    "amount_still_needed",
    "china_national",
    "comparable_base",
    "contribution_rate",
    "example_city",
    "forecast_year",
    "growth_rate",
    "increment",
    "load_folder",
    "pulling_rate",
    "real_increment",
    "remaining_growth_required",
    "rest_of_year_requirement",
    "single_from_ytd",
    "single_growth_from_ytd",
    "target_level",
    "time_progress",
    "validate_folder",
    "volume_at_last_year_prices",
    "ytd_from_single",
    "ytd_growth_from_single",
    "ytd_status",
]

# League tables (比增速、比增量、比贡献), rank odds, lagging units, time progress, key enterprises.
from sprintmodel import league
from sprintmodel.league import (
    LeagueReport,
    LeagueTable,
    RankOdds,
    drag_lift,
    lagging_units,
    league_report,
    league_table,
    load_enterprises,
    project_progress,
    projected_league_table,
    rank_odds,
    target_progress,
)

# 为民办实事: completion against time progress, next year's list.
from sprintmodel.livelihood import livelihood_plan, livelihood_progress

__all__ += [
    "LeagueReport",
    "LeagueTable",
    "RankOdds",
    "drag_lift",
    "lagging_units",
    "league",
    "league_report",
    "league_table",
    "livelihood_plan",
    "livelihood_progress",
    "load_enterprises",
    "project_progress",
    "projected_league_table",
    "rank_odds",
    "target_progress",
]

# Scenarios: policy levers and major-project timing on top of the baseline forecast.
from sprintmodel.scenario import (
    LeverSet,
    ScenarioEngine,
    ScenarioResult,
    ScenarioSpec,
    default_levers,
    levers_for_folder,
)

__all__ += [
    "LeverSet",
    "ScenarioEngine",
    "ScenarioResult",
    "ScenarioSpec",
    "default_levers",
    "levers_for_folder",
]

# Optimisation: the least-cost sprint package of levers and project accelerations.
from sprintmodel.optimize import (
    AccelerationSet,
    OptimizationResult,
    PackageProblem,
    Tornado,
)
from sprintmodel.optimize import optimize as optimize_package

__all__ += [
    "AccelerationSet",
    "OptimizationResult",
    "PackageProblem",
    "Tornado",
    "optimize_package",
]

# Next year's targets: options with their odds, allocation, milestones, investment plan.
from sprintmodel import targets
from sprintmodel.targets import TargetConfig, TargetsResult, draft_targets

__all__ += ["TargetConfig", "TargetsResult", "draft_targets", "targets"]
