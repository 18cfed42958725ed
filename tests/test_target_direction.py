"""Ceiling targets (``target_direction = at_most`` in indicators.csv): met at or below.

An unemployment rate "held within 5.5%" or energy use per unit of GDP is met when the year ends
at or *below* its target. The gap keeps its sign (full year minus target), so a positive gap
is the shortfall; P(meet) counts the draws at or below the target.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sprintmodel.data import load_folder, validate_folder
from sprintmodel.data.model import Indicator
from sprintmodel.errors import InputError
from sprintmodel.forecast import forecast
from sprintmodel.optimize.model import targets_for
from sprintmodel.optimize.problem import PackageProblem
from sprintmodel.scenario import ScenarioEngine
from sprintmodel.targets.options import probability_of_meeting, statistical_options

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example_city"


def _with_direction(tmp: Path, values: dict[str, str]) -> Path:
    shutil.copytree(EXAMPLE, tmp, ignore=shutil.ignore_patterns("scenarios"))
    ind = pd.read_csv(tmp / "indicators.csv", dtype=str, keep_default_na=False)
    ind["target_direction"] = [values.get(c, "") for c in ind.indicator]
    ind.to_csv(tmp / "indicators.csv", index=False)
    return tmp


def test_meets_and_short_by_hand() -> None:
    floor = Indicator("gdp")
    ceiling = Indicator("unemp", additive=False, target_direction="at_most")
    v = np.array([5.0, 5.5, 6.0, np.nan])
    assert floor.meets(v, 5.5).tolist() == [False, True, True, False]
    assert ceiling.meets(v, 5.5).tolist() == [True, True, False, False]
    assert floor.short([-0.2, 0.0, 0.3]).tolist() == [True, False, False]
    assert ceiling.short([-0.2, 0.0, 0.3]).tolist() == [False, False, True]


def test_column_is_optional_and_read_with_chinese_words(tmp_path: Path) -> None:
    data = load_folder(_with_direction(tmp_path / "f", {"fai": "以内", "retail": "at_least"}))
    assert data.indicators["fai"].ceiling and data.indicators["fai"].target_direction == "at_most"
    assert not data.indicators["retail"].ceiling and not data.indicators["gdp"].ceiling
    assert not load_folder(EXAMPLE).indicators["fai"].ceiling  # no column: floors


def test_a_wrong_word_names_file_row_and_column(tmp_path: Path) -> None:
    report, data = validate_folder(_with_direction(tmp_path / "f", {"fai": "below"}))
    assert data is None
    (p,) = report.errors
    assert (p.file, p.row, p.column) == ("indicators.csv", 4, "target_direction")
    assert "neither 'at_least' nor 'at_most'" in p.message and "at_most" in p.fix


def test_forecast_probability_is_the_share_below(tmp_path: Path) -> None:
    floor = forecast(load_folder(EXAMPLE), n_draws=1000, rng=2).to_frame()
    ceil_data = load_folder(_with_direction(tmp_path / "f", {"fai": "at_most"}))
    ceil = forecast(ceil_data, n_draws=1000, rng=2).to_frame()
    a = floor[floor.indicator == "fai"].set_index("unit")
    b = ceil[ceil.indicator == "fai"].set_index("unit")
    has = a.p_meet_target.notna()
    assert has.sum() >= 5
    np.testing.assert_allclose(b.fy_growth[has], a.fy_growth[has])  # same draws
    np.testing.assert_allclose(b.p_meet_target[has], 1.0 - a.p_meet_target[has], atol=1e-12)
    assert b.note.str.contains("ceiling target: meet = at or below it").all()
    assert not a.note.fillna("").str.contains("ceiling").any()
    other = floor.indicator != "fai"
    np.testing.assert_allclose(
        ceil.p_meet_target[other].to_numpy(), floor.p_meet_target[other].to_numpy()
    )


def test_scenario_probability_and_optimiser(tmp_path: Path) -> None:
    base = ScenarioEngine.build(load_folder(EXAMPLE), "2026Q3", n_draws=500, seed=1)
    data = load_folder(_with_direction(tmp_path / "f", {"fai": "at_most"}))
    eng = ScenarioEngine.build(data, "2026Q3", n_draws=500, seed=1)
    spec = eng.spec("bonds", levers={"special_bonds": 5})
    a = base.evaluate(spec).summary_frame().set_index(["unit", "indicator"])
    b = eng.evaluate(spec).summary_frame().set_index(["unit", "indicator"])
    key = ("JC", "fai")
    assert b.loc[key, "p_meet_target"] == pytest.approx(1.0 - a.loc[key, "p_meet_target"])
    with pytest.raises(InputError, match="ceiling target"):
        targets_for(eng, PackageProblem(indicators=("fai",)))


def test_next_year_options_for_a_ceiling_by_hand() -> None:
    draws = [4.0, 5.0, 6.0, 7.0]
    assert probability_of_meeting(draws, [5.0, 6.5], ceiling=True).tolist() == [0.5, 0.75]
    # Met with probability 0.75 at or below: the 0.75 quantile 6.25, rounded to 6.5 (P 0.75).
    (opt,) = statistical_options(draws, {"p75": 0.75}, 0.5, ceiling=True)
    assert opt["quantile_growth"] == pytest.approx(6.25)
    assert opt["target_growth"] == 6.5 and opt["probability"] == 0.75


def test_briefing_marks_a_ceiling_overshoot_as_bad(tmp_path: Path) -> None:
    from sprintmodel.briefing import formatting as fmt
    from sprintmodel.briefing.sections._common import _worse

    data = load_folder(_with_direction(tmp_path / "f", {"fai": "at_most"}))
    assert _worse(fmt.pp(0.3), data, "fai") and not _worse(fmt.pp(-0.3), data, "fai")
    assert _worse(fmt.pp(-0.3), data, "gdp") and not _worse(fmt.pp(0.3), data, "gdp")
    assert not _worse(fmt.pp(0.0), data, "fai") and not _worse(fmt.pp(float("nan")), data, "fai")
