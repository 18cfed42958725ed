"""Run the shipped commands on the example city and store their outputs as reference text.

``tests/test_reference_outputs.py`` runs the same commands again and compares every file with
the stored copy under ``tests/reference/outputs/``, so a refactoring that changes a number, a
word or a column anywhere in ``brief``, ``run`` (every shipped scenario), ``forecast``,
``league``, ``accounts``, ``targets`` or ``optimize`` fails with the first lines that differ.

The commands are the README's, on the bundled example city, with their default seeds
(so the outputs are deterministic). Each output is stored as text:

- CSV and YAML files as they are;
- JSON files with the keys that change from run to run removed (times, paths, versions,
  hashes: see ``VOLATILE_KEYS``);
- ``.docx``: the paragraphs and table cells, one per line; ``.xlsx``: every sheet's cells as
  tab-separated rows; ``.html``: the visible text (images and styles dropped);
- each command's terminal output, with the lines that carry timings or paths removed;
- ``draws.npz``: the array names, shapes and a rounded summary (mean, sum) of each.

Charts are not compared (their pixels depend on the installed fonts).

How to regenerate after an INTENDED change of output
-----------------------------------------------------
From the repository root::

    .venv/bin/python scripts/update_reference_outputs.py          # rewrite tests/reference/outputs/
    git diff --stat tests/reference/outputs/                        # review what changed
    git add tests/reference/outputs/ && git commit -m "reference outputs: <why they changed>"

Review the diff: only the outputs your change meant to change should move. Run
``.venv/bin/python scripts/update_reference_outputs.py --check`` to compare without writing
(what the test does). Takes about a minute on the 2-core machine.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "reference" / "outputs"
EXAMPLE = ROOT / "data" / "example_city"

VOLATILE_KEYS = frozenset(
    {
        "seconds",
        "timings",
        "time",
        "times",
        "started",
        "finished",
        "created",
        "generated",
        "version",
        "sprintmodel_version",
        "python",
        "platform",
        "hash",
        "hashes",
        "sha256",
        "data_hash",
        "workers",
        "executor",
        "scenarios_per_second",
        "worker",
        "pid",
        "host",
        "total_s",
        "tornado_s",
    }
)
"""JSON keys whose values change from run to run or machine to machine (dropped)."""

_TMP = re.compile(r"(/tmp|/var/folders|\\Temp\\)")

_VERSION = re.compile(r"sprintmodel \d+\.\d+[.\w+-]*")

_VOLATILE_LINE = re.compile(
    r"(\bwrote\b|\d+(\.\d+)?\s*s\b(?!\w)|scenarios/s|每秒|/tmp|\\\\|[A-Za-z]:\\|seconds)"
)


def _commands(work: Path) -> list[tuple[str, list[str], Path | None]]:
    """(name, CLI arguments, output path or None) for every command compared."""
    scenarios = sorted((EXAMPLE / "scenarios").glob("*.yaml"))
    out: list[tuple[str, list[str], Path | None]] = [
        ("brief", ["brief", "--out", str(work / "brief"), "--no-progress"], work / "brief"),
        (
            "forecast",
            ["forecast", "--as-of", "2026Q3", "--out", str(work / "forecast.csv")],
            work / "forecast.csv",
        ),
        (
            "forecast_en",
            [
                "forecast",
                "--as-of",
                "2026Q3",
                "--out",
                str(work / "forecast_en.csv"),
                "--lang",
                "en",
            ],
            work / "forecast_en.csv",
        ),
    ]
    for s in scenarios:
        dest = work / "run" / s.stem
        out.append((f"run/{s.stem}", ["run", str(s), "--out", str(dest)], dest))
    out += [
        (
            "league",
            ["league", "--as-of", "2026Q3", "--out", str(work / "league.xlsx")],
            work / "league.xlsx",
        ),
        # The example city's monthly series run to 2026-10; the references stay as of 2026Q3.
        (
            "league_csv",
            ["league", "--as-of", "2026Q3", "--out", str(work / "league.csv")],
            work / "league.csv",
        ),
        (
            "accounts",
            ["accounts", "--as-of", "2026Q3", "--out", str(work / "accounts")],
            work / "accounts",
        ),
        (
            "optimize",
            [
                "optimize",
                "--indicators",
                "retail",
                "--target-probability",
                "0.7",
                "--as-of",
                "2026Q3",
                "--out",
                str(work / "optimize"),
            ],
            work / "optimize",
        ),
        (
            "targets",
            ["targets", "--year", "2027", "--as-of", "2026Q3", "--out", str(work / "targets")],
            work / "targets",
        ),
    ]
    return out


def _volatile_key(key: str) -> bool:
    """Times (``*_s``, ``seconds``), hashes (``*sha256``, ``*_hash``), versions, the worker."""
    return key in VOLATILE_KEYS or key.endswith(("_s", "_seconds", "sha256", "_hash", "_version"))


def _strip_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_json(v) for k, v in value.items() if not _volatile_key(k)}
    if isinstance(value, list):
        return [_strip_json(v) for v in value]
    if isinstance(value, str) and (str(ROOT) in value or _TMP.search(value)):
        return "<path>"
    return value


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text.strip():
                lines.append(text)
        elif tag == "tbl":
            for row in child.iter():
                if not row.tag.endswith("}tr"):
                    continue
                cells = []
                for cell in row.iter():
                    if cell.tag.endswith("}tc"):
                        cells.append(
                            "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                        )
                lines.append("\t".join(cells))
            lines.append("")
    return "\n".join(lines) + "\n"


def _xlsx_text(path: Path) -> str:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    lines: list[str] = []
    for sheet in book.worksheets:
        lines.append(f"## sheet {sheet.title}")
        for row in sheet.iter_rows(values_only=True):
            cells = ["" if v is None else _cell(v) for v in row]
            while cells and cells[-1] == "":
                cells.pop()
            lines.append("\t".join(cells))
    book.close()
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return repr(round(value, 10))
    text = str(value)
    return "<path>" if str(ROOT) in text or _TMP.search(text) else text


def _html_text(path: Path) -> str:
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self._skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("style", "script"):
                self._skip += 1
            if tag in ("p", "tr", "h1", "h2", "h3", "h4", "li", "div", "br", "caption"):
                self.parts.append("\n")
            if tag in ("td", "th"):
                self.parts.append("\t")

        def handle_endtag(self, tag: str) -> None:
            if tag in ("style", "script"):
                self._skip -= 1

        def handle_data(self, data: str) -> None:
            if not self._skip:
                self.parts.append(data)

    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t]+$", "", line) for line in text.splitlines()]
    return "\n".join(line for line in lines if line.strip()) + "\n"


def _npz_text(path: Path) -> str:
    import numpy as np

    lines = []
    with np.load(path, allow_pickle=False) as arrays:
        for name in sorted(arrays.files):
            a = arrays[name]
            if a.dtype.kind in "fiu":
                a64 = a.astype("float64")
                lines.append(
                    f"{name}\t{a.dtype}\t{a.shape}\tmean={np.nanmean(a64):.6g}\t"
                    f"sum={np.nansum(a64):.8g}"
                )
            else:
                lines.append(f"{name}\t{a.dtype}\t{a.shape}\t{list(a.ravel()[:50])}")
    return "\n".join(lines) + "\n"


_EXTRACT: dict[str, Callable[[Path], str]] = {
    ".docx": _docx_text,
    ".xlsx": _xlsx_text,
    ".html": _html_text,
    ".npz": _npz_text,
}


def _file_text(path: Path) -> str | None:
    text = _raw_text(path)
    if text is None:
        return None
    # The checkout's absolute path appears in briefings' notes; it differs between clones.
    return _VERSION.sub("sprintmodel <version>", text.replace(str(ROOT), "<root>"))


def _raw_text(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in _EXTRACT:
        return _EXTRACT[suffix](path)
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        return json.dumps(_strip_json(data), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if suffix in (".csv", ".yaml", ".yml", ".txt", ".md"):
        text = path.read_text(encoding="utf-8")
        return text.replace(str(ROOT), "<root>")
    return None  # charts and other binary files


def _store_name(name: str, suffix: str) -> str:
    return name if suffix in (".csv", ".yaml", ".yml", ".json", ".txt", ".md") else name + ".txt"


def _console_text(text: str) -> str:
    kept = [line.rstrip() for line in text.splitlines() if not _VOLATILE_LINE.search(line)]
    return "\n".join(kept) + "\n"


def produce(work: Path) -> dict[str, str]:
    """Run every command into ``work`` and return {stored file name: text}."""
    from typer.testing import CliRunner

    from sprintmodel.commands import _app, app

    _app.console.width = 1000  # wide enough that no line (a long temporary path) wraps
    _app.err_console.width = 1000
    runner = CliRunner()
    texts: dict[str, str] = {}
    for name, args, dest in _commands(work):
        result = runner.invoke(app, args, catch_exceptions=False)
        if result.exit_code != 0:
            raise RuntimeError(
                f"sprintmodel {' '.join(args)} exited {result.exit_code}:\n{result.output}"
            )
        texts[f"{name}/stdout.txt"] = _console_text(result.stdout)
        if dest is None:
            continue
        files = sorted(p for p in dest.rglob("*") if p.is_file()) if dest.is_dir() else [dest]
        for path in files:
            text = _file_text(path)
            if text is None:
                continue
            rel = path.relative_to(dest).as_posix() if dest.is_dir() else path.name
            texts[f"{name}/{_store_name(rel, path.suffix.lower())}"] = text
    return texts


def stored() -> dict[str, str]:
    """The stored reference texts, {name: text}."""
    return {
        p.relative_to(REFERENCE).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(REFERENCE.rglob("*"))
        if p.is_file() and p.name != "README.md"
    }


def differences(new: dict[str, str], old: dict[str, str], context: int = 3) -> list[str]:
    """One message per file that differs, with the first differing lines (empty: all equal)."""
    messages = []
    for name in sorted(set(new) | set(old)):
        if name not in old:
            messages.append(f"{name}: new output, not in the reference")
        elif name not in new:
            messages.append(f"{name}: in the reference, no longer written")
        elif new[name] != old[name]:
            diff = list(
                difflib.unified_diff(
                    old[name].splitlines(),
                    new[name].splitlines(),
                    f"reference/{name}",
                    f"now/{name}",
                    n=context,
                    lineterm="",
                )
            )
            shown = diff[:40]
            more = f"\n... {len(diff) - 40} more diff lines" if len(diff) > 40 else ""
            messages.append(f"{name} differs:\n" + "\n".join(shown) + more)
    return messages


def write(texts: dict[str, str]) -> None:
    """Replace the stored references by ``texts`` (keeps README.md)."""
    for p in sorted(REFERENCE.rglob("*"), reverse=True):
        if p.is_file() and p.name != "README.md":
            p.unlink()
        elif p.is_dir() and not any(p.iterdir()):
            p.rmdir()
    for name, text in texts.items():
        path = REFERENCE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    """Regenerate (default) or check (``--check``) the stored reference outputs."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a difference")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        texts = produce(Path(tmp))
    if args.check:
        messages = differences(texts, stored())
        for m in messages:
            print(m)
        print(f"{len(texts)} outputs, {len(messages)} differ")
        return 1 if messages else 0
    write(texts)
    print(f"wrote {len(texts)} reference outputs to {REFERENCE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
