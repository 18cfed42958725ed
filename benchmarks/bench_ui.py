"""Time the widgets' callbacks on the example city (prints JSON).

A callback is what runs in the kernel when a slider is released: evaluate the scenario
(``engine.evaluate(spec.with_lever(...))``), update the gap line, move the waterfall's bars and
blit them over the saved background (ipympl), or render a whole PNG (``image``, the fallback
without ipympl). ``levers_render_agg`` is a full redraw of the same figure, needed only when the
axis limits change or another unit or indicator is chosen.

The ipympl canvas is set up as a browser leaves it: a connected front end sends ipympl's
``initialized`` message, after which the kernel sends only the changed pixels (without a front
end, ipympl also re-encodes the whole figure as a PNG data URL on every update, for notebooks
saved without a browser: ``levers_callback_ipympl_no_frontend``).
Each timing is wall-clock (``median_ms``...) and CPU time of the process (``cpu_median_ms``),
which a busy machine inflates less; ``load_before``/``load_after`` give the load averages.
Targets: callback ≤ 100 ms at 10,000 draws; the levers callback's median ≤ 60 ms (issue 19).
A full run writes the JSON to ``benchmarks/results/bench_ui.json`` (``--out``).

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
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _stats(seconds: list[float], cpu: list[float] | None = None) -> dict[str, float]:
    ms = 1000 * np.asarray(seconds)
    out = {
        "median_ms": round(float(np.median(ms)), 1),
        "p95_ms": round(float(np.percentile(ms, 95)), 1),
        "max_ms": round(float(ms.max()), 1),
        "n": len(ms),
    }
    if cpu:
        out["cpu_median_ms"] = round(float(np.median(1000 * np.asarray(cpu))), 1)
    return out


def _connect_front_end(panel: Any) -> None:
    """What a browser does on connecting to an ipympl canvas: the ``initialized`` message."""
    canvas = panel.view.figure.canvas
    canvas._handle_message(canvas, {"type": "initialized"}, [])


def main(argv: list[str] | None = None) -> dict[str, object]:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--draws", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=30)
    ap.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent / "results" / "bench_ui.json",
        help="where the JSON is written ('-' for nowhere)",
    )
    args = ap.parse_args(argv)
    load_before = os.getloadavg()
    # ipywidgets' Output clears itself with escape codes on stdout outside a kernel: hide them.
    with contextlib.redirect_stdout(io.StringIO()):
        out = _run(args)
    out["load_before"] = [round(x, 2) for x in load_before]
    out["load_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(out, indent=2))
    if str(args.out) != "-":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
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
    kinds = [(backend, True), (backend, False), ("image", True)] if backend == "ipympl" else []
    for kind, front_end in kinds or [("image", True)]:
        panel = ui.LeverPanel(engine, backend=kind)  # type: ignore[arg-type]
        if kind == "ipympl":
            if front_end:
                _connect_front_end(panel)
            panel.view.figure.canvas.draw()  # the browser's first request: saves the background
        panel.timings.clear()
        rng = np.random.default_rng(0)
        levers = list(panel.sliders)
        cpu = []
        for i in range(args.repeats):
            lid = levers[i % len(levers)]
            s = panel.sliders[lid]
            values = np.arange(s.min, s.max + s.step / 2, s.step)
            new = float(rng.choice(values[values != s.value]))
            c0 = time.process_time()
            s.value = new  # fires the callback through interactive_output
            cpu.append(time.process_time() - c0)
        assert len(panel.timings) == args.repeats, panel.timings
        name = f"levers_callback_{kind}" + ("" if front_end else "_no_frontend")
        out[name] = _stats(panel.timings, cpu)
        if kind == "ipympl" and front_end:
            fig = panel.view.figure
            renders = []
            for _ in range(10):
                t = time.perf_counter()
                fig.canvas.draw()
                renders.append(time.perf_counter() - t)
            out["levers_render_agg"] = _stats(renders)

    proj = ui.ProjectPanel(engine, backend=backend)  # type: ignore[arg-type]
    if backend == "ipympl":
        _connect_front_end(proj)
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
    out["levers_target_median_ms"] = 60
    return out


if __name__ == "__main__":
    main()
