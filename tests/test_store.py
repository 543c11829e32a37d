"""The data layer on both engines: migrations, the schema the ORM declares, ids, versions, concurrency."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from jinsanjiao_cli.ledger import migrations, opening
from jinsanjiao_cli.ledger.db import connect

STEPS = migrations.known_steps()
assert STEPS[:4] == ["m001_initial", "m002_import_batches", "m003_report_counts", "m004_statement_level_references"]


def test_migrations_are_recorded_in_order_and_not_rerun(ledger, jsj):
    assert jsj("status", "--format", "json").exit_code == 0  # creates the ledger
    with opening.open_ledger(ledger) as db:
        assert migrations.applied(db) == migrations.known_steps() == STEPS
        assert migrations.migrate(db) == []
        if db.engine == "sqlite":
            assert db.value("PRAGMA journal_mode") == "wal"


def test_the_declared_schema_is_the_migrated_one(ledger, jsj):
    """ledger/schema.py declares what the migration steps build, on both engines, column for column."""
    from sqlmodel import SQLModel

    from jinsanjiao_cli.ledger.schema import table_names

    assert jsj("status", "--format", "json").exit_code == 0
    with opening.open_ledger(ledger) as db:
        assert table_names() == db.tables()
        for table in SQLModel.metadata.sorted_tables:
            assert set(db.columns(table.name)) == {c.name for c in table.columns}, table.name


def test_db_copy_writes_every_table_parents_first(ledger, jsj):
    from jinsanjiao_cli.ledger.schema import tables_in_order

    assert jsj("status", "--format", "json").exit_code == 0
    order = tables_in_order()
    with opening.open_ledger(ledger) as db:
        assert set(order) == db.tables() - {"migration"}
    assert order.index("plan") < order.index("task") < order.index("milestone") < order.index("problem_need")


def test_ids_are_64_bit_on_postgresql(pg_ledger, jsj):
    pg_url = pg_ledger
    assert jsj("record", "1", "-u", "运城", "-p", "5", "--db", pg_url).exit_code == 0
    with opening.open_ledger(pg_url) as db:
        types = db.query(
            "SELECT table_name, column_name, data_type FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND (column_name = 'id' OR column_name LIKE '%\\_id')"
        )
        assert types and {row["data_type"] for row in types} == {"bigint"}, types
        big = 2**62
        db.set_id_high_water("milestone", big)
    assert jsj("record", "1", "-u", "运城", "-p", "6", "--db", pg_url).stdout.startswith(f"已记录 #{big + 1}")


def test_an_old_sqlite_database_is_migrated_when_opened(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE migration (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.executescript(migrations.m001_initial("sqlite"))
    conn.execute("INSERT INTO migration VALUES ('m001_initial', '2026-11-27 10:00:00')")
    conn.close()
    with opening.open_ledger(path) as opened:
        assert "batch_id" in opened.columns("milestone")
        assert opened.value("SELECT count(*) FROM task") == 19
        assert migrations.applied(opened) == STEPS


@pytest.mark.parametrize("command", [["status"], ["record", "1", "-u", "运城", "-p", "5"], ["undo", "1"], ["batches"]])
def test_a_database_from_a_newer_jsj_is_refused(ledger, jsj, command, tmp_path):
    assert jsj("status", "--format", "json").exit_code == 0
    with connect(ledger) as db, db.write():
        db.execute("INSERT INTO migration (name, applied_at) VALUES ('m999_from_the_future', 'later')")
    result = jsj(*command)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "更新版本的 jsj" in result.stderr and "m999_from_the_future" in result.stderr
    with connect(ledger) as db:
        assert db.value("SELECT count(*) FROM milestone") == 0


def test_a_missing_postgresql_database_is_one_line(pg_server, jsj):
    url = pg_server.url("no_such_database_here")
    result = jsj("status", "--db", url)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "no_such_database_here 不存在" in result.stderr and "createdb" in result.stderr


def test_a_password_is_never_printed(pg_server, pg_database, jsj, monkeypatch):
    secret = "S3cret-pass"
    good = pg_server.url(pg_database, schema="pw").replace("postgresql:///", f"postgresql://postgres:{secret}@/", 1)
    made = jsj("init", "--db", good)
    assert made.exit_code == 0 and secret not in made.stdout + made.stderr
    info = jsj("db", "info", "--db", good)
    assert info.exit_code == 0 and secret not in info.stdout and "postgres:***@" in info.stdout
    missing = good.replace(f"/{pg_database}?", "/absent_db?")
    for args in (["status", "--db", missing], ["--debug", "status", "--db", missing]):
        result = subprocess.run(
            [sys.executable, "-m", "jinsanjiao_cli", *args], capture_output=True, text=True, check=False
        )
        assert result.returncode == 1 and secret not in result.stdout + result.stderr, result.stderr[-800:]
        assert "absent_db" in result.stderr
    unparsable = f"mysql://root:{secret}@host/db"
    result = jsj("status", "--db", unparsable)
    # An address of a kind jsj does not know may hold its secrets anywhere: all of it is masked.
    assert result.exit_code == 1 and secret not in result.stderr and "mysql://***@***/***" in result.stderr


def test_a_postgresql_url_without_the_driver_says_what_to_install(tmp_path):
    probe = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from jinsanjiao_cli.cli.app import main\n"
        "sys.argv = ['jsj', 'status', '--db', 'postgresql:///jsj?host=/nowhere']\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "pip install 'jinsanjiao-cli[postgres]'" in result.stderr


WRITER = """
import sys
from typer.testing import CliRunner
from jinsanjiao_cli.cli.app import app
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


def test_report_counts_follow_every_write(ledger, jsj, tmp_path):
    """The per-day report counts behind a unit's `reports` equal a count of the milestones, after every write."""
    source = tmp_path / "r.csv"
    source.write_text(
        "序号,责任单位,填报日期,完成进度\n1,运城,2022-03-01,10\n1,运城,2022-03-01,10\n1,运城,2022-03-01,20\n"
        "5,临汾,2022-04-01,30\n",
        encoding="utf-8",
    )

    def consistent():
        with opening.open_ledger(ledger) as db:
            counted = db.query(
                "SELECT task_no, unit_id, date, count(*), sum(CASE WHEN period IS NULL THEN 1 ELSE 0 END)"
                " FROM milestone WHERE state = 'effective' GROUP BY task_no, unit_id, date"
                " ORDER BY task_no, unit_id, date"
            )
            kept = db.query(
                "SELECT task_no, unit_id, date, reports, by_window FROM report_count ORDER BY task_no, unit_id, date"
            )
            assert [tuple(r) for r in counted] == [tuple(r) for r in kept]
            return sum(r[3] for r in kept)

    assert jsj("record", "1", "-u", "运城", "-p", "5", "-d", "2022-03-01").exit_code == 0
    assert consistent() == 1
    assert jsj("import", source).exit_code == 0
    assert consistent() == 4  # the repeated row is stored once
    assert jsj("import", source).exit_code == 0
    assert consistent() == 4
    units = json.loads(jsj("status", "--format", "json", "--as-of", "2022-03-31").stdout)["units"]
    assert next(u for u in units if u["name"] == "运城市人民政府")["reports"] == 3
    assert jsj("undo", "1", "--yes").exit_code == 0
    assert consistent() == 1
    # a report that names its period is counted, but not among those placed by their date
    assert jsj("amend", "1", "--period", "2022-02").exit_code == 0
    assert consistent() == 1
    recorded = jsj("record", "1", "-u", "运城", "-p", "6", "-d", "2022-03-02", "--period", "2022-02")
    assert recorded.exit_code == 0 and "报送期 2022-02" in recorded.stdout
    assert consistent() == 2
    assert jsj("void", recorded.stdout.split("#")[1].split("：")[0], "--reason", "重复").exit_code == 0
    assert consistent() == 1


def test_postgresql_still_refuses_a_milestone_without_its_assignment(pg_ledger, jsj):
    """The references checked once per statement (migration m004) hold like the foreign keys they replace."""
    from jinsanjiao_cli.core.errors import DatabaseError

    pg_url = pg_ledger
    assert jsj("record", "1", "-u", "运城", "-p", "5", "-d", "2022-03-01", "--db", pg_url).exit_code == 0
    with opening.open_ledger(pg_url) as db:
        unit = db.value("SELECT id FROM unit WHERE name = '省卫健委'")
        with pytest.raises(DatabaseError, match="missing assignment"), db.write():
            db.execute(
                "INSERT INTO milestone (task_no, unit_id, date, progress, recorded_at, recorded_by)"
                " VALUES (1, ?, '2022-01-01', 5, 'now', 'me')",
                (unit,),
            )
        with pytest.raises(DatabaseError, match="deleted assignment"), db.write():
            db.execute("DELETE FROM assignment WHERE task_no = 1")
        assert db.value("SELECT count(*) FROM milestone") == 1
