"""A scenario's project moves resolved against the register: schedule shifts, entry (入库) and
production offsets per project, with passed dates rolled forward (one note each).

Split from :mod:`sprintmodel.scenario.spec` (which parses the scenario file and resolves its
levers); :func:`resolve_project_shifts` fills the arrays of its
:class:`~sprintmodel.scenario.spec.ResolvedScenario`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sprintmodel.notes import Note
from sprintmodel.scenario._config import Where
from sprintmodel.scenario.curves import month_number, month_text
from sprintmodel.yamlio import closest

if TYPE_CHECKING:
    from sprintmodel.data import DataSet
    from sprintmodel.scenario.projects import ProjectRegister
    from sprintmodel.scenario.spec import ScenarioSpec


def _descendants(dataset: DataSet, unit: str) -> set[str]:
    h = dataset.hierarchy
    out = {unit}
    for code in h:
        if unit in h.ancestors(code):
            out.add(code)
    return out


def resolve_project_shifts(
    spec: ScenarioSpec,
    dataset: DataSet,
    reg: ProjectRegister,
    origin: tuple[int, int],
    where: Where,
    shift: np.ndarray,
    entry_off: np.ndarray,
    prod_off: np.ndarray,
    notes: list[Note],
) -> None:
    # origin: (t0, w0), the run's last data month and the one the scenario was written at;
    # a date in (w0, t0] has passed since it was written (a note, never an error).
    t0, w0 = origin
    n = len(reg)
    if n == 0:
        raise (where / "projects").error(
            "the data folder has no projects.csv, so no project can move; remove 'projects'."
        )
    plan = _plan_by_project(spec, dataset, reg, where, notes)
    for j in range(n):
        code = reg.codes[j]
        s, e, pr = int(reg.start[j]), int(reg.entry[j]), int(reg.production[j])
        started = s <= t0
        a: int = 0
        sp = plan["shift"][j]
        if sp is not None:
            kind, val, w = sp
            is_single = _is_single(w, spec)
            if kind == "abs":
                if started and is_single and s > w0:
                    notes.append(
                        Note.of(
                            "scenario.project_started_as_planned",
                            project=code,
                            start_month=month_text(s),
                            data_month=month_text(t0),
                        )
                    )
                    val = s
                elif started:
                    if is_single:
                        raise w.error(
                            f"project {code} started in {month_text(s)}; its start cannot move "
                            "(use shift_months to move its remaining schedule)."
                        )
                    notes.append(Note.of("scenario.project_started_skipped", project=code))
                    val = s
                elif w0 < val <= t0:
                    notes.append(
                        Note.of(
                            "scenario.project_start_passed",
                            project=code,
                            start_month=month_text(val),
                            data_month=month_text(t0),
                            new_month=month_text(t0 + 1),
                        )
                    )
                    val = t0 + 1
                elif val <= t0:
                    raise w.error(
                        f"{month_text(val)} is not after the data's last month {month_text(t0)}; "
                        f"project {code} can start in {month_text(t0 + 1)} at the earliest."
                    )
                a = val - s
            else:
                a = val
                if not started and s + a <= t0:
                    if is_single and s + a <= w0:
                        raise w.error(
                            f"moves project {code}'s start to {month_text(s + a)}, before the "
                            f"data's last month {month_text(t0)}; it can start in "
                            f"{month_text(t0 + 1)} at the earliest (shift_months >= {t0 + 1 - s})."
                        )
                    notes.append(
                        Note.of(
                            "scenario.project_start_earliest",
                            project=code,
                            new_month=month_text(t0 + 1),
                        )
                    )
                    a = t0 + 1 - s
        held = -1 if reg.cleared is None else int(reg.cleared[j])
        if sp is not None and not started and s + a < held:
            # sprintmodel.scenario.parcels: no start before the parcel is cleared
            notes.append(
                Note.of(
                    "scenario.project_held_by_parcel",
                    project=code,
                    cleared_month=month_text(held),
                    wanted_month=month_text(s + a),
                )
            )
            a = held - s
        b = _offset(plan["entry"][j], code, "entry", e, a, origin, spec, notes)
        c = 0
        if plan["production"][j] is not None:
            kind, val, w = plan["production"][j]  # type: ignore[misc]
            if not reg.has_production[j]:
                if _is_single(w, spec):
                    raise w.error(
                        f"project {code} has no production date or output in the register; "
                        "only its investment can move."
                    )
                notes.append(Note.of("scenario.project_no_production", project=code))
            else:
                c = _offset(plan["production"][j], code, "production", pr, a, origin, spec, notes)
                new_start = s + a if not started else s
                if pr > t0 and pr + a + c < new_start:
                    raise w.error(
                        f"moves project {code}'s production to {month_text(pr + a + c)}, "
                        f"before its construction start {month_text(new_start)}; production "
                        "cannot start before construction."
                    )
        shift[j], entry_off[j], prod_off[j] = a, b, c


def _plan_by_project(
    spec: ScenarioSpec, dataset: DataSet, reg: ProjectRegister, where: Where, notes: list[Note]
) -> dict[str, list[tuple[str, int, Where] | None]]:
    """Per project of the register: the scenario's (kind, value, key where it was set) for its
    schedule (``shift``), ``entry`` and ``production``; ``rel`` months or an ``abs`` month,
    the last matching item winning. Unknown codes and units are refused, items that match no
    project are noted."""
    n = len(reg)
    codes = {c: i for i, c in enumerate(reg.codes)}
    # Per project: (kind, value, key where it was set) for the schedule, entry and production.
    plan: dict[str, list[tuple[str, int, Where] | None]] = {
        "shift": [None] * n,
        "entry": [None] * n,
        "production": [None] * n,
    }
    for i, item in enumerate(spec.projects):
        w = where / "projects" / i
        mask = np.ones(n, dtype=bool)
        if item.project is not None:
            if item.project not in codes:
                raise (w / "project").error(
                    f"project '{item.project}' is not in the register (projects.csv)."
                    f"{closest(item.project, list(codes))}"
                )
            mask[:] = False
            mask[codes[item.project]] = True
        if item.unit is not None:
            if item.unit not in dataset.units:
                raise (w / "unit").error(
                    f"unknown unit '{item.unit}'.{closest(item.unit, list(dataset.units))}"
                )
            below = _descendants(dataset, item.unit)
            mask &= np.array(
                [u in below or pk == item.unit for u, pk in zip(reg.units, reg.parks, strict=True)]
            )
        if item.status is not None:
            mask &= np.array([s == item.status for s in reg.statuses])
        if item.category is not None:
            mask &= np.array([c == item.category for c in reg.categories])
        hits = np.flatnonzero(mask)
        if hits.size == 0:
            notes.append(Note.of("scenario.projects_item_unmatched", item=i, number=i + 1))
            continue
        for j in hits.tolist():
            if item.shift_months is not None:
                plan["shift"][j] = ("rel", item.shift_months, w / "shift_months")
            if item.start is not None:
                plan["shift"][j] = ("abs", month_number(item.start), w / "start")
            if item.entry_shift_months is not None:
                plan["entry"][j] = ("rel", item.entry_shift_months, w / "entry_shift_months")
            if item.entry is not None:
                plan["entry"][j] = ("abs", month_number(item.entry), w / "entry")
            if item.production_shift_months is not None:
                plan["production"][j] = (
                    "rel",
                    item.production_shift_months,
                    w / "production_shift_months",
                )
            if item.production is not None:
                plan["production"][j] = ("abs", month_number(item.production), w / "production")
    return plan


def _is_single(w: Where, spec: ScenarioSpec) -> bool:
    # The key looks like projects[i].field; the item is single when it names a project.
    idx = int(w.key.split("[", 1)[1].split("]", 1)[0])
    return spec.projects[idx].single


def _offset(
    entry: tuple[str, int, Where] | None,
    code: str,
    what: str,
    planned: int,
    a: int,
    origin: tuple[int, int],
    spec: ScenarioSpec,
    notes: list[Note],
) -> int:
    """Extra offset of an entry or production date, on top of the schedule shift ``a``.

    ``origin`` is (last data month, month the scenario was written at); see
    :func:`resolve_project_shifts`.
    """
    if entry is None:
        return 0
    t0, w0 = origin
    kind, val, w = entry
    if planned <= t0:
        if _is_single(w, spec) and planned > w0:
            notes.append(
                Note.of(
                    "scenario.project_date_came",
                    project=code,
                    action=what,
                    date_month=month_text(planned),
                    data_month=month_text(t0),
                )
            )
            return 0
        if _is_single(w, spec):
            raise w.error(
                f"project {code}'s {what} ({month_text(planned)}) has already happened by "
                f"{month_text(t0)}; it cannot move."
            )
        notes.append(Note.of("scenario.project_date_happened", project=code, action=what))
        return 0
    target = val if kind == "abs" else planned + a + val
    if target <= t0:
        if _is_single(w, spec) and target <= w0:
            raise w.error(
                f"moves project {code}'s {what} to {month_text(target)}, not after the data's "
                f"last month {month_text(t0)}; use {month_text(t0 + 1)} or later."
            )
        notes.append(
            Note.of(
                "scenario.project_date_earliest",
                project=code,
                action=what,
                new_month=month_text(t0 + 1),
            )
        )
        target = t0 + 1
    return target - planned - a


__all__ = ["resolve_project_shifts"]
