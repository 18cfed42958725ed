r"""Smooth joint draws: a Gaussian copula of the units' (and indicators') forecast errors.

Each series (a unit of an indicator) has a calibrated margin: its standardised errors follow
the pooled distribution of its block (:func:`margin_quantiles`). The **dependence** between
series is a Gaussian copula whose correlation matrix is estimated from the past standardised
errors, so that a bad year for the city is a bad year for most districts, as in the data,
while a sum over districts has a smooth distribution (an empirical copula that reuses one past
year per draw makes sums over units cluster around a few past years' configurations, leaving
empty gaps in the city's distribution when there are only 10-30 past years).

Estimation (:func:`fit_copula`)
    1. **Normal scores.** Each series' past errors are ranked over its own years and mapped
       to van der Waerden scores :math:`n_{it} = \Phi^{-1}(\mathrm{rank}_{it} / (T_i + 1))`
       (rank-based: the copula does not depend on the margins). Calendar years form one axis
       across all blocks; a year without an error scores 0 (its expectation), which keeps the
       matrix positive semidefinite and pulls pairs with few common years toward 0.
    2. **Sample correlation** :math:`R = U U^T` with :math:`u_i = n_i / \lVert n_i \rVert`
       (cosine of the scores; series with fewer than two past errors have no row).
    3. **Target**: a one-factor model per block (indicator), the blocks' factors correlated,
       :math:`p_{ij} = \beta_i \beta_j F_{b(i)b(j)}`: loadings by least squares on the
       block's off-diagonal correlations (:func:`one_factor_loadings`; a city, the sum of its
       districts, loads high), factor correlations by least squares on the pairs across two
       blocks, made a correlation matrix by clipping eigenvalues. A series without past
       errors takes its block's mean loading.
    4. **Shrinkage** :math:`\Sigma = (1 - \lambda) R + \lambda P` with the analytic intensity
       of Schäfer and Strimmer (2005),
       :math:`\lambda = \sum_{i<j} \widehat{\mathrm{Var}}(r_{ij}) / \sum_{i<j} (r_{ij} -
       p_{ij})^2` clipped to [0, 1], computed on all pairs (at most :data:`MAX_PAIRS`, else
       a fixed random subset of pairs).

Sampling (:meth:`GaussianCopula.sample`) never forms :math:`\Sigma`: with
:math:`\varepsilon_t, g_b, e_i` independent standard normals,

.. math:: x_i = \sqrt{1-\lambda}\, u_i^T \varepsilon + \sqrt{\lambda}\,
          \bigl( \beta_i (L g)_{b(i)} + \sqrt{1 - \beta_i^2}\, e_i \bigr),
          \qquad L L^T = F,

has covariance :math:`\Sigma` and unit variances, at a cost linear in the number of series
(a series without a row of :math:`U` takes an independent normal in the first term). Draws
are then :math:`\Phi(x)` mapped through each block's pooled quantile function.

References
----------
Ledoit, O. and Wolf, M. (2004), "Honey, I shrunk the sample covariance matrix", *Journal of
Portfolio Management* 30(4), 110-119. Schäfer, J. and Strimmer, K. (2005), "A shrinkage
approach to large-scale covariance matrix estimation", *Statistical Applications in Genetics
and Molecular Biology* 4(1), 32. Genest, C., Ghoudi, K. and Rivest, L.-P. (1995), "A
semiparametric estimation procedure of dependence parameters in multivariate families of
distributions", *Biometrika* 82(3), 543-552 (rank-based normal scores).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr, ndtri

from sprintmodel.rng import quasi_normals
from sprintmodel.ytd import FloatArray

MAX_PAIRS = 50_000
"""Most pairs of series used for the shrinkage intensity [count]; beyond, a fixed random subset
(seed 0) is used, so the estimate costs the same for 100 or 10,000 series."""

TAIL_PROB = 0.025
"""Beyond the 2.5% and 97.5% quantiles the pooled quantile function gets exponential tails
[share] (:func:`margin_quantiles`); inside, it is the empirical one, so the reported 80% and
95% intervals are exactly the calibrated quantiles."""


def normal_scores(z: FloatArray) -> FloatArray:
    """Van der Waerden scores of each row's non-NaN values, 0 where NaN (rows × columns).

    ``Φ⁻¹(rank / (n + 1))`` with ``rank`` 1..n within the row and ``n`` its count of values;
    rows with fewer than two values score 0 everywhere.
    """
    z = np.asarray(z, dtype=float)
    if z.size == 0:
        return np.zeros_like(z)
    ok = ~np.isnan(z)
    n = ok.sum(axis=1, keepdims=True)
    order = np.argsort(np.where(ok, z, np.inf), axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(z.shape[1])[None, :], axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = ndtri((rank + 1.0) / (n + 1.0))
    return np.where(ok & (n >= 2), score, 0.0)


@dataclass(frozen=True, eq=False)
class GaussianCopula:
    """A fitted Gaussian copula over blocks of series (see the module notes).

    Attributes
    ----------
    years
        Calendar years of the score axis (T,).
    scores
        Per block, the unit-norm normal scores (series × T); zero rows for series without
        enough past errors.
    has_row
        Per block, Boolean (series,): the series has a row of scores.
    shrinkage
        Shrinkage intensity :math:`\\lambda` toward the one-factor target [0-1].
    beta
        Per block, the series' loadings on the block's factor (series,).
    factor_corr
        Correlations of the blocks' factors :math:`F` (blocks × blocks), unit diagonal.
    factor_chol
        :math:`L` with :math:`L L^T = F` (blocks × blocks).
    """

    years: np.ndarray
    scores: tuple[FloatArray, ...]
    has_row: tuple[np.ndarray, ...]
    shrinkage: float
    beta: tuple[FloatArray, ...]
    factor_corr: FloatArray
    factor_chol: FloatArray

    def correlation(self) -> FloatArray:
        """The full correlation matrix :math:`\\Sigma` over all series (small problems only)."""
        u = np.concatenate(self.scores, axis=0)
        block = np.concatenate([np.full(s.shape[0], b) for b, s in enumerate(self.scores)])
        beta = np.concatenate(self.beta)
        sample = u @ u.T  # rows without scores take an independent normal: 0 off the diagonal
        target = np.outer(beta, beta) * self.factor_corr[np.ix_(block, block)]
        lam = self.shrinkage
        out = (1.0 - lam) * sample + lam * target
        np.fill_diagonal(out, 1.0)
        return out

    def sample(self, n_draws: int, rng: np.random.Generator) -> list[FloatArray]:
        """Standard-normal draws with correlation :math:`\\Sigma`, one (draws × series) per block.

        Every independent normal of the construction (years, block factors, then each
        block's missing rows and own terms, in that order) is one coordinate of a scrambled
        Sobol' point (:func:`~sprintmodel.rng.quasi_normals`): the same seed gives the same
        numbers, and shares and quantiles of the draws (P(meet), intervals) vary far less
        from seed to seed than with pseudo-random normals.
        """
        lam = self.shrinkage
        n_years = len(self.years)
        n_factors = self.factor_chol.shape[1]
        sizes = [
            (int((~has).sum()), u.shape[0] if lam > 0 else 0)
            for u, has in zip(self.scores, self.has_row, strict=True)
        ]
        dim = n_years + n_factors + sum(a + b for a, b in sizes)
        z = quasi_normals(n_draws, dim, rng)
        eps = z[:, :n_years]
        factors = z[:, n_years : n_years + n_factors] @ self.factor_chol.T
        at = n_years + n_factors
        out = []
        for b, (u, has, beta) in enumerate(zip(self.scores, self.has_row, self.beta, strict=True)):
            n_b = u.shape[0]
            part = eps @ u.T if u.size else np.zeros((n_draws, n_b))
            missing = np.flatnonzero(~has)
            if missing.size:
                part[:, missing] = z[:, at : at + missing.size]
                at += missing.size
            if lam > 0:
                own = z[:, at : at + n_b] * np.sqrt(1.0 - beta**2)[None, :]
                at += n_b
                target = factors[:, [b]] * beta[None, :] + own
            else:
                target = np.zeros((n_draws, n_b))
            out.append(np.sqrt(1.0 - lam) * part + np.sqrt(lam) * target)
        return out


MAX_LOADING = 0.99
"""Largest absolute loading on a block's factor [1] (keeps every series some noise of its own)."""


def one_factor_loadings(u: FloatArray, iterations: int = 200) -> FloatArray:
    """Loadings :math:`\\beta` of a one-factor model fitted to the correlations ``u uᵀ``.

    Parameters
    ----------
    u
        Unit-norm scores of the series (series × T).

    Notes
    -----
    Least squares on the off-diagonal correlations, :math:`\\min \\sum_{i \\ne j} (r_{ij} -
    \\beta_i \\beta_j)^2` (principal-axis factoring, so the unit diagonal does not inflate the
    loadings), by damped fixed-point steps from the leading principal component, never forming
    the correlation matrix: :math:`\\sum_{j \\ne i} r_{ij}\\beta_j = (u u^T \\beta)_i - \\beta_i`.
    Loadings are kept within :data:`MAX_LOADING`; their sum is made positive. A single series
    loads 1 (it is its block's factor).
    """
    m = u.shape[0]
    if m == 0:
        return np.zeros(0)
    if m == 1:
        return np.ones(1)
    left, sv, _ = np.linalg.svd(u, full_matrices=False)
    beta = np.clip(left[:, 0] * sv[0], -MAX_LOADING, MAX_LOADING)
    if beta.sum() < 0:
        beta = -beta
    for _ in range(iterations):
        rb = u @ (u.T @ beta) - beta
        den = float(beta @ beta) - beta**2
        new = np.where(den > 1e-12, rb / np.maximum(den, 1e-12), 0.0)
        new = np.clip(0.5 * (beta + new), -MAX_LOADING, MAX_LOADING)
        done = float(np.max(np.abs(new - beta))) < 1e-7
        beta = new
        if done:
            break
    return beta if beta.sum() >= 0 else -beta


def _psd_factor(p: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Nearest (eigenvalue-clipped) correlation matrix to ``p`` (unit diagonal), and a factor."""
    if p.size == 0:
        return p.copy(), p.copy()
    sym = (p + p.T) / 2.0
    val, vec = np.linalg.eigh(sym)
    factor = vec * np.sqrt(np.clip(val, 0.0, None))[None, :]
    diag = np.sum(factor**2, axis=1)
    factor = factor / np.sqrt(np.where(diag > 0, diag, 1.0))[:, None]
    factor[diag <= 0] = 0.0
    factor[diag <= 0, 0] = 1.0  # a factor with no variance left: independent
    return factor @ factor.T, factor


def shrinkage_intensity(
    u: FloatArray, block: np.ndarray, beta: FloatArray, factor_corr: FloatArray
) -> float:
    """Schäfer-Strimmer shrinkage intensity toward the one-factor target [0-1].

    Parameters
    ----------
    u
        Unit-norm normal scores of the series with data (series × T).
    block
        Block index of each series (series,).
    beta
        Loading of each series on its block's factor (series,).
    factor_corr
        Correlations of the blocks' factors (blocks × blocks); the target of a pair is
        :math:`\\beta_i \\beta_j F_{b(i)b(j)}`.

    Notes
    -----
    With standardised scores :math:`s_{it} = \\sqrt{T} u_{it}`, :math:`r_{ij} = \\overline{s_i
    s_j}` and :math:`\\widehat{\\mathrm{Var}}(r_{ij}) = \\frac{T}{(T-1)^3} \\sum_t (s_{it}s_{jt} -
    r_{ij})^2`. All pairs are used up to :data:`MAX_PAIRS`, else that many random pairs (seed 0).
    """
    m, t = u.shape
    if m < 2 or t < 2:
        return 1.0
    n_pairs = m * (m - 1) // 2
    if n_pairs <= MAX_PAIRS:
        i, j = np.triu_indices(m, k=1)
    else:
        gen = np.random.default_rng(0)
        i = gen.integers(0, m, MAX_PAIRS)
        j = gen.integers(0, m - 1, MAX_PAIRS)
        j = np.where(j >= i, j + 1, j)
    s = u * np.sqrt(t)
    w = s[i] * s[j]  # pairs × T
    r = w.mean(axis=1)
    var = t / (t - 1.0) ** 3 * np.sum((w - r[:, None]) ** 2, axis=1)
    dev = (r - beta[i] * beta[j] * factor_corr[block[i], block[j]]) ** 2
    den = float(dev.sum())
    if den <= 0:
        return 1.0
    return float(np.clip(var.sum() / den, 0.0, 1.0))


def fit_copula(blocks: Sequence[tuple[np.ndarray, FloatArray]]) -> GaussianCopula:
    """Fit the Gaussian copula of several blocks of past standardised errors.

    Parameters
    ----------
    blocks
        For each block, its calendar years (T_b,) and standardised errors (series × T_b); NaN
        where a series has no error that year.

    Returns
    -------
    GaussianCopula
    """
    years = np.array(
        sorted({int(y) for yrs, z in blocks for y in np.asarray(yrs)[~np.isnan(z).all(axis=0)]})
        if blocks
        else [],
        dtype=int,
    )
    pos = {int(y): i for i, y in enumerate(years)}
    t_all = len(years)
    scores: list[FloatArray] = []
    has_rows: list[np.ndarray] = []
    betas: list[FloatArray] = []
    fac = np.zeros((len(blocks), t_all))  # u_bᵀ β_b: the block factor's "scores" by year
    fac_norm = np.zeros(len(blocks))  # ‖β_b‖²
    for b, (yrs, z) in enumerate(blocks):
        z = np.asarray(z, dtype=float)
        full = np.full((z.shape[0], t_all), np.nan)
        cols = [pos.get(int(y), -1) for y in np.asarray(yrs)]
        for c, col in enumerate(cols):
            if col >= 0:
                full[:, col] = z[:, c]
        sc = normal_scores(full) if t_all else np.zeros((z.shape[0], 0))
        norm = np.sqrt(np.sum(sc**2, axis=1))
        has = norm > 0
        u = np.where(has[:, None], sc / np.where(has, norm, 1.0)[:, None], 0.0)
        beta_data = one_factor_loadings(u[has])
        beta = np.full(z.shape[0], float(beta_data.mean()) if beta_data.size else 0.0)
        beta[has] = beta_data
        scores.append(u)
        has_rows.append(has)
        betas.append(beta)
        fac[b] = u[has].T @ beta_data if t_all else 0.0
        fac_norm[b] = float(beta_data @ beta_data)
    n_b = len(blocks)
    # Least-squares correlation of two blocks' factors: r_ij ≈ β_i β_j F_bc over i in b, j in c.
    with np.errstate(invalid="ignore", divide="ignore"):
        f = (fac @ fac.T) / np.outer(fac_norm, fac_norm)
    f = np.where(np.isfinite(f), np.clip(f, -1.0, 1.0), 0.0)
    np.fill_diagonal(f, 1.0)
    factor_corr, factor_chol = _psd_factor(f) if n_b else (f, f)
    with_data = [u[h] for u, h in zip(scores, has_rows, strict=True)]
    u_all = np.concatenate(with_data, axis=0) if with_data else np.zeros((0, t_all))
    beta_all = (
        np.concatenate([bt[h] for bt, h in zip(betas, has_rows, strict=True)])
        if betas
        else np.zeros(0)
    )
    block_of = np.concatenate(
        [np.full(int(h.sum()), b, dtype=int) for b, h in enumerate(has_rows)]
        if has_rows
        else [np.zeros(0, dtype=int)]
    )
    lam = shrinkage_intensity(u_all, block_of, beta_all, factor_corr)
    return GaussianCopula(
        years=years,
        scores=tuple(scores),
        has_row=tuple(has_rows),
        shrinkage=lam,
        beta=tuple(betas),
        factor_corr=factor_corr,
        factor_chol=factor_chol,
    )


def margin_quantiles(pool: FloatArray, p: FloatArray, tail: float = TAIL_PROB) -> FloatArray:
    """The pooled quantile function at probabilities ``p``: empirical, with exponential tails.

    Parameters
    ----------
    pool
        Pooled standardised errors (any shape; NaN ignored), at least one value.
    p
        Probabilities in (0, 1), any shape.
    tail
        Tail probability beyond which the tails are exponential [share].

    Notes
    -----
    Inside ``[tail, 1 - tail]`` it is the empirical quantile function with linear
    interpolation (``numpy.quantile``'s default), so the calibrated 80% and 95% intervals are
    reproduced exactly. Below the ``tail`` quantile :math:`u`,
    :math:`Q(p) = u + \\beta \\log(p / \\mathrm{tail})` with :math:`\\beta` the mean excess of the
    pooled values beyond :math:`u` (the maximum-likelihood exponential tail; likewise above),
    so draws do not stop at the worst past error and probabilities of far targets change
    smoothly.
    """
    xs = np.sort(np.asarray(pool, dtype=float)[~np.isnan(pool)])
    p = np.asarray(p, dtype=float)
    n = xs.size
    if n == 1:
        return np.full(p.shape, xs[0])
    h = (n - 1) * np.clip(p, 0.0, 1.0)
    lo = np.minimum(np.floor(h).astype(int), n - 2)
    out = xs[lo] + (h - lo) * (xs[lo + 1] - xs[lo])
    if tail > 0:
        u_lo, u_hi = np.quantile(xs, [tail, 1.0 - tail])
        below = xs[xs < u_lo]
        above = xs[xs > u_hi]
        beta_lo = float(np.mean(u_lo - below)) if below.size else 0.0
        beta_hi = float(np.mean(above - u_hi)) if above.size else 0.0
        with np.errstate(divide="ignore"):
            out = np.where(p < tail, u_lo + beta_lo * np.log(np.maximum(p, 1e-300) / tail), out)
            out = np.where(
                p > 1.0 - tail,
                u_hi - beta_hi * np.log(np.maximum(1.0 - p, 1e-300) / tail),
                out,
            )
    return out


def uniform(x: FloatArray) -> FloatArray:
    """Standard normal CDF :math:`\\Phi(x)`, clipped away from 0 and 1."""
    return np.clip(ndtr(x), 1e-12, 1.0 - 1e-12)
