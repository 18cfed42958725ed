"""Command modules of the ``sprintmodel`` command line; each registers itself on :data:`app`.

To add a command, write ``commands/NAME.py`` with an ``@app.command()`` function and import it
here.
"""

from sprintmodel.commands import backtest, forecast, status, validate
from sprintmodel.commands import league as league
from sprintmodel.commands import run as run
from sprintmodel.commands._app import app, console, err_console

__all__ = ["app", "backtest", "console", "err_console", "forecast", "status", "validate"]
