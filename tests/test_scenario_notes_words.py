"""Scenario notes in the reader's language: the October briefing says them in Chinese.

A scenario written at 2026Q3 and run as of 2026-10 notes each lever start and project date
that has passed (issue 17, item 4). The notes are :class:`~sprintmodel.notes.Note` codes and
parameters; the briefing renders them in its language (:mod:`sprintmodel.words.notes`). The
hand-checked cases, from ``data/example_city``: ``full_sprint.yaml`` leaves
``enterprise_support`` without a start, so it starts in 2026-10, the month after 2026Q3;
JC-P020 (云湖航空零部件产业园, planned start 2026-10) waits on parcel JC-L02, planned cleared in
2026-11 (``parcels.csv``), so its schedule moves one month.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import docx
import pytest

import sprintmodel as sm
from sprintmodel.briefing import brief
from sprintmodel.notes import Note
from sprintmodel.scenario import LeverSet, ScenarioEngine, ScenarioSpec
from sprintmodel.scenario.results import note_names
from sprintmodel.scenario.spec import resolve
from sprintmodel.words.notes import NOTE_TEXT, note_text

ROOT = Path(__file__).resolve().parents[1]
CITY = ROOT / "data" / "example_city"

ENGLISH = (
    "taken as happened",
    "waits on parcel",
    "has come by",
    "the month after 2026Q3",
    "a land lever can clear it earlier",
)
"""Words of the English notes the October briefing showed before they had Chinese frames."""


def _english_pieces() -> list[str]:
    """The literal words of every scenario note's English frame (pieces of 12+ characters)."""
    out = []
    for code, frame in NOTE_TEXT.items():
        if code.startswith("scenario.") and code != "scenario.failure_detail":
            for literal, _, _, _ in string.Formatter().parse(frame["en"]):
                out += [p.strip() for p in re.split(r"[(),:;']", literal) if len(p.strip()) >= 12]
    return out


@pytest.fixture(scope="module")
def october(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("october") / "zh"
    common = {"as_of": "2026-10", "draws": 200, "charts": False, "progress": False}
    zh = brief(out=out, extras=(), **common)  # type: ignore[arg-type]
    en = brief(lang="en", extras=(), **common)  # type: ignore[arg-type]
    return {"out": out, "zh": zh, "en": en}


def _docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    return "\n".join(p.text for p in d.paragraphs)


def _model_text(run: object) -> str:
    model = run.model  # type: ignore[attr-defined]
    return "\n".join(str(p) for s in model.walk() for p in s.paragraphs)


def test_the_chinese_october_briefing_says_the_scenario_notes_in_chinese(
    october: dict[str, object],
) -> None:
    text = _docx_text(october["out"] / "briefing.docx")  # type: ignore[operator]
    pieces = _english_pieces()
    assert len(pieces) > 20 and "taken as happened" in " ".join(pieces)
    left = [w for w in (*ENGLISH, *pieces) if w in text]
    assert not left, left
    # the hand-checked notes, in Chinese, with the names the data give
    assert (
        "项目“云湖航空零部件产业园”所在地块JC-L02计划于2026年11月净地交付，此前无法开工，"
        "整体进度顺延1个月（开工时间2026年10月→2026年11月）；土地类政策可使其提前"
    ) in text
    lever = LeverSet.from_yaml(CITY / "levers.yaml")["enterprise_support"].label("zh")
    assert lever != "enterprise_support"
    assert (
        f"政策“{lever}”：方案按2026年三季度数据编制，自其后的2026年10月起实施，视为已实施；"
        "截至数据最新月份的效果已含在数据中，不再重复计入"
    ) in text
    assert (
        "项目“高新区新能源汽车零部件产业园一期”：投产时间（2026年10月）已在数据期内"
        "（数据截至2026年10月），按项目库计划视为已发生，方案中的设定不再适用"
    ) in text


def test_the_english_october_briefing_still_says_them(october: dict[str, object]) -> None:
    text = _model_text(october["en"])
    assert (
        "project JC-P020 waits on parcel JC-L02, planned cleared in 2026-11: it cannot start "
        "before, so its schedule moves 1 month(s) later (start 2026-10 → 2026-11); a land "
        "lever can clear it earlier"
    ) in text
    assert (
        "lever enterprise_support: started in 2026-10 (the month after 2026Q3, when the "
        "scenario was written); taken as happened: its effect up to the data's last month is "
        "in the data and not added again"
    ) in text
    assert "project JC-P001: production (2026-10) has come by 2026-10" in text


def test_the_briefing_results_keep_each_note_as_code_parameters_and_text(
    october: dict[str, object],
) -> None:
    out: Path = october["out"]  # type: ignore[assignment]
    meta = json.loads((out / "results" / "full_sprint" / "run.json").read_text("utf-8"))
    waits = [n for n in meta["notes"] if n["code"] == "scenario.project_waits_parcel"]
    assert waits == [
        {
            "code": "scenario.project_waits_parcel",
            "params": {
                "project": "JC-P020",
                "parcel": "JC-L02",
                "cleared_month": "2026-11",
                "months": 1,
                "start_month": "2026-10",
                "new_month": "2026-11",
            },
            "text": "项目“云湖航空零部件产业园”所在地块JC-L02计划于2026年11月净地交付，此前无法"
            "开工，整体进度顺延1个月（开工时间2026年10月→2026年11月）；土地类政策可使其提前",
        }
    ]
    started = [n for n in meta["notes"] if n["code"] == "scenario.lever_started_after_written"]
    assert {n["params"]["lever"] for n in started} == {
        "enterprise_support",
        "export_support",
        "policy_financing",
        "special_bonds",
    }
    assert all(
        Note.from_dict(n) == Note.of(n["code"], **n["params"])
        and n["params"]["start_month"] == "2026-10"
        and n["params"]["written_period"] == "2026Q3"
        for n in started
    )


def test_a_result_says_its_notes_in_either_language() -> None:
    city = sm.example_city()
    levers = LeverSet.from_yaml(CITY / "levers.yaml")
    spec = ScenarioSpec.from_yaml(CITY / "scenarios" / "full_sprint.yaml").at("2026-10")
    engine = ScenarioEngine.build(city, "2026-10", levers=levers, n_draws=100, seed=1)
    res = engine.evaluate(spec.replace(draws=100, seed=1))
    waits = Note.of(
        "scenario.project_waits_parcel",
        project="JC-P020",
        parcel="JC-L02",
        cleared_month="2026-11",
        months=1,
        start_month="2026-10",
        new_month="2026-11",
    )
    assert waits in res.all_notes and waits in engine.notes and waits not in res.notes
    en, zh = res.note_texts("en", engine=True), res.note_texts("zh", engine=True)
    # seven of the scenario's levers and projects, one parcel, four of its candidates
    # (JC-N03 in October's data; JC-N01 and JC-N02 counted, JC-N02 at 80%)
    assert len(en) == len(zh) == len(res.all_notes) == 12
    assert "note: lever enterprise_support: started in 2026-10" in res.summary()
    assert "taken as happened" in res._repr_html_()
    names = note_names(city, levers, "zh")
    assert names["JC-P020"] == "云湖航空零部件产业园" and note_names(city, levers, "en") == {}
    assert note_text(waits, "zh", names) in zh
    assert not any(re.search(r"[A-Za-z]{3,}", re.sub(r"JC-[A-Z]\d+", "", z)) for z in zh), zh


def test_an_item_matching_no_project_is_named_in_both_languages() -> None:
    # QXS has no land-pending project (projects.csv): the second item moves nothing
    city = sm.example_city()
    levers = LeverSet.from_yaml(CITY / "levers.yaml")
    spec = ScenarioSpec.from_dict(
        {
            "name": "t",
            "as_of": "2026Q3",
            "projects": [
                {"status": "land_pending", "shift_months": 1},
                {"unit": "QXS", "status": "land_pending", "shift_months": 2},
            ],
        }
    )
    (note,) = resolve(spec, city, levers).notes
    assert note == Note.of("scenario.projects_item_unmatched", item=1, number=2)
    assert note_text(note, "en") == (
        "projects[1] (item 2 of the list) matches no project; it has no effect"
    )
    assert note_text(note, "zh") == "方案项目设定第2项（序号1）未匹配任何项目，不起作用"
