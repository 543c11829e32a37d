"""`jsj bulletin`: the progress bulletin (工作进展通报) as a Word document or Markdown."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from jinsanjiao_cli.cli.options import AsOfOption, DbOption, LangOption


class BulletinFormat(str, Enum):
    docx = "docx"
    md = "md"


def bulletin(
    out: Annotated[
        Path | None,
        typer.Argument(help="Output file (default: jsj-bulletin-YYYY-MM-DD.docx or .md); - for stdout (md only)."),
    ] = None,
    as_of: AsOfOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Change since this date (环比). Default: the previous reporting period's due date, else a month"
            " before --as-of.",
        ),
    ] = None,
    issue_no: Annotated[
        int | None,
        typer.Option(
            "--issue-no",
            help="The bulletin's number (第N期). Default: the last number the ledger issued plus one (the same"
            " number again for a bulletin as of the same date).",
            min=1,
        ),
    ] = None,
    output: Annotated[BulletinFormat, typer.Option("--format", "-f", help="docx (Word) or md (Markdown).")] = (
        BulletinFormat.docx
    ),
    no_charts: Annotated[
        bool, typer.Option("--no-charts", help="Leave the figures (trend, units, scores) out of the .docx.")
    ] = False,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Write the progress bulletin (工作进展通报): overall progress, sections, the unit ranking, the
    assessment, lagging tasks, reporting and open problems, every sentence from the ledger's numbers.

    The .docx is laid out to GB/T 9704-2012, with the trend, the units and the scores as figures (图1-3,
    drawn with a Chinese font found on the machine; --no-charts leaves them out), and written atomically
    like the export. Markdown carries no figures. The ledger keeps the issue numbers, so each bulletin
    numbers itself.
    Example (cron, monthly): jsj bulletin --as-of 2022-06-30 --issue-no 6
    """
    from jinsanjiao_cli import render
    from jinsanjiao_cli.actions import bulletins
    from jinsanjiao_cli.cli.common import as_of_date, open_db, since_date
    from jinsanjiao_cli.core.errors import BadValue
    from jinsanjiao_cli.ledger.stamps import current_user
    from jinsanjiao_cli.text.i18n import t

    ledger = open_db(db)
    day = as_of_date(as_of)
    then = since_date(since, day) if since is not None else None
    if output is BulletinFormat.docx:
        if out is not None and str(out) == "-":
            raise BadValue(t("bulletin.docx_stdout"))
        target = out or Path.cwd() / f"jsj-bulletin-{day.isoformat()}.docx"
        written, made = bulletins.write_bulletin(
            ledger, day, then, issue_no, target, by=current_user(), figures=not no_charts
        )
        if made.figures_missing:
            typer.echo(t("bulletin.no_cjk_font"), err=True)
        render.echo_written(written)
        return
    from jinsanjiao_cli.render.officialdoc.markdown import to_markdown
    from jinsanjiao_cli.render.outfiles import write_text

    made = bulletins.compose_bulletin(ledger, day, then, issue_no, figures=False)  # Markdown carries none
    text = to_markdown(made.document)
    if out is not None and str(out) == "-":
        sys.stdout.write(text)
    else:
        render.echo_written(write_text(out or Path.cwd() / f"jsj-bulletin-{day.isoformat()}.md", text))
    bulletins.keep_number(ledger, made, day, current_user())


def attach(app: typer.Typer) -> None:
    app.command()(bulletin)
