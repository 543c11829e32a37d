"""What the cockpit (驾驶舱) is drawn from: the documents the commands print as JSON, as of one date.

Each is built by the same functions as its command, so every chart holds the numbers a script reading
`jsj status`, `jsj reports --period all`, `jsj problem list --all` and `jsj assess` (`--format json`, same
`--as-of`) sees; the tests hold them equal. The targets are the status document's `targets`, which are
`jsj target`'s documents as of the date. The monthly trend is `views.trend`, shared with the export.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from jinsanjiao_cli import documents, progress, report, store
from jinsanjiao_cli.db import Database
from jinsanjiao_cli.render.status import status_document
from jinsanjiao_cli.schedule import default_period
from jinsanjiao_cli.views.trend import trend_document


class CockpitDocuments(NamedTuple):
    status: dict  # jsj status --format json
    trend: dict  # views.trend.trend_document
    reports: dict | None  # jsj reports --period all --format json; None: the plan has no reporting schedule
    problems: list[dict]  # jsj problem list --all --format json
    assessment: dict  # jsj assess --format json


def cockpit_documents(db: Database, as_of: dt.date) -> CockpitDocuments:
    overview = progress.assess(store.snapshot(db, as_of))
    cycle = report.reporting_view(db, as_of)
    view = report.status_view(db, overview, cycle=cycle)
    reports = None
    if cycle is not None:
        index = cycle.periods.index(default_period(cycle.periods, as_of))
        reports = documents.reports_document(cycle, index, everything=True)
    problems = [documents.problem_document(p, as_of) for p in view.problems]
    scores = report.assessment(db, overview)
    return CockpitDocuments(
        status_document(view),
        trend_document(db, as_of),
        reports,
        problems,
        documents.assessment_document(as_of, report.assessment_weights(db), scores),
    )
