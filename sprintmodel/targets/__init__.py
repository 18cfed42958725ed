"""Next year's targets: options with their odds, allocations that add up, milestones, plan.

After the October sprint, planners draft next year's indicator arrangement (指标安排), the
investment plan and the time-progress milestones (时序进度). :func:`draft_targets` does it from
this year's projected full year (the baseline forecast or a scenario's):

- :mod:`~sprintmodel.targets.nextyear`: draws of next year's growth (trend, carry-over, projects);
- :mod:`~sprintmodel.targets.options`: options, their probabilities and the tiers 保底/力争/奋斗;
- :mod:`~sprintmodel.targets.allocation`: district targets that add up (scipy.optimize);
- :mod:`~sprintmodel.targets.milestones`: on-track year to date by period, the 双过半 check;
- :mod:`~sprintmodel.targets.projects`: the register's investment plan and timing risk;
- :mod:`~sprintmodel.targets.calibration`: are the probabilities right in past years?

:mod:`~sprintmodel.targets.api` holds the orchestrator and its inputs (this year's draws, the
province's targets); each step of a draft has its own module over this year's base
(:mod:`~sprintmodel.targets.base`): :mod:`~sprintmodel.targets.option_table` (options, odds,
tiers, the city's choice), :mod:`~sprintmodel.targets.allocation_table` (the allocation table),
:mod:`~sprintmodel.targets.milestone_table` (milestones and 双过半).

Pure computation: nothing here imports plotting or widget libraries. See ``docs/targets.md``.
"""

from sprintmodel.targets.allocation import Allocation, parse_bound, solve_allocation
from sprintmodel.targets.api import DEFAULT_DRAWS, draft_targets, read_province_targets
from sprintmodel.targets.calibration import CalibrationResult, calibrate
from sprintmodel.targets.config import TargetConfig
from sprintmodel.targets.milestones import double_half, milestone_path, seasonal_shares
from sprintmodel.targets.nextyear import NextYearDraws, next_year_draws
from sprintmodel.targets.options import (
    carry_over,
    probability_of_meeting,
    round_growth,
    statistical_options,
)
from sprintmodel.targets.result import TargetsResult
from sprintmodel.targets.trend import TrendFit, fit_trend

__all__ = [
    "DEFAULT_DRAWS",
    "Allocation",
    "CalibrationResult",
    "NextYearDraws",
    "TargetConfig",
    "TargetsResult",
    "TrendFit",
    "calibrate",
    "carry_over",
    "double_half",
    "draft_targets",
    "fit_trend",
    "milestone_path",
    "next_year_draws",
    "parse_bound",
    "probability_of_meeting",
    "read_province_targets",
    "round_growth",
    "seasonal_shares",
    "solve_allocation",
    "statistical_options",
]
