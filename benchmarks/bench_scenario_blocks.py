"""Memory and time of a scenario with a million draws, run in blocks; prints one JSON object.

Run ``python benchmarks/bench_scenario_blocks.py`` (``--draws N`` for another count). It runs
``sprintmodel run data/example_city/scenarios/full_sprint.yaml --draws 1000000`` in a child
process, the way a planner would, and reports:

- ``peak_rss_mb``: the child's peak resident memory [MiB] (``getrusage`` of the children,
  ``ru_maxrss``), against ``budget_mb`` (:data:`sprintmodel.limits.MEMORY_BUDGET`);
- ``wall_s``: wall-clock seconds of the command; ``cpu_s`` its user + system CPU seconds (a
  machine busy with other work inflates wall time, not CPU time);
- ``blocks`` and ``block_draws``: how :mod:`sprintmodel.scenario.blocks` split the draws
  (:func:`sprintmodel.scenario.blocks.block_sizes`);
- ``draws_npz_mb``: size of the draws file written;
- ``load_before``, ``load_after``: the machine's load averages (1, 5, 15 min).

A full run also writes the JSON to ``benchmarks/results/bench_scenario_blocks.json``
(``--out``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sprintmodel import example_city  # noqa: E402
from sprintmodel.limits import MEMORY_BUDGET  # noqa: E402
from sprintmodel.scenario.blocks import block_sizes  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=1_000_000)
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "benchmarks" / "results" / "bench_scenario_blocks.json",
        help="where the JSON is written ('-' for nowhere)",
    )
    args = parser.parse_args()
    scenario = ROOT / "data" / "example_city" / "scenarios" / "full_sprint.yaml"
    n_series = len(example_city().series_keys)
    sizes = block_sizes(args.draws, n_series)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "million"
        cmd = [
            sys.executable,
            "-m",
            "sprintmodel",
            "run",
            str(scenario),
            "--data",
            str(ROOT / "data" / "example_city"),
            "--draws",
            str(args.draws),
            "--out",
            str(out),
        ]
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONWARNINGS="ignore")
        start = time.perf_counter()
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        npz = out / "draws.npz"
        npz_mb = npz.stat().st_size / 1024**2 if npz.exists() else None
    result = {
        "draws": args.draws,
        "series": n_series,
        "blocks": len(sizes),
        "block_draws": max(sizes),
        "exit_code": done.returncode,
        "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "budget_mb": MEMORY_BUDGET / 1024**2,
        "within_budget": usage.ru_maxrss * 1024 <= MEMORY_BUDGET,
        "draws_npz_mb": None if npz_mb is None else round(npz_mb, 1),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    if done.returncode != 0:
        result["stderr"] = done.stderr[-2000:]
    text = json.dumps(result, indent=2)
    print(text)
    if str(args.out) != "-":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
