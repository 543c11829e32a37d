"""Completion, 序时进度 (time-proportional schedule), lights and ranking: pure functions on plain data.

The formulas are the ones documented in README.md ("How the numbers are computed"); tests check them
against hand-computed values. Nothing here touches the database or prints.
"""

import datetime as dt
from typing import NamedTuple

# Lights from best to worst; `--fail-on` compares positions in this order.
LIGHTS = ("done", "green", "yellow", "red")
# What a light means, as a state with its own label (已完成 / 序时推进 / 进度滞后 / 严重滞后 / 逾期未完成 / 未启动).
STATES = ("done", "on_track", "behind", "seriously_behind", "overdue", "not_started")


class Settings(NamedTuple):
    lead_weight: float = 1.0
    support_weight: float = 1.0
    yellow_behind: float = 10.0
    red_behind: float = 30.0


class Report(NamedTuple):
    """The latest milestone of one assignment on or before the as-of date."""

    date: dt.date
    progress: float
    status: str | None = None
    note: str | None = None
    project: str | None = None
    recorded_at: str = ""  # breaks ties between reports of the same date: the later-recorded one wins


class AssignmentInput(NamedTuple):
    task_no: int
    unit: str
    role: str  # "lead" or "support"
    latest: Report | None = None


class TaskInput(NamedTuple):
    no: int
    kind: str  # "key_task" or "safeguard"
    section_no: int | None
    title: str
    period_start: dt.date
    period_end: dt.date
    part_no: int | None = None


class SectionInput(NamedTuple):
    """A row of the sections' summary: a section (板块), or a part (部分) whose items stand in no section
    (the second test plan's 三、重点工程), which is then its own row so that the rows add up to the plan."""

    no: int  # the section's number; for a part's row, the part's
    title: str
    kind: str = "section"  # or "part"

    @property
    def key(self) -> str:
        """The row's identity among sections and parts alike: s1, s2 … p3."""
        return f"{self.kind[0]}{self.no}"


class UnitActivity(NamedTuple):
    """A unit's reporting as of the date: its latest report date and how many reports it has made."""

    last_report: dt.date | None = None
    reports: int = 0


class Snapshot(NamedTuple):
    """Everything the maths needs, as of one date; built by the store."""

    as_of: dt.date
    settings: Settings
    sections: tuple[SectionInput, ...]
    tasks: tuple[TaskInput, ...]
    assignments: tuple[AssignmentInput, ...]
    units: tuple[str, ...]  # every unit, in plan order
    activity: dict[str, UnitActivity] = {}  # noqa: RUF012  (never mutated)
    parts: tuple[SectionInput, ...] = ()  # the plan's parts (kind "part"), for the parts without sections


class Judgement(NamedTuple):
    light: str  # one of LIGHTS
    state: str  # one of STATES


# An item that is listed but never counted (a safeguard, 保障措施): it may hold reports, but is judged against
# no 序时进度 and gets no light, anywhere (status, the ledger's rows, the bulletin).
NOT_COUNTED = Judgement("none", "not_counted")


class AssignmentResult(NamedTuple):
    task_no: int
    unit: str
    role: str
    progress: float
    expected: float
    judgement: Judgement
    latest: Report | None


class TaskResult(NamedTuple):
    no: int
    kind: str
    section_no: int | None
    title: str
    lead_unit: str | None
    units: tuple[str, ...]
    completion: float
    expected: float
    judgement: Judgement
    deadline: dt.date
    latest: Report | None  # the most recent report by any of its units
    assignments: tuple[AssignmentResult, ...]
    latest_unit: str | None = None  # the unit that made `latest`
    part_no: int | None = None


class UnitResult(NamedTuple):
    name: str
    tasks: int
    completion: float
    expected: float
    judgement: Judgement
    rank: int
    last_report: dt.date | None
    reports: int


class SectionResult(NamedTuple):
    no: int  # the section's number; for a part's row (kind "part"), the part's
    title: str
    tasks: int
    completion: float
    expected: float
    judgement: Judgement
    kind: str = "section"

    @property
    def key(self) -> str:
        return f"{self.kind[0]}{self.no}"


class Overview(NamedTuple):
    as_of: dt.date
    completion: float
    expected: float
    judgement: Judgement
    sections: tuple[SectionResult, ...]
    tasks: tuple[TaskResult, ...]  # key tasks
    safeguards: tuple[TaskResult, ...]  # listed, never counted
    units: tuple[UnitResult, ...]  # ranked
    light_counts: dict[str, int]


def expected_progress(start: dt.date, end: dt.date, as_of: dt.date) -> float:
    """序时进度: the share of the period [start, end] elapsed by as_of, in percent, clamped to 0-100.

    100 × (as_of − start) / (end − start), counted in days; a one-day period is 100 from its day on.
    """
    if as_of >= end:
        return 100.0
    if as_of <= start:
        return 0.0
    return 100.0 * (as_of - start).days / (end - start).days


def judge(progress: float, expected: float, past_due: bool, settings: Settings) -> Judgement:
    """The light: done at 100; red when past due or more than red_behind points behind 序时进度;
    yellow when yellow_behind to red_behind points behind; green otherwise."""
    if progress >= 100:
        return Judgement("done", "done")
    if past_due:
        return Judgement("red", "overdue")
    behind = expected - progress
    if behind > settings.red_behind:
        return Judgement("red", "seriously_behind")
    if behind >= settings.yellow_behind:
        return Judgement("yellow", "behind")
    return Judgement("green", "on_track")


def weighted_completion(assignments: list[AssignmentResult], settings: Settings) -> float:
    """A task's completion: Σ wᵢ·pᵢ / Σ wᵢ over its assignments, w = the role's weight; 0 with none."""
    weights = [settings.lead_weight if a.role == "lead" else settings.support_weight for a in assignments]
    total = sum(weights)
    if total == 0:
        return 0.0
    return sum(w * a.progress for w, a in zip(weights, assignments, strict=True)) / total


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def rank_desc(values: list[float]) -> list[int]:
    """Competition ranking (1, 2, 2, 4): equal values share a rank, the next rank skips."""
    return [1 + sum(other > value for other in values) for value in values]


def at_least_as_bad(light: str, threshold: str) -> bool:
    return LIGHTS.index(light) >= LIGHTS.index(threshold)


def _assess_assignment(a: AssignmentInput, task: TaskInput, as_of: dt.date, s: Settings) -> AssignmentResult:
    expected = expected_progress(task.period_start, task.period_end, as_of)
    progress = a.latest.progress if a.latest else 0.0
    judgement = judge(progress, expected, as_of > task.period_end, s)
    if a.latest is None and judgement.state != "done":
        # No report yet: the light still says how late that is, the label says why.
        judgement = Judgement(judgement.light, "not_started")
    return AssignmentResult(a.task_no, a.unit, a.role, progress, expected, judgement, a.latest)


def _latest_report(assignments: tuple[AssignmentResult, ...]) -> tuple[Report | None, str | None]:
    """The task's most recent report by any of its units, and that unit."""
    reported = [(a.latest, a.unit) for a in assignments if a.latest is not None]
    if not reported:
        return None, None
    return max(reported, key=lambda pair: (pair[0].date, pair[0].recorded_at))


def _assess_task(task: TaskInput, assignments: list[AssignmentInput], snap: Snapshot) -> TaskResult:
    results = tuple(_assess_assignment(a, task, snap.as_of, snap.settings) for a in assignments)
    counted = task.kind == "key_task"
    if not counted:
        results = tuple(a._replace(judgement=NOT_COUNTED) for a in results)
    completion = weighted_completion(list(results), snap.settings)
    expected = expected_progress(task.period_start, task.period_end, snap.as_of)
    leads = [a.unit for a in results if a.role == "lead"]
    latest, latest_unit = _latest_report(results)
    return TaskResult(
        no=task.no,
        kind=task.kind,
        section_no=task.section_no,
        title=task.title,
        lead_unit=leads[0] if leads else None,
        units=tuple(a.unit for a in results),
        completion=completion,
        expected=expected,
        judgement=judge(completion, expected, snap.as_of > task.period_end, snap.settings) if counted else NOT_COUNTED,
        deadline=task.period_end,
        latest=latest,
        assignments=results,
        latest_unit=latest_unit,
        part_no=task.part_no,
    )


def _assess_units(tasks: tuple[TaskResult, ...], snap: Snapshot) -> tuple[UnitResult, ...]:
    per_unit: dict[str, list[AssignmentResult]] = {name: [] for name in snap.units}
    deadlines: dict[str, list[dt.date]] = {name: [] for name in snap.units}
    for task in tasks:
        for a in task.assignments:
            per_unit[a.unit].append(a)
            deadlines[a.unit].append(task.deadline)
    names = [name for name in snap.units if per_unit[name]]
    completions = [mean([a.progress for a in per_unit[n]]) for n in names]
    ranks = rank_desc(completions)
    results = []
    for name, completion, rank in zip(names, completions, ranks, strict=True):
        expected = mean([a.expected for a in per_unit[name]])
        activity = snap.activity.get(name, UnitActivity())
        past_due = snap.as_of > max(deadlines[name])
        judgement = judge(completion, expected, past_due, snap.settings)
        results.append(
            UnitResult(name, len(per_unit[name]), completion, expected, judgement, rank, *_activity(activity))
        )
    return tuple(sorted(results, key=lambda u: u.rank))


def _activity(activity: UnitActivity) -> tuple[dt.date | None, int]:
    return activity.last_report, activity.reports


def row_key(section_no: int | None, part_no: int | None) -> str:
    """The summary row an item counts in: its section's, or, outside any section, its part's."""
    return f"s{section_no}" if section_no is not None else f"p{part_no}"


def section_rows(snap: Snapshot) -> tuple[SectionInput, ...]:
    """Every section, and every part whose counted items stand in no section, as rows in the order of their
    first item: the rows' task counts add up to the plan's counted tasks (docs/formulas.md)."""
    loose = {t.part_no for t in snap.tasks if t.kind == "key_task" and t.section_no is None}
    rows = [*snap.sections, *(p for p in snap.parts if p.no in loose)]
    first: dict[str, int] = {}
    for task in snap.tasks:
        first.setdefault(row_key(task.section_no, task.part_no), task.no)
    order: dict[str, float] = {}
    previous = 0.0
    for row in rows:  # a section without items keeps its place after the section before it
        previous = order[row.key] = first.get(row.key, previous)
    return tuple(sorted(rows, key=lambda row: order[row.key]))


def _assess_sections(tasks: tuple[TaskResult, ...], snap: Snapshot) -> tuple[SectionResult, ...]:
    results = []
    for row in section_rows(snap):
        members = [t for t in tasks if row_key(t.section_no, t.part_no) == row.key]
        completion = mean([t.completion for t in members])
        expected = mean([t.expected for t in members])
        past_due = bool(members) and snap.as_of > max(t.deadline for t in members)
        judgement = judge(completion, expected, past_due, snap.settings)
        results.append(SectionResult(row.no, row.title, len(members), completion, expected, judgement, row.kind))
    return tuple(results)


def assess(snap: Snapshot) -> Overview:
    """The whole picture as of the snapshot's date: tasks, sections, units and the plan."""
    by_task: dict[int, list[AssignmentInput]] = {}
    for a in snap.assignments:
        by_task.setdefault(a.task_no, []).append(a)
    assessed = [_assess_task(task, by_task.get(task.no, []), snap) for task in snap.tasks]
    key_tasks = tuple(t for t in assessed if t.kind == "key_task")
    safeguards = tuple(t for t in assessed if t.kind != "key_task")
    completion = mean([t.completion for t in key_tasks])
    expected = mean([t.expected for t in key_tasks])
    past_due = bool(key_tasks) and snap.as_of > max(t.deadline for t in key_tasks)
    counts = {light: sum(t.judgement.light == light for t in key_tasks) for light in LIGHTS}
    return Overview(
        as_of=snap.as_of,
        completion=completion,
        expected=expected,
        judgement=judge(completion, expected, past_due, snap.settings),
        sections=_assess_sections(key_tasks, snap),
        tasks=key_tasks,
        safeguards=safeguards,
        units=_assess_units(key_tasks, snap),
        light_counts=counts,
    )


class Changes(NamedTuple):
    """Completion now minus completion at an earlier date, in percentage points; None where there is no
    earlier value (the earlier date lies before the plan's period began)."""

    since: dt.date
    plan: float | None
    sections: dict[str, float | None]  # by row key (s1 … p3)
    tasks: dict[int, float | None]
    units: dict[str, float | None]
    assignments: dict[tuple[int, str], float | None]  # (task, unit): that unit's own progress


def changes_since(now: Overview, then: Overview, period_start: dt.date) -> Changes:
    """Δ = completion(as-of date) − completion(since date), for the plan, each section, task and unit."""
    tracked = then.as_of >= period_start

    def delta(current: float, earlier: float | None) -> float | None:
        return current - earlier if tracked and earlier is not None else None

    earlier_sections = {s.key: s.completion for s in then.sections}
    earlier_tasks = {t.no: t.completion for t in then.tasks}
    earlier_units = {u.name: u.completion for u in then.units}
    earlier_assignments = {(a.task_no, a.unit): a.progress for t in then.tasks for a in t.assignments}
    return Changes(
        since=then.as_of,
        plan=delta(now.completion, then.completion),
        sections={s.key: delta(s.completion, earlier_sections.get(s.key)) for s in now.sections},
        tasks={t.no: delta(t.completion, earlier_tasks.get(t.no)) for t in now.tasks},
        units={u.name: delta(u.completion, earlier_units.get(u.name)) for u in now.units},
        assignments={
            (a.task_no, a.unit): delta(a.progress, earlier_assignments.get((a.task_no, a.unit)))
            for t in now.tasks
            for a in t.assignments
        },
    )
