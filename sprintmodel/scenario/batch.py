"""Run many scenarios: locally (in process or a process pool) or on a Dask cluster.

The unit of work is a *chunk*: scenarios sharing one engine key (data, as-of, draws, seed,
forecast method). A worker builds the :class:`~sprintmodel.scenario.ScenarioEngine` for a key
once (the baseline forecast takes a few seconds), keeps it for the next chunks with the same key
and evaluates each scenario in milliseconds. Every scenario's failure is caught and returned with
its message; nothing one scenario does stops the others.

The scenarios come as jobs read and checked beforehand, with the data bundle they run on
(:mod:`sprintmodel.scenario.jobs`: :func:`~sprintmodel.scenario.jobs.prepare_jobs`,
:func:`~sprintmodel.scenario.jobs.data_bundle`).

Executors
---------
``local``
    ``workers=1`` (default): in this process, one engine per key. ``workers=N``: a
    :class:`concurrent.futures.ProcessPoolExecutor` of N processes (``spawn``), each building
    the engines it needs.
``dask``
    A :class:`distributed.Client` on a ``LocalCluster(n_workers=workers or 2,
    threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)`` started for
    the run, or on an existing scheduler (``scheduler="tcp://host:8786"``). The data set and
    levers are sent to every worker once (``Client.scatter(..., broadcast=True)``), so workers
    need not see the data folder.

The numbers do not depend on the executor: an engine is a pure function of its key, so local
and Dask runs give identical summaries (``tests/test_brief_runner.py``).
"""

from __future__ import annotations

import math
import os
import time
import traceback
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from sprintmodel.errors import InputError, SprintmodelError
from sprintmodel.limits import block_size
from sprintmodel.notes import Note
from sprintmodel.scenario import ScenarioSpec
from sprintmodel.scenario.jobs import DataBundle, ScenarioJob, failure_message
from sprintmodel.scenario.results import draws_npz_bytes

if TYPE_CHECKING:
    from sprintmodel.league import LeagueReport
    from sprintmodel.scenario import ScenarioEngine, ScenarioResult

Executor = Literal["local", "dask"]
Status = Literal["ok", "failed"]

ENGINE_CACHE_SIZE = 2
"""Engines a worker keeps (one per key; each holds the draws of every unit × indicator, about
50 MB at 10,000 draws on the example city)."""

CHUNKS_PER_WORKER = 4
"""Chunks per worker and engine key: enough for the load to balance, few enough that each
chunk's overhead (a task, a pickle of its results) stays small."""


# ============================================================================ outcomes
@dataclass(eq=False)
class ScenarioOutcome:
    """What running one scenario gave (picklable: frames and plain values, no engine).

    Attributes
    ----------
    job
        The job it ran.
    status
        ``ok`` or ``failed``.
    error
        The failure's message.
    summary
        :meth:`ScenarioResult.to_frame` (one row per unit × indicator, with names).
    attribution, costs, projects
        :meth:`~ScenarioResult.attribution`, :meth:`~ScenarioResult.cost_table` and the watch
        list :meth:`~ScenarioResult.project_table` (empty without a project register).
    industries
        :meth:`~ScenarioResult.industries_frame`: GDP's change by industry (empty where GDP
        moves through fixed factors).
    waterfalls
        Per indicator, :meth:`ScenarioResult.waterfall` of the root unit (the city).
    bands
        The root's 95% band of full-year growth: ``unit, indicator, fy_growth_p025,
        fy_growth_p975`` [%].
    league
        The league report with the scenario's projection (the reference scenario only).
    league_error
        Why that league report could not be formed (the scenario itself still ran).
    extras
        Results of the worker-side extras (:attr:`RunOptions.extras`; reference only).
    notes
        The result's and the engine's notes (:class:`~sprintmodel.notes.Note`).
    seconds
        Time to evaluate and tabulate [s]; ``build_seconds`` the engine build it waited for.
    worker
        Where it ran (host:pid).
    draws_npz
        The compressed draws (``save_draws``), else None.
    """

    job: ScenarioJob
    status: Status = "ok"
    error: str | None = None
    summary: pd.DataFrame | None = None
    attribution: pd.DataFrame | None = None
    costs: pd.DataFrame | None = None
    projects: pd.DataFrame | None = None
    industries: pd.DataFrame | None = None
    waterfalls: dict[str, pd.DataFrame] = field(default_factory=dict)
    bands: pd.DataFrame | None = None
    league: LeagueReport | None = None
    league_error: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    cost: float = math.nan
    seconds: float = 0.0
    build_seconds: float = 0.0
    worker: str = ""
    draws_npz: bytes | None = None

    @property
    def ok(self) -> bool:
        """True when the scenario ran."""
        return self.status == "ok"

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self.job.name


@dataclass(frozen=True)
class RunOptions:
    """What each scenario's run returns besides its summary.

    Attributes
    ----------
    projects
        Compute the project watch list (about 40 ms per scenario on the example city).
    league
        Compute the league report with the reference scenario's projection.
    save_draws
        Return each scenario's draws (``draws.npz``; 0.5 MB per 2,000 draws on the example city).
    extras
        Computed in the worker for the reference scenario: ``extras(engine, result)`` returns
        a mapping stored as :attr:`ScenarioOutcome.extras` (the briefing passes its pluggable
        sections, :func:`sprintmodel.briefing.extras.compute_extras`); a module-level function
        or a :func:`functools.partial` of one, so that it pickles to Dask workers.
    """

    projects: bool = True
    league: bool = True
    save_draws: bool = False
    extras: Callable[[ScenarioEngine, ScenarioResult], dict[str, Any]] | None = None


@dataclass(eq=False)
class BatchResult:
    """Every scenario's outcome, in the order given, and how the run went."""

    outcomes: list[ScenarioOutcome]
    executor: Executor
    workers: int
    scheduler: str | None
    seconds: float
    started: float
    finished: float

    @property
    def ok(self) -> list[ScenarioOutcome]:
        """Outcomes of the scenarios that ran."""
        return [o for o in self.outcomes if o.ok]

    @property
    def failed(self) -> list[ScenarioOutcome]:
        """Outcomes of the scenarios that failed."""
        return [o for o in self.outcomes if not o.ok]

    @property
    def reference(self) -> ScenarioOutcome | None:
        """The reference scenario's outcome, if it ran."""
        return next((o for o in self.outcomes if o.job.reference and o.ok), None)

    def summaries(self) -> pd.DataFrame:
        """Every successful scenario's summary, stacked (``scenario`` is the first column)."""
        frames = [o.summary for o in self.ok if o.summary is not None]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    @property
    def scenarios_per_second(self) -> float:
        """Throughput of the run [scenarios/s]."""
        return len(self.outcomes) / self.seconds if self.seconds > 0 else math.nan


# ============================================================================ the worker
_ENGINES: OrderedDict[tuple[Any, ...], ScenarioEngine] = OrderedDict()


def _engine(bundle: DataBundle, spec: ScenarioSpec) -> tuple[ScenarioEngine, float]:
    """The engine for ``spec`` (built once per worker and key); and the seconds spent building."""
    from sprintmodel.scenario import ScenarioEngine

    key = (bundle.sha256, spec.as_of, spec.draws, spec.seed, spec.method)
    engine = _ENGINES.get(key)
    if engine is not None:
        _ENGINES.move_to_end(key)
        return engine, 0.0
    t0 = time.perf_counter()
    engine = ScenarioEngine.build(
        bundle.dataset,
        spec.as_of,
        levers=bundle.levers,
        n_draws=spec.draws,
        seed=spec.seed,
        method=spec.method,
    )
    _ENGINES[key] = engine
    while len(_ENGINES) > ENGINE_CACHE_SIZE:
        _, old = _ENGINES.popitem(last=False)
        for k in [k for k in _WATCH if k[0] == id(old)]:
            del _WATCH[k]
    return engine, time.perf_counter() - t0


def _in_blocks(bundle: DataBundle, spec: ScenarioSpec) -> bool:
    """Whether ``spec``'s draws exceed one engine's memory (:func:`block_size`)."""
    return block_size(spec.draws, len(bundle.dataset.series_keys)) < spec.draws


def clear_engines() -> None:
    """Forget the engines (and watch lists) this process built (tests, memory)."""
    _ENGINES.clear()
    _WATCH.clear()


_WATCH: OrderedDict[tuple[Any, ...], pd.DataFrame] = OrderedDict()
WATCH_CACHE_SIZE = 64
"""Watch lists a worker keeps: a watch list depends only on the engine and the scenario's
project shifts (not on its levers), so scenarios that share their shifts share it."""


def _watch_list(engine: ScenarioEngine, result: ScenarioResult) -> pd.DataFrame:
    """``result.project_table()``, reused across scenarios with the same project shifts."""
    key = (id(engine), result.spec.as_of, result.spec.projects)
    hit = _WATCH.get(key)
    if hit is None:
        hit = result.project_table()
        _WATCH[key] = hit
        while len(_WATCH) > WATCH_CACHE_SIZE:
            _WATCH.popitem(last=False)
    else:
        _WATCH.move_to_end(key)
    return hit.copy()


def _bands(result: ScenarioResult, unit: str) -> pd.DataFrame:
    rows = []
    for code, fy in result.fy.items():
        d = result.engine.plans[code].draws
        if unit not in d.units:
            continue
        i = d.units.index(unit)
        with np.errstate(invalid="ignore", divide="ignore"):
            lo, hi = 100.0 * (np.quantile(fy[:, i], [0.025, 0.975]) / d.base_full[i] - 1.0)
        rows.append({"unit": unit, "indicator": code, "fy_growth_p025": lo, "fy_growth_p975": hi})
    return pd.DataFrame(rows, columns=["unit", "indicator", "fy_growth_p025", "fy_growth_p975"])


def run_one(bundle: DataBundle, job: ScenarioJob, options: RunOptions) -> ScenarioOutcome:
    """Run one scenario (building or reusing its engine); failures are returned, not raised."""
    import socket

    worker = f"{socket.gethostname()}:{os.getpid()}"
    if job.error is not None or job.spec is None:
        return ScenarioOutcome(job, "failed", job.error or "no scenario", worker=worker)
    t0 = time.perf_counter()
    build = 0.0
    try:
        if _in_blocks(bundle, job.spec):  # draws beyond one engine's memory: blocks
            from sprintmodel.scenario.blocks import evaluate_blocks

            t1 = time.perf_counter()
            result = evaluate_blocks(bundle.dataset, job.spec, bundle.levers)
            engine = result.engine
        else:
            engine, build = _engine(bundle, job.spec)
            t1 = time.perf_counter()
            result = engine.evaluate(job.spec)
        root = bundle.dataset.root
        out = ScenarioOutcome(
            job,
            summary=result.to_frame(),
            attribution=result.attribution(),
            costs=result.cost_table(),
            projects=_watch_list(engine, result) if options.projects else None,
            industries=result.industries_frame(),
            waterfalls={
                code: result.waterfall(root, code)
                for code, plan in engine.plans.items()
                if root in plan.units
            },
            bands=_bands(result, root),
            notes=result.all_notes,
            cost=float(result.cost),
            worker=worker,
        )
        if job.reference and options.league:
            from sprintmodel.league import league_report

            try:
                out.league = league_report(bundle.dataset, job.spec.as_of, draws=result.to_draws())
            except Exception as exc:  # the scenario ran; the briefing shows the league's error
                out.league_error = failure_message(exc)
        if job.reference and options.extras is not None:
            out.extras = dict(options.extras(engine, result))
        if options.save_draws:
            out.draws_npz = draws_npz_bytes(result)
        out.seconds = time.perf_counter() - t1
        out.build_seconds = build
        return out
    except Exception as exc:
        out = ScenarioOutcome(
            job, "failed", failure_message(exc), worker=worker, build_seconds=build
        )
        if not isinstance(exc, SprintmodelError):  # a bug: keep where it happened
            detail = traceback.format_exc(limit=-3).strip()
            out.notes = (Note.of("scenario.failure_detail", detail=detail),)
        out.seconds = time.perf_counter() - t0
        return out


def run_chunk(
    bundle: DataBundle, jobs: Sequence[ScenarioJob], options: RunOptions
) -> list[ScenarioOutcome]:
    """Run a chunk of scenarios in this process (the task a worker executes)."""
    return [run_one(bundle, job, options) for job in jobs]


# ============================================================================ dispatch
def chunk_jobs(jobs: Sequence[ScenarioJob], workers: int) -> list[list[ScenarioJob]]:
    """Split jobs into chunks that share an engine key, about :data:`CHUNKS_PER_WORKER` per
    worker and key; jobs that cannot run form chunks of their own."""
    groups: OrderedDict[Any, list[ScenarioJob]] = OrderedDict()
    for j in jobs:
        groups.setdefault(j.engine_key if j.error is None else ("failed",), []).append(j)
    chunks: list[list[ScenarioJob]] = []
    for key, group in groups.items():
        if key == ("failed",):
            chunks.append(group)
            continue
        # The reference goes first in its own chunk: its league report takes longest.
        ref = [j for j in group if j.reference]
        rest = [j for j in group if not j.reference]
        if ref:
            chunks.append(ref)
        if rest:
            size = max(1, math.ceil(len(rest) / (max(1, workers) * CHUNKS_PER_WORKER)))
            chunks.extend(rest[i : i + size] for i in range(0, len(rest), size))
    return chunks


def _progress(total: int, enabled: bool | None) -> Any:
    from tqdm.auto import tqdm

    return tqdm(
        total=total,
        desc="scenarios",
        unit="scenario",
        disable=None if enabled is None else not enabled,
        leave=False,
    )


def _failed_chunk(chunk: Sequence[ScenarioJob], exc: BaseException) -> list[ScenarioOutcome]:
    msg = f"the worker running it failed: {failure_message(exc)}"
    return [ScenarioOutcome(j, "failed", msg) for j in chunk]


def _run_local(
    bundle: DataBundle,
    chunks: list[list[ScenarioJob]],
    options: RunOptions,
    workers: int,
    bar: Any,
) -> list[ScenarioOutcome]:
    out: list[ScenarioOutcome] = []
    if workers <= 1:
        for chunk in chunks:
            for job in chunk:
                out.append(run_one(bundle, job, options))
                bar.update(1)
        return out
    import concurrent.futures as cf
    import multiprocessing as mp

    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
        futures = {pool.submit(run_chunk, bundle, chunk, options): chunk for chunk in chunks}
        for fut in cf.as_completed(futures):
            chunk = futures[fut]
            try:
                out.extend(fut.result())
            except Exception as exc:
                out.extend(_failed_chunk(chunk, exc))
            bar.update(len(chunk))
    return out


def dask_client(scheduler: str | None = None, workers: int | None = None) -> tuple[Any, Any]:
    """A Dask client: on ``scheduler`` if given, else on a new loopback ``LocalCluster``.

    Returns
    -------
    (client, cluster)
        ``cluster`` is None for an existing scheduler; close both when done.

    Raises
    ------
    InputError
        Dask is not installed, or the scheduler cannot be reached.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise InputError(
            "--executor dask needs the dask and distributed packages. Fix: pip install "
            "'sprintmodel[dask]' (or use --executor local)."
        ) from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise InputError(
                f"cannot reach the Dask scheduler at {scheduler}: {exc}. Fix: check the address "
                "(tcp://HOST:8786) and that the scheduler is running, or leave out --scheduler "
                "to start a local cluster."
            ) from exc
    cluster = LocalCluster(
        n_workers=workers or 2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    return Client(cluster), cluster


def _run_dask(
    bundle: DataBundle,
    chunks: list[list[ScenarioJob]],
    options: RunOptions,
    workers: int | None,
    scheduler: str | None,
    bar: Any,
) -> tuple[list[ScenarioOutcome], int]:
    from distributed import as_completed

    client, cluster = dask_client(scheduler, workers)
    try:
        n_workers = len(client.scheduler_info().get("workers", {})) or (workers or 2)
        data = client.scatter(bundle, broadcast=True)
        run_id = uuid.uuid4().hex[:12]  # task keys unique on a shared scheduler
        futures = [
            client.submit(
                run_chunk, data, chunk, options, pure=False, key=f"sprintmodel-{run_id}-{i}"
            )
            for i, chunk in enumerate(chunks)
        ]
        by_key = {f.key: chunk for f, chunk in zip(futures, chunks, strict=True)}
        out: list[ScenarioOutcome] = []
        for fut in as_completed(futures):
            chunk = by_key[fut.key]
            try:
                out.extend(fut.result())
            except Exception as exc:
                out.extend(_failed_chunk(chunk, exc))
            bar.update(len(chunk))
        return out, n_workers
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_scenarios(
    jobs: Sequence[ScenarioJob],
    bundle: DataBundle,
    *,
    executor: Executor = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    options: RunOptions | None = None,
    progress: bool | None = None,
) -> BatchResult:
    """Run every job and return the outcomes in the jobs' order.

    Parameters
    ----------
    jobs
        From :func:`~sprintmodel.scenario.jobs.prepare_jobs` (jobs with an error are reported
        as failed, not run).
    bundle
        The data set and levers (:func:`~sprintmodel.scenario.jobs.data_bundle`).
    executor
        ``"local"`` or ``"dask"`` (see the module docstring).
    workers
        Processes: local default 1 (in this process), Dask default 2 (a new LocalCluster).
    scheduler
        Address of an existing Dask scheduler (implies ``executor="dask"``).
    options
        What to compute besides the summaries (:class:`RunOptions`).
    progress
        Show a progress bar (default: only on a terminal).

    Returns
    -------
    BatchResult
    """
    options = options or RunOptions()
    if scheduler:
        executor = "dask"
    if executor not in ("local", "dask"):
        raise InputError(f"unknown executor {executor!r}. Fix: use local or dask.")
    if workers is not None and workers < 1:
        raise InputError(f"--workers must be at least 1 (got {workers}).")
    started = time.time()
    t0 = time.perf_counter()
    n_workers = workers or (2 if executor == "dask" else 1)
    chunks = chunk_jobs(jobs, n_workers)
    bar = _progress(len(jobs), progress)
    try:
        if executor == "dask":
            outcomes, n_workers = _run_dask(bundle, chunks, options, workers, scheduler, bar)
        else:
            outcomes = _run_local(bundle, chunks, options, n_workers, bar)
    finally:
        bar.close()
    outcomes.sort(key=lambda o: o.job.index)
    return BatchResult(
        outcomes=outcomes,
        executor=executor,
        workers=n_workers,
        scheduler=scheduler,
        seconds=time.perf_counter() - t0,
        started=started,
        finished=time.time(),
    )


__all__ = [
    "BatchResult",
    "Executor",
    "RunOptions",
    "ScenarioOutcome",
    "chunk_jobs",
    "clear_engines",
    "dask_client",
    "run_chunk",
    "run_one",
    "run_scenarios",
]
