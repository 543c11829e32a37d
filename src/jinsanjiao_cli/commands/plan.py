"""`jsj init`: create the database and load (or reload) the plan."""

from pathlib import Path
from typing import Annotated

import typer

from jinsanjiao_cli.options import DbOption, LangOption


def init(
    plan_file: Annotated[
        Path | None,
        typer.Option("--plan", help="Plan YAML to load. Default: $JSJ_PLAN, else the bundled data/plan.yaml."),
    ] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Create the database and load the plan (--plan, else $JSJ_PLAN, else the bundled plan); run again to
    update the plan in place.

    Recorded progress is kept. A plan change that would orphan recorded progress (a removed task, unit
    assignment or project that has reports) is refused and nothing changes.

    Example: jsj init --plan data/plan.yaml --db ~/jsj.sqlite3
    """
    from jinsanjiao_cli import render, store
    from jinsanjiao_cli.paths import database_location, default_plan_path
    from jinsanjiao_cli.plan import load_plan
    from jinsanjiao_cli.plan_store import load_plan_into

    plan, digest = load_plan(plan_file or default_plan_path())
    location = database_location(db)
    ledger = store.open_ledger(location, with_plan=False)  # creates and migrates
    summary = load_plan_into(ledger, plan, digest)
    render.echo_init(location, summary)


def register(app: typer.Typer) -> None:
    app.command()(init)
