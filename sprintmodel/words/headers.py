"""Column headers in Chinese and English: one word per column for every table, chart and briefing."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from sprintmodel.data import DataSet

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
    "completion_pct": {"zh": "完成年度目标(%)", "en": "Share of annual target done (%)"},
    "time_progress_pct": {"zh": "时序进度(%)", "en": "Share of year gone (%)"},
    "fy_completion_pct": {"zh": "全年预计完成目标(%)", "en": "Projected share of target (%)"},
    "fy_value": {"zh": "全年预计", "en": "Full year (projected)"},
    "fy_growth": {"zh": "全年预计增速(%)", "en": "Full-year growth (%)"},
    "gap_pp": {"zh": "与目标差距(百分点)", "en": "Gap to target (pp)"},
    "p_meet_target": {"zh": "完成目标概率", "en": "P(meet target)"},
}


PROJECT_STATUS: dict[str, dict[str, str]] = {
    "signed": {"zh": "已签约", "en": "signed"},
    "land_pending": {"zh": "待供地", "en": "land pending"},
    "approved": {"zh": "已审批", "en": "approved"},
    "under_construction": {"zh": "在建", "en": "under construction"},
    "producing": {"zh": "已投产", "en": "producing"},
}
"""The project statuses of the data contract in words."""

COST_KIND: dict[str, dict[str, str]] = {
    "budget": {"zh": "财政资金", "en": "budget"},
    "debt_quota": {"zh": "债务额度", "en": "debt quota"},
    "credit": {"zh": "信贷资金", "en": "credit"},
}
"""The kinds of a lever's cost in words."""


LIVELIHOOD_STATE: dict[str, dict[str, str]] = {
    "done": {"zh": "已完成", "en": "done"},
    "behind": {"zh": "滞后", "en": "behind"},
    "on_schedule": {"zh": "正常", "en": "on schedule"},
    "not_due": {"zh": "未到开始时间", "en": "not due"},
    "no_report": {"zh": "未报进度", "en": "no report"},
}
"""The states of a 为民办实事 task (:func:`sprintmodel.livelihood.livelihood_progress`) in words."""

PROBLEM_STATUS: dict[str, dict[str, str]] = {
    "open": {"zh": "未解决", "en": "open"},
    "in_progress": {"zh": "推进中", "en": "in progress"},
    "solved": {"zh": "已解决", "en": "solved"},
}
"""The statuses of an enterprise problem (``enterprise_problems.csv``) in words."""

LEAGUE_VALUES_ZH: dict[str, dict[str, str]] = {
    "peer_group": {"rollup": "纳入汇总", "overlap": "园区"},
    "contribution_ranked_by": {"contribution": "贡献率", "pulling": "拉动"},
    "contribution_basis": {"members": "下级增量合计", "whole": "上级增量"},
    "measure": {"growth": "增速", "increment": "增量", "contribution": "贡献"},
    "value_column": {
        "ytd_growth": "累计增速",
        "fy_growth": "全年增速",
        "increment": "增量",
        "contribution_pct": "贡献率",
        "pulling_pp": "拉动",
    },
    "role": {"lift": "拉升", "drag": "拖累", "flat": "持平"},
    "state": {k: v["zh"] for k, v in LIVELIHOOD_STATE.items()},
    "status": {k: v["zh"] for k, v in PROBLEM_STATUS.items()},
    "period_kind": {"month": "月", "quarter": "季"},
    "verdict_for_average": {
        "usual": "常规",
        "demanding": "较难",
        "exceptional": "很难",
        "unprecedented": "历史未有",
    },
    "verdict_for_target": {
        "usual": "常规",
        "demanding": "较难",
        "exceptional": "很难",
        "unprecedented": "历史未有",
    },
}
"""League tables' code-like values (peer groups, verdicts, roles...) in Chinese."""

CHAMPION_ZH = {"growth": "增速", "increment": "增量", "contribution": "贡献"}
"""The measures a unit can be single-item champion on, in Chinese."""


def champion_text(text: str, lang: str) -> str:
    """A league row's champion codes (``growth,increment``) as shown: ``★ 增速、增量``."""
    if not text:
        return ""
    if lang != "zh":
        return "★ " + text.replace(",", ", ")
    return "★ " + "、".join(CHAMPION_ZH.get(t, t) for t in text.split(","))


def header(column: str, lang: str = "zh") -> str:
    """The display header of ``column`` in ``lang`` (the column name if none is known)."""
    return HEADERS.get(column, {}).get(lang, column)


def insert_names(frame: pd.DataFrame, dataset: DataSet, lang: str) -> pd.DataFrame:
    """A copy of ``frame`` with unit and indicator names in ``lang`` inserted after their codes.

    ``unit_name`` follows ``unit`` and ``indicator_name`` follows ``indicator`` where the frame
    has the code column but not yet the name; a code unknown to ``dataset`` stands for its name.
    """
    out = frame.copy()
    if "unit" in out.columns and "unit_name" not in out.columns:
        names = [dataset.units[u].label(lang) if u in dataset.units else u for u in out["unit"]]
        out.insert(out.columns.get_loc("unit") + 1, "unit_name", names)
    if "indicator" in out.columns and "indicator_name" not in out.columns:
        names = [
            dataset.indicators[c].label(lang) if c in dataset.indicators else c
            for c in out["indicator"]
        ]
        out.insert(out.columns.get_loc("indicator") + 1, "indicator_name", names)
    return out


def translate_values(
    frame: pd.DataFrame, values: Mapping[str, Mapping[str, str]], lang: str
) -> pd.DataFrame:
    """``frame`` with code-like values in words for ``lang="zh"`` (other languages: unchanged).

    ``values`` maps a column to its codes' Chinese words; text not among the codes, and cells
    that are not text, are kept.
    """
    if lang != "zh":
        return frame
    out = frame.copy()
    for column, mapping in values.items():
        if column in out.columns:
            out[column] = out[column].map(
                lambda v, m=mapping: m.get(v, v) if isinstance(v, str) else v
            )
    return out


# League tables, rank odds, lagging units, time progress, key enterprises (sprintmodel.league).
HEADERS.update(
    {
        "unit_name": {"zh": "地区名称", "en": "Unit name"},
        "indicator_name": {"zh": "指标名称", "en": "Indicator name"},
        "parent": {"zh": "上级", "en": "Parent"},
        "peer_group": {"zh": "比较组", "en": "Peer group"},
        "value": {"zh": "数值", "en": "Value"},
        "growth": {"zh": "增速(%)", "en": "Growth (%)"},
        "base": {"zh": "上年同期基数", "en": "Base (last year)"},
        "increment": {"zh": "增量", "en": "Increment"},
        "contribution_pct": {"zh": "贡献率(%)", "en": "Contribution (%)"},
        "pulling_pp": {"zh": "拉动(百分点)", "en": "Pulling (pp)"},
        "rank_growth": {"zh": "增速位次", "en": "Rank: growth"},
        "rank_increment": {"zh": "增量位次", "en": "Rank: increment"},
        "rank_contribution": {"zh": "贡献位次", "en": "Rank: contribution"},
        "n_peers": {"zh": "参比单位数", "en": "Peers"},
        "average_growth": {"zh": "平均水平(上级增速,%)", "en": "Average (parent) growth (%)"},
        "mean_growth": {"zh": "简单平均增速(%)", "en": "Simple mean growth (%)"},
        "gap_to_average_pp": {"zh": "与平均水平差距(百分点)", "en": "Gap to average (pp)"},
        "below_average": {"zh": "低于平均", "en": "Below average"},
        "champion": {"zh": "单项冠军", "en": "Champion"},
        "contribution_ranked_by": {"zh": "贡献排序依据", "en": "Contribution ranked by"},
        "contribution_basis": {"zh": "贡献率分母", "en": "Contribution denominator"},
        "note": {"zh": "备注", "en": "Note"},
        "parent_increment": {"zh": "上级增量", "en": "Parent increment"},
        "children_increment": {"zh": "下级增量合计", "en": "Sum of children's increments"},
        "unallocated": {"zh": "未分配增量", "en": "Unallocated"},
        "unallocated_pct": {"zh": "未分配占比(%)", "en": "Unallocated (%)"},
        "n_children": {"zh": "下级单位数", "en": "Children"},
        "n_missing": {"zh": "缺数单位数", "en": "Missing"},
        "measure": {"zh": "比较维度", "en": "Measure"},
        "rank_now": {"zh": "当前位次", "en": "Rank now"},
        "expected_rank": {"zh": "预期位次", "en": "Expected rank"},
        "median_rank": {"zh": "位次中位数", "en": "Median rank"},
        "p_first": {"zh": "居首概率", "en": "P(first)"},
        "p_top": {"zh": "进入前列概率", "en": "P(top)"},
        "p_keep_rank": {"zh": "保持位次概率", "en": "P(keep rank)"},
        "below_average_now": {"zh": "当前低于平均", "en": "Below average now"},
        "p_above_average": {"zh": "高于平均概率", "en": "P(above average)"},
        "short_of_target": {"zh": "未达目标进度", "en": "Short of target"},
        "rest_growth_for_average": {
            "zh": "达平均需剩余期增长(%)",
            "en": "Rest of year must grow to reach average (%)",
        },
        "amount_for_average": {"zh": "达平均尚需完成", "en": "Still needed for average"},
        "percentile_for_average": {
            "zh": "达平均所需增速历史分位(%)",
            "en": "Percentile in history (average)",
        },
        "verdict_for_average": {"zh": "达平均难度", "en": "Verdict (average)"},
        "rest_growth_for_target": {
            "zh": "达目标需剩余期增长(%)",
            "en": "Rest of year must grow to reach target (%)",
        },
        "amount_for_target": {"zh": "达目标尚需完成", "en": "Still needed for target"},
        "percentile_for_target": {
            "zh": "达目标所需增速历史分位(%)",
            "en": "Percentile in history (target)",
        },
        "verdict_for_target": {"zh": "达目标难度", "en": "Verdict (target)"},
        "history_median": {"zh": "历史同期增速中位数(%)", "en": "Past median of the span (%)"},
        "history_max": {"zh": "历史同期最高增速(%)", "en": "Past best of the span (%)"},
        "n_history": {"zh": "历史年数", "en": "Years of history"},
        "projected_rest_growth": {"zh": "预计剩余期增速(%)", "en": "Projected rest of year (%)"},
        "p_reach_average": {"zh": "达到平均概率", "en": "P(reach average)"},
        "p_reach_target": {"zh": "完成目标概率", "en": "P(reach target)"},
        "target_level": {"zh": "目标总量", "en": "Target level"},
        "ytd_level": {"zh": "累计完成", "en": "Done to date"},
        "completion_pct": {"zh": "完成率(%)", "en": "Completion (%)"},
        "elapsed_pct": {"zh": "时序进度(%)", "en": "Share of year gone (%)"},
        "points_ahead": {"zh": "快于时序(百分点)", "en": "Ahead of schedule (pp)"},
        "last_year_pace_pct": {"zh": "上年同期进度(%)", "en": "Last year's pace (%)"},
        "ahead_of_last_year_pp": {"zh": "快于上年进度(百分点)", "en": "Ahead of last year (pp)"},
        "still_needed": {"zh": "尚需完成", "en": "Still needed"},
        "needed_per_period": {"zh": "剩余每期需完成", "en": "Needed per remaining period"},
        "periods_left": {"zh": "剩余期数", "en": "Periods left"},
        "period_kind": {"zh": "期别", "en": "Period kind"},
        "behind_schedule": {"zh": "滞后时序", "en": "Behind schedule"},
        "project": {"zh": "项目编号", "en": "Project"},
        "name": {"zh": "名称", "en": "Name"},
        "park": {"zh": "园区", "en": "Park"},
        "category": {"zh": "类别", "en": "Category"},
        "status": {"zh": "状态", "en": "Status"},
        "plan": {"zh": "年度计划投资", "en": "Annual plan"},
        "invested_this_year": {"zh": "本年完成投资", "en": "Invested this year"},
        "invested_basis": {"zh": "本年投资口径", "en": "How this year's investment is known"},
        "needed_per_month": {"zh": "剩余每月需完成", "en": "Needed per remaining month"},
        "months_left": {"zh": "剩余月数", "en": "Months left"},
        "n_projects": {"zh": "项目数", "en": "Projects"},
        "n_behind": {"zh": "滞后项目数", "en": "Projects behind"},
        "enterprise": {"zh": "企业编号", "en": "Enterprise"},
        "industry": {"zh": "行业", "en": "Industry"},
        "ytd_output": {"zh": "本年累计产值", "en": "Output to date"},
        "ytd_output_last_year": {"zh": "上年同期产值", "en": "Output, same span last year"},
        "role": {"zh": "作用", "en": "Role"},
        "rank_lift": {"zh": "拉升位次", "en": "Rank: lift"},
        "rank_drag": {"zh": "拖累位次", "en": "Rank: drag"},
        "unit_register_growth": {"zh": "重点企业产值增速(%)", "en": "Register growth (%)"},
        "unit_growth_without": {"zh": "剔除该企业后增速(%)", "en": "Growth without it (%)"},
        "unit_indicator_growth": {"zh": "地区工业增速(%)", "en": "Unit's published growth (%)"},
        "n_enterprises": {"zh": "企业数", "en": "Enterprises"},
        "value_column": {"zh": "领先指标", "en": "Led on"},
        "champion_count": {"zh": "单项冠军数", "en": "Champion count"},
        "fy_rank_growth": {"zh": "全年预计增速位次", "en": "Projected rank: growth"},
        "fy_rank_increment": {"zh": "全年预计增量位次", "en": "Projected rank: increment"},
        "fy_rank_contribution": {"zh": "全年预计贡献位次", "en": "Projected rank: contribution"},
        "fy_contribution_pct": {"zh": "全年预计贡献率(%)", "en": "Projected contribution (%)"},
        "fy_below_average": {"zh": "全年预计低于平均", "en": "Projected below average"},
        "fy_increment": {"zh": "全年预计增量", "en": "Projected increment"},
        "p_top_growth": {"zh": "增速进入前列概率", "en": "P(top by growth)"},
        "p_first_growth": {"zh": "增速居首概率", "en": "P(first by growth)"},
        "p_keep_rank_growth": {"zh": "保持增速位次概率", "en": "P(keep growth rank)"},
        "expected_rank_growth": {"zh": "预期增速位次", "en": "Expected growth rank"},
    }
)

# Rank odds in wide form (RankOdds.wide): one column per measure.
HEADERS.update(
    {
        "rank_now_growth": {"zh": "当前增速位次", "en": "Growth rank now"},
        "median_rank_growth": {"zh": "增速位次中位数", "en": "Median growth rank"},
        "rank_now_increment": {"zh": "当前增量位次", "en": "Increment rank now"},
        "expected_rank_increment": {"zh": "预期增量位次", "en": "Expected increment rank"},
        "median_rank_increment": {"zh": "增量位次中位数", "en": "Median increment rank"},
        "p_first_increment": {"zh": "增量居首概率", "en": "P(first by increment)"},
        "p_top_increment": {"zh": "增量进入前列概率", "en": "P(top by increment)"},
        "p_keep_rank_increment": {"zh": "保持增量位次概率", "en": "P(keep increment rank)"},
    }
)

# Next year's targets (sprintmodel.targets): options, tiers, allocation, milestones, investment plan.
HEADERS.update(
    {
        "option": {"zh": "方案", "en": "Option"},
        "probability": {"zh": "实现概率", "en": "P(meet)"},
        "tier": {"zh": "档次", "en": "Tier"},
        "p_design": {"zh": "设计概率", "en": "Design probability"},
        "quantile_growth": {"zh": "分位数增速(%)", "en": "Quantile growth (%)"},
        "q1_growth": {"zh": "一季度需增长(%)", "en": "Q1 growth on track (%)"},
        "this_year_value": {"zh": "今年预计总量", "en": "This year (projected)"},
        "this_year_growth": {"zh": "今年预计增速(%)", "en": "This year's growth (%)"},
        "measure_unit": {"zh": "计量单位", "en": "Measure"},
        "floor_growth": {"zh": "保底增速(%)", "en": "Floor (%)"},
        "p_floor": {"zh": "保底实现概率", "en": "P(floor)"},
        "strive_growth": {"zh": "力争增速(%)", "en": "Strive (%)"},
        "p_strive": {"zh": "力争实现概率", "en": "P(strive)"},
        "aspire_growth": {"zh": "奋斗增速(%)", "en": "Aspire (%)"},
        "p_aspire": {"zh": "奋斗实现概率", "en": "P(aspire)"},
        "q1_growth_strive": {"zh": "力争目标一季度需增长(%)", "en": "Q1 growth for strive (%)"},
        "province_growth": {"zh": "全省目标增速(%)", "en": "Province's target (%)"},
        "p_province": {"zh": "达到全省目标概率", "en": "P(province's)"},
        "this_year_target_growth": {"zh": "今年目标增速(%)", "en": "This year's target (%)"},
        "p_this_year": {"zh": "达到今年目标概率", "en": "P(this year's target)"},
        "floor_value": {"zh": "保底目标值", "en": "Floor (level)"},
        "strive_value": {"zh": "力争目标值", "en": "Strive (level)"},
        "aspire_value": {"zh": "奋斗目标值", "en": "Aspire (level)"},
        "level": {"zh": "层级", "en": "Level"},
        "reference_growth": {"zh": "参考增速(%)", "en": "Reference growth (%)"},
        "shift_pp": {"zh": "调整幅度(百分点)", "en": "Shift (pp)"},
        "lower": {"zh": "增速下限(%)", "en": "Lower bound (%)"},
        "upper": {"zh": "增速上限(%)", "en": "Upper bound (%)"},
        "binding": {"zh": "约束状态", "en": "Binding"},
        "bound_multiplier": {"zh": "约束乘子", "en": "Bound multiplier"},
        "in_sum": {"zh": "计入合计", "en": "In the sum"},
        "constraint": {"zh": "约束", "en": "Constraint"},
        "multiplier": {"zh": "乘子", "en": "Multiplier"},
        "this_year_ytd": {"zh": "今年同期累计", "en": "This year, same period"},
        "double_half_rule": {"zh": "双过半口径", "en": "双过半 rule"},
        "h1_share_pct": {"zh": "上半年占全年比重(%)", "en": "H1 share of the year (%)"},
        "h1_value_on_path": {"zh": "上半年按进度应完成", "en": "H1 on track"},
        "h1_growth_on_path": {"zh": "上半年按进度增速(%)", "en": "H1 growth on track (%)"},
        "double_half_on_path": {"zh": "按进度实现双过半", "en": "双过半 on track"},
        "h1_value_for_double_half": {"zh": "双过半需完成", "en": "H1 needed for 双过半"},
        "h1_growth_for_double_half": {"zh": "双过半需增长(%)", "en": "H1 growth for 双过半 (%)"},
        "extra_pp": {"zh": "需快于进度(百分点)", "en": "Above the path (pp)"},
        "total_investment": {"zh": "总投资", "en": "Total investment"},
        "invested_to_date": {"zh": "累计完成投资", "en": "Invested to date"},
        "remaining": {"zh": "剩余投资", "en": "Remaining"},
        "planned_start": {"zh": "计划开工", "en": "Planned start"},
        "planned_finish": {"zh": "计划竣工", "en": "Planned finish"},
        "planned_production": {"zh": "计划投产", "en": "Planned production"},
        "this_year_investment": {"zh": "今年预计完成投资", "en": "This year (projected)"},
        "plan_next_year": {"zh": "明年计划投资", "en": "Plan next year"},
        "plan_source": {"zh": "计划来源", "en": "Plan from"},
        "expected_next_year": {"zh": "明年预计投资(含延误)", "en": "Expected next year (delays)"},
        "va_next_year": {"zh": "明年增加值", "en": "Value added next year"},
        "slip_loss": {"zh": "推迟一季度减少投资", "en": "Lost to a slip"},
        "slip_loss_pct": {"zh": "推迟减少比例(%)", "en": "Lost to a slip (%)"},
        "fai_pp_at_risk": {"zh": "影响投资增速(百分点)", "en": "Investment growth at risk (pp)"},
        "gdp_pp_at_risk": {"zh": "影响GDP增速(百分点)", "en": "GDP growth at risk (pp)"},
        "risk_rank": {"zh": "风险位次", "en": "Risk rank"},
        "at_risk": {"zh": "重点风险项目", "en": "At risk"},
        "share_pct": {"zh": "占比(%)", "en": "Share (%)"},
        "n_at_risk": {"zh": "风险项目数", "en": "Projects at risk"},
        "trend_growth": {"zh": "趋势增速(%)", "en": "Trend growth (%)"},
        "trend_se": {"zh": "趋势标准误(百分点)", "en": "Trend s.e. (pp)"},
        "trend_method": {"zh": "趋势方法", "en": "Trend method"},
        "carry_over_pp": {"zh": "翘尾影响(百分点)", "en": "Carry-over (pp)"},
        "project_share_pct": {"zh": "项目占比(%)", "en": "Register share (%)"},
        "projects_pp": {"zh": "项目拉动(百分点)", "en": "Projects (pp)"},
        "next_growth_p10": {"zh": "明年增速10%分位(%)", "en": "Next year p10 (%)"},
        "next_growth_p50": {"zh": "明年增速中位数(%)", "en": "Next year median (%)"},
        "next_growth_p90": {"zh": "明年增速90%分位(%)", "en": "Next year p90 (%)"},
        "next_growth_mean": {"zh": "明年增速均值(%)", "en": "Next year mean (%)"},
        "next_value_p50": {"zh": "明年总量中位数", "en": "Next year level (median)"},
    }
)

# Registration, next year's plan and land (issue 20).
HEADERS.update(
    {
        "planned_entry": {"zh": "计划入库", "en": "Planned entry"},
        "ytd_before_entry": {
            "zh": "入库前本年已完成投资",
            "en": "Done this year before registration",
        },
        "register_gain_fai": {"zh": "下月入库可增加本年投资", "en": "Registering next month adds"},
        "can_register": {"zh": "可入库纳统", "en": "Can still register"},
        "stage": {"zh": "项目阶段", "en": "Stage"},
        "funding_source": {"zh": "资金来源", "en": "Funding source"},
        "land_ready": {"zh": "用地落实", "en": "Land ready"},
        "eia_ready": {"zh": "环评批复", "en": "EIA approved"},
        "funds_ready": {"zh": "资金落实", "en": "Funds ready"},
        "ready": {"zh": "要素齐备", "en": "Ready"},
        "by": {"zh": "分类方式", "en": "By"},
        "key": {"zh": "分类", "en": "Group"},
        "plan_ready": {"zh": "其中要素齐备", "en": "Of which ready"},
        "gap": {"zh": "缺口", "en": "Gap"},
        "parcel": {"zh": "地块编号", "en": "Parcel"},
        "area_mu": {"zh": "面积(亩)", "en": "Area (mu)"},
        "planned_date": {"zh": "计划交地", "en": "Planned delivery"},
        "waiting_projects": {"zh": "等待项目", "en": "Projects waiting"},
    }
)

# Key enterprises' outlook and problems, and the 为民办实事 register (sprintmodel.livelihood).
HEADERS.update(
    {
        "forecast_growth": {"zh": "全年预计增速(%)", "en": "Full year, projected (%)"},
        "forecast_increment": {"zh": "全年预计增量", "en": "Full-year increment, projected"},
        "forecast_pulling_pp": {"zh": "全年预计拉动(百分点)", "en": "Full-year pull (pp)"},
        "recent_growth": {"zh": "近三月增速(%)", "en": "Last three months (%)"},
        "levers": {"zh": "对企政策", "en": "Levers aimed at it"},
        "open_problems": {"zh": "待解决问题数", "en": "Open problems"},
        "problem": {"zh": "问题", "en": "Problem"},
        "enterprises": {"zh": "涉及企业", "en": "Enterprises"},
        "names": {"zh": "企业名称", "en": "Enterprise names"},
        "department": {"zh": "责任单位", "en": "Department"},
        "deadline": {"zh": "完成时限", "en": "Deadline"},
        "overdue": {"zh": "已超期", "en": "Overdue"},
        "task": {"zh": "实事项目", "en": "Task"},
        "tasks": {"zh": "项目数", "en": "Tasks"},
        "behind": {"zh": "滞后项目数", "en": "Tasks behind"},
        "budget": {"zh": "财政资金(亿元)", "en": "Budget (亿元)"},
        "debt_quota": {"zh": "债务额度(亿元)", "en": "Debt quota (亿元)"},
        "credit": {"zh": "信贷资金(亿元)", "en": "Credit (亿元)"},
        "money_total": {"zh": "资金合计(亿元)", "en": "Money, total (亿元)"},
        "start": {"zh": "计划开始", "en": "Planned start"},
        "finish": {"zh": "计划完成", "en": "Planned finish"},
        "milestones": {"zh": "计划节点", "en": "Milestones"},
        "state": {"zh": "进展", "en": "State"},
    }
)

# What changed since the last meeting (sprintmodel.forecast.news: news.csv, the dashboards, the
# briefing's 与上月相比 and the forecast command's printout).
HEADERS.update(
    {
        "fy_growth_then": {"zh": "上次预计增速(%)", "en": "Forecast then (%)"},
        "fy_growth_now": {"zh": "本次预计增速(%)", "en": "Forecast now (%)"},
        "change_pp": {"zh": "变化(百分点)", "en": "Change (pp)"},
        "surprise_pp": {"zh": "新数据带来(百分点)", "en": "New figures (pp)"},
        "reestimation_pp": {"zh": "模型重估(百分点)", "en": "Re-estimation (pp)"},
        "revisions_pp": {"zh": "数据修订(百分点)", "en": "Revisions (pp)"},
        "other_pp": {"zh": "汇总衔接及其他(百分点)", "en": "Reconciliation and other (pp)"},
        "revisions_other_pp": {"zh": "修订及其他(百分点)", "en": "Revisions and other (pp)"},
        "main_news": {"zh": "影响最大的新数据(百分点)", "en": "Largest new figure (pp)"},
        "released": {"zh": "新发布数据", "en": "Released"},
    }
)

# The forecast's intervals and the backtest's accuracy table (ForecastResult.summary, the
# dashboards, BacktestResult.summary).
HEADERS.update(
    {
        "fy_growth_lo80": {"zh": "80%区间下限(%)", "en": "80% low (%)"},
        "fy_growth_hi80": {"zh": "80%区间上限(%)", "en": "80% high (%)"},
        "fy_growth_lo95": {"zh": "95%区间下限(%)", "en": "95% low (%)"},
        "fy_growth_hi95": {"zh": "95%区间上限(%)", "en": "95% high (%)"},
        "origin": {"zh": "预测起点", "en": "Origin"},
        "method": {"zh": "预测方法", "en": "Method"},
        "n": {"zh": "样本数", "en": "N"},
        "mae_growth_pp": {"zh": "增速平均绝对误差(百分点)", "en": "MAE of growth (pp)"},
        "mae_ratio": {"zh": "增速误差÷比例法", "en": "MAE ÷ ratio rule"},
        "mape_level_pct": {"zh": "总量平均绝对百分比误差(%)", "en": "MAPE of level (%)"},
        "mape_ratio": {"zh": "总量误差÷比例法", "en": "MAPE ÷ ratio rule"},
        "coverage80": {"zh": "80%区间覆盖率", "en": "80% coverage"},
        "coverage95": {"zh": "95%区间覆盖率", "en": "95% coverage"},
    }
)


def bare_header(column: str, lang: str = "zh") -> str:
    """:func:`header` without its trailing unit in brackets: 新数据带来(百分点) → 新数据带来."""
    return re.sub(r"\s*\([^()]*\)$", "", header(column, lang))
