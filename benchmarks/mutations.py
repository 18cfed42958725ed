"""Would the tests catch a wrong number? Mutate the code, run the relevant tests; prints JSON.

Run from the repository root: ``python benchmarks/mutations.py`` (``--write`` also stores the
JSON in ``benchmarks/results/mutations.json``; ``--only NAME`` runs one mutation). For each
mutation of :data:`MUTATIONS` the package is copied with the tests and data into a temporary
folder, one piece of source text is replaced there (the working tree is never touched), and the
mutation's tests run in a fresh interpreter that imports the copy. Output::

    {"mutations": [{"name": ..., "file": ..., "caught_by": [test ids that failed]}, ...],
     "uncaught": [names no test caught], "baseline_failures": [...]}

Robust against moving code: each mutation names a piece of text, searched in every module of
``sprintmodel/`` (not one file), and the run stops with an error naming the mutation when the
text is missing or found more than once, so a refactor that moves code keeps the mutations
working and one that rewrites the text makes this script fail loudly instead of passing.

Depends on these texts (file as of writing, function in brackets):

- ``scenario/engine.py`` (``lever_effects.py`` and ``plan.py`` after issue 19's split): the
  lever effect draw ``m = e.per_unit.sample(...)``, the bridge weight draw
  ``b.name: b.weight.sample(...)``, the price ratio
  ``price = np.asarray(d.price_ratio(), dtype=np.float64)``, the park share
  ``share = d.base_full[j] / d.base_full[hp]``, the allocation row ``row += (w / total) * push[``;
- ``scenario/levers.py`` [``LeverSpec.response_factor``]; ``scenario/curves.py``
  [``share_this_year``, ``smoothstep``]; ``scenario/projects.py`` [the output ramp
  ``va = np.where(has_p, monthly * ramp.sum(axis=-1), 0.0)``];
- ``contribution.py`` [``contribution_rate``]; ``targets/options.py`` [``carry_over``].
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "sprintmodel"
EXCLUDED = ("scenario/_reference.py",)
"""Never mutated: the reference loop is the independent check, not the code under test."""

HAND = "tests/test_hand_worked_levers.py"


@dataclass(frozen=True)
class Mutation:
    """Replace ``old`` (exactly one occurrence in the package) by ``new``; run ``tests``."""

    name: str
    old: str
    new: str
    tests: tuple[str, ...]


MUTATIONS: tuple[Mutation, ...] = (
    Mutation(
        "lever_effect_x1.05",
        "= e.per_unit.sample(",
        "= 1.05 * e.per_unit.sample(",
        (HAND,),
    ),
    Mutation(
        "bridge_weight_x1.05",
        "b.name: b.weight.sample(",
        "b.name: 1.05 * b.weight.sample(",
        (HAND,),
    ),
    Mutation(
        "timing_share_x1.05",
        "return np.asarray(cum[months_left], dtype=np.float64)",
        "return np.asarray(1.05 * cum[months_left], dtype=np.float64)",
        (HAND,),
    ),
    Mutation(
        "saturating_response_x1.05",
        "return float(s * (-np.expm1(-total / s)) / total)",
        "return float(1.05 * s * (-np.expm1(-total / s)) / total)",
        (HAND,),
    ),
    Mutation(
        "real_nominal_price_x1.05",
        "price = np.asarray(d.price_ratio(), dtype=np.float64)",
        "price = 1.05 * np.asarray(d.price_ratio(), dtype=np.float64)",
        (HAND,),
    ),
    Mutation(
        "allocation_share_x1.05",
        "row += (w / total) * push[",
        "row += 1.05 * (w / total) * push[",
        (HAND,),
    ),
    Mutation(
        "park_share_x1.05",
        "share = d.base_full[j] / d.base_full[hp]",
        "share = 1.05 * d.base_full[j] / d.base_full[hp]",
        (HAND,),
    ),
    Mutation(
        "project_s_curve_x1.05",
        "return t * t * (3.0 - 2.0 * t)",
        "return 1.05 * t * t * (3.0 - 2.0 * t)",
        (HAND,),
    ),
    Mutation(
        "output_ramp_x1.05",
        "va = np.where(has_p, monthly * ramp.sum(axis=-1), 0.0)",
        "va = np.where(has_p, 1.05 * monthly * ramp.sum(axis=-1), 0.0)",
        (HAND,),
    ),
    Mutation(
        "contribution_rate_denominator_x1.05",
        'errstate(divide="ignore", invalid="ignore", over="ignore"):\n        out = 100.0 * p / w',
        'errstate(divide="ignore", invalid="ignore", over="ignore"):\n'
        "        out = 100.0 * p / (1.05 * w)",
        ("tests/test_contribution.py", "tests/test_published_figures.py"),
    ),
    Mutation(
        "carry_over_x1.05",
        "return weight * (_as_float(q4_growth) - _as_float(fy_growth))",
        "return 1.05 * weight * (_as_float(q4_growth) - _as_float(fy_growth))",
        ("tests/test_targets.py",),
    ),
)


class MutationError(RuntimeError):
    """A mutation's text is missing or ambiguous in the package."""


def locate(package: Path, m: Mutation) -> Path:
    """The one module holding ``m.old``; raises :class:`MutationError` otherwise."""
    hits = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if rel in EXCLUDED:
            continue
        n = path.read_text(encoding="utf-8").count(m.old)
        hits.extend([path] * n)
    if len(hits) != 1:
        where = ", ".join(str(p.relative_to(package)) for p in hits) or "nowhere"
        raise MutationError(
            f"mutation {m.name}: its text is found {len(hits)} times ({where}), not once; "
            f"update MUTATIONS in benchmarks/mutations.py to the moved code:\n{m.old}"
        )
    return hits[0]


def copy_tree(dst: Path) -> None:
    """Copy what the tests need (package, tests, data, configuration) into ``dst``."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
    for name in (PACKAGE, "tests", "data"):
        shutil.copytree(ROOT / name, dst / name, ignore=ignore)
    for name in ("pyproject.toml",):
        shutil.copy2(ROOT / name, dst / name)


def run_tests(cwd: Path, tests: tuple[str, ...]) -> list[str]:
    """Test ids that failed (or errored) running ``tests`` in ``cwd`` with its own package."""
    env = dict(os.environ, PYTHONPATH=str(cwd), PYTHONDONTWRITEBYTECODE="1")
    check = subprocess.run(
        [sys.executable, "-c", f"import {PACKAGE}; print({PACKAGE}.__file__)"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    if not Path(check.stdout.strip()).is_relative_to(cwd):
        raise MutationError(f"the copy is not the package imported: {check.stdout.strip()}")
    cmd = [
        sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-n", "0",
        "--tb=no", "-rfE", "-m", "not browser", *tests,
    ]  # fmt: skip
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", done.stdout, flags=re.M)
    if done.returncode not in (0, 1) and not failed:
        failed = [f"pytest exit {done.returncode}: {done.stdout[-300:]}{done.stderr[-300:]}"]
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the JSON in results/")
    parser.add_argument("--only", action="append", help="run only this mutation (repeatable)")
    args = parser.parse_args()
    chosen = [m for m in MUTATIONS if not args.only or m.name in args.only]
    for m in chosen:  # fail before any work if a text has moved
        locate(ROOT / PACKAGE, m)
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="sm-mutations-") as tmp:
        work = Path(tmp)
        copy_tree(work)
        all_tests = tuple(sorted({t for m in chosen for t in m.tests}))
        out["baseline_failures"] = run_tests(work, all_tests)
        rows = []
        for m in chosen:
            path = locate(work / PACKAGE, m)
            original = path.read_text(encoding="utf-8")
            path.write_text(original.replace(m.old, m.new), encoding="utf-8")
            try:
                caught = run_tests(work, m.tests)
            finally:
                path.write_text(original, encoding="utf-8")
            rel = path.relative_to(work).as_posix()
            rows.append({"name": m.name, "file": rel, "tests": list(m.tests), "caught_by": caught})
        out["mutations"] = rows
        out["uncaught"] = [r["name"] for r in rows if not r["caught_by"]]
    text = json.dumps(out, indent=2, ensure_ascii=False)
    print(text)
    if args.write:
        (ROOT / "benchmarks" / "results" / "mutations.json").write_text(text + "\n", "utf-8")
    if out["baseline_failures"]:
        sys.exit("the unmutated tests fail: the mutation results mean nothing")


if __name__ == "__main__":
    main()
