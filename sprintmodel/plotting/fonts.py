"""Chinese (CJK) fonts for matplotlib: find one, register it, or say how to get one.

matplotlib draws Chinese labels only with a font that has the glyphs; without one every
character becomes a box. :func:`use_chinese_font` looks for one, in order:

1. a family matplotlib already knows (:data:`CJK_FAMILIES`: ``Noto Sans CJK SC`` from
   Debian's ``fonts-noto-cjk``, Source Han Sans, WenQuanYi, SimHei, Microsoft YaHei, ...);
2. a font *file* on the system whose name says it is one of them (registered with
   :meth:`matplotlib.font_manager.FontManager.addfont`, so that a font cache built before the
   font was installed does not hide it);
3. the Noto Sans CJK SC file shipped by the optional ``mplfonts`` package
   (``pip install 'sprintmodel[fonts]'``; its SimHei file is not used: unclear licence).

It then sets ``font.family`` to ``["DejaVu Sans", <CJK family>]`` (Latin glyphs from DejaVu,
Chinese ones falling back to the CJK font) and ``axes.unicode_minus = False`` (CJK fonts lack
the Unicode minus). Without any CJK font it warns once, with how to get one, and returns
False so that callers draw English labels (:func:`chart_lang`); it never raises.

Examples
--------
>>> from sprintmodel.plotting.fonts import chart_lang
>>> lang = chart_lang("zh")  # "zh" when a Chinese font is configured, else "en" (one warning)
"""

from __future__ import annotations

import importlib.util
import re
import warnings
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "Noto Sans CJK",
    "Source Han Sans",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
)
"""Families tried, best first (simplified-Chinese sans-serif faces before the others)."""

_FILE_PATTERN = re.compile(
    r"(notosanscjk|notosanssc|sourcehansans|wqy|wenquanyi|simhei|msyh|notoserifcjk)", re.I
)
"""Font file names that hold Chinese glyphs (checked before registering a file)."""

HOW_TO_GET_ONE = (
    "No Chinese (CJK) font found for matplotlib, so charts use English labels. To get "
    "Chinese labels install one: 'apt-get install fonts-noto-cjk' (Debian/Ubuntu; "
    "'dnf install google-noto-sans-cjk-fonts' on Fedora), or 'pip install \"sprintmodel[fonts]\"' "
    "(the mplfonts package, about 85 MB, ships Noto Sans CJK SC); then restart the kernel."
)


class MissingChineseFontWarning(UserWarning):
    """No CJK font was found; charts fall back to English labels."""


_state: dict[str, object] = {"family": None, "searched": False, "warned": False}


def _known_families() -> set[str]:
    return {f.name for f in font_manager.fontManager.ttflist}


def _best(known: set[str]) -> str | None:
    for fam in CJK_FAMILIES:
        if fam in known:
            return fam
    return None


def _system_font_files() -> list[str]:
    """Font files on the system whose names mark them as Chinese fonts."""
    try:
        files = font_manager.findSystemFonts()
    except Exception:  # pragma: no cover - platform quirks
        return []
    return sorted(f for f in files if _FILE_PATTERN.search(Path(f).name))


def _mplfonts_files() -> list[str]:
    """The Noto Sans CJK SC file(s) of the optional ``mplfonts`` package, if installed."""
    try:
        spec = importlib.util.find_spec("mplfonts")
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.submodule_search_locations:
        return []
    out: list[str] = []
    for loc in spec.submodule_search_locations:
        for path in Path(loc).rglob("*"):
            name = path.name.lower()
            if path.suffix.lower() in (".otf", ".ttf", ".ttc") and "noto" in name:
                out.append(str(path))
    return sorted(out)


def _register(paths: list[str]) -> None:
    for path in paths:
        try:
            font_manager.fontManager.addfont(path)
        except Exception:  # a broken file must not break charts
            continue


def find_chinese_font() -> str | None:
    """The family name of a CJK font matplotlib can use (registering files as needed), or None.

    The result is remembered for the session (a font installed later needs a kernel restart).
    """
    if _state["searched"]:
        return _state["family"]  # type: ignore[return-value]
    family = _best(_known_families())
    if family is None:
        _register(_system_font_files())
        family = _best(_known_families())
    if family is None:
        _register(_mplfonts_files())
        family = _best(_known_families())
    _state["family"] = family
    _state["searched"] = True
    return family


def use_chinese_font(lang: str = "zh") -> bool:
    """Configure matplotlib for Chinese labels; True when a CJK font is in use.

    Parameters
    ----------
    lang
        ``"zh"`` configures a CJK font; ``"en"`` changes nothing and returns False (English
        labels need none).

    Returns
    -------
    bool
        True when ``font.family`` now falls back to a CJK font; False (after one
        :class:`MissingChineseFontWarning` saying how to get one) when none is installed.
    """
    if lang != "zh":
        return False
    try:
        family = find_chinese_font()
    except Exception:  # pragma: no cover - never let fonts break a chart
        family = None
    if family is None:
        if not _state["warned"]:
            _state["warned"] = True
            warnings.warn(HOW_TO_GET_ONE, MissingChineseFontWarning, stacklevel=2)
        return False
    mpl.rcParams["font.family"] = ["DejaVu Sans", family]
    mpl.rcParams["axes.unicode_minus"] = False
    return True


def chart_lang(lang: str = "zh") -> str:
    """The language charts can use: ``"zh"`` if asked and a CJK font is configured, else ``"en"``."""
    if lang == "zh" and use_chinese_font("zh"):
        return "zh"
    return "en"


def reset() -> None:
    """Forget the font search and the warning (for tests, or after installing a font)."""
    _state.update(family=None, searched=False, warned=False)


__all__ = [
    "CJK_FAMILIES",
    "HOW_TO_GET_ONE",
    "MissingChineseFontWarning",
    "chart_lang",
    "find_chinese_font",
    "reset",
    "use_chinese_font",
]
