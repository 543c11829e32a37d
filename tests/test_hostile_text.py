"""Text that reaches a screen or a spreadsheet is inert: markup, escape sequences, formulas, control characters."""

import csv
import io
import json

import pytest

from jinsanjiao_cli.ledger import opening

MARKUP = ["[/red]", "[link=https://example.invalid]点我[/link]", "[bold]粗体", ":thumbs_up:"]


def test_markup_in_stored_text_is_shown_literally_everywhere(jsj):
    for i, note in enumerate(MARKUP):
        assert (
            jsj("record", "9", "-u", "省交通厅", "-p", str(10 + i), "-d", f"2022-06-0{i + 1}", "-n", note).exit_code
            == 0
        )
    assert jsj("indicator", "set", "运城", "2021", "--growth", "9.1", "--source", "[/i]").exit_code == 0
    screens = {
        "status": jsj("status", "--as-of", "2022-06-30"),
        "status --task": jsj("status", "--task", "9", "--as-of", "2022-06-30"),
        "history": jsj("history"),
        "indicator list": jsj("indicator", "list"),
    }
    for name, result in screens.items():
        assert result.exit_code == 0, (name, result.output)
        assert "internal error" not in result.output
    assert (
        "[/red]" in screens["history"].stdout
        and "[link=https://example.invalid]点我[/link]" in screens["history"].stdout
    )
    assert ":thumbs_up:" in screens["history"].stdout and "👍" not in screens["history"].stdout
    assert "[/i]" in screens["indicator list"].stdout
    assert ":thumbs_up:" in screens["status"].stdout  # the latest note of task 9
    assert "\x1b]8;" not in "".join(r.stdout for r in screens.values())  # no live hyperlink


def stored_with_escapes(db) -> None:
    """A note with terminal escapes as older data might hold it (today's entry checks refuse it)."""
    with opening.open_ledger(db) as ledger, ledger.write():
        unit = ledger.value("SELECT id FROM unit WHERE name = '省交通厅'")
        ledger.execute(
            "INSERT INTO milestone (task_no, unit_id, date, progress, note, recorded_at, recorded_by)"
            " VALUES (9, ?, '2022-06-01', 40, ?, '2022-06-01T00:00:00', 'old')",
            (unit, "\x1b[31m红\x1b]0;pwned\x07\rX\x9b2J"),
        )
        ledger.execute("INSERT INTO report_count VALUES (9, ?, '2022-06-01', 1, 1)", (unit,))


def test_escape_sequences_never_reach_the_terminal(jsj, db):
    stored_with_escapes(db)
    for args in (["history"], ["status", "--as-of", "2022-06-30"], ["status", "--task", "9", "--as-of", "2022-06-30"]):
        result = jsj(*args)
        assert result.exit_code == 0, result.output
        for raw in ("\x1b", "\x07", "\r", "\x9b"):
            assert raw not in result.stdout, (args, raw)
        assert "␛[31m红" in result.stdout
    assert json.loads(jsj("history", "--format", "json").stdout)[0]["note"].startswith("\x1b[31m")  # data intact


@pytest.mark.parametrize("note", ["\x1b[31m", "a\x07b", "\x7f", "x\x9by"])
def test_record_refuses_control_characters(jsj, db, note):
    result = jsj("record", "9", "-u", "省交通厅", "-p", "5", "-n", note)
    assert result.exit_code == 1 and "--note" in result.stderr and "控制字符" in result.stderr
    assert json.loads(jsj("history", "--format", "json").stdout) == []


def test_import_refuses_control_characters_the_same_way_and_round_trips(jsj, tmp_path):
    header = "序号,责任单位,填报日期,完成进度,最新进展\n"
    source = tmp_path / "esc.csv"
    source.write_text(header + "9,省交通厅,2022-06-30,45,完成\x1b[2J主体\n", encoding="utf-8")
    result = jsj("import", source)
    assert result.exit_code == 1 and "控制字符 U+001B" in result.stderr and "第2行" in result.stderr
    fine = tmp_path / "fine.csv"
    fine.write_text(header + '9,省交通厅,2022-06-30,45,"完成\r\n主体"\n', encoding="utf-8")
    assert jsj("import", fine).exit_code == 0
    ledger = tmp_path / "ledger.xlsx"
    assert jsj("export", ledger, "--as-of", "2022-12-31").exit_code == 0
    again = json.loads(jsj("import", ledger, "--sheet", "进展记录", "--format", "json").stdout)
    assert again["rows_new"] == 0 and again["rows_present"] == 1


INJECTIONS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_outputs_keep_formulas_inert_and_numbers_numbers(jsj, tmp_path):
    for i, text in enumerate(INJECTIONS[:4]):
        args = ["record", "9", "-u", "省交通厅", "-p", "0", "-d", f"2022-06-1{i}", "-n", text, "--status", text]
        assert jsj(*args).exit_code == 0
    assert jsj("indicator", "set", "运城", "2021", "--growth", "-5", "--source", "=cmd|' /C calc'!A0").exit_code == 0
    source = tmp_path / "=evil.csv"
    source.write_text("序号,责任单位,填报日期,完成进度\n1,运城,2022-01-01,1\n", encoding="utf-8")
    assert jsj("import", source).exit_code == 0
    outputs = {
        "history": jsj("history", "--format", "csv").stdout,
        "status tasks": jsj("status", "--format", "csv", "--as-of", "2022-06-30").stdout,
        "status units": jsj("status", "--format", "csv", "--table", "units", "--as-of", "2022-06-30").stdout,
        "status sections": jsj("status", "--format", "csv", "--table", "sections", "--as-of", "2022-06-30").stdout,
        "status task": jsj("status", "--task", "9", "--format", "csv", "--as-of", "2022-06-30").stdout,
        "indicator list": jsj("indicator", "list", "--format", "csv").stdout,
        "batches": jsj("batches", "--format", "csv").stdout,
    }
    for name, text in outputs.items():
        for row in csv_rows(text):
            for value in row.values():
                assert not value.startswith(("=", "+", "@", "\t", "\r")), (name, value)
                assert not value.startswith("-") or value.lstrip("-").replace(".", "").isdigit(), (name, value)
    history = csv_rows(outputs["history"])
    assert {r["note"] for r in history} >= {'\'=HYPERLINK("http://x")', "'+1+1", "'-2+3", "'@SUM(A1)"}
    assert {r["progress"] for r in history} == {"0.0", "1.0"}  # numbers stay numbers
    indicators = csv_rows(outputs["indicator list"])
    assert indicators[0]["growth"] == "-5.0" and indicators[0]["source"].startswith("'=cmd")
    assert csv_rows(outputs["batches"])[0]["file"].startswith("/")  # a path, not text starting with =
