"""Project accelerations: which major projects can move earlier, by how much, at what cost.

An *acceleration* moves one project's dates earlier by whole months through the scenario
engine's project shifts (``docs/scenarios.md``):

- ``shift``: the whole remaining schedule (``shift_months: -k``): a project not yet started
  starts, registers (入库) and finishes ``k`` months earlier; a project under construction keeps
  its start and compresses the rest of its schedule (赶工);
- ``entry``: statistical entry (入库) only (``entry_shift_months: -k``);
- ``production``: production start only (``production_shift_months: -k``; 提前投产).

``projects.csv`` has no cost of acceleration, so a data folder may hold an optional
``accelerations.csv`` (one row per project, format in ``docs/optimize.md``)::

    project,action,months_max,cost_per_month,cost_kind,source
    JC-P012,production,2,0.40,budget,"assumption: ..."

Each row gives the yes/no options "``m`` months earlier at ``m × cost_per_month`` [亿元]" for
``m = 1 … months_max``; a package takes at most one option per project. Without the file,
:meth:`AccelerationSet.default` applies a documented rule (every number an assumption).
Options that the data no longer allow (a date already passed, a start that would fall before
the month after ``as_of``) are shortened or dropped with a note.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sprintmodel.data.readers.configs import register_config
from sprintmodel.errors import InputError
from sprintmodel.notes import Note
from sprintmodel.scenario.curves import month_text
from sprintmodel.scenario.levers import COST_KINDS, LeverSet
from sprintmodel.scenario.projects import ProjectRegister
from sprintmodel.yamlio import closest

ACTIONS = ("shift", "entry", "production")
"""What an acceleration moves: the whole remaining schedule, statistical entry, or production."""

ACCELERATION_COLUMNS = ("project", "action", "months_max", "cost_per_month", "cost_kind", "source")
"""Columns of ``accelerations.csv``; ``cost_kind`` may be empty (``budget``), ``source`` may not
(every number states its source or says ``assumption: <why>``)."""

ACCELERATION_FILE = "accelerations.csv"
"""Name of the optional file in a data folder."""

DEFAULT_SHIFT_MONTHS: dict[str, int] = {"signed": 2, "land_pending": 3, "approved": 3}
"""Default rule: largest start acceleration by status [months]. Assumption: an approved
project can usually start within a quarter once its land, financing and construction permit
are ready (容缺受理, 并联审批); a signed project must still be approved (two months); land-pending
projects as the land lever's cap (three months)."""

DEFAULT_PRODUCTION_MONTHS = 2
"""Default rule: largest production-start acceleration of a project under construction
[months]. Assumption: commissioning and trial-run approvals can be pulled forward by up to two
months with a dedicated task force."""

DEFAULT_ENTRY_MONTHS = 3
"""Default rule: largest acceleration of statistical entry (入库) of a project under
construction not yet registered [months]. Assumption: the registration documents (approval,
construction permit or contract, business licence) can be completed within a quarter by a
应统尽统 task force. Under the statistics' year-to-date rule (``docs/levers.md``) a
registration brought from next year into this year adds all of this year's investment."""

DEFAULT_ENTRY_COST_PER_MONTH = 0.01
"""Default rule: fiscal cost of registering one month earlier [亿元 per month]. Assumption:
registration is paperwork (staff time of the statistics bureau and the builder, 1 million
yuan a month at most), not construction money."""

DEFAULT_COST_PER_MONTH_SHARE = 0.005
"""Default rule: fiscal cost of one month of acceleration as a share of the project's total
investment [1/month]. Assumption: rewards for early start or production, overtime and
coordination subsidies of about 0.5% of investment per month (0.1 亿元 a month for a 20 亿元
project, the same order as the land lever's 0.1 亿元 per project-month)."""

DEFAULT_SOURCE = (
    "assumption (default rule, no accelerations.csv): start up to 3 months earlier for approved "
    "and land-pending projects, 2 for signed; production up to 2 and statistical entry (入库) "
    "up to 3 months earlier for projects under construction; 0.5% of total investment per "
    "month, 0.01 亿元 per month for registration (see docs/optimize.md)"
)


@dataclass(frozen=True)
class Acceleration:
    """One yes/no option: move a project's date(s) earlier by whole months at a fiscal cost.

    Attributes
    ----------
    project
        Project code in ``projects.csv``.
    action
        ``shift`` (whole remaining schedule), ``entry`` or ``production`` (:data:`ACTIONS`).
    months
        Months earlier [months] (≥ 1).
    cost
        Fiscal cost of the option [亿元].
    cost_kind
        Kind of cost (:data:`~sprintmodel.scenario.levers.COST_KINDS`).
    source
        Where the cost and feasibility come from (or ``assumption: ...``).
    """

    project: str
    action: str
    months: int
    cost: float
    cost_kind: str = "budget"
    source: str = ""

    @property
    def name(self) -> str:
        """Short label, e.g. ``JC-P012 production −2 months``."""
        unit = "month" if self.months == 1 else "months"
        return f"{self.project} {self.action} −{self.months} {unit}"

    def shift_item(self) -> dict[str, Any]:
        """The scenario's ``projects`` item for this option (``docs/scenarios.md``)."""
        key = {
            "shift": "shift_months",
            "entry": "entry_shift_months",
            "production": "production_shift_months",
        }[self.action]
        return {"project": self.project, key: -int(self.months)}


@dataclass(frozen=True)
class AccelerationRule:
    """One row of ``accelerations.csv``: options ``m = 1 … months_max`` for one project.

    Attributes
    ----------
    project, action
        As in :class:`Acceleration`.
    months_max
        Largest acceleration [months] (feasibility limit).
    cost_per_month
        Fiscal cost per month of acceleration [亿元 per month].
    cost_kind, source
        As in :class:`Acceleration`.
    """

    project: str
    action: str
    months_max: int
    cost_per_month: float
    cost_kind: str = "budget"
    source: str = ""

    def options(self) -> tuple[Acceleration, ...]:
        """The yes/no options of this rule, one per whole month."""
        return tuple(
            Acceleration(
                self.project,
                self.action,
                m,
                m * self.cost_per_month,
                self.cost_kind,
                self.source,
            )
            for m in range(1, self.months_max + 1)
        )


@dataclass(frozen=True, eq=False)
class AccelerationSet:
    """The projects a package may accelerate, as rules (one per project).

    Build with :meth:`from_csv` (a folder's ``accelerations.csv``), :meth:`default` (the
    documented rule) or :func:`accelerations_for_folder`; :meth:`feasible` shortens the rules to
    what the data allow as of a period.
    """

    rules: tuple[AccelerationRule, ...] = ()
    source: str = ""
    notes: tuple[Note, ...] = ()

    def __len__(self) -> int:
        return len(self.rules)

    def __repr__(self) -> str:
        return f"AccelerationSet({len(self.rules)} projects, source={self.source!r})"

    def options(self) -> tuple[Acceleration, ...]:
        """Every yes/no option (a project's options exclude each other)."""
        return tuple(o for r in self.rules for o in r.options())

    def table(self) -> pd.DataFrame:
        """One row per rule: the columns of ``accelerations.csv``."""
        return pd.DataFrame(
            [
                {
                    "project": r.project,
                    "action": r.action,
                    "months_max": r.months_max,
                    "cost_per_month": r.cost_per_month,
                    "cost_kind": r.cost_kind,
                    "source": r.source,
                }
                for r in self.rules
            ],
            columns=list(ACCELERATION_COLUMNS),
        )

    # ------------------------------------------------------------------ reading
    @classmethod
    def from_csv(cls, path: str | Path, register: ProjectRegister | None = None) -> AccelerationSet:
        """Read ``accelerations.csv``; errors name the file, row and column.

        Parameters
        ----------
        path
            The file (UTF-8 CSV with the columns of :data:`ACCELERATION_COLUMNS`).
        register
            The project register, to check project codes (optional).
        """
        p = Path(path)
        if not p.is_file():
            raise InputError(f"accelerations file {p} does not exist.")
        try:
            frame = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except (UnicodeDecodeError, pd.errors.ParserError) as exc:
            raise InputError(
                f"accelerations file {p} cannot be read as UTF-8 CSV ({exc}); save it as "
                "UTF-8 CSV with the columns " + ", ".join(ACCELERATION_COLUMNS) + "."
            ) from exc
        return cls.from_frame(frame, source=str(p), register=register)

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        source: str = "<memory>",
        register: ProjectRegister | None = None,
    ) -> AccelerationSet:
        """Build from a table with the columns of ``accelerations.csv``."""
        cols = [str(c).strip() for c in frame.columns]
        unknown = [c for c in cols if c not in ACCELERATION_COLUMNS]
        if unknown:
            c = unknown[0]
            raise InputError(
                f"accelerations file {source}: unknown column '{c}'."
                f"{closest(c, ACCELERATION_COLUMNS)} Columns: {', '.join(ACCELERATION_COLUMNS)}."
            )
        missing = [
            c for c in ("project", "action", "months_max", "cost_per_month") if c not in cols
        ]
        if missing:
            raise InputError(
                f"accelerations file {source}: the column '{missing[0]}' is missing; give "
                + ", ".join(ACCELERATION_COLUMNS)
                + "."
            )
        f = frame.copy()
        f.columns = cols
        codes = set(register.codes) if register is not None else None
        rules: list[AccelerationRule] = []
        seen: set[str] = set()
        for i, row in enumerate(f.to_dict("records")):
            where = f"accelerations file {source}, row {i + 2}"
            project = str(row["project"]).strip()
            if not project:
                raise InputError(f"{where}, column project: give a project code.")
            if codes is not None and project not in codes:
                raise InputError(
                    f"{where}, column project: project '{project}' is not in the register "
                    f"(projects.csv).{closest(project, sorted(codes))}"
                )
            if project in seen:
                raise InputError(
                    f"{where}, column project: project '{project}' is listed twice; give one row "
                    "per project (its options 1 … months_max exclude each other)."
                )
            seen.add(project)
            action = str(row["action"]).strip()
            if action not in ACTIONS:
                raise InputError(
                    f"{where}, column action: unknown action '{action}'.{closest(action, ACTIONS)} "
                    f"Use one of: {', '.join(ACTIONS)}."
                )
            months = _number(row["months_max"], f"{where}, column months_max")
            if months != int(months) or not 1 <= months <= 24:
                raise InputError(
                    f"{where}, column months_max: {row['months_max']} is not a whole number of "
                    "months from 1 to 24."
                )
            cost = _number(row["cost_per_month"], f"{where}, column cost_per_month")
            if cost < 0:
                raise InputError(
                    f"{where}, column cost_per_month: {cost:g} is negative; give the fiscal cost "
                    "per month of acceleration [亿元], 0 or more."
                )
            kind = str(row.get("cost_kind", "") or "budget").strip() or "budget"
            if kind not in COST_KINDS:
                raise InputError(
                    f"{where}, column cost_kind: unknown kind '{kind}'.{closest(kind, COST_KINDS)} "
                    f"Use one of: {', '.join(COST_KINDS)}."
                )
            src = str(row.get("source", "") or "").strip()
            if not src:
                raise InputError(
                    f"{where}, column source: every number states its source or says "
                    "'assumption: <why>'; add a source."
                )
            rules.append(AccelerationRule(project, action, int(months), cost, kind, src))
        return cls(tuple(rules), source)

    @classmethod
    def default(
        cls,
        register: ProjectRegister,
        *,
        levers: LeverSet | None = None,
        cost_share: float = DEFAULT_COST_PER_MONTH_SHARE,
    ) -> AccelerationSet:
        """The default rule for a folder without ``accelerations.csv`` (every number an assumption).

        - Projects not started (``signed``, ``land_pending``, ``approved``): the whole schedule
          up to :data:`DEFAULT_SHIFT_MONTHS` months earlier, except statuses a
          ``project_timing`` lever of ``levers`` already moves (land-pending projects and the
          land lever in the example city: their acceleration is that lever's job);
        - projects under construction with production ahead: production up to
          :data:`DEFAULT_PRODUCTION_MONTHS` months earlier; otherwise, with statistical entry
          ahead, entry (入库) up to :data:`DEFAULT_ENTRY_MONTHS` months earlier;
        - cost per month: ``cost_share`` × total investment [亿元] (budget);
          :data:`DEFAULT_ENTRY_COST_PER_MONTH` for registrations.

        The limits are applied as of a period by :meth:`feasible`.
        """
        covered: set[str] = set()
        if levers is not None:
            for lv in levers.values():
                rule = lv.project_rule
                if lv.kind == "project_timing" and rule is not None and not rule.categories:
                    covered |= set(rule.statuses)
        rules = []
        for j, code in enumerate(register.codes):
            status = register.statuses[j]
            per_month = round(cost_share * float(register.total[j]), 4)
            if status in DEFAULT_SHIFT_MONTHS and status not in covered:
                rules.append(
                    AccelerationRule(
                        code,
                        "shift",
                        DEFAULT_SHIFT_MONTHS[status],
                        per_month,
                        "budget",
                        DEFAULT_SOURCE,
                    )
                )
            elif status == "under_construction" and register.has_production[j]:
                rules.append(
                    AccelerationRule(
                        code,
                        "production",
                        DEFAULT_PRODUCTION_MONTHS,
                        per_month,
                        "budget",
                        DEFAULT_SOURCE,
                    )
                )
            elif status == "under_construction":
                rules.append(
                    AccelerationRule(
                        code,
                        "entry",
                        DEFAULT_ENTRY_MONTHS,
                        DEFAULT_ENTRY_COST_PER_MONTH,
                        "budget",
                        DEFAULT_SOURCE,
                    )
                )
        return cls(tuple(rules), "default rule")

    # ------------------------------------------------------------------ feasibility
    def feasible(self, register: ProjectRegister, as_of_month: int) -> AccelerationSet:
        """The rules shortened to what the data allow after ``as_of_month`` (absolute month).

        A date may move no earlier than the month after ``as_of``, production and entry no
        earlier than the construction start, and a date already passed cannot move. Rules
        left with no month are dropped; each change is noted.
        """
        pos = {c: i for i, c in enumerate(register.codes)}
        first = as_of_month + 1
        out: list[AccelerationRule] = []
        notes: list[Note] = list(self.notes)
        quiet = self.source == "default rule"
        for r in self.rules:
            j = pos.get(r.project)
            if j is None:
                notes.append(Note.of("acceleration.not_in_register", project=r.project))
                continue
            start = int(register.start[j])
            started = start <= as_of_month
            if r.action == "shift":
                if started:
                    # The remaining dates (finish, and entry or production still ahead) move.
                    ahead = [int(register.finish[j])]
                    for d in (int(register.entry[j]), int(register.production[j])):
                        if d > as_of_month:
                            ahead.append(d)
                    limit = min(ahead) - first if int(register.finish[j]) > as_of_month else 0
                    why = (
                        Note.of("acceleration.why.remaining", earliest_month=month_text(first))
                        if limit > 0
                        else Note.of("acceleration.why.finished")
                    )
                else:
                    limit = start - first
                    why = Note.of(
                        "acceleration.why.start",
                        start_month=month_text(start),
                        earliest_month=month_text(first),
                    )
            else:
                date = int(register.entry[j] if r.action == "entry" else register.production[j])
                if r.action == "production" and not register.has_production[j]:
                    limit, why = 0, Note.of("acceleration.why.no_production")
                elif date <= as_of_month:
                    limit = 0
                    why = Note.of(
                        "acceleration.why.happened", action=r.action, date_month=month_text(date)
                    )
                else:
                    floor = max(first, start)
                    limit = date - floor
                    why = Note.of(
                        "acceleration.why.movable",
                        action=r.action,
                        date_month=month_text(date),
                        earliest_month=month_text(floor),
                    )
            months = min(r.months_max, max(0, limit))
            if months < r.months_max and not quiet:
                head = dict(project=r.project, action=r.action)
                notes.append(
                    Note.of("acceleration.limited", **head, months=months, why=why)
                    if months
                    else Note.of("acceleration.dropped", **head, why=why)
                )
            if months >= 1:
                out.append(
                    AccelerationRule(
                        r.project, r.action, months, r.cost_per_month, r.cost_kind, r.source
                    )
                )
        return AccelerationSet(tuple(out), self.source, tuple(notes))

    def only(self, projects: Iterable[str]) -> AccelerationSet:
        """The rules of some projects only."""
        keep = set(projects)
        return AccelerationSet(
            tuple(r for r in self.rules if r.project in keep), self.source, self.notes
        )


def _number(value: Any, where: str) -> float:
    try:
        x = float(str(value).strip())
    except ValueError:
        raise InputError(f"{where}: '{value}' is not a number.") from None
    if not math.isfinite(x):
        raise InputError(f"{where}: '{value}' is not a finite number.")
    return x


def accelerations_for_folder(
    folder: str | Path | None,
    register: ProjectRegister,
    *,
    levers: LeverSet | None = None,
) -> AccelerationSet:
    """The folder's ``accelerations.csv``, or :meth:`AccelerationSet.default` without one."""
    if folder is not None:
        path = Path(folder) / ACCELERATION_FILE
        if path.is_file():
            return AccelerationSet.from_csv(path, register)
    return AccelerationSet.default(register, levers=levers)


def option_groups(options: Sequence[Acceleration]) -> list[np.ndarray]:
    """Indices of the options of each project (at most one of each group is taken)."""
    by: dict[str, list[int]] = {}
    for i, o in enumerate(options):
        by.setdefault(o.project, []).append(i)
    return [np.array(v) for v in by.values() if len(v) > 1]


register_config(
    "accelerations",
    lambda path, projects: AccelerationSet.from_csv(path, ProjectRegister.from_frame(projects)),
    "correct accelerations.csv as docs/optimize.md describes.",
)

__all__ = [
    "ACCELERATION_COLUMNS",
    "ACCELERATION_FILE",
    "ACTIONS",
    "DEFAULT_COST_PER_MONTH_SHARE",
    "DEFAULT_ENTRY_COST_PER_MONTH",
    "DEFAULT_ENTRY_MONTHS",
    "DEFAULT_PRODUCTION_MONTHS",
    "DEFAULT_SHIFT_MONTHS",
    "Acceleration",
    "AccelerationRule",
    "AccelerationSet",
    "accelerations_for_folder",
    "option_groups",
]
