"""The example city's GDP by industry and the industries' source indicators (issue 16).

Called by ``scripts/generate_example_city.py`` after the city's published figures exist; nothing
here changes them (its own random generator, seeded from the city's seed). For every unit with
GDP (the city, its four districts and two county-level cities, the two parks):

- the 11 NBS industries' year-to-date value added at current prices [亿元] and real growth [%]
  per quarter (``components.csv``, ``component_observations.csv``): the values add up to the
  unit's published GDP exactly (0.01 亿元) and the growth weighted by last year's value of the
  same span is within 0.05 pp of the unit's published GDP growth (rounding of 11 growth rates to
  0.1 only). Industry (工业) follows the unit's 规上工业增加值 growth and 批发和零售业 its retail
  sales (deflated by an assumed 2% price rise), each with its elasticity from
  :data:`sprintmodel.accounts.sources.DEFAULT_ELASTICITIES`; the other industries get a
  persistent premium and yearly shocks (assumptions in :data:`PROFILE`, :data:`VOLATILITY`), and
  the flexible ones absorb what makes the total equal GDP's growth. The city's industries are
  the sums of its six first-level units' (scaled to its own GDP, as its GDP is), its growth
  their volume aggregate shifted to its own published growth.
- source indicators (:data:`SOURCES`), monthly except 建筑业总产值 (quarterly), generated from
  their industry's year-to-date real growth through the elasticity (in the last year also after
  the last published GDP quarter: the simulation's latent GDP drives the unpublished quarter's
  industries and so the sources' later months, e.g. October's):
  :math:`x = \\bar x + (g - \\bar g)/\\varepsilon + e`, with :math:`\\bar x` the indicator's
  assumed trend, :math:`g` the industry's growth and :math:`\\bar g` its mean, :math:`e` noise (per
  quarter, then per month); nominal indicators add
  an assumed price rise. ``industry_sources.csv`` says which indicator drives which industry.

Parameters are assumptions describing a fictional city; no real place is described.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sprintmodel.accounts.sources import DEFAULT_ELASTICITIES

FloatArray = NDArray[np.float64]

INDUSTRIES: tuple[tuple[str, str, str], ...] = (
    ("AR", "农林牧渔业", "Agriculture, forestry, animal husbandry and fishery"),
    ("ID", "工业", "Industry"),
    ("CO", "建筑业", "Construction"),
    ("WH", "批发和零售业", "Wholesale and retail trade"),
    ("TR", "交通运输仓储和邮政业", "Transport, storage and post"),
    ("AC", "住宿和餐饮业", "Accommodation and catering"),
    ("FI", "金融业", "Finance"),
    ("RE", "房地产业", "Real estate"),
    ("IN", "信息传输软件和信息技术服务业", "Information transmission, software and IT services"),
    ("LE", "租赁和商务服务业", "Leasing and business services"),
    ("OT", "其他服务业", "Other services"),
)
CODES = tuple(c for c, _, _ in INDUSTRIES)
NI = len(CODES)

# fmt: off
PROFILE: dict[str, tuple[float, ...]] = {
    # 2014 shares of GDP [%] in CODES order (assumption: a services core, an industrial
    # district, a new district, a lagging mixed one, two counties, two industrial parks)
    "CCQ": (0.5, 18, 5, 14, 5, 2.5, 14, 10, 9, 6, 16),
    "GQQ": (2, 48, 7, 8, 5, 1.2, 4, 5, 3, 3, 13.8),
    "YHQ": (1.5, 30, 8, 10, 4, 2, 8, 9, 8, 5, 14.5),
    "SLQ": (3, 38, 7, 9, 5, 1.5, 6, 6, 3, 3.5, 18),
    "QXS": (10, 36, 7, 9, 4, 1.8, 5, 6, 2, 2.2, 17),
    "AFS": (13, 33, 7, 8, 4, 1.8, 4.5, 5.5, 1.5, 2, 19.7),
    "GXQ": (0.5, 55, 6, 6, 3, 1, 4, 5, 10, 4, 5.5),
    "JKQ": (0.5, 60, 7, 7, 5, 1, 3, 5, 3, 3, 5.5),
}
PREMIUM = (-2.5, 0.0, -1.0, 0.0, -0.5, -1.0, 1.0, -2.0, 5.0, 1.5, 0.5)
"""Persistent real-growth premium over GDP [pp] per industry (assumption: services and IT grow
faster, agriculture and real estate slower; 工业 and 批零 follow their indicators instead)."""
VOLATILITY = (0.8, 0.0, 2.5, 0.0, 1.5, 3.0, 0.8, 3.0, 2.0, 1.5, 1.0)
"""Standard deviation of the yearly shock [pp] (assumption)."""
FLEX = (0.3, 0.0, 1.0, 0.0, 1.0, 0.5, 0.0, 1.0, 1.0, 1.0, 1.0)
"""Share of the adjustment to GDP's growth each industry takes (0: pinned to its indicator)."""
PRICE_DRIFT = (0.5, -1.0, 0.5, -0.5, 0.0, 1.0, 0.5, 1.0, -1.0, 0.5, 1.5)
"""Yearly price change relative to the GDP deflator [pp] (assumption)."""
AR_SEASON = (0.55, 0.75, 0.9, 1.0)
"""Agriculture's year-to-date share relative to the year's, by quarter (harvests in Q3-Q4)."""
# fmt: on
FI_TREND = 7.5
"""Finance's real growth [%] (assumption: banks' value added grows steadily, not with the
cycle; China's 金融业 grew 6-7% in 2020Q1 when GDP fell 6.8%). Finance is pinned to it plus
yearly noise of :data:`FI_NOISE`, so that its source (balances, elasticity 0.13) stays
plausible."""
FI_NOISE = 0.25
RETAIL_PRICE = 2.0
"""Retail prices' yearly rise used to deflate retail sales for 批发和零售业 [%] (assumption)."""


@dataclass(frozen=True)
class Source:
    """A source indicator of the example city (a row of indicators.csv and of industry_sources)."""

    code: str
    name_zh: str
    name_en: str
    measure: str
    industry: str
    monthly: bool
    trend: float
    """Typical single-period real growth [%] (assumption)."""
    price: float
    """Yearly price rise added to the real growth [%] (0 for volumes; assumption)."""
    level: float
    """2014 level relative to the industry's 2014 value added (stocks: to GDP) (assumption)."""
    stock: bool = False


# fmt: off
SOURCES: tuple[Source, ...] = (
    Source("construction_output", "建筑业总产值", "Gross output of construction", "亿元", "CO",
           False, 6.0, 2.0, 3.2),
    Source("wholesale_retail_sales", "限额以上批发和零售业销售额",
           "Sales of wholesale and retail trade above quota", "亿元", "WH", True, 7.0, 1.5, 6.0),
    Source("accommodation_catering_revenue", "限额以上住宿和餐饮业营业额",
           "Turnover of accommodation and catering above quota", "亿元", "AC", True, 6.0, 2.0,
           1.6),
    Source("freight_turnover", "货物周转量", "Freight turnover", "亿吨公里", "TR", True, 5.0, 0.0,
           3.4),
    Source("deposits_loans", "金融机构本外币存贷款余额", "Deposit and loan balances", "亿元",
           "FI", True, 9.0, 0.0, 3.6, stock=True),
    Source("housing_sales_area", "商品房销售面积", "Floor space of commercial housing sold",
           "万平方米", "RE", True, 0.0, 0.0, 2.2),
    Source("services_revenue_in", "规模以上信息传输、软件和信息技术服务业营业收入",
           "Revenue of IT services above scale", "亿元", "IN", True, 10.0, 1.0, 2.0),
    Source("services_revenue_le", "规模以上租赁和商务服务业营业收入",
           "Revenue of leasing and business services above scale", "亿元", "LE", True, 7.0,
           1.5, 1.8),
    Source("services_revenue_ot", "规模以上其他服务业营业收入",
           "Revenue of other services above scale", "亿元", "OT", True, 7.0, 2.0, 0.6),
)
# fmt: on

SOURCE_NOISE = 1.5
"""Standard deviation of the source's single-quarter growth around its elasticity line [pp]."""
MONTH_NOISE = 1.0
"""Standard deviation of a month's growth around its quarter's [pp]."""
MAX_STEP = 25.0
"""Cap on a source's single-period growth deviation from its trend [pp] (keeps a small
elasticity from turning a 2020 shock into an implausible swing; assumption)."""


def elasticity(industry: str, indicator: str) -> float:
    """The package default elasticity of a pair [pp/pp]."""
    return DEFAULT_ELASTICITIES[(industry, indicator)][0]


def industry_source_rows() -> list[list[str]]:
    """``industry_sources.csv`` rows: the example city's indicators per industry.

    ``fiscal_exp_eight`` and ``agri_output`` are not shipped, so 其他服务业's main source is its
    services revenue and 农林牧渔业 has none; retail sales (to 批发和零售业 and to 住宿和餐饮业,
    which its catering revenue feeds) and investment are auxiliary.
    """
    rows = []
    pairs = [("ID", "iva", "main")]
    pairs += [(s.industry, s.code, "main") for s in SOURCES]
    pairs += [("CO", "fai", "aux"), ("WH", "retail", "aux"), ("AC", "retail", "aux")]
    order = {c: k for k, c in enumerate(CODES)}
    for comp, code, role in sorted(pairs, key=lambda p: (order[p[0]], p[2] != "main")):
        e, se, src = DEFAULT_ELASTICITIES.get((comp, code), (np.nan, np.nan, ""))
        if comp == "OT" and code == "services_revenue_ot":
            e, se, src = DEFAULT_ELASTICITIES[("OT", code)]
        rows.append([comp, code, role, f"{e:g}", "" if np.isnan(se) else f"{se:g}", "", src])
    return rows


# ----------------------------------------------------------------------------- arrays
def largest_remainder(target: int, raw: FloatArray) -> NDArray[np.int64]:
    """Integers (cents) proportional to ``raw`` adding up to ``target`` exactly."""
    scaled = np.asarray(raw, dtype=float) * target / float(np.sum(raw))
    base = np.floor(scaled).astype(np.int64)
    short = int(target - base.sum())
    order = np.argsort(-(scaled - base), kind="stable")
    base[order[:short]] += 1
    return base


@dataclass
class Industries:
    """One unit's industries: value (cents) and growth (tenths), years × quarters × industries."""

    value: NDArray[np.int64]
    growth: NDArray[np.int64]


def _weights(prev: NDArray[np.int64]) -> FloatArray:
    return prev / prev.sum()


def unit_industries(
    gdp_v: NDArray[np.int64],
    gdp_g: NDArray[np.int64],
    profile: Sequence[float],
    pinned: dict[int, FloatArray],
    rng: np.random.Generator,
) -> Industries:
    """A first-level unit's or park's industries consistent with its published GDP.

    ``gdp_v`` (cents) and ``gdp_g`` (tenths) are years × quarters; ``pinned`` maps an industry
    position to its deviation from GDP's growth [pp], years × quarters (工业, 批零).
    """
    ny = gdp_v.shape[0]
    value = np.zeros((ny, 4, NI), dtype=np.int64)
    growth = np.zeros((ny, 4, NI), dtype=np.int64)
    shares = np.asarray(profile, dtype=float)
    for k in range(4):
        s = shares.copy()
        s[0] *= AR_SEASON[k]
        value[0, k] = largest_remainder(int(gdp_v[0, k]), s)
    premium = np.asarray(PREMIUM) + rng.normal(0, 0.7, NI)
    flex = np.asarray(FLEX)
    for i in range(1, ny):
        year_shock = rng.normal(0, 1, NI) * np.asarray(VOLATILITY)
        price = np.asarray(PRICE_DRIFT) + rng.normal(0, 0.5, NI)
        for k in range(4):
            big_g = gdp_g[i, k] / 10
            d = premium + year_shock + rng.normal(0, 0.3, NI) * np.asarray(VOLATILITY) / 2
            for j, dev in pinned.items():
                d[j] = dev[i, k] + rng.normal(0, 0.3)
            w = _weights(value[i - 1, k])
            mu = float(w @ d) / float(w @ flex)
            g = big_g + d - flex * mu
            growth[i, k] = np.rint(g * 10).astype(np.int64)
            raw = value[i - 1, k] * (1 + growth[i, k] / 1000) * (1 + price / 100)
            value[i, k] = largest_remainder(int(gdp_v[i, k]), raw)
    return Industries(value, growth)


def city_industries(
    gdp_v: NDArray[np.int64], gdp_g: NDArray[np.int64], members: Sequence[Industries]
) -> Industries:
    """The city's industries: its members' summed (scaled to its GDP), growth their volume
    aggregate shifted by one amount so that it builds the city's published GDP growth."""
    ny = gdp_v.shape[0]
    value = np.zeros((ny, 4, NI), dtype=np.int64)
    growth = np.zeros((ny, 4, NI), dtype=np.int64)
    total = np.sum([m.value for m in members], axis=0)
    for i in range(ny):
        for k in range(4):
            value[i, k] = largest_remainder(int(gdp_v[i, k]), total[i, k].astype(float))
            if i == 0:
                continue
            last = np.sum([m.value[i - 1, k] for m in members], axis=0).astype(float)
            vol = np.sum([m.value[i - 1, k] * (1 + m.growth[i, k] / 1000) for m in members], 0)
            agg = 100 * (vol / last - 1)
            w = _weights(value[i - 1, k])
            g = agg - (float(w @ agg) - gdp_g[i, k] / 10)
            growth[i, k] = np.rint(g * 10).astype(np.int64)
    return Industries(value, growth)


def source_series(
    src: Source,
    q: FloatArray,
    base_level: float,
    rng: np.random.Generator,
    mean_q: float,
) -> tuple[FloatArray, FloatArray]:
    """Year-to-date values and growth [%] of one source, years × steps (steps: months Feb-Dec
    with Jan+Feb together, or quarters). ``q``: the industry's real growth [%], years ×
    quarters × industries (year to date: the elasticity line applied to the year-to-date
    deviation, which the rounding of published growth disturbs less than single quarters');
    ``mean_q`` the industry's mean growth [%] :math:`\\bar g`."""
    ny = q.shape[0]
    j = CODES.index(src.industry)
    eps = elasticity(src.industry, src.code)
    qi = q[:, :, j]
    dev = np.clip((qi - mean_q) / eps, -MAX_STEP, MAX_STEP)
    x_q = src.trend + dev + rng.normal(0, SOURCE_NOISE, qi.shape)
    x_q = (1 + x_q / 100) * (1 + src.price / 100) * 100 - 100  # nominal
    # Quarters after the last published GDP quarter follow the industry's simulated (latent,
    # unpublished) growth like every earlier quarter: the months published after it (October's
    # figures) carry the same information on the quarter's GDP as in the earlier years.
    if src.monthly:
        n = 11
        quarter_of = np.array([(m - 1) // 3 for m in range(2, 13)])
        season = np.array([2.0] + [1.0] * 10)  # Jan+Feb together
        season[-1] = 1.15  # December rush
        x = x_q[:, quarter_of] + rng.normal(0, MONTH_NOISE, (ny, n))
    else:
        n = 4
        season = np.array([0.85, 1.0, 1.0, 1.15]) * 3
        x = x_q
    single = np.zeros((ny, n))
    if src.stock:
        single[0] = base_level * (1 + 0.008 * np.arange(1, n + 1))
    else:
        single[0] = base_level * season / season.sum()
    for i in range(1, ny):
        single[i] = single[i - 1] * (1 + np.nan_to_num(x[i]) / 100)
    ytd = single if src.stock else np.cumsum(single, axis=1)
    growth = np.full_like(ytd, np.nan)
    growth[1:] = 100 * (ytd[1:] / ytd[:-1] - 1)
    return ytd, growth


@dataclass
class Result:
    """What :func:`generate` adds to the folder."""

    industries: dict[str, Industries]
    sources: dict[str, dict[str, tuple[FloatArray, FloatArray]]]


def all_industries(
    units: Sequence[str],
    first_level: Sequence[str],
    city: str,
    gdp: Callable[[str], tuple[NDArray[np.int64], NDArray[np.int64]]],
    pins: Callable[[str], dict[str, FloatArray]],
    rng: np.random.Generator,
) -> dict[str, Industries]:
    """The industries of every unit in ``units`` (see :func:`generate`)."""
    out: dict[str, Industries] = {}
    for u in units:
        if u == city:
            continue
        v, g = gdp(u)
        pinned: dict[int, FloatArray] = {}
        for code, series in pins(u).items():
            j = CODES.index("ID" if code == "iva" else "WH")
            e = elasticity("ID", "iva") if code == "iva" else elasticity("WH", "retail")
            pinned[j] = e * (series - g / 10)
        fi = FI_TREND + rng.normal(0, FI_NOISE, (v.shape[0], 1)) + rng.normal(0, 0.1, v.shape)
        pinned[CODES.index("FI")] = fi - g / 10
        out[u] = unit_industries(v, g, PROFILE[u], pinned, rng)
    v, g = gdp(city)
    out[city] = city_industries(v, g, [out[u] for u in first_level])
    return out


def generate(
    units: Sequence[str],
    first_level: Sequence[str],
    city: str,
    gdp: Callable[[str], tuple[NDArray[np.int64], NDArray[np.int64]]],
    pins: Callable[[str], dict[str, FloatArray]],
    last_step: tuple[int, int],
    seed: int,
) -> Result:
    """Industries and sources of every unit in ``units`` (city last).

    ``gdp(unit)`` gives its GDP (cents, tenths; years × quarters) and ``pins(unit)`` the
    growth [%, years × quarters] of 工业's and 批零's indicators (``iva``, real ``retail``) where
    it has them, both including the last year's quarters after ``last_step`` (the last
    published (year index, quarter index) of GDP): the simulation's latent values, which drive
    the industries' unpublished quarters and so the sources' months published after the last
    GDP quarter (October's figures). Each source's mean :math:`\\bar g` is that of industries
    built with GDP held at ``last_step`` after it (the generator's earlier rule), so that every
    figure published before is unchanged.
    """
    out = all_industries(units, first_level, city, gdp, pins, np.random.default_rng([seed, 16]))

    def held(unit: str) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        v, g = gdp(unit)
        v, g = v.copy(), g.copy()
        v[last_step[0], last_step[1] + 1 :] = v[last_step[0], last_step[1]]
        g[last_step[0], last_step[1] + 1 :] = g[last_step[0], last_step[1]]
        return v, g

    rng = np.random.default_rng([seed, 16])
    centre = all_industries(units, first_level, city, held, pins, rng)
    sources: dict[str, dict[str, tuple[FloatArray, FloatArray]]] = {}
    for u in units:
        if u == city:
            continue
        q = out[u].growth / 10  # year-to-date growth: single quarters amplify rounding
        sources[u] = {}
        for s in SOURCES:
            j = CODES.index(s.industry)
            base = (
                s.level * out[u].value[0, 3].sum() / 100
                if s.stock
                else s.level * out[u].value[0, 3, j] / 100
            )
            mean_q = float(np.nanmean(centre[u].growth[1:, :, j] / 10))
            sources[u][s.code] = source_series(s, q, base, rng, mean_q)
    sources[city] = {}
    for s in SOURCES:
        ytd = np.sum([sources[u][s.code][0] for u in first_level], axis=0)
        growth = np.full_like(ytd, np.nan)
        growth[1:] = 100 * (ytd[1:] / ytd[:-1] - 1)
        sources[city][s.code] = (ytd, growth)
    return Result(out, sources)


def component_rows(
    res: Result,
    units: Sequence[str],
    periods: Sequence[tuple[int, int, str]],
    fmt_cents: Callable[[int], str],
    fmt_tenths: Callable[[int], str],
) -> list[list[str]]:
    """``component_observations.csv`` rows (unit, then industry, then period)."""
    rows = []
    for u in units:
        ind = res.industries[u]
        for j, code in enumerate(CODES):
            for i, k, label in periods:
                rows.append(
                    [
                        u,
                        "gdp",
                        code,
                        label,
                        fmt_cents(int(ind.value[i, k, j])),
                        fmt_tenths(int(ind.growth[i, k, j])),
                    ]
                )
    return rows


def source_observation_rows(
    res: Result,
    units: Sequence[str],
    periods: Callable[[bool], Sequence[tuple[int, int, str]]],
    fmt_cents: Callable[[int], str],
    fmt_tenths: Callable[[int], str],
) -> list[list[str]]:
    """Rows of the source indicators for observations.csv (values 0.01, growth 0.1)."""
    rows = []
    for u in units:
        for s in SOURCES:
            ytd, growth = res.sources[u][s.code]
            for i, j, label in periods(s.monthly):
                rows.append(
                    [
                        u,
                        s.code,
                        label,
                        fmt_cents(int(np.rint(ytd[i, j] * 100))),
                        fmt_tenths(int(np.rint(growth[i, j] * 10))),
                    ]
                )
    return rows


def indicator_rows() -> list[tuple[str, ...]]:
    """indicators.csv rows of the source indicators (``flow`` and ``kind`` columns last)."""
    return [
        (
            s.code,
            s.name_zh,
            s.name_en,
            s.measure,
            "nominal",
            "yes",
            "no" if s.stock else "",
            "source",
        )
        for s in SOURCES
    ]


def components_rows() -> list[list[str]]:
    """``components.csv`` rows."""
    return [["gdp", c, zh, en] for c, zh, en in INDUSTRIES]


def check(res: Result, gdp: Callable[[str], tuple[Any, Any]], last: tuple[int, int]) -> str:
    """Levels add up exactly and built growth is within 0.1 pp of GDP's; singles positive."""
    worst = 0.0
    for u, ind in res.industries.items():
        v, g = gdp(u)
        if not (ind.value.sum(axis=2) == v).all():
            raise AssertionError(f"{u}: industries do not add up to GDP")
        w = ind.value[:-1] / ind.value[:-1].sum(axis=2, keepdims=True)
        built = (w * ind.growth[1:] / 10).sum(axis=2)
        gap = np.abs(built - g[1:] / 10)
        gap[last[0] - 1 :, last[1] + 1 :] = 0.0  # unpublished quarters of the last year
        worst = max(worst, float(gap.max()))
        single = np.diff(ind.value, axis=1, prepend=0)
        if (single[: last[0]] <= 0).any():
            raise AssertionError(f"{u}: an industry's single-quarter value is not positive")
    if worst > 0.1:
        raise AssertionError(f"built growth {worst:.3f} pp from GDP's")
    return f"industries add up to GDP exactly; built growth within {worst:.3f} pp of GDP's"


README = """
## GDP by industry and the industries' source indicators (issue 16)

- `components.csv`, `component_observations.csv`: the 11 NBS industries as the components of
  GDP for the city, its six districts and counties and the two parks (units with GDP), year to
  date per quarter: value added at current prices [亿元] adding up to the unit's GDP exactly, and
  real growth [%] whose weighting by last year's value of the same span gives the unit's GDP
  growth within 0.05 pp (rounding). 工业 follows the unit's 规上工业增加值 and 批发和零售业 its
  retail sales through their elasticities; the city's industries are its six units' summed.
- Source indicators (推算指标) in `indicators.csv` / `observations.csv` for the same units:
  `construction_output` 建筑业总产值 (quarterly), `wholesale_retail_sales` 限额以上批发和零售业销售额,
  `accommodation_catering_revenue` 限额以上住宿和餐饮业营业额, `freight_turnover` 货物周转量,
  `deposits_loans` 金融机构本外币存贷款余额 (a balance: `flow` no), `housing_sales_area`
  商品房销售面积 and `services_revenue_in/_le/_ot` 规模以上服务业营业收入 (monthly), generated from
  their industry's growth through the elasticities of `industry_sources.csv` (the package's
  estimates, `benchmarks/bench_elasticities.py`), plus noise.
- `industry_sources.csv`: which indicator drives which industry (`main`/`aux`), its
  elasticity with standard error and where it comes from. 农林牧渔业 has no source indicator here.

Generated by `scripts/example_city_industries.py` with its own random stream: every other
series of the folder is unchanged by it.
"""
