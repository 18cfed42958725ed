"""Chart texts in Chinese and English (one place, so charts and widgets agree)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "history": {"zh": "历年全年增速", "en": "Full-year growth (actual)"},
    "forecast": {"zh": "全年预测", "en": "Full-year forecast"},
    "band80": {"zh": "80% 区间", "en": "80% interval"},
    "band95": {"zh": "95% 区间", "en": "95% interval"},
    "target": {"zh": "目标", "en": "Target"},
    "ytd": {"zh": "年初至今累计", "en": "Year to date"},
    "growth_pct": {"zh": "增速(%)", "en": "Growth (%)"},
    "year": {"zh": "年份", "en": "Year"},
    "baseline": {"zh": "基线预测", "en": "Baseline"},
    "scenario": {"zh": "情景结果", "en": "Scenario"},
    "project_timing": {"zh": "项目时序", "en": "Project timing"},
    "waterfall_y": {"zh": "全年增速均值(%)", "en": "Mean full-year growth (%)"},
    "gap_to_average_pp": {"zh": "与平均水平差距(百分点)", "en": "Gap to average (pp)"},
    "contribution_pct": {"zh": "贡献率(%)", "en": "Contribution (%)"},
    "pulling_pp": {"zh": "拉动(百分点)", "en": "Pulling (pp)"},
    "ytd_growth": {"zh": "累计增速(%)", "en": "YTD growth (%)"},
    "fy_growth": {"zh": "全年预计增速(%)", "en": "Full-year growth (%)"},
    "rank_growth": {"zh": "增速位次", "en": "Rank by growth"},
    "start": {"zh": "开工", "en": "Start"},
    "entry": {"zh": "入库", "en": "Statistical entry"},
    "production": {"zh": "投产", "en": "Production"},
    "finish": {"zh": "竣工", "en": "Finish"},
    "plan": {"zh": "原计划", "en": "Plan"},
    "as_of": {"zh": "数据截至", "en": "Data as of"},
    "rest_of_year": {"zh": "剩余月份", "en": "Rest of year"},
    "month": {"zh": "月份", "en": "Month"},
    "rest_growth": {"zh": "预测剩余期间增速", "en": "Forecast rest-of-year growth"},
    "rest_growth_required": {"zh": "完成目标需增速", "en": "Growth needed for target"},
    "q4_title": {"zh": "剩余期间:预测与所需增速(%)", "en": "Rest of year: forecast vs needed (%)"},
}


def text(key: str, lang: str = "zh") -> str:
    """The label ``key`` in ``lang`` (the key itself if unknown)."""
    return TEXT.get(key, {}).get(lang, key)
