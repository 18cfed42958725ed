"""Scenario specifications: small immutable, comparable, printable as YAML you can paste back.

A scenario says *as of when* (``as_of``), *which levers at what intensity* and *which project
dates move*, and how many draws with which seed. It is validated twice, both times before any
computation: its own form when it is built (:meth:`ScenarioSpec.from_yaml`), and against the
data and the levers (:func:`resolve`) — an unknown lever, an intensity above its cap, a project
code not in the register or a shift that moves production before start is an
:class:`~sprintmodel.errors.InputError` naming the scenario file and key.

The YAML form is documented in ``docs/scenarios.md``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from sprintmodel.data import DataSet
from sprintmodel.data.model import PROJECT_CATEGORIES, PROJECT_STATUSES
from sprintmodel.errors import InputError
from sprintmodel.figures import PUBLISHED_DRAWS
from sprintmodel.notes import Note
from sprintmodel.periods import Period, PeriodError, as_period
from sprintmodel.scenario._config import (
    Where,
    check_keys,
    integer,
    mapping,
    number,
    parse_config,
    read_config,
    text,
)
from sprintmodel.scenario.curves import month_number, month_text
from sprintmodel.scenario.entrants import (
    EntrantItem,
    EntrantRegister,
    parse_entrant_items,
    resolve_entrants,
)
from sprintmodel.scenario.levers import LeverSet
from sprintmodel.scenario.project_shifts import resolve_project_shifts
from sprintmodel.scenario.projects import ProjectRegister
from sprintmodel.yamlio import closest

DEFAULT_SCENARIO_DRAWS = PUBLISHED_DRAWS
"""Draws of a scenario when its file does not say (:data:`sprintmodel.figures.PUBLISHED_DRAWS`,
the forecast's default)."""

MAX_SHIFT = 24
"""Largest project shift a scenario may ask for [months], earlier or later."""

_TOP_KEYS = (
    "name",
    "description",
    "as_of",
    "written_as_of",
    "draws",
    "seed",
    "method",
    "levers",
    "projects",
    "entrants",
)
_LEVER_KEYS = ("intensity", "units", "start")
_SELECTORS = ("project", "status", "unit", "category")
_ACTIONS = (
    "shift_months",
    "entry_shift_months",
    "production_shift_months",
    "start",
    "entry",
    "production",
)
_ALIASES = {"start_shift_months": "shift_months"}


def _month(value: Any, where: Where) -> str:
    s = text(value, where, allow_empty=False) if not isinstance(value, str) else value.strip()
    try:
        p = Period.parse(s)
    except PeriodError:
        raise where.error(f"'{s}' is not a month; write YYYY-MM, e.g. 2026-11.") from None
    if p.freq != "M":
        raise where.error(f"'{s}' is a quarter; write a month YYYY-MM, e.g. 2026-11.")
    return str(p)


@dataclass(frozen=True)
class LeverSetting:
    """One lever's setting in a scenario.

    Attributes
    ----------
    lever
        Lever id in the levers file.
    intensity
        City-wide intensity [the lever's intensity unit], allocated to districts and counties
        by the lever's key; None when ``units`` is given.
    units
        Explicit per-unit intensities ``((unit, intensity), ...)``, sorted by unit.
    start
        Month the lever starts, ``YYYY-MM`` (default: the month after ``as_of``).
    """

    lever: str
    intensity: float | None = None
    units: tuple[tuple[str, float], ...] = ()
    start: str | None = None

    @property
    def total(self) -> float:
        """Total intensity (city-wide or the sum over units)."""
        if self.units:
            return float(sum(x for _, x in self.units))
        return float(self.intensity or 0.0)

    def to_dict(self) -> dict[str, Any]:
        """Plain data as in YAML."""
        out: dict[str, Any] = {}
        if self.units:
            out["units"] = {u: x for u, x in self.units}
        else:
            out["intensity"] = self.intensity
        if self.start:
            out["start"] = self.start
        return out


@dataclass(frozen=True)
class ProjectShift:
    """One item of a scenario's ``projects`` list: which projects, and how their dates move.

    Selectors (at least one; several narrow the choice): ``project`` (a code), ``status``,
    ``unit`` (a unit and every unit below it; a park matches projects with that park), and
    ``category``. Actions (at least one): ``shift_months`` moves the whole remaining schedule
    (start, entry, finish, production); ``entry_shift_months`` and
    ``production_shift_months`` move one date more; ``start``, ``entry``, ``production`` set a
    date ``YYYY-MM`` instead. Later items override earlier ones for the dates they set.
    """

    project: str | None = None
    status: str | None = None
    unit: str | None = None
    category: str | None = None
    shift_months: int | None = None
    entry_shift_months: int | None = None
    production_shift_months: int | None = None
    start: str | None = None
    entry: str | None = None
    production: str | None = None

    @property
    def single(self) -> bool:
        """True when the item names one project (then dates that cannot move are errors)."""
        return self.project is not None

    def to_dict(self) -> dict[str, Any]:
        """Plain data as in YAML (keys that are set only)."""
        return {k: v for k, v in dataclasses.asdict(self).items() if v is not None}


@dataclass(frozen=True)
class ScenarioSpec:
    """A scenario: as-of period, lever settings, project shifts, draws and seed (immutable).

    Build from YAML with :meth:`from_yaml`, from Python with :meth:`from_dict` or the
    constructor, and derive variants with :meth:`with_lever`, :meth:`with_projects` and
    :meth:`replace`. ``str(spec)`` / :meth:`to_yaml` prints YAML that :meth:`from_yaml_text`
    reads back to an equal spec. Two specs are equal when they ask for the same thing (the
    file they came from does not count).

    Attributes
    ----------
    name, description
        Short name (used for output folders and comparisons) and one line for people.
    as_of
        Period of the data the scenario starts from (given as ``2026Q3``, ``2026-09`` or a
        :class:`~sprintmodel.periods.Period`; kept as the Period).
    draws
        Simulation draws [count].
    seed
        Seed of every random number (forecast, lever effects, project delays).
    method
        Forecast method of the baseline (default ``combination``).
    levers
        Lever settings, sorted by lever id.
    projects
        Project shifts, in the order given (later items override earlier ones).
    entrants
        Candidates of ``entrants.csv`` counted as entering the statistics (升规入统, 限上入库),
        in the order given (:class:`~sprintmodel.scenario.entrants.EntrantItem`).
    written_as_of
        The origin the scenario was written at, when it is run at a later one (:meth:`at`);
        None when it runs where it was written. Lever starts and project dates after this
        origin but not after :attr:`as_of` have passed since: they are taken as happened (or
        as the register says) with a note, never an error.
    source
        The file it came from, for error messages (not compared).
    yaml_node
        The parsed file (lines of its keys), so that checks against the data name the line;
        None for specs built in Python or derived with :meth:`replace` and friends (not
        compared).
    """

    name: str
    as_of: Period
    description: str = ""
    draws: int = DEFAULT_SCENARIO_DRAWS
    seed: int = 0
    method: str = "combination"
    levers: tuple[LeverSetting, ...] = ()
    projects: tuple[ProjectShift, ...] = ()
    entrants: tuple[EntrantItem, ...] = ()
    written_as_of: Period | None = None
    source: str = field(default="<python>", compare=False, repr=False)
    yaml_node: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        where = self.where()
        object.__setattr__(self, "as_of", _as_of(self.as_of, where / "as_of"))
        if self.written_as_of is not None:
            w = _as_of(self.written_as_of, where / "written_as_of")
            object.__setattr__(self, "written_as_of", None if w == self.as_of else w)
        integer(self.draws, where / "draws", low=10, high=1_000_000)
        integer(self.seed, where / "seed", low=0, high=2**63 - 1)
        text(self.name, where / "name", allow_empty=False)
        ordered = tuple(sorted(self.levers, key=lambda s: s.lever))
        ids = [s.lever for s in ordered]
        for i in range(1, len(ids)):
            if ids[i] == ids[i - 1]:
                raise (where / "levers" / ids[i]).error("this lever is set twice.")
        object.__setattr__(self, "levers", ordered)
        object.__setattr__(self, "projects", tuple(self.projects))
        object.__setattr__(self, "entrants", tuple(self.entrants))

    # ------------------------------------------------------------------ reading
    @classmethod
    def from_yaml(cls, path: str | Path) -> ScenarioSpec:
        """Read and check a scenario file (errors name the file and key)."""
        return cls.from_dict(read_config(path, "scenario"), source=str(path))

    @classmethod
    def from_yaml_text(cls, text_: str, *, source: str = "<text>") -> ScenarioSpec:
        """Read a scenario from YAML text."""
        return cls.from_dict(parse_config(text_, source, "scenario"), source=source)

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "<python>") -> ScenarioSpec:
        """Build from plain data in the YAML form (see ``docs/scenarios.md``)."""
        where = Where(source, "scenario", node=data)
        top = mapping(data, where, "a scenario {name: ..., as_of: ..., levers: ..., ...}")
        check_keys(top, where, _TOP_KEYS, required=("name", "as_of"))
        name = top["name"]
        if isinstance(name, int | float) and not isinstance(name, bool):
            name = str(name)
        levers = _parse_levers(top.get("levers"), where / "levers")
        projects = _parse_projects(top.get("projects"), where / "projects")
        entrants = parse_entrant_items(top.get("entrants"), where / "entrants", _month)
        method = text(top.get("method", "combination"), where / "method", allow_empty=False)
        return cls(
            name=text(name, where / "name", allow_empty=False),
            as_of=_as_of(top["as_of"], where / "as_of"),
            description=text(top.get("description"), where / "description"),
            draws=integer(
                top.get("draws", DEFAULT_SCENARIO_DRAWS), where / "draws", low=10, high=1_000_000
            ),
            seed=integer(top.get("seed", 0), where / "seed", low=0, high=2**63 - 1),
            method=method,
            levers=levers,
            projects=projects,
            entrants=entrants,
            written_as_of=(
                _as_of(top["written_as_of"], where / "written_as_of")
                if top.get("written_as_of") is not None
                else None
            ),
            source=source,
            yaml_node=data,
        )

    def where(self) -> Where:
        """The top position in the scenario's file, for error messages that name key and line."""
        return Where(self.source, "scenario", node=self.yaml_node)

    # ------------------------------------------------------------------ writing
    def to_dict(self) -> dict[str, Any]:
        """Plain data in the YAML form."""
        out: dict[str, Any] = {"name": self.name}
        if self.description:
            out["description"] = self.description
        out.update(as_of=str(self.as_of), draws=self.draws, seed=self.seed)
        if self.written_as_of is not None:
            out["written_as_of"] = str(self.written_as_of)
        if self.method != "combination":
            out["method"] = self.method
        if self.levers:
            out["levers"] = {s.lever: s.to_dict() for s in self.levers}
        if self.projects:
            out["projects"] = [p.to_dict() for p in self.projects]
        if self.entrants:
            out["entrants"] = [e.to_dict() for e in self.entrants]
        return out

    def to_yaml(self) -> str:
        """YAML text that :meth:`from_yaml_text` reads back to an equal spec."""
        return yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False, width=100)

    def __str__(self) -> str:
        return self.to_yaml()

    # ------------------------------------------------------------------ variants
    def replace(self, **changes: Any) -> ScenarioSpec:
        """A copy with some fields changed (``levers`` may be a mapping id → intensity)."""
        if "levers" in changes and isinstance(changes["levers"], Mapping):
            changes["levers"] = _parse_levers(
                changes["levers"], Where(self.source, "scenario") / "levers"
            )
        if "projects" in changes:
            items = changes["projects"]
            if not all(isinstance(p, ProjectShift) for p in items):
                changes["projects"] = _parse_projects(
                    list(items), Where(self.source, "scenario") / "projects"
                )
        if "entrants" in changes:
            items = changes["entrants"]
            if items == "all" or not all(isinstance(e, EntrantItem) for e in items):
                changes["entrants"] = parse_entrant_items(
                    items if items == "all" else list(items),
                    Where(self.source, "scenario") / "entrants",
                    _month,
                )
        if {"levers", "projects", "entrants"} & set(changes):  # the lines no longer fit
            changes.setdefault("yaml_node", None)
        return dataclasses.replace(self, **changes)

    def at(self, as_of: str | Period | None) -> ScenarioSpec:
        """The scenario rolled forward to another origin (None: unchanged).

        The origin it was written at is kept (:attr:`written_as_of`), so that lever starts and
        project dates that have passed since are taken as happened with a note instead of
        being refused (:func:`resolve`).

        Examples
        --------
        >>> s = ScenarioSpec("s", "2026Q3").at("2026-10")
        >>> str(s.as_of), str(s.written_as_of)
        ('2026-10', '2026Q3')
        """
        if as_of is None:
            return self
        p = _as_of(as_of, self.where() / "as_of")
        if p == self.as_of:
            return self
        return dataclasses.replace(self, as_of=p, written_as_of=self.written_as_of or self.as_of)

    def with_lever(
        self,
        lever: str,
        intensity: float | None = None,
        *,
        units: Mapping[str, float] | None = None,
        start: str | None = None,
    ) -> ScenarioSpec:
        """A copy with one lever set (replacing its previous setting); intensity 0 removes it."""
        others = tuple(s for s in self.levers if s.lever != lever)
        if units is None and (intensity is None or intensity == 0):
            return dataclasses.replace(self, levers=others, yaml_node=None)
        raw: dict[str, Any] = {"units": dict(units)} if units else {"intensity": intensity}
        if start:
            raw["start"] = start
        new = _parse_levers({lever: raw}, Where(self.source, "scenario") / "levers")
        return dataclasses.replace(self, levers=others + new, yaml_node=None)

    def with_projects(self, *items: ProjectShift | Mapping[str, Any]) -> ScenarioSpec:
        """A copy with project shifts appended (later items override earlier ones)."""
        parsed = _parse_projects(
            [dataclasses.asdict(i) if isinstance(i, ProjectShift) else dict(i) for i in items],
            Where(self.source, "scenario") / "projects",
            start_index=len(self.projects),
        )
        return dataclasses.replace(self, projects=self.projects + parsed, yaml_node=None)

    def with_entrants(self, *items: EntrantItem | Mapping[str, Any]) -> ScenarioSpec:
        """A copy with entrant items appended (``{"entrant": "JC-N01", "entry": "2026-11"}``,
        ``{"all": True}``; later items override earlier ones)."""
        parsed = parse_entrant_items(
            [dataclasses.asdict(i) if isinstance(i, EntrantItem) else dict(i) for i in items],
            Where(self.source, "scenario") / "entrants",
            _month,
            start_index=len(self.entrants),
        )
        return dataclasses.replace(self, entrants=self.entrants + parsed, yaml_node=None)

    def lever_intensities(self) -> dict[str, float]:
        """Total intensity of each lever set."""
        return {s.lever: s.total for s in self.levers}

    @property
    def is_baseline(self) -> bool:
        """No levers, no project shifts and no entrants."""
        return not self.levers and not self.projects and not self.entrants


def _as_of(value: Any, where: Where) -> Period:
    if isinstance(value, Period):
        return value
    if not isinstance(value, str):
        raise where.error(f"expected a period such as 2026Q3 or 2026-09, got {value!r}.")
    try:
        return Period.parse(value)
    except PeriodError as exc:
        raise where.error(str(exc) + ".") from None


def _parse_levers(value: Any, where: Where) -> tuple[LeverSetting, ...]:
    data = mapping(value, where, "a mapping lever_id → {intensity: ...}")
    out = []
    for lever, raw in data.items():
        w = where / lever
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            raw = {"intensity": raw}
        d = mapping(raw, w, "{intensity: <number>} or {units: {UNIT: <number>}}")
        check_keys(d, w, _LEVER_KEYS)
        if "intensity" in d and "units" in d:
            raise (w / "units").error(
                "give either 'intensity' (city-wide, allocated to districts) or 'units' "
                "(per unit), not both."
            )
        if "intensity" not in d and "units" not in d:
            raise w.error("give 'intensity' (city-wide) or 'units' (per unit).")
        start = _month(d["start"], w / "start") if d.get("start") is not None else None
        if "units" in d:
            units_raw = mapping(d["units"], w / "units", "a mapping UNIT → intensity")
            if not units_raw:
                raise (w / "units").error("give at least one unit.")
            units = tuple(
                sorted((u, number(x, w / "units" / u, low=0.0)) for u, x in units_raw.items())
            )
            out.append(LeverSetting(lever, None, units, start))
        else:
            x = number(d["intensity"], w / "intensity", low=0.0)
            out.append(LeverSetting(lever, x, (), start))
    return tuple(out)


def _parse_projects(value: Any, where: Where, *, start_index: int = 0) -> tuple[ProjectShift, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise where.error("expected a list of items such as '- {project: P01, shift_months: -1}'.")
    out = []
    for i, raw in enumerate(value):
        w = where / (i + start_index)
        d = mapping(raw, w, "{project|status|unit|category: ..., shift_months: ...}")
        d = {_ALIASES.get(k, k): v for k, v in d.items() if v is not None}
        check_keys(d, w, _SELECTORS + _ACTIONS)
        if not any(k in d for k in _SELECTORS):
            raise w.error(
                f"say which projects: give one of {', '.join(_SELECTORS)} (e.g. project: P01)."
            )
        if not any(k in d for k in _ACTIONS):
            raise w.error(f"say how the dates move: give one of {', '.join(_ACTIONS)}.")
        for rel, ab in (
            ("shift_months", "start"),
            ("entry_shift_months", "entry"),
            ("production_shift_months", "production"),
        ):
            if rel in d and ab in d:
                raise (w / ab).error(f"give either '{rel}' or '{ab}', not both.")
        kw: dict[str, Any] = {}
        for key in ("project", "unit"):
            if key in d:
                v = d[key]
                kw[key] = str(v) if isinstance(v, int) else text(v, w / key, allow_empty=False)
        if "status" in d:
            s = text(d["status"], w / "status", allow_empty=False)
            if s not in PROJECT_STATUSES:
                raise (w / "status").error(
                    f"unknown status '{s}'.{closest(s, PROJECT_STATUSES)} "
                    f"Use one of: {', '.join(PROJECT_STATUSES)}."
                )
            kw["status"] = s
        if "category" in d:
            c = text(d["category"], w / "category", allow_empty=False)
            if c not in PROJECT_CATEGORIES:
                raise (w / "category").error(
                    f"unknown category '{c}'.{closest(c, PROJECT_CATEGORIES)} "
                    f"Use one of: {', '.join(PROJECT_CATEGORIES)}."
                )
            kw["category"] = c
        for key in ("shift_months", "entry_shift_months", "production_shift_months"):
            if key in d:
                kw[key] = integer(d[key], w / key, low=-MAX_SHIFT, high=MAX_SHIFT)
        for key in ("start", "entry", "production"):
            if key in d:
                kw[key] = _month(d[key], w / key)
        out.append(ProjectShift(**kw))
    return tuple(out)


# ============================================================================ resolution
@dataclass(frozen=True, eq=False)
class ResolvedScenario:
    """A scenario checked against the data and levers, in the engine's terms.

    Attributes
    ----------
    spec
        The scenario.
    as_of_month
        Last month of the data (absolute month number).
    lever_units
        For each lever set: ``None`` for a city-wide intensity or a mapping unit → intensity.
    lever_total
        Total intensity of each lever set.
    lever_start
        Calendar month (1-12) each ``amount`` lever starts.
    shift, entry_offset, production_offset
        Per project [months]: the whole-schedule shift and the extra entry and production
        offsets (int arrays, zero for projects not moved).
    notes
        Things the user may want to know (projects skipped by a bulk shift, clipped dates).
    entrant_entry
        Per candidate of ``entrants.csv``: the month it enters this year (absolute month
        number), -1 where the scenario does not count it this year.
    """

    spec: ScenarioSpec
    as_of_month: int
    lever_units: dict[str, dict[str, float] | None]
    lever_total: dict[str, float]
    lever_start: dict[str, int]
    shift: np.ndarray
    entry_offset: np.ndarray
    production_offset: np.ndarray
    notes: tuple[Note, ...] = ()
    entrant_entry: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def moved(self) -> np.ndarray:
        """Indices of projects whose dates the scenario moves."""
        return np.flatnonzero(
            (self.shift != 0) | (self.entry_offset != 0) | (self.production_offset != 0)
        )


def as_of_month(as_of: str | Period) -> int:
    """Absolute month number of the last month of ``as_of`` (2026Q3 → September 2026)."""
    p = as_period(as_of)
    return p.year * 12 + p.month - 1


def rollup_units(dataset: DataSet) -> set[str]:
    """Units whose values add up to the root through a chain of rollup parents."""
    out = set()
    h = dataset.hierarchy
    for code in h:
        u, ok = h[code], True
        while u.parent is not None:
            if not u.rollup:
                ok = False
                break
            u = h[u.parent]
        if ok:
            out.add(code)
    return out


def resolve(
    spec: ScenarioSpec,
    dataset: DataSet,
    levers: LeverSet,
    *,
    register: ProjectRegister | None = None,
    units_ok: set[str] | None = None,
    entrants: EntrantRegister | None = None,
) -> ResolvedScenario:
    """Check a scenario against the data and levers; errors name the scenario file and key.

    Raises
    ------
    InputError
        Unknown lever, unit or project; an intensity above the lever's cap; a start before the
        month after ``as_of`` or after December; an as-of period beyond the data; a date moved
        into the past or production moved before start; a date that has already passed.
        Dates that were still to come at the origin the scenario was written at
        (:attr:`ScenarioSpec.written_as_of`) but have passed by ``as_of`` are not errors:
        each gives one note and is taken as happened (lever starts: only the share of the
        effect after ``as_of`` counts) or as the register says (project dates).

    Notes
    -----
    ``register``, ``units_ok`` (units that add up into the root) and ``entrants`` may be
    passed by a caller that has them already (the engine), to save rebuilding them.
    """
    where = spec.where()
    p = spec.as_of
    latest = dataset.latest_period
    if p.year * 12 + p.month > latest.year * 12 + latest.month:
        raise (where / "as_of").error(
            f"{spec.as_of} is after the data's latest period {latest}; use {latest} or earlier."
        )
    t0 = as_of_month(p)
    w0 = t0 if spec.written_as_of is None else min(as_of_month(spec.written_as_of), t0)
    last = p.year * 12 + 11
    notes: list[Note] = []
    if units_ok is None:
        units_ok = rollup_units(dataset)
    lever_units: dict[str, dict[str, float] | None] = {}
    lever_total: dict[str, float] = {}
    lever_start: dict[str, int] = {}
    for s in spec.levers:
        w = where / "levers" / s.lever
        if s.lever not in levers:
            raise w.error(
                f"unknown lever '{s.lever}'.{closest(s.lever, list(levers))} "
                f"The levers file {levers.source or '(default)'} defines: {', '.join(levers)}."
            )
        lv = levers[s.lever]
        total = s.total
        if total > lv.cap * (1 + 1e-9):
            key = "units" if s.units else "intensity"
            raise (w / key).error(
                f"intensity {total:g} ({lv.intensity_unit}) is above the lever's cap "
                f"{lv.cap:g}; use at most {lv.cap:g} (cap: {lv.cap_source})."
            )
        if s.units:
            for u, _ in s.units:
                if u not in dataset.units:
                    raise (w / "units" / u).error(
                        f"unknown unit '{u}'.{closest(u, list(dataset.units))}"
                    )
                if u not in units_ok:
                    raise (w / "units" / u).error(
                        f"unit '{u}' does not add up into the city (rollup = no, e.g. a park "
                        "overlapping districts); give the intensity to the district it lies in."
                    )
            lever_units[s.lever] = dict(s.units)
        else:
            lever_units[s.lever] = None
        lever_total[s.lever] = total
        if lv.kind == "project_timing":
            if s.start is not None:
                raise (w / "start").error(
                    "a project_timing lever acts on project dates and has no start month; "
                    "remove 'start'."
                )
            continue
        if s.start is None:
            start = w0 + 1  # the month after the origin it was written at
            if start <= t0:
                notes.append(
                    Note.of(
                        "scenario.lever_started_after_written",
                        lever=s.lever,
                        start_month=month_text(start),
                        written_period=str(spec.written_as_of),
                    )
                )
        else:
            start = month_number(s.start)
            if w0 < start <= t0:
                notes.append(
                    Note.of(
                        "scenario.lever_start_passed",
                        lever=s.lever,
                        start_month=month_text(start),
                        data_month=month_text(t0),
                    )
                )
            elif start <= t0 or start > last:
                raise (w / "start").error(
                    f"start {s.start} is outside the rest of the year: use a month from "
                    f"{month_text(t0 + 1)} to {month_text(last)}."
                    if t0 < last
                    else f"the data already cover all of {p.year}; nothing can start."
                )
        lever_start[s.lever] = start % 12 + 1
    reg = register if register is not None else ProjectRegister.from_frame(dataset.projects)
    n = len(reg)
    shift = np.zeros(n, dtype=np.int64)
    entry_off = np.zeros(n, dtype=np.int64)
    prod_off = np.zeros(n, dtype=np.int64)
    if spec.projects:
        resolve_project_shifts(
            spec, dataset, reg, (t0, w0), where, shift, entry_off, prod_off, notes
        )
    ent = entrants if entrants is not None else EntrantRegister.from_frame(dataset.entrants)
    entrant_entry = np.full(len(ent), -1, dtype=np.int64)
    if spec.entrants:
        entrant_entry = resolve_entrants(
            spec.entrants, dataset, ent, (t0, w0), where / "entrants", notes
        )
    return ResolvedScenario(
        spec=spec,
        as_of_month=t0,
        lever_units=lever_units,
        lever_total=lever_total,
        lever_start=lever_start,
        shift=shift,
        entry_offset=entry_off,
        production_offset=prod_off,
        notes=tuple(notes),
        entrant_entry=entrant_entry,
    )


__all__ = [
    "DEFAULT_SCENARIO_DRAWS",
    "InputError",
    "LeverSetting",
    "ProjectShift",
    "ResolvedScenario",
    "ScenarioSpec",
    "as_of_month",
    "resolve",
    "rollup_units",
]
