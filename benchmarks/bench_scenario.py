"""Speed of the scenario engine on the example city; prints one JSON object.

Run ``python benchmarks/bench_scenario.py`` (``--quick`` for a smoke run). Figures:

- ``eval_ms_p50``, ``eval_ms_p95``: the interactive path. The engine is built once (baseline
  forecast with 10,000 draws); then, starting from the "full sprint" scenario, a slider moves
  one lever's intensity or one project's date at a time, and each move is re-evaluated for the
  whole city: every unit × indicator's full-year draws and their 10/50/90 percentiles, mean and
  P(meet target) (``ScenarioResult.stats``, what a slider view shows). Milliseconds per move.
- ``eval_cpu_ms_p50``, ``eval_cpu_ms_p95``: the same moves in CPU time of the process, which
  a machine busy with other work inflates less than wall-clock time.
- ``eval_only_ms_p50``: the same without the statistics; ``summary_ms_p50`` building the
  summary DataFrame on top.
- ``loop_ratio``: a plain per-draw Python loop of the same model
  (``sprintmodel.scenario._reference``) against the vectorised engine, both computing the full
  sprint's draws from scratch (no caches); the loop is timed on ``loop_draws`` draws and scaled
  to 10,000.
- ``peak_mb``: peak resident memory of the whole process (Python, pandas, forecast, engine).
- ``batch_1000_s``: 1,000 random scenarios (lever mixes and project shifts, each new)
  evaluated with their statistics; ``batch_many_1000_s`` 1,000 lever mixes through
  ``ScenarioEngine.evaluate_many`` (the optimisation's path).
- ``where_ms_p50``: where a move's time goes (medians over the same moves, replayed on a
  fresh engine built on the same baseline): ``resolve`` (checking the spec against the data),
  ``levers`` (the levers' part ``E @ V``, recomputed when a lever moves), ``projects`` (the
  projects' part, recomputed when a project or a timing lever moves), ``sum`` (baseline plus
  parts, attribution, the result), ``stats`` (sorting the moved units' draws: percentiles,
  P(meet)). ``docs/scenarios.md`` explains them.
- ``--industries`` (written to ``benchmarks/results/scenario_industries.json``, the main
  figures untouched): the accounts' cost in the slider path. The same moves replayed on the
  engine above (GDP through its industries where the example city has GDP components) and on
  one built on the same baseline without the components (GDP through the fixed bridges):
  ``with_ms_p50`` / ``with_ms_p95`` and ``without_ms_p50`` / ``without_ms_p95`` [ms per
  move, statistics included], ``table_ms_p50`` building the industries table
  (``ScenarioResult.industries_frame``) on top, and ``channels`` (industry × source pairs);
  ``city_channels`` each channel's elasticity and the city's value added per 亿元 of the
  source (``va_per_source``: ε × b / (P X) valued at this year's prices, and at ε = 1), and
  ``gdp_pp_at_cap`` each amount lever alone at its cap from the month after as-of: the
  change of the city's mean GDP growth [pp] with and without the industries.
  Both engines replay the moves interleaved, so a busy machine slows both alike.
- ``load_before``, ``load_after``: the machine's load averages (1, 5, 15 min); the figures
  are wall-clock medians, so a busy machine inflates them.

A full run also writes the JSON to ``benchmarks/results/bench_scenario.json`` (``--out``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
import warnings
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sprintmodel import example_city  # noqa: E402
from sprintmodel.scenario import LeverSet, ScenarioEngine, ScenarioSpec  # noqa: E402
from sprintmodel.scenario._reference import reference_fy  # noqa: E402


def _ms(ts: list[float], q: float) -> float:
    return round(float(np.percentile(ts, q)) * 1e3, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer moves and scenarios")
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument(
        "--industries",
        action="store_true",
        help="only the accounts' cost (with and without GDP's industries); a full run writes "
        "benchmarks/results/scenario_industries.json",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "benchmarks" / "results" / "bench_scenario.json",
        help="where a full run writes its JSON ('-' for nowhere)",
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    n_moves = 40 if args.quick else 300
    n_batch = 100 if args.quick else 1000
    loop_draws = 50 if args.quick else 300

    load_before = os.getloadavg()
    city = example_city()
    levers = LeverSet.from_yaml(ROOT / "data" / "example_city" / "levers.yaml")
    sprint = ScenarioSpec.from_yaml(
        ROOT / "data" / "example_city" / "scenarios" / "full_sprint.yaml"
    )
    t = time.perf_counter()
    engine = ScenarioEngine.build(
        city, sprint.as_of, levers=levers, n_draws=args.draws, seed=sprint.seed
    )
    build_s = time.perf_counter() - t
    spec = sprint.replace(draws=args.draws)
    if args.industries:
        _industries_only(args, city, engine, levers, spec, n_moves, load_before)
        return
    res = engine.evaluate(spec)
    _ = res.stats  # warm: baseline statistics, tables of the shifted projects

    rng = np.random.default_rng(0)
    lever_ids = list(levers)
    codes = list(city.projects.project)
    eval_t: list[float] = []
    only_t: list[float] = []
    summ_t: list[float] = []
    cpu_t: list[float] = []
    current = spec
    moves: list[ScenarioSpec] = []
    for i in range(n_moves):
        if i % 2 == 0:
            lid = lever_ids[rng.integers(len(lever_ids))]
            current = current.with_lever(lid, float(rng.uniform(0.05, 1.0)) * levers[lid].cap)
        else:
            code = codes[rng.integers(len(codes))]
            current = current.with_projects(
                {"project": code, "shift_months": int(rng.integers(0, 4))}
            )
        moves.append(current)
        c0 = time.process_time()
        t0 = time.perf_counter()
        r = engine.evaluate(current)
        t1 = time.perf_counter()
        _ = r.stats
        t2 = time.perf_counter()
        cpu_t.append(time.process_time() - c0)
        r.summary_frame()
        t3 = time.perf_counter()
        eval_t.append(t2 - t0)
        only_t.append(t1 - t0)
        summ_t.append(t3 - t2)
        if len(current.projects) > 12:  # keep the scenario a realistic size
            current = current.replace(projects=list(spec.projects))

    where = _where_the_time_goes(city, engine, levers, moves)

    # Plain per-draw loop against the vectorised engine, both from scratch.
    fresh = ScenarioEngine(city, engine.baseline, levers, seed=engine.seed)
    t0 = time.perf_counter()
    fresh.evaluate(spec)
    vector_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    reference_fy(fresh, spec, draws=loop_draws)
    loop_s = (time.perf_counter() - t0) * args.draws / loop_draws
    del fresh

    # A batch of random scenarios, each new.
    amount = list(engine.amount_levers)
    statuses = ["land_pending", "signed", "approved", "under_construction"]
    specs = []
    for _ in range(n_batch):
        s = engine.spec("batch")
        for lid in lever_ids:
            if rng.random() < 0.6:
                s = s.with_lever(lid, float(rng.uniform(0, 1)) * levers[lid].cap)
        items = [{"status": statuses[rng.integers(4)], "shift_months": int(rng.integers(-2, 4))}]
        for _k in range(3):
            items.append(
                {
                    "project": codes[rng.integers(len(codes))],
                    "shift_months": int(rng.integers(0, 4)),
                }
            )
        specs.append(s.with_projects(*items))
    t0 = time.perf_counter()
    for s in specs:
        _ = engine.evaluate(s).stats
    batch_s = time.perf_counter() - t0
    mixes = rng.uniform(0, 1, (n_batch, len(amount))) * np.array(
        [levers[lid].cap for lid in amount]
    )
    t0 = time.perf_counter()
    engine.evaluate_many(mixes, amount)
    many_s = time.perf_counter() - t0
    scale = 1000 / n_batch

    out = {
        "eval_ms_p50": _ms(eval_t, 50),
        "eval_ms_p95": _ms(eval_t, 95),
        "eval_cpu_ms_p50": _ms(cpu_t, 50),
        "eval_cpu_ms_p95": _ms(cpu_t, 95),
        "eval_only_ms_p50": _ms(only_t, 50),
        "summary_ms_p50": _ms(summ_t, 50),
        "loop_ratio": round(loop_s / vector_s, 1),
        "loop_s_per_scenario": round(loop_s, 2),
        "vector_ms_per_scenario": round(vector_s * 1e3, 2),
        "loop_draws": loop_draws,
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "batch_1000_s": round(batch_s * scale, 2),
        "batch_many_1000_s": round(many_s * scale, 2),
        "where_ms_p50": where,
        "draws": args.draws,
        "moves": n_moves,
        "build_s": round(build_s, 2),
        "units": len(city.hierarchy),
        "indicators": len(engine.plans),
        "projects": len(engine.register),
        "cpus": os.cpu_count(),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "numpy": np.__version__,
        "quick": args.quick,
    }
    print(json.dumps(out))
    if not args.quick and str(args.out) != "-":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


def _moves(spec: ScenarioSpec, levers: LeverSet, codes: list[str], n: int) -> list[ScenarioSpec]:
    """The slider's moves of the main figures (same random stream): one lever or project each."""
    rng = np.random.default_rng(0)
    lever_ids = list(levers)
    current = spec
    out = []
    for i in range(n):
        if i % 2 == 0:
            lid = lever_ids[rng.integers(len(lever_ids))]
            current = current.with_lever(lid, float(rng.uniform(0.05, 1.0)) * levers[lid].cap)
        else:
            code = codes[rng.integers(len(codes))]
            current = current.with_projects(
                {"project": code, "shift_months": int(rng.integers(0, 4))}
            )
        out.append(current)
        if len(current.projects) > 12:
            current = current.replace(projects=list(spec.projects))
    return out


def _industries_only(
    args: argparse.Namespace,
    city: Any,
    engine: ScenarioEngine,
    levers: LeverSet,
    spec: ScenarioSpec,
    n_moves: int,
    load_before: tuple[float, float, float],
) -> None:
    """``--industries``: the accounts' cost in the slider path, as JSON."""
    moves = _moves(spec, levers, list(city.projects.project), n_moves)
    out = _industries_cost(city, engine, levers, spec, moves)
    out.update(
        draws=args.draws,
        moves=n_moves,
        cpus=os.cpu_count(),
        load_before=[round(x, 2) for x in load_before],
        load_after=[round(x, 2) for x in os.getloadavg()],
        quick=args.quick,
    )
    print(json.dumps(out, ensure_ascii=False))
    if not args.quick and str(args.out) != "-":
        path = args.out.with_name("scenario_industries.json")
        path.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _industries_cost(
    city: Any, engine: ScenarioEngine, levers: LeverSet, spec: ScenarioSpec, moves: list[Any]
) -> dict[str, Any]:
    """The slider's moves with and without GDP's industries (see the module doc)."""
    if engine.channels is None or "components" not in {f.name for f in fields(city)}:
        return {"channels": 0, "note": "the example city has no GDP components"}
    plain = ScenarioEngine(
        replace(city, components=None), engine.baseline, levers, seed=engine.seed
    )
    with_t: list[float] = []
    without_t: list[float] = []
    table_t: list[float] = []
    for eng in (engine, plain):
        _ = eng.evaluate(spec).stats
    for m in moves:
        for eng, acc in ((engine, with_t), (plain, without_t)):
            t0 = time.perf_counter()
            r = eng.evaluate(m)
            _ = r.stats
            acc.append(time.perf_counter() - t0)
            if eng is engine:
                t1 = time.perf_counter()
                r.industries_frame()
                table_t.append(time.perf_counter() - t1)
    root = city.root
    ch = engine.channels
    h = list(city.hierarchy).index(root)
    gdp = engine.plans[ch.indicator]
    price = float(gdp.price[gdp.units.index(root)])
    channels = [
        {
            "industry": ch.industries[int(ch.industry_of[k])],
            "source": ch.sources[k],
            "elasticity": round(float(ch.elasticity_mean[k]), 3),
            "elasticity_se": None
            if not np.isfinite(ch.elasticity_se[k])
            else round(float(ch.elasticity_se[k]), 3),
            "va_per_source_at_eps1": round(float(ch.coef[h, k]) * price, 4),
            "va_per_source": round(float(ch.coef[h, k] * ch.elasticity_mean[k]) * price, 4),
        }
        for k in range(ch.n_channels)
    ]
    at_cap = {}
    for lid in engine.amount_levers:
        s = engine.spec("cap").with_lever(lid, levers[lid].cap)
        pair = []
        for eng in (engine, plain):
            row = eng.evaluate(s).summary_row(root, ch.indicator)
            pair.append(round(float(row["delta_pp"]), 3))
        at_cap[lid] = {"with_pp": pair[0], "without_pp": pair[1]}
    return {
        "with_ms_p50": _ms(with_t, 50),
        "with_ms_p95": _ms(with_t, 95),
        "without_ms_p50": _ms(without_t, 50),
        "without_ms_p95": _ms(without_t, 95),
        "table_ms_p50": _ms(table_t, 50),
        "channels": ch.n_channels,
        "city_channels": channels,
        "gdp_pp_at_cap": at_cap,
    }


def _where_the_time_goes(
    city: object, engine: ScenarioEngine, levers: LeverSet, moves: list[ScenarioSpec]
) -> dict[str, float]:
    """Median milliseconds of each stage of a move, replayed on a fresh engine.

    The stages are those of ``ScenarioEngine.evaluate`` followed by ``ScenarioResult.stats``:
    each is called in turn, then ``evaluate`` finds the parts cached and only sums them.
    """
    fresh = ScenarioEngine(city, engine.baseline, levers, seed=engine.seed)  # type: ignore[arg-type]
    _ = fresh.evaluate(moves[0]).stats
    stages: dict[str, list[float]] = {
        k: [] for k in ("resolve", "levers", "projects", "sum", "stats", "total")
    }
    for spec in moves[1:]:
        t0 = time.perf_counter()
        res = fresh.resolve(spec)
        t1 = time.perf_counter()
        fresh.lever_fx.part(res)
        t2 = time.perf_counter()
        fresh.project_fx.part(res, fresh.project_fx.timing_shift(res))
        t3 = time.perf_counter()
        r = fresh.evaluate(spec)
        t4 = time.perf_counter()
        _ = r.stats
        t5 = time.perf_counter()
        for k, v in zip(
            stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t5 - t0), strict=True
        ):
            stages[k].append(v)
    return {k: _ms(v, 50) for k, v in stages.items()}


if __name__ == "__main__":
    main()
