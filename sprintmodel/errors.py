"""Errors sprintmodel reports to its users.

Every error a user can cause derives from :class:`SprintmodelError`; the command line shows its
message (naming the file, row, column and the fix) and exits non-zero, without a traceback.
"""

from __future__ import annotations


class SprintmodelError(Exception):
    """Base of every error sprintmodel reports to a user (shown without a traceback)."""


class InputError(SprintmodelError):
    """A file or argument given by the user that cannot be used (scenario, config, option)."""
