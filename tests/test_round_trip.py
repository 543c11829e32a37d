"""What jsj writes, jsj reads back: export sheets and a filled-in template import without edits."""

import datetime as dt
import json
import sqlite3

from openpyxl import load_workbook


def count(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM milestone").fetchone()[0]


def record_some(jsj):
    for args in (
        ("1", "-u", "运城", "-p", "40", "-d", "2022-03-01", "-n", "=SUM(A1) 看起来像公式"),
        ("1", "-u", "省发改委", "-p", "60", "-d", "2022-04-01", "--status", "推进中"),
        ("9", "-u", "省交通厅", "-p", "45", "-d", "2022-06-30", "--project", "芮城通用机场", "-n", "主体完工"),
    ):
        assert jsj("record", *args).exit_code == 0


def test_records_sheet_imports_back_as_already_present(jsj, db, tmp_path):
    record_some(jsj)
    out = tmp_path / "ledger.xlsx"
    assert jsj("export", out, "--as-of", "2022-12-31").exit_code == 0
    result = json.loads(jsj("import", out, "--sheet", "进展记录", "--format", "json").stdout)
    assert (result["rows_new"], result["rows_present"], result["rows_rejected"]) == (0, 3, 0)
    assert count(db) == 3


def test_ledger_sheet_imports_back_without_edits(jsj, db, tmp_path):
    record_some(jsj)
    out = tmp_path / "ledger.xlsx"
    assert jsj("export", out, "--as-of", "2022-12-31").exit_code == 0
    result = jsj("import", out, "--sheet", "任务台账", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    # one ledger row per reporting assignment; the latest reports are already stored
    assert doc["rows_rejected"] == 0 and doc["rows_new"] == 0 and doc["rows_present"] == 3
    assert count(db) == 3


def test_records_sheet_fills_an_empty_database(jsj, db, tmp_path, initialised_db):
    record_some(jsj)
    out = tmp_path / "ledger.xlsx"
    jsj("export", out, "--as-of", "2022-12-31")
    fresh = tmp_path / "fresh.sqlite3"
    fresh.write_bytes(initialised_db.read_bytes())
    result = json.loads(jsj("import", out, "--sheet", "进展记录", "--db", fresh, "--format", "json").stdout)
    assert result["rows_new"] == 3
    before = json.loads(jsj("history", "--format", "json").stdout)
    after = json.loads(jsj("history", "--format", "json", "--db", fresh).stdout)
    fields = ("task", "unit", "date", "progress", "status", "note", "project")
    assert [[r[f] for f in fields] for r in after] == [[r[f] for f in fields] for r in before]
    assert after[0]["note"] == "=SUM(A1) 看起来像公式"


def test_filled_template_imports(jsj, db, tmp_path):
    path = tmp_path / "template.xlsx"
    assert jsj("template", path, "--unit", "运城").exit_code == 0
    workbook = load_workbook(path)
    ws = workbook.worksheets[0]
    header_row = next(r for r in range(1, 10) if ws.cell(r, 1).value in ("序号", "No."))
    headers = {ws.cell(header_row, c).value: c for c in range(1, ws.max_column + 1)}
    first = header_row + 1
    ws.cell(first, headers["填报日期"]).value = dt.date(2022, 6, 30)
    ws.cell(first, headers["完成进度（%）"]).value = 55
    ws.cell(first, headers["最新进展"]).value = "已完成园区规划"
    workbook.save(path)
    result = jsj("import", path, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["rows_new"] == 1 and doc["skipped_blank"] >= 15
    history = json.loads(jsj("history", "--format", "json").stdout)
    assert history[0]["unit"] == "运城市人民政府" and history[0]["progress"] == 55


def test_xml_special_characters_survive_the_records_sheet(jsj, db, tmp_path, initialised_db):
    note = "<b>进展 & \"引号\" '单引号' 😀 _x0041_ 换行\n第二行"
    assert (
        jsj("record", "2", "-u", "运城", "-p", "12.5", "-d", "2022-05-05", "-n", note, "--by", "<张三>").exit_code == 0
    )
    out = tmp_path / "ledger.xlsx"
    assert jsj("export", out, "--as-of", "2022-12-31").exit_code == 0
    records = load_workbook(out)["进展记录"]
    values = [row for row in records.iter_rows(min_row=3, values_only=True) if row[0] is not None]
    # openpyxl does not undo Excel's _xHHHH_ escape when reading; Excel and calamine do (checked below)
    assert values[0][7].replace("_x005F_x0041_", "_x0041_") == note and values[0][9] == "<张三>"
    fresh = tmp_path / "fresh.sqlite3"
    fresh.write_bytes(initialised_db.read_bytes())
    doc = json.loads(jsj("import", out, "--sheet", "进展记录", "--db", fresh, "--format", "json").stdout)
    assert doc["rows_new"] == 1
    assert json.loads(jsj("history", "--format", "json", "--db", fresh).stdout)[0]["note"] == note


def test_english_workbooks_import_back_too(jsj, db, tmp_path, initialised_db):
    record_some(jsj)
    out = tmp_path / "ledger-en.xlsx"
    assert jsj("export", out, "--as-of", "2022-12-31", "--lang", "en").exit_code == 0
    records = json.loads(jsj("import", out, "--sheet", "Records", "--format", "json").stdout)
    assert (records["rows_new"], records["rows_present"]) == (0, 3)
    ledger = json.loads(jsj("import", out, "--sheet", "Ledger", "--format", "json").stdout)
    assert (ledger["rows_new"], ledger["rows_present"], ledger["rows_rejected"]) == (0, 3, 0)
    fresh = tmp_path / "fresh.sqlite3"
    fresh.write_bytes(initialised_db.read_bytes())
    jsj("import", out, "--sheet", "Records", "--db", fresh)
    notes = [r["note"] for r in json.loads(jsj("history", "--format", "json", "--db", fresh).stdout)]
    assert "主体完工" in notes
    template = tmp_path / "template-en.xlsx"
    assert jsj("template", template, "--unit", "运城", "--lang", "en").exit_code == 0
    workbook = load_workbook(template)
    ws = workbook.worksheets[0]
    header_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == "No.")
    headers = {ws.cell(header_row, c).value: c for c in range(1, ws.max_column + 1)}
    ws.cell(header_row + 1, headers["Date"]).value = dt.date(2022, 6, 30)
    ws.cell(header_row + 1, headers["Progress (%)"]).value = 55
    ws.cell(header_row + 1, headers["Latest progress"]).value = "planning done"
    workbook.save(template)
    jsj("import", template)
    assert json.loads(jsj("history", "--format", "json").stdout)[-1]["note"] == "planning done"
