"""Check the bundled data folder ``data/china_national/`` against the published sources.

Prints one JSON document and exits with status 1 when a hard check fails:

1. ``contributions``: each industry's contribution to year-to-date GDP growth, recomputed as
   last year's year-to-date current-price value × this year's year-to-date real growth, divided
   by the sum over industries, against ``gdp_cumyoy_sectors_pull.csv`` for 2016–2022
   (hard limit 0.3 pp).
2. ``single_quarter``: single-quarter real growth derived from the year-to-date data (volume =
   last year's year-to-date value × (1 + growth); single-quarter growth = Δvolume ÷ Δlast year's
   value − 1) against the published single-quarter growth, by industry (``gdp_yoy.csv``) and for
   China (``gdp_yoy_single_quarter.csv``) up to 2022, and against the NBS single-quarter indices
   from 2023 (information only).
3. ``monthly_non_decreasing``: no monthly year-to-date value falls within a year (hard).
4. ``structure``: no duplicate unit × indicator × period row, and each unit × indicator is either
   all ``YYYYQn`` or all ``YYYY-MM`` (hard).

The data folder is read as written; the source folder (default ``../shared/data/china_national``
relative to the repository root) supplies only the published comparison series. Needs only
pandas and numpy.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / "data" / "china_national"
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "china_national"

ROOT = "CN"
INDUSTRIES = ("AR", "ID", "CO", "WH", "TR", "AC", "FI", "RE", "IN", "LE", "OT")
NBS_SINGLE_INDEX = {
    "CN": "Indices of Gross Domestic Product",
    "AR": "Indices of Value-added of Agriculture",
    "ID": "Indices of Value-added of Industry",
    "CO": "Indices of Value-added of Construction",
    "WH": "Indices of Value-added of Wholesale and Retail Trades",
    "TR": "Indices of Value-added of Transport",
    "AC": "Indices of Value-added of Hotels and Catering Services",
    "FI": "Indices of Value-added of Financial Intermediation",
    "RE": "Indices of Value-added of Real Estate",
    "IN": "Indices of Value-added of Information Transmission",
    "LE": "Indices of Value-added of Leasing and Business Services",
    "OT": "Indices of Value-added of Others",
}
RANGES = ((1993, 1999), (2000, 2009), (2010, 2014), (2015, 2015), (2016, 2022))
BREAK_YEAR = 2015
"""OT narrows and IN/LE start in 2015: year-on-year derivations for them are skipped that year."""
CONTRIBUTION_LIMIT = 0.3


def load_observations(folder: Path) -> pd.DataFrame:
    """``observations.csv`` with ``year``, ``index`` (quarter or month) and ``freq`` columns.

    The industries' rows of ``component_observations.csv`` are added with the industry code as
    ``unit`` (the folder's layout before issue 16, which the checks below are written for).
    """
    kw: dict[str, object] = {
        "encoding": "utf-8-sig",
        "dtype": {"unit": str, "indicator": str, "period": str, "component": str},
        "keep_default_na": False,
        "na_values": [""],
    }
    obs = pd.read_csv(folder / "observations.csv", **kw)  # type: ignore[call-overload]
    comp_file = folder / "component_observations.csv"
    if comp_file.exists():
        comp = pd.read_csv(comp_file, **kw)  # type: ignore[call-overload]
        comp = comp.drop(columns=["unit"]).rename(columns={"component": "unit"})
        obs = pd.concat([obs, comp[obs.columns]], ignore_index=True)
    parts = obs.period.str.extract(r"^(?P<y>\d{4})(?:Q(?P<q>[1-4])|-(?P<m>\d{2}))$")
    obs["year"] = parts.y.astype(int)
    obs["freq"] = np.where(parts.q.notna(), "Q", "M")
    obs["index"] = parts.q.fillna(parts.m).astype(int)
    return obs


def read_quarterly(path: Path) -> pd.DataFrame:
    """A China-GDP-Nowcasting quarterly table indexed by ``(year, quarter)``."""
    raw = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
    raw.columns = [c.strip() for c in raw.columns]
    date = pd.to_datetime(raw.pop("QTR").str.strip().str[:7], format="%Y-%m")
    values = raw.apply(lambda s: pd.to_numeric(s.str.strip().replace("", np.nan)))
    values.index = pd.MultiIndex.from_arrays(
        [date.dt.year.to_numpy(), (date.dt.month // 3).to_numpy()], names=["year", "quarter"]
    )
    return values


def gdp_tables(obs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Year-to-date values and growth of ``gdp``: rows ``(year, quarter)``, columns units."""
    g = obs[obs.indicator == "gdp"]
    value = g.pivot(index=["year", "index"], columns="unit", values="ytd_value")
    growth = g.pivot(index=["year", "index"], columns="unit", values="ytd_growth")
    value.index.names = growth.index.names = ["year", "quarter"]
    return value.sort_index(), growth.sort_index()


def last_year(value: pd.DataFrame) -> pd.DataFrame:
    """Last year's value of the same quarter, aligned on this year's rows."""
    shifted = value.copy()
    shifted.index = pd.MultiIndex.from_arrays(
        [value.index.get_level_values("year") + 1, value.index.get_level_values("quarter")],
        names=value.index.names,
    )
    return shifted.reindex(value.index)


def derived_single_quarter(value: pd.DataFrame, growth: pd.DataFrame) -> pd.DataFrame:
    """Single-quarter real growth [%] implied by year-to-date values and growth."""
    base = last_year(value)
    volume = base * (1 + growth / 100)
    d_volume = volume.groupby(level="year").diff()
    d_base = base.groupby(level="year").diff()
    q1 = value.index.get_level_values("quarter") == 1
    d_volume[q1] = volume[q1]
    d_base[q1] = base[q1]
    return 100 * (d_volume / d_base - 1)


def stats(diff: pd.Series) -> dict[str, Any]:
    """MAE, max abs deviation (and where) and count of a series of deviations."""
    d = diff.dropna()
    if d.empty:
        return {"n": 0}
    worst = d.abs().idxmax()
    return {
        "n": len(d),
        "mae_pp": round(float(d.abs().mean()), 3),
        "max_abs_pp": round(float(d.abs().max()), 3),
        "at": " ".join(str(w) for w in (worst if isinstance(worst, tuple) else (worst,))),
    }


def long(frame: pd.DataFrame) -> pd.Series:
    """Stack a (year, quarter) × unit frame into a series keyed (year, quarter, unit)."""
    return frame.stack().rename("v")


def check_contributions(value: pd.DataFrame, growth: pd.DataFrame, source: Path) -> dict[str, Any]:
    """Check 1: recomputed contribution rates against the published ones."""
    pull = read_quarterly(source / "gdp_cumyoy_sectors_pull.csv")
    ind = list(INDUSTRIES)
    increment = last_year(value)[ind] * growth[ind] / 100
    share = 100 * increment.div(increment.sum(axis=1, min_count=1), axis=0)
    years = share.index.get_level_values("year")
    result: dict[str, Any] = {}
    main = share[(years >= 2016) & (years <= 2022)]
    diff = long(main) - long(pull.loc[main.index, ind])
    result["2016-2022"] = stats(diff)
    result["2016-2022"]["max_abs_by_year"] = {
        str(y): round(float(d.abs().max()), 3) for y, d in diff.groupby(level="year")
    }
    result["2016-2022"]["ok"] = bool(diff.abs().max() <= CONTRIBUTION_LIMIT)
    # 1993-2014 (9 industries, OT broad) for information.
    early = share[(years >= 1993) & (years <= 2014)]
    result["1993-2014_info"] = stats(long(early) - long(pull.loc[early.index, ind]))
    # 2015: IN and LE have no 2014 base; the published rates treat OT as broad.
    y15 = share.index[years == BREAK_YEAR]
    nine = [c for c in ind if c not in ("IN", "LE")]
    inc15 = increment.loc[y15, nine]
    share15 = 100 * inc15.div(inc15.sum(axis=1), axis=0)
    result["2015_info_OT_broad_base"] = stats(long(share15) - long(pull.loc[y15, nine]))
    return result


def check_single_quarter(value: pd.DataFrame, growth: pd.DataFrame, source: Path) -> dict[str, Any]:
    """Check 2: single-quarter growth derived from year-to-date data against published."""
    derived = derived_single_quarter(value, growth)
    years = derived.index.get_level_values("year")
    result: dict[str, Any] = {}

    published = read_quarterly(source / "gdp_yoy.csv")
    ind = list(INDUSTRIES)
    diff = derived[ind].reindex(published.index) - published[ind]
    dy = diff.index.get_level_values("year")
    diff.loc[dy == BREAK_YEAR, ["OT", "IN", "LE"]] = np.nan
    by_range: dict[str, Any] = {}
    dq = diff.index.get_level_values("quarter")
    for a, b in RANGES:
        sel = (dy >= a) & (dy <= b)
        key = f"{a}-{b}" if a != b else f"{a} (OT/IN/LE excluded)"
        by_range[key] = {
            "Q2-Q4": stats(long(diff[sel & (dq > 1)])),
            "Q1": stats(long(diff[sel & (dq == 1)])),
        }
    q4_2021 = (dy == 2021) & (dq == 4)
    by_range["2016-2022 Q2-Q4 without 2021Q4"] = stats(
        long(diff[(dy >= 2016) & (dq > 1) & ~q4_2021])
    )
    by_range["2021Q4 (vintage mix: revised Q4, earlier Q1-Q3)"] = stats(long(diff[q4_2021]))
    by_range["all 1993-2022 Q2-Q4"] = stats(long(diff[(dy >= 1993) & (dq > 1)]))
    by_range["all 1993-2022 Q2-Q4 without 2021Q4"] = stats(
        long(diff[(dy >= 1993) & (dq > 1) & ~q4_2021])
    )
    by_industry = {
        c: stats(diff.loc[(dy >= 1993) & (dq > 1) & ~q4_2021, c])
        for c in ind
        if diff[c].notna().any()
    }
    result["industries_vs_gdp_yoy"] = {
        "by_range": by_range,
        "by_industry_Q2-Q4_without_2021Q4": by_industry,
    }

    national = read_quarterly(source / "gdp_yoy_single_quarter.csv")["YOY"]
    cn = derived[ROOT].reindex(national.index) - national
    ny = cn.index.get_level_values("year")
    nq = cn.index.get_level_values("quarter")
    result["national_vs_gdp_yoy_single_quarter"] = {
        f"{a}-{b}": {
            "Q2-Q4": stats(cn[(ny >= a) & (ny <= b) & (nq > 1)]),
            "Q1": stats(cn[(ny >= a) & (ny <= b) & (nq == 1)]),
        }
        for a, b in (*RANGES[:3], (2015, 2022))
    }
    national_all = result["national_vs_gdp_yoy_single_quarter"]
    national_all["all 1993-2022 Q2-Q4"] = stats(cn[(ny >= 1993) & (nq > 1)])
    national_all["all 1993-2022 Q2-Q4 without 2021Q4"] = stats(
        cn[(ny >= 1993) & (nq > 1) & ~((ny == 2021) & (nq == 4))]
    )
    national_all["2021Q4"] = stats(cn[(ny == 2021) & (nq == 4)])

    nbs = pd.read_csv(source / "nbs_gdp_2021q4_2026q1.csv")
    nbs = nbs[(nbs.measure == "index_prev_year_eq_100") & (nbs.basis == "current_quarter")]
    single = nbs.pivot(index=["year", "quarter"], columns="indicator", values="value") - 100
    single = single.rename(columns={v: k for k, v in NBS_SINGLE_INDEX.items()})[
        list(NBS_SINGLE_INDEX)
    ]
    recent = derived[(years > 2022)]
    rd = recent - single.reindex(recent.index)[recent.columns]
    rq = rd.index.get_level_values("quarter")
    ry = rd.index.get_level_values("year")
    result["2023_on_vs_nbs_single_quarter_info"] = {
        "2023 Q2-Q4 (base 2022 is the old vintage)": stats(long(rd[(ry == 2023) & (rq > 1)])),
        "2024-2026 Q2-Q4": stats(long(rd[(ry > 2023) & (rq > 1)])),
        "national 2023-2026 Q2-Q4": stats(rd.loc[rq > 1, ROOT]),
    }
    return result


def check_monthly(obs: pd.DataFrame) -> dict[str, Any]:
    """Check 3: monthly year-to-date values never fall within a year."""
    m = obs[(obs.freq == "M") & obs.ytd_value.notna()].sort_values(
        ["unit", "indicator", "year", "index"]
    )
    falls = m.groupby(["unit", "indicator", "year"]).ytd_value.diff() < 0
    per = {
        str(i): {
            "falls": int(falls[g.index].sum()),
            "years": f"{g.year.min()}-{g.year.max()}",
            "years_starting_in_february": int((g.groupby("year")["index"].min() == 2).sum()),
            "years_with_january": int((g.groupby("year")["index"].min() == 1).sum()),
            "years_without_december": int((g.groupby("year")["index"].max() != 12).sum()),
        }
        for i, g in m.groupby("indicator")
    }
    return {"ok": bool(not falls.any()), "by_indicator": per}


def check_structure(obs: pd.DataFrame) -> dict[str, Any]:
    """Check 4: no duplicates; one frequency per unit × indicator."""
    dup = int(obs.duplicated(["unit", "indicator", "period"]).sum())
    nfreq = obs.groupby(["unit", "indicator"]).freq.nunique()
    mixed = [f"{u}/{i}" for (u, i), n in nfreq.items() if n > 1]
    return {
        "duplicate_rows": dup,
        "mixed_frequency_series": mixed,
        "series": {
            f"{u}/{i}": f for (u, i), f in obs.groupby(["unit", "indicator"]).freq.first().items()
        },
        "ok": dup == 0 and not mixed,
    }


def check_sums(value: pd.DataFrame) -> dict[str, Any]:
    """Industries against CN: largest relative gap [%] by period range."""
    ind = list(INDUSTRIES)
    gap = 100 * (value[ind].sum(axis=1) / value[ROOT] - 1)
    years = gap.index.get_level_values("year")
    return {
        "max_abs_rel_gap_pct_1992-2022": round(float(gap[years <= 2022].abs().max()), 6),
        "max_abs_rel_gap_pct_2023-": round(float(gap[years > 2022].abs().max()), 6),
        "max_abs_gap_100m_yuan_2023-": round(
            float((value[ind].sum(axis=1) - value[ROOT])[years > 2022].abs().max()), 2
        ),
    }


def check_level_break(value: pd.DataFrame, source: Path) -> dict[str, Any]:
    """Revised (NBS export) 2022Q4 levels ÷ the folder's 2022Q4 levels, in percent."""
    nbs = pd.read_csv(source / "nbs_gdp_2021q4_2026q1.csv")
    acc = nbs[
        (nbs.measure == "current_prices_100m_yuan")
        & (nbs.basis == "accumulated")
        & (nbs.year == 2022)
        & (nbs.quarter == 4)
    ].set_index("indicator")["value"]
    names = {k: v.replace("Indices of ", "") for k, v in NBS_SINGLE_INDEX.items()}
    names["CN"] = "Gross Domestic Product"
    names["FI"] = "Value-added of Finance"
    return {
        u: round(float(100 * (acc[n] / value.at[(2022, 4), u] - 1)), 2) for u, n in names.items()
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: print the checks as JSON; status 1 if a hard check fails."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder to check")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="source folder")
    args = parser.parse_args(argv)
    obs = load_observations(args.data)
    value, growth = gdp_tables(obs)
    report: dict[str, Any] = {
        "rows": len(obs),
        "rows_by_indicator": {str(k): int(v) for k, v in obs.indicator.value_counts().items()},
        "contributions": check_contributions(value, growth, args.source),
        "single_quarter": check_single_quarter(value, growth, args.source),
        "monthly_non_decreasing": check_monthly(obs),
        "structure": check_structure(obs),
        "industries_sum_to_cn": check_sums(value),
        "level_break_2022_revised_vs_folder_pct": check_level_break(value, args.source),
    }
    ok = (
        report["contributions"]["2016-2022"]["ok"]
        and report["monthly_non_decreasing"]["ok"]
        and report["structure"]["ok"]
    )
    report["ok"] = ok
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
