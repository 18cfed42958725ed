"""与上月相比 (pluggable): what changed in the full-year forecast since the last meeting.

Shown when the briefing runs at a monthly origin inside a quarter (``2026-10``: October's
figures are out, the fourth quarter's are not); the last meeting's origin is the month before
(``2026Q3`` for October). The figures are :func:`sprintmodel.forecast.news.news`: the root's
full-year forecast then and now per indicator, and the change split into the surprise of the
newly released series, revisions and re-estimation (they add up to the change). Registered in
:mod:`sprintmodel.briefing.extras` as ``since_last``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing.document import Cell, Column, Extra, ExtraContext, Section, Table
from sprintmodel.periods import Period
from sprintmodel.words.briefing import t
from sprintmodel.words.headers import header

if TYPE_CHECKING:
    from sprintmodel.scenario import ScenarioEngine, ScenarioResult


def last_meeting(as_of: Period) -> Period | None:
    """The origin of the last monthly meeting: the month before, as a quarter at a quarter's
    end; None at a quarter or in the first quarter (no earlier origin in the year to compare).

    Examples
    --------
    >>> last_meeting(Period.parse("2026-10")), last_meeting(Period.parse("2026-11"))
    (Period('2026Q3'), Period('2026-10'))
    >>> last_meeting(Period.parse("2026Q3")) is None
    True
    """
    if as_of.freq != "M" or as_of.is_quarter_end() or as_of.index <= 3:
        return None
    before = as_of.shift(-1)
    return before.to_quarter() if before.is_quarter_end() else before


def _compute(engine: ScenarioEngine, result: ScenarioResult) -> dict[str, Any] | None:
    """News of the root between the last meeting's origin and the engine's (worker side)."""
    from sprintmodel.forecast.news import news

    since = last_meeting(engine.as_of)
    if since is None:
        return None
    table = news(engine.dataset, engine.as_of, since, rng=result.spec.seed)
    return {"since": str(since), "as_of": str(engine.as_of), "news": table}


def _g(value: float) -> str:
    """Growth as the tables show it (one decimal, half up)."""
    return fmt.format_number(value, fmt.GROWTH_DECIMALS)


GDP = "gdp"


CHANGE_DECIMALS = 2
"""Decimals of the change and its parts [pp] in the table and the sentences: a month's news moves
a forecast by hundredths, which one decimal would show as 0.0 between forecasts printed 5.3 and
5.4 (assumption; the forecasts themselves keep one decimal, as published)."""


def _pp2(value: float) -> str:
    """A part of GDP's move [pp], signed with two decimals (the parts are hundredths)."""
    v = round(float(value), CHANGE_DECIMALS)
    return f"{v if v != 0 else 0.0:+.{CHANGE_DECIMALS}f}"


def _gdp_reasons(root: pd.DataFrame, ds: Any, lang: str) -> str:
    """GDP's move and its reasons in plain words: the monthly series that moved it most (their
    bridge terms, :mod:`sprintmodel.forecast.live_nowcast`), the re-estimation and the rest
    (reconciliation with the units); empty when GDP has no news."""
    rows = root[root.indicator == GDP]
    if rows.empty:
        return ""
    r = rows.iloc[0]
    per = {
        c[len("surprise_") : -len("_pp")]: float(r[c])
        for c in root.columns
        if c.startswith("surprise_") and c != "surprise_pp" and abs(float(r[c])) >= 0.005
    }
    if not per and abs(float(r.reestimation_pp)) < 0.005:
        return ""
    known = {**ds.indicators, **ds.source_indicators}
    top = sorted(per.items(), key=lambda kv: -abs(kv[1]))[:3]
    rest = float(r.revisions_pp + r.other_pp)
    same = _g(r.fy_growth_then) == _g(r.fy_growth_now)  # equal as printed: say "still"
    if lang == "zh":
        named = "、".join(f"{known[c].label(lang)}{_pp2(v)}个百分点" for c, v in top if c in known)
        return (
            f"地区生产总值是季度数据，{int(str(r.as_of)[5:])}月的月度数据已对第四季度作出推算："
            + (
                f"全年预计仍为{_g(r.fy_growth_now)}%"
                if same
                else f"全年预计由{_g(r.fy_growth_then)}%调整为{_g(r.fy_growth_now)}%"
            )
            + f"（{_pp2(r.change_pp)}个百分点），"
            + (f"其中新发布月度数据合计{_pp2(r.surprise_pp)}个百分点（{named}），" if named else "")
            + f"模型重估{_pp2(r.reestimation_pp)}个百分点，"
            f"与各区县汇总衔接及其他{_pp2(rest)}个百分点。"
        )
    named = ", ".join(f"{known[c].label(lang)} {_pp2(v)} pp" for c, v in top if c in known)
    return (
        f" GDP is quarterly; {r.as_of}'s monthly figures nowcast the fourth quarter: "
        + (
            f"still {_g(r.fy_growth_now)}%"
            if same
            else f"{_g(r.fy_growth_then)}% → {_g(r.fy_growth_now)}%"
        )
        + f" ({_pp2(r.change_pp)} pp"
        + (f"; new monthly figures {_pp2(r.surprise_pp)} pp: {named}" if named else "")
        + f"; re-estimation {_pp2(r.reestimation_pp)} pp; reconciliation and other "
        f"{_pp2(rest)} pp)."
    )


def _section(payload: dict[str, Any] | None, ctx: ExtraContext) -> Section | None:
    """与上月相比: the root's forecast then and now per indicator, and why it moved."""
    if payload is None:
        return None
    lang, ds = ctx.lang, ctx.dataset
    table: pd.DataFrame = payload["news"]
    root = table[table.unit == ds.root]
    if "industry" in root.columns:
        root = root[root.industry.fillna("") == ""]
    if root.empty:
        return None
    zh = lang == "zh"
    cols = (
        Column("indicator", t("h_indicator", lang)),
        Column(
            "then", f"上次预计({payload['since']})(%)" if zh else f"Then ({payload['since']}) (%)"
        ),
        Column(
            "now", f"本次预计({payload['as_of']})(%)" if zh else f"Now ({payload['as_of']}) (%)"
        ),
        Column("change", header("change_pp", lang)),
        Column("surprise", header("surprise_pp", lang)),
        Column("reestimation", header("reestimation_pp", lang)),
        Column("other", header("revisions_other_pp", lang)),
        Column("released", header("released", lang)),
    )
    rows: list[tuple[Cell, ...]] = []
    moved: list[tuple[float, str, float, float]] = []
    for r in root.itertuples(index=False):
        name = ds.indicators[r.indicator].label(lang)
        rows.append(
            (
                name,
                fmt.growth(r.fy_growth_then),
                fmt.growth(r.fy_growth_now),
                fmt.pp(r.change_pp, CHANGE_DECIMALS),
                fmt.pp(r.surprise_pp, CHANGE_DECIMALS),
                fmt.pp(r.reestimation_pp, CHANGE_DECIMALS),
                fmt.pp(r.revisions_pp + r.other_pp, CHANGE_DECIMALS),
                "、".join(x.split(" ", 1)[-1] for x in str(r.released).split("; ") if x) or "—",
            )
        )
        if abs(r.change_pp) >= 0.05:
            moved.append((abs(r.change_pp), name, r.fy_growth_then, r.fy_growth_now))
    moved.sort(reverse=True)
    if zh:
        text = (
            "与上月相比，"
            + "；".join(f"{n}全年预计由{_g(a)}%调整为{_g(b)}%" for _, n, a, b in moved[:3])
            + "。"
            if moved
            else "与上月相比，各项指标全年预计变化均不足0.1个百分点。"
        )
        text += _gdp_reasons(root, ds, lang)
        text += "新数据带来、模型重估与修订及其他三项之和等于变化。"
    else:
        text = (
            "Since the last meeting: "
            + "; ".join(f"{n} {_g(a)}% → {_g(b)}%" for _, n, a, b in moved[:3])
            + "."
            if moved
            else "Since the last meeting no full-year forecast moved by 0.1 pp or more."
        )
        text += _gdp_reasons(root, ds, lang)
        text += " New figures, re-estimation and revisions/other add up to the change."
    return Section(
        "since_last",
        "与上月相比" if zh else "Since the last meeting",
        (text,),
        (
            Table(
                "since_last",
                f"全年预计变化（{payload['since']}→{payload['as_of']}）"
                if zh
                else f"Full-year forecast, {payload['since']} → {payload['as_of']}",
                cols,
                tuple(rows),
                notes=(
                    "变化及其分解按未舍入的预计值计算，保留两位小数；两次预计值保留一位小数，"
                    "其差可能与变化相差0.1个百分点以内。"
                    if zh
                    else "The change and its parts are computed from the unrounded forecasts, "
                    "to two decimals; the forecasts are shown to one decimal, so their difference "
                    "may differ from the change by less than 0.1 pp.",
                ),
                sheet="与上月相比" if zh else "Since last meeting",
            ),
        ),
    )


EXTRA = Extra(
    "since_last",
    available=lambda: True,
    compute=_compute,
    section=_section,
    titles={"zh": "与上月相比", "en": "Since the last meeting"},
    order=5,
)
