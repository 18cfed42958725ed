"""Next year's investment plan by stage and funding source, and the share of the target it covers.

The register's projects (``projects.csv``) are **continuing** (续建: started by the end of this
year) or **new starts** (新开工: planned to start next year); the optional pipeline
(``project_pipeline.csv``) adds **reserve** (储备) and **planned** (谋划) projects with their
planned investment next year (``plan_YYYY``). Each project has a main funding source (专项债,
超长期特别国债, 中央预算内投资, 政策性开发性金融工具, 银行贷款, 自筹) and readiness flags (用地, 环评,
资金). :func:`plan_coverage` divides the plan, by stage and by source, by each unit's
investment target level next year and states the gap left:

.. math:: \\text{share}_{u,k} = 100\\,\\frac{\\sum_{p \\in u, k} \\text{plan}_p}{T_u},
   \\qquad \\text{gap}_u = T_u - \\sum_{p \\in u} \\text{plan}_p

with :math:`T_u` the unit's investment target level next year (the allocation) and
:math:`p \\in u` the projects of the unit, of its rollup descendants, or (for a park) in it.
Reserve and planned projects are counted at their planned amount; no probability that they
start is applied (the plan as the districts submit it; ``ready`` says which have land,
assessment and funds).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.data.readers.investment_plan import READINESS_COLUMNS
from sprintmodel.notes import Note

STAGES = ("continuing", "new_start", "reserve", "planned")
"""Project stages of next year's plan: 续建, 新开工, 储备, 谋划."""

STAGE_NAMES_ZH = {"continuing": "续建", "new_start": "新开工", "reserve": "储备", "planned": "谋划"}


PLAN_EXTRA_COLUMNS = ["stage", "funding_source", *READINESS_COLUMNS, "ready"]
"""Columns the plan gains (after :data:`~sprintmodel.targets.projects.PLAN_COLUMNS`)."""

COVERAGE_COLUMNS = [
    "unit",
    "by",
    "key",
    "n_projects",
    "plan_next_year",
    "plan_ready",
    "target_level",
    "share_pct",
    "gap",
]
"""Columns of :func:`plan_coverage` (``investment_coverage.csv``)."""


def register_stage(frame: pd.DataFrame, year: int) -> np.ndarray:
    """Stage of each register project in plan year ``year``: continuing or new start.

    ``new_start`` where the planned start falls in ``year`` or later, ``continuing`` otherwise
    (started, or starting in the rest of this year).
    """
    start = frame["planned_start"].fillna("").astype(str)
    first = start.str[:4].map(lambda s: int(s) if s.isdigit() else 0)
    return np.where(first >= year, "new_start", "continuing")


def with_stages(plan: pd.DataFrame, dataset: DataSet, year: int) -> pd.DataFrame:
    """The plan with :data:`PLAN_EXTRA_COLUMNS`, and the pipeline's projects appended.

    Register rows take their funding source and readiness from ``projects.csv`` (empty / ``no``
    where the columns are absent); pipeline rows (``plan_source`` ``pipeline``) take
    ``plan_next_year`` from the pipeline's ``plan_<year>`` column and leave the delay-model
    columns empty. ``ready`` is ``yes`` where land, assessment and funds are all ready.
    """
    out = plan.copy()
    reg = dataset.projects.set_index("project") if len(dataset.projects) else pd.DataFrame()
    if len(out):
        rows = reg.reindex(out["project"])
        out["stage"] = register_stage(rows.reset_index(), year)
        out["funding_source"] = (
            rows["funding_source"].fillna("").to_numpy() if "funding_source" in rows else ""
        )
        for c in READINESS_COLUMNS:
            out[c] = rows[c].fillna("no").to_numpy() if c in rows else "no"
    pipe = dataset.pipeline
    col = f"plan_{year}"
    if pipe is not None and len(pipe) and col in pipe:
        extra = pd.DataFrame(
            {
                "project": pipe["project"],
                "name": pipe["name"],
                "unit": pipe["unit"],
                "park": pipe["park"],
                "category": pipe["category"],
                "status": pipe["stage"],
                "total_investment": pipe["total_investment"],
                "planned_start": pipe["planned_start"],
                "plan_next_year": pipe[col].fillna(0.0),
                "plan_source": "pipeline",
                "stage": pipe["stage"],
                "funding_source": pipe["funding_source"],
                **{c: pipe[c] for c in READINESS_COLUMNS},
            }
        )
        extra = extra[extra.plan_next_year > 0]
        out = pd.concat([out, extra], ignore_index=True) if len(out) else extra
    if len(out):
        ok = np.ones(len(out), dtype=bool)
        for c in READINESS_COLUMNS:
            ok &= out[c].astype(str).to_numpy() == "yes"
        out["ready"] = np.where(ok, "yes", "no")
        for c in ("park", "planned_start", "planned_finish", "planned_production"):
            if c in out:
                out[c] = out[c].fillna("").astype(str)
        if "at_risk" in out:
            out["at_risk"] = out["at_risk"].fillna(False).astype(bool)
    return out


def _members(plan: pd.DataFrame, dataset: DataSet, unit: str) -> np.ndarray:
    """Rows of the plan counting in ``unit``: its own, its rollup descendants', its park's."""
    h = dataset.hierarchy
    if unit in h and not h[unit].rollup:
        return (plan["park"].astype(str) == unit).to_numpy()
    inside = []
    for u in plan["unit"].astype(str):
        chain = [u, *h.ancestors(u)] if u in h else [u]
        inside.append(unit in chain)
    return np.array(inside, dtype=bool)


def plan_coverage(
    plan: pd.DataFrame,
    dataset: DataSet,
    targets: Mapping[tuple[str, str], tuple[float, float]],
    indicator: str,
) -> pd.DataFrame:
    """Share of each unit's investment target next year covered by stage and by funding source.

    Parameters
    ----------
    plan
        :func:`with_stages` of the investment plan.
    dataset
        The data (hierarchy).
    targets
        The allocation's targets: (indicator, unit) → (growth [%], level [亿元]).
    indicator
        The investment indicator's code.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COVERAGE_COLUMNS`, per unit with an investment target level: rows
        ``by = stage`` (one per :data:`STAGES`), ``by = funding_source`` (one per source in the
        plan, '' shown as ``unknown``) and one ``by = total`` row whose ``gap`` is the target
        level less the whole plan [亿元] (negative: the plan exceeds the target).
        ``plan_ready`` sums the projects with land, assessment and funds ready; ``share_pct``
        is ``plan_next_year`` ÷ ``target_level`` [%].
    """
    rows: list[dict[str, object]] = []
    if plan.empty:
        return pd.DataFrame(columns=COVERAGE_COLUMNS)
    sources = sorted({str(s) or "unknown" for s in plan["funding_source"].fillna("")})
    ready = plan["ready"].astype(str).to_numpy() == "yes"
    amount = plan["plan_next_year"].to_numpy(dtype=np.float64)
    stage = plan["stage"].astype(str).to_numpy()
    source = np.array([str(s) or "unknown" for s in plan["funding_source"].fillna("")])
    for (code, unit), (_, level) in targets.items():
        if code != indicator or not np.isfinite(level) or level <= 0:
            continue
        inside = _members(plan, dataset, unit)
        for by, keys, values in (
            ("stage", STAGES, stage),
            ("funding_source", sources, source),
            ("total", ("all",), np.full(len(plan), "all")),
        ):
            for key in keys:
                m = inside & (values == key)
                total = float(amount[m].sum())
                rows.append(
                    {
                        "unit": unit,
                        "by": by,
                        "key": key,
                        "n_projects": int(m.sum()),
                        "plan_next_year": total,
                        "plan_ready": float(amount[m & ready].sum()),
                        "target_level": float(level),
                        "share_pct": 100.0 * total / float(level),
                        "gap": float(level) - total if by == "total" else np.nan,
                    }
                )
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)


def coverage_note(coverage: pd.DataFrame, root: str) -> list[Note]:
    """One line on the city's coverage by stage and the gap left (empty without a target)."""
    city = coverage[coverage.unit == root]
    if city.empty:
        return []
    total = city[city.by == "total"].iloc[0]
    parts = [
        Note.of("targets.stage_share", stage=str(r.key), share=float(r.share_pct))
        for r in city[city.by == "stage"].itertuples()
    ]
    return [
        Note.of(
            "targets.plan_coverage",
            share=float(total.share_pct),
            unit=root,
            target=float(total.target_level),
            parts=parts,
            gap=float(total.gap),
        )
    ]


__all__ = [
    "COVERAGE_COLUMNS",
    "PLAN_EXTRA_COLUMNS",
    "STAGES",
    "STAGE_NAMES_ZH",
    "coverage_note",
    "plan_coverage",
    "register_stage",
    "with_stages",
]
