"""The least-cost package: the sample programme by hand, accelerations, the example city.

Reference values of the sample programme are hand calculations (the ⌈αN⌉-th smallest
requirement of a one-lever problem). The example-city tests run the whole optimiser with few
draws (a few seconds) and check the issue's promises: the package re-checks on a fresh seed
within sampling error, costs no more than the cheapest single lever, an infeasible target says
so with the best reachable probability, and the same seed gives the same answer.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.errors import InputError
from sprintmodel.notes import Note
from sprintmodel.optimize import (
    AccelerationSet,
    ChanceModel,
    OptimizationResult,
    PackageProblem,
    optimize,
    solve_max_probability,
    solve_min_cost,
)
from sprintmodel.optimize.accelerations import AccelerationRule
from sprintmodel.optimize.model import inverse_effective
from sprintmodel.optimize.saa import MET_TOLERANCE, required_count
from sprintmodel.scenario import ScenarioEngine, ScenarioSpec
from sprintmodel.scenario.projects import ProjectRegister
from sprintmodel.scenario.spec import as_of_month
from sprintmodel.words.notes import note_text
from sprintmodel.words.optimize import ORIGIN_ZH
from tests.conftest import IDLE_FOR_RETAIL

ROOT = Path(__file__).resolve().parents[1]
CITY = ROOT / "data" / "example_city"
N = 100
NEED = np.linspace(0.005, 0.995, N)  # requirement of each draw [pp], sorted


def one_lever(effect: float = 1.0, cost: float = 2.0, upper: float = 5.0) -> ChanceModel:
    return ChanceModel(
        effect=np.full((N, 1, 1), effect),
        need=NEED[:, None],
        cost=[cost],
        upper=[upper],
        integer=[False],
    )


# ============================================================================ the programme
def test_one_lever_meets_the_known_quantile() -> None:
    # Hand calculation: 80 of 100 draws are met when x reaches the 80th smallest need, 0.795.
    sol = solve_min_cost(one_lever(), 0.8)
    assert sol.status == "optimal" and sol.required == 80
    assert sol.w[0] == pytest.approx(0.795 + MET_TOLERANCE, abs=2e-6)
    assert sol.cost == pytest.approx(2 * (0.795 + MET_TOLERANCE), abs=1e-6)
    assert sol.probability == pytest.approx(0.8)


def test_half_the_effect_needs_twice_the_intensity() -> None:
    sol = solve_min_cost(one_lever(effect=0.5), 0.8)
    assert sol.w[0] == pytest.approx(2 * (0.795 + MET_TOLERANCE), abs=1e-6)


def test_the_cheap_lever_is_used_up_to_its_cap_first() -> None:
    model = ChanceModel(
        effect=np.ones((N, 1, 2)),
        need=NEED[:, None],
        cost=[1.0, 3.0],
        upper=[0.5, 5.0],
        integer=[False, False],
    )
    sol = solve_min_cost(model, 0.8)
    assert sol.w[0] == pytest.approx(0.5, abs=1e-7)
    assert sol.w[1] == pytest.approx(0.295 + MET_TOLERANCE, abs=2e-6)


def test_a_yes_no_option_replaces_part_of_a_lever() -> None:
    # The option adds 0.3 pp for 0.1; the same from the lever would cost 0.3 × 1.
    model = ChanceModel(
        effect=np.concatenate([np.ones((N, 1, 1)), np.full((N, 1, 1), 0.3)], axis=2),
        need=NEED[:, None],
        cost=[1.0, 0.1],
        upper=[5.0, 1.0],
        integer=[False, True],
    )
    sol = solve_min_cost(model, 0.8)
    assert sol.w[1] == 1.0
    assert sol.w[0] == pytest.approx(0.495 + MET_TOLERANCE, abs=2e-6)


def test_out_of_reach_then_the_most_probable() -> None:
    model = one_lever(upper=0.5)
    assert solve_min_cost(model, 0.8).status == "infeasible"
    best = solve_max_probability(model)
    assert best.probability == pytest.approx(0.5)  # needs 0.005 … 0.495 are met at x ≤ 0.5
    assert best.w[0] == pytest.approx(0.495 + MET_TOLERANCE, abs=2e-6)  # then least cost


def test_budget_buys_the_most_draws_then_least_cost() -> None:
    best = solve_max_probability(one_lever(cost=2.0), budget=0.8)  # x ≤ 0.4
    assert best.probability == pytest.approx(0.4)
    assert best.w[0] == pytest.approx(0.395 + MET_TOLERANCE, abs=2e-6)
    assert best.cost <= 0.8 + 1e-9


def test_joint_needs_more_than_each_separately() -> None:
    rng = np.random.default_rng(3)
    need = np.stack([NEED, rng.permutation(NEED)], axis=1)
    model = ChanceModel(
        effect=np.ones((N, 2, 1)), need=need, cost=[1.0], upper=[5.0], integer=[False]
    )
    joint = solve_min_cost(model, 0.8, joint=True)
    each = solve_min_cost(model, 0.8, joint=False)
    k = required_count(0.8, N)
    assert joint.w[0] == pytest.approx(np.sort(need.max(axis=1))[k - 1] + MET_TOLERANCE, abs=2e-6)
    assert each.w[0] == pytest.approx(0.795 + MET_TOLERANCE, abs=2e-6)
    assert joint.probability >= 0.8 and model.probability(each.w, joint=False) >= 0.8


def test_required_count() -> None:
    assert required_count(0.8, 400) == 320
    assert required_count(0.8001, 400) == 321
    assert required_count(0.0, 10) == 0 and required_count(1.0, 10) == 10


def test_saturating_response_inverts() -> None:
    lv = sm.default_levers()["consumption_vouchers"]
    import dataclasses

    sat = dataclasses.replace(lv, response="saturating", response_scale=2.0)
    x = 1.3
    e = x * sat.response_factor(x)
    assert inverse_effective(sat, e) == pytest.approx(x)
    assert math.isinf(inverse_effective(sat, 2.0))


# ============================================================================ the question
@pytest.mark.parametrize(
    "kwargs",
    [
        {"target_probability": 1.5},
        {"target_probability": 0.0},
        {"target_probability": 1.0},
        {"budget": -1.0},
        {"indicators": ()},
        {"n_draws": 5},
    ],
)
def test_bad_questions_are_input_errors(kwargs: dict) -> None:
    with pytest.raises(InputError):
        PackageProblem(**kwargs)


def test_the_question_defaults() -> None:
    p = PackageProblem()
    assert p.indicators == ("gdp",) and p.joint and p.mode == "min_cost"
    assert p.accepted_shortfall == pytest.approx(math.sqrt(0.8 * 0.2 / 10_000))
    assert PackageProblem(budget=3, indicators="gdp,fai").indicators == ("gdp", "fai")


# ============================================================================ accelerations
@pytest.fixture(scope="module")
def city() -> sm.DataSet:
    return sm.example_city()


@pytest.fixture(scope="module")
def register(city: sm.DataSet) -> ProjectRegister:
    return ProjectRegister.from_frame(city.projects)


def test_the_example_accelerations_file(register: ProjectRegister) -> None:
    acc = AccelerationSet.from_csv(CITY / "accelerations.csv", register)
    assert len(acc) >= 10 and all(r.source for r in acc.rules)
    feas = acc.feasible(register, as_of_month("2026Q3"))
    p005 = next(r for r in feas.rules if r.project == "JC-P005")
    assert p005.months_max == 4  # planned start 2027-02 can move to 2026-10 at the earliest
    options = [o for o in feas.options() if o.project == "JC-P012"]
    assert [o.months for o in options] == [1, 2]
    assert options[1].cost == pytest.approx(2 * 0.43)
    assert options[1].shift_item() == {"project": "JC-P012", "production_shift_months": -2}


def test_accelerations_the_data_limit_are_noted_as_codes(register: ProjectRegister) -> None:
    """Hand-read from data/example_city/projects.csv, as of 2026Q3 (the earliest month a date
    can move to is 2026-10): JC-P012 produces in 2026-12 (2 months of room), JC-P009 produced
    in 2026-06, JC-P005 has no production, JC-P020 starts in 2026-10 (no room)."""
    rules = (
        AccelerationRule("JC-P012", "production", 6, 0.1, "budget", "test"),
        AccelerationRule("JC-P009", "production", 3, 0.1, "budget", "test"),
        AccelerationRule("JC-P005", "production", 2, 0.1, "budget", "test"),
        AccelerationRule("JC-P020", "shift", 2, 0.1, "budget", "test"),
        AccelerationRule("JC-P999", "shift", 2, 0.1, "budget", "test"),
    )
    feas = AccelerationSet(rules, "test").feasible(register, as_of_month("2026Q3"))
    assert [(r.project, r.months_max) for r in feas.rules] == [("JC-P012", 2)]
    why = Note.of("acceleration.why.movable", action="production", date_month="2026-12")
    assert feas.notes == (
        Note.of(
            "acceleration.limited",
            project="JC-P012",
            action="production",
            months=2,
            why=Note.of(why.code, **why.args, earliest_month="2026-10"),
        ),
        Note.of(
            "acceleration.dropped",
            project="JC-P009",
            action="production",
            why=Note.of("acceleration.why.happened", action="production", date_month="2026-06"),
        ),
        Note.of(
            "acceleration.dropped",
            project="JC-P005",
            action="production",
            why=Note.of("acceleration.why.no_production"),
        ),
        Note.of(
            "acceleration.dropped",
            project="JC-P020",
            action="shift",
            why=Note.of("acceleration.why.start", start_month="2026-10", earliest_month="2026-10"),
        ),
        Note.of("acceleration.not_in_register", project="JC-P999"),
    )
    en = [note_text(n, "en") for n in feas.notes]
    assert en[0] == (
        "acceleration of JC-P012 (production): limited to 2 months: its production 2026-12 can "
        "move to 2026-10 at the earliest"
    )
    assert en[1] == (
        "acceleration of JC-P009 (production): dropped: its production (2026-06) has already "
        "happened"
    )
    zh = [note_text(n, "zh") for n in feas.notes]
    assert zh[0] == (
        "项目提前 JC-P012（投产）：最多提前2个月，投产时间2026年12月最早可提前至2026年10月"
    )
    assert zh[1] == "项目提前 JC-P009（投产）：不可提前，投产（2026年6月）已经发生"
    assert zh[3] == (
        "项目提前 JC-P020（整体进度）：不可提前，开工时间2026年10月最早可提前至2026年10月"
    )
    assert not any(re.search(r"[a-z]{3,}", z) for z in zh), zh


def test_the_notes_are_codes_with_their_parameters(retail: OptimizationResult) -> None:
    notes = {n.code: n for n in retail.notes}
    idle = tuple(IDLE_FOR_RETAIL)  # the example city's levers without a retail effect
    assert notes["optimize.levers_idle"]["levers"] == idle
    assert note_text(notes["optimize.levers_idle"], "en") == (
        "levers that move none of the targets: " + ", ".join(idle)
    )
    # every acceleration option the data allow is left out: none moves retail this year
    assert retail.engine is not None
    accel = retail.engine.dataset.accelerations  # the folder's accelerations.csv
    assert accel is not None
    options = accel.feasible(retail.engine.register, as_of_month("2026Q3")).options()
    assert not any(d.kind == "option" for d in retail.decisions)
    assert notes["optimize.options_idle"].args == {"n": len(options)} and len(options) > 0
    zh = retail.note_texts("zh")
    assert zh[0].startswith("以下政策对各目标均无影响（未纳入）：稳增长服务专班")
    assert "、出口信保与展会拓市场、" in zh[0]
    assert f"{len(options)}个项目提前选项对今年各目标均无影响（未纳入）" in zh
    # report(): code, parameters and the text in the report's language
    report = retail.report("zh")["notes"]
    assert report[0] == {"code": "optimize.levers_idle", "params": {"levers": list(idle)}} | {
        "text": zh[0]
    }
    assert Note.from_dict(report[0]) == notes["optimize.levers_idle"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("JC-P999,shift,2,0.1,budget,assumption", "not in the register"),
        ("JC-P005,sideways,2,0.1,budget,assumption", "unknown action"),
        ("JC-P005,shift,2.5,0.1,budget,assumption", "whole number"),
        ("JC-P005,shift,2,-1,budget,assumption", "negative"),
        ("JC-P005,shift,2,0.1,cash,assumption", "unknown kind"),
        ("JC-P005,shift,2,0.1,budget,", "source"),
    ],
)
def test_bad_accelerations_name_row_and_column(
    tmp_path: Path, register: ProjectRegister, row: str, message: str
) -> None:
    path = tmp_path / "accelerations.csv"
    path.write_text(
        "project,action,months_max,cost_per_month,cost_kind,source\n" + row + "\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=message) as info:
        AccelerationSet.from_csv(path, register)
    assert "row 2" in str(info.value)


def test_default_rule_leaves_land_pending_to_the_land_lever(register: ProjectRegister) -> None:
    acc = AccelerationSet.default(register, levers=sm.default_levers())
    statuses = {register.statuses[register.index(r.project)] for r in acc.rules}
    assert "land_pending" not in statuses and "producing" not in statuses
    p012 = next(r for r in acc.rules if r.project == "JC-P012")
    assert p012.action == "production" and p012.cost_per_month == pytest.approx(
        0.005 * register.total[register.index("JC-P012")], abs=1e-4
    )
    without_lever = AccelerationSet.default(register)
    assert any(
        register.statuses[register.index(r.project)] == "land_pending" for r in without_lever.rules
    )


# ============================================================================ the example city
SMALL = {"n_draws": 200, "check_draws": 2000}


@pytest.fixture(scope="module")
def retail(city: sm.DataSet) -> OptimizationResult:
    """Least-cost package for the city's retail target at 70% (vouchers can reach it)."""
    return optimize(city, "2026Q3", indicators=["retail"], target_probability=0.7, rng=5, **SMALL)


def test_the_package_meets_the_probability(retail: OptimizationResult) -> None:
    assert retail.feasible
    assert retail.probability_checked >= 0.7 - retail.problem.accepted_shortfall
    assert "consumption_vouchers" in retail.package.levers
    assert retail.cost == pytest.approx(retail.checked.cost + retail.package.acceleration_cost)  # type: ignore[union-attr]


def test_it_meets_the_probability_on_a_fresh_seed(
    city: sm.DataSet, retail: OptimizationResult
) -> None:
    n = 4000
    engine = ScenarioEngine.build(city, "2026Q3", n_draws=n, seed=12345)
    res = retail.evaluate(engine)
    p = float(
        res.summary_frame().query("unit == 'JC' and indicator == 'retail'").p_meet_target.iloc[0]
    )
    # Sampling error of the two estimates (re-check with 2,000 draws, this one with 4,000).
    se = math.sqrt(0.7 * 0.3 * (1 / 2000 + 1 / n))
    assert p >= 0.7 - 3 * se


def test_it_costs_no_more_than_the_cheapest_single_lever(retail: OptimizationResult) -> None:
    cheapest = retail.cheapest_single_lever
    assert cheapest is not None and cheapest["lever"] == "consumption_vouchers"
    assert retail.cost <= cheapest["cost"] + 1e-9
    table = retail.single_lever
    assert {"lever", "intensity", "cost", "probability_checked", "reaches"} <= set(table.columns)
    # Levers that do not move retail cannot reach it alone (they are left out).
    assert set(table.lever) == {"consumption_vouchers"}


def test_same_seed_same_answer(city: sm.DataSet, retail: OptimizationResult) -> None:
    again = optimize(city, "2026Q3", indicators=["retail"], target_probability=0.7, rng=5, **SMALL)
    assert again.spec == retail.spec and again.cost == retail.cost
    assert again.probability_checked == retail.probability_checked


def test_the_result_becomes_a_scenario(retail: OptimizationResult) -> None:
    spec = retail.to_spec()
    assert isinstance(spec, ScenarioSpec)
    assert spec.draws == retail.check_draws and spec.seed == retail.seeds["check"] == 6
    assert retail.seeds["saa"] == 5
    assert ScenarioSpec.from_yaml_text(retail.to_yaml()) == spec
    frame = retail.to_frame()
    assert list(frame.columns[:3]) == ["kind", "item", "name_zh"]
    assert frame.cost.sum() == pytest.approx(retail.cost)
    report = retail.report()
    assert {"cost", "probability", "feasible", "binding", "single_lever"} <= set(report)
    assert report["probability"] == retail.probability_checked
    text = repr(retail)
    assert "consumption_vouchers" in text and f"{retail.cost:.2f}" in text
    zh = retail.summary("zh")
    # Chinese names every target, lever and constraint by its name, never by its code; the
    # figures are the same in both languages.
    assert "江川市社会消费品零售总额" in zh and "发放消费券" in zh
    assert "JC × retail" not in zh and "consumption_vouchers" not in zh and " pp" not in zh
    assert "JC × retail" in text and f"{retail.cost:.2f}" in zh
    assert "<table" in retail._repr_html_()
    assert retail.binding.kind.isin(["cap", "feasibility", "budget", "probability"]).all()


def test_the_tornado(retail: OptimizationResult) -> None:
    torn = retail.tornado(n_draws=500)
    frame = torn.to_frame()
    row = frame.set_index("assumption").loc["lever consumption_vouchers → retail"]
    assert row.delta_low_pp < 0 < row.delta_high_pp
    # Shifting every baseline draw by its own p10 − p50 moves the median gap by exactly that.
    engine = retail.engine
    assert engine is not None
    d = engine.baseline["retail"]
    j = d.units.index("JC")
    fy = d.fy[:500, j]
    expected = 100 * (np.quantile(fy, 0.1) - np.median(fy)) / d.base_full[j]
    base_row = frame.set_index("assumption").loc["baseline forecast error"]
    assert base_row.delta_low_pp == pytest.approx(expected, abs=1e-9)
    assert frame.swing_pp.is_monotonic_decreasing
    assert "baseline forecast error" in torn.summary()


def test_an_unreachable_target_says_so(city: sm.DataSet) -> None:
    res = optimize(city, "2026Q3", indicators=["gdp"], target_probability=0.8, rng=1, **SMALL)
    assert not res.feasible
    assert res.probability_checked < 0.8
    base = res.target_table().baseline_probability.iloc[0]
    assert res.probability_checked >= base  # the best reachable, at least the baseline's
    (verdict,) = [n for n in res.notes if n.code == "optimize.out_of_reach"]
    assert verdict["p"] == 0.8 and verdict["best"] == res.probability_checked
    assert any("out of reach" in n for n in res.note_texts("en"))
    assert res.report()["feasible"] is False
    assert "OUT OF REACH" in res.summary()
    zh = res.summary("zh")
    # one sentence, not a dangling "最高可达" with no figure after it; no English draws/origin
    assert "目标概率无法达到（本方案可达概率最高）" in zh and "最高可达\n" not in zh
    assert "draws, seed" not in zh and "次模拟，种子" in zh
    assert not any(en in zh for en, _ in ORIGIN_ZH), zh.splitlines()[3]


def test_budget_mode_maximises_the_probability(city: sm.DataSet) -> None:
    res = optimize(city, "2026Q3", indicators=["iva"], budget=1.0, rng=2, **SMALL)
    assert res.problem.mode == "max_probability"
    assert res.cost <= 1.0 + 1e-9
    singles = res.single_lever[res.single_lever.cost <= 1.0 + 1e-9]
    assert res.probability_checked >= singles.probability_checked.max() - 1e-12
    assert res.binding.set_index("kind").loc["budget", "limit"] == 1.0


def test_targets_of_a_district_get_the_lever_there(city: sm.DataSet) -> None:
    res = optimize(
        city,
        "2026Q3",
        indicators=["retail"],
        units=["SLQ"],
        target_probability=0.5,
        projects=False,
        rng=3,
        **SMALL,
    )
    assert res.feasible
    assert res.package.levers["consumption_vouchers"].keys() == {"SLQ"}
    assert res.spec.levers[0].units == (("SLQ", res.package.levers["consumption_vouchers"]["SLQ"]),)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"indicators": ["gpd"]}, "Did you mean 'gdp'"),
        ({"units": ["XX"]}, "unknown unit"),
        ({"use_levers": ["vouchers"]}, "unknown lever"),
        ({"indicators": ["fai"], "units": ["AFS-HT"]}, "no 2026 target for AFS-HT × fai"),
    ],
)
def test_bad_input_before_any_work(city: sm.DataSet, kwargs: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        optimize(city, "2026Q3", rng=0, **SMALL, **kwargs)


def test_rng_accepts_a_generator(city: sm.DataSet) -> None:
    rng = np.random.default_rng(0)
    res = optimize(city, "2026Q3", indicators=["exports"], target_probability=0.3, rng=rng, **SMALL)
    assert res.seeds["check"] == res.seeds["saa"] + 1
    assert isinstance(res.target_table(), pd.DataFrame)


def test_joint_out_of_reach_each_separately_reachable(city: sm.DataSet) -> None:
    # Vouchers lift retail to about 83%, export support exports to about 47%, but both in the
    # same draw happen in about 44% of the draws. The probability asked is the lower of the two
    # separate bests (taken from the optimiser itself, so that a change of the baseline
    # forecast moves the case, not its logic; 0.5 and 0.45 before the combination's members
    # changed in issue 17 item 6, 0.469 and 0.43 since). The premise of the case, the joint best
    # below the lower separate best by more than the accepted shortfall, is asserted with a
    # cushion of 0.01 (the gap is 0.02 on the example: 0.41 jointly against 0.43).
    kw = {"indicators": ["retail", "exports"], "rng": 4, **SMALL}
    joint_best = optimize(city, "2026Q3", target_probability=0.99, **kw).probability_checked
    each_best = optimize(city, "2026Q3", joint=False, target_probability=0.99, **kw)
    p = round(float(each_best.target_table().probability_checked.min()), 3)
    assert 0.3 < joint_best < p - 0.01  # jointly out of reach by more than the shortfall
    joint = optimize(city, "2026Q3", target_probability=p, **kw)
    each = optimize(city, "2026Q3", joint=False, target_probability=p, **kw)
    assert not joint.feasible and joint.probability_checked < p
    assert each.feasible
    per_target = each.target_table().probability_checked
    assert (per_target >= p - each.problem.accepted_shortfall).all()
    assert each.probability_checked == pytest.approx(per_target.min())


def test_timing_lever_levels_cost_what_the_engine_says(city: sm.DataSet) -> None:
    from sprintmodel.optimize.model import build_decisions, decision_effects, targets_for
    from sprintmodel.scenario.project_effects import waiting_on_land

    engine = ScenarioEngine.build(city, "2026Q3", n_draws=100, seed=0)
    targets = targets_for(engine, PackageProblem(indicators=("fai",)))
    decisions = build_decisions(engine, targets, ["land_acceleration"], [])
    assert [d.level for d in decisions] == [1.0, 2.0, 3.0]
    eff, cost = decision_effects(engine, targets, decisions)
    # The land lever acts on the projects waiting on a parcel not cleared (parcels.csv): the
    # five land-pending projects and the approved and signed JC-P043 and JC-P044.
    n_land = int(waiting_on_land(city, engine.register).sum())
    assert n_land == 7
    assert cost == pytest.approx([0.1 * n_land * k for k in (1, 2, 3)])
    assert (eff.mean(axis=0)[0] > 0).all()  # earlier starts add investment this year


def test_a_saturating_lever(city: sm.DataSet) -> None:
    import dataclasses

    levers = sm.default_levers()
    sat = dataclasses.replace(
        levers["consumption_vouchers"], response="saturating", response_scale=1.5
    )
    new = sm.LeverSet(
        {**levers.levers, "consumption_vouchers": sat},
        levers.bridges,
        levers.project_model,
        levers.source,
    )
    res = optimize(
        city,
        "2026Q3",
        indicators=["retail"],
        target_probability=0.5,
        levers=new,
        rng=0,
        **SMALL,
    )
    assert res.feasible
    x = res.package.intensities()["consumption_vouchers"]
    linear = optimize(
        city, "2026Q3", indicators=["retail"], target_probability=0.5, rng=0, **SMALL
    ).package.intensities()["consumption_vouchers"]
    assert x > linear  # diminishing returns need more intensity for the same odds
    assert res.cost <= res.cheapest_single_lever["cost"] + 1e-9  # type: ignore[index]


def test_tornado_variants_cover_every_uncertain_number() -> None:
    from sprintmodel.optimize.sensitivity import variants

    levers = sm.default_levers()
    found = list(variants(levers, ["land_pending", "approved"]))
    names = {v.assumption for v in found}
    assert "lever consumption_vouchers → retail" in names
    assert "lever land_acceleration realisation" in names
    assert "bridge fai → gdp" in names and "bridge iva → gdp" not in names  # fixed: no range
    assert {"baseline forecast error", "baseline forecast spread"} <= names
    assert any(n.startswith("delays of land_pending") for n in names)
    # the names are rendered from structured notes, which carry the codes
    vouchers = next(v.about for v in found if v.assumption.startswith("lever consumption_v"))
    assert vouchers.code == "tornado.lever"
    assert vouchers.args == {"lever": "consumption_vouchers", "indicator": "retail"}
    delay = next(v.about for v in found if v.kind == "delay")
    assert delay.code == "tornado.delay" and delay["status"] in ("land_pending", "approved")
    ends = [v for v in variants(levers) if v.assumption == "bridge fai → gdp"]
    assert [e.label for e in ends] == ["0.08", "0.2"]


def test_least_threshold_by_hand() -> None:
    from sprintmodel.optimize.search import least_threshold

    thr = np.array([[0.0, 1.0], [2.0, 0.5], [np.inf, 0.0], [1.5, 3.0]])
    # Joint: max over targets 1, 2, inf, 3 → the 3rd smallest (⌈0.75 × 4⌉) is 3.
    assert least_threshold(thr, 0.75, joint=True) == 3.0
    # Each: target 0 sorted 0, 1.5, 2, inf → 2; target 1 sorted 0, 0.5, 1, 3 → 1; max 2.
    assert least_threshold(thr, 0.75, joint=False) == 2.0
    assert least_threshold(thr, 1.0, joint=True) == np.inf


def test_rounding_up_never_passes_a_shared_cap(city: sm.DataSet) -> None:
    from sprintmodel.optimize.model import (
        build_decisions,
        package_from_w,
        package_spec,
        targets_for,
    )

    engine = ScenarioEngine.build(city, "2026Q3", n_draws=50, seed=0)
    targets = targets_for(engine, PackageProblem(indicators=("retail",), units=("JC", "SLQ")))
    decisions = build_decisions(engine, targets, ["consumption_vouchers"], [])
    assert [d.unit for d in decisions] == ["JC", "SLQ"]  # city-wide and in the district
    package, _ = package_from_w(engine, decisions, np.array([1.50005, 1.49995]))
    assert sum(package.levers["consumption_vouchers"].values()) <= 3.0 + 1e-12
    engine.resolve(package_spec(engine, package))  # within the cap: no error


def test_compare_puts_packages_side_by_side(retail: OptimizationResult) -> None:
    from sprintmodel.optimize.results import compare

    table = compare(retail, retail)
    assert table.shape[1] == 2
    assert table.loc["cost"].iloc[0] == retail.cost
    assert "lever consumption_vouchers" in table.index
    assert retail.compare(retail).equals(table)


def test_registration_options_carry_the_whole_year(city: sm.DataSet) -> None:
    # JC-P036 (川城区) plans to register in 2027-01; accelerations.csv lets it register up to
    # three months earlier. Under the statistics' rule each option that brings the entry into
    # this year adds the project's whole year (10.01 done January-September plus its Q4
    # spending) to 川城区's investment, so every option moves CCQ's fai growth up; the three
    # months' option (October) is the largest, being the one least exposed to slips into 2027.
    from sprintmodel.optimize.model import build_decisions, decision_effects, targets_for

    engine = ScenarioEngine.build(city, "2026Q3", n_draws=100, seed=0)
    targets = targets_for(engine, PackageProblem(indicators=("fai",), units=("CCQ",)))
    assert city.accelerations is not None
    acc = city.accelerations.only(["JC-P036"]).feasible(engine.register, engine.as_of_month)
    options = list(acc.options())
    assert [(o.action, o.months) for o in options] == [("entry", 1), ("entry", 2), ("entry", 3)]
    decisions = build_decisions(engine, targets, [], options)
    eff, cost = decision_effects(engine, targets, decisions)
    gain = eff.mean(axis=0)[0]  # pp of CCQ's full-year fai growth
    assert (gain > 0).all() and gain[2] == gain.max()
    assert cost == pytest.approx([0.02, 0.04, 0.06])
    # At most the whole year: (10.01 + Q4 spending 3.34) over CCQ's last-year investment.
    base = engine.plans["fai"].draws.base_full[engine.plans["fai"].units.index("CCQ")]
    assert gain[2] <= 100 * 13.35 / base + 1e-9
