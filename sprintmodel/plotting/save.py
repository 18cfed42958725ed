"""Saving figures atomically: written to a temporary file beside the target, then renamed.

A reader (a briefing build, a web server) never sees a half-written image, and a failed save
leaves any previous file in place.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure


def save_figure(fig: Figure, path: str | os.PathLike[str], **kwargs: Any) -> Path:
    """Save ``fig`` to ``path`` atomically; the format follows the suffix (``.png``, ``.svg``...).

    Parameters
    ----------
    fig
        The figure.
    path
        Target file; its folder is created if missing.
    **kwargs
        Passed to :meth:`matplotlib.figure.Figure.savefig` (default ``dpi=150``,
        ``bbox_inches="tight"``).

    Returns
    -------
    pathlib.Path
        The path written.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fmt = kwargs.pop("format", None) or (target.suffix.lstrip(".").lower() or "png")
    kwargs.setdefault("dpi", 150)
    kwargs.setdefault("bbox_inches", "tight")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fig.savefig(fh, format=fmt, **kwargs)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


__all__ = ["save_figure"]
