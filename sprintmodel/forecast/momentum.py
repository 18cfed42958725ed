"""Momentum: the rest of the year grows like the latest single quarter.

The one rule both the method registry (:mod:`sprintmodel.forecast.methods`) and the pooled
regression (:mod:`sprintmodel.forecast.pooled`, which corrects momentum) build on, kept apart so
that neither imports the other's module.
"""

from __future__ import annotations

from sprintmodel.forecast.block import SeriesBlock
from sprintmodel.ytd import FloatArray

__all__ = ["MOMENTUM_PERIODS", "momentum"]

MOMENTUM_PERIODS = {"Q": 1, "M": 3}
"""Periods in the "latest single quarter" of :func:`momentum`: one quarter, or three months."""


def momentum(block: SeriesBlock, k: int) -> FloatArray:
    """The rest of the year grows like the latest single quarter [%].

    Notes
    -----
    :math:`r = q_k`, the growth of the latest quarter (three months for monthly series) on the
    same span of last year, from year-to-date volumes
    (:meth:`SeriesBlock.window_growth`). In the first quarter it is the year-to-date growth.
    """
    return block.window_growth(k, MOMENTUM_PERIODS[block.freq])
