"""Everything the league briefing shows, computed in one call: :func:`league_report`.

The orchestrator of :mod:`sprintmodel.league`: the year-to-date league table, optionally the
projected full-year table and rank odds from a scenario's draws, the lagging units, the time
progress of targets and projects, and the key enterprises. The command line and report writers
only format what :class:`LeagueReport` holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.forecast.draws import Draws, IndicatorDraws
from sprintmodel.league.enterprises import drag_lift
from sprintmodel.league.lagging import lagging_units
from sprintmodel.league.odds import RankOdds, rank_odds
from sprintmodel.league.progress import project_progress, project_progress_by_unit, target_progress
from sprintmodel.league.table import (
    NEAR_ZERO_PP,
    LeagueTable,
    Whole,
    league_table,
    projected_league_table,
)
from sprintmodel.livelihood import livelihood_by_unit, livelihood_progress
from sprintmodel.notes import Note
from sprintmodel.periods import Period, as_period

CSV_COLUMNS = [
    "unit",
    "unit_name",
    "indicator",
    "indicator_name",
    "period",
    "parent",
    "peer_group",
    "ytd_value",
    "ytd_growth",
    "increment",
    "contribution_pct",
    "pulling_pp",
    "rank_growth",
    "rank_increment",
    "rank_contribution",
    "n_peers",
    "average_growth",
    "mean_growth",
    "gap_to_average_pp",
    "below_average",
    "champion",
    "contribution_ranked_by",
    "contribution_basis",
    "note",
]
"""Columns of :meth:`LeagueReport.league_frame` (the CSV output of ``sprintmodel league``)."""

SHOWN_COLUMNS = [
    "unit",
    "indicator",
    "ytd_growth",
    "increment",
    "contribution_pct",
    "pulling_pp",
    "rank_growth",
    "rank_increment",
    "rank_contribution",
    "below_average",
    "champion",
]
"""The league's compact view (the terminal table of ``sprintmodel league``): a subset of
:data:`LEAGUE_COLUMNS`."""

PROJECTED_COLUMNS = {
    "fy_growth": "fy_growth",
    "increment": "fy_increment",
    "contribution_pct": "fy_contribution_pct",
    "rank_growth": "fy_rank_growth",
    "rank_increment": "fy_rank_increment",
    "rank_contribution": "fy_rank_contribution",
    "below_average": "fy_below_average",
}
ODDS_WIDE_COLUMNS = [
    "p_first_growth",
    "p_top_growth",
    "p_keep_rank_growth",
    "expected_rank_growth",
    "p_above_average",
]


@dataclass(frozen=True, eq=False)
class LeagueReport:
    """The league briefing's tables (see :func:`league_report`)."""

    table: LeagueTable
    lagging: pd.DataFrame
    target_progress: pd.DataFrame
    project_progress: pd.DataFrame
    enterprises: pd.DataFrame | None = None
    projected: LeagueTable | None = None
    odds: RankOdds | None = None
    notes: tuple[Note, ...] = ()
    livelihood: pd.DataFrame | None = None
    """为民办实事 per unit: tasks, behind, money, completion vs time progress
    (:func:`sprintmodel.livelihood.livelihood_by_unit`); None without ``livelihood.csv``."""

    def league_frame(self, lang: str = "zh") -> pd.DataFrame:
        """The league table with names in ``lang``; with a projection, its ``fy_*`` columns and
        the rank odds (``p_top_growth``...) appended."""
        f = self.table.to_frame(lang)
        f = f[[c for c in CSV_COLUMNS if c in f.columns]]
        if self.projected is not None:
            pr = self.projected.frame[["unit", "indicator", *PROJECTED_COLUMNS]].rename(
                columns=PROJECTED_COLUMNS
            )
            f = f.merge(pr, on=["unit", "indicator"], how="left")
        if self.odds is not None:
            w = self.odds.wide()[["unit", "indicator", *ODDS_WIDE_COLUMNS]]
            f = f.merge(w, on=["unit", "indicator"], how="left")
        return f

    def project_progress_by_unit(self) -> pd.DataFrame:
        """Projects' time progress summed per unit."""
        return project_progress_by_unit(self.project_progress)

    def all_notes(self) -> list[Note]:
        """Every note as data: the tables' and the report's own (words: :meth:`note_texts`)."""
        notes = list(self.notes) + list(self.table.notes)
        if self.projected is not None:
            notes += list(self.projected.notes)
        if self.odds is not None:
            notes += list(self.odds.notes)
        notes += list(self.project_progress.attrs.get("notes", []))
        return list(dict.fromkeys(notes))

    def note_texts(self, lang: str = "zh") -> list[str]:
        """:meth:`all_notes` in ``lang`` (:mod:`sprintmodel.words.notes`); Chinese shows units,
        indicators and park leagues by their names, English by their codes, as before."""
        from sprintmodel.words.notes import note_text

        names = self.table.note_names(lang) if lang == "zh" else {}
        return [note_text(n, lang, names) for n in self.all_notes()]


def league_report(
    dataset: DataSet,
    period: str | Period | None = None,
    *,
    draws: Draws | Mapping[str, IndicatorDraws] | None = None,
    top: int = 3,
    whole: Whole = "members",
    near_zero_pp: float = NEAR_ZERO_PP,
    enterprise_top: int | None = 5,
) -> LeagueReport:
    """Compute the league briefing at ``period``.

    Parameters
    ----------
    dataset
        A loaded data folder (its enterprise register, when it has one, gives the drag/lift table).
    period
        ``YYYYQn`` or ``YYYY-MM`` (default: the latest). An indicator (or, in the time progress
        of targets, a series) not published at it is read at its latest period of the same year
        before it, with a note (:func:`sprintmodel.league.table.league_table`).
    draws
        Full-year draws of a scenario or forecast: adds the projected league table, the rank
        odds and the draws-based columns of the lagging units.
    top
        The "top" of the rank odds (P(rank ≤ top)).
    whole, near_zero_pp
        See :func:`sprintmodel.league.table.league_table`.
    enterprise_top
        Keep this many lifts and drags per unit in the enterprise table (None: all).
    """
    p = as_period(period, dataset.latest_period)
    table = league_table(
        dataset, p, whole=whole, near_zero_pp=near_zero_pp, explicit=period is not None
    )
    projected = odds = None
    if draws is not None:
        projected = projected_league_table(draws, dataset, whole=whole, near_zero_pp=near_zero_pp)
        odds = rank_odds(draws, dataset, top=top, current=table, near_zero_pp=near_zero_pp)
    lagging = lagging_units(dataset, p, table=table, draws=draws)
    tprog = target_progress(dataset, p)
    pprog = project_progress(dataset, as_of=p)  # the register read at the league's period
    notes: list[Note] = []
    ent = None
    if dataset.enterprises is not None:
        register = dataset.enterprises
        at: Period | None = p
        match = register[(register.year == p.year) & (register.month == p.month)]
        if match.empty and len(register):
            at = None
            notes.append(Note.of("league.enterprise_latest", asked_period=str(p)))
        ent = drag_lift(register, at, dataset=dataset, top=enterprise_top)
    livelihood = None
    if dataset.livelihood is not None:
        livelihood = livelihood_by_unit(livelihood_progress(dataset, p), dataset)
    return LeagueReport(
        table, lagging, tprog, pprog, ent, projected, odds, tuple(notes), livelihood
    )
