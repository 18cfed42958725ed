"""A note as data: a code naming what it says and the names and figures it carries.

Computation says what a planner may want to know (options dropped, a time limit hit, a target
out of reach) or names an assumption (a tornado row) without writing a sentence: it returns a
:class:`Note`, and the shells render it in Chinese or English through the one word list
(:func:`sprintmodel.words.notes.note_text`). The core thus carries no language, and the
printout, ``report.json`` and the briefing say the same thing in the same words.

Plain data, no dependency inside sprintmodel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def _frozen(value: Any) -> Any:
    """A parameter value made hashable: lists and tuples become tuples (recursively)."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


def _plain(value: Any) -> Any:
    """A parameter value as JSON-ready data: a note becomes a mapping, a tuple a list."""
    if isinstance(value, Note):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class Note:
    """What a result says, as a code and its parameters (no words of any language).

    Attributes
    ----------
    code
        Names the sentence (``optimize.levers_idle``, ``tornado.lever``...); the word list has
        one Chinese and one English frame per code.
    params
        ``(name, value)`` pairs: codes (lever ids, indicators, project codes, months as
        ``YYYY-MM``), numbers in the units the code documents, tuples of codes, or another
        :class:`Note` (a reason inside a note).

    Examples
    --------
    >>> n = Note.of("optimize.levers_idle", levers=["export_support", "special_bonds"])
    >>> n["levers"], n.code
    (('export_support', 'special_bonds'), 'optimize.levers_idle')
    >>> n.to_dict()
    {'code': 'optimize.levers_idle', 'params': {'levers': ['export_support', 'special_bonds']}}
    """

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, code: str, **params: Any) -> Note:
        """The note ``code`` with keyword parameters (lists kept as tuples)."""
        return cls(code, tuple((k, _frozen(v)) for k, v in params.items()))

    @property
    def args(self) -> dict[str, Any]:
        """The parameters as a dict."""
        return dict(self.params)

    def __getitem__(self, key: str) -> Any:
        return self.args[key]

    def get(self, key: str, default: Any = None) -> Any:
        """A parameter, or ``default`` when the note has none of that name."""
        return self.args.get(key, default)

    def to_dict(self) -> dict[str, Any]:
        """``{"code": ..., "params": {...}}`` as JSON-ready data (nested notes as mappings)."""
        return {"code": self.code, "params": {k: _plain(v) for k, v in self.params}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Note:
        """The note :meth:`to_dict` wrote (a mapping with ``code`` is read back as a note)."""

        def back(v: Any) -> Any:
            if isinstance(v, Mapping) and "code" in v:
                return cls.from_dict(v)
            if isinstance(v, list):
                return tuple(back(x) for x in v)
            return v

        params = data.get("params", {}) or {}
        return cls(str(data["code"]), tuple((str(k), back(v)) for k, v in params.items()))


__all__ = ["Note"]
