"""The question a planner asks the optimiser, as a small immutable, validated spec."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sprintmodel.errors import InputError

DEFAULT_INDICATORS = ("gdp",)
"""Indicators whose targets the package must meet when none are given: GDP, the headline
target of every city's annual plan (choice)."""

DEFAULT_SAA_DRAWS = 400
"""Draws of the sample programme (SAA). Choice: enough for the probability to move in steps of
0.25 pp, few enough for the MILP (one binary per draw) to solve in seconds (200-500 is the
usual range for chance-constrained MILPs of this size; Luedtke & Ahmed 2008)."""

DEFAULT_CHECK_DRAWS = 10_000
"""Fresh draws on which the package is re-checked (binomial standard error 0.4 pp at 80%)."""

DEFAULT_MAX_ROUNDS = 6
"""Largest number of sample programmes solved while tightening the sample share α."""


@dataclass(frozen=True)
class PackageProblem:
    """What the package must achieve, and how hard the optimiser tries.

    Attributes
    ----------
    target_probability
        Probability of meeting the targets the package must reach [0-1] (e.g. 0.8).
    budget
        Fiscal budget [亿元, all cost kinds]. None: find the least-cost package reaching
        ``target_probability``; a number: find the package with the highest probability
        within the budget (then at least cost).
    indicators
        Indicator codes whose targets must be met (default :data:`DEFAULT_INDICATORS`).
    units
        Units whose targets must be met (default: the root, the city).
    joint
        True (default): every target met in the same draw, ``P(all met) ≥ p``; False: each
        target separately, ``P(target t met) ≥ p`` for every ``t``.
    n_draws
        Draws of the sample programme (:data:`DEFAULT_SAA_DRAWS`).
    check_draws
        Fresh draws of the re-check (:data:`DEFAULT_CHECK_DRAWS`).
    levers
        Levers the package may use (default: every lever of the lever set).
    projects
        Whether the package may accelerate projects.
    tolerance
        Shortfall of the re-checked probability still accepted [0-1] (default: one binomial
        standard error of the re-check, ``sqrt(p (1 − p) / check_draws)``; "within sampling
        error").
    max_rounds
        Largest number of sample programmes while tightening α (:data:`DEFAULT_MAX_ROUNDS`).
    time_limit
        Time limit of each MILP [s] (the best solution found so far is used when it runs out).
    mip_rel_gap
        Relative optimality gap at which HiGHS stops [1].
    """

    target_probability: float = 0.8
    budget: float | None = None
    indicators: tuple[str, ...] = DEFAULT_INDICATORS
    units: tuple[str, ...] = ()
    joint: bool = True
    n_draws: int = DEFAULT_SAA_DRAWS
    check_draws: int = DEFAULT_CHECK_DRAWS
    levers: tuple[str, ...] | None = None
    projects: bool = True
    tolerance: float | None = None
    max_rounds: int = DEFAULT_MAX_ROUNDS
    time_limit: float = 20.0
    mip_rel_gap: float = 1e-4

    def __post_init__(self) -> None:
        p = self.target_probability
        if not isinstance(p, int | float) or isinstance(p, bool) or not 0 < float(p) < 1:
            raise InputError(
                f"target probability {p!r} is not between 0 and 1 (exclusive); give e.g. 0.8 "
                "for 80%."
            )
        object.__setattr__(self, "target_probability", float(p))
        if self.budget is not None:
            b = self.budget
            if isinstance(b, bool) or not isinstance(b, int | float) or not math.isfinite(b):
                raise InputError(f"budget {b!r} is not a number [亿元].")
            if b < 0:
                raise InputError(f"budget {b:g} 亿元 is negative; give 0 or more.")
            object.__setattr__(self, "budget", float(b))
        object.__setattr__(self, "indicators", _codes(self.indicators, "indicator"))
        object.__setattr__(self, "units", _codes(self.units, "unit", allow_empty=True))
        if not self.indicators:
            raise InputError("give at least one indicator, e.g. --indicators gdp.")
        if self.levers is not None:
            object.__setattr__(self, "levers", _codes(self.levers, "lever", allow_empty=True))
        for name, low, high in (("n_draws", 10, 100_000), ("check_draws", 100, 1_000_000)):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
                raise InputError(f"{name} {v!r} must be a whole number from {low} to {high:,}.")
        if isinstance(self.max_rounds, bool) or not 1 <= int(self.max_rounds) <= 50:
            raise InputError(f"max_rounds {self.max_rounds!r} must be from 1 to 50.")
        if self.tolerance is not None and not 0 <= float(self.tolerance) < 1:
            raise InputError(f"tolerance {self.tolerance!r} must be from 0 to 1.")
        if not self.time_limit > 0:
            raise InputError(f"time_limit {self.time_limit!r} must be positive [s].")

    @property
    def mode(self) -> str:
        """``min_cost`` (no budget) or ``max_probability`` (a budget)."""
        return "min_cost" if self.budget is None else "max_probability"

    @property
    def accepted_shortfall(self) -> float:
        """Shortfall of the re-checked probability accepted [0-1] (see ``tolerance``)."""
        if self.tolerance is not None:
            return float(self.tolerance)
        p = self.target_probability
        return math.sqrt(p * (1 - p) / self.check_draws)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for ``report.json``)."""
        return {
            "target_probability": self.target_probability,
            "budget": self.budget,
            "indicators": list(self.indicators),
            "units": list(self.units),
            "joint": self.joint,
            "n_draws": self.n_draws,
            "check_draws": self.check_draws,
            "levers": None if self.levers is None else list(self.levers),
            "projects": self.projects,
            "tolerance": self.accepted_shortfall,
            "max_rounds": self.max_rounds,
            "time_limit": self.time_limit,
            "mip_rel_gap": self.mip_rel_gap,
        }


def _codes(value: Any, what: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    """A tuple of codes from a tuple, list or comma-separated text (duplicates removed)."""
    if value is None:
        return ()
    items: Sequence[Any] = value.split(",") if isinstance(value, str) else list(value)
    out: list[str] = []
    for v in items:
        code = str(v).strip()
        if not code:
            continue
        if code not in out:
            out.append(code)
    if not out and not allow_empty:
        raise InputError(f"give at least one {what}.")
    return tuple(out)


__all__ = [
    "DEFAULT_CHECK_DRAWS",
    "DEFAULT_INDICATORS",
    "DEFAULT_MAX_ROUNDS",
    "DEFAULT_SAA_DRAWS",
    "PackageProblem",
]
