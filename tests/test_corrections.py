"""Corrections with an audit trail, warnings, undo that asks, and the problem list with closure."""

import json
import os
import pty
import select
import subprocess
import sys

import openpyxl
import pytest


def task_completion(jsj, no: int, as_of: str = "2022-06-30") -> float:
    doc = json.loads(jsj("status", "--as-of", as_of, "--format", "json").stdout)
    return next(t for t in doc["tasks"] if t["no"] == no)["completion"]


def history(jsj, *args) -> list[dict]:
    result = jsj("history", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ---------------------------------------------------------------- amend and void


def test_amend_twice_then_void_keeps_the_chain_and_the_numbers_follow(jsj):
    # Task 5 has three responsible units with equal weights: its completion is a third of the sum.
    assert jsj("record", "5", "-u", "省商务厅", "-p", "30", "-d", "2022-06-01", "-n", "初报").exit_code == 0
    assert task_completion(jsj, 5) == 10.0
    assert jsj("amend", "1", "--progress", "60", "--reason", "录入错误").exit_code == 0
    assert task_completion(jsj, 5) == 20.0
    assert jsj("amend", "2", "--progress", "90", "--note", "再次更正").exit_code == 0
    assert task_completion(jsj, 5) == 30.0
    assert jsj("void", "3", "--reason", "重复填报").exit_code == 0
    assert task_completion(jsj, 5) == 0.0
    assert history(jsj) == []  # nothing effective left
    chain = history(jsj, "--all")
    assert [(r["id"], r["state"], r["supersedes"], r["progress"]) for r in chain] == [
        (1, "superseded", None, 30.0),
        (2, "superseded", 1, 60.0),
        (3, "voided", 2, 90.0),
    ]
    assert chain[1]["reason"] == "录入错误" and chain[1]["changed_by"] and chain[1]["changed_at"]
    assert chain[2]["void_reason"] == "重复填报" and chain[2]["note"] == "再次更正" and chain[2]["voided_by"]
    assert chain[2]["reason"] is None, "amended without a reason: the void's reason is its own"
    assert chain[1]["recorded_at"] == chain[0]["recorded_at"]  # an amendment takes the original's place
    assert [r["id"] for r in history(jsj, "--id", "2", "--all")] == [1, 2, 3]
    table = jsj("history", "--all").stdout
    assert "更正 #1" in table and "已作废" in table and "重复填报" in table


def test_amend_and_void_refuse_what_they_cannot_do(jsj):
    jsj("record", "5", "-u", "省商务厅", "-p", "30", "-d", "2022-06-01")
    jsj("amend", "1", "--progress", "40")
    for args, message in (
        (["amend", "1", "--progress", "50"], "已被 #2 更正"),
        (["amend", "2"], "没有要更正的内容"),
        (["amend", "2", "--progress", "40"], "与原记录相同"),
        (["amend", "2", "--progress", "140"], "超出 0-100"),
        (["amend", "2", "--project", "太原机场"], "下没有项目"),
        (["amend", "99", "--progress", "5"], "没有编号为 99 的进展记录"),
        (["void", "2", "--reason", " "], "作废须说明原因"),
    ):
        result = jsj(*args)
        assert result.exit_code == 1 and message in result.stderr and result.stderr.count("\n") == 1, (
            args,
            result.stderr,
        )
    assert jsj("void", "2").exit_code == 2  # --reason is required
    assert [r["progress"] for r in history(jsj)] == [40.0]


def test_voided_reports_stop_counting_in_reports_and_export(jsj, tmp_path):
    jsj("record", "9", "-u", "省交通厅", "-p", "40", "-d", "2022-06-20")
    jsj("void", "1", "--reason", "测试")
    doc = json.loads(jsj("reports", "--as-of", "2022-06-30", "-u", "省交通厅", "--format", "json").stdout)
    assert doc["units"][0]["reported"] == 0 and doc["units"][0]["overdue"] == 1
    out = tmp_path / "ledger.xlsx"
    assert jsj("export", out, "--as-of", "2022-12-31").exit_code == 0
    book = openpyxl.load_workbook(out)
    assert len(list(book["进展记录"].iter_rows(min_row=3, values_only=True))) == 0
    changes = list(book["更正记录"].iter_rows(min_row=3, values_only=True))
    assert len(changes) == 1 and changes[0][1] == "作废" and changes[0][2] == 1 and changes[0][8] == 40


def test_reimporting_a_voided_report_does_not_bring_it_back(jsj, tmp_path):
    source = tmp_path / "r.csv"
    source.write_text(
        "序号,责任单位,填报日期,完成进度\n9,省交通厅,2022-06-20,40\n1,运城,2022-06-20,10\n", encoding="utf-8"
    )
    assert jsj("import", source).exit_code == 0
    assert jsj("void", "1", "--reason", "误报").exit_code == 0
    again = json.loads(jsj("import", source, "--format", "json").stdout)
    assert (again["rows_new"], again["rows_present"], again["voided"], again["batch"]) == (0, 1, 1, None)
    summary = jsj("import", source).stdout
    assert "与已更正或作废的记录相同 1 行" in summary
    assert len(history(jsj)) == 1


# ---------------------------------------------------------------- warnings


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["-p", "20", "-d", "2022-07-01"], "进度低于本单位此前的报告（50%，2022-06-01）"),
        (["-p", "60", "-d", "2099-01-01"], "填报日期晚于今天"),
        (["-p", "60", "-d", "2021-06-01"], "填报日期早于计划开始日期（2021-12-19）"),
        (["-p", "100", "-d", "2022-07-01", "--status", "推进中"], "进度为 100，但状态不是“已完成”"),
        (["-p", "80", "-d", "2022-07-01", "--status", "已完成"], "状态为“已完成”，但进度不是 100"),
    ],
)
def test_record_warns_and_stores_or_refuses_with_strict(jsj, args, reason):
    assert jsj("record", "9", "-u", "省交通厅", "-p", "50", "-d", "2022-06-01").exit_code == 0
    result = jsj("record", "9", "-u", "省交通厅", *args)
    assert result.exit_code == 0 and reason in result.stderr and result.stderr.count("\n") == 1
    assert len(history(jsj)) == 2
    strict = jsj("record", "9", "-u", "省交通厅", *args, "--strict")
    assert strict.exit_code == 1 and reason in strict.stderr and "--strict" in strict.stderr
    assert len(history(jsj)) == 2


def test_import_warns_per_row_and_strict_refuses(jsj, tmp_path):
    jsj("record", "9", "-u", "省交通厅", "-p", "50", "-d", "2022-06-01")
    source = tmp_path / "w.csv"
    source.write_text(
        "序号,责任单位,填报日期,完成进度,状态\n"
        "9,省交通厅,2022-07-01,20,\n"  # below the ledger's 50
        "1,运城,2022-05-01,40,\n"
        "1,运城,2022-06-01,30,\n"  # below the same file's earlier row
        "2,运城,2099-01-01,10,\n"
        "3,运城,2022-06-01,100,推进中\n",
        encoding="utf-8",
    )
    doc = json.loads(jsj("import", source, "--format", "json", "--dry-run").stdout)
    # row 5's date is after today and after the plan's end: two warnings on one cell
    assert [(w["row"], w["column"]) for w in doc["warnings"]] == [(2, "D"), (4, "D"), (5, "C"), (5, "C"), (6, "E")]
    assert doc["warnings"][3]["reason"] == "填报日期不在计划期内（2021-12-19 至 2023-12-31）"
    assert set(doc["warnings"][0]) == {"row", "column", "header", "value", "reason"}
    assert "进度低于本单位此前的报告（50%" in doc["warnings"][0]["reason"]
    strict = jsj("import", source, "--strict", "--format", "json")
    refused = json.loads(strict.stdout)
    assert strict.exit_code == 1 and refused["batch"] is None and refused["rows_rejected"] == 4
    assert len(history(jsj)) == 1
    result = jsj("import", source)
    assert result.exit_code == 0 and "警告 5 条" in result.stdout and result.stderr.count("警告") == 5
    assert len(history(jsj)) == 6


# ---------------------------------------------------------------- undo that asks


def import_three(jsj, tmp_path) -> None:
    source = tmp_path / "b.csv"
    source.write_text(
        "序号,责任单位,填报日期,完成进度\n1,运城,2022-06-01,10\n2,运城,2022-06-01,20\n3,运城,2022-06-01,30\n",
        encoding="utf-8",
    )
    assert jsj("import", source).exit_code == 0


def on_terminal(db, answer: bytes, *args: str) -> tuple[int, str]:
    """Run jsj with a terminal as stdin and stdout, answer its question, return (exit code, what it showed)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "jinsanjiao_cli", *args, "--db", str(db)],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        close_fds=True,
    )
    os.close(terminal)
    shown = b""
    while b"?" not in shown and b"\xef\xbc\x9f" not in shown:
        ready, _, _ = select.select([controller], [], [], 30)
        assert ready, shown
        shown += os.read(controller, 4096)
    os.write(controller, answer)
    code = process.wait(timeout=30)
    try:
        while select.select([controller], [], [], 0.2)[0]:
            shown += os.read(controller, 4096)
    except OSError:
        pass
    os.close(controller)
    return code, shown.decode("utf-8", "replace")


def test_undo_on_a_terminal_asks_first(jsj, db, tmp_path):
    import_three(jsj, tmp_path)
    code, shown = on_terminal(db, b"n\n", "undo", "1")
    assert code == 1 and "删除 3 条进展记录" in shown and "b.csv" in shown
    assert len(history(jsj)) == 3
    code, shown = on_terminal(db, b"y\n", "undo", "1")
    assert code == 0 and "已撤销批次 1" in shown
    assert history(jsj) == []


def test_undo_without_a_terminal_needs_yes_and_the_batch_stays_listed(jsj, tmp_path):
    import_three(jsj, tmp_path)
    refused = jsj("undo", "1")
    assert refused.exit_code == 1 and "--yes" in refused.stderr and len(history(jsj)) == 3
    assert jsj("undo", "1", "--yes", "--by", "张三").exit_code == 0
    listed = json.loads(jsj("batches", "--format", "json").stdout)
    assert listed[0]["undone_by"] == "张三" and listed[0]["undone_at"]
    again = jsj("undo", "1", "--yes")
    assert again.exit_code == 1 and "已于" in again.stderr and "撤销" in again.stderr


def test_undo_names_a_later_batch_that_skipped_its_rows(jsj, tmp_path):
    import_three(jsj, tmp_path)
    overlap = tmp_path / "c.csv"
    overlap.write_text(
        "序号,责任单位,填报日期,完成进度\n1,运城,2022-06-01,10\n5,运城,2022-06-01,50\n", encoding="utf-8"
    )
    assert json.loads(jsj("import", overlap, "--format", "json").stdout)["batch"] == 2
    result = jsj("undo", "1", "--yes")
    assert result.exit_code == 0 and "批次 2" in result.stderr and "1 行" in result.stderr and "c.csv" in result.stderr


# ---------------------------------------------------------------- problems


def problems(jsj, *args) -> list[dict]:
    result = jsj("problem", "list", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_problem_lifecycle(jsj, tmp_path):
    added = jsj(
        "problem", "add", "9", "--unit", "运城", "--text", "机场用地指标不足", "--needs", "省发改委",
        "--needs", "交通厅", "--major", "--due", "2022-09-30", "--date", "2022-06-01",
    )  # fmt: skip
    assert added.exit_code == 0 and "#1" in added.stdout
    jsj(
        "problem",
        "add",
        "5",
        "--unit",
        "省商务厅",
        "--text",
        "经费未到位",
        "--date",
        "2022-06-05",
        "--due",
        "2022-06-20",
    )
    assert jsj("problem", "update", "1", "--note", "已对接省发改委", "--date", "2022-07-01").exit_code == 0
    listed = problems(jsj, "--as-of", "2022-07-01")
    assert [p["id"] for p in listed] == [1, 2]  # the major one first
    first = listed[0]
    assert set(first) == {
        "id", "task", "unit", "text", "needs", "major", "raised", "due", "state", "overdue", "updates",
        "closed_at", "closing_note", "evidence",
    }  # fmt: skip
    assert first["needs"] == ["省发展改革委", "省交通厅"] and first["major"] and not first["overdue"]
    assert first["updates"] == [
        {"date": "2022-07-01", "note": "已对接省发改委", "by": first["updates"][0]["by"], "kind": "note"}
    ]
    assert listed[1]["overdue"]  # due 2022-06-20, still open on 2022-07-01
    assert [p["id"] for p in problems(jsj, "--unit", "交通厅", "--as-of", "2022-07-01")] == [1]  # asked to act
    status = json.loads(jsj("status", "--as-of", "2022-07-01", "--format", "json").stdout)
    assert status["problems"] == {"open": 2, "overdue": 1, "major_open": 1}
    task5 = next(t for t in status["tasks"] if t["no"] == 5)
    assert (task5["problems_open"], task5["problems_overdue"]) == (1, 1)
    detail = json.loads(jsj("status", "--task", "9", "--as-of", "2022-07-01", "--format", "json").stdout)
    assert [p["id"] for p in detail["task"]["problems"]] == [1]
    closed = jsj("problem", "close", "2", "--note", "已拨付", "--evidence", "财建〔2022〕5号", "--date", "2022-07-02")
    assert closed.exit_code == 0
    assert [p["id"] for p in problems(jsj, "--as-of", "2022-07-05")] == [1]
    done = problems(jsj, "--closed", "--as-of", "2022-07-05")[0]
    assert (done["state"], done["closed_at"], done["closing_note"], done["evidence"]) == (
        "closed", "2022-07-02", "已拨付", "财建〔2022〕5号"
    )  # fmt: skip
    assert problems(jsj, "--as-of", "2022-07-01")[1]["state"] == "open"  # as it stood before it was closed
    assert jsj("problem", "reopen", "2", "--note", "资金未落实", "--date", "2022-07-10").exit_code == 0
    assert [p["id"] for p in problems(jsj, "--as-of", "2022-07-10")] == [1, 2]
    out = tmp_path / "ledger.xlsx"
    assert jsj("export", out, "--as-of", "2022-07-10").exit_code == 0
    rows = list(openpyxl.load_workbook(out)["问题清单"].iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[5], r[8]) for r in rows] == [(1, "是", "未销号"), (2, None, "逾期未销号")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "99", "--unit", "运城", "--text", "x"], "没有第 99 项任务"),
        (["add", "9", "--unit", "北京", "--text", "x"], "未知单位"),
        (["add", "9", "--unit", "省卫健委", "--text", "x"], "不是任务 9 的责任单位"),
        (["add", "9", "--unit", "运城", "--text", " "], "--text 不能为空"),
        (["add", "9", "--unit", "运城", "--text", "x", "--needs", "北京"], "未知单位"),
        (["update", "7", "--note", "x"], "没有编号为 7 的问题"),
        (["close", "1", "--note", ""], "--note 不能为空"),
        (["reopen", "1", "--note", "x"], "未销号，无需重新打开"),
    ],
)
def test_bad_problem_input_is_one_line_and_stores_nothing(jsj, args, message):
    assert jsj("problem", "add", "9", "--unit", "运城", "--text", "已有的问题").exit_code == 0
    result = jsj("problem", *args)
    assert result.exit_code == 1 and message in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert len(problems(jsj, "--all")) == 1


def test_closing_a_closed_problem_is_refused(jsj):
    jsj("problem", "add", "9", "--unit", "运城", "--text", "x")
    assert jsj("problem", "close", "1", "--note", "解决").exit_code == 0
    result = jsj("problem", "close", "1", "--note", "再次")
    assert result.exit_code == 1 and "已于" in result.stderr and "销号" in result.stderr


def test_a_plan_that_drops_a_unit_with_problems_is_refused(jsj, tmp_path):
    from conftest import REPO

    jsj("problem", "add", "3", "--unit", "省卫健委", "--text", "需要协调")
    text = (REPO / "data" / "plan.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "plan.yaml"
    changed.write_text(text.replace("瞄准产业链关键环节承接产业转移", "瞄准产业链关键环节", 1), encoding="utf-8")
    assert jsj("init", "--plan", changed).exit_code == 0  # a title change is fine


def test_the_template_problems_column_raises_problems_on_import(jsj, tmp_path):
    form = tmp_path / "form.xlsx"
    assert jsj("template", form, "--unit", "省交通厅").exit_code == 0
    book = openpyxl.load_workbook(form)
    ws = book["填报表"]
    header = [c.value for c in ws[2]]
    assert header[-2:] == ["存在问题", "报送期"]
    ws.cell(3, header.index("填报日期") + 1, "2022-06-20")
    ws.cell(3, header.index("完成进度（%）") + 1, 40)
    ws.cell(3, header.index("存在问题") + 1, "征地拆迁进度慢,需省自然资源厅协调")
    book.save(form)
    first = json.loads(jsj("import", form, "--format", "json").stdout)
    assert first["problems_raised"] == 1 and first["rows_new"] == 1
    raised = problems(jsj, "--as-of", "2022-06-30")
    assert [(p["task"], p["unit"], p["text"], p["raised"]) for p in raised] == [
        (9, "省交通厅", "征地拆迁进度慢,需省自然资源厅协调", "2022-06-20")
    ]
    again = json.loads(jsj("import", form, "--format", "json").stdout)
    assert again["problems_raised"] == 0 and again["batch"] is None  # the same open problem is not raised twice
    assert jsj("undo", "1", "--yes").exit_code == 0
    assert problems(jsj, "--all", "--as-of", "2022-06-30") == []  # the batch's problems go with it


def test_a_voided_amendment_keeps_its_own_reason_and_author_in_every_output(jsj):
    assert jsj("record", "5", "-u", "省商务厅", "-p", "30", "-d", "2022-06-01").exit_code == 0
    assert jsj("amend", "1", "--progress", "60", "--reason", "录入错误", "--by", "李四").exit_code == 0
    assert jsj("void", "2", "--reason", "重复填报", "--by", "王五").exit_code == 0
    amended = history(jsj, "--all")[1]
    assert (amended["reason"], amended["changed_by"]) == ("录入错误", "李四")
    assert (amended["void_reason"], amended["voided_by"]) == ("重复填报", "王五")
    csv_text = jsj("history", "--all", "--format", "csv").stdout
    assert "录入错误" in csv_text and "重复填报" in csv_text and "李四" in csv_text and "王五" in csv_text
    table = jsj("history", "--all").stdout
    assert "录入错误" in table and "重复填报" in table
