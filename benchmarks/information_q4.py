"""Is the information for a better fourth quarter in the data at a Q3 origin?  Prints JSON.

Run from the repository root: ``python benchmarks/information_q4.py [SHARED_DATA_DIR]``
(default ``../shared/data/china_national``; the monthly file is not shipped with the package).

The industries target of issue 3 (MAE ≤ 0.80 × the planners' rule) is missed at 0.826. This
script measures, on the industry (``ID``, 工业) rows of the national backtest, how much of the
combination's full-year error the national monthly industrial production index explains:

- ``exit``: September's single-month growth minus the third quarter's mean (known when Q3 GDP is
  published, mid October);
- ``rest``: the mean single-month growth of October–December minus the third quarter's mean
  (published from mid November to mid January: *not* known at a Q3 origin).

Both are in-sample least-squares fits (an upper bound on what either could give out of sample).
``industries_mae_ratio_if_id_corrected_by_*`` is the 11 industries' MAE ratio with only the
``ID`` rows replaced by those residuals.

Source of the monthly series: 工业增加值:当月同比 (M0000545) in ``monthly_macro_wide.csv``
(a Wind export, see ``../shared/data/china_national/SOURCES.md``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SERIES = "工业增加值:当月同比|M0000545"


def monthly_production(shared: Path) -> pd.DataFrame:
    """Exit and rest-of-year signals of industrial production per year [pp]."""
    wide = pd.read_csv(shared / "monthly_macro_wide.csv", usecols=["date", SERIES])
    dates = pd.to_datetime(wide["date"])
    ip = pd.Series(wide[SERIES].to_numpy(float), index=dates).dropna()
    rows = []
    for year in sorted(set(ip.index.year)):
        one = ip[ip.index.year == year]
        by_month = pd.Series(one.to_numpy(), index=one.index.month)
        if not {7, 8, 9, 10, 11, 12} <= set(by_month.index):
            continue
        q3 = by_month.loc[[7, 8, 9]].mean()
        rows.append(
            {"year": year, "exit": by_month[9] - q3, "rest": by_month.loc[[10, 11, 12]].mean() - q3}
        )
    return pd.DataFrame(rows).set_index("year")


def main(shared: Path) -> dict[str, object]:
    from sprintmodel.data import load_folder
    from sprintmodel.forecast.backtest import backtest

    nation = load_folder(ROOT / "data" / "china_national").components_as_units("gdp")
    industries = [u for u in nation.hierarchy if u != nation.root]
    err = backtest(nation, indicators=["gdp"], units=industries, use_cache=False).errors
    naive = err[err.method == "ratio"].set_index(["unit", "year"]).error_pp
    combo = err[err.method == "combination"].set_index(["unit", "year"]).error_pp
    signals = monthly_production(shared)
    id_err = combo.xs("ID").to_frame("error").join(signals, how="inner")
    out: dict[str, object] = {
        "id_years": len(id_err),
        "years": [int(id_err.index.min()), int(id_err.index.max())],
    }
    base = float(combo.abs().mean() / naive.abs().mean())
    out["industries_mae_ratio"] = round(base, 4)
    out["id_mae_pp"] = round(float(id_err.error.abs().mean()), 4)
    for name in ("exit", "rest"):
        x = np.column_stack([np.ones(len(id_err)), id_err[name].to_numpy()])
        coef, *_ = np.linalg.lstsq(x, id_err.error.to_numpy(), rcond=None)
        resid = id_err.error.to_numpy() - x @ coef
        corr = float(np.corrcoef(id_err.error, id_err[name])[0, 1])
        corrected = combo.copy()
        corrected.loc[[("ID", int(y)) for y in id_err.index]] = resid
        out[f"corr_{name}"] = round(corr, 3)
        out[f"id_mae_pp_corrected_by_{name}"] = round(float(np.abs(resid).mean()), 4)
        out[f"industries_mae_ratio_if_id_corrected_by_{name}"] = round(
            float(corrected.abs().mean() / naive.abs().mean()), 4
        )
    return out


if __name__ == "__main__":
    default = ROOT.parent / "shared" / "data" / "china_national"
    print(
        json.dumps(
            main(Path(sys.argv[1]) if len(sys.argv) > 1 else default), ensure_ascii=False, indent=1
        )
    )
