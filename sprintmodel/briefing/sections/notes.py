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
            "全年预计增速为模拟结果的中位数；预计区间为第10至第90百分位数；完成目标概率为模拟中达到或超过目标的比例，"
            "以文字表述把握程度：不足1%为几乎没有可能，10%以下为可能性很小，30%以下为可能性较小，50%以下为把握不大，"
            "70%以下为有一定把握，90%以下为把握较大，90%以上为把握很大，超过99%为几乎可以肯定。",
            "城镇新增就业等以全年完成量下达的任务类指标，按完成年度目标的比重与时序进度（已过月份占全年的比重）比较。",
            "政策成本按资金类别（财政资金、债务额度、信贷资金）分列，不同类别不相加。",
            "与目标差距 = 全年预计增速 − 目标增速（百分点），负数表示低于目标；以目标值下达的指标按目标值折算增速。",
            "四季度（剩余月份）需增长：在前三季度（年初至今）实际完成的基础上，完成全年目标所需的剩余期间同比增速。",
            "比基准增减为各情景全年预计增速（中位数）与参照情景之差，按未修约数计算后修约。",
            "表中数字保留一位小数（金额两位）并四舍五入；正文引用的数字与表中数字一致。",
        ]
    else:
        lines = [
            "Projected growth is the median of the simulated full year; the range runs from the "
            "10th to the 90th percentile; the chance of meeting the target is the share of "
            "draws at or above it.",
            "Gap = projected minus target growth (pp), negative when short; level targets are "
            "turned into growth.",
            "Required rest-of-year growth: the growth on the same span last year that the rest "
            "of the year needs, given the year to date, to meet the target.",
            "Changes from the reference are differences of medians, computed before rounding.",
            "Figures are rounded half away from zero to one decimal (amounts two); every figure "
            "in the text is the one in its table.",
        ]
    facts = [
        f"{FACTS[k][lang]}：{meta[k]}" if lang == "zh" else f"{FACTS[k][lang]}: {meta[k]}"
        for k in FACTS
        if meta.get(k) not in (None, "")
    ]
    facts.append(
        "数据文件夹、数据校验值、政策参数文件和程序版本等运行信息记录在随附的 manifest.json 中。"
        if lang == "zh"
        else "The data folder, its hash, the levers file and the program's version are in the "
        "accompanying manifest.json."
    )
    return Section("notes", t("notes", lang), tuple([*lines, *facts, *extra]))


FACTS = {
    "reference": {"zh": "参照情景", "en": "Reference scenario"},
}
"""Facts of the run listed in the notes, with their labels. Paths, hashes and versions are not
among them: they are for machines and go to ``manifest.json`` only."""
