"""The example city's outputs of brief, run, forecast, league, targets and optimize are unchanged.

The references under ``tests/reference/outputs/`` are written by
``scripts/update_reference_outputs.py``; after an intended change of output, regenerate them
with that script (its docstring says how) and commit the diff with the reason.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "update_reference_outputs.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_reference_outputs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_differences_show_the_first_differing_lines() -> None:
    script = _script()
    old = {"a.csv": "x,y\n1,2\n3,4\n", "gone.csv": "z\n"}
    new = {"a.csv": "x,y\n1,2\n3,5\n", "new.csv": "w\n"}
    messages = script.differences(new, old)
    assert len(messages) == 3
    assert "-3,4" in messages[0] and "+3,5" in messages[0]
    assert messages[1] == "gone.csv: in the reference, no longer written"
    assert messages[2] == "new.csv: new output, not in the reference"
    assert script.differences(old, old) == []


def test_volatile_json_keys_are_dropped_but_figures_kept() -> None:
    script = _script()
    kept = script._strip_json(
        {"seconds": 1.2, "milp_s": 0.3, "spec_sha256": "ab", "cost": 1.92, "rows": [{"worker": 1}]}
    )
    assert kept == {"cost": 1.92, "rows": [{}]}


@pytest.mark.slow
def test_outputs_match_the_stored_references(tmp_path: Path) -> None:
    script = _script()
    stored = script.stored()
    assert len(stored) > 90, "tests/reference/outputs/ is missing: run the script"
    messages = script.differences(script.produce(tmp_path), stored)
    assert not messages, (
        f"{len(messages)} output(s) differ from tests/reference/outputs/ (if intended, run "
        "scripts/update_reference_outputs.py and commit the diff):\n\n" + "\n\n".join(messages[:8])
    )
