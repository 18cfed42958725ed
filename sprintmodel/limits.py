"""Resource limits checked before the work: how many draws fit in memory.

A simulation holds its draws for every unit × indicator series at once (vectorised, no loop
over draws), so its memory grows as ``draws × series``. :func:`check_draws` estimates that up
front and refuses, with the largest count that fits, a request that would exceed
:data:`MEMORY_BUDGET` instead of failing minutes later with a MemoryError.

A scenario runs its draws in blocks (:mod:`sprintmodel.scenario.blocks`): only the full-year
draws of the scenario and the baseline are kept over all draws (:data:`KEPT_BYTES`), the
engine's working arrays only for one block at a time (:func:`block_size`), so a scenario of
1,000,000 draws on the example city fits the budget.
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

KEPT_BYTES = 16
"""Memory a scenario in blocks keeps per draw and per series over all its draws [bytes]: the
scenario's and the baseline's full-year draws, float64 (2 × 8). The statistics and the files
are made after the blocks, in the memory the blocks used."""

MIN_BLOCK = 2_000
"""Fewest draws [count] in a block: below it the forecast's per-call work dominates. An
assumption (the default scenario draws)."""

FIRST_BLOCK = 10_000
"""Draws [count] of a scenario's first block, whose engine the result keeps (the project
watch list is computed on it); later blocks are as large as the budget allows. An assumption:
the default forecast draws."""

BASELINE_FREE = MEMORY_BUDGET - BASELINE
"""Memory left for draws [bytes]."""

Kind = Literal["forecast", "scenario"]


def _first(n_draws: int) -> int:
    return min(n_draws, FIRST_BLOCK)


def block_size(n_draws: int, n_series: int) -> int:
    """Draws [count] per block of a scenario of ``n_draws`` within :data:`MEMORY_BUDGET`.

    Formula: ``(budget − BASELINE − n_draws · KEPT_BYTES · s − first · b) / b`` with
    ``s = n_series``, ``b = BYTES_PER_DRAW["scenario"] · s`` and ``first`` the kept first
    block (:data:`FIRST_BLOCK`); at most ``n_draws`` (one block: the unchunked engine).

    Examples
    --------
    >>> block_size(2_000, 68), block_size(1_000_000, 68)
    (2000, 37062)
    """
    s = max(n_series, 1)
    per = BYTES_PER_DRAW["scenario"] * s
    if n_draws * per <= MEMORY_BUDGET - BASELINE:
        return n_draws
    free = MEMORY_BUDGET - BASELINE - n_draws * KEPT_BYTES * s - _first(n_draws) * per
    return int(min(n_draws, max(free // per, 0)))


def _need(n_draws: int, n_series: int, kind: Kind) -> int:
    """Estimated memory [bytes] of ``n_draws`` (a scenario's smallest blocks)."""
    per = BYTES_PER_DRAW[kind] * n_series
    if kind == "forecast" or n_draws * per <= MEMORY_BUDGET - BASELINE:
        return BASELINE + n_draws * per
    return BASELINE + n_draws * KEPT_BYTES * n_series + (_first(n_draws) + MIN_BLOCK) * per


def max_draws(n_series: int, kind: Kind) -> int:
    """The most draws [count] that fit in :data:`MEMORY_BUDGET` for ``n_series`` series.

    A forecast holds every draw's working arrays; a scenario keeps :data:`KEPT_BYTES` per
    draw and series and works in blocks of at least :data:`MIN_BLOCK` draws.
    """
    s = max(n_series, 1)
    per = BYTES_PER_DRAW[kind] * s
    whole = (MEMORY_BUDGET - BASELINE) // per
    if kind == "forecast":
        return max(whole, 10)
    blocked = (MEMORY_BUDGET - BASELINE - (FIRST_BLOCK + MIN_BLOCK) * per) // (KEPT_BYTES * s)
    return max(whole, blocked, 10)


def check_draws(
    n_draws: int, n_series: int, kind: Kind, where: str = "--draws", *, blocks: bool = True
) -> None:
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
    blocks
        For a scenario: whether its draws may run in blocks (:func:`block_size`); False for
        engines that hold every draw at once (the optimisation's).

    Raises
    ------
    InputError
        With the estimate [GB] and the largest count that fits.

    Examples
    --------
    >>> max_draws(68, "forecast")
    635313
    """
    s = max(n_series, 1)
    whole = kind == "forecast" or not blocks
    limit = max(BASELINE_FREE // (BYTES_PER_DRAW[kind] * s), 10) if whole else max_draws(s, kind)
    if n_draws <= limit:
        return
    need = BASELINE + n_draws * BYTES_PER_DRAW[kind] * s if whole else _need(n_draws, s, kind)
    raise InputError(
        f"{where} {n_draws:,} would need about {need / 1024**3:,.1f} GB of memory for "
        f"{n_series} unit × indicator series, more than the {MEMORY_BUDGET / 1024**3:g} GB "
        f"budget. Fix: use at most {limit:,} draws (2,000-10,000 are plenty for 80% intervals)."
    )


__all__ = [
    "BYTES_PER_DRAW",
    "FIRST_BLOCK",
    "KEPT_BYTES",
    "MEMORY_BUDGET",
    "MIN_BLOCK",
    "block_size",
    "check_draws",
    "max_draws",
]
