"""`jsj export`: the ledger workbook, written through the real CLI and read back with openpyxl."""

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jinsanjiao_cli.actions.reading import write_export
from jinsanjiao_cli.cli.app import app
from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.io.sheets import rows
from jinsanjiao_cli.ledger import opening
from jinsanjiao_cli.render.outfiles import OutputError
from jinsanjiao_cli.text import i18n
from jinsanjiao_cli.workbooks import export
from jinsanjiao_cli.workbooks import milestones_sheet as records
from jinsanjiao_cli.workbooks.export import LIGHT_FILLS

AS_OF = "2022-06-30"
LEDGER_HEADER = [
    "序号",
    "重点任务",
    "任务完成进度（%）",
    "任务序时进度（%）",
    "任务状态",
    "责任单位",
    "牵头/配合",
    "完成进度（%）",
    "序时进度（%）",
    "状态",
    "最新进展",
    "填报日期",
    "完成时限",
]
RECORDS_HEADER = [
    "记录编号",
    "序号",
    "重点任务",
    "责任单位",
    "填报日期",
    "完成进度（%）",
    "状态",
    "进展情况",
    "重点项目",
    "填报人",
    "录入时间",
    "批次",
    "报送期",
]
SHEETS = [
    "总览",
    "任务台账",
    "单位完成情况",
    "重点项目",
    "进展记录",
    "月度趋势",
    "报送情况",
    "问题清单",
    "考评",
    "更正记录",
]
REPORTS = [
    # id 1: green (45 against 26.01 expected)
    ["9", "-u", "省交通厅", "-p", "45", "-d", "2022-06-30", "--project", "芮城通用机场", "-n", "完成主体工程"],
    # id 2: yellow (10 against 26.01)
    ["1", "-u", "省发展改革委", "-p", "10", "-d", "2022-06-01", "-n", "推进中", "--status", "#N/A"],
    # id 3: yellow, and a note that looks like a formula
    ["1", "-u", "运城", "-p", "5", "-d", "2022-03-30", "-n", "=SUM(A1)", "--by", "张三"],
    # id 4: done
    ["2", "-u", "省商务厅", "-p", "100", "-d", "2022-05-15", "-n", "已完成"],
    # id 5: after the as-of date, so in no 2022-06-30 figure
    ["9", "-u", "省交通厅", "-p", "60", "-d", "2022-07-15"],
]


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    i18n.set_lang(None)
    return result


@pytest.fixture(scope="module")
def recorded(initialised_db, tmp_path_factory) -> Path:
    """A database with REPORTS recorded (once for the module; tests export from copies of it)."""
    path = tmp_path_factory.mktemp("export") / "recorded.sqlite3"
    shutil.copy(initialised_db, path)
    for report in REPORTS:
        result = run("record", *report, "--db", path)
        assert result.exit_code == 0, result.output
    assert run("indicator", "set", "运城", "2021", "--gdp", "2000", "--growth", "9", "--db", path).exit_code == 0
    assert run("indicator", "set", "临汾", "2021", "--gdp", "1500", "--growth", "8", "--db", path).exit_code == 0
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(scope="module")
def book_path(recorded, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out") / "ledger.xlsx"
    result = run("export", out, "--as-of", AS_OF, "--db", recorded)
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout
    return out


@pytest.fixture(scope="module")
def book(book_path):
    return load_workbook(book_path)


def values(ws) -> list[list]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def find_row(ws, **columns) -> int:
    """The row whose cells (by header name, row 2) hold the given values; merged task numbers filled down."""
    header = [c.value for c in ws[2]]
    task = None
    for row in ws.iter_rows(min_row=3):
        task = row[0].value if row[0].value is not None else task
        cells = {header[i]: c.value for i, c in enumerate(row)}
        cells[header[0]] = task
        if all(cells[name] == value for name, value in columns.items()):
            return row[0].row
    raise AssertionError(f"no row with {columns}")


def test_sheet_names_headers_and_titles(book):
    assert book.sheetnames == SHEETS
    ledger, records = book["任务台账"], book["进展记录"]
    assert [c.value for c in ledger[2]] == LEDGER_HEADER
    assert [c.value for c in records[2]] == RECORDS_HEADER
    assert "2022-06-30" in ledger["A1"].value
    assert "共 4 条" in records["A1"].value
    for ws in book.worksheets:
        assert ws["A1"].font.b, ws.title


def test_ledger_has_one_row_per_assignment_with_tasks_merged(book, recorded):
    ws = book["任务台账"]
    with sqlite3.connect(recorded) as conn:
        assignments = conn.execute("SELECT count(*) FROM assignment WHERE task_no <= 17").fetchone()[0]
        units_of_1 = conn.execute("SELECT count(*) FROM assignment WHERE task_no = 1").fetchone()[0]
    assert ws.max_row == 2 + assignments  # tasks 1-16 and safeguard 17 (the only one with units)
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"A3:A{2 + units_of_1}" in merged and f"B3:B{2 + units_of_1}" in merged
    assert ws["A3"].value == 1 and ws["B3"].value == "加强承接产业转移平台建设"
    task_numbers = [r[0] for r in values(ws)[2:] if r[0] is not None]
    assert task_numbers == list(range(1, 18))


def test_ledger_shows_each_tasks_totals_merged_beside_it(book, recorded):
    ws = book["任务台账"]
    status = json.loads(run("status", "--as-of", "2022-06-30", "--format", "json", "--db", recorded).stdout)
    merged = {str(r) for r in ws.merged_cells.ranges}
    for task in status["tasks"]:
        row = find_row(ws, 序号=task["no"])
        completion, expected, light = (ws.cell(row, c) for c in (3, 4, 5))
        assert completion.value == task["completion"] and expected.value == task["expected"]
        assert light.value == task["label"]
        assert light.fill.fgColor.rgb.endswith(LIGHT_FILLS[task["light"]])
        last = row + len(task["assignments"]) - 1
        assert all(f"{column}{row}:{column}{last}" in merged for column in "ABCDE"), task["no"]


def test_ledger_status_cells_are_labelled_and_filled_by_light(book):
    ws = book["任务台账"]
    expected = {
        ("省交通厅", 9): ("序时推进", "green"),
        ("省发展改革委", 1): ("进度滞后", "yellow"),
        ("省商务厅", 2): ("已完成", "done"),
        ("省商务厅", 1): ("未启动", "yellow"),  # no report: its own label, the light of how late that is
    }
    for (unit, task), (label, light) in expected.items():
        cell = ws.cell(find_row(ws, 序号=task, 责任单位=unit), 10)
        assert cell.value == label
        assert cell.fill.fgColor.rgb.endswith(LIGHT_FILLS[light]), (unit, task)
    assert len(set(LIGHT_FILLS.values())) == 4


def test_red_status_fill_later_in_the_plan(recorded, tmp_path):
    out = tmp_path / "late.xlsx"
    assert run("export", out, "--as-of", "2022-12-31", "--db", recorded).exit_code == 0
    ws = load_workbook(out)["任务台账"]
    cell = ws.cell(find_row(ws, 序号=3, 责任单位="省工信厅"), 10)  # nothing reported, 50.8% expected
    assert cell.value == "未启动"
    assert cell.fill.fgColor.rgb.endswith(LIGHT_FILLS["red"])


def test_real_dates_and_numbers(book):
    ws = book["任务台账"]
    row = find_row(ws, 序号=9, 责任单位="省交通厅")
    progress, expected, date, deadline = (ws.cell(row, c) for c in (8, 9, 12, 13))
    assert progress.value == 45 and progress.data_type == "n" and progress.number_format == "0.0"
    assert expected.value == pytest.approx(26.01) and expected.number_format == "0.0"
    assert date.value == dt.datetime(2022, 6, 30) and date.number_format == "yyyy-mm-dd"
    assert deadline.value == dt.datetime(2023, 12, 31)
    not_reported = find_row(ws, 序号=1, 责任单位="省商务厅")
    assert ws.cell(not_reported, 8).value is None and ws.cell(not_reported, 12).value is None  # empty, not 0
    records = book["进展记录"]
    assert records["E3"].is_date and records["E3"].number_format == "yyyy-mm-dd"
    assert records["K3"].is_date and isinstance(records["K3"].value, dt.datetime)
    assert records["F3"].data_type == "n" and records["F3"].number_format == "0.0"


def test_freeze_autofilter_and_print_settings(book):
    from jinsanjiao_cli.workbooks.workbook import LEAST_SCALE, PRINTABLE_POINTS, printed_points

    for ws in book.worksheets:
        assert ws.freeze_panes in ("A3", "B3"), ws.title
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize in (9, "9"), ws.title
        assert ws.print_title_rows == "$1:$2", ws.title
        # legible on paper: one page wide only where that keeps 11 pt text at 9 pt or more, else at 82%
        widths = [ws.column_dimensions[letter].width for letter in ws.column_dimensions]
        if ws.sheet_properties.pageSetUpPr.fitToPage:
            assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0, ws.title
            assert 100 * PRINTABLE_POINTS / printed_points(widths) >= LEAST_SCALE, ws.title
        else:
            assert int(ws.page_setup.scale) == LEAST_SCALE and ws.print_title_cols == "$A:$A", ws.title
    assert book["任务台账"].auto_filter.ref == f"A2:M{book['任务台账'].max_row}"
    assert book["进展记录"].auto_filter.ref == "A2:M6"
    widths = book["任务台账"].column_dimensions
    assert widths["B"].width >= 24  # a task title's Chinese characters count double
    assert widths["A"].width < widths["C"].width


def test_formula_like_text_is_text(book):
    ledger, records = book["任务台账"], book["进展记录"]
    cell = ledger.cell(find_row(ledger, 序号=1, 责任单位="运城市人民政府"), 11)
    assert cell.value == "=SUM(A1)" and cell.data_type == "s" and cell.quotePrefix
    by_id = {row[0]: row for row in values(records)[2:]}
    assert by_id[3][7] == "=SUM(A1)"
    assert records.cell(3, 8).data_type == "s"  # id 3 is the earliest report
    assert by_id[2][6] == "#N/A"  # an error code written as a status stays text


def test_records_sheet_every_milestone_until_as_of(book):
    rows_ = values(book["进展记录"])[2:]
    assert [r[0] for r in rows_] == [3, 4, 2, 1]  # by date; id 5 is after the as-of date
    first = rows_[-1]
    assert first[1:6] == [9, "构建综合交通枢纽", "省交通厅", dt.datetime(2022, 6, 30), 45]
    assert first[7:10] == ["完成主体工程", "芮城通用机场", first[9]] and first[9]  # note, project, by
    assert first[11] is None  # not imported: no batch
    assert rows_[0][9] == "张三"


def test_monthly_trend_runs_to_the_as_of_date(book):
    ws = book["月度趋势"]
    header = [c.value for c in ws[2]]
    assert header[:3] == ["日期", "序时进度（%）", "全计划（%）"]
    assert "积极承接产业转移" in header and "省交通厅" in header
    dates = [r[0] for r in values(ws)[2:]]
    assert dates[0] == dt.datetime(2021, 12, 31) and dates[-1] == dt.datetime(2022, 6, 30) and len(dates) == 7
    last = values(ws)[-1]
    assert last[1] == pytest.approx(26.01)
    assert last[header.index("省交通厅")] == 45  # its only key task, reported 45 on 2022-06-30


def test_month_ends_end_with_the_as_of_date():
    from jinsanjiao_cli.views.trend import month_ends

    start = dt.date(2021, 12, 19)
    assert month_ends(start, dt.date(2022, 2, 10)) == [
        dt.date(2021, 12, 31),
        dt.date(2022, 1, 31),
        dt.date(2022, 2, 10),
    ]
    assert month_ends(start, dt.date(2022, 2, 28))[-1] == dt.date(2022, 2, 28)
    assert month_ends(start, dt.date(2021, 12, 20)) == [dt.date(2021, 12, 20)]


def test_overview_units_and_projects(book):
    ws = book["总览"]
    assert ws["A1"].value == "晋陕豫黄河金三角承接产业转移示范区(山西片区)建设工作计划"
    assert ws["B2"].value == dt.datetime(2022, 6, 30)
    cells = values(ws)
    # (task 1: (10 + 5) / 5 units, task 2: 100 / 4, task 9: 45 / 6) / 16 key tasks
    plan = (15 / 5 + 100 / 4 + 45 / 6) / 16
    assert cells[3][:4] == [
        "全计划完成进度（%）",
        pytest.approx(plan, abs=0.005),
        "序时进度（%）",
        pytest.approx(26.01),
    ]
    flat = [v for row in cells for v in row]
    assert "积极承接产业转移" in flat and "运城市" in flat and 110 in flat  # section, scope, 10% path
    assert len(ws._charts) == 2
    # the charts under the tables, each after a page break; axes fitted to their data
    last_table_row = max(i for i, row in enumerate(cells, start=1) if any(v is not None for v in row))
    anchors = [chart.anchor._from.row + 1 for chart in ws._charts]
    assert all(row > last_table_row for row in anchors)
    assert sorted(b.id + 1 for b in ws.row_breaks.brk) == anchors
    bars, line = ws._charts
    assert (bars.y_axis.scaling.min, bars.y_axis.scaling.max) == (0, 50)  # the furthest unit is at 45%
    assert line.y_axis.scaling.min == 100 and line.y_axis.scaling.max >= 121  # 100 to the 2022 path and beyond
    # the key tasks' table: each task's completion, 序时进度 and light, as `jsj status` gives them
    heading = next(i for i, row in enumerate(cells) if row[0] == "重点任务完成情况")
    tasks = cells[heading + 2 : heading + 18]
    assert [row[0] for row in tasks] == list(range(1, 17))
    assert tasks[1][:6] == [2, "完善承接产业转移机制", "省发展改革委", 25, pytest.approx(26.01), "序时推进"]
    units = book["单位完成情况"]
    assert [c.value for c in units[3]][:4] == [1, "省交通厅", 1, 45]  # one key task, 45% done
    projects = values(book["重点项目"])
    airport = next(r for r in projects if r[2] == "芮城通用机场")
    assert airport[5:8] == [dt.datetime(2022, 6, 30), "省交通厅", 45]


def test_second_export_has_identical_cells(book, recorded, tmp_path):
    out = tmp_path / "again.xlsx"
    assert run("export", out, "--as-of", AS_OF, "--db", recorded).exit_code == 0
    again = load_workbook(out)
    for name in SHEETS:
        assert values(again[name]) == values(book[name]), name


def test_default_name_in_out_dir_and_no_temp_files(recorded, tmp_path):
    out_dir = tmp_path / "ledgers"
    out_dir.mkdir()
    result = run("export", "--out-dir", out_dir, "--as-of", AS_OF, "--db", recorded)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out_dir.iterdir()) == ["jsj-progress-2022-06-30.xlsx"]


def test_english_sheet_names(recorded, tmp_path):
    out = tmp_path / "en.xlsx"
    assert run("export", out, "--as-of", AS_OF, "--lang", "en", "--db", recorded).exit_code == 0
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "Overview",
        "Ledger",
        "Units",
        "Projects",
        "Records",
        "Monthly trend",
        "Reporting",
        "Problems",
        "Assessment",
        "Corrections",
    ]
    assert [c.value for c in wb["Ledger"][2]][:10] == [
        "No.",
        "Key task",
        "Task progress (%)",
        "Task expected (%)",
        "Task status",
        "Unit",
        "Role",
        "Progress (%)",
        "Expected (%)",
        "Status",
    ]
    assert [c.value for c in wb["Records"][2]][:2] == ["ID", "Task No."]
    assert wb["Ledger"].cell(find_row(wb["Ledger"], **{"No.": 9, "Unit": "省交通厅"}), 10).value == "on track"


def test_missing_directory_is_one_line_error(recorded, tmp_path):
    missing = tmp_path / "nowhere"
    result = run("export", "--out-dir", missing, "--as-of", AS_OF, "--db", recorded)
    assert result.exit_code == 1
    assert str(missing) in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not missing.exists()


def test_failed_save_leaves_no_partial_file(recorded, tmp_path, monkeypatch):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "ledger.xlsx"
    target.write_bytes(b"the previous ledger")

    def broken_save(self, filename):
        Path(filename).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.Workbook, "save", broken_save)
    conn = opening.open_ledger(recorded)
    with pytest.raises(OutputError, match="磁盘空间不足"):
        write_export(conn, dt.date(2022, 6, 30), target)
    assert target.read_bytes() == b"the previous ledger"
    assert sorted(p.name for p in out_dir.iterdir()) == ["ledger.xlsx"]
    with pytest.raises(BadValue, match="nowhere"):
        write_export(conn, dt.date(2022, 6, 30), tmp_path / "nowhere" / "x.xlsx")


def test_records_written_the_ordinary_way_are_the_same(recorded, book, tmp_path, monkeypatch):
    """The fast records sheet and the plain openpyxl fallback give the same cells and styles."""
    monkeypatch.setattr(records, "RAW_ROWS", False)
    out = write_export(opening.open_ledger(recorded), dt.date(2022, 6, 30), tmp_path / "plain.xlsx")
    plain, fast = load_workbook(out)["进展记录"], book["进展记录"]
    assert values(plain) == values(fast)
    for a, b in zip(plain.iter_rows(), fast.iter_rows(), strict=True):
        for x, y in zip(a, b, strict=True):
            assert (x.number_format, x.data_type, x.quotePrefix, x.border.left.style) == (
                y.number_format,
                y.data_type,
                y.quotePrefix,
                y.border.left.style,
            ), x.coordinate


def test_the_importer_reads_the_ledger_and_the_records(book_path):
    ledger = rows.parse_file(book_path)
    assert (ledger.sheet, ledger.kind, ledger.header_row) == ("任务台账", "ledger", 2)
    assert {(r.task_no, r.unit, r.progress) for r in ledger.rows} == {
        (9, "省交通厅", 45),
        (1, "省发展改革委", 10),
        (1, "运城市人民政府", 5),
        (2, "省商务厅", 100),
    }
    records = rows.parse_file(book_path, sheet="进展记录")
    assert [r.record_id for r in records.rows] == [3, 4, 2, 1]
    assert records.rows[0].note == "=SUM(A1)"
