"""`jsj db info` and `jsj db copy`: what a ledger holds, and moving a whole ledger between engines.

A copy takes every table (the plan, milestones, batches, statistics and whatever later migrations add),
with ids kept and each table's id high-water mark carried over so ids are never reused afterwards. It
writes into an empty ledger only, in one transaction, and checks every table's row count before it
commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinsanjiao_cli.core.errors import DatabaseError
from jinsanjiao_cli.ledger import migrations, opening
from jinsanjiao_cli.ledger.db import Database, Location
from jinsanjiao_cli.ledger.settings import overrides
from jinsanjiao_cli.text.i18n import join, t


@dataclass(frozen=True)
class LedgerInfo:
    engine: str
    location: str  # never with a password
    schema_version: int
    last_step: str | None
    counts: dict[str, int]
    settings: dict[str, str]  # the ledger's own settings over its plan file's (`jsj settings`)


def ledger_info(db: Database) -> LedgerInfo:
    steps = migrations.applied(db)
    return LedgerInfo(
        engine=db.engine,
        location=str(db.location),
        schema_version=len(steps),
        last_step=steps[-1] if steps else None,
        counts=table_counts(db),
        settings=overrides(db) if "setting" in db.tables() else {},
    )


def table_counts(db: Database) -> dict[str, int]:
    """Rows per table, by table name (`jsj db info` stays off the ORM: it only counts what is there)."""
    return {table: db.value(f"SELECT count(*) FROM {table}") for table in sorted(db.tables() - {"migration"})}


def open_source(location: Location) -> Database:
    """An existing ledger to copy from; never created on the way."""
    if location.engine == "sqlite" and location.path is not None and not location.path.is_file():
        raise DatabaseError(t("copy.no_source", db=location))
    from jinsanjiao_cli.ledger.db import connect

    probe = connect(location)
    try:
        is_ledger = "migration" in probe.tables()
    finally:
        probe.close()
    if not is_ledger:
        raise DatabaseError(t("copy.not_ledger", db=location))
    return opening.open_ledger(location, with_plan=False)


def copy_ledger(source: Database, destination: Database) -> dict[str, int]:
    """Copy every row of `source` into the empty `destination`; returns the rows copied per table."""
    from jinsanjiao_cli.ledger.schema import tables_in_order  # the ORM's import cost only on a copy

    if str(source.location) == str(destination.location) and source.engine == destination.engine:
        raise DatabaseError(t("copy.same", db=source.location))
    _refuse_occupied(destination)  # early, before reading the source
    expected = table_counts(source)
    with source.snapshot(), destination.write():
        # Again under the write lock: copies started together into one target queue here, and only the
        # first finds it empty (the others get the same message, not a duplicate key).
        _refuse_occupied(destination)
        for table in tables_in_order():
            _copy_table(source, destination, table)
        copied = table_counts(destination)
        differing = {table: copied.get(table, 0) for table, n in expected.items() if copied.get(table, 0) != n}
        if differing:
            raise DatabaseError(t("copy.count_mismatch", tables=_describe(differing)))
    destination.analyze(tables_in_order())
    return copied


def _refuse_occupied(destination: Database) -> None:
    occupied = {table: n for table, n in table_counts(destination).items() if n}
    if occupied:
        raise DatabaseError(t("copy.not_empty", db=destination.location, tables=_describe(occupied)))


def _copy_table(source: Database, destination: Database, table: str) -> None:
    columns = source.columns(table)
    key = "id" if "id" in columns else columns[0]
    rows = source.stream(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {key}")
    destination.copy_in(table, columns, (tuple(row) for row in rows))
    if "id" in columns:
        destination.set_id_high_water(table, source.id_high_water(table))


def _describe(counts: dict[str, int]) -> str:
    return join([t("copy.table_count", table=table, count=n) for table, n in counts.items()])
