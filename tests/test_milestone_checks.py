"""The checks a progress report must pass (core/milestones.py), tested directly on a plan index built by
hand: every door (record, amend, import, the portal) runs these same functions."""

import datetime as dt

import pytest

from jinsanjiao_cli.core.errors import BadValue, NotResponsible, UnknownProject, UnknownTask, UnknownUnit
from jinsanjiao_cli.core.milestones import (
    Draft,
    NewMilestone,
    PlanIndex,
    Previous,
    Refusal,
    check,
    refuse_if_strict,
    unit_name,
    warnings,
)
from jinsanjiao_cli.core.names import Named

D = dt.date
PLAN = PlanIndex(
    units=[Named("省交通厅", ("山西省交通运输厅", "交通厅")), Named("运城市人民政府", ("运城",)), Named("省商务厅")],
    responsible={9: {"省交通厅": 1, "运城市人民政府": 2}, 3: {}},
    projects={9: {"芮城通用机场": 7}, 3: {}},
    project_names={9: ["芮城通用机场"]},
)


def test_a_good_report_becomes_what_is_stored():
    stored = check(Draft(9, "运城", D(2022, 6, 30), 45.004, note="a\r\nb", project="芮城通用机场"), PLAN, "os")
    assert stored == NewMilestone(9, 2, D(2022, 6, 30), 45.0, None, "a\nb", 7, "os")
    assert unit_name(PLAN, stored) == "运城市人民政府"


@pytest.mark.parametrize(
    ("draft", "field", "error"),
    [
        (Draft(99, "运城", D(2022, 6, 30), 45), "task_no", UnknownTask),
        (Draft(9, "省商务厅", D(2022, 6, 30), 45), "unit", NotResponsible),
        (Draft(9, "不存在的单位", D(2022, 6, 30), 45), "unit", UnknownUnit),
        (Draft(3, "省商务厅", D(2022, 6, 30), 45), "unit", NotResponsible),  # a task with no units
        (Draft(9, "运城", D(2022, 6, 30), 45, project="别的项目"), "project", UnknownProject),
        (Draft(9, "运城", D(1899, 12, 31), 45), "date", BadValue),
        (Draft(9, "运城", D(2022, 6, 30), 100.01), "progress", BadValue),
        (Draft(9, "运城", D(2022, 6, 30), float("nan")), "progress", BadValue),
        (Draft(9, "运城", D(2022, 6, 30), 45, note="含\x1b控制符"), "note", BadValue),
        (Draft(9, "运城", D(2022, 6, 30), 45, status="x" * 32_768), "status", BadValue),
    ],
)
def test_each_refusal_names_its_field_and_error(draft, field, error):
    refused = check(draft, PLAN, "os")
    assert isinstance(refused, Refusal) and refused.field == field
    with pytest.raises(error):
        refused.raise_()


def stored(progress: float, day=D(2022, 6, 30), status=None) -> NewMilestone:
    return NewMilestone(9, 1, day, progress, status, None, None, "os")


def test_warnings_are_said_but_do_not_stop_a_report():
    today, start = D(2022, 7, 1), D(2021, 12, 19)
    assert warnings(stored(45), Previous(D(2022, 5, 31), 40), start, today) == []
    fields = [w.field for w in warnings(stored(30), Previous(D(2022, 5, 31), 40), start, today)]
    assert fields == ["progress"], "going backwards"
    assert [w.field for w in warnings(stored(45, D(2022, 7, 2)), None, start, today)] == ["date"], "in the future"
    assert [w.field for w in warnings(stored(45, D(2021, 12, 1)), None, start, today)] == ["date"], "before the plan"
    assert [w.field for w in warnings(stored(90, status="已完成"), None, start, today)] == ["status"]
    assert [w.field for w in warnings(stored(100, status="推进中"), None, start, today)] == ["status"]


def test_strict_turns_a_warning_into_a_refusal_and_nothing_else():
    found = warnings(stored(30), Previous(D(2022, 5, 31), 40), D(2021, 12, 19), D(2022, 7, 1))
    refuse_if_strict(found, strict=False)
    refuse_if_strict([], strict=True)
    with pytest.raises(BadValue, match="--strict"):
        refuse_if_strict(found, strict=True)
