"""Full-year forecasts from year-to-date data, with calibrated intervals and coherent draws.

``forecast(dataset, as_of)`` returns a :class:`ForecastResult` (``to_frame()``, ``summary()``,
``draws``); ``backtest(dataset, years=...)`` the rolling-origin accuracy table of every method
(``backtest_origins``: at the sprint's origins Q3, October and November, one table).
Methods are registered by name in :data:`METHODS`; see ``docs/forecast.md``.
"""

from sprintmodel.forecast.api import DEFAULT_DRAWS, ForecastWarning, available_methods, forecast
from sprintmodel.forecast.backtest import BacktestResult, backtest, backtest_origins
from sprintmodel.forecast.config import ForecastConfig
from sprintmodel.forecast.draws import Draws, IndicatorDraws
from sprintmodel.forecast.methods import METHODS, Method, register
from sprintmodel.forecast.result import FORECAST_COLUMNS, ForecastResult

__all__ = [
    "DEFAULT_DRAWS",
    "FORECAST_COLUMNS",
    "METHODS",
    "BacktestResult",
    "Draws",
    "ForecastConfig",
    "ForecastResult",
    "ForecastWarning",
    "IndicatorDraws",
    "Method",
    "available_methods",
    "backtest",
    "backtest_origins",
    "forecast",
    "register",
]
