"""Many writers and readers at once: every write is stored, nobody errors, an import's rows are stored once."""

import csv
import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path

from jinsanjiao_cli.ledger import migrations, opening, store

RECORDER = """
import sys
from typer.testing import CliRunner
from jinsanjiao_cli.cli.app import app
db, unit, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
runner = CliRunner()
for i in range(n):
    r = runner.invoke(app, ["record", "1", "-u", unit, "-p", str(i % 101), "-d", "2022-06-30", "--db", db])
    assert r.exit_code == 0, r.output
"""

READER = """
import sys, pathlib, time
from typer.testing import CliRunner
from jinsanjiao_cli.cli.app import app
db, stop = sys.argv[1], pathlib.Path(sys.argv[2])
runner = CliRunner()
runs = 0
while not stop.exists() or runs < 3:
    r = runner.invoke(app, ["status", "--format", "json", "--db", db])
    assert r.exit_code == 0, r.output
    runs += 1
    time.sleep(0.2)  # read all along, but leave the CPU to the writers (on two cores, two busy loops starve them)
print(runs)
"""

# Enough rows that the import is still running while the recorders and readers start (each a new Python).
IMPORTED_ROWS = 10_000
RECORDS = 20  # by each recording process
UNITS = ("省发改委", "省商务厅", "省工信厅", "运城", "临汾", "省发展改革委", "运城市人民政府", "临汾市人民政府")


def write_reports(path: Path, rows: int, plan_db: Path, seed: int = 7) -> Path:
    """`rows` report rows over the bundled plan's assignments (read from `plan_db`), as units send them back."""
    with opening.open_ledger(plan_db) as db:
        pairs = [(r["task_no"], r["unit"]) for r in store.assignments(db)]
    rng = random.Random(seed)
    start = dt.date(2022, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["序号", "责任单位", "填报日期", "完成进度", "最新进展"])
        for i in range(rows):
            task, unit = rng.choice(pairs)
            writer.writerow(
                [task, unit, (start + dt.timedelta(days=rng.randrange(700))).isoformat(), i % 101, f"第{i}条"]
            )
    return path


def jsj_process(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "jinsanjiao_cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finished(process: subprocess.Popen, timeout: int = 240) -> str:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err[-2000:]
    return out


def count(url: str) -> int:
    with opening.open_ledger(url) as db:
        return db.value("SELECT count(*) FROM milestone")


def test_recorders_readers_and_a_large_import_at_once_on_postgresql(pg_url, tmp_path, isolated):
    """8 processes x 20 records, 2 processes looping status, one 10,000-row import, all at once. (The property
    holds at any size; benchmarks/ runs the large volumes.)"""
    assert subprocess.run([sys.executable, "-m", "jinsanjiao_cli", "init", "--db", pg_url], check=False).returncode == 0
    reports = write_reports(tmp_path / "big.csv", IMPORTED_ROWS, isolated)
    stop = tmp_path / "stop"
    importer = jsj_process("import", str(reports), "--db", pg_url, "--format", "json")
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, pg_url, str(stop)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    recorders = [
        subprocess.Popen(
            [sys.executable, "-c", RECORDER, pg_url, unit, str(RECORDS)], stderr=subprocess.PIPE, text=True
        )
        for unit in UNITS
    ]
    for recorder in recorders:
        _, err = recorder.communicate(timeout=240)
        assert recorder.returncode == 0, err[-2000:]
    imported = json.loads(finished(importer))
    stop.touch()
    for reader in readers:
        assert int(finished(reader)) >= 3
    assert imported["rows_new"] + imported["rows_present"] == IMPORTED_ROWS
    assert count(pg_url) == len(UNITS) * RECORDS + imported["rows_new"]


def test_two_first_runs_at_once_on_an_empty_postgresql_database(pg_server, jsj):
    database = pg_server.create_database("jsj_init_race")
    url = pg_server.url(database)
    first, second = jsj_process("init", "--db", url), jsj_process("init", "--db", url)
    finished(first)
    finished(second)
    assert len(json.loads(jsj("status", "--format", "json", "--db", url).stdout)["tasks"]) == 16
    with opening.open_ledger(url) as db:
        assert db.value("SELECT count(*) FROM task") == 19 and db.value("SELECT count(*) FROM migration") == len(
            migrations.known_steps()
        )


def test_two_imports_of_one_file_at_once_store_its_rows_once(ledger, tmp_path, jsj, isolated):
    assert jsj("status", "--format", "json").exit_code == 0  # the ledger exists before the race
    reports = write_reports(tmp_path / "same.csv", 3000, isolated, seed=11)
    racers = [jsj_process("import", str(reports), "--db", ledger, "--format", "json") for _ in range(2)]
    results = [json.loads(finished(racer)) for racer in racers]
    stored = count(ledger)
    assert sorted(r["rows_new"] for r in results)[0] == 0
    assert sum(r["rows_new"] for r in results) == stored
    assert all(r["rows_new"] + r["rows_present"] == 3000 for r in results)
