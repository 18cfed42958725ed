"""Checks before release: the plausibility flags."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sprintmodel.briefing.document import (
    Cell,
    Column,
    Section,
    Table,
)
from sprintmodel.briefing.flags import FLAG_TABLE, Flag
from sprintmodel.briefing.sections._common import (
    _Names,
)
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.words.briefing import t


def checks_section(
    lang: str,
    flags: Sequence[Flag],
    names: _Names,
    labels: Mapping[str, str],
    *,
    row_limit: int,
) -> Section:
    paragraphs: list[Sentence | str] = [
        t("checks_intro", lang, n=len(flags)) if flags else t("checks_none", lang)
    ]
    tables: list[Table] = []
    if flags:
        shown = list(flags[:row_limit])
        rows: list[tuple[Cell, ...]] = []
        for f in shown:
            rows.append(
                (
                    t(f"f_{f.kind}", lang, **names.words),
                    labels.get(f.scenario, f.scenario) if f.scenario else t("all_scenarios", lang),
                    names.unit(f.unit),
                    names.indicator(f.indicator),
                    f.value,
                    f.reference,
                    f.difference,
                )
            )
            paragraphs.append(f.message)
        more = len(flags) - len(shown)
        tables.append(
            Table(
                FLAG_TABLE,
                t("t_flags", lang),
                (
                    Column("kind", t("h_kind", lang)),
                    Column("scenario", t("h_scenario", lang)),
                    Column("unit", t("h_unit", lang)),
                    Column("indicator", t("h_indicator", lang)),
                    Column("value", t("h_value", lang)),
                    Column("reference", t("h_reference", lang)),
                    Column("difference", t("h_difference", lang)),
                ),
                tuple(rows),
                notes=(t("more_rows", lang, n=more),) if more > 0 else (),
                sheet="核查提示" if lang == "zh" else "Checks",
            )
        )
    return Section("checks", t("checks", lang), tuple(paragraphs), tuple(tables))
