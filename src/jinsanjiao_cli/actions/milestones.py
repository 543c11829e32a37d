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
from typing import NamedTuple

from jinsanjiao_cli.core import milestones
from jinsanjiao_cli.core.errors import BadValue, JsjError
from jinsanjiao_cli.core.values import check_text, parse_date, parse_progress
from jinsanjiao_cli.ledger import store
from jinsanjiao_cli.ledger.db import Database, Row
from jinsanjiao_cli.text.i18n import t


class UnknownMilestone(JsjError):
    """No milestone has that id."""


class NotEffective(JsjError):
    """The milestone was already superseded or voided."""


UNCHANGED = object()  # an option not given: the field keeps its value


class Amendment(NamedTuple):
    """What `jsj amend` changes; UNCHANGED for a field not given (None clears a text field)."""

    date: dt.date | object = UNCHANGED
    progress: float | object = UNCHANGED
    status: str | object | None = UNCHANGED
    note: str | object | None = UNCHANGED
    project: str | object | None = UNCHANGED
    period: str | object | None = UNCHANGED  # the reporting period it is for; None: placed by its date


class Changed(NamedTuple):
    new_id: int | None  # the amendment's id (None for a void)
    milestone: milestones.NewMilestone  # the report as it now stands (for a void: as it was)
    unit: str
    warnings: list[milestones.ReportWarning]


class Typed(NamedTuple):
    """A progress report as a person typed it at a door (options, a form): every value still text, named
    as the CLI names its options so that a refusal says which one."""

    task: int
    unit: str
    progress: str
    date: str | None = None  # None: today
    status: str | None = None
    note: str | None = None
    project: str | None = None
    by: str | None = None
    period: str | None = None  # the reporting period it is for (2022-06, 2022Q2); None: placed by its date


def draft_from(typed: Typed, today: dt.date) -> milestones.Draft:
    """The typed report as values, by the rules of core/values.py (the same an import applies to its cells);
    BadValue naming the option at fault."""
    return milestones.Draft(
        task_no=typed.task,
        unit=typed.unit,
        date=parse_date(typed.date) if typed.date is not None else today,
        progress=parse_progress(typed.progress),
        status=check_text(typed.status, "--status", one_line=True),
        note=check_text(typed.note, "--note"),
        project=check_text(typed.project, "--project", one_line=True),
        by=check_text(typed.by, "--by", one_line=True),
        period=check_text(typed.period, "--period", one_line=True),
    )


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


def _pick(given: object, kept: object) -> object:
    return kept if given is UNCHANGED else given


def amend(
    db: Database, milestone_id: int, change: Amendment, *, reason: str | None, by: str, strict: bool, today: dt.date
) -> Changed:
    """Store a corrected version of an effective report; the old one stays, superseded."""
    if all(value is UNCHANGED for value in change):
        raise BadValue(t("amend.nothing", id=milestone_id))
    with db.write():
        old = _effective(db, milestone_id)
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


def void(db: Database, milestone_id: int, *, reason: str, by: str) -> Changed:
    """Withdraw an effective report: it stops counting everywhere but stays visible with its reason."""
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


def record(db: Database, draft: milestones.Draft, *, by: str, strict: bool, today: dt.date) -> Recorded:
    """Check one progress report against the plan and store it (`jsj record`, the portal's report form).
    Refused with the first refusal's error; its warnings are returned, or refused under `strict`."""
    plan = store.plan_index(db)
    checked = milestones.check(draft, plan, default_by=by)
    if isinstance(checked, milestones.Refusal):
        checked.raise_()
    assert isinstance(checked, milestones.NewMilestone)
    with db.write():
        found = _warnings(db, checked, exclude=None, today=today)
        milestones.refuse_if_strict(found, strict)
        milestone_id = store.add_milestone(db, checked)
    return Recorded(milestone_id, checked, milestones.unit_name(plan, checked), found)
