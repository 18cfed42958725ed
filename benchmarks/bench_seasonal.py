"""Q3 accuracy on real, seasonal quarterly series; prints one JSON object.

Run from the repository root: ``python benchmarks/bench_seasonal.py`` (``--write`` also writes
``benchmarks/results/seasonal.json``; ``--all-methods`` adds the slow statsmodels methods
outside the combination).

Data: ``data/seasonal_panel`` (built by ``scripts/build_seasonal_panel.py``; see its
``SOURCES.md``): China's nominal value added by industry, national monthly series summed to
quarters, and four classic seasonal series (Australian beer, woollen yarn and wine, airline
passengers); and ``data/seasonal_fresh`` (``scripts/build_seasonal_fresh.py``): 53 more real
seasonal series from R's ``datasets``, ``AER``, ``fpp2`` and ``fpp3`` (Australian production,
tourism, arrivals, departures, accommodation, pharmaceuticals and eating out; UK gas and
non-durables; euro-area retail and orders; US electricity; Canadian gas; Icelandic debit cards;
Johnson & Johnson's earnings), chosen by a rule declared before any forecast was run on them.
Every series is quarterly, year to date, in the data contract's form.

Figures (rolling origin as of Q3, every year with data; each forecast uses only the rows
published by its origin):

- ``mape_ratio``: mean absolute percentage error of the full-year level, the default
  combination ÷ the ratio rule ("full year = Jan–Sep × last year's full year ÷ last year's
  Jan–Sep"), pooled over every series of both folders (the widened benchmark); the same on each
  of the four groups below (``mape_ratio_dev``, ``_unseen``, ``_fresh_select``,
  ``_fresh_test``) and on the first folder alone (``_panel``); target ≤ 0.80 and no member
  better than the combination.
- ``method_mape_ratio`` (and per group): every member of the combination alone on the same rows
  (where a method cannot say, its record's stand-in: momentum for ``seasonal_step``, the ratio
  rule otherwise, as in the combination's record), and the registered methods outside it
  (``pooled``; ``--all-methods`` adds ``arima`` and ``uc``, one statsmodels fit per origin,
  minutes).
- ``coverage80`` / ``coverage95``: share of outcomes inside the combination's 80% / 95%
  intervals (calibrated on earlier years only).
- ``by_series``: the ratio rule's MAPE [%] and the combination's and best member's ratios.

Groups, by what was chosen looking at them (``in_sample_choices`` in the JSON):

- ``dev``: China's national monthly series summed to quarters; the combination's rules were
  chosen on them and on ``benchmarks/bench_forecast.py``'s national figures.
- ``unseen``: value added by industry and the four classic series; only reported at first, but
  read many times since (issue 17), so no longer out of sample.
- ``fresh_select``: the half of ``data/seasonal_fresh`` on which the one declared comparison
  (main against main with ``ets_level`` as a member) was decided;
- ``fresh_test``: the other half, read once with each chosen default, to report only.

The halves of ``data/seasonal_fresh`` are fixed by :func:`fresh_halves` (declared before any
forecast was run on the folder): its datasets sorted by unit-years, dealt A, B, B, A, ...
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
"""Indicators of the panel first held out from every choice (since read many times)."""

GROUPS = ("dev", "unseen", "fresh_select", "fresh_test")
"""The benchmark's groups of series, by what was chosen looking at them (module docstring)."""

EXTRA = ("pooled",)
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
    "ets_level_member": (
        "ets_level (damped seasonal Holt-Winters on log volumes) joined the combination on "
        "2026-12-06 by the one comparison declared before any forecast was run on "
        "data/seasonal_fresh: main against main + ets_level on fresh_select, the lower "
        "combination ratio wins (main within 0.002): 0.892 against 0.866. Before that it had "
        "been tried on the panel (dev 0.818 -> 0.796, unseen 0.816 -> 0.822) and, by the "
        "combination_record criterion, scored 0.7871 against main's 0.7884 (national "
        "industries 0.805 -> 0.817, nowcast industries Q3 0.742 -> 0.748; coverages within "
        "0.72-0.88). fresh_select has been a development set since; fresh_test was read once, "
        "with this default"
    ),
    "share_step_member": (
        "share_step (the ratio rule with its seasonal ratio smoothed, pooled alpha) was "
        "developed on dev and fresh_select only (alone: fresh_select 0.852, dev 0.958) and "
        "joined the combination by a rule written before measuring it as a member: fresh_select "
        "better by > 0.002, the combination_record criterion worse by <= 0.002, guards held. "
        "fresh_select 0.866 -> 0.852, criterion 0.7871 -> 0.7883, guards held; not in the rule: "
        "the nowcast's GDP at October / November got worse (still within target). fresh_test "
        "was then read a second time, to report only"
    ),
    "diffuse_start": (
        "the local level behind seasonal_step and share_step is filtered with the Kalman gain "
        "from a diffuse start (steady state alpha) instead of a fixed gain alpha from the first "
        "year; decided by the second round's rule, unchanged: fresh_select 0.852 -> 0.844, "
        "criterion 0.7883 -> 0.7881, guards held. The widened figure (which holds the test "
        "rows) was printed by a pinned test before the decision was written down; fresh_test "
        "was then read a third time, to report only"
    ),
    "rejected_on_the_panel": (
        "letting a silent member's stand-in take weight in the combination (not only in its "
        "record) scored panel 0.807 (with ets_level 0.797) but moved the national nowcast's "
        "80% coverage at Q3 to 0.883, outside 0.72-0.88; not a candidate"
    ),
    "not_candidates_round_4": (
        "explored on dev, unseen and fresh_select only, no candidate declared, fresh_test not "
        "read: shrinking each indicator's ranking of the members toward the data folder's pool "
        "(dev 0.80 -> 0.80-0.81, unseen 0.82 -> 0.83-0.84 for 3-30 years of prior weight: "
        "worse) and correcting the share rule by the unit's year-to-date growth against its "
        "siblings' (visitor nights -1% to -3%, arrivals and va_nominal worse: about 0.01 "
        "overall). See hindsight_best_member_per_indicator: choosing among these members "
        "cannot reach 0.80 on fresh_select even with the outcomes known"
    ),
    "ets_level_fit": "ets_level's grid fit (hw_grid) is an assumption; statsmodels is the reference",
    "seasonal_step_member": "issue 21: chosen on bench_forecast's national figures",
    "split": "dev = China's monthly series summed to quarters; unseen = " + ", ".join(UNSEEN),
}


def fresh_halves(unit_years: dict[str, int]) -> dict[str, str]:
    """Each ``data/seasonal_fresh`` dataset's half: ``fresh_select`` or ``fresh_test``.

    Datasets sorted by unit-years (most first, then by name) are dealt A, B, B, A, A, B, B, A,
    ... (a snake draft, so that the halves are of similar size: 740 and 590 unit-years); A is
    ``fresh_select``. Declared on 2026-12-06 before any forecast was run on the folder.
    """
    order = sorted(unit_years, key=lambda ind: (-unit_years[ind], ind))
    deal = ("fresh_select", "fresh_test", "fresh_test", "fresh_select")
    return {ind: deal[i % 4] for i, ind in enumerate(order)}


def _mape(e: pd.DataFrame) -> pd.Series:
    """MAPE of the full-year level [%] per method."""
    return e.assign(ape=e.level_error_pct.abs()).groupby("method", sort=False).ape.mean()


def _ratios(e: pd.DataFrame) -> dict[str, float]:
    m = _mape(e)
    return {str(k): round(float(v / m["ratio"]), 4) for k, v in m.items()}


def _errors(folder: Path, all_methods: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Backtest errors of the combination, its members and :data:`EXTRA` on one folder, and
    the folder's observations."""
    from sprintmodel.data import load_folder
    from sprintmodel.forecast.backtest import backtest

    ds = load_folder(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        err = backtest(ds, use_cache=False).errors
        extra = [*EXTRA, *(SLOW if all_methods else ())]
        more = backtest(ds, methods=extra, use_cache=False).errors
        more = more[more.method.isin(extra)]
    err = pd.concat([err, more], ignore_index=True)
    return err.dropna(subset=["level_error_pct"]), ds.observations


def panel_errors(all_methods: bool = False) -> pd.DataFrame:
    """Errors on both folders, each row with its group (:data:`GROUPS`) and folder."""
    panel, _ = _errors(ROOT / "data" / "seasonal_panel", all_methods)
    panel["group"] = panel.indicator.isin(UNSEEN).map({True: "unseen", False: "dev"})
    panel["folder"] = "seasonal_panel"
    fresh, obs = _errors(ROOT / "data" / "seasonal_fresh", all_methods)
    unit_years = obs.groupby(["indicator", "unit"]).year.nunique().groupby("indicator").sum()
    halves = fresh_halves({str(k): int(v) for k, v in unit_years.items()})
    fresh["group"] = fresh.indicator.map(halves)
    fresh["folder"] = "seasonal_fresh"
    return pd.concat([panel, fresh], ignore_index=True)


def _best_member(ratios: dict[str, float], members: list[str]) -> tuple[str, float]:
    """The combination member with the lowest ratio alone, and that ratio."""
    alone = {k: v for k, v in ratios.items() if k in members}
    best = min(alone, key=alone.__getitem__)
    return best, alone[best]


def hindsight_ratio(e: pd.DataFrame, members: list[str], by: str = "indicator") -> float:
    """MAPE ÷ the ratio rule's if each indicator (``by="unit"``: each series) had used its best
    single member, chosen with the outcomes known: a ceiling of any rule that picks one member
    per indicator (per series), not a forecast. A member's silent years count as the method it stands in for
    (:attr:`~sprintmodel.forecast.methods.Method.stands_in`, else the ratio rule), as in the
    combination's record."""
    from sprintmodel.forecast.methods import METHODS

    ape = e.assign(ape=e.level_error_pct.abs()).pivot_table(
        index=["indicator", "unit", "year"], columns="method", values="ape"
    )
    for m in members:
        stand = METHODS[m].stands_in or "ratio"
        ape[m] = ape[m].fillna(ape[stand]).fillna(ape["ratio"]) if m in ape else ape["ratio"]
    sums = ape[members].groupby(level=["indicator", "unit"] if by == "unit" else "indicator").sum()
    return round(float(sums.min(axis=1).sum() / ape["ratio"].sum()), 4)


def _summary(out: dict[str, object], label: str, e: pd.DataFrame) -> None:
    r = _ratios(e)
    out[f"mape_ratio{label}"] = r["combination"]
    out[f"ratio_rule_mape_pct{label}"] = round(float(_mape(e)["ratio"]), 3)
    out[f"method_mape_ratio{label}"] = {k: v for k, v in r.items() if k != "combination"}
    best, best_ratio = _best_member(r, out["members"])  # type: ignore[arg-type]
    out[f"best_member{label}"] = best
    out[f"combination_beats_best_member{label}"] = r["combination"] <= best_ratio
    members: list[str] = out["members"]  # type: ignore[assignment]
    out[f"hindsight_best_member_per_indicator{label}"] = hindsight_ratio(e, members)
    out[f"hindsight_best_member_per_series{label}"] = hindsight_ratio(e, members, by="unit")
    rows = e[e.method == "ratio"]
    out[f"unit_years{label}"] = len(rows)
    out[f"series{label}"] = int(rows[["indicator", "unit"]].drop_duplicates().shape[0])


def main(all_methods: bool = False) -> dict[str, object]:
    from sprintmodel.forecast.methods import combination_members

    started = time.perf_counter()
    err = panel_errors(all_methods)
    out: dict[str, object] = {"members": list(combination_members())}
    _summary(out, "", err)
    _summary(out, "_panel", err[err.folder == "seasonal_panel"])
    for group in GROUPS:
        _summary(out, f"_{group}", err[err.group == group])
    c = err[err.method == "combination"]
    inside80 = (c.actual_growth >= c.lo80) & (c.actual_growth <= c.hi80)
    inside95 = (c.actual_growth >= c.lo95) & (c.actual_growth <= c.hi95)
    out["coverage80"] = round(float(inside80.mean()), 4)
    out["coverage95"] = round(float(inside95.mean()), 4)
    by_series = {}
    for (ind, unit), e in err.groupby(["indicator", "unit"], sort=True):
        r = _ratios(e)
        best, best_ratio = _best_member(r, out["members"])  # type: ignore[arg-type]
        by_series[f"{ind}/{unit}"] = {
            "years": f"{int(e.year.min())}-{int(e.year.max())}",
            "n": int((e.method == "ratio").sum()),
            "ratio_rule_mape_pct": round(float(_mape(e)["ratio"]), 3),
            "combination": r["combination"],
            "best_member": best,
            "best_member_ratio": best_ratio,
            "group": str(e.group.iloc[0]),
        }
    out["by_series"] = by_series
    out["in_sample_choices"] = IN_SAMPLE_CHOICES
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
