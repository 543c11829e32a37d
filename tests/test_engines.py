"""The same scenarios on SQLite and on PostgreSQL give the same answers.

Each scenario runs once per engine against a ledger of its own; the JSON (and the exported workbook's
cells) must be identical apart from what cannot be: the database location, the time things were
recorded, and the imported file's path.
"""

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

VOLATILE = {"recorded_at", "imported_at", "loaded_at"}


def normalise(document):
    """Drop the keys that name a moment; everything else must match between engines."""
    if isinstance(document, dict):
        return {k: normalise(v) for k, v in document.items() if k not in VOLATILE}
    if isinstance(document, list):
        return [normalise(v) for v in document]
    return document


@pytest.fixture
def both(pg_ledger, isolated) -> dict[str, str]:
    """One fresh ledger per engine: the SQLite copy of the plan-only template, and a new PostgreSQL schema
    made by `jsj init`."""
    return {"sqlite": str(isolated), "postgresql": pg_ledger}


def write_reports(path: Path) -> Path:
    rows = [
        ["序号", "责任单位", "填报日期", "完成进度", "状态", "最新进展", "重点项目"],
        [1, "运城", "2022-03-31", 20, "推进中", "园区规划获批", ""],
        [9, "省交通厅", "2022/6/30", "45%", "", "主体完工", "芮城通用机场"],
        [5, "省商务厅", "2022年6月30日", "３０％", "", "", ""],
        [5, "省商务厅", "2022年6月30日", "３０％", "", "", ""],  # repeated in the file: stored once
        [3, "临汾", "2022-09-30", 55.5, "", "=SUM(A1)", ""],
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def scenario(jsj, db: str, tmp_path: Path) -> dict:
    """Everything a month of use touches, returning what each reading command printed."""
    out: dict = {}

    def run(*args, code=0):
        result = jsj(*args, "--db", db)
        assert result.exit_code == code, (args, result.stdout, result.stderr)
        return result.stdout

    def data(*args):
        return normalise(json.loads(run(*args, "--format", "json")))

    run("record", "1", "-u", "省发改委", "-p", "40", "-d", "2022-02-15", "-n", "平台方案印发")
    run("record", "1", "-u", "省发改委", "-p", "35", "-d", "2022-02-15", "-n", "同日稍后更正")
    run("record", "9", "-u", "省交通厅", "-p", "10", "-d", "2022-01-20", "--project", "芮城通用机场")
    run("record", "12", "-u", "运城", "-p", "100", "-d", "2023-05-01", "--status", "已完成")
    run("indicator", "set", "运城", "2021", "--gdp", "2231.2", "--growth", "9.1", "--source", "公报")
    run("indicator", "set", "临汾", "2021", "--gdp", "1935.4", "--growth", "8.9")
    run("indicator", "set", "运城", "2022", "--growth", "5.6")
    run("indicator", "set", "临汾", "2020", "--gdp", "1800")
    run("indicator", "set", "运城", "2020", "--gdp", "2000")
    reports = write_reports(tmp_path / "reports.csv")
    first = data("import", str(reports))
    again = data("import", str(reports))
    out["imports"] = [{k: v for k, v in doc.items() if k != "file"} for doc in (first, again)]
    out["dry_run"] = {k: v for k, v in data("import", str(reports), "--dry-run").items() if k != "file"}
    for day in ("2022-03-31", "2022-06-30", "2023-12-31", "2024-06-30"):
        out[f"status {day}"] = data("status", "--as-of", day)
    out["status task 9"] = data("status", "--task", "9", "--as-of", "2022-12-31")
    out["status unit"] = data("status", "--unit", "运城", "--as-of", "2022-12-31")
    out["status units csv"] = run("status", "--format", "csv", "--table", "units", "--as-of", "2022-12-31")
    out["history"] = data("history")
    out["history task"] = data("history", "5", "--since", "2022-06-01", "--until", "2022-06-30")
    out["target"] = data("target", "--as-of-year", "2022")
    out["indicators"] = data("indicator", "list")
    out["batches"] = [{k: v for k, v in b.items() if k != "file"} for b in data("batches")]
    out["export"] = exported_cells(run, tmp_path / "ledger.xlsx")
    run("undo", "1", "--yes")
    out["after undo"] = data("status", "--as-of", "2022-12-31")
    out["history after undo"] = data("history")
    return out


def exported_cells(run, target: Path) -> dict:
    run("export", str(target), "--as-of", "2022-12-31")
    book = openpyxl.load_workbook(target)
    cells = {}
    for ws in book.worksheets:
        rows = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
        cells[ws.title] = rows
    return cells


def _cell(value):
    # The 进展记录 sheet has a recorded-at column: a moment, which differs between the two runs.
    return "<moment>" if isinstance(value, dt.datetime) and value.year > 2024 else value


def test_every_command_answers_the_same_on_both_engines(jsj, both, tmp_path):
    results = {}
    for engine, db in both.items():
        (tmp_path / engine).mkdir()
        results[engine] = scenario(jsj, db, tmp_path / engine)
    for key in results["sqlite"]:
        assert results["postgresql"][key] == results["sqlite"][key], key
    # and the scenario did what it says
    assert results["sqlite"]["imports"][0]["rows_new"] == 4 and results["sqlite"]["imports"][0]["rows_present"] == 1
    assert results["sqlite"]["imports"][1]["batch"] is None
    assert len(results["sqlite"]["history"]) == 8 and len(results["sqlite"]["history after undo"]) == 4


def test_bad_input_is_refused_the_same_way(jsj, both):
    for db in both.values():
        for args, message in (
            (["record", "99", "-u", "运城", "-p", "5"], "没有第 99 项任务"),
            (["record", "5", "-u", "省卫健委", "-p", "5"], "不是任务 5 的责任单位"),
            (["undo", "7"], "没有编号为 7 的导入批次"),
            (["status", "--task", "42"], "没有第 42 项任务"),
            (["history", "--unit", "人民政府"], "有歧义"),
        ):
            result = jsj(*args, "--db", db)
            assert result.exit_code == 1 and message in result.stderr, (db, args, result.stderr)
            assert result.stderr.count("\n") == 1
        assert json.loads(jsj("history", "--format", "json", "--db", db).stdout) == []
