"""Rolling-origin backtest: how every method and the combination would have done.

For each indicator, each year ``y`` in the range and the period ``k`` of the as-of quarter (or
month), every method forecasts the full year from data published up to ``(y, k)`` only, and the
forecast is compared with the published outcome:

- **growth error** [pp]: forecast minus published full-year growth; reported as MAE;
- **level error** [%]: forecast full-year level over the published one, minus 1 (nominal:
  published values; real: volumes at last year's prices); reported as MAPE;
- **coverage** [share]: how often the published growth lies in the 80% (95%) interval
  calibrated on errors of earlier years only (:mod:`sprintmodel.forecast.intervals`).

The ratio rule is the yardstick (``mae_ratio`` = MAE ÷ the ratio rule's MAE on the same
rows). No clean real-time vintage exists for Chinese statistics: the outcomes and the
year-to-date figures are those in the folder, mixing first releases and revisions, so the
backtest measures accuracy against the folder's vintage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.errors import InputError
from sprintmodel.forecast.block import SeriesBlock
from sprintmodel.forecast.cache import block_key, cached_fit
from sprintmodel.forecast.config import ForecastConfig
from sprintmodel.forecast.engine import BlockFit, calibrate, fit_block, volatility_proxy
from sprintmodel.forecast.intervals import interval_probs
from sprintmodel.forecast.methods import METHODS, combination_members, resolve
from sprintmodel.results import Results
from sprintmodel.words.headers import header
from sprintmodel.words.periods import span_label
from sprintmodel.words.summaries import METHOD_NAMES, summary_text, word
from sprintmodel.ytd import FloatArray

ACCURACY_COLUMNS = [
    "indicator",
    "method",
    "n",
    "mae_growth_pp",
    "mae_ratio",
    "mape_level_pct",
    "mape_ratio",
    "coverage80",
    "coverage95",
]
"""Columns of :attr:`BacktestResult.table`."""

ERROR_COLUMNS = [
    "unit",
    "indicator",
    "year",
    "period",
    "method",
    "forecast_growth",
    "actual_growth",
    "error_pp",
    "level_error_pct",
    "lo80",
    "hi80",
    "lo95",
    "hi95",
]
"""Columns of :attr:`BacktestResult.errors` (one row per unit × indicator × year × method)."""


def _coverage_bounds(
    growth: FloatArray, sigma: FloatArray, z: FloatArray, level: float, cfg: ForecastConfig
) -> tuple[FloatArray, FloatArray]:
    """Intervals of every origin from the pooled standardised errors of earlier years."""
    from sprintmodel.forecast.engine import pooled_quantiles

    lo_p, hi_p = interval_probs(level)
    lo = np.full(growth.shape, np.nan)
    hi = np.full(growth.shape, np.nan)
    for y in range(growth.shape[1]):
        q = pooled_quantiles(z[:, :y], [lo_p, hi_p], cfg)
        lo[:, y] = growth[:, y] - sigma[:, y] * q[1]
        hi[:, y] = growth[:, y] - sigma[:, y] * q[0]
    return lo, hi


@dataclass(frozen=True, eq=False)
class BacktestResult(Results):
    """Rolling-origin accuracy of every method and the combination.

    Attributes
    ----------
    table
        :data:`ACCURACY_COLUMNS`, per indicator and ``overall`` (all indicators pooled).
    errors
        :data:`ERROR_COLUMNS`, every unit × indicator × year × method.
    years
        First and last year evaluated.
    as_of
        Description of the origin, e.g. ``Q3`` or ``month 9``.
    fits
        The fitted blocks.
    """

    table: pd.DataFrame
    errors: pd.DataFrame
    years: tuple[int, int]
    as_of: str
    fits: tuple[BlockFit, ...] = field(default=(), repr=False)

    def summary(self, lang: str = "en") -> str:
        """The accuracy table as text in ``lang``: English (the default) with the columns' and
        methods' codes, Chinese (``"zh"``) with headers, indicators and methods named."""
        zh = lang == "zh"
        head = summary_text(
            "backtest.head",
            lang,
            as_of=_origin_words(self.as_of, lang),
            first=self.years[0],
            last=self.years[1],
        )
        shown = self.table
        if zh:
            names = {f.block.indicator.code: f.block.indicator.label(lang) for f in self.fits}
            names["overall"] = summary_text("backtest.overall", lang)
            shown = shown.assign(
                indicator=[names.get(c, c) for c in shown.indicator],
                method=[word(METHOD_NAMES, m, lang) for m in shown.method],
            )
            if "origin" in shown.columns:
                shown = shown.assign(origin=[_origin_words(o, lang) for o in shown.origin])
            shown.columns = [header(c, lang) for c in shown.columns]
        with pd.option_context("display.unicode.east_asian_width", zh):
            table = shown.to_string(index=False, float_format=lambda v: f"{v:.3f}")
        return head + "\n" + table

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        """The table in a notebook, in English (the result carries no language; for Chinese,
        show :meth:`summary` with ``lang="zh"``)."""
        return f"<p><b>Backtest as of {self.as_of}, {self.years[0]}–{self.years[1]}</b></p>" + (
            self.table.to_html(index=False, float_format=lambda v: f"{v:.3f}")
        )

    def to_frame(self) -> pd.DataFrame:
        """The accuracy table (a copy)."""
        return self.table.copy()


def _origin_words(label: str, lang: str) -> str:
    """A backtest's origin (``Q3``, ``month 10`` or several, comma-separated) in ``lang``: the
    span of data it stands on in Chinese (前三季度, 1—10月), as it is in English."""
    if lang != "zh":
        return label
    out = []
    for part in label.split(", "):
        if part.startswith("Q") and part[1:].isdigit():
            out.append(span_label(f"2000Q{part[1:]}", lang))
        elif part.startswith("month ") and part[6:].isdigit():
            out.append(span_label(f"2000-{int(part[6:]):02d}", lang))
        else:
            out.append(part)
    return "、".join(out)


def _accuracy(errors: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for (ind, method), g in errors.groupby(["indicator", "method"], sort=False):
        ok = g.error_pp.notna()
        cov80 = ((g.actual_growth >= g.lo80) & (g.actual_growth <= g.hi80))[ok & g.lo80.notna()]
        cov95 = ((g.actual_growth >= g.lo95) & (g.actual_growth <= g.hi95))[ok & g.lo95.notna()]
        rows.append(
            {
                "indicator": ind,
                "method": method,
                "n": int(ok.sum()),
                "mae_growth_pp": float(g.error_pp.abs().mean()),
                "mape_level_pct": float(g.level_error_pct.abs().mean()),
                "coverage80": float(cov80.mean()) if len(cov80) else np.nan,
                "coverage95": float(cov95.mean()) if len(cov95) else np.nan,
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return pd.DataFrame(columns=ACCURACY_COLUMNS)
    ref = table[table.method == "ratio"].set_index("indicator")
    table["mae_ratio"] = table.mae_growth_pp / table.indicator.map(ref.mae_growth_pp)
    table["mape_ratio"] = table.mape_level_pct / table.indicator.map(ref.mape_level_pct)
    return table[ACCURACY_COLUMNS]


def block_errors(
    fit: BlockFit,
    years: tuple[int, int],
    config: ForecastConfig,
    units: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Error rows (:data:`ERROR_COLUMNS`) of every method and the combination of one fit."""
    from sprintmodel.periods import Period

    block, k = fit.block, fit.k
    sel_years = (block.years >= years[0]) & (block.years <= years[1])
    sel_units = np.array([units is None or u in units for u in block.units])
    actual_level = block.fy_level(k)
    proxy = volatility_proxy(block, k, config)
    labels = np.array([str(Period(int(y), k + 1, block.freq)) for y in block.years], dtype=object)
    frames = []
    candidates: list[tuple[str, FloatArray]] = [
        (name, fit.method_growth[j]) for j, name in enumerate(fit.methods)
    ]
    if len(fit.methods) > 1:
        candidates.append(("combination", fit.growth))
    for name, growth in candidates:
        if name == "combination":
            sigma, z = fit.sigma, fit.z
        else:
            sigma, z, _ = calibrate(growth - fit.actual_growth, proxy, config, k == block.steps - 1)
        lo80, hi80 = _coverage_bounds(growth, sigma, z, 0.80, config)
        lo95, hi95 = _coverage_bounds(growth, sigma, z, 0.95, config)
        level = fit.level(growth)
        with np.errstate(invalid="ignore", divide="ignore"):
            lvl_err = 100.0 * (level / actual_level - 1.0)
        uu, yy = np.nonzero(sel_units[:, None] & sel_years[None, :])
        frame = pd.DataFrame(
            {
                "unit": np.asarray(block.units, dtype=object)[uu],
                "indicator": block.indicator.code,
                "year": block.years[yy],
                "period": labels[yy],
                "method": name,
                "forecast_growth": growth[uu, yy],
                "actual_growth": fit.actual_growth[uu, yy],
                "error_pp": (growth - fit.actual_growth)[uu, yy],
                "level_error_pct": lvl_err[uu, yy],
                "lo80": lo80[uu, yy],
                "hi80": hi80[uu, yy],
                "lo95": lo95[uu, yy],
                "hi95": hi95[uu, yy],
            }
        )
        frames.append(frame[frame.error_pp.notna()])
    if not frames:
        return pd.DataFrame(columns=ERROR_COLUMNS)
    return pd.concat(frames, ignore_index=True)[ERROR_COLUMNS]


def _nowcast_errors(
    dataset: DataSet, rows: pd.DataFrame, month: int, members: Sequence[str] | None = None
) -> pd.DataFrame:
    """Error rows (:data:`ERROR_COLUMNS`) of the nowcast members and the nowcast of a
    quarterly block at a monthly origin (:func:`sprintmodel.forecast.nowcast.nowcast_rows`)."""
    from sprintmodel.forecast.nowcast import nowcast_rows

    base = rows[rows.method == "combination"]
    if base.empty:
        return pd.DataFrame(columns=ERROR_COLUMNS)
    out = nowcast_rows(dataset, base, month, members=members)
    return out[out.error_pp.notna()].reindex(columns=ERROR_COLUMNS)


def backtest(
    dataset: DataSet,
    years: tuple[int, int] | None = None,
    *,
    as_of_quarter: int = 3,
    month: int | None = None,
    methods: Sequence[str] | None = None,
    indicators: Sequence[str] | None = None,
    units: Sequence[str] | None = None,
    config: ForecastConfig | None = None,
    use_cache: bool = True,
    nowcast_members: Sequence[str] | None = None,
) -> BacktestResult:
    """Rolling-origin accuracy of every method and the combination.

    Parameters
    ----------
    dataset
        A loaded data folder (all of it: each origin uses only data published by then).
    years
        First and last year evaluated (default: every year with data).
    as_of_quarter
        Quarter of the origin (1-4); monthly series stand at its last month.
    month
        Origin month (1-12) for monthly series instead (quarterly series then stand at the
        last complete quarter; inside a quarter they also get ``bridge`` and ``nowcast``
        rows, :func:`sprintmodel.forecast.nowcast.nowcast_rows`).
    methods
        Members of the combination (default: :func:`combination_members`); every member is
        also reported on its own, with the ratio rule first.
    indicators, units
        Restrict the evaluation (default: all). Pooling still uses every unit.
    config
        Combination and interval settings.
    use_cache
        Reuse fitted blocks.
    nowcast_members
        Members of the nowcast inside a quarter (default
        :data:`sprintmodel.forecast.nowcast.DEFAULT_MEMBERS`; ``("bridge", "dfm")`` adds the
        dynamic factor model, :mod:`sprintmodel.forecast.dfm`), each judged against the base.

    Returns
    -------
    BacktestResult
    """
    cfg = config or ForecastConfig()
    if nowcast_members is not None:
        from sprintmodel.forecast.nowcast import MEMBERS

        unknown = [m for m in nowcast_members if m not in MEMBERS]
        if unknown:
            raise InputError(
                f"unknown nowcast member {unknown[0]!r}; the members are {', '.join(MEMBERS)}"
            )
    if not 1 <= as_of_quarter <= 4:
        raise InputError(f"--as-of-quarter must be 1-4, not {as_of_quarter}")
    if month is not None and not 1 <= month <= 12:
        raise InputError(f"month must be 1-12, not {month}")
    chosen = tuple(resolve(m) for m in methods) if methods else combination_members()
    if "combination" in chosen:
        chosen = tuple(m for m in chosen if m != "combination")
    chosen = ("ratio", *[m for m in chosen if m != "ratio"])
    for m in chosen:
        if m not in METHODS:
            raise InputError(f"unknown method {m!r}")
    codes = list(dataset.indicators) if indicators is None else list(indicators)
    obs_years = dataset.observations.year
    span = (int(obs_years.min()), int(obs_years.max())) if len(obs_years) else (0, 0)
    yrs = span if years is None else (int(years[0]), int(years[1]))
    if yrs[0] > yrs[1]:
        raise InputError(f"the first year {yrs[0]} is after the last {yrs[1]}")
    keys = dataset.series_keys
    frames = []
    fits = []
    for code in codes:
        if code not in dataset.indicators:
            raise InputError(f"unknown indicator {code!r}")
        for freq in ("Q", "M"):
            present = set(keys[(keys.indicator == code) & (keys.freq == freq)].unit)
            members = [u for u in dataset.hierarchy if u in present]
            if not members:
                continue
            if freq == "Q":
                k = (month // 3 if month is not None else as_of_quarter) - 1
                if k < 0:
                    continue
            else:
                k = (month if month is not None else as_of_quarter * 3) - 1
            block = SeriesBlock.from_dataset(dataset, code, freq, units=members)
            key = block_key(block, k, chosen, cfg)
            fit = cached_fit(key, partial(fit_block, block, k, chosen, cfg), use_cache=use_cache)
            fits.append(fit)
            frames.append(block_errors(fit, yrs, cfg, units))
            if freq == "Q" and month is not None and month % 3 and month > 3:
                # the bridge learns from every earlier year, not only the evaluated ones
                span_all = (int(block.years.min()), int(block.years.max()))
                now = _nowcast_errors(
                    dataset, block_errors(fit, span_all, cfg, units), month, nowcast_members
                )
                frames.append(now[now.year.between(*yrs)])
    errors = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=ERROR_COLUMNS)
    table = _accuracy(errors)
    if not errors.empty and errors.indicator.nunique() > 1:
        overall = _accuracy(errors.assign(indicator="overall"))
        table = pd.concat([table, overall], ignore_index=True)
    label = f"month {month}" if month is not None else f"Q{as_of_quarter}"
    return BacktestResult(table, errors, yrs, label, tuple(fits))


def q3_rule_scores(rows: pd.DataFrame, naive: pd.Series, root: str) -> dict[str, float]:
    """Accuracy of some error rows against the Q3 rule, GDP and its industries apart.

    Parameters
    ----------
    rows
        Error rows of one method at one origin (:data:`ERROR_COLUMNS`), the root's GDP and
        its industries as the root's member units (``DataSet.components_as_units``).
    naive
        The Q3 rule's forecast [%] ("full-year growth = Jan–Sep growth", the ``ratio`` rows at
        month 9), indexed by ``(unit, year)``.
    root
        The root unit (its rows are GDP; every other row an industry).

    Returns
    -------
    dict
        ``gdp_ratio`` and ``industries_ratio``: MAE of full-year growth ÷ the rule's on the same
        rows [1] (the industries pooled); ``coverage80``: share of outcomes inside the 80%
        interval where it is known; ``gdp_mae_pp``, ``gdp_naive_mae_pp`` [pp]; ``rows_gdp``,
        ``rows_industries``. The figures of ``benchmarks/bench_nowcast.py`` (issue 17).
    """
    rows = rows.assign(
        naive=naive.reindex(pd.MultiIndex.from_frame(rows[["unit", "year"]])).to_numpy()
    ).dropna(subset=["actual_growth", "forecast_growth", "naive"])
    ae = (rows.forecast_growth - rows.actual_growth).abs()
    ne = (rows.naive - rows.actual_growth).abs()
    gdp = rows.unit == root
    inside = (rows.actual_growth >= rows.lo80) & (rows.actual_growth <= rows.hi80)
    return {
        "gdp_ratio": round(float(ae[gdp].mean() / ne[gdp].mean()), 4),
        "industries_ratio": round(float(ae[~gdp].mean() / ne[~gdp].mean()), 4),
        "coverage80": round(float(inside[rows.lo80.notna()].mean()), 4),
        "gdp_mae_pp": round(float(ae[gdp].mean()), 4),
        "gdp_naive_mae_pp": round(float(ne[gdp].mean()), 4),
        "rows_gdp": int(gdp.sum()),
        "rows_industries": int((~gdp).sum()),
    }


ORIGIN_MONTHS = (9, 10, 11)
"""The sprint's origins: Q3 (Jan–Sep published, mid-October), October (mid-November) and
November (mid-December)."""


def backtest_origins(
    dataset: DataSet,
    years: tuple[int, int] | None = None,
    *,
    months: Sequence[int] = ORIGIN_MONTHS,
    methods: Sequence[str] | None = None,
    indicators: Sequence[str] | None = None,
    units: Sequence[str] | None = None,
    config: ForecastConfig | None = None,
    use_cache: bool = True,
    nowcast_members: Sequence[str] | None = None,
) -> BacktestResult:
    """:func:`backtest` at several origin months, one table.

    Parameters
    ----------
    dataset, years
        As for :func:`backtest`.
    months
        Origin months (default :data:`ORIGIN_MONTHS`: Q3, October, November).
    methods, indicators, units, config, use_cache, nowcast_members
        As for :func:`backtest`.

    Returns
    -------
    BacktestResult
        ``table`` and ``errors`` with a leading ``origin`` column (``month 9`` ...), in the
        order of ``months``; ``as_of`` lists the origins.
    """
    results = [
        backtest(
            dataset,
            years,
            month=int(m),
            methods=methods,
            indicators=indicators,
            units=units,
            config=config,
            use_cache=use_cache,
            nowcast_members=nowcast_members,
        )
        for m in months
    ]
    table = pd.concat([r.table.assign(origin=r.as_of) for r in results], ignore_index=True)
    errors = pd.concat([r.errors.assign(origin=r.as_of) for r in results], ignore_index=True)
    table = table[["origin", *ACCURACY_COLUMNS]]
    errors = errors[["origin", *[c for c in errors.columns if c != "origin"]]]
    label = ", ".join(r.as_of for r in results)
    fits = tuple(f for r in results for f in r.fits)
    return BacktestResult(table, errors, results[0].years, label, fits)
