"""Key enterprises (重点企业): the optional enterprise register and who drags or lifts a district.

The register ``enterprises.csv`` (or ``.xlsx``) in a data folder holds, per enterprise and period,
its year-to-date output and last year's output of the same span (columns in
:mod:`sprintmodel.data.readers.enterprises` and ``docs/enterprises.md``). It is read and checked
when the folder is loaded (:attr:`~sprintmodel.data.DataSet.enterprises`).

:func:`drag_lift` ranks the enterprises of each unit by how much they pull the growth of the
unit's registered output up or down.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from sprintmodel.data import DataSet, Hierarchy
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.enterprises import ENTERPRISE_COLUMNS, ENTERPRISE_REQUIRED
from sprintmodel.data.readers.enterprises import load_enterprises as read_register
from sprintmodel.data.tables import read_table
from sprintmodel.errors import InputError
from sprintmodel.periods import Period, as_period

REQUIRED = ENTERPRISE_REQUIRED

DRAG_LIFT_COLUMNS = [
    "unit",
    "period",
    "enterprise",
    "name",
    "industry",
    "ytd_output",
    "ytd_output_last_year",
    "increment",
    "growth",
    "role",
    "pulling_pp",
    "contribution_pct",
    "rank_lift",
    "rank_drag",
    "unit_register_growth",
    "unit_growth_without",
    "unit_indicator_growth",
    "n_enterprises",
]


def find_enterprises(folder: str | Path) -> Path | None:
    """``enterprises.csv`` or ``enterprises.xlsx`` in ``folder``, or None."""
    folder = Path(folder)
    for name in ("enterprises.csv", "enterprises.xlsx"):
        if (folder / name).exists():
            return folder / name
    return None


def _raise(report: ValidationReport, path: Path) -> None:
    errors = report.errors
    if not errors:
        return
    shown = "\n  ".join(str(p) for p in errors[:8])
    more = f"\n  ... and {len(errors) - 8} more" if len(errors) > 8 else ""
    raise InputError(f"the enterprise register {path} cannot be used:\n  {shown}{more}")


def load_enterprises(
    source: str | Path | DataSet, hierarchy: Hierarchy | None = None
) -> pd.DataFrame:
    """Read and check an enterprise register.

    Parameters
    ----------
    source
        The register file, a data folder holding ``enterprises.csv``/``.xlsx``, or a
        :class:`~sprintmodel.data.DataSet` (its register, read and checked when the folder was
        loaded: :attr:`~sprintmodel.data.DataSet.enterprises`).
    hierarchy
        Units to check ``unit`` against when reading a file.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ENTERPRISE_COLUMNS` with numbers as floats, plus ``year`` and ``month``.

    Raises
    ------
    InputError
        When the file is missing or a row cannot be used; the message names the file, row,
        column and the fix.
    """
    if isinstance(source, DataSet):
        if source.enterprises is None:
            raise InputError(
                f"no enterprise register in {source.folder}: add enterprises.csv with columns "
                f"{', '.join(ENTERPRISE_COLUMNS)} (see docs/enterprises.md)"
            )
        return source.enterprises
    path = Path(source)
    if path.is_dir():
        found = find_enterprises(path)
        if found is None:
            raise InputError(
                f"no enterprise register in {path}: add enterprises.csv with columns "
                f"{', '.join(ENTERPRISE_COLUMNS)} (see docs/enterprises.md)"
            )
        path = found
    if not path.exists():
        raise InputError(f"the enterprise register {path} does not exist")
    report = ValidationReport(str(path.parent))
    table = read_table(path, report)
    register = read_register(table, hierarchy, report) if table is not None else None
    _raise(report, path)
    if register is None:  # pragma: no cover - read_table reports why
        raise InputError(f"the enterprise register {path} cannot be read")
    return register


def drag_lift(
    enterprises: pd.DataFrame,
    period: str | Period | None = None,
    *,
    dataset: DataSet | None = None,
    indicator: str = "iva",
    top: int | None = None,
) -> pd.DataFrame:
    """The enterprises that drag or lift their unit's growth most.

    Parameters
    ----------
    enterprises
        A register from :func:`load_enterprises`.
    period
        The span (default: the latest period in the register). A quarter also matches a
        register kept by month at the quarter's last month.
    dataset
        The data set, to show the unit's published growth of ``indicator`` beside the register's
        (``unit_indicator_growth``; context only).
    indicator
        Indicator shown as context (default ``iva``, industrial value added).
    top
        Keep the ``top`` largest lifts and ``top`` largest drags per unit (default: all).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DRAG_LIFT_COLUMNS`, sorted by unit and pulling rate (largest lift
        first): ``increment`` [亿元], ``growth`` [%] (NaN for an enterprise with no output last
        year), ``role`` (``lift``, ``drag`` or ``flat``), ``pulling_pp`` [pp],
        ``contribution_pct`` [%], ``rank_lift`` (1 = largest lift), ``rank_drag`` (1 = largest
        drag), ``unit_register_growth`` [%], ``unit_growth_without`` [%] (the unit's register
        growth without this enterprise).

    Notes
    -----
    For enterprise :math:`e` of unit :math:`u` with output :math:`O_e` this year and
    :math:`O^{-}_e` the same span last year, and register totals :math:`B_u = \\sum_e O^{-}_e`,
    :math:`\\Delta_u = \\sum_e (O_e - O^{-}_e)`:

    - pulling rate :math:`\\ell_e = 100 (O_e - O^{-}_e) / B_u` [pp] (these add up to the unit's
      register growth :math:`G_u = 100 \\Delta_u / B_u`);
    - contribution rate :math:`c_e = 100 (O_e - O^{-}_e) / \\Delta_u` [%];
    - growth without :math:`e`: :math:`100 (\\Delta_u - \\Delta_e) / (B_u - O^{-}_e)` [%].

    The base is the **register's** total, not the unit's whole industry: a register of key
    enterprises covers most but not all of a district's industrial output, and output (产值,
    current prices) is not value added (增加值, real). ``unit_indicator_growth`` is shown beside
    it for context; the pulling rates are points of the register's growth.
    """
    if enterprises.empty:
        return pd.DataFrame(columns=DRAG_LIFT_COLUMNS)
    if period is None:
        key = enterprises.year * 12 + enterprises.month
        i = int(np.argmax(key.to_numpy()))
        p = as_period(enterprises.period.iloc[i])
    else:
        p = as_period(period)
    hit = enterprises[(enterprises.year == p.year) & (enterprises.month == p.month)].copy()
    if hit.empty:
        have = ", ".join(sorted(set(enterprises.period)))
        raise InputError(f"the enterprise register has no rows for {p}; it has {have}")
    hit["increment"] = hit.ytd_output - hit.ytd_output_last_year
    with np.errstate(divide="ignore", invalid="ignore"):
        hit["growth"] = np.where(
            hit.ytd_output_last_year > 0,
            100.0 * (hit.ytd_output / hit.ytd_output_last_year - 1.0),
            np.nan,
        )
    hit["role"] = np.where(hit.increment > 0, "lift", np.where(hit.increment < 0, "drag", "flat"))
    g = hit.groupby("unit", sort=False)
    base = g.ytd_output_last_year.transform("sum")
    delta = g.increment.transform("sum")
    with np.errstate(divide="ignore", invalid="ignore"):
        hit["pulling_pp"] = np.where(base > 0, 100.0 * hit.increment / base, np.nan)
        hit["contribution_pct"] = np.where(delta != 0, 100.0 * hit.increment / delta, np.nan)
        hit["unit_register_growth"] = np.where(base > 0, 100.0 * delta / base, np.nan)
        rest = base - hit.ytd_output_last_year
        hit["unit_growth_without"] = np.where(
            rest > 0, 100.0 * (delta - hit.increment) / rest, np.nan
        )
    hit["n_enterprises"] = g.enterprise.transform("size")
    lifts = hit.pulling_pp.where(hit.increment > 0)
    drags = (-hit.pulling_pp).where(hit.increment < 0)
    hit["rank_lift"] = lifts.groupby(hit.unit).rank(ascending=False, method="min").astype("Int64")
    hit["rank_drag"] = drags.groupby(hit.unit).rank(ascending=False, method="min").astype("Int64")
    hit["unit_indicator_growth"] = math.nan
    if dataset is not None and indicator in dataset.indicators:
        from sprintmodel.league.figures import ytd_figures

        try:
            fig = ytd_figures(dataset, indicator, p)
        except (KeyError, IndexError, ValueError):
            fig = None
        if fig is not None:
            ctx = dict(zip(fig.units, fig.growth, strict=True))
            hit["unit_indicator_growth"] = hit.unit.map(ctx).astype(float)
    if top is not None:
        keep = (hit.rank_lift <= top).fillna(False) | (hit.rank_drag <= top).fillna(False)
        hit = hit[keep.astype(bool)]
    order = (
        {u: i for i, u in enumerate(dataset.hierarchy)}
        if dataset is not None
        else {u: i for i, u in enumerate(dict.fromkeys(hit.unit))}
    )
    hit = hit.assign(_o=hit.unit.map(order)).sort_values(
        ["_o", "pulling_pp"], ascending=[True, False], kind="stable"
    )
    return hit[DRAG_LIFT_COLUMNS].reset_index(drop=True)
