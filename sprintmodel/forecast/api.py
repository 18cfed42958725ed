"""The forecast orchestrator: ``forecast(dataset, as_of)`` for every unit × indicator.

For each indicator and frequency the data up to ``as_of`` form a
:class:`~sprintmodel.forecast.block.SeriesBlock`; :func:`~sprintmodel.forecast.engine.fit_block`
(cached) gives every method's rolling-origin forecasts, the combination and the calibrated
scale; draws are made from the calibrated error distribution (margins) and a Gaussian copula
across units and indicators (:mod:`~sprintmodel.forecast.copula`), reconciled so that additive
children add up to their parents, and summarised in a :class:`ForecastResult`.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.data.model import COMPONENT_KIND
from sprintmodel.errors import InputError
from sprintmodel.figures import PUBLISHED_DRAWS
from sprintmodel.forecast.block import SeriesBlock
from sprintmodel.forecast.cache import block_key, cached_fit
from sprintmodel.forecast.config import ForecastConfig
from sprintmodel.forecast.copula import fit_copula
from sprintmodel.forecast.draws import Draws, IndicatorDraws
from sprintmodel.forecast.engine import BlockFit, fit_block
from sprintmodel.forecast.intervals import margin_draws
from sprintmodel.forecast.live_nowcast import live_nowcast_cached, move_draws
from sprintmodel.forecast.methods import METHODS, combination_members, resolve
from sprintmodel.forecast.reconcile import reconcile
from sprintmodel.forecast.result import FORECAST_COLUMNS, ForecastResult
from sprintmodel.notes import Note
from sprintmodel.periods import Frequency, Period
from sprintmodel.rng import check_random_state
from sprintmodel.status import check_as_of, latest_published, series_period

DEFAULT_DRAWS = PUBLISHED_DRAWS
"""Simulation draws [count]: :data:`sprintmodel.figures.PUBLISHED_DRAWS` (8192), the draws of
every published figure."""


NON_ADDITIVE_NOTE = Note.of("forecast.rate_or_share")
"""Note on every unit of a non-additive indicator (``additive = no``)."""

CEILING_NOTE = Note.of("forecast.ceiling")
"""Note on every unit of an indicator whose target is a ceiling (``target_direction = at_most``)."""


class ForecastWarning(UserWarning):
    """A problem in the data the forecast worked around (missing periods, short history)."""


def _members(method: str, members: Sequence[str] | None) -> tuple[str, tuple[str, ...]]:
    name = resolve(method)
    if name != "combination":
        return name, (name,)
    chosen = tuple(resolve(m) for m in members) if members else combination_members()
    if "combination" in chosen:
        raise InputError("the combination cannot contain itself")
    if "ratio" in chosen:  # the fallback rule first
        chosen = ("ratio", *[m for m in chosen if m != "ratio"])
    else:
        chosen = ("ratio", *chosen)
    return name, chosen


def _missing_periods(block: SeriesBlock, year_index: int, k: int) -> dict[str, list[str]]:
    """Published gaps of each unit: periods without value or growth inside its span."""
    out: dict[str, list[str]] = {}
    has = ~np.isnan(block.value) | ~np.isnan(block.published_growth)
    steps = block.steps
    for i, unit in enumerate(block.units):
        flat = has[i, : year_index + 1].reshape(-1).copy()
        total = year_index * steps + k + 1
        flat = flat[:total]
        if not flat.any():
            continue
        first = int(np.argmax(flat))
        last = int(np.flatnonzero(flat)[-1])  # later periods: reported as "not published"
        gaps = []
        for pos in range(first, last + 1):
            if flat[pos]:
                continue
            y, j = divmod(pos, steps)
            if block.freq == "M" and j == 0:  # January published with February
                continue
            gaps.append(str(Period(int(block.years[y]), j + 1, block.freq)))
        if gaps:
            out[unit] = gaps
    return out


@dataclass
class _Piece:
    """One unit's forecast before reconciliation."""

    unit: str
    period: Period
    growth_draws: np.ndarray
    point_growth: float
    base_full: float
    base_ytd: float
    ytd_level: float
    ytd_value: float
    ytd_growth: float
    has_level: bool
    method: str
    notes: tuple[Note, ...]
    by_month: dict[int, tuple[float, float]]
    """This year's (ytd level, base ytd) at each period end month with a level."""


def _pieces_for_block(
    fit: BlockFit,
    year_index: int,
    period: Period,
    method: str,
    normals: np.ndarray,
    config: ForecastConfig,
    ceiling: bool = False,
) -> list[_Piece]:
    # ``ceiling`` comes from the dataset, not ``fit.block``: a cached fit may come from a folder
    # that differs only in target_direction, which does not change the fit.
    block, k = fit.block, fit.k
    additive = block.indicator.additive
    t = year_index
    z = margin_draws(normals, fit.z[:, :t], config)
    out = []
    for i, unit in enumerate(block.units):
        g = float(block.growth[i, t, k])
        point = float(fit.growth[i, t])
        sigma = float(fit.sigma[i, t])
        draws = point + sigma * z[:, i]
        has_level = bool(block.has_level[i, t, k])
        if has_level:
            base_full = float(block.base_full[i, t, k])
            base_ytd = float(block.base_ytd[i, t, k])
            ytd_level = float(block.level[i, t, k])
        else:  # growth only: levels are an index, last year's full year = 100
            base_full = 100.0
            # a rate's year to date is a level, not a part of the year: same index
            base_ytd = 100.0 * float(block.share[i, t, k]) if additive else 100.0
            ytd_level = base_ytd * (1.0 + g / 100.0)
        notes: tuple[Note, ...] = fit.notes[i, t]
        steps = block.steps
        by_month = {
            (j + 1) * (12 // steps): (float(block.level[i, t, j]), float(block.base_ytd[i, t, j]))
            for j in range(k + 1)
            if block.has_level[i, t, j]
        }
        if not has_level:
            notes += (Note.of("forecast.growth_only"),)
        if not additive:
            notes += (NON_ADDITIVE_NOTE,)
        if ceiling:
            notes += (CEILING_NOTE,)
        codes = {n.code for n in notes}
        m = method
        if "forecast.year_complete" in codes:
            m = "published"
        elif method == "combination" and "forecast.ratio_only" in codes:
            m = "ratio (fallback)"
        elif not additive and method != "combination" and method not in fit.methods:
            m = f"{fit.methods[0]} (fallback)"
        out.append(
            _Piece(
                unit=unit,
                period=period,
                growth_draws=draws,
                point_growth=point,
                base_full=base_full,
                base_ytd=base_ytd,
                ytd_level=ytd_level,
                ytd_value=float(block.value[i, t, k]),
                ytd_growth=g,
                has_level=has_level,
                method=m,
                notes=notes,
                by_month=by_month,
            )
        )
    return out


def forecast(
    dataset: DataSet,
    as_of: str | Period | None = None,
    *,
    method: str = "combination",
    n_draws: int = DEFAULT_DRAWS,
    rng: int | np.random.Generator | None = None,
    indicators: Sequence[str] | None = None,
    members: Sequence[str] | None = None,
    config: ForecastConfig | None = None,
    use_cache: bool = True,
) -> ForecastResult:
    """Forecast the full year of every unit × indicator from data up to ``as_of``.

    Parameters
    ----------
    dataset
        A loaded data folder.
    as_of
        Period ``YYYYQn`` or ``YYYY-MM`` (default: the latest in the data). Only rows up to it
        are used; quarterly series as of a month stand at the last complete quarter, and
        inside a quarter the combination is nowcast from the monthly data published by then
        (:mod:`~sprintmodel.forecast.live_nowcast`: point, intervals and draws move together).
    method
        ``"combination"`` (default) or a method of
        :data:`~sprintmodel.forecast.methods.METHODS` (``ratio``/``naive``, ``momentum``,
        ``seasonal_share``, ``drift``, ``ets``, ``uc``...).
    n_draws
        Simulation draws [count] (default :data:`DEFAULT_DRAWS`).
    rng
        Seed or ``numpy.random.Generator``; the same seed gives the same numbers. Default 0
        (reproducible).
    indicators
        Indicator codes to forecast (default: all).
    members
        Methods in the combination (default: every registered method marked ``combine``).
    config
        Combination and interval settings (default :class:`ForecastConfig()`).
    use_cache
        Reuse fitted blocks (:mod:`sprintmodel.forecast.cache`).

    Returns
    -------
    ForecastResult
        ``to_frame()`` gives the contract's columns; ``draws`` the full-year draws.
    """
    if n_draws < 10:
        raise InputError(f"n_draws must be at least 10, not {n_draws}")
    cfg = config or ForecastConfig()
    p = check_as_of(dataset, as_of)
    state = check_random_state(rng)
    gen, seed = state.generator, state.seed
    name, chosen = _members(method, members)
    data = dataset.until(p)
    codes = list(dataset.indicators) if indicators is None else list(indicators)
    for c in codes:
        if c not in dataset.indicators:
            raise InputError(
                f"unknown indicator {c!r}; the data have {', '.join(dataset.indicators)}"
            )
    keys = data.series_keys
    fits: list[tuple[str, Frequency, BlockFit, int, Period, list[str], str]] = []
    warn: list[Note] = []
    late: dict[tuple[str, str, str], list[str]] = {}  # (unit, wanted, used) -> indicators
    empty_rows: list[dict[str, object]] = []
    for code in codes:
        for freq in ("Q", "M"):
            present = set(keys[(keys.indicator == code) & (keys.freq == freq)].unit)
            units = [u for u in dataset.hierarchy if u in present]
            if not units:
                continue
            sp = series_period(p, freq)
            block = SeriesBlock.from_dataset(data, code, freq, units=units, last_year=sp.year)
            t = block.year_index(sp.year)
            k_want = sp.index - 1
            known = ~np.isnan(block.growth[:, t, : k_want + 1]) | ~np.isnan(
                block.level[:, t, : k_want + 1]
            )
            known_g = ~np.isnan(block.growth[:, t, : k_want + 1])
            gaps = _missing_periods(block, t, k_want)
            for unit, periods in gaps.items():
                said = {"unit": unit, "indicator": code, "n": len(periods)}
                said["missing_period"] = tuple(periods[:6])
                warn.append(
                    Note.of("forecast.missing_periods_more", **said)
                    if len(periods) > 6
                    else Note.of("forecast.missing_periods", **said)
                )
            groups: dict[int, list[int]] = {}
            last_k = latest_published(known_g, k_want)
            for i, unit in enumerate(block.units):
                if last_k[i] < 0:
                    reason = (
                        Note.of("forecast.no_data", year=sp.year, up_to_period=str(sp))
                        if not known[i].any()
                        else Note.of("forecast.no_growth", year=sp.year)
                    )
                    empty_rows.append(
                        {"unit": unit, "indicator": code, "year": sp.year, "notes": (reason,)}
                    )
                    continue
                groups.setdefault(int(last_k[i]), []).append(i)
            for k, rows in sorted(groups.items()):
                sub = block if len(rows) == len(block.units) else block.subset(rows)
                per = Period(sp.year, k + 1, freq)
                if k != k_want and len(groups) == 1:
                    warn.append(
                        Note.of(
                            "forecast.data_end",
                            indicator=code,
                            at_period=str(per),
                            wanted_period=str(sp),
                        )
                    )
                elif k != k_want:
                    for i in rows:
                        late.setdefault((block.units[i], str(sp), str(per)), []).append(code)
                key = block_key(sub, k, chosen, cfg)
                fit = cached_fit(key, partial(fit_block, sub, k, chosen, cfg), use_cache=use_cache)
                fits.append((code, freq, fit, t, per, list(sub.units), key))
    warn += _late_warnings(late)
    # Joint draws: one Gaussian copula over every unit of every indicator (past years shared).
    copula = fit_copula([(f.block.years[:t], f.z[:, :t]) for (_, _, f, t, _, _, _) in fits])
    normals = copula.sample(n_draws, gen)
    by_ind: dict[str, list[_Piece]] = {}
    for (code, freq, fit, t, per, _units, key), x in zip(fits, normals, strict=True):
        pieces = _pieces_for_block(fit, t, per, name, x, cfg, dataset.indicators[code].ceiling)
        _nowcast_and_note(pieces, dataset, data, p, name, (freq, fit, t, per, key))
        by_ind.setdefault(code, []).extend(pieces)
    draws = {code: _indicator_draws(dataset, code, pcs) for code, pcs in by_ind.items()}
    result = ForecastResult.build(
        dataset=dataset,
        as_of=p,
        method=name,
        members=chosen,
        draws=Draws(p, draws, seed),
        fits=tuple(f for (_, _, f, _, _, _, _) in fits),
        empty_rows=empty_rows,
        warning_notes=tuple(warn),
        config=cfg,
    )
    for w in result.warnings:
        warnings.warn(w, ForecastWarning, stacklevel=2)
    return result


def _late_warnings(late: dict[tuple[str, str, str], list[str]]) -> list[Note]:
    """One warning per late unit: ``(unit, wanted, used) -> indicators`` as notes."""
    out = []
    for (unit, wanted, used), codes in late.items():
        said = {"unit": unit, "indicators": tuple(codes), "wanted_period": wanted}
        said["used_period"] = used
        out.append(
            Note.of("forecast.unit_late", **said)
            if len(codes) == 1
            else Note.of("forecast.unit_late_many", **said)
        )
    return out


def _nowcast_and_note(
    pieces: list[_Piece],
    dataset: DataSet,
    data: DataSet,
    as_of: Period,
    method: str,
    fitted: tuple[Frequency, BlockFit, int, Period, str],
) -> None:
    """Inside a quarter, move a quarterly block's pieces to the monthly data's nowcast
    (:mod:`~sprintmodel.forecast.live_nowcast`); note a period not yet published."""
    freq, fit, t, per, key = fitted
    want = series_period(as_of, freq)
    live = freq == "Q" and as_of.freq == "M" and as_of.month % 3 and method == "combination"
    if live and per == want:
        nows = live_nowcast_cached(dataset, key, data, fit, t, as_of.month)
        for pc, now in zip(pieces, nows, strict=True):
            pc.growth_draws = move_draws(pc.growth_draws, pc.point_growth, now)
            pc.point_growth, pc.notes = now.growth, pc.notes + now.notes
    if per != want:
        late = Note.of("forecast.not_published", wanted_period=str(want), used_period=str(per))
        for pc in pieces:
            pc.notes += (late,)


def _indicator_draws(dataset: DataSet, code: str, pieces: list[_Piece]) -> IndicatorDraws:
    """Levels, coherent across the hierarchy, from each unit's growth draws."""
    indicator = dataset.indicators[code]
    order = {u: i for i, u in enumerate(dataset.hierarchy)}
    pieces = sorted(pieces, key=lambda pc: order[pc.unit])
    units = tuple(pc.unit for pc in pieces)
    pos = {u: i for i, u in enumerate(units)}
    parent = np.full(len(units), -1, dtype=int)
    for i, u in enumerate(units):
        unit = dataset.units[u]
        if unit.rollup and unit.parent is not None and unit.parent in pos:
            parent[i] = pos[unit.parent]
    base_full = np.array([pc.base_full for pc in pieces])
    base_ytd = np.array([pc.base_ytd for pc in pieces])
    ytd_level = np.array([pc.ytd_level for pc in pieces])
    ytd_value = np.array([pc.ytd_value for pc in pieces])
    growth = np.stack([pc.growth_draws for pc in pieces], axis=1)
    fy = base_full[None, :] * (1.0 + growth / 100.0)
    point = base_full * (1.0 + np.array([pc.point_growth for pc in pieces]) / 100.0)
    notes = [pc.notes for pc in pieces]
    has_level = np.array([pc.has_level for pc in pieces])
    if indicator.additive and (parent >= 0).any():
        active = has_level & np.isfinite(fy).all(axis=0) & np.isfinite(point)
        # two partitions of a parent: its member units (0) and its components (1)
        group = np.array([int(dataset.units[u].kind == COMPONENT_KIND) for u in units])
        residual = np.zeros((len(units), 2))
        for a, g in itertools.product(range(len(units)), (0, 1)):
            kids = np.flatnonzero((parent == a) & (group == g) & active)
            if kids.size and active[a]:
                common = _common_residual(pieces, a, kids)
                if common is None:  # no period with every member's level: leave it apart
                    active[a] = False
                    notes[a] += (Note.of("forecast.no_common_period"),)
                    continue
                r_ytd, base_a, month = common
                residual[a, g] = r_ytd * base_full[a] / base_a if base_a > 0 else r_ytd
                if month != pieces[a].period.month or any(
                    pieces[j].period.month != month for j in kids
                ):
                    notes[a] += (
                        Note.of(
                            "forecast.reconciled_at",
                            at_period=_month_name(pieces[a].period, month),
                        ),
                    )
        fy, point = reconcile(fy, point, parent, residual, active, group=group)
        for a in range(len(units)):
            if (parent == a).any() and not active[a]:
                continue
            if ((parent == a) & ~active).any() and active[a]:
                notes[a] += (Note.of("forecast.children_without_levels"),)
    # Units without levels carry an index: flag them so consumers do not add them up.
    parent = np.where(has_level, parent, -1)
    parent = np.array([p if p < 0 or has_level[p] else -1 for p in parent.tolist()], dtype=int)
    return IndicatorDraws(
        indicator=indicator,
        units=units,
        periods=tuple(pc.period for pc in pieces),
        parent=parent,
        base_full=base_full,
        base_ytd=base_ytd,
        ytd_level=ytd_level,
        ytd_value=ytd_value,
        fy=fy,
        notes=tuple(notes),
        point=point,
        has_level=has_level,
        methods=tuple(pc.method for pc in pieces),
        ytd_growth=np.array([pc.ytd_growth for pc in pieces]),
    )


def _common_residual(
    pieces: list[_Piece], a: int, kids: np.ndarray
) -> tuple[float, float, int] | None:
    """The parent's own part ``ytd(a) - sum ytd(kids)`` at the last period all of them report.

    A unit that has not reported the latest period (a district late with its figures) is
    forecast from its own last period; the parent's residual must then be measured where the
    parent and every child stand at the same period, or a missing child would read as a fall
    of its share of the whole (and a missing parent as a fall of the whole).

    Returns
    -------
    (residual_ytd, parent_base_ytd, month) or None
        ``residual_ytd`` [measure] and the parent's last-year ytd at that ``month`` (1-12);
        None when no period has every member's level.
    """
    members = [a, *kids.tolist()]
    months = set.intersection(*(set(pieces[j].by_month) for j in members))
    if not months:
        return None
    month = max(months)  # each member's months stop at its own last period
    level_a, base_a = pieces[a].by_month[month]
    kids_sum = sum(pieces[j].by_month[month][0] for j in kids.tolist())
    return level_a - kids_sum, base_a, month


def _month_name(period: Period, month: int) -> str:
    """The period of ``period``'s year and frequency ending in ``month``."""
    if period.freq == "Q":
        return str(Period(period.year, month // 3, "Q"))
    return str(Period(period.year, month, "M"))


def available_methods() -> pd.DataFrame:
    """The registered methods: name, description, baseline, in the combination."""
    return pd.DataFrame(
        [
            {
                "method": m.name,
                "description": m.description,
                "baseline": m.baseline,
                "combine": m.combine,
            }
            for m in METHODS.values()
        ]
    )


__all__ = ["DEFAULT_DRAWS", "FORECAST_COLUMNS", "ForecastWarning", "available_methods", "forecast"]
