"""Track the plan's headline target: the zone's GDP grows by `target_rate` percent a year in real terms.

Pure functions from plain data to plain data: no I/O, no printing, no CLI imports.

Formulas (all rates in percent, indices with base year = 100):

* chained real volume index after years 1..n:   I_n = 100 * prod_t (1 + g_t / 100)
* target path after n years:                    T_n = 100 * (1 + r / 100) ** n
* realised average over n chained years:        a = 100 * ((I_n / 100) ** (1 / n) - 1)
* average still required in the N - n years left to reach T_N at the target year:
                                                q = 100 * ((T_N / I_n) ** (1 / (N - n)) - 1)
* zone real growth in year y (weights are previous-year current-price GDP):
                                                g_zone,y = sum_i w_i * g_i,y
                                                w_i = GDP_i,y-1 / sum_j GDP_j,y-1
* nominal growth from current-price levels:     100 * (GDP_y / GDP_y-1 - 1)  (shown only, never chained)

Real growth is chained only from published comparable-price rates: nominal GDP levels mix in price changes,
so they never enter the volume index, the realised average or the status.
"""

import math
from collections.abc import Iterable, Mapping
from typing import NamedTuple

# Realised averages are computed through powers and roots, so exactly hitting the target (10%, 10%, 10%)
# can come out as 9.999999999999998; compare with this slack (in percentage points) so that counts as met.
RATE_TOLERANCE = 1e-9

STATUS_MET = "met"
STATUS_MISSED = "missed"
STATUS_ON_TRACK = "on_track"
STATUS_BEHIND = "behind"
STATUS_NO_DATA = "no_data"

FIELD_GROWTH = "growth"
FIELD_GDP = "gdp"


class Figure(NamedTuple):
    """One scope's official statistics for one year."""

    year: int
    gdp: float | None = None  # 亿元, current prices
    growth: float | None = None  # published real (comparable-price) growth, percent


class Missing(NamedTuple):
    """A figure needed but not recorded; `scope` is where it must be recorded (always a city for the zone)."""

    scope: str
    year: int
    field: str  # FIELD_GROWTH or FIELD_GDP


class YearRow(NamedTuple):
    year: int
    gdp: float | None  # zone: sum of the cities' GDP when all are known
    real_growth: float | None  # percent; zone: GDP-weighted, see weighted_growth()
    nominal_growth: float | None  # percent, from GDP levels; shown only, never chained
    volume_index: float | None  # chained real volume index, base year = 100; None from the chain break on
    target_index: float  # 100 * (1 + r)^(year - base_year)
    gap: float | None  # volume_index - target_index, index points


class ScopeTrack(NamedTuple):
    scope: str
    base_year: int
    as_of_year: int
    target_year: int
    target_rate: float  # percent
    rows: tuple[YearRow, ...]  # base_year+1 .. as_of_year
    years_chained: int  # consecutive chained years from base_year+1, counted up to target_year at most
    realised_average: float | None  # percent a year over years_chained; None if years_chained == 0
    required_average: float | None  # percent a year needed in the remaining years; None if none remain
    remaining_years: int  # target_year - (base_year + years_chained)
    status: str  # STATUS_*
    missing: tuple[Missing, ...]
    chained_index: float  # volume index at base_year + years_chained (100 when nothing is chained)
    chain_break: int | None  # first row year whose real growth is missing; None if the chain is unbroken


class TargetTrack(NamedTuple):
    base_year: int
    as_of_year: int
    target_year: int
    target_rate: float
    scopes: tuple[ScopeTrack, ...]  # the cities in the order given, then the zone (when there is one) last


# --- small formulas -------------------------------------------------------------------------------------


def chain_index(growths: Iterable[float]) -> float:
    """Chained volume index, base = 100: 100 * prod(1 + g/100). No growths gives 100."""
    index = 100.0
    for g in growths:
        _check_growth(g)
        index *= 1 + g / 100
    return index


def target_index(years: int, target_rate: float) -> float:
    """Index on the target path `years` after the base year: 100 * (1 + r/100)^years."""
    return 100 * (1 + target_rate / 100) ** years


def average_growth(index: float, years: int) -> float:
    """Geometric average growth turning 100 into `index` in `years` years: 100*((index/100)^(1/years) - 1)."""
    if years <= 0:
        raise ValueError(f"years must be positive, got {years}")
    _check_index(index)
    return 100 * (math.pow(index / 100, 1 / years) - 1)


def required_growth(index: float, years_done: int, target_year_count: int, target_rate: float) -> float | None:
    """Average growth still needed to reach the target path's end after `years_done` of N years.

    100 * (((1 + r/100)^N / (index/100))^(1/(N - n)) - 1), with N = target_year_count, n = years_done.
    None when no years remain (n >= N). With n = 0 and index = 100 this is the target rate itself.
    """
    if years_done < 0:
        raise ValueError(f"years_done must not be negative, got {years_done}")
    remaining = target_year_count - years_done
    if remaining <= 0:
        return None
    _check_index(index)
    return 100 * (math.pow(target_index(target_year_count, target_rate) / index, 1 / remaining) - 1)


def nominal_growth(previous_gdp: float | None, gdp: float | None) -> float | None:
    """Current-price growth from GDP levels: 100 * (gdp / previous_gdp - 1); None if either is unknown."""
    if previous_gdp is None or gdp is None:
        return None
    return 100 * (gdp / previous_gdp - 1)


def weighted_growth(growths: Mapping[str, float], previous_gdps: Mapping[str, float]) -> float:
    """Zone real growth: sum_i w_i * g_i with w_i = GDP_i,y-1 / sum_j GDP_j,y-1.

    Previous-year current-price GDP is the weight because a region's real growth is the growth of the sum
    of its parts' volumes, and each part's share of that volume in year y-1 is its share of y-1 GDP.
    Both mappings must hold exactly the same scopes; all GDPs must be positive.
    """
    if set(growths) != set(previous_gdps):
        raise ValueError("growths and previous-year GDPs must cover the same scopes")
    if not growths:
        raise ValueError("no scopes to weight")
    total = sum(previous_gdps.values())
    return sum(previous_gdps[s] / total * growths[s] for s in growths)


# --- the zone -------------------------------------------------------------------------------------------


def zone_figures(
    cities: Mapping[str, Mapping[int, Figure]], years: Iterable[int]
) -> tuple[dict[int, Figure], tuple[Missing, ...]]:
    """The zone's figures for each of `years`, and every city figure they needed but lacked.

    For year y: growth = weighted_growth() of every city's growth for y, weighted by every city's GDP for
    y-1 (None if any of those is missing — no fallback to an unweighted mean); gdp = the sum of every city's
    GDP for y (None if any is missing). Missing entries name the city, year and field, sorted by year, then
    city in the order given, then field; each appears once. With no cities every figure is None and
    nothing is missing.
    """
    for name, figures in cities.items():
        _check_figures(name, figures)
    order = {name: i for i, name in enumerate(cities)}
    zone: dict[int, Figure] = {}
    missing: set[Missing] = set()
    for year in years:
        growths: dict[str, float] = {}
        previous_gdps: dict[str, float] = {}
        gdps: dict[str, float] = {}
        for name, figures in cities.items():
            this, previous = figures.get(year), figures.get(year - 1)
            _collect(growths, missing, name, year, FIELD_GROWTH, this.growth if this else None)
            _collect(previous_gdps, missing, name, year - 1, FIELD_GDP, previous.gdp if previous else None)
            _collect(gdps, missing, name, year, FIELD_GDP, this.gdp if this else None)
        every_city = len(cities)
        growth_known = every_city > 0 and len(growths) == len(previous_gdps) == every_city
        zone[year] = Figure(
            year=year,
            gdp=sum(gdps.values()) if every_city > 0 and len(gdps) == every_city else None,
            growth=weighted_growth(growths, previous_gdps) if growth_known else None,
        )
    ordered = sorted(missing, key=lambda m: (m.year, order[m.scope], m.field))
    return zone, tuple(ordered)


def zone_gdp(cities: Mapping[str, Mapping[int, Figure]], year: int) -> float | None:
    """The zone's current-price GDP for `year`: the cities' sum, None unless every city's GDP is known."""
    gdps = [figures[year].gdp if year in figures else None for figures in cities.values()]
    known = [g for g in gdps if g is not None]
    if not gdps or len(known) < len(gdps):
        return None
    return sum(known)


# --- tracking -------------------------------------------------------------------------------------------


def track_target(
    cities: Mapping[str, Mapping[int, Figure]],
    *,
    zone: str | None,
    base_year: int,
    as_of_year: int,
    target_year: int,
    target_rate: float,
) -> TargetTrack:
    """Each city's and the zone's real growth against the target path, base year = 100.

    Rows run base_year+1 .. as_of_year. The realised and required averages and the status look only at the
    target period (up to target_year), even when as_of_year lies beyond it. With nothing chained the status
    is "no_data", realised_average is None and required_average is the target rate (the whole period is
    still ahead). Raises ValueError if base_year >= target_year or the data is malformed.
    """
    if base_year >= target_year:
        raise ValueError(f"base_year ({base_year}) must be before target_year ({target_year})")
    if zone is not None and zone in cities:
        raise ValueError(f"the zone name {zone!r} is also a city name")
    for name, figures in cities.items():
        _check_figures(name, figures)
    _check_growth(target_rate)

    row_years = range(base_year + 1, as_of_year + 1)
    period = (base_year, as_of_year, target_year, target_rate)
    tracks = []
    for name, figures in cities.items():
        missing = tuple(
            Missing(name, y, FIELD_GROWTH) for y in row_years if y not in figures or figures[y].growth is None
        )
        tracks.append(_scope_track(name, figures, missing, *period))

    if zone is not None:
        figures, missing = zone_figures(cities, row_years)
        figures[base_year] = Figure(base_year, gdp=zone_gdp(cities, base_year))
        tracks.append(_scope_track(zone, figures, missing, *period))
    return TargetTrack(base_year, as_of_year, target_year, target_rate, tuple(tracks))


def _scope_track(
    scope: str,
    figures: Mapping[int, Figure],
    missing: tuple[Missing, ...],
    base_year: int,
    as_of_year: int,
    target_year: int,
    target_rate: float,
) -> ScopeTrack:
    rows = []
    index: float | None = 100.0  # None once the chain is broken
    chain_break = None
    years_chained, chained_index = 0, 100.0
    for year in range(base_year + 1, as_of_year + 1):
        this, previous = figures.get(year), figures.get(year - 1)
        growth = this.growth if this else None
        if index is not None and growth is None:
            index, chain_break = None, year
        elif index is not None and growth is not None:
            index *= 1 + growth / 100  # chain_index(), one year at a time
            if year <= target_year:
                years_chained, chained_index = years_chained + 1, index
        path = target_index(year - base_year, target_rate)
        rows.append(
            YearRow(
                year=year,
                gdp=this.gdp if this else None,
                real_growth=growth,
                nominal_growth=nominal_growth(previous.gdp if previous else None, this.gdp if this else None),
                volume_index=index,
                target_index=path,
                gap=None if index is None else index - path,
            )
        )

    period_years = target_year - base_year
    realised = average_growth(chained_index, years_chained) if years_chained else None
    return ScopeTrack(
        scope=scope,
        base_year=base_year,
        as_of_year=as_of_year,
        target_year=target_year,
        target_rate=target_rate,
        rows=tuple(rows),
        years_chained=years_chained,
        realised_average=realised,
        # with nothing chained the formula gives the target rate itself; return it exactly
        required_average=(
            required_growth(chained_index, years_chained, period_years, target_rate) if years_chained else target_rate
        ),
        remaining_years=period_years - years_chained,
        status=_status(realised, years_chained == period_years, target_rate),
        missing=missing,
        chained_index=chained_index,
        chain_break=chain_break,
    )


def _status(realised: float | None, reached_target_year: bool, target_rate: float) -> str:
    if realised is None:
        return STATUS_NO_DATA
    good = realised >= target_rate - RATE_TOLERANCE
    if reached_target_year:
        return STATUS_MET if good else STATUS_MISSED
    return STATUS_ON_TRACK if good else STATUS_BEHIND


# --- checks ---------------------------------------------------------------------------------------------


def _collect(
    known: dict[str, float], missing: set[Missing], scope: str, year: int, field: str, value: float | None
) -> None:
    if value is None:
        missing.add(Missing(scope, year, field))
    else:
        known[scope] = value


def _check_figures(scope: str, figures: Mapping[int, Figure]) -> None:
    """Reject data no real statistic can have: it would silently poison weights or the chain."""
    for year, figure in figures.items():
        if figure.year != year:
            raise ValueError(f"{scope}: figure for {figure.year} filed under {year}")
        if figure.gdp is not None and not (math.isfinite(figure.gdp) and figure.gdp > 0):
            raise ValueError(f"{scope} {year}: GDP must be a positive number, got {figure.gdp}")
        if figure.growth is not None:
            _check_growth(figure.growth, f"{scope} {year}: ")


def _check_growth(growth: float, where: str = "") -> None:
    # a fall of 100% or more would zero or flip the volume index, and roots of it are meaningless
    if not (math.isfinite(growth) and growth > -100):
        raise ValueError(f"{where}growth must be a number above -100 percent, got {growth}")


def _check_index(index: float) -> None:
    if not (math.isfinite(index) and index > 0):
        raise ValueError(f"index must be a positive number, got {index}")
