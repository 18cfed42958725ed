"""``industry_sources.csv`` (optional): which source indicators (推算指标) drive each component.

Columns :data:`~sprintmodel.accounts.sources.SOURCE_COLUMNS` (the table is in
:mod:`sprintmodel.accounts.sources` and ``docs/data_contract.md``). Without the file a folder
whose GDP has the NBS industries as components uses the package's mapping
(:func:`~sprintmodel.accounts.sources.default_industry_sources`). An empty ``elasticity`` takes
the package default for that pair where there is one (reported as fixed), else it is an error.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sprintmodel.accounts.sources import DEFAULT_ELASTICITIES, SOURCE_COLUMNS
from sprintmodel.data.model import Indicator
from sprintmodel.data.parse import closest, parse_choice, parse_numbers
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.common import check_membership, missing_columns
from sprintmodel.data.tables import Table

__all__ = ["SOURCES_FILE", "load_industry_sources"]

SOURCES_FILE = "industry_sources"
ROLE_ALIASES = {"auxiliary": "aux", "主": "main", "辅": "aux", "辅助": "aux", "主要": "main"}


def load_industry_sources(
    table: Table,
    indicators: dict[str, Indicator] | None,
    components: pd.DataFrame | None,
    report: ValidationReport,
) -> pd.DataFrame | None:
    """Columns :data:`SOURCE_COLUMNS` (elasticities as floats); None after an error."""
    n_errors = len(report.errors)
    f = table.frame
    required = ["component", "source_indicator", "role", "elasticity"]
    fix = "the file needs " + ", ".join(SOURCE_COLUMNS) + "; see docs/data_contract.md."
    if missing_columns(table, required, fix, report):
        return None
    for c in ("elasticity_se", "deflator", "source"):
        if c not in f.columns:
            f[c] = ""
    if components is not None:
        known = list(dict.fromkeys(components.component))
        for row in f.index[~f.component.isin(known)]:
            report.add(
                "error",
                table.file,
                f"unknown component '{f.at[row, 'component']}'."
                + closest(f.at[row, "component"], known),
                "use a component code from components.csv.",
                int(row),
                "component",
            )
    if indicators is not None:
        check_membership(
            table,
            "source_indicator",
            list(indicators),
            "indicator",
            "use an indicator code from indicators.csv, or add the source indicator there.",
            report,
        )
    role = parse_choice(
        table,
        "role",
        ["main", "aux"],
        report,
        aliases=ROLE_ALIASES,
        what="role",
        fix="write 'main' (one per component) or 'aux'.",
    )
    elasticity = parse_numbers(table, "elasticity", report, kind="level")
    se = parse_numbers(table, "elasticity_se", report, kind="level")
    for row in f.index[elasticity.isna()]:
        default = DEFAULT_ELASTICITIES.get((f.at[row, "component"], f.at[row, "source_indicator"]))
        if default is None:
            report.add(
                "error",
                table.file,
                "the elasticity is empty and the package has no default for this pair.",
                "give the elasticity [pp of value-added growth per pp of the indicator's growth].",
                int(row),
                "elasticity",
            )
            continue
        elasticity[row], se[row] = default[0], default[1]
        f.at[row, "source"] = f.at[row, "source"] or default[2]
        report.add(
            "fixed",
            table.file,
            f"empty elasticity: the package default {default[0]:g} is used ({default[2]}).",
            row=int(row),
            column="elasticity",
        )
    main = pd.Series(role.to_numpy() == "main", index=f.index)
    n_main = main.groupby(f.component).sum()
    for comp, n in n_main.items():
        if n != 1:
            rows = f.index[f.component == comp]
            report.add(
                "error",
                table.file,
                f"component '{comp}' has {int(n)} main source indicators.",
                "mark exactly one row of each component 'main', the others 'aux'.",
                int(rows[0]),
                "role",
            )
    if len(report.errors) > n_errors:
        return None
    return pd.DataFrame(
        {
            "component": f.component.to_numpy(),
            "source_indicator": f.source_indicator.to_numpy(),
            "role": role.to_numpy(),
            "elasticity": elasticity.to_numpy(dtype=float),
            "elasticity_se": se.to_numpy(dtype=float),
            "deflator": f.deflator.to_numpy(),
            "source": np.where(f.source.to_numpy() == "", "assumption", f.source.to_numpy()),
        },
        columns=SOURCE_COLUMNS,
    )
