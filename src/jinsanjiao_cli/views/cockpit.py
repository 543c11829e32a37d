"""What the cockpit (驾驶舱) is drawn from: the documents the commands print as JSON, as of one date.

Each is built by the same functions as its command, so every chart holds the numbers a script reading
`jsj status`, `jsj reports --period all`, `jsj problem list --all` and `jsj assess` (`--format json`, same
`--as-of`) sees; the tests hold them equal. The targets are the status document's `targets`, which are
`jsj target`'s documents as of the date. The monthly trend is `views.trend`, shared with the export.
"""

from __future__ import annotations

from typing import NamedTuple

from jinsanjiao_cli.core import progress
from jinsanjiao_cli.core.picture import Picture
from jinsanjiao_cli.core.schedule import default_period
from jinsanjiao_cli.views import documents
from jinsanjiao_cli.views.assessment import assessment
from jinsanjiao_cli.views.cycle import reporting_view
from jinsanjiao_cli.views.status import status_document, status_view
from jinsanjiao_cli.views.trend import TrendPoint, trend_document


class CockpitDocuments(NamedTuple):
    status: dict  # jsj status --format json
    trend: dict  # views.trend.trend_document
    reports: dict | None  # jsj reports --period all --format json; None: the plan has no reporting schedule
    problems: list[dict]  # jsj problem list --all --format json
    assessment: dict  # jsj assess --format json


def cockpit_documents(picture: Picture, trend: list[TrendPoint]) -> CockpitDocuments:
    as_of = picture.as_of
    overview = progress.assess(picture.snapshot)
    view = status_view(picture, overview)
    cycle = reporting_view(picture)
    reports = None
    if cycle is not None:
        index = cycle.periods.index(default_period(cycle.periods, as_of))
        reports = documents.reports_document(cycle, index, everything=True)
    problems = [documents.problem_document(p, as_of) for p in view.problems]
    scores = assessment(picture, overview)
    return CockpitDocuments(
        status_document(view),
        trend_document(picture, trend),
        reports,
        problems,
        documents.assessment_document(as_of, picture.weights, scores),
    )
