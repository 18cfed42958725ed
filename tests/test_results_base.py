"""Every results object shares one small base: summary() text, to_frame(), _repr_html_, write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from sprintmodel.forecast.backtest import BacktestResult
from sprintmodel.forecast.result import ForecastResult
from sprintmodel.league.odds import RankOdds
from sprintmodel.league.table import LeagueTable
from sprintmodel.optimize.results import OptimizationResult
from sprintmodel.optimize.sensitivity import Tornado
from sprintmodel.results import Results
from sprintmodel.scenario.results import ScenarioResult
from sprintmodel.targets.allocation import Allocation
from sprintmodel.targets.calibration import CalibrationResult
from sprintmodel.targets.nextyear import NextYearDraws
from sprintmodel.targets.result import TargetsResult
from sprintmodel.targets.trend import TrendFit

RESULTS = [
    ForecastResult,
    BacktestResult,
    ScenarioResult,
    OptimizationResult,
    Tornado,
    LeagueTable,
    RankOdds,
    TargetsResult,
    Allocation,
    NextYearDraws,
    CalibrationResult,
    TrendFit,
]


@pytest.mark.parametrize("cls", RESULTS, ids=lambda c: c.__name__)
def test_every_results_class_uses_the_base(cls: type) -> None:
    assert issubclass(cls, Results)
    for name in ("summary", "to_frame", "_repr_html_", "write"):
        assert callable(getattr(cls, name))
    # each implements the two abstract methods itself
    assert cls.summary is not Results.summary
    assert cls.to_frame is not Results.to_frame


@dataclass(frozen=True)
class _Toy(Results):
    growth: float

    file_stem = "toy"

    def summary(self) -> str:
        return f"Toy result: growth {self.growth:.1f}%\nsecond line"

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"unit": ["JC"], "growth": [self.growth]})


def test_the_base_writes_the_table_and_the_text(tmp_path: Path) -> None:
    toy = _Toy(1 / 3)
    out = toy.write(tmp_path / "new")
    assert (out / "toy.csv").read_text(encoding="utf-8") == "unit,growth\nJC,0.3333333333\n"
    assert (out / "toy.txt").read_text(encoding="utf-8") == toy.summary() + "\n"
    html = toy._repr_html_()
    assert html.startswith("<p><b>Toy result: growth 0.3%</b></p><table")
    assert "0.33" in html and "second line" not in html


def test_scenario_summary_is_text_and_its_table_is_summary_frame() -> None:
    from sprintmodel.datasets import example_city
    from sprintmodel.scenario import ScenarioEngine, ScenarioSpec

    engine = ScenarioEngine.build(example_city(), "2026Q3", n_draws=200, seed=0)
    res = engine.evaluate(ScenarioSpec(name="plain", as_of="2026Q3", draws=200))
    text = res.summary()
    assert isinstance(text, str) and text == repr(res)
    assert text.startswith("ScenarioResult 'plain' as of 2026Q3: 200 draws, seed 0, levers none")
    frame = res.summary_frame()
    assert list(frame.columns[:3]) == ["unit", "indicator", "period"]
    assert (frame.delta_pp == 0).all()  # no levers: no change from the baseline
