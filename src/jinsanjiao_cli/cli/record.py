"""`jsj record` and `jsj history`: progress reports (milestones) by responsible units."""

import datetime as dt
from typing import Annotated

import typer

from jinsanjiao_cli.cli.options import DbOption, Format, FormatOption, LangOption, StrictOption


def record(
    task: Annotated[int, typer.Argument(help="Task number.")],
    unit: Annotated[str, typer.Option("--unit", "-u", help="Reporting unit: full name, written name or alias.")],
    progress: Annotated[str, typer.Option("--progress", "-p", help="Progress 0-100 (percentage points).")],
    date: Annotated[str | None, typer.Option("--date", "-d", help="Report date (default: today).")] = None,
    status: Annotated[str | None, typer.Option("--status", help="Short status text.")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="What was done.")] = None,
    project: Annotated[str | None, typer.Option("--project", help="A named project under this task.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who reports (default: the OS user).")] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="The reporting period the report is for (2022-06 or 2022Q2): a late report (迟报) still counts"
            " for it. Default: the period its date falls in.",
        ),
    ] = None,
    strict: StrictOption = False,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Record one dated progress report by one responsible unit on one task.

    Example: jsj record 9 --unit 省交通厅 --progress 45 --date 2022-06-30 --project 芮城通用机场 --note 完成主体工程
    A late report for June: jsj record 9 --unit 省交通厅 --progress 45 --date 2022-07-03 --period 2022-06
    """
    from jinsanjiao_cli import render
    from jinsanjiao_cli.actions import milestones as reports
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.ledger.stamps import current_user

    today = dt.date.today()
    typed = reports.Typed(task, unit, progress, date, status, note, project, by, period)
    draft = reports.draft_from(typed, today)
    done = reports.record(open_db(db), draft, by=current_user(), strict=strict, today=today)
    render.echo_recorded(done.id, task, done.unit, done.milestone.date, done.milestone.progress, done.milestone.period)
    render.echo_warnings(done.warnings)


def history(
    task: Annotated[int | None, typer.Argument(help="Only this task.")] = None,
    task_option: Annotated[int | None, typer.Option("--task", "-t", help="Only this task.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only this unit.")] = None,
    project: Annotated[str | None, typer.Option("--project", help="Only reports naming this project.")] = None,
    milestone_id: Annotated[
        int | None, typer.Option("--id", help="Only this report (and its chain with --all).")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="Reports dated on or after this date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Reports dated on or before this date.")] = None,
    every_version: Annotated[
        bool, typer.Option("--all", help="Also amended and voided reports, with their chain and reasons.")
    ] = False,
    output: FormatOption = Format.table,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """List progress reports, oldest first: the effective ones, or with --all every version.

    Example: jsj history 9 --unit 省商务厅 --since 2022-01-01 --format csv
    """
    from jinsanjiao_cli import render
    from jinsanjiao_cli.actions import reading
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.core.values import parse_date
    from jinsanjiao_cli.ledger import store

    ledger = open_db(db)
    task_no = task_option if task_option is not None else task
    which = store.HistoryFilter(
        task_no=task_no,
        unit_name=store.find_unit(ledger, unit) if unit else None,
        since=parse_date(since, "--since") if since else None,
        until=parse_date(until, "--until") if until else None,
        milestone_id=milestone_id,
        project=store.find_project_name(ledger, task_no, project) if project else None,
        every_version=every_version,
    )
    rows = reading.history(ledger, which)
    render.show_history(rows, output, every_version)


def amend(
    milestone_id: Annotated[int, typer.Argument(help="The report's id (from jsj history).")],
    progress: Annotated[str | None, typer.Option("--progress", "-p", help="Corrected progress 0-100.")] = None,
    date: Annotated[str | None, typer.Option("--date", "-d", help="Corrected report date.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="Corrected status text ('' clears it).")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="Corrected note ('' clears it).")] = None,
    project: Annotated[str | None, typer.Option("--project", help="Corrected project ('' clears it).")] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", help="The reporting period it is for (2022-06; '' leaves it to the date)."),
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why the report is corrected.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who corrects (default: the OS user).")] = None,
    strict: StrictOption = False,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Correct a stored report: a new version replaces it, the old one is kept (jsj history --all).

    Example: jsj amend 17 --progress 45 --reason "录入错误,应为45"
    """
    from jinsanjiao_cli import render
    from jinsanjiao_cli.actions import milestones as corrections
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.core.values import check_text
    from jinsanjiao_cli.ledger import stamps

    change = corrections.amendment_from(progress, date, status, note, project, period)
    ledger = open_db(db)
    result = corrections.amend(
        ledger,
        milestone_id,
        change,
        reason=check_text(reason, "--reason"),
        by=corrections.who(by, stamps.current_user()),
        strict=strict,
        today=dt.date.today(),
    )
    render.echo_amended(milestone_id, result)
    render.echo_warnings(result.warnings)


def void(
    milestone_id: Annotated[int, typer.Argument(help="The report's id (from jsj history).")],
    reason: Annotated[str, typer.Option("--reason", help="Why the report is withdrawn (required).")],
    by: Annotated[str | None, typer.Option("--by", help="Who withdraws it (default: the OS user).")] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Withdraw a stored report: it stops counting everywhere but stays visible with its reason.

    Example: jsj void 17 --reason "测试数据"
    """
    from jinsanjiao_cli import render
    from jinsanjiao_cli.actions import milestones as corrections
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.core.values import check_text
    from jinsanjiao_cli.ledger import stamps

    ledger = open_db(db)
    who = corrections.who(by, stamps.current_user())
    result = corrections.void(ledger, milestone_id, reason=check_text(reason, "--reason") or "", by=who)
    render.echo_voided(milestone_id, result)


def attach(app: typer.Typer) -> None:
    app.command()(record)
    app.command()(history)
    app.command()(amend)
    app.command()(void)
