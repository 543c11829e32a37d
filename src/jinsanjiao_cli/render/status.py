"""`jsj status` on screen and as data: the plan, its sections, tasks and units against 序时进度."""

from __future__ import annotations

from rich.text import Text

from jinsanjiao_cli.core.progress import NOT_COUNTED, Overview, TaskResult
from jinsanjiao_cli.core.values import fixed, shown
from jinsanjiao_cli.render import (
    _table,
    console,
    day,
    inert,
    label,
    light_text,
    pct,
    write_csv,
    write_json,
)
from jinsanjiao_cli.render.format import Format
from jinsanjiao_cli.render.terminal import FitTable
from jinsanjiao_cli.text.i18n import join, t
from jinsanjiao_cli.views.documents import section_identity
from jinsanjiao_cli.views.status import own, status_document, task_problem_counts, task_record


def _flat_task(task: TaskResult, problems: tuple[int, int], changes=None, unit: str | None = None) -> dict:
    """A task as one CSV row: no assignments; the --unit's own figures as unit_* columns."""
    record = task_record(task, problems, changes, unit)
    record.pop("assignments")
    own = record.pop("unit")
    if unit:
        record.update({f"unit_{key}": value for key, value in (own or {}).items()})
    return record


def show_status(view, output: Format, which) -> None:
    from jinsanjiao_cli.render.targets import target_line

    if output is Format.json:
        return write_json(status_document(view))
    if output is Format.csv:
        if which.value == "tasks":
            counts = task_problem_counts(view.problems, view.overview.as_of)
            flat = [_flat_task(task, counts.get(task.no, (0, 0)), view.changes, view.unit) for task in view.tasks]
            return write_csv(flat)
        return write_csv(status_document(view)[which.value])
    out = console()
    o = view.overview
    out.print(Text(inert(t("status.title", title=view.title, as_of=o.as_of)), style="bold"))
    if view.period_ended:
        out.print(t("status.period_ended", end=view.period_end), style="bold yellow")
    plan_line = t("status.plan", completion=fixed(o.completion), expected=fixed(o.expected), label=label(o.judgement))
    if view.changes is not None:
        plan_line += t("status.plan_delta", since=view.changes.since, delta=delta_text(view.changes.plan))
    out.print(plan_line)
    if view.unit is not None:
        out.print(t("status.unit_view", unit=view.unit), style="dim")
    lights = [f"{t('light.' + light)} {n}" for light, n in o.light_counts.items()]
    out.print(t("status.counts", counts=join(lights)))
    for track, info in view.targets:
        out.print(target_line(track, info))
    if view.reporting is not None:
        out.print(reporting_line(view.reporting))
    if view.problems:
        from jinsanjiao_cli.views.documents import problem_counts

        out.print(t("status.problems", **problem_counts(view.problems, o.as_of)))
    out.print(_sections_table(view.sections, view.overview.sections, view.changes))
    counts = task_problem_counts(view.problems, o.as_of)
    if not view.tasks:
        out.print(t("status.no_tasks"))
    elif view.unit is not None:
        out.print(_own_tasks_table(view.tasks, view.unit, view.changes))
    else:
        out.print(_tasks_table(view.tasks, counts, view.changes))
    out.print(_units_table(view.units, view.changes))
    items = [f"{s.no}.{s.title}" for s in o.safeguards]
    if items:
        out.print(t("status.safeguards", items=join(items)), style="dim")


def reporting_line(status) -> str:
    from jinsanjiao_cli.text.wording import period_name

    if status.period is None:
        return t("status.reporting_none")
    return t(
        "status.reporting",
        period=period_name(status.period.label),
        due=status.period.due.isoformat(),
        owed=status.owed,
        reported=status.reported,
        late=status.late,
        overdue=status.overdue,
    )


def delta_text(value: float | None) -> str:
    """A change in points: +5.0, −2.5, 0.0; — where there is no earlier value."""
    if value is None:
        return "—"
    figure = shown(value, 1)
    return f"{figure:+.1f}" if figure != 0 else "0.0"


def _delta_column(changes) -> list[tuple]:
    # --since asked for the change: it stays on a narrow terminal while other columns go
    return [("Δ", "right")] if changes is not None else []


def _sections_table(sections, plan_rows, changes=None) -> FitTable:
    from jinsanjiao_cli.text.wording import section_row, sections_heading_of

    table = _table(
        sections_heading_of(row.kind for row in plan_rows),
        [
            (t("col.no"), "right"),
            (t("col.section"), "wrap"),
            (t("col.tasks"), "right", 2),
            (t("col.completion"), "right"),
            *_delta_column(changes),
            (t("col.expected"), "right"),
            (t("col.light"), "left"),
        ],
    )
    for s in sections:
        delta = [delta_text(changes.sections.get(s.key))] if changes is not None else []
        identity = section_identity(s)
        no, title = section_row(identity["no"], identity["part"], identity["title"])
        table.add_row(no, title, str(s.tasks), pct(s.completion), *delta, pct(s.expected), light_text(s.judgement))
    return table


def latest_note(task: TaskResult) -> str:
    """The task's latest note, naming the unit that wrote it (临汾市:…)."""
    from jinsanjiao_cli.text.wording import short_unit

    if task.latest is None or not task.latest.note:
        return ""
    return t("status.note_by", unit=short_unit(task.latest_unit or ""), note=task.latest.note)


def _tasks_table(tasks, problems: dict[int, tuple[int, int]], changes=None) -> FitTable:
    table = _table(
        t("status.tasks"),
        [
            (t("col.no"), "right"),
            (t("col.task"), "wrap"),
            (t("col.lead"), "wrap", 4),
            (t("col.completion"), "right"),
            *_delta_column(changes),
            (t("col.expected"), "right"),
            (t("col.light"), "left"),
            (t("col.latest_date"), "left", 2),
            (t("col.latest_note"), "wrap", 3),
            (t("col.problems"), "right", 5),
        ],
    )
    for task in tasks:
        opened, late = problems.get(task.no, (0, 0))
        delta = [delta_text(changes.tasks.get(task.no))] if changes is not None else []
        table.add_row(
            str(task.no),
            task.title,
            task.lead_unit or "",
            pct(task.completion),
            *delta,
            pct(task.expected),
            light_text(task.judgement),
            day(task.latest.date) if task.latest else "",
            latest_note(task),
            f"{opened}/{late}" if opened else "",
        )
    return table


def _own_tasks_table(tasks, unit: str, changes=None) -> FitTable:
    """`jsj status --unit`: each task as that unit's own assignment, with the task's total at the end."""
    table = _table(
        t("status.own_tasks", unit=unit),
        [
            (t("col.no"), "right"),
            (t("col.task"), "wrap"),
            (t("col.role"), "left", 3),
            (t("col.own_progress"), "right"),
            *_delta_column(changes),
            (t("col.expected"), "right"),
            (t("col.light"), "left"),
            (t("col.latest_date"), "left"),
            (t("col.own_note"), "wrap", 4),
            (t("col.task_completion"), "right", 5),
        ],
    )
    for task in tasks:
        mine = own(task, unit)
        delta = [delta_text(changes.assignments.get((task.no, unit)))] if changes is not None else []
        table.add_row(
            str(task.no),
            task.title,
            t(f"role.{mine.role}"),
            pct(mine.progress),
            *delta,
            pct(mine.expected),
            light_text(mine.judgement),
            day(mine.latest.date) if mine.latest else "",
            (mine.latest.note or "") if mine.latest else "",
            pct(task.completion),
        )
    return table


def _units_table(units, changes=None) -> FitTable:
    table = _table(
        t("status.units"),
        [
            (t("col.rank"), "right"),
            (t("col.unit"), "wrap"),
            (t("col.tasks"), "right", 2),
            (t("col.completion"), "right"),
            *_delta_column(changes),
            (t("col.light"), "left"),
            (t("col.latest_date"), "left"),
        ],
    )
    for u in units:
        delta = [delta_text(changes.units.get(u.name))] if changes is not None else []
        table.add_row(
            str(u.rank), u.name, str(u.tasks), pct(u.completion), *delta, light_text(u.judgement), day(u.last_report)
        )
    return table


def show_task(detail, overview: Overview, output: Format) -> None:
    from jinsanjiao_cli.views.status import task_document

    task = detail.result
    document = task_document(detail)
    if output is Format.json:
        return write_json(document)
    if output is Format.csv:
        return write_csv([{"task": task.no, **a} for a in document["task"]["assignments"]])
    out = console()
    out.print(Text(inert(t("task.heading", no=task.no, title=task.title)), style="bold"))
    if detail.section_title:
        out.print(t("task.section", section=detail.section_title))
    if task.kind != "key_task":
        out.print(t("task.safeguard"), style="dim")
    out.print(detail.text)
    if task.units:
        out.print(t("task.responsible", units=join(list(task.units))))
    if task.kind != "key_task":  # no 序时 judgement for what is not counted
        out.print(t("task.summary_uncounted", completion=fixed(task.completion), deadline=task.deadline))
    else:
        out.print(
            t(
                "task.summary",
                completion=fixed(task.completion),
                expected=fixed(task.expected),
                label=label(task.judgement),
                deadline=task.deadline,
            )
        )
    out.print(_assignments_table(task))
    if detail.projects:
        out.print(_projects_table(detail.projects))
    if detail.problems:
        from jinsanjiao_cli.render.problems import problems_table

        out.print(problems_table(document["task"]["problems"], t("task.problems")))


def _assignments_table(task: TaskResult) -> FitTable:
    table = _table(
        None,
        [
            (t("col.unit"), "wrap"),
            (t("col.role"), "left", 2),
            (t("col.completion"), "right"),
            (t("col.expected"), "right"),
            (t("col.light"), "left"),
            (t("col.date"), "left"),
            (t("col.note"), "wrap", 3),
        ],
    )
    for a in task.assignments:
        table.add_row(
            a.unit,
            t(f"role.{a.role}"),
            pct(a.progress),
            "—" if a.judgement == NOT_COUNTED else pct(a.expected),
            light_text(a.judgement),
            day(a.latest.date) if a.latest else "",
            (a.latest.note or "") if a.latest else "",
        )
    return table


def _projects_table(projects) -> FitTable:
    table = _table(
        t("task.projects"),
        [
            (t("col.project"), "wrap"),
            (t("col.action"), "wrap", 2),
            (t("col.date"), "left"),
            (t("col.unit"), "wrap", 3),
            (t("col.progress"), "right"),
            (t("col.note"), "wrap", 4),
        ],
    )
    for p in projects:
        table.add_row(p["name"], p["action"], day(p["date"]), p["unit"] or "", pct(p["progress"]), p["note"] or "")
    return table
