#!/usr/bin/env python3
"""Generate the synthetic example city 江川市 (Jiangchuan) as a sprintmodel data folder.

The city is FICTIONAL. It is a prefecture-level city with four districts, two county-level
cities (one of them split into three towns) and two development parks that overlap districts.
Its statistics run from 2015 to 2026Q3 (monthly series to 2026-09) and are calibrated on China's
national statistics in ``data/china_national/`` (the data contract's form):

* quarterly GDP: the national quarterly shares of current-price GDP, the national year-to-date
  real growth path (2020 shock included) and the national implicit deflator;
* industrial value added: the national industry (``ID``) growth path, deflator and share of GDP;
* fixed-asset investment, retail sales, budget revenue, exports, new urban jobs: the national
  monthly (quarterly for exports and jobs) year-to-date seasonal pattern and growth path of each
  year, and for investment the national base revisions (published growth differs from the ratio
  of levels).

The generative model works on *atoms* (a district outside any park, the part of a district inside
a park, a town); districts, parks, the county and the city are sums of atoms, so every total is
consistent by construction. Each atom's growth is the national trend plus a city premium, a
district premium, a sensitivity to the national cycle (the deviation from trend, large in
2020-2022) and noise. Levels are scaled so that 2025 matches the assumed size of the city.
Finally the city's 2026 figures are shifted so that January-September 2026 tells the story of the
example (GDP a bit below its target, weak investment, retail close to target).

Everything random comes from one ``numpy.random.default_rng(SEED)``; two runs give byte-identical
files. Usage (from the repository root)::

    python scripts/generate_example_city.py            # write data/example_city/, then check it
    python scripts/generate_example_city.py --check    # only check the existing folder
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))
import example_city_industries as industries_mod  # scripts/ is not a package

FloatArray = NDArray[np.float64]

SEED = 20261001
"""Seed of the one random generator (any fixed value; chosen as the data's publication date)."""

REPO = Path(__file__).resolve().parent.parent
OUT_DEFAULT = REPO / "data" / "example_city"
NATIONAL_DEFAULT = REPO / "data" / "china_national"

BASE_YEAR = 2014
"""Generated internally (not written) so that 2015 has growth rates."""
FIRST_YEAR = 2015
LAST_YEAR = 2026
LAST_MONTH = 9
"""The data end at 2026-09 / 2026Q3: the planners' sprint to the year end starts in October."""
RELEASED_MONTH = 10
"""Monthly series are published one month further, to 2026-10 (October's figures, out in
mid-November for the November dispatch meeting); quarterly series stay at 2026Q3 and the
register, targets and enterprises stay as of 2026-09; the scenarios say as_of 2026Q3."""
YEARS = np.arange(BASE_YEAR, LAST_YEAR + 1)
NY = len(YEARS)
SHOCK_YEARS = (2020, 2021, 2022)
"""Pandemic years: their national growth is a cycle around a trend interpolated between 2019 and
2023 (an assumption), so that districts can react more or less strongly to the shock."""
NORMAL_YEARS = (2015, 2016, 2017, 2018, 2019, 2023, 2024, 2025)
"""Years whose national seasonal pattern is averaged where a year-specific one is not known."""

MONTHS = tuple(range(2, 13))
"""Monthly steps: January and February are published together, so a year starts at YYYY-02."""
QUARTER_MONTHS = (3, 6, 9, 12)

# fmt: off
# --------------------------------------------------------------------------- the city
UNITS: tuple[tuple[str, str, str, str, str, str], ...] = (
    # unit, name_zh, name_en, parent, kind, rollup
    ("JC", "江川市", "Jiangchuan City", "", "city", "yes"),
    ("CCQ", "川城区", "Chuancheng District", "JC", "district", "yes"),
    ("GQQ", "高桥区", "Gaoqiao District", "JC", "district", "yes"),
    ("YHQ", "云湖区", "Yunhu District", "JC", "district", "yes"),
    ("SLQ", "石岭区", "Shiling District", "JC", "district", "yes"),
    ("QXS", "青溪市", "Qingxi (county-level city)", "JC", "county", "yes"),
    ("AFS", "安丰市", "Anfeng (county-level city)", "JC", "county", "yes"),
    ("GXQ", "江川高新技术产业开发区", "Jiangchuan High-tech Industrial Development Zone", "JC",
     "park", "no"),
    ("JKQ", "江川经济技术开发区", "Jiangchuan Economic and Technological Development Zone",
     "JC", "park", "no"),
    ("AFS-HT", "禾田镇", "Hetian Town", "AFS", "town", "yes"),
    ("AFS-SQ", "石桥镇", "Shiqiao Town", "AFS", "town", "yes"),
    ("AFS-LW", "芦湾镇", "Luwan Town", "AFS", "town", "yes"),
)
CITY = "JC"
FIRST_LEVEL = ("CCQ", "GQQ", "YHQ", "SLQ", "QXS", "AFS")
PARKS = ("GXQ", "JKQ")
TOWNS = ("AFS-HT", "AFS-SQ", "AFS-LW")
TOWN_COUNTY = "AFS"
LAGGING = "SLQ"

INDICATORS: tuple[tuple[str, str, str, str, str, str], ...] = (
    # indicator, name_zh, name_en, measure, basis, additive
    ("gdp", "地区生产总值", "Gross regional product", "亿元", "real", "yes"),
    ("iva", "规模以上工业增加值", "Value added of industry above designated size", "亿元",
     "real", "yes"),
    ("fai", "固定资产投资", "Fixed-asset investment", "亿元", "nominal", "yes"),
    ("retail", "社会消费品零售总额", "Retail sales of consumer goods", "亿元", "nominal", "yes"),
    ("revenue", "一般公共预算收入", "General public budget revenue", "亿元", "nominal", "yes"),
    ("exports", "出口总额", "Exports", "亿元", "nominal", "yes"),
    ("jobs", "城镇新增就业", "New urban jobs", "万人", "nominal", "yes"),
)
IND_CODES = tuple(i[0] for i in INDICATORS)
REAL = ("gdp", "iva")
MONTHLY = ("fai", "retail", "revenue")
QUARTERLY = ("gdp", "iva", "exports", "jobs")
PUBLISHED: dict[str, tuple[str, ...]] = {
    **{u: IND_CODES for u in (CITY, *FIRST_LEVEL)},
    **{p: ("gdp", "iva", "fai", "revenue", "exports") for p in PARKS},
    **{t: ("fai", "retail", "revenue") for t in TOWNS},
}


@dataclass(frozen=True)
class Atom:
    """A piece of the city that belongs to exactly one first-level unit and at most one park.

    Attributes
    ----------
    code
        Internal code (never written).
    unit
        First-level unit (district or county) the atom belongs to.
    park
        Park the atom lies in, or None.
    town
        Town the atom is, or None.
    gdp_share
        Share of the city's 2025 GDP [1] (an assumption).
    ratios
        2025 level of each other indicator relative to the atom's GDP [1], before the city-wide
        normalisation (jobs: relative weight). Assumptions describing the atom's economy.
    """

    code: str
    unit: str
    park: str | None
    town: str | None
    gdp_share: float
    ratios: dict[str, float]


def _ratios(iva: float, fai: float, retail: float, revenue: float, exports: float,
            jobs: float) -> dict[str, float]:
    """Indicator-to-GDP ratios of an atom (see :class:`Atom`)."""
    return {"iva": iva, "fai": fai, "retail": retail, "revenue": revenue, "exports": exports,
            "jobs": jobs}


ATOMS: tuple[Atom, ...] = (
    # Services-heavy old core: little industry, much retail, revenue from headquarters.
    Atom("CCQ", "CCQ", None, None, 0.27, _ratios(0.10, 0.35, 0.70, 0.080, 0.10, 1.25)),
    # Industrial district; most of the high-tech park lies in it.
    Atom("GQQ-GXQ", "GQQ", "GXQ", None, 0.10, _ratios(0.62, 0.60, 0.15, 0.090, 0.60, 0.90)),
    Atom("GQQ", "GQQ", None, None, 0.12, _ratios(0.40, 0.45, 0.35, 0.060, 0.30, 1.00)),
    # Fast-growing new district: heavy investment, the rest of the high-tech park.
    Atom("YHQ-GXQ", "YHQ", "GXQ", None, 0.06, _ratios(0.50, 0.95, 0.15, 0.085, 0.45, 0.90)),
    Atom("YHQ", "YHQ", None, None, 0.07, _ratios(0.22, 1.05, 0.35, 0.075, 0.12, 1.00)),
    # Lagging old heavy-industry district with the economic-and-technological park.
    Atom("SLQ-JKQ", "SLQ", "JKQ", None, 0.055, _ratios(0.55, 0.50, 0.15, 0.070, 0.40, 0.90)),
    Atom("SLQ", "SLQ", None, None, 0.085, _ratios(0.42, 0.35, 0.40, 0.055, 0.15, 0.90)),
    # Manufacturing county-level city (textiles, valves, cables).
    Atom("QXS", "QXS", None, None, 0.15, _ratios(0.45, 0.50, 0.38, 0.065, 0.35, 0.90)),
    # Agricultural county-level city, exactly partitioned by three towns.
    Atom("AFS-HT", "AFS", None, "AFS-HT", 0.042, _ratios(0.24, 0.50, 0.55, 0.050, 0.09, 0.85)),
    Atom("AFS-SQ", "AFS", None, "AFS-SQ", 0.030, _ratios(0.22, 0.65, 0.40, 0.045, 0.08, 0.80)),
    Atom("AFS-LW", "AFS", None, "AFS-LW", 0.018, _ratios(0.18, 0.50, 0.35, 0.040, 0.06, 0.75)),
)
NA = len(ATOMS)

CITY_GDP_2025 = 5200.0
"""City GDP in 2025 [亿元] (assumption: a mid-sized prefecture-level city of eastern China)."""
CITY_RATIO_2025 = {"fai": 0.50, "retail": 0.40, "revenue": 0.07, "exports": 0.25}
"""City-wide 2025 levels relative to GDP [1] (assumptions typical of such cities; iva follows
from the national industry share, see INDUSTRY_FACTOR)."""
INDUSTRY_FACTOR = 1.15
"""City iva/GDP = national industry (ID) share of GDP × this factor (assumption: the city is
more industrial than the nation; 规上 industry is most, not all, of industry)."""
CITY_JOBS_2025 = 10.2
"""New urban jobs of the city in 2025 [万人] (assumption)."""
SIZE_JITTER = 0.04
"""Log-spread of each atom's 2025 level around its assumed share, so that sizes are not round
numbers (assumption)."""

DISTRICT_PREMIUM: dict[str, tuple[float, float, float]] = {
    # Growth premium of each first-level unit over the city [pp]: 2015, 2025 (linear in
    # between) and 2026 (before the city-wide story shift). Assumptions that give each unit its
    # character; other indicators scale it by PREMIUM_SCALE.
    "CCQ": (-0.2, -0.3, 0.3),
    "GQQ": (0.3, 0.2, 0.3),
    "YHQ": (3.0, 1.6, 1.8),
    "SLQ": (-0.4, -0.9, -2.9),  # the lagging district: 2026 hit by its steel and refining
    "QXS": (0.4, 0.3, 0.4),
    "AFS": (-0.5, -0.3, -0.2),
}
PARK_PREMIUM = {"GXQ": 1.2, "JKQ": 1.5}
"""Extra growth of the park part of a district over the district [pp] (assumption)."""
TOWN_PREMIUM = {"AFS-HT": 0.3, "AFS-SQ": 0.0, "AFS-LW": -0.5}
"""Extra growth of each town over its county [pp]: the county seat grows fastest (assumption)."""
BETA = {"CCQ": 1.2, "GQQ": 1.1, "YHQ": 0.9, "SLQ": 1.0, "QXS": 1.0, "AFS": 0.6}
"""Sensitivity of each unit to the national cycle of GDP and industry [1]: services suffer most
from the 2020 shock, agriculture least (assumption)."""
NOMINAL_BETA_DAMPING = 0.5
"""For the nominal flows the sensitivity is 1 + this × (β - 1): retail sales, revenue and jobs
fell in 2020 even in the agricultural county (assumption)."""
PREMIUM_SCALE = {"gdp": 1.0, "iva": 1.6, "fai": 2.5, "retail": 0.6, "revenue": 1.2,
                 "exports": 2.0, "jobs": 0.8}
"""District premiums of other indicators relative to GDP's [1]: investment, exports and industry
amplify differences between districts, retail dampens them (assumption)."""
CITY_PREMIUM: dict[str, tuple[float, float]] = {
    # City growth over the national trend [pp] in 2015 and 2025 (linear in between; 2026 set by
    # the story). Assumptions: an eastern prefecture city slightly outgrowing the nation.
    "gdp": (0.7, 0.2), "iva": (1.5, 0.8), "fai": (2.0, 1.0), "retail": (0.8, 0.5),
    "revenue": (0.5, 0.5), "exports": (2.0, 1.0), "jobs": (0.0, 0.0),
}
ANNUAL_NOISE = {"gdp": 0.35, "iva": 1.0, "fai": 3.5, "retail": 0.8, "revenue": 2.5,
                "exports": 3.5, "jobs": 2.5}
"""Standard deviation of an atom's yearly growth shock [pp] (assumption)."""
COMMON_LOADING = {"gdp": 0.6, "iva": 0.8, "fai": 0.4, "retail": 0.3, "revenue": 0.5,
                  "exports": 0.5, "jobs": 0.4}
"""Loading of each indicator's shock on the atom's common business-cycle factor [1]."""
COMMON_AR = 0.5
"""Autocorrelation of the atom's business-cycle factor from year to year (assumption)."""
QUARTER_NOISE = {"gdp": 0.5, "iva": 1.2}
"""Standard deviation of single-quarter real growth shocks [pp] (assumption)."""
SHARE_NOISE: dict[str, tuple[float, float]] = {
    # (persistent, yearly) log-noise of an atom's single-period seasonal shares [1]: district
    # investment is lumpy, retail sales are smooth (assumptions).
    "fai": (0.10, 0.07), "retail": (0.02, 0.015), "revenue": (0.06, 0.04),
    "exports": (0.05, 0.04), "jobs": (0.05, 0.03),
}
TOWN_NOISE_FACTOR = 1.5
"""Towns are noisier than districts (assumption)."""

DEFLATOR_RULE = {"gdp": (1.2, 0.45, 0.25, 0.30), "iva": (0.3, 0.40, 0.50, 0.60)}
"""City deflator [%] = a + b × national deflator + N(0, sd_city); each atom adds N(0, sd_atom):
(a, b, sd_city, sd_atom). The city's prices follow a damped version of the nation's (an
assumption, giving 1-3 % a year for GDP and the swings of producer prices for industry)."""
DEFLATOR_QUARTER_NOISE = 0.15
"""Standard deviation of single-quarter deflator shocks [pp] (assumption)."""

FAI_REVISION_SCALE = 0.4
"""City base revisions of investment = this × the national ones (in the two years with the
largest national revisions), clipped to FAI_REVISION_RANGE (assumption)."""
FAI_REVISION_RANGE = (0.02, 0.08)
FAI_REVISION_ATOM_SD = 0.25
"""Log-spread of the revision between atoms (assumption)."""

DISCREPANCY_MAX = 0.0045
"""Largest gap between the city's published level and the sum of its units [share]: real city
statistics offices publish their own totals, which differ from the district sums by well under
1 % (assumption)."""
DISCREPANCY_PROB = 0.6
"""Share of indicator-years in which the city's total differs from the sum (assumption)."""
CITY_GROWTH_NOISE = 0.08
"""City real growth = volume aggregate of the districts + U(-x, x) [pp] before rounding."""

STORY_2026 = {"gdp": 5.4, "iva": 6.1, "fai": -2.0, "retail": 5.2, "revenue": 3.1,
              "exports": 4.2, "jobs": -1.0}
"""The city's January-September 2026 growth [%] (real for gdp and iva): the example's story.
GDP a bit below its 6.0 % target, investment weak, retail close to target, jobs behind."""

TARGETS: dict[int, dict[str, dict[str, float]]] = {
    # Annual growth targets [%] (real for gdp and iva) set at the start of each year: the
    # city's and each unit's plan (assumptions in the style of real government work reports).
    2025: {
        "JC": {"gdp": 6.0, "iva": 7.0, "fai": 5.0, "retail": 6.0, "revenue": 4.0, "exports": 5.0},
        "CCQ": {"gdp": 5.5, "iva": 5.0, "fai": 4.0, "retail": 6.0, "revenue": 3.5, "exports": 4.0},
        "GQQ": {"gdp": 6.5, "iva": 8.0, "fai": 6.0, "retail": 5.5, "revenue": 4.5, "exports": 6.0},
        "YHQ": {"gdp": 8.5, "iva": 11.0, "fai": 10.0, "retail": 7.5, "revenue": 7.0,
                "exports": 9.0},
        "SLQ": {"gdp": 5.5, "iva": 6.0, "fai": 4.0, "retail": 5.5, "revenue": 3.0, "exports": 4.0},
        "QXS": {"gdp": 6.5, "iva": 7.5, "fai": 5.0, "retail": 6.0, "revenue": 4.0, "exports": 5.0},
        "AFS": {"gdp": 5.5, "iva": 6.5, "fai": 5.0, "retail": 6.5, "revenue": 3.5, "exports": 3.0},
        "GXQ": {"gdp": 9.0, "iva": 11.0, "fai": 10.0, "revenue": 7.0, "exports": 9.0},
        "JKQ": {"gdp": 7.0, "iva": 8.0, "fai": 6.0, "revenue": 5.0, "exports": 6.0},
    },
    2026: {
        "JC": {"gdp": 6.0, "iva": 7.0, "fai": 4.0, "retail": 5.5, "revenue": 4.5, "exports": 5.0},
        "CCQ": {"gdp": 5.5, "iva": 5.0, "fai": 3.0, "retail": 5.5, "revenue": 4.0, "exports": 4.0},
        "GQQ": {"gdp": 6.5, "iva": 8.0, "fai": 5.0, "retail": 5.0, "revenue": 5.0, "exports": 6.0},
        "YHQ": {"gdp": 8.0, "iva": 10.0, "fai": 8.0, "retail": 7.0, "revenue": 7.0,
                "exports": 8.0},
        "SLQ": {"gdp": 5.5, "iva": 6.0, "fai": 3.0, "retail": 5.0, "revenue": 3.0, "exports": 4.0},
        "QXS": {"gdp": 6.5, "iva": 7.5, "fai": 4.0, "retail": 5.5, "revenue": 4.5, "exports": 5.0},
        "AFS": {"gdp": 5.5, "iva": 6.0, "fai": 3.0, "retail": 6.0, "revenue": 4.0, "exports": 3.0},
        "GXQ": {"gdp": 8.5, "iva": 10.0, "fai": 8.0, "revenue": 7.0, "exports": 8.0},
        "JKQ": {"gdp": 7.0, "iva": 8.0, "fai": 5.0, "revenue": 5.0, "exports": 6.0},
    },
}
JOBS_TARGET_UPLIFT = 0.03
"""Jobs targets are levels: last year's result × (1 + this), rounded to 0.1 万人 (assumption)."""

# ------------------------------------------------------------- national continuation
ANNUAL_CONTINUATION: dict[str, dict[int, float]] = {
    # National annual growth [%] for years the national folder does not cover (its monthly
    # series end in 2022-12). 2023-2024: the national figures as published in the statistical
    # communiqués (retail sales 7.2, 3.5; budget revenue 6.4, 1.3; exports in US dollars -4.6,
    # 5.9; new urban jobs 1244, 1256 万人); 2025-2026: plausible values (assumptions).
    "retail": {2023: 7.2, 2024: 3.5, 2025: 4.0, 2026: 3.5},
    "revenue": {2023: 6.4, 2024: 1.3, 2025: 0.5, 2026: 1.0},
    "exports": {2023: -4.6, 2024: 5.9, 2025: 5.0, 2026: 3.0},
    "jobs": {2023: 3.2, 2024: 1.0, 2025: 0.9, 2026: 0.0},
}
OFFICIAL_ANNUAL_GROWTH: dict[str, dict[int, float]] = {
    # Official national growth [%] where the folder's first-release levels straddle a revised
    # base (data/china_national/SOURCES.md, caveats), so that the ratio of levels misstates it:
    # retail sales 2015 (levels +14.7), 2018 (+4.0), 2020 (-4.8); NBS statistical communiqués.
    "retail": {2015: 10.7, 2018: 9.0, 2020: -3.9},
}
REVISED_2022_GDP = {"CN": 1234029.4, "ID": 388651.6}
"""2022 full-year value added on the basis of the 5th economic census [亿元] (NBS export quoted
in data/china_national/SOURCES.md: the folder's 2022 levels are on the old basis, so the 2023
deflator is computed against these)."""
BASIS_TOLERANCE = 0.005
"""A 2022 level further than this [share] from REVISED_2022_GDP is taken to be on the old basis."""
NATIONAL_JOBS: dict[int, tuple[float, float, float, float]] = {
    # National new urban jobs, year to date at quarter ends [万人] (城镇新增就业人数:累计值,
    # Wind M5480389 in ../shared/data/china_national/monthly_macro_wide.csv; the national
    # folder has no jobs series, so they are copied here).
    2014: (344, 737, 1082, 1322), 2015: (324, 718, 1066, 1312), 2016: (318, 717, 1067, 1314),
    2017: (334, 735, 1097, 1351), 2018: (330, 752, 1107, 1361), 2019: (324, 737, 1097, 1352),
    2020: (229, 564, 898, 1186), 2021: (297, 698, 1045, 1269), 2022: (285, 654, 1001, 1206),
}


# fmt: on
# ===================================================================== national data
def read_table(folder: Path, stem: str) -> pd.DataFrame:
    """Read ``stem.csv`` (or ``stem.xlsx``) of a data folder as strings."""
    path = folder / f"{stem}.csv"
    if path.exists():
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    xlsx = folder / f"{stem}.xlsx"
    if xlsx.exists():
        return pd.read_excel(xlsx, dtype=str).fillna("")
    raise FileNotFoundError(f"{path} not found: run scripts/build_china_national.py first")


@dataclass(frozen=True)
class NationalSeries:
    """One national series: year-to-date values and growth [%] keyed by (year, month)."""

    value: dict[tuple[int, int], float]
    growth: dict[tuple[int, int], float]


def _period_key(period: str) -> tuple[int, int]:
    """(year, month in which the period ends) of ``YYYYQn`` or ``YYYY-MM``."""
    if "Q" in period:
        return int(period[:4]), 3 * int(period[-1])
    return int(period[:4]), int(period[5:7])


def national_series(obs: pd.DataFrame, unit: str, indicator: str) -> NationalSeries:
    """Extract one unit × indicator of the national observations."""
    rows = obs[(obs["unit"] == unit) & (obs["indicator"] == indicator)]
    if rows.empty:
        raise KeyError(f"national data have no {unit} × {indicator}")
    value: dict[tuple[int, int], float] = {}
    growth: dict[tuple[int, int], float] = {}
    for period, v, g in zip(rows["period"], rows["ytd_value"], rows["ytd_growth"], strict=True):
        key = _period_key(period)
        if v != "":
            value[key] = float(v)
        if g != "":
            growth[key] = float(g)
    return NationalSeries(value, growth)


def _trend(annual: FloatArray) -> FloatArray:
    """Annual trend [%]: the annual growth, interpolated linearly across SHOCK_YEARS."""
    trend = annual.copy()
    before, after = min(SHOCK_YEARS) - 1, max(SHOCK_YEARS) + 1
    i0, i1 = before - BASE_YEAR, after - BASE_YEAR
    for y in SHOCK_YEARS:
        w = (y - before) / (after - before)
        trend[y - BASE_YEAR] = (1 - w) * annual[i0] + w * annual[i1]
    return trend


@dataclass(frozen=True)
class RealProfile:
    """National calibration of a real indicator (GDP or industry value added).

    Attributes
    ----------
    growth
        Year-to-date real growth [%], years × 4 quarters (YEARS; BASE_YEAR row unused).
    observed
        Which entries of ``growth`` are published (the rest are continuation).
    trend
        Annual trend growth [%] (Q4 growth, interpolated across SHOCK_YEARS).
    base_shares
        Single-quarter shares of the year at current prices [1], mean over NORMAL_YEARS.
    deflator
        Annual implicit deflator [%] per year (held at the last known value beyond the data).
    deflator_observed
        Which entries of ``deflator`` come from the data.
    share_of_gdp
        Full-year value ÷ national GDP in the latest full year (1 for GDP itself).
    """

    growth: FloatArray
    observed: NDArray[np.bool_]
    trend: FloatArray
    base_shares: FloatArray
    deflator: FloatArray
    deflator_observed: NDArray[np.bool_]
    share_of_gdp: float


def real_profile(
    series: NationalSeries, revised_2022: float | None, gdp: NationalSeries | None = None
) -> RealProfile:
    """Calibrate a real indicator on a national series (quarterly year-to-date).

    Growth beyond the last published quarter is held at the last published year-to-date growth
    (a plausible continuation). The deflator of year y is (V_y / V_{y-1}) / (1 + g_y) - 1 on
    full-year values, with 2022 taken on the revised basis for 2023 (``revised_2022``).
    """
    growth = np.full((NY, 4), np.nan)
    observed = np.zeros((NY, 4), dtype=bool)
    for i, y in enumerate(YEARS):
        for q in range(4):
            g = series.growth.get((int(y), QUARTER_MONTHS[q]))
            if g is not None:
                growth[i, q], observed[i, q] = g, True
            elif q > 0 and not np.isnan(growth[i, q - 1]):
                growth[i, q] = growth[i, q - 1]
            elif i > 0:
                growth[i, q] = growth[i - 1, q]
    if np.isnan(growth[1:]).any():
        raise ValueError("national real growth is missing for early years")
    shares = []
    for year in NORMAL_YEARS:
        cum = [series.value.get((year, m)) for m in QUARTER_MONTHS]
        if all(c is not None for c in cum):
            c = np.array(cum, dtype=float)
            shares.append(np.diff(c, prepend=0.0) / c[-1])
    base_shares = np.mean(shares, axis=0)
    deflator = np.full(NY, np.nan)
    known = np.zeros(NY, dtype=bool)
    for i, y in enumerate(YEARS):
        v1, g1 = series.value.get((int(y), 12)), series.growth.get((int(y), 12))
        v0 = series.value.get((int(y) - 1, 12))
        # 2023 grows from 2022 on the census basis; correct where the folder holds the old one.
        old_basis = v0 is not None and abs(v0 / (revised_2022 or v0) - 1) > BASIS_TOLERANCE
        if y == 2023 and old_basis:
            v0 = revised_2022
        if v1 is not None and v0 is not None and g1 is not None:
            deflator[i] = 100 * ((v1 / v0) / (1 + g1 / 100) - 1)
            known[i] = True
        elif i > 0:
            deflator[i] = deflator[i - 1]
    share = 1.0
    if gdp is not None:
        last = max(y for (y, m) in series.value if m == 12 and (y, 12) in gdp.value)
        share = series.value[(last, 12)] / gdp.value[(last, 12)]
    return RealProfile(growth, observed, _trend(growth[:, 3]), base_shares, deflator, known, share)


@dataclass(frozen=True)
class NominalProfile:
    """National calibration of a nominal flow (monthly or quarterly year to date).

    Attributes
    ----------
    months
        The calendar months of the steps (2..12 for monthly, 3, 6, 9, 12 for quarterly).
    shares
        Single-step shares of each year [1], years × steps (year-specific where the national
        data cover the year, else the mean over NORMAL_YEARS).
    growth
        Annual (December) growth [%] per year on a comparable base.
    ytd_growth
        Year-to-date growth [%] per year × step on a comparable base.
    trend
        Annual trend growth [%] (interpolated across SHOCK_YEARS).
    observed
        Years covered (fully or partly) by the national data.
    base_revision
        National base revision of each year [share]: 1 - (V_y / V_{y-1}) / (1 + g_y), where
        levels and official growth are both published (0 elsewhere).
    """

    months: tuple[int, ...]
    shares: FloatArray
    growth: FloatArray
    ytd_growth: FloatArray
    trend: FloatArray
    observed: NDArray[np.bool_]
    base_revision: FloatArray


def nominal_profile(
    series: NationalSeries,
    months: Sequence[int],
    continuation: dict[int, float],
    official_annual: dict[int, float] | None = None,
) -> NominalProfile:
    """Calibrate a nominal flow on a national series.

    A comparable level L is chained from BASE_YEAR's published levels with the official growth
    (published growth where given, else the ratio of levels, rescaled to ``official_annual``
    where given). Within a year whose last months are missing the growth is held at the last
    published month; a year without data grows by ``continuation`` (else the last annual
    growth) with the NORMAL_YEARS seasonal pattern.
    """
    months = tuple(months)
    ns = len(months)
    cum_normal = []
    for y in NORMAL_YEARS:
        vals = [series.value.get((y, m)) for m in months]
        if all(v is not None for v in vals):
            v = np.array(vals, dtype=float)
            cum_normal.append(v / v[-1])
    mean_cum = np.mean(cum_normal, axis=0)
    base = [series.value.get((BASE_YEAR, m)) for m in months]
    if any(v is None for v in base):
        raise ValueError(f"national levels of {BASE_YEAR} are incomplete")
    level = np.zeros((NY, ns))
    level[0] = np.array(base, dtype=float)
    observed = np.zeros(NY, dtype=bool)
    revision = np.zeros(NY)
    annual = np.zeros(NY)
    official_annual = official_annual or {}
    for i, y in enumerate(YEARS[1:], start=1):
        y = int(y)
        g = np.full(ns, np.nan)
        for j, m in enumerate(months):
            if (y, m) in series.growth:
                g[j] = series.growth[(y, m)]
            elif (y, m) in series.value and (y - 1, m) in series.value:
                g[j] = 100 * (series.value[(y, m)] / series.value[(y - 1, m)] - 1)
        if not np.isnan(g).all():
            observed[i] = True
            first = int(np.flatnonzero(~np.isnan(g))[0])
            g[:first] = g[first]
            for j in range(1, ns):
                if np.isnan(g[j]):
                    g[j] = g[j - 1]
            if y in official_annual:
                g = 100 * ((1 + g / 100) * (1 + official_annual[y] / 100) / (1 + g[-1] / 100) - 1)
            level[i] = level[i - 1] * (1 + g / 100)
            v1, v0, g1 = (
                series.value.get((y, 12)),
                series.value.get((y - 1, 12)),
                series.growth.get((y, 12)),
            )
            if v1 is not None and v0 is not None and g1 is not None:
                revision[i] = 1 - (v1 / v0) / (1 + g1 / 100)
        else:
            growth = continuation.get(y, annual[i - 1])
            level[i] = level[i - 1][-1] * (1 + growth / 100) * mean_cum
        annual[i] = 100 * (level[i][-1] / level[i - 1][-1] - 1)
    annual[0] = annual[1]
    shares = np.diff(level, axis=1, prepend=0.0) / level[:, -1:]
    if (shares <= 0).any():
        raise ValueError("a national single-period share is not positive")
    ytd = np.full((NY, ns), np.nan)
    ytd[1:] = 100 * (level[1:] / level[:-1] - 1)
    return NominalProfile(months, shares, annual, ytd, _trend(annual), observed, revision)


def jobs_series() -> NationalSeries:
    """National new urban jobs (NATIONAL_JOBS) as a quarterly national series.

    Used unless the national folder has a ``jobs`` series of its own.
    """
    value = {
        (y, QUARTER_MONTHS[q]): float(v[q]) for y, v in NATIONAL_JOBS.items() for q in range(4)
    }
    return NationalSeries(value, {})


@dataclass(frozen=True)
class National:
    """Everything the city takes from the national data."""

    gdp: RealProfile
    iva: RealProfile
    nominal: dict[str, NominalProfile]
    fai_revisions: dict[int, float]


def load_national(folder: Path) -> National:
    """Read the national folder (contract form) and calibrate every indicator."""
    units = read_table(folder, "units")
    obs = read_table(folder, "observations")
    root = units.loc[units["parent"] == "", "unit"].iloc[0]
    # industry (ID) is a component of GDP (component_observations.csv, issue 16)
    comp = read_table(folder, "component_observations")
    comp = comp[(comp["unit"] == root) & (comp["component"] == "ID")]
    if comp.empty:
        raise KeyError("the national folder has no industry (ID) component of gdp")
    industry = comp.drop(columns=["unit"]).rename(columns={"component": "unit"})
    gdp_s = national_series(obs, root, "gdp")
    gdp = real_profile(gdp_s, REVISED_2022_GDP["CN"])
    iva = real_profile(national_series(industry, "ID", "gdp"), REVISED_2022_GDP["ID"], gdp_s)
    nominal = {
        ind: nominal_profile(
            national_series(obs, root, ind),
            MONTHS,
            ANNUAL_CONTINUATION.get(ind, {}),
            OFFICIAL_ANNUAL_GROWTH.get(ind),
        )
        for ind in MONTHLY
    }
    nominal["exports"] = nominal_profile(
        national_series(obs, root, "exports"), QUARTER_MONTHS, ANNUAL_CONTINUATION["exports"]
    )
    has_jobs = bool(((obs["unit"] == root) & (obs["indicator"] == "jobs")).any())
    jobs = national_series(obs, root, "jobs") if has_jobs else jobs_series()
    nominal["jobs"] = nominal_profile(jobs, QUARTER_MONTHS, ANNUAL_CONTINUATION["jobs"])
    rev = nominal["fai"].base_revision
    years = [int(YEARS[i]) for i in np.argsort(-rev)[:2] if rev[i] > 0]
    fai_revisions = {
        y: float(np.clip(FAI_REVISION_SCALE * rev[y - BASE_YEAR], *FAI_REVISION_RANGE))
        for y in sorted(years)
    }
    return National(gdp, iva, nominal, fai_revisions)


# ========================================================================= simulation
@dataclass
class AtomSeries:
    """Year-to-date series of every atom for one indicator (arrays atoms × years × steps).

    For real indicators ``growth`` is the real year-to-date growth [%]; for nominal ones
    ``revision`` is the base revision of each atom-year [share] (0 except for investment).
    ``value`` is the published-basis level at current prices.
    """

    indicator: str
    value: FloatArray
    growth: FloatArray | None = None
    revision: FloatArray | None = None
    deflator: FloatArray | None = None


def _premium(atom: Atom, indicator: str, year: int) -> float:
    """Growth premium of an atom over the city [pp] in ``year``."""
    p15, p25, p26 = DISTRICT_PREMIUM[atom.unit]
    if year >= LAST_YEAR:
        base = p26
    else:
        t = (min(max(year, 2015), 2025) - 2015) / 10
        base = p15 + t * (p25 - p15)
    extra = PARK_PREMIUM.get(atom.park or "", 0.0) + TOWN_PREMIUM.get(atom.town or "", 0.0)
    return PREMIUM_SCALE[indicator] * (base + extra)


def _city_premium(indicator: str, year: int) -> float:
    """City growth over the national trend [pp] (2026 is set later by the story)."""
    p15, p25 = CITY_PREMIUM[indicator]
    t = (min(max(year, 2015), 2025) - 2015) / 10
    return p15 + t * (p25 - p15)


def common_factor(rng: np.random.Generator) -> FloatArray:
    """Each atom's business-cycle factor: AR(1), unit variance, atoms × years."""
    z = np.zeros((NA, NY))
    z[:, 0] = rng.standard_normal(NA)
    for i in range(1, NY):
        z[:, i] = COMMON_AR * z[:, i - 1] + np.sqrt(1 - COMMON_AR**2) * rng.standard_normal(NA)
    return z


def annual_shocks(indicator: str, factor: FloatArray, rng: np.random.Generator) -> FloatArray:
    """Yearly growth shock of each atom [pp]: common factor plus idiosyncratic part."""
    lam = COMMON_LOADING[indicator]
    own = rng.standard_normal((NA, NY))
    scale = np.array([TOWN_NOISE_FACTOR if a.town else 1.0 for a in ATOMS])[:, None]
    return ANNUAL_NOISE[indicator] * scale * (lam * factor + np.sqrt(1 - lam**2) * own)


def _ytd_average(shocks: FloatArray, weights: FloatArray) -> FloatArray:
    """Year-to-date average of single-quarter shocks (last axis), weighted by ``weights``."""
    w = np.broadcast_to(weights, shocks.shape)
    return np.cumsum(shocks * w, axis=-1) / np.cumsum(w, axis=-1)


def simulate_real(
    indicator: str, prof: RealProfile, factor: FloatArray, rng: np.random.Generator
) -> AtomSeries:
    """Simulate a real indicator (quarterly, year to date) for every atom.

    Notes
    -----
    Year-to-date real growth of atom a in year y, quarter k:
    g = T_y + c_y + p_a,y + β_a (g_nat,y,k - T_y) + e_a,y + ε_a,y,k, with T the national trend,
    c the city premium, p the atom premium, β the cycle sensitivity, e a yearly shock and ε the
    year-to-date average of quarterly shocks. The current-price value is
    V_y,k = V_y-1,k × (1 + g/100) × (1 + π/100) with π the atom's deflator; the base year's
    quarters follow the national seasonal shares.
    """
    shocks = annual_shocks(indicator, factor, rng)
    quarter = _ytd_average(
        QUARTER_NOISE[indicator] * rng.standard_normal((NA, NY, 4)), prof.base_shares
    )
    a, b, sd_city, sd_atom = DEFLATOR_RULE[indicator]
    city_defl = a + b * prof.deflator + sd_city * rng.standard_normal(NY)
    atom_defl = sd_atom * rng.standard_normal((NA, NY))
    q_defl = _ytd_average(
        DEFLATOR_QUARTER_NOISE * rng.standard_normal((NA, NY, 4)), prof.base_shares
    )
    deflator = city_defl[None, :, None] + atom_defl[:, :, None] + q_defl
    growth = np.full((NA, NY, 4), np.nan)
    value = np.zeros((NA, NY, 4))
    value[:, 0, :] = np.cumsum(prof.base_shares)
    for i in range(1, NY):
        y = int(YEARS[i])
        t = prof.trend[i]
        for n, atom in enumerate(ATOMS):
            beta = BETA[atom.unit]
            growth[n, i] = (
                t
                + _city_premium(indicator, y)
                + _premium(atom, indicator, y)
                + beta * (prof.growth[i] - t)
                + shocks[n, i]
                + quarter[n, i]
            )
        value[:, i] = value[:, i - 1] * (1 + growth[:, i] / 100) * (1 + deflator[:, i] / 100)
    return AtomSeries(indicator, value, growth=growth, deflator=deflator)


def simulate_nominal(
    indicator: str,
    prof: NominalProfile,
    factor: FloatArray,
    rng: np.random.Generator,
    revisions: dict[int, float] | None = None,
) -> AtomSeries:
    """Simulate a nominal flow (monthly or quarterly, year to date) for every atom.

    Notes
    -----
    Annual total A_a,y = A_a,y-1 × (1 + G/100) with
    G = T_y + c_y + p_a,y + β_a (G_nat,y - T_y) + e_a,y. Single-period values are A × s, where
    s are the national single-period shares of the year times exp(η_a + ε_a,y), renormalised
    (η persistent, ε yearly): every atom inherits the national seasonal pattern of each year
    (the 2020 collapse of January-February included) with its own lumpiness. Year-to-date values
    are cumulative sums, so they never fall within a year. With ``revisions`` {year: share}
    the published level of that year and later is cut by the atom's base revision, while
    growth stays on the comparable base.
    """
    shocks = annual_shocks(indicator, factor, rng)
    ns = len(prof.months)
    persistent, yearly = SHARE_NOISE[indicator]
    scale = np.array([TOWN_NOISE_FACTOR if a.town else 1.0 for a in ATOMS])[:, None, None]
    eta = persistent * scale[:, :, 0] * rng.standard_normal((NA, ns))
    eps = yearly * scale * rng.standard_normal((NA, NY, ns))
    shares = prof.shares[None, :, :] * np.exp(eta[:, None, :] + eps)
    shares /= shares.sum(axis=-1, keepdims=True)
    annual = np.ones((NA, NY))
    for i in range(1, NY):
        y = int(YEARS[i])
        t = prof.trend[i]
        for n, atom in enumerate(ATOMS):
            beta = 1 + NOMINAL_BETA_DAMPING * (BETA[atom.unit] - 1)
            g = (
                t
                + _city_premium(indicator, y)
                + _premium(atom, indicator, y)
                + beta * (prof.growth[i] - t)
                + shocks[n, i]
            )
            annual[n, i] = annual[n, i - 1] * (1 + g / 100)
    comparable = annual[:, :, None] * np.cumsum(shares, axis=-1)
    revision = np.zeros((NA, NY))
    for y, b in (revisions or {}).items():
        spread = np.exp(FAI_REVISION_ATOM_SD * rng.standard_normal(NA))
        revision[:, y - BASE_YEAR] = np.clip(b * spread, *FAI_REVISION_RANGE)
    cut = np.cumprod(1 - revision, axis=1)
    return AtomSeries(indicator, comparable * cut[:, :, None], revision=revision)


def scale_to_2025(series: AtomSeries, targets: FloatArray) -> None:
    """Scale each atom's levels so that its 2025 full-year value equals ``targets`` (in place).

    Growth rates do not change: each atom is multiplied by one constant.
    """
    k = targets / series.value[:, 2025 - BASE_YEAR, -1]
    series.value *= k[:, None, None]


def aggregate(series: AtomSeries, members: Sequence[int]) -> tuple[FloatArray, FloatArray]:
    """Year-to-date value and growth [%] of a set of atoms (years × steps).

    Real: growth = Σ V_y-1 (1 + g/100) / Σ V_y-1 - 1 (volume at last year's prices).
    Nominal: growth = Σ V_y / Σ V_y-1 (1 - b_y) - 1 (on the revised base).
    """
    m = list(members)
    v = series.value[m]
    total = v.sum(axis=0)
    growth = np.full_like(total, np.nan)
    if series.growth is not None:
        volume = (v[:, :-1] * (1 + series.growth[m, 1:] / 100)).sum(axis=0)
        growth[1:] = 100 * (volume / total[:-1] - 1)
    else:
        assert series.revision is not None
        base = (v[:, :-1] * (1 - series.revision[m, 1:, None])).sum(axis=0)
        growth[1:] = 100 * (total[1:] / base - 1)
    return total, growth


def apply_story(series: AtomSeries, story: float, step: int) -> None:
    """Shift 2026 so that the city's year-to-date growth at ``step`` equals ``story`` [%].

    Real indicators: every atom's 2026 real growth moves by the same number of points (the
    volume aggregate is linear in it). Nominal: every atom's 2026 level is multiplied by the
    same factor.
    """
    i = LAST_YEAR - BASE_YEAR
    _, growth = aggregate(series, range(NA))
    if series.growth is not None:
        assert series.deflator is not None
        series.growth[:, i] += story - growth[i, step]
        series.value[:, i] = (
            series.value[:, i - 1]
            * (1 + series.growth[:, i] / 100)
            * (1 + series.deflator[:, i] / 100)
        )
    else:
        series.value[:, i] *= (1 + story / 100) / (1 + growth[i, step] / 100)


def simulate(national: National, rng: np.random.Generator) -> dict[str, AtomSeries]:
    """Simulate, scale and story-adjust every indicator for every atom."""
    factor = common_factor(rng)
    out: dict[str, AtomSeries] = {
        "gdp": simulate_real("gdp", national.gdp, factor, rng),
        "iva": simulate_real("iva", national.iva, factor, rng),
    }
    for ind in ("fai", "retail", "revenue", "exports", "jobs"):
        rev = national.fai_revisions if ind == "fai" else None
        out[ind] = simulate_nominal(ind, national.nominal[ind], factor, rng, rev)
    share = np.array([a.gdp_share for a in ATOMS])
    jitter = rng.lognormal(0.0, SIZE_JITTER, (len(IND_CODES), NA))
    gdp_2025 = CITY_GDP_2025 * share / share.sum()
    scale_to_2025(out["gdp"], gdp_2025 * jitter[0])
    city_ratio = dict(CITY_RATIO_2025, iva=national.iva.share_of_gdp * INDUSTRY_FACTOR)
    for k, ind in enumerate(IND_CODES[1:], start=1):
        weight = gdp_2025 * np.array([a.ratios[ind] for a in ATOMS])
        total = CITY_JOBS_2025 if ind == "jobs" else CITY_GDP_2025 * city_ratio[ind]
        scale_to_2025(out[ind], total * weight / weight.sum() * jitter[k])
    for ind, series in out.items():
        step = LAST_MONTH - 2 if ind in MONTHLY else LAST_MONTH // 3 - 1
        apply_story(series, STORY_2026[ind], step)
    return out


# ======================================================================== publication
def periods(indicator: str) -> list[tuple[int, int, str]]:
    """Published periods (year index, step, label) of an indicator, 2015 to 2026-09."""
    out = []
    for i, y in enumerate(YEARS):
        if y < FIRST_YEAR:
            continue
        if indicator in MONTHLY:
            for j, m in enumerate(MONTHS):
                if y < LAST_YEAR or m <= LAST_MONTH:
                    out.append((i, j, f"{y}-{m:02d}"))
        else:
            for q in range(4):
                if y < LAST_YEAR or 3 * (q + 1) <= LAST_MONTH:
                    out.append((i, q, f"{y}Q{q + 1}"))
    return out


def later_monthly_rows(pub: Published, last_month: int) -> list[list[str]]:
    """observations.csv rows of the monthly series after LAST_MONTH, up to ``last_month``.

    Kept apart from :func:`observation_rows` so that the rows to LAST_MONTH stay byte-identical;
    :func:`with_later_months` slots these rows in after each series' LAST_MONTH row.
    """
    i = LAST_YEAR - BASE_YEAR
    rows = []
    for unit, *_ in UNITS:
        for ind in MONTHLY:
            if ind not in PUBLISHED[unit]:
                continue
            v, g = pub.value[unit][ind], pub.growth[unit][ind]
            for m in range(LAST_MONTH + 1, last_month + 1):
                j = MONTHS.index(m)
                label = f"{LAST_YEAR}-{m:02d}"
                rows.append([unit, ind, label, fmt_cents(int(v[i, j])), fmt_tenths(int(g[i, j]))])
    return rows


def with_later_months(rows: list[list[str]], later: list[list[str]]) -> list[list[str]]:
    """``rows`` with ``later`` inserted after the last row of the same unit × indicator."""
    extra: dict[tuple[str, str], list[list[str]]] = {}
    for r in later:
        extra.setdefault((r[0], r[1]), []).append(r)
    out: list[list[str]] = []
    for n, r in enumerate(rows):
        out.append(r)
        key = (r[0], r[1])
        if key in extra and (n + 1 == len(rows) or (rows[n + 1][0], rows[n + 1][1]) != key):
            out.extend(extra.pop(key))
    return out


def cents(x: FloatArray) -> NDArray[np.int64]:
    """Levels rounded to 0.01 as integers (exact sums of published values)."""
    return np.rint(np.asarray(x) * 100).astype(np.int64)


def tenths(x: FloatArray) -> NDArray[np.int64]:
    """Growth rounded to 0.1 as integers."""
    return np.rint(np.nan_to_num(np.asarray(x, dtype=float)) * 10).astype(np.int64)


def fmt_cents(c: int) -> str:
    """0.01-integer as a decimal string."""
    sign = "-" if c < 0 else ""
    return f"{sign}{abs(c) // 100}.{abs(c) % 100:02d}"


def fmt_tenths(t: int) -> str:
    """0.1-integer as a decimal string (no negative zero)."""
    sign = "-" if t < 0 else ""
    return f"{sign}{abs(t) // 10}.{abs(t) % 10}"


@dataclass
class Published:
    """Published year-to-date levels (0.01 integers) and growth (0.1 integers) of every unit.

    ``value[unit][indicator]`` and ``growth[...]`` are arrays years × steps; growth of
    BASE_YEAR is meaningless.
    """

    value: dict[str, dict[str, NDArray[np.int64]]]
    growth: dict[str, dict[str, NDArray[np.int64]]]
    discrepancy: dict[str, FloatArray]


def _members(unit: str) -> list[int]:
    """Atoms that make up a unit."""
    if unit == CITY:
        return list(range(NA))
    return [n for n, a in enumerate(ATOMS) if unit in (a.unit, a.park, a.town)]


def _total(arrays: Iterable[NDArray[Any]]) -> NDArray[Any]:
    """Element-wise sum of equally shaped arrays."""
    return np.sum(np.stack(list(arrays)), axis=0)


def publish(sim: dict[str, AtomSeries], rng: np.random.Generator) -> Published:
    """Round and assemble what each unit publishes.

    Towns, districts, counties and parks publish their exact atom sums. The county's figures
    for indicators its towns publish are the sums of the towns' rounded figures. The city
    publishes its own total: the sum of its six units × (1 + d), with d a small yearly
    discrepancy (the same in the current year as in the last), and a real growth equal to the
    volume aggregate of the six units' published figures plus noise of at most
    CITY_GROWTH_NOISE points. Its nominal growth is the units' aggregate growth (on the revised
    base for investment) carried over to its own totals.
    """
    value: dict[str, dict[str, NDArray[np.int64]]] = {}
    growth: dict[str, dict[str, NDArray[np.int64]]] = {}
    for unit in (*TOWNS, *FIRST_LEVEL, *PARKS):
        value[unit], growth[unit] = {}, {}
        for ind in PUBLISHED[unit]:
            total, g = aggregate(sim[ind], _members(unit))
            value[unit][ind], growth[unit][ind] = cents(total), tenths(g)
    for ind in PUBLISHED[TOWNS[0]]:
        value[TOWN_COUNTY][ind] = _total(value[t][ind] for t in TOWNS)
    discrepancy: dict[str, FloatArray] = {}
    value[CITY], growth[CITY] = {}, {}
    for ind in IND_CODES:
        sign = rng.choice([-1.0, 1.0])
        active = rng.random(NY) < DISCREPANCY_PROB
        # Active gaps are 10-100 % of the largest (assumption).
        d = sign * active * rng.uniform(0.1, 1.0, NY) * DISCREPANCY_MAX
        # The current year keeps last year's gap until the annual verification (assumption).
        d[-1] = d[-2]
        discrepancy[ind] = d
        units_sum = _total(value[u][ind] for u in FIRST_LEVEL).astype(float) / 100
        city = units_sum * (1 + d[:, None])
        value[CITY][ind] = cents(city)
        if ind in REAL:
            last = _total(value[u][ind][:-1] for u in FIRST_LEVEL).astype(float)
            volume = _total(  # growth is in tenths of a percent
                value[u][ind][:-1] * (1 + growth[u][ind][1:] / 1000) for u in FIRST_LEVEL
            )
            agg = 100 * (volume / last - 1)
            noise = rng.uniform(-CITY_GROWTH_NOISE, CITY_GROWTH_NOISE, agg.shape)
            g = np.full(city.shape, np.nan)
            g[1:] = agg + noise
        else:
            # The city's own growth on its (revised) base: the units' aggregate growth carried
            # over to the city's own totals; for flows without revisions, the ratio of levels.
            _, g = aggregate(sim[ind], range(NA))
            g[1:] = 100 * ((1 + g[1:] / 100) * (1 + d[1:, None]) / (1 + d[:-1, None]) - 1)
        growth[CITY][ind] = tenths(g)
    return Published(value, growth, discrepancy)


def observation_rows(pub: Published) -> list[list[str]]:
    """observations.csv rows in unit (units.csv), indicator and period order."""
    rows = []
    for unit, *_ in UNITS:
        for ind in IND_CODES:
            if ind not in PUBLISHED[unit]:
                continue
            v, g = pub.value[unit][ind], pub.growth[unit][ind]
            for i, j, label in periods(ind):
                rows.append([unit, ind, label, fmt_cents(int(v[i, j])), fmt_tenths(int(g[i, j]))])
    return rows


def full_year(pub: Published, unit: str, ind: str, year: int) -> float:
    """Published full-year level of a unit (December / Q4)."""
    return pub.value[unit][ind][year - BASE_YEAR, -1] / 100


def ytd_growth(pub: Published, unit: str, ind: str, year: int, month: int) -> float:
    """Published year-to-date growth [%] of a unit at ``month`` of ``year``."""
    step = month - 2 if ind in MONTHLY else month // 3 - 1
    return pub.growth[unit][ind][year - BASE_YEAR, step] / 10


def target_rows(pub: Published) -> list[list[str]]:
    """targets.csv rows: 2025 and 2026 targets of the city, its six units and the parks."""
    rows = []
    for year, table in TARGETS.items():
        for unit, *_ in UNITS:
            if unit not in table:
                continue
            for ind in IND_CODES:
                if ind not in PUBLISHED[unit]:
                    continue
                if ind == "jobs":
                    last = full_year(pub, unit, ind, year - 1)
                    level = round(last * (1 + JOBS_TARGET_UPLIFT), 1)
                    rows.append([unit, ind, str(year), "", f"{level:.2f}"])
                    continue
                tg = table[unit][ind]
                tv = ""
                if ind == "fai":
                    tv = f"{full_year(pub, unit, ind, year - 1) * (1 + tg / 100):.2f}"
                rows.append([unit, ind, str(year), f"{tg:.1f}", tv])
    return rows


# ============================================================================ projects
# fmt: off
PROJECTS: tuple[tuple[str, str, str, str, str, str, float, str], ...] = (
    # name, unit, park, category, status, production flag (F: starts production 2026-10..
    # 2027-12; D: already producing), approximate total investment [亿元], earliest start.
    # Names are fictional but in the style of briefings; sizes are assumptions.
    ("高新区新能源汽车零部件产业园一期", "GQQ", "GXQ", "industrial", "under_construction", "F",
     35, ""),
    ("高新区12英寸功率半导体封装测试基地", "GQQ", "GXQ", "industrial", "under_construction",
     "F", 60, ""),
    ("高桥区智能装备制造基地二期", "GQQ", "", "industrial", "under_construction", "F", 25, ""),
    ("高新区汽车电子控制器项目", "GQQ", "GXQ", "industrial", "under_construction", "F", 18, ""),
    ("高新区生物医药创新产业园", "GQQ", "GXQ", "industrial", "approved", "", 30, ""),
    ("高桥区工业互联网数据中心", "GQQ", "GXQ", "services", "under_construction", "", 12, ""),
    ("高桥大道快速化改造工程", "GQQ", "", "infrastructure", "under_construction", "", 45, ""),
    ("高新区人才公寓（保障性租赁住房）", "GQQ", "GXQ", "real_estate", "under_construction", "",
     15, ""),
    ("高桥区精密轴承扩能技改项目", "GQQ", "", "industrial", "producing", "D", 8, ""),
    ("高新区光电显示模组项目", "GQQ", "GXQ", "industrial", "signed", "", 40, ""),
    ("高桥区第三污水处理厂提标扩建", "GQQ", "", "infrastructure", "land_pending", "", 9, ""),
    ("云湖新能源汽车整车基地二期", "YHQ", "GXQ", "industrial", "under_construction", "F", 100,
     ""),
    ("云湖储能电池生产基地一期", "YHQ", "GXQ", "industrial", "producing", "D", 40, ""),
    ("云湖储能电池生产基地二期", "YHQ", "GXQ", "industrial", "under_construction", "F", 55,
     "2025-09"),
    ("云湖新区综合管廊及路网工程", "YHQ", "", "infrastructure", "under_construction", "", 65, ""),
    ("云湖中央商务区商业综合体", "YHQ", "", "services", "under_construction", "", 30, ""),
    ("江川市第二人民医院云湖院区", "YHQ", "", "government", "under_construction", "", 22, ""),
    ("云湖新区九年一贯制学校", "YHQ", "", "government", "approved", "", 6, ""),
    ("云湖湖滨片区住宅开发", "YHQ", "", "real_estate", "under_construction", "", 35, ""),
    ("云湖航空零部件产业园", "YHQ", "GXQ", "industrial", "land_pending", "", 20, ""),
    ("城际铁路江川至云湖段", "YHQ", "", "infrastructure", "under_construction", "", 115, ""),
    ("高新区智能算力中心", "YHQ", "GXQ", "services", "signed", "", 25, ""),
    ("经开区化工新材料一体化项目", "SLQ", "JKQ", "industrial", "under_construction", "F", 80, ""),
    ("石岭特钢超低排放改造项目", "SLQ", "", "industrial", "producing", "", 12, ""),
    ("经开区高端铝合金板带项目", "SLQ", "JKQ", "industrial", "approved", "", 35, ""),
    ("石岭老工业区城市更新一期", "SLQ", "", "real_estate", "under_construction", "", 28, ""),
    ("石岭区棚户区改造安置房", "SLQ", "", "real_estate", "under_construction", "", 18, ""),
    ("经开区铁路专用线", "SLQ", "JKQ", "infrastructure", "land_pending", "", 10, ""),
    ("经开区氢能装备产业园", "SLQ", "JKQ", "industrial", "signed", "", 25, ""),
    ("石岭区热电联产机组替代项目", "SLQ", "", "infrastructure", "under_construction", "", 30, ""),
    ("川城区老城片区有机更新", "CCQ", "", "real_estate", "under_construction", "", 40, ""),
    ("江川国际会展中心", "CCQ", "", "services", "under_construction", "", 32, ""),
    ("江川市档案馆新馆", "CCQ", "", "government", "producing", "", 6, ""),
    ("川城区智慧停车及地下空间开发", "CCQ", "", "infrastructure", "approved", "", 12, ""),
    ("江川文旅夜游街区", "CCQ", "", "services", "producing", "", 8, ""),
    ("地铁1号线川城段附属工程", "CCQ", "", "infrastructure", "under_construction", "", 50, ""),
    ("川城区社区养老服务中心", "CCQ", "", "government", "signed", "", 5.5, ""),
    ("江川总部经济大厦", "CCQ", "", "services", "land_pending", "", 15, ""),
    ("青溪纺织印染智能化技改项目", "QXS", "", "industrial", "under_construction", "F", 10, ""),
    ("青溪高端阀门产业园", "QXS", "", "industrial", "under_construction", "F", 22, ""),
    ("青溪电缆新材料扩产项目", "QXS", "", "industrial", "producing", "D", 12, ""),
    ("青溪港区码头二期", "QXS", "", "infrastructure", "under_construction", "", 26, ""),
    ("青溪市人民医院迁建", "QXS", "", "government", "approved", "", 18, ""),
    ("青溪家居产业园", "QXS", "", "industrial", "signed", "", 15, ""),
    ("青溪冷链物流园", "QXS", "", "services", "under_construction", "", 9, ""),
    ("安丰粮油精深加工项目", "AFS", "", "industrial", "under_construction", "F", 14, ""),
    ("安丰高标准农田建设项目", "AFS", "", "other", "under_construction", "", 6, ""),
    ("安丰乳业扩能项目", "AFS", "", "industrial", "producing", "D", 10, ""),
    ("安丰农产品冷链物流中心", "AFS", "", "services", "approved", "", 7, ""),
    ("安丰城乡供水一体化工程", "AFS", "", "infrastructure", "under_construction", "", 11, ""),
    ("安丰乡村振兴示范片区", "AFS", "", "other", "signed", "", 8, ""),
    ("安丰农光互补综合体", "AFS", "", "other", "land_pending", "", 12, ""),
    ("安丰预制菜产业园", "AFS", "", "industrial", "approved", "", 9, ""),
)
CATEGORIES = ("industrial", "infrastructure", "government", "real_estate", "services", "other")
STATUSES = ("signed", "land_pending", "approved", "under_construction", "producing")
SIZE_SPREAD = (0.85, 1.15)
"""Total investment = approximate size × U(a, b) [1] (assumption)."""
INVESTMENT_LIMITS = (5.0, 120.0)
"""Smallest and largest total investment of a registered major project [亿元]."""
FIRST_START = "2023-06"
"""Earliest start of a project still under construction (assumption)."""
LAST_START = "2027-06"
"""Latest start of a signed, land-pending or approved project (the brief's window)."""
LAST_PRODUCTION = "2027-12"
"""Latest production start of projects flagged F (the brief's window)."""
LAST_FINISH = "2029-12"
"""Latest finish of a project under construction (assumption)."""
MIN_BUILD_TO_PRODUCTION = 12
"""Months from construction start to production at least (assumption)."""
ASSET_TURNOVER = (1.2, 2.5)
"""Output at capacity ÷ total investment of industrial projects [1] (assumption)."""
VALUE_ADDED_RATE = (0.20, 0.35)
"""Value added ÷ output of industrial projects [1] (the brief's range; typical of manufacturing)."""
PROJECT_Q4_SHARE = (0.15, 0.30)
"""The register's planned 2026 Q4 investment as a share of the city's Q4 investment (check)."""
# fmt: on


def month_index(label: str) -> int:
    """Months since year 0 of ``YYYY-MM``."""
    return int(label[:4]) * 12 + int(label[5:7]) - 1


def month_label(index: int) -> str:
    """``YYYY-MM`` of a month index."""
    return f"{index // 12}-{index % 12 + 1:02d}"


AS_OF = month_index(f"{LAST_YEAR}-{LAST_MONTH:02d}")


def _spent(total: float, start: int, finish: int, perf: float, month: int) -> float:
    """Investment completed by the end of ``month`` [亿元]: linear from start to finish × perf."""
    if month < start:
        return 0.0
    frac = min(1.0, (month - start + 1) / (finish - start + 1))
    return min(total, total * frac * perf)


def make_projects(rng: np.random.Generator) -> list[dict[str, str]]:
    """The major-project register as of 2026-09, one dict per project.

    Under construction: started FIRST_START..2026-09 (at least MIN_BUILD_TO_PRODUCTION months
    before a planned production start), finishing after 2026-12. Signed, land pending and
    approved: start 2026-10..LAST_START. Producing: finished by 2026-09. Entry into the
    statistical database (入库) is the start month or one to two months later. Investment runs
    linearly from start to finish, scaled by a performance factor (behind schedule < 1).
    Extra columns: ``park``, ``plan_2026`` (the year's planned investment), ``invested_2026``
    (investment completed January-September 2026) [亿元].
    """
    out = []
    dec25, sep26 = month_index("2025-12"), AS_OF
    first_start = month_index(FIRST_START)
    for n, (name, unit, park, category, status, flag, size, earliest) in enumerate(PROJECTS, 1):
        total = float(np.clip(size * rng.uniform(*SIZE_SPREAD), *INVESTMENT_LIMITS))
        production = -1
        if status == "producing":
            finish = AS_OF - int(rng.integers(0, 16))
            start = finish - int(rng.integers(15, 31)) + 1
            perf = float(rng.uniform(0.96, 1.0))
            if flag == "D":
                production = min(AS_OF, finish + int(rng.integers(-3, 3)))
        elif status == "under_construction":
            lo = max(first_start, month_index(earliest) if earliest else first_start)
            hi = AS_OF
            if flag == "F":
                production = int(rng.integers(AS_OF + 1, month_index(LAST_PRODUCTION) + 1))
                hi = min(hi, production - MIN_BUILD_TO_PRODUCTION)
            start = int(rng.integers(lo, hi + 1))
            if flag == "F":
                finish = production + int(rng.integers(-2, 7))
            else:
                finish = start + int(rng.integers(24, 49))
            finish = min(max(finish, AS_OF + 4), month_index(LAST_FINISH))
            perf = float(rng.uniform(0.75, 1.05))
        else:
            start = AS_OF + int(rng.integers(1, month_index(LAST_START) - AS_OF + 1))
            finish = start + int(rng.integers(18, 43))
            perf = 1.0
        entry = start + int(rng.choice([0, 0, 1, 2]))
        output = rate = ""
        if flag:
            output = f"{total * rng.uniform(*ASSET_TURNOVER):.2f}"
            rate = f"{rng.uniform(*VALUE_ADDED_RATE):.2f}"
        invested = _spent(total, start, finish, perf, sep26)
        ytd26 = invested - _spent(total, start, finish, perf, dec25)
        plan = _spent(total, start, finish, 1.0, dec25 + 12) - _spent(
            total, start, finish, 1.0, dec25
        )
        out.append(
            {
                "project": f"JC-P{n:03d}",
                "name": name,
                "unit": unit,
                "category": category,
                "status": status,
                "total_investment": f"{total:.2f}",
                "invested_to_date": f"{invested:.2f}",
                "planned_start": month_label(start),
                "planned_finish": month_label(finish),
                "planned_entry": month_label(entry),
                "planned_production": month_label(production) if production >= 0 else "",
                "output_at_capacity": output,
                "value_added_rate": rate,
                "park": park,
                "plan_2026": f"{plan:.2f}",
                "invested_2026": f"{max(ytd26, 0.0):.2f}",
            }
        )
    return out


PROJECT_COLUMNS = [
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
    "park",
    "plan_2026",
    "invested_2026",
]


def q4_planned(projects: Iterable[dict[str, str]], year: int = LAST_YEAR) -> float:
    """Investment the register plans to count in Q4 of ``year`` [亿元].

    The remaining investment (total - invested to date) is spread evenly over the months from
    the next month (or the start) to the planned finish; a month counts once the project has
    entered the database.
    """
    q4 = range(month_index(f"{year}-10"), month_index(f"{year}-12") + 1)
    total = 0.0
    for p in projects:
        start, finish = month_index(p["planned_start"]), month_index(p["planned_finish"])
        entry = month_index(p["planned_entry"] or p["planned_start"])
        first = max(start, AS_OF + 1)
        if finish < first:
            continue
        rate = (float(p["total_investment"]) - float(p["invested_to_date"])) / (finish - first + 1)
        total += rate * sum(1 for m in q4 if first <= m <= finish and m >= entry)
    return total


def project_plan_files(
    projects: list[dict[str, str]], targets: Sequence[Sequence[str]]
) -> dict[str, str]:
    """projects.csv with registration, funding and readiness columns; project_pipeline.csv and
    parcels.csv (issue 20; :mod:`example_city_plan`, its own random stream)."""
    import example_city_plan as plan

    extra = plan.extend_register(projects, AS_OF, SEED)
    cols = PROJECT_COLUMNS + extra
    fai = {
        r[0]: float(r[4])
        for r in targets
        if r[1] == "fai" and r[2] == str(LAST_YEAR) and r[0] in FIRST_LEVEL
    }
    names = {u[0]: u[1] for u in UNITS}
    pipe = plan.pipeline(fai, names, SEED)
    return {
        "projects.csv": csv_text(cols, ([p[c] for c in cols] for p in projects)),
        "project_pipeline.csv": csv_text(
            plan.PIPELINE_COLUMNS, ([r[c] for c in plan.PIPELINE_COLUMNS] for r in pipe)
        ),
        "parcels.csv": csv_text(
            plan.PARCEL_COLUMNS,
            ([r[c] for c in plan.PARCEL_COLUMNS] for r in plan.parcels(projects, AS_OF, SEED)),
        ),
    }


# ========================================================================= enterprises
# fmt: off
ENTERPRISES: tuple[tuple[str, str, str, str, float], ...] = (
    # name, unit, industry (国民经济行业大类), role (D drags: sharp fall; L lifts: fast growth;
    # "" ordinary), relative size within the unit. Fictional names; sizes are assumptions.
    ("江川卷烟厂", "CCQ", "烟草制品业", "", 6.0),
    ("江川印刷包装有限公司", "CCQ", "印刷和记录媒介复制业", "", 1.0),
    ("江川自来水有限公司", "CCQ", "水的生产和供应业", "", 0.8),
    ("高桥精密机械有限公司", "GQQ", "通用设备制造业", "", 1.5),
    ("江川电子科技股份有限公司", "GQQ", "计算机、通信和其他电子设备制造业", "L", 3.5),
    ("高桥汽车零部件有限公司", "GQQ", "汽车制造业", "", 2.5),
    ("江川智能装备有限公司", "GQQ", "专用设备制造业", "", 1.5),
    ("江川半导体有限公司", "GQQ", "计算机、通信和其他电子设备制造业", "", 2.5),
    ("江川光电科技有限公司", "GQQ", "计算机、通信和其他电子设备制造业", "D", 1.2),
    ("江川生物医药有限公司", "GQQ", "医药制造业", "", 1.0),
    ("高桥电气有限公司", "GQQ", "电气机械和器材制造业", "", 1.2),
    ("高桥轴承有限公司", "GQQ", "通用设备制造业", "", 0.8),
    ("云湖新能源汽车有限公司", "YHQ", "汽车制造业", "L", 4.0),
    ("云湖储能科技有限公司", "YHQ", "电气机械和器材制造业", "L", 2.5),
    ("云湖光伏科技有限公司", "YHQ", "电气机械和器材制造业", "D", 1.5),
    ("江川航空零部件有限公司", "YHQ", "铁路、船舶、航空航天和其他运输设备制造业", "", 0.8),
    ("云湖医疗器械有限公司", "YHQ", "专用设备制造业", "", 0.6),
    ("云湖数据设备有限公司", "YHQ", "计算机、通信和其他电子设备制造业", "", 0.7),
    ("江川新型显示有限公司", "YHQ", "计算机、通信和其他电子设备制造业", "", 1.5),
    ("石岭特钢股份有限公司", "SLQ", "黑色金属冶炼和压延加工业", "D", 4.0),
    ("江川石化有限公司", "SLQ", "石油、煤炭及其他燃料加工业", "D", 3.0),
    ("石岭水泥有限公司", "SLQ", "非金属矿物制品业", "", 1.0),
    ("江川重型机械有限公司", "SLQ", "专用设备制造业", "", 1.0),
    ("石岭焦化有限公司", "SLQ", "石油、煤炭及其他燃料加工业", "", 1.2),
    ("江川热电有限公司", "SLQ", "电力、热力生产和供应业", "", 0.8),
    ("江川新材料科技有限公司", "SLQ", "化学原料和化学制品制造业", "", 1.5),
    ("石岭铝业有限公司", "SLQ", "有色金属冶炼和压延加工业", "", 1.2),
    ("青溪纺织集团有限公司", "QXS", "纺织业", "D", 2.5),
    ("青溪服饰有限公司", "QXS", "纺织服装、服饰业", "", 0.8),
    ("青溪家具有限公司", "QXS", "家具制造业", "", 0.7),
    ("青溪阀门有限公司", "QXS", "通用设备制造业", "", 1.5),
    ("青溪电缆有限公司", "QXS", "电气机械和器材制造业", "L", 1.5),
    ("青溪食品有限公司", "QXS", "农副食品加工业", "", 1.0),
    ("青溪塑业有限公司", "QXS", "橡胶和塑料制品业", "", 0.6),
    ("青溪机电有限公司", "QXS", "通用设备制造业", "", 0.8),
    ("安丰粮油有限公司", "AFS", "农副食品加工业", "", 1.5),
    ("安丰乳业有限公司", "AFS", "食品制造业", "L", 1.5),
    ("安丰饲料有限公司", "AFS", "农副食品加工业", "", 1.0),
    ("安丰酒业有限公司", "AFS", "酒、饮料和精制茶制造业", "", 0.8),
    ("安丰建材有限公司", "AFS", "非金属矿物制品业", "", 0.7),
)
ENTERPRISE_VA_RATE = 0.27
"""Value added ÷ gross output of industry [1], to turn iva into output (assumption)."""
ENTERPRISE_COVERAGE = (0.40, 0.60)
"""Share of a unit's gross industrial output made by its key enterprises (assumption)."""
ENTERPRISE_SIZE_SPREAD = 0.2
"""Log-spread of enterprise sizes around their relative size (assumption)."""
ROLE_GROWTH = {"D": (-30.0, -15.0), "L": (25.0, 50.0)}
"""Output growth of dragging and lifting enterprises [%] (assumption)."""
NORMAL_SPREAD = 4.0
"""Standard deviation of ordinary enterprises' growth around the unit's underlying growth
[pp] (assumption); clipped at 2.5 standard deviations."""
# fmt: on


def make_enterprises(pub: Published, rng: np.random.Generator) -> list[dict[str, str]]:
    """Key industrial enterprises of each unit, January-September 2026 against 2025.

    A unit's key enterprises make a share c (ENTERPRISE_COVERAGE) of its gross output (iva ÷
    ENTERPRISE_VA_RATE). Dragging ones fall sharply and lifting ones grow fast; ordinary ones
    and the unit's other firms grow around an underlying rate u chosen so that the unit's
    output grows like its nominal iva: G = c Σ_roles w g + (c Σ_ordinary w + 1 - c) u. So the
    league table explains the unit: without its two falling giants 石岭区 would grow like the
    city.
    """
    out = []
    step = LAST_MONTH // 3 - 1
    i = LAST_YEAR - BASE_YEAR
    for unit in FIRST_LEVEL:
        rows = [e for e in ENTERPRISES if e[1] == unit]
        iva = pub.value[unit]["iva"][:, step] / 100
        coverage = rng.uniform(*ENTERPRISE_COVERAGE)
        output_last = iva[i - 1] / ENTERPRISE_VA_RATE * coverage
        nominal = 100 * (iva[i] / iva[i - 1] - 1)
        weights = np.array([e[4] for e in rows]) * rng.lognormal(
            0.0, ENTERPRISE_SIZE_SPREAD, len(rows)
        )
        weights /= weights.sum()
        role_growth = np.array([rng.uniform(*ROLE_GROWTH[e[3]]) if e[3] else 0.0 for e in rows])
        ordinary = np.array([not e[3] for e in rows])
        underlying = (nominal - coverage * (weights * role_growth).sum()) / (
            coverage * weights[ordinary].sum() + 1 - coverage
        )
        noise = np.clip(rng.standard_normal(len(rows)), -2.5, 2.5) * NORMAL_SPREAD
        growth = np.where(ordinary, underlying + noise, role_growth)
        for (name, _, industry, _, _), w, g in zip(rows, weights, growth, strict=True):
            last = output_last * w
            out.append(
                {
                    "name": name,
                    "unit": unit,
                    "industry": industry,
                    "period": f"{LAST_YEAR}-{LAST_MONTH:02d}",
                    "ytd_output": f"{last * (1 + g / 100):.2f}",
                    "ytd_output_last_year": f"{last:.2f}",
                }
            )
    for n, row in enumerate(out, start=1):
        row["enterprise"] = f"JC-E{n:03d}"
    return out


TASK_COLUMNS = ["task", "lead_department", "deadline", "indicator", "unit", "partners"]
TASKS: tuple[tuple[str, ...], ...] = (
    (
        "推动云湖新能源汽车整车基地二期按期投产，新增产能当月纳统",
        "市发展改革委",
        "2026-12",
        "gdp",
        "YHQ",
        "市工业和信息化局、云湖区人民政府",
    ),
    (
        "加快专项债券资金拨付使用，四季度新增形成实物工作量",
        "市财政局",
        "2026-11",
        "fai",
        "",
        "市发展改革委、各区县人民政府",
    ),
    (
        "组织发放消费券，抓好“双11”和元旦消费旺季促销",
        "市商务局",
        "2026-11",
        "retail",
        "",
        "市财政局",
    ),
    (
        "帮扶石岭区重点工业企业稳产满产，协调解决订单和用能问题",
        "市工业和信息化局",
        "2026-12",
        "iva",
        "SLQ",
        "石岭区人民政府",
    ),
    (
        "落实稳就业政策，确保完成全年城镇新增就业目标",
        "市人力资源社会保障局",
        "2026-12",
        "jobs",
        "",
        "各区县人民政府",
    ),
)
"""The example city's key tasks for the Q4 sprint (tasks.csv; illustrative, one per lever the
shipped scenarios use and one for jobs)."""

ENTERPRISE_COLUMNS = [
    "enterprise",
    "name",
    "unit",
    "industry",
    "period",
    "ytd_output",
    "ytd_output_last_year",
]


# ============================================================================= output
def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """CSV text with Unix line ends (deterministic)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _f1(x: float) -> str:
    """One decimal, without a negative zero."""
    text = f"{x:.1f}"
    return "0.0" if text == "-0.0" else text


def _city_full_year(pub: Published, ind: str) -> FloatArray:
    """The city's published full-year levels, BASE_YEAR..LAST_YEAR-1."""
    return pub.value[CITY][ind][:-1, -1].astype(float) / 100


def calibration_lines(national: National, pub: Published) -> list[str]:
    """README section: how the city was calibrated on the national data, with the numbers."""
    gdp, iva = national.gdp, national.iva
    years = [int(y) for y in YEARS[1:-1]]
    level = _city_full_year(pub, "gdp")
    real = pub.growth[CITY]["gdp"][1:-1, -1] / 10
    city_defl = 100 * ((level[1:] / level[:-1]) / (1 + real / 100) - 1)
    q = pub.value[CITY]["gdp"][2025 - BASE_YEAR].astype(float)
    city_q = np.diff(q, prepend=0.0) / q[-1]
    lines = [
        "## Calibration on China's national statistics (`data/china_national/`)",
        "",
        "Each unit's growth = national trend + city premium + unit premium + sensitivity × "
        "national cycle + noise. The trend is the national annual growth, interpolated linearly "
        f"from {min(SHOCK_YEARS) - 1} to {max(SHOCK_YEARS) + 1} across "
        f"{', '.join(map(str, SHOCK_YEARS))}; the cycle is national growth minus trend (the "
        "2020 shock, the 2021 rebound, the weak 2022). Levels are scaled to the assumed size of "
        "the city in 2025, which changes no growth rate. Premiums, sensitivities, noise and "
        "sizes are assumptions documented as constants in the script.",
        "",
        "- **Quarterly GDP seasonality.** The base year's quarters follow the national shares "
        "of current-price GDP averaged over "
        + ", ".join(map(str, NORMAL_YEARS))
        + " (Q1–Q4 "
        + ", ".join(f"{100 * s:.1f} %" for s in gdp.base_shares)
        + "); later years inherit the national within-year growth profile, so the 2020 "
        "collapse of Q1 shows in every unit. City 2025: "
        + ", ".join(f"{100 * s:.1f} %" for s in city_q)
        + ".",
        "- **Real GDP growth path.** National year-to-date real growth used (Q1, Q4): "
        + ", ".join(
            f"{y} {_f1(gdp.growth[y - BASE_YEAR, 0])}/{_f1(gdp.growth[y - BASE_YEAR, 3])}"
            for y in (*years, LAST_YEAR)
        )
        + ". The folder's vintage is used as is (2021 8.4, 2022 3.0); quarters after the last "
        "published one (2026Q1) are held at its year-to-date growth (plausible continuation).",
        "- **Deflators.** City GDP deflator = "
        f"{DEFLATOR_RULE['gdp'][0]} + {DEFLATOR_RULE['gdp'][1]} × national implicit deflator "
        "+ the city's own noise, so real growth differs from the ratio of current-price values. "
        "National deflator: "
        + ", ".join(f"{y} {_f1(gdp.deflator[y - BASE_YEAR])}" for y in years)
        + " (2023 against the census-revised 2022 level, see the national SOURCES.md; 2026 "
        "held at 2025). Resulting city deflator (from the published figures): "
        + ", ".join(f"{y} {_f1(d)}" for y, d in zip(years, city_defl, strict=True))
        + f". Industry: {DEFLATOR_RULE['iva'][0]} + {DEFLATOR_RULE['iva'][1]} × the national "
        "industry (ID) deflator (producer prices swing more).",
        "- **Industrial value added.** Growth path of national industry (ID) real growth "
        "(Q4: "
        + ", ".join(f"{y} {_f1(iva.growth[y - BASE_YEAR, 3])}" for y in years)
        + f"); the city's 2025 iva is {INDUSTRY_FACTOR} × the national ID share of GDP "
        f"({100 * iva.share_of_gdp:.1f} % in the latest full year) × GDP, shared between units "
        "by their industrial weight.",
        "- **Monthly fai, retail and revenue; quarterly exports and jobs.** Each year follows the "
        "national seasonal pattern of that year (share of each month in the year to date, from "
        "a comparable level chained with official growth) and the national growth path. "
        "National monthly levels end in 2022-12 (investment growth in 2026-06): later years use "
        "the mean pattern of normal years, investment growth after 2026-06 is held at its last "
        "value, and annual growth for 2023–2026 is a plausible continuation (2023–2024 as "
        "published nationally, 2025–2026 assumed): "
        + "; ".join(
            f"{k} " + ", ".join(f"{y} {v:+.1f}" for y, v in d.items())
            for k, d in ANNUAL_CONTINUATION.items()
        )
        + ". Retail sales growth for 2015, 2018 and 2020 uses the official national figures, "
        "because the folder's first-release levels straddle base revisions there. Exports "
        "follow the national US-dollar growth (exchange-rate effects ignored); jobs follow "
        "national new urban jobs (not in the national folder: copied into the script from the "
        "shared Wind export for 2014–2022).",
        "",
        "Share of the year reached by the end of March, June and September (national mean of "
        "normal years; city 2025):",
        "",
        "| indicator | national Mar / Jun / Sep | city 2025 Mar / Jun / Sep | national growth path "
        "(Dec, %) |",
        "| --- | --- | --- | --- |",
    ]
    normal = [y - BASE_YEAR for y in NORMAL_YEARS]
    for ind in (*MONTHLY, "exports", "jobs"):
        prof = national.nominal[ind]
        cum = np.cumsum(prof.shares[normal], axis=1).mean(axis=0)
        pick = [prof.months.index(m) for m in (3, 6, 9)]
        city = pub.value[CITY][ind][2025 - BASE_YEAR].astype(float)
        path = ", ".join(f"{y} {_f1(prof.growth[y - BASE_YEAR])}" for y in years)
        lines.append(
            f"| {ind} | "
            + " / ".join(f"{100 * cum[j]:.1f}" for j in pick)
            + " | "
            + " / ".join(f"{100 * city[j] / city[-1]:.1f}" for j in pick)
            + f" | {path} |"
        )
    rev = national.nominal["fai"].base_revision
    lines += [
        "",
        "- **Investment base revisions.** The two years with the largest national base "
        "revisions (1 − level ratio ÷ (1 + official growth): "
        + ", ".join(f"{y} {100 * rev[y - BASE_YEAR]:.1f} %" for y in national.fai_revisions)
        + f") are the city's revision years, with {FAI_REVISION_SCALE} × the national size "
        f"clipped to {100 * FAI_REVISION_RANGE[0]:.0f}–{100 * FAI_REVISION_RANGE[1]:.0f} % and "
        "a spread between units.",
        "",
    ]
    return lines


def readme_text(
    national: National,
    pub: Published,
    projects: list[dict[str, str]],
    n_enterprises: int,
    n_obs: int,
) -> str:
    """The folder's README.md, with the calibration and the key numbers."""
    lines = [
        f"**SYNTHETIC DATA: 江川市 (Jiangchuan) is a fictional city. Every number here was "
        f"generated by `python scripts/generate_example_city.py` (seed {SEED}); it describes no "
        "real place.**",
        "",
        "# Example city: 江川市 (Jiangchuan)",
        "",
        "A prefecture-level city of about 5,200 亿元 GDP (2025) in the form of the sprintmodel "
        "data contract (DATA_CONTRACT.md), for examples, notebooks and tests. "
        f"History runs from 2015 to 2026Q3 / 2026-09 ({n_obs} observation rows); the data end "
        "where the year-end sprint begins. The monthly series run one month further, to "
        "2026-10 (October's figures, out for the November dispatch meeting); the scenarios, the "
        "briefing and the notebooks stay as of 2026Q3 unless told otherwise (`--as-of 2026-10`).",
        "",
        "## Units (`units.csv`)",
        "",
        "| unit | name | kind | rollup | character |",
        "| --- | --- | --- | --- | --- |",
        "| JC | 江川市 | city | | the root |",
        "| CCQ | 川城区 | district | yes | services-heavy old core (retail, headquarters) |",
        "| GQQ | 高桥区 | district | yes | industrial; holds most of the high-tech park |",
        "| YHQ | 云湖区 | district | yes | fast-growing new district (part of the high-tech "
        "park) |",
        "| SLQ | 石岭区 | district | yes | **lagging** old heavy-industry district (steel, "
        "refining) with the economic-and-technological park |",
        "| QXS | 青溪市 | county | yes | manufacturing county-level city |",
        "| AFS | 安丰市 | county | yes | agricultural county-level city, split into three towns |",
        "| GXQ | 江川高新技术产业开发区 | park | **no** | overlaps GQQ and YHQ |",
        "| JKQ | 江川经济技术开发区 | park | **no** | overlaps SLQ |",
        "| AFS-HT, AFS-SQ, AFS-LW | 禾田镇, 石桥镇, 芦湾镇 | town | yes | exactly partition AFS "
        "for fai, retail and revenue |",
        "",
        "Parks have parent JC and rollup `no`: their figures overlap the districts and are never "
        "added into the city.",
        "",
        "## Indicators (`indicators.csv`) and observations",
        "",
        "| indicator | name | measure | basis | frequency | published by |",
        "| --- | --- | --- | --- | --- | --- |",
        "| gdp | 地区生产总值 | 亿元 | real | quarterly | city, 6 units, parks |",
        "| iva | 规模以上工业增加值 | 亿元 | real | quarterly | city, 6 units, parks |",
        "| fai | 固定资产投资 | 亿元 | nominal | monthly | city, 6 units, parks, towns |",
        "| retail | 社会消费品零售总额 | 亿元 | nominal | monthly | city, 6 units, towns |",
        "| revenue | 一般公共预算收入 | 亿元 | nominal | monthly | city, 6 units, parks, towns |",
        "| exports | 出口总额 | 亿元 | nominal | quarterly | city, 6 units, parks |",
        "| jobs | 城镇新增就业 | 万人 | nominal | quarterly | city, 6 units |",
        "",
        "Every row is year to date. Monthly series start each year at `YYYY-02` (January and "
        "February are published together: there are no January rows). Levels are rounded to "
        "0.01, growth to 0.1 percent. For gdp and iva `ytd_value` is at current prices and "
        "`ytd_growth` is real growth (comparable prices), generated with deflators, so real "
        "growth differs from the ratio of values. 2015 rows carry both value and growth "
        f"(the generator simulates {BASE_YEAR} internally).",
        "",
        "## Deliberate features",
        "",
        f"- **Lagging district.** 石岭区 (SLQ) grows clearly below the city in 2026 "
        f"(Jan–Sep GDP {ytd_growth(pub, LAGGING, 'gdp', 2026, 9):.1f} % and iva "
        f"{ytd_growth(pub, LAGGING, 'iva', 2026, 9):.1f} % against the city's "
        f"{ytd_growth(pub, CITY, 'gdp', 2026, 9):.1f} % and "
        f"{ytd_growth(pub, CITY, 'iva', 2026, 9):.1f} %); two of its key enterprises (steel, "
        "refining) fall sharply (`enterprises.csv`).",
        "- **2026 story.** City GDP January–September is a bit below the 6.0 % target, "
        "investment is weak, retail sales are close to target: the sprint matters.",
        "- **Revised investment base.** In "
        + " and ".join(f"{y} (by about {100 * b:.1f} %)" for y, b in national.fai_revisions.items())
        + " the statistics office revised last year's investment down before computing growth, "
        "as NBS did nationally: published `fai` growth in those years is the official growth on "
        "the revised base and differs from the ratio of published levels (keep both; never "
        "recompute one from the other).",
        "- **City totals differ from district sums.** The city publishes its own totals; they "
        f"differ from the sum of the six units by up to {100 * DISCREPANCY_MAX:.2f} % in some "
        "indicator-years (0 in others), as in real statistics. The city's real growth is the "
        "volume aggregate of the six units (Σ last year's value × (1 + growth) ÷ Σ last year's "
        f"value − 1) plus statistical noise of at most {CITY_GROWTH_NOISE} points before "
        "rounding. Towns add up exactly to 安丰市 for fai, retail and revenue; districts and "
        "parks are exact sums of their parts.",
        "- Year-to-date values of every indicator (jobs included) never fall within a year.",
        "",
    ]
    lines += calibration_lines(national, pub)
    lines += [
        "## Key numbers",
        "",
        "| unit | GDP 2025 [亿元] | "
        + " | ".join(f"{i} Jan–Sep 2026 / target" for i in IND_CODES)
        + " |",
        "| --- | --- | " + " | ".join("---" for _ in IND_CODES) + " |",
    ]
    for unit in (CITY, *FIRST_LEVEL, *PARKS):
        cells = [unit, f"{full_year(pub, unit, 'gdp', 2025):,.0f}"]
        for ind in IND_CODES:
            if ind not in PUBLISHED[unit]:
                cells.append("")
                continue
            if ind == "jobs":
                got = pub.value[unit][ind][LAST_YEAR - BASE_YEAR, LAST_MONTH // 3 - 1] / 100
                tv = round(full_year(pub, unit, ind, 2025) * (1 + JOBS_TARGET_UPLIFT), 1)
                cells.append(f"{got:.2f} / {tv:.1f} 万人")
            else:
                cells.append(
                    f"{ytd_growth(pub, unit, ind, 2026, 9):.1f} / {TARGETS[2026][unit][ind]:.1f}"
                )
        lines.append("| " + " | ".join(cells) + " |")
    q4 = q4_planned(projects)
    fai25 = pub.value[CITY]["fai"][2025 - BASE_YEAR] / 100
    q4_share = q4 / (fai25[-1] - fai25[LAST_MONTH - 2])
    lines += [
        "",
        "Growth in percent (real for gdp and iva); jobs: January–September 2026 level against "
        "the full-year target.",
        "",
        "## Optional files",
        "",
        "- `targets.csv`: 2025 and 2026 targets of the city, the six units and the parks for "
        "every indicator they publish. Growth targets in percent; jobs as `target_value` "
        "(万人, growth empty); investment with both growth and value (last year's level × "
        "(1 + target)).",
        f"- `projects.csv`: {len(projects)} major projects with the contract's columns, as of "
        "2026-09, plus three extra columns: `park` (park code where the project lies inside a "
        "park, else empty), `plan_2026` (the 2026 annual investment plan, 亿元) and "
        "`invested_2026` (investment completed January–September 2026, 亿元). Under-"
        "construction projects started before 2026-10; signed, land-pending and approved ones "
        "start 2026-10..2027-06; entry (入库) is the start month or one to two months later; "
        "industrial projects starting production 2026-10..2027-12 give output at capacity and "
        f"value-added rate. The register plans {q4:,.0f} 亿元 of investment for 2026 Q4 (the "
        "remaining investment of each project spread evenly to its finish, from its entry "
        f"month), {100 * q4_share:.0f} % of the city's Q4 2025 investment. Two projects under "
        "construction (JC-P036, JC-P050) are not registered yet and plan to register in 2027; "
        "`ytd_before_entry` holds what each unregistered project completed in 2026 (亿元); "
        "`funding_source`, `land_ready`, `eia_ready`, `funds_ready` serve next year's plan "
        "(docs/data_contract.md).",
        "- `project_pipeline.csv`: reserve (储备) and planned (谋划) projects for 2027 per "
        "district with `plan_2027`, funding source and readiness; `parcels.csv`: the land "
        "parcels the land-pending and two approved projects wait on (scripts/example_city_plan.py; "
        "every number an assumption).",
        f"- `enterprises.csv`: {n_enterprises} key industrial enterprises (规上工业重点企业): "
        "`enterprise` (code), `name`, `unit`, `industry` (国民经济行业大类), `period` (2026-09), "
        "`ytd_output` and `ytd_output_last_year` (gross industrial output value, 亿元, "
        "January–September 2026 and 2025). A few fall sharply and drag their unit (two in "
        "石岭区), a few lift it.",
        "",
        "## Hand-written files (not generated)",
        "",
        "- `levers.yaml`: the city's policy levers (consumption vouchers, special bonds, policy "
        "financing instruments, enterprise support, export support, land expropriation speed) "
        "with their effect ranges, timing, cost, caps and bridges into GDP, each with its "
        "source or marked as an assumption; see `docs/levers.md`.",
        "- `scenarios/`: five scenario files (baseline, full sprint, projects slip, help for "
        "石岭区, vouchers in December); see `docs/scenarios.md`.",
        "- `accelerations.csv`: which projects can be accelerated, by how many months and at "
        "what cost, for `sprintmodel optimize`; see `docs/optimize.md`.",
        "- `entrants.csv`: three candidates to enter the statistics this year (升规入统: "
        "石岭新材料 in 石岭区 and 高桥精工 in 高桥区, 规上工业增加值; 限上入库: 云湖奥莱 in 云湖区, "
        "retail sales), with their value added or sales January–September 2026 and 2025 "
        "(assumptions); `full_sprint.yaml` counts them; see `docs/enterprises.md`.",
        "",
        "Regenerate with `python scripts/generate_example_city.py` (deterministic: two runs give "
        "identical files); `--check` re-runs the consistency checks on the folder.",
        "",
    ]
    return "\n".join(lines)


def generate(national_dir: Path, released_month: int = RELEASED_MONTH) -> dict[str, str]:
    """Build every file of the folder as text (file name → content); monthly series run to
    ``released_month`` of LAST_YEAR (LAST_MONTH to LAST_MONTH + 3)."""
    rng = np.random.default_rng(SEED)
    national = load_national(national_dir)
    sim = simulate(national, rng)
    pub = publish(sim, rng)
    obs = with_later_months(observation_rows(pub), later_monthly_rows(pub, released_month))
    projects = make_projects(rng)
    enterprises = make_enterprises(pub, rng)
    accounts = industries(pub)
    source_obs = industries_mod.source_observation_rows(
        accounts,
        GDP_UNITS,
        partial(source_periods, released_month=released_month),
        fmt_cents,
        fmt_tenths,
    )
    indicator_rows = [(*row, "", "") for row in INDICATORS] + industries_mod.indicator_rows()
    targets = target_rows(pub)
    plan_files = project_plan_files(projects, targets)
    return {
        "units.csv": csv_text(["unit", "name_zh", "name_en", "parent", "kind", "rollup"], UNITS),
        "indicators.csv": csv_text(
            ["indicator", "name_zh", "name_en", "measure", "basis", "additive", "flow", "kind"],
            indicator_rows,
        ),
        "observations.csv": csv_text(
            ["unit", "indicator", "period", "ytd_value", "ytd_growth"], obs + source_obs
        ),
        "targets.csv": csv_text(
            ["unit", "indicator", "year", "target_growth", "target_value"], targets
        ),
        **plan_files,
        "enterprises.csv": csv_text(
            ENTERPRISE_COLUMNS, ([e[c] for c in ENTERPRISE_COLUMNS] for e in enterprises)
        ),
        "tasks.csv": csv_text(TASK_COLUMNS, TASKS),
        "components.csv": csv_text(
            ["indicator", "component", "name_zh", "name_en"], industries_mod.components_rows()
        ),
        "component_observations.csv": csv_text(
            ["unit", "indicator", "component", "period", "ytd_value", "ytd_growth"],
            industries_mod.component_rows(
                accounts, GDP_UNITS, periods("gdp"), fmt_cents, fmt_tenths
            ),
        ),
        "industry_sources.csv": csv_text(
            [
                "component",
                "source_indicator",
                "role",
                "elasticity",
                "elasticity_se",
                "deflator",
                "source",
            ],
            industries_mod.industry_source_rows(),
        ),
        "README.md": readme_text(national, pub, projects, len(enterprises), len(obs))
        + industries_mod.README,
    }


# ======================================================================== industries
GDP_UNITS = (CITY, *FIRST_LEVEL, *PARKS)
"""Units with GDP, hence with industries and source indicators (issue 16)."""


def _last_gdp_step() -> tuple[int, int]:
    """(year index, quarter index) of the last published GDP quarter."""
    i, k, _ = periods("gdp")[-1]
    return i, k


def source_periods(
    monthly: bool, released_month: int = RELEASED_MONTH
) -> list[tuple[int, int, str]]:
    """Published periods of a source indicator, monthly (as retail, to ``released_month`` of
    LAST_YEAR) or quarterly (as GDP)."""
    if not monthly:
        return periods("gdp")
    i = LAST_YEAR - BASE_YEAR
    later = [
        (i, MONTHS.index(m), f"{LAST_YEAR}-{m:02d}")
        for m in range(LAST_MONTH + 1, released_month + 1)
    ]
    return periods("retail") + later


def industries(pub: Published) -> industries_mod.Result:
    """The industries and source indicators of every unit with GDP
    (``scripts/example_city_industries.py``), from the published figures."""
    last = _last_gdp_step()

    def gdp(unit: str) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        # the last year's quarters after ``last`` are the simulation's (not published): they
        # drive the industries' unpublished quarters and the sources' later months
        return pub.value[unit]["gdp"].copy(), pub.growth[unit]["gdp"].copy()

    def pins(unit: str) -> dict[str, FloatArray]:
        out = {"iva": pub.growth[unit]["iva"] / 10}
        if "retail" in PUBLISHED[unit]:
            retail = pub.growth[unit]["retail"][:, [m - MONTHS[0] for m in QUARTER_MONTHS]] / 10
            out["retail"] = retail - industries_mod.RETAIL_PRICE
        return out

    res = industries_mod.generate(GDP_UNITS, FIRST_LEVEL, CITY, gdp, pins, last, SEED)
    industries_mod.check(res, gdp, last)
    return res


# ============================================================================== checks
LEVEL_SLACK = 0.015
"""Rounding of a published level [亿元 or 万人]: 0.005, three times for a county that adds up
its towns' rounded figures."""
GROWTH_SLACK = 0.001
"""Floating-point slack on growth comparisons [pp]."""


class CheckError(AssertionError):
    """The generated folder breaks one of its promises."""


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise CheckError(message)


def _observations(folder: Path) -> pd.DataFrame:
    """observations.csv with parsed columns year, month, freq, value, growth (the indicators
    of :data:`INDICATORS`; the industries' source indicators are checked on their own)."""
    obs = read_table(folder, "observations")
    obs = obs[obs["indicator"].isin(IND_CODES)].reset_index(drop=True)
    obs["year"] = obs["period"].str[:4].astype(int)
    obs["freq"] = np.where(obs["period"].str.contains("Q"), "Q", "M")
    obs["month"] = [_period_key(p)[1] for p in obs["period"]]
    obs["value"] = pd.to_numeric(obs["ytd_value"], errors="coerce")
    obs["growth"] = pd.to_numeric(obs["ytd_growth"], errors="coerce")
    return obs


def check_folder(folder: Path, released_month: int = RELEASED_MONTH) -> list[str]:
    """Check the written folder; raise CheckError on the first broken promise.

    Returns a few lines describing what was checked.
    """
    obs = _observations(folder)
    key = ["unit", "indicator", "period"]
    _require(not obs.duplicated(key).any(), "duplicate unit × indicator × period rows")
    _require(obs["value"].notna().all() and obs["growth"].notna().all(), "empty cells")
    freq = obs.groupby(["unit", "indicator"])["freq"].nunique()
    _require(bool((freq == 1).all()), "a unit × indicator mixes frequencies")
    for unit, inds in PUBLISHED.items():
        have = set(obs.loc[obs["unit"] == unit, "indicator"])
        _require(have == set(inds), f"{unit} publishes {sorted(have)}, expected {sorted(inds)}")
    obs = obs.sort_values(["unit", "indicator", "year", "month"], kind="stable")
    falls = obs.groupby(["unit", "indicator", "year"])["value"].diff() < 0
    _require(not falls.any(), f"year-to-date values fall: {obs[falls].head(3).to_dict('records')}")
    # Periods: complete years, no January, quarter ends present, same latest period everywhere.
    for (unit, ind, year), g in obs.groupby(["unit", "indicator", "year"]):
        last = (released_month if ind in MONTHLY else LAST_MONTH) if year == LAST_YEAR else 12
        want = [m for m in (MONTHS if ind in MONTHLY else QUARTER_MONTHS) if m <= last]
        _require(list(g["month"]) == want, f"{unit} {ind} {year}: months {list(g['month'])}")
        _require(g["freq"].iloc[0] == ("M" if ind in MONTHLY else "Q"), f"{unit} {ind}: freq")
    _require(obs["year"].min() == FIRST_YEAR, "history must start in 2015")
    # City real growth = volume aggregate of the six units (published figures).
    worst = 0.0
    for ind in REAL:
        o = obs[obs["indicator"] == ind]
        v = o.pivot_table(index="period", columns="unit", values="value")
        g = o.pivot_table(index="period", columns="unit", values="growth")
        for period in v.index:
            y, q = int(period[:4]), period[4:]
            prev = f"{y - 1}{q}"
            if prev not in v.index:
                continue
            last = v.loc[prev, list(FIRST_LEVEL)]
            volume = (last * (1 + g.loc[period, list(FIRST_LEVEL)] / 100)).sum()
            agg = 100 * (volume / last.sum() - 1)
            worst = max(worst, abs(agg - g.loc[period, CITY]))
    _require(worst <= 0.15 + 1e-9, f"city real growth off the district aggregate by {worst:.3f}")
    # Towns add up to their county; the city's levels stay close to the sum of its units.
    for ind in PUBLISHED[TOWNS[0]]:
        o = obs[obs["indicator"] == ind].pivot_table(index="period", columns="unit", values="value")
        gap = (o[list(TOWNS)].sum(axis=1) - o[TOWN_COUNTY]).abs().max()
        _require(gap < 0.005, f"towns do not add up to {TOWN_COUNTY} for {ind} ({gap})")
    rel_max, n_diff = 0.0, 0
    for ind in IND_CODES:
        o = obs[obs["indicator"] == ind].pivot_table(index="period", columns="unit", values="value")
        rel = (o[CITY] / o[list(FIRST_LEVEL)].sum(axis=1) - 1).abs()
        rel_max = max(rel_max, float(rel.max()))
        n_diff += int((rel > 0.0005).sum())
    _require(rel_max <= 0.005 + 1e-4, f"city differs from the sum of its units by {rel_max:.4f}")
    _require(n_diff > 0, "the city's levels never differ from the sum of its units")
    # Nominal growth is the ratio of published levels (up to rounding), except investment in
    # its base-revision years; real growth is not (prices change).
    revised_years: set[int] = set()
    for ind in ("fai", "retail", "revenue", "exports", "jobs"):
        o = obs[obs["indicator"] == ind]
        v = o.pivot_table(index=["unit", "month"], columns="year", values="value")
        g = o.pivot_table(index=["unit", "month"], columns="year", values="growth")
        prev = v.shift(axis=1)
        ratio = 100 * (v / prev - 1)
        slack = LEVEL_SLACK
        bound = 0.05 + GROWTH_SLACK + 100 * ((v + slack) / (prev - slack) - v / prev)
        off = ((ratio - g).abs() > bound).stack()
        off = off[off]
        if ind == "fai":
            revised_years = {int(y) for y in off.index.get_level_values("year")}
            continue
        _require(off.empty, f"{ind} growth departs from the ratio of levels: {list(off.index)}")
    _require(len(revised_years) == 2, f"investment base revised in {sorted(revised_years)}")
    revised = len(revised_years)
    fy_gdp = obs[(obs["unit"] == CITY) & (obs["indicator"] == "gdp") & (obs["month"] == 12)]
    fy_gdp = fy_gdp.set_index("year")
    nominal_gdp = 100 * (fy_gdp["value"] / fy_gdp["value"].shift() - 1)
    price_gap = float((nominal_gdp - fy_gdp["growth"]).abs().mean())
    _require(price_gap > 0.5, "real GDP growth equals the ratio of current-price values")
    # Story and characters of 2026.
    q3 = obs[obs["period"].isin([f"{LAST_YEAR}Q3", f"{LAST_YEAR}-09"])]
    q3 = q3.set_index(["unit", "indicator"])["growth"]
    for ind in REAL:
        _require(q3[(LAGGING, ind)] <= q3[(CITY, ind)] - 1.5, f"{LAGGING} is not lagging on {ind}")
    tg = read_table(folder, "targets")
    tg26 = tg[(tg["unit"] == CITY) & (tg["year"] == str(LAST_YEAR)) & (tg["indicator"] == "gdp")]
    _require(q3[(CITY, "gdp")] < float(tg26["target_growth"].iloc[0]), "GDP is not below target")
    # Magnitudes in 2025.
    fy = obs[(obs["unit"] == CITY) & (obs["year"] == 2025) & (obs["month"] == 12)]
    fy = fy.set_index("indicator")["value"]
    bounds = {
        "iva": (0.3, 0.4),
        "fai": (0.4, 0.6),
        "retail": (0.35, 0.45),
        "revenue": (0.06, 0.08),
        "exports": (0.2, 0.3),
    }
    _require(4000 <= fy["gdp"] <= 6000, f"city GDP 2025 {fy['gdp']}")
    for ind, (lo, hi) in bounds.items():
        _require(lo <= fy[ind] / fy["gdp"] <= hi, f"{ind}/gdp = {fy[ind] / fy['gdp']:.3f}")
    _require(8 <= fy["jobs"] <= 12, f"jobs 2025 {fy['jobs']}")
    # Targets.
    for year in TARGETS:
        t = tg[tg["year"] == str(year)]
        for unit in (CITY, *FIRST_LEVEL, *PARKS):
            have = set(t.loc[t["unit"] == unit, "indicator"])
            _require(have == set(PUBLISHED[unit]), f"targets {year} {unit}: {sorted(have)}")
    jobs = tg[tg["indicator"] == "jobs"]
    _require(
        bool((jobs["target_growth"] == "").all() & (jobs["target_value"] != "").all()),
        "jobs targets must be levels",
    )
    fai = tg[tg["indicator"] == "fai"]
    _require(
        bool((fai["target_growth"] != "").all() & (fai["target_value"] != "").all()),
        "investment targets need growth and value",
    )
    # Projects.
    pj = read_table(folder, "projects")
    _require(45 <= len(pj) <= 60 and pj["project"].is_unique, "project count or codes")
    _require(set(pj["category"]) == set(CATEGORIES), "not every category is used")
    _require(set(pj["status"]) == set(STATUSES), "not every status is used")
    _require(set(pj["unit"]) == set(FIRST_LEVEL), "projects must cover the six units")
    total, done = pj["total_investment"].astype(float), pj["invested_to_date"].astype(float)
    _require(bool(((total >= 5) & (total <= 120)).all()), "total investment out of 5-120")
    _require(bool((done <= total + 1e-9).all()), "invested more than the total")
    start = pj["planned_start"].map(month_index)
    entry = pj["planned_entry"].map(month_index)
    uc = pj["status"] == "under_construction"
    _require(bool((start[uc] <= AS_OF).all()), "a project under construction starts later")
    later = pj["status"].isin(["signed", "land_pending", "approved"])
    _require(bool(start[later].between(AS_OF + 1, month_index("2027-06")).all()), "start dates")
    _require(bool((done[later] == 0).all()), "unstarted projects have invested")
    import example_city_plan as plan

    late = pj["project"].isin(list(plan.PENDING_REGISTRATIONS))
    _require(
        bool(((entry - start)[~late].between(0, 2)).all()), "entry must be start + 0..2 months"
    )
    pending = (start <= AS_OF) & (entry > AS_OF)
    ytd = pd.to_numeric(pj["ytd_before_entry"], errors="coerce")
    _require(
        bool(ytd[pending].notna().all() and ytd[~pending].isna().all()),
        "ytd_before_entry is given exactly for projects started but not registered",
    )
    for msg in plan.check_plan(folder, pj, AS_OF):
        _require(False, msg)
    prod = pj["planned_production"]
    soon = prod[prod != ""].map(month_index).between(AS_OF + 1, month_index("2027-12"))
    _require(8 <= int(soon.sum()) <= 12, f"{int(soon.sum())} projects start production soon")
    ind_rate = pj.loc[prod != "", "value_added_rate"].astype(float)
    _require(bool(ind_rate.between(0.2, 0.35).all()), "value-added rates out of 0.2-0.35")
    city_fai = obs[(obs["unit"] == CITY) & (obs["indicator"] == "fai") & (obs["year"] == 2025)]
    fai_m = city_fai.set_index("month")["value"]
    share = q4_planned(pj.to_dict("records")) / (fai_m[12] - fai_m[9])
    lo, hi = PROJECT_Q4_SHARE
    _require(lo <= share <= hi, f"register's Q4 investment is {share:.1%} of the city's Q4")
    # Enterprises.
    en = read_table(folder, "enterprises")
    _require(35 <= len(en) <= 45 and en["enterprise"].is_unique, "enterprise count or codes")
    _require(set(en["unit"]) == set(FIRST_LEVEL), "enterprises must cover the six units")
    return [
        check_industries(folder, released_month),
        f"observations: {len(obs)} rows, no duplicates, one frequency per series, flows never "
        "fall, monthly Feb-Dec (quarter ends included), all series end 2026Q3 / 2026-09",
        f"city real growth vs volume aggregate of its units: max gap {worst:.3f} pp",
        f"city level vs sum of units: max gap {100 * rel_max:.2f} % ({n_diff} rows differ)",
        f"towns add up to {TOWN_COUNTY}; nominal growth = ratio of levels except investment in "
        f"{revised} base-revision years {sorted(revised_years)}; real GDP vs nominal ratio: "
        f"mean gap {price_gap:.2f} pp",
        f"projects: {len(pj)}, Q4 2026 planned {share:.1%} of city Q4 2025 investment; "
        f"enterprises: {len(en)}",
    ]


def check_industries(folder: Path, released_month: int = RELEASED_MONTH) -> str:
    """The folder validates with no warning on its components, and every unit with GDP has
    11 industries and every source indicator through the last month."""
    from sprintmodel.data import validate_folder

    report, ds = validate_folder(folder)
    _require(ds is not None, f"the folder does not load: {report}")
    assert ds is not None
    comp = [p for p in report.problems if "component" in p.file or "industry" in p.file]
    _require(not comp, f"component problems: {comp[:3]}")
    rows = ds.component_observations
    _require(rows is not None and set(rows.unit) == set(GDP_UNITS), "industries per unit")
    assert rows is not None
    _require(bool((rows.groupby("unit").component.nunique() == 11).all()), "11 industries")
    last = ds.latest_period
    _require(set(ds.indicators) == set(IND_CODES), "source indicators are kind = source")
    src = ds.source_observations
    _require(src is not None, "no source indicators")
    assert src is not None
    for s in industries_mod.SOURCES:
        o = src[src.indicator == s.code]
        _require(set(o.unit) == set(GDP_UNITS), f"{s.code}: units")
        end = o.groupby("unit").period.max()
        # monthly source indicators run to --monthly-to like the other monthly series
        want = (
            f"{LAST_YEAR}-{released_month:02d}" if s.monthly else f"{LAST_YEAR}Q{LAST_MONTH // 3}"
        )
        _require(bool((end == want).all()), f"{s.code} ends at {set(end)}, not {want}")
    return (
        f"industries: {len(rows)} rows over {len(GDP_UNITS)} units, add up to GDP (validate: "
        f"no component warning); {len(industries_mod.SOURCES)} source indicators, the monthly ones to {LAST_YEAR}-{released_month:02d} (data to {last})"
    )


def summary(folder: Path) -> str:
    """Key numbers of the folder: 2025 GDP and January-September 2026 against target."""
    obs = _observations(folder)
    tg = read_table(folder, "targets")
    tg = tg[tg["year"] == str(LAST_YEAR)].set_index(["unit", "indicator"])
    lines = [f"{'unit':6} {'GDP2025':>8} " + " ".join(f"{i:>13}" for i in IND_CODES)]
    for unit in (CITY, *FIRST_LEVEL, *PARKS):
        o = obs[obs["unit"] == unit]
        gdp = o[(o["indicator"] == "gdp") & (o["period"] == "2025Q4")]["value"].iloc[0]
        cells = []
        for ind in IND_CODES:
            row = o[(o["indicator"] == ind) & o["period"].isin(["2026Q3", "2026-09"])]
            if row.empty:
                cells.append(f"{'':>13}")
                continue
            t = tg.loc[(unit, ind)]
            if ind == "jobs":
                cells.append(f"{row['value'].iloc[0]:>6.2f}/{float(t['target_value']):<6.1f}")
            else:
                cells.append(f"{row['growth'].iloc[0]:>6.1f}/{float(t['target_growth']):<6.1f}")
        lines.append(f"{unit:6} {gdp:8.1f} " + " ".join(cells))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: generate (default) or only check (``--check``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DEFAULT, help="folder to write")
    parser.add_argument(
        "--national",
        type=Path,
        default=NATIONAL_DEFAULT,
        help="national data folder (contract form) to calibrate on",
    )
    parser.add_argument("--check", action="store_true", help="only check the existing folder")
    parser.add_argument(
        "--monthly-to",
        type=int,
        default=RELEASED_MONTH,
        choices=range(LAST_MONTH, 13),
        help=f"last month of {LAST_YEAR} the monthly series reach (default {RELEASED_MONTH})",
    )
    args = parser.parse_args(argv)
    if not args.check:
        files = generate(args.national, args.monthly_to)
        again = generate(args.national, args.monthly_to)
        _require(files == again, "two generations differ: the output is not deterministic")
        args.out.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (args.out / name).write_text(text, encoding="utf-8", newline="")
        print(f"wrote {len(files)} files to {args.out}")
    try:
        for line in check_folder(args.out, args.monthly_to):
            print("ok:", line)
    except CheckError as err:
        print(f"CHECK FAILED: {err}", file=sys.stderr)
        return 1
    print(summary(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
