"""The portal's accounts and login log as documents (`jsj user list`, `jsj user log`). No password hash
ever leaves the ledger layer in a document."""

from __future__ import annotations

from typing import Any

from jinsanjiao_cli.core.access import Account
from jinsanjiao_cli.core.rows import Row


def accounts_document(accounts: list[Account], now: str) -> list[dict[str, Any]]:
    """`now`: the moment (ledger.accounts.stamp) before which a lock has ended and is not shown."""
    return [
        {
            "name": a.name,
            "role": a.role,
            "unit": a.unit,
            "disabled": a.disabled,
            "locked_until": a.locked_until if a.locked_until and a.locked_until > now else None,
            "created_at": a.created_at,
            "created_by": a.created_by,
        }
        for a in accounts
    ]


def log_document(rows: list[Row]) -> list[dict[str, Any]]:
    return [{"at": r["at"], "name": r["name"], "address": r["address"], "outcome": r["outcome"]} for r in rows]
