"""Chart texts in Chinese and English: legends and titles of their own; columns' words from
:mod:`sprintmodel.words.headers` (so charts, widgets and tables agree)."""

from __future__ import annotations

from sprintmodel.words.headers import header

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
    "entrants": {"zh": "升规入统、限上入库", "en": "Units entering the statistics"},
    "waterfall_y": {"zh": "全年增速均值(%)", "en": "Mean full-year growth (%)"},
    "increment": {"zh": "增量(各指标计量单位)", "en": "Increment (indicator's measure)"},
    "start": {"zh": "开工", "en": "Start"},
    "entry": {"zh": "入库", "en": "Statistical entry"},
    "production": {"zh": "投产", "en": "Production"},
    "finish": {"zh": "竣工", "en": "Finish"},
    "schedule_plan": {"zh": "原计划", "en": "Plan"},
    "as_of": {"zh": "数据截至", "en": "Data as of"},
    "rest_of_year": {"zh": "剩余月份", "en": "Rest of year"},
    "month": {"zh": "月份", "en": "Month"},
    "rest_growth": {"zh": "预测剩余期间增速", "en": "Forecast rest-of-year growth"},
    "q4_title": {"zh": "剩余期间:预测与所需增速(%)", "en": "Rest of year: forecast vs needed (%)"},
    # next year's targets
    "chosen": {"zh": "选定目标", "en": "Chosen target"},
    "options_title": {"zh": "目标越高,把握越小", "en": "The higher the target, the lower the odds"},
    "allocated": {"zh": "分解目标", "en": "Allocated target"},
    "bounds": {"zh": "上下限", "en": "Bounds"},
    "city_target": {"zh": "全市目标", "en": "City target"},
    "allocation_title": {"zh": "目标分解", "en": "Allocation"},
    "progress_pct": {"zh": "进度(%)", "en": "Progress (%)"},
    "half": {"zh": "过半", "en": "Half"},
    "growth_word": {"zh": "累计增长", "en": "growth"},
    "double_half_yes": {"zh": "上半年双过半", "en": "双过半 at mid-year"},
    "double_half_no": {
        "zh": "上半年未双过半:需增长 {g:.1f}%",
        "en": "No 双过半 at mid-year: H1 needs {g:.1f}%",
    },
    "milestones_title": {"zh": "时序进度", "en": "Milestones (time progress)"},
    # sprint package
    "low_end": {"zh": "假设取低值", "en": "Assumption low"},
    "high_end": {"zh": "假设取高值", "en": "Assumption high"},
    "central": {"zh": "中心情形", "en": "Central"},
    "tornado_title": {"zh": "哪些假设最影响结果", "en": "Which assumptions matter most"},
    "package": {"zh": "组合方案", "en": "Package"},
    "reaches": {"zh": "可达到", "en": "reaches it"},
    "at_cap": {"zh": "已到上限", "en": "at its cap"},
    "target_probability": {"zh": "要求概率", "en": "Required probability"},
    "baseline_probability": {"zh": "不加力", "en": "No action"},
    "comparison_title": {
        "zh": "单项政策与组合方案:完成目标概率",
        "en": "Single levers and the package: P(meet target)",
    },
}


def text(key: str, lang: str = "zh") -> str:
    """The label ``key`` in ``lang``: a chart's own words, else the column's header
    (:data:`sprintmodel.words.headers.HEADERS`), else the key itself.

    Words a table also shows (growth, gap, contribution, P(meet target), 时序进度...) are
    not repeated here: charts take the tables' headers, so readers see one word.
    """
    if key in TEXT:
        return TEXT[key].get(lang, key)
    return header(key, lang)
