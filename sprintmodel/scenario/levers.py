"""Policy levers as data: what each moves, by how much, when, at what cost, up to what cap.

A data folder's ``levers.yaml`` (format in ``docs/levers.md``) defines:

- ``levers``: each lever's names, the indicators it moves and its effect per unit of intensity
  (an uncertain :class:`~sprintmodel.scenario.distributions.Dist` with its source), a timing
  profile (share of the effect landing each month after it starts), a fiscal cost per unit, a
  cap, and how a city-wide intensity is allocated to districts. ``project_timing`` levers
  (land expropriation speed) move major projects' dates instead of adding to an indicator.
- ``bridges``: spillovers into other indicators, e.g. fixed-asset investment into GDP through
  construction value added, industrial value added into GDP one for one.
- ``projects``: the project model's parameters (S-curve, output ramp, entry threshold, delays;
  see :class:`~sprintmodel.scenario.projects.ProjectModel`).

Folders without a ``levers.yaml`` use the example city's set (:func:`default_levers`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np

from sprintmodel.data import DataSet
from sprintmodel.data.readers.configs import register_config
from sprintmodel.errors import InputError
from sprintmodel.notes import Note
from sprintmodel.scenario._config import (
    Where,
    check_keys,
    choice,
    integer,
    mapping,
    number,
    read_config,
    text,
)
from sprintmodel.scenario.curves import TIMING_SHAPES, share_this_year, timing_profile
from sprintmodel.scenario.distributions import Dist
from sprintmodel.scenario.projects import ProjectModel

LeverKind = Literal["amount", "project_timing"]
COST_KINDS = ("budget", "debt_quota", "credit", "none")
"""Kinds of fiscal cost: budget spending, special-bond or other debt quota used, policy credit
or financing committed, none. Costs of different kinds are reported separately."""

RESPONSES = ("linear", "saturating")


@dataclass(frozen=True)
class TimingProfile:
    """Share of a lever's effect landing in each month after it starts.

    Attributes
    ----------
    shape
        ``"weights"`` (given explicitly) or a name of
        :data:`~sprintmodel.scenario.curves.TIMING_SHAPES` (``even``, ``front_loaded``,
        ``s_curve``).
    months
        Months over which the effect lands (for named shapes).
    lag_months
        Months without effect before it begins.
    given
        The weights for ``shape="weights"``, summing to 1.
    source
        Where the profile comes from (or ``"assumption: ..."``).
    """

    shape: str = "even"
    months: int = 1
    lag_months: int = 0
    given: tuple[float, ...] = ()
    source: str = ""

    @cached_property
    def weights(self) -> np.ndarray:
        """Share of the effect in month 0, 1, ... after the start [0-1] (sums to 1)."""
        return timing_profile(self.shape, self.months, self.lag_months, self.given)

    def share(self, start_month: int, origin_month: int = 0) -> float:
        r"""Share of the effect landing after calendar month ``origin_month`` and by December
        when the lever starts in calendar month ``start_month`` [0-1].

        A lever that started before the origin (a scenario written at Q3, run as of October)
        is taken as having happened: what landed up to the origin is already in the data, so
        only the rest counts, :math:`s(m_0) - s_{\le o}(m_0)`. With ``origin_month`` before the
        start (the usual case) this is the whole share by December.
        """
        w = self.weights
        done = share_this_year(w, start_month, last_month=origin_month) if origin_month else 0.0
        return float(share_this_year(w, start_month) - done)

    def to_dict(self) -> dict[str, Any]:
        """Plain data as in YAML."""
        out: dict[str, Any] = {"shape": self.shape}
        if self.shape == "weights":
            out["weights"] = list(self.given)
        else:
            out["months"] = self.months
        if self.lag_months:
            out["lag_months"] = self.lag_months
        if self.source:
            out["source"] = self.source
        return out


@dataclass(frozen=True)
class Effect:
    """A lever's direct effect on one indicator per unit of intensity.

    Attributes
    ----------
    indicator
        Indicator code.
    per_unit
        Effect per unit of intensity, in the indicator's measure at current prices (e.g.
        [亿元 of retail sales per 亿元 of vouchers]), with its uncertainty and source.
    """

    indicator: str
    per_unit: Dist


@dataclass(frozen=True)
class Bridge:
    """A spillover from one indicator into another, ``Δto = weight × Δfrom`` (current prices).

    Bridges are applied in the order listed, so a later bridge carries what earlier bridges
    brought in (exports → industrial value added → GDP).
    """

    name: str
    source_indicator: str
    target_indicator: str
    weight: Dist


@dataclass(frozen=True)
class ProjectRule:
    """How a ``project_timing`` lever moves projects.

    Attributes
    ----------
    statuses, categories
        Projects affected: those with one of these statuses (and, if given, categories).
    months_per_unit
        Months by which their whole remaining schedule moves earlier per unit of intensity.
    realisation
        Share of the targeted acceleration that materialises [0-1], uncertain.
    parcels
        Land clearance: where the data folder has a parcels register (``parcels.csv``), the
        lever moves the projects waiting on a parcel not yet cleared, whatever their status,
        instead of the projects of ``statuses`` (default False: statuses always).
    """

    statuses: tuple[str, ...]
    categories: tuple[str, ...] = ()
    months_per_unit: float = 1.0
    realisation: Dist = field(default_factory=lambda: Dist.fixed(1.0))
    parcels: bool = False


@dataclass(frozen=True)
class LeverSpec:
    """One policy lever (plain data; see ``docs/levers.md``).

    Attributes
    ----------
    id
        Code used in scenarios, e.g. ``consumption_vouchers``.
    name_zh, name_en
        Names for tables and briefings.
    kind
        ``"amount"``: adds to indicators; ``"project_timing"``: moves project dates.
    intensity_unit
        What one unit of intensity is, e.g. ``亿元 face value issued`` or ``months earlier``.
    cap, cap_source
        Largest total intensity a scenario may set, and why.
    cost_per_unit, cost_kind, cost_source
        Fiscal cost [亿元] per unit of intensity (per affected project for ``project_timing``
        levers), its kind (:data:`COST_KINDS`) and source.
    effects
        Direct effects (``amount`` levers).
    timing
        Timing profile (``amount`` levers).
    allocate_by
        Indicator whose last-year level shares allocate a city-wide intensity to the city's
        districts and counties (default: the first effect's indicator).
    spillovers
        Whether the bridges apply to this lever's effects.
    response, response_scale
        ``"linear"``, or ``"saturating"`` with total effect proportional to
        ``s (1 − exp(−X/s))`` for total intensity ``X`` and scale ``s`` (diminishing returns).
    project_rule
        For ``project_timing`` levers.
    description
        What the lever is, in a sentence.
    enterprise
        Code of a key enterprise (``enterprises.csv``) the lever is aimed at (orders, 满产,
        power, financing): its whole intensity lands on that enterprise's unit, and through it
        on the unit's ancestors (``amount`` levers only; None: allocated by ``allocate_by``).
    """

    id: str
    name_zh: str
    name_en: str
    kind: LeverKind
    intensity_unit: str
    cap: float
    cap_source: str
    cost_per_unit: float
    cost_kind: str
    cost_source: str
    effects: tuple[Effect, ...] = ()
    timing: TimingProfile = field(default_factory=TimingProfile)
    allocate_by: str | None = None
    spillovers: bool = True
    response: str = "linear"
    response_scale: float = float("inf")
    project_rule: ProjectRule | None = None
    description: str = ""
    enterprise: str | None = None

    def label(self, lang: str = "zh") -> str:
        """The lever's name in ``lang``."""
        return (self.name_zh if lang == "zh" else self.name_en) or self.name_en or self.id

    @property
    def indicators(self) -> tuple[str, ...]:
        """Indicators moved directly."""
        return tuple(e.indicator for e in self.effects)

    @property
    def allocation_indicator(self) -> str | None:
        """Indicator whose shares allocate a city-wide intensity."""
        return self.allocate_by or (self.effects[0].indicator if self.effects else None)

    def response_factor(self, total: float) -> float:
        """Effect of total intensity ``total`` relative to linear [0-1]: ``f(X) / X``.

        Notes
        -----
        ``linear``: 1. ``saturating``: :math:`s (1 - e^{-X/s}) / X`, which falls from 1 at
        small intensity; the total effect :math:`s(1 - e^{-X/s})` still rises with ``X``.
        """
        if self.response == "linear" or total <= 0 or not np.isfinite(self.response_scale):
            return 1.0
        s = self.response_scale
        return float(s * (-np.expm1(-total / s)) / total)

    def cost(self, total_intensity: float, n_projects: int = 1) -> float:
        """Fiscal cost [亿元] of a total intensity (× projects affected for timing levers)."""
        n = n_projects if self.kind == "project_timing" else 1
        return float(self.cost_per_unit * total_intensity * n)


@dataclass(frozen=True, eq=False)
class LeverSet(Mapping[str, LeverSpec]):
    """The levers, bridges and project model of one data folder (a mapping id → lever).

    Load with :meth:`from_yaml`; :func:`default_levers` gives the example city's set.
    """

    levers: dict[str, LeverSpec]
    bridges: tuple[Bridge, ...] = ()
    project_model: ProjectModel = field(default_factory=ProjectModel)
    source: str = ""

    def __getitem__(self, key: str) -> LeverSpec:
        return self.levers[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.levers)

    def __len__(self) -> int:
        return len(self.levers)

    def __repr__(self) -> str:
        names = ", ".join(self.levers)
        return f"LeverSet({len(self.levers)} levers: {names}; {len(self.bridges)} bridges)"

    def table(self, lang: str = "en") -> Any:
        """One row per lever effect: lever, indicator, effect range, timing, cost, cap, source."""
        import pandas as pd

        rows = []
        for lv in self.levers.values():
            base = {
                "lever": lv.id,
                "name": lv.label(lang),
                "kind": lv.kind,
                "intensity_unit": lv.intensity_unit,
                "cap": lv.cap,
                "cost_per_unit": lv.cost_per_unit,
                "cost_kind": lv.cost_kind,
            }
            if lv.kind == "project_timing" and lv.project_rule is not None:
                rule = lv.project_rule
                rows.append(
                    base
                    | {
                        "indicator": "projects",
                        "effect": f"{rule.months_per_unit:g} month(s) earlier × "
                        f"{rule.realisation.describe()}",
                        "source": rule.realisation.source,
                    }
                )
            for e in lv.effects:
                rows.append(
                    base
                    | {
                        "indicator": e.indicator,
                        "effect": e.per_unit.describe(),
                        "source": e.per_unit.source,
                    }
                )
        return pd.DataFrame(rows)

    # ------------------------------------------------------------------ loading
    @classmethod
    def from_yaml(cls, path: str | Path) -> LeverSet:
        """Read and validate a ``levers.yaml`` (errors name the file and key)."""
        data = read_config(path, "levers")
        return cls.from_dict(data, source=str(path))

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "<memory>") -> LeverSet:
        """Build from parsed YAML (see ``docs/levers.md``)."""
        where = Where(source, "levers", node=data)
        top = mapping(data, where)
        check_keys(top, where, ("version", "bridges", "levers", "projects"), required=("levers",))
        if "version" in top:
            integer(top["version"], where / "version", low=1, high=1)
        levers_raw = mapping(top["levers"], where / "levers", "a mapping lever_id → definition")
        if not levers_raw:
            raise (where / "levers").error("define at least one lever.")
        levers = {k: _lever(k, v, where / "levers" / k) for k, v in levers_raw.items()}
        bridges_raw = mapping(top.get("bridges"), where / "bridges")
        bridges = tuple(_bridge(k, v, where / "bridges" / k) for k, v in bridges_raw.items())
        _check_bridge_order(bridges, where / "bridges")
        model = ProjectModel.from_dict(top.get("projects"), where / "projects")
        return cls(levers, bridges, model, source)


@lru_cache(maxsize=1)
def default_levers() -> LeverSet:
    """The example city's ``levers.yaml`` (its caps suit a city of its size: edit a copy).

    Read once per process (a :class:`LeverSet` is immutable).
    """
    from sprintmodel.datasets import data_path

    return LeverSet.from_yaml(data_path("example_city") / "levers.yaml")


def levers_for_folder(folder: str | Path) -> LeverSet:
    """The folder's ``levers.yaml``, or :func:`default_levers` when it has none."""
    path = Path(folder) / "levers.yaml"
    return LeverSet.from_yaml(path) if path.exists() else default_levers()


def levers_of(dataset: DataSet) -> LeverSet:
    """The data set's levers (its folder's ``levers.yaml``, read when the folder was loaded),
    else :func:`default_levers`."""
    own = getattr(dataset, "levers", None)
    return own if own is not None else default_levers()


def open_data(
    data: DataSet | str | Path | None = None, levers: LeverSet | str | Path | None = None
) -> tuple[DataSet, LeverSet]:
    """The one place that turns the ``data`` and ``levers`` arguments of an entry point into a
    :class:`~sprintmodel.data.DataSet` and a :class:`LeverSet`.

    Parameters
    ----------
    data
        A data set, the path of a data folder (loaded and checked), or None for the bundled
        example city (:func:`~sprintmodel.datasets.as_dataset`).
    levers
        A lever set, the path of a ``levers.yaml``, or None for the data set's own
        (:func:`levers_of`: the folder's ``levers.yaml``, else the example city's).

    Examples
    --------
    >>> dataset, lever_set = open_data()
    >>> dataset.root, "consumption_vouchers" in lever_set
    ('JC', True)
    """
    from sprintmodel.datasets import as_dataset

    dataset = as_dataset(data)
    if levers is None:
        return dataset, levers_of(dataset)
    if isinstance(levers, str | Path):
        return dataset, LeverSet.from_yaml(levers)
    return dataset, levers


# ---------------------------------------------------------------------- parsing helpers
_LEVER_KEYS = (
    "name_zh",
    "name_en",
    "description",
    "kind",
    "intensity_unit",
    "cap",
    "cost",
    "timing",
    "effects",
    "allocate_by",
    "spillovers",
    "response",
    "projects",
    "enterprise",
)


def _sourced_number(
    value: Any, where: Where, *, low: float, high: float | None = None, low_open: bool = False
) -> tuple[float, str]:
    data = mapping(value, where, "{value: <number>, source: '...'}")
    check_keys(data, where, ("value", "source"), required=("value", "source"))
    x = number(data["value"], where / "value", low=low, high=high, low_open=low_open)
    src = text(data["source"], where / "source", allow_empty=False)
    return x, src


def _timing(value: Any, where: Where) -> TimingProfile:
    data = mapping(value, where, "a timing profile {shape: ..., ...}")
    shapes = ("weights", *TIMING_SHAPES)
    shape = choice(
        data.get("shape", "weights" if "weights" in data else "even"),
        where / "shape",
        shapes,
        "shape",
    )
    allowed = (
        ("shape", "weights", "lag_months", "source")
        if shape == "weights"
        else (
            "shape",
            "months",
            "lag_months",
            "source",
        )
    )
    check_keys(data, where, allowed, required=("source",))
    lag = integer(data.get("lag_months", 0), where / "lag_months", low=0, high=24)
    src = text(data["source"], where / "source", allow_empty=False)
    if shape == "weights":
        raw = data.get("weights")
        if not isinstance(raw, list) or not raw:
            raise (where / "weights").error("give a list of monthly shares, e.g. [0.7, 0.3].")
        w = tuple(number(x, where / "weights" / i, low=0.0, high=1.0) for i, x in enumerate(raw))
        if abs(sum(w) - 1.0) > 1e-6:
            raise (where / "weights").error(
                f"the monthly shares sum to {sum(w):.6g}; they must sum to 1."
            )
        return TimingProfile("weights", len(w), lag, w, src)
    months = integer(data.get("months", 1), where / "months", low=1, high=36)
    return TimingProfile(shape, months, lag, (), src)


def _lever(lever_id: str, value: Any, where: Where) -> LeverSpec:
    data = mapping(value, where, "a lever definition")
    check_keys(
        data,
        where,
        _LEVER_KEYS,
        required=("name_zh", "name_en", "intensity_unit", "cap", "cost"),
    )
    kind = choice(data.get("kind", "amount"), where / "kind", ("amount", "project_timing"), "kind")
    cap, cap_src = _sourced_number(data["cap"], where / "cap", low=0.0, low_open=True)
    cost = mapping(data["cost"], where / "cost", "{per_unit: ..., kind: ..., source: ...}")
    check_keys(
        cost, where / "cost", ("per_unit", "kind", "source"), required=("per_unit", "source")
    )
    per_unit = number(cost["per_unit"], where / "cost" / "per_unit", low=0.0)
    cost_kind = choice(cost.get("kind", "budget"), where / "cost" / "kind", COST_KINDS, "cost kind")
    cost_src = text(cost["source"], where / "cost" / "source", allow_empty=False)
    response, scale = _response(data.get("response", "linear"), where / "response")
    common = {
        "id": lever_id,
        "name_zh": text(data["name_zh"], where / "name_zh", allow_empty=False),
        "name_en": text(data["name_en"], where / "name_en", allow_empty=False),
        "intensity_unit": text(data["intensity_unit"], where / "intensity_unit", allow_empty=False),
        "cap": cap,
        "cap_source": cap_src,
        "cost_per_unit": per_unit,
        "cost_kind": cost_kind,
        "cost_source": cost_src,
        "description": text(data.get("description"), where / "description"),
        "response": response,
        "response_scale": scale,
    }
    if kind == "project_timing":
        for key in ("effects", "timing", "allocate_by", "spillovers", "enterprise"):
            if key in data:
                raise (where / key).error(
                    "a project_timing lever acts through project dates; remove this key "
                    "(its effects follow from the project model)."
                )
        if "projects" not in data:
            raise where.error("a project_timing lever needs a 'projects' rule.")
        rule = _project_rule(data["projects"], where / "projects")
        return LeverSpec(kind="project_timing", project_rule=rule, **common)  # type: ignore[arg-type]
    if "projects" in data:
        raise (where / "projects").error("only project_timing levers have a 'projects' rule.")
    effects_raw = data.get("effects")
    if not isinstance(effects_raw, list) or not effects_raw:
        raise (where / "effects").error(
            "give a list of effects, e.g. [{indicator: retail, per_unit: {...}}]."
        )
    effects = []
    for i, e in enumerate(effects_raw):
        w = where / "effects" / i
        ed = mapping(e, w, "{indicator: ..., per_unit: {...}}")
        check_keys(ed, w, ("indicator", "per_unit"), required=("indicator", "per_unit"))
        effects.append(
            Effect(
                text(ed["indicator"], w / "indicator", allow_empty=False),
                Dist.from_yaml(ed["per_unit"], w / "per_unit", low=-1e6, high=1e6),
            )
        )
    if "timing" not in data:
        raise where.error("the key 'timing' is missing (when the effect lands after the start).")
    spill = data.get("spillovers", True)
    if not isinstance(spill, bool):
        raise (where / "spillovers").error("write true or false.")
    allocate_by = data.get("allocate_by")
    return LeverSpec(
        kind="amount",
        effects=tuple(effects),
        timing=_timing(data["timing"], where / "timing"),
        allocate_by=text(allocate_by, where / "allocate_by") or None,
        spillovers=spill,
        enterprise=text(data.get("enterprise"), where / "enterprise") or None,
        **common,  # type: ignore[arg-type]
    )


def _response(value: Any, where: Where) -> tuple[str, float]:
    if isinstance(value, str):
        kind = choice(value, where, RESPONSES, "response")
        if kind == "saturating":
            raise where.error(
                "write the saturating response as {kind: saturating, scale: <intensity>, "
                "source: '...'}."
            )
        return kind, float("inf")
    data = mapping(value, where, "'linear' or {kind: saturating, scale: ..., source: ...}")
    check_keys(data, where, ("kind", "scale", "source"), required=("kind",))
    kind = choice(data["kind"], where / "kind", RESPONSES, "response")
    if kind == "linear":
        return kind, float("inf")
    if "scale" not in data or "source" not in data:
        raise where.error("a saturating response needs 'scale' and 'source'.")
    text(data["source"], where / "source", allow_empty=False)
    return kind, number(data["scale"], where / "scale", low=0.0, low_open=True)


def _project_rule(value: Any, where: Where) -> ProjectRule:
    from sprintmodel.data.model import PROJECT_CATEGORIES, PROJECT_STATUSES

    data = mapping(value, where, "a project rule {statuses: [...], ...}")
    check_keys(
        data,
        where,
        ("statuses", "categories", "months_per_unit", "realisation", "parcels"),
        required=("statuses", "realisation"),
    )
    parcels = data.get("parcels", False)
    if not isinstance(parcels, bool):
        raise (where / "parcels").error(
            "write true (act through parcels.csv where the folder has one) or false."
        )

    def _list(key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        raw = data.get(key, [])
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            raise (where / key).error("give a list.")
        return tuple(choice(x, where / key / i, allowed, key[:-1]) for i, x in enumerate(raw))

    statuses = _list("statuses", PROJECT_STATUSES)
    if not statuses:
        raise (where / "statuses").error("give at least one status.")
    return ProjectRule(
        statuses=statuses,
        categories=_list("categories", PROJECT_CATEGORIES),
        months_per_unit=number(
            data.get("months_per_unit", 1.0),
            where / "months_per_unit",
            low=0.0,
            low_open=True,
            high=12,
        ),
        realisation=Dist.from_yaml(data["realisation"], where / "realisation", low=0.0, high=1.0),
        parcels=parcels,
    )


def _bridge(name: str, value: Any, where: Where) -> Bridge:
    data = mapping(value, where, "{from: ..., to: ..., weight: {...}}")
    check_keys(data, where, ("from", "to", "weight"), required=("from", "to", "weight"))
    src = text(data["from"], where / "from", allow_empty=False)
    dst = text(data["to"], where / "to", allow_empty=False)
    if src == dst:
        raise (where / "to").error("a bridge must lead to another indicator.")
    return Bridge(
        name, src, dst, Dist.from_yaml(data["weight"], where / "weight", low=0.0, high=10.0)
    )


def _check_bridge_order(bridges: tuple[Bridge, ...], where: Where) -> None:
    for i, b in enumerate(bridges):
        for later in bridges[i + 1 :]:
            if later.target_indicator == b.source_indicator:
                raise (where / b.name).error(
                    f"bridge '{later.name}' feeds '{b.source_indicator}' after this bridge "
                    "reads it; list bridges so that each indicator is complete before it "
                    "spills over (and without cycles)."
                )


def check_lever_indicators(levers: LeverSet, indicators: Mapping[str, Any]) -> list[Note]:
    """Notes for lever effects and bridges on indicators the data do not have."""
    notes = []
    for lv in levers.values():
        for e in lv.effects:
            if e.indicator not in indicators:
                notes.append(
                    Note.of("scenario.lever_indicator_missing", lever=lv.id, indicator=e.indicator)
                )
    for b in levers.bridges:
        for code in (b.source_indicator, b.target_indicator):
            if code not in indicators:
                notes.append(
                    Note.of("scenario.bridge_indicator_missing", bridge=b.name, indicator=code)
                )
    return notes


register_config(
    "levers",
    lambda path, projects: LeverSet.from_yaml(path),
    "correct levers.yaml as docs/levers.md describes.",
)

__all__ = [
    "COST_KINDS",
    "Bridge",
    "Effect",
    "InputError",
    "LeverSet",
    "LeverSpec",
    "ProjectRule",
    "TimingProfile",
    "check_lever_indicators",
    "default_levers",
    "levers_for_folder",
    "levers_of",
    "open_data",
]
