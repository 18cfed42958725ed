"""Problems found in a data folder, and the report that gathers them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from sprintmodel.errors import SprintmodelError

MAX_ROWS_PER_CHECK = 20
"""Rows reported one by one for each check before the rest are counted in one line."""

Severity = Literal["error", "warning", "fixed"]
"""``error`` stops the load; ``warning`` lets it go on; ``fixed`` is an unambiguous automatic
repair (an encoding, a thousands separator) that is reported, never silent."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or repaired) in a data folder.

    Attributes
    ----------
    severity
        ``"error"``, ``"warning"`` or ``"fixed"``.
    file
        File name within the folder (e.g. ``observations.csv``).
    message
        What is wrong.
    fix
        What to do about it (empty for fixed problems).
    row
        Spreadsheet row number (the header is row 1), or None for the whole file.
    column
        Column name, or None.
    """

    severity: Severity
    file: str
    message: str
    fix: str = ""
    row: int | None = None
    column: str | None = None

    def location(self) -> str:
        """``file, row R, column 'c'`` as far as known."""
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.severity.upper()}: {self.location()}: {self.message}"
        if self.fix:
            text += f" Fix: {self.fix}"
        return text


@dataclass
class ValidationReport:
    """All problems found in one folder, in the order found.

    The report is the single place problems are collected; :attr:`ok` is False when there is
    any error. Printing the report gives one line per problem, errors first.
    """

    folder: str
    problems: list[Problem] = field(default_factory=list)
    max_per_kind: int = 20
    announce: list[str] = field(default_factory=list)
    """Warnings every command prints when it loads the folder (see ``load_folder``), not only
    ``validate``: completeness and plausibility problems the numbers were worked around."""

    def add(
        self,
        severity: Severity,
        file: str,
        message: str,
        fix: str = "",
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        """Record one problem."""
        self.problems.append(Problem(severity, file, message, fix, row, column))

    def add_rows(
        self,
        severity: Severity,
        file: str,
        rows: Sequence[int] | np.ndarray | pd.Index,
        message: str | Callable[[int], str],
        fix: str = "",
        column: str | None = None,
        *,
        limit: int = MAX_ROWS_PER_CHECK,
    ) -> None:
        """Record one problem per row, up to ``limit`` rows, then one line counting the rest.

        ``message`` is a text, or a function of the row giving it. A mistake repeated over a
        million rows so costs ``limit`` problems, not a million.
        """
        n = len(rows)
        for row in list(rows[:limit]):
            text = message(int(row)) if callable(message) else message
            self.problems.append(Problem(severity, file, text, fix, int(row), column))
        if n > limit:
            last = int(rows[-1])
            self.problems.append(
                Problem(
                    severity,
                    file,
                    f"... and {n - limit:,} more row(s) with the same kind of problem "
                    f"(up to row {last}).",
                    fix,
                    None,
                    column,
                )
            )

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record several problems."""
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop the load."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems that let the load go on."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def fixed(self) -> list[Problem]:
        """Automatic, reported repairs."""
        return [p for p in self.problems if p.severity == "fixed"]

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not self.errors

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    def lines(self) -> list[str]:
        """One line per problem, errors first, then warnings, then fixes.

        Runs of more than :attr:`max_per_kind` problems with the same file, column and message
        stem are shortened to their first rows and a count, so a 10,000-row mistake stays
        readable.
        """
        out: list[str] = []
        for severity in ("error", "warning", "fixed"):
            seen: dict[tuple[str, str | None, str], int] = {}
            for p in self.problems:
                if p.severity != severity:
                    continue
                key = (p.file, p.column, p.message.split(":")[0][:40])
                seen[key] = seen.get(key, 0) + 1
                if seen[key] <= self.max_per_kind:
                    out.append(str(p))
            for key, count in seen.items():
                if count > self.max_per_kind:
                    out.append(
                        f"{severity.upper()}: {key[0]}: ... and {count - self.max_per_kind} "
                        f"more like the above in column '{key[1]}'"
                    )
        return out

    def summary(self) -> str:
        """The closing line: counts and a verdict."""
        verdict = "FAILED" if not self.ok else "OK"
        return (
            f"{verdict}: {self.folder}: {len(self.errors)} error(s), "
            f"{len(self.warnings)} warning(s), {len(self.fixed)} automatic fix(es)"
        )

    def __str__(self) -> str:
        return "\n".join([*self.lines(), self.summary()])


class DataError(SprintmodelError):
    """A data folder that cannot be used; carries the :class:`ValidationReport`."""

    def __init__(self, report: ValidationReport):
        self.report = report
        super().__init__(str(report))
