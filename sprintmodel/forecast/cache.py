"""Cache of fitted blocks, so notebooks and scenario runs do not refit on every call.

A fitted :class:`~sprintmodel.forecast.engine.BlockFit` is keyed on a SHA-256 hash of exactly
the data it used (the block's arrays, units, years, indicator definition), the period index, the
member methods and the configuration, and the package version. Changed data give a new key, so
the cache is never stale. Entries live in an in-memory LRU and, optionally, as pickles under a
cache folder: ``$SPRINTMODEL_CACHE_DIR`` if set, else ``~/.cache/sprintmodel``. The disk cache
is used only when ``SPRINTMODEL_CACHE_DIR`` is set or :func:`set_disk_cache` turns it on
(``SPRINTMODEL_CACHE_DIR=off`` turns it off); reading a corrupt or foreign file falls back to
fitting.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sprintmodel._version import __version__
from sprintmodel.forecast.block import SeriesBlock
from sprintmodel.forecast.config import ForecastConfig
from sprintmodel.forecast.engine import BlockFit

MEMORY_SIZE = 512
"""Fitted blocks kept in memory (an assumption: a city of 100 units × 10 indicators at a few
as-of periods)."""

_memory: OrderedDict[str, BlockFit] = OrderedDict()
_disk_enabled: bool | None = None
_stats = {"hits": 0, "misses": 0, "disk_hits": 0}
_FORMAT = 8  # bump when the pickled layout or the fitted values for the same data change


def cache_dir() -> Path | None:
    """The on-disk cache folder, or None when the disk cache is off."""
    env = os.environ.get("SPRINTMODEL_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "off", "none", "0") else Path(env)
    if _disk_enabled:
        return Path.home() / ".cache" / "sprintmodel"
    return None


def set_disk_cache(enabled: bool) -> None:
    """Turn the on-disk cache under ``~/.cache/sprintmodel`` on or off for this process."""
    global _disk_enabled
    _disk_enabled = enabled


def clear(memory: bool = True, disk: bool = False) -> None:
    """Empty the in-memory cache (and the disk cache's forecast files with ``disk=True``)."""
    if memory:
        _memory.clear()
    folder = cache_dir()
    if disk and folder is not None and folder.exists():
        for f in folder.glob("fit-*.pkl"):
            f.unlink(missing_ok=True)


def stats() -> dict[str, int]:
    """Counts of hits, misses and disk hits since the process started."""
    return dict(_stats)


def _hash_array(h: Any, a: np.ndarray) -> None:
    arr = np.ascontiguousarray(a)
    h.update(str(arr.dtype).encode())
    h.update(str(arr.shape).encode())
    h.update(arr.tobytes())


def block_key(
    block: SeriesBlock, k: int, methods: Sequence[str], config: ForecastConfig, extra: str = ""
) -> str:
    """SHA-256 key of a block fit: the data, ``k``, the methods, the config, the version."""
    h = hashlib.sha256()
    h.update(f"v{__version__}|f{_FORMAT}|k{k}|{','.join(methods)}|{config.key()}|{extra}".encode())
    ind = block.indicator
    h.update(repr((ind.code, ind.basis, ind.additive, block.freq, block.units)).encode())
    _hash_array(h, np.asarray(block.years))
    _hash_array(h, block.value)
    _hash_array(h, block.published_growth)
    return h.hexdigest()


def cached_fit(key: str, fit: Callable[[], BlockFit], *, use_cache: bool = True) -> BlockFit:
    """The fit stored under ``key``, or ``fit()`` (then stored)."""
    if not use_cache:
        return fit()
    hit = _memory.get(key)
    if hit is not None:
        _memory.move_to_end(key)
        _stats["hits"] += 1
        return hit
    folder = cache_dir()
    path = folder / f"fit-{key[:40]}.pkl" if folder is not None else None
    if path is not None and path.exists():
        try:
            with path.open("rb") as fh:
                stored_key, value = pickle.load(fh)
            if stored_key == key and isinstance(value, BlockFit):
                _stats["disk_hits"] += 1
                _remember(key, value)
                return value
        except Exception:  # a corrupt or foreign file: refit
            pass
    _stats["misses"] += 1
    value = fit()
    _remember(key, value)
    if path is not None:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".fit-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
    return value


def _remember(key: str, value: BlockFit) -> None:
    _memory[key] = value
    _memory.move_to_end(key)
    while len(_memory) > MEMORY_SIZE:
        _memory.popitem(last=False)
