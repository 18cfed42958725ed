"""Measure words of lever intensities and constraints, as a Chinese or English table shows them.

A lever's ``intensity_unit`` in ``levers.yaml`` is a phrase whose first word is the measure
(``亿元 of government subsidy issued``, ``months earlier``); tables and printouts show that
word alone, in the reader's language. Plain data and small pure functions.
"""

from __future__ import annotations

UNIT_WORDS: dict[str, dict[str, str]] = {
    "months": {"zh": "个月", "en": "months"},
    "month": {"zh": "个月", "en": "month"},
    "share of draws": {"zh": "模拟占比", "en": "share of draws"},
}
"""Unit words and phrases in Chinese and English (``share of draws``: the share of simulated
draws, a probability constraint's unit); a measure not listed (``亿元``) is shown as it is. The
UI's table of cell values (:mod:`sprintmodel.ui.tables`) takes them from here."""


def short_unit(text: str, lang: str = "zh") -> str:
    """The measure word of a unit phrase: a listed phrase, else its first word, in ``lang``.

    ``short_unit("亿元 of government subsidy issued")`` is ``"亿元"``, ``short_unit("months
    earlier")`` is ``"个月"`` (``"months"`` in English), ``short_unit("share of draws")`` is
    ``"模拟占比"``; empty text stays empty.
    """
    text = str(text or "")
    word = text if text in UNIT_WORDS else text.split(" ")[0]
    return UNIT_WORDS.get(word, {}).get(lang, word)


def table_unit(text: str, lang: str) -> str:
    """A unit phrase as a table or printout shows it: the measure word in Chinese (the phrase's
    English explanation would read as a foreign sentence there), the whole phrase in English."""
    return short_unit(text, "zh") if lang == "zh" else str(text or "")
