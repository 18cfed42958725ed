"""Helpers the section builders share: names, marks, spans, a scenario's label."""

from __future__ import annotations

import importlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import pandas as pd

from sprintmodel.briefing import formatting as fmt
from sprintmodel.briefing.formatting import Num
from sprintmodel.data import DataSet
from sprintmodel.figures import completion_pct
from sprintmodel.periods import parse_period
from sprintmodel.words.briefing import cost_kind_label, scenario_label
from sprintmodel.words.headers import COST_KIND
from sprintmodel.words.periods import month_span_label
from sprintmodel.words.wording import wording

if TYPE_CHECKING:
    from sprintmodel.scenario.batch import ScenarioOutcome

from sprintmodel.briefing.document import (
    Cell,
    Column,
)


# ============================================================================ helpers
def _marks(
    rows: Sequence[Sequence[Cell]],
    row_marks: Sequence[str],
    columns: Sequence[Column] | None = None,
    only: Sequence[str] | None = None,
) -> tuple[tuple[str, ...], ...]:
    """Cell marks from one mark per row, on every cell or only on the columns ``only``."""
    keep = [True] * (len(rows[0]) if rows else 0)
    if columns is not None and only is not None:
        keep = [c.key in only for c in columns]
    return tuple(tuple(m if k else "" for k in keep) for _, m in zip(rows, row_marks, strict=True))


def _f(x: Any) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return math.nan
    return v


def _true(x: Any) -> bool:
    """True for True-like values; False for False, None and NA."""
    if x is None or x is pd.NA:
        return False
    try:
        return bool(x)
    except (TypeError, ValueError):
        return False


def _row(frame: pd.DataFrame, unit: str, indicator: str) -> Any | None:
    hit = frame[(frame.unit == unit) & (frame.indicator == indicator)]
    return None if hit.empty else hit.iloc[0]


def scenario_phrase(label: str, lang: str) -> str:
    """How a sentence names a scenario: 基准情景, 全力冲刺情景; ``en``: the baseline scenario."""
    if lang == "zh":
        return label if label.endswith("情景") else f"{label}情景"
    return f"the {label} scenario"


@dataclass(frozen=True)
class _Names:
    dataset: DataSet
    lang: str

    def unit(self, code: str) -> str:
        u = self.dataset.units.get(code)
        return u.label(self.lang) if u is not None else code

    @cached_property
    def words(self) -> dict[str, str]:
        """The root's words as ``t()`` fields: ``whole`` (全市/全国...), ``members`` (区县...),
        ``member``, and capitalised ``Members``/``Member`` for English headings."""
        w = wording(self.dataset.hierarchy, lang=self.lang)
        return {
            "whole": w.whole,
            "members": w.members,
            "member": w.member,
            "Members": w.members[:1].upper() + w.members[1:],
            "Member": w.member[:1].upper() + w.member[1:],
        }

    def indicator(self, code: str) -> str:
        i = self.dataset.indicators.get(code)
        return i.label(self.lang) if i is not None else code

    def measure(self, code: str) -> str:
        i = self.dataset.indicators.get(code)
        return i.measure if i is not None else ""

    def indicator_with_measure(self, code: str) -> str:
        m = self.measure(code)
        return (
            f"{self.indicator(code)}（{m}）"
            if m and self.lang == "zh"
            else (f"{self.indicator(code)} ({m})" if m else self.indicator(code))
        )


def _worse(change: Num, ds: DataSet, code: str) -> bool:
    """A gap to target or a change that is bad news: below zero, or above for a ceiling."""
    if code in ds.indicators and ds.indicators[code].ceiling:
        return change.known and not change.negative and not change.zero
    return change.negative


def _other_span(period: str, as_of: str, lang: str) -> str:
    """The span of ``period`` (``1—9月``) when it differs from the as-of's, else ``""``."""
    try:
        span, ref = month_span_label(period, lang), month_span_label(as_of, lang)
        year, ref_year = parse_period(period).year, parse_period(as_of).year
    except ValueError:
        return ""
    if span == ref and year == ref_year:
        return ""
    return span if year == ref_year else (f"{year}年{span}" if lang == "zh" else f"{year} {span}")


def _label(o: ScenarioOutcome, lang: str) -> str:
    spec = o.job.spec
    return scenario_label(o.name, spec.description if spec is not None else "", lang)


def _indicators_of(summary: pd.DataFrame, unit: str, dataset: DataSet) -> list[str]:
    present = set(summary[summary.unit == unit].indicator)
    return [c for c in dataset.indicators if c in present]


def has_api(module: str, *names: str) -> bool:
    """True when ``module`` imports and has every attribute in ``names``."""
    try:
        mod = importlib.import_module(module)
    except Exception:
        return False
    return all(hasattr(mod, n) for n in names)


def cost_kinds(frames: Sequence[pd.DataFrame | None]) -> list[str]:
    """The money kinds (``budget``, ``debt_quota``, ``credit``...) that any of ``frames``
    (each with ``cost`` and ``cost_kind`` columns) spends, in the order of
    :data:`~sprintmodel.words.headers.COST_KIND`, unknown kinds after."""
    seen: list[str] = []
    for f in frames:
        if f is None or not len(f) or "cost_kind" not in f:
            continue
        for k, c in zip(f.cost_kind.astype(str), f.cost.astype(float), strict=True):
            if c != 0 and c == c and k not in seen:
                seen.append(k)
    order = list(COST_KIND)
    return sorted(seen, key=lambda k: (order.index(k) if k in order else len(order), k))


def costs_by_kind(
    frame: pd.DataFrame | None, kinds: Sequence[str], lang: str
) -> list[tuple[str, Num]]:
    """Cost per money kind [亿元], never summed across kinds: (kind in words, amount) for each
    of ``kinds`` (zero where ``frame`` spends none of it)."""
    out: list[tuple[str, Num]] = []
    for k in kinds:
        v = 0.0
        if frame is not None and len(frame) and "cost_kind" in frame:
            v = float(frame.cost[frame.cost_kind.astype(str) == k].astype(float).fillna(0).sum())
        out.append((cost_kind_label(k, lang), fmt.amount(v)))
    return out


def completion_row(ds: DataSet, code: str, r: Any | None) -> bool:
    """True where ``code`` is read as completion (its target an amount, ``target_kind =
    completion``) and the summary row ``r`` has that amount."""
    ind = ds.indicators.get(code)
    return (
        ind is not None
        and ind.completion
        and r is not None
        and math.isfinite(_f(r["target_value"]))
        and _f(r["target_value"]) > 0
    )


def shown_figures(ds: DataSet, code: str, r: Any | None) -> tuple[float, float, float, float]:
    """The full year as the briefing frames it: ``(headline, p10, p90, gap)``.

    The first is the headline of :mod:`sprintmodel.figures` (``fy_growth`` / ``fy_value``:
    the point forecast moved by the scenario's change of the mean), the figure every output
    publishes.

    Growth [%] and the gap to the target [pp] for growth-type indicators; for completion-type
    ones (:func:`completion_row`) the projected full year as a share of the target [%] and
    that share minus 100 [pp], since 城镇新增就业 is judged against its amount, not its growth.
    """
    if r is None:
        return (math.nan,) * 4
    if completion_row(ds, code, r):
        tv = _f(r["target_value"])
        p50, p10, p90 = (completion_pct(_f(r[f"fy_value{q}"]), tv) for q in ("", "_p10", "_p90"))
        return p50, p10, p90, p50 - 100.0
    gap = _f(r["gap_pp"]) if math.isfinite(_f(r["target_growth"])) else math.nan
    return _f(r["fy_growth"]), _f(r["fy_growth_p10"]), _f(r["fy_growth_p90"]), gap


def completion_header(names: _Names, code: str) -> str:
    """A column header for a completion-type indicator: 城镇新增就业（完成目标%）."""
    if names.lang == "zh":
        return f"{names.indicator(code)}（完成目标%）"
    return f"{names.indicator(code)} (% of target)"
