"""The problem list (问题清单) and its closure (销号): the problem as plain data, and the rules on it.

A responsible unit raises a problem on a task it holds; it may name the units asked to act (`needs`), be
marked major (to go up to the provincial government) and have a due date. Progress notes are added as it
moves; it is closed with a note (and evidence), and may be reopened. As of a date D an open problem is
overdue when its due date is before D. Lists put major problems first, then overdue ones. The ledger
(ledger/problems.py) stores them; nothing here reads or writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from jinsanjiao_cli.core.errors import BadValue, JsjError
from jinsanjiao_cli.text.i18n import t


class UnknownProblem(JsjError):
    """No problem has that id."""


class ProblemState(JsjError):
    """Closing a closed problem, or reopening an open one."""


class Update(NamedTuple):
    date: dt.date
    kind: str  # note | close | reopen
    note: str
    by: str


class Problem(NamedTuple):
    id: int
    task: int
    title: str
    unit: str  # the unit that raised it
    text: str
    needs: tuple[str, ...]  # the units asked to act
    major: bool
    raised: dt.date
    due: dt.date | None
    state: str  # open | closed
    closed_on: dt.date | None
    closing_note: str | None
    evidence: str | None
    updates: tuple[Update, ...]

    def overdue(self, as_of: dt.date) -> bool:
        return self.state == "open" and self.due is not None and self.due < as_of

    def involves(self, unit: str) -> bool:
        return unit == self.unit or unit in self.needs


def refuse_before(day: dt.date, earliest: dt.date, field: str, key: str = "problem.before_raised") -> None:
    """A problem's dates follow one another: due, closed, a note and a reopening come on or after the day it
    was raised (and a reopening on or after its closing); anything else is refused with one line."""
    if day < earliest:
        raise BadValue(t(key, field=field, date=day.isoformat(), earliest=earliest.isoformat()))


def sort_key(problem: Problem, as_of: dt.date) -> tuple[bool, bool, bool, dt.date, int]:
    """Major problems first, then overdue ones, then by due date (none last) and number."""
    return (not problem.major, not problem.overdue(as_of), problem.due is None, problem.due or dt.date.max, problem.id)


def state_as_of(problem: Problem, as_of: dt.date) -> str:
    """Closed only if it was closed on or before `as_of` (a problem closed later was open then)."""
    if problem.state == "closed" and problem.closed_on is not None and problem.closed_on > as_of:
        return "open"
    return problem.state


def as_of(problem: Problem, day: dt.date) -> Problem:
    """The problem as it stood on `day`: open if it was closed only later."""
    if state_as_of(problem, day) == problem.state:
        return problem
    return problem._replace(state="open", closed_on=None, closing_note=None, evidence=None)


def chosen(
    problems: Iterable[Problem],
    as_of_day: dt.date,
    *,
    state: str | None = "open",
    unit: str | None = None,
    task: int | None = None,
    major: bool = False,
) -> list[Problem]:
    """Problems raised by `as_of_day`, filtered, in list order (major, then overdue first)."""
    found = [
        p
        for p in problems
        if p.raised <= as_of_day
        and (state is None or state_as_of(p, as_of_day) == state)
        and (unit is None or p.involves(unit))
        and (task is None or p.task == task)
        and (not major or p.major)
    ]
    return sorted(found, key=lambda p: sort_key(p, as_of_day))
