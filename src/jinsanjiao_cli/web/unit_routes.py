"""A unit's pages: 本期应报, the report form (with its confirmation step), its own status with lights, and
its history with the corrections made to it; correcting and withdrawing a report (an analyst too)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from jinsanjiao_cli.actions import milestones, reading
from jinsanjiao_cli.core.access import Actor
from jinsanjiao_cli.core.errors import Forbidden, JsjError
from jinsanjiao_cli.core.values import check_text
from jinsanjiao_cli.ledger.db import Database, Row
from jinsanjiao_cli.ledger.store import HistoryFilter
from jinsanjiao_cli.text.i18n import t
from jinsanjiao_cli.views.status import status_document
from jinsanjiao_cli.web.forms import ReportValues, field_names, where
from jinsanjiao_cli.web.pages import page
from jinsanjiao_cli.web.session import Ledger, Posted, SignedIn, as_of, kept, role

router = APIRouter()
Unit = Annotated[Actor, role("unit")]
Text = Annotated[str, Form()]
HISTORY_PAGE = 200  # the newest reports a history page lists


@router.get("/due")
def due(request: Request, db: Ledger, actor: Unit, recorded: int | None = None) -> Response:
    day = as_of(request.query_params.get("as_of"))
    view = kept(request, db, ("due", day, actor.unit), lambda: reading.unit_due(db, day, actor.unit or ""))
    done = _own_report(db, recorded, actor)
    return page(request, "due.html", title=t("page.due"), view=view, done=done)


def _own_report(db: Database, milestone_id: int | None, actor: Actor) -> Row | None:
    """The report just recorded (for the line saying so), if it is this unit's."""
    if milestone_id is None:
        return None
    row = reading.report(db, milestone_id)
    return row if row is not None and row["unit"] == actor.unit else None


def _report_form(request: Request, start: milestones.FormStart, values: ReportValues, errors: dict[str, str],
                 status_code: int = 200) -> Response:  # fmt: skip
    return page(
        request, "report.html", status_code, title=t("page.report", no=start.task_no), start=start, values=values,
        errors=errors,
    )  # fmt: skip


@router.get("/report/{task_no}")
def report_form(request: Request, db: Ledger, actor: Unit, task_no: int) -> Response:
    start = milestones.form_start(db, task_no, actor.unit or "", actor)
    last = start.latest
    values = ReportValues(
        progress=f"{last['progress']:g}" if last else "",
        status=last["status"] or "" if last else "",
        note=last["note"] or "" if last else "",
        project=last["project"] or "" if last else "",
    )
    return _report_form(request, start, values, {})


@router.post("/report/{task_no}")
def report(
    request: Request, db: Ledger, current: Posted, actor: Unit, task_no: int,
    date: Text = "", progress: Text = "", status: Text = "", note: Text = "", project: Text = "", problem: Text = "",
    major: Annotated[bool, Form()] = False, confirm: Text = "", edit: Text = "", period: Text = "",
) -> Response:  # fmt: skip
    """Check the report by the rules of `jsj record`; refused: the form again with each error beside its
    field and everything as typed; a warning: the confirmation page; else stored, with the problem raised."""
    start = milestones.form_start(db, task_no, actor.unit or "", actor)
    values = ReportValues(date, progress, status, note, project, problem, major, period)
    if edit == "yes":  # back from the confirmation page to change what was typed
        return _report_form(request, start, values, {})
    today = dt.date.today()
    typed = milestones.Typed(
        task_no, actor.unit or "", progress, date.strip() or None, status, note, project, period=period.strip() or None
    )
    draft, errors = milestones.parse_typed(typed, today, field_names())
    raised = _problem(values, errors)
    checked = None
    if draft is not None and not errors:
        try:
            checked = milestones.check_report(db, draft, by=actor.name, today=today, actor=actor)
        except Forbidden:
            raise
        except JsjError as refusal:
            errors[where(errors, refusal.field)] = str(refusal)
    if errors or draft is None or checked is None:
        return _report_form(request, start, values, errors, 400)
    if checked.warnings and confirm != "yes":
        return page(request, "confirm.html", title=t("page.confirm"), start=start, values=values, checked=checked)
    done, _ = milestones.record_with_problem(db, draft, raised, by=actor.name, strict=False, today=today, actor=actor)
    root = request.scope.get("root_path", "")
    return RedirectResponse(f"{root}/due?recorded={done.id}", status_code=303)


def _problem(values: ReportValues, errors: dict[str, str]) -> milestones.ProblemDraft | None:
    try:
        text = check_text(values.problem, field_names()["problem"])
    except JsjError as refusal:
        errors["problem"] = str(refusal)
        return None
    return milestones.ProblemDraft(text, values.major) if text else None


@router.get("/mine")
def mine(request: Request, db: Ledger, actor: Unit) -> Response:
    """The unit's own status: its progress on each task against 序时进度, with lights."""
    day = as_of(request.query_params.get("as_of"))
    document = kept(request, db, ("mine", day, actor.unit),
                    lambda: status_document(reading.status(db, day, unit=actor.unit)))  # fmt: skip
    own = next((u for u in document["units"] if u["name"] == actor.unit), None)
    return page(request, "mine.html", title=t("page.mine"), document=document, own=own)


# ---------------------------------------------------------------- history and corrections


@router.get("/history")
def history(request: Request, db: Ledger, current: SignedIn, unit: str | None = None,
            task: int | None = None) -> Response:  # fmt: skip
    """A unit's own reports, every version, newest page; analysts and viewers choose the unit or task."""
    actor = current.actor
    chosen = reading.unit_name(db, unit) if unit else (actor.unit if actor.role == "unit" else None)
    which = HistoryFilter(task_no=task, unit_name=chosen, every_version=True, newest=HISTORY_PAGE)
    if actor.role == "unit" and chosen != actor.unit:
        raise Forbidden(t("access.other_unit"))
    rows = reading.history(db, which, actor)
    return page(request, "history.html", title=t("page.history"), rows=rows, unit=chosen, task=task,
                limit=HISTORY_PAGE)  # fmt: skip


def _chain_page(request: Request, db: Database, actor: Actor, milestone_id: int, status_code: int = 200,
                **context: object) -> Response:  # fmt: skip
    rows = reading.history(db, HistoryFilter(milestone_id=milestone_id, every_version=True), actor)
    if not rows:
        raise milestones.UnknownMilestone(t("amend.unknown", id=milestone_id))
    effective = next((row for row in rows if row["state"] == "effective"), None)
    return page(request, "report_versions.html", status_code, title=t("page.versions", id=milestone_id), rows=rows,
                effective=effective, **context)  # fmt: skip


@router.get("/history/{milestone_id}")
def versions(request: Request, db: Ledger, current: SignedIn, milestone_id: int) -> Response:
    return _chain_page(request, db, current.actor, milestone_id)


@router.post("/history/{milestone_id}/amend")
def amend(
    request: Request, db: Ledger, current: Posted, milestone_id: int,
    date: Text = "", progress: Text = "", status: Text = "", note: Text = "", project: Text = "", reason: Text = "",
) -> Response:  # fmt: skip
    """Correct a report (`jsj amend`): a unit its own, an analyst any; the old version is kept."""
    actor = current.actor
    old = milestones.amendable(db, milestone_id, actor)
    typed = milestones.Typed(old["task_no"], old["unit"], progress, date.strip() or old["date"].isoformat(), status,
                             note, project)  # fmt: skip
    draft, errors = milestones.parse_typed(typed, dt.date.today(), field_names())
    values = {"date": date, "progress": progress, "status": status, "note": note, "project": project, "reason": reason}
    result = None
    if draft is not None:
        change = milestones.Amendment(draft.date, draft.progress, draft.status, draft.note, draft.project)
        try:
            why = check_text(reason, field_names()["reason"])
            result = milestones.amend(db, milestone_id, change, reason=why, by=actor.name, strict=False,
                                      today=dt.date.today(), actor=actor)  # fmt: skip
        except Forbidden:
            raise
        except JsjError as refusal:
            errors[refusal.field if refusal.field in values else "form"] = str(refusal)
    if result is None:
        return _chain_page(request, db, actor, milestone_id, 400, errors=errors, values=values)
    assert result.new_id is not None
    notice = t("amend.done", old=milestone_id, id=result.new_id, unit=result.unit, date=result.milestone.date,
               progress=result.milestone.progress)  # fmt: skip
    return _chain_page(request, db, actor, result.new_id, notice=notice, warnings=result.warnings)


@router.post("/history/{milestone_id}/void")
def void(request: Request, db: Ledger, current: Posted, milestone_id: int, reason: Text = "") -> Response:
    """Withdraw a report (`jsj void`): an analyst's."""
    actor = current.actor
    try:
        why = check_text(reason, field_names()["reason"]) or ""
        result = milestones.void(db, milestone_id, reason=why, by=actor.name, actor=actor)
    except Forbidden:
        raise
    except JsjError as refusal:
        return _chain_page(request, db, actor, milestone_id, 400, errors={"void": str(refusal)})
    notice = t("void.done", id=milestone_id, unit=result.unit, date=result.milestone.date)
    return _chain_page(request, db, actor, milestone_id, notice=notice)
