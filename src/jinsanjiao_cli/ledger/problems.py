"""The problem list (问题清单) in the ledger: storing problems, their notes, closing and reopening, and
reading them back. The rules they are checked by are actions/problems.py's; the problem itself is
core/problems.py's."""

from __future__ import annotations

import datetime as dt

from jinsanjiao_cli.core.problems import Problem, UnknownProblem, chosen
from jinsanjiao_cli.ledger import stamps, store
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.ledger.picture import read_problems
from jinsanjiao_cli.text.i18n import t


def insert(
    db: Database,
    task_no: int,
    unit_id: int,
    text: str,
    *,
    need_ids: list[int],
    major: bool,
    due: dt.date | None,
    raised: dt.date,
    by: str,
    batch_id: int | None = None,
) -> int:
    """Store a checked problem (actions/problems.py checks it); returns its id."""
    with db.write():
        problem_id = db.insert(
            "INSERT INTO problem (task_no, unit_id, text, major, raised, due, state, recorded_at, recorded_by,"
            " batch_id) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)",
            (task_no, unit_id, text, major, raised, due, stamps.now_stamp(), by, batch_id),
        )
        for need_id in dict.fromkeys(need_ids):
            db.execute("INSERT INTO problem_need (problem_id, unit_id) VALUES (?, ?)", (problem_id, need_id))
    return problem_id


def unit_ids(db: Database) -> dict[str, int]:
    return {row["name"]: row["id"] for row in db.query("SELECT id, name FROM unit")}


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
    return chosen(read_problems(db), as_of, state=state, unit=unit, task=task, major=major)


def get(db: Database, problem_id: int) -> Problem:
    found = read_problems(db, problem_id) if abs(problem_id) <= store.MAX_ID else ()
    if not found:
        raise UnknownProblem(t("problem.unknown", id=problem_id))
    return found[0]


def add_note(db: Database, problem_id: int, text: str, day: dt.date, by: str) -> None:
    _event(db, problem_id, "note", text, day, by)


def mark_closed(db: Database, problem_id: int, text: str, evidence: str | None, day: dt.date, by: str) -> None:
    """Close (销号) with its note; who and when are recorded."""
    with db.write():
        db.execute(
            "UPDATE problem SET state = 'closed', closed_on = ?, closed_by = ?, closing_note = ?, evidence = ?"
            " WHERE id = ?",
            (day, by, text, evidence, problem_id),
        )
        _event(db, problem_id, "close", text, day, by)


def mark_open(db: Database, problem_id: int, text: str, day: dt.date, by: str) -> None:
    with db.write():
        db.execute(
            "UPDATE problem SET state = 'open', closed_on = NULL, closed_by = NULL, closing_note = NULL,"
            " evidence = NULL WHERE id = ?",
            (problem_id,),
        )
        _event(db, problem_id, "reopen", text, day, by)


def _event(db: Database, problem_id: int, kind: str, text: str, day: dt.date, by: str) -> None:
    with db.write():
        db.execute(
            "INSERT INTO problem_update (problem_id, date, kind, note, by_user, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
            (problem_id, day, kind, text, by, stamps.now_stamp()),
        )


def open_text_exists(db: Database, task_no: int, unit_id: int, text: str) -> bool:
    """An open problem with this exact text on this task by this unit (an import does not raise it twice)."""
    found = db.value(
        "SELECT count(*) FROM problem WHERE task_no = ? AND unit_id = ? AND text = ? AND state = 'open'",
        (task_no, unit_id, text),
    )
    return bool(found)
