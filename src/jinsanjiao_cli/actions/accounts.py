"""The portal's accounts (`jsj user …`) and signing in (`jsj serve`): one set of rules for both doors.

Passwords are hashed with argon2id (OWASP's parameters: see HASH_COST) and never printed or logged
once set: `add` and `reset` return a one-time initial password for the CLI to show once, unless one is
given. Signing in is throttled twice: 5 wrong passwords lock the account for 15 minutes (and say so), and
an address with 20 refused logins in 15 minutes is refused for the rest of that window, whatever the
account. Every login, refusal and logout, and every change to an account, is written to the login log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import threading
from typing import TYPE_CHECKING, Any, NamedTuple

from jinsanjiao_cli.core.access import ROLES, Account, Actor, Role
from jinsanjiao_cli.core.errors import BadValue, JsjError, NotSignedIn
from jinsanjiao_cli.ledger import accounts, store
from jinsanjiao_cli.ledger.accounts import stamp
from jinsanjiao_cli.ledger.db import Database, Row
from jinsanjiao_cli.text.i18n import t

if TYPE_CHECKING:
    from argon2 import PasswordHasher

LOCK_AFTER = 5  # wrong passwords in a row
LOCK_FOR = dt.timedelta(minutes=15)
ADDRESS_LIMIT = 20  # refused logins from one address …
ADDRESS_WINDOW = dt.timedelta(minutes=15)  # … within this window
IDLE = dt.timedelta(hours=8)  # a session unused this long has ended (`jsj serve --idle-hours`)
TOUCH_EVERY = dt.timedelta(minutes=1)  # last_seen is written at most this often: pages need not write
MIN_PASSWORD, MAX_PASSWORD = 10, 1024
# argon2id as the OWASP Password Storage Cheat Sheet sets its floor: 19 MiB, 2 passes, 1 lane (~40 ms of one
# core here). argon2-cffi's own default (64 MiB, 3 passes, 4 lanes) costs 200 ms of CPU, so 50 people signing
# in within seconds would hold a 2-core server for 5 s. Hashes made with other parameters still verify, and
# are rehashed with these at the next login. The tests lower them further.
HASH_COST: dict[str, Any] = {"time_cost": 2, "memory_cost": 19 * 1024, "parallelism": 1}
# Hashing is the heaviest thing the portal does: at most this many at once, so a wave of logins leaves a
# core for the pages everyone else is waiting for.
_HASHING = threading.BoundedSemaphore(max(1, (os.cpu_count() or 2) // 2))
MAX_NAME = 64


class MissingExtra(JsjError):
    """The portal's libraries are not installed."""


def _hasher() -> PasswordHasher:
    """argon2-cffi's hasher, imported here: it is an optional extra, and only accounts need it."""
    try:
        from argon2 import PasswordHasher
    except ImportError as exc:
        raise MissingExtra(t("web.missing_extra", module=exc.name)) from exc
    return PasswordHasher(**HASH_COST)  # argon2id


def hash_password(password: str) -> str:
    with _HASHING:
        return str(_hasher().hash(password))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def check_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > MAX_NAME or not cleaned.isprintable() or any(c.isspace() for c in cleaned):
        raise BadValue(t("user.bad_name", name=name, limit=MAX_NAME))
    return cleaned


def check_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD or not password.isprintable():
        raise BadValue(t("user.bad_password", low=MIN_PASSWORD, high=MAX_PASSWORD))
    return password


def new_password() -> str:
    """A one-time initial password: 16 characters from 96 random bits, easy to read out (no 0/O, 1/l)."""
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(16))


def _require(db: Database, name: str) -> Account:
    found = accounts.by_name(db, name.strip())
    if found is None:
        raise BadValue(t("user.unknown", name=name))
    return found


def add(db: Database, name: str, role: Role, unit: str | None, password: str | None, by: str) -> tuple[Account, str]:
    """A new account; a unit account names its unit (any form the plan knows). Returns it and its password
    (the one given, else a new one-time password)."""
    name = check_name(name)
    if role not in ROLES:
        raise BadValue(t("user.bad_role", role=role))
    if (role == "unit") != (unit is not None):
        raise BadValue(t("user.unit_role"))
    plan_unit = store.find_unit(db, unit) if unit is not None else None
    password = check_password(password) if password is not None else new_password()
    hashed, now = hash_password(password), stamp(_now())
    with db.write():
        if accounts.by_name(db, name) is not None:
            raise BadValue(t("user.exists", name=name))
        account_id = accounts.add(db, name, role, plan_unit, hashed, now, by)
        accounts.log(db, now, name, account_id, None, "added")
        return _require(db, name), password


def every(db: Database) -> list[Account]:
    return accounts.every(db)


def set_disabled(db: Database, name: str, disabled: bool, by: str) -> Account:
    """Disable (or enable again) an account; disabling ends its sessions at once."""
    now = stamp(_now())
    with db.write():
        found = _require(db, name)
        accounts.set_disabled(db, found.id, disabled, now, by)
        if disabled:
            accounts.end_sessions(db, found.id)
        accounts.log(db, now, found.name, found.id, None, "disable" if disabled else "enable")
    return found


def reset(db: Database, name: str, password: str | None, by: str) -> tuple[Account, str]:
    """A new password (given, else a one-time one); ends the account's sessions and lifts any lock."""
    password = check_password(password) if password is not None else new_password()
    hashed, now = hash_password(password), stamp(_now())
    with db.write():
        found = _require(db, name)
        accounts.set_password(db, found.id, hashed, now, by)
        accounts.end_sessions(db, found.id)
        accounts.log(db, now, found.name, found.id, None, "reset")
    return found, password


def log(db: Database, name: str | None, limit: int) -> list[Row]:
    return accounts.entries(db, name.strip() if name else None, limit)


# ---------------------------------------------------------------- signing in


class SignedIn(NamedTuple):
    token: str  # the cookie's value; only its SHA-256 is stored
    csrf: str
    actor: Actor


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def actor(account: Account) -> Actor:
    role = next(known for known in ROLES if known == account.role)  # the column holds one of ROLES
    return Actor(account.name, role, account.unit)


def sign_in(
    db: Database, name: str, password: str, address: str | None, *, ending: str | None = None, idle: dt.timedelta = IDLE
) -> SignedIn:
    """Check a name and password and open a new session (a fresh token: a session id never survives a
    login; `ending` is the token the browser came with, ended here). Refused with NotSignedIn; every
    attempt is logged, and a refusal's log entry and failure count are committed before it is raised."""
    now = _now()
    typed = name.strip()[:MAX_NAME] or "—"
    if address and accounts.failures_from(db, address, stamp(now - ADDRESS_WINDOW)) >= ADDRESS_LIMIT:
        _refuse(db, typed, None, address, now, "throttled", t("login.throttled", minutes=_minutes(ADDRESS_WINDOW)))
    found = accounts.by_name(db, typed)
    if found is not None and _locked(found, now):
        _refuse(db, typed, found.id, address, now, "locked", t("login.locked", until=_local(found.locked_until)))
    good = _verify(found, password)  # outside the write lock: argon2 takes tens of milliseconds
    with db.write():
        signed, message = _settle(db, typed, good, address, now, ending, idle)
    if signed is None:
        raise NotSignedIn(message)
    _rehash_if_needed(db, typed, password)
    return signed


def _refuse(db: Database, typed: str, account_id: int | None, address: str | None, now: dt.datetime, outcome: str,
            message: str) -> None:  # fmt: skip
    with db.write():
        accounts.log(db, stamp(now), typed, account_id, address, outcome)
    raise NotSignedIn(message)


def _settle(
    db: Database, typed: str, good: bool, address: str | None, now: dt.datetime, ending: str | None,
    idle: dt.timedelta,
) -> tuple[SignedIn | None, str]:  # fmt: skip
    """Under the write lock, read again (parallel guesses count one by one): refuse, counting a wrong
    password, or open the session. Returns the session, or None and why."""
    found = accounts.by_name(db, typed)
    at = stamp(now)
    if found is None:
        accounts.log(db, at, typed, None, address, "unknown")
        return None, t("login.wrong")
    if _locked(found, now):
        accounts.log(db, at, typed, found.id, address, "locked")
        return None, t("login.locked", until=_local(found.locked_until))
    if not good:
        accounts.log(db, at, typed, found.id, address, "failed")
        return None, _count_failure(db, found, now)
    if found.disabled:
        accounts.log(db, at, typed, found.id, address, "disabled")
        return None, t("login.disabled")
    accounts.set_failures(db, found.id, 0, None)
    if ending:
        accounts.end_session(db, token_hash(ending))
    accounts.end_idle(db, stamp(now - idle))  # sessions left to expire are swept at each login
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    accounts.open_session(db, token_hash(token), found.id, csrf, at, address)
    accounts.log(db, at, found.name, found.id, address, "ok")
    return SignedIn(token, csrf, actor(found)), ""


def _count_failure(db: Database, found: Account, now: dt.datetime) -> str:
    """One more wrong password; the fifth in a row locks the account. Returns what to say."""
    failures = found.failed_logins + 1
    if failures >= LOCK_AFTER:
        until = stamp(now + LOCK_FOR)
        accounts.set_failures(db, found.id, 0, until)
        return t("login.locked_now", count=LOCK_AFTER, minutes=_minutes(LOCK_FOR), until=_local(until))
    accounts.set_failures(db, found.id, failures, None)
    return t("login.wrong_left", left=LOCK_AFTER - failures)


def _verify(found: Account | None, password: str) -> bool:
    """argon2 verification; an unknown name is checked against a dummy hash, so it takes as long."""
    from argon2.exceptions import InvalidHashError, VerificationError

    hasher, stored = _hasher(), found.password_hash if found else _dummy_hash()
    try:
        with _HASHING:
            return bool(hasher.verify(stored, password))
    except (VerificationError, InvalidHashError):
        return False


_DUMMY: list[str] = []


def _dummy_hash() -> str:
    if not _DUMMY:
        _DUMMY.append(hash_password(secrets.token_hex(16)))
    return _DUMMY[0]


def _rehash_if_needed(db: Database, name: str, password: str) -> None:
    hasher, found = _hasher(), accounts.by_name(db, name)
    if found is not None and hasher.check_needs_rehash(found.password_hash):
        rehashed = hash_password(password)
        with db.write():
            accounts.rehash(db, found.id, rehashed)


def _locked(found: Account, now: dt.datetime) -> bool:
    return found.locked_until is not None and found.locked_until > stamp(now)


def _local(moment: str | None) -> str:
    """A lock's end as the office reads a clock: local time, to the minute."""
    if moment is None:
        return ""
    return dt.datetime.fromisoformat(moment).replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")


def _minutes(span: dt.timedelta) -> int:
    return int(span.total_seconds() // 60)


class Current(NamedTuple):
    actor: Actor
    csrf: str


def current(db: Database, token: str | None, idle: dt.timedelta = IDLE) -> Current | None:
    """The signed-in account behind a session cookie, or None: no such session, idle too long (then ended),
    or the account disabled."""
    if not token:
        return None
    now, key = _now(), token_hash(token)
    found = accounts.session(db, key)
    if found is None or found.account.disabled:
        return None
    if found.last_seen < stamp(now - idle):
        with db.write():
            accounts.end_session(db, key)
        return None
    if found.last_seen < stamp(now - TOUCH_EVERY):
        with db.write():
            accounts.touch(db, key, stamp(now))
    return Current(actor(found.account), found.csrf)


def sign_out(db: Database, token: str, address: str | None) -> None:
    key = token_hash(token)
    with db.write():
        found = accounts.session(db, key)
        if found is not None:
            accounts.end_session(db, key)
            accounts.log(db, stamp(_now()), found.account.name, found.account.id, address, "logout")
