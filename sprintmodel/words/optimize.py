"""Words of the optimiser's printout in Chinese and English: the package and the tornado.

:meth:`OptimizationResult.summary <sprintmodel.optimize.OptimizationResult.summary>` and
:meth:`Tornado.summary <sprintmodel.optimize.Tornado.summary>` take every word from here; the
notes and the tornado's assumption names are in :mod:`sprintmodel.words.notes`.

Plain data and small pure functions; nothing here computes a figure.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from sprintmodel.words.notes import MILESTONE

SUMMARY: dict[str, dict[str, str]] = {
    "en": {
        "head_min": "Least-cost sprint package",
        "head_max": "Best sprint package within the budget",
        "targets": "targets",
        "joint": "all in the same draw",
        "each": "each separately",
        "budget": "budget",
        "cost": "cost",
        "levers": "levers",
        "accel": "project accelerations",
        "p_saa": "probability on the sample",
        "p_check": "re-checked on fresh draws",
        "feasible": "meets the target probability",
        "infeasible": "TARGET PROBABILITY OUT OF REACH (this package reaches the most)",
        "draws": "draws, seed",
        "package": "Package",
        "nothing": "(nothing needed: the baseline already meets it)",
        "binding": "Binding constraints",
        "single": "Single levers alone (fresh draws)",
        "unreachable": "cannot reach it",
        "target": "Targets",
        "notes": "note",
        "months": "months earlier",
        "month": "month earlier",
        "no_help": "(no lever or acceleration raises the probability)",
        "none_binding": "(none)",
        "t_target": "target",
        "t_base": "baseline",
        "t_gap": "gap",
        "pp": " pp",
    },
    "zh": {
        "head_min": "最低成本冲刺方案",
        "head_max": "预算内最优冲刺方案",
        "targets": "目标",
        "joint": "同时实现",
        "each": "分别实现",
        "budget": "预算",
        "cost": "成本",
        "levers": "政策",
        "accel": "项目提前",
        "p_saa": "样本内概率",
        "p_check": "新抽样复核概率",
        "feasible": "达到目标概率",
        "infeasible": "目标概率无法达到（本方案可达概率最高）",
        "draws": "次模拟，种子",
        "package": "方案",
        "nothing": "（无需加力：基线已达到）",
        "binding": "起约束作用的条件",
        "single": "单项政策单独使用（新抽样）",
        "unreachable": "无法达到",
        "target": "目标",
        "notes": "说明",
        "months": "个月（提前）",
        "month": "个月（提前）",
        "no_help": "（没有能提高概率的政策或项目）",
        "none_binding": "（无）",
        "t_target": "目标",
        "t_base": "基线",
        "t_gap": "差距",
        "pp": "个百分点",
    },
}
"""Words of the package's printout (:meth:`OptimizationResult.summary`), by language."""

TORNADO: dict[str, dict[str, str]] = {
    "en": {
        "head": "Tornado of '{name}' ({n} draws, seed {seed})",
        "target": "{target}: gap {gap:+.2f} pp, P(meet) {p:.1%}",
        "pp": " pp",
    },
    "zh": {
        "head": "龙卷风图（敏感性）: {name} ({n} 次模拟，种子 {seed})",
        "target": "{target}：差距{gap:+.2f}个百分点，达标概率{p:.1%}",
        "pp": "个百分点",
    },
}
"""Words of the tornado's printout (:meth:`Tornado.summary`), by language."""

PACKAGE_NAMES: dict[str, dict[str, str]] = {
    "least_cost_package": {"zh": "最低成本冲刺方案", "en": "least_cost_package"},
    "best_package_within_budget": {"zh": "预算内最优冲刺方案", "en": "best_package_within_budget"},
}
"""The scenario names the optimiser gives its package (English keeps the name of the file)."""

ORIGIN_ZH: tuple[tuple[str, str], ...] = (
    ("sample programme", "样本规划求解"),
    ("single lever: ", "单项政策："),
    ("most probable within the budget", "预算内概率最高"),
    ("most probable (no budget)", "概率最高（不限预算）"),
    ("everything at its cap", "全部措施用足上限"),
    ("nothing", "无需措施"),
)
"""Chinese names of the candidates a package comes from (:mod:`sprintmodel.optimize.solve`)."""

CONSTRAINT_ZH: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "cap": lambda r: f"{r['item']} 上限",
    "feasibility": lambda r: f"{r['item']} 可提前月数上限",
    "budget": lambda r: "预算",
    "probability": lambda r: "样本内概率" if r["item"] == "sample" else "新抽样复核概率",
}
"""Chinese names of the binding constraints, by kind (English: the record's ``constraint``)."""


def pad(text: str, width: int) -> str:
    """``text`` filled with spaces to ``width`` terminal columns (a Chinese character takes two)."""
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - shown)


def summary_words(lang: str) -> dict[str, str]:
    """The words of the package's printout in ``lang`` (English unless ``"zh"``)."""
    return SUMMARY["zh" if lang == "zh" else "en"]


def tornado_words(lang: str) -> dict[str, str]:
    """The words of the tornado's printout in ``lang`` (English unless ``"zh"``)."""
    return TORNADO["zh" if lang == "zh" else "en"]


def package_name(name: str, lang: str) -> str:
    """The optimiser's package name (``least_cost_package``) in ``lang``; others as given."""
    return PACKAGE_NAMES.get(name, {}).get(lang, name)


def origin_text(origin: str, lang: str) -> str:
    """The candidate a package comes from (``sample programme, α = 0.7``...) in ``lang``."""
    if lang == "zh":
        for en, zh in ORIGIN_ZH:
            if origin.startswith(en):
                return zh + origin[len(en) :]
    return origin


def kind_text(kind: str, lang: str) -> str:
    """An acceleration's kind (``acceleration (production)``) in ``lang``."""
    if lang == "zh" and kind.startswith("acceleration (") and kind.endswith(")"):
        what = kind[len("acceleration (") : -1]
        return f"提前（{MILESTONE.get(what, {}).get('zh', what)}）"
    return kind


def constraint_text(
    record: Mapping[str, Any], lang: str, names: Mapping[str, str] | None = None
) -> str:
    """A binding constraint's name (a :attr:`OptimizationResult.binding` record) in ``lang``,
    its lever or project by its name in ``names`` (Chinese)."""
    if lang == "zh":
        item = record.get("item")
        shown = {**record, "item": (names or {}).get(str(item), item)}
        return CONSTRAINT_ZH[record["kind"]](shown)
    return str(record["constraint"])


def target_text(
    unit: str, indicator: str, lang: str, names: Mapping[str, str] | None = None
) -> str:
    """A target by its unit and indicator: 江川市社会消费品零售总额 (``en``: JC × retail), names
    from ``names`` (Chinese display names of the codes)."""
    if lang == "zh":
        nm = names or {}
        return f"{nm.get(unit, unit)}{nm.get(indicator, indicator)}"
    return f"{unit} × {indicator}"


__all__ = [
    "CONSTRAINT_ZH",
    "ORIGIN_ZH",
    "PACKAGE_NAMES",
    "SUMMARY",
    "TORNADO",
    "constraint_text",
    "kind_text",
    "origin_text",
    "package_name",
    "pad",
    "summary_words",
    "target_text",
    "tornado_words",
]
