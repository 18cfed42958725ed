"""Levers as data: the example city's set, sources, timing, and errors naming file and key."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from sprintmodel.errors import InputError
from sprintmodel.scenario import Dist, LeverSet, default_levers, levers_for_folder

ROOT = Path(__file__).resolve().parents[1]
LEVERS = ROOT / "data" / "example_city" / "levers.yaml"


@pytest.fixture(scope="module")
def levers() -> LeverSet:
    return LeverSet.from_yaml(LEVERS)


def test_required_levers_and_their_indicators(levers: LeverSet) -> None:
    assert levers["consumption_vouchers"].indicators == ("retail",)
    assert levers["special_bonds"].indicators == ("fai",)
    assert levers["policy_financing"].indicators == ("fai",)
    assert levers["enterprise_support"].indicators == ("iva",)
    assert levers["export_support"].indicators == ("exports",)
    land = levers["land_acceleration"]
    assert land.kind == "project_timing" and land.project_rule is not None
    assert land.project_rule.statuses == ("land_pending",)
    bridges = {(b.source_indicator, b.target_indicator) for b in levers.bridges}
    assert {("fai", "gdp"), ("iva", "gdp")} <= bridges


def test_every_number_states_its_source(levers: LeverSet) -> None:
    for lv in levers.values():
        assert lv.cap_source and lv.cost_source and lv.name_zh and lv.name_en
        for e in lv.effects:
            assert e.per_unit.source
        if lv.kind == "amount":
            assert lv.timing.source
    for b in levers.bridges:
        assert b.weight.source
    assert all(levers.project_model.sources.values())


def test_voucher_effect_is_the_published_range(levers: LeverSet) -> None:
    d = levers["consumption_vouchers"].effects[0].per_unit
    assert d.low <= 3.4 and d.high >= 5.8 and "3.4-5.8" in d.source


def test_timing_share_of_the_year(levers: LeverSet) -> None:
    vouchers = levers["consumption_vouchers"].timing  # 70% in the month, 30% the next
    assert vouchers.share(11) == pytest.approx(1.0)
    assert vouchers.share(12) == pytest.approx(0.7)
    bonds = levers["special_bonds"].timing  # even over six months
    assert bonds.share(10) == pytest.approx(0.5)
    exports = levers["export_support"].timing  # one month's lag, then four even months
    assert exports.share(12) == pytest.approx(0.0)
    assert exports.share(10) == pytest.approx(0.5)


def test_table_lists_every_effect(levers: LeverSet) -> None:
    t = levers.table()
    assert set(t.lever) == set(levers)
    assert t.source.str.len().min() > 0


def test_default_and_folder_fallback(tmp_path: Path) -> None:
    assert set(default_levers()) == set(LeverSet.from_yaml(LEVERS))
    assert set(levers_for_folder(tmp_path)) == set(default_levers())


def test_dist_sampling_and_mean() -> None:
    d = Dist("triangular", 2.0, 3.4, 5.8, "x")
    draws = d.sample(np.random.default_rng(0), 200_000)
    assert draws.min() >= 2.0 and draws.max() <= 5.8
    assert draws.mean() == pytest.approx(d.mean, rel=0.01)
    with pytest.raises(ValueError):
        Dist("triangular", 3.0, 2.0, 5.0)


def test_saturating_response_still_rises() -> None:
    data = yaml.safe_load(LEVERS.read_text(encoding="utf-8"))
    data["levers"]["consumption_vouchers"]["response"] = {
        "kind": "saturating",
        "scale": 2.0,
        "source": "assumption",
    }
    lv = LeverSet.from_dict(data)["consumption_vouchers"]
    xs = np.linspace(0.1, 3.0, 30)
    total = np.array([x * lv.response_factor(x) for x in xs])
    assert (np.diff(total) > 0).all() and lv.response_factor(3.0) < 1.0


def _broken(tmp_path: Path, edit: object) -> Path:
    data = yaml.safe_load(LEVERS.read_text(encoding="utf-8"))
    edit(data)  # type: ignore[operator]
    path = tmp_path / "levers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "key", "words"),
    [
        (
            lambda d: d["levers"]["special_bonds"].update(
                efects=d["levers"]["special_bonds"].pop("effects")
            ),
            "levers.special_bonds.efects",
            "Did you mean 'effects'",
        ),
        (
            lambda d: d["levers"]["consumption_vouchers"]["effects"][0]["per_unit"].pop("source"),
            "levers.consumption_vouchers.effects[0].per_unit.source",
            "assumption",
        ),
        (
            lambda d: d["levers"]["consumption_vouchers"]["timing"].update(weights=[0.7, 0.2]),
            "levers.consumption_vouchers.timing.weights",
            "sum to 1",
        ),
        (
            lambda d: d["levers"]["special_bonds"]["cap"].update(value=-1),
            "levers.special_bonds.cap.value",
            "out of range",
        ),
        (
            lambda d: d["levers"]["special_bonds"]["effects"][0]["per_unit"].update(low=2.0),
            "levers.special_bonds.effects[0].per_unit",
            "low <= mode <= high",
        ),
        (
            lambda d: d["levers"]["land_acceleration"]["projects"].update(statuses=["land_pendng"]),
            "levers.land_acceleration.projects.statuses[0]",
            "Did you mean 'land_pending'",
        ),
        (
            lambda d: d.update(bridges=dict(reversed(list(d["bridges"].items())))),
            "bridges.",
            "without cycles",
        ),
    ],
)
def test_bad_levers_file_names_file_and_key(
    tmp_path: Path, edit: object, key: str, words: str
) -> None:
    path = _broken(tmp_path, edit)
    with pytest.raises(InputError) as err:
        LeverSet.from_yaml(path)
    msg = str(err.value)
    assert str(path) in msg and key in msg and words in msg, msg


def test_bad_yaml_syntax_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "levers.yaml"
    path.write_text("levers:\n  a: [1, 2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"levers\.yaml: not valid YAML at line"):
        LeverSet.from_yaml(path)
