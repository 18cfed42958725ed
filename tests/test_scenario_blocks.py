"""A scenario in blocks of draws (sprintmodel.scenario.blocks) gives the statistics of all its
draws exactly, and a scenario that fits in one block is the unchunked engine bit for bit."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sprintmodel import example_city
from sprintmodel.errors import InputError
from sprintmodel.limits import MEMORY_BUDGET, block_size, check_draws, max_draws
from sprintmodel.scenario import ScenarioEngine, ScenarioSpec
from sprintmodel.scenario.blocks import block_seed, block_sizes, evaluate_blocks
from sprintmodel.scenario.stats import QUANTILES

ROOT = Path(__file__).resolve().parents[1]
SPRINT = ROOT / "data" / "example_city" / "scenarios" / "full_sprint.yaml"


@pytest.fixture(scope="module")
def city():  # type: ignore[no-untyped-def]
    return example_city()


@pytest.fixture(scope="module")
def blocked(city):  # type: ignore[no-untyped-def]
    """The full sprint with 600 draws in three forced blocks of 200, and the three blocks run
    on their own as unchunked engines (seeds of :func:`block_seed`)."""
    spec = ScenarioSpec.from_yaml(SPRINT).replace(draws=600)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = evaluate_blocks(city, spec, block=200)
        parts = []
        for k in range(3):
            s = spec.replace(draws=200, seed=block_seed(spec.seed, k))
            parts.append(ScenarioEngine.from_spec(s, city).evaluate(s))
    return spec, result, parts


def test_block_sizes_follow_the_budget() -> None:
    assert block_sizes(600, 68, 200) == [200, 200, 200]
    assert block_sizes(650, 68, 200) == [200, 200, 200, 50]
    assert block_sizes(2000, 68) == [2000]  # fits: one block, the unchunked engine
    sizes = block_sizes(1_000_000, 68)
    assert sum(sizes) == 1_000_000 and sizes[0] == 10_000
    # 2 GiB − 400 MiB − 1e6 · 16 B · 68 − 10,000 · 200 B · 68, in blocks of 200 B · 68 a draw
    expected = (2 * 1024**3 - 400 * 1024**2 - 1_000_000 * 16 * 68 - 10_000 * 13_600) // 13_600
    assert block_size(1_000_000, 68) == expected == 37_062
    assert max(sizes) == expected


def test_a_million_scenario_draws_fit_the_budget_and_more_series_do_not() -> None:
    check_draws(1_000_000, 68, "scenario")  # the example city: accepted, run in blocks
    assert max_draws(68, "scenario") == 1_438_284
    with pytest.raises(InputError, match=r"GB of memory .* more than the 2 GB budget"):
        check_draws(1_000_000, 2_000, "scenario")
    assert MEMORY_BUDGET == 2 * 1024**3


def test_blocks_hold_exactly_the_draws_of_their_unchunked_engines(blocked) -> None:  # type: ignore[no-untyped-def]
    spec, result, parts = blocked
    assert result.engine.n_draws == 600 and result.engine.seed == spec.seed
    for code, fy in result.fy.items():
        assert fy.shape[0] == 600
        np.testing.assert_array_equal(fy, np.concatenate([p.fy[code] for p in parts]))
        base = np.concatenate([p.engine.plans[code].draws.fy for p in parts])
        np.testing.assert_array_equal(result.engine.plans[code].draws.fy, base)


def test_merged_statistics_are_those_of_all_the_draws(blocked) -> None:  # type: ignore[no-untyped-def]
    """Quantiles and P(meet) bit for bit as numpy computes them on the 600 draws; means and
    the attribution to rounding."""
    _, result, parts = blocked
    for code, fy in result.fy.items():
        st = result.indicator_stats(code)
        plan = result.engine.plans[code]
        np.testing.assert_array_equal(st.q, np.quantile(fy, QUANTILES, axis=0))
        has = np.isfinite(plan.target_level)
        meets = plan.draws.indicator.meets(fy[:, has], plan.target_level[has]).mean(axis=0)
        np.testing.assert_array_equal(st.p_meet[has], meets)
        np.testing.assert_allclose(st.mean, fy.mean(axis=0), rtol=1e-12)
        base = result.engine.baseline_stats[code]
        np.testing.assert_array_equal(base.q, np.quantile(plan.draws.fy, QUANTILES, axis=0))
        for name, delta in result.components[code].items():
            each = np.mean([p.components[code][name] for p in parts], axis=0)
            np.testing.assert_allclose(delta, each, rtol=1e-12, atol=1e-12)
    frame = result.summary_frame().set_index(["unit", "indicator"])
    city = frame.loc[("JC", "gdp")]
    fy = result.fy["gdp"][:, 0]
    base_full = result.engine.plans["gdp"].draws.base_full[0]
    assert city.fy_growth_p50 == pytest.approx(100 * (np.median(fy) / base_full - 1), abs=1e-12)


def test_one_block_is_the_unchunked_engine(city, blocked) -> None:  # type: ignore[no-untyped-def]
    spec, _, parts = blocked
    small = spec.replace(draws=200)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        one = evaluate_blocks(city, small)
    pd.testing.assert_frame_equal(one.summary_frame(), parts[0].summary_frame())
    pd.testing.assert_frame_equal(one.attribution(), parts[0].attribution())


def test_a_blocked_engine_refuses_other_scenarios(blocked) -> None:  # type: ignore[no-untyped-def]
    spec, result, _ = blocked
    with pytest.raises(InputError, match="evaluated in blocks"):
        result.engine.evaluate(spec)


def test_blocked_result_writes_its_draws(blocked, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, result, _ = blocked
    result.write(tmp_path / "out")
    with np.load(tmp_path / "out" / "draws.npz") as z:
        assert z["fy__gdp"].shape == (600, result.fy["gdp"].shape[1])
        np.testing.assert_array_equal(z["fy__gdp"], result.fy["gdp"].astype(np.float32))
        assert "full_sprint" in str(z["meta"])


def test_a_batch_runs_a_scenario_beyond_one_engine_in_blocks(
    blocked,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``sprintmodel brief`` and a multi-scenario ``run`` (the batch) take the same blocks."""
    import sprintmodel.scenario.batch as batch
    import sprintmodel.scenario.blocks as blocks
    from sprintmodel.scenario.jobs import data_bundle, prepare_jobs

    spec, result, _ = blocked
    monkeypatch.setattr(batch, "block_size", lambda n, s: min(n, 200))
    monkeypatch.setattr(blocks, "block_size", lambda n, s: min(n, 200))
    bundle = data_bundle(ROOT / "data" / "example_city")
    jobs = prepare_jobs([spec], bundle.dataset, bundle.levers)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = batch.run_one(bundle, jobs[0], batch.RunOptions(league=False))
    assert out.status == "ok", out.error
    pd.testing.assert_frame_equal(out.summary, result.to_frame())
