"""Load and validate a data folder (``../shared/DATA_CONTRACT.md``).

:func:`validate_folder` reads every table, checks it, and returns the report together with the
:class:`~sprintmodel.data.model.DataSet` when there is no error; :func:`load_folder` raises
:class:`~sprintmodel.data.problems.DataError` instead. Checks are vectorised with pandas so that
a folder of 1,000 units × 10 indicators × 12 years validates in seconds.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from sprintmodel.data.model import (
    PROJECT_CATEGORIES,
    PROJECT_STATUSES,
    UNIT_KINDS,
    DataSet,
    Hierarchy,
    Indicator,
    Unit,
)
from sprintmodel.data.problems import DataError, ValidationReport
from sprintmodel.data.tables import Table, find_table, parse_numbers, read_table

DEFAULT_SUM_TOLERANCE = 0.02
"""Relative gap [share] between a parent's published value and the sum of its children above
which a warning is given. An assumption: published district sums of Chinese cities usually
differ from the city's figure by well under 1% (different survey frames, rounding, unallocated
items); 2% leaves room for that and still catches a missing district."""

REQUIRED_COLUMNS = {
    "units": ["unit", "name_zh", "name_en", "parent", "kind", "rollup"],
    "indicators": ["indicator", "name_zh", "name_en", "measure", "basis", "additive"],
    "observations": ["unit", "indicator", "period", "ytd_value", "ytd_growth"],
    "targets": ["unit", "indicator", "year", "target_growth", "target_value"],
    "projects": [
        "project",
        "name",
        "unit",
        "category",
        "status",
        "total_investment",
        "invested_to_date",
        "planned_start",
        "planned_finish",
        "planned_entry",
        "planned_production",
        "output_at_capacity",
        "value_added_rate",
    ],
}
OPTIONAL_EMPTY_OK = {
    "units": {"name_zh", "name_en", "rollup"},
    "indicators": {"name_zh", "name_en", "measure"},
    "projects": {"planned_entry", "planned_production", "output_at_capacity", "value_added_rate"},
}
# Columns that may be missing altogether (they default to empty).
MAY_BE_ABSENT = {
    "units": {"name_zh", "name_en", "rollup"},
    "indicators": {"name_zh", "name_en", "measure"},
    "observations": set(),
    "targets": set(),
    "projects": {"planned_entry", "output_at_capacity", "value_added_rate", "planned_production"},
}

CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")
_PERIOD_RE = r"^(?P<y>\d{4})(?:Q(?P<q>[1-4])|-(?P<m>0[1-9]|1[0-2]))$"
_MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
YES = {"yes", "y", "true", "1", "是"}
NO = {"no", "n", "false", "0", "否"}


def _closest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    hit = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return f" Did you mean '{hit[0]}'?" if hit else ""


def _check_columns(table: Table, stem: str, report: ValidationReport) -> bool:
    cols = list(table.frame.columns)
    missing = [c for c in REQUIRED_COLUMNS[stem] if c not in cols and c not in MAY_BE_ABSENT[stem]]
    for c in missing:
        extra = [x for x in cols if x not in REQUIRED_COLUMNS[stem]]
        report.add(
            "error",
            table.file,
            f"the required column '{c}' is missing (columns found: {', '.join(cols)}).",
            f"add a column named '{c}'." + _closest(c, extra),
        )
    for c in REQUIRED_COLUMNS[stem]:
        if c not in cols and c in MAY_BE_ABSENT[stem]:
            table.frame[c] = ""
    return not missing


def _yes_no(table: Table, column: str, default: bool, report: ValidationReport) -> pd.Series:
    text = table.frame[column].str.lower()
    out = pd.Series(default, index=text.index, dtype=bool)
    out[text.isin(YES)] = True
    out[text.isin(NO)] = False
    bad = ~(text.isin(YES) | text.isin(NO) | (text == ""))
    for row in text.index[bad]:
        report.add(
            "error",
            table.file,
            f"'{table.frame.at[row, column]}' is not yes or no.",
            f"write 'yes' or 'no' in '{column}' (empty means {'yes' if default else 'no'}).",
            row=int(row),
            column=column,
        )
    return out


def _check_codes(table: Table, column: str, report: ValidationReport, *, unique: bool) -> None:
    codes = table.frame[column]
    for row in codes.index[codes == ""]:
        report.add(
            "error", table.file, "the code is empty.", f"fill in '{column}'.", int(row), column
        )
    bad = (codes != "") & ~codes.str.match(CODE_PATTERN)
    for row in codes.index[bad]:
        report.add(
            "error",
            table.file,
            f"'{codes.at[row]}' is not a valid code.",
            "use only letters, digits, '_' and '-' in codes.",
            int(row),
            column,
        )
    if unique:
        dup = codes.duplicated(keep="first") & (codes != "")
        for row in codes.index[dup]:
            first = int(codes.index[(codes == codes.at[row])][0])
            report.add(
                "error",
                table.file,
                f"the code '{codes.at[row]}' appears again (first at row {first}).",
                "give every row a unique code, or delete the duplicate row.",
                int(row),
                column,
            )


# --------------------------------------------------------------------------- units
def _load_units(table: Table, report: ValidationReport) -> Hierarchy | None:
    f = table.frame
    n_errors = len(report.errors)
    _check_codes(table, "unit", report, unique=True)
    rollup = _yes_no(table, "rollup", True, report)
    kinds = f["kind"].str.lower()
    for row in kinds.index[~kinds.isin(UNIT_KINDS)]:
        report.add(
            "error",
            table.file,
            f"unknown kind '{f.at[row, 'kind']}'.",
            f"use one of {', '.join(UNIT_KINDS)}." + _closest(kinds.at[row], UNIT_KINDS),
            int(row),
            "kind",
        )
    codes = set(f["unit"])
    parent = f["parent"]
    unknown = (parent != "") & ~parent.isin(codes)
    for row in parent.index[unknown]:
        report.add(
            "error",
            table.file,
            f"the parent '{parent.at[row]}' of unit '{f.at[row, 'unit']}' is not a unit.",
            "set 'parent' to the code of a unit listed in units.csv."
            + _closest(parent.at[row], sorted(codes)),
            int(row),
            "parent",
        )
    roots = f.index[parent == ""]
    if len(roots) == 0:
        report.add(
            "error",
            table.file,
            "no unit is the root: every unit has a parent.",
            "leave 'parent' empty for exactly one unit, the city.",
            column="parent",
        )
    elif len(roots) > 1:
        names = ", ".join(f"'{f.at[r, 'unit']}' (row {r})" for r in roots)
        report.add(
            "error",
            table.file,
            f"{len(roots)} units have no parent: {names}; there must be exactly one root.",
            "give every unit but the city a parent.",
            int(roots[1]),
            "parent",
        )
    if len(report.errors) > n_errors:
        return None
    # Cycles: walk up from every unit.
    parent_of = dict(zip(f["unit"], f["parent"], strict=True))
    row_of = dict(zip(f["unit"], f.index, strict=True))
    reported: set[str] = set()
    for start in parent_of:
        path, u = [start], parent_of[start]
        while u:
            if u in path:
                cycle = [*path[path.index(u) :], u]
                if not reported.intersection(cycle):
                    report.add(
                        "error",
                        table.file,
                        f"the parents form a cycle: {' → '.join(cycle)}.",
                        "each unit's chain of parents must end at the city.",
                        int(row_of[u]),
                        "parent",
                    )
                    reported.update(cycle)
                break
            path.append(u)
            u = parent_of[u]
    if len(report.errors) > n_errors:
        return None
    units = {
        code: Unit(
            code=code,
            name_zh=f.at[row, "name_zh"],
            name_en=f.at[row, "name_en"],
            parent=f.at[row, "parent"] or None,
            kind=kinds.at[row],
            rollup=bool(rollup.at[row]) if f.at[row, "parent"] else True,
        )
        for row, code in zip(f.index, f["unit"], strict=True)
    }
    return Hierarchy(units)


# ---------------------------------------------------------------------- indicators
def _load_indicators(table: Table, report: ValidationReport) -> dict[str, Indicator] | None:
    f = table.frame
    n_errors = len(report.errors)
    _check_codes(table, "indicator", report, unique=True)
    basis = f["basis"].str.lower()
    for row in basis.index[~basis.isin(["nominal", "real"])]:
        report.add(
            "error",
            table.file,
            f"basis '{f.at[row, 'basis']}' is neither 'nominal' nor 'real'.",
            "write 'real' where growth is at comparable prices (GDP, industrial value added), "
            "'nominal' where growth is the ratio of values.",
            int(row),
            "basis",
        )
    for row in f.index[f["additive"] == ""]:
        report.add(
            "error",
            table.file,
            "'additive' is empty.",
            "write 'yes' where children's values sum to the parent's, 'no' for rates and shares.",
            int(row),
            "additive",
        )
    additive = _yes_no(table, "additive", True, report)
    flow = _yes_no(table, "flow", True, report) if "flow" in f.columns else additive
    if len(report.errors) > n_errors:
        return None
    return {
        code: Indicator(
            code=code,
            name_zh=f.at[row, "name_zh"],
            name_en=f.at[row, "name_en"],
            measure=f.at[row, "measure"],
            basis=basis.at[row],
            additive=bool(additive.at[row]),
            flow=bool(flow.at[row]) and bool(additive.at[row]),
        )
        for row, code in zip(f.index, f["indicator"], strict=True)
    }


# -------------------------------------------------------------------- observations
def _load_observations(
    table: Table,
    hierarchy: Hierarchy | None,
    indicators: dict[str, Indicator] | None,
    report: ValidationReport,
) -> pd.DataFrame | None:
    f = table.frame
    n_errors = len(report.errors)
    if hierarchy is not None:
        bad = ~f["unit"].isin(list(hierarchy.units))
        for row in f.index[bad]:
            report.add(
                "error",
                table.file,
                f"unknown unit '{f.at[row, 'unit']}'.",
                "use a code from units.csv, or add the unit there."
                + _closest(f.at[row, "unit"], list(hierarchy.units)),
                int(row),
                "unit",
            )
    if indicators is not None:
        bad = ~f["indicator"].isin(list(indicators))
        for row in f.index[bad]:
            report.add(
                "error",
                table.file,
                f"unknown indicator '{f.at[row, 'indicator']}'.",
                "use a code from indicators.csv, or add the indicator there."
                + _closest(f.at[row, "indicator"], list(indicators)),
                int(row),
                "indicator",
            )
    parts = f["period"].str.extract(_PERIOD_RE)
    bad_period = parts["y"].isna()
    for row in f.index[bad_period]:
        report.add(
            "error",
            table.file,
            f"'{f.at[row, 'period']}' is not a period.",
            "write quarters as YYYYQn (2026Q3) and months as YYYY-MM (2026-09); "
            "each row holds the year-to-date figure up to that period.",
            int(row),
            "period",
        )
    value = parse_numbers(table, "ytd_value", report)
    growth = parse_numbers(table, "ytd_growth", report)
    impossible = growth <= -100
    for row in growth.index[impossible]:
        report.add(
            "error",
            table.file,
            f"growth {growth.at[row]} is -100% or less, which is impossible for a level.",
            "check the sign and the unit of 'ytd_growth' (percent, e.g. 5.2).",
            int(row),
            "ytd_growth",
        )
    empty = value.isna() & growth.isna() & (f["ytd_value"] == "") & (f["ytd_growth"] == "")
    n_empty = int(empty.sum())
    if n_empty:
        first = int(f.index[empty][0])
        report.add(
            "warning",
            table.file,
            f"{n_empty} row(s) have neither ytd_value nor ytd_growth (first at row {first}); "
            "they are treated as not published.",
            row=first,
        )
    key = f["unit"] + "\x1f" + f["indicator"] + "\x1f" + f["period"]
    dup = key.duplicated(keep="first")
    if dup.any():
        first_row = pd.Series(f.index, index=key).groupby(level=0).first()
        for row in f.index[dup]:
            report.add(
                "error",
                table.file,
                f"duplicate row for unit '{f.at[row, 'unit']}', indicator "
                f"'{f.at[row, 'indicator']}', period '{f.at[row, 'period']}' "
                f"(first at row {int(first_row[key.at[row]])}).",
                "keep one row per unit × indicator × period.",
                int(row),
                "period",
            )
    if len(report.errors) > n_errors:
        return None
    year = parts["y"].astype(int)
    is_month = parts["m"].notna()
    index = np.where(
        is_month, parts["m"].fillna("0").astype(int), parts["q"].fillna("0").astype(int)
    )
    obs = pd.DataFrame(
        {
            "unit": f["unit"].to_numpy(),
            "indicator": f["indicator"].to_numpy(),
            "period": f["period"].to_numpy(),
            "year": year.to_numpy(),
            "index": index,
            "freq": np.where(is_month, "M", "Q"),
            "month": np.where(is_month, index, index * 3),
            "ytd_value": value.to_numpy(),
            "ytd_growth": growth.to_numpy(),
            "row": f.index.to_numpy(),
        }
    )
    obs = obs.loc[~empty.to_numpy()].reset_index(drop=True)
    # One frequency per series.
    nfreq = obs.groupby(["unit", "indicator"])["freq"].transform("nunique")
    mixed = obs[nfreq > 1]
    if len(mixed):
        for (u, i), g in mixed.groupby(["unit", "indicator"], sort=False):
            q_row = int(g.loc[g.freq == "Q", "row"].iloc[0])
            report.add(
                "error",
                table.file,
                f"unit '{u}', indicator '{i}' mixes quarterly (YYYYQn) and monthly (YYYY-MM) "
                "periods.",
                "a series is either quarterly or monthly throughout; for monthly series give the "
                "quarter ends as YYYY-03, YYYY-06, YYYY-09, YYYY-12.",
                q_row,
                "period",
            )
        return None
    return obs.sort_values(["unit", "indicator", "year", "month"], kind="stable").reset_index(
        drop=True
    )


def _check_flows(
    obs: pd.DataFrame, indicators: dict[str, Indicator], file: str, report: ValidationReport
) -> None:
    """A year-to-date value of a flow indicator must not fall within a year."""
    flows = [c for c, ind in indicators.items() if ind.flow]
    o = obs[obs.indicator.isin(flows) & obs.ytd_value.notna()]
    if o.empty:
        return
    same = (
        (o.unit.to_numpy()[1:] == o.unit.to_numpy()[:-1])
        & (o.indicator.to_numpy()[1:] == o.indicator.to_numpy()[:-1])
        & (o.year.to_numpy()[1:] == o.year.to_numpy()[:-1])
    )
    v = o.ytd_value.to_numpy()
    # Allow a fall of a rounding step: 1e-9 relative.
    falls = same & (v[1:] < v[:-1] - 1e-9 * np.abs(v[:-1]))
    for j in np.flatnonzero(falls):
        prev, cur = o.iloc[j], o.iloc[j + 1]
        report.add(
            "error",
            file,
            f"the year-to-date value of '{cur.unit}', '{cur.indicator}' falls from "
            f"{prev.ytd_value:g} ({prev.period}) to {cur.ytd_value:g} ({cur.period}); year-to-date "
            "values of a flow indicator cannot fall within a year.",
            "check that the row holds the cumulative value since January (not the single "
            "period), or mark the indicator flow=no in indicators.csv if it can fall.",
            int(cur.row),
            "ytd_value",
        )


def _check_gaps(obs: pd.DataFrame, file: str, report: ValidationReport) -> None:
    """Warn about series with missing periods inside their span."""
    step = np.where(obs.freq.to_numpy() == "M", 1, 3)
    absolute = obs.year.to_numpy() * 12 + obs.month.to_numpy()
    keys = obs.unit + "\x1f" + obs.indicator
    first = pd.Series(absolute).groupby(keys.to_numpy()).transform("min").to_numpy()
    last = pd.Series(absolute).groupby(keys.to_numpy()).transform("max").to_numpy()
    count = pd.Series(absolute).groupby(keys.to_numpy()).transform("size").to_numpy()
    expected = (last - first) // step + 1
    short = count < expected
    if not short.any():
        return
    gaps = obs.loc[short].groupby(["unit", "indicator"], sort=False).size()
    for (u, i), _ in gaps.items():
        g = obs[(obs.unit == u) & (obs.indicator == i)]
        s = 3 if g.freq.iloc[0] == "Q" else 1
        have = set(g.year * 12 + g.month)
        a0, a1 = min(have), max(have)
        missing = []
        for a in range(a0, a1 + 1, s):
            if a not in have:
                y, m = divmod(a - 1, 12)
                m += 1
                # Jan–Feb combined: month 1 of a monthly series is often not published.
                if s == 1 and m == 1:
                    continue
                missing.append(f"{y}Q{m // 3}" if s == 3 else f"{y}-{m:02d}")
        if missing:
            shown = ", ".join(missing[:6]) + (" ..." if len(missing) > 6 else "")
            report.add(
                "warning",
                file,
                f"unit '{u}', indicator '{i}' has {len(missing)} missing period(s): {shown}.",
                "add the missing rows if they were published; methods skip what is missing.",
                column="period",
            )


def _check_sums(
    obs: pd.DataFrame,
    hierarchy: Hierarchy,
    indicators: dict[str, Indicator],
    file: str,
    report: ValidationReport,
    tolerance: float,
) -> None:
    """Warn where rollup children's values stray from their parent's published total."""
    additive = [c for c, ind in indicators.items() if ind.additive]
    o = obs[obs.indicator.isin(additive) & obs.ytd_value.notna()]
    parent_of = {c: u.parent for c, u in hierarchy.units.items() if u.parent and u.rollup}
    kids = o[o.unit.isin(list(parent_of))].copy()
    if kids.empty:
        return
    kids["parent"] = kids.unit.map(parent_of)
    n_kids = {p: len(hierarchy.children(p, rollup_only=True)) for p in set(parent_of.values())}
    agg = kids.groupby(["parent", "indicator", "period"]).agg(
        total=("ytd_value", "sum"), n=("ytd_value", "size")
    )
    agg = agg[agg.n.to_numpy() == agg.index.get_level_values(0).map(n_kids).to_numpy()]
    parents = o.set_index(["unit", "indicator", "period"])["ytd_value"]
    parents.index = parents.index.set_names(["parent", "indicator", "period"])
    joined = agg.join(parents.rename("published"), how="inner")
    rel = (joined.total - joined.published).abs() / joined.published.abs()
    off = joined[rel > tolerance]
    if off.empty:
        return
    for (p, i), g in off.groupby(level=[0, 1], sort=False):
        worst = (g.total - g.published).abs().div(g.published.abs()).idxmax()
        row = g.loc[worst]
        report.add(
            "warning",
            file,
            f"the units under '{p}' add up to {row.total:,.2f} for '{i}' in {worst[2]}, "
            f"{100 * (row.total / row.published - 1):+.1f}% from its published {row.published:,.2f} "
            f"({len(g)} period(s) beyond the {100 * tolerance:g}% tolerance).",
            "check for a missing or double-counted child unit; overlapping units (parks) "
            "should have rollup=no.",
            column="ytd_value",
        )


# ------------------------------------------------------------------------- targets
def _load_targets(
    table: Table,
    hierarchy: Hierarchy | None,
    indicators: dict[str, Indicator] | None,
    report: ValidationReport,
) -> pd.DataFrame:
    f = table.frame
    if hierarchy is not None:
        for row in f.index[~f["unit"].isin(list(hierarchy.units))]:
            report.add(
                "error",
                table.file,
                f"a target for the unknown unit '{f.at[row, 'unit']}'.",
                "use a unit code from units.csv."
                + _closest(f.at[row, "unit"], list(hierarchy.units)),
                int(row),
                "unit",
            )
    if indicators is not None:
        for row in f.index[~f["indicator"].isin(list(indicators))]:
            report.add(
                "error",
                table.file,
                f"a target for the unknown indicator '{f.at[row, 'indicator']}'.",
                "use an indicator code from indicators.csv."
                + _closest(f.at[row, "indicator"], list(indicators)),
                int(row),
                "indicator",
            )
    year = pd.to_numeric(f["year"], errors="coerce")
    for row in f.index[year.isna() | (year % 1 != 0)]:
        report.add(
            "error",
            table.file,
            f"'{f.at[row, 'year']}' is not a year.",
            "write the target year as four digits, e.g. 2026.",
            int(row),
            "year",
        )
    tg = parse_numbers(table, "target_growth", report)
    tv = parse_numbers(table, "target_value", report)
    for row in f.index[
        tg.isna() & tv.isna() & (f["target_growth"] == "") & (f["target_value"] == "")
    ]:
        report.add(
            "error",
            table.file,
            "neither target_growth nor target_value is given.",
            "fill in at least one of them, or delete the row.",
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


# ------------------------------------------------------------------------ projects
def _load_projects(
    table: Table, hierarchy: Hierarchy | None, report: ValidationReport
) -> pd.DataFrame:
    f = table.frame
    _check_codes(table, "project", report, unique=True)
    if hierarchy is not None:
        for row in f.index[~f["unit"].isin(list(hierarchy.units))]:
            report.add(
                "error",
                table.file,
                f"project '{f.at[row, 'project']}' belongs to the unknown unit '{f.at[row, 'unit']}'.",
                "use a unit code from units.csv."
                + _closest(f.at[row, "unit"], list(hierarchy.units)),
                int(row),
                "unit",
            )
    for column, allowed in (("category", PROJECT_CATEGORIES), ("status", PROJECT_STATUSES)):
        values = f[column].str.lower()
        for row in f.index[~values.isin(allowed)]:
            report.add(
                "error",
                table.file,
                f"unknown {column} '{f.at[row, column]}'.",
                f"use one of {', '.join(allowed)}." + _closest(values.at[row], allowed),
                int(row),
                column,
            )
        f[column] = values
    numbers = {
        c: parse_numbers(table, c, report)
        for c in ("total_investment", "invested_to_date", "output_at_capacity", "value_added_rate")
    }
    for row in f.index[numbers["total_investment"].isna()]:
        report.add(
            "error",
            table.file,
            "total_investment is empty.",
            "give the planned total in 亿元.",
            int(row),
            "total_investment",
        )
    over = numbers["invested_to_date"] > numbers["total_investment"] * 1.0001
    for row in f.index[over]:
        report.add(
            "warning",
            table.file,
            f"project '{f.at[row, 'project']}' has invested {numbers['invested_to_date'][row]:g}, "
            f"more than its total {numbers['total_investment'][row]:g}.",
            "check both figures (亿元); the total is taken as the larger.",
            int(row),
            "invested_to_date",
        )
    rate = numbers["value_added_rate"]
    for row in f.index[(rate < 0) | (rate > 1)]:
        report.add(
            "error",
            table.file,
            f"value_added_rate {rate[row]:g} is outside 0–1.",
            "write value added ÷ output as a share, e.g. 0.25 (not 25).",
            int(row),
            "value_added_rate",
        )
    for column in ("planned_start", "planned_finish", "planned_entry", "planned_production"):
        values = f[column]
        must = column in ("planned_start", "planned_finish")
        bad = ~values.str.match(_MONTH_RE) & ((values != "") | must)
        for row in f.index[bad]:
            report.add(
                "error",
                table.file,
                f"'{values.at[row]}' is not a month." if values.at[row] else f"{column} is empty.",
                "write months as YYYY-MM, e.g. 2026-11.",
                int(row),
                column,
            )
    start, finish = f["planned_start"], f["planned_finish"]
    prod, entry = f["planned_production"], f["planned_entry"]
    ok = start.str.match(_MONTH_RE) & finish.str.match(_MONTH_RE)
    for row in f.index[ok & (finish < start)]:
        report.add(
            "error",
            table.file,
            f"project '{f.at[row, 'project']}' finishes ({finish[row]}) before it starts ({start[row]}).",
            "check planned_start and planned_finish.",
            int(row),
            "planned_finish",
        )
    for row in f.index[start.str.match(_MONTH_RE) & prod.str.match(_MONTH_RE) & (prod < start)]:
        report.add(
            "error",
            table.file,
            f"project '{f.at[row, 'project']}' starts production ({prod[row]}) before construction ({start[row]}).",
            "production cannot start before construction; check planned_production.",
            int(row),
            "planned_production",
        )
    for row in f.index[(prod != "") & numbers["output_at_capacity"].isna()]:
        report.add(
            "warning",
            table.file,
            f"project '{f.at[row, 'project']}' has a production date but no output_at_capacity; "
            "its output is taken as zero.",
            row=int(row),
            column="output_at_capacity",
        )
    out = pd.DataFrame(
        {
            "project": f["project"].to_numpy(),
            "name": f["name"].to_numpy(),
            "unit": f["unit"].to_numpy(),
            "category": f["category"].to_numpy(),
            "status": f["status"].to_numpy(),
            "total_investment": numbers["total_investment"].to_numpy(),
            "invested_to_date": numbers["invested_to_date"].fillna(0.0).to_numpy(),
            "planned_start": start.to_numpy(),
            "planned_finish": finish.to_numpy(),
            "planned_entry": np.where(entry == "", start, entry),
            "planned_production": prod.to_numpy(),
            "output_at_capacity": numbers["output_at_capacity"].fillna(0.0).to_numpy(),
            "value_added_rate": rate.fillna(0.0).to_numpy(),
        }
    )
    extra = [c for c in f.columns if c not in REQUIRED_COLUMNS["projects"]]
    for c in extra:
        out[c] = f[c].to_numpy()
    return out


# -------------------------------------------------------------------------- folder
def validate_folder(
    folder: str | Path, *, sum_tolerance: float = DEFAULT_SUM_TOLERANCE
) -> tuple[ValidationReport, DataSet | None]:
    """Read and check a data folder.

    Parameters
    ----------
    folder
        Path of the folder.
    sum_tolerance
        Relative gap [share] between a parent's value and its children's sum beyond which a
        warning is given (default :data:`DEFAULT_SUM_TOLERANCE`).

    Returns
    -------
    (report, dataset)
        ``dataset`` is None when the report has errors.
    """
    path = Path(folder)
    report = ValidationReport(str(path))
    if not path.is_dir():
        report.add(
            "error",
            str(path),
            "the data folder does not exist." if not path.exists() else "this is not a folder.",
            "give the path of a folder holding units.csv, indicators.csv and observations.csv.",
        )
        return report, None
    tables: dict[str, Table | None] = {}
    for stem in ("units", "indicators", "observations", "targets", "projects"):
        file = find_table(path, stem, report)
        if file is None:
            if stem in ("units", "indicators", "observations") and not any(
                p.file in (f"{stem}.csv", f"{stem}.xlsx") for p in report.errors
            ):
                report.add(
                    "error",
                    f"{stem}.csv",
                    f"the required file {stem}.csv (or {stem}.xlsx) is missing.",
                    f"add {stem}.csv to {path}; see DATA_CONTRACT.md for its columns.",
                )
            tables[stem] = None
            continue
        table = read_table(file, report)
        if table is not None and not _check_columns(table, stem, report):
            table = None
        tables[stem] = table
    hierarchy = _load_units(tables["units"], report) if tables["units"] else None
    indicators = _load_indicators(tables["indicators"], report) if tables["indicators"] else None
    obs = (
        _load_observations(tables["observations"], hierarchy, indicators, report)
        if tables["observations"]
        else None
    )
    targets = (
        _load_targets(tables["targets"], hierarchy, indicators, report)
        if tables["targets"]
        else pd.DataFrame(columns=REQUIRED_COLUMNS["targets"])
    )
    projects = (
        _load_projects(tables["projects"], hierarchy, report)
        if tables["projects"]
        else pd.DataFrame(columns=REQUIRED_COLUMNS["projects"])
    )
    if obs is not None and indicators is not None and hierarchy is not None:
        obs_file = tables["observations"].file  # type: ignore[union-attr]
        _check_flows(obs, indicators, obs_file, report)
        _check_gaps(obs, obs_file, report)
        _check_sums(obs, hierarchy, indicators, obs_file, report, sum_tolerance)
    if not report.ok or hierarchy is None or indicators is None or obs is None:
        return report, None
    dataset = DataSet(
        folder=path,
        hierarchy=hierarchy,
        indicators=indicators,
        observations=obs.drop(columns=["row"]),
        targets=targets,
        projects=projects,
    )
    return report, dataset


def load_folder(folder: str | Path, *, sum_tolerance: float = DEFAULT_SUM_TOLERANCE) -> DataSet:
    """Load a data folder, raising :class:`DataError` (with the full report) on any error.

    Warnings and automatic fixes do not stop the load; they are available from
    :func:`validate_folder`.
    """
    report, dataset = validate_folder(folder, sum_tolerance=sum_tolerance)
    if dataset is None:
        raise DataError(report)
    return dataset
