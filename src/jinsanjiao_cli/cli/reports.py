"""`jsj reports` (who owes a report, who is overdue) and `jsj remind` (the chase list and reminders)."""

from enum import Enum
from typing import Annotated

import typer

from jinsanjiao_cli.cli.options import AsOfOption, DbOption, Format, FormatOption, LangOption

PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period", help="Reporting period: 2022-06 (monthly) or 2022Q2 (quarterly). Default: the latest due."
    ),
]


class FailOn(str, Enum):
    overdue = "overdue"


class NoticeFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    text = "text"


def reports(
    period: Annotated[
        str | None,
        typer.Option("--period", help="2022-06, 2022Q2, or all (every period). Default: the latest due."),
    ] = None,
    as_of: AsOfOption = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only this unit.")] = None,
    task: Annotated[int | None, typer.Option("--task", "-t", help="Only this task number.")] = None,
    output: FormatOption = Format.table,
    fail_on: Annotated[
        FailOn | None, typer.Option("--fail-on", help="Exit 3 if anything shown is overdue (for cron).")
    ] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Who owed a report for a period, who reported, who is overdue (报送情况、逾期未报).

    Example: jsj reports --period 2022-06 --as-of 2022-06-30 --fail-on overdue
    """
    from jinsanjiao_cli.actions import reading
    from jinsanjiao_cli.cli.common import as_of_date, open_db
    from jinsanjiao_cli.render.reporting import show_reports

    document = reading.reports(open_db(db), as_of_date(as_of), period=period, unit=unit, task=task)
    show_reports(document, output)
    if fail_on and (document["overdue"] or any(u["overdue"] for u in document["units"])):
        raise typer.Exit(3)


def remind(
    period: PeriodOption = None,
    as_of: AsOfOption = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only this unit.")] = None,
    upcoming: Annotated[
        bool, typer.Option("--upcoming", help="Remind of reports still pending that fall due soon, not chase.")
    ] = False,
    within: Annotated[int, typer.Option("--within", help="With --upcoming: due within this many days.", min=0)] = 3,
    output: Annotated[
        NoticeFormat, typer.Option("--format", "-f", help="Output format; text: one notice per unit.")
    ] = (NoticeFormat.table),
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """The chase list (催报): units with overdue reports, their contacts, and ready-to-send notices.

    With --upcoming, the polite reminder instead (临近提醒): reports of the current period still pending
    that fall due within --within days. Example: jsj remind --as-of 2022-06-30 --format text
    """
    from jinsanjiao_cli.cli.common import as_of_date, open_db
    from jinsanjiao_cli.core.schedule import current_period
    from jinsanjiao_cli.ledger.picture import read_picture
    from jinsanjiao_cli.render.reporting import show_chase, show_upcoming
    from jinsanjiao_cli.views import documents
    from jinsanjiao_cli.views.cycle import chosen_period, reporting_view, require_schedule
    from jinsanjiao_cli.views.status import find_unit

    picture = read_picture(open_db(db), as_of_date(as_of))
    view = require_schedule(reporting_view(picture))
    unit_name = find_unit(picture, unit) if unit else None
    contacts = picture.contacts
    if upcoming:
        index = chosen_period(picture, view, period) if period else current_period(view.periods, view.as_of)
        show_upcoming(documents.upcoming_document(view, index, contacts, unit_name, within), output, within)
    else:
        index = chosen_period(picture, view, period)
        show_chase(documents.chase_document(view, index, contacts, unit_name), output)


def attach(app: typer.Typer) -> None:
    app.command()(reports)
    app.command()(remind)
