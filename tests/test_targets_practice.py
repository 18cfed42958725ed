"""Next year's targets as a planning office would sign them (issue 18, item 5, targets part).

- no negative tier offered silently: a statistical option that is a fall is offered at 0.0%,
  with a note giving the statistical value and both probabilities;
- 双过半 as practice uses it: an amount needs half the year's amount by June, a growth target
  first-half growth not below the annual target, nothing else;
- ``allocation.csv`` adds up: the rows marked ``in_sum`` (the units and the city's 本级) add up
  to the city's target for every indicator.

The numbers are worked by hand in the comments; the draft on the example city checks that the
draft uses them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.notes import Note
from sprintmodel.reporting.targets import write_targets
from sprintmodel.targets import TargetsResult, draft_targets, solve_allocation, statistical_options
from sprintmodel.targets.allocation_table import RESIDUAL_UNIT, residual_row
from sprintmodel.targets.option_table import FLOOR_NOTE, floor_at_zero
from sprintmodel.targets.options import amount_options
from sprintmodel.words.notes import note_text


@pytest.fixture(scope="module")
def city() -> sm.DataSet:
    return sm.example_city()


@pytest.fixture(scope="module")
def draft(city: sm.DataSet) -> TargetsResult:
    return draft_targets(city, 2027, n_draws=400, rng=0, towns=True)


# ----------------------------------------------------------------------------- (a) no fall
def test_a_negative_option_is_offered_at_zero_with_a_note() -> None:
    # Ten draws -3, -2, ..., 6 [%]. The 80% option is the 0.2 quantile: position 0.2 x 9 = 1.8,
    # -2 + 0.8 x 1 = -1.2, rounded to 0.5 pp: -1.0 (met by 8 draws of 10). It is a fall, so it
    # is offered at 0.0%, met by the 7 draws 0..6. The 50% option (1.5%, the median, met by 2..6:
    # 5 of 10) is kept as it is.
    d = np.arange(-3.0, 7.0)
    opts = floor_at_zero(statistical_options(d, {"cautious": 0.8, "baseline": 0.5}), d)
    low, mid = opts
    assert low["target_growth"] == 0.0 and low["probability"] == pytest.approx(0.7)
    assert low["quantile_growth"] == pytest.approx(-1.2)
    (said,) = low["note"]  # data; its words:
    assert note_text(said, "en") == (
        "statistical option -1.0% (P 80%) is a fall: offered at 0.0% (P 70%)"
    )
    assert note_text(said, "zh") == "统计测算增速-1.0%（把握80%）为下降，按0.0%提出（把握70%）"
    assert mid["target_growth"] == 1.5 and mid["probability"] == pytest.approx(0.5)
    assert "note" not in mid


def test_no_tier_of_the_draft_is_negative_and_each_raised_one_is_said(
    draft: TargetsResult, city: sm.DataSet
) -> None:
    opts = draft.unit_options
    stat = opts[opts.p_design.notna()]
    # Growth targets only: a task (城镇新增就业) is an amount and may be below this year's.
    at_least = [c for c, i in city.indicators.items() if not i.ceiling and not i.completion]
    assert (stat[stat.indicator.isin(at_least)].target_growth >= 0).all()
    t = draft.tiers()
    t = t[t.indicator.isin(at_least)]
    assert (t[["floor_growth", "strive_growth", "aspire_growth"]].to_numpy() >= 0).all()
    # The example city's investment falls at 80% odds: its floor is raised, and a note says so.
    floored = [FLOOR_NOTE in {n.code for n in notes} for notes in draft.options.note]
    raised = draft.options[np.array(floored, dtype=bool)]
    assert "fai" in set(raised.indicator)
    for r in raised.itertuples():
        note = Note.of(
            "targets.floor",
            indicator=r.indicator,
            option=r.option,
            growth=r.quantile_growth,
            design=r.p_design,
            probability=r.probability,
        )
        assert note in draft.notes
        # the option's design quantile and probability (its own note in options.csv gives the
        # rounded option and the probability recomputed for it)
        text = draft.note_texts()[draft.notes.index(note)]
        assert text.startswith(f"{r.indicator}: option {r.option}: statistical option ")
        assert text.endswith(f"is a fall: offered at 0.0% (P {r.probability:.0%})")
        assert r.quantile_growth < 0


# ----------------------------------------------------- a task's options are amounts (jobs)
def test_task_options_are_amounts_rounded_to_three_figures() -> None:
    # Ten draws of next year's growth -4, -3, ..., 5 [%] on this year's 10.32 万人. The 80%
    # option is the 0.2 quantile of the amounts: growth -4 + 0.2 × 9 = -2.2%, 10.32 × 0.978 =
    # 10.093 万人, rounded to three figures 10.1 (growth -2.13%: met by -2..5, 8 of 10). The
    # 50%: +0.5%, 10.3716 → 10.4 (+0.78%: met by 1..5, 5 of 10); the 30%: the 0.7 quantile
    # +2.3%, 10.557 → 10.6 (+2.71%: met by 3..5, 3 of 10).
    d = np.arange(-4.0, 6.0)
    opts = amount_options(d, 10.32, {"cautious": 0.8, "baseline": 0.5, "ambitious": 0.3})
    assert [o["target_value"] for o in opts] == pytest.approx([10.1, 10.4, 10.6], abs=1e-12)
    assert [o["probability"] for o in opts] == pytest.approx([0.8, 0.5, 0.3])
    assert opts[0]["target_growth"] == pytest.approx(100 * (10.1 / 10.32 - 1))
    assert opts[0]["quantile_growth"] == pytest.approx(-2.2)
    # The wrong variant (growth tiers in steps of 0.5 pp, a fall offered at 0.0%) gives
    # 10.32, 10.3716 and 10.5780 万人: not what a task is set as.
    tiers = floor_at_zero(statistical_options(d, {"c": 0.8, "b": 0.5, "a": 0.3}), d)
    wrong = [10.32 * (1 + float(o["target_growth"]) / 100) for o in tiers]
    assert wrong == pytest.approx([10.32, 10.3716, 10.578])
    assert wrong != pytest.approx([10.1, 10.4, 10.6], abs=1e-3)


def test_the_drafts_jobs_options_are_a_number_of_jobs(draft: TargetsResult) -> None:
    # 城镇新增就业 (target_kind completion, 万人): each tier is an amount to 0.1 万人 (this
    # year's 10.3 万人 to three figures), its probability that of the growth it means.
    t = draft.tiers().set_index("indicator").loc["jobs"]
    this_year = float(
        draft.options.set_index(["indicator", "option"]).loc[
            ("jobs", "baseline"), "this_year_value"
        ]
    )
    for tier in ("floor", "strive", "aspire"):
        v = float(t[f"{tier}_value"])
        assert round(v * 10) == pytest.approx(v * 10, abs=1e-9)
        assert float(t[f"{tier}_growth"]) == pytest.approx(100 * (v / this_year - 1))
        assert float(t[f"p_{tier}"]) == pytest.approx(
            draft.probability("jobs", float(t[f"{tier}_growth"])), abs=1e-12
        )
    assert 9.0 < float(t.floor_value) < float(t.strive_value) < float(t.aspire_value) < 12.0
    line = next(x for x in draft.summary("zh").splitlines() if "城镇新增就业" in x)
    assert f"力争 {float(t.strive_value):g}万人" in line and "%" in line  # "(P ..%)" only


# ----------------------------------------------------------------------------- (b) 双过半
def test_double_half_of_a_growth_target_asks_for_the_target_growth(draft: TargetsResult) -> None:
    dh = draft.double_half.set_index(["unit", "indicator"])
    gdp = dh.loc[("JC", "gdp")]
    target = draft.city_targets["gdp"]
    # GDP's target is a growth rate: the first half needs the annual target's growth (6.5% for
    # a 6.5% target), not the 13.8% that half the annual level would need.
    assert gdp.double_half_rule == "growth"
    assert gdp.h1_growth_for_double_half == pytest.approx(target)
    h1 = draft.milestones.set_index(["unit", "indicator", "period"]).loc[("JC", "gdp", "2027Q2")]
    assert gdp.h1_value_for_double_half == pytest.approx(h1.this_year_ytd * (1 + target / 100))
    # Every growth-type row of the city asks for its own target's growth.
    growth = draft.double_half[draft.double_half.double_half_rule == "growth"]
    assert np.allclose(growth.h1_growth_for_double_half, growth.target_growth)


def test_double_half_of_an_amount_asks_for_half_of_it(draft: TargetsResult) -> None:
    # New urban jobs: this year's target was 10.70 万人 (targets.csv, a level without growth).
    amount = draft.double_half[draft.double_half.double_half_rule == "amount"]
    assert set(amount.indicator) == {"jobs"}
    assert np.allclose(amount.h1_value_for_double_half, amount.target_value / 2)
    assert (
        amount.double_half_on_path == (amount.h1_value_on_path >= amount.target_value / 2)
    ).all()


# ----------------------------------------------------------------------------- (c) adds up
def test_the_residual_row_by_hand() -> None:
    # Units of 100 and 100 in a parent of 210 with a 6% target; references 4% and 6%, so each
    # moves up 1 pp: 105 and 107. The parent's own part (本级) is 210 - 200 = 10, grown at 6%:
    # 10.6. 105 + 107 + 10.6 = 222.6 = 210 x 1.06.
    a = solve_allocation(
        6.0,
        [100.0, 100.0],
        [4.0, 6.0],
        [0.0, 0.0],
        [10.0, 10.0],
        units=["A", "B"],
        parent="P",
        indicator="gdp",
        parent_base=210.0,
    )
    row = residual_row(a, in_sum=True)
    assert (row["unit"], row["parent"], row["level"], row["in_sum"]) == (
        RESIDUAL_UNIT,
        "P",
        "residual",
        True,
    )
    assert row["this_year_value"] == pytest.approx(10.0)
    assert row["target_value"] == pytest.approx(10.6)
    assert row["target_growth"] == 6.0
    assert a.target_level.tolist() == pytest.approx([105.0, 107.0])
    assert float(a.target_level.sum()) + row["target_value"] == pytest.approx(222.6)


def test_allocation_rows_in_the_sum_add_up_to_the_city(
    draft: TargetsResult, city: sm.DataSet
) -> None:
    alloc = draft.allocation
    for code in city.indicators:
        sub = alloc[alloc.indicator == code]
        city_row = sub[sub.level == "city"].iloc[0]
        part = sub[sub.in_sum]
        # The city's units and one 本级 row, nothing else (no towns, no parks).
        assert set(part.parent) == {city.root}
        assert set(part.level) == {"unit", "residual"}
        assert (part.unit == RESIDUAL_UNIT).sum() == 1
        assert part.target_value.sum() == pytest.approx(city_row.target_value, rel=1e-12)
        # 本级 is this year's city level minus its units', grown at the city's target.
        own = part[part.unit == RESIDUAL_UNIT].iloc[0]
        units = part[part.level == "unit"]
        rest = city_row.this_year_value - units.this_year_value.sum()
        assert own.this_year_value == pytest.approx(rest, rel=1e-12)
        assert own.target_value == pytest.approx(rest * (1 + city_row.target_growth / 100))


def test_towns_and_their_county_residual_add_up_to_the_county(draft: TargetsResult) -> None:
    # 安丰县 (AFS) has three towns: with towns=True its target is allocated among them, with
    # AFS's own 本级; they add up to AFS's target and are not in the city's sum.
    alloc = draft.allocation
    for code in ("fai", "retail"):  # the towns publish no GDP
        assert [a.parent for a in draft.allocations[code]] == ["JC", "AFS"]
        sub = alloc[(alloc.indicator == code) & (alloc.parent == "AFS")]
        assert set(sub.level) == {"town", "residual"} and not sub.in_sum.any()
        county = alloc[(alloc.indicator == code) & (alloc.unit == "AFS")].iloc[0]
        assert sub.target_value.sum() == pytest.approx(county.target_value, rel=1e-12)


def test_allocation_csv_adds_up(tmp_path: Path, city: sm.DataSet) -> None:
    res = draft_targets(city, 2027, n_draws=200, rng=1, indicators=["iva", "gdp"])
    out = tmp_path / "t"
    write_targets(res, out, lang="zh")
    frame = pd.read_csv(out / "allocation.csv")
    for code in ("iva", "gdp"):
        sub = frame[frame.indicator == code]
        total = sub[sub.in_sum.astype(bool)].target_value.sum()
        assert total == pytest.approx(sub[sub.level == "city"].target_value.iloc[0], rel=1e-9)


def test_the_drafts_notes_are_data_said_in_either_language(draft: TargetsResult) -> None:
    # The notes the targets printout, targets.xlsx and run.json show: data in the core, English
    # as it was word for word, Chinese naming indicators, units and stages (English before).
    assert draft.notes[0] == Note.of(
        "targets.source", source="baseline forecast", as_of_period=str(draft.as_of), n=400
    )
    en, zh = draft.note_texts("en"), draft.note_texts("zh")
    assert (
        en[0] == f"this year's full year from the baseline forecast as of {draft.as_of}, 400 draws"
    )
    assert (
        str(draft.as_of) == "2026-10"
        and zh[0] == "今年全年预计来自基准预测（截至2026年10月，400次模拟）"
    )
    (cover,) = [n for n in draft.notes if n.code == "targets.plan_coverage"]
    stages = [p["stage"] for p in cover["parts"]]
    assert stages == ["continuing", "new_start", "reserve", "planned"]
    i = draft.notes.index(cover)
    assert "(continuing " in en[i] and ", new starts " in en[i]
    assert zh[i].startswith("明年投资计划覆盖江川市投资目标总量") and "、新开工" in zh[i]
    summary = draft.summary("zh")
    assert "注：" in summary and "note:" not in summary
    assert "note: this year's full year" in draft.summary("en")
