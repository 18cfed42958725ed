"""Next year's targets: pick an indicator, move the city target, see the odds and the allocation.

:class:`TargetPanel` sits over a :class:`~sprintmodel.targets.TargetsResult` (drafted once by
:func:`~sprintmodel.targets.draft_targets`; nothing is re-forecast). A dropdown chooses the
indicator; a slider sets the city's target growth [%]. On release the allocation among the
city's units is solved again by the core's
:func:`~sprintmodel.targets.allocation.solve_allocation` with the draft's levels, reference
growth and bounds (:func:`reallocate`, about a millisecond), and the panel shows

- the probability of meeting the city target (from the draft's next-year draws) on the curve of
  every option, with the tiers 保底 / 力争 / 奋斗 marked (:func:`~sprintmodel.plotting.target_options`);
- each unit's allocated target against its reference growth and bounds, binding bounds in
  orange (:func:`~sprintmodel.plotting.allocation_bars`), and a table with each unit's
  probability of meeting its own target (:func:`allocation_table`);
- a line naming the binding constraints.

The slider runs from the lowest to the highest city target the bounds can add up to (within
the draft's options ± 2 pp; :func:`target_range`), so every position is feasible. The last
allocation stays on the panel (``last_allocation``, ``last_table``).

Examples
--------
>>> res = sm.draft_targets(sm.example_city(), 2027)  # doctest: +SKIP
>>> panel = TargetPanel(res)  # doctest: +SKIP
>>> panel.target_slider.value = 7.0  # doctest: +SKIP
>>> panel.last_allocation.summary()  # doctest: +SKIP
"""

from __future__ import annotations

import html
import math
import time
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from sprintmodel.errors import SprintmodelError
from sprintmodel.plotting import (
    allocation_bars,
    chart_lang,
    target_options,
    target_options_data,
    update_allocation,
    update_target_options,
)
from sprintmodel.targets.allocation import Allocation, solve_allocation
from sprintmodel.ui._figure import Backend, FigureView
from sprintmodel.ui.page import error_html
from sprintmodel.words.wording import wording

STEP = 0.1
"""Slider step of the city target [pp]."""

MARGIN = 2.0
"""How far the slider reaches beyond the draft's lowest and highest options [pp]."""


def city_allocation(result: Any, indicator: str) -> Allocation:
    """The draft's allocation of ``indicator``'s city target among the city's units."""
    root = result.dataset.root
    for a in result.allocations.get(indicator, []):
        if a.parent == root:
            return a
    raise KeyError(
        f"the draft has no allocation of {indicator!r} for the city (indicators allocated: "
        f"{', '.join(allocated_indicators(result)) or 'none'})"
    )


def allocated_indicators(result: Any) -> list[str]:
    """Indicators whose city target the draft allocated among units, in the data's order."""
    root = result.dataset.root
    have = {c for c, allocs in result.allocations.items() if any(a.parent == root for a in allocs)}
    return [c for c in result.dataset.indicators if c in have]


def reallocate(result: Any, indicator: str, parent_growth: float) -> Allocation:
    """Allocate a new city target among the city's units (the pure function behind the slider).

    Calls :func:`~sprintmodel.targets.allocation.solve_allocation` with the draft's levels,
    reference growth, bounds and weights for ``indicator``; only the city's target changes.

    Parameters
    ----------
    result
        A :class:`~sprintmodel.targets.TargetsResult`.
    indicator
        Indicator code (one of :func:`allocated_indicators`).
    parent_growth
        The city's target growth [%].

    Returns
    -------
    Allocation

    Raises
    ------
    InputError
        A target the bounds cannot add up to (the message gives the feasible range).
    """
    a = city_allocation(result, indicator)
    variance = None
    if result.config.allocation_weights == "uncertainty":
        # a = share / (v / mean v): passing share / a gives the same weights back.
        variance = (a.base / a.base.sum()) / a.weights
    return solve_allocation(
        float(parent_growth),
        a.base,
        a.reference,
        a.lower,
        a.upper,
        variance=variance,
        units=a.units,
        parent=a.parent,
        indicator=a.indicator,
        parent_base=a.parent_base,
    )


def feasible_range(allocation: Allocation) -> tuple[float, float]:
    """The lowest and highest parent target the bounds can add up to [%]."""
    share = allocation.base / allocation.base.sum()
    lo = float(np.sum(share * np.clip(allocation.lower, -1e12, 1e12)))
    hi = float(np.sum(share * np.clip(allocation.upper, -1e12, 1e12)))
    return lo, hi


def target_range(result: Any, indicator: str, margin: float = MARGIN) -> tuple[float, float]:
    """Slider range of the city target [%]: the draft's options ± ``margin``, within the
    feasible range (:func:`feasible_range`), on the :data:`STEP` grid."""
    lo, hi = feasible_range(city_allocation(result, indicator))
    opts = result.options[result.options.indicator == indicator].target_growth.to_numpy(float)
    chosen = result.city_targets.get(indicator, np.nan)
    g = np.array([*opts, chosen], dtype=float)
    g = g[np.isfinite(g)]
    want_lo = float(g.min()) - margin if g.size else lo
    want_hi = float(g.max()) + margin if g.size else hi
    a = math.ceil(max(lo, want_lo) / STEP - 1e-9) * STEP
    b = math.floor(min(hi, want_hi) / STEP + 1e-9) * STEP
    return round(a, 10), round(max(a, b), 10)


def allocation_table(result: Any, allocation: Allocation, lang: str = "zh") -> pd.DataFrame:
    """One row per unit: target growth [%], reference growth [%], bounds [%], the binding
    bound and the probability of meeting its target on the draft's next-year draws [0-1]."""
    ny = result.next_year[allocation.indicator]
    ds = result.dataset
    p = [
        float(ny.probability(u, g))
        for u, g in zip(allocation.units, allocation.growth, strict=True)
    ]
    frame = pd.DataFrame(
        {
            "unit": list(allocation.units),
            "name": [ds.units[u].label(lang) if u in ds.units else u for u in allocation.units],
            "target_growth": allocation.growth,
            "reference_growth": allocation.reference,
            "lower": allocation.lower,
            "upper": allocation.upper,
            "binding": list(allocation.binding),
            "probability": p,
        }
    )
    return frame


_HEADERS = {
    "zh": ["地区", "分解目标(%)", "参考增速(%)", "下限(%)", "上限(%)", "约束", "完成概率"],
    "en": ["Unit", "Target (%)", "Reference (%)", "Lower (%)", "Upper (%)", "Binding", "P(meet)"],
}
_BINDING = {
    "zh": {"lower": "下限", "upper": "上限", "fixed": "固定", "": ""},
    "en": {"lower": "lower", "upper": "upper", "fixed": "fixed", "": ""},
}


def format_table(table: pd.DataFrame, lang: str = "zh") -> str:
    """The allocation table as a small HTML table (binding rows in orange)."""
    lang = "zh" if lang == "zh" else "en"
    head = "".join(f"<th style='padding:0 8px'>{h}</th>" for h in _HEADERS[lang])
    rows = []
    for r in table.itertuples(index=False):
        style = " style='color:#b9770e'" if r.binding else ""
        cells = [
            html.escape(str(r.name)),
            f"{r.target_growth:.2f}",
            f"{r.reference_growth:.2f}",
            f"{r.lower:.2f}",
            f"{r.upper:.2f}",
            _BINDING[lang].get(str(r.binding), str(r.binding)),
            f"{r.probability:.0%}",
        ]
        rows.append(
            f"<tr{style}>"
            + "".join(f"<td style='padding:0 8px;text-align:right'>{c}</td>" for c in cells)
            + "</tr>"
        )
    return f"<table class='sprintmodel-allocation'><tr>{head}</tr>{''.join(rows)}</table>"


def format_line(
    name: str,
    growth: float,
    probability: float,
    allocation: Allocation,
    lang: str = "zh",
    names: Mapping[str, str] | None = None,
    whole: str = "全市",
) -> str:
    """One line of HTML: the city target, its probability and the binding constraints
    (units named by ``names``, default their codes; ``whole`` names the root in Chinese,
    `sprintmodel.words.wording`)."""
    name = html.escape(name)
    bound = [
        ((names or {}).get(u, u), b, allocation.lower[i] if b == "lower" else allocation.upper[i])
        for i, (u, b) in enumerate(zip(allocation.units, allocation.binding, strict=True))
        if b in ("lower", "upper")
    ]
    if lang == "zh":
        words = {"lower": "下限", "upper": "上限"}
        binding = (
            "、".join(f"{html.escape(u)} {words[b]} {v:.1f}%" for u, b, v in bound)
            if bound
            else "无(各地区均在上下限之内)"
        )
        return (
            f"<b>{name}</b>:{whole}目标 <b>{growth:.1f}%</b>,完成概率 "
            f"<b class='sm-prob'>{probability:.0%}</b>;起作用的约束:{binding};"
            f"加总约束乘子 λ = {allocation.multiplier:.3f} 个百分点"
        )
    binding = (
        ", ".join(f"{html.escape(u)} {b} {v:.1f}%" for u, b, v in bound)
        if bound
        else "none (every unit within its bounds)"
    )
    return (
        f"<b>{name}</b>: city target <b>{growth:.1f}%</b>, P(meet) "
        f"<b class='sm-prob'>{probability:.0%}</b>; binding: {binding}; adding-up multiplier "
        f"λ = {allocation.multiplier:.3f} pp"
    )


class TargetPanel(widgets.VBox):
    """An indicator dropdown and a city-target slider over a draft of next year's targets.

    Parameters
    ----------
    result
        A :class:`~sprintmodel.targets.TargetsResult`.
    indicator
        Indicator shown first (default ``gdp``, else the first allocated).
    lang
        ``"zh"`` or ``"en"``.
    figsize, backend
        Figure size [inches] and backend (see :class:`~sprintmodel.ui.LeverPanel`).

    Attributes
    ----------
    indicator_box
        :class:`~ipywidgets.Dropdown` of the allocated indicators.
    target_slider
        :class:`~ipywidgets.FloatSlider` of the city target [%] (``parent_growth`` of
        :func:`~sprintmodel.targets.allocation.solve_allocation`; ``continuous_update=False``).
    line, table
        :class:`~ipywidgets.HTML`: the city target's probability and binding constraints; the
        allocation table.
    last_allocation, last_table, last_probability
        The allocation last solved, its :func:`allocation_table` and the city's probability.
    last_seconds, timings
        Time of the last update (solve, table, chart) [s], and all of them.
    """

    def __init__(
        self,
        result: Any,
        *,
        indicator: str = "gdp",
        lang: str = "zh",
        figsize: tuple[float, float] = (11.0, 4.0),
        backend: Backend = "auto",
    ) -> None:
        super().__init__()
        self.result = result
        self.lang = lang
        self.chart_lang = chart_lang(lang)
        ds = result.dataset
        self.whole = wording(ds.hierarchy).whole  # 全市/全国... in the Chinese texts
        codes = allocated_indicators(result)
        if not codes:
            raise ValueError("the draft allocated no indicator among units")
        self.indicator = indicator if indicator in codes else codes[0]
        self.indicator_box = widgets.Dropdown(
            options=[(ds.indicators[c].label(lang), c) for c in codes],
            value=self.indicator,
            description="指标" if lang == "zh" else "Indicator",
        )
        lo, hi = target_range(result, self.indicator)
        self.target_slider = widgets.FloatSlider(
            value=self._start_value(lo, hi),
            min=lo,
            max=hi,
            step=STEP,
            description=(f"{self.whole}目标(%)" if lang == "zh" else "Target (%)"),
            continuous_update=False,
            readout_format=".1f",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="520px"),
        )
        self.target_slider.add_class("sprintmodel-city-target")
        self.line = widgets.HTML()
        self.line.add_class("sprintmodel-targets")
        self.table = widgets.HTML()
        self.view = FigureView(figsize, backend)
        self.last_allocation: Allocation | None = None
        self.last_table: pd.DataFrame | None = None
        self.last_probability = float("nan")
        self.last_seconds = float("nan")
        self.timings: list[float] = []
        self.error: str | None = None
        self._art: tuple[Any, Any] | None = None
        self._quiet = False
        self.output = widgets.interactive_output(self.update, {"parent_growth": self.target_slider})
        self.indicator_box.observe(self._on_indicator, "value")
        self.children = [
            widgets.HBox([self.indicator_box, self.target_slider]),
            self.line,
            self.view.widget,
            self.table,
            self.output,
        ]

    def _start_value(self, lo: float, hi: float) -> float:
        g = float(self.result.city_targets.get(self.indicator, (lo + hi) / 2))
        return float(min(max(g, lo), hi))

    # ------------------------------------------------------------------ updates
    def update(self, parent_growth: float) -> Allocation | None:
        """Allocate ``parent_growth`` [%] for the current indicator and update the view.

        Called by :func:`ipywidgets.interactive_output` when the slider is released; callable
        directly too. Returns the :class:`~sprintmodel.targets.Allocation` (None on an error,
        which is shown, not raised).
        """
        if self._quiet:
            return None
        t0 = time.perf_counter()
        try:
            alloc = reallocate(self.result, self.indicator, parent_growth)
        except SprintmodelError as exc:
            self.error = str(exc)
            self.line.value = error_html(exc, self.lang)  # the one-line message, styled
            return None
        self.error = None
        g = float(parent_growth)
        self.last_allocation = alloc
        self.last_probability = float(self.result.probability(self.indicator, g))
        self.last_table = allocation_table(self.result, alloc, self.lang)
        ds = self.result.dataset
        name = (
            f"{ds.units[ds.root].label(self.lang)} {ds.indicators[self.indicator].label(self.lang)}"
        )
        names = {u: ds.units[u].label(self.lang) for u in alloc.units if u in ds.units}
        self.line.value = format_line(
            name,
            g,
            self.last_probability,
            alloc,
            self.lang,
            names,
            self.whole,
        )
        self.table.value = format_table(self.last_table, self.lang)
        self._show(alloc, g)
        self.last_seconds = time.perf_counter() - t0
        self.timings.append(self.last_seconds)
        return alloc

    def _show(self, alloc: Allocation, growth: float) -> None:
        lang = self.chart_lang
        if self._art is None:
            fig = self.view.figure
            fig.clear()
            ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.0, 1.1]})
            data = target_options_data(self.result, self.indicator, lang=lang)
            data["chosen"] = growth
            opt = target_options(ax1, **data, chosen_probability=self.last_probability, lang=lang)
            ds = self.result.dataset
            names = {u: ds.units[u].label(lang) for u in alloc.units if u in ds.units}
            al = allocation_bars(ax2, alloc, names=names, lang=lang)
            fig.tight_layout()
            self._art = (opt, al)
            self.view.animate([*opt.moving(), *al.moving()])
            self.view.refresh(full=True)
            return
        opt, al = self._art
        update_target_options(opt, growth, self.last_probability, lang=lang)
        changed = update_allocation(al, alloc, lang=lang)
        self.view.refresh(full=changed)

    def _on_indicator(self, change: Any) -> None:
        self.indicator = self.indicator_box.value
        lo, hi = target_range(self.result, self.indicator)
        s = self.target_slider
        self._quiet = True  # the slider's intermediate values are not solved
        try:
            s.min, s.max = min(s.min, lo), max(s.max, hi)
            s.value = self._start_value(lo, hi)
            s.min, s.max = lo, hi
        finally:
            self._quiet = False
        self._art = None
        self.update(s.value)


__all__ = [
    "TargetPanel",
    "allocated_indicators",
    "allocation_table",
    "city_allocation",
    "feasible_range",
    "format_line",
    "format_table",
    "reallocate",
    "target_range",
]
