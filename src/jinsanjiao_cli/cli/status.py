"""`jsj status`: the analyst's screen — completion against 序时进度, lights, unit ranking, the growth target."""

from enum import Enum
from typing import Annotated

import typer

from jinsanjiao_cli.cli.options import AsOfOption, DbOption, Format, FormatOption, LangOption
from jinsanjiao_cli.core.errors import ExitStatus


class FailOn(str, Enum):
    yellow = "yellow"
    red = "red"


class Table(str, Enum):
    tasks = "tasks"
    units = "units"
    sections = "sections"


def status(
    task: Annotated[int | None, typer.Option("--task", "-t", help="Show one task in full.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only tasks this unit is responsible for.")] = None,
    section: Annotated[
        int | None, typer.Option("--section", "-s", help="Only tasks of this section (its number).")
    ] = None,
    as_of: AsOfOption = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Also show the change in completion since this date (Δ, in points)."),
    ] = None,
    output: FormatOption = Format.table,
    table: Annotated[Table, typer.Option("--table", help="Which table --format csv writes.")] = Table.tasks,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Exit 3 if any shown key task's light is this bad or worse (for cron)."),
    ] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Show plan, section, task and unit completion against 序时进度, with lights and the plan's targets.

    With --unit, each task row shows that unit's own assignment: its progress, light, latest report and note.

    Example: jsj status --as-of 2022-12-31 --since 2022-11-30 --unit 省商务厅 --fail-on red
    """
    from jinsanjiao_cli.actions import reading
    from jinsanjiao_cli.cli.common import as_of_date, open_db, since_date
    from jinsanjiao_cli.core import progress
    from jinsanjiao_cli.render import status as render_status

    ledger = open_db(db)
    day = as_of_date(as_of)
    if task is not None:
        detail = reading.task_detail(ledger, day, task)
        render_status.show_task(detail, detail.overview, output)
        shown = [detail.result]
    else:
        then = since_date(since, day) if since is not None else None
        view = reading.status(ledger, day, since=then, unit=unit, section=section)
        render_status.show_status(view, output, table)
        shown = list(view.tasks)
    if fail_on and any(
        progress.at_least_as_bad(t.judgement.light, fail_on.value) for t in shown if t.kind == "key_task"
    ):
        raise typer.Exit(ExitStatus.THRESHOLD)


def attach(app: typer.Typer) -> None:
    app.command()(status)
