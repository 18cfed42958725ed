"""The district league (比增速、比增量、比贡献) from the league report the caller computed."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing import sentences as say
from sprintmodel.briefing.formatting import Num
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.words.briefing import t
from sprintmodel.words.periods import month_span_label, span_label

if TYPE_CHECKING:
    from sprintmodel.league import LeagueReport

from sprintmodel.briefing.document import (
    Cell,
    ChartSpec,
    Column,
    Section,
    Table,
)
from sprintmodel.briefing.sections._common import (
    _f,
    _marks,
    _Names,
    _other_span,
    _row,
    _true,
)


def _growth_table(
    names: _Names,
    frame: pd.DataFrame,
    gcol: str,
    units: list[str],
    inds: list[str],
    periods: dict[str, str],
    title_period: str,
    progress: pd.DataFrame | None = None,
) -> Table:
    """Every indicator's year-to-date growth of the root and its members (red: below average);
    a completion-type indicator (城镇新增就业) shows the share of its annual target done instead
    (red: behind time progress), from the league's ``progress`` (target_progress)."""
    ds, lang = names.dataset, names.lang
    done = {
        c
        for c in inds
        if ds.indicators[c].completion
        and progress is not None
        and len(progress)
        and (progress.indicator == c).any()
    }
    root = ds.root
    span_h = month_span_label(title_period, lang)

    def header_of(code: str) -> str:
        if code in done:
            return (
                f"{names.indicator(code)}（完成年度目标%）"
                if lang == "zh"
                else f"{names.indicator(code)} (% of annual target)"
            )
        # A series standing at another span (a quarterly one as of October, or last year's Q4
        # as of February) says which, so that no column passes for the title's span.
        own = _other_span(periods[code], title_period, lang)
        if not own:
            return names.indicator(code)
        return (
            f"{names.indicator(code)}（{own}）"
            if lang == "zh"
            else f"{names.indicator(code)} ({own})"
        )

    rows: list[tuple[Cell, ...]] = []
    marks: list[tuple[str, ...]] = []
    for u in units:
        cells: list[Cell] = [names.unit(u)]
        m: list[str] = ["total" if u == root else ""]
        for code in inds:
            if code in done:
                assert progress is not None
                pr = _row(progress, u, code)
                cells.append(fmt.growth(_f(pr["completion_pct"]) if pr is not None else math.nan))
                behind = pr is not None and _true(pr["behind_schedule"])
                m.append("total" if u == root else ("bad" if behind else ""))
                continue
            r = _row(frame, u, code)
            cells.append(fmt.growth(_f(r[gcol]) if r is not None else math.nan))
            below = r is not None and _true(r["below_average"])
            m.append("total" if u == root else ("bad" if below else ""))
        rows.append(tuple(cells))
        marks.append(tuple(m))
    words = names.words
    return Table(
        "league_growth",
        t("t_league_growth", lang, span=span_h, **words),
        (
            Column("unit", t("h_unit", lang)),
            *[Column(f"ytd:{c}", header_of(c)) for c in inds],
        ),
        tuple(rows),
        tuple(marks),
        (
            f"红色：低于{words['whole']}平均水平"
            + ("；任务类指标为完成年度目标的比重，红色表示慢于时序进度。" if done else "。"),
        )
        if lang == "zh"
        else (f"Red: below the {words['whole']}'s growth (targets to complete: behind schedule).",),
        sheet=f"{words['members']}增速" if lang == "zh" else f"{words['Member']} growth",
    )


def _lead_rows(
    names: _Names,
    lg: pd.DataFrame,
    gcol: str,
    lead: str,
    cols: list[Column],
    proj: pd.DataFrame | None,
    odds: pd.DataFrame | None,
) -> tuple[list[tuple[Cell, ...]], list[str], dict[str, dict[str, Num]], list[str]]:
    """The lead indicator's league rows: cells, marks, each unit's figures, units below average."""
    lrows: list[tuple[Cell, ...]] = []
    lmarks: list[str] = []
    by_unit: dict[str, dict[str, Num]] = {}
    below_names: list[str] = []
    for r in lg.itertuples(index=False):
        d = {
            "ytd_growth": fmt.growth(getattr(r, gcol)),
            "rank_growth": fmt.rank(_f(r.rank_growth)),
            "increment": fmt.amount(r.increment),
            "rank_increment": fmt.rank(_f(r.rank_increment)),
            "contribution_pct": fmt.growth(r.contribution_pct),
            "rank_contribution": fmt.rank(_f(r.rank_contribution)),
        }
        if proj is not None:
            pr = _row(proj, r.unit, lead)
            d["fy_growth"] = fmt.growth(_f(pr["fy_growth"]) if pr is not None else math.nan)
            d["fy_rank_growth"] = fmt.rank(_f(pr["rank_growth"]) if pr is not None else math.nan)
        if odds is not None:
            orow = _row(odds, r.unit, lead)
            d["p_first_growth"] = fmt.prob(
                _f(orow["p_first_growth"]) if orow is not None else math.nan
            )
            d["p_above_average"] = fmt.prob(
                _f(orow["p_above_average"]) if orow is not None else math.nan
            )
        by_unit[r.unit] = d
        lrows.append((names.unit(r.unit), *[d[c.key] for c in cols[1:]]))
        below = _true(r.below_average)
        lmarks.append("bad" if below else "")
        if below:
            below_names.append(names.unit(r.unit))
    return lrows, lmarks, by_unit, below_names


def league_section(
    names: _Names,
    league: LeagueReport,
    lead: str,
    ref_phrase: str | None,
    as_of: str | None = None,
) -> Section | None:
    ds, lang = names.dataset, names.lang
    root = ds.root
    table = league.table
    frame = table.frame
    kids = list(ds.hierarchy.children(root, rollup_only=True))
    if not kids or frame.empty:
        return None
    inds = [c for c in ds.indicators if c in set(frame.indicator)]
    gcol = table.growth_column
    periods = {c: str(frame.period[frame.indicator == c].iloc[0]) for c in inds}
    title_period = as_of or periods.get(lead) or str(frame.period.iloc[0])

    words = names.words
    t_growth = _growth_table(
        names, frame, gcol, [root, *kids], inds, periods, title_period, league.target_progress
    )
    sentences: list[Sentence | str] = []
    tables = [t_growth]
    lg = table.league(lead, root) if lead in inds else pd.DataFrame()
    if not lg.empty:
        proj = league.projected.frame if league.projected is not None else None
        odds = league.odds.wide() if league.odds is not None else None
        cols = [
            Column("unit", t("h_unit", lang)),
            Column(
                "ytd_growth",
                t("h_ytd_growth", lang, span=month_span_label(periods[lead], lang)),
            ),
            Column("rank_growth", t("h_rank_growth", lang)),
            Column("increment", f"{t('h_increment', lang)}({names.measure(lead)})"),
            Column("rank_increment", t("h_rank_increment", lang)),
            Column("contribution_pct", t("h_contribution", lang)),
            Column("rank_contribution", t("h_rank_contribution", lang)),
        ]
        if proj is not None:
            cols += [
                Column("fy_growth", t("h_fy_growth", lang)),
                Column("fy_rank_growth", t("h_fy_rank", lang)),
            ]
        if odds is not None:
            cols += [
                Column("p_first_growth", t("h_p_first", lang)),
                Column("p_above_average", t("h_p_above", lang, **words)),
            ]
        lrows, lmarks, by_unit, below_names = _lead_rows(names, lg, gcol, lead, cols, proj, odds)
        t_lead = Table(
            "league_lead",
            t("t_league_lead", lang, indicator=names.indicator(lead)),
            tuple(cols),
            tuple(lrows),
            _marks(lrows, lmarks, cols, ("unit", "ytd_growth")),
            (
                (
                    f"全年预计增速及位次为模拟均值（均值可加总，与{words['members']}合计一致）；"
                    f"红色：低于{words['whole']}平均水平。",
                )
                if lang == "zh"
                else (
                    "Projected growth and ranks use the mean of the draws (means add up); red: "
                    f"below the {words['whole']}'s growth.",
                )
            )
            if proj is not None
            else (),
            sheet="比增速比增量比贡献" if lang == "zh" else "League",
        )
        tables.append(t_lead)

        def first(col: str) -> str | None:
            for u, d in by_unit.items():
                if d[col].text == "1":
                    return u
            return None

        fg, fi, fc = first("rank_growth"), first("rank_increment"), first("rank_contribution")
        avg_row = t_growth.rows[0][1 + inds.index(lead)]
        if fg is not None and isinstance(avg_row, Num):
            sentences.append(
                say.league_lead(
                    lang,
                    span=span_label(str(lg.period.iloc[0]), lang),
                    indicator=names.indicator(lead),
                    measure=names.measure(lead),
                    first_growth=(names.unit(fg), by_unit[fg]["ytd_growth"]),
                    first_increment=(names.unit(fi), by_unit[fi]["increment"]) if fi else None,
                    first_contribution=(
                        (names.unit(fc), by_unit[fc]["contribution_pct"]) if fc else None
                    ),
                    below=below_names,
                    average=avg_row,
                    whole=words["whole"],
                    members=words["members"],
                    table="league_lead",
                )
            )
            # The average is quoted from the district growth table's city row.
            s = sentences[-1]
            assert isinstance(s, Sentence)
            sentences[-1] = Sentence(
                s.text, s.numbers, ("league_lead", "league_growth"), s.literals
            )
        if proj is not None and odds is not None and ref_phrase:
            pf = first("fy_rank_growth")
            if pf is not None:
                d = by_unit[pf]
                sentences.append(
                    say.league_projection(
                        lang,
                        scenario=ref_phrase,
                        indicator=names.indicator(lead),
                        first=(names.unit(pf), d["fy_growth"], d["p_first_growth"]),
                        table="league_lead",
                    )
                )
    chart = ChartSpec(
        "league",
        "league",
        t("c_league", lang, **words),
        {"table": table, "indicators": inds},
    )
    return Section("league", t("league", lang, **words), tuple(sentences), tuple(tables), (chart,))
