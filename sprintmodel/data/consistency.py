"""Checks across rows of the observations: falling flows, gaps, sums, units and fractions.

All checks work on the observations frame built by :mod:`sprintmodel.data.load` (sorted by
unit, indicator, year, month; with integer codes ``u``, ``i`` for unit and indicator and the
spreadsheet ``row``), vectorised with numpy so that they take well under a second on a million
rows. Only the problems found are formatted one by one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sprintmodel.data.model import Hierarchy, Indicator
from sprintmodel.data.parse import MONEY_SCALE
from sprintmodel.data.problems import ValidationReport

MAGNITUDE_FACTOR = 3000.0
"""A value this many times larger (or smaller) than the median of its series is reported as
written in another unit (万元 for 亿元 is a factor of 10,000). An assumption: year-to-date
values of one series over a dozen years stay within a factor of a few hundred of each other."""

FRACTION_LIMIT = 0.3
"""|growth| below this [%] in a series whose growth is otherwise percent-sized (≥ 1.5) looks
like a share typed for a percent (0.052 for 5.2)."""


def _fmt(value: float) -> str:
    return f"{value:,.2f}" if abs(value) < 1e12 else f"{value:.4g}"


def _series_id(obs: pd.DataFrame) -> np.ndarray:
    return obs.u.to_numpy(dtype=np.int64) * (int(obs.i.max()) + 1) + obs.i.to_numpy(dtype=np.int64)


def check_flows(
    obs: pd.DataFrame, indicators: dict[str, Indicator], file: str, report: ValidationReport
) -> None:
    """A year-to-date value of a flow indicator must not fall within a year."""
    flows = [c for c, ind in indicators.items() if ind.flow]
    o = obs[obs.indicator.isin(flows) & obs.ytd_value.notna()]
    if len(o) < 2:
        return
    sid = _series_id(o)
    year = o.year.to_numpy()
    same = (sid[1:] == sid[:-1]) & (year[1:] == year[:-1])
    v = o.ytd_value.to_numpy()
    # Allow a fall of a rounding step: 1e-9 relative.
    falls = np.flatnonzero(same & (v[1:] < v[:-1] - 1e-9 * np.abs(v[:-1])))
    if not len(falls):
        return
    prev, cur = o.iloc[falls], o.iloc[falls + 1]
    messages = {
        int(c.row): (
            f"the year-to-date value of '{c.unit}', '{c.indicator}' falls from "
            f"{p.ytd_value:g} ({p.period}) to {c.ytd_value:g} ({c.period}); year-to-date "
            "values of a flow indicator cannot fall within a year."
        )
        for p, c in zip(prev.itertuples(), cur.itertuples(), strict=True)
    }
    report.add_rows(
        "error",
        file,
        list(messages),
        lambda r: messages[r],
        "check that the row holds the cumulative value since January (not the single period), "
        "or mark the indicator flow=no in indicators.csv if it can fall.",
        "ytd_value",
    )


def check_gaps(obs: pd.DataFrame, file: str, report: ValidationReport) -> None:
    """Warn about series with missing periods inside their span.

    A missing January of a monthly series is not reported: statistics offices often publish
    January and February together.
    """
    if obs.empty:
        return
    sid = _series_id(obs)
    absolute = obs.year.to_numpy(dtype=np.int64) * 12 + obs.month.to_numpy(dtype=np.int64)
    monthly = obs.freq.to_numpy() == "M"
    g = pd.DataFrame({"sid": sid, "a": absolute, "jan": monthly & (obs.month.to_numpy() == 1)})
    agg = g.groupby("sid", sort=False).agg(
        first=("a", "min"), last=("a", "max"), n=("a", "size"), jan=("jan", "sum")
    )
    is_m = pd.Series(monthly, index=sid).groupby(level=0).first().reindex(agg.index).to_numpy()
    first, last = agg["first"].to_numpy(), agg["last"].to_numpy()

    def januaries(a: np.ndarray) -> np.ndarray:  # months a' <= a with a' ≡ 1 (mod 12)
        return np.floor_divide(a - 1, 12)

    span = np.where(is_m, last - first + 1, (last - first) // 3 + 1)
    jan_in_span = np.where(is_m, januaries(last) - januaries(first - 1), 0)
    expected = span - jan_in_span + agg["jan"].to_numpy()
    short = agg.index[agg["n"].to_numpy() < expected]
    if not len(short):
        return
    keys = obs.assign(sid=sid)
    names = keys.drop_duplicates("sid").set_index("sid")[["unit", "indicator", "freq"]]
    for s in short[:200]:
        have = set(absolute[sid == s].tolist())
        step = 1 if names.at[s, "freq"] == "M" else 3
        missing = []
        for a in range(min(have), max(have) + 1, step):
            if a in have:
                continue
            y, m = divmod(a, 12)
            if m == 0:
                y, m = y - 1, 12
            if step == 1 and m == 1:
                continue
            missing.append(f"{y}Q{m // 3}" if step == 3 else f"{y}-{m:02d}")
        if missing:
            shown = ", ".join(missing[:6]) + (" ..." if len(missing) > 6 else "")
            report.add(
                "warning",
                file,
                f"unit '{names.at[s, 'unit']}', indicator '{names.at[s, 'indicator']}' has "
                f"{len(missing)} missing period(s): {shown}.",
                "add the missing rows if they were published; methods skip what is missing.",
                column="period",
            )
    if len(short) > 200:
        report.add(
            "warning",
            file,
            f"... and {len(short) - 200} more series with missing periods.",
            column="period",
        )


def check_sums(
    obs: pd.DataFrame,
    hierarchy: Hierarchy,
    indicators: dict[str, Indicator],
    file: str,
    report: ValidationReport,
    tolerance: float,
) -> None:
    """Warn where rollup children's values stray from their parent's published total.

    Where leaving out one child that is a park (or another unit marked ``rollup = yes``)
    makes the sum fit, the warning names that unit as probably double-counted.
    """
    additive = [c for c, ind in indicators.items() if ind.additive]
    o = obs[obs.indicator.isin(additive) & obs.ytd_value.notna()]
    parent_of = {c: u.parent for c, u in hierarchy.units.items() if u.parent and u.rollup}
    if o.empty or not parent_of:
        return
    codes = list(hierarchy.units)
    pos = {c: k for k, c in enumerate(codes)}
    unit_pos = o.unit.map(pos).to_numpy(dtype=np.int64)
    parent_pos = np.array([pos.get(parent_of.get(c, ""), -1) for c in codes], dtype=np.int64)
    n_kids = np.zeros(len(codes), dtype=np.int64)
    for c in parent_of:
        n_kids[parent_pos[pos[c]]] += 1
    n_ind = int(o.i.max()) + 1
    t = o.year.to_numpy(dtype=np.int64) * 12 + o.month.to_numpy(dtype=np.int64)
    i = o.i.to_numpy(dtype=np.int64)
    v = o.ytd_value.to_numpy()
    is_kid = parent_pos[unit_pos] >= 0
    par = parent_pos[unit_pos[is_kid]]
    kid_key = (par * n_ind + i[is_kid]) * 100_000 + t[is_kid]
    kids = pd.DataFrame({"key": kid_key, "v": v[is_kid]}).groupby("key")["v"].agg(["sum", "size"])
    kid_parent = kids.index.to_numpy() // 100_000 // n_ind
    kids = kids[kids["size"].to_numpy() == n_kids[kid_parent]]
    own_key = (unit_pos * n_ind + i) * 100_000 + t
    published = pd.Series(v, index=own_key)
    published = published[~published.index.duplicated()]
    joined = kids.join(published.rename("published"), how="inner")
    if joined.empty:
        return
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = (joined["sum"] - joined["published"]).abs() / joined["published"].abs()
    off = joined[rel.to_numpy() > tolerance]
    if off.empty:
        return
    off = off.assign(
        parent=off.index.to_numpy() // 100_000 // n_ind,
        ind=(off.index.to_numpy() // 100_000) % n_ind,
        t=off.index.to_numpy() % 100_000,
        rel=rel[off.index],
    )
    ind_codes = o.drop_duplicates("i").set_index("i")["indicator"]
    period_of = pd.Series(o.period.to_numpy(), index=own_key)
    period_of = period_of[~period_of.index.duplicated()]
    for (p, k), g in off.groupby(["parent", "ind"], sort=False):
        worst = g["rel"].idxmax()
        row = g.loc[worst]
        parent, indicator = codes[int(p)], str(ind_codes[k])
        period = str(period_of.get(int(p * n_ind + k) * 100_000 + int(row.t), ""))
        suspect = _double_counted(hierarchy, parent, g, unit_pos, i, t, v, pos, int(k), tolerance)
        fix = (
            f"'{suspect}' seems to be counted twice: set rollup=no for it in units.csv if it "
            "overlaps other units (a park inside districts)."
            if suspect
            else "check for a missing or double-counted child unit; overlapping units (parks) "
            "should have rollup=no."
        )
        report.add(
            "warning",
            file,
            f"the units under '{parent}' add up to {row['sum']:,.2f} for '{indicator}' in "
            f"{period}, {100 * (row['sum'] / row.published - 1):+.1f}% from its published "
            f"{row.published:,.2f} ({len(g)} period(s) beyond the {100 * tolerance:g}% "
            "tolerance).",
            fix,
            column="ytd_value",
        )


def _double_counted(
    hierarchy: Hierarchy,
    parent: str,
    off: pd.DataFrame,
    unit_pos: np.ndarray,
    i: np.ndarray,
    t: np.ndarray,
    v: np.ndarray,
    pos: dict[str, int],
    k: int,
    tolerance: float,
) -> str | None:
    """The child whose removal makes every off period fit, if exactly one does."""
    fits = []
    for child in hierarchy.children(parent, rollup_only=True):
        mask = (unit_pos == pos[child]) & (i == k)
        values = pd.Series(v[mask], index=t[mask])
        values = values[~values.index.duplicated()]
        without = off["sum"].to_numpy() - values.reindex(off.t.to_numpy()).to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = np.abs(without - off.published.to_numpy()) / np.abs(off.published.to_numpy())
        if np.all(rel <= tolerance):
            fits.append(child)
    if len(fits) == 1:
        return fits[0]
    parks = [c for c in fits if hierarchy[c].kind == "park"]
    return parks[0] if len(parks) == 1 else None


def check_magnitudes(
    obs: pd.DataFrame, indicators: dict[str, Indicator], file: str, report: ValidationReport
) -> None:
    """Warn about values thousands of times off their series (万元 typed into a 亿元 column)."""
    o = obs[obs.ytd_value.notna() & (obs.ytd_value != 0)]
    if o.empty:
        return
    sid = _series_id(o)
    size = np.abs(o.ytd_value.to_numpy())
    median = pd.Series(size).groupby(sid).transform("median").to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = size / median
    odd = np.flatnonzero(
        (median > 0) & ((ratio >= MAGNITUDE_FACTOR) | (ratio <= 1 / MAGNITUDE_FACTOR))
    )
    if not len(odd):
        return
    rows = o.row.to_numpy()[odd]
    info = {}
    for j, r in zip(odd, rows, strict=True):
        measure = indicators[o.indicator.iloc[j]].measure
        big = ratio[j] > 1
        guess = ""
        if measure in MONEY_SCALE:
            scale = MONEY_SCALE[measure] / ratio[j]  # the unit the value seems written in
            near = min(MONEY_SCALE, key=lambda u: abs(np.log(MONEY_SCALE[u] / scale)))
            if abs(np.log(MONEY_SCALE[near] / scale)) < np.log(3) and near != measure:
                guess = f" It looks like {near}, while the indicator's measure is {measure}."
        info[int(r)] = (
            f"the value {_fmt(o.ytd_value.iloc[j])} of '{o.unit.iloc[j]}', "
            f"'{o.indicator.iloc[j]}' in {o.period.iloc[j]} is {ratio[j]:,.0f} times the "
            f"series' median ({_fmt(median[j])})."
            if big
            else f"the value {_fmt(o.ytd_value.iloc[j])} of '{o.unit.iloc[j]}', "
            f"'{o.indicator.iloc[j]}' in {o.period.iloc[j]} is 1/{1 / ratio[j]:,.0f} of the "
            f"series' median ({_fmt(median[j])})."
        ) + guess
    # In the series' latest year the value feeds the forecast directly: an error there.
    latest = pd.Series(o.year.to_numpy()).groupby(sid).transform("max").to_numpy()
    current = {int(r) for r in rows[o.year.to_numpy()[odd] == latest[odd]]}
    fix = "check the unit of the value (万元 or 亿元?) and convert it to the indicator's measure."
    for severity, keep in (("error", True), ("warning", False)):
        chosen = [r for r in info if (r in current) == keep]
        if chosen:
            report.add_rows(
                severity,  # type: ignore[arg-type]
                file,
                chosen,
                lambda r: (
                    info[r]
                    + (
                        " It is in the series' latest year, which the forecast starts from."
                        if r in current
                        else ""
                    )
                ),
                fix,
                "ytd_value",
            )


def check_fractions(
    obs: pd.DataFrame, indicators: dict[str, Indicator], file: str, report: ValidationReport
) -> None:
    """Warn about growth typed as a share (0.052) instead of percent (5.2)."""
    o = obs[obs.ytd_growth.notna()]
    if o.empty:
        return
    sid = _series_id(o)
    g = o.ytd_growth.to_numpy()
    med = pd.Series(g).groupby(sid).transform("median").to_numpy()
    small = (np.abs(g) < FRACTION_LIMIT) & (g != 0)
    # (a) single cells among percent-sized neighbours.
    # Published growth has one decimal: a small growth with more (0.052) is a typed share.
    finer = np.abs(np.round(g, 1) - g) > 1e-9
    single = small & finer & (np.abs(med) >= 1.5) & (np.abs(100 * g - med) <= 0.5 * np.abs(med))
    if single.any():
        rows = o.row.to_numpy()[single]
        info = {
            int(r): (
                f"growth {gv:g} of '{u}', '{ind}' in {p} looks like a share: the series' "
                f"growth is otherwise around {m:.1f} (percent)."
            )
            for r, gv, u, ind, p, m in zip(
                rows,
                g[single],
                o.unit.to_numpy()[single],
                o.indicator.to_numpy()[single],
                o.period.to_numpy()[single],
                med[single],
                strict=True,
            )
        }
        report.add_rows(
            "warning",
            file,
            list(info),
            lambda r: info[r],
            "write growth in percent (5.2 for 5.2%), not as a share (0.052).",
            "ytd_growth",
        )
    # (b) whole series of small growth while the values imply percent-sized growth.
    all_small = pd.Series(np.abs(g) < FRACTION_LIMIT).groupby(sid).transform("all").to_numpy()
    cand = all_small & (np.abs(med) > 0)
    if not cand.any():
        return
    full = obs[obs.ytd_value.notna()]
    fsid = _series_id(full)
    key = fsid * 100_000 + full.year.to_numpy(dtype=np.int64) * 12 + full.month.to_numpy()
    lookup = pd.Index(key)
    if not lookup.is_unique:
        return
    okey = sid * 100_000 + o.year.to_numpy(dtype=np.int64) * 12 + o.month.to_numpy()
    here = lookup.get_indexer(okey)
    before = lookup.get_indexer(okey - 12)
    val = full.ytd_value.to_numpy()
    ok = cand & (here >= 0) & (before >= 0)
    implied = np.full(len(o), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        implied[ok] = 100 * (val[here[ok]] / val[before[ok]] - 1)
    frame = pd.DataFrame({"sid": sid, "implied": implied, "g": g, "row": o.row.to_numpy()})[cand]
    stats = frame.groupby("sid").agg(
        implied=("implied", "median"),
        g=("g", "median"),
        row=("row", "first"),
        n=("implied", "count"),
    )
    hit = stats[
        (stats.n >= 2)
        & (stats.implied.abs() >= 1.5)
        & ((100 * stats.g - stats.implied).abs() <= 0.5 * stats.implied.abs())
    ]
    names = o.assign(sid=sid).drop_duplicates("sid").set_index("sid")
    for s, r in hit.iterrows():
        report.add(
            "warning",
            file,
            f"the growth of '{names.at[s, 'unit']}', '{names.at[s, 'indicator']}' is below "
            f"{FRACTION_LIMIT:g} throughout (median {r.g:g}), while its values grow by about "
            f"{r.implied:.1f}% a year: the growth seems written as a share, not in percent.",
            "write growth in percent (5.2 for 5.2%), not as a share (0.052).",
            row=int(r.row),
            column="ytd_growth",
        )
