"""The accounts of a data folder (``sprintmodel accounts``, issue 16): China's published
accounts rebuilt from the folder's components, the example city's shortfall split by industry,
and the command's files (hand-checked numbers)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel.accounts.report import AccountsReport, accounts_report, industry_fy_growth
from sprintmodel.ytd import single_growth_from_ytd

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT / "tests" / "reference" / "gdp_cumyoy_sectors_pull.csv"
INDUSTRIES = ["AR", "ID", "CO", "WH", "TR", "AC", "FI", "RE", "IN", "LE", "OT"]
QUARTERS = [f"{y}Q{q}" for y in range(2016, 2023) for q in range(1, 5)]
CITY_UNITS = ["JC", "CCQ", "GQQ", "YHQ", "SLQ", "QXS", "AFS"]


# ------------------------------------------------------------------------ China, 2016-2022
@pytest.fixture(scope="module")
def nbs() -> pd.DataFrame:
    ref = pd.read_csv(NBS, encoding="utf-8-sig")
    ref.columns = [c.strip() for c in ref.columns]
    month = ref.QTR.str[5:7].astype(int)
    ref.index = ref.QTR.str[:4] + "Q" + (month // 3).astype(str)
    return ref[INDUSTRIES].astype(float)


def _worst(dataset: sm.DataSet, nbs: pd.DataFrame) -> tuple[float, float]:
    """Largest |built − published| GDP growth [pp] and |contribution − NBS| [pp], 2016–2022."""
    growth = contribution = 0.0
    for p in QUARTERS:
        r = accounts_report(dataset, p, project=False)
        assert str(r.period) == p
        g = r.gdp.iloc[0]
        growth = max(growth, abs(g.ytd_growth_built - g.ytd_growth_published))
        ours = r.industries.set_index("industry").contribution_pct[INDUSTRIES]
        contribution = max(contribution, float((ours - nbs.loc[p]).abs().max()))
    return growth, contribution


def test_china_built_growth_and_contributions_match_published(nbs: pd.DataFrame) -> None:
    """Issue 16: built within 0.2 pp of published GDP growth and contributions within 0.3 pp of
    the NBS's, every quarter 2016Q1–2022Q4 (2020 included)."""
    growth, contribution = _worst(sm.china_national(), nbs)
    assert growth <= 0.2
    assert contribution <= 0.3
    assert contribution > 0.05  # a real comparison (measured 0.28, 2022Q4 construction)


def test_china_wrong_weights_fail(nbs: pd.DataFrame) -> None:
    """Weighting by this year's value added instead of last year's breaks both targets."""
    ds = sm.china_national()
    rows = ds.component_observations
    assert rows is not None
    values = rows.set_index(["component", "year", "month"]).ytd_value
    shifted = values.reindex(list(zip(rows.component, rows.year + 1, rows.month, strict=True)))
    wrong = replace(ds, component_observations=rows.assign(ytd_value=shifted.to_numpy()))
    growth, contribution = _worst(wrong, nbs)
    assert growth > 0.2 and contribution > 0.3


def test_china_2022q4_by_hand() -> None:
    r = accounts_report(sm.china_national(), "2022Q4", project=False)
    g = r.gdp.iloc[0]
    assert (g.unit, g.ytd_growth_published) == ("CN", 3.0)
    assert g.ytd_growth_built == pytest.approx(2.99, abs=0.005)  # tests/test_accounts.py
    assert np.isnan(g.target_growth) and np.isnan(g.fy_growth)  # no targets, no projection
    assert r.industries.contribution_pct.sum() == pytest.approx(100.0, abs=1e-9)


# --------------------------------------------------------------------------- example city
def test_industry_fy_growth_builds_the_whole() -> None:
    # two industries, last year 60 and 40; ytd 5% and 10%: built 7%; projected whole 6.5%
    g = industry_fy_growth(np.array([[5.0, 10.0]]), np.array([[60.0, 40.0]]), np.array([6.5]))
    np.testing.assert_allclose(g, [[4.5, 9.5]])  # each moved by -0.5
    assert float((g * [0.6, 0.4]).sum()) == pytest.approx(6.5)


@pytest.fixture(scope="module")
def city_report() -> AccountsReport:
    fy = {"JC": 5.4, "CCQ": 4.5, "GQQ": 6.0, "YHQ": 7.5, "SLQ": 3.0, "QXS": 6.0, "AFS": 5.0}
    return accounts_report(sm.example_city(), "2026Q3", fy_growth=fy)


def test_city_shortfall_by_hand(city_report: AccountsReport) -> None:
    """JC (observations.csv): GDP 2025Q4 5207.27, 2025Q3 3749.29, 2026Q3 3967.17 +5.4%;
    target 6.0%; full year given as 5.4%. Price ratio P = 3967.17 / (3749.29 × 1.054);
    shortfall = P × 5207.27 × (5.4 − 6.0) / 100 = −31.37 亿元."""
    price = 3967.17 / (3749.29 * 1.054)
    expected = price * 5207.27 * (5.4 - 6.0) / 100
    g = city_report.gdp.set_index("unit").loc["JC"]
    assert expected == pytest.approx(-31.37, abs=0.005)
    assert g.shortfall_value == pytest.approx(expected, rel=1e-9)
    assert (g.fy_growth, g.target_growth, g.shortfall_basis) == (5.4, 6.0, "fy")
    # 工业 (ID): Q4 2025 value added b = 1694.19 − 1225.39 = 468.80; iva's ytd growth 6.2%,
    # elasticity 0.845 (industry_sources.csv): x* = 6.2 − 100 S / (P × 0.845 × 468.80) = 14.09
    ind = city_report.industries.set_index(["unit", "industry"]).loc[("JC", "ID")]
    x = 6.2 - 100 * expected / (price * 0.845 * 468.80)
    assert x == pytest.approx(14.09, abs=0.005)
    assert ind.source_indicator == "iva"
    assert ind.q4_growth_required_alone == pytest.approx(x, rel=1e-9)
    # iva's best Q4 (single quarter) before 2026 is below 14.09: above its record
    panel = sm.example_city().panel("iva", "Q", units=["JC"], years=range(2015, 2026))
    q4 = single_growth_from_ytd(panel.ytd_value[0, :-1], panel.ytd_growth[0, 1:])[:, 3]
    assert np.nanmax(q4) < x and ind.above_record is True


def test_city_industry_shortfalls_add_up(city_report: AccountsReport) -> None:
    """Issue 16: for the city and every district and county, the industries' shortfall adds
    up to the unit's within 0.5% (exactly, by construction)."""
    gdp = city_report.gdp.set_index("unit").shortfall_value
    parts = city_report.industries.groupby("unit").shortfall_value.sum()
    for unit in CITY_UNITS:
        assert abs(gdp[unit]) > 0.1
        assert parts[unit] == pytest.approx(gdp[unit], rel=0.005)
        assert parts[unit] == pytest.approx(gdp[unit], rel=1e-9)
    # the built growth of the example city is within 0.05 pp of the published (rounding)
    gap = (city_report.gdp.ytd_growth_built - city_report.gdp.ytd_growth_published).abs()
    assert gap.max() <= 0.05
    # every industry of every unit has its main source, but agriculture
    ind = city_report.industries
    assert set(ind.source_indicator[ind.industry == "AR"]) == {""}
    assert (ind.source_indicator[ind.industry != "AR"] != "").all()


def test_at_october_the_accounts_publish_the_forecast_commands_figure() -> None:
    """As of 2026-10 (GDP still at Q3, October's monthly figures out) the accounts' full-year
    GDP is the live nowcast ``sprintmodel forecast --as-of 2026-10`` publishes (5.425%), not
    the Q3 forecast (5.407%) it used to show beside an October briefing."""
    from sprintmodel.figures import PUBLISHED_DRAWS, PUBLISHED_SEED

    city = sm.example_city()
    oct_rep = accounts_report(city, "2026-10")
    q3_rep = accounts_report(city, "2026Q3")
    published = (
        sm.forecast_year(city, "2026-10", n_draws=PUBLISHED_DRAWS, rng=PUBLISHED_SEED)
        .to_frame()
        .set_index(["unit", "indicator"])
        .fy_growth
    )
    g = oct_rep.gdp.set_index("unit").fy_growth
    for unit in CITY_UNITS:
        assert g[unit] == pytest.approx(published[(unit, "gdp")], abs=1e-9)
    q3 = q3_rep.gdp.set_index("unit").fy_growth
    assert g["JC"] == pytest.approx(5.4434, abs=1e-4) and q3["JC"] == pytest.approx(
        5.4066, abs=1e-4
    )
    assert str(oct_rep.period) == "2026Q3"  # the components' last quarter, as published


# ------------------------------------------------------------------------------- command
def test_accounts_command_writes_the_tables(tmp_path: Path) -> None:
    out = tmp_path / "acc"
    done = subprocess.run(
        [sys.executable, "-m", "sprintmodel", "accounts", "--as-of", "2026-09", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "缺口主要来自" in done.stdout
    gdp = pd.read_csv(out / "gdp.csv").set_index("unit")
    ind = pd.read_csv(out / "industries.csv")
    assert list(gdp.columns[:5]) == [
        "period",
        "ytd_growth_published",
        "ytd_growth_built",
        "fy_growth",
        "target_growth",
    ]
    # one figure everywhere: the forecast's point and its gap in 亿元 (tests/reference/outputs/
    # forecast/forecast.csv: JC gdp fy_growth 5.40667, gap_level −31.0168)
    ref = pd.read_csv(ROOT / "tests" / "reference" / "outputs" / "forecast" / "forecast.csv")
    jc = ref[(ref.unit == "JC") & (ref.indicator == "gdp")].iloc[0]
    assert gdp.loc["JC", "fy_growth"] == pytest.approx(jc.fy_growth, abs=1e-9)
    assert gdp.loc["JC", "shortfall_value"] == pytest.approx(jc.gap_level, rel=1e-9)
    assert gdp.loc["JC", "shortfall_value"] == pytest.approx(-31.02, abs=0.005)
    sums = ind.groupby("unit").shortfall_value.sum()
    np.testing.assert_allclose(sums[gdp.index], gdp.shortfall_value, rtol=1e-9)
    assert {"accounts.xlsx", "run.json", ".sprintmodel-output"} <= {p.name for p in out.iterdir()}
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["period"] == "2026Q3"
    from openpyxl import load_workbook

    wb = load_workbook(out / "accounts.xlsx")
    assert wb.sheetnames[:2] == ["地区生产总值", "分行业"]
    header = [c.value for c in wb["分行业"][1]]
    assert "单靠该指标补缺口需四季度增速(%)" in header and "行业名称" in header


def test_accounts_command_refuses(tmp_path: Path) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sprintmodel", "accounts", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )

    done = run("--out", str(foreign))
    assert done.returncode == 1 and "notes.txt" in done.stderr and "Traceback" not in done.stderr
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "keep me"
    done = run("--as-of", "2026Q5")
    assert done.returncode == 1 and "--as-of" in done.stderr
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    for name in ("units.csv", "indicators.csv", "observations.csv"):
        (tiny / name).write_bytes((ROOT / "data" / "china_national" / name).read_bytes())
    done = run(str(tiny))
    assert done.returncode == 1 and "component_observations.csv" in done.stderr
