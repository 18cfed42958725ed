"""Time progress (时序进度), by hand."""

import numpy as np
import pytest

from sprintmodel.progress import time_progress


def test_behind_schedule_by_hand() -> None:
    # Plan 1200, 810 done after Q3: 67.5% against 75% elapsed, 7.5 points behind, 390 in Q4.
    tp = time_progress(810.0, 1200.0, 3, 4)
    assert float(tp.completion_pct) == pytest.approx(67.5)
    assert float(tp.elapsed_pct) == pytest.approx(75.0)
    assert float(tp.points_ahead) == pytest.approx(-7.5)
    assert float(tp.needed_per_period) == pytest.approx(390.0)


def test_monthly_and_year_end() -> None:
    tp = time_progress(np.array([100.0, 130.0]), 120.0, np.array([10, 12]), 12)
    np.testing.assert_allclose(tp.needed_per_period[0], 10.0)
    assert np.isnan(tp.needed_per_period[1])
    np.testing.assert_allclose(tp.points_ahead, [0.0, 130 / 1.2 - 100], atol=1e-9)
