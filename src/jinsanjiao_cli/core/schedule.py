"""The reporting schedule: periods, their windows and due dates (pure; documented in README "Reporting").

A plan's units report monthly or quarterly. A period is named `2022-06` (monthly) or `2022Q2` (quarterly;
`2022-06` also names the quarter that holds it). Its report is due on `due_day` of its last month (in a
shorter month, on the month's last day). Its window runs from the day after the previous period's due
date through its own due date; the first period's window starts on the plan's start date. A report counts
for the period whose window holds its date, so one dated after a due date counts for the next period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left
from typing import Literal, NamedTuple

from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.core.values import FIRST_YEAR, LAST_YEAR
from jinsanjiao_cli.text.i18n import t

Frequency = Literal["monthly", "quarterly"]


class Schedule(NamedTuple):
    """The schedule as stored: every default already filled in."""

    frequency: Frequency
    due_day: int
    first_period: str
    last_period: str


class Period(NamedTuple):
    label: str  # 2022-06 or 2022Q2
    start: dt.date  # first day of its window
    end: dt.date  # last day of its window: the due date
    due: dt.date
    first_month: dt.date  # the first day of the period's first month (for wording: 2022年6月, 第二季度)


_MONTH_LABEL = re.compile(r"(\d{4})-(\d{1,2})")
_QUARTER_LABEL = re.compile(r"(\d{4})[Qq]([1-4])")


def period_label(text: str, frequency: Frequency) -> str:
    """The canonical label of a period as typed. Raises ValueError saying the expected form."""
    cleaned = text.strip()
    if month := _MONTH_LABEL.fullmatch(cleaned):
        year, number = int(month[1]), int(month[2])
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= number <= 12:
            return label_of(year, number, frequency)
    quarter = _QUARTER_LABEL.fullmatch(cleaned) if frequency == "quarterly" else None
    if quarter and FIRST_YEAR <= int(quarter[1]) <= LAST_YEAR:
        return f"{quarter[1]}Q{quarter[2]}"
    example = "2022-06" if frequency == "monthly" else t("schedule.quarterly_example")
    raise ValueError(t("schedule.bad_period", text=text, frequency=t(f"schedule.{frequency}"), example=example))


def label_of(year: int, month: int, frequency: Frequency) -> str:
    # Both forms are fixed-width, so labels of one frequency sort in time order as plain strings.
    return f"{year}-{month:02}" if frequency == "monthly" else f"{year}Q{(month - 1) // 3 + 1}"


def period_holding(day: dt.date, frequency: Frequency) -> str:
    return label_of(day.year, day.month, frequency)


def period_after(day: dt.date, frequency: Frequency) -> str:
    """The period after the one holding `day` (a plan issued in December 2021 reports from 2022-01)."""
    months = _months(frequency)
    first_month = (day.month - 1) // months * months
    year, month = divmod(day.year * 12 + first_month + months, 12)
    return label_of(year, month + 1, frequency)


def _months(frequency: Frequency) -> int:
    return 1 if frequency == "monthly" else 3


def _first_month(label: str) -> dt.date:
    if "Q" in label:
        year, quarter = label.split("Q")
        return dt.date(int(year), 3 * int(quarter) - 2, 1)
    year, month = label.split("-")
    return dt.date(int(year), int(month), 1)


def due_date(first_month: dt.date, frequency: Frequency, due_day: int) -> dt.date:
    """The due day of the period's last month; in a shorter month its last day (due_day 31 in June: 30)."""
    total = first_month.year * 12 + first_month.month - 1 + _months(frequency) - 1
    year, month = divmod(total, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(due_day, last_day))


def periods(schedule: Schedule, plan_start: dt.date) -> tuple[Period, ...]:
    """Every period of the schedule, in order, with its window and due date."""
    found: list[Period] = []
    month = _first_month(schedule.first_period)
    last = _first_month(schedule.last_period)
    while month <= last:
        due = due_date(month, schedule.frequency, schedule.due_day)
        start = found[-1].due + dt.timedelta(days=1) if found else plan_start
        found.append(Period(label_of(month.year, month.month, schedule.frequency), start, due, due, month))
        total = month.year * 12 + month.month - 1 + _months(schedule.frequency)
        month = dt.date(total // 12, total % 12 + 1, 1)
    return tuple(found)


def period_of(day: dt.date, all_periods: tuple[Period, ...]) -> int | None:
    """The index of the period whose window holds `day`, or None (before the first, after the last)."""
    if not all_periods or day < all_periods[0].start:
        return None
    index = bisect_left([p.end for p in all_periods], day)
    return index if index < len(all_periods) else None


def find_period(text: str, schedule: Schedule, all_periods: tuple[Period, ...]) -> Period:
    """The period a user named, refused with a reason if malformed or outside the schedule."""
    try:
        label = period_label(text, schedule.frequency)
    except ValueError as exc:
        raise BadValue(str(exc)) from None
    for period in all_periods:
        if period.label == label:
            return period
    raise BadValue(t("schedule.outside", period=label, first=schedule.first_period, last=schedule.last_period))


def default_period(all_periods: tuple[Period, ...], as_of: dt.date) -> Period:
    """The latest period whose due date is on or before `as_of`; the first period if none is due yet."""
    due = [p for p in all_periods if p.due <= as_of]
    return due[-1] if due else all_periods[0]


def last_due(all_periods: tuple[Period, ...], as_of: dt.date) -> Period | None:
    due = [p for p in all_periods if p.due <= as_of]
    return due[-1] if due else None


def current_period(all_periods: tuple[Period, ...], as_of: dt.date) -> int:
    """The index of the first period whose report is not yet due (its due date is today or later); the
    last period once every one is due."""
    for index, period in enumerate(all_periods):
        if period.due >= as_of:
            return index
    return len(all_periods) - 1


def relabel(label: str, frequency: Frequency, *, last: bool = False) -> str:
    """A period label of either frequency as the period of `frequency` that holds its first month (its last
    month with `last`): 2022-05 is 2022Q2 quarterly; 2022Q2 is 2022-04 monthly, or 2022-06 as a last period."""
    month = _first_month(label)
    if last and "Q" in label:
        month = dt.date(month.year, month.month + 2, 1)
    return label_of(month.year, month.month, frequency)


def month_of(label: str) -> dt.date:
    """The first day of a period's first month (2022Q2: 2022-04-01), to compare labels of either form."""
    return _first_month(label)
