"""Charts of the briefing: PNG images drawn from the model's :class:`ChartSpec` data.

Each chart kind is drawn by :mod:`sprintmodel.plotting` (fan, requirement bars, waterfall,
league heatmap, Gantt) or here (the scenario comparison), on a :class:`matplotlib.figure.Figure`
made without pyplot (no global state, no GUI backend). Captions are not drawn: the documents put
the chart's title under it, in the briefing's language.

Chinese labels need a CJK font (:func:`sprintmodel.plotting.chart_lang`); without one the charts
fall back to English labels and codes (one warning), never boxes or a crash. A chart that fails
to draw is left out with a note; the briefing still goes out.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from sprintmodel.briefing.document import BriefingModel, ChartSpec

DPI = 130
"""Resolution of the PNG images [dots per inch]: sharp in Word at 16 cm wide, about 60 kB each."""

SIZES: dict[str, tuple[float, float]] = {
    "fan": (7.0, 3.6),
    "requirement": (7.0, 3.4),
    "comparison": (7.0, 3.4),
    "league": (7.2, 3.8),
    "gantt": (7.2, 4.2),
    "waterfall": (7.0, 3.6),
}
"""Figure sizes by kind [inches]."""

REFERENCE_COLOR = "#1f4e79"
SCENARIO_COLOR = "#7fa7cf"
TARGET_COLOR = "#c0392b"


def _fan(ax: Any, data: Mapping[str, Any], lang: str, same_lang: bool) -> None:
    from sprintmodel.plotting import fan_chart

    fan_chart(
        ax,
        data["years"],
        np.asarray(data["history"], dtype=float),
        data["forecast"],
        ytd=data.get("ytd"),
        target=data.get("target"),
        lang=lang,
    )


def _requirement(ax: Any, data: Mapping[str, Any], lang: str, same_lang: bool) -> None:
    from sprintmodel.plotting import requirement_bars

    requirement_bars(
        ax,
        data["frame"],
        data["indicator"],
        units=data.get("units"),
        names=data.get("names") if same_lang else None,
        lang=lang,
    )


def _comparison(ax: Any, data: Mapping[str, Any], lang: str, same_lang: bool) -> None:
    labels = list(data["labels"] if same_lang else data.get("names", data["labels"]))
    p10, p50, p90 = (np.asarray(data[k], dtype=float) for k in ("p10", "p50", "p90"))
    y = np.arange(len(labels))[::-1]
    colors = [REFERENCE_COLOR if i == 0 else SCENARIO_COLOR for i in range(len(labels))]
    err = np.vstack([np.maximum(p50 - p10, 0), np.maximum(p90 - p50, 0)])
    ax.errorbar(p50, y, xerr=err, fmt="none", ecolor="0.45", elinewidth=1.2, capsize=4)
    ax.scatter(p50, y, s=46, color=colors, zorder=3)
    for yi, v in zip(y, p50, strict=True):
        if math.isfinite(v):
            ax.text(v, yi + 0.18, f"{v:.1f}", ha="center", va="bottom", fontsize=8)
    target = data.get("target")
    if target is not None:
        ax.axvline(
            target, color=TARGET_COLOR, ls=":", lw=1.4, label="目标" if lang == "zh" else "Target"
        )
        ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=9)
    ax.set_xlabel(
        "全年预计增速(%)（点为预计值，横线为第10至第90百分位）"
        if lang == "zh"
        else "Full-year growth (%): projection, 10th to 90th percentile"
    )
    ax.grid(axis="x", alpha=0.3)
    finite = np.concatenate([p10[np.isfinite(p10)], p90[np.isfinite(p90)]])
    if finite.size:
        lo, hi = float(finite.min()), float(finite.max())
        if target is not None:
            lo, hi = min(lo, target), max(hi, target)
        pad = max(0.15 * (hi - lo), 0.3)
        ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(-0.6, len(labels) - 0.4)


def _league(ax: Any, data: Mapping[str, Any], lang: str, same_lang: bool) -> None:
    from sprintmodel.plotting import league_heatmap

    league_heatmap(ax, data["table"], indicators=data.get("indicators"), lang=lang)


def _gantt(ax: Any, data: Mapping[str, Any], lang: str, same_lang: bool) -> None:
    from sprintmodel.plotting import gantt

    gantt(
        ax,
        data["projects"],
        as_of=data.get("as_of"),
        lang=lang,
        label_column="label" if same_lang else "project",
    )


def _waterfall(ax: Any, data: Mapping[str, Any], lang: str, same_lang: bool) -> None:
    from sprintmodel.plotting import waterfall

    waterfall(
        ax,
        data["attribution"],
        labels=data.get("labels") if same_lang else None,
        target=data.get("target"),
        lang=lang,
    )


RENDERERS: dict[str, Callable[[Any, Mapping[str, Any], str, bool], None]] = {
    "fan": _fan,
    "requirement": _requirement,
    "comparison": _comparison,
    "league": _league,
    "gantt": _gantt,
    "waterfall": _waterfall,
}
"""Chart kind → function ``(ax, data, lang, same_lang)`` drawing it (``same_lang``: the chart
can show the model's names; False when it fell back to English)."""


def chart_language(lang: str) -> str:
    """The language charts can use (``zh`` only with a Chinese font; warns once otherwise)."""
    try:
        from sprintmodel.plotting import chart_lang
    except ImportError:  # pragma: no cover - plotting ships with the package
        return "en"
    return chart_lang(lang)


def render_chart(spec: ChartSpec, lang: str = "zh", *, chart_lang: str | None = None) -> bytes:
    """Draw one chart and return its PNG bytes.

    Parameters
    ----------
    spec
        The chart (kind and data).
    lang
        The briefing's language.
    chart_lang
        The language the charts can use (default: :func:`chart_language`).
    """
    from matplotlib.figure import Figure

    use = chart_lang or chart_language(lang)
    fig = Figure(figsize=SIZES.get(spec.kind, (7.0, 3.6)), dpi=DPI)
    ax = fig.add_subplot()
    RENDERERS[spec.kind](ax, spec.data, use, use == lang)
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # tight-layout and glyph notices
        fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def render_charts(
    model: BriefingModel, *, kinds: Sequence[str] | None = None
) -> tuple[dict[str, bytes], list[str]]:
    """Draw every chart of ``model``.

    Returns
    -------
    (images, notes)
        PNG bytes by chart key, and one note per chart that could not be drawn (the chart is
        then left out).
    """
    use = chart_language(model.lang)
    images: dict[str, bytes] = {}
    notes: list[str] = []
    for spec in model.charts():
        if kinds is not None and spec.kind not in kinds:
            continue
        try:
            images[spec.key] = render_chart(spec, model.lang, chart_lang=use)
        except Exception as exc:  # a chart must not stop the briefing
            notes.append(
                f"chart {spec.key} ({spec.kind}) was left out: {type(exc).__name__}: {exc}"
            )
    return images, notes


__all__ = ["DPI", "RENDERERS", "SIZES", "chart_language", "render_chart", "render_charts"]
