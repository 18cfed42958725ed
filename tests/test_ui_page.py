"""The dashboard page (data folder picker, banner, errors in the page) and the reader's tables.

A page never raises: a folder that does not load shows the project's message in a styled box,
a section that fails shows its own box, and the rest of the page stays.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel import ui
from sprintmodel.errors import SprintmodelError
from sprintmodel.ui.page import initial_choice
from sprintmodel.ui.tables import format_cell, reader_frame

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    base = tmp_path_factory.mktemp("cities")
    good = base / "my_city"
    shutil.copytree(ROOT / "data" / "example_city", good)
    units = good / "units.csv"
    units.write_text(
        units.read_text(encoding="utf-8").replace("JC,江川市,", "JC,测试市,"), encoding="utf-8"
    )
    broken = base / "broken"
    shutil.copytree(good, broken)
    obs = broken / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("1092.07", "1O92.07")
    obs.write_text("".join(lines), encoding="utf-8")
    return good, broken


def test_initial_choice_query_string_then_environment():
    env = {"SPRINTMODEL_DATA": "/a", "SPRINTMODEL_AS_OF": "2026Q2", "SPRINTMODEL_LANG": "fr"}
    assert initial_choice(env) == {"data": "/a", "as_of": "2026Q2", "lang": "zh"}
    env["QUERY_STRING"] = "data=%2Fb%2Fc&lang=en"
    assert initial_choice(env) == {"data": "/b/c", "as_of": "2026Q2", "lang": "en"}
    assert initial_choice({}) == {"data": "", "as_of": "", "lang": "zh"}


def test_default_is_the_example_city_and_the_banner_says_so(monkeypatch):
    monkeypatch.delenv("SPRINTMODEL_DATA", raising=False)
    monkeypatch.delenv("SPRINTMODEL_AS_OF", raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    page = ui.Page("标题")
    assert page.ctx is not None and page.ctx.example and page.ctx.as_of == "2026Q3"
    assert "江川市" in page.banner.value and "内置示例城市" in page.banner.value


def test_environment_opens_another_folder_named_in_the_banner(folders, monkeypatch):
    good, _ = folders
    monkeypatch.setenv("SPRINTMODEL_DATA", str(good))
    monkeypatch.setenv("SPRINTMODEL_AS_OF", "2026Q2")
    monkeypatch.delenv("QUERY_STRING", raising=False)
    page = ui.Page("标题")
    assert page.ctx is not None and not page.ctx.example
    assert "测试市" in page.banner.value and str(good) in page.banner.value
    assert page.ctx.as_of == "2026Q2" and "2026Q2" in page.banner.value


def test_a_broken_folder_is_a_message_in_the_page_and_sections_wait(folders):
    good, broken = folders
    page = ui.Page("标题", data="")
    calls = []
    sec = page.section(lambda p: calls.append(p.name) or p.name)
    assert calls == ["江川市"]
    page.load(data=str(broken))
    assert page.ctx is None and isinstance(page.error, SprintmodelError)
    box = page.message.value
    assert "class='sprintmodel-error'" in box
    assert "observations.csv, row 3, column &#x27;ytd_value&#x27;" in box and "Fix" in box
    assert "Traceback" not in box
    assert sec.children == ()
    page.load(data=str(good))  # fixed: the sections come back for the new city
    assert page.message.value == "" and calls == ["江川市", "测试市"]


@pytest.mark.parametrize(
    ("data", "as_of", "words"),
    [("/no/such/folder", "", "no such data folder"), ("", "2026Q9", "not a period")],
)
def test_missing_folder_and_bad_as_of_are_messages(data, as_of, words):
    page = ui.Page("标题", data=data, as_of=as_of)
    assert page.ctx is None
    assert words in page.message.value and "class='sprintmodel-error'" in page.message.value


def test_a_failing_section_shows_its_box_the_others_stay():
    page = ui.Page("标题", data="")

    def bad(p):
        raise ZeroDivisionError("boom")

    s1 = page.section(bad)
    s2 = page.section(lambda p: pd.DataFrame({"unit": ["JC"], "p_meet_target": [0.123]}))
    box = s1.children[0].value
    assert "内部错误" in box and "<details>" in box and "ZeroDivisionError: boom" in box
    table = s2.children[0]
    assert isinstance(table, ui.Table)
    assert list(table.frame.columns) == ["地区", "完成目标概率"]
    assert table.frame.iloc[0].tolist() == ["江川市", "12%"]


def test_language_switch_rebuilds_the_sections():
    page = ui.Page("中文标题", "English title", data="")
    s = page.section(lambda p: p.t("中文", "English") + p.name)
    assert s.children[0].value == "中文江川市"
    page.lang_box.value = "en"
    assert s.children[0].value == "EnglishJiangchuan City"
    assert "English title" in page.heading.value and "Loaded" in page.banner.value


def test_reader_frame_words_units_and_decimals():
    city = sm.example_city()
    f = pd.DataFrame(
        {
            "unit": ["JC", "CCQ"],
            "indicator": ["gdp", "retail"],
            "status": ["under_construction", "signed"],
            "fy_growth": [5.4123, -9.5],
            "p_meet_target": [0.5, np.nan],
            "binding": ["upper", ""],
            "at_risk": [True, False],
            "latest_start": [pd.NA, None],
        }
    )
    out = reader_frame(f, city)
    assert list(out.columns) == [
        "地区", "指标", "状态", "全年预计增速(%)", "完成目标概率", "约束状态", "重点风险项目", "最晚开工",
    ]  # fmt: skip
    assert out.iloc[0].tolist() == [
        "江川市",
        "地区生产总值",
        "在建",
        "5.41",
        "50%",
        "触及上限",
        "是",
        "—",
    ]
    assert out.iloc[1].tolist()[3:] == ["−9.50", "—", "", "否", "—"]
    en = reader_frame(f, city, lang="en", columns=["unit", "fy_growth"])
    assert list(en.columns) == ["Unit", "Full-year growth (%)"]
    assert en.iloc[0].tolist() == ["Jiangchuan City", "5.41"]


def test_format_cell_ranks_and_integers():
    assert format_cell(3.0, "rank_growth") == "3"
    assert format_cell(np.int64(7), "n_peers") == "7"
    assert format_cell(1234.567, "fy_value") == "1,234.57"
    # a small negative that prints as zero is "0.00", never "−0.00"; real negatives keep the sign
    assert format_cell(-0.0004, "surprise_pp") == "0.00"
    assert format_cell(-0.004, "change_pp", decimals=3) == "−0.004"
    assert format_cell(-1234.5, "fy_value") == "−1,234.50"
    assert format_cell(1234.567, "fy_value", decimals=1) == "1,234.6"


def test_table_exports_the_shown_table_as_xlsx(tmp_path):
    import openpyxl

    t = ui.table(pd.DataFrame({"unit": ["JC"], "gap_pp": [-0.5912]}), sm.example_city(), title="表")
    data = t.offer_xlsx()
    assert "sprintmodel-xlsx" in t.links.value and "download='表.xlsx'" in t.links.value
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[1]] == ["地区", "与目标差距(百分点)"]
    assert [c.value for c in ws[2]] == ["江川市", -0.59]  # a number, not text
