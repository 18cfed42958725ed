"""The dynamic factor model as a nowcast member: alone, and judged with the base and the bridge.

Run from the repository root: ``python benchmarks/bench_dfm.py``. Prints one JSON object and
writes it to ``benchmarks/results/dfm.json``.

On ``data/china_national`` (GDP and its 11 industries as CN's member units, years 2005–2022,
rolling origin) at the origins Q3 (month 9), October and November:

- the base is the combination's forecast (``sprintmodel.forecast.backtest.backtest(...,
  month=M)``, every year of the folder so the members learn from every earlier year, as the
  backtest does);
- ``dfm_*``: the DFM member alone (:mod:`sprintmodel.forecast.dfm`);
- ``with_dfm_*``: the nowcast judged from the base, the bridge and the DFM
  (:func:`sprintmodel.forecast.nowcast.nowcast_rows`, members ``bridge, dfm``);
- ``without_dfm_*``: the same with the bridge only (the default members, as the backtest).

``*_gdp_ratio_*`` / ``*_industries_ratio_*``: MAE of full-year growth ÷ the Q3 rule
"full-year growth = Jan–Sep growth" on the same rows (GDP: CN; industries: the 11 pooled);
``*_coverage80_*``: share of GDP and industry outcomes inside the 80% conformal interval.
At Q3 the backtest has no nowcast; here :func:`nowcast_rows` at month 9 judges the DFM
against the base (the bridge has no month after the quarter to use).
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
YEARS = (2005, 2022)
ORIGINS = {"q3": 9, "oct": 10, "nov": 11}
IN_SAMPLE_CHOICES = [
    "design compared on these 2005-2022 years in a prototype (one model per unit, industrial "
    "production read from the shared export before the folder had it, samples from 2000; "
    "DFM alone, GDP ratio at Q3/October/November): differences of year-on-year growth "
    "0.50/0.50/0.50 against levels 0.81/0.71/0.60 (AR(1) idiosyncratic terms); white-noise "
    "idiosyncratic errors 0.46/0.41/0.40 against AR(1) ones 0.49/0.49/0.48 (fiscal series "
    "out); the fiscal series (revenue, tax, expenditure) left out after one comparison "
    "(0.50 with them, 0.49 without, AR(1) terms)",
    "one joint model for GDP and its industries (one fit per year) rather than one per "
    "unit: chosen for cost (12 times fewer fits) after it scored about as well for GDP in the "
    "prototype (0.49/0.42/0.37 against 0.46/0.41/0.40)",
    "WINDOW_YEARS 15, EM_ITER_COLD 30, EM_ITER_WARM 10, MIN_QUARTERS 20, MIN_MONTHS 36, "
    "START_VALUE 0.5: set for cost before this benchmark, not tuned",
    "source indicators that are only an industry's auxiliary source (industry_sources.csv "
    "role aux: deposits, electricity) left out of the panel (dfm.auxiliary_only) after they "
    "entered it with the nowcast's new FI and TR sources and made the model alone less "
    "accurate (GDP ratio Q3/October/November 0.503/0.483/0.432 -> 0.509/0.493/0.504, "
    "industries 0.760/0.749/0.727 -> 0.774/0.773/0.771)",
]


def scores(rows: pd.DataFrame, naive: pd.Series, root: str) -> dict[str, float]:
    """GDP and industries' MAE ratios to the Q3 rule and the 80% coverage of some rows."""
    from sprintmodel.forecast.backtest import q3_rule_scores

    s = q3_rule_scores(rows[rows.year.between(*YEARS)], naive, root)
    return {k: s[k] for k in ("gdp_ratio", "industries_ratio", "coverage80")}


def main() -> dict[str, object]:
    from sprintmodel.datasets import china_national
    from sprintmodel.forecast.backtest import backtest
    from sprintmodel.forecast.nowcast import nowcast_rows

    started = time.perf_counter()
    ds = china_national().components_as_units("gdp")  # the industries as CN's member units
    root = str(ds.root)
    out: dict[str, object] = {"years": list(YEARS)}
    naive = None
    for name, month in ORIGINS.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            err = backtest(ds, indicators=["gdp"], month=month).errors  # type: ignore[arg-type]
        if naive is None:
            naive = err[err.method == "ratio"].set_index(["unit", "year"]).forecast_growth
        base = err[err.method == "combination"]
        both = nowcast_rows(ds, base, month, members=("bridge", "dfm"))  # type: ignore[arg-type]
        bridge = nowcast_rows(ds, base, month, members=("bridge",))  # type: ignore[arg-type]
        groups = {
            "dfm": both[both.method == "dfm"],
            "with_dfm": both[both.method == "nowcast"],
            "without_dfm": bridge[bridge.method == "nowcast"],
        }
        for label, rows in groups.items():
            for key, value in scores(rows, naive, root).items():
                out[f"{label}_{key}_{name}"] = value
    out["in_sample_choices"] = IN_SAMPLE_CHOICES
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out


if __name__ == "__main__":
    result = main()
    text = json.dumps(result, indent=1, ensure_ascii=False)
    print(text)
    (ROOT / "benchmarks" / "results" / "dfm.json").write_text(text + "\n", encoding="utf-8")
