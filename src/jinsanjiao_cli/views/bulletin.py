"""What the bulletin is written from: the documents `status`, `reports` and `problem list` print."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from jinsanjiao_cli.core import problems as problem_rules
from jinsanjiao_cli.core import progress
from jinsanjiao_cli.core.picture import Picture
from jinsanjiao_cli.core.progress import Snapshot
from jinsanjiao_cli.core.schedule import last_due
from jinsanjiao_cli.views import documents
from jinsanjiao_cli.views.assessment import assessment
from jinsanjiao_cli.views.cycle import reporting_view
from jinsanjiao_cli.views.documents import assessment_document
from jinsanjiao_cli.views.status import status_document, status_view
from jinsanjiao_cli.views.trend import TrendPoint, trend_document


class ProblemCounts(NamedTuple):
    """The problem list's movement in the bulletin's period (after --since, up to the as-of date)."""

    raised: int
    closed: int
    open: int  # open on the as-of date


class BulletinInputs(NamedTuple):
    status: dict  # `jsj status --format json`, with --since
    reporting: dict | None  # `jsj reports --format json` for the last period due; None: nothing due yet
    first_period: dict | None  # the schedule's first period (for "nothing due yet"); None: no schedule
    problems: list[dict]  # `jsj problem list --format json`: open, major first
    issuer: str | None
    issue_no: int | None
    assessment: dict | None = None  # `jsj assess --format json`
    trend: dict | None = None  # the monthly trend (views/trend.py), for the bulletin's 图1
    recipients: tuple[str, ...] = ()  # 主送, as the plan names them
    copied_to: tuple[str, ...] = ()  # 抄送
    problem_counts: ProblemCounts | None = None


def problem_counts(picture: Picture, since: dt.date | None) -> ProblemCounts:
    """Problems raised, and closures (销号), after `since` (none given: ever) up to the picture's date, and the
    problems open on that date."""
    as_of = picture.as_of
    after = since or dt.date.min
    raised = sum(after < p.raised <= as_of for p in picture.problems)
    closed = sum(u.kind == "close" and after < u.date <= as_of for p in picture.problems for u in p.updates)
    still_open = sum(p.raised <= as_of and problem_rules.state_as_of(p, as_of) == "open" for p in picture.problems)
    return ProblemCounts(raised, closed, still_open)


def bulletin_inputs(
    picture: Picture, earlier: Snapshot, issue_no: int | None, trend: list[TrendPoint] | None = None
) -> BulletinInputs:
    """The bulletin's inputs as of the picture's date: the documents `status` (its change measured from
    `earlier`, the --since date), `reports`, `problem list` and `assess` print, and the monthly trend."""
    as_of = picture.as_of
    cycle = reporting_view(picture)
    overview = progress.assess(picture.snapshot)
    view = status_view(picture, overview, earlier=progress.assess(earlier))
    reporting, first = None, None
    if cycle is not None:
        first = documents.period_document(cycle.periods[0])
        period = last_due(cycle.periods, as_of)
        if period is not None:
            reporting = documents.reports_document(cycle, cycle.periods.index(period))
    # open as of the date (one closed only later was open then), major and overdue first
    open_problems = [documents.problem_document(p, as_of) for p in view.problems if p.state == "open"]
    scores = assessment_document(as_of, picture.weights, assessment(picture, overview))
    return BulletinInputs(
        status_document(view),
        reporting,
        first,
        open_problems,
        picture.plan.issuer,
        issue_no,
        scores,
        trend_document(picture, trend) if trend is not None else None,
        picture.plan.recipients,
        picture.plan.copied_to,
        problem_counts(picture, earlier.as_of),
    )
