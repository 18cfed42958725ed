"""The briefing model: every table, sentence and chart's data, computed from scenario outcomes.

:func:`build_briefing` turns the outcomes of a batch run (:mod:`sprintmodel.scenario.batch`),
the year-to-date status, the league report and the plausibility flags into a
:class:`BriefingModel`: sections holding :class:`Table` objects whose cells are
:class:`~sprintmodel.briefing.formatting.Num` (each figure formatted once), :class:`Sentence`
objects written from those same cells, and :class:`ChartSpec` objects holding the plain data of
each chart. The writers (``docx``, ``html``, ``xlsx``) and the chart renderer only lay out what
the model holds; nothing here does I/O or imports matplotlib.

Sections, in order: failed scenarios (if any), headline (the reference
scenario: target, year to date, projected full year with its range, gap, probability, rest of
year required), comparison of scenarios, district league, projects that put the year at risk,
extra sections (recommended package, next year's targets: :mod:`sprintmodel.briefing.extras`),
each scenario's detail, checks before release (plausibility flags), notes. A notice under
the title points the author at the checks and failures.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing import sentences as say
from sprintmodel.briefing.flags import FLAG_TABLE, Flag, ScenarioFigures, check_plausibility
from sprintmodel.briefing.formatting import Num
from sprintmodel.briefing.labels import (
    cost_kind_label,
    month_span_label,
    numbered,
    period_label,
    rest_label,
    scenario_label,
    span_label,
    status_label,
    t,
)
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.data import DataSet
from sprintmodel.periods import parse_period
from sprintmodel.reporting.wording import wording

if TYPE_CHECKING:
    from sprintmodel.league import LeagueReport
    from sprintmodel.scenario.batch import ScenarioOutcome

Mark = Literal["", "bad", "good", "total"]


@dataclass(frozen=True)
class Span:
    """A range of two figures shown as one cell (``5.3～6.0``)."""

    lo: Num
    hi: Num

    @property
    def text(self) -> str:
        """``lo～hi``, or the missing mark."""
        if not (self.lo.known and self.hi.known):
            return fmt.MISSING
        return f"{self.lo.text}～{self.hi.text}"

    def __str__(self) -> str:
        return self.text


Cell = Num | Span | str


def cell_text(cell: Cell) -> str:
    """What a cell shows."""
    return cell if isinstance(cell, str) else cell.text


def cell_numbers(cell: Cell) -> list[Num]:
    """The figures in a cell (none for text)."""
    if isinstance(cell, Num):
        return [cell] if cell.known else []
    if isinstance(cell, Span):
        return [n for n in (cell.lo, cell.hi) if n.known]
    return []


@dataclass(frozen=True)
class Column:
    """A table column: a stable key (for spreadsheets and tests) and its header."""

    key: str
    header: str


@dataclass(frozen=True)
class Table:
    """A table of the briefing.

    Attributes
    ----------
    key
        Stable identifier (sentences name the tables they quote).
    title
        Caption shown above it.
    columns
        Keys and headers.
    rows
        Cells, row by row (:class:`Num`, :class:`Span` or text).
    marks
        Per cell: ``""``, ``"bad"`` (red: short of target, below average, behind schedule),
        ``"good"`` (green) or ``"total"`` (a total row); empty for none.
    notes
        Lines shown under the table.
    sheet
        Title of its spreadsheet sheet (empty: not written to the workbook).
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    marks: tuple[tuple[str, ...], ...] = ()
    notes: tuple[str, ...] = ()
    sheet: str = ""

    def __post_init__(self) -> None:
        n = len(self.columns)
        for i, row in enumerate(self.rows):
            if len(row) != n:
                raise ValueError(f"table {self.key}: row {i} has {len(row)} cells for {n} columns")
        if self.marks and [len(m) for m in self.marks] != [n] * len(self.rows):
            raise ValueError(f"table {self.key}: marks do not match the rows and columns")

    @property
    def headers(self) -> list[str]:
        """Column headers."""
        return [c.header for c in self.columns]

    def mark(self, i: int, j: int) -> str:
        """The mark of cell (i, j)."""
        if not self.marks:
            return ""
        return self.marks[i][j]

    def numbers(self) -> list[Num]:
        """Every figure in the table."""
        return [n for row in self.rows for c in row for n in cell_numbers(c)]

    def column(self, key: str) -> list[Cell]:
        """The cells of column ``key``."""
        j = [c.key for c in self.columns].index(key)
        return [row[j] for row in self.rows]

    def to_frame(self, values: Literal["text", "excel"] = "text") -> pd.DataFrame:
        """The table as a frame (columns by key): shown texts, or spreadsheet values (figures
        as the numbers shown, ranges and words as text)."""

        def conv(c: Cell) -> object:
            if values == "text":
                return cell_text(c)
            if isinstance(c, Num):
                return c.excel_value
            return cell_text(c)

        return pd.DataFrame(
            [[conv(c) for c in row] for row in self.rows], columns=[c.key for c in self.columns]
        )


@dataclass(frozen=True)
class ChartSpec:
    """A chart to draw: its kind and plain data (rendered by :mod:`sprintmodel.briefing.charts`).

    Attributes
    ----------
    key
        File stem (``charts/<key>.png``).
    kind
        ``fan``, ``requirement``, ``comparison``, ``league``, ``gantt`` or ``waterfall``.
    title
        Caption.
    data
        Keyword data for the renderer of ``kind``.
    """

    key: str
    kind: str
    title: str
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    """A section: paragraphs (sentences or plain text), tables, charts, subsections."""

    key: str
    title: str
    paragraphs: tuple[Sentence | str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[ChartSpec, ...] = ()
    subsections: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        """This section and every subsection, depth first."""
        yield self
        for s in self.subsections:
            yield from s.walk()


@dataclass(frozen=True)
class Failure:
    """A scenario that did not run."""

    name: str
    source: str
    error: str


@dataclass(frozen=True, eq=False)
class BriefingModel:
    """Everything a briefing shows (pure data; see the module docstring).

    Attributes
    ----------
    lang
        ``zh`` or ``en``.
    title, subtitle
        The document's title and its line of facts (data date, scenarios, draws, version).
    notice
        Lines shown under the title for the author: failed scenarios, checks to verify.
    sections
        In order.
    flags
        Plausibility checks that fired.
    failures
        Scenarios that did not run, with their errors.
    data_tables
        Full-precision frames for the workbook (every scenario's summary, attribution, costs,
        the watch list), by sheet title.
    meta
        Facts for the notes and the manifest (as-of, city, lead indicator, reference...).
    """

    lang: str
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    notice: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    failures: tuple[Failure, ...] = ()
    data_tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    meta: Mapping[str, Any] = field(default_factory=dict)

    def walk(self) -> Iterator[Section]:
        """Every section and subsection, in document order."""
        for s in self.sections:
            yield from s.walk()

    def tables(self) -> list[Table]:
        """Every table, in document order."""
        return [tb for s in self.walk() for tb in s.tables]

    def table(self, key: str) -> Table:
        """The table ``key`` (KeyError when absent)."""
        for tb in self.tables():
            if tb.key == key:
                return tb
        raise KeyError(key)

    def sentences(self) -> list[Sentence]:
        """Every sentence (paragraphs that quote figures), in document order."""
        return [p for s in self.walk() for p in s.paragraphs if isinstance(p, Sentence)]

    def charts(self) -> list[ChartSpec]:
        """Every chart, in document order."""
        return [c for s in self.walk() for c in s.charts]

    def section(self, key: str) -> Section:
        """The section ``key`` (KeyError when absent)."""
        for s in self.walk():
            if s.key == key:
                return s
        raise KeyError(key)


# ============================================================================ helpers
def _marks(
    rows: Sequence[Sequence[Cell]],
    row_marks: Sequence[str],
    columns: Sequence[Column] | None = None,
    only: Sequence[str] | None = None,
) -> tuple[tuple[str, ...], ...]:
    """Cell marks from one mark per row, on every cell or only on the columns ``only``."""
    keep = [True] * (len(rows[0]) if rows else 0)
    if columns is not None and only is not None:
        keep = [c.key in only for c in columns]
    return tuple(tuple(m if k else "" for k in keep) for _, m in zip(rows, row_marks, strict=True))


def _f(x: Any) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return math.nan
    return v


def _intensity_unit(text: str, lang: str) -> str:
    """A lever's intensity unit, shortened for a Chinese table (``亿元 of ...`` → ``亿元``)."""
    if lang != "zh" or not text:
        return text
    head = text.split()[0]
    return {"months": "个月", "month": "个月"}.get(head, head)


def _true(x: Any) -> bool:
    """True for True-like values; False for False, None and NA."""
    if x is None or x is pd.NA:
        return False
    try:
        return bool(x)
    except (TypeError, ValueError):
        return False


def _row(frame: pd.DataFrame, unit: str, indicator: str) -> Any | None:
    hit = frame[(frame.unit == unit) & (frame.indicator == indicator)]
    return None if hit.empty else hit.iloc[0]


def scenario_phrase(label: str, lang: str) -> str:
    """How a sentence names a scenario: 基准情景, 全力冲刺情景; ``en``: the baseline scenario."""
    if lang == "zh":
        return label if label.endswith("情景") else f"{label}情景"
    return f"the {label} scenario"


@dataclass(frozen=True)
class _Names:
    dataset: DataSet
    lang: str

    def unit(self, code: str) -> str:
        u = self.dataset.units.get(code)
        return u.label(self.lang) if u is not None else code

    @cached_property
    def words(self) -> dict[str, str]:
        """The root's words as ``t()`` fields: ``whole`` (全市/全国...), ``members`` (区县...),
        ``member``, and capitalised ``Members``/``Member`` for English headings."""
        w = wording(self.dataset.hierarchy, lang=self.lang)
        return {
            "whole": w.whole,
            "members": w.members,
            "member": w.member,
            "Members": w.members[:1].upper() + w.members[1:],
            "Member": w.member[:1].upper() + w.member[1:],
        }

    def indicator(self, code: str) -> str:
        i = self.dataset.indicators.get(code)
        return i.label(self.lang) if i is not None else code

    def measure(self, code: str) -> str:
        i = self.dataset.indicators.get(code)
        return i.measure if i is not None else ""

    def indicator_with_measure(self, code: str) -> str:
        m = self.measure(code)
        return (
            f"{self.indicator(code)}（{m}）"
            if m and self.lang == "zh"
            else (f"{self.indicator(code)} ({m})" if m else self.indicator(code))
        )


def _worse(change: Num, ds: DataSet, code: str) -> bool:
    """A gap to target or a change that is bad news: below zero, or above for a ceiling."""
    if code in ds.indicators and ds.indicators[code].ceiling:
        return change.known and not change.negative and not change.zero
    return change.negative


def _other_span(period: str, as_of: str, lang: str) -> str:
    """The span of ``period`` (``1—9月``) when it differs from the as-of's, else ``""``."""
    try:
        span, ref = month_span_label(period, lang), month_span_label(as_of, lang)
        year, ref_year = parse_period(period).year, parse_period(as_of).year
    except ValueError:
        return ""
    if span == ref and year == ref_year:
        return ""
    return span if year == ref_year else (f"{year}年{span}" if lang == "zh" else f"{year} {span}")


def _label(o: ScenarioOutcome, lang: str) -> str:
    spec = o.job.spec
    return scenario_label(o.name, spec.description if spec is not None else "", lang)


def _indicators_of(summary: pd.DataFrame, unit: str, dataset: DataSet) -> list[str]:
    present = set(summary[summary.unit == unit].indicator)
    return [c for c in dataset.indicators if c in present]


# ============================================================================ sections
def _headline(
    names: _Names,
    ref: ScenarioOutcome,
    status: pd.DataFrame,
    lead: str,
    ref_phrase: str,
    ref_label: str,
    as_of: str,
) -> Section:
    ds, lang = names.dataset, names.lang
    root = ds.root
    summary = ref.summary if ref.summary is not None else pd.DataFrame()
    year = parse_period(as_of).year
    span_h = month_span_label(as_of, lang)
    rest_h = rest_label(as_of, lang) or ("剩余期间" if lang == "zh" else "the rest of the year")
    if lang == "en":
        rest_h = rest_h[:1].upper() + rest_h[1:]
    cols = (
        Column("indicator", t("h_indicator", lang)),
        Column("ytd_value", t("h_ytd_value", lang, span=span_h)),
        Column("ytd_growth", t("h_ytd_growth", lang, span=span_h)),
        Column("target_growth", t("h_target_growth", lang)),
        Column("target_value", t("h_target_value", lang)),
        Column("fy_growth_p50", t("h_fy_growth", lang)),
        Column("fy_growth_range", t("h_range", lang)),
        Column("gap_pp", t("h_gap", lang)),
        Column("p_meet_target", t("h_p_meet", lang)),
        Column("q4_growth_required", t("h_required", lang, rest=rest_h)),
    )
    rows: list[tuple[Cell, ...]] = []
    row_marks: list[str] = []
    sentences: list[Sentence] = []
    marked_spans = False
    status_at: dict[str, pd.DataFrame] = {}
    for code in _indicators_of(summary, root, ds):
        r = _row(summary, root, code)
        st = _row(status, root, code)
        if r is None:
            continue
        if st is None and str(r["period"]) != as_of:
            # The series stands at an earlier period than the as-of (quarterly GDP as of June
            # with only Q1 published): its year to date is that period's (one status per period).
            from sprintmodel.status import ytd_status

            per = str(r["period"])
            if per not in status_at:
                status_at[per] = ytd_status(ds, per)
            st = _row(status_at[per], root, code)
        tg_raw, tv_raw = ds.target(root, code, year)
        ytd_v = fmt.amount(_f(st["ytd_value"]) if st is not None else math.nan)
        ytd_g = fmt.growth(_f(st["ytd_growth"]) if st is not None else math.nan)
        tg = fmt.growth(tg_raw)
        tv = fmt.amount(tv_raw)
        fy = fmt.growth(_f(r["fy_growth_p50"]))
        lo, hi = fmt.growth(_f(r["fy_growth_p10"])), fmt.growth(_f(r["fy_growth_p90"]))
        has_target = math.isfinite(_f(r["target_growth"]))
        gap = fmt.pp(_f(r["gap_pp"]) if has_target else math.nan)
        p = fmt.prob(_f(r["p_meet_target"]) if has_target else math.nan)
        req = fmt.growth(_f(r["q4_growth_required"]) if has_target else math.nan)
        own = _other_span(str(r["period"]), as_of, lang)
        if own:
            marked_spans = True
        name_cell = names.indicator_with_measure(code)
        if own:
            name_cell = (
                f"{name_cell[:-1]}，{own}）"
                if lang == "zh" and name_cell.endswith("）")
                else (f"{name_cell}（{own}）" if lang == "zh" else f"{name_cell}, {own}")
            )
        rows.append(
            (
                name_cell,
                ytd_v,
                ytd_g,
                tg,
                tv,
                fy,
                Span(lo, hi),
                gap,
                p,
                req,
            )
        )
        row_marks.append("bad" if _worse(gap, ds, code) else ("good" if gap.known else ""))
        sentences.append(
            say.headline(
                lang,
                indicator=names.indicator(code),
                span=span_label(str(r["period"]), lang),
                rest=rest_label(str(r["period"]), lang),
                ytd_value=ytd_v,
                measure=names.measure(code),
                ytd_growth=ytd_g,
                target_growth=tg if tg.known else None,
                target_value=tv if tv.known else None,
                required=req,
                scenario=ref_phrase,
                fy=fy,
                lo=lo,
                hi=hi,
                gap=gap,
                p_meet=p,
                table="headline",
            )
        )
    notes: tuple[str, ...] = (
        (
            "预计区间为模拟结果的第10至第90百分位数（十次中有八次落在其中）；与目标差距为全年预计增速减"
            "目标增速，负数表示低于目标。",
        )
        if lang == "zh"
        else (
            "The range is the 10th to 90th percentile of the simulated full year (eight times in "
            "ten the year lands inside it); the gap is projected minus target growth, negative "
            "when short.",
        )
    )
    if marked_spans:
        notes += (
            (
                "注明期间的指标（季度数据）按其最新发布期间列示：累计值和增速为该期间数据，"
                "需增长为该期间之后的剩余期间。",
            )
            if lang == "zh"
            else (
                "Indicators marked with a period (quarterly data) stand at that period: their "
                "year-to-date figures are for it and the required growth is for the rest of the "
                "year after it.",
            )
        )
    table = Table(
        "headline",
        t("t_headline", lang, scenario=ref_label),
        cols,
        tuple(rows),
        _marks(rows, row_marks, cols, ("gap_pp", "p_meet_target")),
        notes,
        sheet="主要指标" if lang == "zh" else "Headline",
    )
    charts = []
    lead_row = _row(summary, root, lead)
    if lead_row is not None:
        charts.append(_fan_chart(names, ref, lead, as_of, status))
        kids = [root, *ds.hierarchy.children(root, rollup_only=True)]
        sub = summary[(summary.indicator == lead) & summary.unit.isin(kids)]
        if sub.q4_growth_required.notna().any():
            charts.append(
                ChartSpec(
                    "requirement",
                    "requirement",
                    t(
                        "c_requirement",
                        lang,
                        indicator=names.indicator(lead),
                        rest=rest_label(str(lead_row["period"]), lang),
                    ),
                    {
                        "frame": sub[
                            ["unit", "indicator", "q4_growth_p50", "q4_growth_required"]
                        ].reset_index(drop=True),
                        "indicator": lead,
                        "units": [u for u in kids if u in set(sub.unit)],
                        "names": {u: names.unit(u) for u in kids},
                    },
                )
            )
    return Section("headline", t("headline", lang), tuple(sentences), (table,), tuple(charts))


def _fan_chart(
    names: _Names, ref: ScenarioOutcome, lead: str, as_of: str, status: pd.DataFrame
) -> ChartSpec:
    ds, lang = names.dataset, names.lang
    root = ds.root
    r = _row(ref.summary, root, lead)
    assert r is not None
    year = parse_period(as_of).year
    past = list(range(year - 8, year))
    try:
        panel = ds.until(as_of).panel(lead, "Q", units=[root], years=past)
        history = [float(x) for x in panel.growth()[0, :, -1]]
    except (KeyError, ValueError, IndexError):
        history = [math.nan] * len(past)
    band = None
    if ref.bands is not None:
        band = _row(ref.bands, root, lead)
    lo95 = _f(band["fy_growth_p025"]) if band is not None else _f(r["fy_growth_p10"])
    hi95 = _f(band["fy_growth_p975"]) if band is not None else _f(r["fy_growth_p90"])
    st = _row(status, root, lead)
    tg = _f(r["target_growth"])
    return ChartSpec(
        "fan",
        "fan",
        t("c_fan", lang, unit=names.unit(root), indicator=names.indicator(lead)),
        {
            "years": past,
            "history": history,
            "forecast": {
                "year": year,
                "point": _f(r["fy_growth_p50"]),
                "lo80": _f(r["fy_growth_p10"]),
                "hi80": _f(r["fy_growth_p90"]),
                "lo95": lo95,
                "hi95": hi95,
            },
            "ytd": _f(st["ytd_growth"]) if st is not None else None,
            "target": tg if math.isfinite(tg) else None,
        },
    )


def _comparison(
    names: _Names,
    ok: Sequence[ScenarioOutcome],
    ref: ScenarioOutcome,
    lead: str,
    ref_label: str,
    ref_phrase: str,
    *,
    row_limit: int,
    sentence_limit: int,
) -> Section:
    ds, lang = names.dataset, names.lang
    root = ds.root
    ref_sum = ref.summary if ref.summary is not None else pd.DataFrame()
    inds = _indicators_of(ref_sum, root, ds)
    shown = list(ok[:row_limit])
    if ref not in shown:
        shown = [ref, *shown[: row_limit - 1]]
    head = Column("scenario", t("h_scenario", lang))
    g_rows, d_rows, p_rows = [], [], []
    d_marks: list[tuple[str, ...]] = []
    per: dict[str, dict[str, tuple[Num, Num, Num]]] = {}
    for o in shown:
        s = o.summary if o.summary is not None else pd.DataFrame()
        label = _label(o, lang)
        cost = fmt.amount(o.cost)
        g_cells: list[Cell] = [label, cost]
        d_cells: list[Cell] = [label]
        p_cells: list[Cell] = [label]
        dm: list[str] = [""]
        per[o.name] = {}
        for code in inds:
            r, b = _row(s, root, code), _row(ref_sum, root, code)
            gv = _f(r["fy_growth_p50"]) if r is not None else math.nan
            bv = _f(b["fy_growth_p50"]) if b is not None else math.nan
            has_t = r is not None and math.isfinite(_f(r["target_growth"]))
            g, d = fmt.growth(gv), fmt.pp(gv - bv)
            p = fmt.prob(_f(r["p_meet_target"]) if has_t and r is not None else math.nan)
            g_cells.append(g)
            d_cells.append(d)
            p_cells.append(p)
            dm.append("bad" if _worse(d, ds, code) else ("good" if d.known and not d.zero else ""))
            per[o.name][code] = (g, d, p)
        g_rows.append(tuple(g_cells))
        d_rows.append(tuple(d_cells))
        p_rows.append(tuple(p_cells))
        d_marks.append(tuple(dm))
    ind_cols = [Column(f"growth:{c}", names.indicator(c)) for c in inds]
    more = len(ok) - len(shown)
    notes = (t("more_rows", lang, n=more),) if more > 0 else ()
    tg = Table(
        "cmp_growth",
        t("t_cmp_growth", lang),
        (head, Column("cost", t("h_cost", lang)), *ind_cols),
        tuple(g_rows),
        notes=notes,
        sheet="情景比较-增速" if lang == "zh" else "Compare growth",
    )
    td = Table(
        "cmp_delta",
        t("t_cmp_delta", lang, reference=ref_label),
        (head, *[Column(f"delta:{c}", names.indicator(c)) for c in inds]),
        tuple(d_rows),
        tuple(d_marks),
        notes=notes,
        sheet="情景比较-增减" if lang == "zh" else "Compare change",
    )
    tp = Table(
        "cmp_p",
        t("t_cmp_p", lang),
        (head, *[Column(f"p:{c}", names.indicator(c)) for c in inds]),
        tuple(p_rows),
        notes=notes,
        sheet="情景比较-概率" if lang == "zh" else "Compare chance",
    )
    sentences: list[Sentence | str] = []
    cost_cells = {o.name: g_rows[i][1] for i, o in enumerate(shown)}
    for o in shown[:sentence_limit]:
        if o is ref or lead not in per[o.name]:
            continue
        g, d, p = per[o.name][lead]
        cost_cell = cost_cells[o.name]
        assert isinstance(cost_cell, Num)
        sentences.append(
            say.comparison(
                lang,
                scenario=scenario_phrase(_label(o, lang), lang),
                reference=ref_phrase,
                indicator=names.indicator(lead),
                fy=g,
                delta=d,
                p_meet=p,
                cost=cost_cell,
                tables=("cmp_growth", "cmp_delta", "cmp_p"),
            )
        )
    charts: list[ChartSpec] = []
    if lead in inds:
        rows: list[tuple[ScenarioOutcome, Any]] = []
        for o in shown:
            r = _row(o.summary, root, lead) if o.summary is not None else None
            if r is not None:
                rows.append((o, r))
        tgt = _f(rows[0][1]["target_growth"]) if rows else math.nan
        charts.append(
            ChartSpec(
                "comparison",
                "comparison",
                t("c_comparison", lang, indicator=names.indicator(lead)),
                {
                    "labels": [_label(o, lang) for o, _ in rows],
                    "names": [o.name for o, _ in rows],
                    "p10": [_f(r["fy_growth_p10"]) for _, r in rows],
                    "p50": [_f(r["fy_growth_p50"]) for _, r in rows],
                    "p90": [_f(r["fy_growth_p90"]) for _, r in rows],
                    "target": tgt if math.isfinite(tgt) else None,
                    "reference": _label(ref, lang),
                },
            )
        )
    return Section(
        "comparison", t("comparison", lang), tuple(sentences), (tg, td, tp), tuple(charts)
    )


def _league(
    names: _Names,
    league: LeagueReport,
    lead: str,
    ref_phrase: str | None,
    as_of: str | None = None,
) -> Section | None:
    ds, lang = names.dataset, names.lang
    root = ds.root
    table = league.table
    frame = table.frame
    kids = list(ds.hierarchy.children(root, rollup_only=True))
    if not kids or frame.empty:
        return None
    inds = [c for c in ds.indicators if c in set(frame.indicator)]
    gcol = table.growth_column
    periods = {c: str(frame.period[frame.indicator == c].iloc[0]) for c in inds}
    title_period = as_of or periods.get(lead) or str(frame.period.iloc[0])
    span_h = month_span_label(title_period, lang)

    def header_of(code: str) -> str:
        # A series standing at another span (a quarterly one as of October, or last year's Q4
        # as of February) says which, so that no column passes for the title's span.
        own = _other_span(periods[code], title_period, lang)
        if not own:
            return names.indicator(code)
        return (
            f"{names.indicator(code)}（{own}）"
            if lang == "zh"
            else f"{names.indicator(code)} ({own})"
        )

    rows: list[tuple[Cell, ...]] = []
    marks: list[tuple[str, ...]] = []
    for u in [root, *kids]:
        cells: list[Cell] = [names.unit(u)]
        m: list[str] = ["total" if u == root else ""]
        for code in inds:
            r = _row(frame, u, code)
            cells.append(fmt.growth(_f(r[gcol]) if r is not None else math.nan))
            below = r is not None and _true(r["below_average"])
            m.append("total" if u == root else ("bad" if below else ""))
        rows.append(tuple(cells))
        marks.append(tuple(m))
    words = names.words
    t_growth = Table(
        "league_growth",
        t("t_league_growth", lang, span=span_h, **words),
        (
            Column("unit", t("h_unit", lang)),
            *[Column(f"ytd:{c}", header_of(c)) for c in inds],
        ),
        tuple(rows),
        tuple(marks),
        (f"红色：低于{words['whole']}平均水平。",)
        if lang == "zh"
        else (f"Red: below the {words['whole']}'s growth.",),
        sheet=f"{words['members']}增速" if lang == "zh" else f"{words['Member']} growth",
    )
    sentences: list[Sentence | str] = []
    tables = [t_growth]
    lg = table.league(lead, root) if lead in inds else pd.DataFrame()
    if not lg.empty:
        proj = league.projected.frame if league.projected is not None else None
        odds = league.odds.wide() if league.odds is not None else None
        cols = [
            Column("unit", t("h_unit", lang)),
            Column(
                "ytd_growth",
                t("h_ytd_growth", lang, span=month_span_label(periods[lead], lang)),
            ),
            Column("rank_growth", t("h_rank_growth", lang)),
            Column("increment", f"{t('h_increment', lang)}({names.measure(lead)})"),
            Column("rank_increment", t("h_rank_increment", lang)),
            Column("contribution_pct", t("h_contribution", lang)),
            Column("rank_contribution", t("h_rank_contribution", lang)),
        ]
        if proj is not None:
            cols += [
                Column("fy_growth", t("h_fy_growth", lang)),
                Column("fy_rank_growth", t("h_fy_rank", lang)),
            ]
        if odds is not None:
            cols += [
                Column("p_first_growth", t("h_p_first", lang)),
                Column("p_above_average", t("h_p_above", lang, **words)),
            ]
        lrows: list[tuple[Cell, ...]] = []
        lmarks: list[str] = []
        by_unit: dict[str, dict[str, Num]] = {}
        below_names: list[str] = []
        for r in lg.itertuples(index=False):
            d = {
                "ytd_growth": fmt.growth(getattr(r, gcol)),
                "rank_growth": fmt.rank(_f(r.rank_growth)),
                "increment": fmt.amount(r.increment),
                "rank_increment": fmt.rank(_f(r.rank_increment)),
                "contribution_pct": fmt.growth(r.contribution_pct),
                "rank_contribution": fmt.rank(_f(r.rank_contribution)),
            }
            if proj is not None:
                pr = _row(proj, r.unit, lead)
                d["fy_growth"] = fmt.growth(_f(pr["fy_growth"]) if pr is not None else math.nan)
                d["fy_rank_growth"] = fmt.rank(
                    _f(pr["rank_growth"]) if pr is not None else math.nan
                )
            if odds is not None:
                orow = _row(odds, r.unit, lead)
                d["p_first_growth"] = fmt.prob(
                    _f(orow["p_first_growth"]) if orow is not None else math.nan
                )
                d["p_above_average"] = fmt.prob(
                    _f(orow["p_above_average"]) if orow is not None else math.nan
                )
            by_unit[r.unit] = d
            lrows.append((names.unit(r.unit), *[d[c.key] for c in cols[1:]]))
            below = _true(r.below_average)
            lmarks.append("bad" if below else "")
            if below:
                below_names.append(names.unit(r.unit))
        t_lead = Table(
            "league_lead",
            t("t_league_lead", lang, indicator=names.indicator(lead)),
            tuple(cols),
            tuple(lrows),
            _marks(lrows, lmarks, cols, ("unit", "ytd_growth")),
            (
                (
                    f"全年预计增速及位次为模拟均值（均值可加总，与{words['members']}合计一致）；"
                    f"红色：低于{words['whole']}平均水平。",
                )
                if lang == "zh"
                else (
                    "Projected growth and ranks use the mean of the draws (means add up); red: "
                    f"below the {words['whole']}'s growth.",
                )
            )
            if proj is not None
            else (),
            sheet="比增速比增量比贡献" if lang == "zh" else "League",
        )
        tables.append(t_lead)

        def first(col: str) -> str | None:
            for u, d in by_unit.items():
                if d[col].text == "1":
                    return u
            return None

        fg, fi, fc = first("rank_growth"), first("rank_increment"), first("rank_contribution")
        avg_row = t_growth.rows[0][1 + inds.index(lead)]
        if fg is not None and isinstance(avg_row, Num):
            sentences.append(
                say.league_lead(
                    lang,
                    span=span_label(str(lg.period.iloc[0]), lang),
                    indicator=names.indicator(lead),
                    measure=names.measure(lead),
                    first_growth=(names.unit(fg), by_unit[fg]["ytd_growth"]),
                    first_increment=(names.unit(fi), by_unit[fi]["increment"]) if fi else None,
                    first_contribution=(
                        (names.unit(fc), by_unit[fc]["contribution_pct"]) if fc else None
                    ),
                    below=below_names,
                    average=avg_row,
                    whole=words["whole"],
                    members=words["members"],
                    table="league_lead",
                )
            )
            # The average is quoted from the district growth table's city row.
            s = sentences[-1]
            assert isinstance(s, Sentence)
            sentences[-1] = Sentence(
                s.text, s.numbers, ("league_lead", "league_growth"), s.literals
            )
        if proj is not None and odds is not None and ref_phrase:
            pf = first("fy_rank_growth")
            if pf is not None:
                d = by_unit[pf]
                sentences.append(
                    say.league_projection(
                        lang,
                        scenario=ref_phrase,
                        indicator=names.indicator(lead),
                        first=(names.unit(pf), d["fy_growth"], d["p_first_growth"]),
                        table="league_lead",
                    )
                )
    chart = ChartSpec(
        "league",
        "league",
        t("c_league", lang, **words),
        {"table": table, "indicators": inds},
    )
    return Section("league", t("league", lang, **words), tuple(sentences), tuple(tables), (chart,))


def _projects(
    names: _Names,
    ref: ScenarioOutcome,
    league: LeagueReport | None,
    ref_label: str,
    as_of: str,
    *,
    top: int,
) -> Section | None:
    ds, lang = names.dataset, names.lang
    watch = ref.projects
    if watch is None or watch.empty:
        return None
    rank_by = str(watch.attrs.get("rank_by") or "")
    col = f"{rank_by}_pp_per_month"
    if col not in watch:
        cands = [c for c in watch.columns if c.endswith("_pp_per_month")]
        if not cands:
            return None
        col = cands[0]
        rank_by = col[: -len("_pp_per_month")]
    head = watch.sort_values("rank").head(top) if "rank" in watch else watch.head(top)
    progress = league.project_progress if league is not None else pd.DataFrame()
    prog = {r.project: r for r in progress.itertuples(index=False)} if len(progress) else {}
    rest = rest_label(as_of, lang) or ("剩余期间" if lang == "zh" else "the rest of the year")
    if lang == "en":
        rest = rest[:1].upper() + rest[1:]
    cols = (
        Column("rank", t("h_rank", lang)),
        Column("name", t("h_project", lang)),
        Column("unit", t("h_unit", lang)),
        Column("status", t("h_status", lang)),
        Column("planned_entry", t("h_entry", lang)),
        Column("planned_production", t("h_production", lang)),
        Column("q4_fai", t("h_q4_fai", lang, rest=rest)),
        Column("pp_per_month", t("h_pp_per_month", lang, indicator=names.indicator(rank_by))),
        Column("completion_pct", t("h_completion", lang)),
        Column("behind_schedule", t("h_behind", lang)),
    )
    rows: list[tuple[Cell, ...]] = []
    rmarks: list[str] = []
    behind_names: list[str] = []
    for r in head.itertuples(index=False):
        pr = prog.get(r.project)
        behind = None if pr is None or pd.isna(pr.behind_schedule) else _true(pr.behind_schedule)
        comp = fmt.growth(_f(pr.completion_pct) if pr is not None else math.nan)
        rows.append(
            (
                fmt.rank(_f(getattr(r, "rank", math.nan))),
                str(r.name),
                names.unit(str(r.unit)),
                status_label(str(r.status), lang),
                str(r.planned_entry or ""),
                str(r.planned_production or ""),
                fmt.amount(_f(r.q4_fai)),
                fmt.sensitivity(_f(getattr(r, col))),
                comp,
                "" if behind is None else t("yes" if behind else "no", lang),
            )
        )
        rmarks.append("bad" if behind else "")
        if behind:
            behind_names.append(str(r.name))
    table = Table(
        "watch",
        t("t_watch", lang, scenario=ref_label),
        cols,
        tuple(rows),
        _marks(rows, rmarks, cols, ("behind_schedule", "completion_pct")),
        (
            (
                f"按每推迟一个月对{names.words['whole']}增速的影响排序；"
                "红色：本年投资滞后于年度计划时序进度。",
            )
            if lang == "zh"
            else (
                "Ranked by the growth lost per month of delay; red: behind the annual plan's "
                "schedule.",
            )
        ),
        sheet="重点项目" if lang == "zh" else "Projects",
    )
    sentences: list[Sentence | str] = []
    if rows:
        first = head.iloc[0]
        per = rows[0][7]
        assert isinstance(per, Num)
        sentences.append(
            say.project_watch(
                lang,
                project=str(first["name"]),
                unit=names.unit(str(first["unit"])),
                city=names.unit(ds.root),
                indicator=names.indicator(rank_by),
                per_month=per,
                behind=behind_names[:3],
                more=len(behind_names) > 3,
                table="watch",
            )
        )
    charts: list[ChartSpec] = []
    if not ds.projects.empty and "project" in ds.projects:
        reg = ds.projects.set_index("project")
        codes = [c for c in head.project if c in reg.index]
        if codes:
            frame = reg.loc[codes].reset_index()
            frame["label"] = frame["name"].astype(str)
            charts.append(
                ChartSpec("gantt", "gantt", t("c_gantt", lang), {"projects": frame, "as_of": as_of})
            )
    return Section("projects", t("projects", lang), tuple(sentences), (table,), tuple(charts))


def _detail(
    names: _Names,
    o: ScenarioOutcome,
    ref: ScenarioOutcome,
    lead: str,
    ref_label: str,
) -> Section:
    ds, lang = names.dataset, names.lang
    root = ds.root
    s = o.summary if o.summary is not None else pd.DataFrame()
    ref_sum = ref.summary if ref.summary is not None else pd.DataFrame()
    label = _label(o, lang)
    key = f"detail:{o.job.folder or o.name}"
    cols = (
        Column("indicator", t("h_indicator", lang)),
        Column("fy_growth_p50", t("h_fy_growth", lang)),
        Column("fy_growth_range", t("h_range", lang)),
        Column("delta", t("h_delta", lang, reference=ref_label)),
        Column("gap_pp", t("h_gap", lang)),
        Column("p_meet_target", t("h_p_meet", lang)),
    )
    rows: list[tuple[Cell, ...]] = []
    rmarks: list[str] = []
    lead_cells: tuple[Num, Num, Num, Num, Num] | None = None
    for code in _indicators_of(s, root, ds):
        r, b = _row(s, root, code), _row(ref_sum, root, code)
        if r is None:
            continue
        has_t = math.isfinite(_f(r["target_growth"]))
        fy = fmt.growth(_f(r["fy_growth_p50"]))
        lo, hi = fmt.growth(_f(r["fy_growth_p10"])), fmt.growth(_f(r["fy_growth_p90"]))
        delta = fmt.pp(
            _f(r["fy_growth_p50"]) - (_f(b["fy_growth_p50"]) if b is not None else math.nan)
        )
        gap = fmt.pp(_f(r["gap_pp"]) if has_t else math.nan)
        p = fmt.prob(_f(r["p_meet_target"]) if has_t else math.nan)
        rows.append((names.indicator(code), fy, Span(lo, hi), delta, gap, p))
        rmarks.append("bad" if _worse(gap, ds, code) else "")
        if code == lead:
            lead_cells = (fy, lo, hi, gap, p)
    paragraphs: list[Sentence | str] = []
    spec = o.job.spec
    if spec is not None and spec.description:
        paragraphs.append(spec.description)
    if lead_cells is not None:
        fy, lo, hi, gap, p = lead_cells
        paragraphs.append(
            say.scenario_detail(
                lang,
                scenario=scenario_phrase(label, lang),
                indicator=names.indicator(lead),
                fy=fy,
                lo=lo,
                hi=hi,
                gap=gap,
                p_meet=p,
                table=key,
            )
        )
    tables = [
        Table(
            key,
            t("t_detail", lang, scenario=label),
            cols,
            tuple(rows),
            _marks(rows, rmarks, cols, ("gap_pp", "p_meet_target")),
        )
    ]
    costs = o.costs
    if costs is not None and len(costs):
        crows: list[tuple[Cell, ...]] = []
        for c in costs.itertuples(index=False):
            crows.append(
                (
                    str(c.name_zh if lang == "zh" else c.name_en) or str(c.lever),
                    fmt.amount(_f(c.intensity)),
                    _intensity_unit(str(c.intensity_unit), lang),
                    fmt.amount(_f(c.cost)),
                    cost_kind_label(str(c.cost_kind), lang),
                )
            )
        tables.append(
            Table(
                f"costs:{o.job.folder or o.name}",
                t("t_costs", lang, scenario=label),
                (
                    Column("lever", t("h_lever", lang)),
                    Column("intensity", t("h_intensity", lang)),
                    Column("intensity_unit", t("h_intensity_unit", lang)),
                    Column("cost", t("h_cost", lang)),
                    Column("cost_kind", t("h_cost_kind", lang)),
                ),
                tuple(crows),
            )
        )
    paragraphs += list(o.notes)
    charts: list[ChartSpec] = []
    wf = o.waterfalls.get(lead)
    if wf is not None and len(wf) > 2:
        labels: dict[str, str] = {}
        if costs is not None:
            for c in costs.itertuples(index=False):
                labels[str(c.lever)] = str(c.name_zh if lang == "zh" else c.name_en)
        r = _row(s, root, lead)
        tg = _f(r["target_growth"]) if r is not None else math.nan
        charts.append(
            ChartSpec(
                f"waterfall_{o.job.folder or o.name}",
                "waterfall",
                t("c_waterfall", lang, scenario=label, indicator=names.indicator(lead)),
                {
                    "attribution": wf,
                    "labels": labels,
                    "target": tg if math.isfinite(tg) else None,
                },
            )
        )
    return Section(
        key,
        f"{label}（{o.name}）" if lang == "zh" and label != o.name else label,
        tuple(paragraphs),
        tuple(tables),
        tuple(charts),
    )


def _failures(lang: str, failures: Sequence[Failure]) -> Section:
    frows: tuple[tuple[Cell, ...], ...] = tuple((f.name, f.source, f.error) for f in failures)
    return Section(
        "failures",
        t("failures", lang),
        (t("failures_intro", lang),),
        (
            Table(
                "failures",
                t("t_failures", lang),
                (
                    Column("scenario", t("h_scenario", lang)),
                    Column("file", t("h_file", lang)),
                    Column("error", t("h_error", lang)),
                ),
                frows,
                tuple(tuple("bad" for _ in r) for r in frows),
                sheet="未运行情景" if lang == "zh" else "Failed",
            ),
        ),
    )


def _checks(
    lang: str,
    flags: Sequence[Flag],
    names: _Names,
    labels: Mapping[str, str],
    *,
    row_limit: int,
) -> Section:
    paragraphs: list[Sentence | str] = [
        t("checks_intro", lang) if flags else t("checks_none", lang)
    ]
    tables: list[Table] = []
    if flags:
        shown = list(flags[:row_limit])
        rows: list[tuple[Cell, ...]] = []
        for f in shown:
            rows.append(
                (
                    t(f"f_{f.kind}", lang, **names.words),
                    labels.get(f.scenario, f.scenario) if f.scenario else t("all_scenarios", lang),
                    names.unit(f.unit),
                    names.indicator(f.indicator),
                    f.value,
                    f.reference,
                    f.difference,
                )
            )
            paragraphs.append(f.message)
        more = len(flags) - len(shown)
        tables.append(
            Table(
                FLAG_TABLE,
                t("t_flags", lang),
                (
                    Column("kind", t("h_kind", lang)),
                    Column("scenario", t("h_scenario", lang)),
                    Column("unit", t("h_unit", lang)),
                    Column("indicator", t("h_indicator", lang)),
                    Column("value", t("h_value", lang)),
                    Column("reference", t("h_reference", lang)),
                    Column("difference", t("h_difference", lang)),
                ),
                tuple(rows),
                notes=(t("more_rows", lang, n=more),) if more > 0 else (),
                sheet="核查提示" if lang == "zh" else "Checks",
            )
        )
    return Section("checks", t("checks", lang), tuple(paragraphs), tuple(tables))


def _notes_section(lang: str, meta: Mapping[str, Any], extra: Sequence[str]) -> Section:
    if lang == "zh":
        lines = [
            "全年预计增速为模拟结果的中位数；预计区间为第10至第90百分位数；完成目标概率为模拟中达到或超过目标的比例。",
            "与目标差距 = 全年预计增速 − 目标增速（百分点），负数表示低于目标；以目标值下达的指标按目标值折算增速。",
            "四季度（剩余月份）需增长：在前三季度（年初至今）实际完成的基础上，完成全年目标所需的剩余期间同比增速。",
            "比基准增减为各情景全年预计增速（中位数）与参照情景之差，按未修约数计算后修约。",
            "表中数字保留一位小数（金额两位）并四舍五入；正文引用的数字与表中数字一致。",
        ]
    else:
        lines = [
            "Projected growth is the median of the simulated full year; the range runs from the "
            "10th to the 90th percentile; the chance of meeting the target is the share of "
            "draws at or above it.",
            "Gap = projected minus target growth (pp), negative when short; level targets are "
            "turned into growth.",
            "Required rest-of-year growth: the growth on the same span last year that the rest "
            "of the year needs, given the year to date, to meet the target.",
            "Changes from the reference are differences of medians, computed before rounding.",
            "Figures are rounded half away from zero to one decimal (amounts two); every figure "
            "in the text is the one in its table.",
        ]
    facts = [
        f"{FACTS[k][lang]}：{meta[k]}" if lang == "zh" else f"{FACTS[k][lang]}: {meta[k]}"
        for k in FACTS
        if meta.get(k) not in (None, "")
    ]
    return Section("notes", t("notes", lang), tuple([*lines, *facts, *extra]))


FACTS = {
    "reference": {"zh": "参照情景", "en": "Reference scenario"},
    "data": {"zh": "数据文件夹", "en": "Data folder"},
    "data_sha256": {"zh": "数据SHA-256", "en": "Data SHA-256"},
    "levers": {"zh": "政策参数文件", "en": "Levers file"},
    "version": {"zh": "sprintmodel版本", "en": "sprintmodel version"},
}
"""Facts of the run listed in the notes, with their labels."""


# ============================================================================ the builder
def build_briefing(
    dataset: DataSet,
    outcomes: Sequence[ScenarioOutcome],
    *,
    lang: str = "zh",
    status: pd.DataFrame | None = None,
    league: LeagueReport | None = None,
    flags: Sequence[Flag] | None = None,
    investment: str = "fai",
    extra_sections: Sequence[Section] = (),
    lead: str | None = None,
    detail_limit: int = 12,
    row_limit: int = 40,
    watch_top: int = 10,
    meta: Mapping[str, Any] | None = None,
) -> BriefingModel:
    """Build the briefing model from scenario outcomes (pure computation).

    Parameters
    ----------
    dataset
        The data the scenarios ran on.
    outcomes
        Every scenario's outcome, in order (failed ones are listed as failures).
    lang
        ``zh`` (default) or ``en``.
    status
        :func:`sprintmodel.status.ytd_status` at the reference's as-of (computed if None).
    league
        The league report (default: the reference outcome's, else the year-to-date one).
    flags
        Plausibility flags (default: :func:`~sprintmodel.briefing.flags.check_plausibility`).
    investment
        Code of fixed-asset investment (for the investment check).
    extra_sections
        Sections placed after the projects (recommended package, next year's targets).
    lead
        The indicator the comparison, league and charts lead with (default ``gdp`` if present).
    detail_limit
        Scenarios given a detail section and a comparison sentence [count].
    row_limit
        Rows of long tables (scenarios, flags) shown in the document [count]; the workbook
        holds them all.
    watch_top
        Projects on the watch list [count].
    meta
        Facts for the subtitle and notes (``version``, ``data``, ``data_sha256``...).

    Returns
    -------
    BriefingModel
    """
    from sprintmodel.league import league_report
    from sprintmodel.status import ytd_status

    if lang not in ("zh", "en"):
        from sprintmodel.errors import InputError

        raise InputError(f"unknown language {lang!r}. Fix: use zh or en.")
    meta = dict(meta or {})
    names = _Names(dataset, lang)
    ok = [o for o in outcomes if o.ok and o.summary is not None]
    failures = tuple(Failure(o.name, o.job.source, o.error or "") for o in outcomes if not o.ok)
    ref = next((o for o in ok if o.job.reference), ok[0] if ok else None)
    as_of = (
        ref.job.spec.as_of
        if ref is not None and ref.job.spec is not None
        else str(dataset.latest_period)
    )
    if lead is None:
        lead = "gdp" if "gdp" in dataset.indicators else next(iter(dataset.indicators), "")
    if status is None:
        status = ytd_status(dataset, as_of)
    if league is None:
        league = ref.league if ref is not None and ref.league is not None else None
    if league is None:
        try:
            league = league_report(dataset, as_of)
        except Exception:  # a league the data cannot form must not stop the briefing
            league = None
    labels = {o.name: _label(o, lang) for o in outcomes}
    figures = [
        ScenarioFigures(o.name, scenario_phrase(labels[o.name], lang), o.summary, o.projects)
        for o in ok
        if o.summary is not None
    ]
    ref_fig = next((f for f in figures if ref is not None and f.name == ref.name), None)
    if flags is None:
        flags = check_plausibility(
            dataset, figures, status, reference=ref_fig, investment=investment, lang=lang
        )
    draws = ref.job.spec.draws if ref is not None and ref.job.spec is not None else 0
    title = t("title", lang, city=names.unit(dataset.root), year=parse_period(as_of).year)
    subtitle = t(
        "subtitle",
        lang,
        period=period_label(as_of, lang),
        n=len(outcomes),
        draws=draws,
        version=meta.get("version", ""),
    )
    sections: list[Section] = [_failures(lang, failures)] if failures else []
    notice: list[str] = []
    if failures:
        notice.append(t("notice_failures", lang, n=len(failures)))
    if flags:
        notice.append(t("notice_flags", lang, n=len(flags)))
    notes_extra: list[str] = []
    if ref is not None:
        ref_label = labels[ref.name]
        ref_phrase = scenario_phrase(ref_label, lang)
        meta.setdefault("reference", ref_label)
        sections.append(_headline(names, ref, status, lead, ref_phrase, ref_label, as_of))
        sections.append(
            _comparison(
                names,
                ok,
                ref,
                lead,
                ref_label,
                ref_phrase,
                row_limit=row_limit,
                sentence_limit=detail_limit,
            )
        )
        if league is not None:
            lg = _league(names, league, lead, ref_phrase if ref.league is not None else None, as_of)
            if lg is not None:
                sections.append(lg)
            meta.setdefault("technical_notes", list(league.all_notes()))
        pj = _projects(names, ref, league, ref_label, as_of, top=watch_top)
        if pj is not None:
            sections.append(pj)
        sections += list(extra_sections)
        details = [_detail(names, o, ref, lead, ref_label) for o in ok[:detail_limit]]
        more = len(ok) - len(details)
        sections.append(
            Section(
                "details",
                t("details", lang),
                (t("more_scenarios", lang, n=more),) if more > 0 else (),
                subsections=tuple(details),
            )
        )
    # Number the body's sections (一、二、...); failures, checks and notes stay unnumbered.
    k = 0
    for i, sec in enumerate(sections):
        if sec.key != "failures":
            k += 1
            sections[i] = replace(sec, title=numbered(sec.title, k, lang))
    sections.append(_checks(lang, flags, names, labels, row_limit=row_limit))
    sections.append(_notes_section(lang, meta, notes_extra))
    data_tables = _data_tables(ok, ref, lang)
    meta.update(as_of=as_of, lead=lead, city=names.unit(dataset.root))
    return BriefingModel(
        lang=lang,
        title=title,
        subtitle=subtitle,
        notice=tuple(notice),
        sections=tuple(sections),
        flags=tuple(flags),
        failures=failures,
        data_tables=data_tables,
        meta=meta,
    )


def _data_tables(
    ok: Sequence[ScenarioOutcome], ref: ScenarioOutcome | None, lang: str
) -> dict[str, pd.DataFrame]:
    zh = lang == "zh"
    out: dict[str, pd.DataFrame] = {}
    frames = [o.summary for o in ok if o.summary is not None]
    if frames:
        out["情景汇总" if zh else "Summaries"] = pd.concat(frames, ignore_index=True)
    attr = []
    for o in ok:
        if o.attribution is not None and len(o.attribution):
            a = o.attribution.copy()
            a.insert(0, "scenario", o.name)
            attr.append(a)
    if attr:
        out["贡献分解" if zh else "Attribution"] = pd.concat(attr, ignore_index=True)
    costs = []
    for o in ok:
        if o.costs is not None and len(o.costs):
            c = o.costs.copy()
            c.insert(0, "scenario", o.name)
            costs.append(c)
    if costs:
        out["政策成本" if zh else "Costs"] = pd.concat(costs, ignore_index=True)
    if ref is not None and ref.projects is not None and len(ref.projects):
        out["项目清单" if zh else "Project list"] = ref.projects.reset_index(drop=True)
    return out


__all__ = [
    "BriefingModel",
    "Cell",
    "ChartSpec",
    "Column",
    "Failure",
    "Section",
    "Span",
    "Table",
    "build_briefing",
    "cell_numbers",
    "cell_text",
    "scenario_phrase",
]
