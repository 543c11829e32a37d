"""Opening a ledger: connect, refuse a database that is not jsj's, migrate, and load a plan into a new one.

Only `jsj init`, `jsj db copy --to` and the default location on first use create a ledger (`create=True`).
Every other command opens one that exists, so a mistyped `--db` or `JSJ_DB` is refused ("no ledger at
PATH") instead of quietly becoming a new, empty ledger that reports are recorded into. A ledger being
created is made whole or not at all: the plan it gets is checked before anything is written, and a new
SQLite file is removed again if creating it fails.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from jinsanjiao_cli.core.errors import DatabaseError
from jinsanjiao_cli.ledger import migrations
from jinsanjiao_cli.ledger.db import Database, Location, connect
from jinsanjiao_cli.ledger.db.location import sqlite_file
from jinsanjiao_cli.text.i18n import t

if TYPE_CHECKING:
    from jinsanjiao_cli.plans.plan import Plan


class NoLedger(DatabaseError):
    """Nothing at the location holds a ledger, and the command may not create one."""


def open_ledger(
    location: Location | str | Path, *, with_plan: bool = True, create: bool = False, parents: bool = False
) -> Database:
    """Connect, refuse a database that is not jsj's, migrate, and load a plan into a new ledger.

    `location` is a parsed location, a path or URL as typed, or a SQLite file's Path. `create`: a ledger
    may be created there (else NoLedger); `parents`: with it the directories above a new SQLite file (the
    default location only: a typed path's directory must exist). `with_plan=False` leaves a new ledger
    empty (`jsj init` loads its own plan; `jsj db copy` copies one).
    """
    location = _as_location(location)
    # The plan a new ledger gets is read and checked before anything is created: a bad JSJ_PLAN leaves nothing.
    plan = _default_plan() if create and with_plan and not _holds_file(location) else None
    new_file = _check_place(location, create, parents)
    db = None
    try:
        db = connect(location, create=create)
        tables = db.tables()  # asked once: every check below reads the same answer
        _refuse_foreign(db, tables)
        if not create and "migration" not in tables:
            raise NoLedger(_no_ledger(location))
        db.prepare()
        migrations.migrate(db, tables)
        if with_plan and not has_plan(db):
            _load_plan(db, plan or _default_plan())
    except BaseException:
        if db is not None:
            db.close()
        if new_file:
            _remove_sqlite(location)
        raise
    return db


def _as_location(location: Location | str | Path) -> Location:
    if isinstance(location, Path):
        return sqlite_file(location)
    if isinstance(location, str):
        from jinsanjiao_cli.ledger.db.location import parse_location

        return parse_location(location)
    return location


def _holds_file(location: Location) -> bool:
    try:
        return location.engine == "sqlite" and location.path is not None and location.path.exists()
    except OSError:
        return False


def ledger_exists(location: Location) -> bool:
    """Whether a SQLite ledger's file exists (a PostgreSQL location is asked when opened)."""
    return location.engine != "sqlite" or (location.path is not None and location.path.exists())


def _check_place(location: Location, create: bool, parents: bool) -> bool:
    """Refuse a SQLite file that is missing (unless creating) or whose directory is missing (unless `parents`);
    returns whether a new file will be created."""
    if location.engine != "sqlite" or location.path is None:
        return False
    path = location.path
    try:
        if path.exists():
            return False
    except OSError:  # a name too long for the file system: the engine says so, in its words
        return False
    if not create:
        raise NoLedger(_no_ledger(location))
    if not path.parent.is_dir() and not parents:
        raise DatabaseError(t("db.no_directory", db=location, dir=_shown(path.parent)))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Made here, exclusively: of several runs creating one ledger at once, only the one that made the
        # file removes it should creating it fail (SQLite takes an empty file for a new database).
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except FileExistsError:
        return False
    except OSError as exc:
        raise DatabaseError(t("db.sqlite.cannot_open", error=exc.strerror or exc)) from exc
    return True


def _no_ledger(location: Location) -> str:
    return t("db.no_ledger", db=location, command=f"jsj init --db {_quoted(str(location))}")


def _quoted(text: str) -> str:
    """A path as one would type it in a shell (quoted when it holds a space or a shell character)."""
    import shlex

    return shlex.quote(text)


def _shown(path: Path) -> str:
    return str(sqlite_file(path))


def _remove_sqlite(location: Location) -> None:
    """Remove a SQLite file this run created (and its journal files), after creating it failed."""
    path = location.path
    assert path is not None
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def has_plan(db: Database) -> bool:
    return bool(db.value("SELECT count(*) FROM plan"))


def _refuse_foreign(db: Database, tables: set[str]) -> None:
    """Leave another program's data alone: a SQLite file with tables but no migration record, or a
    PostgreSQL schema where tables with jsj's names exist without one."""
    if "migration" in tables or not tables:
        return
    # On PostgreSQL a shared database may hold other programs' tables beside jsj's: only jsj's names clash.
    # (The schema's declaration is imported only on this rare path: the ORM is slow to import.)
    from jinsanjiao_cli.ledger.schema import table_names

    clashing = sorted(tables & table_names()) if db.engine == "postgresql" else sorted(tables)
    if clashing:
        raise DatabaseError(t("store.foreign", db=db.location, tables=", ".join(clashing[:5])))


def _default_plan() -> tuple[Plan, str]:
    from jinsanjiao_cli.ledger.paths import default_plan_path
    from jinsanjiao_cli.plans.plan import load_plan

    return load_plan(default_plan_path())


def _load_plan(db: Database, plan: tuple[Plan, str]) -> None:
    from jinsanjiao_cli.ledger.plan_sync import load_plan_into

    load_plan_into(db, *plan)
