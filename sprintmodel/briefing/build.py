"""Assemble the briefing from scenario outcomes and what the caller computed: :func:`build_briefing`.

:func:`build_briefing` turns the outcomes of a batch run (:mod:`sprintmodel.scenario.batch`),
the year-to-date status and the league report (both computed by the caller and passed in) and
the plausibility flags into a :class:`~sprintmodel.briefing.document.BriefingModel`. Each
section comes from its module in :mod:`sprintmodel.briefing.sections`; pure computation, no I/O.

Sections, in order: failed scenarios (if any), page one (总体判断: the year, where the gap
comes from, key tasks, jobs: :mod:`~sprintmodel.briefing.sections.overview`), headline (the reference scenario: target, year
to date, projected full year with its range, gap, probability, rest of year required),
comparison of scenarios, district league (or why it could not be formed), projects that put
the year at risk, extra sections (recommended package, next year's targets:
:mod:`sprintmodel.briefing.extras`), each scenario's detail, checks before release
(plausibility flags), notes. A notice under the title points the author at failures; the
checks say how many they are in their own section, never on page one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pandas as pd

from sprintmodel.briefing.flags import Flag, ScenarioFigures, check_plausibility
from sprintmodel.data import DataSet
from sprintmodel.periods import parse_period
from sprintmodel.words.briefing import numbered, t
from sprintmodel.words.periods import period_label

if TYPE_CHECKING:
    from sprintmodel.league import LeagueReport
    from sprintmodel.scenario.batch import ScenarioOutcome
    from sprintmodel.scenario.levers import LeverSet

from sprintmodel.briefing.document import (
    BriefingModel,
    Cell,
    ChartSpec,
    Column,
    Failure,
    Section,
    SectionError,
    Span,
    Table,
    cell_numbers,
    cell_text,
)
from sprintmodel.briefing.sections._common import (
    _label,
    _Names,
    scenario_phrase,
)
from sprintmodel.briefing.sections.checks import checks_section
from sprintmodel.briefing.sections.comparison import comparison_section
from sprintmodel.briefing.sections.detail import detail_section
from sprintmodel.briefing.sections.failures import failed_section, failures_section
from sprintmodel.briefing.sections.headline import headline_section
from sprintmodel.briefing.sections.league import league_section
from sprintmodel.briefing.sections.notes import notes_section
from sprintmodel.briefing.sections.overview import OverviewContext, overview_section
from sprintmodel.briefing.sections.projects import projects_section


# ============================================================================ the builder
def _reference_sections(
    names: _Names,
    ok: Sequence[ScenarioOutcome],
    ref: ScenarioOutcome,
    labels: Mapping[str, str],
    *,
    status: pd.DataFrame,
    league: LeagueReport | SectionError | None,
    lead: str,
    as_of: str,
    meta: dict[str, Any],
    extra_sections: Sequence[Section | SectionError],
    levers: LeverSet | None,
    limits: tuple[int, int, int],
) -> list[Section]:
    """The body's sections around the reference scenario, in order: page one (总体判断), the
    headline, the comparison, the league, the projects, the extras and each scenario's detail.
    ``limits``: rows shown, scenarios given a detail, projects on the watch list."""
    row_limit, detail_limit, watch_top = limits
    lang = names.lang
    sections: list[Section] = []
    ref_label = labels[ref.name]
    ref_phrase = scenario_phrase(ref_label, lang)
    meta.setdefault("reference", ref_label)
    report = None if isinstance(league, SectionError) else league
    overview = overview_section(
        OverviewContext(names, ref, status, report, lead, ref_phrase, as_of)
    )
    if overview is not None:
        sections.append(overview)
    sections.append(headline_section(names, ref, status, lead, ref_phrase, ref_label, as_of))
    sections.append(
        comparison_section(
            names,
            ok,
            ref,
            lead,
            ref_label,
            ref_phrase,
            row_limit=row_limit,
            sentence_limit=detail_limit,
        )
    )
    sections += _league_sections(names, league, ref, lead, ref_phrase, as_of, meta)
    report = None if isinstance(league, SectionError) else league
    pj = projects_section(names, ref, report, ref_label, as_of, top=watch_top)
    if pj is not None:
        sections.append(pj)
    sections += [
        failed_section(x, lang) if isinstance(x, SectionError) else x for x in extra_sections
    ]
    details = [detail_section(names, o, ref, lead, ref_label, levers) for o in ok[:detail_limit]]
    more = (t("more_scenarios", lang, n=len(ok) - len(details)),) if len(ok) > len(details) else ()
    sections.append(Section("details", t("details", lang), more, subsections=tuple(details)))
    return sections


def build_briefing(
    dataset: DataSet,
    outcomes: Sequence[ScenarioOutcome],
    *,
    status: pd.DataFrame,
    league: LeagueReport | SectionError | None,
    lang: str = "zh",
    flags: Sequence[Flag] | None = None,
    investment: str = "fai",
    extra_sections: Sequence[Section | SectionError] = (),
    lead: str | None = None,
    detail_limit: int = 12,
    row_limit: int = 40,
    watch_top: int = 10,
    meta: Mapping[str, Any] | None = None,
    levers: LeverSet | None = None,
) -> BriefingModel:
    """Build the briefing model from scenario outcomes (pure computation).

    Parameters
    ----------
    dataset
        The data the scenarios ran on.
    outcomes
        Every scenario's outcome, in order (failed ones are listed as failures).
    status
        :func:`sprintmodel.status.ytd_status` at the reference's as-of (computed by the
        caller: :func:`reference_as_of` gives the period).
    league
        The league report (computed by the caller: the reference outcome's, else the
        year-to-date one), a :class:`SectionError` saying why it could not be formed (shown in
        the league's place, never dropped), or None for no league section.
    lang
        ``zh`` (default) or ``en``.
    flags
        Plausibility flags (default: :func:`~sprintmodel.briefing.flags.check_plausibility`).
    investment
        Code of fixed-asset investment (for the investment check).
    extra_sections
        Sections placed after the projects (recommended package, next year's targets); a
        :class:`SectionError` is shown in its place.
    lead
        The indicator the comparison, league and charts lead with (default ``gdp`` if present).
    detail_limit
        Scenarios given a detail section and a comparison sentence [count].
    row_limit
        Rows of long tables (scenarios, flags) shown in the document [count]; the workbook
        holds them all.
    watch_top
        Projects on the watch list [count].
    meta
        Facts for the notes and the manifest (``version``, ``data``, ``data_sha256``...); the
        document's body shows none of the technical ones (paths, hashes, versions).
    levers
        The levers the scenarios ran with (default: the data folder's), for describing each
        scenario from what it sets (intensity against the cap, start month).

    Returns
    -------
    BriefingModel
    """
    if lang not in ("zh", "en"):
        from sprintmodel.errors import InputError

        raise InputError(f"unknown language {lang!r}. Fix: use zh or en.")
    meta = dict(meta or {})
    names = _Names(dataset, lang)
    ok = [o for o in outcomes if o.ok and o.summary is not None]
    failures = tuple(Failure(o.name, o.job.source, o.error or "") for o in outcomes if not o.ok)
    ref = reference_outcome(outcomes)
    as_of = reference_as_of(dataset, outcomes)
    if lead is None:
        lead = "gdp" if "gdp" in dataset.indicators else next(iter(dataset.indicators), "")
    labels = {o.name: _label(o, lang) for o in outcomes}
    figures = [
        ScenarioFigures(o.name, scenario_phrase(labels[o.name], lang), o.summary, o.projects)
        for o in ok
        if o.summary is not None
    ]
    ref_fig = next((f for f in figures if ref is not None and f.name == ref.name), None)
    if flags is None:
        flags = check_plausibility(
            dataset, figures, status, reference=ref_fig, investment=investment, lang=lang
        )
    draws = ref.job.spec.draws if ref is not None and ref.job.spec is not None else 0
    title = t("title", lang, city=names.unit(dataset.root), year=parse_period(as_of).year)
    subtitle = t(
        "subtitle",
        lang,
        period=period_label(as_of, lang),
        n=len(outcomes),
        draws=draws,
    )
    sections: list[Section] = [failures_section(lang, failures)] if failures else []
    notice: list[str] = []
    if failures:
        notice.append(t("notice_failures", lang, n=len(failures)))
    missing = [x for x in (league, *extra_sections) if isinstance(x, SectionError)]
    if missing and ref is not None:
        notice.append(t("notice_sections", lang, n=len(missing)))
    # The checks are the author's: they stay in their own section at the end (its first line
    # says how many there are), not on the page the leaders read first.
    if levers is None:
        levers = dataset.levers
    notes_extra: list[str] = []
    if ref is not None:
        sections += _reference_sections(
            names,
            ok,
            ref,
            labels,
            status=status,
            league=league,
            lead=lead,
            as_of=as_of,
            meta=meta,
            extra_sections=extra_sections,
            levers=levers,
            limits=(row_limit, detail_limit, watch_top),
        )
    # Number the body's sections (一、二、...); failures, checks and notes stay unnumbered.
    k = 0
    for i, sec in enumerate(sections):
        if sec.key != "failures":
            k += 1
            sections[i] = replace(sec, title=numbered(sec.title, k, lang))
    sections.append(checks_section(lang, flags, names, labels, row_limit=row_limit))
    sections.append(notes_section(lang, meta, notes_extra))
    data_tables = _data_tables(ok, ref, lang)
    meta.update(
        as_of=as_of, lead=lead, lead_name=names.indicator(lead), city=names.unit(dataset.root)
    )
    return BriefingModel(
        lang=lang,
        title=title,
        subtitle=subtitle,
        notice=tuple(notice),
        sections=tuple(sections),
        flags=tuple(flags),
        failures=failures,
        data_tables=data_tables,
        meta=meta,
    )


def _league_sections(
    names: _Names,
    league: LeagueReport | SectionError | None,
    ref: ScenarioOutcome,
    lead: str,
    ref_phrase: str,
    as_of: str,
    meta: dict[str, Any],
) -> list[Section]:
    """The league's section, or its failure in its place; none without a league."""
    if isinstance(league, SectionError):
        return [failed_section(league, names.lang, **names.words)]
    if league is None:
        return []
    meta.setdefault("technical_notes", league.note_texts(names.lang))
    projected = ref.league is not None and league is ref.league
    section = league_section(names, league, lead, ref_phrase if projected else None, as_of)
    return [section] if section is not None else []


def reference_outcome(outcomes: Sequence[ScenarioOutcome]) -> ScenarioOutcome | None:
    """The outcome the headline, league and watch list come from: the reference scenario if it
    ran, else the first that ran."""
    ok = [o for o in outcomes if o.ok and o.summary is not None]
    return next((o for o in ok if o.job.reference), ok[0] if ok else None)


def reference_as_of(dataset: DataSet, outcomes: Sequence[ScenarioOutcome]) -> str:
    """The briefing's period: the reference scenario's as-of, else the data's latest period."""
    ref = reference_outcome(outcomes)
    if ref is not None and ref.job.spec is not None:
        return str(ref.job.spec.as_of)
    return str(dataset.latest_period)


def _data_tables(
    ok: Sequence[ScenarioOutcome], ref: ScenarioOutcome | None, lang: str
) -> dict[str, pd.DataFrame]:
    zh = lang == "zh"
    out: dict[str, pd.DataFrame] = {}
    frames = [o.summary for o in ok if o.summary is not None]
    if frames:
        out["情景汇总" if zh else "Summaries"] = pd.concat(frames, ignore_index=True)
    for sheet, field in (
        ("贡献分解" if zh else "Attribution", "attribution"),
        ("政策成本" if zh else "Costs", "costs"),
    ):
        parts = [
            getattr(o, field).assign(scenario=o.name)[["scenario", *getattr(o, field).columns]]
            for o in ok
            if getattr(o, field) is not None and len(getattr(o, field))
        ]
        if parts:
            out[sheet] = pd.concat(parts, ignore_index=True)
    if ref is not None and ref.projects is not None and len(ref.projects):
        out["项目清单" if zh else "Project list"] = ref.projects.reset_index(drop=True)
    return out


__all__ = [
    "BriefingModel",
    "Cell",
    "ChartSpec",
    "Column",
    "Failure",
    "Section",
    "Span",
    "Table",
    "build_briefing",
    "cell_numbers",
    "cell_text",
    "reference_as_of",
    "reference_outcome",
    "scenario_phrase",
]
