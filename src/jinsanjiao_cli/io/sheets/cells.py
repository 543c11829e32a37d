"""Cell values -> field values: each rule for one value, and the column converters that apply them fast.

The single-value functions (`parse_task_no`, `parse_date`, `parse_progress`, `normalise_text`) are the
rules; `rows` states them for users. `Column` applies a rule to a chunk of one column's cells, converting
each distinct value once through a memo (units, task numbers, dates and progress repeat heavily), with fast
paths for the numbers and dates that xlsx/xls cells are. tests/test_sheets_rows.py checks that a whole
sheet parsed this way agrees with the rules applied cell by cell.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

from jinsanjiao_cli.core.values import PLAIN_NUMBER, date_from_text
from jinsanjiao_cli.text.i18n import t


def nfkc(s: str) -> str:
    return s if s.isascii() else unicodedata.normalize("NFKC", s)


@lru_cache(maxsize=16384)
def normalise_str(s: str) -> str | None:
    s = " ".join(nfkc(s).split())
    return s or None


def normalise_text(value: object) -> str | None:
    """Trim, collapse inner whitespace, NFKC (full-width letters/digits/brackets/％ -> ASCII); '' -> None."""
    if value is None:
        return None
    if isinstance(value, str):
        return normalise_str(value)
    return normalise_str(show_value(value))


def show_value(value: object) -> str:
    """A cell value as a person would see it: 1.0 -> '1', a date -> '2022-06-30'."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ") if value.time() != datetime.time() else value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def note_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        s = value.strip()
        if "\r" in s:
            s = s.replace("\r\n", "\n").replace("\r", "\n")
        return s or None
    return normalise_text(value)


def parse_date(value: object) -> datetime.date:
    """A date from a spreadsheet date/datetime or from text; raises ValueError with a reason."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(t("sheets.reason.required"))
    if isinstance(value, str):
        result = _parse_date_text(value)
        if isinstance(result, datetime.date):
            return result
        raise ValueError(t(result))
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(t("sheets.reason.date_is_number"))
    raise ValueError(t("sheets.reason.not_date"))


@lru_cache(maxsize=4096)
def _parse_date_text(text: str) -> datetime.date | str:
    """The date, or the message key of the reason it is not one."""
    result = date_from_text(nfkc(text).strip())
    return result if isinstance(result, datetime.date) else f"sheets.reason.{result}"


@lru_cache(maxsize=4096)
def progress_text(text: str) -> tuple[float, bool] | None:
    """(number, has % sign) for progress text, or None if it is not a number."""
    s = nfkc(text).strip().replace(" ", "")
    pct = s.endswith("%")
    if pct:
        s = s[:-1]
    if not PLAIN_NUMBER.fullmatch(s):
        return None
    return float(s), pct


def check_progress(x: float) -> float:
    if not math.isfinite(x):
        raise ValueError(t("sheets.reason.not_number"))
    if x < 0 or x > 100:
        raise ValueError(t("sheets.reason.out_of_range"))
    return x + 0.0  # -0.0 -> 0.0


READINGS = ("points_header", "fraction", "points")
"""How the progress numbers whose format is not known are read (see `rows`): percentage points because the
header says %, fractions because every such number lies in [0, 1] and one strictly inside, else points."""


def parse_progress(value: object, *, reading: str = "points", formats: bool = False, percent: bool = False) -> float:
    """Percentage points 0-100 from one progress cell, by the rules of the `rows` docstring; raises
    ValueError with the reason.

    ``formats``: the cell's number format is known (xlsx, ods): a number is then a fraction exactly when
    ``percent`` (formatted as a percentage). Every other number, and number-like text without %, is read by
    the column's ``reading``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(t("sheets.reason.required"))
    if isinstance(value, bool):
        raise ValueError(t("sheets.reason.not_number"))
    if isinstance(value, int | float):
        x = float(value)
        if formats:
            return check_progress(round(x * 100, 9) if percent and math.isfinite(x) else x)
        return check_progress(unstated_progress(x, reading))
    if isinstance(value, str):
        parsed = progress_text(value)
        if parsed is None:
            raise ValueError(t("sheets.reason.not_number"))
        x, pct = parsed
        return check_progress(x if pct else unstated_progress(x, reading))
    raise ValueError(t("sheets.reason.not_number"))


def unstated_progress(x: float, reading: str) -> float:
    """A number whose meaning the file does not state, read as the column's reading says."""
    if reading == "fraction":
        return round(x * 100, 9) if math.isfinite(x) else x
    if reading == "points" and 0 < x < 1:
        shown, percent = show_value(x), show_value(round(x * 100, 9))
        raise ValueError(t("sheets.reason.ambiguous_fraction", value=shown, percent=percent))
    return x


def unstated_number(value: object, formats: bool) -> float | None:
    """The number in a progress cell whose meaning the file does not state, else None: number-like text
    without %, and (when formats are unknown) any number."""
    if value is None or value.__class__ is bool:
        return None
    if value.__class__ is float or value.__class__ is int or isinstance(value, int | float):
        return None if formats else float(value)  # type: ignore[arg-type]
    if isinstance(value, str):
        parsed = progress_text(value)
        if parsed is not None and not parsed[1]:
            return parsed[0]
    return None


_WHOLE = re.compile(r"[+-]?\d+(?:\.0*)?")


def parse_task_no(value: object) -> int:
    """A positive whole number (1, 1.0, "1", "１", " 1 "); raises ValueError with a reason."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(t("sheets.reason.required"))
    n: int | None = None
    if isinstance(value, bool):
        n = None
    elif isinstance(value, int):
        n = value
    elif isinstance(value, float):
        n = int(value) if value.is_integer() else None
    elif isinstance(value, str):
        s = nfkc(value).strip()
        if _WHOLE.fullmatch(s):
            n = int(s.split(".")[0])
    if n is None or n < 1:
        raise ValueError(t("sheets.reason.not_whole"))
    return n


# --------------------------------------------------------------------------------------------------
# Column converters


def cell_at(row: Sequence[object], col: int) -> object:
    """The cell of a row at a 0-based column; None past its end (or for a column the sheet lacks, -1)."""
    return row[col] if 0 <= col < len(row) else None


def blank(v: object) -> bool:
    return v is None or (v.__class__ is str and not v.strip())  # type: ignore[attr-defined]


class Bad:
    """A converted cell that is a problem: the reason, and whether to report the cell as empty (None)."""

    __slots__ = ("empty", "reason")

    def __init__(self, reason: str, empty: bool = False) -> None:
        self.reason = reason
        self.empty = empty


_NONE_TYPE = type(None)
_TYPED = (float, int, datetime.date, datetime.datetime)  # what xlsx/xls/ods cells are, besides text


class _Memo(dict):  # type: ignore[type-arg]
    """cell value -> converted value, for one `Column` and one kind of cell (text, or one type)."""

    __slots__ = ("column", "text")

    def __init__(self, column: Column, text: bool) -> None:
        super().__init__()
        self.column = column
        self.text = text

    def __missing__(self, key: object) -> object:
        column = self.column
        value = column.convert(key)
        if value.__class__ is Bad:
            column.bad = True
        if (
            (key is None or (key.__class__ is str and key.strip()))  # type: ignore[attr-defined]
            if self.text
            else (key.__class__ is not datetime.datetime or key.tzinfo is None)  # type: ignore[attr-defined]
        ):
            self[key] = value  # (equal aware datetimes may fall on different dates)
        return value


class Column:
    """Converts the cells of one column of one sheet, a chunk at a time; ``bad`` once a cell converted to a
    Bad. Each distinct value is converted once, through a memo:

    * a chunk whose first cell is text (or empty) goes through the text memo, which keeps only None and
      plain str that are not blank: no number or date equals a str, and an equal str subclass converts as
      the str does unless blank (only a plain str can be a blank cell). Other cells miss and are converted
      each time;
    * a chunk all of one type of number or date (what xlsx/xls give) goes through a memo of that type:
      values of different types may compare equal (1 == 1.0 == True) yet convert differently;
    * any other chunk cell by cell: `fast(cells, get)` takes the common numbers and dates inline and the
      rest from `get` (the text memo)."""

    __slots__ = ("bad", "convert", "fast", "memos", "text")

    def __init__(self, convert: Callable[[object], object], fast: Callable[..., list[object]] | None = None) -> None:
        self.convert = convert
        self.fast = fast
        self.bad = False
        self.text = _Memo(self, True)
        self.memos: dict[type, _Memo] = {}

    def cells(self, cells: Sequence[object]) -> list[object]:
        """The converted cells (at least one)."""
        try:
            first = cells[0].__class__
            if first is str or first is _NONE_TYPE:
                return list(map(self.text.__getitem__, cells))
            if first in _TYPED and len(set(map(type, cells))) == 1:
                memo = self.memos.get(first)
                if memo is None:
                    memo = self.memos[first] = _Memo(self, False)
                return list(map(memo.__getitem__, cells))
            if self.fast is not None:
                return self.fast(cells, self.text.__getitem__)
            return list(map(self.text.__getitem__, cells))
        except TypeError:  # an unhashable cell (not one a reader makes): convert one by one
            converted = [self.convert(v) for v in cells]
            if any(x.__class__ is Bad for x in converted):
                self.bad = True
            return converted


def task_fast(cells: Sequence[object], get: Callable[[object], object]) -> list[object]:
    return [
        v
        if v.__class__ is int and v >= 1  # type: ignore[operator]
        else int(v)  # type: ignore[call-overload]
        if v.__class__ is float and v.is_integer() and v >= 1  # type: ignore[attr-defined,operator]
        else get(v)
        for v in cells
    ]


def date_fast(cells: Sequence[object], get: Callable[[object], object]) -> list[object]:
    return [
        v
        if v.__class__ is datetime.date
        else v.date()  # type: ignore[attr-defined]
        if v.__class__ is datetime.datetime
        else get(v)
        for v in cells
    ]


def text_cell(v: object) -> str | None:
    if v is None:
        return None
    return normalise_str(v) if v.__class__ is str else normalise_text(v)  # type: ignore[arg-type]


def notes(cells: Sequence[object]) -> list[object]:
    return [
        None
        if v is None
        else (v.strip() or None)  # type: ignore[attr-defined]
        if v.__class__ is str and "\r" not in v  # type: ignore[operator]
        else note_text(v)
        for v in cells
    ]
