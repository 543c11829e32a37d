"""What `jsj status` shows, assembled from a Picture: the core's results, filtered, with the plan's details.

Pure: computes nothing the core does not; every figure is computed on the whole plan and filters only
choose rows.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from jinsanjiao_cli.core import problems as problem_rules
from jinsanjiao_cli.core import progress
from jinsanjiao_cli.core.cycle import Reporting
from jinsanjiao_cli.core.errors import BadValue, UnknownTask
from jinsanjiao_cli.core.names import resolve_unit
from jinsanjiao_cli.core.picture import Picture
from jinsanjiao_cli.core.problems import Problem
from jinsanjiao_cli.core.progress import (
    NOT_COUNTED,
    Changes,
    Judgement,
    Overview,
    SectionResult,
    TaskResult,
    UnitResult,
    changes_since,
)
from jinsanjiao_cli.core.schedule import Period, last_due
from jinsanjiao_cli.core.targets import TargetInfo, Track
from jinsanjiao_cli.text.i18n import t
from jinsanjiao_cli.views.cycle import reporting_view
from jinsanjiao_cli.views.documents import (
    day,
    problem_counts,
    problem_document,
    r2,
    section_identity,
    state_label,
)
from jinsanjiao_cli.views.targets import target_document, target_tracks


class ReportingStatus(NamedTuple):
    """What `jsj status` says of the reporting cycle: the last period due, and each unit's record."""

    period: Period | None  # the latest period due by the as-of date; None before the first due date
    owed: int
    reported: int  # on time
    late: int
    overdue: int
    unit_overdue: dict[str, int]  # reports overdue for that period, per unit
    unit_rate: dict[str, float | None]  # on-time reporting rate over every period due so far, per unit
    unit_late: dict[str, int]  # reports made late for that period, per unit


def reporting_status(view: Reporting) -> ReportingStatus:
    period = last_due(view.periods, view.as_of)
    items = view.items(view.periods.index(period)) if period else []
    return ReportingStatus(
        period,
        len(items),
        sum(i.state == "reported" for i in items),
        sum(i.state == "late" for i in items),
        sum(i.state == "overdue" for i in items),
        {u: sum(i.state == "overdue" and i.owed.unit == u for i in items) for u in view.units},
        {u: view.on_time_rate(u) for u in view.units},
        {u: sum(i.state == "late" and i.owed.unit == u for i in items) for u in view.units},
    )


class StatusView(NamedTuple):
    title: str
    period_start: dt.date
    period_end: dt.date
    overview: Overview
    sections: tuple[SectionResult, ...]
    tasks: tuple[TaskResult, ...]
    units: tuple[UnitResult, ...]
    reporting: ReportingStatus | None = None
    problems: tuple[Problem, ...] = ()  # every problem raised by the as-of date, as it stood then
    targets: tuple[tuple[Track, TargetInfo], ...] = ()  # every target, in the plan's order
    unit: str | None = None  # --unit: the unit whose own assignments the task rows show
    changes: Changes | None = None  # --since: completion now minus then

    @property
    def target(self) -> Track | None:
        """The plan's first target's track (`jsj status` JSON `target`, as 0.1 printed it)."""
        return self.targets[0][0] if self.targets else None

    @property
    def target_info(self) -> TargetInfo | None:
        return self.targets[0][1] if self.targets else None

    @property
    def period_ended(self) -> bool:
        """After the plan's end every figure is final: 序时进度 is 100 and unfinished work is late."""
        return self.overview.as_of > self.period_end


class TaskDetail(NamedTuple):
    overview: Overview
    result: TaskResult
    text: str
    section_title: str | None
    responsible_as_written: str | None
    projects: tuple = ()  # the task's projects, each with the latest report naming it (ledger.store)
    problems: tuple[Problem, ...] = ()  # the task's open problems as of the date


def find_unit(picture: Picture, typed: str) -> str:
    """The unit's plan name for whatever the user typed (full name, written name, alias)."""
    return resolve_unit(list(picture.units), typed).name


def require_task(picture: Picture, no: int) -> None:
    """UnknownTask unless the plan has task `no`."""
    if no not in picture.task_texts:
        raise UnknownTask(t("store.unknown_task", no=no, count=len(picture.task_texts)))


def problems_as_of(picture: Picture) -> tuple[Problem, ...]:
    """Every problem raised by the picture's date, as it stood then (one closed later was open)."""
    day = picture.as_of
    return tuple(problem_rules.as_of(p, day) for p in problem_rules.chosen(picture.problems, day, state=None))


def status_view(
    picture: Picture,
    overview: Overview,
    *,
    unit: str | None = None,
    section: int | None = None,
    earlier: Overview | None = None,
) -> StatusView:
    """The status screen's contents. Filters choose rows; every figure is computed on the whole plan.
    `earlier` is the same picture at the --since date, for the change since then."""
    tasks, units, sections = overview.tasks, overview.units, overview.sections
    if section is not None:
        numbered = [s for s in overview.sections if s.kind == "section"]
        if section not in {s.no for s in numbered}:
            raise BadValue(t("status.no_section", no=section, count=len(numbered)))
        tasks = tuple(t for t in tasks if t.section_no == section)
        sections = tuple(s for s in sections if s.kind == "section" and s.no == section)
        involved = {a.unit for t in tasks for a in t.assignments}
        units = tuple(u for u in units if u.name in involved)
    name = None
    if unit is not None:
        name = find_unit(picture, unit)
        tasks = tuple(t for t in tasks if name in t.units)
        units = tuple(u for u in units if u.name == name)
        held = {progress.row_key(t.section_no, t.part_no) for t in tasks}
        sections = tuple(s for s in sections if s.key in held)
    cycle = reporting_view(picture)
    summary = reporting_status(cycle) if cycle is not None else None
    plan = picture.plan
    changes = changes_since(overview, earlier, plan.period_start) if earlier is not None else None
    return StatusView(
        plan.title, plan.period_start, plan.period_end, overview, sections, tasks, units, summary,
        problems_as_of(picture), target_tracks(picture), name, changes,
    )  # fmt: skip


def task_detail(picture: Picture, overview: Overview, no: int, projects: tuple = ()) -> TaskDetail:
    text = picture.task_texts[no]
    result = next(t for t in (*overview.tasks, *overview.safeguards) if t.no == no)
    return TaskDetail(
        overview=overview,
        result=result,
        text=text.text,
        section_title=text.section_title,
        responsible_as_written=text.responsible_as_written,
        projects=projects,
        problems=tuple(p for p in problems_as_of(picture) if p.task == no and p.state == "open"),
    )


def overview(picture: Picture) -> Overview:
    """The core's results for the picture (completion, 序时进度, lights, ranking)."""
    return progress.assess(picture.snapshot)


# ---------------------------------------------------------------- the status document (`--format json`)


def _judgement_keys(judgement: Judgement) -> dict:
    """light, state and label; an uncounted item (a safeguard) has no light: `light` null, `state`
    `not_counted`."""
    light = None if judgement == NOT_COUNTED else judgement.light
    return {"light": light, "state": judgement.state, "label": state_label(judgement)}


def _expected(value: float, judgement: Judgement) -> float | None:
    """序时进度 beside a figure judged against it; null beside an uncounted item's."""
    return None if judgement == NOT_COUNTED else r2(value)


def task_record(task: TaskResult, problems: tuple[int, int] = (0, 0), changes=None, unit: str | None = None) -> dict:
    """A task as JSON; `problems` is its (open, overdue) problem count, `changes` the --since figures and
    `unit` the --unit whose own assignment the task's `unit` key shows."""
    return {
        "no": task.no,
        "title": task.title,
        "section": task.section_no,
        "lead_unit": task.lead_unit,
        "units": list(task.units),
        "completion": r2(task.completion),
        "expected": _expected(task.expected, task.judgement),
        **_judgement_keys(task.judgement),
        "delta": r2(changes.tasks.get(task.no)) if changes else None,
        "latest_date": day(task.latest.date) if task.latest else None,
        "latest_note": task.latest.note if task.latest else None,
        "latest_unit": task.latest_unit,
        "deadline": day(task.deadline),
        "problems_open": problems[0],
        "problems_overdue": problems[1],
        "part": task.part_no,  # added after the CSV's first columns, which scripts read by position
        "unit": own_assignment(task, unit, changes) if unit else None,
        "assignments": [
            {
                "unit": a.unit,
                "role": a.role,
                "progress": r2(a.progress),
                "expected": _expected(a.expected, a.judgement),
                **_judgement_keys(a.judgement),
                "latest_date": day(a.latest.date) if a.latest else None,
                "status": a.latest.status if a.latest else None,
                "note": a.latest.note if a.latest else None,
                "project": a.latest.project if a.latest else None,
            }
            for a in task.assignments
        ],
    }


def own(task: TaskResult, unit: str):
    return next((a for a in task.assignments if a.unit == unit), None)


def own_assignment(task: TaskResult, unit: str, changes=None) -> dict | None:
    """One unit's own part in a task (`jsj status --unit`): its progress, light, latest report and note."""
    mine = own(task, unit)
    if mine is None:
        return None
    return {
        "name": mine.unit,
        "role": mine.role,
        "progress": r2(mine.progress),
        "expected": r2(mine.expected),
        **_judgement_keys(mine.judgement),
        "delta": r2(changes.assignments.get((task.no, unit))) if changes else None,
        "latest_date": day(mine.latest.date) if mine.latest else None,
        "note": mine.latest.note if mine.latest else None,
    }


def task_problem_counts(raised, as_of: dt.date) -> dict[int, tuple[int, int]]:
    """Task → (open problems, overdue ones) as of the date."""
    counts: dict[int, tuple[int, int]] = {}
    for problem in raised:
        if problem.state == "open":
            opened, late = counts.get(problem.task, (0, 0))
            counts[problem.task] = (opened + 1, late + problem.overdue(as_of))
    return counts


def unit_record(unit: UnitResult, reporting=None, changes=None) -> dict:
    return {
        "name": unit.name,
        "tasks": unit.tasks,
        "completion": r2(unit.completion),
        "expected": r2(unit.expected),
        **_judgement_keys(unit.judgement),
        "delta": r2(changes.units.get(unit.name)) if changes else None,
        "rank": unit.rank,
        "last_report": day(unit.last_report) or None,
        "reports": unit.reports,
        "late": reporting.unit_late.get(unit.name, 0) if reporting else 0,
        "overdue": reporting.unit_overdue.get(unit.name, 0) if reporting else 0,
        "reporting_rate": r2(reporting.unit_rate.get(unit.name)) if reporting else None,
    }


def status_document(view) -> dict:
    o: Overview = view.overview
    counts = task_problem_counts(view.problems, o.as_of)
    changes = view.changes
    return {
        "as_of": o.as_of.isoformat(),
        "since": day(changes.since) if changes else None,
        "plan": {
            "title": view.title,
            "period_start": view.period_start.isoformat(),
            "period_end": view.period_end.isoformat(),
            "period_ended": view.period_ended,
            "completion": r2(o.completion),
            "expected": r2(o.expected),
            **_judgement_keys(o.judgement),
            "delta": r2(changes.plan) if changes else None,
            "light_counts": o.light_counts,
        },
        "sections": [
            {
                **section_identity(s),
                "tasks": s.tasks,
                "completion": r2(s.completion),
                "expected": r2(s.expected),
                **_judgement_keys(s.judgement),
                "delta": r2(changes.sections.get(s.key)) if changes else None,
            }
            for s in view.sections
        ],
        "unit": view.unit,
        "tasks": [task_record(task, counts.get(task.no, (0, 0)), changes, view.unit) for task in view.tasks],
        "units": [unit_record(unit, view.reporting, changes) for unit in view.units],
        "safeguards": [{"no": s.no, "title": s.title, "units": list(s.units)} for s in o.safeguards],
        "target": target_document(view.target, view.target_info) if view.target else None,
        "targets": [target_document(track, info) for track, info in view.targets],
        "reporting": reporting_summary(view.reporting),
        "problems": problem_counts(view.problems, o.as_of),
    }


def reporting_summary(status) -> dict | None:
    """The reporting cycle in `jsj status`: the last period due and how many of its reports are overdue."""
    if status is None or status.period is None:
        return None
    return {
        "period": status.period.label,
        "due": status.period.due.isoformat(),
        "owed": status.owed,
        "reported": status.reported,
        "late": status.late,
        "overdue": status.overdue,
    }


def task_document(detail: TaskDetail) -> dict:
    """`jsj status --task N --format json`, the portal's task page: one task in full."""
    task, as_of = detail.result, detail.overview.as_of
    late = sum(p.overdue(as_of) for p in detail.problems)
    return {
        "as_of": as_of.isoformat(),
        "task": {
            **task_record(task, (len(detail.problems), late)),
            "kind": task.kind,
            "section_title": detail.section_title,
            "text": detail.text,
            "responsible_as_written": detail.responsible_as_written,
            "projects": [_project_record(p) for p in detail.projects],
            "problems": [problem_document(p, as_of) for p in detail.problems],
        },
    }


def _project_record(row) -> dict:
    return {
        "name": row["name"],
        "kind": row["kind"],
        "action": row["action"],
        "latest_date": day(row["date"]) or None,
        "latest_unit": row["unit"],
        "latest_progress": row["progress"],
        "latest_note": row["note"],
    }
