"""Fan chart: past full-year growth and this year's forecast with 80% and 95% bands.

- :func:`fan_data` takes what a fan chart needs from a
  :class:`~sprintmodel.forecast.ForecastResult` (history of full-year growth from the data,
  the forecast's point and intervals, the year to date and the target);
- :func:`fan_chart` draws it on a given Axes and returns the artists
  (:class:`FanArtists`); :func:`update_fan` moves the forecast part in place (for widgets).

Examples
--------
>>> import matplotlib.pyplot as plt
>>> from sprintmodel.plotting import fan_chart, fan_data
>>> fig, ax = plt.subplots()  # doctest: +SKIP
>>> fan_chart(ax, **fan_data(result, "JC", "gdp"))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.text import Annotation

from sprintmodel.words.charts import text

FORECAST_KEYS = ("year", "point", "lo80", "hi80", "lo95", "hi95")
"""Keys of the ``forecast`` mapping of :func:`fan_chart` (growth [%] except ``year``)."""


@dataclass(eq=False)
class FanArtists:
    """What :func:`fan_chart` drew (kept so that :func:`update_fan` can move it).

    Attributes
    ----------
    ax
        The Axes.
    history
        Line of past full-year growth.
    band80, band95
        Polygons of the intervals, from the last actual year to the forecast year.
    path, point
        Dashed line from the last actual year to the forecast, and its marker.
    ytd, target
        Markers of this year's year-to-date growth and of the target (empty when not given).
    label
        Text giving the forecast and its 80% interval.
    anchor
        ``(year, growth)`` of the last actual year, where the fan starts.
    """

    ax: Axes
    history: Line2D
    band80: Polygon
    band95: Polygon
    path: Line2D
    point: Line2D
    ytd: Line2D
    target: Line2D
    label: Annotation
    anchor: tuple[float, float]


def fan_data(
    result: Any,
    unit: str,
    indicator: str,
    *,
    years: int = 8,
    lang: str = "zh",
) -> dict[str, Any]:
    """Keyword arguments of :func:`fan_chart` for one unit × indicator of a forecast.

    Parameters
    ----------
    result
        A :class:`~sprintmodel.forecast.ForecastResult`.
    unit, indicator
        Codes.
    years
        Past years of full-year growth shown [count].
    lang
        Language of the title.

    Returns
    -------
    dict
        ``years``, ``history`` (full-year growth [%] of past years, NaN where unknown),
        ``forecast`` (:data:`FORECAST_KEYS`), ``ytd`` (this year's year-to-date growth [%]),
        ``target`` (target growth [%] or None) and ``title``.
    """
    frame = result.to_frame()
    hit = frame[(frame.unit == unit) & (frame.indicator == indicator)]
    if hit.empty:
        raise KeyError(f"no forecast for unit {unit!r}, indicator {indicator!r}")
    row = hit.iloc[0]
    ds = result.dataset
    year = int(row["year"])
    past = list(range(year - years, year))
    panel = ds.until(result.as_of).panel(indicator, "Q", units=[unit], years=past)
    history = panel.growth()[0, :, -1]
    forecast = {
        "year": year,
        "point": float(row["fy_growth"]),
        "lo80": float(row["fy_growth_lo80"]),
        "hi80": float(row["fy_growth_hi80"]),
        "lo95": float(row["fy_growth_lo95"]),
        "hi95": float(row["fy_growth_hi95"]),
    }
    tg = float(row["target_growth"])
    name_u = ds.units[unit].label(lang)
    name_i = ds.indicators[indicator].label(lang)
    return {
        "years": past,
        "history": history,
        "forecast": forecast,
        "ytd": float(row["ytd_growth"]),
        "target": tg if np.isfinite(tg) else None,
        "title": f"{name_u} {name_i}",
    }


def _fan_polygon(anchor: tuple[float, float], year: float, lo: float, hi: float) -> np.ndarray:
    x0, y0 = anchor
    return np.array([[x0, y0], [year, hi], [year, lo]])


def _fmt_label(forecast: Mapping[str, float], lang: str) -> str:
    head = "预测" if lang == "zh" else "forecast"
    to = " 至 " if lang == "zh" else " to "  # never "-9.5–-4.9"
    return f"{head} {forecast['point']:.1f}%\n80%: {forecast['lo80']:.1f}{to}{forecast['hi80']:.1f}"


def fan_chart(
    ax: Axes,
    years: Sequence[int],
    history: Sequence[float] | np.ndarray,
    forecast: Mapping[str, float],
    *,
    ytd: float | None = None,
    target: float | None = None,
    title: str | None = None,
    lang: str = "zh",
    color: str = "#1f4e79",
) -> FanArtists:
    """Draw past full-year growth and a forecast fan on ``ax``.

    Parameters
    ----------
    ax
        Axes to draw on (not cleared).
    years, history
        Past years and their full-year growth [%] (NaN where unknown).
    forecast
        ``year`` of the forecast, its ``point`` and the interval bounds ``lo80, hi80, lo95,
        hi95`` [%].
    ytd
        This year's year-to-date growth [%], drawn at the forecast year (optional).
    target
        Target growth [%] (optional), a marker and a dotted line.
    title
        Axes title (optional).
    lang
        ``"zh"`` or ``"en"`` for the legend and axis labels (call
        :func:`~sprintmodel.plotting.fonts.chart_lang` first to fall back when no Chinese font
        is installed).
    color
        Colour of the history and the fan.

    Returns
    -------
    FanArtists
    """
    x = np.asarray(years, dtype=float)
    h = np.asarray(history, dtype=float)
    (hist_line,) = ax.plot(x, h, "-o", color=color, ms=4, lw=1.6, label=text("history", lang))
    ok = np.flatnonzero(np.isfinite(h))
    if ok.size:
        anchor = (float(x[ok[-1]]), float(h[ok[-1]]))
    else:
        anchor = (float(forecast["year"]) - 1, float(forecast["point"]))
    yr = float(forecast["year"])
    band95 = Polygon(
        _fan_polygon(anchor, yr, forecast["lo95"], forecast["hi95"]),
        closed=True,
        facecolor=color,
        alpha=0.15,
        edgecolor="none",
        label=text("band95", lang),
    )
    band80 = Polygon(
        _fan_polygon(anchor, yr, forecast["lo80"], forecast["hi80"]),
        closed=True,
        facecolor=color,
        alpha=0.30,
        edgecolor="none",
        label=text("band80", lang),
    )
    ax.add_patch(band95)
    ax.add_patch(band80)
    (path,) = ax.plot([anchor[0], yr], [anchor[1], forecast["point"]], "--", color=color, lw=1.2)
    (point,) = ax.plot(
        [yr], [forecast["point"]], "o", color=color, ms=7, label=text("forecast", lang)
    )
    (ytd_m,) = ax.plot(
        [yr] if ytd is not None else [],
        [ytd] if ytd is not None else [],
        "D",
        mfc="white",
        mec=color,
        ms=6,
        label=text("ytd", lang),
    )
    (target_m,) = ax.plot(
        [yr] if target is not None else [],
        [target] if target is not None else [],
        "_",
        color="#c0392b",
        ms=22,
        mew=2.5,
        label=text("target", lang),
    )
    if target is not None:
        ax.axhline(target, color="#c0392b", lw=0.8, ls=":")
    label = ax.annotate(
        _fmt_label(forecast, lang),
        xy=(yr, forecast["point"]),
        xytext=(8, 0),
        textcoords="offset points",
        va="center",
        fontsize=9,
    )
    ax.set_xlim(float(x.min()) - 0.5 if x.size else yr - 1.5, yr + 1.6)
    ax.set_xticks([*x.tolist(), yr])
    ax.set_xticklabels([f"{int(v)}" for v in [*x.tolist(), yr]], rotation=0, fontsize=8)
    ax.set_ylabel(text("growth_pct", lang))
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, fontsize=8, frameon=False)
    if title:
        ax.set_title(title)
    ax.autoscale_view(scalex=False)
    return FanArtists(ax, hist_line, band80, band95, path, point, ytd_m, target_m, label, anchor)


def update_fan(
    artists: FanArtists,
    forecast: Mapping[str, float],
    *,
    ytd: float | None = None,
    target: float | None = None,
    lang: str = "zh",
) -> None:
    """Move the forecast part of a fan chart in place (same unit, indicator and history).

    Call ``fig.canvas.draw_idle()`` afterwards.
    """
    yr = float(forecast["year"])
    a = artists.anchor
    artists.band95.set_xy(_fan_polygon(a, yr, forecast["lo95"], forecast["hi95"]))
    artists.band80.set_xy(_fan_polygon(a, yr, forecast["lo80"], forecast["hi80"]))
    artists.path.set_data([a[0], yr], [a[1], forecast["point"]])
    artists.point.set_data([yr], [forecast["point"]])
    if ytd is not None:
        artists.ytd.set_data([yr], [ytd])
    if target is not None:
        artists.target.set_data([yr], [target])
    artists.label.xy = (yr, forecast["point"])
    artists.label.set_text(_fmt_label(forecast, lang))
    ax = artists.ax
    ax.relim()
    ax.autoscale_view(scalex=False)


__all__ = ["FORECAST_KEYS", "FanArtists", "fan_chart", "fan_data", "update_fan"]
