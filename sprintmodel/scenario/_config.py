"""Reading small YAML configuration files (levers, scenarios) with errors that name file and key.

Every problem is raised as :class:`sprintmodel.errors.InputError` whose message starts with the
file and the dotted key (``levers.consumption_vouchers.intensity``) and ends with the fix,
suggesting the closest valid name for misspelt keys. YAML is read with ``yaml.safe_load`` only.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from sprintmodel.errors import InputError


def closest(word: str, choices: Iterable[str]) -> str:
    """`` Did you mean 'x'?`` for the closest of ``choices`` to ``word``, or ``""``."""
    hit = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.5)
    return f" Did you mean '{hit[0]}'?" if hit else ""


class Where:
    """A position in a configuration file: the file and a dotted key, for error messages.

    Examples
    --------
    >>> w = Where("full_sprint.yaml", "scenario")
    >>> str(w / "levers" / "consumption_vouchers")
    'scenario file full_sprint.yaml, key levers.consumption_vouchers'
    """

    def __init__(self, source: str | Path | None, kind: str, key: str = "") -> None:
        self.source = str(source) if source is not None else "<memory>"
        self.kind = kind
        self.key = key

    def __truediv__(self, part: str | int) -> Where:
        if isinstance(part, int):
            key = f"{self.key}[{part}]"
        else:
            key = f"{self.key}.{part}" if self.key else str(part)
        return Where(self.source, self.kind, key)

    def __str__(self) -> str:
        head = f"{self.kind} file {self.source}"
        return f"{head}, key {self.key}" if self.key else head

    def error(self, message: str) -> InputError:
        """An :class:`InputError` ``"<file>, key <key>: <message>"``."""
        return InputError(f"{self}: {message}")


def read_yaml(path: str | Path, kind: str) -> Any:
    """Parse a YAML file with ``yaml.safe_load``; missing files and syntax errors name the file."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{kind} file {p} does not exist.")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{kind} file {p} is not UTF-8 text ({exc}); save it as UTF-8.") from exc
    return parse_yaml(text, Where(p, kind))


def parse_yaml(text: str, where: Where) -> Any:
    """Parse YAML text, turning syntax errors into an :class:`InputError` naming the line."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{where}: not valid YAML{line}: {problem}.") from exc


def mapping(value: Any, where: Where, what: str = "a mapping of keys to values") -> dict[str, Any]:
    """``value`` as a dict with string keys, or an error."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise where.error(f"expected {what}, got {_show(value)}.")
    out: dict[str, Any] = {}
    for k, v in value.items():
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
        raise where.error(f"expected {what}, got {_show(value)}.")
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
    return repr(value)
