"""Catalogue cases of the sprint's optional registers: ``livelihood.csv``,
``enterprise_observations.csv``, ``enterprise_problems.csv``, levers aimed at enterprises and
``entrants.csv`` (candidates to enter the statistics).

Imported by :mod:`tests.broken.catalogue`, which appends :data:`REGISTERS` to its ``CASES``.
Each case adds a valid register to the tiny folder and breaks it in one way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.broken.catalogue import Case, both, replace

L, EO, EP, LV, EN = (
    "livelihood.csv",
    "enterprise_observations.csv",
    "enterprise_problems.csv",
    "levers.yaml",
    "entrants.csv",
)
LIVELIHOOD = """year,task,unit,department,category,budget,debt_quota,credit,start,finish,milestones,period,progress
2025,A,D1,d1-housing,住房,1.5,0.5,,2025-03,2025-12,2025-06:30,2025-09,60
"""
REGISTER = """enterprise,name,unit,industry,period,ytd_output,ytd_output_last_year
E1,一号钢厂,D2,钢铁,2025-09,30,40
"""
SERIES = """enterprise,indicator,period,ytd_value,ytd_growth
E1,output,2025-09,30,-25.0
"""
PROBLEMS = """problem,category,enterprises,department,deadline,status
orders,订单,E1,industry bureau,2025-11,open
"""
LEVER = """version: 1
levers:
  e1_orders:
    name_zh: 一号钢厂满产
    name_en: E1 at full capacity
    enterprise: E9
    intensity_unit: 亿元
    cap: {value: 1, source: test}
    cost: {per_unit: 1.0, kind: budget, source: test}
    timing: {shape: even, months: 3, source: test}
    effects:
      - indicator: gdp
        per_unit: {dist: fixed, value: 1.0, source: test}
"""

ENTRANTS = """entrant,name,unit,indicator,entry_month,period,ytd_value,ytd_value_last_year,probability
N1,一号商贸,D1,fai,2025-11,2025-09,13.2,6.6,0.8
"""


def write(name: str, text: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / name).write_text(text, encoding="utf-8")

    return edit


def with_register(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    return both(write("enterprises.csv", REGISTER), *edits)


G = "Livelihood and enterprise registers"
REGISTERS = [
    Case(
        "livelihood_unknown_unit",
        G,
        "a livelihood task in an unknown unit",
        both(write(L, LIVELIHOOD), replace(L, ",D1,", ",D7,")),
        "error",
        L,
        "unknown unit 'D7'",
        row=2,
        column="unit",
    ),
    Case(
        "livelihood_progress_over_100",
        G,
        "progress 600 instead of 60",
        both(write(L, LIVELIHOOD), replace(L, "2025-09,60", "2025-09,600")),
        "error",
        L,
        "outside 0-100",
        row=2,
        column="progress",
    ),
    Case(
        "livelihood_finish_before_start",
        G,
        "a task finishing before it starts",
        both(write(L, LIVELIHOOD), replace(L, "2025-03,2025-12", "2025-03,2024-12")),
        "error",
        L,
        "is before start",
        row=2,
        column="finish",
    ),
    Case(
        "livelihood_bad_milestones",
        G,
        "milestones written '6月完成30%'",
        both(write(L, LIVELIHOOD), replace(L, "2025-06:30", "6月完成30%")),
        "error",
        L,
        "is not MONTH:PERCENT",
        row=2,
        column="milestones",
    ),
    Case(
        "livelihood_period_without_progress",
        G,
        "a report month without the completion",
        both(write(L, LIVELIHOOD), replace(L, "2025-09,60", "2025-09,")),
        "error",
        L,
        "progress is empty",
        row=2,
        column="progress",
    ),
    Case(
        "livelihood_negative_money",
        G,
        "a negative budget",
        both(write(L, LIVELIHOOD), replace(L, ",1.5,", ",-1.5,")),
        "error",
        L,
        "is negative",
        row=2,
        column="budget",
    ),
    Case(
        "enterprise_series_without_register",
        G,
        "enterprise_observations.csv without enterprises.csv",
        write(EO, SERIES),
        "error",
        EO,
        "add enterprises.csv",
        row=1,
    ),
    Case(
        "enterprise_series_unknown_enterprise",
        G,
        "a monthly row of an enterprise not in the register",
        with_register(write(EO, SERIES), replace(EO, "E1,", "E2,")),
        "error",
        EO,
        "unknown enterprise 'E2'",
        row=2,
        column="enterprise",
    ),
    Case(
        "enterprise_series_no_growth",
        G,
        "an empty growth without last year's row",
        with_register(write(EO, SERIES), replace(EO, ",-25.0", ",")),
        "error",
        EO,
        "last year's row of the same span is not in the file",
        row=2,
        column="ytd_growth",
    ),
    Case(
        "enterprise_problem_unknown_enterprise",
        G,
        "a problem naming an enterprise not in the register",
        with_register(write(EP, PROBLEMS), replace(EP, ",E1,", ",E1;E9,")),
        "error",
        EP,
        "unknown enterprise 'E9'",
        row=2,
        column="enterprises",
    ),
    Case(
        "enterprise_problem_status_chinese",
        G,
        "a problem's status written in Chinese ('推进中')",
        with_register(write(EP, PROBLEMS), replace(EP, ",open", ",推进中")),
        "fixed",
        EP,
        "'推进中'→'in_progress'",
        column="status",
        same_as_clean=True,
    ),
    Case(
        "lever_unknown_enterprise",
        G,
        "a lever aimed at an enterprise not in the register",
        with_register(write(LV, LEVER)),
        "error",
        LV,
        "unknown enterprise 'E9'",
    ),
]

# After the plan files' cases (tests.broken.plan_files shares the group above).
ENTRANT_CASES = [
    *[
        Case(
            f"entrants_{name}",
            "Candidates to enter the statistics (entrants.csv)",
            title,
            both(write(EN, ENTRANTS), replace(EN, old, new)),
            "error",
            EN,
            phrase,
            row=2 if column else 1,
            column=column,
        )
        for name, title, old, new, phrase, column in (
            (
                "unknown_unit",
                "a candidate in an unknown unit",
                ",D1,",
                ",D7,",
                "unknown unit 'D7'",
                "unit",
            ),
            (
                "park",
                "a candidate in a park (rollup = no)",
                ",D1,",
                ",P1,",
                "does not add up into the city",
                "unit",
            ),
            (
                "unknown_indicator",
                "a candidate entering an unknown indicator",
                ",fai,",
                ",sales,",
                "unknown indicator 'sales'",
                "indicator",
            ),
            (
                "entry_not_month",
                "entry month written as 2025-13",
                ",2025-11,",
                ",2025-13,",
                "'2025-13' is not a month",
                "entry_month",
            ),
            (
                "entry_quarter",
                "entry month written as a quarter",
                ",2025-11,",
                ",2025Q4,",
                "is a quarter",
                "entry_month",
            ),
            (
                "negative_value",
                "a negative year-to-date figure",
                ",13.2,",
                ",-13.2,",
                "ytd_value -13.2 is negative",
                "ytd_value",
            ),
            (
                "empty_base",
                "last year's figure left empty",
                ",6.6,",
                ",,",
                "ytd_value_last_year is empty",
                "ytd_value_last_year",
            ),
            (
                "probability_percent",
                "probability 80 instead of 0.8",
                ",0.8",
                ",80",
                "probability 80 is outside 0-1",
                "probability",
            ),
            (
                "span_not_in_series",
                "figures to a month the unit's quarterly series does not have",
                ",D1,fai,2025-11,2025-09,",
                ",D1,gdp,2025-11,2025-10,",
                "has no figure for 2024-10",
                "period",
            ),
            (
                "missing_column",
                "the entry month column missing",
                "indicator,entry_month,",
                "indicator,month,",
                "missing column(s) entry_month",
                None,
            ),
        )
    ],
]
