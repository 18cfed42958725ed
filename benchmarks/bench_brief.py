"""Speed of the briefing on the example city; prints one JSON object.

Run ``python benchmarks/bench_brief.py`` (``--quick`` for a smoke run). Figures:

- ``main_command_s``: the README's main command, ``sprintmodel brief --out DIR`` on the example
  city's five shipped scenarios (2,000 draws each), in a fresh process (cold: imports, data,
  the baseline forecast, five scenarios, league, watch list, nine charts, Word, HTML, Excel,
  results and manifest), wall-clock seconds; the issue's limit is 120 s.
- ``scenarios_per_s_local`` and ``scenarios_per_s_dask``: ``N`` generated scenarios (lever
  intensities and project shifts varied, one engine key) run by
  :func:`sprintmodel.scenario.batch.run_scenarios` with everything the briefing uses (summary,
  attribution, costs, watch list), wall clock from the first job to the last outcome: local in
  this process (engine built once), and on a new Dask ``LocalCluster`` of 2 worker processes
  (cluster start, data sent to the workers, one engine built per worker, results returned).
  ``*_eval_ms`` is the median time per scenario inside a worker once its engine exists.
- ``identical``: the local and Dask summaries are equal to the last bit.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CAPS = {
    "consumption_vouchers": 3.0,
    "special_bonds": 20.0,
    "policy_financing": 25.0,
    "enterprise_support": 2.0,
    "export_support": 1.0,
}


def generated(n: int, draws: int) -> list:
    """``n`` scenarios on one engine: each lever at seven intensities, some project shifts."""
    from sprintmodel.scenario import ScenarioSpec

    base = ScenarioSpec(name="gen", as_of="2026Q3", draws=draws, seed=20261015)
    out = []
    for i in range(n):
        lever = list(CAPS)[i % len(CAPS)]
        s = base.replace(name=f"gen_{i:05d}").with_lever(lever, CAPS[lever] * ((i % 7) + 1) / 8)
        if i % 3 == 0:
            s = s.with_projects({"status": "land_pending", "shift_months": (i % 5) - 2})
        if i % 4 == 0:
            s = s.with_lever("consumption_vouchers", 1.0 + (i % 3) / 2, start="2026-12")
        out.append(s)
    return out


def main_command_seconds() -> float:
    """The README's main command in a fresh process [s]."""
    work = Path(tempfile.mkdtemp(prefix="bench_brief_"))
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    )
    try:
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "sprintmodel", "brief", "--out", str(work / "briefing")],
            capture_output=True,
            text=True,
            cwd=work,
            env=env,
            timeout=900,
        )
        seconds = time.perf_counter() - t0
        if done.returncode != 0:
            raise SystemExit(f"the main command failed:\n{done.stderr}")
        return seconds
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer scenarios")
    parser.add_argument("--n", type=int, default=None, help="generated scenarios (default 1000)")
    parser.add_argument("--draws", type=int, default=2000)
    parser.add_argument("--skip-main", action="store_true", help="skip the main command")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    n = args.n or (100 if args.quick else 1000)

    from sprintmodel.scenario.batch import clear_engines, run_scenarios
    from sprintmodel.scenario.jobs import data_bundle, prepare_jobs

    load_before = os.getloadavg()
    result: dict[str, object] = {}
    if not args.skip_main:
        result["main_command_s"] = round(main_command_seconds(), 2)

    bundle = data_bundle(ROOT / "data" / "example_city")
    jobs = prepare_jobs(generated(n, args.draws), bundle.dataset, bundle.levers)
    bad = [j.error for j in jobs if j.error]
    if bad:
        raise SystemExit(f"generated scenarios are invalid: {bad[:2]}")
    clear_engines()
    local = run_scenarios(jobs, bundle, progress=False)
    dask = run_scenarios(jobs, bundle, executor="dask", workers=2, progress=False)
    identical = all(
        a.summary is not None and b.summary is not None and a.summary.equals(b.summary)
        for a, b in zip(local.outcomes, dask.outcomes, strict=True)
    )
    result.update(
        {
            "n_scenarios": n,
            "draws": args.draws,
            "scenarios_per_s_local": round(local.scenarios_per_second, 1),
            "scenarios_per_s_dask": round(dask.scenarios_per_second, 1),
            "local_s": round(local.seconds, 2),
            "dask_s": round(dask.seconds, 2),
            "local_eval_ms": round(1e3 * statistics.median(o.seconds for o in local.ok), 2),
            "dask_eval_ms": round(1e3 * statistics.median(o.seconds for o in dask.ok), 2),
            "engine_build_s": round(max(o.build_seconds for o in local.ok), 2),
            "dask_workers": dask.workers,
            "identical": identical,
            "failed": len(local.failed) + len(dask.failed),
            "cpus": os.cpu_count(),
            "load_before": [round(x, 2) for x in load_before],
            "python": platform.python_version(),
        }
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
