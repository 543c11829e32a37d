"""Dates and periods as people write them in notices and bulletins: 2022年6月30日, 2022年6月, 第二季度."""

from __future__ import annotations

import datetime as dt

from jinsanjiao_cli.i18n import lang

_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_QUARTERS_ZH = ("第一季度", "第二季度", "第三季度", "第四季度")


def long_date(day: dt.date) -> str:
    """2022年6月30日, or 30 June 2022."""
    if lang() == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def period_name(label: str) -> str:
    """A reporting period as written in a sentence: 2022年6月 / 2022年第二季度, or June 2022 / Q2 2022."""
    if "Q" in label:
        year, quarter = label.split("Q")
        return f"Q{quarter} {year}" if lang() == "en" else f"{year}年{_QUARTERS_ZH[int(quarter) - 1]}"
    year, month = (int(part) for part in label.split("-"))
    return f"{_MONTHS_EN[month - 1]} {year}" if lang() == "en" else f"{year}年{month}月"
