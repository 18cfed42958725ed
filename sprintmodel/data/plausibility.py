"""Completeness and plausibility of a loaded folder: checks that stop silent wrong numbers.

Each check looks at the parsed observations (or targets) as a whole, so that it catches what
no single cell shows:

* :func:`check_unreported`: a unit × indicator whose latest period is missing while its siblings
  (units with the same parent; for the city, its children) have it (a district that has not
  reported yet). The forecast then stands at
  the unit's own last period and reconciles the whole at the last period every unit reported
  (:mod:`sprintmodel.forecast.api`); the warning says so.
* :func:`check_growth_scale`: growth typed ×100 (``540`` for 5.4%), beyond the plausible
  range (:data:`GROWTH_RANGE`).
* :func:`check_sibling_scale`: a unit thousands of times off its siblings (a whole series in
  万元 or 人).
* :func:`check_far_periods`: a period far beyond the rest of the data (``2126Q3`` for 2026Q3),
  which would silently become the default as-of date.
* :func:`check_targets`: target growth typed ×100 and targets whose growth and value contradict
  each other by more than prices can explain.

Warnings from these checks are also raised as :class:`DataWarning` by
:func:`sprintmodel.data.load_folder`, so that every command prints them, not only ``validate``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sprintmodel.data.model import Hierarchy, Indicator
from sprintmodel.data.problems import ValidationReport

GROWTH_X100_LIMIT = 100.0
"""|growth| [%] at or above which a growth is checked for a ×100 slip. An assumption: year-to-
date growth of 100% or more is rare outside small series (a park's investment)."""

GROWTH_RANGE = {"real": 60.0, "nominal": 300.0}
"""Plausible range of year-to-date growth [%], ±. An assumption, well beyond the extremes of
the national record in 2020-2021: industrial value added Jan-Feb 2021 +35.1% and GDP 2021Q1
+18.3% (real), after GDP 2020Q1 −6.8% and IVA Jan-Feb 2020 −13.5% (NBS releases); a city's
district swings more than the nation, and a small unit's nominal series (a park's
investment) can triple from a small base, hence +300%."""

SIBLING_FACTOR = 3000.0
"""A unit whose values are this many times larger (or smaller) than its siblings' (same
parent, same indicator) is reported as written in another unit (万元 for 亿元, 人 for 万人:
factors of 10,000). An assumption: districts of one city differ by a factor of at most a few
hundred (a central district against a rural county), parks included."""

FAR_YEARS = 2
"""A period more than this many years [years] after the next latest period of the data is a
typo (2126Q3). An assumption: a folder is updated at least every other year."""

TARGET_GAP_PP = {"nominal": 10.0, "real": 20.0}
"""Gap [pp] between a target's growth and the growth its value implies over last year's
full-year value beyond which the two contradict each other. An assumption: prices move real
and nominal growth apart by well under 20 pp; nominal targets should agree to rounding."""

TARGET_FACTOR = 3.0
"""A target value this many times off the value its growth implies is an error (a 万元/亿元
slip or a typed number such as 9999), not a warning."""


class DataWarning(UserWarning):
    """A plausibility or completeness problem in a data folder that the load worked around."""


def _abs_month(obs: pd.DataFrame) -> np.ndarray:
    return obs.year.to_numpy(dtype=np.int64) * 12 + obs.month.to_numpy(dtype=np.int64)


def _label(month: int, freq: str) -> str:
    y, m = divmod(month, 12)
    if m == 0:
        y, m = y - 1, 12
    return f"{y}Q{m // 3}" if freq == "Q" else f"{y}-{m:02d}"


def check_unreported(
    obs: pd.DataFrame, hierarchy: Hierarchy, file: str, report: ValidationReport
) -> list[str]:
    """Warn about unit × indicator series that stop before their siblings' latest period.

    A series is compared strictly with its **siblings** (units with the same parent, at the
    same frequency), not with every unit of the indicator: a street that publishes later than
    the districts is not "late" for that. A unit without siblings (the city) is compared with
    its children, the units that report to it. A series counts when it reported within the
    year before its peers' latest period (so a series discontinued years ago is not flagged).
    Returns the messages (for :class:`DataWarning`).
    """
    if obs.empty:
        return []
    has = obs.ytd_value.notna().to_numpy() | obs.ytd_growth.notna().to_numpy()
    o = obs.loc[has, ["unit", "indicator", "freq"]].assign(t=_abs_month(obs)[has])
    last = o.groupby(["indicator", "freq", "unit"], sort=False)["t"].max().reset_index()
    parent = {c: u.parent or "" for c, u in hierarchy.units.items()}
    last["parent"] = last.unit.map(parent).fillna("")
    # Peers' latest period: siblings' (one group per parent; a unit below the group's latest
    # is below its siblings'), or for a unit without siblings its children's.
    keys = ["indicator", "freq", "parent"]
    top = last.groupby(keys)["t"].transform("max")
    n_at = last.assign(at=last.t.eq(top)).groupby(keys)["at"].transform("sum")
    n_sib = last.groupby(keys)["t"].transform("size")
    kids = last.assign(parent=last.parent.where(last.parent != "", None)).dropna(subset=["parent"])
    kid_top = kids.groupby(["indicator", "freq", "parent"])["t"].max()
    kid_n = (
        kids.assign(at=kids.t.eq(kids.groupby(keys)["t"].transform("max")))
        .groupby(keys)["at"]
        .sum()
    )
    alone = (n_sib == 1).to_numpy()
    own = pd.MultiIndex.from_arrays([last.indicator, last.freq, last.unit])
    top = top.to_numpy(dtype=float)
    n_at = n_at.to_numpy(dtype=float)
    top[alone] = kid_top.reindex(own[alone]).to_numpy()
    n_at[alone] = kid_n.reindex(own[alone]).to_numpy()
    t = last.t.to_numpy()
    with np.errstate(invalid="ignore"):
        late = np.flatnonzero((t < top) & (t >= top - 12))
    # One message per unit and gap (a district that has not reported October misses it in
    # every indicator: one warning naming them, not one per indicator).
    groups: dict[tuple[str, str, str, bool, str], list[int]] = {}
    for j in late:
        r = last.iloc[j]
        want, have = _label(int(top[j]), r.freq), _label(int(t[j]), r.freq)
        groups.setdefault((r.unit, want, have, bool(alone[j]), r.parent), []).append(int(j))
    out: list[str] = []
    for (unit, want, have, by_children, under), rows in groups.items():
        counts = sorted({int(n_at[j]) for j in rows})
        n = f"{counts[0]}" if len(counts) == 1 else f"{counts[0]}-{counts[-1]}"
        peers = (
            f"{n} of its sibling unit(s) under '{under}'"
            if not by_children
            else f"{n} of the units under it"
        )
        codes = [str(last.indicator.iat[j]) for j in rows]
        what = (
            f"indicator '{codes[0]}' has"
            if len(codes) == 1
            else f"{len(codes)} indicators ({', '.join(codes)}) have"
        )
        text = (
            f"unit '{unit}', {what} no row for {want}, while {peers} "
            f"{'have it' if len(codes) == 1 else 'have them'} (a unit that has "
            f"not reported yet?). Its figures stand at {have}, its last period; forecasts use "
            f"{have} for it and reconcile the whole at the last period every unit reported."
        )
        report.add(
            "warning",
            file,
            text,
            f"add the {want} row for '{unit}' when it is published."
            if len(codes) == 1
            else f"add the {want} rows for '{unit}' when they are published.",
            column="period",
        )
        out.append(text)
    return out


def check_growth_scale(
    obs: pd.DataFrame, indicators: dict[str, Indicator], file: str, report: ValidationReport
) -> list[str]:
    """Growth typed ×100 (540 for 5.4), and growth outside the plausible range.

    A growth at or above :data:`GROWTH_X100_LIMIT` is an error where the data show a ×100 slip
    (last year's value of the same period gives a growth near ``g / 100``, or the series' other
    growth is near it), else a warning; a large growth that the values confirm (a park's
    investment tripling) is left alone unless it lies beyond :data:`GROWTH_RANGE`. A growth
    beyond :data:`GROWTH_RANGE` below that is a warning. (A fall of 100% or more is refused
    when the rows are read.)
    """
    g = obs.ytd_growth.to_numpy(dtype=float)
    basis = obs.indicator.map(lambda c: indicators[c].basis if c in indicators else "nominal")
    limit = np.where(basis.to_numpy() == "real", GROWTH_RANGE["real"], GROWTH_RANGE["nominal"])
    big = np.isfinite(g) & (np.abs(g) >= np.minimum(limit, GROWTH_X100_LIMIT))
    if not big.any():
        return []
    t = _abs_month(obs)
    sid = obs.unit.astype(str) + "\x1f" + obs.indicator.astype(str)
    key = pd.Index(sid + "\x1f" + pd.Series(t, index=obs.index).astype(str))
    lookup = pd.Series(obs.ytd_value.to_numpy(dtype=float), index=key)
    lookup = lookup[~lookup.index.duplicated()]
    prev_key = sid + "\x1f" + pd.Series(t - 12, index=obs.index).astype(str)
    prev = lookup.reindex(prev_key.to_numpy()).to_numpy()
    val = obs.ytd_value.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        implied = 100 * (val / prev - 1)
    small = pd.Series(np.where(np.abs(g) >= GROWTH_X100_LIMIT, np.nan, g), index=obs.index)
    med = small.groupby(sid.to_numpy()).transform("median").to_numpy()
    out: list[str] = []
    for j in np.flatnonzero(big):
        gj, shrunk = g[j], g[j] / 100
        huge = abs(gj) >= GROWTH_X100_LIMIT
        # prices move value growth a few points from real growth; a ×100 slip is 100-fold
        by_value = np.isfinite(implied[j]) and abs(implied[j] - shrunk) <= max(
            5.0, 0.5 * abs(shrunk)
        )
        value_confirms = np.isfinite(implied[j]) and abs(implied[j] - gj) <= 0.3 * abs(gj)
        by_series = np.isfinite(med[j]) and abs(med[j] - shrunk) <= max(2.0, 0.5 * abs(med[j]))
        row = obs.iloc[j]
        where = f"'{row.unit}', '{row.indicator}' in {row.period}"
        kind = "real" if limit[j] == GROWTH_RANGE["real"] else "nominal"
        fix = f"write growth in percent: {shrunk:g} for {shrunk:g}%, not {gj:g}."
        if value_confirms or not huge:
            if abs(gj) <= limit[j]:
                continue
            severity = "warning"
            text = (
                f"growth {gj:g}% of {where} lies beyond the plausible range of ±{limit[j]:g}% "
                f"for {kind} growth"
                + (f" (its values grow by {implied[j]:.1f}%)." if np.isfinite(implied[j]) else ".")
            )
            fix = (
                "check the growth and last year's value of the same period; keep it if it "
                "was published so (a new plant from a small base)."
            )
        elif by_value or by_series:
            why = (
                f"its values grow by {implied[j]:.1f}%"
                if by_value
                else f"the series' other growth is around {med[j]:.1f}%"
            )
            severity = "error"
            text = f"growth {gj:g} of {where} looks typed ×100: {why}."
        else:
            severity = "warning"
            text = f"growth {gj:g}% of {where} is implausibly large" + (
                f" (its values grow by {implied[j]:.1f}%)." if np.isfinite(implied[j]) else "."
            )
        report.add(
            severity,  # type: ignore[arg-type]
            file,
            text,
            fix,
            int(row.row),
            "ytd_growth",
        )
        if severity == "warning":
            out.append(text)
    return out


def check_sibling_scale(
    obs: pd.DataFrame, hierarchy: Hierarchy, file: str, report: ValidationReport
) -> list[str]:
    """A unit thousands of times larger or smaller than its siblings: a whole series written
    in another unit (万元 for 亿元, 人 for 万人), which no check within the series can see.

    Each unit × indicator's values are summarised by their median over the series' latest
    year and compared with the median of the units under the same parent (itself included,
    so that one unit off does not move the scale; with a single sibling, with that sibling).
    Off by :data:`SIBLING_FACTOR` or more: a warning, an error when the unit adds into its
    parent (``rollup``) and would exceed the parent's own value (a part larger than the
    whole gives nonsense shares and contributions). A negative value of a flow or a fall of
    100% or more is refused when the rows are read (:mod:`sprintmodel.data.readers`).
    Returns the warnings' messages (for :class:`DataWarning`).
    """
    v = obs.ytd_value.to_numpy(dtype=float)
    sid = obs.unit.astype(str).to_numpy() + "\x1f" + obs.indicator.astype(str).to_numpy()
    year = obs.year.to_numpy(dtype=np.int64)
    recent = year == pd.Series(year).groupby(sid).transform("max").to_numpy()
    ok = recent & np.isfinite(v) & (v > 0)
    if not ok.any():
        return []
    frame = pd.DataFrame(
        {"unit": obs.unit.to_numpy()[ok], "ind": obs.indicator.to_numpy()[ok], "v": v[ok]}
    ).assign(row=obs.row.to_numpy()[ok])
    per = frame.groupby(["ind", "unit"], sort=False).agg(v=("v", "median"), row=("row", "max"))
    per = per.reset_index()
    values = per.set_index(["ind", "unit"]).v
    parents = {c: u.parent for c, u in hierarchy.units.items()}
    per["parent"] = per.unit.map(parents)
    per = per[per.parent.notna()]
    # the siblings' scale, vectorised over (indicator, parent) groups: their median, or with
    # two siblings the other one's value
    groups = per.groupby(["ind", "parent"], sort=False).v
    n = groups.transform("size").to_numpy()
    median = groups.transform("median").to_numpy()
    other = groups.transform("sum").to_numpy() - per.v.to_numpy()
    scale_all = np.where(n == 2, other, median)
    ratio_all = per.v.to_numpy() / scale_all
    off = (n >= 2) & ~((ratio_all > 1 / SIBLING_FACTOR) & (ratio_all < SIBLING_FACTOR))
    out: list[str] = []
    for r, scale, ratio in zip(
        per[off].itertuples(index=False), scale_all[off], ratio_all[off], strict=True
    ):
        ind, unit = r.ind, r.unit
        u = hierarchy.units[unit]
        parent = values.get((ind, u.parent))
        severity = "error" if u.rollup and parent is not None and r.v > parent else "warning"
        size = f"{ratio:,.0f} times" if ratio > 1 else f"1/{1 / ratio:,.0f} of"
        text = (
            f"the values of '{unit}', '{ind}' (median {r.v:,.6g} in its latest year) are "
            f"{size} the median of the units under '{u.parent}' ({scale:,.6g}): written in "
            "another unit (万元 for 亿元, 人 for 万人)?"
            + (f" It would exceed its parent's own {parent:,.6g}." if severity == "error" else "")
        )
        report.add(
            severity,  # type: ignore[arg-type]
            file,
            text,
            "convert the unit's values to the indicator's measure (indicators.csv).",
            int(r.row),
            "ytd_value",
        )
        if severity == "warning":
            out.append(text)
    return out


def check_far_periods(obs: pd.DataFrame, file: str, report: ValidationReport) -> None:
    """A period years beyond the rest of the data (2126Q3) is an error: it would become the
    default as-of date and leave every series without data."""
    if obs.empty:
        return
    years = np.unique(obs.year.to_numpy(dtype=np.int64))
    if len(years) < 2:
        return
    gaps = np.diff(years)
    jumps = np.flatnonzero(gaps > FAR_YEARS)
    if not len(jumps):
        return
    cut = years[jumps[-1]]
    far = obs[obs.year.to_numpy() > cut]
    if len(far) > 0.2 * len(obs):  # a real later block of data, not a typo
        return
    report.add_rows(
        "error",
        file,
        far.row.to_numpy(),
        lambda r: (
            f"the period {far.loc[far.row == r, 'period'].iloc[0]} lies "
            f"{int(far.loc[far.row == r, 'year'].iloc[0]) - int(cut)} years after the rest of "
            f"the data (which end in {int(cut)}): a typo? It would become the latest period "
            "and leave every other series without data."
        ),
        "correct the year of the period.",
        "period",
    )


def check_targets(
    targets: pd.DataFrame,
    rows: np.ndarray,
    obs: pd.DataFrame,
    indicators: dict[str, Indicator],
    file: str,
    report: ValidationReport,
) -> list[str]:
    """Target growth typed ×100, and growth and value that contradict each other.

    ``rows`` are the spreadsheet rows of ``targets`` (in order). The value a growth implies is
    last year's full-year value (the year-to-date value of the last period of last year)
    times ``1 + growth / 100``.
    """
    if targets.empty:
        return []
    out: list[str] = []
    tg = targets.target_growth.to_numpy(dtype=float)
    tv = targets.target_value.to_numpy(dtype=float)
    for j in np.flatnonzero(np.isfinite(tg) & (tg >= GROWTH_X100_LIMIT)):
        report.add(
            "error",
            file,
            f"target growth {tg[j]:g}% of '{targets.unit.iloc[j]}', "
            f"'{targets.indicator.iloc[j]}' is implausible: typed ×100?",
            f"write the target growth in percent: {tg[j] / 100:g} for {tg[j] / 100:g}%.",
            int(rows[j]),
            "target_growth",
        )
    both = np.flatnonzero(np.isfinite(tg) & np.isfinite(tv) & (tg < GROWTH_X100_LIMIT))
    if not len(both) or obs.empty:
        return out
    year_end = obs[(obs.month == 12) & obs.ytd_value.notna()]
    full = year_end.set_index(["unit", "indicator", "year"]).ytd_value
    full = full[~full.index.duplicated()]
    for j in both:
        unit, code, year = targets.unit.iloc[j], targets.indicator.iloc[j], targets.year.iloc[j]
        ind = indicators.get(code)
        base = full.get((unit, code, int(year) - 1))
        if ind is None or not ind.additive or base is None or not base > 0:
            continue
        implied = 100 * (tv[j] / base - 1)
        expect = base * (1 + tg[j] / 100)
        gap = abs(implied - tg[j])
        if gap <= TARGET_GAP_PP.get(ind.basis, 20.0):
            continue
        factor = tv[j] / expect if expect > 0 else np.inf
        severity = "error" if not 1 / TARGET_FACTOR < factor < TARGET_FACTOR else "warning"
        text = (
            f"the target of '{unit}', '{code}' for {year} says growth {tg[j]:g}% and value "
            f"{tv[j]:,.2f}, but {tv[j]:,.2f} is {implied:+.1f}% on last year's {base:,.2f}; "
            f"{tg[j]:g}% would be {expect:,.2f}."
        )
        report.add(
            severity,  # type: ignore[arg-type]
            file,
            text,
            "correct the value (in the indicator's measure) or the growth, or leave one of "
            "them empty.",
            int(rows[j]),
            "target_value",
        )
        if severity == "warning":
            out.append(text)
    return out


__all__ = [
    "DataWarning",
    "check_far_periods",
    "check_growth_scale",
    "check_sibling_scale",
    "check_targets",
    "check_unreported",
]
