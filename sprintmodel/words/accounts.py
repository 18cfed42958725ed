"""Words of the accounts (``sprintmodel accounts``): column headers, sheet names, notes."""

from __future__ import annotations

from sprintmodel.words.headers import HEADERS

HEADERS.update(
    {
        "ytd_growth_published": {"zh": "公布累计增速(%)", "en": "Published YTD growth (%)"},
        "ytd_growth_built": {"zh": "分行业核算累计增速(%)", "en": "Built YTD growth (%)"},
        "shortfall_value": {
            "zh": "与目标差额(亿元,负为缺口)",
            "en": "Shortfall (100m yuan, negative = short)",
        },
        "shortfall_basis": {"zh": "差额口径", "en": "Shortfall basis"},
        "industry_name": {"zh": "行业名称", "en": "Industry name"},
        "source_indicator": {"zh": "主要推算指标", "en": "Main source indicator"},
        "source_indicator_name": {"zh": "推算指标名称", "en": "Source indicator name"},
        "q4_growth_required_alone": {
            "zh": "单靠该指标补缺口需四季度增速(%)",
            "en": "Q4 growth it alone would need (%)",
        },
        "above_record": {"zh": "高于历史最高", "en": "Above its record"},
    }
)

SHARE_HEADER = {"zh": "上年同期占比(%)", "en": "Share last year (%)"}
"""``share_pct`` of the industries' sheet (the global header is the targets' 占比)."""

ACCOUNTS_VALUES_ZH: dict[str, dict[str, str]] = {
    "shortfall_basis": {"fy": "全年预计", "ytd": "年初至今"},
}
"""Code-like values of the accounts' tables in Chinese."""

SHEETS: dict[str, dict[str, str]] = {
    "gdp": {"zh": "地区生产总值", "en": "GDP"},
    "industries": {"zh": "分行业", "en": "Industries"},
}
"""Sheet names of ``accounts.xlsx``."""

NOTES_ZH: dict[str, str] = {
    "title": "分行业核算说明",
    "built": "分行业核算累计增速：各行业不变价增速按上年同期现价增加值加权（地区生产总值统一核算）。",
    "fy": "全年预计增速与 sprintmodel forecast 的点预测相同；各行业全年增速为累计增速加同一调整量，"
    "使其加权合计等于全年预计增速（假设）。",
    "shortfall": "与目标差额按现价计算（上年全年增加值 × 价格指数 × (全年增速 − 目标增速)），"
    "负数为缺口；各行业差额合计等于地区差额。",
    "required": "单靠该指标补缺口需四季度增速：仅靠该行业主要推算指标补足地区全年缺口所需的四季度"
    "同比增速（弹性见 industry_sources.csv），基准为其年初至今增速（假设）。",
}
"""Notes sheet of ``accounts.xlsx`` in Chinese."""

NOTES_EN: dict[str, str] = {
    "title": "How the accounts are built",
    "built": "Built YTD growth: the industries' real growth weighted by last year's value added "
    "of the same span (regional GDP accounting).",
    "fy": "Full-year growth is the point forecast of `sprintmodel forecast`; each industry's "
    "full-year growth is its YTD growth plus one common amount so that they build it "
    "(assumption).",
    "shortfall": "Shortfall at current prices (last year's full-year value added × price ratio "
    "× (full-year growth − target)); negative = short; the industries' parts add up to the "
    "unit's.",
    "required": "Q4 growth the industry's main source indicator alone would need to close the "
    "unit's full-year gap (elasticities: industry_sources.csv), around a baseline of its YTD "
    "growth (assumption).",
}
"""Notes sheet of ``accounts.xlsx`` in English."""
