"""Fuzzing the readers: random bytes and random edits never crash, they give a clear report.

``validate_folder`` must return a report (or raise a :class:`SprintmodelError`) for any content
of any file; every problem names a file; a folder it accepts gives a usable DataSet.
``load_yaml`` must return a mapping or raise an :class:`InputError`. Example counts are kept
small so that the suite stays fast; raise them locally with ``HYPOTHESIS_PROFILE=fuzz``.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sprintmodel.data import DataSet, ValidationReport, validate_folder
from sprintmodel.errors import InputError, SprintmodelError
from sprintmodel.yamlio import load_yaml
from tests.conftest import TINY, write_tiny

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example_city"
FILES = [*TINY, "observations.csv"]
SCALE = 10 if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else 1


def fuzz(n: int) -> settings:
    return settings(
        max_examples=n * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def check(folder: Path) -> ValidationReport | None:
    """Validate ``folder``: a report or a SprintmodelError, nothing else."""
    try:
        report, data = validate_folder(folder)
    except SprintmodelError:
        return None
    assert isinstance(report, ValidationReport)
    text = str(report)  # printing never fails
    assert report.summary() in text
    for p in report.problems:
        assert p.file and p.message and p.severity in ("error", "warning", "fixed")
        if p.severity == "error":
            assert p.fix
        if p.row is not None:
            assert p.row >= 1
    if data is None:
        assert not report.ok
    else:
        assert isinstance(data, DataSet) and report.ok
        repr(data)
        for code in data.indicators:
            if (data.observations.indicator == code).any():
                data.panel(code)
        data.until(data.latest_period)
    return report


def fresh_tiny(base: Path) -> Path:
    if base.exists():
        shutil.rmtree(base)
    return write_tiny(base)


# -------------------------------------------------------------------------- random bytes
@fuzz(60)
@given(
    name=st.sampled_from([*FILES, "units.xlsx", "observations.xlsx"]),
    data=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda t: t.encode("utf-8")),
        st.text(max_size=300).map(lambda t: t.encode("gb18030", "ignore")),
    ),
)
@example(name="units.csv", data=b"\r,\xc2\x85,")  # a carriage return and U+0085 (found by CI)
@example(name="units.csv", data=b"\r\xc2\x85")
def test_random_bytes_in_any_file(tmp_path: Path, name: str, data: bytes) -> None:
    folder = fresh_tiny(tmp_path / "f")
    stem = name.split(".")[0]
    for old in (f"{stem}.csv", f"{stem}.xlsx"):
        (folder / old).unlink(missing_ok=True)
    (folder / name).write_bytes(data)
    check(folder)


@fuzz(25)
@given(st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 255)), min_size=1, max_size=8))
def test_corrupted_workbook(tmp_path: Path, flips: list[tuple[int, int]]) -> None:
    import openpyxl
    import pandas as pd

    folder = fresh_tiny(tmp_path / "f")
    frame = pd.read_csv(folder / "units.csv", dtype=str, keep_default_na=False)
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    raw = bytearray(buffer.getvalue())
    for pos, byte in flips:
        raw[pos % len(raw)] = byte
    (folder / "units.csv").unlink()
    (folder / "units.xlsx").write_bytes(bytes(raw))
    check(folder)
    assert openpyxl  # imported for the reader


# -------------------------------------------------------------------------- random edits
JUNK = [
    ",",
    '"',
    "\n",
    "\r\n",
    "\t",
    ";",
    " ",
    "\u3000",
    "\u200b",
    "\ufeff",
    "-",
    "—",
    "..",
    "%",
    "#DIV/0!",
    "亿元",
    "１２",
    "Q5",
    "2026年第三季度",
    "1e400",
    "nan",
    "-100",
    "0",
    "(",
    "合计",
    "注：",
    "\\",
    "'",
]

EDITS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "delete_char",
                "dup_line",
                "del_line",
                "swap_cells",
                "insert",
                "swap_lines",
                "truncate",
                "blank_cell",
            ]
        ),
        st.integers(0, 10**6),
        st.integers(0, 10**6),
        st.sampled_from(JUNK),
    ),
    min_size=1,
    max_size=6,
)


def apply_edits(text: str, edits: list[tuple[str, int, int, str]]) -> str:
    """Apply random edits to CSV text (positions are taken modulo the sizes)."""
    for kind, a, b, junk in edits:
        lines = text.split("\n")
        i = a % max(len(lines), 1)
        if kind == "delete_char" and text:
            k = a % len(text)
            text = text[:k] + text[k + 1 :]
        elif kind == "insert":
            k = a % (len(text) + 1)
            text = text[:k] + junk + text[k:]
        elif kind == "dup_line":
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif kind == "del_line" and len(lines) > 1:
            del lines[i]
            text = "\n".join(lines)
        elif kind == "swap_lines":
            j = b % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif kind in ("swap_cells", "blank_cell"):
            cells = lines[i].split(",")
            j, k = b % len(cells), (b // 7) % len(cells)
            if kind == "swap_cells":
                cells[j], cells[k] = cells[k], cells[j]
            else:
                cells[j] = ""
            lines[i] = ",".join(cells)
            text = "\n".join(lines)
        elif kind == "truncate":
            text = text[: a % (len(text) + 1)]
    return text


@fuzz(80)
@given(name=st.sampled_from(FILES), edits=EDITS)
def test_random_edits_of_the_tiny_folder(tmp_path: Path, name: str, edits: list) -> None:
    folder = fresh_tiny(tmp_path / "f")
    path = folder / name
    path.write_text(apply_edits(path.read_text(encoding="utf-8"), edits), encoding="utf-8")
    check(folder)


@pytest.fixture(scope="module")
def example_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dst = tmp_path_factory.mktemp("example") / "example_city"
    shutil.copytree(EXAMPLE, dst)
    return dst


@fuzz(15)
@given(
    name=st.sampled_from(
        ["units.csv", "indicators.csv", "observations.csv", "targets.csv", "projects.csv"]
    ),
    edits=EDITS,
)
def test_random_edits_of_the_example_city(example_copy: Path, name: str, edits: list) -> None:
    path = example_copy / name
    original = (EXAMPLE / name).read_text(encoding="utf-8")
    try:
        path.write_text(apply_edits(original, edits), encoding="utf-8")
        check(example_copy)
    finally:
        path.write_text(original, encoding="utf-8")


def test_example_city_validates_cleanly() -> None:
    report, data = validate_folder(EXAMPLE)
    assert data is not None and not report.errors, str(report)


# ----------------------------------------------------------------------------------- YAML
YAMLS = sorted(EXAMPLE.glob("*.yaml")) + sorted((EXAMPLE / "scenarios").glob("*.yaml"))
assert YAMLS, "data/example_city ships levers.yaml and scenarios/*.yaml"


@fuzz(60)
@given(
    index=st.integers(0, 10**6),
    edits=st.lists(
        st.tuples(
            st.sampled_from(
                ["delete_char", "dup_line", "del_line", "insert", "swap_lines", "truncate"]
            ),
            st.integers(0, 10**6),
            st.integers(0, 10**6),
            st.sampled_from(
                [
                    ":",
                    "- ",
                    "\t",
                    "'",
                    '"',
                    "{",
                    "]",
                    "&a",
                    "*a",
                    "!!python/object ",
                    "? ",
                    "\n",
                    "  ",
                    "yes",
                    "2026-13-45",
                ]
            ),
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_random_edits_of_the_example_yaml(tmp_path: Path, index: int, edits: list) -> None:
    source = YAMLS[index % len(YAMLS)]
    path = tmp_path / source.name
    path.write_text(apply_edits(source.read_text(encoding="utf-8"), edits), encoding="utf-8")
    try:
        out = load_yaml(path, allow_empty=True)
    except InputError as exc:
        assert str(path) in str(exc)
    else:
        assert isinstance(out, dict)
