"""Where notices go and what became of them: the units' notice addresses (`jsj unit set --notify`), the
plan-wide default (settings.notify), and the delivery log (`jsj remind --send`, `--log`).

Addresses are stored as given, secrets included, since sending needs them; they leave this module masked
except on the way to `io/notify.py`. The log keeps an address masked, beside a digest of the whole address:
two robots' keys mask alike (`wecombot://***`) and must still count as two addresses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from jinsanjiao_cli.core.delivery import Delivery, Kind
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.ledger.stamps import now_stamp


def address_digest(address: str) -> str:
    return hashlib.sha256(address.encode("utf-8")).hexdigest()


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


def record(db: Database, delivery: Delivery, address: str, *, by: str) -> Delivery:
    """Log one attempt (`address` as sent: only its digest is kept beside the masked one)."""
    stamped = delivery._replace(attempted_at=now_stamp(), by=by)
    with db.write():
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
