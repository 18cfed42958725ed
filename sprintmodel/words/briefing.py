"""Words of the briefing in Chinese and English: titles, sentences' frames, headers, statuses.

Plain data and small pure functions; nothing here computes a figure.
"""

from __future__ import annotations

import re

from sprintmodel.words.headers import COST_KIND, HEADERS, PROJECT_STATUS

TEXT: dict[str, dict[str, str]] = {
    # sections
    "title": {"zh": "{city}{year}年经济运行冲刺简报", "en": "{city}: sprint briefing {year}"},
    "subtitle": {
        "zh": "数据截至{period}｜{n}个情景｜每个情景{draws}次模拟",
        "en": "Data to {period} | {n} scenario(s) | {draws} draws each",
    },
    "checks": {
        "zh": "附：发布前核查（供审核）",
        "en": "Appendix: checks before release (for the author)",
    },
    "checks_intro": {
        "zh": "以下{n}条提示由程序自动核查生成，请在发布前逐条核实；核实后可删除本节。",
        "en": "{n} automatic plausibility check(s): verify each before release, then delete "
        "this section.",
    },
    "checks_none": {
        "zh": "未发现需核实的异常。",
        "en": "No plausibility check fired.",
    },
    "failures": {"zh": "未能运行的情景", "en": "Scenarios that failed"},
    "notice_failures": {
        "zh": "注意：有{n}个情景未能运行，见“未能运行的情景”。",
        "en": "Note: {n} scenario(s) failed; see 'Scenarios that failed'.",
    },
    "notice_sections": {
        "zh": "有{n}个部分未能生成，正文中相应位置说明了原因。",
        "en": "{n} section(s) could not be computed; each says why in its place.",
    },
    "section_failed": {
        "zh": "本部分未能生成：{error}。请核实数据后重新生成简报。",
        "en": "This section could not be computed: {error}. Check the data and run the briefing again.",
    },
    "notice_flags": {
        "zh": "发布前请逐条核实文末“发布前核查”中的{n}条提示。",
        "en": "Before release, verify the {n} check(s) at the end.",
    },
    "failures_intro": {
        "zh": "以下情景未能运行，其结果未纳入本简报：",
        "en": "These scenarios did not run; nothing of theirs is in this briefing:",
    },
    "overview": {"zh": "总体判断", "en": "Overview"},
    "headline": {"zh": "主要指标全年预判", "en": "Headline indicators"},
    "comparison": {"zh": "情景比较", "en": "Scenarios compared"},
    "league": {"zh": "{members}比拼", "en": "{Member} league"},
    "projects": {"zh": "影响全年的重点项目", "en": "Projects that put the year at risk"},
    "details": {"zh": "各情景详情", "en": "Each scenario"},
    "notes": {"zh": "附：说明", "en": "Appendix: notes"},
    # tables
    "t_headline": {
        "zh": "主要指标全年预判（{scenario}）",
        "en": "Headline indicators ({scenario})",
    },
    "t_cmp_growth": {"zh": "各情景全年预计增速(%)", "en": "Full-year growth by scenario (%)"},
    "t_cmp_delta": {
        "zh": "各情景比{reference}增减(百分点)",
        "en": "Change from {reference} by scenario (pp)",
    },
    "t_cmp_p": {"zh": "各情景完成目标概率", "en": "Chance of meeting the target by scenario"},
    "t_league_growth": {
        "zh": "各{members}{span}累计增速(%)",
        "en": "Growth by {member}, {span} (%)",
    },
    "t_league_lead": {
        "zh": "{indicator}比增速、比增量、比贡献",
        "en": "{indicator}: growth, increment, contribution",
    },
    "t_watch": {"zh": "重点项目关注清单（{scenario}）", "en": "Project watch list ({scenario})"},
    "t_detail": {"zh": "{scenario}：主要指标", "en": "{scenario}: headline indicators"},
    "t_costs": {"zh": "{scenario}：政策措施与成本", "en": "{scenario}: levers and cost"},
    "t_flags": {"zh": "核查提示", "en": "Checks"},
    "t_failures": {"zh": "未能运行的情景", "en": "Failed scenarios"},
    # headers (a column the tables and workbooks also show takes its header from HEADERS)
    "h_indicator": HEADERS["indicator"],
    "h_unit": HEADERS["unit"],
    "h_scenario": {"zh": "情景", "en": "Scenario"},
    "h_ytd_value": {"zh": "{span}累计值", "en": "{span} value"},
    "h_ytd_growth": {"zh": "{span}增速(%)", "en": "{span} growth (%)"},
    "h_target_growth": {"zh": "全年目标增速(%)", "en": "Target growth (%)"},
    "h_target_value": {"zh": "全年目标值", "en": "Target level"},
    "h_fy_growth": {"zh": "全年预计增速(%)", "en": "Projected full-year growth (%)"},
    "h_range": {"zh": "预计区间(%)", "en": "Range (%)"},
    "h_gap": HEADERS["gap_pp"],
    "h_p_meet": {"zh": "完成目标概率", "en": "Chance of meeting target"},
    "h_required": {"zh": "{rest}需增长(%)", "en": "{rest} must grow (%)"},
    "h_delta": {"zh": "比{reference}增减(百分点)", "en": "Change from {reference} (pp)"},
    "h_cost": {"zh": "政策成本(亿元)", "en": "Lever cost (亿元)"},
    "h_cost_of": {"zh": "{kind}(亿元)", "en": "{kind} (亿元)"},
    "cost_kinds_note": {
        "zh": "政策成本按资金类别分列：财政资金、债务额度和信贷资金性质不同，不相加。",
        "en": "Costs by kind of money: budget, debt quota and credit are different money and are "
        "never added up.",
    },
    "h_description": {"zh": "说明", "en": "Description"},
    "h_rank_growth": {"zh": "增速位次", "en": "Growth rank"},
    "h_increment": HEADERS["increment"],
    "h_rank_increment": {"zh": "增量位次", "en": "Increment rank"},
    "h_contribution": HEADERS["contribution_pct"],
    "h_rank_contribution": {"zh": "贡献位次", "en": "Contribution rank"},
    "h_fy_rank": {"zh": "全年预计增速位次", "en": "Projected growth rank"},
    "h_p_first": {"zh": "增速居首概率", "en": "Chance of ranking first"},
    "h_p_above": {"zh": "高于{whole}平均概率", "en": "Chance above the average"},
    "h_rank": {"zh": "序号", "en": "Rank"},
    "h_project": {"zh": "项目名称", "en": "Project"},
    "h_status": HEADERS["status"],
    "h_entry": {"zh": "计划入库", "en": "Planned entry"},
    "h_production": HEADERS["planned_production"],
    "h_q4_fai": {"zh": "{rest}预计入统投资(亿元)", "en": "{rest} counted investment (亿元)"},
    "h_value_per_month": {
        "zh": "每推迟一个月减少{indicator}({measure})",
        "en": "{indicator} lost per month of delay ({measure})",
    },
    "h_pp_per_month": {
        "zh": "每推迟一个月影响{indicator}增速(百分点)",
        "en": "{indicator} growth lost per month of delay (pp)",
    },
    "h_completion": {"zh": "年度计划完成率(%)", "en": "Annual plan done (%)"},
    "h_behind": HEADERS["behind_schedule"],
    "h_lever": {"zh": "政策措施", "en": "Lever"},
    "h_intensity": {"zh": "力度", "en": "Intensity"},
    "h_intensity_unit": {"zh": "力度单位", "en": "Intensity unit"},
    "h_cost_kind": {"zh": "资金类别", "en": "Kind of cost"},
    "h_kind": {"zh": "类别", "en": "Check"},
    "h_value": HEADERS["value"],
    "h_reference": {"zh": "参照", "en": "Reference"},
    "h_difference": {"zh": "差额", "en": "Difference"},
    "h_message": {"zh": "说明", "en": "Message"},
    "h_file": {"zh": "文件", "en": "File"},
    "h_error": {"zh": "错误", "en": "Error"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "all_scenarios": {"zh": "全部情景", "en": "all scenarios"},
    "more_rows": {
        "zh": "另有{n}行未列出，完整内容见随附的数据工作簿。",
        "en": "{n} more rows are in briefing.xlsx.",
    },
    "more_scenarios": {
        "zh": "另有{n}个情景的详情未列出，见随附的数据工作簿和各情景结果文件。",
        "en": "{n} more scenarios are in briefing.xlsx and the results/ folder.",
    },
    # charts
    "c_fan": {
        "zh": "{unit}{indicator}：历年增速与全年预测",
        "en": "{unit} {indicator}: history and forecast",
    },
    "c_requirement": {
        "zh": "{indicator}：{rest}预计增速与完成目标所需增速",
        "en": "{indicator}: {rest} projected vs needed growth",
    },
    "c_comparison": {
        "zh": "{indicator}：各情景全年预计增速",
        "en": "{indicator}: projected growth by scenario",
    },
    "c_league": {
        "zh": "各{members}累计增速与{whole}平均的差距",
        "en": "{Members}' growth against the average",
    },
    "c_gantt": {"zh": "关注清单项目进度", "en": "Watch-list projects' schedules"},
    "c_waterfall": {
        "zh": "{scenario}：{indicator}增速从基准到情景的分解",
        "en": "{scenario}: {indicator} growth from baseline, by lever",
    },
    # flag kinds
    "f_q4_required_above_history": {"zh": "所需增速超历史", "en": "Required growth unprecedented"},
    "f_q4_projected_above_history": {
        "zh": "预计增速超历史",
        "en": "Projected growth unprecedented",
    },
    "f_fai_jump_unsupported": {"zh": "投资跃升缺项目支撑", "en": "Investment jump unsupported"},
    "f_children_do_not_add_up": {
        "zh": "{members}合计与{whole}不符",
        "en": "{Members} do not add up",
    },
    "f_targets_do_not_add_up": {"zh": "{members}目标不足", "en": "{Member} targets short"},
}

STATUS = PROJECT_STATUS

CN_NUMERALS = "一二三四五六七八九十"


def numbered(title: str, i: int, lang: str = "zh") -> str:
    """A top-level section title with its number: 一、主要指标全年预判 / 1. Where the year lands.

    Examples
    --------
    >>> numbered("情景比较", 2), numbered("Scenarios compared", 2, "en")
    ('二、情景比较', '2. Scenarios compared')
    """
    if lang == "zh" and 1 <= i <= len(CN_NUMERALS):
        return f"{CN_NUMERALS[i - 1]}、{title}"
    return f"{i}. {title}"


def t(key: str, lang: str = "zh", **fmt: object) -> str:
    """The text ``key`` in ``lang`` with ``{fields}`` filled (the key itself if unknown)."""
    raw = TEXT.get(key, {}).get(lang, key)
    return raw.format(**fmt) if fmt else raw


def status_label(status: str, lang: str = "zh") -> str:
    """A project status in words."""
    return STATUS.get(status, {}).get(lang, status)


def cost_kind_label(kind: str, lang: str = "zh") -> str:
    """A kind of lever cost in words."""
    return COST_KIND.get(kind, {}).get(lang, kind)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def scenario_label(name: str, description: str = "", lang: str = "zh") -> str:
    """A scenario's short name for readers.

    In Chinese, the head of a Chinese description (before ``：``), else the name; in English
    the name.

    Examples
    --------
    >>> scenario_label("full_sprint", "全力冲刺：各项政策接近上限")
    '全力冲刺'
    >>> scenario_label("full_sprint", "全力冲刺：各项政策接近上限", "en")
    'full_sprint'
    """
    if lang == "zh" and description and _CJK.search(description):
        head = re.split(r"[：:（(，,；;。]", description.strip(), maxsplit=1)[0].strip()
        if head and len(head) <= 16:
            return head
    return name


__all__ = [
    "CN_NUMERALS",
    "STATUS",
    "TEXT",
    "cost_kind_label",
    "numbered",
    "scenario_label",
    "status_label",
    "t",
]
