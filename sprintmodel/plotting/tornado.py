"""Sprint package charts: the tornado of assumptions and single levers against the package.

- :func:`tornado` draws :meth:`Tornado.to_frame() <sprintmodel.optimize.Tornado.to_frame>`:
  for each assumption (lever effects, bridges, project delays, the baseline forecast) a bar
  from the package's central gap to target to the gap with the assumption at the low end of its
  range and one to the high end [pp], largest swing on top; the target is the zero line.
- :func:`lever_comparison` draws :attr:`OptimizationResult.single_lever
  <sprintmodel.optimize.OptimizationResult.single_lever>`: the probability each lever alone
  reaches on the fresh draws (at the least intensity reaching the target probability, or at its
  cap) with its cost, beside the package's, and the required probability.

Examples
--------
>>> res = sm.optimize_package(sm.example_city(), indicators=["retail"], target_probability=0.7)  # doctest: +SKIP
>>> names = tornado_names(res.engine.levers, res.engine.dataset.indicators)  # doctest: +SKIP
>>> tornado(ax, res.tornado(n_draws=500).to_frame(), names=names)  # doctest: +SKIP
>>> lever_comparison(ax, **lever_comparison_data(res))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.ticker import PercentFormatter

from sprintmodel.words.charts import text
from sprintmodel.words.notes import code_names, note_text, read_note

LOW_COLOR = "#e67e22"
HIGH_COLOR = "#2e86c1"
PACKAGE_COLOR = "#1f4e79"
REACH_COLOR = "#1e8449"
SHORT_COLOR = "0.6"


def assumption_label(name: str, lang: str = "zh", names: Mapping[str, str] | None = None) -> str:
    """Display name of a tornado assumption (``lever consumption_vouchers → retail``...).

    The English name (``tornado.csv``'s ``assumption``) is read back as its note and said in
    ``lang`` through the word list (:func:`sprintmodel.words.notes.note_text`), as the
    printout says it; ``names`` maps lever ids and indicator codes to display names. Unknown
    forms are returned as given.
    """
    note = read_note(name, "tornado.")
    return name if note is None else note_text(note, lang, names)


def tornado_names(levers: Any = None, indicators: Any = None, lang: str = "zh") -> dict[str, str]:
    """Display names for :func:`assumption_label`: each lever's and each indicator's label.

    Parameters
    ----------
    levers
        A :class:`~sprintmodel.scenario.LeverSet` (or a mapping of lever id → lever).
    indicators
        A mapping of indicator code → indicator (``DataSet.indicators``).
    lang
        ``"zh"`` or ``"en"``.
    """
    return code_names(levers, indicators, lang=lang)


def _cut(label: str, n: int) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


@dataclass(eq=False)
class TornadoArtists:
    """What :func:`tornado` drew: the low-end and high-end bars, the central and target lines."""

    ax: Axes
    low: BarContainer
    high: BarContainer
    central: Line2D
    target: Line2D
    assumptions: list[str]
    texts: list[Text]


def tornado(
    ax: Axes,
    tornado_frame: pd.DataFrame,
    *,
    unit: str | None = None,
    indicator: str | None = None,
    top: int = 10,
    min_change: float = 0.005,
    names: Mapping[str, str] | None = None,
    max_label: int = 30,
    lang: str = "zh",
    title: str | None = None,
) -> TornadoArtists:
    """Draw the tornado of one target's gap over the assumptions on ``ax``.

    Parameters
    ----------
    ax
        Axes to draw on.
    tornado_frame
        :meth:`Tornado.to_frame() <sprintmodel.optimize.Tornado.to_frame>` (columns
        ``unit, indicator, assumption, low, high, gap_central_pp, gap_low_pp, gap_high_pp,
        swing_pp, p_low, p_high``).
    unit, indicator
        The target (default: the frame's first).
    top
        Largest swings shown [count].
    min_change
        Assumptions moving neither the gap [pp] nor the probability by this much are left out.
    names
        Display names of lever ids and indicator codes (:func:`tornado_names`,
        :func:`assumption_label`).
    max_label
        Longest row label [characters]; longer ones are cut with "…".
    lang
        ``"zh"`` or ``"en"``.
    title
        Axes title (optional).

    Returns
    -------
    TornadoArtists
        ``assumptions`` in bar order (largest swing first, at the top).
    """
    f = tornado_frame
    if f.empty:
        raise ValueError("the tornado frame is empty")
    unit = unit or str(f.unit.iloc[0])
    indicator = indicator or str(f.indicator.iloc[0])
    f = f[(f.unit == unit) & (f.indicator == indicator)]
    if f.empty:
        raise KeyError(f"no tornado rows for unit {unit!r}, indicator {indicator!r}")
    central = float(f.gap_central_pp.iloc[0])
    moving = (f.swing_pp >= min_change) | ((f.p_high - f.p_low).abs() >= min_change)
    f = f[moving].sort_values("swing_pp", ascending=False, kind="stable").head(top)
    f = f.reset_index(drop=True)
    y = np.arange(len(f))
    d_lo = f.gap_low_pp.to_numpy(dtype=float) - central
    d_hi = f.gap_high_pp.to_numpy(dtype=float) - central
    low = ax.barh(y, d_lo, left=central, height=0.6, color=LOW_COLOR, label=text("low_end", lang))
    high = ax.barh(
        y, d_hi, left=central, height=0.6, color=HIGH_COLOR, label=text("high_end", lang)
    )
    texts = []
    for yi, r, a, b in zip(y, f.itertuples(index=False), d_lo, d_hi, strict=True):
        # The end further left is labelled on the left of the central line, the other on the
        # right, so that the two labels never overlap.
        ends = sorted(((a, str(r.low)), (b, str(r.high))), key=lambda e: e[0])
        for (d, end), ha in zip(ends, ("right", "left"), strict=True):
            x = min(central + d, central) if ha == "right" else max(central + d, central)
            texts.append(
                ax.text(x, float(yi), f" {end} ", ha=ha, va="center", fontsize=7, color="0.25")
            )
    (cline,) = ax.plot(
        [central, central],
        [-0.6, len(f) - 0.4],
        "-",
        color="0.1",
        lw=1.0,
        label=text("central", lang),
    )
    (tline,) = ax.plot(
        [0.0, 0.0], [-0.6, len(f) - 0.4], "--", color="#c0392b", lw=1.2, label=text("target", lang)
    )
    labels = [_cut(assumption_label(str(a), lang, names), max_label) for a in f.assumption]
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_ylim(len(f) - 0.4, -0.6)
    ends = np.r_[central + d_lo, central + d_hi, central, 0.0]
    lo, hi = float(np.nanmin(ends)), float(np.nanmax(ends))
    pad = max(0.15 * (hi - lo), 0.05)
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_xlabel(text("gap_pp", lang))
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.set_title(title or text("tornado_title", lang))
    return TornadoArtists(ax, low, high, cline, tline, [str(a) for a in f.assumption], texts)


@dataclass(eq=False)
class ComparisonArtists:
    """What :func:`lever_comparison` drew: one bar per lever and one for the package."""

    ax: Axes
    bars: BarContainer
    required: Line2D
    baseline: Line2D
    rows: list[str]
    texts: list[Text]


def lever_comparison_data(result: Any) -> dict[str, Any]:
    """Keyword arguments of :func:`lever_comparison` from an
    :class:`~sprintmodel.optimize.OptimizationResult` (its first target's baseline probability)."""
    targets = result.target_table()
    base = float(targets.baseline_probability.iloc[0]) if len(targets) else None
    return {
        "single_lever": result.single_lever,
        "package_probability": float(result.probability_checked),
        "package_cost": float(result.cost),
        "target_probability": float(result.problem.target_probability),
        "baseline_probability": base,
    }


def lever_comparison(
    ax: Axes,
    single_lever: pd.DataFrame,
    *,
    package_probability: float,
    package_cost: float | None = None,
    target_probability: float | None = None,
    baseline_probability: float | None = None,
    names: Mapping[str, str] | None = None,
    lang: str = "zh",
    title: str | None = None,
) -> ComparisonArtists:
    """Draw each lever alone against the package: P(meet target) on fresh draws and cost.

    Parameters
    ----------
    ax
        Axes to draw on.
    single_lever
        :attr:`OptimizationResult.single_lever
        <sprintmodel.optimize.OptimizationResult.single_lever>` (``lever``, ``name_zh``,
        ``name_en``, ``probability_checked`` [0-1], ``cost`` [亿元], ``reaches``, ``at_cap``).
    package_probability
        The package's re-checked probability [0-1] (the last bar).
    package_cost
        The package's cost [亿元] (optional, written on its bar).
    target_probability
        The required probability [0-1] (a red dashed line).
    baseline_probability
        The probability without any action [0-1] (a grey dotted line).
    names
        Display names by lever id (default: the frame's ``name_zh``/``name_en``).
    lang
        ``"zh"`` or ``"en"``.
    title
        Axes title (optional).

    Returns
    -------
    ComparisonArtists
        ``rows``: lever ids then ``package``, top to bottom.
    """
    f = single_lever.reset_index(drop=True)
    col = "name_zh" if lang == "zh" else "name_en"
    label_of = {
        str(r.lever): (names or {}).get(str(r.lever), str(getattr(r, col, r.lever)))
        for r in f.itertuples(index=False)
    }
    rows = [*map(str, f.lever), "package"]
    p = np.r_[f.probability_checked.to_numpy(dtype=float), package_probability]
    cost = np.r_[f.cost.to_numpy(dtype=float), np.nan if package_cost is None else package_cost]
    reaches = [bool(v) for v in f.reaches] + [
        target_probability is None or package_probability >= target_probability - 0.005
    ]
    colors = [REACH_COLOR if r else SHORT_COLOR for r in reaches[:-1]] + [PACKAGE_COLOR]
    y = np.arange(len(rows))
    bars = ax.barh(y, p, height=0.6, color=colors)
    texts = []
    for i, (yi, pi, ci) in enumerate(zip(y, p, cost, strict=True)):
        bits = [f"{pi:.1%}"]
        if np.isfinite(ci):
            bits.append(f"{ci:.2f} 亿元")
        if i < len(f) and bool(f.at_cap.iloc[i]) and not reaches[i]:
            bits.append(text("at_cap", lang))
        if i == len(f) and target_probability is not None and pi < target_probability:
            short = 100.0 * (target_probability - pi)  # say so: the bar stops short of the line
            bits.append(
                f"低于要求 {short:.1f} 个百分点" if lang == "zh" else f"{short:.1f} pp short"
            )
        texts.append(ax.text(float(pi), float(yi), "  " + ", ".join(bits), va="center", fontsize=8))
    tp = target_probability
    (req,) = ax.plot(
        [tp, tp] if tp is not None else [],
        [-0.6, len(rows) - 0.4] if tp is not None else [],
        "--",
        color="#c0392b",
        lw=1.2,
        label=text("target_probability", lang),
    )
    bp = baseline_probability
    (base,) = ax.plot(
        [bp, bp] if bp is not None else [],
        [-0.6, len(rows) - 0.4] if bp is not None else [],
        ":",
        color="0.3",
        lw=1.2,
        label=text("baseline_probability", lang),
    )
    ax.set_yticks(y)
    ax.set_yticklabels([label_of.get(r, text("package", lang)) for r in rows], fontsize=8)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.set_xlim(0, 1.3)
    ax.set_xticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(text("p_meet_target", lang))
    ax.grid(axis="x", alpha=0.3)
    if tp is not None or bp is not None:
        ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.set_title(title or text("comparison_title", lang))
    return ComparisonArtists(ax, bars, req, base, rows, texts)


__all__ = [
    "ComparisonArtists",
    "TornadoArtists",
    "assumption_label",
    "lever_comparison",
    "lever_comparison_data",
    "tornado",
    "tornado_names",
]
