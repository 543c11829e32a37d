"""Dates and periods as people write them in notices and bulletins: 2022年6月30日, 2022年6月, 第二季度."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from jinsanjiao_cli.text.i18n import lang
from jinsanjiao_cli.text.labels import LABELS

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
_DIGITS_ZH = "零一二三四五六七八九十"


def count_zh(n: int) -> str:
    """A small count in Chinese numerals, as in 六大板块 or 十六项重点任务 (0-99); larger counts stay digits."""
    if not 0 <= n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS_ZH[ones]
    return ("" if tens == 1 else _DIGITS_ZH[tens]) + "十" + ("" if ones == 0 else _DIGITS_ZH[ones])


_GOVERNMENT = "人民政府"


def short_unit(name: str) -> str:
    """A unit as a sentence or a note names it: 临汾市人民政府 → 临汾市; a department stays as it is."""
    if name.endswith(_GOVERNMENT) and len(name) > len(_GOVERNMENT):
        return name[: -len(_GOVERNMENT)]
    return name


def sections_heading(count: int, parts: int = 0) -> str:
    """The sections table's heading: 六大板块 for the bundled plan's six, in general the plan's own count;
    各板块 where parts without sections stand as rows beside them (the count would not be the rows')."""
    if lang() == "en":
        return "Sections"
    if parts:
        return "各板块"
    if count == 2:
        return "两大板块"  # before a measure word 2 is 两, never 二
    return f"{count_zh(count)}大板块" if count > 1 else "板块"


def sections_heading_of(kinds: Iterable[str]) -> str:
    """`sections_heading` for the summary's rows, given each row's kind ("section" or "part")."""
    kinds = list(kinds)
    parts = kinds.count("part")
    return sections_heading(len(kinds) - parts, parts)


def section_row(no: int | None, part: int | None, title: str) -> tuple[str, str]:
    """A row of the sections' summary as a table shows it, (number, title): a section by its number; a part
    without sections, which stands as its own row, named as the part it is: ("—", "重点工程（第三部分）")."""
    if part is None:
        return str(no), title
    if lang() == "en":
        return "—", f"{title} (part {part})"
    return "—", f"{title}（第{count_zh(part)}部分）"


def long_date(day: dt.date) -> str:
    """2022年6月30日, or 30 June 2022."""
    if lang() == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def month_day(day: dt.date, context: dt.date) -> str:
    """A date in a table, as short as is clear: 7月24日 in the year of `context`, else 2022年7月24日 (in
    English 24 Jul, or 24 Jul 2022)."""
    if lang() == "en":
        short = f"{day.day} {_MONTHS_EN[day.month - 1][:3]}"
        return short if day.year == context.year else f"{short} {day.year}"
    short = f"{day.month}月{day.day}日"
    return short if day.year == context.year else f"{day.year}年{short}"


def period_name(label: str) -> str:
    """A reporting period as written in a sentence: 2022年6月 / 2022年第二季度, or June 2022 / Q2 2022."""
    if "Q" in label:
        year, quarter = label.split("Q")
        return f"Q{quarter} {year}" if lang() == "en" else f"{year}年{_QUARTERS_ZH[int(quarter) - 1]}"
    year_text, month_text = label.split("-")
    month = int(month_text)
    return f"{_MONTHS_EN[month - 1]} {year_text}" if lang() == "en" else f"{year_text}年{month}月"


def kind_label(kind: str) -> str:
    """A project kind's label; a code without one is shown as written in the plan."""
    return LABELS[f"xl.kind.{kind}"][lang() == "en"] if f"xl.kind.{kind}" in LABELS else kind
