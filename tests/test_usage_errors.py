"""Usage errors (exit 2): one line in the user's language with a hint where to look; a bare command group
shows its help."""

import re

import pytest


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


def test_a_bad_language_is_a_usage_error(jsj):
    assert jsj("status", "--lang", "fr").exit_code == 2


def test_a_bare_group_shows_its_help(jsj):
    for args in ([], ["db"], ["indicator"], ["plan"]):
        result = jsj(*args)
        assert result.exit_code == 0 and "Usage:" in result.stdout, args
