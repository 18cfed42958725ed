"""Nowcasting the full year from monthly data: accuracy at the origins Q3, October, November.

Run from the repository root: ``python benchmarks/bench_nowcast.py [SHARED_DATA_DIR]``
(default ``../shared/data/china_national``). Prints one JSON object.

On ``data/china_national`` (national GDP and its 11 industries, years 2005–2022, rolling
origin: every forecast uses only what was published by its origin):

- the base is the combination's forecast as of Q3 (``sprintmodel.forecast.backtest``);
- at October (Jan–Oct figures, published mid-November) and November (published mid-December)
  the bridge (:mod:`sprintmodel.forecast.nowcast`) adds what the monthly indicators say about
  the fourth quarter: industrial production (工业增加值:当月同比, M0000545, single-month growth,
  read from the shared Wind export: the project's folder does not carry it) and exports
  (the folder's ``exports``, year-to-date growth); the nowcast is the base and the bridge
  judged by their earlier years' errors, per series.
- ``*_ratio_*``: MAE of full-year growth ÷ that of the Q3 rule "full-year growth = Jan–Sep
  growth" on the same rows (GDP: CN; industries: the 11 pooled);
  ``coverage80_*``: share of GDP and industry outcomes inside the 80% conformal interval.

Publication lags (NBS release calendar): monthly industrial production and exports about the
15th of the next month; quarterly GDP about the 17th of the month after the quarter. An origin
"October" therefore means the data out by mid-November, GDP still at Q3. The folder's figures
mix first releases and revisions (no clean real-time vintage; see docs/forecast.md).

The industries are read through ``DataSet.components_as_units("gdp")`` where the folder holds
them as components of CN's GDP, else as the units they are.
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
IP = "工业增加值:当月同比|M0000545"
YEARS = (2005, 2022)
ORIGINS = {"q3": 9, "oct": 10, "nov": 11}


def industrial_production(shared: Path) -> pd.DataFrame:
    """Single-month real growth of industrial production [%] (years × months 1–12)."""
    wide = pd.read_csv(shared / "monthly_macro_wide.csv", usecols=["date", IP])
    dates = pd.to_datetime(wide["date"])
    frame = pd.DataFrame({"y": dates.dt.year, "m": dates.dt.month, "v": wide[IP].to_numpy(float)})
    return frame.pivot_table(index="y", columns="m", values="v").reindex(columns=range(1, 13))


def ytd_growth(dataset: object, unit: str, indicator: str) -> pd.DataFrame:
    """Year-to-date growth of a monthly series [%] (years × months), from levels where the
    growth is not published."""
    obs = dataset.observations  # type: ignore[attr-defined]
    o = obs[(obs.unit == unit) & (obs.indicator == indicator)]
    value = o.pivot_table(index="year", columns="month", values="ytd_value")
    growth = o.pivot_table(index="year", columns="month", values="ytd_growth")
    from_levels = 100.0 * (value / value.shift(1) - 1.0)
    return growth.combine_first(from_levels).reindex(columns=range(1, 13))


def national(folder: Path) -> object:
    """china_national with its industries as CN's member units."""
    from sprintmodel.data import load_folder

    ds = load_folder(folder)
    if getattr(ds, "components", None) is not None and hasattr(ds, "components_as_units"):
        return ds.components_as_units("gdp")
    return ds


def main(shared: Path) -> dict[str, object]:
    from sprintmodel.forecast.backtest import backtest
    from sprintmodel.forecast.nowcast import nowcast_errors, quarter_signals

    started = time.perf_counter()
    ds = national(ROOT / "data" / "china_national")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        err = backtest(ds, indicators=["gdp"], use_cache=False).errors
    base = err[err.method == "combination"]
    naive = err[err.method == "ratio"].set_index(["unit", "year"]).forecast_growth
    ip = industrial_production(shared)
    exports = ytd_growth(ds, ds.root, "exports")  # type: ignore[attr-defined]
    years = np.arange(int(base.year.min()), int(base.year.max()) + 1)
    out: dict[str, object] = {"years": list(YEARS)}
    for name, month in ORIGINS.items():
        signals = pd.DataFrame(
            {
                "ip": quarter_signals(ip.reindex(years).to_numpy(), "single", month),
                "exports": quarter_signals(exports.reindex(years).to_numpy(), "ytd", month),
            },
            index=years,
        )
        if month % 3 == 0:
            signals = signals.iloc[:, :0]
        rows = nowcast_errors(base, signals, f"month {month}")
        rows = rows[(rows.method == "nowcast") & rows.year.between(*YEARS)]
        rows = rows.assign(
            naive=naive.reindex(pd.MultiIndex.from_frame(rows[["unit", "year"]])).to_numpy()
        )
        rows = rows.dropna(subset=["actual_growth", "forecast_growth", "naive"])
        ae = rows.error_pp.abs()
        ne = (rows.naive - rows.actual_growth).abs()
        gdp = rows.unit == ds.root  # type: ignore[attr-defined]
        out[f"gdp_ratio_{name}"] = round(float(ae[gdp].mean() / ne[gdp].mean()), 4)
        out[f"industries_ratio_{name}"] = round(float(ae[~gdp].mean() / ne[~gdp].mean()), 4)
        inside = (rows.actual_growth >= rows.lo80) & (rows.actual_growth <= rows.hi80)
        known = rows.lo80.notna()
        out[f"coverage80_{name}"] = round(float(inside[known].mean()), 4)
        out[f"gdp_mae_pp_{name}"] = round(float(ae[gdp].mean()), 4)
    out["gdp_naive_mae_pp"] = round(float(ne[gdp].mean()), 4)
    out["rows_gdp"] = int(gdp.sum())
    out["rows_industries"] = int((~gdp).sum())
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out


if __name__ == "__main__":
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/china_national"
    print(json.dumps(main(shared), indent=1))
