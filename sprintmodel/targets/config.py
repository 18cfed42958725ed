"""Settings of the next-year targets: options, trend, carry-over, allocation, milestones.

Plain data with every default documented as a source or an assumption, so that a planner (or a
reviewer) can see where each number comes from and change it. ``TargetConfig()`` prints as code
that can be pasted back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Literal

from sprintmodel.scenario.ramps import DACHAN_DISCOUNT

AllocationWeights = Literal["level", "uncertainty"]

DEFAULT_OPTIONS: dict[str, float] = {"cautious": 0.8, "baseline": 0.5, "ambitious": 0.3}
"""Statistical options and the probability of meeting each [0-1]: a target met four years in
five, an even bet, and a stretch met about one year in three. Assumption: the usual reading of
保底 (floor: "must not miss"), 力争 (strive: "expected") and 奋斗 (aspire: "a push")."""

DEFAULT_TIERS: dict[str, str] = {"floor": "cautious", "strive": "baseline", "aspire": "ambitious"}
"""Planners' tiers (保底, 力争, 奋斗) and the option each is mapped to."""


@dataclass(frozen=True)
class TargetConfig:
    """Settings of :func:`~sprintmodel.targets.draft_targets` (every default an assumption).

    Attributes
    ----------
    options
        Option name → probability of meeting it [0-1] (:data:`DEFAULT_OPTIONS`). Each option's
        target growth is the ``1 - p`` quantile of the next-year growth draws, rounded to
        ``step_pp``.
    tiers
        Tier (``floor``, ``strive``, ``aspire``) → option (:data:`DEFAULT_TIERS`).
    step_pp
        Rounding of target growth [pp]. Source: targets in Chinese government work reports are
        set in steps of 0.5 pp ("增长5.5%左右"); 0 keeps the exact quantile.
    carry_weight
        Share of the change in the carry-over (翘尾) that passes into next year's growth, ``κ``
        [1]. Assumption: 0.5. With a random walk in levels the whole change would pass (κ = 1);
        with purely transitory fourth-quarter noise none would (κ = 0). Backtests of both
        bundled data sets favour 0.5 over 0 and 1 (``docs/targets.md``); it was not fitted to
        either.
    min_history
        Fewest published annual growth rates for the unit's own trend model [years].
        Assumption: 3 (two standardised innovations after the diffuse first year; with ``q``
        set, nothing else is estimated); shorter histories use the mean of what is known with
        the indicator's pooled spread. It was 5 while ``q`` was estimated, which left the
        example city's drafts of 2018-2020 to the mean of the last three years, behind a
        falling trend (``docs/targets.md``).
    level_ratio
        Signal-to-noise ratio ``q`` of the local-level trend [1]; None estimates it by pooled
        maximum likelihood within ``level_ratio_bounds``. Assumption: 1 (equal level and
        noise variance, smoothing gain 0.62: this year's growth counts 62%). The estimate piles
        up at the bounds on ten annual growth rates (Shephard and Harvey 1990; see
        :mod:`~sprintmodel.targets.trend`); national GDP's hit rates barely move between
        ``q`` = 0.2, 1 and 5 (``docs/targets.md``), so 1 was not fitted to the city.
    level_ratio_bounds
        Range of ``q`` searched when it is estimated [1]. Assumption: 1e-3 (a fixed mean) to
        1e3 (a random walk).
    season_years
        Years whose median share of the year by each period gives the seasonal pattern of
        milestones and of the Q1 growth implied [years], this year included (its published
        periods on the projected full year). Assumption: 5 (the median of five years ignores one
        abnormal year such as 2020).
    potential_weight
        Weight ``α`` of a unit's next-year median growth (its potential) against its recent
        performance (mean growth of this year's projection and the two years before) in the
        allocation's reference growth [0-1]. Assumption: 0.5.
    band_pp
        Default allocation bounds: each unit's growth within ``± band_pp`` of its reference
        growth [pp]. Assumption: 3 pp; a planner sets per-unit bounds instead.
    allocation_weights
        ``"level"``: the city's gap to the units' reference growth is shared as the same number
        of points by every unit not at a bound; ``"uncertainty"``: in proportion to the
        variance of each unit's next-year growth (volatile units take more).
    slip_months
        Slip [months] against which the investment plan measures each project's timing risk.
        Assumption: 3, one quarter (the issue's "3-month slip").
    first_year_load
        达产达效 discount: share of design output a new plant reaches in its first twelve months
        of production, on top of the project model's linear ramp to capacity [0-1].
        Default :data:`sprintmodel.scenario.ramps.DACHAN_DISCOUNT` (0.7, the one home of the
        达产达效 discount, shared with the enterprise ramps). Feasibility studies set a production load below 100% for the
        commissioning years before the 达产年 (投产期生产负荷, as in 《建设项目经济评价方法与参数》
        第三版, 国家发展改革委、建设部 2006), commonly 60-80% in the first year; 0.7 is the
        middle of that range, not a statistic. Without it new production added its full design
        value added after a 6-month ramp (+4.8 pp to the example city's 规上工业 next year).
        Set 1 to switch it off, or the register's own 达产 plans where known.
    at_risk_top
        Projects flagged as putting the target most at risk [count]. Assumption: 10.
    bootstrap_bandwidth
        Standard deviation of the Gaussian jitter added to resampled standardised innovations,
        relative to their spread [1]; ``None`` uses Silverman's rule ``1.06 n^(-1/5)``.
        Assumption: 0.1, enough to break ties between resampled years. Silverman's rule (about
        0.4 here) is meant for a smooth one-humped density; the innovations are calm years
        plus a few shocks, and its jitter widened the calm years' draws so that in 2023-2025
        nearly every 70% target and almost no 30% target was met (example city).
    sources
        Where each default comes from (shown in the notes of the workbook).
    """

    options: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_OPTIONS))
    tiers: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_TIERS))
    step_pp: float = 0.5
    carry_weight: float = 0.5
    min_history: int = 3
    level_ratio: float | None = 1.0
    level_ratio_bounds: tuple[float, float] = (1e-3, 1e3)
    season_years: int = 5
    potential_weight: float = 0.5
    band_pp: float = 3.0
    allocation_weights: AllocationWeights = "level"
    slip_months: int = 3
    first_year_load: float = DACHAN_DISCOUNT
    at_risk_top: int = 10
    bootstrap_bandwidth: float | None = 0.1
    sources: Mapping[str, str] = field(
        default_factory=lambda: {
            "options": "assumption: P(meet) 0.8 / 0.5 / 0.3 for 保底 / 力争 / 奋斗",
            "step_pp": "targets are published in steps of 0.5 pp",
            "carry_weight": "assumption: half of the change in carry-over persists; "
            "backtests of both bundled data sets favour 0.5 over 0 and 1",
            "trend": "local-level model (statsmodels UnobservedComponents) on annual growth, "
            "signal-to-noise ratio 1 (assumption; the pooled maximum likelihood piles up at "
            "its bounds on ten annual growth rates)",
            "season_years": "assumption: median share of the last 5 years (this year included)",
            "band_pp": "assumption: ±3 pp around each unit's reference growth",
            "slip_months": "assumption: a one-quarter slip",
            "first_year_load": "assumption: 70% of design output in the first 12 months of "
            "production (达产达效 discount; feasibility studies' first-year production load, "
            "commonly 60-80%, 《建设项目经济评价方法与参数》第三版 2006 practice)",
            "project_model": "S-curves, entry threshold, output ramps and delays of the "
            "scenario package's ProjectModel (levers.yaml of the data folder)",
        }
    )

    def __post_init__(self) -> None:
        for name, p in self.options.items():
            if not 0.0 < float(p) < 1.0:
                raise ValueError(f"option {name!r}: probability must be in (0, 1), not {p}")
        for tier, opt in self.tiers.items():
            if opt not in self.options:
                raise ValueError(f"tier {tier!r} maps to unknown option {opt!r}")
        if self.step_pp < 0:
            raise ValueError("step_pp must be >= 0")
        if not 0.0 < self.first_year_load <= 1.0:
            raise ValueError("first_year_load must be in (0, 1]")
        if not 0.0 <= self.carry_weight <= 1.5:
            raise ValueError("carry_weight must be within [0, 1.5]")
        if self.min_history < 3:
            raise ValueError("min_history must be >= 3")
        if self.season_years < 1:
            raise ValueError("season_years must be >= 1")
        if not 0.0 <= self.potential_weight <= 1.0:
            raise ValueError("potential_weight must be within [0, 1]")
        if self.band_pp < 0:
            raise ValueError("band_pp must be >= 0")
        if self.allocation_weights not in ("level", "uncertainty"):
            raise ValueError("allocation_weights must be 'level' or 'uncertainty'")
        if self.slip_months < 1 or self.at_risk_top < 0:
            raise ValueError("slip_months must be >= 1 and at_risk_top >= 0")
        if self.level_ratio is not None and not self.level_ratio > 0:
            raise ValueError("level_ratio must be > 0 (or None to estimate it)")
        lo, hi = self.level_ratio_bounds
        if not 0 < lo < hi:
            raise ValueError("level_ratio_bounds must be 0 < low < high")

    def key(self) -> str:
        """A stable text form (for caches and run records)."""
        return repr(sorted(asdict(self).items()))


__all__ = [
    "DEFAULT_OPTIONS",
    "DEFAULT_TIERS",
    "AllocationWeights",
    "TargetConfig",
]
