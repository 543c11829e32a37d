"""Notices and their delivery (`jsj remind --send`), as plain data: the notice a unit is sent, and each
attempt to deliver it to one address, as the delivery log keeps it.

A notice is sent once per unit, period, kind and day: an address that took it that day is not sent it
again (unless --resend); an address that failed is tried again by the next run; and of two runs at once,
only one sends it (the claim rule: ledger/deliveries.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple

Kind = Literal["overdue", "upcoming"]  # 催报 after the due date, 临近提醒 before it
# sent and failed are attempts the log keeps; skipped (sent already that day), claimed (being sent by another
# run at the same time) and dry_run are not.
Outcome = Literal["sent", "failed", "skipped", "claimed", "dry_run"]
RECORDED: tuple[Outcome, ...] = ("sent", "failed")


class Notice(NamedTuple):
    """One unit's notice: the text `jsj remind --format text` prints for it, and its title (the subject)."""

    unit: str
    kind: Kind
    period: str  # the period's label: 2022-06, 2022Q2
    title: str
    text: str


class Delivery(NamedTuple):
    """One attempt to deliver one notice to one address."""

    unit: str
    period: str
    kind: Kind
    day: dt.date  # the as-of date: a notice goes once a day
    address: str  # masked: never a secret
    outcome: Outcome
    error: str | None  # one line, scrubbed; None when delivered
    attempted_at: str | None = None  # ISO time, when recorded
    by: str | None = None


class Sending(NamedTuple):
    """A notice and what became of it at each of its unit's addresses (none: the unit has no address)."""

    notice: Notice
    deliveries: tuple[Delivery, ...]


def failed(sendings: list[Sending]) -> list[Delivery]:
    return [d for s in sendings for d in s.deliveries if d.outcome == "failed"]
