"""The small base every results object shares: ``summary()``, ``to_frame()``, ``_repr_html_``, ``write``.

A results object (a forecast, a backtest, a scenario, a package, a tornado, a league table,
rank odds, next year's targets, an allocation, next year's draws, a calibration, a trend fit)
answers the same four questions the same way:

- :meth:`Results.summary`: plain text for a terminal or a log (``repr`` prints it too); the
  results a planner reads take ``lang`` (``"en"`` by default, ``"zh"``: words from
  :mod:`sprintmodel.words`), ``repr``, ``_repr_html_`` and ``write`` stay English (no results
  object carries a language);
- :meth:`Results.to_frame`: the main table, one row per unit × indicator (or per item);
- :meth:`Results._repr_html_`: the summary's first line over the table, in a notebook;
- :meth:`Results.write`: the table as CSV and the summary as text, into a folder (results
  with more files, the scenario's and the package's, write those).

Subclasses implement ``summary`` and ``to_frame`` and may override the other two. Pure: only
``write`` touches the disk, and only when called.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    import pandas as pd

FLOAT_FORMAT = "%.10g"
"""Float format of every results CSV (ten significant digits: far beyond the data's precision,
and free of the last-bit noise that would make files differ between machines and executors)."""


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """A results table as CSV: :data:`FLOAT_FORMAT`, ``\\n`` line ends, no index."""
    frame.to_csv(path, index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    return Path(path)


class Results:
    """Base of sprintmodel's results objects (see the module docstring)."""

    file_stem: ClassVar[str] = "results"
    """Stem of the files :meth:`write` writes (``results.csv``, ``results.txt``)."""

    def summary(self) -> str:
        """Plain text: what the result says, for a terminal or a log."""
        raise NotImplementedError

    def to_frame(self) -> pd.DataFrame:
        """The main table (a copy)."""
        raise NotImplementedError

    def _repr_html_(self) -> str:
        head = html.escape(self.summary().splitlines()[0])
        table = self.to_frame().to_html(index=False, float_format=lambda x: f"{x:,.2f}", na_rep="—")
        return f"<p><b>{head}</b></p>{table}"

    def write(self, folder: str | Path) -> Path:
        """Write ``<file_stem>.csv`` (:meth:`to_frame`) and ``<file_stem>.txt`` (:meth:`summary`)
        into ``folder`` (created if missing); returns the folder."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        write_csv(self.to_frame(), out / f"{self.file_stem}.csv")
        (out / f"{self.file_stem}.txt").write_text(self.summary() + "\n", encoding="utf-8")
        return out


__all__ = ["FLOAT_FORMAT", "Results", "write_csv"]
