"""Whole-process timings for jsj, each beside its baseline measured in the same run.

    pip install ".[bench]" && python benchmarks/bench.py [--runs 5] [--only status,help,import,export]

Every figure is the median wall time of separate processes (and their peak RSS from /usr/bin/time when
available). See benchmarks/README.md for the targets and the figures recorded.
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


def fill(db: Path, rows: int) -> None:
    """The bundled plan plus `rows` milestones spread over the assignments and 2022-2023."""
    subprocess.run([JSJ, "init", "--db", str(db)], check=True, capture_output=True)
    conn = sqlite3.connect(db)
    pairs = conn.execute("SELECT task_no, unit_id FROM assignment").fetchall()
    rng = random.Random(42)
    start = dt.date(2022, 1, 1)
    stamp = "2024-01-01T00:00:00.000000"
    data = [
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
    ]
    with conn:
        conn.executemany(
            "INSERT INTO milestone (task_no, unit_id, date, progress, status, note, project_id, recorded_at,"
            " recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            data,
        )
    conn.close()


def report_rows(db: Path, rows: int) -> list[list]:
    conn = sqlite3.connect(db)
    pairs = conn.execute("SELECT a.task_no, u.name FROM assignment a JOIN unit u ON u.id = a.unit_id").fetchall()
    conn.close()
    rng = random.Random(7)
    start = dt.date(2022, 1, 1)
    return [
        [
            *rng.choice(pairs),
            start + dt.timedelta(days=rng.randrange(730)),
            rng.randrange(101),
            "推进中",
            f"第 {i} 条进展",
            None,
            "bench",
        ]
        for i in range(rows)
    ]


def write_csv(path: Path, rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([[*r[:2], r[2].isoformat(), *r[3:]] for r in rows])


def write_xlsx(path: Path, rows: list[list]) -> None:
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


def line(name: str, seconds: float, rss: int | None, baseline: float | None = None, target: str = "") -> str:
    ratio = f"{seconds / baseline:.2f}×" if baseline else ""
    mem = f"{rss} MB" if rss else ""
    return f"| {name} | {seconds:.3f} s | {ratio} | {mem} | {target} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="status,help,import,export")
    args = parser.parse_args()
    only = set(args.only.split(","))
    work = Path(tempfile.mkdtemp(prefix="jsj-bench-"))
    out = ["| what | median | ratio to baseline | peak RSS | target |", "|---|---|---|---|---|"]
    db = work / "filled.sqlite3"
    fill(db, ROWS)
    python = sys.executable
    imports, _ = median_of([python, "-c", "import typer, rich, sqlmodel, yaml, openpyxl"], args.runs)
    out.append(line("baseline: python -c 'import typer, rich, sqlmodel, yaml, openpyxl'", imports, None))
    env = {**os.environ, "JSJ_DB": str(db), "COLUMNS": "160"}
    if "status" in only:
        status, rss = median_of([JSJ, "status"], args.runs, env=env)
        out.append(line(f"jsj status ({ROWS:,} milestones)", status, rss, imports, "≤ 0.5×"))
    if "help" in only:
        helped, rss = median_of([JSJ, "--help"], args.runs, env=env)
        out.append(line("jsj --help", helped, rss, imports, "≤ 0.25×"))
    if "import" in only:
        empty = work / "empty.sqlite3"
        subprocess.run([JSJ, "init", "--db", str(empty)], check=True, capture_output=True)
        rows = report_rows(empty, ROWS)
        csv_file, xlsx_file = work / "reports.csv", work / "reports.xlsx"
        write_csv(csv_file, rows)
        write_xlsx(xlsx_file, rows)
        target_db = work / "import.sqlite3"

        def fresh():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target_db}{suffix}").unlink(missing_ok=True)
            shutil.copy(empty, target_db)

        sqlite_utils = str(BIN / "sqlite-utils")
        plain_db = work / "plain.sqlite3"
        baseline, rss = median_of(
            [sqlite_utils, "insert", str(plain_db), "reports", str(csv_file), "--csv"],
            args.runs,
            prepare=lambda: plain_db.unlink(missing_ok=True),
        )
        out.append(line(f"baseline: sqlite-utils insert --csv ({ROWS:,} rows)", baseline, rss))
        took, rss = median_of([JSJ, "import", str(csv_file), "--db", str(target_db)], args.runs, prepare=fresh)
        out.append(line(f"jsj import csv ({ROWS:,} rows)", took, rss, baseline, "≤ 0.3×, < 300 MB"))
        took, rss = median_of([JSJ, "import", str(xlsx_file), "--db", str(target_db)], args.runs, prepare=fresh)
        out.append(line(f"jsj import xlsx ({ROWS:,} rows)", took, rss, None, "< 2 s, < 300 MB"))
    if "export" in only:
        bare_file = work / "bare.xlsx"
        baseline, rss = median_of([python, "-c", BARE_OPENPYXL, str(bare_file), str(ROWS)], args.runs)
        out.append(line(f"baseline: bare openpyxl write-only loop ({ROWS:,} rows)", baseline, rss))
        took, rss = median_of([JSJ, "export", str(work / "ledger.xlsx"), "--as-of", "2023-12-31"], args.runs, env=env)
        out.append(line(f"jsj export ({ROWS:,} milestones)", took, rss, baseline, "≤ 1.2×, < 300 MB"))
    shutil.rmtree(work, ignore_errors=True)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs each, {dt.date.today()}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
