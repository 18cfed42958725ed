"""The briefing's sections, one module each; every builder is pure (figures in, a Section out).

:mod:`~.headline`, :mod:`~.comparison`, :mod:`~.league`, :mod:`~.projects`, :mod:`~.detail`,
:mod:`~.failures`, :mod:`~.checks`, :mod:`~.notes`, and the pluggable ones computed from the
reference scenario's engine: :mod:`~.package` (the recommended package) and
:mod:`~.next_year` (next year's targets), registered in :mod:`sprintmodel.briefing.extras`.
Shared helpers are in :mod:`~._common`. To add a section, see ``docs/architecture.md``.
"""
