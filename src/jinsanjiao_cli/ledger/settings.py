"""The ledger's own settings over its plan file's (`jsj settings`): reading, storing and laying them over
the plan's values (the rules are core/settings.py). Every reader of the schedule, the lights or the
assessment's weights goes through `in_force`, or reads the same rows in its own statement
(ledger/picture.py), so an override holds for every command and door alike."""

from __future__ import annotations

from typing import Any, NamedTuple

from jinsanjiao_cli.core import settings as rules
from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.ledger.stamps import now_stamp
from jinsanjiao_cli.text.i18n import t

# The plan row's columns the settings stand for, and the dates their defaults follow.
COLUMNS = ("issued_on", "period_end", *(column for key in rules.KEYS.values() for column in key.columns))


class SettingLine(NamedTuple):
    """One overridable setting as `jsj settings show` gives it."""

    key: str
    value: str | None  # in force (None: the plan's default, e.g. no first period written)
    plan: str | None  # as the plan file has it
    overridden: bool
    set_at: str | None
    set_by: str | None


def overrides(db: Database) -> dict[str, str]:
    return {row[0]: row[1] for row in db.query("SELECT key, value FROM setting ORDER BY key")}


def plan_columns(db: Database) -> dict[str, Any]:
    row = db.one(f"SELECT {', '.join(COLUMNS)} FROM plan WHERE id = 1")
    assert row is not None, "open_ledger loads a plan"
    return {name: row[name] for name in COLUMNS}


def in_force(db: Database) -> dict[str, Any]:
    """The plan's setting columns with this ledger's overrides laid over them."""
    return rules.apply(plan_columns(db), overrides(db))


def put(db: Database, key: str, text: str, by: str) -> str:
    """Check and store one override; returns its canonical text."""
    with db.write():
        canonical = rules.check(key, text, plan_columns(db), overrides(db))
        db.execute(
            "INSERT INTO setting (key, value, set_at, set_by) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE"
            " SET value = excluded.value, set_at = excluded.set_at, set_by = excluded.set_by",
            (key, canonical, now_stamp(), by),
        )
    return canonical


def remove(db: Database, key: str) -> None:
    """Drop an override: the plan file's value holds again (refused if that would contradict the others)."""
    with db.write():
        if key not in rules.KEYS:
            raise BadValue(t("settings.unknown_key", setting=key, keys=", ".join(rules.KEYS)))
        left = {k: v for k, v in overrides(db).items() if k != key}
        rules.consistent(rules.apply(plan_columns(db), left), key)
        db.execute("DELETE FROM setting WHERE key = ?", (key,))


def lines(db: Database) -> list[SettingLine]:
    """Every overridable setting: in force, in the plan file, and who set an override when."""
    plan = plan_columns(db)
    stored = {row[0]: row for row in db.query("SELECT key, value, set_at, set_by FROM setting")}
    merged = rules.apply(plan, {key: row[1] for key, row in stored.items()})
    first, last = rules.schedule_bounds(merged)
    plan_first, plan_last = rules.schedule_bounds(plan)
    defaults = {"reporting.first_period": (first, plan_first), "reporting.last_period": (last, plan_last)}
    found = []
    for key in rules.KEYS:
        now, written = rules.shown(key, merged), rules.shown(key, plan)
        if key in defaults:
            now, written = now or defaults[key][0], written or defaults[key][1]
        row = stored.get(key)
        found.append(SettingLine(key, now, written, row is not None, row[2] if row else None, row[3] if row else None))
    return found
