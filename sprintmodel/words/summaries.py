"""Words of the results objects' printouts (``summary(lang)``) in Chinese and English.

:meth:`ForecastResult.summary <sprintmodel.forecast.ForecastResult.summary>`, the league's
:meth:`LeagueTable.summary <sprintmodel.league.LeagueTable.summary>` and
:meth:`RankOdds.summary <sprintmodel.league.RankOdds.summary>`, the backtest's and the targets'
(calibration, trend, next year's draws, an allocation) take their sentence frames here; column
headers are :data:`~sprintmodel.words.headers.HEADERS`, notes :mod:`sprintmodel.words.notes`,
units and indicators their own names, a note's lead (注：) :data:`sprintmodel.words.console.CONSOLE`.
English is what the printouts always said, word for word.

Plain data and small pure functions; nothing here computes a figure.
"""

from __future__ import annotations

from typing import Any

from sprintmodel.words.target_notes import TARGET_VALUE_WORDS

SUMMARY_TEXT: dict[str, dict[str, str]] = {
    "none": {"en": "none", "zh": "无"},
    # ForecastResult.summary: as_of a period, method and members the methods' names
    "forecast.head": {
        "en": "Full-year forecast as of {as_of} ({method}: {members}); {n} series, {draws} draws",
        "zh": "全年预测：截至{as_of}（{method}：{members}），{n}个序列，{draws}次模拟",
    },
    "forecast.warnings": {"en": "{n} warning(s):", "zh": "{n}条提示："},
    # BacktestResult.summary: as_of the origin (Q3, month 9), first and last the years
    "backtest.head": {
        "en": "Rolling-origin backtest as of {as_of}, {first}-{last} (vintage: as in the folder; "
        "no clean real-time vintage exists)",
        "zh": "滚动起点回测：截至{as_of}，{first}—{last}年（数据版本以数据文件夹为准，"
        "无严格的实时数据版本）",
    },
    "backtest.overall": {"en": "overall", "zh": "全部指标"},
    # LeagueTable.summary: what the kind of figures, whole the contribution's denominator,
    # members the word for the units compared (区县, 乡镇...)
    "league.head": {
        "en": "League table ({what}, {period}; whole = {whole}; {n_units} units, "
        "{n_indicators} indicators)",
        "zh": "{members}比拼（{what}，{period}；贡献率分母：{whole}；{n_units}个地区，"
        "{n_indicators}项指标）",
    },
    "league.ytd": {"en": "year to date", "zh": "累计"},
    "league.fy": {"en": "projected full year", "zh": "全年预计"},
    "league.line": {
        "en": "  {indicator} ({period}): average {average:.1f}%, mean {mean:.1f}%; first {leader} "
        "{growth:.1f}%; below average: {below}{unallocated}",
        "zh": "  {indicator}（{period}）：平均水平{average:.1f}%，简单平均{mean:.1f}%；第一"
        "{leader}{growth:.1f}%；低于平均：{below}{unallocated}",
    },
    "league.unallocated": {"en": "; unallocated {pct:.1f}%", "zh": "；未分配{pct:.1f}%"},
    "league.champions": {
        "en": "  single-item champions (first by growth): {champions}",
        "zh": "  单项冠军（增速第一）：{champions}",
    },
    "league.champion": {"en": "{unit} ×{n}", "zh": "{unit}×{n}"},
    # RankOdds.summary
    "odds.head": {
        "en": "Rank odds over {n} draws (top = {top})",
        "zh": "位次概率（{n}次模拟，前列为前{top}位）",
    },
    "odds.line": {
        "en": "  {indicator}, {parent}{parks}: likeliest first {unit} (p = {p:.2f}); "
        "P(top {top}) {top_odds}",
        "zh": "  {indicator}，{parent}{parks}：最可能居首{unit}（概率{p:.2f}）；"
        "进入前{top}位概率：{top_odds}",
    },
    "odds.parks": {"en": " (parks)", "zh": "园区"},
    "odds.item": {"en": "{unit} {p:.2f}", "zh": "{unit} {p:.2f}"},
    # CalibrationResult.summary: span the target years, quarter of the year before
    "calibration.head": {
        "en": "Calibration of target probabilities: {n} unit-years, target years {span}, "
        "drafted as of Q{quarter} of the year before",
        "zh": "目标概率回测：{n}个地区年，目标年份{span}，按上一年第{quarter}季度末数据编制",
    },
    "calibration.line": {
        "en": "  P(meet) {p:.0%}: met {rate:.0%} of {n} (99% band {lo:.0%}–{hi:.0%}, "
        "{years} years)",
        "zh": "  设计概率{p:.0%}：实际实现{rate:.0%}，共{n}个（99%区间{lo:.0%}–{hi:.0%}，"
        "{years}年）",
    },
    # TrendFit.summary: methods the trend models used
    "trend.head": {
        "en": "TrendFit({n} units, q={q:.3g}, gain={gain:.2f}, methods={methods})",
        "zh": "趋势模型（{n}个地区，信噪比{q:.3g}，平滑系数{gain:.2f}，方法：{methods}）",
    },
    # NextYearDraws.summary
    "nextyear.head": {
        "en": "NextYearDraws({indicator}, year={year}, as_of={as_of}, {n} draws × {m} units)",
        "zh": "明年增速分布：{indicator}，{year}年，截至{as_of}，{n}次模拟 × {m}个地区",
    },
    # Allocation.summary: side a bound's side (:data:`BOUND_SIDE`)
    "allocation.head": {
        "en": "Allocation of {indicator} {growth:.2f}% for {parent} among {n} units "
        "(λ = {multiplier:.4f} pp, adding-up error {error:.1e})",
        "zh": "{parent}{indicator}目标{growth:.2f}%分解至{n}个地区（λ = {multiplier:.4f}个百分点，"
        "加总误差{error:.1e}）",
    },
    "allocation.widened": {
        "en": "  {side} bounds of {units} widened by {pp:.2f} pp to make the target feasible",
        "zh": "  {units}的{side}限放宽{pp:.2f}个百分点，使目标可以分解",
    },
    "allocation.line": {
        "en": "  {unit} {growth:6.2f}%  (reference {reference:.2f}%, bounds "
        "{lower:.2f}–{upper:.2f}){tag}",
        "zh": "  {unit} {growth:6.2f}%（参考{reference:.2f}%，范围{lower:.2f}–{upper:.2f}）{tag}",
    },
    "allocation.tag": {"en": "  [{side}]", "zh": "［触及{side}限］"},
}
"""Frames of the printouts, by ``object.part``; filled by :func:`summary_text`."""

METHOD_NAMES: dict[str, dict[str, str]] = {
    "combination": {"zh": "组合预测", "en": "combination"},
    "ratio": {"zh": "比例法", "en": "ratio"},
    "momentum": {"zh": "动量法", "en": "momentum"},
    "seasonal_share": {"zh": "季节占比法", "en": "seasonal_share"},
    "drift": {"zh": "偏差修正比例法", "en": "drift"},
    "seasonal_step": {"zh": "平滑季节动量法", "en": "seasonal_step"},
    "ets": {"zh": "单期增速指数平滑", "en": "ets"},
    "share_step": {"zh": "平滑季节比例法", "en": "share_step"},
    "pooled": {"zh": "合并回归法", "en": "pooled"},
    "arima": {"zh": "单期增速自回归", "en": "arima"},
    "uc": {"zh": "单期增速局部水平模型", "en": "uc"},
    "ets_level": {"zh": "阻尼季节指数平滑", "en": "ets_level"},
    "no_change": {"zh": "维持现值法", "en": "no_change"},
    "bridge": {"zh": "桥接方程", "en": "bridge"},
    "dfm": {"zh": "动态因子模型", "en": "dfm"},
}
"""The forecast methods (:data:`sprintmodel.forecast.methods.METHODS`, ``LEVEL_METHODS``) by
name, and the monthly nowcast's members (:data:`sprintmodel.forecast.nowcast.MEMBERS`);
English keeps the registry's name."""

BOUND_SIDE: dict[str, dict[str, str]] = TARGET_VALUE_WORDS["side"]
"""An allocation's bound side (``binding``, ``widened_side``): the words the notes use."""


WHOLE_WORDS: dict[str, dict[str, str]] = {
    "members": {"zh": "统计口径（下级增量合计）", "en": "members"},
    "parent": {"zh": "上级增量", "en": "parent"},
    "sum": {"zh": "下级加总", "en": "sum"},
}
"""The whole a league's contributions are measured against
(:data:`sprintmodel.league.table.Whole`)."""


def _lang(lang: str) -> str:
    return "zh" if lang == "zh" else "en"


def summary_text(key: str, lang: str = "en", **params: Any) -> str:
    """The frame ``key`` of :data:`SUMMARY_TEXT` in ``lang`` (English unless ``"zh"``), filled."""
    return SUMMARY_TEXT[key][_lang(lang)].format(**params)


def word(words: dict[str, dict[str, str]], code: str, lang: str = "en") -> str:
    """``code``'s word in ``lang`` from one of the lists above; an unknown code as it is."""
    return words.get(code, {}).get(_lang(lang), code)


def joined(items: list[str], lang: str = "en") -> str:
    """Items as one list: ``、`` in Chinese, ``, `` in English."""
    return ("、" if lang == "zh" else ", ").join(items)


__all__ = [
    "BOUND_SIDE",
    "METHOD_NAMES",
    "SUMMARY_TEXT",
    "WHOLE_WORDS",
    "joined",
    "summary_text",
    "word",
]
