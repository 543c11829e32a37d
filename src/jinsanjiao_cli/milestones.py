"""What a progress report must satisfy to enter the ledger: one list of checks that `record` and `import` run.

A `Draft` is a report as typed or read from a sheet, already parsed into values (a date, a number). `check`
runs every check in `CHECKS` in order and returns the stored form (`store.NewMilestone`) or the first
problem; `record` raises that problem as its error, `import` reports it at the row and column it came
from. The rules for values themselves (progress kept to 2 decimals and within 0-100, dates within
1900-2100, text no longer than a spreadsheet cell) live in `values.py` and are the same for both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from jinsanjiao_cli import store
from jinsanjiao_cli.db import Database
from jinsanjiao_cli.errors import BadValue, JsjError, NotResponsible, UnknownProject, UnknownTask
from jinsanjiao_cli.i18n import join, register, t
from jinsanjiao_cli.lookup import Named, normalise_name, resolve_unit
from jinsanjiao_cli.values import MAX_TEXT, date_in_range, progress_points

register(
    {
        "milestone.unknown_task": (
            "没有第 {no} 项任务(计划共 {count} 项)",
            "there is no task {no} (the plan has {count})",
        ),
        "milestone.not_responsible": (
            "{unit} 不是任务 {no} 的责任单位;责任单位为:{units}",
            "{unit} is not responsible for task {no}; responsible units: {units}",
        ),
        "milestone.no_units": ("任务 {no} 没有指定责任单位,无法填报进展", "task {no} names no responsible unit"),
        "milestone.unknown_project": (
            "任务 {no} 下没有项目 {name!r};该任务的项目:{projects}",
            "task {no} has no project {name!r}; its projects: {projects}",
        ),
        "milestone.no_projects": ("任务 {no} 下没有列出项目", "task {no} lists no projects"),
        "milestone.date_range": ("日期应在 1900-2100 年之间", "the date must be within 1900-2100"),
        "milestone.progress_range": ("超出 0-100", "is outside 0-100"),
        "milestone.too_long": (
            "有 {length} 个字符,超过电子表格单元格上限 {limit}",
            "has {length} characters, more than a spreadsheet cell holds ({limit})",
        ),
    }
)


@dataclass(frozen=True)
class Draft:
    """A progress report before it is checked: values parsed, names as typed."""

    task_no: int
    unit: str
    date: dt.date
    progress: float  # percentage points
    status: str | None = None
    note: str | None = None
    project: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class Problem:
    """Why a draft cannot be stored: the field at fault, its value, and the sentence to show."""

    field: str  # a Draft field name
    value: object
    reason: str
    error: type[JsjError] = BadValue

    def raise_(self) -> None:
        raise self.error(self.reason)


@dataclass
class PlanIndex:
    """What the checks need from the plan, loaded once per command (an import checks many rows)."""

    units: list[Named]
    responsible: dict[int, dict[str, int]]  # task → unit name → unit id, lead first
    projects: dict[int, dict[str, int]]  # task → normalised name or written form → project id
    project_names: dict[int, list[str]]
    _resolved: dict[str, str | JsjError] = field(default_factory=dict)

    @classmethod
    def load(cls, db: Database) -> PlanIndex:
        names: dict[int, list[str]] = {}
        for row in db.query("SELECT task_no, name FROM project ORDER BY task_no, ord"):
            names.setdefault(row["task_no"], []).append(row["name"])
        return cls(store.units(db), store.responsibilities(db), store.project_index(db), names)

    def unit(self, typed: str) -> str | JsjError:
        """The unit's plan name, or why not; cached because the same few names repeat on every row."""
        if typed not in self._resolved:
            try:
                self._resolved[typed] = resolve_unit(self.units, typed).name
            except JsjError as exc:
                self._resolved[typed] = exc
        return self._resolved[typed]


@dataclass
class _Checking:
    """A draft on its way through the checks: what has been resolved so far."""

    draft: Draft
    plan: PlanIndex
    progress: float = 0.0
    unit_name: str = ""
    unit_id: int = 0
    project_id: int | None = None


def _check_date(c: _Checking) -> Problem | None:
    if not date_in_range(c.draft.date):
        return Problem("date", c.draft.date.isoformat(), t("milestone.date_range"))
    return None


def _check_progress(c: _Checking) -> Problem | None:
    value = progress_points(c.draft.progress)
    if value is None:
        return Problem("progress", c.draft.progress, t("milestone.progress_range"))
    c.progress = value
    return None


def _check_text(c: _Checking) -> Problem | None:
    for name in ("status", "note", "project", "by"):
        text = getattr(c.draft, name)
        if text is not None and len(text) > MAX_TEXT:
            reason = t("milestone.too_long", length=len(text), limit=MAX_TEXT)
            return Problem(name, text[:20] + "…", reason)
    return None


def _check_task(c: _Checking) -> Problem | None:
    if c.draft.task_no not in c.plan.responsible:
        reason = t("milestone.unknown_task", no=c.draft.task_no, count=len(c.plan.responsible))
        return Problem("task_no", c.draft.task_no, reason, UnknownTask)
    return None


def _check_unit(c: _Checking) -> Problem | None:
    resolved = c.plan.unit(c.draft.unit)
    if isinstance(resolved, JsjError):
        return Problem("unit", c.draft.unit, str(resolved), type(resolved))
    responsible = c.plan.responsible[c.draft.task_no]
    if resolved not in responsible:
        no = c.draft.task_no
        if not responsible:
            return Problem("unit", c.draft.unit, t("milestone.no_units", no=no), NotResponsible)
        reason = t("milestone.not_responsible", unit=resolved, no=no, units=join(list(responsible)))
        return Problem("unit", c.draft.unit, reason, NotResponsible)
    c.unit_name, c.unit_id = resolved, responsible[resolved]
    return None


def _check_project(c: _Checking) -> Problem | None:
    if c.draft.project is None:
        return None
    no = c.draft.task_no
    c.project_id = c.plan.projects[no].get(normalise_name(c.draft.project))
    if c.project_id is not None:
        return None
    listed = c.plan.project_names.get(no, [])
    if not listed:
        return Problem("project", c.draft.project, t("milestone.no_projects", no=no), UnknownProject)
    reason = t("milestone.unknown_project", no=no, name=c.draft.project, projects=join(listed))
    return Problem("project", c.draft.project, reason, UnknownProject)


# In order: a later check may rely on what an earlier one resolved (the unit needs a known task).
CHECKS: tuple[Callable[[_Checking], Problem | None], ...] = (
    _check_date,
    _check_progress,
    _check_text,
    _check_task,
    _check_unit,
    _check_project,
)


def check(draft: Draft, plan: PlanIndex, default_by: str) -> store.NewMilestone | Problem:
    """The draft as it will be stored, or the first problem that stops it."""
    checking = _Checking(draft, plan)
    for rule in CHECKS:
        problem = rule(checking)
        if problem is not None:
            return problem
    return store.NewMilestone(
        task_no=draft.task_no,
        unit_id=checking.unit_id,
        date=draft.date,
        progress=checking.progress,
        status=draft.status,
        note=draft.note,
        project_id=checking.project_id,
        recorded_by=draft.by or default_by,
    )


def unit_name(plan: PlanIndex, milestone: store.NewMilestone) -> str:
    """The plan name of a checked milestone's unit."""
    return next(name for name, uid in plan.responsible[milestone.task_no].items() if uid == milestone.unit_id)
