"""Scale benchmark: load and validate (and forecast) a large synthetic data folder.

Builds a folder of ``--units`` units (a city, districts, towns) × ``--indicators`` indicators ×
``--years`` years of **monthly** year-to-date data (every month, so 1,000 × 10 × 12 × 12 =
1.44 million observation rows; ``--freq Q`` for quarterly, 480,000 rows), whose towns add up to
their districts and districts to the city, then times ``validate_folder`` (median of
``--repeat`` runs, each in a fresh process) and reports the peak resident memory of those
processes. With ``--forecast`` it also times ``sprintmodel.forecast.forecast`` once.

Prints one JSON object. Target (issue 10): load and validate in at most 10 s.

Usage::

    python benchmarks/bench_load.py                       # 1,000 × 10 × 12 years, monthly
    python benchmarks/bench_load.py --forecast --draws 500
    python benchmarks/bench_load.py --units 200 --freq Q  # quicker
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def build_folder(
    folder: Path, *, units: int, indicators: int, years: int, freq: str, seed: int = 0
) -> dict[str, int]:
    """Write the synthetic folder; returns its dimensions."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    n_districts = max(1, round((units - 1) ** 0.5 / 1.6))
    n_towns = units - 1 - n_districts
    codes = (
        ["C"] + [f"D{i:02d}" for i in range(n_districts)] + [f"T{i:04d}" for i in range(n_towns)]
    )
    parents = [""] + ["C"] * n_districts + [f"D{i % n_districts:02d}" for i in range(n_towns)]
    kinds = ["city"] + ["district"] * n_districts + ["town"] * n_towns
    pd.DataFrame(
        {
            "unit": codes,
            "name_zh": [f"单位{c}" for c in codes],
            "name_en": codes,
            "parent": parents,
            "kind": kinds,
            "rollup": "yes",
        }
    ).to_csv(folder / "units.csv", index=False)
    ind = [f"ind{i:02d}" for i in range(indicators)]
    pd.DataFrame(
        {
            "indicator": ind,
            "name_zh": [f"指标{i}" for i in range(indicators)],
            "name_en": ind,
            "measure": "亿元",
            "basis": ["real" if i % 3 == 0 else "nominal" for i in range(indicators)],
            "additive": "yes",
        }
    ).to_csv(folder / "indicators.csv", index=False)

    steps = 12 if freq == "M" else 4
    first_year = 2026 - years + 1
    # Single-period values of the towns: level × growth path × seasonality × noise.
    level = rng.lognormal(0.0, 0.7, size=(n_towns, indicators, 1, 1))
    growth = 1.0 + rng.normal(0.06, 0.03, size=(n_towns, indicators, years, 1))
    path = np.cumprod(growth, axis=2)
    season = 1.0 + 0.2 * np.sin(np.arange(steps) / steps * 2 * np.pi)
    single = (
        level * path * season * rng.lognormal(0.0, 0.03, size=(n_towns, indicators, years, steps))
    )
    town = np.cumsum(single, axis=3)
    district = np.zeros((n_districts, indicators, years, steps))
    np.add.at(district, np.arange(n_towns) % n_districts, town)
    city = district.sum(axis=0, keepdims=True)
    values = np.concatenate([city, district, town], axis=0)  # units × ind × years × steps
    ytd_growth = np.full_like(values, np.nan)
    ytd_growth[:, :, 1:, :] = 100.0 * (values[:, :, 1:, :] / values[:, :, :-1, :] - 1.0)

    u_idx, i_idx, y_idx, s_idx = np.meshgrid(
        np.arange(units), np.arange(indicators), np.arange(years), np.arange(steps), indexing="ij"
    )
    year = first_year + y_idx.ravel()
    if freq == "M":
        period = (
            pd.Series(year).astype(str) + "-" + pd.Series(s_idx.ravel() + 1).map("{:02d}".format)
        )
    else:
        period = pd.Series(year).astype(str) + "Q" + pd.Series(s_idx.ravel() + 1).astype(str)
    obs = pd.DataFrame(
        {
            "unit": np.asarray(codes, dtype=object)[u_idx.ravel()],
            "indicator": np.asarray(ind, dtype=object)[i_idx.ravel()],
            "period": period.to_numpy(),
            "ytd_value": np.round(values.ravel(), 4),
            "ytd_growth": np.round(ytd_growth.ravel(), 1),
        }
    )
    obs.to_csv(folder / "observations.csv", index=False, float_format="%.4f")
    targets = pd.DataFrame(
        {"unit": codes, "indicator": ind[0], "year": 2026, "target_growth": 6.0, "target_value": ""}
    )
    targets.to_csv(folder / "targets.csv", index=False)
    return {"units": units, "indicators": indicators, "years": years, "rows": len(obs)}


_CHILD = """
import json, resource, sys, time, warnings


def peak_mb():
    # VmHWM is this process's own peak (ru_maxrss may carry the parent's peak over exec).
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


t0 = time.perf_counter()
from sprintmodel.data import validate_folder
t_import = time.perf_counter() - t0
rss0 = peak_mb()
t0 = time.perf_counter()
report, data = validate_folder(sys.argv[1])
t_load = time.perf_counter() - t0
out = {"load_s": t_load, "import_s": t_import, "ok": report.ok, "problems": len(report),
       "rss_before_mb": rss0, "rss_after_load_mb": peak_mb()}
if len(sys.argv) > 2 and data is not None:
    from sprintmodel.forecast import forecast
    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    result = forecast(data, sys.argv[2], n_draws=int(sys.argv[3]), rng=0, use_cache=False)
    out["forecast_s"] = time.perf_counter() - t0
    out["forecast_rows"] = len(result.to_frame())
    out["rss_after_forecast_mb"] = peak_mb()
if not report.ok:
    out["first_problems"] = report.lines()[:5]
print(json.dumps(out))
"""


def run_child(folder: Path, *extra: str) -> dict[str, Any]:
    """One measurement in a fresh interpreter (so memory peaks do not mix)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(folder), *extra],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--indicators", type=int, default=10)
    parser.add_argument("--years", type=int, default=12)
    parser.add_argument("--freq", choices=["M", "Q"], default="M")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--forecast", action="store_true", help="also time forecast() once")
    parser.add_argument("--as-of", default="2026Q3")
    parser.add_argument("--draws", type=int, default=2000)
    parser.add_argument("--folder", type=Path, help="keep the synthetic folder here")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp) / "big"
        t0 = time.perf_counter()
        dims = build_folder(
            folder, units=args.units, indicators=args.indicators, years=args.years, freq=args.freq
        )
        build_s = time.perf_counter() - t0
        load_before = os.getloadavg()
        runs = [run_child(folder) for _ in range(args.repeat)]
        result: dict[str, Any] = {
            "benchmark": "load_validate",
            "load_before": [round(x, 2) for x in load_before],
            **dims,
            "freq": args.freq,
            "observations_mb": round((folder / "observations.csv").stat().st_size / 1e6, 1),
            "build_s": round(build_s, 2),
            "load_validate_s_median": round(statistics.median(r["load_s"] for r in runs), 2),
            "load_validate_s_runs": [round(r["load_s"], 2) for r in runs],
            "import_s": round(statistics.median(r["import_s"] for r in runs), 2),
            "peak_rss_mb": round(max(r["rss_after_load_mb"] for r in runs), 0),
            "rss_after_import_mb": round(runs[0]["rss_before_mb"], 0),
            "ok": runs[0]["ok"],
            "problems": runs[0]["problems"],
            "target_s": 10.0,
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
        }
        if "first_problems" in runs[0]:
            result["first_problems"] = runs[0]["first_problems"]
        if args.forecast:
            f = run_child(folder, args.as_of, str(args.draws))
            result.update(
                {
                    "forecast_as_of": args.as_of,
                    "forecast_draws": args.draws,
                    "forecast_s": round(f.get("forecast_s", float("nan")), 2),
                    "forecast_rows": f.get("forecast_rows"),
                    "peak_rss_forecast_mb": round(f.get("rss_after_forecast_mb", float("nan")), 0),
                }
            )
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return result


if __name__ == "__main__":
    main()
