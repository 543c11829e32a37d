"""The rules for values (core/values.py), tested directly: what a typed option, a spreadsheet cell or a form
field means as a date, a progress, a whole number or a stored text, and how every figure is rounded. No CLI,
no ledger; the expectations are worked out by hand."""

import datetime as dt

import pytest

from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.core.values import (
    AMBIGUOUS_FRACTION,
    DATE_IS_NUMBER,
    FRACTION,
    MAX_TEXT,
    NOT_DATE,
    NOT_NUMBER,
    NOT_WHOLE,
    OUT_OF_RANGE,
    POINTS,
    REQUIRED,
    Invalid,
    check_text,
    date_from_text,
    date_value,
    display_name,
    fixed,
    line_text,
    note_text,
    parse_date,
    parse_email,
    parse_number,
    parse_phone,
    parse_progress,
    parse_year,
    progress_value,
    round_half_up,
    show_value,
    shown,
    whole_number,
)

JUNE_30 = dt.date(2022, 6, 30)


@pytest.mark.parametrize(
    "text", ["2022-06-30", "2022/6/30", "2022.6.30", "2022-6-30 08:15", "2022-06-30T08:15:00", "2022年6月30日"]
)
def test_the_date_forms_people_type_all_name_the_same_day(text):
    assert date_from_text(text) == JUNE_30


@pytest.mark.parametrize(
    ("text", "reason"),
    [("2022-02-30", "no_such_date"), ("2022-06/30", "not_date"), ("44742", "date_is_number"), ("六月", "not_date")],
)
def test_a_text_that_is_no_date_says_why(text, reason):
    assert date_from_text(text) == reason


def test_date_value_takes_dates_datetimes_and_full_width_text_and_refuses_a_bare_number():
    assert date_value(dt.datetime(2022, 6, 30, 17, 45)) == JUNE_30
    assert date_value("２０２２－０６－３０") == JUNE_30
    assert date_value(" ") == Invalid(REQUIRED)
    assert date_value(44742) == Invalid(DATE_IS_NUMBER)
    assert date_value(True) == Invalid(NOT_DATE)


@pytest.mark.parametrize(("raw", "number"), [(1, 1), (1.0, 1), ("1", 1), ("１", 1), (" 7 ", 7), ("12.00", 12)])
def test_a_whole_number_may_be_written_as_people_write_it(raw, number):
    assert whole_number(raw) == number


@pytest.mark.parametrize("raw", [1.5, "abc", 0, -1, True, "1e3"])
def test_what_is_not_a_positive_whole_number_is_refused(raw):
    assert whole_number(raw) == Invalid(NOT_WHOLE)


@pytest.mark.parametrize(
    ("raw", "points"),
    [(60, 60.0), ("60", 60.0), ("60%", 60.0), ("６０％", 60.0), (" 60 % ", 60.0), ("33.335", 33.34), ("-0.004", 0.0)],
)
def test_progress_is_percentage_points_kept_to_two_decimals(raw, points):
    assert progress_value(raw) == points


def test_progress_at_the_edges_of_0_to_100():
    # Kept to 2 decimals first, then checked: 100.004 is 100.00, 100.005 rounds half up to 100.01.
    assert progress_value(100.004) == 100.0
    assert progress_value(100.005) == Invalid(OUT_OF_RANGE)
    assert progress_value(-0.01) == Invalid(OUT_OF_RANGE)
    assert progress_value(float("nan")) == Invalid(NOT_NUMBER)
    assert progress_value("6e1") == Invalid(NOT_NUMBER)
    assert progress_value("") == Invalid(REQUIRED)


def test_a_number_is_read_as_its_cell_format_or_the_columns_reading_says():
    assert progress_value(0.45, percent=True) == 45.0  # a cell formatted as a percentage holds a fraction
    assert progress_value(0.45, percent=False) == 0.45
    assert progress_value(0.07, FRACTION) == 7.0  # not 7.000000000000001
    assert progress_value(0.5, POINTS) == Invalid(AMBIGUOUS_FRACTION, (("value", "0.5"), ("percent", "50")))
    assert progress_value(1, POINTS) == 1.0  # 1 is not between 0 and 1: points
    assert progress_value("0.5%", POINTS) == 0.5  # the % sign settles it


def test_typed_options_are_refused_with_the_option_named():
    assert parse_date("2022/6/30") == JUNE_30
    assert parse_progress("55.5") == 55.5
    with pytest.raises(BadValue, match="--date"):
        parse_date("1899-12-31")
    with pytest.raises(BadValue, match="--on"):
        parse_date("tomorrow", field="--on")
    with pytest.raises(BadValue, match="--progress"):
        parse_progress("101")
    assert parse_year("2023年") == 2023
    with pytest.raises(BadValue):
        parse_year("1899")


def test_parse_number_takes_thousands_separators_and_checks_its_range():
    assert parse_number("1,234.5", "--gdp", above=0, at_most=1e9) == 1234.5
    assert parse_number("６.５%", "--target", above=-100, at_most=100) == 6.5
    with pytest.raises(BadValue):
        parse_number("0", "--gdp", above=0, at_most=1e9)  # the lower bound is exclusive
    with pytest.raises(BadValue):
        parse_number("1e3", "--gdp", above=0, at_most=1e9)


def test_phones_and_emails_as_written():
    assert parse_phone("(0359) 123-4567") == "(0359) 123-4567"
    assert parse_email("ｏｆｆｉｃｅ@example.cn") == "office@example.cn"
    with pytest.raises(BadValue):
        parse_phone("12")
    with pytest.raises(BadValue):
        parse_email("office@localhost")


def test_a_one_line_text_is_trimmed_with_whitespace_runs_as_one_space_and_nfc():
    assert line_text("  推进 \t 中\n ") == "推进 中"
    assert line_text("e\u0301") == "\u00e9"  # NFC: e + combining acute is é
    assert line_text("（已完成）") == "（已完成）"  # full-width punctuation is kept as written
    assert line_text(1.0) == "1"
    assert line_text("   ") is None


def test_a_note_keeps_its_lines_with_line_feeds():
    assert note_text(" 第一行\r\n  第二行\r第三行 ") == "第一行\n  第二行\n第三行"
    assert note_text("\n") is None


def test_text_holding_a_control_character_or_too_long_is_refused():
    assert note_text("a\x1b[31m") == Invalid("values.control_char", (("code", "U+001B"), ("position", 2)))
    assert line_text("abc\u202e") == Invalid("values.control_char", (("code", "U+202E"), ("position", 4)))
    assert note_text("x" * MAX_TEXT) == "x" * MAX_TEXT
    assert note_text("x" * (MAX_TEXT + 1)) == Invalid(
        "values.text_length", (("length", MAX_TEXT + 1), ("limit", MAX_TEXT))
    )
    with pytest.raises(BadValue, match=r"^--note "):
        check_text("\x07", "--note")


def test_values_are_shown_as_a_cell_shows_them():
    assert show_value(1.0) == "1"
    assert show_value(0.25) == "0.25"
    assert show_value(dt.datetime(2022, 6, 30)) == "2022-06-30"
    assert show_value(dt.datetime(2022, 6, 30, 8, 5)) == "2022-06-30 08:05:00"
    assert show_value(False) == "FALSE"


def test_a_file_name_that_would_act_on_a_terminal_is_shown_escaped():
    assert display_name("报告.xlsx") == "报告.xlsx"
    assert display_name("a\x1bb") == "a\\x1bb"
    assert display_name("evil\u202excod.xlsx") == "evil\\u202excod.xlsx"


@pytest.mark.parametrize(
    ("value", "places", "rounded"),
    [(6.25, 1, 6.3), (0.125, 2, 0.13), (-6.25, 1, -6.3), (2.675, 2, 2.68), (1.005, 2, 1.01), (7.0, 2, 7.0)],
)
def test_figures_round_half_up_on_the_decimal_as_written(value, places, rounded):
    # round() gives 6.2, 0.12, 2.67 and 1.0 here: it rounds the binary value, or half to even.
    assert round_half_up(value, places) == rounded


def test_a_one_decimal_column_rounds_the_two_decimal_figure_again():
    # 6.249 is 6.25 to 2 decimals, and that 6.25 is 6.3 to 1: the column agrees with the figure beside it.
    assert shown(6.249, 1) == 6.3
    assert fixed(6.249) == "6.3"
    assert fixed(-0.001) == "0.0"
    assert fixed(12.5, 0) == "13"
