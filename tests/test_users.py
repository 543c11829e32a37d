"""`jsj user …`: the portal's accounts from the command line; passwords shown once, never stored or logged."""

import json

import pytest

from jinsanjiao_cli.ledger import opening


def listed(jsj) -> list[dict]:
    return json.loads(jsj("user", "list", "--format", "json").stdout)


def test_user_add_prints_a_one_time_password_once_and_stores_only_its_hash(jsj, db):
    added = jsj("user", "add", "jiaotong", "--unit", "交通厅")
    assert added.exit_code == 0
    lines = added.stdout.splitlines()
    assert lines[0] == "已添加账户 jiaotong（单位）省交通厅"
    password = lines[1].removeprefix("初始密码（只显示这一次）：")
    assert len(password) == 16 and password.isalnum()
    with opening.open_ledger(db) as ledger:
        stored = ledger.one("SELECT password_hash, role FROM account WHERE name = 'jiaotong'")
    assert stored["password_hash"].startswith("$argon2id$") and password not in stored["password_hash"]
    shown = jsj("user", "list").stdout + jsj("user", "list", "--format", "json").stdout + jsj("user", "log").stdout
    assert password not in shown and "argon2" not in shown
    assert listed(jsj) == [
        {
            "name": "jiaotong",
            "role": "unit",
            "unit": "省交通厅",
            "disabled": False,
            "locked_until": None,
            "created_at": listed(jsj)[0]["created_at"],
            "created_by": listed(jsj)[0]["created_by"],
        }
    ]


def test_password_stdin_is_read_and_never_echoed(jsj, ledger):
    from typer.testing import CliRunner

    from jinsanjiao_cli.cli.app import app

    result = CliRunner().invoke(
        app, ["user", "add", "boss", "--analyst", "--password-stdin"], input="s3cret-pass-word\n"
    )
    assert result.exit_code == 0 and "s3cret" not in result.output
    assert result.output.strip() == "已添加账户 boss（分析员）"
    reset = CliRunner().invoke(app, ["user", "reset", "boss", "--password-stdin"], input="another-pass-1\n")
    assert reset.exit_code == 0 and reset.output.strip() == "账户 boss 的密码已重置，其会话已全部结束"
    assert [e["outcome"] for e in json.loads(jsj("user", "log", "boss", "--format", "json").stdout)] == [
        "reset",
        "added",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x1"], "请指定一种角色：--unit 单位、--analyst 或 --viewer"),
        (["x1", "--analyst", "--viewer"], "请指定一种角色"),
        (["x1", "--unit", "不存在的单位"], "未知单位“不存在的单位”"),
        (["has space", "--analyst"], "账户名 “has space” 无效"),
        (["", "--analyst"], "账户名 “” 无效"),
        (["x" * 65, "--analyst"], "1-64 个字符"),
    ],
)
def test_user_add_refuses_with_one_line(jsj, db, args, message):
    result = jsj("user", "add", *args)
    assert result.exit_code == 1 and message in result.stderr and len(result.stderr.splitlines()) == 1
    assert listed(jsj) == []


def test_a_short_password_and_a_second_account_of_the_same_name_are_refused(jsj, db):
    from typer.testing import CliRunner

    from jinsanjiao_cli.cli.app import app

    short = CliRunner().invoke(app, ["user", "add", "a1", "--viewer", "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "密码应为 10-1024 个可打印字符" in short.stderr
    assert jsj("user", "add", "a1", "--viewer").exit_code == 0
    again = jsj("user", "add", "a1", "--analyst")
    assert again.exit_code == 1 and "账户 “a1” 已存在" in again.stderr


def test_disable_enable_and_unknown_accounts(jsj, db):
    assert jsj("user", "add", "a1", "--viewer").exit_code == 0
    assert jsj("user", "disable", "a1").stdout.strip() == "账户 a1 已停用，其会话已全部结束"
    assert listed(jsj)[0]["disabled"] is True
    assert jsj("user", "enable", "a1").exit_code == 0 and listed(jsj)[0]["disabled"] is False
    missing = jsj("user", "reset", "nobody")
    assert missing.exit_code == 1 and "没有名为 “nobody” 的账户" in missing.stderr
    outcomes = [e["outcome"] for e in json.loads(jsj("user", "log", "--format", "json").stdout)]
    assert outcomes == ["enable", "disable", "added"]
    table = jsj("user", "log", "--lang", "en").stdout
    assert "account enabled" in table and "account disabled" in table


def test_a_plan_reload_keeps_a_unit_that_has_an_account(jsj, db, tmp_path):
    from jinsanjiao_cli.ledger.paths import default_plan_path

    assert jsj("user", "add", "wuzi", "--unit", "省教育厅").exit_code == 0
    text = default_plan_path().read_text(encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace("省教育厅", "省教育厅X"), encoding="utf-8")
    result = jsj("init", "--plan", str(plan))
    assert result.exit_code == 1 and "省教育厅（1 个网上填报账户）" in result.stderr
