"""Settings of the forecast: combination, pooling and interval calibration, as plain data."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Loss = Literal["mae", "mse"]
Record = Literal["ratio", "stand_in"]


@dataclass(frozen=True)
class ForecastConfig:
    """Settings of the combination and of the calibrated intervals.

    Every default is an assumption chosen by a rule that applies to any data folder; none is
    fitted to one data set. ``ForecastConfig()`` prints as code you can paste back.

    Attributes
    ----------
    pool_years
        Prior weight of the pool, in years of a unit's own history [years]. A unit with ``n``
        years of backtest errors puts ``n / (n + pool_years)`` on its own record and the rest on
        the indicator's pool (every unit of the indicator: the city and its districts), both
        for the ranking of the methods (``n`` in discounted years, see ``discount``) and for
        the interval scale (``n`` in years). Assumption: 10. Methods'
        errors are strongly correlated, so their *differences* are small and need about ten
        years before one unit's own ranking is as reliable as the pool's.
    equal_share
        Share of equal weights mixed into the estimated weights [0-1]. Assumption: 0 (trimming
        already keeps the weights close to equal among the methods kept).
    trim
        Methods kept in the combination at each unit × origin: the ``trim`` best by past
        (shrunk) relative loss; 0 keeps all. Assumption: 2, "trimming" the worse half of the
        candidates as recommended by Timmermann (2006, *Handbook of Economic Forecasting*,
        ch. 4) and Granger and Jeon (2004, "thick modelling").
    loss
        Loss ranking the methods: ``"mae"`` (default; robust to the outlier years, such as
        2020, that dominate squared errors of regional statistics) or ``"mse"``.
    weight_power
        Weights are ``loss^-weight_power`` among the methods kept [1]. Assumption: 1.
    prior_years
        Shrink the pooled relative loss toward "all methods equal" with this many years of
        prior evidence [years]. Assumption: 0 (the pool across units already stabilises it).
    discount
        Discount factor of past years in each method's record [1]: the error of ``j`` years
        before the origin counts ``discount**(j - 1)`` (Stock and Watson 2004, "Combination
        forecasts of output growth in a seven-country data set", *Journal of Forecasting*
        23, 405-430, discounted MSFE with 0.9 among their values); 1 weighs every past year
        equally. Default 0.9 (a half-life of about 6.6 years): a method's ranking follows how
        it has done lately, not in the 1990s (``ets`` ranked second on the 1990s record and
        worst of the members since 2005 on the national industries). Also the unit's evidence
        ``n`` in the shrinkage toward the pool counts discounted years (at most 10).
    record
        What a member's record holds at origins where it says nothing (NaN): ``"stand_in"``
        (default) the forecast of the method it reduces to there, member or not
        (:attr:`~sprintmodel.forecast.methods.Method.stands_in`: ``seasonal_step`` says nothing
        where its smoothing weight would be 1, i.e. where it is momentum; so is its forecast
        when it is used alone), else, and with ``"ratio"``, the ratio rule's forecast. Assumption: a method is judged on what it
        would have forecast; charging it the ratio rule's errors where it is momentum by
        construction penalised it (main before 2026-12 used ``"ratio"``).
    min_pool
        Fewest pooled standardised errors for empirical interval quantiles [count]; below it
        Student-t quantiles are used. Assumption: 8 (the 10% and 90% quantiles need a few
        points on each side).
    min_pool_years
        Fewest past years behind those pooled errors [years]; below it Student-t quantiles are
        used too. The errors of one year move together across units (one common shock), so a
        dozen units in one year are not a dozen draws of the error distribution: with a single
        past year the empirical quantiles can all lie on one side of zero and the interval
        miss its own point forecast. Assumption: 3.
    fallback_df
        Degrees of freedom of that Student-t [1]. Assumption: 4, wider tails than the normal
        for an untested error distribution.
    calibration_prior_years
        Prior weight, in years, of "the volatility proxy is right" (calibration factor 1) in
        the pooled calibration factor of :func:`~sprintmodel.forecast.engine.calibrate` [years].
        Assumption: 2; the factor is about 1.2 on the national industries over 33 years and
        0.1 to 2.9 when estimated from one year, so one or two years of errors must not shrink
        the intervals to nothing; over 30 years the prior moves the factor by under 1%.
    proxy_periods
        Single periods in the volatility proxy that scales units without a backtest [periods].
        Assumption: 8 (two years of quarters, eight months).
    min_rest_sd
        Floor of the proxy's standard deviation of single-period growth [pp]. Assumption: 1.0.
    default_rest_sd
        Proxy standard deviation where fewer than two single periods are known [pp].
        Assumption: 3.0, a typical spread of Chinese districts' quarterly growth.
    min_sigma
        Floor of the interval scale [pp]. Assumption: 0.05 (published growth is rounded to
        0.1).
    """

    pool_years: float = 10.0
    equal_share: float = 0.0
    trim: int = 2
    loss: Loss = "mae"
    weight_power: float = 1.0
    prior_years: float = 0.0
    discount: float = 0.9
    record: Record = "stand_in"
    min_pool: int = 8
    min_pool_years: int = 3
    fallback_df: float = 4.0
    calibration_prior_years: float = 2.0
    proxy_periods: int = 8
    min_rest_sd: float = 1.0
    default_rest_sd: float = 3.0
    min_sigma: float = 0.05

    def __post_init__(self) -> None:
        if self.pool_years < 0 or self.prior_years < 0:
            raise ValueError("pool_years and prior_years must be >= 0")
        if not 0.0 <= self.equal_share <= 1.0:
            raise ValueError("equal_share must be within [0, 1]")
        if self.trim < 0 or self.weight_power <= 0:
            raise ValueError("trim must be >= 0 and weight_power > 0")
        if self.loss not in ("mae", "mse"):
            raise ValueError(f"loss must be 'mae' or 'mse', not {self.loss!r}")
        if not 0.0 < self.discount <= 1.0:
            raise ValueError("discount must be within (0, 1]")
        if self.record not in ("ratio", "stand_in"):
            raise ValueError(f"record must be 'ratio' or 'stand_in', not {self.record!r}")
        if self.min_pool < 1 or self.proxy_periods < 2:
            raise ValueError("min_pool must be >= 1 and proxy_periods >= 2")

    def key(self) -> str:
        """A stable text form for cache keys."""
        return repr(sorted(asdict(self).items()))
