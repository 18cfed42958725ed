"""Scenarios: policy levers and major-project timing on top of the baseline forecast.

- :mod:`~sprintmodel.scenario.curves`: pure functions (S-curves, output ramps, timing
  profiles, delays);
- :mod:`~sprintmodel.scenario.levers`: levers as data (``levers.yaml``);
- :mod:`~sprintmodel.scenario.projects`: the project register and its contribution tables;
- :mod:`~sprintmodel.scenario.spec`: immutable scenario specs (YAML) and their validation;
- :mod:`~sprintmodel.scenario.engine`: :class:`ScenarioEngine`, built once, evaluating fast,
  from its parts: :mod:`~sprintmodel.scenario.plan` (per indicator: prices, targets, where an
  effect lands), :mod:`~sprintmodel.scenario.lever_effects` (lever effect draws, bridges,
  allocation), :mod:`~sprintmodel.scenario.project_effects` (delays, contribution tables,
  project effects, watch list);
- :mod:`~sprintmodel.scenario.stats`: percentiles, means and P(meet target) of draws;
- :mod:`~sprintmodel.scenario.results`: :class:`ScenarioResult` (summary, attribution, cost,
  comparison, draws);
- :mod:`~sprintmodel.scenario.blocks`: :func:`evaluate_blocks`, a scenario whose draws do not
  fit in memory at once, in blocks with exactly merged statistics.

See ``docs/levers.md`` and ``docs/scenarios.md``.
"""

from sprintmodel.scenario.blocks import evaluate_blocks
from sprintmodel.scenario.distributions import Dist
from sprintmodel.scenario.engine import PROJECT_COMPONENT, ScenarioEngine, evaluate_file
from sprintmodel.scenario.levers import (
    Bridge,
    Effect,
    LeverSet,
    LeverSpec,
    ProjectRule,
    TimingProfile,
    default_levers,
    levers_for_folder,
)
from sprintmodel.scenario.projects import ProjectModel, ProjectRegister, project_tables
from sprintmodel.scenario.results import SUMMARY_COLUMNS, ScenarioResult, compare
from sprintmodel.scenario.spec import (
    LeverSetting,
    ProjectShift,
    ResolvedScenario,
    ScenarioSpec,
    resolve,
)

__all__ = [
    "PROJECT_COMPONENT",
    "SUMMARY_COLUMNS",
    "Bridge",
    "Dist",
    "Effect",
    "LeverSet",
    "LeverSetting",
    "LeverSpec",
    "ProjectModel",
    "ProjectRegister",
    "ProjectRule",
    "ProjectShift",
    "ResolvedScenario",
    "ScenarioEngine",
    "ScenarioResult",
    "ScenarioSpec",
    "TimingProfile",
    "compare",
    "default_levers",
    "evaluate_blocks",
    "evaluate_file",
    "levers_for_folder",
    "project_tables",
    "resolve",
]
