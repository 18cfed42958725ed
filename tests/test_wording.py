"""The reports name the whole and its members from units.csv: 全市/区县 for a city, 全国 and
下级单位 for the national folder, 全县/乡镇 for a county with towns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sprintmodel as sm
from sprintmodel.briefing import sentences as say
from sprintmodel.briefing.formatting import growth
from sprintmodel.words.wording import members_word, whole_word, wording
from tests.test_brief_cli import brief_here


@pytest.mark.parametrize(
    ("name", "kind", "zh", "en"),
    [
        ("江川市", "city", "全市", "city"),
        ("浙江省", "other", "全省", "province"),
        ("全国", "other", "全国", "country"),
        ("内蒙古自治区", "other", "全区", "whole"),
        ("临夏回族自治州", "other", "全州", "whole"),
        ("长兴县", "county", "全县", "county"),
        ("高桥区", "district", "全区", "whole"),
        ("Harbour", "city", "全市", "city"),
        ("Harbour", "other", "全域", "whole"),
    ],
)
def test_whole_word(name: str, kind: str, zh: str, en: str) -> None:
    assert whole_word(name, kind) == zh
    assert whole_word(name, kind, "en") == en


def test_members_word() -> None:
    assert members_word(["district", "district", "county"]) == "区县"
    assert members_word(["town", "town"]) == "乡镇"
    assert members_word(["city"]) == "市州"
    assert members_word(["district", "town"]) == "下级单位"
    assert members_word([]) == "下级单位"
    assert members_word(["county"], "en") == "districts"
    assert members_word(["other"], "en", plural=False) == "unit"


def test_each_unit_has_its_own_words() -> None:
    """In the example city a county's members are its towns; parks are not members."""
    h = sm.example_city().hierarchy
    w = wording(h)
    assert (w.whole, w.members) == ("全市", "区县")
    with_towns = [u for u in h if any(h[c].kind == "town" for c in h.children(u))]
    assert with_towns
    for u in with_towns:
        kinds = {h[c].kind for c in h.children(u, rollup_only=True)}
        expected = "乡镇" if kinds == {"town"} else "下级单位"
        assert wording(h, u).members == expected


def test_league_sentence_names_the_whole() -> None:
    s = say.league_lead(
        "zh",
        span="一季度",
        indicator="国内生产总值",
        measure="亿元",
        first_growth=("工业", growth(6.1)),
        first_increment=None,
        first_contribution=None,
        below=["建筑业"],
        average=growth(5.0),
        whole="全国",
        members="下级单位",
        table="league_lead",
    )
    assert s.text.endswith("建筑业增速低于全国平均水平（5.0%）。")


def industries_as_units_folder(folder: Path) -> Path:
    """data/china_national with its 11 industries as CN's member units (its layout before
    issue 16 made them components of GDP), so that the briefing has members to compare."""
    import pandas as pd

    src = Path(sm.china_national().folder)
    folder.mkdir()
    units = pd.read_csv(src / "units.csv", dtype=str, keep_default_na=False)
    comps = pd.read_csv(src / "components.csv", dtype=str, keep_default_na=False)
    members = comps.rename(columns={"component": "unit"})[["unit", "name_zh", "name_en"]]
    members = members.assign(parent="CN", kind="other", rollup="yes")
    pd.concat([units, members]).to_csv(folder / "units.csv", index=False)
    obs = pd.read_csv(src / "observations.csv", dtype=str, keep_default_na=False)
    rows = pd.read_csv(src / "component_observations.csv", dtype=str, keep_default_na=False)
    rows = rows.drop(columns=["unit"]).rename(columns={"component": "unit"})
    rows = rows.reindex(columns=obs.columns, fill_value="")
    pd.concat([obs, rows]).to_csv(folder / "observations.csv", index=False)
    (folder / "indicators.csv").write_bytes((src / "indicators.csv").read_bytes())
    return folder


def test_national_briefing_says_quanguo_not_quanshi(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nation"
    done = brief_here(
        "--data",
        str(industries_as_units_folder(tmp_path / "data")),
        "--out",
        str(out),
        "--draws",
        "200",
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert done.returncode == 0, done.stderr
    text = re.sub("<[^>]+>", "", (out / "briefing.html").read_text(encoding="utf-8"))
    assert "全市" not in text and "区县" not in text
    assert "低于全国平均水平" in text and "下级单位比拼" in text


def test_unit_words_are_one_list_for_tables_sliders_and_printouts() -> None:
    from sprintmodel.words.units import short_unit, table_unit

    phrase = "亿元 of government subsidy issued"
    assert short_unit(phrase) == "亿元" and short_unit(phrase, "en") == "亿元"
    assert short_unit("months earlier") == "个月" and short_unit("months earlier", "en") == "months"
    assert table_unit("share of draws", "zh") == "模拟占比"
    assert table_unit(phrase, "zh") == "亿元" and table_unit(phrase, "en") == phrase
    assert table_unit("", "zh") == "" and short_unit("", "en") == ""
    # one list: the UI's cell-value words take the unit words from sprintmodel.words.units
    from sprintmodel.ui.tables import _WORDS
    from sprintmodel.words.units import UNIT_WORDS

    assert all(_WORDS[k] is v for k, v in UNIT_WORDS.items())


def test_the_chinese_package_printout_has_no_english_units() -> None:
    # tests/reference/outputs/optimize/stdout.txt is `sprintmodel optimize` in Chinese: the
    # levers' intensity units and the constraints' "share of draws" are shown in Chinese.
    text = (Path(__file__).parent / "reference/outputs/optimize/stdout.txt").read_text("utf-8")
    head = text.split("Tornado")[0]
    assert "亿元  成本" in head and "模拟占比" in head
    assert " of government" not in head and "share of draws" not in head


def test_dashboard_headers_do_not_repeat_the_word_list() -> None:
    # The dashboards' extra headers are only those the reports lack: a header in both would be
    # two words for one column (the news columns were, until they moved to HEADERS).
    from sprintmodel.ui.tables import _EXTRA
    from sprintmodel.words.headers import HEADERS, header

    assert not set(_EXTRA) & set(HEADERS)
    assert header("surprise_pp") == "新数据带来(百分点)"
    # the package's growth had a header the dashboards never showed (HEADERS' "growth", 增速(%),
    # came first): it is a column of its own name now
    import pandas as pd

    from sprintmodel.ui.tables import reader_frame

    shown = reader_frame(pd.DataFrame({"package_growth": [5.6], "growth": [5.6]}))
    assert list(shown.columns) == ["方案全年预计增速(%)", "增速(%)"]
    assert header("revisions_other_pp", "en") == "Revisions and other (pp)"
