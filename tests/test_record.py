"""jsj record through the real CLI: what a report stores, how units are found, how values are normalised, and
every refusal as one line with exit 1 and nothing written; status then uses the latest report as of a date."""

import json

import pytest

from conftest import milestone_count, status_json


def test_record_then_status_uses_the_latest_report_as_of_the_date(jsj, db):
    assert jsj("record", "1", "--unit", "省发改委", "--progress", "40", "--date", "2022-03-01").exit_code == 0
    assert jsj("record", "1", "--unit", "省发改委", "--progress", "70", "--date", "2022-09-01").exit_code == 0
    # same date: the later-recorded report wins
    assert jsj("record", "1", "-u", "运城", "-p", "10", "-d", "2022-05-01").exit_code == 0
    assert jsj("record", "1", "-u", "运城市政府", "-p", "20", "-d", "2022-05-01", "-n", "更正").exit_code == 0
    doc = status_json(jsj, "--as-of", "2022-06-30")
    task = doc["tasks"][0]
    # task 1 has 5 units, weight 1 each: (40 + 0 + 0 + 20 + 0) / 5 = 12
    assert task["completion"] == pytest.approx(12)
    assert task["latest_date"] == "2022-05-01"
    later = status_json(jsj, "--as-of", "2022-12-31")["tasks"][0]
    assert later["completion"] == pytest.approx((70 + 20) / 5)
    assert milestone_count(db) == 4
    unit = next(u for u in doc["units"] if u["name"] == "省发展改革委")
    # the DRC is on tasks 1,2,3,8,9,10,14: 40 / 7 = 5.714…
    assert unit["completion"] == pytest.approx(40 / 7, abs=0.01) and unit["last_report"] == "2022-03-01"


def test_same_date_reports_from_two_units_the_later_recorded_is_the_tasks_latest(jsj):
    jsj("record", "5", "-u", "临汾", "-p", "10", "-d", "2022-03-01", "-n", "先报")
    jsj("record", "5", "-u", "运城", "-p", "10", "-d", "2022-03-01", "-n", "后报")
    task = next(t for t in status_json(jsj, "--as-of", "2022-06-30")["tasks"] if t["no"] == 5)
    assert task["latest_note"] == "后报"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["99", "-u", "运城", "-p", "5"], "没有第 99 项任务"),
        (
            ["5", "-u", "省卫健委", "-p", "5"],
            "省卫健委 不是任务 5 的责任单位；责任单位为：省商务厅、运城市人民政府、临汾市人民政府",
        ),
        (["5", "-u", "人民政府", "-p", "5"], "有歧义，可能是：运城市人民政府、临汾市人民政府"),
        (["5", "-u", "不存在的单位", "-p", "5"], "未知单位“不存在的单位”"),
        (["5", "-u", "运城", "-p", "101"], "--progress “101”超出 0-100"),
        (["5", "-u", "运城", "-p", "-1"], "超出 0-100"),
        (["5", "-u", "运城", "-p", "六十"], "不是数字"),
        (["5", "-u", "运城", "-p", "nan"], "不是数字"),
        (["5", "-u", "运城", "-p", "1_0"], "不是数字"),
        (["5", "-u", "运城", "-p", "1e2"], "不是数字"),
        (["5", "-u", "运城", "-p", "5", "-d", "0001-01-01"], "不是有效日期"),
        (["5", "-u", "运城", "-p", "5", "-d", ""], "不是有效日期"),
        (["99999999999999999999", "-u", "运城", "-p", "5"], "没有第 99999999999999999999 项任务"),
        (["5", "-u", "运城", "-p", "5", "-d", "2022-02-30"], "--date “2022-02-30”不是有效日期"),
        (["5", "-u", "运城", "-p", "5", "-d", "yesterday"], "不是有效日期"),
        (["9", "-u", "运城", "-p", "5", "--project", "太原机场"], "任务 9 下没有项目“太原机场”"),
        (["18", "-u", "运城", "-p", "5"], "任务 18 没有指定责任单位"),
    ],
)
def test_bad_record_input_is_one_line_exit_1_and_writes_nothing(jsj, db, args, message):
    result = jsj("record", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("jsj: ")
    assert "Traceback" not in result.output
    assert milestone_count(db) == 0


def test_units_are_found_by_full_name_written_name_and_alias(jsj):
    for typed in ("山西省发展和改革委员会", "省发展改革委", "省发改委", "发改委", "省 发改委"):
        assert jsj("record", "1", "-u", typed, "-p", "5", "-d", "2022-01-05").exit_code == 0, typed


def test_record_keeps_project_author_and_text(jsj):
    args = ["record", "9", "-u", "省交通厅", "-p", "45", "-d", "2022年6月30日", "--project", "芮城通用机场"]
    assert jsj(*args, "--status", "推进中", "--note", "完成主体工程", "--by", "张三").exit_code == 0
    rows = json.loads(jsj("history", "--format", "json").stdout)
    assert rows[0]["project"] == "芮城通用机场" and rows[0]["recorded_by"] == "张三"
    assert rows[0]["date"] == "2022-06-30" and rows[0]["status"] == "推进中" and rows[0]["note"] == "完成主体工程"
    detail = json.loads(jsj("status", "--task", "9", "--format", "json", "--as-of", "2022-07-01").stdout)["task"]
    airport = next(p for p in detail["projects"] if p["name"] == "芮城通用机场")
    assert airport["latest_unit"] == "省交通厅" and airport["latest_date"] == "2022-06-30"
    assert "临猗黄河大桥及引线" in detail["text"]


def test_negative_zero_and_decimals_are_normalised(jsj):
    assert jsj("record", "5", "-u", "运城", "-p", "-0", "-d", "2022-01-01").exit_code == 0
    assert jsj("record", "5", "-u", "运城", "-p", "33.3333", "-d", "2022-01-02").exit_code == 0
    rows = json.loads(jsj("history", "--format", "json").stdout)
    assert [r["progress"] for r in rows] == [0.0, 33.33]
    assert str(rows[0]["progress"]) == "0.0"


def test_a_note_longer_than_a_spreadsheet_cell_is_refused(jsj, db):
    result = jsj("record", "5", "-u", "运城", "-p", "5", "--note", "进" * 32_768)
    assert result.exit_code == 1 and "32767" in result.stderr.replace(",", "") and milestone_count(db) == 0
