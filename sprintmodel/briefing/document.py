"""The briefing's document types: tables of formatted figures, sentences, charts' data, sections.

A :class:`BriefingModel` holds sections of :class:`Table` objects whose cells are
:class:`~sprintmodel.briefing.formatting.Num` (each figure formatted once),
:class:`~sprintmodel.briefing.sentences.Sentence` objects written from those same cells, and
:class:`ChartSpec` objects holding each chart's plain data. The section builders
(:mod:`sprintmodel.briefing.sections`) fill them, :func:`sprintmodel.briefing.build.build_briefing`
assembles them, and the writers (``docx``, ``html``, ``xlsx``) and the chart renderer only lay
out what they hold. Nothing here does I/O or imports matplotlib.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing.flags import Flag
from sprintmodel.briefing.formatting import Num
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.data import DataSet

if TYPE_CHECKING:
    from sprintmodel.scenario import ScenarioEngine, ScenarioResult

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


@dataclass(frozen=True)
class SectionError:
    """A section that could not be computed: the briefing shows it, with why, in its place.

    Attributes
    ----------
    key
        The section's key (``league``, ``package``...).
    title
        Its title, as the section would have had it.
    error
        Why it could not be computed (the exception's message).
    """

    key: str
    title: str
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


@dataclass(frozen=True)
class ExtraContext:
    """What a section builder knows besides its payload."""

    dataset: DataSet
    lang: str
    as_of: str
    reference: str


@dataclass(frozen=True)
class Extra:
    """A pluggable section (see the module docstring).

    Attributes
    ----------
    name
        Registry key.
    available
        True when the package and API it needs are importable.
    compute
        ``(engine, result) -> payload`` in the worker (picklable payload).
    section
        ``(payload, context) -> Section | None``.
    order
        Position among the extras (smaller first).
    titles
        The section's title by language, shown with the error when it fails.
    """

    name: str
    available: Callable[[], bool]
    compute: Callable[[ScenarioEngine, ScenarioResult], Any]
    section: Callable[[Any, ExtraContext], Section | None]
    order: int = 50
    titles: Mapping[str, str] = field(default_factory=dict)


__all__ = [
    "BriefingModel",
    "Cell",
    "ChartSpec",
    "Column",
    "Extra",
    "ExtraContext",
    "Failure",
    "Mark",
    "Section",
    "SectionError",
    "Span",
    "Table",
    "cell_numbers",
    "cell_text",
]
