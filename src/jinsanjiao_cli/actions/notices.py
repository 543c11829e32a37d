"""The notices use case (`jsj remind`): compose each unit's notice, deliver it to the unit's addresses, and
record every attempt in the ledger.

- **Compose.** The chase (催报) or the reminder (临近提醒) document, and from it one notice per unit with the
  text `--format text` prints (text/notices.py), so what is sent is what the analyst sees.
- **Deliver.** To the unit's own addresses (`jsj unit set --notify`), else to the plan-wide default
  (JSJ_NOTIFY, else settings.notify). An address that took the notice of this period and kind on this
  day is skipped unless `resend`; one that failed is tried again; one another run is sending at the same
  moment is left to it (each run claims a notice and address before it sends: ledger/deliveries.py).
  A failure (an address refused, a server that answers 4xx/5xx, or 200 with a robot's errcode, or not
  within 10 s) is recorded and the next address is tried.
- **Record.** Each attempt is logged as it ends, so a run cut short never sends twice what it sent.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, NamedTuple

from jinsanjiao_cli.core.delivery import Delivery, Kind, Notice, Sending
from jinsanjiao_cli.core.schedule import current_period
from jinsanjiao_cli.core.secrets import remember_address
from jinsanjiao_cli.ledger import deliveries
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.ledger.picture import read_picture
from jinsanjiao_cli.text.i18n import t
from jinsanjiao_cli.text.notices import titled_notices
from jinsanjiao_cli.views import documents
from jinsanjiao_cli.views.cycle import chosen_period, reporting_view, require_schedule
from jinsanjiao_cli.views.status import find_unit


class Composed(NamedTuple):
    kind: Kind
    document: dict[str, Any]  # the `jsj remind [--upcoming] --format json` document
    notices: list[Notice]


def compose(
    db: Database, as_of: dt.date, *, upcoming: bool, within: int, period: str | None, unit: str | None
) -> Composed:
    """The chase for the period (else the latest due) or, with `upcoming`, the reminder of reports due
    within `within` days in the current period; each unit's notice written out."""
    picture = read_picture(db, as_of)
    view = require_schedule(reporting_view(picture))
    unit_name = find_unit(picture, unit) if unit else None
    contacts = picture.contacts
    if upcoming:
        index = chosen_period(picture, view, period) if period else current_period(view.periods, view.as_of)
        document = documents.upcoming_document(view, index, contacts, unit_name, within)
    else:
        document = documents.chase_document(view, chosen_period(picture, view, period), contacts, unit_name)
    kind: Kind = "upcoming" if upcoming else "overdue"
    label = document["period"]["label"]
    notices = [Notice(name, kind, label, title, text) for name, title, text in titled_notices(document)]
    return Composed(kind, document, notices)


def default_addresses(db: Database) -> tuple[str, list[str]]:
    """Where notices of units without addresses of their own go, and where that is set: JSJ_NOTIFY
    (addresses separated by spaces), else the plan's settings.notify."""
    from_environment = os.environ.get("JSJ_NOTIFY", "").split()
    if from_environment:
        return "JSJ_NOTIFY", from_environment
    return "settings.notify", deliveries.plan_notify(db)


def send(
    db: Database,
    composed: Composed,
    as_of: dt.date,
    *,
    by: str,
    dry_run: bool = False,
    resend: bool = False,
    timeout: float | None = None,
) -> list[Sending]:
    """Deliver each notice to its unit's addresses and log each attempt (none when `dry_run`)."""
    if not composed.notices:
        return []
    own = deliveries.notify_addresses(db)
    fallback = default_addresses(db)[1]
    # A dry run only looks at the log; a real one claims each notice and address as it goes (cross-run safe).
    logged = dry_run and not resend
    done = deliveries.delivered(db, composed.notices[0].period, composed.kind, as_of) if logged else set()
    began = dt.datetime.now(dt.UTC) if resend else None
    sending = _Run(db, as_of, by, deliveries.new_run(), dry_run, began, timeout, done)
    sendings = []
    for notice in composed.notices:
        addresses = own.get(notice.unit) or fallback
        if not addresses:
            sendings.append(Sending(notice, (_no_address(db, notice, as_of, by=by, dry_run=dry_run),)))
        else:
            sendings.append(Sending(notice, tuple(sending.to(notice, address) for address in addresses)))
    return sendings


class _Run(NamedTuple):
    """One `jsj remind --send`: what each of its deliveries needs."""

    db: Database
    as_of: dt.date
    by: str
    run: str  # the holder of this run's claims
    dry_run: bool
    resend_before: dt.datetime | None  # --resend: when the run began
    timeout: float | None
    done: set[tuple[str, str]]  # (unit, address digest) delivered today, for a dry run's preview

    def to(self, notice: Notice, address: str) -> Delivery:
        """The notice to one address: previewed, skipped, left to another run, or claimed, sent and logged."""
        masked = remember_address(address)
        attempt = Delivery(notice.unit, notice.period, notice.kind, self.as_of, masked, "sent", None)
        if self.dry_run:
            seen = (notice.unit, deliveries.address_digest(address)) in self.done
            return attempt._replace(outcome="skipped" if seen else "dry_run")
        claimed = deliveries.claim(self.db, attempt, address, self.run, resend_before=self.resend_before)
        if claimed != "claimed":
            return attempt._replace(outcome="skipped" if claimed == "delivered" else "claimed")
        from jinsanjiao_cli.io import notify  # Apprise: only when a notice is really sent

        seconds = notify.TIMEOUT_SECONDS if self.timeout is None else self.timeout
        error = notify.deliver(address, notice.title, notice.text, seconds)
        outcome = attempt._replace(outcome="failed", error=error) if error else attempt
        return deliveries.record(self.db, outcome, address, by=self.by, run=self.run)


def _no_address(db: Database, notice: Notice, as_of: dt.date, *, by: str, dry_run: bool) -> Delivery:
    # Nowhere to send is a failed delivery: cron must hear of it, and the next run tries again.
    attempt = Delivery(notice.unit, notice.period, notice.kind, as_of, "", "failed", t("notify.no_address"))
    return attempt if dry_run else deliveries.record(db, attempt, "", by=by)


def delivery_log(db: Database, period: str | None) -> list[Delivery]:
    """`jsj remind --log`: every attempt logged, oldest first; only those of `period` (as typed: 2022-06,
    2022Q2, checked against the plan's schedule) when given."""
    if period is None:
        return deliveries.delivery_log(db)
    picture = read_picture(db, dt.date.today())
    view = require_schedule(reporting_view(picture))
    return deliveries.delivery_log(db, view.periods[chosen_period(picture, view, period)].label)
