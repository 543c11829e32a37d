"""Spreadsheets in and out: `jsj export`, `jsj template`, `jsj import`, `jsj batches`, `jsj undo`."""

from pathlib import Path
from typing import Annotated

import typer

from jinsanjiao_cli.cli.options import AsOfOption, DbOption, Format, FormatOption, LangOption, StrictOption
from jinsanjiao_cli.core.errors import ExitStatus


def export(
    out: Annotated[Path | None, typer.Argument(help="Output file (default: jsj-progress-YYYY-MM-DD.xlsx).")] = None,
    as_of: AsOfOption = None,
    out_dir: Annotated[Path | None, typer.Option("--out-dir", help="Directory for the default file name.")] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Write the progress ledger workbook (工作台账) as of a date.

    The file is written to a temporary name beside the target and renamed into place, so a reader never
    sees half a workbook. Example (cron): jsj export --out-dir /srv/ledgers
    """
    from jinsanjiao_cli import render
    from jinsanjiao_cli.actions.reading import write_export
    from jinsanjiao_cli.cli.common import as_of_date, open_db

    ledger = open_db(db)
    day = as_of_date(as_of)
    target = out if out is not None else (out_dir or Path.cwd()) / f"jsj-progress-{day.isoformat()}.xlsx"
    if out is not None and out_dir is not None and not out.is_absolute():
        target = out_dir / out
    written = write_export(ledger, day, target)
    render.echo_written(written)


def template(
    out: Annotated[Path | None, typer.Argument(help="Output file (default: jsj-template[-UNIT].xlsx).")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only this unit's assignments.")] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", help="The reporting period the form is for (2022-06 or 2022Q2): marks what is owed."),
    ] = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Write a fill-in workbook for units: one row per assignment, with dropdowns and validation.

    With --period, the title and instructions state the period and its due date, and a column marks the
    rows still owed for it (as of --as-of, default today). Example: jsj template --unit 省商务厅 --period 2022-06
    """
    from jinsanjiao_cli import render
    from jinsanjiao_cli.cli.common import as_of_date, open_db
    from jinsanjiao_cli.ledger import store
    from jinsanjiao_cli.ledger.picture import read_picture
    from jinsanjiao_cli.views.cycle import chosen_period, reporting_view, require_schedule
    from jinsanjiao_cli.views.status import find_unit
    from jinsanjiao_cli.views.template import template_form
    from jinsanjiao_cli.workbooks.template import PeriodMarks, write_template

    ledger = open_db(db)
    picture = read_picture(ledger, as_of_date(as_of))
    unit_name = find_unit(picture, unit) if unit else None
    marks = None
    if period is not None:
        view = require_schedule(reporting_view(picture))
        index = chosen_period(picture, view, period)
        states = {(i.owed.task, i.owed.unit): i.state for i in view.items(index)}
        marks = PeriodMarks(view.periods[index].label, view.periods[index].due, states)
    target = out or Path(f"jsj-template-{unit_name}.xlsx" if unit_name else "jsj-template.xlsx")
    form = template_form(picture, store.project_names(ledger), unit_name)
    render.echo_written(write_template(form, target, marks))


def import_(
    file: Annotated[Path, typer.Argument(help="Spreadsheet: .xlsx, .xlsm, .xls, .ods or .csv.")],
    sheet: Annotated[str | None, typer.Option("--sheet", help="Sheet name (default: the first with a header).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and report; write nothing.")] = False,
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Import the valid rows; write the rejected ones to --rejects.")
    ] = False,
    rejects: Annotated[
        Path | None, typer.Option("--rejects", help="Where rejected rows go (default: <input>-rejects.xlsx).")
    ] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="CSV encoding (default: detected).")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who imports (default: the OS user).")] = None,
    strict: StrictOption = False,
    output: FormatOption = Format.table,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Import progress reports from a spreadsheet, all or nothing (or valid rows only with --skip-invalid).

    Rows already stored are recognised and not added twice. Example: jsj import 省商务厅-6月.xlsx --dry-run
    """
    from jinsanjiao_cli import render
    from jinsanjiao_cli.actions.importing import ImportRequest, run_import
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.ledger import stamps

    ledger = open_db(db)
    request = ImportRequest(
        file=file,
        sheet=sheet,
        encoding=encoding,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        rejects=rejects,
        strict=strict,
        by=by or stamps.current_user(),
    )
    result = run_import(ledger, request, progress=render.progress_bar)
    render.show_import(result, output)
    if result.refused:
        raise typer.Exit(ExitStatus.ERROR)


def batches(output: FormatOption = Format.table, db: DbOption = None, lang: LangOption = None) -> None:
    """List import batches: id, file, time, rows new, rows already present.

    Example: jsj batches --format json
    """
    from jinsanjiao_cli import render
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.ledger import store

    render.show_batches(store.batches(open_db(db)), output)


def undo(
    batch: Annotated[int, typer.Argument(help="Batch id, from `jsj batches`.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (needed when not on a terminal).")] = False,
    by: Annotated[str | None, typer.Option("--by", help="Who undoes it (default: the OS user).")] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Remove one import batch's reports (it stays listed as undone). Asks first; --yes does not.

    Example: jsj undo 3 --yes
    """
    import sys

    from jinsanjiao_cli import render
    from jinsanjiao_cli.actions.importing import undo_batch
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.core.errors import BadValue
    from jinsanjiao_cli.ledger import stamps, store
    from jinsanjiao_cli.text.i18n import t

    ledger = open_db(db)
    found = store.batch(ledger, batch)
    if not yes:
        if not sys.stdin.isatty():
            raise BadValue(t("undo.needs_yes", batch=batch))
        question = render.undo_question(found, store.batch_problems(ledger, batch))
        if not typer.confirm(question, default=False):
            raise typer.Exit(ExitStatus.ERROR)
    render.echo_undone(batch, undo_batch(ledger, batch, by or stamps.current_user()))


def attach(app: typer.Typer) -> None:
    app.command()(export)
    app.command()(template)
    app.command("import")(import_)
    app.command()(batches)
    app.command()(undo)
