"""The live nowcast on the example city: how the ``sources`` bridge did in earlier years.

Run from the repository root: ``python benchmarks/bench_live_nowcast.py``. Prints one JSON
object and writes it to ``benchmarks/results/live_nowcast.json``.

At the October origin (month 10) of every year of ``data/example_city``, the same library path
as ``sprintmodel forecast data/example_city --as-of 2026-10``: the forecast's quarterly GDP fit
(:func:`sprintmodel.forecast.forecast`), its rolling-origin rows
(:func:`sprintmodel.forecast.live_nowcast.base_rows`) and
:func:`sprintmodel.forecast.nowcast.nowcast_rows` with
:data:`~sprintmodel.forecast.live_nowcast.LIVE_MEMBERS`. For the years in which the
``sources`` member was fitted (six earlier years needed: 2021-2025) it reports the mean absolute
error [pp] of full-year GDP growth of the base (the combination from Q3) and of the member,
for the nine units with GDP and for the city's industries (``DataSet.components_as_units``).
The example city is synthetic (``scripts/generate_example_city.py``): these figures describe
the example, not any real city.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from sprintmodel.data import DataSet

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MONTH = 10


def _errors(dataset: DataSet, origin: str) -> pd.DataFrame:
    from sprintmodel.forecast import forecast
    from sprintmodel.forecast.live_nowcast import LIVE_MEMBERS, SOURCE_MEMBER, base_rows
    from sprintmodel.forecast.nowcast import nowcast_rows

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = forecast(dataset, origin, indicators=["gdp"], n_draws=100)
    fit = next(f for f in r.fits if f.block.freq == "Q")
    t = fit.block.year_index(int(origin[:4]))
    rows = nowcast_rows(dataset.until(origin), base_rows(fit, t), MONTH, members=LIVE_MEMBERS)
    rows = rows[(rows.method == SOURCE_MEMBER) & rows.actual_growth.notna()]
    return rows[(rows.forecast_growth - rows.base_growth).abs() > 1e-12]


def _summary(rows: pd.DataFrame) -> dict[str, object]:
    return {
        "n": len(rows),
        "years": sorted(int(y) for y in set(rows.year)),
        "mae_base_pp": round(float((rows.base_growth - rows.actual_growth).abs().mean()), 3),
        "mae_sources_pp": round(float((rows.forecast_growth - rows.actual_growth).abs().mean()), 3),
    }


def main() -> dict[str, object]:
    import sprintmodel as sm

    city = sm.example_city()
    origin = f"2026-{MONTH:02d}"
    units = _errors(city, origin)
    industries = _errors(city.components_as_units("gdp", city.root), origin)
    industries = industries[industries.unit != city.root]
    out = {
        "origin_month": MONTH,
        "units_gdp": _summary(units),
        "city_industries": _summary(industries),
    }
    return out


if __name__ == "__main__":
    result = main()
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    (ROOT / "benchmarks" / "results" / "live_nowcast.json").write_text(
        text + "\n", encoding="utf-8"
    )
