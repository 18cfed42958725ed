"""The forecast API and CLI on the tiny folder and the bundled data sets."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sprintmodel.data import load_folder
from sprintmodel.forecast import FORECAST_COLUMNS, ForecastWarning, forecast
from sprintmodel.forecast import cache as fcache
from sprintmodel.forecast.block import SeriesBlock
from sprintmodel.forecast.cache import block_key
from sprintmodel.forecast.config import ForecastConfig

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = [
    "unit",
    "indicator",
    "year",
    "as_of",
    "fy_value",
    "fy_value_lo80",
    "fy_value_hi80",
    "fy_growth",
    "fy_growth_lo80",
    "fy_growth_hi80",
]


def _forecast(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ForecastWarning)
        return forecast(*args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def tiny(tiny_folder: Path):  # type: ignore[no-untyped-def]
    return load_folder(tiny_folder)


def test_columns_follow_the_contract(tiny) -> None:  # type: ignore[no-untyped-def]
    frame = _forecast(tiny, "2025Q3").to_frame()
    assert list(frame.columns[: len(CONTRACT)]) == CONTRACT
    assert list(frame.columns) == FORECAST_COLUMNS
    assert set(zip(frame.unit, frame.indicator, strict=True)) == {
        ("C", "gdp"),
        ("D1", "gdp"),
        ("D2", "gdp"),
        ("P1", "gdp"),
        ("C", "fai"),
    }
    assert (frame.fy_growth_lo80 <= frame.fy_growth).all()
    assert (frame.fy_growth <= frame.fy_growth_hi80).all()
    assert (frame.fy_growth_lo95 <= frame.fy_growth_lo80 + 1e-9).all()


def test_one_year_of_history_falls_back_with_a_note(tiny) -> None:  # type: ignore[no-untyped-def]
    # The tiny folder has 2024 and 2025 only: the ratio rule and momentum, no backtest.
    frame = _forecast(tiny, "2025Q3").to_frame().set_index(["unit", "indicator"])
    row = frame.loc[("D1", "gdp")]
    assert "no backtest history" in row.note
    # D1 grows 6% real in every quarter, so every method says 6%.
    assert row.fy_growth == pytest.approx(6.0)
    # Real indicator: volume 460 × 1.06 at last year's prices, current prices × 1.02.
    assert row.fy_value == pytest.approx(460 * 1.06 * 1.02, rel=1e-3)
    assert row.rest_growth == pytest.approx(6.0)


def test_targets_gaps_and_probabilities(tiny) -> None:  # type: ignore[no-untyped-def]
    frame = _forecast(tiny, "2025Q3").to_frame().set_index(["unit", "indicator"])
    d1 = frame.loc[("D1", "gdp")]
    assert d1.target_growth == 6.5
    assert d1.gap_pp == pytest.approx(d1.fy_growth - 6.5)
    # Q4 must grow (460 × 1.065 - 330 × 1.06) / 130 - 1.
    assert d1.rest_growth_required == pytest.approx(100 * ((460 * 1.065 - 349.8) / 130 - 1))
    assert 0.0 <= d1.p_meet_target <= 1.0
    assert np.isnan(frame.loc[("P1", "gdp")].p_meet_target)


def test_children_add_up_to_the_parent_in_every_draw(tiny) -> None:  # type: ignore[no-untyped-def]
    d = _forecast(tiny, "2025Q3", n_draws=500).draws["gdp"]
    c, d1, d2, p1 = (d.index(u) for u in ("C", "D1", "D2", "P1"))
    assert d.parent[d1] == c and d.parent[d2] == c and d.parent[p1] == -1  # park apart
    resid = d.fy[:, c] - d.fy[:, d1] - d.fy[:, d2]
    np.testing.assert_allclose(resid, resid[0], atol=1e-8)
    # The residual is the published one carried through the year (small here).
    assert abs(resid[0]) < 0.01 * d.fy[0, c]


def test_same_seed_same_numbers(tiny) -> None:  # type: ignore[no-untyped-def]
    a = _forecast(tiny, "2025Q3", rng=7).draws["gdp"].fy
    b = _forecast(tiny, "2025Q3", rng=7).draws["gdp"].fy
    c = _forecast(tiny, "2025Q3", rng=8).draws["gdp"].fy
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    g = np.random.default_rng(3)
    assert _forecast(tiny, "2025Q3", rng=g).draws.seed is None


def test_as_of_a_month(tiny) -> None:  # type: ignore[no-untyped-def]
    frame = _forecast(tiny, "2025-10").to_frame().set_index(["unit", "indicator"])
    assert frame.loc[("C", "fai")].period == "2025-10"
    assert frame.loc[("C", "gdp")].period == "2025Q3"  # quarterly series stand at Q3
    assert frame.loc[("C", "fai")].fy_growth == pytest.approx(5.0)


def test_as_of_the_year_end_returns_the_published_year(tiny) -> None:  # type: ignore[no-untyped-def]
    frame = _forecast(tiny, "2025Q4").to_frame().set_index(["unit", "indicator"])
    row = frame.loc[("D1", "gdp")]
    assert row.fy_growth == pytest.approx(6.0)
    assert row.fy_growth_lo80 == pytest.approx(row.fy_growth_hi80)


def test_single_year_folder_does_not_crash(tiny_folder: Path) -> None:
    obs = tiny_folder / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [ln for ln in lines[1:] if ",2025" in ln]
    obs.write_text("\n".join(kept) + "\n", encoding="utf-8")
    frame = (
        _forecast(load_folder(tiny_folder), "2025Q3").to_frame().set_index(["unit", "indicator"])
    )
    # Real GDP growth is published: forecast as growth only (no level base).
    d1 = frame.loc[("D1", "gdp")]
    assert d1.fy_growth == pytest.approx(6.0)
    assert np.isnan(d1.fy_value)
    assert "growth only" in d1.note
    # FAI growth is published too; the city's FAI has a forecast.
    assert np.isfinite(frame.loc[("C", "fai")].fy_growth)


def test_missing_quarter_warns_naming_the_unit(tiny_folder: Path) -> None:
    obs = tiny_folder / "observations.csv"
    text = obs.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith("D2,gdp,2024Q2")]
    obs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(
        ForecastWarning, match=r"unit D2, indicator gdp: missing 1 period\(s\) \(2024Q2\)"
    ):
        res = forecast(load_folder(tiny_folder), "2025Q3")
    assert any("D2" in w for w in res.warnings)
    assert np.isfinite(res.to_frame().set_index(["unit", "indicator"]).loc[("D2", "gdp")].fy_growth)


def test_missing_current_quarter_uses_the_latest_published(tiny_folder: Path) -> None:
    obs = tiny_folder / "observations.csv"
    lines = [
        ln
        for ln in obs.read_text(encoding="utf-8").splitlines()
        if not ln.startswith("D2,gdp,2025Q3")
    ]
    obs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(ForecastWarning, match="unit D2, indicator gdp: 2025Q3 not published"):
        res = forecast(load_folder(tiny_folder), "2025Q3")
    row = res.to_frame().set_index(["unit", "indicator"]).loc[("D2", "gdp")]
    assert row.period == "2025Q2"


def test_single_method_and_summary(tiny) -> None:  # type: ignore[no-untyped-def]
    res = _forecast(tiny, "2025Q3", method="naive")
    assert res.method == "ratio" and res.members == ("ratio",)
    assert "Full-year forecast as of 2025Q3" in res.summary()
    assert "<table" in res._repr_html_()
    other = _forecast(tiny, "2025Q3", method="momentum")
    assert other.compare(res).shape[1] == 2


def test_bad_arguments_are_input_errors(tiny) -> None:  # type: ignore[no-untyped-def]
    from sprintmodel.errors import InputError

    with pytest.raises(InputError, match="unknown forecast method"):
        forecast(tiny, "2025Q3", method="oracle")
    with pytest.raises(InputError, match="unknown indicator"):
        forecast(tiny, "2025Q3", indicators=["gnp"])


def test_cache_key_changes_with_the_data(tiny) -> None:  # type: ignore[no-untyped-def]
    cfg = ForecastConfig()
    block = SeriesBlock.from_dataset(tiny, "gdp", "Q")
    key = block_key(block, 2, ("ratio",), cfg)
    assert key == block_key(SeriesBlock.from_dataset(tiny, "gdp", "Q"), 2, ("ratio",), cfg)
    value = block.value.copy()
    value[0, -1, 0] += 0.01
    changed = SeriesBlock(
        block.indicator, "Q", block.units, block.years, value, block.published_growth
    )
    assert block_key(changed, 2, ("ratio",), cfg) != key
    assert block_key(block, 1, ("ratio",), cfg) != key
    assert block_key(block, 2, ("ratio", "momentum"), cfg) != key
    assert block_key(block, 2, ("ratio",), ForecastConfig(trim=3)) != key


def test_cached_call_gives_identical_results(tiny) -> None:  # type: ignore[no-untyped-def]
    fcache.clear()
    a = _forecast(tiny, "2025Q3").to_frame()
    misses = fcache.stats()["misses"]
    b = _forecast(tiny, "2025Q3").to_frame()
    assert fcache.stats()["misses"] == misses
    pd.testing.assert_frame_equal(a, b)


def test_disk_cache_round_trip(tiny, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SPRINTMODEL_CACHE_DIR", str(tmp_path / "cache"))
    fcache.clear()
    a = _forecast(tiny, "2025Q3").to_frame()
    assert list((tmp_path / "cache").glob("fit-*.pkl"))
    fcache.clear()  # memory only: the disk copy answers
    hits = fcache.stats()["disk_hits"]
    b = _forecast(tiny, "2025Q3").to_frame()
    assert fcache.stats()["disk_hits"] > hits
    pd.testing.assert_frame_equal(a, b)


@pytest.fixture(scope="module")
def city_result():  # type: ignore[no-untyped-def]
    from sprintmodel.datasets import example_city

    city = example_city()  # shipped with the package: failing to load it is a failure
    return city, _forecast(city, "2026Q3")


def test_example_city_is_coherent(city_result) -> None:  # type: ignore[no-untyped-def]
    city, res = city_result
    frame = res.to_frame()
    assert frame.fy_growth.notna().all()
    for code, d in res.draws.items():
        if not city.indicators[code].additive:
            continue
        for a in range(len(d.units)):
            kids = np.flatnonzero(d.parent == a)
            if kids.size:
                gap = d.fy[:, a] - d.fy[:, kids].sum(axis=1)
                np.testing.assert_allclose(gap, gap[0], atol=1e-6 * abs(d.fy[0, a]))
        for u, code_u in enumerate(d.units):
            if city.units[code_u].kind == "park":
                assert d.parent[u] == -1


def test_cli_forecast_writes_the_contract_csv(tiny_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "fc.csv"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "sprintmodel",
            "forecast",
            str(tiny_folder),
            "--as-of",
            "2025Q3",
            "--out",
            str(out),
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    frame = pd.read_csv(out)
    assert list(frame.columns[:10]) == CONTRACT
    assert "Full-year forecast" in run.stdout


def test_cli_backtest_and_bad_years(tiny_folder: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "sprintmodel", "backtest", str(tiny_folder), "--years", "2020-2025"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    # Chinese by default, like every command: methods and headers named from the word lists
    assert "比例法" in run.stdout and "组合预测" in run.stdout and "ratio" not in run.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "sprintmodel", "backtest", str(tiny_folder), "--years", "twenty"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert bad.returncode == 1 and "--years" in bad.stderr and "Traceback" not in bad.stderr


def test_city_draws_are_smooth(city_result) -> None:  # type: ignore[no-untyped-def]
    # The joint draws used to reuse one past year's ranks per draw: with 11 past years the
    # city's GDP growth (a sum over districts) was bimodal with an empty gap around its 6%
    # target, and P(meet) stood still while the target moved.
    city, _ = city_result
    res = _forecast(city, "2026Q3", n_draws=10_000, rng=0)
    for code in ("gdp", "iva", "fai"):
        d = res.draws[code]
        g = d.fy_growth()[:, d.index(city.root)]
        lo, hi = np.quantile(g, [0.02, 0.98])
        counts, _ = np.histogram(g[(g >= lo) & (g <= hi)], 40)
        assert (counts > 0).all(), (code, counts)
        # P(meet) moves with the target in every 0.05 pp step of the central 90%.
        targets = np.arange(np.quantile(g, 0.05), np.quantile(g, 0.95), 0.05)
        p = np.array([(g >= t).mean() for t in targets])
        steps = -np.diff(p)
        assert (steps > 0).all(), (code, steps)
        assert steps.max() < 0.1, (code, steps.max())
    again = _forecast(city, "2026Q3", n_draws=10_000, rng=0).draws["gdp"].fy
    np.testing.assert_array_equal(again, res.draws["gdp"].fy)
