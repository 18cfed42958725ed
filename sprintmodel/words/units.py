"""Measure words of lever intensities and constraints, as a Chinese or English table shows them.

A lever's ``intensity_unit`` in ``levers.yaml`` is a phrase whose first word is the measure
(``亿元 of government subsidy issued``, ``months earlier``); tables and printouts show that
word alone, in the reader's language. Plain data and one small pure function.
"""

from __future__ import annotations

UNIT_WORDS_ZH = {
    "months": "个月",
    "month": "个月",
    "share": "模拟占比",
}
"""Chinese for the first word of an intensity or constraint unit (``share of draws``: the
share of simulated draws); a word not listed (``亿元``) is shown as it is."""


def short_unit(text: str, lang: str = "zh") -> str:
    """The measure word of a unit phrase: its first word, in Chinese for ``lang="zh"``.

    ``short_unit("亿元 of government subsidy issued")`` is ``"亿元"``, ``short_unit("months
    earlier")`` is ``"个月"`` (``"months"`` in English); empty text stays empty.
    """
    word = str(text or "").split(" ")[0]
    return UNIT_WORDS_ZH.get(word, word) if lang == "zh" else word


def table_unit(text: str, lang: str) -> str:
    """A unit phrase as a table or printout shows it: the measure word in Chinese (the phrase's
    English explanation would read as a foreign sentence there), the whole phrase in English."""
    return short_unit(text, "zh") if lang == "zh" else str(text or "")
