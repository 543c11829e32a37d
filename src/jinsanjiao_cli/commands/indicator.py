"""`jsj indicator set|list` (official statistics) and `jsj target` (the 10% growth target)."""

from typing import Annotated

import typer

from jinsanjiao_cli.i18n import register
from jinsanjiao_cli.options import DbOption, Format, FormatOption, LangOption

register(
    {
        "indicator.nothing": (
            "{scope} {year} 年:没有要记录的数据(给出 --gdp、--growth 或 --source)",
            "{scope} {year}: nothing to record (give --gdp, --growth or --source)",
        ),
        "indicator.base_after_target": (
            "--base-year {base} 应早于目标年份 {year}",
            "--base-year {base} must be before the target year {year}",
        ),
        "indicator.as_of_before_base": (
            "--as-of-year {year} 应晚于基期",
            "--as-of-year {year} must be after the base year",
        ),
    }
)

indicator_app = typer.Typer(
    no_args_is_help=True, help="Official statistics: GDP and published real growth by city and year."
)


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
    from jinsanjiao_cli.errors import BadValue
    from jinsanjiao_cli.i18n import t
    from jinsanjiao_cli.lookup import resolve_scope
    from jinsanjiao_cli.values import parse_number, parse_year

    ledger = open_db(db)
    name = resolve_scope(store.scopes(ledger), scope).name
    the_year = parse_year(year)
    if gdp is None and growth is None and source is None:
        raise BadValue(t("indicator.nothing", scope=name, year=the_year))
    # Bounds catch typing slips: a city's GDP is far below 10 million 亿元, real growth within ±100%.
    gdp_value = parse_number(gdp, "--gdp", above=0, at_most=10_000_000) if gdp is not None else None
    growth_value = parse_number(growth, "--growth", above=-100, at_most=100) if growth is not None else None
    stored_gdp, stored_growth = store.set_indicator(
        ledger,
        name,
        the_year,
        gdp=gdp_value,
        growth=growth_value,
        source=source.strip() or None if source else None,
        by=by or store.current_user(),
    )
    render.echo_indicator(name, the_year, stored_gdp, stored_growth)


@indicator_app.command("list")
def list_(output: FormatOption = Format.table, db: DbOption = None, lang: LangOption = None) -> None:
    """List recorded statistics.

    Example: jsj indicator list --format csv
    """
    from jinsanjiao_cli import render, store
    from jinsanjiao_cli.commands import open_db

    render.show_indicators(store.indicators(open_db(db)), output)


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
    from jinsanjiao_cli.i18n import t
    from jinsanjiao_cli.values import parse_year

    ledger = open_db(db)
    base = parse_year(base_year, "--base-year") if base_year else None
    year = parse_year(as_of_year, "--as-of-year") if as_of_year else None
    info = report.target_info(ledger)
    if info is None:
        raise BadValue(report.t("report.no_target"))
    if base is not None and base >= info.target_year:
        raise BadValue(t("indicator.base_after_target", base=base, year=info.target_year))
    if year is not None and year <= (base if base is not None else info.base_year):
        raise BadValue(t("indicator.as_of_before_base", year=year))
    track, info = report.target_track(ledger, as_of=dt.date.today(), base_year=base, as_of_year=year)
    render.show_target(track, info, output)


def register(app: typer.Typer) -> None:
    app.add_typer(indicator_app, name="indicator")
    app.command()(target)
