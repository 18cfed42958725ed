"""Elasticities of industry value added on their source indicators (推算指标), China.  Prints JSON.

Run from the repository root: ``python benchmarks/bench_elasticities.py [SHARED_DATA_DIR]``
(default ``../shared/data/china_national``: industrial production, retail prices, loans and the
services production index are not shipped with the package).

For each industry × source indicator, an ordinary least-squares fit over quarters of

.. math:: q_{i,t} = a + \\varepsilon\\, x_t + u_t

with :math:`q_{i,t}` the industry's single-quarter real value-added growth on the same quarter of
last year [%] (NBS, ``gdp_yoy.csv``) and :math:`x_t` the source indicator's single-quarter growth
on the same quarter of last year [%]. :math:`\\varepsilon` [pp/pp] is what
:func:`sprintmodel.accounts.shortfall.q4_source_growth_required` takes. Standard errors are
Newey–West (HAC, 4 lags: overlapping year-on-year growth is autocorrelated). Each pair is fitted
on every quarter with data up to 2022Q4 (``all``) and without 2020–2021 (``ex_covid``: the
pandemic and its base effects move every series together and dominate the fit).

Source series (quarterly growth built from them):

- ``iva``: 工业增加值:当月同比 (M0000545), the mean of the quarter's monthly real growth;
- ``retail_real``: 社会消费品零售总额 (``data/china_national`` ``retail``, year-to-date levels →
  single-quarter growth) deflated by the quarter's mean RPI:当月同比 (M0001022);
- ``fai``: 固定资产投资 (``fai``: official year-to-date growth, 2010 on, single quarters on
  last year's levels), nominal;
- ``re_fai``: 房地产开发投资 (``re_fai``, levels; no official growth in the data, so revisions
  of the level enter the growth), nominal;
- ``fiscal_exp``: 一般公共预算支出 (``fiscal_exp``, levels), nominal;
- ``loans``: 金融机构:各项贷款余额:同比 (M0009970), the quarter's mean;
- ``services``: 服务业生产指数:当月同比 (M5767203, from 2017), the quarter's mean.

The pairs are those of ``sprintmodel.accounts.sources.SOURCE_INDICATORS`` (its ``national``
series); where the indicator a bureau uses (建筑业总产值, 货物周转量, 商品房销售面积, 规模以上服务业
营业收入...) is not in the national data, a stand-in is used and ``proxy`` (in ``for``) says so.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WIDE = {
    "iva": "工业增加值:当月同比|M0000545",
    "rpi": "RPI:当月同比|M0001022",
    "loans": "金融机构:各项贷款余额:同比|M0009970",
    "services": "服务业生产指数:当月同比|M5767203",
}


def pairs() -> dict[tuple[str, str], list[dict[str, object]]]:
    """(industry, national series) → the mapping's indicators it is estimated for."""
    from sprintmodel.accounts.sources import SOURCE_INDICATORS

    out: dict[tuple[str, str], list[dict[str, object]]] = {}
    for s in SOURCE_INDICATORS:
        if s.national:
            out.setdefault((s.industry, s.national), []).append(
                {"indicator": s.indicator, "role": s.role, "proxy": s.national_is_proxy}
            )
    return out


COVID = (2020, 2021)
INDUSTRIES = ("AR", "ID", "CO", "WH", "TR", "AC", "FI", "RE", "IN", "LE", "OT")


def quarter_index(frame: pd.DataFrame) -> pd.DataFrame:
    """Index ``QTR`` dates (``YYYY-MM``) as (year, quarter)."""
    frame = frame.copy()
    frame.columns = [c.strip() for c in frame.columns]
    dates = pd.to_datetime(frame.pop("QTR"))
    frame.index = pd.MultiIndex.from_arrays([dates.dt.year, dates.dt.month // 3], names=["y", "q"])
    return frame.apply(pd.to_numeric, errors="coerce")


def monthly_quarter_means(shared: Path) -> pd.DataFrame:
    """Quarterly means of the monthly growth series of the wide file [%]."""
    raw = pd.read_csv(shared / "monthly_macro_wide.csv", usecols=["date", *WIDE.values()])
    dates = pd.to_datetime(raw["date"])
    wide = pd.DataFrame({name: raw[column] for name, column in WIDE.items()})
    wide.index = pd.MultiIndex.from_arrays([dates.dt.year, (dates.dt.month - 1) // 3 + 1])
    return wide.apply(pd.to_numeric, errors="coerce").groupby(level=[0, 1]).mean()


def single_quarter_growth(nation: object, indicator: str) -> pd.Series:
    """Single-quarter growth on the same quarter of last year of a monthly indicator [%]."""
    import sprintmodel as sm

    panel = nation.panel(indicator, "Q", units=["CN"])  # type: ignore[attr-defined]
    growth = panel.growth()[0]  # official year-to-date growth where published, else levels
    levels = panel.ytd_value[0]
    out = {}
    for j in range(1, len(panel.years)):
        single = sm.single_growth_from_ytd(levels[j - 1], growth[j])
        for q in range(4):
            out[(int(panel.years[j]), q + 1)] = float(single[q])
    return pd.Series(out, dtype=float)


def sources(shared: Path) -> pd.DataFrame:
    """Every source series as single-quarter growth [%], indexed by (year, quarter)."""
    import sprintmodel as sm

    nation = sm.china_national().components_as_units("gdp")
    means = monthly_quarter_means(shared)
    frame = pd.DataFrame(
        {c: single_quarter_growth(nation, c) for c in ("fai", "re_fai", "fiscal_exp")}
    )
    retail = single_quarter_growth(nation, "retail")
    rpi = means["rpi"].reindex(retail.index)
    frame["retail_real"] = 100.0 * ((1 + retail / 100.0) / (1 + rpi / 100.0) - 1.0)
    for c in ("iva", "loans", "services"):
        frame[c] = means[c]
    # Growth from levels is wrong where a revision entered the levels (SOURCES.md): retail
    # December 2005, so retail from 2007; FAI levels are not comparable across years, so only
    # the years with official growth (2010 on).
    year = frame.index.get_level_values(0)
    frame.loc[year < 2007, "retail_real"] = np.nan
    frame.loc[year < 2010, "fai"] = np.nan
    return frame


def fit(y: pd.Series, x: pd.Series) -> dict[str, object]:
    """OLS of y on x with HAC standard errors; rounded figures for JSON."""
    import statsmodels.api as smx

    both = pd.concat([y.rename("y"), x.rename("x")], axis=1).dropna()
    if len(both) < 12:
        return {"n": len(both)}
    res = smx.OLS(both.y, smx.add_constant(both.x)).fit(cov_type="HAC", cov_kwds={"maxlags": 4})
    years = both.index.get_level_values(0)
    return {
        "elasticity": round(float(res.params["x"]), 3),
        "se": round(float(res.bse["x"]), 3),
        "intercept": round(float(res.params["const"]), 3),
        "intercept_se": round(float(res.bse["const"]), 3),
        "r2": round(float(res.rsquared), 3),
        "n": len(both),
        "span": f"{years.min()}–{years.max()}",
    }


def china_2022(src: pd.DataFrame, results: list[dict[str, object]]) -> dict[str, object]:
    """China 2022 against a target of about 5.5%: the shortfall by industry and the Q4 growth
    each main source indicator alone would have needed to close it (its elasticity from
    ``all``, its baseline the Q4 growth it actually had, its record the highest Q4 before)."""
    import sprintmodel as sm
    from sprintmodel.accounts import above_record, q4_source_growth_required, shortfall_by_industry
    from sprintmodel.accounts.sources import main_source

    industries = list(INDUSTRIES)
    panel = (
        sm.china_national()
        .components_as_units("gdp")
        .panel("gdp", "Q", units=["CN", *industries], years=[2021, 2022])
    )
    last, now = panel.ytd_value[:, 0, :], panel.ytd_value[:, 1, :]
    growth = panel.ytd_growth[:, 1, 3]
    price = now[0, 3] / (last[0, 3] * (1 + growth[0] / 100))  # GDP's implicit deflator ratio
    s = shortfall_by_industry(
        last[1:, 3], growth[1:], 5.5, whole_growth=growth[0], price_ratio=price, axis=-1
    )
    estimates = {(r["industry"], r["source"]): r["all"] for r in results}
    rows = []
    for i, industry in enumerate(industries):
        src_name = main_source(industry).national
        est = estimates.get((industry, src_name), {})
        row: dict[str, object] = {
            "industry": industry,
            "shortfall_part": round(float(s.by_industry[i]), 1),
            "source": src_name,
        }
        if "elasticity" in est and src_name:
            q4 = src[src_name].xs(4, level=1)
            baseline = float(q4.get(2022, np.nan))
            need = float(
                q4_source_growth_required(
                    s.total,
                    last[1 + i, 3] - last[1 + i, 2],
                    est["elasticity"],
                    baseline,
                    price_ratio=price,
                )
            )
            history = q4[q4.index < 2022].to_numpy(dtype=float)
            row |= {
                "elasticity": est["elasticity"],
                "q4_growth_2022": round(baseline, 2),
                "q4_growth_required_alone": round(need, 1),
                "q4_record_before": round(float(np.nanmax(history)), 2),
                "above_record": bool(above_record(need, history)),
            }
        rows.append(row)
    return {
        "target_growth": 5.5,
        "gdp_growth": float(growth[0]),
        "shortfall_value": round(float(s.total), 1),
        "price_ratio": round(float(price), 4),
        "industries": rows,
    }


def main(shared: Path) -> dict[str, object]:
    industries = quarter_index(pd.read_csv(shared / "gdp_yoy.csv", encoding="utf-8-sig"))
    src = sources(shared)
    industries = industries[industries.index.get_level_values(0) <= 2022]
    results = []
    for (industry, source), used_for in pairs().items():
        y = industries[industry]
        x = src[source].reindex(y.index)
        ex = ~y.index.get_level_values(0).isin(COVID)
        results.append(
            {
                "industry": industry,
                "source": source,
                "for": used_for,
                "all": fit(y, x),
                "ex_covid": fit(y[ex], x[ex]),
            }
        )
    return {
        "what": "elasticity of industry single-quarter real VA growth on source growth [pp/pp]",
        "china_2022": china_2022(src, results),
        "standard_errors": "Newey-West HAC, 4 lags",
        "data": "NBS gdp_yoy.csv (single-quarter real growth) up to 2022Q4; monthly sources as "
        "in the module docstring",
        "results": results,
    }


if __name__ == "__main__":
    default = ROOT.parent / "shared" / "data" / "china_national"
    print(
        json.dumps(
            main(Path(sys.argv[1]) if len(sys.argv) > 1 else default), ensure_ascii=False, indent=1
        )
    )
