"""The bulletin's issue numbers (第N期), for both doors: the ledger keeps the bulletins issued, so the next
one numbers itself.

A bulletin takes the number given (`--issue-no`), else the number already given to a bulletin as of the
same date (written again after a correction, it is the same issue), else the last number plus one (the
first is 1). The number is stored once the bulletin has been written, so a failed write uses none.
"""

from __future__ import annotations

import datetime as dt

from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.ledger.stamps import now_stamp


def issue_number(db: Database, as_of: dt.date, requested: int | None) -> int:
    """The number of the bulletin as of `as_of` (see the module docstring)."""
    if requested is not None:
        return requested
    row = db.one(
        "SELECT (SELECT max(no) FROM bulletin WHERE as_of = ?) AS same_day, (SELECT max(no) FROM bulletin) AS last",
        (as_of,),
    )
    assert row is not None  # an aggregate always gives its row
    if row["same_day"] is not None:
        return int(row["same_day"])
    return int(row["last"] or 0) + 1


def record_issue(db: Database, no: int, as_of: dt.date, by: str) -> None:
    """Keep the number of a bulletin written (again, with its new date, when the number was given before)."""
    with db.write():
        db.execute(
            "INSERT INTO bulletin (no, as_of, issued_at, issued_by) VALUES (?, ?, ?, ?) ON CONFLICT (no)"
            " DO UPDATE SET as_of = excluded.as_of, issued_at = excluded.issued_at, issued_by = excluded.issued_by",
            (no, as_of, now_stamp(), by),
        )
