"""The PostgreSQL engine, through psycopg 3: for offices that share one ledger on a server.

The write lock is a transaction-level advisory lock (`pg_advisory_xact_lock`) taken first in every write
transaction: writers queue one at a time exactly as on SQLite (where `BEGIN IMMEDIATE` does the same),
while readers are never blocked (MVCC). Under READ COMMITTED each statement after the lock sees every
earlier writer's commit, so "is this row already stored?" and the insert cannot interleave with another
import. The lock is released by COMMIT or ROLLBACK, so a killed process never leaves it held.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, cast

from jinsanjiao_cli.ledger.db import Database, Params, Row, fail
from jinsanjiao_cli.ledger.db.location import Location
from jinsanjiao_cli.text.i18n import t

if TYPE_CHECKING:
    import psycopg
    from psycopg.cursor import BaseCursor
    from psycopg.rows import RowMaker

LOCK_TIMEOUT = "30s"  # as long as SQLite's busy timeout: a writer waits this long for the lock, then says so
CONNECT_TIMEOUT_SECONDS = 10


class KeyedRow(tuple[Any, ...]):
    """A row that also answers to column names, like sqlite3.Row (the class carries the name index)."""

    __slots__ = ()
    _index: ClassVar[dict[str, int]] = {}

    # tuple's __getitem__ takes a position or a slice; a row also takes a column name.
    def __getitem__(self, key: str | int | slice) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


@lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[KeyedRow]:
    return type("Row", (KeyedRow,), {"__slots__": (), "_index": {name: i for i, name in enumerate(names)}})


def _keyed_rows(cursor: BaseCursor[Any, Any]) -> RowMaker[KeyedRow]:
    description = cursor.description
    if description is None:  # a statement without a result: no rows to make
        return _row_class(())
    return _row_class(tuple(column.name for column in description))


_PLACEHOLDERS = re.compile(r'%|\?|(?<![:\w]):([A-Za-z_]\w*)|"(\w+) \[\w+\]"')


@lru_cache(maxsize=1024)
def pyformat(sql: str) -> str:
    """Our SQL (`?`, `:name`, typed aliases "x [date]") in psycopg's style (`%s`, `%(name)s`, plain x)."""

    def swap(match: re.Match[str]) -> str:
        text = match.group(0)
        if text == "%":
            return "%%"
        if text == "?":
            return "%s"
        if match.group(1):
            return f"%({match.group(1)})s"
        return match.group(2)  # the driver already returns a date for a date expression

    return _PLACEHOLDERS.sub(swap, sql)


class PostgresDatabase(Database):
    _json_array = "json_build_array"
    engine = "postgresql"
    read_only = False

    def __init__(self, location: Location, conn: psycopg.Connection[KeyedRow]) -> None:
        super().__init__(location)
        self._conn = conn
        self._lock_key = zlib.crc32(f"jsj:{location.schema or ''}".encode())

    @classmethod
    def open(cls, location: Location) -> PostgresDatabase:
        try:
            import psycopg
            from psycopg.types.numeric import FloatLoader
        except ImportError as exc:
            raise fail(location, t("db.pg.no_driver")) from exc
        own_options = _has_options(psycopg, location)
        try:
            conn = psycopg.connect(
                location.conninfo or "",
                autocommit=True,  # every transaction below is explicit
                row_factory=_keyed_rows,
                connect_timeout=CONNECT_TIMEOUT_SECONDS,
                options=None if own_options else _startup_options(_settings(location)),  # None: left out
            )
        except psycopg.Error as exc:
            raise _connect_failure(location, exc) from exc
        # sum() and avg() of integers are NUMERIC in PostgreSQL: read them as floats, as SQLite gives them.
        conn.adapters.register_loader("numeric", FloatLoader)
        database = cls(location, conn)
        if own_options:  # the URL's own options: settings cannot ride on the connection
            with database.errors():
                conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
                if location.schema:
                    conn.execute(f'SET search_path TO "{location.schema}"')
        return database

    def prepare(self) -> None:
        """Create the schema named in the URL on first use (under the write lock, so two first runs agree)."""
        schema = self.location.schema
        if schema and not self.value("SELECT 1 FROM pg_namespace WHERE nspname = ?", (schema,)):
            with self.write():
                self.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')

    @contextmanager
    def errors(self) -> Iterator[None]:
        import psycopg

        try:
            yield
        except psycopg.Error as exc:
            raise self._translate(exc) from exc

    def _translate(self, exc: psycopg.Error) -> Exception:
        from psycopg import errors

        if isinstance(exc, errors.LockNotAvailable):
            return fail(self.location, t("db.pg.busy", timeout=LOCK_TIMEOUT))
        if isinstance(exc, errors.ReadOnlySqlTransaction):
            return fail(self.location, t("db.pg.read_only"))
        return fail(self.location, t("db.pg.error", error=_first_line(exc)))

    def _sql(self, sql: str) -> str:
        return pyformat(sql)

    def _fetchall(self, sql: str, params: Params) -> list[Row]:
        # psycopg's rows are KeyedRows (tuples), typed as its own row type: no copy, only a cast
        return cast("list[Row]", self._conn.execute(sql, params).fetchall())

    def _stream(self, sql: str, params: Params, size: int) -> Iterator[Row]:
        # A server-side cursor needs a transaction; open one for the scan when none is running.
        own = self._conn.info.transaction_status == 0  # IDLE
        if own:
            self._conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            with self._conn.cursor(name="jsj_stream") as cursor:
                cursor.itersize = size
                cursor.execute(sql, params)
                yield from cursor
        finally:
            if own:
                self._conn.execute("COMMIT")

    def _execute(self, sql: str, params: Params) -> int:
        return self._conn.execute(sql, params).rowcount

    def _insert(self, sql: str, params: Params) -> int:
        row = self._conn.execute(f"{sql} RETURNING id", params).fetchone()
        assert row is not None  # RETURNING gives the inserted row
        return int(row[0])

    def _executemany(self, sql: str, rows: Iterable[Params]) -> None:
        with self._conn.cursor() as cursor:
            cursor.executemany(sql, rows)

    def _copy_in(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        with self._conn.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _begin_write(self) -> None:
        # One round trip: statements without parameters may be sent together (the key is our own integer).
        self._conn.execute(f"BEGIN; SELECT pg_advisory_xact_lock({int(self._lock_key)})")

    def _begin_read(self) -> None:
        self._conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def _finish(self, commit: bool) -> None:
        if self._conn.info.transaction_status != 0:
            self._conn.execute("COMMIT" if commit else "ROLLBACK")

    def analyze(self, tables: Sequence[str]) -> None:
        for table in tables:
            self.execute(f"ANALYZE {table}")

    def tables(self) -> set[str]:
        # pg_class rather than information_schema.tables (a view joining a dozen catalogs): the same
        # tables (ordinary and partitioned, in the first schema of the search path), in a fraction of the time.
        rows = self.query(
            "SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace"
            " AND c.relkind IN ('r', 'p')"
        )
        return {row[0] for row in rows}

    def columns(self, table: str) -> list[str]:
        rows = self.query(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            (table,),
        )
        return [row[0] for row in rows]

    def _sequence(self, table: str) -> str | None:
        sequence: str | None = self.value("SELECT pg_get_serial_sequence(?, 'id')", (table,))
        return sequence

    def id_high_water(self, table: str) -> int:
        highest = self.value(f"SELECT max(id) FROM {table}") or 0
        sequence = self._sequence(table)
        if sequence is None:
            return int(highest)
        row = self.one(f"SELECT last_value, is_called FROM {sequence}")
        assert row is not None  # a sequence is one row
        last, called = row
        return max(int(highest), int(last) if called else int(last) - 1)

    def set_id_high_water(self, table: str, value: int) -> None:
        sequence = self._sequence(table)
        if sequence is not None:
            self.execute("SELECT setval(?, ?, ?)", (sequence, max(value, 1), value > 0))

    def close(self) -> None:
        self._conn.close()


def _settings(location: Location) -> dict[str, str]:
    """The session settings every connection needs: the lock timeout, and the URL's schema as search path."""
    found = {"lock_timeout": LOCK_TIMEOUT}
    if location.schema:
        found["search_path"] = f'"{location.schema}"'
    return found


def _startup_options(settings: dict[str, str]) -> str:
    """The settings as libpq `options`, sent with the connection itself: no round trip of their own. In
    `options` a backslash escapes the next character and whitespace separates arguments."""
    escape = str.maketrans({"\\": "\\\\", " ": "\\ ", "\t": "\\\t", "\n": "\\\n"})
    return " ".join(f"-c {name}={value.translate(escape)}" for name, value in settings.items())


def _has_options(psycopg: Any, location: Location) -> bool:
    """Whether the URL or PGOPTIONS sets libpq `options` already (ours would replace them: SET instead)."""
    if os.environ.get("PGOPTIONS"):
        return True
    try:
        return "options" in psycopg.conninfo.conninfo_to_dict(location.conninfo or "")
    except psycopg.Error:
        return False


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _connect_failure(location: Location, exc: Exception) -> Exception:
    text = _first_line(exc)
    missing = re.search(r'database "([^"]+)" does not exist', text)
    if missing:
        return fail(location, t("db.pg.no_database", name=missing.group(1)))
    return fail(location, t("db.pg.cannot_connect", error=text))
