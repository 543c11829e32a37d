"""The read-only use cases both doors call: each reads what its view needs in one read transaction (so a
shared PostgreSQL ledger never shows a mix of two moments) and assembles it with the pure views.

The CLI renders what these return on a terminal or into files; the web portal renders the same into pages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinsanjiao_cli.core import access, progress
from jinsanjiao_cli.core import problems as problem_rules
from jinsanjiao_cli.core.access import Actor
from jinsanjiao_cli.core.picture import Picture
from jinsanjiao_cli.ledger import deliveries, problems, store
from jinsanjiao_cli.ledger import picture as reading
from jinsanjiao_cli.ledger.db import Database, Row
from jinsanjiao_cli.views import documents
from jinsanjiao_cli.views import status as status_views
from jinsanjiao_cli.views.cockpit import CockpitDocuments, cockpit_documents
from jinsanjiao_cli.views.cycle import (
    UnitDue,
    chosen_period,
    default_since,
    reporting_view,
    require_schedule,
    unit_due_view,
)
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
    from jinsanjiao_cli.workbooks.export import export_ledger

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


def reports(
    db: Database,
    as_of: dt.date,
    *,
    period: str | None = None,
    unit: str | None = None,
    task: int | None = None,
) -> dict:
    """`jsj reports`, the portal's reporting page: one period's units and overdue list (`period` "all":
    the latest due, with each unit's record over every period)."""
    picture = reading.read_picture(db, as_of)
    view = require_schedule(reporting_view(picture))
    everything = period is not None and period.strip().lower() == "all"
    index = chosen_period(picture, view, None if everything else period)
    unit_name = status_views.find_unit(picture, unit) if unit else None
    if task is not None:
        status_views.require_task(picture, task)
    return documents.reports_document(view, index, unit=unit_name, task=task, everything=everything)


def unit_due(db: Database, as_of: dt.date, unit: str) -> UnitDue | None:
    """本期应报: what one unit owes this period (the portal's first page for a unit), from a picture of that
    unit alone."""
    return unit_due_view(reading.read_picture(db, as_of, unit=unit), unit)


def problem_list(
    db: Database,
    as_of: dt.date,
    *,
    state: str | None = "open",
    unit: str | None = None,
    task: int | None = None,
    major: bool = False,
) -> list[dict]:
    """`jsj problem list`, the portal's problem pages: problems as they stood on `as_of`, in list order.
    `unit`: those it raised or is asked to act on."""
    if task is not None:
        store.task(db, task)
    found = problems.listed(
        db, as_of, state=state, unit=store.find_unit(db, unit) if unit else None, task=task, major=major
    )
    return [documents.problem_document(problem_rules.as_of(p, as_of), as_of) for p in found]


def history(db: Database, which: store.HistoryFilter, actor: Actor | None = None) -> list[Row]:
    """`jsj history`, a unit's own history on the portal: reports oldest first; with `every_version` and an
    id, that report's whole chain of corrections. A unit account reads its own unit's reports only."""
    if which.task_no is not None:
        store.task(db, which.task_no)
    if which.milestone_id is not None and which.every_version:
        rows = store.chain(db, which.milestone_id)
        for row in rows[:1]:
            access.require_may_read_unit(actor, row["unit"])
        return rows
    if actor is not None and actor.role == "unit":
        access.require_may_read_unit(actor, which.unit_name or "")
    return store.history(db, which)


def unit_name(db: Database, typed: str) -> str:
    """A unit's plan name for whatever was typed (full name, written name, alias)."""
    return store.find_unit(db, typed)


def report(db: Database, milestone_id: int) -> Row | None:
    """One stored report, any version state, with its unit's and project's names."""
    return store.milestone(db, milestone_id)
