"""A dashboard page: pick the data folder and as-of, see what is loaded, errors in the page.

Every planner's notebook starts with a :class:`Page`. It shows

- a **picker**: the data folder (default: ``SPRINTMODEL_DATA``, else the bundled example city),
  the as-of period (default: ``SPRINTMODEL_AS_OF``, else the latest in the data), a language
  switch (中文 / English) and an "打开" (open) button;
- a **banner** naming what is loaded (the city, the folder, the as-of period);
- an **error box** instead of Voila's generic error or a traceback: a data, scenario or lever
  problem shows sprintmodel's one-line message (file, row, column, fix); an unexpected error
  shows one line and keeps the traceback behind a "技术详情" (details) toggle.

The rest of the notebook registers **sections** with :meth:`Page.section`: a function of the
page's :class:`Context` (data set, as-of, language, cached forecast and scenario engine) that
returns what to show (a widget, a data frame, a matplotlib figure, HTML text or a list of
these). Sections are built at once and built again whenever another folder, as-of period or
language is chosen, without reloading the page. A section that fails shows its error box and
leaves the others alone; no notebook cell ever raises, so Voila never replaces the page with
its own error.

Examples
--------
In a notebook::

    from sprintmodel import ui
    page = ui.Page("政策工具箱", "Policy levers")
    page

    @page.section
    def levers(p):
        return ui.LeverPanel(p.engine(), lang=p.lang)
    levers
"""

from __future__ import annotations

import html
import io
import os
import traceback
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from sprintmodel.errors import SprintmodelError
from sprintmodel.figures import PUBLISHED_DRAWS, PUBLISHED_SEED
from sprintmodel.ui.tables import Table, download_link

ENV_DATA = "SPRINTMODEL_DATA"
ENV_AS_OF = "SPRINTMODEL_AS_OF"
ENV_LANG = "SPRINTMODEL_LANG"

_BOX_CSS = (
    "<style>.sprintmodel-error{border:1px solid #c0392b;border-left:6px solid #c0392b;"
    "background:#fdf2f0;padding:8px 12px;margin:6px 0;border-radius:3px;color:#222}"
    ".sprintmodel-error b{color:#c0392b}.sprintmodel-error .sm-message{white-space:pre-wrap}.sprintmodel-error pre{font-size:11px;max-height:240px;"
    "overflow:auto}.sprintmodel-warning{border-left:6px solid #d68910;background:#fef5e7;"
    "padding:6px 10px;margin:4px 0;color:#222}.sprintmodel-banner{background:#eef4fb;"
    "border-left:6px solid #2e86c1;padding:6px 12px;margin:4px 0}</style>"
)


def error_html(exc: BaseException, lang: str = "zh", what: str = "") -> str:
    """A styled box with the message of ``exc`` (CSS class ``sprintmodel-error``).

    A :class:`~sprintmodel.errors.SprintmodelError` is the user's to fix: its message (file,
    row, column, fix) is all the box says. Any other exception is a bug: one line, and the
    traceback behind a details toggle.
    """
    zh = lang == "zh"
    if isinstance(exc, SprintmodelError):
        head = (what or "无法完成") + ":请按提示修改后重试" if zh else (what or "Cannot continue")
        body = f"<div class='sm-message'>{html.escape(str(exc))}</div>"
        details = ""
    else:
        head = "内部错误(程序缺陷,请报告)" if zh else "Internal error (a bug, please report it)"
        body = f"<div class='sm-message'>{html.escape(type(exc).__name__)}: {html.escape(str(exc))}</div>"
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        summary = "技术详情" if zh else "Details"
        details = f"<details><summary>{summary}</summary><pre>{html.escape(tb)}</pre></details>"
    return (
        f"{_BOX_CSS}<div class='sprintmodel-error'><b>{html.escape(head)}</b>{body}{details}</div>"
    )


def warning_html(lines: list[str]) -> str:
    """Warnings in a styled box (CSS class ``sprintmodel-warning``); empty for no lines."""
    if not lines:
        return ""
    items = "".join(f"<div>⚠ {html.escape(s)}</div>" for s in lines)
    return f"{_BOX_CSS}<div class='sprintmodel-warning'>{items}</div>"


def initial_choice(environ: Any = None) -> dict[str, str]:
    """The folder, as-of and language to open first: the query string, else the environment.

    Voila passes the page's query string to the kernel as ``QUERY_STRING``
    (``?data=/path/to/city&as_of=2026Q3&lang=en``); ``SPRINTMODEL_DATA``,
    ``SPRINTMODEL_AS_OF`` and ``SPRINTMODEL_LANG`` come next; empty means the default.
    """
    env = os.environ if environ is None else environ
    query = urllib.parse.parse_qs(env.get("QUERY_STRING", ""))
    out = {}
    for key, name in (("data", ENV_DATA), ("as_of", ENV_AS_OF), ("lang", ENV_LANG)):
        q = query.get(key)
        out[key] = (q[0] if q else env.get(name, "")).strip()
    if out["lang"] not in ("zh", "en"):
        out["lang"] = "zh"
    return out


def _as_of(text: str) -> str:
    from sprintmodel.periods import PeriodError, parse_period

    try:
        return str(parse_period(text))
    except PeriodError as exc:
        raise SprintmodelError(
            f"as-of period: {exc} (or leave it empty for the latest period in the data)"
        ) from None


class Context:
    """What is loaded: the data set, the as-of period, the language, and cached results.

    Attributes
    ----------
    dataset
        The :class:`~sprintmodel.data.DataSet`.
    as_of
        The as-of period (``2026Q3``).
    lang
        ``"zh"`` or ``"en"``.
    example
        True when the dataset is the bundled example city.
    """

    def __init__(self, dataset: Any, as_of: str, lang: str, example: bool) -> None:
        self.dataset = dataset
        self.as_of = as_of
        self.lang = lang
        self.example = example
        self._cache: dict[Any, Any] = {}

    @property
    def root(self) -> str:
        """Code of the whole (the city)."""
        return str(self.dataset.root)

    @property
    def name(self) -> str:
        """The city's name in the page's language."""
        return str(self.dataset.units[self.dataset.root].label(self.lang))

    def cached(self, key: Any, make: Callable[[], Any]) -> Any:
        """``make()`` once per key for this data set and as-of (languages share it)."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def engine(self, n_draws: int = PUBLISHED_DRAWS, seed: int = PUBLISHED_SEED) -> Any:
        """The :class:`~sprintmodel.scenario.ScenarioEngine` (built once per draws and seed)."""
        from sprintmodel.ui.session import build_engine

        return self.cached(
            ("engine", n_draws, seed),
            lambda: build_engine(self.dataset, self.as_of, n_draws=n_draws, seed=seed),
        )

    def forecast(self, n_draws: int = PUBLISHED_DRAWS, seed: int = PUBLISHED_SEED) -> Any:
        """The full-year forecast (:func:`sprintmodel.forecast_year`), computed once."""
        import sprintmodel as sm

        return self.cached(
            ("forecast", n_draws, seed),
            lambda: sm.forecast_year(self.dataset, self.as_of, n_draws=n_draws, rng=seed),
        )

    def table(self, frame: pd.DataFrame, **kwargs: Any) -> Table:
        """A reader's :class:`~sprintmodel.ui.tables.Table` in the page's language."""
        kwargs.setdefault("lang", self.lang)
        return Table(frame, self.dataset, **kwargs)

    def figure(self, figsize: tuple[float, float] = (7.0, 3.6)) -> Any:
        """A new matplotlib figure (shown as a picture with a PNG download when returned)."""
        from matplotlib.figure import Figure

        return Figure(figsize=figsize)

    def t(self, zh: str, en: str) -> str:
        """``zh`` or ``en`` by the page's language."""
        return zh if self.lang == "zh" else en


class FigureBox(widgets.VBox):
    """A matplotlib figure as a picture with a "导出图片" (PNG) button."""

    def __init__(self, figure: Any, lang: str = "zh", name: str = "chart") -> None:
        super().__init__()
        self.figure = figure
        self.lang = lang
        self.name = name
        figure.tight_layout()
        self.image = widgets.Image(value=self.png(), format="png")
        self.image.add_class("sprintmodel-figure")
        self.links = widgets.HTML()
        button = widgets.Button(
            description="导出图片" if lang == "zh" else "Export PNG",
            icon="image",
            layout=widgets.Layout(width="auto"),
        )
        button.add_class("sprintmodel-export-png")
        button.on_click(lambda _b: self.offer_png())
        self.children = [self.image, widgets.HBox([button, self.links])]

    def png(self, dpi: int = 96) -> bytes:
        """The figure as PNG bytes."""
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=dpi)
        return buf.getvalue()

    def offer_png(self) -> bytes:
        """Put a download link for the figure (150 dpi) next to the button."""
        data = self.png(150)
        text = "下载图片" if self.lang == "zh" else "download PNG"
        self.links.value = download_link(data, f"{self.name}.png", "image/png", text)
        return data


def as_widget(content: Any, ctx: Context) -> widgets.Widget:
    """What a section returned, as a widget (frames become tables, figures pictures)."""
    from matplotlib.figure import Figure

    if isinstance(content, widgets.Widget):
        return content
    if content is None:
        return widgets.HTML("")
    if isinstance(content, pd.DataFrame):
        return ctx.table(content)
    if isinstance(content, Figure):
        return FigureBox(content, ctx.lang)
    if isinstance(content, list | tuple):
        return widgets.VBox([as_widget(c, ctx) for c in content])
    return widgets.HTML(str(content))


class Section(widgets.VBox):
    """One part of a page, built by a function of the :class:`Context` (see :meth:`Page.section`)."""

    def __init__(self, build: Callable[[Context], Any], name: str) -> None:
        super().__init__()
        self.build = build
        self.name = name
        self.content: Any = None
        self.error: BaseException | None = None
        self.add_class(f"sprintmodel-section-{name}")

    def refresh(self, ctx: Context | None) -> None:
        """Build again for ``ctx`` (nothing when no data is loaded)."""
        if ctx is None:
            self.children = []
            return
        try:
            self.content = self.build(ctx)
            self.error = None
            self.children = [as_widget(self.content, ctx)]
        except Exception as exc:
            self.error = exc
            self.content = None
            self.children = [widgets.HTML(error_html(exc, ctx.lang))]


class Page(widgets.VBox):
    """The top of a dashboard: data picker, banner and error box; sections follow.

    Parameters
    ----------
    title_zh, title_en
        The dashboard's title in both languages.
    data
        A data folder (default: see :func:`initial_choice`; empty = the example city).
    as_of
        As-of period (default: see :func:`initial_choice`; empty = the latest in the data).
    lang
        ``"zh"`` or ``"en"`` (default: see :func:`initial_choice`).

    Attributes
    ----------
    ctx
        The :class:`Context` loaded, or None when loading failed (``error`` says why).
    sections
        The sections registered, in order.
    """

    def __init__(
        self,
        title_zh: str = "",
        title_en: str = "",
        *,
        data: str | None = None,
        as_of: str | None = None,
        lang: str | None = None,
    ) -> None:
        super().__init__()
        first = initial_choice()
        self.titles = {"zh": title_zh, "en": title_en or title_zh}
        self.ctx: Context | None = None
        self.error: BaseException | None = None
        self.sections: list[Section] = []
        self.folder_box = widgets.Text(
            value=str(data if data is not None else first["data"]),
            placeholder="数据文件夹(留空 = 内置示例城市)",
            description="数据文件夹",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="460px"),
        )
        self.folder_box.add_class("sprintmodel-folder")
        self.as_of_box = widgets.Text(
            value=str(as_of if as_of is not None else first["as_of"]),
            placeholder="如 2026Q3(留空 = 最新)",
            description="截至",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="280px"),
        )
        self.as_of_box.add_class("sprintmodel-as-of")
        self.lang_box = widgets.ToggleButtons(
            options=[("中文", "zh"), ("English", "en")],
            value=lang or first["lang"],
            style={"button_width": "70px"},
        )
        self.lang_box.add_class("sprintmodel-lang")
        self.open_button = widgets.Button(
            description="打开", icon="folder-open", button_style="primary"
        )
        self.open_button.add_class("sprintmodel-open")
        self.heading = widgets.HTML()
        self.banner = widgets.HTML()
        self.banner.add_class("sprintmodel-banner-box")
        self.message = widgets.HTML()
        self.message.add_class("sprintmodel-message")
        self.open_button.on_click(lambda _b: self.load())
        self.lang_box.observe(lambda _c: self._relabel(), "value")
        self.children = [
            self.heading,
            widgets.HBox([self.folder_box, self.as_of_box, self.open_button, self.lang_box]),
            self.banner,
            self.message,
        ]
        self.load()

    @property
    def lang(self) -> str:
        """The page's language."""
        return str(self.lang_box.value)

    # ------------------------------------------------------------------ loading
    def load(self, data: str | None = None, as_of: str | None = None) -> Context | None:
        """Load a data folder and as-of (default: the picker's) and rebuild every section."""
        import sprintmodel as sm
        from sprintmodel.ui.session import default_as_of

        if data is not None:
            self.folder_box.value = data
        if as_of is not None:
            self.as_of_box.value = as_of
        folder = self.folder_box.value.strip()
        self._set_labels()
        try:
            if folder:
                path = Path(folder).expanduser()
                if not path.is_dir():
                    raise SprintmodelError(
                        f"{path}: no such data folder; type the path of a folder holding "
                        "units.csv, indicators.csv and observations.csv (or leave it empty for "
                        "the example city)"
                    )
                ds = sm.load_folder(path)
                example = False
            else:
                ds = sm.example_city()
                example = True
            period = _as_of(self.as_of_box.value.strip() or default_as_of(ds))
            self.ctx = Context(ds, period, self.lang, example)
            self.error = None
            self.message.value = ""
        except Exception as exc:
            self.ctx = None
            self.error = exc
            what = "数据无法载入" if self.lang == "zh" else "The data cannot be loaded"
            self.message.value = error_html(exc, self.lang, what)
        self._set_labels()
        for s in self.sections:
            s.refresh(self.ctx)
        return self.ctx

    def _relabel(self) -> None:
        if self.ctx is not None:
            self.ctx.lang = self.lang
        self._set_labels()
        if self.error is not None:
            what = "数据无法载入" if self.lang == "zh" else "The data cannot be loaded"
            self.message.value = error_html(self.error, self.lang, what)
        for s in self.sections:
            s.refresh(self.ctx)

    def _set_labels(self) -> None:
        zh = self.lang == "zh"
        title = self.titles["zh" if zh else "en"]
        self.heading.value = f"<h2 style='margin:4px 0'>{html.escape(title)}</h2>" if title else ""
        self.folder_box.description = "数据文件夹" if zh else "Data folder"
        self.folder_box.placeholder = (
            "数据文件夹路径(留空 = 内置示例城市)"
            if zh
            else "path of a data folder (empty = example city)"
        )
        self.as_of_box.description = "数据截至" if zh else "As of"
        self.as_of_box.placeholder = (
            "如 2026Q3(留空 = 最新)" if zh else "e.g. 2026Q3 (empty = latest)"
        )
        self.open_button.description = "打开" if zh else "Open"
        self.open_button.tooltip = (
            "载入所填文件夹和期间,重新计算本页"
            if zh
            else "Load this folder and period, recompute the page"
        )
        self.banner.value = self.banner_html()

    def banner_html(self) -> str:
        """The banner naming what is loaded (CSS class ``sprintmodel-banner``)."""
        zh = self.lang == "zh"
        ctx = self.ctx
        if ctx is None:
            text = "未载入数据" if zh else "No data loaded"
            return f"{_BOX_CSS}<div class='sprintmodel-banner'>{text}</div>"
        ds = ctx.dataset
        name = html.escape(str(ds.units[ds.root].label(self.lang)))
        if ctx.example:
            where = "内置示例城市(合成数据)" if zh else "the bundled example city (synthetic)"
        else:
            where = html.escape(str(ds.folder))
        n_units, n_ind = len(ds.units), len(ds.indicators)
        if zh:
            text = (
                f"已载入:<b class='sm-loaded'>{name}</b>,来源 <span class='sm-folder'>{where}</span>;"
                f"数据截至 <b>{html.escape(ctx.as_of)}</b>;{n_units} 个地区、{n_ind} 项指标"
            )
        else:
            text = (
                f"Loaded: <b class='sm-loaded'>{name}</b> from <span class='sm-folder'>{where}</span>; "
                f"data as of <b>{html.escape(ctx.as_of)}</b>; {n_units} units, {n_ind} indicators"
            )
        return f"{_BOX_CSS}<div class='sprintmodel-banner'>{text}</div>"

    # ------------------------------------------------------------------ sections
    def section(self, build: Callable[[Context], Any]) -> Section:
        """Register ``build(ctx)`` as a section of the page and build it now (a decorator).

        Returns the :class:`Section` widget (display it by leaving it last in a cell).
        """
        s = Section(build, getattr(build, "__name__", "section").replace("_", "-"))
        self.sections.append(s)
        s.refresh(self.ctx)
        return s


__all__ = [
    "ENV_AS_OF",
    "ENV_DATA",
    "ENV_LANG",
    "Context",
    "FigureBox",
    "Page",
    "Section",
    "as_widget",
    "error_html",
    "initial_choice",
    "warning_html",
]
