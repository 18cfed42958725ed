"""Numbers as a briefing prints them: every figure is formatted once, here.

A :class:`Num` keeps a value and the text it is shown as. Tables hold ``Num`` cells and
sentences are written from the same ``Num`` objects, so a figure in the text is always the one
in its table cell (``tests/test_brief_model.py`` parses every number out of the sentences and
checks it against the cells).

Rounding is half away from zero on the decimal representation (四舍五入, as statistical offices
publish): ``5.65`` prints ``5.7``, where Python's ``format`` would give ``5.6`` (the binary value
of 5.65 is slightly below it). Negative zero prints without its sign.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from sprintmodel.figures import GROWTH_DECIMALS

NumKind = Literal["growth", "pp", "prob", "amount", "count", "rank", "sensitivity"]

MISSING = "—"
"""Text of a missing figure."""

AMOUNT_DECIMALS = 2
"""Decimals of amounts [亿元 and other measures]."""

SENSITIVITY_DECIMALS = 3
"""Decimals of per-month sensitivities [pp per month]: they are small."""


def round_half_up(value: float, decimals: int) -> Decimal:
    """``value`` rounded half away from zero to ``decimals`` places, as a :class:`Decimal`.

    Parameters
    ----------
    value
        A finite number.
    decimals
        Places after the decimal point (0 or more).

    Examples
    --------
    >>> str(round_half_up(5.65, 1)), str(round_half_up(-0.25, 1)), str(round_half_up(2.5, 0))
    ('5.7', '-0.3', '3')
    """
    quantum = Decimal(1).scaleb(-decimals)
    try:
        return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # pragma: no cover - huge values
        return Decimal(float(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: float | None, decimals: int) -> str:
    """``value`` with ``decimals`` places (half away from zero); :data:`MISSING` when unknown.

    Examples
    --------
    >>> format_number(5.6278, 1), format_number(-0.04, 1), format_number(float("nan"), 1)
    ('5.6', '0.0', '—')
    """
    if value is None or not math.isfinite(float(value)):
        return MISSING
    d = round_half_up(float(value), decimals)
    if d == 0:
        d = abs(d)
    return f"{d:.{decimals}f}"


@dataclass(frozen=True)
class Num:
    """A figure and the one text it is shown as.

    Attributes
    ----------
    value
        The unrounded value (NaN when unknown); probabilities as shares [0–1].
    text
        What tables and sentences print (e.g. ``"5.6"``, ``"-0.4"``, ``"11%"``, ``"<1%"``).
    kind
        What it measures: ``growth`` [%], ``pp`` [percentage points], ``prob`` [share],
        ``amount`` [measure], ``count``, ``rank``, ``sensitivity`` [pp per month].
    decimals
        Places shown.
    """

    value: float
    text: str
    kind: NumKind
    decimals: int

    @property
    def known(self) -> bool:
        """True unless the figure is missing."""
        return self.text != MISSING

    @property
    def negative(self) -> bool:
        """True when the shown figure is below zero."""
        return self.text.startswith("-")

    @property
    def zero(self) -> bool:
        """True when the shown figure is zero (e.g. a gap that rounds to 0.0)."""
        try:
            return Decimal(self.text) == 0
        except InvalidOperation:
            return False

    @property
    def magnitude(self) -> str:
        """The text without its sign, for sentences that say the direction in words."""
        return self.text.lstrip("-")

    @property
    def rounded(self) -> float:
        """The shown figure as a number (a share for probabilities); NaN when missing or
        bounded (``<1%``)."""
        t = self.text
        if self.kind == "prob":
            if not t.endswith("%") or t[0] in "<>":
                return math.nan
            return float(t[:-1]) / 100.0
        try:
            return float(t)
        except ValueError:
            return math.nan

    @property
    def excel_value(self) -> float | str | None:
        """The cell value for a spreadsheet: the shown figure as a number, or the text when
        it is a bound (``<1%``); None when missing."""
        if not self.known:
            return None
        r = self.rounded
        return self.text if math.isnan(r) else r

    @property
    def excel_format(self) -> str:
        """Excel number format matching :attr:`text`."""
        if self.kind == "prob":
            return "0%"
        return "0" if self.decimals == 0 else "0." + "0" * self.decimals

    def __str__(self) -> str:
        return self.text


def _num(value: float | None, kind: NumKind, decimals: int) -> Num:
    v = math.nan if value is None else float(value)
    return Num(v, format_number(v, decimals), kind, decimals)


def growth(value: float | None) -> Num:
    """A growth rate [%] with one decimal."""
    return _num(value, "growth", GROWTH_DECIMALS)


def pp(value: float | None, decimals: int = GROWTH_DECIMALS) -> Num:
    """A difference of growth rates [pp] with one decimal (sign kept: ``-0.4``), or
    ``decimals`` (a change between two forecasts and its parts: hundredths)."""
    return _num(value, "pp", decimals)


def amount(value: float | None, decimals: int = AMOUNT_DECIMALS) -> Num:
    """An amount [measure] with ``decimals`` places (two by default)."""
    return _num(value, "amount", decimals)


def sensitivity(value: float | None) -> Num:
    """A sensitivity [pp per month] with three decimals."""
    return _num(value, "sensitivity", SENSITIVITY_DECIMALS)


def count(value: float | None) -> Num:
    """A whole number (a count)."""
    return _num(value, "count", 0)


def rank(value: float | None) -> Num:
    """A rank (1 = first)."""
    return _num(value, "rank", 0)


def prob(share: float | None) -> Num:
    """A probability given as a share [0–1], shown as a whole percent.

    Shares that round to 0% or 100% are shown as ``<1%`` and ``>99%``, even when exactly 0 or
    1: a simulation that never (always) meets a target has not shown it cannot (must), and a
    reader takes "0%" as "impossible".

    Examples
    --------
    >>> prob(0.1145).text, prob(0.003).text, prob(0.0).text, prob(0.9987).text, prob(1.0).text
    ('11%', '<1%', '<1%', '>99%', '>99%')
    """
    v = math.nan if share is None else float(share)
    if not math.isfinite(v):
        return Num(v, MISSING, "prob", 0)
    pct = round_half_up(100.0 * v, 0)
    if pct <= 0:
        text = "<1%"
    elif pct >= 100:
        text = ">99%"
    else:
        text = f"{abs(pct) if pct == 0 else pct:.0f}%"
    return Num(v, text, "prob", 0)


__all__ = [
    "AMOUNT_DECIMALS",
    "GROWTH_DECIMALS",
    "MISSING",
    "SENSITIVITY_DECIMALS",
    "Num",
    "NumKind",
    "amount",
    "count",
    "format_number",
    "growth",
    "pp",
    "prob",
    "rank",
    "round_half_up",
    "sensitivity",
]
