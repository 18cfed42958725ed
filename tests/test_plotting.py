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


# ---------------------------------------------------------------------- next year's targets
OPTIONS = pd.DataFrame(
    {
        "option": ["cautious", "baseline", "ambitious", "province"],
        "target_growth": [4.5, 6.5, 7.5, 5.5],
        "probability": [0.81, 0.52, 0.30, 0.70],
        "tier": ["floor", "strive", "aspire", ""],
    }
)


def test_target_options_marks_options_tiers_and_the_chosen_target(ax):
    grid = np.linspace(2, 10, 81)
    curve = (grid, 1 - (grid - 2) / 8)
    art = smp.target_options(ax, OPTIONS, curve=curve, chosen=6.5, lang="en")
    assert list(art.curve.get_xdata()) == pytest.approx(list(grid))
    assert set(art.points) == {"cautious", "baseline", "ambitious", "province"}
    assert list(art.points["cautious"].get_ydata()) == [0.81]
    assert art.labels["cautious"].get_text() == "Floor 4.5% (81%)"
    assert (
        art.labels["province"].get_text() == "At least the province's 5.5% (70%)"
    )  # the option's one name
    # the chosen target's probability is read off the curve
    assert list(art.chosen.get_xdata()) == [6.5]
    assert art.chosen.get_ydata()[0] == pytest.approx(1 - 4.5 / 8)
    smp.update_target_options(art, 7.0, 0.4, lang="en")
    assert list(art.chosen.get_xdata()) == [7.0] and list(art.chosen_line.get_xdata()) == [7, 7]
    assert art.chosen_label.get_text() == "Chosen target 7.0%: 40%"


def test_target_options_without_a_choice_draws_no_marker(ax):
    art = smp.target_options(ax, OPTIONS, lang="zh")
    assert len(art.chosen.get_xdata()) == 0 and art.chosen_label.get_text() == ""
    assert art.labels["baseline"].get_text() == "力争 6.5% (52%)"


@pytest.fixture(scope="module")
def draft(city):
    return sm.draft_targets(
        city, 2027, bounds={"gdp/YHQ": (None, 8.0)}, projects=False, n_draws=200, rng=1
    )


def test_target_options_data_from_a_draft(draft):
    kw = smp.target_options_data(draft, "gdp", lang="en")
    g, p = kw["curve"]
    assert np.all(np.diff(g) > 0) and np.all(np.diff(p) <= 0) and p[0] > 0.95 and p[-1] < 0.05
    opts = kw["options"]
    assert set(opts.option) >= {"cautious", "baseline", "ambitious"}
    for r in opts.itertuples():  # the curve passes through every option
        assert draft.probability("gdp", r.target_growth) == pytest.approx(r.probability)
    assert kw["chosen"] == draft.city_targets["gdp"]
    assert "GDP" in kw["title"] or "Gross" in kw["title"]
    unit = smp.target_options_data(draft, "gdp", "SLQ")
    assert set(unit["options"].option) >= {"cautious", "baseline"} and unit["chosen"] is None


def test_allocation_bars_show_the_allocation_and_move_in_place(ax):
    from sprintmodel.targets import solve_allocation

    a = solve_allocation(
        6.0, [100.0, 100.0, 50.0], [4.0, 6.0, 9.0], [3.0, 3.0, 3.0], [8.0, 8.0, 8.0], units="ABC"
    )
    art = smp.allocation_bars(ax, a, names={"A": "甲"}, lang="en")
    assert art.units == ["A", "B", "C"]
    widths = [r.get_width() for r in art.bars.patches]
    assert widths == pytest.approx(list(a.growth))
    assert a.binding[2] == "upper"
    assert art.bars.patches[2].get_facecolor() != art.bars.patches[0].get_facecolor()
    assert "at upper bound" in art.texts[2].get_text()
    assert [b.get_width() for b in art.bounds.patches] == pytest.approx([5.0, 5.0, 5.0])
    assert list(art.city.get_xdata()) == [6.0, 6.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["甲", "B", "C"]
    rects = list(art.bars.patches)
    b = solve_allocation(
        4.0, [100.0, 100.0, 50.0], [4.0, 6.0, 9.0], [3.0, 3.0, 3.0], [8.0, 8.0, 8.0], units="ABC"
    )
    smp.update_allocation(art, b, lang="en")
    assert list(art.bars.patches) == rects
    assert [r.get_width() for r in rects] == pytest.approx(list(b.growth))
    assert list(art.city.get_xdata()) == [4.0, 4.0]
    with pytest.raises(ValueError, match="same units"):
        smp.update_allocation(art, b.to_frame().iloc[:2])


MILESTONES = pd.DataFrame(
    {
        "unit": "JC",
        "indicator": "gdp",
        "period": ["2027Q1", "2027Q2", "2027Q3", "2027Q4"],
        "ytd_growth": [6.3, 6.4, 6.5, 6.5],
        "completion_pct": [22.6, 46.8, 72.0, 100.0],
        "elapsed_pct": [25.0, 50.0, 75.0, 100.0],
    }
)


def test_milestone_chart_bars_line_and_double_half(ax):
    dh = pd.DataFrame(
        {
            "unit": ["JC"],
            "indicator": ["gdp"],
            "double_half_on_path": [False],
            "h1_growth_for_double_half": [13.83],
        }
    )
    art = smp.milestone_chart(ax, MILESTONES, double_half=dh, lang="en")
    assert art.periods == ["2027Q1", "2027Q2", "2027Q3", "2027Q4"]
    assert [r.get_height() for r in art.bars.patches] == pytest.approx([22.6, 46.8, 72.0, 100.0])
    assert list(art.elapsed.get_ydata()) == [25.0, 50.0, 75.0, 100.0]
    assert art.texts[1].get_text() == "growth 6.4%"
    assert art.note.get_text() == "No 双过半 at mid-year: H1 needs 13.8%"
    assert list(art.half.get_ydata()) == [50, 50]
    with pytest.raises(KeyError):
        smp.milestone_chart(ax, MILESTONES, unit="SLQ")


def test_milestone_chart_of_a_draft(ax, draft):
    art = smp.milestone_chart(
        ax, draft.milestones, unit="JC", indicator="gdp", double_half=draft.double_half
    )
    m = draft.milestones.query("unit == 'JC' and indicator == 'gdp'")
    assert [r.get_height() for r in art.bars.patches] == pytest.approx(list(m.completion_pct))
    assert art.note.get_text().startswith("上半年")


# ---------------------------------------------------------------------- sprint package
TORNADO = pd.DataFrame(
    {
        "unit": "JC",
        "indicator": "retail",
        "assumption": [
            "baseline forecast error",
            "lever consumption_vouchers → retail",
            "baseline forecast spread",
            "bridge fai → gdp",
        ],
        "kind": ["baseline", "lever", "spread", "bridge"],
        "low": ["p10", "3", "× 0.5", "0.08"],
        "high": ["p90", "5.8", "× 1.5", "0.2"],
        "gap_central_pp": 0.26,
        "gap_low_pp": [-0.37, 0.15, 0.253, 0.26],
        "gap_high_pp": [0.85, 0.43, 0.259, 0.26],
        "swing_pp": [1.22, 0.28, 0.006, 0.0],
        "p_central": 0.7,
        "p_low": [0.22, 0.62, 0.86, 0.7],
        "p_high": [0.96, 0.82, 0.64, 0.7],
    }
)


def test_tornado_bars_span_low_to_high_largest_swing_first(ax):
    names = {"consumption_vouchers": "发放消费券", "retail": "社零额"}
    art = smp.tornado(ax, TORNADO, names=names, lang="zh")
    # the bridge moves neither the gap nor the probability: left out
    assert art.assumptions == [
        "baseline forecast error",
        "lever consumption_vouchers → retail",
        "baseline forecast spread",
    ]
    lows, highs = art.low.patches, art.high.patches
    assert [r.get_x() for r in lows] == pytest.approx([0.26] * 3)
    assert [r.get_width() for r in lows] == pytest.approx([-0.63, -0.11, -0.007])
    assert [r.get_width() for r in highs] == pytest.approx([0.59, 0.17, -0.001])
    assert list(art.target.get_xdata()) == [0.0, 0.0]
    assert list(art.central.get_xdata()) == [0.26, 0.26]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    # the printout's words (words/notes.py), with the names given
    assert ticks == ["基线预测误差", "发放消费券对社零额的效果", "基线预测离散程度"]


def test_assumption_labels():
    assert smp.assumption_label("bridge fai → gdp", "en") == "bridge fai → gdp"
    assert smp.assumption_label("delays of signed projects (mean 3 months)") == (
        "已签约项目延误（均值3个月）"
    )
    assert smp.assumption_label("delay common factor (0.3)") == "项目延误共同因子（0.3）"
    assert smp.assumption_label("lever land_acceleration realisation", "en") == (
        "lever land_acceleration realisation"
    )
    assert smp.assumption_label(
        "elasticity ID ← iva", "zh", {"ID": "工业", "iva": "规上工业增加值"}
    ) == ("工业对规上工业增加值的弹性")
    assert smp.assumption_label("something new", "zh") == "something new"


def test_tornado_names_from_levers_and_indicators(engine, city):
    names = smp.tornado_names(engine.levers, city.indicators, "zh")
    assert names["consumption_vouchers"] == "发放消费券"
    assert names["gdp"] == city.indicators["gdp"].label("zh")


SINGLE = pd.DataFrame(
    {
        "lever": ["consumption_vouchers", "special_bonds"],
        "name_zh": ["发放消费券", "专项债"],
        "name_en": ["Vouchers", "Special bonds"],
        "probability_checked": [0.70, 0.08],
        "cost": [2.12, 20.0],
        "reaches": [True, False],
        "at_cap": [False, True],
    }
)


def test_lever_comparison_shows_each_lever_and_the_package(ax):
    art = smp.lever_comparison(
        ax,
        SINGLE,
        package_probability=0.695,
        package_cost=2.09,
        target_probability=0.7,
        baseline_probability=0.38,
        lang="en",
    )
    assert art.rows == ["consumption_vouchers", "special_bonds", "package"]
    assert [r.get_width() for r in art.bars.patches] == pytest.approx([0.70, 0.08, 0.695])
    assert list(art.required.get_xdata()) == [0.7, 0.7]
    assert list(art.baseline.get_xdata()) == [0.38, 0.38]
    assert "20.00 亿元" in art.texts[1].get_text() and "at its cap" in art.texts[1].get_text()
    assert "2.09 亿元" in art.texts[2].get_text()
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == ["Vouchers", "Special bonds", "Package"]


def test_lever_comparison_data_from_a_result():
    class Problem:
        target_probability = 0.8

    class Result:
        single_lever = SINGLE
        probability_checked = 0.21
        cost = 56.4
        problem = Problem()

        def target_table(self):
            return pd.DataFrame({"baseline_probability": [0.078]})

    kw = smp.lever_comparison_data(Result())
    assert kw["package_probability"] == 0.21 and kw["package_cost"] == 56.4
    assert kw["target_probability"] == 0.8 and kw["baseline_probability"] == 0.078
    assert kw["single_lever"] is SINGLE


def test_without_system_cjk_fonts_the_dev_install_still_draws_chinese(tmp_path):
    """A fresh machine: no system CJK font, a fresh matplotlib cache; the ``fonts`` extra
    (part of what ``python3 dev.py`` installs) gives Noto Sans CJK SC."""
    import subprocess
    import sys
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    extras = tomllib.loads((root / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    assert any("fonts" in d for d in extras["dev"]), "dev must install the fonts extra"
    code = (
        "from matplotlib import font_manager as fm\n"
        "fm.fontManager.ttflist = [f for f in fm.fontManager.ttflist if 'CJK' not in f.name]\n"
        "fm.findSystemFonts = lambda *a, **k: []\n"
        "from sprintmodel.plotting import fonts\n"
        "print(fonts.find_chinese_font(), fonts.chart_lang('zh'))\n"
    )
    env = {**__import__("os").environ, "MPLCONFIGDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Noto", "Sans", "CJK", "SC", "zh"]
