"""Lever and project effects worked out by hand on a tiny folder, independent of the engine.

The folder is the suite's tiny city (``conftest.TINY``: city C, rollup districts D1 and D2, park
P1 inside C; quarterly real GDP, monthly nominal FAI of the city only) plus one services project
PJ3, and a levers file whose every number is fixed (no uncertainty, no project delays), so the
change of every draw is one number computed below from the CSV figures. Each test goes through
the public API (``ScenarioEngine``, ``ScenarioSpec``, ``evaluate``, ``to_draws``) and compares
the change of the full-year level from the baseline with the hand result to 1e-6 relative, so a
5% error in a lever's effect, a response factor, a timing weight, an allocation share, a bridge,
the real/nominal conversion, a park's share, the S-curve or the output ramp fails
(``benchmarks/mutations.py`` shows each of them failing).

Figures used (2025 as of Q3 and September; ``conftest._observations``):

- price ratio ``ytd_value / ytd_level`` of real GDP, Jan-Sep 2025: D1 356.80 / (330 × 1.06 =
  349.8); D2 175.03 / (165 × 1.04 = 171.6); C 531.83 / (495 × 1.053 = 521.235), where 1.053 is
  the city's published growth 5.3% and the value 495 × 1.053333 × 1.02 = 531.83 (rounded);
- last year's full-year GDP: D1 460, D2 230, C 690, P1 184 (the park's share of C: 184 / 690).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import sprintmodel as sm
from sprintmodel.scenario import LeverSet, ScenarioEngine, ScenarioSpec
from sprintmodel.scenario._testing import synthetic_baseline
from tests.conftest import write_tiny

LEVERS = """
version: 1
bridges:
  fai_to_gdp:
    from: fai
    to: gdp
    weight: {dist: fixed, value: 0.2, source: "test: hand-worked"}
levers:
  bonds:
    name_zh: 专项债
    name_en: Bonds
    description: a lever on nominal FAI
    intensity_unit: 亿元
    cap: {value: 100, source: test}
    cost: {per_unit: 1.0, kind: debt_quota, source: test}
    timing: {shape: weights, weights: [0.5, 0.3, 0.2], source: test}
    allocate_by: fai
    effects:
      - indicator: fai
        per_unit: {dist: fixed, value: 2.0, source: test}
  support:
    name_zh: 稳增长
    name_en: Support
    description: a lever on real GDP
    intensity_unit: 亿元
    cap: {value: 100, source: test}
    cost: {per_unit: 1.0, kind: budget, source: test}
    timing: {shape: even, months: 4, source: test}
    allocate_by: gdp
    effects:
      - indicator: gdp
        per_unit: {dist: fixed, value: 1.5, source: test}
  saturating:
    name_zh: 饱和
    name_en: Saturating
    description: a lever with diminishing returns
    intensity_unit: 亿元
    cap: {value: 100, source: test}
    cost: {per_unit: 1.0, kind: budget, source: test}
    timing: {shape: weights, weights: [1.0], source: test}
    response: {kind: saturating, scale: 5.0, source: test}
    spillovers: false
    allocate_by: fai
    effects:
      - indicator: fai
        per_unit: {dist: fixed, value: 1.0, source: test}
projects:
  s_curve: {shape: smoothstep, source: test}
  ramp_months: {value: 4, source: test}
  entry_threshold: {value: 0.05, source: test}
  overdue_months: {value: 3, source: test}
  delays:
    source: "test: no delays"
    common_factor: {value: 0.0, source: test}
    by_status:
      signed: {mean: 0.0, sd: 0.0}
      land_pending: {mean: 0.0, sd: 0.0}
      approved: {mean: 0.0, sd: 0.0}
      under_construction: {mean: 0.0, sd: 0.0}
      producing: {mean: 0.0, sd: 0.0}
"""

# A services project in D2, fully invested, producing from October 2025: value added at
# capacity 24 × 0.5 / 12 = 1 亿元 a month, reached over a 4-month ramp.
PJ3 = "PJ3,三号项目,D2,services,producing,10,10,2024-01,2025-09,2024-02,2025-10,24,0.5\n"

PRICE_C = 531.83 / (495 * 1.053)
PRICE_D1 = 356.80 / (330 * 1.06)
PRICE_D2 = 175.03 / (165 * 1.04)
PARK_SHARE = 184 / 690


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> ScenarioEngine:
    folder = write_tiny(tmp_path_factory.mktemp("hand") / "tiny")
    with (folder / "projects.csv").open("a", encoding="utf-8") as f:
        f.write(PJ3)
    ds = sm.load_folder(folder)
    (folder / "levers.yaml").write_text(LEVERS, encoding="utf-8")
    levers = LeverSet.from_yaml(folder / "levers.yaml")
    return ScenarioEngine(ds, synthetic_baseline(ds, "2025Q3", n_draws=10, seed=1), levers, seed=1)


def change(engine: ScenarioEngine, spec: ScenarioSpec) -> dict[str, dict[str, float]]:
    """Full-year level minus the baseline's, per indicator and unit; the same in every draw."""
    base = engine.baseline_result().to_draws()
    res = engine.evaluate(spec).to_draws()
    out: dict[str, dict[str, float]] = {}
    for code in res:
        diff = res[code].fy - base[code].fy
        np.testing.assert_allclose(diff, diff[:1].repeat(len(diff), axis=0), atol=1e-12)
        out[code] = dict(zip(res[code].units, diff[0].tolist(), strict=True))
    return out


def test_amount_lever_timing_bridge_price_and_park(engine: ScenarioEngine) -> None:
    # 10 亿元 from November at 2.0 per unit, weights 0.5 / 0.3 / 0.2 by month: November and
    # December count, 0.8. FAI is the city's only: it all lands at C, 2.0 × 0.8 × 10 = 16.
    # GDP through the bridge 0.2: 3.2 亿元 at current prices, a volume 3.2 / PRICE_C at C; the
    # park P1 shows its share 184 / 690 of C's change (and adds nothing to C).
    d = change(engine, engine.spec("t").with_lever("bonds", 10.0, start="2025-11"))
    assert d["fai"]["C"] == pytest.approx(16.0, rel=1e-9)
    assert d["gdp"]["C"] == pytest.approx(3.2 / PRICE_C, rel=1e-6)
    assert d["gdp"]["C"] == pytest.approx(3.136250, rel=1e-6)
    assert d["gdp"]["P1"] == pytest.approx(PARK_SHARE * 3.2 / PRICE_C, rel=1e-6)
    assert d["gdp"]["D1"] == 0.0 and d["gdp"]["D2"] == 0.0


def test_real_lever_allocated_to_districts(engine: ScenarioEngine) -> None:
    # 4 亿元 city-wide from October, even over 4 months: October-December count, 0.75. It is
    # allocated by last year's GDP, D1 460 : D2 230, so D1 gets 8/3 and D2 4/3; at 1.5 per
    # unit D1 gains 1.5 × 0.75 × 8/3 = 3.0 亿元 and D2 1.5 at current prices, volumes 3.0 /
    # PRICE_D1 and 1.5 / PRICE_D2; C is their sum, the park its share of C.
    d = change(engine, engine.spec("t").with_lever("support", 4.0, start="2025-10"))
    d1, d2 = 3.0 / PRICE_D1, 1.5 / PRICE_D2
    assert d["gdp"]["D1"] == pytest.approx(d1, rel=1e-6)
    assert d["gdp"]["D2"] == pytest.approx(d2, rel=1e-6)
    assert d["gdp"]["C"] == pytest.approx(d1 + d2, rel=1e-6)
    assert d["gdp"]["P1"] == pytest.approx(PARK_SHARE * (d1 + d2), rel=1e-6)
    assert (d1, d2) == pytest.approx((2.941143, 1.470605), rel=1e-6)
    assert d["fai"]["C"] == 0.0


def test_saturating_response(engine: ScenarioEngine) -> None:
    # Total effect s (1 - exp(-X/s)) = 5 (1 - e^-2) = 4.323324 for X = 10, s = 5, all in
    # December (weights [1.0]), 1.0 per unit, no bridge (spillovers: false).
    d = change(engine, engine.spec("t").with_lever("saturating", 10.0, start="2025-12"))
    assert d["fai"]["C"] == pytest.approx(5.0 * (1.0 - math.exp(-2.0)), rel=1e-9)
    assert d["gdp"]["C"] == 0.0


def test_project_shift_follows_the_s_curve(engine: ScenarioEngine) -> None:
    # PJ2 (D2, land pending, 10 亿元, November 2025 - June 2026: n = 8 months) spends on the
    # smoothstep S(t) = t² (3 - 2t): by December S(2/8) = (1/16)(3 - 1/2) = 0.15625, 1.5625
    # 亿元. One month later (December - July) only S(1/8) = (1/64)(3 - 1/4) = 0.04296875,
    # 0.4296875 亿元. Change -1.1328125 of FAI at C (the city's only FAI series); GDP at D2
    # (the project's district has GDP) through the bridge, 0.2 × -1.1328125 / PRICE_D2.
    d = change(engine, engine.spec("t").with_projects({"project": "PJ2", "shift_months": 1}))
    assert d["fai"]["C"] == pytest.approx(10 * (0.04296875 - 0.15625), rel=1e-9)
    fai = -1.1328125
    assert d["gdp"]["D2"] == pytest.approx(0.2 * fai / PRICE_D2, rel=1e-6)
    assert d["gdp"]["C"] == pytest.approx(d["gdp"]["D2"], rel=1e-9)
    assert d["gdp"]["D1"] == 0.0


def test_production_shift_follows_the_output_ramp(engine: ScenarioEngine) -> None:
    # PJ3 produces from October at 1 亿元 a month at capacity over a 4-month ramp: 1/4, 2/4,
    # 3/4 in October-December, 1.5 亿元 of value added. Production one month later: 1/4, 2/4
    # in November-December, 0.75. Change -0.75 亿元 of GDP at current prices in D2 (services
    # value added goes to GDP), a volume -0.75 / PRICE_D2, and the same at C.
    spec = engine.spec("t").with_projects({"project": "PJ3", "production_shift_months": 1})
    d = change(engine, spec)
    assert d["gdp"]["D2"] == pytest.approx(-0.75 / PRICE_D2, rel=1e-6)
    assert d["gdp"]["C"] == pytest.approx(-0.75 / PRICE_D2, rel=1e-6)
    assert d["fai"]["C"] == 0.0


def test_levers_add_up_and_zero_is_nothing(engine: ScenarioEngine) -> None:
    # Linear levers add: bonds and support together are the sum of each alone.
    both = engine.spec("t").with_lever("bonds", 10.0, start="2025-11")
    both = both.with_lever("support", 4.0, start="2025-10")
    d = change(engine, both)
    expected_c = 3.2 / PRICE_C + 3.0 / PRICE_D1 + 1.5 / PRICE_D2
    assert d["gdp"]["C"] == pytest.approx(expected_c, rel=1e-6)
    zero = change(engine, engine.spec("t").with_lever("bonds", 0.0))
    assert zero["fai"]["C"] == 0.0
