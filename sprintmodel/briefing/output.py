"""The briefing's output folder, written in one piece.

::

    OUT/
      briefing.docx   briefing.html   briefing.xlsx
      charts/<chart>.png
      results/<scenario>/summary.csv, attribution.csv, costs.csv, projects.csv,
                         scenario.yaml, run.json [, draws.npz] (error.txt for a failed one)
      manifest.json
      .sprintmodel-output

Everything is written into a temporary folder beside ``OUT`` and moved into place when complete
(:func:`sprintmodel.reporting.files.atomic_folder`); an existing ``OUT`` written by sprintmodel
is replaced in one step, any other folder is refused. CSV files use ``float_format="%.10g"`` and
``\\n`` line ends (:func:`sprintmodel.results.write_csv`, as ``sprintmodel run``), rows in the scenario engine's stable order, so the same inputs and seeds give
byte-identical ``summary.csv`` files on every machine and executor.
"""

from __future__ import annotations

import json
import platform
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sprintmodel.briefing.document import BriefingModel
from sprintmodel.errors import InputError
from sprintmodel.reporting.files import atomic_folder, check_output_folder
from sprintmodel.scenario.batch import BatchResult, ScenarioOutcome
from sprintmodel.scenario.jobs import DataBundle
from sprintmodel.scenario.results import note_names, write_result_folder
from sprintmodel.words.notes import note_records

MANIFEST_VERSION = 1


def check_out(out: str | Path) -> Path:
    """Refuse an output folder that exists and was not written by sprintmodel (before any work)."""
    out = check_output_folder(out)
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"cannot write {out}: the folder {parent} does not exist")
    return out


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


def scenario_record(o: ScenarioOutcome) -> dict[str, Any]:
    """The manifest's entry for one scenario."""
    j, s = o.job, o.job.spec
    return {
        "name": j.name,
        "file": j.source,
        "folder": f"results/{j.folder}",
        "status": o.status,
        "error": o.error,
        "reference": j.reference,
        "file_sha256": j.file_sha256,
        "spec_sha256": j.spec_sha256,
        "as_of": str(s.as_of) if s is not None else None,
        "draws": s.draws if s is not None else None,
        "seed": s.seed if s is not None else None,
        "method": s.method if s is not None else None,
        "cost": None if o.cost != o.cost else round(o.cost, 6),
        "seconds": round(o.seconds, 4),
        "engine_build_seconds": round(o.build_seconds, 3),
        "worker": o.worker,
    }


def write_results(
    folder: Path,
    outcomes: Sequence[ScenarioOutcome],
    lang: str = "en",
    names: Mapping[str, str] | None = None,
) -> None:
    """One folder per scenario under ``folder`` (see the module docstring), written by
    :func:`sprintmodel.scenario.results.write_result_folder` like ``sprintmodel run``'s; the
    notes in ``run.json`` as ``{"code", "params", "text"}``, ``text`` in ``lang`` (``names``:
    :func:`sprintmodel.scenario.results.note_names`)."""
    folder.mkdir(parents=True, exist_ok=True)
    for o in outcomes:
        d = folder / o.job.folder
        d.mkdir()
        rec = scenario_record(o)
        rec["notes"] = note_records(o.notes, lang, names)
        if o.ok:
            write_result_folder(
                d,
                spec=o.job.spec,
                summary=o.summary,
                attribution=o.attribution,
                costs=o.costs,
                projects=o.projects,
                industries=o.industries,
                draws_npz=o.draws_npz,
                meta=rec,
            )
        else:
            write_result_folder(d, spec=o.job.spec, meta=rec)
            (d / "error.txt").write_text((o.error or "") + "\n", encoding="utf-8")


def build_manifest(
    model: BriefingModel,
    batch: BatchResult,
    bundle: DataBundle,
    *,
    data_folder: str | Path,
    outputs: Sequence[str],
    seconds: Mapping[str, float],
    chart_notes: Sequence[str] = (),
) -> dict[str, Any]:
    """``manifest.json``: version, data and scenario hashes, seeds, times, status, errors."""
    from sprintmodel import __version__

    levers_src = getattr(bundle.levers, "source", None)
    return {
        "manifest_version": MANIFEST_VERSION,
        "sprintmodel_version": __version__,
        "python": platform.python_version(),
        "created": _iso(time.time()),
        "data": {
            "folder": str(data_folder),
            "sha256": bundle.sha256,
            "hash": "sha256 over sorted relative file names and bytes (hidden files skipped); "
            "includes the levers file when it lies outside the folder",
        },
        "levers": str(levers_src) if levers_src else None,
        "lang": model.lang,
        "as_of": model.meta.get("as_of"),
        "reference": next((o.name for o in batch.outcomes if o.job.reference), None),
        "executor": batch.executor,
        "workers": batch.workers,
        "scheduler": batch.scheduler,
        "run": {
            "started": _iso(batch.started),
            "finished": _iso(batch.finished),
            "seconds": round(batch.seconds, 3),
            "scenarios_per_second": round(batch.scenarios_per_second, 3),
        },
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "n_scenarios": len(batch.outcomes),
        "n_ok": len(batch.ok),
        "n_failed": len(batch.failed),
        "scenarios": [scenario_record(o) for o in batch.outcomes],
        "flags": [
            {
                "kind": f.kind,
                "scenario": f.scenario,
                "unit": f.unit,
                "indicator": f.indicator,
                "value": f.value.text,
                "reference": f.reference.text,
                "message": f.message.text,
            }
            for f in model.flags
        ],
        "chart_notes": list(chart_notes),
        "outputs": list(outputs),
    }


def write_briefing_folder(
    out: str | Path,
    model: BriefingModel,
    batch: BatchResult,
    bundle: DataBundle,
    images: Mapping[str, bytes],
    *,
    data_folder: str | Path,
    seconds: Mapping[str, float] | None = None,
    chart_notes: Sequence[str] = (),
    formats: Sequence[str] = ("docx", "html", "xlsx"),
) -> dict[str, Any]:
    """Write the whole output folder atomically; returns the manifest written.

    Parameters
    ----------
    out
        The folder (replaced as a whole if it was written by sprintmodel).
    model, batch, bundle, images
        The briefing, the run, the data and the chart images.
    data_folder
        Where the data came from (recorded).
    seconds
        Timings recorded in the manifest (``run``, ``briefing``...); ``write`` is added.
    chart_notes
        Charts that could not be drawn.
    formats
        Documents to write (any of ``docx``, ``html``, ``xlsx``).
    """
    from sprintmodel.briefing.docx import write_docx
    from sprintmodel.briefing.html import write_html
    from sprintmodel.briefing.xlsx import write_xlsx

    out = check_out(out)
    t0 = time.perf_counter()
    timings = dict(seconds or {})
    with atomic_folder(out) as tmp:
        outputs: list[str] = []
        if "docx" in formats:
            write_docx(model, images, tmp / "briefing.docx")
            outputs.append("briefing.docx")
        if "html" in formats:
            write_html(model, images, tmp / "briefing.html")
            outputs.append("briefing.html")
        if "xlsx" in formats:
            write_xlsx(model, tmp / "briefing.xlsx", notes=chart_notes)
            outputs.append("briefing.xlsx")
        if images:
            (tmp / "charts").mkdir()
            for key, png in images.items():
                (tmp / "charts" / f"{key}.png").write_bytes(png)
            outputs.append("charts/")
        names = note_names(bundle.dataset, bundle.levers, model.lang)
        write_results(tmp / "results", batch.outcomes, model.lang, names)
        outputs += ["results/", "manifest.json"]
        timings["write"] = time.perf_counter() - t0
        manifest = build_manifest(
            model,
            batch,
            bundle,
            data_folder=data_folder,
            outputs=outputs,
            seconds=timings,
            chart_notes=chart_notes,
        )
        (tmp / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return manifest


__all__ = [
    "build_manifest",
    "check_out",
    "scenario_record",
    "write_briefing_folder",
    "write_results",
]
