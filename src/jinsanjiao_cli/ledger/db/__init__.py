"""One database object for both engines: SQLite for one machine, PostgreSQL for offices sharing a ledger.

Everything above this package speaks `Database` and plain rows; nothing else imports `sqlite3` or
`psycopg`. This package owns, for both engines:

- connecting (`connect(location)`; the driver is imported only for the engine in use);
- transactions and the write lock: `with db.write():` is SQLite's `BEGIN IMMEDIATE`, and on PostgreSQL a
  transaction that first takes one transaction-level advisory lock, so writers queue exactly as they do
  on SQLite, readers never wait, and a check-then-insert (duplicate detection) cannot interleave;
- the parameter style: SQL is written once with `?` or `:name` placeholders;
- dates: `DATE` columns come back as `datetime.date` on both engines, and dates are passed as
  `datetime.date`. An expression that yields a date is aliased `AS "name [date]"` (SQLite's typed
  column name; the PostgreSQL side drops the bracket because its driver already returns a date);
- inserts that return ids (`insert`), bulk loads (`copy_in`: COPY on PostgreSQL);
- turning driver errors into one-line `DatabaseError`s with any password scrubbed.

Rows support `row["name"]`, `row[0]`, unpacking and `keys()` on both engines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, NamedTuple

from jinsanjiao_cli.core.errors import DatabaseError
from jinsanjiao_cli.core.rows import Row
from jinsanjiao_cli.ledger.db.location import Engine, Location, parse_location

__all__ = ["Database", "Engine", "Location", "Part", "Row", "Transaction", "connect", "parse_location"]


Params = Sequence[Any] | dict[str, Any]


class Part(NamedTuple):
    """One query of a multi-part read (`Database.query_parts`): its columns, its FROM … WHERE, its order."""

    columns: str  # select expressions, comma-separated
    source: str  # FROM … [WHERE …]; named parameters only (:as_of), shared by every part
    order: str  # ORDER BY expressions: the order the part's rows come back in


class Transaction:
    """The open write transaction; `discard()` rolls it back on exit instead of committing (dry runs)."""

    def __init__(self) -> None:
        self.discarded = False

    def discard(self) -> None:
        self.discarded = True


class Database:
    """A connection to one jsj ledger. Subclasses supply the engine; this class is the whole interface."""

    engine: Engine
    read_only: bool = False
    _json_array = "json_array"  # the engine's function that makes a JSON array of its arguments

    def __init__(self, location: Location) -> None:
        self.location = location
        self._depth = 0  # nesting of write()/snapshot(): inner blocks join the outer transaction
        self._transaction: Transaction | None = None

    # ------------------------------------------------------------ reads

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query."""
        with self.errors():
            return self._fetchall(self._sql(sql), params)

    def one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row, or None."""
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def value(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.one(sql, params)
        return None if row is None else row[0]

    def query_parts(self, parts: dict[str, Part], params: dict[str, Any] | None = None) -> dict[str, list[list[Any]]]:
        """Several small queries of different shapes in ONE statement: each part's rows as lists of values.

        A view reads the plan's structure (a plan row, its tasks, units, targets …) at once, so a command
        sends a fixed handful of statements however large the plan is, and they see one state of the
        ledger. Each row travels as a JSON array (the shapes differ, and UNION ALL needs one), so values
        come back as JSON gives them: dates as ISO text, booleans as true/false (SQLite: 1/0), numbers.
        """
        branches = [
            f"SELECT '{name}' AS part, row_number() OVER (ORDER BY {part.order}) AS n,"
            f" {self._json_array}({part.columns}) AS r FROM {part.source}"
            for name, part in parts.items()
        ]
        found: dict[str, list[list[Any]]] = {name: [] for name in parts}
        for name, _, row in self.query(" UNION ALL ".join(branches) + " ORDER BY 1, 2", params or {}):
            found[name].append(row if isinstance(row, list) else json.loads(row))
        return found

    def stream(self, sql: str, params: Params = (), size: int = 5000) -> Iterator[Row]:
        """Rows as they come, for scans too large to hold (exports, copies)."""
        with self.errors():
            yield from self._stream(self._sql(sql), params, size)

    # ------------------------------------------------------------ writes

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the number of rows it changed."""
        with self.errors():
            return self._execute(self._sql(sql), params)

    def insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT into a table whose key is `id`; returns the new id."""
        with self.errors():
            return self._insert(self._sql(sql), params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        with self.errors():
            self._executemany(self._sql(sql), rows)

    def copy_in(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Bulk-load rows into a table (PostgreSQL COPY; SQLite one prepared INSERT)."""
        with self.errors():
            self._copy_in(table, columns, rows)

    def script(self, sql: str) -> None:
        """Several statements separated by `;` at line ends; `--` comments allowed (migrations)."""
        for statement in split_statements(sql):
            self.execute(statement)

    # ------------------------------------------------------------ transactions

    @contextmanager
    def write(self) -> Iterator[Transaction]:
        """A write transaction holding the ledger's write lock; rolled back on any error."""
        if self._depth:
            self._depth += 1
            try:
                yield self._transaction or Transaction()
            finally:
                self._depth -= 1
            return
        transaction = Transaction()
        with self.errors():
            self._begin_write()
        self._depth, self._transaction = 1, transaction
        try:
            yield transaction
        except BaseException:
            self._end(commit=False)
            raise
        else:
            self._end(commit=not transaction.discarded)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads that see one consistent state of the ledger."""
        if self._depth:
            yield
            return
        with self.errors():
            self._begin_read()
        self._depth = 1
        try:
            yield
        finally:
            self._end(commit=True)

    def _end(self, commit: bool) -> None:
        self._depth, self._transaction = 0, None
        with self.errors():
            self._finish(commit)

    # ------------------------------------------------------------ schema and identity

    def prepare(self) -> None:
        """Engine set-up once the ledger is known to be jsj's (SQLite: WAL; PostgreSQL: the schema)."""

    def analyze(self, tables: Sequence[str]) -> None:
        """Refresh the planner's statistics after a bulk load (PostgreSQL plans blind until autovacuum
        gets to it; SQLite's plans here do not need statistics)."""

    def tables(self) -> set[str]:
        """The names of the tables jsj can see (its schema on PostgreSQL)."""
        raise NotImplementedError

    def columns(self, table: str) -> list[str]:
        raise NotImplementedError

    def id_high_water(self, table: str) -> int:
        """The highest id the table has ever handed out (ids are never reused, even after deletes)."""
        raise NotImplementedError

    def set_id_high_water(self, table: str, value: int) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------ engine hooks

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Driver exceptions become one-line DatabaseErrors naming the ledger, with secrets scrubbed."""
        raise NotImplementedError
        yield

    def _sql(self, sql: str) -> str:
        return sql

    def _fetchall(self, sql: str, params: Params) -> list[Row]:
        raise NotImplementedError

    def _stream(self, sql: str, params: Params, size: int) -> Iterator[Row]:
        raise NotImplementedError

    def _execute(self, sql: str, params: Params) -> int:
        raise NotImplementedError

    def _insert(self, sql: str, params: Params) -> int:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Iterable[Params]) -> None:
        raise NotImplementedError

    def _copy_in(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _begin_write(self) -> None:
        raise NotImplementedError

    def _begin_read(self) -> None:
        raise NotImplementedError

    def _finish(self, commit: bool) -> None:
        raise NotImplementedError

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(location: Location | str, *, create: bool = True) -> Database:
    """Open a connection to the ledger at `location` (no schema work: see `opening.open_ledger`).
    `create=False`: a SQLite file is opened only if it exists (never made on the way)."""
    if isinstance(location, str):
        location = parse_location(location)
    if location.engine == "sqlite":
        from jinsanjiao_cli.ledger.db.sqlite import SqliteDatabase

        return SqliteDatabase.open(location, create=create)
    from jinsanjiao_cli.ledger.db.postgres import PostgresDatabase

    return PostgresDatabase.open(location)


_COMMENT = re.compile(r"--[^\n]*")


@lru_cache(maxsize=64)
def split_statements(script: str) -> tuple[str, ...]:
    """A migration script as statements: `--` comments dropped, split at `;` outside `$$ … $$` bodies
    (our scripts hold no string literal with `;` or `--`)."""
    statements, current = [], []
    for i, piece in enumerate(_COMMENT.sub("", script).split("$$")):
        if i % 2:  # inside a $$ … $$ body: kept whole
            current.append(f"$${piece}$$")
            continue
        *complete, rest = piece.split(";")
        for part in complete:
            current.append(part)
            statements.append("".join(current).strip())
            current = []
        current.append(rest)
    statements.append("".join(current).strip())
    return tuple(statement for statement in statements if statement)


def fail(location: Location, message: str) -> DatabaseError:
    """The one-line error for a database problem, naming the ledger, secrets removed."""
    return DatabaseError(location.scrub(f"{location}: {message}"))
