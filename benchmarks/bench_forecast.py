"""Accuracy and speed of the full-year forecast; prints one JSON object.

Run from the repository root: ``python benchmarks/bench_forecast.py`` (``--quick`` skips the
repeated timings). Figures:

- ``china_industries_mae_ratio``: MAE of full-year real growth of the 11 industries of
  ``data/china_national`` as of Q3, every year with data, combination ÷ the planners' rule
  "full-year growth = Jan–Sep growth" (target ≤ 0.80); ``..._1992_2022`` on SOURCES.md's span;
  ``..._by_decade``, ``..._2020`` (the COVID year alone) and ``..._excl_2020``;
  ``..._bootstrap``: a year-block bootstrap of the ratio (SE, 90% range, share ≤ 0.80);
  ``china_industries_method_mae_ratio``: registered methods alone on the same rows (a method
  that cannot say falls back to the ratio rule); ``--all-methods`` adds the slow statsmodels
  ones (minutes).
- ``coverage80`` / ``coverage95``: share of those industry-years whose outcome fell inside the
  combination's 80% / 95% interval, calibrated on earlier years only (target 0.72–0.88).
- ``monthly_mape_ratio``: MAPE of the full-year level of national FAI, retail sales and budget
  revenue as of September, every year with data, combination ÷ the ratio rule, pooled over
  the three series (target ≤ 0.85); per series in ``monthly``.
- ``cold_s``: load + forecast of the whole example city (every unit × indicator, including the
  backtest behind the weights) with empty caches, median of runs (target ≤ 20 s);
  ``cold_process_s``: the same in a fresh interpreter, imports included;
  ``cached_s``: the same call again in the process (target ≤ 0.5 s).
- ``big_quarterly_s`` / ``big_monthly_s``: ``forecast()`` (2,000 draws, no cache) of the synthetic
  folder of ``benchmarks/bench_load.py`` (1,000 units × 10 indicators × 12 years, quarterly or
  monthly), median of runs, loading excluded (targets ≤ 30 s and ≤ 90 s); ``big_*_runs_s``
  every run, ``big_*_load_s`` the load. ``--no-big`` skips them.

In-sample choice (issue 21): the combination's members include ``seasonal_step``, which was
added after it improved these same national figures, so ``china_industries_mae_ratio`` and
``monthly_mape_ratio`` are not out-of-sample tests of that choice (the JSON's
``in_sample_choices`` says so); the other defaults follow ``ForecastConfig``'s data-free rules.

Vintage: no clean real-time vintage of Chinese statistics exists; the backtests use the
folder's figures (mixed first releases and revisions), see data/china_national/SOURCES.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def accuracy(all_methods: bool = False) -> dict[str, object]:
    """Backtest figures on data/china_national."""
    from sprintmodel.data import load_folder
    from sprintmodel.forecast.backtest import backtest

    # the 11 industries are components of GDP: presented as units, as before issue 16
    nation = load_folder(ROOT / "data" / "china_national").components_as_units("gdp")
    industries = [u for u in nation.hierarchy if u != nation.root]
    bt = backtest(nation, indicators=["gdp"], units=industries, use_cache=False)
    err = bt.errors
    out: dict[str, object] = {}
    for label, last in (("", 9999), ("_1992_2022", 2022)):
        e = err[err.year <= last]
        naive = e[e.method == "ratio"].error_pp.abs()
        combo = e[e.method == "combination"].error_pp.abs()
        out[f"china_industries_mae_ratio{label}"] = round(float(combo.mean() / naive.mean()), 4)
        out[f"china_industries_naive_mae_pp{label}"] = round(float(naive.mean()), 4)
        out[f"china_industries_mae_pp{label}"] = round(float(combo.mean()), 4)
        out[f"china_industries_n{label}"] = len(naive)
    out["china_industries_by_decade"] = _by_decade(err)
    out["china_industries_2020"] = _one_year(err, 2020)
    out["china_industries_mae_ratio_excl_2020"] = round(
        float(
            err[(err.method == "combination") & (err.year != 2020)].error_pp.abs().mean()
            / err[(err.method == "ratio") & (err.year != 2020)].error_pp.abs().mean()
        ),
        4,
    )
    out["china_industries_mae_ratio_bootstrap"] = _bootstrap(err)
    c = err[err.method == "combination"]
    inside80 = (c.actual_growth >= c.lo80) & (c.actual_growth <= c.hi80)
    inside95 = (c.actual_growth >= c.lo95) & (c.actual_growth <= c.hi95)
    out["coverage80"] = round(float(inside80.mean()), 4)
    out["coverage95"] = round(float(inside95.mean()), 4)
    out["china_industries_years"] = f"{int(c.year.min())}-{int(c.year.max())}"
    naive = err[err.method == "ratio"].error_pp.abs().mean()
    methods = {
        str(m): round(float(g.error_pp.abs().mean() / naive), 4)
        for m, g in err.groupby("method", sort=False)
    }
    # Registered methods outside the default combination, each on its own (same rows); the
    # statsmodels ones (arima, uc) take minutes here and are left to ``--all-methods``.
    extra = backtest(
        nation,
        indicators=["gdp"],
        units=industries,
        methods=["pooled", *(["arima", "uc"] if all_methods else [])],
        use_cache=False,
    ).errors
    for m, g in extra.groupby("method", sort=False):
        if m not in methods and m != "combination":
            methods[str(m)] = round(float(g.error_pp.abs().mean() / naive), 4)
    out["china_industries_method_mae_ratio"] = methods
    out["china_industries_momentum_mae_ratio"] = methods["momentum"]

    bm = backtest(nation, indicators=["fai", "retail", "revenue"], month=9, use_cache=False)
    e = bm.errors
    ratio = e[e.method == "ratio"].level_error_pct.abs().mean()
    combo = e[e.method == "combination"].level_error_pct.abs().mean()
    out["monthly_mape_ratio"] = round(float(combo / ratio), 4)
    monthly = {}
    for ind, g in e.groupby("indicator"):
        r = g[g.method == "ratio"].level_error_pct.abs().mean()
        cmb = g[g.method == "combination"].level_error_pct.abs()
        monthly[str(ind)] = {
            "ratio_rule_mape_pct": round(float(r), 3),
            "combination_mape_pct": round(float(cmb.mean()), 3),
            "mape_ratio": round(float(cmb.mean() / r), 4),
            "years": f"{int(g.year.min())}-{int(g.year.max())}",
            "n": len(cmb),
        }
    out["monthly"] = monthly
    return out


def _ratio(e: pd.DataFrame, method: str = "combination") -> float:
    return float(
        e[e.method == method].error_pp.abs().mean() / e[e.method == "ratio"].error_pp.abs().mean()
    )


def _by_decade(err: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Naive MAE [pp] and MAE ratios of the combination and momentum per decade."""
    out = {}
    decade = (err.year // 10) * 10
    for d, e in err.groupby(decade):
        label = f"{max(int(d), int(e.year.min()))}-{int(e.year.max())}"
        out[label] = {
            "n": int((e.method == "ratio").sum()),
            "naive_mae_pp": round(float(e[e.method == "ratio"].error_pp.abs().mean()), 3),
            "combination_mae_ratio": round(_ratio(e), 3),
            "momentum_mae_ratio": round(_ratio(e, "momentum"), 3),
        }
    return out


def _one_year(err: pd.DataFrame, year: int) -> dict[str, float]:
    e = err[err.year == year]
    return {
        "n": int((e.method == "ratio").sum()),
        "naive_mae_pp": round(float(e[e.method == "ratio"].error_pp.abs().mean()), 3),
        "combination_mae_pp": round(float(e[e.method == "combination"].error_pp.abs().mean()), 3),
        "momentum_mae_pp": round(float(e[e.method == "momentum"].error_pp.abs().mean()), 3),
    }


def _bootstrap(err: pd.DataFrame, reps: int = 2000) -> dict[str, float]:
    """Year-block bootstrap of the combination's MAE ratio (errors of one year move together)."""
    import numpy as np

    ae = err.assign(ae=err.error_pp.abs()).pivot_table(
        index="year", columns="method", values="ae", aggfunc="sum"
    )
    rng = np.random.default_rng(0)
    idx = rng.integers(0, len(ae), size=(reps, len(ae)))
    comb = ae["combination"].to_numpy()[idx].sum(axis=1)
    naive = ae["ratio"].to_numpy()[idx].sum(axis=1)
    ratio = comb / naive
    return {
        "se": round(float(ratio.std()), 4),
        "p05": round(float(np.quantile(ratio, 0.05)), 4),
        "p95": round(float(np.quantile(ratio, 0.95)), 4),
        "share_le_0.80": round(float((ratio <= 0.80).mean()), 3),
    }


def speed(repeats: int) -> dict[str, object]:
    """Cold and cached timings of the whole example city."""
    import os

    os.environ["SPRINTMODEL_CACHE_DIR"] = "off"
    from sprintmodel.data import load_folder
    from sprintmodel.forecast import cache, forecast

    folder = ROOT / "data" / "example_city"
    colds, cacheds = [], []
    for _ in range(repeats):
        cache.clear()
        t0 = time.perf_counter()
        city = load_folder(folder)
        res = forecast(city, "2026Q3")
        colds.append(time.perf_counter() - t0)
        for _ in range(3):
            t0 = time.perf_counter()
            city = load_folder(folder)
            res = forecast(city, "2026Q3")
            cacheds.append(time.perf_counter() - t0)
    # A fresh interpreter: imports (numpy, pandas, statsmodels) + load + forecast, no cache.
    import subprocess

    code = (
        "import time; t=time.perf_counter(); import warnings; warnings.simplefilter('ignore');"
        "from sprintmodel.data import load_folder; from sprintmodel.forecast import forecast;"
        f"forecast(load_folder({str(folder)!r}), '2026Q3'); print(time.perf_counter()-t)"
    )
    env = {**os.environ, "SPRINTMODEL_CACHE_DIR": "off", "PYTHONPATH": str(ROOT)}
    procs = []
    for _ in range(repeats):
        run = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        procs.append(float(run.stdout.strip().splitlines()[-1]))
    return {
        "cold_s": round(statistics.median(colds), 3),
        "cold_process_s": round(statistics.median(procs), 3),
        "cached_s": round(statistics.median(cacheds), 3),
        "cold_runs_s": [round(x, 3) for x in colds],
        "cached_runs_s": [round(x, 3) for x in cacheds],
        "example_city_series": len(res.to_frame()),
    }


def big(repeats: int) -> dict[str, object]:
    """Forecast timings on bench_load.py's synthetic 1,000-unit folders (quarterly, monthly)."""
    import tempfile

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_load import build_folder

    from sprintmodel.data import load_folder
    from sprintmodel.forecast import forecast

    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for freq, label in (("Q", "quarterly"), ("M", "monthly")):
            folder = Path(tmp) / f"big_{freq}"
            build_folder(folder, units=1000, indicators=10, years=12, freq=freq)
            t0 = time.perf_counter()
            data = load_folder(folder)
            out[f"big_{label}_load_s"] = round(time.perf_counter() - t0, 2)
            runs = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                res = forecast(data, "2026Q3", n_draws=2000, rng=0, use_cache=False)
                runs.append(time.perf_counter() - t0)
            out[f"big_{label}_s"] = round(statistics.median(runs), 2)
            out[f"big_{label}_runs_s"] = [round(x, 2) for x in runs]
            out[f"big_{label}_series"] = len(res.to_frame())
            del data, res
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one timing run instead of three")
    parser.add_argument(
        "--all-methods", action="store_true", help="also backtest arima and uc alone"
    )
    parser.add_argument(
        "--no-big", action="store_true", help="skip the 1,000-unit synthetic folders"
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    out: dict[str, object] = {"load_before": [round(x, 2) for x in os.getloadavg()]}
    out.update(accuracy(args.all_methods))
    out.update(speed(1 if args.quick else 3))
    if not args.no_big:
        out.update(big(1 if args.quick else 3))
    out["vintage"] = (
        "no clean real-time vintage exists: backtests use data/china_national as built "
        "(GDP to 2022 ~Jan-2023 vintage, 2023+ mid-2026 vintage; monthly series Wind as of "
        "Jan-2023), see data/china_national/SOURCES.md"
    )
    out["machine_note"] = "2 shared cores: timings are noisy; medians reported"
    out["in_sample_choices"] = (
        "seasonal_step joined the combination after improving these same national figures: "
        "the accuracy ratios are not an out-of-sample test of that choice. The combination's "
        "discounted record and stand-in record (ForecastConfig.discount 0.9 / record) were "
        "chosen with these national industries among the criteria (see bench_seasonal's "
        "in_sample_choices): 0.826 -> 0.805 here is not out of sample either. ets_level "
        "joined the combination by a comparison on data/seasonal_fresh (0.805 -> 0.817 here; "
        "these figures were among the criteria it also passed, see bench_seasonal's "
        "in_sample_choices), and share_step after it (0.817 -> 0.817)"
    )
    out["bench_total_s"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
