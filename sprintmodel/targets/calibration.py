"""Are the targets' probabilities right? Hit rates of past years' options (backtest).

For every past target year ``y``: forecast year ``y - 1`` as of its third quarter with the data
published by then only, build next year's growth draws (no project register: the register
describes the present, not past Octobers), take for each design probability ``p`` the target
met with probability ``p`` (the ``1 - p`` quantile, unrounded), and record whether the realised
growth of year ``y`` reached it. A calibrated model meets its 70% targets about 70% of the time.

Units of one year share shocks (2009, 2020), so hit rates are reported with standard errors
clustered by year: a data set with 30 years has about 30 independent observations, not 30 ×
the number of units.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.notes import Note
from sprintmodel.periods import Period
from sprintmodel.results import Results
from sprintmodel.targets.config import TargetConfig
from sprintmodel.targets.nextyear import next_year_draws
from sprintmodel.words.console import say
from sprintmodel.words.notes import note_text
from sprintmodel.words.summaries import summary_text

DEFAULT_PROBABILITIES = (0.9, 0.8, 0.7, 0.5, 0.3, 0.2, 0.1)
"""Design probabilities checked [0-1]."""


@dataclass(frozen=True, eq=False)
class CalibrationResult(Results):
    """Backtest of the targets' probabilities (immutable).

    Attributes
    ----------
    records
        One row per unit × indicator × target year: ``realised`` growth [%], next year's
        median ``p50`` [%], ``pit`` (share of draws below the realised growth [0-1]), and for
        each design probability ``p`` the target ``target_pXX`` [%] and ``hit_pXX`` (the
        realised growth reached it).
    probabilities
        The design probabilities.
    as_of_quarter
        The quarter of the year before the target year the drafts stood at.
    notes
        Years skipped and why (not yet complete, indicators without a forecast, or no unit
        with both a draft and a realised growth), as data (:class:`~sprintmodel.notes.Note`,
        codes ``targets.calibration_*``; :meth:`note_texts` words them).
    """

    records: pd.DataFrame
    probabilities: tuple[float, ...]
    as_of_quarter: int = 3
    notes: tuple[Note, ...] = field(default=())

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`records`."""
        return self.records.copy()

    def table(self, by: str | None = None) -> pd.DataFrame:
        """Hit rate per design probability (and per ``by`` column, e.g. ``"indicator"``).

        Columns: ``p`` [0-1], ``n`` records, ``n_years``, ``hit_rate`` [0-1], ``se`` its
        standard error clustered by target year, ``lo99``/``hi99`` the hit rate ± 2.576 se, and
        ``mae_p50`` the mean absolute error of the median [pp].
        """
        rec = self.records
        groups = [("all", rec)] if by is None else list(rec.groupby(by, sort=False))
        rows = []
        for key, sub in groups:
            for p in self.probabilities:
                col = f"hit_p{round(100 * p):02d}"
                if col not in sub:  # no record at all (every year skipped)
                    continue
                h = sub[col].astype(float)
                n = int(h.notna().sum())
                if n == 0:
                    continue
                rate = float(h.mean())
                yearly = sub.assign(_h=h).groupby("year")["_h"].agg(["sum", "count"])
                resid = yearly["sum"] - rate * yearly["count"]
                se = float(np.sqrt(np.sum(resid**2)) / n)
                row: dict[str, object] = {
                    "p": p,
                    "n": n,
                    "n_years": len(yearly),
                    "hit_rate": rate,
                    "se": se,
                    "lo99": rate - 2.576 * se,
                    "hi99": rate + 2.576 * se,
                    "mae_p50": float(np.mean(np.abs(sub.realised - sub.p50))),
                }
                if by is not None:
                    row = {by: key, **row}
                rows.append(row)
        return pd.DataFrame(rows)

    def summary(self, lang: str = "en") -> str:
        """Plain text: hit rates per design probability, in ``lang`` (English by default,
        ``"zh"`` Chinese; the notes by :meth:`note_texts`)."""
        t = self.table()
        years = sorted(set(self.records.year)) if len(self.records) else []
        span = f"{years[0]}–{years[-1]}" if years else summary_text("none", lang)
        lines = [
            summary_text(
                "calibration.head",
                lang,
                n=len(self.records),
                span=span,
                quarter=self.as_of_quarter,
            )
        ]
        for r in t.itertuples(index=False):
            lines.append(
                summary_text(
                    "calibration.line",
                    lang,
                    p=r.p,
                    rate=r.hit_rate,
                    n=r.n,
                    lo=r.lo99,
                    hi=r.hi99,
                    years=r.n_years,
                )
            )
        lines.extend(say("note", lang, text=n) for n in self.note_texts(lang))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()

    def note_texts(self, lang: str = "en") -> list[str]:
        """:attr:`notes` in ``lang`` (``"zh"`` or ``"en"``; indicators as codes)."""
        return [note_text(n, lang) for n in self.notes]

    def _repr_html_(self) -> str:
        """The table in a notebook, in English (the result carries no language; for Chinese,
        show :meth:`summary` with ``lang="zh"``)."""
        return "<p><b>Calibration of target probabilities</b></p>" + self.table().to_html(
            index=False, float_format=lambda v: f"{v:.3f}"
        )


def calibrate(
    dataset: DataSet,
    years: Sequence[int] | tuple[int, int],
    *,
    as_of_quarter: int = 3,
    probabilities: Sequence[float] = DEFAULT_PROBABILITIES,
    indicators: Sequence[str] | None = None,
    units: Sequence[str] | None = None,
    n_draws: int = 500,
    rng: int = 0,
    config: TargetConfig | None = None,
    method: str = "combination",
) -> CalibrationResult:
    """Backtest the next-year probabilities over past target years.

    Parameters
    ----------
    dataset
        A data folder with several complete years.
    years
        Target years: a sequence, or ``(first, last)`` inclusive.
    as_of_quarter
        Quarter of the previous year the drafts stand at (default 3: drafted in October).
    probabilities
        Design probabilities to check [0-1].
    indicators, units
        Restrict the check (default: all).
    n_draws
        Draws per draft [count]. Assumption: 500 put the 10% and 90% quantiles within about
        0.03 standard deviations, far below the spread of realised errors.
    rng
        Seed; year ``y`` uses ``rng + y``.
    config
        Settings of the next-year model.
    method
        Forecast method of this year's full year.
    """
    from sprintmodel.forecast import forecast

    cfg = config or TargetConfig()
    if isinstance(years, tuple) and len(years) == 2:
        target_years = list(range(int(years[0]), int(years[1]) + 1))
    else:
        target_years = [int(y) for y in years]
    probs = tuple(float(p) for p in probabilities)
    rows: list[dict[str, object]] = []
    notes: list[Note] = []
    latest = dataset.latest_period
    for y in target_years:
        as_of = Period(y - 1, as_of_quarter, "Q")
        if y > latest.year or (y == latest.year and latest.index < latest.steps):
            notes.append(Note.of("targets.calibration_incomplete", year=y))
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = forecast(
                dataset,
                as_of,
                method=method,
                n_draws=n_draws,
                rng=rng + y,
                indicators=indicators,
            )
            wanted = list(indicators) if indicators is not None else list(res.draws)
            missing = [c for c in wanted if c not in res.draws.by_indicator]
            if missing:
                notes.append(
                    Note.of(
                        "targets.calibration_no_forecast",
                        year=y,
                        indicators=missing,
                        as_of_period=str(as_of),
                    )
                )
            nxt = next_year_draws(
                dataset,
                res.draws,
                config=cfg,
                rng=np.random.default_rng([rng, y]),
                indicators=[c for c in wanted if c not in missing],
            )
        before = len(rows)
        for code, ny in nxt.items():
            panel = dataset.panel(code, "Q", units=list(ny.units), years=[y - 1, y])
            realised = panel.growth()[:, 1, -1]
            for i, unit in enumerate(ny.units):
                if units is not None and unit not in units:
                    continue
                draws = ny.growth[:, i]
                if not np.isfinite(realised[i]) or not np.isfinite(draws).all():
                    continue
                row: dict[str, object] = {
                    "unit": unit,
                    "indicator": code,
                    "year": y,
                    "realised": float(realised[i]),
                    "p50": float(np.median(draws)),
                    "pit": float(np.mean(draws < realised[i])),
                }
                for p in probs:
                    tgt = float(np.quantile(draws, 1.0 - p))
                    key = f"p{round(100 * p):02d}"
                    row[f"target_{key}"] = tgt
                    row[f"hit_{key}"] = bool(realised[i] >= tgt)
                rows.append(row)
        if len(rows) == before:
            notes.append(Note.of("targets.calibration_no_pairs", year=y))
    return CalibrationResult(pd.DataFrame(rows), probs, as_of_quarter, tuple(notes))


__all__ = ["DEFAULT_PROBABILITIES", "CalibrationResult", "calibrate"]
