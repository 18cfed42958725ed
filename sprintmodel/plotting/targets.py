"""Next year's targets: the odds of each option, the district allocation, the milestones.

- :func:`target_options` draws the probability of meeting a target against the target growth
  (:func:`target_options_data` reads the curve from a
  :class:`~sprintmodel.targets.TargetsResult`'s next-year draws), with the options marked and
  the tiers 保底 / 力争 / 奋斗 named; :func:`update_target_options` moves the chosen target.
- :func:`allocation_bars` draws each unit's allocated target growth with its reference growth
  and bounds, binding bounds highlighted (an :class:`~sprintmodel.targets.Allocation` or its
  ``to_frame()``); :func:`update_allocation` moves the bars in place.
- :func:`milestone_chart` draws one unit × indicator's milestones (时序进度): the share of the
  annual target to be done by each period against the share of the year gone, the on-track
  year-to-date growth, and the 双过半 check.

Examples
--------
>>> res = sm.draft_targets(sm.example_city(), 2027)  # doctest: +SKIP
>>> target_options(ax, **target_options_data(res, "gdp"))  # doctest: +SKIP
>>> allocation_bars(ax, res.allocations["gdp"][0])  # doctest: +SKIP
>>> milestone_chart(ax, res.milestones.query("unit == 'JC' and indicator == 'gdp'"))  # doctest: +SKIP
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
from matplotlib.text import Annotation, Text
from matplotlib.ticker import PercentFormatter

from sprintmodel.words.charts import text
from sprintmodel.words.options import BINDING_NAMES, option_name, tier_name

TIER_COLORS = {"floor": "#1e8449", "strive": "#2e86c1", "aspire": "#e67e22"}
"""Colours of the tiers 保底 (floor), 力争 (strive) and 奋斗 (aspire)."""
OTHER_COLOR = "0.45"
CHOSEN_COLOR = "#c0392b"
BAR_COLOR = "#2e86c1"
BINDING_COLOR = "#e67e22"


# ---------------------------------------------------------------------- options
@dataclass(eq=False)
class TargetOptionsArtists:
    """What :func:`target_options` drew.

    Attributes
    ----------
    ax
        The Axes.
    curve
        P(meet target) against the target growth (empty without a curve).
    points
        One marker per option, by option name.
    labels
        One label per option, by option name.
    chosen, chosen_line, chosen_label
        The chosen target's marker, vertical line and label (empty when none).
    """

    ax: Axes
    curve: Line2D
    points: dict[str, Line2D]
    labels: dict[str, Annotation]
    chosen: Line2D
    chosen_line: Line2D
    chosen_label: Text

    def moving(self) -> list[Any]:
        """The artists :func:`update_target_options` moves."""
        return [self.chosen, self.chosen_line, self.chosen_label]


def target_options_data(
    result: Any,
    indicator: str,
    unit: str | None = None,
    *,
    points: int = 161,
    lang: str = "zh",
) -> dict[str, Any]:
    """Keyword arguments of :func:`target_options` for one unit × indicator of a draft.

    Parameters
    ----------
    result
        A :class:`~sprintmodel.targets.TargetsResult`.
    indicator
        Indicator code.
    unit
        Unit code (default: the city).
    points
        Points of the curve [count].
    lang
        Language of the title.

    Returns
    -------
    dict
        ``options`` (the result's option rows of this unit × indicator), ``curve`` (target
        growth grid [%] and P(next year's growth ≥ it) [0-1]), ``chosen`` (the city target
        allocated [%], or None) and ``title``.
    """
    ds = result.dataset
    root = ds.root
    unit = unit or root
    if unit == root:
        opts = result.options[result.options.indicator == indicator]
    else:
        uo = result.unit_options
        opts = uo[(uo.unit == unit) & (uo.indicator == indicator)]
    if opts.empty:
        raise KeyError(f"no options for unit {unit!r}, indicator {indicator!r}")
    ny = result.next_year[indicator]
    draws = ny.growth[:, ny.index(unit)]
    draws = draws[np.isfinite(draws)]
    lo, hi = np.quantile(draws, [0.01, 0.99]) if draws.size else (np.nan, np.nan)
    g = opts.target_growth.to_numpy(dtype=float)
    lo = float(np.nanmin([lo, *g])) - 1.0
    hi = float(np.nanmax([hi, *g])) + 1.0
    grid = np.linspace(lo, hi, points)
    prob = np.asarray(ny.probability(unit, grid), dtype=float)
    chosen = result.city_targets.get(indicator) if unit == root else None
    title = f"{ds.units[unit].label(lang)} {ds.indicators[indicator].label(lang)}"
    return {
        "options": opts.reset_index(drop=True),
        "curve": (grid, prob),
        "chosen": chosen,
        "title": title,
    }


def _option_text(option: str, tier: str, growth: float, p: float, lang: str) -> str:
    en = lang != "zh"
    name = tier_name(tier, lang, capital=en) if tier else option_name(option, lang, capital=en)
    return f"{name} {growth:.1f}% ({p:.0%})"


def _chosen_text(growth: float, p: float, lang: str) -> str:
    return f"{text('chosen', lang)} {growth:.1f}%: {p:.0%}"


def target_options(
    ax: Axes,
    options: pd.DataFrame,
    *,
    curve: tuple[Any, Any] | None = None,
    chosen: float | None = None,
    chosen_probability: float | None = None,
    lang: str = "zh",
    title: str | None = None,
) -> TargetOptionsArtists:
    """Draw P(meet target) against the target growth with the options and tiers marked.

    Parameters
    ----------
    ax
        Axes to draw on.
    options
        Option rows of one unit × indicator (:attr:`TargetsResult.options
        <sprintmodel.targets.TargetsResult.options>` columns ``option, target_growth,
        probability`` and ``tier``: ``floor``/``strive``/``aspire`` or empty).
    curve
        ``(growth [%], probability [0-1])`` of the whole curve (optional; see
        :func:`target_options_data`).
    chosen
        The chosen target growth [%] (optional): a red vertical line and marker.
    chosen_probability
        Its probability [0-1] (default: read off the curve).
    lang
        ``"zh"`` or ``"en"``.
    title
        Axes title (optional).

    Returns
    -------
    TargetOptionsArtists
    """
    if curve is not None:
        gx, py = np.asarray(curve[0], dtype=float), np.asarray(curve[1], dtype=float)
    else:
        gx = py = np.zeros(0)
    (line,) = ax.plot(gx, py, "-", color="0.25", lw=1.6, label=text("p_meet_target", lang))
    points: dict[str, Line2D] = {}
    labels: dict[str, Annotation] = {}
    f = options.reset_index(drop=True)
    n_other = 0
    for _, r in f.iterrows():
        tier = str(r.get("tier", "") or "")
        tier = "" if tier == "nan" else tier
        g, p = float(r["target_growth"]), float(r["probability"])
        color = TIER_COLORS.get(tier, OTHER_COLOR)
        marker = "o" if tier else "D"
        (pt,) = ax.plot([g], [p], marker, color=color, ms=8 if tier else 6, zorder=3)
        name = str(r["option"])
        points[name] = pt
        if tier:  # tiers to the right of the curve, other options to the left, staggered
            offset, ha = (9, 2), "left"
        else:
            offset, ha = (-9, -4 - 11 * n_other), "right"
            n_other += 1
        labels[name] = ax.annotate(
            _option_text(name, tier, g, p, lang),
            xy=(g, p),
            xytext=offset,
            textcoords="offset points",
            ha=ha,
            va="center",
            fontsize=8,
            color=color,
        )
    c = float(chosen) if chosen is not None else float("nan")
    has = bool(np.isfinite(c))
    if has and chosen_probability is None and gx.size:
        chosen_probability = float(np.interp(c, gx, py))
    cp = float(chosen_probability) if chosen_probability is not None else float("nan")
    cx: list[float] = [c] if has else []
    (ch_line,) = ax.plot(cx * 2, [0.0, 1.0] if has else [], "--", color=CHOSEN_COLOR, lw=1.0)
    (ch,) = ax.plot(
        cx, [cp] if has else [], "s", color=CHOSEN_COLOR, ms=7, zorder=4, label=text("chosen", lang)
    )
    ch_label = ax.text(
        c if has else 0.0,
        1.02,
        _chosen_text(c, cp, lang) if has else "",
        color=CHOSEN_COLOR,
        fontsize=9,
        ha="center",
        va="bottom",
        transform=ax.get_xaxis_transform(),
    )
    for p in (0.8, 0.5, 0.3):
        ax.axhline(p, color="0.85", lw=0.8, zorder=0)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(text("target_growth", lang))
    ax.set_ylabel(text("p_meet_target", lang))
    ax.grid(axis="x", alpha=0.3)
    if gx.size:
        ax.set_xlim(float(gx.min()), float(gx.max()))
    ax.set_title(title or text("options_title", lang), pad=16)
    return TargetOptionsArtists(ax, line, points, labels, ch, ch_line, ch_label)


def update_target_options(
    artists: TargetOptionsArtists, chosen: float, probability: float, *, lang: str = "zh"
) -> None:
    """Move the chosen target's line, marker and label (call ``fig.canvas.draw_idle()``)."""
    artists.chosen_line.set_data([chosen, chosen], [0, 1])
    artists.chosen.set_data([chosen], [probability])
    artists.chosen_label.set_x(chosen)
    artists.chosen_label.set_text(_chosen_text(chosen, probability, lang))


# ---------------------------------------------------------------------- allocation
@dataclass(eq=False)
class AllocationArtists:
    """What :func:`allocation_bars` drew: one bar per unit, reference markers, bounds, texts."""

    ax: Axes
    bars: BarContainer
    reference: Line2D
    bounds: BarContainer
    texts: list[Text]
    city: Line2D
    units: list[str]

    def moving(self) -> list[Any]:
        """The artists :func:`update_allocation` moves, and the reference markers drawn over
        the bars (so that a blit over the bars keeps them on top)."""
        return [*self.bars.patches, self.reference, *self.texts, self.city]


def _allocation_frame(allocation: Any) -> pd.DataFrame:
    f = allocation.to_frame() if hasattr(allocation, "to_frame") else pd.DataFrame(allocation)
    return f.reset_index(drop=True)


def _bar_text(growth: float, binding: str, lang: str) -> str:
    tag = f" {BINDING_NAMES[binding].get(lang, binding)}" if binding in ("lower", "upper") else ""
    return f"  {growth:.2f}%{tag}"


def _text_x(*values: float) -> float:
    """Right of the bar, its band and its reference marker (whichever ends furthest right)."""
    v = np.array(values, dtype=float)
    v = v[np.isfinite(v)]
    return float(max(v.max(), 0.0)) if v.size else 0.0


def _allocation_limits(f: pd.DataFrame, city: float | None) -> tuple[float, float]:
    cols = [f.target_growth, f.reference_growth, f.lower, f.upper]
    vals = np.concatenate([np.asarray(c, dtype=float) for c in cols] + [np.array([0.0])])
    if city is not None:
        vals = np.append(vals, city)
    vals = vals[np.isfinite(vals)]
    lo, hi = float(vals.min()), float(vals.max())
    pad = max(0.12 * (hi - lo), 0.5)
    return lo - pad, hi + 2.2 * pad


def allocation_bars(
    ax: Axes,
    allocation: Any,
    *,
    city_growth: float | None = None,
    names: Mapping[str, str] | None = None,
    lang: str = "zh",
    title: str | None = None,
) -> AllocationArtists:
    """Draw each unit's allocated target growth, its reference growth and bounds on ``ax``.

    Parameters
    ----------
    ax
        Axes to draw on.
    allocation
        An :class:`~sprintmodel.targets.Allocation` or a frame with its ``to_frame()`` columns
        ``unit, target_growth, reference_growth, lower, upper, binding`` [%].
    city_growth
        The parent's target growth [%] (default: the allocation's ``parent_growth``): a dashed
        vertical line.
    names
        Display names by unit code.
    lang
        ``"zh"`` or ``"en"``.
    title
        Axes title (optional).

    Returns
    -------
    AllocationArtists
    """
    f = _allocation_frame(allocation)
    if city_growth is None and hasattr(allocation, "parent_growth"):
        city_growth = float(allocation.parent_growth)
    units = [str(u) for u in f.unit]
    y = np.arange(len(units))
    g = f.target_growth.to_numpy(dtype=float)
    binding = [str(b or "") for b in f.binding]
    colors = [BINDING_COLOR if b else BAR_COLOR for b in binding]
    lo_b = f.lower.to_numpy(dtype=float)
    hi_b = f.upper.to_numpy(dtype=float)
    ok = np.isfinite(lo_b) & np.isfinite(hi_b)
    bounds = ax.barh(
        y,
        np.where(ok, hi_b - lo_b, 0.0),
        left=np.where(ok, lo_b, 0.0),
        height=0.8,
        color="0.88",
        edgecolor="0.7",
        linewidth=0.6,
        label=text("bounds", lang),
        zorder=1,
    )
    bars = ax.barh(y, g, height=0.45, color=colors, label=text("allocated", lang), zorder=2)
    (ref,) = ax.plot(
        f.reference_growth.to_numpy(dtype=float),
        y,
        "|",
        color="0.1",
        ms=14,
        mew=2,
        label=text("reference_growth", lang),
        zorder=3,
    )
    ref_g = f.reference_growth.to_numpy(dtype=float)
    texts = [
        ax.text(
            _text_x(gi, hi_b[i], ref_g[i]),
            float(yi),
            _bar_text(gi, b, lang),
            va="center",
            fontsize=8,
        )
        for i, (gi, yi, b) in enumerate(zip(g, y, binding, strict=True))
    ]
    cg = float(city_growth) if city_growth is not None else float("nan")
    has = bool(np.isfinite(cg))
    (city,) = ax.plot(
        [cg, cg] if has else [],
        [-0.5, len(units) - 0.5] if has else [],
        "--",
        color=CHOSEN_COLOR,
        lw=1.2,
        label=text("city_target", lang),
    )
    ax.axvline(0, color="0.3", lw=0.8)
    ax.set_yticks(y)
    ax.set_yticklabels([(names or {}).get(u, u) for u in units], fontsize=9)
    ax.set_ylim(len(units) - 0.5, -0.5)
    ax.set_xlim(*_allocation_limits(f, cg if has else None))
    ax.set_xlabel(text("target_growth", lang))
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=4, fontsize=8, frameon=False)
    ax.set_title(title or text("allocation_title", lang))
    return AllocationArtists(ax, bars, ref, bounds, texts, city, units)


def update_allocation(
    artists: AllocationArtists,
    allocation: Any,
    *,
    city_growth: float | None = None,
    lang: str = "zh",
) -> bool:
    """Move the bars, labels and city line to a new allocation of the same units.

    The x-axis only grows. Returns True when its limits changed (a full redraw is needed).
    """
    f = _allocation_frame(allocation)
    if [str(u) for u in f.unit] != artists.units:
        raise ValueError("update_allocation needs the same units in the same order")
    if city_growth is None and hasattr(allocation, "parent_growth"):
        city_growth = float(allocation.parent_growth)
    g = f.target_growth.to_numpy(dtype=float)
    binding = [str(b or "") for b in f.binding]
    hi_b = f.upper.to_numpy(dtype=float)
    ref_g = f.reference_growth.to_numpy(dtype=float)
    for i, (rect, gi, b) in enumerate(zip(artists.bars.patches, g, binding, strict=True)):
        rect.set_width(float(gi))
        rect.set_facecolor(BINDING_COLOR if b else BAR_COLOR)
        artists.texts[i].set_x(_text_x(gi, hi_b[i], ref_g[i]))
        artists.texts[i].set_text(_bar_text(float(gi), b, lang))
    if city_growth is not None and np.isfinite(city_growth):
        artists.city.set_data([city_growth, city_growth], [-0.5, len(artists.units) - 0.5])
    lo, hi = _allocation_limits(f, city_growth)
    cur_lo, cur_hi = artists.ax.get_xlim()
    if lo < cur_lo or hi > cur_hi:
        artists.ax.set_xlim(min(lo, cur_lo), max(hi, cur_hi))
        return True
    return False


# ---------------------------------------------------------------------- milestones
@dataclass(eq=False)
class MilestoneArtists:
    """What :func:`milestone_chart` drew: completion bars, the time-progress line, labels."""

    ax: Axes
    bars: BarContainer
    elapsed: Line2D
    texts: list[Text]
    half: Line2D
    note: Text
    periods: list[str]


def milestone_chart(
    ax: Axes,
    milestones: pd.DataFrame,
    *,
    unit: str | None = None,
    indicator: str | None = None,
    double_half: pd.DataFrame | Mapping[str, Any] | None = None,
    lang: str = "zh",
    title: str | None = None,
) -> MilestoneArtists:
    """Draw one unit × indicator's milestones (时序进度) on ``ax``.

    Bars: the share of the annual target to be done by each period on the seasonal path
    (``completion_pct`` [%]); line: the share of the year gone (``elapsed_pct`` [%]); above
    each bar the on-track year-to-date growth (``ytd_growth`` [%]). A dotted line marks half the
    target and, with ``double_half``, a note says whether 双过半 holds at mid-year and otherwise
    what first-half growth it needs.

    Parameters
    ----------
    ax
        Axes to draw on.
    milestones
        :attr:`TargetsResult.milestones <sprintmodel.targets.TargetsResult.milestones>` (or the
        rows of one unit × indicator).
    unit, indicator
        Which rows (default: those of the first row).
    double_half
        :attr:`TargetsResult.double_half <sprintmodel.targets.TargetsResult.double_half>` (or
        its row of this unit × indicator), optional.
    lang
        ``"zh"`` or ``"en"``.
    title
        Axes title (optional).

    Returns
    -------
    MilestoneArtists
    """
    if milestones.empty:
        raise ValueError("no milestones to draw")
    unit = unit or str(milestones.unit.iloc[0])
    indicator = indicator or str(milestones.indicator.iloc[0])
    f = milestones[(milestones.unit == unit) & (milestones.indicator == indicator)]
    if f.empty:
        raise KeyError(f"no milestones for unit {unit!r}, indicator {indicator!r}")
    f = f.reset_index(drop=True)
    periods = [str(p) for p in f.period]
    x = np.arange(len(periods))
    comp = f.completion_pct.to_numpy(dtype=float)
    if not np.isfinite(comp).any():  # growth-only series: no levels, no shares
        comp = np.full(len(periods), np.nan)
    bars = ax.bar(
        x,
        np.nan_to_num(comp),
        width=0.6,
        color=BAR_COLOR,
        alpha=0.85,
        label=text("completion_pct", lang),
    )
    (elapsed,) = ax.plot(
        x,
        f.elapsed_pct.to_numpy(dtype=float),
        "o--",
        color="0.35",
        ms=4,
        lw=1.2,
        label=text("elapsed_pct", lang),
    )
    texts = []
    word = text("growth_word", lang)
    for xi, c, g in zip(x, comp, f.ytd_growth.to_numpy(dtype=float), strict=True):
        inside = bool(np.isfinite(c) and c >= 12)
        top = float(c) if np.isfinite(c) else 0.0
        texts.append(
            ax.text(
                float(xi),
                top - 1.5 if inside else top + 1.5,
                f"{word} {g:.1f}%" if np.isfinite(g) else "",
                ha="center",
                va="top" if inside else "bottom",
                fontsize=8,
                color="white" if inside else "0.1",
            )
        )
    (half,) = ax.plot([-0.5, len(periods) - 0.5], [50, 50], ":", color=CHOSEN_COLOR, lw=1.0)
    ax.text(
        len(periods) - 0.45, 50, text("half", lang), color=CHOSEN_COLOR, fontsize=8, va="center"
    )
    row = _double_half_row(double_half, unit, indicator)
    note = ""
    if row is not None:
        ok = bool(row.get("double_half_on_path", False))
        note = (
            text("double_half_yes", lang)
            if ok
            else text("double_half_no", lang).format(g=float(row["h1_growth_for_double_half"]))
        )
    note_art = ax.text(
        0.01,
        0.97,
        note,
        transform=ax.transAxes,
        fontsize=9,
        va="top",
        color="#1e8449"
        if row is not None and bool(row.get("double_half_on_path"))
        else CHOSEN_COLOR,
    )
    ax.set_xticks(x)
    ax.set_xticklabels(periods, rotation=0 if len(periods) <= 6 else 45, fontsize=8)
    ax.set_xlim(-0.6, len(periods) - 0.2)
    ax.set_ylim(0, 115)
    ax.set_ylabel(text("progress_pct", lang))
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=8, frameon=False)
    ax.set_title(title or text("milestones_title", lang))
    return MilestoneArtists(ax, bars, elapsed, texts, half, note_art, periods)


def _double_half_row(
    double_half: pd.DataFrame | Mapping[str, Any] | None, unit: str, indicator: str
) -> Mapping[str, Any] | None:
    if double_half is None:
        return None
    if isinstance(double_half, pd.DataFrame):
        hit = double_half[(double_half.unit == unit) & (double_half.indicator == indicator)]
        return dict(hit.iloc[0]) if len(hit) else None
    return double_half


__all__ = [
    "AllocationArtists",
    "MilestoneArtists",
    "TargetOptionsArtists",
    "allocation_bars",
    "milestone_chart",
    "target_options",
    "target_options_data",
    "update_allocation",
    "update_target_options",
]
