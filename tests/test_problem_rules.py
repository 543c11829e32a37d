"""The problem list's rules (core/problems.py), tested directly: state as of a date, overdue, who is
involved, and the list's order (major, then overdue, then by due date)."""

import datetime as dt

from jinsanjiao_cli.core.problems import Problem, as_of, chosen, sort_key

D = dt.date


def problem(pid: int, *, major=False, due=None, state="open", closed_on=None, raised=D(2022, 3, 1), needs=()):
    return Problem(pid, 9, "任务", "省交通厅", "问题", needs, major, raised, due, state, closed_on, None, None, ())


def test_overdue_means_open_past_its_due_date():
    assert problem(1, due=D(2022, 6, 30)).overdue(D(2022, 7, 1))
    assert not problem(1, due=D(2022, 6, 30)).overdue(D(2022, 6, 30)), "due today is not yet overdue"
    assert not problem(1, due=D(2022, 6, 30), state="closed", closed_on=D(2022, 7, 5)).overdue(D(2022, 8, 1))
    assert not problem(1).overdue(D(2030, 1, 1)), "no due date, never overdue"


def test_a_problem_closed_later_was_open_then():
    closed = problem(1, state="closed", closed_on=D(2022, 6, 1))
    assert as_of(closed, D(2022, 5, 31)).state == "open" and as_of(closed, D(2022, 5, 31)).closed_on is None
    assert as_of(closed, D(2022, 6, 1)) is closed


def test_involves_the_raiser_and_the_units_asked_to_act():
    p = problem(1, needs=("运城市人民政府",))
    assert p.involves("省交通厅") and p.involves("运城市人民政府") and not p.involves("省商务厅")


def test_the_list_order_and_filters():
    day = D(2022, 7, 1)
    plain, late, major = problem(1, due=D(2022, 9, 1)), problem(2, due=D(2022, 6, 1)), problem(3, major=True)
    later = problem(4, raised=D(2022, 8, 1))
    assert [p.id for p in chosen([plain, late, major, later], day)] == [3, 2, 1], "raised after the date: not listed"
    assert sorted([plain, late, major], key=lambda p: sort_key(p, day))[0] is major
    closed = problem(5, state="closed", closed_on=D(2022, 6, 1))
    assert [p.id for p in chosen([closed, plain], day, state="closed")] == [5]
    # closed only later, so open on 1 May; a problem with a due date comes before one without
    assert [p.id for p in chosen([closed, plain], D(2022, 5, 1), state="open")] == [1, 5]
    assert [p.id for p in chosen([plain, major], day, major=True)] == [3]
