"""Optimisation: the least-cost sprint package of levers and project accelerations.

The planner's reverse question: "what is the cheapest combination that meets the targets with,
say, 80% probability?" (or, under a budget, "what gives the best odds?").

- :mod:`~sprintmodel.optimize.saa`: the chance-constrained programme by sample-average
  approximation, a MILP solved with ``scipy.optimize.milp`` (pure numerics);
- :mod:`~sprintmodel.optimize.accelerations`: which projects may move earlier, by how much and
  at what cost (``accelerations.csv`` or a documented default rule);
- :mod:`~sprintmodel.optimize.problem`: the question as an immutable spec;
- :mod:`~sprintmodel.optimize.solve`: :func:`optimize`, from the scenario engine to the
  programme, the re-check on fresh draws and the single-lever comparison;
- :mod:`~sprintmodel.optimize.results`: :class:`OptimizationResult`;
- :mod:`~sprintmodel.optimize.sensitivity`: the tornado of the gap over every assumption.

See ``docs/optimize.md``.
"""

from sprintmodel.optimize.accelerations import (
    Acceleration,
    AccelerationRule,
    AccelerationSet,
    accelerations_for_folder,
)
from sprintmodel.optimize.model import Package, Target
from sprintmodel.optimize.problem import PackageProblem
from sprintmodel.optimize.results import OptimizationResult
from sprintmodel.optimize.saa import (
    ChanceModel,
    SAASolution,
    solve_max_probability,
    solve_min_cost,
)
from sprintmodel.optimize.sensitivity import Tornado, tornado
from sprintmodel.optimize.solve import optimize, optimize_engines

__all__ = [
    "Acceleration",
    "AccelerationRule",
    "AccelerationSet",
    "ChanceModel",
    "OptimizationResult",
    "Package",
    "PackageProblem",
    "SAASolution",
    "Target",
    "Tornado",
    "accelerations_for_folder",
    "optimize",
    "optimize_engines",
    "solve_max_probability",
    "solve_min_cost",
    "tornado",
]
