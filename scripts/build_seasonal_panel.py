"""Build ``data/seasonal_panel/``: real, seasonal quarterly series in the data contract's form.

A development-time converter for the benchmark ``benchmarks/bench_seasonal.py`` (issue 17,
item 6): the bundled ``data/china_national`` holds few quarterly series, and the combination's
accuracy on strongly seasonal quarterly data must be measured on data it was not tuned on. The
package never reads the sources at run time.

Sources (see the ``SOURCES.md`` it writes):

* ``../shared/data/china_national/gdp_nom_sectors.csv``: single-quarter current-price value
  added of China's 11 industries, 1992Q1-2022Q4; summed within each year to year-to-date
  values, indicator ``va_nominal``, units ``AR`` ... ``OT`` and their sum ``CN``.
* ``../shared/data/china_national/monthly_macro_wide.csv``: national monthly series not bundled
  in ``data/china_national`` (industrial enterprises' revenue, profits and export deliveries,
  state-owned enterprises' revenue and profits, coal and electricity output, government fund
  revenue and expenditure, new urban jobs, imports, trade, FDI, banks' foreign-exchange
  settlement and sales); year-to-date series (累计值) are read at the quarter-end months, single
  months (当月值) are summed within each year (a year is kept only with all twelve months).
* ``scripts/seasonal_panel_sources.csv``: four classic quarterly or monthly series copied from
  the MIT-licensed ``pmdarima`` 2.1.1 package (``pmdarima/datasets``): Australian beer and
  woollen yarn production and wine sales (Australian Bureau of Statistics), and international
  airline passengers (Box and Jenkins 1976); monthly ones are summed to quarters.

Every series becomes an indicator of its own (``basis`` nominal, ``additive`` yes) with
``ytd_value`` only (growth is the ratio of values). Run ``python scripts/build_seasonal_panel.py``
from the repository root; it prints a JSON summary.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "china_national"
DEFAULT_OUT = REPO / "data" / "seasonal_panel"
CLASSIC = Path(__file__).resolve().parent / "seasonal_panel_sources.csv"
ROOT = "ALL"
INDUSTRIES = ("AR", "ID", "CO", "WH", "TR", "AC", "FI", "RE", "IN", "LE", "OT")
INDUSTRY_NAMES = {
    "AR": ("农林牧渔业", "Agriculture"),
    "ID": ("工业", "Industry"),
    "CO": ("建筑业", "Construction"),
    "WH": ("批发和零售业", "Wholesale and retail"),
    "TR": ("交通运输、仓储和邮政业", "Transport"),
    "AC": ("住宿和餐饮业", "Hotels and catering"),
    "FI": ("金融业", "Finance"),
    "RE": ("房地产业", "Real estate"),
    "OT": ("其他服务业（含信息、租赁和商务服务）", "Other services (incl. IT and leasing)"),
}
PANEL_INDUSTRIES = tuple(INDUSTRY_NAMES)


@dataclass(frozen=True)
class Monthly:
    """One national monthly series of ``monthly_macro_wide.csv``."""

    indicator: str
    column: str
    name_zh: str
    name_en: str
    measure: str


MONTHLY = (
    Monthly(
        "ind_profit",
        "工业企业:利润总额:累计值|M0000556",
        "规上工业企业利润总额",
        "Industrial enterprises' profits",
        "亿元",
    ),
    Monthly(
        "ind_export_delivery",
        "工业企业:出口交货值:累计值|M0041769",
        "工业企业出口交货值",
        "Industrial export deliveries",
        "亿元",
    ),
    Monthly(
        "soe_revenue",
        "全国国有企业:营业总收入:累计值|M0049801",
        "国有企业营业总收入",
        "State-owned enterprises' revenue",
        "亿元",
    ),
    Monthly(
        "soe_profit",
        "全国国有企业:利润总额:累计值|M0049802",
        "国有企业利润总额",
        "State-owned enterprises' profits",
        "亿元",
    ),
    Monthly("coal", "产量:原煤:累计值|S0026991", "原煤产量", "Coal output", "万吨"),
    Monthly(
        "electricity", "产量:发电量:累计值|S0027014", "发电量", "Electricity output", "亿千瓦时"
    ),
    Monthly(
        "fund_revenue",
        "全国政府性基金收入:累计值|M0096879",
        "政府性基金收入",
        "Government fund revenue",
        "亿元",
    ),
    Monthly(
        "fund_exp",
        "全国政府性基金支出:累计值|M0096887",
        "政府性基金支出",
        "Government fund expenditure",
        "亿元",
    ),
    Monthly(
        "new_jobs", "城镇新增就业人数:累计值|M5480389", "城镇新增就业人数", "New urban jobs", "万人"
    ),
    Monthly(
        "trade", "进出口金额:当月值|M0000604", "进出口总额", "Trade (exports + imports)", "亿美元"
    ),
    Monthly("imports", "进口金额:当月值|M0000608", "进口总额", "Imports", "亿美元"),
    Monthly(
        "fdi",
        "实际使用外资金额:外商直接投资:当月值|M0009870",
        "实际使用外商直接投资",
        "Foreign direct investment",
        "亿美元",
    ),
    Monthly(
        "fx_settlement", "银行结汇:当月值|M5207845", "银行结汇", "Banks' FX settlement", "亿元"
    ),
    Monthly("fx_sales", "银行售汇:当月值|M5207847", "银行售汇", "Banks' FX sales", "亿元"),
)

CLASSIC_META = {
    "beer": ("AU", "澳大利亚啤酒产量", "Australian beer production", "百万升"),
    "wool_yarn": ("AU", "澳大利亚毛纱产量", "Australian woollen yarn production", "吨"),
    "wine": ("AU", "澳大利亚葡萄酒销量", "Australian wine sales (bottles ≤ 1 l)", "升"),
    "air_passengers": ("INTL", "国际航空旅客", "International airline passengers", "千人次"),
}


def industries(source: Path) -> pd.DataFrame:
    """Year-to-date current-price value added of the 11 industries and their sum ``CN``."""
    raw = pd.read_csv(source / "gdp_nom_sectors.csv", encoding="utf-8-sig")
    raw["year"] = raw.QTR.str[:4].astype(int)
    raw["q"] = raw.QTR.str[5:7].astype(int) // 3
    long = raw.melt(id_vars=["year", "q"], value_vars=list(INDUSTRIES), var_name="unit")
    long["value"] = pd.to_numeric(long.value, errors="coerce")
    # Before 2015 information technology (IN) and leasing (LE) are inside other services (OT):
    # OT is kept on that basis throughout (OT + IN + LE from 2015), so the panel has 9 industries.
    long["unit"] = long.unit.replace({"IN": "OT", "LE": "OT"})
    long = long.groupby(["year", "q", "unit"], as_index=False).value.sum(min_count=1)
    total = long.groupby(["year", "q"], as_index=False).value.sum(min_count=len(PANEL_INDUSTRIES))
    total["unit"] = "CN"
    both = pd.concat([long, total], ignore_index=True)
    return _ytd_from_quarters(both, "va_nominal")


def _ytd_from_quarters(single: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Year-to-date rows from single-quarter ``value`` (whole years with all four only)."""
    single = single.dropna(subset=["value"])
    full = single.groupby(["unit", "year"]).q.transform("count") == 4
    single = single[full].sort_values(["unit", "year", "q"])
    single = single.assign(ytd=single.groupby(["unit", "year"]).value.cumsum())
    return pd.DataFrame(
        {
            "unit": single.unit,
            "indicator": indicator,
            "period": single.year.astype(str) + "Q" + single.q.astype(str),
            "ytd_value": single.ytd.round(4),
        }
    )


def monthly(source: Path, spec: Monthly) -> pd.DataFrame:
    """Quarter-end year-to-date values of one monthly series (whole years only)."""
    wide = pd.read_csv(source / "monthly_macro_wide.csv", parse_dates=["date"])
    s = pd.to_numeric(wide.set_index("date")[spec.column], errors="coerce").dropna()
    df = pd.DataFrame({"year": s.index.year, "month": s.index.month, "v": s.to_numpy()})
    rows = []
    for year, g in df.groupby("year"):
        by_month = dict(zip(g.month, g.v, strict=True))
        if spec.column.split("|")[0].endswith("累计值"):
            if all(m in by_month for m in (3, 6, 9, 12)):
                ytd = [by_month[m] for m in (3, 6, 9, 12)]
                if np.all(np.diff(ytd) > 0) and ytd[0] > 0:
                    rows.append((year, ytd))
        elif len(by_month) == 12 and min(by_month.values()) > 0:
            cum = np.cumsum([by_month[m] for m in range(1, 13)])
            rows.append((year, [cum[2], cum[5], cum[8], cum[11]]))
    return pd.DataFrame(
        [
            {
                "unit": "CN",
                "indicator": spec.indicator,
                "period": f"{y}Q{q + 1}",
                "ytd_value": round(float(v[q]), 4),
            }
            for y, v in rows
            for q in range(4)
        ]
    )


def quarterly_ytd(raw: pd.DataFrame) -> pd.DataFrame:
    """Year-to-date quarterly rows from long ``series, unit, year, month, value`` rows.

    A (series, unit) whose months all end quarters is quarterly and kept as it is; otherwise it
    is monthly and summed to quarters (whole quarters only). Only whole years with all four
    quarters are kept; the indicator is the series' name.
    """
    out = []
    for (name, unit), g in raw.groupby(["series", "unit"], sort=True):
        g = g.assign(q=(g.month - 1) // 3 + 1)
        per_q = g.groupby(["year", "q"]).agg(value=("value", "sum"), n=("value", "count"))
        want = 1 if (g.month % 3 == 0).all() else 3  # quarterly rows sit at the quarter's end
        per_q = per_q[per_q.n == want].reset_index()
        per_q["unit"] = unit
        out.append(_ytd_from_quarters(per_q, str(name)))
    return pd.concat(out, ignore_index=True)


def classic() -> pd.DataFrame:
    """The pmdarima series: quarterly as they are, monthly summed to quarters."""
    raw = pd.read_csv(CLASSIC)
    return quarterly_ytd(raw.assign(unit=raw.series.map(lambda s: CLASSIC_META[s][0])))


def build(source: Path, out: Path) -> dict[str, object]:
    """Write the data folder and return a summary."""
    obs = pd.concat(
        [industries(source), *(monthly(source, m) for m in MONTHLY), classic()],
        ignore_index=True,
    )
    units = [
        (ROOT, "季节性序列面板", "Seasonal panel", "", "other", "no"),
        ("CN", "全国", "China", ROOT, "other", "no"),
        *((u, zh, en, "CN", "other", "yes") for u, (zh, en) in INDUSTRY_NAMES.items()),
        ("AU", "澳大利亚", "Australia", ROOT, "other", "no"),
        ("INTL", "国际航线", "International airlines", ROOT, "other", "no"),
    ]
    indicators = [("va_nominal", "增加值（现价）", "Value added (current prices)", "亿元")]
    indicators += [(m.indicator, m.name_zh, m.name_en, m.measure) for m in MONTHLY]
    indicators += [(k, v[1], v[2], v[3]) for k, v in CLASSIC_META.items()]
    spans, unit_years, rows = write_tables(out, units, indicators, obs)
    (out / "SOURCES.md").write_text(sources_md(spans, unit_years), encoding="utf-8")
    (out / "README.md").write_text(README, encoding="utf-8")
    return summary(out, spans, unit_years, rows)


def write_tables(
    out: Path,
    units: Sequence[tuple[str, ...]],
    indicators: Sequence[tuple[str, ...]],
    obs: pd.DataFrame,
) -> tuple[dict[str, str], int, int]:
    """Write ``units.csv``, ``indicators.csv`` and ``observations.csv`` of a benchmark folder.

    ``units`` rows are (unit, name_zh, name_en, parent, kind, rollup), ``indicators`` rows
    (indicator, name_zh, name_en, measure), every indicator ``nominal`` and ``additive``;
    ``obs`` has unit, indicator, period and ytd_value. Returns the span of each
    indicator/unit, the number of unit-years and the number of observation rows.
    """
    out.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(units, columns=["unit", "name_zh", "name_en", "parent", "kind", "rollup"]).to_csv(
        out / "units.csv", index=False
    )
    ind = pd.DataFrame(indicators, columns=["indicator", "name_zh", "name_en", "measure"])
    ind["basis"] = "nominal"
    ind["additive"] = "yes"
    ind.to_csv(out / "indicators.csv", index=False)
    obs = obs.sort_values(["indicator", "unit", "period"]).reset_index(drop=True)
    obs["ytd_growth"] = ""
    obs.to_csv(out / "observations.csv", index=False)
    years = obs.assign(year=obs.period.str[:4].astype(int)).groupby(["indicator", "unit"]).year
    spans = {f"{i}/{u}": f"{g.min()}-{g.max()} ({g.nunique()} years)" for (i, u), g in years}
    return spans, int(sum(g.nunique() for _, g in years)), len(obs)


def summary(out: Path, spans: dict[str, str], unit_years: int, rows: int) -> dict[str, object]:
    """The JSON summary a build prints."""
    return {
        "out": str(out.relative_to(REPO)) if out.is_relative_to(REPO) else str(out),
        "series": len(spans),
        "unit_years": unit_years,
        "rows": rows,
        "spans": spans,
    }


README = """# Seasonal quarterly panel (benchmark data)

Real, seasonal quarterly series in the data contract's form (`units.csv`, `indicators.csv`,
`observations.csv`; year-to-date values, growth follows from them), for
`benchmarks/bench_seasonal.py`: the accuracy of the full-year forecast as of Q3 on series the
combination was not tuned on. Not an example region: the units are countries, China's
industries and "international airlines", under one root `ALL` with `rollup = no`.

Written by `python scripts/build_seasonal_panel.py` (do not edit by hand); sources, spans and
licences in `SOURCES.md`.

    sprintmodel validate data/seasonal_panel
    sprintmodel backtest data/seasonal_panel
"""


def sources_md(spans: dict[str, str], unit_years: int) -> str:
    """The folder's SOURCES.md: sources, licences, conversion and spans."""
    wind = "\n".join(f"| `{m.indicator}` | {m.column} | {m.measure} |" for m in MONTHLY)
    return f"""# Seasonal quarterly panel: sources and conversion

{len(spans)} series, {unit_years} unit-years (a unit × indicator × year with all four quarters).

## Sources
| data | origin | licence / terms |
| --- | --- | --- |
| China: single-quarter current-price value added of 11 industries, 1992Q1–2022Q4 (NBS) | `gdp_nom_sectors.csv` of CharlesDZhang/China-GDP-Nowcasting @ 21e69a5, as gathered in `../shared/data/china_national` | official statistics (public); the same source as `data/china_national` |
| China: national monthly series (NBS, Ministry of Finance, Customs, SAFE, MOHRSS; a Wind terminal export, values as of January 2023) | `monthly_macro_wide.csv` of CharlesDZhang/China-GDP-Nowcasting @ c00e884, same folder | official statistics (public); as `data/china_national` |
| Australia: quarterly beer production 1956Q1–2008Q3 [megalitres], quarterly woollen yarn production 1965Q1–1994Q3 [tonnes], monthly wine sales by winemakers (bottles ≤ 1 litre) Jan 1980–Aug 1994 [litres] (Australian Bureau of Statistics) | the `pmdarima` 2.1.1 package (`pmdarima/datasets`: `ausbeer`, `woolyrnq`, `wineind`; from R's fpp/forecast packages), copied to `scripts/seasonal_panel_sources.csv` | pmdarima: MIT licence; ABS data: © Commonwealth of Australia, Creative Commons Attribution 4.0 |
| International airline passengers, monthly 1949–1960 [thousands] | `pmdarima` 2.1.1 (`airpassengers`), from Box, G. E. P. and Jenkins, G. M. (1976), *Time Series Analysis, Forecasting and Control*, series G | pmdarima: MIT licence; a published textbook series |

## Conversion
- `va_nominal`: single quarters summed within each year (years with all four quarters).
  Information technology (IN) and leasing and business services (LE), published separately
  from 2015 only, stay inside other services (`OT`), their pre-2015 basis; `CN` is the sum of
  the 9 industries.
- Chinese monthly series: year-to-date series (累计值) are read at March, June, September and
  December (years with all four, rising within the year); single-month series (当月值) are
  summed within each year (years with all twelve months only). Wind series used:

| indicator | Wind column | measure |
| --- | --- | --- |
{wind}

- Classic series: quarterly ones as they are; monthly ones summed to quarters (whole quarters
  only); partial last years dropped.
- Growth is not given: `ytd_growth` is empty and follows from the values (every indicator is
  `nominal`). Levels of the Chinese monthly series are as stored by Wind (first releases, not
  revised back): a year-on-year ratio can carry a base revision (see
  `data/china_national/SOURCES.md`).

{spans_md(spans)}"""


def spans_md(spans: dict[str, str]) -> str:
    """The "Spans" section of a SOURCES.md: one row per indicator/unit."""
    rows = "".join(f"| {k} | {v} |\n" for k, v in spans.items())
    return f"## Spans\n| indicator/unit | years |\n| --- | --- |\n{rows}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    print(json.dumps(build(args.source, args.out), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
