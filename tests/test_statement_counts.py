"""A command sends a fixed, small number of SQL statements, whatever the size of the plan or its history
(issue 18): the view reads one as-of picture in one transaction, then only computes. Counted through the
Database object, on both engines, on two plans of different sizes, with reports, problems and statistics."""

from pathlib import Path

import pytest

from jinsanjiao_cli.ledger.db import Database

REPO = Path(__file__).resolve().parent.parent
SECOND = REPO / "tests" / "plans" / "county-commerce-2024.yaml"

# The budget of each command (issue 18), and what it takes today.
BUDGET = {
    ("status",): 8,
    ("status", "--since", "2022-05-31"): 12,
    ("bulletin", "-", "--format", "md"): 12,
    ("export", "{tmp}/ledger.xlsx"): 15,
}


@pytest.fixture
def counted(monkeypatch):
    """Counts every statement a command sends through the Database object."""
    sent = []
    for name in ("query", "execute", "insert", "executemany", "copy_in", "stream"):
        original = getattr(Database, name)

        def counting(self, sql, *args, _original=original, **kwargs):
            sent.append(sql)
            return _original(self, sql, *args, **kwargs)

        monkeypatch.setattr(Database, name, counting)
    return sent


def _fill(jsj, task: int, units: list[str]) -> None:
    """Reports over several months by every unit of a task, a problem and a closed one."""
    for month in range(1, 7):
        for i, unit in enumerate(units):
            assert jsj("record", task, "-u", unit, "-p", 10 * month + i, "-d", f"2022-0{month}-20").exit_code == 0
    assert jsj("problem", "add", task, "-u", units[0], "--text", "用地指标不足", "--date", "2022-03-01").exit_code == 0


def _counts(jsj, counted, tmp_path) -> dict[tuple, int]:
    found = {}
    for command, budget in BUDGET.items():
        args = [part.format(tmp=tmp_path) for part in command]
        counted.clear()
        result = jsj(*args, "--as-of", "2022-06-30")
        assert result.exit_code == 0, result.output
        found[command] = len(counted)
        assert len(counted) <= budget, (command, counted)
    return found


def test_the_bundled_plan_within_budget_on_both_engines(ledger, jsj, counted, tmp_path):
    _fill(jsj, 9, ["省交通厅", "运城市人民政府"])
    _counts(jsj, counted, tmp_path)


def test_the_count_does_not_grow_with_the_plan_or_its_history(tmp_path, monkeypatch, jsj, counted):
    bundled = _counts(jsj, counted, tmp_path)
    _fill(jsj, 9, ["省交通厅", "运城市人民政府"])
    _fill(jsj, 3, ["省卫健委"])
    assert _counts(jsj, counted, tmp_path) == bundled, "more reports, the same statements"
    monkeypatch.setenv("JSJ_DB", str(tmp_path / "second.sqlite3"))
    monkeypatch.setenv("JSJ_PLAN", str(SECOND))
    assert jsj("init").exit_code == 0  # the ledger, with the second plan
    monkeypatch.delenv("JSJ_PLAN")  # (with it set, every command also checks it names the ledger's plan)
    assert _counts(jsj, counted, tmp_path) == bundled, "another plan, other tasks: the same statements"
