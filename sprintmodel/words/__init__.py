"""Every word readers see, in Chinese and English: one list, below every writer and chart.

- :mod:`~.headers`: column headers (:data:`HEADERS`, :func:`header`), project statuses, kinds
  of cost, and two frame helpers (:func:`insert_names`, :func:`translate_values`);
- :mod:`~.options`: next year's target options and tiers (保底, 力争, 奋斗);
- :mod:`~.periods`: spans and periods (前三季度, 1—9月, 四季度);
- :mod:`~.wording`: how a whole and its members are named (全市/全省, 区县/乡镇);
- :mod:`~.briefing`: the briefing's titles and sentence frames (:func:`t`);
- :mod:`~.charts`: chart legends and titles (:func:`text`);
- :mod:`~.units`: measure words of lever intensities (:func:`short_unit`);
- :mod:`~.notes`: the frames of the notes computation returns as :class:`~sprintmodel.notes.Note`
  codes (:func:`note_text`), and the tornado's assumption names;
- :mod:`~.target_notes`: the frames of next year's targets' notes (``targets.*``: the draft's
  and its tables' rows), part of :data:`NOTE_TEXT`;
- :mod:`~.optimize`: the optimiser's printout (the package and the tornado);
- :mod:`~.summaries`: the other results objects' printouts (``summary(lang)`` of the forecast,
  the backtest, the league and its odds, the targets' calibration, trend, next year's draws and
  allocation) and the forecast methods' names;
- :mod:`~.console`: the terminal lines of ``sprintmodel run``, ``brief`` and ``forecast``.

Plain data and small pure functions; nothing here computes a figure, and computation may import
it (it imports only :mod:`sprintmodel.periods`, :mod:`sprintmodel.notes` and
:mod:`sprintmodel.data.model`).
"""

from sprintmodel.words.headers import (
    COST_KIND,
    HEADERS,
    PROJECT_STATUS,
    bare_header,
    header,
    insert_names,
    translate_values,
)
from sprintmodel.words.notes import NOTE_TEXT, code_names, note_text
from sprintmodel.words.options import OPTION_NAMES, TIER_NAMES, option_name, tier_name
from sprintmodel.words.periods import month_span_label, period_label, rest_label, span_label
from sprintmodel.words.units import UNIT_WORDS, short_unit, table_unit
from sprintmodel.words.wording import Wording, wording

__all__ = [
    "COST_KIND",
    "HEADERS",
    "NOTE_TEXT",
    "OPTION_NAMES",
    "PROJECT_STATUS",
    "TIER_NAMES",
    "UNIT_WORDS",
    "Wording",
    "bare_header",
    "code_names",
    "header",
    "insert_names",
    "month_span_label",
    "note_text",
    "option_name",
    "period_label",
    "rest_label",
    "short_unit",
    "span_label",
    "table_unit",
    "tier_name",
    "translate_values",
    "wording",
]
