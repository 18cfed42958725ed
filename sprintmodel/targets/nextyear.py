"""Draws of next year's growth of every unit: this year's base, trend, carry-over and projects.

For each unit × indicator and each draw ``d`` of this year's full year (the baseline forecast or
a scenario's), next year's growth [%] is

.. math:: G^{+}_d = T_d + C_d + P_d

- :math:`T_d = \\hat g + w\\,(G_d - \\tilde G) + \\sigma\\,z_d`: the trend of the unit's annual
  growth (:mod:`~sprintmodel.targets.trend`): the local-level forecast :math:`\\hat g` given
  the history and this year's median growth :math:`\\tilde G`, moved by the draw's deviation from
  that median with the model's weight :math:`w` on the last year, plus a resampled
  standardised error :math:`z_d` times the forecast's standard error :math:`\\sigma`;
- :math:`C_d = \\kappa\\,(q_d - G_d)`: the change in carry-over (翘尾) from this year's path,
  with :math:`q_d` the growth of the rest of the year in the draw
  (:func:`~sprintmodel.targets.options.carry_over`);
- :math:`P_d`: what the register's projects (:mod:`~sprintmodel.targets.projects`, under the
  draw's delays and the scenario's shifts) add beyond what the trend already carries.

  *Value added* (GDP, industrial value added): the new output of projects starting production
  next year beyond the new output this year's projects added (which is inside this year's
  growth and so in the trend): :math:`P_d = 100\\,(V^{+}_d - V_d)/F_d - 100\\,(V_d -
  V^{-})/F^{-}`, with :math:`V^{-}, V_d, V^{+}_d` the register's value added last year, this
  year and next year, :math:`F_d` this year's and :math:`F^{-}` last year's level.

  *Investment*: the register lists, in October, mostly projects already under way; much of next
  year's investment will come from projects not yet registered, so the fall of the register's
  own planned spending from this year to next is not news about next year's growth (the trend
  carries the usual turnover of projects). What the register does tell is timing: a delay moves
  money from this year to next and from next year to the year after, :math:`P_d =
  100\\,[(A^{+}_d - A^{+}_0) - (A_d - A_0)]/F_d`, with :math:`A` the counted investment this
  year, :math:`A^{+}` next year, under the draw's delays (and the scenario's shifts) and
  :math:`A_0, A^{+}_0` on the register's plan. The plan itself is the investment plan table.

The base :math:`F_d` is the draw's full year at current prices: next year's target level is
:math:`F (1 + g/100)` and each draw's growth is measured on its own base, so a strong fourth
quarter raises both this year's level and (through :math:`C_d` and :math:`w`) next year's growth.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet, Indicator
from sprintmodel.figures import headline_growth
from sprintmodel.forecast.draws import Draws, IndicatorDraws
from sprintmodel.notes import Note
from sprintmodel.periods import Period
from sprintmodel.results import Results
from sprintmodel.targets.config import TargetConfig
from sprintmodel.targets.options import carry_over, probability_of_meeting
from sprintmodel.targets.projects import ProjectAmounts, carry_matrix
from sprintmodel.targets.trend import TrendFit, fit_trend
from sprintmodel.words.headers import header
from sprintmodel.words.periods import period_name
from sprintmodel.words.summaries import summary_text
from sprintmodel.ytd import single_growth_from_ytd

COMPONENT_COLUMNS = [
    "unit",
    "indicator",
    "year",
    "this_year_growth",
    "this_year_value",
    "trend_growth",
    "trend_se",
    "trend_method",
    "carry_over_pp",
    "project_share_pct",
    "projects_pp",
    "next_growth_p10",
    "next_growth_p50",
    "next_growth_p90",
    "next_growth_mean",
    "next_value_p50",
    "n_history",
    "note",
]
"""Columns of :meth:`NextYearDraws.components`."""


@dataclass(frozen=True, eq=False)
class NextYearDraws(Results):
    """Draws of next year's growth of one indicator for a set of units.

    Attributes
    ----------
    indicator
        The indicator.
    units
        Unit codes (second axis of the arrays).
    year
        Next year (the target year).
    as_of
        The period the draws stand at.
    growth
        Next year's growth [%] (draws × units).
    base
        This year's full-year level at current prices [measure] (draws × units); NaN where the
        levels are an index (growth-only series).
    this_growth
        This year's full-year growth [%] (draws × units).
    trend, carry, projects
        The components :math:`T`, :math:`C` [%, pp] and :math:`P` [pp] (draws × units).
    project_share
        The register's share of this year's level, :math:`A_d / F_d` or :math:`V_d / F_d`
        (draws × units) [0-1], for information.
    has_level
        Boolean (units,): levels are published values.
    parent
        Rollup parent index (units,), -1 where none (as in the forecast draws).
    trend_fit
        The trend model.
    this_year
        The full-year draws of this year the distribution was built on.
    notes
        Per-unit notes as data (a tuple of :class:`~sprintmodel.notes.Note` per unit: the
        trend model, projects left out).
    """

    indicator: Indicator
    units: tuple[str, ...]
    year: int
    as_of: Period
    growth: np.ndarray
    base: np.ndarray
    this_growth: np.ndarray
    trend: np.ndarray
    carry: np.ndarray
    projects: np.ndarray
    project_share: np.ndarray
    has_level: np.ndarray
    parent: np.ndarray
    trend_fit: TrendFit
    this_year: IndicatorDraws = field(repr=False)
    notes: tuple[tuple[Note, ...], ...] = ()

    @property
    def n_draws(self) -> int:
        """Number of draws."""
        return int(self.growth.shape[0])

    def index(self, unit: str) -> int:
        """Position of ``unit``."""
        return self.units.index(unit)

    def probability(self, unit: str, target_growth: float | np.ndarray) -> np.ndarray:
        """P(next year's growth ≥ target) [0-1] for ``unit`` (≤ for a ceiling)."""
        return probability_of_meeting(
            self.growth[:, self.index(unit)], target_growth, ceiling=self.indicator.ceiling
        )

    def base_value(self, unit: str) -> float:
        """This year's projected full-year value at current prices [measure] (median draw)."""
        col = self.base[:, self.index(unit)]
        return float(np.nanmedian(col)) if np.isfinite(col).any() else float("nan")

    def level(self) -> np.ndarray:
        """Next year's level at this year's prices [measure] (draws × units): ``F (1 + G⁺)``."""
        return self.base * (1.0 + self.growth / 100.0)

    @property
    def this_headline(self) -> np.ndarray:
        """This year's published full-year growth [%] (units,): the headline of
        :func:`sprintmodel.figures.headline_growth` (the forecast's point, moved by a
        scenario's change of the mean), the figure ``forecast`` and ``brief`` show."""
        return headline_growth(self.this_year)

    def __repr__(self) -> str:
        return (
            f"NextYearDraws({self.indicator.code}, year={self.year}, as_of={self.as_of}, "
            f"{self.n_draws} draws × {len(self.units)} units)"
        )

    def summary(self, lang: str = "en", names: Mapping[str, str] | None = None) -> str:
        """Plain text of :meth:`components` (growth in [%], components in [pp]) in ``lang``.

        English (the default) as :func:`repr` and the columns' codes; Chinese (``"zh"``) with
        the indicator's name, the headers of :data:`~sprintmodel.words.headers.HEADERS` and
        the units by ``names`` (code → name; codes where not given).
        """
        cols = [
            "unit",
            "this_year_growth",
            "trend_growth",
            "carry_over_pp",
            "projects_pp",
            "next_growth_p10",
            "next_growth_p50",
            "next_growth_p90",
        ]
        table = self.components()[cols].round(2)
        if lang != "zh":
            return f"{self!r}\n" + table.to_string(index=False)
        head = summary_text(
            "nextyear.head",
            lang,
            indicator=self.indicator.label(lang),
            year=self.year,
            as_of=period_name(self.as_of, lang),
            n=self.n_draws,
            m=len(self.units),
        )
        table["unit"] = [(names or {}).get(u, u) for u in table.unit]
        table.columns = [header(c, lang) for c in cols]
        with pd.option_context("display.unicode.east_asian_width", True):
            return head + "\n" + table.to_string(index=False)

    def _repr_html_(self) -> str:
        """The table in a notebook, in English (the draws carry no language; for Chinese,
        show :meth:`summary` with ``lang="zh"``)."""
        return f"<p><b>{self!r}</b></p>" + self.components().to_html(
            index=False, float_format=lambda v: f"{v:.2f}", na_rep="—"
        )

    def to_frame(self) -> pd.DataFrame:
        """:meth:`components`."""
        return self.components()

    def components(self) -> pd.DataFrame:
        """One row per unit: this year, the components, and next year's growth percentiles.

        Columns :data:`COMPONENT_COLUMNS`: medians of the components over the draws
        (``trend_growth`` [%], ``carry_over_pp`` [pp], ``projects_pp`` [pp],
        ``project_share_pct`` [%]), next year's growth percentiles [%] and median level
        (``next_value_p50``, at this year's prices [measure]).
        """
        rows = []
        with np.errstate(invalid="ignore"):
            q = np.nanquantile(self.growth, [0.1, 0.5, 0.9], axis=0)
        for i, unit in enumerate(self.units):
            col = self.growth[:, i]
            if not np.isfinite(col).any():
                continue
            base = self.base[:, i]
            has = bool(np.isfinite(base).any())
            rows.append(
                {
                    "unit": unit,
                    "indicator": self.indicator.code,
                    "year": self.year,
                    "this_year_growth": float(self.this_headline[i]),
                    "this_year_value": float(np.nanmedian(base)) if has else np.nan,
                    "trend_growth": float(np.nanmedian(self.trend[:, i])),
                    "trend_se": float(self.trend_fit.se[i]),
                    "trend_method": self.trend_fit.methods[i],
                    "carry_over_pp": float(np.nanmedian(self.carry[:, i])),
                    "project_share_pct": 100.0 * float(np.nanmedian(self.project_share[:, i])),
                    "projects_pp": float(np.nanmedian(self.projects[:, i])),
                    "next_growth_p10": float(q[0, i]),
                    "next_growth_p50": float(q[1, i]),
                    "next_growth_p90": float(q[2, i]),
                    "next_growth_mean": float(np.nanmean(col)),
                    "next_value_p50": float(np.nanmedian(self.level()[:, i])) if has else np.nan,
                    "n_history": int(self.trend_fit.n_years[i]),
                    "note": self.notes[i] if self.notes else (),
                }
            )
        return pd.DataFrame(rows, columns=COMPONENT_COLUMNS)


def annual_growth_history(
    dataset: DataSet, indicator: str, units: Sequence[str], last_year: int
) -> tuple[np.ndarray, np.ndarray]:
    """Published full-year growth [%] (units × years) of years before ``last_year``.

    The year-end row of each year (Q4 or December): published growth, else (nominal) the ratio
    of year-end values.
    """
    panel = dataset.panel(indicator, "Q", units=list(units))
    keep = panel.years < last_year
    growth = panel.growth()[:, keep, -1]
    return growth, panel.years[keep]


def _last_quarter_growth(
    dataset: DataSet, indicator: str, units: Sequence[str], year: int
) -> np.ndarray:
    """Published growth of ``year``'s fourth quarter on the same quarter last year [%] (units,).

    Used where this year is already complete (no rest-of-year draws).
    """
    panel = dataset.panel(indicator, "Q", units=list(units), years=[year - 1, year])
    growth = panel.growth()
    out = single_growth_from_ytd(panel.ytd_value[:, 0, :], growth[:, 1, :])
    return np.asarray(out[:, -1], dtype=np.float64)


def next_year_indicator(
    dataset: DataSet,
    d: IndicatorDraws,
    as_of: Period,
    *,
    config: TargetConfig,
    rng: np.random.Generator,
    amounts: ProjectAmounts | None = None,
) -> NextYearDraws:
    """Next year's growth draws of one indicator (see the module's formula).

    Parameters
    ----------
    dataset
        The data **up to** ``as_of`` (history of annual growth).
    d
        This year's full-year draws of the indicator.
    as_of
        The draws' period.
    config
        Settings (``carry_weight``, ``min_history``...).
    rng
        Generator of the trend errors.
    amounts
        The register's amounts under delay draws (same number of draws), or None.
    """
    code = d.indicator.code
    year = as_of.year
    n = d.n_draws
    hist, years = annual_growth_history(dataset, code, d.units, year)
    g_now = d.fy_growth()
    with np.errstate(invalid="ignore"):
        med = np.nanmedian(np.where(np.isfinite(g_now), g_now, np.nan), axis=0)
    fit = fit_trend(
        hist,
        med,
        units=d.units,
        years=years,
        min_history=config.min_history,
        ratio=config.level_ratio,
        ratio_bounds=config.level_ratio_bounds,
    )
    z = fit.sample(n, rng, config.bootstrap_bandwidth)
    trend = fit.mean[None, :] + fit.last_weight[None, :] * (g_now - med[None, :])
    trend = trend + fit.se[None, :] * z
    complete = np.array([p.index == p.steps for p in d.periods])
    rest = d.rest_growth()
    if complete.any():
        q4 = _last_quarter_growth(dataset, code, d.units, year)
        rest = np.where(complete[None, :], q4[None, :], rest)
    carry = carry_over(g_now, rest, config.carry_weight)
    carry = np.where(np.isfinite(carry), carry, 0.0)
    price = d.price_ratio()
    known = d.level_known & np.isfinite(price)
    base = np.where(known[None, :], d.fy * price[None, :], np.nan)
    share = np.zeros_like(base)
    proj = np.zeros_like(base)
    notes: list[tuple[Note, ...]] = [
        (Note.of("targets.trend", trend_method=m),) for m in fit.methods
    ]
    if amounts is not None and len(amounts.register):
        outs = amounts.outputs_for(code)
        if outs:
            g = carry_matrix(dataset, amounts.register, d.units)
            this_d = amounts.draws[:, :, 1, outs].sum(axis=-1) @ g
            next_d = amounts.draws[:, :, 2, outs].sum(axis=-1) @ g
            ref = amounts.reference[:, :, outs].sum(axis=-1)  # projects × years
            with np.errstate(invalid="ignore", divide="ignore"):
                share = np.where(base > 0, this_d / base, 0.0)
                if code == amounts.indicators.get("investment"):
                    # Timing around the register's own plan (see the module notes).
                    moved = (next_d - ref[:, 2] @ g) - (this_d - ref[:, 1] @ g)
                    proj = np.where(base > 0, 100.0 * moved / base, 0.0)
                else:
                    last_base = d.base_full[None, :]
                    new_now = 100.0 * (this_d - (ref[:, 0] @ g)[None, :]) / last_base
                    new_next = 100.0 * (next_d - this_d) / base
                    proj = np.where((base > 0) & (last_base > 0), new_next - new_now, 0.0)
            share = np.clip(np.nan_to_num(share), 0.0, 1.0)
            proj = np.nan_to_num(proj)
            for i in np.flatnonzero(~known & (g != 0).any(axis=0)):
                notes[i] += (Note.of("targets.projects_left_out"),)
    growth = trend + carry + proj
    return NextYearDraws(
        indicator=d.indicator,
        units=d.units,
        year=year + 1,
        as_of=as_of,
        growth=growth,
        base=base,
        this_growth=g_now,
        trend=trend,
        carry=carry,
        projects=proj,
        project_share=share,
        has_level=known,
        parent=d.parent,
        trend_fit=fit,
        this_year=d,
        notes=tuple(notes),
    )


def next_year_draws(
    dataset: DataSet,
    draws: Draws,
    *,
    config: TargetConfig | None = None,
    rng: np.random.Generator | None = None,
    amounts: ProjectAmounts | None = None,
    indicators: Sequence[str] | None = None,
) -> dict[str, NextYearDraws]:
    """Next year's growth draws of every indicator in ``draws``.

    Parameters
    ----------
    dataset
        The data (cut at the draws' period here, so no later figure is used).
    draws
        This year's full-year draws (a forecast's ``result.draws`` or a scenario's
        ``result.to_draws()``).
    config
        Settings (default :class:`TargetConfig()`).
    rng
        Generator (default seed 0).
    amounts
        The register's amounts (:func:`~sprintmodel.targets.projects.project_amounts`) with the
        same number of draws, or None to leave projects out.
    indicators
        Indicator codes (default: all in ``draws``).
    """
    cfg = config or TargetConfig()
    gen = rng if rng is not None else np.random.default_rng(0)
    data = dataset.until(draws.as_of)
    out: dict[str, NextYearDraws] = {}
    for code in indicators or list(draws):
        out[code] = next_year_indicator(
            data, draws[code], draws.as_of, config=cfg, rng=gen, amounts=amounts
        )
    return out


__all__ = [
    "COMPONENT_COLUMNS",
    "NextYearDraws",
    "annual_growth_history",
    "next_year_draws",
    "next_year_indicator",
]
