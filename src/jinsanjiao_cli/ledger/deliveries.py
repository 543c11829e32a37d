"""Where notices go and what became of them: the units' notice addresses (`jsj unit set --notify`), the
plan-wide default (settings.notify), and the delivery log (`jsj remind --send`, `--log`).

Addresses are stored as given, secrets included, since sending needs them; they leave this module masked
except on the way to `io/notify.py`. The log keeps an address masked, beside a digest of the whole address:
two robots' keys mask alike (`wecombot://***`) and must still count as two addresses.

Two runs at once (a cron job that overlaps the last one, a retry) must not both send a notice: each run
claims a notice and address in `notice_claim` under the write lock before it sends (`claim`), and marks the
claim sent or failed in the same transaction that logs the attempt (`record`). The rule for a claim found:
- sent (that day, that period and kind): not sent again, unless --resend, and then only if it was sent
  before the resending run began (of two resending at once, one sends);
- failed: taken over and tried again;
- being sent by another run: left to it, unless it was claimed more than `STALE_AFTER` ago, which no live
  run takes (a sending gives up after 10 s per connection and read): that run died between claiming and
  recording, and the notice is taken over and sent, at the risk of a second copy if it had gone out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import uuid
from typing import Literal

from jinsanjiao_cli.core.delivery import Delivery, Kind
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.ledger.stamps import now_stamp

STALE_AFTER = dt.timedelta(minutes=15)
Claim = Literal["claimed", "delivered", "busy"]  # this run sends; sent already; another run is sending


def address_digest(address: str) -> str:
    return hashlib.sha256(address.encode("utf-8")).hexdigest()


def new_run() -> str:
    """Who holds a claim: this host and process, and a nonce for this sending."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


# ---------------------------------------------------------------- addresses


def notify_addresses(db: Database) -> dict[str, list[str]]:
    """Each unit's own addresses, in the order given, by the unit's name."""
    rows = db.query("SELECT u.name, n.address FROM unit_notify n JOIN unit u ON u.id = n.unit_id ORDER BY u.ord, n.ord")
    found: dict[str, list[str]] = {}
    for name, address in rows:
        found.setdefault(name, []).append(address)
    return found


def set_notify(db: Database, unit: str, addresses: list[str], *, by: str) -> list[str]:
    """Replace the unit's addresses (none: clear them). Returns what is stored."""
    with db.write():
        unit_id = db.value("SELECT id FROM unit WHERE name = ?", (unit,))
        db.execute("DELETE FROM unit_notify WHERE unit_id = ?", (unit_id,))
        stamp = now_stamp()
        db.executemany(
            "INSERT INTO unit_notify (unit_id, ord, address, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)",
            [(unit_id, position, address, stamp, by) for position, address in enumerate(addresses, 1)],
        )
        return notify_addresses(db).get(unit, [])


def plan_notify(db: Database) -> list[str]:
    """settings.notify as loaded with the plan."""
    stored = db.value("SELECT notify FROM plan WHERE id = 1")
    return list(json.loads(stored)) if stored else []


# ---------------------------------------------------------------- the log


def delivered(db: Database, period: str, kind: Kind, day: dt.date) -> set[tuple[str, str]]:
    """(unit, address digest) of every address that took the notice of this period and kind on `day`."""
    rows = db.query(
        "SELECT unit, address_digest FROM delivery WHERE period = ? AND kind = ? AND day = ? AND outcome = 'sent'",
        (period, kind, day),
    )
    return {(row[0], row[1]) for row in rows}


_CLAIM_KEY = "unit = ? AND period = ? AND kind = ? AND day = ? AND address_digest = ?"


def claim(
    db: Database, delivery: Delivery, address: str, run: str, *, resend_before: dt.datetime | None = None
) -> Claim:
    """Take the notice of `delivery` to `address` for `run` before sending it, by the rule in the docstring.
    `resend_before` (--resend): the time the run began; what was sent before it is sent again, but not what
    another run at the same time has just sent."""
    key = _key(delivery, address)
    now = dt.datetime.now(dt.UTC)
    with db.write():
        found = db.query(f"SELECT state, claimed_at FROM notice_claim WHERE {_CLAIM_KEY}", key)
        if not found:
            db.execute(
                "INSERT INTO notice_claim (unit, period, kind, day, address_digest, state, claimed_at, run)"
                " VALUES (?, ?, ?, ?, ?, 'sending', ?, ?)",
                (*key, now.isoformat(), run),
            )
            return "claimed"
        state, claimed_at = found[0]
        if state == "sending" and now - _aware(claimed_at) < STALE_AFTER:
            return "busy"
        if state == "sent" and not (resend_before and _aware(claimed_at) < resend_before):
            return "delivered"
        db.execute(
            f"UPDATE notice_claim SET state = 'sending', claimed_at = ?, run = ? WHERE {_CLAIM_KEY}",
            (now.isoformat(), run, *key),
        )
        return "claimed"


def _key(delivery: Delivery, address: str) -> tuple[str, str, str, dt.date, str]:
    return (delivery.unit, delivery.period, delivery.kind, delivery.day, address_digest(address))


def _aware(stamp: str) -> dt.datetime:
    # Claims are stamped in UTC; those m011 made from the log carry the log's local time, read as such.
    return dt.datetime.fromisoformat(stamp).astimezone(dt.UTC)


def record(db: Database, delivery: Delivery, address: str, *, by: str, run: str | None = None) -> Delivery:
    """Log one attempt (`address` as sent: only its digest is kept beside the masked one), and mark the claim
    `run` holds on it sent or failed in the same transaction."""
    stamped = delivery._replace(attempted_at=now_stamp(), by=by)
    with db.write():
        if run is not None:
            db.execute(
                f"UPDATE notice_claim SET state = ? WHERE {_CLAIM_KEY} AND run = ?",
                (stamped.outcome, *_key(stamped, address), run),
            )
        db.insert(
            "INSERT INTO delivery (unit, period, kind, day, address, address_digest, attempted_at, outcome, error,"
            " by_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                stamped.unit,
                stamped.period,
                stamped.kind,
                stamped.day,
                stamped.address,
                address_digest(address),
                stamped.attempted_at,
                stamped.outcome,
                stamped.error,
                by,
            ),
        )
    return stamped


def delivery_log(db: Database, period: str | None = None, *, until: dt.date | None = None) -> list[Delivery]:
    """Every attempt logged, oldest first; only those of `period`, and on or before `until`, when given."""
    conditions: list[str] = []
    params: list[str | dt.date] = []
    if period:
        conditions.append("period = ?")
        params.append(period)
    if until:
        conditions.append("day <= ?")
        params.append(until)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = db.query(
        "SELECT unit, period, kind, day, address, outcome, error, attempted_at, by_user FROM delivery"
        f" {where} ORDER BY attempted_at, id",
        tuple(params),
    )
    return [Delivery(*row) for row in rows]
