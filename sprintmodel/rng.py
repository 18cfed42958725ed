"""The one rule for an ``rng`` argument: an integer seed, a :class:`numpy.random.Generator`, or
None.

Every entry point that draws (``forecast``, ``draft_targets``, ``optimize``) takes ``rng``
keyword-only and passes it through :func:`check_random_state` once; nothing below it sees
anything but a seed and a generator. There is no global seed.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from sprintmodel.errors import InputError

__all__ = [
    "DEFAULT_SEED",
    "SEED_BOUND",
    "SOBOL_MAX_DIM",
    "RandomState",
    "RngLike",
    "check_random_state",
    "quasi_normals",
]

RngLike = int | np.integer | np.random.Generator | None
"""What an ``rng`` argument may be."""

DEFAULT_SEED = 0
"""Seed used when ``rng`` is None, so that a call without one is reproducible (assumption: a
fixed default, as the project's commands print and record the seed they used)."""

SEED_BOUND = 2**31 - 1
"""Seeds drawn from a generator lie in ``[0, SEED_BOUND)`` (31 bits: representable by every
tool that records the seed)."""


class RandomState(NamedTuple):
    """``rng`` made explicit.

    Attributes
    ----------
    seed
        The integer seed given (:data:`DEFAULT_SEED` for None); None when a generator was given.
    generator
        The generator given, or ``numpy.random.default_rng(seed)``.
    given
        True when ``rng`` was a generator (a caller may then draw from it directly instead of
        deriving its own streams from the seed).
    """

    seed: int | None
    generator: np.random.Generator
    given: bool

    def to_seed(self) -> int:
        """The integer seed; with a given generator, one drawn from it in ``[0, SEED_BOUND)``
        (which advances the generator)."""
        if self.seed is not None:
            return self.seed
        return int(self.generator.integers(0, SEED_BOUND))


def check_random_state(rng: RngLike) -> RandomState:
    """Turn an ``rng`` argument into a :class:`RandomState`.

    Parameters
    ----------
    rng
        A non-negative integer seed, a :class:`numpy.random.Generator`, or None
        (:data:`DEFAULT_SEED`).

    Raises
    ------
    InputError
        For anything else (a negative number, a bool, a float, text).

    Examples
    --------
    >>> check_random_state(None).seed, check_random_state(7).seed
    (0, 7)
    >>> float(check_random_state(7).generator.random()) == float(np.random.default_rng(7).random())
    True
    >>> g = np.random.default_rng(1)
    >>> state = check_random_state(g)
    >>> state.seed is None, state.generator is g, state.given
    (True, True, True)
    >>> check_random_state(5).to_seed()
    5
    >>> check_random_state(-1)
    Traceback (most recent call last):
    ...
    sprintmodel.errors.InputError: rng -1 must be a non-negative integer seed or a numpy Generator.
    """
    if isinstance(rng, np.random.Generator):
        return RandomState(None, rng, True)
    if rng is None:
        return RandomState(DEFAULT_SEED, np.random.default_rng(DEFAULT_SEED), False)
    if isinstance(rng, bool) or not isinstance(rng, int | np.integer) or int(rng) < 0:
        raise InputError(f"rng {rng!r} must be a non-negative integer seed or a numpy Generator.")
    return RandomState(int(rng), np.random.default_rng(int(rng)), False)


SOBOL_MAX_DIM = 21201
"""Most dimensions :class:`scipy.stats.qmc.Sobol` supports (Joe and Kuo's direction numbers)."""


def quasi_normals(n: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    """Standard-normal draws (n × dim) from a scrambled Sobol' sequence (randomised quasi-Monte
    Carlo).

    Each column is standard normal and the columns are independent, as with
    ``rng.standard_normal((n, dim))``, but the points fill the unit cube evenly, so shares and
    quantiles of a smooth function of them vary far less from seed to seed (the error of
    randomised QMC falls nearly as ``1/n`` instead of ``1/√n`` for functions of effectively few
    dimensions). The first ``n`` points of a ``2^⌈log₂ n⌉``-point sequence are used; the
    scrambling (Owen's, seeded from ``rng``) keeps every point uniform, so estimates stay
    unbiased. Above :data:`SOBOL_MAX_DIM` dimensions, plain pseudo-random normals.

    Formula: :math:`x_{ij} = \\Phi^{-1}(u_{ij})` with :math:`u` the scrambled Sobol' points.

    References
    ----------
    Owen, A. B. (1997), "Scrambled net variance for integrals of smooth functions", *Annals of
    Statistics* 25(4), 1541-1562. Joe, S. and Kuo, F. Y. (2008), "Constructing Sobol sequences
    with better two-dimensional projections", *SIAM J. Sci. Comput.* 30(5), 2635-2654.

    Examples
    --------
    >>> x = quasi_normals(1024, 3, np.random.default_rng(0))
    >>> x.shape, bool(abs(x.mean()) < 0.01), bool(abs(x.std() - 1) < 0.01)
    ((1024, 3), True, True)
    """
    if n <= 0 or dim <= 0:
        return np.zeros((max(n, 0), max(dim, 0)))
    if dim > SOBOL_MAX_DIM:
        return rng.standard_normal((n, dim))
    from scipy.special import ndtri
    from scipy.stats import qmc

    m = max(int(np.ceil(np.log2(n))), 1)
    u = qmc.Sobol(dim, scramble=True, seed=rng).random_base2(m)[:n]
    # A scrambled point is never exactly 0 or 1 in practice; clip for the normal quantile.
    return np.asarray(ndtri(np.clip(u, 1e-12, 1.0 - 1e-12)), dtype=np.float64)
