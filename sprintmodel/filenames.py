"""File names derived from user text (scenario names, Chinese allowed) that stay in their folder.

A low module (no sprintmodel imports) so that computation (the batch runner) and the writers
(:mod:`sprintmodel.reporting.files`) share one rule.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_NAME_BYTES = 120
"""Default cap on a derived file name [bytes of UTF-8]: file systems allow 255, and the name
leaves room for a suffix and for the temporary prefix used while writing."""

_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f／＼]')


def safe_filename(name: object, *, suffix: str = "", max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file name derived from user text (a scenario name) that stays inside its folder.

    Chinese and other letters are kept. Path separators, characters Windows forbids
    (``<>:"|?*``), control and invisible format characters (such as right-to-left overrides)
    become ``_``; runs of spaces and ``_`` shrink to one ``_``; leading and trailing dots,
    spaces and ``_`` are removed (so ``..`` and hidden names cannot result); names Windows
    reserves (``CON``, ``NUL``, ``COM1``...) get a leading ``_``; an empty result is
    ``unnamed``. Names longer than ``max_bytes`` (UTF-8) are cut and end in 8 hex digits of a
    hash of the full name, so different long names stay different.

    Parameters
    ----------
    name
        The user's text.
    suffix
        Appended after cleaning (e.g. ``".csv"``); it must itself be a plain suffix.
    max_bytes
        Cap on the length of the result including ``suffix`` [bytes of UTF-8], at least 32.

    Examples
    --------
    >>> safe_filename("满产冲刺 / 乐观", suffix=".csv")
    '满产冲刺_乐观.csv'
    >>> safe_filename("../../etc/passwd")
    'etc_passwd'
    >>> safe_filename("CON")
    '_CON'
    """
    if max_bytes < 32:
        raise ValueError("max_bytes must be at least 32")
    if suffix and (_FORBIDDEN.search(suffix) or suffix in (".", "..") or len(suffix) > 16):
        raise ValueError(f"not a plain file suffix: {suffix!r}")
    text = unicodedata.normalize("NFC", str(name))
    text = "".join(
        "_" if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") else ch
        for ch in text
    )
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"[\s_]+", "_", text)
    text = text.strip("._ -")
    text = re.sub(r"\.{2,}", ".", text)
    if not text:
        text = "unnamed"
    if text.split(".")[0].lower() in _RESERVED:
        text = "_" + text
    budget = max_bytes - len(suffix.encode("utf-8"))
    if len(text.encode("utf-8")) > budget:
        digest = hashlib.sha1(str(name).encode("utf-8", "surrogatepass")).hexdigest()[:8]
        cut = text.encode("utf-8")[: budget - 9].decode("utf-8", "ignore").rstrip("._ -")
        text = f"{cut}-{digest}"
    return text + suffix


__all__ = ["MAX_NAME_BYTES", "safe_filename"]
