"""重点企业 (pluggable): who drags or lifts each district, their outlook, the levers aimed at them,
the enterprises' shared problems (企业共性问题清单) as actions with a department and deadline, and
the candidates to enter the statistics (升规入统, 限上入库; ``entrants.csv``) with what each adds.

Computed from the data set (:func:`~sprintmodel.league.enterprise_outlook.enterprise_outlook`,
:func:`~sprintmodel.league.enterprise_outlook.open_problems`) and, for each lever aimed at an
enterprise (``enterprise:`` in ``levers.yaml``), one evaluation of the reference engine with the
lever at its cap; registered in :mod:`sprintmodel.briefing.extras` as ``enterprises``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing.document import Cell, Column, Extra, ExtraContext, Section, Table
from sprintmodel.briefing.formatting import Num
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.words.headers import COST_KIND, PROBLEM_STATUS

if TYPE_CHECKING:
    from sprintmodel.scenario import ScenarioEngine, ScenarioResult

SHOWN_DRAGS = 2
"""Largest drags shown per unit (with the largest lift)."""


def _lever_effects(engine: ScenarioEngine) -> pd.DataFrame:
    """Each enterprise lever at its cap from next month: mean change of its district [pp]."""
    reg = engine.dataset.enterprises
    units = {} if reg is None else dict(zip(reg.enterprise, reg.unit, strict=True))
    rows = []
    for lid, lv in engine.levers.items():
        if not lv.enterprise or lv.enterprise not in units or not lv.effects:
            continue
        code = lv.effects[0].indicator
        res = engine.evaluate(engine.spec(f"enterprise:{lid}").with_lever(lid, lv.cap))
        if code not in res.components:
            continue
        d = res.to_draws()[code]
        i = list(d.units).index(units[lv.enterprise])
        delta = float(res.components[code].get(lid, [0.0] * len(d.units))[i])
        rows.append(
            {
                "lever": lid,
                "name_zh": lv.name_zh,
                "name_en": lv.name_en,
                "enterprise": lv.enterprise,
                "unit": units[lv.enterprise],
                "indicator": code,
                "cap": lv.cap,
                "cost": lv.cost(lv.cap),
                "cost_kind": lv.cost_kind,
                "delta": delta,
                "delta_pp": 100.0 * delta / float(d.base_full[i]),
            }
        )
    return pd.DataFrame(rows)


def _entrant_effects(engine: ScenarioEngine) -> pd.DataFrame:
    """Each candidate of ``entrants.csv`` counted alone at its register month: the mean change
    of its unit's growth [pp] and the level it adds [measure] (NaN where it does not count this
    year: ``when`` is ``this_year``, ``in_data`` or ``next_year``)."""
    from sprintmodel.scenario.entrants import ENTRANT_COMPONENT

    reg = engine.entrant_fx.register
    frame = engine.dataset.entrants
    rows = []
    t0, last = engine.as_of_month, (engine.as_of_month // 12) * 12 + 11
    for j, code in enumerate(reg.codes):
        m = int(reg.entry[j])
        when = "in_data" if m <= t0 else ("next_year" if m > last else "this_year")
        i = int(engine.entrant_fx.landing[j])
        pp = value = math.nan
        unit = reg.units[j]
        if when == "this_year" and i >= 0:
            res = engine.evaluate(engine.spec(f"entrant:{code}").with_entrants({"entrant": code}))
            att = res.attribution()
            ind = reg.indicators[j]
            unit = engine.plans[ind].units[i]
            hit = att[
                (att.unit == unit) & (att.indicator == ind) & (att.component == ENTRANT_COMPONENT)
            ]
            if len(hit):
                pp, value = float(hit.delta_pp.iloc[0]), float(hit.delta_value.iloc[0])
        rows.append(
            {
                "entrant": code,
                "name": str(frame.name.iloc[j]) if frame is not None else code,
                "unit": unit,
                "indicator": reg.indicators[j],
                "entry_month": str(frame.entry_month.iloc[j]) if frame is not None else "",
                "when": when,
                "fy_value": float(reg.fy_value[j]),
                "fy_base": float(reg.fy_base[j]),
                "probability": float(reg.probability[j]),
                "delta_value": value,
                "delta_pp": pp,
            }
        )
    return pd.DataFrame(rows)


def _compute(engine: ScenarioEngine, result: ScenarioResult) -> dict[str, Any] | None:
    """The outlook, problems and enterprise levers, and the candidates to enter the statistics
    (worker side); None without either register."""
    from sprintmodel.league.enterprise_outlook import enterprise_outlook, open_problems

    ds = engine.dataset
    if ds.enterprises is None and ds.entrants is None:
        return None
    out: dict[str, Any] = {"entrants": _entrant_effects(engine)}
    if ds.enterprises is not None:
        out |= {
            "outlook": enterprise_outlook(ds, engine.as_of, top=None),
            "problems": open_problems(ds, engine.as_of),
            "levers": _lever_effects(engine),
        }
    return out


def _pick(outlook: pd.DataFrame) -> pd.DataFrame:
    """Per unit the largest lift and the :data:`SHOWN_DRAGS` largest drags, drags first."""
    drag = outlook[(outlook.rank_drag <= SHOWN_DRAGS).fillna(False).astype(bool)]
    lift = outlook[(outlook.rank_lift == 1).fillna(False).astype(bool)]
    return pd.concat([drag, lift]).sort_values("pulling_pp", kind="stable")


def _lead(
    picked: pd.DataFrame, ctx: ExtraContext, units: dict[str, Num], cells: dict[str, Num]
) -> Sentence | None:
    """The unit dragged most, by its largest drags (figures quoted from the two tables)."""
    drags = picked[picked.role == "drag"]
    if drags.empty:
        return None
    unit = str(drags.groupby("unit").pulling_pp.sum().idxmin())
    worst = drags[drags.unit == unit].sort_values("pulling_pp").head(SHOWN_DRAGS)
    ds, lang = ctx.dataset, ctx.lang
    uname = ds.units[unit].label(lang) if unit in ds.units else unit
    reg_g = units[unit]
    nums = [reg_g]
    names = [str(n) for n in worst.name]
    parts = []
    for e, n in zip(worst.enterprise, names, strict=True):
        pull, fc = cells[f"{e}:pulling_pp"], cells[f"{e}:forecast_growth"]
        nums += [pull, fc]
        if lang == "zh":
            way = "下降" if fc.negative else "增长"
            tail = f"，按近三月走势全年预计{way}{fc.magnitude}%" if fc.known else ""
            parts.append(f"{n}拖累{pull.magnitude}个百分点{tail}")
        else:
            tail = f", {fc.text}% for the full year at its recent pace" if fc.known else ""
            parts.append(f"{n} pulls it down {pull.magnitude} pp{tail}")
    if lang == "zh":
        verb = "下降" if reg_g.negative else "增长"
        text = f"{uname}重点企业产值累计{verb}{reg_g.magnitude}%，其中" + "；".join(parts) + "。"
    else:
        text = (
            f"{uname}'s key enterprises' output is {reg_g.text}% on last year: "
            + "; ".join(parts)
            + "."
        )
    lits = tuple(w for w in (uname, *names) if any(ch.isdigit() for ch in w))
    return Sentence(
        text,
        tuple(n for n in nums if n.known),
        ("enterprise_units", "enterprise_drag_lift"),
        lits,
    )


def _section(payload: dict[str, Any] | None, ctx: ExtraContext) -> Section | None:
    """重点企业: drag/lift with the outlook, enterprise levers, the shared problems."""
    if payload is None:
        return None
    lang, ds = ctx.lang, ctx.dataset
    zh = lang == "zh"
    entrants: pd.DataFrame = payload.get("entrants", pd.DataFrame())
    outlook: pd.DataFrame | None = payload.get("outlook")
    if outlook is None or outlook.empty:
        if entrants.empty:
            return None
        return Section(
            "enterprises",
            "重点企业" if zh else "Key enterprises",
            (),
            (_entrant_table(entrants, ds, lang),),
        )
    picked = _pick(outlook)
    cols = (
        Column("unit", "地区" if zh else "Unit"),
        Column("name", "企业" if zh else "Enterprise"),
        Column("industry", "行业" if zh else "Industry"),
        Column("growth", "累计增速(%)" if zh else "Growth to date (%)"),
        Column("pulling_pp", "拉动(百分点)" if zh else "Pull (pp)"),
        Column("forecast_growth", "全年预计增速(%)" if zh else "Full year, projected (%)"),
        Column("levers", "对企政策" if zh else "Levers aimed at it"),
        Column("open_problems", "待解决问题" if zh else "Open problems"),
    )
    rows: list[tuple[Cell, ...]] = []
    marks: list[tuple[str, ...]] = []
    cells: dict[str, Num] = {}
    lever_names = {lid: (lv.name_zh if zh else lv.name_en) for lid, lv in (ds.levers or {}).items()}
    for r in picked.itertuples(index=False):
        g, pull, fc = fmt.growth(r.growth), fmt.pp(r.pulling_pp), fmt.growth(r.forecast_growth)
        cells[f"{r.enterprise}:pulling_pp"] = pull
        cells[f"{r.enterprise}:forecast_growth"] = fc
        aimed = "、".join(lever_names.get(x, x) for x in str(r.levers).split(";") if x)
        rows.append(
            (
                ds.units[r.unit].label(lang) if r.unit in ds.units else str(r.unit),
                str(r.name or r.enterprise),
                str(r.industry),
                g,
                pull,
                fc,
                aimed,
                fmt.count(r.open_problems),
            )
        )
        mark = "bad" if r.role == "drag" else ("good" if r.role == "lift" else "")
        marks.append(tuple(mark if c.key in ("name", "pulling_pp") else "" for c in cols))
    drag_table = Table(
        "enterprise_drag_lift",
        "重点企业拉动与拖累" if zh else "Key enterprises that drag or lift their district",
        cols,
        tuple(rows),
        tuple(marks),
        notes=(
            "拉动 = 企业产值增量 ÷ 所在地区重点企业上年同期产值合计；全年预计按近三月增速外推。"
            if zh
            else "Pull = the enterprise's output increment over its district's key enterprises' "
            "output last year; the full year carries the last three months' growth on.",
        ),
        sheet="重点企业" if zh else "Key enterprises",
    )
    unit_table, unit_cells = _unit_rows(picked, ds, lang)
    paragraphs: list[Sentence | str] = []
    lead = _lead(picked, ctx, unit_cells, cells)
    if lead is not None:
        paragraphs.append(lead)
    tables = [unit_table, drag_table]
    levers: pd.DataFrame = payload["levers"]
    if len(levers):
        tables.append(_lever_table(levers, ds, lang))
    problems: pd.DataFrame = payload["problems"]
    if len(problems):
        tables.append(_problem_table(problems, lang))
        paragraphs.append(
            "企业共性问题清单中尚未解决的问题列入本季度工作任务，由责任单位按完成时限办结；"
            "已超期的标为红色。"
            if zh
            else "The enterprises' open shared problems are this quarter's actions, each for "
            "its department by its deadline; those past their deadline are marked red."
        )
    if len(entrants):
        tables.append(_entrant_table(entrants, ds, lang))
    return Section(
        "enterprises",
        "重点企业" if zh else "Key enterprises",
        tuple(paragraphs),
        tuple(tables),
    )


def _unit_rows(picked: pd.DataFrame, ds: Any, lang: str) -> tuple[Table, dict[str, Num]]:
    """Each unit's key enterprises' output growth (the register) and the drags' sum [pp]."""
    zh = lang == "zh"
    rows: list[tuple[Cell, ...]] = []
    cells: dict[str, Num] = {}
    order = {u: i for i, u in enumerate(ds.hierarchy)}
    for unit, part in sorted(picked.groupby("unit"), key=lambda kv: order.get(kv[0], 99)):
        drags = part[part.role == "drag"]
        cells[str(unit)] = fmt.growth(float(part.unit_register_growth.iloc[0]))
        rows.append(
            (
                ds.units[unit].label(lang) if unit in ds.units else str(unit),
                cells[str(unit)],
                fmt.pp(float(drags.pulling_pp.sum()) if len(drags) else math.nan),
                fmt.count(int(part.n_enterprises.iloc[0])),
            )
        )
    table = Table(
        "enterprise_units",
        "各地区重点企业产值增速" if zh else "Key enterprises' output growth by district",
        (
            Column("unit", "地区" if zh else "Unit"),
            Column("unit_register_growth", "重点企业产值增速(%)" if zh else "Output growth (%)"),
            Column("drag_pp", "主要拖累企业合计(百分点)" if zh else "Largest drags together (pp)"),
            Column("n_enterprises", "企业数" if zh else "Enterprises"),
        ),
        tuple(rows),
        sheet="重点企业汇总" if zh else "Key enterprises by unit",
    )
    return table, cells


def _lever_table(levers: pd.DataFrame, ds: Any, lang: str) -> Table:
    zh = lang == "zh"
    reg = ds.enterprises
    names = {} if reg is None else dict(zip(reg.enterprise, reg.name, strict=True))
    rows: list[tuple[Cell, ...]] = []
    for r in levers.itertuples(index=False):
        rows.append(
            (
                r.name_zh if zh else r.name_en,
                names.get(r.enterprise) or r.enterprise,
                ds.units[r.unit].label(lang) if r.unit in ds.units else str(r.unit),
                fmt.amount(r.cost),
                COST_KIND.get(r.cost_kind, {}).get(lang, r.cost_kind),
                fmt.amount(r.delta),
                fmt.pp(r.delta_pp),
            )
        )
    ind = ds.indicators.get(str(levers.indicator.iloc[0]))
    what = ind.label(lang) if ind is not None else str(levers.indicator.iloc[0])
    return Table(
        "enterprise_levers",
        "对企政策（按上限、下月起实施）"
        if zh
        else "Levers aimed at enterprises (at their caps, from next month)",
        (
            Column("lever", "政策" if zh else "Lever"),
            Column("enterprise", "企业" if zh else "Enterprise"),
            Column("unit", "地区" if zh else "Unit"),
            Column("cost", "资金(亿元)" if zh else "Cost (亿元)"),
            Column("cost_kind", "资金类型" if zh else "Money kind"),
            Column("delta", f"{what}增加(亿元)" if zh else f"{what}: change (亿元)"),
            Column("delta_pp", "拉动地区增速(百分点)" if zh else "District growth (pp)"),
        ),
        tuple(rows),
        notes=(
            "效果为情景模拟的平均值（上年价格）；政策作用于企业所在地区并汇总到全市。"
            if zh
            else "Effects are the mean of the simulation (last year's prices); a lever acts in "
            "the enterprise's district and through it on the city.",
        ),
        sheet="对企政策" if zh else "Enterprise levers",
    )


def _problem_table(problems: pd.DataFrame, lang: str) -> Table:
    zh = lang == "zh"
    rows: list[tuple[Cell, ...]] = []
    marks: list[tuple[str, ...]] = []
    for r in problems.itertuples(index=False):
        status = PROBLEM_STATUS.get(r.status, {}).get(lang, r.status)
        if r.overdue:
            status += "（已超期）" if zh else " (overdue)"
        rows.append((r.problem, r.category, r.names, r.department, r.deadline, status))
        marks.append(("", "", "", "", "bad" if r.overdue else "", "bad" if r.overdue else ""))
    return Table(
        "enterprise_problems",
        "企业共性问题清单" if zh else "The enterprises' shared problems",
        (
            Column("problem", "问题" if zh else "Problem"),
            Column("category", "类别" if zh else "Category"),
            Column("enterprises", "涉及企业" if zh else "Enterprises"),
            Column("department", "责任单位" if zh else "Department"),
            Column("deadline", "完成时限" if zh else "Deadline"),
            Column("status", "状态" if zh else "Status"),
        ),
        tuple(rows),
        tuple(marks),
        sheet="企业问题清单" if zh else "Enterprise problems",
    )


_WHEN = {
    "this_year": {"zh": "本年入统", "en": "this year"},
    "in_data": {"zh": "已含在数据中", "en": "in the data"},
    "next_year": {"zh": "明年入统", "en": "next year"},
}


def _entrant_table(entrants: pd.DataFrame, ds: Any, lang: str) -> Table:
    """拟升规入统、限上入库: each candidate alone at its register month."""
    zh = lang == "zh"
    rows: list[tuple[Cell, ...]] = []
    for r in entrants.itertuples(index=False):
        ind = ds.indicators.get(r.indicator)
        rows.append(
            (
                str(r.name or r.entrant),
                ds.units[r.unit].label(lang) if r.unit in ds.units else str(r.unit),
                ind.label(lang) if ind is not None else str(r.indicator),
                str(r.entry_month),
                _WHEN[r.when][lang if zh else "en"],
                fmt.amount(r.fy_value),
                fmt.amount(r.fy_base),
                f"{r.probability:.0%}" if r.probability < 1 else ("计划入统" if zh else "planned"),
                fmt.amount(r.delta_value),
                fmt.pp(r.delta_pp),
            )
        )
    return Table(
        "enterprise_entrants",
        "拟升规入统、限上入库企业（各自单独测算）"
        if zh
        else "Candidates to enter the statistics (each alone)",
        (
            Column("name", "企业" if zh else "Candidate"),
            Column("unit", "地区" if zh else "Unit"),
            Column("indicator", "纳入指标" if zh else "Indicator"),
            Column("entry_month", "预计入统月份" if zh else "Entry month"),
            Column("when", "计入" if zh else "Counts"),
            Column("fy_value", "全年(亿元)" if zh else "Full year (亿元)"),
            Column("fy_base", "上年同期(亿元)" if zh else "Last year (亿元)"),
            Column("probability", "入统概率" if zh else "Probability"),
            Column("delta_value", "增加总量(亿元)" if zh else "Level added (亿元)"),
            Column("delta_pp", "拉动地区增速(百分点)" if zh else "Unit's growth (pp)"),
        ),
        tuple(rows),
        notes=(
            "入统企业自年初累计计入，其上年同期数并入基数（同口径），按情景模拟均值（含入统概率）测算；"
            "全年按本年累计数与所在地区上年季节规律推算。"
            if zh
            else "A candidate counts from January and its last year joins the comparable base; "
            "mean of the simulation (with its probability); its full year from its year to date "
            "at its unit's seasonal pattern of last year.",
        ),
        sheet="拟入统企业" if zh else "Entrants",
    )


EXTRA = Extra(
    "enterprises",
    available=lambda: True,
    compute=_compute,
    section=_section,
    titles={"zh": "重点企业", "en": "Key enterprises"},
    order=30,
)
