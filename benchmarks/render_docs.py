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


BLOCKS: dict[str, tuple[str, Callable[[], str]]] = {
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
