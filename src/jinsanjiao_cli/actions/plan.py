"""Creating a ledger and loading (or reloading) its plan (`jsj init`)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from jinsanjiao_cli.ledger.db import Database, Location

if TYPE_CHECKING:
    from jinsanjiao_cli.ledger.plan_sync import LoadSummary


def init_ledger(location: Location, plan_file: Path | None, *, parents: bool = False) -> LoadSummary:
    """Create and migrate the ledger at `location` if need be, and load the plan (default: JSJ_PLAN, else the
    bundled plan) into it, keeping recorded progress. The plan is checked before the ledger is touched.
    `parents`: create the directories above a new SQLite file (the default location only)."""
    from jinsanjiao_cli.ledger import opening
    from jinsanjiao_cli.ledger.paths import default_plan_path
    from jinsanjiao_cli.ledger.plan_sync import load_plan_into
    from jinsanjiao_cli.plans.plan import load_plan  # the plan's schema and YAML: only `jsj init` pays for them

    plan, digest = load_plan(plan_file or default_plan_path())
    ledger = opening.open_ledger(location, with_plan=False, create=True, parents=parents)
    try:
        return load_plan_into(ledger, plan, digest)
    finally:
        ledger.close()


# A plan file larger than this is no plan jsj would load (docs/plan-format.md): not read to compare.
_PLAN_LIMIT = 2 * 1024 * 1024


def plan_mismatch(db: Database) -> str | None:
    """A warning when JSJ_PLAN names a plan file other than the one this ledger holds (its bytes differ
    from those last loaded): the ledger keeps its own plan until `jsj init` loads the file, and saying so
    beats a silence that looks like the file was used. None when JSJ_PLAN is unset or agrees."""
    chosen = os.environ.get("JSJ_PLAN")
    if not chosen:
        return None
    path = Path(chosen).expanduser()
    row = db.one("SELECT title, source_sha256 FROM plan WHERE id = 1")
    if row is None:
        return None
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.stat().st_size <= _PLAN_LIMIT else None
    except OSError:
        digest = None
    if digest == row["source_sha256"]:
        return None
    from jinsanjiao_cli.text.i18n import t

    return t("plan.env_differs", path=chosen, title=row["title"])
