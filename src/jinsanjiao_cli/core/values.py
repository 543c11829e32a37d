"""The rules for values, for every door: what a typed option, a spreadsheet cell or a portal form field
means as a date, a progress, a whole number or a stored text, or why it cannot be taken (`Invalid`).

`record`, `amend`, `import` (io/sheets/cells applies these functions to whole columns) and the portal all
call them, so one value never means two things. The `parse_*` functions are the same rules for a typed
option: the value, or BadValue naming the option.
"""

import datetime as dt
import math
import os
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

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
    """Full-width digits, letters, brackets and ％ to their ASCII forms, trimmed (for reading numbers,
    dates and names; stored text keeps its full-width punctuation, see `line_text`)."""
    return unicodedata.normalize("NFKC", text).strip()


# ---------------------------------------------------------------- raw values: a value or an Invalid
# Each function below takes a value as it arrives at any door (typed text, a spreadsheet cell: str, number,
# date or datetime) and returns the value or an `Invalid`. `record`, `amend`, `import` and the portal call
# them; the `parse_*` functions further down are the same rules for a typed option, raising BadValue.

# The reasons, as message keys (text/messages.py).
REQUIRED = "sheets.reason.required"
NOT_NUMBER, OUT_OF_RANGE = "sheets.reason.not_number", "sheets.reason.out_of_range"
AMBIGUOUS_FRACTION = "sheets.reason.ambiguous_fraction"
NOT_DATE, DATE_IS_NUMBER = "sheets.reason.not_date", "sheets.reason.date_is_number"
NOT_WHOLE = "sheets.reason.not_whole"


class Invalid(NamedTuple):
    """Why a raw value cannot be taken: the message key of the reason and its parameters. A door words it
    in its own place: a sheet as the reason at a row and column (`reason()`), an option as one line."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    def reason(self) -> str:
        return t(self.key, **dict(self.params))


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def show_value(value: object) -> str:
    """A value as a person would see it in a cell: 1.0 -> '1', a date -> '2022-06-30'."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def date_value(raw: object) -> dt.date | Invalid:
    """A date from a date or datetime (its date), or from text in the forms of `date_from_text` (full-width
    digits too). A bare number is refused: an Excel serial such as 44742 cannot be told from a typo."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if is_blank(raw):
        return Invalid(REQUIRED)
    if isinstance(raw, str):
        return _date_text(raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return Invalid(DATE_IS_NUMBER)
    return Invalid(NOT_DATE)


@lru_cache(maxsize=4096)
def _date_text(text: str) -> dt.date | Invalid:
    day = date_from_text(fold(text))
    return day if isinstance(day, dt.date) else Invalid(f"sheets.reason.{day}")


def whole_number(raw: object) -> int | Invalid:
    """A positive whole number: 1, 1.0, "1", "１", " 1 "; 1.5, "abc", 0, -1 and True are refused."""
    if is_blank(raw):
        return Invalid(REQUIRED)
    n: int | None = None
    if isinstance(raw, bool):
        n = None
    elif isinstance(raw, int):
        n = raw
    elif isinstance(raw, float):
        n = int(raw) if raw.is_integer() else None
    elif isinstance(raw, str):
        s = fold(raw)
        if _WHOLE.fullmatch(s):
            n = int(s.split(".")[0])
    return n if n is not None and n >= 1 else Invalid(NOT_WHOLE)


_WHOLE = re.compile(r"[+-]?\d+(?:\.0*)?")


# ---------------------------------------------------------------- progress
# THE progress rule, for every door (docs/formulas.md "Progress as entered"): a number of percentage points,
# kept to 2 decimals as the ledger shows it, and then within 0-100. So -0.004 is 0 and 100.004 is 100,
# whether typed, amended, or read from a CSV, an xlsx number or text, under a (%) header or with a % sign;
# -0.01 and 100.01 are refused. A fraction (a cell formatted as a percentage, a column of fractions) is
# turned into points first, and then kept by the same rule: 1.00004 shown as 100.004% is 100.

POINTS_STATED, FRACTION, POINTS = "points_header", "fraction", "points"
READINGS = (POINTS_STATED, FRACTION, POINTS)
"""How a progress number whose meaning the value itself does not state is read: percentage points because
the writer said so (a typed --progress, a header with %), fractions, or points with a number strictly
between 0 and 1 unsettled (see io/sheets/rows)."""


def progress_points(value: float) -> float | None:
    """Percentage points kept to 2 decimals, as the ledger shows them, when then within 0-100; else None."""
    if value != value:  # NaN
        return None
    kept = round_half_up(value, 2) + 0.0  # + 0.0 turns -0.0 into 0.0
    return kept if 0 <= kept <= 100 else None


def fraction_points(value: float) -> float:
    """A fraction as percentage points (0.45 -> 45), without the binary noise of x * 100 (0.07 -> 7.0)."""
    return round(value * 100, 9) if math.isfinite(value) else value


def is_fraction_progress(value: float) -> bool:
    """Whether a number read as a fraction is a progress (0 <= points <= 100 once kept to 2 decimals)."""
    return progress_points(fraction_points(value)) is not None


def progress_value(raw: object, reading: str = POINTS_STATED, percent: bool | None = None) -> float | Invalid:
    """Percentage points 0-100, kept to 2 decimals, from a typed or read value: 60, 60.5, "60", "60%",
    "６０％", " 60 % ". Text with a % sign is points. `percent`: the value's cell format, when known (True:
    formatted as a percentage, so a number is a fraction; False: points); otherwise a number, and number-like
    text without %, is read by `reading`."""
    if is_blank(raw):
        return Invalid(REQUIRED)
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return Invalid(NOT_NUMBER)
    if isinstance(raw, str):
        parsed = progress_text(raw)
        if parsed is None:
            return Invalid(NOT_NUMBER)
        number, sign = parsed
        if sign:
            return _kept(number)
    else:
        number = float(raw)
        if percent is not None:
            return _kept(fraction_points(number) if percent else number)
    return _unstated(number, reading)


def _unstated(number: float, reading: str) -> float | Invalid:
    """A number whose meaning the value does not state, read as `reading` says."""
    if reading == FRACTION:
        return _kept(fraction_points(number))
    if reading == POINTS and 0 < number < 1:
        shown, percent = show_value(number), show_value(fraction_points(number))
        return Invalid(AMBIGUOUS_FRACTION, (("value", shown), ("percent", percent)))
    return _kept(number)


def _kept(number: float) -> float | Invalid:
    if not math.isfinite(number):
        return Invalid(NOT_NUMBER)
    kept = progress_points(number)
    return Invalid(OUT_OF_RANGE) if kept is None else kept


@lru_cache(maxsize=4096)
def progress_text(text: str) -> tuple[float, bool] | None:
    """(number, whether written with a % sign) for progress text, or None if it is not a plain number.
    Spaces around the number and the sign are allowed (" 60 % "), not inside it."""
    s = fold(text)
    sign = s.endswith("%")
    if sign:
        s = s[:-1].rstrip()
    if not PLAIN_NUMBER.fullmatch(s):
        return None
    return float(s), sign


def date_in_range(day: dt.date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


def parse_date(text: str, field: str = "--date") -> dt.date:
    """A typed date option (within 1900-2100), or BadValue naming the option."""
    day = date_value(text)
    if isinstance(day, Invalid) or not date_in_range(day):
        raise BadValue(t("values.bad_date", field=field, value=text))
    return day


def parse_progress(text: str, field: str = "--progress") -> float:
    """A typed progress option: percentage points by `progress_value`, or BadValue naming the option."""
    value = progress_value(text)
    if isinstance(value, Invalid):
        key = "values.progress_range" if value.key == OUT_OF_RANGE else "values.bad_progress"
        raise BadValue(t(key, field=field, value=text))
    return value


# ---------------------------------------------------------------- text
# One normalisation for every text that enters the ledger, on every door, so the same words typed, read from
# a spreadsheet or read back from an export are stored the same way (and an export imported again finds
# its reports already there): NFC (one code point sequence per character), trimmed, line breaks as LF. A
# one-line field (status, project, who, a unit's name) also has every run of whitespace as one space.
# Nothing else is folded: full-width punctuation （）：， is ordinary Chinese and is kept as written (names
# are matched by `names.normalise_name`, which folds; numbers and dates by `fold`).

# Excel holds at most 32,767 characters in a cell: a longer note could not round-trip through the ledger.
MAX_TEXT = 32_767

# What stored text may not hold: control characters other than tab and line breaks (a spreadsheet cannot
# hold them, so the ledger round trip would change the text, and on a terminal they act instead of
# showing), DEL and the C1 controls (ESC and CSI by another name), lone surrogates (bytes that were not
# valid UTF-8), and the bidirectional controls (U+202E and its kin make a note read backwards or disguise
# a file name's extension).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff{BIDI_CONTROLS}]")


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored (a character it may not hold, or its length), or None."""
    invalid = text_invalid(text)
    return None if invalid is None else invalid.reason()


def text_invalid(text: str) -> Invalid | None:
    """`text_problem` as an Invalid."""
    if text.isprintable() and len(text) <= MAX_TEXT:
        # The usual case, in C: a printable text holds no control, format (bidi), surrogate or noncharacter.
        return None
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        return Invalid("values.control_char", (("code", f"U+{ord(bad.group()):04X}"), ("position", bad.start() + 1)))
    if len(text) > MAX_TEXT:
        return Invalid("values.text_length", (("length", len(text)), ("limit", MAX_TEXT)))
    return None


def normalise_breaks(text: str) -> str:
    """Line breaks as line feeds: CRLF (Windows) and a lone CR (old Mac) mean the same line break."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _nfc(text: str) -> str:
    return text if text.isascii() or unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _checked(text: str) -> str | Invalid | None:
    if not text:
        return None
    invalid = text_invalid(text)
    return text if invalid is None else invalid


@lru_cache(maxsize=16384)
def _line(text: str) -> str | Invalid | None:
    return _checked(" ".join(_nfc(text).split()))


def line_text(raw: object) -> str | Invalid | None:
    """A one-line text field as stored: trimmed, whitespace runs as one space, NFC; None when empty. A cell
    that is a number or a date is its text as shown (1.0 -> "1")."""
    if raw is None:
        return None
    return _line(raw if isinstance(raw, str) else show_value(raw))


def note_text(raw: object) -> str | Invalid | None:
    """A free text (a note, a problem, a reason) as stored: trimmed, line breaks as LF, NFC; None when empty.
    Inner spaces and lines are kept as written."""
    if raw is None:
        return None
    if not isinstance(raw, str):
        return line_text(raw)
    text = raw.strip()
    if not text:
        return None
    if "\r" in text:
        text = normalise_breaks(text)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if text.isprintable() and len(text) <= MAX_TEXT:  # the usual note, checked in C
        return text
    return _checked(text)


@lru_cache(maxsize=4096)  # statuses repeat row after row in an import
def folded_line(text: str | None) -> str | None:
    """A one-line text as imports stored it before text had one rule (NFKC: full-width brackets, letters
    and digits folded to ASCII). Only for recognising those stored reports when the same file is imported
    again; nothing is stored in this form any more."""
    if text is None or text.isascii():
        return text
    return " ".join(unicodedata.normalize("NFKC", text).split()) or None


def display_name(path: os.PathLike[str] | str) -> str:
    """A file name (or a path typed for --db) as it can be shown, printed and stored: bytes that are not
    UTF-8 (kept by Python as surrogates) and control or bidirectional-control characters (which a terminal
    would obey, or which would disguise the name) appear as escapes such as \\xff, \\x1b and \\u202e."""
    text = os.fspath(path)
    if text.isprintable():
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        raw = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in raw)


def check_text(text: str | None, field: str, *, one_line: bool = False) -> str | None:
    """A typed text option as stored (`note_text`, or `line_text` for a one-line field), None when empty;
    BadValue naming the option when it holds a character stored text may not hold, or is too long."""
    cleaned = line_text(text) if one_line else note_text(text)
    if isinstance(cleaned, Invalid):
        raise BadValue(f"{field} {cleaned.reason()}")
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
