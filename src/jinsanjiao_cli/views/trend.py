"""The monthly trend: the plan's, each section's and each unit's completion at each month end.

One computation for the export's 月度趋势 sheet and the cockpit's 进度趋势 chart, so the two never disagree:
each month end is the status picture as of that day (`progress.assess` on `store.snapshot`), exactly what
`jsj status --as-of <month end>` prints.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from jinsanjiao_cli import progress, store
from jinsanjiao_cli.db import Database
from jinsanjiao_cli.documents import r2


class TrendPoint(NamedTuple):
    day: dt.date
    expected: float
    completion: float
    sections: tuple[float, ...]  # in the plan's section order
    units: dict[str, float]  # ranked units only (a unit with no assignment has no completion)


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


def monthly_trend(db: Database, start: dt.date, as_of: dt.date) -> list[TrendPoint]:
    """The status picture at each of `month_ends(start, as_of)`."""
    return [_point(day, overview) for day, overview in _overviews(db, start, as_of)]


def _overviews(db: Database, start: dt.date, as_of: dt.date) -> list[tuple[dt.date, progress.Overview]]:
    return [(day, progress.assess(store.snapshot(db, day, with_activity=False))) for day in month_ends(start, as_of)]


def _point(day: dt.date, overview: progress.Overview) -> TrendPoint:
    return TrendPoint(
        day,
        overview.expected,
        overview.completion,
        tuple(s.completion for s in overview.sections),
        {u.name: u.completion for u in overview.units},
    )


def trend_document(db: Database, as_of: dt.date) -> dict:
    """The trend as plain data, figures to two decimals as the JSON documents give them: the plan's sections
    (number and title) and, per month end, 序时进度, the plan's completion and each section's."""
    overviews = _overviews(db, store.plan_info(db)["period_start"], as_of)
    return {
        "as_of": as_of.isoformat(),
        "sections": [{"no": s.no, "title": s.title} for s in overviews[-1][1].sections],
        "months": [
            {
                "date": day.isoformat(),
                "expected": r2(overview.expected),
                "completion": r2(overview.completion),
                "sections": [r2(s.completion) for s in overview.sections],
            }
            for day, overview in overviews
        ],
    }
