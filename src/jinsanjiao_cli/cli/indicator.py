"""`jsj indicator set|list` (official statistics) and `jsj target` (how the plan's targets stand)."""

from typing import Annotated

import typer

from jinsanjiao_cli.cli.options import DbOption, Format, FormatOption, LangOption

indicator_app = typer.Typer(no_args_is_help=True, help="Official statistics for the plan's targets, by scope and year.")


@indicator_app.command("set")
def set_(
    scope: Annotated[
        str, typer.Argument(help="Where the figures are for: a target's scope (or alias), or the target itself.")
    ],
    year: Annotated[str, typer.Argument(help="Statistics year, e.g. 2021.")],
    gdp: Annotated[str | None, typer.Option("--gdp", help="GDP level at current prices (real-growth targets).")] = None,
    growth: Annotated[
        str | None, typer.Option("--growth", help="Published comparable-price (real) growth, percent.")
    ] = None,
    value: Annotated[str | None, typer.Option("--value", help="The value (level and share targets).")] = None,
    target: Annotated[
        str | None, typer.Option("--target", help="The target's key, when a scope name belongs to several.")
    ] = None,
    source: Annotated[str | None, typer.Option("--source", help="Where the figures come from.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who records (default: the OS user).")] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Record official statistics for a year (figures not given are kept).

    Example: jsj indicator set CITY 2021 --gdp 2231.2 --growth 9.1 --source 2021年统计公报
    """
    from jinsanjiao_cli.actions.indicators import Figures, set_statistics
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.core.values import check_text
    from jinsanjiao_cli.ledger.stamps import current_user
    from jinsanjiao_cli.render.targets import echo_indicator

    figures = Figures(gdp=gdp, growth=growth, value=value, source=source)
    who = check_text(by, "--by", one_line=True) or current_user()
    info, name, the_year, stored = set_statistics(open_db(db), scope, year, figures, target=target, by=who)
    echo_indicator(info, name, the_year, stored)


@indicator_app.command("list")
def list_(output: FormatOption = Format.table, db: DbOption = None, lang: LangOption = None) -> None:
    """List recorded statistics.

    Example: jsj indicator list --format csv
    """
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.ledger import store
    from jinsanjiao_cli.ledger.picture import read_targets
    from jinsanjiao_cli.render.targets import show_indicators

    ledger = open_db(db)
    show_indicators(store.indicators(ledger), list(read_targets(ledger)), output)


def target(
    base_year: Annotated[str | None, typer.Option("--base-year", help="Base year (default: from plan.yaml).")] = None,
    as_of_year: Annotated[
        str | None,
        typer.Option("--as-of-year", help="Last statistics year to use (default: latest recorded)."),
    ] = None,
    key: Annotated[str | None, typer.Option("--target", help="Only this target (its key in the plan).")] = None,
    output: FormatOption = Format.table,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Show how each of the plan's targets stands: growth against its path, or a level or share against its value.

    Example: jsj target --base-year 2020 --as-of-year 2022
    """
    import datetime as dt

    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.core.errors import BadValue
    from jinsanjiao_cli.core.names import find_target
    from jinsanjiao_cli.core.targets import track
    from jinsanjiao_cli.core.values import parse_year
    from jinsanjiao_cli.ledger.picture import read_picture
    from jinsanjiao_cli.text.i18n import t

    today = dt.date.today()
    picture = read_picture(open_db(db), today)
    base = parse_year(base_year, "--base-year") if base_year else None
    year = parse_year(as_of_year, "--as-of-year") if as_of_year else None
    infos = list(picture.targets)
    if key is not None:
        infos = [find_target(infos, key)]
    for info in infos:
        if base is not None and base >= info.target_year:
            raise BadValue(t("indicator.base_after_target", base=base, year=info.target_year))
        if year is not None and year <= (base if base is not None else info.base_year):
            raise BadValue(t("indicator.as_of_before_base", year=year))
    statistics = picture.statistics
    tracks = [(track(info, statistics, as_of=today, base_year=base, as_of_year=year), info) for info in infos]
    from jinsanjiao_cli.render.targets import show_targets

    show_targets(tracks, output)


def attach(app: typer.Typer) -> None:
    app.add_typer(indicator_app, name="indicator")
    app.command()(target)
