"""Creating a ledger and loading (or reloading) its plan (`jsj init`)."""

from __future__ import annotations

from pathlib import Path

from jinsanjiao_cli.io.plan import load_plan
from jinsanjiao_cli.ledger import opening
from jinsanjiao_cli.ledger.db import Location
from jinsanjiao_cli.ledger.paths import default_plan_path
from jinsanjiao_cli.ledger.plan_sync import LoadSummary, load_plan_into


def init_ledger(location: Location, plan_file: Path | None, *, parents: bool = False) -> LoadSummary:
    """Create and migrate the ledger at `location` if need be, and load the plan (default: JSJ_PLAN, else the
    bundled plan) into it, keeping recorded progress. The plan is checked before the ledger is touched.
    `parents`: create the directories above a new SQLite file (the default location only)."""
    plan, digest = load_plan(plan_file or default_plan_path())
    ledger = opening.open_ledger(location, with_plan=False, create=True, parents=parents)
    try:
        return load_plan_into(ledger, plan, digest)
    finally:
        ledger.close()
