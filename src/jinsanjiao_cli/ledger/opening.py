"""Opening a ledger: connect, refuse a database that is not jsj's, migrate, and load a plan into a new one."""

from __future__ import annotations

from pathlib import Path

from jinsanjiao_cli.core.errors import DatabaseError
from jinsanjiao_cli.ledger import migrations
from jinsanjiao_cli.ledger.db import Database, Location, connect
from jinsanjiao_cli.ledger.db.location import sqlite_file
from jinsanjiao_cli.text.i18n import t


def open_ledger(location: Location | str | Path, *, with_plan: bool = True) -> Database:
    """Connect, refuse a database that is not jsj's, migrate, and load a plan into a new ledger.

    `location` is a parsed location, a path or URL as typed, or a SQLite file's Path. `with_plan=False`
    leaves a new ledger empty (the destination of `jsj db copy`).
    """
    if isinstance(location, Path):
        location = sqlite_file(location)
    db = connect(location)
    try:
        _refuse_foreign(db)
        db.prepare()
        migrations.migrate(db)
        if with_plan and not has_plan(db):
            _load_default_plan(db)
    except BaseException:
        db.close()
        raise
    return db


def has_plan(db: Database) -> bool:
    return db.value("SELECT count(*) FROM plan") > 0


# Tables of jsj's schema; on PostgreSQL a shared database may hold other programs' tables beside them.
JSJ_TABLES = frozenset(
    {"plan", "part", "section", "task", "unit", "assignment", "project", "milestone", "target", "scope"}
    | {"indicator", "batch", "migration", "report_count", "unit_contact", "batch_skip", "problem"}
    | {"problem_need", "problem_update", "account", "web_session", "login_log"}
)


def _refuse_foreign(db: Database) -> None:
    """Leave another program's data alone: a SQLite file with tables but no migration record, or a
    PostgreSQL schema where tables with jsj's names exist without one."""
    tables = db.tables()
    if "migration" in tables or not tables:
        return
    clashing = sorted(tables & JSJ_TABLES) if db.engine == "postgresql" else sorted(tables)
    if clashing:
        raise DatabaseError(t("store.foreign", db=db.location, tables=", ".join(clashing[:5])))


def _load_default_plan(db: Database) -> None:
    from jinsanjiao_cli.io.plan import load_plan
    from jinsanjiao_cli.ledger.paths import default_plan_path
    from jinsanjiao_cli.ledger.plan_sync import load_plan_into

    plan, digest = load_plan(default_plan_path())
    load_plan_into(db, plan, digest)
