"""Whole-process timings for jsj, each beside its baseline measured in the same run.

    pip install ".[bench]" && python benchmarks/bench.py [--runs 5]
        [--only template,status,scale,import,big,bulletin,dashboard,export,postgres]

Every figure is the median wall time of separate processes, with their peak RSS from GNU time when it is
available. The script builds its own data in a temporary directory; `postgres` starts its own throwaway
server with initdb and pg_ctl (as the postgres account when run as root), or uses --pg URL. See
benchmarks/README.md for the targets and the figures recorded.
"""

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = 100_000
HEADER = ["序号", "责任单位", "填报日期", "完成进度(%)", "状态", "最新进展", "重点项目", "填报人"]
BIN = Path(sys.executable).parent
JSJ = str(BIN / "jsj")
GNU_TIME = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
IMPORT_LINE = "import typer, rich, sqlmodel, yaml, openpyxl"


def run(cmd: list[str], env: dict | None = None) -> tuple[float, int | None]:
    """Wall seconds and peak RSS in MB of one process."""
    full = [GNU_TIME, "-f", "%M", *cmd] if GNU_TIME else cmd
    start = time.perf_counter()
    proc = subprocess.run(full, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 3):
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    rss = int(proc.stderr.strip().splitlines()[-1]) // 1024 if GNU_TIME else None
    return elapsed, rss


def median_of(cmd: list[str], runs: int, prepare=None, env=None) -> tuple[float, int | None]:
    times, peaks = [], []
    for _ in range(runs):
        if prepare:
            prepare()
        elapsed, rss = run(cmd, env)
        times.append(elapsed)
        peaks.append(rss or 0)
    return statistics.median(times), max(peaks) or None


# What the dashboard's ledger adds to the 100,000 milestones, so that every chart is drawn: statistics for
# the growth target and problems, one of them closed.
DASHBOARD_EXTRAS = (
    ["indicator", "set", "运城", "2020", "--gdp", "1643.6"],
    ["indicator", "set", "运城", "2021", "--gdp", "2231.2", "--growth", "9.1"],
    ["indicator", "set", "临汾", "2020", "--gdp", "1505.2"],
    ["indicator", "set", "临汾", "2021", "--gdp", "1995.0", "--growth", "8.2"],
    ["indicator", "set", "运城", "2022", "--gdp", "2400.0", "--growth", "6.2"],
    ["problem", "add", "9", "-u", "临汾", "--text", "用地指标不足", "-d", "2022-03-10", "--major"],
    ["problem", "add", "5", "-u", "省商务厅", "--text", "推介经费未落实", "-d", "2023-02-12"],
    ["problem", "add", "1", "-u", "省发展改革委", "--text", "平台规划待批复", "-d", "2022-11-02"],
    ["problem", "close", "3", "--note", "已批复", "-d", "2023-01-18"],
)


def fill(db: Path, rows: int) -> None:
    """The bundled plan plus `rows` milestones spread over the assignments and 2022-2023, written straight
    into SQLite (then the per-day report counts rebuilt, as jsj's own writes keep them)."""
    subprocess.run([JSJ, "init", "--db", str(db)], check=True, capture_output=True)
    conn = sqlite3.connect(db)
    pairs = conn.execute("SELECT task_no, unit_id FROM assignment").fetchall()
    rng = random.Random(42)
    start = dt.date(2022, 1, 1)
    stamp = "2024-01-01T00:00:00.000000"
    data = (
        (
            *rng.choice(pairs),
            (start + dt.timedelta(days=rng.randrange(730))).isoformat(),
            rng.randrange(101),
            None,
            f"进展 {i}",
            None,
            stamp,
            "bench",
        )
        for i in range(rows)
    )
    with conn:
        conn.executemany(
            "INSERT INTO milestone (task_no, unit_id, date, progress, status, note, project_id, recorded_at,"
            " recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            data,
        )
        conn.execute("DELETE FROM report_count")
        conn.execute(
            "INSERT INTO report_count (task_no, unit_id, date, reports, by_window)"
            " SELECT task_no, unit_id, date, count(*), count(*) FROM milestone"
            " GROUP BY task_no, unit_id, date"
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def report_rows(db: Path, rows: int):
    """Report rows as units send them back: progress grows with the date, so no report goes backwards."""
    conn = sqlite3.connect(db)
    pairs = conn.execute("SELECT a.task_no, u.name FROM assignment a JOIN unit u ON u.id = a.unit_id").fetchall()
    conn.close()
    rng = random.Random(7)
    start = dt.date(2022, 1, 1)
    for i in range(rows):
        day = rng.randrange(730)
        yield [
            *rng.choice(pairs),
            start + dt.timedelta(days=day),
            day * 100 // 730,
            "推进中",
            f"第 {i} 条进展",
            None,
            "bench",
        ]


def write_csv(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([*r[:2], r[2].isoformat(), *r[3:]] for r in rows)


def write_xlsx(path: Path, rows) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("填报")
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    workbook.save(path)


BARE_OPENPYXL = """
import sys, datetime as dt
from openpyxl import Workbook
wb = Workbook(write_only=True)
ws = wb.create_sheet("records")
d = dt.date(2022, 1, 1)
for i in range(int(sys.argv[2])):
    ws.append([i, 1 + i % 16, "重点任务标题", "运城市人民政府", d, 50.0, "推进中", f"进展 {i}", None, "bench",
               "2024-01-01T00:00:00", None])
wb.save(sys.argv[1])
"""

CALAMINE_READ = """
import sys
from python_calamine import CalamineWorkbook
sheet = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0)
sheet.to_python()
"""


def fill_template(form: Path) -> None:
    """Every row of `jsj template`'s form filled as a unit fills it: date, progress, status, note."""
    from openpyxl import load_workbook

    book = load_workbook(form)
    sheet = book.worksheets[0]
    for i, row in enumerate(sheet.iter_rows(min_row=3)):
        if row[0].value is None:
            break
        row[3].value, row[4].value = dt.date(2023, 12, 31), 100
        row[5].value, row[6].value = "推进中", f"第 {i} 项：本月完成阶段目标"
    book.save(form)


def line(name: str, seconds: float, rss: int | None, baseline: float | None = None, target: str = "") -> str:
    ratio = f"{seconds / baseline:.2f}×" if baseline else ""
    mem = f"{rss} MB" if rss else ""
    return f"| {name} | {seconds:.3f} s | {ratio} | {mem} | {target} |"


class Bench:
    def __init__(self, runs: int, work: Path):
        self.runs, self.work = runs, work
        self.out = ["| what | median | ratio to baseline | peak RSS | target |", "|---|---|---|---|---|"]
        self.imports, _ = median_of([sys.executable, "-c", IMPORT_LINE], runs)
        self.add(f"baseline: python -c '{IMPORT_LINE}'", self.imports, None)
        self.filled = work / "filled.sqlite3"
        fill(self.filled, ROWS)
        self.empty = work / "empty.sqlite3"
        subprocess.run([JSJ, "init", "--db", str(self.empty)], check=True, capture_output=True)

    def add(self, *args, **kwargs) -> None:
        self.out.append(line(*args, **kwargs))
        print(self.out[-1], flush=True)

    @staticmethod
    def replace(target: Path, source: Path) -> None:
        """A fresh copy of `source` at `target`, without the old copy's WAL files."""
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copy(source, target)

    def fresh_copy(self, name: str) -> tuple[Path, callable]:
        target = self.work / name

        return target, lambda: self.replace(target, self.empty)

    def status(self) -> None:
        env = {**os.environ, "JSJ_DB": str(self.filled), "COLUMNS": "160"}
        budget = "≤ 0.5×"
        took, rss = median_of([JSJ, "status"], self.runs, env=env)
        self.add(f"jsj status ({ROWS:,} milestones)", took, rss, self.imports, budget)
        took, rss = median_of([JSJ, "--help"], self.runs, env=env)
        self.add("jsj --help", took, rss, self.imports, "≤ 0.25×")
        scratch = self.work / "scratch.sqlite3"
        shutil.copy(self.filled, scratch)
        env = {**env, "JSJ_DB": str(scratch)}
        for name, cmd in (
            ("jsj record", [JSJ, "record", "9", "-u", "省交通厅", "-p", "45", "-d", "2022-06-30"]),
            ("jsj indicator set", [JSJ, "indicator", "set", "运城", "2021", "--growth", "9.1"]),
            (
                "jsj history 9 -u 省交通厅 --since 2023-12-15",
                [JSJ, "history", "9", "-u", "省交通厅", "--since", "2023-12-15"],
            ),
            ("jsj status --task 9", [JSJ, "status", "--task", "9"]),
            ("jsj status --unit 运城 --since 2023-11-30", [JSJ, "status", "--unit", "运城", "--since", "2023-11-30"]),
            ("jsj reports", [JSJ, "reports"]),
            ("jsj remind", [JSJ, "remind"]),
            ("jsj problem list", [JSJ, "problem", "list"]),
            ("jsj assess", [JSJ, "assess"]),
            ("jsj db info", [JSJ, "db", "info"]),
        ):
            took, rss = median_of(cmd, self.runs, env=env)
            self.add(f"{name} ({ROWS:,} milestones)", took, rss, self.imports, budget)
        # single-row corrections, each on a fresh copy (a report is amended or voided once)
        for name, cmd in (
            ("jsj amend 1 --progress 5", [JSJ, "amend", "1", "--progress", "5", "--reason", "bench"]),
            ("jsj void 2", [JSJ, "void", "2", "--reason", "bench"]),
        ):
            took, rss = median_of(cmd, self.runs, env=env, prepare=lambda: self.replace(scratch, self.filled))
            self.add(f"{name} ({ROWS:,} milestones)", took, rss, self.imports, budget)

    def scale(self) -> None:
        """status must not grow with history: 1,000,000 milestones within 1.2x of 10,000."""
        times = {}
        for rows in (10_000, 1_000_000):
            db = self.work / f"scale-{rows}.sqlite3"
            fill(db, rows)
            times[rows], rss = median_of([JSJ, "status", "--db", str(db)], self.runs)
            base = times.get(10_000) if rows != 10_000 else None
            self.add(f"jsj status ({rows:,} milestones)", times[rows], rss, base, "≤ 1.2× of 10,000" if base else "")
            db.unlink()

    def template(self) -> None:
        """What offices wait for most often: one filled template (.xlsx, one row per assignment: 64 on the
        bundled plan) imported into the 100,000-milestone ledger, each run on a fresh copy."""
        form = self.work / "template.xlsx"
        subprocess.run([JSJ, "template", str(form), "--db", str(self.filled)], check=True, capture_output=True)
        fill_template(form)
        target = self.work / "template-import.sqlite3"
        cmd = [JSJ, "import", str(form), "--db", str(target)]
        took, rss = median_of(cmd, self.runs, prepare=lambda: self.replace(target, self.filled))
        name = "jsj import of a filled template (.xlsx, 64 rows; 100,000 milestones)"
        self.add(name, took, rss, self.imports, "≤ 0.4×")

    def imports_(self) -> None:
        csv_file, xlsx_file = self.work / "reports.csv", self.work / "reports.xlsx"
        write_csv(csv_file, report_rows(self.empty, ROWS))
        write_xlsx(xlsx_file, report_rows(self.empty, ROWS))
        plain_db = self.work / "plain.sqlite3"
        baseline, rss = median_of(
            [str(BIN / "sqlite-utils"), "insert", str(plain_db), "reports", str(csv_file), "--csv"],
            self.runs,
            prepare=lambda: plain_db.unlink(missing_ok=True),
        )
        self.add(f"baseline: sqlite-utils insert --csv ({ROWS:,} rows)", baseline, rss)
        target, fresh = self.fresh_copy("import.sqlite3")
        took, rss = median_of([JSJ, "import", str(csv_file), "--db", str(target)], self.runs, prepare=fresh)
        self.sqlite_csv_import = took
        self.add(f"jsj import csv ({ROWS:,} rows)", took, rss, baseline, "≤ 0.3×, < 100 MB")
        calamine, rss = median_of([sys.executable, "-c", CALAMINE_READ, str(xlsx_file)], self.runs)
        self.add(f"python-calamine alone: read the sheet ({ROWS:,} rows)", calamine, rss)
        took, rss = median_of([JSJ, "import", str(xlsx_file), "--db", str(target)], self.runs, prepare=fresh)
        self.add(f"jsj import xlsx ({ROWS:,} rows)", took, rss, calamine, "≤ 1.5× of calamine, < 100 MB")

    def big(self) -> None:
        """Import streams: peak memory stays bounded for a 1,000,000-row file, still all or nothing."""
        big_csv = self.work / "big.csv"
        write_csv(big_csv, report_rows(self.empty, 1_000_000))
        target, fresh = self.fresh_copy("big.sqlite3")
        took, rss = median_of([JSJ, "import", str(big_csv), "--db", str(target)], 1, prepare=fresh)
        self.add("jsj import csv (1,000,000 rows)", took, rss, None, "≤ 12 s, < 100 MB")
        big_csv.unlink()

    def bulletin(self) -> None:
        """The monthly bulletin on the 100,000-milestone ledger: status twice (as of and --since), reports,
        problems, and the .docx written with python-docx."""
        env = {**os.environ, "JSJ_DB": str(self.filled)}
        for fmt, name in (("docx", "bulletin.docx"), ("md", "bulletin.md")):
            cmd = [JSJ, "bulletin", str(self.work / name), "--as-of", "2023-06-30", "--format", fmt]
            took, rss = median_of(cmd, self.runs, env=env)
            self.add(f"jsj bulletin --format {fmt} ({ROWS:,} milestones)", took, rss, None, "< 2 s")
        took, rss = median_of([JSJ, "reports", "--period", "all", "--as-of", "2023-12-31"], self.runs, env=env)
        self.add(f"jsj reports --period all ({ROWS:,} milestones)", took, rss, self.imports, "")

    def dashboard(self) -> None:
        """The cockpit on the 100,000-milestone ledger, with statistics and problems so that every chart is
        drawn: the documents of status, reports, problems and assess, the monthly trend, ten charts."""
        ledger = self.work / "dashboard.sqlite3"
        shutil.copy(self.filled, ledger)
        env = {**os.environ, "JSJ_DB": str(ledger)}
        for args in DASHBOARD_EXTRAS:
            subprocess.run([JSJ, *args], check=True, capture_output=True, env=env)
        cmd = [JSJ, "dashboard", str(self.work / "dashboard.html"), "--as-of", "2023-06-30"]
        took, rss = median_of(cmd, self.runs, env=env)
        self.add(f"jsj dashboard ({ROWS:,} milestones)", took, rss, self.imports, "< 1 s")

    def export(self) -> None:
        bare = self.work / "bare.xlsx"
        baseline, rss = median_of([sys.executable, "-c", BARE_OPENPYXL, str(bare), str(ROWS)], self.runs)
        self.add(f"baseline: bare openpyxl write-only loop ({ROWS:,} rows)", baseline, rss)
        env = {**os.environ, "JSJ_DB": str(self.filled)}
        cmd = [JSJ, "export", str(self.work / "ledger.xlsx"), "--as-of", "2023-12-31"]
        took, rss = median_of(cmd, self.runs, env=env)
        self.add(f"jsj export ({ROWS:,} milestones)", took, rss, baseline, "≤ 1.2×, < 300 MB")

    def postgres(self, url: str | None) -> None:
        server = None if url else PgServer(self.work)
        try:
            base = url or server.url
            ledger = _pg_database(base, "jsj_bench_status")
            copy = subprocess.run([JSJ, "db", "copy", "--from", str(self.filled), "--to", ledger], capture_output=True)
            if copy.returncode:
                raise SystemExit(copy.stderr.decode()[-2000:])
            took, rss = median_of([JSJ, "status", "--db", ledger, "--format", "table"], self.runs)
            self.add(f"jsj status on PostgreSQL ({ROWS:,} milestones)", took, rss, self.imports, "≤ 0.5×")
            took, rss = median_of([JSJ, "record", "9", "-u", "省交通厅", "-p", "45", "--db", ledger], self.runs)
            self.add("jsj record on PostgreSQL", took, rss, self.imports, "≤ 0.5×")
            csv_file = self.work / "reports.csv"
            if not csv_file.exists():
                write_csv(csv_file, report_rows(self.empty, ROWS))
            target, fresh = self.fresh_copy("pg-compare.sqlite3")
            sqlite_took, _ = median_of([JSJ, "import", str(csv_file), "--db", str(target)], self.runs, prepare=fresh)
            self.add(f"jsj import csv into SQLite ({ROWS:,} rows, same file)", sqlite_took, None)
            counter = iter(range(1000))

            def fresh_pg():
                fresh_pg.url = _pg_database(base, f"jsj_bench_import_{next(counter)}")
                subprocess.run([JSJ, "init", "--db", fresh_pg.url], check=True, capture_output=True)

            times, peaks = [], []
            for _ in range(self.runs):
                fresh_pg()
                elapsed, rss = run([JSJ, "import", str(csv_file), "--db", fresh_pg.url])
                times.append(elapsed)
                peaks.append(rss or 0)
            took = statistics.median(times)
            self.add(f"jsj import csv into PostgreSQL ({ROWS:,} rows)", took, max(peaks), sqlite_took, "≤ 1.25×")
        finally:
            if server:
                server.stop()


def _pg_database(base: str, name: str) -> str:
    """A new database on the server; returns its jsj URL (base is a URL to any database on the server)."""
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    scheme_host, _, rest = base.partition("://")
    authority, _, path_query = rest.partition("/")
    query = path_query.partition("?")[2]
    return f"{scheme_host}://{authority}/{name}" + (f"?{query}" if query else "")


class PgServer:
    """A throwaway server on a Unix socket in a temporary directory (no TCP port)."""

    def __init__(self, work: Path):
        self.root = Path(tempfile.mkdtemp(prefix="jsj-bench-pg-"))
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.run_as:
            shutil.chown(self.root, user="postgres")
        data = self.root / "data"
        args = ["-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]
        subprocess.run([*self.run_as, "initdb", "-D", str(data), *args], check=True, capture_output=True)
        options = f"-k {self.root} -c listen_addresses=''"
        start = [*self.run_as, "pg_ctl", "-D", str(data), "-o", options, "-l", str(self.root / "log"), "-w", "start"]
        subprocess.run(start, check=True, capture_output=True)
        self.data = data
        self.url = f"postgresql:///postgres?host={self.root}&user=postgres"

    def stop(self) -> None:
        subprocess.run([*self.run_as, "pg_ctl", "-D", str(self.data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="template,status,scale,import,big,bulletin,dashboard,export,postgres")
    parser.add_argument("--pg", default=None, help="a PostgreSQL URL to use instead of starting a server")
    args = parser.parse_args()
    only = set(args.only.split(","))
    work = Path(tempfile.mkdtemp(prefix="jsj-bench-"))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs each, {dt.date.today()}")
    try:
        bench = Bench(args.runs, work)
        steps = (
            ("template", bench.template),
            ("status", bench.status),
            ("scale", bench.scale),
            ("import", bench.imports_),
            ("big", bench.big),
            ("bulletin", bench.bulletin),
            ("dashboard", bench.dashboard),
            ("export", bench.export),
            ("postgres", lambda: bench.postgres(args.pg)),
        )
        for name, step in steps:
            if name in only:
                step()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n".join(bench.out))


if __name__ == "__main__":
    main()
