"""Where the year lands: unit and indicator dropdowns over a forecast, with a fan chart.

:class:`ForecastPanel` shows one unit × indicator of a
:class:`~sprintmodel.forecast.ForecastResult` at a time: a fan chart (past full-year growth,
the forecast with 80% and 95% intervals, the year to date, the target), a line with the
numbers (forecast, interval, target, gap, probability, the growth the rest of the year must
deliver) and, for the chosen indicator, the rest-of-year growth every unit must deliver against
what the forecast implies. Nothing is computed here: :func:`forecast_row` reads the result's
table and the charts come from :mod:`sprintmodel.plotting`.
"""

from __future__ import annotations

import html
import math
from typing import Any

import ipywidgets as widgets

from sprintmodel.plotting import chart_lang, fan_chart, fan_data, requirement_bars
from sprintmodel.ui._figure import Backend, FigureView


def forecast_row(result: Any, unit: str, indicator: str) -> dict[str, Any]:
    """The forecast table's row of one unit × indicator as a dict (see ``FORECAST_COLUMNS``)."""
    f = result.to_frame()
    hit = f[(f.unit == unit) & (f.indicator == indicator)]
    if hit.empty:
        raise KeyError(f"no forecast for unit {unit!r}, indicator {indicator!r}")
    return dict(hit.iloc[0])


def format_forecast(row: dict[str, Any], name: str, lang: str = "zh") -> str:
    """One line of HTML with the forecast's numbers (a :func:`forecast_row`)."""

    def f(v: Any, fmt: str = "{:.2f}") -> str:  # growth [%] and gaps [pp]: two decimals
        return "—" if v is None or (isinstance(v, float) and math.isnan(v)) else fmt.format(v)

    name = html.escape(name)
    if lang == "zh":
        return (
            f"<b>{name}</b>:{row['period']} 累计增长 {f(row['ytd_growth'])}%;全年预计 "
            f"<b>{f(row['fy_growth'], '{:.2f}')}%</b>(80% 区间 {f(row['fy_growth_lo80'])}% 至 "
            f"{f(row['fy_growth_hi80'])}%);目标 {f(row['target_growth'])}%,差距 "
            f"<b>{f(row['gap_pp'], '{:+.2f}')}</b> 个百分点,完成目标概率 "
            f"<b>{f(row['p_meet_target'], '{:.0%}')}</b>;剩余期间需增长 "
            f"<b>{f(row['rest_growth_required'])}%</b>(预测 {f(row['rest_growth'])}%)"
        )
    return (
        f"<b>{name}</b>: year to date {row['period']} {f(row['ytd_growth'])}%; full year "
        f"<b>{f(row['fy_growth'], '{:.2f}')}%</b> (80% {f(row['fy_growth_lo80'])}% to "
        f"{f(row['fy_growth_hi80'])}%); target {f(row['target_growth'])}%, gap "
        f"<b>{f(row['gap_pp'], '{:+.2f}')}</b> pp, P(meet target) "
        f"<b>{f(row['p_meet_target'], '{:.0%}')}</b>; the rest of the year must grow "
        f"<b>{f(row['rest_growth_required'])}%</b> (forecast {f(row['rest_growth'])}%)"
    )


class ForecastPanel(widgets.VBox):
    """Unit and indicator dropdowns over a forecast, a fan chart and the Q4 requirement.

    Parameters
    ----------
    result
        A :class:`~sprintmodel.forecast.ForecastResult`.
    unit, indicator
        Shown first (default: the city, ``gdp``).
    years
        Past years on the fan chart.
    lang
        ``"zh"`` or ``"en"``.
    figsize, backend
        Figure size [inches] and backend (see :class:`~sprintmodel.ui.LeverPanel`).

    Attributes
    ----------
    last_row
        The table row shown (:func:`forecast_row`).
    """

    def __init__(
        self,
        result: Any,
        *,
        unit: str | None = None,
        indicator: str = "gdp",
        years: int = 8,
        lang: str = "zh",
        figsize: tuple[float, float] = (11.0, 3.8),
        backend: Backend = "auto",
    ) -> None:
        super().__init__()
        self.result = result
        self.lang = lang
        self.chart_lang = chart_lang(lang)
        self.years = years
        ds = result.dataset
        frame = result.to_frame()
        frame = frame[frame.method != "none"]
        units = list(dict.fromkeys(u for u in ds.hierarchy if u in set(frame.unit)))
        inds = [c for c in ds.indicators if c in set(frame.indicator)]
        self.unit_box = widgets.Dropdown(
            options=[(ds.units[u].label(lang), u) for u in units],
            value=unit or ds.root,
            description="地区" if lang == "zh" else "Unit",
        )
        self.indicator_box = widgets.Dropdown(
            options=[(ds.indicators[c].label(lang), c) for c in inds],
            value=indicator if indicator in inds else inds[0],
            description="指标" if lang == "zh" else "Indicator",
        )
        self.line = widgets.HTML()
        self.line.add_class("sprintmodel-forecast")
        self.view = FigureView(figsize, backend)
        self.last_row: dict[str, Any] | None = None
        self.output = widgets.interactive_output(
            self.update, {"unit": self.unit_box, "indicator": self.indicator_box}
        )
        self.children = [
            widgets.HBox([self.unit_box, self.indicator_box]),
            self.line,
            self.view.widget,
            self.output,
        ]

    def update(self, unit: str, indicator: str) -> dict[str, Any] | None:
        """Show ``unit`` × ``indicator`` (redraws the two charts on the same canvas)."""
        ds = self.result.dataset
        try:
            row = forecast_row(self.result, unit, indicator)
        except KeyError as exc:
            self.line.value = html.escape(str(exc))
            return None
        self.last_row = row
        name = f"{ds.units[unit].label(self.lang)} {ds.indicators[indicator].label(self.lang)}"
        self.line.value = format_forecast(row, name, self.lang)
        lang = self.chart_lang
        fig = self.view.figure
        fig.clear()
        ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.4, 1.0]})
        fan_chart(
            ax1, **fan_data(self.result, unit, indicator, years=self.years, lang=lang), lang=lang
        )
        h = ds.hierarchy
        table = self.result.to_frame()
        have = set(table.loc[table.indicator == indicator, "unit"])
        requirement_bars(
            ax2,
            table,
            indicator,
            units=[u for u in h if h.depth(u) <= 1 and u in have],
            names={u: ds.units[u].label(lang) for u in ds.units},
            lang=lang,
        )
        fig.tight_layout()
        self.view.refresh()
        return row


__all__ = ["ForecastPanel", "forecast_row", "format_forecast"]
