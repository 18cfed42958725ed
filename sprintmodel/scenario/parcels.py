"""Land parcels (地块) in the engine: which projects wait on land, and when they can start.

A project cannot start before the parcel it waits on is cleared (净地交付). ``parcels.csv``
(``docs/data_contract.md``) gives each parcel's status and planned clearance month
(``planned_date``) and the projects waiting on it. The engine therefore **holds** the register:
a project on a parcel not yet cleared whose planned start comes before the parcel's clearance
has its whole schedule (start, entry, production, finish) moved to start in the clearance month
(:func:`hold_for_parcels`), with one note each. A parcel not cleared by the data's last month
although planned earlier is taken as cleared in the month after the data at the earliest.

The held schedule is the plan the scenario engine works from (its ``register``), so the
statistical forecast is unchanged (one figure everywhere) while a scenario's project moves, the
watch list and the land lever are measured from it: a scenario cannot move a held project's
start before the clearance (:func:`sprintmodel.scenario.project_shifts.resolve_project_shifts`
holds it there with a note), and a land lever with ``parcels: true``
(:func:`waiting_on_land`) clears the parcel earlier and so moves the project earlier.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet
from sprintmodel.notes import Note
from sprintmodel.scenario.curves import month_number, month_text
from sprintmodel.scenario.projects import ProjectRegister

CLEARED = "cleared"
"""Status of a parcel delivered cleared (已净地)."""


def _open_parcels(parcels: pd.DataFrame | None) -> pd.DataFrame | None:
    """The parcels not yet cleared, or None without a register."""
    if parcels is None or len(parcels) == 0:
        return None
    return parcels[parcels["status"] != CLEARED]


def _codes(text: object) -> list[str]:
    """Project codes of a parcel's ``projects`` cell (``;``-separated)."""
    return [c for c in str(text).split(";") if c]


def waiting_on_land(dataset: DataSet, reg: ProjectRegister) -> np.ndarray | None:
    """Projects waiting on a parcel not yet cleared (projects,) bool; None without parcels.csv.

    A land lever with ``parcels: true`` moves these projects (whatever their status) instead of
    the statuses it names: faster clearance acts on the projects it actually unblocks.
    """
    open_ = _open_parcels(dataset.parcels)
    if open_ is None:
        return None
    codes = {c for text in open_["projects"] for c in _codes(text)}
    return np.array([c in codes for c in reg.codes], dtype=bool)


def clearance_months(
    parcels: pd.DataFrame | None, reg: ProjectRegister, as_of_month: int
) -> tuple[np.ndarray, list[str]]:
    """The month each project's land is cleared at the earliest, and the parcel it waits on.

    Returns (projects,) absolute month numbers, -1 where the project waits on no parcel still
    to be cleared, and the parcel code per project ('' where none). A parcel planned cleared by
    ``as_of_month`` but not cleared yet is cleared in ``as_of_month + 1`` at the earliest; a
    project on several parcels waits for the last.
    """
    out = np.full(len(reg), -1, dtype=np.int64)
    which = [""] * len(reg)
    open_ = _open_parcels(parcels)
    if open_ is None:
        return out, which
    pos = {c: j for j, c in enumerate(reg.codes)}
    for r in open_.itertuples(index=False):
        month = max(month_number(str(r.planned_date)), as_of_month + 1)
        for code in _codes(r.projects):
            j = pos.get(code)
            if j is not None and month > out[j]:
                out[j], which[j] = month, str(r.parcel)
    return out, which


def hold_for_parcels(
    reg: ProjectRegister, parcels: pd.DataFrame | None, as_of_month: int, notes: list[Note]
) -> ProjectRegister:
    """The register with each project held until its parcel is cleared (see the module doc).

    A project waiting on a parcel not yet cleared, planned to start before the parcel's
    clearance month ``c`` (:func:`clearance_months`), has its start, entry, production and
    finish moved by ``c - start`` months; a project that has invested something and whose
    start has passed is taken as started and left as planned. ``notes`` gains one line per
    project held. The returned register's ``cleared`` holds ``c`` per project (-1 where none).

    Examples
    --------
    A project planned for November 2025 on a parcel planned cleared in January 2026 starts in
    January (two months later), as of September 2025.
    """
    cleared, parcel = clearance_months(parcels, reg, as_of_month)
    if not (cleared >= 0).any():
        return reg
    d = np.where(cleared >= 0, np.maximum(cleared - reg.start, 0), 0)
    started = (reg.start <= as_of_month) & (reg.invested > 0)
    d = np.where(started, 0, d)
    for j in np.flatnonzero(d):
        notes.append(
            Note.of(
                "scenario.project_waits_parcel",
                project=reg.codes[j],
                parcel=parcel[j],
                cleared_month=month_text(int(cleared[j])),
                months=int(d[j]),
                start_month=month_text(int(reg.start[j])),
                new_month=month_text(int(reg.start[j] + d[j])),
            )
        )

    def moved(months: np.ndarray) -> np.ndarray:
        return np.where(months >= 0, months + d, months)

    return replace(
        reg,
        start=reg.start + d,
        finish=moved(reg.finish),
        entry=moved(reg.entry),
        production=moved(reg.production),
        cleared=cleared,
    )


__all__ = ["CLEARED", "clearance_months", "hold_for_parcels", "waiting_on_land"]
