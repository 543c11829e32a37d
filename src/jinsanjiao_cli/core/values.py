"""Parsing what users type on the command line (dates, progress, years) into values, with one-line errors."""

import datetime as dt
import re
import unicodedata

from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.text.i18n import t

# Dates outside these years are typing mistakes here (and Excel cannot hold dates before 1900).
FIRST_YEAR, LAST_YEAR = 1900, 2100
# A plain decimal: no exponents, underscores, 'nan' or 'inf', which float() would accept.
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")

# The date forms people type and spreadsheets hold as text, after full-width folding: 2022-06-30,
# 2022/6/30, 2022.6.30 (one separator throughout, an optional time after), and 2022年6月30日 (or 号).
_DATE_SEP = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DATE_CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_SERIAL = re.compile(r"\d{4,6}(?:\.\d+)?")


def date_from_text(text: str) -> dt.date | str:
    """The date a folded, trimmed text names, or why not: "not_date", "no_such_date" or "date_is_number"
    (an Excel serial such as 44742, which is ambiguous as text)."""
    match = _DATE_SEP.fullmatch(text)
    if match:
        year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
    else:
        match = _DATE_CJK.fullmatch(text)
        if not match:
            return "date_is_number" if _SERIAL.fullmatch(text) else "not_date"
        year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:  # 2022-02-30 and the like
        return "no_such_date"


def fold(text: str) -> str:
    """Full-width digits, letters, brackets and ％ to their ASCII forms, trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_date(text: str, field: str = "--date") -> dt.date:
    day = date_from_text(fold(text))
    if isinstance(day, str) or not date_in_range(day):
        raise BadValue(t("values.bad_date", field=field, value=text))
    return day


def progress_points(value: float) -> float | None:
    """The one progress rule, for `record`, `amend` and `import` alike: kept to 2 decimals, as the ledger
    shows it, and then within 0-100 (so -0.004 is 0 and 100.004 is 100); None when outside."""
    if value != value:  # NaN
        return None
    kept = round_half_up(value, 2) + 0.0  # + 0.0 turns -0.0 into 0.0
    return kept if 0 <= kept <= 100 else None


def date_in_range(day: dt.date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


def parse_progress(text: str, field: str = "--progress") -> float:
    """Percentage points 0-100, kept to 2 decimals (as the ledger shows them); '60', '60.5', '60%', '６０％'."""
    cleaned = fold(text).removesuffix("%").strip()
    if not PLAIN_NUMBER.fullmatch(cleaned):
        raise BadValue(t("values.bad_progress", field=field, value=text))
    value = progress_points(float(cleaned))
    if value is None:
        raise BadValue(t("values.progress_range", field=field, value=text))
    return value


# Excel holds at most 32,767 characters in a cell: a longer note could not round-trip through the ledger.
MAX_TEXT = 32_767

# What stored text may not hold, for `record`, `amend`, `import` and every other entry alike: control
# characters other than tab and line breaks (a spreadsheet cannot hold them, so the ledger round trip would
# change the text, and on a terminal they act instead of showing), DEL and the C1 controls (ESC and CSI by
# another name), and lone surrogates (bytes that were not valid UTF-8).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored (a character it may not hold, or its length), or None."""
    if text.isprintable() and len(text) <= MAX_TEXT:
        # The usual case, in C: a printable text holds no control character, surrogate or noncharacter.
        return None
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        return t("values.control_char", code=f"U+{ord(bad.group()):04X}", position=bad.start() + 1)
    if len(text) > MAX_TEXT:
        return t("values.text_length", length=len(text), limit=MAX_TEXT)
    return None


def normalise_breaks(text: str) -> str:
    """Line breaks as line feeds: CRLF (Windows) and a lone CR (old Mac) mean the same line break."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def check_text(text: str | None, field: str) -> str | None:
    """Trimmed text with plain line breaks, None when empty; refused when it holds a character stored text
    may not hold, or more than a spreadsheet cell can."""
    cleaned = normalise_breaks(text.strip()) if text else None
    if not cleaned:
        return None
    problem = text_problem(cleaned)
    if problem is not None:
        raise BadValue(f"{field} {problem}")
    return cleaned


def parse_year(text: str, field: str = "YEAR") -> int:
    cleaned = fold(text).removesuffix("年")
    if not cleaned.isdigit() or not 1900 <= int(cleaned) <= 2100:
        raise BadValue(t("values.bad_year", field=field, value=text))
    return int(cleaned)


def parse_number(text: str, field: str, *, above: float, at_most: float) -> float:
    """A plain decimal with above < value <= at_most; thousands separators allowed."""
    cleaned = fold(text).removesuffix("%").replace(",", "").strip()
    if not PLAIN_NUMBER.fullmatch(cleaned):
        raise BadValue(t("values.bad_number", field=field, value=text))
    value = float(cleaned) + 0.0
    if not above < value <= at_most:
        raise BadValue(t("values.number_range", field=field, value=text, above=above, at_most=at_most))
    return value


_PHONE = re.compile(r"[0-9 ()+\-]{3,40}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


def parse_phone(text: str) -> str:
    """A phone number as written: digits, spaces, -, + and parentheses, at least three digits."""
    cleaned = fold(text)
    if not _PHONE.fullmatch(cleaned) or sum(c.isdigit() for c in cleaned) < 3:
        raise BadValue(t("values.bad_phone", value=text))
    return cleaned


def parse_email(text: str) -> str:
    cleaned = fold(text)
    if not _EMAIL.fullmatch(cleaned) or len(cleaned) > 254:
        raise BadValue(t("values.bad_email", value=text))
    return cleaned


# ---------------------------------------------------------------- rounding: one rule for every figure
# 四舍五入 on the figure as written in decimal (Python's shortest repr of the float), not on its binary value:
# 6.25 is 6.3 and 0.125 is 0.13 everywhere, where round() and format() give 6.2 and 0.12. Figures are kept
# to 2 decimals in JSON, CSV, workbooks and the bulletin; a screen column of 1 decimal rounds that
# 2-decimal figure again, so it never disagrees with the figure printed beside it elsewhere.
FIGURE_PLACES = 2


def round_half_up(value: float, places: int = FIGURE_PLACES) -> float:
    """`value` rounded half up (away from zero) to `places` decimals."""
    if value != value or value in (float("inf"), float("-inf")) or round(value, places) == value:
        return value + 0.0  # already that short (most figures people type): nothing to round
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)) + 0.0


def shown(value: float, places: int = 1) -> float:
    """A figure as a column of `places` decimals shows it: its 2-decimal figure, rounded half up again."""
    kept = round_half_up(value, FIGURE_PLACES)
    return kept if places >= FIGURE_PLACES else round_half_up(kept, places)


def fixed(value: float, places: int = 1) -> str:
    """A figure as text with exactly `places` decimals, by the one rule (`shown`)."""
    return f"{shown(value, places):.{places}f}"
