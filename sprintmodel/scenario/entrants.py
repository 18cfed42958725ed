"""Units entering the statistics in a scenario: 升规入统 (industry above designated size) and
限上入库 (wholesale, retail, hotels and catering above the limit).

The candidates are the folder's ``entrants.csv`` (:mod:`sprintmodel.data.readers.entrants`);
a scenario names those it counts (``entrants:`` items, ``docs/scenarios.md``). The baseline
forecast counts none of them. A candidate counted this year (entry month after the data's last
month, by December) changes its indicator's full year by the two rules of
:func:`~sprintmodel.scenario.entry.entry_effect`, for its unit and every rollup ancestor:

- **level**: its whole year, counted from January (自年初累计), ``e = Y_e × k``;
- **base**: its own last-year figure joins the base (同口径), ``b = Y⁻_e × k``;

with ``Y_e, Y⁻_e`` its year to date this year and last year over the register's span and ``k``
its unit's last full year ÷ the unit's last-year figure over that span (``fy_factor``: the rest
of its year at its own year-to-date growth and its unit's seasonal pattern; an assumption).
The entry month within the year does not change the full year (the figure counts from
January either way); it decides only whether the candidate counts this year.

**Why this is not an additive term.** The engine's draws are full-year levels on last year's
base ``B`` (growth ``100 (F/B − 1)``). An entrant moves both the level and the base, so in draw
``d`` the unit's growth is ``100 ((F_d + e_d)/(B + b_d) − 1)``: not ``F_d`` plus something
fixed. The engine keeps its draws on the base ``B`` and stores the *comparable-base
equivalent* ``F'_d = B (1 + g'_d/100) = (F_d + e_d) B/(B + b_d)``, so that every growth, every
P(meet a growth target) and the attribution (component ``entrants``) are exact; the published
level is ``F'_d (B + b_d)/B = F_d + e_d`` (:meth:`ScenarioResult.summary_frame
<sprintmodel.scenario.results.ScenarioResult.summary_frame>` shows it). The optimiser's fast
path (:meth:`ScenarioEngine.evaluate_many`) sums additive lever terms and leaves entrants out.

**Probability.** A candidate with ``probability`` p < 1 enters in each draw with chance p,
independently of the other candidates (an assumption) and of everything else, from its own
named stream of the engine's seed (``stream(seed, "entrant", code)``).

An enterprise crossing the threshold adds no production to the economy (its output was in the
estimate of the units below it), so entrants move only their own indicator, never GDP.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from sprintmodel.notes import Note
from sprintmodel.scenario._config import Where, check_keys, mapping, text
from sprintmodel.scenario.curves import month_number, month_text
from sprintmodel.scenario.entry import entry_effect
from sprintmodel.scenario.plan import IndicatorPlan, landing_index, read_only, rows_dot, stream
from sprintmodel.yamlio import closest

if TYPE_CHECKING:
    import pandas as pd

    from sprintmodel.data import DataSet

ENTRANT_COMPONENT = "entrants"
"""Name of the attribution component for the scenario's entrants."""

_SELECTORS = ("entrant", "unit", "indicator", "all")
_KEYS = (*_SELECTORS, "entry")


@dataclass(frozen=True)
class EntrantItem:
    """One item of a scenario's ``entrants`` list: which candidates, and when they enter.

    Selectors (at least one; several narrow the choice): ``entrant`` (a code of
    ``entrants.csv``), ``unit`` (a unit and every unit below it), ``indicator``, or ``all:
    true`` (the whole register). ``entry`` (``YYYY-MM``) sets the month they enter instead of
    the register's ``entry_month``. Later items override earlier ones.
    """

    entrant: str | None = None
    unit: str | None = None
    indicator: str | None = None
    all: bool = False
    entry: str | None = None

    @property
    def single(self) -> bool:
        """True when the item names one candidate (then a month already past is an error)."""
        return self.entrant is not None

    def to_dict(self) -> dict[str, Any]:
        """Plain data as in YAML (keys that are set only)."""
        return {k: v for k, v in dataclasses.asdict(self).items() if v not in (None, False)}


def parse_entrant_items(
    value: Any, where: Where, month: Callable[[Any, Where], str], *, start_index: int = 0
) -> tuple[EntrantItem, ...]:
    """The ``entrants`` list of a scenario file (``all`` alone means ``[{all: true}]``)."""
    if value is None:
        return ()
    if value == "all":
        return (EntrantItem(all=True),)
    if not isinstance(value, list):
        raise where.error(
            "expected 'all' or a list of items such as '- {entrant: JC-N01, entry: 2026-11}'."
        )
    out = []
    for i, raw in enumerate(value):
        w = where / (i + start_index)
        d = mapping(raw, w, "{entrant|unit|indicator: ..., entry: YYYY-MM} or {all: true}")
        d = {k: v for k, v in d.items() if v is not None}
        check_keys(d, w, _KEYS)
        if not any(k in d for k in _SELECTORS):
            raise w.error(
                "say which candidates: give entrant (a code of entrants.csv), unit, indicator "
                "or all: true."
            )
        kw: dict[str, Any] = {}
        for key in ("entrant", "unit", "indicator"):
            if key in d:
                v = d[key]
                kw[key] = str(v) if isinstance(v, int) else text(v, w / key, allow_empty=False)
        if "all" in d:
            if d["all"] is not True:
                raise (w / "all").error("write 'all: true' to name the whole register.")
            kw["all"] = True
        if "entry" in d:
            kw["entry"] = month(d["entry"], w / "entry")
        out.append(EntrantItem(**kw))
    return tuple(out)


@dataclass(frozen=True, eq=False)
class EntrantRegister:
    """The candidates as arrays (one entry per row of ``entrants.csv``).

    Attributes
    ----------
    codes, units, indicators
        Codes of the candidates, their units and the indicators they enter.
    entry
        Planned month of entry (absolute month number, :func:`~sprintmodel.scenario.curves.month_number`).
    year
        The year of their figures (the register's ``period``).
    fy_value, fy_base
        Full year this year and last year [the indicator's measure, current prices this year;
        last year's prices for the base]: year to date × ``fy_factor``.
    probability
        Chance of entering [0-1].
    """

    codes: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    entry: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    year: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    fy_value: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0))
    fy_base: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0))
    probability: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0))

    @classmethod
    def from_frame(cls, frame: pd.DataFrame | None) -> EntrantRegister:
        """From ``dataset.entrants`` (an empty register without one)."""
        if frame is None or frame.empty:
            return cls()
        k = frame.fy_factor.to_numpy(dtype=float)
        return cls(
            codes=tuple(str(c) for c in frame.entrant),
            units=tuple(str(u) for u in frame.unit),
            indicators=tuple(str(i) for i in frame.indicator),
            entry=np.array([month_number(m) for m in frame.entry_month], dtype=np.int64),
            year=np.array([int(str(p)[:4]) for p in frame.period], dtype=np.int64),
            fy_value=frame.ytd_value.to_numpy(dtype=float) * k,
            fy_base=frame.ytd_value_last_year.to_numpy(dtype=float) * k,
            probability=frame.probability.to_numpy(dtype=float),
        )

    def __len__(self) -> int:
        return len(self.codes)


def _selected(item: EntrantItem, dataset: DataSet, reg: EntrantRegister, where: Where) -> list[int]:
    """Indices of the candidates ``item`` names (errors for unknown codes)."""
    if item.entrant is not None and item.entrant not in reg.codes:
        raise (where / "entrant").error(
            f"candidate '{item.entrant}' is not in the register (entrants.csv)."
            f"{closest(item.entrant, list(reg.codes))}"
        )
    if item.unit is not None and item.unit not in dataset.units:
        raise (where / "unit").error(
            f"unknown unit '{item.unit}'.{closest(item.unit, list(dataset.units))}"
        )
    if item.indicator is not None and item.indicator not in dataset.indicators:
        raise (where / "indicator").error(
            f"unknown indicator '{item.indicator}'."
            f"{closest(item.indicator, list(dataset.indicators))}"
        )
    h = dataset.hierarchy
    out = []
    for j, code in enumerate(reg.codes):
        u = reg.units[j]
        if item.entrant is not None and code != item.entrant:
            continue
        if item.unit is not None and u != item.unit and item.unit not in h.ancestors(u):
            continue
        if item.indicator is not None and reg.indicators[j] != item.indicator:
            continue
        out.append(j)
    return out


def resolve_entrants(
    items: tuple[EntrantItem, ...],
    dataset: DataSet,
    reg: EntrantRegister,
    origin: tuple[int, int],
    where: Where,
    notes: list[Note],
) -> np.ndarray:
    """Entry month of each candidate the scenario counts this year, else -1 (int array).

    ``origin`` is ``(t0, w0)``: the run's last data month and the one the scenario was written
    at. A month in ``(w0, t0]`` has passed since it was written: the candidate is taken as
    entered, so its figures are in the data and nothing is added (a note). A month not after
    ``t0`` otherwise is an error for an item naming one candidate and a note for the others;
    a month after December counts next year (a note).
    """
    t0, w0 = origin
    last = (t0 // 12) * 12 + 11
    n = len(reg)
    if n == 0:
        raise where.error(
            "the data folder has no entrants.csv, so no candidate can enter; add the register "
            "(docs/enterprises.md) or remove 'entrants'."
        )
    month = np.full(n, -1, dtype=np.int64)
    item_of = np.full(n, -1, dtype=np.int64)
    for i, item in enumerate(items):
        w = where / i
        for j in _selected(item, dataset, reg, w):
            month[j] = month_number(item.entry) if item.entry else reg.entry[j]
            item_of[j] = i
    out = np.full(n, -1, dtype=np.int64)
    for jj in np.flatnonzero(item_of >= 0):
        j = int(jj)
        item, w = items[int(item_of[j])], where / int(item_of[j])
        m, code = int(month[j]), reg.codes[j]
        if int(reg.year[j]) != t0 // 12:
            raise (w / ("entrant" if item.single else "all")).error(
                f"candidate {code}'s figures are for {int(reg.year[j])}, the scenario's year is "
                f"{t0 // 12}; give this year's figures in entrants.csv."
            )
        if m <= t0:
            if item.single and m <= w0:
                raise (w / "entry").error(
                    f"{month_text(m)} is not after the data's last month {month_text(t0)}: a "
                    f"unit that entered by then is in the data already; candidate {code} can "
                    f"enter from {month_text(t0 + 1)}."
                )
            notes.append(
                Note.of(
                    "scenario.entrant_in_data",
                    entrant=code,
                    entry_month=month_text(m),
                    data_month=month_text(t0),
                )
            )
        elif m > last:
            notes.append(
                Note.of("scenario.entrant_next_year", entrant=code, entry_month=month_text(m))
            )
        else:
            out[j] = m
    return out


class EntrantEffects:
    """What the candidates do to each indicator's draws (built once per engine).

    Parameters
    ----------
    dataset, plans, hierarchy
        The engine's data set, indicator plans and hierarchy order.
    seed, n_draws
        The engine's seed and draws (each candidate's entry draws come from
        ``stream(seed, "entrant", code)``).
    year
        The year simulated (its targets apply).
    notes
        The engine's notes (a candidate whose indicator the engine does not simulate).
    """

    def __init__(
        self,
        dataset: DataSet,
        plans: dict[str, IndicatorPlan],
        hierarchy: list[str],
        seed: int,
        n_draws: int,
        year: int,
        notes: list[Note],
    ) -> None:
        reg = EntrantRegister.from_frame(dataset.entrants)
        self.register = reg
        self.plans = plans
        self.dataset = dataset
        self.year = year
        n = len(reg)
        self.enters = np.ones((n_draws, n))
        for j, code in enumerate(reg.codes):
            if reg.probability[j] < 1.0:
                u = stream(seed, "entrant", code).random(n_draws)
                self.enters[:, j] = (u < reg.probability[j]).astype(float)
        read_only(self.enters)
        hpos = {u: i for i, u in enumerate(hierarchy)}
        self.level_rows: dict[str, np.ndarray] = {}
        self.base_rows: dict[str, np.ndarray] = {}
        self.reach: dict[str, np.ndarray] = {}
        self.landing = np.full(n, -1, dtype=np.int64)
        for j, code in enumerate(reg.codes):
            ind = reg.indicators[j]
            plan = plans.get(ind)
            if plan is None:
                notes.append(Note.of("scenario.entrant_not_simulated", entrant=code, indicator=ind))
                continue
            i = landing_index(dataset, plan.draws, reg.units[j])
            if i < 0:
                notes.append(Note.of("scenario.entrant_not_simulated", entrant=code, indicator=ind))
                continue
            self.landing[j] = i
            n_units = len(plan.units)
            lv = self.level_rows.setdefault(ind, np.zeros((n, n_units)))
            bv = self.base_rows.setdefault(ind, np.zeros((n, n_units)))
            reach = self.reach.setdefault(ind, np.zeros((n, n_units), dtype=bool))
            carry = plan.carry_projects[hpos[reg.units[j]]]  # ancestors ÷ the landing price
            lv[j] = reg.fy_value[j] * carry
            reach[j] = carry != 0
            bv[j] = reg.fy_base[j] * reach[j]
        self._cache: OrderedDict[tuple[Any, ...], tuple[Any, ...]] = OrderedDict()
        self._notes: dict[tuple[int, int], list[Note]] = {}

    def indicators(self, entry: np.ndarray) -> set[str]:
        """Indicators the counted candidates (``entry >= 0``) move."""
        return {
            self.register.indicators[j] for j in np.flatnonzero(entry >= 0) if self.landing[j] >= 0
        }

    def apply(
        self, code: str, fy: np.ndarray, entry: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, Any]] | None:
        """The draws of ``code`` with the counted candidates, on the base ``B``.

        Returns ``(fy', b, change, memo)``: the comparable-base equivalent draws
        ``(F + e) B/(B + b)`` (draws × units, read-only), the candidates' base that joined each
        unit's (draws × units), the mean change of the draws (units,) and a fresh memo for
        their statistics; None where no counted candidate enters ``code``. Cached by the
        input draws and the candidates counted.
        """
        js = [
            int(j)
            for j in np.flatnonzero(entry >= 0)
            if self.register.indicators[j] == code and self.landing[j] >= 0
        ]
        if not js:
            return None
        key = (code, id(fy), tuple(js))
        hit = self._cache.get(key)
        if hit is not None and hit[0] is fy:
            self._cache.move_to_end(key)
            return hit[1]
        base = self.plans[code].draws.base_full
        cols = np.flatnonzero(np.any(self.reach[code][js], axis=0))
        level = self.level_rows[code][js][:, cols]
        own = self.base_rows[code][js][:, cols]
        sure = self.register.probability[js] >= 1.0
        if sure.all():  # the same in every draw
            e, bc = level.sum(axis=0)[None, :], own.sum(axis=0)[None, :]
        else:
            enters = self.enters[:, js]
            e, bc = rows_dot(enters, level), rows_dot(enters, own)
        b = np.zeros(fy.shape)
        b[:, cols] = bc
        new = np.array(fy, dtype=np.float64, copy=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            g = entry_effect(fy[:, cols], base[cols], e, bc).growth
        new[:, cols] = base[cols] * (1.0 + g / 100.0)
        change = np.zeros(fy.shape[1])
        change[cols] = new[:, cols].mean(axis=0) - fy[:, cols].mean(axis=0)
        memo: dict[str, Any] = {}
        out = (read_only(new), read_only(b), read_only(change), memo)
        self._cache[key] = (fy, out)
        while len(self._cache) > 4 * max(len(self.plans), 1):  # as the engine's sums
            self._cache.popitem(last=False)
        return out

    def notes(self, entry: np.ndarray) -> list[Note]:
        """One note per counted candidate: what it adds to its unit's full year.

        ``value`` and ``base`` its full year this year and last year [measure, current
        prices], ``own_growth`` its growth and ``unit_growth`` its unit's point forecast [%]
        (real for real indicators: the value at the unit's price ratio), ``change_pp`` the
        change of the unit's growth if it enters [pp] (:func:`entry_effect` at the point
        forecast); a candidate with a probability below 1 gets a second note saying it
        (``probability``), and a unit whose target is a level only a note that its probability
        is judged on the comparable base.
        """
        out: list[Note] = []
        for j in np.flatnonzero(entry >= 0):
            key = (int(j), int(entry[j]))
            if key not in self._notes:  # fixed by the data and the month: made once
                self._notes[key] = self._candidate_notes(*key)
            out += self._notes[key]
        return list(dict.fromkeys(out))

    def _candidate_notes(self, j: int, month: int) -> list[Note]:
        """The notes of candidate ``j`` entering in ``month`` (see :meth:`notes`)."""
        reg = self.register
        out: list[Note] = []
        i = int(self.landing[j])
        if i < 0:
            return out
        plan = self.plans[reg.indicators[j]]
        d = plan.draws
        vol = reg.fy_value[j] / plan.price[i]
        r = entry_effect(d.point_level[i], d.base_full[i], vol, reg.fy_base[j])
        params: dict[str, Any] = {
            "entrant": reg.codes[j],
            "unit": d.units[i],
            "indicator": reg.indicators[j],
            "entry_month": month_text(month),
            "measure": d.indicator.measure,
            "value": round(float(reg.fy_value[j]), 2),
            "base": round(float(reg.fy_base[j]), 2),
            "unit_growth": round(float(100.0 * (d.point_level[i] / d.base_full[i] - 1)), 1),
            "change_pp": round(float(r.change_pp), 2),
        }
        if reg.fy_base[j] > 0:  # its own growth against the unit's
            own = round(float(100.0 * (vol / reg.fy_base[j] - 1.0)), 1)
            out.append(Note.of("scenario.entrant_enters", own_growth=own, **params))
        else:  # new this year: all of it is growth
            out.append(Note.of("scenario.entrant_enters_new", **params))
        if reg.probability[j] < 1.0:
            out.append(
                Note.of(
                    "scenario.entrant_uncertain",
                    entrant=reg.codes[j],
                    probability=round(float(reg.probability[j]), 2),
                )
            )
        for k in np.flatnonzero(self.reach[reg.indicators[j]][j]):
            growth, value = self.dataset.target(d.units[k], reg.indicators[j], self.year)
            if not np.isfinite(growth) and np.isfinite(value):
                out.append(
                    Note.of(
                        "scenario.entrant_level_target",
                        unit=d.units[k],
                        indicator=reg.indicators[j],
                        entrant=reg.codes[j],
                    )
                )
        return out


__all__ = [
    "ENTRANT_COMPONENT",
    "EntrantEffects",
    "EntrantItem",
    "EntrantRegister",
    "parse_entrant_items",
    "resolve_entrants",
]
