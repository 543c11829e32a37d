"""Reading and parsing report files: this tree against an earlier revision, and python-calamine alone,
measured in the same run.

    python benchmarks/bench_sheets.py [--runs 3] [--base REV] [--only csv,xlsx,csv1m,hostile]

Builds its own files in a temp dir (the rows of benchmarks/bench.py: 8 columns, 100,000 or 1,000,000 rows;
the progress header with and without "%"). Every figure is the median wall time of separate processes, each
reading the file through to its last parsed row, with the process's peak RSS (VmHWM). "before" runs
`rows.read_report` of the revision REV (default: the revision this branch started from), extracted with
`git archive`; "after" streams `rows.open_report(...).chunks()` of this tree, keeping nothing, bare and
inside `reader.gc_paused()` as the importer runs it (then no collection walks the chunks in flight).
"""

import argparse
import csv
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["序号", "责任单位", "填报日期", "完成进度(%)", "状态", "最新进展", "重点项目", "填报人"]
UNITS = ["运城市人民政府", "临汾市人民政府", "省发展改革委", "省商务厅", "省交通运输厅", "省自然资源厅"]
DEFAULT_BASE = "44861a3"  # where the sheets-input branch started

PEAK = 'int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) // 1024'
BEFORE = f"""
import sys, time
from jinsanjiao_cli.io.sheets.rows import read_report
start = time.perf_counter()
grid, sheet = read_report(sys.argv[1])
took = time.perf_counter() - start
print(took, {PEAK}, len(sheet.rows))
"""
AFTER = f"""
import sys, time
from jinsanjiao_cli.io.sheets.rows import open_report
start = time.perf_counter()
count = 0
with open_report(sys.argv[1]) as report:
    for chunk in report.chunks():
        count += sum(1 for row in chunk if row.report is not None)
took = time.perf_counter() - start
print(took, {PEAK}, count)
"""
AFTER_PAUSED = AFTER.replace(
    "with open_report(sys.argv[1]) as report:",
    "from jinsanjiao_cli.io.sheets.reader import gc_paused\nwith gc_paused(), open_report(sys.argv[1]) as report:",
)
CALAMINE = f"""
import sys, time
import python_calamine as pc
start = time.perf_counter()
book = pc.CalamineWorkbook.from_path(sys.argv[1])
sheet = book.get_sheet_by_name(book.sheet_names[0])
count = sum(1 for _ in sheet.iter_rows())
took = time.perf_counter() - start
print(took, {PEAK}, count - 1)
"""
REFUSE = f"""
import sys, time
from jinsanjiao_cli.core.errors import BadFile
from jinsanjiao_cli.io.sheets.rows import parse_file
start = time.perf_counter()
try:
    parse_file(sys.argv[1])
    raise SystemExit("not refused: " + sys.argv[1])
except BadFile:
    pass
took = time.perf_counter() - start
print(took, {PEAK}, 0)
"""


def report_rows(count: int) -> list[list]:
    rng = random.Random(7)
    start = dt.date(2022, 1, 1)
    return [
        [
            rng.randrange(1, 65),
            rng.choice(UNITS),
            start + dt.timedelta(days=rng.randrange(730)),
            rng.randrange(101),
            "推进中",
            f"第 {i} 条进展",
            None,
            "bench",
        ]
        for i in range(count)
    ]


def write_csv(path: Path, rows: list[list], header: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([[*r[:2], r[2].isoformat(), *r[3:]] for r in rows])
    return path


def write_xlsx(path: Path, rows: list[list], header: list[str]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("填报")
    ws.append(header)
    for r in rows:
        ws.append(r)
    workbook.save(path)
    return path


ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
    'xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:'
    'tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table '
    'table:name="填报">'
)
ODS_TAIL = (
    '<table:table-row table:number-rows-repeated="948575"><table:table-cell table:number-columns-repeated="1024"/>'
    "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
)


def write_ods(path: Path, rows: list[list], header: list[str]) -> Path:
    """As LibreOffice writes it: one row element per row, the empty rest of the sheet as one repeated row."""

    def cell(value: object) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, int):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p>'
                "</table:table-cell>"
            )
        if isinstance(value, dt.date):
            return (
                f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"><text:p>'
                f"{value.isoformat()}</text:p></table:table-cell>"
            )
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(map(cell, row)) + "</table:table-row>" for row in [header, *rows])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        )
        z.writestr("content.xml", ODS_HEAD + body + ODS_TAIL)
    return path


def hostile_files(work: Path) -> dict[str, Path]:
    from openpyxl import Workbook

    files = {}
    book = Workbook()
    book.active["A1"] = "序号"
    book.active["XFD1048576"] = 1
    book.save(work / "corner.xlsx")
    files["xlsx, values at A1 and XFD1048576 (calamine would allocate 512 GiB)"] = work / "corner.xlsx"
    spaces = work / "spaces.xlsx"
    with zipfile.ZipFile(work / "corner.xlsx") as zin, zipfile.ZipFile(spaces, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = b"<worksheet><sheetData>" + b" " * 1_000_000_000 + b"</sheetData></worksheet>"
            zout.writestr(info.filename, data)
    files[f"xlsx whitespace bomb ({spaces.stat().st_size / 1e6:.1f} MB expanding to 1 GB)"] = spaces
    line = work / "line.csv"
    with line.open("wb") as out:
        for _ in range(1000):
            out.write(b"a" * 1_000_000)
    files["CSV, 1 GB on one line"] = line
    return files


def source_of(rev: str, work: Path) -> Path:
    """The src/ tree of a revision, extracted into work/."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], capture_output=True, check=True).stdout
    target = work / f"src-{rev}"
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / "src"


def run_once(script: str, path: Path, src: Path | None) -> tuple[float, int, int]:
    env = {**os.environ, "PYTHONPATH": str(src)} if src else dict(os.environ)
    proc = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    took, peak, count = proc.stdout.split()
    return float(took), int(peak), int(count)


def measure(variants: list[tuple[str, Path | None]], path: Path, runs: int) -> list[tuple[float, int, int]]:
    """Per variant (script, source tree): median seconds, largest peak MB and rows counted, over `runs`
    separate processes; the variants take turns (A B C A B C ...), so a machine that slows down or speeds
    up during the run moves them alike."""
    results: list[list[tuple[float, int, int]]] = [[] for _ in variants]
    for _ in range(runs):
        for i, (script, src) in enumerate(variants):
            results[i].append(run_once(script, path, src))
    return [
        (statistics.median(r[0] for r in runs_of), max(r[1] for r in runs_of), runs_of[-1][2]) for runs_of in results
    ]


def line(what: str, figures: tuple[float, int, int]) -> str:
    seconds, peak, count = figures
    return f"| {what} | {seconds:.3f} s | {peak} MB | {count:,} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--base", default=DEFAULT_BASE)
    parser.add_argument("--only", default="csv,xlsx,ods,csv1m,hostile")
    args = parser.parse_args()
    only = set(args.only.split(","))
    work = Path(tempfile.mkdtemp(prefix="jsj-bench-sheets-"))
    before = source_of(args.base, work)
    after = ROOT / "src"
    out = ["| what | median | peak RSS | rows |", "|---|---|---|---|"]
    rows = report_rows(100_000) if only & {"csv", "xlsx", "ods"} else []
    plain_header = [h.replace("(%)", "") for h in HEADER]
    for kind, writer in (("csv", write_csv), ("xlsx", write_xlsx), ("ods", write_ods)):
        if kind not in only:
            continue
        for header, label in ((HEADER, "header 完成进度(%)"), (plain_header, "header 完成进度")):
            path = writer(work / f"reports-{len(header[3])}.{kind}", rows, header)
            variants = [(BEFORE, before), (AFTER, after), (AFTER_PAUSED, after)]
            variants += [(CALAMINE, None)] if kind != "csv" else []
            figures = measure(variants, path, args.runs)
            out.append(line(f"{kind} 100,000 rows, {label}: before (read_report)", figures[0]))
            out.append(line(f"{kind} 100,000 rows, {label}: after (open_report)", figures[1]))
            out.append(line(f"{kind} 100,000 rows, {label}: after, inside gc_paused as the importer", figures[2]))
            if kind != "csv":
                out.append(line("  python-calamine alone: open, load, iter_rows", figures[3]))
    if "csv1m" in only:
        path = write_csv(work / "million.csv", report_rows(1_000_000), plain_header)
        variants = [(BEFORE, before), (AFTER, after), (AFTER_PAUSED, after)]
        before_1m, after_1m, paused_1m = measure(variants, path, max(1, args.runs // 2))
        out.append(line("csv 1,000,000 rows: before (read_report)", before_1m))
        out.append(line("csv 1,000,000 rows: after (open_report)", after_1m))
        out.append(line("csv 1,000,000 rows: after, inside gc_paused as the importer", paused_1m))
    if "hostile" in only:
        for what, path in hostile_files(work).items():
            out.append(line(f"refused: {what}", measure([(REFUSE, after)], path, args.runs)[0]))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs each, {dt.date.today()}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
