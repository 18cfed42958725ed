"""Policy-lever sliders: the gap to target and its probability update as a slider is released.

The computation is the core's: a slider's value ``x`` for lever ``ℓ`` becomes
``spec.with_lever(ℓ, x)`` (:meth:`ScenarioSpec.with_lever
<sprintmodel.scenario.ScenarioSpec.with_lever>`), evaluated by the engine built once
(:meth:`ScenarioEngine.evaluate <sprintmodel.scenario.ScenarioEngine.evaluate>`, about 20 ms
at 10,000 draws). The pure function :func:`lever_scenario` does exactly that, and
:class:`LeverPanel` only wires it to widgets with :func:`ipywidgets.interactive_output`: one
:class:`~ipywidgets.FloatSlider` per lever of the :class:`~sprintmodel.scenario.LeverSet`
(0 to the lever's cap, in its intensity unit), a text line with the gap and the probability
of meeting the target, and a waterfall (baseline → each lever → scenario) whose bars move in
place. The last spec and result stay on the panel (``last_spec``, ``last_result``).

Examples
--------
>>> from sprintmodel.ui import LeverPanel
>>> panel = LeverPanel(engine)  # doctest: +SKIP
>>> panel  # in a notebook: the sliders, the gap line and the waterfall  # doctest: +SKIP
>>> panel.sliders["consumption_vouchers"].value = 2.0  # doctest: +SKIP
>>> panel.last_result.summary_frame()  # doctest: +SKIP
"""

from __future__ import annotations

import html
import math
import time
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
import numpy as np

from sprintmodel.errors import SprintmodelError
from sprintmodel.plotting import chart_lang, update_waterfall, waterfall, waterfall_labels
from sprintmodel.ui._figure import Backend, FigureView, _engine_spec
from sprintmodel.ui.actions import ScenarioActions
from sprintmodel.ui.page import error_html, warning_html
from sprintmodel.words.units import short_unit


def nice_step(cap: float, steps: int = 30) -> float:
    """A round slider step (1, 2 or 5 × 10^k) giving about ``steps`` positions up to ``cap``."""
    if cap <= 0 or not math.isfinite(cap):
        return 0.1
    raw = cap / steps
    k = math.floor(math.log10(raw))
    for m in (1.0, 2.0, 5.0, 10.0):
        if m * 10**k >= raw:
            return float(m * 10**k)
    return float(10 ** (k + 1))  # pragma: no cover


def lever_scenario(engine: Any, spec: Any, intensities: Mapping[str, float]) -> Any:
    """Evaluate ``spec`` with each lever of ``intensities`` set city-wide (the pure function).

    Parameters
    ----------
    engine
        A :class:`~sprintmodel.scenario.ScenarioEngine`.
    spec
        The scenario to start from (its lever start months and per-unit settings are kept for
        levers not in ``intensities``; a lever in it keeps its start month).
    intensities
        Lever id → total intensity [the lever's intensity unit]; 0 removes the lever.

    Returns
    -------
    tuple
        ``(spec, result)``: the :class:`~sprintmodel.scenario.ScenarioSpec` evaluated and its
        :class:`~sprintmodel.scenario.ScenarioResult`.
    """
    starts = {s.lever: s.start for s in spec.levers}
    for lid, x in intensities.items():
        spec = spec.with_lever(lid, float(x), start=starts.get(lid))
    return spec, engine.evaluate(spec)


def headline(result: Any, unit: str, indicator: str) -> dict[str, float]:
    """The numbers the gap line shows: :meth:`ScenarioResult.headline
    <sprintmodel.scenario.results.ScenarioResult.headline>` plus the scenario's total
    ``cost`` [亿元]."""
    return {**result.headline(unit, indicator), "cost": float(result.cost)}


def lever_warnings(wf: Any, intensities: Mapping[str, float], levers: Any, lang: str) -> list[str]:
    """Why a lever set above zero changes nothing for the unit and indicator shown."""
    moved = {str(r.step): float(r.delta_pp) for r in wf.itertuples() if r.step in levers}
    out = []
    for lid, x in intensities.items():
        if x > 0 and abs(moved.get(lid, 0.0)) < 1e-9:
            name = levers[lid].label(lang)
            out.append(
                f"{name}:对所选地区和指标没有作用(该政策不作用于此指标,或在年内来不及见效)"
                if lang == "zh"
                else f"{name}: no effect on this unit and indicator (the lever does not act on "
                "it, or too late in the year)"
            )
    return out


def lever_tooltip(lever: Any, lang: str = "zh") -> str:
    """A lever's tooltip: what it is, its unit, cap and cost (Chinese or English)."""
    unit = short_unit(lever.intensity_unit, lang)
    if lang == "zh":
        from sprintmodel.words.briefing import cost_kind_label

        return (
            f"{lever.label('zh')}:力度单位 {unit},上限 {lever.cap:g} {unit};"
            f"每单位成本 {lever.cost_per_unit:g} 亿元({cost_kind_label(lever.cost_kind, 'zh')})。"
            "拖动后松开即重新计算。"
        )
    return (
        f"{lever.label('en')}: intensity in {lever.intensity_unit}, cap {lever.cap:g}; "
        f"cost {lever.cost_per_unit:g} 亿元 per unit ({lever.cost_kind}). "
        + (lever.description or "")
    ).strip()


def readout_decimals(lever: Any) -> int:
    """Decimals of a slider's readout: whole months, money [亿元] always with two decimals."""
    return 0 if short_unit(lever.intensity_unit, "en").startswith("month") else 2


def slider_step(lever: Any) -> float:
    """A sensible slider step: whole months for a lever measured in months, else a round step."""
    if short_unit(lever.intensity_unit, "en").startswith("month"):
        return 1.0 if lever.cap >= 2 else 0.5
    return nice_step(lever.cap)


def format_gap(numbers: Mapping[str, float], name: str, lang: str = "zh") -> str:
    """The gap line as HTML (numbers from :func:`headline`)."""
    g, t, gap = numbers["fy_growth"], numbers["target_growth"], numbers["gap_pp"]
    p, cost = numbers["p_meet_target"], numbers["cost"]
    has_t = math.isfinite(t)
    colour = "#1e8449" if has_t and gap >= 0 else "#c0392b"
    name = html.escape(name)
    if lang == "zh":
        parts = [f"<b>{name}</b> 全年预计增速 <b>{g:.2f}%</b>"]
        if has_t:
            parts.append(
                f"目标 {t:.1f}%,差距 <b class='sm-gap' style='color:{colour}'>{gap:+.2f}</b> 个百分点,"
                f"完成目标概率 <b class='sm-prob'>{p:.0%}</b>"
            )
        else:
            parts.append("(无目标)")
        parts.append(f"政策成本 {cost:.2f} 亿元")
        return ";".join(parts)
    parts = [f"<b>{name}</b> full-year growth <b>{g:.2f}%</b>"]
    if has_t:
        parts.append(
            f"target {t:.1f}%, gap <b class='sm-gap' style='color:{colour}'>{gap:+.2f}</b> pp, "
            f"P(meet target) <b class='sm-prob'>{p:.0%}</b>"
        )
    else:
        parts.append("(no target)")
    parts.append(f"cost {cost:.2f} 亿元")
    return "; ".join(parts)


class LeverPanel(widgets.VBox):
    """Sliders for every policy lever, the gap line and a waterfall, over one engine.

    Parameters
    ----------
    engine
        A built :class:`~sprintmodel.scenario.ScenarioEngine` (the baseline is not recomputed).
    spec
        Scenario to start from (default ``engine.spec("levers")``): its city-wide lever
        intensities set the sliders, its project shifts and lever start months are kept.
    unit, indicator
        Unit and indicator shown first (default: the city, ``gdp``); dropdowns change them.
    lang
        ``"zh"`` (default) or ``"en"``: slider names, the gap line and the chart (the chart
        falls back to English when no Chinese font is installed).
    figsize
        Size of the waterfall [inches].
    backend
        ``"auto"``: the ipympl canvas under ``%matplotlib widget``, else a PNG image.

    Attributes
    ----------
    sliders
        Lever id → :class:`~ipywidgets.FloatSlider` (``continuous_update=False``).
    gap
        :class:`~ipywidgets.HTML` with the gap line (CSS class ``sprintmodel-gap``).
    last_spec, last_result
        The scenario last evaluated and its :class:`~sprintmodel.scenario.ScenarioResult`.
    last_seconds
        Time of the last update (evaluate + labels + chart) [s]; ``timings`` keeps them all.
    """

    def __init__(
        self,
        engine: Any,
        spec: Any = None,
        *,
        unit: str | None = None,
        indicator: str = "gdp",
        lang: str = "zh",
        figsize: tuple[float, float] = (7.5, 3.8),
        backend: Backend = "auto",
    ) -> None:
        super().__init__()
        self.engine = engine
        self.base_spec = _engine_spec(engine, spec, "levers")
        self.lang = lang
        self.chart_lang = chart_lang(lang)
        ds = engine.dataset
        self.unit = unit or ds.root
        self.indicator = indicator if indicator in engine.plans else next(iter(engine.plans))
        self.last_spec: Any = None
        self.last_result: Any = None
        self.last_seconds = float("nan")
        self.timings: list[float] = []
        self.error: str | None = None
        self.sliders = self._make_sliders()
        h = ds.hierarchy
        units = [
            u for u in h if h.depth(u) <= 1 and any(u in p.units for p in engine.plans.values())
        ]
        self.unit_box = widgets.Dropdown(
            options=[(ds.units[u].label(lang), u) for u in units],
            value=self.unit,
            description="地区" if lang == "zh" else "Unit",
        )
        self.indicator_box = widgets.Dropdown(
            options=[(ds.indicators[c].label(lang), c) for c in engine.plans],
            value=self.indicator,
            description="指标" if lang == "zh" else "Indicator",
        )
        self.gap = widgets.HTML()
        self.gap.add_class("sprintmodel-gap")
        self.warnings = widgets.HTML()
        self.warnings.add_class("sprintmodel-warnings")
        self.view = FigureView(figsize, backend)
        self._art: Any = None
        self._steps = [
            "baseline",
            *[lid for lid in engine.levers],
            *(["project_timing"] if self.base_spec.projects else []),
            *(["entrants"] if self.base_spec.entrants else []),
            "scenario",
        ]
        self.output = widgets.interactive_output(self.update, dict(self.sliders))
        self.unit_box.observe(self._on_view_change, "value")
        self.indicator_box.observe(self._on_view_change, "value")
        self.actions = ScenarioActions(self, self.reset, name="levers_dashboard")
        title = (
            "政策工具力度(松开滑块即重新计算;括号内为单位和上限)"
            if lang == "zh"
            else "Policy levers (released, a slider recomputes; unit and cap in brackets)"
        )
        self.children = [
            widgets.HTML(f"<b>{title}</b>"),
            *self.sliders.values(),
            widgets.HBox([self.unit_box, self.indicator_box]),
            self.gap,
            self.warnings,
            self.view.widget,
            self.actions,
            self.output,
        ]

    # ------------------------------------------------------------------ controls
    def _make_sliders(self) -> dict[str, widgets.FloatSlider]:
        start = {s.lever: s.total for s in self.base_spec.levers}
        out = {}
        for lid, lv in self.engine.levers.items():
            step = slider_step(lv)
            decimals = readout_decimals(lv)
            unit = short_unit(lv.intensity_unit, self.lang)
            cap = f"{lv.cap:g}"
            where = f"({unit},上限 {cap})" if self.lang == "zh" else f" ({unit}, cap {cap})"
            s = widgets.FloatSlider(
                value=min(start.get(lid, 0.0), lv.cap),
                min=0.0,
                max=lv.cap,
                step=step,
                description=f"{lv.label(self.lang)}{where}",
                description_allow_html=False,
                continuous_update=False,
                readout_format=f".{decimals}f",
                style={"description_width": "330px"},
                layout=widgets.Layout(width="740px"),
                tooltip=lever_tooltip(lv, self.lang),
            )
            s.add_class(f"sprintmodel-lever-{lid}")
            out[lid] = s
        return out

    def intensities(self) -> dict[str, float]:
        """Current slider values: lever id → intensity."""
        return {lid: float(s.value) for lid, s in self.sliders.items()}

    def reset(self) -> None:
        """Every slider back to the starting scenario (one evaluation, no page reload)."""
        start = {s.lever: s.total for s in self.base_spec.levers}
        with self.hold_trait_notifications():
            for lid, s in self.sliders.items():
                s.value = min(start.get(lid, 0.0), s.max)
        self.update(**self.intensities())

    # ------------------------------------------------------------------ updates
    def update(self, **intensities: float) -> Any:
        """Evaluate the scenario with these lever intensities and update the view in place.

        Called by :func:`ipywidgets.interactive_output` with every slider's value (keyword
        arguments named by lever id); callable directly too. Returns the result.
        """
        t0 = time.perf_counter()
        try:
            spec, result = lever_scenario(self.engine, self.base_spec, intensities)
        except SprintmodelError as exc:  # e.g. a cap exceeded by a typed-in value
            self.error = str(exc)
            self.gap.value = error_html(exc, self.lang)  # the one-line message, styled
            return None
        self.error = None
        self.last_spec, self.last_result = spec, result
        self._show()
        self.last_seconds = time.perf_counter() - t0
        self.timings.append(self.last_seconds)
        return result

    def _name(self) -> str:
        ds = self.engine.dataset
        return f"{ds.units[self.unit].label(self.lang)} {ds.indicators[self.indicator].label(self.lang)}"

    def _show(self, redraw: bool = False) -> None:
        result = self.last_result
        if result is None:
            return
        numbers = headline(result, self.unit, self.indicator)
        self.gap.value = format_gap(numbers, self._name(), self.lang)
        wf = result.waterfall(self.unit, self.indicator)
        wf["level"] = wf["level"] + numbers["offset_pp"]  # from the forecast's point, as the line
        self.warnings.value = warning_html(
            lever_warnings(wf, self.intensities(), self.engine.levers, self.lang)
        )
        target = numbers["target_growth"] if np.isfinite(numbers["target_growth"]) else None
        if self._art is None or redraw:
            fig = self.view.figure
            fig.clear()
            ax = fig.add_subplot(1, 1, 1)
            lang = self.chart_lang
            self._art = waterfall(
                ax,
                wf,
                steps=self._steps,
                labels=waterfall_labels(self.engine.levers, lang),
                target=target,
                lang=lang,
            )
            ds = self.engine.dataset
            ax.set_title(
                f"{ds.units[self.unit].label(lang)} {ds.indicators[self.indicator].label(lang)}",
                fontsize=10,
            )
            ax.set_ylabel("全年预计增速(%)" if lang == "zh" else "Full-year growth (%)")
            fig.tight_layout()
            self.view.animate(self._art.moving())
            full = True
        else:
            full = update_waterfall(self._art, wf, target=target)
        self.view.refresh(full=full)

    def _on_view_change(self, change: Any) -> None:
        self.unit = self.unit_box.value
        self.indicator = self.indicator_box.value
        self._show(redraw=True)


__all__ = [
    "LeverPanel",
    "format_gap",
    "headline",
    "lever_scenario",
    "lever_tooltip",
    "lever_warnings",
    "nice_step",
    "readout_decimals",
    "short_unit",
    "slider_step",
]
