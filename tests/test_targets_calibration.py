"""Are the probabilities calibrated? A 70% target is met about 70% of the time in past years.

Backtests draft each past year's targets as of the third quarter of the year before, with only
the data published by then. Units of one year share shocks, so the tolerance is the hit rate's
99% band with standard errors clustered by year (honest about 8 years of the example city), and
for the 20 years of national data also a fixed ±12 points.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.targets import calibrate
from sprintmodel.targets.calibration import CalibrationResult

CHECKED = (0.8, 0.7, 0.5, 0.3)


def test_clustered_hit_rate_hand_calculation() -> None:
    # Two years: 3 of 4 hits, then 1 of 2; rate 4/6; residuals by year 3 - 4·(2/3) = 1/3 and
    # 1 - 2·(2/3) = -1/3, so se = sqrt(2/9) / 6.
    rec = pd.DataFrame(
        {
            "unit": list("ABCDAB"),
            "indicator": "gdp",
            "year": [2020] * 4 + [2021] * 2,
            "realised": 1.0,
            "p50": 0.0,
            "hit_p70": [True, True, True, False, True, False],
        }
    )
    t = CalibrationResult(rec, (0.7,)).table()
    row = t.iloc[0]
    assert row.hit_rate == pytest.approx(4 / 6)
    assert row.se == pytest.approx(np.sqrt(2 / 9) / 6)
    assert row.n == 6 and row.n_years == 2 and row.mae_p50 == 1.0


@pytest.mark.slow
def test_national_gdp_probabilities_are_calibrated() -> None:
    cal = calibrate(sm.china_national(), (2006, 2025), indicators=["gdp"], n_draws=150)
    t = cal.table().set_index("p")
    assert t.loc[0.5, "n"] >= 200 and t.loc[0.5, "n_years"] == 20
    for p in CHECKED:
        row = t.loc[p]
        assert row.lo99 <= p <= row.hi99, (p, row.hit_rate)
        assert abs(row.hit_rate - p) <= 0.12, (p, row.hit_rate)


@pytest.mark.slow
def test_example_city_probabilities_within_small_sample_bands() -> None:
    cal = calibrate(
        sm.example_city(), (2018, 2025), indicators=["gdp", "retail", "revenue"], n_draws=200
    )
    t = cal.table().set_index("p")
    assert t.loc[0.5, "n_years"] == 8
    for p in CHECKED:
        row = t.loc[p]
        assert row.lo99 <= p <= row.hi99, (p, row.hit_rate)
    # Hit rates fall as the design probability falls.
    rates = t.sort_index().hit_rate.to_numpy()
    assert np.all(np.diff(rates) >= -1e-12)
