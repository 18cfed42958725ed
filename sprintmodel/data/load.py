"""Load and validate a data folder (``../shared/DATA_CONTRACT.md``).

:func:`validate_folder` reads every table, checks it, and returns the report together with the
:class:`~sprintmodel.data.model.DataSet` when there is no error; :func:`load_folder` raises
:class:`~sprintmodel.data.problems.DataError` instead. Checks are vectorised with pandas (codes
and periods are parsed once per distinct value), so that a folder of 1,000 units × 10 indicators
× 12 years of monthly data validates in a few seconds; see ``benchmarks/bench_load.py``.

Every problem names the file, the spreadsheet row (the header is row 1) and the column, says
what is wrong and how to fix it. Unambiguous repairs are reported as ``fixed``; nothing is
changed silently. The catalogue of broken inputs and what happens to each is in
``docs/bad_input.md``.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from sprintmodel.accounts.sources import SOURCE_COLUMNS, default_industry_sources
from sprintmodel.data.consistency import (
    check_flows,
    check_fractions,
    check_gaps,
    check_magnitudes,
    check_sums,
)
from sprintmodel.data.model import DataSet, Hierarchy, Indicator
from sprintmodel.data.parse import CODE_PATTERN
from sprintmodel.data.plausibility import (
    DataWarning,
    check_far_periods,
    check_growth_scale,
    check_sibling_scale,
    check_targets,
    check_unreported,
)
from sprintmodel.data.problems import DataError, ValidationReport
from sprintmodel.data.readers.common import REQUIRED_COLUMNS, REQUIRED_FILES, check_columns
from sprintmodel.data.readers.components import (
    COMPONENT_OBS_COLUMNS,
    COMPONENT_OBS_FILE,
    COMPONENTS_COLUMNS,
    COMPONENTS_FILE,
    check_component_totals,
    declared_components,
    load_component_observations,
    load_components,
)
from sprintmodel.data.readers.configs import CONFIG_FILES, load_config
from sprintmodel.data.readers.enterprise_series import (
    OBSERVATION_COLUMNS,
    PROBLEM_COLUMNS,
    load_enterprise_observations,
    load_enterprise_problems,
)
from sprintmodel.data.readers.enterprises import ENTERPRISE_COLUMNS, load_enterprises
from sprintmodel.data.readers.entrants import ENTRANT_COLUMNS, load_entrants
from sprintmodel.data.readers.indicators import load_indicators
from sprintmodel.data.readers.industry_sources import SOURCES_FILE, load_industry_sources
from sprintmodel.data.readers.investment_plan import (
    PARCEL_COLUMNS,
    PIPELINE_COLUMNS,
    load_parcels,
    load_pipeline,
)
from sprintmodel.data.readers.livelihood import LIVELIHOOD_COLUMNS, load_livelihood
from sprintmodel.data.readers.observations import load_observations
from sprintmodel.data.readers.projects import load_projects
from sprintmodel.data.readers.province_targets import (
    PROVINCE_COLUMNS,
    PROVINCE_FILE,
    load_province_targets,
)
from sprintmodel.data.readers.targets import load_targets
from sprintmodel.data.readers.tasks import TASK_COLUMNS, load_tasks
from sprintmodel.data.readers.units import load_units
from sprintmodel.data.tables import Table, find_table, read_table

__all__ = [
    "CODE_PATTERN",
    "DEFAULT_SUM_TOLERANCE",
    "REQUIRED_COLUMNS",
    "load_folder",
    "validate_folder",
]

DEFAULT_SUM_TOLERANCE = 0.02
"""Relative gap [share] between a parent's published value and the sum of its children above
which a warning is given. An assumption: published district sums of Chinese cities usually
differ from the city's figure by well under 1% (different survey frames, rounding, unallocated
items); 2% leaves room for that and still catches a missing district."""


# -------------------------------------------------------------------------- folder
def _read_table(
    path: Path, stem: str, expected: list[str], report: ValidationReport
) -> Table | None:
    """The table ``stem`` of the folder as text, or None when absent, unreadable or empty."""
    n_errors = len(report.errors)
    file = find_table(path, stem, report)
    if file is None:
        if stem in REQUIRED_FILES and len(report.errors) == n_errors:
            report.add(
                "error",
                f"{stem}.csv",
                f"the required file {stem}.csv (or {stem}.xlsx) is missing.",
                f"add {stem}.csv to {path}; see docs/data_contract.md for its columns.",
            )
        return None
    try:
        table = read_table(file, report, expected)
    except OSError as exc:
        report.add(
            "error",
            file.name,
            f"the file cannot be read ({exc.strerror or exc}).",
            "check that it exists and that you may read it.",
        )
        table = None
    if table is not None and stem in REQUIRED_COLUMNS and not check_columns(table, stem, report):
        table = None
    if table is not None and table.frame.empty:
        if stem in REQUIRED_FILES:
            report.add(
                "error",
                table.file,
                "the file has a header but no data rows.",
                "add the data below the header.",
                row=2,
            )
        else:
            report.add(
                "warning",
                table.file,
                "the file has a header but no rows; it is treated as absent.",
                "add rows, or delete the file.",
            )
        table = None
    return table


def _read_tables(path: Path, report: ValidationReport) -> dict[str, Table | None]:
    return {
        stem: _read_table(path, stem, REQUIRED_COLUMNS[stem], report)
        for stem in ("units", "indicators", "observations", "targets", "projects")
    }


def _optional_files(
    path: Path,
    hierarchy: Hierarchy | None,
    indicators: dict[str, Indicator] | None,
    projects: pd.DataFrame,
    report: ValidationReport,
    obs: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """The optional files beyond the contract's tables, as :class:`DataSet` fields.

    ``enterprises``, ``tasks`` and ``province_targets`` (tables), ``levers`` (``levers.yaml``) and
    ``accelerations`` (``accelerations.csv``, checked against the project register once the
    rest of the folder is sound); None where the folder has no such file.
    """
    out: dict[str, Any] = {}
    table = _read_table(path, "enterprises", ENTERPRISE_COLUMNS, report)
    out["enterprises"] = load_enterprises(table, hierarchy, report) if table else None
    out.update(_sprint_registers(path, hierarchy, out["enterprises"], report))
    table = _read_table(path, "entrants", ENTRANT_COLUMNS, report)
    out["entrants"] = load_entrants(table, hierarchy, indicators, obs, report) if table else None
    table = _read_table(path, "tasks", TASK_COLUMNS, report)
    out["tasks"] = load_tasks(table, hierarchy, indicators, report) if table else None
    table = _read_table(path, PROVINCE_FILE, PROVINCE_COLUMNS, report)
    out["province_targets"] = load_province_targets(table, indicators, report) if table else None
    table = _read_table(path, "project_pipeline", PIPELINE_COLUMNS, report)
    out["pipeline"] = load_pipeline(table, hierarchy, projects, report) if table else None
    table = _read_table(path, "parcels", PARCEL_COLUMNS, report)
    out["parcels"] = load_parcels(table, hierarchy, projects, report) if table else None
    lever_file = path / CONFIG_FILES["levers"]
    out["levers"] = (
        load_config("levers", lever_file, projects, report) if lever_file.exists() else None
    )
    _check_lever_enterprises(out["levers"], out["enterprises"], report)
    accel_file = path / CONFIG_FILES["accelerations"]
    out["accelerations"] = (
        load_config("accelerations", accel_file, projects, report)
        if accel_file.is_file() and report.ok
        else None
    )
    out.update(_component_files(path, hierarchy, indicators, report))
    return out


def _component_files(
    path: Path,
    hierarchy: Hierarchy | None,
    indicators: dict[str, Indicator] | None,
    report: ValidationReport,
) -> dict[str, Any]:
    """``components``, ``component_observations`` and ``industry_sources`` (issue 16)."""
    table = _read_table(path, COMPONENTS_FILE, COMPONENTS_COLUMNS, report)
    components = load_components(table, indicators, report) if table else None
    table = _read_table(path, COMPONENT_OBS_FILE, COMPONENT_OBS_COLUMNS, report)
    rows = (
        load_component_observations(table, hierarchy, indicators, components, report)
        if table
        else None
    )
    if rows is not None:
        components = declared_components(components, rows)
        rows.attrs["file"] = table.file if table else ""
    table = _read_table(path, SOURCES_FILE, SOURCE_COLUMNS, report)
    sources = load_industry_sources(table, indicators, components, report) if table else None
    if sources is None and components is not None:
        sources = default_industry_sources(list(components.component))
    return {
        "components": components,
        "component_observations": rows,
        "industry_sources": sources,
    }


def _check_lever_enterprises(
    levers: Any, register: pd.DataFrame | None, report: ValidationReport
) -> None:
    """A lever aimed at an enterprise (``enterprise:``) must name one of ``enterprises.csv``."""
    if levers is None:
        return
    known = set() if register is None else set(register.enterprise)
    for lid, lever in levers.items():
        if lever.enterprise is not None and lever.enterprise not in known:
            report.add(
                "error",
                CONFIG_FILES["levers"],
                f"key levers.{lid}.enterprise: unknown enterprise '{lever.enterprise}'.",
                "use an enterprise code of enterprises.csv (add the enterprise there first).",
            )


def _sprint_registers(
    path: Path,
    hierarchy: Hierarchy | None,
    register: pd.DataFrame | None,
    report: ValidationReport,
) -> dict[str, Any]:
    """``enterprise_observations``, ``enterprise_problems`` and ``livelihood`` (None if absent)."""
    t = _read_table(path, "enterprise_observations", OBSERVATION_COLUMNS, report)
    obs = load_enterprise_observations(t, register, report) if t else None
    t = _read_table(path, "enterprise_problems", PROBLEM_COLUMNS, report)
    problems = load_enterprise_problems(t, register, report) if t else None
    t = _read_table(path, "livelihood", LIVELIHOOD_COLUMNS, report)
    livelihood = load_livelihood(t, hierarchy, report) if t else None
    return {
        "enterprise_observations": obs,
        "enterprise_problems": problems,
        "livelihood": livelihood,
    }


def validate_folder(
    folder: str | Path, *, sum_tolerance: float = DEFAULT_SUM_TOLERANCE
) -> tuple[ValidationReport, DataSet | None]:
    """Read and check a data folder.

    Parameters
    ----------
    folder
        Path of the folder.
    sum_tolerance
        Relative gap [share] between a parent's value and its children's sum beyond which a
        warning is given (default :data:`DEFAULT_SUM_TOLERANCE`).

    Returns
    -------
    (report, dataset)
        ``dataset`` is None when the report has errors.
    """
    path = Path(folder)
    report = ValidationReport(str(path))
    if not path.is_dir():
        report.add(
            "error",
            str(path),
            "the data folder does not exist." if not path.exists() else "this is not a folder.",
            "give the path of a folder holding units.csv, indicators.csv and observations.csv.",
        )
        return report, None
    tables = _read_tables(path, report)
    units_t, ind_t, obs_t = tables["units"], tables["indicators"], tables["observations"]
    hierarchy = load_units(units_t, report) if units_t else None
    indicators = load_indicators(ind_t, report) if ind_t else None
    obs = load_observations(obs_t, hierarchy, indicators, report) if obs_t else None
    targets = (
        load_targets(tables["targets"], hierarchy, indicators, report)
        if tables["targets"]
        else pd.DataFrame(columns=REQUIRED_COLUMNS["targets"])
    )
    projects = (
        load_projects(tables["projects"], hierarchy, report)
        if tables["projects"]
        else pd.DataFrame(columns=REQUIRED_COLUMNS["projects"])
    )
    if obs is not None and indicators is not None and hierarchy is not None and obs_t is not None:
        check_flows(obs, indicators, obs_t.file, report)
        check_gaps(obs, obs_t.file, report)
        check_sums(obs, hierarchy, indicators, obs_t.file, report, sum_tolerance)
        check_magnitudes(obs, indicators, obs_t.file, report)
        check_fractions(obs, obs_t.file, report)
        report.announce += check_unreported(obs, hierarchy, obs_t.file, report)
        report.announce += check_growth_scale(obs, indicators, obs_t.file, report)
        report.announce += check_sibling_scale(obs, hierarchy, obs_t.file, report)
        check_far_periods(obs, obs_t.file, report)
        if tables["targets"] is not None and len(targets):
            rows = tables["targets"].frame.index.to_numpy()
            report.announce += check_targets(
                targets, rows, obs, indicators, tables["targets"].file, report
            )
    optional = _optional_files(path, hierarchy, indicators, projects, report, obs)
    if not report.ok or hierarchy is None or indicators is None or obs is None:
        return report, None
    obs = obs.drop(columns=["row", "u", "i"])
    sources = {c: i for c, i in indicators.items() if i.kind == "source"}
    is_source = obs.indicator.isin(list(sources)).to_numpy()
    dataset = DataSet(
        folder=path,
        hierarchy=hierarchy,
        indicators={c: i for c, i in indicators.items() if c not in sources},
        observations=obs.loc[~is_source].reset_index(drop=True) if sources else obs,
        source_indicators=sources,
        source_observations=obs.loc[is_source].reset_index(drop=True) if sources else None,
        targets=targets,
        projects=projects,
        **optional,
    )
    rows = dataset.component_observations
    if rows is not None:
        check_component_totals(dataset, rows.attrs.get("file", ""), rows, report)
        dataset = replace(dataset, component_observations=rows.drop(columns=["row"]))
    return report, dataset


def load_folder(folder: str | Path, *, sum_tolerance: float = DEFAULT_SUM_TOLERANCE) -> DataSet:
    """Load a data folder, raising :class:`DataError` (with the full report) on any error.

    Warnings and automatic fixes do not stop the load; they are available from
    :func:`validate_folder`.
    """
    report, dataset = validate_folder(folder, sum_tolerance=sum_tolerance)
    if dataset is None:
        raise DataError(report)
    for text in report.announce:
        warnings.warn(text, DataWarning, stacklevel=2)
    return dataset
