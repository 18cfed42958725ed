"""What a batch runs: the scenarios read and checked before any work, and the data they run on.

:func:`prepare_jobs` reads every scenario file (or takes specs made in code), applies ``--draws``
and ``--as-of``, checks each against the data and levers, and returns one
:class:`ScenarioJob` per scenario, in order: a scenario that cannot run becomes a job with its
error, never an exception, so one bad file does not stop the others. :func:`data_bundle` loads
the data folder and its levers once, with the hash that keys every worker's engines
(:class:`DataBundle`). :mod:`sprintmodel.scenario.batch` runs the jobs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sprintmodel.data import DataSet
from sprintmodel.errors import InputError, SprintmodelError
from sprintmodel.limits import check_draws
from sprintmodel.periods import Period
from sprintmodel.scenario import LeverSet, ScenarioSpec
from sprintmodel.scenario.spec import resolve

YAML_SUFFIXES = (".yaml", ".yml")


# ============================================================================ inputs
def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes (hex)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def folder_sha256(folder: str | Path) -> str:
    """SHA-256 over a folder's files: their sorted relative names and bytes (hex).

    Hidden files and folders (``.name``) and ``__pycache__`` are skipped, so the hash changes
    exactly when a data file changes, is added, removed or renamed.
    """
    root = Path(folder)
    h = hashlib.sha256()
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and not any(
            part.startswith(".") or part == "__pycache__" for part in p.relative_to(root).parts
        )
    )
    for p in files:
        rel = p.relative_to(root).as_posix().encode("utf-8")
        h.update(len(rel).to_bytes(8, "little") + rel)
        data = p.read_bytes()
        h.update(len(data).to_bytes(8, "little") + data)
    return h.hexdigest()


@dataclass(frozen=True)
class ScenarioJob:
    """One scenario to run: its spec, or why it could not be read.

    Attributes
    ----------
    index
        Position in the run (results keep this order).
    name
        The scenario's name (the file's stem when the file could not be read).
    source
        The file it came from (``<python>`` for specs made in code).
    spec
        The spec as it will run (``--draws`` applied); None when it could not be read.
    error
        Why the scenario cannot run (unreadable file, unknown lever...); None when it can.
    file_sha256
        SHA-256 of the file's bytes (None for specs made in code).
    reference
        The scenario the headline, league and watch list are computed from (the first
        baseline, else the first scenario that can run).
    folder
        Name of its folder under ``results/`` (unique in the run).
    """

    index: int
    name: str
    source: str
    spec: ScenarioSpec | None = None
    error: str | None = None
    file_sha256: str | None = None
    reference: bool = False
    folder: str = ""

    @property
    def spec_sha256(self) -> str | None:
        """SHA-256 of the scenario as run (its canonical YAML)."""
        if self.spec is None:
            return None
        return hashlib.sha256(self.spec.to_yaml().encode("utf-8")).hexdigest()

    @property
    def engine_key(self) -> tuple[str, int, int, str] | None:
        """What the engine depends on besides the data: as-of, draws, seed, method."""
        s = self.spec
        return None if s is None else (str(s.as_of), s.draws, s.seed, s.method)


def scenario_files(paths: Sequence[str | Path]) -> list[Path]:
    """The scenario files named by ``paths``: files as given, folders' ``*.yaml``/``*.yml``
    sorted by name.

    Raises
    ------
    InputError
        A path does not exist, or a folder holds no scenario file.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.iterdir() if f.is_file() and f.suffix.lower() in YAML_SUFFIXES
            )
            if not found:
                raise InputError(
                    f"the folder {p} holds no scenario files (*.yaml). Fix: give scenario "
                    "files or a folder of them (see docs/scenarios.md)."
                )
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise InputError(
                f"scenario file or folder {p} does not exist. Fix: check the path (scenario "
                "files are YAML, see docs/scenarios.md)."
            )
    return out


def failure_message(exc: BaseException) -> str:
    """A one-line message for a failure: user errors as they are, bugs with their type."""
    if isinstance(exc, SprintmodelError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _unique_folders(names: Sequence[str]) -> list[str]:
    from sprintmodel.filenames import safe_filename

    taken: set[str] = set()
    out = []
    for name in names:
        base = safe_filename(name, max_bytes=100)
        folder, n = base, 2
        while folder.lower() in taken:
            folder = f"{base}-{n}"
            n += 1
        taken.add(folder.lower())
        out.append(folder)
    return out


def prepare_jobs(
    items: Sequence[str | Path | ScenarioSpec],
    dataset: DataSet,
    levers: LeverSet,
    *,
    draws: int | None = None,
    as_of: str | Period | None = None,
) -> list[ScenarioJob]:
    """Read and check every scenario before any work; failures become jobs with an error.

    Parameters
    ----------
    items
        Scenario files (YAML) or specs, in order (expand folders with :func:`scenario_files`).
    dataset, levers
        What the scenarios are checked against (lever names and caps, units, projects, dates:
        :func:`sprintmodel.scenario.resolve`).
    draws
        Override every scenario's number of draws.
    as_of
        Run every scenario at this origin instead of its own (rolled forward:
        :meth:`ScenarioSpec.at`; dates passed since it was written become notes).

    Returns
    -------
    list of ScenarioJob
        One per item, in order, with unique result folder names and the reference marked.
    """
    jobs: list[ScenarioJob] = []
    for i, item in enumerate(items):
        if isinstance(item, ScenarioSpec):
            spec: ScenarioSpec | None = item
            source, digest, error = item.source, None, None
            name = item.name
        else:
            path = Path(item)
            source, name, spec, error, digest = str(path), path.stem, None, None, None
            try:
                digest = file_sha256(path)
                spec = ScenarioSpec.from_yaml(path)
                name = spec.name
            except Exception as exc:  # one bad file must not stop the others
                error = failure_message(exc)
        if spec is not None and draws is not None:
            spec = spec.replace(draws=draws)
        if spec is not None and as_of is not None:
            spec = spec.at(as_of)
        if spec is not None and error is None:
            try:
                resolve(spec, dataset, levers)
                check_draws(spec.draws, len(dataset.series_keys), "scenario", f"{source}: draws")
            except Exception as exc:
                error = failure_message(exc)
        jobs.append(ScenarioJob(i, name, source, spec, error, digest))
    folders = _unique_folders([j.name for j in jobs])
    ok = [j for j in jobs if j.error is None]
    ref = next((j for j in ok if j.spec is not None and j.spec.is_baseline), ok[0] if ok else None)
    return [
        replace(j, folder=f, reference=ref is not None and j.index == ref.index)
        for j, f in zip(jobs, folders, strict=True)
    ]


@dataclass(frozen=True)
class DataBundle:
    """The data set and levers a worker needs, with the data's hash (its cache key)."""

    dataset: DataSet
    levers: LeverSet
    sha256: str


def data_bundle(folder: str | Path, levers: str | Path | LeverSet | None = None) -> DataBundle:
    """Load a data folder and its levers for :func:`~sprintmodel.scenario.batch.run_scenarios`
    (hash included).

    ``levers``: a file, a :class:`LeverSet`, or None for the folder's ``levers.yaml`` (else the
    example city's).
    """
    from sprintmodel.scenario.levers import open_data

    folder = Path(folder)
    dataset, lever_set = open_data(folder, levers)
    digest = folder_sha256(folder)
    src = getattr(lever_set, "source", None)
    if (
        src
        and Path(str(src)).is_file()
        and not Path(str(src)).resolve().is_relative_to(folder.resolve())
    ):
        digest = hashlib.sha256((digest + file_sha256(str(src))).encode()).hexdigest()
    return DataBundle(dataset, lever_set, digest)


__all__ = [
    "DataBundle",
    "ScenarioJob",
    "data_bundle",
    "failure_message",
    "file_sha256",
    "folder_sha256",
    "prepare_jobs",
    "scenario_files",
]
