"""Pluggable briefing sections computed from the reference scenario's engine and result.

Sections that need more than a scenario's summary -- the recommended package of the
optimisation (:mod:`sprintmodel.optimize`), next year's targets (:mod:`sprintmodel.targets`) --
are registered here as :class:`Extra` objects in :data:`EXTRAS`. Each has two halves:

- ``compute(engine, result)`` runs in the worker that evaluated the reference scenario (where
  the engine and its draws live) and returns something picklable;
- ``section(payload, context)`` turns that into a :class:`~sprintmodel.briefing.document.Section`
  (pure; None to leave the section out).

An extra whose package is not installed or whose API is missing reports ``available() ==
False`` and is skipped; one that fails is shown in the briefing as a section saying why. To add one::

    register(Extra("my_section", available=lambda: True, compute=my_compute, section=my_section))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sprintmodel.briefing.document import Extra, ExtraContext, Section, SectionError
from sprintmodel.briefing.sections import enterprises, livelihood, next_year, package, since_last
from sprintmodel.briefing.sections._common import has_api

if TYPE_CHECKING:
    from sprintmodel.scenario import ScenarioEngine, ScenarioResult


EXTRAS: dict[str, Extra] = {
    e.name: e
    for e in (
        since_last.EXTRA,
        package.EXTRA,
        next_year.EXTRA,
        enterprises.EXTRA,
        livelihood.EXTRA,
    )
}
"""Registered extras by name: the built-in ones (:mod:`~sprintmodel.briefing.sections.package`,
:mod:`~sprintmodel.briefing.sections.next_year`, :mod:`~sprintmodel.briefing.sections.enterprises`,
:mod:`~sprintmodel.briefing.sections.livelihood`) and any added with :func:`register`."""


def register(extra: Extra) -> Extra:
    """Add (or replace) an extra."""
    EXTRAS[extra.name] = extra
    return extra


def available_extras() -> tuple[str, ...]:
    """Names of the extras that can run here, in order."""
    ok = [e for e in EXTRAS.values() if _safe(e.available)]
    return tuple(e.name for e in sorted(ok, key=lambda e: (e.order, e.name)))


def _safe(f: Callable[[], bool]) -> bool:
    try:
        return bool(f())
    except Exception:
        return False


def compute_extras(
    names: Sequence[str], engine: ScenarioEngine, result: ScenarioResult
) -> dict[str, Any]:
    """Run the named extras' ``compute`` (worker side); a failure is kept as ``{"error": msg}``."""
    out: dict[str, Any] = {}
    for name in names:
        extra = EXTRAS.get(name)
        if extra is None:
            continue
        try:
            out[name] = extra.compute(engine, result)
        except Exception as exc:
            out[name] = {"error": f"{type(exc).__name__}: {exc}"}
    return out


def extra_sections(
    payloads: Mapping[str, Any], context: ExtraContext
) -> tuple[list[Section | SectionError], list[str]]:
    """Sections of the computed extras, in order, and notes on those that failed.

    An extra whose computation or section failed is returned as a :class:`SectionError` (the
    briefing shows it, with why, in the section's place), and named in the notes.
    """
    sections: list[Section | SectionError] = []
    notes: list[str] = []
    for name in sorted(payloads, key=lambda n: (EXTRAS[n].order if n in EXTRAS else 99, n)):
        payload = payloads[name]
        extra = EXTRAS.get(name)
        if extra is None:
            continue
        title = extra.titles.get(context.lang, name)
        if isinstance(payload, dict) and set(payload) == {"error"}:
            error = str(payload["error"])
        else:
            try:
                sec = extra.section(payload, context)
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
            else:
                if sec is not None:
                    sections.append(sec)
                continue
        notes.append(f"section {name} could not be computed: {error}")
        sections.append(SectionError(name, title, error))
    return sections, notes


__all__ = [
    "EXTRAS",
    "Extra",
    "ExtraContext",
    "available_extras",
    "compute_extras",
    "extra_sections",
    "has_api",
    "register",
]
