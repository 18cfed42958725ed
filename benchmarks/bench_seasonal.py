"""Q3 accuracy on real, seasonal quarterly series; prints one JSON object.

Run from the repository root: ``python benchmarks/bench_seasonal.py`` (``--write`` also writes
``benchmarks/results/seasonal.json``; ``--all-methods`` adds the slow statsmodels methods
outside the combination).

Data: ``data/seasonal_panel`` (built by ``scripts/build_seasonal_panel.py``; see its
``SOURCES.md``): China's nominal value added by industry, national monthly series summed to
quarters, and four classic seasonal series (Australian beer, woollen yarn and wine, airline
passengers). Every series is quarterly, year to date, in the data contract's form.

Figures (rolling origin as of Q3, every year with data; each forecast uses only the rows
published by its origin):

- ``mape_ratio``: mean absolute percentage error of the full-year level, the default
  combination ÷ the ratio rule ("full year = Jan–Sep × last year's full year ÷ last year's
  Jan–Sep"), pooled over every series; ``mape_ratio_dev`` and ``mape_ratio_unseen`` on the two
  halves of the hold-out split (below); target ≤ 0.80 and no member better than the combination.
- ``method_mape_ratio`` (and ``_dev``, ``_unseen``): every member of the combination alone on
  the same rows (where a method cannot say, its record's stand-in: momentum for
  ``seasonal_step``, the ratio rule otherwise, as in the combination's record),
  and the registered methods outside it (``pooled``; ``--all-methods`` adds ``arima`` and
  ``uc``, one statsmodels fit per origin, minutes).
- ``coverage80`` / ``coverage95``: share of outcomes inside the combination's 80% / 95%
  intervals (calibrated on earlier years only).
- ``by_series``: the ratio rule's MAPE [%] and the combination's and best member's ratios.

Hold-out split: the rules of the combination were chosen looking at the ``dev`` series (China's
national monthly series summed to quarters) and at ``benchmarks/bench_forecast.py``'s national
figures; the ``unseen`` series (nominal value added by industry and the four classic series)
were only reported. ``in_sample_choices`` in the JSON records what was chosen after seeing which
data.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULT = ROOT / "benchmarks" / "results" / "seasonal.json"

UNSEEN = ("va_nominal", "beer", "wool_yarn", "wine", "air_passengers")
"""Indicators of the panel held out from every choice (reported only)."""

EXTRA = ("pooled", "ets_level")
"""Registered methods outside the default combination, each also reported alone."""
SLOW = ("arima", "uc")
"""The statsmodels ones among them, one fit per origin (minutes): ``--all-methods`` only."""

IN_SAMPLE_CHOICES = {
    "combination_record": (
        "the combination ranks its members on a discounted record (delta 0.9, Stock and Watson "
        "2004) and records a silent member as the member it reduces to (seasonal_step -> "
        "momentum; ForecastConfig.discount / record). Chosen on 2026-12-06 among five rules "
        "with literature-set parameters by a criterion declared before their unseen figures "
        "were read: the lowest mean of this panel's dev ratio, bench_forecast's national "
        "industries ratio and bench_nowcast's industries Q3 ratio, with every 80% coverage in "
        "0.72-0.88 and the monthly MAPE ratio within 0.01 of main's. Scores: main 0.806, "
        "availability-aware record (Davydenko and Fildes 2013) 0.801, discount 0.9 0.800, "
        "stand-in 0.795, availability-aware + discount 0.795, stand-in + discount 0.788 "
        "(chosen). The unseen half was read once afterwards: 0.816 (main 0.831; the other "
        "candidates 0.817-0.825). main's unseen figure and three earlier variants' were "
        "known before (see n17_seas_variant)"
    ),
    "seasonal_step_alone": (
        "with the stand-in record, seasonal_step alone is momentum wherever it is silent; it "
        "is then the best member on both halves (0.772 dev, 0.806 unseen) and the combination "
        "loses to it: making it the only member was not among the declared candidates"
    ),
    "n17_seas_variant": (
        "a variant with ets_level as a member and the ratio rule as yardstick only scored 0.783 "
        "(dev 0.772, unseen 0.808) but pushed the national nowcast's 80% coverage to 0.883 / "
        "0.886 (outside 0.72-0.88) and the industries to 0.836; kept on branch n17-seas"
    ),
    "ets_level_fit": "ets_level's grid fit (hw_grid) is an assumption; statsmodels is the reference",
    "seasonal_step_member": "issue 21: chosen on bench_forecast's national figures",
    "split": "dev = China's monthly series summed to quarters; unseen = " + ", ".join(UNSEEN),
}


def _mape(e: pd.DataFrame) -> pd.Series:
    """MAPE of the full-year level [%] per method."""
    return e.assign(ape=e.level_error_pct.abs()).groupby("method", sort=False).ape.mean()


def _ratios(e: pd.DataFrame) -> dict[str, float]:
    m = _mape(e)
    return {str(k): round(float(v / m["ratio"]), 4) for k, v in m.items()}


def main(all_methods: bool = False) -> dict[str, object]:
    from sprintmodel.data import load_folder
    from sprintmodel.forecast.backtest import backtest
    from sprintmodel.forecast.methods import combination_members

    started = time.perf_counter()
    ds = load_folder(ROOT / "data" / "seasonal_panel")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        err = backtest(ds, use_cache=False).errors
        combo_s = time.perf_counter() - started
        extra = [*EXTRA, *(SLOW if all_methods else ())]
        more = backtest(ds, methods=extra, use_cache=False).errors
        more = more[more.method.isin(extra)]
        err = pd.concat([err, more], ignore_index=True)
    err = err.dropna(subset=["level_error_pct"])
    unseen = err.indicator.isin(UNSEEN)
    parts = {"": err, "_dev": err[~unseen], "_unseen": err[unseen]}
    out: dict[str, object] = {"members": list(combination_members())}
    for label, e in parts.items():
        r = _ratios(e)
        out[f"mape_ratio{label}"] = r["combination"]
        out[f"ratio_rule_mape_pct{label}"] = round(float(_mape(e)["ratio"]), 3)
        out[f"method_mape_ratio{label}"] = {k: v for k, v in r.items() if k != "combination"}
        members = {k: v for k, v in r.items() if k in out["members"]}  # type: ignore[operator]
        best = min(members, key=members.__getitem__)
        out[f"best_member{label}"] = best
        out[f"combination_beats_best_member{label}"] = r["combination"] <= members[best]
        rows = e[e.method == "ratio"]
        out[f"unit_years{label}"] = len(rows)
        out[f"series{label}"] = int(rows[["indicator", "unit"]].drop_duplicates().shape[0])
    c = err[err.method == "combination"]
    inside80 = (c.actual_growth >= c.lo80) & (c.actual_growth <= c.hi80)
    inside95 = (c.actual_growth >= c.lo95) & (c.actual_growth <= c.hi95)
    out["coverage80"] = round(float(inside80.mean()), 4)
    out["coverage95"] = round(float(inside95.mean()), 4)
    by_series = {}
    for (ind, unit), e in err.groupby(["indicator", "unit"], sort=True):
        r = _ratios(e)
        members = {k: v for k, v in r.items() if k in out["members"]}  # type: ignore[operator]
        best = min(members, key=members.__getitem__)
        by_series[f"{ind}/{unit}"] = {
            "years": f"{int(e.year.min())}-{int(e.year.max())}",
            "n": int((e.method == "ratio").sum()),
            "ratio_rule_mape_pct": round(float(_mape(e)["ratio"]), 3),
            "combination": r["combination"],
            "best_member": best,
            "best_member_ratio": members[best],
            "unseen": bool(ind in UNSEEN),
        }
    out["by_series"] = by_series
    out["in_sample_choices"] = IN_SAMPLE_CHOICES
    out["combination_seconds"] = round(combo_s, 1)
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help=f"also write {RESULT.name}")
    parser.add_argument("--all-methods", action="store_true", help="add arima and uc (slow)")
    args = parser.parse_args()
    result = main(all_methods=args.all_methods)
    text = json.dumps(result, indent=1, ensure_ascii=False)
    print(text)
    if args.write:
        RESULT.write_text(text + "\n", encoding="utf-8")
