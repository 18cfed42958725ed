"""Build the bundled data folder ``data/china_national/`` from China's published statistics.

This is a development-time converter: it reads the national statistics gathered in
``../shared/data/china_national`` (relative to the repository root; override with ``--source``)
and writes a data folder in the form of the data contract (``units.csv``, ``indicators.csv``,
``observations.csv``, ``SOURCES.md``, ``README.md``) to ``data/china_national`` (override with
``--out``). The package never reads the source folder at run time.

What it does (see the "Conversion" section it writes into ``SOURCES.md``):

* Quarterly GDP of China (unit ``CN``) and its 11 industries (``AR`` ... ``OT``), indicator
  ``gdp``. Up to 2022Q4 the year-to-date current-price value is the within-year sum of the
  single-quarter values of ``gdp_nom_sectors.csv`` and the year-to-date real growth is
  ``gdp_cumyoy_sectors.csv``; ``CN`` is the sum of the industries with the year-to-date growth
  of ``gdp_ytd_real_growth_1992_2026.csv`` (China-GDP-Nowcasting rows). From 2023Q1 everything
  comes from the NBS quarterly export ``nbs_gdp_2021q4_2026q1.csv`` (accumulated current prices,
  accumulated index with the preceding year = 100, growth = index - 100).
* Monthly national series from ``monthly_macro_wide.csv``: fixed-asset investment, retail sales,
  budget revenue, tax revenue, budget expenditure and real-estate investment (year-to-date as
  published) and exports (single months, summed within each year). Fixed-asset investment gets
  the official year-to-date growth of ``fai_ytd_growth_2010_2026.csv``.

Run ``python scripts/build_china_national.py`` from the repository root; it prints a JSON
summary of what it wrote and dropped.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "china_national"
DEFAULT_OUT = REPO / "data" / "china_national"

ROOT = "CN"
LAST_OLD_YEAR = 2022
"""Last year taken from the China-GDP-Nowcasting files; later years come from the NBS export."""

NEW_INDUSTRIES_FROM = 2015
"""First year in which IN and LE are published separately (OT is narrower from then on)."""


@dataclass(frozen=True)
class Industry:
    """One of the 11 industries of the source files."""

    code: str
    name_zh: str
    name_en: str
    nbs_value: str
    """Indicator name of the current-price value added in the NBS export."""
    nbs_index: str
    """Indicator name of the volume index (preceding year = 100) in the NBS export."""


INDUSTRIES: tuple[Industry, ...] = (
    Industry(
        "AR",
        "农林牧渔业",
        "Agriculture, forestry, animal husbandry and fishery",
        "Value-added of Agriculture",
        "Indices of Value-added of Agriculture",
    ),
    Industry(
        "ID",
        "工业",
        "Industry",
        "Value-added of Industry",
        "Indices of Value-added of Industry",
    ),
    Industry(
        "CO",
        "建筑业",
        "Construction",
        "Value-added of Construction",
        "Indices of Value-added of Construction",
    ),
    Industry(
        "WH",
        "批发和零售业",
        "Wholesale and retail trade",
        "Value-added of Wholesale and Retail Trades",
        "Indices of Value-added of Wholesale and Retail Trades",
    ),
    Industry(
        "TR",
        "交通运输仓储和邮政业",
        "Transport, storage and post",
        "Value-added of Transport",
        "Indices of Value-added of Transport",
    ),
    Industry(
        "AC",
        "住宿和餐饮业",
        "Accommodation and catering",
        "Value-added of Hotels and Catering Services",
        "Indices of Value-added of Hotels and Catering Services",
    ),
    Industry(
        "FI",
        "金融业",
        "Finance",
        "Value-added of Finance",
        "Indices of Value-added of Financial Intermediation",
    ),
    Industry(
        "RE",
        "房地产业",
        "Real estate",
        "Value-added of Real Estate",
        "Indices of Value-added of Real Estate",
    ),
    Industry(
        "IN",
        "信息传输软件和信息技术服务业",
        "Information transmission, software and IT services",
        "Value-added of Information Transmission",
        "Indices of Value-added of Information Transmission",
    ),
    Industry(
        "LE",
        "租赁和商务服务业",
        "Leasing and business services",
        "Value-added of Leasing and Business Services",
        "Indices of Value-added of Leasing and Business Services",
    ),
    Industry(
        "OT",
        "其他服务业",
        "Other services",
        "Value-added of Others",
        "Indices of Value-added of Others",
    ),
)
INDUSTRY_CODES = tuple(i.code for i in INDUSTRIES)
NBS_GDP_VALUE = "Gross Domestic Product"
NBS_GDP_INDEX = "Indices of Gross Domestic Product"
NBS_PRIMARY_VALUE = "Value-added of the Primary Industry"


@dataclass(frozen=True)
class MonthlySeries:
    """A national monthly series of ``monthly_macro_wide.csv``."""

    indicator: str
    column: str
    """Column of the wide file (``中文名|series id``)."""
    name_zh: str
    name_en: str
    measure: str
    cumulative: bool
    """True where the source is year-to-date (累计值), False for single months (当月值)."""


MONTHLY: tuple[MonthlySeries, ...] = (
    MonthlySeries(
        "fai",
        "固定资产投资完成额:累计值|M0000272",
        "固定资产投资",
        "Fixed-asset investment",
        "亿元",
        True,
    ),
    MonthlySeries(
        "retail",
        "社会消费品零售总额:累计值|M0001439",
        "社会消费品零售总额",
        "Retail sales of consumer goods",
        "亿元",
        True,
    ),
    MonthlySeries(
        "revenue",
        "公共财政收入:累计值|M0046168",
        "一般公共预算收入",
        "General public budget revenue",
        "亿元",
        True,
    ),
    MonthlySeries(
        "tax",
        "税收收入:累计值|M0046170",
        "税收收入",
        "Tax revenue",
        "亿元",
        True,
    ),
    MonthlySeries(
        "fiscal_exp",
        "公共财政支出:累计值|M0046166",
        "一般公共预算支出",
        "General public budget expenditure",
        "亿元",
        True,
    ),
    MonthlySeries(
        "re_fai",
        "房地产开发投资完成额:累计值|S0029656",
        "房地产开发投资",
        "Real-estate development investment",
        "亿元",
        True,
    ),
    MonthlySeries(
        "exports",
        "出口金额:当月值|M0000606",
        "出口总额",
        "Exports",
        "亿美元",
        False,
    ),
)


@dataclass(frozen=True)
class SourceSeries:
    """A national monthly source indicator (``kind = source``) of ``monthly_macro_wide.csv``,
    published as a growth rate only (no level in the file)."""

    indicator: str
    column: str
    name_zh: str
    name_en: str
    measure: str
    basis: str
    field: str
    """``single_growth`` (当月同比: the month alone), ``ytd_growth`` (a balance's 同比) or
    ``ytd_value`` (累计值: year-to-date values, read like :data:`MONTHLY`'s)."""
    flow: str


SOURCE_SERIES: tuple[SourceSeries, ...] = (
    SourceSeries(
        "iva",
        "工业增加值:当月同比|M0000545",
        "规模以上工业增加值",
        "Value added of industry above designated size",
        "亿元",
        "real",
        "single_growth",
        "",
    ),
    SourceSeries(
        "loans",
        "金融机构:各项贷款余额:同比|M0009970",
        "金融机构各项贷款余额",
        "Loan balance of financial institutions",
        "亿元",
        "nominal",
        "ytd_growth",
        "no",
    ),
    SourceSeries(
        "deposits",
        "金融机构:各项存款余额:同比|M0009941",
        "金融机构各项存款余额",
        "Deposit balance of financial institutions",
        "亿元",
        "nominal",
        "ytd_growth",
        "no",
    ),
    SourceSeries(
        "electricity",
        "产量:发电量:累计值|S0027014",
        "发电量",
        "Electricity output",
        "亿千瓦时",
        "real",
        "ytd_value",
        "",
    ),
)
"""Source indicators of the nowcast (``sprintmodel.forecast.nowcast``) and of the industries
(``industry_sources.csv``)."""

INDUSTRY_SOURCES: tuple[tuple[str, str, str, str], ...] = (
    ("ID", "iva", "main", ""),
    ("CO", "fai", "main", "固定资产投资价格指数"),
    ("WH", "retail", "main", "商品零售价格指数"),
    ("TR", "iva", "main", ""),
    ("AC", "retail", "main", "居民消费价格指数(服务)"),
    ("FI", "loans", "main", "居民消费价格指数"),
    ("RE", "re_fai", "main", "固定资产投资价格指数"),
    ("OT", "fiscal_exp", "main", "居民消费价格指数"),
)
"""``industry_sources.csv``: each industry's national monthly source (component, indicator,
role, deflator). The pairs are the package's mapping
(``sprintmodel.accounts.sources.SOURCE_INDICATORS``) with the national series it names where
the indicator itself is not published nationally (its ``national`` stand-in); AR, IN and LE
have no national monthly source and no row."""

AUX_SOURCES: tuple[tuple[str, str, str, str], ...] = (
    (
        "FI",
        "deposits",
        "居民消费价格指数",
        "NBS quarterly GDP method: 货币金融服务 from deposit and loan balances (存贷款余额; "
        "sprintmodel.accounts.sources, FI deposits_loans); elasticity assumed equal to the loan "
        "balance's",
    ),
    (
        "TR",
        "electricity",
        "",
        "stand-in for freight turnover (货物周转量, the NBS method's source, not published in "
        "this file): rail freight is mostly coal for power generation (the 'Keqiang index' "
        "reads electricity, rail freight and loans together); elasticity assumed equal to the "
        "industrial-production stand-in's",
    ),
)
"""``industry_sources.csv``'s auxiliary rows (role ``aux``): component, indicator, deflator, and
why (read by the nowcast's bridge, :func:`sprintmodel.forecast.nowcast.signal_sources`). Their
elasticities are the component's main row's, without a standard error (an assumption, said in
the ``source`` column)."""

OBS_COLUMNS = ["unit", "indicator", "period", "ytd_value", "ytd_growth"]
OUT_COLUMNS = [*OBS_COLUMNS, "single_growth"]
"""observations.csv's columns: the contract's and the optional ``single_growth``."""


# ----------------------------------------------------------------------------- reading
def read_quarterly_table(path: Path) -> pd.DataFrame:
    """Read a China-GDP-Nowcasting quarterly table (``QTR`` = quarter-end month).

    Returns a frame indexed by ``(year, quarter)`` with one float column per remaining source
    column; cells with stray spaces are read as numbers, empty cells as NaN.
    """
    raw = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
    raw.columns = [c.strip() for c in raw.columns]
    date = pd.to_datetime(raw.pop("QTR").str.strip().str[:7], format="%Y-%m")
    if not date.dt.month.isin([3, 6, 9, 12]).all():
        raise ValueError(f"{path.name}: QTR is not always a quarter-end month")
    values = raw.apply(lambda s: pd.to_numeric(s.str.strip().replace("", np.nan)))
    values.index = pd.MultiIndex.from_arrays(
        [date.dt.year.to_numpy(), (date.dt.month // 3).to_numpy()], names=["year", "quarter"]
    )
    if values.index.duplicated().any():
        raise ValueError(f"{path.name}: duplicate quarters")
    return values.sort_index()


def read_nbs(path: Path) -> pd.DataFrame:
    """Read the NBS quarterly export in long form (indicator, measure, basis, year, quarter)."""
    nbs = pd.read_csv(path)
    key = ["indicator", "measure", "basis", "year", "quarter"]
    if nbs.duplicated(key).any():
        raise ValueError(f"{path.name}: duplicate rows")
    return nbs


def nbs_table(nbs: pd.DataFrame, measure: str, basis: str) -> pd.DataFrame:
    """One measure × basis of the NBS export: rows ``(year, quarter)``, columns indicators."""
    part = nbs[(nbs.measure == measure) & (nbs.basis == basis)]
    return part.pivot(index=["year", "quarter"], columns="indicator", values="value").sort_index()


def period_q(year: int, quarter: int) -> str:
    """``YYYYQn``."""
    return f"{year}Q{quarter}"


def period_m(year: int, month: int) -> str:
    """``YYYY-MM``."""
    return f"{year}-{month:02d}"


# ------------------------------------------------------------------------- quarterly GDP
def old_vintage_gdp(source: Path, log: dict[str, Any]) -> pd.DataFrame:
    """Industries and CN up to :data:`LAST_OLD_YEAR` from the China-GDP-Nowcasting files."""
    nominal = read_quarterly_table(source / "gdp_nom_sectors.csv")
    growth = read_quarterly_table(source / "gdp_cumyoy_sectors.csv")
    if list(nominal.columns) != list(INDUSTRY_CODES) or list(growth.columns) != list(
        INDUSTRY_CODES
    ):
        raise ValueError("sector files do not carry exactly the 11 industry codes")
    if not nominal.index.equals(growth.index) or not (nominal.isna() == growth.isna()).all().all():
        raise ValueError("gdp_nom_sectors.csv and gdp_cumyoy_sectors.csv cover different cells")
    nominal = nominal.loc[nominal.index.get_level_values("year") <= LAST_OLD_YEAR]
    growth = growth.loc[nominal.index]
    years = nominal.index.get_level_values("year")
    if not (nominal.groupby(level="year").size() == 4).all():
        raise ValueError("gdp_nom_sectors.csv has incomplete years")
    new = nominal[["IN", "LE"]]
    if (
        new[years < NEW_INDUSTRIES_FROM].notna().any().any()
        or new[years >= NEW_INDUSTRIES_FROM].isna().any().any()
    ):
        raise ValueError(f"IN and LE are expected exactly from {NEW_INDUSTRIES_FROM}")
    ytd = nominal.groupby(level="year").cumsum(skipna=False)
    total = ytd.sum(axis=1, min_count=1)

    rows: list[dict[str, object]] = []
    for (year, quarter), row in ytd.iterrows():
        for code in INDUSTRY_CODES:
            if np.isnan(row[code]):
                continue
            rows.append(
                {
                    "unit": code,
                    "indicator": "gdp",
                    "period": period_q(year, quarter),
                    "ytd_value": row[code],
                    "ytd_growth": growth.at[(year, quarter), code],
                }
            )
    official = pd.read_csv(source / "gdp_ytd_real_growth_1992_2026.csv")
    old = official[official.source.str.startswith("CharlesDZhang")]
    old = old[old.year <= LAST_OLD_YEAR].set_index(["year", "quarter"])["ytd_real_growth_pct"]
    if old.index.duplicated().any() or not old.index.equals(total.index):
        raise ValueError("CN year-to-date growth does not cover the industry quarters once each")
    for (year, quarter), value in total.items():
        rows.append(
            {
                "unit": ROOT,
                "indicator": "gdp",
                "period": period_q(year, quarter),
                "ytd_value": value,
                "ytd_growth": old.at[(year, quarter)],
            }
        )
    annual = total[total.index.get_level_values("quarter") == 4].droplevel("quarter")
    pull = read_quarterly_table(source / "gdp_cumyoy_sectors_pull.csv")
    log["old_vintage"] = {
        "years": f"{years.min()}-{years.max()}",
        "full_year_gdp_sum_of_industries": {
            str(y): round(float(annual[y]), 1) for y in (2014, 2015, 2018, 2019, 2020, 2021, 2022)
        },
        "published_contribution_rates_row_sum_min_max": [
            round(float(pull.sum(axis=1).min()), 2),
            round(float(pull.sum(axis=1).max()), 2),
        ],
    }
    return pd.DataFrame(rows, columns=OBS_COLUMNS)


def nbs_gdp(source: Path, log: dict[str, Any]) -> pd.DataFrame:
    """Industries and CN from 2023Q1 from the NBS export, with mapping checks."""
    nbs = read_nbs(source / "nbs_gdp_2021q4_2026q1.csv")
    values = nbs_table(nbs, "current_prices_100m_yuan", "accumulated")
    single = nbs_table(nbs, "current_prices_100m_yuan", "current_quarter")
    index = nbs_table(nbs, "index_prev_year_eq_100", "accumulated")
    value_names = [i.nbs_value for i in INDUSTRIES]
    index_names = [i.nbs_index for i in INDUSTRIES]
    missing = {*value_names, NBS_GDP_VALUE} - set(values.columns)
    missing |= {*index_names, NBS_GDP_INDEX} - set(index.columns)
    if missing:
        raise ValueError(f"NBS export lacks {sorted(missing)}")

    # The 11 industries add up to GDP (rounding: values carry one decimal).
    gap = (values[value_names].sum(axis=1) - values[NBS_GDP_VALUE]).abs()
    if gap.max() > 0.5:
        raise ValueError(f"NBS industries miss GDP by up to {gap.max():.1f}")
    # "Agriculture" is 农林牧渔业 (it includes the support services that the primary industry
    # leaves out), the same scope as AR of the older files.
    if not (values["Value-added of Agriculture"] >= values[NBS_PRIMARY_VALUE]).all():
        raise ValueError("NBS 'Agriculture' is smaller than the primary industry")
    # Accumulated values are the within-year sums of the single quarters (whole years only).
    years = values.index.get_level_values("year")
    with_q1 = values.index[values.index.get_level_values("quarter") == 1].get_level_values("year")
    whole = years.isin(with_q1)
    cum = single.groupby(level="year").cumsum()
    cum_gap = (cum[whole] - values[whole]).abs().max().max()
    if cum_gap > 1.0:
        raise ValueError(f"NBS accumulated values are not sums of quarters (gap {cum_gap})")

    official = pd.read_csv(source / "gdp_ytd_real_growth_1992_2026.csv")
    new = official[official.source.str.startswith("NBS export")]
    new = new.set_index(["year", "quarter"])["ytd_real_growth_pct"]
    from_index = (index[NBS_GDP_INDEX] - 100).round(1)
    common = new.index.intersection(from_index.index)
    if (new.loc[common] - from_index.loc[common]).abs().max() > 1e-9:
        raise ValueError("NBS GDP index and the merged growth file disagree")

    keep = values.index.get_level_values("year") > LAST_OLD_YEAR
    rows: list[dict[str, object]] = []
    for (year, quarter), row in values[keep].iterrows():
        for ind in INDUSTRIES:
            rows.append(
                {
                    "unit": ind.code,
                    "indicator": "gdp",
                    "period": period_q(year, quarter),
                    "ytd_value": row[ind.nbs_value],
                    "ytd_growth": round(index.at[(year, quarter), ind.nbs_index] - 100, 1),
                }
            )
        rows.append(
            {
                "unit": ROOT,
                "indicator": "gdp",
                "period": period_q(year, quarter),
                "ytd_value": row[NBS_GDP_VALUE],
                "ytd_growth": new.at[(year, quarter)],
            }
        )
    kept = values[keep].index
    revised = {ROOT: NBS_GDP_VALUE} | {i.code: i.nbs_value for i in INDUSTRIES}
    log["nbs"] = {
        "revised_2022Q4_by_unit": {
            u: float(values.at[(LAST_OLD_YEAR, 4), name]) for u, name in revised.items()
        },
        "quarters": f"{period_q(*kept[0])}-{period_q(*kept[-1])}",
        "max_abs_gap_sum_of_11_industries_vs_gdp": round(float(gap.max()), 2),
        "overlap_not_used_2021Q4_2022Q4_gdp": {
            period_q(y, q): float(values.at[(y, q), NBS_GDP_VALUE])
            for (y, q) in values.index
            if y <= LAST_OLD_YEAR
        },
        "overlap_not_used_growth": {
            period_q(y, q): float(new.at[(y, q)]) for (y, q) in new.index if y <= LAST_OLD_YEAR
        },
    }
    return pd.DataFrame(rows, columns=OBS_COLUMNS)


# ------------------------------------------------------------------------------ monthly
def read_wide(source: Path) -> pd.DataFrame:
    """The wide monthly file with ``year`` and ``month`` columns; dates must be month ends."""
    wide = pd.read_csv(source / "monthly_macro_wide.csv", encoding="utf-8-sig")
    date = pd.to_datetime(wide.pop("date"), format="%Y-%m-%d")
    if not (date == date + pd.offsets.MonthEnd(0)).all() or date.duplicated().any():
        raise ValueError("monthly_macro_wide.csv: dates are not unique month ends")
    wide.insert(0, "year", date.dt.year)
    wide.insert(1, "month", date.dt.month)
    return wide


def monthly_series(wide: pd.DataFrame, spec: MonthlySeries, log: dict[str, Any]) -> pd.DataFrame:
    """Year-to-date rows of one monthly series, keeping only complete, consistent years.

    A year is kept when it has every month from February (or January) to December. For a
    single-month series January must be present. A year-to-date series must not fall within a
    year. Everything dropped is recorded in ``log``.
    """
    s = wide[["year", "month", spec.column]].dropna()
    s = s.rename(columns={spec.column: "value"})
    kept: list[pd.DataFrame] = []
    dropped: dict[str, str] = {}
    jan_missing: list[int] = []
    for year, g in s.groupby("year"):
        months = set(g.month)
        need = set(range(2 if spec.cumulative and 1 not in months else 1, 13))
        if not spec.cumulative and 1 not in months:
            dropped[str(year)] = (
                f"starts in month {min(months)}: single months cannot be summed to year-to-date"
            )
            continue
        if months == {12}:
            dropped[str(year)] = "annual value only (December), no monthly year-to-date data"
            continue
        if not need <= months:
            lack = sorted(need - months)
            reason = f"months {lack} missing"
            if spec.cumulative and (g.value.diff() < 0).any():
                reason += "; values fall within the year"
            dropped[str(year)] = reason
            continue
        g = g.sort_values("month").copy()
        if spec.cumulative:
            if (g.value.diff() < 0).any():
                dropped[str(year)] = "year-to-date values fall within the year"
                continue
            if 1 not in months:
                jan_missing.append(int(year))
        else:
            g["value"] = g.value.cumsum()
        kept.append(g)
    out = pd.concat(kept, ignore_index=True)
    # Where January is missing the February value should be the January-February total: report
    # its share of January-March next to that of years where January is published separately.
    ratio = out.pivot(index="year", columns="month", values="value")
    feb_share = (ratio[2] / ratio[3]).round(3)
    info: dict[str, object] = {
        "years": f"{out.year.min()}-{out.year.max()}",
        "rows": len(out),
        "dropped_years": dropped,
        "dropped_rows": int(s.year.astype(str).isin(list(dropped)).sum()),
        "source_values_equal_to_previous_month": int((s.value.diff() == 0).sum()),
        "last_source_month": period_m(int(s.year.iloc[-1]), int(s.month.iloc[-1])),
    }
    if jan_missing:
        info["january_missing_years"] = _spans(jan_missing)
        info["feb_over_mar_when_jan_missing"] = [
            float(feb_share[jan_missing].min()),
            float(feb_share[jan_missing].max()),
        ]
        with_jan = [y for y in ratio.index if y not in jan_missing]
        if with_jan:
            info["feb_over_mar_when_jan_published"] = [
                float(feb_share[with_jan].min()),
                float(feb_share[with_jan].max()),
            ]
    log[spec.indicator] = info
    return pd.DataFrame(
        {
            "unit": ROOT,
            "indicator": spec.indicator,
            "period": [period_m(y, m) for y, m in zip(out.year, out.month, strict=True)],
            "ytd_value": out.value.to_numpy(),
            "ytd_growth": np.nan,
        }
    )


def _spans(years: list[int]) -> str:
    """``1992-2022`` style text for a sorted list of years."""
    parts: list[str] = []
    start = prev = years[0]
    for y in [*years[1:], None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if y is not None:
            start = prev = y
    return ", ".join(parts)


def source_series(wide: pd.DataFrame, spec: SourceSeries, log: dict[str, Any]) -> pd.DataFrame:
    """Rows of one source indicator: every month with a value up to the last month of the
    year-to-date series (2022-12), in complete years (January to December) only; a
    ``ytd_value`` series as :func:`monthly_series` reads year-to-date values (February may
    hold January–February)."""
    if spec.field == "ytd_value":
        cumulative = MonthlySeries(spec.indicator, spec.column, spec.name_zh, spec.name_en,
                                   spec.measure, True)  # fmt: skip
        part = monthly_series(wide[wide.year <= LAST_OLD_YEAR], cumulative, log)
        return part.assign(single_growth=np.nan)
    s = wide[["year", "month", spec.column]].dropna()
    s = s[s.year <= LAST_OLD_YEAR].rename(columns={spec.column: "value"})
    full = s.groupby("year").month.transform("size") == 12
    log[spec.indicator] = {
        "years": f"{s[full].year.min()}-{s[full].year.max()}",
        "rows": int(full.sum()),
        "dropped_incomplete_years": sorted(int(y) for y in s[~full].year.unique()),
        "column": spec.field,
    }
    s = s[full]
    return pd.DataFrame(
        {
            "unit": ROOT,
            "indicator": spec.indicator,
            "period": [period_m(y, m) for y, m in zip(s.year, s.month, strict=True)],
            "ytd_value": np.nan,
            "ytd_growth": s.value.to_numpy() if spec.field == "ytd_growth" else np.nan,
            "single_growth": s.value.to_numpy() if spec.field == "single_growth" else np.nan,
        }
    )


def industry_sources_table() -> pd.DataFrame:
    """``industry_sources.csv`` with the package's default elasticities for each pair."""
    sys.path.insert(0, str(REPO))
    from sprintmodel.accounts.sources import DEFAULT_ELASTICITIES, SOURCE_INDICATORS

    rows = []
    for comp, code, role, deflator in INDUSTRY_SOURCES:
        main = next(s for s in SOURCE_INDICATORS if s.industry == comp and s.role == "main")
        # estimated on the national series this folder carries (the mapping's stand-in)
        est = DEFAULT_ELASTICITIES[(comp, main.indicator)]
        rows.append(
            {
                "component": comp,
                "source_indicator": code,
                "role": role,
                "elasticity": est[0],
                "elasticity_se": est[1],
                "deflator": deflator,
                "source": est[2],
            }
        )
    for comp, code, deflator, why in AUX_SOURCES:
        main_row = next(r for r in rows if r["component"] == comp and r["role"] == "main")
        rows.append(
            {
                "component": comp,
                "source_indicator": code,
                "role": "aux",
                "elasticity": main_row["elasticity"],
                "elasticity_se": np.nan,
                "deflator": deflator,
                "source": f"assumption: {why}",
            }
        )
    return pd.DataFrame(rows)


def add_fai_growth(fai: pd.DataFrame, source: Path, log: dict[str, Any]) -> pd.DataFrame:
    """Attach the official year-to-date FAI growth; add growth-only rows after the levels end."""
    growth = pd.read_csv(source / "fai_ytd_growth_2010_2026.csv", dtype={"period": str})
    if growth.period.duplicated().any():
        raise ValueError("fai_ytd_growth_2010_2026.csv: duplicate periods")
    if growth.period.str.endswith("-01").any():
        raise ValueError("fai_ytd_growth_2010_2026.csv: unexpected January rows")
    g = growth.set_index("period")["fai_ytd_yoy_pct"]
    out = fai.set_index("period")
    inside = g.index.intersection(out.index)
    out.loc[inside, "ytd_growth"] = g.loc[inside]
    last = out.index.max()
    before_gap = [p for p in g.index if p <= last and p not in out.index]
    if before_gap:
        raise ValueError(f"FAI growth for months without a level: {before_gap}")
    extra = g[g.index > last]
    tail = pd.DataFrame(
        {
            "unit": ROOT,
            "indicator": "fai",
            "ytd_value": np.nan,
            "ytd_growth": extra.to_numpy(),
        },
        index=extra.index,
    )
    out = pd.concat([out, tail]).rename_axis("period").reset_index()
    # Official growth against the ratio of published levels (the base is revised each year).
    levels = out.dropna(subset=["ytd_value"]).set_index("period")["ytd_value"]
    prev = {p: f"{int(p[:4]) - 1}{p[4:]}" for p in inside}
    ratio = pd.Series(
        {p: 100 * (levels[p] / levels[q] - 1) for p, q in prev.items() if q in levels.index}
    )
    diff = ratio - g.loc[ratio.index]
    log["fai"]["official_growth_months"] = f"{g.index.min()} to {g.index.max()}, {len(g)} months"
    log["fai"]["growth_only_rows"] = (
        f"{extra.index.min()} to {extra.index.max()}, {len(extra)} rows"
    )
    log["fai"]["level_ratio_minus_official_growth_pp"] = {
        "max_abs": round(float(diff.abs().max()), 2),
        "at": str(diff.abs().idxmax()),
        "december_2019": round(float(diff.get("2019-12", np.nan)), 2),
        "december_2020": round(float(diff.get("2020-12", np.nan)), 2),
    }
    return out[OBS_COLUMNS]


# ------------------------------------------------------------------------------ writing
def fmt(x: object) -> str:
    """A number as written: empty for missing, shortest decimal text otherwise.

    Values are rounded to 4 decimals (the finest precision of any source value) only to remove
    binary floating-point noise from sums; no source value is rounded.
    """
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return ""
    return np.format_float_positional(round(float(x), 4), trim="-")  # type: ignore[arg-type]


def units_table() -> pd.DataFrame:
    """``units.csv``: China (its 11 industries are components of GDP, not units)."""
    rows = [
        {
            "unit": ROOT,
            "name_zh": "全国",
            "name_en": "China",
            "parent": "",
            "kind": "other",
            "rollup": "yes",
        }
    ]
    return pd.DataFrame(rows)


def components_table() -> pd.DataFrame:
    """``components.csv``: the 11 industries as the components of ``gdp``."""
    return pd.DataFrame(
        [
            {"indicator": "gdp", "component": i.code, "name_zh": i.name_zh, "name_en": i.name_en}
            for i in INDUSTRIES
        ]
    )


COMPONENT_OBS_COLUMNS = ["unit", "indicator", "component", "period", "ytd_value", "ytd_growth"]


def split_components(obs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(observations of CN, the industries' rows as ``component_observations.csv`` of CN)."""
    is_industry = obs.unit.isin(INDUSTRY_CODES).to_numpy()
    comp = obs[is_industry].rename(columns={"unit": "component"})
    comp.insert(0, "unit", ROOT)
    return obs[~is_industry].reset_index(drop=True), comp[COMPONENT_OBS_COLUMNS]


def indicators_table() -> pd.DataFrame:
    """``indicators.csv``: quarterly GDP and the monthly series."""
    rows = [
        {
            "indicator": "gdp",
            "name_zh": "国内生产总值（增加值）",
            "name_en": "GDP (value added)",
            "measure": "亿元",
            "basis": "real",
            "additive": "yes",
        }
    ]
    rows += [
        {
            "indicator": m.indicator,
            "name_zh": m.name_zh,
            "name_en": m.name_en,
            "measure": m.measure,
            "basis": "nominal",
            "additive": "yes",
        }
        for m in MONTHLY
    ]
    rows += [
        {
            "indicator": m.indicator,
            "name_zh": m.name_zh,
            "name_en": m.name_en,
            "measure": m.measure,
            "basis": m.basis,
            "additive": "yes",
            "flow": m.flow,
            "kind": "source",
        }
        for m in SOURCE_SERIES
    ]
    return pd.DataFrame(rows).fillna("")


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 CSV without BOM, ``\\n`` line ends, numbers via :func:`fmt`."""
    out = frame.copy()
    for c in ("ytd_value", "ytd_growth", "elasticity", "elasticity_se"):
        if c in out.columns:
            out[c] = out[c].map(fmt)
    if "single_growth" in out.columns:  # as in the source (some values carry 6 decimals)
        out["single_growth"] = out["single_growth"].map(
            lambda x: "" if pd.isna(x) else np.format_float_positional(float(x), trim="-")
        )
    out.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def spans(obs: pd.DataFrame) -> dict[str, dict[str, object]]:
    """Rows and period span per indicator (and per unit group for gdp)."""
    out: dict[str, dict[str, object]] = {}
    for ind, g in obs.groupby("indicator", sort=False):
        entry: dict[str, object] = {
            "rows": len(g),
            "periods": f"{g.period.min()} to {g.period.max()}",
            "rows_with_value": int(g.ytd_value.notna().sum()),
            "rows_with_growth": int(g.ytd_growth.notna().sum()),
        }
        if ind == "gdp":
            entry["by_unit"] = {
                u: f"{h.period.min()} to {h.period.max()} ({len(h)})"
                for u, h in g.groupby("unit", sort=False)
            }
        out[str(ind)] = entry
    return out


def build(source: Path, out: Path) -> dict[str, Any]:
    """Convert ``source`` into the data folder ``out``; return a summary for printing."""
    log: dict[str, Any] = {}
    old = old_vintage_gdp(source, log)
    quarterly = pd.concat([old, nbs_gdp(source, log)])
    last_old = old[old.period == f"{LAST_OLD_YEAR}Q4"].set_index("unit").ytd_value
    log["level_break_pct"] = {
        u: round(100 * (v / last_old[u] - 1), 1)
        for u, v in log["nbs"]["revised_2022Q4_by_unit"].items()
    }
    g21 = old[old.period.str.startswith("2021")].pivot(
        index="period", columns="unit", values="ytd_growth"
    )
    log["ytd_growth_2021"] = {u: g21[u].tolist() for u in (ROOT, "LE", "TR")}
    wide = read_wide(source)
    log["wide_file_last_month"] = period_m(int(wide.year.iloc[-1]), int(wide.month.iloc[-1]))
    monthly_log: dict[str, Any] = {}
    parts = []
    for spec in MONTHLY:
        part = monthly_series(wide, spec, monthly_log)
        if spec.indicator == "fai":
            part = add_fai_growth(part, source, monthly_log)
        parts.append(part)
    log["monthly"] = monthly_log
    log["sources"] = {}
    parts += [source_series(wide, spec, log["sources"]) for spec in SOURCE_SERIES]
    obs = pd.concat([quarterly, *parts], ignore_index=True)
    order = {c: k for k, c in enumerate([ROOT, *INDUSTRY_CODES])}
    ind_order = {
        c: k
        for k, c in enumerate(
            ["gdp", *(m.indicator for m in MONTHLY), *(m.indicator for m in SOURCE_SERIES)]
        )
    }
    obs = obs.sort_values(
        ["indicator", "unit", "period"],
        key=lambda s: (
            s.map(ind_order) if s.name == "indicator" else (s.map(order) if s.name == "unit" else s)
        ),
        kind="stable",
    ).reset_index(drop=True)
    if obs.duplicated(["unit", "indicator", "period"]).any():
        raise ValueError("duplicate unit × indicator × period rows")

    out.mkdir(parents=True, exist_ok=True)
    own, comp = split_components(obs)
    write_csv(units_table(), out / "units.csv")
    write_csv(indicators_table(), out / "indicators.csv")
    write_csv(own.reindex(columns=OUT_COLUMNS), out / "observations.csv")
    write_csv(components_table(), out / "components.csv")
    write_csv(comp[COMPONENT_OBS_COLUMNS], out / "component_observations.csv")
    write_csv(industry_sources_table(), out / "industry_sources.csv")
    summary = {"out": str(out), "rows": len(obs), "indicators": spans(obs), "log": log}
    (out / "SOURCES.md").write_text(sources_md(summary), encoding="utf-8")
    (out / "README.md").write_text(README, encoding="utf-8")
    return summary


# ----------------------------------------------------------------------------- documents
README = """\
# China national statistics

Real, published statistics of China's National Bureau of Statistics (NBS), the Ministry of
Finance and the General Administration of Customs in the sprintmodel data contract's form:
quarterly GDP and the value added of 11 industries (year-to-date current-price values and
year-to-date real growth, 1992Q1-2026Q1) and monthly national series (fixed-asset investment,
retail sales, budget revenue, tax revenue, budget expenditure, real-estate investment and
exports; year-to-date, up to 2022-12, fixed-asset investment growth up to 2026-06), and four
monthly source indicators for the nowcast and the industries (`kind = source`: industrial
production's single-month growth in the optional column `single_growth`, the loan and deposit
balances' growth and year-to-date electricity output, 1990/1993-2022; `industry_sources.csv`
names each industry's). The data mix
vintages and are not a clean real-time vintage: see SOURCES.md for sources, vintages, caveats and
exactly how the files were converted. The 11 industries are the components of GDP
(`components.csv`, `component_observations.csv`; `sprintmodel accounts data/china_national`
builds GDP from them). Regenerate the folder with `python scripts/build_china_national.py`.
"""


def _table(spans_: dict[str, dict[str, object]]) -> str:
    lines = [
        "| indicator | rows | periods | rows with ytd_value | rows with ytd_growth |",
        "| --- | --- | --- | --- | --- |",
    ]
    for ind, e in spans_.items():
        lines.append(
            f"| {ind} | {e['rows']} | {e['periods']} | {e['rows_with_value']} | "
            f"{e['rows_with_growth']} |"
        )
    return "\n".join(lines)


def _dropped(monthly: dict[str, Any]) -> str:
    lines = []
    for ind, info in monthly.items():
        assert isinstance(info, dict)
        dropped = info["dropped_years"]
        if not dropped:
            continue
        groups: dict[str, list[int]] = {}
        for y, reason in dropped.items():
            groups.setdefault(reason, []).append(int(y))
        text = "; ".join(f"{_spans(sorted(ys))}: {r}" for r, ys in groups.items())
        lines.append(f"  - `{ind}` ({info['dropped_rows']} source rows): {text}.")
    return "\n".join(lines)


def sources_md(summary: dict[str, Any]) -> str:
    """The folder's SOURCES.md: the source note's content plus the conversion record."""
    log = summary["log"]
    assert isinstance(log, dict)
    monthly = log["monthly"]
    old = log["old_vintage"]
    nbs = log["nbs"]
    fai = monthly["fai"]
    fy = old["full_year_gdp_sum_of_industries"]
    nbs_fy = nbs["overlap_not_used_2021Q4_2022Q4_gdp"]
    pull_sum = old["published_contribution_rates_row_sum_min_max"]
    brk = ", ".join(f"{u} {v:+.1f}%" for u, v in log["level_break_pct"].items())
    g21 = {u: ", ".join(f"{x:g}" for x in v) for u, v in log["ytd_growth_2021"].items()}
    repeats = sum(v["source_values_equal_to_previous_month"] for v in monthly.values())
    last_month = max(v["last_source_month"] for v in monthly.values())
    wide_end = log["wide_file_last_month"]
    nbs_g22 = ", ".join(str(v) for k, v in nbs["overlap_not_used_growth"].items() if "2022" in k)
    lvl = fai["level_ratio_minus_official_growth_pp"]
    src = log["sources"]
    jan = {k: v for k, v in monthly.items() if isinstance(v, dict) and "january_missing_years" in v}
    jan_lines = "\n".join(
        f"  - `{k}`: January missing in {v['january_missing_years']}; February ÷ March "
        f"{v['feb_over_mar_when_jan_missing'][0]}–{v['feb_over_mar_when_jan_missing'][1]}"
        + (
            f" (years with a separate January: {v['feb_over_mar_when_jan_published'][0]}–"
            f"{v['feb_over_mar_when_jan_published'][1]})"
            if "feb_over_mar_when_jan_published" in v
            else ""
        )
        for k, v in jan.items()
    )
    return f"""\
# China national statistics: sources, vintages and conversion

Official statistics of the National Bureau of Statistics (NBS), the Ministry of Finance (MoF)
and the General Administration of Customs, as redistributed in public GitHub repositories.
Values are in 亿元 (100 million yuan) except exports (亿美元, 100 million US dollars); growth is
in percent. **This is not a clean real-time vintage**: the files mix first releases, annual
revisions and census revisions (see "Vintages"). Say which vintage a backtest uses.

## Sources
| data | source file(s) | origin |
| --- | --- | --- |
| year-to-date real growth of the 11 industries, 1992Q1–2022Q4 | gdp_cumyoy_sectors.csv | CharlesDZhang/China-GDP-Nowcasting @ b411d75 |
| single-quarter current-price value added of the 11 industries, 1992Q1–2022Q4 | gdp_nom_sectors.csv | same @ 21e69a5 |
| year-to-date real GDP growth, 1992Q1–2022Q4 (vintage about January 2023, mixed first-release/revised) | gdp_ytd_real_growth_1992_2026.csv (rows from GDP_CUM.csv) | same @ b411d75 |
| GDP and industries 2023Q1–2026Q1: accumulated current-price values and accumulated volume indices (preceding year = 100) | nbs_gdp_2021q4_2026q1.csv | NBS quarterly database export via tsvetoslavtsachev/china-macro-dashboard @ 0f41d9e (vintage about mid 2026, after the 5th economic census revision) |
| monthly series up to 2022-12 (a Wind terminal export; NBS, MoF, Customs) | monthly_macro_wide.csv, monthly_macro_series.csv | CharlesDZhang/China-GDP-Nowcasting @ c00e884 (series updated January 2023) |
| official year-to-date growth of fixed-asset investment (excluding rural households), 2010-02–2026-06 | fai_ytd_growth_2010_2026.csv | naoaki-rmrb/chinastatistics @ ac63d02, values transcribed |

Wind series used: 固定资产投资完成额:累计值 (M0000272), 社会消费品零售总额:累计值 (M0001439),
公共财政收入:累计值 (M0046168), 税收收入:累计值 (M0046170), 公共财政支出:累计值 (M0046166),
房地产开发投资完成额:累计值 (S0029656), 出口金额:当月值 (M0000606, single months, 亿美元).

## Vintages
NBS revises GDP after each economic census and annual verification. First-release full-year real
growth: 2020 2.3, 2021 8.1, 2022 3.0, 2023 5.2, 2024 5.0 (Q1–Q3 2022: 3.0). Latest vintage:
2021 8.6, 2022 3.1 (Q1–Q3 3.2), 2023 5.4, 2024 5.0. No source file is a clean real-time vintage.

In this folder:
- **GDP up to 2022Q4** (CN and industries) is the China-GDP-Nowcasting vintage of about January
  2023, mixing first releases and revisions: year-to-date growth for 2021 is 8.4 (first
  release 8.1, latest 8.6) and for 2022 3.0 (Q1–Q3 3.0). Full-year sums of the industries'
  current-price values: 2018 {fy["2018"]}, 2019 {fy["2019"]}, 2020 {fy["2020"]} (the
  values after the 4th economic census and annual verification), 2021 {fy["2021"]} (the
  preliminary value of January 2022, later revised) and 2022 {fy["2022"]} (the sum of the
  first-release quarters).
- **GDP from 2023Q1** is the NBS export of about mid 2026 (after the 5th economic census).
  It also holds 2021Q4–2022Q4 on the revised basis, which this folder does **not** use (see
  "Conversion"): full-year GDP 2021 {nbs_fy["2021Q4"]}, 2022 {nbs_fy["2022Q4"]}; year-to-date
  growth 2022Q1–Q4 {nbs_g22}.
- **Level break between 2022 and 2023.** 2023 values are on the revised basis, 2022 values on
  the old one (2022 GDP {fy["2022"]} here against {nbs_fy["2022Q4"]} revised,
  {100 * (nbs_fy["2022Q4"] / fy["2022"] - 1):+.1f}%). The official 2023 growth rates are right;
  the ratio of 2023 to 2022 current-price levels is not a nominal growth rate, and the implied
  2023 deflator (2023 value ÷ (2022 value × (1 + growth))) is too high by about that break.
  The 5th-census revision also reshuffled the industries: revised ÷ folder 2022 value − 1 is
  {brk}. Year-on-year calculations for 2023 that use 2022 levels as weights (contributions,
  volumes at last year's prices) carry these weight errors; single-quarter growth derived for
  2023 still matches the NBS single-quarter indices closely (see the check script).
- **2021 mixes vintages within the year.** The 2021Q4 year-to-date growth is the revised
  full-year figure of the final verification (CN 8.4 against 8.1 first released), while
  2021Q1–Q3 growth and all 2021 current-price values are earlier releases (year-to-date growth
  Q1–Q4: CN
  {g21[ROOT]}, LE {g21["LE"]}, TR {g21["TR"]}), so single-quarter growth derived for
  2021Q4 from year-to-date data is distorted (the revision of the whole year lands in Q4).
- **Monthly series** are the values stored by Wind as of January 2023, in general each month's
  figure as first published: levels are not revised back, which is why FAI levels are not
  comparable across years and retail sales jump in December 2005 (see the caveats).
- **FAI growth** 2010-02–2026-06 is the official year-to-date growth as published each month.

## Caveats
- **Industries.** The 11 industries: AR 农林牧渔业 agriculture, forestry, animal husbandry and
  fishery (including their support services, so larger than the primary industry), ID 工业
  industry, CO 建筑业 construction, WH 批发和零售业 wholesale and retail, TR 交通运输仓储和邮政业
  transport, AC 住宿和餐饮业 accommodation and catering, FI 金融业 finance, RE 房地产业 real
  estate, IN 信息传输软件和信息技术服务业 information technology, LE 租赁和商务服务业 leasing and
  business services, OT 其他服务业 other services.
- **IN and LE exist only from 2015.** Before 2015 OT is *all other services including IN and
  LE*, and the 9 industries cover GDP (their 2014 sum is {fy["2014"]}, NBS's revised 2014
  GDP); from 2015 OT is other services *excluding* IN and LE, and the 11 industries cover GDP
  (2015 sum {fy["2015"]}). The published contribution rates add up to
  {pull_sum[0]}–{pull_sum[1]} in every quarter, so no industry is missing in any year. There
  are no IN or LE rows before 2015: IN and LE have no previous-year base in 2015, and OT's 2015
  values are narrow while its 2014 values are broad, so year-on-year calculations for OT, IN and
  LE in 2015 (volumes at last year's prices, contributions) mix definitions. Whether OT's 2015
  *growth* is on the narrow or the broad definition cannot be told from the files: the
  published 2015 contribution rates leave IN and LE empty and are reproduced (within 0.1 pp)
  from the broad 2014 base × OT's 2015 growth.
- **Sum of industries.** Up to 2022 CN's year-to-date value *is* the sum of the industries, so
  they add up exactly. From 2023 CN is NBS's published GDP; the 11 industries add up to it within
  {nbs["max_abs_gap_sum_of_11_industries_vs_gdp"]} 亿元 (rounding of one-decimal values).
- **FAI levels are not comparable across years** (the base is revised; before 2011 the monthly
  series is urban FAI, from 2011 FAI excluding rural households): growth from the ratio of
  levels minus official growth is {lvl["december_2019"]:+} pp in December 2019,
  {lvl["december_2020"]:+} pp in December 2020 and up to {lvl["max_abs"]} pp in absolute value
  (at {lvl["at"]}). Use within-year ratios or the official growth; this folder keeps both as
  published.
- **Retail sales** levels jump where census revisions entered during a year (e.g. December 2005);
  budget revenue is the national general public budget (公共财政收入 in the source).
- **Exports**: the source carries separate January and February values for every year, so
  exports have January rows. Customs has released January and February together since 2020, so
  the separate January values of 2020–2022 may not have been available in real time; a
  real-time backtest as of a January should not rely on them.
- Checks already made on the sources: contribution rates recomputed from last year's
  year-to-date value added × this year's year-to-date real growth reproduce
  gdp_cumyoy_sectors_pull.csv within 0.3 pp for every quarter of 2016–2022. The naive rule
  "full-year growth = Q1–Q3 year-to-date growth" gives MAE 0.31 pp for national GDP 1992–2025,
  0.74 pp for the 11 industries 1992–2022 (295 industry-years) and 0.77 pp for FAI growth
  2010–2025 (2025 missed by 3.3 pp). The ratio rule "full year = Jan–Sep × last year's full
  year ÷ last year's Jan–Sep" gives MAPE 1.1 % for retail sales 2000–2022, 3.0 % for FAI levels
  and 2.6 % for budget revenue. `scripts/check_china_national.py` repeats the first check on
  this folder and adds others.

## Conversion
`scripts/build_china_national.py` (run from the repository root; `--source` defaults to
`../shared/data/china_national`, `--out` to `data/china_national`) wrote units.csv,
indicators.csv, observations.csv and component_observations.csv ({summary["rows"]} rows
together), components.csv, this file and README.md:

{_table(summary["indicators"])}

**units.csv**: the one unit `CN` 全国 (kind `other`).

**components.csv**, **component_observations.csv**: the 11 industries are the components of
CN's `gdp` (codes AR, ID, CO, WH, TR, AC, FI, RE, IN, LE, OT; see `docs/data_contract.md`); their
rows below (“industries”) are in component_observations.csv with `unit` CN and `component` the
industry code. `DataSet.components_as_units("gdp")` presents them as CN's child units, as the
folder had them before issue 16.

**indicators.csv**: `gdp` (亿元, basis `real`, additive) and the monthly `fai`, `retail`,
`revenue`, `tax`, `fiscal_exp`, `re_fai` (亿元) and `exports` (亿美元), all basis `nominal`,
additive. All rows are year-to-date.

**Quarterly GDP** (`gdp`, periods `YYYYQn`):
1. 1992Q1–2022Q4, industries: `ytd_value` = the within-year cumulative sum of the single-quarter
   current-price value added of gdp_nom_sectors.csv; `ytd_growth` = gdp_cumyoy_sectors.csv. IN
   and LE rows start in 2015Q1 (see the caveat on OT).
2. 1992Q1–2022Q4, `CN`: `ytd_value` = sum of the industries' `ytd_value`; `ytd_growth` = the
   China-GDP-Nowcasting rows of gdp_ytd_real_growth_1992_2026.csv (identical to GDP_CUMYOY of
   gdp_cum.csv). Where that file has two rows for a quarter (2021Q4–2022Q4), the
   China-GDP-Nowcasting row is used, to match the vintage of the industry data.
3. 2023Q1–{nbs["quarters"].split("-")[1]}, all units: the NBS export. `ytd_value` = accumulated current-price
   value ("Gross Domestic Product" for CN; "Value-added of Agriculture/Industry/Construction/
   Wholesale and Retail Trades/Transport/Hotels and Catering Services/Finance/Real Estate/
   Information Transmission/Leasing and Business Services/Others" for AR, ID, CO, WH, TR, AC, FI,
   RE, IN, LE, OT); `ytd_growth` = accumulated index − 100 (for CN equal to the NBS rows of
   gdp_ytd_real_growth_1992_2026.csv). The script checks that the 11 industries add up to GDP,
   that "Agriculture" exceeds the primary industry (so it is 农林牧渔业, like AR) and that
   accumulated values are the sums of the quarters. The NBS rows of 2021Q4–2022Q4 are not used.
   The export's primary/secondary/tertiary and manufacturing breakdowns overlap the 11 and are
   not used.

**Monthly series** (periods `YYYY-MM`, one row per published month, quarter ends included;
dates of the wide file are month ends and give the month):
- 累计值 series are year-to-date as published (`ytd_value`); the script checks they do not fall
  within any kept year. Exports (当月值, single months) are summed within each year from January.
- No January is invented. Where the source has no January the year starts at `YYYY-02`, whose
  value is the January–February total as published (the source has no January for investment
  in any year, for retail sales from 2013 and for budget figures from 2019, the years in which
  NBS and MoF released the two months together). February ÷ March of the year-to-date values confirms it where a series also has
  years with a separate January: the ratio is about the same in both kinds of year, where a
  single-month February would give roughly half of it:
{jan_lines}
- `fai`: `ytd_growth` = fai_ytd_growth_2010_2026.csv ({fai["official_growth_months"]}).
  After the levels end, growth-only rows with empty `ytd_value` are added
  ({fai["growth_only_rows"]}). Levels and growth are kept as published, never one recomputed
  from the other.
- Other monthly series: `ytd_growth` is empty (the wide file has no official year-to-date growth
  for them).
- Dropped (whole years, so that every kept year is complete from January or February to
  December):
{_dropped(monthly)}
  Source values equal to the previous month's (a sign of stale carry-forward): {repeats}. Last
  month with a value in the used columns: {last_month} (the wide file runs to {wide_end}).
- **Source indicators** (`kind = source` in indicators.csv: kept out of the headline lists,
  read by the nowcast and named in industry_sources.csv), growth only, no levels:
  - `iva` 规模以上工业增加值: 工业增加值:当月同比 (M0000545), the month's own real growth, in the
    optional column `single_growth` ({src["iva"]["years"]}, {src["iva"]["rows"]} rows; written as in the
    source, some values carry 6 decimals). NBS publishes January and February together in
    most years; the file's separate January and February values are Wind's. Industrial value
    added has no year-to-date form here (its 累计同比 is not in the wide file).
  - `loans` 金融机构各项贷款余额: 金融机构:各项贷款余额:同比 (M0009970), the balance's
    growth on a year earlier at the month's end, in `ytd_growth` (`flow` no: a balance;
    {src["loans"]["years"]}, {src["loans"]["rows"]} rows; incomplete years dropped: {_spans(src["loans"]["dropped_incomplete_years"])}).
  - `deposits` 金融机构各项存款余额: 金融机构:各项存款余额:同比 (M0009941), like `loans`
    ({src["deposits"]["years"]}, {src["deposits"]["rows"]} rows; incomplete years dropped: {_spans(src["deposits"]["dropped_incomplete_years"])}).
  - `electricity` 发电量: 产量:发电量:累计值 (S0027014), year-to-date output in 亿千瓦时 in
    `ytd_value`, read like the year-to-date series above ({src["electricity"]["years"]}, {src["electricity"]["rows"]} rows;
    January missing in {src["electricity"].get("january_missing_years", "no year")}; February ÷ March
    {src["electricity"].get("feb_over_mar_when_jan_missing", "")} there, {src["electricity"].get("feb_over_mar_when_jan_published", "")} in years with a
    separate January). Growth follows from the values of consecutive years (levels as first
    published, not revised back).
  - Publication: all about the 10th-15th of the next month (NBS, PBoC release calendars).
- **industry_sources.csv**: each industry's national monthly source: ID and TR `iva`, CO `fai`,
  WH and AC `retail`, FI `loans`, RE `re_fai`, OT `fiscal_exp` (the package's mapping,
  `sprintmodel.accounts.sources.SOURCE_INDICATORS`, with its national stand-ins); AR, IN and LE
  have no national monthly source and no row. Elasticities are the package defaults, estimated
  by benchmarks/bench_elasticities.py on these same national series. Two auxiliary rows (role
  `aux`, read by the nowcast's bridge): FI `deposits` (the NBS quarterly method estimates
  货币金融服务 from deposit *and* loan balances, the package's FI `deposits_loans`) and TR
  `electricity` (a stand-in for freight turnover 货物周转量, the NBS method's source for
  transport, which this file lacks: rail freight is mostly coal for power generation); their
  elasticities are assumed equal to the main row's (said in the `source` column).
- Not used from the wide file: the other rates, indices, balances and single-month series.

**Numbers** are written as in the source: sums are rounded to 4 decimals only to remove
floating-point noise (the sources carry at most 4 decimals); index − 100 is rounded to 1
decimal, the precision of the index.
"""


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="source folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output data folder")
    args = parser.parse_args(argv)
    summary = build(args.source.resolve(), args.out.resolve())
    json.dump(summary, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
