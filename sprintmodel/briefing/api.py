"""One call from scenario files to a written briefing: :func:`brief`.

The orchestrator of :mod:`sprintmodel.briefing`: read and check the scenarios
(:mod:`~sprintmodel.scenario.jobs`), run them (:mod:`~sprintmodel.scenario.batch`), build the
model (:mod:`~sprintmodel.briefing.build`), draw the charts (:mod:`~sprintmodel.briefing.charts`)
and write the folder (:mod:`~sprintmodel.briefing.output`). The ``sprintmodel brief`` command and the
``06_briefing`` notebook call it and only show what it returns.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sprintmodel.briefing.build import build_briefing
from sprintmodel.briefing.document import BriefingModel, Section, SectionError
from sprintmodel.periods import Period
from sprintmodel.scenario import LeverSet, ScenarioSpec
from sprintmodel.scenario.batch import BatchResult, Executor, RunOptions, run_scenarios
from sprintmodel.scenario.jobs import DataBundle, data_bundle, prepare_jobs, scenario_files

if TYPE_CHECKING:
    from sprintmodel.league import LeagueReport


@dataclass(eq=False)
class BriefingRun:
    """What :func:`brief` did.

    Attributes
    ----------
    model
        The briefing (tables, sentences, charts' data).
    batch
        Every scenario's outcome.
    images
        PNG bytes by chart key.
    out
        The folder written (None when nothing was written).
    manifest
        The manifest written (empty when nothing was written).
    seconds
        Timings [s]: ``load``, ``run``, ``briefing``, ``charts``, ``write``, ``total``.
    notes
        Charts or sections left out, and why.
    """

    model: BriefingModel
    batch: BatchResult
    images: dict[str, bytes]
    out: Path | None = None
    manifest: dict[str, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[str]:
        """Names of the scenarios that failed."""
        return [o.name for o in self.batch.failed]

    @property
    def ok(self) -> bool:
        """True when every scenario ran."""
        return not self.batch.failed

    def section_html(self, key: str) -> str:
        """One section of the briefing as HTML (styles and charts included), for notebooks.

        Keys: ``headline``, ``comparison``, ``league``, ``projects``, ``details``, ``checks``,
        ``notes`` (and ``failures`` when a scenario failed); an absent section gives "".
        """
        from sprintmodel.briefing.html import render_section

        try:
            section = self.model.section(key)
        except KeyError:
            return ""
        return render_section(section, self.images)

    def _repr_html_(self) -> str:
        from sprintmodel.briefing.html import render_html

        return render_html(self.model, self.images)

    def __repr__(self) -> str:
        where = f", written to {self.out}" if self.out else ""
        return (
            f"BriefingRun({len(self.batch.outcomes)} scenarios, {len(self.batch.failed)} failed, "
            f"{len(self.model.flags)} flags{where})"
        )


def _as_sequence(
    scenarios: Sequence[str | Path | ScenarioSpec] | str | Path | ScenarioSpec | None,
) -> list[str | Path | ScenarioSpec]:
    """``scenarios`` as a list (None: empty)."""
    if scenarios is None:
        return []
    if isinstance(scenarios, str | Path | ScenarioSpec):
        return [scenarios]
    return list(scenarios)


def _is_data_folder(path: str | Path | ScenarioSpec) -> bool:
    """A folder holding a data folder's required tables (units.csv, observations.csv)."""
    if isinstance(path, ScenarioSpec):
        return False
    p = Path(path)
    return p.is_dir() and (p / "units.csv").is_file() and (p / "observations.csv").is_file()


def data_folder_given_as_scenarios(
    scenarios: Sequence[str | Path | ScenarioSpec] | str | Path | ScenarioSpec | None,
    data: str | Path | None,
) -> tuple[list[str | Path | ScenarioSpec], str | Path | None, str | None]:
    """Read a data folder named where scenarios go (``sprintmodel brief data/my_city``) as the
    data folder, and say so.

    Every other command takes the data folder as its argument, so a planner will type it here
    too. A data folder named alone (and no other ``--data``) is read as ``--data`` with its own
    ``scenarios/`` (:func:`default_scenarios`); the third value is the note saying so (None
    when nothing was reinterpreted).

    Raises
    ------
    InputError
        A data folder named with other scenarios, or besides a different ``--data``.
    """
    from sprintmodel.errors import InputError

    items = _as_sequence(scenarios)
    folders = [s for s in items if _is_data_folder(s)]
    if not folders:
        return items, data, None
    given = Path(folders[0])  # type: ignore[arg-type]
    if len(items) > 1 or (data is not None and Path(data).resolve() != given.resolve()):
        raise InputError(
            f"{given} is a data folder (it holds units.csv and observations.csv), not a "
            "scenario file or folder. Fix: give the data folder with --data and the scenarios "
            f"as files or a folder of them (e.g. {given / 'scenarios'})."
        )
    note = (
        f"{given} is a data folder: read as --data {given}, with the scenarios of "
        f"{given / 'scenarios'} (the baseline where it has none)"
    )
    return [], given, note


def _scenario_items(
    scenarios: Sequence[str | Path | ScenarioSpec] | str | Path | ScenarioSpec | None,
    folder: Path,
    bundle: DataBundle,
) -> list[str | Path | ScenarioSpec]:
    """The scenarios to run: the files and specs given (folders expanded), else the defaults."""
    scenarios = _as_sequence(scenarios)
    items: list[str | Path | ScenarioSpec] = []
    for s in scenarios:
        if isinstance(s, ScenarioSpec):
            items.append(s)
        else:
            items.extend(scenario_files([s]))
    return items or list(default_scenarios(folder, bundle))


def briefing_model(
    bundle: DataBundle,
    batch: BatchResult,
    *,
    lang: str = "zh",
    detail_limit: int = 12,
    data_folder: str | Path = "",
) -> tuple[BriefingModel, list[str]]:
    """The briefing of a batch run: the status and league computed here and passed in.

    The league is the reference scenario's (with its projection), else the year to date's; one
    that cannot be formed is shown in the briefing as a section saying why. The pluggable
    sections come from the reference outcome's extras. Returns the model and notes on the
    sections that could not be computed.
    """
    from sprintmodel import __version__
    from sprintmodel.briefing.build import reference_as_of, reference_outcome
    from sprintmodel.briefing.extras import ExtraContext, extra_sections
    from sprintmodel.league import league_report
    from sprintmodel.status import ytd_status
    from sprintmodel.words.briefing import t

    dataset = bundle.dataset
    ref = reference_outcome(batch.outcomes)
    as_of = reference_as_of(dataset, batch.outcomes)
    notes: list[str] = []
    sections: list[Section | SectionError] = []
    if ref is not None and ref.extras and ref.job.spec is not None:
        ctx = ExtraContext(dataset, lang, str(ref.job.spec.as_of), ref.name)
        sections, notes = extra_sections(ref.extras, ctx)
    league: LeagueReport | SectionError | None = ref.league if ref is not None else None
    if league is None:
        error = ref.league_error if ref is not None else None
        try:
            league = league_report(dataset, as_of) if error is None else None
        except Exception as exc:  # shown in the briefing, in the league's place
            error = f"{type(exc).__name__}: {exc}"
        if error is not None:
            league = SectionError("league", t("league", lang), error)
            notes.append(f"section league could not be computed: {error}")
    model = build_briefing(
        dataset,
        batch.outcomes,
        status=ytd_status(dataset, as_of),
        league=league,
        lang=lang,
        investment=bundle.levers.project_model.indicators.get("investment", "fai"),
        extra_sections=sections,
        detail_limit=detail_limit,
        levers=bundle.levers,
        meta={
            "version": __version__,
            "data": str(data_folder),
            "data_sha256": bundle.sha256,
            "levers": str(getattr(bundle.levers, "source", "") or ""),
        },
    )
    return model, notes


def default_scenarios(folder: Path, bundle: DataBundle) -> list[Path | ScenarioSpec]:
    """The data folder's ``scenarios/*.yaml``; without any, the baseline at the latest period."""
    sc = folder / "scenarios"
    if sc.is_dir() and any(
        p.suffix.lower() in (".yaml", ".yml") for p in sc.iterdir() if p.is_file()
    ):
        return list(scenario_files([sc]))
    return [
        ScenarioSpec(
            name="baseline",
            as_of=bundle.dataset.latest_period,
            description="基准情景：仅统计预测",
            source=f"<baseline of {folder}>",
        )
    ]


def brief(
    scenarios: Sequence[str | Path | ScenarioSpec] | str | Path | ScenarioSpec | None = None,
    *,
    data: str | Path | None = None,
    out: str | Path | None = None,
    lang: str = "zh",
    executor: Executor = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    draws: int | None = None,
    levers: str | Path | LeverSet | None = None,
    charts: bool = True,
    save_draws: bool = False,
    extras: Sequence[str] | None = None,
    detail_limit: int = 12,
    formats: Sequence[str] = ("docx", "html", "xlsx"),
    progress: bool | None = None,
    as_of: str | Period | None = None,
) -> BriefingRun:
    """Run scenarios and write a briefing (Word, HTML, Excel, per-scenario results, manifest).

    Parameters
    ----------
    scenarios
        Scenario files, folders of them, or specs, or one of them (default: the data folder's
        ``scenarios/``; without one, the baseline at the data's latest period). A data folder
        named alone is read as ``data`` (:func:`data_folder_given_as_scenarios`), with a note.
    data
        The data folder (default: the bundled example city).
    out
        Output folder; None computes and returns the briefing without writing.
    lang
        ``zh`` (default) or ``en``.
    executor, workers, scheduler
        Where the scenarios run (:func:`~sprintmodel.scenario.batch.run_scenarios`).
    draws
        Override every scenario's number of draws.
    levers
        Levers file or set (default: the data folder's ``levers.yaml``).
    charts
        Draw the charts (False skips matplotlib, for speed).
    save_draws
        Write each scenario's draws (``results/<name>/draws.npz``).
    extras
        Pluggable sections to compute (default: every available one,
        :func:`~sprintmodel.briefing.extras.available_extras`).
    detail_limit
        Scenarios given a detail section in the documents.
    formats
        Documents to write.
    progress
        Progress bar (default: on a terminal only).
    as_of
        Run every scenario at this origin (``2026-10``: October's figures are out) instead of
        the one it was written at; dates passed since become notes (:meth:`ScenarioSpec.at`).

    Returns
    -------
    BriefingRun
        Check :attr:`BriefingRun.ok`: a failed scenario is reported, not raised.

    Raises
    ------
    InputError
        Bad usage: a missing scenario path, an output folder not written by sprintmodel, an
        unknown language or executor, Dask missing.
    """
    from sprintmodel.briefing.charts import render_charts
    from sprintmodel.briefing.extras import available_extras, compute_extras
    from sprintmodel.briefing.output import check_out, write_briefing_folder
    from sprintmodel.datasets import data_path
    from sprintmodel.errors import InputError

    t0 = time.perf_counter()
    if lang not in ("zh", "en"):
        raise InputError(f"unknown language {lang!r}. Fix: use --lang zh or --lang en.")
    for f in formats:
        if f not in ("docx", "html", "xlsx"):
            raise InputError(f"unknown output format {f!r}. Fix: use docx, html or xlsx.")
    if out is not None:
        check_out(out)
    scenarios, data, reread = data_folder_given_as_scenarios(scenarios, data)
    folder = Path(data) if data is not None else data_path("example_city")
    bundle = data_bundle(folder, levers)
    items = _scenario_items(scenarios, folder, bundle)
    jobs = prepare_jobs(items, bundle.dataset, bundle.levers, draws=draws, as_of=as_of)
    names = tuple(available_extras()) if extras is None else tuple(extras)
    t1 = time.perf_counter()
    batch = run_scenarios(
        jobs,
        bundle,
        executor=executor,
        workers=workers,
        scheduler=scheduler,
        options=RunOptions(
            save_draws=save_draws,
            extras=functools.partial(compute_extras, names) if names else None,
        ),
        progress=progress,
    )
    t2 = time.perf_counter()
    model, notes = briefing_model(
        bundle, batch, lang=lang, detail_limit=detail_limit, data_folder=folder
    )
    t3 = time.perf_counter()
    images: dict[str, bytes] = {}
    if charts:
        images, chart_notes = render_charts(model)
        notes += chart_notes
    t4 = time.perf_counter()
    seconds = {
        "load": t1 - t0,
        "run": t2 - t1,
        "briefing": t3 - t2,
        "charts": t4 - t3,
    }
    if reread is not None:
        notes.insert(0, reread)
    run = BriefingRun(model, batch, images, seconds=seconds, notes=notes)
    if out is not None:
        run.manifest = write_briefing_folder(
            out,
            model,
            batch,
            bundle,
            images,
            data_folder=folder,
            seconds=seconds,
            chart_notes=notes,
            formats=formats,
        )
        run.out = Path(out)
        seconds["write"] = run.manifest["seconds"].get("write", 0.0)
    seconds["total"] = time.perf_counter() - t0
    return run


__all__ = [
    "BriefingRun",
    "brief",
    "briefing_model",
    "data_folder_given_as_scenarios",
    "default_scenarios",
]
