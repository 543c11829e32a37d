"""A second, structurally different plan through every command: nothing of the bundled plan may leak out.

tests/plans/county-commerce-2024.yaml has four parts, a part of items without sections, other units, a
quarterly schedule, a `level` and a `share` target and no zone. Every output, on screen, in JSON and in the
written workbooks, is searched for strings that belong to the bundled Shanxi plan only.
"""

import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from conftest import REPO

SECOND = REPO / "tests" / "plans" / "county-commerce-2024.yaml"
SHANXI_ONLY = ("晋陕豫", "运城", "临汾", "山西", "10%", "六大板块")


@pytest.fixture
def second(tmp_path, monkeypatch, jsj):
    """A fresh database holding the second plan, loaded through JSJ_PLAN by `jsj init` (no --plan)."""
    db = tmp_path / "second.sqlite3"
    monkeypatch.setenv("JSJ_DB", str(db))
    monkeypatch.setenv("JSJ_PLAN", str(SECOND))
    assert jsj("init").exit_code == 0
    return db


def clean(result) -> str:
    text = result.stdout + (result.stderr or "")
    leaked = [word for word in SHANXI_ONLY if word in text]
    assert not leaked, (leaked, text)
    return text


def workbook_text(path) -> str:
    cells = []
    for ws in load_workbook(path).worksheets:
        cells.append(ws.title)
        for row in ws.iter_rows(values_only=True):
            cells.extend(str(value) for value in row if value is not None)
    return "\n".join(cells)


def ok(jsj, *args) -> str:
    result = jsj(*args)
    assert result.exit_code == 0, (args, result.output)
    return clean(result)


def test_init_on_a_new_database_loads_jsj_plan(second, jsj):
    text = ok(jsj, "status", "--as-of", "2024-07-31")
    assert "示例省县域商业体系建设工作方案" in text
    assert "各板块" in text  # its sections and its part without sections (三、重点工程) as rows
    doc = json.loads(ok(jsj, "status", "--as-of", "2024-07-31", "--format", "json"))
    assert len(doc["tasks"]) == 11 and [s["no"] for s in doc["safeguards"]] == [12, 13, 14]
    assert [t["key"] for t in doc["targets"]] == ["leading_enterprises", "township_centre_coverage"]


def test_init_with_plan_reports_the_plan_it_loaded(tmp_path, jsj):
    db = tmp_path / "init.sqlite3"
    text = ok(jsj, "init", "--plan", SECOND, "--db", db)
    assert "14 项任务" in text and "10 个单位" in text
    assert "示例省" in ok(jsj, "status", "--db", db, "--as-of", "2024-07-31")


def test_a_unit_named_in_both_plans_works_in_the_second(second, jsj):
    ok(jsj, "record", "1", "-u", "省商务厅", "-p", "30", "-d", "2024-06-15", "-n", "已启动改造")
    ok(jsj, "record", "4", "-u", "北原", "-p", "20", "-d", "2024-06-18")
    history = json.loads(ok(jsj, "history", "--format", "json"))
    assert [(h["task"], h["unit"]) for h in history] == [(1, "省商务厅"), (4, "北原市人民政府")]
    # a unit of the bundled plan only is unknown here
    result = jsj("record", "1", "-u", "运城", "-p", "10", "-d", "2024-06-15")
    assert result.exit_code != 0


def test_level_and_share_targets(second, jsj):
    ok(jsj, "indicator", "set", "北原", "2024", "--value", "40")
    ok(jsj, "indicator", "set", "南湖市", "2024", "--value", "60", "--target", "leading_enterprises")
    ok(jsj, "indicator", "set", "*", "2024", "--value", "55", "--target", "township_centre_coverage")
    doc = json.loads(ok(jsj, "target", "--format", "json"))
    level, share = doc["targets"]
    assert doc["key"] == "leading_enterprises" and level["measure"] == "level" and share["measure"] == "share"
    north = level["scopes"][0]
    # 40 of 120 家 reached in 2024: 33.33 %; two years left, growth needed = (120/40)^(1/2) − 1 = 73.21 %
    assert (north["scope"], north["value"], north["reached"], north["required_growth"]) == ("北原市", 40, 33.33, 73.21)
    assert north["gap"] == -80 and north["status"] == "in_progress"
    whole = share["scopes"][0]
    # 55 % of 90 %: 35 points short, 17.5 points a year over 2025-2026
    assert (whole["value"], whole["gap"], whole["required_per_year"]) == (55, -35, 17.5)
    text = ok(jsj, "target")
    assert "县域龙头流通企业" in text and "乡镇商贸中心覆盖率" in text
    listed = json.loads(ok(jsj, "indicator", "list", "--format", "json"))
    assert {(r["target"], r["scope"], r["value"]) for r in listed} == {
        ("leading_enterprises", "北原市", 40),
        ("leading_enterprises", "南湖市", 60),
        ("township_centre_coverage", "*", 55),
    }
    # GDP and growth belong to real-growth targets; this plan has none
    refused = jsj("indicator", "set", "北原", "2024", "--growth", "9")
    assert refused.exit_code != 0 and "--growth" in refused.output


def test_reports_remind_problems_assess_on_a_quarterly_cycle(second, jsj):
    ok(jsj, "record", "1", "-u", "省商务厅", "-p", "30", "-d", "2024-06-15")
    reports = json.loads(ok(jsj, "reports", "--as-of", "2024-07-31", "--format", "json"))
    assert reports["period"]["label"] == "2024Q2"
    ok(jsj, "reports", "--as-of", "2024-07-31")
    ok(jsj, "remind", "--as-of", "2024-07-31")
    ok(jsj, "problem", "add", "6", "--unit", "南湖", "--text", "冷链用地未落实", "--major")
    ok(jsj, "problem", "list")
    ok(jsj, "assess", "--as-of", "2024-07-31")
    ok(jsj, "status", "--as-of", "2024-07-31", "--unit", "省商务厅")


def test_export_template_and_import_round_trip(second, jsj, tmp_path):
    ok(jsj, "record", "1", "-u", "省商务厅", "-p", "30", "-d", "2024-06-15")
    ok(jsj, "indicator", "set", "北原", "2024", "--value", "40")
    ledger = tmp_path / "ledger.xlsx"
    ok(jsj, "export", ledger, "--as-of", "2024-12-31")
    text = workbook_text(ledger)
    assert not [word for word in SHANXI_ONLY if word in text]
    assert "县域龙头流通企业" in text and "各板块" in text and "重点工程（第三部分）" in text

    template = tmp_path / "template.xlsx"
    ok(jsj, "template", template, "--unit", "北原", "--period", "2024-09")
    assert not [word for word in SHANXI_ONLY if word in workbook_text(template)]
    workbook = load_workbook(template)
    ws = workbook.worksheets[0]
    header_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    headers = {ws.cell(header_row, c).value: c for c in range(1, ws.max_column + 1)}
    ws.cell(header_row + 1, headers["填报日期"]).value = dt.date(2024, 9, 10)
    ws.cell(header_row + 1, headers["完成进度（%）"]).value = 35
    workbook.save(template)
    doc = json.loads(ok(jsj, "import", template, "--format", "json"))
    assert doc["rows_new"] == 1 and doc["rows_rejected"] == 0
    assert json.loads(ok(jsj, "history", "--format", "json"))[-1]["unit"] == "北原市人民政府"


def test_plan_check_and_help_say_nothing_of_the_bundled_plan(second, jsj):
    ok(jsj, "plan", "check", SECOND)
    for command in ((), ("status",), ("record",), ("indicator", "set"), ("target",), ("template",)):
        ok(jsj, *command, "--help")


def test_bulletin_of_the_second_plan(second, jsj, tmp_path):
    import docx

    ok(jsj, "record", "1", "-u", "省商务厅", "-p", "30", "-d", "2024-06-15", "-n", "已启动改造")
    ok(jsj, "indicator", "set", "北原", "2024", "--value", "40")
    markdown = ok(jsj, "bulletin", "-", "--format", "md", "--as-of", "2025-01-31")
    assert markdown.startswith("# 示例省县域商业体系建设工作进展通报")
    assert "县域龙头流通企业到2026年达到120家的目标：北原市2024年为40家" in markdown
    assert "2024年第四季度" in markdown  # the quarterly period due by then
    out = tmp_path / "bulletin.docx"
    ok(jsj, "bulletin", out, "--as-of", "2025-01-31")
    word = docx.Document(str(out))
    text = "\n".join([p.text for p in word.paragraphs] + [c.text for t in word.tables for r in t.rows for c in r.cells])
    assert not [w for w in SHANXI_ONLY if w in text]
    assert "三大板块" not in text and "各板块进展" in text
