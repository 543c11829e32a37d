"""The bulletins issued (第N期), as the ledger keeps them: one row per number, with its as-of date."""

from __future__ import annotations

import datetime as dt

from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.ledger.stamps import now_stamp


def numbers_issued(db: Database, as_of: dt.date) -> tuple[int | None, int | None]:
    """(the number of a bulletin already issued as of `as_of`, the last number issued); None where none."""
    row = db.one(
        "SELECT (SELECT max(no) FROM bulletin WHERE as_of = ?) AS same_day, (SELECT max(no) FROM bulletin) AS last",
        (as_of,),
    )
    assert row is not None  # an aggregate always gives its row
    same_day, last = row["same_day"], row["last"]
    return (None if same_day is None else int(same_day)), (None if last is None else int(last))


def record_issue(db: Database, no: int, as_of: dt.date, by: str) -> None:
    """Keep the number of a bulletin written (again, with its new date, when the number was given before)."""
    with db.write():
        db.execute(
            "INSERT INTO bulletin (no, as_of, issued_at, issued_by) VALUES (?, ?, ?, ?) ON CONFLICT (no)"
            " DO UPDATE SET as_of = excluded.as_of, issued_at = excluded.issued_at, issued_by = excluded.issued_by",
            (no, as_of, now_stamp(), by),
        )
