"""Are next year's target odds honest? Hit rates of past drafts; prints one JSON object.

Run from the repository root: ``python benchmarks/bench_targets_calibration.py`` (``--write``
also stores the JSON in ``benchmarks/results/targets_calibration.json``, from which
``benchmarks/render_docs.py`` writes the tables of ``docs/targets.md``). Figures:

- ``example_hit_rates``: share of the example city's drafts (every unit × indicator, target
  years 2018-2025, drafted as of Q3 of the year before with the data published by then; 400
  draws, seed 0) whose realised growth reached the target designed to be met with probability
  ``p`` (the ``1 - p`` quantile of the next-year draws, unrounded); the issue asks for
  0.7 / 0.5 / 0.3 within ±0.07.
- ``national_hit_rates``: the same on ``data/china_national`` (every unit × indicator, target
  years 1996-2025).
- ``*_se``: standard error of each hit rate clustered by target year (units of one year share
  shocks); ``*_mae_p50``: mean absolute error of the draft's median [pp]; ``*_n``: unit-years.
- ``years``: the target years of each data set; ``*_by_indicator``: hit rates per indicator.
- ``previous_model_example_hit_rates``: the same run with the settings before issue 21
  (``q`` by pooled maximum likelihood, ``min_history`` 5, Silverman's jitter): the bias the fix
  removed.
- ``carry_weight``: the example and national mean ``|hit - p|`` and median MAE for κ = 0, 0.5, 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROBABILITIES = (0.9, 0.8, 0.7, 0.5, 0.3, 0.2, 0.1)
EXAMPLE_YEARS = (2018, 2025)
NATIONAL_YEARS = (1996, 2025)
N_DRAWS = 400


def _rates(cal: object, prefix: str) -> dict[str, object]:
    t = cal.table().set_index("p")  # type: ignore[attr-defined]
    by = cal.table("indicator")  # type: ignore[attr-defined]
    return {
        f"{prefix}_hit_rates": {str(p): round(float(t.loc[p, "hit_rate"]), 4) for p in t.index},
        f"{prefix}_se": {str(p): round(float(t.loc[p, "se"]), 4) for p in t.index},
        f"{prefix}_mae_p50": round(float(t["mae_p50"].iloc[0]), 3),
        f"{prefix}_n": int(t["n"].iloc[0]),
        f"{prefix}_n_years": int(t["n_years"].iloc[0]),
        f"{prefix}_by_indicator": {
            str(ind): {str(r.p): round(float(r.hit_rate), 4) for r in sub.itertuples()}
            for ind, sub in by.groupby("indicator", sort=False)
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the JSON in results/")
    parser.add_argument("--quick", action="store_true", help="skip the κ and old-model runs")
    args = parser.parse_args()

    import sprintmodel as sm
    from sprintmodel.targets import TargetConfig, calibrate

    t0 = time.perf_counter()
    city, nation = sm.example_city(), sm.china_national().components_as_units("gdp")
    out: dict[str, object] = {"n_draws": N_DRAWS, "seed": 0}
    runs = {"example": (city, EXAMPLE_YEARS), "national": (nation, NATIONAL_YEARS)}
    for name, (ds, years) in runs.items():
        cal = calibrate(ds, years, probabilities=PROBABILITIES, n_draws=N_DRAWS)
        out.update(_rates(cal, name))
    out["years"] = {name: list(years) for name, (_, years) in runs.items()}
    if not args.quick:
        old = TargetConfig(level_ratio=None, min_history=5, bootstrap_bandwidth=None)
        cal = calibrate(
            city, EXAMPLE_YEARS, probabilities=PROBABILITIES, n_draws=N_DRAWS, config=old
        )
        out["previous_model_example_hit_rates"] = _rates(cal, "x")["x_hit_rates"]
        kappa: dict[str, dict[str, float]] = {}
        for k in (0.0, 0.5, 1.0):
            row: dict[str, float] = {}
            for name, (ds, years) in runs.items():
                t = calibrate(
                    ds,
                    years,
                    probabilities=PROBABILITIES,
                    n_draws=N_DRAWS,
                    config=TargetConfig(carry_weight=k),
                ).table()
                row[f"{name}_mae_p50"] = round(float(t.mae_p50.iloc[0]), 3)
                row[f"{name}_mean_abs_miss"] = round(float((t.hit_rate - t.p).abs().mean()), 4)
            kappa[str(k)] = row
        out["carry_weight"] = kappa
    out["seconds"] = round(time.perf_counter() - t0, 1)
    text = json.dumps(out, indent=2, ensure_ascii=False)
    print(text)
    if args.write:
        path = ROOT / "benchmarks" / "results" / "targets_calibration.json"
        path.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
