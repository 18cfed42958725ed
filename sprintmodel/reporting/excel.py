"""Formatted Excel workbooks for printed briefings (openpyxl).

One function, :func:`write_workbook`, writes any number of DataFrames as sheets of one workbook:
headers translated (Chinese by default, from :mod:`sprintmodel.words.headers`), the header row
frozen and repeated on every printed page, column widths fitted to the text (CJK characters count
double), number formats by column (one decimal for % and pp, two for amounts in 亿元, integers for
ranks, percentages for probabilities), cells coloured by rules (red for below average or behind
schedule, green for champions), landscape pages fitted to the paper width, and an optional notes
sheet. The file is written atomically (a temporary file, then a rename).

Colours are static fills computed when the file is written (they print exactly as shown and need
no Excel formula engine); they do not change if a cell is edited afterwards.

Examples
--------
>>> import pandas as pd, tempfile, pathlib
>>> frame = pd.DataFrame({"unit": ["A", "B"], "ytd_growth": [5.1, 3.2],
...                       "below_average": [False, True]})
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
>>> _ = write_workbook(path, {"league": frame},
...                    highlights={"league": [Highlight("below_average", color="red")]})
>>> import openpyxl
>>> openpyxl.load_workbook(path)["league"].freeze_panes
'A2'
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sprintmodel.reporting.files import atomic_path
from sprintmodel.words.headers import header

COLORS = {
    "red": "F8CBAD",
    "green": "C6EFCE",
    "yellow": "FFEB9C",
    "grey": "EDEDED",
    "blue": "DDEBF7",
}
"""Named fill colours (light, so text stays readable in print), as RGB hex."""

HEADER_FILL = "D9E1F2"

FORMAT_ONE_DECIMAL = "0.0"
FORMAT_AMOUNT = "#,##0.00"
FORMAT_INTEGER = "0"
FORMAT_SHARE = "0%"


@dataclass(frozen=True)
class Highlight:
    """A colouring rule for one sheet.

    Parameters
    ----------
    when
        Which rows to colour: the name of a boolean column (True rows are coloured), or a
        function ``frame -> boolean Series`` (aligned with the frame's rows).
    color
        A name of :data:`COLORS` or an RGB hex string (``"F8CBAD"``).
    columns
        Columns to colour (default: the ``when`` column when it is a name, else every
        column); ``"*"`` colours the whole row.
    font_color
        Optional RGB hex of the text in coloured cells (e.g. ``"9C0006"`` dark red).

    Examples
    --------
    >>> Highlight("below_average", color="red", columns=("unit", "ytd_growth"))
    Highlight(when='below_average', color='red', columns=('unit', 'ytd_growth'), font_color=None)
    """

    when: str | Callable[[pd.DataFrame], pd.Series]
    color: str = "red"
    columns: Sequence[str] | str | None = None
    font_color: str | None = None

    def mask(self, frame: pd.DataFrame) -> np.ndarray:
        """Boolean array of the rows to colour (NA counts as False)."""
        if callable(self.when):
            m = self.when(frame)
        elif self.when in frame.columns:
            m = frame[self.when]
        else:
            return np.zeros(len(frame), dtype=bool)
        s = pd.Series(m, index=frame.index) if not isinstance(m, pd.Series) else m
        if s.dtype == object:
            s = s.map(lambda v: bool(v) if v is not None and v is not pd.NA and v == v else False)
        return s.fillna(False).astype(bool).to_numpy()

    def targets(self, frame: pd.DataFrame) -> list[str]:
        """The columns this rule colours."""
        if self.columns == "*":
            return list(frame.columns)
        if self.columns is None:
            return [self.when] if isinstance(self.when, str) else list(frame.columns)
        return [c for c in self.columns if c in frame.columns]

    def rgb(self) -> str:
        """The fill colour as RGB hex."""
        return COLORS.get(self.color, self.color).lstrip("#").upper()


def default_format(column: str, series: pd.Series | None = None) -> str | None:
    """Number format guessed from a column's name (None: keep Excel's default).

    ``rank_*``, ``n_*`` and counts → integer; ``p_*`` probabilities (0–1) → percent;
    growth, ``*_pct``, ``*_pp``, percentiles → one decimal; other floats (amounts in 亿元) → two
    decimals with thousands separators.
    """
    c = column.lower()
    if c in ("expected_rank", "median_rank") or c.startswith(("expected_rank", "median_rank")):
        return FORMAT_ONE_DECIMAL
    if c.startswith(("rank", "n_", "periods_left", "months_left", "year")) or c.endswith(
        ("_rank", "_count", "rank_now")
    ):
        return FORMAT_INTEGER
    if c.startswith("p_"):
        return FORMAT_SHARE
    if (
        "growth" in c
        or c.endswith(("_pct", "_pp"))
        or "percentile" in c
        or c.startswith("history_")
        or c in ("points_ahead", "gap_pp")
    ):
        return FORMAT_ONE_DECIMAL
    if series is not None and pd.api.types.is_float_dtype(series.dtype):
        return FORMAT_AMOUNT
    if series is not None and pd.api.types.is_integer_dtype(series.dtype):
        return FORMAT_INTEGER
    return None


_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title: no ``[]:*?/\\``, at most 31 characters."""
    base = _BAD_SHEET.sub("_", str(name)).strip("'") or "sheet"
    base = base[:31]
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title.lower())
    return title


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell_value(v: object) -> object:
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float | np.floating):
        f = float(v)
        return None if math.isnan(f) or math.isinf(f) else f
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.bool_ | bool):
        return bool(v)
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    return v


def _highlight(
    ws: Any, frame: pd.DataFrame, columns: list[str], rules: Sequence[Highlight]
) -> None:
    """Colour the rows each rule selects, on the rule's columns (later rules win)."""
    from openpyxl.styles import Font, PatternFill

    for rule in rules:
        mask = rule.mask(frame)
        fill = PatternFill("solid", fgColor=rule.rgb())
        font = Font(color=rule.font_color) if rule.font_color else None
        cols = [columns.index(c) + 1 for c in rule.targets(frame) if c in columns]
        for i in np.flatnonzero(mask).tolist():
            for j in cols:
                cell = ws.cell(row=i + 2, column=j)
                cell.fill = fill
                if font is not None:
                    cell.font = font


def _lay_out(ws: Any, widths: list[int], n: int, freeze_columns: int, landscape: bool) -> None:
    """Column widths, frozen header (and columns), filter, and the printed page."""
    from openpyxl.utils import get_column_letter

    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = f"{get_column_letter(freeze_columns + 1)}2"
    if widths:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{n + 1}"
    ws.print_title_rows = "1:1"
    if landscape:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0


def _notes_sheet(
    ws: Any, notes: Sequence[str] | Mapping[str, Sequence[str]], head_font: Any
) -> None:
    """Notes, one line per row (a mapping gives one block per bold heading)."""
    blocks = notes.items() if isinstance(notes, Mapping) else [("", notes)]
    for heading, lines in blocks:
        if heading:
            ws.append([heading])
            ws.cell(row=ws.max_row, column=1).font = head_font
        for line in lines:
            ws.append([line])
        ws.append([])
    ws.column_dimensions["A"].width = 120


def write_workbook(
    path: str | Path,
    sheets: Mapping[str, pd.DataFrame],
    *,
    lang: str = "zh",
    headers: Mapping[str, str] | None = None,
    formats: Mapping[str, str] | None = None,
    sheet_headers: Mapping[str, Mapping[str, str]] | None = None,
    sheet_formats: Mapping[str, Mapping[str, str]] | None = None,
    highlights: Mapping[str, Sequence[Highlight]] | None = None,
    sheet_names: Mapping[str, str] | None = None,
    notes: Sequence[str] | Mapping[str, Sequence[str]] | None = None,
    notes_sheet: str | None = None,
    freeze_columns: int = 0,
    bool_labels: tuple[str, str] | None = None,
    max_width: int = 40,
    landscape: bool = True,
    atomic: bool = True,
) -> Path:
    """Write DataFrames as formatted sheets of one Excel workbook.

    Parameters
    ----------
    path
        The ``.xlsx`` file to write (replaced if it exists).
    sheets
        Sheet key → DataFrame, in order. The key is the sheet's title unless ``sheet_names``
        maps it to another.
    lang
        Language of the headers (``"zh"`` or ``"en"``): columns are translated with
        :func:`sprintmodel.words.headers.header` (unknown columns keep their name).
    headers
        Column → header overrides (take precedence over ``lang``).
    formats
        Column → Excel number format overrides (e.g. ``{"increment": "#,##0.0"}``); other
        columns get :func:`default_format`.
    sheet_headers, sheet_formats
        Sheet key → column → header or number format, for one sheet only (take precedence over
        ``headers`` and ``formats``): the same column key may read differently in two sheets
        (e.g. ``ytd_value`` as 1—9月累计值 in one and 1—10月累计值 in another).
    highlights
        Sheet key → colouring rules (:class:`Highlight`), applied in order (later rules win).
    sheet_names
        Sheet key → title shown on the tab (e.g. Chinese names).
    notes
        Lines written to a notes sheet at the end (a mapping gives one block per heading).
    notes_sheet
        Title of the notes sheet (default ``说明`` in Chinese, ``Notes`` in English).
    freeze_columns
        Also freeze this many leading columns (e.g. 1 to keep the unit name visible).
    bool_labels
        Text for True/False cells (default ``是``/``否`` in Chinese, ``yes``/``no`` in
        English); empty for missing.
    max_width
        Widest column [characters].
    landscape
        Print in landscape, fitted to the page width, the header row repeated on every page.
    atomic
        Write to a temporary file beside ``path`` and rename it (default); False writes
        directly.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    path = Path(path)
    headers = dict(headers or {})
    formats = dict(formats or {})
    highlights = dict(highlights or {})
    sheet_names = dict(sheet_names or {})
    yes, no = bool_labels or (("是", "否") if lang == "zh" else ("yes", "no"))
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = Font(bold=True)
    head_fill = PatternFill("solid", fgColor=HEADER_FILL)
    wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for key, frame in sheets.items():
        ws = book.create_sheet(sheet_title(sheet_names.get(key, key), taken))
        frame = frame.reset_index(drop=True)
        columns = [str(c) for c in frame.columns]
        own_headers = {**headers, **(sheet_headers or {}).get(key, {})}
        own_formats = {**formats, **(sheet_formats or {}).get(key, {})}
        labels = [own_headers.get(c, header(c, lang)) for c in columns]
        ws.append(labels)
        for j in range(1, len(columns) + 1):
            cell = ws.cell(row=1, column=j)
            cell.font, cell.fill, cell.alignment, cell.border = head_font, head_fill, wrap, border
        fmt = [own_formats.get(c, default_format(c, frame[c])) for c in columns]
        widths = [_display_width(lb) for lb in labels]
        is_bool = [
            pd.api.types.is_bool_dtype(frame[c].dtype) or str(frame[c].dtype) == "boolean"
            for c in columns
        ]
        for row in frame.itertuples(index=False, name=None):
            values = []
            for j, v in enumerate(row):
                v = _cell_value(v)
                if is_bool[j] or isinstance(v, bool):
                    v = None if v is None else (yes if v else no)
                values.append(v)
            ws.append(values)
            for j, v in enumerate(values):
                if v is None:
                    continue
                text = f"{v:,.2f}" if isinstance(v, float) else str(v)
                widths[j] = max(widths[j], _display_width(text))
        n = len(frame)
        for j, f in enumerate(fmt, start=1):
            for i in range(2, n + 2):
                cell = ws.cell(row=i, column=j)
                cell.border = border
                if f and isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    cell.number_format = f
        _highlight(ws, frame, columns, highlights.get(key, ()))
        _lay_out(ws, [min(max_width, max(6, w + 2)) for w in widths], n, freeze_columns, landscape)
    if notes:
        title = sheet_title(notes_sheet or ("说明" if lang == "zh" else "Notes"), taken)
        _notes_sheet(book.create_sheet(title), notes, head_font)
    if not book.worksheets:
        book.create_sheet("empty")
    if atomic:
        with atomic_path(path) as tmp:
            book.save(tmp)
    else:
        book.save(path)
    return path
