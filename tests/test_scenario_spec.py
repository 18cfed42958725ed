"""Scenario specs: YAML round trip, immutability, and bad input named by file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

import sprintmodel as sm
from sprintmodel.errors import InputError
from sprintmodel.scenario import LeverSet, ProjectShift, ScenarioSpec, resolve
from sprintmodel.words.notes import note_text

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted((ROOT / "data" / "example_city" / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def city() -> sm.DataSet:
    return sm.example_city()


@pytest.fixture(scope="module")
def levers() -> LeverSet:
    return LeverSet.from_yaml(ROOT / "data" / "example_city" / "levers.yaml")


def test_shipped_scenarios(city: sm.DataSet, levers: LeverSet) -> None:
    names = {p.stem for p in SCENARIOS}
    assert {"baseline", "full_sprint", "projects_slip"} <= names and len(names) >= 5
    for path in SCENARIOS:
        spec = ScenarioSpec.from_yaml(path)
        assert spec.name == path.stem
        res = resolve(spec, city, levers)
        assert res.as_of_month == 2026 * 12 + 8
    assert ScenarioSpec.from_yaml(ROOT / "data/example_city/scenarios/baseline.yaml").is_baseline


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_yaml_round_trip(path: Path) -> None:
    spec = ScenarioSpec.from_yaml(path)
    again = ScenarioSpec.from_yaml_text(str(spec))
    assert again == spec and hash(again) == hash(spec)
    assert spec.to_yaml() == again.to_yaml()


def test_immutable_variants_and_equality() -> None:
    a = ScenarioSpec("a", "2026Q3")
    b = a.with_lever("consumption_vouchers", 2.0, start="2026-11")
    assert a.levers == () and b.lever_intensities() == {"consumption_vouchers": 2.0}
    assert b.with_lever("consumption_vouchers", 0) == a
    c = b.with_projects(
        {"project": "JC-P012", "shift_months": 2}, ProjectShift(status="signed", shift_months=1)
    )
    assert len(c.projects) == 2 and c.projects[1].status == "signed"
    with pytest.raises(AttributeError):
        a.name = "b"  # type: ignore[misc]
    # The file a spec came from does not make it different.
    assert ScenarioSpec.from_dict(b.to_dict(), source="x.yaml") == b
    assert b.replace(levers={"special_bonds": 3}).lever_intensities() == {"special_bonds": 3.0}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad_scenario.yaml"
    path.write_text(text, encoding="utf-8")
    return path


HEAD = "name: t\nas_of: 2026Q3\n"


@pytest.mark.parametrize(
    ("body", "key", "words"),
    [
        (
            "levers:\n  consumer_vouchers: {intensity: 1}\n",
            "levers.consumer_vouchers",
            "Did you mean 'consumption_vouchers'",
        ),
        (
            "levers:\n  consumption_vouchers: {intensity: 8}\n",
            "levers.consumption_vouchers.intensity",
            "above the lever's cap 3",
        ),
        (
            "levers:\n  special_bonds: {units: {JC01: 1}}\n",
            "levers.special_bonds.units.JC01",
            "unknown unit",
        ),
        (
            "levers:\n  special_bonds: {units: {GXQ: 1}}\n",
            "levers.special_bonds.units.GXQ",
            "rollup = no",
        ),
        (
            "levers:\n  consumption_vouchers: {intensity: 1, start: 2026-08}\n",
            "levers.consumption_vouchers.start",
            "outside the rest of the year",
        ),
        (
            "levers:\n  land_acceleration: {intensity: 1, start: 2026-11}\n",
            "levers.land_acceleration.start",
            "no start month",
        ),
        (
            "projects:\n  - project: JC-P999\n    shift_months: 1\n",
            "projects[0].project",
            "not in the register",
        ),
        (
            "projects:\n  - project: JC-P012\n    production_shift_months: -12\n",
            "projects[0].production_shift_months",
            "not after the data's last month",
        ),
        (
            "projects:\n  - project: JC-P020\n    production: 2026-10\n",
            "projects[0].production",
            "no production date",
        ),
        (
            "projects:\n  - project: JC-P005\n    production: 2026-12\n",
            "projects[0].production",
            "no production date",
        ),
        (
            "projects:\n  - project: JC-P038\n    start: 2027-03\n    production: 2027-01\n",
            "projects[0].production",
            "no production date",
        ),
        (
            "projects:\n  - project: JC-P003\n    start: 2026-11\n",
            "projects[0].start",
            "started in 2026-02",
        ),
        (
            "projects:\n  - project: JC-P038\n    shift_months: -6\n",
            "projects[0].shift_months",
            "before the data's last month",
        ),
        (
            "projects:\n  - project: JC-P001\n    entry_shift_months: 1\n",
            "projects[0].entry_shift_months",
            "already happened",
        ),
    ],
)
def test_bad_scenario_against_data(
    tmp_path: Path, city: sm.DataSet, levers: LeverSet, body: str, key: str, words: str
) -> None:
    path = _write(tmp_path, HEAD + body)
    spec = ScenarioSpec.from_yaml(path)
    with pytest.raises(InputError) as err:
        resolve(spec, city, levers)
    msg = str(err.value)
    assert str(path) in msg and f"key {key}" in msg and words in msg, msg
    # The message names the line of the offending key (the first line holding "<last key>:").
    last = key.rsplit(".", 1)[-1]
    line = next(i for i, t in enumerate((HEAD + body).splitlines(), 1) if f"{last}:" in t)
    assert f", line {line}, key {key}:" in msg, msg


def test_variants_of_a_file_spec_do_not_claim_its_lines(
    tmp_path: Path, city: sm.DataSet, levers: LeverSet
) -> None:
    path = _write(tmp_path, HEAD + "levers:\n  consumption_vouchers: {intensity: 1}\n")
    spec = ScenarioSpec.from_yaml(path).with_lever("consumption_vouchers", 8)
    with pytest.raises(InputError) as err:
        resolve(spec, city, levers)
    assert ", line " not in str(err.value) and "above the lever's cap" in str(err.value)


def test_production_moved_before_start_is_refused(city: sm.DataSet, levers: LeverSet) -> None:
    # Build a not-yet-started producing project in a copy of the register.
    data = city.projects.copy()
    i = data.index[data.project == "JC-P038"][0]  # land pending, starts 2027-01
    data.loc[i, ["planned_production", "output_at_capacity", "value_added_rate"]] = [
        "2027-06",
        30.0,
        0.25,
    ]
    from dataclasses import replace

    ds = replace(city, projects=data)
    spec = ScenarioSpec.from_dict(
        {
            "name": "t",
            "as_of": "2026Q3",
            "projects": [{"project": "JC-P038", "production_shift_months": -6}],
        },
        source="prod.yaml",
    )
    with pytest.raises(InputError) as err:
        resolve(spec, ds, levers)
    msg = str(err.value)
    assert "prod.yaml" in msg and "projects[0].production_shift_months" in msg
    assert "production to 2026-12, before its construction start 2027-01" in msg


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("name: t\nas_of: 2026Q3\nlevrs: {}\n", "levrs", "Did you mean 'levers'"),
        ("name: t\nas_of: 2026Q5\n", "as_of", "not a period"),
        ("name: t\nas_of: 2026Q3\ndraws: 5\n", "draws", "at least 10"),
        (
            "name: t\nas_of: 2026Q3\nlevers:\n  special_bonds: {intensity: -1}\n",
            "levers.special_bonds.intensity",
            "at least 0",
        ),
        (
            "name: t\nas_of: 2026Q3\nlevers:\n  special_bonds: {intensity: 1, units: {SLQ: 1}}\n",
            "levers.special_bonds.units",
            "not both",
        ),
        (
            "name: t\nas_of: 2026Q3\nprojects:\n  - {shift_months: 1}\n",
            "projects[0]",
            "say which projects",
        ),
        (
            "name: t\nas_of: 2026Q3\nprojects:\n  - {status: land_pendin, shift_months: 1}\n",
            "projects[0].status",
            "Did you mean 'land_pending'",
        ),
        (
            "name: t\nas_of: 2026Q3\nprojects:\n  - {project: P1, shift_months: 1.5}\n",
            "projects[0].shift_months",
            "whole number",
        ),
        (
            "name: t\nas_of: 2026Q3\nprojects:\n  - {project: P1, shift: 1}\n",
            "projects[0].shift",
            "Did you mean 'shift_months'",
        ),
        (
            "name: t\nas_of: 2026Q3\nprojects:\n  - {project: P1, start: 2026Q4}\n",
            "projects[0].start",
            "write a month",
        ),
    ],
)
def test_bad_scenario_form(tmp_path: Path, text: str, key: str, words: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as err:
        ScenarioSpec.from_yaml(path)
    msg = str(err.value)
    assert str(path) in msg and f"key {key}" in msg and words in msg, msg


def test_as_of_beyond_the_data(tmp_path: Path, city: sm.DataSet, levers: LeverSet) -> None:
    path = _write(tmp_path, "name: t\nas_of: 2026Q4\n")
    with pytest.raises(InputError, match="after the data's latest period"):
        resolve(ScenarioSpec.from_yaml(path), city, levers)


def test_bulk_shifts_clip_with_notes(city: sm.DataSet, levers: LeverSet) -> None:
    spec = ScenarioSpec.from_dict(
        {
            "name": "t",
            "as_of": "2026Q3",
            "projects": [{"status": "land_pending", "shift_months": -6}],
        }
    )
    res = resolve(spec, city, levers)
    assert any("earliest possible" in note_text(n, "en") for n in res.notes)
    # the three land-pending projects pulled six months from 2026-10 or later stop at
    # 2026-10, the month after the data, one note each
    assert {(n.code, n["project"], n["new_month"]) for n in res.notes} == {
        ("scenario.project_start_earliest", c, "2026-10") for c in ("JC-P020", "JC-P028", "JC-P038")
    }
    reg = city.projects.set_index("project")
    codes = list(city.projects.project)
    j = codes.index("JC-P020")  # starts 2026-10: cannot start earlier
    assert res.shift[j] == 0
    k = codes.index("JC-P038")  # starts 2027-01: at most three months earlier
    assert res.shift[k] == -3 and reg.at["JC-P038", "status"] == "land_pending"


def test_later_items_override(city: sm.DataSet, levers: LeverSet) -> None:
    spec = ScenarioSpec.from_dict(
        {
            "name": "t",
            "as_of": "2026Q3",
            "projects": [
                {"status": "land_pending", "shift_months": 3},
                {"project": "JC-P038", "shift_months": 0},
            ],
        }
    )
    res = resolve(spec, city, levers)
    codes = list(city.projects.project)
    assert res.shift[codes.index("JC-P038")] == 0
    assert res.shift[codes.index("JC-P011")] == 3


def test_changing_draws_keeps_the_files_lines(
    tmp_path: Path, city: sm.DataSet, levers: LeverSet
) -> None:
    # The briefing overrides draws with replace(); messages must still name the line.
    path = _write(tmp_path, HEAD + "projects:\n  - project: JC-P999\n    shift_months: 1\n")
    spec = ScenarioSpec.from_yaml(path).replace(draws=100, seed=4)
    with pytest.raises(InputError, match=r", line 4, key projects\[0\]\.project:"):
        resolve(spec, city, levers)
