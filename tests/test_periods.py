"""Periods: parsing, ordering, shifting."""

import pytest

from sprintmodel.periods import Period, PeriodError, parse_period


@pytest.mark.parametrize(
    ("text", "year", "index", "freq", "month"),
    [("2026Q3", 2026, 3, "Q", 9), ("2026-10", 2026, 10, "M", 10), (" 2015Q1 ", 2015, 1, "Q", 3)],
)
def test_parse(text: str, year: int, index: int, freq: str, month: int) -> None:
    p = Period.parse(text)
    assert (p.year, p.index, p.freq, p.month) == (year, index, freq, month)


@pytest.mark.parametrize("text", ["2026Q5", "2026-13", "2026-9", "26Q1", "2026q3", "", "2026M09"])
def test_bad_periods_are_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(PeriodError, match="YYYYQn"):
        Period.parse(text)


def test_share_of_year_and_remaining() -> None:
    assert Period.parse("2026Q3").share_of_year == 0.75
    assert Period.parse("2026-10").remaining == 2
    assert Period.parse("2026-12").remaining == 0


def test_shift_crosses_years() -> None:
    assert str(Period.parse("2026Q4").shift(1)) == "2027Q1"
    assert str(Period.parse("2026-01").shift(-1)) == "2025-12"
    assert str(Period.parse("2026-11").shift(14)) == "2028-01"


def test_to_quarter_and_str_round_trip() -> None:
    assert str(parse_period("2026-08").to_quarter()) == "2026Q3"
    for text in ("2026Q1", "2026-02"):
        assert str(Period.parse(text)) == text
