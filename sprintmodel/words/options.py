"""Names of next year's target options and of the planners' tiers (保底, 力争, 奋斗)."""

from __future__ import annotations

from sprintmodel.words.headers import PROJECT_STATUS
from sprintmodel.words.target_notes import TREND_METHODS

TIER_NAMES: dict[str, dict[str, str]] = {
    "floor": {"zh": "保底", "en": "floor"},
    "strive": {"zh": "力争", "en": "strive"},
    "aspire": {"zh": "奋斗", "en": "aspire"},
}
"""Display names of the tiers."""

OPTION_NAMES: dict[str, dict[str, str]] = {
    "cautious": {"zh": "稳妥", "en": "cautious"},
    "baseline": {"zh": "基准", "en": "baseline"},
    "ambitious": {"zh": "积极", "en": "ambitious"},
    "province": {"zh": "不低于全省", "en": "at least the province's"},
    "this_year": {"zh": "延续今年目标", "en": "this year's target again"},
}
"""Display names of the options."""


BINDING_NAMES: dict[str, dict[str, str]] = {
    "lower": {"zh": "触及下限", "en": "at lower bound"},
    "upper": {"zh": "触及上限", "en": "at upper bound"},
    "fixed": {"zh": "上下限相同", "en": "bounds equal"},
}
"""Whether a unit's allocated target sits on one of its bounds."""

TARGET_VALUES_ZH: dict[str, dict[str, str]] = {
    "option": {k: v["zh"] for k, v in OPTION_NAMES.items()},
    "tier": {k: v["zh"] for k, v in TIER_NAMES.items()},
    "level": {  # the root's words replace 全市 and 区县 (reporting.targets._values_zh)
        "city": "全市",
        "unit": "区县",
        "park": "园区",
        "town": "乡镇",
        "residual": "本级",
    },
    "double_half_rule": {"amount": "上半年完成全年总量过半", "growth": "上半年增速不低于全年目标"},
    "binding": {k: v["zh"] for k, v in BINDING_NAMES.items()},
    "constraint": {"sum": "合计等于全市目标", "lower": "下限", "upper": "上限", "fixed": "固定"},
    "plan_source": {"register": "项目库计划", "s_curve": "S曲线测算", "pipeline": "储备谋划项目"},
    "stage": {"continuing": "续建", "new_start": "新开工", "reserve": "储备", "planned": "谋划"},
    "by": {"stage": "项目阶段", "funding_source": "资金来源", "total": "合计"},
    "key": {
        "continuing": "续建",
        "new_start": "新开工",
        "reserve": "储备",
        "planned": "谋划",
        "special_bonds": "专项债",
        "ultra_long_bonds": "超长期特别国债",
        "central_budget": "中央预算内投资",
        "policy_finance": "政策性开发性金融工具",
        "bank_loan": "银行贷款",
        "self_raised": "自筹",
        "other": "其他",
        "unknown": "未填",
        "all": "合计",
    },
    "funding_source": {
        "special_bonds": "专项债",
        "ultra_long_bonds": "超长期特别国债",
        "central_budget": "中央预算内投资",
        "policy_finance": "政策性开发性金融工具",
        "bank_loan": "银行贷款",
        "self_raised": "自筹",
        "other": "其他",
    },
    **{c: {"yes": "是", "no": "否"} for c in ("land_ready", "eia_ready", "funds_ready", "ready")},
    "category": {
        "industrial": "工业",
        "infrastructure": "基础设施",
        "government": "政府投资",
        "real_estate": "房地产",
        "services": "服务业",
        "other": "其他",
    },
    "status": {
        **{k: v["zh"] for k, v in PROJECT_STATUS.items()},
        "reserve": "储备",
        "planned": "谋划",
    },
    "trend_method": {k: v["zh"] for k, v in TREND_METHODS.items()},
}
"""Code-like values of the targets tables shown in Chinese (the targets workbook, ``lang="zh"``)."""


def option_name(option: str, lang: str = "zh", *, capital: bool = False) -> str:
    """An option's name in ``lang`` (the key itself if unknown); ``capital``: first letter upper."""
    name = OPTION_NAMES.get(option, {}).get(lang, option)
    return name[:1].upper() + name[1:] if capital else name


def tier_name(tier: str, lang: str = "zh", *, capital: bool = False) -> str:
    """A tier's name in ``lang`` (the key itself if unknown); ``capital``: first letter upper."""
    name = TIER_NAMES.get(tier, {}).get(lang, tier)
    return name[:1].upper() + name[1:] if capital else name


__all__ = [
    "BINDING_NAMES",
    "OPTION_NAMES",
    "TARGET_VALUES_ZH",
    "TIER_NAMES",
    "option_name",
    "tier_name",
]
