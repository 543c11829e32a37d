"""A plan's targets as plain data, and how each stands against the statistics recorded for it (pure).

A target is of one kind (`measure`): `real_growth` (a real growth rate a year, tracked as a chained volume
index: core/growth.py), or `level` / `share` (a value to reach by a year: core/levels.py). Statistics are
recorded per scope; a target without scopes is measured for the plan's whole area, the scope `PLAN_WIDE`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from jinsanjiao_cli.core.growth import Figure, TargetTrack, track_target
from jinsanjiao_cli.core.levels import LevelTrack, track_level
from jinsanjiao_cli.core.names import Named

# Statistics of a target that has no scopes are recorded under this scope: the plan's whole area.
PLAN_WIDE = "*"


class TargetInfo(NamedTuple):
    """A target as the plan states it: its kind (`measure`), what it aims at, where it is measured."""

    indicator: str
    rate: float | None  # real_growth: percent a year
    target_year: int
    base_year: int
    zone: Named | None  # the scopes combined, when the plan names the whole
    scopes: tuple[Named, ...]  # empty: the target is measured for the plan's whole area (PLAN_WIDE)
    key: str = ""
    measure: str = "real_growth"  # real_growth | level | share
    value: float | None = None  # level or share: the value to reach
    unit: str | None = None  # level or share: the value's unit (%, 家, 亿元 …)
    level_unit: str | None = None  # real_growth: the unit GDP levels are given in

    def measured_scopes(self) -> tuple[Named, ...]:
        """Where statistics are recorded: the scopes, or the plan's whole area."""
        return self.scopes or (Named(PLAN_WIDE, (self.key, self.indicator)),)


class Statistic(NamedTuple):
    """One recorded figure of a target's scope for a year (`jsj indicator set`)."""

    target_key: str
    scope: str
    year: int
    gdp: float | None
    growth: float | None
    value: float | None


Track = TargetTrack | LevelTrack


def default_as_of_year(years: list[int], as_of: dt.date, base_year: int) -> int:
    """The latest year with statistics that had ended by the as-of date; else the year before it.

    A year's statistics are published after it ends, so a report as of mid-2022 looks at 2021 at most.
    """
    ended = [year for year in years if year < as_of.year]
    return max(max(ended, default=as_of.year - 1), base_year)


def _by_scope(info: TargetInfo, statistics: Iterable[Statistic]) -> dict[str, list[Statistic]]:
    found: dict[str, list[Statistic]] = {scope.name: [] for scope in info.measured_scopes()}
    for row in statistics:
        if row.target_key == info.key and row.scope in found:
            found[row.scope].append(row)
    return found


def track(
    info: TargetInfo,
    statistics: Iterable[Statistic],
    *,
    as_of: dt.date,
    base_year: int | None = None,
    as_of_year: int | None = None,
) -> Track:
    """How a target stands: the real-growth chain, or a level or share against its value."""
    base = base_year if base_year is not None else info.base_year
    by_scope = _by_scope(info, statistics)
    if info.measure == "real_growth":
        figures = {scope: {r.year: Figure(r.year, r.gdp, r.growth) for r in rows} for scope, rows in by_scope.items()}
        recorded = [year for scope in figures.values() for year in scope]
        year = as_of_year if as_of_year is not None else default_as_of_year(recorded, as_of, base)
        return track_target(
            figures,
            zone=info.zone.name if info.zone else None,
            base_year=base,
            as_of_year=year,
            target_year=info.target_year,
            target_rate=info.rate or 0.0,
        )
    values = {scope: {r.year: r.value for r in rows if r.value is not None} for scope, rows in by_scope.items()}
    recorded = [year for scope in values.values() for year in scope]
    year = as_of_year if as_of_year is not None else default_as_of_year(recorded, as_of, base)
    assert info.value is not None  # plan check requires a value for a level or share target
    return track_level(
        values, measure=info.measure, target_value=info.value, unit=info.unit or "", target_year=info.target_year,
        as_of_year=year,
    )  # fmt: skip
