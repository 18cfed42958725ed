"""The options of a draft and their odds, by unit × indicator, and the city target chosen.

For each unit × indicator with next-year draws: the statistical options
(:func:`~sprintmodel.targets.options.statistical_options`, one per design probability of
``TargetConfig.options``, with their tier 保底/力争/奋斗; for a completion-type indicator such
as 城镇新增就业 an amount in its measure, :func:`~sprintmodel.targets.options.amount_options`), the province's target (city only) and
this year's target kept, each with its probability of being met
(:func:`~sprintmodel.targets.options.probability_of_meeting`), target level and the growth of
next year's first quarter on the target's milestone path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sprintmodel.errors import InputError
from sprintmodel.notes import Note
from sprintmodel.targets.base import DraftBase
from sprintmodel.targets.options import (
    amount_options,
    probability_of_meeting,
    statistical_options,
)
from sprintmodel.targets.result import OPTION_COLUMNS
from sprintmodel.words.options import OPTION_NAMES


def _extra_options(
    base: DraftBase, code: str, unit: str, col: np.ndarray, province: Mapping[str, float]
) -> list[dict[str, Any]]:
    """The province's option (city only) and this year's target kept, when known."""
    dataset = base.dataset
    ceiling = base.next_year[code].indicator.ceiling
    f = base.value(code, unit)
    extra: list[dict[str, Any]] = []
    if unit == dataset.root and code in province:
        g = float(province[code])
        extra.append(
            {
                "option": "province",
                "p_design": np.nan,
                "quantile_growth": np.nan,
                "target_growth": g,
                "probability": float(probability_of_meeting(col, g, ceiling=ceiling)),
            }
        )
    tg, tv = dataset.target(unit, code, base.as_of.year)
    if np.isfinite(tg) or (np.isfinite(tv) and np.isfinite(f) and f > 0):
        g = float(tg) if np.isfinite(tg) else 100.0 * (tv / f - 1.0)
        extra.append(
            {
                "option": "this_year",
                "p_design": np.nan,
                "quantile_growth": np.nan,
                "target_growth": g,
                "probability": float(probability_of_meeting(col, g, ceiling=ceiling)),
                "note": (Note.of("targets.option_this_year_growth"),)
                if np.isfinite(tg)
                else (Note.of("targets.option_this_year_level", value=float(tv)),),
                "level_target": tv if not np.isfinite(tg) else np.nan,
            }
        )
    return extra


FLOOR_NOTE = "targets.option_floor"
"""The code of the note of an option raised to 0.0% (:func:`floor_at_zero`)."""


def floor_at_zero(options: Sequence[Mapping[str, Any]], draws: np.ndarray) -> list[dict[str, Any]]:
    """Statistical options with a negative target raised to 0.0%, with a note saying so
    (``note``: a tuple of one :class:`~sprintmodel.notes.Note`, code :data:`FLOOR_NOTE`).

    A planner does not offer a fall as a target: an option whose rounded quantile is below zero
    is offered at 0.0% instead, its probability recomputed for 0.0% (so what is printed is exact
    for what is proposed), its exact quantile kept in ``quantile_growth`` and the note giving the
    statistical value and its probability. For targets that are met at or above them (not for
    ceilings, where a fall is the aim).

    Parameters
    ----------
    options
        :func:`~sprintmodel.targets.options.statistical_options` of ``draws``.
    draws
        Draws of next year's growth [%] (n,).

    Examples
    --------
    Ten draws from -3% to 6%: the 80% option is -1.0% (the 0.2 quantile, -1.2%, rounded); it is
    offered at 0.0%, met by 7 draws of 10.

    >>> from sprintmodel.targets.options import statistical_options
    >>> d = np.arange(-3.0, 7.0)
    >>> o = floor_at_zero(statistical_options(d, {"cautious": 0.8}), d)[0]
    >>> o["target_growth"], o["probability"], o["note"][0].args
    (0.0, 0.7, {'growth': -1.0, 'p_statistical': 0.8, 'probability': 0.7})
    """
    out: list[dict[str, Any]] = []
    for option in options:
        o = dict(option)
        g = float(o["target_growth"])
        if np.isfinite(g) and g < 0:
            p0 = float(probability_of_meeting(draws, 0.0))
            o["note"] = (
                Note.of(
                    "targets.option_floor",
                    growth=g,
                    p_statistical=float(o["probability"]),
                    probability=p0,
                ),
            )
            o["target_growth"], o["probability"] = 0.0, p0
        out.append(o)
    return out


def option_table(
    base: DraftBase, codes: Sequence[str], province: Mapping[str, float]
) -> pd.DataFrame:
    """Every option of every unit × indicator: one row each (``unit`` + :data:`OPTION_COLUMNS`).

    Parameters
    ----------
    base
        This year's base (:class:`~sprintmodel.targets.base.DraftBase`).
    codes
        Indicator codes.
    province
        The province's target growth by indicator [%] (the city's ``province`` option).

    Returns
    -------
    pandas.DataFrame
        In the order of ``codes``, then units, then options (statistical first).
    """
    cfg = base.config
    tier_of = {opt: tier for tier, opt in cfg.tiers.items()}
    rows: list[dict[str, Any]] = []
    for code in codes:
        ny = base.next_year[code]
        for i, unit in enumerate(ny.units):
            col = ny.growth[:, i]
            if not np.isfinite(col).any():
                continue
            f = base.value(code, unit)
            opts: list[dict[str, Any]]
            if ny.indicator.completion and np.isfinite(f) and f > 0:
                # a task to complete (城镇新增就业): options are amounts in its measure
                opts = amount_options(col, f, cfg.options)
            else:
                opts = statistical_options(
                    col, cfg.options, cfg.step_pp, ceiling=ny.indicator.ceiling
                )
                if not ny.indicator.ceiling:
                    opts = floor_at_zero(opts, col)
            for o in [*opts, *_extra_options(base, code, unit, col, province)]:
                g = float(o["target_growth"])
                value = f * (1.0 + g / 100.0) if np.isfinite(f) else np.nan
                for key in ("target_value", "level_target"):
                    if np.isfinite(o.get(key, np.nan)):
                        value = float(o[key])
                rows.append(
                    {
                        "unit": unit,
                        "indicator": code,
                        "option": o["option"],
                        "target_growth": g,
                        "target_value": value,
                        "probability": o["probability"],
                        "tier": tier_of.get(str(o["option"]), ""),
                        "p_design": o["p_design"],
                        "quantile_growth": o["quantile_growth"],
                        "q1_growth": base.q1_growth(code, unit, g),
                        "this_year_value": f,
                        "this_year_growth": float(ny.this_headline[i]),
                        "measure_unit": ny.indicator.measure,
                        "note": tuple(o.get("note", ())),
                    }
                )
    return pd.DataFrame(rows, columns=["unit", *OPTION_COLUMNS])


def floor_notes(unit_options: pd.DataFrame, unit: str) -> list[Note]:
    """One note per option of ``unit`` raised to 0.0% (:func:`floor_at_zero`): the design
    quantile [%] and probability of the statistical option, and the probability at 0.0%."""
    floored = [any(n.code == FLOOR_NOTE for n in notes) for notes in unit_options.note]
    rows = unit_options[(unit_options.unit == unit) & np.array(floored, dtype=bool)]
    return [
        Note.of(
            "targets.floor",
            indicator=str(r.indicator),
            option=str(r.option),
            growth=float(r.quantile_growth),
            design=float(r.p_design),
            probability=float(r.probability),
        )
        for r in rows.itertuples()
    ]


def option_growth(unit_options: pd.DataFrame, code: str, unit: str, name: str) -> float:
    """The target growth [%] of option ``name`` of ``unit`` × ``code`` (NaN when absent)."""
    hit = unit_options[
        (unit_options.unit == unit)
        & (unit_options.indicator == code)
        & (unit_options.option == name)
    ]
    return float(hit.target_growth.iloc[0]) if len(hit) else float("nan")


def choose_city_targets(
    unit_options: pd.DataFrame,
    base: DraftBase,
    codes: Sequence[str],
    option: str,
    city_targets: Mapping[str, float] | None,
) -> tuple[dict[str, float], list[Note]]:
    """The city's target growth [%] by indicator: ``city_targets`` where given, else ``option``.

    An option missing for an indicator falls back to the baseline, with a note.

    Returns
    -------
    (chosen, notes)

    Raises
    ------
    InputError
        An unknown option, or a city target for an unknown indicator.
    """
    known = set(unit_options.option)
    if option not in known and option not in OPTION_NAMES and option not in base.config.options:
        raise InputError(f"unknown option {option!r}; choose one of {', '.join(sorted(known))}")
    root = base.dataset.root
    chosen: dict[str, float] = {}
    notes: list[Note] = []
    for code in codes:
        if city_targets and code in city_targets:
            chosen[code] = float(city_targets[code])
            continue
        g = option_growth(unit_options, code, root, option)
        if not np.isfinite(g):
            g = option_growth(unit_options, code, root, "baseline")
            if np.isfinite(g) and option != "baseline":
                notes.append(Note.of("targets.option_unavailable", indicator=code, option=option))
        if np.isfinite(g):
            chosen[code] = g
    for c in city_targets or {}:
        if c not in base.dataset.indicators:
            raise InputError(f"city target for unknown indicator {c!r}")
    return chosen, notes


def city_row_notes(
    chosen: Mapping[str, float], option: str, city_targets: Mapping[str, float] | None
) -> dict[str, Note]:
    """The note of the city's allocation row by indicator: the target given
    (``city_targets``), or the option chosen."""
    given = city_targets or {}
    return {
        c: Note.of("targets.allocation_given")
        if c in given
        else Note.of("targets.allocation_option", option=option)
        for c in chosen
    }


__all__ = [
    "FLOOR_NOTE",
    "choose_city_targets",
    "city_row_notes",
    "floor_at_zero",
    "floor_notes",
    "option_growth",
    "option_table",
]
