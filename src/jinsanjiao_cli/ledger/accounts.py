"""The portal's accounts, sessions and login log: every SQL statement about who may sign in.

Times are UTC ISO text with seconds (`stamp`), so expiry and rate windows compare as text on both engines.
Only an argon2id hash of a password and only the SHA-256 of a session token are ever stored.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from jinsanjiao_cli.core.access import Account
from jinsanjiao_cli.ledger.db import Database, Row


def stamp(moment: dt.datetime) -> str:
    """A UTC moment as the text the tables hold."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")


_ACCOUNT = (
    "SELECT a.id, a.name, a.role, u.name AS unit, a.password_hash, a.disabled, a.failed_logins,"
    " a.locked_until, a.created_at, a.created_by FROM account a LEFT JOIN unit u ON u.id = a.unit_id"
)


def _account(row: Row, at: int = 0) -> Account:
    """The account in a row's columns from `at` on, in _ACCOUNT's order."""
    values = [row[at + i] for i in range(10)]
    return Account(
        int(values[0]), values[1], values[2], values[3], values[4], bool(values[5]), int(values[6]), values[7],
        values[8], values[9],
    )  # fmt: skip


def add(db: Database, name: str, role: str, unit: str | None, password_hash: str, now: str, by: str) -> int:
    return db.insert(
        "INSERT INTO account (name, role, unit_id, password_hash, disabled, failed_logins, created_at, created_by)"
        " VALUES (?, ?, (SELECT id FROM unit WHERE name = ?), ?, FALSE, 0, ?, ?)",
        (name, role, unit, password_hash, now, by),
    )


def by_name(db: Database, name: str) -> Account | None:
    row = db.one(_ACCOUNT + " WHERE a.name = ?", (name,))
    return None if row is None else _account(row)


def every(db: Database) -> list[Account]:
    return [_account(row) for row in db.query(_ACCOUNT + " ORDER BY a.id")]


def set_disabled(db: Database, account_id: int, disabled: bool, now: str, by: str) -> None:
    db.execute(
        "UPDATE account SET disabled = ?, changed_at = ?, changed_by = ? WHERE id = ?", (disabled, now, by, account_id)
    )


def set_password(db: Database, account_id: int, password_hash: str, now: str, by: str) -> None:
    """A new password; any lock and failure count go with the old one."""
    db.execute(
        "UPDATE account SET password_hash = ?, failed_logins = 0, locked_until = NULL, changed_at = ?,"
        " changed_by = ? WHERE id = ?",
        (password_hash, now, by, account_id),
    )


def set_failures(db: Database, account_id: int, failures: int, locked_until: str | None) -> None:
    db.execute(
        "UPDATE account SET failed_logins = ?, locked_until = ? WHERE id = ?", (failures, locked_until, account_id)
    )


def rehash(db: Database, account_id: int, password_hash: str) -> None:
    """The same password under newer hashing parameters (argon2's check_needs_rehash)."""
    db.execute("UPDATE account SET password_hash = ? WHERE id = ?", (password_hash, account_id))


# ---------------------------------------------------------------- sessions


class Session(NamedTuple):
    token_hash: str
    csrf: str
    last_seen: str
    account: Account


def open_session(db: Database, token_hash: str, account_id: int, csrf: str, now: str, address: str | None) -> None:
    db.execute(
        "INSERT INTO web_session (token_hash, account_id, csrf, created_at, last_seen, address)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (token_hash, account_id, csrf, now, now, address),
    )


def session(db: Database, token_hash: str) -> Session | None:
    """The session with its account, in one statement (every page asks)."""
    row = db.one(
        "SELECT s.token_hash, s.csrf, s.last_seen, a.id, a.name, a.role, u.name AS unit, a.password_hash,"
        " a.disabled, a.failed_logins, a.locked_until, a.created_at, a.created_by"
        " FROM web_session s JOIN account a ON a.id = s.account_id LEFT JOIN unit u ON u.id = a.unit_id"
        " WHERE s.token_hash = ?",
        (token_hash,),
    )
    return None if row is None else Session(row[0], row[1], row[2], _account(row, 3))


def touch(db: Database, token_hash: str, now: str) -> None:
    db.execute("UPDATE web_session SET last_seen = ? WHERE token_hash = ?", (now, token_hash))


def end_session(db: Database, token_hash: str) -> None:
    db.execute("DELETE FROM web_session WHERE token_hash = ?", (token_hash,))


def end_sessions(db: Database, account_id: int) -> int:
    """Every session of an account (disabled, password reset): returns how many ended."""
    return db.execute("DELETE FROM web_session WHERE account_id = ?", (account_id,))


def end_idle(db: Database, seen_before: str) -> int:
    return db.execute("DELETE FROM web_session WHERE last_seen < ?", (seen_before,))


# ---------------------------------------------------------------- the login log


def log(db: Database, at: str, name: str, account_id: int | None, address: str | None, outcome: str) -> None:
    db.execute(
        "INSERT INTO login_log (at, name, account_id, address, outcome) VALUES (?, ?, ?, ?, ?)",
        (at, name, account_id, address, outcome),
    )


FAILURES = ("failed", "unknown", "locked", "disabled", "throttled")


def failures_from(db: Database, address: str, since: str) -> int:
    """Refused logins from one address since a moment (the per-address rate limit)."""
    marks = ", ".join("?" for _ in FAILURES)
    return int(
        db.value(
            f"SELECT count(*) FROM login_log WHERE address = ? AND at >= ? AND outcome IN ({marks})",
            (address, since, *FAILURES),
        )
    )


def entries(db: Database, name: str | None, limit: int) -> list[Row]:
    """The newest entries first, of one account name (as typed at login) or of all."""
    where, params = ("WHERE name = ?", (name, limit)) if name else ("", (limit,))
    return db.query(f"SELECT at, name, address, outcome FROM login_log {where} ORDER BY id DESC LIMIT ?", params)
