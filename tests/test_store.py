"""The store: migrations recorded, the ORM agrees with the migrated schema, concurrent writers both succeed."""

import sqlite3
import subprocess
import sys
from pathlib import Path

from jinsanjiao_cli import migrations, store


def test_migrations_are_recorded_in_order_and_not_rerun(db):
    conn = store.connect(db)
    names = [r[0] for r in conn.execute("SELECT name FROM migration ORDER BY rowid")]
    assert names == [name for name, _ in migrations.MIGRATIONS] == ["m001_initial", "m002_import_batches"]
    assert migrations.migrate(conn) == []
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_orm_models_match_the_migrated_schema(db):
    from sqlmodel import SQLModel

    from jinsanjiao_cli import models  # noqa: F401  (registers the tables)

    conn = sqlite3.connect(db)
    for table in SQLModel.metadata.sorted_tables:
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table.name})")}
        assert columns == {c.name for c in table.columns}, table.name


def test_an_old_database_is_migrated_when_opened(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE migration (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for statement in migrations.statements(dict(migrations.MIGRATIONS)["m001_initial"]):
        conn.execute(statement)
    conn.execute("INSERT INTO migration VALUES ('m001_initial', 'then')")
    conn.close()
    opened = store.connect(path)
    assert "batch_id" in {row[1] for row in opened.execute("PRAGMA table_info(milestone)")}
    assert opened.execute("SELECT count(*) FROM task").fetchone()[0] == 19


WRITER = """
import sys
from typer.testing import CliRunner
from jinsanjiao_cli.cli import app
db, unit, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(n):
    r = CliRunner().invoke(app, ["record", "1", "-u", unit, "-p", str(i), "-d", "2022-06-30", "--db", db])
    assert r.exit_code == 0, r.output
"""


def test_two_processes_writing_at_once_both_succeed(db):
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db), unit, "15"], stderr=subprocess.PIPE, text=True)
        for unit in ("运城", "临汾")
    ]
    for writer in writers:
        assert writer.wait(timeout=120) == 0, writer.stderr.read()
    with sqlite3.connect(Path(db)) as conn:
        assert conn.execute("SELECT count(*) FROM milestone").fetchone()[0] == 30
