"""Scenarios with more draws than fit in memory at once: blocks of draws, statistics merged.

The scenario engine is vectorised over draws: it holds every unit × indicator's draws, and
several working arrays per draw, at once (:data:`sprintmodel.limits.BYTES_PER_DRAW`). A
scenario with ``draws: 1000000`` on the example city would need about 13 GB that way.
:func:`evaluate_blocks` is a thin wrapper around the engine that keeps the memory within
:data:`sprintmodel.limits.MEMORY_BUDGET`:

1. the draws are split into blocks sized from the budget (:func:`sprintmodel.limits.block_size`);
2. each block is an ordinary engine (:meth:`ScenarioEngine.build` + :meth:`~ScenarioEngine.evaluate`)
   with ``n`` draws and its own seed (:func:`block_seed`; block 0 uses the scenario's seed, so
   the first block's draws are exactly those of an unchunked run of that many draws);
3. of each block only the full-year draws of the scenario and of the baseline are kept
   (float64, the published quantities: every unit × indicator's full year), written into one
   array per indicator, and the attribution's component means are summed weighted by the
   block's draws;
4. the result is an ordinary :class:`~sprintmodel.scenario.results.ScenarioResult` over all
   the draws, whose statistics are computed by the same code as an unchunked result's.

So the published quantities are exact over the union of the blocks' draws: the quantiles and
P(meet target) are those of :func:`numpy.quantile` and of counting on all ``N`` draws (the
draws are kept, not approximated); the means and the attribution are the weighted means of
the blocks' means, ``Σ n_k m_k / N``, equal to the mean over all draws to rounding (~1e-15
relative). What is *not* identical to an unchunked run of ``N`` draws is the random numbers
themselves: blocks 1, 2, ... draw with their own seeds. A scenario whose draws fit in one
block is the unchunked path itself, bit for bit.

The project watch list (:meth:`ScenarioResult.project_table`) is computed on the first
block's delay draws (at least :data:`sprintmodel.limits.MIN_BLOCK` draws).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any

import numpy as np

from sprintmodel.data import DataSet
from sprintmodel.errors import InputError
from sprintmodel.forecast.draws import Draws
from sprintmodel.limits import FIRST_BLOCK, block_size, check_draws
from sprintmodel.notes import Note
from sprintmodel.scenario.engine import ScenarioEngine
from sprintmodel.scenario.levers import LeverSet, levers_of
from sprintmodel.scenario.results import ScenarioResult
from sprintmodel.scenario.spec import ScenarioSpec, resolve


def block_seed(seed: int, k: int) -> int:
    """Seed of block ``k`` [0-2³²): the scenario's own seed for block 0, else one derived from
    ``(seed, k)`` by :class:`numpy.random.SeedSequence` (independent streams)."""
    if k == 0:
        return int(seed)
    return int(
        np.random.SeedSequence([int(seed) & 0xFFFFFFFF, int(seed) >> 32, k]).generate_state(1)[0]
    )


def block_sizes(n_draws: int, n_series: int, block: int | None = None) -> list[int]:
    """Draws of each block [count]: one block when ``n_draws`` fit; else a first block of at
    most :data:`~sprintmodel.limits.FIRST_BLOCK` (the result keeps its engine), then blocks of
    ``block`` (default :func:`sprintmodel.limits.block_size`), the last one the rest."""
    size = block if block is not None else block_size(n_draws, n_series)
    size = max(int(size), 1)
    if n_draws <= size:
        return [n_draws]
    first = min(size, FIRST_BLOCK)
    full, rest = divmod(n_draws - first, size)
    return [first] + [size] * full + ([rest] if rest else [])


class BlockedEngine(ScenarioEngine):
    """The engine behind a result evaluated in blocks: the first block's engine, with the
    baseline draws of every block (:attr:`plans`, :attr:`baseline`, :attr:`baseline_stats`).

    It serves the result's statistics and tables only: its lever and project effects are the
    first block's, so evaluating another scenario on it is refused (use :func:`evaluate_blocks`).
    """

    def evaluate(self, spec: ScenarioSpec, *, strict: bool = True) -> ScenarioResult:
        raise InputError(
            f"this engine holds {self.n_draws:,} draws evaluated in blocks for one scenario; "
            "evaluate another scenario with sprintmodel.scenario.evaluate_blocks."
        )

    def evaluate_many(self, *args: Any, **kwargs: Any) -> dict[str, dict[str, np.ndarray]]:
        raise InputError(
            "an engine evaluated in blocks cannot evaluate lever mixes; build a ScenarioEngine "
            "with fewer draws for the optimisation."
        )


def evaluate_blocks(
    dataset: DataSet,
    spec: ScenarioSpec,
    levers: LeverSet | None = None,
    *,
    block: int | None = None,
    where: str = "draws",
) -> ScenarioResult:
    """Evaluate ``spec`` with its draws in blocks that fit the memory budget (see module doc).

    Parameters
    ----------
    dataset
        The data folder.
    spec
        The scenario (its ``draws`` [count] and ``seed``).
    levers
        The lever set (default: :func:`levers_of` the data set).
    block
        Draws per block [count] (default: the most that fit,
        :func:`sprintmodel.limits.block_size`); tests force small blocks.
    where
        The option or file key a refusal names.

    Returns
    -------
    ScenarioResult
        Over all ``spec.draws`` draws. With one block, exactly
        ``ScenarioEngine.from_spec(spec, dataset, levers).evaluate(spec)``.

    Raises
    ------
    InputError
        When even the kept draws exceed the budget (:func:`sprintmodel.limits.check_draws`).
    """
    lv = levers if levers is not None else levers_of(dataset)
    resolve(spec, dataset, lv)  # bad input fails before any work is done
    check_draws(spec.draws, len(dataset.series_keys), "scenario", where)
    sizes = block_sizes(spec.draws, len(dataset.series_keys), block)
    if len(sizes) == 1:
        return ScenarioEngine.from_spec(spec, dataset, lv).evaluate(spec)
    n_all = spec.draws
    fy: dict[str, np.ndarray] = {}
    base: dict[str, np.ndarray] = {}
    sums: dict[str, dict[str, np.ndarray]] = {}
    changed: dict[str, np.ndarray] = {}
    entrant_base: dict[str, np.ndarray] = {}
    notes: list[Note] = []
    engine_notes: list[Note] = []
    first: tuple[ScenarioEngine, ScenarioResult] | None = None
    start = 0
    for k, n in enumerate(sizes):
        seed = block_seed(spec.seed, k)
        engine = ScenarioEngine.build(
            dataset, spec.as_of, levers=lv, n_draws=n, seed=seed, method=spec.method
        )
        res = engine.evaluate(spec.replace(draws=n, seed=seed))
        for code, draws in res.fy.items():
            if code not in fy:
                fy[code] = np.empty((n_all, draws.shape[1]))
                base[code] = np.empty((n_all, draws.shape[1]))
                sums[code] = {}
                changed[code] = np.zeros(draws.shape[1], dtype=bool)
            fy[code][start : start + n] = draws
            base[code][start : start + n] = engine.plans[code].draws.fy
            for name, mean in res.components.get(code, {}).items():
                acc = sums[code].get(name)
                sums[code][name] = mean * n if acc is None else acc + mean * n
            changed[code] |= res.changed.get(code, True)
        for code, b in res.entrant_base.items():  # the same indicators in every block
            entrant_base.setdefault(code, np.zeros((n_all, b.shape[1])))[start : start + n] = b
        notes.extend(res.notes)
        engine_notes.extend(engine.notes)
        if first is None:
            first = (engine, res)
        start += n
    assert first is not None  # at least two blocks
    engine0, res0 = first
    pooled = _pooled_engine(engine0, base, spec, dict.fromkeys(engine_notes))
    return ScenarioResult(
        spec=spec,
        engine=pooled,
        fy=fy,
        components={
            code: {name: s / n_all for name, s in parts.items()} for code, parts in sums.items()
        },
        costs=res0.costs,
        notes=tuple(dict.fromkeys(notes)),
        changed=changed,
        entrant_base=entrant_base,
    )


def _pooled_engine(
    engine: ScenarioEngine, base: dict[str, np.ndarray], spec: ScenarioSpec, notes: Any
) -> BlockedEngine:
    """``engine`` (block 0) as a :class:`BlockedEngine` holding every block's baseline draws."""
    pooled = BlockedEngine.__new__(BlockedEngine)
    pooled.__dict__.update(engine.__dict__)
    pooled.__dict__.pop("baseline_stats", None)  # recomputed over all the draws
    pooled.plans = {
        code: replace(plan, draws=replace(plan.draws, fy=base[code]))
        for code, plan in engine.plans.items()
    }
    pooled.baseline = Draws(
        engine.as_of,
        {code: plan.draws for code, plan in pooled.plans.items()},
        spec.seed,
    )
    pooled.n_draws = spec.draws
    pooled.seed = spec.seed
    pooled.notes = list(notes)
    pooled._resolved = OrderedDict()
    pooled._sums = OrderedDict()
    return pooled


__all__ = ["BlockedEngine", "block_seed", "block_sizes", "evaluate_blocks"]
