"""Briefings: many scenarios in one run, written as Word, HTML and Excel.

Layers, from pure to shell:

- :mod:`~sprintmodel.briefing.formatting`: each figure formatted once (:class:`Num`);
- :mod:`~sprintmodel.briefing.sentences`: Chinese and English sentences from those figures;
- :mod:`~sprintmodel.briefing.flags`: plausibility checks before anything goes out;
- :mod:`~sprintmodel.briefing.build`: :func:`build_briefing` → :class:`BriefingModel` (tables,
  sentences, charts' data; no I/O, no matplotlib);
- :mod:`~sprintmodel.scenario.jobs` and :mod:`~sprintmodel.scenario.batch`: read and check
  the scenarios, then run them locally or on Dask, one engine per worker and key, failures
  captured;
- :mod:`~sprintmodel.briefing.extras`: pluggable sections (recommended package, next year's
  targets);
- :mod:`~sprintmodel.briefing.charts`, :mod:`~sprintmodel.briefing.docx`,
  :mod:`~sprintmodel.briefing.html`, :mod:`~sprintmodel.briefing.xlsx`,
  :mod:`~sprintmodel.briefing.output`: the shells;
- :func:`brief`: all of it in one call (what ``sprintmodel brief`` and the ``06_briefing``
  notebook use).

See ``docs/briefing.md``.
"""

from sprintmodel.briefing.api import BriefingRun, brief
from sprintmodel.briefing.build import build_briefing
from sprintmodel.briefing.document import BriefingModel, ChartSpec, Column, Section, Span, Table
from sprintmodel.briefing.flags import Flag, check_plausibility
from sprintmodel.briefing.formatting import Num
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.scenario.batch import BatchResult, RunOptions, ScenarioOutcome, run_scenarios
from sprintmodel.scenario.jobs import (
    DataBundle,
    ScenarioJob,
    data_bundle,
    prepare_jobs,
    scenario_files,
)

__all__ = [
    "BatchResult",
    "BriefingModel",
    "BriefingRun",
    "ChartSpec",
    "Column",
    "DataBundle",
    "Flag",
    "Num",
    "RunOptions",
    "ScenarioJob",
    "ScenarioOutcome",
    "Section",
    "Sentence",
    "Span",
    "Table",
    "brief",
    "build_briefing",
    "check_plausibility",
    "data_bundle",
    "prepare_jobs",
    "run_scenarios",
    "scenario_files",
]
