"""Intervals from a short history: one or two past years must not give impossible ranges.

With one past year every unit's backtest error comes from the same year (one common shock):
its empirical quantiles can all lie on one side of zero and its calibration factor can be
tiny. Before the fix the example city cut to 2025–2026 forecast JC's GDP at 5.391% with an 80%
interval of [5.363, 5.377], which misses its own point.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from sprintmodel.data import load_folder
from sprintmodel.forecast import forecast
from sprintmodel.forecast.config import ForecastConfig
from sprintmodel.forecast.engine import calibrate, pool_years, pooled_quantiles

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example_city"


def _cut(tmp: Path, first_year: int) -> Path:
    shutil.copytree(EXAMPLE, tmp, ignore=shutil.ignore_patterns("scenarios", "*.yaml"))
    obs = pd.read_csv(tmp / "observations.csv", dtype=str, keep_default_na=False)
    obs[obs.period.str[:4].astype(int) >= first_year].to_csv(tmp / "observations.csv", index=False)
    return tmp


@pytest.mark.parametrize("first_year", [2025, 2024])
def test_intervals_hold_their_point_with_two_or_three_years(
    tmp_path: Path, first_year: int
) -> None:
    data = load_folder(_cut(tmp_path / "f", first_year))
    frame = forecast(data, n_draws=500).to_frame()
    ok = frame.dropna(subset=["fy_growth_lo80", "fy_growth_hi80"])
    assert len(ok) >= 60
    assert (ok.fy_growth_lo80 <= ok.fy_growth + 1e-9).all()
    assert (ok.fy_growth <= ok.fy_growth_hi80 + 1e-9).all()
    # Not pinned to the point: the 80% range of every series is at least 0.1 pp wide.
    assert ((ok.fy_growth_hi80 - ok.fy_growth_lo80) >= 0.1).all()


def test_one_year_of_errors_gives_student_t_quantiles() -> None:
    cfg = ForecastConfig()
    z = np.full((12, 5), np.nan)
    z[:, 3] = np.linspace(0.5, 2.0, 12)  # twelve units, one year, all one sign
    assert pool_years(z) == 1
    q = pooled_quantiles(z, [0.1, 0.9], cfg)
    np.testing.assert_allclose(q, stats.t.ppf([0.1, 0.9], cfg.fallback_df))
    z[:, 1] = -np.linspace(0.5, 2.0, 12)
    z[:, 2] = 0.1
    assert pool_years(z) == 3
    np.testing.assert_allclose(pooled_quantiles(z, [0.5], cfg), np.quantile(z[:, 1:4], 0.5))


def test_calibration_factor_is_shrunk_toward_one_by_years() -> None:
    # Two units, three years; errors equal to half the proxy in year 0 only: the observed
    # factor is 0.25 after year 0, and with the prior of 2 years (1 * 0.25 + 2) / 3 = 0.75.
    cfg = ForecastConfig(pool_years=0.0)
    proxy = np.ones((2, 3))
    error = np.array([[0.5, np.nan, np.nan], [0.5, np.nan, np.nan]])
    sigma, _, _ = calibrate(error, proxy, cfg)
    # Year 1's scale: own mean square 0.25 has weight n_u = 1 against pool_years = 0.
    np.testing.assert_allclose(sigma[:, 1], 0.5)
    cfg = ForecastConfig(pool_years=1e9)  # all weight on the calibrated proxy
    sigma, _, _ = calibrate(error, proxy, cfg)
    np.testing.assert_allclose(sigma[:, 0], 1.0)  # no past year: factor 1
    np.testing.assert_allclose(sigma[:, 1] ** 2, 0.75, rtol=1e-6)
    np.testing.assert_allclose(sigma[:, 2] ** 2, 0.75, rtol=1e-6)  # year 1 had no errors
