"""Next year's targets from this year's sprint: options with odds, allocation, milestones, plan.

:func:`draft_targets` is the orchestrator: this year's full-year draws (the baseline forecast or
a scenario's) → next year's growth draws of every unit (:mod:`~sprintmodel.targets.nextyear`) →
target options with their probabilities and tiers (:mod:`~sprintmodel.targets.options`) → the
city's chosen target allocated to districts (:mod:`~sprintmodel.targets.allocation`) →
time-progress milestones and the 双过半 check (:mod:`~sprintmodel.targets.milestones`) → the
register's investment plan and the projects most at risk (:mod:`~sprintmodel.targets.projects`).
Everything lands in one immutable :class:`~sprintmodel.targets.result.TargetsResult`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.data.model import sort_in_data_order
from sprintmodel.errors import InputError
from sprintmodel.forecast.draws import Draws
from sprintmodel.periods import Period, parse_period
from sprintmodel.targets.allocation import Allocation, solve_allocation
from sprintmodel.targets.config import TargetConfig
from sprintmodel.targets.milestones import (
    double_half,
    milestone_path,
    seasonal_shares,
    this_year_path,
)
from sprintmodel.targets.nextyear import NextYearDraws, next_year_draws
from sprintmodel.targets.options import probability_of_meeting, statistical_options
from sprintmodel.targets.projects import (
    ProjectAmounts,
    investment_plan,
    plan_by,
    project_amounts,
)
from sprintmodel.targets.result import (
    ALLOCATION_COLUMNS,
    DOUBLE_HALF_COLUMNS,
    MILESTONE_COLUMNS,
    OPTION_COLUMNS,
    TargetsResult,
)
from sprintmodel.words.options import OPTION_NAMES

DEFAULT_DRAWS = 2000
"""Simulation draws [count] (as the forecast's default)."""

PROVINCE_FILE = "province_targets"
"""Optional file of a data folder (``province_targets.csv`` or ``.xlsx``) with the province's
targets: columns ``indicator, year, target_growth`` [%]."""


def _seed(rng: int | np.random.Generator | None) -> tuple[int, np.random.Generator | None]:
    if rng is None:
        return 0, None
    if isinstance(rng, np.random.Generator):
        return int(rng.integers(0, 2**31 - 1)), rng
    if isinstance(rng, int | np.integer):
        return int(rng), None
    raise InputError(f"rng must be an integer seed or a numpy Generator, not {type(rng).__name__}")


def read_province_targets(folder: str | Path, year: int) -> dict[str, float]:
    """The province's target growth by indicator for ``year`` from the optional file.

    Reads ``province_targets.csv`` (UTF-8, or GB18030) or ``province_targets.xlsx`` of
    ``folder``; returns an empty mapping when neither exists.
    """
    folder = Path(folder)
    csv, xlsx = folder / f"{PROVINCE_FILE}.csv", folder / f"{PROVINCE_FILE}.xlsx"
    if csv.exists():
        try:
            frame = pd.read_csv(csv, encoding="utf-8-sig")
        except UnicodeDecodeError:
            frame = pd.read_csv(csv, encoding="gb18030")
        where = csv
    elif xlsx.exists():
        frame = pd.read_excel(xlsx)
        where = xlsx
    else:
        return {}
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in ("indicator", "year", "target_growth") if c not in frame.columns]
    if missing:
        raise InputError(
            f"{where}: missing column(s) {', '.join(missing)}; the file needs indicator, year, "
            "target_growth (percent)"
        )
    out: dict[str, float] = {}
    for i, row in frame.iterrows():
        try:
            y = int(row["year"])
            g = float(row["target_growth"])
        except (TypeError, ValueError):
            raise InputError(
                f"{where}, row {int(str(i)) + 2}: year and target_growth must be numbers"
            ) from None
        if y == year and np.isfinite(g):
            out[str(row["indicator"]).strip()] = g
    return out


def _scenario_draws(
    dataset: DataSet, scenario: Any, n_draws: int | None, seed: int | None
) -> tuple[Draws, Any, str, Any]:
    """Draws, resolved shifts, a label and the project model of a scenario (path, spec, result)."""
    from sprintmodel.scenario import ScenarioResult, ScenarioSpec, evaluate_file

    if isinstance(scenario, str | Path):
        scenario = ScenarioSpec.from_yaml(scenario)
    if isinstance(scenario, ScenarioSpec):
        spec = scenario
        if n_draws is not None or seed is not None:
            spec = spec.replace(
                draws=n_draws if n_draws is not None else spec.draws,
                seed=seed if seed is not None else spec.seed,
            )
        scenario = evaluate_file(dataset, spec)
    if not isinstance(scenario, ScenarioResult):
        raise InputError(
            "scenario must be a scenario file, a ScenarioSpec or a ScenarioResult, not "
            f"{type(scenario).__name__}"
        )
    resolved = scenario.engine.resolve(scenario.spec, strict=False)
    model = scenario.engine.levers.project_model
    return scenario.to_draws(), resolved, f"scenario {scenario.spec.name}", model


def _resolve_as_of(dataset: DataSet, year: int | None, as_of: str | Period | None) -> Period:
    if as_of is not None:
        p = parse_period(as_of)
        latest = dataset.latest_period
        if p.year * 12 + p.month > latest.year * 12 + latest.month:
            raise InputError(f"--as-of {p} is after the data's latest period {latest}")
    else:
        p = dataset.latest_period
        if year is not None and p.year >= year:
            raise InputError(
                f"targets for {year} are drafted from {year - 1}'s data, but the data run to "
                f"{p}. Fix: give --as-of {year - 1}Q3 (to draft as in October {year - 1}) or "
                f"--year {p.year + 1}"
            )
    if year is not None and p.year != year - 1:
        raise InputError(
            f"targets for {year} are drafted from {year - 1}'s data, but the as-of period is "
            f"{p}. Fix: --as-of {year - 1}Q3 or --year {p.year + 1}"
        )
    return p


def _bounds_for(
    bounds: Mapping[str, tuple[float | None, float | None]] | None, indicator: str, unit: str
) -> tuple[float | None, float | None]:
    if not bounds:
        return (None, None)
    lo, hi = bounds.get(unit, (None, None))
    lo2, hi2 = bounds.get(f"{indicator}/{unit}", (None, None))
    return (lo2 if lo2 is not None else lo, hi2 if hi2 is not None else hi)


class _Season:
    """Seasonal pattern and this year's year to date of one unit × indicator.

    The pattern is :func:`seasonal_shares` over the last ``n_years`` years, this year included
    (its shares on the projected full year, for the periods published).
    """

    def __init__(
        self,
        data: DataSet,
        code: str,
        unit: str,
        year: int,
        k_now: int,
        n_years: int,
        full_year: float,
    ) -> None:
        try:
            freq = data.frequency(unit, code)
        except KeyError:
            freq = "Q"
        self.freq = freq
        panel = data.panel(code, freq, units=[unit], years=list(range(year - 15, year + 1)))
        rows = panel.ytd_value[0].copy()
        self.ytd = rows[-1].copy()
        current = np.full(panel.steps, np.nan)
        current[: k_now + 1] = self.ytd[: k_now + 1]
        current[-1] = full_year
        rows[-1] = current
        self.shares = seasonal_shares(rows, n_years)
        self.k_now = k_now
        self.steps = panel.steps

    def path(self, full_year: float) -> np.ndarray:
        """This year's year to date by period, filled after the data (:func:`this_year_path`)."""
        return this_year_path(self.ytd, full_year, self.shares, self.k_now)

    def known(self) -> bool:
        """At least two periods of the pattern are known."""
        return bool(np.isfinite(self.shares).sum() >= 2)


def draft_targets(
    dataset: DataSet,
    year: int | None = None,
    *,
    as_of: str | Period | None = None,
    scenario: Any = None,
    draws: Draws | None = None,
    province_growth: Mapping[str, float] | None = None,
    option: str = "baseline",
    city_targets: Mapping[str, float] | None = None,
    bounds: Mapping[str, tuple[float | None, float | None]] | None = None,
    towns: bool = False,
    projects: bool = True,
    indicators: Sequence[str] | None = None,
    n_draws: int | None = None,
    rng: int | np.random.Generator | None = None,
    config: TargetConfig | None = None,
) -> TargetsResult:
    """Draft next year's targets: options with odds, allocation, milestones, investment plan.

    Parameters
    ----------
    dataset
        A loaded data folder.
    year
        The target year (default: the as-of period's year + 1).
    as_of
        Period of this year's data (default: the latest period; it must lie in ``year - 1``).
        With a scenario, the scenario's ``as_of`` is used.
    scenario
        A scenario file, :class:`~sprintmodel.scenario.ScenarioSpec` or
        :class:`~sprintmodel.scenario.ScenarioResult`: this year's full year and the project
        schedules come from it (default: the baseline forecast).
    draws
        This year's full-year draws to use instead (e.g. ``forecast(...).draws``).
    province_growth
        The province's target growth by indicator [%] (the "at least the province's" option);
        default: the folder's ``province_targets.csv`` if any.
    option
        The option whose city target is allocated and given milestones (``baseline`` by
        default; any option name of the result).
    city_targets
        Explicit city target growth by indicator [%], overriding ``option``.
    bounds
        Allocation bounds on units' target growth [%]: ``{"SLQ": (4.0, 7.0)}`` for every
        indicator, ``{"gdp/SLQ": (4.5, None)}`` for one; None keeps the default side
        (reference ± ``config.band_pp``).
    towns
        Also allocate each county's target among its towns.
    projects
        Use the project register (delays, production starts, investment plan).
    indicators
        Indicator codes (default: all).
    n_draws
        Simulation draws [count] (default 2000, or the scenario's).
    rng
        Seed or ``numpy.random.Generator`` (default seed 0); the same seed gives the same
        numbers.
    config
        Settings (:class:`~sprintmodel.targets.config.TargetConfig`).

    Returns
    -------
    TargetsResult

    Raises
    ------
    InputError
        An as-of period outside ``year - 1``, an unknown indicator or option, bounds that cannot
        add up to the city's target, a bad scenario.

    Examples
    --------
    >>> import sprintmodel as sm
    >>> res = sm.draft_targets(sm.example_city(), 2027, n_draws=200)  # doctest: +SKIP
    >>> res.options  # doctest: +SKIP
    """
    cfg = config or TargetConfig()
    seed, gen = _seed(rng)
    if n_draws is not None and n_draws < 10:
        raise InputError(f"n_draws must be at least 10, not {n_draws}")
    resolved = None
    model = None
    if scenario is not None:
        this, resolved, source, model = _scenario_draws(
            dataset, scenario, n_draws, seed if rng is not None else None
        )
        p = _resolve_as_of(dataset, year, this.as_of)
    elif draws is not None:
        this, source = draws, "draws given"
        p = _resolve_as_of(dataset, year, draws.as_of)
    else:
        from sprintmodel.forecast import forecast

        p = _resolve_as_of(dataset, year, as_of)
        this = forecast(
            dataset, p, n_draws=n_draws or DEFAULT_DRAWS, rng=gen if gen is not None else seed
        ).draws
        source = "baseline forecast"
    year = p.year + 1
    codes = list(indicators) if indicators is not None else list(this)
    for c in codes:
        if c not in this:
            raise InputError(f"unknown indicator {c!r}; the data have {', '.join(this)}")
    n = next(iter(this.values())).n_draws if len(this) else 0
    streams = np.random.default_rng([seed, 2027_06]).spawn(2) if gen is None else gen.spawn(2)
    notes: list[str] = [
        f"this year's full year from the {source} as of {p}, {n} draws, seed {seed}"
    ]
    amounts: ProjectAmounts | None = None
    if projects and len(dataset.projects):
        if model is None:
            from sprintmodel.scenario import levers_for_folder

            model = levers_for_folder(dataset.folder).project_model
        as_of_month = p.year * 12 + p.month - 1
        amounts = project_amounts(
            dataset,
            as_of_month,
            model,
            n,
            streams[1],
            shift=None if resolved is None else resolved.shift,
            entry_offset=None if resolved is None else resolved.entry_offset,
            production_offset=None if resolved is None else resolved.production_offset,
            slip_months=cfg.slip_months,
        )
    nxt = next_year_draws(
        dataset, this, config=cfg, rng=streams[0], amounts=amounts, indicators=codes
    )
    province = dict(province_growth) if province_growth is not None else None
    if province is None:
        province = read_province_targets(dataset.folder, year)
        if province:
            notes.append(f"province targets from {PROVINCE_FILE}.csv: {province}")
    for c in province:
        if c not in dataset.indicators:
            raise InputError(
                f"province growth for unknown indicator {c!r}; the data have "
                f"{', '.join(dataset.indicators)}"
            )
    if not province:
        notes.append(
            "no province targets given (--province-growth or province_targets.csv): the option "
            "'at least the province's' is skipped"
        )
    data = dataset.until(p)
    seasons: dict[tuple[str, str], _Season] = {}

    def season(code: str, unit: str) -> _Season:
        key = (code, unit)
        if key not in seasons:
            ny = nxt[code]
            k_now = ny.this_year.periods[ny.index(unit)].index - 1
            seasons[key] = _Season(
                data, code, unit, p.year, k_now, cfg.season_years, base_value(code, unit)
            )
        return seasons[key]

    def base_value(code: str, unit: str) -> float:
        ny = nxt[code]
        i = ny.index(unit)
        d = ny.this_year
        if not ny.has_level[i]:
            return float("nan")
        return float(d.point_level[i] * d.price_ratio()[i])

    def q1_growth(code: str, unit: str, growth: float) -> float:
        s = season(code, unit)
        f = base_value(code, unit)
        if not s.known() or not np.isfinite(f):
            return float(growth)
        k = 0 if s.freq == "Q" else 2
        _, g = milestone_path(f * (1 + growth / 100.0), s.shares, s.path(f))
        return float(g[k])

    # ------------------------------------------------------------------ options
    rows: list[dict[str, Any]] = []
    root = dataset.root
    tier_of = {opt: tier for tier, opt in cfg.tiers.items()}
    for code in codes:
        ny = nxt[code]
        for i, unit in enumerate(ny.units):
            col = ny.growth[:, i]
            if not np.isfinite(col).any():
                continue
            f = base_value(code, unit)
            ceiling = ny.indicator.ceiling
            opts = statistical_options(col, cfg.options, cfg.step_pp, ceiling=ceiling)
            extra: list[dict[str, Any]] = []
            if unit == root and code in province:
                g = float(province[code])
                extra.append(
                    {
                        "option": "province",
                        "p_design": np.nan,
                        "quantile_growth": np.nan,
                        "target_growth": g,
                        "probability": float(probability_of_meeting(col, g, ceiling=ceiling)),
                    }
                )
            tg, tv = dataset.target(unit, code, p.year)
            if np.isfinite(tg) or (np.isfinite(tv) and np.isfinite(f) and f > 0):
                g = float(tg) if np.isfinite(tg) else 100.0 * (tv / f - 1.0)
                extra.append(
                    {
                        "option": "this_year",
                        "p_design": np.nan,
                        "quantile_growth": np.nan,
                        "target_growth": g,
                        "probability": float(probability_of_meeting(col, g, ceiling=ceiling)),
                        "note": "this year's growth target"
                        if np.isfinite(tg)
                        else f"this year's level target {tv:g} kept",
                    }
                )
            for o in [*opts, *extra]:
                g = float(o["target_growth"])
                value = f * (1.0 + g / 100.0) if np.isfinite(f) else np.nan
                if o["option"] == "this_year" and not np.isfinite(tg) and np.isfinite(tv):
                    value = float(tv)
                rows.append(
                    {
                        "unit": unit,
                        "indicator": code,
                        "option": o["option"],
                        "target_growth": g,
                        "target_value": value,
                        "probability": o["probability"],
                        "tier": tier_of.get(str(o["option"]), ""),
                        "p_design": o["p_design"],
                        "quantile_growth": o["quantile_growth"],
                        "q1_growth": q1_growth(code, unit, g),
                        "this_year_value": f,
                        "this_year_growth": float(np.nanmedian(ny.this_growth[:, i])),
                        "measure_unit": ny.indicator.measure,
                        "note": o.get("note", ""),
                    }
                )
    unit_options = pd.DataFrame(rows, columns=["unit", *OPTION_COLUMNS])
    options = unit_options[unit_options.unit == root].drop(columns="unit").reset_index(drop=True)

    def option_growth(code: str, unit: str, name: str) -> float:
        hit = unit_options[
            (unit_options.unit == unit)
            & (unit_options.indicator == code)
            & (unit_options.option == name)
        ]
        return float(hit.target_growth.iloc[0]) if len(hit) else float("nan")

    known_opts = set(unit_options.option)
    if option not in known_opts and option not in OPTION_NAMES and option not in cfg.options:
        raise InputError(
            f"unknown option {option!r}; choose one of {', '.join(sorted(known_opts))}"
        )
    chosen: dict[str, float] = {}
    for code in codes:
        if city_targets and code in city_targets:
            chosen[code] = float(city_targets[code])
            continue
        g = option_growth(code, root, option)
        if not np.isfinite(g):
            g = option_growth(code, root, "baseline")
            if np.isfinite(g) and option != "baseline":
                notes.append(f"{code}: option {option!r} not available; the baseline is allocated")
        if np.isfinite(g):
            chosen[code] = g
    for c in city_targets or {}:
        if c not in dataset.indicators:
            raise InputError(f"city target for unknown indicator {c!r}")

    # ------------------------------------------------------------------ allocation
    alloc_rows: list[dict[str, Any]] = []
    allocations: dict[str, list[Allocation]] = {}
    targets: dict[tuple[str, str], tuple[float, float]] = {}  # (code, unit) -> (growth, value)

    def allocate(code: str, parent: str, growth: float, kind: str) -> None:
        ny = nxt[code]
        pi = ny.index(parent)
        kids = [
            u
            for j, u in enumerate(ny.units)
            if ny.parent[j] == pi and ny.has_level[j] and np.isfinite(ny.growth[:, j]).all()
        ]
        if not kids:
            return
        fb = np.array([base_value(code, u) for u in kids])
        if not np.all(np.isfinite(fb) & (fb > 0)):
            notes.append(f"{code}: {parent}'s units without a positive level; not allocated")
            return
        idx = [ny.index(u) for u in kids]
        med = np.nanmedian(ny.growth[:, idx], axis=0)
        hist = [_recent_growth(ny, u) for u in kids]
        recent = np.array(
            [np.nanmean(h) if np.isfinite(h).any() else m for h, m in zip(hist, med, strict=True)]
        )
        ref = cfg.potential_weight * med + (1.0 - cfg.potential_weight) * recent
        lo = ref - cfg.band_pp
        hi = ref + cfg.band_pp
        soft_lo = np.ones(len(kids), dtype=bool)
        soft_hi = np.ones(len(kids), dtype=bool)
        for j, u in enumerate(kids):
            blo, bhi = _bounds_for(bounds, code, u)
            lo[j] = blo if blo is not None else lo[j]
            hi[j] = bhi if bhi is not None else hi[j]
            soft_lo[j], soft_hi[j] = blo is None, bhi is None
        var = np.var(ny.growth[:, idx], axis=0) if cfg.allocation_weights == "uncertainty" else None
        a = solve_allocation(
            growth,
            fb,
            ref,
            lo,
            hi,
            variance=var,
            units=kids,
            parent=parent,
            indicator=code,
            parent_base=base_value(code, parent),
            soft_lower=soft_lo,
            soft_upper=soft_hi,
        )
        allocations.setdefault(code, []).append(a)
        widen_note = ""
        if a.widened_pp > 0:
            side = a.widened_side
            reach = float(np.sum(fb * (hi if side == "upper" else lo)) / fb.sum())
            widen_note = (
                f"{side} bound widened by {a.widened_pp:.2f} pp (default ±{cfg.band_pp:g} pp "
                "around the reference) to make the target feasible"
            )
            notes.append(
                f"{code}: {parent}'s target {growth:.2f}% cannot be allocated within the default "
                f"bounds (reference ± {cfg.band_pp:g} pp; at their {side} bounds the units reach "
                f"{reach:.2f}%): the {side} bounds of {', '.join(a.widened_units)} were widened "
                f"by {a.widened_pp:.2f} pp, the least that makes it feasible (give --bound to set "
                "them yourself)"
            )
        frame = a.to_frame()
        for j, r in frame.iterrows():
            u = str(r["unit"])
            targets[(code, u)] = (float(r["target_growth"]), float(r["target_value"]))
            alloc_rows.append(
                {
                    **r.to_dict(),
                    "level": kind,
                    "probability": float(ny.probability(u, float(r["target_growth"]))),
                    "in_sum": True,
                    "note": widen_note if u in a.widened_units else "",
                }
            )
            del j

    for code in codes:
        if code not in chosen:
            continue
        ny = nxt[code]
        g = chosen[code]
        f_root = base_value(code, root) if root in ny.units else float("nan")
        if root not in ny.units:
            continue
        targets[(code, root)] = (g, f_root * (1 + g / 100.0) if np.isfinite(f_root) else np.nan)
        alloc_rows.append(
            {
                "unit": root,
                "indicator": code,
                "parent": "",
                "target_value": targets[(code, root)][1],
                "target_growth": g,
                "this_year_value": f_root,
                "reference_growth": np.nan,
                "shift_pp": np.nan,
                "lower": np.nan,
                "upper": np.nan,
                "binding": "",
                "bound_multiplier": np.nan,
                "level": "city",
                "probability": float(ny.probability(root, g)),
                "in_sum": False,
                "note": f"option {option}"
                if not (city_targets and code in city_targets)
                else "given",
            }
        )
        additive = ny.indicator.additive and ny.has_level[ny.index(root)]
        if not additive:
            notes.append(
                f"{code}: not allocated ({'not additive' if not ny.indicator.additive else 'the city has no published levels'}); units keep their baseline option"
            )
        else:
            allocate(code, root, g, "unit")
            if towns:
                for a in list(allocations.get(code, [])):
                    for u, gu in zip(a.units, a.growth, strict=True):
                        allocate(code, u, float(gu), "town")
        # Units not allocated (parks, towns when not asked, non-additive): their baseline.
        for i, u in enumerate(ny.units):
            if (code, u) in targets or not np.isfinite(ny.growth[:, i]).any():
                continue
            gb = option_growth(code, u, "baseline")
            if not np.isfinite(gb):
                continue
            fu = base_value(code, u)
            targets[(code, u)] = (gb, fu * (1 + gb / 100.0) if np.isfinite(fu) else np.nan)
            info = dataset.units[u]
            kind = "park" if not info.rollup else "town" if info.kind == "town" else "unit"
            alloc_rows.append(
                {
                    "unit": u,
                    "indicator": code,
                    "parent": info.parent or "",
                    "target_value": targets[(code, u)][1],
                    "target_growth": gb,
                    "this_year_value": fu,
                    "reference_growth": np.nan,
                    "shift_pp": np.nan,
                    "lower": np.nan,
                    "upper": np.nan,
                    "binding": "",
                    "bound_multiplier": np.nan,
                    "level": kind,
                    "probability": float(ny.probability(u, gb)),
                    "in_sum": False,
                    "note": "own baseline option (overlaps other units; not in the sum)"
                    if kind == "park"
                    else "own baseline option (not allocated)",
                }
            )
    allocation = pd.DataFrame(alloc_rows, columns=ALLOCATION_COLUMNS)

    # ------------------------------------------------------------------ milestones
    m_rows: list[dict[str, Any]] = []
    dh_rows: list[dict[str, Any]] = []
    for (code, unit), (g, value) in targets.items():
        s = season(code, unit)
        f = base_value(code, unit)
        steps = s.steps
        k_h1 = steps // 2 - 1
        if s.known() and np.isfinite(f):
            base_path = s.path(f)
            vals, grow = milestone_path(value, s.shares, base_path)
            note = ""
        else:
            base_path = np.full(steps, np.nan)
            vals = np.full(steps, np.nan)
            grow = np.full(steps, g)
            note = "no seasonal pattern (levels not published): growth milestones = annual target"
        for k in range(steps):
            if s.known() and not np.isfinite(s.shares[k]):
                continue
            per = Period(year, k + 1, s.freq)
            m_rows.append(
                {
                    "unit": unit,
                    "indicator": code,
                    "period": str(per),
                    "ytd_value": vals[k],
                    "ytd_growth": grow[k],
                    "completion_pct": 100.0 * s.shares[k] if s.known() else np.nan,
                    "elapsed_pct": 100.0 * (k + 1) / steps,
                    "this_year_ytd": base_path[k],
                    "target_growth": g,
                    "target_value": value,
                    "note": note,
                }
            )
        if s.known() and np.isfinite(f) and np.isfinite(s.shares[k_h1]):
            dh = double_half(value, g, float(s.shares[k_h1]), float(base_path[k_h1]))
            dh_rows.append(
                {"unit": unit, "indicator": code, "target_growth": g, "target_value": value, **dh}
            )

    def sort(frame: pd.DataFrame) -> pd.DataFrame:
        if frame.empty:
            return frame
        return sort_in_data_order(frame, dataset.hierarchy, dataset.indicators)

    milestones = sort(pd.DataFrame(m_rows, columns=MILESTONE_COLUMNS))
    double = sort(pd.DataFrame(dh_rows, columns=DOUBLE_HALF_COLUMNS))
    allocation = sort(allocation)
    unit_options = sort(unit_options)

    # ------------------------------------------------------------------ investment plan
    plan = pd.DataFrame()
    if amounts is not None:
        codes_p = amounts.indicators

        def city_base(key: str) -> float:
            c = codes_p.get(key, "")
            return base_value(c, root) if c in nxt and root in nxt[c].units else float("nan")

        plan = investment_plan(
            dataset,
            amounts,
            year,
            fai_base=city_base("investment"),
            gdp_base=city_base("gdp"),
            top=cfg.at_risk_top,
        )
        inv = codes_p.get("investment", "")
        if (inv, root) in targets:
            t_level = targets[(inv, root)][1]
            total = float(plan.plan_next_year.sum())
            if np.isfinite(t_level) and t_level > 0:
                notes.append(
                    f"the register's planned investment next year, {total:.1f}, is "
                    f"{100 * total / t_level:.1f}% of the city's {inv} target level "
                    f"{t_level:.1f}; the rest must come from projects not yet registered and "
                    "from investment outside the register"
                )
    elif projects:
        notes.append("no project register (projects.csv): no investment plan")
    components = pd.concat([ny.components() for ny in nxt.values()], ignore_index=True)
    return TargetsResult(
        dataset=dataset,
        year=year,
        as_of=p,
        source=source,
        option=option,
        config=cfg,
        next_year=nxt,
        options=options,
        unit_options=unit_options,
        allocation=allocation,
        allocations=allocations,
        milestones=milestones,
        double_half=double,
        investment_plan=plan,
        investment_by_unit=plan_by(plan, "unit") if len(plan) else pd.DataFrame(),
        investment_by_category=plan_by(plan, "category") if len(plan) else pd.DataFrame(),
        investment_by_park=plan_by(plan, "park") if len(plan) else pd.DataFrame(),
        components=sort(components),
        city_targets=chosen,
        province_growth=province,
        notes=tuple(notes),
        seed=seed,
        n_draws=n,
    )


def _recent_growth(ny: NextYearDraws, unit: str) -> np.ndarray:
    """The two latest published annual growth rates and this year's median [%]."""
    i = ny.index(unit)
    past = ny.trend_fit.history[i]
    past = past[np.isfinite(past)][-2:]
    return np.array([*past.tolist(), float(np.nanmedian(ny.this_growth[:, i]))])


__all__ = ["DEFAULT_DRAWS", "PROVINCE_FILE", "draft_targets", "read_province_targets"]
