"""The league's printouts: :meth:`LeagueTable.summary` and :meth:`RankOdds.summary` in the
reader's language, and the names of the codes they and the notes carry.

English names units and indicators by their codes (as the data do), Chinese by their names;
the frames are :mod:`sprintmodel.words.summaries`, the notes :mod:`sprintmodel.words.notes`.
Pure: text from the results' own figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from sprintmodel.data import Hierarchy, Indicator
from sprintmodel.words.console import say
from sprintmodel.words.notes import code_names, note_text
from sprintmodel.words.periods import period_label
from sprintmodel.words.summaries import WHOLE_WORDS, joined, summary_text, word
from sprintmodel.words.wording import wording

if TYPE_CHECKING:
    from sprintmodel.league.odds import RankOdds
    from sprintmodel.league.table import LeagueTable


def league_names(
    hierarchy: Hierarchy | None, indicators: Mapping[str, Indicator], lang: str = "zh"
) -> dict[str, str]:
    """Display names of the codes a league's notes and printouts carry: units, indicators and,
    in Chinese, park leagues (``JC~overlap`` → ``江川市园区``)."""
    names = code_names(hierarchy, indicators, lang=lang)
    if hierarchy is not None and lang == "zh":
        for u in hierarchy:
            names[f"{u}~overlap"] = f"{hierarchy[u].label(lang)}园区"
    return names


def table_summary(table: LeagueTable, lang: str = "en") -> str:
    """:meth:`LeagueTable.summary <sprintmodel.league.table.LeagueTable.summary>`: per
    indicator, the average, the leader and who is below it, in ``lang``."""
    zh = lang == "zh"
    names = table.note_names(lang) if zh else {}

    def name(code: str) -> str:
        return names.get(code, code)

    def when(period: str) -> str:  # a period (2026Q3) or, projected, a year (2026)
        if not zh:
            return period
        return period_label(period, lang) if table.kind == "ytd" else f"{period}年"

    members = wording(table.hierarchy, lang=lang).members if table.hierarchy is not None else ""
    lines = [
        summary_text(
            "league.head",
            lang,
            what=summary_text(f"league.{table.kind}", lang),
            period=when(table.period),
            whole=word(WHOLE_WORDS, table.whole, lang),
            members=members,
            n_units=table.frame.unit.nunique(),
            n_indicators=table.frame.indicator.nunique(),
        )
    ]
    root = table.hierarchy.root if table.hierarchy is not None else None
    gcol = table.growth_column
    for code in dict.fromkeys(table.frame.indicator):
        lg = table.league(code, root) if root else pd.DataFrame()
        if lg.empty:
            continue
        below = lg[lg.below_average.fillna(False).astype(bool)].unit.tolist()
        res = table.residuals[
            (table.residuals.parent == root) & (table.residuals.indicator == code)
        ]
        un = ""
        if len(res):
            un = summary_text("league.unallocated", lang, pct=res.unallocated_pct.iloc[0])
        lines.append(
            summary_text(
                "league.line",
                lang,
                indicator=name(code),
                period=when(str(lg.period.iloc[0])),
                average=lg.average_growth.iloc[0],
                mean=lg.mean_growth.iloc[0],
                leader=name(lg.iloc[0].unit),
                growth=lg.iloc[0][gcol],
                below=joined([name(u) for u in below], lang) or summary_text("none", lang),
                unallocated=un,
            )
        )
    counts = table.champion_counts()
    if len(counts):
        champions = [
            summary_text("league.champion", lang, unit=name(u), n=n) for u, n in counts.items()
        ]
        lines.append(summary_text("league.champions", lang, champions=joined(champions, lang)))
    lines.extend("  " + say("note", lang, text=n) for n in table.note_texts(lang))
    return "\n".join(lines)


def odds_summary(odds: RankOdds, lang: str = "en") -> str:
    """:meth:`RankOdds.summary <sprintmodel.league.odds.RankOdds.summary>`: per indicator and
    league, the likeliest leader, in ``lang``."""
    names = league_names(odds.hierarchy, odds.indicators, lang) if lang == "zh" else {}

    def name(code: str) -> str:
        return names.get(code, code)

    n = max(odds.n_draws.values(), default=0)
    lines = [summary_text("odds.head", lang, n=n, top=odds.top)]
    f = odds.frame[odds.frame.measure == "growth"]
    for (ind, parent, group), g in f.groupby(["indicator", "parent", "peer_group"], sort=False):
        best = g.sort_values("p_first", ascending=False).iloc[0]
        items = [
            summary_text("odds.item", lang, unit=name(r.unit), p=r.p_top) for r in g.itertuples()
        ]
        lines.append(
            summary_text(
                "odds.line",
                lang,
                indicator=name(ind),
                parent=name(parent),
                parks="" if group == "rollup" else summary_text("odds.parks", lang),
                unit=name(best.unit),
                p=best.p_first,
                top=odds.top,
                top_odds=joined(items, lang),
            )
        )
    lines.extend("  " + say("note", lang, text=note_text(n, lang, names)) for n in odds.notes)
    return "\n".join(lines)


__all__ = ["league_names", "odds_summary", "table_summary"]
