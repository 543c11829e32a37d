"""`jsj dashboard`: the cockpit (驾驶舱) as one self-contained HTML file, for a cron job to publish."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from jinsanjiao_cli.cli.options import AsOfOption, DbOption, LangOption


def dashboard(
    out: Annotated[
        Path | None,
        typer.Argument(help="Output file (default: jsj-dashboard-YYYY-MM-DD.html); - for stdout."),
    ] = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Write the cockpit (驾驶舱): the plan at a glance in charts (trend, units and tasks, sections,
    reporting, problems, targets, scores), each with its numbers on hover and as a table.

    One HTML file with everything inline and nothing fetched, so it opens from a file share; written
    atomically like the export. Example (cron, each morning): jsj dashboard /srv/share/jsj.html
    """
    from jinsanjiao_cli import render
    from jinsanjiao_cli.actions import reading
    from jinsanjiao_cli.cli.common import as_of_date, open_db
    from jinsanjiao_cli.render.charts import cockpit
    from jinsanjiao_cli.render.outfiles import write_text

    day = as_of_date(as_of)
    documents = reading.cockpit(open_db(db), day)
    text = cockpit.page(documents, cockpit.cockpit_charts(documents))
    if out is not None and str(out) == "-":
        sys.stdout.write(text)
        return
    target = out or Path.cwd() / f"jsj-dashboard-{day.isoformat()}.html"
    render.echo_written(write_text(target, text))


def attach(app: typer.Typer) -> None:
    app.command()(dashboard)
