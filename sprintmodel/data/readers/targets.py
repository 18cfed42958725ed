"""``targets.csv`` (optional): annual targets per unit × indicator × year."""

from __future__ import annotations

import pandas as pd

from sprintmodel.data.model import Hierarchy, Indicator
from sprintmodel.data.parse import closest, normalise_codes, parse_numbers
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.common import unknown_code_message
from sprintmodel.data.tables import Table

__all__ = ["load_targets"]


def load_targets(
    table: Table,
    hierarchy: Hierarchy | None,
    indicators: dict[str, Indicator] | None,
    report: ValidationReport,
) -> pd.DataFrame:
    f = table.frame
    normalise_codes(table, "unit", report)
    normalise_codes(table, "indicator", report)
    if hierarchy is not None:
        for row in f.index[~f["unit"].isin(list(hierarchy.units))]:
            report.add(
                "error",
                table.file,
                "a target for the "
                + unknown_code_message(
                    str(f.at[row, "unit"]), "unit", hierarchy, list(hierarchy.units)
                ),
                "use a unit code from units.csv.",
                int(row),
                "unit",
            )
    measure = None
    if indicators is not None:
        for row in f.index[~f["indicator"].isin(list(indicators))]:
            report.add(
                "error",
                table.file,
                f"a target for the unknown indicator '{f.at[row, 'indicator']}'."
                + closest(f.at[row, "indicator"], list(indicators)),
                "use an indicator code from indicators.csv.",
                int(row),
                "indicator",
            )
        measure = f["indicator"].map({c: ind.measure for c, ind in indicators.items()}).fillna("")
    year_text = f["year"].astype(str)
    with_nian = year_text.str.fullmatch(r"\d{4}\s*年")
    if with_nian.any():
        report.add(
            "fixed",
            table.file,
            f"{int(with_nian.sum())} year(s) written with 年 read as the number"
            + (f" (first at row {int(f.index[with_nian][0])})." if with_nian.sum() > 1 else "."),
            row=int(f.index[with_nian][0]),
            column="year",
        )
        f["year"] = year_text.str.replace(r"\s*年$", "", regex=True)
    year = pd.to_numeric(f["year"], errors="coerce")
    for row in f.index[year.isna() | (year % 1 != 0) | (year < 1900) | (year > 2200)]:
        report.add(
            "error",
            table.file,
            f"'{f.at[row, 'year']}' is not a year.",
            "write the target year as four digits, e.g. 2026.",
            int(row),
            "year",
        )
    tg = parse_numbers(table, "target_growth", report, kind="percent")
    tv = parse_numbers(table, "target_value", report, kind="level", measure=measure)
    for row in f.index[tg.isna() & tv.isna()]:
        report.add(
            "error",
            table.file,
            "neither target_growth nor target_value is given.",
            "fill in at least one of them, or delete the row.",
            int(row),
            "target_growth",
        )
    for row in f.index[tg <= -100]:
        report.add(
            "error",
            table.file,
            f"target growth {tg[row]:g} is -100% or less.",
            "write the target growth in percent, e.g. 6.0.",
            int(row),
            "target_growth",
        )
    for row in f.index[(tg.abs() < 0.3) & (tg != 0)]:
        report.add(
            "warning",
            table.file,
            f"target growth {tg[row]:g} looks like a share, not percent; it is kept as "
            f"{tg[row]:g}%.",
            f"if {100 * tg[row]:g}% is meant, write {100 * tg[row]:g} (growth is in percent).",
            int(row),
            "target_growth",
        )
    key = f["unit"] + "\x1f" + f["indicator"] + "\x1f" + f["year"]
    for row in f.index[key.duplicated()]:
        report.add(
            "error",
            table.file,
            f"a second target for '{f.at[row, 'unit']}', '{f.at[row, 'indicator']}', "
            f"{f.at[row, 'year']}.",
            "keep one target row per unit × indicator × year.",
            int(row),
            "year",
        )
    return pd.DataFrame(
        {
            "unit": f["unit"].to_numpy(),
            "indicator": f["indicator"].to_numpy(),
            "year": year.fillna(0).astype(int).to_numpy(),
            "target_growth": tg.to_numpy(),
            "target_value": tv.to_numpy(),
        }
    )
