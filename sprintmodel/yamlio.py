"""Safe reading of YAML configuration files (levers, scenarios, settings) with precise errors.

Every problem a user can cause is raised as :class:`sprintmodel.errors.InputError` whose message
names the file, the line (where known) and the dotted key, says what is wrong and how to fix it.

API
---
``load_yaml(path, *, allow_empty=False) -> dict``
    Read a YAML file whose top level is a mapping. Only ``yaml.SafeLoader`` constructors are
    used (no Python objects). Rejected with an :class:`InputError` naming the file (and line):
    a missing file, a file that is not UTF-8 (a BOM is allowed), one larger than
    :data:`MAX_BYTES`, a syntax error, a key given twice in the same mapping (YAML would
    silently keep the last), a top level that is not a mapping, and an empty file (unless
    ``allow_empty``, which returns ``{}``). Every mapping in the result is a :class:`YamlDict`
    (a plain ``dict`` subclass) that remembers the line of each key, so later checks can name it.
``parse_yaml(text, *, file="<text>", allow_empty=False) -> dict``
    The same for text already in memory (``file`` is used in messages).
``check_keys(mapping, allowed, *, file, where, required=()) -> dict``
    Reject keys of ``mapping`` not in ``allowed``, suggesting the closest valid name
    (``difflib``), and missing ``required`` keys. ``where`` is the dotted position of the mapping
    in the file (``"levers.vouchers"``, ``""`` for the top level). A ``mapping`` that is not a
    dict is itself an error. Returns ``mapping``.
``check_range(value, lo, hi, *, file, key, line=None) -> float``
    ``value`` as a float if it is a real number (not a bool, not text such as ``"5%"``, not
    NaN) with ``lo <= value <= hi``; ``lo``/``hi`` may be None for an open side. ``key`` is
    the dotted key named in the message.
``line_of(mapping, key) -> int | None``
    The 1-based line of ``key`` in its file, when ``mapping`` came from :func:`load_yaml`.
``closest(word, choices) -> str``
    ``" Did you mean 'x'?"`` for the closest choice, or ``""``.

Examples
--------
>>> cfg = parse_yaml("name: 满产\\nlevers:\\n  voucher: {intensity: 1.5}\\n", file="s.yaml")
>>> check_keys(cfg, ["name", "levers", "description"], file="s.yaml", where="")["name"]
'满产'
>>> check_range(cfg["levers"]["voucher"]["intensity"], 0, 2, file="s.yaml",
...             key="levers.voucher.intensity")
1.5
>>> check_keys(cfg, ["name", "lever"], file="s.yaml", where="")
Traceback (most recent call last):
...
sprintmodel.errors.InputError: s.yaml, line 2: unknown key 'levers'. Did you mean 'lever'? Valid keys: lever, name.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from sprintmodel.errors import InputError

__all__ = [
    "MAX_BYTES",
    "YamlDict",
    "check_keys",
    "check_range",
    "closest",
    "line_of",
    "load_yaml",
    "parse_yaml",
]

MAX_BYTES = 5_000_000
"""Largest YAML file read [bytes]: configuration files are small; a larger one is a mistake."""


class YamlDict(dict[Any, Any]):
    """A ``dict`` read from YAML that remembers where it and its keys are in the file.

    Attributes
    ----------
    line
        1-based line where the mapping starts (None when built in memory).
    key_lines
        1-based line of each key.
    """

    line: int | None
    key_lines: dict[Any, int]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line = None
        self.key_lines = {}


class _Loader(yaml.SafeLoader):
    """``SafeLoader`` that records lines and rejects duplicate keys."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> YamlDict:
    merge_tag = "tag:yaml.org,2002:merge"
    n_own = sum(1 for k, _ in node.value if k.tag != merge_tag)
    loader.flatten_mapping(node)
    n_merged = len(node.value) - n_own  # merged (<<: *anchor) pairs come first
    out = YamlDict()
    out.line = node.start_mark.line + 1
    own: set[Any] = set()
    for i, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                "a key is a list or a mapping, which cannot be a key",
                key_node.start_mark,
            ) from None
        if i >= n_merged:
            if key in own:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"the key {key!r} is given twice (first at line {out.key_lines[key]}); "
                    "YAML would silently keep only the last",
                    key_node.start_mark,
                )
            own.add(key)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError) as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a valid date ({exc}); quote it", node.start_mark
        ) from None


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def closest(word: object, choices: Iterable[object], cutoff: float = 0.5) -> str:
    """`` Did you mean 'x'?`` for the closest of ``choices`` to ``word``, or ``""``.

    Case is ignored when comparing (``jc`` → ``JC``), then the closest spelling wins
    (:func:`difflib.get_close_matches` with ``cutoff``).

    >>> closest("jc", ["JC", "CCQ"])
    " Did you mean 'JC'?"
    """
    folded = {str(c).casefold(): str(c) for c in choices}
    key = str(word).casefold()
    if key in folded and folded[key] != str(word):
        return f" Did you mean '{folded[key]}'?"
    hit = difflib.get_close_matches(key, list(folded), n=1, cutoff=cutoff)
    return f" Did you mean '{folded[hit[0]]}'?" if hit else ""


def line_of(mapping: object, key: object) -> int | None:
    """1-based line of ``key`` in the file ``mapping`` was read from, or None if unknown."""
    if isinstance(mapping, YamlDict):
        return mapping.key_lines.get(key, mapping.line)
    return None


def _where(file: str | Path, line: int | None = None, key: str = "") -> str:
    text = str(file)
    if line is not None:
        text += f", line {line}"
    if key:
        text += f", key '{key}'"
    return text


def parse_yaml(text: str, *, file: str | Path = "<text>", allow_empty: bool = False) -> dict:
    """Parse YAML ``text`` whose top level is a mapping; see :func:`load_yaml`."""
    try:
        data = yaml.load(text, Loader=_Loader)  # _Loader derives from SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "syntax error"
        if isinstance(exc, yaml.constructor.ConstructorError):
            fix = (
                " Fix: remove the tag (the word starting with '!'); only plain values "
                "(mappings, lists, text, numbers) are read."
                if "for the tag" in problem
                else ""
            )
        else:
            fix = (
                " Fix: check the indentation (spaces, not tabs), the colon after each key and "
                "the quotes on that line."
            )
        at = f" at line {line}" if line is not None else ""
        raise InputError(f"{file}: not valid YAML{at}: {problem}.{fix}") from None
    except yaml.YAMLError as exc:  # e.g. an unreadable character without a mark
        raise InputError(f"{file}: not valid YAML: {exc}.") from None
    except RecursionError:
        raise InputError(f"{file}: the YAML is nested too deeply to read.") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value PyYAML cannot construct
        raise InputError(f"{file}: a value cannot be read ({exc}). Fix: quote it.") from None
    if data is None:
        if allow_empty:
            out = YamlDict()
            out.line = 1
            return out
        raise InputError(
            f"{file}: the file is empty. Fix: write the settings as 'key: value' lines."
        )
    if not isinstance(data, dict):
        raise InputError(
            f"{_where(file, 1)}: the top level is a {_kind(data)}, not a mapping of keys to "
            "values. Fix: write the settings as 'key: value' lines."
        )
    return data


def load_yaml(path: str | Path, *, allow_empty: bool = False) -> dict:
    """Read a YAML configuration file safely; the top level must be a mapping.

    Parameters
    ----------
    path
        The file.
    allow_empty
        Return ``{}`` for an empty file instead of raising.

    Returns
    -------
    dict
        A :class:`YamlDict` (every nested mapping too) remembering the line of each key.

    Raises
    ------
    InputError
        The file is missing, not UTF-8, too large, not valid YAML (the message names the line),
        repeats a key, or is not a mapping.
    """
    p = Path(path)
    if not p.is_file():
        what = "is a folder, not a file" if p.is_dir() else "does not exist"
        raise InputError(f"{p}: the file {what}. Fix: give the path of a .yaml file.")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{p}: the file is {size:,} bytes, too large for a configuration file "
                f"(at most {MAX_BYTES:,}). Fix: check that this is the right file."
            )
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: the file cannot be read ({exc.strerror or exc}).") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{_where(p, line)}: the file is not UTF-8 text (perhaps GBK). "
            "Fix: save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)."
        ) from None
    if "\x00" in text:
        raise InputError(f"{p}: the file holds binary data (NUL bytes), not YAML text.")
    return parse_yaml(text, file=p, allow_empty=allow_empty)


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "empty value"
    return type(value).__name__


def check_keys(
    mapping: object,
    allowed: Collection[str],
    *,
    file: str | Path,
    where: str,
    required: Collection[str] = (),
) -> dict:
    """Reject unknown keys (suggesting the closest valid one) and missing required keys.

    Parameters
    ----------
    mapping
        The mapping read from the file (normally a :class:`YamlDict`).
    allowed
        Valid key names (``required`` ones are added).
    file
        The file, for messages.
    where
        Dotted position of ``mapping`` in the file (``"levers.vouchers"``; ``""`` for the top).
    required
        Keys that must be present.

    Returns
    -------
    dict
        ``mapping`` itself.

    Raises
    ------
    InputError
        Naming the file, line, position and every unknown or missing key.
    """
    valid = sorted({*map(str, allowed), *map(str, required)})
    line = mapping.line if isinstance(mapping, YamlDict) else None
    if not isinstance(mapping, Mapping):
        raise InputError(
            f"{_where(file, line, where)}: expected a mapping of keys to values, found a "
            f"{_kind(mapping)} ({str(mapping)[:40]!r}). Fix: write 'key: value' lines"
            + (f" ({', '.join(valid)})." if valid else ".")
        )
    unknown = [k for k in mapping if not isinstance(k, str) or k not in valid]
    if unknown:
        key = unknown[0]
        inside = f" in '{where}'" if where else ""
        if isinstance(key, str):
            what = f"unknown key '{key}'{inside}.{closest(key, valid)}"
        else:
            what = (
                f"the key {key!r}{inside} is not text (YAML reads yes/no/on/off/true/false as "
                "booleans and bare numbers as numbers). Quote it if it is meant as a name."
            )
        more = ""
        if len(unknown) > 1:
            more = f" Also unknown: {', '.join(repr(k) for k in unknown[1:6])}."
        raise InputError(
            f"{_where(file, line_of(mapping, key))}: {what}{more} Valid keys: {', '.join(valid)}."
        )
    missing = [k for k in required if k not in mapping]
    if missing:
        raise InputError(
            f"{_where(file, line, where)}: the required key(s) {', '.join(missing)} are missing. "
            f"Fix: add {missing[0]}: ..."
        )
    return dict(mapping) if not isinstance(mapping, dict) else mapping


def check_range(
    value: object,
    lo: float | None,
    hi: float | None,
    *,
    file: str | Path,
    key: str,
    line: int | None = None,
) -> float:
    """``value`` as a float, or an :class:`InputError` if it is not a number in [lo, hi].

    Parameters
    ----------
    value
        The value read from the file.
    lo, hi
        Inclusive bounds; None for an open side.
    file
        The file, for messages.
    key
        Dotted key of the value (``"levers.vouchers.intensity"``).
    line
        Its line, if known (see :func:`line_of`).

    Returns
    -------
    float
        The value.
    """
    place = _where(file, line, key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        hint = " The value is empty; write a number." if value is None else ""
        if isinstance(value, str) and value.strip().endswith("%"):
            hint = f" Write {value.strip()[:-1].strip()} without the percent sign."
        raise InputError(f"{place}: {value!r} is not a number.{hint or ' Write a plain number.'}")
    number = float(value)
    if not math.isfinite(number):
        raise InputError(f"{place}: {value!r} is not a finite number. Write a plain number.")
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        span = (
            f"between {lo:g} and {hi:g}"
            if lo is not None and hi is not None
            else (f"at least {lo:g}" if lo is not None else f"at most {hi:g}")
        )
        raise InputError(f"{place}: {value:g} is out of range; it must be {span}.")
    return number
