"""Sentences of the briefing, in Chinese and English, written from the tables' own figures.

Every function takes :class:`~sprintmodel.briefing.formatting.Num` objects, the very cells of a
table, and returns a :class:`Sentence` that records which figures it quotes and from which
tables. Directions are said in words (增长/下降, 高于/低于), so a sentence quotes a figure's
magnitude: ``-0.4`` in the gap column reads "低于目标0.4个百分点".

Names (units, projects, scenarios) and period words may hold digits ("12英寸", "1—9月"); they are
recorded as :attr:`Sentence.literals` so a check can tell them from figures.

The headline sentence follows the form planners use (前三季度增长 X%，四季度需增长 Y% 方能完成全年
目标).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sprintmodel.briefing.formatting import Num

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the briefing and the figures it quotes.

    Attributes
    ----------
    text
        The sentence.
    numbers
        The figures it quotes (cells of :attr:`tables`).
    tables
        Keys of the tables the figures come from.
    literals
        Words in the text that hold digits but are not figures (names, periods).
    """

    text: str
    numbers: tuple[Num, ...] = ()
    tables: tuple[str, ...] = ()
    literals: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.text


def _make(
    text: str, numbers: Sequence[Num], tables: Sequence[str], words: Sequence[str]
) -> Sentence:
    lits = tuple(dict.fromkeys(w for w in words if w and _DIGIT.search(w)))
    return Sentence(text, tuple(n for n in numbers if n.known), tuple(tables), lits)


ODDS_WORDS: tuple[tuple[float, str, str], ...] = (
    (0.10, "可能性很小", "a slim chance"),
    (0.30, "可能性较小", "an outside chance"),
    (0.50, "把握不大", "less than an even chance"),
    (0.70, "有一定把握", "a fair chance"),
    (0.90, "把握较大", "a good chance"),
    (1.00, "把握很大", "a strong chance"),
)
"""Words for a probability by its upper bound (exclusive): 80% reads 把握较大. Shares below 1%
read 几乎没有可能 and above 99% 几乎可以肯定. Assumption: the bands follow the 保底/力争/奋斗
practice of about eight, five and three chances in ten (docs/targets.md)."""


def odds(n: Num, lang: str) -> str:
    """A probability in words with its number: 几乎没有可能（<1%）, 把握较大（约80%）.

    Never "0%" or "100%": a simulation that never (always) meets a target has shown only that
    the chance is below 1% (above 99%).

    Examples
    --------
    >>> from sprintmodel.briefing.formatting import prob
    >>> odds(prob(0.0), "zh"), odds(prob(0.8), "zh"), odds(prob(1.0), "zh")
    ('几乎没有可能（<1%）', '把握较大（约80%）', '几乎可以肯定（>99%）')
    """
    r = n.rounded
    zh = lang == "zh"
    if n.text.startswith("<") or (r == r and r <= 0.0):
        return "几乎没有可能（<1%）" if zh else "almost no chance (<1%)"
    if n.text.startswith(">") or (r == r and r >= 1.0):
        return "几乎可以肯定（>99%）" if zh else "near certainty (>99%)"
    for bound, word_zh, word_en in ODDS_WORDS:
        if r < bound:
            return f"{word_zh}（约{n.text}）" if zh else f"{word_en} (about {n.text})"
    return f"把握很大（约{n.text}）" if zh else f"a strong chance (about {n.text})"


def costs_text(costs: Sequence[tuple[str, Num]], lang: str) -> str:
    """Costs per money kind, never summed: 财政资金7.50亿元、债务额度20.00亿元.

    ``costs``: (kind in words, amount [亿元]); zero amounts are left out.
    """
    parts = [(k, c) for k, c in costs if c.known and not c.zero]
    if lang == "zh":
        return "、".join(f"{k}{c.text}亿元" for k, c in parts)
    return ", ".join(f"{c.text} (亿元) of {k}" for k, c in parts)


def _grew(n: Num, lang: str) -> str:
    """增长 5.4% / 下降 1.0% (en: up 5.4% / down 1.0%)."""
    if lang == "zh":
        return f"下降{n.magnitude}%" if n.negative else f"增长{n.text}%"
    return f"down {n.magnitude}%" if n.negative else f"up {n.text}%"


def _gap(n: Num, what: str, lang: str) -> str:
    """高于/低于 ``what`` N 个百分点, or 持平."""
    if lang == "zh":
        if n.zero:
            return f"与{what}持平"
        return f"{'低于' if n.negative else '高于'}{what}{n.magnitude}个百分点"
    if n.zero:
        return f"level with {what}"
    return f"{n.magnitude} points {'below' if n.negative else 'above'} {what}"


def _change(n: Num, what: str, lang: str) -> str:
    """比 ``what`` 高/低 N 个百分点."""
    if lang == "zh":
        if n.zero:
            return f"与{what}持平"
        return f"比{what}{'低' if n.negative else '高'}{n.magnitude}个百分点"
    if n.zero:
        return f"the same as {what}"
    return f"{n.magnitude} points {'below' if n.negative else 'above'} {what}"


def _outlook(lo: Num, hi: Num, gap: Num, p_meet: Num, lang: str, *, with_gap: bool = True) -> str:
    """The range of a projection, then its gap to the target and the odds of meeting it.

    ``（区间5.3%～6.0%），低于目标0.4个百分点，完成目标的概率为11%`` (each part only when its
    figures are known; the gap only ``with_gap``).
    """
    text = ""
    if lo.known and hi.known:
        text += (
            f"（区间{lo.text}%～{hi.text}%）"
            if lang == "zh"
            else f" (range {lo.text}% to {hi.text}%)"
        )
    if with_gap and gap.known:
        if lang == "zh":
            text += f"，{_gap(gap, '目标', 'zh')}，完成目标{odds(p_meet, 'zh')}"
        else:
            text += f", {_gap(gap, 'target', 'en')}, with {odds(p_meet, 'en')} of meeting it"
    return text


# ------------------------------------------------------------------------------ headline
def _ahead(n: Num, lang: str) -> str:
    """快于/慢于时序进度 N 个百分点, or 与时序进度持平."""
    if lang == "zh":
        if n.zero:
            return "与时序进度持平"
        return f"{'慢于' if n.negative else '快于'}时序进度{n.magnitude}个百分点"
    if n.zero:
        return "level with the share of the year gone"
    return (
        f"{n.magnitude} points {'behind' if n.negative else 'ahead of'} the share of the year gone"
    )


def completion_status(
    lang: str,
    *,
    indicator: str,
    span: str,
    ytd_value: Num,
    measure: str,
    target_value: Num,
    done: Num,
    ahead: Num,
    fy_value: Num,
    fy_done: Num,
    p_meet: Num,
    scenario: str,
    table: str,
) -> Sentence:
    """A completion-type indicator (城镇新增就业): done against the year's amount and time.

    ``1—9月，城镇新增就业8.31万人，完成年度目标（10.70万人）的77.7%，快于时序进度2.7个百分点；
    按基准情景测算，全年预计新增10.32万人，完成目标的96.4%，完成目标可能性很小（约7%）。``
    """
    nums = [ytd_value, target_value, done, ahead, fy_value, fy_done, p_meet]
    if lang == "zh":
        text = (
            f"{span}，{indicator}{ytd_value.text}{measure}，完成年度目标（{target_value.text}"
            f"{measure}）的{done.text}%，{_ahead(ahead, 'zh')}"
        )
        if fy_value.known:
            text += f"；按{scenario}测算，全年预计{fy_value.text}{measure}，为目标的{fy_done.text}%"
        if p_meet.known:
            text += f"，完成目标{odds(p_meet, 'zh')}"
        text += "。"
    else:
        text = (
            f"{indicator}, {span}: {ytd_value.text} ({measure}), {done.text}% of the annual "
            f"target of {target_value.text}, {_ahead(ahead, 'en')}"
        )
        if fy_value.known:
            text += f"; under {scenario} the year reaches {fy_value.text}, {fy_done.text}% of it"
        if p_meet.known:
            text += f", with {odds(p_meet, 'en')} of meeting it"
        text += "."
    return _make(text, nums, (table,), (span, indicator, measure, scenario))


def headline(
    lang: str,
    *,
    indicator: str,
    span: str,
    rest: str,
    ytd_value: Num,
    measure: str,
    ytd_growth: Num,
    target_growth: Num | None,
    target_value: Num | None,
    required: Num,
    scenario: str,
    fy: Num,
    lo: Num,
    hi: Num,
    gap: Num,
    p_meet: Num,
    table: str,
    ceiling: bool = False,
) -> Sentence:
    """Where one indicator stands and where the year lands, worded by how it stands.

    On track (the projection meets the target): ``社会消费品零售总额1—9月增长5.2%，全年预计增长
    5.6%，高于目标0.1个百分点，完成目标把握不大（约46%）。`` Short of it: the form planners use,
    ``前三季度，地区生产总值3967.17亿元，同比增长5.4%，四季度需增长7.5%方能完成全年增长6.0%的目标。
    按基准情景测算，全年预计增长5.4%（区间5.2%～5.8%），低于目标0.6个百分点，完成目标可能性很小
    （约3%）。`` Far short (under one chance in ten): ``固定资产投资压力较大：...``.

    ``target_growth`` is the target as a growth rate (None when the target is a level only,
    then ``target_value`` [measure] is quoted).
    """
    nums: list[Num] = [ytd_value, ytd_growth, required, fy, lo, hi, gap, p_meet]
    has_target = (target_growth is not None and target_growth.known) or (
        target_value is not None and target_value.known
    )
    if target_growth is not None and target_growth.known:
        nums.append(target_growth)
        goal_zh = f"全年{_grew(target_growth, 'zh')}的目标"
        goal_en = f"the full-year target of {target_growth.text}% growth"
    elif target_value is not None and target_value.known:
        nums.append(target_value)
        goal_zh = f"全年{target_value.text}{measure}的目标"
        goal_en = f"the full-year target of {target_value.text} ({measure})"
    else:
        goal_zh = goal_en = ""
    short = has_target and gap.known and (not gap.negative if ceiling else gap.negative)
    short = short and not gap.zero
    r = p_meet.rounded if p_meet.known else 1.0
    hard = short and (p_meet.text.startswith("<") or (r == r and r < 0.10))
    if lang == "zh":
        if has_target and not short:
            text = f"{indicator}{span}{_grew(ytd_growth, 'zh')}，按{scenario}测算全年预计"
            text += f"{_grew(fy, 'zh')}" + _outlook(lo, hi, gap, p_meet, "zh") + "。"
            return _make(text, nums, (table,), (span, rest, indicator, scenario, measure))
        value = f"{ytd_value.text}{measure}，同比" if ytd_value.known else ""
        head = f"{indicator}压力较大：{span}" if hard else f"{span}，{indicator}"
        text = f"{head}{value}{_grew(ytd_growth, 'zh')}"
        if has_target and required.known and rest:
            if required.negative:
                text += f"，{rest}下降不超过{required.magnitude}%即可完成{goal_zh}"
            else:
                text += f"，{rest}需增长{required.text}%方能完成{goal_zh}"
        text += f"。按{scenario}测算，全年预计{_grew(fy, 'zh')}"
        text += _outlook(lo, hi, gap, p_meet, "zh", with_gap=has_target) + "。"
    else:
        value = f" ({ytd_value.text} {measure})" if ytd_value.known else ""
        text = f"{indicator}{value} was {_grew(ytd_growth, 'en')} year on year in {span}"
        if has_target and required.known and rest:
            if required.negative:
                text += f"; {rest} may fall by up to {required.magnitude}% and still meet {goal_en}"
            else:
                text += f"; {rest} must grow {required.text}% to meet {goal_en}"
        text += f". Under {scenario} the year is projected at {fy.text}%"
        text += _outlook(lo, hi, gap, p_meet, "en", with_gap=has_target) + "."
    return _make(text, nums, (table,), (span, rest, indicator, scenario, measure))


# ------------------------------------------------------------------------------ page one
def overall(
    lang: str,
    *,
    scenario: str,
    unit: str,
    indicator: str,
    fy: Num,
    target: Num,
    gap: Num,
    level: Num,
    measure: str,
    p_meet: Num,
    table: str,
    ceiling: bool = False,
) -> Sentence:
    """The year in one sentence (总体判断): growth, target, gap in pp and in value, odds.

    ``按基准情景测算，江川市地区生产总值全年预计增长5.4%，低于全年增长6.0%的目标0.6个百分点，按现价
    计算差30.4亿元，完成目标可能性很小（约3%）。``
    """
    short = (not gap.negative) if ceiling else gap.negative
    if lang == "zh":
        text = f"按{scenario}测算，{unit}{indicator}全年预计{_grew(fy, 'zh')}"
        if gap.zero:
            text += f"，与全年{_grew(target, 'zh')}的目标持平"
        else:
            side = "低于" if gap.negative else "高于"
            text += f"，{side}全年{_grew(target, 'zh')}的目标{gap.magnitude}个百分点"
            if level.known and not level.zero:
                word = "差" if short else "多"
                text += f"，按现价计算{word}{level.magnitude}{measure}"
        text += f"，完成目标{odds(p_meet, 'zh')}。"
    else:
        text = f"Under {scenario}, {unit}'s {indicator} is projected at {fy.text}% for the year"
        text += f", {_gap(gap, f'the {target.text}% target', 'en')}"
        if level.known and not level.zero and not gap.zero:
            text += (
                f", {level.magnitude} ({measure}) {'short' if short else 'over'} at current prices"
            )
        text += f", with {odds(p_meet, 'en')} of meeting it."
    return _make(
        text, [fy, target, gap, level, p_meet], (table,), (scenario, unit, indicator, measure)
    )


def shortfall_members(
    lang: str,
    *,
    indicator: str,
    measure: str,
    short: Sequence[tuple[str, Num]],
    need: Sequence[tuple[str, Num]],
    rest: str,
    whole: str,
    members: str,
    table: str,
) -> Sentence:
    """Which members are short of their own targets (in value) and what the rest of the year
    needs to bring the lagging ones up to the whole's average.

    ``分区县看，石岭区、川城区地区生产总值低于自身目标，分别差12.3亿元、8.1亿元；要达到全市平均
    增速，四季度石岭区需增长9.4%、安丰市需增长6.8%。``
    """
    nums = [n for _, n in short] + [n for _, n in need]
    names = [u for u, _ in short] + [u for u, _ in need]
    if lang == "zh":
        text = f"分{members}看，"
        if short:
            amounts = "、".join(f"{n.magnitude}{measure}" for _, n in short)
            each = "分别" if len(short) > 1 else ""
            text += f"{'、'.join(u for u, _ in short)}{indicator}全年预计低于自身目标，{each}差{amounts}"
        else:
            text += f"各{members}{indicator}全年预计均能完成自身目标"
        if need:
            needs = "、".join(f"{u}需增长{n.text}%" for u, n in need)
            text += f"；要达到{whole}平均增速，{rest}{needs}"
        text += "。"
    else:
        if short:
            amounts = ", ".join(f"{u} by {n.magnitude}" for u, n in short)
            text = f"Short of their own {indicator} targets ({measure}): {amounts}"
        else:
            text = f"Every one of the {members} is projected to meet its own {indicator} target"
        if need:
            needs = ", ".join(f"{u} {n.text}%" for u, n in need)
            text += f"; to reach the average, {rest} must grow: {needs}"
        text += "."
    return _make(text, nums, (table,), (indicator, measure, rest, whole, members, *names))


def shortfall_enterprises(lang: str, *, firms: Sequence[tuple[str, Num]], table: str) -> Sentence:
    """The key enterprises whose output fell most: ``重点企业中，产值下降较多的有X（下降5.1%）。``"""
    nums = [g for _, g in firms]
    if lang == "zh":
        text = (
            "重点企业中，产值下降较多的有"
            + "、".join(f"{n}（{_grew(g, 'zh')}）" for n, g in firms)
            + "。"
        )
    else:
        text = (
            "Key enterprises whose output fell most: "
            + ", ".join(f"{n} ({_grew(g, 'en')})" for n, g in firms)
            + "."
        )
    return _make(text, nums, (table,), tuple(n for n, _ in firms))


# ------------------------------------------------------------------------------ scenarios
def comparison(
    lang: str,
    *,
    scenario: str,
    reference: str,
    indicator: str,
    fy: Num,
    delta: Num,
    p_meet: Num,
    costs: Sequence[tuple[str, Num]],
    tables: Sequence[str],
) -> Sentence:
    """One scenario against the reference on the lead indicator, its costs per money kind.

    ``全力冲刺情景下，地区生产总值全年预计增长5.9%，比基准情景高0.3个百分点，完成目标有一定把握
    （约35%）；需投入财政资金7.50亿元、债务额度20.00亿元、信贷资金25.00亿元。`` (kinds are never
    added together: a yuan of bond quota is not a yuan of budget).
    """
    nums = [fy, delta, p_meet, *(c for _, c in costs)]
    spend = costs_text(costs, lang)
    if lang == "zh":
        if delta.zero:
            text = f"{scenario}下，{indicator}全年预计{_grew(fy, 'zh')}，{_change(delta, reference, 'zh')}"
        else:
            up = "提高" if not delta.negative else "拉低"
            text = (
                f"与{reference}相比，{scenario}{up}{indicator}全年增速{delta.magnitude}个百分点，"
                f"预计{_grew(fy, 'zh')}"
            )
        if p_meet.known:
            text += f"，完成目标{odds(p_meet, 'zh')}"
        if spend:
            text += f"；需投入{spend}"
        text += "。"
    else:
        text = f"Under {scenario}, {indicator} is projected at {fy.text}% for the year, {_change(delta, reference, 'en')}"
        if p_meet.known:
            text += f", with {odds(p_meet, 'en')} of meeting the target"
        if spend:
            text += f", using {spend}"
        text += "."
    return _make(text, nums, tables, (scenario, reference, indicator))


def scenario_detail(
    lang: str,
    *,
    scenario: str,
    indicator: str,
    fy: Num,
    lo: Num,
    hi: Num,
    gap: Num,
    p_meet: Num,
    table: str,
) -> Sentence:
    """The lead indicator under one scenario (the first line of its detail section)."""
    nums = [fy, lo, hi, gap, p_meet]
    if lang == "zh":
        text = f"{scenario}下，{indicator}全年预计{_grew(fy, 'zh')}"
        text += _outlook(lo, hi, gap, p_meet, "zh") + "。"
    else:
        text = f"Under {scenario}, {indicator} is projected at {fy.text}%"
        text += _outlook(lo, hi, gap, p_meet, "en") + "."
    return _make(text, nums, (table,), (scenario, indicator))


# ------------------------------------------------------------------------------ league
def league_lead(
    lang: str,
    *,
    span: str,
    indicator: str,
    measure: str,
    first_growth: tuple[str, Num],
    first_increment: tuple[str, Num] | None,
    first_contribution: tuple[str, Num] | None,
    below: Sequence[str],
    average: Num,
    table: str,
    whole: str = "全市",
    members: str = "区县",
) -> Sentence:
    """Who leads and who lags on one indicator (比增速、比增量、比贡献).

    ``前三季度，地区生产总值增速居首的是云湖区（7.9%），增量最多的是高桥区（49.23亿元），贡献率最高的
    是高桥区（24.3%）；川城区、石岭区增速低于全市平均水平（5.4%）。``

    ``whole`` and ``members`` name the parent and its members (``全国``, ``下级单位``; see
    `sprintmodel.words.wording`).
    """
    nums = [first_growth[1], average]
    names = [first_growth[0], *below]
    for first in (first_increment, first_contribution):
        if first is not None:
            names.append(first[0])
            nums.append(first[1])
    if lang == "zh":
        parts = [f"{indicator}增速居首的是{first_growth[0]}（{first_growth[1].text}%）"]
        if first_increment is not None:
            parts.append(f"增量最多的是{first_increment[0]}（{first_increment[1].text}{measure}）")
        if first_contribution is not None:
            parts.append(f"贡献率最高的是{first_contribution[0]}（{first_contribution[1].text}%）")
        text = f"{span}，" + "，".join(parts)
        if below:
            text += f"；{'、'.join(below)}增速低于{whole}平均水平（{average.text}%）"
        else:
            text += f"；各{members}增速均不低于{whole}平均水平（{average.text}%）"
        text += "。"
    else:
        parts = [f"{first_growth[0]} grew fastest ({first_growth[1].text}%)"]
        if first_increment is not None:
            parts.append(f"{first_increment[0]} added most ({first_increment[1].text} {measure})")
        if first_contribution is not None:
            parts.append(
                f"{first_contribution[0]} contributed most ({first_contribution[1].text}%)"
            )
        text = f"{indicator}, {span}: " + ", ".join(parts)
        if below:
            text += f"; {', '.join(below)} grew more slowly than the average ({average.text}%)"
        else:
            text += f"; none of the {members} grew more slowly than the average ({average.text}%)"
        text += "."
    return _make(text, nums, (table,), (span, indicator, measure, *names))


def league_projection(
    lang: str,
    *,
    scenario: str,
    indicator: str,
    first: tuple[str, Num, Num],
    table: str,
) -> Sentence:
    """Who is projected to lead at year end, and how likely (``first``: name, growth, P)."""
    name, fy, p_first = first
    if lang == "zh":
        text = (
            f"按{scenario}测算，全年{indicator}增速预计居首的是{name}（{fy.text}%），"
            f"其居首{odds(p_first, 'zh')}。"
        )
    else:
        text = (
            f"Under {scenario}, {name} is projected to lead {indicator} growth for the year "
            f"({fy.text}%), with {odds(p_first, 'en')} of finishing first."
        )
    return _make(text, [fy, p_first], (table,), (scenario, indicator, name))


# ------------------------------------------------------------------------------ projects
def project_watch(
    lang: str,
    *,
    project: str,
    unit: str,
    city: str,
    indicator: str,
    per_month: Num,
    behind: Sequence[str],
    table: str,
    more: bool = False,
    measure: str = "亿元",
) -> Sentence:
    """The project that moves the year most, and which watch-list projects lag their plans
    (``more``: the list of laggards is cut, "等"). ``per_month`` is the full-year value lost
    per month of delay [measure, current prices]."""
    if lang == "zh":
        text = (
            f"对全年影响最大的项目是{project}（{unit}）：每推迟一个月，{city}{indicator}约减少"
            f"{per_month.magnitude}{measure}"
        )
        if behind:
            etc = "等" if more else ""
            text += f"；关注清单中{'、'.join(behind)}{etc}项目滞后于年度计划时序进度"
        text += "。"
    else:
        text = (
            f"The project that matters most for the year is {project} ({unit}): each month "
            f"of delay costs {city}'s {indicator} about {per_month.magnitude} ({measure})"
        )
        if behind:
            etc = " and others" if more else ""
            text += f"; on the watch list, {', '.join(behind)}{etc} lag their annual plans"
        text += "."
    return _make(text, [per_month], (table,), (project, unit, city, indicator, *behind))


# ------------------------------------------------------------------------------ package
def package_lead(
    lang: str,
    *,
    target: str,
    feasible: bool,
    p_target: Num,
    costs: Sequence[tuple[str, Num]],
    p_checked: Num,
    table: str,
) -> Sentence:
    """The optimiser's recommended package in one sentence (feasible or the best reachable);
    its costs per money kind, never summed across kinds."""
    spend = costs_text(costs, lang) or ("不需新增资金" if lang == "zh" else "no new money")
    nums = [p_target, p_checked, *(c for _, c in costs)]
    if lang == "zh":
        if feasible:
            text = (
                f"要使{target}目标的完成把握达到{p_target.text}，成本最低的政策组合需投入{spend}，"
                f"经新抽样复核，完成目标{odds(p_checked, 'zh')}。"
            )
        else:
            text = (
                f"在现有政策上限和项目可提前的范围内，{target}目标的完成把握达不到"
                f"{p_target.text}：完成可能最大的组合需投入{spend}，采用该组合，完成目标"
                f"{odds(p_checked, 'zh')}。"
            )
    elif feasible:
        text = (
            f"To meet the {target} target with a {p_target.text} chance, the cheapest "
            f"package uses {spend}; re-checked on fresh draws it has {odds(p_checked, 'en')}."
        )
    else:
        text = (
            f"Within the levers' caps and the projects that can move, the {target} target "
            f"cannot be met with a {p_target.text} chance: the most likely package uses "
            f"{spend} and has {odds(p_checked, 'en')}."
        )
    return _make(text, nums, (table,), (target,))


# ------------------------------------------------------------------------------ targets
def targets_lead(
    lang: str,
    *,
    year: int,
    indicator: str,
    tiers: Sequence[tuple[str, Num, Num]],
    table: str,
) -> Sentence:
    """Next year's target options for one indicator: each tier's growth and its odds.

    ``tiers``: (tier name, growth, probability), e.g. ``("保底", 4.5, 81%)``.
    """
    nums: list[Num] = []
    parts = []
    for name, g, p in tiers:
        nums += [g, p]
        if lang == "zh":
            parts.append(f"{name}{_grew(g, 'zh')}，{odds(p, 'zh')}")
        else:
            parts.append(f"{name} {g.text}% ({odds(p, 'en')})")
    y = str(year)
    if lang == "zh":
        text = f"{y}年{indicator}目标可按三档安排：" + "；".join(parts) + "。"
    else:
        text = f"{indicator} targets for {y}: " + ", ".join(parts) + "."
    return _make(text, nums, (table,), (y, indicator, *[t[0] for t in tiers]))


def shortfall_industries(
    lang: str,
    *,
    short: Sequence[tuple[str, Num]],
    lead_source: tuple[str, Num, bool] | None,
    table: str,
) -> Sentence:
    """Which industries GDP's shortfall comes from (each against the target rate, in 亿元) and
    what the largest one's main source indicator would need in Q4 to close the gap alone.

    ``分行业看，缺口主要来自其他服务业、批发和零售业、房地产业，分别差15.8亿元、9.9亿元、6.2亿元；
    仅靠规上服务业营业收入弥补，四季度需增长37.4%，超过历史最高水平。``
    """
    nums = [n for _, n in short]
    words = [u for u, _ in short]
    if lang == "zh":
        if not short:
            text = "分行业看，各行业增加值均不低于全市目标增速。"
            return _make(text, nums, (table,), words)
        amounts = "、".join(f"{n.magnitude}亿元" for _, n in short)
        each = "分别" if len(short) > 1 else ""
        text = f"分行业看，缺口主要来自{'、'.join(words)}，{each}差{amounts}"
        if lead_source is not None and lead_source[1].known and lead_source[0]:
            src, req, record = lead_source
            nums.append(req)
            words.append(src)
            tail = "，超过历史最高水平，需多措并举" if record else ""
            text += f"；仅靠{src}弥补全市缺口，四季度需增长{req.text}%{tail}"
        text += "。"
    else:
        if not short:
            return _make("Every industry grows at least at the target rate.", nums, (table,), words)
        amounts = ", ".join(f"{u} by {n.magnitude} 亿元" for u, n in short)
        text = f"By industry, the shortfall comes from {amounts}"
        if lead_source is not None and lead_source[1].known and lead_source[0]:
            src, req, record = lead_source
            nums.append(req)
            words.append(src)
            text += f"; {src} alone would need {req.text}% in the fourth quarter" + (
                ", above its record" if record else ""
            )
        text += "."
    return _make(text, nums, (table,), words)


__all__ = [
    "Sentence",
    "comparison",
    "completion_status",
    "costs_text",
    "headline",
    "league_lead",
    "league_projection",
    "odds",
    "overall",
    "package_lead",
    "project_watch",
    "scenario_detail",
    "shortfall_enterprises",
    "shortfall_industries",
    "shortfall_members",
    "targets_lead",
]
