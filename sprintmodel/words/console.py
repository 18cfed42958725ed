"""The terminal lines of ``sprintmodel run`` and ``sprintmodel brief`` in Chinese and English.

One frame per line, filled by :func:`say`; numbers are formatted by the frames, so both
languages show the same figures to the same decimals. Indicator, unit and scenario names come
from the data folder (``label(lang)``) and :func:`~sprintmodel.words.briefing.scenario_label`.
"""

from __future__ import annotations

CONSOLE: dict[str, dict[str, str]] = {
    # sprintmodel run
    "run.head": {
        "zh": "情景“{name}”（数据截至{as_of}）：{draws}次模拟，随机种子{seed}，政策成本[亿元]：{cost}",
        "en": "scenario '{name}' as of {as_of}: {draws} draws, seed {seed}, "
        "lever cost by kind [亿元]: {cost}",
    },
    "run.no_cost": {"zh": "无", "en": "none"},
    "run.growth": {
        "zh": "  {indicator}  全年增速{growth:6.2f}% [{lo:.2f}, {hi:.2f}]  目标{target:.2f}%  "
        "完成目标概率{p:.2f}  较基准{delta:+.2f}个百分点",
        "en": "  {indicator:<8} growth {growth:6.2f}% [{lo:.2f}, {hi:.2f}]  target {target:5.2f}%  "
        "P(meet) {p:.2f}  Δ {delta:+.2f} pp",
    },
    "run.completion": {
        "zh": "  {indicator}  全年完成{value:.2f}{measure}（年度任务{target:.2f}{measure}的"
        "{done:.1f}%）  完成目标概率{p:.2f}",
        "en": "  {indicator:<8} done   {value:6.2f} of {target:.2f} {measure} ({done:.1f}% of the "
        "task)  P(meet) {p:.2f}",
    },
    "note": {"zh": "注：{text}", "en": "note: {text}"},
    # sprintmodel forecast (stderr)
    "forecast.warning": {"zh": "提示：{text}", "en": "warning: {text}"},
    # sprintmodel brief
    "brief.scenario": {
        "zh": "  {name}  {indicator}{growth:6.2f}% [{lo:.2f}, {hi:.2f}]  完成目标概率{p:.2f}  "
        "政策成本{cost:.2f}亿元",
        "en": "  {name:<24} {indicator} {growth:6.2f}% [{lo:.2f}, {hi:.2f}]  P(meet) {p:.2f}  "
        "cost {cost:.2f} 亿元",
    },
    "brief.check": {"zh": "核查：{text}", "en": "check: {text}"},
    "brief.more_checks": {
        "zh": "核查：……另有{n}项，列于简报末尾",
        "en": "check: ... {n} more, listed at the end of the briefing",
    },
    "brief.totals": {
        "zh": "{city}：{n}个情景，{ok}个完成，{failed}个失败，{checks}项待核实；"
        "{executor}执行器，{workers}个进程，每秒{rate:.1f}个情景",
        "en": "{city}: {n} scenario(s), {ok} ran, {failed} failed, {checks} check(s) to verify; "
        "{executor} executor, {workers} worker(s), {rate:.1f} scenarios/s",
    },
}
"""Frames of the terminal lines by key, each with a ``zh`` and an ``en`` text using the same
fields."""


def say(key: str, lang: str = "zh", **fields: object) -> str:
    """The line ``key`` in ``lang`` (English unless ``"zh"``) with its ``fields`` filled.

    Examples
    --------
    >>> say("brief.more_checks", "zh", n=13)
    '核查：……另有13项，列于简报末尾'
    >>> say("brief.more_checks", "en", n=13)
    'check: ... 13 more, listed at the end of the briefing'
    """
    return CONSOLE[key]["zh" if lang == "zh" else "en"].format(**fields)


__all__ = ["CONSOLE", "say"]
