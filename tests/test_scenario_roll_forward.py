"""Scenarios roll forward: written at 2026Q3, run as of 2026-10 (October's figures are out)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import sprintmodel as sm
from sprintmodel.cli import app
from sprintmodel.errors import InputError
from sprintmodel.scenario import LeverSet, ScenarioEngine, ScenarioSpec
from sprintmodel.scenario.spec import resolve
from sprintmodel.words.notes import note_text

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "data" / "example_city" / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def city() -> sm.DataSet:
    return sm.example_city()


@pytest.fixture(scope="module")
def levers() -> LeverSet:
    return LeverSet.from_yaml(ROOT / "data" / "example_city" / "levers.yaml")


def test_the_example_city_has_october_for_its_monthly_series(city: sm.DataSet) -> None:
    assert str(city.latest_period) == "2026-10"
    oct_rows = city.observations[city.observations.period == "2026-10"]
    assert set(oct_rows.indicator) == {"fai", "retail", "revenue"}
    assert city.observations[city.observations.freq == "Q"].period.max() == "2026Q3"


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
@pytest.mark.parametrize("as_of", ["2026Q3", "2026-10"])
def test_shipped_scenarios_resolve_at_q3_and_october(
    city: sm.DataSet, levers: LeverSet, path: Path, as_of: str
) -> None:
    spec = ScenarioSpec.from_yaml(path).at(as_of)
    res = resolve(spec, city, levers)
    if as_of == "2026Q3":
        assert spec.written_as_of is None and not res.notes
    else:
        assert str(spec.written_as_of) == "2026Q3"


def test_full_sprint_at_october_notes_each_passed_date(city: sm.DataSet, levers: LeverSet) -> None:
    spec = ScenarioSpec.from_yaml(ROOT / "data/example_city/scenarios/full_sprint.yaml")
    res = resolve(spec.at("2026-10"), city, levers)
    notes = "\n".join(note_text(n, "en") for n in res.notes)
    # JC-P001's production (2026-10) and JC-P030's entry (2026-10) have come: as planned.
    assert "JC-P001: production (2026-10) has come by 2026-10" in notes
    assert "JC-P030: entry (2026-10) has come by 2026-10" in notes
    # JC-P005 was pulled to 2026-10 (planned 2027-02, shift -4): now November at the earliest.
    assert "JC-P005: start moved to 2026-11" in notes
    i = list(res.lever_start)
    assert res.shift[_index(city, "JC-P005")] == -3  # 2027-02 → 2026-11
    # Levers without a start began in October (the month after 2026Q3), one note each.
    for lever in ("special_bonds", "policy_financing", "enterprise_support", "export_support"):
        assert res.lever_start[lever] == 10 and f"lever {lever}: started in 2026-10" in notes
    assert res.lever_start["consumption_vouchers"] == 11  # still to come
    started = {n["lever"]: n for n in res.notes if n.code == "scenario.lever_started_after_written"}
    assert started["enterprise_support"].args == {
        "lever": "enterprise_support",
        "start_month": "2026-10",
        "written_period": "2026Q3",
    }
    came = {n["project"]: n.args for n in res.notes if n.code == "scenario.project_date_came"}
    assert came == {
        "JC-P001": {
            "project": "JC-P001",
            "action": "production",
            "date_month": "2026-10",
            "data_month": "2026-10",
        },
        "JC-P030": {
            "project": "JC-P030",
            "action": "entry",
            "date_month": "2026-10",
            "data_month": "2026-10",
        },
    }
    assert len(res.notes) == 7 and len(i) == 5  # land_acceleration acts on dates


def _index(city: sm.DataSet, code: str) -> int:
    return int(np.flatnonzero(city.projects.project.to_numpy() == code)[0])


def test_a_passed_lever_start_counts_only_what_the_data_do_not_hold(levers: LeverSet) -> None:
    # Vouchers land 70% in the month of issue and 30% the month after (levers.yaml).
    t = levers["consumption_vouchers"].timing
    assert t.share(10) == pytest.approx(1.0)
    assert t.share(10, 9) == t.share(10)  # origin before the start: all of it
    assert t.share(10, 10) == pytest.approx(0.3)  # October's 70% is in October's data
    assert t.share(12, 10) == pytest.approx(0.7)  # December issue: December's 70% only
    assert t.share(10, 12) == pytest.approx(0.0)


def test_october_vouchers_count_30_percent_for_retail_and_all_for_gdp(
    city: sm.DataSet, levers: LeverSet
) -> None:
    # Issued in October, written at Q3. As of 2026-10 October's retail figures hold the 70%
    # spent in October; GDP (quarterly, standing at Q3) holds none of it.
    spec = ScenarioSpec.from_dict(
        {
            "name": "v",
            "as_of": "2026Q3",
            "draws": 200,
            "seed": 1,
            "levers": {"consumption_vouchers": {"intensity": 1.0, "start": "2026-10"}},
        }
    )
    change = {}
    for as_of in ("2026Q3", "2026-10"):
        eng = ScenarioEngine.build(city, as_of, levers=levers, n_draws=200, seed=1)
        att = eng.evaluate(spec.at(as_of)).attribution()
        att = att[(att.unit == "JC") & (att.component == "consumption_vouchers")]
        change[as_of] = att.set_index("indicator").delta_value
    assert change["2026Q3"]["retail"] > 0
    assert change["2026-10"]["retail"] == pytest.approx(0.3 * change["2026Q3"]["retail"])
    # GDP takes the whole effect at both origins; through its industries the channel's
    # coefficient is valued at the source's prices, which October's data move by a few 1e-6
    # (an effect of 30% or 70% would be off by a factor, far outside this tolerance)
    assert change["2026-10"]["gdp"] == pytest.approx(change["2026Q3"]["gdp"], rel=1e-4)


def test_a_date_already_past_when_written_is_still_an_error(
    city: sm.DataSet, levers: LeverSet
) -> None:
    spec = ScenarioSpec.from_dict(
        {
            "name": "t",
            "as_of": "2026-10",
            "projects": [{"project": "JC-P001", "production": "2026-11"}],
        }
    )
    with pytest.raises(InputError, match="already happened"):
        resolve(spec, city, levers)
    # The same date, written at Q3 and run at October, is a note.
    rolled = ScenarioSpec.from_dict({**spec.to_dict(), "as_of": "2026Q3"}).at("2026-10")
    assert "has come by 2026-10" in "\n".join(
        note_text(n, "en") for n in resolve(rolled, city, levers).notes
    )


def test_the_scenario_file_written_keeps_its_origin(tmp_path: Path) -> None:
    spec = ScenarioSpec.from_yaml(ROOT / "data/example_city/scenarios/full_sprint.yaml")
    rolled = spec.at("2026-10")
    again = ScenarioSpec.from_yaml_text(rolled.to_yaml())
    assert again == rolled and str(again.written_as_of) == "2026Q3"
    assert spec.at("2026Q3") is spec


def test_run_command_at_october(tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = CliRunner().invoke(
        app,
        [
            "run",
            str(ROOT / "data/example_city/scenarios/full_sprint.yaml"),
            "--as-of",
            "2026-10",
            "--draws",
            "200",
            "--lang",
            "en",
            "--out",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    meta = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert meta["as_of"] == "2026-10"
    assert any("JC-P001: production (2026-10) has come" in n["text"] for n in meta["notes"])
    assert {
        "code": "scenario.project_date_came",
        "params": {
            "project": "JC-P001",
            "action": "production",
            "date_month": "2026-10",
            "data_month": "2026-10",
        },
        "text": "project JC-P001: production (2026-10) has come by 2026-10; taken as happened "
        "as the register plans, the scenario's setting is skipped",
    } in meta["notes"]
    assert "note: project JC-P001: production (2026-10) has come by 2026-10" in r.output
    # In Chinese (the default) the printout and run.json's notes name the project and months in
    # words; the figures are the same.
    zh = tmp_path / "zh"
    args = ["run", str(ROOT / "data/example_city/scenarios/full_sprint.yaml"), "--as-of"]
    r_zh = CliRunner().invoke(app, [*args, "2026-10", "--draws", "200", "--out", str(zh)])
    assert r_zh.exit_code == 0, r_zh.output
    came = "项目“高新区新能源汽车零部件产业园一期”：投产时间（2026年10月）已在数据期内"
    texts = [n["text"] for n in json.loads((zh / "run.json").read_text("utf-8"))["notes"]]
    assert any(t.startswith(came) for t in texts) and f"注：{came}" in r_zh.output
    gdp_en = re.search(r"gdp +growth +(-?\d+\.\d\d)%", r.output)
    gdp_zh = re.search(r"地区生产总值 +全年增速 *(-?\d+\.\d\d)%", r_zh.output)
    assert gdp_en and gdp_zh and gdp_en.group(1) == gdp_zh.group(1)
    assert "P(meet)" not in r_zh.output and "growth" not in r_zh.output


@pytest.mark.parametrize(
    "args",
    [
        ["forecast", "--as-of", "2026-10", "--draws", "100"],
        ["status", "--as-of", "2026-10"],
        ["league", "--as-of", "2026-10"],
        ["league", "--period", "2026-10"],
    ],
    ids=["forecast", "status", "league", "league_period"],
)
def test_commands_take_a_monthly_origin(args: list[str]) -> None:
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    # October's monthly figures are shown: the period column (2026-10), or the league's title
    # naming the month in words
    shown = "比增速、比增量、比贡献（2026年10月）" if args[0] == "league" else "│ 2026-10 "
    assert shown in r.output
