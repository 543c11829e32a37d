"""`jsj import`, `jsj batches`, `jsj undo` end to end with real files."""

import json
import sqlite3

import pytest
from openpyxl import Workbook, load_workbook

HEADER = ["序号", "责任单位", "填报日期", "完成进度（%）", "状态", "最新进展", "重点项目"]


def count(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM milestone").fetchone()[0]


def write_csv(path, rows, encoding="utf-8"):
    lines = [",".join(HEADER), *(",".join(str(v) for v in row) for row in rows)]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


GOOD = [
    [1, "运城", "2022-06-30", 60, "推进中", "完成园区规划", ""],
    [9, "省交通厅", "2022/6/30", "45%", "", "主体完工", "芮城通用机场"],
    [5, "省商务厅", "2022年6月30日", "３０％", "", "", ""],
]


def test_csv_import_then_reimport_adds_nothing(jsj, db, tmp_path):
    source = write_csv(tmp_path / "reports.csv", GOOD)
    first = json.loads(jsj("import", source, "--format", "json").stdout)
    assert (first["rows_new"], first["rows_present"], first["batch"]) == (3, 0, 1)
    again = json.loads(jsj("import", source, "--format", "json").stdout)
    assert (again["rows_new"], again["rows_present"], again["batch"]) == (0, 3, None)
    assert count(db) == 3
    history = json.loads(jsj("history", "--format", "json").stdout)
    # one date, one import: stored in task order (file order is kept within an assignment)
    assert [(r["task"], r["unit"], r["progress"]) for r in history] == [
        (1, "运城市人民政府", 60.0),
        (5, "省商务厅", 30.0),
        (9, "省交通厅", 45.0),
    ]
    assert history[2]["project"] == "芮城通用机场" and history[0]["batch"] == 1
    batches = json.loads(jsj("batches", "--format", "json").stdout)
    assert [(b["id"], b["rows_new"], b["rows_present"]) for b in batches] == [(1, 3, 0)]  # nothing new: no batch


def test_gbk_csv_is_detected(jsj, db, tmp_path):
    source = write_csv(tmp_path / "gbk.csv", GOOD, encoding="gbk")
    result = jsj("import", source)
    assert result.exit_code == 0, result.output
    assert count(db) == 3


def test_invalid_rows_are_all_listed_and_nothing_is_written(jsj, db, tmp_path):
    rows = [
        *GOOD,
        [99, "运城", "2022-06-30", 10, "", "", ""],
        [5, "省卫健委", "2022-06-30", 10, "", "", ""],
        [1, "运城", "2022-02-30", 10, "", "", ""],
        [1, "运城", "2022-06-30", 120, "", "", ""],
        [9, "运城", "2022-06-30", 10, "", "", "太原机场"],
    ]
    source = write_csv(tmp_path / "bad.csv", rows)
    result = jsj("import", source)
    assert result.exit_code == 1
    for fragment in ("第5行", "第6行", "第7行", "第8行", "第9行", "“99”", "省卫健委", "2022-02-30", "120", "太原机场"):
        assert fragment in result.stderr, fragment
    assert "5 行无效，未写入任何数据" in result.stderr
    assert count(db) == 0 and json.loads(jsj("batches", "--format", "json").stdout) == []


def test_skip_invalid_writes_rejects_and_undo_removes_the_batch(jsj, db, tmp_path):
    source = write_csv(tmp_path / "mixed.csv", [*GOOD, [99, "运城", "2022-06-30", 10, "", "", ""]])
    result = json.loads(jsj("import", source, "--skip-invalid", "--format", "json").stdout)
    assert (result["rows_new"], result["rows_rejected"]) == (3, 1)
    rejects = load_workbook(tmp_path / "mixed-rejects.xlsx").active
    values = list(rejects.values)
    assert values[0][0] == "行号" and values[0][-1] == "原因"
    assert values[1][0] == 5 and "没有第 99 项任务" in values[1][-1]
    undone = jsj("undo", str(result["batch"]), "--yes")
    assert undone.exit_code == 0 and "删除 3 条" in undone.stdout
    assert count(db) == 0
    missing = jsj("undo", "42")
    assert missing.exit_code == 1 and "没有编号为 42 的导入批次" in missing.stderr


def test_dry_run_writes_nothing(jsj, db, tmp_path):
    source = write_csv(tmp_path / "reports.csv", GOOD)
    result = json.loads(jsj("import", source, "--dry-run", "--format", "json").stdout)
    assert result["rows_new"] == 3 and result["dry_run"] is True and result["batch"] is None
    assert count(db) == 0


def test_xlsx_with_title_rows_merged_task_numbers_and_percent_cells(jsj, db, tmp_path):
    workbook = Workbook()
    ws = workbook.active
    ws.title = "6月填报"
    ws.append(["运城市 6 月进展填报表"])
    ws.append(["序号", "责任单位", "填报日期", "完成进度", "最新进展"])
    import datetime as dt

    ws.append([1, "运城市人民政府", dt.date(2022, 6, 30), 0.6, "规划完成"])
    ws.append([None, "临汾市人民政府", dt.date(2022, 6, 30), 0.25, "在建"])
    ws.merge_cells("A3:A4")
    for row in (3, 4):
        ws.cell(row, 4).number_format = "0%"
    path = tmp_path / "filled.xlsx"
    workbook.save(path)
    result = json.loads(jsj("import", path, "--format", "json").stdout)
    assert result["rows_new"] == 2 and result["progress_as_fraction"] is True
    history = json.loads(jsj("history", "1", "--format", "json").stdout)
    assert [(r["unit"], r["progress"]) for r in history] == [("运城市人民政府", 60.0), ("临汾市人民政府", 25.0)]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "picture.xlsx", "picture.xlsx"),
        (b"", "empty.csv", "empty.csv"),
        ("序号,责任单位\n1,运城\n".encode(), "nohead.csv", "nohead.csv"),
        ("序号,责任单位,完成进度\n1,运城,5\n".encode(), "nodate.csv", "没有填报日期列"),
        ("序号,责任单位,填报日期,完成进度\n1,运城,2022-06-30,5\0\n".encode(), "nul.csv", "nul.csv"),
    ],
)
def test_bad_files_get_one_line_and_change_nothing(jsj, db, tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = jsj("import", path)
    assert result.exit_code == 1 and message in result.stderr
    assert result.stderr.startswith("jsj: ") and "Traceback" not in result.output
    assert count(db) == 0


def test_missing_file_and_missing_sheet(jsj, tmp_path):
    assert jsj("import", tmp_path / "nope.xlsx").exit_code == 1
    path = tmp_path / "book.xlsx"
    Workbook().save(path)
    result = jsj("import", path, "--sheet", "不存在")
    assert result.exit_code == 1 and "不存在" in result.stderr


def test_within_one_file_the_later_row_for_an_assignment_wins(jsj, tmp_path):
    rows = [[1, "运城", "2022-06-30", 10, "", "初报", ""], [1, "运城", "2022-06-30", 20, "", "更正", ""]]
    jsj("import", write_csv(tmp_path / "twice.csv", rows))
    doc = json.loads(jsj("status", "--task", "1", "--format", "json", "--as-of", "2022-07-01").stdout)
    yuncheng = next(a for a in doc["task"]["assignments"] if a["unit"] == "运城市人民政府")
    assert yuncheng["progress"] == 20 and yuncheng["note"] == "更正"


@pytest.mark.parametrize("rejects", ["missing-dir/r.xlsx", "rejects.csv", "."])
def test_an_unwritable_rejects_path_is_one_line_and_imports_nothing(jsj, db, tmp_path, rejects):
    source = write_csv(tmp_path / "mixed.csv", [*GOOD, [99, "运城", "2022-06-30", 10, "", "", ""]])
    result = jsj("import", source, "--skip-invalid", "--rejects", tmp_path / rejects)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert count(db) == 0


@pytest.mark.parametrize(
    ("out", "message"), [(".", "是目录"), ("ledger.csv", ".xlsx"), ("no/such/x.xlsx", "目录不存在")]
)
def test_export_and_template_refuse_bad_targets(jsj, tmp_path, out, message):
    for command in ("export", "template"):
        result = jsj(command, tmp_path / out)
        assert result.exit_code == 1 and message in result.stderr, (command, result.stderr)


def test_an_untouched_template_leaves_no_batch(jsj, tmp_path):
    path = tmp_path / "template.xlsx"
    jsj("template", path)
    doc = json.loads(jsj("import", path, "--format", "json").stdout)
    assert doc["rows_new"] == 0 and doc["batch"] is None
    assert json.loads(jsj("batches", "--format", "json").stdout) == []


def test_batch_ids_are_never_reused_after_undo(jsj, tmp_path):
    source = write_csv(tmp_path / "reports.csv", GOOD)
    first = json.loads(jsj("import", source, "--format", "json").stdout)["batch"]
    jsj("undo", str(first), "--yes")
    second = json.loads(jsj("import", source, "--format", "json").stdout)["batch"]
    assert second == first + 1


def test_imported_progress_is_kept_to_two_decimals_and_dates_are_plausible(jsj, db, tmp_path):
    rows = [[1, "运城", "2022-06-30", "33.3333", "", "", ""], [2, "运城", "0001-01-01", 5, "", "", ""]]
    result = jsj("import", write_csv(tmp_path / "odd.csv", rows), "--skip-invalid", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["rows_new"] == 1 and "1900-2100" in doc["problems"][0]["reason"]
    assert json.loads(jsj("history", "--format", "json").stdout)[0]["progress"] == 33.33
