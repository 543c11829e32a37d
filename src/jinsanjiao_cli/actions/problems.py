"""The problem list's use cases (问题清单、销号), for both doors: raise a problem, add a note, close it,
reopen it. Each checks what it is given against the plan and the problem's state, then stores it.

A responsible unit raises a problem on a task it holds; it may name the units asked to act (`needs`), be
marked major (to go up to the provincial government) and have a due date. Notes are added as it moves; it
is closed with a note (and evidence), and may be reopened.
"""

from __future__ import annotations

import datetime as dt

from jinsanjiao_cli.core import access
from jinsanjiao_cli.core.access import Actor
from jinsanjiao_cli.core.errors import BadValue, NotResponsible
from jinsanjiao_cli.core.problems import Problem, ProblemState, refuse_before
from jinsanjiao_cli.core.values import check_text
from jinsanjiao_cli.ledger import problems, store
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.text.i18n import join, t


def required(text: str | None, field: str) -> str:
    """Text that must be given: trimmed, checked as all stored text is, and not empty."""
    cleaned = check_text(text, field)
    if not cleaned:
        raise BadValue(t("problem.empty", field=field))
    return cleaned


def raise_problem(
    db: Database,
    task_no: int,
    unit: str,
    text: str,
    *,
    needs: list[str],
    major: bool,
    due: dt.date | None,
    raised: dt.date,
    by: str,
    actor: Actor | None = None,
) -> int:
    """Record a problem raised by `unit` (a plan name) on a task it is responsible for; returns its id. A
    unit account raises problems for its own unit only."""
    access.require_own_unit(actor, unit)
    text = required(text, "--text")
    if due is not None:
        refuse_before(due, raised, "--due")
    store.task(db, task_no)
    responsible = {row["name"]: row["id"] for row in store.responsible_units(db, task_no)}
    access.require_responsible(actor, task_no, responsible)
    if unit not in responsible:
        units = join(list(responsible)) or "—"
        raise NotResponsible(t("problem.not_responsible", unit=unit, no=task_no, units=units))
    ids = problems.unit_ids(db)
    need_ids = [ids[name] for name in needs]
    return problems.insert(
        db, task_no, responsible[unit], text, need_ids=need_ids, major=major, due=due, raised=raised, by=by
    )


def readable(db: Database, problem_id: int, actor: Actor | None = None) -> Problem:
    """One problem, for an account that may read it: a unit account reads the problems it raised or is
    asked to act on."""
    found = problems.get(db, problem_id)
    if actor is not None and actor.role == "unit" and not found.involves(actor.unit or ""):
        access.require_may_read_unit(actor, found.unit)
    return found


def note(db: Database, problem_id: int, text: str, day: dt.date, by: str, actor: Actor | None = None) -> None:
    """A dated note (a reply): by an analyst, or by a unit the problem involves."""
    access.require_writer(actor)
    found = readable(db, problem_id, actor)
    refuse_before(day, found.raised, "--date")
    problems.add_note(db, problem_id, required(text, "--note"), day, by)


def close(
    db: Database, problem_id: int, text: str, evidence: str | None, day: dt.date, by: str, actor: Actor | None = None
) -> None:
    """Close (销号) with a required note; who and when are recorded. An analyst's."""
    access.require_analyst(actor)
    found = problems.get(db, problem_id)
    if found.state == "closed":
        raise ProblemState(t("problem.closed_already", id=problem_id, date=found.closed_on))
    refuse_before(day, found.raised, "--date")
    problems.mark_closed(db, problem_id, required(text, "--note"), check_text(evidence, "--evidence"), day, by)


def reopen(db: Database, problem_id: int, text: str, day: dt.date, by: str, actor: Actor | None = None) -> None:
    access.require_analyst(actor)
    found = problems.get(db, problem_id)
    if found.state == "open":
        raise ProblemState(t("problem.open_already", id=problem_id))
    if found.closed_on is not None:
        refuse_before(day, found.closed_on, "--date", "problem.before_closed")
    problems.mark_open(db, problem_id, required(text, "--note"), day, by)
