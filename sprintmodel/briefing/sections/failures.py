"""Scenarios (and sections) that could not be computed, listed, never dropped."""

from __future__ import annotations

from collections.abc import Sequence

from sprintmodel.briefing.document import (
    Cell,
    Column,
    Failure,
    Section,
    SectionError,
    Table,
)
from sprintmodel.words.briefing import t


def failures_section(lang: str, failures: Sequence[Failure]) -> Section:
    frows: tuple[tuple[Cell, ...], ...] = tuple((f.name, f.source, f.error) for f in failures)
    return Section(
        "failures",
        t("failures", lang),
        (t("failures_intro", lang),),
        (
            Table(
                "failures",
                t("t_failures", lang),
                (
                    Column("scenario", t("h_scenario", lang)),
                    Column("file", t("h_file", lang)),
                    Column("error", t("h_error", lang)),
                ),
                frows,
                tuple(tuple("bad" for _ in r) for r in frows),
                sheet="未运行情景" if lang == "zh" else "Failed",
            ),
        ),
    )


def failed_section(error: SectionError, lang: str, **words: str) -> Section:
    """A section that could not be computed, in its place: its title and why (never dropped).

    ``words`` fill the title's fields (``{members}``...), as for the section itself.
    """
    title = error.title.format(**words) if words else error.title
    return Section(error.key, title, (t("section_failed", lang, error=error.error),))
