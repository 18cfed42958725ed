"""Safe outputs: atomic files and folders, and file names that cannot escape their folder."""

from __future__ import annotations

import doctest
import os
import stat
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sprintmodel.reporting.files as files
from sprintmodel.errors import InputError
from sprintmodel.filenames import MAX_NAME_BYTES
from sprintmodel.reporting.files import (
    MARKER,
    atomic_folder,
    atomic_path,
    safe_filename,
    safe_path,
    write_csv,
)


class Boom(RuntimeError):
    pass


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_docstring_examples() -> None:
    assert doctest.testmod(files).failed == 0


# ------------------------------------------------------------------------------- files
def test_atomic_path_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(Boom), atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise Boom
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_written_files_are_readable_by_others(tmp_path: Path) -> None:
    path = write_csv(pd.DataFrame({"a": [1]}), tmp_path / "x.csv")
    mode = stat.S_IMODE(path.stat().st_mode)
    mask = os.umask(0)
    os.umask(mask)
    assert mode == 0o666 & ~mask


def test_atomic_path_errors(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(InputError, match="is a file"), atomic_path(tmp_path / "f" / "x"):
        pass
    with pytest.raises(InputError, match="is a folder"), atomic_path(tmp_path):
        pass


def test_missing_parents_are_created_and_removed_on_failure(tmp_path: Path) -> None:
    path = write_csv(pd.DataFrame({"a": [1]}), tmp_path / "out" / "run1" / "x.csv")
    assert path.read_text() == "a\n1\n"
    with pytest.raises(RuntimeError), atomic_path(tmp_path / "new" / "deep" / "x.csv") as tmp:
        tmp.write_text("half")
        raise RuntimeError("failed half-way")
    with pytest.raises(RuntimeError), atomic_folder(tmp_path / "other" / "deep" / "out"):
        raise RuntimeError("failed half-way")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# ----------------------------------------------------------------------------- folders
def test_atomic_folder_new(tmp_path: Path) -> None:
    target = tmp_path / "run"
    with atomic_folder(target) as tmp:
        assert tmp.parent == tmp_path and not target.exists()
        (tmp / "a.csv").write_text("1", encoding="utf-8")
    assert _tree(target)["a.csv"] == "1" and (target / MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_atomic_folder_replaces_an_earlier_output_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:
        monkeypatch.setattr(files, "_exchange", lambda a, b: False)
    target = tmp_path / "run"
    with atomic_folder(target) as tmp:
        (tmp / "old.csv").write_text("old", encoding="utf-8")
        (tmp / "common.csv").write_text("old", encoding="utf-8")
    with atomic_folder(target) as tmp:
        (tmp / "common.csv").write_text("new", encoding="utf-8")
    tree = _tree(target)
    assert "old.csv" not in tree and tree["common.csv"] == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]


def test_failure_leaves_the_existing_folder_untouched(tmp_path: Path) -> None:
    target = tmp_path / "run"
    with atomic_folder(target) as tmp:
        (tmp / "a.csv").write_text("old", encoding="utf-8")
    before = _tree(target)
    with pytest.raises(Boom), atomic_folder(target) as tmp:
        (tmp / "a.csv").write_text("half", encoding="utf-8")
        raise Boom
    assert _tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]


def test_second_rename_failing_puts_the_old_folder_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "run"
    with atomic_folder(target) as tmp:
        (tmp / "a.csv").write_text("old", encoding="utf-8")
    before = _tree(target)
    monkeypatch.setattr(files, "_exchange", lambda a, b: False)
    real_rename = os.rename
    calls = []

    def flaky(src: object, dst: object) -> None:
        calls.append(src)
        if len(calls) == 2:  # the new folder onto the target
            raise OSError("disk full")
        real_rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "rename", flaky)
    with pytest.raises(OSError, match="disk full"), atomic_folder(target) as tmp:
        (tmp / "a.csv").write_text("new", encoding="utf-8")
    monkeypatch.undo()
    assert _tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]


def test_a_users_folder_is_never_replaced(tmp_path: Path) -> None:
    users = tmp_path / "my_data"
    users.mkdir()
    (users / "units.csv").write_text("precious", encoding="utf-8")
    with pytest.raises(InputError, match="not written by sprintmodel"), atomic_folder(users):
        pass
    assert _tree(users) == {"units.csv": "precious"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my_data"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with atomic_folder(empty) as tmp:
        (tmp / "x").write_text("1", encoding="utf-8")
    assert (empty / "x").exists()


def test_atomic_folder_refusals(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="a file of that name"), atomic_folder(tmp_path / "file"):
        pass
    with atomic_folder(tmp_path / "a" / "b") as tmp:
        (tmp / "x.txt").write_text("x")
    assert (tmp_path / "a" / "b" / "x.txt").exists()
    with atomic_folder(tmp_path / "run"):
        pass
    with (
        pytest.raises(InputError, match="already exists"),
        atomic_folder(tmp_path / "run", replace=False),
    ):
        pass


# ------------------------------------------------------------------------------- names
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("满产冲刺", "满产冲刺"),
        ("full sprint", "full_sprint"),
        ("..", "unnamed"),
        ("", "unnamed"),
        ("a/../../b", "a_._._b"),
        ("C:\\Windows\\system32", "C_Windows_system32"),
        (".hidden", "hidden"),
        ("nul.txt", "_nul.txt"),
        ("lpt1", "_lpt1"),
        ("name\x00with\nnul", "name_with_nul"),
        ("evil\u202etxt.exe", "evil_txt.exe"),
        ("乐观／悲观", "乐观_悲观"),
        ("-rf", "rf"),
    ],
)
def test_safe_filename_examples(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_long_names_are_cut_but_stay_distinct() -> None:
    a = safe_filename("冲" * 200 + "甲", suffix=".csv")
    b = safe_filename("冲" * 200 + "乙", suffix=".csv")
    assert a != b and a.endswith(".csv")
    assert len(a.encode()) <= MAX_NAME_BYTES


def test_bad_suffix_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        safe_filename("x", suffix="/../y")


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(max_size=300), suffix=st.sampled_from(["", ".csv", ".docx"]))
def test_safe_filename_stays_inside_the_folder(tmp_path: Path, name: str, suffix: str) -> None:
    out = safe_filename(name, suffix=suffix)
    assert out and out not in (".", "..") and not out.startswith((".", "-"))
    assert "/" not in out and "\\" not in out and "\x00" not in out
    assert len(out.encode("utf-8")) <= MAX_NAME_BYTES
    path = safe_path(tmp_path, name, suffix=suffix)
    assert path.parent == tmp_path and path.resolve().parent == tmp_path.resolve()
    path.write_text("x", encoding="utf-8")  # the file system accepts it
    assert path.exists()
    path.unlink()
