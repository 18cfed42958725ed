"""Which source indicators (推算指标) drive each industry's value added: the mapping, as data.

Quarterly regional GDP is estimated industry by industry from related indicators (相关指标推算):
工业 from 规模以上工业增加值, 建筑业 from 建筑业总产值, and so on. :data:`SOURCE_INDICATORS` is
that mapping for the 11 NBS industries (the codes of ``data/china_national``), one
:class:`SourceIndicator` per industry × indicator, ``role="main"`` for the indicator that
:func:`~sprintmodel.accounts.shortfall.q4_source_growth_required` reports.

Default elasticities (:data:`DEFAULT_ELASTICITIES`) are the estimates of
``benchmarks/bench_elasticities.py`` on the national data (``all`` quarters up to 2022, OLS with
Newey–West standard errors; a stand-in series where the indicator itself is not in the national
data, see :attr:`SourceIndicator.national_is_proxy`); pairs without a national series carry an
assumed elasticity and say so. A data folder overrides them with ``industry_sources.csv``
(``docs/data_contract.md``; read by :mod:`sprintmodel.data.readers.industry_sources`):

======================  ===================================================================
column                  meaning
======================  ===================================================================
component               component code of GDP (``ID``, or a coarser split the folder declares)
source_indicator        indicator code in ``indicators.csv`` (e.g. ``iva``)
role                    ``main`` (exactly one per component) or ``aux`` (auxiliary)
elasticity              pp of the component's real value-added growth per pp of the
                        indicator's growth, same quarter [pp/pp]
elasticity_se           its standard error [pp/pp] (empty where assumed)
deflator                price index turning the indicator's nominal growth into volume growth
                        (a name, or empty where the indicator is a volume)
source                  where the elasticity comes from (an estimate's script, a bureau's
                        method note, or "assumption")
======================  ===================================================================

References
----------
NBS, 季度国内生产总值核算说明 and 《中国国民经济核算体系（2016）》: quarterly value added at
constant prices extrapolated per industry from volume indicators or deflated value indicators;
the pairs below follow the issue's list (issue 16, item 2), which follows common provincial
practice (地区生产总值统一核算). Which pairs the bureau uses in a given province is not
published in full; rows marked ``assumption`` in :attr:`SourceIndicator.note` are ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

Role = Literal["main", "auxiliary"]


@dataclass(frozen=True)
class SourceIndicator:
    """One industry × source indicator pair.

    Attributes
    ----------
    industry
        NBS industry code (``AR``, ``ID``, ``CO``, ``WH``, ``TR``, ``AC``, ``FI``, ``RE``, ``IN``,
        ``LE``, ``OT``; see ``data/china_national/SOURCES.md``).
    indicator
        Proposed indicator code in a data folder.
    name_zh
        The indicator's Chinese name as bureaus publish it.
    role
        ``"main"`` (one per industry: the one whose required Q4 growth is reported) or
        ``"auxiliary"``.
    basis
        ``"real"`` where the indicator is a volume or published at comparable prices,
        ``"nominal"`` where its growth must be deflated.
    deflator
        The price index for a nominal indicator (Chinese name), "" for real ones.
    national
        Series of the national data on which ``benchmarks/bench_elasticities.py`` estimates the
        elasticity ("" where none is available).
    national_is_proxy
        True where ``national`` is a stand-in for the indicator (the indicator itself is not in
        the national data).
    note
        Why this pair; "assumption" where it is ours.
    """

    industry: str
    indicator: str
    name_zh: str
    role: Role
    basis: Literal["real", "nominal"]
    deflator: str
    national: str
    national_is_proxy: bool
    note: str


# A table: one pair per line group, kept as written.
# fmt: off
SOURCE_INDICATORS: tuple[SourceIndicator, ...] = (
    SourceIndicator(
        "AR", "agri_output", "农林牧渔业总产值", "main", "real", "", "", False,
        "published quarterly at comparable prices; no monthly national series",
    ),
    SourceIndicator(
        "ID", "iva", "规模以上工业增加值", "main", "real", "", "iva", False,
        "above-scale industry's value added (real growth), monthly",
    ),
    SourceIndicator(
        "CO", "construction_output", "建筑业总产值", "main", "nominal",
        "建筑安装工程价格指数", "fai", True,
        "qualified construction enterprises' output; fixed-asset investment stands in nationally",
    ),
    SourceIndicator(
        "CO", "fai", "固定资产投资", "auxiliary", "nominal", "固定资产投资价格指数", "fai",
        False, "assumption: projects' investment feeds construction output",
    ),
    SourceIndicator(
        "WH", "wholesale_retail_sales", "限额以上批发和零售业销售额", "main", "nominal",
        "商品零售价格指数", "retail_real", True,
        "above-quota wholesale and retail sales; retail sales (deflated) stand in nationally",
    ),
    SourceIndicator(
        "WH", "retail", "社会消费品零售总额", "auxiliary", "nominal", "商品零售价格指数",
        "retail_real", False, "retail sales of consumer goods, monthly",
    ),
    SourceIndicator(
        "TR", "freight_turnover", "货物周转量", "main", "real", "", "iva", True,
        "tonne-kilometres (a volume); industrial production stands in nationally (assumption)",
    ),
    SourceIndicator(
        "TR", "passenger_turnover", "旅客周转量", "auxiliary", "real", "", "", False,
        "passenger-kilometres (a volume)",
    ),
    SourceIndicator(
        "AC", "accommodation_catering_revenue", "限额以上住宿和餐饮业营业额", "main",
        "nominal", "居民消费价格指数(服务)", "retail_real", True,
        "above-quota hotels' and restaurants' turnover; retail sales stand in nationally",
    ),
    SourceIndicator(
        "AC", "retail", "社会消费品零售总额", "auxiliary", "nominal", "商品零售价格指数",
        "retail_real", False,
        "retail sales include catering revenue (餐饮收入), so spending that lifts retail sales "
        "(consumption vouchers) reaches 住宿和餐饮业 as well as 批发和零售业",
    ),
    SourceIndicator(
        "FI", "deposits_loans", "金融机构本外币存贷款余额", "main", "nominal",
        "居民消费价格指数", "loans", False,
        "deposit and loan balances; nationally the loan balance's growth",
    ),
    SourceIndicator(
        "RE", "housing_sales_area", "商品房销售面积", "main", "real", "", "re_fai", True,
        "floor space sold (a volume); real-estate investment stands in nationally",
    ),
    SourceIndicator(
        "IN", "services_revenue_in", "规模以上信息传输、软件和信息技术服务业营业收入", "main",
        "nominal", "居民消费价格指数(服务)", "services", True,
        "above-scale services' revenue; the services production index stands in nationally",
    ),
    SourceIndicator(
        "LE", "services_revenue_le", "规模以上租赁和商务服务业营业收入", "main", "nominal",
        "居民消费价格指数(服务)", "services", True,
        "above-scale services' revenue; the services production index stands in nationally",
    ),
    SourceIndicator(
        "OT", "fiscal_exp_eight", "一般公共预算八项支出", "main", "nominal",
        "居民消费价格指数", "fiscal_exp", True,
        "public services' wages and spending; total budget expenditure stands in nationally",
    ),
    SourceIndicator(
        "OT", "services_revenue_ot", "规模以上其他服务业营业收入", "auxiliary", "nominal",
        "居民消费价格指数(服务)", "services", True,
        "above-scale other services' revenue; the services production index stands in",
    ),
)
# fmt: on
"""The proposed mapping for the 11 NBS industries (see the module docstring)."""


def main_source(industry: str) -> SourceIndicator:
    """The main source indicator of ``industry`` (raises KeyError for an unknown industry)."""
    for s in SOURCE_INDICATORS:
        if s.industry == industry and s.role == "main":
            return s
    raise KeyError(f"no main source indicator for industry {industry!r}")


ESTIMATE_SOURCE = (
    "benchmarks/bench_elasticities.py (China, single-quarter growth, all quarters to 2022, "
    "OLS, Newey-West SE)"
)

# fmt: off
DEFAULT_ELASTICITIES: dict[tuple[str, str], tuple[float, float, str]] = {
    ("AR", "agri_output"): (1.0, float("nan"),
                            "assumption: value added moves with gross output at comparable prices"),
    ("ID", "iva"): (0.845, 0.055, ESTIMATE_SOURCE),
    ("CO", "construction_output"): (0.513, 0.086, ESTIMATE_SOURCE + "; proxy fai"),
    ("CO", "fai"): (0.513, 0.086, ESTIMATE_SOURCE),
    ("WH", "wholesale_retail_sales"): (0.657, 0.062, ESTIMATE_SOURCE + "; proxy retail (real)"),
    ("WH", "retail"): (0.657, 0.062, ESTIMATE_SOURCE),
    ("TR", "freight_turnover"): (0.575, 0.124, ESTIMATE_SOURCE + "; proxy iva"),
    ("TR", "passenger_turnover"): (0.2, float("nan"),
                                   "assumption: passengers are a small part of transport"),
    ("AC", "accommodation_catering_revenue"): (0.889, 0.254,
                                               ESTIMATE_SOURCE + "; proxy retail (real)"),
    ("AC", "retail"): (0.889, 0.254, ESTIMATE_SOURCE),
    ("FI", "deposits_loans"): (0.13, 0.112, ESTIMATE_SOURCE + "; loans balance"),
    ("RE", "housing_sales_area"): (0.301, 0.069, ESTIMATE_SOURCE + "; proxy re_fai"),
    ("IN", "services_revenue_in"): (0.529, 0.267,
                                    ESTIMATE_SOURCE + "; proxy services production index"),
    ("LE", "services_revenue_le"): (0.556, 0.246,
                                    ESTIMATE_SOURCE + "; proxy services production index"),
    ("OT", "fiscal_exp_eight"): (0.169, 0.046, ESTIMATE_SOURCE + "; proxy fiscal_exp"),
    ("OT", "services_revenue_ot"): (0.351, 0.102,
                                    ESTIMATE_SOURCE + "; proxy services production index"),
}
# fmt: on
"""(industry, indicator) → (elasticity [pp/pp], standard error [pp/pp] or NaN, source)."""

SOURCE_COLUMNS = [
    "component",
    "source_indicator",
    "role",
    "elasticity",
    "elasticity_se",
    "deflator",
    "source",
]
"""Columns of ``industry_sources.csv`` and of ``DataSet.industry_sources``."""


def default_industry_sources(components: list[str] | None = None) -> pd.DataFrame:
    """The package's mapping as a frame of :data:`SOURCE_COLUMNS` (role ``main``/``aux``).

    Parameters
    ----------
    components
        Keep only these component codes (default: all 11 NBS industries).
    """
    rows = [
        {
            "component": s.industry,
            "source_indicator": s.indicator,
            "role": "main" if s.role == "main" else "aux",
            "elasticity": DEFAULT_ELASTICITIES[(s.industry, s.indicator)][0],
            "elasticity_se": DEFAULT_ELASTICITIES[(s.industry, s.indicator)][1],
            "deflator": s.deflator,
            "source": DEFAULT_ELASTICITIES[(s.industry, s.indicator)][2],
        }
        for s in SOURCE_INDICATORS
        if components is None or s.industry in components
    ]
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)
