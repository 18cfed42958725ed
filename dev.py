#!/usr/bin/env python3
"""Set up sprintmodel on a fresh machine and run its main job or its tests.

Needs only Python 3.11+ with pip and venv. The first call creates ``.venv`` in this folder and
installs sprintmodel with its development extras (about two minutes); later calls reuse it and
reinstall only when ``pyproject.toml`` changes.

    python3 dev.py demo            # the main job on the bundled example city
    python3 dev.py test            # the test suite (extra arguments go to pytest)
    python3 dev.py shell           # print how to activate the environment
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("SPRINTMODEL_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".sprintmodel-installed"

DEMO_ARGS = ["brief", "--out", "briefing"]
"""The main job: the example city's shipped scenarios run and written as a briefing in
``briefing/`` (Word, HTML, Excel, per-scenario results; replaced as a whole on every run)."""


def _run(cmd: list[str], **kwargs: object) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, **kwargs)  # type: ignore[arg-type]


def ensure_env() -> None:
    """Create the virtual environment and install sprintmodel[dev] when needed."""
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == want and PY.exists():
        return
    if not PY.exists():
        print(f"creating a virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    steps = [
        [PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
        [PY, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]"],
    ]
    for cmd in steps:
        if _run(cmd) != 0:
            sys.exit("installation failed; see the messages above")
    STAMP.write_text(want)


def main(argv: list[str]) -> int:
    """Dispatch ``demo``, ``test`` or ``shell``."""
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    task, rest = argv[0], argv[1:]
    if task not in ("demo", "test", "shell"):
        print(f"unknown task {task!r}; use demo, test or shell", file=sys.stderr)
        return 2
    ensure_env()
    if task == "demo":
        return _run([BIN / "sprintmodel", *(rest or DEMO_ARGS)])
    if task == "test":
        # Two workers by default (CI has 2 cores); tests of one file share a worker.
        parallel = (
            [] if any(a.startswith("-n") for a in rest) else ["-n", "auto", "--dist", "loadfile"]
        )
        return _run([PY, "-m", "pytest", *parallel, *rest])
    print(f"source {BIN / 'activate'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
