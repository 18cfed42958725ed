"""Resource limits checked before the work: how many draws fit in memory.

A simulation holds its draws for every unit × indicator series at once (vectorised, no loop
over draws), so its memory grows as ``draws × series``. :func:`check_draws` estimates that up
front and refuses, with the largest count that fits, a request that would exceed
:data:`MEMORY_BUDGET` instead of failing minutes later with a MemoryError.
"""

from __future__ import annotations

from typing import Literal

from sprintmodel.errors import InputError

MEMORY_BUDGET = 2 * 1024**3
"""Memory a command may use [bytes]: 2 GiB. An assumption: a planner's laptop, with room to
spare; the bound issue 15 sets for inputs of the example city's size."""

BASELINE = 400 * 1024**2
"""Memory of a run before its draws [bytes]: measured 200 MB (forecast) and 300 MB (scenario)
peak RSS on the example city at 10,000-20,000 draws, rounded up."""

BYTES_PER_DRAW = {"forecast": 40, "scenario": 200}
"""Memory per draw and per series [bytes]. Measured on the example city (68 series) with
``/usr/bin/time -f %M``: forecast 30 (20,000 → 200,000 draws: +373 MB), scenario 182
(10,000 → 100,000 draws: +1,115 MB), rounded up."""

Kind = Literal["forecast", "scenario"]


def max_draws(n_series: int, kind: Kind) -> int:
    """The most draws [count] that fit in :data:`MEMORY_BUDGET` for ``n_series`` series."""
    per = BYTES_PER_DRAW[kind] * max(n_series, 1)
    return max((MEMORY_BUDGET - BASELINE) // per, 10)


def check_draws(n_draws: int, n_series: int, kind: Kind, where: str = "--draws") -> None:
    """Refuse ``n_draws`` whose estimated memory exceeds the budget.

    Parameters
    ----------
    n_draws
        Draws requested [count].
    n_series
        Unit × indicator series simulated [count].
    kind
        ``forecast`` or ``scenario`` (the scenario engine keeps several arrays per draw).
    where
        The option or file key named in the message.

    Raises
    ------
    InputError
        With the estimate [GB] and the largest count that fits.

    Examples
    --------
    >>> max_draws(68, "forecast")
    635313
    """
    limit = max_draws(n_series, kind)
    if n_draws <= limit:
        return
    need = BASELINE + n_draws * BYTES_PER_DRAW[kind] * n_series
    raise InputError(
        f"{where} {n_draws:,} would need about {need / 1024**3:,.1f} GB of memory for "
        f"{n_series} unit × indicator series, more than the {MEMORY_BUDGET / 1024**3:g} GB "
        f"budget. Fix: use at most {limit:,} draws (2,000-10,000 are plenty for 80% intervals)."
    )


__all__ = ["BYTES_PER_DRAW", "MEMORY_BUDGET", "check_draws", "max_draws"]
