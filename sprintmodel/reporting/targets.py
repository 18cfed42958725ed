"""Writing a draft of next year's targets: ``targets.xlsx`` laid out for drafting, and CSVs.

A thin shell over :class:`~sprintmodel.targets.result.TargetsResult` (the command line and
notebooks call it; the core never imports it). The folder is built in a temporary sibling and
renamed into place (:func:`sprintmodel.reporting.files.atomic_folder`), so it is never
half-written.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sprintmodel.targets.config import TargetConfig
from sprintmodel.targets.result import TargetsResult
from sprintmodel.words.headers import insert_names, translate_values
from sprintmodel.words.notes import note_records
from sprintmodel.words.options import TARGET_VALUES_ZH
from sprintmodel.words.periods import period_label
from sprintmodel.words.target_notes import SOURCES_ZH, source_words
from sprintmodel.words.wording import Wording, wording

CSV_FILES = {
    "options": "options.csv",
    "tiers": "tiers.csv",
    "allocation": "allocation.csv",
    "binding": "binding.csv",
    "milestones": "milestones.csv",
    "double_half": "double_half.csv",
    "investment_plan": "investment_plan.csv",
    "investment_by_unit": "investment_by_unit.csv",
    "investment_by_category": "investment_by_category.csv",
    "investment_by_park": "investment_by_park.csv",
    "investment_coverage": "investment_coverage.csv",
    "components": "components.csv",
}
"""Table → CSV file of the output folder (codes and numbers as computed, nothing rounded)."""

SHEETS_ZH = {
    "options": "目标方案",
    "tiers": "保底力争奋斗",
    "allocation": "指标分解",
    "binding": "分解约束",
    "milestones": "时序进度",
    "double_half": "双过半",
    "investment_plan": "投资计划",
    "investment_by_unit": "分地区投资",
    "investment_by_category": "分类别投资",
    "investment_by_park": "分园区投资",
    "investment_coverage": "投资计划覆盖",
    "components": "测算依据",
}
SHEETS_EN = {
    "options": "Options",
    "tiers": "Tiers",
    "allocation": "Allocation",
    "binding": "Binding constraints",
    "milestones": "Milestones",
    "double_half": "Both halves",
    "investment_plan": "Investment plan",
    "investment_by_unit": "Plan by unit",
    "investment_by_category": "Plan by category",
    "investment_by_park": "Plan by park",
    "investment_coverage": "Plan coverage",
    "components": "Components",
}

FORMATS = {
    "probability": "0%",
    "p_design": "0%",
    "lower": "0.0",
    "upper": "0.0",
    "reference_growth": "0.0",
    "trend_se": "0.0",
    "bound_multiplier": "0.000",
    "multiplier": "0.000",
    "value": "0.0",
}
"""Number formats beyond :func:`sprintmodel.reporting.excel.default_format`."""


def _values_zh(words: Wording) -> dict[str, dict[str, str]]:
    """:data:`~sprintmodel.words.options.TARGET_VALUES_ZH` with the root's words (全市/全国..., 区县/下级单位...)."""
    out = dict(TARGET_VALUES_ZH)
    out["level"] = {**TARGET_VALUES_ZH["level"], "city": words.whole, "unit": words.members}
    out["constraint"] = {**TARGET_VALUES_ZH["constraint"], "sum": f"合计等于{words.whole}目标"}
    return out


def notes_lines(result: TargetsResult, lang: str = "zh") -> dict[str, list[str]]:
    """The notes sheet: how the numbers were made, the sources of defaults, and the notes."""
    cfg = result.config
    w = wording(result.dataset.hierarchy)
    if lang == "zh":
        method = [
            f"明年（{result.year}年）增速的模拟：今年全年预计（{source_words(result.source)}，截至"
            f"{period_label(result.as_of)}）"
            "为基数；趋势增速由局部水平模型（statsmodels）估计，信噪比按指标在各地区合并估计；"
            f"翘尾影响 = {cfg.carry_weight:g} ×（今年剩余期增速 − 今年全年增速）；"
            "重大项目：新投产项目增加值的新增部分（投产后按爬坡期线性达产，投产首12个月再按设计产能的"
            f"{cfg.first_year_load:.0%}计，即达产达效折扣）、项目进度延误对投资的影响。",
            "方案概率 = 模拟中明年增速不低于该目标的比例；目标增速按0.5个百分点取整后重算概率。",
            "保底 = 稳妥方案（约80%把握），力争 = 基准方案（约50%），奋斗 = 积极方案（约30%）。",
            "一季度需增长：按近年季节规律，全年目标的一季度应完成量相对今年一季度的增速。",
            f"指标分解：各{w.members}目标总量之和 + 本级等未分配部分（按{w.whole}增速增长）"
            f"= {w.whole}目标总量。",
            "双过半：总量型目标（如城镇新增就业）上半年完成全年目标的50%以上；增速型目标上半年增速"
            "不低于全年目标增速。",
            "实际增速以统计部门公布为准；规上工业增加值、GDP为可比价增速，目标总量按今年价格计算。",
        ]
    else:
        method = [
            f"Next year ({result.year}): this year's projected full year ({result.source}, as of "
            f"{result.as_of}) is the base; the trend growth comes from a local-level model "
            "(statsmodels) with its signal-to-noise ratio pooled over the indicator's units; "
            f"carry-over = {cfg.carry_weight:g} × (rest-of-year growth − full-year growth); "
            "projects: new output of projects starting production (a linear ramp to capacity, "
            f"then {cfg.first_year_load:.0%} of design output in the first 12 months of "
            "production: the 达产达效 discount) and the timing of investment.",
            "Probability = share of draws of next year's growth at or above the target; targets "
            "are rounded to 0.5 pp and their probability recomputed.",
            "Floor = cautious (about 80%), strive = baseline (about 50%), aspire = ambitious "
            "(about 30%).",
            "Q1 growth: the first quarter's year-to-date growth that keeps the usual seasonal "
            "share of the annual target.",
            "Allocation: units' target levels plus the city's residual (grown with the city) add "
            "up to the city's target level.",
            "双过半: an amount to complete (new urban jobs) needs half of the year's amount by "
            "June; a growth target needs first-half growth at or above the annual target growth.",
        ]
    default = TargetConfig().sources  # the defaults' own texts have Chinese words
    sources = [
        f"{k}: {SOURCES_ZH[k] if lang == 'zh' and k in SOURCES_ZH and v == default.get(k) else v}"
        for k, v in cfg.sources.items()
    ]
    heading = ("测算方法", "参数来源", "提示") if lang == "zh" else ("Method", "Sources", "Notes")
    return {heading[0]: method, heading[1]: sources, heading[2]: result.note_texts(lang)}


def write_targets_workbook(result: TargetsResult, path: Path, *, lang: str = "zh") -> Path:
    """``targets.xlsx``: one sheet per part, Chinese (or English) headers, notes at the end."""
    from sprintmodel.reporting.excel import Highlight, write_workbook

    ds = result.dataset
    values_zh = _values_zh(wording(ds.hierarchy))
    tables = result.tables(lang)
    sheets: dict[str, pd.DataFrame] = {}
    for key, frame in tables.items():
        if frame.empty and key not in ("options", "allocation", "milestones"):
            continue
        sheets[key] = translate_values(insert_names(frame, ds, lang), values_zh, lang)
    highlights = {
        "options": [
            Highlight(
                lambda f: pd.to_numeric(f["probability"], errors="coerce") < 0.5,
                color="yellow",
                columns=("option", "target_growth", "probability"),
            )
        ],
        "allocation": [
            Highlight(
                lambda f: f["binding"].astype(str) != "",
                color="yellow",
                columns=("unit", "unit_name", "target_growth", "lower", "upper", "binding"),
            )
        ],
        "double_half": [
            Highlight(
                lambda f: (
                    ~f["double_half_on_path"].fillna(False).astype(bool)
                    if "double_half_on_path" in f
                    else pd.Series(False, index=f.index)
                ),
                color="red",
                columns=("unit", "unit_name", "double_half_on_path", "h1_growth_for_double_half"),
                font_color="9C0006",
            )
        ],
        "investment_plan": [
            Highlight(
                "at_risk",
                color="red",
                columns=("project", "name", "slip_loss", "fai_pp_at_risk", "at_risk"),
                font_color="9C0006",
            )
        ],
    }
    names = SHEETS_ZH if lang == "zh" else SHEETS_EN
    return write_workbook(
        path,
        sheets,
        lang=lang,
        formats=FORMATS,
        highlights=highlights,
        sheet_names=names,
        notes=notes_lines(result, lang),
        headers={"year": "年份" if lang == "zh" else "Year"},
        freeze_columns=1,
    )


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, float | np.floating):
        f = float(value)
        return None if math.isnan(f) or math.isinf(f) else f
    if isinstance(value, np.integer):
        return int(value)
    return value


def write_targets(
    result: TargetsResult, out: str | Path, *, lang: str = "zh", extra: dict[str, Any] | None = None
) -> Path:
    """Write the draft to folder ``out``: ``targets.xlsx``, the CSVs of :data:`CSV_FILES`, run.json.

    With a livelihood register, also ``livelihood_plan.csv``: the register's tasks of the
    target year with their money by kind (:func:`sprintmodel.livelihood.livelihood_plan`).

    The folder is written atomically and replaced only if it is empty or was written by
    sprintmodel (:func:`sprintmodel.reporting.files.atomic_folder`).
    """
    from sprintmodel.reporting.files import atomic_folder

    out = Path(out)
    tables = result.tables(lang)
    with atomic_folder(out) as tmp:
        for key, name in CSV_FILES.items():
            frame = tables[key]
            if frame.empty and key in (
                "investment_by_unit",
                "investment_by_category",
                "investment_by_park",
                "investment_coverage",
            ):
                continue
            frame.to_csv(tmp / name, index=False, lineterminator="\n")
        write_targets_workbook(result, tmp / "targets.xlsx", lang=lang)
        if result.dataset.livelihood is not None:
            from sprintmodel.livelihood import livelihood_plan

            plan = livelihood_plan(result.dataset, result.year)
            plan.to_csv(tmp / "livelihood_plan.csv", index=False, lineterminator="\n")
        meta = {
            "year": result.year,
            "as_of": str(result.as_of),
            "source": result.source,
            "option": result.option,
            "city_targets": result.city_targets,
            "province_growth": result.province_growth,
            "draws": result.n_draws,
            "seed": result.seed,
            "config": {k: v for k, v in result.config.__dict__.items() if k != "sources"},
            "notes": note_records(result.notes, lang, result.note_names(lang)),
            **(extra or {}),
        }
        (tmp / "run.json").write_text(
            json.dumps(_json_safe(meta), ensure_ascii=False, indent=2, default=str) + "\n",
            encoding="utf-8",
        )
    return out


__all__ = [
    "CSV_FILES",
    "SHEETS_EN",
    "SHEETS_ZH",
    "notes_lines",
    "write_targets",
    "write_targets_workbook",
]
