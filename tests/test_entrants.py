"""升规入统 / 限上入库 in scenarios: candidates of ``entrants.csv`` counted from January, their
own last-year figure joining the comparable base (同口径).

Hand-worked on the tiny folder (tests/conftest.py): the city's monthly FAI is 132 by September
2024 and 195 for 2024, 138.6 by September 2025 (+5.0%). The synthetic baseline with no noise
carries the rest of 2025 at +5%: full year 138.6 + (195 − 132) × 1.05 = 204.75 on a base of
195 (+5.00%). A candidate in district D1 (which has no FAI figures, so it joins the city's)
with 13.2 by September 2025 and 6.6 a year earlier is carried to the full year by the city's
pattern, 195/132: 19.5 this year on 9.75 last year. Counted, the city's FAI is 204.75 + 19.5
= 224.25 on the comparable base 195 + 9.75 = 204.75: +9.5238% (4.5238 pp more). Ignoring its
base would say 224.25/195 − 1 = +15.0%.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sprintmodel.data import load_folder, validate_folder
from sprintmodel.errors import InputError
from sprintmodel.scenario import ScenarioEngine, ScenarioSpec
from sprintmodel.scenario._testing import synthetic_baseline
from sprintmodel.scenario.entry import entry_effect
from tests.conftest import write_tiny

REGISTER = """entrant,name,unit,indicator,entry_month,period,ytd_value,ytd_value_last_year,probability
N1,一号商贸,D1,fai,2025-11,2025-09,13.2,6.6,
N2,二号工厂,D2,fai,2026-02,2025-09,5.0,5.0,
"""


def _engine(folder: Path, register: str = REGISTER, as_of: str = "2025Q3") -> ScenarioEngine:
    (folder / "entrants.csv").write_text(register, encoding="utf-8")
    ds = load_folder(folder)
    base = synthetic_baseline(ds, as_of, n_draws=400, seed=0, sd=0.0)
    return ScenarioEngine(ds, base, seed=0)


def _row(result: object, unit: str, indicator: str) -> dict[str, float]:
    return result.summary_row(unit, indicator)  # type: ignore[attr-defined, no-any-return]


def test_the_brief_s_example_by_hand() -> None:
    # 100 on 90 last year (+11.11%); an entrant of 10 on its own 9 (+11.11% too): the level is
    # 110, growth on the comparable base 110/99 − 1, unchanged. Ignoring its base: +22.2%.
    r = entry_effect(100.0, 90.0, 10.0, 9.0)
    assert float(r.level) == 110.0
    assert float(r.growth) == pytest.approx(100 * (110 / 99 - 1))
    assert float(r.change_pp) == pytest.approx(0.0, abs=1e-12)
    assert float(r.growth) != pytest.approx(100 * (110 / 90 - 1))


def test_a_candidate_counted_in_november_moves_level_and_growth(tiny_folder: Path) -> None:
    engine = _engine(tiny_folder)
    base = _row(engine.baseline_result(), "C", "fai")
    assert base["fy_growth"] == pytest.approx(5.0, abs=1e-9)
    assert base["fy_value"] == pytest.approx(204.75, abs=1e-9)
    res = engine.evaluate(engine.spec("n1").with_entrants({"entrant": "N1"}))
    row = _row(res, "C", "fai")
    assert row["fy_value"] == pytest.approx(224.25, abs=1e-9)  # 204.75 + 19.5, from January
    assert row["fy_value_p50"] == pytest.approx(224.25, abs=1e-9)
    assert row["fy_growth"] == pytest.approx(100 * (224.25 / 204.75 - 1), abs=1e-9)  # 9.5238
    assert row["fy_growth_p50"] == pytest.approx(9.523810, abs=1e-6)
    assert row["delta_pp"] == pytest.approx(4.523810, abs=1e-6)
    # The wrong rule (the entrant's base left out) would say +15.0%.
    assert abs(row["fy_growth"] - 100 * (224.25 / 195 - 1)) > 5
    # The growth target (+5%) applies on the comparable base: 204.75 × 1.05 = 214.9875.
    assert row["target_value"] == pytest.approx(214.9875, abs=1e-9)
    assert row["gap_level"] == pytest.approx(224.25 - 214.9875, abs=1e-9)
    assert row["p_meet_target"] == 1.0
    att = res.attribution()
    ent = att[(att.unit == "C") & (att.indicator == "fai") & (att.component == "entrants")]
    assert ent.kind.item() == "entrants"
    assert ent.delta_value.item() == pytest.approx(19.5, abs=1e-9)  # the published level added
    assert ent.delta_pp.item() == pytest.approx(4.523810, abs=1e-6)
    (note,) = [n for n in res.notes if n.code == "scenario.entrant_enters"]
    assert note["entrant"] == "N1" and note["unit"] == "C" and note["entry_month"] == "2025-11"
    assert (note["value"], note["base"], note["own_growth"]) == (19.5, 9.75, 100.0)
    assert note["change_pp"] == pytest.approx(4.52)
    zh = res.note_texts("zh")[0]
    assert "一号商贸" in zh and "2025年11月" in zh and "+4.52个百分点" in zh


def test_next_year_and_passed_months(tiny_folder: Path) -> None:
    engine = _engine(tiny_folder)
    # The whole register: N2 enters in February 2026, after December: nothing this year.
    res = engine.evaluate(engine.spec("all").with_entrants({"all": True}))
    assert _row(res, "C", "fai")["fy_value"] == pytest.approx(224.25, abs=1e-9)
    codes = [n.code for n in res.notes]
    assert codes.count("scenario.entrant_next_year") == 1
    # Named with a month already in the data: refused, naming the key.
    with pytest.raises(InputError, match=r"entrants\[0\]\.entry.*2025-09 is not after"):
        engine.evaluate(engine.spec("x").with_entrants({"entrant": "N1", "entry": "2025-09"}))
    with pytest.raises(InputError, match=r"candidate 'N9' is not in the register"):
        engine.evaluate(engine.spec("x").with_entrants({"entrant": "N9"}))


def test_written_at_q3_run_in_november_takes_the_entry_as_happened(tiny_folder: Path) -> None:
    engine = _engine(tiny_folder, as_of="2025-11")
    spec = ScenarioSpec.from_yaml_text(
        "name: s\nas_of: 2025Q3\ndraws: 400\nentrants:\n  - entrant: N1\n    entry: 2025-10\n"
    ).at("2025-11")
    res = engine.evaluate(spec)
    assert "entrants" not in res.components.get("fai", {})
    (note,) = [n for n in res.notes if n.code == "scenario.entrant_in_data"]
    assert (note["entry_month"], note["data_month"]) == ("2025-10", "2025-11")
    assert "视为已入统" in res.note_texts("zh")[0]


def test_a_probability_is_drawn_per_draw(tiny_folder: Path) -> None:
    engine = _engine(tiny_folder, REGISTER.replace("6.6,\n", "6.6,0.5\n"))
    res = engine.evaluate(engine.spec("half").with_entrants({"entrant": "N1"}))
    enters = engine.entrant_fx.enters[:, 0]
    share = enters.mean()
    assert 0.4 < share < 0.6 and set(np.unique(enters)) == {0.0, 1.0}
    i = engine.plans["fai"].units.index("C")
    g = 100 * (res.fy["fai"][:, i] / 195.0 - 1)
    np.testing.assert_allclose(g[enters == 1], 9.523810, atol=1e-6)
    np.testing.assert_allclose(g[enters == 0], 5.0, atol=1e-9)
    row = _row(res, "C", "fai")
    assert row["delta_pp"] == pytest.approx(share * 4.523810, abs=1e-6)
    assert row["fy_value"] == pytest.approx(204.75 + share * 19.5, abs=1e-9)
    # The same seed draws the same entries; another engine seed others.
    again = _engine(tiny_folder, REGISTER.replace("6.6,\n", "6.6,0.5\n"))
    np.testing.assert_array_equal(again.entrant_fx.enters, engine.entrant_fx.enters)


def test_the_spec_round_trips(tiny_folder: Path) -> None:
    spec = ScenarioSpec("s", "2025Q3").with_entrants({"entrant": "N1", "entry": "2025-12"})
    assert ScenarioSpec.from_yaml_text(spec.to_yaml()) == spec
    assert ScenarioSpec.from_yaml_text("name: s\nas_of: 2025Q3\nentrants: all\n").entrants[0].all
    with pytest.raises(InputError, match="'2025-13' is not a month"):
        ScenarioSpec.from_yaml_text(
            "name: s\nas_of: 2025Q3\nentrants:\n  - entrant: N1\n    entry: 2025-13\n"
        )
    # A folder without the register cannot count anyone.
    engine = ScenarioEngine(
        load_folder(write_tiny(tiny_folder.parent / "bare")),
        synthetic_baseline(load_folder(tiny_folder), "2025Q3", n_draws=20, sd=0.0),
        seed=0,
    )
    with pytest.raises(InputError, match=r"no entrants\.csv"):
        engine.evaluate(engine.spec("x", draws=20).with_entrants({"all": True}))


def test_the_example_city_ships_candidates() -> None:
    root = Path(__file__).resolve().parents[1] / "data" / "example_city"
    report, ds = validate_folder(root)
    assert ds is not None and ds.entrants is not None
    assert set(ds.entrants.indicator) == {"iva", "retail"}
    assert not [p for p in report.problems if "entrants.csv" in p.file]


def test_the_briefing_counts_each_candidate_alone(tiny_folder: Path) -> None:
    from sprintmodel.briefing.sections.enterprises import _entrant_effects, _entrant_table

    engine = _engine(tiny_folder)
    frame = _entrant_effects(engine)
    n1, n2 = frame.iloc[0], frame.iloc[1]
    assert (n1.when, n1.unit) == ("this_year", "C")
    assert n1.delta_value == pytest.approx(19.5, abs=1e-9)
    assert n1.delta_pp == pytest.approx(4.523810, abs=1e-6)
    assert n2.when == "next_year" and np.isnan(n2.delta_pp)
    table = _entrant_table(frame, engine.dataset, "zh")
    assert [str(c) for c in table.rows[0][:5]] == [
        "一号商贸",
        "测试市",
        "固定资产投资",
        "2025-11",
        "本年入统",
    ]
    assert table.rows[0][-1].text == "4.5" and table.rows[1][4] == "明年入统"
