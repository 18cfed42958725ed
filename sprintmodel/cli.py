"""The ``sprintmodel`` command line: a thin shell over the computational core.

Every command reads a data folder in the form of ``DATA_CONTRACT.md`` (the bundled example city
when none is given), calls the core, and prints or writes the result. Errors a user can cause
are printed as one clear message naming the file, row, column and fix, with a non-zero exit code
and no traceback. The commands live in :mod:`sprintmodel.commands`, one module each.
"""

from __future__ import annotations

import os
import sys
import warnings

import typer

from sprintmodel.commands import app, err_console
from sprintmodel.errors import SprintmodelError

__all__ = ["app", "main"]


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: object = None,
    line: str | None = None,
) -> None:
    """Print a warning as one ``warning: ...`` line, without Python's source location."""
    err_console.print(f"warning: {message}", markup=False)


def main() -> None:
    """Entry point: run the app, turning errors into messages and exit codes.

    Exit codes: 0 success, 1 bad input (:class:`SprintmodelError`), 2 bad usage, 3 an internal
    error (a bug; ``SPRINTMODEL_DEBUG=1`` shows its traceback), 130 interrupted. Warnings are
    printed as ``warning: ...`` lines (with Python's file and line under
    ``SPRINTMODEL_DEBUG=1``).
    """
    if not os.environ.get("SPRINTMODEL_DEBUG"):
        warnings.showwarning = _show_warning
    try:
        result = app(standalone_mode=False)
    except SprintmodelError as exc:
        err_console.print(f"error: {exc}", markup=False)
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("aborted", markup=False)
        sys.exit(1)
    except Exception as exc:
        # Usage errors of click (which typer may vendor): they know how to show themselves.
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            sys.exit(exc.exit_code)
        if os.environ.get("SPRINTMODEL_DEBUG"):
            raise
        err_console.print(
            f"internal error (a bug in sprintmodel, please report it): "
            f"{type(exc).__name__}: {exc}\nRun again with SPRINTMODEL_DEBUG=1 to see the traceback.",
            markup=False,
        )
        sys.exit(3)
    except KeyboardInterrupt:
        err_console.print("interrupted", markup=False)
        sys.exit(130)
    sys.exit(result if isinstance(result, int) else 0)


if __name__ == "__main__":
    main()
