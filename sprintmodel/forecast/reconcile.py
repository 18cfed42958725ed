"""Coherent full-year draws: additive children add up to their parent in every draw.

Each unit is forecast on its own; the forecasts of an additive indicator then generally do not
add up. :func:`reconcile` projects the draws (and the point forecast) onto the coherent space:

.. math:: y_a = \\sum_{c \\in \\mathrm{children}(a)} y_c + R_a

for every parent ``a`` with rollup children, where :math:`R_a` is a **fixed** residual (the
published difference between the parent and the sum of its children, carried through the year).
A parent may have several partitions (a grouped structure): in the view of
:meth:`DataSet.components_as_units <sprintmodel.data.DataSet.components_as_units>` the city's
districts add up to it and so do its industries, two constraints
:math:`y_a = \\sum_{c \\in P_g(a)} y_c + R_{a,g}` that every draw meets (a single sum over all
children would mix the two partitions).
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


def constraints(
    parent: np.ndarray, active: np.ndarray, group: np.ndarray | None = None
) -> list[tuple[int, int, np.ndarray]]:
    """The aggregation constraints of the active units: ``(a, g, children)`` for every active
    parent ``a`` and every partition ``g`` of its active rollup children.

    Parameters
    ----------
    parent
        Integer array (units,): rollup parent index, -1 for none.
    active
        Boolean (units,): units taking part.
    group
        Integer array (units,) >= 0: the partition a unit belongs to among its parent's
        children (default 0 for all). A city whose districts and whose industries both add up
        to it has two partitions (0: the districts, 1: the industries): two constraints.
    """
    group = np.zeros(len(parent), dtype=int) if group is None else np.asarray(group, dtype=int)
    eff = _effective_parent(parent, active)
    out = []
    for a in np.flatnonzero(active):
        for g in np.unique(group[eff == a]):
            kids = np.flatnonzero((eff == a) & (group == g))
            out.append((int(a), int(g), kids))
    return out


def reconcile(
    fy: FloatArray,
    point: FloatArray,
    parent: np.ndarray,
    residual: FloatArray,
    active: np.ndarray,
    *,
    group: np.ndarray | None = None,
    fixed: np.ndarray | None = None,
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
        Fixed residual :math:`R_{a,g}` of each parent and partition (units,) or (units ×
        partitions) [measure]; ignored for units without children.
    active
        Units taking part (finite levels and draws).
    group
        Partition of each unit among its parent's children (units,), default all 0 (see
        :func:`constraints`).
    fixed
        Boolean (units,): units held as they are (zero variance: a figure already published
        elsewhere, e.g. the headline GDP to which the industries are reconciled). Every
        constraint must involve at least one unit that is not fixed.

    Returns
    -------
    (fy, point)
        Reconciled copies; inactive units and units outside any constraint are unchanged.

    Notes
    -----
    With :math:`C` the constraint matrix (one row per parent and partition: :math:`+1` at the
    parent, :math:`-1` at its children), :math:`c` the residuals and
    :math:`W = \\mathrm{diag}(\\mathrm{Var}\\,\\hat y)`,

    .. math:: \\tilde y = \\hat y - W C^T (C W C^T)^{-1} (C \\hat y - c)

    applied to every draw and to the point forecast: the minimiser of
    :math:`(y - \\hat y)^T W^{-1} (y - \\hat y)` subject to :math:`C y = c`, which for one
    partition per parent equals the summing-matrix form
    :math:`F + S (S^T W^{-1} S)^{-1} S^T W^{-1} (\\hat y - F)` (Wickramasuriya et al. 2019,
    section 2.3: the projection onto the coherent subspace, the null space of :math:`C`) and
    for several partitions is the grouped case of the same paper.
    """
    n = len(parent)
    rows = constraints(parent, active, group)
    if not rows:
        return fy.copy(), point.copy()
    res = np.asarray(residual, dtype=float).reshape(n, -1)
    c_full = np.zeros((len(rows), n))
    rhs = np.zeros(len(rows))
    for r, (a, g, kids) in enumerate(rows):
        c_full[r, a] = 1.0
        c_full[r, kids] = -1.0
        rhs[r] = np.nan_to_num(res[a, min(g, res.shape[1] - 1)])
    idx = np.flatnonzero(np.abs(c_full).sum(axis=0) > 0)
    c = c_full[:, idx]
    var = np.var(fy[:, idx], axis=0)
    scale = np.maximum(np.abs(point[idx]), 1.0)
    w = np.maximum(var, (1e-9 * scale) ** 2)
    if fixed is not None:
        w = np.where(np.asarray(fixed, dtype=bool)[idx], 0.0, w)
    m = (c * w) @ c.T
    out = fy.copy()
    gap = fy[:, idx] @ c.T - rhs
    out[:, idx] = fy[:, idx] - np.linalg.solve(m, gap.T).T @ c * w
    pt = point.copy()
    pt[idx] = point[idx] - np.linalg.solve(m, c @ point[idx] - rhs) @ c * w
    return out, pt
