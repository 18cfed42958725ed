"""Notes: how to read the figures, and the facts of the run."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sprintmodel.briefing.document import (
    Section,
)
from sprintmodel.words.briefing import t


def notes_section(lang: str, meta: Mapping[str, Any], extra: Sequence[str]) -> Section:
    if lang == "zh":
        lines = [
            "全年预计增速为全年点预测（情景按其对模拟均值的影响调整），与预测、情景、方案各项输出为同一数字；预计区间为第10至第90百分位数；完成目标概率为模拟中达到或超过目标的比例。",
            "与目标差距 = 全年预计增速 − 目标增速（百分点），负数表示低于目标；以目标值下达的指标按目标值折算增速。",
            "四季度（剩余月份）需增长：在前三季度（年初至今）实际完成的基础上，完成全年目标所需的剩余期间同比增速。",
            "比基准增减为各情景全年预计增速与参照情景之差，按未修约数计算后修约。",
            "表中数字保留一位小数（金额两位）并四舍五入；正文引用的数字与表中数字一致。",
        ]
    else:
        lines = [
            "Projected growth is the full-year point forecast (moved by a scenario's change of "
            "the simulated mean), the same figure in every output; the range runs from the "
            "10th to the 90th percentile; the chance of meeting the target is the share of "
            "draws at or above it.",
            "Gap = projected minus target growth (pp), negative when short; level targets are "
            "turned into growth.",
            "Required rest-of-year growth: the growth on the same span last year that the rest "
            "of the year needs, given the year to date, to meet the target.",
            "Changes from the reference are differences of projected growth, computed before rounding.",
            "Figures are rounded half away from zero to one decimal (amounts two); every figure "
            "in the text is the one in its table.",
        ]
    facts = [
        f"{FACTS[k][lang]}：{meta[k]}" if lang == "zh" else f"{FACTS[k][lang]}: {meta[k]}"
        for k in FACTS
        if meta.get(k) not in (None, "")
    ]
    return Section("notes", t("notes", lang), tuple([*lines, *facts, *extra]))


FACTS = {
    "reference": {"zh": "参照情景", "en": "Reference scenario"},
    "data": {"zh": "数据文件夹", "en": "Data folder"},
    "data_sha256": {"zh": "数据SHA-256", "en": "Data SHA-256"},
    "levers": {"zh": "政策参数文件", "en": "Levers file"},
    "version": {"zh": "sprintmodel版本", "en": "sprintmodel version"},
}
"""Facts of the run listed in the notes, with their labels."""
