"""`jsj record` and `jsj history`: progress reports (milestones) by responsible units."""

import datetime as dt
from typing import Annotated

import typer

from jinsanjiao_cli.options import DbOption, Format, FormatOption, LangOption


def record(
    task: Annotated[int, typer.Argument(help="Task number.")],
    unit: Annotated[str, typer.Option("--unit", "-u", help="Reporting unit: full name, written name or alias.")],
    progress: Annotated[str, typer.Option("--progress", "-p", help="Progress 0-100 (percentage points).")],
    date: Annotated[str | None, typer.Option("--date", "-d", help="Report date (default: today).")] = None,
    status: Annotated[str | None, typer.Option("--status", help="Short status text.")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="What was done.")] = None,
    project: Annotated[str | None, typer.Option("--project", help="A named project under this task.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who reports (default: the OS user).")] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Record one dated progress report by one responsible unit on one task.

    Example: jsj record 9 --unit 省交通厅 --progress 45 --date 2022-06-30 --project 芮城通用机场 --note 完成主体工程
    """
    from jinsanjiao_cli import milestones, render, store
    from jinsanjiao_cli.commands import open_db
    from jinsanjiao_cli.values import check_text, parse_date, parse_progress

    draft = milestones.Draft(
        task_no=task,
        unit=unit,
        date=parse_date(date) if date is not None else dt.date.today(),
        progress=parse_progress(progress),
        status=check_text(status, "--status"),
        note=check_text(note, "--note"),
        project=project,
        by=check_text(by, "--by"),
    )
    ledger = open_db(db)
    plan = milestones.PlanIndex.load(ledger)
    checked = milestones.check(draft, plan, default_by=store.current_user())
    if isinstance(checked, milestones.Problem):
        checked.raise_()
    assert isinstance(checked, store.NewMilestone)
    milestone_id = store.add_milestone(ledger, checked)
    unit_name = milestones.unit_name(plan, checked)
    render.echo_recorded(milestone_id, task, unit_name, checked.date, checked.progress)


def history(
    task: Annotated[int | None, typer.Argument(help="Only this task.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only this unit.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Reports dated on or after this date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Reports dated on or before this date.")] = None,
    output: FormatOption = Format.table,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """List progress reports, oldest first.

    Example: jsj history 9 --unit 运城 --since 2022-01-01 --format csv
    """
    from jinsanjiao_cli import render, store
    from jinsanjiao_cli.commands import open_db
    from jinsanjiao_cli.values import parse_date

    ledger = open_db(db)
    if task is not None:
        store.task(ledger, task)
    rows = store.history(
        ledger,
        task_no=task,
        unit_name=store.find_unit(ledger, unit) if unit else None,
        since=parse_date(since, "--since") if since else None,
        until=parse_date(until, "--until") if until else None,
    )
    render.show_history(rows, output)


def register(app: typer.Typer) -> None:
    app.command()(record)
    app.command()(history)
