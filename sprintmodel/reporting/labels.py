"""Column headers and phrases in Chinese and English for tables, charts and briefings."""

from __future__ import annotations

HEADERS: dict[str, dict[str, str]] = {
    "unit": {"zh": "地区", "en": "Unit"},
    "indicator": {"zh": "指标", "en": "Indicator"},
    "period": {"zh": "期间", "en": "Period"},
    "ytd_value": {"zh": "累计值", "en": "Year to date"},
    "ytd_growth": {"zh": "累计增速(%)", "en": "YTD growth (%)"},
    "target_growth": {"zh": "目标增速(%)", "en": "Target growth (%)"},
    "target_value": {"zh": "目标值", "en": "Target level"},
    "rest_growth_required": {"zh": "剩余期间需增长(%)", "en": "Rest of year must grow (%)"},
    "amount_needed": {"zh": "尚需完成", "en": "Still needed"},
    "fy_value": {"zh": "全年预计", "en": "Full year (forecast)"},
    "fy_growth": {"zh": "全年预计增速(%)", "en": "Full-year growth (%)"},
    "gap_pp": {"zh": "与目标差距(百分点)", "en": "Gap to target (pp)"},
    "p_meet_target": {"zh": "完成目标概率", "en": "P(meet target)"},
}


def header(column: str, lang: str = "zh") -> str:
    """The display header of ``column`` in ``lang`` (the column name if none is known)."""
    return HEADERS.get(column, {}).get(lang, column)
