"""The SQLite engine: one file, WAL mode, a 30 s busy timeout, `BEGIN IMMEDIATE` as the write lock."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinsanjiao_cli.ledger.db import Database, Params, Row, fail
from jinsanjiao_cli.ledger.db.location import Location
from jinsanjiao_cli.text.i18n import t

BUSY_TIMEOUT_SECONDS = 30


def _date_from_text(raw: bytes) -> dt.date:
    return dt.date.fromisoformat(raw.decode())


# Typed columns: DATE (declared or aliased "x [date]") comes back as a date, BOOLEAN as a bool, so rows look
# the same as PostgreSQL's. Registered once per process; only connections with detect_types use them.
sqlite3.register_converter("date", _date_from_text)
sqlite3.register_converter("boolean", lambda raw: raw not in (b"0", b""))
sqlite3.register_adapter(dt.date, dt.date.isoformat)


def _check_path(location: Location, path: Path) -> None:
    """What SQLite would only call "unable to open": a name too long, a directory, a device or pipe."""
    try:
        limit = os.pathconf(path.parent if path.parent.is_dir() else ".", "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    length = len(os.fsencode(path.name))
    if length > limit:
        raise fail(location, t("db.sqlite.name_too_long", length=length, limit=limit))
    try:
        if path.is_dir():
            raise fail(location, t("db.sqlite.is_dir"))
        if path.exists() and not path.is_file():
            raise fail(location, t("db.sqlite.not_file"))
    except OSError as exc:
        raise fail(location, t("db.sqlite.cannot_open", error=exc.strerror or exc)) from exc


def _connect(path: Path, mode: str, immutable: bool = False) -> sqlite3.Connection:
    # The path's bytes, percent-encoded: a name that is not UTF-8 opens as the file it is.
    uri = f"file:{quote(os.fsencode(path.absolute()))}?mode={mode}" + ("&immutable=1" if immutable else "")
    conn = sqlite3.connect(
        uri,
        uri=True,
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,  # autocommit: every transaction below is explicit
        detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES,
        # The portal's pool hands a connection to one request thread at a time, never to two at once.
        check_same_thread=False,
    )
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # SQLite opens the file lazily: now
        conn.execute("PRAGMA foreign_keys = ON")
        # In WAL mode NORMAL never corrupts the file; it only skips the fsync per commit (SQLite docs).
        conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn


def _open_immutable(location: Location, path: Path, first_error: Exception) -> sqlite3.Connection:
    """A read-only ledger in a directory we cannot write: WAL mode cannot make its shared-memory file
    there, so read the file as it stands, which is complete when no write-ahead log is left beside it."""
    log = path.with_name(path.name + "-wal")
    if log.exists() and log.stat().st_size > 0:
        raise fail(location, t("db.sqlite.read_only_log"))
    try:
        return _connect(path, "ro", immutable=True)
    except sqlite3.Error as exc:
        raise fail(location, t("db.sqlite.cannot_open", error=first_error)) from exc


class SqliteDatabase(Database):
    engine = "sqlite"

    def __init__(self, location: Location, conn: sqlite3.Connection, read_only: bool) -> None:
        super().__init__(location)
        self._conn = conn
        self.read_only = read_only

    @classmethod
    def open(cls, location: Location, create: bool = True) -> SqliteDatabase:
        """The file's database; a missing file is created only with `create` (its directory must exist)."""
        path = location.path
        assert path is not None
        _check_path(location, path)
        read_only = path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
        try:
            conn = _connect(path, "ro" if read_only else "rwc" if create else "rw")
        except sqlite3.OperationalError as exc:
            if "disk I/O error" in str(exc):
                raise fail(location, t("db.sqlite.io")) from exc
            if not read_only:
                raise fail(location, t("db.sqlite.cannot_open", error=exc)) from exc
            conn = _open_immutable(location, path, exc)
        except sqlite3.DatabaseError as exc:
            raise fail(location, t("db.sqlite.not_db", error=exc)) from exc
        except OSError as exc:
            raise fail(location, t("db.sqlite.cannot_open", error=exc.strerror or exc)) from exc
        return cls(location, conn, read_only)

    def prepare(self) -> None:
        """Called once the file is known to be jsj's: WAL lets a reader and a writer work at the same time."""
        if self.read_only:
            return
        with self.errors():
            if self._conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                self._conn.execute("PRAGMA journal_mode = WAL")

    @contextmanager
    def errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise self._translate(exc) from exc

    def _translate(self, exc: sqlite3.Error) -> Exception:
        text = str(exc)
        if "database is locked" in text or "database is busy" in text:
            return fail(self.location, t("db.sqlite.busy", seconds=BUSY_TIMEOUT_SECONDS))
        if "readonly" in text or "read-only" in text:
            return fail(self.location, t("db.sqlite.read_only"))
        if "disk is full" in text or "database or disk is full" in text:
            return fail(self.location, t("db.sqlite.full"))
        if "disk I/O error" in text:
            return fail(self.location, t("db.sqlite.io"))
        if isinstance(exc, sqlite3.DatabaseError) and ("not a database" in text or "malformed" in text):
            return fail(self.location, t("db.sqlite.not_db", error=text))
        return fail(self.location, t("db.sqlite.error", error=text))

    def _sql(self, sql: str) -> str:
        # SQLite spells the null-safe comparison `IS`; older builds lack the standard form.
        return sql.replace(" IS NOT DISTINCT FROM ", " IS ")

    def _fetchall(self, sql: str, params: Params) -> list[Row]:
        return self._conn.execute(sql, params).fetchall()

    def _stream(self, sql: str, params: Params, size: int) -> Iterator[Row]:
        cursor = self._conn.execute(sql, params)
        while batch := cursor.fetchmany(size):
            yield from batch

    def _execute(self, sql: str, params: Params) -> int:
        return self._conn.execute(sql, params).rowcount

    def _insert(self, sql: str, params: Params) -> int:
        rowid = self._conn.execute(sql, params).lastrowid
        assert rowid is not None  # set by every INSERT
        return rowid

    def _executemany(self, sql: str, rows: Iterable[Params]) -> None:
        self._conn.executemany(sql, rows)

    def _copy_in(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        marks = ", ".join("?" * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        if self._conn.in_transaction:
            self._conn.executemany(sql, rows)
            return
        # Outside a transaction each row would be its own (a journal written and removed per row): one for all.
        self._conn.execute("BEGIN")
        try:
            self._conn.executemany(sql, rows)
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _begin_write(self) -> None:
        if self.read_only:
            raise fail(self.location, t("db.sqlite.read_only"))
        self._conn.execute("BEGIN IMMEDIATE")

    def _begin_read(self) -> None:
        self._conn.execute("BEGIN")

    def _finish(self, commit: bool) -> None:
        if self._conn.in_transaction:
            self._conn.execute("COMMIT" if commit else "ROLLBACK")

    def tables(self) -> set[str]:
        rows = self.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        return {row[0] for row in rows}

    def columns(self, table: str) -> list[str]:
        return [row[1] for row in self.query(f"PRAGMA table_info({table})")]

    def id_high_water(self, table: str) -> int:
        sequence = None
        if "sqlite_sequence" in {r[0] for r in self.query("SELECT name FROM sqlite_master WHERE type = 'table'")}:
            sequence = self.value("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,))
        highest = self.value(f"SELECT max(id) FROM {table}")
        return max(sequence or 0, highest or 0)

    def set_id_high_water(self, table: str, value: int) -> None:
        # Only AUTOINCREMENT tables keep a sequence; for the others the highest id already is the mark.
        if "AUTOINCREMENT" not in (self.value("SELECT sql FROM sqlite_master WHERE name = ?", (table,)) or ""):
            return
        if self.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (value, table)) == 0:
            self.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, value))

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (tests copy the file)."""
        self.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self._conn.close()
