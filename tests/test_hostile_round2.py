"""Hostile input, second round (issue 17 §2–§5; issue 16 §5 "A typo must not make a ledger"; issue 18's one
rule per value and `jsj target --target nosuch`): each case with the input the test builds itself."""

import csv
import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import REPO
from jinsanjiao_cli.ledger import migrations, opening
from jinsanjiao_cli.ledger.db import connect

RAW_CONTROLS = ("\x1b", "\x07", "\x00", "\x9b", "\u202e")


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def one_line_error(result, code: int = 1) -> str:
    assert result.exit_code == code, result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("jsj: "), result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    return result.stderr


def history(jsj, *args) -> list[dict]:
    return json.loads(ok(jsj("history", "--format", "json", *args)).stdout)


def jsj_process(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jinsanjiao_cli", *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


# ==================================================================================================
# §2 Stored wrong, or stored twice


def test_export_then_import_finds_reports_typed_with_full_width_brackets(ledger, jsj, tmp_path):
    """`record` and `import` store text by one normalisation: 推进中（前期工作） keeps its full-width brackets on
    both doors, so the exported ledger imported back is already there."""
    typed = ["record", "9", "-u", "省交通厅", "-p", "45", "-d", "2022-06-30"]
    ok(jsj(*typed, "--status", " 推进中（前期工作） ", "-n", "第一段，完成。\r\n第二段（续）"))
    (stored,) = history(jsj)
    assert (stored["status"], stored["note"]) == ("推进中（前期工作）", "第一段，完成。\n第二段（续）")
    workbook = tmp_path / "ledger.xlsx"
    ok(jsj("export", workbook, "--as-of", "2022-12-31"))
    for sheet in ("进展记录", "任务台账"):
        again = json.loads(ok(jsj("import", workbook, "--sheet", sheet, "--format", "json")).stdout)
        assert (again["rows_new"], again["rows_present"]) == (0, 1), (sheet, again)
    source = tmp_path / "typed-again.csv"
    source.write_text("序号,责任单位,填报日期,完成进度,状态,最新进展\n9,省交通厅,2022-06-30,45,推进中（前期工作）,"
                      '"第一段，完成。\n第二段（续）"\n', encoding="utf-8")  # fmt: skip
    again = json.loads(ok(jsj("import", source, "--format", "json")).stdout)
    assert (again["rows_new"], again["rows_present"]) == (0, 1)
    assert len(history(jsj)) == 1


def test_a_report_an_older_import_stored_folded_is_still_found(ledger, jsj, tmp_path):
    """Imports used to NFKC-fold a status (推进中(前期工作)); the same file imported again today, with its
    full-width brackets, finds that report already stored instead of storing it twice."""
    with opening.open_ledger(ledger) as db, db.write():
        unit = db.value("SELECT id FROM unit WHERE name = '省交通厅'")
        db.execute(
            "INSERT INTO milestone (task_no, unit_id, date, progress, status, note, recorded_at, recorded_by)"
            " VALUES (9, ?, '2022-06-30', 45, '推进中(前期工作) ABC', '第一段，完成。', '2022-07-01T00:00:00', 'old')",
            (unit,),
        )
        db.execute(
            "INSERT INTO report_count (task_no, unit_id, date, reports, by_window) VALUES (9, ?, '2022-06-30', 1, 1)",
            (unit,),
        )
    source = tmp_path / "again.csv"
    row = "9,省交通厅,2022-06-30,45,推进中（前期工作）  ＡＢＣ,第一段，完成。"
    source.write_text(f"序号,责任单位,填报日期,完成进度,状态,最新进展\n{row}\n", encoding="utf-8")
    again = json.loads(ok(jsj("import", source, "--format", "json")).stdout)
    assert (again["rows_new"], again["rows_present"]) == (0, 1)


def test_text_is_normalised_once_at_entry_on_every_door(jsj, tmp_path):
    """NFC, trimmed, runs of spaces in one-line fields as one: the same for a typed option and a cell."""
    typed = ["record", "9", "-u", "省交通厅", "-p", "10", "-d", "2022-06-01"]
    ok(jsj(*typed, "--status", "cafe\u0301  推进 ", "--by", " 张  三 "))
    source = tmp_path / "same.csv"
    row = '9,省交通厅,2022-06-02,20,"  cafe\u0301 推进",张 三'
    source.write_text(f"序号,责任单位,填报日期,完成进度,状态,填报人\n{row}\n", encoding="utf-8")
    ok(jsj("import", source))
    rows = history(jsj)
    assert {r["status"] for r in rows} == {"caf\u00e9 推进"}
    assert {r["recorded_by"] for r in rows} == {"张 三"}


# The ±0.004 progress case through every path; the rule: kept to 2 decimals, then within 0-100.
PROGRESS_CASES = [("-0.004", 0.0), ("100.004", 100.0), ("-0.01", "refused"), ("100.01", "refused")]


def _csv(path: Path, header: str, value: str) -> Path:
    path.write_text(f"任务编号,责任单位,填报日期,{header}\n9,省交通厅,2022-06-30,{value}\n", encoding="utf-8")
    return path


def _xlsx(path: Path, value: object, number_format: str | None = None, header: str = "完成进度") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["任务编号", "责任单位", "填报日期", header])
    sheet.append([9, "省交通厅", dt.date(2022, 6, 30), value])
    if number_format:
        sheet.cell(row=2, column=4).number_format = number_format
    workbook.save(path)
    return path


PATHS = {
    "csv": lambda d, v: _csv(d / "plain.csv", "完成进度", v),
    "csv (%) header": lambda d, v: _csv(d / "header.csv", "完成进度(%)", v),
    "csv % sign": lambda d, v: _csv(d / "sign.csv", "完成进度", f"{v}%"),
    "csv full-width": lambda d, v: _csv(d / "wide.csv", "完成进度（％）", v.replace("-", "－") + "％"),
    "xlsx number": lambda d, v: _xlsx(d / "number.xlsx", float(v)),
    "xlsx text": lambda d, v: _xlsx(d / "text.xlsx", v),
    "xlsx text %": lambda d, v: _xlsx(d / "textsign.xlsx", f"{v}%"),
    "xlsx (%) header": lambda d, v: _xlsx(d / "pheader.xlsx", float(v), header="完成进度(%)"),
    "xlsx percent format": lambda d, v: _xlsx(d / "format.xlsx", float(v) / 100, "0.000%"),
}


def _stored(jsj, result, ledger: Path) -> float | str:
    if result.exit_code:
        assert "超出 0-100" in result.stderr, result.stderr
        assert history(jsj, "--db", ledger) == []
        return "refused"
    (row,) = history(jsj, "--db", ledger)
    return row["progress"]


@pytest.mark.parametrize(("entered", "expected"), PROGRESS_CASES)
def test_progress_gives_one_answer_on_every_path(jsj, tmp_path, initialised_db, entered, expected):
    answers = {}
    ledgers = iter(range(100))

    def fresh() -> Path:  # a ledger of its own for each path
        return Path(shutil.copy(initialised_db, tmp_path / f"ledger{next(ledgers)}.sqlite3"))

    typed = ["9", "-u", "省交通厅", "-d", "2022-06-30"]
    for name, progress in (("record", entered), ("record %", f"{entered}%")):
        ledger = fresh()
        answers[name] = _stored(jsj, jsj("record", *typed, "-p", progress, "--db", ledger), ledger)
    ledger = fresh()
    ok(jsj("record", *typed, "-p", "50", "--db", ledger))
    amended = jsj("amend", "1", "--progress", entered, "--reason", "t", "--db", ledger)
    answers["amend"] = "refused" if amended.exit_code else history(jsj, "--db", ledger)[0]["progress"]
    if amended.exit_code:
        assert "超出 0-100" in amended.stderr and history(jsj, "--db", ledger)[0]["progress"] == 50
    for name, make in PATHS.items():
        ledger = fresh()
        folder = tmp_path / name.replace(" ", "_").replace("%", "pct")
        folder.mkdir()
        answers[name] = _stored(jsj, jsj("import", make(folder, entered), "--db", ledger), ledger)
    assert answers == dict.fromkeys(answers, expected)


def test_plan_check_refuses_every_plan_the_views_cannot_handle(jsj, tmp_path):
    """Each variant is refused by `plan check` and by `init` (nothing created), naming its line; the nearest
    variant the views do handle passes, and every view then works."""
    bundled = yaml.safe_load((REPO / "data" / "plan.yaml").read_text(encoding="utf-8"))
    refused = {
        "base year = target year": (lambda d: d["settings"].update(base_year=2023), "targets[0].target_year"),
        "base year after target year": (lambda d: d["settings"].update(base_year=2024), "targets[0].target_year"),
        "target year before base year": (lambda d: d["targets"][0].update(target_year=2019), "targets[0].target_year"),
        "zone named like a scope": (lambda d: d["targets"][0]["zone"].update(name="运城市"), "targets[0].zone.name"),
    }
    for name, (change, where) in refused.items():
        data = json.loads(json.dumps(bundled, default=str))
        change(data)
        plan = tmp_path / "refused.yaml"
        plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = jsj("plan", "check", plan)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, (name, result.output)
        line = line_of(plan, where)
        assert result.stderr.startswith(f"{plan}:{line}: {where}: "), (name, result.stderr)
        new = tmp_path / "new.sqlite3"
        assert jsj("init", "--plan", plan, "--db", new).exit_code == 1 and not new.exists()
    boundary = json.loads(json.dumps(bundled, default=str))
    boundary["settings"]["base_year"] = 2022  # the latest base year the target year 2023 allows
    boundary["targets"][0]["zone"]["aliases"] = ["运城"]  # a zone may share a scope's alias
    plan = tmp_path / "boundary.yaml"
    plan.write_text(yaml.safe_dump(boundary, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ok(jsj("plan", "check", plan))
    new = tmp_path / "boundary.sqlite3"
    ok(jsj("init", "--plan", plan, "--db", new))
    ok(jsj("indicator", "set", "临汾", "2023", "--gdp", "1500", "--growth", "6.1", "--db", new))
    for args in (
        ["status", "--as-of", "2023-06-30"],
        ["status", "--format", "json"],
        ["target"],
        ["target", "--format", "csv"],
        ["export", tmp_path / "boundary.xlsx", "--as-of", "2024-01-31"],
        ["bulletin", tmp_path / "boundary.docx", "--as-of", "2023-06-30"],
        ["bulletin", tmp_path / "boundary.md", "--format", "md", "--as-of", "2023-06-30"],
    ):
        ok(jsj(*args, "--db", new))


TITLE = "  title: 晋陕豫黄河金三角承接产业转移示范区(山西片区)建设工作计划"


def line_of(plan: Path, where: str) -> int:
    """The line of a key such as targets[0].zone.name in a plan file, found by the YAML parser itself."""
    node = yaml.compose(plan.read_text(encoding="utf-8"))
    line = 1
    for step in where.replace("[", ".").replace("]", "").split("."):
        if step.isdigit():
            node = node.value[int(step)]
            line = node.start_mark.line + 1
        else:
            key, node = next((k, v) for k, v in node.value if k.value == step)
            line = key.start_mark.line + 1
    return line


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("due_day: 25", "due_day: true", "settings.reporting.due_day", "应为整数，不加引号（值true）"),
        ("due_day: 25", 'due_day: "31"', "settings.reporting.due_day", "应为整数，不加引号（值“31”）"),
        ("progress: 0.60", 'progress: "0.6"', "settings.assessment.weights.progress", "应为数字，不加引号（值“0.6”）"),
        ("base_year: 2020", "base_year: 2020.0", "settings.base_year", "应为整数，不加引号（值2020.0）"),
        (
            "  title: 晋陕豫黄河金三角承接产业转移示范区(山西片区)建设工作计划",
            "  title: 2022",
            "plan.title",
            "应为文本（值2022）；数字或日期作文本时请加引号",
        ),
    ],
)
def test_plan_check_refuses_wrong_yaml_types_at_their_line(jsj, tmp_path, old, new, where, message):
    text = (REPO / "data" / "plan.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    plan = tmp_path / "types.yaml"
    plan.write_text(text.replace(old, new), encoding="utf-8")
    line = next(n for n, row in enumerate(plan.read_text(encoding="utf-8").splitlines(), 1) if new in row)
    result = jsj("plan", "check", plan)
    assert result.exit_code == 1
    assert result.stderr == f"{plan}:{line}: {where}: {message}\n"


# ==================================================================================================
# §3 Text that reaches an output


def test_skip_invalid_with_control_characters_imports_the_valid_rows(jsj, tmp_path):
    source = tmp_path / "controls.csv"
    source.write_bytes(
        "序号,责任单位,填报日期,完成进度,状态,最新进展\n"
        "9,省交通厅,2022-06-30,50,推进中,正常\n"
        "9,省交通厅,2022-07-31,60,推进\x1b[31m中,响铃\x07\n"
        "9,省交通厅,2022-08-31,70,删\x7f除,=1+1\n"
        "9,省交通厅,2022-09-30,80,\u202e反向,＝SUM(A1:A9)\n".encode()
    )
    result = jsj("import", source, "--skip-invalid", "--format", "json")
    assert result.exit_code == 0, result.output
    for raw in RAW_CONTROLS:
        assert raw not in result.stdout + result.stderr
    summary = json.loads(result.stdout)
    assert (summary["rows_new"], summary["rows_rejected"]) == (1, 3)
    reasons = [p["reason"] for p in summary["problems"]]
    assert reasons == [
        "含有控制字符 U+001B（第 3 个字符），请删除后重新填写",
        "含有控制字符 U+0007（第 3 个字符），请删除后重新填写",
        "含有控制字符 U+007F（第 2 个字符），请删除后重新填写",
        "含有控制字符 U+202E（第 1 个字符），请删除后重新填写",
    ]
    rejects = openpyxl.load_workbook(tmp_path / "controls-rejects.xlsx").active
    cells = {c.coordinate: c for row in rejects.iter_rows() for c in row}
    assert cells["F2"].value == "推进␛[31m中" and cells["G2"].value == "响铃␇"
    assert cells["F3"].value == "删␡除" and cells["F4"].value == "\\u202e反向"
    assert cells["G3"].value == "=1+1" and cells["G3"].quotePrefix and cells["G3"].data_type == "s"
    assert cells["G4"].value == "＝SUM(A1:A9)" and cells["G4"].quotePrefix
    assert [r["progress"] for r in history(jsj)] == [50.0]


def test_an_xlsx_escape_for_a_control_character_is_a_problem_of_its_row(jsj, tmp_path):
    source = tmp_path / "escaped.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["序号", "责任单位", "填报日期", "完成进度", "最新进展"])
    workbook.active.append([9, "省交通厅", "2022-06-30", 50, "好"])
    workbook.active.append([9, "省交通厅", "2022-07-31", 60, "坏_x001B_[2J"])  # Excel's escape for ESC
    workbook.active.append([9, "省交通厅", "2022-08-31", 70, "空_x0000_"])  # and for NUL
    workbook.save(source)
    result = jsj("import", source, "--skip-invalid")
    assert result.exit_code == 0 and "\x1b" not in result.stdout + result.stderr
    assert "\x00" not in result.stdout + result.stderr
    assert "第3行" in result.stderr and "U+001B" in result.stderr
    assert "第4行" in result.stderr and "U+0000" in result.stderr
    rejects = openpyxl.load_workbook(tmp_path / "escaped-rejects.xlsx").active
    assert [row[5] for row in rejects.iter_rows(min_row=2, values_only=True)] == ["坏␛[2J", "空␀"]
    assert [r["note"] for r in history(jsj)] == ["好"]


def test_import_by_is_checked_and_file_names_are_stored_shown(jsj, db, tmp_path):
    source = tmp_path / "a.csv"
    source.write_text("序号,责任单位,填报日期,完成进度\n9,省交通厅,2022-06-30,50\n", encoding="utf-8")
    stderr = one_line_error(jsj("import", source, "--by", "x\x1b]0;pwned\x07"))
    assert "--by" in stderr and "U+001B" in stderr and "\x1b" not in stderr
    assert history(jsj) == []
    named = tmp_path / "evil\x1b[2J\u202egpj.csv"
    named.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    ok(jsj("import", named, "--by", "李 四"))
    (batch,) = list(csv.DictReader(io.StringIO(ok(jsj("batches", "--format", "csv")).stdout)))
    assert batch["file"] == f"{tmp_path}/evil\\x1b[2J\\u202egpj.csv" and batch["imported_by"] == "李 四"


def _written_by_another_program(db: Path) -> None:
    """Control and bidi characters put into the ledger by another program (jsj's entry checks refuse them)."""
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE task SET title = title || ? WHERE no = 9", ("\x1b[31m\u202eX\x00\x07",))
        unit = conn.execute("SELECT id FROM unit WHERE name = '省交通厅'").fetchone()[0]
        conn.execute(
            "INSERT INTO milestone (task_no, unit_id, date, progress, status, note, recorded_at, recorded_by)"
            " VALUES (9, ?, '2022-06-30', 40, ?, ?, '2022-06-30T00:00:00', ?)",
            (unit, "s\x07\u202e", "n\x1b[2J\u202etxt.exe\x00\x9b", "by\x1b"),
        )
        conn.execute(
            "INSERT INTO report_count (task_no, unit_id, date, reports, by_window) VALUES (9, ?, '2022-06-30', 1, 1)",
            (unit,),
        )


def test_every_renderer_neutralises_control_and_bidi_characters(jsj, db, tmp_path):
    _written_by_another_program(db)
    texts = {
        "status": ok(jsj("status", "--as-of", "2022-06-30")).stdout,
        "status --task": ok(jsj("status", "--task", "9", "--as-of", "2022-06-30")).stdout,
        "history": ok(jsj("history")).stdout,
        "history csv": ok(jsj("history", "--format", "csv")).stdout,
        "status csv": ok(jsj("status", "--format", "csv", "--as-of", "2022-06-30")).stdout,
        "history json": ok(jsj("history", "--format", "json")).stdout,
        "bulletin md": ok(jsj("bulletin", "-", "--format", "md", "--as-of", "2022-06-30")).stdout,
    }
    ok(jsj("bulletin", tmp_path / "b.docx", "--as-of", "2022-06-30"))
    ok(jsj("export", tmp_path / "e.xlsx", "--as-of", "2022-06-30"))
    import docx

    document = docx.Document(tmp_path / "b.docx")
    texts["docx"] = "\n".join(c.text for table in document.tables for row in table.rows for c in row.cells)
    workbook = openpyxl.load_workbook(tmp_path / "e.xlsx")
    texts["xlsx"] = "\n".join(str(v) for ws in workbook for row in ws.iter_rows(values_only=True) for v in row if v)
    for name, text in texts.items():
        for raw in RAW_CONTROLS:
            assert raw not in text, (name, repr(raw))
    for name in ("status --task", "history csv", "docx", "xlsx"):
        assert "n␛[2J\\u202etxt.exe␀\\x9b" in texts[name], name
    assert "构建综合交通枢纽␛\\[31m\\\\u202eX␀␇" in texts["bulletin md"]  # Markdown escapes the [ and \
    assert json.loads(texts["history json"])[0]["note"] == "n\x1b[2J\u202etxt.exe\x00\x9b"  # the data, intact


@pytest.mark.parametrize("text", ["\u202egpj.exe", "a\u2066b", "\u200fx", "\x9b2J"])
def test_bidi_and_c1_controls_are_refused_at_entry(jsj, text):
    stderr = one_line_error(jsj("record", "9", "-u", "省交通厅", "-p", "5", "-n", text))
    assert "--note" in stderr and "控制字符" in stderr and text[0] not in stderr
    stderr = one_line_error(jsj("amend", "1", "--status", text))  # checked before the report is looked up
    assert "--status" in stderr
    assert history(jsj) == []


# ==================================================================================================
# §4 Messages instead of internal errors


@pytest.mark.parametrize(
    "args",
    [
        ["target", "--target", "nosuch"],
        ["target", "--target", "key"],
        ["indicator", "set", "运城", "2021", "--gdp", "1", "--target", "foo"],
    ],
)
def test_an_unknown_target_is_one_line(jsj, args):
    stderr = one_line_error(jsj(*args))
    assert f"没有目标“{args[args.index('--target') + 1]}”；计划的目标：gdp_growth" in stderr


def test_file_names_and_db_paths_that_are_not_utf8_are_shown_escaped(tmp_path):
    folder = os.fsencode(tmp_path)
    ledger = folder + b"/l\xffedger.sqlite3"
    source = folder + b"/r\xfe.csv"
    Path(os.fsdecode(source)).write_text(
        "序号,责任单位,填报日期,完成进度\n9,省交通厅,2022-06-30,50\n", encoding="utf-8"
    )
    shown = f"{tmp_path}/l\\xffedger.sqlite3"
    runs = {
        "init": jsj_process("init", "--db", os.fsdecode(ledger)),
        "import": jsj_process("import", os.fsdecode(source), "--db", os.fsdecode(ledger)),
        "record": jsj_process("record", "9", "-u", "省交通厅", "-p", "60", "--db", os.fsdecode(ledger)),
        "status": jsj_process("status", "--db", os.fsdecode(ledger)),
        "history": jsj_process("history", "--format", "csv", "--db", os.fsdecode(ledger)),
        "batches": jsj_process("batches", "--format", "json", "--db", os.fsdecode(ledger)),
        "db info": jsj_process("db", "info", "--format", "json", "--db", os.fsdecode(ledger)),
        "export": jsj_process("export", os.fsdecode(folder + b"/e\xff.xlsx"), "--db", os.fsdecode(ledger)),
        "missing": jsj_process("status", "--db", os.fsdecode(folder + b"/n\xffo.sqlite3")),
    }
    for name, run in list(runs.items())[:-1]:
        assert run.returncode == 0, (name, run.stderr)
        assert b"internal error" not in run.stderr
    assert shown.encode() in runs["init"].stdout
    assert b"r\\xfe.csv" in runs["import"].stdout
    assert json.loads(runs["batches"].stdout)[0]["file"] == f"{tmp_path}/r\\xfe.csv"
    assert json.loads(runs["db info"].stdout)["location"] == shown
    assert b"e\\xff.xlsx" in runs["export"].stdout and os.path.exists(folder + b"/e\xff.xlsx")
    assert len(list(csv.DictReader(io.StringIO(runs["history"].stdout.decode())))) == 2
    assert runs["missing"].returncode == 1 and b"n\\xffo.sqlite3" in runs["missing"].stderr
    assert not os.path.exists(folder + b"/n\xffo.sqlite3")


def test_plan_check_refuses_hostile_yaml_in_one_line(jsj, tmp_path):
    text = (REPO / "data" / "plan.yaml").read_text(encoding="utf-8")
    marker = tmp_path / "ran"
    tagged = tmp_path / "tagged.yaml"
    tagged.write_text(text + f'x: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    line = len(tagged.read_text(encoding="utf-8").splitlines())
    result = jsj("plan", "check", tagged)
    assert result.exit_code == 1 and not marker.exists()
    assert result.stderr.startswith(f"{tagged}:{line}: x: 不允许使用 YAML 标签 !!python/object/apply:os.system")
    assert result.stderr.count("\n") == 1
    huge = tmp_path / "huge.yaml"
    huge.write_text(text.replace("base_year: 2020", "base_year: " + "9" * 5001), encoding="utf-8")
    line = next(n for n, row in enumerate(huge.read_text(encoding="utf-8").splitlines(), 1) if "base_year" in row)
    result = jsj("plan", "check", huge)
    assert result.exit_code == 1
    assert result.stderr == f"{huge}:{line}: settings.base_year: 整数有 5001 位，超过计划中任何数可有的 18 位\n"
    for plan in (tagged, huge):
        assert jsj("init", "--plan", plan, "--db", tmp_path / "never.sqlite3").exit_code == 1
    assert not (tmp_path / "never.sqlite3").exists()


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_concurrent_copies_into_one_target_one_wins(engine, db, tmp_path, request):
    ok_source = jsj_process("record", "9", "-u", "省交通厅", "-p", "45", "-d", "2022-06-30", "--db", str(db))
    assert ok_source.returncode == 0, ok_source.stderr
    target = str(tmp_path / "copy.sqlite3") if engine == "sqlite" else request.getfixturevalue("pg_url")
    racers = [
        subprocess.Popen(
            [sys.executable, "-m", "jinsanjiao_cli", "db", "copy", "--from", str(db), "--to", target],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outcomes = [(racer.wait(timeout=120), *racer.communicate()) for racer in racers]
    assert sorted(code for code, _, _ in outcomes) == [0, 1, 1], outcomes
    for code, _, stderr in outcomes:
        if code:
            assert stderr.count("\n") == 1 and "目标已有数据" in stderr and "duplicate" not in stderr, stderr
    with opening.open_ledger(target) as copied:
        assert copied.value("SELECT count(*) FROM milestone") == 1


# ==================================================================================================
# §5 Databases and URLs


def test_postgresql_query_values_reach_libpq_as_decoded(pg_ledger, jsj):
    url = pg_ledger + "&options=-c%20statement_timeout%3D5000&application_name=my%20app"
    with connect(url) as db:
        assert db.value("SHOW statement_timeout") == "5s"
        assert db.value("SELECT current_setting('application_name')") == "my app"
    ok(jsj("status", "--db", url))


def test_every_libpq_secret_is_masked(pg_ledger, jsj):
    url = pg_ledger + "&sslpassword=Key-S3cret&oauth_client_secret=Oauth-S3cret"
    info = ok(jsj("db", "info", "--format", "json", "--db", url))
    assert json.loads(info.stdout)["location"].endswith("&sslpassword=***&oauth_client_secret=***")
    missing = url.replace("?", "_absent?", 1).replace("/jsj_", "/absent_", 1)
    for args in (["db", "info", "--db", url], ["status", "--db", missing], ["--debug", "status", "--db", missing]):
        run = jsj_process(*args)
        text = (run.stdout + run.stderr).decode()
        assert "Key-S3cret" not in text and "Oauth-S3cret" not in text, text[-600:]
    unparsable = "mysql://h/db?sslpassword=Key-S3cret"
    stderr = one_line_error(jsj("status", "--db", unparsable))
    assert "Key-S3cret" not in stderr and "sslpassword=***" in stderr


def _old_ledger(path: Path) -> Path:
    """A ledger as jsj 0.1 left it: the first migration step only."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE migration (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.executescript(migrations.m001_initial("sqlite"))
    conn.execute("INSERT INTO migration VALUES ('m001_initial', '2026-11-27 10:00:00')")
    conn.close()
    return path


def test_a_read_only_old_ledger_says_it_must_be_upgraded_by_someone_who_can_write(jsj):
    source = Path(tempfile.mkdtemp(prefix="jsj-old-"))
    _old_ledger(source / "old.sqlite3")
    mount = Path(tempfile.mkdtemp(prefix="jsj-old-ro-"))
    if os.geteuid() == 0:
        bound = subprocess.run(["mount", "--bind", "-o", "ro", str(source), str(mount)], capture_output=True)
        assert bound.returncode == 0, bound.stderr
        subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], capture_output=True)
    else:
        mount.rmdir()
        mount = source
        (source / "old.sqlite3").chmod(0o444)
        source.chmod(0o555)
    try:
        for args in (["status"], ["history"], ["db", "info"]):
            stderr = one_line_error(jsj(*args, "--db", mount / "old.sqlite3"))
            pending = len(migrations.known_steps()) - 1  # every step after m001_initial
            assert f"需先升级结构（{pending} 步）才能查看或使用" in stderr and "有写权限的人运行一次 jsj" in stderr
            assert "可以查看；" not in stderr
    finally:
        if mount != source:
            subprocess.run(["umount", str(mount)], capture_output=True)
            mount.rmdir()
        source.chmod(0o755)
        shutil.rmtree(source)


def test_db_paths_that_name_no_ledger_are_refused_and_nothing_is_created(jsj, tmp_path, monkeypatch):
    missing = tmp_path / "typo.sqlite3"
    for args in (
        ["status"],
        ["record", "9", "-u", "省交通厅", "-p", "5"],
        ["import", tmp_path / "x.csv"],
        ["export", tmp_path / "x.xlsx"],
        ["db", "info"],
        ["history"],
    ):
        stderr = one_line_error(jsj(*args, "--db", missing))
        assert stderr == f"jsj: {missing} 没有台账，请先用 `jsj init --db {missing}` 创建\n", args
    monkeypatch.setenv("JSJ_DB", str(missing))
    assert one_line_error(jsj("status")) == f"jsj: {missing} 没有台账，请先用 `jsj init --db {missing}` 创建\n"
    english = one_line_error(jsj("status", "--lang", "en"))
    assert english == f"jsj: no ledger at {missing}, create it with `jsj init --db {missing}`\n"
    assert not missing.exists()
    ok(jsj("init"))
    ok(jsj("record", "9", "-u", "省交通厅", "-p", "5"))
    spaced = tmp_path / "my ledgers" / "a b.sqlite3"
    spaced.parent.mkdir()
    assert f"`jsj init --db '{spaced}'`" in one_line_error(jsj("status", "--db", spaced))


def test_an_empty_file_or_postgresql_schema_is_no_ledger_either(jsj, tmp_path, pg_url):
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert "没有台账" in one_line_error(jsj("status", "--db", empty))
    assert empty.read_bytes() == b""
    stderr = one_line_error(jsj("status", "--db", pg_url))
    assert "没有台账" in stderr and "jsj init --db" in stderr
    with connect(pg_url) as db:
        assert db.tables() == set()
    ok(jsj("init", "--db", pg_url))
    ok(jsj("status", "--db", pg_url))


@pytest.mark.parametrize("db_option", ["", "  "])
def test_an_empty_db_option_is_refused(jsj, db_option):
    assert one_line_error(jsj("status", "--db", db_option)).startswith("jsj: --db 为空")


def test_a_missing_directory_is_refused_even_by_init(jsj, tmp_path):
    target = tmp_path / "nonexistent" / "dir" / "x.sqlite3"
    stderr = one_line_error(jsj("init", "--db", target))
    assert stderr == f"jsj: {target}：目录 {target.parent} 不存在；请先创建该目录，或换一个位置\n"
    assert "没有台账" in one_line_error(jsj("status", "--db", target))
    assert not (tmp_path / "nonexistent").exists()


def test_a_failed_first_run_with_a_bad_plan_leaves_nothing_behind(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nplan: [\n", encoding="utf-8")
    data = tmp_path / "data"
    env = {"XDG_DATA_HOME": str(data), "JSJ_PLAN": str(bad), "JSJ_DB": ""}
    first = jsj_process("status", env=env)
    assert first.returncode == 1 and first.stderr.decode().startswith(f"jsj: {bad}:3: 不是有效的 YAML")
    assert not data.exists()
    init = jsj_process("init", "--db", str(tmp_path / "new.sqlite3"), env=env)
    assert init.returncode == 1 and not (tmp_path / "new.sqlite3").exists()
    good = jsj_process("status", "--format", "json", env={**env, "JSJ_PLAN": ""})
    assert good.returncode == 0 and (data / "jsj" / "jsj.sqlite3").exists()
    assert (
        good.stderr.decode()
        == f"已新建台账：{data / 'jsj' / 'jsj.sqlite3'}（首次使用；用 --db 或 JSJ_DB 可指定其他台账）\n"
    )
