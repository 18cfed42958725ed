"""Tables for readers: one helper that every dashboard uses to show a data frame.

:func:`reader_frame` turns a core table (codes as columns and values) into the table a planner
reads: unit and indicator *names* instead of codes, headers in Chinese with their units
(:data:`sprintmodel.words.headers.HEADERS`, English with ``lang="en"``), project statuses and
yes/no in words, probabilities as percentages, every other number with the same decimals, and
"—" where there is no value (never ``NaN`` or ``<NA>``). :class:`Table` shows it as HTML in a
box that scrolls when the table is wide or long, with a button that offers it as an Excel file.

Nothing here computes: the numbers are the core's, only their presentation changes.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from sprintmodel.words.headers import HEADERS, PROJECT_STATUS
from sprintmodel.words.units import UNIT_WORDS

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Extra headers the dashboards show (the rest are the reports' own, one word list).
_EXTRA: dict[str, dict[str, str]] = {
    "q4_fai": {"zh": "四季度计入投资(亿元)", "en": "Q4 counted investment (亿元)"},
    "q4_va": {"zh": "四季度新增增加值(亿元)", "en": "Q4 value added (亿元)"},
    "gdp_pp_per_month": {
        "zh": "每推迟一月影响GDP增速(百分点)",
        "en": "GDP growth lost per month of delay (pp)",
    },
    "latest_start": {"zh": "最晚开工", "en": "Latest start"},
    "latest_entry": {"zh": "最晚入库", "en": "Latest entry"},
    "latest_production": {"zh": "最晚投产", "en": "Latest production"},
    "rest_growth": {"zh": "剩余期间预计增速(%)", "en": "Rest of year, forecast (%)"},
    "lever": {"zh": "政策工具", "en": "Lever"},
    "intensity": {"zh": "力度", "en": "Intensity"},
    "cost": {"zh": "成本(亿元)", "en": "Cost (亿元)"},
    "probability_checked": {"zh": "复核概率", "en": "P (re-checked)"},
    "reaches": {"zh": "能否达到", "en": "Reaches it"},
    "kind": {"zh": "类别", "en": "Kind"},
    "cap": {"zh": "上限", "en": "Cap"},
    "at_cap": {"zh": "已到上限", "en": "At cap"},
    "fy_growth_p50": {"zh": "全年增速中位数(%)", "en": "Full-year growth, median (%)"},
    "fy_growth_mean": {"zh": "全年增速均值(%)", "en": "Full-year growth, mean (%)"},
    "delta_pp": {"zh": "较基线变化(百分点)", "en": "Change from baseline (pp)"},
    "q4_growth_required": {"zh": "四季度需增长(%)", "en": "Q4 must grow (%)"},
    "name_zh": {"zh": "名称", "en": "Name (zh)"},
    "name_en": {"zh": "英文名称", "en": "Name"},
    "item": {"zh": "项目或政策", "en": "Item"},
    "intensity_unit": {"zh": "力度单位", "en": "Intensity unit"},
    "cost_kind": {"zh": "资金类别", "en": "Money kind"},
    "at_limit": {"zh": "已到可行上限", "en": "At its limit"},
    "limit": {"zh": "上限", "en": "Limit"},
    "package_growth": {"zh": "方案全年预计增速(%)", "en": "Package growth (%)"},
    "growth_p10": {"zh": "方案全年增速10%分位(%)", "en": "Package growth, p10 (%)"},
    "growth_p90": {"zh": "方案全年增速90%分位(%)", "en": "Package growth, p90 (%)"},
    "baseline_growth": {"zh": "不加力全年预计增速(%)", "en": "No-action growth (%)"},
    "baseline_probability": {"zh": "不加力完成概率", "en": "P(meet), no action"},
    "probability_saa": {"zh": "样本内概率", "en": "P (on the sample)"},
    "fai_pp_per_month": {
        "zh": "每推迟一月影响投资增速(百分点)",
        "en": "FAI growth lost per month (pp)",
    },
    "rank": {"zh": "位次", "en": "Rank"},
}

_WORDS: dict[str, dict[str, str]] = {
    **PROJECT_STATUS,
    "not_started": {"zh": "未启动", "en": "not started"},
    "approval_pending": {"zh": "报批中", "en": "approval pending"},
    "expropriating": {"zh": "征收中", "en": "expropriating"},
    "cleared": {"zh": "已净地", "en": "cleared"},
    "lower": {"zh": "触及下限", "en": "at lower bound"},
    "upper": {"zh": "触及上限", "en": "at upper bound"},
    "sum": {"zh": "加总约束", "en": "adding up"},
    "": {"zh": "", "en": ""},
    "district": {"zh": "区县", "en": "district"},
    "county": {"zh": "县(市)", "en": "county"},
    "park": {"zh": "园区", "en": "park"},
    "city": {"zh": "全市", "en": "city"},
    "town": {"zh": "乡镇", "en": "town"},
    "floor": {"zh": "保底", "en": "floor"},
    "strive": {"zh": "力争", "en": "strive"},
    "aspire": {"zh": "奋斗", "en": "aspire"},
    "province": {"zh": "全省目标", "en": "province"},
    "this_year": {"zh": "今年目标", "en": "this year's target"},
    "budget": {"zh": "财政资金", "en": "budget"},
    "debt_quota": {"zh": "债务额度", "en": "debt quota"},
    "credit": {"zh": "信贷资金", "en": "credit"},
    "lever": {"zh": "政策工具", "en": "lever"},
    "project": {"zh": "重点项目", "en": "project"},
    "cap": {"zh": "上限", "en": "cap"},
    "probability": {"zh": "概率", "en": "probability"},
    "sample": {"zh": "样本内", "en": "on the sample"},
    "fresh": {"zh": "新模拟复核", "en": "on fresh draws"},
    **UNIT_WORDS,
    "rollup": {"zh": "下辖地区", "en": "units"},
    "overlap": {"zh": "园区", "en": "parks"},
}
"""Code-like cell values in words (statuses, bounds, levels, tiers)."""

_CODE_COLUMNS = ("unit", "indicator", "parent", "project_unit")


def header(column: str, lang: str = "zh") -> str:
    """The display header of ``column`` (Chinese with units, or English)."""
    words = HEADERS.get(column) or _EXTRA.get(column)
    if words:
        return words.get(lang, words.get("en", column))
    return column


def _is_probability(column: str) -> bool:
    return column.startswith("p_") or column in ("probability", "probability_checked")


def _missing(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    try:
        return bool(isinstance(v, float | np.floating) and math.isnan(v))
    except TypeError:  # pragma: no cover
        return False


def format_cell(value: Any, column: str, lang: str = "zh", decimals: int = 2) -> str:
    """One cell as text: "—" when missing, words for codes, percentages for probabilities."""
    if _missing(value):
        return "—"
    if isinstance(value, bool | np.bool_):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        v = float(value)
        if _is_probability(column):
            return f"{v:.0%}"
        if v.is_integer() and column.startswith(("rank", "n_", "fy_rank", "months")):
            return str(int(v))
        text = f"{v:,.{decimals}f}"
        if text.startswith("-") and not text.strip("-0.,"):  # −0.00: a zero as printed
            text = text[1:]
        return text.replace("-", "−")
    if isinstance(value, str):
        words = _WORDS.get(value)
        return words.get(lang, value) if words else value
    if isinstance(value, tuple | list):
        return "、".join(format_cell(v, column, lang, decimals) for v in value)
    return str(value)


def _value(value: Any, column: str, lang: str, decimals: int) -> Any:
    """One cell for a spreadsheet: a rounded number, words for codes, None when missing."""
    if _missing(value):
        return None
    if isinstance(value, bool | np.bool_ | str | tuple | list):
        return format_cell(value, column, lang, decimals)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return round(float(value), 4 if _is_probability(column) else decimals)
    return str(value)


def reader_frame(
    frame: pd.DataFrame,
    dataset: Any = None,
    *,
    lang: str = "zh",
    columns: Sequence[str] | None = None,
    decimals: int | Mapping[str, int] = 2,
    text: bool = True,
) -> pd.DataFrame:
    """``frame`` as a reader sees it: names for codes, headers in words, cells as text.

    Parameters
    ----------
    frame
        A core table (codes as columns).
    dataset
        The :class:`~sprintmodel.data.DataSet` giving unit and indicator names (codes kept when
        None or unknown).
    lang
        ``"zh"`` or ``"en"``.
    columns
        Columns to keep, in order (default: all).
    decimals
        Decimals of numbers [digits], one for all or per column (probabilities are shown as
        whole percentages whatever this says).
    text
        True: every cell as display text; False (for spreadsheets): numbers stay numbers,
        rounded to ``decimals`` (probabilities to 4 decimals, as shares), missing cells empty.

    Returns
    -------
    pandas.DataFrame
        Text cells under display headers.
    """
    f = frame.reset_index(
        drop=not isinstance(frame.index, pd.MultiIndex) and frame.index.name is None
    )
    if columns is not None:
        f = f[[c for c in columns if c in f.columns]]
    out = {}
    for col in f.columns:
        name = str(col)
        values = f[col].tolist()
        if dataset is not None and name in _CODE_COLUMNS:
            table = dataset.indicators if name == "indicator" else dataset.units
            values = [
                table[v].label(lang) if isinstance(v, str) and v in table else v for v in values
            ]
        d = decimals.get(name, 2) if isinstance(decimals, Mapping) else decimals
        if text:
            out[header(name, lang)] = [format_cell(v, name, lang, d) for v in values]
        else:
            out[header(name, lang)] = [_value(v, name, lang, d) for v in values]
    return pd.DataFrame(out)


def table_html(frame: pd.DataFrame, *, max_height: int = 420) -> str:
    """HTML of a :func:`reader_frame` in a box that scrolls (sticky header, numbers right)."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for r in frame.itertuples(index=False):
        cells = []
        for v in r:
            s = str(v)
            num = bool(s) and (s[0].isdigit() or s[0] in "−+") and not s.endswith(("市", "区"))
            align = " class='num'" if num else ""
            cells.append(f"<td{align}>{html.escape(s)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    style = (
        "<style>.sprintmodel-table{overflow:auto;max-height:MAXHpx;max-width:100%;"
        "border:1px solid #ddd}.sprintmodel-table table{border-collapse:collapse;"
        "font-size:13px;white-space:nowrap}.sprintmodel-table th{position:sticky;top:0;"
        "background:#f3f5f7;padding:4px 8px;text-align:center;border-bottom:1px solid #bbb}"
        ".sprintmodel-table td{padding:3px 8px;border-bottom:1px solid #eee}"
        ".sprintmodel-table td.num{text-align:right;font-variant-numeric:tabular-nums}</style>"
    ).replace("MAXH", str(int(max_height)))
    return (
        f"{style}<div class='sprintmodel-table'><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def xlsx_bytes(frames: Mapping[str, pd.DataFrame]) -> bytes:
    """An Excel workbook with one sheet per frame (sheet names cut to Excel's 31 characters)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for i, (name, f) in enumerate(frames.items()):
            sheet = (name or f"表{i + 1}")[:31]
            for bad in "[]:*?/\\":
                sheet = sheet.replace(bad, " ")
            f.to_excel(xw, sheet_name=sheet, index=False)
    return buf.getvalue()


def download_link(data: bytes, filename: str, mime: str, text: str, css: str = "") -> str:
    """An ``<a download>`` link carrying ``data`` (works in Voila and JupyterLab alike)."""
    b64 = base64.b64encode(data).decode("ascii")
    cls = f" class='{css}'" if css else ""
    return (
        f"<a{cls} download='{html.escape(filename)}' href='data:{mime};base64,{b64}' "
        f"style='margin-right:1em'>⬇ {html.escape(text)}</a>"
    )


class Table(widgets.VBox):
    """A reader's table (:func:`reader_frame`) in a scrolling box, with an Excel export.

    Parameters
    ----------
    frame
        The core table.
    dataset, lang, columns, decimals
        As :func:`reader_frame`.
    title
        A caption above the table (also the sheet and file name of the export).

    Attributes
    ----------
    frame
        The displayed :func:`reader_frame` (text cells).
    numbers
        The same with numbers as numbers (what the Excel export holds).
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        dataset: Any = None,
        *,
        lang: str = "zh",
        columns: Sequence[str] | None = None,
        decimals: int | Mapping[str, int] = 2,
        title: str = "",
    ) -> None:
        super().__init__()
        self.source = frame
        self.lang = lang
        self.title = title
        self.frame = reader_frame(frame, dataset, lang=lang, columns=columns, decimals=decimals)
        self.numbers = reader_frame(
            frame, dataset, lang=lang, columns=columns, decimals=decimals, text=False
        )
        self.html = widgets.HTML(table_html(self.frame))
        self.links = widgets.HTML()
        self.links.add_class("sprintmodel-links")
        self.export = widgets.Button(
            description="导出 Excel" if lang == "zh" else "Export Excel",
            tooltip="把本表导出为 xlsx 文件" if lang == "zh" else "This table as an xlsx file",
            icon="download",
            layout=widgets.Layout(width="auto"),
        )
        self.export.add_class("sprintmodel-export-xlsx")
        self.export.on_click(lambda _b: self.offer_xlsx())
        cap = f"<b>{html.escape(title)}</b>" if title else ""
        self.children = [
            widgets.HTML(cap),
            self.html,
            widgets.HBox([self.export, self.links]),
        ]

    def offer_xlsx(self) -> bytes:
        """Put a download link for the table as xlsx under it; returns the file's bytes."""
        data = xlsx_bytes({self.title or "table": self.numbers})  # numbers stay numbers
        name = (self.title or "table") + ".xlsx"
        text = f"下载 {name}" if self.lang == "zh" else f"download {name}"
        self.links.value = download_link(data, name, XLSX_MIME, text, "sprintmodel-xlsx")
        return data


def table(frame: pd.DataFrame, dataset: Any = None, **kwargs: Any) -> Table:
    """Shorthand for :class:`Table`."""
    return Table(frame, dataset, **kwargs)


__all__ = [
    "Table",
    "download_link",
    "format_cell",
    "header",
    "reader_frame",
    "table",
    "table_html",
    "xlsx_bytes",
]
