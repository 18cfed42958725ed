"""What every dashboard opens first: the data set, its default as-of and the scenario engine.

Kept apart from the panels so that :mod:`sprintmodel.ui.page` can use them without importing
the ``ui`` package itself.
"""

from __future__ import annotations

from typing import Any

from sprintmodel.figures import PUBLISHED_DRAWS, PUBLISHED_SEED


def load_data(data: Any = None) -> Any:
    """A :class:`~sprintmodel.data.DataSet`: the example city (None), a folder, or as given."""
    from sprintmodel.datasets import as_dataset

    return as_dataset(data)


def default_as_of(dataset: Any) -> str:
    """The period the pages open at: the latest in the data, as a quarter when it ends one
    (``2026-09`` → ``2026Q3``); when monthly figures run past the last quarter (October's are
    out, the fourth quarter's not) the pages open at that quarter and ``?as_of=2026-10`` (or
    the as-of box) moves them on."""
    obs = dataset.observations
    key = obs.year.to_numpy() * 12 + obs.month.to_numpy() - 1  # months since year 0
    quarterly = obs.freq.to_numpy() == "Q"
    if quarterly.any() and int(key.max()) > int(key[quarterly].max()):
        end = int(key[quarterly].max())
        return f"{end // 12}Q{(end % 12 + 1) // 3}"
    p = dataset.latest_period
    if p.freq == "M" and p.month % 3 == 0:
        return f"{p.year}Q{p.month // 3}"
    return str(p)


def build_engine(
    data: Any = None,
    as_of: str | None = None,
    *,
    n_draws: int = PUBLISHED_DRAWS,
    seed: int = PUBLISHED_SEED,
    levers: Any = None,
) -> Any:
    """Forecast the baseline and build a :class:`~sprintmodel.scenario.ScenarioEngine`.

    Parameters
    ----------
    data
        A data set, a data folder, or None for the bundled example city.
    as_of
        Period (default: the latest in the data, see :func:`default_as_of`).
    n_draws, seed
        Simulation draws and seed.
    levers
        A :class:`~sprintmodel.scenario.LeverSet` (default: the folder's ``levers.yaml``).
    """
    from sprintmodel.scenario import ScenarioEngine
    from sprintmodel.scenario.levers import open_data

    ds, lv = open_data(data, levers)
    return ScenarioEngine.build(
        ds, as_of or default_as_of(ds), levers=lv, n_draws=n_draws, seed=seed
    )


__all__ = ["build_engine", "default_as_of", "load_data"]
