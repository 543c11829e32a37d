"""An import's staging (ledger/staging.py), tested directly on both engines: how staged rows are counted
(new, already present, matching only a withdrawn report, repeated within the file), the warning about
progress going backwards, and the batch that is written."""

import datetime as dt

import pytest

from jinsanjiao_cli.core.milestones import NewMilestone
from jinsanjiao_cli.ledger import opening, store
from jinsanjiao_cli.ledger.staging import BatchCounts, ImportStage, Issue

D = dt.date
COMPARED = ["task_no", "unit_id", "date", "progress", "status", "note", "project_id"]


@pytest.fixture
def db(ledger, jsj):
    assert jsj("status", "--format", "json").exit_code == 0  # the ledger exists, with the bundled plan
    with opening.open_ledger(ledger) as conn:
        yield conn


def report(db, unit: str, day: dt.date, progress: float, note: str | None = None) -> NewMilestone:
    unit_id = db.value("SELECT id FROM unit WHERE name = ?", (unit,))
    return NewMilestone(9, unit_id, day, progress, None, note, None, "test")


def test_rows_are_counted_new_present_withdrawn_or_repeated(db):
    stored = store.add_milestone(db, report(db, "省交通厅", D(2022, 5, 31), 30))
    withdrawn = store.add_milestone(db, report(db, "省交通厅", D(2022, 4, 30), 20))
    with db.write():
        store.void_milestone(db, withdrawn, reason="测试", by="test")
    stage = ImportStage(db, COMPARED)
    stage.add(
        [
            (2, report(db, "省交通厅", D(2022, 5, 31), 30)),  # the stored report: present
            (3, report(db, "省交通厅", D(2022, 4, 30), 20)),  # only the withdrawn one: not brought back
            (4, report(db, "省交通厅", D(2022, 6, 30), 45)),  # new
            (5, report(db, "省交通厅", D(2022, 6, 30), 45)),  # the same row again in the file
        ]
    )
    assert stage.count_new() == BatchCounts(1, 2, 1, 0)
    batch, counts = stage.write_batch("f.csv", None, "sha", "test", 0)
    assert counts == BatchCounts(1, 2, 1, 0) and batch is not None
    assert db.value("SELECT count(*) FROM milestone WHERE batch_id = ?", (batch,)) == 1
    assert stored != withdrawn
    stage.close()


def test_nothing_new_leaves_no_empty_batch(db):
    store.add_milestone(db, report(db, "省交通厅", D(2022, 5, 31), 30))
    stage = ImportStage(db, COMPARED)
    stage.add([(2, report(db, "省交通厅", D(2022, 5, 31), 30))])
    batch, counts = stage.write_batch("f.csv", None, "sha", "test", 0)
    assert batch is None and counts.rows_present == 1
    assert db.value("SELECT count(*) FROM batch") == 0
    stage.close()


def test_progress_going_backwards_against_the_ledger_and_within_the_file(db):
    store.add_milestone(db, report(db, "省交通厅", D(2022, 5, 31), 50))
    stage = ImportStage(db, COMPARED)
    stage.add(
        [
            (2, report(db, "省交通厅", D(2022, 6, 30), 40)),  # below the stored 50
            (3, report(db, "运城市人民政府", D(2022, 5, 31), 30)),
            (4, report(db, "运城市人民政府", D(2022, 6, 30), 25)),  # below the file's own earlier row
            (5, report(db, "省交通厅", D(2022, 4, 30), 10)),  # fills in older history: nothing stored before it
        ]
    )
    found = {(r.row, r.previous_date, r.previous_progress) for r in stage.regressions()}
    assert found == {(2, D(2022, 5, 31), 50.0), (4, D(2022, 5, 31), 30.0)}
    stage.close()


def test_a_rows_problem_is_raised_once_while_open(db):
    unit_id = db.value("SELECT id FROM unit WHERE name = ?", ("省交通厅",))
    issue = Issue(9, unit_id, "用地指标不足", D(2022, 6, 30))
    for expected in (1, 0):
        stage = ImportStage(db, COMPARED)
        stage.add([(2, report(db, "省交通厅", D(2022, 6, 30), 45, note=f"第{expected}次"))])
        _, counts = stage.write_batch("f.csv", None, "sha", "test", 0, [issue])
        assert counts.problems_raised == expected
        stage.close()
    assert db.value("SELECT count(*) FROM problem") == 1
