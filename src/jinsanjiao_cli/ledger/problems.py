"""The problem list (问题清单) and its closure (销号): problems that block a task and need someone to act.

A responsible unit raises a problem on a task it holds; it may name the units asked to act (`needs`), be
marked major (item 19: to go up to the provincial government) and have a due date. Progress notes are
added as it moves; it is closed with a note (and evidence), and may be reopened. As of a date D an open
problem is overdue when its due date is before D. Lists put major problems first, then overdue ones.
"""

from __future__ import annotations

import datetime as dt

from jinsanjiao_cli.core.errors import BadValue, NotResponsible
from jinsanjiao_cli.core.problems import Problem, ProblemState, UnknownProblem, Update, chosen
from jinsanjiao_cli.ledger import store
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.text.i18n import join, t


def _required(text: str | None, field: str) -> str:
    from jinsanjiao_cli.core.values import check_text

    cleaned = check_text(text, field)
    if not cleaned:
        raise BadValue(t("problem.empty", field=field))
    return cleaned


def add(
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
    batch_id: int | None = None,
) -> int:
    """Record a problem raised by `unit` (a plan name) on a task it is responsible for; returns its id."""
    text = _required(text, "--text")
    if due is not None and due < raised:
        raise BadValue(t("problem.due_before_raised", due=due.isoformat(), raised=raised.isoformat()))
    store.task(db, task_no)
    responsible = {row["name"]: row["id"] for row in store.responsible_units(db, task_no)}
    if unit not in responsible:
        units = join(list(responsible)) or "—"
        raise NotResponsible(t("problem.not_responsible", unit=unit, no=task_no, units=units))
    unit_ids = {row["name"]: row["id"] for row in db.query("SELECT id, name FROM unit")}
    with db.write():
        problem_id = db.insert(
            "INSERT INTO problem (task_no, unit_id, text, major, raised, due, state, recorded_at, recorded_by,"
            " batch_id) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)",
            (task_no, responsible[unit], text, major, raised, due, store.now_stamp(), by, batch_id),
        )
        for name in dict.fromkeys(needs):
            db.execute("INSERT INTO problem_need (problem_id, unit_id) VALUES (?, ?)", (problem_id, unit_ids[name]))
    return problem_id


def _load(db: Database, where: str = "", params: tuple = ()) -> list[Problem]:
    rows = db.query(
        "SELECT p.id, p.task_no, t.title, u.name AS unit, p.text, p.major, p.raised, p.due, p.state, p.closed_on,"
        " p.closing_note, p.evidence FROM problem p JOIN task t ON t.no = p.task_no JOIN unit u ON u.id = p.unit_id"
        f" {where} ORDER BY p.id",
        params,
    )
    if not rows:
        return []
    needs: dict[int, list[str]] = {}
    for problem_id, name in db.query(
        "SELECT n.problem_id, u.name FROM problem_need n JOIN unit u ON u.id = n.unit_id ORDER BY n.problem_id, u.ord"
    ):
        needs.setdefault(problem_id, []).append(name)
    updates: dict[int, list[Update]] = {}
    for problem_id, day, kind, note, by in db.query(
        "SELECT problem_id, date, kind, note, by_user FROM problem_update ORDER BY problem_id, id"
    ):
        updates.setdefault(problem_id, []).append(Update(day, kind, note, by))
    return [
        Problem(*row[:5], tuple(needs.get(row[0], ())), bool(row[5]), *row[6:], tuple(updates.get(row[0], ())))
        for row in rows
    ]


def listed(
    db: Database,
    as_of: dt.date,
    *,
    state: str | None = "open",
    unit: str | None = None,
    task: int | None = None,
    major: bool = False,
) -> list[Problem]:
    """Problems raised by `as_of`, filtered, in list order (major, then overdue first)."""
    return chosen(_load(db), as_of, state=state, unit=unit, task=task, major=major)


def get(db: Database, problem_id: int) -> Problem:
    found = _load(db, "WHERE p.id = ?", (problem_id,)) if abs(problem_id) <= store.MAX_ID else []
    if not found:
        raise UnknownProblem(t("problem.unknown", id=problem_id))
    return found[0]


def note(db: Database, problem_id: int, text: str, day: dt.date, by: str) -> None:
    get(db, problem_id)
    _event(db, problem_id, "note", _required(text, "--note"), day, by)


def close(db: Database, problem_id: int, text: str, evidence: str | None, day: dt.date, by: str) -> None:
    """Close (销号) with a required note; who and when are recorded."""
    from jinsanjiao_cli.core.values import check_text

    found = get(db, problem_id)
    if found.state == "closed":
        raise ProblemState(t("problem.closed_already", id=problem_id, date=found.closed_on))
    closing = _required(text, "--note")
    with db.write():
        db.execute(
            "UPDATE problem SET state = 'closed', closed_on = ?, closed_by = ?, closing_note = ?, evidence = ?"
            " WHERE id = ?",
            (day, by, closing, check_text(evidence, "--evidence"), problem_id),
        )
        _event(db, problem_id, "close", closing, day, by)


def reopen(db: Database, problem_id: int, text: str, day: dt.date, by: str) -> None:
    found = get(db, problem_id)
    if found.state == "open":
        raise ProblemState(t("problem.open_already", id=problem_id))
    reason = _required(text, "--note")
    with db.write():
        db.execute(
            "UPDATE problem SET state = 'open', closed_on = NULL, closed_by = NULL, closing_note = NULL,"
            " evidence = NULL WHERE id = ?",
            (problem_id,),
        )
        _event(db, problem_id, "reopen", reason, day, by)


def _event(db: Database, problem_id: int, kind: str, text: str, day: dt.date, by: str) -> None:
    with db.write():
        db.execute(
            "INSERT INTO problem_update (problem_id, date, kind, note, by_user, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
            (problem_id, day, kind, text, by, store.now_stamp()),
        )


def open_text_exists(db: Database, task_no: int, unit_id: int, text: str) -> bool:
    """An open problem with this exact text on this task by this unit (an import does not raise it twice)."""
    found = db.value(
        "SELECT count(*) FROM problem WHERE task_no = ? AND unit_id = ? AND text = ? AND state = 'open'",
        (task_no, unit_id, text),
    )
    return bool(found)
