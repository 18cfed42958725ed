"""Charts (sprintmodel.plotting): they draw, return their artists, and update them in place.

The numbers come from the core (tested there); these tests check that the charts show them
and that Chinese labels render without missing glyphs when a CJK font is installed.
"""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import sprintmodel as sm
from sprintmodel import plotting as smp
from sprintmodel.plotting import fonts
from sprintmodel.scenario._testing import synthetic_baseline


@pytest.fixture(scope="module")
def city():
    return sm.example_city()


@pytest.fixture(scope="module")
def engine(city):
    base = synthetic_baseline(city, "2026Q3", n_draws=300, seed=3)
    return sm.ScenarioEngine(city, base, sm.levers_for_folder(city.folder), seed=3)


@pytest.fixture()
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def _draw(fig) -> list[str]:
    """Render ``fig`` and return the messages of warnings about missing glyphs."""
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        fig.canvas.draw()
    return [str(w.message) for w in rec if "missing from" in str(w.message)]


# ---------------------------------------------------------------------- fonts
def test_chinese_font_renders_without_missing_glyphs():
    if not smp.use_chinese_font("zh"):
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    fig, ax = plt.subplots()  # after use_chinese_font: texts take the font when created
    ax.set_title("江川市 地区生产总值 −1.5")
    ax.set_xlabel("增速(%)")
    assert _draw(fig) == []
    plt.close(fig)
    fam = matplotlib.rcParams["font.family"]
    assert fam[0] == "DejaVu Sans" and fam[1] == smp.find_chinese_font()
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_no_cjk_font_warns_once_and_falls_back_to_english(monkeypatch):
    fonts.reset()
    monkeypatch.setattr(fonts, "_known_families", lambda: {"DejaVu Sans"})
    monkeypatch.setattr(fonts, "_system_font_files", lambda: [])
    monkeypatch.setattr(fonts, "_mplfonts_files", lambda: [])
    before = list(matplotlib.rcParams["font.family"])
    try:
        with pytest.warns(smp.MissingChineseFontWarning, match="fonts-noto-cjk"):
            assert smp.use_chinese_font("zh") is False
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert smp.chart_lang("zh") == "en"  # no second warning
        assert list(matplotlib.rcParams["font.family"]) == before
    finally:
        fonts.reset()


def test_english_needs_no_font():
    assert smp.use_chinese_font("en") is False
    assert smp.chart_lang("en") == "en"


def test_font_file_is_registered_when_the_cache_hides_it(monkeypatch):
    """A font installed after the cache was built: the file is found and added."""
    files = fonts._system_font_files()
    if not files:
        pytest.skip("no CJK font file on this system")
    fonts.reset()
    added: list[str] = []
    known = {"DejaVu Sans"}

    def fake_known():
        return known

    def fake_add(path):
        added.append(path)
        known.add("Noto Sans CJK SC")

    monkeypatch.setattr(fonts, "_known_families", fake_known)
    monkeypatch.setattr(fonts.font_manager.fontManager, "addfont", fake_add)
    try:
        assert fonts.find_chinese_font() == "Noto Sans CJK SC"
        assert added
    finally:
        fonts.reset()


# ---------------------------------------------------------------------- fan chart
FORECAST = {"year": 2026, "point": 5.4, "lo80": 5.0, "hi80": 5.8, "lo95": 4.7, "hi95": 6.2}


def test_fan_chart_draws_history_and_bands(ax):
    art = smp.fan_chart(ax, [2023, 2024, 2025], [6.0, 5.5, 5.2], FORECAST, ytd=5.3, target=6.0)
    assert list(art.history.get_ydata()) == [6.0, 5.5, 5.2]
    xy95 = art.band95.get_xy()
    assert xy95[:, 1].max() == pytest.approx(6.2) and xy95[:, 1].min() == pytest.approx(4.7)
    assert list(art.point.get_ydata()) == [5.4]
    assert list(art.target.get_ydata()) == [6.0]
    assert art.anchor == (2025.0, 5.2)


def test_update_fan_moves_the_forecast_in_place(ax):
    art = smp.fan_chart(ax, [2024, 2025], [5.5, 5.2], FORECAST)
    band = art.band80
    smp.update_fan(art, {**FORECAST, "point": 6.1, "lo80": 5.9, "hi80": 6.3})
    assert art.band80 is band
    assert list(art.point.get_ydata()) == [6.1]
    assert band.get_xy()[:, 1].max() == pytest.approx(6.3)
    assert "6.1" in art.label.get_text()


def test_fan_data_from_a_forecast(city):
    from sprintmodel.forecast import forecast

    res = forecast(city, "2026Q3", n_draws=200, rng=0)
    kw = smp.fan_data(res, "JC", "gdp", years=5, lang="en")
    row = res.to_frame().query("unit == 'JC' and indicator == 'gdp'").iloc[0]
    assert kw["years"] == [2021, 2022, 2023, 2024, 2025]
    assert kw["forecast"]["point"] == pytest.approx(row.fy_growth)
    assert kw["forecast"]["hi95"] == pytest.approx(row.fy_growth_hi95)
    assert kw["target"] == pytest.approx(row.target_growth)
    # history: the published Q4 year-to-date growth of each past year
    obs = city.observations.query("unit == 'JC' and indicator == 'gdp' and period == '2025Q4'")
    assert kw["history"][-1] == pytest.approx(obs.ytd_growth.iloc[0])
    assert "Jiangchuan" in kw["title"]
    fig, ax = plt.subplots()
    smp.fan_chart(ax, **kw, lang="en")
    plt.close(fig)


# ---------------------------------------------------------------------- waterfall
def _wf(levels: dict[str, float], base: float = 5.0) -> pd.DataFrame:
    rows = [{"step": "baseline", "delta_pp": np.nan, "level": base}]
    lvl = base
    for k, v in levels.items():
        lvl += v
        rows.append({"step": k, "delta_pp": v, "level": lvl})
    rows.append({"step": "scenario", "delta_pp": np.nan, "level": lvl})
    return pd.DataFrame(rows)


def test_waterfall_bars_follow_the_attribution(ax):
    art = smp.waterfall(ax, _wf({"a": 0.3, "b": -0.1}), steps=["a", "b", "c"], target=5.5)
    assert art.steps == ["baseline", "a", "b", "c", "scenario"]
    heights = [r.get_height() for r in art.bars.patches]
    bottoms = [r.get_y() for r in art.bars.patches]
    assert heights == pytest.approx([5.0, 0.3, -0.1, 0.0, 5.2])
    assert bottoms == pytest.approx([0.0, 5.0, 5.3, 5.2, 0.0])
    assert art.texts[1].get_text() == "+0.30"
    assert art.texts[-1].get_text() == "5.20%"
    lo, hi = ax.get_ylim()
    assert lo < 5.0 and hi > 5.5


def test_update_waterfall_keeps_the_same_bars(ax):
    art = smp.waterfall(ax, _wf({"a": 0.3, "b": -0.1}), steps=["a", "b"])
    rects = list(art.bars.patches)
    smp.update_waterfall(art, _wf({"a": 0.5}))
    assert list(art.bars.patches) == rects
    assert [r.get_height() for r in rects] == pytest.approx([5.0, 0.5, 0.0, 5.5])
    assert art.texts[-1].get_text() == "5.50%"


def test_waterfall_of_a_scenario_with_lever_names(ax, engine):
    spec = engine.spec().with_lever("consumption_vouchers", 2.0)
    wf = engine.evaluate(spec).waterfall("JC", "gdp")
    names = smp.waterfall_labels(engine.levers, "zh")
    art = smp.waterfall(ax, wf, steps=["baseline", *engine.levers, "scenario"], labels=names)
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "发放消费券" in ticks
    cv = art.steps.index("consumption_vouchers")
    delta = float(wf.set_index("step").delta_pp["consumption_vouchers"])
    assert art.bars.patches[cv].get_height() == pytest.approx(delta)


# ---------------------------------------------------------------------- heatmap
def test_league_heatmap_shows_gaps_of_the_city_league(ax, city):
    t = sm.league_table(city, "2026Q3")
    art = smp.league_heatmap(ax, t, lang="en")
    lg = t.league("gdp")
    assert set(art.units) == set(lg.unit)
    j = art.indicators.index("gdp")
    for u, gap in zip(lg.unit, lg.gap_to_average_pp, strict=True):
        assert art.values[art.units.index(u), j] == pytest.approx(gap)
    assert len(art.texts) == len(art.units) * len(art.indicators)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "Shiling District" in labels


# ---------------------------------------------------------------------- gantt
def test_gantt_and_update(ax):
    frame = pd.DataFrame(
        {
            "project": ["P1", "P2"],
            "name": ["一号", "二号"],
            "planned_start": ["2026-01", "2026-11"],
            "planned_finish": ["2026-12", "2027-06"],
            "planned_entry": ["2026-02", ""],
            "planned_production": ["2026-10", None],
        }
    )
    art = smp.gantt(ax, frame, as_of="2026Q3")
    r0, r1 = art.bars.patches
    assert r0.get_x() == smp.month_index("2026-01") and r0.get_width() == 12
    assert r1.get_x() == smp.month_index("2026-11") and r1.get_width() == 8
    moved = frame.assign(
        start=["2026-01", "2027-01"],
        finish=["2026-12", "2027-08"],
        entry=["2026-02", ""],
        production=["2026-12", ""],
    )
    smp.update_gantt(art, moved)
    assert r1.get_x() == smp.month_index("2027-01")
    assert art.production.get_xdata()[0] == smp.month_index("2026-12") + 0.5
    assert smp.month_text(smp.month_index("2026-10"), "zh") == "2026年10月"
    assert smp.month_index("2026Q3") == smp.month_index("2026-09")


# ---------------------------------------------------------------------- saving
def test_save_figure_is_atomic(tmp_path, ax):
    ax.plot([1, 2], [3, 4])
    out = smp.save_figure(ax.figure, tmp_path / "sub" / "a.png")
    assert out.read_bytes()[:4] == b"\x89PNG"
    before = out.read_bytes()

    class Boom(Exception):
        pass

    def bad(*a, **k):
        raise Boom

    ax.figure.savefig = bad  # type: ignore[method-assign]
    with pytest.raises(Boom):
        smp.save_figure(ax.figure, out)
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == ["a.png"]


def test_plotting_is_not_imported_by_the_core():
    import subprocess
    import sys

    code = "import sprintmodel, sys; print('sprintmodel.plotting' in sys.modules, 'sprintmodel.ui' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
