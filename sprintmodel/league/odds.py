"""Ranks with their odds: how likely each unit is to keep or reach a rank under a scenario's draws.

Given full-year level draws (draws × units) of a forecast or a scenario, every draw is a possible
year: rank the units of each league in every draw and count. The result answers "what is the
chance district X ends the year in the top three?" and "will it stay above the city average?".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet, Hierarchy, Indicator
from sprintmodel.figures import headline_growth
from sprintmodel.forecast.draws import Draws, IndicatorDraws
from sprintmodel.league.peers import leagues, rank_desc
from sprintmodel.league.printout import odds_summary
from sprintmodel.league.table import NEAR_ZERO_PP, LeagueTable
from sprintmodel.notes import Note
from sprintmodel.results import Results

OddsMeasure = Literal["growth", "increment"]

ODDS_COLUMNS = [
    "unit",
    "indicator",
    "parent",
    "peer_group",
    "n_peers",
    "measure",
    "rank_now",
    "expected_rank",
    "median_rank",
    "p_first",
    "p_top",
    "p_keep_rank",
    "average_growth",
    "fy_growth",
    "below_average_now",
    "p_above_average",
]


@dataclass(frozen=True, eq=False)
class RankOdds(Results):
    """Probabilities of ranks under full-year draws (immutable).

    Attributes
    ----------
    frame
        One row per unit × indicator × measure (``growth`` or ``increment``) with columns
        :data:`ODDS_COLUMNS`: ``rank_now`` (the year-to-date rank, when a current table was
        given), ``expected_rank`` and ``median_rank`` over the draws, ``p_first``, ``p_top``
        (rank ≤ :attr:`top`), ``p_keep_rank`` (rank ≤ ``rank_now``: keeps or improves its
        place), ``average_growth`` (the parent's headline full-year growth [%],
        :func:`sprintmodel.figures.headline_growth`), ``fy_growth`` (the unit's [%], the same
        estimator), ``p_above_average`` (full-year growth ≥ the parent's, draw by draw).
        Probabilities are shares of draws in [0, 1].
    ranks
        Rank draws per ``(indicator, measure)``: arrays (draws × units) aligned with
        :attr:`units` of that indicator (NaN for units without a league).
    units
        Unit codes per indicator.
    top
        The "top" used for ``p_top``.
    n_draws
        Number of draws per indicator.
    notes
        Notes (near-zero wholes, identities used) as data (:mod:`sprintmodel.words.notes`
        words them).
    hierarchy, indicators
        The units' tree and the indicators of the draws, for their names in
        :meth:`summary` (None and empty: codes only).
    """

    frame: pd.DataFrame
    ranks: Mapping[tuple[str, str], np.ndarray] = field(repr=False)
    units: Mapping[str, tuple[str, ...]] = field(repr=False)
    top: int = 3
    n_draws: Mapping[str, int] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    hierarchy: Hierarchy | None = field(default=None, repr=False)
    indicators: Mapping[str, Indicator] = field(default_factory=dict, repr=False)

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`frame`."""
        return self.frame.copy()

    def wide(self) -> pd.DataFrame:
        """One row per unit × indicator; measure-specific columns suffixed ``_growth`` /
        ``_increment`` (e.g. ``p_top_growth``), ``p_above_average`` once."""
        f = self.frame
        keys = ["unit", "indicator"]
        per = ["rank_now", "expected_rank", "median_rank", "p_first", "p_top", "p_keep_rank"]
        out = f[f.measure == "growth"][
            [
                *keys,
                "parent",
                "peer_group",
                "n_peers",
                "average_growth",
                "fy_growth",
                "p_above_average",
            ]
        ].reset_index(drop=True)
        for m in ("growth", "increment"):
            part = f[f.measure == m][[*keys, *per]].rename(columns={c: f"{c}_{m}" for c in per})
            out = out.merge(part, on=keys, how="left")
        return out

    def probability(
        self, unit: str, indicator: str, rank: int, *, measure: OddsMeasure = "growth"
    ) -> float:
        """P(the unit's full-year rank ≤ ``rank``) among its peers."""
        r = self.ranks[(indicator, measure)][:, self.units[indicator].index(unit)]
        if np.isnan(r).all():
            return math.nan
        return float(np.mean(r <= rank))

    def summary(self, lang: str = "en") -> str:
        """Plain-text summary: per indicator and league, the likeliest leader.

        In ``lang``: English (the default) names units and indicators by their codes, Chinese
        (``"zh"``) by their names where the odds know them (:attr:`hierarchy`,
        :attr:`indicators`; :func:`sprintmodel.league.printout.odds_summary`); the figures are
        the same.
        """
        return odds_summary(self, lang)

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        """The table in a notebook, in English (the odds carry no language; for Chinese, show
        :meth:`summary` with ``lang="zh"``)."""
        body = self.frame.to_html(index=False, float_format=lambda x: f"{x:.2f}", na_rep="—")
        return f"<p><b>{self.summary().splitlines()[0]}</b></p>{body}"


def rank_odds(
    draws: Draws | IndicatorDraws | Mapping[str, IndicatorDraws],
    units: DataSet | Hierarchy,
    *,
    top: int = 3,
    current: LeagueTable | None = None,
    near_zero_pp: float = NEAR_ZERO_PP,
) -> RankOdds:
    """Probabilities that each unit keeps or reaches a rank, and stays above the average.

    Parameters
    ----------
    draws
        Full-year level draws (a :class:`~sprintmodel.forecast.draws.Draws`, e.g. a scenario
        result's, a mapping indicator → draws, or one indicator's
        :class:`~sprintmodel.forecast.draws.IndicatorDraws`).
    units
        The data set (or hierarchy) of the draws' units: leagues and parks are read from it.
    top
        ``p_top`` is P(rank ≤ ``top``) [share].
    current
        The year-to-date :class:`~sprintmodel.league.table.LeagueTable`: gives ``rank_now`` and
        ``p_keep_rank`` = P(full-year rank ≤ year-to-date rank).
    near_zero_pp
        Median growth of the whole [%] below which a note says contribution rates are unstable.

    Notes
    -----
    In draw :math:`d` unit :math:`i` grows :math:`g_{di} = 100(F_{di}/B_i - 1)` and adds
    :math:`\\Delta_{di} = F_{di} - B_i`. Ranks are taken within each league in every draw
    (rank 1 = largest, ties share the better rank), then
    :math:`p_\\text{top} = \\frac1D \\sum_d [r_{di} \\le k]` and
    :math:`p_\\text{above} = \\frac1D \\sum_d [g_{di} \\ge G_d]` with :math:`G_d` the parent's
    growth in the same draw (the sum of the rollup children when the parent is not in the draws).

    Ranks by contribution and by pulling rate are not computed separately: among peers they
    share the denominator (the whole's increment or base), so the pulling rate always orders
    units like the increment, and so does the contribution rate whenever the whole grows. Where
    the whole shrinks or stands still contribution rates are not meaningful for ranking and
    pulling rates (= increment order) are used, as in the league table.
    """
    hierarchy = units.hierarchy if isinstance(units, DataSet) else units
    items = {draws.indicator.code: draws} if isinstance(draws, IndicatorDraws) else dict(draws)
    rank_now: dict[tuple[str, str, str], float] = {}
    below_now: dict[tuple[str, str], object] = {}
    if current is not None:
        for r in current.frame.itertuples(index=False):
            rank_now[(r.unit, r.indicator, "growth")] = r.rank_growth
            rank_now[(r.unit, r.indicator, "increment")] = r.rank_increment
            below_now[(r.unit, r.indicator)] = r.below_average
    rows: list[dict[str, object]] = []
    ranks: dict[tuple[str, str], np.ndarray] = {}
    notes: list[Note] = [Note.of("league.odds_ranks_equal")]
    n_draws: dict[str, int] = {}
    for code, d in items.items():
        fy = np.asarray(d.fy, dtype=np.float64)
        base = np.asarray(d.base_full, dtype=np.float64)
        n_draws[code] = fy.shape[0]
        with np.errstate(divide="ignore", invalid="ignore"):
            growth = 100.0 * (fy / base - 1.0)
        inc = fy - base
        # Published full-year growth: the headline (point forecast moved by the scenario's
        # change of the mean, sprintmodel.figures); the draws' mean where there is no point.
        with np.errstate(invalid="ignore"):
            mean_g = np.nanmean(np.where(np.isfinite(growth), growth, np.nan), axis=0)
        head = headline_growth(d) if getattr(d, "point", None) is not None else mean_g
        head = np.where(np.isfinite(head), head, mean_g)
        idx = {u: i for i, u in enumerate(d.units)}
        r_all = {m: np.full(fy.shape, np.nan) for m in ("growth", "increment")}
        all_leagues = leagues(hierarchy, d.units)
        rollup_of = {lg.parent: lg for lg in all_leagues if lg.kind == "rollup"}
        for lg in all_leagues:
            m = np.array([idx[u] for u in lg.units])
            if lg.parent in idx:
                whole_g = growth[:, idx[lg.parent]]
                whole_head = float(head[idx[lg.parent]])
            else:
                r_idx = np.array([idx[u] for u in rollup_of[lg.parent].units])
                with np.errstate(divide="ignore", invalid="ignore"):
                    whole_g = 100.0 * (fy[:, r_idx].sum(axis=1) / base[r_idx].sum() - 1.0)
                whole_head = float(np.nanmean(whole_g)) if np.isfinite(whole_g).any() else math.nan
            median_whole = float(np.nanmedian(whole_g)) if np.isfinite(whole_g).any() else math.nan
            if np.isfinite(median_whole) and median_whole < near_zero_pp:
                notes.append(
                    Note.of(
                        "league.odds_near_zero",
                        indicator=code,
                        league=lg.name,
                        growth=median_whole,
                        threshold=float(near_zero_pp),
                    )
                )
            for measure, x in (("growth", growth), ("increment", inc)):
                r = rank_desc(x[:, m])
                r_all[measure][:, m] = r
            above = growth[:, m] >= whole_g[:, None]
            valid = np.isfinite(growth[:, m]) & np.isfinite(whole_g)[:, None]
            with np.errstate(invalid="ignore"):
                p_above = np.where(valid.any(axis=0), (above & valid).sum(0) / valid.sum(0), np.nan)
            for j, i in enumerate(m):
                u = d.units[i]
                for measure in ("growth", "increment"):
                    r = r_all[measure][:, i]
                    ok = np.isfinite(r)
                    now = rank_now.get((u, code, measure), math.nan)
                    now_f = math.nan if now is None or pd.isna(now) else float(now)
                    rows.append(
                        {
                            "unit": u,
                            "indicator": code,
                            "parent": lg.parent,
                            "peer_group": lg.kind,
                            "n_peers": len(m),
                            "measure": measure,
                            "rank_now": now_f,
                            "expected_rank": float(r[ok].mean()) if ok.any() else math.nan,
                            "median_rank": float(np.median(r[ok])) if ok.any() else math.nan,
                            "p_first": float(np.mean(r[ok] == 1)) if ok.any() else math.nan,
                            "p_top": float(np.mean(r[ok] <= top)) if ok.any() else math.nan,
                            "p_keep_rank": (
                                float(np.mean(r[ok] <= now_f))
                                if ok.any() and np.isfinite(now_f)
                                else math.nan
                            ),
                            "average_growth": whole_head,
                            "fy_growth": float(head[i]),
                            "below_average_now": below_now.get((u, code), pd.NA),
                            "p_above_average": float(p_above[j]),
                        }
                    )
        for measure in ("growth", "increment"):
            ranks[(code, measure)] = r_all[measure]
    frame = pd.DataFrame(rows, columns=ODDS_COLUMNS)
    frame["below_average_now"] = frame["below_average_now"].astype("boolean")
    return RankOdds(
        frame,
        ranks,
        {code: tuple(d.units) for code, d in items.items()},
        top,
        n_draws,
        tuple(dict.fromkeys(notes)),
        hierarchy,
        {code: d.indicator for code, d in items.items()},
    )
