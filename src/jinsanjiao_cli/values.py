"""Parsing what users type on the command line (dates, progress, years) into values, with one-line errors."""

import datetime as dt
import re
import unicodedata

from jinsanjiao_cli.errors import BadValue
from jinsanjiao_cli.i18n import register, t

register(
    {
        "values.bad_date": (
            "{field} {value!r} 不是有效日期(例:2022-06-30、2022/6/30、2022年6月30日)",
            "{field} {value!r} is not a valid date (e.g. 2022-06-30, 2022/6/30, 2022年6月30日)",
        ),
        "values.bad_progress": ("{field} {value!r} 不是数字", "{field} {value!r} is not a number"),
        "values.progress_range": ("{field} {value!r} 超出 0-100", "{field} {value!r} is outside 0-100"),
        "values.bad_year": ("{field} {value!r} 不是有效年份", "{field} {value!r} is not a valid year"),
        "values.bad_number": ("{field} {value!r} 不是有效数字", "{field} {value!r} is not a valid number"),
    }
)

# 2022-06-30, 2022/6/30, 2022.6.30, 2022年6月30日 (full-width digits are folded first)
_DATE = re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$")


def fold(text: str) -> str:
    """Full-width digits, letters, brackets and ％ to their ASCII forms, trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_date(text: str, field: str = "--date") -> dt.date:
    match = _DATE.match(fold(text))
    if not match:
        raise BadValue(t("values.bad_date", field=field, value=text))
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError as exc:  # 2022-02-30 and the like
        raise BadValue(t("values.bad_date", field=field, value=text)) from exc


def parse_progress(text: str, field: str = "--progress") -> float:
    """Percentage points 0-100; '60', '60.5', '60%', '６０％' all work."""
    cleaned = fold(text).removesuffix("%").strip()
    try:
        value = float(cleaned)
    except ValueError as exc:
        raise BadValue(t("values.bad_progress", field=field, value=text)) from exc
    if not 0 <= value <= 100:  # also rejects nan
        raise BadValue(t("values.progress_range", field=field, value=text))
    return value


def parse_year(text: str, field: str = "YEAR") -> int:
    cleaned = fold(text).removesuffix("年")
    if not cleaned.isdigit() or not 1900 <= int(cleaned) <= 2100:
        raise BadValue(t("values.bad_year", field=field, value=text))
    return int(cleaned)


def parse_number(text: str, field: str, *, minimum: float | None = None) -> float:
    cleaned = fold(text).removesuffix("%").replace(",", "").strip()
    try:
        value = float(cleaned)
    except ValueError as exc:
        raise BadValue(t("values.bad_number", field=field, value=text)) from exc
    if value != value or value in (float("inf"), float("-inf")) or (minimum is not None and value <= minimum):
        raise BadValue(t("values.bad_number", field=field, value=text))
    return value
