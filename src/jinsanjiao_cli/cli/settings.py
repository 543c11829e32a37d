"""`jsj settings show|set|unset`: settings this ledger keeps over its plan file's."""

from typing import Annotated

import typer

from jinsanjiao_cli.cli.options import DbOption, Format, FormatOption, LangOption

settings_app = typer.Typer(
    no_args_is_help=True,
    help="Settings this ledger keeps over its plan file's: the reporting schedule, the lights and the assessment.",
)

KeyArgument = Annotated[
    str,
    typer.Argument(
        help="reporting.frequency, reporting.due_day, reporting.first_period, reporting.last_period,"
        " lights.yellow_behind, lights.red_behind, assessment.weights or assessment.late_weight."
    ),
]


@settings_app.command("show")
def show(output: FormatOption = Format.table, db: DbOption = None, lang: LangOption = None) -> None:
    """Show every setting that can be overridden: the value in force, the plan file's, and who set it.

    Example: jsj settings show --format json
    """
    from jinsanjiao_cli.actions import settings
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.render.settings import show_settings

    show_settings(settings.documents(settings.show(open_db(db))), output)


@settings_app.command("set")
def set_(
    key: KeyArgument,
    value: Annotated[str, typer.Argument(help="The value; assessment.weights takes three: 0.5,0.3,0.2 (C,R,P).")],
    by: Annotated[str | None, typer.Option("--by", help="Who sets it (default: the OS user).")] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Override one setting for this ledger, without editing the plan file (checked before it is stored).

    Example (an office that began tracking in May 2022): jsj settings set reporting.first_period 2022-05
    """
    from jinsanjiao_cli.actions import settings
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.core.values import check_text
    from jinsanjiao_cli.ledger.stamps import current_user
    from jinsanjiao_cli.render import console
    from jinsanjiao_cli.text.i18n import t

    stored = settings.set_value(open_db(db), key, value, check_text(by, "--by") or current_user())
    console().print(t("settings.set", setting=key.strip(), value=stored))


@settings_app.command("unset")
def unset(key: KeyArgument, db: DbOption = None, lang: LangOption = None) -> None:
    """Drop an override: the plan file's value holds again.

    Example: jsj settings unset reporting.first_period
    """
    from jinsanjiao_cli.actions import settings
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.render import console
    from jinsanjiao_cli.text.i18n import t

    settings.unset(open_db(db), key)
    console().print(t("settings.unset", setting=key.strip()))


def attach(app: typer.Typer) -> None:
    app.add_typer(settings_app, name="settings")
