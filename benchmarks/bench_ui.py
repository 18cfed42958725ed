"""Time the widgets' callbacks on the example city (prints JSON).

A callback is what runs in the kernel when a slider is released: evaluate the scenario
(``engine.evaluate(spec.with_lever(...))``), update the gap line, move the waterfall's bars and
blit them over the saved background (ipympl), or render a whole PNG (``image``, the fallback
without ipympl). ``levers_render_agg`` is a full redraw of the same figure, needed only when the
axis limits change or another unit or indicator is chosen.
Target: callback ≤ 100 ms at 10,000 draws.

    python benchmarks/bench_ui.py [--draws 10000] [--repeats 30]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _stats(seconds: list[float]) -> dict[str, float]:
    ms = 1000 * np.asarray(seconds)
    return {
        "median_ms": round(float(np.median(ms)), 1),
        "p95_ms": round(float(np.percentile(ms, 95)), 1),
        "max_ms": round(float(ms.max()), 1),
        "n": len(ms),
    }


def main(argv: list[str] | None = None) -> dict[str, object]:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--draws", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=30)
    args = ap.parse_args(argv)
    # ipywidgets' Output clears itself with escape codes on stdout outside a kernel: hide them.
    with contextlib.redirect_stdout(io.StringIO()):
        out = _run(args)
    print(json.dumps(out, indent=2))
    return out


def _run(args: argparse.Namespace) -> dict[str, object]:

    import matplotlib

    backend = "ipympl"
    try:
        matplotlib.use("module://ipympl.backend_nbagg")
    except Exception:  # ipympl missing: the PNG fallback is what users get
        matplotlib.use("Agg")
        backend = "image"
    from sprintmodel import ui

    t = time.perf_counter()
    engine = ui.build_engine(n_draws=args.draws, seed=0)
    build_s = time.perf_counter() - t

    out: dict[str, object] = {
        "draws": args.draws,
        "build_engine_s": round(build_s, 2),
        "cpu_count": os.cpu_count(),
        "load_before": [round(x, 2) for x in os.getloadavg()],
    }
    for kind in (backend, "image") if backend == "ipympl" else ("image",):
        panel = ui.LeverPanel(engine, backend=kind)  # type: ignore[arg-type]
        if kind == "ipympl":
            panel.view.figure.canvas.draw()  # the browser's first request: saves the background
        panel.timings.clear()
        rng = np.random.default_rng(0)
        levers = list(panel.sliders)
        for i in range(args.repeats):
            lid = levers[i % len(levers)]
            s = panel.sliders[lid]
            values = np.arange(s.min, s.max + s.step / 2, s.step)
            new = float(rng.choice(values[values != s.value]))
            s.value = new  # fires the callback through interactive_output
        assert len(panel.timings) == args.repeats, panel.timings
        out[f"levers_callback_{kind}"] = _stats(panel.timings)
        if kind == "ipympl":
            fig = panel.view.figure
            renders = []
            for _ in range(10):
                t = time.perf_counter()
                fig.canvas.draw()
                renders.append(time.perf_counter() - t)
            out["levers_render_agg"] = _stats(renders)

    proj = ui.ProjectPanel(engine, backend=backend)  # type: ignore[arg-type]
    if backend == "ipympl":
        proj.view.figure.canvas.draw()
    proj.timings.clear()
    keys = list(proj.sliders)
    for i in range(args.repeats):
        s = proj.sliders[keys[i % len(keys)]]
        if s.disabled:
            continue
        choices = [v for v in range(s.min, s.max + 1) if v != s.value]
        s.value = int(choices[i % len(choices)])
    out[f"projects_callback_{backend}"] = _stats(proj.timings)
    out["target_ms"] = 100
    return out


if __name__ == "__main__":
    main()
