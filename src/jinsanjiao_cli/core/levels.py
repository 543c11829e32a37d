"""Tracking a `level` target (a value to reach by a year: an output, a number of enterprises) or a `share`
target (a percentage to reach), per scope. Pure: plain data in, plain data out.

For each scope, the latest recorded value by the as-of year is compared with the target:

* gap                = value − target (in the target's unit; for a share, in percentage points)
* reached            = 100 × value / target (level only)
* required growth    = 100 × ((target / value) ^ (1 / (target year − year)) − 1), percent a year (level)
* required per year  = (target − value) / (target year − year), points a year (share)

Status: met (value ≥ target), missed (the target year has passed without it), in progress, or no data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

STATUS_MET = "met"
STATUS_MISSED = "missed"
STATUS_IN_PROGRESS = "in_progress"
STATUS_NO_DATA = "no_data"


class LevelScope(NamedTuple):
    scope: str
    year: int | None  # the latest year with a value, up to the as-of year
    value: float | None
    target: float
    gap: float | None
    reached: float | None  # percent of the target (level only)
    required_growth: float | None  # percent a year still needed (level only)
    required_per_year: float | None  # points a year still needed (share only)
    status: str
    rows: tuple[tuple[int, float], ...]  # (year, value) recorded, up to the as-of year


class LevelTrack(NamedTuple):
    measure: str  # level | share
    target_value: float
    unit: str
    target_year: int
    as_of_year: int
    scopes: tuple[LevelScope, ...]


def track_level(
    values: Mapping[str, Mapping[int, float]],
    *,
    measure: str,
    target_value: float,
    unit: str,
    target_year: int,
    as_of_year: int,
) -> LevelTrack:
    """Each scope's latest value against the target."""
    scopes = tuple(
        _scope(name, by_year, measure, target_value, target_year, as_of_year) for name, by_year in values.items()
    )
    return LevelTrack(measure, target_value, unit, target_year, as_of_year, scopes)


def _scope(
    name: str, by_year: Mapping[int, float], measure: str, target: float, target_year: int, as_of_year: int
) -> LevelScope:
    rows = tuple(sorted((year, value) for year, value in by_year.items() if year <= as_of_year))
    if not rows:
        return LevelScope(name, None, None, target, None, None, None, None, STATUS_NO_DATA, rows)
    year, value = rows[-1]
    left = target_year - year
    met = value >= target
    status = STATUS_MET if met else (STATUS_MISSED if left <= 0 else STATUS_IN_PROGRESS)
    reached = 100.0 * value / target if measure == "level" and target > 0 else None
    growth = None
    per_year = None
    if not met and left > 0:
        if measure == "level" and value > 0:
            growth = 100.0 * ((target / value) ** (1 / left) - 1)
        if measure == "share":
            per_year = (target - value) / left
    return LevelScope(name, year, value, target, value - target, reached, growth, per_year, status, rows)
