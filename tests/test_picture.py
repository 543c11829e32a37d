"""The as-of Picture (ledger/picture.py) and the views built on it (views/): what the ledger holds on a date,
read in one transaction on both engines; and the views as pure functions of a Picture built by hand."""

import datetime as dt

import pytest

from jinsanjiao_cli.core import progress
from jinsanjiao_cli.core.assessment import Weights
from jinsanjiao_cli.core.cycle import Contact, Owed
from jinsanjiao_cli.core.names import Named
from jinsanjiao_cli.core.picture import PartInfo, Picture, PlanHeader, TaskText
from jinsanjiao_cli.core.problems import Problem, Update
from jinsanjiao_cli.core.progress import AssignmentInput, Report, SectionInput, Settings, Snapshot, TaskInput
from jinsanjiao_cli.core.schedule import Schedule, periods
from jinsanjiao_cli.ledger import opening
from jinsanjiao_cli.ledger.picture import latest_at_month_ends, latest_reports, read_picture
from jinsanjiao_cli.views.assessment import assessment
from jinsanjiao_cli.views.cycle import reporting_view
from jinsanjiao_cli.views.status import status_view
from jinsanjiao_cli.views.trend import monthly_trend

D = dt.date


# ---------------------------------------------------------------- read from the ledger, both engines


def test_the_picture_holds_what_was_recorded_as_of_its_date(ledger, jsj):
    for args in (
        ("record", 9, "-u", "省交通厅", "-p", 20, "-d", "2022-03-20", "--note", "开工"),
        ("record", 9, "-u", "省交通厅", "-p", 45, "-d", "2022-06-20", "--project", "芮城通用机场"),
        ("record", 9, "-u", "运城", "-p", 30, "-d", "2022-07-05"),  # after the as-of date: not in the picture
        ("problem", "add", 9, "-u", "省交通厅", "--text", "用地", "--needs", "运城", "--date", "2022-04-01"),
        ("problem", "update", 1, "--note", "已协调", "--date", "2022-05-01"),
        ("unit", "set", "省交通厅", "--contact", "张三"),
        ("indicator", "set", "运城", "2021", "--growth", "9.1"),
    ):
        assert jsj(*args).exit_code == 0
    with opening.open_ledger(ledger) as db:
        picture = read_picture(db, D(2022, 6, 30))
        earlier = latest_reports(db, D(2022, 4, 30))
        at_ends = latest_at_month_ends(db, [D(2022, 3, 31), D(2022, 6, 30)])
    mine = {(a.task_no, a.unit): a.latest for a in picture.snapshot.assignments}
    assert mine[(9, "省交通厅")] == Report(
        D(2022, 6, 20), 45.0, None, None, "芮城通用机场", mine[(9, "省交通厅")].recorded_at
    )
    assert mine[(9, "运城市人民政府")] is None
    assert {(a.task_no, a.unit): a.latest.progress for a in earlier if a.latest} == {(9, "省交通厅"): 20.0}
    assert at_ends == {D(2022, 3, 31): {(9, "省交通厅"): 20.0}, D(2022, 6, 30): {(9, "省交通厅"): 45.0}}
    # the reporting windows: March's report counts for 2022-03, June's for 2022-06
    labels = {picture.periods[i].label for i in picture.placed[(9, "省交通厅")]}
    assert labels == {"2022-03", "2022-06"}
    assert picture.last_reports == {"省交通厅": D(2022, 6, 20)}
    assert picture.snapshot.activity["省交通厅"].reports == 2
    (problem,) = picture.problems
    assert (problem.task, problem.unit, problem.needs, problem.raised) == (
        9,
        "省交通厅",
        ("运城市人民政府",),
        D(2022, 4, 1),
    )
    assert problem.updates[0][:3] == (D(2022, 5, 1), "note", "已协调")
    assert picture.contacts["省交通厅"] == Contact("省交通厅", "张三", None, None)
    assert [(s.scope, s.year, s.growth) for s in picture.statistics] == [("运城市", 2021, 9.1)]
    assert picture.targets[0].key == "gdp_growth" and picture.plan.base_year == 2020
    assert picture.task_texts[9].section_title is not None


# ---------------------------------------------------------------- views, without a database

START, END = D(2022, 1, 1), D(2022, 12, 31)


def small_picture(as_of: dt.date, *, p1: float | None, p2: float | None, placed: dict) -> Picture:
    """Two key tasks over 2022, monthly reports due on the 25th; unit A leads task 1, B leads task 2."""
    schedule = Schedule("monthly", 25, "2022-01", "2022-12")
    tasks = (TaskInput(1, "key_task", 1, "一", START, END), TaskInput(2, "key_task", 1, "二", START, END))
    assignments = (
        AssignmentInput(1, "A", "lead", Report(D(2022, 3, 20), p1) if p1 is not None else None),
        AssignmentInput(2, "B", "lead", Report(D(2022, 3, 20), p2) if p2 is not None else None),
    )
    snapshot = Snapshot(as_of, Settings(), (SectionInput(1, "一节"),), tasks, assignments, ("A", "B"), {})
    return Picture(
        as_of=as_of,
        plan=PlanHeader("计划", "发改委", START, START, END, 2021, None, (), (), None),
        snapshot=snapshot,
        parts=(PartInfo(1, "一", "任务"),),
        task_texts={1: TaskText("一", None, 1, "一节"), 2: TaskText("二", None, 1, "一节")},
        units=(Named("A"), Named("B")),
        coordinating=frozenset(),
        contacts={},
        weights=Weights(),
        schedule=schedule,
        periods=periods(schedule, START),
        owed=(Owed(1, "一", "A"), Owed(2, "二", "B")),
        placed=placed,
        last_reports={},
        problems=(),
        leads={1: "A", 2: "B"},
        targets=(),
        statistics=(),
    )


def test_status_from_a_picture_by_hand():
    # 31 March: 序时进度 = 100 × 89 / 364 = 24.45; A at 30 is on track, B at 10 is 14.45 behind: yellow
    picture = small_picture(D(2022, 3, 31), p1=30, p2=10, placed={})
    view = status_view(picture, progress.assess(picture.snapshot))
    assert view.overview.expected == pytest.approx(100 * 89 / 364)
    assert view.overview.completion == 20
    assert [t.judgement.light for t in view.tasks] == ["green", "yellow"]
    assert [u.name for u in view.units] == ["A", "B"]


def test_reporting_and_assessment_from_a_picture_by_hand():
    # Due by 31 March: January, February and March (25th). A reported for all three on time, B for March only.
    on_time = {0: D(2022, 1, 20), 1: D(2022, 2, 20), 2: D(2022, 3, 20)}
    placed = {(1, "A"): on_time, (2, "B"): {2: D(2022, 3, 20)}}
    picture = small_picture(D(2022, 3, 31), p1=30, p2=10, placed=placed)
    cycle = reporting_view(picture)
    assert cycle.on_time_rate("A") == 100 and cycle.on_time_rate("B") == pytest.approx(100 / 3)
    scores = {s.name: s for s in assessment(picture, progress.assess(picture.snapshot))}
    expected = 100 * 89 / 364
    # C = 100·min(1, completion/序时进度); R = on-time rate; no problem due, so no P: its weight is shared
    # between C and R in proportion (0.60/0.85 and 0.25/0.85)
    assert scores["A"].c == 100 and scores["A"].p is None and scores["A"].score == 100
    assert scores["B"].c == pytest.approx(100 * 10 / expected)
    b = 0.60 / 0.85 * (100 * 10 / expected) + 0.25 / 0.85 * (100 / 3)
    assert scores["B"].score == pytest.approx(round(b, 2))


def test_the_monthly_trend_is_the_core_at_each_month_end():
    picture = small_picture(D(2022, 3, 31), p1=30, p2=10, placed={})
    at = {D(2022, 1, 31): {}, D(2022, 2, 28): {(1, "A"): 10.0}, D(2022, 3, 31): {(1, "A"): 30.0, (2, "B"): 10.0}}
    points = monthly_trend(picture, at)
    assert [p.completion for p in points] == [0, 5, 20]
    assert points[-1].units == {"A": 30, "B": 10}
    assert points[1].expected == pytest.approx(100 * 58 / 364)


def test_problems_in_a_picture_are_taken_as_of_its_date():
    closed_later = Problem(1, 1, "一", "A", "用地", (), False, D(2022, 2, 1), None, "closed", D(2022, 5, 1), "好", None,
                           (Update(D(2022, 5, 1), "close", "好", "x"),))  # fmt: skip
    picture = small_picture(D(2022, 3, 31), p1=30, p2=10, placed={})._replace(problems=(closed_later,))
    view = status_view(picture, progress.assess(picture.snapshot))
    assert [p.state for p in view.problems] == ["open"], "closed only after the date: open then"
