"""Words a statistics office may write instead of the contract's codes, and their codes.

One home for the alias vocabularies of the data readers (``sprintmodel.data.readers``): each
mapping takes a word as written (lower-cased, Chinese or English) to the contract's code. A
repair through one of them is reported as ``fixed``; a word in none of them is an error with the
closest choice. The words are the author's collection from Chinese statistical bulletins
(assumption: extend when a folder uses another).
"""

from __future__ import annotations

__all__ = [
    "BASIS_ALIASES",
    "CATEGORY_ALIASES",
    "DIRECTION_ALIASES",
    "KIND_ALIASES",
    "STATUS_ALIASES",
    "TARGET_KIND_ALIASES",
    "TOTAL_WORDS",
    "YES_NO_ALIASES",
]

YES_NO_ALIASES = {
    "y": "yes",
    "true": "yes",
    "1": "yes",
    "是": "yes",
    "n": "no",
    "false": "no",
    "0": "no",
    "否": "no",
}
KIND_ALIASES = {
    "市": "city",
    "全市": "city",
    "区": "district",
    "市辖区": "district",
    "县": "county",
    "县级市": "county",
    "园区": "park",
    "开发区": "park",
    "高新区": "park",
    "镇": "town",
    "乡": "town",
    "街道": "town",
    "乡镇": "town",
    "企业集团": "enterprise_group",
    "其他": "other",
}
BASIS_ALIASES = {"名义": "nominal", "现价": "nominal", "实际": "real", "可比价": "real"}
TARGET_KIND_ALIASES = {
    "增速": "growth",
    "增长": "growth",
    "rate": "growth",
    "完成": "completion",
    "完成量": "completion",
    "任务": "completion",
    "amount": "completion",
}
"""Words read as ``growth`` or ``completion`` in ``indicators.csv``'s ``target_kind``."""

DIRECTION_ALIASES = {
    "min": "at_least",
    "higher": "at_least",
    ">=": "at_least",
    "≥": "at_least",
    "不低于": "at_least",
    "以上": "at_least",
    "max": "at_most",
    "lower": "at_most",
    "ceiling": "at_most",
    "<=": "at_most",
    "≤": "at_most",
    "不高于": "at_most",
    "不超过": "at_most",
    "以内": "at_most",
    "控制在以内": "at_most",
}
STATUS_ALIASES = {
    "签约": "signed",
    "已签约": "signed",
    "待供地": "land_pending",
    "已批": "approved",
    "已审批": "approved",
    "在建": "under_construction",
    "开工": "under_construction",
    "投产": "producing",
    "已投产": "producing",
}
CATEGORY_ALIASES = {
    "工业": "industrial",
    "产业": "industrial",
    "基础设施": "infrastructure",
    "政府": "government",
    "房地产": "real_estate",
    "服务业": "services",
    "其他": "other",
}
TOTAL_WORDS = {"合计", "总计", "小计", "全市合计", "total", "sum", "all"}
