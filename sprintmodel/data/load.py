"""Load and validate a data folder (``../shared/DATA_CONTRACT.md``).

:func:`validate_folder` reads every table, checks it, and returns the report together with the
:class:`~sprintmodel.data.model.DataSet` when there is no error; :func:`load_folder` raises
:class:`~sprintmodel.data.problems.DataError` instead. Checks are vectorised with pandas (codes
and periods are parsed once per distinct value), so that a folder of 1,000 units × 10 indicators
× 12 years of monthly data validates in a few seconds; see ``benchmarks/bench_load.py``.

Every problem names the file, the spreadsheet row (the header is row 1) and the column, says
what is wrong and how to fix it. Unambiguous repairs are reported as ``fixed``; nothing is
changed silently. The catalogue of broken inputs and what happens to each is in
``docs/bad_input.md``.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from sprintmodel.data.consistency import (
    check_flows,
    check_fractions,
    check_gaps,
    check_magnitudes,
    check_sums,
)
from sprintmodel.data.model import (
    PROJECT_CATEGORIES,
    PROJECT_STATUSES,
    UNIT_KINDS,
    DataSet,
    Hierarchy,
    Indicator,
    Unit,
)
from sprintmodel.data.parse import (
    CODE_PATTERN,
    check_code_syntax,
    closest,
    normalise_codes,
    parse_choice,
    parse_numbers,
    parse_periods,
)
from sprintmodel.data.plausibility import (
    DataWarning,
    check_far_periods,
    check_growth_scale,
    check_targets,
    check_unreported,
)
from sprintmodel.data.problems import DataError, ValidationReport
from sprintmodel.data.tables import Table, find_table, read_table

__all__ = [
    "CODE_PATTERN",
    "DEFAULT_SUM_TOLERANCE",
    "REQUIRED_COLUMNS",
    "load_folder",
    "validate_folder",
]

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
# Columns that may be missing altogether (they default to empty).
MAY_BE_ABSENT = {
    "units": {"name_zh", "name_en", "rollup"},
    "indicators": {"name_zh", "name_en", "measure"},
    "observations": set(),
    "targets": set(),
    "projects": {"planned_entry", "output_at_capacity", "value_added_rate", "planned_production"},
}
REQUIRED_FILES = ("units", "indicators", "observations")

YES_NO_ALIASES = {
    "y": "yes",
    "true": "yes",
    "1": "yes",
    "是": "yes",
    "n": "no",
    "false": "no",
    "0": "no",
    "否": "no",
}
KIND_ALIASES = {
    "市": "city",
    "全市": "city",
    "区": "district",
    "市辖区": "district",
    "县": "county",
    "县级市": "county",
    "园区": "park",
    "开发区": "park",
    "高新区": "park",
    "镇": "town",
    "乡": "town",
    "街道": "town",
    "乡镇": "town",
    "企业集团": "enterprise_group",
    "其他": "other",
}
BASIS_ALIASES = {"名义": "nominal", "现价": "nominal", "实际": "real", "可比价": "real"}
DIRECTION_ALIASES = {
    "min": "at_least",
    "higher": "at_least",
    ">=": "at_least",
    "≥": "at_least",
    "不低于": "at_least",
    "以上": "at_least",
    "max": "at_most",
    "lower": "at_most",
    "ceiling": "at_most",
    "<=": "at_most",
    "≤": "at_most",
    "不高于": "at_most",
    "不超过": "at_most",
    "以内": "at_most",
    "控制在以内": "at_most",
}
STATUS_ALIASES = {
    "签约": "signed",
    "已签约": "signed",
    "待供地": "land_pending",
    "已批": "approved",
    "已审批": "approved",
    "在建": "under_construction",
    "开工": "under_construction",
    "投产": "producing",
    "已投产": "producing",
}
CATEGORY_ALIASES = {
    "工业": "industrial",
    "产业": "industrial",
    "基础设施": "infrastructure",
    "政府": "government",
    "房地产": "real_estate",
    "服务业": "services",
    "其他": "other",
}
TOTAL_WORDS = {"合计", "总计", "小计", "全市合计", "total", "sum", "all"}


def _check_columns(table: Table, stem: str, report: ValidationReport) -> bool:
    cols = list(table.frame.columns)
    required = REQUIRED_COLUMNS[stem]
    missing = [c for c in required if c not in cols and c not in MAY_BE_ABSENT[stem]]
    extra = [x for x in cols if x not in required]
    for c in missing:
        hint = closest(c, extra, cutoff=0.6)
        fix = (
            f"rename the column '{hint.split(chr(39))[1]}' to '{c}'."
            if hint
            else f"add a column named '{c}'."
        )
        report.add(
            "error",
            table.file,
            f"the required column '{c}' is missing (columns found: {', '.join(cols)}).",
            fix,
            row=1,
        )
    for c in required:
        if c not in cols and c in MAY_BE_ABSENT[stem]:
            table.frame[c] = ""
    return not missing


def _yes_no(table: Table, column: str, default: str | None, report: ValidationReport) -> pd.Series:
    words = parse_choice(
        table,
        column,
        ["yes", "no"],
        report,
        aliases=YES_NO_ALIASES,
        empty=default,
        what="yes/no value",
        message="'{value}' is not yes or no.",
        fix=f"write 'yes' or 'no' in '{column}'"
        + (f" (empty means {default})." if default else "."),
    )
    return words == "yes"


def _check_unique(table: Table, column: str, report: ValidationReport) -> None:
    codes = table.frame[column]
    dup = codes.duplicated(keep="first").to_numpy() & (codes.to_numpy(dtype=object) != "")
    if not dup.any():
        return
    first = pd.Series(codes.index, index=codes.to_numpy()).groupby(level=0).first()
    report.add_rows(
        "error",
        table.file,
        codes.index[dup],
        lambda r: (
            f"the code '{codes.at[r]}' appears again (first at row {int(first[codes.at[r]])})."
        ),
        "give every row a unique code, or delete the duplicate row.",
        column,
    )


def _unknown_code_message(
    value: str, what: str, hierarchy: Hierarchy | None, choices: list[str]
) -> str:
    """``unknown unit 'x'.`` with the closest code, or the code whose name it is."""
    text = f"unknown {what} '{value}'."
    if value == "":
        return f"the {what} is empty."
    if value.strip().lower() in TOTAL_WORDS:
        return text + " It looks like a total row; totals come from the root unit's own rows."
    if hierarchy is not None and what == "unit":
        by_name = {u.name_zh: c for c, u in hierarchy.units.items() if u.name_zh}
        by_name.update({u.name_en.lower(): c for c, u in hierarchy.units.items() if u.name_en})
        hit = by_name.get(value) or by_name.get(value.lower())
        if hit:
            return text + f" That is the name of unit '{hit}'; write its code."
        names = list(by_name)
        near = closest(value, names, cutoff=0.6)
        if near:
            name = near.split("'")[1]
            return text + f" Did you mean '{by_name[name]}' ({name})? (renamed?)"
    return text + closest(value, choices)


def _check_membership(
    table: Table,
    column: str,
    known: list[str],
    what: str,
    fix: str,
    report: ValidationReport,
    hierarchy: Hierarchy | None = None,
) -> np.ndarray:
    """Rows whose code is not in ``known`` are errors; returns the mask of bad rows."""
    values = table.frame[column]
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    bad_u = ~pd.Index(uniques).isin(known)
    bad = bad_u[codes] if len(codes) else np.zeros(0, dtype=bool)
    if bad.any():
        messages = {
            str(u): _unknown_code_message(str(u), what, hierarchy, known)
            for u in np.asarray(uniques)[bad_u]
        }
        report.add_rows(
            "error",
            table.file,
            values.index[bad],
            lambda r: messages[str(values.at[r])],
            fix,
            column,
        )
    return bad


# --------------------------------------------------------------------------- units
def _load_units(table: Table, report: ValidationReport) -> Hierarchy | None:
    f = table.frame
    n_errors = len(report.errors)
    normalise_codes(table, "unit", report)
    normalise_codes(table, "parent", report)
    check_code_syntax(table, "unit", report)
    _check_unique(table, "unit", report)
    rollup = _yes_no(table, "rollup", "yes", report)
    kinds = parse_choice(table, "kind", UNIT_KINDS, report, aliases=KIND_ALIASES, what="kind")
    codes = list(dict.fromkeys(f["unit"]))
    parent = f["parent"]
    unknown = (parent != "") & ~parent.isin(codes)
    if unknown.any():
        hier_stub = Hierarchy(
            {
                c: Unit(c, name_zh=f.at[r, "name_zh"], name_en=f.at[r, "name_en"])
                for r, c in zip(f.index, f["unit"], strict=True)
            }
        )
        report.add_rows(
            "error",
            table.file,
            parent.index[unknown],
            lambda r: (
                f"the parent '{parent.at[r]}' of unit '{f.at[r, 'unit']}' is not a unit."
                + _unknown_code_message(str(parent.at[r]), "unit", hier_stub, codes).split(".", 1)[
                    1
                ]
            ),
            "set 'parent' to the code of a unit listed in units.csv.",
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
        names = ", ".join(f"'{f.at[r, 'unit']}' (row {r})" for r in roots[:10])
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
    # Cycles: walk up from every unit (each unit is visited once over all walks).
    parent_of = dict(zip(f["unit"], f["parent"], strict=True))
    row_of = dict(zip(f["unit"], f.index, strict=True))
    state: dict[str, int] = {}  # 1 on the current path, 2 known to reach the root
    for start in parent_of:
        path: list[str] = []
        u = start
        while u and state.get(u) is None:
            state[u] = 1
            path.append(u)
            u = parent_of[u]
        if u and state.get(u) == 1:
            cycle = [*path[path.index(u) :], u]
            report.add(
                "error",
                table.file,
                f"the parents form a cycle: {' → '.join(cycle)}.",
                "each unit's chain of parents must end at the city.",
                int(row_of[u]),
                "parent",
            )
        for p in path:
            state[p] = 2
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
    normalise_codes(table, "indicator", report)
    check_code_syntax(table, "indicator", report)
    _check_unique(table, "indicator", report)
    basis = parse_choice(
        table,
        "basis",
        ["nominal", "real"],
        report,
        aliases=BASIS_ALIASES,
        message="basis '{value}' is neither 'nominal' nor 'real'.",
        fix="write 'real' where growth is at comparable prices (GDP, industrial value added), "
        "'nominal' where growth is the ratio of values.",
    )
    additive = _yes_no(table, "additive", None, report)
    direction = (
        parse_choice(
            table,
            "target_direction",
            ["at_least", "at_most"],
            report,
            aliases=DIRECTION_ALIASES,
            empty="at_least",
            message="target_direction '{value}' is neither 'at_least' nor 'at_most'.",
            fix="write 'at_most' where the target is a ceiling (an unemployment rate held "
            "within 5.5%), 'at_least' (or leave empty) where it is a floor.",
        )
        if "target_direction" in f.columns
        else pd.Series("at_least", index=f.index)
    )
    flow = _yes_no(table, "flow", "", report) if "flow" in f.columns else additive
    if "flow" in f.columns:
        flow = flow.where(f["flow"] != "", additive)
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
            target_direction=direction.at[row],
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
    normalise_codes(table, "unit", report)
    normalise_codes(table, "indicator", report)
    if hierarchy is not None:
        _check_membership(
            table,
            "unit",
            list(hierarchy.units),
            "unit",
            "use a code from units.csv, or add the unit there.",
            report,
            hierarchy,
        )
    measure = None
    if indicators is not None:
        _check_membership(
            table,
            "indicator",
            list(indicators),
            "indicator",
            "use a code from indicators.csv, or add the indicator there.",
            report,
        )
        codes, uniques = pd.factorize(f["indicator"].to_numpy(dtype=object))
        u_measure = np.array(
            [indicators[u].measure if u in indicators else "" for u in uniques], dtype=object
        )
        measure = pd.Series(u_measure[codes], index=f.index, dtype=object)
    periods = parse_periods(table, "period", report)
    empty_period = f["period"].to_numpy(dtype=object) == ""
    if empty_period.any():
        report.add_rows(
            "error",
            table.file,
            f.index[empty_period],
            "the period is empty.",
            "write the period as YYYYQn (2026Q3) or YYYY-MM (2026-09).",
            "period",
        )
    value = parse_numbers(table, "ytd_value", report, kind="level", measure=measure)
    growth = parse_numbers(table, "ytd_growth", report, kind="percent")
    impossible = (growth <= -100).to_numpy()
    if impossible.any():
        report.add_rows(
            "error",
            table.file,
            f.index[impossible],
            lambda r: f"growth {growth.at[r]:g} is -100% or less, which is impossible for a level.",
            "check the sign and the unit of 'ytd_growth' (percent, e.g. 5.2).",
            "ytd_growth",
        )
    if indicators is not None:
        flows = [c for c, ind in indicators.items() if ind.flow]
        negative = (value < 0).to_numpy() & f["indicator"].isin(flows).to_numpy()
        if negative.any():
            report.add_rows(
                "error",
                table.file,
                f.index[negative],
                lambda r: (
                    f"the year-to-date value {value.at[r]:g} of the flow indicator "
                    f"'{f.at[r, 'indicator']}' is negative."
                ),
                "check the sign; an indicator that can be negative (a net balance) needs "
                "flow=no in indicators.csv.",
                "ytd_value",
            )
    empty = (value.isna() & growth.isna()).to_numpy()
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
    # Duplicates: identical rows are dropped (reported); conflicting ones are errors.
    u_code, u_names = pd.factorize(f["unit"].to_numpy(dtype=object), sort=True)
    i_code, i_names = pd.factorize(f["indicator"].to_numpy(dtype=object), sort=True)
    p_code, _ = pd.factorize(periods["period"].to_numpy(dtype=object))
    pair, _ = pd.factorize(u_code.astype(np.int64) * (len(i_names) + 1) + i_code)
    key = pair.astype(np.int64) * (int(p_code.max(initial=0)) + 2) + p_code
    dup = pd.Series(key).duplicated(keep="first").to_numpy() & periods["valid"].to_numpy()
    drop = np.zeros(len(f), dtype=bool)
    if dup.any():
        vals = np.column_stack([value.to_numpy(), growth.to_numpy()])
        frame = pd.DataFrame({"key": key, "v": vals[:, 0], "g": vals[:, 1], "row": f.index})
        firsts = frame.drop_duplicates("key").set_index("key")
        ref = firsts.loc[key[dup]]
        same = (
            (ref.v.to_numpy() == vals[dup, 0])
            | (np.isnan(ref.v.to_numpy()) & np.isnan(vals[dup, 0]))
        ) & (
            (ref.g.to_numpy() == vals[dup, 1])
            | (np.isnan(ref.g.to_numpy()) & np.isnan(vals[dup, 1]))
        )
        dup_rows = f.index[dup]
        first_row = dict(zip(dup_rows, ref.row.to_numpy(), strict=True))
        if same.any():
            drop[np.flatnonzero(dup)[same]] = True
            report.add(
                "fixed",
                table.file,
                f"{int(same.sum())} row(s) repeat an earlier row exactly and were dropped "
                f"(first at row {int(dup_rows[same][0])}, a copy of row "
                f"{int(first_row[dup_rows[same][0]])}).",
                "delete the repeated rows.",
                row=int(dup_rows[same][0]),
            )
        if (~same).any():
            report.add_rows(
                "error",
                table.file,
                dup_rows[~same],
                lambda r: (
                    f"duplicate row for unit '{f.at[r, 'unit']}', indicator "
                    f"'{f.at[r, 'indicator']}', period '{f.at[r, 'period']}' "
                    f"with other values (first at row {int(first_row[r])})."
                ),
                "keep one row per unit × indicator × period.",
                "period",
            )
    if len(report.errors) > n_errors:
        return None
    keep = ~(empty | drop)
    if not keep.any():
        report.add(
            "error",
            table.file,
            "the file has no observations (no row has a value or a growth).",
            "add the year-to-date values and growth rates below the header.",
            row=2,
        )
        return None
    is_month = periods["is_month"].to_numpy()
    index = periods["index"].to_numpy()
    obs = pd.DataFrame(
        {
            "u": u_code[keep],
            "i": i_code[keep],
            "period": periods["period"].to_numpy()[keep],
            "year": periods["year"].to_numpy()[keep],
            "index": index[keep],
            "freq": np.where(is_month[keep], "M", "Q"),
            "month": np.where(is_month, index, index * 3)[keep],
            "ytd_value": value.to_numpy()[keep],
            "ytd_growth": growth.to_numpy()[keep],
            "row": f.index.to_numpy()[keep],
        }
    )
    order = np.lexsort(
        (obs.month.to_numpy(), obs.year.to_numpy(), obs.i.to_numpy(), obs.u.to_numpy())
    )
    obs = obs.iloc[order].reset_index(drop=True)
    obs.insert(0, "unit", np.asarray(u_names, dtype=object)[obs.u.to_numpy()])
    obs.insert(1, "indicator", np.asarray(i_names, dtype=object)[obs.i.to_numpy()])
    # One frequency per series.
    sid = obs.u.to_numpy(dtype=np.int64) * (len(i_names) + 1) + obs.i.to_numpy()
    monthly = obs.freq.to_numpy() == "M"
    n_month = pd.Series(monthly).groupby(sid).transform("sum").to_numpy()
    mixed = (n_month > 0) & (n_month < pd.Series(sid).groupby(sid).transform("size").to_numpy())
    if mixed.any():
        m = obs[mixed & ~monthly].drop_duplicates(["u", "i"])
        for r in m.itertuples():
            report.add(
                "error",
                table.file,
                f"unit '{r.unit}', indicator '{r.indicator}' mixes quarterly (YYYYQn) and "
                "monthly (YYYY-MM) periods.",
                "a series is either quarterly or monthly throughout; for monthly series give the "
                "quarter ends as YYYY-03, YYYY-06, YYYY-09, YYYY-12.",
                int(r.row),
                "period",
            )
        return None
    _warn_real_values_without_growth(obs, indicators, table, report)
    return obs


def _warn_real_values_without_growth(
    obs: pd.DataFrame,
    indicators: dict[str, Indicator] | None,
    table: Table,
    report: ValidationReport,
) -> None:
    """Warn where a real indicator gives a value but no growth although last year's exists.

    Real growth is at comparable prices: it cannot be computed from current-price values, so
    such periods have no growth and are not forecast (the contract lets ``ytd_growth`` be empty
    only "where it follows from values", which is never the case for a real indicator).
    """
    if not indicators:
        return
    real = [c for c, ind in indicators.items() if ind.basis == "real"]
    cand = obs[obs.indicator.isin(real) & obs.ytd_value.notna() & obs.ytd_growth.isna()]
    if cand.empty:
        return
    have = obs[obs.ytd_value.notna()][["u", "i", "year", "month"]].assign(prev=True)
    have = have.assign(year=have.year + 1)
    hit = cand.merge(have, on=["u", "i", "year", "month"], how="left")
    hit = hit[hit.prev.eq(True).to_numpy()]
    for code, rows in hit.groupby("indicator", sort=True):
        first = rows.sort_values("row").iloc[0]
        report.add(
            "warning",
            table.file,
            f"indicator '{code}' is real (growth at comparable prices), but {len(rows)} row(s) "
            f"in {rows.unit.nunique()} unit(s) give ytd_value without ytd_growth although last "
            f"year's value exists (first: unit '{first.unit}', period {first.period}); real "
            "growth cannot be computed from current-price values, so those periods have no "
            "growth and are not forecast.",
            "fill ytd_growth with the published growth at comparable prices, or set basis to "
            "nominal in indicators.csv if the values are at constant prices.",
            row=int(first.row),
            column="ytd_growth",
        )


# ------------------------------------------------------------------------- targets
def _load_targets(
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
                + _unknown_code_message(
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


# ------------------------------------------------------------------------ projects
_MONTH_COLUMNS = ("planned_start", "planned_finish", "planned_entry", "planned_production")


def _load_projects(
    table: Table, hierarchy: Hierarchy | None, report: ValidationReport
) -> pd.DataFrame:
    f = table.frame
    normalise_codes(table, "project", report)
    normalise_codes(table, "unit", report)
    check_code_syntax(table, "project", report)
    _check_unique(table, "project", report)
    if hierarchy is not None:
        for row in f.index[~f["unit"].isin(list(hierarchy.units))]:
            report.add(
                "error",
                table.file,
                f"project '{f.at[row, 'project']}' belongs to the "
                + _unknown_code_message(
                    str(f.at[row, "unit"]), "unit", hierarchy, list(hierarchy.units)
                ),
                "use a unit code from units.csv.",
                int(row),
                "unit",
            )
    f["category"] = parse_choice(
        table, "category", PROJECT_CATEGORIES, report, aliases=CATEGORY_ALIASES, what="category"
    )
    f["status"] = parse_choice(
        table, "status", PROJECT_STATUSES, report, aliases=STATUS_ALIASES, what="status"
    )
    numbers = {
        c: parse_numbers(table, c, report, kind="level", measure="亿元")
        for c in ("total_investment", "invested_to_date", "output_at_capacity")
    }
    numbers["value_added_rate"] = parse_numbers(table, "value_added_rate", report, kind="share")
    for row in f.index[numbers["total_investment"].isna()]:
        report.add(
            "error",
            table.file,
            "total_investment is empty.",
            "give the planned total in 亿元.",
            int(row),
            "total_investment",
        )
    for c in ("total_investment", "invested_to_date", "output_at_capacity"):
        for row in f.index[numbers[c] < 0]:
            report.add(
                "error",
                table.file,
                f"{c} {numbers[c][row]:g} is negative.",
                "write the amount in 亿元 as a positive number.",
                int(row),
                c,
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
        percent = 1 < rate[row] <= 100
        report.add(
            "error",
            table.file,
            f"value_added_rate {rate[row]:g} is outside 0–1"
            + (" (it looks like a percent)." if percent else "."),
            f"write value added ÷ output as a share, e.g. {rate[row] / 100:g} (not {rate[row]:g})."
            if percent
            else "write value added ÷ output as a share, e.g. 0.25.",
            int(row),
            "value_added_rate",
        )
    months: dict[str, pd.Series] = {}
    for column in _MONTH_COLUMNS:
        parsed = parse_periods(table, column, report, months_only=True)
        months[column] = parsed["period"]
        if column in ("planned_start", "planned_finish"):
            for row in f.index[f[column] == ""]:
                report.add(
                    "error",
                    table.file,
                    f"{column} is empty.",
                    "write months as YYYY-MM, e.g. 2026-11.",
                    int(row),
                    column,
                )
    start, finish = months["planned_start"], months["planned_finish"]
    prod, entry = months["planned_production"], months["planned_entry"]
    for row in f.index[(start != "") & (finish != "") & (finish < start)]:
        report.add(
            "error",
            table.file,
            f"project '{f.at[row, 'project']}' finishes ({finish[row]}) before it starts "
            f"({start[row]}).",
            "check planned_start and planned_finish.",
            int(row),
            "planned_finish",
        )
    for row in f.index[(start != "") & (prod != "") & (prod < start)]:
        report.add(
            "error",
            table.file,
            f"project '{f.at[row, 'project']}' starts production ({prod[row]}) before "
            f"construction ({start[row]}).",
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
def _read_tables(path: Path, report: ValidationReport) -> dict[str, Table | None]:
    tables: dict[str, Table | None] = {}
    for stem in ("units", "indicators", "observations", "targets", "projects"):
        n_errors = len(report.errors)
        file = find_table(path, stem, report)
        if file is None:
            if stem in REQUIRED_FILES and len(report.errors) == n_errors:
                report.add(
                    "error",
                    f"{stem}.csv",
                    f"the required file {stem}.csv (or {stem}.xlsx) is missing.",
                    f"add {stem}.csv to {path}; see docs/data_contract.md for its columns.",
                )
            tables[stem] = None
            continue
        try:
            table = read_table(file, report, REQUIRED_COLUMNS[stem])
        except OSError as exc:
            report.add(
                "error",
                file.name,
                f"the file cannot be read ({exc.strerror or exc}).",
                "check that it exists and that you may read it.",
            )
            table = None
        if table is not None and not _check_columns(table, stem, report):
            table = None
        if table is not None and table.frame.empty:
            if stem in REQUIRED_FILES:
                report.add(
                    "error",
                    table.file,
                    "the file has a header but no data rows.",
                    "add the data below the header.",
                    row=2,
                )
            else:
                report.add(
                    "warning",
                    table.file,
                    "the file has a header but no rows; it is treated as absent.",
                    "add rows, or delete the file.",
                )
            table = None
        tables[stem] = table
    return tables


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
    tables = _read_tables(path, report)
    units_t, ind_t, obs_t = tables["units"], tables["indicators"], tables["observations"]
    hierarchy = _load_units(units_t, report) if units_t else None
    indicators = _load_indicators(ind_t, report) if ind_t else None
    obs = _load_observations(obs_t, hierarchy, indicators, report) if obs_t else None
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
    if obs is not None and indicators is not None and hierarchy is not None and obs_t is not None:
        check_flows(obs, indicators, obs_t.file, report)
        check_gaps(obs, obs_t.file, report)
        check_sums(obs, hierarchy, indicators, obs_t.file, report, sum_tolerance)
        check_magnitudes(obs, indicators, obs_t.file, report)
        check_fractions(obs, indicators, obs_t.file, report)
        report.announce += check_unreported(obs, obs_t.file, report)
        report.announce += check_growth_scale(obs, indicators, obs_t.file, report)
        check_far_periods(obs, obs_t.file, report)
        if tables["targets"] is not None and len(targets):
            rows = tables["targets"].frame.index.to_numpy()
            report.announce += check_targets(
                targets, rows, obs, indicators, tables["targets"].file, report
            )
    if not report.ok or hierarchy is None or indicators is None or obs is None:
        return report, None
    dataset = DataSet(
        folder=path,
        hierarchy=hierarchy,
        indicators=indicators,
        observations=obs.drop(columns=["row", "u", "i"]),
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
    for text in report.announce:
        warnings.warn(text, DataWarning, stacklevel=2)
    return dataset


_ = re  # kept for backwards-compatible imports of this module's namespace
