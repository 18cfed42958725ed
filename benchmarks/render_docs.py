"""Write the benchmark figures into the docs and the README from the benchmarks' JSON.

Every figure a benchmark measures lives in ``benchmarks/results/NAME.json`` (written by the
benchmark with ``--write``, or ``python benchmarks/bench_X.py > benchmarks/results/X.json``);
the documents hold generated blocks between markers::

    <!-- figures:BLOCK -->
    ...generated text...
    <!-- /figures:BLOCK -->

``python benchmarks/render_docs.py`` rewrites every block from the JSON; ``--check`` changes
nothing and exits 1 naming each block whose text differs from what the JSON gives (the test
``tests/test_docs_figures.py`` runs it). A block whose JSON is missing is an error, not a skip.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
Json = dict[str, Any]


def load(name: str) -> Json:
    """``benchmarks/results/NAME.json``; a clear error when it is missing."""
    path = RESULTS / f"{name}.json"
    if not path.exists():
        raise SystemExit(
            f"{path.relative_to(ROOT)} is missing: run the benchmark with --write "
            f"(or redirect its JSON there), then benchmarks/render_docs.py"
        )
    data: Json = json.loads(path.read_text(encoding="utf-8"))
    return data


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


# ----------------------------------------------------------------------------- blocks
def targets_calibration() -> str:
    d = load("targets_calibration")
    ex, na = d["example_hit_rates"], d["national_hit_rates"]
    exse, nase = d["example_se"], d["national_se"]
    ey, ny = d["years"]["example"], d["years"]["national"]
    lines = [
        f"Hit rates ({d['n_draws']} draws, seed {d['seed']}; the band is ± 2.576 standard "
        "errors clustered by target year):",
        "",
        f"| P(meet) | national, {d['national_n']} unit-years, {ny[0]}–{ny[1]} | band | "
        f"example city, {d['example_n']} unit-years, {ey[0]}–{ey[1]} | band |",
        "| --- | --- | --- | --- | --- |",
    ]
    for p in ex:
        lo_n, hi_n = na[p] - 2.576 * nase[p], na[p] + 2.576 * nase[p]
        lo_e, hi_e = ex[p] - 2.576 * exse[p], ex[p] + 2.576 * exse[p]
        lines.append(
            f"| {float(p):.0%} | {pct(na[p])} | {lo_n:.0%}–{hi_n:.0%} | {pct(ex[p])} | "
            f"{lo_e:.0%}–{hi_e:.0%} |"
        )
    lines.append(
        f"| MAE of the median | {d['national_mae_p50']:.2f} pp | | "
        f"{d['example_mae_p50']:.2f} pp | |"
    )
    old = d.get("previous_model_example_hit_rates")
    if old:
        lines += [
            "",
            "Before issue 21 (`q` by pooled maximum likelihood, `min_history` 5, Silverman's "
            "jitter) the example city's 70% / 50% / 30% targets were met "
            f"{pct(old['0.7'])} / {pct(old['0.5'])} / {pct(old['0.3'])} of the time.",
        ]
    kappa = d.get("carry_weight")
    if kappa:
        lines += [
            "",
            "The carry-over weight `κ` (same runs; mean |hit rate − p| over the seven design "
            "probabilities):",
            "",
            "| κ | national MAE | national mean abs(hit − p) | city MAE | city mean abs(hit − p) |",
            "| --- | --- | --- | --- | --- |",
        ]
        for k, r in kappa.items():
            lines.append(
                f"| {float(k):g} | {r['national_mae_p50']:.2f} | "
                f"{r['national_mean_abs_miss']:.3f} | {r['example_mae_p50']:.2f} | "
                f"{r['example_mean_abs_miss']:.3f} |"
            )
    return "\n".join(lines)


def mutations() -> str:
    d = load("mutations")
    rows = d["mutations"]
    caught = sum(1 for r in rows if r["caught_by"])
    lines = [
        f"{caught} of {len(rows)} mutations caught "
        f"(uncaught: {', '.join(d['uncaught']) or 'none'}):",
        "",
        "| mutation | module | failing tests |",
        "| --- | --- | --- |",
    ]
    for r in rows:
        lines.append(f"| `{r['name']}` | `{r['file']}` | {len(r['caught_by'])} |")
    return "\n".join(lines)


def maybe(name: str) -> Json | None:
    """``benchmarks/results/NAME.json`` (or ``bench_NAME.json``), None when not stored."""
    for path in (RESULTS / f"{name}.json", RESULTS / f"bench_{name}.json"):
        if path.exists():
            data: Json = json.loads(path.read_text(encoding="utf-8"))
            return data
    return None


def _missing(script: str) -> str:
    name = script.removeprefix("bench_").removesuffix(".py")
    return f"not stored: `python benchmarks/{script} > benchmarks/results/{name}.json`"


def _load(d: Json) -> str:
    """`` (load L)``: the 1-minute load average when the benchmark started, if it says."""
    lb = d.get("load_before") or (d.get("machine") or {}).get("load_before")
    return f" (load {lb[0]:.1f})" if lb else ""


def readme_figures() -> str:
    """The README's table: one row per headline figure, each from its benchmark's JSON."""
    rows: list[tuple[str, str, str]] = []
    f = maybe("forecast")
    if f:
        ratio = f["china_industries_mae_ratio"]
        rows += [
            (
                f"11 national industries, as of Q3, MAE of full-year growth ÷ naive rule "
                f"({f['china_industries_years'].replace('-', '–')})",
                f"{ratio:.3f}",
                "≤ 0.80" + ("" if ratio <= 0.80 else " (not met; see docs/forecast.md)"),
            ),
            ("80% interval coverage in the backtest", f"{f['coverage80']:.2f}", "0.72–0.88"),
            (
                "national monthly FAI, retail, revenue as of September, MAPE ÷ ratio rule",
                f"{f['monthly_mape_ratio']:.2f}",
                "≤ 0.85",
            ),
            (
                "example city forecast, cold / cached",
                f"{f['cold_s']:.2g} s / {f['cached_s']:.2g} s{_load(f)}",
                "≤ 20 s / ≤ 0.5 s",
            ),
        ]
    else:
        rows.append(("forecast accuracy and speed", _missing("bench_forecast.py"), ""))
    sc = maybe("scenario")
    rows.append(
        (
            "scenario re-evaluation at 10,000 draws, median / p95",
            f"{sc['eval_ms_p50']:.0f} / {sc['eval_ms_p95']:.0f} ms{_load(sc)}"
            if sc
            else _missing("bench_scenario.py"),
            "≤ 15 / 30 ms",
        )
    )
    op = maybe("optimize")
    rows.append(
        (
            "least-cost package, example city",
            f"{op['solve_s']:.1f} s{_load(op)}" if op else _missing("bench_optimize.py"),
            "≤ 30 s",
        )
    )
    br = maybe("brief")
    rows.append(
        (
            "the main command (`brief`, five scenarios, all files)",
            f"{br['main_command_s']:.0f} s{_load(br)}"
            if br and "main_command_s" in br
            else _missing("bench_brief.py"),
            "≤ 2 min",
        )
    )
    lo = maybe("load")
    rows.append(
        (
            "load + validate 1,000 units × 10 indicators × 12 years monthly",
            f"{lo['load_validate_s_median']:.1f} s{_load(lo)}" if lo else _missing("bench_load.py"),
            "≤ 10 s",
        )
    )
    tc = maybe("targets_calibration")
    if tc:
        h = tc["example_hit_rates"]
        rows.append(
            (
                "example city, next-year targets designed to be met 70% / 50% / 30% of the "
                f"time, met in {tc['years']['example'][0]}–{tc['years']['example'][1]}",
                f"{pct(h['0.7'])} / {pct(h['0.5'])} / {pct(h['0.3'])}",
                "± 7 points",
            )
        )
    mu = maybe("mutations")
    if mu:
        n = len(mu["mutations"])
        rows.append(
            (
                "mutations of the economics (+5%) caught by the tests",
                f"{n - len(mu['uncaught'])} of {n}",
                "all",
            )
        )
    lines = ["| figure | value | target |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def ui_levers() -> str:
    """docs/notebooks.md: the levers panel's callback times from bench_ui."""
    u = maybe("ui")
    if not u:
        return _missing("bench_ui.py")
    lb = _load(u).replace(" (", ", ").replace(")", "")
    parts = [f"On the example city with {u['draws']:,} draws ({u.get('cpu_count', 2)} cores{lb}):"]
    cb = u.get("levers_callback_ipympl")
    if cb:
        parts.append(
            "a lever slider's callback in the kernel (evaluate the scenario, update the gap line, "
            f"move the waterfall's bars and blit the changed pixels) takes {cb['median_ms']:.0f} "
            f"ms median, {cb['p95_ms']:.0f} ms p95, {cb['max_ms']:.0f} ms at most ({cb['n']} "
            "moves);"
        )
    ra = u.get("levers_render_agg")
    if ra:
        parts.append(
            "a full redraw of the chart, needed only when its axis grows or another unit or "
            f"indicator is chosen, {ra['median_ms']:.0f} ms median;"
        )
    im = u.get("levers_callback_image")
    if im:
        parts.append(
            f"without ipympl (PNG fallback) a callback takes {im['median_ms']:.0f} ms median, "
            f"{im['p95_ms']:.0f} ms p95;"
        )
    parts.append(
        f"building the engine (the baseline forecast) takes {u['build_engine_s']:.1f} s. "
        f"Target: {u.get('target_ms', 100)} ms per callback."
    )
    return " ".join(parts)


def forecast_accuracy() -> str:
    """docs/forecast.md: the combination's accuracy and speed against the issue's targets."""
    f = maybe("forecast")
    if not f:
        return _missing("bench_forecast.py")
    m = f["monthly"]
    ratio, years = f["china_industries_mae_ratio"], f["china_industries_years"].replace("-", "–")
    rows = [
        (
            f"11 industries as of Q3, every year {years} ({f['china_industries_n']} "
            "industry-years): MAE ÷ naive ≤ 0.80",
            f"**{ratio:.3f}** (1992–2022, {f['china_industries_n_1992_2022']} rows: "
            f"{f['china_industries_mae_ratio_1992_2022']:.3f}) — "
            + ("met" if ratio <= 0.80 else "not met")
            + f"; momentum alone {f['china_industries_momentum_mae_ratio']:.3f}",
        ),
        (
            "80% interval coverage, same rows, 72–88%",
            f"{f['coverage80']:.3f} (95%: {f['coverage95']:.3f})",
        ),
        (
            "FAI + retail + revenue as of September: MAPE ÷ ratio rule ≤ 0.85",
            f"{f['monthly_mape_ratio']:.2f} ("
            + ", ".join(f"{k} {v['mape_ratio']:.2f}" for k, v in m.items())
            + ")",
        ),
        (
            "example city, every series, cold ≤ 20 s",
            f"{f['cold_s']:.2f} s in process, {f['cold_process_s']:.2f} s in a fresh "
            f"interpreter with imports{_load(f)}",
        ),
        ("the same cached ≤ 0.5 s", f"{f['cached_s']:.2f} s (including reading the folder)"),
    ]
    for label, limit in (("quarterly", 30), ("monthly", 90)):
        key = f"big_{label}_s"
        rows.append(
            (
                f"1,000 units × 10 indicators × 12 years (`benchmarks/bench_load.py`'s folder), "
                f"{label} ≤ {limit} s",
                f"{f[key]:.1f} s (median; load {f[f'big_{label}_load_s']:.1f} s apart)"
                + _load(f).replace(" (load", " (load average")
                if key in f
                else "not measured in the stored run (`--no-big`)",
            )
        )
    lines = ["| target | result |", "| --- | --- |"] + [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(lines)


def optimize_cases() -> str:
    """docs/optimize.md: each case's solve time and package."""
    o = maybe("optimize")
    if not o:
        return _missing("bench_optimize.py")
    lines = [
        f"Median of {o['repeats']} runs, {o['n_draws']} sample draws, re-checked on "
        f"{o['check_draws']:,} draws{_load(o)}:",
        "",
        "| case | solve [s] | cost [亿元] | P on the sample | P re-checked | reached |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    slowest = max(c["max_s"] for c in o["cases"].values())
    for name, c in o["cases"].items():
        lines.append(
            f"| `{name}` | {c['solve_s']:.1f} | {c['cost']:.1f} | {pct(c['probability_saa'])} | "
            f"{pct(c['probability_checked'])} | {'yes' if c['feasible'] else 'no: ' + c['origin']} |"
        )
    lines += [
        "",
        f"Slowest single call {slowest:.1f} s; the first call in a process {o['cold_s']:.1f} s; "
        f"the tornado {o['tornado_s']:.1f} s.",
    ]
    return "\n".join(lines)


def brief_speed() -> str:
    """docs/briefing.md: the main command's time and the Dask comparison."""
    b = maybe("brief")
    if not b:
        return _missing("bench_brief.py")
    return (
        f"The README's main command (`sprintmodel brief --out briefing`) took "
        f"{b['main_command_s']:.0f} s{_load(b)} (`benchmarks/bench_brief.py`, `main_command_s`; "
        f"the limit set in the issue is 2 minutes). {b['n_scenarios']:,} generated scenarios at "
        f"{b['draws']:,} draws with everything the briefing shows took {b['local_s']:.1f} s in "
        f"one local process ({b['scenarios_per_s_local']:.1f} a second) against "
        f"{b['dask_s']:.1f} s on {b['dask_workers']} Dask workers sharing the same machine. "
        f"Building one engine (the baseline forecast) took {b['engine_build_s']:.1f} s; a "
        f"scenario with everything the briefing shows {b['local_eval_ms']:.0f} ms locally and "
        f"{b['dask_eval_ms']:.0f} ms on a worker. At the local rate, 10,000 such scenarios "
        f"would take about {10_000 / b['scenarios_per_s_local'] / 60:.0f} minutes in one "
        "process (an extrapolation, not a run)."
    )


def levers_channels() -> str:
    """docs/levers.md: the city's channels into GDP, each lever at its cap, and the cost."""
    ind = maybe("scenario_industries") or {}
    if not ind.get("channels"):
        return (
            "not stored: `python benchmarks/bench_scenario.py --industries` (writes "
            "benchmarks/results/scenario_industries.json)"
        )
    lines = [
        "| industry ← source | elasticity (SE) | value added [亿元] per unit of the source at "
        "ε = 1 | value added [亿元] per unit of the source |",
        "| --- | --- | --- | --- |",
    ]
    for c in ind["city_channels"]:
        se = f" ({c['elasticity_se']:.3f})" if c["elasticity_se"] is not None else ""
        lines.append(
            f"| {c['industry']} ← {c['source']} | {c['elasticity']:.3f}{se} | "
            f"{c['va_per_source_at_eps1']:.3f} | {c['va_per_source']:.3f} |"
        )
    lines += [
        "",
        "(A unit of the source is 1 亿元, or 1 of its own measure: 亿吨公里 of freight, 万平方米 "
        "of floor space sold.) Each amount lever alone at its cap from the month after as-of, "
        "change of the city's mean GDP growth [pp]:",
        "",
        "| lever | through the industries | through the fixed bridges |",
        "| --- | --- | --- |",
    ]
    for lid, v in ind["gdp_pp_at_cap"].items():
        lines.append(f"| `{lid}` | {v['with_pp']:+.3f} | {v['without_pp']:+.3f} |")
    lines += [
        "",
        f"Cost in the slider path ({ind['draws']:,} draws, {ind['moves']} moves{_load(ind)}): "
        f"median / p95 {ind['with_ms_p50']:.1f} / {ind['with_ms_p95']:.1f} ms per move through "
        f"the industries, {ind['without_ms_p50']:.1f} / {ind['without_ms_p95']:.1f} ms through "
        f"the fixed bridges; the industries table {ind['table_ms_p50']:.1f} ms on top.",
    ]
    return "\n".join(lines)


def nowcast_accuracy() -> str:
    """docs/forecast.md: the nowcast's accuracy by origin against the issue's targets."""
    f = maybe("nowcast")
    if not f:
        return _missing("bench_nowcast.py")
    years = "–".join(str(y) for y in f["years"])
    targets = {"q3": ("—", "—"), "oct": ("≤ 0.45", "≤ 0.75"), "nov": ("≤ 0.40", "—")}
    lines = [
        f"| origin ({years}) | GDP MAE ÷ Q3 rule | target | 11 industries | target | "
        "80% coverage (72–88%) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for key, name in (("q3", "Q3 (Jan–Sep)"), ("oct", "October"), ("nov", "November")):
        g, i = f[f"gdp_ratio_{key}"], f[f"industries_ratio_{key}"]
        lines.append(
            f"| {name} | {g:.3f} | {targets[key][0]} | {i:.3f} | {targets[key][1]} | "
            f"{f[f'coverage80_{key}']:.3f} |"
        )
    lines.append("")
    lines.append(
        f"The Q3 rule's GDP MAE is {f['gdp_naive_mae_pp']:.3f} pp over {f['rows_gdp']} years; "
        f"industries: {f['rows_industries']} industry-years. Chosen after seeing these years "
        "(`in_sample_choices`):"
    )
    lines += [f"- {c}" for c in f.get("in_sample_choices", [])]
    return "\n".join(lines)


def industries_by_decade() -> str:
    """docs/forecast.md: the national industries' error by decade, 2020, and its bootstrap."""
    f = maybe("forecast")
    if not f:
        return _missing("bench_forecast.py")
    dec = f["china_industries_by_decade"]
    parts = [
        f"{span.replace('-', '–')} {d['combination_mae_ratio']:.2f} ({d['naive_mae_pp']:.2f} pp)"
        for span, d in dec.items()
    ]
    y20, boot = f["china_industries_2020"], f["china_industries_mae_ratio_bootstrap"]
    return (
        "The industries by decade (MAE ÷ naive; naive MAE in brackets; "
        "`china_industries_by_decade` in `benchmarks/results/forecast.json`): "
        + ", ".join(parts)
        + f". The COVID year 2020 is kept in the metric: naive MAE {y20['naive_mae_pp']:.2f} pp, "
        f"combination {y20['combination_mae_pp']:.2f} pp, momentum {y20['momentum_mae_pp']:.2f} "
        f"pp; without 2020 the ratio would be {f['china_industries_mae_ratio_excl_2020']:.2f}. "
        "A year-block bootstrap of the ratio (errors of one year move together across "
        f"industries) gives a standard error of {boot['se']:.3f} and a 90% range "
        f"{boot['p05']:.2f}–{boot['p95']:.2f}: the gap between "
        f"{f['china_industries_mae_ratio']:.3f} and 0.80 is within sampling noise."
    )


def seasonal_accuracy() -> str:
    """docs/forecast.md: the combination and its members on the seasonal quarterly panel."""
    f = maybe("seasonal")
    if not f:
        return _missing("bench_seasonal.py")
    members = list(f["members"])
    parts = (
        ("", "all (both folders)"),
        ("_panel", "seasonal_panel"),
        ("_dev", "· dev (rules chosen here)"),
        ("_unseen", "· unseen (read many times)"),
        ("_fresh_select", "seasonal_fresh · select (decisions made here)"),
        ("_fresh_test", "seasonal_fresh · test (report only, read once per default)"),
    )
    lines = [
        "| rows | series | unit-years | ratio rule MAPE | combination ÷ ratio rule | "
        + " | ".join(f"`{m}`" for m in members if m != "ratio")
        + " |",
        "| --- | --- | --- | --- | --- | "
        + " | ".join("---" for m in members if m != "ratio")
        + " |",
    ]
    for key, name in parts:
        mm = f[f"method_mape_ratio{key}"]
        lines.append(
            f"| {name} | {f[f'series{key}']} | {f[f'unit_years{key}']} | "
            f"{f[f'ratio_rule_mape_pct{key}']:.2f}% | **{f[f'mape_ratio{key}']:.3f}** | "
            + " | ".join(f"{mm[m]:.3f}" for m in members if m != "ratio")
            + " |"
        )
    lines.append("")
    lines.append(
        f"Coverage of the combination's intervals: 80% {f['coverage80']:.3f}, "
        f"95% {f['coverage95']:.3f}. Best member alone: "
        + ", ".join(f"{f['best_member' + key]} ({name})" for key, name in parts)
        + "."
    )
    if "hindsight_best_member_per_indicator" in f:
        lines.append("")
        lines.append(
            "Ceilings, not forecasts: the MAPE ratio had each indicator (each series) used its "
            "best single member chosen with the outcomes known: "
            + "; ".join(
                f"{name} {f['hindsight_best_member_per_indicator' + key]:.3f} "
                f"({f['hindsight_best_member_per_series' + key]:.3f})"
                for key, name in parts
            )
            + "."
        )
    return "\n".join(lines)


BLOCKS: dict[str, tuple[str, Callable[[], str]]] = {
    "seasonal_accuracy": ("docs/forecast.md", seasonal_accuracy),
    "levers_channels": ("docs/levers.md", levers_channels),
    "forecast_accuracy": ("docs/forecast.md", forecast_accuracy),
    "industries_by_decade": ("docs/forecast.md", industries_by_decade),
    "nowcast_accuracy": ("docs/forecast.md", nowcast_accuracy),
    "optimize_cases": ("docs/optimize.md", optimize_cases),
    "brief_speed": ("docs/briefing.md", brief_speed),
    "readme": ("README.md", readme_figures),
    "ui_levers": ("docs/notebooks.md", ui_levers),
    "targets_calibration": ("docs/targets.md", targets_calibration),
    "mutations": ("docs/testing.md", mutations),
}
"""Block name → (document, function writing the block's text from the JSON)."""

_BLOCK = re.compile(r"(<!-- figures:(\w+) -->\n)(.*?)(<!-- /figures:\2 -->)", re.S)


def render(text: str, doc: str) -> tuple[str, list[str]]:
    """``text`` with every block rewritten, and the names of blocks that changed."""
    changed: list[str] = []

    def sub(m: re.Match[str]) -> str:
        name = m.group(2)
        if name not in BLOCKS or BLOCKS[name][0] != doc:
            raise SystemExit(f"{doc}: unknown figures block {name!r}")
        new = BLOCKS[name][1]().rstrip("\n") + "\n"
        if new != m.group(3):
            changed.append(name)
        return m.group(1) + new + m.group(4)

    return _BLOCK.sub(sub, text), changed


def run(check: bool) -> list[str]:
    """Rewrite (or, with ``check``, compare) every document; the blocks that differ."""
    differ: list[str] = []
    for doc in sorted({d for d, _ in BLOCKS.values()}):
        path = ROOT / doc
        text = path.read_text(encoding="utf-8")
        new, changed = render(text, doc)
        found = set(_BLOCK.findall(text) and [m[1] for m in _BLOCK.findall(text)])
        missing = [b for b, (d, _) in BLOCKS.items() if d == doc and b not in found]
        if missing:
            raise SystemExit(f"{doc}: no markers for figures block(s) {', '.join(missing)}")
        differ += [f"{doc}: {c}" for c in changed]
        if changed and not check:
            path.write_text(new, encoding="utf-8")
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a diff")
    args = parser.parse_args()
    differ = run(args.check)
    for d in differ:
        print(("differs from the JSON: " if args.check else "rewritten: ") + d)
    if args.check and differ:
        sys.exit(1)


if __name__ == "__main__":
    main()
