"""Property-based tests of the loader and of the year-to-date arithmetic on loaded data.

Random folders (a city, districts, towns; quarterly or monthly; values written with all their
digits) are written, loaded and compared with what was generated: the loader keeps every value,
single-period values come back from the year-to-date ones, children add up to their parents,
contributions add up to 100 and pulling rates to the parent's growth. Repaired spellings of
numbers and periods parse to the same values as the plain ones, and are reported.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sprintmodel.contribution import contribution_rate, increment, pulling_rate
from sprintmodel.data import ValidationReport, load_folder, validate_folder
from sprintmodel.data.parse import _repair_period, parse_numbers
from sprintmodel.data.tables import Table
from sprintmodel.periods import Period
from sprintmodel.ytd import growth_rate, single_from_ytd, ytd_from_single

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CN = "一二三四"


# ------------------------------------------------------------------------------ periods
@given(st.integers(1900, 2200), st.integers(1, 4), st.integers(1, 12))
def test_period_spellings_map_to_the_canonical_form(year: int, q: int, m: int) -> None:
    quarter, month = f"{year}Q{q}", f"{year}-{m:02d}"
    assert str(Period.parse(quarter)) == quarter and str(Period.parse(month)) == month
    for text in (
        quarter,
        f"{year}-Q{q}",
        f"{year} q{q}",
        f"Q{q} {year}",
        f"{year}年第{CN[q - 1]}季度",
        f"{year}年{q}季度",
        f"{year}年1-{q}季度",
        f"{year}年前{CN[q - 1]}季度",
    ):
        assert _repair_period(text) == quarter, text
    for text in (month, f"{year}年{m}月", f"{year}年1-{m}月", f"{year}年{m}月份"):
        assert _repair_period(text) == month, text
    assert _repair_period(f"{year}.{m:02d}") is None  # ambiguous: refused
    assert _repair_period(f"{year}Q{q + 4}") is None


# ------------------------------------------------------------------------------ numbers
FULL = str.maketrans("0123456789.-,", "０１２３４５６７８９．－，")


def _table(cells: list[str]) -> Table:
    return Table(
        "t.csv", pd.DataFrame({"ytd_value": cells}, index=range(2, 2 + len(cells)), dtype=object)
    )


@given(st.floats(-1e12, 1e12, allow_nan=False).map(lambda x: round(x, 4)))
def test_repaired_number_spellings_parse_to_the_same_value(x: float) -> None:
    spellings = {
        "plain": repr(x),
        "thousands": f"{x:,.4f}",
        "full_width": f"{x:,.4f}".translate(FULL),
        "unit": f"{x:.4f}亿元",
        "spaces": f"  {x:.4f}\u3000",
    }
    for kind, text in spellings.items():
        report = ValidationReport("f")
        table = _table([text])
        if kind == "spaces":
            table.frame["ytd_value"] = table.frame["ytd_value"].str.strip()
        value = parse_numbers(table, "ytd_value", report, kind="level", measure="亿元")
        assert value.iloc[0] == pytest.approx(x, rel=1e-12, abs=1e-9), (kind, text, str(report))
        assert report.ok
        assert bool(report.fixed) == (
            kind in ("full_width", "unit") or ("," in text and kind == "thousands")
        )


@given(
    st.lists(
        st.sampled_from(["-", "—", "..", "NA", "n/a", "…", "nan", "无", ""]), min_size=1, max_size=8
    )
)
def test_placeholders_are_empty_and_reported(cells: list[str]) -> None:
    report = ValidationReport("f")
    value = parse_numbers(_table(cells), "ytd_value", report)
    assert value.isna().all()
    assert bool(report.fixed) == any(c for c in cells) and report.ok


@given(st.text(max_size=20))
def test_any_cell_text_is_a_number_nan_or_an_error(text: str) -> None:
    report = ValidationReport("f")
    value = parse_numbers(_table([text]), "ytd_value", report, measure="亿元")
    v = value.iloc[0]
    assert np.isnan(v) or np.isfinite(v)
    if np.isnan(v) and unicodedata.normalize("NFKC", text).strip():
        assert report.errors or report.fixed


# ------------------------------------------------------------------- folders round trip
@st.composite
def folders(draw: st.DrawFn) -> dict[str, object]:
    n_districts = draw(st.integers(1, 4))
    n_towns = draw(st.integers(0, 4))
    freq = draw(st.sampled_from(["Q", "M"]))
    years = draw(st.integers(2, 3))
    jan_feb = freq == "M" and draw(st.booleans())
    steps = 4 if freq == "Q" else 12
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    districts = [f"D{i}" for i in range(n_districts)]
    towns = [f"T{i}" for i in range(n_towns)]
    leaves = [
        d for d in districts if not any(int(t[1:]) % n_districts == int(d[1:]) for t in towns)
    ]
    leaves += towns
    single = {u: rng.uniform(1.0, 500.0, size=(years, steps)) for u in leaves}
    for d in districts:
        kids = [t for t in towns if int(t[1:]) % n_districts == int(d[1:])]
        if kids:
            single[d] = np.sum([single[t] for t in kids], axis=0)
    single["C"] = np.sum([single[d] for d in districts], axis=0)
    if jan_feb:  # January and February published together at month 2
        for u in single:
            single[u][:, 1] += single[u][:, 0]
            single[u][:, 0] = np.nan
    return {
        "districts": districts,
        "towns": towns,
        "freq": freq,
        "years": years,
        "steps": steps,
        "single": single,
        "n_districts": n_districts,
    }


def _write(folder: Path, spec: dict[str, object]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    districts: list[str] = spec["districts"]  # type: ignore[assignment]
    towns: list[str] = spec["towns"]  # type: ignore[assignment]
    n_d: int = spec["n_districts"]  # type: ignore[assignment]
    rows = ["unit,name_zh,name_en,parent,kind,rollup", "C,市,City,,city,"]
    rows += [f"{d},区{d},District {d},C,district,yes" for d in districts]
    rows += [f"{t},镇{t},Town {t},D{int(t[1:]) % n_d},town,yes" for t in towns]
    (folder / "units.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "indicators.csv").write_text(
        "indicator,name_zh,name_en,measure,basis,additive\nx,指标,X,亿元,nominal,yes\n",
        encoding="utf-8",
    )
    single: dict[str, np.ndarray] = spec["single"]  # type: ignore[assignment]
    lines = ["unit,indicator,period,ytd_value,ytd_growth"]
    for u, s in single.items():
        ytd = ytd_from_single(s)
        for y in range(s.shape[0]):
            for k in range(s.shape[1]):
                if np.isnan(ytd[y, k]):
                    continue
                period = f"{2020 + y}Q{k + 1}" if spec["freq"] == "Q" else f"{2020 + y}-{k + 1:02d}"
                lines.append(f"{u},x,{period},{float(ytd[y, k])!r},")
    (folder / "observations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@SETTINGS
@given(folders())
def test_loaded_values_give_back_the_single_periods(
    tmp_path: Path, spec: dict[str, object]
) -> None:
    folder = tmp_path / "f"
    _write(folder, spec)
    report, data = validate_folder(folder)
    assert data is not None, str(report)
    assert not report.errors and not [w for w in report.warnings if "add up" in w.message]
    panel = data.panel("x", spec["freq"])  # type: ignore[arg-type]
    single: dict[str, np.ndarray] = spec["single"]  # type: ignore[assignment]
    for u, s in single.items():
        got = single_from_ytd(panel.ytd_value[panel.unit_index(u)])
        np.testing.assert_allclose(got, s, rtol=1e-9, atol=1e-9)
        np.testing.assert_array_equal(np.isnan(got), np.isnan(s))


@SETTINGS
@given(folders())
def test_children_sum_and_growth_identities(tmp_path: Path, spec: dict[str, object]) -> None:
    folder = tmp_path / "f"
    _write(folder, spec)
    data = load_folder(folder)
    panel = data.panel("x", spec["freq"])  # type: ignore[arg-type]
    v = panel.ytd_value
    kids = list(data.hierarchy.children("C", rollup_only=True))
    idx = [panel.unit_index(k) for k in kids]
    city = v[panel.unit_index("C")]
    np.testing.assert_allclose(np.nansum(v[idx], axis=0), np.nan_to_num(city), rtol=1e-9)
    # Growth identities over the years: pulling rates add up to the city's growth and
    # contributions to 100.
    growth = panel.growth()
    g_city = growth[panel.unit_index("C"), 1:]
    inc = increment(v[idx, 1:], v[idx, :-1])
    pull = pulling_rate(inc, city[:-1]).sum(axis=0)
    ok = ~np.isnan(g_city)
    np.testing.assert_allclose(pull[ok], g_city[ok], rtol=1e-7, atol=1e-7)
    whole = increment(city[1:], city[:-1])
    contrib = contribution_rate(inc, whole).sum(axis=0)
    sizable = ok & (np.abs(whole) > 1e-6 * np.abs(city[1:]))
    np.testing.assert_allclose(contrib[sizable], 100.0, rtol=1e-6)
    np.testing.assert_allclose(g_city[ok], growth_rate(city[1:], city[:-1])[ok], rtol=1e-9)


@SETTINGS
@given(folders(), st.floats(0.05, 0.5), st.data())
def test_a_perturbed_child_is_reported(
    tmp_path: Path, spec: dict[str, object], delta: float, data: st.DataObject
) -> None:
    districts: list[str] = spec["districts"]  # type: ignore[assignment]
    single: dict[str, np.ndarray] = spec["single"]  # type: ignore[assignment]
    d = data.draw(st.sampled_from(districts))
    total = np.nansum(single["C"])
    assume(np.nansum(single[d]) * delta > 0.03 * total)  # beyond the 2% tolerance
    single[d] = single[d] * (1 + delta)
    # Towns of d no longer add up to d either; keep the check on the city only by dropping them.
    folder = tmp_path / "f"
    _write(folder, spec)
    report, loaded = validate_folder(folder)
    assert loaded is not None
    assert any("under 'C'" in w.message for w in report.warnings), str(report)


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_many_repaired_cells_parse_like_few(seed: int) -> None:
    """Over 1,000 cells to repair take the vectorised path; it must agree with the cell path."""
    rng = np.random.default_rng(seed)
    x = np.round(rng.uniform(-1e7, 1e7, 1500), 2)
    cells = [f"{v:,.2f}" if i % 3 else f"{v:.2f}%" for i, v in enumerate(x)]
    cells[7] = "oops"
    report = ValidationReport("f")
    table = Table("t.csv", pd.DataFrame({"ytd_growth": cells}, index=range(2, 1502), dtype=object))
    bulk = parse_numbers(table, "ytd_growth", report).to_numpy()
    expected = x.copy()
    expected[7] = np.nan
    np.testing.assert_allclose(bulk, expected, rtol=1e-12)
    assert [p.row for p in report.errors] == [9]
    assert {p.message.split(":")[1].strip() for p in report.fixed} >= {
        "thousands separators removed (first at row 3).",
    }
