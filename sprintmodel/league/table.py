"""League tables: compare units by growth, increment and contribution (比增速、比增量、比贡献).

For every unit × indicator: growth, increment (at last year's prices for ``real`` indicators),
contribution rate to the parent's growth, pulling rate, ranks on the three among the unit's peers
(:mod:`sprintmodel.league.peers`), the "city average" and whether the unit is below it, and the
single-item champions (units first in their league on an indicator).

**The average.** What planners call 全市平均水平 is the growth of the whole, i.e. the parent's own
growth, not the mean of its children; a district is "below the average" when its growth is below
its parent's. The simple mean of the peers is reported beside it (``mean_growth``).

**The whole.** ``whole="members"`` (default) applies the statistics bureau's rule
(:func:`sprintmodel.contribution.contributions`): where the members partition their parent (a
``rollup`` league: ``units.csv`` says they make up the parent; industries of GDP) a contribution
rate's denominator is the sum of the members' increments, so the rates add up to 100 and match
the published ones even when the whole grows near zero, and the pulling rates
(contribution × the parent's growth / 100) add up to the parent's published growth; where they do
not (parks, ``overlap``), the parent's own increment. ``whole="parent"`` divides by the parent's
own published increment and base everywhere, so the contributions of the parts need not add up
to exactly 100 where the published city differs from the sum of its districts. Either way the
difference is reported as ``unallocated`` in :attr:`LeagueTable.residuals`. ``whole="sum"``
compares with the sum of the rollup children everywhere (its growth is then the average too).
The ``contribution_basis`` column says which denominator each row used: ``"members"`` or
``"whole"``.

**Near-zero growth.** When the whole's growth is below :data:`NEAR_ZERO_PP` (near zero or
negative), contribution rates explode or change sign; contributions are then ranked by pulling
rate and a note says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from sprintmodel.contribution import (
    ContributionBasis,
    contribution_rate,
    contributions,
    pulling_rate,
)
from sprintmodel.data import DataSet, Hierarchy, Indicator
from sprintmodel.data.model import sort_in_data_order
from sprintmodel.forecast.draws import Draws, IndicatorDraws
from sprintmodel.league.figures import Figures, fy_figures, ytd_figures
from sprintmodel.league.peers import League, leagues, rank_desc
from sprintmodel.league.printout import league_names, table_summary
from sprintmodel.notes import Note
from sprintmodel.periods import Period, as_period
from sprintmodel.results import Results

Whole = Literal["members", "parent", "sum"]
"""The whole contributions are measured against (see the module docstring): ``"members"``
(default) the members' increments where they partition the parent, the parent's own figures
elsewhere; ``"parent"`` the parent's own figures everywhere; ``"sum"`` the sum of the rollup
children everywhere."""

WHOLES: tuple[str, ...] = ("members", "parent", "sum")

NEAR_ZERO_PP = 1.0
"""Growth of the whole [%] below which contributions are ranked by pulling rate. An assumption,
sized on published data: with China's GDP growing 0.6% (2020Q3, published to 0.1) the
industries' contribution rates on GDP's own published growth are up to 32 pp off the NBS's,
because a rounding of ±0.05 pp is ±8% of the denominator; at 1% growth that error halves, and a
district adding 0.1% of the city's base "contributes" 10%."""

RANK_MEASURES = ("growth", "increment", "contribution")

LEAGUE_COLUMNS = [
    "unit",
    "indicator",
    "period",
    "parent",
    "peer_group",
    "value",
    "growth",
    "base",
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
"""Columns of :meth:`LeagueTable.to_frame`; ``value`` and ``growth`` are named ``ytd_value`` /
``ytd_growth`` in year-to-date tables and ``fy_value`` / ``fy_growth`` in projected ones."""

RESIDUAL_COLUMNS = [
    "parent",
    "indicator",
    "period",
    "parent_increment",
    "children_increment",
    "unallocated",
    "unallocated_pct",
    "n_children",
    "n_missing",
]


def _nansum(x: np.ndarray) -> float:
    return float(np.nansum(x)) if np.isfinite(x).any() else math.nan


def compare(
    hierarchy: Hierarchy,
    figures: Figures,
    *,
    whole: Whole = "members",
    near_zero_pp: float = NEAR_ZERO_PP,
) -> tuple[pd.DataFrame, pd.DataFrame, list[Note]]:
    """League rows, residuals and notes for one indicator's figures.

    Parameters
    ----------
    hierarchy
        The units (for parents, rollup flags and peers).
    figures
        Growth, base and increment of every unit at one span.
    whole
        ``"members"``: contribution rates on the sum of the members' increments where they
        partition the parent (rollup league), on the parent's own increment elsewhere (parks);
        ``"parent"``: contribution and pulling rates on the parent's own increment and base;
        ``"sum"``: on the sum over the parent's rollup children.
    near_zero_pp
        Growth of the whole [%] below which contributions are ranked by pulling rate.

    Returns
    -------
    (rows, residuals, notes)
        ``rows`` with the columns of :data:`LEAGUE_COLUMNS` (generic ``value`` and
        ``growth``; ``note`` a tuple of :class:`~sprintmodel.notes.Note` per row),
        ``residuals`` with :data:`RESIDUAL_COLUMNS`, and general notes.

    Notes
    -----
    For unit :math:`i` with increment :math:`\\Delta_i` and its league's whole (increment
    :math:`\\Delta`, base :math:`B`, growth :math:`G`):

    - contribution rate :math:`c_i = 100 \\Delta_i / \\Delta` [%], with :math:`\\Delta` replaced by
      :math:`\\sum_j \\Delta_j` over the members when they partition the whole and
      ``whole="members"`` (``contribution_basis = "members"``),
    - pulling rate :math:`\\ell_i = c_i G / 100` [pp] (:math:`= 100 \\Delta_i / B` on the
      parent's own increment),
    - ``below_average`` :math:`\\Leftrightarrow g_i < G`, ``gap_to_average_pp`` = :math:`g_i - G`.

    Rank 1 is the largest value ("1224" ranking for ties; units without data are not ranked).
    Among peers, the pulling rate orders units like the increment (same denominator), and so
    does the contribution rate when the whole grows; hence contributions are ranked by pulling
    rate when :math:`G` < ``near_zero_pp``, where the contribution rate is unstable (near zero) or
    would reward the largest decline (negative :math:`G`).
    """
    ind = figures.indicator
    idx = {u: i for i, u in enumerate(figures.units)}
    cols, notes_per_unit = _blank_columns(hierarchy, figures)
    general: list[Note] = []
    residuals: list[dict[str, object]] = []
    if not ind.additive:
        general.append(Note.of("league.not_additive", indicator=ind.code))
    all_leagues = leagues(hierarchy, figures.units)
    rollup_of = {lg.parent: lg for lg in all_leagues if lg.kind == "rollup"}
    for lg in all_leagues:
        roll = rollup_of.get(lg.parent)
        r_idx = np.array([idx[u] for u in roll.units]) if roll else np.array([], dtype=int)
        w, residual = _whole(lg, figures, idx.get(lg.parent), r_idx, whole)
        basis: ContributionBasis = (
            "members"
            if whole == "sum" or (whole == "members" and lg.kind == "rollup" and len(r_idx))
            else "whole"
        )
        if w.note is not None:
            general.append(w.note)
        if residual is not None:
            residuals.append(residual)
        m = np.array([idx[u] for u in lg.units])
        ranks = _ranks(figures, m, w, near_zero_pp, basis)
        if ranks.near_zero:
            general.append(_near_zero_note(ind.code, lg.name, float(w.growth), near_zero_pp))
        _fill(cols, notes_per_unit, figures, lg, m, w, ranks)
    cols["note"] = [tuple(x) for x in notes_per_unit]
    frame = pd.DataFrame(cols, columns=LEAGUE_COLUMNS)
    frame["below_average"] = frame["below_average"].astype("boolean")
    for c in ("rank_growth", "rank_increment", "rank_contribution", "n_peers"):
        frame[c] = frame[c].astype("Int64")
    return frame, pd.DataFrame(residuals, columns=RESIDUAL_COLUMNS), general


def _blank_columns(
    hierarchy: Hierarchy, figures: Figures
) -> tuple[dict[str, list[object]], list[list[Note]]]:
    """The league columns before ranking (figures, parents, peer groups) and each unit's notes."""
    n = len(figures.units)
    fig_notes = figures.notes if len(figures.notes) == n else ((),) * n
    cols: dict[str, list[object]] = {c: [None] * n for c in LEAGUE_COLUMNS}
    cols["unit"] = list(figures.units)
    cols["indicator"] = [figures.indicator.code] * n
    cols["period"] = [figures.period] * n
    for c in ("contribution_pct", "pulling_pp", "rank_growth", "rank_increment"):
        cols[c] = [math.nan] * n
    for c in ("rank_contribution", "n_peers", "average_growth", "mean_growth"):
        cols[c] = [math.nan] * n
    cols["gap_to_average_pp"] = [math.nan] * n
    cols["value"], cols["growth"] = list(figures.value), list(figures.growth)
    cols["base"], cols["increment"] = list(figures.base), list(figures.increment)
    cols["champion"] = [""] * n
    cols["contribution_ranked_by"] = [""] * n
    cols["contribution_basis"] = [""] * n
    cols["below_average"] = [pd.NA] * n
    cols["parent"] = [hierarchy[u].parent or "" for u in figures.units]
    cols["peer_group"] = [
        "" if hierarchy[u].parent is None else ("rollup" if hierarchy[u].rollup else "overlap")
        for u in figures.units
    ]
    return cols, [list(s) for s in fig_notes]


@dataclass(frozen=True)
class _Whole:
    """A league's whole: increment [measure], base [measure], growth [%], and why it is the sum
    of the rollup children instead of the parent's own figure (empty when it is not)."""

    increment: float
    base: float
    growth: float
    note: Note | None = None


def _whole(
    lg: League, figures: Figures, p: int | None, r_idx: np.ndarray, whole: Whole
) -> tuple[_Whole, dict[str, object] | None]:
    """The whole the league's units are compared with, and the parent's residual row (the
    increment its rollup children do not account for; None for an overlap league)."""
    inc, base, g = figures.increment, figures.base, figures.growth
    p_inc = inc[p] if p is not None else math.nan
    p_base = base[p] if p is not None else math.nan
    p_growth = g[p] if p is not None else math.nan
    s_inc = _nansum(inc[r_idx]) if len(r_idx) else math.nan
    s_base = _nansum(base[r_idx]) if len(r_idx) else math.nan
    s_growth = 100.0 * s_inc / s_base if s_base and np.isfinite(s_base) else math.nan
    if whole == "sum":
        w = _Whole(s_inc, s_base, s_growth)
    elif not np.isfinite(p_growth) and np.isfinite(s_growth):
        w = _Whole(
            s_inc,
            s_base,
            s_growth,
            Note.of(
                "league.whole_from_children",
                parent=lg.parent,
                indicator=figures.indicator.code,
                at_period=figures.period,
            ),
        )
    else:
        w = _Whole(p_inc, p_base, p_growth)
    residual = None
    if lg.kind == "rollup" and len(r_idx):
        unalloc = p_inc - s_inc
        residual = {
            "parent": lg.parent,
            "indicator": figures.indicator.code,
            "period": figures.period,
            "parent_increment": p_inc,
            "children_increment": s_inc,
            "unallocated": unalloc,
            "unallocated_pct": 100.0 * unalloc / p_inc if p_inc else math.nan,
            "n_children": len(r_idx),
            "n_missing": int((~np.isfinite(inc[r_idx])).sum()),
        }
    return w, residual


def _near_zero_note(indicator: str, league: str, growth: float, threshold: float) -> Note:
    """Why a league's contributions are ranked by pulling rate: the whole's ``growth`` [%] is
    near zero (``|growth|`` below ``threshold`` [%]) or negative."""
    args = {"indicator": indicator, "league": league, "growth": growth, "threshold": threshold}
    if abs(growth) < threshold:
        return Note.of("league.whole_near_zero", **args)
    return Note.of("league.whole_negative", **args)


@dataclass(frozen=True)
class _Ranks:
    """Contribution [%] and pulling [pp] rates and the three ranks of one league's units;
    ``near_zero``: contributions are ranked by pulling rate because the whole grows below the
    threshold (a note says so)."""

    contribution: np.ndarray
    pulling: np.ndarray
    growth: np.ndarray
    increment: np.ndarray
    contribution_rank: np.ndarray
    by: str
    near_zero: bool = False
    basis: str = ""


def _ranks(
    figures: Figures,
    m: np.ndarray,
    w: _Whole,
    near_zero_pp: float,
    basis: ContributionBasis = "whole",
) -> _Ranks:
    """Rates and ranks of the units ``m`` against the whole ``w`` (see :func:`compare`); with
    ``basis="members"`` the contribution rates divide by the sum of the members' increments."""
    additive = figures.indicator.additive
    inc = figures.increment[m]
    if additive and basis == "members":
        c = contributions(inc, w.base, w.growth, partition=True)
        contrib, pull = c.rate_pct, c.pulling_pp
    elif additive:
        contrib = contribution_rate(inc, w.increment)
        pull = pulling_rate(inc, w.base)
    else:
        contrib = np.full(len(m), np.nan)
        pull = np.full(len(m), np.nan)
    r_growth, r_inc = rank_desc(figures.growth[m]), rank_desc(inc)
    if not additive:
        return _Ranks(contrib, pull, r_growth, r_inc, np.full(len(m), np.nan), "")
    if np.isfinite(w.growth) and w.growth >= near_zero_pp:
        return _Ranks(
            contrib, pull, r_growth, r_inc, rank_desc(contrib), "contribution", False, basis
        )
    near_zero = bool(np.isfinite(w.growth))
    return _Ranks(contrib, pull, r_growth, r_inc, rank_desc(pull), "pulling", near_zero, basis)


def _fill(
    cols: dict[str, list[object]],
    notes_per_unit: list[list[Note]],
    figures: Figures,
    lg: League,
    m: np.ndarray,
    w: _Whole,
    ranks: _Ranks,
) -> None:
    """Write one league's rates, ranks, averages, champions and notes into ``cols``."""
    g = figures.growth
    n_ranked = int(np.isfinite(g[m]).sum())
    mean_growth = float(np.nanmean(g[m])) if n_ranked else math.nan
    for j, i in enumerate(m):
        cols["contribution_pct"][i] = float(ranks.contribution[j])
        cols["pulling_pp"][i] = float(ranks.pulling[j])
        cols["rank_growth"][i] = float(ranks.growth[j])
        cols["rank_increment"][i] = float(ranks.increment[j])
        cols["rank_contribution"][i] = float(ranks.contribution_rank[j])
        cols["n_peers"][i] = float(len(m))
        cols["average_growth"][i] = float(w.growth)
        cols["mean_growth"][i] = mean_growth
        cols["contribution_ranked_by"][i] = ranks.by
        cols["contribution_basis"][i] = ranks.basis
        gap = g[i] - w.growth
        cols["gap_to_average_pp"][i] = float(gap)
        if np.isfinite(gap):
            cols["below_average"][i] = bool(gap < 0)
        firsts = [
            name
            for name, r in zip(
                RANK_MEASURES, (ranks.growth, ranks.increment, ranks.contribution_rank), strict=True
            )
            if r[j] == 1 and np.isfinite(r[j])
        ]
        if len(m) >= 2 and firsts:
            cols["champion"][i] = ",".join(firsts)
        if w.note is not None:
            notes_per_unit[i].append(w.note)
        if lg.kind == "overlap":
            notes_per_unit[i].append(Note.of("league.overlap", parent=lg.parent))


@dataclass(frozen=True, eq=False)
class LeagueTable(Results):
    """A league table of every unit × indicator (immutable).

    Attributes
    ----------
    frame
        One row per unit × indicator, columns :data:`LEAGUE_COLUMNS`, with ``value`` and
        ``growth`` named after :attr:`kind` (``ytd_value, ytd_growth`` or ``fy_value,
        fy_growth``). Amounts [measure; last year's prices for real indicators], growth and
        ``average_growth``, ``mean_growth`` [%], ``contribution_pct`` [%], ``pulling_pp`` and
        ``gap_to_average_pp`` [pp].
    residuals
        Per parent × indicator: the parent's increment, the sum of its rollup children's, and
        the ``unallocated`` difference [measure] and its share of the parent's increment [%]
        (100 minus the sum of the children's contribution rates under ``whole="parent"``).
    kind
        ``"ytd"``: published year to date; ``"fy"``: a projected full year.
    period
        The period asked for (``2026Q3``) or the projected year (``2026``).
    whole
        ``"members"``, ``"parent"`` or ``"sum"`` (see the module docstring).
    near_zero_pp
        The near-zero threshold used [%].
    notes
        General notes (near-zero wholes, spans compared, missing figures) as data, worded by
        :meth:`note_texts` (:mod:`sprintmodel.words.notes`).
    """

    frame: pd.DataFrame
    residuals: pd.DataFrame
    kind: Literal["ytd", "fy"]
    period: str
    whole: Whole = "members"
    near_zero_pp: float = NEAR_ZERO_PP
    notes: tuple[Note, ...] = ()
    hierarchy: Hierarchy | None = field(default=None, repr=False)
    indicators: Mapping[str, Indicator] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ columns
    @property
    def growth_column(self) -> str:
        """``ytd_growth`` or ``fy_growth``."""
        return f"{self.kind}_growth"

    @property
    def value_column(self) -> str:
        """``ytd_value`` or ``fy_value``."""
        return f"{self.kind}_value"

    def note_names(self, lang: str = "zh") -> dict[str, str]:
        """Display names of the codes the notes carry (:func:`league_names`)."""
        return league_names(self.hierarchy, self.indicators, lang)

    def note_texts(self, lang: str = "en") -> list[str]:
        """:attr:`notes` in ``lang`` (English names the codes, as the data do)."""
        from sprintmodel.words.notes import note_text

        names = self.note_names(lang) if lang == "zh" else {}
        return [note_text(n, lang, names) for n in self.notes]

    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """A copy of :attr:`frame`; with ``lang`` (``"zh"``/``"en"``) also unit and indicator
        names. The ``note`` column is worded in ``lang`` (English without it)."""
        from sprintmodel.words.notes import notes_text

        out = self.frame.copy()
        said = lang or "en"
        names = self.note_names(said) if said == "zh" else {}
        out["note"] = [
            notes_text(n, said, names) if isinstance(n, tuple) else n for n in out["note"]
        ]
        if lang is not None and self.hierarchy is not None:
            out.insert(1, "unit_name", [self.hierarchy[u].label(lang) for u in out.unit])
            out.insert(
                3,
                "indicator_name",
                [
                    self.indicators[c].label(lang) if c in self.indicators else c
                    for c in out.indicator
                ],
            )
        return out

    def champions(self) -> pd.DataFrame:
        """Single-item champions (单项冠军): units first in their league on an indicator.

        One row per league × indicator × measure (growth, increment, contribution) with the
        first unit(s) (ties give several rows) and the value they lead with; leagues of a single
        unit have no champion.
        """
        f = self.frame
        value_of = {
            "growth": self.growth_column,
            "increment": "increment",
            "contribution": "contribution_pct",
        }
        rows = []
        for measure in RANK_MEASURES:
            hit = f[(f[f"rank_{measure}"] == 1) & (f.n_peers >= 2)]
            for r in hit.itertuples(index=False):
                column = value_of[measure]
                if measure == "contribution" and r.contribution_ranked_by == "pulling":
                    column = "pulling_pp"
                rows.append(
                    {
                        "indicator": r.indicator,
                        "parent": r.parent,
                        "peer_group": r.peer_group,
                        "measure": measure,
                        "unit": r.unit,
                        "value": getattr(r, column),
                        "value_column": column,
                    }
                )
        return pd.DataFrame(
            rows,
            columns=[
                "indicator",
                "parent",
                "peer_group",
                "measure",
                "unit",
                "value",
                "value_column",
            ],
        )

    def champion_counts(self) -> pd.Series:
        """Number of indicators on which each unit ranks first by growth (单项冠军数)."""
        c = self.champions()
        c = c[c.measure == "growth"]
        return c.groupby("unit").size().sort_values(ascending=False).rename("champion_count")

    def below_average(self) -> pd.DataFrame:
        """Rows of units whose growth is below their parent's (the city average)."""
        f = self.frame
        return f[f.below_average.fillna(False).astype(bool)].reset_index(drop=True)

    def league(
        self, indicator: str, parent: str | None = None, *, overlap: bool = False
    ) -> pd.DataFrame:
        """One league, sorted by growth rank: the children of ``parent`` (default: the root).

        ``overlap=True`` gives the parent's park league instead of its rollup league.
        """
        if parent is None:
            parent = self.hierarchy.root if self.hierarchy is not None else ""
        f = self.frame
        hit = f[
            (f.indicator == indicator)
            & (f.parent == parent)
            & (f.peer_group == ("overlap" if overlap else "rollup"))
        ]
        return hit.sort_values(["rank_growth", "unit"], na_position="last").reset_index(drop=True)

    # ------------------------------------------------------------------ printing
    def summary(self, lang: str = "en") -> str:
        """Plain-text summary: per indicator, the average, the leader and who is below it.

        In ``lang``: English (the default) names units and indicators by their codes, Chinese
        (``"zh"``) by their names (:func:`sprintmodel.league.printout.table_summary`); the
        figures are the same.
        """
        return table_summary(self, lang)

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        """The table in a notebook, in English (the table carries no language; for Chinese,
        show :meth:`summary` or :meth:`to_frame` with ``lang="zh"``)."""
        shown = [
            "unit",
            "indicator",
            "period",
            self.growth_column,
            "increment",
            "contribution_pct",
            "pulling_pp",
            "rank_growth",
            "rank_increment",
            "rank_contribution",
            "average_growth",
            "below_average",
            "champion",
        ]
        body = self.frame[shown].to_html(
            index=False, float_format=lambda x: f"{x:,.2f}", na_rep="—"
        )
        notes = "".join(f"<li>{n}</li>" for n in self.note_texts("en"))
        head = self.summary().splitlines()[0]
        return f"<p><b>{head}</b></p>{body}" + (f"<ul>{notes}</ul>" if notes else "")


def _assemble(
    parts: Sequence[tuple[pd.DataFrame, pd.DataFrame, list[Note]]],
    *,
    kind: Literal["ytd", "fy"],
    period: str,
    whole: Whole,
    near_zero_pp: float,
    hierarchy: Hierarchy,
    indicators: Mapping[str, Indicator],
    extra_notes: Iterable[Note] = (),
) -> LeagueTable:
    frames = [p[0] for p in parts if len(p[0])]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=LEAGUE_COLUMNS)
    res = [p[1] for p in parts if len(p[1])]
    residuals = pd.concat(res, ignore_index=True) if res else pd.DataFrame(columns=RESIDUAL_COLUMNS)
    notes = list(extra_notes) + [n for p in parts for n in p[2]]
    if len(frame):
        frame = sort_in_data_order(frame, hierarchy, indicators)
    frame = frame.rename(columns={"value": f"{kind}_value", "growth": f"{kind}_growth"})
    return LeagueTable(
        frame,
        residuals,
        kind,
        period,
        whole,
        near_zero_pp,
        tuple(dict.fromkeys(notes)),
        hierarchy,
        dict(indicators),
    )


def league_table(
    dataset: DataSet,
    period: str | Period | None = None,
    *,
    indicators: Sequence[str] | None = None,
    whole: Whole = "members",
    near_zero_pp: float = NEAR_ZERO_PP,
    explicit: bool | None = None,
) -> LeagueTable:
    """League table of published year-to-date figures at ``period``.

    Parameters
    ----------
    dataset
        A loaded data folder.
    period
        ``YYYYQn`` or ``YYYY-MM`` (default: the latest period in the data); only data up to it
        are used. Each indicator is compared over one span for all its units
        (:func:`sprintmodel.league.figures.span_for`).
    indicators
        Indicator codes (default: all).
    whole
        ``"members"`` (default): contribution rates on the sum of the members' increments where
        they partition the parent (its rollup children), on the parent's own figures elsewhere
        (parks); ``"parent"``: on the parent's own published figures everywhere; ``"sum"``: on
        the sum of its rollup children (see the module docstring). The ``contribution_basis``
        column says which was used.
    near_zero_pp
        Growth of the whole [%] below which contributions are ranked by pulling rate.
    explicit
        Whether ``period`` was asked for (default: whether it is given). An indicator not
        published at the span is compared at its latest period of the same year before it, in
        both cases; a note says so, worded for a period asked for or the data's latest.

    Returns
    -------
    LeagueTable

    Examples
    --------
    >>> import sprintmodel as sm
    >>> nation = sm.china_national().components_as_units("gdp")  # industries as units
    >>> table = sm.league_table(nation, "2022Q4", indicators=["gdp"])
    >>> row = table.frame.set_index("unit").loc["ID"]
    >>> round(float(row.contribution_pct), 1)  # industry's contribution to GDP growth [%]
    37.0
    """
    if whole not in WHOLES:
        raise ValueError(f"whole must be one of {', '.join(WHOLES)}, not {whole!r}")
    p = as_period(period, dataset.latest_period)
    asked = (period is not None) if explicit is None else explicit
    codes = list(dataset.indicators) if indicators is None else list(indicators)
    unknown = [c for c in codes if c not in dataset.indicators]
    if unknown:
        from sprintmodel.errors import InputError

        raise InputError(
            f"unknown indicator(s) {', '.join(unknown)}; the data folder has "
            f"{', '.join(dataset.indicators)}"
        )
    parts = []
    skipped: list[Note] = []
    spans: list[Note] = []
    present = set(dataset.series_keys.indicator)
    for code in codes:
        if code not in present:
            continue
        fig = ytd_figures(dataset, code, p, explicit=asked)
        if not np.isfinite(fig.growth).any():
            skipped.append(
                Note.of(
                    "league.no_figures",
                    indicator=code,
                    year=int(fig.period[:4]),
                    up_to_period=fig.period,
                )
            )
            continue
        if fig.span_note is not None:
            spans.append(fig.span_note)
        parts.append(compare(dataset.hierarchy, fig, whole=whole, near_zero_pp=near_zero_pp))
    extra = spans + skipped
    return _assemble(
        parts,
        kind="ytd",
        period=str(p),
        whole=whole,
        near_zero_pp=near_zero_pp,
        hierarchy=dataset.hierarchy,
        indicators=dataset.indicators,
        extra_notes=extra,
    )


def _hierarchy_of(where: DataSet | Hierarchy) -> tuple[Hierarchy, Mapping[str, Indicator]]:
    if isinstance(where, DataSet):
        return where.hierarchy, where.indicators
    return where, {}


def projected_league_table(
    draws: Draws | IndicatorDraws | Mapping[str, IndicatorDraws],
    units: DataSet | Hierarchy,
    *,
    whole: Whole = "members",
    near_zero_pp: float = NEAR_ZERO_PP,
    statistic: str = "mean",
) -> LeagueTable:
    """League table of a projected full year (a scenario's or forecast's draws).

    Parameters
    ----------
    draws
        Full-year level draws: a :class:`~sprintmodel.forecast.draws.Draws` (e.g. a scenario
        result's), a mapping indicator → :class:`~sprintmodel.forecast.draws.IndicatorDraws`,
        or one indicator's draws.
    units
        The data set (or its hierarchy) the draws' units come from: peers and parks are read
        from it.
    whole, near_zero_pp
        As in :func:`league_table`.
    statistic
        Point projection of the draws: ``"mean"`` (default, keeps sums) or ``"median"``.

    Notes
    -----
    Figures come from :func:`sprintmodel.league.figures.fy_figures`: growth
    :math:`100(\\bar F/B - 1)`, increment :math:`\\bar F - B` with :math:`B` last year's full-year
    level (volumes at last year's prices for ``real`` indicators). For the probabilities of
    ranks under the draws see :func:`sprintmodel.league.odds.rank_odds`.
    """
    hierarchy, indicators = _hierarchy_of(units)
    items = {draws.indicator.code: draws} if isinstance(draws, IndicatorDraws) else dict(draws)
    parts = [
        compare(
            hierarchy, fy_figures(d, statistic=statistic), whole=whole, near_zero_pp=near_zero_pp
        )
        for d in items.values()
    ]
    if not indicators:
        indicators = {code: d.indicator for code, d in items.items()}
    years = sorted({p.year for d in items.values() for p in d.periods})
    as_of = getattr(draws, "as_of", None)
    extra = (
        [Note.of("league.projection", as_of_period=str(as_of), statistic=statistic)]
        if as_of is not None
        else []
    )
    return _assemble(
        parts,
        kind="fy",
        period=str(years[0]) if years else "",
        whole=whole,
        near_zero_pp=near_zero_pp,
        hierarchy=hierarchy,
        indicators=indicators,
        extra_notes=extra,
    )
