"""rows.open_report: a sheet read a chunk at a time, in flat memory, with what the importer needs."""

import datetime
import json
import os
import re
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from jinsanjiao_cli.io.sheets.reader import read_grid
from jinsanjiao_cli.io.sheets.rows import Reading, ReportRow, SheetRow, open_report, read_report
from jinsanjiao_cli.text import i18n

D = datetime.date(2022, 6, 30)


@pytest.fixture(autouse=True)
def _zh():
    before = i18n.lang()
    i18n.set_lang("zh")
    yield
    i18n.set_lang(before)


def test_csv_stream(tmp_path):
    lines = ["附件", "序号,责任单位,填报日期,完成进度(%),最新进展"]
    for i in range(1, 12_001):
        if i % 1000 == 0:
            lines.append(",,,,")  # blank
        elif i % 1000 == 1:
            lines.append("序号,责任单位,填报日期,完成进度(%),最新进展")  # a repeated header
        elif i % 1000 == 2:
            lines.append(f"{i},运城,2022-06-30,abc,x")  # a problem
        else:
            lines.append(f"{i},运城,2022-06-30,{i % 101},note {i}")
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open_report(path) as report:
        assert (report.file, report.sheet, report.header_row, report.kind) == (str(path), None, 2, "report")
        assert report.header_cells == ("序号", "责任单位", "填报日期", "完成进度(%)", "最新进展")
        assert report.columns == {"task_no": 0, "unit": 1, "date": 2, "progress": 3, "note": 4}
        assert report.headers["progress"] == "完成进度(%)"
        assert report.readings == [Reading("D", "完成进度(%)", "progress", "points_header", report.readings[0].reason)]
        chunks = list(report.chunks(size=5000))
        assert [len(c) for c in chunks] == [5000, 5000, 12_000 - 24 - 10_000]
        rows = [r for c in chunks for r in c]
        assert all(isinstance(r, SheetRow) for r in rows)
        assert (report.skipped_blank, report.skipped_header) == (12, 12)
    good = rows[1]  # spreadsheet row 5 (i = 3): row 3 repeats the header, row 4 has a problem
    assert good == SheetRow(5, ReportRow(5, 3, "运城", D, 3.0, None, "note 3", None, None, None), [], good.cells)
    assert good.cells == ("3", "运城", "2022-06-30", "3", "note 3")
    bad = [r for r in rows if r.problems]
    assert len(bad) == 12 and all(r.report is None for r in bad)
    assert rows[0] is bad[0] and bad[0].row == 4 and bad[0].cells == ("2", "运城", "2022-06-30", "abc", "x")
    assert [(p.letter, p.column, p.value) for p in bad[0].problems] == [("D", "完成进度(%)", "abc")]
    assert [r.row for r in rows] == sorted(r.row for r in rows)


def test_stream_closes_the_file_and_can_be_abandoned(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("序号,责任单位,填报日期,完成进度\n" + "1,运城,2022-06-30,60\n" * 10, encoding="utf-8")
    report = open_report(path)
    chunks = report.chunks(size=3)
    assert len(next(chunks)) == 3
    report.close()
    report.close()  # twice is fine
    import gc

    assert gc.isenabled()  # never left paused across a yield


def test_xlsx_stream_merged_and_error_cells_across_chunks(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序号", "责任单位", "填报日期", "完成进度"])
    for i in range(6000):
        ws.append([i // 100 + 1 if i % 100 == 0 else None, f"单位{i}", D, 50])
    for start in range(2, 6002, 100):
        ws.merge_cells(f"A{start}:A{start + 99}")  # every block of 100 rows shares its task number
    ws["D4100"] = 0
    path = tmp_path / "m.xlsx"
    book.save(path)
    edited = tmp_path / "e.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<c r="D4100"[^>]*>.*?</c>', b'<c r="D4100" t="e"><v>#DIV/0!</v></c>', data)
            zout.writestr(info, data)
    with open_report(edited) as report:
        rows = [r for chunk in report.chunks(size=1000) for r in chunk]
    assert [r.report.task_no for r in rows if r.report][:3] == [1, 1, 1]
    assert {r.report.task_no for r in rows if r.report and r.row in (2048, 2049, 2050, 4097)} == {21, 41}
    assert [(r.row, [(p.letter, p.value) for p in r.problems]) for r in rows if r.problems] == [
        (4100, [("D", "#DIV/0!")])
    ]


def test_read_report_grid_keeps_rows_at_their_places(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("标题\n序号,责任单位,填报日期,完成进度\n1,运城,2022-06-30,60\n,,,\n2,运城,x,60\n", encoding="utf-8")
    grid, sheet = read_report(path)
    assert grid.rows[1] == ["序号", "责任单位", "填报日期", "完成进度"]
    assert grid.rows[2] == ["1", "运城", "2022-06-30", "60"] and grid.rows[4] == ["2", "运城", "x", "60"]
    assert sheet.problem_rows() == [5] and sheet.skipped_blank == 1
    assert read_grid(path).rows[3] == [None, None, None, None]


STREAM = r"""
import sys
from jinsanjiao_cli.io.sheets.rows import open_report
count = 0
with open_report(sys.argv[1]) as report:
    for chunk in report.chunks():
        count += len(chunk)
status = open("/proc/self/status").read()
print(count, int(status.split("VmHWM:")[1].split()[0]) // 1024)
"""


def test_a_long_csv_is_read_in_flat_memory(tmp_path):
    """300,000 rows (20 MB): held whole, its cells alone take ~250 MB; streamed, memory stays flat."""
    path = tmp_path / "big.csv"
    row = "推进中,第 {} 条进展,,bench\n"
    with path.open("w", encoding="utf-8") as out:
        out.write("序号,责任单位,填报日期,完成进度,状态,最新进展,重点项目,填报人\n")
        for _ in range(30):
            out.write("".join(f"{i % 60 + 1},运城,2022-06-30,{i % 101}," + row.format(i) for i in range(10_000)))
    proc = subprocess.run(
        [sys.executable, "-c", STREAM, str(path)], capture_output=True, text=True, timeout=120, env=dict(os.environ)
    )
    count, peak_mb = map(int, proc.stdout.split())
    assert count == 300_000
    assert peak_mb < 100, peak_mb


def test_readings_are_data(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("序号,责任单位,填报日期,完成进度\n1,运城,2022-06-30,0.5\n", encoding="utf-8")
    with open_report(path) as report:
        list(report.chunks())
        (reading,) = report.readings
    assert json.loads(json.dumps(reading.__dict__)) == {
        "column": "D",
        "header": "完成进度",
        "field": "progress",
        "reading": "fraction",
        "reason": "该列的数都在 0 到 1 之间，按比例读取（0.45 即 45%）",
    }
