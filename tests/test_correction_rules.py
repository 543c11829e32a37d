"""Correcting and withdrawing a stored report (actions/milestones.py: amend, void), called directly as the CLI
and the portal call them, on both engines: a correction is a new version that supersedes the old one, a void
keeps the report with its reason, nothing is overwritten, and only an effective report can change.
(test_corrections.py covers the same through the real `jsj amend`, `jsj void` and the exports.)"""

import datetime as dt

import pytest

from jinsanjiao_cli.actions import milestones as actions
from jinsanjiao_cli.core.access import Actor
from jinsanjiao_cli.core.errors import BadValue, Forbidden, UnknownProject
from jinsanjiao_cli.core.milestones import Draft
from jinsanjiao_cli.ledger import opening, store

TODAY = dt.date(2022, 7, 5)
SW, JT = "省商务厅", "省交通厅"


@pytest.fixture
def db(ledger):
    with opening.open_ledger(ledger) as conn:
        yield conn


def recorded(db, unit: str = SW, progress: float = 40, note: str | None = "原文") -> int:
    draft = Draft(5 if unit == SW else 9, unit, dt.date(2022, 6, 30), progress, "推进中", note)
    return actions.record(db, draft, by="录入员", strict=False, today=TODAY).id


def amended(db, milestone_id: int, **change) -> actions.Changed:
    amendment = actions.Amendment(**change)
    return actions.amend(db, milestone_id, amendment, reason="笔误", by="审核员", strict=False, today=TODAY)


def states(db) -> list[tuple]:
    return [tuple(r) for r in db.query("SELECT id, state, supersedes, progress FROM milestone ORDER BY id")]


def test_an_amendment_is_a_new_version_and_the_old_one_stays_superseded(db):
    first = recorded(db)
    changed = amended(db, first, progress=45.0)
    assert changed.new_id == first + 1 and changed.milestone.progress == 45.0 and changed.unit == SW
    assert states(db) == [(first, "superseded", None, 40.0), (first + 1, "effective", first, 45.0)]
    new = store.milestone(db, changed.new_id)
    # the fields not given are kept; who recorded it stays, who changed it and why are added
    assert (new["note"], new["status"], new["recorded_by"]) == ("原文", "推进中", "录入员")
    assert (new["reason"], new["changed_by"]) == ("笔误", "审核员")


def test_a_text_field_given_as_none_is_cleared(db):
    changed = amended(db, recorded(db), note=None)
    assert store.milestone(db, changed.new_id)["note"] is None


def test_only_the_effective_version_can_be_amended_again(db):
    first = recorded(db)
    second = amended(db, first, progress=45.0).new_id
    with pytest.raises(actions.NotEffective, match=f"进展记录 #{first} 已被 #{second} 更正；请更正 #{second}"):
        amended(db, first, progress=50.0)
    third = amended(db, second, progress=50.0).new_id
    assert [s[1] for s in states(db)] == ["superseded", "superseded", "effective"] and third == second + 1


def test_an_amendment_that_changes_nothing_is_refused_and_nothing_is_stored(db):
    first = recorded(db)
    with pytest.raises(BadValue, match=f"#{first}：没有要更正的内容"):
        amended(db, first)
    with pytest.raises(BadValue, match=f"#{first}：更正后的内容与原记录相同"):
        amended(db, first, progress=40.0, note="原文")
    with pytest.raises(actions.UnknownMilestone, match="没有编号为 999 的进展记录"):
        amended(db, 999, progress=1.0)
    assert states(db) == [(first, "effective", None, 40.0)]


def test_an_amended_value_passes_the_same_checks_as_a_report(db):
    first = recorded(db)
    with pytest.raises(BadValue):
        actions.amendment_from("101", None, None, None, None)
    with pytest.raises(UnknownProject, match="任务 5 下没有项目“不存在的项目”"):
        amended(db, first, project="不存在的项目")
    assert states(db) == [(first, "effective", None, 40.0)]


def test_amendment_from_reads_typed_options_and_leaves_the_others_unchanged():
    change = actions.amendment_from("45.5", "2022/7/1", None, "", None)
    assert change.progress == 45.5 and change.date == dt.date(2022, 7, 1)
    assert change.note is None  # "" clears the note
    assert change.status is actions.UNCHANGED and change.project is actions.UNCHANGED


def test_a_void_keeps_the_report_with_its_reason_and_it_stops_counting(db):
    first = recorded(db)
    other = recorded(db, JT, 30)
    voided = actions.void(db, first, reason="  重复填报 ", by="审核员")
    assert voided.new_id is None and voided.milestone.progress == 40.0
    row = store.milestone(db, first)
    assert (row["state"], row["void_reason"], row["voided_by"]) == ("voided", "重复填报", "审核员")
    assert db.value("SELECT count(*) FROM milestone WHERE state = 'effective'") == 1
    with pytest.raises(actions.NotEffective, match=f"进展记录 #{first} 已作废（重复填报）"):
        amended(db, first, progress=41.0)
    with pytest.raises(actions.NotEffective):
        actions.void(db, first, reason="再次", by="审核员")
    with pytest.raises(BadValue, match="作废须说明原因"):
        actions.void(db, other, reason="  ", by="审核员")
    assert store.milestone(db, other)["state"] == "effective"


def test_a_unit_account_corrects_only_its_own_units_reports_and_only_an_analyst_voids(db):
    first = recorded(db)
    own, other, viewer = Actor("sw", "unit", SW), Actor("jt", "unit", JT), Actor("v", "viewer", None)
    change = actions.Amendment(progress=41.0)
    with pytest.raises(Forbidden, match="这是其他单位的数据"):
        actions.amend(db, first, change, reason=None, by="jt", strict=False, today=TODAY, actor=other)
    with pytest.raises(Forbidden, match="只读账户不能修改数据"):
        actions.amend(db, first, change, reason=None, by="v", strict=False, today=TODAY, actor=viewer)
    with pytest.raises(Forbidden, match="只有分析员账户可以这样做"):
        actions.void(db, first, reason="错", by="sw", actor=own)
    assert actions.amend(db, first, change, reason=None, by="sw", strict=False, today=TODAY, actor=own).new_id
