"""The problem list on the portal: a unit sees the problems it raised or is asked to act on, with the
replies added to them, and may reply; analysts and viewers see every problem; analysts close and reopen
them (销号), with the same records as `jsj problem`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from jinsanjiao_cli.actions import problems, reading
from jinsanjiao_cli.core.errors import Forbidden, JsjError
from jinsanjiao_cli.core.problems import as_of as problem_as_of
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.text.i18n import t
from jinsanjiao_cli.views.documents import problem_document
from jinsanjiao_cli.web.pages import page
from jinsanjiao_cli.web.session import Ledger, Posted, SignedIn, as_of

router = APIRouter()
Text = Annotated[str, Form()]
STATES = {"open": "open", "closed": "closed", "all": None}


@router.get("/problems")
def problem_list(request: Request, db: Ledger, current: SignedIn, state: str = "open", unit: str | None = None,
                 task: int | None = None) -> Response:  # fmt: skip
    actor = current.actor
    chosen = reading.unit_name(db, unit) if unit else (actor.unit if actor.role == "unit" else None)
    if actor.role == "unit" and chosen != actor.unit:
        raise Forbidden(t("access.other_unit"))
    day = as_of(request.query_params.get("as_of"))
    listed = reading.problem_list(db, day, state=STATES.get(state, "open"), unit=chosen, task=task)
    return page(request, "problems.html", title=t("page.problems"), problems=listed, state=state, unit=chosen,
                task=task)  # fmt: skip


def _problem_page(request: Request, db: Database, problem_id: int, status_code: int = 200,
                  **context: object) -> Response:  # fmt: skip
    actor = request.state.current.actor
    found = problems.readable(db, problem_id, actor)
    today = dt.date.today()
    document = problem_document(problem_as_of(found, today), today)
    return page(request, "problem.html", status_code, title=t("page.problem", id=problem_id), problem=document,
                **context)  # fmt: skip


@router.get("/problems/{problem_id}")
def problem(request: Request, db: Ledger, current: SignedIn, problem_id: int) -> Response:
    return _problem_page(request, db, problem_id)


def _act(request: Request, db: Database, problem_id: int, done_key: str, action: Callable[[], object]) -> Response:
    try:
        action()
    except Forbidden:
        raise
    except JsjError as refusal:
        return _problem_page(request, db, problem_id, 400, error=str(refusal))
    return _problem_page(request, db, problem_id, notice=t(done_key, id=problem_id))


@router.post("/problems/{problem_id}/note")
def note(request: Request, db: Ledger, current: Posted, problem_id: int, text: Text = "") -> Response:
    """A reply: by an analyst, or by a unit the problem involves (`jsj problem update`)."""
    actor = current.actor
    return _act(request, db, problem_id, "problem.updated",
                lambda: problems.note(db, problem_id, text, dt.date.today(), actor.name, actor))  # fmt: skip


@router.post("/problems/{problem_id}/close")
def close(request: Request, db: Ledger, current: Posted, problem_id: int, text: Text = "",
          evidence: Text = "") -> Response:  # fmt: skip
    """Close (销号): an analyst's (`jsj problem close`)."""
    actor = current.actor

    def close_it() -> None:
        problems.close(db, problem_id, text, evidence or None, dt.date.today(), actor.name, actor)

    return _act(request, db, problem_id, "problem.closed", close_it)


@router.post("/problems/{problem_id}/reopen")
def reopen(request: Request, db: Ledger, current: Posted, problem_id: int, text: Text = "") -> Response:
    actor = current.actor
    return _act(request, db, problem_id, "problem.reopened",
                lambda: problems.reopen(db, problem_id, text, dt.date.today(), actor.name, actor))  # fmt: skip
