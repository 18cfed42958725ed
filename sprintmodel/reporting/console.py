"""Rich tables for the terminal."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence

import pandas as pd
from rich.table import Table

from sprintmodel.data import DataSet
from sprintmodel.words.headers import LIVELIHOOD_STATE, header


def number_text(value: object, digits: int = 1) -> str:
    """A table cell: a float with ``digits`` decimals and thousands separators, "—" if missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def unit_text(dataset: DataSet, code: str, lang: str) -> str:
    """A unit's name in ``lang``, indented below the root."""
    name = dataset.units[code].label(lang)
    return "  " + name if dataset.hierarchy.depth(code) > 0 else name


def add_columns(table: Table, columns: Sequence[str], lang: str, *, left: Collection[str]) -> None:
    """Add a column per name in ``columns``, headed by :func:`header` in ``lang``.

    The ``left`` columns (names and codes) are left-aligned, the others (figures) right-aligned.
    A ``note`` column folds its text onto as many lines as it needs: Chinese has no spaces to
    wrap at, and rich would otherwise cut it after the first line.
    """
    for c in columns:
        table.add_column(
            header(c, lang),
            justify="left" if c in left else "right",
            overflow="fold" if c == "note" else "ellipsis",
        )


class Footnotes:
    """Notes said once, below a table, and marked in its rows: ``[1][3]``.

    A note shared by many rows (the October nowcast of every district's GDP) is said once;
    the table keeps one line per row instead of a narrow note column folded over a dozen
    lines. Marks number the notes in order of first appearance.

    >>> f = Footnotes()
    >>> f.mark(["a", "b"]), f.mark(["b", ""]), f.lines("zh")
    ('[1][2]', '[2]', ['注：', '[1] a', '[2] b'])
    """

    def __init__(self) -> None:
        self._texts: dict[str, int] = {}

    def mark(self, texts: Iterable[str]) -> str:
        """The marks of ``texts`` (empty ones skipped), numbering new texts."""
        marks = []
        for text in texts:
            if text:
                number = self._texts.setdefault(text, len(self._texts) + 1)
                marks.append(f"[{number}]")
        return "".join(dict.fromkeys(marks))

    def lines(self, lang: str) -> list[str]:
        """The heading and one line per note (none without notes)."""
        if not self._texts:
            return []
        return ["注：" if lang == "zh" else "Notes:"] + [
            f"[{n}] {t}" for t, n in self._texts.items()
        ]


def status_table(frame: pd.DataFrame, dataset: DataSet, *, lang: str = "zh") -> Table:
    """A terminal table of :func:`sprintmodel.status.ytd_status` with names in ``lang``."""
    title = "年度目标进度" if lang == "zh" else "Year to date against target"
    table = Table(title=title, show_lines=False)
    from sprintmodel.status import SHOWN_COLUMNS

    add_columns(table, SHOWN_COLUMNS, lang, left=("unit", "indicator", "period"))
    for row in frame.itertuples(index=False):
        ind = dataset.indicators[row.indicator]
        table.add_row(
            unit_text(dataset, row.unit, lang),
            f"{ind.label(lang)} ({ind.measure})" if ind.measure else ind.label(lang),
            row.period,
            number_text(row.ytd_value, 2),
            number_text(row.ytd_growth),
            number_text(row.target_growth),
            # A target to complete (城镇新增就业) reads as done against time progress and the
            # amount still needed, not as the growth the rest of the year needs.
            "—" if ind.completion else number_text(row.rest_growth_required),
            number_text(row.amount_needed, 2),
            number_text(row.completion_pct),
            number_text(row.time_progress_pct),
        )
    return table


LIVELIHOOD_SHOWN = [
    "task",
    "unit",
    "department",
    "money_total",
    "completion_pct",
    "elapsed_pct",
    "points_ahead",
    "state",
]
"""Columns of the terminal table of :func:`sprintmodel.livelihood.livelihood_progress`."""


def livelihood_table(frame: pd.DataFrame, dataset: DataSet, *, lang: str = "zh") -> Table:
    """为民办实事: each task's completion against its time progress (points behind first)."""
    title = "为民办实事进度" if lang == "zh" else "Livelihood tasks: completion vs time progress"
    table = Table(title=title, show_lines=False)
    add_columns(table, LIVELIHOOD_SHOWN, lang, left=("task", "unit", "department", "state"))
    for row in frame.sort_values("points_ahead", kind="stable").itertuples(index=False):
        table.add_row(
            row.task,
            unit_text(dataset, row.unit, lang).strip(),
            row.department,
            number_text(row.money_total, 2),
            number_text(row.completion_pct),
            number_text(row.elapsed_pct),
            number_text(row.points_ahead),
            LIVELIHOOD_STATE.get(row.state, {}).get(lang, row.state),
        )
    return table
