"""Sentences of the briefing's plausibility checks (附：发布前核查), from the checks' own figures.

Each returns a :class:`~sprintmodel.briefing.sentences.Sentence` that records the figures it
quotes, like the other sentences of :mod:`sprintmodel.briefing.sentences`.
"""

from __future__ import annotations

from sprintmodel.briefing.formatting import Num
from sprintmodel.briefing.sentences import Sentence, _make


def flag_q4_required(
    lang: str, *, unit: str, indicator: str, rest: str, required: Num, history_max: Num, table: str
) -> Sentence:
    """A required rest-of-year growth above every past one."""
    if lang == "zh":
        text = (
            f"{unit}{indicator}{rest}需增长{required.text}%方能完成全年目标，"
            f"高于历史同期最高增速{history_max.text}%，目标可能难以完成，请核实。"
        )
    else:
        text = (
            f"{unit} {indicator}: {rest} must grow {required.text}% to meet the target, above "
            f"the best growth of that span on record ({history_max.text}%); check the target."
        )
    return _make(text, [required, history_max], (table,), (unit, indicator, rest))


def flag_q4_projected(
    lang: str,
    *,
    scenario: str,
    unit: str,
    indicator: str,
    rest: str,
    projected: Num,
    history_max: Num,
    table: str,
) -> Sentence:
    """A scenario's projected rest-of-year growth above every past one."""
    if lang == "zh":
        text = (
            f"{scenario}下，{unit}{indicator}{rest}预计增长{projected.text}%，"
            f"高于历史同期最高增速{history_max.text}%，请核实政策效果假设。"
        )
    else:
        text = (
            f"Under {scenario}, {unit} {indicator} is projected to grow {projected.text}% in "
            f"{rest}, above the best growth of that span on record ({history_max.text}%); "
            "check the lever assumptions."
        )
    return _make(text, [projected, history_max], (table,), (scenario, unit, indicator, rest))


def flag_fai_jump(
    lang: str,
    *,
    scenario: str | None,
    unit: str,
    indicator: str,
    rest: str,
    jump: Num,
    supported: Num,
    measure: str,
    table: str,
) -> Sentence:
    """A rest-of-year investment jump larger than the register's projects can carry."""
    if lang == "zh":
        if scenario is None:
            head = f"完成全年目标，{unit}{indicator}{rest}需比上年同期多{jump.text}{measure}"
        else:
            head = f"{scenario}下，{unit}{indicator}{rest}预计比上年同期多{jump.text}{measure}"
        text = (
            f"{head}，而项目库中重大项目{rest}预计入统投资合计仅{supported.text}{measure}，"
            "即便全部为新增投资也难以支撑，请核实。"
        )
    else:
        who = "to meet the target" if scenario is None else f"under {scenario}"
        text = (
            f"{unit} {indicator}: {who}, {rest} must exceed last year's by {jump.text} "
            f"({measure}), more than the {supported.text} the register's projects are expected "
            "to invest in that span even if all of it were new; check it."
        )
    return _make(
        text, [jump, supported], (table,), (scenario or "", unit, indicator, rest, measure)
    )


def flag_add_up(
    lang: str,
    *,
    unit: str,
    indicator: str,
    span: str,
    children: Num,
    parent: Num,
    difference: Num,
    measure: str,
    table: str,
    members: str = "区县",
) -> Sentence:
    """Children's year-to-date values that do not add up to their parent's.

    ``members``: the word for the children (``区县``, ``乡镇``...; `sprintmodel.words.wording`).
    """
    if lang == "zh":
        text = (
            f"{unit}所辖{members}{indicator}{span}合计{children.text}{measure}，与{unit}"
            f"{parent.text}{measure}相差{difference.magnitude}%，请核实数据口径。"
        )
    else:
        text = (
            f"{unit} {indicator}, {span}: its {members} add up to {children.text} against "
            f"{parent.text} ({measure}), {difference.magnitude}% apart; check the data."
        )
    return _make(text, [children, parent, difference], (table,), (unit, indicator, span, measure))


def flag_targets_add_up(
    lang: str,
    *,
    unit: str,
    indicator: str,
    children: Num,
    parent: Num,
    difference: Num,
    measure: str,
    table: str,
    whole: str = "全市",
    members: str = "区县",
) -> Sentence:
    """Children's targets that add up to less than their parent's.

    ``whole`` and ``members`` name the parent and its children (``全市``/``区县``...;
    `sprintmodel.words.wording`).
    """
    if lang == "zh":
        text = (
            f"{unit}所辖{members}{indicator}全年目标合计{children.text}{measure}，低于{unit}目标"
            f"{parent.text}{measure}（差{difference.magnitude}%），{members}目标不足以支撑"
            f"{whole}目标。"
        )
    else:
        text = (
            f"{unit} {indicator}: its {members}' targets add up to {children.text}, below its "
            f"own {parent.text} ({measure}) by {difference.magnitude}%; they do not carry it."
        )
    return _make(text, [children, parent, difference], (table,), (unit, indicator, measure))


__all__ = [
    "flag_add_up",
    "flag_fai_jump",
    "flag_q4_projected",
    "flag_q4_required",
    "flag_targets_add_up",
]
