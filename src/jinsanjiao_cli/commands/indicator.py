"""`jsj indicator set|list` (official statistics) and `jsj target` (the 10% growth target)."""

from typing import Annotated

import typer

from jinsanjiao_cli.options import DbOption, Format, FormatOption, LangOption

indicator_app = typer.Typer(help="Official statistics: GDP and published real growth by city and year.")


@indicator_app.command("set")
def set_(
    scope: Annotated[str, typer.Argument(help="City: 运城市 or 临汾市 (aliases such as 运城 work).")],
    year: Annotated[str, typer.Argument(help="Statistics year, e.g. 2021.")],
    gdp: Annotated[str | None, typer.Option("--gdp", help="GDP in 亿元 at current prices.")] = None,
    growth: Annotated[
        str | None, typer.Option("--growth", help="Published comparable-price (real) growth, percent.")
    ] = None,
    source: Annotated[str | None, typer.Option("--source", help="Where the figures come from.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who records (default: the OS user).")] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Record a city's official statistics for a year (figures not given are kept).

    Example: jsj indicator set 运城 2021 --gdp 2231.2 --growth 9.1 --source 2021年运城市统计公报
    """
    from jinsanjiao_cli import render, store
    from jinsanjiao_cli.commands import open_db
    from jinsanjiao_cli.lookup import resolve_scope
    from jinsanjiao_cli.values import parse_number, parse_year

    path, conn = open_db(db)
    name = resolve_scope(store.scopes(conn), scope).name
    the_year = parse_year(year)
    gdp_value = parse_number(gdp, "--gdp", minimum=0) if gdp is not None else None
    growth_value = parse_number(growth, "--growth", minimum=-100) if growth is not None else None
    store.set_indicator(
        path,
        name,
        the_year,
        gdp=gdp_value,
        growth=growth_value,
        source=source.strip() or None if source else None,
        by=by or store.current_user(),
    )
    render.echo_indicator(name, the_year, gdp_value, growth_value)


@indicator_app.command("list")
def list_(output: FormatOption = Format.table, db: DbOption = None, lang: LangOption = None) -> None:
    """List recorded statistics.

    Example: jsj indicator list --format csv
    """
    from jinsanjiao_cli import render, store
    from jinsanjiao_cli.commands import open_db

    _, conn = open_db(db)
    render.show_indicators(store.indicators(conn), output)


def target(
    base_year: Annotated[str | None, typer.Option("--base-year", help="Base year (default: from plan.yaml).")] = None,
    as_of_year: Annotated[
        str | None,
        typer.Option("--as-of-year", help="Last statistics year to use (default: latest recorded)."),
    ] = None,
    output: FormatOption = Format.table,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Track the 10% average annual real growth target for 运城市, 临汾市 and the zone.

    Example: jsj target --base-year 2020 --as-of-year 2022
    """
    import datetime as dt

    from jinsanjiao_cli import render, report
    from jinsanjiao_cli.commands import open_db
    from jinsanjiao_cli.errors import BadValue
    from jinsanjiao_cli.values import parse_year

    _, conn = open_db(db)
    base = parse_year(base_year, "--base-year") if base_year else None
    year = parse_year(as_of_year, "--as-of-year") if as_of_year else None
    try:
        track, info = report.target_track(conn, as_of=dt.date.today(), base_year=base, as_of_year=year)
    except ValueError as exc:  # e.g. a base year at or after the target year
        raise BadValue(f"--base-year {base_year}: {exc}") from exc
    if track is None:
        raise BadValue(report.t("report.no_target"))
    render.show_target(track, info, output)


def register(app: typer.Typer) -> None:
    app.add_typer(indicator_app, name="indicator")
    app.command()(target)
