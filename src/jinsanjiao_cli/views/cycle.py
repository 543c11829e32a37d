"""The reporting cycle as of a date (报送情况): who owed which report and who made it, from a Picture."""

from __future__ import annotations

import datetime as dt

from jinsanjiao_cli.core.cycle import Reporting
from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.core.picture import Picture
from jinsanjiao_cli.core.schedule import default_period, find_period
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
