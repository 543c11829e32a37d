"""The core commands end to end: init, record, history, status, indicator, target, through the real CLI."""

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CITIES = ("运城市人民政府", "临汾市人民政府")


def milestone_count(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM milestone").fetchone()[0]


def status_json(jsj, *args):
    result = jsj("status", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


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


def test_history_filters(jsj):
    for task, unit, day in ((1, "运城", "2022-01-10"), (1, "临汾", "2022-02-10"), (2, "运城", "2022-03-10")):
        assert jsj("record", task, "-u", unit, "-p", "10", "-d", day).exit_code == 0
    by_task = json.loads(jsj("history", "1", "--format", "json").stdout)
    assert [r["unit"] for r in by_task] == ["运城市人民政府", "临汾市人民政府"]
    by_unit = json.loads(jsj("history", "--unit", "运城", "--format", "json").stdout)
    assert [r["task"] for r in by_unit] == [1, 2]
    window = json.loads(jsj("history", "--since", "2022-02-01", "--until", "2022-02-28", "--format", "json").stdout)
    assert [r["date"] for r in window] == ["2022-02-10"]
    csv_out = jsj("history", "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("id,task,unit,date,progress") and len(csv_out) == 4


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


def test_growth_target_worked_examples(jsj):
    for year, rate in ((2021, "9.1"), (2022, "5.6"), (2023, "5.6")):
        assert jsj("indicator", "set", "运城", year, "--growth", rate).exit_code == 0
    doc = json.loads(jsj("target", "--format", "json", "--as-of-year", "2023").stdout)
    yuncheng = doc["scopes"][0]
    assert yuncheng["scope"] == "运城市" and yuncheng["realised_average"] == pytest.approx(6.75)
    assert yuncheng["status"] == "missed"
    early = json.loads(jsj("target", "--format", "json", "--as-of-year", "2021").stdout)["scopes"][0]
    assert early["required_average"] == pytest.approx(10.45) and early["remaining_years"] == 2
    zone = doc["scopes"][-1]
    assert zone["realised_average"] is None  # no 临汾 figures and no GDP weights: say so, do not guess
    assert {"scope": "临汾市", "year": 2021, "field": "growth"} in zone["missing"]
    status = json.loads(jsj("status", "--format", "json", "--as-of", "2024-06-30").stdout)
    assert status["target"]["scopes"][0]["realised_average"] == pytest.approx(6.75)


def test_zone_growth_is_weighted_by_previous_year_gdp(jsj):
    jsj("indicator", "set", "运城市", "2020", "--gdp", "2000")
    jsj("indicator", "set", "临汾市", "2020", "--gdp", "1000")
    jsj("indicator", "set", "运城市", "2021", "--growth", "9", "--gdp", "2200")
    jsj("indicator", "set", "临汾市", "2021", "--growth", "12", "--source", "统计公报")
    doc = json.loads(jsj("target", "--format", "json", "--as-of-year", "2021").stdout)
    zone = doc["scopes"][-1]["years"][0]
    assert zone["real_growth"] == pytest.approx(10.0)  # (2000×9 + 1000×12) / 3000
    assert doc["scopes"][0]["years"][0]["nominal_growth"] == pytest.approx(10.0)  # 2000 → 2200, shown apart
    listed = json.loads(jsj("indicator", "list", "--format", "json").stdout)
    assert [(r["scope"], r["year"]) for r in listed] == [
        ("运城市", 2020),
        ("运城市", 2021),
        ("临汾市", 2020),
        ("临汾市", 2021),
    ]
    assert listed[1]["gdp"] == 2200 and listed[3]["source"] == "统计公报"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["indicator", "set", "太原", "2021", "--growth", "9"], "未知统计范围“太原”"),
        (["indicator", "set", "运城", "20x1", "--growth", "9"], "YEAR “20x1”不是有效年份"),
        (["indicator", "set", "运城", "2021", "--gdp", "-5"], "--gdp “-5”应大于 0 且不超过 10,000,000"),
        (["indicator", "set", "运城", "2021", "--growth", "abc"], "--growth “abc”不是有效数字"),
        (["indicator", "set", "运城", "2021", "--growth", "1e300"], "--growth “1e300”不是有效数字"),
        (["indicator", "set", "运城", "2021", "--growth", "150"], "--growth “150”应大于 -100 且不超过 100"),
        (["indicator", "set", "运城", "2021"], "没有要记录的数据"),
        (["target", "--base-year", "2023"], "--base-year 2023 应早于目标年份 2023"),
        (["target", "--as-of-year", "2019"], "--as-of-year 2019 应晚于基期"),
    ],
)
def test_bad_statistics_are_refused(jsj, args, message):
    result = jsj(*args)
    assert result.exit_code == 1 and message in result.stderr


def test_init_is_idempotent_and_keeps_progress(jsj, db):
    jsj("record", "1", "-u", "运城", "-p", "10", "-d", "2022-01-10")
    result = jsj("init")
    assert result.exit_code == 0 and "计划未变化" in result.stdout
    assert milestone_count(db) == 1


def test_reloading_a_plan_that_orphans_progress_is_refused(jsj, db, tmp_path):
    jsj("record", "3", "-u", "省卫健委", "-p", "10", "-d", "2022-01-10")
    text = (REPO / "data" / "plan.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "plan.yaml"
    changed.write_text(text.replace("support: [省卫健委, ", "support: [", 1), encoding="utf-8")
    assert "省卫健委" not in changed.read_text(encoding="utf-8").split('"no": 3')[1].split('"no": 4')[0]
    result = jsj("init", "--plan", changed)
    assert result.exit_code == 1 and "任务 3 × 省卫健委（1 条进展）" in result.stderr
    assert milestone_count(db) == 1
    assert json.loads(jsj("status", "--task", "3", "--format", "json").stdout)["task"]["units"][1] == "省卫健委"


def test_reloading_an_edited_plan_updates_in_place(jsj, db, tmp_path):
    jsj("record", "1", "-u", "运城", "-p", "10", "-d", "2022-01-10")
    text = (REPO / "data" / "plan.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "plan.yaml"
    changed.write_text(text.replace("title: 加强承接产业转移平台建设", "title: 加强平台建设", 1), encoding="utf-8")
    assert jsj("init", "--plan", changed).exit_code == 0
    doc = status_json(jsj, "--as-of", "2022-06-30")
    assert doc["tasks"][0]["title"] == "加强平台建设" and milestone_count(db) == 1


def test_a_broken_plan_names_the_field(jsj, tmp_path):
    text = (REPO / "data" / "plan.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "plan.yaml"
    broken.write_text(text.replace("issued_on: 2021-12-19", "issued_on: 2021-13-19", 1), encoding="utf-8")
    result = jsj("init", "--plan", broken)
    assert result.exit_code == 1 and "plan.issued_on" in result.stderr and "2021-13-19" in result.stderr


def test_a_file_that_is_not_a_database_is_refused(jsj, tmp_path):
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    result = jsj("status", "--db", bogus)
    assert result.exit_code == 1 and "不是 jsj 数据库" in result.stderr


def test_the_default_ledger_is_created_from_the_bundled_plan_on_first_use(tmp_path):
    """With neither --db nor JSJ_DB, the first command creates the default ledger (its directories too) and
    says where, once, on stderr; stdout stays the command's."""
    data = tmp_path / "deep" / "data"
    env = {k: v for k, v in os.environ.items() if k != "JSJ_DB"} | {"XDG_DATA_HOME": str(data)}
    runs = [
        subprocess.run(
            [sys.executable, "-m", "jinsanjiao_cli", "status", "--format", "json"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            check=False,
        )
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr
    assert len(json.loads(runs[0].stdout)["tasks"]) == 16
    ledger = data / "jsj" / "jsj.sqlite3"
    assert runs[0].stderr == f"已新建台账：{ledger}（首次使用；用 --db 或 JSJ_DB 可指定其他台账）\n"
    assert runs[1].stderr == ""


def test_reloading_refuses_to_drop_a_project_or_scope_with_data(jsj, db, tmp_path):
    jsj("record", "9", "-u", "省交通厅", "-p", "45", "-d", "2022-06-30", "--project", "芮城通用机场")
    jsj("indicator", "set", "临汾", "2021", "--growth", "8.9")
    text = (REPO / "data" / "plan.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "plan.yaml"
    edited = text.replace("name: 芮城通用机场", "name: 芮城机场", 1).replace("name: 临汾市,", "name: 临汾,", 1)
    assert edited.count("芮城机场") == 1 and "name: 临汾," in edited
    changed.write_text(edited, encoding="utf-8")
    result = jsj("init", "--plan", changed)
    assert result.exit_code == 1
    assert (
        "任务 9 的项目 芮城通用机场（1 条进展）" in result.stderr and "统计范围 临汾市（1 条统计数据）" in result.stderr
    )


def test_negative_zero_and_decimals_are_normalised(jsj):
    assert jsj("record", "5", "-u", "运城", "-p", "-0", "-d", "2022-01-01").exit_code == 0
    assert jsj("record", "5", "-u", "运城", "-p", "33.3333", "-d", "2022-01-02").exit_code == 0
    rows = json.loads(jsj("history", "--format", "json").stdout)
    assert [r["progress"] for r in rows] == [0.0, 33.33]
    assert str(rows[0]["progress"]) == "0.0"


def test_a_bad_language_is_a_usage_error(jsj):
    assert jsj("status", "--lang", "fr").exit_code == 2


def test_another_programs_sqlite_file_is_left_alone(jsj, tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    result = jsj("status", "--db", other)
    assert result.exit_code == 1 and "不是 jsj 数据库" in result.stderr
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_same_date_reports_from_two_units_the_later_recorded_is_the_tasks_latest(jsj):
    jsj("record", "5", "-u", "临汾", "-p", "10", "-d", "2022-03-01", "-n", "先报")
    jsj("record", "5", "-u", "运城", "-p", "10", "-d", "2022-03-01", "-n", "后报")
    task = next(t for t in status_json(jsj, "--as-of", "2022-06-30")["tasks"] if t["no"] == 5)
    assert task["latest_note"] == "后报"


def test_a_note_longer_than_a_spreadsheet_cell_is_refused(jsj, db):
    result = jsj("record", "5", "-u", "运城", "-p", "5", "--note", "进" * 32_768)
    assert result.exit_code == 1 and "32767" in result.stderr.replace(",", "") and milestone_count(db) == 0


@pytest.mark.parametrize(
    ("args", "fragment", "english", "hint"),
    [
        (["record", "1"], "缺少选项 --unit", "Missing option '--unit'", "jsj record --help"),
        (["--bogus"], "没有选项 --bogus", "No such option: --bogus", "jsj --help"),
        (["nocommand"], "没有命令“nocommand”", "No such command 'nocommand'", "jsj --help"),
        (["statu"], "没有命令“statu”；是否要用 status？", "Did you mean 'status'?", "jsj --help"),
        (
            ["status", "--format", "xml"],
            "--format 的值无效：“xml”不是可选的值，可选：table、json、csv",
            "'xml' is not one of",
            "jsj status --help",
        ),
        (["status", "--task", "abc"], "--task 的值无效：“abc”不是数字", "'abc' is not a valid", "jsj status --help"),
        (["bulletin", "--issue-no", "0"], "--issue-no 的值无效：0 超出范围（x>=1）", "not in the range", "bulletin"),
        (["record", "9", "-u", "运城", "-p", "1", "x"], "多余的参数：x", "unexpected extra", "jsj record --help"),
        (["indicator", "set", "运城"], "缺少参数", "Missing argument", "jsj indicator set --help"),
    ],
)
def test_usage_errors_are_one_line_in_the_users_language_with_a_hint_and_exit_2(
    jsj, monkeypatch, args, fragment, english, hint
):
    result = jsj(*args)
    assert result.exit_code == 2 and result.stderr.startswith("jsj: ") and result.stderr.count("\n") == 1
    assert fragment in result.stderr and hint in result.stderr and "Usage:" not in result.stderr
    assert not re.search("[A-Z][a-z]+ ", result.stderr.removeprefix("jsj: ")), result.stderr  # no English words
    assert f"（用法见“{hint}" in result.stderr or hint in result.stderr
    monkeypatch.setenv("JSJ_LANG", "en")
    assert english in jsj(*args).stderr


def test_a_bare_group_shows_its_help(jsj):
    for args in ([], ["db"], ["indicator"], ["plan"]):
        result = jsj(*args)
        assert result.exit_code == 0 and "Usage:" in result.stdout, args


def test_growth_takes_a_percent_sign_as_the_readme_says(jsj):
    assert jsj("indicator", "set", "运城", "2021", "--growth", "9.1%").exit_code == 0
    assert json.loads(jsj("indicator", "list", "--format", "json").stdout)[0]["growth"] == 9.1
