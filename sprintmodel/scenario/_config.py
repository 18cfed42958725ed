"""Checking small YAML configuration files (levers, scenarios) with errors that name file and key.

Files are read with the shared reader :mod:`sprintmodel.yamlio` (safe loading, duplicate keys,
encodings, sizes, syntax errors with their line); this module checks their *form*. Every problem
is raised as :class:`sprintmodel.errors.InputError` whose message starts with the kind of file,
the file, the line where known and the dotted key
(``scenario file s.yaml, line 5, key levers.consumption_vouchers.intensity``) and ends with the
fix, suggesting the closest valid name (:func:`sprintmodel.yamlio.closest`) for misspelt keys.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sprintmodel import yamlio
from sprintmodel.errors import InputError
from sprintmodel.yamlio import closest


class Where:
    """A position in a configuration file: the file, a dotted key and, when known, its line.

    A ``Where`` built with the parsed data (``node``, as :func:`read_config` returns it) follows
    the data as keys are added with ``/``, so that each position knows its line in the file
    (:func:`sprintmodel.yamlio.line_of`); one built without data names the file and key only.

    Examples
    --------
    >>> w = Where("full_sprint.yaml", "scenario")
    >>> str(w / "levers" / "consumption_vouchers")
    'scenario file full_sprint.yaml, key levers.consumption_vouchers'
    >>> data = yamlio.parse_yaml("name: t\\nlevers:\\n  special_bonds: {intensity: 1}\\n")
    >>> str(Where("s.yaml", "scenario", node=data) / "levers" / "special_bonds" / "intensity")
    'scenario file s.yaml, line 3, key levers.special_bonds.intensity'
    """

    def __init__(
        self,
        source: str | Path | None,
        kind: str,
        key: str = "",
        *,
        node: Any = None,
        line: int | None = None,
    ) -> None:
        self.source = str(source) if source is not None else "<memory>"
        self.kind = kind
        self.key = key
        self.node = node
        self.line = line if line is not None else getattr(node, "line", None)

    def __truediv__(self, part: str | int) -> Where:
        node, line = None, None
        if isinstance(part, int):
            key = f"{self.key}[{part}]"
            if isinstance(self.node, list) and 0 <= part < len(self.node):
                node = self.node[part]
        else:
            key = f"{self.key}.{part}" if self.key else str(part)
            if isinstance(self.node, Mapping):
                hit = _key_in(self.node, part)
                if hit is not None:
                    node = self.node[hit]
                    line = yamlio.line_of(self.node, hit)
        if line is None:
            line = getattr(node, "line", None) or self.line
        return Where(self.source, self.kind, key, node=node, line=line)

    def __str__(self) -> str:
        head = f"{self.kind} file {self.source}"
        if self.line is not None:
            head += f", line {self.line}"
        return f"{head}, key {self.key}" if self.key else head

    def error(self, message: str) -> InputError:
        """An :class:`InputError` ``"<kind> file <file>[, line <n>], key <key>: <message>"``."""
        return InputError(f"{self}: {message}")


def _key_in(node: Mapping[Any, Any], part: str) -> Any:
    """The key of ``node`` that :func:`mapping` turns into ``part`` (YAML may read ``12`` as int)."""
    if part in node:
        return part
    for k in node:
        if isinstance(k, int) and not isinstance(k, bool) and str(k) == part:
            return k
    return None


def read_config(path: str | Path, kind: str) -> dict[str, Any]:
    """Read a YAML configuration file with :func:`sprintmodel.yamlio.load_yaml`.

    Every mapping of the result remembers its lines (build the top :class:`Where` with
    ``node=data``). A missing file, a file that is not UTF-8, too large, empty, not valid YAML
    (with its line), repeating a key or not a mapping is an :class:`InputError` starting with
    ``"<kind> file "``.
    """
    try:
        return yamlio.load_yaml(path)
    except InputError as exc:
        raise InputError(f"{kind} file {exc}") from None


def parse_config(text_: str, source: str, kind: str) -> dict[str, Any]:
    """:func:`read_config` for YAML text already in memory (``source`` names it in messages)."""
    try:
        return yamlio.parse_yaml(text_, file=source)
    except InputError as exc:
        raise InputError(f"{kind} file {exc}") from None


def mapping(value: Any, where: Where, what: str = "a mapping of keys to values") -> dict[str, Any]:
    """``value`` as a dict with string keys, or an error."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise where.error(f"expected {what}, got {_show(value)}.")
    out: dict[str, Any] = {}
    for k, v in value.items():
        if isinstance(k, bool) or k is None:
            at = yamlio.line_of(value, k) or where.line
            raise Where(where.source, where.kind, where.key, line=at).error(
                f"the key {k!r} is not text (YAML reads yes/no/on/off/true/false/null as "
                "booleans or nothing). Quote it if it is meant as a name."
            )
        if not isinstance(k, str | int):
            raise where.error(f"key {k!r} is not a name.")
        out[str(k)] = v
    return out


def check_keys(
    data: Mapping[str, Any],
    where: Where,
    allowed: Iterable[str],
    required: Iterable[str] = (),
) -> None:
    """Reject unknown keys (suggesting the closest allowed one) and missing required keys."""
    allowed = list(allowed)
    for key in data:
        if key not in allowed:
            raise (where / key).error(
                f"unknown key '{key}'.{closest(key, allowed)} Allowed keys: {', '.join(allowed)}."
            )
    for key in required:
        if key not in data:
            raise where.error(f"the key '{key}' is missing.")


def number(
    value: Any,
    where: Where,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    what: str = "a number",
) -> float:
    """A finite float within ``[low, high]`` (``(low, high]`` with ``low_open``), or an error."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        hint = ""
        if isinstance(value, str) and value.strip().endswith("%"):
            hint = f" Write {value.strip()[:-1].strip()} without the percent sign."
        raise where.error(f"expected {what}, got {_show(value)}.{hint}")
    x = float(value)
    if not math.isfinite(x):
        raise where.error(f"expected a finite number, got {value}.")
    if low is not None and (x < low or (low_open and x == low)):
        bound = f"greater than {low:g}" if low_open else f"at least {low:g}"
        raise where.error(f"{x:g} is out of range: it must be {bound}.")
    if high is not None and x > high:
        raise where.error(f"{x:g} is out of range: it must be at most {high:g}.")
    return x


def integer(value: Any, where: Where, *, low: int | None = None, high: int | None = None) -> int:
    """An int within ``[low, high]`` (a float with an integral value is accepted)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise where.error(f"expected a whole number, got {_show(value)}.")
    if isinstance(value, float) and not value.is_integer():
        raise where.error(f"expected a whole number (months are whole), got {value:g}.")
    x = int(value)
    if low is not None and x < low:
        raise where.error(f"{x} is out of range: it must be at least {low}.")
    if high is not None and x > high:
        raise where.error(f"{x} is out of range: it must be at most {high}.")
    return x


def text(value: Any, where: Where, *, allow_empty: bool = True) -> str:
    """A string (numbers are not accepted as text)."""
    if value is None and allow_empty:
        return ""
    if not isinstance(value, str):
        raise where.error(f"expected text, got {_show(value)}.")
    if not allow_empty and not value.strip():
        raise where.error("must not be empty.")
    return value.strip()


def choice(value: Any, where: Where, choices: Iterable[str], what: str = "value") -> str:
    """One of ``choices`` (the closest is suggested otherwise)."""
    options = list(choices)
    if not isinstance(value, str) or value not in options:
        raise where.error(
            f"unknown {what} {_show(value)}.{closest(str(value), options)} "
            f"Use one of: {', '.join(options)}."
        )
    return value


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, _dt.date):  # YAML reads 2026-11-15 as a date
        return (
            f"the date {value.isoformat()} (periods are months or quarters: write "
            f"{value.year}-{value.month:02d} for the month)"
        )
    return repr(value)
