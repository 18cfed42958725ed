"""达产达效: the commissioning year's discount on new capacity. One home for the discount.

New plants seldom produce at design capacity (设计产能) in their first year. Two pieces:

- :data:`DACHAN_DISCOUNT`, the share of design output a plant delivers over its commissioning
  year (投产期), applied by :func:`first_year_factor`; everything that values new capacity for a
  year it starts in (next year's targets, enterprise forecasts) takes it from here;
- the month-by-month ramp to capacity is the project model's one convention,
  :func:`sprintmodel.scenario.curves.output_ramp` (``(m - P + 1) / N``: the first month of
  production delivers ``1/N`` of capacity), with ``ramp_months`` from ``levers.yaml``.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "DACHAN_DISCOUNT",
    "DACHAN_DISCOUNT_SOURCE",
    "first_year_factor",
]

DACHAN_DISCOUNT = 0.7
"""Share of design output new capacity delivers in its commissioning year [0-1]."""
DACHAN_DISCOUNT_SOURCE = (
    "feasibility studies under 建设项目经济评价方法与参数（第三版，发改投资〔2006〕1325号） "
    "commonly set the production load of the commissioning year (投产期) at 60-80% of design "
    "capacity, full load (达产) from the next year; 0.7 is the middle of that range "
    "(assumption as to which value applies to a given plant)"
)


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
