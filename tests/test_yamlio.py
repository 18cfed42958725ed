"""The shared YAML reader: safe loading, unknown keys with suggestions, ranges, fuzzing."""

from __future__ import annotations

import doctest
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sprintmodel.yamlio as yamlio
from sprintmodel.errors import InputError
from sprintmodel.yamlio import check_keys, check_range, line_of, load_yaml, parse_yaml

SCENARIO = """\
# a scenario
name: 满产冲刺
description: every project at full capacity
levers:
  consumption_vouchers:
    intensity: 1.5
    start: 2026-10
  land_supply: {intensity: 0.5}
"""


def _write(tmp_path: Path, text: str | bytes, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_docstring_examples() -> None:
    result = doctest.testmod(yamlio)
    assert result.failed == 0 and result.attempted > 0


def test_reads_a_scenario_with_lines(tmp_path: Path) -> None:
    cfg = load_yaml(_write(tmp_path, SCENARIO))
    assert cfg["name"] == "满产冲刺"
    assert cfg["levers"]["consumption_vouchers"]["start"] == "2026-10"
    assert line_of(cfg, "levers") == 4
    assert line_of(cfg["levers"], "land_supply") == 8
    assert line_of({"a": 1}, "a") is None


def test_bom_is_allowed(tmp_path: Path) -> None:
    cfg = load_yaml(_write(tmp_path, "\ufeffname: x\n".encode()))
    assert cfg == {"name": "x"}


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("name: x\n  bad: indent\n", ["line 2", "not valid YAML", "indentation"]),
        ("levers:\n\t- a\n", ["line 2", "'\\t'"]),
        ("name: a\nname: b\n", ["line 2", "given twice", "first at line 1"]),
        ("- a\n- b\n", ["line 1", "top level is a list"]),
        ("", ["empty"]),
        ("# only a comment\n", ["empty"]),
        ("x: !!python/object/apply:os.system ['ls']\n", ["line 1", "remove the tag"]),
        ("start: 2026-13-45\n", ["line 1", "not a valid date"]),
        ("? [1, 2]\n: x\n", ["cannot be a key"]),
    ],
)
def test_bad_yaml_is_a_clear_error(tmp_path: Path, text: str, phrases: list[str]) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_yaml(path)
    message = str(info.value)
    assert str(path) in message
    for phrase in phrases:
        assert phrase in message, message


def test_empty_file_allowed_on_request(tmp_path: Path) -> None:
    assert load_yaml(_write(tmp_path, ""), allow_empty=True) == {}


def test_merge_keys_may_override_but_not_repeat() -> None:
    cfg = parse_yaml("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  x: 3\n")
    assert cfg["c"] == {"x": 3, "y": 2}


def test_gbk_missing_folder_large_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not UTF-8"):
        load_yaml(_write(tmp_path, "name: 满产\n".encode("gbk")))
    with pytest.raises(InputError, match="does not exist"):
        load_yaml(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="is a folder"):
        load_yaml(tmp_path)
    with pytest.raises(InputError, match="binary"):
        load_yaml(_write(tmp_path, b"a: 1\x00\n"))
    big = _write(tmp_path, b"a: 1\n" + b"#" * (yamlio.MAX_BYTES + 1))
    with pytest.raises(InputError, match="too large"):
        load_yaml(big)


def test_unknown_key_suggests_the_closest(tmp_path: Path) -> None:
    path = _write(tmp_path, SCENARIO.replace("intensity: 1.5", "intensty: 1.5"))
    cfg = load_yaml(path)
    check_keys(cfg, ["name", "description", "levers"], file=path, where="")
    vouchers = cfg["levers"]["consumption_vouchers"]
    with pytest.raises(InputError) as info:
        check_keys(
            vouchers,
            ["intensity", "start", "end"],
            file=path,
            where="levers.consumption_vouchers",
        )
    message = str(info.value)
    assert f"{path}, line 6" in message
    assert "unknown key 'intensty' in 'levers.consumption_vouchers'" in message
    assert "Did you mean 'intensity'?" in message and "Valid keys: end, intensity, start" in message


def test_keys_that_yaml_reads_as_booleans() -> None:
    cfg = parse_yaml("yes: 1\n", file="c.yaml")
    with pytest.raises(InputError, match="not text"):
        check_keys(cfg, ["y"], file="c.yaml", where="")


def test_required_keys_and_non_mappings() -> None:
    with pytest.raises(InputError, match="required key"):
        check_keys({"a": 1}, ["a"], file="c.yaml", where="", required=["name"])
    with pytest.raises(InputError, match="expected a mapping"):
        check_keys([1, 2], ["a"], file="c.yaml", where="levers")
    assert check_keys({"a": 1}, ["a"], file="c.yaml", where="") == {"a": 1}


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        (6.0, "out of range; it must be between 0 and 5"),
        (-1, "out of range"),
        ("5%", "without the percent sign"),
        ("high", "not a number"),
        (True, "not a number"),
        (None, "empty"),
        (math.nan, "not a finite number"),
        (math.inf, "not a finite number"),
    ],
)
def test_check_range_rejects(value: object, phrase: str) -> None:
    with pytest.raises(InputError) as info:
        check_range(value, 0, 5, file="s.yaml", key="levers.v.intensity", line=6)
    assert "s.yaml, line 6, key 'levers.v.intensity'" in str(info.value)
    assert phrase in str(info.value)


def test_check_range_accepts_and_open_bounds() -> None:
    assert check_range(3, 0, 5, file="f", key="k") == 3.0
    assert check_range(0, 0, 5, file="f", key="k") == 0.0
    assert check_range(-1e9, None, 5, file="f", key="k") == -1e9
    with pytest.raises(InputError, match="at least 0"):
        check_range(-1, 0, None, file="f", key="k")
    with pytest.raises(InputError, match="at most 5"):
        check_range(6, None, 5, file="f", key="k")


# ------------------------------------------------------------------------------- fuzzing
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(st.binary(max_size=300))
def test_fuzz_random_bytes(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, data, "fuzz.yaml")
    try:
        out = load_yaml(path, allow_empty=True)
    except InputError as exc:
        assert str(path) in str(exc)
    else:
        assert isinstance(out, dict)


_EDITS = st.sampled_from(["delete", "duplicate", "insert", "swap"])
_JUNK = st.sampled_from(
    [":", "- ", "\t", "'", '"', "{", "]", "&a", "*a", "!!", "%", "#", "\n", "? "]
)


@FUZZ
@given(st.lists(st.tuples(_EDITS, st.integers(0, 10_000), _JUNK), min_size=1, max_size=5))
def test_fuzz_random_edits_of_a_scenario(edits: list[tuple[str, int, str]]) -> None:
    text = SCENARIO
    for kind, pos, junk in edits:
        i = pos % (len(text) + 1)
        lines = text.splitlines(keepends=True)
        j = pos % max(len(lines), 1)
        if kind == "delete" and text:
            text = text[: i % len(text)] + text[i % len(text) + 1 :]
        elif kind == "insert":
            text = text[:i] + junk + text[i:]
        elif kind == "duplicate" and lines:
            text = "".join([*lines[: j + 1], lines[j], *lines[j + 1 :]])
        elif kind == "swap" and len(lines) > 1:
            k = (j + 1) % len(lines)
            lines[j], lines[k] = lines[k], lines[j]
            text = "".join(lines)
    try:
        cfg = parse_yaml(text, file="edited.yaml", allow_empty=True)
        check_keys(cfg, ["name", "description", "levers"], file="edited.yaml", where="")
        levers = cfg.get("levers") or {}
        check_keys(levers, ["consumption_vouchers", "land_supply"], file="e", where="levers")
        for name, spec in levers.items():
            check_keys(spec, ["intensity", "start"], file="e", where=f"levers.{name}")
            check_range(spec.get("intensity", 1), 0, 2, file="e", key=f"levers.{name}.intensity")
    except InputError as exc:
        assert "edited.yaml" in str(exc) or str(exc).startswith("e,")
