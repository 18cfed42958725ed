"""As of January–February, quarterly series stand at last year's Q4: a finished year.

A 2026 lever must not move 2025's GDP, and 2026's target must not be set against 2025's
figure; the engine leaves such indicators out and says so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.briefing.api import brief
from sprintmodel.scenario import ScenarioEngine
from sprintmodel.words.notes import note_text

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example_city"


def test_finished_years_are_left_out_of_a_february_scenario() -> None:
    data = sm.example_city()
    engine = ScenarioEngine.build(data, "2026-02", n_draws=200, seed=3)
    assert "gdp" not in engine.plans and "fai" in engine.plans
    assert any(
        note_text(n, "en").startswith("gdp: no 2026 figures at 2026-02") for n in engine.notes
    )
    stale = [n for n in engine.notes if n.code == "scenario.indicator_stale"]
    assert {n["indicator"] for n in stale} == {"gdp", "iva", "exports", "jobs"} - set(engine.plans)
    assert all(n["year"] == 2026 and n["as_of_period"] == "2026-02" for n in stale)
    gdp = next(n for n in stale if n["indicator"] == "gdp")
    assert note_text(gdp, "zh", {"gdp": "地区生产总值"}) == (
        "地区生产总值：截至2026年2月尚无2026年数据（序列最新为2025年四季度），不纳入方案测算"
    )
    spec = engine.spec("bonds", levers={"special_bonds": 5})
    summary = engine.evaluate(spec).summary_frame()
    assert set(summary.indicator) == {"fai", "retail", "revenue"}
    assert (summary.period.astype(str) == "2026-02").all()
    assert summary.loc[summary.indicator == "fai", "delta_pp"].iloc[0] > 0


def test_a_september_scenario_keeps_every_indicator() -> None:
    engine = ScenarioEngine.build(sm.example_city(), "2026Q3", n_draws=200, seed=3)
    assert {"gdp", "iva", "fai", "retail", "revenue", "exports", "jobs"} <= set(engine.plans)
    assert not any("left out of the scenario" in note_text(n, "en") for n in engine.notes)


def _cut_to_february(tmp: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp, ignore=shutil.ignore_patterns("scenarios"))
    obs = pd.read_csv(tmp / "observations.csv", dtype=str, keep_default_na=False)
    year = obs.period.str[:4].astype(int)
    obs[(year < 2026) | (obs.period.isin(["2026-01", "2026-02"]))].to_csv(
        tmp / "observations.csv", index=False
    )
    return tmp


def test_a_february_briefing_marks_last_years_columns(tmp_path: Path) -> None:
    run = brief(data=_cut_to_february(tmp_path / "f"), draws=200, charts=False, progress=False)
    tables = {tb.key: tb for tb in run.model.tables()}
    head = tables["headline"]
    assert [str(r[0]) for r in head.rows] == [
        "固定资产投资（亿元）",
        "社会消费品零售总额（亿元）",
        "一般公共预算收入（亿元）",
    ]
    headers = [c.header for c in tables["league_growth"].columns]
    assert "地区生产总值（2025年1—12月）" in headers and "固定资产投资" in headers


def test_february_targets_say_what_the_first_half_needs(tmp_path: Path) -> None:
    from sprintmodel.data import load_folder
    from sprintmodel.targets import draft_targets

    result = draft_targets(load_folder(_cut_to_february(tmp_path / "f")), n_draws=300)
    text = repr(result)
    assert "nan" not in text.lower()
    assert "gdp (上半年需完成" in text or "gdp (H1 needs" in text


def test_optimising_a_finished_year_says_why() -> None:
    from sprintmodel.errors import InputError
    from sprintmodel.optimize.model import targets_for
    from sprintmodel.optimize.problem import PackageProblem

    engine = ScenarioEngine.build(sm.example_city(), "2026-02", n_draws=200, seed=3)
    with pytest.raises(InputError, match="'gdp' has no 2026 figures as of 2026-02"):
        targets_for(engine, PackageProblem(indicators=("gdp",)))


def test_february_package_falls_back_from_gdp_to_a_monthly_target() -> None:
    from sprintmodel.briefing.sections.package import _package_indicators

    feb = ScenarioEngine.build(sm.example_city(), "2026-02", n_draws=200, seed=3)
    sep = ScenarioEngine.build(sm.example_city(), "2026Q3", n_draws=200, seed=3)
    assert _package_indicators(sep) == ("gdp",)
    assert _package_indicators(feb) == ("fai",)  # the first indicator with a city target
