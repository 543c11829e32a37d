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
from jinsanjiao_cli.text.i18n import join, t

# Every table a ledger holds, parents before children, so foreign keys hold row by row while copying.
# A test checks this covers every table the migrations create.
TABLES_IN_ORDER: tuple[str, ...] = (
    "plan",
    "part",
    "section",
    "task",
    "unit",
    "unit_contact",
    "assignment",
    "project",
    "target",
    "scope",
    "indicator",
    "batch",
    "batch_skip",
    "milestone",
    "report_count",
    "problem",
    "problem_need",
    "problem_update",
    "account",
    "web_session",
    "login_log",
)


@dataclass(frozen=True)
class LedgerInfo:
    engine: str
    location: str  # never with a password
    schema_version: int
    last_step: str | None
    counts: dict[str, int]


def ledger_info(db: Database) -> LedgerInfo:
    steps = migrations.applied(db)
    return LedgerInfo(
        engine=db.engine,
        location=str(db.location),
        schema_version=len(steps),
        last_step=steps[-1] if steps else None,
        counts=table_counts(db),
    )


def table_counts(db: Database) -> dict[str, int]:
    present = db.tables()
    return {table: db.value(f"SELECT count(*) FROM {table}") for table in TABLES_IN_ORDER if table in present}


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
    if str(source.location) == str(destination.location) and source.engine == destination.engine:
        raise DatabaseError(t("copy.same", db=source.location))
    occupied = {table: n for table, n in table_counts(destination).items() if n}
    if occupied:
        raise DatabaseError(t("copy.not_empty", db=destination.location, tables=_describe(occupied)))
    expected = table_counts(source)
    with source.snapshot(), destination.write():
        for table in TABLES_IN_ORDER:
            _copy_table(source, destination, table)
        copied = table_counts(destination)
        differing = {table: copied.get(table, 0) for table, n in expected.items() if copied.get(table, 0) != n}
        if differing:
            raise DatabaseError(t("copy.count_mismatch", tables=_describe(differing)))
    destination.analyze(TABLES_IN_ORDER)
    return copied


def _copy_table(source: Database, destination: Database, table: str) -> None:
    columns = source.columns(table)
    key = "id" if "id" in columns else columns[0]
    rows = source.stream(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {key}")
    destination.copy_in(table, columns, (tuple(row) for row in rows))
    if "id" in columns:
        destination.set_id_high_water(table, source.id_high_water(table))


def _describe(counts: dict[str, int]) -> str:
    return join([t("copy.table_count", table=table, count=n) for table, n in counts.items()])
