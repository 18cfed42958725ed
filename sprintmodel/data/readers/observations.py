"""``observations.csv``: year-to-date values and growth, one row per unit × indicator × period."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sprintmodel.data.model import Hierarchy, Indicator
from sprintmodel.data.parse import normalise_codes, parse_numbers, parse_periods
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.common import check_membership
from sprintmodel.data.tables import Table

__all__ = ["load_observations"]


def load_observations(
    table: Table,
    hierarchy: Hierarchy | None,
    indicators: dict[str, Indicator] | None,
    report: ValidationReport,
) -> pd.DataFrame | None:
    """The observations, sorted by unit, indicator and period, or None after an error.

    Columns ``unit, indicator, u, i, period, year, index, freq, month, ytd_value, ytd_growth,
    row, single_growth`` (``single_growth``: the optional column of the single month's or
    quarter's growth [%], NaN where absent) (``u``/``i`` are the sorted codes' positions, ``row`` the spreadsheet row; the loader
    drops those three). Rows with neither value nor growth are left out (a warning); exact
    repeats are dropped (``fixed``); conflicting repeats and mixed frequencies are errors.
    """
    f = table.frame
    n_errors = len(report.errors)
    measure = _check_codes(table, hierarchy, indicators, report)
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
    value, growth = _numbers(table, indicators, measure, report)
    single = _single_growth(table, report)
    empty = (value.isna() & growth.isna() & single.isna()).to_numpy()
    n_empty = int(empty.sum())
    if n_empty:
        first = int(f.index[empty][0])
        report.add(
            "warning",
            table.file,
            f"{n_empty} row(s) have neither ytd_value nor ytd_growth nor single_growth (first "
            f"at row {first}); "
            "they are treated as not published.",
            row=first,
        )
    u_code, u_names = pd.factorize(f["unit"].to_numpy(dtype=object), sort=True)
    i_code, i_names = pd.factorize(f["indicator"].to_numpy(dtype=object), sort=True)
    codes = (u_code, np.asarray(u_names, dtype=object), i_code, np.asarray(i_names, dtype=object))
    drop = _duplicates(table, periods, value, growth.fillna(single), codes, report)
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
    obs = _frame(table, periods, value, growth, keep, codes, report)
    if obs is not None:
        obs["single_growth"] = single.to_numpy()[obs["row"].map(_position(f)).to_numpy()]
    if obs is not None:
        _warn_real_values_without_growth(obs, indicators, table, report)
    return obs


def _check_codes(
    table: Table,
    hierarchy: Hierarchy | None,
    indicators: dict[str, Indicator] | None,
    report: ValidationReport,
) -> pd.Series | None:
    """Check unit and indicator codes; the measure of each row's indicator (None unknown)."""
    f = table.frame
    normalise_codes(table, "unit", report)
    normalise_codes(table, "indicator", report)
    if hierarchy is not None:
        check_membership(
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
        check_membership(
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
    return measure


def _position(frame: pd.DataFrame) -> dict[object, int]:
    """Spreadsheet row → position in ``frame``."""
    return {r: k for k, r in enumerate(frame.index)}


def _single_growth(table: Table, report: ValidationReport) -> pd.Series:
    """The optional ``single_growth`` [%] (growth of the single month or quarter on the same
    period last year, 当月同比 / 当季同比) as floats; all NaN without the column."""
    f = table.frame
    if "single_growth" not in f.columns:
        return pd.Series(np.nan, index=f.index, dtype=float)
    single = parse_numbers(table, "single_growth", report, kind="percent")
    _refuse_impossible_growth(table, single, "single_growth", report)
    return single


def _refuse_impossible_growth(
    table: Table, growth: pd.Series, column: str, report: ValidationReport
) -> None:
    """An error per row whose growth [%] in ``column`` is -100% or less (a level cannot fall
    by all of itself or more)."""
    impossible = (growth <= -100).to_numpy()
    if impossible.any():
        report.add_rows(
            "error",
            table.file,
            table.frame.index[impossible],
            lambda r: f"growth {growth.at[r]:g} is -100% or less, which is impossible for a level.",
            f"check the sign and the unit of '{column}' (percent, e.g. 5.2).",
            column,
        )


def _numbers(
    table: Table,
    indicators: dict[str, Indicator] | None,
    measure: pd.Series | None,
    report: ValidationReport,
) -> tuple[pd.Series, pd.Series]:
    """``ytd_value`` [measure] and ``ytd_growth`` [%] as floats, with their range checks."""
    f = table.frame
    value = parse_numbers(table, "ytd_value", report, kind="level", measure=measure)
    growth = parse_numbers(table, "ytd_growth", report, kind="percent")
    _refuse_impossible_growth(table, growth, "ytd_growth", report)
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
    return value, growth


def _duplicates(
    table: Table,
    periods: pd.DataFrame,
    value: pd.Series,
    growth: pd.Series,
    codes: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    report: ValidationReport,
) -> np.ndarray:
    """Rows repeating an earlier unit × indicator × period: exact copies are to be dropped
    (the mask returned, reported as fixed); copies with other values are errors."""
    f = table.frame
    u_code, _, i_code, i_names = codes
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
    return drop


def _frame(
    table: Table,
    periods: pd.DataFrame,
    value: pd.Series,
    growth: pd.Series,
    keep: np.ndarray,
    codes: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    report: ValidationReport,
) -> pd.DataFrame | None:
    """The kept rows as the sorted observations frame; None where a series mixes frequencies."""
    f = table.frame
    u_code, u_names, i_code, i_names = codes
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
