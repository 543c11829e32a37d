"""Ordered, named schema migrations, recorded in the `migration` table and applied when the store opens.

Each step is plain SQL frozen at the time it was written: never edit a released step, add a new one.
`models.py` mirrors the resulting schema for the ORM; a test checks the two agree.
"""

import sqlite3
from collections.abc import Callable

MIGRATIONS: list[tuple[str, str]] = []


def migration(function: Callable[[], str]) -> Callable[[], str]:
    """Register a step: a function named mNNN_what that returns the step's SQL script."""
    MIGRATIONS.append((function.__name__, function()))
    return function


@migration
def m001_initial() -> str:
    return """
        CREATE TABLE plan (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            title TEXT NOT NULL,
            issuer TEXT NOT NULL,
            issued_on DATE NOT NULL,
            period_start DATE NOT NULL,
            period_end DATE NOT NULL,
            preamble TEXT,
            recipients TEXT NOT NULL DEFAULT '[]',
            copied_to TEXT NOT NULL DEFAULT '[]',
            disclosure TEXT,
            lead_weight FLOAT NOT NULL,
            support_weight FLOAT NOT NULL,
            yellow_behind FLOAT NOT NULL,
            red_behind FLOAT NOT NULL,
            base_year INTEGER NOT NULL,
            source_sha256 TEXT NOT NULL,
            loaded_at TEXT NOT NULL
        );
        CREATE TABLE part (
            no INTEGER PRIMARY KEY,
            numeral TEXT,
            title TEXT NOT NULL,
            text TEXT
        );
        CREATE TABLE section (
            no INTEGER PRIMARY KEY,
            numeral TEXT,
            title TEXT NOT NULL
        );
        CREATE TABLE task (
            no INTEGER PRIMARY KEY,
            part_no INTEGER NOT NULL REFERENCES part(no),
            section_no INTEGER REFERENCES section(no),
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            responsible_as_written TEXT,
            period_start DATE NOT NULL,
            period_end DATE NOT NULL
        );
        CREATE TABLE unit (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            full_name TEXT NOT NULL,
            level TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]',
            ord INTEGER NOT NULL
        );
        CREATE TABLE assignment (
            id INTEGER PRIMARY KEY,
            task_no INTEGER NOT NULL REFERENCES task(no),
            unit_id INTEGER NOT NULL REFERENCES unit(id),
            role TEXT NOT NULL,
            ord INTEGER NOT NULL,
            UNIQUE (task_no, unit_id)
        );
        CREATE INDEX ix_assignment_unit ON assignment(unit_id);
        CREATE TABLE project (
            id INTEGER PRIMARY KEY,
            task_no INTEGER NOT NULL REFERENCES task(no),
            name TEXT NOT NULL,
            written TEXT,
            kind TEXT NOT NULL,
            action TEXT NOT NULL,
            ord INTEGER NOT NULL,
            UNIQUE (task_no, name)
        );
        CREATE TABLE milestone (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- ids are quoted in exports: never reuse one
            task_no INTEGER NOT NULL,
            unit_id INTEGER NOT NULL,
            date DATE NOT NULL,
            progress FLOAT NOT NULL CHECK (progress >= 0 AND progress <= 100),
            status TEXT,
            note TEXT,
            project_id INTEGER REFERENCES project(id),
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            FOREIGN KEY (task_no, unit_id) REFERENCES assignment(task_no, unit_id)
        );
        -- "latest milestone of an assignment on or before D" is an index seek on this (ties on a date are
        -- sorted from the few rows of that date, so recorded_at and id need not widen every entry). No index on date
        -- alone: scans of all milestones (history, a unit's report count) take tens of milliseconds at
        -- 100,000 rows, while each extra index costs every bulk import about 0.15 s.
        CREATE INDEX ix_milestone_latest ON milestone(task_no, unit_id, date);
        -- Partial: most reports name no project, and an index they are not in costs their insert nothing.
        CREATE INDEX ix_milestone_project ON milestone(project_id) WHERE project_id IS NOT NULL;
        CREATE TABLE target (
            key TEXT PRIMARY KEY,
            indicator TEXT NOT NULL,
            measure TEXT NOT NULL,
            annual_growth FLOAT NOT NULL,
            target_year INTEGER NOT NULL,
            text TEXT,
            zone_name TEXT NOT NULL,
            zone_aliases TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE scope (
            name TEXT PRIMARY KEY,
            target_key TEXT NOT NULL REFERENCES target(key),
            aliases TEXT NOT NULL DEFAULT '[]',
            ord INTEGER NOT NULL
        );
        CREATE TABLE indicator (
            id INTEGER PRIMARY KEY,
            scope TEXT NOT NULL,
            year INTEGER NOT NULL,
            gdp FLOAT,
            growth FLOAT,
            source TEXT,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            UNIQUE (scope, year)
        );
        """


@migration
def m002_import_batches() -> str:
    return """
        CREATE TABLE batch (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- `jsj undo N` must never hit a later import
            file TEXT NOT NULL,
            sheet TEXT,
            sha256 TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL,
            rows_new INTEGER NOT NULL,
            rows_present INTEGER NOT NULL,
            rows_rejected INTEGER NOT NULL
        );
        -- No index on batch_id: `jsj undo` scans (tens of milliseconds) so that imports stay fast.
        ALTER TABLE milestone ADD COLUMN batch_id INTEGER REFERENCES batch(id);
        """


def statements(script: str) -> list[str]:
    """Split a script into complete SQL statements, so a step can run inside our own transaction."""
    found, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            found.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        found.append(buffer.strip())
    return found


def applied(db: sqlite3.Connection) -> set[str]:
    """The names of the steps this database has had; empty for a new file. Reads only."""
    exists = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migration'").fetchone()
    return {row[0] for row in db.execute("SELECT name FROM migration")} if exists else set()


def is_current(db: sqlite3.Connection) -> bool:
    return applied(db) >= {name for name, _ in MIGRATIONS}


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply every pending step in one transaction, under the write lock. Returns the names applied.

    `db` must be in autocommit mode (isolation_level=None): the transaction here is explicit, and the
    pending list is read again once the lock is held, so two processes opening a new file do not race.
    """
    if is_current(db):
        return []
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("CREATE TABLE IF NOT EXISTS migration (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = applied(db)
        names = [name for name, _ in MIGRATIONS if name not in done]
        for name, script in MIGRATIONS:
            if name in names:
                for statement in statements(script):
                    db.execute(statement)
                db.execute("INSERT INTO migration (name, applied_at) VALUES (?, datetime('now'))", (name,))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return names
