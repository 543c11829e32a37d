"""The reporting cycle as of a date (报送情况): who owed which report and who made it, from a Picture."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from jinsanjiao_cli.core.cycle import Item, Reporting
from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.core.picture import Picture
from jinsanjiao_cli.core.progress import Report
from jinsanjiao_cli.core.schedule import Period, current_period, default_period, find_period
from jinsanjiao_cli.text.i18n import t


def reporting_view(picture: Picture) -> Reporting | None:
    """Who owed which report and who made it, as of the picture's date; None when the plan has no schedule."""
    if picture.schedule is None:
        return None
    units = [unit.name for unit in picture.units if unit.name not in picture.coordinating]
    return Reporting(units, picture.owed, picture.placed, picture.last_reports, picture.periods, picture.as_of)


def require_schedule(view: Reporting | None) -> Reporting:
    if view is None:
        raise BadValue(t("schedule.none"))
    return view


def chosen_period(picture: Picture, view: Reporting, text: str | None) -> int:
    """The index of the period named by `--period` (else the latest period due by the as-of date)."""
    assert picture.schedule is not None
    period = find_period(text, picture.schedule, view.periods) if text else default_period(view.periods, view.as_of)
    return view.periods.index(period)


def default_since(cycle: Reporting | None, as_of: dt.date) -> dt.date:
    """The bulletin's --since: the due date of the period before the last one due (the previous bulletin's
    cut-off); else, with no schedule or only one period due, one month before the as-of date."""
    if cycle is not None:
        due = [period for period in cycle.periods if period.due <= as_of]
        if len(due) >= 2:
            return due[-2].due
    return month_before(as_of)


def month_before(day: dt.date) -> dt.date:
    """The same day a month earlier, or that month's last day (03-31 → 02-28)."""
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


class DueItem(NamedTuple):
    """One report a unit owes, where it stands (the cycle's own state), and the unit's latest report on the
    task as of the date (the report form starts from it)."""

    item: Item
    role: str  # lead | support
    previous: Report | None


class UnitDue(NamedTuple):
    """本期应报: what one unit owes this period, and what it still owes for the last period due."""

    unit: str
    as_of: dt.date
    period: Period
    items: tuple[DueItem, ...]
    overdue: tuple[DueItem, ...]  # the last period due before this one: its reports still missing


def unit_due_view(picture: Picture, unit: str) -> UnitDue | None:
    """A unit's 本期应报 from the same Reporting that `jsj reports` and `jsj status` count with, so the
    states (and any the cycle gains) are theirs. None when the plan has no reporting schedule."""
    cycle = reporting_view(picture)
    if cycle is None:
        return None
    latest = {(a.task_no, a.unit): a for a in picture.snapshot.assignments}
    index = current_period(cycle.periods, cycle.as_of)

    def due(period_index: int) -> tuple[DueItem, ...]:
        return tuple(
            DueItem(item, latest[(item.owed.task, unit)].role, latest[(item.owed.task, unit)].latest)
            for item in cycle.items(period_index)
            if item.owed.unit == unit
        )

    earlier = index - 1 if cycle.periods[index].due >= cycle.as_of else index
    missed = tuple(d for d in due(earlier) if d.item.state == "overdue") if 0 <= earlier < index else ()
    return UnitDue(unit, cycle.as_of, cycle.periods[index], due(index), missed)
