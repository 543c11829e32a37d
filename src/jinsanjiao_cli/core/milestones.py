"""What a progress report must satisfy to enter the ledger: one list of checks that `record` and `import` run.

A `Draft` is a report as typed or read from a sheet, already parsed into values (a date, a number). `check`
runs every check in `CHECKS` in order and returns the stored form (`NewMilestone`) or the first
refusal; `record` raises that problem as its error, `import` reports it at the row and column it came
from. The rules for values themselves (progress kept to 2 decimals and within 0-100, dates within
1900-2100, text no longer than a spreadsheet cell) live in `values.py` and are the same for both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol, TypeGuard

from jinsanjiao_cli.core.errors import BadValue, JsjError, NotResponsible, UnknownProject, UnknownTask
from jinsanjiao_cli.core.names import Named, normalise_name, resolve_unit
from jinsanjiao_cli.core.schedule import Period, Schedule, find_period
from jinsanjiao_cli.core.values import Invalid, date_in_range, line_text, note_text, progress_points
from jinsanjiao_cli.text.i18n import clauses, join, t


class NewMilestone(NamedTuple):
    """A checked progress report, ready to store (see `check`). A tuple in MILESTONE_COLUMNS
    order, so it goes to the database as it is (an import builds 100,000 of them)."""

    task_no: int
    unit_id: int
    date: dt.date
    progress: float
    status: str | None
    note: str | None
    project_id: int | None
    recorded_by: str
    period: str | None = None  # the reporting period it names (canonical label); None: placed by its date


class Draft(NamedTuple):
    """A progress report before it is checked: values parsed, names as typed."""

    task_no: int
    unit: str
    date: dt.date
    progress: float  # percentage points
    status: str | None = None
    note: str | None = None
    project: str | None = None
    by: str | None = None
    period: str | None = None  # the reporting period as typed (record --period, the 报送期 column)


class DraftFields(Protocol):
    """What the checks read of a draft: a Draft, or an import's parsed row as it is (no copy per row)."""

    @property
    def task_no(self) -> int: ...
    @property
    def unit(self) -> str: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def progress(self) -> float: ...
    @property
    def status(self) -> str | None: ...
    @property
    def note(self) -> str | None: ...
    @property
    def project(self) -> str | None: ...
    @property
    def by(self) -> str | None: ...


@dataclass(frozen=True)
class Refusal:
    """Why a draft cannot be stored: the field at fault, its value, and the sentence to show."""

    field: str  # a Draft field name
    value: object
    reason: str
    error: type[JsjError] = BadValue

    def raise_(self) -> None:
        error = self.error(self.reason)
        error.field = self.field
        raise error


@dataclass
class PlanIndex:
    """What the checks need from the plan, loaded once per command. An import checks many rows naming the
    same few tasks, units and projects, so what a (task, unit, project) resolves to is kept."""

    units: list[Named]
    responsible: dict[int, dict[str, int]]  # task → unit name → unit id, lead first
    projects: dict[int, dict[str, int]]  # task → normalised name or written form → project id
    project_names: dict[int, list[str]]
    schedule: Schedule | None = None  # the reporting schedule in force (a report may name a period)
    periods: tuple[Period, ...] = ()
    _units: dict[str, str | JsjError] = field(default_factory=dict)
    _resolved: dict[tuple[int, str, str | None], tuple[int, int | None] | Refusal] = field(default_factory=dict)

    def unit(self, typed: str) -> str | JsjError:
        """The unit's plan name, or why not."""
        if typed not in self._units:
            try:
                self._units[typed] = resolve_unit(self.units, typed).name
            except JsjError as exc:
                self._units[typed] = exc
        return self._units[typed]

    def resolve(self, task_no: int, unit: str, project: str | None) -> tuple[int, int | None] | Refusal:
        """(unit id, project id) for a report by `unit` on `task_no` naming `project`, or the problem."""
        key = (task_no, unit, project)
        if key not in self._resolved:
            self._resolved[key] = _resolve(self, task_no, unit, project)
        return self._resolved[key]


# ---------------------------------------------------------------- checks on a report's own values
# Each takes the draft and returns the problem or None; they run on every row.


def _check_date(draft: DraftFields) -> Refusal | None:
    if not date_in_range(draft.date):
        return Refusal("date", draft.date.isoformat(), t("milestone.date_range"))
    return None


def _check_progress(draft: DraftFields) -> Refusal | None:
    if progress_points(draft.progress) is None:
        return Refusal("progress", draft.progress, t("milestone.progress_range"))
    return None


class StoredTexts(NamedTuple):
    """A draft's text fields as stored: one normalisation for every door (values.line_text, note_text)."""

    status: str | None
    note: str | None
    project: str | None
    by: str | None


def _stored_texts(draft: DraftFields) -> StoredTexts | Refusal:
    """The draft's text fields as stored, or the first one that cannot be (an import checks 100,000 rows:
    the fields are taken one by one rather than in a loop)."""
    status, note, project, by = draft.status, draft.note, draft.project, draft.by
    texts = (
        None if status is None else line_text(status),
        None if note is None else note_text(note),
        None if project is None else line_text(project),
        None if by is None else line_text(by),
    )
    if _all_kept(texts):
        return StoredTexts(*texts)
    name, kept = next((n, k) for n, k in zip(StoredTexts._fields, texts, strict=True) if isinstance(k, Invalid))
    text = getattr(draft, name)
    return Refusal(name, text if len(text) <= 40 else text[:20] + "…", kept.reason())


def _all_kept(texts: tuple[str | Invalid | None, ...]) -> TypeGuard[tuple[str | None, ...]]:
    return Invalid not in map(type, texts)


VALUE_CHECKS: tuple[Callable[[DraftFields], Refusal | None], ...] = (_check_date, _check_progress)
"""Then the text fields (`_stored_texts`), then the plan (`PLAN_CHECKS`)."""


# ---------------------------------------------------------------- checks against the plan
# Each takes what is resolved so far and returns the problem or None; their outcome depends only on
# (task, unit, project), so `PlanIndex.resolve` runs them once per combination.


@dataclass(slots=True)
class _Names:
    task_no: int
    unit: str
    project: str | None
    unit_id: int = 0
    project_id: int | None = None


def _check_task(plan: PlanIndex, names: _Names) -> Refusal | None:
    if names.task_no not in plan.responsible:
        reason = t("milestone.unknown_task", no=names.task_no, count=len(plan.responsible))
        return Refusal("task_no", names.task_no, reason, UnknownTask)
    return None


def _check_unit(plan: PlanIndex, names: _Names) -> Refusal | None:
    resolved = plan.unit(names.unit)
    if isinstance(resolved, JsjError):
        return Refusal("unit", names.unit, str(resolved), type(resolved))
    responsible = plan.responsible[names.task_no]
    if resolved not in responsible:
        no = names.task_no
        if not responsible:
            return Refusal("unit", names.unit, t("milestone.no_units", no=no), NotResponsible)
        reason = t("milestone.not_responsible", unit=resolved, no=no, units=join(list(responsible)))
        return Refusal("unit", names.unit, reason, NotResponsible)
    names.unit_id = responsible[resolved]
    return None


def _check_project(plan: PlanIndex, names: _Names) -> Refusal | None:
    if names.project is None:
        return None
    no = names.task_no
    names.project_id = plan.projects[no].get(normalise_name(names.project))
    if names.project_id is not None:
        return None
    listed = plan.project_names.get(no, [])
    if not listed:
        return Refusal("project", names.project, t("milestone.no_projects", no=no), UnknownProject)
    reason = t("milestone.unknown_project", no=no, name=names.project, projects=join(listed))
    return Refusal("project", names.project, reason, UnknownProject)


# In order: a later check relies on what an earlier one resolved (the unit needs a known task).
PLAN_CHECKS: tuple[Callable[[PlanIndex, _Names], Refusal | None], ...] = (_check_task, _check_unit, _check_project)


def _resolve(plan: PlanIndex, task_no: int, unit: str, project: str | None) -> tuple[int, int | None] | Refusal:
    names = _Names(task_no, unit, project)
    for rule in PLAN_CHECKS:
        problem = rule(plan, names)
        if problem is not None:
            return problem
    return names.unit_id, names.project_id


def check(draft: DraftFields, plan: PlanIndex, default_by: str) -> NewMilestone | Refusal:
    """The draft as it will be stored, or the first problem that stops it. `draft` may be any object with
    Draft's fields (an import passes its parsed rows as they are)."""
    for rule in VALUE_CHECKS:
        problem = rule(draft)
        if problem is not None:
            return problem
    texts = _stored_texts(draft)
    if isinstance(texts, Refusal):
        return texts
    resolved = plan.resolve(draft.task_no, draft.unit, texts.project)
    if isinstance(resolved, Refusal):
        return resolved
    unit_id, project_id = resolved
    period = getattr(draft, "period", None)
    if period is not None:
        found = named_period(period, draft.date, plan)
        if isinstance(found, Refusal):
            return found
        period = found
    progress = progress_points(draft.progress)
    assert progress is not None  # _check_progress passed
    by = texts.by or default_by
    return NewMilestone(draft.task_no, unit_id, draft.date, progress, texts.status, texts.note, project_id, by, period)


def named_period(typed: str, day: dt.date, plan: PlanIndex) -> str | Refusal:
    """The canonical label of the period a report names, or why not: the plan has no schedule, the label is
    malformed or outside the schedule, or the report is dated before the period's window opens (a report
    cannot tell of a period that has not begun)."""
    if plan.schedule is None:
        return Refusal("period", typed, t("schedule.none"))
    try:
        period = find_period(typed, plan.schedule, plan.periods)
    except BadValue as exc:
        return Refusal("period", typed, str(exc))
    if day < period.start:
        reason = t("milestone.period_not_begun", period=period.label, start=period.start.isoformat(), date=day)
        return Refusal("period", typed, reason)
    return period.label


def unit_name(plan: PlanIndex, milestone: NewMilestone) -> str:
    """The plan name of a checked milestone's unit."""
    return next(name for name, uid in plan.responsible[milestone.task_no].items() if uid == milestone.unit_id)


# ---------------------------------------------------------------- warnings: stored, but said


DONE_STATUS = "已完成"


class ReportWarning(NamedTuple):
    """Something odd about a report that is still stored (unless --strict): the field and why."""

    field: str
    value: object
    reason: str


class Previous(NamedTuple):
    """The same unit's latest effective report on the same task dated before this one."""

    date: dt.date
    progress: float


def warnings(
    milestone: NewMilestone,
    previous: Previous | None,
    plan_start: dt.date,
    today: dt.date,
    plan_end: dt.date | None = None,
) -> list[ReportWarning]:
    """What to warn about when storing a checked report (docs/formulas.md, "Warnings")."""
    found = []
    if previous is not None and milestone.progress < previous.progress:
        reason = t("warning.backwards", previous=previous.progress, date=previous.date.isoformat())
        found.append(ReportWarning("progress", milestone.progress, reason))
    if milestone.date > today:
        found.append(ReportWarning("date", milestone.date.isoformat(), t("warning.future", today=today.isoformat())))
    if milestone.date < plan_start:
        found.append(
            ReportWarning("date", milestone.date.isoformat(), t("warning.before_plan", start=plan_start.isoformat()))
        )
    if plan_end is not None and milestone.date > plan_end:
        reason = t("warning.after_plan", start=plan_start.isoformat(), end=plan_end.isoformat())
        found.append(ReportWarning("date", milestone.date.isoformat(), reason))
    if milestone.status == DONE_STATUS and milestone.progress < 100:
        found.append(ReportWarning("status", milestone.status, t("warning.done_not_100")))
    if milestone.progress >= 100 and milestone.status is not None and milestone.status != DONE_STATUS:
        found.append(ReportWarning("status", milestone.status, t("warning.100_not_done")))
    return found


def refuse_if_strict(found: list[ReportWarning], strict: bool) -> None:
    """--strict turns warnings into an error, before anything is written."""
    if strict and found:
        raise BadValue(t("warning.strict", reasons=clauses([w.reason for w in found])))
