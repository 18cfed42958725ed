"""Catalogue cases of the plan files (issue 20): projects.csv's registration and plan columns,
project_pipeline.csv and parcels.csv.

Imported by :mod:`tests.broken.catalogue`, which appends :data:`PLAN_CASES` to its ``CASES``.
"""

from __future__ import annotations

from pathlib import Path

from tests.broken.catalogue import Case, append, both

PIPE, PARCELS, P = "project_pipeline.csv", "parcels.csv", "projects.csv"
PIPE_HEAD = "project,name,unit,stage,total_investment,plan_2026,funding_source,land_ready"
PARCEL_HEAD = "parcel,unit,area_mu,status,planned_date,projects"


def with_columns(header: str, *values: str) -> object:
    """An edit adding columns ``header`` (comma-separated) to projects.csv, one value per row."""

    def edit(folder: Path) -> None:
        lines = (folder / P).read_text(encoding="utf-8").splitlines()
        out = [lines[0] + "," + header]
        out += [line + "," + v for line, v in zip(lines[1:], values, strict=True)]
        (folder / P).write_text("\n".join(out) + "\n", encoding="utf-8")

    return edit


GROUP = "Investment plan and land (project_pipeline.csv, parcels.csv)"

PLAN_CASES: list[Case] = [
    Case(
        "pipeline_stage_unknown",
        GROUP,
        "a pipeline project with a stage that is not reserve or planned",
        append(PIPE, PIPE_HEAD, "RS1,储备一号,D1,approved,10,4,自筹,yes"),
        "error",
        PIPE,
        "approved",
        row=2,
        column="stage",
    ),
    Case(
        "pipeline_plan_over_total",
        GROUP,
        "a pipeline project planning more next year than its total",
        append(PIPE, PIPE_HEAD, "RS1,储备一号,D1,reserve,10,14,bank_loan,yes"),
        "error",
        PIPE,
        "more than the project's total_investment",
        row=2,
        column="plan_2026",
    ),
    Case(
        "pipeline_code_in_register",
        GROUP,
        "a pipeline project that is already in the register",
        append(PIPE, PIPE_HEAD, "PJ1,一号项目,D1,reserve,10,4,bank_loan,yes"),
        "error",
        PIPE,
        "already in the register",
        row=2,
        column="project",
    ),
    Case(
        "pipeline_chinese_words",
        GROUP,
        "stage and funding source written in Chinese (储备, 专项债)",
        append(PIPE, PIPE_HEAD, "RS1,储备一号,D1,储备,10,4,专项债,是"),
        "fixed",
        PIPE,
        "'储备'→'reserve'",
        column="stage",
    ),
    Case(
        "parcel_unknown_project",
        GROUP,
        "a parcel naming a project that is not in the register",
        append(PARCELS, PARCEL_HEAD, "L1,D2,120,expropriating,2026-05,PJ3"),
        "error",
        PARCELS,
        "project 'PJ3' is not in the register",
        row=2,
        column="projects",
    ),
    Case(
        "parcel_status_unknown",
        GROUP,
        "a parcel status outside the list",
        append(PARCELS, PARCEL_HEAD, "L1,D2,120,demolished,2026-05,PJ2"),
        "error",
        PARCELS,
        "demolished",
        row=2,
        column="status",
    ),
    Case(
        "parcel_date_missing",
        GROUP,
        "a parcel without its planned delivery month",
        append(PARCELS, PARCEL_HEAD, "L1,D2,120,征收中,,PJ2"),
        "error",
        PARCELS,
        "planned_date is empty",
        row=2,
        column="planned_date",
    ),
    Case(
        "project_funding_unknown",
        GROUP,
        "a project's funding source outside the list",
        with_columns("funding_source", "self_raised", "bonds"),  # type: ignore[arg-type]
        "error",
        P,
        "bonds",
        row=3,
        column="funding_source",
    ),
    Case(
        "project_ytd_before_entry_negative",
        GROUP,
        "a negative investment before registration (ytd_before_entry)",
        both(with_columns("ytd_before_entry", "", "-1.5")),  # type: ignore[arg-type]
        "error",
        P,
        "ytd_before_entry -1.5 is negative",
        row=3,
        column="ytd_before_entry",
    ),
]
