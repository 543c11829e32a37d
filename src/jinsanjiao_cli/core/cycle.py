"""Who owed a report, who reported, who is overdue (报送情况、逾期未报): pure functions on plain data.

Every responsible unit owes one report per period on every key task it holds (safeguards owe none). A
(task, unit) pair has reported for a period when one of its effective reports is dated inside the period's
window (`reported_periods`: the one rule everything else calls). As of a date D each (task, unit, period)
is reported (已报), overdue (逾期未报: no report and D is after the due date) or pending (待报: no report,
not yet due). Rates are percentages of what was owed; the formulas are in README "Reporting".
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

from jinsanjiao_cli.core.schedule import Period

State = Literal["reported", "overdue", "pending"]


class Owed(NamedTuple):
    """One (task, unit) pair that owes a report every period."""

    task: int
    title: str
    unit: str


class Contact(NamedTuple):
    """Whom to chase at a unit (`jsj unit set`)."""

    unit: str
    contact: str | None
    phone: str | None
    email: str | None


class Item(NamedTuple):
    """One owed report of one period, and where it stands."""

    owed: Owed
    period: Period
    state: State


class UnitSummary(NamedTuple):
    name: str
    owed: int
    reported: int
    overdue: int
    pending: int
    rate: float | None  # 100 x reported / owed; None when nothing is owed
    last_report: dt.date | None


class Overdue(NamedTuple):
    unit: str
    task: int
    title: str
    due: dt.date
    days_overdue: int


class PeriodCount(NamedTuple):
    period: str
    owed: int
    reported: int


class UnitRecord(NamedTuple):
    """A unit's record over every period due so far: the on-time rate, and each period's count."""

    unit: str
    rate: float | None
    periods: tuple[PeriodCount, ...]


ReportDays = dict[tuple[int, str], Sequence[dt.date]]  # (task, unit) → the dates of its effective reports


def reported_periods(days: Iterable[dt.date], periods: tuple[Period, ...], as_of: dt.date) -> set[int]:
    """The periods (indexes) a pair has reported for: a report dated on or before `as_of` inside the
    period's window. A report dated after a due date lands in the next window, so it never rescues the
    period it missed."""
    if not periods:
        return set()
    first, ends = periods[0].start, [p.end for p in periods]
    found = set()
    for day in days:
        if first <= day <= as_of:
            index = bisect_left(ends, day)
            if index < len(periods):
                found.add(index)
    return found


def state(reported: bool, period: Period, as_of: dt.date) -> State:
    if reported:
        return "reported"
    return "overdue" if as_of > period.due else "pending"


def rate(reported: int, owed: int) -> float | None:
    return 100.0 * reported / owed if owed else None


ReportedWindows = dict[tuple[int, str], set[int]]  # (task, unit) → the periods (indexes) it reported for


class Reporting:
    """The reporting picture as of a date: computed once from the owed pairs and the periods each reported
    for (`reported`, from `reported_periods` or the store's equivalent query) and each unit's last report."""

    def __init__(
        self,
        units: Sequence[str],
        owed: Sequence[Owed],
        reported: ReportedWindows,
        last: dict[str, dt.date],
        periods: tuple[Period, ...],
        as_of: dt.date,
    ):
        self.units, self.owed, self.periods, self.as_of = units, owed, periods, as_of
        self.reported = {pair: reported.get((pair.task, pair.unit), set()) for pair in owed}
        self.last = last

    @classmethod
    def from_days(
        cls, units: Sequence[str], owed: Sequence[Owed], days: ReportDays, periods: tuple[Period, ...], as_of: dt.date
    ) -> Reporting:
        """From every (task, unit)'s report dates, through the one window rule (`reported_periods`)."""
        reported = {key: reported_periods(dated, periods, as_of) for key, dated in days.items()}
        last: dict[str, dt.date] = {}
        for (_, unit), dated in days.items():
            latest = max((day for day in dated if day <= as_of), default=None)
            if latest is not None and (unit not in last or latest > last[unit]):
                last[unit] = latest
        return cls(units, owed, reported, last, periods, as_of)

    def items(self, index: int, task: int | None = None) -> list[Item]:
        """Every owed report of one period (by index), in plan order, with its state."""
        period = self.periods[index]
        return [
            Item(pair, period, state(index in self.reported[pair], period, self.as_of))
            for pair in self.owed
            if task is None or pair.task == task
        ]

    def unit_summaries(self, period_items: Sequence[Item]) -> list[UnitSummary]:
        """One line per unit for one period: owed, reported, overdue, pending, rate, last report."""
        summaries = []
        for name in self.units:
            mine = [item for item in period_items if item.owed.unit == name]
            counts = {s: sum(item.state == s for item in mine) for s in ("reported", "overdue", "pending")}
            reported = counts["reported"]
            summaries.append(
                UnitSummary(
                    name,
                    len(mine),
                    reported,
                    counts["overdue"],
                    counts["pending"],
                    rate(reported, len(mine)),
                    self.last.get(name),
                )
            )
        return summaries

    def due_indexes(self) -> list[int]:
        return [index for index, period in enumerate(self.periods) if period.due <= self.as_of]

    def on_time_rate(self, unit: str) -> float | None:
        """A unit's reporting rate over every period due so far: its share of owed reports made on time."""
        due = set(self.due_indexes())
        mine = [pair for pair in self.owed if pair.unit == unit]
        return rate(sum(len(self.reported[pair] & due) for pair in mine), len(due) * len(mine))

    def records(self, task: int | None = None) -> list[UnitRecord]:
        """Each unit's reported/owed in every period and its on-time rate, ranked by that rate (best first,
        units owing nothing last), so habitual late reporters stand out."""
        due = set(self.due_indexes())
        found = []
        for name in self.units:
            mine = [pair for pair in self.owed if pair.unit == name and (task is None or pair.task == task)]
            counts = tuple(
                PeriodCount(period.label, len(mine), sum(index in self.reported[pair] for pair in mine))
                for index, period in enumerate(self.periods)
            )
            on_time = sum(len(self.reported[pair] & due) for pair in mine)
            found.append(UnitRecord(name, rate(on_time, len(due) * len(mine)), counts))
        return sorted(found, key=lambda r: (r.rate is None, -(r.rate or 0)))


def overdue_list(period_items: Sequence[Item], as_of: dt.date) -> list[Overdue]:
    return [
        Overdue(item.owed.unit, item.owed.task, item.owed.title, item.period.due, (as_of - item.period.due).days)
        for item in period_items
        if item.state == "overdue"
    ]
