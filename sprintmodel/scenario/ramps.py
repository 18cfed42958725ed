"""达产达效: how new capacity ramps up to its design output. One home for the ramp and discount.

New plants seldom produce at design capacity (设计产能) in their first year. Two pieces:

- :data:`DACHAN_DISCOUNT`, the share of design output a plant delivers over its commissioning
  year (投产期); everything that values new capacity for a year it starts in (next year's
  targets, enterprise forecasts) should take it from here;
- :func:`ramp_share`, the linear ramp within that year, month by month.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "DACHAN_DISCOUNT",
    "DACHAN_DISCOUNT_SOURCE",
    "first_year_factor",
    "first_year_output",
    "ramp_share",
]

DACHAN_DISCOUNT = 0.7
"""Share of design output new capacity delivers in its commissioning year [0-1]."""
DACHAN_DISCOUNT_SOURCE = (
    "feasibility studies under 建设项目经济评价方法与参数（第三版，发改投资〔2006〕1325号） "
    "commonly set the production load of the commissioning year (投产期) at 60-80% of design "
    "capacity, full load (达产) from the next year; 0.7 is the middle of that range "
    "(assumption as to which value applies to a given plant)"
)


def ramp_share(months: np.ndarray | float, ramp_months: float) -> np.ndarray:
    """Output as a share of capacity ``months`` after production starts (linear ramp) [0-1].

    ``clip(months / ramp_months, 0, 1)``; with ``ramp_months = 0`` output is at capacity at once.

    Examples
    --------
    >>> ramp_share(np.array([0, 3, 6, 9]), 6).tolist()
    [0.0, 0.5, 1.0, 1.0]
    """
    m = np.asarray(months, dtype=float)
    if ramp_months <= 0:
        return np.where(m >= 0, 1.0, 0.0)
    return np.clip(m / ramp_months, 0.0, 1.0)


def first_year_factor(
    months_producing: np.ndarray | float, discount: float = DACHAN_DISCOUNT
) -> np.ndarray:
    """Load factor of new capacity ``months_producing`` months after production started [0-1]:
    ``discount`` in its first twelve months (0 to 11), 1 from then on and before it starts.

    Examples
    --------
    >>> first_year_factor(np.array([-1, 0, 11, 12])).tolist()
    [1.0, 0.7, 0.7, 1.0]
    """
    age = np.asarray(months_producing, dtype=float)
    return np.where((age >= 0) & (age < 12), discount, 1.0)


def first_year_output(
    capacity: np.ndarray | float,
    months_producing: np.ndarray | float,
    discount: float = DACHAN_DISCOUNT,
) -> np.ndarray:
    """Output [亿元] of new capacity producing ``months_producing`` months of its first year.

    ``capacity × discount × months_producing / 12``: the year's design output, pro rata, at the
    commissioning year's load :data:`DACHAN_DISCOUNT`.

    Examples
    --------
    >>> float(first_year_output(120.0, 6))
    42.0
    """
    months = np.clip(np.asarray(months_producing, dtype=float), 0.0, 12.0)
    return np.asarray(capacity, dtype=float) * discount * months / 12.0
