"""The SQLite store: opening and migrating the file, loading the plan, writing milestones and statistics,
and the plain-SQL reads that reports are built from.

Two ways in, on purpose: `connect()` gives a plain sqlite3 connection (fast: no ORM import) for reads and
checks; writes that build objects go through SQLModel sessions from `_engine()`. Both use WAL and a busy
timeout, so a cron export and an analyst's `record` at the same moment both succeed.
"""

import datetime as dt
import getpass
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from jinsanjiao_cli import migrations
from jinsanjiao_cli.errors import DatabaseError, NotResponsible, PlanConflict, UnknownProject, UnknownTask
from jinsanjiao_cli.i18n import join, register, t
from jinsanjiao_cli.lookup import Named, normalise_name, resolve_unit
from jinsanjiao_cli.progress import (
    AssignmentInput,
    Report,
    SectionInput,
    Settings,
    Snapshot,
    TaskInput,
    UnitActivity,
)

BUSY_TIMEOUT_SECONDS = 30

register(
    {
        "store.not_db": ("{path}: 不是 jsj 数据库({error})", "{path}: not a jsj database ({error})"),
        "store.cannot_open": (
            "{path}: 无法打开数据库({error})",
            "{path}: cannot open the database ({error})",
        ),
        "store.unknown_task": (
            "没有第 {no} 项任务(计划共 {count} 项)",
            "there is no task {no} (the plan has {count})",
        ),
        "store.not_responsible": (
            "{unit} 不是任务 {no} 的责任单位;责任单位为:{units}",
            "{unit} is not responsible for task {no}; responsible units: {units}",
        ),
        "store.no_units": ("任务 {no} 没有指定责任单位,无法填报进展", "task {no} names no responsible unit"),
        "store.unknown_project": (
            "任务 {no} 下没有项目 {name!r};该任务的项目:{projects}",
            "task {no} has no project {name!r}; its projects: {projects}",
        ),
        "store.no_projects": ("任务 {no} 下没有列出项目", "task {no} lists no projects"),
        "store.conflict": (
            "新计划会使已记录的进展失去对应,已拒绝加载:{what}",
            "refusing to load: the new plan would orphan recorded progress: {what}",
        ),
        "store.conflict_assignment": (
            "任务 {no} × {unit}({count} 条进展)",
            "task {no} × {unit} ({count} reports)",
        ),
        "store.conflict_project": (
            "任务 {no} 的项目 {name}({count} 条进展)",
            "project {name} of task {no} ({count} reports)",
        ),
        "store.unknown_batch": ("没有编号为 {id} 的导入批次", "there is no import batch {id}"),
        "store.conflict_scope": ("统计范围 {name}({count} 条统计数据)", "scope {name} ({count} statistics)"),
    }
)


# ---------------------------------------------------------------- opening


def _open(path: Path) -> sqlite3.Connection:
    # Autocommit mode: every transaction below is explicit (BEGIN IMMEDIATE … COMMIT).
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA foreign_keys = ON")
    # In WAL mode NORMAL still never corrupts the file; it only skips the fsync per commit (SQLite docs).
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def connect(path: Path) -> sqlite3.Connection:
    """Open the database, creating it, migrating it and loading the bundled plan as needed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = _open(path)
        _refuse_foreign(db)
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        migrations.migrate(db)
        has_plan = db.execute("SELECT 1 FROM plan").fetchone() is not None
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(t("store.not_db", path=path, error=exc)) from exc
    except OSError as exc:
        raise DatabaseError(t("store.cannot_open", path=path, error=exc.strerror or exc)) from exc
    if not has_plan:
        from jinsanjiao_cli.paths import bundled_plan_path
        from jinsanjiao_cli.plan import load_plan

        plan, digest = load_plan(bundled_plan_path())
        load_plan_into(path, plan, digest)
    return db


def _refuse_foreign(db: sqlite3.Connection) -> None:
    """A SQLite file with tables but no migration record belongs to another program: leave it alone."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and "migration" not in tables:
        raise sqlite3.DatabaseError("no jsj migration table; another program's database?")


@contextmanager
def write_transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error so nothing is half-written."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _engine(path: Path):
    """A SQLAlchemy engine whose transactions start with BEGIN IMMEDIATE (the pysqlite recipe)."""
    from sqlalchemy import event
    from sqlmodel import create_engine

    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_SECONDS})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # stop pysqlite issuing its own deferred BEGIN
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def now_stamp() -> str:
    # Microseconds keep "the later-recorded one wins" well defined for reports made in one second.
    return dt.datetime.now().isoformat(timespec="microseconds")


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        return "unknown"


# ---------------------------------------------------------------- the plan


@dataclass(frozen=True)
class LoadSummary:
    changed: bool
    tasks: int
    units: int
    assignments: int
    projects: int


def load_plan_into(path: Path, plan, digest: str) -> LoadSummary:
    """Load or update the plan in place, keeping recorded progress; refuse if progress would be orphaned."""
    from sqlmodel import Session

    with Session(_engine(path)) as session, session.begin():
        _refuse_orphans(session, plan)
        changed = _write_plan(session, plan, digest)
    return LoadSummary(
        changed=changed,
        tasks=len(plan.tasks),
        units=len(plan.units),
        assignments=sum(len(task.units) for task in plan.tasks),
        projects=sum(len(task.projects) for task in plan.tasks),
    )


# What recorded data hangs on: (query giving key columns then a count, message key, key → message params).
_IN_USE = (
    (
        "SELECT m.task_no, u.name, count(*) FROM milestone m JOIN unit u ON u.id = m.unit_id"
        " GROUP BY m.task_no, u.name ORDER BY m.task_no, u.ord",
        "store.conflict_assignment",
        lambda key: {"no": key[0], "unit": key[1]},
    ),
    (
        "SELECT p.task_no, p.name, count(*) FROM milestone m JOIN project p ON p.id = m.project_id"
        " GROUP BY p.id ORDER BY p.task_no, p.ord",
        "store.conflict_project",
        lambda key: {"no": key[0], "name": key[1]},
    ),
    (
        "SELECT scope, count(*) FROM indicator GROUP BY scope ORDER BY scope",
        "store.conflict_scope",
        lambda key: {"name": key[0]},
    ),
)


def _refuse_orphans(session, plan) -> None:
    """Every assignment, project and statistics scope that has data must still be in the new plan."""
    from sqlalchemy import text

    kept = (
        {(task.no, name) for task in plan.tasks for name in task.units},
        {(task.no, p.name) for task in plan.tasks for p in task.projects},
        {(scope.name,) for target in plan.targets for scope in target.scopes},
    )
    problems = []
    for (query, message, params), wanted in zip(_IN_USE, kept, strict=True):
        for *key, count in session.exec(text(query)):
            if tuple(key) not in wanted:
                problems.append(t(message, count=count, **params(key)))
    if problems:
        raise PlanConflict(t("store.conflict", what=join(problems)))


def _write_plan(session, plan, digest: str) -> bool:
    from jinsanjiao_cli import models as m

    current = session.get(m.PlanRow, 1)
    if current is not None and current.source_sha256 == digest:
        return False
    meta, settings = plan.plan, plan.settings
    session.merge(
        m.PlanRow(
            id=1,
            title=meta.title,
            issuer=meta.issuer,
            issued_on=meta.issued_on,
            period_start=meta.period.start,
            period_end=meta.period.end,
            preamble=meta.preamble,
            recipients=_json(meta.recipients),
            copied_to=_json(meta.copied_to),
            disclosure=meta.disclosure,
            lead_weight=settings.role_weights.lead,
            support_weight=settings.role_weights.support,
            yellow_behind=settings.lights.yellow_behind,
            red_behind=settings.lights.red_behind,
            base_year=settings.base_year,
            source_sha256=digest,
            loaded_at=now_stamp(),
        )
    )
    parts = [m.PartRow(**p.model_dump()) for p in plan.parts]
    sections = [m.SectionRow(**s.model_dump()) for s in plan.sections]
    tasks = [_task_row(plan, task) for task in plan.tasks]
    _upsert(session, parts + sections)
    unit_ids = _sync_units(session, plan)
    _drop_children(session, _missing(session, m.TaskRow, "no", tasks))
    _upsert(session, tasks)
    _sync_assignments(session, plan, unit_ids)
    _sync_projects(session, plan)
    _delete_missing(session, m.TaskRow, "no", tasks)
    _delete_missing(session, m.SectionRow, "no", sections)
    _delete_missing(session, m.PartRow, "no", parts)
    _sync_targets(session, plan)
    return True


def _json(values: list[str]) -> str:
    return json.dumps(values, ensure_ascii=False)


def _task_row(plan, task):
    from jinsanjiao_cli import models as m

    period = plan.task_period(task)
    return m.TaskRow(
        no=task.no,
        part_no=task.part,
        section_no=task.section,
        kind=task.kind,
        title=task.title,
        text=task.text,
        responsible_as_written=task.responsible_as_written,
        period_start=period.start,
        period_end=period.end,
    )


def _drop_children(session, removed_tasks: set) -> None:
    """Assignments and projects of removed tasks go first; _refuse_orphans has ensured they hold no progress."""
    from sqlmodel import delete

    from jinsanjiao_cli import models as m

    if removed_tasks:
        session.exec(delete(m.AssignmentRow).where(m.AssignmentRow.task_no.in_(removed_tasks)))
        session.exec(delete(m.ProjectRow).where(m.ProjectRow.task_no.in_(removed_tasks)))
        session.flush()


def _upsert(session, rows: list) -> None:
    for row in rows:
        session.merge(row)
    session.flush()


def _missing(session, model, key: str, keep: list) -> set:
    """Keys of `model` rows in the database that are not among `keep`."""
    from sqlmodel import select

    wanted = {getattr(row, key) for row in keep}
    return {value for value in session.exec(select(getattr(model, key)))} - wanted


def _delete_missing(session, model, key: str, keep: list) -> None:
    """Delete rows not in the new plan, after everything that pointed at them has moved on."""
    from sqlmodel import delete

    removed = _missing(session, model, key, keep)
    if removed:
        session.exec(delete(model).where(getattr(model, key).in_(removed)))
        session.flush()


def _sync_units(session, plan) -> dict[str, int]:
    from sqlmodel import select

    from jinsanjiao_cli import models as m

    existing = {row.name: row for row in session.exec(select(m.UnitRow))}
    for ord_, unit in enumerate(plan.units, start=1):
        row = existing.get(unit.name) or m.UnitRow(name=unit.name)
        row.full_name, row.level, row.aliases, row.ord = unit.full_name, unit.level, _json(unit.aliases), ord_
        session.add(row)
    session.flush()
    return {row.name: row.id for row in session.exec(select(m.UnitRow))}


def _delete_units_not_in(session, plan) -> None:
    from sqlmodel import delete

    from jinsanjiao_cli import models as m

    names = [unit.name for unit in plan.units]
    session.exec(delete(m.UnitRow).where(m.UnitRow.name.not_in(names)))


def _sync_assignments(session, plan, unit_ids: dict[str, int]) -> None:
    from sqlmodel import select

    from jinsanjiao_cli import models as m

    existing = {(row.task_no, row.unit_id): row for row in session.exec(select(m.AssignmentRow))}
    wanted = set()
    for task in plan.tasks:
        roles = [("lead", name) for name in task.lead] + [("support", name) for name in task.support]
        for ord_, (role, name) in enumerate(roles, start=1):
            key = (task.no, unit_ids[name])
            wanted.add(key)
            row = existing.get(key) or m.AssignmentRow(task_no=task.no, unit_id=unit_ids[name])
            row.role, row.ord = role, ord_
            session.add(row)
    for key, row in existing.items():
        if key not in wanted:
            session.delete(row)
    session.flush()
    _delete_units_not_in(session, plan)
    session.flush()


def _sync_projects(session, plan) -> None:
    from sqlmodel import select

    from jinsanjiao_cli import models as m

    existing = {(row.task_no, row.name): row for row in session.exec(select(m.ProjectRow))}
    wanted = set()
    for task in plan.tasks:
        for ord_, project in enumerate(task.projects, start=1):
            key = (task.no, project.name)
            wanted.add(key)
            row = existing.get(key) or m.ProjectRow(task_no=task.no, name=project.name)
            row.written, row.kind, row.action, row.ord = project.written, project.kind, project.action, ord_
            session.add(row)
    for key, row in existing.items():
        if key not in wanted:
            session.delete(row)
    session.flush()


def _sync_targets(session, plan) -> None:
    from jinsanjiao_cli import models as m

    targets = [
        m.TargetRow(
            key=target.key,
            indicator=target.indicator,
            measure=target.measure,
            annual_growth=target.annual_growth,
            target_year=target.target_year,
            text=target.text,
            zone_name=target.zone.name,
            zone_aliases=_json(target.zone.aliases),
        )
        for target in plan.targets
    ]
    scopes = [
        m.ScopeRow(name=scope.name, target_key=target.key, aliases=_json(scope.aliases), ord=i)
        for target in plan.targets
        for i, scope in enumerate(target.scopes, start=1)
    ]
    _upsert(session, targets)
    _upsert(session, scopes)
    _delete_missing(session, m.ScopeRow, "name", scopes)
    _delete_missing(session, m.TargetRow, "key", targets)


# ---------------------------------------------------------------- reading the plan


def plan_info(db: sqlite3.Connection) -> sqlite3.Row:
    return db.execute("SELECT * FROM plan WHERE id = 1").fetchone()


def settings(db: sqlite3.Connection) -> Settings:
    row = plan_info(db)
    return Settings(row["lead_weight"], row["support_weight"], row["yellow_behind"], row["red_behind"])


def units(db: sqlite3.Connection) -> list[Named]:
    rows = db.execute("SELECT name, full_name, aliases FROM unit ORDER BY ord")
    return [Named(r["name"], (r["full_name"], *json.loads(r["aliases"]))) for r in rows]


def find_unit(db: sqlite3.Connection, typed: str) -> str:
    """The unit's plan name for whatever the user typed (full name, written name, alias)."""
    return resolve_unit(units(db), typed).name


def task(db: sqlite3.Connection, no: int) -> sqlite3.Row:
    row = db.execute("SELECT * FROM task WHERE no = ?", (no,)).fetchone() if abs(no) < 2**63 else None
    if row is None:
        count = db.execute("SELECT count(*) FROM task").fetchone()[0]
        raise UnknownTask(t("store.unknown_task", no=no, count=count))
    return row


def responsible_units(db: sqlite3.Connection, task_no: int) -> list[sqlite3.Row]:
    return db.execute(
        "SELECT u.id, u.name, a.role FROM assignment a JOIN unit u ON u.id = a.unit_id"
        " WHERE a.task_no = ? ORDER BY a.ord",
        (task_no,),
    ).fetchall()


def projects(db: sqlite3.Connection, task_no: int) -> list[sqlite3.Row]:
    return db.execute("SELECT * FROM project WHERE task_no = ? ORDER BY ord", (task_no,)).fetchall()


def check_assignment(db: sqlite3.Connection, task_no: int, unit_name: str) -> int:
    """The unit's id if it is responsible for the task; else NotResponsible listing those that are."""
    task(db, task_no)
    responsible = responsible_units(db, task_no)
    for row in responsible:
        if row["name"] == unit_name:
            return row["id"]
    if not responsible:
        raise NotResponsible(t("store.no_units", no=task_no))
    names = join([row["name"] for row in responsible])
    raise NotResponsible(t("store.not_responsible", unit=unit_name, no=task_no, units=names))


def project_keys(row: sqlite3.Row) -> set[str]:
    """What a project may be typed as: its name or the words the plan writes it with, normalised."""
    return {normalise_name(name) for name in (row["name"], row["written"]) if name}


def project_index(db: sqlite3.Connection) -> dict[int, dict[str, int]]:
    """Task → typed key → project id, for checking many rows at once (see `find_project` for one)."""
    index: dict[int, dict[str, int]] = {r["no"]: {} for r in db.execute("SELECT no FROM task")}
    for row in db.execute("SELECT * FROM project"):
        index[row["task_no"]].update(dict.fromkeys(project_keys(row), row["id"]))
    return index


def responsibilities(db: sqlite3.Connection) -> dict[int, dict[str, int]]:
    """Task → responsible unit name → unit id, for checking many rows at once."""
    index: dict[int, dict[str, int]] = {r["no"]: {} for r in db.execute("SELECT no FROM task")}
    for row in db.execute("SELECT a.task_no, u.name, u.id FROM assignment a JOIN unit u ON u.id = a.unit_id"):
        index[row["task_no"]][row["name"]] = row["id"]
    return index


def find_project(db: sqlite3.Connection, task_no: int, typed: str) -> int:
    """The id of the task's project named (or written) as typed."""
    listed = projects(db, task_no)
    key = normalise_name(typed)
    for row in listed:
        if key in project_keys(row):
            return row["id"]
    if not listed:
        raise UnknownProject(t("store.no_projects", no=task_no))
    names = join([row["name"] for row in listed])
    raise UnknownProject(t("store.unknown_project", no=task_no, name=typed, projects=names))


# ---------------------------------------------------------------- milestones


@dataclass(frozen=True)
class NewMilestone:
    task_no: int
    unit_id: int
    date: dt.date
    progress: float
    status: str | None
    note: str | None
    project_id: int | None
    recorded_by: str


def add_milestone(path: Path, milestone: NewMilestone) -> int:
    """Store one validated progress report; returns its id."""
    from sqlmodel import Session

    from jinsanjiao_cli.models import MilestoneRow

    with Session(_engine(path)) as session, session.begin():
        row = MilestoneRow(**milestone.__dict__, recorded_at=now_stamp())
        session.add(row)
        session.flush()
        return row.id


def history(
    db: sqlite3.Connection,
    task_no: int | None = None,
    unit_name: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[sqlite3.Row]:
    """Milestones, oldest first, filtered by task, unit and date range (inclusive)."""
    clauses, params = [], []
    for clause, value in (
        ("m.task_no = ?", task_no),
        ("u.name = ?", unit_name),
        ("m.date >= ?", since and since.isoformat()),
        ("m.date <= ?", until and until.isoformat()),
    ):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return db.execute(
        "SELECT m.id, m.task_no, t.title AS task_title, u.name AS unit, m.date, m.progress, m.status, m.note,"
        " p.name AS project, m.recorded_at, m.recorded_by, m.batch_id"
        " FROM milestone m JOIN unit u ON u.id = m.unit_id JOIN task t ON t.no = m.task_no"
        f" LEFT JOIN project p ON p.id = m.project_id {where}"
        " ORDER BY m.date, m.recorded_at, m.id",
        params,
    ).fetchall()


# ---------------------------------------------------------------- snapshots for the maths


_LATEST = (
    "SELECT id FROM milestone WHERE task_no = a.task_no AND unit_id = a.unit_id AND date <= :as_of"
    " ORDER BY date DESC, recorded_at DESC, id DESC LIMIT 1"
)


def snapshot(db: sqlite3.Connection, as_of: dt.date, *, with_activity: bool = True) -> Snapshot:
    """Everything `progress.assess` needs as of a date, in a handful of indexed queries.

    `with_activity=False` skips each unit's report count and last date (a scan of all milestones), for
    callers such as the monthly trend that need completion only.
    """
    params = {"as_of": as_of.isoformat()}
    rows = db.execute(
        "SELECT a.task_no, u.name AS unit, a.role, m.date, m.progress, m.status, m.note, p.name AS project,"
        " m.recorded_at"
        " FROM assignment a JOIN unit u ON u.id = a.unit_id"
        f" LEFT JOIN milestone m ON m.id = ({_LATEST})"
        " LEFT JOIN project p ON p.id = m.project_id ORDER BY a.task_no, a.ord",
        params,
    )
    assignments = tuple(
        AssignmentInput(r["task_no"], r["unit"], r["role"], _report(r) if r["date"] is not None else None) for r in rows
    )
    activity = _activity(db, params) if with_activity else {}
    return Snapshot(
        as_of=as_of,
        settings=settings(db),
        sections=tuple(SectionInput(r["no"], r["title"]) for r in db.execute("SELECT * FROM section ORDER BY no")),
        tasks=tuple(
            TaskInput(
                r["no"],
                r["kind"],
                r["section_no"],
                r["title"],
                dt.date.fromisoformat(r["period_start"]),
                dt.date.fromisoformat(r["period_end"]),
            )
            for r in db.execute("SELECT * FROM task ORDER BY no")
        ),
        assignments=assignments,
        units=tuple(r["name"] for r in db.execute("SELECT name FROM unit ORDER BY ord")),
        activity=activity,
    )


def _activity(db: sqlite3.Connection, params: dict) -> dict[str, UnitActivity]:
    # Grouping by (task_no, unit_id) follows ix_milestone_latest, so SQLite needs no temporary B-tree;
    # the ~70 groups are then folded per unit here.
    names = {r["id"]: r["name"] for r in db.execute("SELECT id, name FROM unit")}
    folded: dict[str, UnitActivity] = {}
    for unit_id, last, reports in db.execute(
        "SELECT unit_id, max(date), count(*) FROM milestone WHERE date <= :as_of GROUP BY task_no, unit_id",
        params,
    ):
        name, day = names[unit_id], dt.date.fromisoformat(last)
        before = folded.get(name, UnitActivity())
        latest = max(day, before.last_report) if before.last_report else day
        folded[name] = UnitActivity(latest, before.reports + reports)
    return folded


def _report(row: sqlite3.Row) -> Report:
    return Report(
        dt.date.fromisoformat(row["date"]),
        row["progress"],
        row["status"],
        row["note"],
        row["project"],
        row["recorded_at"],
    )


def project_reports(db: sqlite3.Connection, task_no: int, as_of: dt.date) -> list[sqlite3.Row]:
    """The task's projects, each with the latest report on or before as_of that names it."""
    return db.execute(
        "SELECT p.name, p.kind, p.action, m.date, m.progress, m.note, u.name AS unit FROM project p"
        " LEFT JOIN milestone m ON m.id = (SELECT id FROM milestone WHERE project_id = p.id AND date <= ?"
        " ORDER BY date DESC, recorded_at DESC, id DESC LIMIT 1)"
        " LEFT JOIN unit u ON u.id = m.unit_id WHERE p.task_no = ? ORDER BY p.ord",
        (as_of.isoformat(), task_no),
    ).fetchall()


# ---------------------------------------------------------------- official statistics


def scopes(db: sqlite3.Connection) -> list[Named]:
    rows = db.execute("SELECT name, aliases FROM scope ORDER BY ord")
    return [Named(r["name"], tuple(json.loads(r["aliases"]))) for r in rows]


def set_indicator(
    path: Path, scope: str, year: int, *, gdp: float | None, growth: float | None, source: str | None, by: str
) -> tuple[float | None, float | None]:
    """Record (or correct) a scope's statistics for a year; figures not given keep their stored value.
    Returns the (gdp, growth) now stored."""
    from sqlmodel import Session, select

    from jinsanjiao_cli.models import IndicatorRow

    with Session(_engine(path)) as session, session.begin():
        query = select(IndicatorRow).where(IndicatorRow.scope == scope, IndicatorRow.year == year)
        row = session.exec(query).first() or IndicatorRow(scope=scope, year=year, recorded_at="", recorded_by="")
        row.gdp = gdp if gdp is not None else row.gdp
        row.growth = growth if growth is not None else row.growth
        row.source = source if source is not None else row.source
        row.recorded_at, row.recorded_by = now_stamp(), by
        session.add(row)
        return row.gdp, row.growth


def indicators(db: sqlite3.Connection) -> list[sqlite3.Row]:
    return db.execute(
        "SELECT i.* FROM indicator i LEFT JOIN scope s ON s.name = i.scope ORDER BY s.ord, i.year"
    ).fetchall()


# ---------------------------------------------------------------- import batches

_INSERT_MILESTONE = (
    "INSERT INTO milestone (task_no, unit_id, date, progress, status, note, project_id, recorded_by,"
    " recorded_at, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def add_batch(db: sqlite3.Connection, file: Path, sheet: str | None, sha256: str, by: str, counts, rows) -> int:
    """One import as one transaction: the batch row and all its milestones, by one executemany."""
    stamp = now_stamp()
    # Inserting in index order keeps the B-tree pages hot: about a third faster for 100,000 rows.
    ordered = sorted(rows, key=itemgetter(0, 1, 2))
    with write_transaction(db):
        batch_id = db.execute(
            "INSERT INTO batch (file, sheet, sha256, imported_at, imported_by, rows_new, rows_present,"
            " rows_rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (str(file), sheet, sha256, stamp, by, counts.rows_new, counts.rows_present, counts.rows_rejected),
        ).lastrowid
        db.executemany(_INSERT_MILESTONE, ((*row, stamp, batch_id) for row in ordered))
    return batch_id


def batches(db: sqlite3.Connection) -> list[sqlite3.Row]:
    return db.execute("SELECT * FROM batch ORDER BY id").fetchall()


def undo_batch(db: sqlite3.Connection, batch_id: int) -> int:
    """Delete a batch and its milestones; returns how many milestones went."""
    from jinsanjiao_cli.errors import UnknownBatch

    with write_transaction(db):
        if abs(batch_id) >= 2**63 or db.execute("SELECT 1 FROM batch WHERE id = ?", (batch_id,)).fetchone() is None:
            raise UnknownBatch(t("store.unknown_batch", id=batch_id))
        removed = db.execute("DELETE FROM milestone WHERE batch_id = ?", (batch_id,)).rowcount
        db.execute("DELETE FROM batch WHERE id = ?", (batch_id,))
    return removed
