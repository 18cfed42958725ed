"""Chance-constrained choice of a sprint package by sample-average approximation (pure numerics).

The engine's effects are linear in the decisions (lever intensities, yes/no options), so in
every simulated draw ``s`` and for every target ``t`` the full-year growth is

    g[s, t](w) = g0[s, t] + Σ_k a[s, t, k] w_k                              [%]

with ``g0`` the baseline draw and ``a`` the effect of one unit of decision ``k`` [pp]. The
target is met in draw ``s`` when ``Σ_k a[s, t, k] w_k ≥ need[s, t] = target_t − g0[s, t]``. The
chance-constrained programme

    min  c·w   s.t.  P(g[·, t](w) ≥ target_t for every t) ≥ α,   0 ≤ w ≤ u,   w_k ∈ {0, 1} (options)

is replaced by its sample-average approximation (SAA) over the ``N`` draws, a mixed-integer
linear programme with one binary ``z_s`` per draw ("met in draw s"):

    Σ_k a[s, t, k] w_k − M[s, t] z_s ≥ lo[s, t]          for every draw s and target t
    Σ_s z_s ≥ ⌈α N⌉

where ``lo[s, t] = Σ_k min(0, a[s, t, k] u_k)`` is the least the decisions can add and
``M[s, t] = need[s, t] − lo[s, t]`` the big-M (with ``z_s = 0`` the row reads ``Σ a w ≥ lo``,
always true; with ``z_s = 1`` it is the target). Draws that the decisions cannot lift to the
target even at their upper bounds are fixed at ``z_s = 0``, draws that meet it whatever the
decisions are counted as met, and only the others enter the programme; this keeps the MILP
small (Luedtke & Ahmed 2008; Pagnoncelli, Ahmed & Shapiro 2009). ``scipy.optimize.milp``
(HiGHS branch and cut) solves it.

References
----------
- Luedtke, J. & Ahmed, S. (2008). A sample approximation approach for optimization with
  probabilistic constraints. *SIAM Journal on Optimization* 19(2), 674-699.
- Pagnoncelli, B. K., Ahmed, S. & Shapiro, A. (2009). Sample average approximation method for
  chance constrained programming: theory and applications. *Journal of Optimization Theory
  and Applications* 142(2), 399-416.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

MET_TOLERANCE = 1e-5
"""Margin [pp] added to every requirement in the programme, so that a draw the solver counts as
met (within its feasibility and integrality tolerances, about 1e-6 × big-M) is met in exact
arithmetic too; 1e-5 pp of growth is far below anything a statistic shows."""

Status = Literal["optimal", "time_limit", "infeasible", "failed"]


@dataclass(frozen=True, eq=False)
class ChanceModel:
    """The linear effects of the decisions on the targets, draw by draw.

    Attributes
    ----------
    effect
        (draws × targets × decisions): what one unit of each decision adds to each target's
        full-year growth in each draw [pp].
    need
        (draws × targets): target growth minus the baseline draw's growth [pp]; a draw meets
        target ``t`` when the decisions add at least this much.
    cost
        (decisions,): cost of one unit of each decision [亿元] (weighted by cost kind).
    upper
        (decisions,): upper bound of each decision (caps; 1 for yes/no options).
    integer
        (decisions,): True for yes/no decisions (binary).
    rows, rows_upper
        Extra linear constraints ``rows @ w ≤ rows_upper`` (k × decisions, k): a cap shared by
        several placements, at most one option per project, tangent cuts of a saturating
        response.
    names
        A name for each decision (for messages).
    """

    effect: np.ndarray
    need: np.ndarray
    cost: np.ndarray
    upper: np.ndarray
    integer: np.ndarray
    rows: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    rows_upper: np.ndarray = field(default_factory=lambda: np.zeros(0))
    names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        e = np.asarray(self.effect, dtype=np.float64)
        if e.ndim != 3:
            raise ValueError("effect must be draws × targets × decisions")
        n, t, k = e.shape
        object.__setattr__(self, "effect", e)
        object.__setattr__(self, "need", np.asarray(self.need, dtype=np.float64).reshape(n, t))
        for name in ("cost", "upper"):
            arr = np.asarray(getattr(self, name), dtype=np.float64).reshape(k)
            object.__setattr__(self, name, arr)
        object.__setattr__(self, "integer", np.asarray(self.integer, dtype=bool).reshape(k))
        rows = np.asarray(self.rows, dtype=np.float64)
        rows = np.zeros((0, k)) if rows.size == 0 else rows.reshape(-1, k)
        object.__setattr__(self, "rows", rows)
        object.__setattr__(
            self, "rows_upper", np.asarray(self.rows_upper, dtype=np.float64).reshape(-1)
        )
        if not self.names:
            object.__setattr__(self, "names", tuple(f"w{i}" for i in range(k)))
        if np.any(self.upper < 0) or not np.all(np.isfinite(self.upper)):
            raise ValueError("upper bounds must be finite and non-negative")

    @property
    def n_draws(self) -> int:
        """Number of draws ``N``."""
        return int(self.effect.shape[0])

    @property
    def n_targets(self) -> int:
        """Number of targets."""
        return int(self.effect.shape[1])

    @property
    def n_decisions(self) -> int:
        """Number of decisions."""
        return int(self.effect.shape[2])

    def added(self, w: np.ndarray) -> np.ndarray:
        """What decisions ``w`` add to each draw × target [pp]."""
        return np.einsum("stk,k->st", self.effect, np.asarray(w, dtype=np.float64))

    def met(self, w: np.ndarray) -> np.ndarray:
        """(draws × targets) True where decisions ``w`` meet the target."""
        return self.added(w) >= self.need - 1e-9

    def probability(self, w: np.ndarray, *, joint: bool = True) -> float:
        """Share of draws meeting every target (``joint``) or the least share over targets."""
        m = self.met(w)
        if joint:
            return float(m.all(axis=1).mean())
        return float(m.mean(axis=0).min()) if m.shape[1] else 1.0

    def bounds_added(self) -> tuple[np.ndarray, np.ndarray]:
        """Least and most (draws × targets) the decisions can add within their bounds [pp].

        The most ignores the extra rows (a valid upper bound); the least is attained at ``w = 0``
        or at an upper bound of each decision.
        """
        contrib = self.effect * self.upper[None, None, :]
        return np.minimum(contrib, 0.0).sum(axis=2), np.maximum(contrib, 0.0).sum(axis=2)


@dataclass(frozen=True)
class SAASolution:
    """A solution of the sample programme.

    Attributes
    ----------
    w
        Decisions (decisions,); NaN when the programme has no solution.
    cost
        ``cost · w`` [亿元].
    status
        ``optimal``, ``time_limit`` (the best found when the time ran out), ``infeasible`` or
        ``failed``.
    probability
        Share of the sample's draws meeting the targets with ``w`` (joint, or the least share
        over targets).
    required
        Draws that had to be met (``⌈α N⌉``, or the best count in the maximising mode).
    gap
        Relative MIP gap reported by the solver (0 when proved optimal).
    seconds
        Solver wall time [s].
    message
        The solver's message.
    """

    w: np.ndarray
    cost: float
    status: Status
    probability: float
    required: int
    gap: float = 0.0
    seconds: float = 0.0
    message: str = ""

    @property
    def ok(self) -> bool:
        """True when a solution was found."""
        return self.status in ("optimal", "time_limit")


@dataclass(frozen=True)
class _Layout:
    """The programme's rows: which draws are in play and the big-M rows."""

    matrix: sparse.csr_matrix  # rows × (decisions + z)
    lower: np.ndarray
    n_z: int
    z_target: np.ndarray  # (z,) target of each z (each mode) or -1 (joint)
    z_draw: np.ndarray  # (z,) draw of each z
    always: np.ndarray  # joint: (draws,) met whatever; each: (draws × targets)
    never: np.ndarray


def required_count(alpha: float, n: int) -> int:
    """Draws out of ``n`` that must be met for a share of at least ``alpha``: ``⌈α n⌉``."""
    return int(min(n, max(0, math.ceil(alpha * n - 1e-9))))


def _layout(model: ChanceModel, joint: bool) -> _Layout:
    k = model.n_decisions
    need = model.need + MET_TOLERANCE
    lo, hi = model.bounds_added()
    always = lo >= need
    never = hi < need
    if joint:
        d_never = never.any(axis=1)
        d_always = always.all(axis=1) & ~d_never
        play = np.flatnonzero(~d_never & ~d_always)
        z_draw = play
        z_target = np.full(play.size, -1)
        pairs = [
            (int(s), int(t), i) for i, s in enumerate(play) for t in np.flatnonzero(~always[s])
        ]
        always_out, never_out = np.asarray(d_always), np.asarray(d_never)
    else:
        play_st = np.argwhere(~never & ~always)
        z_draw = play_st[:, 0]
        z_target = play_st[:, 1]
        pairs = [(int(s), int(t), i) for i, (s, t) in enumerate(play_st)]
        always_out, never_out = np.asarray(always), np.asarray(never)
    n_rows = len(pairs)
    n_z = z_draw.size
    if n_rows:
        s_idx = np.array([p[0] for p in pairs])
        t_idx = np.array([p[1] for p in pairs])
        z_idx = np.array([p[2] for p in pairs])
        dec = model.effect[s_idx, t_idx, :]  # rows × k
        big_m = need[s_idx, t_idx] - lo[s_idx, t_idx]
        zcols = sparse.csr_matrix(
            (-big_m, (np.arange(n_rows), z_idx)), shape=(n_rows, n_z), dtype=np.float64
        )
        matrix = sparse.hstack([sparse.csr_matrix(dec), zcols], format="csr")
        lower = lo[s_idx, t_idx]
    else:
        matrix = sparse.csr_matrix((0, k + n_z))
        lower = np.zeros(0)
    return _Layout(matrix, lower, n_z, z_target, z_draw, always_out, never_out)


def _solve(
    model: ChanceModel,
    lay: _Layout,
    objective: np.ndarray,
    extra: list[LinearConstraint],
    *,
    time_limit: float,
    mip_rel_gap: float,
    extra_vars: int = 0,
    extra_upper: float = 1.0,
) -> tuple[np.ndarray | None, Status, float, float, str]:
    k = model.n_decisions
    n_vars = k + lay.n_z + extra_vars
    if n_vars == 0:  # nothing to decide: the counts were checked by the caller
        return np.zeros(0), "optimal", 0.0, 0.0, "nothing to decide"
    lb = np.zeros(n_vars)
    ub = np.concatenate([model.upper, np.ones(lay.n_z), np.full(extra_vars, extra_upper)])
    integrality = np.concatenate(
        [model.integer.astype(int), np.ones(lay.n_z, dtype=int), np.zeros(extra_vars, dtype=int)]
    )
    cons: list[LinearConstraint] = []
    if lay.matrix.shape[0]:
        mat = lay.matrix
        if extra_vars:
            mat = sparse.hstack([mat, sparse.csr_matrix((mat.shape[0], extra_vars))], format="csr")
        cons.append(LinearConstraint(mat, lay.lower, np.inf))
    if model.rows.shape[0]:
        pad = np.zeros((model.rows.shape[0], lay.n_z + extra_vars))
        cons.append(LinearConstraint(np.hstack([model.rows, pad]), -np.inf, model.rows_upper))
    cons.extend(extra)
    t0 = time.perf_counter()
    # Without presolve: HiGHS (scipy 1.17) sometimes stops with "Solve error" after its
    # presolve transforms an integer-feasible solution of these big-M programmes (and prints a
    # stray line on stdout); presolve does not shorten them measurably (bench_optimize.py).
    options = {
        "time_limit": float(time_limit),
        "mip_rel_gap": float(mip_rel_gap),
        "disp": False,
        "presolve": False,
    }
    res = milp(
        objective,
        integrality=integrality,
        bounds=Bounds(lb, ub),
        constraints=cons,
        options=options,
    )
    if res.x is None and res.status == 4:  # a solver error: try once more with presolve
        left = max(1.0, float(time_limit) - (time.perf_counter() - t0))
        res = milp(
            objective,
            integrality=integrality,
            bounds=Bounds(lb, ub),
            constraints=cons,
            options={**options, "presolve": True, "time_limit": left},
        )
    seconds = time.perf_counter() - t0
    gap = float(getattr(res, "mip_gap", 0.0) or 0.0)
    if res.x is None:
        status: Status = "infeasible" if res.status == 2 else "failed"
        return None, status, gap, seconds, str(res.message)
    status = "optimal" if res.status == 0 else "time_limit"
    return np.asarray(res.x, dtype=np.float64), status, gap, seconds, str(res.message)


def _pad(row: np.ndarray, n_vars: int) -> np.ndarray:
    out = np.zeros(n_vars)
    out[: row.size] = row
    return out


def solve_min_cost(
    model: ChanceModel,
    alpha: float,
    *,
    joint: bool = True,
    budget: float | None = None,
    time_limit: float = 20.0,
    mip_rel_gap: float = 1e-6,
) -> SAASolution:
    """Least-cost decisions meeting the targets in at least ``⌈α N⌉`` of the ``N`` draws.

    Parameters
    ----------
    model
        Effects, requirements, costs and bounds.
    alpha
        Share of draws to meet [0-1] (jointly, or for each target separately).
    joint
        True: all targets met in the same draw; False: each target in ``⌈α N⌉`` draws.
    budget
        Optional upper bound on ``cost · w`` [亿元].
    time_limit, mip_rel_gap
        HiGHS settings [s], [1].

    Returns
    -------
    SAASolution
        ``status == "infeasible"`` when no decisions within the bounds reach ``alpha``.

    Notes
    -----
    The programme is the SAA of the module docstring with the objective ``min c·w``.
    """
    n, k = model.n_draws, model.n_decisions
    lay = _layout(model, joint)
    need_k = required_count(alpha, n)
    extra: list[LinearConstraint] = []
    n_vars = k + lay.n_z
    if joint:
        base = int(lay.always.sum())
        if base + lay.n_z < need_k:
            return _infeasible(model, need_k, "too few draws can reach the targets")
        if need_k - base > 0:
            extra.append(LinearConstraint(_pad_z(k, lay.n_z, None, lay), need_k - base, np.inf))
    else:
        for t in range(model.n_targets):
            base = int(lay.always[:, t].sum())
            avail = int(np.count_nonzero(lay.z_target == t))
            if base + avail < need_k:
                return _infeasible(model, need_k, f"target {t} cannot be met often enough")
            if need_k - base > 0:
                extra.append(LinearConstraint(_pad_z(k, lay.n_z, t, lay), need_k - base, np.inf))
    if budget is not None:
        extra.append(LinearConstraint(_pad(model.cost, n_vars), -np.inf, budget))
    objective = _pad(model.cost, n_vars)
    x, status, gap, secs, msg = _solve(
        model, lay, objective, extra, time_limit=time_limit, mip_rel_gap=mip_rel_gap
    )
    if x is None:
        return _infeasible(model, need_k, msg, status=status, seconds=secs)
    w = _decisions(model, x)
    return SAASolution(
        w=w,
        cost=float(model.cost @ w),
        status=status,
        probability=model.probability(w, joint=joint),
        required=need_k,
        gap=gap,
        seconds=secs,
        message=msg,
    )


def solve_max_probability(
    model: ChanceModel,
    *,
    joint: bool = True,
    budget: float | None = None,
    time_limit: float = 20.0,
    mip_rel_gap: float = 1e-6,
) -> SAASolution:
    """Decisions meeting the targets in as many draws as possible, then at least cost.

    Parameters
    ----------
    model
        Effects, requirements, costs and bounds.
    joint
        True: count draws meeting every target; False: maximise the least count over targets.
    budget
        Optional upper bound on ``cost · w`` [亿元] (None: only the caps bind).
    time_limit, mip_rel_gap
        HiGHS settings for each of the two stages [s], [1].

    Notes
    -----
    Two stages (lexicographic): (1) maximise ``Σ_s z_s`` (or the least per-target count ``p``
    with ``Σ_s z_{s,t} ≥ p`` for every ``t``) within the budget; (2) least cost among
    decisions meeting that count (:func:`solve_min_cost` with ``α = count / N``).
    """
    n, k = model.n_draws, model.n_decisions
    lay = _layout(model, joint)
    extra: list[LinearConstraint] = []
    if joint:
        n_vars = k + lay.n_z
        objective = -_pad_z(k, lay.n_z, None, lay)
        base = int(lay.always.sum())
        extra_vars = 0
    else:
        # One more variable p (the least count), maximised.
        n_vars = k + lay.n_z + 1
        objective = np.zeros(n_vars)
        objective[-1] = -1.0
        extra_vars = 1
        for t in range(model.n_targets):
            row = _pad(_pad_z(k, lay.n_z, t, lay), n_vars)
            row[-1] = -1.0
            extra.append(LinearConstraint(row, -float(lay.always[:, t].sum()), np.inf))
        base = 0
    if budget is not None:
        extra.append(LinearConstraint(_pad(model.cost, n_vars), -np.inf, budget))
    x, status, _gap, secs, msg = _solve(
        model,
        lay,
        objective,
        extra,
        time_limit=time_limit,
        mip_rel_gap=mip_rel_gap,
        extra_vars=extra_vars,
        extra_upper=float(n),
    )
    if x is None:
        return _infeasible(model, 0, msg, status=status, seconds=secs)
    w1 = _decisions(model, x)
    count = round(model.probability(w1, joint=joint) * n)
    if joint:
        count = max(count, base)
    second = solve_min_cost(
        model,
        count / n,
        joint=joint,
        budget=budget,
        time_limit=time_limit,
        mip_rel_gap=mip_rel_gap,
    )
    if not second.ok:  # keep the first stage's decisions
        return SAASolution(
            w=w1,
            cost=float(model.cost @ w1),
            status=status,
            probability=model.probability(w1, joint=joint),
            required=count,
            seconds=secs,
            message=msg,
        )
    return SAASolution(
        w=second.w,
        cost=second.cost,
        status=second.status if status == "optimal" else status,
        probability=second.probability,
        required=count,
        gap=second.gap,
        seconds=secs + second.seconds,
        message=second.message,
    )


def _pad_z(k: int, n_z: int, target: int | None, lay: _Layout) -> np.ndarray:
    row = np.zeros(k + n_z)
    if target is None:
        row[k:] = 1.0
    else:
        row[k:][lay.z_target == target] = 1.0
    return row


def _decisions(model: ChanceModel, x: np.ndarray) -> np.ndarray:
    """Binary decisions rounded to exact 0/1, continuous ones clipped into their bounds."""
    w = x[: model.n_decisions].copy()
    w[model.integer] = np.round(w[model.integer])
    return np.clip(w, 0.0, model.upper)


def _infeasible(
    model: ChanceModel,
    required: int,
    message: str,
    *,
    status: Status = "infeasible",
    seconds: float = 0.0,
) -> SAASolution:
    return SAASolution(
        w=np.full(model.n_decisions, np.nan),
        cost=float("nan"),
        status=status,
        probability=float("nan"),
        required=required,
        seconds=seconds,
        message=message,
    )


__all__ = [
    "MET_TOLERANCE",
    "ChanceModel",
    "SAASolution",
    "required_count",
    "solve_max_probability",
    "solve_min_cost",
]
