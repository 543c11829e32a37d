"""The README's formulas, checked against numbers worked out by hand."""

import datetime as dt

import pytest

from jinsanjiao_cli.core.progress import (
    AssignmentInput,
    Report,
    SectionInput,
    Settings,
    Snapshot,
    TaskInput,
    UnitActivity,
    assess,
    at_least_as_bad,
    expected_progress,
    judge,
    rank_desc,
)

START, END = dt.date(2021, 12, 19), dt.date(2023, 12, 31)  # 742 days


def test_expected_progress_is_the_share_of_days_elapsed():
    # 2022-06-30 is 193 days after 2021-12-19: 100 × 193 / 742 = 26.0108 %
    assert expected_progress(START, END, dt.date(2022, 6, 30)) == pytest.approx(26.0108, abs=1e-4)
    assert expected_progress(START, END, START) == 0
    assert expected_progress(START, END, dt.date(2021, 1, 1)) == 0
    assert expected_progress(START, END, END) == 100
    assert expected_progress(START, END, dt.date(2026, 11, 27)) == 100


@pytest.mark.parametrize(
    ("progress", "expected", "past_due", "light", "state"),
    [
        (100, 100, True, "done", "done"),
        (99.9, 50, True, "red", "overdue"),
        (60, 50, False, "green", "on_track"),
        (40.1, 50, False, "green", "on_track"),  # 9.9 behind
        (40, 50, False, "yellow", "behind"),  # exactly 10 behind
        (20, 50, False, "yellow", "behind"),  # exactly 30 behind
        (19.9, 50, False, "red", "seriously_behind"),  # 30.1 behind
    ],
)
def test_lights_follow_the_thresholds(progress, expected, past_due, light, state):
    judgement = judge(progress, expected, past_due, Settings())
    assert (judgement.light, judgement.state) == (light, state)


def test_thresholds_are_settings():
    strict = Settings(yellow_behind=5, red_behind=8)
    assert judge(44, 50, False, strict).light == "yellow"
    assert judge(41, 50, False, strict).light == "red"


def test_competition_ranking_shares_ties():
    assert rank_desc([50, 80, 50, 10]) == [2, 1, 2, 4]


def test_light_order_for_fail_on():
    assert at_least_as_bad("red", "yellow")
    assert at_least_as_bad("yellow", "yellow")
    assert not at_least_as_bad("green", "yellow")
    assert not at_least_as_bad("done", "red")


def _snapshot(settings=Settings(), as_of=dt.date(2022, 6, 30)) -> Snapshot:
    tasks = (
        TaskInput(1, "key_task", 1, "甲", START, END),
        TaskInput(2, "key_task", 1, "乙", START, END),
        TaskInput(3, "key_task", 2, "丙", START, END),
        TaskInput(17, "safeguard", None, "组织", START, END),
    )
    r = lambda p: Report(dt.date(2022, 6, 1), p)  # noqa: E731
    assignments = (
        AssignmentInput(1, "A", "lead", r(60)),
        AssignmentInput(1, "B", "support", r(30)),
        AssignmentInput(1, "C", "support", None),
        AssignmentInput(2, "B", "lead", r(100)),
        AssignmentInput(3, "C", "lead", r(10)),
        AssignmentInput(3, "A", "support", r(20)),
        AssignmentInput(17, "A", "lead", r(90)),
    )
    return Snapshot(
        as_of=as_of,
        settings=settings,
        sections=(SectionInput(1, "一"), SectionInput(2, "二")),
        tasks=tasks,
        assignments=assignments,
        units=("A", "B", "C"),
        activity={"A": UnitActivity(dt.date(2022, 6, 1), 3)},
    )


def test_task_unit_section_and_plan_completion_by_hand():
    overview = assess(_snapshot())
    by_no = {t.no: t for t in overview.tasks}
    # task 1: (60 + 30 + 0) / 3 = 30; task 2: 100; task 3: (10 + 20) / 2 = 15
    assert by_no[1].completion == pytest.approx(30)
    assert by_no[2].completion == pytest.approx(100)
    assert by_no[3].completion == pytest.approx(15)
    assert [t.no for t in overview.safeguards] == [17]  # listed, not counted
    # plan: (30 + 100 + 15) / 3 = 48.333…; sections: (30 + 100) / 2 = 65 and 15
    assert overview.completion == pytest.approx(48.3333, abs=1e-4)
    assert [s.completion for s in overview.sections] == pytest.approx([65, 15])
    # units: A (60 + 20) / 2 = 40, B (30 + 100) / 2 = 65, C (0 + 10) / 2 = 5 — task 17 not counted
    units = {u.name: u for u in overview.units}
    assert units["A"].completion == pytest.approx(40)
    assert units["B"].completion == pytest.approx(65)
    assert units["C"].completion == pytest.approx(5)
    assert [u.name for u in overview.units] == ["B", "A", "C"]
    assert [u.rank for u in overview.units] == [1, 2, 3]
    assert units["A"].tasks == 2 and units["A"].reports == 3 and units["B"].reports == 0


def test_lights_and_labels_in_the_overview():
    overview = assess(_snapshot())
    by_no = {t.no: t for t in overview.tasks}
    # 序时进度 26.01: task 1 at 30 is on track, task 2 done, task 3 at 15 is 11.01 behind → yellow
    assert by_no[1].judgement.light == "green"
    assert by_no[2].judgement.state == "done"
    assert by_no[3].judgement.state == "behind"
    unreported = next(a for a in by_no[1].assignments if a.unit == "C")
    assert unreported.judgement.state == "not_started"
    assert overview.light_counts == {"done": 1, "green": 1, "yellow": 1, "red": 0}
    assert by_no[1].lead_unit == "A" and by_no[1].units == ("A", "B", "C")


def test_role_weights_weight_the_task_mean():
    overview = assess(_snapshot(Settings(lead_weight=2, support_weight=1)))
    # task 1: (2×60 + 30 + 0) / 4 = 37.5
    assert overview.tasks[0].completion == pytest.approx(37.5)


def test_past_the_deadline_everything_unfinished_is_overdue():
    overview = assess(_snapshot(as_of=dt.date(2024, 1, 1)))
    states = {t.no: t.judgement.state for t in overview.tasks}
    assert states == {1: "overdue", 2: "done", 3: "overdue"}
    assert overview.judgement.state == "overdue"
