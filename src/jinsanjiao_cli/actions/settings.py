"""The ledger's own settings (`jsj settings`), for both doors: what is in force, setting one, dropping one.

An override is checked alone and against the settings in force before it is stored (core/settings.py);
it holds for every command from then on, and `jsj db copy` carries it with the ledger.
"""

from __future__ import annotations

from jinsanjiao_cli.ledger import settings as stored
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.ledger.settings import SettingLine


def show(db: Database) -> list[SettingLine]:
    """Every overridable setting: in force, in the plan file, and whether (and by whom) it is overridden."""
    return stored.lines(db)


def set_value(db: Database, key: str, value: str, by: str) -> str:
    """Override one setting for this ledger; returns the value stored (in its canonical form)."""
    return stored.put(db, key.strip(), value, by)


def unset(db: Database, key: str) -> None:
    """Drop an override: the plan file's value holds again."""
    stored.remove(db, key.strip())


def documents(lines: list[SettingLine]) -> list[dict[str, object]]:
    """`jsj settings show --format json`: one entry per setting."""
    return [
        {
            "key": line.key,
            "value": line.value,
            "plan": line.plan,
            "overridden": line.overridden,
            "set_at": line.set_at,
            "set_by": line.set_by,
        }
        for line in lines
    ]
