"""`jsj reports` (who owes a report, who is overdue) and `jsj remind` (the chase list and reminders)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from jinsanjiao_cli.cli.options import AsOfOption, DbOption, Format, FormatOption, LangOption
from jinsanjiao_cli.core.errors import ExitStatus

if TYPE_CHECKING:
    from jinsanjiao_cli.actions.notices import Composed
    from jinsanjiao_cli.ledger.db import Database

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
        raise typer.Exit(ExitStatus.THRESHOLD)


def remind(
    period: PeriodOption = None,
    as_of: AsOfOption = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only this unit.")] = None,
    upcoming: Annotated[
        bool, typer.Option("--upcoming", help="Remind of reports still pending that fall due soon, not chase.")
    ] = False,
    within: Annotated[int, typer.Option("--within", help="With --upcoming: due within this many days.", min=0)] = 3,
    send: Annotated[
        bool, typer.Option("--send", help="Deliver each unit its notice at its addresses (jsj unit set --notify).")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="With --send: show where each notice would go, and send nothing.")
    ] = False,
    resend: Annotated[
        bool, typer.Option("--resend", help="With --send: send again what was delivered today already.")
    ] = False,
    log: Annotated[
        bool, typer.Option("--log", help="List the delivery log (every attempt), with --period only that period's.")
    ] = False,
    output: Annotated[
        NoticeFormat, typer.Option("--format", "-f", help="Output format; text: one notice per unit.")
    ] = (NoticeFormat.table),
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """The chase list (催报): units with overdue reports, their contacts, and ready-to-send notices.

    With --upcoming, the polite reminder instead (临近提醒): reports of the current period still pending
    that fall due within --within days. With --send, each unit is sent its notice (exit 4 if any delivery
    failed); --log lists what was sent. Example: jsj remind --as-of 2022-06-30 --format text
    """
    from jinsanjiao_cli.actions import notices
    from jinsanjiao_cli.cli.common import as_of_date, open_db

    _check_remind_options(send=send, dry_run=dry_run, resend=resend, log=log, upcoming=upcoming)
    ledger = open_db(db)
    if log:
        from jinsanjiao_cli.render.reporting import show_delivery_log

        return show_delivery_log(notices.delivery_log(ledger, period), output)
    day = as_of_date(as_of)
    composed = notices.compose(ledger, day, upcoming=upcoming, within=within, period=period, unit=unit)
    if not send:
        from jinsanjiao_cli.render.reporting import show_chase, show_upcoming

        if upcoming:
            return show_upcoming(composed.document, output, within)
        return show_chase(composed.document, output)
    return _send(ledger, composed, day, dry_run=dry_run, resend=resend, output=output, within=within)


def _check_remind_options(*, send: bool, dry_run: bool, resend: bool, log: bool, upcoming: bool) -> None:
    from jinsanjiao_cli.core.errors import OptionsConflict
    from jinsanjiao_cli.text.i18n import t

    if log and (send or dry_run or resend or upcoming):
        raise OptionsConflict(t("remind.log_alone"))
    if (dry_run or resend) and not send:
        raise OptionsConflict(t("remind.needs_send", option="--dry-run" if dry_run else "--resend"))


def _send(
    ledger: Database,
    composed: Composed,
    day: dt.date,
    *,
    dry_run: bool,
    resend: bool,
    output: NoticeFormat,
    within: int,
) -> None:
    from jinsanjiao_cli.actions import notices
    from jinsanjiao_cli.core.delivery import failed
    from jinsanjiao_cli.ledger.stamps import current_user
    from jinsanjiao_cli.render.reporting import show_sendings
    from jinsanjiao_cli.text.i18n import t

    sendings = notices.send(ledger, composed, day, by=current_user(), dry_run=dry_run, resend=resend)
    show_sendings(sendings, output, dry_run=dry_run, empty=_nothing_due(composed, within))
    failures = failed(sendings)
    for delivery in failures:
        shown = delivery.address or t("notify.nowhere")
        typer.echo(f"jsj: {t('notify.failed', unit=delivery.unit, address=shown, error=delivery.error)}", err=True)
    if failures and not dry_run:
        raise typer.Exit(ExitStatus.DELIVERY)


def _nothing_due(composed: Composed, within: int) -> str:
    from jinsanjiao_cli.text.i18n import t
    from jinsanjiao_cli.text.wording import period_name

    if composed.kind == "upcoming":
        return t("remind.none_upcoming", within=within)
    return t("remind.none", period=period_name(composed.document["period"]["label"]))


def attach(app: typer.Typer) -> None:
    app.command()(reports)
    app.command()(remind)
