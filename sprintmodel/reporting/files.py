"""Writing output files safely: build beside the target, then rename into place in one step.

* :func:`atomic_path` (single files): the writer fills a temporary file in the target's folder,
  which is then renamed onto the target (``os.replace``, atomic on POSIX and Windows). A run that
  fails half-way leaves the old file untouched and no temporary file behind.
* :func:`atomic_folder` (output folders): the writer fills a temporary sibling folder, which is
  then renamed into place. An existing target is replaced by swapping the two folders: with one
  ``renameat2(RENAME_EXCHANGE)`` call on Linux (atomic: every reader sees the whole old folder or
  the whole new one), elsewhere with two renames (old → backup, new → target; between them the
  target is briefly absent, never half-written; if the second fails the old folder is put back).
  Only folders written by sprintmodel (holding :data:`MARKER`) or empty ones are replaced, so
  ``--out`` pointed at a data folder or a home directory is refused instead of wiped.
* :func:`safe_filename` / :func:`safe_path`: file names derived from user text (scenario names,
  Chinese allowed) that cannot escape the output folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from sprintmodel.errors import InputError
from sprintmodel.filenames import safe_filename

MARKER = ".sprintmodel-output"
"""File written into every folder built by :func:`atomic_folder`; such folders may be replaced."""


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and restore at once
    os.umask(mask)
    return mask


def _fsync_file(path: Path) -> None:
    with contextlib.suppress(OSError), path.open("rb") as fh:
        os.fsync(fh.fileno())


def _make_parents(folder: Path, target: Path) -> list[Path]:
    """Create ``folder`` and its missing ancestors; return those created, deepest first.

    Output paths such as ``out/run1/summary.csv`` work without creating ``out/run1`` first;
    callers remove what was created when the write fails, so a failed run leaves nothing.
    """
    created: list[Path] = []
    probe = folder
    while not probe.exists():
        created.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    if not probe.is_dir():
        raise InputError(f"cannot write {target}: {probe} is a file, not a folder")
    for path in reversed(created):
        try:
            path.mkdir()
        except OSError as exc:
            _remove_created(created)
            raise InputError(f"cannot write {target}: cannot create {path} ({exc})") from exc
    return created


def _cannot_write(target: Path, exc: OSError) -> InputError:
    return InputError(
        f"cannot write {target}: {exc.strerror or exc}. Fix: choose an output path in a folder "
        "you may write to."
    )


def _remove_created(created: list[Path]) -> None:
    """Remove folders made by :func:`_make_parents` (deepest first) if they are still empty."""
    for path in created:
        with contextlib.suppress(OSError):
            path.rmdir()


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` on success.

    Missing parent folders are created (and removed again if the block raises). The temporary
    file is removed if the block raises, and ``target`` is then untouched. The
    new file gets the usual permissions (``0o666`` less the umask), not ``mkstemp``'s ``0o600``.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise InputError(
            f"cannot write {target}: it is a folder. Fix: give a file name, e.g. "
            f"{target / ('out' + (target.suffix or '.csv'))}."
        )
    created = _make_parents(folder, target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:60]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        _remove_created(created)
        raise _cannot_write(target, exc) from exc
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if tmp_path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp_path, 0o666 & ~_umask())
            _fsync_file(tmp_path)
        os.replace(tmp_path, target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        _remove_created(created)
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


# ------------------------------------------------------------------------------ folders
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux's ``renameat2``; False where unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    renameat2.restype = ctypes.c_int
    rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def _swap_in(new: Path, target: Path) -> None:
    """Put folder ``new`` at ``target``, replacing the folder there (see the module notes)."""
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old folder
        return
    backup = Path(
        tempfile.mkdtemp(prefix=f".{target.name[:60]}.", suffix=".old", dir=target.parent)
    )
    backup.rmdir()
    os.rename(target, backup)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(backup, target)
        raise
    shutil.rmtree(backup, ignore_errors=True)


MANIFEST_HEADER = "files written (path, bytes):"
"""The line of :data:`MARKER` after which the files sprintmodel wrote are listed."""

STALE_SUFFIXES = (".tmp", ".old")
"""Suffixes of the hidden sibling folders :func:`atomic_folder` builds in (and swaps out)."""

OWNER_FILE = ".sprintmodel-pid"
"""File inside a folder being built: the process id of the run building it, so that the next
run can tell a crashed run's leftover from a concurrent run's work in progress."""


def _marker_text(folder: Path) -> str:
    """The marker for ``folder``: a note and the manifest of every file in it, with sizes."""
    lines = ["Written by sprintmodel; sprintmodel may replace the files listed below.", ""]
    lines.append(MANIFEST_HEADER)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.name not in (MARKER, OWNER_FILE):
            lines.append(f"{path.relative_to(folder).as_posix()}\t{path.stat().st_size}")
    return "\n".join(lines) + "\n"


def _manifest(folder: Path) -> dict[str, int] | None:
    """Files listed in ``folder``'s marker with their sizes; None without a manifest."""
    try:
        text = (folder / MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if MANIFEST_HEADER not in text:
        return None
    listed: dict[str, int] = {}
    for line in text.split(MANIFEST_HEADER, 1)[1].splitlines():
        name, _, size = line.rpartition("\t")
        if name and size.isdigit():
            listed[name] = int(size)
    return listed


def foreign_files(target: Path) -> list[str]:
    """Files in ``target`` that sprintmodel did not write, or that changed since it did.

    An empty folder has none. Without a marker manifest (not written by sprintmodel, or by a
    version before manifests) every file counts: a copied marker alone never licenses
    replacing a folder.
    """
    listed = _manifest(target) or {}
    out = []
    for path in sorted(target.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        rel = path.relative_to(target).as_posix()
        if rel == OWNER_FILE or (rel == MARKER and listed):
            continue
        if rel not in listed:
            out.append(rel)
        elif path.is_symlink() or path.stat().st_size != listed[rel]:
            out.append(f"{rel} (changed since sprintmodel wrote it)")
    return out


def _refusal(target: Path, foreign: list[str]) -> InputError:
    shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
    return InputError(
        f"the output folder {target} holds file(s) not written by sprintmodel: {shown}; it is "
        "not replaced, so that they are not lost. Fix: move those files elsewhere (or choose "
        "a new folder name for --out)."
    )


def check_output_folder(target: str | Path) -> Path:
    """Refuse, before any work, an output folder that cannot be replaced or written.

    An existing file, or a folder holding files sprintmodel did not write (see
    :func:`foreign_files`), raises :class:`~sprintmodel.errors.InputError`, as does a parent
    folder the user may not write to; :func:`atomic_folder` checks again when it writes.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise InputError(
            f"cannot write the folder {target}: a file of that name exists. Fix: choose "
            "another name for --out."
        )
    if target.is_dir():
        foreign = foreign_files(target)
        if foreign:
            raise _refusal(target, foreign)
    _check_writable(target)
    return target


def check_output_file(target: str | Path | None) -> Path | None:
    """Refuse, before any work, an output file that cannot be written (a folder of that name,
    a parent that is a file or not writable); None passes through."""
    if target is None:
        return None
    target = Path(target)
    if target.is_dir():
        raise InputError(
            f"cannot write {target}: it is a folder. Fix: give a file name, e.g. "
            f"{target / ('out' + (target.suffix or '.csv'))}."
        )
    _check_writable(target)
    return target


def _check_writable(target: Path) -> None:
    """The nearest existing ancestor of ``target`` must be a folder we may write into."""
    probe = target.parent if str(target.parent) else Path(".")
    if target.resolve() == Path.cwd().resolve() or target.resolve() == target.resolve().parent:
        raise InputError(
            f"--out {target} is the current (or root) folder itself; sprintmodel writes a new "
            "folder and does not replace the one you work in. Fix: give a new folder name, "
            "e.g. --out out/run1."
        )
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():
        raise InputError(f"cannot write {target}: {probe} is a file, not a folder")
    try:  # a real probe: permissions, read-only mounts, /proc, a full quota
        os.rmdir(tempfile.mkdtemp(prefix=".sprintmodel-probe.", dir=probe))
    except OSError as exc:
        raise InputError(
            f"cannot write {target}: the folder {probe} is not writable ({exc.strerror or exc})."
            " Fix: choose an output folder you may write to (e.g. in your home folder)."
        ) from exc


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def clean_stale(parent: Path, name: str) -> list[Path]:
    """Remove hidden build folders of ``name`` left in ``parent`` by a run that was killed.

    A folder counts when it is named like :func:`atomic_folder`'s (``.NAME.*.tmp`` or
    ``.NAME.*.old``) and holds :data:`OWNER_FILE` naming a process that no longer runs, or holds
    :data:`MARKER` (a swapped-out old output). Returns the folders removed.
    """
    removed: list[Path] = []
    prefix = f".{name[:60]}."
    try:
        entries = list(parent.iterdir())
    except OSError:
        return removed
    for path in entries:
        if not (path.name.startswith(prefix) and path.name.endswith(STALE_SUFFIXES)):
            continue
        if not path.is_dir() or path.is_symlink():
            continue
        owner = path / OWNER_FILE
        try:
            pid = int(owner.read_text(encoding="ascii").split()[0])
        except (OSError, ValueError, IndexError):
            pid = None
        stale = (pid is not None and pid != os.getpid() and not _alive(pid)) or (
            pid is None and path.name.endswith(".old") and (path / MARKER).is_file()
        )
        if stale:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


@contextlib.contextmanager
def atomic_folder(target: str | Path, *, replace: bool = True) -> Iterator[Path]:
    """Build an output folder in a temporary sibling, then move it into place in one step.

    Parameters
    ----------
    target
        The output folder. Missing parent folders are created (and removed again if the
        block raises).
    replace
        Replace an existing ``target`` (written by sprintmodel, or empty). With False an
        existing ``target`` is an error.

    Yields
    ------
    Path
        The temporary folder to write into (on the same file system as ``target``).

    Raises
    ------
    InputError
        A parent path is a file; ``target`` is a file; ``target`` exists and ``replace`` is
        False; or ``target`` exists, is not empty and was not written by sprintmodel (it has no
        :data:`MARKER` file), so replacing it could destroy the user's files.

    Notes
    -----
    If the block raises, the temporary folder is deleted and ``target`` is left exactly as it
    was. On success a :data:`MARKER` file is added to the new folder and it is renamed onto
    ``target``; an existing ``target`` is swapped out atomically (``renameat2`` with
    ``RENAME_EXCHANGE`` on Linux) or, where that is unavailable, with two renames, and then
    deleted. A reader never sees a half-written folder.
    """
    target = Path(target)
    parent = target.parent if str(target.parent) else Path(".")

    def check_target() -> None:
        if target.exists() and not target.is_dir():
            raise InputError(f"cannot write the folder {target}: a file of that name exists")
        if target.is_dir():
            if not replace:
                raise InputError(
                    f"the output folder {target} already exists. Fix: choose another name or "
                    "delete it first."
                )
            foreign = foreign_files(target)
            if foreign:
                raise _refusal(target, foreign)

    check_target()
    created = _make_parents(parent, target)
    clean_stale(parent, target.name)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name[:60]}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        _remove_created(created)
        raise _cannot_write(target, exc) from exc
    try:
        os.chmod(tmp, 0o777 & ~_umask())
        (tmp / OWNER_FILE).write_text(f"{os.getpid()}\n", encoding="ascii")
        yield tmp
        (tmp / MARKER).write_text(_marker_text(tmp), encoding="utf-8")
        check_target()  # the target may have appeared while the block ran
        if target.is_dir():
            _swap_in(tmp, target)
        else:
            os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        _remove_created(created)
        raise


def safe_path(folder: str | Path, name: object, *, suffix: str = "") -> Path:
    """``folder / safe_filename(name, suffix=suffix)``, checked to lie directly in ``folder``."""
    folder = Path(folder)
    path = folder / safe_filename(name, suffix=suffix)
    if path.resolve().parent != folder.resolve():  # cannot happen; a last line of defence
        raise InputError(f"the name {name!r} would be written outside {folder}")
    return path
