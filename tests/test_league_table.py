"""League tables: hand calculations, invariants, parks, champions, near-zero wholes, and the
published NBS contribution rates of the 11 industries (reference: tests/reference/README.md)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sprintmodel as sm
from sprintmodel.data import Hierarchy, Indicator, Unit
from sprintmodel.league import Figures, compare, league_table, leagues, rank_desc
from sprintmodel.notes import Note
from sprintmodel.words.notes import note_text, notes_text

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "reference" / "gdp_cumyoy_sectors_pull.csv"
INDUSTRIES = ("AR", "ID", "CO", "WH", "TR", "AC", "FI", "RE", "IN", "LE", "OT")
GDP = Indicator("gdp", basis="real", additive=True)


# ---------------------------------------------------------------------- tiny folder, by hand
@pytest.fixture
def tiny_table(tiny_folder: Path) -> sm.league.LeagueTable:
    return league_table(sm.load_folder(tiny_folder), "2025Q3")


def test_by_hand_on_tiny(tiny_table: sm.league.LeagueTable, tiny_folder: Path) -> None:
    # Last year's Q1-Q3 GDP: D1 330, D2 165, city 495, park 132; real growth 6, 4, 5.3, 8.
    f = tiny_table.frame.set_index(["indicator", "unit"]).loc["gdp"]
    assert f.loc["D1", "increment"] == pytest.approx(330 * 0.06)
    assert f.loc["D2", "increment"] == pytest.approx(165 * 0.04)
    city_inc = 495 * 0.053
    # D1 and D2 make up the city (rollup), so the denominator is the sum of their increments:
    # 19.8 + 6.6 = 26.4, D1 100 × 19.8 / 26.4 = 75.0% (on the city's own 495 × 5.3% = 26.235 it
    # would be 75.47%); pulling = contribution × the city's growth: D2 25.0 × 5.3 / 100 = 1.325 pp.
    assert f.loc["D1", "contribution_pct"] == pytest.approx(75.0)
    assert f.loc["D2", "contribution_pct"] == pytest.approx(25.0)
    assert f.loc["D2", "pulling_pp"] == pytest.approx(1.325)
    assert f.loc["D1", "contribution_basis"] == "members"
    assert f.loc["P1", "contribution_basis"] == "whole"  # a park does not partition the city
    # The parent's own increment is still available (whole="parent"): 75.47%.
    own = league_table(sm.load_folder(tiny_folder), "2025Q3", whole="parent")
    g = own.frame.set_index(["indicator", "unit"]).loc["gdp"]
    assert g.loc["D1", "contribution_pct"] == pytest.approx(100 * 19.8 / city_inc)
    assert round(float(g.loc["D1", "contribution_pct"]), 2) == 75.47
    assert g.loc["D2", "pulling_pp"] == pytest.approx(100 * 6.6 / 495)
    assert set(g.loc[["D1", "D2", "P1"], "contribution_basis"]) == {"whole"}
    assert set(g.contribution_basis) == {"", "whole"}  # "": the city itself, no parent
    assert f.loc["D1", "average_growth"] == pytest.approx(5.3)  # the city's own growth
    assert f.loc["D1", "mean_growth"] == pytest.approx(5.0)  # the simple mean of 6 and 4
    assert bool(f.loc["D2", "below_average"]) and not bool(f.loc["D1", "below_average"])
    assert f.loc["D2", "gap_to_average_pp"] == pytest.approx(-1.3)
    assert (f.loc["D1", "rank_growth"], f.loc["D2", "rank_growth"]) == (1, 2)
    # The published city (5.3%, rounded) differs from the sum of districts: the residual is
    # reported; the district contributions add up to 100 on their own, and with the residual
    # under whole="parent".
    res = tiny_table.residuals.set_index("indicator").loc["gdp"]
    assert res.unallocated == pytest.approx(city_inc - 26.4)
    assert f.loc[["D1", "D2"], "contribution_pct"].sum() == pytest.approx(100.0)
    assert f.loc[["D1", "D2"], "pulling_pp"].sum() == pytest.approx(5.3)
    share = g.loc[["D1", "D2"], "contribution_pct"].sum()
    assert share + res.unallocated_pct == pytest.approx(100.0)


def test_parks_rank_among_parks_and_are_never_added(tiny_table: sm.league.LeagueTable) -> None:
    f = tiny_table.frame.set_index(["indicator", "unit"]).loc["gdp"]
    assert f.loc["P1", "peer_group"] == "overlap"
    assert f.loc["P1", "n_peers"] == 1 and f.loc["D1", "n_peers"] == 2
    res = tiny_table.residuals.set_index("indicator").loc["gdp"]
    assert res.children_increment == pytest.approx(330 * 0.06 + 165 * 0.04)  # no park
    assert res.n_children == 2
    assert f.loc["P1", "note"] == (Note.of("league.overlap", parent="C"),)
    assert (
        "not added"
        in tiny_table.to_frame().set_index(["indicator", "unit"]).loc[("gdp", "P1"), "note"]
    )
    # The park has the highest growth but is not a champion of the district league.
    assert f.loc["P1", "champion"] == ""
    assert tiny_table.league("gdp").unit.tolist() == ["D1", "D2"]
    assert tiny_table.league("gdp", overlap=True).unit.tolist() == ["P1"]


def test_champions_and_printing(tiny_table: sm.league.LeagueTable) -> None:
    champs = tiny_table.champions()
    assert set(champs.unit) == {"D1"}
    assert set(champs.measure) == {"growth", "increment", "contribution"}
    assert tiny_table.champion_counts().to_dict() == {"D1": 1}
    assert tiny_table.below_average().unit.tolist() == ["D2"]
    text = repr(tiny_table)
    assert "below average: D2" in text and "average 5.3%" in text
    assert "<table" in tiny_table._repr_html_()
    named = tiny_table.to_frame("zh")
    assert named.set_index("unit").loc["D1", "unit_name"] == "一区"


def test_ranks_ties_and_missing() -> None:
    np.testing.assert_array_equal(rank_desc([1.0, 3.0, 3.0, np.nan]), [3.0, 1.0, 1.0, np.nan])
    np.testing.assert_array_equal(rank_desc([[1.0, 2.0], [2.0, 1.0]]), [[2, 1], [1, 2]])


# ---------------------------------------------------------------------- synthetic figures
def _hierarchy(n: int, parks: int = 1) -> Hierarchy:
    units = {"C": Unit("C", kind="city")}
    for i in range(n):
        units[f"D{i}"] = Unit(f"D{i}", parent="C", kind="district")
    for i in range(parks):
        units[f"P{i}"] = Unit(f"P{i}", parent="C", kind="park", rollup=False)
    return Hierarchy(units)


def _figures(base: np.ndarray, growth: np.ndarray, park: tuple[float, float]) -> Figures:
    """City = exact sum of districts; one park with its own (overlapping) figures."""
    inc = base * growth / 100
    city_base, city_inc = base.sum(), inc.sum()
    b = np.r_[city_base, base, park[0]]
    i = np.r_[city_inc, inc, park[0] * park[1] / 100]
    g = 100 * i / b
    n = len(b)
    nan = np.full(n, np.nan)
    units = ("C", *[f"D{k}" for k in range(len(base))], "P0")
    return Figures(GDP, units, "2026Q3", "Q", b + i, g, b, i, nan, nan)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(10, 1e4), min_size=2, max_size=7),
    st.data(),
    st.sampled_from(["parent", "sum"]),
)
def test_parts_add_up(base: list[float], data: st.DataObject, whole: str) -> None:
    b = np.array(base)
    g = np.array(data.draw(st.lists(st.floats(-20, 30), min_size=len(b), max_size=len(b))))
    park = (data.draw(st.floats(1, 1e4)), data.draw(st.floats(-20, 30)))
    fig = _figures(b, g, park)
    rows, res, _ = compare(_hierarchy(len(b)), fig, whole=whole)  # type: ignore[arg-type]
    d = rows[rows.peer_group == "rollup"]
    city_growth = fig.growth[0]
    # Pulling rates of the parts add up to the whole's growth...
    assert d.pulling_pp.sum() == pytest.approx(city_growth, abs=1e-9 * (1 + abs(city_growth)))
    # ... and contribution rates to 100 (where the whole's increment is not ~0).
    if abs(fig.increment[0]) > 1e-6 * b.sum():
        assert d.contribution_pct.sum() == pytest.approx(100.0, rel=1e-9)
        assert res.unallocated_pct.iloc[0] == pytest.approx(0.0, abs=1e-6)
        # pulling = contribution × whole growth / 100
        np.testing.assert_allclose(d.pulling_pp, d.contribution_pct * city_growth / 100, atol=1e-9)
    # The park is never part of the whole.
    assert res.children_increment.iloc[0] == pytest.approx(fig.increment[1:-1].sum())


def test_near_zero_whole_ranks_by_pulling_with_a_note() -> None:
    # City grows 0.2%: D0 +3 (on 1000), D1 -1 (on 1000): contributions 150% and -50%.
    fig = _figures(np.array([1000.0, 1000.0]), np.array([0.3, -0.1]), (100.0, 1.0))
    rows, _, notes = compare(_hierarchy(2), fig)
    d = rows.set_index("unit")
    assert d.loc["D0", "contribution_pct"] == pytest.approx(150.0)
    assert (d.loc[["D0", "D1"], "contribution_ranked_by"] == "pulling").all()
    assert any(
        "near zero" in note_text(n, "en") and "pulling rate" in note_text(n, "en") for n in notes
    )
    # Negative whole: contribution would put the largest decline first; pulling does not.
    fig = _figures(np.array([1000.0, 1000.0]), np.array([1.0, -5.0]), (100.0, 1.0))
    rows, _, notes = compare(_hierarchy(2), fig)
    d = rows.set_index("unit")
    assert d.loc["D1", "contribution_pct"] > d.loc["D0", "contribution_pct"]
    assert d.loc["D0", "rank_contribution"] == 1
    assert any("negative" in note_text(n, "en") for n in notes)
    # A clearly growing whole ranks by contribution.
    fig = _figures(np.array([1000.0, 1000.0]), np.array([6.0, 4.0]), (100.0, 1.0))
    rows, _, notes = compare(_hierarchy(2), fig)
    assert set(rows.contribution_ranked_by[rows.parent == "C"]) == {"contribution"}
    assert notes == []


def test_towns_rank_within_their_county() -> None:
    units = {
        "C": Unit("C", kind="city"),
        "K": Unit("K", parent="C", kind="county"),
        "D": Unit("D", parent="C", kind="district"),
        "T1": Unit("T1", parent="K", kind="town"),
        "T2": Unit("T2", parent="K", kind="town"),
        "P": Unit("P", parent="C", kind="park", rollup=False),
    }
    got = {(lg.parent, lg.kind): lg.units for lg in leagues(Hierarchy(units))}
    assert got == {
        ("C", "rollup"): ("K", "D"),
        ("C", "overlap"): ("P",),
        ("K", "rollup"): ("T1", "T2"),
    }


# ---------------------------------------------------------------------- china national
@pytest.fixture(scope="module")
def nbs_reference() -> pd.DataFrame:
    ref = pd.read_csv(REFERENCE, encoding="utf-8-sig")
    ref.columns = [c.strip() for c in ref.columns]
    month = ref.QTR.str[5:7].astype(int)
    ref.index = ref.QTR.str[:4] + "Q" + (month // 3).astype(str)
    return ref[list(INDUSTRIES)].astype(float)


@pytest.fixture(scope="module")
def nbs_contributions() -> dict[str, pd.Series]:
    nation = sm.china_national().components_as_units("gdp")
    out = {}
    for year in range(2016, 2023):
        for q in range(1, 5):
            p = f"{year}Q{q}"
            f = league_table(nation, p, indicators=["gdp"], whole="sum").frame
            out[p] = f.set_index("unit").contribution_pct
    return out


def test_china_national_contributions_reproduce_published(
    nbs_reference: pd.DataFrame, nbs_contributions: dict[str, pd.Series]
) -> None:
    """The 11 industries' contribution rates within 0.3 pp of the NBS's, every quarter
    2016–2022 (measured max deviation 0.28 pp, 2022Q4 construction)."""
    worst = 0.0
    assert len(nbs_contributions) == 28
    for p, ours in nbs_contributions.items():
        dev = (ours[list(INDUSTRIES)] - nbs_reference.loc[p]).abs()
        assert dev.max() <= 0.3, (p, dev.idxmax(), dev.max())
        worst = max(worst, float(dev.max()))
    assert worst > 0.05  # a real comparison, not a copy


def test_china_national_parts_add_up(nbs_contributions: dict[str, pd.Series]) -> None:
    for ours in nbs_contributions.values():
        assert ours[list(INDUSTRIES)].sum() == pytest.approx(100.0, abs=1e-9)


@pytest.mark.parametrize(("period", "why"), [("2020Q1", "negative"), ("2020Q3", "near zero")])
def test_china_2020_ranks_contributions_by_pulling(period: str, why: str) -> None:
    # 2020Q1 GDP -6.9%; 2020Q3 +0.6%, where contribution rates on GDP's own (rounded) growth are
    # up to 32 pp off the published ones.
    t = league_table(sm.china_national().components_as_units("gdp"), period, indicators=["gdp"])
    f = t.frame.set_index("unit")
    assert set(f.loc[list(INDUSTRIES), "contribution_ranked_by"]) == {"pulling"}
    assert any(why in n and "pulling rate" in n for n in t.note_texts("en"))
    ranks = f.loc[list(INDUSTRIES)]
    assert (ranks.rank_contribution == ranks.rank_increment).all()


def test_a_month_compares_each_indicator_over_one_span(tiny_folder: Path) -> None:
    t = league_table(sm.load_folder(tiny_folder), "2025-08")
    periods = t.frame.groupby("indicator").period.first().to_dict()
    # Quarterly GDP stands at Q2 in August; the monthly investment at August.
    assert periods == {"gdp": "2025Q2", "fai": "2025-08"}


def test_example_city_league() -> None:
    city = sm.example_city()
    report = sm.league_report(city)
    t = report.table
    res = t.residuals.set_index(["parent", "indicator"])
    parks = [u for u in city.hierarchy if not city.units[u].rollup]
    assert parks and res.loc[(city.root, "gdp"), "n_children"] == len(
        city.hierarchy.children(city.root, rollup_only=True)
    )
    f = t.frame
    assert set(f.loc[f.unit.isin(parks), "peer_group"]) == {"overlap"}
    assert len(t.champions()) > 0 and len(t.below_average()) > 0
    assert report.enterprises is not None and report.enterprises.enterprise.nunique() >= 30
    assert len(report.target_progress) > 0


# ------------------------------------------------- a quarterly series that lags the monthly one
def _lagging_gdp(folder: Path) -> sm.DataSet:
    """The tiny folder with GDP published only to 2025Q2 (monthly FAI runs to 2025-12)."""
    obs = folder / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    keep = [x for x in lines if not (",gdp,2025Q3," in x or ",gdp,2025Q4," in x)]
    obs.write_text("\n".join(keep) + "\n", encoding="utf-8")
    return sm.load_folder(folder)


def test_an_indicator_behind_the_latest_period_is_compared_at_its_own(tiny_folder: Path) -> None:
    """Default period (the data's latest, 2025-12): GDP, published to Q2 only, is compared at
    2025Q2 with a note; by hand at Q2 (last year's H1: D1 210, D2 105, city 315; growth 6, 4,
    city 5.3): increments 12.6 and 4.2, D1's contribution 100 × 12.6 / (12.6 + 4.2) = 75.0
    (the districts make up the city: the members' increments are the denominator)."""
    ds = _lagging_gdp(tiny_folder)
    assert str(ds.latest_period) == "2025-12"
    t = league_table(ds)
    f = t.frame.set_index(["indicator", "unit"])
    assert f.loc[("gdp", "D1"), "period"] == "2025Q2"
    assert f.loc[("gdp", "D1"), "increment"] == pytest.approx(210 * 0.06)
    assert f.loc[("gdp", "D2"), "increment"] == pytest.approx(105 * 0.04)
    assert f.loc[("gdp", "D1"), "contribution_pct"] == pytest.approx(100 * 12.6 / 16.8)
    assert (f.loc[("gdp", "D1"), "rank_growth"], f.loc[("gdp", "D2"), "rank_growth"]) == (1, 2)
    note = (
        "gdp: published up to 2025Q2, before the data's latest period 2025-12; compared at 2025Q2"
    )
    assert note in t.note_texts("en")
    assert note in t.to_frame().set_index(["indicator", "unit"]).loc[("gdp", "D2"), "note"]
    assert (
        Note.of(
            "league.published_up_to", indicator="gdp", at_period="2025Q2", latest_period="2025-12"
        )
        in t.notes
    )
    # The monthly series is labelled with its month, not the quarter.
    assert f.loc[("fai", "C"), "period"] == "2025-12"
    assert f.loc[("fai", "C"), "ytd_growth"] == pytest.approx(5.0)
    # A period asked for that GDP lacks: the same figures, a note that says so.
    t2 = league_table(ds, "2025-12")
    assert t2.frame[t2.frame.indicator == "gdp"].increment.tolist() == pytest.approx(
        t.frame[t.frame.indicator == "gdp"].increment.tolist()
    )
    assert (
        "gdp: no figures at 2025Q4 (the period asked for, 2025-12); compared at its latest "
        "period before it, 2025Q2"
    ) in t2.note_texts("en")
    t3 = league_table(ds, "2025Q3")
    assert (
        "gdp: no figures at 2025Q3; compared at its latest period before it, 2025Q2"
        in t3.note_texts("en")
    )
    assert t3.frame.set_index(["indicator", "unit"]).loc[("fai", "C"), "period"] == "2025-09"


def test_the_report_reads_lagging_series_at_their_own_period(tiny_folder: Path) -> None:
    """league_report: the lagging units and the time progress of targets use GDP's Q2 too.
    D1's target 6.5%: last year's 460 × 1.065 = 489.9; by Q2 210 × 1.06 = 222.6, i.e. 45.44%
    done at half the year."""
    ds = _lagging_gdp(tiny_folder)
    r = sm.league_report(ds)
    lag = r.lagging.set_index(["indicator", "unit"])
    assert lag.loc[("gdp", "D2"), "period"] == "2025Q2"
    tp = r.target_progress.set_index(["indicator", "unit"])
    d1 = tp.loc[("gdp", "D1")]
    assert d1.period == "2025Q2" and d1.periods_left == 2
    assert d1.completion_pct == pytest.approx(100 * 222.6 / 489.9)
    assert d1.elapsed_pct == pytest.approx(50.0)
    assert d1.note == (
        Note.of("league.last_year_prices"),
        Note.of("league.read_at_latest", span_period="2025Q4", at_period="2025Q2"),
    )
    assert "read at its latest period 2025Q2" in notes_text(d1.note, "en")
    assert (
        notes_text(d1.note, "zh")
        == "按上年价格计算的实物量；2025年四季度未公布：按其最新一期2025年二季度计算"
    )
    assert tp.loc[("fai", "C"), "period"] == "2025-12"
