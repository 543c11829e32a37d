"""The ledger's reads and writes beside the as-of picture: plan lookups, progress reports and their
versions, contacts, statistics and import batches.

Every function takes the one `Database` object (`db/`) and speaks plain rows, dates and dataclasses; the
SQL is written once for both engines. Opening a ledger is `opening.py`; loading the plan `plan_sync.py`;
everything a view shows as of a date `picture.py`; the checks a report must pass `core/milestones.py`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import NamedTuple

from jinsanjiao_cli.core import settings as settings_rules
from jinsanjiao_cli.core.cycle import Contact
from jinsanjiao_cli.core.errors import BatchUndone, UnknownBatch, UnknownProject, UnknownTask
from jinsanjiao_cli.core.milestones import NewMilestone, PlanIndex
from jinsanjiao_cli.core.names import Named, normalise_name, resolve_unit
from jinsanjiao_cli.core.schedule import Schedule, periods
from jinsanjiao_cli.ledger import settings as ledger_settings
from jinsanjiao_cli.ledger.db import Database, Row
from jinsanjiao_cli.ledger.stamps import now_stamp
from jinsanjiao_cli.text.i18n import join, t

# The most a 64-bit id or task number can be; a larger one typed by a user simply matches nothing.
MAX_ID = 2**63 - 1


# ---------------------------------------------------------------- reading the plan


def plan_info(db: Database) -> Row:
    row = db.one("SELECT * FROM plan WHERE id = 1")
    assert row is not None, "open_ledger loads a plan"
    return row


def units(db: Database) -> list[Named]:
    rows = db.query("SELECT name, full_name, aliases FROM unit ORDER BY ord")
    return [Named(r["name"], (r["full_name"], *json.loads(r["aliases"]))) for r in rows]


def find_unit(db: Database, typed: str) -> str:
    """The unit's plan name for whatever the user typed (full name, written name, alias)."""
    return resolve_unit(units(db), typed).name


def task(db: Database, no: int) -> Row:
    row = db.one("SELECT * FROM task WHERE no = ?", (no,)) if abs(no) <= MAX_ID else None
    if row is None:
        raise UnknownTask(t("store.unknown_task", no=no, count=db.value("SELECT count(*) FROM task")))
    return row


def responsible_units(db: Database, task_no: int) -> list[Row]:
    return db.query(
        "SELECT u.id, u.name, a.role FROM assignment a JOIN unit u ON u.id = a.unit_id"
        " WHERE a.task_no = ? ORDER BY a.ord",
        (task_no,),
    )


def assignments(db: Database, unit: str | None = None) -> list[Row]:
    """(task no, task title, unit name, role) for every assignment in plan order; only `unit`'s if given."""
    where, params = ("WHERE u.name = ?", (unit,)) if unit is not None else ("", ())
    return db.query(
        "SELECT t.no AS task_no, t.title, u.name AS unit, a.role FROM assignment a"
        f" JOIN task t ON t.no = a.task_no JOIN unit u ON u.id = a.unit_id {where} ORDER BY t.no, a.ord",
        params,
    )


def projects(db: Database, task_no: int) -> list[Row]:
    return db.query("SELECT * FROM project WHERE task_no = ? ORDER BY ord", (task_no,))


def project_names(db: Database) -> list[str]:
    """Every project name once, in plan order (the template's dropdown)."""
    names: list[str] = []
    for row in db.query("SELECT name FROM project ORDER BY task_no, ord"):
        if row["name"] not in names:
            names.append(row["name"])
    return names


def project_keys(row: Row) -> set[str]:
    """What a project may be typed as: its name or the words the plan writes it with, normalised."""
    return {normalise_name(name) for name in (row["name"], row["written"]) if name}


def project_index(db: Database) -> dict[int, dict[str, int]]:
    """Task → typed key → project id, for checking many reports at once."""
    index: dict[int, dict[str, int]] = {r["no"]: {} for r in db.query("SELECT no FROM task")}
    for row in db.query("SELECT id, task_no, name, written FROM project"):
        index[row["task_no"]].update(dict.fromkeys(project_keys(row), row["id"]))
    return index


def responsibilities(db: Database) -> dict[int, dict[str, int]]:
    """Task → responsible unit name → unit id (in the plan's order: lead first)."""
    index: dict[int, dict[str, int]] = {r["no"]: {} for r in db.query("SELECT no FROM task ORDER BY no")}
    for row in db.query(
        "SELECT a.task_no, u.name, u.id FROM assignment a JOIN unit u ON u.id = a.unit_id ORDER BY a.task_no, a.ord"
    ):
        index[row["task_no"]][row["name"]] = row["id"]
    return index


def plan_index(db: Database) -> PlanIndex:
    """What the checks of a progress report need from the plan (core/milestones.py), read once per command."""
    names: dict[int, list[str]] = {}
    for row in db.query("SELECT task_no, name FROM project ORDER BY task_no, ord"):
        names.setdefault(row["task_no"], []).append(row["name"])
    schedule = reporting_schedule(db)
    all_periods = periods(schedule, plan_info(db)["period_start"]) if schedule else ()
    return PlanIndex(units(db), responsibilities(db), project_index(db), names, schedule, all_periods)


def find_project_name(db: Database, task_no: int | None, typed: str) -> str:
    """The plan name of a project typed by name or written form (within the task when one is given)."""
    where, params = ("WHERE task_no = ?", (task_no,)) if task_no is not None else ("", ())
    key = normalise_name(typed)
    rows = db.query(f"SELECT name, written, task_no FROM project {where} ORDER BY task_no, ord", params)
    for row in rows:
        if key in project_keys(row):
            return str(row["name"])
    if task_no is not None:
        find_project(db, task_no, typed)  # raises, listing the task's projects
    raise UnknownProject(t("store.unknown_project_any", name=typed))


def find_project(db: Database, task_no: int, typed: str) -> int:
    """The id of the task's project named (or written) as typed."""
    listed = projects(db, task_no)
    key = normalise_name(typed)
    for row in listed:
        if key in project_keys(row):
            return int(row["id"])
    if not listed:
        raise UnknownProject(t("store.no_projects", no=task_no))
    names = join([row["name"] for row in listed])
    raise UnknownProject(t("store.unknown_project", no=task_no, name=typed, projects=names))


# ---------------------------------------------------------------- milestones

MILESTONE_COLUMNS = (
    "task_no",
    "unit_id",
    "date",
    "progress",
    "status",
    "note",
    "project_id",
    "recorded_by",
    "period",
    "recorded_at",
    "batch_id",
)
_INSERT_MILESTONE = (
    f"INSERT INTO milestone ({', '.join(MILESTONE_COLUMNS)}) VALUES ({', '.join('?' * len(MILESTONE_COLUMNS))})"
)


def add_milestone(db: Database, milestone: NewMilestone) -> int:
    """Store one checked progress report; returns its id."""
    with db.write():
        milestone_id = db.insert(_INSERT_MILESTONE, (*milestone, now_stamp(), None))
        count_reports(db, "id = ?", (milestone_id,))
    return milestone_id


def milestone(db: Database, milestone_id: int) -> Row | None:
    """One stored report, every version state, with its unit's and project's names; None if there is none."""
    if abs(milestone_id) > MAX_ID:
        return None
    return db.one(
        "SELECT m.*, u.name AS unit, p.name AS project FROM milestone m JOIN unit u ON u.id = m.unit_id"
        " LEFT JOIN project p ON p.id = m.project_id WHERE m.id = ?",
        (milestone_id,),
    )


def latest_report(db: Database, task_no: int, unit: str) -> Row | None:
    """A unit's latest effective report on a task, with its project's name (the report form starts from it)."""
    return db.one(
        "SELECT m.id, m.date, m.progress, m.status, m.note, p.name AS project FROM milestone m"
        " JOIN unit u ON u.id = m.unit_id LEFT JOIN project p ON p.id = m.project_id"
        " WHERE m.task_no = ? AND u.name = ? AND m.state = 'effective'"
        " ORDER BY m.date DESC, m.recorded_at DESC, m.id DESC LIMIT 1",
        (task_no, unit),
    )


def superseded_by(db: Database, milestone_id: int) -> int | None:
    newer = db.value("SELECT id FROM milestone WHERE supersedes = ?", (milestone_id,))
    return None if newer is None else int(newer)


def supersede(db: Database, old: Row, new: NewMilestone, *, reason: str | None, by: str) -> int:
    """Write `new` as the version that replaces `old` (call inside a write transaction); returns its id."""
    count_reports(db, "id = ?", (old["id"],), sign=-1)
    db.execute("UPDATE milestone SET state = 'superseded' WHERE id = ?", (old["id"],))
    kept = new._replace(recorded_by=old["recorded_by"])
    new_id = db.insert(
        f"INSERT INTO milestone ({', '.join(MILESTONE_COLUMNS)}, supersedes, reason, changed_by, changed_at)"
        f" VALUES ({', '.join('?' * (len(MILESTONE_COLUMNS) + 4))})",
        (*kept, old["recorded_at"], old["batch_id"], old["id"], reason, by, now_stamp()),
    )
    count_reports(db, "id = ?", (new_id,))
    return new_id


def void_milestone(db: Database, milestone_id: int, *, reason: str, by: str) -> None:
    """Mark a milestone voided (call inside a write transaction)."""
    count_reports(db, "id = ?", (milestone_id,), sign=-1)
    db.execute(
        "UPDATE milestone SET state = 'voided', void_reason = ?, voided_by = ?, voided_at = ? WHERE id = ?",
        (reason, by, now_stamp(), milestone_id),
    )


def corrections(db: Database) -> list[Row]:
    """Every amendment (with the version it replaced) and every void, in the order they were made: `kind`
    is amend or void; for a void the old values are the voided report's and the new ones are empty."""
    old = "o.date, o.progress, o.status, o.note, op.name"
    new = "m.date, m.progress, m.status, m.note, p.name"
    nothing = "NULL, NULL, NULL, NULL, NULL"
    joins = (
        " FROM milestone m JOIN unit u ON u.id = m.unit_id LEFT JOIN project p ON p.id = m.project_id"
        " LEFT JOIN milestone o ON o.id = m.supersedes LEFT JOIN project op ON op.id = o.project_id"
    )
    return db.query(
        f"SELECT 'amend' AS kind, m.changed_at AS done_at, m.changed_by AS done_by, m.reason AS reason, m.id AS id,"
        " m.supersedes AS supersedes,"
        f" m.task_no, u.name AS unit, {old}, {new} {joins} WHERE m.supersedes IS NOT NULL"
        f" UNION ALL SELECT 'void', m.voided_at, m.voided_by, m.void_reason, m.id, m.supersedes, m.task_no, u.name,"
        f" {new}, {nothing} {joins} WHERE m.state = 'voided'"
        " ORDER BY done_at, id"
    )


def previous_report(
    db: Database, task_no: int, unit_id: int, before: dt.date, exclude: int | None = None
) -> tuple[dt.date, float] | None:
    """The assignment's latest effective report dated before `before` (the later-recorded on a date)."""
    row = db.one(
        "SELECT date, progress FROM milestone WHERE task_no = ? AND unit_id = ? AND date < ? AND state = 'effective'"
        " AND id <> ? ORDER BY date DESC, recorded_at DESC, id DESC LIMIT 1",
        (task_no, unit_id, before, exclude if exclude is not None else -1),
    )
    return (row[0], row[1]) if row else None


def count_reports(db: Database, which: str, params: tuple[object, ...], sign: int = 1) -> None:
    """Add (or, with sign -1, take away) the milestones selected by `which` to the per-day report counts
    (`by_window`: those naming no period of their own). Every write to milestone calls this in its own
    transaction, so the counts never drift."""
    db.execute(
        "INSERT INTO report_count (task_no, unit_id, date, reports, by_window)"
        f" SELECT task_no, unit_id, date, {sign} * count(*), {sign} * sum(CASE WHEN period IS NULL THEN 1 ELSE 0 END)"
        f" FROM milestone WHERE ({which}) AND state = 'effective' GROUP BY task_no, unit_id, date"
        " ON CONFLICT (task_no, unit_id, date) DO UPDATE SET reports = report_count.reports + excluded.reports,"
        " by_window = report_count.by_window + excluded.by_window",
        params,
    )
    if sign < 0:
        db.execute("DELETE FROM report_count WHERE reports = 0")


class HistoryFilter(NamedTuple):
    """Which milestones `jsj history` lists; by default the effective ones of every task and unit."""

    task_no: int | None = None
    unit_name: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    milestone_id: int | None = None
    project: str | None = None  # the project's name in the plan
    every_version: bool = False  # also superseded and voided milestones
    newest: int | None = None  # only the newest N (still listed oldest first): a page, not the whole history


def history(db: Database, which: HistoryFilter = HistoryFilter()) -> list[Row]:
    """Milestones, oldest first."""
    if which.newest is not None:
        return list(reversed(list(stream_history(db, which))))
    return list(stream_history(db, which))


def stream_history(db: Database, which: HistoryFilter = HistoryFilter()) -> Iterator[Row]:
    clauses, params = [], []
    for clause, value in (
        ("m.task_no = ?", which.task_no),
        ("u.name = ?", which.unit_name),
        ("m.date >= ?", which.since),
        ("m.date <= ?", which.until),
        ("m.id = ?", which.milestone_id),
        ("p.name = ?", which.project),
    ):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    if not which.every_version and which.milestone_id is None:
        clauses.append("m.state = 'effective'")
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return db.stream(
        "SELECT m.id, m.task_no, t.title AS task_title, u.name AS unit, m.date, m.progress, m.status, m.note,"
        " p.name AS project, m.recorded_at, m.recorded_by, m.batch_id, m.state, m.supersedes,"
        # Each version keeps its own words: an amendment's reason and author stay when it is later voided.
        " m.reason, m.changed_by, m.changed_at, m.void_reason, m.voided_by, m.voided_at, m.period"
        " FROM milestone m JOIN unit u ON u.id = m.unit_id JOIN task t ON t.no = m.task_no"
        f" LEFT JOIN project p ON p.id = m.project_id {where}"
        + (
            " ORDER BY m.date, m.recorded_at, m.id"
            if which.newest is None
            else f" ORDER BY m.date DESC, m.recorded_at DESC, m.id DESC LIMIT {int(which.newest)}"
        ),
        params,
    )


def chain(db: Database, milestone_id: int) -> list[Row]:
    """Every version of one report: the original, its amendments in order, whatever their state."""
    ids = {milestone_id}
    while True:  # walk back to the original, then forward through every amendment
        older = db.value("SELECT supersedes FROM milestone WHERE id = ?", (min(ids),))
        if older is None:
            break
        ids.add(older)
    frontier = set(ids)
    while frontier:
        marks = ", ".join("?" * len(frontier))
        newer = {r[0] for r in db.query(f"SELECT id FROM milestone WHERE supersedes IN ({marks})", tuple(frontier))}
        frontier = newer - ids
        ids |= newer
    rows = [row for i in sorted(ids) for row in history(db, HistoryFilter(milestone_id=i, every_version=True))]
    return rows


# ---------------------------------------------------------------- projects


def project_reports(db: Database, as_of: dt.date, task_no: int | None = None) -> list[Row]:
    """Every project (or the task's), each with the latest report on or before as_of that names it, in
    plan order: one statement whatever the number of tasks."""
    where, params = ("WHERE p.task_no = ?", (as_of, task_no)) if task_no is not None else ("", (as_of,))
    return db.query(
        "SELECT p.task_no, p.name, p.kind, p.action, m.date, m.progress, m.note, u.name AS unit FROM project p"
        " LEFT JOIN milestone m ON m.id = (SELECT id FROM milestone WHERE project_id = p.id AND date <= ?"
        " AND state = 'effective'"
        " ORDER BY date DESC, recorded_at DESC, id DESC LIMIT 1)"
        f" LEFT JOIN unit u ON u.id = m.unit_id {where} ORDER BY p.task_no, p.ord",
        params,
    )


# ---------------------------------------------------------------- reporting and contacts


def reporting_schedule(db: Database) -> Schedule | None:
    """settings.reporting in force (the plan's, under the ledger's overrides), every default filled in; None
    when the plan has no schedule."""
    row = ledger_settings.in_force(db)
    first, last = settings_rules.schedule_bounds(row)
    if first is None or last is None:
        return None
    return Schedule(row["report_frequency"], row["report_due_day"], first, last)


def report_days(db: Database, as_of: dt.date) -> dict[tuple[int, str], list[tuple[dt.date, str | None]]]:
    """(key task, unit) → every effective report on or before `as_of`, dated, with the period it names: the
    rule's own input (`core.cycle.placed_from_reports`), against which the picture's grouped reading is
    tested. A scan of the milestones: for tests and checks, not for commands."""
    days: dict[tuple[int, str], list[tuple[dt.date, str | None]]] = {}
    for task_no, unit, day, period in db.query(
        "SELECT m.task_no, u.name, m.date, m.period FROM milestone m JOIN unit u ON u.id = m.unit_id"
        " JOIN task t ON t.no = m.task_no WHERE t.kind = 'key_task' AND m.date <= ? AND m.state = 'effective'",
        (as_of,),
    ):
        days.setdefault((task_no, unit), []).append((day, period))
    return days


def contacts(db: Database) -> dict[str, Contact]:
    rows = db.query("SELECT u.name, c.contact, c.phone, c.email FROM unit_contact c JOIN unit u ON u.id = c.unit_id")
    return {row[0]: Contact(*row) for row in rows}


def set_contact(
    db: Database, unit: str, *, contact: str | None, phone: str | None, email: str | None, by: str
) -> Contact:
    """Record (or change) a unit's contact; fields not given keep their stored value. Returns what is stored."""
    with db.write():
        unit_id = db.value("SELECT id FROM unit WHERE name = ?", (unit,))
        db.execute(
            "INSERT INTO unit_contact (unit_id, contact, phone, email, updated_at, updated_by)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id) DO UPDATE SET"
            " contact = coalesce(excluded.contact, unit_contact.contact),"
            " phone = coalesce(excluded.phone, unit_contact.phone),"
            " email = coalesce(excluded.email, unit_contact.email),"
            " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            (unit_id, contact, phone, email, now_stamp(), by),
        )
    return contacts(db)[unit]


def add_coordinating_unit(db: Database, name: str, full_name: str, aliases: list[str]) -> None:
    """Store a unit the plan does not name (`jsj unit add`), after the plan's own units."""
    with db.write():
        db.execute(
            "INSERT INTO unit (name, full_name, level, aliases, ord, coordinating)"
            " SELECT ?, ?, 'coordinating', ?, coalesce(max(ord), 0) + 1, TRUE FROM unit",
            (name, full_name, json.dumps(aliases, ensure_ascii=False)),
        )


def unit_roles(db: Database) -> list[Row]:
    """Every unit with the key tasks it leads and supports (numbers), in plan order (coordinating units,
    with none, last)."""
    return db.query(
        "SELECT u.name, u.full_name, u.aliases, a.task_no, a.role, t.kind, u.coordinating FROM unit u"
        " LEFT JOIN assignment a ON a.unit_id = u.id LEFT JOIN task t ON t.no = a.task_no"
        " ORDER BY u.ord, a.task_no"
    )


# ---------------------------------------------------------------- targets and official statistics


# Statistics of a target that has no scopes are recorded under this scope: the plan's whole area.
PLAN_WIDE = "*"


def set_indicator(
    db: Database,
    target_key: str,
    scope: str,
    year: int,
    *,
    gdp: float | None = None,
    growth: float | None = None,
    value: float | None = None,
    source: str | None,
    by: str,
) -> Row:
    """Record (or correct) a scope's statistics for a year; figures not given keep their stored value.
    Returns what is now stored."""
    with db.write():
        db.execute(
            "INSERT INTO indicator (target_key, scope, year, gdp, growth, value, source, recorded_at, recorded_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (target_key, scope, year) DO UPDATE SET gdp = coalesce(excluded.gdp, indicator.gdp),"
            " growth = coalesce(excluded.growth, indicator.growth),"
            " value = coalesce(excluded.value, indicator.value),"
            " source = coalesce(excluded.source, indicator.source),"
            " recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by",
            (target_key, scope, year, gdp, growth, value, source, now_stamp(), by),
        )
        row = db.one(
            "SELECT * FROM indicator WHERE target_key = ? AND scope = ? AND year = ?", (target_key, scope, year)
        )
    assert row is not None
    return row


def indicators(db: Database) -> list[Row]:
    return db.query(
        "SELECT i.* FROM indicator i LEFT JOIN target t ON t.key = i.target_key"
        " LEFT JOIN scope s ON s.name = i.scope AND s.target_key = i.target_key"
        " ORDER BY t.ord NULLS LAST, i.target_key, s.ord NULLS LAST, i.year, i.id"
    )


# ---------------------------------------------------------------- import batches


def batches(db: Database) -> list[Row]:
    return db.query("SELECT * FROM batch ORDER BY id")


def batch(db: Database, batch_id: int) -> Row:
    """One import batch, with how many of its reports are stored; UnknownBatch if there is none."""
    row = (
        db.one(
            "SELECT b.*, (SELECT count(*) FROM milestone m WHERE m.batch_id = b.id) AS reports FROM batch b"
            " WHERE b.id = ?",
            (batch_id,),
        )
        if abs(batch_id) <= MAX_ID
        else None
    )
    if row is None:
        raise UnknownBatch(t("store.unknown_batch", id=batch_id))
    return row


def batch_problems(db: Database, batch_id: int) -> list[Row]:
    """The problems a batch raised (its rows' 存在问题), which undoing it removes: id, task_no, text."""
    return db.query("SELECT id, task_no, text FROM problem WHERE batch_id = ? ORDER BY id", (batch_id,))


def undo_batch(db: Database, batch_id: int, by: str) -> tuple[int, list[Row]]:
    """Remove a batch's reports (every version) and the problems it raised; the batch stays listed as
    undone. Returns how many reports went, and the later batches that skipped rows as duplicates of it."""
    with db.write():
        found = batch(db, batch_id)
        if found["undone_at"] is not None:
            raise BatchUndone(t("store.already_undone", id=batch_id, at=found["undone_at"][:19], by=found["undone_by"]))
        count_reports(db, "batch_id = ?", (batch_id,), sign=-1)
        removed = db.execute("DELETE FROM milestone WHERE batch_id = ?", (batch_id,))
        for table in ("problem_update", "problem_need"):
            db.execute(
                f"DELETE FROM {table} WHERE problem_id IN (SELECT id FROM problem WHERE batch_id = ?)", (batch_id,)
            )
        db.execute("DELETE FROM problem WHERE batch_id = ?", (batch_id,))
        db.execute("UPDATE batch SET undone_at = ?, undone_by = ? WHERE id = ?", (now_stamp(), by, batch_id))
        skipped = db.query(
            "SELECT s.batch_id, s.rows, b.file FROM batch_skip s JOIN batch b ON b.id = s.batch_id"
            " WHERE s.matched_batch_id = ? AND b.undone_at IS NULL ORDER BY s.batch_id",
            (batch_id,),
        )
    return removed, skipped
