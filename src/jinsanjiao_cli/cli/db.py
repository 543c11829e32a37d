"""`jsj db info` and `jsj db copy`: which ledger this is, and moving a ledger from one engine to the other."""

from typing import Annotated

import typer

from jinsanjiao_cli.cli.options import DbOption, Format, FormatOption, LangOption

db_app = typer.Typer(
    no_args_is_help=True,
    help="The ledger itself: where it is, what it holds, and copying it to another engine.",
)


@db_app.command("info")
def info(output: FormatOption = Format.table, db: DbOption = None, lang: LangOption = None) -> None:
    """Show the engine, the location (never the password), the schema version and the row counts.

    Example: jsj db info --db postgresql:///jsj?host=/run/postgresql
    """
    from jinsanjiao_cli import render
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.ledger.copying import ledger_info

    render.show_ledger_info(ledger_info(open_db(db)), output)


@db_app.command("copy")
def copy(
    source: Annotated[str, typer.Option("--from", help="The ledger to copy: a file path or database URL.")],
    destination: Annotated[str, typer.Option("--to", help="An empty database to copy into: a path or URL.")],
    output: FormatOption = Format.table,
    lang: LangOption = None,
) -> None:
    """Copy a whole ledger to another database, ids kept; refuses a destination that holds data.

    Example: jsj db copy --from ~/jsj.sqlite3 --to postgresql://jsj@db.example/jsj
    """
    from jinsanjiao_cli import render
    from jinsanjiao_cli.ledger import opening
    from jinsanjiao_cli.ledger.copying import copy_ledger, open_source
    from jinsanjiao_cli.ledger.paths import database_location

    from_location, to_location = database_location(source), database_location(destination)
    with open_source(from_location) as from_db, opening.open_ledger(to_location, with_plan=False, create=True) as to_db:
        copied = copy_ledger(from_db, to_db)
    render.show_copied(from_location, to_location, copied, output)


def attach(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
