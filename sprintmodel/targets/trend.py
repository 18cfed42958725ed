"""Trend growth for next year: a local-level model of each unit's annual growth (statsmodels).

Each unit's annual growth [%] is modelled as a slowly wandering level plus noise,

.. math:: g_t = \\mu_t + \\varepsilon_t, \\qquad \\mu_{t+1} = \\mu_t + \\eta_t, \\qquad
          \\varepsilon_t \\sim N(0, s), \\; \\eta_t \\sim N(0, q s)

(statsmodels ``UnobservedComponents(level="llevel")``; equivalent to an ARIMA(0,1,1) of growth
and to simple exponential smoothing with a gain that settles at
:math:`\\alpha = (\\sqrt{q^2 + 4q} - q)/2`). The signal-to-noise ratio :math:`q` is set
(``TargetConfig.level_ratio``, default 1: gain 0.62) or, on request, estimated once per
indicator by **pooled** maximum likelihood over the indicator's units (each unit keeps its own
scale :math:`s_u`, concentrated out). The estimate is not the default: on ten annual growth
rates it piles up at the bounds (Shephard and Harvey 1990): on the example city at the upper
bound (a random walk, which carries the 2020 shock whole into 2021) in the drafts of 2021 and 2022
and near the lower bound (a fixed mean, which returns to the growth of a decade ago) from 2023 on,
and the drafts were too optimistic (``benchmarks/bench_targets_calibration.py``,
``previous_model_example_hit_rates``). The series ends with this year's projected growth (the
median of the full-year draws); its weight in the forecast (the last Kalman gain) carries each
draw's deviation from that median into next year.

The one-step-ahead standardised innovations :math:`v_t/\\sqrt{F_t}` of the history are kept:
draws of next year's trend resample them (pooled over the indicator's units, one past year per
draw for all units) rather than assume normal errors, so the heavy tails of regional statistics
(2009, 2020) are kept.

References
----------
Shephard, N. and Harvey, A. C. (1990). On the probability of estimating a deterministic
component in the local level model. *Journal of Time Series Analysis* 11(4), 339-347.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import optimize

from sprintmodel.results import Results
from sprintmodel.words.summaries import joined, summary_text, word
from sprintmodel.words.target_notes import TREND_METHODS as TREND_WORDS

if TYPE_CHECKING:
    import pandas as pd

TREND_METHODS = ("local level", "mean (short history)", "none")
"""Per-unit trend methods: the pooled local-level model, the mean of a short history, none."""

DEFAULT_SE_PP = 3.0
"""Standard error of next year's growth where no unit of the indicator has enough history [pp].
Assumption: a typical spread of Chinese districts' annual growth (as
``ForecastConfig.default_rest_sd``)."""


@dataclass(frozen=True, eq=False)
class TrendFit(Results):
    """Next year's trend growth of several units (one indicator).

    Attributes
    ----------
    units
        Unit codes.
    mean
        Forecast of next year's growth given the history and this year's central growth [%]
        (units,); NaN where a unit has no growth at all.
    se
        Standard error of that forecast [pp] (units,): level uncertainty plus next year's noise.
    last_weight
        ``∂ mean / ∂ g_this_year`` [1] (units,): how much of a draw's deviation from this year's
        central growth carries into next year's trend.
    innovations
        Standardised one-step-ahead errors of the history (units × years) [1]; NaN where none.
    years
        Calendar years of the history axis.
    ratio
        The pooled signal-to-noise ratio ``q`` [1] (NaN when no unit had enough history).
    scale
        Each unit's irregular variance ``s_u`` [pp²] (NaN for units not fitted).
    n_years
        Published annual growth rates used per unit [count].
    methods
        Per unit, one of :data:`TREND_METHODS`.
    history
        The published annual growth the model saw [%] (units × years).
    """

    units: tuple[str, ...]
    mean: np.ndarray
    se: np.ndarray
    last_weight: np.ndarray
    innovations: np.ndarray
    years: np.ndarray
    ratio: float
    scale: np.ndarray
    n_years: np.ndarray
    methods: tuple[str, ...]
    history: np.ndarray

    def __repr__(self) -> str:
        return self.summary()

    def summary(self, lang: str = "en") -> str:
        """One line: units, the signal-to-noise ratio, the gain and the methods used, in
        ``lang`` (English by default, ``"zh"`` Chinese)."""
        methods = sorted(set(self.methods))
        shown = (
            joined([word(TREND_WORDS, m, lang) for m in methods], lang)
            if lang == "zh"
            else str(methods)
        )
        return summary_text(
            "trend.head", lang, n=len(self.units), q=self.ratio, gain=self.gain, methods=shown
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per unit: ``mean`` [%], ``se`` [pp], ``last_weight``, ``n_years``, ``method``."""
        import pandas as pd

        return pd.DataFrame(
            {
                "unit": self.units,
                "mean": self.mean,
                "se": self.se,
                "last_weight": self.last_weight,
                "n_years": self.n_years,
                "method": self.methods,
            }
        )

    @property
    def gain(self) -> float:
        """Steady-state smoothing gain ``α`` implied by :attr:`ratio` [0-1]."""
        q = self.ratio
        if not np.isfinite(q):
            return float("nan")
        return (math.sqrt(q * q + 4.0 * q) - q) / 2.0

    def pool(self) -> np.ndarray:
        """Every finite standardised innovation, flattened."""
        z = self.innovations[np.isfinite(self.innovations)]
        return np.asarray(z, dtype=np.float64)

    def sample(
        self, n_draws: int, rng: np.random.Generator, bandwidth: float | None = None
    ) -> np.ndarray:
        """Standardised errors (draws × units), jointly drawn across units.

        Each draw picks one past year; every unit takes its own standardised innovation of that
        year (a random one from the pool where it has none), plus Gaussian jitter of relative
        size ``h`` (Silverman's ``1.06 n^(-1/5)`` by default), rescaled to unit variance:
        :math:`z = (z^* + h\\,\\xi)/\\sqrt{1 + h^2}`. With fewer than 8 pooled innovations,
        Student-t(4) errors scaled to unit variance are drawn instead (an assumption: wider
        tails than the normal for an untested distribution).
        """
        n_units = len(self.units)
        pool = self.pool()
        if pool.size < 8:
            t = rng.standard_t(4.0, size=(n_draws, n_units))
            return np.asarray(t / math.sqrt(2.0), dtype=np.float64)
        z = self.innovations
        cols = np.flatnonzero(np.isfinite(z).any(axis=0))
        pick = cols[rng.integers(0, cols.size, size=n_draws)]
        out = z[:, pick].T.copy()  # draws × units
        gaps = ~np.isfinite(out)
        if gaps.any():
            out[gaps] = pool[rng.integers(0, pool.size, size=int(gaps.sum()))]
        sd = float(np.std(pool)) or 1.0
        out = out / sd
        h = 1.06 * pool.size ** (-0.2) if bandwidth is None else float(bandwidth)
        out = (out + h * rng.standard_normal(out.shape)) / math.sqrt(1.0 + h * h)
        return np.asarray(out, dtype=np.float64)


def _trim(y: np.ndarray) -> np.ndarray:
    """``y`` from its first finite value on."""
    ok = np.flatnonzero(np.isfinite(y))
    return y[ok[0] :] if ok.size else y[:0]


def _model(y: np.ndarray) -> Any:
    from statsmodels.tsa.statespace.structural import UnobservedComponents

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return UnobservedComponents(y, level="llevel")


def _filter(mod: Any, ratio: float, scale: float = 1.0) -> Any:
    """Kalman filter of the local-level model with variances ``(scale, ratio × scale)``."""
    mod.update(np.array([scale, ratio * scale]))
    return mod.ssm.filter()


def _concentrated(mod: Any, y: np.ndarray, ratio: float) -> tuple[float, float, int]:
    """Concentrated log-likelihood of the history (this year excluded), its scale and size.

    With unit irregular variance the filter gives innovations ``v_t`` and variances ``F_t``;
    the likelihood is maximised over the scale at ``s = mean(v_t² / F_t)``, giving
    ``-n/2 (log 2π + 1 + log s) - 1/2 Σ log F_t``. The first observation (diffuse) and the
    appended current year are left out.
    """
    res = _filter(mod, ratio)
    v = np.asarray(res.forecasts_error[0], dtype=np.float64)
    f = np.asarray(res.forecasts_error_cov[0, 0], dtype=np.float64)
    valid = np.isfinite(y).copy()
    first = int(np.argmax(valid))
    valid[first] = False
    valid[-1] = False  # this year's projection is not an observation
    n = int(valid.sum())
    if n == 0:
        return 0.0, float("nan"), 0
    s = float(np.mean(v[valid] ** 2 / f[valid]))
    s = max(s, 1e-12)
    ll = -0.5 * n * (math.log(2.0 * math.pi) + 1.0 + math.log(s)) - 0.5 * float(
        np.sum(np.log(f[valid]))
    )
    return ll, s, n


def fit_trend(
    history: np.ndarray,
    this_year: np.ndarray,
    *,
    units: tuple[str, ...],
    years: np.ndarray,
    min_history: int = 3,
    ratio: float | None = None,
    ratio_bounds: tuple[float, float] = (1e-3, 1e3),
) -> TrendFit:
    """Fit the pooled local-level model and forecast next year's growth of every unit.

    Parameters
    ----------
    history
        Published annual growth [%] (units × years), NaN where unknown; the years before this
        year.
    this_year
        This year's projected growth [%] (units,), e.g. the median of the full-year draws.
    units
        Unit codes (rows).
    years
        Calendar years of ``history``'s columns.
    min_history
        Fewest published growth rates for a unit's own model [years].
    ratio
        The signal-to-noise ratio ``q`` [1]; None estimates it by pooled maximum likelihood.
    ratio_bounds
        Search range of ``q`` when it is estimated [1].

    Returns
    -------
    TrendFit

    Notes
    -----
    Given ``ratio``, no estimation is done. Otherwise the pooled ratio maximises :math:`\\sum_u \\ell_u(q)`, each unit's likelihood concentrated
    over its scale (``scipy.optimize.minimize_scalar`` on :math:`\\log q`). Each unit's forecast
    is the filtered level after this year, :math:`\\hat g_{T+1} = a_{T+1}`, with variance
    :math:`P_{T+1} + s_u` (level uncertainty and next year's noise). Units with fewer than
    ``min_history`` years get the mean of their last (up to) three values including this year,
    with the median standard error of the fitted units (or :data:`DEFAULT_SE_PP`).
    """
    hist = np.asarray(history, dtype=np.float64)
    cur = np.asarray(this_year, dtype=np.float64)
    n_units = hist.shape[0]
    n_years = np.isfinite(hist).sum(axis=1)
    series = [_trim(np.r_[hist[u], cur[u]]) for u in range(n_units)]
    fitted = [u for u in range(n_units) if n_years[u] >= min_history and np.isfinite(cur[u])]
    models = {u: _model(series[u]) for u in fitted}
    lo, hi = ratio_bounds
    ratio = float("nan") if ratio is None else float(ratio)
    if fitted and not np.isfinite(ratio):

        def neg(logq: float) -> float:
            q = math.exp(logq)
            return -sum(_concentrated(models[u], series[u], q)[0] for u in fitted)

        opt = optimize.minimize_scalar(
            neg, bounds=(math.log(lo), math.log(hi)), method="bounded", options={"xatol": 1e-3}
        )
        ratio = float(math.exp(opt.x))
    mean = np.full(n_units, np.nan)
    se = np.full(n_units, np.nan)
    weight = np.zeros(n_units)
    scale = np.full(n_units, np.nan)
    innov = np.full(hist.shape, np.nan)
    methods = ["none"] * n_units
    for u in fitted:
        y = series[u]
        _, s, _ = _concentrated(models[u], y, ratio)
        res = _filter(models[u], ratio, s)
        mean[u] = float(res.predicted_state[0, -1])
        se[u] = math.sqrt(float(res.predicted_state_cov[0, 0, -1]) + s)
        weight[u] = float(res.kalman_gain[0, 0, -1])
        v = np.asarray(res.forecasts_error[0], dtype=np.float64)
        f = np.asarray(res.forecasts_error_cov[0, 0], dtype=np.float64)
        z = np.where(np.isfinite(y), v / np.sqrt(f), np.nan)
        z[int(np.argmax(np.isfinite(y)))] = np.nan  # diffuse first observation
        z = z[:-1]  # this year's projection
        innov[u, hist.shape[1] - z.size :] = z
        scale[u] = s
        methods[u] = "local level"
    pooled_se = float(np.nanmedian(se)) if np.isfinite(se).any() else DEFAULT_SE_PP
    for u in range(n_units):
        if methods[u] != "none":
            continue
        known = series[u][np.isfinite(series[u])]
        if known.size == 0:
            continue
        mean[u] = float(np.mean(known[-3:]))
        last3 = known[-3:]
        weight[u] = 1.0 / last3.size if np.isfinite(cur[u]) else 0.0
        se[u] = pooled_se
        methods[u] = "mean (short history)"
    return TrendFit(
        units=tuple(units),
        mean=mean,
        se=se,
        last_weight=weight,
        innovations=innov,
        years=np.asarray(years),
        ratio=ratio,
        scale=scale,
        n_years=n_years,
        methods=tuple(methods),
        history=hist,
    )


__all__ = ["DEFAULT_SE_PP", "TREND_METHODS", "TrendFit", "fit_trend"]
