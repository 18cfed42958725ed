"""Plausibility checks a briefing runs before anything goes out.

Each check compares a figure the briefing relies on with what the data can support and returns
:class:`Flag` objects (a figure, its reference, their difference and a sentence); none stops
the briefing. The checks:

``q4_required_above_history``
    The growth the rest of the year must deliver to meet the target (``q4_growth_required``) is
    above every growth of the same span the unit has on record
    (:func:`sprintmodel.league.lagging.rest_growth_history`, i.e.
    :func:`sprintmodel.ytd.single_growth_from_ytd` over the two spans of each past year).
``q4_projected_above_history``
    A scenario's median rest-of-year growth (``q4_growth_p50``) is above that record: the
    levers' assumed effects may be too strong.
``fai_jump_unsupported``
    The rest-of-year increase of fixed-asset investment over the same span last year, needed
    for the target or projected by a scenario, exceeds the investment the project register's
    projects are expected to count in that span (``q4_fai`` of the watch list, summed over the
    unit and all below it) -- even if all of it were new money the jump would not be carried.
    Units with no registered project (towns, usually) are not checked.
``children_do_not_add_up``
    Year-to-date values of a parent's rollup children (districts, counties) differ from the
    parent's by more than :data:`ADD_UP_TOLERANCE_PCT`.
``targets_do_not_add_up``
    The children's full-year target levels add up to less than the parent's target level by
    more than :data:`TARGET_TOLERANCE_PCT`.

Everything here is pure computation on frames already computed (no I/O, no plotting).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sprintmodel.briefing import flag_sentences as say
from sprintmodel.briefing.formatting import Num, amount, growth, pp
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.data import DataSet
from sprintmodel.periods import parse_period
from sprintmodel.words.periods import rest_label, span_label
from sprintmodel.words.wording import wording

ADD_UP_TOLERANCE_PCT = 1.0
"""Largest difference between a parent's year-to-date value and the sum of its rollup children
that passes [% of the parent] (an assumption: published values are rounded to 0.01 and survey
frames differ a little; beyond 1% a figure or the hierarchy is usually wrong)."""

TARGET_TOLERANCE_PCT = 0.5
"""Largest shortfall of the children's summed targets below the parent's that passes [% of the
parent's target] (an assumption: real indicators' targets are compared at each unit's own
year-to-date prices, which differ a little)."""

FLAG_TABLE = "flags"
"""Key of the table the flags' sentences quote."""

FLAG_KINDS = (
    "q4_required_above_history",
    "q4_projected_above_history",
    "fai_jump_unsupported",
    "children_do_not_add_up",
    "targets_do_not_add_up",
)


@dataclass(frozen=True)
class Flag:
    """One plausibility check that fired.

    Attributes
    ----------
    kind
        One of :data:`FLAG_KINDS`.
    scenario
        The scenario's name, or None for checks of the data and targets.
    unit, indicator
        Codes.
    value, reference, difference
        The figure checked, what it is checked against, and how far apart (growth [%] and pp,
        amounts [measure], or a relative difference [%]).
    message
        The sentence shown (quoting the three figures).
    """

    kind: str
    scenario: str | None
    unit: str
    indicator: str
    value: Num
    reference: Num
    difference: Num
    message: Sentence


@dataclass(frozen=True)
class ScenarioFigures:
    """What the checks need of one scenario: its name and label, summary and watch list."""

    name: str
    label: str
    summary: pd.DataFrame
    projects: pd.DataFrame | None = None


def history_max(dataset: DataSet, summary: pd.DataFrame) -> dict[tuple[str, str], float]:
    """Best rest-of-year growth on record per (unit, indicator) of ``summary`` [%].

    For each indicator and series period of the summary (``2026Q3`` or ``2026-09``), every past
    year's growth of the span after that period (:func:`rest_growth_history` with all years).
    Units without two years of history are left out.
    """
    from sprintmodel.league.lagging import rest_growth_history

    out: dict[tuple[str, str], float] = {}
    for (code, period), part in summary.groupby(["indicator", "period"], sort=False):
        p = parse_period(str(period))
        units = [str(u) for u in part.unit]
        try:
            hist = rest_growth_history(dataset, str(code), units, p, p.freq, years=None)
        except (KeyError, ValueError, IndexError):
            continue
        if hist.size == 0:
            continue
        with np.errstate(invalid="ignore"):
            best = np.nanmax(np.where(np.isfinite(hist), hist, -np.inf), axis=1)
        for u, b in zip(units, best, strict=True):
            if np.isfinite(b):
                out[(u, str(code))] = float(b)
    return out


def _names(dataset: DataSet, lang: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    units = {c: u.label(lang) for c, u in dataset.units.items()}
    inds = {c: i.label(lang) for c, i in dataset.indicators.items()}
    measures = {c: i.measure for c, i in dataset.indicators.items()}
    return units, inds, measures


def _subtree(dataset: DataSet, unit: str) -> set[str]:
    h = dataset.hierarchy
    return {u for u in h if u == unit or unit in h.ancestors(u)}


def check_q4_history(
    dataset: DataSet,
    scenarios: Sequence[ScenarioFigures],
    *,
    reference: ScenarioFigures | None,
    best: Mapping[tuple[str, str], float],
    lang: str = "zh",
) -> list[Flag]:
    """Required (reference scenario) and projected (every scenario) rest-of-year growth above
    the unit's best on record."""
    units, inds, _ = _names(dataset, lang)
    flags: list[Flag] = []
    # Completion-type indicators (jobs) are tasks to complete, judged against time progress on
    # page one; their rest-of-year growth is not a check a reader uses.
    tasks = {c for c, ind in dataset.indicators.items() if ind.completion}
    best = {k: v for k, v in best.items() if k[1] not in tasks}
    if reference is not None:
        for r in reference.summary.itertuples(index=False):
            top = best.get((r.unit, r.indicator))
            req = float(r.q4_growth_required)
            if top is None or not math.isfinite(req) or not math.isfinite(float(r.target_growth)):
                continue
            v, ref = growth(req), growth(top)
            if v.rounded > ref.rounded:
                msg = say.flag_q4_required(
                    lang,
                    unit=units.get(r.unit, r.unit),
                    indicator=inds.get(r.indicator, r.indicator),
                    rest=rest_label(r.period, lang),
                    required=v,
                    history_max=ref,
                    table=FLAG_TABLE,
                )
                flags.append(
                    Flag(
                        "q4_required_above_history",
                        None,
                        r.unit,
                        r.indicator,
                        v,
                        ref,
                        pp(req - top),
                        msg,
                    )
                )
    for sc in scenarios:
        for r in sc.summary.itertuples(index=False):
            top = best.get((r.unit, r.indicator))
            q4 = float(r.q4_growth_p50)
            if top is None or not math.isfinite(q4):
                continue
            v, ref = growth(q4), growth(top)
            if v.rounded > ref.rounded:
                msg = say.flag_q4_projected(
                    lang,
                    scenario=sc.label,
                    unit=units.get(r.unit, r.unit),
                    indicator=inds.get(r.indicator, r.indicator),
                    rest=rest_label(r.period, lang),
                    projected=v,
                    history_max=ref,
                    table=FLAG_TABLE,
                )
                flags.append(
                    Flag(
                        "q4_projected_above_history",
                        sc.name,
                        r.unit,
                        r.indicator,
                        v,
                        ref,
                        pp(q4 - top),
                        msg,
                    )
                )
    return flags


def _project_q4(dataset: DataSet, projects: pd.DataFrame | None, unit: str) -> float | None:
    if projects is None or projects.empty or "q4_fai" not in projects:
        return None
    sub = _subtree(dataset, unit)
    mask = projects.unit.isin(sub)
    if not mask.any():
        return None  # the register covers no project here: nothing to check against
    return float(projects.loc[mask, "q4_fai"].sum())


def check_investment(
    dataset: DataSet,
    scenarios: Sequence[ScenarioFigures],
    status: pd.DataFrame,
    *,
    reference: ScenarioFigures | None,
    investment: str = "fai",
    lang: str = "zh",
) -> list[Flag]:
    """Rest-of-year investment jumps larger than the register's projects can carry.

    Notes
    -----
    With ``Y_k`` the year to date, the rest of the year's amount is ``R = Y − Y_k`` and last
    year's same span ``B_r = R / (1 + q/100)`` for the matching rest-of-year growth ``q``. The
    jump is ``R − B_r`` [measure]; it is set against ``S``, the expected counted investment of
    the register's projects in the unit and below it in that span (``q4_fai``). The target's
    jump uses ``q4_growth_required``, a scenario's its ``q4_growth_p50`` and median value.
    """
    units, inds, measures = _names(dataset, lang)
    if investment not in dataset.indicators or status.empty:
        return []
    ytd = {
        r.unit: float(r.ytd_value)
        for r in status[status.indicator == investment].itertuples(index=False)
    }
    flags: list[Flag] = []

    def consider(sc: ScenarioFigures | None, figures: ScenarioFigures, want: str) -> None:
        rows = figures.summary[figures.summary.indicator == investment]
        for r in rows.itertuples(index=False):
            if not dataset.units[r.unit].rollup:
                continue
            y = ytd.get(r.unit)
            if y is None or not math.isfinite(y):
                continue
            if want == "target":
                level, q = float(r.target_value), float(r.q4_growth_required)
            else:
                level, q = float(r.fy_value_p50), float(r.q4_growth_p50)
            if not (math.isfinite(level) and math.isfinite(q)) or q <= -100:
                continue
            rest = level - y
            jump = rest - rest / (1.0 + q / 100.0)
            s = _project_q4(dataset, figures.projects, r.unit)
            if s is None or jump <= 0:
                continue
            j, sup = amount(jump), amount(s)
            if j.rounded > sup.rounded:
                msg = say.flag_fai_jump(
                    lang,
                    scenario=None if sc is None else sc.label,
                    unit=units.get(r.unit, r.unit),
                    indicator=inds.get(investment, investment),
                    rest=rest_label(r.period, lang),
                    jump=j,
                    supported=sup,
                    measure=measures.get(investment, ""),
                    table=FLAG_TABLE,
                )
                flags.append(
                    Flag(
                        "fai_jump_unsupported",
                        None if sc is None else sc.name,
                        r.unit,
                        investment,
                        j,
                        sup,
                        amount(jump - s),
                        msg,
                    )
                )

    if reference is not None:
        consider(None, reference, "target")
    for sc in scenarios:
        consider(sc, sc, "scenario")
    return flags


def check_add_up(
    dataset: DataSet,
    status: pd.DataFrame,
    *,
    reference: ScenarioFigures | None = None,
    lang: str = "zh",
) -> list[Flag]:
    """Children's year-to-date values, and their targets, against their parent's."""
    units, inds, measures = _names(dataset, lang)
    h = dataset.hierarchy
    flags: list[Flag] = []
    values = {(r.unit, r.indicator): r for r in status.itertuples(index=False)}
    targets: dict[tuple[str, str], float] = {}
    if reference is not None:
        targets = {
            (r.unit, r.indicator): float(r.target_value)
            for r in reference.summary.itertuples(index=False)
        }
    for parent in h:
        kids = h.children(parent, rollup_only=True)
        if not kids:
            continue
        words = wording(h, parent, lang)
        for code, ind in dataset.indicators.items():
            if not ind.additive:
                continue
            prow = values.get((parent, code))
            krows = [values.get((k, code)) for k in kids]
            if prow is not None and all(k is not None for k in krows):
                pv = float(prow.ytd_value)
                kv = [float(k.ytd_value) for k in krows if k is not None]
                if math.isfinite(pv) and pv > 0 and all(math.isfinite(x) for x in kv):
                    total = float(sum(kv))
                    rel = 100.0 * (total - pv) / pv
                    d = growth(rel)
                    if abs(rel) > ADD_UP_TOLERANCE_PCT:
                        c, p = amount(total), amount(pv)
                        msg = say.flag_add_up(
                            lang,
                            unit=units.get(parent, parent),
                            indicator=inds.get(code, code),
                            span=span_label(str(prow.period), lang),
                            children=c,
                            parent=p,
                            difference=d,
                            measure=ind.measure,
                            members=words.members,
                            table=FLAG_TABLE,
                        )
                        flags.append(
                            Flag("children_do_not_add_up", None, parent, code, c, p, d, msg)
                        )
            pt = targets.get((parent, code), math.nan)
            kt = [targets.get((k, code), math.nan) for k in kids]
            if math.isfinite(pt) and pt > 0 and all(math.isfinite(x) for x in kt):
                total = float(sum(kt))
                rel = 100.0 * (total - pt) / pt
                if rel < -TARGET_TOLERANCE_PCT:
                    c, p, d = amount(total), amount(pt), growth(rel)
                    msg = say.flag_targets_add_up(
                        lang,
                        unit=units.get(parent, parent),
                        indicator=inds.get(code, code),
                        children=c,
                        parent=p,
                        difference=d,
                        measure=measures.get(code, ""),
                        whole=words.whole,
                        members=words.members,
                        table=FLAG_TABLE,
                    )
                    flags.append(Flag("targets_do_not_add_up", None, parent, code, c, p, d, msg))
    return flags


def check_plausibility(
    dataset: DataSet,
    scenarios: Sequence[ScenarioFigures],
    status: pd.DataFrame,
    *,
    reference: ScenarioFigures | None = None,
    investment: str = "fai",
    lang: str = "zh",
) -> list[Flag]:
    """Run every check (see the module docstring); flags in a stable order.

    Parameters
    ----------
    dataset
        The data the scenarios ran on.
    scenarios
        Each scenario that ran: summary (``ScenarioResult.to_frame``) and watch list.
    status
        :func:`sprintmodel.status.ytd_status` at the reference scenario's as-of.
    reference
        The scenario whose targets and requirements are checked (the baseline).
    investment
        Code of fixed-asset investment (the project model's ``investment`` indicator).
    lang
        Language of the messages.

    Returns
    -------
    list of Flag
        Data and target checks first (by unit in hierarchy order), then each scenario's. A
        scenario's check that the reference scenario already raises (same kind, unit and
        indicator) is left out, so a forecast's quirk is listed once, not once per scenario.
    """
    base = reference.summary if reference is not None else None
    if base is None and scenarios:
        base = scenarios[0].summary
    best = history_max(dataset, base) if base is not None else {}
    flags = check_add_up(dataset, status, reference=reference, lang=lang)
    flags += check_q4_history(dataset, scenarios, reference=reference, best=best, lang=lang)
    flags += check_investment(
        dataset, scenarios, status, reference=reference, investment=investment, lang=lang
    )
    if reference is not None:
        # A check the reference scenario already raises is not repeated for every scenario.
        raised = {(f.kind, f.unit, f.indicator) for f in flags if f.scenario == reference.name}
        flags = [
            f
            for f in flags
            if f.scenario in (None, reference.name) or (f.kind, f.unit, f.indicator) not in raised
        ]
    order = {u: i for i, u in enumerate(dataset.hierarchy)}
    ind_order = {c: i for i, c in enumerate(dataset.indicators)}
    sc_order = {s.name: i for i, s in enumerate(scenarios)}
    kind_order = {k: i for i, k in enumerate(FLAG_KINDS)}
    return sorted(
        flags,
        key=lambda f: (
            -1 if f.scenario is None else sc_order.get(f.scenario, 0),
            kind_order.get(f.kind, 99),
            order.get(f.unit, 999),
            ind_order.get(f.indicator, 999),
        ),
    )


__all__ = [
    "ADD_UP_TOLERANCE_PCT",
    "FLAG_KINDS",
    "FLAG_TABLE",
    "TARGET_TOLERANCE_PCT",
    "Flag",
    "ScenarioFigures",
    "check_add_up",
    "check_investment",
    "check_plausibility",
    "check_q4_history",
    "history_max",
]
