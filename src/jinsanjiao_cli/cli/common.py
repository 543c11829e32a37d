"""One module per noun or verb group. Each parses options, calls the store and core, hands results to render."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinsanjiao_cli.ledger.db import Database


def open_db(option: str | None) -> Database:
    """The ledger named by `--db` (else JSJ_DB), which must exist; else the default one, created on first use
    (and said so, once, on stderr). A warning on stderr when JSJ_PLAN names another plan than the ledger holds."""
    from jinsanjiao_cli.ledger import opening
    from jinsanjiao_cli.ledger.paths import database_location, is_default_location

    location = database_location(option)
    if not is_default_location(option):
        ledger = opening.open_ledger(location)
    else:
        existed = opening.ledger_exists(location)
        ledger = opening.open_ledger(location, create=True, parents=True)
        if not existed:
            from jinsanjiao_cli import render

            render.echo_created(location)
    _warn_of_another_plan(ledger)
    return ledger


def _warn_of_another_plan(ledger: Database) -> None:
    from jinsanjiao_cli.actions.plan import plan_mismatch

    warning = plan_mismatch(ledger)
    if warning is not None:
        import typer

        from jinsanjiao_cli.text.i18n import t

        typer.echo(t("record.warning", reasons=warning), err=True)


def as_of_date(text: str | None) -> dt.date:
    from jinsanjiao_cli.core.values import parse_date

    return parse_date(text, "--as-of") if text is not None else dt.date.today()


def since_date(text: str, as_of: dt.date) -> dt.date:
    """--since: a date on or before the as-of date (a change is measured forwards in time)."""
    from jinsanjiao_cli.core.errors import BadValue
    from jinsanjiao_cli.core.values import parse_date
    from jinsanjiao_cli.text.i18n import t

    day = parse_date(text, "--since")
    if day > as_of:
        raise BadValue(t("since.after_as_of", since=day, as_of=as_of))
    return day
