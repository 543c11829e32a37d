"""Recording official statistics for the plan's targets (`jsj indicator set`), checked for the target's kind."""

from __future__ import annotations

from typing import NamedTuple

from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.core.names import find_statistics_scope
from jinsanjiao_cli.core.targets import TargetInfo
from jinsanjiao_cli.core.values import check_text, parse_number, parse_year
from jinsanjiao_cli.ledger import store
from jinsanjiao_cli.ledger.db import Database, Row
from jinsanjiao_cli.ledger.picture import read_targets
from jinsanjiao_cli.text.i18n import join, t

# The options each kind of target takes: real growth from GDP levels and published rates, a level or share
# from the value itself.
OPTIONS = {"real_growth": ("--gdp", "--growth"), "level": ("--value",), "share": ("--value",)}


class Figures(NamedTuple):
    """The statistics as typed; None for a figure not given (it keeps its stored value)."""

    gdp: str | None = None
    growth: str | None = None
    value: str | None = None
    source: str | None = None


def set_statistics(
    db: Database, scope: str, year: str, figures: Figures, *, target: str | None, by: str
) -> tuple[TargetInfo, str, int, Row]:
    """Record (or correct) a scope's statistics for a year. Returns the target, the scope's name, the year
    and what is now stored."""
    info, name = find_statistics_scope(list(read_targets(db)), scope, target)
    the_year = parse_year(year)
    given = {"--gdp": figures.gdp, "--growth": figures.growth, "--value": figures.value}
    allowed = OPTIONS[info.measure]
    for option, text in given.items():
        if text is not None and option not in allowed:
            raise BadValue(
                t("indicator.wrong_option", option=option, indicator=info.indicator, measure=info.measure,
                  options=join(list(allowed)))
            )  # fmt: skip
    if all(given[o] is None for o in allowed) and figures.source is None:
        raise BadValue(t("indicator.nothing", scope=name, year=the_year, options=join([*allowed, "--source"])))
    # Bounds catch typing slips: a GDP or a level is positive and below ten million of its unit, real growth
    # within ±100%, a share within 0-100.
    upper = 100 if info.measure == "share" else 10_000_000
    gdp, growth, value = figures.gdp, figures.growth, figures.value
    stored = store.set_indicator(
        db,
        info.key,
        name,
        the_year,
        gdp=parse_number(gdp, "--gdp", above=0, at_most=10_000_000) if gdp is not None else None,
        growth=parse_number(growth, "--growth", above=-100, at_most=100) if growth is not None else None,
        value=parse_number(value, "--value", above=-1e-9, at_most=upper) if value is not None else None,
        source=check_text(figures.source, "--source"),
        by=by,
    )
    return info, name, the_year, stored
