"""Progress reports: recording one (填报), and correcting or withdrawing a stored one without losing the
record (更正、作废).

An amendment is a new version of the milestone: a new row that `supersedes` the old one, which becomes
`superseded`; a void marks the milestone `voided`. Who, when and why are recorded on the row that changed.
Nothing is overwritten or deleted, and only `effective` milestones count anywhere (status, reports,
export, trend, target). The amendment keeps the original's recording time, so among reports of one date it
takes the original's place ("the later-recorded one wins" is about the original report).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from functools import partial
from typing import Any, NamedTuple, TypeVar

from jinsanjiao_cli.actions import problems as problem_actions
from jinsanjiao_cli.core import access, milestones
from jinsanjiao_cli.core.access import Actor
from jinsanjiao_cli.core.errors import BadValue, JsjError
from jinsanjiao_cli.core.values import check_text, parse_date, parse_progress
from jinsanjiao_cli.ledger import store
from jinsanjiao_cli.ledger.db import Database, Row
from jinsanjiao_cli.text.i18n import t

T = TypeVar("T")


class UnknownMilestone(JsjError):
    """No milestone has that id."""


class NotEffective(JsjError):
    """The milestone was already superseded or voided."""


class _Unchanged(Enum):
    """The type of UNCHANGED (an enum member, so a type checker tells it from a value)."""

    UNCHANGED = "unchanged"


UNCHANGED = _Unchanged.UNCHANGED  # an option not given: the field keeps its value


class Amendment(NamedTuple):
    """What `jsj amend` changes; UNCHANGED for a field not given (None clears a text field)."""

    date: dt.date | _Unchanged = UNCHANGED
    progress: float | _Unchanged = UNCHANGED
    status: str | _Unchanged | None = UNCHANGED
    note: str | _Unchanged | None = UNCHANGED
    project: str | _Unchanged | None = UNCHANGED
    period: str | _Unchanged | None = UNCHANGED  # the reporting period it is for; None: placed by its date


class Changed(NamedTuple):
    new_id: int | None  # the amendment's id (None for a void)
    milestone: milestones.NewMilestone  # the report as it now stands (for a void: as it was)
    unit: str
    warnings: list[milestones.ReportWarning]


def amendment_from(
    progress: str | None,
    date: str | None,
    status: str | None,
    note: str | None,
    project: str | None,
    period: str | None = None,
) -> Amendment:
    """What `amend` was asked to change, as values (None: unchanged; "" clears a text field)."""
    return Amendment(
        date=parse_date(date) if date is not None else UNCHANGED,
        progress=parse_progress(progress) if progress is not None else UNCHANGED,
        status=check_text(status, "--status", one_line=True) if status is not None else UNCHANGED,
        note=check_text(note, "--note") if note is not None else UNCHANGED,
        project=check_text(project, "--project", one_line=True) if project is not None else UNCHANGED,
        period=check_text(period, "--period", one_line=True) if period is not None else UNCHANGED,
    )


def who(typed: str | None, default: str) -> str:
    """Who acts (`--by`), one line as stored, else `default` (the OS user, the signed-in person)."""
    return check_text(typed, "--by", one_line=True) or default


def _effective(db: Database, milestone_id: int) -> Row:
    """The milestone, which must exist and be effective."""
    row = store.milestone(db, milestone_id)
    if row is None:
        raise UnknownMilestone(t("amend.unknown", id=milestone_id))
    if row["state"] == "superseded":
        newer = store.superseded_by(db, milestone_id)
        raise NotEffective(t("amend.superseded", id=milestone_id, by=newer))
    if row["state"] == "voided":
        raise NotEffective(t("amend.voided", id=milestone_id, reason=row["void_reason"]))
    return row


def amendable(db: Database, milestone_id: int, actor: Actor | None = None) -> Row:
    """The report to correct: it must exist and be effective, and a unit account's must be its own."""
    access.require_writer(actor)
    old = _effective(db, milestone_id)
    access.require_own_unit(actor, old["unit"])
    return old


def _pick(given: T | _Unchanged, kept: T) -> T:
    return kept if given is UNCHANGED else given


def amend(
    db: Database,
    milestone_id: int,
    change: Amendment,
    *,
    reason: str | None,
    by: str,
    strict: bool,
    today: dt.date,
    actor: Actor | None = None,
) -> Changed:
    """Store a corrected version of an effective report; the old one stays, superseded. A unit account
    corrects only its own unit's reports."""
    access.require_writer(actor)
    if all(value is UNCHANGED for value in change):
        raise BadValue(t("amend.nothing", id=milestone_id))
    with db.write():
        old = amendable(db, milestone_id, actor)
        draft = milestones.Draft(
            task_no=old["task_no"],
            unit=old["unit"],
            date=_pick(change.date, old["date"]),
            progress=_pick(change.progress, old["progress"]),
            status=_pick(change.status, old["status"]),
            note=_pick(change.note, old["note"]),
            project=_pick(change.project, old["project"]),
            by=old["recorded_by"],
            period=_pick(change.period, old["period"]),
        )
        plan = store.plan_index(db)
        checked = milestones.check(draft, plan, default_by=old["recorded_by"])
        if isinstance(checked, milestones.Refusal):
            checked.raise_()
        assert isinstance(checked, milestones.NewMilestone)
        if _same(checked, old):
            raise BadValue(t("amend.same", id=milestone_id))
        found = _warnings(db, checked, exclude=milestone_id, today=today)
        milestones.refuse_if_strict(found, strict)
        new_id = store.supersede(db, old, checked, reason=reason, by=by)
    return Changed(new_id, checked, old["unit"], found)


def void(db: Database, milestone_id: int, *, reason: str, by: str, actor: Actor | None = None) -> Changed:
    """Withdraw an effective report: it stops counting everywhere but stays visible with its reason.
    An analyst's (as on the CLI)."""
    access.require_analyst(actor)
    if not reason or not reason.strip():
        raise BadValue(t("void.reason"))
    with db.write():
        old = _effective(db, milestone_id)
        store.void_milestone(db, milestone_id, reason=reason.strip(), by=by)
    stood = milestones.NewMilestone(
        old["task_no"],
        old["unit_id"],
        old["date"],
        old["progress"],
        old["status"],
        old["note"],
        old["project_id"],
        old["recorded_by"],
        old["period"],
    )
    return Changed(None, stood, old["unit"], [])


def _same(checked: milestones.NewMilestone, old: Row) -> bool:
    fields = ("date", "progress", "status", "note", "project_id", "period")
    return all(getattr(checked, name) == old[name] for name in fields)


def _warnings(
    db: Database, milestone: milestones.NewMilestone, *, exclude: int | None, today: dt.date
) -> list[milestones.ReportWarning]:
    previous = store.previous_report(db, milestone.task_no, milestone.unit_id, milestone.date, exclude)
    info = store.plan_info(db)
    earlier = milestones.Previous(*previous) if previous else None
    return milestones.warnings(milestone, earlier, info["period_start"], today, info["period_end"])


class Recorded(NamedTuple):
    id: int
    milestone: milestones.NewMilestone
    unit: str  # the unit's plan name
    warnings: list[milestones.ReportWarning]


class Checked(NamedTuple):
    """A report that passed every check, not stored: what it will be, and what to warn about."""

    milestone: milestones.NewMilestone
    unit: str
    warnings: list[milestones.ReportWarning]


def check_report(
    db: Database, draft: milestones.Draft, *, by: str, today: dt.date, actor: Actor | None = None
) -> Checked:
    """Every check `record` makes, storing nothing (the portal's confirmation step asks about the
    warnings before it stores). Refused with the first refusal's error (its `field` names the input)."""
    plan = store.plan_index(db)
    _require_may_report(plan, draft, actor)
    checked = milestones.check(draft, plan, default_by=by)
    if isinstance(checked, milestones.Refusal):
        checked.raise_()
    assert isinstance(checked, milestones.NewMilestone)
    return Checked(checked, milestones.unit_name(plan, checked), _warnings(db, checked, exclude=None, today=today))


def _require_may_report(plan: milestones.PlanIndex, draft: milestones.Draft, actor: Actor | None) -> None:
    """A unit account reports for its own unit, on a task its unit holds (else 403, before any other check
    can tell it about another unit's task)."""
    if actor is None or actor.role == "analyst":
        return
    access.require_writer(actor)
    unit = plan.unit(draft.unit)
    access.require_own_unit(actor, unit if isinstance(unit, str) else draft.unit)
    access.require_responsible(actor, draft.task_no, plan.responsible.get(draft.task_no, {}))


def record(
    db: Database,
    draft: milestones.Draft,
    *,
    by: str,
    strict: bool,
    today: dt.date,
    actor: Actor | None = None,
) -> Recorded:
    """Check one progress report against the plan and store it (`jsj record`, the portal's report form).
    Refused with the first refusal's error; its warnings are returned, or refused under `strict`."""
    with db.write():
        checked = check_report(db, draft, by=by, today=today, actor=actor)
        milestones.refuse_if_strict(checked.warnings, strict)
        milestone_id = store.add_milestone(db, checked.milestone)
    return Recorded(milestone_id, checked.milestone, checked.unit, checked.warnings)


class ProblemDraft(NamedTuple):
    """A problem raised with a report (the portal's report form)."""

    text: str
    major: bool = False


def record_with_problem(
    db: Database,
    draft: milestones.Draft,
    problem: ProblemDraft | None,
    *,
    by: str,
    strict: bool,
    today: dt.date,
    actor: Actor | None = None,
) -> tuple[Recorded, int | None]:
    """A report and the problem raised with it, stored together or not at all."""
    with db.write():
        done = record(db, draft, by=by, strict=strict, today=today, actor=actor)
        problem_id = None
        if problem is not None:
            problem_id = problem_actions.raise_problem(
                db, draft.task_no, done.unit, problem.text, needs=[], major=problem.major, due=None,
                raised=done.milestone.date, by=by, actor=actor,
            )  # fmt: skip
    return done, problem_id


class FormStart(NamedTuple):
    """What a report form starts from: the task, the unit's latest report on it, the task's projects."""

    task_no: int
    title: str
    unit: str
    latest: Row | None
    projects: list[str]


def form_start(db: Database, task_no: int, unit: str, actor: Actor | None = None) -> FormStart:
    """The report form for `unit` on a task; a unit account gets its own unit's tasks only."""
    task = store.task(db, task_no)
    responsible = [row["name"] for row in store.responsible_units(db, task_no)]
    access.require_own_unit(actor, unit)
    access.require_responsible(actor, task_no, responsible)
    projects = [row["name"] for row in store.projects(db, task_no)]
    return FormStart(task_no, task["title"], unit, store.latest_report(db, task_no, unit), projects)


# ---------------------------------------------------------------- a report as typed


class Typed(NamedTuple):
    """A report as a person typed it at a door (command-line options, a web form): every value still text."""

    task: int
    unit: str
    progress: str
    date: str | None = None  # None: today
    status: str | None = None
    note: str | None = None
    project: str | None = None
    by: str | None = None
    period: str | None = None  # the reporting period it is for (2022-06, 2022Q2); None: placed by its date


# What each field is called where it was typed: the CLI names its options; the portal its form's labels.
OPTIONS = {
    "date": "--date",
    "progress": "--progress",
    "status": "--status",
    "note": "--note",
    "project": "--project",
    "by": "--by",
    "period": "--period",
}
# Fields that hold one line: their runs of spaces are folded as they are stored (core/values.py).
ONE_LINE = ("status", "project", "by", "period")


def parse_typed(
    typed: Typed, today: dt.date, names: dict[str, str] = OPTIONS
) -> tuple[milestones.Draft | None, dict[str, str]]:
    """The Draft, or every field's refusal (the form shows each beside its field; the CLI the first). The
    rules are those of core/values.py for every door."""
    problems: dict[str, str] = {}

    def attempt(field: str, parse: Callable[[], Any]) -> Any:  # the parsed value; None with a problem
        try:
            return parse()
        except JsjError as exc:
            problems[field] = str(exc)
            return None

    day = attempt("date", lambda: parse_date(typed.date, names["date"]) if typed.date is not None else today)
    progress = attempt("progress", lambda: parse_progress(typed.progress, names["progress"]))
    texts = {
        field: attempt(
            field, partial(check_text, getattr(typed, field), names.get(field, field), one_line=field in ONE_LINE)
        )
        for field in ("status", "note", "project", "by", "period")
    }
    if problems:
        return None, problems
    draft = milestones.Draft(
        typed.task, typed.unit, day, progress, texts["status"], texts["note"], texts["project"], texts["by"],
        texts["period"],
    )  # fmt: skip
    return draft, {}


def draft_from(typed: Typed, today: dt.date) -> milestones.Draft:
    """The Draft of a report typed on the command line; refused with its first problem."""
    draft, problems = parse_typed(typed, today)
    if draft is None:
        raise BadValue(next(iter(problems.values())))
    return draft
