"""Notes and assumption names in Chinese and English: one frame per :class:`~sprintmodel.notes.Note` code.

Computation returns notes as codes with parameters (:mod:`sprintmodel.notes`); the printout,
``report.json`` and the briefing render them here, so that every place says the same thing.
A frame is a :meth:`str.format` pattern over the note's parameters; before formatting, a nested
note is rendered, a tuple is joined (``、`` in Chinese, ``, `` in English), a code found in
``names`` is shown by its name, and in Chinese a project status or milestone by its word.

Plain data and small pure functions; nothing here computes a figure.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from sprintmodel.notes import Note
from sprintmodel.periods import parse_period
from sprintmodel.words.headers import PROJECT_STATUS
from sprintmodel.words.options import OPTION_NAMES
from sprintmodel.words.periods import period_name
from sprintmodel.words.target_notes import TARGET_NOTE_TEXT, TARGET_VALUE_WORDS

MILESTONE: dict[str, dict[str, str]] = {
    "production": {"zh": "投产", "en": "production"},
    "shift": {"zh": "整体进度", "en": "shift"},
    "entry": {"zh": "入库纳统", "en": "entry"},
}
"""The project milestones an acceleration moves (``accelerations.csv``'s ``action``)."""

NOTE_TEXT: dict[str, dict[str, str]] = {
    # the optimiser (sprintmodel.optimize.solve, .search)
    "optimize.levers_idle": {
        "zh": "以下政策对各目标均无影响（未纳入）：{levers}",
        "en": "levers that move none of the targets: {levers}",
    },
    "optimize.options_idle": {
        "zh": "{n}个项目提前选项对今年各目标均无影响（未纳入）",
        "en": "{n} project acceleration options change none of the targets this year (left out)",
    },
    "optimize.option_skipped": {
        "zh": "项目提前选项 {option} 未纳入：{reason}",
        "en": "acceleration {option} skipped: {reason}",
    },
    "optimize.single_lever": {
        "zh": "推荐方案为单项政策（{lever}）：样本规划求解得到的组合经复核均不比它省",
        "en": "the recommended package is a single lever ({lever}): no combination from the "
        "sample programme re-checked cheaper",
    },
    "optimize.out_of_reach": {
        "zh": "目标概率{p:.0%}无法达到：最优方案在新抽样上的达标概率为{best:.1%}",
        "en": "the target probability {p:.0%} is out of reach: the best package reaches "
        "{best:.1%} on fresh draws",
    },
    "optimize.out_of_reach_budget": {
        "zh": "在{budget:g}亿元预算内，目标概率{p:.0%}无法达到：最优方案在新抽样上的达标概率为"
        "{best:.1%}",
        "en": "the target probability {p:.0%} is out of reach within the budget of {budget:g} "
        "亿元: the best package reaches {best:.1%} on fresh draws",
    },
    "optimize.time_limit": {
        "zh": "样本规划求解达到时间上限（{limit:g}秒），采用已找到的最优方案（相对差距{gap:.2%}）",
        "en": "the sample programme hit its time limit ({limit:g} s); the best package found is "
        "used (relative gap {gap:.2%})",
    },
    # scenarios (sprintmodel.scenario)
    # Parameters: ``lever``, ``project``, ``parcel``, ``enterprise``, ``indicator``, ``bridge``
    # codes (``indicators``, ``units``, ``bridges`` tuples of them); ``*_month`` months and
    # ``*_period`` periods as the data write them (``2026-10``, ``2026Q3``; Chinese: 2026年10月,
    # 2026年三季度); ``action`` a milestone (:data:`MILESTONE`); ``months`` [months]; ``item``
    # the index of a ``projects`` item (``number`` its place from 1); ``year``; ``draws``, ``seed`` and the scenario's
    # ``asked_*``; ``detail`` a failure's traceback.
    # entrants (sprintmodel.scenario.entrants): ``entrant`` a code of entrants.csv, ``unit`` the
    # unit whose series it joins, ``value`` / ``base`` its full year this year / last year in
    # ``measure``, ``own_growth`` / ``unit_growth`` [%], ``change_pp`` [pp] (at the point
    # forecast, if it enters), ``probability`` [0-1].
    "scenario.entrant_enters": {
        "zh": "“{entrant}”{entry_month}入统，纳入{unit}{indicator}统计：全年自年初"
        "累计计入{value:.2f}{measure}，其上年同期{base:.2f}{measure}并入基数（同口径）；自身增长"
        "{own_growth:.1f}%，对比该地增速{unit_growth:.1f}%，拉动增速{change_pp:+.2f}个百分点",
        "en": "candidate {entrant} enters {unit}'s {indicator} in {entry_month}: its year counted "
        "from January, {value:.2f} {measure}, and its last year, {base:.2f} {measure}, joins the "
        "comparable base; its own growth {own_growth:.1f}% against the unit's {unit_growth:.1f}% "
        "moves the unit's growth by {change_pp:+.2f} pp",
    },
    "scenario.entrant_enters_new": {
        "zh": "“{entrant}”{entry_month}入统，纳入{unit}{indicator}统计：全年自年初累计计入{value:.2f}"
        "{measure}，上年无基数（{base:.2f}{measure}），全部为增量，对比该地增速{unit_growth:.1f}%，"
        "拉动增速{change_pp:+.2f}个百分点",
        "en": "candidate {entrant} enters {unit}'s {indicator} in {entry_month}: its year counted "
        "from January, {value:.2f} {measure}, with no base last year ({base:.2f} {measure}), is "
        "all growth: against the unit's {unit_growth:.1f}% it moves the unit's growth by "
        "{change_pp:+.2f} pp",
    },
    "scenario.entrant_uncertain": {
        "zh": "“{entrant}”能否入统尚不确定（入统概率{probability:.0%}）：只在相应比例的模拟中计入，"
        "其拉动按各次模拟平均",
        "en": "candidate {entrant} may not enter (probability {probability:.0%}): it counts "
        "in that share of the draws, and its effect is the mean over all of them",
    },
    "scenario.entrant_in_data": {
        "zh": "“{entrant}”入统时间{entry_month}已在数据期内（数据截至{data_month}），视为已入统："
        "其数据已含在统计中，不再重复计入",
        "en": "candidate {entrant}: its entry {entry_month} has come by {data_month}; taken as "
        "entered: its figures are in the data and not added again",
    },
    "scenario.entrant_next_year": {
        "zh": "“{entrant}”预计{entry_month}入统，晚于本年12月，不计入本年",
        "en": "candidate {entrant} enters in {entry_month}, after December: nothing this year",
    },
    "scenario.entrant_not_simulated": {
        "zh": "“{entrant}”所入指标“{indicator}”在情景中未模拟（所在地区无此指标数据，或本年数据"
        "已完结），不计入",
        "en": "candidate {entrant}: {indicator} is not simulated here (no figures for its unit, "
        "or its year is over); not counted",
    },
    "scenario.entrant_level_target": {
        "zh": "{unit}{indicator}的目标为总量目标；含“{entrant}”入统后，达标概率按该总量在原基数上"
        "折算的增速、以同口径增速判断",
        "en": "{unit}'s {indicator} target is a level: with {entrant} entering, its probability "
        "is judged by the comparable-base growth against the growth that level implies on the "
        "old base",
    },
    "scenario.lever_started_after_written": {
        "zh": "政策“{lever}”：方案按{written_period}数据编制，自其后的{start_month}起实施，"
        "视为已实施；截至数据最新月份的效果已含在数据中，不再重复计入",
        "en": "lever {lever}: started in {start_month} (the month after {written_period}, when "
        "the scenario was written); taken as happened: its effect up to the data's last month "
        "is in the data and not added again",
    },
    "scenario.lever_start_passed": {
        "zh": "政策“{lever}”：起始时间（{start_month}）已在数据期内（数据截至{data_month}），"
        "视为已实施；截至数据最新月份的效果已含在数据中，不再重复计入",
        "en": "lever {lever}: its start {start_month} has passed by {data_month}; taken as "
        "happened: its effect up to the data's last month is in the data and not added again",
    },
    "scenario.project_started_as_planned": {
        "zh": "项目“{project}”：已按项目库计划于{start_month}开工（数据截至{data_month}），"
        "方案设定的开工时间以项目库为准",
        "en": "project {project}: started in {start_month} as the register plans, by "
        "{data_month}; its 'start' is taken as the register says",
    },
    "scenario.project_started_skipped": {
        "zh": "项目“{project}”已开工，方案设定的开工时间对其不适用",
        "en": "project {project} has started; 'start' skipped for it",
    },
    "scenario.project_start_passed": {
        "zh": "项目“{project}”：方案设定的开工时间（{start_month}）已在数据期内（数据截至"
        "{data_month}），但项目库未显示已开工；按数据之后最早的{new_month}开工计",
        "en": "project {project}: start {start_month} has passed by {data_month} and the "
        "register does not show it started; taken as starting in {new_month}, the earliest "
        "month after the data",
    },
    "scenario.project_start_earliest": {
        "zh": "项目“{project}”：开工时间调整为最早可行的{new_month}",
        "en": "project {project}: start moved to {new_month}, the earliest possible",
    },
    "scenario.project_held_by_parcel": {
        "zh": "项目“{project}”须待所在地块净地交付（计划{cleared_month}）后方可开工，开工时间定为"
        "{cleared_month}而非{wanted_month}（土地类政策可使地块提前交付）",
        "en": "project {project} waits on its parcel, planned cleared in {cleared_month}: its "
        "start is held there, not {wanted_month} (a land lever can clear the parcel earlier)",
    },
    "scenario.project_waits_parcel": {
        "zh": "项目“{project}”所在地块{parcel}计划于{cleared_month}净地交付，此前无法开工，"
        "整体进度顺延{months}个月（开工时间{start_month}→{new_month}）；土地类政策可使其提前",
        "en": "project {project} waits on parcel {parcel}, planned cleared in {cleared_month}: "
        "it cannot start before, so its schedule moves {months} month(s) later (start "
        "{start_month} → {new_month}); a land lever can clear it earlier",
    },
    "scenario.projects_item_unmatched": {
        "zh": "方案项目设定第{number}项（序号{item}）未匹配任何项目，不起作用",
        "en": "projects[{item}] (item {number} of the list) matches no project; it has no effect",
    },
    "scenario.project_no_production": {
        "zh": "项目“{project}”没有投产安排，投产时间调整对其不适用",
        "en": "project {project} has no production; production shift skipped",
    },
    "scenario.project_date_came": {
        "zh": "项目“{project}”：{action}时间（{date_month}）已在数据期内（数据截至{data_month}），"
        "按项目库计划视为已发生，方案中的设定不再适用",
        "en": "project {project}: {action} ({date_month}) has come by {data_month}; taken as "
        "happened as the register plans, the scenario's setting is skipped",
    },
    "scenario.project_date_happened": {
        "zh": "项目“{project}”：{action}已经发生，不再调整",
        "en": "project {project}: {action} already happened; its shift is skipped",
    },
    "scenario.project_date_earliest": {
        "zh": "项目“{project}”：{action}时间调整为最早可行的{new_month}",
        "en": "project {project}: {action} moved to {new_month}, the earliest possible",
    },
    "scenario.projects_unknown_units": {
        "zh": "以下未知单位的项目不计入：{units}",
        "en": "projects in unknown units {units} are ignored",
    },
    "scenario.lever_indicator_missing": {
        "zh": "政策“{lever}”：数据中没有指标“{indicator}”，该项效果不计",
        "en": "lever {lever}: indicator '{indicator}' is not in the data; that effect is ignored",
    },
    "scenario.bridge_indicator_missing": {
        "zh": "传导关系{bridge}：数据中没有指标“{indicator}”，不计",
        "en": "bridge {bridge}: indicator '{indicator}' is not in the data; ignored",
    },
    "scenario.lever_no_draws": {
        "zh": "政策“{lever}”：{indicators}没有预测抽样，该项效果不显示",
        "en": "lever {lever}: no draws for {indicators}; that effect is not shown",
    },
    "scenario.lever_enterprise_missing": {
        "zh": "政策“{lever}”针对的企业{enterprise}不在本数据的企业名录中，不起作用",
        "en": "lever {lever} is aimed at enterprise {enterprise}, which is not in this "
        "folder's enterprises.csv; it has no effect",
    },
    "scenario.gdp_fixed_factors": {
        "zh": "数据中没有地区生产总值的分行业构成及其行业来源，政策和项目按政策文件中的固定系数"
        "（传入地区生产总值的传导：{bridges}）影响地区生产总值，不经由各行业",
        "en": "gdp: the folder has no GDP components (component_observations.csv) with "
        "industry sources (industry_sources.csv), so levers and projects move GDP through the "
        "fixed factors of levers.yaml (bridges into gdp: {bridges}), not through its industries",
    },
    "scenario.indicator_stale": {
        "zh": "{indicator}：截至{as_of_period}尚无{year}年数据（序列最新为{at_period}），"
        "不纳入方案测算",
        "en": "{indicator}: no {year} figures at {as_of_period} (the series stands at "
        "{at_period}); left out of the scenario",
    },
    "scenario.engine_draws": {
        "zh": "按测算引擎的{draws}次抽样、随机种子{seed}计算（方案要求{asked_draws}次抽样、"
        "随机种子{asked_seed}）",
        "en": "evaluated with the engine's {draws} draws and seed {seed} (the scenario asks "
        "for {asked_draws}, seed {asked_seed})",
    },
    "scenario.failure_detail": {
        "zh": "出错详情：{detail}",
        "en": "traceback: {detail}",
    },
    # project accelerations (sprintmodel.optimize.accelerations)
    "acceleration.not_in_register": {
        "zh": "项目提前 {project}：不在项目库中，未纳入",
        "en": "acceleration of {project}: not in the register; skipped",
    },
    "acceleration.limited": {
        "zh": "项目提前 {project}（{action}）：最多提前{months}个月，{why}",
        "en": "acceleration of {project} ({action}): limited to {months} months: {why}",
    },
    "acceleration.dropped": {
        "zh": "项目提前 {project}（{action}）：不可提前，{why}",
        "en": "acceleration of {project} ({action}): dropped: {why}",
    },
    # why an acceleration is limited (a note inside the two above)
    "acceleration.why.remaining": {
        "zh": "其余节点最早可提前至{earliest_month}",
        "en": "its remaining dates can move to {earliest_month} at the earliest",
    },
    "acceleration.why.finished": {
        "zh": "计划完工时间已过",
        "en": "its planned finish has passed",
    },
    "acceleration.why.start": {
        "zh": "开工时间{start_month}最早可提前至{earliest_month}",
        "en": "its start {start_month} can move to {earliest_month} at the earliest",
    },
    "acceleration.why.no_production": {
        "zh": "没有投产日期或产出",
        "en": "it has no production date or output",
    },
    "acceleration.why.happened": {
        "zh": "{action}（{date_month}）已经发生",
        "en": "its {action} ({date_month}) has already happened",
    },
    "acceleration.why.movable": {
        "zh": "{action}时间{date_month}最早可提前至{earliest_month}",
        "en": "its {action} {date_month} can move to {earliest_month} at the earliest",
    },
    # the tornado's assumptions (sprintmodel.optimize.sensitivity.variants)
    "tornado.lever": {
        "zh": "{lever}对{indicator}的效果",
        "en": "lever {lever} → {indicator}",
    },
    "tornado.realisation": {
        "zh": "{lever}落实程度",
        "en": "lever {lever} realisation",
    },
    "tornado.bridge": {
        "zh": "传导 {source} → {target}",
        "en": "bridge {source} → {target}",
    },
    "tornado.elasticity": {
        "zh": "{component}对{source}的弹性",
        "en": "elasticity {component} ← {source}",
    },
    "tornado.delay": {
        "zh": "{status}项目延误（均值{mean:g}个月）",
        "en": "delays of {status} projects (mean {mean:g} months)",
    },
    "tornado.common_factor": {
        "zh": "项目延误共同因子（{value:g}）",
        "en": "delay common factor ({value:g})",
    },
    "tornado.baseline": {"zh": "基线预测误差", "en": "baseline forecast error"},
    "tornado.spread": {"zh": "基线预测离散程度", "en": "baseline forecast spread"},
    # forecast (sprintmodel.forecast: engine, api, live_nowcast, result); periods as published
    # (2026Q3, 2026-10), indicator and unit codes shown by their names
    "forecast.year_complete": {
        "zh": "全年数据已公布：采用公布数",
        "en": "year complete: the published full year",
    },
    "forecast.ratio_only": {
        "zh": "仅用比例法（历史数据不足，其他方法无法使用）",
        "en": "only the ratio rule (too little history for other methods)",
    },
    "forecast.level_ratio": {
        "zh": "{method}不适用于比率或占比指标：改用比例法",
        "en": "{method} does not apply to a rate or share: ratio rule",
    },
    "forecast.no_backtest": {
        "zh": "无回测记录：各方法等权，区间按波动率估计",
        "en": "no backtest history: equal weights, interval scale from volatility",
    },
    "forecast.growth_only": {
        "zh": "仅公布增速：无总量，以上年全年为100的指数计算",
        "en": "growth only: levels not published, index last year = 100",
    },
    "forecast.rate_or_share": {
        "zh": "比率或占比指标：全年值即年末值，无剩余期间",
        "en": "rate or share: full year = year-end level, no rest of year",
    },
    "forecast.ceiling": {
        "zh": "上限目标：不高于目标即为完成",
        "en": "ceiling target: meet = at or below it",
    },
    "forecast.not_published": {
        "zh": "{wanted_period}数据未公布：按其最新一期{used_period}预测",
        "en": "{wanted_period} not published: forecast from {used_period}, its last period",
    },
    "forecast.no_common_period": {
        "zh": "未与下辖单位汇总衔接：没有其与下辖单位均已报送的期间",
        "en": "not reconciled: no period where it and its children all report",
    },
    "forecast.reconciled_at": {
        "zh": "下辖单位按{at_period}（各单位均已报送的最近一期）汇总衔接",
        "en": "children reconciled at {at_period}, the last period every unit reported",
    },
    "forecast.children_without_levels": {
        "zh": "未与缺少总量数据的下辖单位汇总衔接",
        "en": "not reconciled with children that lack levels",
    },
    "forecast.draws_not_finite": {
        "zh": "模拟结果含非有限值：不给出区间和完成概率",
        "en": "draws not finite: no interval or P(meet)",
    },
    "forecast.no_data": {
        "zh": "截至{up_to_period}，{year}年尚无数据",
        "en": "no {year} data up to {up_to_period}",
    },
    "forecast.no_growth": {
        "zh": "{year}年无增速：需要上年数据",
        "en": "no growth for {year}: needs last year's data",
    },
    "forecast.nowcast": {
        "zh": "据截至{data_month}的月度数据（{sources}）临近预测",
        "en": "nowcast from {data_month} monthly data ({sources})",
    },
    "forecast.nowcast_change": {
        "zh": "较第{quarter}季度末的预测{change:+.2f}个百分点（汇总衔接前）",
        "en": "{change:+.2f} pp on the Q{quarter} forecast (before reconciliation)",
    },
    "forecast.nowcast_kept": {
        "zh": "月度桥接方程的年份不足：沿用上季度末预测",
        "en": "too few years for the monthly bridge: the last quarter's forecast kept",
    },
    "forecast.borrowed": {
        "zh": "{sources}：采用{root}的月度数据（{parent}无此数据）",
        "en": "{sources}: {root}'s monthly series ({parent} has none)",
    },
    # the forecast's warnings (ForecastResult.warning_notes): ``unit``, ``indicator`` codes
    # (``indicators`` a tuple of them), ``n`` the periods missing, ``missing_period`` the
    # first six of them
    "forecast.missing_periods": {
        "zh": "{unit}{indicator}：缺{n}期数据（{missing_period}），按已公布各期预测",
        "en": "unit {unit}, indicator {indicator}: missing {n} period(s) ({missing_period}); "
        "the forecast uses the periods published",
    },
    "forecast.missing_periods_more": {
        "zh": "{unit}{indicator}：缺{n}期数据（{missing_period}等），按已公布各期预测",
        "en": "unit {unit}, indicator {indicator}: missing {n} period(s) ({missing_period} "
        "...); the forecast uses the periods published",
    },
    "forecast.data_end": {
        "zh": "{indicator}：数据截至{at_period}，早于{wanted_period}；按{at_period}预测",
        "en": "indicator {indicator}: the data end at {at_period}, before {wanted_period}; "
        "forecast from {at_period}",
    },
    "forecast.unit_late": {
        "zh": "{unit}{indicators}：{wanted_period}数据未公布，按{used_period}预测",
        "en": "unit {unit}, indicator {indicators}: {wanted_period} not published; forecast "
        "from {used_period}",
    },
    "forecast.unit_late_many": {
        "zh": "{unit}{indicators}：{wanted_period}数据未公布，按{used_period}预测",
        "en": "unit {unit}, indicators {indicators}: {wanted_period} not published; forecast "
        "from {used_period}",
    },
    # league (sprintmodel.league: table, figures, odds, progress, report); ``indicator`` and
    # ``parent`` codes shown by their names, ``league`` a league's name (``JC``, or
    # ``JC~overlap`` for the parks of JC; :meth:`LeagueTable.note_names` names both), ``growth``
    # and ``threshold`` [%], periods as the data write them, ``n`` a count, ``column`` a column
    # of projects.csv
    "league.whole_negative": {
        "zh": "{indicator}（{league}）：整体增速为{growth:.2f}%（为负，阈值{threshold:g}%），"
        "贡献率不稳定，贡献位次按拉动排序",
        "en": "{indicator}, {league}: the whole grows {growth:.2f}% (negative, threshold "
        "{threshold:g}%): contribution rates are unstable, so contributions are ranked by "
        "pulling rate",
    },
    "league.whole_near_zero": {
        "zh": "{indicator}（{league}）：整体增速为{growth:.2f}%（接近零，阈值{threshold:g}%），"
        "贡献率不稳定，贡献位次按拉动排序",
        "en": "{indicator}, {league}: the whole grows {growth:.2f}% (near zero, threshold "
        "{threshold:g}%): contribution rates are unstable, so contributions are ranked by "
        "pulling rate",
    },
    "league.not_additive": {
        "zh": "{indicator}不可加总：不计算贡献率和拉动",
        "en": "{indicator} is not additive: contribution and pulling rates are not computed",
    },
    "league.whole_from_children": {
        "zh": "{parent}无{at_period}{indicator}数据：以其汇总下级之和作为整体",
        "en": "{parent} has no {indicator} figure for {at_period}: the sum of its rollup "
        "children is used as the whole",
    },
    "league.overlap": {
        "zh": "与{parent}其他单位重叠：仅在园区间比较，不计入{parent}",
        "en": "overlaps other units of {parent}: ranked among parks, not added into {parent}",
    },
    "league.quarterly_span": {
        "zh": "{indicator}：部分单位仅按季度公布，各单位均按{compared_period}比较（而非"
        "{asked_period}）",
        "en": "{indicator}: some units publish quarterly only, so every unit is compared at "
        "{compared_period} (not {asked_period})",
    },
    "league.not_at_period": {
        "zh": "{indicator}：{span_period}无数据，按此前最近一期{at_period}比较",
        "en": "{indicator}: no figures at {span_period}; compared at its latest period before "
        "it, {at_period}",
    },
    "league.not_at_asked_period": {
        "zh": "{indicator}：{span_period}（所选期间{asked_period}）无数据，按此前最近一期"
        "{at_period}比较",
        "en": "{indicator}: no figures at {span_period} (the period asked for, {asked_period}); "
        "compared at its latest period before it, {at_period}",
    },
    "league.published_up_to": {
        "zh": "{indicator}：仅公布至{at_period}，早于数据最新期{latest_period}，按{at_period}比较",
        "en": "{indicator}: published up to {at_period}, before the data's latest period "
        "{latest_period}; compared at {at_period}",
    },
    "league.no_base": {
        "zh": "无上年同期数值：无法计算增量、贡献率和拉动",
        "en": "no value of the same span last year: increment, contribution and pulling rate "
        "cannot be computed",
    },
    "league.no_figures": {
        "zh": "{indicator}：{year}年截至{up_to_period}无数据",
        "en": "no {indicator} figures for {year} up to {up_to_period}",
    },
    "league.projection": {
        "zh": "全年预计截至{as_of_period}，取抽样{statistic}",
        "en": "projection as of {as_of_period}, {statistic} of the draws",
    },
    "league.odds_ranks_equal": {
        "zh": "同组单位中，按贡献率或拉动的位次与按增量的位次相同（分母相同）",
        "en": "ranks by contribution or pulling rate equal ranks by increment among peers "
        "(same denominator)",
    },
    "league.odds_near_zero": {
        "zh": "{indicator}（{league}）：整体全年增速中位数为{growth:.2f}%（低于{threshold:g}%），"
        "贡献率不稳定，给出按拉动（即增量）的位次",
        "en": "{indicator}, {league}: the whole's median full-year growth is {growth:.2f}% "
        "(below {threshold:g}%): contribution rates are unstable; ranks by pulling rate "
        "(= increment) are given",
    },
    "league.no_plan_column": {
        "zh": "项目库无{column}列（年度计划投资，亿元）：无法计算项目时序进度",
        "en": "projects.csv has no {column} column (annual planned investment, 亿元): project "
        "time progress cannot be computed",
    },
    "league.no_plan_column_has": {
        "zh": "项目库无{column}列（年度计划投资，亿元），现有{have}：无法计算项目时序进度",
        "en": "projects.csv has no {column} column (annual planned investment, 亿元); it has "
        "{have}: project time progress cannot be computed",
    },
    "league.plan_other_year": {
        "zh": "项目库截至{register_month}，计划为{year}年：进度按项目库日期计算",
        "en": "the register stands at {register_month} but the plan is for {year}: progress "
        "is measured at the register's date",
    },
    "league.projects_without_plan": {
        "zh": "{n}个项目无{column}（年度计划投资），未列出",
        "en": "{n} project(s) without a {column} are not shown",
    },
    "league.investment_assumed": {
        "zh": "{n}个项目于{year}年前开工且无本年已完成投资：本年投资按开工以来均匀完成假设"
        "（在项目库中增加{column}列可替代此假设）",
        "en": "{n} project(s) started before {year} and have no invested_this_year: their "
        "investment this year is assumed spread evenly since the start (add an {column} "
        "column to projects.csv to replace the assumption)",
    },
    "league.last_year_prices": {
        "zh": "按上年价格计算的实物量",
        "en": "volumes at last year's prices",
    },
    "league.current_prices": {"zh": "现价", "en": "current prices"},
    "league.level_unknown": {
        "zh": "累计值或目标值未知",
        "en": "year-to-date level or target level unknown",
    },
    "league.read_at_latest": {
        "zh": "{span_period}未公布：按其最新一期{at_period}计算",
        "en": "not published at {span_period}; read at its latest period {at_period}",
    },
    "league.enterprise_latest": {
        "zh": "重点企业名录无{asked_period}数据：显示其最新一期",
        "en": "the enterprise register has no rows for {asked_period}; its latest period is shown",
    },
    **TARGET_NOTE_TEXT,
}
"""Frames of the notes and assumption names, by :attr:`Note.code <sprintmodel.notes.Note.code>`.
Parameters: ``levers`` lever ids; ``n`` a count; ``option`` an acceleration option's name and
``reason`` the engine's message; ``p``, ``best`` probabilities [0-1]; ``budget`` [亿元];
``limit`` [s]; ``gap`` the MILP's relative gap [0-1]; ``project`` a project code; ``action``
a milestone (:data:`MILESTONE`); ``months`` [months]; ``why`` a nested note; ``date_month``,
``start_month``, ``earliest_month`` months (``YYYY-MM``; Chinese: 2026年10月); ``lever``, ``indicator``, ``source``, ``target``,
``component`` codes; ``status`` a project status; ``mean`` [months]; ``value`` a factor."""

STATISTIC: dict[str, dict[str, str]] = {
    "mean": {"zh": "均值", "en": "mean"},
    "median": {"zh": "中位数", "en": "median"},
}
"""The point a projection takes of its draws (``league.projection``'s ``statistic``)."""

_VALUE_WORDS_ZH: dict[str, dict[str, dict[str, str]]] = {
    "status": PROJECT_STATUS,
    "action": MILESTONE,
    "statistic": STATISTIC,
    "option": OPTION_NAMES,
}
"""Parameters whose codes Chinese shows as words (English keeps the code)."""

_VALUE_WORDS: dict[str, dict[str, dict[str, str]]] = {**TARGET_VALUE_WORDS}
"""Parameters whose codes both languages show as words (those of the targets' notes,
:data:`~sprintmodel.words.target_notes.TARGET_VALUE_WORDS`)."""


def _when_zh(key: str, value: str) -> str | None:
    """A month (``*_month``: ``YYYY-MM``) or period (``*_period``: ``2026Q3``, ``2026-10``)
    parameter in Chinese words (:func:`~sprintmodel.words.periods.period_name`); None for other
    parameters."""
    if not (key.endswith("_month") or key.endswith("_period")):
        return None
    try:
        parse_period(value)
    except ValueError:
        return None
    return period_name(value, "zh")


def _value(key: str, value: Any, lang: str, names: Mapping[str, str]) -> Any:
    if isinstance(value, Note):
        return note_text(value, lang, names)
    if isinstance(value, tuple | list):
        if not value:
            return "无" if lang == "zh" else "none"
        return ("、" if lang == "zh" else ", ").join(
            str(_value(key, v, lang, names)) for v in value
        )
    if isinstance(value, str):
        when = _when_zh(key, value) if lang == "zh" else None
        if when is not None:
            return when
        if lang == "zh" and key in _VALUE_WORDS_ZH and value in _VALUE_WORDS_ZH[key]:
            return _VALUE_WORDS_ZH[key][value]["zh"]
        if key in _VALUE_WORDS and value in _VALUE_WORDS[key]:
            return _VALUE_WORDS[key][value]["zh" if lang == "zh" else "en"]
        return names.get(value, value)
    return value


def code_names(*groups: Any, lang: str = "zh") -> dict[str, str]:
    """Display names of codes: each item's ``label(lang)`` in each mapping of code → item.

    For ``names`` of :func:`note_text` and the tornado chart: e.g.
    ``code_names(engine.levers, dataset.indicators)`` maps ``consumption_vouchers`` to
    ``发放消费券`` and ``retail`` to ``社会消费品零售总额``. ``None`` groups are skipped; an
    item without ``label`` is shown as ``str(item)``.
    """
    out: dict[str, str] = {}
    for group in groups:
        if group is None:
            continue
        for code in group:
            item = group[code]
            out[str(code)] = item.label(lang) if hasattr(item, "label") else str(item)
    return out


def note_text(note: Note, lang: str = "zh", names: Mapping[str, str] | None = None) -> str:
    """A note in ``lang``: its frame in :data:`NOTE_TEXT` filled with its parameters.

    Parameters
    ----------
    note
        The note (:class:`sprintmodel.notes.Note`).
    lang
        ``"zh"`` or ``"en"``.
    names
        Display names of codes (lever ids, indicator codes...); a code not in it is shown as
        it is.

    Examples
    --------
    >>> from sprintmodel.notes import Note
    >>> n = Note.of("optimize.levers_idle", levers=["export_support", "special_bonds"])
    >>> note_text(n, "en")
    'levers that move none of the targets: export_support, special_bonds'
    >>> note_text(n, "zh", {"export_support": "出口信保"})
    '以下政策对各目标均无影响（未纳入）：出口信保、special_bonds'
    >>> note_text(Note.of("tornado.delay", status="signed", mean=4.0), "zh")
    '已签约项目延误（均值4个月）'
    """
    frame = NOTE_TEXT.get(note.code)
    if frame is None:  # a code without words: say it as data rather than lose it
        args = ", ".join(f"{k}={v}" for k, v in note.params)
        return f"{note.code}({args})"
    shown = {k: _value(k, v, lang, names or {}) for k, v in note.params}
    return frame["zh" if lang == "zh" else "en"].format(**shown)


def note_records(
    notes: Iterable[Note], lang: str = "en", names: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """The notes as JSON-ready records ``{"code", "params", "text"}``, ``text`` in ``lang``
    (what ``report.json`` and ``run.json`` hold)."""
    return [{**n.to_dict(), "text": note_text(n, lang, names)} for n in notes]


def notes_text(
    notes: Iterable[Note], lang: str = "zh", names: Mapping[str, str] | None = None
) -> str:
    """Several notes as one cell of a table: each :func:`note_text`, joined by ``；`` in
    Chinese and ``; `` in English ("" for none)."""
    return ("；" if lang == "zh" else "; ").join(note_text(n, lang, names) for n in notes)


@cache
def _english_patterns() -> tuple[tuple[str, re.Pattern[str], frozenset[str]], ...]:
    """Each code's English frame as a pattern (fields as named groups) and its numeric fields."""
    out = []
    for code, frame in NOTE_TEXT.items():
        parts, numeric, seen = [], set(), set()
        for literal, field, spec, _ in string.Formatter().parse(frame["en"]):
            parts.append(re.escape(literal))
            if field in seen:  # a parameter said twice is the same text both times
                parts.append(f"(?P={field})")
            elif field:
                parts.append(f"(?P<{field}>.+?)")
                seen.add(field)
                if spec:
                    numeric.add(field)
        out.append((code, re.compile("".join(parts)), frozenset(numeric)))
    return tuple(out)


def read_note(text: str, prefix: str = "") -> Note | None:
    """The note whose English words are ``text`` (the inverse of ``note_text(note, "en")``).

    For tables that keep the English name only (``tornado.csv``'s ``assumption``); ``prefix``
    limits the codes tried (``"tornado."``). None when no frame fits. Numbers come back as
    floats; nested notes are not read.

    Examples
    --------
    >>> read_note("delays of signed projects (mean 3 months)", "tornado.")
    Note(code='tornado.delay', params=(('status', 'signed'), ('mean', 3.0)))
    >>> read_note("something new") is None
    True
    """
    for code, pattern, numeric in _english_patterns():
        if not code.startswith(prefix):
            continue
        m = pattern.fullmatch(text)
        if m is None:
            continue
        try:
            args = {k: float(v) if k in numeric else v for k, v in m.groupdict().items()}
        except ValueError:
            continue
        return Note.of(code, **args)
    return None


__all__ = [
    "MILESTONE",
    "NOTE_TEXT",
    "STATISTIC",
    "code_names",
    "note_records",
    "note_text",
    "notes_text",
    "read_note",
]
