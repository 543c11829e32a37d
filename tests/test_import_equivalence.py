"""Issue 23: import got faster, and must do exactly what it did. Hostile and messy files, built here, go
through `jsj import` (plain, --dry-run, --strict, --skip-invalid) on a ledger that already holds reports
(one corrected, one withdrawn); the summary, the problems and warnings, the stored reports, the problems
raised and the batch bookkeeping are compared with what the importer did before the speed work
(tests/fixtures/import_equivalence.json, captured from that code by running this module as a script:
`PYTHONPATH=<old src> python tests/test_import_equivalence.py`). A check dropped or changed fails here.
Captured again once, on purpose, when a row holding only a 存在问题 began to raise its problem (issue 24):
that row's two "missing" problems went and its problem was raised; nothing else moved."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from jinsanjiao_cli.cli.app import app
from jinsanjiao_cli.ledger.opening import open_ledger
from jinsanjiao_cli.text import i18n

EXPECTED = Path(__file__).parent / "fixtures" / "import_equivalence.json"
HEADER = ["序号", "责任单位", "填报日期", "完成进度", "状态", "最新进展", "重点项目", "存在问题", "报送期"]

# Rows as a unit sends them, with everything that can go wrong in them (row numbers start at 2).
MESSY = [
    [9, "省交通厅", "2022-06-30", 40, "推进中（前期工作）", "完成可研", None, None, None],
    [9, "省交通厅", "2022-06-30", 40, "推进中（前期工作）", "完成可研", None, None, None],  # the same again
    [9, "省交通厅", "2022-05-31", 50, "推进中", "5月", None, None, None],  # later row goes backwards from it
    [9, "运城", "2022-03-31", 30, None, "已存: 与台账同", None, None, None],  # identical to a stored report
    [9, "运城", "2022-04-30", 20, None, "倒退", None, None, None],  # below the stored 30 of March
    [9, "临汾", "2022-02-28", 10, None, "已撤回的那条", None, None, None],  # identical to a withdrawn report
    [9, "临汾", "2022-02-28", 11, None, "更正后的那条", None, None, None],  # the correction itself: present
    [3, "省卫健委", "2022-06-30", "60%", None, "line1\r\nline2", "生物医药大健康", "资金缺口", None],
    [3, "省卫健委", "2022-06-30", "60%", None, "line1\r\nline2", "生物医药大健康", "资金缺口", None],
    [3, "工信厅", "2022/6/30", "７０", " 推进中 ", "  前后空格  ", "新材料", None, "2022-06"],
    [3, "工信厅", "2022年7月31日", 75, None, None, "不存在的项目", None, None],  # unknown project
    [99, "省交通厅", "2022-06-30", 10, None, None, None, None, None],  # unknown task
    [9, "省商务厅", "2022-06-30", 10, None, None, None, None, None],  # not responsible
    [9, "某某局", "2022-06-30", 10, None, None, None, None, None],  # unknown unit
    [9, "省交通厅", "2022-02-30", 10, None, None, None, None, None],  # no such date
    [9, "省交通厅", "2022-07-31", 101, None, None, None, None, None],  # over 100
    [9, "省交通厅", "2022-07-31", "abc", None, None, None, None, None],  # not a number
    [9, "省交通厅", "2022-07-31", 55, None, "控制\x07字符", None, None, None],  # a control character
    [9, "省交通厅", "2022-07-31", 55, None, "\u202e反转", None, None, None],  # a bidi control
    [9, "省交通厅", "2030-01-01", 55, None, "将来", None, None, None],  # after the plan's end
    [9, "省交通厅", "2021-01-01", 5, None, "太早", None, None, None],  # before the plan
    [None, None, None, None, None, None, None, None, None],  # blank
    ["序号", "责任单位", "填报日期", "完成进度", "状态", "最新进展", "重点项目", "存在问题", "报送期"],  # header again
    [9, "省交通厅", None, None, None, None, None, "只有问题", None],  # only a problem: raised, dated today
    [1, "发改委", "2022-06-30", 80, None, "x" * 40000, None, None, None],  # too long
    [1, "发改委", "2022-06-30", 80, None, "好", None, "资金缺口", "2099-01"],  # a period outside the schedule
    [1, "商务厅", "2022-08-31", 90, "正常推进", "8月", None, "用地 指标", None],
    [1, "商务厅", "2022-09-30", 85, "正常推进", "9月: 倒退", None, None, None],
    [2, "运城市", "2022-06-30", 1.5, None, "小数", None, None, None],
]


def _seed(run) -> None:
    """A ledger that already holds reports: one to match, one withdrawn, one corrected."""
    for args in (
        ["record", "9", "-u", "运城", "-p", "30", "-d", "2022-03-31", "-n", "已存: 与台账同"],
        ["record", "9", "-u", "临汾", "-p", "10", "-d", "2022-02-28", "-n", "已撤回的那条"],
        ["record", "9", "-u", "临汾", "-p", "12", "-d", "2022-01-31", "-n", "将被更正"],
    ):
        result = run(*args, "--by", "seed")
        assert result.exit_code == 0, result.output
    assert run("void", "2", "--reason", "报错了", "--by", "seed").exit_code == 0
    result = run("amend", "3", "-p", "11", "-d", "2022-02-28", "-n", "更正后的那条", "--reason", "改", "--by", "seed")
    assert result.exit_code == 0, result.output


def _csv(path: Path, rows: list[list]) -> Path:
    def cell(v: object) -> str:
        text = "" if v is None else str(v)
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text

    path.write_text("\n".join(",".join(map(cell, r)) for r in [HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _xlsx(path: Path, rows: list[list]) -> Path:
    """The same rows as a workbook: a title row, dates as dates where they parse, and progress numbers in
    0..1 formatted as percentages (45% is 0.45)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "填报"
    ws.append(["进展填报"])
    ws.append(HEADER)
    for row in rows:
        row = list(row)
        with contextlib.suppress(ValueError):
            row[2] = dt.date.fromisoformat(row[2]) if isinstance(row[2], str) else row[2]
        if isinstance(row[5], str) and "\x07" in row[5]:
            row[5] = row[5].replace("\x07", "\u202d")  # openpyxl refuses control characters: a bidi control
        ws.append(row)
    ws.append([9, "省通信管理局", dt.date(2022, 6, 30), 0.45, None, "45% 格式", None, None, None])
    ws.cell(ws.max_row, 4).number_format = "0%"
    ws.append([9, "省通信管理局", dt.date(2022, 7, 31), "0.5", None, "文本小数", None, None, None])
    book.save(path)
    return path


RUNS = [  # (name, file kind, options)
    ("csv dry run", "csv", ["--dry-run", "--skip-invalid"]),
    ("csv refused", "csv", []),
    ("csv strict", "csv", ["--strict", "--skip-invalid"]),
    ("csv skip invalid", "csv", ["--skip-invalid"]),
    ("csv again", "csv", ["--skip-invalid"]),
    ("xlsx skip invalid", "xlsx", ["--skip-invalid"]),
]


def observe(run, work: Path, db_url: str) -> dict:
    """Everything an import leaves to see: per run the summary (JSON) and exit code, and at the end the
    stored reports, problems, batches and skips."""
    _seed(run)
    files = {"csv": _csv(work / "messy.csv", MESSY), "xlsx": _xlsx(work / "messy.xlsx", MESSY)}
    seen: dict = {"runs": {}}
    for name, kind, options in RUNS:
        result = run("import", files[kind], *options, "--by", "importer", "--format", "json")
        summary = json.loads(result.stdout)
        summary["rejects_file"] = summary["rejects_file"] and Path(summary["rejects_file"]).name
        seen["runs"][name] = {"exit": result.exit_code, "summary": summary}
    db = open_ledger(db_url)
    try:
        seen["milestones"] = _rows(
            db.query(
                "SELECT id, task_no, unit_id, date, progress, status, note, project_id, recorded_by, period,"
                " state, batch_id FROM milestone ORDER BY id"
            )
        )
        seen["problems"] = _rows(
            db.query("SELECT id, task_no, unit_id, text, raised, state, batch_id FROM problem ORDER BY id")
        )
        seen["batches"] = _rows(
            db.query("SELECT id, file, sheet, rows_new, rows_present, rows_rejected FROM batch ORDER BY id")
        )
        seen["skips"] = _rows(
            db.query("SELECT batch_id, matched_batch_id, rows FROM batch_skip ORDER BY batch_id, matched_batch_id")
        )
        seen["report_count"] = _rows(
            db.query("SELECT task_no, unit_id, date, reports, by_window FROM report_count ORDER BY 1, 2, 3")
        )
    finally:
        db.close()
    return _settled(seen, work)


def _settled(seen: dict, work: Path) -> dict:
    """What does not depend on the importer: batch ids numbered 1, 2, … in order (PostgreSQL's sequence
    skips the id of a batch rolled back as empty, SQLite's does not), file names without the temporary
    directory, and today's date (a warning names it)."""
    number = {row[0]: i for i, row in enumerate(seen["batches"], 1)}
    for run in seen["runs"].values():
        run["summary"]["batch"] = number.get(run["summary"]["batch"])
    for part, column in (("milestones", 11), ("problems", 6), ("batches", 0), ("skips", 0), ("skips", 1)):
        for row in seen[part]:
            row[column] = number.get(row[column])
    for row in seen["batches"]:
        row[1] = Path(row[1]).name
    text = json.dumps(seen, ensure_ascii=False).replace(str(work) + "/", "")
    return json.loads(text.replace(dt.date.today().isoformat(), "<today>"))


def _rows(rows: list) -> list[list]:
    return [[v.isoformat() if isinstance(v, dt.date) else v for v in row] for row in rows]


@pytest.fixture
def run_cli():
    runner = CliRunner()

    def run(*args: object):
        result = runner.invoke(app, [str(a) for a in args])
        i18n.set_lang(None)
        return result

    return run


def test_import_does_what_it_did(ledger, run_cli, tmp_path):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    seen = observe(run_cli, tmp_path, ledger)
    for name in expected["runs"]:
        assert seen["runs"][name] == expected["runs"][name], name
    for part in ("milestones", "problems", "batches", "skips", "report_count"):
        assert seen[part] == expected[part], part


def test_the_files_are_hostile_enough():
    """The expected results hold what the test is for: duplicates, present and voided rows, problems of
    every kind, warnings, raised problems, a refused run and a strict run."""
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    runs = expected["runs"]
    kept = runs["csv skip invalid"]["summary"]
    assert (
        kept["rows_new"]
        and kept["rows_present"]
        and kept["voided"]
        and runs["csv strict"]["summary"]["problems_raised"]
    )
    assert len({p["reason"] for p in kept["problems"]}) >= 10 and kept["warnings"]
    assert runs["csv refused"]["exit"] == 1 and runs["csv refused"]["summary"]["batch"] is None
    assert len(runs["csv strict"]["summary"]["problems"]) > len(kept["problems"])
    assert runs["csv again"]["summary"]["rows_new"] == 0 and expected["skips"]


if __name__ == "__main__":  # capture the expected results from the importer on sys.path
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        db = Path(work) / "ledger.sqlite3"
        os.environ["JSJ_DB"] = str(db)
        assert CliRunner().invoke(app, ["init", "--db", str(db)]).exit_code == 0
        i18n.set_lang("zh")
        runner = CliRunner()

        def run(*args: object):
            result = runner.invoke(app, [str(a) for a in args])
            i18n.set_lang(None)
            return result

        found = observe(run, Path(work), str(db))
    EXPECTED.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {EXPECTED}", file=sys.stderr)
