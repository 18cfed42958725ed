"""Milestones (时序进度) and the 双过半 check of every target of a draft.

Each unit × indicator given a target gets its on-track year to date by period next year
(:func:`~sprintmodel.targets.milestones.milestone_path` on its seasonal pattern) and the mid-year
check (:func:`~sprintmodel.targets.milestones.double_half`); without a seasonal pattern (levels
not published) the growth milestones are the annual target.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from sprintmodel.notes import Note
from sprintmodel.periods import Period
from sprintmodel.targets.base import DraftBase
from sprintmodel.targets.milestones import DoubleHalfRule, double_half, milestone_path
from sprintmodel.targets.result import DOUBLE_HALF_COLUMNS, MILESTONE_COLUMNS


def milestone_tables(
    base: DraftBase, targets: Mapping[tuple[str, str], tuple[float, float]], year: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Milestones by period and the 双过半 check of each target.

    Parameters
    ----------
    base
        This year's base.
    targets
        ``(indicator, unit) → (target growth [%], target level)``.
    year
        The target year.

    Returns
    -------
    (milestones, double_half)
        Tables with :data:`MILESTONE_COLUMNS` and :data:`DOUBLE_HALF_COLUMNS`, in the order of
        ``targets``.
    """
    m_rows: list[dict[str, Any]] = []
    dh_rows: list[dict[str, Any]] = []
    for (code, unit), (g, value) in targets.items():
        s = base.season(code, unit)
        f = base.value(code, unit)
        steps = s.steps
        k_h1 = steps // 2 - 1
        if s.known() and np.isfinite(f):
            base_path = s.path(f)
            vals, grow = milestone_path(value, s.shares, base_path)
            note: tuple[Note, ...] = ()
        else:
            base_path = np.full(steps, np.nan)
            vals = np.full(steps, np.nan)
            grow = np.full(steps, g)
            note = (Note.of("targets.milestone_no_season"),)
        for k in range(steps):
            if s.known() and not np.isfinite(s.shares[k]):
                continue
            m_rows.append(
                {
                    "unit": unit,
                    "indicator": code,
                    "period": str(Period(year, k + 1, s.freq)),
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
            rule: DoubleHalfRule = "amount" if base.amount_target(code, unit) else "growth"
            dh = double_half(value, g, float(s.shares[k_h1]), float(base_path[k_h1]), rule)
            dh_rows.append(
                {"unit": unit, "indicator": code, "target_growth": g, "target_value": value, **dh}
            )
    return (
        pd.DataFrame(m_rows, columns=MILESTONE_COLUMNS),
        pd.DataFrame(dh_rows, columns=DOUBLE_HALF_COLUMNS),
    )


__all__ = ["milestone_tables"]
