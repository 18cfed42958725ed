"""How the reports name a whole and its members: 全市/全省/全国 and 区县/乡镇/下级单位.

Planners say 全市平均水平 and 区县比拼 because most folders are a city and its districts; a
province's folder (its cities), a county's (its towns) or the national folder (industries)
must not read "全市" and "区县". The words come from the unit's own name and kind and from the
kinds of its members (``units.csv``), never from the folder's name.

Plain data and small pure functions; nothing here computes a figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sprintmodel.data.model import Hierarchy

# The last characters of an administrative name and the whole they make (全省, 全国 ...);
# longer endings first.
_WHOLE_BY_ENDING_ZH: tuple[tuple[str, str], ...] = (
    ("自治区", "全区"),
    ("自治州", "全州"),
    ("自治县", "全县"),
    ("特别行政区", "全区"),
    ("全国", "全国"),
    ("中国", "全国"),
    ("省", "全省"),
    ("市", "全市"),
    ("州", "全州"),
    ("盟", "全盟"),
    ("县", "全县"),
    ("旗", "全旗"),
    ("区", "全区"),
    ("镇", "全镇"),
    ("乡", "全乡"),
)
_WHOLE_EN = {"全国": "country", "全省": "province", "全市": "city", "全县": "county"}
_WHOLE_BY_KIND_ZH = {"city": "全市", "district": "全区", "county": "全县", "town": "全镇"}

# Members by kind (units.csv): Chinese, English singular and plural; districts and counties
# are one family (区县).
_MEMBERS: dict[str, tuple[str, str, str]] = {
    "district": ("区县", "district", "districts"),
    "county": ("区县", "district", "districts"),
    "city": ("市州", "city", "cities"),
    "town": ("乡镇", "town", "towns"),
    "park": ("园区", "park", "parks"),
    "enterprise_group": ("企业", "enterprise", "enterprises"),
}
_OTHER_MEMBERS = ("下级单位", "unit", "units")


def whole_word(name_zh: str, kind: str = "other", lang: str = "zh") -> str:
    """The word for a unit as a whole: ``全市`` for a city, ``全省``, ``全国``...

    From the end of the unit's Chinese name (``…省`` → ``全省``, ``中国``/``全国`` →
    ``全国``), else from its kind (``city`` → ``全市``), else ``全域``. In English ``city``,
    ``province``, ``country``, ``county`` or ``whole``.

    Examples
    --------
    >>> whole_word("江川市", "city"), whole_word("全国"), whole_word("广西壮族自治区")
    ('全市', '全国', '全区')
    >>> whole_word("滨江新区", "other"), whole_word("Harbour", "city"), whole_word("某园", "park")
    ('全区', '全市', '全域')
    >>> whole_word("全国", lang="en"), whole_word("某园", "park", lang="en")
    ('country', 'whole')
    """
    name = name_zh.strip()
    word = next((w for ending, w in _WHOLE_BY_ENDING_ZH if name.endswith(ending)), None)
    word = word or _WHOLE_BY_KIND_ZH.get(kind, "全域")
    if lang == "zh":
        return word
    return _WHOLE_EN.get(word, "whole")


def members_word(kinds: Iterable[str], lang: str = "zh", *, plural: bool = True) -> str:
    """The word for a unit's members: ``区县``, ``乡镇``, ``市州``... or ``下级单位``.

    One word when every member is of one family (districts and counties are one), else
    ``下级单位`` (English ``units``).

    Examples
    --------
    >>> members_word(["district", "county"]), members_word(["town"]), members_word(["other"])
    ('区县', '乡镇', '下级单位')
    >>> members_word(["district", "town"]), members_word(["city"], "en", plural=False)
    ('下级单位', 'city')
    """
    families = {_MEMBERS.get(k, _OTHER_MEMBERS) for k in kinds}
    zh, singular, many = families.pop() if len(families) == 1 else _OTHER_MEMBERS
    if lang == "zh":
        return zh
    return many if plural else singular


@dataclass(frozen=True)
class Wording:
    """The words for one unit as a whole and for its members, in one language.

    ``whole``: ``全市``/``全国``... (English ``city``/``country``...); ``members``: ``区县``/
    ``乡镇``/``下级单位``... (English plural); ``member``: English singular (= ``members`` in
    Chinese).
    """

    whole: str = "全市"
    members: str = "区县"
    member: str = "区县"


def wording(hierarchy: Hierarchy, unit: str | None = None, lang: str = "zh") -> Wording:
    """The words for ``unit`` (default: the root) and its members that add up into it.

    Examples
    --------
    >>> import sprintmodel as sm
    >>> wording(sm.example_city().hierarchy)
    Wording(whole='全市', members='区县', member='区县')
    >>> wording(sm.china_national().hierarchy, lang="en")
    Wording(whole='country', members='units', member='unit')
    """
    code = hierarchy.root if unit is None else unit
    this = hierarchy[code]
    kinds = [hierarchy[c].kind for c in hierarchy.children(code, rollup_only=True)]
    return Wording(
        whole=whole_word(this.name_zh, this.kind, lang),
        members=members_word(kinds, lang),
        member=members_word(kinds, lang, plural=False),
    )


__all__ = ["Wording", "members_word", "whole_word", "wording"]
