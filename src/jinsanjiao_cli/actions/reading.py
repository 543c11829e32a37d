"""The read-only use cases both doors call: each reads what its view needs in one read transaction (so a
shared PostgreSQL ledger never shows a mix of two moments) and assembles it with the pure views.

The CLI renders what these return on a terminal or into files; the web portal renders the same into pages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinsanjiao_cli.core import progress
from jinsanjiao_cli.core.picture import Picture
from jinsanjiao_cli.ledger import deliveries, store
from jinsanjiao_cli.ledger import picture as reading
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.views import status as status_views
from jinsanjiao_cli.views.cockpit import CockpitDocuments, cockpit_documents
from jinsanjiao_cli.views.cycle import default_since, reporting_view
from jinsanjiao_cli.views.export import ExportInputs, export_inputs
from jinsanjiao_cli.views.trend import TrendPoint, month_ends, monthly_trend


def status(
    db: Database, as_of: dt.date, *, since: dt.date | None = None, unit: str | None = None, section: int | None = None
) -> status_views.StatusView:
    """`jsj status`: the plan as of a date, with the change since `since` when given."""
    with db.snapshot():
        picture = reading.read_picture(db, as_of)
        then = _earlier(db, picture, since) if since is not None else None
    overview = progress.assess(picture.snapshot)
    earlier = progress.assess(then) if then is not None else None
    return status_views.status_view(picture, overview, unit=unit, section=section, earlier=earlier)


def task_detail(db: Database, as_of: dt.date, task_no: int) -> status_views.TaskDetail:
    """`jsj status --task N`: one task in full, with its projects."""
    with db.snapshot():
        picture = reading.read_picture(db, as_of)
        status_views.require_task(picture, task_no)
        projects = tuple(store.project_reports(db, as_of, task_no))
    return status_views.task_detail(picture, progress.assess(picture.snapshot), task_no, projects)


def export_workbook(db: Database, as_of: dt.date) -> ExportInputs:
    """Everything the ledger workbook shows as of a date (`jsj export`, the portal's download). Call it
    inside `db.snapshot()` with the writing, when the workbook is written from it at once."""
    with db.snapshot():
        picture = reading.read_picture(db, as_of)
        return export_inputs(
            picture,
            projects=store.project_reports(db, as_of),
            milestones=store.history(db, store.HistoryFilter(until=as_of)),
            trend=_trend(db, picture),
            corrections=store.corrections(db),
            deliveries=deliveries.delivery_log(db, until=as_of),
        )


def write_export(db: Database, as_of: dt.date, target: Path) -> Path:
    """Write the ledger workbook as of `as_of` to `target`, atomically; returns the path written."""
    from jinsanjiao_cli.render.xlsx.export import export_ledger

    return export_ledger(export_workbook(db, as_of), target)


def bulletin(db: Database, as_of: dt.date, since: dt.date | None, issue_no: int | None):
    """The bulletin's inputs as of a date; `since` None: the previous period's due date (`default_since`)."""
    from jinsanjiao_cli.views.bulletin import bulletin_inputs

    with db.snapshot():
        picture = reading.read_picture(db, as_of)
        then = since if since is not None else default_since(reporting_view(picture), as_of)
        earlier = _earlier(db, picture, then)
        trend = _trend(db, picture)
    return bulletin_inputs(picture, earlier, issue_no, trend)


def cockpit(db: Database, as_of: dt.date) -> CockpitDocuments:
    """The cockpit's documents as of a date (`jsj dashboard`, the portal's home page)."""
    with db.snapshot():
        picture = reading.read_picture(db, as_of)
        trend = _trend(db, picture)
    return cockpit_documents(picture, trend)


def _trend(db: Database, picture: Picture) -> list[TrendPoint]:
    days = month_ends(picture.plan.period_start, picture.as_of)
    return monthly_trend(picture, reading.latest_at_month_ends(db, days))


def _earlier(db: Database, picture: Picture, since: dt.date) -> progress.Snapshot:
    return picture.at(since, reading.latest_reports(db, since))
