"""A quick, coherent baseline built straight from the data, for tests and examples.

:func:`synthetic_baseline` makes :class:`~sprintmodel.forecast.draws.Draws` without the
forecast: each unit's rest of the year grows like its year to date plus normal noise, and
every parent equals the sum of its rollup children plus a fixed residual in every draw (the
array contract). It is fast (milliseconds) and deterministic given the seed. Not a forecast.
"""

from __future__ import annotations

import numpy as np

from sprintmodel.data import DataSet
from sprintmodel.forecast.draws import Draws, IndicatorDraws
from sprintmodel.periods import Period, as_period
from sprintmodel.status import series_period


def synthetic_baseline(
    dataset: DataSet,
    as_of: str | Period,
    *,
    n_draws: int = 200,
    seed: int = 0,
    sd: float = 2.0,
) -> Draws:
    """Full-year draws of every unit × indicator with data at ``as_of`` (see module doc).

    Parameters
    ----------
    sd
        Standard deviation of each unit's rest-of-year growth around its ytd growth [pp].
    """
    p = as_period(as_of)
    data = dataset.until(p)
    rng = np.random.default_rng(seed)
    keys = data.series_keys
    out: dict[str, IndicatorDraws] = {}
    for code, indicator in dataset.indicators.items():
        rows: list[tuple[str, Period, float, float, float, float, float]] = []
        for freq in ("Q", "M"):
            units = keys[(keys.indicator == code) & (keys.freq == freq)].unit.tolist()
            if not units:
                continue
            sp = series_period(p, freq)
            panel = data.panel(code, freq, units=units, years=[sp.year - 1, sp.year])
            k = sp.index - 1
            growth = panel.growth()
            for i, u in enumerate(panel.units):
                last_full = panel.ytd_value[i, 0, -1]
                last_ytd = panel.ytd_value[i, 0, k]
                value = panel.ytd_value[i, 1, k]
                g = growth[i, 1, k]
                if not np.isfinite([last_full, last_ytd, value, g]).all() or last_ytd <= 0:
                    continue
                if indicator.basis == "real":
                    base_ytd, base_full = last_ytd, last_full
                    level = base_ytd * (1 + g / 100)
                else:
                    base_ytd = value / (1 + g / 100)
                    base_full = last_full * base_ytd / last_ytd
                    level = value
                rows.append((u, sp, base_full, base_ytd, level, value, g))
        if not rows:
            continue
        order = {u: i for i, u in enumerate(dataset.hierarchy)}
        rows.sort(key=lambda r: order[r[0]])
        units_t = tuple(r[0] for r in rows)
        pos = {u: i for i, u in enumerate(units_t)}
        parent = np.full(len(rows), -1, dtype=int)
        for i, u in enumerate(units_t):
            unit = dataset.units[u]
            if unit.rollup and unit.parent in pos and indicator.additive:
                parent[i] = pos[unit.parent]
        base_full = np.array([r[2] for r in rows])
        base_ytd = np.array([r[3] for r in rows])
        level = np.array([r[4] for r in rows])
        g = np.array([r[6] for r in rows])
        rest = base_full - base_ytd
        point = level + rest * (1 + g / 100)
        fy = level + rest * (1 + (g + sd * rng.standard_normal((n_draws, len(rows)))) / 100)
        for a in sorted(range(len(rows)), key=lambda i: -dataset.hierarchy.depth(units_t[i])):
            kids = np.flatnonzero(parent == a)
            if kids.size:
                fy[:, a] = fy[:, kids].sum(axis=1) + (point[a] - point[kids].sum())
        out[code] = IndicatorDraws(
            indicator=indicator,
            units=units_t,
            periods=tuple(r[1] for r in rows),
            parent=parent,
            base_full=base_full,
            base_ytd=base_ytd,
            ytd_level=level,
            ytd_value=np.array([r[5] for r in rows]),
            fy=fy,
        )
    return Draws(p, out, seed)
