"""The plan's completion at each month end (进度趋势): the export's 月度趋势 sheet and the cockpit's trend.

Pure: each month end's completion is the core's own `assess` on the picture's plan with the assignments'
latest progress at that day (`ledger.picture.latest_at_month_ends` reads them in one statement).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from jinsanjiao_cli.core import progress
from jinsanjiao_cli.core.picture import Picture
from jinsanjiao_cli.core.progress import AssignmentInput, Report
from jinsanjiao_cli.views.documents import r2, section_identity

ProgressAt = dict[dt.date, dict[tuple[int, str], float]]  # day → (task, unit) → latest progress then


class TrendPoint(NamedTuple):
    day: dt.date
    expected: float  # the plan's 序时进度 that day
    completion: float  # the plan's completion
    sections: dict[str, float]  # section row key (s1 … p3) → completion
    units: dict[str, float]  # unit → completion (ranked units only)


def month_ends(start: dt.date, as_of: dt.date) -> list[dt.date]:
    """Each month end from the month of `start` up to `as_of`, then `as_of` itself if it is not one."""
    days = []
    year, month = start.year, start.month
    while True:
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        end = following - dt.timedelta(days=1)
        if end > as_of:
            break
        days.append(end)
        year, month = following.year, following.month
    if not days or days[-1] != as_of:
        days.append(as_of)
    return days


def monthly_trend(picture: Picture, progress_at: ProgressAt) -> list[TrendPoint]:
    """The plan, each section and each unit at each day of `progress_at`, in date order."""
    points = []
    for day in sorted(progress_at):
        found = progress_at[day]
        assignments = tuple(
            AssignmentInput(a.task_no, a.unit, a.role, _report(day, found.get((a.task_no, a.unit))))
            for a in picture.snapshot.assignments
        )
        o = progress.assess(picture.at(day, assignments))
        sections = {s.key: s.completion for s in o.sections}
        points.append(TrendPoint(day, o.expected, o.completion, sections, {u.name: u.completion for u in o.units}))
    return points


def _report(day: dt.date, value: float | None) -> Report | None:
    # Only the progress matters to completion; the report's own date stands in as the day's.
    return None if value is None else Report(day, value)


def trend_document(picture: Picture, points: list[TrendPoint]) -> dict:
    """The trend as plain data, figures to two decimals as the JSON documents give them: the plan's sections
    (number and title) and, per month end, 序时进度, the plan's completion and each section's."""
    sections = progress.section_rows(picture.snapshot)
    return {
        "as_of": picture.as_of.isoformat(),
        "sections": [section_identity(s) for s in sections],
        "months": [
            {
                "date": point.day.isoformat(),
                "expected": r2(point.expected),
                "completion": r2(point.completion),
                "sections": [r2(point.sections.get(s.key)) for s in sections],
            }
            for point in points
        ],
    }
