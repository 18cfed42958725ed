"""The briefing a bureau would sign (issue 18): read ``briefing.docx`` as its reader does.

The body (everything before the appendices 附：) holds Chinese only: no ASCII path, no hex hash,
no English word, no probability printed as 0% or 100%; page one states the GDP shortfall in
亿元; jobs read as completion against time progress; costs are given per money kind and never
summed across kinds. Each check is a function that returns the problems it finds, and each is
shown to catch a plausible wrong text (the wording of the briefing before this change).
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import docx.table
import docx.text.paragraph
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sprintmodel.briefing import brief
from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing.docx import write_docx
from sprintmodel.briefing.sentences import odds
from sprintmodel.data import load_folder
from sprintmodel.data.load import validate_folder
from sprintmodel.status import ytd_status

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example_city"

PATH = re.compile(r"(?:[A-Za-z]:)?(?:[\\/][\w.\-]+){2,}|<root>|<path>")
HASH = re.compile(r"\b[0-9a-fA-F]{12,}\b")
ENGLISH = re.compile(r"[A-Za-z]{2,}")
CERTAIN = re.compile(r"概率为\s*(?:0|100)%|(?<![\d.<>])(?:0|100)\s*%")


def body_problems(lines: list[str]) -> list[str]:
    """Machine text and false certainty in the body's lines (empty when it reads right)."""
    out = []
    for line in lines:
        for name, pattern in (
            ("path", PATH),
            ("hash", HASH),
            ("English", ENGLISH),
            ("0%/100%", CERTAIN),
        ):
            hit = pattern.search(line)
            if hit:
                out.append(f"{name} {hit.group(0)!r} in {line!r}")
    return out


def page_one_problems(page_one: str) -> list[str]:
    """Page one must state the GDP shortfall (or excess) in 亿元 and jobs against time progress."""
    out = []
    if not re.search(r"地区生产总值全年预计.*按现价计算[差多]\d+(?:\.\d+)?亿元", page_one):
        out.append("no GDP shortfall in 亿元")
    if not re.search(
        r"城镇新增就业[\d.]+万人，完成年度目标（[\d.]+万人）的\d+\.\d%，(?:快于|慢于)时序进度"
        r"\d+\.\d个百分点",
        page_one,
    ):
        out.append("jobs not read as completion against time progress")
    return out


def jobs_as_growth(lines: list[str]) -> list[str]:
    """Sentences that frame 城镇新增就业 as growth (同比增长/需增长) in the body."""
    return [
        x
        for x in lines
        if re.search(r"城镇新增就业[^。]*(?:同比(?:增长|下降)|需增长)", x) and "\t" not in x
    ]


def summed_costs(text: str, per_kind: dict[str, dict[str, float]]) -> list[str]:
    """Sums across money kinds printed anywhere (``政策成本52.50亿元``), per scenario."""
    out = []
    for name, kinds in per_kind.items():
        spent = [v for v in kinds.values() if v]
        if len(spent) > 1:
            total = f"{sum(spent):.2f}"
            if re.search(rf"(?<![\d.]){re.escape(total)}(?![\d])", text):
                out.append(f"{name}: {total} adds {len(spent)} kinds of money")
    return out


def docx_lines(path: Path) -> list[str]:
    """Paragraphs and table rows (cells joined by tabs) in document order."""
    d = docx.Document(str(path))
    lines: list[str] = []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = docx.text.paragraph.Paragraph(child, d).text
            if text.strip():
                lines.append(text)
        elif tag == "tbl":
            for row in docx.table.Table(child, d).rows:
                lines.append("\t".join(c.text for c in row.cells))
    return lines


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], object]:
    run = brief(draws=400, charts=False, progress=False)
    path = tmp_path_factory.mktemp("wording") / "briefing.docx"
    write_docx(run.model, {}, path)
    return docx_lines(path), run


def _body(lines: list[str]) -> list[str]:
    end = next(i for i, x in enumerate(lines) if x.startswith("附："))
    return lines[:end]


def _page_one(lines: list[str]) -> str:
    start = next(i for i, x in enumerate(lines) if x.startswith("一、"))
    end = next(i for i, x in enumerate(lines) if x.startswith("二、"))
    return "\n".join(lines[start:end])


# ------------------------------------------------------------------------------ the docx
def test_body_is_chinese_without_machine_text(written: tuple[list[str], object]) -> None:
    lines, _ = written
    body = _body(lines)
    assert len(body) > 100
    assert body_problems(body) == []
    # The appendix still says where the run's facts are (manifest.json), without the facts.
    notes = "\n".join(lines[len(body) :])
    assert "manifest.json" in notes
    assert not HASH.search(notes) and not PATH.search(notes)


def test_page_one_states_the_gap_in_yuan_and_jobs_as_completion(
    written: tuple[list[str], object],
) -> None:
    lines, run = written
    page = _page_one(lines)
    assert lines[lines.index(page.splitlines()[0])] == "一、总体判断"
    assert page_one_problems(page) == []
    # The shortfall is the summary's gap in value at current prices, rounded to 0.1 亿元.
    s = run.model.meta  # type: ignore[attr-defined]
    assert s["lead"] == "gdp"
    summary = run.batch.outcomes[0].summary  # type: ignore[attr-defined]
    gdp = summary[(summary.unit == "JC") & (summary.indicator == "gdp")].iloc[0]
    assert f"差{fmt.amount(-gdp.gap_level, 1).text}亿元" in page
    # Key tasks with 牵头单位 and 完成时限 from tasks.csv, and the checks are not on page one.
    assert "市发展改革委" in page and "2026年12月底前" in page
    assert "核查" not in "\n".join(lines[: lines.index("一、总体判断")])
    assert "核查" not in page


def test_jobs_read_as_completion_not_growth(written: tuple[list[str], object]) -> None:
    lines, _ = written
    assert jobs_as_growth(_body(lines)) == []
    # The league's table shows the districts' share of the annual target done.
    head = next(x for x in lines if x.startswith("地区\t") and "完成年度目标%" in x)
    assert head.endswith("城镇新增就业（完成年度目标%）")


def test_costs_are_never_summed_across_money_kinds(written: tuple[list[str], object]) -> None:
    lines, run = written
    per_kind: dict[str, dict[str, float]] = {}
    for o in run.batch.outcomes:  # type: ignore[attr-defined]
        if o.costs is not None and len(o.costs):
            per_kind[o.name] = o.costs.groupby("cost_kind").cost.sum().to_dict()
    assert len(per_kind["full_sprint"]) == 3  # budget, debt quota and credit
    text = "\n".join(lines)
    assert summed_costs(text, per_kind) == []
    # Budget 8.10: the land lever's 3 months × 0.1 亿元 × the 7 projects waiting on parcels
    # not cleared (parcels.csv), 2.10, plus vouchers 3, enterprise support 2, export support 1.
    assert "需投入财政资金8.10亿元、债务额度20.00亿元、信贷资金25.00亿元" in text


def test_scenario_descriptions_come_from_the_scenario(written: tuple[list[str], object]) -> None:
    lines, _ = written
    text = "\n".join(lines)
    # full_sprint issues its vouchers from November (its file says so), everything at its cap.
    assert "全力冲刺：发放消费券3.00亿元（用足上限），11月起" in text
    assert "接近上限" not in text and "10月启动" not in text
    # lagging_district's bonds are 8 of a cap of 20 亿元.
    assert "专项债券资金加快使用8.00亿元（上限的40%），投向石岭区，10月起" in text


def test_sentences_are_not_one_template(written: tuple[list[str], object]) -> None:
    lines, _ = written
    start = lines.index("二、主要指标全年预判")
    sentences = [x for x in lines[start + 1 : start + 12] if x.endswith("。")]
    openings = {re.sub(r"[\d.]+", "#", x)[:6] for x in sentences}
    assert len(sentences) >= 5 and len(openings) >= 2


# ------------------------------------------------------------------------------ wrong variants
WRONG_BODY = [
    "数据截至2026年前三季度｜5个情景｜每个情景2000次模拟｜sprintmodel 0.1.0",
    "全力冲刺（full_sprint）",
    "基准情景：仅统计预测，不加政策、不调项目 (forecast only)",
    "数据文件夹：/work/main/data/example_city",
    "数据SHA-256：fd5ff81e0d83e2c42e497f680d4768b91ee792c05cb6ae4d122055e83b181f5f",
    "按基准情景测算，全年地区生产总值增速预计居首的是云湖区（8.0%），其居首的概率为100%。",
    "全年预计下降1.1%（区间-2.4%～-0.1%），低于目标5.1个百分点，完成目标的概率为0%。",
]


@pytest.mark.parametrize("line", WRONG_BODY)
def test_the_body_check_catches_the_old_wording(line: str) -> None:
    assert body_problems([line]), line


def test_the_other_checks_catch_the_old_wording() -> None:
    old_page = (
        "前三季度，地区生产总值3967.17亿元，同比增长5.4%，四季度需增长7.5%方能完成全年增长6.0%的目标。\n"
        "前三季度，城镇新增就业8.31万人，同比下降1.0%，四季度需增长19.6%方能完成全年10.70万人的目标。"
    )
    assert page_one_problems(old_page) == [
        "no GDP shortfall in 亿元",
        "jobs not read as completion against time progress",
    ]
    assert jobs_as_growth(old_page.splitlines())
    old = "全力冲刺情景下，地区生产总值全年预计增长5.6%，完成目标的概率为11%，政策成本52.50亿元。"
    kinds = {"full_sprint": {"budget": 7.5, "debt_quota": 20.0, "credit": 25.0}}
    assert summed_costs(old, kinds) == ["full_sprint: 52.50 adds 3 kinds of money"]


# ------------------------------------------------------------------------------ odds in words
@given(st.floats(min_value=0.0, max_value=1.0))
def test_odds_in_words_never_claim_certainty(p: float) -> None:
    text = odds(fmt.prob(p), "zh")
    assert not CERTAIN.search(text), text
    assert re.fullmatch(r"[\u4e00-\u9fff]+（(?:约\d{1,2}%|<1%|>99%)）", text), text


@pytest.mark.parametrize(
    ("p", "text"),
    [
        (0.0, "几乎没有可能（<1%）"),
        (0.004, "几乎没有可能（<1%）"),
        (0.03, "可能性很小（约3%）"),
        (0.2, "可能性较小（约20%）"),
        (0.38, "把握不大（约38%）"),
        (0.55, "有一定把握（约55%）"),
        (0.8, "把握较大（约80%）"),
        (0.94, "把握很大（约94%）"),
        (1.0, "几乎可以肯定（>99%）"),
    ],
)
def test_odds_words(p: float, text: str) -> None:
    assert odds(fmt.prob(p), "zh") == text


# ------------------------------------------------------------------------------ completion data
def test_jobs_status_is_completion_against_time_progress() -> None:
    ds = load_folder(EXAMPLE)
    assert ds.indicators["jobs"].completion and not ds.indicators["gdp"].completion
    st_ = ytd_status(ds, "2026Q3")
    jobs = st_[(st_.unit == "JC") & (st_.indicator == "jobs")].iloc[0]
    # Hand-worked: 8.31 of 10.70 万人 after three quarters of four.
    assert jobs.ytd_value == pytest.approx(8.31, abs=0.005)
    assert jobs.target_value == pytest.approx(10.70)
    assert jobs.completion_pct == pytest.approx(100 * jobs.ytd_value / 10.70)
    assert round(jobs.completion_pct, 1) == 77.7
    assert jobs.time_progress_pct == 75.0
    gdp = st_[(st_.unit == "JC") & (st_.indicator == "gdp")].iloc[0]
    assert gdp.completion_pct != gdp.completion_pct  # NaN: growth-type


def _folder(tmp_path: Path, tiny_folder: Path, indicators: str | None, tasks: str | None) -> Path:
    if indicators is not None:
        (tiny_folder / "indicators.csv").write_text(indicators, encoding="utf-8")
    if tasks is not None:
        (tiny_folder / "tasks.csv").write_text(tasks, encoding="utf-8")
    return tiny_folder


def test_target_kind_column(tiny_folder: Path) -> None:
    text = (tiny_folder / "indicators.csv").read_text(encoding="utf-8").splitlines()
    head, rows = text[0], text[1:]
    good = "\n".join(
        [head + ",target_kind", *(r + ",完成" for r in rows[:1]), *(r + "," for r in rows[1:])]
    )
    (tiny_folder / "indicators.csv").write_text(good + "\n", encoding="utf-8")
    report, ds = validate_folder(tiny_folder)
    assert ds is not None, report
    first = next(iter(ds.indicators.values()))
    assert first.completion
    assert not any(i.completion for i in list(ds.indicators.values())[1:])
    bad = good.replace(",完成", ",quota", 1)
    (tiny_folder / "indicators.csv").write_text(bad + "\n", encoding="utf-8")
    report, ds = validate_folder(tiny_folder)
    assert ds is None
    (err,) = [p for p in report.errors if p.column == "target_kind"]
    assert err.file == "indicators.csv" and err.row == 2 and "quota" in err.message


def test_tasks_file_is_read_and_checked(tiny_folder: Path) -> None:
    ds0 = load_folder(tiny_folder)
    unit = next(iter(ds0.units))
    tasks = tiny_folder / "tasks.csv"
    tasks.write_text(
        "task,lead_department,deadline,unit\n"
        f"抓项目,市发展改革委,2026-11,{unit}\n"
        "促消费,市商务局,2026-12-15,\n",
        encoding="utf-8",
    )
    report, ds = validate_folder(tiny_folder)
    assert ds is not None and ds.tasks is not None, report
    assert list(ds.tasks.task) == ["抓项目", "促消费"]
    assert list(ds.tasks.indicator) == ["", ""]  # absent optional column: empty
    tasks.write_text("task,lead_department,deadline\n抓项目,,11月\n", encoding="utf-8")
    report, ds = validate_folder(tiny_folder)
    assert ds is None
    where = sorted((p.file, p.row, p.column) for p in report.errors)
    assert where == [("tasks.csv", 2, "deadline"), ("tasks.csv", 2, "lead_department")]


def test_page_one_names_the_industries_the_gdp_gap_comes_from(
    written: tuple[list[str], object],
) -> None:
    """Issue 16: page one says which industries the GDP shortfall comes from, in 亿元, and the
    industries' parts add up to the gap page one states (the same figure, 数出一门)."""
    lines, run = written
    page = _page_one(lines)
    summary = run.batch.outcomes[0].summary  # type: ignore[attr-defined]
    gdp = summary[(summary.unit == "JC") & (summary.indicator == "gdp")].iloc[0]
    table = run.model.table("overview_industries")  # type: ignore[attr-defined]
    cells = table.column("shortfall")
    parts = [float(c.text) for c in cells]  # as shown, to 0.1 亿元
    assert len(parts) == 11
    # unrounded, the parts add up to the gap exactly; as shown, within eleven roundings
    assert sum(float(c.value) for c in cells) == pytest.approx(gdp.gap_level, rel=1e-6)
    assert sum(parts) == pytest.approx(gdp.gap_level, abs=0.55)
    # a split against the growth built from the industries alone (no discrepancy spread) or one
    # industry left out would not add up: the largest part alone is far from the gap
    assert abs(sum(parts) - min(parts) - gdp.gap_level) > 1.0
    worst = sorted(zip(parts, table.column("industry"), strict=True))[:3]
    sentence = next(x for x in page.splitlines() if x.startswith("分行业看"))
    for value, name in worst:
        assert str(name) in sentence
        assert f"{fmt.amount(-value, 1).text}亿元" in sentence
