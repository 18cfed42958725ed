"""``entrants.csv`` (optional): candidates to enter the statistics this year (升规入统, 限上入库).

| column | meaning |
| --- | --- |
| entrant | code, unique (letters, digits, ``_``, ``-``) |
| name | name as used in briefings (may be empty) |
| unit | code of the unit it reports to (a district, county or town; not a park) |
| indicator | the indicator it enters, a code of ``indicators.csv`` (``iva`` for 规上工业, ``retail`` for 限上批零住餐) |
| entry_month | ``YYYY-MM``: the month it is expected to enter (may be next year) |
| period | ``YYYY-MM`` or ``YYYYQn``: the year-to-date span of its figures (January 1 to the end of it) |
| ytd_value | its figure this year over that span, counted from January [the indicator's measure, current prices] |
| ytd_value_last_year | its figure over the same span last year [measure]: its own comparable base; 0 for a unit new this year |
| probability | chance it enters [0-1]; empty means 1 |

See ``docs/enterprises.md`` ("Entering the statistics") and
:mod:`sprintmodel.scenario.entrants`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sprintmodel.data.model import Hierarchy, Indicator
from sprintmodel.data.parse import closest, parse_numbers
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.common import check_unique, check_units, missing_columns
from sprintmodel.data.readers.registers import amounts, periods
from sprintmodel.data.tables import Table
from sprintmodel.periods import Period

__all__ = ["ENTRANT_COLUMNS", "load_entrants"]

ENTRANT_COLUMNS = [
    "entrant",
    "name",
    "unit",
    "indicator",
    "entry_month",
    "period",
    "ytd_value",
    "ytd_value_last_year",
    "probability",
]
"""Columns of ``entrants.csv`` (``name`` and ``probability`` may be absent)."""
_REQUIRED = [c for c in ENTRANT_COLUMNS if c not in ("name", "probability")]


def _indicators_ok(indicators: dict[str, Indicator] | None) -> list[str]:
    """Indicators a unit can enter: headline, additive totals, not a completion count."""
    if indicators is None:
        return []
    return [
        c
        for c, i in indicators.items()
        if i.additive and i.kind != "source" and not i.completion and i.flow
    ]


def _series_rows(obs: pd.DataFrame | None) -> dict[tuple[str, str], dict[tuple[int, int], float]]:
    """``(unit, indicator) → {(year, month): ytd_value}`` of the observations with values."""
    if obs is None:
        return {}
    rows = obs[np.isfinite(obs.ytd_value.to_numpy(dtype=float))]
    out: dict[tuple[str, str], dict[tuple[int, int], float]] = {}
    for u, i, y, m, v in zip(
        rows.unit, rows.indicator, rows.year, rows.month, rows.ytd_value, strict=True
    ):
        out.setdefault((u, i), {})[(int(y), int(m))] = float(v)
    return out


def load_entrants(
    table: Table,
    hierarchy: Hierarchy | None,
    indicators: dict[str, Indicator] | None,
    obs: pd.DataFrame | None,
    report: ValidationReport,
) -> pd.DataFrame | None:
    """The register with numbers as floats and the full-year factor; None after an error.

    Adds ``landing`` (the unit whose series the candidate joins: its own, or its nearest
    ancestor with the indicator's figures) and ``fy_factor``, that series' last full year ÷
    its last-year figure over the candidate's span (so the candidate's full year is its year
    to date × ``fy_factor``, at its unit's seasonal pattern of last year; an assumption).
    Every problem goes to ``report`` with the file, row, column and fix.
    """
    n_errors = len(report.errors)
    f = table.frame
    fix = f"the register needs {', '.join(ENTRANT_COLUMNS)}; see docs/enterprises.md."
    if missing_columns(table, _REQUIRED, fix, report):
        return None
    for c in ("name", "probability"):
        if c not in f.columns:
            f[c] = ""
    for row in f.index[f.entrant == ""]:
        report.add(
            "error", table.file, "the entrant code is empty.", "give a code.", int(row), "entrant"
        )
    check_unique(table, "entrant", report)
    bad_unit = check_units(table, hierarchy, report)
    ok = _indicators_ok(indicators)
    for row, code in f.indicator.items():
        if indicators is not None and code not in ok:
            why = (
                f"'{code}' is not a total a unit can enter (additive, not a completion count)."
                if code in indicators
                else f"unknown indicator '{code}'.{closest(code, ok)}"
            )
            report.add(
                "error",
                table.file,
                why,
                f"use one of: {', '.join(ok)} (iva for 规上工业, retail for 限上批零住餐).",
                int(row),
                "indicator",
            )
    entry = periods(table, "entry_month", report)
    span = periods(table, "period", report)
    for i, row in enumerate(f.index):
        p = entry[i]
        if p is not None and p.freq != "M":
            report.add(
                "error",
                table.file,
                f"entry_month '{f.at[row, 'entry_month']}' is a quarter.",
                "write the month of entry, YYYY-MM (e.g. 2026-11).",
                int(row),
                "entry_month",
            )
    now = amounts(table, "ytd_value", report, fix="give its figure since January (0 if none).")
    last = amounts(
        table,
        "ytd_value_last_year",
        report,
        fix="give last year's figure over the same span (0 for a unit new this year).",
    )
    prob = parse_numbers(table, "probability", report).fillna(1.0)
    for row in prob.index[(prob < 0) | (prob > 1)]:
        report.add(
            "error",
            table.file,
            f"probability {prob[row]:g} is outside 0-1.",
            "give the chance of entering as a share, e.g. 0.8 (empty means 1).",
            int(row),
            "probability",
        )
    landing, factor = _full_year_factors(table, hierarchy, obs, span, bad_unit, report)
    if len(report.errors) > n_errors:
        return None
    return pd.DataFrame(
        {
            "entrant": f.entrant.to_numpy(),
            "name": f.name.to_numpy(),
            "unit": f.unit.to_numpy(),
            "indicator": f.indicator.to_numpy(),
            "entry_month": [str(p) for p in entry],
            "period": [str(p) for p in span],
            "ytd_value": now.to_numpy(dtype=float),
            "ytd_value_last_year": last.to_numpy(dtype=float),
            "probability": prob.to_numpy(dtype=float),
            "landing": landing,
            "fy_factor": factor,
        }
    ).reset_index(drop=True)


def _full_year_factors(
    table: Table,
    hierarchy: Hierarchy | None,
    obs: pd.DataFrame | None,
    span: list[Period | None],
    bad_unit: np.ndarray | None,
    report: ValidationReport,
) -> tuple[list[str], list[float]]:
    """Per row: the unit whose series it joins, and that series' last full year ÷ its figure
    over the row's span last year (errors where last year lacks either)."""
    f = table.frame
    series = _series_rows(obs)
    landing: list[str] = []
    factor: list[float] = []
    for i, row in enumerate(f.index):
        p = span[i]
        unit, code = str(f.at[row, "unit"]), str(f.at[row, "indicator"])
        if hierarchy is None or p is None or (bad_unit is not None and bad_unit[i]):
            landing.append(unit)
            factor.append(np.nan)
            continue
        if unit in hierarchy and not _adds_up(hierarchy, unit):
            report.add(
                "error",
                table.file,
                f"unit '{unit}' does not add up into the city (rollup = no, e.g. a park).",
                "give the district or county the enterprise reports to.",
                int(row),
                "unit",
            )
        chain = [unit, *hierarchy.ancestors(unit)] if unit in hierarchy else [unit]
        at = next((u for u in chain if (u, code) in series), None)
        landing.append(at or unit)
        rows = series.get((at, code), {}) if at else {}
        year, month = p.year - 1, p.month
        part, full = rows.get((year, month)), rows.get((year, 12))
        if part is None or full is None or part <= 0:
            missing = f"{year}-{month:02d}" if part is None or part <= 0 else f"{year} full year"
            report.add(
                "error",
                table.file,
                f"{at or unit}'s {code} has no figure for {missing}, so the year to date of "
                f"{p} cannot be carried to the full year.",
                "give the figures to a period the unit's series has last year (a quarter's end "
                "for a quarterly series, e.g. 2026-09).",
                int(row),
                "period",
            )
            factor.append(np.nan)
            continue
        factor.append(full / part)
    return landing, factor


def _adds_up(hierarchy: Hierarchy, unit: str) -> bool:
    """True where the unit and its ancestors all roll up into the root."""
    u = hierarchy[unit]
    while u.parent is not None:
        if not u.rollup:
            return False
        u = hierarchy[u.parent]
    return True
