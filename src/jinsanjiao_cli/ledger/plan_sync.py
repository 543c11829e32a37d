"""Loading a validated plan into the ledger, or updating it in place without losing recorded progress.

Rows are matched on their natural keys (part and section numbers, task numbers, unit names, (task, unit)
assignments, (task, name) projects, target keys, scope names) and upserted, so ids that milestones point
at never change. What the new plan drops is deleted, unless recorded data hangs on it: then the whole
load is refused, naming what is in the way, and nothing changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jinsanjiao_cli.core.errors import PlanConflict
from jinsanjiao_cli.core.targets import PLAN_WIDE
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.ledger.stamps import now_stamp
from jinsanjiao_cli.text.i18n import join, t

if TYPE_CHECKING:
    from jinsanjiao_cli.plans.plan import Plan


@dataclass(frozen=True)
class LoadSummary:
    changed: bool
    tasks: int
    units: int
    assignments: int
    projects: int


def load_plan_into(db: Database, plan: Plan, digest: str) -> LoadSummary:
    """Load or update the plan in place, keeping recorded progress; refuse if progress would be orphaned."""
    with db.write():
        _refuse_orphans(db, plan)
        changed = _write_plan(db, plan, digest)
    return LoadSummary(
        changed=changed,
        tasks=len(plan.tasks),
        units=len(plan.units),
        assignments=sum(len(task.units) for task in plan.tasks),
        projects=sum(len(task.projects) for task in plan.tasks),
    )


# What recorded data hangs on: (query giving key columns then a count, message key, key → message params).
_IN_USE: tuple[tuple[str, str, Callable[[tuple[Any, ...]], dict[str, Any]]], ...] = (
    (
        "SELECT m.task_no, u.name, count(*) FROM milestone m JOIN unit u ON u.id = m.unit_id"
        " GROUP BY m.task_no, u.name, u.ord ORDER BY m.task_no, u.ord",
        "store.conflict_assignment",
        lambda key: {"no": key[0], "unit": key[1]},
    ),
    (
        "SELECT p.task_no, p.name, count(*) FROM milestone m JOIN project p ON p.id = m.project_id"
        " GROUP BY p.id, p.task_no, p.name, p.ord ORDER BY p.task_no, p.ord",
        "store.conflict_project",
        lambda key: {"no": key[0], "name": key[1]},
    ),
    (
        "SELECT target_key, scope, count(*) FROM indicator GROUP BY target_key, scope ORDER BY target_key, scope",
        "store.conflict_scope",
        lambda key: {"name": key[1], "target": key[0]},
    ),
    (
        "SELECT p.task_no, u.name, count(*) FROM problem p JOIN unit u ON u.id = p.unit_id"
        " GROUP BY p.task_no, u.name, u.ord ORDER BY p.task_no, u.ord",
        "store.conflict_problem",
        lambda key: {"no": key[0], "unit": key[1]},
    ),
    (
        "SELECT u.name, count(*) FROM problem_need n JOIN unit u ON u.id = n.unit_id GROUP BY u.name, u.ord"
        " ORDER BY u.ord",
        "store.conflict_needed",
        lambda key: {"unit": key[0]},
    ),
    (
        "SELECT u.name, count(*) FROM account a JOIN unit u ON u.id = a.unit_id GROUP BY u.name, u.ord ORDER BY u.ord",
        "store.conflict_account",
        lambda key: {"unit": key[0]},
    ),
)


def _refuse_orphans(db: Database, plan: Plan) -> None:
    """Every assignment, project and statistics scope that has data must still be in the new plan."""
    assignments = {(task.no, name) for task in plan.tasks for name in task.units}
    kept: tuple[set[tuple[Any, ...]], ...] = (
        assignments,
        {(task.no, p.name) for task in plan.tasks for p in task.projects},
        statistics_scopes(plan),
        assignments,
        {(unit.name,) for unit in plan.units} | {(name,) for name in coordinating_units(db)},
        {(unit.name,) for unit in plan.units},
    )
    problems = []
    for (query, message, params), wanted in zip(_IN_USE, kept, strict=True):
        for *key, count in db.query(query):
            if tuple(key) not in wanted:
                problems.append(t(message, count=count, **params(tuple(key))))
    if problems:
        raise PlanConflict(t("store.conflict", what=join(problems)))


def statistics_scopes(plan: Plan) -> set[tuple[str, str]]:
    """(target, scope) pairs statistics can be recorded under: each scope, or the plan-wide `*` of a target
    without scopes."""
    found: set[tuple[str, str]] = set()
    for target in plan.targets:
        names = [scope.name for scope in target.scopes] or [PLAN_WIDE]
        found.update((target.key, name) for name in names)
    return found


def _write_plan(db: Database, plan: Plan, digest: str) -> bool:
    if db.value("SELECT source_sha256 FROM plan WHERE id = 1") == digest:
        return False
    _write_header(db, plan, digest)
    _upsert_parts_and_sections(db, plan)
    unit_ids = _upsert_units(db, plan)
    removed_tasks = _missing(db, "SELECT no FROM task", {task.no for task in plan.tasks})
    for no in removed_tasks:  # their assignments and projects first; _refuse_orphans made sure they hold no data
        db.execute("DELETE FROM assignment WHERE task_no = ?", (no,))
        db.execute("DELETE FROM project WHERE task_no = ?", (no,))
    _upsert_tasks(db, plan)
    _sync_assignments(db, plan, unit_ids)
    kept_units = {unit.name for unit in plan.units} | set(coordinating_units(db))  # `jsj unit add` outlives plans
    _forget_contacts_of_removed_units(db, kept_units)
    _delete_missing(db, "unit", "name", kept_units)
    _sync_projects(db, plan)
    _delete_missing(db, "task", "no", {task.no for task in plan.tasks})
    _delete_missing(db, "section", "no", {section.no for section in plan.sections})
    _delete_missing(db, "part", "no", {part.no for part in plan.parts})
    _sync_targets(db, plan)
    return True


def _json(values: list[str]) -> str:
    return json.dumps(values, ensure_ascii=False)


def _write_header(db: Database, plan: Plan, digest: str) -> None:
    meta, settings = plan.plan, plan.settings
    values = {
        "id": 1,
        "title": meta.title,
        "issuer": meta.issuer,
        "issued_on": meta.issued_on,
        "period_start": meta.period.start,
        "period_end": meta.period.end,
        "preamble": meta.preamble,
        "recipients": _json(meta.recipients),
        "copied_to": _json(meta.copied_to),
        "disclosure": meta.disclosure,
        "lead_weight": settings.role_weights.lead,
        "support_weight": settings.role_weights.support,
        "yellow_behind": settings.lights.yellow_behind,
        "red_behind": settings.lights.red_behind,
        "base_year": settings.base_year,
        **_reporting_columns(plan),
        "weight_progress": settings.assessment.weights.progress,
        "weight_reporting": settings.assessment.weights.reporting,
        "weight_problems": settings.assessment.weights.problems,
        "notify": _json(settings.notify),
        "late_weight": settings.assessment.late_weight,
        "source_sha256": digest,
        "loaded_at": now_stamp(),
    }
    _upsert(db, "plan", ("id",), values)


def _reporting_columns(plan: Plan) -> dict[str, Any]:
    schedule = plan.reporting
    if schedule is None:
        return {"report_frequency": None, "report_due_day": 25, "report_first": None, "report_last": None}
    return {
        "report_frequency": schedule.frequency,
        "report_due_day": schedule.due_day,
        "report_first": schedule.first_period,
        "report_last": schedule.last_period,
    }


def _upsert(db: Database, table: str, key: tuple[str, ...], values: dict[str, Any]) -> None:
    """INSERT … ON CONFLICT (key) DO UPDATE: the same statement on both engines."""
    columns = list(values)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key) or f"{key[0]} = excluded.{key[0]}"
    db.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"
        f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}",
        values,
    )


def _forget_contacts_of_removed_units(db: Database, kept: set[str]) -> None:
    # A contact is not recorded progress: it goes with the unit when a new plan drops the unit.
    for row in db.query("SELECT c.unit_id, u.name FROM unit_contact c JOIN unit u ON u.id = c.unit_id"):
        if row["name"] not in kept:
            db.execute("DELETE FROM unit_contact WHERE unit_id = ?", (row["unit_id"],))
    # Notice addresses likewise (the delivery log names units, so it keeps their history).
    for row in db.query("SELECT DISTINCT n.unit_id, u.name FROM unit_notify n JOIN unit u ON u.id = n.unit_id"):
        if row["name"] not in kept:
            db.execute("DELETE FROM unit_notify WHERE unit_id = ?", (row["unit_id"],))


def _missing(db: Database, query: str, wanted: set[Any]) -> list[Any]:
    return [row[0] for row in db.query(query) if row[0] not in wanted]


def _delete_missing(db: Database, table: str, key: str, wanted: set[Any]) -> None:
    """Delete rows the new plan no longer has, once nothing points at them any more."""
    for value in _missing(db, f"SELECT {key} FROM {table}", wanted):
        db.execute(f"DELETE FROM {table} WHERE {key} = ?", (value,))


def _upsert_parts_and_sections(db: Database, plan: Plan) -> None:
    for part in plan.parts:
        _upsert(db, "part", ("no",), {"no": part.no, "numeral": part.numeral, "title": part.title, "text": part.text})
    for section in plan.sections:
        _upsert(db, "section", ("no",), {"no": section.no, "numeral": section.numeral, "title": section.title})


def coordinating_units(db: Database) -> list[str]:
    """The units added with `jsj unit add` that the plan does not name, in the order they were added."""
    return [row[0] for row in db.query("SELECT name FROM unit WHERE coordinating ORDER BY ord, id")]


def _upsert_units(db: Database, plan: Plan) -> dict[str, int]:
    # A coordinating unit the new plan names becomes one of its units (and takes its place and names).
    for ord_, unit in enumerate(plan.units, start=1):
        values = {
            "name": unit.name,
            "full_name": unit.full_name,
            "level": unit.level,
            "aliases": _json(unit.aliases),
            "ord": ord_,
            "coordinating": False,
        }
        _upsert(db, "unit", ("name",), values)
    for ord_, name in enumerate(coordinating_units(db), start=len(plan.units) + 1):  # after the plan's own
        db.execute("UPDATE unit SET ord = ? WHERE name = ?", (ord_, name))
    return {row["name"]: row["id"] for row in db.query("SELECT id, name FROM unit")}


def _upsert_tasks(db: Database, plan: Plan) -> None:
    for task in plan.tasks:
        period = plan.task_period(task)
        values = {
            "no": task.no,
            "part_no": task.part,
            "section_no": task.section,
            "kind": task.kind,
            "title": task.title,
            "text": task.text,
            "responsible_as_written": task.responsible_as_written,
            "period_start": period.start,
            "period_end": period.end,
        }
        _upsert(db, "task", ("no",), values)


def _sync_assignments(db: Database, plan: Plan, unit_ids: dict[str, int]) -> None:
    wanted = set()
    for task in plan.tasks:
        roles = [("lead", name) for name in task.lead] + [("support", name) for name in task.support]
        for ord_, (role, name) in enumerate(roles, start=1):
            wanted.add((task.no, unit_ids[name]))
            values = {"task_no": task.no, "unit_id": unit_ids[name], "role": role, "ord": ord_}
            _upsert(db, "assignment", ("task_no", "unit_id"), values)
    for row in db.query("SELECT id, task_no, unit_id FROM assignment"):
        if (row["task_no"], row["unit_id"]) not in wanted:
            db.execute("DELETE FROM assignment WHERE id = ?", (row["id"],))


def _sync_projects(db: Database, plan: Plan) -> None:
    wanted = set()
    for task in plan.tasks:
        for ord_, project in enumerate(task.projects, start=1):
            wanted.add((task.no, project.name))
            values = {
                "task_no": task.no,
                "name": project.name,
                "written": project.written,
                "kind": project.kind,
                "action": project.action,
                "ord": ord_,
            }
            _upsert(db, "project", ("task_no", "name"), values)
    for row in db.query("SELECT id, task_no, name FROM project"):
        if (row["task_no"], row["name"]) not in wanted:
            db.execute("DELETE FROM project WHERE id = ?", (row["id"],))


def _sync_targets(db: Database, plan: Plan) -> None:
    for ord_, target in enumerate(plan.targets, start=1):
        values = {
            "key": target.key,
            "indicator": target.indicator,
            "measure": target.measure,
            "annual_growth": target.annual_growth if target.measure == "real_growth" else None,
            "level_unit": target.level_unit if target.measure == "real_growth" else None,
            "value": None if target.measure == "real_growth" else target.value,
            "unit": None if target.measure == "real_growth" else target.unit,
            "target_year": target.target_year,
            "text": target.text,
            "zone_name": target.zone.name if target.zone else None,
            "zone_aliases": _json(target.zone.aliases if target.zone else []),
            "ord": ord_,
        }
        _upsert(db, "target", ("key",), values)
    wanted = set()
    for target in plan.targets:
        for ord_, scope in enumerate(target.scopes, start=1):
            wanted.add((target.key, scope.name))
            values = {"name": scope.name, "target_key": target.key, "aliases": _json(scope.aliases), "ord": ord_}
            _upsert(db, "scope", ("target_key", "name"), values)
    for row in db.query("SELECT target_key, name FROM scope"):
        if (row[0], row[1]) not in wanted:
            db.execute("DELETE FROM scope WHERE target_key = ? AND name = ?", (row[0], row[1]))
    _delete_missing(db, "target", "key", {target.key for target in plan.targets})
