"""Coherent full-year draws: additive children add up to their parent in every draw.

Each unit is forecast on its own; the forecasts of an additive indicator then generally do not
add up. :func:`reconcile` projects the draws (and the point forecast) onto the coherent space:

.. math:: y_a = \\sum_{c \\in \\mathrm{children}(a)} y_c + R_a

for every parent ``a`` with rollup children, where :math:`R_a` is a **fixed** residual (the
published difference between the parent and the sum of its children, carried through the year).
The projection is the weighted least-squares (MinT with a diagonal covariance, "WLS_var")
reconciliation of Wickramasuriya, Athanasopoulos and Hyndman (2019): a unit with a wide
distribution absorbs more of the discrepancy than a precise one. Units that do not add into a
parent (parks, ``rollup = no``) and units without levels are left as they are.

References
----------
Wickramasuriya, S. L., Athanasopoulos, G. and Hyndman, R. J. (2019), "Optimal forecast
reconciliation for hierarchical and grouped time series through trace minimization", *Journal of
the American Statistical Association* 114(526), 804-819.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from sprintmodel.forecast.draws import ancestor_matrix
from sprintmodel.ytd import FloatArray


def _effective_parent(parent: np.ndarray, active: np.ndarray) -> np.ndarray:
    """Parent index among active units (-1 where the unit or its parent is inactive)."""
    eff = np.where(active & (parent >= 0), parent, -1)
    return np.array([p if p >= 0 and active[p] else -1 for p in eff.tolist()], dtype=int)


def summing_matrix(parent: np.ndarray, active: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The summing matrix of the active units' rollup tree.

    Parameters
    ----------
    parent
        Integer array (units,): rollup parent index, -1 for none.
    active
        Boolean (units,): units taking part (with levels).

    Returns
    -------
    (S, leaves)
        ``S`` (units × leaves) with ``S[i, l] = 1`` where leaf ``l`` is ``i`` or adds into
        ``i``; ``leaves`` the indices of the bottom units (active units without active rollup
        children). Inactive units have zero rows. ``S`` is the leaves' columns of
        :func:`~sprintmodel.forecast.draws.ancestor_matrix` over the active tree.
    """
    n = len(parent)
    eff_parent = _effective_parent(parent, active)
    has_child = np.zeros(n, dtype=bool)
    for u in range(n):
        if eff_parent[u] >= 0:
            has_child[eff_parent[u]] = True
    leaves = np.flatnonzero(active & ~has_child)
    s = np.ascontiguousarray(ancestor_matrix(eff_parent)[:, leaves])
    return s, leaves


def reconcile(
    fy: FloatArray,
    point: FloatArray,
    parent: np.ndarray,
    residual: FloatArray,
    active: np.ndarray,
) -> tuple[FloatArray, FloatArray]:
    """Reconcile full-year draws and points so rollup children add up to their parents.

    Parameters
    ----------
    fy
        Draws of full-year levels (draws × units) [measure].
    point
        Point forecasts (units,) [measure].
    parent
        Rollup parent index of each unit (units,), -1 for none.
    residual
        Fixed residual of each parent, ``R_a`` (units,) [measure]; ignored for units without
        children.
    active
        Units taking part (finite levels and draws).

    Returns
    -------
    (fy, point)
        Reconciled copies; inactive units and units outside any constraint are unchanged.

    Notes
    -----
    With :math:`S` the summing matrix, :math:`F = S_R R` the fixed part (each unit's own
    residual plus those of its descendants) and :math:`W = \\mathrm{diag}(\\mathrm{Var}\\,\\hat y)`,

    .. math:: \\tilde y = F + S (S^T W^{-1} S)^{-1} S^T W^{-1} (\\hat y - F)

    applied to every draw and to the point forecast.
    """
    n = len(parent)
    s, leaves = summing_matrix(parent, active)
    not_self = s.copy()
    not_self[leaves, np.arange(len(leaves))] = 0.0
    constrained = active & (not_self.sum(axis=1) > 0)  # parents with active children
    # Units in some constraint: on a leaf-to-top chain of more than one unit.
    chains = s[:, s.sum(axis=0) > 1]
    involved = active & (chains.sum(axis=1) > 0)
    if not involved.any():
        return fy.copy(), point.copy()
    idx = np.flatnonzero(involved)
    leaf_cols = np.flatnonzero(s[idx].sum(axis=0) > 0)
    s_sub = s[np.ix_(idx, leaf_cols)]
    # Fixed part: residual of every aggregate at or below each unit.
    agg = np.where(constrained, np.nan_to_num(residual), 0.0)
    fixed = np.zeros(n)
    eff_parent = _effective_parent(parent, active)
    for u in np.flatnonzero(constrained):
        a = int(u)  # u and each of its ancestors carry u's residual
        while a >= 0:
            fixed[a] += agg[u]
            a = int(eff_parent[a])
    f_sub = fixed[idx]
    var = np.var(fy[:, idx], axis=0)
    scale = np.maximum(np.abs(point[idx]), 1.0)
    w_inv = 1.0 / np.maximum(var, (1e-9 * scale) ** 2)
    project = _projector(s_sub, w_inv)
    out = fy.copy()
    out[:, idx] = f_sub + project(fy[:, idx] - f_sub)
    pt = point.copy()
    pt[idx] = f_sub + project((point[idx] - f_sub)[None, :])[0]
    return out, pt


def _projector(s: FloatArray, w_inv: FloatArray) -> Callable[[FloatArray], FloatArray]:
    """The MinT projection ``y -> S (S'WS)^-1 S'W y`` (``W = diag(w_inv)``) on rows of ``y``.

    ``S`` (units × leaves) has a unit row for each leaf and a 0/1 row for each aggregate, so
    :math:`S^T W S = D + A W_a A^T` with :math:`D` the leaves' weights and :math:`A` (leaves ×
    aggregates) the aggregates' leaf sets: solved by the Woodbury identity, at a cost of
    (draws × leaves × aggregates) instead of (draws × units²).
    """
    n_units, n_leaves = s.shape
    unit_row = (s.sum(axis=1) == 1) & (s.max(axis=1) == 1)
    rows = np.flatnonzero(unit_row)
    leaf_pos = np.full(n_leaves, -1)
    leaf_pos[np.argmax(s[rows], axis=1)[::-1]] = rows[::-1]  # the first unit row of each leaf
    is_leaf = np.zeros(n_units, dtype=bool)
    is_leaf[leaf_pos] = True
    agg_pos = np.flatnonzero(~is_leaf)
    a = s[agg_pos].T  # leaves × aggregates
    d = w_inv[leaf_pos]
    wa = w_inv[agg_pos]
    k = np.diag(1.0 / wa) + (a / d[:, None]).T @ a if agg_pos.size else np.zeros((0, 0))

    def apply(r: FloatArray) -> FloatArray:
        rhs = r[:, leaf_pos] * d + (r[:, agg_pos] * wa) @ a.T
        y1 = rhs / d
        if agg_pos.size:
            corr = np.linalg.solve(k, (y1 @ a).T).T
            x = y1 - (corr @ a.T) / d
        else:
            x = y1
        out = np.empty_like(r)
        out[:, leaf_pos] = x
        out[:, agg_pos] = x @ a
        return out

    return apply
