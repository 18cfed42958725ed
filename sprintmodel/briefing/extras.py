"""Pluggable briefing sections computed from the reference scenario's engine and result.

Sections that need more than a scenario's summary -- the recommended package of the
optimisation (:mod:`sprintmodel.optimize`), next year's targets (:mod:`sprintmodel.targets`) --
are registered here as :class:`Extra` objects in :data:`EXTRAS`. Each has two halves:

- ``compute(engine, result)`` runs in the worker that evaluated the reference scenario (where
  the engine and its draws live) and returns something picklable;
- ``section(payload, context)`` turns that into a :class:`~sprintmodel.briefing.model.Section`
  (pure; None to leave the section out).

An extra whose package is not installed or whose API is missing reports ``available() ==
False`` and is skipped; one that fails is left out with a note. To add one::

    register(Extra("my_section", available=lambda: True, compute=my_compute, section=my_section))
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sprintmodel.briefing.model import Section
from sprintmodel.data import DataSet

if TYPE_CHECKING:
    from sprintmodel.scenario import ScenarioEngine, ScenarioResult


@dataclass(frozen=True)
class ExtraContext:
    """What a section builder knows besides its payload."""

    dataset: DataSet
    lang: str
    as_of: str
    reference: str


@dataclass(frozen=True)
class Extra:
    """A pluggable section (see the module docstring).

    Attributes
    ----------
    name
        Registry key.
    available
        True when the package and API it needs are importable.
    compute
        ``(engine, result) -> payload`` in the worker (picklable payload).
    section
        ``(payload, context) -> Section | None``.
    order
        Position among the extras (smaller first).
    """

    name: str
    available: Callable[[], bool]
    compute: Callable[[ScenarioEngine, ScenarioResult], Any]
    section: Callable[[Any, ExtraContext], Section | None]
    order: int = 50


EXTRAS: dict[str, Extra] = {}
"""Registered extras by name."""


def register(extra: Extra) -> Extra:
    """Add (or replace) an extra."""
    EXTRAS[extra.name] = extra
    return extra


def has_api(module: str, *names: str) -> bool:
    """True when ``module`` imports and has every attribute in ``names``."""
    try:
        mod = importlib.import_module(module)
    except Exception:
        return False
    return all(hasattr(mod, n) for n in names)


def available_extras() -> tuple[str, ...]:
    """Names of the extras that can run here, in order."""
    _load_builtin()
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
    _load_builtin()
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
) -> tuple[list[Section], list[str]]:
    """Sections of the computed extras, in order, and notes on those left out."""
    _load_builtin()
    sections: list[Section] = []
    notes: list[str] = []
    for name in sorted(payloads, key=lambda n: (EXTRAS[n].order if n in EXTRAS else 99, n)):
        payload = payloads[name]
        if isinstance(payload, dict) and set(payload) == {"error"}:
            notes.append(f"section {name} was left out: {payload['error']}")
            continue
        extra = EXTRAS.get(name)
        if extra is None:
            continue
        try:
            sec = extra.section(payload, context)
        except Exception as exc:
            notes.append(f"section {name} was left out: {type(exc).__name__}: {exc}")
            continue
        if sec is not None:
            sections.append(sec)
    return sections, notes


_loaded = False


def _load_builtin() -> None:
    """Register the built-in extras (once)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    from sprintmodel.briefing import _builtin_extras  # noqa: F401  (registers on import)


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
