"""GDP's components and their source indicators in a data folder (issue 16, data contract):
``components.csv``, ``component_observations.csv``, ``industry_sources.csv``, read and checked
by the loader, carried by the DataSet, and the national folder's industries as components."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.data import validate_folder
from sprintmodel.datasets import data_path

NATIONAL = data_path("china_national")
INDUSTRIES = ("AR", "ID", "CO", "WH", "TR", "AC", "FI", "RE", "IN", "LE", "OT")


def test_national_industries_are_components_of_gdp() -> None:
    ds = sm.china_national()
    assert list(ds.hierarchy) == ["CN"]
    assert ds.component_codes("gdp") == INDUSTRIES
    panel = ds.component_panel("gdp")
    assert panel is not None and panel.units == ("CN",)
    y = panel.year_index(2022)
    # 2022 full year in the file: 工业 400,319.7 亿元, +3.4% (SOURCES.md: the old vintage)
    assert panel.ytd_value[0, 1, y, 3] == pytest.approx(400319.7, abs=0.05)
    assert panel.ytd_growth[0, 1, y, 3] == pytest.approx(3.4)
    assert np.nansum(panel.ytd_value[0, :, y, 3]) == pytest.approx(
        ds.panel("gdp", "Q", units=["CN"], years=[2022]).ytd_value[0, 0, 3], rel=1e-9
    )
    # the folder's industry_sources.csv: one main national monthly source per industry that
    # has one (AR, IN and LE have none nationally)
    src = ds.industry_sources
    assert src is not None and set(src.component) == set(INDUSTRIES) - {"AR", "IN", "LE"}
    main = src[src.role == "main"]
    assert dict(zip(main.component, main.source_indicator, strict=True)) == {
        "ID": "iva", "CO": "fai", "WH": "retail", "TR": "iva", "AC": "retail", "FI": "loans",
        "RE": "re_fai", "OT": "fiscal_exp",
    }  # fmt: skip
    assert (src.role == "main").groupby(src.component).sum().eq(1).all()
    # two auxiliary rows for the nowcast's bridge (SOURCES.md): FI's deposits (the NBS method's
    # deposit and loan balances) and TR's electricity (a stand-in for freight turnover), their
    # elasticities assumed equal to the main row's, without a standard error
    aux = src[src.role == "aux"]
    assert sorted(zip(aux.component, aux.source_indicator, aux.elasticity, strict=True)) == [
        ("FI", "deposits", 0.13), ("TR", "electricity", 0.575)
    ]  # fmt: skip
    assert aux.elasticity_se.isna().all() and aux.source.str.startswith("assumption").all()
    iva = src[(src.component == "ID") & (src.role == "main")].iloc[0]
    assert (iva.source_indicator, iva.elasticity, iva.elasticity_se) == ("iva", 0.845, 0.055)


def test_components_as_units_is_the_old_layout() -> None:
    """The view adds the 11 industries as CN's member units, with CN's gdp rows unchanged."""
    ds = sm.china_national()
    view = ds.components_as_units("gdp")
    assert list(view.hierarchy) == ["CN", *INDUSTRIES]
    assert view.hierarchy.children("CN", rollup_only=True) == INDUSTRIES
    assert view.units["ID"].name_zh == "工业"
    assert len(view.observations) == len(ds.observations) + 1323  # 11 × 4 × 31 − 2 × 4 × 23
    gdp = view.panel("gdp", "Q", units=["CN", "ID"], years=[2022])
    assert gdp.ytd_value[1, 0, 3] == pytest.approx(400319.7, abs=0.05)
    # as of a quarter, the component rows are cut too
    assert ds.until("2020Q2").component_observations.period.max() == "2020Q2"  # type: ignore[union-attr]
    with pytest.raises(KeyError, match="no components of 'fai'"):
        ds.components_as_units("fai")


def test_national_validation_names_the_quarters_that_cannot_be_built() -> None:
    """IN and LE start in 2015: 2015's growth cannot be weighted by 2014 (SOURCES.md)."""
    report, ds = validate_folder(NATIONAL)
    assert ds is not None
    warns = [p for p in report.problems if p.file == "component_observations.csv"]
    assert [p.message[:10] for p in warns] == [f"CN 2015Q{q}:" for q in range(1, 5)]
    assert all("cannot be built" in p.message and p.column == "ytd_growth" for p in warns)


# ------------------------------------------------------------------------- broken files
@pytest.fixture
def small(copy_folder: Callable[[Path], Path]) -> Path:
    """The national folder cut to 2021–2022 (fast to load), components as shipped."""
    folder = copy_folder(NATIONAL)
    for name in ("observations.csv", "component_observations.csv"):
        f = pd.read_csv(folder / name, dtype=str, keep_default_na=False)
        f = f[f.period.str[:4].isin(["2021", "2022"])]
        f.to_csv(folder / name, index=False)
    return folder


def _edit(folder: Path, name: str, row: int, column: str, value: str) -> None:
    """Set one cell; ``row`` is the spreadsheet row (header = 1)."""
    f = pd.read_csv(folder / name, dtype=str, keep_default_na=False)
    f.loc[f.index[row - 2], column] = value
    f.to_csv(folder / name, index=False)


def test_small_folder_is_clean(small: Path) -> None:
    report, ds = validate_folder(small)
    assert ds is not None and report.ok
    assert not [p for p in report.problems if "component" in p.file]


def test_unknown_component_did_you_mean(small: Path) -> None:
    _edit(small, "component_observations.csv", 3, "component", "IDD")
    report, ds = validate_folder(small)
    assert ds is None
    (err,) = report.errors
    assert (err.file, err.row, err.column) == ("component_observations.csv", 3, "component")
    assert "unknown component 'IDD' of 'gdp'" in err.message and "'ID'" in err.message
    assert "components.csv" in err.fix


def test_monthly_period_that_is_not_a_quarter_end(small: Path) -> None:
    _edit(small, "component_observations.csv", 2, "period", "2021-02")
    report, _ = validate_folder(small)
    (err,) = report.errors
    assert (err.row, err.column) == (2, "period")
    assert "not the end of a quarter" in err.message and "YYYYQn" in err.fix


def test_components_that_do_not_add_up_are_a_warning_with_the_row(small: Path) -> None:
    f = pd.read_csv(small / "component_observations.csv", dtype=str, keep_default_na=False)
    row = int(np.flatnonzero((f.component == "RE") & (f.period == "2022Q3"))[0]) + 2
    _edit(small, "component_observations.csv", row, "ytd_value", "1000")
    report, ds = validate_folder(small)
    assert ds is not None  # a warning: the folder still loads
    (w,) = [p for p in report.problems if p.file == "component_observations.csv"]
    assert w.severity == "warning" and w.column == "ytd_value"
    assert w.message.startswith("CN 2022Q3: the components add up to")
    assert "add the missing component or correct the values" in w.message
    # 2023's growth would be weighted by this wrong value, but 2023 is not in the cut folder


def test_industry_sources_file(small: Path) -> None:
    (small / "industry_sources.csv").write_text(
        "component,source_indicator,role,elasticity,elasticity_se,deflator,source\n"
        "ID,retail,main,0.5,0.1,,our own estimate\n"
        "WH,retail,main,,,,\n"
        "WH,fai,辅助,0.2,,,\n",
        encoding="utf-8",
    )
    report, ds = validate_folder(small)
    assert ds is not None and ds.industry_sources is not None
    src = ds.industry_sources
    assert list(src.role) == ["main", "main", "aux"]
    assert src.elasticity.tolist() == [0.5, 0.657, 0.2]  # WH × retail: the package default
    assert src.source.iloc[2] == "assumption"
    fixed = [p for p in report.problems if p.severity == "fixed" and p.column == "elasticity"]
    assert len(fixed) == 1 and fixed[0].row == 3


def test_industry_sources_errors(small: Path) -> None:
    (small / "industry_sources.csv").write_text(
        "component,source_indicator,role,elasticity\n"
        "ID,retial,main,0.5\n"
        "ID,retail,main,0.5\n"
        "XX,fai,main,\n",
        encoding="utf-8",
    )
    report, ds = validate_folder(small)
    assert ds is None
    by = {(p.row, p.column): p for p in report.errors}
    assert "Did you mean 'retail'" in by[(2, "source_indicator")].message or (
        "retail" in by[(2, "source_indicator")].message
    )
    assert "has 2 main source indicators" in by[(2, "role")].message
    assert "unknown component 'XX'" in by[(4, "component")].message
    assert "no default for this pair" in by[(4, "elasticity")].message


# ------------------------------------------------------------------------- example city
def test_example_city_industries_and_sources() -> None:
    """Every unit with GDP has the 11 industries adding up to its GDP (validate: no warning on
    them); the source indicators are kept apart from the headline indicators; and each main
    source's growth recovers its elasticity (slope of the industry's ytd growth on the source's
    within 30% of industry_sources.csv's: generated through it, plus noise)."""
    report, ds = validate_folder(data_path("example_city"))
    assert ds is not None
    assert not [p for p in report.problems if "component" in p.file or "industry" in p.file]
    assert list(ds.indicators) == ["gdp", "iva", "fai", "retail", "revenue", "exports", "jobs"]
    assert "construction_output" in ds.source_indicators
    assert ds.source_indicators["deposits_loans"].flow is False
    comps = ds.component_panel()
    assert comps is not None
    assert comps.units == ("JC", "CCQ", "GQQ", "YHQ", "SLQ", "QXS", "AFS", "GXQ", "JKQ")
    gdp = ds.panel("gdp", "Q", units=comps.units, years=list(comps.years))
    known = np.isfinite(gdp.ytd_value)
    total = np.nansum(comps.ytd_value, axis=1)
    np.testing.assert_allclose(total[known], gdp.ytd_value[known], atol=0.005)
    assert known.sum() == 9 * 47
    built = comps.built_growth()[:, 1:]
    assert np.nanmax(np.abs(built - gdp.ytd_growth[:, 1:])) <= 0.05
    src = ds.industry_sources
    assert src is not None
    for r in src[src.role == "main"].itertuples():
        j = comps.components.index(r.component)
        p = ds.panel(r.source_indicator, "Q", units=comps.units, years=list(comps.years))
        x = p.growth()[:, 1:-1].ravel()
        g = comps.ytd_growth[:, j, 1:-1].ravel()
        ok = np.isfinite(x) & np.isfinite(g)
        slope = np.polyfit(x[ok], g[ok], 1)[0]
        assert abs(slope / r.elasticity - 1) < 0.3, (r.component, slope, r.elasticity)
    # as of a month, the source indicators are cut too
    assert ds.until("2026-06").source_observations.period.max() == "2026Q2"  # type: ignore[union-attr]
