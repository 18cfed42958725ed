"""Frames of the notes of next year's targets (:mod:`sprintmodel.targets`): codes ``targets.*``.

Part of :data:`sprintmodel.words.notes.NOTE_TEXT` (the same rules: one Chinese and one English
frame per code, the same parameters in both). Two kinds: the draft's notes
(:attr:`TargetsResult.notes <sprintmodel.targets.result.TargetsResult.notes>`: the printout's
注：, the workbook's notes sheet, ``run.json``) and the notes of a table's rows (the ``note``
column of ``options.csv``, ``allocation.csv``, ``binding.csv``, ``milestones.csv`` and
``components.csv``, worded by :meth:`TargetsResult.tables
<sprintmodel.targets.result.TargetsResult.tables>`).

Parameters: ``indicator``, ``parent``, ``unit`` codes (``units`` a tuple of them); ``option``
an option (:data:`~sprintmodel.words.options.OPTION_NAMES`); ``*_period`` a period; ``n`` a
count; ``seed``, ``published`` seeds; ``growth``, ``reach`` [%]; ``design``, ``probability``
[0-1]; ``band``, ``widened`` [pp]; ``side`` a bound (``lower``, ``upper``); ``why`` why an
indicator is not allocated; ``total``, ``target``, ``gap`` levels [亿元 or measure];
``share`` [%]; ``stage`` an investment stage; ``parts`` nested notes; ``file`` a file name.

Plain data.
"""

from __future__ import annotations

TARGET_NOTE_TEXT: dict[str, dict[str, str]] = {
    # the draft's notes (TargetsResult.notes)
    "targets.source": {
        "zh": "今年全年预计来自{source}（截至{as_of_period}，{n}次模拟）",
        "en": "this year's full year from the {source} as of {as_of_period}, {n} draws",
    },
    "targets.source_scenario": {
        "zh": "今年全年预计来自情景“{scenario}”（截至{as_of_period}，{n}次模拟）",
        "en": "this year's full year from the scenario {scenario} as of {as_of_period}, {n} draws",
    },
    "targets.crn": {
        "zh": "共同随机数：无论给定的种子为何（{seed}），均按公布的随机数流（种子{published}）"
        "测算，各档目标不随种子变动",
        "en": "common random numbers: drafted on the published streams (seed {published}) "
        "whatever the seed given ({seed}), so that the tiers do not move with it",
    },
    "targets.province_file": {
        "zh": "省级目标取自{file}：{province}",
        "en": "province targets from {file}: {province}",
    },
    "targets.no_province": {
        "zh": "未给出省级目标（{option} 或 {file}）：不列“不低于全省”方案",
        "en": "no province targets given ({option} or {file}): the option 'at least the "
        "province's' is skipped",
    },
    "targets.floor": {
        "zh": "{indicator}：{option}方案的统计测算增速{growth:.1f}%（把握{design:.0%}）为下降，"
        "按0.0%提出（把握{probability:.0%}）",
        "en": "{indicator}: option {option}: statistical option {growth:.1f}% (P {design:.0%}) "
        "is a fall: offered at 0.0% (P {probability:.0%})",
    },
    "targets.option_unavailable": {
        "zh": "{indicator}：无{option}方案，按基准方案分解",
        "en": "{indicator}: option '{option}' not available; the baseline is allocated",
    },
    "targets.no_positive_level": {
        "zh": "{indicator}：{parent}下辖单位均无正的总量，未分解",
        "en": "{indicator}: {parent}'s units without a positive level; not allocated",
    },
    "targets.bounds_widened": {
        "zh": "{indicator}：{parent}目标{growth:.2f}%在默认范围内（参考值±{band:g}个百分点；各单位取"
        "{side}限时达到{reach:.2f}%）无法分解：{units}的{side}限放宽{widened:.2f}个百分点，"
        "为可行的最小放宽（可用 {option} 自行设定）",
        "en": "{indicator}: {parent}'s target {growth:.2f}% cannot be allocated within the "
        "default bounds (reference ± {band:g} pp; at their {side} bounds the units reach "
        "{reach:.2f}%): the {side} bounds of {units} were widened by {widened:.2f} pp, the least "
        "that makes it feasible (give {option} to set them yourself)",
    },
    "targets.not_allocated": {
        "zh": "{indicator}：未分解（{why}），各单位保留其基准方案",
        "en": "{indicator}: not allocated ({why}); units keep their baseline option",
    },
    "targets.register_share": {
        "zh": "项目库明年计划投资{total:.1f}，占全市{indicator}目标总量{target:.1f}的{share:.1f}%；"
        "其余需来自尚未入库的项目和项目库以外的投资",
        "en": "the register's planned investment next year, {total:.1f}, is {share:.1f}% of the "
        "city's {indicator} target level {target:.1f}; the rest must come from projects not yet "
        "registered and from investment outside the register",
    },
    "targets.plan_coverage": {
        "zh": "明年投资计划覆盖{unit}投资目标总量{target:.1f}的{share:.1f}%（{parts}）；缺口{gap:.1f}"
        "需由项目库及储备以外的项目弥补",
        "en": "next year's investment plan covers {share:.1f}% of {unit}'s investment target "
        "level {target:.1f} ({parts}); gap {gap:.1f} left to projects outside the register and "
        "the pipeline",
    },
    "targets.stage_share": {"zh": "{stage}{share:.1f}%", "en": "{stage} {share:.1f}%"},
    "targets.no_register": {
        "zh": "无项目库（{file}）：不编制投资计划",
        "en": "no project register ({file}): no investment plan",
    },
    # the notes of a table's rows (the ``note`` column of options, allocation, binding,
    # milestones and components): parameters as above; ``value`` a level target [measure];
    # ``members`` the kind of unit sharing a target (``unit``, ``town``); ``error`` the adding
    # up's relative error; ``residual`` the 本级 level [measure]; ``reference`` [%];
    # ``trend_method`` the trend model of a unit (``local level``...)
    "targets.option_floor": {
        "zh": "统计测算增速{growth:.1f}%（把握{p_statistical:.0%}）为下降，按0.0%提出"
        "（把握{probability:.0%}）",
        "en": "statistical option {growth:.1f}% (P {p_statistical:.0%}) is a fall: offered at 0.0% "
        "(P {probability:.0%})",
    },
    "targets.option_this_year_growth": {
        "zh": "今年的增速目标",
        "en": "this year's growth target",
    },
    "targets.option_this_year_level": {
        "zh": "延续今年的总量目标{value:g}",
        "en": "this year's level target {value:g} kept",
    },
    "targets.allocation_option": {"zh": "{option}方案", "en": "option {option}"},
    "targets.allocation_given": {"zh": "给定目标", "en": "given"},
    "targets.allocation_widened": {
        "zh": "{side}限放宽{widened:.2f}个百分点（默认为参考值±{band:g}个百分点），使目标可以分解",
        "en": "{side} bound widened by {widened:.2f} pp (default ±{band:g} pp around the "
        "reference) to make the target feasible",
    },
    "targets.allocation_part_of": {
        "zh": "与其他{members}及本级共同构成{parent}的目标",
        "en": "part of {parent}'s target (with the other {members}s and 本级)",
    },
    "targets.allocation_residual": {
        "zh": "{parent}总量中未含在下辖单位的部分（本级：直属{parent}的单位、统计差异），"
        "按{parent}的目标增速增长；不分解",
        "en": "{parent}'s level not in its units (本级: units reporting to {parent} itself, "
        "statistical differences), grown at {parent}'s target; not allocated",
    },
    "targets.allocation_own_baseline": {
        "zh": "取本单位基准方案（未分解）",
        "en": "own baseline option (not allocated)",
    },
    "targets.allocation_own_baseline_park": {
        "zh": "取本园区基准方案（与其他单位重叠，不计入合计）",
        "en": "own baseline option (overlaps other units; not in the sum)",
    },
    "targets.binding_sum": {
        "zh": "各单位合计等于{parent}的目标（相对误差{error:.1e}）；本级{residual:.2f}保持其占比",
        "en": "units add up to {parent}'s target (relative error {error:.1e}); residual "
        "{residual:.2f} kept at its share",
    },
    "targets.binding_bound": {
        "zh": "参考值{reference:.2f}%，分解为{growth:.2f}%",
        "en": "reference {reference:.2f}%, allocated {growth:.2f}%",
    },
    "targets.milestone_no_season": {
        "zh": "无季节规律（未公布总量）：各期增速进度取全年目标",
        "en": "no seasonal pattern (levels not published): growth milestones = annual target",
    },
    "targets.trend": {"zh": "趋势：{trend_method}", "en": "trend: {trend_method}"},
    "targets.projects_left_out": {
        "zh": "未计入重大项目（未公布总量）",
        "en": "projects left out (levels not published)",
    },
    # the backtest of the targets' probabilities (sprintmodel.targets.calibration): ``year``
    # the target year skipped (or with indicators left out)
    "targets.calibration_incomplete": {
        "zh": "{year}年：数据中尚不完整",
        "en": "{year}: not yet complete in the data",
    },
    "targets.calibration_no_forecast": {
        "zh": "{year}年：截至{as_of_period}无{indicators}的预测",
        "en": "{year}: no forecast of {indicators} as of {as_of_period}",
    },
    "targets.calibration_no_pairs": {
        "zh": "{year}年：没有同时具备测算和实际增速的单位",
        "en": "{year}: no unit has both a draft and a realised growth",
    },
}
"""Frames of the ``targets.*`` notes, by code."""

TREND_METHODS: dict[str, dict[str, str]] = {
    "local level": {"zh": "局部水平模型", "en": "local level"},
    "mean (short history)": {"zh": "历史均值(年数不足)", "en": "mean (short history)"},
    "none": {"zh": "无", "en": "none"},
}
"""The trend model of a unit (:attr:`TrendFit.methods <sprintmodel.targets.trend.TrendFit>`)."""

TARGET_VALUE_WORDS: dict[str, dict[str, dict[str, str]]] = {
    "stage": {
        "continuing": {"zh": "续建", "en": "continuing"},
        "new_start": {"zh": "新开工", "en": "new starts"},
        "reserve": {"zh": "储备", "en": "reserve"},
        "planned": {"zh": "谋划", "en": "planned"},
    },
    "side": {"lower": {"zh": "下", "en": "lower"}, "upper": {"zh": "上", "en": "upper"}},
    "why": {
        "not_additive": {"zh": "非总量指标", "en": "not additive"},
        "no_levels": {"zh": "全市无公布总量", "en": "the city has no published levels"},
    },
    "source": {
        "baseline forecast": {"zh": "基准预测", "en": "baseline forecast"},
        "draws given": {"zh": "给定模拟", "en": "draws given"},
    },
    "members": {
        "unit": {"zh": "下辖单位", "en": "unit"},
        "town": {"zh": "乡镇", "en": "town"},
    },
    "trend_method": TREND_METHODS,
}
"""Parameters of the ``targets.*`` notes whose codes both languages show as words: the
investment stages, an allocation's bound side, why a target is not allocated, the source of
this year's figures, the units sharing a parent's target (``members``) and a unit's trend
model."""

SOURCES_ZH: dict[str, str] = {
    "options": "假设：保底 / 力争 / 奋斗的完成概率分别为0.8 / 0.5 / 0.3",
    "step_pp": "目标按0.5个百分点的级差公布",
    "carry_weight": "假设：翘尾影响的变化有一半延续；两套内置数据的回测均显示0.5优于0和1",
    "trend": "年度增速的局部水平模型（statsmodels UnobservedComponents），信噪比取1（假设；"
    "十个年度增速上合并的极大似然估计堆积在取值边界）",
    "season_years": "假设：取近5年（含今年）季节占比的中位数",
    "band_pp": "假设：各单位参考增速±3个百分点",
    "slip_months": "假设：推迟一个季度",
    "first_year_load": "假设：投产首12个月按设计产能的70%计（达产达效折扣；可行性研究的首年生产"
    "负荷一般为60%—80%，《建设项目经济评价方法与参数》第三版2006年的做法）",
    "project_model": "情景包项目模型（ProjectModel）的S曲线、入库门槛、产出爬坡和延误（数据文件夹"
    "的levers.yaml）",
}
"""The sources of :class:`~sprintmodel.targets.config.TargetConfig`'s defaults
(``TargetConfig().sources``, English) in Chinese, by key: the workbook's 参数来源 says them for
the defaults' own texts (a source the user wrote is shown as written)."""


def source_words(source: str, lang: str = "zh") -> str:
    """Where this year's full year came from (:attr:`TargetsResult.source
    <sprintmodel.targets.result.TargetsResult.source>`) in ``lang``.

    Examples
    --------
    >>> source_words("baseline forecast"), source_words("scenario full_sprint")
    ('基准预测', '情景“full_sprint”')
    >>> source_words("scenario full_sprint", "en")
    'scenario full_sprint'
    """
    if lang != "zh":
        return source
    if source.startswith("scenario "):
        return f"情景“{source.removeprefix('scenario ')}”"
    return TARGET_VALUE_WORDS["source"].get(source, {}).get("zh", source)


__all__ = [
    "SOURCES_ZH",
    "TARGET_NOTE_TEXT",
    "TARGET_VALUE_WORDS",
    "TREND_METHODS",
    "source_words",
]
