"""District allocation of a city target: targets that add up, close to each unit's potential.

Given the city's target growth :math:`G` and, for the units that add into the city (districts
and counties; parks overlap them and are left out), this year's levels :math:`F_u` and reference
growth :math:`\\hat g_u` (each unit's potential and recent performance), choose the units'
target growth :math:`g_u` [%] to

.. math::

    \\min_g \\; \\sum_u a_u (g_u - \\hat g_u)^2
    \\quad \\text{s.t.} \\quad \\sum_u F_u g_u = G \\sum_u F_u,
    \\qquad l_u \\le g_u \\le h_u

with weights :math:`a_u = F_u / \\sum F` ("level": every unit not at a bound moves by the same
number of points) or :math:`a_u = (F_u / \\sum F) / v_u` ("uncertainty": in proportion to the
variance :math:`v_u` of its next-year growth). The equality makes the units' target **levels**
:math:`F_u (1 + g_u/100)` add up to the city's target level less the city's residual (the
city's level minus the sum of its units' levels, which is taken to grow with the city, keeping
its share), and so the growth adds up too.

The problem is a convex quadratic programme with one equality; its KKT conditions give
:math:`g_u(\\lambda) = \\mathrm{clip}(\\hat g_u + \\lambda F_u / (2 a_u \\sum F), l_u, h_u)`, and
:math:`\\sum_u F_u g_u(\\lambda)` is non-decreasing in the multiplier :math:`\\lambda`, so the
solution is the root of one equation, found with ``scipy.optimize.brentq`` (exact to 1e-12;
the tests check it against ``scipy.optimize.minimize(method="SLSQP")``). A bound is binding
when the unit sits on it; its multiplier :math:`\\mu_u` is the fall of the objective per point
the bound is relaxed [pp].

**The residual.** The parent's level is usually not exactly the sum of its units (city-level
units, rounding, statistical differences, or units left out of the folder): ``R = F_parent -
Σ F_u``. It is taken to grow **at the parent's target** (it keeps its share), so that
``Σ F_u (1 + g_u/100) + R (1 + G/100) = F_parent (1 + G/100)`` and the level-weighted mean of
the units' growth is the parent's. The residual has no forecast of its own (a difference of two
projections, erratic when it is small), and growing it at the parent's target is the only rule
under which the units' growth averages to the parent's.

**Soft bounds.** Bounds may be marked *soft* (the default band around the reference, as opposed
to bounds a user gave). When the target cannot be reached within the bounds, the violated side of
every soft bound is moved by the same number of points ``d``, the smallest that makes the target
feasible: with shares ``s_u = F_u / Σ F``, ``d = (G - Σ s_u h_u) / Σ_soft s_u`` for a target
above the units' reach (upper bounds ``h_u``) and ``d = (Σ s_u l_u - G) / Σ_soft s_u`` below it
(lower bounds ``l_u``). It is reported as :attr:`Allocation.widened_pp` and
:attr:`Allocation.widened_side`; at that width every unit with a soft bound on that side sits on
it. Only hard bounds that cannot add up (no soft bound on the violated side) remain an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize

from sprintmodel.errors import InputError
from sprintmodel.results import Results
from sprintmodel.words.optimize import pad
from sprintmodel.words.summaries import BOUND_SIDE, joined, summary_text, word

_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class Allocation(Results):
    """One allocation of a parent's target among its units (immutable).

    Attributes
    ----------
    parent
        The unit whose target is allocated.
    indicator
        Indicator code.
    units
        The units sharing it.
    base
        This year's levels :math:`F_u` [measure] (units,).
    reference
        Reference growth :math:`\\hat g_u` [%].
    lower, upper
        Bounds [%].
    growth
        Allocated target growth :math:`g_u` [%].
    parent_growth
        The parent's target growth :math:`G` [%].
    parent_base
        The parent's level this year [measure]; ``parent_base - base.sum()`` is the residual.
    weights
        :math:`a_u` [1].
    multiplier
        :math:`\\lambda` of the adding-up constraint [pp].
    bound_multipliers
        :math:`\\mu_u` [pp] (positive on a binding bound, zero elsewhere).
    binding
        ``"lower"``, ``"upper"`` or ``""`` per unit.
    widened_pp
        Points by which the soft bounds were widened to make the target feasible (0: none).
    widened_side
        ``"upper"``, ``"lower"`` or ``""``: the side widened.
    widened_units
        The units whose bound was widened.
    """

    parent: str
    indicator: str
    units: tuple[str, ...]
    base: np.ndarray
    reference: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    growth: np.ndarray
    parent_growth: float
    parent_base: float
    weights: np.ndarray
    multiplier: float
    bound_multipliers: np.ndarray
    binding: tuple[str, ...]
    widened_pp: float = 0.0
    widened_side: str = ""
    widened_units: tuple[str, ...] = ()

    @property
    def target_level(self) -> np.ndarray:
        """Units' target levels :math:`F_u (1 + g_u/100)` [measure]."""
        return self.base * (1.0 + self.growth / 100.0)

    @property
    def residual(self) -> float:
        """This year's parent level minus the sum of the units' levels [measure]."""
        return float(self.parent_base - self.base.sum())

    @property
    def parent_target_level(self) -> float:
        """The parent's target level :math:`F_{parent}(1 + G/100)` [measure]."""
        return float(self.parent_base * (1.0 + self.parent_growth / 100.0))

    @property
    def residual_target(self) -> float:
        """The residual next year, grown with the parent [measure]."""
        return self.residual * (1.0 + self.parent_growth / 100.0)

    def check(self) -> float:
        """Relative error of the adding-up: ``(Σ targets + residual) / parent target − 1``."""
        total = float(self.target_level.sum()) + self.residual_target
        return total / self.parent_target_level - 1.0

    def summary(self, lang: str = "en", names: Mapping[str, str] | None = None) -> str:
        """Plain text: the parent's target and each unit's, with binding bounds, in ``lang``
        (English by default, ``"zh"`` Chinese); ``names`` shows the parent, the units and the
        indicator by their names (code → name; codes where not given)."""
        zh = lang == "zh"
        shown = dict(names or {})

        def name(code: str) -> str:
            return shown.get(code, code)

        lines = [
            summary_text(
                "allocation.head",
                lang,
                indicator=name(self.indicator),
                growth=self.parent_growth,
                parent=name(self.parent),
                n=len(self.units),
                multiplier=self.multiplier,
                error=self.check(),
            )
        ]
        if self.widened_pp > 0:
            lines.append(
                summary_text(
                    "allocation.widened",
                    lang,
                    side=word(BOUND_SIDE, self.widened_side, lang),
                    units=joined([name(u) for u in self.widened_units], lang),
                    pp=self.widened_pp,
                )
            )
        for i, u in enumerate(self.units):
            side = self.binding[i]
            tag = summary_text("allocation.tag", lang, side=word(BOUND_SIDE, side, lang))
            lines.append(
                summary_text(
                    "allocation.line",
                    lang,
                    unit=pad(name(u), 12) if zh else f"{name(u):<10}",
                    growth=self.growth[i],
                    reference=self.reference[i],
                    lower=self.lower[i],
                    upper=self.upper[i],
                    tag=tag if side else "",
                )
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        """The table in a notebook, in English (the allocation carries no language; for
        Chinese, show :meth:`summary` with ``lang="zh"``)."""
        return f"<p><b>{self.summary().splitlines()[0]}</b></p>" + self.to_frame().to_html(
            index=False, float_format=lambda v: f"{v:.2f}"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per unit: target, reference, bounds, binding and multipliers."""
        return pd.DataFrame(
            {
                "unit": self.units,
                "indicator": self.indicator,
                "parent": self.parent,
                "target_value": self.target_level,
                "target_growth": self.growth,
                "this_year_value": self.base,
                "reference_growth": self.reference,
                "shift_pp": self.growth - self.reference,
                "lower": self.lower,
                "upper": self.upper,
                "binding": list(self.binding),
                "bound_multiplier": self.bound_multipliers,
            }
        )


def solve_allocation(
    parent_growth: float,
    base: Sequence[float] | np.ndarray,
    reference: Sequence[float] | np.ndarray,
    lower: Sequence[float] | np.ndarray,
    upper: Sequence[float] | np.ndarray,
    *,
    variance: Sequence[float] | np.ndarray | None = None,
    units: Sequence[str] | None = None,
    parent: str = "",
    indicator: str = "",
    parent_base: float | None = None,
    soft_lower: Sequence[bool] | np.ndarray | None = None,
    soft_upper: Sequence[bool] | np.ndarray | None = None,
) -> Allocation:
    """Allocate ``parent_growth`` among units (see the module's formula).

    Parameters
    ----------
    parent_growth
        The parent's target growth :math:`G` [%].
    base
        Units' levels this year :math:`F_u` [measure], positive.
    reference
        Reference growth :math:`\\hat g_u` [%].
    lower, upper
        Bounds on each unit's growth [%] (``-inf``/``inf`` for none).
    variance
        Variances of the units' next-year growth [pp²] for "uncertainty" weights; None gives
        "level" weights.
    units, parent, indicator
        Labels.
    parent_base
        The parent's level this year (default: the sum of ``base``); the residual
        ``parent_base - sum(base)`` grows at ``parent_growth``.
    soft_lower, soft_upper
        Per unit, whether its lower (upper) bound is soft: a default that is widened, by the
        smallest common number of points, when the target cannot be reached within the bounds
        (see the module docstring). Default: every bound is hard.

    Raises
    ------
    InputError
        Hard bounds that cannot add up to the target (the message gives the range reachable),
        a lower bound above an upper bound, or non-positive levels.

    Examples
    --------
    Two units of equal size, potentials 4% and 6%, city target 6%: each moves up by 1 pp.

    >>> a = solve_allocation(6.0, [100.0, 100.0], [4.0, 6.0], [0.0, 0.0], [10.0, 10.0])
    >>> a.growth.round(6).tolist()
    [5.0, 7.0]

    The same with soft upper bounds 1 pp above the potentials reach at most 6%; a target of 7%
    widens them by 1 pp:

    >>> a = solve_allocation(
    ...     7.0, [100.0, 100.0], [4.0, 6.0], [3.0, 5.0], [5.0, 7.0], soft_upper=[True, True]
    ... )
    >>> a.growth.round(6).tolist(), round(a.widened_pp, 6), a.widened_side
    ([6.0, 8.0], 1.0, 'upper')
    """
    f = np.asarray(base, dtype=np.float64)
    ref = np.asarray(reference, dtype=np.float64)
    lo = np.asarray(lower, dtype=np.float64)
    hi = np.asarray(upper, dtype=np.float64)
    names = tuple(units) if units is not None else tuple(str(i) for i in range(f.size))
    _check_inputs(f, ref, lo, hi, names, indicator)
    total = float(f.sum())
    share = f / total
    if variance is None:
        a = share.copy()
    else:
        v = np.maximum(np.asarray(variance, dtype=np.float64), 1e-6)
        a = share / (v / np.mean(v))
    need = float(parent_growth)
    reach_lo = float(np.sum(share * np.clip(lo, -1e12, 1e12)))
    reach_hi = float(np.sum(share * np.clip(hi, -1e12, 1e12)))
    label = f"{indicator} " if indicator else ""
    widened, side_w = 0.0, ""
    who: tuple[str, ...] = ()
    soft = _mask(soft_upper if need > reach_hi else soft_lower, f.size)
    if (need < reach_lo - 1e-9 or need > reach_hi + 1e-9) and soft.any():
        side_w = "upper" if need > reach_hi else "lower"
        lo, hi, widened = _widen(need, share, lo, hi, soft, side_w, reach_lo, reach_hi)
        who = tuple(n for n, m in zip(names, soft, strict=True) if m)
        reach_lo = float(np.sum(share * np.clip(lo, -1e12, 1e12)))
        reach_hi = float(np.sum(share * np.clip(hi, -1e12, 1e12)))
    if need < reach_lo - 1e-9 or need > reach_hi + 1e-9:
        side = "lower" if need < reach_lo else "upper"
        raise InputError(
            f"{label}target {need:.2f}% for {parent or 'the parent'} cannot be allocated within "
            f"the bounds: with every unit at its {side} bound the units reach "
            f"{reach_lo if side == 'lower' else reach_hi:.2f}% (feasible range "
            f"{reach_lo:.2f}% to {reach_hi:.2f}%). Fix: widen the bounds (--bound UNIT=LO..HI) "
            "or choose another target"
        )
    lam, g = _multiplier(need, share, a, ref, lo, hi)
    # Polish the adding-up exactly on the units not at a bound (removes brentq's tolerance).
    at_lo = g <= lo + 1e-9
    at_hi = g >= hi - 1e-9
    free = ~(at_lo | at_hi)
    gap = need - float(np.sum(share * g))
    if free.any() and abs(gap) > 0:
        g[free] += gap / float(np.sum(share[free]))
    binding = tuple(
        "lower"
        if at_lo[i] and not at_hi[i]
        else "upper"
        if at_hi[i] and not at_lo[i]
        else ("fixed" if at_lo[i] and at_hi[i] else "")
        for i in range(f.size)
    )
    # KKT: 2 a_u (g_u - ĝ_u) - λ share_u + μ_hi - μ_lo = 0.
    grad = 2.0 * a * (g - ref) - lam * share
    mu = np.where(at_lo | at_hi, np.abs(grad), 0.0)
    return Allocation(
        parent=parent,
        indicator=indicator,
        units=names,
        base=f,
        reference=ref,
        lower=lo,
        upper=hi,
        growth=g,
        parent_growth=need,
        parent_base=float(parent_base) if parent_base is not None else total,
        weights=a,
        multiplier=float(lam),
        bound_multipliers=mu,
        binding=binding,
        widened_pp=widened,
        widened_side=side_w,
        widened_units=who,
    )


def _check_inputs(
    f: np.ndarray,
    ref: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    names: tuple[str, ...],
    indicator: str,
) -> None:
    """One positive level, a reference and ordered bounds per unit, or an InputError."""
    if not (f.size == ref.size == lo.size == hi.size == len(names)) or f.size == 0:
        raise InputError("allocation needs one level, reference, lower and upper bound per unit")
    if not np.all(np.isfinite(f)) or np.any(f <= 0):
        raise InputError(f"{indicator}: every unit's level must be positive to allocate a target")
    bad = np.flatnonzero(lo > hi + _TOL)
    if bad.size:
        u = names[int(bad[0])]
        raise InputError(
            f"{indicator}: the bounds of {u} are inverted (lower {lo[bad[0]]:.2f}% above upper "
            f"{hi[bad[0]]:.2f}%); give lower ≤ upper"
        )


def _widen(
    need: float,
    share: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    soft: np.ndarray,
    side: str,
    reach_lo: float,
    reach_hi: float,
) -> tuple[np.ndarray, np.ndarray, float]:
    """Move the ``side`` of every soft bound by the same ``d`` [pp], the smallest that reaches.

    ``d = (G - Σ s_u h_u) / Σ_soft s_u`` (upper) or ``(Σ s_u l_u - G) / Σ_soft s_u`` (lower);
    returns the new lower and upper bounds and ``d``.
    """
    d = (need - reach_hi if side == "upper" else reach_lo - need) / float(share[soft].sum())
    lo, hi = lo.copy(), hi.copy()
    if side == "upper":
        hi[soft] += d
        lo = np.minimum(lo, hi)
    else:
        lo[soft] -= d
        hi = np.maximum(hi, lo)
    return lo, hi, float(d)


def _multiplier(
    need: float,
    share: np.ndarray,
    a: np.ndarray,
    ref: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
) -> tuple[float, np.ndarray]:
    """The multiplier λ [pp] with ``Σ s_u g_u(λ) = G`` and the growth ``g_u(λ)`` [%] (brentq)."""
    slope = share / (2.0 * a)

    def g_of(lam: float) -> np.ndarray:
        return np.asarray(np.clip(ref + lam * slope, lo, hi), dtype=np.float64)

    def excess(lam: float) -> float:
        return float(np.sum(share * g_of(lam))) - need

    # Bracket the root: every unit at its lower bound for a λ far enough below zero, at its
    # upper bound far enough above (a target on the edge of the feasible range puts all units
    # on one side's bounds).
    finite_lo = np.where(np.isfinite(lo), lo, ref - 1e6)
    finite_hi = np.where(np.isfinite(hi), hi, ref + 1e6)
    reach = float(np.max(np.abs(np.r_[finite_lo, finite_hi, ref])) + abs(need) + 1.0)
    span = 2.0 * reach / float(np.min(slope))
    lam_lo, lam_hi = -span, span
    e_lo, e_hi = excess(lam_lo), excess(lam_hi)
    if e_lo >= 0:
        lam = lam_lo
    elif e_hi <= 0:
        lam = lam_hi
    else:
        lam = float(optimize.brentq(excess, lam_lo, lam_hi, xtol=1e-14, rtol=1e-15, maxiter=500))
    return lam, g_of(lam)


def _mask(values: Sequence[bool] | np.ndarray | None, n: int) -> np.ndarray:
    """A boolean mask of length ``n`` (all False for None)."""
    if values is None:
        return np.zeros(n, dtype=bool)
    m = np.asarray(values, dtype=bool)
    if m.size != n:
        raise InputError("allocation needs one soft-bound flag per unit")
    return m


def parse_bound(text: str) -> tuple[float | None, float | None]:
    """``"4..7"``, ``"4.."``, ``"..7"`` → (4, 7), (4, None), (None, 7) [%].

    Examples
    --------
    >>> parse_bound("4.5..7")
    (4.5, 7.0)
    >>> parse_bound("..6")
    (None, 6.0)
    """
    s = str(text).strip().replace("：", ":")
    if ".." not in s:
        raise InputError(
            f"bound {text!r}: write LOW..HIGH in percent, e.g. 4..7 (or 4.. / ..7 for one side)"
        )
    left, right = s.split("..", 1)
    try:
        lo = float(left) if left.strip() else None
        hi = float(right) if right.strip() else None
    except ValueError:
        raise InputError(
            f"bound {text!r}: LOW and HIGH must be numbers in percent, e.g. 4..7"
        ) from None
    if lo is not None and hi is not None and lo > hi:
        raise InputError(f"bound {text!r}: the lower bound is above the upper bound")
    return lo, hi


__all__ = ["Allocation", "parse_bound", "solve_allocation"]
