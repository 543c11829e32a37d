"""`jsj init`: create the database and load (or reload) the plan."""

from pathlib import Path
from typing import Annotated

import typer

from jinsanjiao_cli.options import DbOption, LangOption


def init(
    plan_file: Annotated[
        Path | None, typer.Option("--plan", help="Plan YAML to load. Default: the bundled data/plan.yaml.")
    ] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Create the database and load the plan; run again to update the plan in place.

    Recorded progress is kept. A plan change that would orphan recorded progress (a removed task, unit
    assignment or project that has reports) is refused and nothing changes.

    Example: jsj init --plan data/plan.yaml --db ~/jsj.sqlite3
    """
    from jinsanjiao_cli import render, store
    from jinsanjiao_cli.paths import bundled_plan_path, database_path
    from jinsanjiao_cli.plan import load_plan

    plan, digest = load_plan(plan_file or bundled_plan_path())
    path = database_path(db)
    store.connect(path)  # creates and migrates; a new file gets the bundled plan first
    summary = store.load_plan_into(path, plan, digest)
    render.echo_init(path, summary)


def register(app: typer.Typer) -> None:
    app.command()(init)
