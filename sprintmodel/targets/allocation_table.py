"""The city's chosen targets allocated to its units (and towns): the allocation table.

For each indicator the city's target is allocated among the units that add into it with
:func:`~sprintmodel.targets.allocation.solve_allocation` (and, when asked, each unit's target
among its towns); the reference growth of a unit is ``potential_weight`` × its median next-year
growth + the rest × its recent growth (the two latest published years and this year's median),
its default bounds the reference ± ``band_pp``. Each allocation adds a 本级 row (the parent's
level not in its units, grown at the parent's target), so the rows add up to the parent; the
rows marked ``in_sum`` add up to the city. Units not allocated (parks, towns when not asked,
indicators that do not add up) keep their own baseline option, outside the sum.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sprintmodel.notes import Note
from sprintmodel.targets.allocation import Allocation, solve_allocation
from sprintmodel.targets.base import DraftBase
from sprintmodel.targets.nextyear import NextYearDraws
from sprintmodel.targets.option_table import option_growth
from sprintmodel.targets.result import ALLOCATION_COLUMNS

Bounds = Mapping[str, tuple[float | None, float | None]]
"""Allocation bounds [%] by unit (every indicator) or ``indicator/unit``."""

RESIDUAL_UNIT = "本级"
"""The ``unit`` of the row of a parent's target not allocated to its units (its ``parent``
column names whose)."""

_NO_SOLVER = {
    "reference_growth": np.nan,
    "shift_pp": np.nan,
    "lower": np.nan,
    "upper": np.nan,
    "binding": "",
    "bound_multiplier": np.nan,
}
"""The solver's columns of a row not allocated by it."""


def allocation_row(
    unit: str,
    indicator: str,
    parent: str,
    growth: float,
    value: float,
    base: float,
    *,
    level: str,
    probability: float,
    in_sum: bool,
    note: tuple[Note, ...],
    solver: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One row of the allocation table (:data:`ALLOCATION_COLUMNS`).

    Parameters
    ----------
    unit, indicator, parent
        The unit, the indicator code and the unit whose target it shares ("" for the city).
    growth, value, base
        Target growth [%], target level and this year's level [measure].
    level
        ``city``, ``unit``, ``town``, ``park`` or ``residual`` (本级).
    probability
        P(meeting the target) [0-1].
    in_sum
        Whether the row is one of the parts adding up to the city (the city's units and its
        本级).
    note
        What the row is (the option it takes, a bound widened...), as data (``targets.*``
        notes; :meth:`TargetsResult.tables <sprintmodel.targets.result.TargetsResult.tables>`
        words them).
    solver
        The solver's columns (reference, shift, bounds, binding, multiplier); NaN/"" without.
    """
    row = {
        "unit": unit,
        "indicator": indicator,
        "parent": parent,
        "target_value": value,
        "target_growth": growth,
        "this_year_value": base,
        **(_NO_SOLVER if solver is None else {k: solver[k] for k in _NO_SOLVER}),
        "level": level,
        "probability": probability,
        "in_sum": in_sum,
        "note": note,
    }
    return row


@dataclass
class AllocationTable:
    """The allocation step's results.

    Attributes
    ----------
    rows
        Rows of the allocation table (:func:`allocation_row`), in the order made.
    allocations
        The solver's allocations by indicator (the city's among units first, then towns).
    targets
        ``(indicator, unit) → (target growth [%], target level)`` of every unit given a target.
    notes
        What was done and why (bounds widened, indicators not allocated).
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    allocations: dict[str, list[Allocation]] = field(default_factory=dict)
    targets: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)

    def frame(self) -> pd.DataFrame:
        """The rows as a table with :data:`ALLOCATION_COLUMNS`."""
        return pd.DataFrame(self.rows, columns=ALLOCATION_COLUMNS)


def _bounds_for(
    bounds: Bounds | None, indicator: str, unit: str
) -> tuple[float | None, float | None]:
    if not bounds:
        return (None, None)
    lo, hi = bounds.get(unit, (None, None))
    lo2, hi2 = bounds.get(f"{indicator}/{unit}", (None, None))
    return (lo2 if lo2 is not None else lo, hi2 if hi2 is not None else hi)


def recent_growth(ny: NextYearDraws, unit: str) -> np.ndarray:
    """The two latest published annual growth rates and this year's headline [%]."""
    i = ny.index(unit)
    past = ny.trend_fit.history[i]
    past = past[np.isfinite(past)][-2:]
    return np.array([*past.tolist(), float(ny.this_headline[i])])


def _allocate(
    base: DraftBase,
    table: AllocationTable,
    code: str,
    parent: str,
    growth: float,
    kind: str,
    bounds: Bounds | None,
) -> None:
    """Allocate ``parent``'s target ``growth`` [%] among its units; add to ``table``."""
    cfg = base.config
    ny = base.next_year[code]
    pi = ny.index(parent)
    kids = [
        u
        for j, u in enumerate(ny.units)
        if ny.parent[j] == pi and ny.has_level[j] and np.isfinite(ny.growth[:, j]).all()
    ]
    if not kids:
        return
    fb = np.array([base.value(code, u) for u in kids])
    if not np.all(np.isfinite(fb) & (fb > 0)):
        table.notes.append(Note.of("targets.no_positive_level", indicator=code, parent=parent))
        return
    idx = [ny.index(u) for u in kids]
    med = np.nanmedian(ny.growth[:, idx], axis=0)
    hist = [recent_growth(ny, u) for u in kids]
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
        parent_base=base.value(code, parent),
        soft_lower=soft_lo,
        soft_upper=soft_hi,
    )
    table.allocations.setdefault(code, []).append(a)
    widen_note: tuple[Note, ...] = ()
    if a.widened_pp > 0:
        side = a.widened_side
        reach = float(np.sum(fb * (hi if side == "upper" else lo)) / fb.sum())
        widen_note = (
            Note.of(
                "targets.allocation_widened", side=side, widened=a.widened_pp, band=cfg.band_pp
            ),
        )
        table.notes.append(
            Note.of(
                "targets.bounds_widened",
                indicator=code,
                parent=parent,
                growth=growth,
                band=cfg.band_pp,
                side=side,
                reach=reach,
                units=list(a.widened_units),
                widened=a.widened_pp,
                option="--bound",
            )
        )
    in_sum = parent == base.dataset.root
    part_of = (
        () if in_sum else (Note.of("targets.allocation_part_of", parent=parent, members=kind),)
    )
    for _, r in a.to_frame().iterrows():
        u, g, value = str(r["unit"]), float(r["target_growth"]), float(r["target_value"])
        table.targets[(code, u)] = (g, value)
        table.rows.append(
            allocation_row(
                u,
                code,
                parent,
                r["target_growth"],
                r["target_value"],
                r["this_year_value"],
                level=kind,
                probability=float(ny.probability(u, g)),
                in_sum=in_sum,
                note=(*(widen_note if u in a.widened_units else ()), *part_of),
                solver=r.to_dict(),
            )
        )
    table.rows.append(residual_row(a, in_sum=in_sum))


def residual_row(a: Allocation, *, in_sum: bool) -> dict[str, Any]:
    """The row of the part of the parent's target not allocated to its units (本级).

    The parent's level this year minus the sum of its units', :math:`R = F_{parent} - \\sum_u
    F_u`, grown at the parent's target :math:`G` (:mod:`~sprintmodel.targets.allocation`), so
    that the units' target levels and this row add up to the parent's target level.

    Examples
    --------
    Two units of 100 in a parent of 210 with a target of 6%: the units get 5% and 7%, 本级 is
    10 → 10.6, and 105 + 107 + 10.6 = 222.6 = 210 × 1.06.

    >>> from sprintmodel.targets.allocation import solve_allocation
    >>> a = solve_allocation(6.0, [100.0, 100.0], [4.0, 6.0], [0.0, 0.0], [10.0, 10.0],
    ...                      parent="P", indicator="gdp", parent_base=210.0)
    >>> r = residual_row(a, in_sum=True)
    >>> r["unit"], r["parent"], round(r["this_year_value"], 6), round(r["target_value"], 6)
    ('本级', 'P', 10.0, 10.6)
    """
    return allocation_row(
        RESIDUAL_UNIT,
        a.indicator,
        a.parent,
        a.parent_growth,
        a.residual_target,
        a.residual,
        level="residual",
        probability=float("nan"),
        in_sum=in_sum,
        note=(Note.of("targets.allocation_residual", parent=a.parent),),
    )


def _baseline_rows(
    base: DraftBase, table: AllocationTable, code: str, unit_options: pd.DataFrame
) -> None:
    """Units not allocated (parks, towns when not asked, non-additive): their baseline."""
    ny = base.next_year[code]
    for i, u in enumerate(ny.units):
        if (code, u) in table.targets or not np.isfinite(ny.growth[:, i]).any():
            continue
        gb = option_growth(unit_options, code, u, "baseline")
        if not np.isfinite(gb):
            continue
        fu = base.value(code, u)
        table.targets[(code, u)] = (gb, fu * (1 + gb / 100.0) if np.isfinite(fu) else np.nan)
        info = base.dataset.units[u]
        kind = "park" if not info.rollup else "town" if info.kind == "town" else "unit"
        table.rows.append(
            allocation_row(
                u,
                code,
                info.parent or "",
                gb,
                table.targets[(code, u)][1],
                fu,
                level=kind,
                probability=float(ny.probability(u, gb)),
                in_sum=False,
                note=(
                    Note.of("targets.allocation_own_baseline_park")
                    if kind == "park"
                    else Note.of("targets.allocation_own_baseline"),
                ),
            )
        )


def allocate_targets(
    base: DraftBase,
    chosen: Mapping[str, float],
    unit_options: pd.DataFrame,
    *,
    note: Mapping[str, Note],
    bounds: Bounds | None = None,
    towns: bool = False,
) -> AllocationTable:
    """Allocate the city's ``chosen`` target growth [%] by indicator to its units (and towns).

    Parameters
    ----------
    base
        This year's base.
    chosen
        The city's target growth by indicator [%].
    unit_options
        The option table (:func:`~sprintmodel.targets.option_table.option_table`): units not
        allocated keep their ``baseline`` option.
    note
        The note of the city's row by indicator (the option chosen, or the target given).
    bounds
        Bounds on units' target growth [%] (``{"SLQ": (4, 7)}``, ``{"gdp/SLQ": (4.5, None)}``).
    towns
        Also allocate each unit's target among its towns.
    """
    root = base.dataset.root
    table = AllocationTable()
    for code, g in chosen.items():
        ny = base.next_year[code]
        if root not in ny.units:
            continue
        f_root = base.value(code, root)
        table.targets[(code, root)] = (
            g,
            f_root * (1 + g / 100.0) if np.isfinite(f_root) else np.nan,
        )
        table.rows.append(
            allocation_row(
                root,
                code,
                "",
                g,
                table.targets[(code, root)][1],
                f_root,
                level="city",
                probability=float(ny.probability(root, g)),
                in_sum=False,
                note=(note[code],),
            )
        )
        if not (ny.indicator.additive and ny.has_level[ny.index(root)]):
            why = "not_additive" if not ny.indicator.additive else "no_levels"
            table.notes.append(Note.of("targets.not_allocated", indicator=code, why=why))
        else:
            _allocate(base, table, code, root, g, "unit", bounds)
            if towns:
                for a in list(table.allocations.get(code, [])):
                    for u, gu in zip(a.units, a.growth, strict=True):
                        _allocate(base, table, code, u, float(gu), "town", bounds)
        _baseline_rows(base, table, code, unit_options)
    return table


__all__ = [
    "RESIDUAL_UNIT",
    "AllocationTable",
    "allocate_targets",
    "allocation_row",
    "recent_growth",
    "residual_row",
]
