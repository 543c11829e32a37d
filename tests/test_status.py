"""jsj status through the real CLI: what it shows on the bundled plan, its filters and formats, --fail-on's exit
codes for cron, --as-of, and English labels."""

import json

import pytest

from conftest import status_json

CITIES = ("运城市人民政府", "临汾市人民政府")


def test_status_on_the_bundled_plan_shows_16_tasks_6_sections_15_units(jsj):
    doc = status_json(jsj, "--as-of", "2022-06-30")
    assert set(doc) >= {"as_of", "plan", "sections", "tasks", "units", "target"}
    assert doc["as_of"] == "2022-06-30"
    assert len(doc["tasks"]) == 16 and len(doc["sections"]) == 6 and len(doc["units"]) == 15
    units = {u["name"]: u for u in doc["units"]}
    assert all(units[city]["tasks"] == 16 for city in CITIES)
    task = doc["tasks"][0]
    assert set(task) >= {
        "no",
        "title",
        "section",
        "lead_unit",
        "units",
        "completion",
        "expected",
        "light",
        "latest_date",
    }
    assert task["no"] == 1 and task["lead_unit"] == "省发展改革委" and task["section"] == 1
    assert set(units["省商务厅"]) >= {"name", "tasks", "completion", "light", "rank", "last_report"}
    assert set(doc["plan"]) >= {"completion", "expected"}
    assert doc["plan"]["expected"] == pytest.approx(26.01)
    assert [s["no"] for s in doc["safeguards"]] == [17, 18, 19]


def test_status_table_lists_every_key_task_and_unit(jsj):
    result = jsj("status", "--as-of", "2022-06-30")
    assert result.exit_code == 0
    for text in ("加强承接产业转移平台建设", "提升制造业创新能力", "太原铁路局", "序时进度", "增长目标"):
        assert text in result.stdout


def test_status_filters_and_csv(jsj):
    doc = status_json(jsj, "--unit", "省卫健委", "--as-of", "2022-06-30")
    assert [t["no"] for t in doc["tasks"]] == [3]
    assert [u["name"] for u in doc["units"]] == ["省卫健委"]
    section = status_json(jsj, "--section", "4", "--as-of", "2022-06-30")
    assert [t["no"] for t in section["tasks"]] == [9, 10]
    rows = jsj("status", "--format", "csv", "--as-of", "2022-06-30").stdout.splitlines()
    assert rows[0].startswith("no,title,section,lead_unit,units,completion,expected,light") and len(rows) == 17
    units_csv = jsj("status", "--format", "csv", "--table", "units").stdout.splitlines()
    assert units_csv[0].startswith("name,tasks,completion") and len(units_csv) == 16
    bad = jsj("status", "--section", "9")
    assert bad.exit_code == 1 and "没有第 9 板块" in bad.stderr


def test_fail_on_exits_3_for_cron(jsj):
    early = "2021-12-20"  # almost nothing is due yet: every task is green
    assert jsj("status", "--as-of", early, "--fail-on", "yellow").exit_code == 0
    assert jsj("status", "--as-of", "2022-06-30", "--fail-on", "yellow").exit_code == 3
    assert jsj("status", "--as-of", "2022-06-30", "--fail-on", "red").exit_code == 0  # 26 behind: yellow only
    assert jsj("status", "--as-of", "2022-12-31", "--fail-on", "red").exit_code == 3
    assert jsj("status", "--fail-on", "purple").exit_code == 2


def test_as_of_malformed_is_one_line(jsj):
    result = jsj("status", "--as-of", "2022-13-01")
    assert result.exit_code == 1 and "--as-of “2022-13-01”不是有效日期" in result.stderr


def test_english_labels(jsj, monkeypatch):
    result = jsj("status", "--lang", "en", "--as-of", "2022-06-30")
    assert "Unit ranking" in result.stdout and "加强承接产业转移平台建设" in result.stdout
    monkeypatch.setenv("JSJ_LANG", "en")
    error = jsj("record", "99", "-u", "运城", "-p", "1")
    assert "there is no task 99" in error.stderr
    doc = json.loads(jsj("status", "--format", "json", "--as-of", "2022-06-30").stdout)
    assert doc["tasks"][0]["label"] == "behind"
