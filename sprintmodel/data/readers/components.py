"""GDP's components (``components.csv``, ``component_observations.csv``), both optional.

``components.csv`` declares which components make up an indicator (``gdp``: the 11 NBS
industries, or any coarser split), in display order:

| column | meaning |
| --- | --- |
| indicator | code from ``indicators.csv`` (an additive indicator, e.g. ``gdp``) |
| component | code, unique within the indicator (letters, digits, ``_``, ``-``) |
| name_zh, name_en | names for tables (may be empty) |

``component_observations.csv`` holds their year-to-date figures, one row per unit × component ×
quarter (:data:`~sprintmodel.accounts.components.COMPONENT_COLUMNS`):

| column | meaning |
| --- | --- |
| unit, indicator, component | codes from ``units.csv``, ``indicators.csv``, ``components.csv`` |
| period | ``YYYYQn`` (or a quarter-end month ``YYYY-03/06/09/12``): year to date |
| ytd_value | year-to-date value at current prices [亿元] |
| ytd_growth | year-to-date real growth [%] |

Where the components file is absent, the components are those the observations name, in
their order. Whether they add up to the units' own figures is checked by the loader
(:func:`~sprintmodel.accounts.components.check_components`, warnings).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sprintmodel.data.model import DataSet, Hierarchy, Indicator
from sprintmodel.data.parse import check_code_syntax, closest, parse_numbers, parse_periods
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.common import check_membership, check_units, missing_columns
from sprintmodel.data.tables import Table

__all__ = [
    "COMPONENTS_COLUMNS",
    "COMPONENTS_FILE",
    "COMPONENT_OBS_COLUMNS",
    "COMPONENT_OBS_FILE",
    "check_component_totals",
    "declared_components",
    "load_component_observations",
    "load_components",
]

COMPONENTS_FILE = "components"
COMPONENTS_COLUMNS = ["indicator", "component", "name_zh", "name_en"]
COMPONENT_OBS_FILE = "component_observations"
COMPONENT_OBS_COLUMNS = ["unit", "indicator", "component", "period", "ytd_value", "ytd_growth"]


def _check_indicators(
    table: Table, indicators: dict[str, Indicator] | None, report: ValidationReport
) -> None:
    if indicators is not None:
        check_membership(
            table,
            "indicator",
            list(indicators),
            "indicator",
            "use an indicator code from indicators.csv (the whole the components make up).",
            report,
        )


def load_components(
    table: Table, indicators: dict[str, Indicator] | None, report: ValidationReport
) -> pd.DataFrame | None:
    """Columns :data:`COMPONENTS_COLUMNS` in file order; None after an error."""
    n_errors = len(report.errors)
    f = table.frame
    if missing_columns(
        table,
        ["indicator", "component"],
        "components.csv needs indicator, component, name_zh, name_en (names may be empty); "
        "see docs/data_contract.md.",
        report,
    ):
        return None
    for c in ("name_zh", "name_en"):
        if c not in f.columns:
            f[c] = ""
    _check_indicators(table, indicators, report)
    check_code_syntax(table, "component", report)
    key = f.indicator + "\x1f" + f.component
    for row in f.index[key.duplicated()]:
        report.add(
            "error",
            table.file,
            f"component '{f.at[row, 'component']}' of '{f.at[row, 'indicator']}' appears again.",
            "declare each component of an indicator once.",
            int(row),
            "component",
        )
    if len(report.errors) > n_errors:
        return None
    return f[COMPONENTS_COLUMNS].reset_index(drop=True)


def load_component_observations(
    table: Table,
    hierarchy: Hierarchy | None,
    indicators: dict[str, Indicator] | None,
    components: pd.DataFrame | None,
    report: ValidationReport,
) -> pd.DataFrame | None:
    """Rows of :data:`COMPONENT_OBS_COLUMNS` plus ``year, month, row``; None after an error.

    ``ytd_value`` and ``ytd_growth`` are floats (NaN where empty); ``period`` is ``YYYYQn``;
    ``month`` the quarter's last month (for ``DataSet.until``); ``row`` the spreadsheet row.
    """
    n_errors = len(report.errors)
    f = table.frame
    fix = "the file needs " + ", ".join(COMPONENT_OBS_COLUMNS) + "; see docs/data_contract.md."
    if missing_columns(table, COMPONENT_OBS_COLUMNS, fix, report):
        return None
    check_units(table, hierarchy, report)
    _check_indicators(table, indicators, report)
    if components is not None:
        declared = set(components.indicator + "\x1f" + components.component)
        pair = f.indicator + "\x1f" + f.component
        for row in f.index[~pair.isin(declared)]:
            ind = f.at[row, "indicator"]
            known = list(components.component[components.indicator == ind])
            report.add(
                "error",
                table.file,
                f"unknown component '{f.at[row, 'component']}' of '{ind}'."
                + closest(f.at[row, "component"], known),
                "use a component declared for that indicator in components.csv, or declare it.",
                int(row),
                "component",
            )
    else:
        check_code_syntax(table, "component", report)
    periods = parse_periods(table, "period", report)
    is_quarter = periods["valid"].to_numpy() & (
        ~periods["is_month"].to_numpy() | (periods["index"].to_numpy() % 3 == 0)
    )
    bad = ~is_quarter & (f["period"].to_numpy(dtype=object) != "")
    bad &= periods["valid"].to_numpy()
    if bad.any():
        report.add_rows(
            "error",
            table.file,
            f.index[bad],
            lambda r: f"'{f.at[r, 'period']}' is not the end of a quarter.",
            "components are quarterly: write YYYYQn (2026Q3) or a quarter-end month (2026-09).",
            "period",
        )
    empty = f["period"].to_numpy(dtype=object) == ""
    if empty.any():
        report.add_rows(
            "error", table.file, f.index[empty], "the period is empty.", "write YYYYQn.", "period"
        )
    value = parse_numbers(table, "ytd_value", report)
    growth = parse_numbers(table, "ytd_growth", report, kind="percent")
    quarter = np.where(
        periods["is_month"].to_numpy(), periods["index"].to_numpy() // 3, periods["index"]
    )
    year = periods["year"].to_numpy()
    canon = pd.Series([f"{y}Q{q}" for y, q in zip(year, quarter, strict=True)], index=f.index)
    key = f.unit + "\x1f" + f.indicator + "\x1f" + f.component + "\x1f" + canon
    for row in f.index[key.duplicated() & periods["valid"].to_numpy()]:
        report.add(
            "error",
            table.file,
            f"{f.at[row, 'unit']} × {f.at[row, 'component']} appears twice for {canon[row]}.",
            "keep one row per unit, indicator, component and quarter.",
            int(row),
            "period",
        )
    if len(report.errors) > n_errors:
        return None
    return pd.DataFrame(
        {
            "unit": f.unit.to_numpy(),
            "indicator": f.indicator.to_numpy(),
            "component": f.component.to_numpy(),
            "period": canon.to_numpy(),
            "ytd_value": value.to_numpy(dtype=float),
            "ytd_growth": growth.to_numpy(dtype=float),
            "year": year.astype(int),
            "month": (3 * quarter).astype(int),
            "row": f.index.to_numpy(dtype=int),
        }
    )


def declared_components(
    components: pd.DataFrame | None, observations: pd.DataFrame
) -> pd.DataFrame:
    """The declarations, or (no ``components.csv``) the components the observations name."""
    if components is not None:
        return components
    pairs = observations[["indicator", "component"]].drop_duplicates()
    return pairs.assign(name_zh="", name_en="")[COMPONENTS_COLUMNS].reset_index(drop=True)


def check_component_totals(
    dataset: DataSet, file: str, rows: pd.DataFrame, report: ValidationReport
) -> None:
    """Warn where components do not make up their unit's own figure (levels and growth).

    Uses :func:`~sprintmodel.accounts.components.check_components` (tolerances
    ``LEVEL_TOL_PCT`` of the value, ``GROWTH_TOL_PP`` on the built growth); each warning names
    the first row of that unit × quarter in ``file``.
    """
    from sprintmodel.accounts.components import check_components

    first_row = rows.groupby(["unit", "indicator", "period"], sort=False)["row"].min()
    for indicator in dict.fromkeys(rows.indicator):
        panel = dataset.component_panel(indicator)
        if panel is None or indicator not in dataset.indicators:
            continue
        whole = dataset.panel(indicator, "Q", units=panel.units, years=list(panel.years))
        problems = check_components(panel, whole.ytd_value, whole.growth())
        for p in problems.itertuples():
            report.add(
                "warning",
                file,
                str(p.message).split(": ", 1)[1],
                "",
                int(first_row.get((p.unit, indicator, p.period), 2)),
                "ytd_value" if p.check == "levels" else "ytd_growth",
            )
