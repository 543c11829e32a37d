"""The Picture: everything a view shows, as the ledger stood on one date.

`ledger.picture.read_picture` reads it in one read transaction, in a fixed handful of statements however
large the plan or its history; the views (views/) are pure functions of Pictures, so status, reports, the
bulletin, the assessment and every sheet of the export agree with each other, and can be tested without a
database. `--since` is a second, smaller reading: the assignments' latest reports at the earlier date.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from jinsanjiao_cli.core.assessment import Weights
from jinsanjiao_cli.core.cycle import Contact, Owed, Placements
from jinsanjiao_cli.core.names import Named
from jinsanjiao_cli.core.problems import Problem
from jinsanjiao_cli.core.progress import AssignmentInput, Snapshot
from jinsanjiao_cli.core.schedule import Period, Schedule
from jinsanjiao_cli.core.targets import Statistic, TargetInfo


class PlanHeader(NamedTuple):
    """The plan as its cover states it."""

    title: str
    issuer: str
    issued_on: dt.date
    period_start: dt.date
    period_end: dt.date
    base_year: int
    preamble: str | None
    recipients: tuple[str, ...]
    copied_to: tuple[str, ...]
    disclosure: str | None


class PartInfo(NamedTuple):
    no: int
    numeral: str | None
    title: str


class TaskText(NamedTuple):
    """What `jsj status --task` shows beside a task's figures: its words as the plan writes them."""

    text: str
    responsible_as_written: str | None
    part_no: int
    section_title: str | None


class Picture(NamedTuple):
    as_of: dt.date
    plan: PlanHeader
    snapshot: Snapshot  # what the progress maths needs (core/progress.py)
    parts: tuple[PartInfo, ...]
    task_texts: dict[int, TaskText]
    units: tuple[Named, ...]  # every unit: its plan name and what else it may be typed as
    coordinating: frozenset[str]  # the units added with `jsj unit add`: named in problems, owing nothing
    contacts: dict[str, Contact]
    weights: Weights  # the assessment's
    schedule: Schedule | None  # None: the plan has no reporting schedule
    periods: tuple[Period, ...]
    owed: tuple[Owed, ...]  # (key task, unit) pairs, plan order
    placed: Placements  # (task, unit) → the periods it reported for, each with its report's date
    last_reports: dict[str, dt.date]  # each unit's latest report on a key task, as of the date
    problems: tuple[Problem, ...]  # every problem as stored; views take them as of the date
    leads: dict[int, str]  # task → its lead unit (the unit asked to act on a problem that names none)
    targets: tuple[TargetInfo, ...]
    statistics: tuple[Statistic, ...]

    def at(self, as_of: dt.date, assignments: tuple[AssignmentInput, ...]) -> Snapshot:
        """The progress input at another date, from the assignments' latest reports then (--since, trend)."""
        return self.snapshot._replace(as_of=as_of, assignments=assignments, activity={})
