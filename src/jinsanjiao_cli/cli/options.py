"""Options shared by many commands, declared once. Parsing into values happens in the commands."""

from typing import Annotated

import typer

from jinsanjiao_cli.render.format import Format
from jinsanjiao_cli.text.i18n import set_lang


def _choose_lang(value: str | None) -> str | None:
    if value is not None and not value.strip().lower().startswith(("zh", "en")):
        raise typer.BadParameter(f"{value!r}: use zh or en")
    set_lang(value)
    return value


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database: a file path, sqlite:///PATH or postgresql://… URL."
        " Default: $JSJ_DB, else jsj.sqlite3 in the user data directory.",
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Count only reports dated on or before this date (default: today)."),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Label language: zh (default) or en. Default: $JSJ_LANG, else zh.",
        callback=_choose_lang,
        is_eager=True,
    ),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Treat warnings (progress going backwards, odd dates…) as errors.")
]
