"""The briefing model: figures formatted once, sentences that quote their tables, flags.

One fixture runs the example city's five shipped scenarios (400 draws, no charts) and builds the
model in Chinese and English; the tests assert on it. Reference values: the rounding rule is
checked against hand-worked ties; table cells against the scenario summaries (rounded half up);
the history check against :func:`sprintmodel.ytd.single_growth_from_ytd` applied by hand.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sprintmodel.briefing import brief
from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing.document import (
    BriefingModel,
    Column,
    Section,
    SectionError,
    Span,
    Table,
    cell_text,
)
from sprintmodel.briefing.extras import (
    Extra,
    ExtraContext,
    available_extras,
    compute_extras,
    extra_sections,
    register,
)
from sprintmodel.briefing.flags import (
    ScenarioFigures,
    check_add_up,
    check_investment,
    check_plausibility,
)
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.data import load_folder
from sprintmodel.status import ytd_status

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def runs() -> dict[str, object]:
    zh = brief(draws=400, charts=False, progress=False)
    en = brief(draws=400, charts=False, progress=False, lang="en", extras=())
    return {"zh": zh, "en": en}


@pytest.fixture(scope="module")
def model(runs: dict[str, object]) -> BriefingModel:
    return runs["zh"].model  # type: ignore[attr-defined]


# ------------------------------------------------------------------------------ numbers
@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (5.65, 1, "5.7"),  # binary 5.6499999... but printed half up, as offices publish
        (5.649, 1, "5.6"),
        (-0.25, 1, "-0.3"),
        (-0.04, 1, "0.0"),  # no negative zero
        (2.5, 0, "3"),
        (0.125, 2, "0.13"),
        (float("nan"), 1, "—"),
        (1234.5678, 2, "1234.57"),
    ],
)
def test_format_rounds_half_up(value: float, decimals: int, text: str) -> None:
    assert fmt.format_number(value, decimals) == text


def test_probabilities_never_round_to_certainty() -> None:
    assert [fmt.prob(p).text for p in (0.0, 0.004, 0.005, 0.1145, 0.995, 0.9999, 1.0)] == [
        "<1%",
        "<1%",
        "1%",
        "11%",
        ">99%",
        ">99%",
        ">99%",
    ]
    assert fmt.prob(0.1145).excel_value == pytest.approx(0.11)
    assert fmt.prob(0.003).excel_value == "<1%"


# ------------------------------------------------------------------------------ sentences
def _figures(text: str, literals: tuple[str, ...]) -> list[str]:
    for lit in sorted(literals, key=len, reverse=True):
        text = text.replace(lit, " ")
    return NUMBER.findall(text)


def _cells(model: BriefingModel, keys: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for key in keys:
        for row in model.table(key).rows:
            for c in row:
                out.update(n.lstrip("-") for n in NUMBER.findall(cell_text(c)))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_number_in_the_text_is_a_table_cell(runs: dict[str, object], lang: str) -> None:
    model: BriefingModel = runs[lang].model  # type: ignore[attr-defined]
    sentences = model.sentences()
    assert len(sentences) >= 10
    checked = 0
    for s in sentences:
        assert s.tables, s.text
        cells = _cells(model, s.tables)
        found = _figures(s.text, s.literals)
        quoted = {n.magnitude.lstrip("<>").rstrip("%") for n in s.numbers}
        for number in found:
            assert number in cells, f"{number} in {s.text!r} is in no cell of {s.tables}"
            assert number in quoted, f"{number} in {s.text!r} was not formatted by the table"
            checked += 1
    assert checked > 50


def test_headline_sentence_reads_like_a_briefing(model: BriefingModel) -> None:
    gdp = next(s for s in model.section("headline").paragraphs if "地区生产总值" in str(s))
    assert isinstance(gdp, Sentence)
    assert re.search(r"前三季度.*增长\d+\.\d%，四季度需增长\d+\.\d%方能完成全年", gdp.text)
    # FAI is monthly: its span is named by months. Far from its target (under one chance in
    # ten) its sentence opens with the pressure rather than the span.
    fai = next(s for s in model.section("headline").paragraphs if "固定资产投资" in str(s))
    assert str(fai).startswith("固定资产投资压力较大：1—9月") and "10—12月需增长" in str(fai)
    # Retail, short by a little with a fair chance, keeps the span first.
    retail = next(s for s in model.section("headline").paragraphs if "社会消费品" in str(s))
    assert str(retail).startswith("1—9月，社会消费品零售总额")


def test_headline_cells_are_the_summary_rounded(runs: dict[str, object]) -> None:
    run = runs["zh"]
    model: BriefingModel = run.model  # type: ignore[attr-defined]
    ref = run.batch.reference  # type: ignore[attr-defined]
    s = ref.summary[ref.summary.unit == "JC"].set_index("indicator")
    # Jobs (a target to complete) is read against time progress on page one, not here.
    s = s.drop(index="jobs")
    table = model.table("headline")
    keys = [c.key for c in table.columns]
    assert len(table.rows) == len(s) == 6
    for row, code in zip(table.rows, s.index, strict=True):
        cells = dict(zip(keys, row, strict=True))

        def half_up(x: float, d: int = 1) -> str:
            q = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-d), ROUND_HALF_UP)
            return f"{abs(q) if q == 0 else q:.{d}f}"

        assert cells["fy_growth"].text == half_up(s.at[code, "fy_growth"])
        rng = cells["fy_growth_range"]
        assert isinstance(rng, Span)
        assert (
            rng.text
            == f"{half_up(s.at[code, 'fy_growth_p10'])}～{half_up(s.at[code, 'fy_growth_p90'])}"
        )
        assert cells["gap_pp"].text == half_up(s.at[code, "gap_pp"])
        assert cells["q4_growth_required"].text == half_up(s.at[code, "q4_growth_required"])
        p = s.at[code, "p_meet_target"]
        assert cells["p_meet_target"].value == pytest.approx(p)
    # Chinese headers, Jan-Sep named by months.
    assert table.headers[:3] == ["指标", "1—9月累计值", "1—9月增速(%)"]
    assert "全年预计增速(%)" in table.headers and "四季度需增长(%)" in table.headers


def test_sections_in_order(model: BriefingModel) -> None:
    keys = [s.key for s in model.sections]
    extras = [
        k for k in ("package", "targets", "enterprises", "livelihood") if k in available_extras()
    ]
    assert keys == [
        "overview",
        "headline",
        "comparison",
        "league",
        "projects",
        *extras,
        "details",
        "checks",
        "notes",
    ]
    assert model.sections[0].title == "一、总体判断"
    assert model.sections[1].title == "二、主要指标全年预判"
    assert model.section("details").title.startswith(f"{'六七八九十'[len(extras)]}、")
    assert len(model.section("details").subsections) == 5
    assert model.table("cmp_growth").column("scenario")[0] == "基准情景"
    kinds = {c.kind for c in model.charts()}
    assert kinds == {"fan", "requirement", "comparison", "league", "gantt", "waterfall"}


def test_english_model_has_english_words(runs: dict[str, object]) -> None:
    model: BriefingModel = runs["en"].model  # type: ignore[attr-defined]
    assert model.table("headline").headers[0] == "Indicator"
    text = " ".join(s.text for s in model.sentences())
    assert "must grow" in text and "of meeting" in text and "chance" in text
    assert not re.search(r"[\u4e00-\u9fff]", model.section("headline").title)


# ------------------------------------------------------------------------------ flags
def test_required_growth_above_record_is_flagged(runs: dict[str, object]) -> None:
    model: BriefingModel = runs["zh"].model  # type: ignore[attr-defined]
    ds = load_folder(ROOT / "data" / "example_city")
    flags = [f for f in model.flags if f.kind == "q4_required_above_history"]
    slq = next(f for f in flags if (f.unit, f.indicator) == ("SLQ", "gdp"))
    # By hand: each past year's Q4 growth from last year's ytd values and this year's growth.
    panel = ds.panel("gdp", "Q", units=["SLQ"])
    v, g = panel.ytd_value[0], panel.growth()[0]
    q4 = [
        100
        * (
            (v[y - 1, 3] * (1 + g[y, 3] / 100) - v[y - 1, 2] * (1 + g[y, 2] / 100))
            / (v[y - 1, 3] - v[y - 1, 2])
            - 1
        )
        for y in range(1, len(panel.years) - 1)
    ]
    assert slq.reference.value == pytest.approx(np.nanmax(q4), abs=1e-9)
    assert slq.value.rounded > slq.reference.rounded
    assert "石岭区地区生产总值四季度需增长" in slq.message.text
    # A unit whose requirement is within its record is not flagged.
    assert not any((f.unit, f.indicator) == ("YHQ", "gdp") for f in flags)


def test_children_that_do_not_add_up(tiny_folder: Path) -> None:
    ds = load_folder(tiny_folder)
    status = ytd_status(ds, "2025Q3")
    assert check_add_up(ds, status) == []
    broken = status.copy()
    broken.loc[(broken.unit == "D2") & (broken.indicator == "gdp"), "ytd_value"] *= 1.2
    flags = check_add_up(ds, broken)
    assert [(f.kind, f.unit, f.indicator) for f in flags] == [
        ("children_do_not_add_up", "C", "gdp")
    ]
    f = flags[0]
    assert f.difference.value == pytest.approx(
        100 * (f.value.value - f.reference.value) / f.reference.value
    )
    assert f.value.text in f.message.text and f.reference.text in f.message.text


def test_district_targets_short_of_the_city(tiny_folder: Path) -> None:
    ds = load_folder(tiny_folder)
    status = ytd_status(ds, "2025Q3")
    summary = pd.DataFrame(
        {
            "unit": ["C", "D1", "D2"],
            "indicator": ["gdp"] * 3,
            "period": ["2025Q3"] * 3,
            "target_value": [100.0, 60.0, 39.0],  # 99 < 100 by 1% > the 0.5% tolerance
        }
    )
    ref = ScenarioFigures("baseline", "基准情景", summary)
    flags = [
        f for f in check_add_up(ds, status, reference=ref) if f.kind == "targets_do_not_add_up"
    ]
    assert len(flags) == 1 and flags[0].difference.text == "-1.0"
    summary.loc[2, "target_value"] = 39.8
    assert not [f for f in check_add_up(ds, status, reference=ref) if f.kind.startswith("targets")]


def test_investment_jump_the_register_cannot_carry(tiny_folder: Path) -> None:
    ds = load_folder(tiny_folder)
    status = ytd_status(ds, "2025-09")
    ytd = float(status[(status.unit == "C") & (status.indicator == "fai")].ytd_value.iloc[0])
    rest_last_year = 50.0
    summary = pd.DataFrame(
        {
            "unit": ["C"],
            "indicator": ["fai"],
            "period": ["2025-09"],
            "target_value": [ytd + 80.0],  # Q4 needs 80 against 50 last year: a jump of 30
            "q4_growth_required": [100 * (80.0 / rest_last_year - 1)],
            "fy_value_p50": [ytd + 52.0],
            "q4_growth_p50": [4.0],  # the scenario: +2 over last year
        }
    )
    projects = pd.DataFrame({"project": ["PJ1", "PJ2"], "unit": ["D1", "D2"], "q4_fai": [8.0, 4.0]})
    sc = ScenarioFigures("baseline", "基准情景", summary, projects)
    flags = check_investment(ds, [sc], status, reference=sc)
    assert [(f.scenario, f.value.text, f.reference.text) for f in flags] == [
        (None, "30.00", "12.00")
    ]
    projects["q4_fai"] = [20.0, 15.0]
    assert check_investment(ds, [sc], status, reference=sc) == []


def test_flags_are_quoted_from_their_table(model: BriefingModel) -> None:
    assert model.flags
    table = model.table("flags")
    assert len(table.rows) == len(model.flags)
    assert [c.key for c in table.columns][:4] == ["kind", "scenario", "unit", "indicator"]
    # The checks are the author's: counted in their own section, not in the notice under the
    # title that the leaders read first.
    assert not any("核查" in n for n in model.notice)
    assert model.section("checks").paragraphs[0].startswith(f"以下{len(model.flags)}条提示")


def test_check_plausibility_is_stable(runs: dict[str, object]) -> None:
    run = runs["zh"]
    ds = load_folder(ROOT / "data" / "example_city")
    ok = [o for o in run.batch.ok]  # type: ignore[attr-defined]
    figs = [ScenarioFigures(o.name, o.name, o.summary, o.projects) for o in ok]
    status = ytd_status(ds, "2026Q3")
    a = check_plausibility(ds, figs, status, reference=figs[0])
    b = check_plausibility(ds, figs, status, reference=figs[0])
    assert [f.message.text for f in a] == [f.message.text for f in b]


# ------------------------------------------------------------------------------ layering
def test_pure_layers_do_not_import_matplotlib() -> None:
    code = (
        "import sys; import sprintmodel.briefing.build, sprintmodel.briefing.sentences, "
        "sprintmodel.briefing.flags, sprintmodel.scenario.batch, sprintmodel.scenario.jobs; "
        "bad = [m for m in sys.modules if m.startswith('matplotlib')]; "
        "assert not bad, bad"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr


def test_model_tables_have_consistent_shapes(model: BriefingModel) -> None:
    for tb in model.tables():
        assert all(len(r) == len(tb.columns) for r in tb.rows), tb.key
        if tb.marks:
            assert [len(m) for m in tb.marks] == [len(r) for r in tb.rows], tb.key
        frame = tb.to_frame("excel")
        assert list(frame.columns) == [c.key for c in tb.columns]
        for v in frame.to_numpy().ravel():
            assert (
                v is None
                or isinstance(v, str | float | int)
                or (isinstance(v, float) and math.isnan(v))
            )


# ------------------------------------------------------------------------------ extras
def test_extras_plug_in_and_fail_alone(tiny_folder: Path) -> None:
    def section(payload: object, ctx: ExtraContext) -> Section:
        table = Table("x", "X", (Column("v", "V"),), ((fmt.growth(float(payload)),),))  # type: ignore[arg-type]
        return Section("x", "额外", ("plain",), (table,))

    def broken(engine: object, result: object) -> object:
        raise RuntimeError("no solver")

    register(Extra("test_ok", lambda: True, lambda e, r: 1.25, section, order=90))
    register(Extra("test_broken", lambda: True, broken, section, order=91))
    register(Extra("test_absent", lambda: False, lambda e, r: 0, section, order=92))
    try:
        assert "test_ok" in available_extras() and "test_absent" not in available_extras()
        payloads = compute_extras(["test_ok", "test_broken"], None, None)  # type: ignore[arg-type]
        assert payloads["test_ok"] == 1.25 and "no solver" in payloads["test_broken"]["error"]
        ctx = ExtraContext(load_folder(tiny_folder), "zh", "2025Q3", "base")
        sections, notes = extra_sections(payloads, ctx)
        assert [s.key for s in sections] == ["x", "test_broken"]
        assert sections[0].tables[0].rows[0][0].text == "1.3"  # type: ignore[union-attr]
        # the broken one is not dropped: it comes back as an error the briefing shows
        assert sections[1] == SectionError("test_broken", "test_broken", "RuntimeError: no solver")
        assert notes == ["section test_broken could not be computed: RuntimeError: no solver"]
    finally:
        from sprintmodel.briefing.extras import EXTRAS

        for k in ("test_ok", "test_broken", "test_absent"):
            EXTRAS.pop(k, None)


def test_package_section_when_the_optimiser_exists(model: BriefingModel) -> None:
    assert "package" in available_extras()  # sprintmodel.optimize ships with the package
    sec = model.section("package")
    summary = model.table("package_summary")
    # One column per money kind, never a sum across kinds.
    assert summary.headers[:5] == [
        "目标",
        "要求完成概率",
        "财政资金(亿元)",
        "债务额度(亿元)",
        "信贷资金(亿元)",
    ]
    assert (
        isinstance(sec.paragraphs[0], Sentence) and "江川市地区生产总值" in sec.paragraphs[0].text
    )


def test_workbook_headers_are_each_tables_own(model: BriefingModel, tmp_path: Path) -> None:
    # Two tables may share a column key with different headers (全年目标增速 in the headline,
    # 目标增速 in the districts'); each sheet must carry its own table's headers.
    import openpyxl

    from sprintmodel.briefing.xlsx import write_xlsx

    book = openpyxl.load_workbook(write_xlsx(model, tmp_path / "b.xlsx"))
    checked = 0
    for tb in model.tables():
        if not tb.sheet or not tb.rows or tb.sheet not in book.sheetnames:
            continue
        ws = book[tb.sheet]
        row1 = [ws.cell(row=1, column=j + 1).value for j in range(len(tb.columns))]
        assert row1 == [c.header for c in tb.columns], tb.sheet
        checked += 1
    assert checked >= 4
    assert book["主要指标"]["A1"].value == "指标"


# ------------------------------------------------------------------------------ failures shown
def test_a_league_that_cannot_be_formed_is_shown_in_its_place(runs: dict[str, object]) -> None:
    from sprintmodel.briefing.build import build_briefing, reference_as_of
    from sprintmodel.datasets import example_city
    from sprintmodel.status import ytd_status

    ds = example_city()
    outcomes = runs["zh"].batch.outcomes  # type: ignore[attr-defined]
    as_of = reference_as_of(ds, outcomes)
    assert as_of == "2026Q3"
    error = SectionError("league", "{members}比拼", "ValueError: no peers")
    model = build_briefing(
        ds, outcomes, status=ytd_status(ds, as_of), league=error, extra_sections=()
    )
    keys = [s.key for s in model.sections]
    assert keys.index("league") == keys.index("comparison") + 1
    league = model.section("league")
    assert league.title == "四、区县比拼"
    assert league.paragraphs == (
        "本部分未能生成：ValueError: no peers。请核实数据后重新生成简报。",
    )
    assert "有1个部分未能生成，正文中相应位置说明了原因。" in model.notice
