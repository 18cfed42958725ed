"""Peer groups (leagues) and ranks: who is compared with whom.

Units are ranked among siblings of the same kind group:

- the **rollup children** of a parent (a city's districts and county-level cities together) form
  one league;
- the parent's **overlapping children** (``rollup = no``: parks inside districts) form their own
  league under the same parent, so a park is never ranked against, or added to, the districts
  it overlaps;
- towns rank within their county (they are the county's rollup children).

Everything here is pure: arrays in, arrays out. Ranks run along the **last axis** (units) and
broadcast over leading axes (draws), rank 1 being the largest value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from sprintmodel.data import Hierarchy

PeerKind = Literal["rollup", "overlap"]
"""``"rollup"``: children that add into the parent; ``"overlap"``: children that do not (parks)."""


@dataclass(frozen=True)
class League:
    """One league: the children of ``parent`` of one kind.

    Attributes
    ----------
    parent
        Code of the parent unit (the whole whose growth is "the average", 全市平均水平).
    kind
        ``"rollup"`` (districts and counties, or towns of a county) or ``"overlap"`` (parks).
    units
        Member codes, in hierarchy order.
    """

    parent: str
    kind: PeerKind
    units: tuple[str, ...]

    @property
    def name(self) -> str:
        """``PARENT`` for a rollup league, ``PARENT~overlap`` for a park league."""
        return self.parent if self.kind == "rollup" else f"{self.parent}~overlap"


def leagues(hierarchy: Hierarchy, units: Iterable[str] | None = None) -> list[League]:
    """The leagues formed by ``units`` (default: every unit), parents in hierarchy order.

    A unit whose parent is not in ``units`` still belongs to its parent's league (the parent's
    figures are then unknown); the root belongs to no league.
    """
    keep = set(hierarchy) if units is None else set(units)
    out: list[League] = []
    for parent in hierarchy:
        kids = [k for k in hierarchy.children(parent) if k in keep]
        for kind, members in (
            ("rollup", [k for k in kids if hierarchy[k].rollup]),
            ("overlap", [k for k in kids if not hierarchy[k].rollup]),
        ):
            if members:
                out.append(League(parent, kind, tuple(members)))  # type: ignore[arg-type]
    return out


def rank_desc(values: ArrayLike) -> np.ndarray:
    """Competition ranks along the last axis, 1 for the largest ("1224" for ties).

    Parameters
    ----------
    values
        Array (..., units). NaN values get a NaN rank and do not count against others.

    Returns
    -------
    numpy.ndarray
        Float array of the same shape: ``1 + number of peers with a strictly larger value``.

    Examples
    --------
    >>> rank_desc([5.0, 7.0, float("nan"), 7.0])
    array([ 3.,  1., nan,  1.])
    """
    x = np.asarray(values, dtype=np.float64)
    greater = x[..., None, :] > x[..., :, None]  # [..., i, j]: peer j beats unit i
    ranks = 1.0 + greater.sum(axis=-1)
    return np.where(np.isnan(x), np.nan, ranks)


def percentile_of(value: ArrayLike, history: ArrayLike) -> np.ndarray:
    """Percentile [%] of ``value`` among ``history`` (last axis), ties counted half.

    Notes
    -----
    .. math:: P = 100 \\, \\frac{\\#\\{h < r\\} + \\tfrac12 \\#\\{h = r\\}}{n}

    over the ``n`` finite past values ``h``; NaN when there is no history or ``value`` is NaN.
    100 means the demand exceeds every past value, 0 that every past value exceeded it.

    Examples
    --------
    >>> float(percentile_of(7.0, [5.0, 6.0, 7.0, 9.0]))
    62.5
    """
    r = np.asarray(value, dtype=np.float64)[..., None]
    h = np.asarray(history, dtype=np.float64)
    ok = ~np.isnan(h)
    n = ok.sum(axis=-1)
    below = ((h < r) & ok).sum(axis=-1)
    equal = ((h == r) & ok).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 100.0 * (below + 0.5 * equal) / n
    return np.where((n > 0) & ~np.isnan(r[..., 0]), out, np.nan)
