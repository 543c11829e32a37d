"""`jsj template`: the fill-in workbook, written through the real CLI and read back with openpyxl."""

import datetime as dt
import json
import sqlite3

from openpyxl import load_workbook

from jinsanjiao_cli.io.sheets import rows

HEADER = ["序号", "重点任务", "责任单位", "填报日期", "完成进度（%）", "状态", "最新进展", "重点项目", "填报人"]
HEADER += ["存在问题", "报送期"]


def data_rows(ws) -> list[tuple]:
    return [row for row in ws.iter_rows(min_row=3, values_only=True) if any(v is not None for v in row)]


def test_all_units_one_row_per_assignment(jsj, db, tmp_path):
    out = tmp_path / "all.xlsx"
    result = jsj("template", out, "--db", db)
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["填报表", "填报说明", "下拉选项"]
    ws = wb["填报表"]
    assert [c.value for c in ws[2]] == HEADER
    with sqlite3.connect(db) as conn:
        expected = conn.execute(
            "SELECT a.task_no, u.name FROM assignment a JOIN unit u ON u.id = a.unit_id ORDER BY a.task_no, a.ord"
        ).fetchall()
    filled = data_rows(ws)
    assert [(r[0], r[2]) for r in filled] == [tuple(e) for e in expected]
    assert all(r[1] and r[3:] == (None,) * 8 for r in filled)  # title filled, the rest left to the unit
    assert ws.freeze_panes == "A3" and ws["A1"].font.b and "进展填报表" in ws["A1"].value
    assert ws.auto_filter.ref == f"A2:K{2 + len(expected)}"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$2"


def test_one_unit_and_its_validations(jsj, db, tmp_path):
    out = tmp_path / "yc.xlsx"
    assert jsj("template", "--unit", "运城", out, "--db", db).exit_code == 0
    wb = load_workbook(out)
    ws = wb["填报表"]
    filled = data_rows(ws)
    assert [r[0] for r in filled] == list(range(1, 18))  # the 16 key tasks and safeguard 17
    assert {r[2] for r in filled} == {"运城市人民政府"}
    assert "运城市人民政府" in ws["A1"].value

    rules = {str(dv.sqref).split(":")[0][0]: dv for dv in ws.data_validations.dataValidation}
    assert set(rules) == {"C", "D", "E", "H"}
    assert rules["C"].type == "list" and rules["C"].formula1.startswith("'下拉选项'!$A$2")
    assert rules["H"].type == "list" and rules["H"].formula1.startswith("'下拉选项'!$B$2")
    assert (rules["E"].type, rules["E"].operator, rules["E"].formula1, rules["E"].formula2) == (
        "decimal",  # 12.5 as record and import take it
        "between",
        "0",
        "100",
    )
    assert ws.cell(3, 5).number_format == "General" and ws.cell(3, 11).number_format == "@"  # 报送期 stays text
    assert rules["D"].type == "date"
    assert all(dv.showErrorMessage and dv.error for dv in rules.values())
    last_filled = 2 + len(filled)
    assert all(int(str(dv.sqref).split(":")[1][1:]) > last_filled for dv in rules.values())  # room for more rows

    lists = wb["下拉选项"]
    assert lists.sheet_state == "hidden"
    units = [v for (v,) in lists.iter_rows(min_row=2, max_col=1, values_only=True) if v]
    assert len(units) == 15 and "运城市人民政府" in units
    projects = [v for (v,) in lists.iter_rows(min_row=2, min_col=2, max_col=2, values_only=True) if v]
    assert "芮城通用机场" in projects and len(projects) == len(set(projects))

    instructions = [r for r in wb["填报说明"].iter_rows(values_only=True)]
    explained = {r[0] for r in instructions}
    assert set(HEADER) <= explained
    text = "\n".join(str(v) for r in instructions for v in r if v)
    assert "2022-06-30" in text and "0-100" in text and "忽略" in text


def test_the_importer_finds_the_header_and_skips_unfilled_rows(jsj, db, tmp_path):
    out = tmp_path / "t.xlsx"
    assert jsj("template", "--unit", "运城", out, "--db", db).exit_code == 0
    parsed = rows.parse_file(out)
    assert (parsed.sheet, parsed.header_row, parsed.kind) == ("填报表", 2, "report")
    assert {"task_no", "unit", "date", "progress", "status", "note", "project", "by"} <= set(parsed.columns)
    assert parsed.rows == [] and parsed.skipped_blank == 17


def test_english_and_default_name(jsj, db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert jsj("template", "--unit", "临汾", "--lang", "en", "--db", db).exit_code == 0
    wb = load_workbook(tmp_path / "jsj-template-临汾市人民政府.xlsx")
    assert wb.sheetnames == ["Report", "Instructions", "Lists"]
    assert [c.value for c in wb["Report"][2]] == [
        "No.",
        "Key task",
        "Unit",
        "Date",
        "Progress (%)",
        "Status",
        "Latest progress",
        "Project",
        "By",
        "Problems",
        "Reporting period",
    ]
    written = [p.name for p in tmp_path.iterdir() if not p.name.startswith("jsj.sqlite3")]
    assert written == ["jsj-template-临汾市人民政府.xlsx"]  # and no temporary file left beside it


def test_missing_directory(jsj, db, tmp_path):
    result = jsj("template", tmp_path / "nowhere" / "t.xlsx", "--db", db)
    assert result.exit_code == 1
    assert "nowhere" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_row_with_only_a_problem_raises_it(jsj, db, tmp_path):
    """Issue 24: a template row whose only filled cell is 存在问题 is not blank: its problem is raised, dated
    the day of the import (as `jsj problem add` without --date), and no report is stored for it."""
    form = tmp_path / "form.xlsx"
    assert jsj("template", form, "--unit", "省交通厅", "--db", db).exit_code == 0
    wb = load_workbook(form)
    ws = wb["填报表"]
    ws.cell(3, 10).value = "资金缺口较大"  # 存在问题 (J) of the one filled row
    wb.save(form)
    assert rows.parse_file(form).skipped_blank == 0
    dry = jsj("import", form, "--dry-run", "--format", "json", "--db", db)
    assert dry.exit_code == 0 and json.loads(dry.stdout)["problems_raised"] == 1
    result = jsj("import", form, "--db", db)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM milestone").fetchone() == (0,)
        raised = conn.execute("SELECT task_no, text, raised FROM problem").fetchall()
    assert raised == [(9, "资金缺口较大", dt.date.today().isoformat())]
    again = jsj("import", form, "--db", db)  # the same problem, still open, is not raised twice
    assert again.exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM problem").fetchone() == (1,)
    assert jsj("undo", "1", "--yes", "--db", db).exit_code == 0  # the batch holds the problem it raised
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM problem").fetchone() == (0,)


def test_a_problem_only_row_for_a_unit_not_on_the_task_is_refused(jsj, db, tmp_path):
    csv = tmp_path / "p.csv"
    csv.write_text("序号,责任单位,填报日期,完成进度（%）,最新进展,存在问题\n1,省交通厅,,,,缺资金\n", encoding="utf-8")
    result = jsj("import", csv, "--db", db)
    assert result.exit_code == 1
    assert "p.csv" in result.stderr and "省交通厅" in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM problem").fetchone() == (0,)
