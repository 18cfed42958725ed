"""Cell-level helpers shared by the CSV and the Excel readers (no sprintmodel imports).

Header normalisation, spreadsheet column letters, the kind of a file from its first bytes and
an Excel cell's text; :mod:`sprintmodel.data.tables` and :mod:`sprintmodel.data.xlsx` both use
them, so neither imports the other for them.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

import numpy as np

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
"""Zero-width characters stripped from the ends of cells (with white space)."""


def normalise_header(name: str) -> str:
    """Header name as sprintmodel uses it: NFKC, trimmed, lower case, spaces/hyphens → ``_``."""
    text = unicodedata.normalize("NFKC", str(name)).strip(" \t\r\n" + INVISIBLE).lower()
    return re.sub(r"[\s\-]+", "_", text)


def column_letter(i: int) -> str:
    """Spreadsheet letter of the 0-based column ``i`` (0 → A, 26 → AA)."""
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def sniff_kind(raw: bytes) -> str:
    """``zip`` (xlsx), ``ole`` (old .xls), ``html``, ``utf16`` (with BOM), ``text``."""
    if raw.startswith(b"PK\x03\x04"):
        return "zip"
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf16"
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        return "html"
    return "text"


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: integers without ``.0``, dates as ``YYYY-MM``, blanks empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not np.isfinite(value):
            return "" if np.isnan(value) else str(value)
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, _dt.datetime | _dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    return str(value)


__all__ = ["INVISIBLE", "cell_text", "column_letter", "normalise_header", "sniff_kind"]
