"""Command modules of the ``sprintmodel`` command line; each registers itself on :data:`app`.

To add a command, write ``commands/NAME.py`` with an ``@app.command()`` function and import it
here.
"""

from sprintmodel.commands import (
    accounts,
    backtest,
    brief,
    forecast,
    league,
    optimize,
    run,
    status,
    targets,
    validate,
)
from sprintmodel.commands._app import app, console, err_console

__all__ = [
    "accounts",
    "app",
    "backtest",
    "brief",
    "console",
    "err_console",
    "forecast",
    "league",
    "optimize",
    "run",
    "status",
    "targets",
    "validate",
]
