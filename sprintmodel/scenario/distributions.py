"""Uncertain parameters: small frozen distributions with their source.

Lever effects, bridge weights and the realisation of timing levers are uncertain; the evidence
usually gives a range (the Hangzhou voucher studies found 3.4–5.8 yuan of extra spending per
yuan of subsidy), so defaults are ranges, not points. A :class:`Dist` is plain data: a registry
name (``fixed``, ``uniform``, ``triangular``), its parameters and the ``source`` of the numbers
(a citation, or the word "assumption" with the reasoning).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from sprintmodel.scenario._config import Where, check_keys, choice, mapping, number, text

Sampler = Callable[["Dist", np.random.Generator, int], np.ndarray]


def _fixed(d: Dist, rng: np.random.Generator, n: int) -> np.ndarray:
    return np.full(n, d.low)


def _uniform(d: Dist, rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.uniform(d.low, d.high, n) if d.high > d.low else np.full(n, d.low)


def _triangular(d: Dist, rng: np.random.Generator, n: int) -> np.ndarray:
    if d.high <= d.low:
        return np.full(n, d.low)
    return rng.triangular(d.low, d.mode, d.high, n)


SAMPLERS: dict[str, Sampler] = {
    "fixed": _fixed,
    "uniform": _uniform,
    "triangular": _triangular,
}
"""Registry of distribution shapes by name. Add a shape by adding a sampler here."""


@dataclass(frozen=True)
class Dist:
    """An uncertain number: a shape, its range and where the numbers come from.

    Parameters
    ----------
    kind
        ``"fixed"`` (``low`` only), ``"uniform"`` on ``[low, high]`` or ``"triangular"`` with
        ``low <= mode <= high``.
    low, mode, high
        Parameters, in the unit of the quantity (e.g. [亿元 per 亿元]).
    source
        Citation, or ``"assumption: ..."``.

    Examples
    --------
    >>> Dist("triangular", 2.0, 3.4, 5.8).mean
    3.733333333333333
    """

    kind: str
    low: float
    mode: float = float("nan")
    high: float = float("nan")
    source: str = ""

    def __post_init__(self) -> None:
        if self.kind not in SAMPLERS:
            raise ValueError(f"unknown distribution {self.kind!r}; use one of {list(SAMPLERS)}")
        if self.kind == "fixed":
            object.__setattr__(self, "mode", self.low)
            object.__setattr__(self, "high", self.low)
        elif self.kind == "uniform":
            object.__setattr__(self, "mode", (self.low + self.high) / 2)
        if not self.low <= self.mode <= self.high:
            raise ValueError(f"need low <= mode <= high, got {self.low}, {self.mode}, {self.high}")

    @classmethod
    def fixed(cls, value: float, source: str = "") -> Dist:
        """A number known exactly."""
        return cls("fixed", value, source=source)

    @property
    def mean(self) -> float:
        """Mean of the distribution."""
        if self.kind == "triangular":
            return (self.low + self.mode + self.high) / 3.0
        return (self.low + self.high) / 2.0

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` independent draws (float64 array)."""
        return np.asarray(SAMPLERS[self.kind](self, rng, n), dtype=np.float64)

    def to_dict(self) -> dict[str, Any]:
        """Plain data as written in YAML."""
        out: dict[str, Any] = {"dist": self.kind}
        if self.kind == "fixed":
            out["value"] = self.low
        elif self.kind == "uniform":
            out.update(low=self.low, high=self.high)
        else:
            out.update(low=self.low, mode=self.mode, high=self.high)
        if self.source:
            out["source"] = self.source
        return out

    def describe(self) -> str:
        """Short text such as ``triangular(2, 3.4, 5.8)``."""
        if self.kind == "fixed":
            return f"{self.low:g}"
        if self.kind == "uniform":
            return f"uniform({self.low:g}, {self.high:g})"
        return f"triangular({self.low:g}, {self.mode:g}, {self.high:g})"

    @classmethod
    def from_yaml(
        cls,
        value: Any,
        where: Where,
        *,
        low: float | None = None,
        high: float | None = None,
        need_source: bool = True,
    ) -> Dist:
        """Read ``{dist: triangular, low:, mode:, high:, source:}`` (or a bare number = fixed).

        ``low``/``high`` bound every parameter; a missing ``source`` is an error when
        ``need_source`` (every default number states its source or says it is an assumption).
        """
        if isinstance(value, int | float) and not isinstance(value, bool):
            if need_source:
                raise where.error(
                    "give the number with its source, e.g. {dist: fixed, value: "
                    f"{value}, source: 'assumption: ...'}}."
                )
            x = number(value, where, low=low, high=high)
            return cls.fixed(x)
        data: Mapping[str, Any] = mapping(value, where, "a distribution {dist: ..., ...}")
        kind = choice(data.get("dist", "fixed"), where / "dist", SAMPLERS, "distribution")
        params = {
            "fixed": ("value",),
            "uniform": ("low", "high"),
            "triangular": ("low", "mode", "high"),
        }[kind]
        check_keys(data, where, ("dist", *params, "source"), required=params)
        nums = {p: number(data[p], where / p, low=low, high=high) for p in params}
        source = text(data.get("source"), where / "source")
        if need_source and not source:
            raise (where / "source").error(
                "every number states its source or says 'assumption: <why>'; add a source."
            )
        try:
            if kind == "fixed":
                return cls.fixed(nums["value"], source)
            if kind == "uniform":
                if nums["high"] < nums["low"]:
                    raise (where / "high").error(
                        f"high {nums['high']:g} is below low {nums['low']:g}."
                    )
                return cls("uniform", nums["low"], high=nums["high"], source=source)
            return cls("triangular", nums["low"], nums["mode"], nums["high"], source)
        except ValueError as exc:
            raise where.error(f"{exc}.") from exc
