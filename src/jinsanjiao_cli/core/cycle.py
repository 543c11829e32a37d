"""Who owed a report, who reported on time, late or not at all (报送情况、迟报、逾期未报): pure functions on
plain data.

Every responsible unit owes one report per period on every key task it holds (safeguards owe none). Which
period a report counts for is decided by `place_reports`, the one rule everything else calls:

- a report that names its period (`record --period`, the 报送期 column) counts for that period;
- any other report counts for the period whose window holds its date, except that the first one dated in
  the first half of a window makes up (补报) the period that has just fallen due, when that period has
  nothing yet. One report fills one period: a unit that reports every month a few days late is late every
  month, not missing every other one. A report in the second half of a window is that window's own, so a
  unit that skipped a period and then reports in time is missing that one period, not late ever after.

As of a date D each (task, unit, period) is then reported on time (按时已报: its report is dated on or
before the due date), late (迟报: dated after it, with the days late), overdue (逾期未报: no report and D is
after the due date) or pending (待报: no report, not yet due). Only reports dated on or before D count. The
reporting rate counts on-time reports; the assessment's R gives a late one a partial weight. The formulas
are in docs/formulas.md, "Reporting".
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

from jinsanjiao_cli.core.schedule import Period

State = Literal["reported", "late", "overdue", "pending"]
STATES: tuple[State, ...] = ("reported", "late", "overdue", "pending")


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
    reported_on: dt.date | None = None  # the date of the report that counts for the period
    days_late: int | None = None  # for a late report: days after the due date


class UnitSummary(NamedTuple):
    name: str
    owed: int
    reported: int  # on time
    late: int
    overdue: int
    pending: int
    rate: float | None  # 100 x reported on time / owed; None when nothing is owed
    last_report: dt.date | None


class Overdue(NamedTuple):
    unit: str
    task: int
    title: str
    due: dt.date
    days_overdue: int


class Late(NamedTuple):
    unit: str
    task: int
    title: str
    due: dt.date
    reported_on: dt.date
    days_late: int


class PeriodCount(NamedTuple):
    period: str
    owed: int
    reported: int  # on time
    late: int = 0
    overdue: int = 0
    pending: int = 0  # owed, not reported, not yet due (待报): a period to come is not a missed one
    due: dt.date | None = None


class UnitRecord(NamedTuple):
    """A unit's record over every period due so far: the on-time rate, and each period's count."""

    unit: str
    rate: float | None
    periods: tuple[PeriodCount, ...]


class WindowReports(NamedTuple):
    """The reports of one (task, unit) dated inside one window that name no period of their own."""

    reports: int
    first: dt.date
    last: dt.date


Placed = dict[int, dt.date]  # period index → the date of the earliest report that counts for it
Placements = dict[tuple[int, str], Placed]  # (task, unit) → its placed periods
Dated = tuple[dt.date, str | None]  # a report: its date and the period label it names (None: none)


def windows(periods: tuple[Period, ...], as_of: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Each window that has begun by `as_of`, cut at `as_of`: one per period, then, once the last period is
    due, the days after it (where a late report for the last period can still come)."""
    if not periods:
        return []
    found = [(period.start, min(period.end, as_of)) for period in periods if period.start <= as_of]
    after = periods[-1].due + dt.timedelta(days=1)
    if after <= as_of:
        found.append((after, as_of))
    return found


def window_of(day: dt.date, periods: tuple[Period, ...]) -> int | None:
    """The index of the window holding `day` (len(periods): after the last due date); None before the first."""
    if not periods or day < periods[0].start:
        return None
    return bisect_left([p.end for p in periods], day)


def making_up_until(index: int, periods: tuple[Period, ...]) -> dt.date:
    """The last day of the first half of window `index` (len(periods): the days after the last due date,
    as long as the last window): a report dated up to it, the first after a due date missed, makes that
    period up."""
    before = periods[index - 1]
    length = (
        (periods[index].due - periods[index].start).days if index < len(periods) else (before.due - before.start).days
    )
    return before.due + dt.timedelta(days=1 + length // 2)


def place_reports(in_windows: dict[int, WindowReports], own: Placed, periods: tuple[Period, ...]) -> Placed:
    """The periods one (task, unit) has reported for, each with the date of its earliest report (see the
    module docstring): `own` holds the reports that name their period, `in_windows` the others by window."""
    placed = dict(own)
    for index in sorted(in_windows):
        found = in_windows[index]
        spare, day = found.reports, found.first
        if index > 0 and index - 1 not in placed and found.first <= making_up_until(index, periods):  # 补报
            placed[index - 1] = found.first
            spare, day = spare - 1, found.last
        if spare and index < len(periods):
            placed[index] = min(placed.get(index, day), day)
    return placed


def placed_from_reports(reports: Iterable[Dated], periods: tuple[Period, ...], as_of: dt.date) -> Placed:
    """`place_reports` from every report of a pair, dated, with the period each names: the rule as written,
    against which the ledger's grouped reading is tested."""
    labels = {period.label: index for index, period in enumerate(periods)}
    own: Placed = {}
    days: dict[int, list[dt.date]] = {}
    for day, label in reports:
        if day > as_of:
            continue
        if label is not None and label in labels:
            index = labels[label]
            own[index] = min(own.get(index, day), day)
        elif label is None and (window := window_of(day, periods)) is not None:
            days.setdefault(window, []).append(day)
    grouped = {index: WindowReports(len(found), min(found), max(found)) for index, found in days.items()}
    return place_reports(grouped, own, periods)


def state(placed_on: dt.date | None, period: Period, as_of: dt.date) -> State:
    if placed_on is None:
        return "overdue" if as_of > period.due else "pending"
    return "reported" if placed_on <= period.due else "late"


def rate(reported: float, owed: int) -> float | None:
    return 100.0 * reported / owed if owed else None


class Reporting:
    """The reporting picture as of a date: computed once from the owed pairs, the periods each reported for
    (`placed`, from `place_reports` or the ledger's grouped reading of the same) and each unit's last report."""

    def __init__(
        self,
        units: Sequence[str],
        owed: Sequence[Owed],
        placed: Placements,
        last: dict[str, dt.date],
        periods: tuple[Period, ...],
        as_of: dt.date,
    ):
        self.units, self.owed, self.periods, self.as_of = units, owed, periods, as_of
        self.placed = {pair: placed.get((pair.task, pair.unit), {}) for pair in owed}
        self.last = last
        self.by_unit: dict[str, list[Owed]] = {}
        for pair in owed:
            self.by_unit.setdefault(pair.unit, []).append(pair)

    @classmethod
    def from_reports(
        cls,
        units: Sequence[str],
        owed: Sequence[Owed],
        reports: dict[tuple[int, str], Sequence[Dated]],
        periods: tuple[Period, ...],
        as_of: dt.date,
    ) -> Reporting:
        """From every (task, unit)'s reports, through the one rule (`placed_from_reports`)."""
        placed = {key: placed_from_reports(dated, periods, as_of) for key, dated in reports.items()}
        last: dict[str, dt.date] = {}
        for (_, unit), dated in reports.items():
            latest = max((day for day, _ in dated if day <= as_of), default=None)
            if latest is not None and (unit not in last or latest > last[unit]):
                last[unit] = latest
        return cls(units, owed, placed, last, periods, as_of)

    def item(self, pair: Owed, index: int) -> Item:
        period = self.periods[index]
        placed_on = self.placed[pair].get(index)
        found = state(placed_on, period, self.as_of)
        days_late = (placed_on - period.due).days if found == "late" and placed_on else None
        return Item(pair, period, found, placed_on, days_late)

    def items(self, index: int, task: int | None = None) -> list[Item]:
        """Every owed report of one period (by index), in plan order, with its state."""
        return [self.item(pair, index) for pair in self.owed if task is None or pair.task == task]

    def unit_summaries(self, period_items: Sequence[Item]) -> list[UnitSummary]:
        """One line per unit for one period: owed, on time, late, overdue, pending, rate, last report."""
        summaries = []
        for name in self.units:
            mine = [item for item in period_items if item.owed.unit == name]
            counts = {s: sum(item.state == s for item in mine) for s in STATES}
            summaries.append(
                UnitSummary(
                    name,
                    len(mine),
                    counts["reported"],
                    counts["late"],
                    counts["overdue"],
                    counts["pending"],
                    rate(counts["reported"], len(mine)),
                    self.last.get(name),
                )
            )
        return summaries

    def due_indexes(self) -> list[int]:
        return [index for index, period in enumerate(self.periods) if period.due <= self.as_of]

    def _due_counts(self, unit: str) -> tuple[int, int, int]:
        """(owed, on time, late) over every period due so far, for one unit."""
        states = [self.item(pair, index).state for index in self.due_indexes() for pair in self.by_unit.get(unit, ())]
        return len(states), states.count("reported"), states.count("late")

    def on_time_rate(self, unit: str) -> float | None:
        """A unit's reporting rate over every period due so far: its share of owed reports made on time."""
        owed, on_time, _ = self._due_counts(unit)
        return rate(on_time, owed)

    def weighted_rate(self, unit: str, late_weight: float) -> float | None:
        """The assessment's R before its default: on-time reports count 1, late ones `late_weight`."""
        owed, on_time, late = self._due_counts(unit)
        return rate(on_time + late_weight * late, owed)

    def records(self, task: int | None = None) -> list[UnitRecord]:
        """Each unit's on-time and late reports against owed in every period, and its on-time rate, ranked by
        that rate (best first, units owing nothing last), so habitual late reporters stand out."""
        due = set(self.due_indexes())
        found = []
        for name in self.units:
            mine = [pair for pair in self.by_unit.get(name, ()) if task is None or pair.task == task]
            counts = []
            on_time = 0
            for index, period in enumerate(self.periods):
                states = [self.item(pair, index).state for pair in mine]
                counts.append(
                    PeriodCount(
                        period.label,
                        len(mine),
                        states.count("reported"),
                        states.count("late"),
                        states.count("overdue"),
                        states.count("pending"),
                        period.due,
                    )
                )
                on_time += states.count("reported") if index in due else 0
            found.append(UnitRecord(name, rate(on_time, len(due) * len(mine)), tuple(counts)))
        return sorted(found, key=lambda r: (r.rate is None, -(r.rate or 0)))


def overdue_list(period_items: Sequence[Item], as_of: dt.date) -> list[Overdue]:
    return [
        Overdue(item.owed.unit, item.owed.task, item.owed.title, item.period.due, (as_of - item.period.due).days)
        for item in period_items
        if item.state == "overdue"
    ]


def late_list(period_items: Sequence[Item]) -> list[Late]:
    return [
        Late(item.owed.unit, item.owed.task, item.owed.title, item.period.due, item.reported_on, item.days_late)
        for item in period_items
        if item.state == "late" and item.reported_on is not None and item.days_late is not None
    ]
