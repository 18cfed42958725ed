"""Save, export and reset for the scenario panels (levers, project timing).

:class:`ScenarioActions` is a row of buttons under a panel: "保存为情景" writes the scenario the
panel last evaluated as YAML that ``sprintmodel run`` accepts (offered as a download), "导出表格" the scenario's summary as an Excel file (in the reader's
words, :func:`~sprintmodel.ui.tables.reader_frame`), "导出图片" the chart as PNG, "恢复基线"
puts every control back to the scenario the panel started from. The files are made when a
button is pressed, never in the slider's callback.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from sprintmodel.ui.tables import XLSX_MIME, download_link, reader_frame, xlsx_bytes

SUMMARY_SHOWN = [
    "unit",
    "indicator",
    "fy_growth",
    "fy_growth_mean",
    "delta_pp",
    "target_growth",
    "gap_pp",
    "p_meet_target",
    "q4_growth_required",
]
"""The summary columns an exported scenario table shows."""


def scenario_yaml(spec: Any, data_folder: str | None = None) -> str:
    """The scenario as YAML for ``sprintmodel run`` (a comment names the command to run)."""
    data = f" --data {data_folder}" if data_folder else ""
    head = (
        f"# 由 sprintmodel 仪表板保存 / saved from a sprintmodel dashboard\n"
        f"# sprintmodel run {spec.name}.yaml{data} --out out/{spec.name}\n"
    )
    return head + spec.to_yaml()


class ScenarioActions(widgets.HBox):
    """Buttons to save the panel's scenario, export its table and chart, and reset it.

    Parameters
    ----------
    panel
        A panel with ``last_spec``, ``last_result``, ``view`` (a
        :class:`~sprintmodel.ui.FigureView`), ``engine`` and ``lang``.
    reset
        Called by "恢复基线".
    name
        The scenario's name in the saved file (and the files' names).
    """

    def __init__(self, panel: Any, reset: Callable[[], None], name: str = "dashboard") -> None:
        super().__init__()
        self.add_class("sprintmodel-actions")
        self.panel = panel
        self.name = name
        zh = panel.lang == "zh"

        def button(zh_text: str, en_text: str, tip_zh: str, tip_en: str, icon: str, css: str):
            b = widgets.Button(
                description=zh_text if zh else en_text,
                tooltip=tip_zh if zh else tip_en,
                icon=icon,
                layout=widgets.Layout(width="auto"),
            )
            b.add_class(css)
            return b

        self.save_button = button(
            "保存为情景", "Save as scenario",
            "把当前政策力度和项目时间保存为情景文件(YAML),可用 sprintmodel run 复算",
            "The current levers and project dates as a scenario file for sprintmodel run",
            "save", "sprintmodel-save-scenario",
        )  # fmt: skip
        self.xlsx_button = button(
            "导出表格", "Export table", "当前情景的结果表(xlsx)", "The scenario's results (xlsx)",
            "table", "sprintmodel-export-xlsx",
        )  # fmt: skip
        self.png_button = button(
            "导出图片", "Export chart", "当前图表(PNG)", "The chart (PNG)",
            "image", "sprintmodel-export-png",
        )  # fmt: skip
        self.reset_button = button(
            "恢复基线", "Reset", "所有滑块回到初始情景,无需刷新页面",
            "Every control back to the starting scenario, without reloading",
            "undo", "sprintmodel-reset",
        )  # fmt: skip
        self.links = widgets.HTML()
        self.links.add_class("sprintmodel-links")
        self.save_button.on_click(lambda _b: self.offer_yaml())
        self.xlsx_button.on_click(lambda _b: self.offer_xlsx())
        self.png_button.on_click(lambda _b: self.offer_png())
        self.reset_button.on_click(lambda _b: self._reset(reset))
        self.children = [
            self.save_button,
            self.xlsx_button,
            self.png_button,
            self.reset_button,
            self.links,
        ]

    def _reset(self, reset: Callable[[], None]) -> None:
        self.links.value = ""
        reset()

    def _spec(self) -> Any:
        spec = self.panel.last_spec or self.panel.base_spec
        return spec.replace(name=self.name, description="仪表板保存的情景")

    def offer_yaml(self) -> str:
        """Offer the scenario as a YAML download; returns its text."""
        spec = self._spec()
        ds = self.panel.engine.dataset
        text = scenario_yaml(spec, None if _is_example(ds) else str(ds.folder))
        label = "下载情景文件" if self.panel.lang == "zh" else "download scenario"
        self.links.value = download_link(
            text.encode("utf-8"), f"{spec.name}.yaml", "application/x-yaml", label,
            "sprintmodel-yaml",
        )  # fmt: skip
        return text

    def offer_xlsx(self) -> bytes:
        """Offer the scenario's summary and attribution as an xlsx download."""
        result = self.panel.last_result
        if result is None:
            return b""
        lang = self.panel.lang
        ds = self.panel.engine.dataset
        summary = result.summary_frame()
        frames = {
            "情景结果" if lang == "zh" else "summary": reader_frame(
                summary, ds, lang=lang, columns=SUMMARY_SHOWN, text=False
            )
        }
        data = xlsx_bytes(frames)
        label = "下载表格" if lang == "zh" else "download table"
        self.links.value = download_link(
            data, f"{self.name}.xlsx", XLSX_MIME, label, "sprintmodel-xlsx"
        )
        return data

    def offer_png(self) -> bytes:
        """Offer the panel's chart as a PNG download."""
        buf = io.BytesIO()
        self.panel.view.figure.savefig(buf, format="png", dpi=150)
        data = buf.getvalue()
        label = "下载图片" if self.panel.lang == "zh" else "download chart"
        self.links.value = download_link(
            data, f"{self.name}.png", "image/png", label, "sprintmodel-png"
        )
        return data


def _is_example(dataset: Any) -> bool:
    from sprintmodel.datasets import data_path

    try:
        return Path(dataset.folder).resolve() == data_path("example_city").resolve()
    except Exception:
        return False


__all__ = ["SUMMARY_SHOWN", "ScenarioActions", "scenario_yaml"]
