"""Reporting periods: ``YYYYQn`` quarters and ``YYYY-MM`` months.

A period names the **end** of a year-to-date span: ``2026Q3`` is January 1 to September 30 2026
and ``2026-10`` is January 1 to October 31 2026 (see the data contract). Within a year a period
has an index ``k`` counted from 1 (quarter 1..4 or month 1..12); ``steps`` is the number of periods
in a year (4 or 12).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sprintmodel.errors import InputError

Frequency = Literal["Q", "M"]
"""``"Q"`` for quarterly series (4 periods a year), ``"M"`` for monthly (12)."""

STEPS_PER_YEAR: dict[str, int] = {"Q": 4, "M": 12}

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class PeriodError(InputError, ValueError):
    """A period string that is neither ``YYYYQn`` nor ``YYYY-MM``."""


@dataclass(frozen=True, order=True)
class Period:
    """A year-to-date reporting period.

    Parameters
    ----------
    year
        Calendar year.
    index
        Quarter (1-4) or month (1-12) within the year.
    freq
        ``"Q"`` or ``"M"``.

    Examples
    --------
    >>> Period.parse("2026Q3")
    Period('2026Q3')
    >>> Period.parse("2026-10").share_of_year
    0.8333333333333334
    """

    year: int
    index: int
    freq: Frequency

    def __post_init__(self) -> None:
        if self.freq not in STEPS_PER_YEAR:
            raise PeriodError(f"frequency must be 'Q' or 'M', not {self.freq!r}")
        if not 1 <= self.index <= STEPS_PER_YEAR[self.freq]:
            raise PeriodError(f"period index {self.index} out of range for frequency {self.freq}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``YYYYQn`` or ``YYYY-MM`` (surrounding spaces ignored)."""
        s = str(text).strip()
        if m := _QUARTER.match(s):
            return cls(int(m.group(1)), int(m.group(2)), "Q")
        if m := _MONTH.match(s):
            return cls(int(m.group(1)), int(m.group(2)), "M")
        raise PeriodError(
            f"{text!r} is not a period: write quarters as YYYYQn (e.g. 2026Q3) "
            "and months as YYYY-MM (e.g. 2026-09)"
        )

    @property
    def steps(self) -> int:
        """Number of periods in a year [1]: 4 or 12."""
        return STEPS_PER_YEAR[self.freq]

    @property
    def month(self) -> int:
        """Calendar month in which the period ends (1-12)."""
        return self.index * 3 if self.freq == "Q" else self.index

    @property
    def share_of_year(self) -> float:
        """Share of the year elapsed at the period's end [0-1], ``index / steps``."""
        return self.index / self.steps

    @property
    def remaining(self) -> int:
        """Number of periods left in the year after this one."""
        return self.steps - self.index

    def to_quarter(self) -> Period:
        """The quarter containing this period's end (a month 7-9 maps to Q3)."""
        if self.freq == "Q":
            return self
        return Period(self.year, (self.index - 1) // 3 + 1, "Q")

    def is_quarter_end(self) -> bool:
        """True for quarters and for months 3, 6, 9, 12."""
        return self.freq == "Q" or self.index % 3 == 0

    def shift(self, n: int) -> Period:
        """The period ``n`` steps later (earlier for negative ``n``), crossing years."""
        total = self.year * self.steps + (self.index - 1) + n
        return Period(total // self.steps, total % self.steps + 1, self.freq)

    def year_end(self) -> Period:
        """The last period of the same year (Q4 or December)."""
        return Period(self.year, self.steps, self.freq)

    def __str__(self) -> str:
        return f"{self.year}Q{self.index}" if self.freq == "Q" else f"{self.year}-{self.index:02d}"

    def __repr__(self) -> str:
        return f"Period('{self}')"


def parse_period(text: str | Period) -> Period:
    """Return ``text`` as a :class:`Period` (a Period passes through)."""
    return text if isinstance(text, Period) else Period.parse(text)


def month_label(month: int) -> str:
    """``"YYYY-MM"``-free label of a month for messages, e.g. ``Jan–Sep`` for 9."""
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return "Jan" if month == 1 else f"Jan–{names[month - 1]}"
