"""Names of year-to-date spans and periods: 前三季度, 1—9月, 四季度, 2026年前三季度."""

from __future__ import annotations

from sprintmodel.periods import Period, parse_period

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def span_label(period: str | Period, lang: str = "zh") -> str:
    """The year-to-date span of ``period`` as a briefing names it.

    Quarters: 一季度, 上半年, 前三季度, 全年; months: 1—9月 (``en``: January–September).

    Examples
    --------
    >>> span_label("2026Q3"), span_label("2026-09"), span_label("2026-09", "en")
    ('前三季度', '1—9月', 'January–September')
    """
    p = parse_period(period)
    if lang == "zh":
        if p.freq == "Q":
            return ("一季度", "上半年", "前三季度", "全年")[p.index - 1]
        return "1月" if p.month == 1 else f"1—{p.month}月"
    if p.freq == "Q":
        return ("the first quarter", "the first half", "the first three quarters", "the year")[
            p.index - 1
        ]
    return "January" if p.month == 1 else f"January–{_MONTHS_EN[p.month - 1]}"


def month_span_label(period: str | Period, lang: str = "zh") -> str:
    """The span as months (for column headers shared by quarterly and monthly series).

    Examples
    --------
    >>> month_span_label("2026Q3"), month_span_label("2026Q3", "en")
    ('1—9月', 'Jan–Sep')
    """
    p = parse_period(period)
    m = p.month
    if lang == "zh":
        return "1月" if m == 1 else f"1—{m}月"
    return "Jan" if m == 1 else f"Jan–{_MONTHS_EN[m - 1][:3]}"


def rest_label(period: str | Period, lang: str = "zh") -> str:
    """The rest of the year after ``period``: 四季度, 下半年, 11—12月...

    Examples
    --------
    >>> rest_label("2026Q3"), rest_label("2026-10"), rest_label("2026Q3", "en")
    ('四季度', '11—12月', 'the fourth quarter')
    """
    p = parse_period(period)
    if lang == "zh":
        if p.freq == "Q":
            return ("后三季度", "下半年", "四季度", "")[p.index - 1]
        if p.month >= 12:
            return ""
        return "12月" if p.month == 11 else f"{p.month + 1}—12月"
    if p.freq == "Q":
        return ("the last three quarters", "the second half", "the fourth quarter", "")[p.index - 1]
    if p.month >= 12:
        return ""
    nxt = _MONTHS_EN[p.month]
    return "December" if p.month == 11 else f"{nxt}–December"


def period_label(period: str | Period, lang: str = "zh") -> str:
    """The data's date for a subtitle: 2026年前三季度, 2026年1—10月 (``en``: 2026Q3).

    Examples
    --------
    >>> period_label("2026Q3"), period_label("2026-10")
    ('2026年前三季度', '2026年1—10月')
    """
    p = parse_period(period)
    if lang == "zh":
        return f"{p.year}年{span_label(p, 'zh')}"
    return str(p)


def period_name(period: str | Period, lang: str = "zh") -> str:
    """A period by its own name: 2026年三季度, 2026年10月 (``en``: 2026Q3, 2026-10); text that
    is not a period is returned as given.

    Examples
    --------
    >>> period_name("2026Q3"), period_name("2026-10"), period_name("2026-10", "en")
    ('2026年三季度', '2026年10月', '2026-10')
    """
    try:
        p = parse_period(period)
    except ValueError:
        return str(period)
    if lang != "zh":
        return str(p)
    if p.freq == "Q":
        return f"{p.year}年{'一二三四'[p.index - 1]}季度"
    return f"{p.year}年{p.month}月"


__all__ = ["month_span_label", "period_label", "period_name", "rest_label", "span_label"]
