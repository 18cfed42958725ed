"""Writing output files safely: a temporary file in the same folder, then an atomic rename.

A run that fails half-way never leaves a half-written file behind, and an existing file is
replaced in one step or not at all.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from sprintmodel.errors import InputError


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` on success.

    The temporary file is removed if the block raises.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists():
        raise InputError(f"cannot write {target}: the folder {folder} does not exist")
    if target.exists() and target.is_dir():
        raise InputError(f"cannot write {target}: it is a folder")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_csv(frame: pd.DataFrame, target: str | Path, *, float_format: str | None = None) -> Path:
    """Write ``frame`` as UTF-8 CSV (no index) atomically; returns the path."""
    with atomic_path(target) as tmp:
        frame.to_csv(tmp, index=False, float_format=float_format, lineterminator="\n")
    return Path(target)


def write_text(text: str, target: str | Path) -> Path:
    """Write ``text`` (UTF-8) atomically; returns the path."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)
