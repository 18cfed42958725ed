"""Next year's investment plan by stage and funding source, and the share of the target covered.

Hand-worked on a three-project plan over the example city's hierarchy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.targets.plan_coverage import plan_coverage, register_stage, with_stages


@pytest.fixture(scope="module")
def city() -> sm.DataSet:
    return sm.example_city()


def test_coverage_by_hand(city: sm.DataSet) -> None:
    plan = pd.DataFrame(
        {
            "project": ["A", "B", "C"],
            "unit": ["CCQ", "CCQ", "GQQ"],
            "park": ["", "", "GXQ"],
            "stage": ["continuing", "reserve", "planned"],
            "funding_source": ["special_bonds", "bank_loan", ""],
            "plan_next_year": [10.0, 5.0, 20.0],
            "ready": ["yes", "no", "no"],
        }
    )
    targets = {
        ("fai", "JC"): (3.0, 100.0),
        ("fai", "CCQ"): (3.0, 50.0),
        ("fai", "GXQ"): (5.0, 40.0),
        ("gdp", "JC"): (5.0, 9999.0),  # another indicator: ignored
    }
    cov = plan_coverage(plan, city, targets, "fai").set_index(["unit", "by", "key"])
    # The city: 35 of 100 covered, gap 65; CCQ: 15 of 50 (continuing 10 → 20%, reserve 5 →
    # 10%), 10 of it ready, gap 35; the park GXQ holds C only: 20 of 40.
    assert cov.loc[("JC", "total", "all")].share_pct == pytest.approx(35.0)
    assert cov.loc[("JC", "total", "all")].gap == pytest.approx(65.0)
    assert cov.loc[("CCQ", "total", "all")].gap == pytest.approx(35.0)
    assert cov.loc[("CCQ", "total", "all")].plan_ready == pytest.approx(10.0)
    assert cov.loc[("CCQ", "stage", "continuing")].share_pct == pytest.approx(20.0)
    assert cov.loc[("CCQ", "stage", "reserve")].share_pct == pytest.approx(10.0)
    assert cov.loc[("CCQ", "stage", "planned")].plan_next_year == 0.0
    assert cov.loc[("GXQ", "total", "all")].share_pct == pytest.approx(50.0)
    assert cov.loc[("JC", "funding_source", "unknown")].plan_next_year == pytest.approx(20.0)
    assert np.isnan(cov.loc[("JC", "stage", "reserve")].gap)
    assert "gdp" not in set(cov.index.get_level_values("by"))


def test_register_stage() -> None:
    frame = pd.DataFrame({"planned_start": ["2025-03", "2026-11", "2027-02", ""]})
    assert list(register_stage(frame, 2027)) == [
        "continuing",
        "continuing",
        "new_start",
        "continuing",
    ]


def test_with_stages_appends_the_pipeline(city: sm.DataSet) -> None:
    plan = pd.DataFrame(
        {
            "project": ["JC-P036", "JC-P005"],
            "unit": ["CCQ", "GQQ"],
            "park": ["", "GXQ"],
            "plan_next_year": [10.0, 7.0],
            "plan_source": ["s_curve", "s_curve"],
            "at_risk": [False, True],
        }
    )
    out = with_stages(plan, city, 2027)
    assert city.pipeline is not None
    assert len(out) == 2 + len(city.pipeline)
    first = out.set_index("project").loc[["JC-P036", "JC-P005"]]
    assert list(first.stage) == ["continuing", "new_start"]  # JC-P005 starts 2027-02
    reg = city.projects.set_index("project")
    assert first.at["JC-P036", "funding_source"] == reg.at["JC-P036", "funding_source"]
    pipe = out[out.plan_source == "pipeline"]
    assert set(pipe.stage) == {"reserve", "planned"}
    raw = pd.read_csv(city.folder / "project_pipeline.csv", dtype=str)
    assert list(pipe.category) == list(raw.category)  # read row by row, none lost
    assert pipe.plan_next_year.sum() == pytest.approx(city.pipeline.plan_2027.sum())
    ready = (pipe[["land_ready", "eia_ready", "funds_ready"]] == "yes").all(axis=1)
    assert list(pipe.ready == "yes") == list(ready)
