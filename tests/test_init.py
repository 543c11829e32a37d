"""jsj init and the ledger's file: loading the plan again (idempotent, updated in place, refused when it
would orphan stored data), a broken plan named by field, files that are not jsj ledgers left alone, and the
default ledger created on first use."""

import json
import os
import sqlite3
import subprocess
import sys

from conftest import REPO, milestone_count, status_json


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


def test_another_programs_sqlite_file_is_left_alone(jsj, tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    result = jsj("status", "--db", other)
    assert result.exit_code == 1 and "不是 jsj 数据库" in result.stderr
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


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
