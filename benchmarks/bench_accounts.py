"""GDP built from its industries: accuracy on China's published accounts and cost.  Prints JSON.

Run from the repository root: ``python benchmarks/bench_accounts.py``.

Accuracy (``data/china_national``, every quarter 2016Q1–2022Q4; targets of issue 16):

- ``built_growth_max_err_pp``: year-to-date GDP growth built from the 11 industries
  (:func:`sprintmodel.accounts.ytd_growth_built`, last year's value added of the same span as
  weights) against the published growth; target ≤ 0.2 pp. ``..._by_weights`` the same with
  plausible wrong weights (this year's, two years back, last year's full year, equal).
- ``contribution_max_err_pp``: the industries' contribution rates
  (:func:`sprintmodel.contribution.contributions`, members partition the whole) against the
  NBS's (``tests/reference/gdp_cumyoy_sectors_pull.csv``); target ≤ 0.3 pp, 2020 included.
  ``contribution_max_err_pp_whole_increment`` per quarter of 2020: with the whole's own
  increment as denominator (the league's default today).

Cost (the slider path): ``ms_p50`` for ``draws`` full-year draws × ``units`` units × 11
industries of growth: the built growth and shortfall of every unit in every draw, then the
split by industry and the contribution rates of the mean projection (the split is linear in
growth, so the mean's split is the mean of the splits); median of ``repeat`` runs. The scenario
engine's target for a whole re-evaluation is ≤ 30 ms (p50).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

INDUSTRIES = ["AR", "ID", "CO", "WH", "TR", "AC", "FI", "RE", "IN", "LE", "OT"]
YEARS = list(range(2016, 2023))


def accuracy() -> dict[str, object]:
    """Errors against the published national figures [pp]."""
    import sprintmodel as sm
    from sprintmodel.accounts import build_accounts, ytd_growth_built
    from sprintmodel.contribution import contributions

    panel = (
        sm.china_national()
        .components_as_units("gdp")
        .panel("gdp", "Q", units=["CN", *INDUSTRIES], years=range(2014, 2023))
    )
    years = [int(y) for y in panel.years]
    value = np.moveaxis(panel.ytd_value, 0, 1)  # year × unit × quarter
    growth = np.moveaxis(panel.ytd_growth, 0, 1)

    def at(arr: np.ndarray, offset: int) -> np.ndarray:
        return arr[[years.index(y + offset) for y in YEARS]]

    g = at(growth, 0)[:, 1:]
    published = at(growth, 0)[:, 0]
    last = at(value, -1)[:, 1:]
    weights = {
        "this_year": at(value, 0)[:, 1:],
        "two_years_back": at(value, -2)[:, 1:],
        "last_full_year": np.repeat(last[:, :, 3:], 4, axis=2),
        "equal": np.ones_like(last),
    }
    ref = pd.read_csv(ROOT / "tests" / "reference" / "gdp_cumyoy_sectors_pull.csv")
    ref.columns = [c.strip().lstrip("\ufeff") for c in ref.columns]
    dates = pd.to_datetime(ref.pop("QTR"))
    ref.index = pd.MultiIndex.from_arrays([dates.dt.year, dates.dt.month // 3])
    pub_c = np.array(
        [[ref.loc[(y, q), INDUSTRIES].to_numpy(float) for q in range(1, 5)] for y in YEARS]
    ).transpose(0, 2, 1)
    acc = build_accounts(last, g, published)
    c_err = np.abs(acc.contribution_pct - pub_c).max(axis=1)
    whole = contributions(acc.increment, acc.base, published, partition=False, axis=1).rate_pct
    w_err = np.abs(whole - pub_c).max(axis=1)[YEARS.index(2020)]
    built_err = np.abs(acc.built_growth - published)
    return {
        "quarters": int(built_err.size),
        "built_growth_max_err_pp": round(float(built_err.max()), 3),
        "built_growth_max_err_pp_by_weights": {
            k: round(float(np.nanmax(np.abs(ytd_growth_built(w, g) - published))), 3)
            for k, w in weights.items()
        },
        "contribution_max_err_pp": round(float(c_err.max()), 3),
        "contribution_max_err_pp_2020": round(float(c_err[YEARS.index(2020)].max()), 3),
        "contribution_max_err_pp_whole_increment": {
            f"2020Q{q + 1}": round(float(w_err[q]), 2) for q in range(4)
        },
    }


def cost(draws: int, units: int, repeat: int) -> dict[str, object]:
    """Milliseconds to build the accounts of full-year draws (the slider path)."""
    from sprintmodel.accounts import build_accounts
    from sprintmodel.accounts.shortfall import shortfall_by_industry

    rng = np.random.default_rng(0)
    base = rng.uniform(10.0, 500.0, size=(units, len(INDUSTRIES)))
    fy = rng.normal(5.0, 2.0, size=(draws, units, len(INDUSTRIES)))
    target = np.full(units, 6.0)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        # per draw: the whole's built growth and shortfall (for P(meet), the fan of GDP)
        s = shortfall_by_industry(base, fy, target, price_ratio=1.02, axis=-1)
        _ = s.total.mean(axis=0), s.built_growth
        # the split by industry and the contributions of the mean projection (linear in growth)
        mean = fy.mean(axis=0)
        _ = shortfall_by_industry(base, mean, target, price_ratio=1.02, axis=-1).by_industry
        _ = build_accounts(base, mean, axis=-1).contribution_pct
        times.append(time.perf_counter() - t0)
    return {
        "draws": draws,
        "units": units,
        "industries": len(INDUSTRIES),
        "ms_p50": round(float(np.median(times)) * 1e3, 2),
        "ms_max": round(float(np.max(times)) * 1e3, 2),
        "repeat": repeat,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    out = {"accuracy": accuracy(), "cost": cost(args.draws, args.units, args.repeat)}
    out["machine_note"] = "2 shared cores: timings are noisy; medians reported"
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
