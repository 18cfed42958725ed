"""The forecast's results object: the contract table, the draws, the fits behind them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.data.model import sort_in_data_order
from sprintmodel.figures import (
    HEADLINE_COLUMNS,
    INTERVAL_PROBS,
    completion_pct,
    headline_growth,
    p_meet,
)
from sprintmodel.forecast.config import ForecastConfig
from sprintmodel.forecast.draws import Draws, IndicatorDraws
from sprintmodel.forecast.engine import BlockFit
from sprintmodel.notes import Note
from sprintmodel.periods import Period
from sprintmodel.progress import time_progress
from sprintmodel.results import Results
from sprintmodel.words.headers import header
from sprintmodel.words.notes import code_names, note_text, notes_text
from sprintmodel.words.periods import period_name
from sprintmodel.words.summaries import METHOD_NAMES, joined, summary_text, word

FORECAST_COLUMNS = [
    "unit",
    "indicator",
    "year",
    "as_of",
    "fy_value",
    "fy_value_lo80",
    "fy_value_hi80",
    "fy_growth",
    "fy_growth_lo80",
    "fy_growth_hi80",
    "fy_value_lo95",
    "fy_value_hi95",
    "fy_growth_lo95",
    "fy_growth_hi95",
    "target_growth",
    "target_value",
    "gap_pp",
    "gap_level",
    "rest_growth_required",
    "p_meet_target",
    "method",
    "note",
    "period",
    "ytd_value",
    "ytd_growth",
    "rest_growth",
    "completion_pct",
    "time_progress_pct",
    "fy_completion_pct",
]
"""Columns of :meth:`ForecastResult.to_frame`: the data contract's ten first, then the 95%
interval, the target and what it takes, the method and notes, and the unit's own period,
year-to-date value and growth and the forecast growth of the rest of the year [%]; for
completion-type indicators (``target_kind = completion``, 城镇新增就业) the share of the annual
target done to date, the share of the year gone (时序进度) and the projected full year's share
of the target [%] (empty for the others)."""

_PROBS = np.array(INTERVAL_PROBS)


def _target_lookup(dataset: DataSet, indicator: str) -> dict[tuple[str, int], tuple[float, float]]:
    """``(unit, year) -> (target_growth, target_value)`` of one indicator, as
    :meth:`DataSet.target` gives them (the first row of each), built in one pass."""
    t = dataset.targets
    if t.empty:
        return {}
    sub = t[t.indicator == indicator]
    out: dict[tuple[str, int], tuple[float, float]] = {}
    for u, y, g, v in zip(sub.unit, sub.year, sub.target_growth, sub.target_value, strict=True):
        out.setdefault((str(u), int(y)), (float(g), float(v)))
    return out


def _indicator_rows(
    dataset: DataSet, d: IndicatorDraws, as_of: Period, year: int | None = None
) -> list[dict[str, object]]:
    targets = _target_lookup(dataset, d.indicator.code)
    known = d.level_known
    price = d.price_ratio()
    fy = d.fy
    point = d.point_level
    growth_draws = d.fy_growth(fy)
    growth_point = headline_growth(d)  # the published headline (sprintmodel.figures)
    # Intervals and P(meet) only from units whose draws are all finite (else NaN and a note).
    finite = np.isfinite(fy).all(axis=0) & np.isfinite(growth_draws).all(axis=0)
    if finite.all():
        gq = np.quantile(growth_draws, _PROBS, axis=0)
        lq = np.quantile(fy, _PROBS, axis=0) * price[None, :]
    else:
        gq = np.full((len(_PROBS), len(d.units)), np.nan)
        lq = np.full((len(_PROBS), len(d.units)), np.nan)
        if finite.any():
            gq[:, finite] = np.quantile(growth_draws[:, finite], _PROBS, axis=0)
            lq[:, finite] = np.quantile(fy[:, finite], _PROBS, axis=0) * price[None, finite]
    value_point = point * price
    rest = d.rest_growth(point[None, :])[0]
    additive = d.indicator.additive
    rows: list[dict[str, object]] = []
    found: list[tuple[float, float, float, float, float]] = []
    for i, unit in enumerate(d.units):
        y = d.periods[i].year if year is None else year
        tg, tv = targets.get((unit, int(y)), (np.nan, np.nan))
        # Target on the draws' basis: a growth target applies to base_full; a level target
        # (current prices) is deflated by the year to date's price ratio for real indicators.
        if not np.isnan(tg):
            target_lvl = d.base_full[i] * (1.0 + tg / 100.0)
            tv_shown = tv if not np.isnan(tv) else target_lvl * price[i]
            found.append((tg, tv, target_lvl, tg, tv_shown))
        elif not np.isnan(tv) and known[i] and price[i] > 0:
            target_lvl = tv / price[i]
            found.append((tg, tv, target_lvl, 100.0 * (target_lvl / d.base_full[i] - 1.0), tv))
        else:
            found.append((tg, tv, np.nan, np.nan, np.nan))
    # P(meet): the one estimator of sprintmodel.figures, on the draws' basis.
    meet = p_meet(fy, np.array([f[2] for f in found]), d.indicator.ceiling)
    for i, unit in enumerate(d.units):
        per = d.periods[i]
        y = per.year if year is None else year
        tg, tv, target_lvl, target_g, tv_shown = found[i]
        with np.errstate(divide="ignore", invalid="ignore"):
            rest_req = 100.0 * ((target_lvl - d.ytd_level[i]) / d.base_rest[i] - 1.0)
        if per.index == per.steps or not additive:  # a rate has no rest of the year
            rest_req = np.nan
        notes: tuple[Note, ...] = d.notes[i] if d.notes else ()
        p_i = float(meet[i])
        if not finite[i]:
            p_i = np.nan
            notes += (Note.of("forecast.draws_not_finite"),)
        val_ok = bool(known[i]) and np.isfinite(price[i])
        method = d.methods[i] if d.methods else ""
        rows.append(
            {
                "unit": unit,
                "indicator": d.indicator.code,
                "year": y,
                "as_of": str(as_of),
                "fy_value": value_point[i] if val_ok else np.nan,
                "fy_value_lo80": lq[0, i] if val_ok else np.nan,
                "fy_value_hi80": lq[1, i] if val_ok else np.nan,
                "fy_growth": growth_point[i],
                "fy_growth_lo80": gq[0, i],
                "fy_growth_hi80": gq[1, i],
                "fy_value_lo95": lq[2, i] if val_ok else np.nan,
                "fy_value_hi95": lq[3, i] if val_ok else np.nan,
                "fy_growth_lo95": gq[2, i],
                "fy_growth_hi95": gq[3, i],
                "target_growth": tg,
                "target_value": tv_shown if val_ok else tv,
                "gap_pp": growth_point[i] - target_g,
                "gap_level": (value_point[i] - tv_shown) if val_ok else np.nan,
                "rest_growth_required": rest_req,
                "p_meet_target": p_i,
                "method": method,
                "notes": notes,
                "period": str(per),
                "ytd_value": d.ytd_value[i],
                "ytd_growth": (d.ytd_growth[i] if d.ytd_growth is not None else np.nan),
                "rest_growth": rest[i] if per.index < per.steps else np.nan,
                **_completion(d.indicator.completion, d.ytd_value[i], tv, value_point[i], per),
            }
        )
    return rows


def _completion(
    completion: bool, ytd_value: float, target_value: float, fy_value: float, per: Period
) -> dict[str, float]:
    """Completion columns of one row: done to date and projected, as shares of the target
    amount [%], and time progress [%]; NaN unless the indicator is completion-type with a
    target amount (:func:`sprintmodel.progress.time_progress`)."""
    if not completion or not np.isfinite(target_value) or target_value <= 0:
        return dict.fromkeys(("completion_pct", "time_progress_pct", "fy_completion_pct"), np.nan)
    tp = time_progress(ytd_value, target_value, per.index, per.steps)
    return {
        "completion_pct": float(tp.completion_pct),
        "time_progress_pct": float(tp.elapsed_pct),
        "fy_completion_pct": completion_pct(fy_value, target_value),
    }


@dataclass(frozen=True, eq=False)
class ForecastResult(Results):
    """Full-year forecasts of every unit × indicator as of one period.

    Attributes
    ----------
    dataset
        The data (the forecast used only rows up to :attr:`as_of`).
    as_of
        The period of the forecast.
    method
        The method asked for (``combination`` or a member's name).
    members
        Methods behind the forecast (the combination's members, or the one method).
    draws
        Full-year draws (the array contract of :mod:`sprintmodel.forecast.draws`).
    fits
        The fitted blocks (rolling-origin forecasts, weights, errors), one per indicator ×
        frequency × period.
    warning_notes
        Problems in the data worked around (missing periods, series ending early, units
        late), as data (codes ``forecast.*``, worded by :mod:`sprintmodel.words.notes`);
        :attr:`warnings` says them in English.
    config
        Combination and interval settings.
    """

    dataset: DataSet
    as_of: Period
    method: str
    members: tuple[str, ...]
    draws: Draws
    fits: tuple[BlockFit, ...]
    warning_notes: tuple[Note, ...] = ()
    config: ForecastConfig = field(default_factory=ForecastConfig)
    _frame: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    @classmethod
    def build(
        cls,
        *,
        dataset: DataSet,
        as_of: Period,
        method: str,
        members: tuple[str, ...],
        draws: Draws,
        fits: tuple[BlockFit, ...],
        empty_rows: Sequence[dict[str, object]],
        warning_notes: tuple[Note, ...],
        config: ForecastConfig,
    ) -> ForecastResult:
        """Assemble the result and its table (used by :func:`sprintmodel.forecast.forecast`)."""
        rows: list[dict[str, object]] = []
        for d in draws.values():
            rows.extend(_indicator_rows(dataset, d, as_of))
        for r in empty_rows:
            rows.append({**r, "as_of": str(as_of), "method": "none"})
        frame = pd.DataFrame(rows, columns=[*FORECAST_COLUMNS, "notes"])
        frame["notes"] = [n if isinstance(n, tuple) else () for n in frame["notes"]]
        frame["note"] = [notes_text(n, "en") for n in frame["notes"]]
        frame = sort_in_data_order(frame, dataset.hierarchy, dataset.indicators)
        num = [
            c
            for c in FORECAST_COLUMNS
            if c not in ("unit", "indicator", "as_of", "method", "note", "period", "year")
        ]
        frame[num] = frame[num].astype(float)
        return cls(dataset, as_of, method, members, draws, fits, warning_notes, config, frame)

    # ------------------------------------------------------------------ views
    @property
    def warnings(self) -> tuple[str, ...]:
        """:attr:`warning_notes` in English, one line each (codes as they are)."""
        return tuple(note_text(n, "en") for n in self.warning_notes)

    def names(self, lang: str = "en") -> dict[str, str]:
        """Display names of the codes the notes carry (indicators, source indicators, units)
        in Chinese; ``{}`` in English, whose notes keep the codes."""
        if lang != "zh":
            return {}
        ds = self.dataset
        return code_names(ds.indicators, ds.source_indicators, ds.units, lang=lang)

    def warning_texts(self, lang: str = "en") -> list[str]:
        """:attr:`warning_notes` in ``lang``; Chinese names units and indicators."""
        names = self.names(lang)
        return [note_text(n, lang, names) for n in self.warning_notes]

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """One row per unit × indicator with :data:`FORECAST_COLUMNS` (a copy).

        Growth in [%], gaps in [pp], values in the indicator's measure at current prices,
        ``p_meet_target`` in [0-1]; nothing rounded. ``note`` says what the forecast did
        (fallbacks, periods not yet published, the monthly nowcast...) in ``lang`` (``"en"``
        or ``"zh"``), from :meth:`notes`.
        """
        frame = self._frame[list(FORECAST_COLUMNS)].copy()
        if lang != "en":
            names = self.names(lang)
            frame["note"] = [notes_text(n, lang, names) for n in self._frame["notes"]]
        return frame

    def notes(self) -> pd.Series:
        """Each row's notes as data (tuples of :class:`~sprintmodel.notes.Note`), indexed as
        :meth:`to_frame`; their words are the ``note`` column."""
        return self._frame["notes"].copy()

    def headlines(self) -> pd.DataFrame:
        """The published figures of every unit × indicator
        (:data:`sprintmodel.figures.HEADLINE_COLUMNS`, unrounded; see :mod:`sprintmodel.figures`)."""
        return self._frame[HEADLINE_COLUMNS].reset_index(drop=True)

    @cached_property
    def weights(self) -> pd.DataFrame:
        """Combination weights used for the forecast year: unit, indicator, method, weight."""
        rows = []
        for fit in self.fits:
            t = fit.block.year_index(self.as_of.year) if self.as_of.year in fit.block.years else -1
            for i, unit in enumerate(fit.block.units):
                for j, m in enumerate(fit.methods):
                    rows.append(
                        {
                            "unit": unit,
                            "indicator": fit.block.indicator.code,
                            "method": m,
                            "weight": float(fit.weights[i, t, j]),
                        }
                    )
        return pd.DataFrame(rows, columns=["unit", "indicator", "method", "weight"])

    def summary(self, lang: str = "en") -> str:
        """A plain-text table of the forecast (growth [%] with 80% intervals) in ``lang``.

        English (the default) shows codes; Chinese (``"zh"``) the units', indicators' and
        methods' names, the periods in words (2026年三季度, 2026年9月) and the headers of
        :data:`~sprintmodel.words.headers.HEADERS`. The figures are the same in both.
        """
        zh = lang == "zh"
        f = self._frame
        members = [word(METHOD_NAMES, m, lang) for m in self.members]
        head = summary_text(
            "forecast.head",
            lang,
            as_of=period_name(self.as_of, lang),
            method=word(METHOD_NAMES, self.method, lang),
            members=joined(members, lang),
            n=len(f),
            draws=self.draws_count,
        )
        lines = [head]
        cols = [
            "unit",
            "indicator",
            "period",
            "fy_growth",
            "fy_growth_lo80",
            "fy_growth_hi80",
            "target_growth",
            "p_meet_target",
        ]
        shown = f[cols].copy()
        for c in cols[3:]:
            fmt = "{:.0%}" if c == "p_meet_target" else "{:.1f}"
            shown[c] = [("—" if pd.isna(v) else fmt.format(v)) for v in shown[c]]
        if zh:
            ds = self.dataset
            shown["unit"] = [ds.units[u].label(lang) if u in ds.units else u for u in shown.unit]
            shown["indicator"] = [
                ds.indicators[c].label(lang) if c in ds.indicators else c for c in shown.indicator
            ]
            shown["period"] = [period_name(p, lang) for p in shown.period]
            shown.columns = [header(c, lang) for c in cols]
        with pd.option_context("display.unicode.east_asian_width", zh):
            lines.append(shown.to_string(index=False))
        if self.warning_notes:
            lines.append(summary_text("forecast.warnings", lang, n=len(self.warning_notes)))
            lines.extend(f"  {w}" for w in self.warning_texts(lang))
        return "\n".join(lines)

    @property
    def draws_count(self) -> int:
        """Number of draws per series."""
        return next((d.n_draws for d in self.draws.values()), 0)

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        """The table in a notebook, in English (the result carries no language; for Chinese,
        show :meth:`summary` with ``lang="zh"`` or :meth:`to_frame` with ``lang="zh"``)."""
        title = f"<p><b>Full-year forecast as of {self.as_of}</b> ({self.method})</p>"
        return title + self.to_frame().to_html(
            index=False, float_format=lambda v: f"{v:.2f}", na_rep="—"
        )

    def compare(self, *others: ForecastResult, column: str = "fy_growth") -> pd.DataFrame:
        """Side-by-side ``column`` of this and other results, one column per method/as-of."""
        frames = []
        for r in (self, *others):
            label = f"{r.method}@{r.as_of}"
            frames.append(r._frame.set_index(["unit", "indicator"])[column].rename(label))
        return pd.concat(frames, axis=1)
