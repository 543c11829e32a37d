"""The growth target (core/growth.py), tested directly on hand-computed worked examples (see the comment beside
each expected value), and through the CLI: jsj indicator set/list and jsj target."""

import json
import math

import pytest

from jinsanjiao_cli.core.growth import (
    Figure,
    Missing,
    ScopeTrack,
    average_growth,
    chain_index,
    nominal_growth,
    required_growth,
    target_index,
    track_target,
    weighted_growth,
    zone_figures,
    zone_gdp,
)

YC, LF, ZONE = "运城市", "临汾市", "金三角"
PERIOD = {"zone": ZONE, "base_year": 2020, "target_year": 2023, "target_rate": 10.0}


def figures(*items: Figure) -> dict[int, Figure]:
    return {f.year: f for f in items}


def track(cities, as_of_year: int, **overrides) -> dict[str, ScopeTrack]:
    result = track_target(cities, as_of_year=as_of_year, **{**PERIOD, **overrides})
    return {s.scope: s for s in result.scopes}


def one_city(*growths: float | None, start: int = 2021) -> dict[str, dict[int, Figure]]:
    return {YC: figures(*(Figure(start + i, growth=g) for i, g in enumerate(growths)))}


# --- formulas -------------------------------------------------------------------------------------------


def test_chain_index_of_published_rates():
    # 100 * 1.091 * 1.056 * 1.056 = 121.6613376
    assert chain_index([9.1, 5.6, 5.6]) == pytest.approx(121.6613376)
    assert round(chain_index([9.1, 5.6, 5.6]), 2) == 121.66


def test_chain_index_of_nothing_is_the_base():
    assert chain_index([]) == 100


def test_chain_index_rejects_a_fall_of_100_percent_or_more():
    with pytest.raises(ValueError):
        chain_index([5, -100])
    with pytest.raises(ValueError):
        chain_index([math.nan])


def test_target_path():
    assert [target_index(n, 10) for n in range(4)] == pytest.approx([100, 110, 121, 133.1])


def test_average_growth_of_worked_example():
    # (1.216613376)^(1/3) = 1.06754…
    assert round(average_growth(121.6613376, 3), 2) == 6.75


def test_average_growth_inverts_the_target_path():
    assert average_growth(133.1, 3) == pytest.approx(10)
    assert average_growth(100, 5) == pytest.approx(0)


def test_average_growth_rejects_no_years_and_bad_index():
    with pytest.raises(ValueError):
        average_growth(110, 0)
    with pytest.raises(ValueError):
        average_growth(0, 2)


def test_required_growth_after_one_year_at_9_1():
    # (133.1 / 109.1)^(1/2) = 1.21998^(1/2) = 1.10453…
    assert round(required_growth(109.1, 1, 3, 10), 2) == 10.45


def test_required_growth_reaches_the_target_exactly():
    needed = required_growth(109.1, 1, 3, 10)
    assert chain_index([9.1, needed, needed]) == pytest.approx(target_index(3, 10))


def test_required_growth_with_nothing_done_is_the_target_rate():
    assert required_growth(100, 0, 3, 10) == pytest.approx(10)


def test_required_growth_none_when_no_years_remain():
    assert required_growth(121.66, 3, 3, 10) is None
    assert required_growth(121.66, 4, 3, 10) is None


def test_nominal_growth_from_levels():
    assert nominal_growth(1000, 1100) == pytest.approx(10)
    assert nominal_growth(None, 1100) is None
    assert nominal_growth(1000, None) is None


def test_weighted_growth_uses_previous_year_gdp_shares():
    # 2000/3000 * 9 + 1000/3000 * 12 = 6 + 4 = 10
    assert weighted_growth({YC: 9, LF: 12}, {YC: 2000, LF: 1000}) == pytest.approx(10)


def test_weighted_growth_needs_the_same_scopes():
    with pytest.raises(ValueError):
        weighted_growth({YC: 9, LF: 12}, {YC: 2000})
    with pytest.raises(ValueError):
        weighted_growth({}, {})


# --- the zone -------------------------------------------------------------------------------------------

TWO_CITIES = {
    YC: figures(Figure(2020, gdp=2000), Figure(2021, gdp=2200, growth=9)),
    LF: figures(Figure(2020, gdp=1000), Figure(2021, gdp=1150, growth=12)),
}


def test_zone_figures_worked_example():
    zone, missing = zone_figures(TWO_CITIES, [2021])
    assert zone[2021].growth == pytest.approx(10.0)
    assert round(zone[2021].growth, 2) == 10.00
    assert zone[2021].gdp == pytest.approx(3350)
    assert missing == ()


def test_zone_growth_none_and_named_when_previous_gdp_missing():
    cities = {
        YC: figures(Figure(2020), Figure(2021, gdp=2200, growth=9)),
        LF: figures(Figure(2021, gdp=1150, growth=12)),
    }
    zone, missing = zone_figures(cities, [2021])
    assert zone[2021].growth is None  # never an unweighted mean (10.5)
    assert zone[2021].gdp == pytest.approx(3350)  # the level itself is complete
    assert missing == (Missing(YC, 2020, "gdp"), Missing(LF, 2020, "gdp"))


def test_zone_growth_none_when_a_city_growth_missing():
    cities = {
        YC: figures(Figure(2020, gdp=2000), Figure(2021, gdp=2200, growth=9)),
        LF: figures(Figure(2020, gdp=1000), Figure(2021, gdp=1150)),
    }
    zone, missing = zone_figures(cities, [2021])
    assert zone[2021].growth is None
    assert missing == (Missing(LF, 2021, "growth"),)


def test_zone_gdp_none_unless_every_city_known():
    cities = {
        YC: figures(Figure(2020, gdp=2000), Figure(2021, growth=9)),
        LF: figures(Figure(2020, gdp=1000), Figure(2021, gdp=1150, growth=12)),
    }
    zone, missing = zone_figures(cities, [2021])
    assert zone[2021].gdp is None
    assert zone[2021].growth == pytest.approx(10)
    assert missing == (Missing(YC, 2021, "gdp"),)
    assert zone_gdp(cities, 2020) == pytest.approx(3000)
    assert zone_gdp(cities, 2021) is None
    assert zone_gdp({}, 2021) is None


def test_zone_missing_listed_once_in_year_then_city_order():
    # 运城 2021 GDP is needed for the 2021 sum and the 2022 weight: reported once
    cities = {
        YC: figures(Figure(2020, gdp=2000), Figure(2021, growth=9), Figure(2022, gdp=2500, growth=7)),
        LF: figures(Figure(2020, gdp=1000), Figure(2021, gdp=1150), Figure(2022, gdp=1250, growth=8)),
    }
    _, missing = zone_figures(cities, [2021, 2022])
    assert missing == (Missing(YC, 2021, "gdp"), Missing(LF, 2021, "growth"))


def test_zone_weights_move_with_previous_year_gdp():
    cities = {
        YC: figures(Figure(2020, gdp=2000), Figure(2021, gdp=2000, growth=9), Figure(2022, growth=5)),
        LF: figures(Figure(2020, gdp=1000), Figure(2021, gdp=2000, growth=12), Figure(2022, growth=7)),
    }
    zone, _ = zone_figures(cities, [2021, 2022])
    assert zone[2022].growth == pytest.approx(6)  # equal 2021 shares: (5 + 7) / 2


def test_zone_of_no_cities_is_empty_not_an_error():
    zone, missing = zone_figures({}, [2021])
    assert zone[2021] == Figure(2021)
    assert missing == ()


# --- tracking: worked examples --------------------------------------------------------------------------


def test_published_rates_2021_to_2023_miss_the_target():
    city = track(one_city(9.1, 5.6, 5.6), as_of_year=2023)[YC]
    assert city.rows[-1].volume_index == pytest.approx(121.6613376)
    assert city.years_chained == 3
    assert round(city.realised_average, 2) == 6.75
    assert city.remaining_years == 0
    assert city.required_average is None
    assert city.status == "missed"
    assert city.missing == ()
    assert city.chain_break is None


def test_after_2021_alone_the_city_is_behind():
    city = track(one_city(9.1), as_of_year=2021)[YC]
    assert [r.year for r in city.rows] == [2021]
    assert city.years_chained == 1
    assert city.realised_average == pytest.approx(9.1)
    assert city.remaining_years == 2
    assert round(city.required_average, 2) == 10.45
    assert city.status == "behind"


def test_on_track_when_ahead_of_the_path():
    city = track(one_city(11), as_of_year=2021)[YC]
    assert city.status == "on_track"
    assert city.required_average < 10


def test_exactly_on_the_path_counts_as_met():
    city = track(one_city(10, 10, 10), as_of_year=2023)[YC]
    assert city.realised_average == pytest.approx(10)
    assert city.status == "met"
    assert [r.gap for r in city.rows] == pytest.approx([0, 0, 0])


def test_rows_carry_the_target_path_and_gap():
    city = track(one_city(9.1, 5.6, 5.6), as_of_year=2023)[YC]
    assert [r.target_index for r in city.rows] == pytest.approx([110, 121, 133.1])
    assert [r.volume_index for r in city.rows] == pytest.approx([109.1, 115.2096, 121.6613376])
    assert [r.gap for r in city.rows] == pytest.approx([-0.9, -5.7904, -11.4386624])


def test_nominal_growth_shown_separately_and_not_chained():
    cities = {YC: figures(Figure(2020, gdp=1000), Figure(2021, gdp=1100, growth=5))}
    row = track(cities, as_of_year=2021)[YC].rows[0]
    assert row.nominal_growth == pytest.approx(10)
    assert row.real_growth == 5
    assert row.volume_index == pytest.approx(105)  # from the real 5%, not the nominal 10%
    assert row.gdp == 1100


def test_nominal_growth_alone_does_not_make_a_chain():
    cities = {YC: figures(Figure(2020, gdp=1000), Figure(2021, gdp=1100))}
    city = track(cities, as_of_year=2021)[YC]
    assert city.rows[0].nominal_growth == pytest.approx(10)
    assert city.rows[0].volume_index is None
    assert city.status == "no_data"
    assert city.missing == (Missing(YC, 2021, "growth"),)


def test_zone_track_worked_example():
    tracks = track(TWO_CITIES, as_of_year=2021)
    assert list(tracks) == [YC, LF, ZONE]  # cities in the order given, zone last
    zone = tracks[ZONE]
    row = zone.rows[0]
    assert row.real_growth == pytest.approx(10)
    assert row.volume_index == pytest.approx(110)
    assert row.gap == pytest.approx(0)
    assert row.gdp == pytest.approx(3350)
    assert row.nominal_growth == pytest.approx(100 * (3350 / 3000 - 1))
    assert zone.status == "on_track"
    assert zone.missing == ()


def test_zone_track_with_missing_previous_gdp():
    cities = {
        YC: figures(Figure(2021, gdp=2200, growth=9)),
        LF: figures(Figure(2020, gdp=1000), Figure(2021, gdp=1150, growth=12)),
    }
    tracks = track(cities, as_of_year=2021)
    zone = tracks[ZONE]
    assert zone.rows[0].real_growth is None
    assert zone.rows[0].volume_index is None
    assert zone.rows[0].nominal_growth is None  # 2020 zone GDP unknown
    assert zone.status == "no_data"
    assert zone.missing == (Missing(YC, 2020, "gdp"),)
    assert zone.chain_break == 2021
    # the cities' own chains are unaffected
    assert tracks[YC].status == "behind"
    assert tracks[LF].status == "on_track"


def test_zone_chain_is_the_chain_of_weighted_growths():
    cities = {
        YC: figures(Figure(2020, gdp=2000), Figure(2021, gdp=2200, growth=9), Figure(2022, growth=6)),
        LF: figures(Figure(2020, gdp=1000), Figure(2021, gdp=1100, growth=12), Figure(2022, growth=3)),
    }
    zone = track(cities, as_of_year=2022)[ZONE]
    g2022 = (2200 * 6 + 1100 * 3) / 3300  # = 5
    assert zone.rows[1].real_growth == pytest.approx(g2022)
    assert zone.rows[1].volume_index == pytest.approx(chain_index([10, g2022]))
    assert zone.missing == (Missing(YC, 2022, "gdp"), Missing(LF, 2022, "gdp"))


# --- tracking: edge cases -------------------------------------------------------------------------------


def test_gap_in_the_middle_breaks_the_chain():
    city = track(one_city(9, None, 8), as_of_year=2023)[YC]
    assert [r.real_growth for r in city.rows] == [9, None, 8]  # later rows keep their own rate
    assert [r.volume_index for r in city.rows] == pytest.approx([109, None, None])
    assert [r.gap for r in city.rows][1:] == [None, None]
    assert city.years_chained == 1
    assert city.chained_index == pytest.approx(109)
    assert city.chain_break == 2022
    assert city.remaining_years == 2
    assert city.required_average == pytest.approx(required_growth(109, 1, 3, 10))
    assert city.status == "behind"  # the chain never reached 2023
    assert city.missing == (Missing(YC, 2022, "growth"),)


def test_as_of_beyond_the_target_year():
    city = track(one_city(10, 10, 10, 6, 6, 6), as_of_year=2026)[YC]
    assert [r.year for r in city.rows] == [2021, 2022, 2023, 2024, 2025, 2026]
    assert city.rows[-1].target_index == pytest.approx(100 * 1.1**6)
    assert city.rows[-1].volume_index == pytest.approx(133.1 * 1.06**3)
    # realised/required concern 2021-2023 only: the slower later years do not count
    assert city.years_chained == 3
    assert city.realised_average == pytest.approx(10)
    assert city.chained_index == pytest.approx(133.1)
    assert city.remaining_years == 0
    assert city.required_average is None
    assert city.status == "met"


def test_as_of_beyond_target_with_later_years_unpublished():
    city = track(one_city(9.1, 5.6, 5.6, 5.0), as_of_year=2026)[YC]
    assert city.status == "missed"
    assert city.chain_break == 2025
    assert city.missing == (Missing(YC, 2025, "growth"), Missing(YC, 2026, "growth"))
    assert city.rows[3].volume_index == pytest.approx(121.6613376 * 1.05)
    assert city.rows[4].volume_index is None


def test_empty_city_data():
    tracks = track({YC: {}, LF: {}}, as_of_year=2022)
    for scope in (YC, LF, ZONE):
        t = tracks[scope]
        assert t.status == "no_data"
        assert t.years_chained == 0
        assert t.realised_average is None
        assert t.required_average == 10.0  # nothing achieved: the whole target rate is still needed
        assert t.remaining_years == 3
        assert t.chained_index == 100
        assert [r.volume_index for r in t.rows] == [None, None]
        assert t.chain_break == 2021
    assert tracks[YC].missing == (Missing(YC, 2021, "growth"), Missing(YC, 2022, "growth"))
    assert set(tracks[ZONE].missing) == {
        Missing(c, y, f) for c in (YC, LF) for y, f in [(2020, "gdp"), (2021, "gdp"), (2022, "gdp")]
    } | {Missing(c, y, "growth") for c in (YC, LF) for y in (2021, 2022)}


def test_no_cities_at_all():
    result = track_target({}, as_of_year=2022, **PERIOD)
    assert [s.scope for s in result.scopes] == [ZONE]
    assert result.scopes[0].status == "no_data"
    assert result.scopes[0].missing == ()


def test_as_of_before_the_first_row_year():
    result = track_target(one_city(9.1), as_of_year=2020, **PERIOD)
    for t in result.scopes:
        assert t.rows == ()
        assert t.status == "no_data"
        assert t.missing == ()
        assert t.chain_break is None
        assert t.required_average == 10.0


def test_track_echoes_the_period():
    result = track_target(one_city(9.1), as_of_year=2021, **PERIOD)
    assert (result.base_year, result.as_of_year, result.target_year, result.target_rate) == (
        2020,
        2021,
        2023,
        10.0,
    )


@pytest.mark.parametrize("target_year", [2020, 2019])
def test_base_year_must_precede_target_year(target_year):
    with pytest.raises(ValueError):
        track_target(one_city(9.1), as_of_year=2021, **{**PERIOD, "target_year": target_year})


def test_rejects_malformed_data():
    with pytest.raises(ValueError):
        track(one_city(9.1), as_of_year=2021, zone=YC)  # zone named like a city
    with pytest.raises(ValueError):
        track({YC: {2021: Figure(2022, growth=9)}}, as_of_year=2021)  # filed under the wrong year
    with pytest.raises(ValueError):
        track({YC: figures(Figure(2020, gdp=0))}, as_of_year=2021)
    with pytest.raises(ValueError):
        track(one_city(-100), as_of_year=2021)


# ---------------------------------------------------------------- through the CLI: jsj indicator, jsj target


def test_growth_target_worked_examples(jsj):
    for year, rate in ((2021, "9.1"), (2022, "5.6"), (2023, "5.6")):
        assert jsj("indicator", "set", "运城", year, "--growth", rate).exit_code == 0
    doc = json.loads(jsj("target", "--format", "json", "--as-of-year", "2023").stdout)
    yuncheng = doc["scopes"][0]
    assert yuncheng["scope"] == "运城市" and yuncheng["realised_average"] == pytest.approx(6.75)
    assert yuncheng["status"] == "missed"
    early = json.loads(jsj("target", "--format", "json", "--as-of-year", "2021").stdout)["scopes"][0]
    assert early["required_average"] == pytest.approx(10.45) and early["remaining_years"] == 2
    zone = doc["scopes"][-1]
    assert zone["realised_average"] is None  # no 临汾 figures and no GDP weights: say so, do not guess
    assert {"scope": "临汾市", "year": 2021, "field": "growth"} in zone["missing"]
    status = json.loads(jsj("status", "--format", "json", "--as-of", "2024-06-30").stdout)
    assert status["target"]["scopes"][0]["realised_average"] == pytest.approx(6.75)


def test_zone_growth_is_weighted_by_previous_year_gdp(jsj):
    jsj("indicator", "set", "运城市", "2020", "--gdp", "2000")
    jsj("indicator", "set", "临汾市", "2020", "--gdp", "1000")
    jsj("indicator", "set", "运城市", "2021", "--growth", "9", "--gdp", "2200")
    jsj("indicator", "set", "临汾市", "2021", "--growth", "12", "--source", "统计公报")
    doc = json.loads(jsj("target", "--format", "json", "--as-of-year", "2021").stdout)
    zone = doc["scopes"][-1]["years"][0]
    assert zone["real_growth"] == pytest.approx(10.0)  # (2000×9 + 1000×12) / 3000
    assert doc["scopes"][0]["years"][0]["nominal_growth"] == pytest.approx(10.0)  # 2000 → 2200, shown apart
    listed = json.loads(jsj("indicator", "list", "--format", "json").stdout)
    assert [(r["scope"], r["year"]) for r in listed] == [
        ("运城市", 2020),
        ("运城市", 2021),
        ("临汾市", 2020),
        ("临汾市", 2021),
    ]
    assert listed[1]["gdp"] == 2200 and listed[3]["source"] == "统计公报"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["indicator", "set", "太原", "2021", "--growth", "9"], "未知统计范围“太原”"),
        (["indicator", "set", "运城", "20x1", "--growth", "9"], "YEAR “20x1”不是有效年份"),
        (["indicator", "set", "运城", "2021", "--gdp", "-5"], "--gdp “-5”应大于 0 且不超过 10,000,000"),
        (["indicator", "set", "运城", "2021", "--growth", "abc"], "--growth “abc”不是有效数字"),
        (["indicator", "set", "运城", "2021", "--growth", "1e300"], "--growth “1e300”不是有效数字"),
        (["indicator", "set", "运城", "2021", "--growth", "150"], "--growth “150”应大于 -100 且不超过 100"),
        (["indicator", "set", "运城", "2021"], "没有要记录的数据"),
        (["target", "--base-year", "2023"], "--base-year 2023 应早于目标年份 2023"),
        (["target", "--as-of-year", "2019"], "--as-of-year 2019 应晚于基期"),
    ],
)
def test_bad_statistics_are_refused(jsj, args, message):
    result = jsj(*args)
    assert result.exit_code == 1 and message in result.stderr


def test_growth_takes_a_percent_sign_as_the_readme_says(jsj):
    assert jsj("indicator", "set", "运城", "2021", "--growth", "9.1%").exit_code == 0
    assert json.loads(jsj("indicator", "list", "--format", "json").stdout)[0]["growth"] == 9.1
